"""Decision rules as pure functions: outcomes, sentences and exact boundaries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.rules import RULES, consensus, meets, simple_majority, supermajority_of_voting


def consent(agree=0, concerns=0, aside=0, block=0):
    """Build consent-round counts."""
    return {"agree": agree, "concerns": concerns, "stand_aside": aside, "block": block}


def test_consensus_passes_with_no_blocks_and_says_how_many_agree():
    outcome = consensus(consent(agree=41, concerns=2, aside=1), 50, {})
    assert outcome.passed
    assert outcome.sentence == (
        "Passed: no blocks, 41 of 44 agree (2 with concerns, 1 standing aside)."
    )


def test_any_single_block_stops_consensus_and_names_the_fallback():
    outcome = consensus(consent(agree=99, block=1), 100, {"fallback_percent": 75})
    assert outcome.result == "blocked"
    assert not outcome.passed
    assert outcome.sentence == (
        "Blocked: 1 block from 100 responses. A fallback vote needs 75% of those voting."
    )


def test_consensus_with_no_responses_decides_nothing():
    assert consensus(consent(), 12, {}).result == "no_decision"


def test_consensus_when_everyone_stands_aside_does_not_pass():
    outcome = consensus(consent(aside=5), 5, {})
    assert outcome.result == "failed"
    assert "nobody consented" in outcome.sentence


def test_fallback_three_of_four_is_exactly_seventy_five_percent():
    outcome = supermajority_of_voting({"yes": 3, "no": 1}, 4, {"threshold_percent": 75})
    assert outcome.passed
    assert outcome.sentence == "Passed: 3 of 4 voting said yes (75%); 75% needed."


def test_fallback_just_under_the_threshold_fails():
    outcome = supermajority_of_voting({"yes": 74, "no": 26}, 100, {"threshold_percent": 75})
    assert outcome.passed is False
    assert supermajority_of_voting({"yes": 2, "no": 1}, 3, {"threshold_percent": 75}).result == (
        "failed"
    )


def test_fallback_counts_only_those_voting_yes_or_no():
    outcome = RULES["fallback_75"].apply({"yes": 3, "no": 1, "abstain": 40}, 50)
    assert outcome.passed


def test_fallback_threshold_is_a_setting():
    counts = {"yes": 2, "no": 1}
    assert supermajority_of_voting(counts, 3, {"threshold_percent": 66}).passed
    assert not supermajority_of_voting(counts, 3, {"threshold_percent": 67}).passed
    assert RULES["fallback_75"].apply(counts, 3, {"threshold_percent": "66.5"}).passed


def test_simple_majority_needs_more_yes_than_no():
    assert simple_majority({"yes": 5, "no": 4}, 9, {}).passed
    assert not simple_majority({"yes": 4, "no": 4}, 8, {}).passed


@pytest.mark.parametrize(
    ("part", "whole", "pct", "expected"),
    [
        (3, 4, 75, True),
        (2, 3, "66.67", False),
        (2, 3, "66.66", True),
        (0, 0, 50, False),
        (9, 10, 90, True),
        (89, 100, 90, False),
    ],
)
def test_meets_compares_exactly(part, whole, pct, expected):
    assert meets(part, whole, pct) is expected


@given(st.integers(0, 300), st.integers(0, 300), st.integers(1, 100))
def test_fallback_is_exact_at_every_boundary(yes, no, pct):
    outcome = supermajority_of_voting({"yes": yes, "no": no}, yes + no, {"threshold_percent": pct})
    if yes + no:
        assert outcome.passed == (yes * 100 >= pct * (yes + no))


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_more_agreement_never_turns_a_pass_into_a_fail(agree, concerns, aside, block):
    before = consensus(consent(agree, concerns, aside, block), 200, {})
    after = consensus(consent(agree + 1, concerns, aside, block), 200, {})
    assert not (before.passed and not after.passed)


@given(st.integers(0, 200), st.integers(0, 200))
def test_more_yes_never_turns_a_pass_into_a_fail(yes, no):
    before = RULES["fallback_75"].apply({"yes": yes, "no": no}, 500)
    after = RULES["fallback_75"].apply({"yes": yes + 1, "no": no}, 500)
    assert not (before.passed and not after.passed)
