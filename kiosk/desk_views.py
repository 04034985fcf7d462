"""The check-in desk: a greeter admits phones and counts people who have no phone."""

import hmac

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from . import state
from .auth import is_greeter
from .db import get_db
from .meetings import current_meeting

bp = Blueprint("desk", __name__, url_prefix="/desk")


@bp.get("")
def index():
    """Take the key from the greeter link, then show the desk."""
    key = request.args.get("key")
    if key is not None:
        if not hmac.compare_digest(key.encode(), current_app.config["GREETER_KEY"].encode()):
            abort(403)
        session.permanent = True
        session["greeter"] = key
        return redirect(url_for("desk.index"))
    if not is_greeter():
        abort(403)
    db = get_db()
    meeting = current_meeting(db)
    return render_template("desk/index.html", meeting=meeting, snapshot=state.desk(db, meeting))
