"""Signed mandate cards and revocations: what a card's QR carries, and how a council checks it.

A card's QR holds ``AK1.<body>.<signature>``. The body is base64url (no padding) of compact JSON,
``[mandate_id, key_id, digest, expires_on, issued_at]``: the mandate's number at its assembly, the
assembly's key id (16 hex), the first 16 bytes of the sha256 of the mandate's text (base64url),
the last day it is in force (``YYYY-MM-DD``) or null, and when it was issued (unix seconds). An
array rather than an object keeps a typical card under 190 characters, so its QR stays easy to
read from a printed A6 card. The signature is Ed25519 over the ASCII of ``AK1.<body>``, so any
change to the printed characters breaks it. Everything here is pure: no Flask, no database.
"""

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk import dates
from kiosk.words import gettext

PREFIX = "AK1."
REVOCATION_PREFIX = "AK1-revoked"
MAX_PAYLOAD = 1000
DIGEST_BYTES = 16
MAX_INT = 2**53  # what every JSON reader holds exactly
STATUSES = (
    "valid",
    "expired",
    "revoked",
    "unknown_assembly",
    "tampered",
    "malformed",
    "distrusted",
)
_B64URL = re.compile(r"[A-Za-z0-9_-]*")
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")


class Malformed(ValueError):
    """A payload that is not a mandate card; the message completes "This is not a card: ..."."""


@dataclass(frozen=True)
class Verdict:
    """What checking a card found, in one plain sentence for a person at a council table."""

    status: str
    message: str
    mandate_id: int | None = None
    key_id: str | None = None
    expires_on: str | None = None
    issued_at: int | None = None

    def as_dict(self) -> dict:
        """Return the verdict as plain JSON-ready data."""
        return asdict(self)


@dataclass(frozen=True)
class Card:
    """A card's fields as read from its payload, before anything about it is trusted."""

    mandate_id: int
    key_id: str
    digest: bytes
    expires_on: str | None
    issued_at: int
    signed: bytes
    signature: bytes


def b64url(data: bytes) -> str:
    """Encode bytes as unpadded base64url text."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode unpadded base64url text, refusing any other spelling of the same bytes."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError("not base64url") from error
    if b64url(data) != text:  # unused trailing bits set: a second spelling of the same bytes
        raise ValueError("not canonical base64url")
    return data


def digest(text: str) -> str:
    """Return the sha256 hex digest of a mandate's canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_int(value: object, low: int = 0) -> bool:
    """Say whether value is a JSON integer (not a boolean) in [low, 2**53)."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value < MAX_INT


def _is_date(value: object) -> bool:
    """Say whether value is a real calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def sign_card(
    key: Ed25519PrivateKey,
    key_id: str,
    mandate_id: int,
    text_digest: str,
    expires_on: str | None,
    issued_at: int,
) -> str:
    """Return the compact signed payload a mandate card's QR code carries."""
    if not _is_int(mandate_id, 1) or not _is_int(issued_at) or not _KEY_ID.fullmatch(key_id):
        raise ValueError("mandate_id, issued_at or key_id is out of range")
    if expires_on is not None and not _is_date(expires_on):
        raise ValueError("expires_on must be a date written YYYY-MM-DD, or None")
    if not isinstance(text_digest, str) or not _SHA256_HEX.fullmatch(text_digest):
        raise ValueError("text_digest must be a sha256 hex digest")
    short = b64url(bytes.fromhex(text_digest)[:DIGEST_BYTES])
    fields = [mandate_id, key_id, short, expires_on, issued_at]
    body = b64url(json.dumps(fields, separators=(",", ":")).encode("ascii"))
    signed = PREFIX + body
    return f"{signed}.{b64url(key.sign(signed.encode('ascii')))}"


def _reject_constant(name: str) -> None:
    """Refuse NaN and Infinity, which JSON does not have."""
    raise ValueError(name)


def _fields(body: str) -> list:
    """Decode a card's body into its list of five fields."""
    try:
        text = unb64url(body).decode("utf-8")
        fields = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise Malformed("its contents cannot be read") from error
    if not isinstance(fields, list) or len(fields) != 5:
        raise Malformed("it does not hold the five fields a card holds")
    return fields


def parse_card(payload: object) -> Card:
    """Read a card's fields from its payload, or raise Malformed saying why not."""
    if not isinstance(payload, str):
        raise Malformed("it is not text")
    if not payload.strip():
        raise Malformed("it is empty")
    if len(payload) > MAX_PAYLOAD:
        raise Malformed("it is far too long")
    payload = payload.strip()
    if not payload.startswith(PREFIX):
        raise Malformed("it does not start with AK1 and a dot")
    parts = payload[len(PREFIX) :].split(".")
    if len(parts) != 2:
        raise Malformed("it should have a body and a signature, separated by a dot")
    mandate_id, key_id, short, expires_on, issued_at = _fields(parts[0])
    try:
        digest_bytes, signature = unb64url(short), unb64url(parts[1])
    except (TypeError, ValueError) as error:
        raise Malformed("its digest or signature cannot be read") from error
    if not (_is_int(mandate_id, 1) and _is_int(issued_at) and isinstance(key_id, str)):
        raise Malformed("its mandate number, key or date of issue is wrong")
    if not _KEY_ID.fullmatch(key_id) or len(digest_bytes) != DIGEST_BYTES:
        raise Malformed("its key or digest is the wrong size")
    if expires_on is not None and not _is_date(expires_on):
        raise Malformed("its expiry is not a date")
    signed = (PREFIX + parts[0]).encode("ascii")
    return Card(mandate_id, key_id, digest_bytes, expires_on, issued_at, signed, signature)


