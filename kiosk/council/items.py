"""Deciding the council's published items: rounds opened on an item, and the version each is on.

The council meeting decides an item through one proposal, made from the item's published words.
An amendment the council takes on that proposal makes the item's next version: a round opened
after it is on that version, and mandates given on an earlier one follow their amendment rule.
A round on words that are not a published item is on no item: no mandate binds it.
"""

import json

from sqlite_utils import Database

from kiosk.council import agenda
from kiosk.db import one
from kiosk.decisions import proposals, rounds
from kiosk.errors import Refused
from kiosk.words import N_

STAGES = {
    "consent": N_("Consent round"),
    "final": N_("Final vote"),
    "temperature": N_("Temperature check"),
}


def open_round(db: Database, meeting: dict, item_id: int, stage: str = "final") -> dict:
    """Open a round on a published item, in its exact words (or its options); return it."""
    item = agenda.get(db, meeting, item_id)
    if item["published_version"] is None:
        raise Refused("Publish the agenda first: assemblies mandate on the published words.")
    if item["version"] != item["published_version"]:
        raise Refused(
            "This item's wording changed after the agenda was published. Publish it again "
            "so the assemblies see the new version, or amend it here in the meeting."
        )
    with db.atomic():
        linked = one(db, "SELECT * FROM council_item_proposals WHERE item_id = ?", [item_id])
        if linked is None:
            proposal_id = proposals.new_proposal(db, meeting, item["text"])
            db.table("council_item_proposals").insert(
                {"proposal_id": proposal_id, "item_id": item_id, "base_version": item["version"]}
            )
        else:
            proposal_id = linked["proposal_id"]
        if item["kind"] != "vote":
            return rounds.open_round(
                db,
                meeting,
                kind=item["kind"],
                proposal_id=proposal_id,
                stage="runoff" if item["kind"] == "ranked" else "final",
                visibility="open",
                options=item["options"],
                max_choices=item["max_choices"],
            )
        if stage not in STAGES:
            raise Refused("Choose a consent round, a final vote or a temperature check.")
        rule = "majority" if stage == "final" else None
        return rounds.open_round(
            db, meeting, proposal_id=proposal_id, stage=stage, rule=rule, visibility="open"
        )


def on_round(db: Database, rnd: dict) -> dict | None:
    """Return the published item and version a round decides, or None for words off the agenda."""
    linked = one(
        db,
        """SELECT council_item_proposals.*, council_items.uid, council_items.kind,
                  council_items.options, council_items.meeting_id
           FROM council_item_proposals
           JOIN council_items ON council_items.id = council_item_proposals.item_id
           WHERE proposal_id = ?""",
        [rnd["proposal_id"]],
    )
    if linked is None:
        return None
    at_open = db.execute(
        "SELECT MAX(version) FROM proposal_versions WHERE proposal_id = ? AND created_at <= ?",
        [rnd["proposal_id"], rnd["opened_at"]],
    ).fetchone()[0]
    version = linked["base_version"] + (at_open or 1) - 1
    text = db.execute(
        "SELECT text FROM proposal_versions WHERE proposal_id = ? AND version = ?",
        [rnd["proposal_id"], at_open or 1],
    ).fetchone()[0]
    return {
        "item_id": linked["item_id"],
        "uid": linked["uid"],
        "version": version,
        "text": text,  # the item's words at this version (an amendment round votes on others)
        "kind": linked["kind"],
        "options": json.loads(linked["options"]),
        "amendment": rnd["text"] if rnd["stage"] == "amendment" else None,
    }


def current_version(db: Database, item: dict) -> int:
    """Return an item's version now: amendments taken at the meeting count on from published."""
    linked = one(db, "SELECT * FROM council_item_proposals WHERE item_id = ?", [item["id"]])
    if linked is None:
        return item["version"]
    latest = db.execute(
        "SELECT MAX(version) FROM proposal_versions WHERE proposal_id = ?",
        [linked["proposal_id"]],
    ).fetchone()[0]
    return linked["base_version"] + latest - 1


def rounds_on(db: Database, item_id: int) -> list[dict]:
    """Return the rounds held on an item, oldest first."""
    linked = one(db, "SELECT proposal_id FROM council_item_proposals WHERE item_id = ?", [item_id])
    if linked is None:
        return []
    rows = db.query(
        "SELECT id FROM rounds WHERE proposal_id = ? ORDER BY id", [linked["proposal_id"]]
    )
    return [rounds.get_round(db, r["id"]) for r in rows]
