"""Every push from the server goes through here: room names, push(), and the coalescer.

Rooms are per meeting and per role (projector, phone, facilitator, desk), per attendee (all of
one phone's tabs) and per breakout group. What phones cause (votes, points, signals) is
coalesced: a burst of 2,000 votes becomes a handful of messages, not one per vote per screen.
"""

import logging
import threading
import time
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
    """Collect meetings that changed; announce each once a burst goes quiet, and at least once
    an interval while it lasts.

    A burst of votes is announced about `quiet` seconds after its last vote (so the final
    tally follows the last commit closely), and every `interval` while votes keep coming.
    """

    def __init__(self, app: Flask, interval: float, announce: Callable[[int], None]):
        self.app, self.interval, self.announce = app, interval, announce
        self.quiet = min(app.config["TALLY_QUIET"], interval)
        self.dirty: dict[int, list[float]] = {}  # meeting -> [first mark, last mark]
        self.lock = threading.Lock()
        self.running = False

    def mark(self, meeting_id: int) -> None:
        """Note that a meeting has something to announce."""
        if self.interval <= 0:
            self.announce(meeting_id)
            return
        now = time.monotonic()
        with self.lock:
            self.dirty.setdefault(meeting_id, [now, now])[1] = now
            if not self.running:
                self.running = True
                socketio.start_background_task(self.run)

    def due(self, now: float, everything: bool = False) -> list[int]:
        """Take the meetings whose burst went quiet or has waited an interval."""
        with self.lock:
            ready = [
                meeting_id
                for meeting_id, (first, last) in self.dirty.items()
                if everything or now - last >= self.quiet or now - first >= self.interval
            ]
            for meeting_id in ready:
                del self.dirty[meeting_id]
            return ready

    def flush(self) -> None:
        """Announce every meeting marked since the last flush, now."""
        self._announce(self.due(time.monotonic(), everything=True))

    def _announce(self, meeting_ids: list[int]) -> None:
        """Announce each meeting, one failure not stopping the others."""
        for meeting_id in meeting_ids:
            try:
                with self.app.app_context():
                    self.announce(meeting_id)
            except Exception:
                log.exception("announcing %s failed", self.announce.__name__)

    def run(self) -> None:
        """Announce what is due until nothing is waiting."""
        while True:
            socketio.sleep(self.quiet)
            self._announce(self.due(time.monotonic()))
            with self.lock:
                if not self.dirty:
                    self.running = False
                    return
