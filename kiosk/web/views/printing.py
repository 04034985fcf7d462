"""The facilitator's Print page: everything a meeting needs on paper, gathered for the printouts."""

from datetime import date

from flask import Blueprint, Response, current_app, render_template, request
from sqlite_utils import Database

from kiosk import dates
from kiosk.decisions import rounds
from kiosk.delegates import mandates
from kiosk.errors import Refused
from kiosk.meeting.meetings import current_meeting, recent_meetings
from kiosk.process import agenda
from kiosk.records import meeting_record, minutes
from kiosk.trust import identity
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from printouts.minutes import minutes_pdf
from printouts.minutes_decisions import STAGES as STAGE_NAMES
from printouts.paper import agenda_handout_pdf, attendance_sheet_pdf, submission_letter_pdf
from printouts.submission import STANCES

bp = Blueprint("printing", __name__, url_prefix="/facilitate/print")

DECIDED = ("passed", "chosen")
EARLIER_MEETINGS = 5
MAX_SHEETS = 40


def _pdf(data: bytes, name: str) -> Response:
    """Send PDF bytes as a download with a sensible file name."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, mimetype="application/pdf", headers=headers)


def meeting_for_paper(db: Database, meeting: dict) -> dict:
    """Return what the sign-in sheet and agenda show of a meeting."""
    told = meeting_record.details(db, meeting["id"])
    return {
        "title": meeting["title"],
        "date": told["date"],
        "venue": told.get("venue") or "",
        "results_go_to": told.get("results_go_to") or "",
        "assembly": identity.assembly(db)["name"],
    }


def _meetings(db: Database, meeting: dict) -> list[dict]:
    """Return tonight's meeting and the few before it, newest first."""
    found = recent_meetings(db, meeting["id"], EARLIER_MEETINGS + 1)
    for row in found:
        row["date"] = dates.day(row["created_at"])
        row["decisions"] = [r for r in rounds.rounds_of(db, row["id"]) if r["outcome"] in DECIDED]
    return found


def _minutes(db: Database, meeting_id: int) -> dict:
    """Build a meeting's minutes, or refuse plainly when this kiosk cannot yet."""
    return minutes.build(db, meeting_id, dict(current_app.config))


@bp.get("")
@facilitator_required
def index():
    """Show links to every piece of paper the meeting needs."""
    db = get_db()
    meeting = current_meeting(db)
    issued = [m for m in mandates.listing(db) if m["status"] != "draft"]
    return render_template(
        "facilitator/print.html",
        meeting=meeting,
        rounds=rounds.rounds_of(db, meeting["id"]),
        stage_names=STAGE_NAMES,
        mandates=issued,
        meetings=_meetings(db, meeting),
        stances=STANCES,
        today=date.today().isoformat(),
    )


@bp.get("/attendance.pdf")
@facilitator_required
def attendance_sheet():
    """Print sign-in sheets for people without phones, 25 lines to a sheet."""
    db = get_db()
    meeting = current_meeting(db)
    sheets = max(1, min(request.args.get("sheets", 4, type=int), MAX_SHEETS))
    pdf = attendance_sheet_pdf(meeting_for_paper(db, meeting), sheets)
    return _pdf(pdf, f"sign-in-{meeting['code']}.pdf")


@bp.get("/agenda.pdf")
@facilitator_required
def agenda_handout():
    """Print tonight's agenda in large print, with start times when the start is given."""
    db = get_db()
    meeting = current_meeting(db)
    paper = meeting_for_paper(db, meeting)
    paper["starts_at"] = (request.args.get("starts") or "").strip()[:5]
    items = [i for i in agenda.items(db, meeting["id"]) if not i["skipped"]]
    return _pdf(agenda_handout_pdf(paper, items), f"agenda-{meeting['code']}.pdf")


@bp.get("/minutes.pdf")
@facilitator_required
def minutes_print():
    """Print a meeting's minutes (tonight's unless another is named)."""
    db = get_db()
    meeting_id = request.args.get("meeting", current_meeting(db)["id"], type=int)
    if not 0 < meeting_id < 2**63:
        raise Refused("There is no such meeting.", status=404)
    found = _minutes(db, meeting_id)
    name = f"minutes-{found['meeting']['code']}-{found['meeting']['date']}.pdf"
    return _pdf(minutes_pdf(found), name)


def _decision(found: dict, round_id: int) -> dict:
    """Return the round of the minutes a letter submits, refusing one that decided nothing."""
    for proposal in found["proposals"]:
        for rnd in proposal["rounds"]:
            if rnd["id"] == round_id and rnd["outcome"] in DECIDED:
                return {**rnd, "wording": rnd.get("wording") or proposal["wording"]}
    raise Refused("Choose a decision the assembly passed.")


def letter_for_paper(found: dict, round_id: int, form: dict) -> dict:
    """Return the letter's plain data: the decision, stance, addressee and the evidence."""
    if form.get("stance") not in STANCES:
        raise Refused("Choose how the assembly stands towards the council.")
    addressee = (form.get("addressee") or "").strip()
    signed = [n.strip() for n in (form.get("signed") or "").splitlines() if n.strip()]
    if not addressee or not signed:
        raise Refused("Say who the letter is to, and who signs it.")
    return {
        "date": dates.iso_day(form.get("date")),
        "assembly": found["assembly"],
        "addressee": addressee[:600],
        "salutation": (form.get("salutation") or "").strip()[:80],
        "meeting": {**found["meeting"], "attendance": found["attendance"]},
        "decision": _decision(found, round_id),
        "stance": form["stance"],
        "legitimacy": found["legitimacy"],
        "facilitators": signed[:4],
    }


@bp.post("/letter.pdf")
@facilitator_required
def letter():
    """Print a decision as a formal submission to the local authority, evidence attached."""
    db = get_db()
    round_id = request.form.get("round", type=int) or 0
    round_id = round_id if 0 < round_id < 2**63 else 0
    found = _minutes(db, rounds.get_round(db, round_id)["meeting_id"])
    data = letter_for_paper(found, round_id, request.form)
    return _pdf(submission_letter_pdf(data), f"submission-round-{round_id}.pdf")
