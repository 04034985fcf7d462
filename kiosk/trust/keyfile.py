"""The assembly's signing key on disk: read, written privately, and checked at start-up.

The key is the assembly's identity: every card and bundle it signed, and every council that
registered its fingerprint, depend on it. So a missing, damaged or foreign key file stops the
start with a sentence saying how to restore it; a new key comes only from `rotate-key`.
"""

import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.errors import Refused
from kiosk.trust.cards import key_id_of

KEY_FILE = "assembly_key.pem"


def read_key(path: str) -> Ed25519PrivateKey:
    """Read an Ed25519 private key from a PEM file; ValueError if it is not one."""
    with open(path, "rb") as f:
        return parse_key(f.read())


def parse_key(data: bytes) -> Ed25519PrivateKey:
    """Read an Ed25519 private key from PEM bytes; ValueError if they are not one."""
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the key is not Ed25519")
    return key


def pem(key: Ed25519PrivateKey) -> bytes:
    """Return the private key as unencrypted PKCS#8 PEM."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def write_key(path: str, key: Ed25519PrivateKey) -> None:
    """Save a key readable by this user only, replacing any file at path in one step."""
    part = f"{path}.part"
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem(key))
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, path)


def load_or_create_key(path: str) -> Ed25519PrivateKey:
    """Return the signing key stored at path, making and saving one (mode 0600) on first run."""
    if os.path.exists(path):
        return read_key(path)
    key = Ed25519PrivateKey.generate()
    write_key(path, key)
    return key


def public_id(key: Ed25519PrivateKey) -> str:
    """Return the key id of a private key's public half."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key_id_of(raw)


def startup_key(path: str, expected: str | None, fingerprint: str) -> Ed25519PrivateKey:
    """Load the key at start-up: the one the record expects (by key id), or a first one."""
    folder = os.path.dirname(path)
    restore = f"python app.py restore FILE --data-dir {folder}"
    if expected and not os.path.exists(path):
        raise Refused(
            "The assembly's signing key (%(file)s, fingerprint %(fingerprint)s) "
            "is missing from %(folder)s, which holds its record: restore it from a backup "
            "(%(restore)s); if it is lost for good, make a successor with python app.py "
            "rotate-key --lost --data-dir %(folder)s (councils then register the assembly again).",
            file=os.path.basename(path),
            fingerprint=fingerprint,
            folder=folder,
            restore=restore,
        )
    try:
        key = load_or_create_key(path)
    except ValueError as error:
        raise Refused(
            "%(file)s is damaged or is not an assembly's key: restore it from a backup "
            "(%(restore)s).",
            file=path,
            restore=restore,
        ) from error
    if expected and public_id(key) != expected:
        raise Refused(
            "%(file)s is not this assembly's key (its record expects fingerprint "
            "%(fingerprint)s): put the right one back from a backup (%(restore)s).",
            file=path,
            fingerprint=fingerprint,
            restore=restore,
        )
    return key
