"""The attendee's phone: check in, then the live meeting page (which also works without JS)."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from kiosk.council import checkin, pairing, phones, room
from kiosk.council.roll import ROLES
from kiosk.errors import Refused
from kiosk.meeting import admission, needs, residency
from kiosk.meeting.meetings import check_in, get_meeting
from kiosk.records import privacy
from kiosk.screens import pages as state
from kiosk.screens.council import mandate_panel
from kiosk.screens.meeting import privacy_notice
from kiosk.trust import identity
from kiosk.web.auth import (
    current_attendee,
    current_delegate,
    held,
    remember_attendee,
    remember_delegate,
    require_attendee,
)
from kiosk.web.database import get_db
from kiosk.web.links import join_url
from kiosk.web.live.meeting import counts_changed
from kiosk.words import N_, gettext

bp = Blueprint("phone", __name__, url_prefix="/m")
ADMITTED = N_("You're admitted: you can vote tonight.")
BY_CARD = N_(
    "This is a council meeting: delegates check in with the code on their mandate card, "
    "not by name."
)
MAX_CARD = 2000  # a card's code is under 1,000 characters


@bp.get("/<code>")
def meeting(code: str):
    """Show the check-in form, or the meeting page to a phone that has checked in."""
    db = get_db()
    meeting = get_meeting(db, code)
    if meeting["code"] != code:
        return redirect(url_for("phone.meeting", code=meeting["code"]))
    delegate = current_delegate(db, meeting) if meeting["council"] else None
    attendee = delegate["seat"] if delegate else current_attendee(db, meeting)
    slip = admission.normalise_slip(request.args.get("slip", ""))
    if attendee is None and meeting["council"]:
        return _card_page(meeting, pair=request.args.get("pair", "")[:12])
    if attendee is None:
        return check_in_page(db, meeting, slip=slip)
    if slip and not attendee["admitted"]:
        return redirect_after_slip(db, meeting, attendee, slip)
    snapshot = state.phone(db, meeting, attendee, join_url(meeting))
    panel = mandate_panel(db, meeting, delegate) if delegate else None
    return render_template("phone/meeting.html", meeting=meeting, snapshot=snapshot, mandate=panel)


@bp.post("/<code>/card")
def card_check_in(code: str):
    """Check a delegate in at a council by the code on their mandate card."""
    db = get_db()
    meeting = get_meeting(db, code)
    if not meeting["council"] or current_attendee(db, meeting) is not None:
        return redirect(url_for("phone.meeting", code=meeting["code"]))
    payload, role = request.form.get("payload", ""), request.form.get("role", "")
    try:
        if len(payload) > MAX_CARD:
            raise Refused("That is far too long to be a mandate card's code.")
        if not payload.strip():
            raise Refused("Paste the code from your mandate card first.")
        found = checkin.check_in(db, meeting, payload.strip(), role)
    except Refused as refusal:
        page = _card_page(
            meeting,
            error=str(refusal),
            payload=payload[:MAX_CARD],
            role=role if role in ROLES else "delegate",
        )
        return page, refusal.status
    remember_delegate(meeting, found)
    counts_changed(meeting["id"])
    return redirect(url_for("phone.meeting", code=meeting["code"]))


def _card_page(meeting: dict, **shown) -> str:
    """Render a council's check-in page: the desk's code, the card's code, or as an observer."""
    return render_template(
        "phone/card_check_in.html", meeting=meeting, **{"role": "delegate", **shown}
    )


@bp.post("/<code>/pair")
def pair(code: str):
    """Pair this phone with a check-in made at the desk, by the six digits shown there."""
    db = get_db()
    meeting = get_meeting(db, code)
    if not meeting["council"]:
        return redirect(url_for("phone.meeting", code=meeting["code"]))
    try:
        found = pairing.redeem(db, meeting, request.form.get("pair", "")[:20])
    except Refused as refusal:
        return _card_page(meeting, pair_error=str(refusal)), refusal.status
    remember_delegate(meeting, found)
    return redirect(url_for("phone.meeting", code=meeting["code"]))


