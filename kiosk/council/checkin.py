"""Check-in at a council: by the QR code on a mandate card, verified offline, into one seat.

Each member assembly holds one seat at a council meeting: an attendee row that its delegate,
co-delegate and alternate share, so the assembly's vote counts once however many of them came.
A council setting says whether the alternate shares the seat, or sits only when the delegate
(and co-delegate) are absent: then an alternate who sat stands down when the delegate arrives.
"""

import secrets
import time
from datetime import date

from sqlite_utils import Database

from kiosk import dates
from kiosk.council import room
from kiosk.council.members import member, with_rights
from kiosk.council.roll import ROLES, entry, roll_digest, status
from kiosk.db import one
from kiosk.errors import Refused
from kiosk.trust import cards, identity
from kiosk.words import N_, gettext

NAMES_NO = {
    "delegate": N_("This mandate names no delegate."),
    "co_delegate": N_("This mandate names no co-delegate."),
    "alternate": N_("This mandate names no alternate."),
}


def card_on_roll(db: Database, meeting: dict, payload: object, today: date | None = None) -> dict:
    """Verify a card's payload offline and return its mandate on this council's roll, or refuse."""
    today = today or date.today()
    if meeting["ended_at"] is not None:
        raise Refused("This council meeting has ended.")
    verdict = cards.verify_card(
        payload,
        identity.trusted_keys(db),
        identity.revoked_mandates(db),
        today,
        lambda kid, mandate_id: roll_digest(db, kid, mandate_id),
    )
    if verdict.status != "valid":
        raise Refused(verdict.message)
    found = one(
        db,
        "SELECT * FROM council_roll WHERE key_id = ? AND mandate_id = ?",
        [verdict.key_id, verdict.mandate_id],
    )
    if found is None:
        raise Refused(
            "This card is genuine, but its mandate is not on this council's roll: it was given "
            "for another council, or its assembly's latest bundle has not been imported yet."
        )
    state = status(db, found, today, set(), meeting["id"])
    if state == "expired":
        raise Refused("This mandate has run for all the council meetings it was given for.")
    if state == "replaced":
        holder = member(db, found["member_id"])
        raise Refused(
            "%(member)s has given a newer mandate to this council, which replaces this card. "
            "Bring the newer card (or ask the greeter to find it on the roll).",
            member=holder["name"],
        )
    return entry(db, found["id"])


def check_in(db: Database, meeting: dict, payload: object, role: str, today=None) -> dict:
    """Check a delegate in by their card's payload, verified offline; return their check-in."""
    if role not in ROLES:
        raise Refused("Say who you are on the card: delegate, co-delegate or alternate.")
    found = card_on_roll(db, meeting, payload, today)
    name = found[role]
    if not name:
        raise Refused(NAMES_NO[role])
    holder = with_rights(db, member(db, found["member_id"]))
    already = one(
        db,
        "SELECT * FROM council_checkins WHERE meeting_id = ? AND roll_id = ? AND role = ?",
        [meeting["id"], found["id"], role],
    )
    if already:
        raise Refused(
            "%(name)s is already checked in as %(member)s's %(role)s (since %(time)s). "
            "If that was not you, tell the facilitator.",
            name=name,
            member=holder["name"],
            role=gettext(ROLES[role]),
            time=dates.clock(already["checked_in_at"]),
        )
    sharing = room.settings(db)["alternate"] == "shares"
    if role == "alternate" and not sharing:
        _refuse_while_delegate_here(db, meeting, holder, name)
    with db.atomic():
        seat = _seat(db, meeting, holder)
        row = {
            "meeting_id": meeting["id"],
            "roll_id": found["id"],
            "member_id": holder["id"],
            "role": role,
            "name": name,
            "seat_id": seat,
            "checked_in_at": time.time(),
        }
        checkin_id = db.table("council_checkins").insert(row).last_pk
        if role != "alternate" and not sharing:  # the delegate is here: the alternate stands down
            db.execute(
                """UPDATE council_checkins SET stood_down_at = ? WHERE meeting_id = ?
                   AND member_id = ? AND role = 'alternate' AND stood_down_at IS NULL""",
                [time.time(), meeting["id"], holder["id"]],
            )
    return checkin(db, meeting, checkin_id)


def _refuse_while_delegate_here(db: Database, meeting: dict, holder: dict, name: str) -> None:
    """Refuse an alternate while the member's delegate or co-delegate holds the seat."""
    here = one(
        db,
        """SELECT name FROM council_checkins WHERE meeting_id = ? AND member_id = ?
           AND role != 'alternate' ORDER BY id LIMIT 1""",
        [meeting["id"], holder["id"]],
    )
    if here:
        raise Refused(
            "%(here)s is here for %(member)s, and at this council an alternate sits only when "
            "the delegate is absent. %(name)s may stay and listen as an observer.",
            here=here["name"],
            member=holder["name"],
            name=name,
        )


def _seat(db: Database, meeting: dict, holder: dict) -> int:
    """Return the member's seat at this meeting (an attendee row), making it on first use."""
    row = db.execute(
        "SELECT seat_id FROM council_checkins WHERE meeting_id = ? AND member_id = ? LIMIT 1",
        [meeting["id"], holder["id"]],
    ).fetchone()
    if row:
        return row[0]
    return (
        db.table("attendees")
        .insert(
            {
                "meeting_id": meeting["id"],
                "token": secrets.token_urlsafe(16),
                "display_name": holder["name"][:60],
                "resident": 0,
                "first_time": 0,
                "checked_in_at": time.time(),
                "admitted": int(holder["rights"] == "vote"),
            }
        )
        .last_pk
    )


def checkin(db: Database, meeting: dict, checkin_id: object) -> dict | None:
    """Return a check-in of this meeting with its member, mandate and seat, or None."""
    if isinstance(checkin_id, bool) or not isinstance(checkin_id, int):
        return None
    row = one(
        db,
        "SELECT * FROM council_checkins WHERE id = ? AND meeting_id = ?",
        [checkin_id, meeting["id"]],
    )
    if row is None:
        return None
    holder = with_rights(db, member(db, row["member_id"]))
    seat = db.table("attendees").get(row["seat_id"])
    return {**row, "member": holder, "mandate": entry(db, row["roll_id"]), "seat": seat}


def stood_down_words(db: Database, found: dict) -> str:
    """Say why an alternate who stood down no longer votes, or nothing if they still sit."""
    if found["stood_down_at"] is None:
        return ""
    here = one(
        db,
        """SELECT name FROM council_checkins WHERE meeting_id = ? AND member_id = ?
           AND role != 'alternate' ORDER BY id LIMIT 1""",
        [found["meeting_id"], found["member_id"]],
    )
    values = {"time": dates.clock(found["stood_down_at"]), "member": found["member"]["name"]}
    if here is None:
        return gettext(
            "The delegate arrived at %(time)s and holds %(member)s's seat now; you may stay "
            "and listen.",
            **values,
        )
    return gettext(
        "%(name)s arrived at %(time)s and holds %(member)s's seat now; you may stay and listen.",
        name=here["name"],
        **values,
    )


def checkins(db: Database, meeting_id: int) -> list[dict]:
    """List a meeting's check-ins with their members' names."""
    return list(
        db.query(
            """SELECT council_checkins.*, council_members.name AS member,
                      council_roll.mandate_id, council_roll.key_id
               FROM council_checkins
               JOIN council_members ON council_members.id = council_checkins.member_id
               JOIN council_roll ON council_roll.id = council_checkins.roll_id
               WHERE meeting_id = ? ORDER BY council_checkins.id""",
            [meeting_id],
        )
    )
