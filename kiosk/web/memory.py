"""Keeping the garbage collector out of a vote: what connected phones are made of is frozen.

Every connected phone leaves thousands of long-lived objects (its greenlets, sockets, session)
that Python's cyclic collector would walk again and again, pausing the server mid-burst. Once
phones stop connecting for a moment, they are moved out of the collector's sight
(gc.freeze). Before each freeze the last one is undone and the garbage collected, so a room
that reconnects does not leave its old connections behind.
"""

import gc
import threading
import time

QUIET = 0.5  # seconds without a new connection before freezing


class Freezer:
    """Freeze the heap once connections have been quiet for a moment."""

    def __init__(self, start_task, sleep, quiet: float = QUIET):
        self.start_task, self.sleep, self.quiet = start_task, sleep, quiet
        self.last, self.waiting, self.lock = 0.0, False, threading.Lock()
        self.freezes = 0

    def connected(self) -> None:
        """Note a page that connected (said hello); freeze once they stop for a while."""
        with self.lock:
            self.last = time.monotonic()
            if self.waiting:
                return
            self.waiting = True
        self.start_task(self.wait)

    def wait(self) -> None:
        """Sleep until connections have been quiet, then freeze."""
        while True:
            self.sleep(self.quiet)
            with self.lock:
                if time.monotonic() - self.last >= self.quiet:
                    self.waiting = False
                    break
        self.freeze()

    def freeze(self) -> None:
        """Let the collector see everything once more, collect, and freeze what survives."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.freezes += 1
