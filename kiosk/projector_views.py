"""The projector: the big screen the whole room sees."""

from flask import Blueprint, render_template

from . import state
from .db import get_db
from .links import join_url
from .meetings import current_meeting

bp = Blueprint("projector", __name__, url_prefix="/projector")


@bp.get("")
def index():
    """Show the running meeting on the big screen."""
    db = get_db()
    meeting = current_meeting(db)
    snapshot = state.projector(db, meeting, join_url(meeting))
    return render_template("projector/index.html", meeting=meeting, snapshot=snapshot)
