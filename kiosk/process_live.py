"""What the process's Socket.IO events share: who is asking, and announcing what changed.

The events themselves live by noun: agenda_live (the evening's plan, scenes, timers), group_live
(breakouts and the harvest) and floor_live (the stack, hand signals, energisers).

Facilitator actions are announced at once; what phones do (points, stack, signals) reaches the
projector and console coalesced, at most once an interval, and a group's own phones through the
group's room. No phone action is ever broadcast to every phone.
"""

import time

from flask import Flask, current_app

from . import breakouts, process_state, signals, socketio
from .auth import require_attendee, require_facilitator
from .db import get_db
from .live import Coalescer, int_field, room, text_field
from .meetings import current_meeting, get_meeting


def group_room(group_id: int) -> str:
    """Name the room of one breakout group's phones."""
    return f"group:{group_id}"


# -- who is asking ---------------------------------------------------------------------------


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


def optional_id(data: dict, key: str) -> int | None:
    """Read an id that may be null."""
    return None if data.get(key) is None else int_field(data, key)


# -- announcing ------------------------------------------------------------------------------


def announce_process(meeting_id: int) -> None:
    """Send the projector and the console their whole process part."""
    db = get_db()
    meeting = {"id": meeting_id}
    socketio.emit(
        "process", process_state.projector(db, meeting)["process"], to=room(meeting_id, "projector")
    )
    socketio.emit(
        "process",
        process_state.facilitator(db, meeting)["process"],
        to=room(meeting_id, "facilitator"),
    )


def announce_signals(meeting_id: int) -> None:
    """Send the projector and the console the signals of the last seconds."""
    report = current_app.extensions["kiosk_signals"].report(meeting_id, time.time())
    for role in ("projector", "facilitator"):
        socketio.emit("signals", report, to=room(meeting_id, role))


def announce_timer(meeting_id: int, payload: dict) -> None:
    """Send every page of the meeting a timer that changed."""
    for role in ("projector", "facilitator", "phone"):
        socketio.emit("timer", payload, to=room(meeting_id, role))


def announce(meeting: dict, phones: bool = True) -> None:
    """After a facilitator action: the big screens now, every phone the public part."""
    announce_process(meeting["id"])
    if phones:
        public = process_state.phone_public(get_db(), meeting["id"])
        socketio.emit("process", public, to=room(meeting["id"], "phone"))


def announce_group(meeting: dict, group_id: int) -> None:
    """Tell one group's phones about their group; the big screens hear soon after."""
    group = breakouts.get_group(get_db(), meeting["id"], group_id)
    socketio.emit("group", process_state.group_public(get_db(), group), to=group_room(group_id))
    process_changed(meeting["id"])


def process_changed(meeting_id: int) -> None:
    """Schedule a coalesced announcement of the process to the big screens."""
    current_app.extensions["kiosk_process"].mark(meeting_id)


def init_app(app: Flask) -> None:
    """Give the app its process and signal batchers, and the in-memory signal counts."""
    interval = app.config["TALLY_INTERVAL"]
    app.extensions["kiosk_process"] = Coalescer(app, interval, announce_process)
    app.extensions["kiosk_signal_batcher"] = Coalescer(app, interval, announce_signals)
    app.extensions["kiosk_signals"] = signals.Tally()
    app.extensions["kiosk_rate_limit"] = signals.RateLimit()
