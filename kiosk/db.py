"""The kiosk's SQLite database: opening a handle, a small pool of them, migrations at start-up.

Plain Python: kiosk.web.database lends a handle to each request or event.
"""

import contextlib
import sqlite3
import threading
import time

import sqlite_utils

from kiosk.errors import Refused
from kiosk.migrations import MIGRATIONS


class Database(sqlite_utils.Database):
    """sqlite-utils' Database, whose transactions take the write lock as they begin.

    With several worker processes on one file, a transaction that read first and wrote later
    would fail at once if another process had written in between; BEGIN IMMEDIATE waits its
    turn (up to the busy timeout) instead. Nested blocks are savepoints, as in sqlite-utils.
    """

    @contextlib.contextmanager
    def atomic(self):
        """Run the block in one transaction (a savepoint if one is open already)."""
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


def connect(path: str, synchronous: str = "NORMAL") -> Database:
    """Open the database file with the settings every handle needs."""
    # Statements that write outside atomic() begin their transaction IMMEDIATE too.
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level="IMMEDIATE")
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    # What is deleted is overwritten with zeros, so a secret ballot written again in a new
    # order leaves no copy in the old one (docs/security.md).
    db.execute("PRAGMA secure_delete = ON")
    # NORMAL in WAL mode survives a killed process; FULL also survives a power cut.
    db.execute(f"PRAGMA synchronous = {synchronous}")
    return db


def one(db: sqlite_utils.Database, sql: str, params: list) -> dict | None:
    """Return the first row a query finds, or None."""
    return next(iter(db.query(sql, params)), None)


class Pool:
    """Lend each request or event its own handle, reusing a few that are already open.

    Opening the file costs about 1.5 ms (WAL index and all); a vote itself costs far less.
    """

    def __init__(self, path: str, synchronous: str, size: int = 16):
        self.path, self.synchronous, self.size = path, synchronous, size
        self.free: list[Database] = []
        self.lock = threading.Lock()

    def take(self) -> Database:
        """Return an idle handle, or open a new one."""
        with self.lock:
            if self.free:
                return self.free.pop()
        return connect(self.path, self.synchronous)

    def give(self, db: Database) -> None:
        """Take a handle back, abandoning anything it left uncommitted."""
        if db.conn.in_transaction:
            db.conn.rollback()
        with self.lock:
            if len(self.free) < self.size:
                self.free.append(db)
                return
        db.conn.close()


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database has not seen yet; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
    )
    done = {row["name"] for row in db.query("SELECT name FROM migrations")}
    known = {name for name, _ in MIGRATIONS}
    if done - known:
        raise Refused(
            "This data folder was written by a newer Assembly Kiosk (its schema has "
            "%(found)s; this one knows up to %(known)s): update this kiosk, "
            "or start it with another --data-dir.",
            found=max(done - known),
            known=max(known),
        )
    applied = []
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        # Off while a migration runs, so a table can be rebuilt (SQLite's twelve steps), and
        # checked before it commits: a migration that breaks a reference changes nothing.
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            with db.atomic():
                for statement in statements:
                    db.execute(statement)
                if db.execute("PRAGMA foreign_key_check").fetchall():
                    raise sqlite3.IntegrityError(f"migration {name} breaks a foreign key")
                db.execute("INSERT INTO migrations VALUES (?, ?)", [name, time.time()])
        finally:
            db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
        applied.append(name)
    return applied


def forget_layout(db: sqlite_utils.Database) -> bool:
    """Fold the log into the file, rebuild the file, and cut the log to nothing; say if it was.

    After this the file holds each row where a fresh copy would, and no old page images: the
    order rows were written in is gone (short of the disk's own remanence; docs/security.md).
    """
    _checkpoint(db)
    try:
        db.execute("VACUUM")
    except sqlite3.OperationalError:  # a statement still open on this handle: next time
        pass
    return _checkpoint(db)


def _checkpoint(db: sqlite_utils.Database) -> bool:
    """Copy the write-ahead log into the file and truncate it; say whether that succeeded."""
    busy, _frames, _copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def init_db(path: str) -> list[str]:
    """Switch the file to WAL and bring its schema up to date."""
    db = connect(path)
    try:
        db.enable_wal()
        applied = migrate(db)
        if applied:  # a migration may have written rows again: keep no trace of the old layout
            forget_layout(db)
        return applied
    finally:
        db.conn.close()
