"""Hand signals and twinkles from phones, a per-phone rate limit, and a library of energisers.

Signals are fleeting reactions, not records: a signal is kept 30 seconds, then forgotten (as a
room forgets a wave). They live in the database, not in one process's memory, so that every
worker process (app.py --workers) counts the same signals and holds a phone to one limit.
"""

import time
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.words import N_

KINDS = {
    "agree": N_("Agree (twinkles)"),
    "disagree": N_("Disagree"),
    "cant_hear": N_("Can't hear"),
    "wrap_up": N_("Please wrap up"),
    "process": N_("Point of process"),
}
RATE_LIMIT, RATE_WINDOW = 5, 10.0  # at most 5 signals a phone in any 10 seconds
SHOWN_FOR = 30.0  # the console aggregates the last 30 seconds


@dataclass(frozen=True)
class Energiser:
    """A short game to lift the room."""

    title: str
    instructions: str
    minutes: int


ENERGISERS = {
    "wave": Energiser(
        "The Mexican wave", "Starting from the left of the room, stand, wave and sit. Twice!", 2
    ),
    "neighbour": Energiser(
        "Meet a neighbour",
        "Find someone you have never met. Tell them your favourite place round here.",
        3,
    ),
    "stretch": Energiser(
        "Big stretch", "Stand up. Reach for the ceiling, touch your toes, shake it out.", 2
    ),
    "one_word": Energiser(
        "One word round", "Pass the mic: in one word, how are you feeling right now?", 4
    ),
    "rhythm": Energiser(
        "Clap the rhythm", "Copy the facilitator's clapping rhythm. It gets faster each time!", 2
    ),
}


def send(db: Database, attendee: dict, kind: str, now: float | None = None) -> None:
    """Count a phone's signal, unless it is unknown or the phone is over its limit."""
    if kind not in KINDS:
        raise Refused("That hand signal does not exist.")
    now = time.time() if now is None else now
    with db.atomic():  # the write lock first: two workers never both let a sixth one through
        recent = db.execute(
            "SELECT COUNT(*) FROM signals WHERE attendee_id = ? AND at > ?",
            [attendee["id"], now - RATE_WINDOW],
        ).fetchone()[0]
        if recent >= RATE_LIMIT:
            raise Refused("Easy there! Give it a few seconds before the next signal.")
        db.execute(
            "INSERT INTO signals (meeting_id, attendee_id, kind, at) VALUES (?, ?, ?, ?)",
            [attendee["meeting_id"], attendee["id"], kind, now],
        )


def report(db: Database, meeting_id: int, now: float | None = None) -> dict:
    """Return the rolling counts, and the burst since the last report (which it takes)."""
    now = time.time() if now is None else now
    with db.atomic():
        db.execute("DELETE FROM signals WHERE at <= ?", [now - max(SHOWN_FOR, RATE_WINDOW)])
        counts = dict.fromkeys(KINDS, 0)
        counts.update(_by_kind(db, "meeting_id = ? AND at > ?", [meeting_id, now - SHOWN_FOR]))
        burst = _by_kind(db, "meeting_id = ? AND reported = 0", [meeting_id])
        db.execute(
            "UPDATE signals SET reported = 1 WHERE meeting_id = ? AND reported = 0", [meeting_id]
        )
    return {"counts": counts, "burst": burst, "seconds": SHOWN_FOR}


def _by_kind(db: Database, where: str, params: list) -> dict[str, int]:
    """Count signals by kind."""
    sql = f"SELECT kind, COUNT(*) FROM signals WHERE {where} GROUP BY kind"
    return dict(db.execute(sql, params).fetchall())


def energiser(key: str) -> Energiser:
    """Return an energiser from the library, or refuse."""
    if key not in ENERGISERS:
        raise Refused("That energiser is not in the library.")
    return ENERGISERS[key]
