"""The council's roll: delegates' mandates taken from members' bundles, each with its status.

The roll is read from the mandates in members' bundles, each verified against the member's pinned
key and its text digest. A member's newest mandate to this council replaces its earlier ones:
their cards no longer check in (docs/council.md). Check-in itself is in kiosk.council.checkin.
"""

import json
import re
import time
from datetime import date

from sqlite_utils import Database

from kiosk.council.members import members
from kiosk.db import one
from kiosk.errors import Refused
from kiosk.trust import cards, identity
from kiosk.words import N_

ROLES = {"delegate": N_("delegate"), "co_delegate": N_("co-delegate"), "alternate": N_("alternate")}


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
    if roll_digest(db, verdict.key_id, verdict.mandate_id) is not None:
        return False
    items = [_instruction(n, i) for n, i in enumerate(mandate.get("items") or [], 1)]
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


def _instruction(n: int, raw: object) -> dict:
    """Read one instruction of a member's mandate; one naming no agenda item binds nothing."""
    raw = raw if isinstance(raw, dict) else {}
    version = raw.get("version")
    picks = raw.get("picks") if isinstance(raw.get("picks"), list) else []
    return {
        "position_no": n,
        "item": str(raw.get("item", ""))[:2000],
        "position": str(raw.get("position", "")),
        "limits": str(raw.get("limits", ""))[:600],
        "agenda_uid": str(raw["agenda_item"])[:80] if raw.get("agenda_item") else None,
        "agenda_version": version if isinstance(version, int) and version > 0 else None,
        "amendment": str(raw.get("amendment") or "")[:2000],
        "picks": [str(p)[:200] for p in picks][:20],
        "if_amended": str(raw.get("if_amended") or "abstain"),
    }


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


def newest(db: Database) -> dict[int, int]:
    """Map each member to its newest mandate on the roll (by issue, then number)."""
    found: dict[int, int] = {}
    for row in db.query(
        "SELECT id, member_id FROM council_roll ORDER BY issued_at, mandate_id, id"
    ):
        found[row["member_id"]] = row["id"]
    return found


def status(db: Database, row: dict, today: date, revoked: set, meeting_id=None, latest=None) -> str:
    """Say whether a mandate on the roll is valid, revoked, replaced by a newer one, or expired."""
    if (row["key_id"], row["mandate_id"]) in revoked:
        return "revoked"
    if (latest if latest is not None else newest(db)).get(row["member_id"]) != row["id"]:
        return "replaced"
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
    latest = newest(db)
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
                "status": status(db, row, today, revoked, meeting["id"], latest),
                "checked_in": checked.get(row["id"], []),
            }
        )
    return found


def roll_digest(db: Database, kid: str, mandate_id: int) -> str | None:
    """Return the text digest of a mandate on the roll, which its card must match."""
    row = one(
        db,
        "SELECT text_digest FROM council_roll WHERE key_id = ? AND mandate_id = ?",
        [kid, mandate_id],
    )
    return row["text_digest"] if row else None
