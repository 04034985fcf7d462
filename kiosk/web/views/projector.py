"""The projector: the big screen the whole room sees."""

from flask import Blueprint, render_template

from kiosk.meeting.meetings import current_meeting
from kiosk.screens import pages as state
from kiosk.web.database import get_db
from kiosk.web.links import join_url

bp = Blueprint("projector", __name__, url_prefix="/projector")


@bp.get("")
def index():
    """Show the running meeting on the big screen."""
    db = get_db()
    meeting = current_meeting(db)
    snapshot = state.projector(db, meeting, join_url(meeting))
    return render_template("projector/index.html", meeting=meeting, snapshot=snapshot)
