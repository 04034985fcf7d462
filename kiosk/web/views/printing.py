"""The facilitator's Print page: everything a meeting needs on paper, gathered for the printouts.

printouts (ReportLab, its fonts and shaping: about 10 MB) is imported where a PDF is drawn,
not when the kiosk starts: an evening prints a few times, and its phones need the memory.
"""

from datetime import date

from flask import Blueprint, Response, current_app, render_template, request
from sqlite_utils import Database

from kiosk import dates, words
from kiosk.decisions import rounds
from kiosk.delegates import mandates
from kiosk.errors import Refused
from kiosk.meeting import residency
from kiosk.meeting.languages import meeting_languages
from kiosk.meeting.meetings import current_meeting, recent_meetings
from kiosk.process import agenda
from kiosk.records import invitation, meeting_record, minutes, privacy, submissions
from kiosk.trust import identity
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.web.links import join_url
from printouts.wording import STAGES as STAGE_NAMES
from printouts.wording import STANCES

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
    name = identity.assembly(db)["name"]
    return {
        "title": meeting["title"],
        "date": told["date"],
        "venue": told.get("venue") or "",
        "results_go_to": told.get("results_go_to") or "",
        "assembly": name,
        "area": residency.area(db),
        "why_postcode": words.gettext(residency.WHY_POSTCODE),
        "privacy": privacy.notice_text(db, name),
    }


def handouts_language(db: Database, field: str = "lang") -> str:
    """Return the language handouts are printed in: the one asked for, else the meeting's."""
    asked = (request.args.get(field) or "").strip()
    if not asked:
        return meeting_languages(db)[0]
    code = words.known(asked)
    if code is None:
        raise Refused("Print handouts in one of the languages the kiosk speaks.")
    return code


def paper_language(db: Database) -> str:
    """Return the language of the record's paper (minutes, cards, letters): the meeting's."""
    return meeting_languages(db)[0]


def languages(db: Database) -> list[dict]:
    """Say for each of the assembly's languages whether its invitation can be printed here."""
    from printouts.fonts import missing_letters

    found = invitation.statuses(db)
    for status in found:
        words = " ".join(invitation.catalogue(status["code"]).values())
        status["drawable"] = not status["rtl"] and not missing_letters(words)
        status["ready"] = status["ready"] and status["drawable"]
    return found


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
        handouts=handouts_language(db, "handouts"),
        handout_languages=[(c, lang.name) for c, lang in words.LANGUAGES.items()],
        meeting=meeting,
        rounds=rounds.rounds_of(db, meeting["id"]),
        stage_names=STAGE_NAMES,
        mandates=issued,
        meetings=_meetings(db, meeting),
        stances=STANCES,
        routes=submissions.ROUTES,
        signers=_signers(db, meeting["id"]),
        today=date.today().isoformat(),
        languages=languages(db),
        forms=invitation.FORMS,
        details=meeting_record.details(db, meeting["id"]),
    )


def _signers(db: Database, meeting_id: int) -> str:
    """Return the people known to have held a role tonight, a line each, for the letter form."""
    known = submissions.known_signers(db, meeting_id)
    return "\n".join(f"{name}, {role}" for name, role in list(known.items())[:2])


@bp.post("/invitation.pdf")
@facilitator_required
def invitation_print():
    """Print the invitation (poster, leaflets or door-knock cards) and log it as outreach."""
    from printouts.invitation import invitation_pdf

    db = get_db()
    meeting = current_meeting(db)
    form, copies = request.form.get("form", ""), request.form.get("copies", 0, type=int)
    ready = {s["code"] for s in languages(db) if s["ready"]}
    chosen = [c for c in request.form.getlist("lang") if c in ready]
    if form not in invitation.FORMS:
        raise Refused("Choose a poster, a leaflet or door-knock cards.")
    found = invitation.gather(db, meeting, identity.assembly(db), chosen, join_url(meeting))
    pdf = invitation_pdf(found, form)
    invitation.log_printing(db, meeting["id"], form, copies, [p["lang"] for p in found["pages"]])
    return _pdf(pdf, f"invitation-{form}-{meeting['code']}.pdf")


