"""Signed bundles: how an assembly's minutes, mandates and revocations travel to councils.

A bundle is one zip holding `manifest.json` (format, the assembly's identity and public key, the
meeting, and the sha256 and size of every other file), `manifest.sig` (a detached Ed25519
signature of the manifest's exact bytes, base64url), `minutes.json`, `minutes.pdf`,
`mandates.pdf` and `revocations.json`; a council's agenda travels in a bundle of kind "agenda"
holding `agenda.json` instead. Reading one never trusts it before every check passes.

Format 2 added the agenda bundle and the loop's sections of the minutes (proposals up, mandates
bound to item ids, outcomes by item); format 1 bundles are read as before.
"""

import functools
import hashlib
import io
import json
import os
import time
import zipfile
from datetime import UTC, datetime

from sqlite_utils import Database

from kiosk import dates
from kiosk.errors import Refused
from kiosk.trust import cards, identity
from kiosk.words import N_

FORMAT = "assembly-kiosk/bundle"
FORMAT_VERSION = 2
FILES = ("minutes.json", "minutes.pdf", "mandates.pdf", "revocations.json", "agenda.json")
MAX_BUNDLE = 50 * 1024 * 1024  # far above any real meeting; refuses a 2 GB file unread
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # a member that inflates more than this is a zip bomb, not a PDF
UNKNOWN_COUNCIL = N_(
    "This bundle is signed by a council this kiosk does not know (“%(name)s”, fingerprint "
    "%(fingerprint)s). Check the fingerprint with them, then import it again with “Trust this "
    "sender's key” ticked (from a terminal: import-bundle --trust)."
)
UNKNOWN_ASSEMBLY = N_(
    "This bundle is signed by an assembly this kiosk does not know (“%(name)s”, fingerprint "
    "%(fingerprint)s). Check the fingerprint with them, then import it again with “Trust this "
    "sender's key” ticked (from a terminal: import-bundle --trust)."
)
SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "minutes.schema.json")


def _sha256(data: bytes) -> str:
    """Return the hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def pack(
    me: dict,
    key,
    meeting: dict,
    files: dict[str, bytes],
    kind: str = "assembly",
    successions: list[dict] | None = None,
) -> bytes:
    """Write the bundle zip: the files, their manifest, and the manifest's signature.

    successions: the assembly's key successions (oldest first), so a receiver who trusts an
    older key of this assembly takes the key that signed this bundle (kiosk.trust.succession).
    """
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "assembly": {k: me[k] for k in ("name", "area", "key_id", "public_key")},
        "meeting": {k: meeting[k] for k in ("id", "code", "date")},
        "files": {
            name: {"sha256": _sha256(data), "bytes": len(data)} for name, data in files.items()
        },
    }
    if successions:
        manifest["successions"] = successions
    body = json.dumps(manifest, indent=1, sort_keys=True).encode()
    signature = cards.b64url(key.sign(body)).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("manifest.json", body)
        bundle.writestr("manifest.sig", signature)
        for name, data in files.items():
            bundle.writestr(name, data)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    """Open the zip and read its members, refusing truncation, odd paths and zip bombs."""
    if len(data) > MAX_BUNDLE:
        raise Refused(
            "That file is %(size)s bytes: far too big to be a bundle.", size=dates.number(len(data))
        )
    try:
        bundle = zipfile.ZipFile(io.BytesIO(data))
        infos = bundle.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(
            "That is not a complete bundle: the file may have been cut short "
            "or is not a bundle at all."
        ) from error
    allowed = {"manifest.json", "manifest.sig", *FILES}
    total = 0
    for info in infos:
        if info.filename not in allowed:
            raise Refused(
                "The bundle holds “%(name)s”, which no bundle should "
                "(a path outside the bundle, or an unexpected file); nothing was read.",
                name=info.filename[:80],
            )
        total += info.file_size
        if total > MAX_UNPACKED or info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(
                "The bundle would unpack to far more than it holds (a zip bomb); nothing was read."
            )
    try:
        return {info.filename: bundle.read(info) for info in infos}
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise Refused("The bundle is damaged: a file inside it does not read back.") from error


def _manifest(members: dict[str, bytes]) -> dict:
    """Read the manifest, refusing a missing one or one from a newer kiosk."""
    if "manifest.json" not in members or "manifest.sig" not in members:
        raise Refused("The bundle has no signed manifest, so it cannot be trusted.")
    try:
        manifest = json.loads(members["manifest.json"])
    except ValueError as error:
        raise Refused("The bundle's manifest is not readable.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Refused("That file is not an Assembly Kiosk bundle.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise Refused(
            "This bundle was made by a newer Assembly Kiosk (format %(found)s); "
            "this kiosk reads format %(known)s. Update it, then import again.",
            found=version,
            known=FORMAT_VERSION,
        )
    return manifest


def _check_signature(manifest: dict, members: dict) -> tuple[dict, bytes]:
    """Check the manifest's key matches its id and signed the manifest; return signer and key."""
    sender = manifest.get("assembly")
    if not isinstance(sender, dict):
        raise Refused("The bundle does not say who sent it.")
    try:
        raw = cards.unb64url(str(sender.get("public_key", "")))
    except (ValueError, TypeError) as error:
        raise Refused("The bundle's public key is not readable.") from error
    if len(raw) != 32 or identity.key_id(raw) != sender.get("key_id"):
        raise Refused("The bundle's key does not match the key id it claims.")
    if not _signature_holds(raw, members["manifest.sig"], members["manifest.json"]):
        raise Refused("The bundle's signature does not match: it was changed after signing.")
    return sender, raw


