"""The harvest: only the note-taker sends points, 2 to 5 of them, read back and clustered."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.process import breakouts, harvest
from kiosk.process import settings as process


@pytest.fixture
def group(db):
    """One group of three: Nia takes notes, Oli and Pat are members."""
    meeting = current_meeting(db)
    people = [check_in(db, meeting, name, True, False) for name in ("Nia", "Oli", "Pat")]
    breakouts.start(db, meeting["id"], "count_off", 7)
    breakouts.volunteer(db, people[0], "note_taker")
    return people


def test_the_note_taker_sends_points_and_the_group_confirms_the_read_back(db, group):
    nia, oli, _ = group
    harvest.add_point(db, nia, "More  benches in the park", "all")
    with pytest.raises(Refused, match="sends 2 to 5 points; Group Otter has 1 so far"):
        harvest.confirm_read_back(db, oli)
    harvest.add_point(db, nia, "A youth club on Fridays", "most")
    assert harvest.confirm_read_back(db, oli)["read_back_at"] is not None
    (shown,) = harvest.harvest(db, nia["meeting_id"])["groups"]
    assert [(p["text"], p["agreement"]) for p in shown["points"]] == [
        ("More benches in the park", "all"),
        ("A youth club on Fridays", "most"),
    ]
    assert shown["read_back"] is True
    harvest.add_point(db, nia, "Fix the streetlights", "some")  # a change needs a new read-back
    assert harvest.harvest(db, nia["meeting_id"])["groups"][0]["read_back"] is False


def test_a_sixth_point_is_refused(db, group):
    nia = group[0]
    for n in range(5):
        harvest.add_point(db, nia, f"Point {n}", "all")
    with pytest.raises(Refused, match="at most 5 points"):
        harvest.add_point(db, nia, "Point 6", "all")
    assert len(harvest.harvest(db, nia["meeting_id"])["groups"][0]["points"]) == 5


@pytest.mark.parametrize(
    "text, agreement, message",
    [("", "all", "Write the point"), ("x" * 281, "all", "under 280"), ("Ok", "none", "all, most")],
)
def test_bad_points_are_refused(db, group, text, agreement, message):
    with pytest.raises(Refused, match=message):
        harvest.add_point(db, group[0], text, agreement)
    assert harvest.harvest(db, group[0]["meeting_id"])["groups"][0]["points"] == []


def test_only_the_note_taker_sends_points(db, group):
    with pytest.raises(Refused, match="Only Group Otter's note-taker can send its points"):
        harvest.add_point(db, group[1], "Sneaky", "all")
    stranger = check_in(db, current_meeting(db), "Late", True, False)
    with pytest.raises(Refused, match="not in a breakout group"):
        harvest.add_point(db, stranger, "Sneaky", "all")


def test_points_cluster_into_emerging_themes(db, group):
    nia = group[0]
    point = harvest.add_point(db, nia, "Benches", "all")
    cluster = harvest.add_cluster(db, nia["meeting_id"], "Green spaces")
    harvest.cluster_point(db, nia["meeting_id"], point["id"], cluster["id"])
    shown = harvest.harvest(db, nia["meeting_id"])
    assert shown["clusters"] == [{"id": cluster["id"], "title": "Green spaces"}]
    assert shown["groups"][0]["points"][0]["cluster_id"] == cluster["id"]
    with pytest.raises(Refused, match="not part of this meeting"):
        harvest.cluster_point(db, nia["meeting_id"], point["id"], 999)


def test_the_checklist_sees_staffing_and_read_back_and_takes_ticks_by_hand(db, group):
    nia, oli, _ = group
    meeting_id = nia["meeting_id"]
    done = {c["key"]: c["by"] for c in process.checklist(db, meeting_id) if c["done"]}
    assert done == {}
    breakouts.volunteer(db, oli, "facilitator")
    harvest.add_point(db, nia, "One", "all")
    harvest.add_point(db, nia, "Two", "some")
    harvest.confirm_read_back(db, oli)
    process.tick(db, meeting_id, "hand_signals")
    done = {c["key"]: c["by"] for c in process.checklist(db, meeting_id) if c["done"]}
    assert done == {"staffed": "kiosk", "read_back": "kiosk", "hand_signals": "facilitator"}
