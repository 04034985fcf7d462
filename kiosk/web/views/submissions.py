"""Submissions to the council, followed up: record the reply (text or its PDF) and the outcome."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from kiosk.errors import Refused
from kiosk.records import submissions
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.web.views.printing import letter_pdf
from kiosk.words import gettext

bp = Blueprint("submissions", __name__, url_prefix="/facilitate/submissions")
ID = "<int(max=9223372036854775807):submission_id>"
FIELDS = ("sent_on", "reply_due", "replied_on", "reply_text", "outcome")


@bp.get("")
@facilitator_required
def index():
    """List every submission with what came of it, the overdue ones marked."""
    found = submissions.listing(get_db())
    return render_template(
        "facilitator/submissions.html",
        submissions=found,
        overdue=[s for s in found if s["overdue"]],
        outcomes=submissions.OUTCOMES,
        routes=submissions.ROUTES,
    )


@bp.post(f"/{ID}")
@facilitator_required
def update(submission_id: int):
    """Record the dates, the reply's words or the outcome of one submission."""
    changes = {k: request.form.get(k, "") for k in FIELDS if k in request.form}
    made = submissions.update(get_db(), submission_id, changes)
    flash(
        gettext(
            "Saved: submission %(number)s is “%(outcome)s”.",
            number=made["id"],
            outcome=made["outcome_label"].lower(),
        )
    )
    return redirect(url_for("submissions.index") + f"#submission-{submission_id}")


@bp.post(f"/{ID}/reply")
@facilitator_required
def upload_reply(submission_id: int):
    """Keep the council's reply as the PDF it sent."""
    if (request.content_length or 0) > submissions.MAX_PDF + 64 * 1024:
        raise Refused("That file is too big: the kiosk keeps replies up to 10 MB.", status=413)
    sent = request.files.get("reply")
    if sent is None or not sent.filename:
        raise Refused("Choose the reply's PDF file first.")
    submissions.attach_reply(get_db(), submission_id, sent.filename, sent.read())
    flash(gettext("The council's reply is kept with the submission."))
    return redirect(url_for("submissions.index") + f"#submission-{submission_id}")


@bp.get(f"/{ID}/reply.pdf")
@facilitator_required
def reply(submission_id: int):
    """Open the council's reply as it was uploaded."""
    name, data = submissions.reply_pdf(get_db(), submission_id)
    headers = {"Content-Disposition": f'inline; filename="{name}"'}
    return Response(data, mimetype="application/pdf", headers=headers)


@bp.get(f"/{ID}/letter.pdf")
@facilitator_required
def letter(submission_id: int):
    """Print a recorded submission's letter again."""
    db = get_db()
    return letter_pdf(db, submissions.get(db, submission_id))
