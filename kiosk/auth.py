"""Who may do what: the facilitator key, and the attendee a phone's cookie names."""

import functools
import hmac

from flask import abort, current_app, session
from sqlite_utils import Database

from . import council, council_votes, rounds
from .errors import Refused
from .meetings import attendee_by_token


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


def current_attendee(db: Database, meeting: dict) -> dict | None:
    """Return the attendee this phone checked in as for the meeting, or None.

    At a council a phone never holds a token of its own: its delegate's check-in names the
    member assembly's seat, which the delegate, co-delegate and alternate share.
    """
    if session.get("code") != meeting["code"]:
        return None
    if meeting["council"]:
        found = current_delegate(db, meeting)
        return found["seat"] if found else None
    return attendee_by_token(db, meeting, session.get("token"))


def current_delegate(db: Database, meeting: dict) -> dict | None:
    """Return the council check-in this phone made with a mandate card, or None."""
    if session.get("code") != meeting["code"]:
        return None
    return council.checkin(db, meeting, session.get("council_checkin"))


def remember_delegate(meeting: dict, checkin: dict) -> None:
    """Keep a delegate's council check-in in this phone's signed cookie."""
    session.permanent = True
    session["code"] = meeting["code"]
    session["council_checkin"] = checkin["id"]
    session.pop("token", None)


def cast_from_phone(db: Database, meeting: dict, round_id: int, picked, reason="") -> dict:
    """Cast this phone's vote: an attendee's own, or at a council, within a delegate's mandate."""
    if meeting["council"]:
        return council_votes.cast(
            db, meeting, current_delegate(db, meeting), round_id, picked, reason
        )
    return rounds.cast_vote(db, require_attendee(db, meeting), round_id, picked, reason)


def require_attendee(db: Database, meeting: dict) -> dict:
    """Return this phone's attendee, or refuse in words that say what to do."""
    attendee = current_attendee(db, meeting)
    if attendee is None:
        raise Refused("Please check in first: scan the code on the big screen.")
    return attendee
