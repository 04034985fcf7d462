"""The council's roll: delegates' mandates taken from members' bundles, and check-in by card.

The roll of delegates is read from the mandates in members' bundles, and a delegate checks in by
the QR on their mandate card, verified against the pinned keys with no network.

Each member assembly holds one seat at a council meeting: an attendee row that its delegate,
co-delegate and alternate share, so the assembly's vote counts once however many of them came.
"""

import json
import re
import secrets
import time
from datetime import date

from sqlite_utils import Database

from kiosk import dates
from kiosk.council.members import member, members, with_rights
from kiosk.db import one
from kiosk.errors import Refused
from kiosk.trust import cards, identity

ROLES = {"delegate": "delegate", "co_delegate": "co-delegate", "alternate": "alternate"}


def _words(text: object) -> str:
    """Fold a council's name for comparison: case, spaces and punctuation ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", str(text or "").lower()).split())


def for_this_council(me: dict, mandate: dict) -> bool:
    """Say whether a mandate was given for this council.

    A themed council takes every mandate on its theme; a district or county council takes the
    mandates to a council of its level with its name.
    """
    if me["level"] == "themed":
        return mandate.get("level") == "themed" and _words(mandate.get("theme")) == _words(
            me["theme"]
        )
    return mandate.get("level") == me["level"] and _words(mandate.get("council")) == _words(
        me["name"]
    )


def take_mandates(db: Database, found: dict, holder: dict, today: date) -> dict:
    """Put the mandates to this council from a member's bundle on the roll; say what happened."""
    me = identity.assembly(db)
    keys = {found["sender"]["key_id"]: found["raw"]}
    added, elsewhere, unreadable = [], [], 0
    for mandate in found["minutes"].get("mandates") or []:
        if not isinstance(mandate, dict) or mandate.get("status") not in ("issued", "revoked"):
            continue
        verdict = cards.verify_card(
            mandate.get("payload"),
            keys,
            set(),
            today,
            lambda _kid, _mid, m=mandate: str(m.get("text_digest") or ""),
        )
        text = str(mandate.get("text") or "")
        if (
            verdict.status not in ("valid", "expired")
            or verdict.mandate_id != mandate.get("id")
            or cards.digest(text) != mandate.get("text_digest")
        ):
            unreadable += 1
            continue
        if not for_this_council(me, mandate):
            elsewhere.append(str(mandate.get("council", ""))[:80])
            continue
        if _put_on_roll(db, found, holder, mandate, verdict):
            added.append(str(mandate.get("delegate", ""))[:80])
    return {"added": added, "elsewhere": sorted(set(elsewhere)), "unreadable": unreadable}


def _put_on_roll(db: Database, found: dict, holder: dict, mandate: dict, verdict) -> bool:
    """Put a mandate on the roll once and say if it is new; carried again, it changes nothing."""
    if _roll_digest(db, verdict.key_id, verdict.mandate_id) is not None:
        return False
    items = [
        {
            "position_no": n,
            "item": str(i.get("item", ""))[:600],
            "position": str(i.get("position", "")),
            "limits": str(i.get("limits", ""))[:600],
        }
        for n, i in enumerate(mandate.get("items") or [], 1)
        if isinstance(i, dict)
    ]
    db.table("council_roll").insert(
        {
            "member_id": holder["id"],
            "key_id": verdict.key_id,
            "mandate_id": verdict.mandate_id,
            "council": str(mandate.get("council", ""))[:80],
            "level": str(mandate.get("level", "")),
            "theme": str(mandate.get("theme", ""))[:40],
            "delegate": str(mandate.get("delegate", ""))[:80],
            "co_delegate": str(mandate.get("co_delegate") or "")[:80],
            "alternate": str(mandate.get("alternate") or "")[:80],
            "items": json.dumps(items),
            "text": str(mandate.get("text", "")),
            "text_digest": str(mandate.get("text_digest", "")),
            "payload": str(mandate.get("payload", "")),
            "expires_on": verdict.expires_on,
            "expires_after_meetings": _count(mandate.get("expires_after_meetings")),
            "issued_at": str(mandate.get("issued_at") or ""),
            "bundle_sha256": found["sha256"],
            "imported_at": time.time(),
        }
    )
    return True