@bp.post("/<code>/observe")
def observe(code: str):
    """Check this phone in as an observer at a council: it listens and never votes."""
    db = get_db()
    meeting = get_meeting(db, code)
    if current_attendee(db, meeting) is None:
        try:
            found = room.observe(db, meeting, request.form.get("name", ""))
        except Refused as refusal:
            return _card_page(meeting, observe_error=str(refusal)), refusal.status
        remember_attendee(meeting, found["token"])
        counts_changed(meeting["id"])
    return redirect(url_for("phone.meeting", code=meeting["code"]))


@bp.post("/<code>/check-in")
def do_check_in(code: str):
    """Record a phone's arrival and remember it in the phone's cookie."""
    db = get_db()
    meeting = get_meeting(db, code)
    if meeting["council"] and current_attendee(db, meeting) is None:
        return _card_page(meeting, error=gettext(BY_CARD)), 400
    if current_attendee(db, meeting) is None:
        form = request.form
        try:
            attendee = check_in(
                db,
                meeting,
                form.get("display_name", ""),
                form.get("resident") == "yes",
                form.get("first_time") == "yes",
                postcode=form.get("postcode", "")[:20],
                needs=form.getlist("need"),
                access_note=form.get("access_note", "")[:1000],
            )
        except Refused as refusal:
            page = check_in_page(
                db, meeting, error=str(refusal), form=form, slip=form.get("slip", "")
            )
            return page, refusal.status
        remember_attendee(meeting, attendee["token"])
        if form.get("slip"):
            try:
                admission.redeem_slip(db, attendee, form["slip"])
                flash(gettext(ADMITTED))
            except Refused as refusal:
                flash(str(refusal), "error")
        counts_changed(meeting["id"])
    return redirect(url_for("phone.meeting", code=meeting["code"]))


@bp.post("/<code>/slip")
def slip(code: str):
    """Admit this phone by the code on its admission slip."""
    db = get_db()
    meeting = get_meeting(db, code)
    attendee = require_attendee(db, meeting)
    try:
        admission.redeem_slip(db, attendee, request.form.get("slip", ""))
    except Refused as refusal:
        flash(str(refusal), "error")
    else:
        counts_changed(meeting["id"])
        flash(gettext(ADMITTED))
    return redirect(url_for("phone.meeting", code=meeting["code"]))


@bp.post("/<code>/vote")
def vote(code: str):
    """Cast a vote from a phone without JavaScript, then show the page again."""
    db = get_db()
    meeting = get_meeting(db, code)
    require_attendee(db, meeting)
    try:
        round_id = int(request.form.get("round_id", ""))
        if not 0 < round_id < 2**63:
            raise ValueError("out of range")
        choice, reason = request.form.get("choice", ""), request.form.get("reason", "")
        phones.cast(db, meeting, held(meeting), round_id, choice, reason)
    except ValueError as error:  # Refused is a ValueError too
        flash(
            str(error) if isinstance(error, Refused) else gettext("That vote was not understood."),
            "error",
        )
    else:
        counts_changed(meeting["id"])
        flash(gettext("Your vote is saved."))
    return redirect(url_for("phone.meeting", code=meeting["code"]))


def check_in_page(db, meeting: dict, **extra) -> str:
    """Render the check-in form: the questions, the postcode when the area is set, the notice."""
    return render_template(
        "phone/check_in.html",
        meeting=meeting,
        asks_postcode=bool(residency.area(db)),
        why_postcode=residency.WHY_POSTCODE,
        needs=needs.NEEDS,
        notice=privacy_notice(db, identity.assembly(db)["name"]),
        **extra,
    )


@bp.get("/<code>/my-data.json")
def my_data(code: str):
    """Give a phone everything the kiosk holds about its person, to keep or to read."""
    db = get_db()
    meeting = get_meeting(db, code)
    attendee = require_attendee(db, meeting)
    headers = {"Content-Disposition": f'attachment; filename="my-data-{meeting["code"]}.json"'}
    body = privacy.export_json(db, attendee["id"])
    return Response(body, mimetype="application/json", headers=headers)


def redirect_after_slip(db, meeting: dict, attendee: dict, slip: str):
    """Redeem a slip scanned by a phone that had already checked in, then show the page."""
    try:
        admission.redeem_slip(db, attendee, slip)
        flash(gettext(ADMITTED))
        counts_changed(meeting["id"])
    except Refused as refusal:
        flash(str(refusal), "error")
    return redirect(url_for("phone.meeting", code=meeting["code"]))
