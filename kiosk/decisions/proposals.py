"""Proposals and their wording: the original words, amendments, and each version taken."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused

MAX_PROPOSAL = 2000
MAX_PROPOSER = 80
FROM_THE_FLOOR = "from the floor"


def clean_text(text: str, what: str = "proposal") -> str:
    """Return the exact words, trimmed, or refuse empty or oversized text."""
    text = (text or "").strip()
    if not text:
        raise Refused(f"Type the {what}'s exact words first.")
    if len(text) > MAX_PROPOSAL:
        raise Refused(
            f"A {what} can be at most {MAX_PROPOSAL} characters; this one has {len(text)}."
        )
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
        raise Refused(f"Keep the proposer's name under {MAX_PROPOSER} characters.")
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
