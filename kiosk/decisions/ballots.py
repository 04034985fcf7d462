"""Casting votes. Open and counted rounds keep one changeable vote per phone; secret rounds
keep ballots that no row links to a person, plus a separate record of who has voted.
"""

import json
import secrets
import sqlite3
import time

from sqlite_utils import Database

from kiosk.decisions import choice
from kiosk.decisions.kinds import KINDS, option_pairs
from kiosk.errors import Refused
from kiosk.meeting.admission import require_admitted
from kiosk.meeting.meetings import meeting_by_id

MAX_REASON = 500


def _clean_choice(rnd: dict, picked: object) -> str:
    """Check a phone's choice against the round and return it as stored text."""
    kind = KINDS[rnd["kind"]]
    values = [v for v, _ in option_pairs(rnd)]
    if kind.choosing:
        if not isinstance(picked, list) or not all(isinstance(p, str) for p in picked):
            raise Refused("That ballot was not understood. Please pick again.")
        if rnd["kind"] == "ranked":
            return json.dumps(choice.check_ranking(picked, values))
        return json.dumps(choice.check_approval(picked, values, rnd["max_choices"]))
    if picked not in values:
        raise Refused("That is not one of the choices in this round.")
    return picked


def _clean_reason(rnd: dict, picked: str, reason: object) -> str:
    """Keep a reason only where the choice asks for one, and refuse one that is too long."""
    if not isinstance(reason, str):
        reason = ""
    if picked not in KINDS[rnd["kind"]].reasons:
        return ""
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise Refused(
            f"Please keep your reason under {MAX_REASON} characters "
            f"(it has {len(reason):,}). Nothing was saved yet."
        )
    return reason


def cast(db: Database, rnd: dict, attendee: dict, picked: object, reason: object = "") -> dict:
    """Record an attendee's vote in a round; it is committed when this returns."""
    round_id = rnd["id"]
    if rnd["meeting_id"] != attendee["meeting_id"]:
        raise Refused("That round belongs to another meeting.")
    if rnd["closed_at"] is not None:
        raise Refused("This round has closed, so your vote was not counted.")
    if not attendee["admitted"]:  # only then is the meeting's mode needed, for the message
        require_admitted(attendee, meeting_by_id(db, attendee["meeting_id"]))
    stored = _clean_choice(rnd, picked)
    reason = _clean_reason(rnd, stored, reason)
    if rnd["visibility"] == "secret":
        _cast_secret(db, rnd, attendee, stored)
        return {"round_id": round_id, "secret": True}
    _cast_changeable(db, rnd, attendee, stored, reason)
    return {"round_id": round_id, "choice": picked, "reason": reason}


def _cast_changeable(db: Database, rnd: dict, attendee: dict, stored: str, reason: str) -> None:
    """Insert or replace a vote, in one statement that refuses a round that has closed."""
    with db.atomic():
        cursor = db.execute(
            """INSERT INTO votes (round_id, attendee_id, choice, reason, cast_at)
               SELECT ?, ?, ?, ?, ? WHERE EXISTS
                   (SELECT 1 FROM rounds WHERE id = ? AND closed_at IS NULL)
               ON CONFLICT (round_id, attendee_id)
               DO UPDATE SET choice = excluded.choice, reason = excluded.reason,
                             cast_at = excluded.cast_at""",
            [rnd["id"], attendee["id"], stored, reason, time.time(), rnd["id"]],
        )
    if cursor.rowcount == 0:
        raise Refused("This round has closed, so your vote was not counted.")


def _cast_secret(db: Database, rnd: dict, attendee: dict, stored: str) -> None:
    """Mark the attendee as having voted and drop an unlinked ballot in, both or neither."""
    try:
        with db.atomic():
            cursor = db.execute(
                """INSERT INTO ballot_box (round_id, attendee_id)
                   SELECT ?, ? WHERE EXISTS
                       (SELECT 1 FROM rounds WHERE id = ? AND closed_at IS NULL)""",
                [rnd["id"], attendee["id"], rnd["id"]],
            )
            if cursor.rowcount == 0:
                raise Refused("This round has closed, so your vote was not counted.")
            # A random id and no time: the order of ballots says nothing about who cast them.
            db.execute(
                "INSERT INTO ballots (id, round_id, choice) VALUES (?, ?, ?)",
                [secrets.randbits(62) + 1, rnd["id"], stored],
            )
    except sqlite3.IntegrityError as error:
        raise Refused("You have already voted in this secret ballot; it cannot be changed.") from (
            error
        )


def _stored_choices(db: Database, rnd: dict):
    """Yield every stored choice of a round, whichever table holds them."""
    table = "ballots" if rnd["visibility"] == "secret" else "votes"
    for row in db.query(f"SELECT choice FROM {table} WHERE round_id = ?", [rnd["id"]]):
        yield row["choice"]


def phone_counts(db: Database, rnd: dict) -> dict[str, int]:
    """Count phone votes: per choice, approvals per option, or ranked first preferences."""
    if not KINDS[rnd["kind"]].choosing:  # one choice a ballot: SQLite counts them
        table = "ballots" if rnd["visibility"] == "secret" else "votes"
        sql = f"SELECT choice, COUNT(*) FROM {table} WHERE round_id = ? GROUP BY choice"
        return dict(db.execute(sql, [rnd["id"]]).fetchall())
    counts: dict[str, int] = {}
    for stored in _stored_choices(db, rnd):
        if rnd["kind"] == "ranked":
            picks = json.loads(stored)[:1]
        else:
            picks = json.loads(stored)
        for pick in picks:
            counts[pick] = counts.get(pick, 0) + 1
    return counts


def ranked_ballots(db: Database, rnd: dict) -> list[list[str]]:
    """Return every ranked ballot of a round as a list of options, best first."""
    return [json.loads(stored) for stored in _stored_choices(db, rnd)]


def voter_count(db: Database, rnd: dict) -> int:
    """Count the phones that have voted in a round."""
    table = "ballot_box" if rnd["visibility"] == "secret" else "votes"
    return next(db.query(f"SELECT COUNT(*) AS n FROM {table} WHERE round_id = ?", [rnd["id"]]))["n"]


def my_vote(db: Database, rnd: dict, attendee_id: int) -> dict | None:
    """Return what a phone may see of its own vote: the choice, or only that it voted."""
    if rnd["visibility"] == "secret":
        rows = db.query(
            "SELECT 1 FROM ballot_box WHERE round_id = ? AND attendee_id = ?",
            [rnd["id"], attendee_id],
        )
        return {"secret": True} if list(rows) else None
    rows = db.query(
        "SELECT choice, reason FROM votes WHERE round_id = ? AND attendee_id = ?",
        [rnd["id"], attendee_id],
    )
    row = next(iter(rows), None)
    if row is None:
        return None
    picked = json.loads(row["choice"]) if KINDS[rnd["kind"]].choosing else row["choice"]
    return {"choice": picked, "reason": row["reason"]}


def named_votes(db: Database, rnd: dict) -> list[dict]:
    """List who voted what in an open round, for the facilitator only."""
    if rnd["visibility"] != "open":
        return []
    return list(
        db.query(
            """SELECT attendees.display_name AS name, votes.choice, votes.reason
               FROM votes JOIN attendees ON attendees.id = votes.attendee_id
               WHERE votes.round_id = ? ORDER BY votes.cast_at""",
            [rnd["id"]],
        )
    )


def forget_order(db: Database) -> None:
    """Fold the write-ahead log into the database, so it no longer holds the order of writes."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