def key_id_of(public_raw: bytes) -> str:
    """Return a public key's short stable id: the first 16 hex characters of its sha256."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def _public_key(raw: object, expected_id: str) -> Ed25519PublicKey | None:
    """Load a raw Ed25519 public key that really has the expected id, or return None."""
    if not isinstance(raw, bytes) or key_id_of(raw) != expected_id:
        return None
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return None


def _signature_holds(public: Ed25519PublicKey, signature: bytes, signed: bytes) -> bool:
    """Say whether signature is public's signature over signed."""
    try:
        public.verify(signature, signed)
    except InvalidSignature:
        return False
    return True


def _digest_matches(full: str, short: bytes) -> bool:
    """Say whether the card's digest prefix is the start of the full digest held here."""
    try:
        return bytes.fromhex(full)[:DIGEST_BYTES] == short
    except (TypeError, ValueError):
        return False


def verify_card(
    payload: object,
    known_keys: dict[str, bytes],
    revoked: set[tuple[str, int]],
    today: date,
    digest_of: Callable[[str, int], str | None] | None = None,
) -> Verdict:
    """Check a card's payload offline and say, in plain words, whether it carries a mandate."""
    try:
        card = parse_card(payload)
    except Malformed as error:
        return Verdict(
            "malformed", gettext("This is not a mandate card: %(reason)s.", reason=error)
        )
    seen = {
        "mandate_id": card.mandate_id,
        "key_id": card.key_id,
        "expires_on": card.expires_on,
        "issued_at": card.issued_at,
    }
    public = _public_key(known_keys.get(card.key_id), card.key_id)
    if public is None:
        return Verdict(
            "unknown_assembly",
            gettext(
                "This card comes from an assembly this kiosk does not know yet; "
                "import that assembly's bundle, then check again."
            ),
            **seen,
        )
    if not _signature_holds(public, card.signature, card.signed):
        return Verdict(
            "tampered",
            gettext("This card has been altered or forged: its signature does not match."),
            **seen,
        )
    full = digest_of(card.key_id, card.mandate_id) if digest_of else None
    if full is not None and not _digest_matches(full, card.digest):
        return Verdict(
            "tampered",
            gettext("This card's mandate text does not match the text its assembly recorded."),
            **seen,
        )
    if (card.key_id, card.mandate_id) in revoked:
        return Verdict(
            "revoked",
            gettext(
                "This mandate has been recalled by its assembly; the card no longer carries it."
            ),
            **seen,
        )
    if card.expires_on is not None and date.fromisoformat(card.expires_on) < today:
        return Verdict(
            "expired",
            gettext(
                "This card is genuine, but its mandate ended on %(day)s.",
                day=dates.day(card.expires_on),
            ),
            **seen,
        )
    said = (
        gettext(
            "This card is genuine and its mandate is in force until %(day)s.",
            day=dates.day(card.expires_on),
        )
        if card.expires_on
        else gettext(
            "This card is genuine and its mandate is in force with no end date on the card."
        )
    )
    return Verdict("valid", said, **seen)


def _revocation_text(key_id: str, mandate_id: int, revoked_at: int) -> bytes:
    """Return the exact bytes a revocation's signature covers."""
    return f"{REVOCATION_PREFIX}.{key_id}.{mandate_id}.{revoked_at}".encode("ascii")


def _whole(value: object) -> int | None:
    """Return a whole number of seconds (SQLite REAL gives 5.0 for 5), or None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if _is_int(value) else None


def sign_revocation(key: Ed25519PrivateKey, key_id: str, mandate_id: int, revoked_at: int) -> str:
    """Sign the statement that this assembly revoked a mandate at revoked_at (unix seconds)."""
    seconds = _whole(revoked_at)
    if not _KEY_ID.fullmatch(key_id) or not _is_int(mandate_id, 1) or seconds is None:
        raise ValueError("key_id, mandate_id or revoked_at is out of range")
    return b64url(key.sign(_revocation_text(key_id, mandate_id, seconds)))


def verify_revocation(
    public_raw: bytes, key_id: str, mandate_id: int, revoked_at: int, signature: str
) -> bool:
    """Say whether signature is the assembly's own revocation of that mandate at that time."""
    public, seconds = _public_key(public_raw, key_id), _whole(revoked_at)
    if public is None or seconds is None or not isinstance(signature, str):
        return False
    if not _is_int(mandate_id, 1):
        return False
    try:
        raw_signature = unb64url(signature)
    except ValueError:
        return False
    return _signature_holds(public, raw_signature, _revocation_text(key_id, mandate_id, seconds))
