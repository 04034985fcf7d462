"""The council's agenda: drafted from members' proposals, published with ids and versions.

Delegates do not set the agenda: the facilitator builds it from the proposals member assemblies
sent up, orders it, and merges duplicates (the item keeps every source). The council may add
procedural items, and items of its own only where its settings allow, marked as its own.

Each item has a stable id (the council's fingerprint and the item's number here). Publishing
fixes the wording as a version; changing the wording of a published item makes the next version,
so an assembly's mandate always names the exact words it was given on.
"""

import json
import time
from datetime import date

from sqlite_utils import Database

from kiosk.council import proposals, room
from kiosk.db import one
from kiosk.decisions.proposals import clean_text
from kiosk.errors import Refused
from kiosk.trust import identity
from kiosk.words import N_

ORIGINS = {
    "members": N_("From members' proposals"),
    "procedural": N_("Procedural"),
    "council": N_("The council's own item"),
}
KINDS = {
    "vote": N_("Yes or no"),
    "approval": N_("Approval among options"),
    "ranked": N_("Ranked options"),
}


def _uid(db: Database, item_id: int) -> str:
    """Return an item's stable id: this council's fingerprint and the item's number."""
    return identity.assembly(db)["fingerprint"].replace(" ", "") + f"-I{item_id}"


def get(db: Database, meeting: dict, item_id: int) -> dict:
    """Return one item of this meeting's agenda with its sources, or refuse."""
    row = one(
        db, "SELECT * FROM council_items WHERE id = ? AND meeting_id = ?", [item_id, meeting["id"]]
    )
    if row is None:
        raise Refused("That item is not on this meeting's agenda.")
    sources = db.query(
        """SELECT council_proposals.uid, council_proposals.text, council_members.name AS member
           FROM council_item_sources
           JOIN council_proposals ON council_proposals.id = proposal_id
           JOIN council_members ON council_members.id = council_proposals.member_id
           WHERE item_id = ? ORDER BY council_proposals.id""",
        [item_id],
    )
    return {**row, "options": json.loads(row["options"]), "sources": list(sources)}


def items(db: Database, meeting: dict) -> list[dict]:
    """Return this meeting's agenda in order, each item with its number and sources."""
    rows = db.query(
        "SELECT id FROM council_items WHERE meeting_id = ? ORDER BY position", [meeting["id"]]
    )
    return [{**get(db, meeting, r["id"]), "number": n} for n, r in enumerate(rows, 1)]


def _insert(db: Database, meeting: dict, fields: dict) -> int:
    """Add an item at the end of the agenda, with its stable id; return its row id."""
    last = db.execute(
        "SELECT COALESCE(MAX(position), 0) FROM council_items WHERE meeting_id = ?",
        [meeting["id"]],
    ).fetchone()[0]
    row = {"uid": "", "meeting_id": meeting["id"], "position": last + 1, **fields}
    pk = db.table("council_items").insert({**row, "created_at": time.time()}).last_pk
    db.table("council_items").update(pk, {"uid": _uid(db, pk)})
    return pk


def add_proposal(db: Database, meeting: dict, proposal_id: int) -> dict:
    """Put a member's proposal on the agenda as a new item, in its exact words."""
    found = proposals.get(db, proposal_id)
    placed = one(
        db,
        """SELECT 1 FROM council_item_sources JOIN council_items ON council_items.id = item_id
           WHERE proposal_id = ? AND meeting_id = ?""",
        [proposal_id, meeting["id"]],
    )
    if placed:
        raise Refused("That proposal is already on this meeting's agenda.")
    fields = {
        "text": found["text"],
        "kind": found["kind"],
        "options": json.dumps(found["options"]),
        "max_choices": found["max_choices"],
        "origin": "members",
    }
    with db.atomic():
        pk = _insert(db, meeting, fields)
        db.table("council_item_sources").insert({"item_id": pk, "proposal_id": proposal_id})
    return get(db, meeting, pk)


def _options(kind: str, options: object, most: object) -> tuple[list[str], int]:
    """Read a council item's options (for approval or ranked items) and the picks allowed."""
    if kind not in KINDS:
        raise Refused("Choose how the item is decided: yes or no, approval, or ranked.")
    if kind == "vote":
        return [], 1
    if isinstance(options, str):
        options = options.splitlines()
    cleaned = [" ".join(str(o).split()) for o in options or [] if str(o).strip()]
    if not 2 <= len(cleaned) <= 20 or len(set(cleaned)) != len(cleaned):
        raise Refused("Give between 2 and 20 different options, one per line.")
    try:
        most = int(most or 1)
    except (TypeError, ValueError):
        raise Refused("Say how many options each seat may approve.") from None
    if not 1 <= most <= len(cleaned):
        raise Refused("Each seat may approve between one and all of the options.")
    return cleaned, most if kind == "approval" else 1


def add_own(db: Database, meeting: dict, text: str, origin: str, kind="vote", options=None, most=1):
    """Add a procedural item, or (where the council's settings allow) one of its own."""
    if origin not in ("procedural", "council"):
        raise Refused("The council adds procedural items, or items marked as its own.")
    if origin == "council" and not room.settings(db)["own_items"]:
        raise Refused(
            "This council's settings do not let it put items of its own on the agenda: "
            "delegates carry their assemblies' proposals. Add it as procedural, or change "
            "the setting if the council's rules allow."
        )
    options, most = _options(kind, options, most)
    fields = {"text": clean_text(text, "item"), "kind": kind, "options": json.dumps(options)}
    with db.atomic():
        pk = _insert(db, meeting, {**fields, "max_choices": most, "origin": origin})
    return get(db, meeting, pk)