@bp.get("/attendance.pdf")
@facilitator_required
def attendance_sheet():
    """Print sign-in sheets for people without phones, 25 lines to a sheet."""
    from printouts.paper import attendance_sheet_pdf

    db = get_db()
    meeting = current_meeting(db)
    sheets = max(1, min(request.args.get("sheets", 4, type=int), MAX_SHEETS))
    with words.speaking(handouts_language(db)):
        pdf = attendance_sheet_pdf(meeting_for_paper(db, meeting), sheets)
    return _pdf(pdf, f"sign-in-{meeting['code']}.pdf")


@bp.get("/agenda.pdf")
@facilitator_required
def agenda_handout():
    """Print tonight's agenda in large print, with start times when the start is given."""
    from printouts.paper import agenda_handout_pdf

    db = get_db()
    meeting = current_meeting(db)
    items = [i for i in agenda.items(db, meeting["id"]) if not i["skipped"]]
    with words.speaking(handouts_language(db)):
        paper = meeting_for_paper(db, meeting)
        paper["starts_at"] = (request.args.get("starts") or "").strip()[:5]
        pdf = agenda_handout_pdf(paper, items)
    return _pdf(pdf, f"agenda-{meeting['code']}.pdf")


@bp.get("/minutes.pdf")
@facilitator_required
def minutes_print():
    """Print a meeting's minutes (tonight's unless another is named)."""
    from printouts.minutes import minutes_pdf

    db = get_db()
    meeting_id = request.args.get("meeting", current_meeting(db)["id"], type=int)
    if not 0 < meeting_id < 2**63:
        raise Refused("There is no such meeting.", status=404)
    with words.speaking(paper_language(db)):
        found = _minutes(db, meeting_id)
        pdf = minutes_pdf(found)
    return _pdf(pdf, f"minutes-{found['meeting']['code']}-{found['meeting']['date']}.pdf")


def _decision(found: dict, round_id: int) -> dict:
    """Return the round of the minutes a letter submits, refusing one that decided nothing."""
    for proposal in found["proposals"]:
        for rnd in proposal["rounds"]:
            if rnd["id"] == round_id and rnd["outcome"] in DECIDED:
                return {**rnd, "wording": rnd.get("wording") or proposal["wording"]}
    raise Refused("Choose a decision the assembly passed.")


def letter_for_paper(found: dict, submission: dict) -> dict:
    """Return the letter's plain data: the decision, route, stance, signers and the evidence."""
    route = submissions.ROUTES[submission["route"]]
    return {
        "date": submission["sent_on"],
        "assembly": found["assembly"],
        "addressee": submission["recipient"],
        "salutation": submission["salutation"],
        "meeting": {**found["meeting"], "attendance": found["attendance"]},
        "decision": _decision(found, submission["round_id"]),
        "stance": submission["stance"],
        "legitimacy": found["legitimacy"],
        "signers": submission["signers"],
        "route": {"label": route.label, "asks": route.asks},
        "reply_due": submission["reply_due"],
    }


def letter_pdf(db: Database, submission: dict) -> Response:
    """Draw a recorded submission's letter, with the evidence from its meeting's minutes."""
    from printouts.paper import submission_letter_pdf

    with words.speaking(paper_language(db)):
        found = _minutes(db, submission["meeting_id"])
        pdf = submission_letter_pdf(letter_for_paper(found, submission))
    return _pdf(pdf, f"submission-{submission['id']}.pdf")


@bp.post("/letter.pdf")
@facilitator_required
def letter():
    """Record a decision submitted to the council by a route, and print its letter."""
    db = get_db()
    round_id = request.form.get("round", type=int) or 0
    round_id = round_id if 0 < round_id < 2**63 else 0
    form = {k: request.form.get(k, "") for k in request.form}
    form["recipient"] = form.get("recipient") or form.get("addressee", "")
    form["sent_on"] = form.get("sent_on") or form.get("date", "")
    made = submissions.create(db, round_id, form)
    return letter_pdf(db, made)
