"""Timer arithmetic across pause and resume (no sleeping: every step is given `now`)."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting.meetings import current_meeting
from kiosk.process import timers


def test_a_running_timer_counts_down_and_stops_at_zero():
    timer = timers.started(300, now=1000)
    assert timers.remaining(timer, 1000) == 300
    assert timers.remaining(timer, 1120) == 180
    assert timers.remaining(timer, 5000) == 0


def test_pause_freezes_the_time_left_and_resume_carries_on():
    timer = timers.started(300, now=1000)
    timer = timers.paused(timer, now=1100)
    assert timers.remaining(timer, 1100) == 200
    assert timers.remaining(timer, 9999) == 200  # a paused timer does not move
    timer = timers.resumed(timer, now=2000)
    assert timer["ends_at"] == 2200
    assert timers.remaining(timer, 2050) == 150


def test_a_minute_more_while_running_while_paused_and_after_the_end():
    running = timers.extended(timers.started(60, now=0), 60, now=30)
    assert timers.remaining(running, 30) == 90 and running["duration"] == 120
    paused = timers.extended(timers.paused(timers.started(60, now=0), now=10), 60, now=500)
    assert timers.remaining(paused, 500) == 110
    expired = timers.extended(timers.started(60, now=0), 60, now=100)
    assert timers.remaining(expired, 100) == 60


def test_pausing_twice_or_resuming_a_running_timer_is_refused():
    timer = timers.started(60, now=0)
    with pytest.raises(Refused, match="already running"):
        timers.resumed(timer, now=1)
    with pytest.raises(Refused, match="already paused"):
        timers.paused(timers.paused(timer, now=1), now=2)


def test_timers_are_stored_with_an_end_time_and_reported_with_the_servers_clock(db):
    meeting = current_meeting(db)
    timers.start_timer(db, meeting["id"], "breakouts", 20, "Breakouts", now=1000)
    timers.change_timer(db, meeting["id"], "breakouts", "pause", now=1600)
    timers.change_timer(db, meeting["id"], "breakouts", "add_minute", now=1700)
    timers.change_timer(db, meeting["id"], "breakouts", "resume", now=2000)
    public = timers.all_timers(db, meeting["id"], now=2100)["breakouts"]
    assert public["ends_at"] == 2000 + 600 + 60
    assert public["remaining"] == 560 and public["now"] == 2100 and not public["paused"]
    assert timers.change_timer(db, meeting["id"], "breakouts", "stop") is None
    assert timers.all_timers(db, meeting["id"]) == {}


@pytest.mark.parametrize(
    "kind, minutes, message",
    [
        ("egg", 5, "no such timer"),
        ("item", 0, "between"),
        ("item", 1000, "between"),
        ("item", "5", "how many minutes"),
        ("item", True, "how many minutes"),
    ],
)
def test_bad_timers_are_refused(db, kind, minutes, message):
    meeting = current_meeting(db)
    with pytest.raises(Refused, match=message):
        timers.start_timer(db, meeting["id"], kind, minutes)
    assert timers.all_timers(db, meeting["id"]) == {}


def test_changing_a_timer_that_is_not_set_is_refused(db):
    meeting = current_meeting(db)
    with pytest.raises(Refused, match="not running"):
        timers.change_timer(db, meeting["id"], "speaker", "pause")
    timers.start_timer(db, meeting["id"], "speaker", 2)
    with pytest.raises(Refused, match="paused, resumed"):
        timers.change_timer(db, meeting["id"], "speaker", "explode")
