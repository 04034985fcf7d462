"""Casting votes. Open and counted rounds keep one changeable vote per phone; secret rounds
keep ballots that no row links to a person, plus a separate register of who has voted.

A secret single-choice round keeps only a counter per option: there is no row per ballot whose
place in the file could betray the order of voting. Ranked and approval ballots must be kept
whole, so when their round closes they are written again in a random order under new random
ids, the register is written again in order of attendee, and the file forgets the rest
(secure_delete zeroes what was deleted; the log is folded in and cut; VACUUM rebuilds the file).
docs/security.md says what this defends against, and what it cannot.
"""

import json
import secrets
import sqlite3
import time

from sqlite_utils import Database

from kiosk.db import forget_layout, write
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
            "Please keep your reason under %(most)s characters "
            "(it has %(has)s). Nothing was saved yet.",
            most=MAX_REASON,
            has=f"{len(reason):,}",
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
    cursor = write(
        db,
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
            if KINDS[rnd["kind"]].choosing:  # kept whole; reordered when the round closes
                db.execute(
                    "INSERT INTO ballots (id, round_id, choice) VALUES (?, ?, ?)",
                    [_random_id(), rnd["id"], stored],
                )
            else:  # only the count: no row of its own
                db.execute(
                    """INSERT INTO ballot_counts (round_id, choice, n) VALUES (?, ?, 1)
                       ON CONFLICT (round_id, choice) DO UPDATE SET n = n + 1""",
                    [rnd["id"], stored],
                )
    except sqlite3.IntegrityError as error:
        raise Refused("You have already voted in this secret ballot; it cannot be changed.") from (
            error
        )


def _random_id() -> int:
    """Return a ballot id that says nothing of when it was cast."""
    return secrets.randbits(62) + 1


def _counted_only(rnd: dict) -> bool:
    """Say whether a round keeps counters rather than ballots: secret and single-choice."""
    return rnd["visibility"] == "secret" and not KINDS[rnd["kind"]].choosing


def _stored_choices(db: Database, rnd: dict):
    """Yield every stored choice of a round, whichever table holds them."""
    table = "ballots" if rnd["visibility"] == "secret" else "votes"
    for row in db.query(f"SELECT choice FROM {table} WHERE round_id = ?", [rnd["id"]]):
        yield row["choice"]


def phone_counts(db: Database, rnd: dict) -> dict[str, int]:
    """Count phone votes: per choice, approvals per option, or ranked first preferences."""
    if _counted_only(rnd):
        sql = "SELECT choice, n FROM ballot_counts WHERE round_id = ?"
        return {row["choice"]: row["n"] for row in db.query(sql, [rnd["id"]])}
    if not KINDS[rnd["kind"]].choosing:  # one choice a vote: SQLite counts them
        sql = "SELECT choice, COUNT(*) FROM votes WHERE round_id = ? GROUP BY choice"
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


def reasons(db: Database, rnd: dict) -> list[dict]:
    """List the reasons given with concerns and blocks, never whose (none in a secret round)."""
    if rnd["visibility"] == "secret":
        return []
    return list(
        db.query(
            """SELECT choice, reason FROM votes WHERE round_id = ? AND reason != ''
               ORDER BY choice, reason""",
            [rnd["id"]],
        )
    )


def shuffle(db: Database, rnd: dict) -> None:
    """Write a secret round's ballots again in a random order, and its register by attendee.

    Called inside the transaction that closes the round. What was deleted is zeroed, since
    every handle runs with secure_delete on (kiosk.db.connect).
    """
    if rnd["visibility"] != "secret":
        return
    kept = [row["choice"] for row in db.query(SHUFFLED, [rnd["id"]])]
    secrets.SystemRandom().shuffle(kept)
    db.execute("DELETE FROM ballots WHERE round_id = ?", [rnd["id"]])
    db.conn.executemany(
        "INSERT INTO ballots (id, round_id, choice) VALUES (?, ?, ?)",
        [(_random_id(), rnd["id"], stored) for stored in kept],
    )
    voters = [row["attendee_id"] for row in db.query(REGISTER, [rnd["id"]])]
    db.execute("DELETE FROM ballot_box WHERE round_id = ?", [rnd["id"]])
    db.conn.executemany(
        "INSERT INTO ballot_box (round_id, attendee_id) VALUES (?, ?)",
        [(rnd["id"], voter) for voter in voters],
    )


SHUFFLED = "SELECT choice FROM ballots WHERE round_id = ?"
REGISTER = "SELECT attendee_id FROM ballot_box WHERE round_id = ? ORDER BY attendee_id"


def forget_order(db: Database) -> bool:
    """Leave no trace of the order of writes in the file or its log; say if the log was cut."""
    return forget_layout(db)
