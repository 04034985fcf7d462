"""Key succession and lost keys, across a small confederation of kiosks."""

import pytest
from confederation import Kiosk

from app import main
from kiosk import create_app
from kiosk.delegates import recall
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.trust import identity, keyfile, lineage, succession

ITEMS = [("Fund the library's evening opening", "must_support", "")]


@pytest.fixture
def district():
    """Mill Lane has elected a delegate to a district council, which holds its first bundle."""
    council, mill = Kiosk.council("Leeds district", "district"), Kiosk.assembly("Mill Lane")
    council.register(mill)
    mill.legitimate_meeting()
    mandate = mill.elect("Leeds district", "district", "Ann Lee", ITEMS)
    council.take(mill.export())
    return council, mill, mandate


def rotate(kiosk: Kiosk, tmp_path, lost: bool = False) -> dict:
    """Rotate a kiosk's key as the command does, on a key file in a folder of its own."""
    keyfile.write_key(str(tmp_path / keyfile.KEY_FILE), kiosk.key)
    done = succession.rotate(kiosk.db, str(tmp_path), lost=lost)
    kiosk.key = keyfile.read_key(str(tmp_path / keyfile.KEY_FILE))
    return done


def verdict(kiosk: Kiosk, payload: str) -> str:
    """Return the status a kiosk gives a card."""
    return identity.check_card(kiosk.db, payload).status


def test_a_council_takes_an_announced_successor_without_registering_again(district, tmp_path):
    council, mill, mandate = district
    old_fingerprint = mill.me["fingerprint"]
    done = rotate(mill, tmp_path)
    assert done["old"] == old_fingerprint != done["new"] == mill.me["fingerprint"]
    mill.next_meeting()
    council.take(mill.export())  # signed by the new key: taken on the old key's word
    [member] = council.db.query("SELECT * FROM council_members")
    assert member["fingerprint"] == done["new"].replace(" ", "")
    assert verdict(council, mandate["payload"]) == "valid"  # cards from before still carry
    # A recall after the rotation is signed by the new key and reaches the old key's card.
    recall.revoke(mill.db, mandate["id"], mill.key, mill.me["key_id"])
    mill.next_meeting()
    council.take(mill.export())
    assert verdict(council, mandate["payload"]) == "revoked"
    assert verdict(mill, mandate["payload"]) == "revoked"


def test_a_succession_not_signed_by_the_old_key_is_ignored(district):
    council, mill, _ = district
    impostor = Kiosk.assembly("Mill Lane")
    forged = {
        "old_key_id": mill.me["key_id"],
        "new_key_id": impostor.me["key_id"],
        "new_public_key": impostor.me["public_key"],
        "announced_at": 1_700_000_000,
        "signature": lineage.sign(
            impostor.key, mill.me["key_id"], identity.public_raw(impostor.key), 1_700_000_000
        ),
    }
    files = {"minutes.json": bundles_minutes(impostor), "revocations.json": b"[]"}
    meeting = {"id": 1, "code": "BCDF", "date": "2026-11-26"}
    data = bundles.pack(impostor.me, impostor.key, meeting, files, successions=[forged])
    with pytest.raises(Refused, match="signed by another key"):
        council.take(data)
    [member] = council.db.query("SELECT * FROM council_members")
    assert member["key_id"] == mill.me["key_id"]
    assert council.db.execute("SELECT COUNT(*) FROM key_successions").fetchone() == (0,)


def bundles_minutes(kiosk: Kiosk) -> bytes:
    """Return real minutes.json bytes for a kiosk's running meeting."""
    import json

    from kiosk.records import minutes

    return json.dumps(minutes.build(kiosk.db, kiosk.meeting["id"], {})).encode()


def test_a_lost_key_is_distrusted_and_its_cards_say_so(district, tmp_path):
    council, mill, mandate = district
    lost = mill.me["fingerprint"]
    done = succession.distrust(council.db, lost, "laptop stolen")
    assert done == {"key_id": mill.me["key_id"], "name": "Mill Lane"}
    checked = identity.check_card(council.db, mandate["payload"])
    assert checked.status == "distrusted"
    assert "reported lost" in checked.message and "new key" in checked.message
    with pytest.raises(Refused, match="reported lost"):
        council.take(mill.export())
    # Mill Lane makes a new key alone; the council registers it again by its fingerprint.
    rotate(mill, tmp_path, lost=True)
    assert verdict(mill, mandate["payload"]) == "distrusted"  # its own old cards too
    council.db.execute("DELETE FROM council_checkins")  # nobody is seated yet
    from kiosk.council import members

    members.register(council.db, "Mill Lane", mill.me["fingerprint"], again=True)
    mill.next_meeting()
    assert council.take(mill.export())["assembly"] == "Mill Lane"


def test_a_second_key_under_a_name_already_trusted_raises_a_flag():
    oak, mill, impostor = (Kiosk.assembly(n) for n in ("Oak Road", "Mill Lane", "Mill Lane"))
    oak.take(mill.export(), trust_new=True)
    with pytest.raises(Refused, match="already trusts another key for “Mill Lane”"):
        oak.take(impostor.export(), trust_new=True)
    assert impostor.me["key_id"] not in identity.trusted_keys(oak.db)
    succession.distrust(oak.db, mill.me["key_id"])  # Mill Lane said its key was lost
    oak.take(impostor.export(), trust_new=True)  # now a deliberate choice, not a surprise
    assert impostor.me["key_id"] in identity.trusted_keys(oak.db)


def test_rotate_key_from_the_command_line(tmp_path, capsys):
    data = tmp_path / "data"
    create_app({"DATA_DIR": str(data), "PUBLIC_URL": "http://kiosk.test"})
    before = (data / "assembly_key.pem").read_bytes()
    assert main(["rotate-key", "--data-dir", str(data)]) == 0
    assert "councils take it as is" in capsys.readouterr().out
    assert (data / "assembly_key.pem").read_bytes() != before
    app = create_app({"DATA_DIR": str(data), "PUBLIC_URL": "http://kiosk.test"})  # starts
    assert identity.public_raw(app.extensions["kiosk_key"]) != before
    (data / "assembly_key.pem").unlink()
    assert main(["rotate-key", "--data-dir", str(data)]) == 1
    assert "rotate-key --lost" in capsys.readouterr().err
    assert main(["rotate-key", "--lost", "--data-dir", str(data)]) == 0
    assert "distrust-key" in capsys.readouterr().out
    create_app({"DATA_DIR": str(data), "PUBLIC_URL": "http://kiosk.test"})  # starts again
