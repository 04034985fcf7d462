"""The check-in desk: a greeter admits phones and counts people who have no phone.

At a council the desk reads mandate cards instead: a USB scanner types the card's code into the
focused field (a scanner is a keyboard that ends with Enter), or the laptop's own camera reads
it, or the code is pasted. The greeter picks who on the card has come, and the desk shows six
digits that pair that person's phone; observers are checked in by name.
"""

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for

from kiosk.council import checkin, pairing, room
from kiosk.council.members import member
from kiosk.council.roll import ROLES
from kiosk.errors import Refused
from kiosk.meeting.meetings import current_meeting
from kiosk.records import privacy
from kiosk.screens import pages as state
from kiosk.trust import identity
from kiosk.web.auth import accept_key, is_greeter
from kiosk.web.camera import MAX_FRAME, read_qr
from kiosk.web.database import get_db
from kiosk.web.links import join_url
from kiosk.web.live.meeting import counts_changed
from kiosk.web.qr import qr_svg
from kiosk.words import N_, gettext

bp = Blueprint("desk", __name__, url_prefix="/desk")
MAX_CARD = 2000
THE_ROLES = {
    "delegate": N_("the delegate"),
    "co_delegate": N_("the co-delegate"),
    "alternate": N_("the alternate"),
}


@bp.get("")
def index():
    """Take the key from the greeter link, then show the desk."""
    key = request.args.get("key")
    if key is not None:
        if not accept_key("greeter", key):
            abort(403)
        return redirect(url_for("desk.index"))
    if not is_greeter():
        abort(403)
    db = get_db()
    meeting = current_meeting(db)
    if meeting["council"]:
        return _council_desk()
    notice = privacy.notice(db, identity.assembly(db)["name"])
    return render_template(
        "desk/index.html", meeting=meeting, snapshot=state.desk(db, meeting), notice=notice
    )


def _council_desk(status: int = 200, **shown):
    """Render the council's desk: the card field, what was read, the pairing code, who is here."""
    db = get_db()
    meeting = current_meeting(db)
    page = render_template(
        "desk/council.html",
        meeting=meeting,
        here=checkin.checkins(db, meeting["id"])[-10:][::-1],
        observers=room.observers(db, meeting["id"]),
        roles=ROLES,
        the_roles=THE_ROLES,
        **shown,
    )
    return page, status


def _greeter() -> None:
    """Refuse anyone but a greeter or the facilitator."""
    if not is_greeter():
        abort(403)


@bp.post("/card")
def card():
    """Read a card's code (typed by the scanner, read by the camera, or pasted): whose is it?"""
    _greeter()
    db = get_db()
    payload = request.form.get("payload", "").strip()[:MAX_CARD]
    try:
        if not payload:
            raise Refused("Scan the card's QR code, or paste its code.")
        found = checkin.card_on_roll(db, current_meeting(db), payload)
    except Refused as refusal:
        return _council_desk(refusal.status, error=str(refusal))
    people = [(role, found[role]) for role in ROLES if found[role]]
    holder = member(db, found["member_id"])["name"]
    return _council_desk(card={"payload": payload, "member": holder, "people": people})


@bp.post("/check-in")
def desk_check_in():
    """Check in the person the greeter picked from the card, and show their phone's pairing code."""
    _greeter()
    db = get_db()
    meeting = current_meeting(db)
    try:
        found = checkin.check_in(
            db,
            meeting,
            request.form.get("payload", "").strip()[:MAX_CARD],
            request.form.get("role", ""),
        )
        code = pairing.make_code(db, meeting, found["id"])
    except Refused as refusal:
        return _council_desk(refusal.status, error=str(refusal))
    counts_changed(meeting["id"])
    return _council_desk(paired={"checkin": found, **code}, join=join_url(meeting))


@bp.get("/pair/<code>.svg")
def pair_qr(code: str):
    """The QR beside a pairing code: the join link with the code, for a phone's camera app."""
    _greeter()
    meeting = current_meeting(get_db())
    digits = "".join(c for c in code if c.isdigit())[:6]
    return Response(
        qr_svg(f"{join_url(meeting)}?pair={digits}"),
        mimetype="image/svg+xml",
        headers={"Cache-Control": "no-store"},
    )


@bp.post("/observer")
def observer():
    """Check an observer in by name: they sit and listen, and never vote."""
    _greeter()
    db = get_db()
    meeting = current_meeting(db)
    try:
        found = room.observe(db, meeting, request.form.get("name", ""))
    except Refused as refusal:
        return _council_desk(refusal.status, error=str(refusal))
    return _council_desk(
        said=gettext("%(name)s is checked in as an observer.", name=found["display_name"])
    )


@bp.post("/frame")
def frame():
    """Read a QR code from one frame of the desk laptop's camera; answer with its text, if any."""
    _greeter()
    if (request.content_length or 0) > MAX_FRAME:
        return jsonify(ok=False, error=gettext("That picture is too big.")), 413
    text = read_qr(request.get_data(cache=False)[: MAX_FRAME + 1])
    if text is None:
        return jsonify(ok=False, error=gettext("No QR code in view yet."))
    return jsonify(ok=True, payload=text[:MAX_CARD])
