"""Members' proposals to the council, as their signed bundles bring them up.

An assembly decides by a round to put a proposal to a named council; its bundle carries the
proposal with a stable id that starts with the assembly's own key fingerprint, so no member can
speak for another. The council's facilitator builds the draft agenda from these.
"""

import json
import re
import time

from sqlite_utils import Database

from kiosk.council.members import fingerprint_of
from kiosk.council.roll import for_this_council
from kiosk.db import one
from kiosk.errors import Refused
from kiosk.trust import identity

KINDS = ("vote", "approval", "ranked")


def _checked(entry: object, prefix: str) -> dict | None:
    """Return a proposal from a bundle as a row, or None when it is not well formed."""
    if not isinstance(entry, dict):
        return None
    uid, text, kind = entry.get("id"), entry.get("text"), entry.get("kind", "vote")
    options = entry.get("options") or []
    most = entry.get("max_choices")
    ok = (
        isinstance(uid, str)
        and re.fullmatch(re.escape(prefix) + r"[0-9]{1,12}", uid)
        and isinstance(text, str)
        and 0 < len(text.strip()) <= 2000
        and kind in KINDS
        and isinstance(options, list)
        and all(isinstance(o, str) and 0 < len(o) <= 120 for o in options)
        and len(options) <= 20
        and (kind == "vote") == (not options)
    )
    if not ok:
        return None
    return {
        "uid": uid,
        "text": text.strip(),
        "kind": kind,
        "options": json.dumps(options),
        "max_choices": most if isinstance(most, int) and 1 <= most <= len(options) else 1,
        "decided_on": str(entry.get("decided_on", ""))[:10],
    }


def take(db: Database, found: dict, holder: dict) -> dict:
    """Keep the proposals to this council from a member's verified bundle; say what was new."""
    me = identity.assembly(db)
    prefix = fingerprint_of(found["raw"]) + "-P"
    added, elsewhere, unreadable = [], 0, 0
    for entry in found["minutes"].get("proposals_up") or []:
        row = _checked(entry, prefix)
        if row is None:
            unreadable += 1
            continue
        if not for_this_council(me, entry):
            elsewhere += 1
            continue
        if one(db, "SELECT 1 FROM council_proposals WHERE uid = ?", [row["uid"]]):
            continue
        db.table("council_proposals").insert(
            {
                **row,
                "member_id": holder["id"],
                "bundle_sha256": found["sha256"],
                "received_at": time.time(),
            }
        )
        added.append(row["text"])
    return {
        "proposals": added,
        "proposals_elsewhere": elsewhere,
        "proposals_unreadable": unreadable,
    }


def get(db: Database, proposal_id: int) -> dict:
    """Return a member's proposal with its member's name, or refuse."""
    found = one(
        db,
        """SELECT council_proposals.*, council_members.name AS member FROM council_proposals
           JOIN council_members ON council_members.id = member_id
           WHERE council_proposals.id = ?""",
        [proposal_id],
    )
    if found is None:
        raise Refused("That proposal has not reached this council.")
    return {**found, "options": json.loads(found["options"])}


def listing(db: Database, meeting_id: int) -> list[dict]:
    """List every member's proposal, saying which item of this meeting's agenda holds it."""
    placed = {
        row["proposal_id"]: row["item_id"]
        for row in db.query(
            """SELECT proposal_id, item_id FROM council_item_sources
               JOIN council_items ON council_items.id = item_id WHERE meeting_id = ?""",
            [meeting_id],
        )
    }
    rows = db.query("SELECT id FROM council_proposals ORDER BY received_at, id")
    return [{**get(db, r["id"]), "item_id": placed.get(r["id"])} for r in rows]
