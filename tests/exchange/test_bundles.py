"""Signed bundles: a round trip, and every way a bad bundle is refused with nothing changed."""

import io
import json
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.errors import Refused
from kiosk.exchange import bundles, imports
from kiosk.trust import cards, identity

MEETING = {"id": 4, "code": "BCDF", "date": "2026-11-26"}


def real_minutes() -> bytes:
    """Return the minutes.json a fresh kiosk writes for a meeting where nothing happened."""
    from sqlite_utils import Database

    from kiosk.db import migrate
    from kiosk.meeting.meetings import current_meeting
    from kiosk.records import minutes

    db = Database(memory=True)
    migrate(db)
    identity.ensure_assembly(db, Ed25519PrivateKey.generate(), "Mill Lane Assembly", "Mill Lane")
    return json.dumps(minutes.build(db, current_meeting(db)["id"], {})).encode()


FILES = {
    "minutes.json": real_minutes(),
    "minutes.pdf": b"%PDF-1.4 minutes",
    "mandates.pdf": b"%PDF-1.4 cards",
    "revocations.json": b"[]",
}


@pytest.fixture
def sender(db):
    """Another assembly: its key and identity row (made in its own, separate database)."""
    from sqlite_utils import Database

    from kiosk.db import migrate

    theirs = Database(memory=True)
    migrate(theirs)
    key = Ed25519PrivateKey.generate()
    return key, identity.ensure_assembly(theirs, key, "Mill Lane Assembly", "Mill Lane")


@pytest.fixture
def council(db, sender):
    """This kiosk, which has registered the sender's key."""
    key, me = sender
    identity.ensure_assembly(db, Ed25519PrivateKey.generate(), "Oak Road Assembly", "Oak Road")
    identity.trust_key(db, identity.public_raw(key), me["name"], me["area"])
    return db


def bundle(sender, files=FILES, **manifest_changes) -> bytes:
    """Pack a bundle from the sender."""
    key, me = sender
    return bundles.pack(me, key, MEETING, dict(files))


