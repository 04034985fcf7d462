"""Councils, seats on them, candidates, and electing a delegate, co-delegate and alternate."""

import json
import time
from fractions import Fraction

from sqlite_utils import Database

from kiosk.decisions import rounds
from kiosk.errors import Refused
from kiosk.words import N_

LEVELS = {"district": "District council", "county": "County council", "themed": "Themed council"}
GENDERS = {"": "Not given", "woman": "Woman", "man": "Man", "nonbinary": "Non-binary"}
MAX_NAME = 80


NAMES = {
    "council": (
        N_("Give the council's name."),
        N_("Keep the council's name under %(most)s characters."),
    ),
    "candidate": (
        N_("Give the candidate's name."),
        N_("Keep the candidate's name under %(most)s characters."),
    ),
}


def _name(text: str, what: str) -> str:
    """Return a cleaned name, or refuse an empty or overlong one."""
    name = " ".join((text or "").split())
    if not name:
        raise Refused(NAMES[what][0])
    if len(name) > MAX_NAME:
        raise Refused(NAMES[what][1], most=MAX_NAME)
    return name


def add_council(db: Database, name: str, level: str, theme: str = "") -> dict:
    """Register a council the assembly sends delegates to (or return the one with that name)."""
    name = _name(name, "council")
    if level not in LEVELS:
        raise Refused("Choose the council's level: district, county or themed.")
    theme = " ".join((theme or "").split()).lower()[:40]
    if level == "themed" and not theme:
        raise Refused("Say the themed council's theme, such as health or housing.")
    existing = list(db.query("SELECT * FROM councils WHERE name = ?", [name]))
    if existing:
        return existing[0]
    pk = db.table("councils").insert({"name": name, "level": level, "theme": theme}).last_pk
    return db.table("councils").get(pk)


def councils(db: Database) -> list[dict]:
    """List the councils this assembly knows, by name."""
    return list(db.query("SELECT * FROM councils ORDER BY name"))


def level_label(council: dict) -> str:
    """Say a council's level in words, with its theme."""
    if council["level"] == "themed":
        return f"Themed council: {council['theme']}"
    return LEVELS[council["level"]]


def open_seat(db: Database, meeting: dict, council_id: int, gender_balanced: bool) -> dict:
    """Open nominations for the assembly's seat on a council at this meeting."""
    if not list(db.query("SELECT 1 FROM councils WHERE id = ?", [council_id])):
        raise Refused("Choose one of the councils listed.")
    pk = (
        db.table("seats")
        .insert(
            {
                "meeting_id": meeting["id"],
                "council_id": council_id,
                "gender_balanced": int(bool(gender_balanced)),
                "created_at": time.time(),
            }
        )
        .last_pk
    )
    return get_seat(db, meeting, pk)


def get_seat(db: Database, meeting: dict, seat_id: int) -> dict:
    """Return one of the meeting's seats with its council, or refuse."""
    rows = list(
        db.query(
            """SELECT seats.*, councils.name AS council, councils.level, councils.theme
           FROM seats JOIN councils ON councils.id = seats.council_id
           WHERE seats.id = ? AND seats.meeting_id = ?""",
            [seat_id, meeting["id"]],
        )
    )
    if not rows:
        raise Refused("That seat is not part of this meeting.")
    return rows[0]


def seats(db: Database, meeting_id: int) -> list[dict]:
    """List the meeting's seats, each with its council and candidates."""
    found = []
    for seat in db.query(
        """SELECT seats.*, councils.name AS council, councils.level, councils.theme
           FROM seats JOIN councils ON councils.id = seats.council_id
           WHERE seats.meeting_id = ? ORDER BY seats.id""",
        [meeting_id],
    ):
        seat["candidates"] = candidates(db, seat["id"])
        found.append(seat)
    return found


def candidates(db: Database, seat_id: int) -> list[dict]:
    """List a seat's candidates in the order they stood."""
    return list(
        db.query(
            "SELECT id, name, gender, attendee_id FROM candidates WHERE seat_id = ? ORDER BY id",
            [seat_id],
        )
    )


