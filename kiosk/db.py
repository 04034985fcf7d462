"""The kiosk's SQLite database: opening a handle, a small pool of them, migrations at start-up.

Plain Python: kiosk.web.database lends a handle to each request or event.
"""

import contextlib
import itertools
import sqlite3
import threading
import time

import sqlite_utils
from sqlite_utils.utils import dedupe_keys

from kiosk.errors import Refused
from kiosk.migrations import MIGRATIONS

BUSY_TIMEOUT = 10.0  # seconds a handle waits for another's write before giving up


class Database(sqlite_utils.Database):
    """sqlite-utils' Database, whose transactions take the write lock as they begin.

    With several worker processes on one file, a transaction that read first and wrote later
    would fail at once if another process had written in between; BEGIN IMMEDIATE waits its
    turn (up to the busy timeout) instead. Nested blocks are savepoints, as in sqlite-utils,
    named by a counter rather than random bytes (a system call each, on the votes' hot path).
    A plain SELECT runs as it is: sqlite-utils guards every query with a savepoint of its own,
    in case it writes, which a SELECT cannot (three statements where one does).
    """

    _savepoints = itertools.count(1)

    @contextlib.contextmanager
    def atomic(self):
        """Run the block in one transaction (a savepoint if one is open already)."""
        conn = self.conn
        if conn.in_transaction:
            name = f"kiosk_{next(self._savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # unless the error ended the whole transaction
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            conn.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            conn.rollback()
            raise

    def query(self, sql: str, params=None):
        """Return the rows of a query as dicts (lazily, as sqlite-utils does)."""
        if not sql.lstrip()[:6].upper() == "SELECT":
            return super().query(sql, params)
        cursor = self.conn.execute(sql, () if params is None else params)
        keys = [column[0] for column in cursor.description]
        if len(set(keys)) != len(keys):
            keys = dedupe_keys(keys)
        return (dict(zip(keys, row, strict=True)) for row in cursor)


def write(db: sqlite_utils.Database, sql: str, params) -> sqlite3.Cursor:
    """Run one writing statement on its own, committed on return unless a transaction is open.

    One statement is atomic in SQLite (a failing one undoes itself), so inside a transaction it
    needs no savepoint around it; outside one, it is its own transaction.
    """
    if db.conn.in_transaction:
        return db.conn.execute(sql, params)
    with db.atomic():
        return db.conn.execute(sql, params)


def connect(path: str, synchronous: str = "NORMAL") -> Database:
    """Open the database file with the settings every handle needs."""
    # Statements that write outside atomic() begin their transaction IMMEDIATE too.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level="IMMEDIATE"
    )
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
