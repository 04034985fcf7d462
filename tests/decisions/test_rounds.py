"""Proposals, rounds and votes, on an in-memory database."""

import pytest

from kiosk.decisions.rounds import cast_vote, close_round, my_vote, open_round, open_round_of, tally
from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, create_meeting

PROPOSAL = "We ask the council to keep the library open on Sundays."


@pytest.fixture
def people(crowd):
    return crowd(4)


def test_a_consent_round_passes_with_no_blocks(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    for person, choice in zip(people, ["agree", "agree", "agree", "stand_aside"], strict=True):
        cast_vote(db, person, rnd["id"], choice)
    closed = close_round(db, rnd["id"])
    assert closed["outcome"] == "passed"
    assert closed["explanation"] == "Passed: no blocks, 3 of 4 agree (1 standing aside)."
    assert closed["present_at_close"] == 4
    assert closed["text"] == PROPOSAL


def test_a_second_vote_replaces_the_first_and_counts_once(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    cast_vote(db, people[0], rnd["id"], "agree")
    cast_vote(db, people[0], rnd["id"], "block", "It shuts out shift workers")
    assert tally(db, rnd["id"]) == {"agree": 0, "concerns": 0, "stand_aside": 0, "block": 1}
    assert my_vote(db, rnd["id"], people[0]["id"]) == {
        "choice": "block",
        "reason": "It shuts out shift workers",
    }


def test_a_vote_on_a_closed_round_is_refused_and_changes_nothing(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    cast_vote(db, people[0], rnd["id"], "agree")
    close_round(db, rnd["id"])
    with pytest.raises(Refused, match="round has closed"):
        cast_vote(db, people[0], rnd["id"], "block", "too late")
    assert tally(db, rnd["id"])["agree"] == 1
    assert my_vote(db, rnd["id"], people[0]["id"])["choice"] == "agree"


def test_a_ten_thousand_character_reason_is_refused_and_nothing_saved(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    with pytest.raises(Refused, match="under 500 characters"):
        cast_vote(db, people[0], rnd["id"], "concerns", "x" * 10_000)
    assert my_vote(db, rnd["id"], people[0]["id"]) is None


def test_reasons_are_kept_only_for_concerns_and_block(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    assert cast_vote(db, people[0], rnd["id"], "agree", "ignored")["reason"] == ""
    assert cast_vote(db, people[1], rnd["id"], "concerns", " parking\n ")["reason"] == "parking"


def test_an_unknown_choice_is_refused(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    with pytest.raises(Refused, match="not one of the choices"):
        cast_vote(db, people[0], rnd["id"], "maybe")


def test_only_one_round_is_open_at_a_time(db, meeting):
    open_round(db, meeting, PROPOSAL)
    with pytest.raises(Refused, match="still open"):
        open_round(db, meeting, "Another proposal")


def test_empty_and_oversized_proposals_are_refused(db, meeting):
    with pytest.raises(Refused, match="exact words"):
        open_round(db, meeting, "   ")
    with pytest.raises(Refused, match="at most 2000"):
        open_round(db, meeting, "x" * 2001)
    assert open_round_of(db, meeting["id"]) is None


def test_a_blocked_proposal_goes_to_a_fallback_vote(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    cast_vote(db, people[0], rnd["id"], "block", "unsafe")
    assert close_round(db, rnd["id"])["outcome"] == "blocked"
    fallback = open_round(
        db, meeting, kind="vote", rule="fallback_75", proposal_id=rnd["proposal_id"]
    )
    for person, choice in zip(people, ["yes", "yes", "yes", "no"], strict=True):
        cast_vote(db, person, fallback["id"], choice)
    closed = close_round(db, fallback["id"])
    assert closed["explanation"] == "Passed: 3 of 4 voting said yes (75%); 75% needed."
    assert closed["text"] == PROPOSAL


def test_a_rule_must_fit_the_kind_of_round(db, meeting):
    with pytest.raises(Refused, match="does not fit"):
        open_round(db, meeting, PROPOSAL, kind="consent", rule="fallback_75")


def test_a_phone_cannot_vote_in_another_meetings_round(db, meeting, people):
    rnd = open_round(db, meeting, PROPOSAL)
    close_round(db, rnd["id"])
    other = create_meeting(db)
    stranger = check_in(db, other, "New", True, True)
    with pytest.raises(Refused, match="another meeting"):
        cast_vote(db, stranger, rnd["id"], "agree")


def test_closing_twice_is_refused(db, meeting):
    rnd = open_round(db, meeting, PROPOSAL)
    close_round(db, rnd["id"])
    with pytest.raises(Refused, match="already closed"):
        close_round(db, rnd["id"])
