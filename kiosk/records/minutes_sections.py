"""The minutes, section by section: each a reader from the database to plain JSON-able data.

No attendee is ever named here: only reasons given in open and counted rounds (never who gave
them), and the names that are public anyway (roles, candidates, delegates). Secret ballots have
no reasons and no order, and the minutes add none.
"""

import json
from datetime import datetime

from sqlite_utils import Database

from kiosk.decisions import ballots, handcounts, proposals, rounds
from kiosk.decisions.kinds import KINDS, rule_label
from kiosk.delegates import seats
from kiosk.process import breakouts
from kiosk.process import settings as process


def iso(moment: float | None) -> str | None:
    """Say a moment as an ISO-8601 date-time in the kiosk's local time, with its UTC offset."""
    if moment is None:
        return None
    return datetime.fromtimestamp(moment).astimezone().isoformat(timespec="seconds")


# -- the process -----------------------------------------------------------------------------------


def stages(db: Database, meeting_id: int) -> list[dict]:
    """Return each stage as it happened: its kind, title, planned minutes, start and end."""
    sql = """SELECT s.kind, a.title, a.minutes, s.started_at, s.ended_at FROM stage_stamps s
             JOIN agenda_items a ON a.id = s.item_id WHERE s.meeting_id = ? ORDER BY s.id"""
    return [
        {
            "kind": row["kind"],
            "title": row["title"],
            "planned_minutes": row["minutes"],
            "started_at": iso(row["started_at"]),
            "ended_at": iso(row["ended_at"]),
        }
        for row in db.query(sql, [meeting_id])
    ]


def _seen_at(db: Database, meeting_id: int) -> dict[str, float | None]:
    """Return when the kiosk saw each checklist item happen, where it can tell."""

    def first(sql: str) -> float | None:
        return db.execute(sql, [meeting_id]).fetchone()[0]

    agreements = first(
        "SELECT MIN(started_at) FROM stage_stamps WHERE meeting_id = ? AND kind = 'agreements'"
    )
    return {
        "hand_signals": agreements,
        "inclusivity": agreements,
        "destination": agreements,
        "staffed": None,
        "read_back": first(
            """SELECT MAX(g.read_back_at) FROM breakout_groups g
               JOIN breakouts b ON b.id = g.breakout_id WHERE b.meeting_id = ?"""
        ),
        "proposal_wording": first("SELECT MIN(created_at) FROM proposals WHERE meeting_id = ?"),
    }


def checklist(db: Database, meeting_id: int) -> list[dict]:
    """Return the process checklist: each item, whether done, how (kiosk or by hand) and when."""
    ticked = dict(
        db.execute(
            "SELECT key, ticked_at FROM checklist_ticks WHERE meeting_id = ?", [meeting_id]
        ).fetchall()
    )
    seen = _seen_at(db, meeting_id)
    return [
        {
            "key": item["key"],
            "label": item["label"],
            "done": item["done"],
            "how": item["by"],
            "at": iso(seen[item["key"]] if item["by"] == "kiosk" else ticked.get(item["key"])),
        }
        for item in process.checklist(db, meeting_id)
    ]


def question(db: Database, meeting_id: int) -> str | None:
    """Return the question put to the room: the words of the question stage that ran."""
    row = db.execute(
        """SELECT a.notes FROM agenda_items a WHERE a.meeting_id = ? AND a.kind = 'question'
           AND EXISTS (SELECT 1 FROM stage_stamps s WHERE s.item_id = a.id)
           AND TRIM(a.notes) != '' ORDER BY a.position LIMIT 1""",
        [meeting_id],
    ).fetchone()
    return row[0].strip() if row else None


# -- breakouts and the harvest ---------------------------------------------------------------------


def _points(db: Database, sql: str, param: int) -> list[dict]:
    """Return harvest points as {text, agreement} (and the group, where asked), in order sent."""
    return [dict(row) for row in db.query(sql, [param])]


def breakout_groups(db: Database, meeting_id: int) -> list[dict]:
    """Return every breakout group of the meeting with its points, place and read-back."""
    found = []
    sql = "SELECT id FROM breakouts WHERE meeting_id = ? ORDER BY id"
    for number, (breakout_id,) in enumerate(db.execute(sql, [meeting_id]).fetchall(), 1):
        for group in breakouts.groups(db, breakout_id):
            points = "SELECT text, agreement FROM harvest_points WHERE group_id = ? ORDER BY id"
            found.append(
                {
                    "breakout": number,
                    "group": group["name"],
                    "theme": group["theme"],
                    "place": group["place"],
                    "members": group["members"],
                    "staffed": None not in (group["facilitator_id"], group["note_taker_id"]),
                    "read_back": group["read_back_at"] is not None,
                    "points": _points(db, points, group["id"]),
                }
            )
    return found


