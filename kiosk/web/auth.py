"""Who may do what: the facilitator key, and the attendee a phone's cookie names."""

import functools
import hmac

from flask import abort, current_app, session
from sqlite_utils import Database

from kiosk.council import checkin, phones
from kiosk.errors import Refused


def is_facilitator() -> bool:
    """Return whether this browser has presented the facilitator key."""
    held = session.get("facilitator") or ""
    return hmac.compare_digest(held.encode(), current_app.config["FACILITATOR_KEY"].encode())


def is_greeter() -> bool:
    """Return whether this browser may run the check-in desk (the facilitator always may)."""
    held = session.get("greeter") or ""
    key = current_app.config["GREETER_KEY"]
    return is_facilitator() or hmac.compare_digest(held.encode(), key.encode())


def require_greeter() -> None:
    """Refuse a desk action from anyone but a greeter or the facilitator."""
    if not is_greeter():
        raise Refused("Only the greeter at the desk can do that.")


def accept_key(role: str, key: str) -> bool:
    """Remember a key from a link in this browser's cookie if it is the role's key."""
    expected = current_app.config[f"{role.upper()}_KEY"]
    if not hmac.compare_digest(key.encode(), expected.encode()):
        return False
    session.permanent = True
    session[role] = key
    return True


def facilitator_required(view):
    """Answer 403 to any browser that has not presented the facilitator key."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not is_facilitator():
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def require_facilitator() -> None:
    """Refuse a socket action from anyone but the facilitator."""
    if not is_facilitator():
        raise Refused("Only the facilitator can do that.")


def remember_attendee(meeting: dict, token: str) -> None:
    """Keep the attendee's token in this phone's signed cookie."""
    session.permanent = True
    session["code"] = meeting["code"]
    session["token"] = token


def held(meeting: dict, cookie=None) -> dict:
    """Return what this phone's cookie holds for the meeting: its token or council check-in.

    `cookie` is a session read earlier (a socket's own); by default, this request's.
    """
    cookie = session if cookie is None else cookie
    if cookie.get("code") != meeting["code"]:
        return {}
    return {"token": cookie.get("token"), "checkin": cookie.get("council_checkin")}


def current_attendee(db: Database, meeting: dict) -> dict | None:
    """Return the attendee (at a council, the seat) this phone checked in as, or None."""
    return phones.attendee(db, meeting, held(meeting))


def current_delegate(db: Database, meeting: dict) -> dict | None:
    """Return the council check-in this phone made with a mandate card, or None."""
    return checkin.checkin(db, meeting, held(meeting).get("checkin"))


def remember_delegate(meeting: dict, found: dict) -> None:
    """Keep a delegate's council check-in in this phone's signed cookie."""
    session.permanent = True
    session["code"] = meeting["code"]
    session["council_checkin"] = found["id"]
    session.pop("token", None)


def require_attendee(db: Database, meeting: dict) -> dict:
    """Return this phone's attendee, or refuse in words that say what to do."""
    return phones.require_attendee(db, meeting, held(meeting))
