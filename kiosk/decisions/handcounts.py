"""Counts from raised hands, cards and paper ballots, merged with phone votes."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused

SOURCES = {"hands": "raised hands", "cards": "voting cards", "paper": "paper ballots"}


def hand_totals(db: Database, round_id: int) -> dict[str, dict[str, int]]:
    """Return the counts entered for a round, by source then choice."""
    totals: dict[str, dict[str, int]] = {}
    for row in db.query(
        "SELECT source, choice, count FROM hand_counts WHERE round_id = ?", [round_id]
    ):
        totals.setdefault(row["source"], {})[row["choice"]] = row["count"]
    return totals


def parse_counts(raw: object, choices: list[str]) -> dict[str, int]:
    """Read {choice: count} as entered, refusing unknown choices and impossible numbers."""
    if not isinstance(raw, dict):
        raise Refused("Enter a count for each choice.")
    counts = {}
    for choice, value in raw.items():
        if choice not in choices:
            raise Refused(
                "“%(choice)s” is not one of this round's choices.", choice=str(choice)[:40]
            )
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise Refused("Counts must be whole numbers, 0 or more.")
        counts[choice] = value
    return counts


def check_against_present(
    phone: dict[str, int], hands: dict[str, dict[str, int]], present: int, per_choice: bool
) -> None:
    """Refuse counts that add up to more votes than people present."""
    totals = dict(phone)
    for counts in hands.values():
        for choice, n in counts.items():
            totals[choice] = totals.get(choice, 0) + n
    biggest = max(totals.values(), default=0) if per_choice else sum(totals.values())
    if biggest > present:
        raise Refused(
            "That makes %(biggest)s votes, but only %(present)s people are recorded as present. "
            "Check the count, or add the people without phones at the desk first.",
            biggest=biggest,
            present=present,
        )


def store(db: Database, round_id: int, source: str, counts: dict[str, int]) -> None:
    """Replace one source's counts for a round."""
    with db.atomic():
        db.execute("DELETE FROM hand_counts WHERE round_id = ? AND source = ?", [round_id, source])
        now = time.time()
        db.table("hand_counts").insert_all(
            {"round_id": round_id, "source": source, "choice": c, "count": n, "entered_at": now}
            for c, n in counts.items()
            if n
        )
