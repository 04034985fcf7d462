"""Choosing among options: approval, instant run-off and STV, with the documented tie-break."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.decisions.choice import approval, check_approval, check_ranking, instant_runoff, stv
from kiosk.errors import Refused

OPTIONS = ["Library", "Park", "Pool"]


def test_approval_elects_the_most_approved():
    result = approval({"Library": 5, "Park": 7, "Pool": 2}, 9, OPTIONS, seats=2)
    assert result.winners == ["Park", "Library"]
    assert result.sentence == "Chosen by approval from 9 ballots: Park (7), Library (5)."


def test_instant_runoff_transfers_eliminated_preferences():
    ballots = [["Library", "Park"]] * 4 + [["Park", "Library"]] * 3 + [["Pool", "Park"]] * 2
    result = instant_runoff(ballots, OPTIONS)
    assert result.winners == ["Park"]
    assert result.counts[0] == {"Library": 4, "Park": 3, "Pool": 2}
    assert result.counts[1] == {"Library": 4, "Park": 5}
    assert result.sentence == "Elected by instant run-off from 9 ballots after 2 counts: Park."


def test_a_majority_of_first_preferences_wins_at_once():
    assert instant_runoff([["Pool"]] * 3 + [["Park"]] * 2, OPTIONS).winners == ["Pool"]


def test_stv_fills_several_seats_with_exact_surplus_transfer():
    ballots = [["Library", "Park", "Pool"]] * 6 + [["Park", "Pool"]] * 2 + [["Pool", "Park"]]
    result = stv(ballots, OPTIONS, seats=2)
    # Quota 4: Library's surplus of 2 moves on at 2/6 of a vote per ballot.
    assert result.winners == ["Library", "Park"]
    assert result.counts[1]["Park"] == 2 + 6 * Fraction(2, 6)


def test_ties_are_broken_by_earlier_counts_then_by_a_repeatable_lot():
    ballots = [["Library"], ["Park"]]
    first = instant_runoff(ballots, ["Library", "Park"], seed=7).winners
    assert instant_runoff(ballots, ["Library", "Park"], seed=7).winners == first
    # Pool and Park tie at 2 in the second count; Park had fewer in the first, so it goes.
    ballots = [["Library"]] * 4 + [["Pool"]] * 2 + [["Park"]] * 1 + [["Rink", "Park"]]
    result = instant_runoff(ballots, [*OPTIONS, "Rink"])
    assert result.counts[1]["Park"] == result.counts[1]["Pool"] == 2
    assert "Park" not in result.counts[2]


@pytest.mark.parametrize(
    ("ballot", "message"),
    [(["Park", "Park"], "only once"), (["Rink"], "not one of the options"), ([], "at least one")],
)
def test_bad_ranked_ballots_are_refused(ballot, message):
    with pytest.raises(Refused, match=message):
        check_ranking(ballot, OPTIONS)


def test_approval_ballots_are_checked():
    assert check_approval(["Park"], OPTIONS, 2) == ["Park"]
    with pytest.raises(Refused, match="at most 2"):
        check_approval(OPTIONS, OPTIONS, 2)


ranking = st.permutations(OPTIONS).flatmap(lambda p: st.integers(1, 3).map(lambda n: p[:n]))


@given(st.lists(ranking, min_size=1, max_size=40), st.integers(1, 2))
def test_stv_conserves_votes_and_fills_seats(ballots, seats):
    result = stv(ballots, OPTIONS, seats)
    assert sum(result.counts[0].values()) == len(ballots)  # every ballot counts once, first
    for stage in result.counts:
        assert sum(stage.values()) <= len(ballots)  # transfers never create votes
    assert len(result.winners) == seats and len(set(result.winners)) == seats


def test_no_ballots_choose_nobody_and_draw_no_lots():
    for result in (
        stv([], OPTIONS, 1, seed=4),
        stv([[], []], OPTIONS, 2),
        instant_runoff([], OPTIONS),
    ):
        assert result.winners == [] and result.sentence.startswith("No decision: no ballots")
    found = approval({}, 0, OPTIONS, seats=1)
    assert found.winners == [] and found.sentence.startswith("No decision")
