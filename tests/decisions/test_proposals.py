"""Wording is versioned: amendments record their words, proposer and fate; rounds keep the words."""

import json

import pytest

from kiosk.decisions.proposals import decide_amendment, history, propose_amendment
from kiosk.decisions.rounds import cast_vote, close_round, open_round
from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in

ORIGINAL = "Open the library on Sundays."
AMENDED = "Open the library on Sundays from 10 to 4, staffed by volunteers."


@pytest.fixture
def temperature(db, meeting):
    rnd = open_round(db, meeting, ORIGINAL, stage="temperature")
    close_round(db, rnd["id"])
    return rnd


def test_a_temperature_check_decides_nothing_but_is_recorded(db, meeting, temperature):
    row = db["rounds"].get(temperature["id"])
    assert row["outcome"] == "noted"
    assert row["explanation"] == "Temperature: 0 agree, 0 unsure, 0 disagree."


def test_an_amendment_taken_by_vote_becomes_the_wording_decided(db, meeting, temperature):
    people = [check_in(db, meeting, f"P{i}", True, False) for i in range(3)]
    amendment = propose_amendment(db, meeting, temperature["proposal_id"], AMENDED, "Priya")
    rnd = open_round(
        db,
        meeting,
        stage="amendment",
        rule="majority",
        proposal_id=temperature["proposal_id"],
        amendment_id=amendment["id"],
    )
    assert rnd["text"] == AMENDED
    for person in people:
        cast_vote(db, person, rnd["id"], "yes")
    close_round(db, rnd["id"])
    record = history(db, temperature["proposal_id"])
    assert [v["text"] for v in record["versions"]] == [ORIGINAL, AMENDED]
    assert record["amendments"][0]["status"] == "taken"
    assert record["amendments"][0]["proposed_by"] == "Priya"
    consent = open_round(db, meeting, proposal_id=temperature["proposal_id"])
    assert consent["text"] == AMENDED
    # The earlier round still shows the words it was asked about.
    assert db["rounds"].get(temperature["id"])["wording"] == ORIGINAL


def test_an_amendment_can_come_from_the_floor_and_be_left(db, meeting, temperature):
    amendment = propose_amendment(db, meeting, temperature["proposal_id"], AMENDED, "  ")
    assert amendment["proposed_by"] == "from the floor"
    decide_amendment(db, meeting, amendment["id"], taken=False)
    record = history(db, temperature["proposal_id"])
    assert [v["text"] for v in record["versions"]] == [ORIGINAL]
    assert record["amendments"][0]["status"] == "not_taken"
    with pytest.raises(Refused, match="already been decided"):
        decide_amendment(db, meeting, amendment["id"], taken=True)


def test_a_failed_amendment_vote_leaves_the_wording(db, meeting, temperature):
    person = check_in(db, meeting, "P", True, False)
    amendment = propose_amendment(db, meeting, temperature["proposal_id"], AMENDED, "Sam")
    rnd = open_round(
        db,
        meeting,
        stage="amendment",
        rule="majority",
        proposal_id=temperature["proposal_id"],
        amendment_id=amendment["id"],
    )
    cast_vote(db, person, rnd["id"], "no")
    closed = close_round(db, rnd["id"])
    assert json.loads(closed["record"])["total"]["no"] == 1
    assert history(db, temperature["proposal_id"])["amendments"][0]["status"] == "not_taken"
    assert db["proposals"].get(temperature["proposal_id"])["text"] == ORIGINAL


def test_bad_amendments_are_refused(db, meeting, temperature):
    with pytest.raises(Refused, match="exact words"):
        propose_amendment(db, meeting, temperature["proposal_id"], " ", "Sam")
    with pytest.raises(Refused, match="not part of this meeting"):
        propose_amendment(db, meeting, 999, AMENDED, "Sam")
    with pytest.raises(Refused, match="pending amendment"):
        open_round(db, meeting, stage="amendment", proposal_id=temperature["proposal_id"])
    assert history(db, temperature["proposal_id"])["amendments"] == []
