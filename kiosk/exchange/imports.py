"""Importing a bundle, whatever it is: the one path for the console, the council page and the CLI.

- a member's bundle coming into a council: its key pinned or checked, its mandates on the roll,
  its proposals to the council kept for the draft agenda;
- a council's agenda coming down to a member: its items on the running meeting's agenda;
- a council's bundle coming back down to a member: report-backs instruction by instruction, and
  what happened to the member's own proposals (kiosk.exchange.downstream);
- a plain assembly bundle: its revocations applied and its minutes kept.
"""

import json
from datetime import date

from sqlite_utils import Database

from kiosk.council import members, proposals, roll
from kiosk.errors import Refused
from kiosk.exchange import bundles, downstream
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
    if found["kind"] == "agenda":
        return downstream.import_agenda(db, found, trust_new)
    section = found["minutes"].get("council")
    if (
        found["kind"] == "council"
        and isinstance(section, dict)
        and downstream.reports_to(db, section, me)
    ):
        return downstream.import_report_back(db, found, section, trust_new, today)
    if found["kind"] == "council" and me["kind"] == "assembly":
        raise Refused(
            "This council bundle from “%(council)s” does not report to "
            "this assembly (“%(name)s”): none of its delegates carry our mandates. "
            "Nothing changed.",
            council=found["sender"].get("name", "?"),
            name=me["name"],
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
    if result.get("proposals"):
        words += f" Proposals to this council: {'; '.join(result['proposals'])}."
    if "report_backs" in result:
        n = len(result["report_backs"])
        words += (
            f" {n} report-back{'s' if n != 1 else ''} added to the agenda of meeting "
            f"{result['meeting']}; {result['outcomes']} item(s) on what happened to our "
            "proposals."
        )
    if "agenda" in result:
        told = result["agenda"]
        words = (
            f"Imported the agenda of {told['council']}: {told['items']} item(s), "
            f"{len(told['new'])} new on the agenda of meeting {result['meeting']}, ready for "
            "mandates item by item."
        )
    return words


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
        taken.update(proposals.take(db, found, holder))
    return {"already": False, "assembly": holder["name"], "applied": applied, **taken}
