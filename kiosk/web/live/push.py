"""Every push from the server goes through here: room names, push(), and the coalescer.

Rooms are per meeting and per role (projector, phone, facilitator, desk), per attendee (all of
one phone's tabs) and per breakout group. What phones cause (votes, points, signals) is
coalesced: a burst of 2,000 votes becomes a handful of messages, not one per vote per screen.

Phones also sit in a room per meeting and language: what a person reads (a round's choices, an
outcome) is built once for each language the meeting's phones speak, inside words.speaking, and
the big screens get the meeting's language. A meeting whose phones all speak its language
builds each push once, as it did before phones had languages.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable

from flask import Flask, current_app

from kiosk import words
from kiosk.extensions import socketio
from kiosk.meeting.languages import meeting_languages
from kiosk.web.database import get_db

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


def phone_room(meeting_id: int, code: str) -> str:
    """Name the room of one meeting's phones that read one language."""
    return f"phone:{meeting_id}:{code}"


def push(event: str, payload: dict, rooms: Iterable[str] | str) -> None:
    """Send one event to each of the rooms."""
    for name in [rooms] if isinstance(rooms, str) else rooms:
        socketio.emit(event, payload, to=name)


def to_roles(meeting_id: int, roles: Iterable[str] = ROLES) -> list[str]:
    """Name the rooms of some roles in one meeting (every role by default)."""
    return [room(meeting_id, role) for role in roles]


def in_each_language(
    event: str, build: Callable[[], dict], meeting_id: int, roles: Iterable[str] = ()
) -> None:
    """Push what people read: the roles' rooms in the meeting's language, each phone in its own.

    `build` makes the payload in the language now speaking; it runs once per language needed.
    """
    speaks = meeting_languages(get_db())[0]
    rooms: dict[str, list[str]] = {speaks: [room(meeting_id, role) for role in roles]}
    for code in current_app.extensions["kiosk_languages"].present(meeting_id):
        rooms.setdefault(code, []).append(phone_room(meeting_id, code))
    for code, names in rooms.items():
        if names:
            with words.speaking(code):
                payload = build()
            push(event, payload, names)


class Languages:
    """The languages each meeting's phones read, so a push is built once for each of them.

    Several workers share one list through their Redis: a Welsh phone on one worker hears a
    round that a facilitator on another opened. One worker keeps it in memory.
    """

    def __init__(self, queue: str | None = None, prefix: str = "kiosk"):
        self.heard: dict[int, set[str]] = {}
        self.prefix, self.redis = prefix, None
        if queue:
            import redis  # only where workers share a message queue

            self.redis = redis.Redis.from_url(queue)

    def hear(self, meeting_id: int, code: str) -> None:
        """Note that a phone reading this language joined the meeting."""
        if code in self.heard.setdefault(meeting_id, set()):
            return
        self.heard[meeting_id].add(code)
        if self.redis is not None:
            self.redis.sadd(self._key(meeting_id), code)

    def present(self, meeting_id: int) -> list[str]:
        """Return the languages this meeting's phones read, in a steady order."""
        found = set(self.heard.get(meeting_id, ()))
        if self.redis is not None:
            found.update(c.decode() for c in self.redis.smembers(self._key(meeting_id)))
        return [code for code in words.LANGUAGES if code in found]

    def _key(self, meeting_id: int) -> str:
        """Name the Redis set of one meeting's languages."""
        return f"{self.prefix}:languages:{meeting_id}"


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
