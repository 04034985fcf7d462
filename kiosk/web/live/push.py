"""Every push from the server goes through here: room names, push(), and the coalescer.

Rooms are per meeting and per role (projector, phone, facilitator, desk), per attendee (all of
one phone's tabs) and per breakout group. What phones cause (votes, points, signals) is
coalesced: a burst of 2,000 votes becomes a handful of messages, not one per vote per screen.
"""

import logging
import threading
from collections.abc import Callable, Iterable

from flask import Flask

from kiosk.extensions import socketio

log = logging.getLogger(__name__)
ROLES = ("projector", "phone", "facilitator", "desk")


def room(meeting_id: int, role: str) -> str:
    """Name the room for one role in one meeting."""
    return f"{role}:{meeting_id}"


def attendee_room(attendee_id: int) -> str:
    """Name the room of one attendee's phone (all its tabs)."""
    return f"attendee:{attendee_id}"


def group_room(group_id: int) -> str:
    """Name the room of one breakout group's phones."""
    return f"group:{group_id}"


def push(event: str, payload: dict, rooms: Iterable[str] | str) -> None:
    """Send one event to each of the rooms."""
    for name in [rooms] if isinstance(rooms, str) else rooms:
        socketio.emit(event, payload, to=name)


def to_roles(meeting_id: int, roles: Iterable[str] = ROLES) -> list[str]:
    """Name the rooms of some roles in one meeting (every role by default)."""
    return [room(meeting_id, role) for role in roles]


class Coalescer:
    """Collect meetings that changed and announce each at most once an interval."""

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
