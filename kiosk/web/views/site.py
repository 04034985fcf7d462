"""Pages that belong to no one role: the front door, the health check, QR images."""

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, url_for

from kiosk.errors import Refused
from kiosk.meeting.meetings import attendance, current_meeting, get_meeting
from kiosk.web.database import get_db
from kiosk.web.links import join_url
from kiosk.web.qr import qr_svg

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    """Send whoever types the bare address to tonight's meeting."""
    return redirect(url_for("phone.meeting", code=current_meeting(get_db())["code"]))


@bp.get("/healthz")
def healthz():
    """Say the kiosk is up, which meeting is running and how many are present."""
    db = get_db()
    meeting = current_meeting(db)
    return jsonify(
        ok=True,
        meeting=meeting["code"],
        attendance=attendance(db, meeting["id"]),
        async_mode=current_app.extensions["socketio"].async_mode,
        worker=current_app.config["WORKER"],
        workers=current_app.config["WORKERS"],
    )


@bp.get("/qr/<code>.svg")
def join_qr(code: str):
    """Draw the QR code that carries a meeting's join URL."""
    meeting = get_meeting(get_db(), code)
    svg = qr_svg(join_url(meeting))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


@bp.app_errorhandler(Refused)
def refused(error: Refused):
    """Show a refusal as a friendly page."""
    return render_template("refused.html", message=str(error)), error.status


@bp.app_errorhandler(403)
def forbidden(_error):
    """Explain that the page belongs to the facilitator."""
    return render_template("facilitator/denied.html"), 403
