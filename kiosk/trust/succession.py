"""Key succession: a new key announced by the old one, a lost key distrusted.

`rotate-key` makes a new key and an announcement signed by the old key; the announcement travels
in every bundle after it (manifest "successions"), so a council that trusts the old key takes
the new one without registering the assembly again. When a key is lost it cannot vouch for a
successor: `rotate-key --lost` makes a new key alone, and councils distrust the old one
(`distrust-key`), after which every card it signed gets a clear verdict.
"""

import os
import re
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.trust import identity, keyfile, lineage
from kiosk.trust.cards import b64url, unb64url

MAX_SUCCESSIONS = 20


def rotate(db: Database, data_dir: str, lost: bool = False) -> dict:
    """Replace the assembly's key; unless it was lost, the old key announces the new one."""
    path = os.path.join(data_dir, keyfile.KEY_FILE)
    me = identity.assembly(db)
    if not lost and not os.path.exists(path):
        raise Refused(
            "There is no key in %(folder)s to announce a successor: restore it from a backup, "
            "or, if it is lost for good, run rotate-key --lost.",
            folder=data_dir,
        )
    old = None if lost else keyfile.startup_key(path, me["key_id"], me["fingerprint"])
    new = Ed25519PrivateKey.generate()
    new_raw = identity.public_raw(new)
    keyfile.write_key(f"{path}.new", new)
    with db.atomic():
        if old is not None:
            announced_at = int(time.time())
            record(
                db,
                me["key_id"],
                new_raw,
                announced_at,
                lineage.sign(old, me["key_id"], new_raw, announced_at),
            )
        else:
            distrust(db, me["key_id"], "reported lost by this assembly when it made a new key")
        identity.ensure_assembly(db, new, me["name"], me["area"])
    os.replace(f"{path}.new", path)
    return {"old": me["fingerprint"], "new": identity.assembly(db)["fingerprint"], "lost": lost}


def record(db: Database, old_kid: str, new_raw: bytes, announced_at: int, signature: str) -> None:
    """Keep a succession (made here, or received and checked), once."""
    db.table("key_successions").insert(
        {
            "old_key_id": old_kid,
            "new_key_id": identity.key_id(new_raw),
            "new_public_key": b64url(new_raw),
            "announced_at": announced_at,
            "signature": signature,
            "recorded_at": time.time(),
        },
        ignore=True,
    )


def announced(db: Database) -> list[dict]:
    """Return this assembly's own successions, oldest first, to send in its bundles."""
    return lineage.chain_to(db, identity.assembly(db)["key_id"])


def follow(db: Database, entries: object) -> list[tuple[str, str]]:
    """Take the successions a bundle carries, each signed by a key trusted here; return them.

    Called inside the import's transaction, so a refused bundle leaves nothing behind.
    """
    if not isinstance(entries, list):
        return []
    taken = []
    for entry in entries[:MAX_SUCCESSIONS]:
        if not isinstance(entry, dict):
            continue
        old_kid = str(entry.get("old_key_id", ""))
        old_raw = identity.trusted_keys(db).get(old_kid)
        if (
            old_raw is None
            or old_kid in lineage.distrusted(db)
            or not lineage.holds(old_raw, entry)
        ):
            continue
        new_raw = unb64url(entry["new_public_key"])
        known = identity.known_assembly(db, old_kid)
        record(db, old_kid, new_raw, int(entry["announced_at"]), str(entry["signature"]))
        identity.trust_key(db, new_raw, known["name"], known["area"], replacing=True)
        taken.append((old_kid, identity.key_id(new_raw)))
    return taken


def refuse_distrusted(db: Database, key_id: str) -> None:
    """Refuse anything signed by a key reported lost."""
    if key_id in lineage.distrusted(db):
        raise Refused(
            "This bundle is signed with a key that was reported lost and is distrusted here, "
            "so it proves nothing. Nothing changed."
        )


def key_id_from(text: str) -> str:
    """Read a key id (16 hex) or a fingerprint (40 hex, spaces allowed) as a key id."""
    raw = re.sub(r"[\s:-]", "", str(text or "")).lower()
    if not re.fullmatch(r"[0-9a-f]{16}|[0-9a-f]{40}", raw):
        raise Refused("Give the key's fingerprint (40 letters and digits) or its key id (16).")
    return raw[:16]  # a fingerprint begins with the key id: both are the key's sha256


def distrust(db: Database, key: str, reason: str = "") -> dict:
    """Distrust a key from now on: cards it signed get a clear verdict, its bundles are refused."""
    kid = key_id_from(key)
    known = identity.known_assembly(db, kid)
    with db.atomic():
        db.table("distrusted_keys").insert(
            {"key_id": kid, "reason": " ".join(reason.split())[:300], "distrusted_at": time.time()},
            ignore=True,
        )
    return {"key_id": kid, "name": known["name"] if known else None}
