"""The run of show: moving from stage to stage moves the whole room, and the pre-flight checks.

Moving on stamps the stages, starts the new item's timer, and ends what the new stage leaves
behind: breakouts end once the room moves past the harvest, so phones drop their group card.
Before the doors open the facilitator confirms the laptop's clock and time zone (every record
is stamped with it), and the kiosk notes when a projector first opened.
"""

import time
from datetime import datetime

from sqlite_utils import Database

from kiosk import dates
from kiosk.process import agenda, breakouts, timers
from kiosk.process.settings import settings, update_settings

# Stages during which breakout groups carry on: the breakouts, their harvest, an energiser.
GROUP_STAGES = frozenset({"breakouts", "harvest", "energiser"})
QUIET_MINUTES = 3  # a projector open this long with no phone joined: say what to check


def move(db: Database, meeting_id: int, item_id: int | None = None) -> dict:
    """Run an item (the next one when None): stamp it, time it, end what it leaves behind."""
    if item_id is None:
        item = agenda.next_item(db, meeting_id)
    else:
        agenda.go_to(db, meeting_id, item_id)
        item = agenda.get_item(db, meeting_id, item_id)
    ended = False
    if item is None or item["kind"] not in GROUP_STAGES:
        ended = end_breakouts(db, meeting_id)
    if item is not None:
        timers.start_timer(db, meeting_id, "item", item["minutes"], item["title"], item["id"])
    elif timers.get_timer(db, meeting_id, "item"):
        timers.change_timer(db, meeting_id, "item", "stop")  # the agenda is done
    return {"item": item and dict(item), "ended_breakouts": ended}


def end_breakouts(db: Database, meeting_id: int) -> bool:
    """End running breakouts and their timer; return whether any were running."""
    if breakouts.current_breakout(db, meeting_id) is None:
        return False
    breakouts.end(db, meeting_id)
    if timers.get_timer(db, meeting_id, "breakouts"):
        timers.change_timer(db, meeting_id, "breakouts", "stop")
    return True


def stage_started_at(db: Database, meeting_id: int) -> float | None:
    """Return when the running stage began (None before the first, or after the last)."""
    row = db.execute(
        "SELECT started_at FROM stage_stamps WHERE meeting_id = ? AND ended_at IS NULL "
        "ORDER BY id DESC LIMIT 1",
        [meeting_id],
    ).fetchone()
    return row[0] if row else None


def zone(now: float | None = None) -> dict:
    """Describe the laptop's time zone: its abbreviation and its offset from UTC."""
    local = datetime.fromtimestamp(time.time() if now is None else now).astimezone()
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    offset = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return {"name": local.tzname() or offset, "offset": offset, "offset_minutes": minutes}


def confirm_clock(db: Database, meeting_id: int, now: float | None = None) -> dict:
    """Record that the facilitator saw the laptop's clock and time zone and says they are right."""
    now = time.time() if now is None else now
    here = zone(now)
    with db.atomic():
        update_settings(
            db, meeting_id, clock_confirmed_at=now, clock_zone=f"{here['name']} ({here['offset']})"
        )
    return preflight(db, meeting_id, now)


def projector_opened(db: Database, meeting_id: int, now: float | None = None) -> bool:
    """Note the first time a projector opened for the meeting; return whether this was it."""
    if settings(db, meeting_id)["projector_opened_at"] is not None:
        return False
    with db.atomic():
        update_settings(db, meeting_id, projector_opened_at=time.time() if now is None else now)
    return True


def preflight(db: Database, meeting_id: int, now: float | None = None) -> dict:
    """Say what the console checks before the doors open: the clock, its zone, the projector."""
    now = time.time() if now is None else now
    row = settings(db, meeting_id)
    here = zone(now)
    return {
        "now": now,
        "clock": dates.clock(now),
        "day": dates.weekday(now),
        "zone": here["name"],
        "offset": here["offset"],
        "offset_minutes": here["offset_minutes"],
        "clock_confirmed_at": row["clock_confirmed_at"],
        "clock_zone": row["clock_zone"],
        "projector_opened_at": row["projector_opened_at"],
        "quiet_minutes": QUIET_MINUTES,
    }
