"""Council mode: member assemblies, their legitimacy and rights, the roll, and check-in by card.

A council registers each member by name and key fingerprint. The member's first bundle pins its
key; a bundle signed by any other key is refused until the facilitator registers the member
again. The roll of delegates is read from the mandates in members' bundles, and a delegate
checks in by the QR on their mandate card, verified against the pinned keys with no network.

Each member assembly holds one seat at a council meeting: an attendee row that its delegate,
co-delegate and alternate share, so the assembly's vote counts once however many of them came.
"""

import json
import re
import secrets
import time
from datetime import date

from sqlite_utils import Database

from . import cards, identity
from .errors import Refused

RIGHTS = {
    "sit": "may sit and listen",
    "speak": "may sit and speak, not vote",
    "vote": "may sit, speak and vote",
}
ROLES = {"delegate": "delegate", "co_delegate": "co-delegate", "alternate": "alternate"}
MEMBER_KINDS = ("assembly", "council")
MAX_REASON = 300
_HEX40 = re.compile(r"[0-9A-F]{40}")


# -- members ---------------------------------------------------------------------------------------


def clean_fingerprint(text: object) -> str:
    """Read a fingerprint as people copy it (spaces, colons, any case) as 40 upper-case hex."""
    raw = re.sub(r"[\s:-]", "", str(text or "")).upper()
    if not _HEX40.fullmatch(raw):
        raise Refused(
            "A fingerprint is 40 letters and digits (0–9 and A–F), shown on the member's "
            "console as ten groups of four. Copy it exactly."
        )
    return raw


def spaced(fingerprint: str) -> str:
    """Write a fingerprint in the groups of four people compare by eye."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


def fingerprint_of(raw: bytes) -> str:
    """Return a public key's fingerprint without spaces."""
    return identity.fingerprint(raw).replace(" ", "")


def register(db: Database, name: str, fingerprint: str, kind: str = "assembly", again=False):
    """Register a member by name and fingerprint; with again, replace a changed key's record."""
    name, _area = identity.clean_names(name, "")
    fingerprint = clean_fingerprint(fingerprint)
    if kind not in MEMBER_KINDS:
        raise Refused("A member is an assembly or a council.")
    same_name = member_named(db, name)
    same_key = _one(db, "SELECT * FROM council_members WHERE fingerprint = ?", [fingerprint])
    if same_key and (not same_name or same_key["id"] != same_name["id"]):
        raise Refused(
            f"That fingerprint is already registered to “{same_key['name']}”. "
            "Two members cannot share a key."
        )
    if same_name and same_name["fingerprint"] == fingerprint:
        return same_name
    if same_name and not again:
        raise Refused(
            f"“{same_name['name']}” is already a member, with fingerprint "
            f"{spaced(same_name['fingerprint'])}. If its key has really changed, register it "
            "again (tick “its key has changed”)."
        )
    row = {"name": name, "fingerprint": fingerprint, "kind": kind, "registered_at": time.time()}
    with db.atomic():
        if same_name:  # registered again: the old key is unpinned, the new one pins on import
            db.table("council_members").update(
                same_name["id"], {**row, "key_id": None, "pinned_at": None}
            )
            return member(db, same_name["id"])
        return member(db, db.table("council_members").insert(row).last_pk)


def _one(db: Database, sql: str, params: list) -> dict | None:
    """Return the first row of a query, or None."""
    return next(iter(db.query(sql, params)), None)


def member(db: Database, member_id: int) -> dict:
    """Return a member, or refuse."""
    found = _one(db, "SELECT * FROM council_members WHERE id = ?", [member_id])
    if found is None:
        raise Refused("That member is not registered here.")
    return found


def member_named(db: Database, name: str) -> dict | None:
    """Return the member with this name (any case), if registered."""
    name = " ".join(str(name or "").split())
    return _one(db, "SELECT * FROM council_members WHERE name = ? COLLATE NOCASE", [name])


def member_for(db: Database, sender: dict, raw: bytes) -> dict:
    """Return the member that signed a bundle, pinning its key on first import; else refuse."""
    fingerprint = fingerprint_of(raw)
    pinned = _one(db, "SELECT * FROM council_members WHERE key_id = ?", [sender["key_id"]])
    if pinned:
        return pinned
    claimed = str(sender.get("name", ""))[:80]
    named = member_named(db, claimed)
    if named is None:
        raise Refused(
            f"“{claimed}” is not a member of this council. Register it by name with its key "
            f"fingerprint ({spaced(fingerprint)}), then import again. Nothing changed."
        )
    if named["key_id"] is not None or named["fingerprint"] != fingerprint:
        raise Refused(
            f"This bundle claims to be from “{named['name']}” but is signed by another key "
            f"(fingerprint {spaced(fingerprint)}; registered: {spaced(named['fingerprint'])}). "
            "If that member really has a new key, register it again with the new fingerprint. "
            "Nothing changed."
        )
    identity.trust_key(db, raw, named["name"], str(sender.get("area", "")))
    db.table("council_members").update(
        named["id"], {"key_id": sender["key_id"], "pinned_at": time.time()}
    )
    return member(db, named["id"])


