"""Bundles in a confederation: members' bundles into a council, council bundles back down.

A council's minutes carry a "council" section: its members and what each may do, the roll and
who checked in, every decision with how each member's delegate voted under which instruction,
and each instruction that could not be carried out. An assembly (or a council that is itself a
member one level up) imports that bundle, and each of its mandates gets a report-back on the
agenda of its running meeting, instruction by instruction.
"""

import json
from datetime import date

from sqlite_utils import Database

from . import bundles, council, council_votes, identity, mandates, reportbacks, rounds
from .errors import Refused
from .kinds import option_pairs
from .meetings import current_meeting
from .minutes_sections import iso


def import_any(db: Database, data: bytes, trust_new: bool = False, today=None) -> dict:
    """Verify and import any bundle, doing what its kind and this kiosk's kind call for."""
    today = today or date.today()
    found = bundles.verify(data)
    me = identity.assembly(db)
    section = found["minutes"].get("council")
    if found["kind"] == "council" and isinstance(section, dict) and _reports_to(section, me):
        return _import_report_back(db, found, section, trust_new, today)
    if found["kind"] == "council" and me["kind"] == "assembly":
        raise Refused(
            f"This council bundle from “{found['sender'].get('name', '?')}” does not report to "
            f"this assembly (“{me['name']}”): none of its delegates carry our mandates. "
            "Nothing changed."
        )
    if me["kind"] == "council":
        return _import_member(db, found, today)
    bundles.trust(db, found, trust_new)
    if bundles.already(db, found):
        return {"already": True, "assembly": found["sender"]["name"], "applied": 0}
    with db.atomic():
        applied = bundles.store(db, found)
    return {"already": False, "assembly": found["sender"]["name"], "applied": applied}


def said(result: dict) -> str:
    """Say in one or two plain sentences what an import did."""
    if result["already"]:
        return f"Already imported: this bundle from {result['assembly']} is here. Nothing changed."
    words = (
        f"Imported the bundle from {result['assembly']}; {result['applied']} revocation(s) applied."
    )
    if "added" in result:
        added = ", ".join(result["added"]) or "no new delegates"
        words += f" On the roll: {added}."
        if result["elsewhere"]:
            words += f" Mandates for other councils left aside: {', '.join(result['elsewhere'])}."
        if result["unreadable"]:
            words += f" {result['unreadable']} mandate(s) did not verify and were left out."
    if "report_backs" in result:
        n = len(result["report_backs"])
        words += (
            f" {n} report-back{'s' if n != 1 else ''} added to the agenda of meeting "
            f"{result['meeting']}."
        )
    return words


def _reports_to(section: dict, me: dict) -> bool:
    """Say whether a council bundle carries instructions from this kiosk's own mandates."""
    return any(
        isinstance(i, dict) and i.get("key_id") == me["key_id"]
        for i in section.get("instructions") or []
    )


def _import_member(db: Database, found: dict, today: date) -> dict:
    """Import a member's bundle: pin or check its key, apply revocations, take its mandates."""
    with db.atomic():
        holder = council.member_for(db, found["sender"], found["raw"])
        if bundles.already(db, found):
            return {"already": True, "assembly": holder["name"], "applied": 0}
        applied = bundles.store(db, found)
        kind = "council" if found["kind"] == "council" else "assembly"
        meets, card = council.legitimacy_of(found["minutes"], kind)
        meeting = found["manifest"].get("meeting") or {}
        db.table("council_members").update(
            holder["id"],
            {
                "kind": kind,
                "meets_standard": int(meets),
                "legitimacy": json.dumps(card),
                "last_meeting_date": str(meeting.get("date", ""))[:10],
            },
        )
        taken = council.take_mandates(db, found, holder, today)
    return {"already": False, "assembly": holder["name"], "applied": applied, **taken}


# -- the council's section of its minutes ----------------------------------------------------------


def section(db: Database, meeting: dict, today: date | None = None) -> dict:
    """Gather the council's part of a meeting's minutes: members, roll, votes, instructions."""
    today = today or date.today()
    me = identity.assembly(db)
    roll = council.roll(db, meeting, today)
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
            for m in council.members(db)
        ],
        "rights_decisions": [
            {**r, "decided_at": iso(r["decided_at"])}
            for r in council.rights_decisions(db, meeting["id"])
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
            for r in roll
        ],
        "decisions": decisions,
        "instructions": _instructions(db, roll, decided, decisions),
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
    """Say a round's outcome and its sentence: "Passed: 2 of 3 voted yes."."""
    outcome = (rnd["outcome"] or "still open").replace("_", " ").capitalize()
    return f"{outcome}: {rnd['explanation']}" if rnd["explanation"] else outcome


# -- report-backs: a council's bundle arriving at one of its members -------------------------------


def _import_report_back(db: Database, found: dict, section: dict, trust_new, today) -> dict:
    """Turn a council bundle into report-backs on this kiosk's running meeting's agenda."""
    me = identity.assembly(db)
    mine = [
        i
        for i in section["instructions"]
        if isinstance(i, dict) and i.get("key_id") == me["key_id"]
    ]
    by_mandate: dict[int, list[dict]] = {}
    for item in mine:
        if isinstance(item.get("mandate_id"), int):
            by_mandate.setdefault(item["mandate_id"], []).append(item)
    held = {m: mandates.get(db, m) for m in by_mandate if _ours(db, m)}
    if not held:
        raise Refused(
            "This council bundle names mandates this kiosk never issued; it may be meant for "
            "another kiosk of the same assembly. Nothing changed."
        )
    bundles.trust(db, found, trust_new)
    when = str((found["manifest"].get("meeting") or {}).get("date", ""))[:10]
    if bundles.already(db, found):
        return {"already": True, "assembly": found["sender"]["name"], "applied": 0}
    meeting = current_meeting(db)
    made = []
    with db.atomic():
        applied = bundles.store(db, found)
        for mandate_id, mandate in held.items():
            answers = _answers(mandate, by_mandate[mandate_id])
            made.append(reportbacks.record(db, meeting, mandate_id, when, answers)["id"])
    return {
        "already": False,
        "assembly": found["sender"]["name"],
        "applied": applied,
        "report_backs": made,
        "meeting": meeting["code"],
    }


def _ours(db: Database, mandate_id: int) -> bool:
    """Say whether this kiosk issued the mandate (a draft has nothing to report on)."""
    row = db.execute("SELECT status FROM mandates WHERE id = ?", [mandate_id]).fetchone()
    return bool(row) and row[0] != "draft"


def _answers(mandate: dict, items: list[dict]) -> dict:
    """Write, for each of a mandate's items, what the council did and how the delegate voted."""
    by_number = {i.get("position_no"): i for i in items}
    answers = {}
    for item in mandate["items"]:
        told = by_number.get(item["position_no"]) or {}
        voted = str(told.get("delegate_voted") or "did not vote")
        if told.get("why_not"):
            voted += f" — not carried out: {told['why_not']}"
        answers[str(item["id"])] = {
            "council_did": str(
                told.get("council_did") or "The council's bundle says nothing on it."
            )[:290],
            "delegate_voted": voted[:290],
        }
    return answers
