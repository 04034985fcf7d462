"""Report-backs: what the council did on each instruction and how the delegate voted."""

import time
from datetime import date

from sqlite_utils import Database

from kiosk import dates
from kiosk.delegates import mandates
from kiosk.errors import Refused
from kiosk.meeting.meetings import refuse_in_rehearsal
from kiosk.process import agenda
from kiosk.words import gettext

MAX_WORDS = 300


def record(
    db: Database, meeting: dict, mandate_id: int, council_meeting_on: str, answers: object
) -> dict:
    """Record a delegate's report-back for each instruction and put it on tonight's agenda."""
    refuse_in_rehearsal(db, meeting["id"], "report-backs are recorded at a real meeting.")
    mandate = mandates.get(db, mandate_id)
    if mandate["status"] == "draft":
        raise Refused("A draft mandate has nothing to report back on.")
    try:
        when = date.fromisoformat(str(council_meeting_on))
    except ValueError as error:
        raise Refused("Give the council meeting's date, like 2026-12-03.") from error
    if when > date.today():
        raise Refused("That council meeting has not happened yet.")
    rows = _answers(mandate, answers)
    with db.atomic():
        report_id = (
            db.table("report_backs")
            .insert(
                {
                    "mandate_id": mandate_id,
                    "meeting_id": meeting["id"],
                    "council_meeting_on": when.isoformat(),
                    "received_at": time.time(),
                }
            )
            .last_pk
        )
        db.table("report_back_items").insert_all({"report_back_id": report_id, **r} for r in rows)
    title = gettext(
        "Report-back: %(delegate)s (%(council)s)",
        delegate=mandate["delegate"],
        council=mandate["council"],
    )[: agenda.MAX_TITLE]
    notes = gettext("From the council meeting of %(day)s.", day=dates.day(when))
    agenda.add_item(db, meeting["id"], "delegates", title, 5, notes)
    return get(db, report_id)


def _answers(mandate: dict, answers: object) -> list[dict]:
    """Read, for each of the mandate's items, what the council did and how the delegate voted."""
    if not isinstance(answers, dict):
        raise Refused("Say what happened to each instruction.")
    rows = []
    for item in mandate["items"]:
        answer = answers.get(str(item["id"])) or {}
        did = " ".join(str(answer.get("council_did", "")).split())
        voted = " ".join(str(answer.get("delegate_voted", "")).split())
        if not did:
            raise Refused("Say what the council did on item %(n)s.", n=item["position_no"])
        if len(did) > MAX_WORDS or len(voted) > MAX_WORDS:
            raise Refused("Keep each answer under %(most)s characters.", most=MAX_WORDS)
        rows.append(
            {
                "mandate_item_id": item["id"],
                "council_did": did,
                "delegate_voted": voted or "did not vote",
            }
        )
    return rows


def get(db: Database, report_id: int) -> dict:
    """Return a report-back with each instruction's outcome."""
    report = db.table("report_backs").get(report_id)
    report["items"] = list(
        db.query(
            """SELECT mandate_items.position_no, mandate_items.item, mandate_items.position,
                  report_back_items.council_did, report_back_items.delegate_voted
           FROM report_back_items
           JOIN mandate_items ON mandate_items.id = report_back_items.mandate_item_id
           WHERE report_back_id = ? ORDER BY mandate_items.position_no""",
            [report_id],
        )
    )
    return report


def for_mandate(db: Database, mandate_id: int) -> list[dict]:
    """List a mandate's report-backs, newest first."""
    rows = db.query(
        "SELECT id FROM report_backs WHERE mandate_id = ? ORDER BY id DESC", [mandate_id]
    )
    return [get(db, r["id"]) for r in rows]
