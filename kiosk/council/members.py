"""A council's member assemblies: registered by fingerprint, pinned by key, legitimacy, rights.

A council registers each member by name and key fingerprint. The member's first bundle pins its
key; a bundle signed by any other key is refused until the facilitator registers the member
again. A member's legitimacy comes from its last bundle; its rights (sit, speak, vote) start
from that and the facilitator may change them, with a reason, on the record.
"""

import json
import re
import time

from sqlite_utils import Database

from kiosk.db import one
from kiosk.errors import Refused
from kiosk.trust import identity
from kiosk.words import N_, gettext, ngettext

RIGHTS = {
    "sit": N_("may sit and listen"),
    "speak": N_("may sit and speak, not vote"),
    "vote": N_("may sit, speak and vote"),
}
# What a member's delegates may do, each said whole: when the facilitator decided it, when
# the standard did, and as the console says it once decided.
RIGHTS_DECIDED = {
    "sit": N_("The council decided %(member)s's delegates may sit and listen%(reason)s."),
    "speak": N_(
        "The council decided %(member)s's delegates may sit and speak, not vote%(reason)s."
    ),
    "vote": N_("The council decided %(member)s's delegates may sit, speak and vote%(reason)s."),
}
RIGHTS_BY_STANDARD = {
    "sit": N_(
        "%(member)s has not been shown to meet the standard, so its delegates may sit and "
        "listen until the council decides."
    ),
    "speak": N_(
        "%(member)s has not been shown to meet the standard, so its delegates may sit and "
        "speak, not vote until the council decides."
    ),
    "vote": N_("%(member)s's delegates may sit, speak and vote."),
}
RIGHTS_SAID = {
    "sit": N_("%(member)s's delegates may sit and listen."),
    "speak": N_("%(member)s's delegates may sit and speak, not vote."),
    "vote": N_("%(member)s's delegates may sit, speak and vote."),
}
MEMBER_KINDS = ("assembly", "council")
MAX_REASON = 300
_HEX40 = re.compile(r"[0-9A-F]{40}")


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
    same_key = one(db, "SELECT * FROM council_members WHERE fingerprint = ?", [fingerprint])
    if same_key and (not same_name or same_key["id"] != same_name["id"]):
        raise Refused(
            "That fingerprint is already registered to “%(name)s”. Two members cannot share a key.",
            name=same_key["name"],
        )
    if same_name and same_name["fingerprint"] == fingerprint:
        return same_name
    if same_name and not again:
        raise Refused(
            "“%(name)s” is already a member, with fingerprint %(fingerprint)s. If its key has "
            "really changed, register it again (tick “its key has changed”).",
            name=same_name["name"],
            fingerprint=spaced(same_name["fingerprint"]),
        )
    row = {"name": name, "fingerprint": fingerprint, "kind": kind, "registered_at": time.time()}
    with db.atomic():
        if same_name:  # registered again: the old key is unpinned, the new one pins on import
            db.table("council_members").update(
                same_name["id"], {**row, "key_id": None, "pinned_at": None}
            )
            return member(db, same_name["id"])
        return member(db, db.table("council_members").insert(row).last_pk)


def member(db: Database, member_id: int) -> dict:
    """Return a member, or refuse."""
    found = one(db, "SELECT * FROM council_members WHERE id = ?", [member_id])
    if found is None:
        raise Refused("That member is not registered here.")
    return found


def member_named(db: Database, name: str) -> dict | None:
    """Return the member with this name (any case), if registered."""
    name = " ".join(str(name or "").split())
    return one(db, "SELECT * FROM council_members WHERE name = ? COLLATE NOCASE", [name])


def member_for(db: Database, sender: dict, raw: bytes) -> dict:
    """Return the member that signed a bundle, pinning its key on first import; else refuse."""
    fingerprint = fingerprint_of(raw)
    pinned = one(db, "SELECT * FROM council_members WHERE key_id = ?", [sender["key_id"]])
    if pinned:
        return pinned
    claimed = str(sender.get("name", ""))[:80]
    named = member_named(db, claimed)
    if named is None:
        raise Refused(
            "“%(name)s” is not a member of this council. Register it by name with its key "
            "fingerprint (%(fingerprint)s), then import again. Nothing changed.",
            name=claimed,
            fingerprint=spaced(fingerprint),
        )
    if named["key_id"] is not None or named["fingerprint"] != fingerprint:
        raise Refused(
            "This bundle claims to be from “%(name)s” but is signed by another key "
            "(fingerprint %(fingerprint)s; registered: %(registered)s). If that member really "
            "has a new key, register it again with the new fingerprint. Nothing changed.",
            name=named["name"],
            fingerprint=spaced(fingerprint),
            registered=spaced(named["fingerprint"]),
        )
    identity.trust_key(db, raw, named["name"], str(sender.get("area", "")), replacing=True)
    db.table("council_members").update(
        named["id"], {"key_id": sender["key_id"], "pinned_at": time.time()}
    )
    return member(db, named["id"])


def follow_successions(db: Database, taken: list[tuple[str, str]]) -> None:
    """Pin members to the new keys their old keys announced, so they need not register again."""
    keys = identity.trusted_keys(db)
    for old, new in taken:
        db.execute(
            "UPDATE council_members SET key_id = ?, fingerprint = ? WHERE key_id = ?",
            [new, fingerprint_of(keys[new]), old],
        )


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
        summary = ngettext(
            "%(ok)s of its %(num)s voting member meet the standard.",
            "%(ok)s of its %(num)s voting members meet the standard.",
            len(voters),
            ok=ok,
        )
        return meets, {"meets_standard": meets, "summary": summary}
    card = minutes.get("legitimacy")
    if not isinstance(card, dict):
        summary = gettext("Its minutes carry no legitimacy card.")
        return False, {"meets_standard": False, "summary": summary}
    meets = card.get("meets_standard") is True
    return meets, {"meets_standard": meets, "summary": str(card.get("summary", ""))[:400]}


def with_rights(db: Database, found: dict) -> dict:
    """Add to a member what its delegates may do, and whether the facilitator decided it."""
    decided = one(
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
        "rights_words": gettext(RIGHTS[rights]),
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
        return gettext(RIGHTS_DECIDED[holder["rights"]], member=holder["name"], reason=reason)
    return gettext(RIGHTS_BY_STANDARD[holder["rights"]], member=holder["name"])


def set_rights(db: Database, meeting: dict, member_id: int, rights: str, reason: str) -> dict:
    """Record what a member's delegates may do (sit, speak, vote) and why; seats follow it."""
    found = member(db, member_id)
    if rights not in RIGHTS:
        raise Refused("Choose sit, speak or vote.")
    reason = " ".join(str(reason or "").split())
    if len(reason) > MAX_REASON:
        raise Refused("Keep the reason under %(most)s characters.", most=MAX_REASON)
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
