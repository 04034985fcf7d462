"""The check-in desk: a greeter admits phones and counts people who have no phone."""

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)

from kiosk.meeting.meetings import current_meeting
from kiosk.records import privacy
from kiosk.screens import pages as state
from kiosk.trust import identity
from kiosk.web.auth import accept_key, is_greeter
from kiosk.web.database import get_db

bp = Blueprint("desk", __name__, url_prefix="/desk")


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
    notice = privacy.notice(db, identity.assembly(db)["name"])
    return render_template(
        "desk/index.html", meeting=meeting, snapshot=state.desk(db, meeting), notice=notice
    )
