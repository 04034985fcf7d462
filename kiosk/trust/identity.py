"""The assembly's identity: its signing key, name and area, and the keys and recalls it trusts.

Each kiosk signs with its own Ed25519 key, made on first run and kept in the data folder. The
public half goes into ``known_keys`` beside the keys of other assemblies imported from bundles;
cards are checked against those keys and the signed revocations this kiosk has received.
"""

import hashlib
import os
import time
from datetime import date

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from kiosk import dates
from kiosk.db import connect
from kiosk.errors import Refused
from kiosk.trust import lineage
from kiosk.trust.cards import (
    Verdict,
    b64url,
    key_id_of,
    sign_revocation,
    unb64url,
    verify_card,
    verify_revocation,
)
from kiosk.trust.keyfile import KEY_FILE, load_or_create_key, startup_key  # noqa: F401
from kiosk.words import N_

DEFAULT_NAME = "Neighbourhood assembly"
MAX_NAME = 80
MAX_AREA = 120
COUNCIL_LEVELS = ("district", "county", "themed")


def public_raw(key: Ed25519PrivateKey) -> bytes:
    """Return the 32 raw bytes of the key's public half."""
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    """Return a public key's short stable id: the first 16 hex characters of its sha256."""
    return key_id_of(public_raw)


def fingerprint(public_raw: bytes) -> str:
    """Return a fingerprint people can compare by eye: 10 groups of 4 upper-case hex."""
    head = hashlib.sha256(public_raw).hexdigest()[:40].upper()
    return " ".join(head[i : i + 4] for i in range(0, 40, 4))


def clean_names(name: str, area: str) -> tuple[str, str]:
    """Tidy the whitespace of a name and area, refusing an empty or overlong one."""
    name = " ".join(str(name or "").split())
    area = " ".join(str(area or "").split())
    if not name:
        raise Refused("Give the assembly a name.")
    if len(name) > MAX_NAME:
        raise Refused("Keep the assembly's name to %(most)s characters or fewer.", most=MAX_NAME)
    if len(area) > MAX_AREA:
        raise Refused("Keep the area to %(most)s characters or fewer.", most=MAX_AREA)
    return name, area


def _row(db: Database) -> dict | None:
    """Return the assembly row, or None before the kiosk has set itself up."""
    rows = list(db.query("SELECT * FROM assembly WHERE id = 1"))
    return rows[0] if rows else None


def _remember_key(db: Database, raw: bytes, name: str, area: str) -> str:
    """Trust a public key under an assembly's name, keeping when it was first added."""
    kid = key_id(raw)
    db.execute(
        """INSERT INTO known_keys (key_id, assembly_name, area, public_key, added_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (key_id) DO UPDATE
           SET assembly_name = excluded.assembly_name, area = excluded.area""",
        [kid, name, area, b64url(raw), time.time()],
    )
    return kid


def ensure_assembly(db: Database, key: Ed25519PrivateKey, name: str, area: str) -> dict:
    """Create or update this kiosk's assembly and trust its own public key."""
    name, area = clean_names(name, area)
    with db.atomic():
        kid = _remember_key(db, public_raw(key), name, area)
        db.execute(
            """INSERT INTO assembly (id, name, area, key_id, created_at) VALUES (1, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE
               SET name = excluded.name, area = excluded.area, key_id = excluded.key_id""",
            [name, area, kid, time.time()],
        )
        _retitle_running(db, name)
    return assembly(db)


def meeting_title(name: str, council: bool) -> str:
    """Title a meeting after its assembly or council, or generically while it has no name."""
    if name and name != DEFAULT_NAME:
        return name
    return "Council meeting" if council else DEFAULT_NAME


def _retitle_running(db: Database, name: str, old: str = "") -> None:
    """Give the running meeting the new name, unless it was given a title of its own."""
    council = is_council(db)
    plain = {DEFAULT_NAME, "Council meeting", old} - {""}
    marks = ", ".join("?" for _ in plain)
    db.execute(
        f"UPDATE meetings SET title = ? WHERE ended_at IS NULL AND title IN ({marks})",
        [meeting_title(name, council), *sorted(plain)],
    )


def assembly(db: Database) -> dict:
    """Return this kiosk's assembly with its public key and fingerprint."""
    row = _row(db)
    if row is None:
        raise Refused("This kiosk has not set up its assembly yet.", 409)
    raw = trusted_keys(db)[row["key_id"]]
    return {**row, "public_key": b64url(raw), "fingerprint": fingerprint(raw)}


