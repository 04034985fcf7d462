"""Hand signals and twinkles from phones, a per-phone rate limit, and a library of energisers.

Signals are fleeting reactions, not records: they live in this process's memory only, and a
restart forgets them (as a room forgets a wave). Nothing else in the kiosk is kept this way.
"""

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from kiosk.errors import Refused

KINDS = {
    "agree": "Agree (twinkles)",
    "disagree": "Disagree",
    "cant_hear": "Can't hear",
    "wrap_up": "Please wrap up",
    "process": "Point of process",
}
RATE_LIMIT, RATE_WINDOW = 5, 10.0  # at most 5 signals a phone in any 10 seconds
SHOWN_FOR = 30.0  # the console aggregates the last 30 seconds


@dataclass(frozen=True)
class Energiser:
    """A short game to lift the room."""

    title: str
    instructions: str
    minutes: int


ENERGISERS = {
    "wave": Energiser(
        "The Mexican wave", "Starting from the left of the room, stand, wave and sit. Twice!", 2
    ),
    "neighbour": Energiser(
        "Meet a neighbour",
        "Find someone you have never met. Tell them your favourite place round here.",
        3,
    ),
    "stretch": Energiser(
        "Big stretch", "Stand up. Reach for the ceiling, touch your toes, shake it out.", 2
    ),
    "one_word": Energiser(
        "One word round", "Pass the mic: in one word, how are you feeling right now?", 4
    ),
    "rhythm": Energiser(
        "Clap the rhythm", "Copy the facilitator's clapping rhythm. It gets faster each time!", 2
    ),
}


class RateLimit:
    """Allow each key at most `limit` events in any `window` seconds."""

    def __init__(self, limit: int = RATE_LIMIT, window: float = RATE_WINDOW):
        self.limit, self.window = limit, window
        self.seen: dict[object, deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def allow(self, key: object, now: float) -> bool:
        """Return whether one more event from key fits the limit, and count it if so."""
        with self.lock:
            times = self.seen[key]
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True


class Tally:
    """Recent signals of each meeting: a rolling count, and the burst since the last report."""

    def __init__(self, shown_for: float = SHOWN_FOR):
        self.shown_for = shown_for
        self.recent: dict[int, deque] = defaultdict(deque)
        self.burst: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.lock = threading.Lock()

    def add(self, meeting_id: int, kind: str, now: float) -> None:
        """Count one signal."""
        with self.lock:
            self.recent[meeting_id].append((now, kind))
            self.burst[meeting_id][kind] += 1

    def report(self, meeting_id: int, now: float) -> dict:
        """Return the rolling counts and the burst since the last report (which it resets)."""
        with self.lock:
            recent = self.recent[meeting_id]
            while recent and recent[0][0] <= now - self.shown_for:
                recent.popleft()
            counts = dict.fromkeys(KINDS, 0)
            for _, kind in recent:
                counts[kind] += 1
            burst = dict(self.burst.pop(meeting_id, {}))
        return {"counts": counts, "burst": burst, "seconds": self.shown_for}


def send(limit: RateLimit, tally: Tally, attendee: dict, kind: str, now: float | None = None):
    """Count a phone's signal, unless it is unknown or the phone is over its limit."""
    if kind not in KINDS:
        raise Refused("That hand signal does not exist.")
    now = time.time() if now is None else now
    if not limit.allow(attendee["id"], now):
        raise Refused("Easy there! Give it a few seconds before the next signal.")
    tally.add(attendee["meeting_id"], kind, now)


def energiser(key: str) -> Energiser:
    """Return an energiser from the library, or refuse."""
    if key not in ENERGISERS:
        raise Refused("That energiser is not in the library.")
    return ENERGISERS[key]
