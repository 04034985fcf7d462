"""The facilitator console and the actions only the facilitator may take over HTTP."""

import hmac

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from . import state
from .auth import facilitator_required
from .db import get_db
from .links import facilitator_url, join_url
from .live import announce_meeting_changed
from .meetings import create_meeting, current_meeting
from .qr import qr_svg

bp = Blueprint("facilitator", __name__, url_prefix="/facilitate")


@bp.get("")
def console():
    """Take the key from the facilitator link, then show the console."""
    key = request.args.get("key")
    if key is not None:
        if not hmac.compare_digest(key.encode(), current_app.config["FACILITATOR_KEY"].encode()):
            return render_template("facilitator/denied.html", wrong_key=True), 403
        session.permanent = True
        session["facilitator"] = key
        return redirect(url_for("facilitator.console"))
    return _console()


@facilitator_required
def _console():
    """Render the console for the running meeting."""
    db = get_db()
    meeting = current_meeting(db)
    snapshot = state.facilitator(db, meeting, join_url(meeting))
    return render_template("facilitator/console.html", meeting=meeting, snapshot=snapshot)


@bp.post("/meeting")
@facilitator_required
def new_meeting():
    """End the running meeting and start a new one with a fresh join code."""
    db = get_db()
    old = current_meeting(db)
    create_meeting(db, request.form.get("title", ""))
    announce_meeting_changed(old["id"])
    return redirect(url_for("facilitator.console"))


@bp.get("/link.svg")
@facilitator_required
def link_qr():
    """Draw the facilitator link as a QR, so a co-facilitator's phone can take over."""
    return Response(
        qr_svg(facilitator_url()), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )
