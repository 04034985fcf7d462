"""The assembly's identity: one key kept across restarts, a stable fingerprint, names, recalls."""

import os
import re
import stat
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import create_app
from kiosk.db import connect
from kiosk.errors import Refused
from kiosk.trust import cards, identity

ISSUED = 1_767_225_600


def make_app(data_dir, **settings):
    """Start the kiosk on a data folder, as a restart would."""
    return create_app(
        {"TESTING": True, "DATA_DIR": str(data_dir), "PUBLIC_URL": "http://k.test", **settings}
    )


def stored_assembly(app) -> dict:
    """Read the assembly as the app's database file holds it."""
    db = connect(app.config["DATABASE"])
    try:
        return identity.assembly(db)
    finally:
        db.conn.close()


@pytest.fixture
def ours(db, key):
    """Set the in-memory database up as an assembly's kiosk."""
    return identity.ensure_assembly(db, key, "Leith assembly", "Leith, Edinburgh")


def test_the_key_is_made_once_and_kept_private(tmp_path):
    path = str(tmp_path / "assembly_key.pem")
    first = identity.load_or_create_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert (tmp_path / "assembly_key.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    again = identity.load_or_create_key(path)
    assert identity.public_raw(again) == identity.public_raw(first)
    assert len(identity.public_raw(first)) == 32


def test_a_key_file_that_is_not_a_key_is_refused_not_replaced(tmp_path):
    path = tmp_path / "assembly_key.pem"
    path.write_text("not a key\n")
    with pytest.raises(ValueError):
        identity.load_or_create_key(str(path))
    assert path.read_text() == "not a key\n"


def test_key_id_and_fingerprint_are_stable_and_readable(key):
    raw = identity.public_raw(key)
    assert identity.key_id(raw) == identity.key_id(raw)
    assert re.fullmatch(r"[0-9a-f]{16}", identity.key_id(raw))
    fingerprint = identity.fingerprint(raw)
    assert re.fullmatch(r"([0-9A-F]{4} ){9}[0-9A-F]{4}", fingerprint)
    assert fingerprint.replace(" ", "").lower().startswith(identity.key_id(raw))
    # sha256 of 32 zero bytes begins 66687aadf862bd776c8fc18b8e9f8e2008971485.
    assert identity.fingerprint(bytes(32)) == "6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20 0897 1485"


def test_ensure_assembly_records_itself_and_trusts_its_own_key(db, key, ours):
    raw = identity.public_raw(key)
    assert ours | {"created_at": 0} == {
        "id": 1,
        "name": "Leith assembly",
        "area": "Leith, Edinburgh",
        "kind": "assembly",
        "level": "",
        "theme": "",
        "key_id": identity.key_id(raw),
        "created_at": 0,
        "public_key": cards.b64url(raw),
        "fingerprint": identity.fingerprint(raw),
    }
    assert identity.trusted_keys(db) == {identity.key_id(raw): raw}
    added = db.table("known_keys").get(identity.key_id(raw))["added_at"]
    identity.ensure_assembly(db, key, "Leith people's assembly", "")
    assert db.table("assembly").count == 1 and db.table("known_keys").count == 1
    row = db.table("known_keys").get(identity.key_id(raw))
    assert (row["assembly_name"], row["added_at"]) == ("Leith people's assembly", added)


def test_the_kiosk_keeps_its_key_and_identity_across_restarts(tmp_path):
    first = make_app(tmp_path)
    key_path = tmp_path / "assembly_key.pem"
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    before = stored_assembly(first)
    second = make_app(tmp_path)
    after = stored_assembly(second)
    assert identity.public_raw(second.extensions["kiosk_key"]) == identity.public_raw(
        first.extensions["kiosk_key"]
    )
    assert (after["key_id"], after["fingerprint"]) == (before["key_id"], before["fingerprint"])
    assert after["name"] == "Neighbourhood assembly" and after["area"] == ""
    page = second.test_client().get("/verify").get_data(as_text=True)
    assert before["fingerprint"] in page


def test_settings_name_the_assembly_and_a_rename_survives_a_restart(tmp_path):
    app = make_app(tmp_path, ASSEMBLY_NAME="Leith assembly", ASSEMBLY_AREA="Leith")
    assert stored_assembly(app)["name"] == "Leith assembly"
    db = connect(app.config["DATABASE"])
    try:
        identity.rename_assembly(db, "Leith people's assembly", "Leith and Newhaven")
    finally:
        db.conn.close()
    kept = stored_assembly(make_app(tmp_path))
    assert (kept["name"], kept["area"]) == ("Leith people's assembly", "Leith and Newhaven")
    reset = stored_assembly(make_app(tmp_path, ASSEMBLY_NAME="Portobello assembly"))
    assert (reset["name"], reset["area"]) == ("Portobello assembly", "Leith and Newhaven")


def test_rename_checks_the_name_and_area(db, ours):
    with pytest.raises(Refused, match="Give the assembly a name."):
        identity.rename_assembly(db, "   ", "Leith")
    with pytest.raises(Refused, match="80 characters or fewer"):
        identity.rename_assembly(db, "x" * 81, "Leith")
    with pytest.raises(Refused, match="120 characters or fewer"):
        identity.rename_assembly(db, "Leith", "y" * 121)
    assert identity.assembly(db)["name"] == "Leith assembly"
    renamed = identity.rename_assembly(db, "  Leith \n people's   assembly ", "y" * 120)
    assert renamed["name"] == "Leith people's assembly"
    assert identity.rename_assembly(db, "x" * 80, "")["name"] == "x" * 80
    assert db.table("known_keys").get(ours["key_id"])["assembly_name"] == "x" * 80


def test_a_kiosk_with_no_assembly_says_so(db):
    with pytest.raises(Refused, match="not set up its assembly"):
        identity.assembly(db)
    with pytest.raises(Refused):
        identity.rename_assembly(db, "Leith assembly", "")


def test_a_recorded_revocation_is_signed_and_stored_once(db, key, ours):
    row = identity.record_revocation(db, key, 7, ISSUED)
    again = identity.record_revocation(db, key, 7, ISSUED + 60)
    assert row == again and db.table("revocations").count == 1
    raw = identity.public_raw(key)
    assert cards.verify_revocation(raw, ours["key_id"], 7, row["revoked_at"], row["signature"])
    assert identity.revoked_mandates(db) == {(ours["key_id"], 7)}


def test_only_a_trusted_assemblys_revocation_is_accepted(db, ours):
    other = Ed25519PrivateKey.generate()
    other_id = identity.key_id(identity.public_raw(other))
    signature = cards.sign_revocation(other, other_id, 3, ISSUED)
    assert not identity.accept_revocation(db, other_id, 3, ISSUED, signature)
    assert db.table("revocations").count == 0
    assert identity.trust_key(db, identity.public_raw(other), "Portobello assembly") == other_id
    assert not identity.accept_revocation(db, other_id, 4, ISSUED, signature)
    assert identity.accept_revocation(db, other_id, 3, ISSUED, signature)
    assert identity.revoked_mandates(db) == {(other_id, 3)}


def test_a_revocation_row_with_a_bad_signature_counts_for_nothing(db, key, ours):
    forged = cards.sign_revocation(Ed25519PrivateKey.generate(), ours["key_id"], 7, ISSUED)
    db.table("revocations").insert(
        {"key_id": ours["key_id"], "mandate_id": 7, "revoked_at": ISSUED, "signature": forged}
    )
    assert identity.revoked_mandates(db) == set()


def add_mandate(db, text: str) -> int:
    """Store a bare issued mandate with its text digest; return its id."""
    meeting = db.table("meetings").insert({"code": "ABCD", "title": "May", "created_at": 0})
    council = db.table("councils").insert({"name": "Leith district", "level": "district"})
    mandate = {
        "meeting_id": meeting.last_pk,
        "council_id": council.last_pk,
        "delegate": "Ada",
        "scope": "Housing",
        "report_back": "Monthly",
        "status": "issued",
        "text": text,
        "text_digest": cards.digest(text),
        "created_at": 0,
    }
    return db.table("mandates").insert(mandate).last_pk


def test_check_card_uses_the_keys_recalls_and_texts_held_here(db, key, ours):
    mandate_id = add_mandate(db, "Support item 1.")
    payload = cards.sign_card(
        key, ours["key_id"], mandate_id, cards.digest("Support item 1."), "2026-12-31", ISSUED
    )
    assert identity.check_card(db, payload, date(2026, 6, 1)).status == "valid"
    assert identity.check_card(db, payload, date(2027, 1, 1)).status == "expired"
    db.table("mandates").update(mandate_id, {"text_digest": cards.digest("Oppose item 1.")})
    assert identity.check_card(db, payload, date(2026, 6, 1)).status == "tampered"
    db.table("mandates").update(mandate_id, {"text_digest": None})
    identity.record_revocation(db, key, mandate_id, ISSUED)
    assert identity.check_card(db, payload, date(2026, 6, 1)).status == "revoked"


def test_known_assembly_names_the_signer(db, key, ours):
    found = identity.known_assembly(db, ours["key_id"])
    assert found == {
        "key_id": ours["key_id"],
        "name": "Leith assembly",
        "area": "Leith, Edinburgh",
        "fingerprint": ours["fingerprint"],
        "ours": True,
    }
    assert identity.known_assembly(db, "0123456789abcdef") is None