def nominate(
    db: Database,
    meeting: dict,
    seat_id: int,
    name: str,
    gender: str = "",
    attendee_id: int | None = None,
) -> dict:
    """Add a candidate: someone nominating themselves from a phone, or added by the facilitator."""
    seat = get_seat(db, meeting, seat_id)
    if seat["round_id"] is not None:
        raise Refused("Voting has started for this seat; nominations are closed.")
    if gender not in GENDERS:
        raise Refused("That gender option is not one of the choices.")
    name = _name(name, "candidate")
    if attendee_id is not None and list(
        db.query(
            "SELECT 1 FROM candidates WHERE seat_id = ? AND attendee_id = ?", [seat_id, attendee_id]
        )
    ):
        raise Refused("You have already stood for this seat.")
    if list(db.query("SELECT 1 FROM candidates WHERE seat_id = ? AND name = ?", [seat_id, name])):
        raise Refused("%(name)s is already a candidate for this seat.", name=name)
    db.table("candidates").insert(
        {
            "seat_id": seat_id,
            "name": name,
            "gender": gender,
            "attendee_id": attendee_id,
            "created_at": time.time(),
        }
    )
    return get_seat(db, meeting, seat_id) | {"candidates": candidates(db, seat_id)}


def open_election(db: Database, meeting: dict, seat_id: int, method: str = "ranked") -> dict:
    """Open the vote for a seat: ranked choice (or approval) among its candidates, secret."""
    seat = get_seat(db, meeting, seat_id)
    if seat["round_id"] is not None:
        raise Refused("This seat's election has already been held.")
    names = [c["name"] for c in candidates(db, seat_id)]
    if len(names) < 2:
        raise Refused(
            "An election needs at least two candidates. With one, confirm them by a "
            "consent round instead."
        )
    if method not in ("ranked", "approval"):
        raise Refused("Elect by ranked choice or approval.")
    places = min(3, len(names) - 1)  # delegate, co-delegate, alternate, as candidates allow
    rnd = rounds.open_round(
        db,
        meeting,
        f"Elect our delegate to {seat['council']}",
        stage="runoff",
        kind=method,
        visibility="secret",
        options=names,
        seats=places,
        max_choices=places,
    )
    db.table("seats").update(seat_id, {"round_id": rnd["id"]})
    return rnd


def elected(db: Database, meeting: dict, seat_id: int) -> dict:
    """Read a closed election: delegate, co-delegate (gender-balanced if asked) and alternate."""
    seat = get_seat(db, meeting, seat_id)
    if seat["round_id"] is None:
        raise Refused("This seat has not been voted on yet.")
    rnd = rounds.get_round(db, seat["round_id"])
    if rnd["closed_at"] is None:
        raise Refused("Close the election round first.")
    if rnd["outcome"] == "no_decision":
        raise Refused("The election ended with no decision: nobody was elected.")
    record = json.loads(rnd["record"])
    order = list(record.get("winners", []))
    last = record.get("stages", [{}])[-1] if record.get("stages") else {}
    rest = [c["name"] for c in candidates(db, seat_id) if c["name"] not in order]
    order += sorted(rest, key=lambda name: -float(Fraction(str(last.get(name, 0)))))
    genders = {c["name"]: c["gender"] for c in candidates(db, seat_id)}
    return {"seat": seat, **assign_places(order, genders, bool(seat["gender_balanced"]))}


def assign_places(order: list[str], genders: dict[str, str], balanced: bool) -> dict:
    """Give the places in elected order; a balanced pair takes the next person of another gender."""
    places = {"delegate": "", "co_delegate": "", "alternate": ""}
    rest = list(order)
    if not rest:
        return places
    places["delegate"] = rest.pop(0)
    pair = [n for n in rest if not balanced or _differs(genders, places["delegate"], n)]
    if pair:
        places["co_delegate"] = pair[0]
        rest.remove(pair[0])
    if rest:
        places["alternate"] = rest[0]
    return places


def _differs(genders: dict[str, str], first: str, other: str) -> bool:
    """Return whether two candidates have stated different genders."""
    a, b = genders.get(first, ""), genders.get(other, "")
    return bool(a) and bool(b) and a != b


def purpose(db: Database, round_ids: list[int]) -> str:
    """Say what rounds were for: an election, a mandate, a recall, or a proposal (one query)."""
    marks = ", ".join("?" for _ in round_ids) or "NULL"
    sql = f"""SELECT CASE
                WHEN EXISTS (SELECT 1 FROM seats WHERE round_id IN ({marks})) THEN 'election'
                WHEN EXISTS (SELECT 1 FROM mandates WHERE confirm_round_id IN ({marks}))
                    THEN 'mandate'
                WHEN EXISTS (SELECT 1 FROM mandates WHERE recall_round_id IN ({marks}))
                    THEN 'recall'
                ELSE 'proposal' END"""
    return db.execute(sql, round_ids * 3).fetchone()[0]
