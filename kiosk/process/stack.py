"""The speakers' stack, in progressive order: points of process first, then new voices."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.process.settings import update_settings
from kiosk.words import N_

KINDS = {
    "speak": N_("To speak"),
    "clarify": N_("Clarifying question"),
    "process": N_("Point of process"),
}


def order(waiting: list[dict], spoken: set[int]) -> list[dict]:
    """Sort the waiting entries: process first, then moved-up, then not-yet-spoken, then arrival."""

    def key(entry: dict) -> tuple:
        return (
            entry["kind"] != "process",
            -entry["bump"],
            entry["attendee_id"] in spoken,
            entry["joined_at"],
            entry["id"],
        )

    return sorted(waiting, key=key)


def _spoken(db: Database, meeting_id: int) -> set[int]:
    """Return the attendees who have had the floor tonight."""
    sql = "SELECT DISTINCT attendee_id FROM stack_entries WHERE meeting_id = ? AND called_at"
    return {row[0] for row in db.execute(sql, [meeting_id])}


def queue(db: Database, meeting_id: int) -> list[dict]:
    """Return who is waiting to speak, next first, with names and whether they have spoken."""
    sql = """SELECT s.id, s.attendee_id, s.kind, s.bump, s.joined_at, a.display_name AS name
             FROM stack_entries s JOIN attendees a ON a.id = s.attendee_id
             WHERE s.meeting_id = ? AND s.called_at IS NULL AND s.done_at IS NULL"""
    spoken = _spoken(db, meeting_id)
    waiting = [dict(row) for row in db.query(sql, [meeting_id])]
    return [{**e, "spoken": e["attendee_id"] in spoken} for e in order(waiting, spoken)]


def speaker(db: Database, meeting_id: int) -> dict | None:
    """Return whoever has the floor now, if anyone."""
    sql = """SELECT s.id, s.attendee_id, s.kind, s.called_at, a.display_name AS name
             FROM stack_entries s JOIN attendees a ON a.id = s.attendee_id
             WHERE s.meeting_id = ? AND s.called_at IS NOT NULL AND s.done_at IS NULL"""
    row = next(iter(db.query(sql, [meeting_id])), None)
    return dict(row) if row else None


def join(db: Database, attendee: dict, kind: str) -> dict:
    """Put an attendee on the stack (from their phone)."""
    if kind not in KINDS:
        raise Refused("Join the stack to speak, with a clarifying question or a point of process.")
    mine = my_entry(db, attendee)
    if mine is not None:
        raise Refused("You are already on the stack. Leave it first to join differently.")
    with db.atomic():
        db.table("stack_entries").insert(
            {
                "meeting_id": attendee["meeting_id"],
                "attendee_id": attendee["id"],
                "kind": kind,
                "joined_at": time.time(),
            }
        )
    return my_entry(db, attendee)


def my_entry(db: Database, attendee: dict) -> dict | None:
    """Return the attendee's waiting entry and their place in the queue (1 is next)."""
    for place, entry in enumerate(queue(db, attendee["meeting_id"]), start=1):
        if entry["attendee_id"] == attendee["id"]:
            return {"id": entry["id"], "kind": entry["kind"], "place": place}
    return None


def leave(db: Database, attendee: dict) -> None:
    """Take an attendee off the stack, at their own request."""
    entry = my_entry(db, attendee)
    if entry is None:
        raise Refused("You are not on the stack.")
    _close(db, entry["id"])


def _close(db: Database, entry_id: int) -> None:
    """Mark an entry done (spoken, or removed)."""
    with db.atomic():
        db.execute("UPDATE stack_entries SET done_at = ? WHERE id = ?", [time.time(), entry_id])


def _waiting(db: Database, meeting_id: int, entry_id: int) -> dict:
    """Return a waiting entry of this meeting, or refuse."""
    found = [e for e in queue(db, meeting_id) if e["id"] == entry_id]
    if not found:
        raise Refused("That person is no longer waiting on the stack.")
    return found[0]


def move_up(db: Database, meeting_id: int, entry_id: int) -> list[dict]:
    """Move someone to the front of the stack (after any points of process)."""
    _waiting(db, meeting_id, entry_id)
    with db.atomic():
        db.execute(
            """UPDATE stack_entries SET bump = 1 + (SELECT COALESCE(MAX(bump), 0)
               FROM stack_entries WHERE meeting_id = ?) WHERE id = ?""",
            [meeting_id, entry_id],
        )
    return queue(db, meeting_id)


def remove(db: Database, meeting_id: int, entry_id: int) -> list[dict]:
    """Take someone off the stack (the facilitator or stack-keeper)."""
    _waiting(db, meeting_id, entry_id)
    _close(db, entry_id)
    return queue(db, meeting_id)


def call_next(db: Database, meeting_id: int) -> dict | None:
    """Thank the current speaker and give the floor to the next on the stack."""
    current = speaker(db, meeting_id)
    waiting = queue(db, meeting_id)
    if current is None and not waiting:
        raise Refused("Nobody is on the stack.")
    now = time.time()
    with db.atomic():
        if current is not None:
            db.execute("UPDATE stack_entries SET done_at = ? WHERE id = ?", [now, current["id"]])
        if waiting:
            db.execute(
                "UPDATE stack_entries SET called_at = ? WHERE id = ?", [now, waiting[0]["id"]]
            )
    return speaker(db, meeting_id)


def set_keeper(db: Database, meeting_id: int, name: str) -> dict | None:
    """Make the attendee checked in under this name the stack-keeper ("" for nobody)."""
    name = " ".join((name or "").split())
    found = None
    if name:
        rows = list(
            db.query(
                "SELECT id, display_name AS name FROM attendees WHERE meeting_id = ? "
                "AND lower(display_name) = lower(?)",
                [meeting_id, name],
            )
        )
        if not rows:
            raise Refused("Nobody has checked in as “%(name)s”.", name=name[:60])
        if len(rows) > 1:
            raise Refused(
                "%(count)s people checked in as “%(name)s”; the stack-keeper "
                "needs a name nobody else uses.",
                count=len(rows),
                name=name[:60],
            )
        found = dict(rows[0])
    with db.atomic():
        update_settings(db, meeting_id, stack_keeper_id=found and found["id"])
    return found
