"""Decision rules as pure functions: outcomes, sentences, exact boundaries, monotonicity."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.decisions.rules import RULES, consensus, meets, of_present, of_voting, simple_majority
from kiosk.errors import Refused

small = st.integers(0, 60)


def consent(agree=0, concerns=0, aside=0, block=0, **extra):
    """Build consent-round counts."""
    return {"agree": agree, "concerns": concerns, "stand_aside": aside, "block": block, **extra}


def apply(rule, counts, present=100, **settings):
    """Apply a preset rule with optional settings overriding its defaults."""
    return RULES[rule].apply(counts, present, settings)


# Consensus where any block stops it, with a fallback vote (default 75% of those voting).


def test_consensus_passes_with_no_blocks_and_says_how_many_agree():
    outcome = consensus(consent(agree=41, concerns=2, aside=1), 50, {})
    assert outcome.passed
    assert outcome.sentence == (
        "Passed: no blocks, 41 of 44 agree (2 with concerns, 1 standing aside)."
    )


def test_any_single_block_stops_consensus_and_names_the_fallback():
    outcome = apply("consensus", consent(agree=99, block=1))
    assert outcome.result == "blocked"
    assert outcome.sentence == (
        "Blocked: 1 block from 100 responses. A fallback vote needs 75% of those voting."
    )


def test_consensus_with_no_responses_or_only_stand_asides_does_not_pass():
    assert consensus(consent(), 12, {}).result == "no_decision"
    assert consensus(consent(aside=5), 5, {}).result == "failed"


def test_fallback_three_of_four_is_exactly_seventy_five_percent():
    outcome = apply("fallback_75", {"yes": 3, "no": 1}, 4)
    assert outcome.passed
    assert outcome.sentence == "Passed: 3 of 4 voting said yes (75%); 75% needed."


def test_fallback_just_under_the_threshold_fails_and_abstentions_do_not_count():
    assert not apply("fallback_75", {"yes": 74, "no": 26}).passed
    assert not apply("fallback_75", {"yes": 2, "no": 1}, 3).passed
    assert apply("fallback_75", {"yes": 3, "no": 1, "abstain": 40}, 50).passed


# Consensus with a block overridden by 90%.


def test_a_block_is_overridden_by_ninety_percent_of_those_voting():
    assert apply("consensus_override", consent(agree=9, block=1)).passed
    outcome = apply("consensus_override", consent(agree=8, concerns=0, block=1))
    assert outcome.result == "blocked"
    assert "8 of 9 voting consent (88.9%) over 1 block" in outcome.sentence


# Bellingham.


def test_bellingham_confirmed_block_stops_it():
    outcome = apply("bellingham", consent(agree=90, block=2, block_valid=8, block_not_valid=2))
    assert outcome.result == "blocked"


def test_bellingham_ten_percent_blocking_tables_it():
    assert apply("bellingham", consent(agree=90, block=10)).result == "tabled"
    assert apply("bellingham", consent(agree=91, block=9)).result == "passed"


def test_bellingham_needs_four_fifths_of_present_and_voting_with_stand_asides_counted():
    assert apply("bellingham", consent(agree=80, aside=20)).passed
    outcome = apply("bellingham", consent(agree=79, aside=21))
    assert outcome.result == "failed"
    assert outcome.sentence == "Not passed: 79 of 100 present and voting consent; 80% needed."


# Fist-to-five, majorities and shares of those present.


def test_fist_to_five_passes_only_when_everyone_shows_three_or_more():
    assert apply("fist_to_five", {"3": 4, "4": 2, "5": 9}).passed
    outcome = apply("fist_to_five", {"2": 1, "5": 20})
    assert outcome.sentence == "Not passed: 1 of 21 showed fewer than 3."


def test_simple_majority_needs_more_yes_than_no():
    assert simple_majority({"yes": 5, "no": 4}, 9, {}).passed
    assert not simple_majority({"yes": 4, "no": 4}, 8, {}).passed


def test_two_thirds_of_those_present_counts_everyone_present():
    assert apply("two_thirds_present", {"yes": 20, "no": 0}, 30).passed
    outcome = apply("two_thirds_present", {"yes": 19, "no": 0}, 30)
    assert not outcome.passed
    assert outcome.sentence == (
        "Not passed: 19 of 30 present said yes (63.3%); 66.7% of those present needed."
    )


def test_seventy_percent_of_those_present():
    assert apply("seventy_present", {"yes": 7}, 10).passed
    assert not apply("seventy_present", {"yes": 69}, 100).passed


# Thresholds are settings, checked and exact.


def test_thresholds_are_settings():
    counts = {"yes": 2, "no": 1}
    assert apply("fallback_75", counts, 3, threshold_percent=66).passed
    assert not apply("fallback_75", counts, 3, threshold_percent=67).passed
    assert apply("fallback_75", counts, 3, threshold_percent="66.5").passed


@pytest.mark.parametrize("bad", [0, "0", 150, "-5", "lots"])
def test_impossible_thresholds_are_refused(bad):
    with pytest.raises(Refused, match="threshold"):
        apply("fallback_75", {"yes": 1}, 1, threshold_percent=bad)


@pytest.mark.parametrize(
    ("part", "whole", "pct", "expected"),
    [(3, 4, 75, True), (2, 3, "66.67", False), (2, 3, "66.66", True), (0, 0, 50, False)],
)
def test_meets_compares_exactly(part, whole, pct, expected):
    assert meets(part, whole, pct) is expected


@given(small, small, st.integers(1, 100))
def test_of_voting_is_exact_at_every_boundary(yes, no, pct):
    outcome = of_voting({"yes": yes, "no": no}, yes + no, {"threshold_percent": pct})
    if yes + no:
        assert outcome.passed == (yes * 100 >= pct * (yes + no))


@given(small, st.integers(1, 200), st.integers(1, 100))
def test_of_present_is_exact_at_every_boundary(yes, present, pct):
    outcome = of_present({"yes": yes}, present, {"threshold_percent": pct})
    assert outcome.passed == (yes * 100 >= pct * present)


@given(small, small, small, small)
def test_bellingham_pass_line_is_exact(agree, concerns, aside, block):
    voting = agree + concerns + aside + block
    outcome = apply("bellingham", consent(agree, concerns, aside, block))
    if voting and not block:
        assert outcome.passed == ((agree + concerns) * 5 >= 4 * voting)


# Monotone: more support never turns a pass into a fail.

CONSENT_RULES = ["consensus", "consensus_override", "bellingham"]
VOTE_RULES = ["fallback_75", "majority", "two_thirds_present", "seventy_present"]


@given(
    st.sampled_from(CONSENT_RULES),
    small,
    small,
    small,
    small,
    st.sampled_from(["agree", "concerns"]),
)
def test_more_consent_never_turns_a_pass_into_a_fail(rule, agree, concerns, aside, block, more):
    before = consent(agree, concerns, aside, block)
    after = {**before, more: before[more] + 1}
    present = sum(after.values())
    assert not (apply(rule, before, present).passed and not apply(rule, after, present).passed)


@given(st.sampled_from(CONSENT_RULES), small, small, small, small)
def test_a_block_becoming_consent_never_fails_a_pass(rule, agree, concerns, aside, block):
    before = consent(agree, concerns, aside, block + 1)
    after = consent(agree + 1, concerns, aside, block)
    present = sum(before.values())
    assert not (apply(rule, before, present).passed and not apply(rule, after, present).passed)


@given(st.sampled_from(VOTE_RULES), small, small, st.integers(0, 30))
def test_more_yes_never_turns_a_pass_into_a_fail(rule, yes, no, absent):
    present = yes + no + 1 + absent
    before = apply(rule, {"yes": yes, "no": no}, present)
    after = apply(rule, {"yes": yes + 1, "no": no}, present)
    assert not (before.passed and not after.passed)


@given(st.dictionaries(st.sampled_from([str(n) for n in range(6)]), small))
def test_fist_to_five_more_fingers_never_fails_a_pass(shown):
    lifted = {str(min(int(f) + 1, 5)): 0 for f in shown}
    for fingers, n in shown.items():
        up = str(min(int(fingers) + 1, 5))
        lifted[up] = lifted.get(up, 0) + n
    assert not (apply("fist_to_five", shown).passed and not apply("fist_to_five", lifted).passed)


def test_every_rule_says_one_plain_sentence():
    for rule in RULES.values():
        sentence = rule.apply({}, 10).sentence
        assert sentence.endswith(".") and "\n" not in sentence
