"""The data folder is the assembly's identity: its record, its signing key, its secrets.

Checked before anything else runs: the folder is made private (0700, files 0600), one kiosk at
a time holds it (a lock naming that kiosk's address), and a database that is empty, damaged or
not a database stops the start with one plain sentence rather than a new assembly by surprise.
"""

import contextlib
import os
import sqlite3

from kiosk.errors import Refused

DATABASE = "kiosk.db"
LOCK = "kiosk.lock"
PRIVATE = (
    DATABASE,
    f"{DATABASE}-wal",
    f"{DATABASE}-shm",
    "assembly_key.pem",
    "secret_key",
    "facilitator_key",
    "greeter_key",
    LOCK,
)


def prepare(data_dir: str) -> None:
    """Make the data folder if missing, refuse one the kiosk cannot use, and make it private."""
    if os.path.exists(data_dir) and not os.path.isdir(data_dir):
        raise Refused(
            "%(folder)s is a file, not a folder: give --data-dir a folder (it is made if missing).",
            folder=data_dir,
        )
    try:
        os.makedirs(data_dir, mode=0o700, exist_ok=True)
        probe = os.path.join(data_dir, f".kiosk-probe-{os.getpid()}")
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.remove(probe)
    except OSError as error:
        raise Refused(
            "The kiosk cannot write to its data folder %(folder)s (%(reason)s): "
            "choose a folder it may write to with --data-dir.",
            folder=data_dir,
            reason=error.strerror.lower(),
        ) from error
    make_private(data_dir)


def make_private(data_dir: str) -> None:
    """Let only this user reach the folder and its files (group and others lose every right)."""
    if os.name == "nt":  # Windows keeps a user's files private by its own access lists
        return
    os.chmod(data_dir, os.stat(data_dir).st_mode & 0o700)
    for name in PRIVATE:
        with contextlib.suppress(FileNotFoundError):
            path = os.path.join(data_dir, name)
            os.chmod(path, os.stat(path).st_mode & 0o600)


def check_database(path: str) -> bool:
    """Refuse an empty or damaged database; say whether it holds an assembly's record."""
    if not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # SQLite's -wal, -shm follow
        return False
    if os.path.getsize(path) == 0:
        raise Refused(
            "%(file)s is empty (0 bytes), so the assembly's record is not in it: restore it "
            "from a backup (python app.py restore FILE --data-dir %(folder)s), "
            "or remove the empty file to start a new assembly.",
            file=path,
            folder=os.path.dirname(path),
        )
    try:
        conn = sqlite3.connect(path, timeout=10)
        try:
            found = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            history = "assembly" in tables and conn.execute("SELECT 1 FROM assembly").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        found = str(error)
    if found != "ok":
        raise Refused(
            "%(file)s is damaged (%(reason)s): restore it from a backup "
            "(python app.py restore FILE --data-dir %(folder)s).",
            file=path,
            reason=found.splitlines()[0],
            folder=os.path.dirname(path),
        )
    return bool(history)


class Lock:
    """This kiosk's hold on its data folder, kept until the process ends."""

    def __init__(self, data_dir: str, address: str):
        self.path = os.path.join(data_dir, LOCK)
        self.handle = open(
            os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), "r+", encoding="utf-8"
        )
        if not _try_lock(self.handle):
            holder = self.handle.read().strip() or "an address it did not say"
            self.handle.close()
            raise Refused(
                "Another kiosk is already running on %(folder)s, at %(address)s: use that one, "
                "or stop it before starting this one (or give this one another --data-dir).",
                folder=data_dir,
                address=holder,
            )
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"{address} (process {os.getpid()})\n")
        self.handle.flush()


def held_by_another(data_dir: str) -> str | None:
    """Return the address of a kiosk running on this folder, or None when none is."""
    path = os.path.join(data_dir, LOCK)
    if not os.path.exists(path):
        return None
    with open(path, "r+", encoding="utf-8") as handle:
        if _try_lock(handle):
            return None  # closing the file lets the lock go
        return handle.read().strip() or "an address it did not say"


def _try_lock(handle) -> bool:
    """Take an exclusive lock on an open file without waiting; say whether it was taken."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