def become(db: Database, kind: str, level: str = "", theme: str = "") -> dict:
    """Make this kiosk an assembly or a council (of a level, and a theme for a themed one).

    A data folder that has held a meeting keeps what it is: a council's record and an
    assembly's must never mix, so each runs from its own folder.
    """
    row = assembly(db)
    level, theme = (level or "").strip().lower(), " ".join((theme or "").split()).lower()[:40]
    if kind == "assembly":
        level = theme = ""
    elif level not in COUNCIL_LEVELS:
        raise Refused("A council is district, county or themed.")
    elif level == "themed" and not theme:
        raise Refused("A themed council needs its theme, such as health or housing.")
    if (row["kind"], row["level"], row["theme"]) == (kind, level, theme):
        return row
    used = db.execute("SELECT (SELECT COUNT(*) FROM attendees) + (SELECT COUNT(*) FROM mandates)")
    if row["kind"] != kind and used.fetchone()[0]:
        raise Refused(
            N_(
                "This data folder holds an assembly's record; start the council with a data "
                "folder of its own (--data-dir)."
            )
            if row["kind"] == "assembly"
            else N_(
                "This data folder holds a council's record; start the assembly with a data "
                "folder of its own (--data-dir)."
            )
        )
    with db.atomic():
        db.table("assembly").update(1, {"kind": kind, "level": level, "theme": theme})
        db.execute(
            """UPDATE meetings SET council = ?, title = ? WHERE ended_at IS NULL""",
            [kind == "council", meeting_title(row["name"], kind == "council")],
        )
    return assembly(db)


def is_council(db: Database) -> bool:
    """Say whether this kiosk runs a council rather than an assembly."""
    return bool(db.execute("SELECT COUNT(*) FROM assembly WHERE kind = 'council'").fetchone()[0])


def rename_assembly(db: Database, name: str, area: str) -> dict:
    """Let the facilitator change the assembly's name and area."""
    name, area = clean_names(name, area)
    row = assembly(db)
    with db.atomic():
        db.table("assembly").update(1, {"name": name, "area": area})
        db.table("known_keys").update(row["key_id"], {"assembly_name": name, "area": area})
        _retitle_running(db, name, row["name"])
    return assembly(db)


def trust_key(db: Database, raw: bytes, name: str, area: str = "", replacing=False) -> str:
    """Trust another assembly's public key (from an imported bundle); return its key id.

    A second key under a name already trusted is refused unless the caller says it replaces
    the first (a council registering a member again): it is how an impostor would arrive.
    """
    name, area = clean_names(name, area)
    if len(raw) != 32:
        raise Refused("That is not an assembly's public key.")
    other = None if replacing else _other_key_named(db, name, key_id(raw))
    if other is not None:
        raise Refused(
            "This kiosk already trusts another key for “%(name)s” (fingerprint %(other)s). "
            "If that assembly has really lost its key, distrust the old one first "
            "(python app.py distrust-key %(key)s) and import again; if this "
            "is a different assembly, ask it to choose a name of its own. Nothing changed.",
            name=name,
            other=other,
            key=other.replace(" ", ""),
        )
    with db.atomic():
        return _remember_key(db, raw, name, area)


def _other_key_named(db: Database, name: str, kid: str) -> str | None:
    """Return the fingerprint of another trusted, not distrusted key under this name, if any.

    The name every kiosk starts with is no one's in particular, so it raises no flag.
    """
    if name.casefold() == DEFAULT_NAME.casefold():
        return None
    rows = db.query(
        """SELECT public_key FROM known_keys WHERE assembly_name = ? COLLATE NOCASE
           AND key_id != ? AND key_id NOT IN (SELECT key_id FROM distrusted_keys)""",
        [name, kid],
    )
    for row in rows:
        return fingerprint(unb64url(row["public_key"]))
    return None


def trusted_keys(db: Database) -> dict[str, bytes]:
    """Return every public key this kiosk trusts, by key id."""
    keys = {}
    for row in db.query("SELECT key_id, public_key FROM known_keys"):
        try:
            keys[row["key_id"]] = unb64url(row["public_key"])
        except ValueError:
            continue  # an unreadable row verifies nothing
    return keys


def known_assembly(db: Database, kid: str) -> dict | None:
    """Return the name, area and fingerprint of the assembly behind a key id, if known."""
    rows = list(db.query("SELECT * FROM known_keys WHERE key_id = ?", [kid]))
    raw = trusted_keys(db).get(kid)
    if not rows or raw is None:
        return None
    own = _row(db)
    return {
        "key_id": kid,
        "name": rows[0]["assembly_name"],
        "area": rows[0]["area"],
        "fingerprint": fingerprint(raw),
        "ours": own is not None and own["key_id"] == kid,
    }