def trust(db: Database, found: dict, trust_new: bool) -> None:
    """Refuse a bundle from a sender this kiosk does not know, unless asked to pin its key."""
    sender = found["sender"]
    if sender["key_id"] in identity.trusted_keys(db):
        return
    if not trust_new:
        unknown = UNKNOWN_COUNCIL if found.get("kind") == "council" else UNKNOWN_ASSEMBLY
        raise Refused(
            unknown,
            name=sender.get("name", "?"),
            fingerprint=identity.fingerprint(found["raw"]),
        )
    identity.trust_key(db, found["raw"], str(sender.get("name", "")), str(sender.get("area", "")))


def _signature_holds(raw: bytes, signature: bytes, body: bytes) -> bool:
    """Return whether an Ed25519 signature of body by the raw public key holds."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(cards.unb64url(signature.decode()), body)
    except (InvalidSignature, ValueError, UnicodeDecodeError):
        return False
    return True


def _check_files(manifest: dict, members: dict) -> None:
    """Check every file is listed, present and exactly what was signed."""
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(members) - {
        "manifest.json",
        "manifest.sig",
    }:
        raise Refused("The bundle's files do not match its manifest.")
    for name, entry in listed.items():
        if not isinstance(entry, dict) or _sha256(members[name]) != entry.get("sha256"):
            raise Refused(
                "%(name)s in the bundle is not what was signed: it was changed.", name=name
            )


def verify(data: bytes) -> dict:
    """Check a bundle is whole and signed by the key it names; return what it holds.

    Whether that key belongs to an assembly this kiosk trusts is for the caller (see trust).
    """
    members = _members(data)
    manifest = _manifest(members)
    sender, raw = _check_signature(manifest, members)
    _check_files(manifest, members)
    kind = str(manifest.get("kind", "assembly"))
    if kind == "agenda":
        return _agenda(manifest, members, sender, raw)
    if "minutes.json" not in members:
        raise Refused("The bundle holds no minutes (minutes.json), so there is nothing to import.")
    try:
        minutes = json.loads(members["minutes.json"])
        revocations = json.loads(members.get("revocations.json", b"[]"))
    except (KeyError, ValueError) as error:
        raise Refused("The bundle's minutes are not readable.") from error
    check_minutes(minutes)
    return {
        "manifest": manifest,
        "sender": sender,
        "raw": raw,
        "kind": kind,
        "minutes": minutes,
        "revocations": revocations if isinstance(revocations, list) else [],
        "sha256": _sha256(members["manifest.json"]),
    }


def _agenda(manifest: dict, members: dict, sender: dict, raw: bytes) -> dict:
    """Return what a council's agenda bundle holds: its agenda, and no minutes."""
    try:
        agenda = json.loads(members["agenda.json"])
    except (KeyError, ValueError) as error:
        raise Refused("The bundle's agenda is not readable.") from error
    if not isinstance(agenda, dict) or agenda.get("schema") != "assembly-kiosk/agenda":
        raise Refused("The bundle's agenda is not readable.")
    return {
        "manifest": manifest,
        "sender": sender,
        "raw": raw,
        "kind": "agenda",
        "minutes": {},
        "agenda": agenda,
        "revocations": [],
        "sha256": _sha256(members["manifest.json"]),
    }


def check_minutes(minutes: object) -> None:
    """Refuse minutes that do not follow the published format (docs/minutes.schema.json)."""
    errors = sorted(_minutes_format().iter_errors(minutes), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "the top level"
        raise Refused(
            "The bundle's minutes do not follow the minutes format (at %(where)s: "
            "%(reason)s). Nothing changed.",
            where=where,
            reason=errors[0].message[:200],
        )


@functools.cache
def _minutes_format():
    """Load the minutes' JSON Schema once, as a validator."""
    import jsonschema

    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    return jsonschema.Draft202012Validator(schema)


def already(db: Database, found: dict) -> bool:
    """Say whether this very bundle has been imported before."""
    sql = "SELECT 1 FROM bundles WHERE manifest_sha256 = ?"
    return bool(list(db.query(sql, [found["sha256"]])))


def store(db: Database, found: dict) -> int:
    """Apply a verified bundle's revocations and keep its minutes; return revocations applied.

    The caller holds the transaction, so whatever else the import does commits with this.
    """
    applied = 0
    for entry in found["revocations"]:
        try:
            ok = identity.accept_revocation(
                db,
                str(entry["key_id"]),
                int(entry["mandate_id"]),
                entry["revoked_at"],
                str(entry["signature"]),
            )
        except (KeyError, TypeError, ValueError):
            ok = False
        applied += int(ok)
    meeting = found["manifest"].get("meeting")
    meeting = meeting if isinstance(meeting, dict) else {}
    try:
        meeting_id = int(meeting.get("id", 0))
    except (TypeError, ValueError):
        meeting_id = 0
    db.table("bundles").insert(
        {
            "manifest_sha256": found["sha256"],
            "key_id": found["sender"]["key_id"],
            "assembly_name": str(found["sender"].get("name", "")),
            "meeting_id": meeting_id,
            "meeting_date": str(meeting.get("date", "")),
            "kind": found["kind"],
            "format_version": found["manifest"]["format_version"],
            "minutes": json.dumps(found.get("agenda") or found["minutes"]),
            "imported_at": time.time(),
        }
    )
    return applied


def imported(db: Database, limit: int = 50) -> list[dict]:
    """List the bundles imported so far, newest first."""
    return list(
        db.query(
            """SELECT assembly_name, meeting_date, kind, imported_at FROM bundles
           ORDER BY imported_at DESC LIMIT ?""",
            [limit],
        )
    )