def themes(db: Database, meeting_id: int) -> list[dict]:
    """Return the emerging themes of the harvest, each with the points gathered under it."""
    sql = """SELECT p.text, p.agreement, g.name AS "group" FROM harvest_points p
             JOIN breakout_groups g ON g.id = p.group_id WHERE p.cluster_id = ? ORDER BY p.id"""
    return [
        {"title": cluster["title"], "points": _points(db, sql, cluster["id"])}
        for cluster in db.query(
            "SELECT id, title FROM harvest_clusters WHERE meeting_id = ? ORDER BY id", [meeting_id]
        )
    ]


def actions(db: Database, meeting_id: int) -> list[dict]:
    """Return the actions agreed at the close: what, who, and by when."""
    sql = "SELECT text, owner, deadline FROM close_actions WHERE meeting_id = ? ORDER BY id"
    return [
        {"what": row["text"], "owner": row["owner"], "deadline": row["deadline"]}
        for row in db.query(sql, [meeting_id])
    ]


# -- proposals and rounds --------------------------------------------------------------------------


def _reasons(db: Database, rnd: dict, choice: str) -> list[str]:
    """Return the reasons given with one choice in an open or counted round, never whose."""
    if rnd["visibility"] == "secret":
        return []
    sql = """SELECT reason FROM votes WHERE round_id = ? AND choice = ? AND reason != ''
             ORDER BY reason"""
    return [row[0] for row in db.execute(sql, [rnd["id"], choice])]


def _counts(db: Database, rnd: dict) -> dict:
    """Return a round's counts: from phones, from hands (all sources and each), and in total."""
    record = json.loads(rnd["record"]) if rnd["record"] else None
    if record is None:  # still open: count it as it stands
        record = {
            "phone": ballots.phone_counts(db, rnd),
            "hands": handcounts.hand_totals(db, rnd["id"]),
            "total": rounds.counts(db, rnd),
        }
    hands: dict[str, int] = {}
    for counted in record["hands"].values():
        for choice, n in counted.items():
            hands[choice] = hands.get(choice, 0) + n
    return {
        "phones": record["phone"],
        "hands": hands,
        "total": record["total"],
        "sources": record["hands"],
    }


def round_minutes(db: Database, rnd: dict) -> dict:
    """Return what the minutes say of one round: its rule, counts, outcome and reasons."""
    counts = _counts(db, rnd)
    record = json.loads(rnd["record"]) if rnd["record"] else {}
    return {
        "id": rnd["id"],
        "stage": rnd["stage"],
        "kind": rnd["kind"],
        "rule": rnd["rule"],
        "rule_label": rule_label(rnd),
        "visibility": rnd["visibility"],
        "wording": rnd["text"],
        "opened_at": iso(rnd["opened_at"]),
        "closed_at": iso(rnd["closed_at"]),
        "present": rnd["present_at_close"],
        "counts": counts,
        "outcome": rnd["outcome"],
        "sentence": rnd["explanation"],
        "blocks": _reasons(db, rnd, "block"),
        "concerns": _reasons(db, rnd, "concerns"),
        "stand_asides": counts["total"].get("stand_aside", 0) if rnd["kind"] == "consent" else 0,
        "winners": record.get("winners") if KINDS[rnd["kind"]].choosing else None,
    }


def proposal_minutes(db: Database, meeting_id: int) -> list[dict]:
    """Return every proposal of the meeting: final words, versions, amendments and rounds."""
    found = []
    for proposal in db.query(
        "SELECT * FROM proposals WHERE meeting_id = ? ORDER BY id", [meeting_id]
    ):
        history = proposals.history(db, proposal["id"])
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM rounds WHERE proposal_id = ? ORDER BY id", [proposal["id"]]
            )
        ]
        found.append(
            {
                "id": proposal["id"],
                "about": seats.purpose(db, ids),
                "wording": proposal["text"],
                "versions": [
                    {"version": v["version"], "text": v["text"], "amendment_id": v["amendment_id"]}
                    for v in history["versions"]
                ],
                "amendments": [
                    {
                        "id": a["id"],
                        "text": a["text"],
                        "proposed_by": a["proposed_by"],
                        "status": a["status"],
                    }
                    for a in history["amendments"]
                ],
                "rounds": [round_minutes(db, rounds.get_round(db, i)) for i in ids],
            }
        )
    return found
