"""Server-authoritative timers: an end time while running, the time left while paused.

The arithmetic is pure (every function takes `now`), so it is tested without sleeping; clients
get the server's `now` with each payload and render the remaining time against their own clock.
"""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.words import N_

KINDS = {
    "item": N_("Agenda item"),
    "breakouts": N_("Breakouts"),
    "speaker": N_("Speaker"),
}
MAX_MINUTES = 240


def started(duration: float, now: float) -> dict:
    """Return the fields of a timer of duration seconds started at now."""
    return {"duration": duration, "ends_at": now + duration, "paused_remaining": None}


def remaining(timer: dict, now: float) -> float:
    """Return the seconds left on a timer (never negative)."""
    if timer["paused_remaining"] is not None:
        return max(0.0, timer["paused_remaining"])
    return max(0.0, timer["ends_at"] - now)


def paused(timer: dict, now: float) -> dict:
    """Return the timer's fields after pausing at now."""
    if timer["paused_remaining"] is not None:
        raise Refused("That timer is already paused.")
    return {**timer, "paused_remaining": remaining(timer, now), "ends_at": None}


def resumed(timer: dict, now: float) -> dict:
    """Return the timer's fields after resuming at now."""
    if timer["paused_remaining"] is None:
        raise Refused("That timer is already running.")
    return {**timer, "ends_at": now + timer["paused_remaining"], "paused_remaining": None}


def extended(timer: dict, seconds: float, now: float) -> dict:
    """Return the timer's fields with seconds more on it (an expired timer restarts from 0)."""
    fields = {**timer, "duration": timer["duration"] + seconds}
    if timer["paused_remaining"] is not None:
        fields["paused_remaining"] = timer["paused_remaining"] + seconds
    else:
        fields["ends_at"] = max(timer["ends_at"], now) + seconds
    return fields


def public(timer: dict, now: float) -> dict:
    """Describe a timer for a page: its end, its time left and the server's clock."""
    return {
        "kind": timer["kind"],
        "ref": timer["ref"],
        "label": timer["label"],
        "duration": timer["duration"],
        "ends_at": timer["ends_at"],
        "paused": timer["paused_remaining"] is not None,
        "remaining": remaining(timer, now),
        "now": now,
    }


def get_timer(db: Database, meeting_id: int, kind: str) -> dict | None:
    """Return the meeting's timer of this kind, if one is set."""
    rows = db.query("SELECT * FROM timers WHERE meeting_id = ? AND kind = ?", [meeting_id, kind])
    return next(iter(rows), None)


def all_timers(db: Database, meeting_id: int, now: float | None = None) -> dict:
    """Return every set timer of the meeting, by kind, as pages see them."""
    now = time.time() if now is None else now
    rows = db.query("SELECT * FROM timers WHERE meeting_id = ?", [meeting_id])
    return {row["kind"]: public(row, now) for row in rows}


def start_timer(
    db: Database,
    meeting_id: int,
    kind: str,
    minutes: float,
    label: str = "",
    ref: int | None = None,
    now: float | None = None,
) -> dict:
    """Start (or restart) the meeting's timer of this kind for so many minutes."""
    if kind not in KINDS:
        raise Refused("There is no such timer.")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise Refused("Say how many minutes the timer should run.")
    if not 0 < minutes <= MAX_MINUTES:
        raise Refused(
            "A timer runs for between a few seconds and %(most)s minutes.", most=MAX_MINUTES
        )
    now = time.time() if now is None else now
    row = {"meeting_id": meeting_id, "kind": kind, "ref": ref, "label": label[:120]}
    db.table("timers").upsert({**row, **started(minutes * 60, now)}, pk=("meeting_id", "kind"))
    return get_timer(db, meeting_id, kind)


def change_timer(
    db: Database, meeting_id: int, kind: str, action: str, now: float | None = None
) -> dict | None:
    """Pause, resume, add a minute to or stop a timer; return it (None once stopped)."""
    timer = get_timer(db, meeting_id, kind)
    if timer is None:
        raise Refused("That timer is not running. Start it first.")
    now = time.time() if now is None else now
    if action == "stop":
        db.execute("DELETE FROM timers WHERE meeting_id = ? AND kind = ?", [meeting_id, kind])
        return None
    steps = {
        "pause": lambda t: paused(t, now),
        "resume": lambda t: resumed(t, now),
        "add_minute": lambda t: extended(t, 60, now),
    }
    if action not in steps:
        raise Refused("A timer can be paused, resumed, given another minute or stopped.")
    db.table("timers").upsert(steps[action](timer), pk=("meeting_id", "kind"))
    return get_timer(db, meeting_id, kind)
