"""Backups: the whole assembly in one dated file, and putting it back.

A backup is a zip holding a consistent copy of the database (SQLite's online backup API, taken
while the kiosk runs), rebuilt so no secret ballot's order survives in it, the signing key, the
cookie and link secrets, and `backup.json` saying whose it is. With a passphrase the zip is
sealed: scrypt turns the passphrase into a key, AES-GCM encrypts and authenticates the bytes.
"""

import io
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.db import connect, migrate
from kiosk.errors import Refused
from kiosk.trust import folder, identity, keyfile

FORMAT = "assembly-kiosk/backup"
KEYS = (keyfile.KEY_FILE, "secret_key", "facilitator_key", "greeter_key")
SEALED = b"ASSEMBLY-KIOSK-SEALED-BACKUP-1\n"
AUTOMATIC = "backups"


def snapshot(database: str) -> bytes:
    """Return a consistent copy of the database, rebuilt so its layout keeps no order of writes."""
    work = tempfile.mkdtemp(dir=os.path.dirname(database), prefix=".backup-")
    try:
        copy = os.path.join(work, folder.DATABASE)
        source, target = sqlite3.connect(database, timeout=10), sqlite3.connect(copy)
        try:
            source.backup(target)
            target.execute("PRAGMA secure_delete = ON")
            target.execute("PRAGMA journal_mode = DELETE")  # one file, no log beside it
            target.execute("VACUUM")
        finally:
            source.close()
            target.close()
        with open(copy, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def pack(data_dir: str, database: str, passphrase: str | None = None) -> tuple[str, bytes]:
    """Return (dated file name, bytes) of a backup of the data folder."""
    db = connect(database)
    try:
        me = identity.assembly(db)
        meetings = db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
    finally:
        db.conn.close()
    made = datetime.now().astimezone()
    about = {"format": FORMAT, "version": 1, "made_at": made.isoformat(timespec="seconds")}
    about.update(name=me["name"], fingerprint=me["fingerprint"], meetings=meetings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("backup.json", json.dumps(about, indent=1))
        zipped.writestr(folder.DATABASE, snapshot(database))
        for name in KEYS:
            path = os.path.join(data_dir, name)
            if os.path.exists(path):
                zipped.write(path, name)
    name = f"kiosk-backup-{made:%Y-%m-%d-%H%M%S}.zip"
    if passphrase:
        return f"{name}.sealed", seal(out.getvalue(), passphrase)
    return name, out.getvalue()


def _key(passphrase: str, salt: bytes) -> bytes:
    """Stretch a passphrase into a 256-bit key (scrypt: slow for whoever guesses)."""
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str) -> bytes:
    """Encrypt and authenticate bytes under a passphrase."""
    salt, nonce = os.urandom(16), os.urandom(12)
    return SEALED + salt + nonce + AESGCM(_key(passphrase, salt)).encrypt(nonce, data, SEALED)


def unseal(data: bytes, passphrase: str | None) -> bytes:
    """Return a backup's zip bytes, decrypting a sealed one with its passphrase."""
    if not data.startswith(SEALED):
        return data
    if not passphrase:
        raise Refused("This backup is sealed with a passphrase: give it (--passphrase-file).")
    body = data[len(SEALED) :]
    salt, nonce, sealed = body[:16], body[16:28], body[28:]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed, SEALED)
    except InvalidTag as error:
        raise Refused("That passphrase does not open this backup (or the file is damaged).") from (
            error
        )


def write_private(path: str, data: bytes) -> None:
    """Write a file readable by this user only, whole or not at all."""
    fd = os.open(f"{path}.part", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(f"{path}.part", path)


def automatic(data_dir: str, database: str, keep: int) -> str | None:
    """Back up into the data folder's backups/ and keep only the newest `keep`; return the path."""
    if keep <= 0:
        return None
    target = os.path.join(data_dir, AUTOMATIC)
    os.makedirs(target, mode=0o700, exist_ok=True)
    name, data = pack(data_dir, database)
    path = os.path.join(target, name)
    write_private(path, data)
    made = sorted(n for n in os.listdir(target) if n.startswith("kiosk-backup-"))
    for old in made[:-keep]:
        os.remove(os.path.join(target, old))
    return path


def _members(data: bytes) -> dict[str, bytes]:
    """Read a backup's files, refusing anything that is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            names = set(zipped.namelist())
            if not {"backup.json", folder.DATABASE, keyfile.KEY_FILE} <= names:
                raise Refused("That file is not an Assembly Kiosk backup: parts of it are missing.")
            wanted = {"backup.json", folder.DATABASE, *KEYS} & names
            files = {name: zipped.read(name) for name in wanted}
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise Refused("That file is not a complete backup: it may have been cut short.") from error
    if json.loads(files["backup.json"]).get("format") != FORMAT:
        raise Refused("That file is not an Assembly Kiosk backup.")
    return files


def restore(data: bytes, data_dir: str, passphrase: str | None = None) -> dict:
    """Put a backup into a data folder, moving whatever was there aside; return what it holds."""
    files = _members(unseal(data, passphrase))
    running = folder.held_by_another(data_dir) if os.path.isdir(data_dir) else None
    if running:
        raise Refused(
            "A kiosk is running on %(folder)s, at %(address)s: stop it, then restore.",
            folder=data_dir,
            address=running,
        )
    folder.prepare(data_dir)
    staged = os.path.join(data_dir, f".restore-{os.getpid()}.db")
    write_private(staged, files.pop(folder.DATABASE))
    try:
        found = _check(staged, files[keyfile.KEY_FILE])
    except BaseException:
        os.remove(staged)
        raise
    found["aside"] = _move_aside(data_dir)
    os.replace(staged, os.path.join(data_dir, folder.DATABASE))
    for name, content in files.items():
        if name != "backup.json":
            write_private(os.path.join(data_dir, name), content)
    return found


def _check(database: str, key_pem: bytes) -> dict:
    """Check a restored database reads, is not from a newer kiosk, and its key is the right one."""
    folder.check_database(database)
    db = connect(database)
    try:
        migrate(db)
        me = identity.assembly(db)
        meetings = db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
    finally:
        db.conn.close()
    try:
        matches = keyfile.public_id(keyfile.parse_key(key_pem)) == me["key_id"]
    except ValueError:
        matches = False
    if not matches:
        raise Refused(
            "The key in this backup is not the one its database expects: nothing changed."
        )
    return {"name": me["name"], "fingerprint": me["fingerprint"], "meetings": meetings}


def _move_aside(data_dir: str) -> str | None:
    """Move the folder's current database and keys into a dated folder; return it, if any."""
    present = [n for n in (*folder.PRIVATE, *KEYS) if os.path.exists(os.path.join(data_dir, n))]
    present = [n for n in dict.fromkeys(present) if n != folder.LOCK]
    if not present:
        return None
    aside = os.path.join(data_dir, f"before-restore-{time.strftime('%Y-%m-%d-%H%M%S')}")
    os.makedirs(aside, mode=0o700)
    for name in present:
        os.replace(os.path.join(data_dir, name), os.path.join(aside, name))
    return aside
