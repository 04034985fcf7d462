"""Socket.IO events: parse, call the domain, answer, and announce to rooms.

Rooms are per meeting and per role: projector, phone, facilitator. Every client event is
answered {"ok": true, ...} or {"ok": false, "error": "<plain words>"}.
"""

import functools
import logging
import threading
from collections.abc import Callable

from flask import Flask, current_app
from flask_socketio import join_room

from . import rounds, socketio, state
from .auth import require_attendee, require_facilitator, require_greeter
from .db import get_db
from .errors import Refused
from .links import join_url
from .meetings import attendance, current_meeting, get_meeting, meeting_by_id

log = logging.getLogger(__name__)
BIGGEST = 2**63 - 1
ROLES = ("projector", "phone", "facilitator", "desk")


def room(meeting_id: int, role: str) -> str:
    """Name the room for one role in one meeting."""
    return f"{role}:{meeting_id}"


def attendee_room(attendee_id: int) -> str:
    """Name the room of one attendee's phone (all its tabs)."""
    return f"attendee:{attendee_id}"


def answered(handler):
    """Turn a handler's result or refusal into the acknowledgement every event gets."""

    @functools.wraps(handler)
    def wrapped(data=None):
        if not isinstance(data, dict):
            return {"ok": False, "error": "That message was not understood. Please reload."}
        try:
            return {"ok": True, **(handler(data) or {})}
        except Refused as refusal:
            return {"ok": False, "error": str(refusal)}
        except Exception:
            log.exception("event %s failed", handler.__name__)
            return {"ok": False, "error": "Something went wrong on the kiosk. Please try again."}

    return wrapped


def text_field(data: dict, key: str, limit: int = 20_000) -> str:
    """Read a text field from an event payload."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise Refused("That message was not understood. Please reload.")
    if len(value) > limit:
        raise Refused(f"That text is too long ({len(value):,} characters).")
    return value


def int_field(data: dict, key: str, default: int | None = None) -> int:
    """Read a whole-number field (an id, a count) from an event payload."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("That message was not understood. Please reload.")
    if not -BIGGEST <= value <= BIGGEST:  # SQLite holds 64-bit integers
        raise Refused("That number is far too big.")
    return value


def current_round(db, meeting: dict, data: dict) -> dict:
    """Return the round an event names, refusing one from another meeting."""
    rnd = rounds.get_round(db, int_field(data, "round_id"))
    if rnd["meeting_id"] != meeting["id"]:
        raise Refused("That round belongs to another meeting.")
    return rnd


@socketio.on("hello")
@answered
def on_hello(data: dict) -> dict:
    """Any page, on every (re)connect: join its rooms and receive a full snapshot."""
    db = get_db()
    role = data.get("role")
    if role not in ROLES:
        raise Refused("Unknown page.")
    if role == "phone":
        meeting = get_meeting(db, text_field(data, "code", 40))
        attendee = require_attendee(db, meeting)
        snapshot = state.phone(db, meeting, attendee, join_url(meeting))
    elif role == "desk":
        require_greeter()
        meeting = current_meeting(db)
        snapshot = state.desk(db, meeting)
    else:
        if role == "facilitator":
            require_facilitator()
        meeting = current_meeting(db)
        builder = state.facilitator if role == "facilitator" else state.projector
        snapshot = builder(db, meeting, join_url(meeting))
    join_room(room(meeting["id"], role))
    if role == "phone":
        join_room(attendee_room(attendee["id"]))
    return {"snapshot": snapshot}


def announce_round(meeting: dict, rnd: dict) -> None:
    """Tell every page of the meeting that a round opened or closed."""
    payload = state.round_public(get_db(), rnd)
    for role in ROLES:
        socketio.emit("round", payload, to=room(meeting["id"], role))


def announce_counts(meeting_id: int) -> None:
    """Send live counts and attendance (the projector's hidden while asked), and the desk."""
    db = get_db()
    rnd = rounds.latest_round(db, meeting_id)
    public = state.round_public(db, rnd)
    live = None
    if public is not None:
        live = {k: public[k] for k in ("id", "counts", "responded", "sources", "hidden")}
    payload = {"attendance": attendance(db, meeting_id), "round": live}
    socketio.emit("counts", payload, to=room(meeting_id, "projector"))
    if live is not None and live["hidden"] and rnd["visibility"] != "secret":
        payload = {**payload, "round": {**live, **state.round_counts(db, rnd)}}
    socketio.emit("counts", payload, to=room(meeting_id, "facilitator"))
    meeting = meeting_by_id(db, meeting_id)
    if meeting["voting_mode"] != "open":  # open mode has no queue at the desk to show
        desk = state.desk(db, meeting)
        for role in ("desk", "facilitator"):
            socketio.emit("desk", desk, to=room(meeting_id, role))


def announce_meeting_changed(old_meeting_id: int) -> None:
    """Tell every page of a meeting that has ended to move to the new one."""
    for role in ROLES:
        socketio.emit("meeting_changed", {}, to=room(old_meeting_id, role))


class Coalescer:
    """Collect meetings that changed and announce each at most once an interval.

    A burst of 2,000 votes becomes a handful of messages, not one per vote per screen.
    """

    def __init__(self, app: Flask, interval: float, announce: Callable[[int], None]):
        self.app, self.interval, self.announce = app, interval, announce
        self.dirty: set[int] = set()
        self.lock = threading.Lock()
        self.running = False

    def mark(self, meeting_id: int) -> None:
        """Note that a meeting has something to announce."""
        if self.interval <= 0:
            self.announce(meeting_id)
            return
        with self.lock:
            self.dirty.add(meeting_id)
            if not self.running:
                self.running = True
                socketio.start_background_task(self.run)

    def flush(self) -> None:
        """Announce every meeting marked since the last flush."""
        with self.lock:
            dirty, self.dirty = self.dirty, set()
        for meeting_id in dirty:
            with self.app.app_context():
                self.announce(meeting_id)

    def run(self) -> None:
        """Flush forever, once an interval."""
        while True:
            socketio.sleep(self.interval)
            try:
                self.flush()
            except Exception:
                log.exception("announcing %s failed", self.announce.__name__)


def counts_changed(meeting_id: int) -> None:
    """Schedule a coalesced announcement of a meeting's counts."""
    current_app.extensions["kiosk_counts"].mark(meeting_id)


def init_app(app: Flask) -> None:
    """Give the app its count coalescer."""
    app.extensions["kiosk_counts"] = Coalescer(app, app.config["TALLY_INTERVAL"], announce_counts)
