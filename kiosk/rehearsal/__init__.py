"""Rehearsal: the evening practised with a pretend crowd, never mixed with a real meeting.

A rehearsal is a meeting of its own, marked as one (its title says so, and every page and
printout with it); the real meeting waits, not ended, and resumes when the rehearsal ends.
The rehearsal copies the real meeting's agenda and settings, so the facilitator practises the
evening they planned; crowd.py fills the room.
"""

from sqlite_utils import Database

from kiosk.meeting import meetings
from kiosk.process import agenda
from kiosk.process import settings as process

COPIED = ("theme", "twinkles", "chime", "destination", "next_meeting", "speaker_minutes")


def begin(db: Database) -> dict:
    """Start a rehearsal of the evening planned (its agenda and settings); return its meeting."""
    real = meetings.current_meeting(db)
    rehearsal = meetings.start_rehearsal(db)
    planned = process.settings(db, real["id"])
    with db.atomic():
        for row in agenda.items(db, real["id"]):
            agenda.add_item(
                db, rehearsal["id"], row["kind"], row["title"], row["minutes"], row["notes"]
            )
        process.update_settings(db, rehearsal["id"], **{k: planned[k] for k in COPIED})
    return rehearsal


def end(db: Database) -> dict:
    """End the rehearsal; return the real meeting, which runs again."""
    return meetings.end_rehearsal(db)
