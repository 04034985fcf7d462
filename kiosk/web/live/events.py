"""What every Socket.IO handler shares: the answer each event gets, and reading its payload.

Every client event is answered {"ok": true, ...} or {"ok": false, "error": "<plain words>"}.
"""

import functools
import logging

from kiosk.decisions import rounds
from kiosk.errors import Refused
from kiosk.meeting.meetings import current_meeting, get_meeting
from kiosk.web.auth import require_attendee, require_facilitator
from kiosk.web.database import get_db
from kiosk.web.i18n import speak
from kiosk.words import N_, gettext

log = logging.getLogger(__name__)
BIGGEST = 2**63 - 1
NOT_UNDERSTOOD = N_("That message was not understood. Please reload.")
FAILED = N_("Something went wrong on the kiosk. Please try again.")


def answered(handler):
    """Turn a handler's result or refusal into the acknowledgement every event gets."""

    @functools.wraps(handler)
    def wrapped(data=None):
        speak()
        if not isinstance(data, dict):
            return {"ok": False, "error": gettext(NOT_UNDERSTOOD)}
        try:
            return {"ok": True, **(handler(data) or {})}
        except Refused as refusal:
            return {"ok": False, "error": str(refusal)}
        except Exception:
            log.exception("event %s failed", handler.__name__)
            return {"ok": False, "error": gettext(FAILED)}

    return wrapped


def text_field(data: dict, key: str, limit: int = 20_000) -> str:
    """Read a text field from an event payload."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise Refused(NOT_UNDERSTOOD)
    if len(value) > limit:
        raise Refused("That text is too long (%(n)s characters).", n=f"{len(value):,}")
    return value


def int_field(data: dict, key: str, default: int | None = None) -> int:
    """Read a whole-number field (an id, a count) from an event payload."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(NOT_UNDERSTOOD)
    if not -BIGGEST <= value <= BIGGEST:  # SQLite holds 64-bit integers
        raise Refused("That number is far too big.")
    return value


def optional_id(data: dict, key: str) -> int | None:
    """Read an id that may be null."""
    return None if data.get(key) is None else int_field(data, key)


def current_round(db, meeting: dict, data: dict) -> dict:
    """Return the round an event names, refusing one from another meeting."""
    rnd = rounds.get_round(db, int_field(data, "round_id"))
    if rnd["meeting_id"] != meeting["id"]:
        raise Refused("That round belongs to another meeting.")
    return rnd


def as_facilitator() -> tuple:
    """Return the database and running meeting, for the facilitator only."""
    require_facilitator()
    db = get_db()
    return db, current_meeting(db)


def as_phone(data: dict) -> tuple:
    """Return the database, meeting and attendee of a checked-in phone."""
    db = get_db()
    meeting = get_meeting(db, text_field(data, "code", 40))
    return db, meeting, require_attendee(db, meeting)
