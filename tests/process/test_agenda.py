"""The agenda: template, edits, order, skipping, stage stamps, planned against actual."""

import pytest

from kiosk.errors import Refused
from kiosk.process import agenda
from kiosk.process import settings as process


def test_the_template_is_the_peoples_assembly_with_typical_timings(db, meeting):
    rows = agenda.use_template(db, meeting["id"])
    assert [r["kind"] for r in rows] == [
        "welcome", "agreements", "question", "breakouts", "harvest", "proposals", "delegates",
        "close",
    ]  # fmt: skip
    assert sum(r["minutes"] for r in rows) == 105
    with pytest.raises(Refused, match="already has items"):
        agenda.use_template(db, meeting["id"])


def test_items_are_added_edited_moved_and_skipped(db, meeting):
    first = agenda.add_item(db, meeting["id"], "welcome", "  Hello   all ", 5)
    second = agenda.add_item(db, meeting["id"], "close", "Bye", 5, "Thanks!")
    assert first["title"] == "Hello all"
    agenda.edit_item(db, meeting["id"], second["id"], {"minutes": 8, "title": "Goodbye"})
    agenda.move_item(db, meeting["id"], second["id"], -1)
    rows = agenda.items(db, meeting["id"])
    assert [(r["title"], r["minutes"]) for r in rows] == [("Goodbye", 8), ("Hello all", 5)]
    agenda.skip_item(db, meeting["id"], first["id"])
    agenda.go_to(db, meeting["id"], second["id"])
    assert agenda.next_item(db, meeting["id"]) is None  # the skipped item is passed over


@pytest.mark.parametrize(
    "kind, title, minutes, notes, message",
    [
        ("welcome", "", 5, "", "Give the agenda item a title"),
        ("welcome", "x" * 10_000, 5, "", "under 80 characters"),
        ("party", "Party", 5, "", "kind of agenda item"),
        ("welcome", "Hi", 0, "", "between 1 and 180"),
        ("welcome", "Hi", 1000, "", "between 1 and 180"),
        ("welcome", "Hi", 5, "n" * 2000, "notes under 1000"),
    ],
)
def test_bad_items_are_refused_and_change_nothing(
    db, meeting, kind, title, minutes, notes, message
):
    with pytest.raises(Refused, match=message):
        agenda.add_item(db, meeting["id"], kind, title, minutes, notes)
    assert agenda.items(db, meeting["id"]) == []


def test_every_stage_is_stamped_and_the_scene_follows_the_running_item(db, meeting):
    welcome, agreements, *_ = agenda.use_template(db, meeting["id"])
    assert process.current_scene(db, meeting["id"]) == "auto"
    agenda.go_to(db, meeting["id"], welcome["id"], now=1000)
    agenda.go_to(db, meeting["id"], agreements["id"], now=1900)
    assert process.current_scene(db, meeting["id"]) == "agreements"
    process.set_scene(db, meeting["id"], "question")
    assert process.current_scene(db, meeting["id"]) == "question"
    agenda.go_to(db, meeting["id"], None, now=2000)
    stamps = agenda.stamps(db, meeting["id"])
    assert [(s["kind"], s["started_at"], s["ended_at"]) for s in stamps] == [
        ("welcome", 1000, 1900),
        ("agreements", 1900, 2000),
    ]


def test_running_over_counts_finished_items_and_the_overrun_of_the_running_one():
    rows = [
        {"id": 1, "minutes": 10, "actual": 900, "stamps": 1, "skipped": 0},  # 5 min over
        {"id": 2, "minutes": 5, "actual": 0, "stamps": 0, "skipped": 1},  # skipped: 5 min saved
        {"id": 3, "minutes": 10, "actual": 780, "stamps": 1, "skipped": 0},  # running, 3 over
        {"id": 4, "minutes": 10, "actual": 0, "stamps": 0, "skipped": 0},  # still to come
    ]
    assert agenda.running_over(rows, current_id=3) == 300 - 300 + 180
    rows[2]["actual"] = 60  # running, within its time: no overrun yet
    assert agenda.running_over(rows, current_id=3) == 0


def test_an_energiser_drops_in_after_the_running_item(db, meeting):
    welcome, agreements, *_ = agenda.use_template(db, meeting["id"])
    agenda.go_to(db, meeting["id"], welcome["id"])
    item = agenda.insert_after_current(
        db, meeting["id"], kind="energiser", title="Big stretch", minutes=2, notes="Reach up!"
    )
    titles = [r["title"] for r in agenda.items(db, meeting["id"])]
    assert titles[:3] == ["Welcome", "Big stretch", "Our agreements"]
    assert agenda.next_item(db, meeting["id"])["id"] == item["id"]


def test_the_running_item_cannot_be_skipped(db, meeting):
    welcome, *_ = agenda.use_template(db, meeting["id"])
    agenda.go_to(db, meeting["id"], welcome["id"])
    with pytest.raises(Refused, match="running now"):
        agenda.skip_item(db, meeting["id"], welcome["id"])
