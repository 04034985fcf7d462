"""What every phone of a meeting is shown alike, built once while nothing is committed.

When the hall's Wi-Fi drops, every phone reconnects at once and says hello, and each is answered
with a full snapshot. Most of it (the meeting, the round, the process, the delegates) is the
same for every phone reading the same language, so it is built once and reused until anything
is committed to the database, by this process or another worker: a handle that only ever reads
sees SQLite's data_version move whenever another handle commits. What is one phone's own (its
vote, its group, its standing) is read for each phone, and so are the timers, whose time left
is now's.
"""

import sqlite3
from datetime import date

from kiosk import words
from kiosk.screens import pages


class PhoneViews:
    """The shared part of phones' snapshots, by meeting and language, as of one data version."""

    def __init__(self, path: str):
        self.path = path
        self.watcher: sqlite3.Connection | None = None  # opened on first use, never writes
        # (meeting, language, day) -> (data version, the part built as of it)
        self.built: dict[tuple, tuple[int, dict]] = {}

    def version(self) -> int:
        """Return a number that changes whenever any other handle commits to the database."""
        if self.watcher is None:
            self.watcher = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        return self.watcher.execute("PRAGMA data_version").fetchone()[0]

    def public(self, db, meeting: dict, join_url: str) -> dict:
        """Return pages.phone_public for this meeting in the language now speaking."""
        key = (meeting["id"], words.current(), date.today())  # a mandate expires with the day
        version = self.version()  # taken before reading: a commit meanwhile means a rebuild
        found = self.built.get(key)
        if found is not None and found[0] == version:
            return found[1]
        part = pages.phone_public(db, meeting, join_url)
        self.built = {k: v for k, v in self.built.items() if v[0] == version}
        self.built[key] = (version, part)
        return part
