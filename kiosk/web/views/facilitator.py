"""The facilitator console and the actions only the facilitator may take over HTTP.

printouts (ReportLab, its fonts and shaping: about 10 MB) is imported where a PDF is drawn,
not when the kiosk starts: an evening prints a few times, and its phones need the memory.
"""

import logging
import sqlite3

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from kiosk.decisions import rounds
from kiosk.errors import Refused
from kiosk.meeting import admission
from kiosk.meeting.languages import meeting_languages, set_meeting_languages
from kiosk.meeting.meetings import create_meeting, current_meeting
from kiosk.records import mandate_cards, paper, privacy
from kiosk.screens import pages as state
from kiosk.trust import backup, identity
from kiosk.web.auth import accept_key, facilitator_required
from kiosk.web.database import get_db
from kiosk.web.links import facilitator_url, greeter_url, join_url
from kiosk.web.live.meeting import announce_meeting_changed, counts_changed
from kiosk.web.live.push import push, to_roles
from kiosk.web.qr import qr_svg
from kiosk.words import gettext

bp = Blueprint("facilitator", __name__, url_prefix="/facilitate")
log = logging.getLogger(__name__)
ROOM_ROLES = ("projector", "facilitator", "desk")


@bp.get("")
def console():
    """Take the key from the facilitator link, then show the console."""
    key = request.args.get("key")
    if key is not None:
        if not accept_key("facilitator", key):
            return render_template("facilitator/denied.html", wrong_key=True), 403
        return redirect(url_for("facilitator.console"))
    return _console()


@facilitator_required
def _console(page: str = "console"):
    """Render the console (or its set-up page) for the running meeting."""
    db = get_db()
    meeting = current_meeting(db)
    snapshot = state.facilitator(db, meeting, join_url(meeting), current_app.config)
    return render_template(
        f"facilitator/{page}.html",
        meeting=meeting,
        snapshot=snapshot,
        is_council=identity.is_council(db),
        meeting_languages=meeting_languages(db),
    )


@bp.get("/setup")
def setup():
    """Show the set-up page: a rehearsal, the assembly, admission, join, the meeting's record."""
    return _console("setup")


@bp.post("/meeting")
@facilitator_required
def new_meeting():
    """End the running meeting and start a new one with a fresh join code."""
    db = get_db()
    old = current_meeting(db)
    create_meeting(db, request.form.get("title", ""))
    privacy.apply_retention(db)  # a new meeting is a good moment to forget what is past its time
    announce_meeting_changed(old["id"])
    back_up_after_meeting()
    return redirect(url_for("facilitator.console"))


@bp.post("/languages")
@facilitator_required
def languages():
    """Choose the meeting's language and the projector's second one; the room's pages follow."""
    db = get_db()
    set_meeting_languages(db, request.form.get("speaks"), request.form.get("also_shows", ""))
    # the projector, desk and console reload in the new language; phones keep their own
    push("meeting_changed", {}, to_roles(current_meeting(db)["id"], ROOM_ROLES))
    return redirect(url_for("facilitator.setup") + "#languages")


def back_up_after_meeting() -> None:
    """Keep a backup of the meeting just ended in the data folder (the last BACKUPS_KEPT)."""
    config = current_app.config
    try:
        backup.automatic(config["DATA_DIR"], config["DATABASE"], int(config["BACKUPS_KEPT"]))
    except (OSError, ValueError, sqlite3.Error) as error:  # the meeting goes on; say so once
        log.warning("The automatic backup after the meeting was not written: %s", error)


@bp.get("/link.svg")
@facilitator_required
def link_qr():
    """Draw the facilitator link as a QR, so a co-facilitator's phone can take over."""
    return Response(
        qr_svg(facilitator_url()), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


@bp.get("/greeter.svg")
@facilitator_required
def greeter_qr():
    """Draw the greeter link as a QR, so a helper's phone can run the check-in desk."""
    return Response(
        qr_svg(greeter_url()), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


def _pdf(data: bytes, name: str) -> Response:
    """Send PDF bytes as a download with a sensible file name."""
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/slips")
@facilitator_required
def slips():
    """Print a batch of one-time admission slips for tonight's meeting."""
    from printouts.slips import admission_slips_pdf

    db = get_db()
    meeting = current_meeting(db)
    try:
        count = int(request.form.get("count", ""))
        codes = admission.make_slips(db, meeting, count)
    except ValueError as error:
        message = (
            str(error) if isinstance(error, Refused) else gettext("Say how many slips to print.")
        )
        return render_template("refused.html", message=message), 400
    counts_changed(meeting["id"])  # the desk and console see the new slips
    pdf = admission_slips_pdf(meeting, paper.slips_for_paper(codes, join_url(meeting)))
    return _pdf(pdf, f"slips-{meeting['code']}-{len(codes)}.pdf")


@bp.get("/rounds/<int(max=9223372036854775807):round_id>/<any(ballots, tally):sheet>.pdf")
@facilitator_required
def round_paper(round_id: int, sheet: str):
    """Print a round's paper ballots (for people without phones) or its tally sheet."""
    from printouts.ballots import paper_ballot_pdf, tally_sheet_pdf

    db = get_db()
    meeting = current_meeting(db)
    rnd = rounds.get_round(db, round_id)
    if rnd["meeting_id"] != meeting["id"]:
        abort(404)
    data = paper.round_for_paper(rnd, meeting)
    if sheet == "tally":
        return _pdf(tally_sheet_pdf(data), f"tally-round-{round_id}.pdf")
    copies = max(1, min(request.args.get("copies", 10, type=int), 500))
    return _pdf(paper_ballot_pdf(data, copies), f"ballots-round-{round_id}.pdf")


@bp.get("/mandates/<int(max=9223372036854775807):mandate_id>/<any(card, large):form>.pdf")
@facilitator_required
def mandate_card(mandate_id: int, form: str):
    """Print a mandate's card: A6, four to a sheet with cut marks, or large print on A4."""
    from printouts.mandate_card import mandate_card_large_pdf, mandate_cards_pdf

    card = mandate_cards.card(get_db(), mandate_id)
    if form == "large":
        return _pdf(mandate_card_large_pdf(card), f"mandate-{mandate_id}-large-print.pdf")
    return _pdf(mandate_cards_pdf([card]), f"mandate-{mandate_id}-card.pdf")


@bp.get("/attendees/<int(max=9223372036854775807):attendee_id>/data.json")
@facilitator_required
def attendee_data(attendee_id: int):
    """Give a person, on request, everything the kiosk holds about them (by their number)."""
    body = privacy.export_json(get_db(), attendee_id)
    headers = {"Content-Disposition": f'attachment; filename="attendee-{attendee_id}.json"'}
    return Response(body, mimetype="application/json", headers=headers)
