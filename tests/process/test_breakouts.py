"""Breakout groups: sizes within one, themes honoured, late arrivals to the smallest group."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.process import breakouts, grouping

sizes = st.integers(min_value=breakouts.MIN_SIZE, max_value=breakouts.MAX_SIZE)
people = st.integers(min_value=1, max_value=300).map(lambda n: list(range(1, n + 1)))


def spread(groups: list[list[int]]) -> int:
    """Return how much the largest group outnumbers the smallest."""
    lengths = [len(g) for g in groups]
    return max(lengths) - min(lengths)


@given(people, sizes, st.integers())
def test_random_groups_differ_by_at_most_one_and_hold_everyone_once(ids, size, seed):
    groups = grouping.at_random(ids, size, seed)
    assert spread(groups) <= 1
    assert all(len(g) <= size for g in groups)
    assert sorted(p for g in groups for p in g) == ids


@given(people, sizes)
def test_count_off_numbers_people_round_the_room(ids, size):
    groups = grouping.count_off(ids, size)
    assert spread(groups) <= 1
    assert [g[0] for g in groups] == ids[: len(groups)]  # 1, 2, 3... then round again


def test_the_same_seed_gives_the_same_groups():
    ids = list(range(40))
    assert grouping.at_random(ids, 7, 3) == grouping.at_random(ids, 7, 3)
    assert grouping.at_random(ids, 7, 3) != grouping.at_random(ids, 7, 4)


@given(
    st.dictionaries(
        st.integers(1, 10_000), st.one_of(st.none(), st.integers(1, 4)), min_size=1, max_size=200
    ),
    sizes,
    st.integers(),
)
def test_theme_groups_hold_only_people_who_picked_that_theme(picks, size, seed):
    groups = grouping.by_theme(picks, size, seed)
    assert sorted(p for _, g in groups for p in g) == sorted(picks)
    for theme in {t for t, _ in groups}:
        same = [g for t, g in groups if t == theme]
        assert spread(same) <= 1, "groups of one theme differ by at most one"
    for theme, group in groups:
        assert all(picks[p] in (theme, None) for p in group)


@given(st.lists(st.integers(0, 50), min_size=1, max_size=40))
def test_a_late_arrival_goes_to_the_smallest_group(lengths):
    chosen = grouping.smallest(lengths)
    assert lengths[chosen] == min(lengths)
    assert chosen == lengths.index(min(lengths))


def room(db, n: int) -> tuple[dict, list[dict]]:
    """Check n named people in to the running meeting."""
    meeting = current_meeting(db)
    return meeting, [check_in(db, meeting, f"P{i}", True, False) for i in range(n)]


def test_starting_breakouts_names_colours_and_places_every_group(db):
    meeting, people = room(db, 15)
    breakout = breakouts.start(db, meeting["id"], "random", 7, seed=1)
    groups = breakouts.groups(db, breakout["id"])
    assert [g["members"] for g in groups] == [5, 5, 5]
    assert [g["name"] for g in groups] == ["Otter", "Badger", "Heron"]
    assert [g["place"] for g in groups] == ["Table 1", "Table 2", "Table 3"]
    assert len({g["colour"] for g in groups}) == 3


def test_late_arrivals_fill_the_smallest_group(db):
    meeting, people = room(db, 13)
    breakout = breakouts.start(db, meeting["id"], "count_off", 7)
    assert [g["members"] for g in breakouts.groups(db, breakout["id"])] == [7, 6]
    late = check_in(db, meeting, "Late", True, False)
    group = breakouts.join_late(db, breakout, late["id"])
    assert group["number"] == 2
    assert breakouts.join_late(db, breakout, late["id"])["id"] == group["id"]  # only once
    assert [g["members"] for g in breakouts.groups(db, breakout["id"])] == [7, 7]


def test_themed_groups_are_recorded_by_theme_and_late_arrivals_keep_their_theme(db):
    meeting, people = room(db, 6)
    health, housing = breakouts.set_themes(db, meeting["id"], ["Health", "Housing", " "])
    for person in people[:4]:
        breakouts.pick_theme(db, person, health["id"])
    breakouts.pick_theme(db, people[4], housing["id"])
    breakout = breakouts.start(db, meeting["id"], "theme", 7, seed=2)
    groups = breakouts.groups(db, breakout["id"])
    assert sorted((g["theme"], g["members"]) for g in groups) == [("Health", 4), ("Housing", 2)]
    late = check_in(db, meeting, "Late", True, False)
    breakouts.pick_theme(db, late, health["id"])
    assert breakouts.join_late(db, breakout, late["id"])["theme"] == "Health"


def test_roles_are_volunteered_or_assigned_and_never_doubled(db):
    meeting, people = room(db, 4)
    breakouts.start(db, meeting["id"], "count_off", 7)
    group = breakouts.volunteer(db, people[0], "note_taker")
    assert group["note_taker_id"] == people[0]["id"]
    with pytest.raises(Refused, match="Group Otter already has a note-taker"):
        breakouts.volunteer(db, people[1], "note_taker")
    with pytest.raises(Refused, match="already Group Otter's note-taker"):
        breakouts.set_role(db, meeting["id"], group["id"], "facilitator", people[0]["id"])
    (filled,) = breakouts.fill_roles(db, meeting["id"])
    assert filled["facilitator_id"] == people[1]["id"]
    assert filled["note_taker_id"] == people[0]["id"]


@pytest.mark.parametrize(
    "mode, size, message",
    [
        ("random", 0, "between 2 and 30"),
        ("random", 1000, "between 2 and 30"),
        ("random", "7", "between 2 and 30"),
        ("by magic", 7, "at random, by count-off or by theme"),
        ("theme", 7, "List the themes first"),
    ],
)
def test_bad_breakouts_are_refused_and_change_nothing(db, mode, size, message):
    meeting, _ = room(db, 3)
    with pytest.raises(Refused, match=message):
        breakouts.start(db, meeting["id"], mode, size)
    assert breakouts.latest_breakout(db, meeting["id"]) is None


def test_breakouts_with_nobody_checked_in_are_refused(db):
    meeting = current_meeting(db)
    with pytest.raises(Refused, match="Nobody has checked in yet"):
        breakouts.start(db, meeting["id"], "random", 7)
    assert breakouts.latest_breakout(db, meeting["id"]) is None


def test_running_breakouts_cannot_start_twice_and_end_once(db):
    meeting, _ = room(db, 3)
    breakouts.start(db, meeting["id"], "random", 7)
    with pytest.raises(Refused, match="already running"):
        breakouts.start(db, meeting["id"], "random", 7)
    breakouts.end(db, meeting["id"])
    with pytest.raises(Refused, match="No breakouts are running"):
        breakouts.end(db, meeting["id"])


def test_renaming_the_themes_keeps_the_picks_of_themes_still_offered(db):
    meeting, people = room(db, 2)
    health, _ = breakouts.set_themes(db, meeting["id"], ["Health", "Housing"])
    breakouts.pick_theme(db, people[0], health["id"])
    offered = breakouts.set_themes(db, meeting["id"], ["Health", "Education"])
    assert [(t["name"], t["picked"]) for t in offered] == [("Health", 1), ("Education", 0)]
    with pytest.raises(Refused, match="at most 12"):
        breakouts.set_themes(db, meeting["id"], [f"T{i}" for i in range(13)])