def record_revocation(
    db: Database, key: Ed25519PrivateKey, mandate_id: int, revoked_at: int
) -> dict:
    """Sign and store this assembly's revocation of one of its mandates (idempotent)."""
    kid = key_id(public_raw(key))
    row = {
        "key_id": kid,
        "mandate_id": mandate_id,
        "revoked_at": revoked_at,
        "signature": sign_revocation(key, kid, mandate_id, revoked_at),
    }
    db.table("revocations").insert(row, ignore=True)
    return db.table("revocations").get((kid, mandate_id))


def accept_revocation(
    db: Database, kid: str, mandate_id: int, revoked_at: int, signature: str
) -> bool:
    """Store a revocation received from elsewhere if a trusted key signed it; say if it did."""
    raw = trusted_keys(db).get(kid)
    if raw is None or not verify_revocation(raw, kid, mandate_id, revoked_at, signature):
        return False
    row = {"key_id": kid, "mandate_id": mandate_id, "revoked_at": revoked_at}
    db.table("revocations").insert({**row, "signature": signature}, ignore=True)
    return True


def revoked_mandates(db: Database) -> set[tuple[str, int]]:
    """Return (key id, mandate id) for every revocation whose signature holds.

    A revocation signed by a key's successor covers the cards its predecessor signed.
    """
    revoked = _signed_revocations(db)
    successors = lineage.successors(db)
    for _ in range(len(successors)):  # along a chain of rotations, one step each pass
        revoked |= {(old, m) for old, new in successors.items() for k, m in revoked if k == new}
    return revoked


def _signed_revocations(db: Database) -> set[tuple[str, int]]:
    """Return (key id, mandate id) for every revocation signed by the key it names."""
    keys = trusted_keys(db)
    return {
        (row["key_id"], row["mandate_id"])
        for row in db.query("SELECT * FROM revocations")
        if verify_revocation(
            keys.get(row["key_id"], b""),
            row["key_id"],
            row["mandate_id"],
            row["revoked_at"],
            row["signature"],
        )
    }


def _own_digest(db: Database, kid: str, mandate_id: int) -> str | None:
    """Return the text digest this kiosk recorded for one of its own mandates, if any."""
    own = _row(db)
    if own is None:
        return None
    ours = {own["key_id"], *(s["old_key_id"] for s in lineage.chain_to(db, own["key_id"]))}
    if kid not in ours:
        return None
    rows = list(db.query("SELECT text_digest FROM mandates WHERE id = ?", [mandate_id]))
    return rows[0]["text_digest"] if rows else None


def check_card(db: Database, payload: object, today: date | None = None) -> Verdict:
    """Check a card against the keys, revocations and mandate texts this kiosk holds."""
    verdict = verify_card(
        payload,
        trusted_keys(db),
        revoked_mandates(db),
        today or date.today(),
        lambda kid, mandate_id: _own_digest(db, kid, mandate_id),
    )
    lost = lineage.distrusted(db).get(verdict.key_id or "")
    if lost is None or verdict.status == "malformed":
        return verdict
    return Verdict(
        "distrusted",
        f"This card was signed with a key its assembly reported lost (distrusted here on "
        f"{dates.day(lost)}): it proves nothing now. "
        "Ask for a card signed with the assembly's new key.",
        **{k: getattr(verdict, k) for k in ("mandate_id", "key_id", "expires_on", "issued_at")},
    )


def _startup_names(db: Database, config: dict) -> tuple[str, str]:
    """Prefer a name or area set in config; otherwise keep what the facilitator last chose."""
    name, area = config["ASSEMBLY_NAME"], config["ASSEMBLY_AREA"]
    stored = _row(db)
    if stored is None:
        return name, area
    return (stored["name"] if name == DEFAULT_NAME else name), (area or stored["area"])


def start(config: dict) -> Ed25519PrivateKey:
    """Load (or on first run make) the assembly's key and record the assembly in the database."""
    db = connect(config["DATABASE"])
    try:
        row = _row(db)
        expected = row["key_id"] if row else None
        raw = trusted_keys(db).get(expected or "")
        key = startup_key(
            os.path.join(config["DATA_DIR"], KEY_FILE), expected, fingerprint(raw) if raw else "?"
        )
        ensure_assembly(db, key, *_startup_names(db, config))
        if config["COUNCIL"]:
            become(db, "council", config["COUNCIL"], config["COUNCIL_THEME"])
    finally:
        db.conn.close()
    return key