def members(db: Database) -> list[dict]:
    """List members by name, each with its rights and what decided them."""
    return [with_rights(db, m) for m in db.query("SELECT * FROM council_members ORDER BY name")]


# -- legitimacy and rights -------------------------------------------------------------------------


def legitimacy_of(minutes: dict, kind: str) -> tuple[bool, dict]:
    """Read whether a member meets the standard from its bundle's minutes.

    An assembly's own legitimacy card says so. A council meets the standard when it has member
    assemblies with a vote and every one of them does.
    """
    if kind == "council":
        section = minutes.get("council")
        voters = [
            m
            for m in (section or {}).get("members", [])
            if isinstance(m, dict) and m.get("rights") == "vote"
        ]
        meets = bool(voters) and all(m.get("meets_standard") is True for m in voters)
        ok = sum(m.get("meets_standard") is True for m in voters)
        summary = (
            f"{ok} of its {len(voters)} voting member{'s' if len(voters) != 1 else ''} "
            "meet the standard."
        )
        return meets, {"meets_standard": meets, "summary": summary}
    card = minutes.get("legitimacy")
    if not isinstance(card, dict):
        return False, {"meets_standard": False, "summary": "Its minutes carry no legitimacy card."}
    meets = card.get("meets_standard") is True
    return meets, {"meets_standard": meets, "summary": str(card.get("summary", ""))[:400]}


def with_rights(db: Database, found: dict) -> dict:
    """Add to a member what its delegates may do, and whether the facilitator decided it."""
    decided = _one(
        db,
        "SELECT * FROM council_rights WHERE member_id = ? ORDER BY id DESC LIMIT 1",
        [found["id"]],
    )
    if decided:
        rights, by = decided["rights"], "facilitator"
    else:  # a member meeting the standard takes part fully; any other sits until decided
        rights, by = ("vote" if found["meets_standard"] else "sit"), "standard"
    return {
        **found,
        "legitimacy": json.loads(found["legitimacy"] or "{}"),
        "rights": rights,
        "rights_words": RIGHTS[rights],
        "rights_by": by,
        "rights_reason": decided["reason"] if decided else "",
        "rights_decided_at": decided["decided_at"] if decided else None,
        "needs_decision": not decided
        and found["meets_standard"] is not None
        and not found["meets_standard"],
    }


def rights_sentence(holder: dict) -> str:
    """Say why a member's delegates may not vote here, or nothing when they may."""
    if holder["rights"] == "vote":
        return ""
    if holder["rights_by"] == "facilitator":
        reason = f" ({holder['rights_reason']})" if holder["rights_reason"] else ""
        return f"The council decided {holder['name']}'s delegates {holder['rights_words']}{reason}."
    return (
        f"{holder['name']} has not been shown to meet the standard, so its delegates "
        f"{holder['rights_words']} until the council decides."
    )


def set_rights(db: Database, meeting: dict, member_id: int, rights: str, reason: str) -> dict:
    """Record what a member's delegates may do (sit, speak, vote) and why; seats follow it."""
    found = member(db, member_id)
    if rights not in RIGHTS:
        raise Refused("Choose sit, speak or vote.")
    reason = " ".join(str(reason or "").split())
    if len(reason) > MAX_REASON:
        raise Refused(f"Keep the reason under {MAX_REASON} characters.")
    if not reason and not found["meets_standard"]:
        raise Refused("Say why: the record keeps the reason for this decision.")
    with db.atomic():
        db.table("council_rights").insert(
            {
                "member_id": member_id,
                "meeting_id": meeting["id"],
                "rights": rights,
                "reason": reason,
                "decided_at": time.time(),
            }
        )
        db.execute(
            """UPDATE attendees SET admitted = ? WHERE id IN
               (SELECT seat_id FROM council_checkins WHERE member_id = ? AND meeting_id = ?)""",
            [int(rights == "vote"), member_id, meeting["id"]],
        )
    return with_rights(db, found)


def rights_decisions(db: Database, meeting_id: int) -> list[dict]:
    """Return the facilitator's decisions on members' rights taken at a meeting."""
    return list(
        db.query(
            """SELECT council_members.name AS member, council_members.key_id, rights, reason,
                      decided_at
               FROM council_rights JOIN council_members ON council_members.id = member_id
               WHERE meeting_id = ? ORDER BY council_rights.id""",
            [meeting_id],
        )
    )


# -- the roll --------------------------------------------------------------------------------------


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
    found = _one(db, "SELECT * FROM council_roll WHERE id = ?", [roll_id])
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


def roll(db: Database, meeting: dict, today: date | None = None) -> list[dict]:
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
    found = _one(
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
    twice = _one(
        db,
        "SELECT * FROM council_checkins WHERE meeting_id = ? AND roll_id = ? AND role = ?",
        [meeting["id"], found["id"], role],
    )
    if twice:
        raise Refused(
            f"{name} is already checked in as {holder['name']}'s {ROLES[role]} "
            f"(since {time.strftime('%H:%M', time.localtime(twice['checked_in_at']))}). "
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
    row = _one(
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
    row = _one(
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
