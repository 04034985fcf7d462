"""Which keys succeed which, and which are no longer trusted: read by every check of a card.

A succession is an announcement, signed by an assembly's old key, that a new key speaks for it
from now on: ``AK1-successor.<old key id>.<new public key, base64url>.<unix seconds>``. A key
reported lost is distrusted: nothing it signed proves anything here any more.
"""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlite_utils import Database

from kiosk.trust.cards import b64url, key_id_of, unb64url

PREFIX = "AK1-successor"


def announcement(old_key_id: str, new_public: bytes, announced_at: int) -> bytes:
    """Return the exact bytes a succession's signature covers."""
    return f"{PREFIX}.{old_key_id}.{b64url(new_public)}.{announced_at}".encode("ascii")


def sign(old: Ed25519PrivateKey, old_key_id: str, new_public: bytes, announced_at: int) -> str:
    """Sign, with the old key, the announcement that new_public succeeds it."""
    return b64url(old.sign(announcement(old_key_id, new_public, announced_at)))


def holds(old_public: bytes, entry: dict) -> bool:
    """Say whether a succession entry is whole and signed by the old key it names."""
    try:
        new_public = unb64url(str(entry["new_public_key"]))
        text = announcement(str(entry["old_key_id"]), new_public, int(entry["announced_at"]))
        signature = unb64url(str(entry["signature"]))
        if key_id_of(old_public) != entry["old_key_id"] or len(new_public) != 32:
            return False
        if key_id_of(new_public) != entry["new_key_id"]:
            return False
        Ed25519PublicKey.from_public_bytes(old_public).verify(signature, text)
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return False
    return True


def successors(db: Database) -> dict[str, str]:
    """Return every recorded succession: old key id to new key id."""
    rows = db.execute("SELECT old_key_id, new_key_id FROM key_successions").fetchall()
    return dict(rows)


def distrusted(db: Database) -> dict[str, float]:
    """Return the keys reported lost, by key id, with when they were distrusted."""
    return dict(db.execute("SELECT key_id, distrusted_at FROM distrusted_keys").fetchall())


def chain_to(db: Database, key_id: str) -> list[dict]:
    """Return the successions that lead to a key, oldest first (a rotated assembly's lineage)."""
    rows = {r["new_key_id"]: r for r in db.query("SELECT * FROM key_successions")}
    chain: list[dict] = []
    while key_id in rows and len(chain) < len(rows):
        row = rows[key_id]
        chain.insert(0, {k: row[k] for k in FIELDS})
        key_id = row["old_key_id"]
    return chain


FIELDS = ("old_key_id", "new_key_id", "new_public_key", "announced_at", "signature")