def rezip(data: bytes, change) -> bytes:
    """Rewrite a bundle's members through change(name, bytes) -> bytes | None (None drops)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            new = change(info.filename, source.read(info))
            if new is not None:
                target.writestr(info.filename, new)
    return out.getvalue()


def count(db) -> int:
    """Count imported bundles."""
    return db.execute("SELECT COUNT(*) FROM bundles").fetchone()[0]


def test_a_bundle_round_trips_and_a_second_import_is_a_no_op(council, sender):
    data = bundle(sender)
    assert imports.import_any(council, data) == {
        "already": False,
        "assembly": "Mill Lane Assembly",
        "applied": 0,
    }
    assert imports.import_any(council, data)["already"] is True
    assert count(council) == 1
    row = council["bundles"].rows.__next__()
    assert json.loads(row["minutes"])["schema"] == "assembly-kiosk/minutes"
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    assert manifest["files"]["minutes.pdf"]["bytes"] == len(FILES["minutes.pdf"])


def test_revocations_travel_in_the_bundle(council, sender):
    key, me = sender
    revoked = {
        "key_id": me["key_id"],
        "mandate_id": 7,
        "revoked_at": 1_790_000_000,
        "signature": cards.sign_revocation(key, me["key_id"], 7, 1_790_000_000),
    }
    forged = {**revoked, "mandate_id": 8}
    files = {**FILES, "revocations.json": json.dumps([revoked, forged]).encode()}
    assert imports.import_any(council, bundle(sender, files))["applied"] == 1
    assert identity.revoked_mandates(council) == {(me["key_id"], 7)}


def refused(db, data, message, **kwargs):
    """Assert a bundle is refused with message and nothing is imported; return the refusal."""
    before = count(db)
    with pytest.raises(Refused, match=message) as refusal:
        imports.import_any(db, data, **kwargs)
    assert count(db) == before
    return str(refusal.value)


def test_a_changed_file_is_refused(council, sender):
    data = rezip(bundle(sender), lambda n, b: b + b"x" if n == "minutes.pdf" else b)
    refused(council, data, "minutes.pdf in the bundle is not what was signed")


def test_a_changed_manifest_is_refused(council, sender):
    data = rezip(
        bundle(sender),
        lambda n, b: (
            b.replace(b"Mill Lane Assembly", b"Mill Lane Assemblx") if n == "manifest.json" else b
        ),
    )
    refused(council, data, "signature does not match")


def test_a_truncated_zip_is_refused(council, sender):
    data = bundle(sender)
    refused(council, data[: len(data) // 2], "cut short")


def test_an_unknown_sender_is_refused_until_trusted(db, sender):
    identity.ensure_assembly(db, Ed25519PrivateKey.generate(), "Oak Road Assembly", "Oak Road")
    data = bundle(sender)
    said = refused(db, data, "signed by an assembly this kiosk does not know")
    assert "“Trust this sender's key” ticked" in said and "--trust" in said
    assert imports.import_any(db, data, trust_new=True)["already"] is False


def test_a_key_that_does_not_match_its_id_is_refused(council, sender):
    other = Ed25519PrivateKey.generate()
    key, me = sender
    impostor = {**me, "public_key": cards.b64url(identity.public_raw(other))}
    refused(council, bundles.pack(impostor, other, MEETING, FILES), "does not match the key id")


def test_a_path_that_escapes_the_folder_is_refused(council, sender):

    data = bundle(sender)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as target:
        target.writestr("../../etc/cron.d/evil", b"* * * * * root true")
    refused(council, out.getvalue(), "no bundle should")


def test_a_zip_bomb_is_refused_unread(council, sender):
    bomb = {**FILES, "minutes.pdf": b"\0" * (5 * 1024 * 1024)}
    refused(council, bundle(sender, bomb), "zip bomb")


def test_a_bundle_from_a_newer_kiosk_is_refused_with_advice(council, sender):
    key, me = sender
    data = bundle(sender)

    def newer(name, body):
        if name != "manifest.json":
            return body
        manifest = json.loads(body)
        manifest["format_version"] = bundles.FORMAT_VERSION + 1
        return json.dumps(manifest).encode()

    refused(council, rezip(data, newer), "newer Assembly Kiosk")


def test_a_huge_file_is_refused_before_reading(council, monkeypatch):
    monkeypatch.setattr(bundles, "MAX_BUNDLE", 1000)
    refused(council, b"x" * 1001, "far too big")


def test_the_command_line_refuses_a_missing_file(tmp_path, capsys):
    from app import main

    assert main(["import-bundle", str(tmp_path / "nope.zip"), "--data-dir", str(tmp_path)]) == 1
    assert "Not done: Cannot read" in capsys.readouterr().err


def test_tonights_bundle_exports_over_http_and_imports_elsewhere(
    app, facilitator_client, client, tmp_path
):
    from kiosk import create_app
    from kiosk.db import connect

    assert client.get("/facilitate/bundles/export.zip").status_code == 403
    response = facilitator_client.get("/facilitate/bundles/export.zip")
    assert response.mimetype == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(response.data)).namelist())
    assert names == {"manifest.json", "manifest.sig", *bundles.FILES} - {"agenda.json"}
    kept = list((tmp_path / "bundles").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == response.data
    council = create_app(
        {
            "DATA_DIR": str(tmp_path / "council"),
            "PUBLIC_URL": "http://c.test",
            "FACILITATOR_KEY": "c",
            "SECRET_KEY": "c",
        }
    )
    db = connect(council.config["DATABASE"])
    try:
        refused(db, response.data, "does not know")
        assert imports.import_any(db, response.data, trust_new=True)["already"] is False
    finally:
        db.conn.close()


def test_an_upload_is_verified_and_a_bad_one_explained(facilitator_client, sender):
    good = facilitator_client.post(
        "/facilitate/bundles/import",
        data={"bundle": (io.BytesIO(bundle(sender)), "b.zip"), "trust": "yes"},
    )
    assert b"Imported the bundle from Mill Lane Assembly" in good.data
    bad = facilitator_client.post(
        "/facilitate/bundles/import", data={"bundle": (io.BytesIO(b"not a zip"), "b.zip")}
    )
    assert bad.status_code == 400 and b"cut short" in bad.data


def test_a_data_folder_that_cannot_be_written_loses_nothing(tmp_path):
    from kiosk.exchange.export import save

    (tmp_path / "bundles").write_text("a file where the folder should be")
    with pytest.raises(Refused, match="could not write"):
        save(str(tmp_path), "bundle.zip", b"data")
    assert (tmp_path / "bundles").read_text() == "a file where the folder should be"


def test_a_signed_bundle_without_minutes_is_refused_plainly(council, sender):
    files = {k: v for k, v in FILES.items() if k != "minutes.json"}
    refused(council, bundle(sender, files), r"holds no minutes \(minutes.json\)")


def test_minutes_that_do_not_follow_the_format_are_refused(council, sender):
    wrong = json.loads(FILES["minutes.json"])
    wrong["attendance"]["total"] = "lots"
    data = bundle(sender, {**FILES, "minutes.json": json.dumps(wrong).encode()})
    refused(council, data, "do not follow the minutes format .at attendance/total")