def _count(value: object) -> int | None:
    """Read a number of meetings from a bundle: a whole number from 1 to 100, or None."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100
    return value if ok else None


def entry(db: Database, roll_id: int) -> dict:
    """Return one mandate on the roll with its items, or refuse."""
    found = one(db, "SELECT * FROM council_roll WHERE id = ?", [roll_id])
    if found is None:
        raise Refused("That mandate is not on this council's roll.")
    return {**found, "items": json.loads(found["items"])}


def meetings_attended(db: Database, roll_id: int, before_meeting_id: int | None = None) -> int:
    """Count the council meetings at which this mandate's holders checked in (before one)."""
    sql = "SELECT COUNT(DISTINCT meeting_id) FROM council_checkins WHERE roll_id = ?"
    params: list = [roll_id]
    if before_meeting_id is not None:
        sql += " AND meeting_id < ?"
        params.append(before_meeting_id)
    return db.execute(sql, params).fetchone()[0]


def status(db: Database, row: dict, today: date, revoked: set, meeting_id=None) -> str:
    """Say whether a mandate on the roll is valid, revoked or expired."""
    if (row["key_id"], row["mandate_id"]) in revoked:
        return "revoked"
    if row["expires_on"] and date.fromisoformat(row["expires_on"]) < today:
        return "expired"
    limit = row["expires_after_meetings"]
    if limit and meetings_attended(db, row["id"], meeting_id) >= limit:
        return "expired"
    return "valid"


def rows(db: Database, meeting: dict, today: date | None = None) -> list[dict]:
    """List the roll: every mandate to this council, its member, status and who checked in."""
    today = today or date.today()
    revoked = identity.revoked_mandates(db)
    rights = {m["id"]: m for m in members(db)}
    checked: dict[int, list[dict]] = {}
    for row in db.query(
        "SELECT * FROM council_checkins WHERE meeting_id = ? ORDER BY id", [meeting["id"]]
    ):
        checked.setdefault(row["roll_id"], []).append(row)
    found = []
    for row in db.query(
        """SELECT council_roll.* FROM council_roll
           JOIN council_members ON council_members.id = member_id
           ORDER BY council_members.name, council_roll.id"""
    ):
        holder = rights[row["member_id"]]
        found.append(
            {
                **row,
                "items": json.loads(row["items"]),
                "member": holder["name"],
                "rights": holder["rights"],
                "meets_standard": holder["meets_standard"],
                "status": status(db, row, today, revoked, meeting["id"]),
                "checked_in": checked.get(row["id"], []),
            }
        )
    return found


# -- check-in --------------------------------------------------------------------------------------


def check_in(db: Database, meeting: dict, payload: object, role: str, today=None) -> dict:
    """Check a delegate in by their card's payload, verified offline; return their check-in."""
    today = today or date.today()
    if meeting["ended_at"] is not None:
        raise Refused("This council meeting has ended.")
    if role not in ROLES:
        raise Refused("Say who you are on the card: delegate, co-delegate or alternate.")
    verdict = cards.verify_card(
        payload,
        identity.trusted_keys(db),
        identity.revoked_mandates(db),
        today,
        lambda kid, mandate_id: _roll_digest(db, kid, mandate_id),
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
    if status(db, found, today, set(), meeting["id"]) == "expired":
        raise Refused("This mandate has run for all the council meetings it was given for.")
    name = found[role]
    if not name:
        raise Refused(f"This mandate names no {ROLES[role]}.")
    holder = with_rights(db, member(db, found["member_id"]))
    twice = one(
        db,
        "SELECT * FROM council_checkins WHERE meeting_id = ? AND roll_id = ? AND role = ?",
        [meeting["id"], found["id"], role],
    )
    if twice:
        raise Refused(
            f"{name} is already checked in as {holder['name']}'s {ROLES[role]} "
            f"(since {dates.clock(twice['checked_in_at'])}). "
            "If that was not you, tell the facilitator."
        )
    with db.atomic():
        seat = _seat(db, meeting, holder)
        checkin_id = (
            db.table("council_checkins")
            .insert(
                {
                    "meeting_id": meeting["id"],
                    "roll_id": found["id"],
                    "member_id": holder["id"],
                    "role": role,
                    "name": name,
                    "seat_id": seat,
                    "checked_in_at": time.time(),
                }
            )
            .last_pk
        )
    return checkin(db, meeting, checkin_id)


def _roll_digest(db: Database, kid: str, mandate_id: int) -> str | None:
    """Return the text digest of a mandate on the roll, which its card must match."""
    row = one(
        db,
        "SELECT text_digest FROM council_roll WHERE key_id = ? AND mandate_id = ?",
        [kid, mandate_id],
    )
    return row["text_digest"] if row else None


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
