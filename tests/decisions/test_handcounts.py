"""Hand counts from hands, cards and paper merge with phone votes; the record keeps each source."""

import json

import pytest

from kiosk.decisions.rounds import cast_vote, close_round, enter_hand_counts, open_round, tally
from kiosk.errors import Refused
from kiosk.meeting.admission import set_without_phones
from kiosk.meeting.meetings import current_meeting, get_meeting


@pytest.fixture
def meeting(db):
    meeting = current_meeting(db)
    set_without_phones(db, meeting, 6)
    return get_meeting(db, meeting["code"])


@pytest.fixture
def people(crowd):
    return crowd(4)


@pytest.fixture
def vote(db, meeting):
    return open_round(db, meeting, "Close the road for the fair", stage="final", kind="vote")


def test_hand_counts_merge_with_phones_and_the_record_shows_each_source(db, meeting, people, vote):
    for person in people[:3]:
        cast_vote(db, person, vote["id"], "yes")
    enter_hand_counts(db, meeting, vote["id"], "hands", {"yes": 4, "no": 1})
    enter_hand_counts(db, meeting, vote["id"], "paper", {"no": "1"})
    assert tally(db, vote["id"]) == {"yes": 7, "no": 2, "abstain": 0}
    closed = close_round(db, vote["id"])
    record = json.loads(closed["record"])
    assert record["phone"] == {"yes": 3}
    assert record["hands"] == {"hands": {"yes": 4, "no": 1}, "paper": {"no": 1}}
    assert record["total"] == {"yes": 7, "no": 2, "abstain": 0}
    assert record["present"] == 10
    assert closed["explanation"] == "Passed: 7 of 9 voting said yes (77.8%); 75% needed."


def test_entering_a_source_again_replaces_it(db, meeting, vote):
    enter_hand_counts(db, meeting, vote["id"], "cards", {"yes": 5})
    enter_hand_counts(db, meeting, vote["id"], "cards", {"yes": 2, "no": 2})
    assert tally(db, vote["id"]) == {"yes": 2, "no": 2, "abstain": 0}


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"yes": -1}, "0 or more"),
        ({"yes": 1.5}, "whole numbers"),
        ({"yes": True}, "whole numbers"),
        ({"maybe": 1}, "not one of this round's choices"),
        ({"yes": 11}, "That makes 11 votes, but only 6 people"),
        ("eleven", "Enter a count"),
    ],
)
def test_impossible_counts_are_refused_and_change_nothing(db, meeting, vote, counts, message):
    enter_hand_counts(db, meeting, vote["id"], "hands", {"no": 1})
    with pytest.raises(Refused, match=message):
        enter_hand_counts(db, meeting, vote["id"], "hands", counts)
    assert tally(db, vote["id"]) == {"yes": 0, "no": 1, "abstain": 0}


def test_phones_plus_hands_cannot_exceed_those_present(db, meeting, people, vote):
    for person in people:
        cast_vote(db, person, vote["id"], "no")
    with pytest.raises(Refused, match="That makes 11 votes, but only 10"):
        enter_hand_counts(db, meeting, vote["id"], "hands", {"yes": 7})


def test_hand_counts_need_an_open_round_and_a_known_source(db, meeting, vote):
    with pytest.raises(Refused, match="hands, cards or paper"):
        enter_hand_counts(db, meeting, vote["id"], "pigeons", {"yes": 1})
    close_round(db, vote["id"])
    with pytest.raises(Refused, match="before closing"):
        enter_hand_counts(db, meeting, vote["id"], "hands", {"yes": 1})


def test_people_without_phones_count_as_present(db, meeting, people):
    rnd = open_round(
        db, meeting, "Paint the hall", stage="final", kind="vote", rule="two_thirds_present"
    )
    enter_hand_counts(db, meeting, rnd["id"], "hands", {"yes": 6})
    for person in people[:1]:
        cast_vote(db, person, rnd["id"], "yes")
    closed = close_round(db, rnd["id"])
    assert closed["present_at_close"] == 10
    assert closed["explanation"].startswith("Passed: 7 of 10 present said yes")
