"""A council's section of its minutes: members and rights, the roll, each seat's vote, instructions.

It goes into minutes.json as "council": its members and what each may do, the roll and who
checked in, every decision with how each member's delegate voted under which instruction, and
each instruction that could not be carried out. Members import it as report-backs.
"""

from datetime import date

from sqlite_utils import Database

from kiosk.council import members, roll
from kiosk.council import votes as council_votes
from kiosk.decisions import rounds
from kiosk.decisions.kinds import option_pairs
from kiosk.records.minutes_sections import iso
from kiosk.trust import identity


def section(db: Database, meeting: dict, today: date | None = None) -> dict:
    """Gather the council's part of a meeting's minutes: members, roll, votes, instructions."""
    today = today or date.today()
    me = identity.assembly(db)
    on_roll = roll.rows(db, meeting, today)
    decided = rounds.rounds_of(db, meeting["id"])
    decisions = [_decision(db, rnd) for rnd in decided]
    return {
        "name": me["name"],
        "level": me["level"],
        "theme": me["theme"],
        "members": [
            {
                "name": m["name"],
                "kind": m["kind"],
                "key_id": m["key_id"],
                "meets_standard": None
                if m["meets_standard"] is None
                else bool(m["meets_standard"]),
                "legitimacy": m["legitimacy"].get("summary", ""),
                "rights": m["rights"],
                "rights_by": m["rights_by"],
                "rights_reason": m["rights_reason"],
            }
            for m in members.members(db)
        ],
        "rights_decisions": [
            {**r, "decided_at": iso(r["decided_at"])}
            for r in members.rights_decisions(db, meeting["id"])
        ],
        "roll": [
            {
                "member": r["member"],
                "key_id": r["key_id"],
                "mandate_id": r["mandate_id"],
                "delegate": r["delegate"],
                "co_delegate": r["co_delegate"],
                "alternate": r["alternate"],
                "status": r["status"],
                "checked_in": [
                    {"role": c["role"], "name": c["name"], "at": iso(c["checked_in_at"])}
                    for c in r["checked_in"]
                ],
            }
            for r in on_roll
        ],
        "decisions": decisions,
        "instructions": _instructions(db, on_roll, decided, decisions),
    }


def _votes(db: Database, round_id: int) -> list[dict]:
    """Return how each member's delegate voted in a round, under which instruction."""
    return list(
        db.query(
            """SELECT council_members.name AS member, council_roll.key_id,
                      council_roll.mandate_id, council_checkins.name AS cast_by,
                      council_checkins.role, council_votes.choice, council_votes.position,
                      council_votes.position_no, council_votes.limits
               FROM council_votes
               JOIN council_members ON council_members.id = council_votes.member_id
               JOIN council_checkins ON council_checkins.id = council_votes.checkin_id
               JOIN council_roll ON council_roll.id = council_checkins.roll_id
               WHERE round_id = ? ORDER BY council_members.name""",
            [round_id],
        )
    )


def _decision(db: Database, rnd: dict) -> dict:
    """Describe a council round: the words, the outcome, and every member's vote."""
    labels = dict(option_pairs(rnd))
    return {
        "round_id": rnd["id"],
        "proposal_id": rnd["proposal_id"],
        "text": rnd["text"],
        "kind": rnd["kind"],
        "outcome": rnd["outcome"],
        "sentence": rnd["explanation"],
        "votes": [
            {**v, "label": labels.get(v["choice"], v["choice"])} for v in _votes(db, rnd["id"])
        ],
    }


def _instructions(
    db: Database, roll: list[dict], decided: list[dict], decisions: list[dict]
) -> list[dict]:
    """Say, for every instruction of every mandate on the roll, what happened to it tonight."""
    votes = {d["round_id"]: d["votes"] for d in decisions}
    found = []
    for entry in roll:
        came_up = {}  # item number -> the first closed round it fell under
        for rnd in decided:
            proposal = {"id": rnd["proposal_id"], "text": rnd["text"]}
            item = council_votes.instruction(db, proposal, entry["id"])
            if item is not None and rnd["closed_at"] is not None:
                came_up.setdefault(item["position_no"], rnd)
        for item in entry["items"]:
            rnd = came_up.get(item["position_no"])
            seat = None
            if rnd is not None:
                seat = next(
                    (
                        v
                        for v in votes[rnd["id"]]
                        if (v["key_id"], v["mandate_id"]) == (entry["key_id"], entry["mandate_id"])
                    ),
                    None,
                )
            found.append(
                {
                    "key_id": entry["key_id"],
                    "mandate_id": entry["mandate_id"],
                    "member": entry["member"],
                    **item,
                    **_what_happened(entry, item, rnd, seat),
                }
            )
    return found


def _what_happened(entry: dict, item: dict, rnd: dict | None, vote: dict | None) -> dict:
    """Say what the council did on an instruction, how the seat voted, and if it was carried out."""
    if rnd is None:
        return {
            "round_id": None,
            "council_did": "It did not come to a vote at this meeting.",
            "delegate_voted": "did not vote",
            "carried_out": item["position"] == "report_only",
            "why_not": "" if item["position"] == "report_only" else "not put to a vote",
        }
    why = ""
    if vote is None and item["position"] != "report_only":
        if not entry["checked_in"]:
            why = "no delegate present"
        elif entry["rights"] != "vote":
            why = "the assembly had no vote here"
        else:
            why = "no vote was cast"
    return {
        "round_id": rnd["id"],
        "council_did": _outcome_words(rnd),
        "delegate_voted": f"{vote['label']} (cast by {vote['cast_by']})"
        if vote
        else "did not vote",
        "carried_out": not why,
        "why_not": why,
    }


def _outcome_words(rnd: dict) -> str:
    """Say a round's outcome in its own sentence ("Passed: 2 of 3 voted yes."), which names it."""
    if rnd["explanation"]:
        return rnd["explanation"]
    return (rnd["outcome"] or "still open").replace("_", " ").capitalize() + "."
