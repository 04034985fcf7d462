"""Bundles coming down from a council to one of its members: its agenda, then its report-back.

- an agenda bundle: the council's published items (ids, exact words, versions, options) go on
  the member's running (next) agenda, ready for mandates by item id;
- a council's minutes: for each of the member's mandates a report-back on its running agenda,
  instruction by instruction, and for each item that came from the member's own proposals (or
  that its seat voted on) what the council did: "what happened to our proposals".

A member that is itself a council (a district under a county) takes both the same way.
"""

from datetime import date

from sqlite_utils import Database

from kiosk.delegates import agendas, mandates, outbox, reportbacks
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.meeting.meetings import current_meeting
from kiosk.trust import identity


def _council(db: Database, told: object) -> dict:
    """Return this kiosk's record of the council that sent a bundle, adding it if new."""
    told = told if isinstance(told, dict) else {}
    try:
        return delegates.add_council(
            db, str(told.get("name", "")), str(told.get("level", "")), str(told.get("theme", ""))
        )
    except Refused as refusal:
        raise Refused(
            "The bundle does not say clearly which council sent it: %(reason)s", reason=str(refusal)
        ) from None


def import_agenda(db: Database, found: dict, trust_new: bool) -> dict:
    """Take a council's published agenda: its items join the running meeting's agenda."""
    me, told = identity.assembly(db), found["agenda"]
    sender = found["sender"]
    council = told.get("council") if isinstance(told.get("council"), dict) else {}
    if council.get("key_id") != sender["key_id"]:
        raise Refused("This agenda names a council other than the one that signed it.")
    addressed = {str(t.get("key_id")) for t in told.get("to") or [] if isinstance(t, dict)}
    if me["key_id"] not in addressed:
        raise Refused(
            "This agenda is for the members of “%(council)s”, and this kiosk "
            "(“%(name)s”) is not one of them: the council has not registered this key. "
            "Nothing changed.",
            council=sender.get("name", "?"),
            name=me["name"],
        )
    agendas.read(told)  # refuse a malformed agenda before trusting or storing anything
    bundles.trust(db, found, trust_new)
    if bundles.already(db, found):
        return {"already": True, "assembly": sender["name"], "applied": 0}
    meeting = current_meeting(db)
    with db.atomic():
        kept = _council(db, council)
        bundles.store(db, found)
        received = agendas.receive(db, meeting, kept, sender["key_id"], told)
    return {
        "already": False,
        "assembly": sender["name"],
        "applied": 0,
        "agenda": received,
        "meeting": meeting["code"],
    }


def reports_to(db: Database, section: dict, me: dict) -> bool:
    """Say whether a council's minutes carry anything for this kiosk: mandates, proposals, seat."""
    if any(
        isinstance(i, dict) and i.get("key_id") == me["key_id"]
        for i in section.get("instructions") or []
    ):
        return True
    return bool(_relevant(db, section, me))


def _relevant(db: Database, section: dict, me: dict) -> list[dict]:
    """Return the council's items from our proposals or voted on by our seat, with that vote."""
    prefix = outbox.uid_prefix(db)
    found = []
    for item in section.get("items") or []:
        if not isinstance(item, dict):
            continue
        sources = [s for s in item.get("sources") or [] if isinstance(s, dict)]
        seats = [s for s in item.get("seats") or [] if isinstance(s, dict)]
        ours = [s for s in seats if s.get("key_id") == me["key_id"]]
        if ours or any(str(s.get("id", "")).startswith(prefix) for s in sources):
            seat = ours[0] if ours else None
            voted = f"{seat.get('label')} (cast by {seat.get('cast_by')})" if seat else ""
            found.append({**item, "our_seat": voted})
    return found


def import_report_back(db: Database, found: dict, section: dict, trust_new, today: date) -> dict:
    """Turn a council bundle into report-backs and outcomes on this kiosk's running meeting."""
    me = identity.assembly(db)
    by_mandate: dict[int, list[dict]] = {}
    for item in section.get("instructions") or []:
        if isinstance(item, dict) and item.get("key_id") == me["key_id"]:
            if isinstance(item.get("mandate_id"), int):
                by_mandate.setdefault(item["mandate_id"], []).append(item)
    held = {m: mandates.get(db, m) for m in by_mandate if _ours(db, m)}
    relevant = _relevant(db, section, me)
    if not held and not relevant:
        raise Refused(
            "This council bundle names mandates this kiosk never issued; it may be meant for "
            "another kiosk of the same assembly. Nothing changed."
        )
    bundles.trust(db, found, trust_new)
    when = str((found["manifest"].get("meeting") or {}).get("date", ""))[:10]
    if bundles.already(db, found):
        return {"already": True, "assembly": found["sender"]["name"], "applied": 0}
    meeting = current_meeting(db)
    ours = {p["uid"] for p in outbox.listing(db)}
    made = []
    with db.atomic():
        applied = bundles.store(db, found)
        for mandate_id, mandate in held.items():
            answers = _answers(mandate, by_mandate[mandate_id])
            made.append(reportbacks.record(db, meeting, mandate_id, when, answers)["id"])
        council = _council(db, section)
        outcomes = agendas.record_outcomes(db, meeting, council, when, relevant, ours)
    return {
        "already": False,
        "assembly": found["sender"]["name"],
        "applied": applied,
        "report_backs": made,
        "outcomes": outcomes,
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
