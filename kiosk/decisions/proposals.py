"""Proposals and their wording: the original words, amendments, and each version taken."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.words import N_

MAX_PROPOSAL = 2000
MAX_PROPOSER = 80
FROM_THE_FLOOR = "from the floor"


EMPTY = {
    "proposal": N_("Type the proposal's exact words first."),
    "amendment": N_("Type the amendment's exact words first."),
    "item": N_("Type the item's exact words first."),
}
TOO_LONG = {
    "proposal": N_("A proposal can be at most %(most)s characters; this one has %(has)s."),
    "amendment": N_("An amendment can be at most %(most)s characters; this one has %(has)s."),
    "item": N_("An item can be at most %(most)s characters; this one has %(has)s."),
}


def clean_text(text: str, what: str = "proposal") -> str:
    """Return the exact words, trimmed, or refuse empty or oversized text."""
    text = (text or "").strip()
    if not text:
        raise Refused(EMPTY[what])
    if len(text) > MAX_PROPOSAL:
        raise Refused(TOO_LONG[what], most=MAX_PROPOSAL, has=len(text))
    return text


def new_proposal(db: Database, meeting: dict, text: str) -> int:
    """Record a proposal's exact words as its first version and return its id."""
    text, now = clean_text(text), time.time()
    with db.atomic():
        proposal_id = (
            db.table("proposals")
            .insert({"meeting_id": meeting["id"], "text": text, "created_at": now})
            .last_pk
        )
        db.table("proposal_versions").insert(
            {"proposal_id": proposal_id, "version": 1, "text": text, "created_at": now}
        )
    return proposal_id


def get_proposal(db: Database, meeting: dict, proposal_id: int) -> dict:
    """Return one of the meeting's proposals, or refuse."""
    rows = list(
        db.query(
            "SELECT * FROM proposals WHERE id = ? AND meeting_id = ?", [proposal_id, meeting["id"]]
        )
    )
    if not rows:
        raise Refused("That proposal is not part of this meeting.")
    return rows[0]


def propose_amendment(db: Database, meeting: dict, proposal_id: int, text: str, by: str) -> dict:
    """Record an amendment: its full new wording and who proposed it (a name or the floor)."""
    get_proposal(db, meeting, proposal_id)
    text = clean_text(text, "amendment")
    by = " ".join((by or "").split()) or FROM_THE_FLOOR
    if len(by) > MAX_PROPOSER:
        raise Refused("Keep the proposer's name under %(most)s characters.", most=MAX_PROPOSER)
    row = {"proposal_id": proposal_id, "text": text, "proposed_by": by, "created_at": time.time()}
    amendment_id = db.table("amendments").insert(row).last_pk
    return db.table("amendments").get(amendment_id)


def decide_amendment(db: Database, meeting: dict, amendment_id: int, taken: bool) -> dict:
    """Take or leave a pending amendment; a taken one becomes the proposal's next version."""
    rows = list(
        db.query(
            """SELECT amendments.* FROM amendments JOIN proposals ON proposals.id = proposal_id
               WHERE amendments.id = ? AND proposals.meeting_id = ?""",
            [amendment_id, meeting["id"]],
        )
    )
    if not rows:
        raise Refused("That amendment is not part of this meeting.")
    amendment, now = rows[0], time.time()
    if amendment["status"] != "pending":
        raise Refused("That amendment has already been decided.")
    with db.atomic():
        status = "taken" if taken else "not_taken"
        db.table("amendments").update(amendment_id, {"status": status, "decided_at": now})
        if taken:
            _add_version(db, amendment, now)
    return db.table("amendments").get(amendment_id)


def _add_version(db: Database, amendment: dict, now: float) -> None:
    """Make an amendment's words the proposal's current wording, as a new version."""
    proposal_id = amendment["proposal_id"]
    latest = next(
        db.query(
            "SELECT MAX(version) AS v FROM proposal_versions WHERE proposal_id = ?", [proposal_id]
        )
    )["v"]
    db.table("proposal_versions").insert(
        {
            "proposal_id": proposal_id,
            "version": latest + 1,
            "text": amendment["text"],
            "amendment_id": amendment["id"],
            "created_at": now,
        }
    )
    db.table("proposals").update(proposal_id, {"text": amendment["text"]})


def history(db: Database, proposal_id: int) -> dict:
    """Return a proposal's versions and amendments, oldest first, for the record."""
    versions = db.query(
        "SELECT * FROM proposal_versions WHERE proposal_id = ? ORDER BY version", [proposal_id]
    )
    amendments = db.query(
        "SELECT * FROM amendments WHERE proposal_id = ? ORDER BY id", [proposal_id]
    )
    return {"versions": list(versions), "amendments": list(amendments)}
