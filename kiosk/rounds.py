"""Proposals, the rounds that decide them, and the votes cast in each round."""

import json
import time
from dataclasses import dataclass

from sqlite_utils import Database

from .errors import Refused
from .meetings import attendance
from .rules import RULES

MAX_PROPOSAL = 2000
MAX_REASON = 500


@dataclass(frozen=True)
class Kind:
    """A kind of round: the choices a phone offers and which of them ask for a reason."""

    options: tuple[tuple[str, str], ...]
    reasons: frozenset[str]
    default_rule: str


KINDS = {
    "consent": Kind(
        (
            ("agree", "Agree"),
            ("concerns", "Concerns"),
            ("stand_aside", "Stand aside"),
            ("block", "Block"),
        ),
        frozenset({"concerns", "block"}),
        "consensus",
    ),
    "vote": Kind(
        (("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")), frozenset(), "fallback_75"
    ),
}


def open_round(
    db: Database,
    meeting: dict,
    text: str = "",
    kind: str = "consent",
    rule: str | None = None,
    proposal_id: int | None = None,
) -> dict:
    """Open a round on a new proposal (text) or an existing one (proposal_id)."""
    if kind not in KINDS:
        raise Refused("That kind of round does not exist.")
    rule = rule or KINDS[kind].default_rule
    if rule not in RULES or RULES[rule].kind != kind:
        raise Refused("That decision rule does not fit this kind of round.")
    if meeting["ended_at"] is not None:
        raise Refused("This meeting has ended.")
    if open_round_of(db, meeting["id"]):
        raise Refused("Another round is still open. Close it first.")
    with db.atomic():
        if proposal_id is None:
            proposal_id = _new_proposal(db, meeting, text)
        elif not _proposal_in_meeting(db, proposal_id, meeting["id"]):
            raise Refused("That proposal is not part of this meeting.")
        round_id = (
            db.table("rounds")
            .insert(
                {
                    "proposal_id": proposal_id,
                    "kind": kind,
                    "rule": rule,
                    "settings": json.dumps(dict(RULES[rule].defaults)),
                    "opened_at": time.time(),
                }
            )
            .last_pk
        )
    return get_round(db, round_id)


def _new_proposal(db: Database, meeting: dict, text: str) -> int:
    """Insert a proposal's exact words and return its id."""
    text = (text or "").strip()
    if not text:
        raise Refused("Type the proposal's exact words before opening a round.")
    if len(text) > MAX_PROPOSAL:
        raise Refused(
            f"A proposal can be at most {MAX_PROPOSAL} characters; this one has {len(text)}."
        )
    table = db.table("proposals")
    return table.insert(
        {"meeting_id": meeting["id"], "text": text, "created_at": time.time()}
    ).last_pk


def _proposal_in_meeting(db: Database, proposal_id: int, meeting_id: int) -> bool:
    """Return whether proposal_id belongs to the meeting."""
    rows = db.query(
        "SELECT 1 FROM proposals WHERE id = ? AND meeting_id = ?", [proposal_id, meeting_id]
    )
    return bool(list(rows))


ROUND_SQL = """SELECT rounds.*, proposals.text, proposals.meeting_id
               FROM rounds JOIN proposals ON proposals.id = rounds.proposal_id"""


def get_round(db: Database, round_id: int) -> dict:
    """Return a round with its proposal's words, or refuse."""
    rows = list(db.query(f"{ROUND_SQL} WHERE rounds.id = ?", [round_id]))
    if not rows:
        raise Refused("That round does not exist.")
    return rows[0]


def open_round_of(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's open round, if there is one."""
    rows = db.query(f"{ROUND_SQL} WHERE meeting_id = ? AND closed_at IS NULL", [meeting_id])
    return next(iter(rows), None)


def latest_round(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's most recently opened round, open or closed."""
    rows = db.query(
        f"{ROUND_SQL} WHERE meeting_id = ? ORDER BY rounds.id DESC LIMIT 1", [meeting_id]
    )
    return next(iter(rows), None)


def cast_vote(db: Database, attendee: dict, round_id: int, choice: str, reason: str = "") -> dict:
    """Record (or replace) an attendee's vote in an open round; it is committed on return."""
    rnd = get_round(db, round_id)
    if rnd["meeting_id"] != attendee["meeting_id"]:
        raise Refused("That round belongs to another meeting.")
    if rnd["closed_at"] is not None:
        raise Refused("This round has closed, so your vote was not counted.")
    kind = KINDS[rnd["kind"]]
    if choice not in dict(kind.options):
        raise Refused("That is not one of the choices in this round.")
    reason = " ".join((reason or "").split()) if choice in kind.reasons else ""
    if len(reason) > MAX_REASON:
        raise Refused(
            f"Please keep your reason under {MAX_REASON} characters "
            f"(it has {len(reason):,}). Nothing was saved yet."
        )
    # One statement, so a round closing at the same moment can never take a late vote.
    with db.atomic():
        cursor = db.execute(
            """INSERT INTO votes (round_id, attendee_id, choice, reason, cast_at)
               SELECT ?, ?, ?, ?, ? WHERE EXISTS
                   (SELECT 1 FROM rounds WHERE id = ? AND closed_at IS NULL)
               ON CONFLICT (round_id, attendee_id)
               DO UPDATE SET choice = excluded.choice, reason = excluded.reason,
                             cast_at = excluded.cast_at""",
            [round_id, attendee["id"], choice, reason, time.time(), round_id],
        )
    if cursor.rowcount == 0:
        raise Refused("This round has closed, so your vote was not counted.")
    return {"round_id": round_id, "choice": choice, "reason": reason}


def my_vote(db: Database, round_id: int, attendee_id: int) -> dict | None:
    """Return the attendee's current vote in the round, if any."""
    rows = db.query(
        "SELECT choice, reason FROM votes WHERE round_id = ? AND attendee_id = ?",
        [round_id, attendee_id],
    )
    return next(iter(rows), None)


def tally(db: Database, round_id: int) -> dict[str, int]:
    """Count the votes in a round, one per attendee, with every choice present."""
    kind = KINDS[get_round(db, round_id)["kind"]]
    counts = {value: 0 for value, _ in kind.options}
    for row in db.query(
        "SELECT choice, COUNT(*) AS n FROM votes WHERE round_id = ? GROUP BY choice", [round_id]
    ):
        counts[row["choice"]] = row["n"]
    return counts


def close_round(db: Database, round_id: int) -> dict:
    """Close an open round, apply its rule and record the outcome and its sentence."""
    rnd = get_round(db, round_id)
    if rnd["closed_at"] is not None:
        raise Refused("That round is already closed.")
    with db.atomic():
        present = attendance(db, rnd["meeting_id"])["present"]
        outcome = RULES[rnd["rule"]].apply(
            tally(db, round_id), present, json.loads(rnd["settings"])
        )
        db.table("rounds").update(
            round_id,
            {
                "closed_at": time.time(),
                "present_at_close": present,
                "outcome": outcome.result,
                "explanation": outcome.sentence,
            },
        )
    return get_round(db, round_id)