def merge(db: Database, meeting: dict, keep_id: int, other_id: int) -> dict:
    """Merge a duplicate into an item: the item keeps its words and gains every source."""
    keep, other = get(db, meeting, keep_id), get(db, meeting, other_id)
    if keep_id == other_id:
        raise Refused("Choose two different items to merge.")
    if other["published_version"] is not None:
        raise Refused("That item has been published: assemblies may have mandated on it.")
    if keep["origin"] != "members" or other["origin"] != "members":
        raise Refused("Only items from members' proposals are merged.")
    with db.atomic():
        db.execute(
            "UPDATE council_item_sources SET item_id = ? WHERE item_id = ?", [keep_id, other_id]
        )
        db.execute("DELETE FROM council_items WHERE id = ?", [other_id])
    return get(db, meeting, keep_id)


def move(db: Database, meeting: dict, item_id: int, by: int) -> list[dict]:
    """Move an item up (by -1) or down (by 1) the agenda."""
    order = [i["id"] for i in items(db, meeting)]
    get(db, meeting, item_id)
    at = order.index(item_id)
    to = max(0, min(len(order) - 1, at + by))
    order.insert(to, order.pop(at))
    with db.atomic():
        for position, pk in enumerate(order, 1):
            db.execute("UPDATE council_items SET position = ? WHERE id = ?", [position, pk])
    return items(db, meeting)


def remove(db: Database, meeting: dict, item_id: int) -> None:
    """Take an unpublished item off the agenda (its proposals can be placed again)."""
    if get(db, meeting, item_id)["published_version"] is not None:
        raise Refused("A published item stays on the record; change its wording instead.")
    with db.atomic():
        db.execute("DELETE FROM council_item_sources WHERE item_id = ?", [item_id])
        db.execute("DELETE FROM council_items WHERE id = ?", [item_id])


def reword(db: Database, meeting: dict, item_id: int, text: str, options=None) -> dict:
    """Change an item's wording (and options); once published, this makes its next version."""
    item = get(db, meeting, item_id)
    text = clean_text(text, "item")
    new_options, _most = _options(item["kind"], options or item["options"], item["max_choices"])
    if text == item["text"] and new_options == item["options"]:
        raise Refused("That is the item's wording already.")
    version = item["version"] + (item["published_version"] == item["version"])
    with db.atomic():
        db.table("council_items").update(
            item_id, {"text": text, "options": json.dumps(new_options), "version": version}
        )
    return get(db, meeting, item_id)


def published(db: Database, meeting: dict) -> dict | None:
    """Return when this meeting's agenda was last published, for which date, and its edition."""
    return one(db, "SELECT * FROM council_agendas WHERE meeting_id = ?", [meeting["id"]])


def publish(db: Database, meeting: dict, meets_on: str, today: date | None = None) -> dict:
    """Fix every item's current wording as a version and publish the agenda for a date."""
    try:
        when = date.fromisoformat(str(meets_on))
    except ValueError:
        raise Refused("Give the council meeting's date, like 2026-12-03.") from None
    if when < (today or date.today()):
        raise Refused("That date has passed: publish the agenda for the coming meeting.")
    found = items(db, meeting)
    if not found:
        raise Refused("The agenda has no items yet.")
    before = published(db, meeting)
    now = time.time()
    with db.atomic():
        for item in found:
            db.execute(
                """INSERT OR REPLACE INTO council_item_versions
                   (item_id, version, text, options, created_at) VALUES (?, ?, ?, ?, ?)""",
                [item["id"], item["version"], item["text"], json.dumps(item["options"]), now],
            )
            db.table("council_items").update(item["id"], {"published_version": item["version"]})
        db.table("council_agendas").upsert(
            {
                "meeting_id": meeting["id"],
                "meets_on": when.isoformat(),
                "edition": (before["edition"] + 1) if before else 1,
                "published_at": now,
            },
            pk="meeting_id",
        )
    return data(db, meeting)


def data(db: Database, meeting: dict) -> dict:
    """Return the published agenda as the signed agenda bundle carries it (agenda.json)."""
    told = published(db, meeting)
    if told is None:
        raise Refused("Publish the agenda first: choose the meeting's date and publish.")
    me = identity.assembly(db)
    to = db.query("SELECT name, key_id FROM council_members WHERE key_id IS NOT NULL ORDER BY name")
    return {
        "schema": "assembly-kiosk/agenda",
        "version": 1,
        "council": {k: me[k] for k in ("name", "level", "theme", "key_id", "fingerprint")},
        "meeting": {"id": meeting["id"], "code": meeting["code"]},
        "meets_on": told["meets_on"],
        "edition": told["edition"],
        "to": list(to),
        "items": [_published_item(db, i) for i in items(db, meeting) if i["published_version"]],
    }


def _published_item(db: Database, item: dict) -> dict:
    """Describe one item as published: its id, number, version, exact words and sources."""
    words = one(
        db,
        "SELECT text, options FROM council_item_versions WHERE item_id = ? AND version = ?",
        [item["id"], item["published_version"]],
    )
    return {
        "id": item["uid"],
        "number": item["number"],
        "version": item["published_version"],
        "text": words["text"],
        "kind": item["kind"],
        "options": json.loads(words["options"]),
        "max_choices": item["max_choices"],
        "origin": item["origin"],
        "sources": [{"id": s["uid"], "member": s["member"]} for s in item["sources"]],
    }
