"""Secret ballots: counted, never linkable to a person, and one per person."""

import itertools
import json

import pytest

from kiosk.decisions.rounds import cast_vote, close_round, my_vote, open_round, tally
from kiosk.errors import Refused

WORDS = "Elect the delegate to the health council by secret ballot."


@pytest.fixture
def people(crowd):
    return crowd(12)  # enough voters that their order cannot come back by chance


@pytest.fixture
def secret(db, meeting):
    return open_round(db, meeting, WORDS, stage="final", kind="vote", visibility="secret")


def test_a_secret_round_counts_every_ballot(db, people, secret):
    for i, person in enumerate(people):
        assert cast_vote(db, person, secret["id"], "yes" if i < 9 else "no") == {
            "round_id": secret["id"],
            "secret": True,
        }
    assert tally(db, secret["id"]) == {"yes": 9, "no": 3, "abstain": 0}
    closed = close_round(db, secret["id"])
    assert closed["explanation"] == "Passed: 9 of 12 voting said yes (75%); 75% needed."


def test_no_query_over_the_schema_can_join_a_ballot_to_an_attendee(db, people, secret):
    for i, person in enumerate(people):
        cast_vote(db, person, secret["id"], ["yes", "no", "abstain"][i % 3])
    close_round(db, secret["id"])
    # Ballots have no column naming a person, a phone or a time, and no key to such a table.
    columns = {c.name for c in db["ballots"].columns}
    assert columns == {"id", "round_id", "choice"}
    assert [fk.other_table for fk in db["ballots"].foreign_keys] == ["rounds"]
    # Nothing else points at a ballot.
    for table in db.tables:
        assert all(fk.other_table != "ballots" for fk in table.foreign_keys), table.name
    # The record of who voted says nothing about how.
    assert {c.name for c in db["ballot_box"].columns} == {"round_id", "attendee_id"}
    # And no table still holds the secret round's choices beside a person.
    linked = db.execute("SELECT COUNT(*) FROM votes WHERE round_id = ?", [secret["id"]]).fetchone()[
        0
    ]
    assert linked == 0


def test_a_second_secret_ballot_from_the_same_person_is_refused(db, people, secret):
    cast_vote(db, people[0], secret["id"], "yes")
    with pytest.raises(Refused, match="already voted in this secret ballot"):
        cast_vote(db, people[0], secret["id"], "no")
    assert tally(db, secret["id"]) == {"yes": 1, "no": 0, "abstain": 0}
    assert my_vote(db, secret["id"], people[0]["id"]) == {"secret": True}
    assert my_vote(db, secret["id"], people[1]["id"]) is None


def test_a_forged_attendee_cannot_vote_in_a_meeting_it_does_not_belong_to(db, secret, people):
    forged = {**people[0], "id": 99_999, "meeting_id": 12345}
    with pytest.raises(Refused, match="another meeting"):
        cast_vote(db, forged, secret["id"], "yes")
    assert tally(db, secret["id"])["yes"] == 0


def test_a_ranked_secret_ballot_is_stored_and_counted(db, meeting, people):
    rnd = open_round(
        db,
        meeting,
        "Where should the summer fair be?",
        stage="runoff",
        kind="ranked",
        visibility="secret",
        options=["Park", "School", "Car park"],
    )
    for person, ranking in zip(
        people[:5],
        [["Park"], ["Park", "School"], ["School", "Park"], ["Car park", "School"], ["School"]],
        strict=True,
    ):
        cast_vote(db, person, rnd["id"], ranking)
    closed = close_round(db, rnd["id"])
    assert closed["outcome"] == "chosen"
    assert closed["explanation"].startswith("Elected by instant run-off from 5 ballots")
    assert closed["explanation"].endswith("School.")


def test_the_order_ballots_are_stored_in_says_nothing_of_who_cast_them(db, meeting, people):
    options = ["North", "South", "East", "West"]
    rnd = open_round(
        db, meeting, "Where?", stage="runoff", kind="ranked", visibility="secret", options=options
    )
    # Each person casts a ranking nobody else does, so the cast order is known to this test.
    rankings = list(itertools.permutations(options))[: len(people)]
    for person, ranking in zip(people, rankings, strict=True):
        cast_vote(db, person, rnd["id"], list(ranking))
    stored = [tuple(json.loads(r["choice"])) for r in db.query("SELECT choice FROM ballots")]
    assert sorted(stored) == sorted(rankings)
    assert stored != rankings  # stored by random id, not in the order people voted
