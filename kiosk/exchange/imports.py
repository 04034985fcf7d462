"""Importing a bundle, whatever it is: the one path for the console, the council page and the CLI.

- a member's bundle coming into a council: its key pinned or checked, its mandates on the roll;
- a council's bundle coming back down to a member: each of our mandates gets a report-back on
  the running meeting's agenda, instruction by instruction;
- a plain assembly bundle: its revocations applied and its minutes kept.
"""

import json
from datetime import date

from sqlite_utils import Database

from kiosk.council import members, roll
from kiosk.delegates import mandates, reportbacks
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.meeting.meetings import current_meeting
from kiosk.trust import identity, succession


def import_any(db: Database, data: bytes, trust_new: bool = False, today=None) -> dict:
    """Verify and import any bundle, doing what its kind and this kiosk's kind call for.

    All in one transaction: a bundle refused at any step leaves nothing behind.
    """
    found = bundles.verify(data)
    with db.atomic():
        succession.refuse_distrusted(db, found["sender"]["key_id"])
        members.follow_successions(db, succession.follow(db, found["manifest"].get("successions")))
        return _import(db, found, trust_new, today or date.today())


def _import(db: Database, found: dict, trust_new: bool, today: date) -> dict:
    """Import a verified bundle as its kind and this kiosk's kind call for."""
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
        holder = members.member_for(db, found["sender"], found["raw"])
        if bundles.already(db, found):
            return {"already": True, "assembly": holder["name"], "applied": 0}
        applied = bundles.store(db, found)
        kind = "council" if found["kind"] == "council" else "assembly"
        meets, card = members.legitimacy_of(found["minutes"], kind)
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
        taken = roll.take_mandates(db, found, holder, today)
    return {"already": False, "assembly": holder["name"], "applied": applied, **taken}


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
