"""What each page should show: full snapshots built from the database."""

from sqlite_utils import Database

from . import rounds
from .meetings import attendance
from .rules import RULES


def round_public(db: Database, rnd: dict | None) -> dict | None:
    """Describe a round as the room may see it: words, choices, counts and outcome."""
    if rnd is None:
        return None
    kind = rounds.KINDS[rnd["kind"]]
    return {
        "id": rnd["id"],
        "proposal_id": rnd["proposal_id"],
        "kind": rnd["kind"],
        "text": rnd["text"],
        "rule": rnd["rule"],
        "rule_label": RULES[rnd["rule"]].label,
        "options": [
            {"value": v, "label": label, "reason": v in kind.reasons} for v, label in kind.options
        ],
        "status": "open" if rnd["closed_at"] is None else "closed",
        "counts": rounds.tally(db, rnd["id"]),
        "present_at_close": rnd["present_at_close"],
        "outcome": rnd["outcome"],
        "explanation": rnd["explanation"],
    }


def meeting_public(meeting: dict, join_url: str) -> dict:
    """Describe the meeting itself."""
    return {
        "code": meeting["code"],
        "title": meeting["title"],
        "join_url": join_url,
        "ended": meeting["ended_at"] is not None,
    }


def projector(db: Database, meeting: dict, join_url: str) -> dict:
    """Everything the projector shows."""
    return {
        "meeting": meeting_public(meeting, join_url),
        "attendance": attendance(db, meeting["id"]),
        "round": round_public(db, rounds.latest_round(db, meeting["id"])),
    }


def phone(db: Database, meeting: dict, attendee: dict, join_url: str) -> dict:
    """Everything one attendee's phone shows, their own vote included."""
    rnd = rounds.latest_round(db, meeting["id"])
    public = round_public(db, rnd)
    if public is not None:
        public["my_vote"] = rounds.my_vote(db, rnd["id"], attendee["id"])
    return {
        "meeting": meeting_public(meeting, join_url),
        "me": {"name": attendee["display_name"]},
        "attendance": attendance(db, meeting["id"]),
        "round": public,
    }


def facilitator(db: Database, meeting: dict, join_url: str) -> dict:
    """Everything the facilitator console shows: the projector's view plus the rules."""
    state = projector(db, meeting, join_url)
    state["rules"] = [{"name": r.name, "label": r.label, "kind": r.kind} for r in RULES.values()]
    return state
