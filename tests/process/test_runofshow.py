"""The run of show: moving on moves the room (breakouts end past the harvest, timers follow),
and the pre-flight's clock, time zone and projector."""

import re

from kiosk.process import agenda, breakouts, runofshow, timers
from kiosk.process import settings as process


def kinds_run(db, meeting_id) -> list[str]:
    """The kinds of the stages stamped so far."""
    return [s["kind"] for s in agenda.stamps(db, meeting_id)]


def test_moving_on_stamps_times_and_ends_breakouts_once_past_the_harvest(db, meeting, crowd):
    crowd(6)
    agenda.use_template(db, meeting["id"])
    for _ in range(4):  # welcome, agreements, question, breakouts
        moved = runofshow.move(db, meeting["id"])
        assert moved["ended_breakouts"] is False
    assert moved["item"]["kind"] == "breakouts"
    assert timers.get_timer(db, meeting["id"], "item")["label"] == "Breakout groups"
    breakouts.start(db, meeting["id"], "random", 3)
    timers.start_timer(db, meeting["id"], "breakouts", 20, "Breakouts")

    harvest = runofshow.move(db, meeting["id"])  # the harvest keeps the groups
    assert harvest["item"]["kind"] == "harvest" and harvest["ended_breakouts"] is False
    assert breakouts.current_breakout(db, meeting["id"]) is not None

    proposals = runofshow.move(db, meeting["id"])
    assert proposals["item"]["kind"] == "proposals" and proposals["ended_breakouts"] is True
    assert breakouts.current_breakout(db, meeting["id"]) is None
    assert timers.get_timer(db, meeting["id"], "breakouts") is None
    assert breakouts.latest_breakout(db, meeting["id"])["ended_at"] is not None  # kept on record
    assert kinds_run(db, meeting["id"]) == [
        "welcome",
        "agreements",
        "question",
        "breakouts",
        "harvest",
        "proposals",
    ]


def test_an_energiser_keeps_the_groups_and_the_end_stops_the_clock(db, meeting, crowd):
    crowd(4)
    breakouts_item = agenda.add_item(db, meeting["id"], "breakouts", "Groups", 20)
    game = agenda.add_item(db, meeting["id"], "energiser", "The Mexican wave", 2)
    runofshow.move(db, meeting["id"], breakouts_item["id"])
    breakouts.start(db, meeting["id"], "random", 2)
    assert runofshow.move(db, meeting["id"], game["id"])["ended_breakouts"] is False
    last = runofshow.move(db, meeting["id"])  # past the last item: the agenda is done
    assert last == {"item": None, "ended_breakouts": True}
    assert timers.get_timer(db, meeting["id"], "item") is None
    assert runofshow.stage_started_at(db, meeting["id"]) is None


def test_the_running_stage_says_when_it_began(db, meeting):
    agenda.use_template(db, meeting["id"])
    assert runofshow.stage_started_at(db, meeting["id"]) is None
    first = agenda.items(db, meeting["id"])[0]
    agenda.go_to(db, meeting["id"], first["id"], now=1_000.0)
    assert runofshow.stage_started_at(db, meeting["id"]) == 1_000.0
    agenda.go_to(db, meeting["id"], agenda.items(db, meeting["id"])[1]["id"], now=1_060.0)
    assert runofshow.stage_started_at(db, meeting["id"]) == 1_060.0


def test_the_preflight_asks_for_the_clock_and_notes_the_projector_once(db, meeting):
    before = runofshow.preflight(db, meeting["id"], now=1_800_000_000.0)
    assert before["clock_confirmed_at"] is None and before["projector_opened_at"] is None
    assert re.fullmatch(r"\d\d:\d\d", before["clock"])
    assert re.fullmatch(r"UTC[+-]\d\d:\d\d", before["offset"])
    assert before["quiet_minutes"] == 3
    confirmed = runofshow.confirm_clock(db, meeting["id"], now=1_800_000_100.0)
    assert confirmed["clock_confirmed_at"] == 1_800_000_100.0
    assert confirmed["clock_zone"] == f"{confirmed['zone']} ({confirmed['offset']})"
    assert runofshow.projector_opened(db, meeting["id"], now=1_800_000_200.0) is True
    assert runofshow.projector_opened(db, meeting["id"], now=1_800_000_900.0) is False
    assert process.settings(db, meeting["id"])["projector_opened_at"] == 1_800_000_200.0


def test_a_time_zone_is_named_with_its_offset():
    found = runofshow.zone(1_800_000_000.0)
    hours, minutes = divmod(abs(found["offset_minutes"]), 60)
    sign = "-" if found["offset_minutes"] < 0 else "+"
    assert found["offset"] == f"UTC{sign}{hours:02d}:{minutes:02d}"
    assert found["name"]
