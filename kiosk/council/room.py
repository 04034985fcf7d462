"""Who is in a council's room and what each may do: the council's settings, observers, speaking.

- The council decides whether an alternate shares the seat with the delegate, or sits only when
  the delegate is absent, and whether it may put items of its own (clearly marked) on its agenda.
- Observers check in by name, without a card: they sit and listen, never vote, never join the
  speakers' stack.
- A member's delegates join the stack only if the member may speak here (rights speak or vote).
"""

import secrets
import time

from sqlite_utils import Database

from kiosk.council import members
from kiosk.db import one
from kiosk.errors import Refused
from kiosk.words import N_

ALTERNATE = {
    "shares": N_("An alternate shares the seat with the delegate"),
    "absent_only": N_("An alternate sits only when the delegate and co-delegate are absent"),
}
MAX_NAME = 60


def settings(db: Database) -> dict:
    """Return the council's settings (the defaults until changed)."""
    row = one(db, "SELECT * FROM council_settings WHERE id = 1", [])
    found = row or {"alternate": "shares", "own_items": 0}
    return {"alternate": found["alternate"], "own_items": bool(found["own_items"])}


def set_settings(db: Database, alternate: str, own_items: bool) -> dict:
    """Change how alternates sit and whether the council may add items of its own."""
    if alternate not in ALTERNATE:
        raise Refused("Choose whether an alternate shares the seat or sits only in absence.")
    with db.atomic():
        db.table("council_settings").upsert(
            {"id": 1, "alternate": alternate, "own_items": int(bool(own_items))}, pk="id"
        )
    return settings(db)


def observe(db: Database, meeting: dict, name: str) -> dict:
    """Check an observer in by name: an attendee who is never admitted to vote."""
    if not meeting["council"]:
        raise Refused("Observers check in at council meetings only.")
    if meeting["ended_at"] is not None:
        raise Refused("This council meeting has ended.")
    name = " ".join(str(name or "").split())
    if not name or len(name) > MAX_NAME:
        raise Refused(
            "Give your name (up to %(most)s characters) so the minutes can list you.", most=MAX_NAME
        )
    now = time.time()
    with db.atomic():
        attendee_id = (
            db.table("attendees")
            .insert(
                {
                    "meeting_id": meeting["id"],
                    "token": secrets.token_urlsafe(16),
                    "display_name": name,
                    "resident": 0,
                    "first_time": 0,
                    "checked_in_at": now,
                    "admitted": 0,
                }
            )
            .last_pk
        )
        db.table("council_observers").insert(
            {
                "attendee_id": attendee_id,
                "meeting_id": meeting["id"],
                "name": name,
                "checked_in_at": now,
            }
        )
    return db.table("attendees").get(attendee_id)


def is_observer(db: Database, attendee: dict) -> bool:
    """Say whether an attendee checked in as an observer."""
    sql = "SELECT 1 FROM council_observers WHERE attendee_id = ?"
    return db.execute(sql, [attendee["id"]]).fetchone() is not None


def observers(db: Database, meeting_id: int) -> list[dict]:
    """List a meeting's observers in the order they came."""
    sql = "SELECT * FROM council_observers WHERE meeting_id = ? ORDER BY checked_in_at"
    return list(db.query(sql, [meeting_id]))


def may_speak(db: Database, meeting: dict, attendee: dict) -> None:
    """Refuse the speakers' stack to an observer, or to a member whose delegates only sit."""
    if not meeting["council"]:
        return
    if is_observer(db, attendee):
        raise Refused(
            "Observers sit and listen: the stack is for members' delegates. "
            "The chair may invite you to speak."
        )
    row = one(
        db,
        "SELECT member_id FROM council_checkins WHERE seat_id = ? LIMIT 1",
        [attendee["id"]],
    )
    if row is None:
        raise Refused("Check in with your mandate card first.")
    holder = members.with_rights(db, members.member(db, row["member_id"]))
    if holder["rights"] == "sit":
        raise Refused("%(why)s So you cannot join the stack.", why=members.rights_sentence(holder))
