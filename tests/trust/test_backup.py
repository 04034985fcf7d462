"""Backups: one dated file with the record and the keys, sealed if asked, and put back whole."""

import os
import stat
import time
import zipfile

import pytest
from helpers import FACILITATOR_KEY

from app import main
from kiosk import create_app
from kiosk.db import connect
from kiosk.errors import Refused
from kiosk.meeting import meetings
from kiosk.trust import backup, folder


@pytest.fixture
def kiosk(tmp_path):
    """A data folder that has held a meeting with two people."""
    data = tmp_path / "data"
    app = create_app({"DATA_DIR": str(data), "PUBLIC_URL": "http://kiosk.test"})
    db = connect(app.config["DATABASE"])
    meeting = meetings.current_meeting(db)
    for name in ("Amira", "Bo"):
        meetings.check_in(db, meeting, name, True, False)
    db.conn.close()
    return data


def names(data_dir) -> list[str]:
    """Return the people checked in, as the database in a data folder holds them."""
    db = connect(str(data_dir / "kiosk.db"))
    try:
        return [r["display_name"] for r in db.query("SELECT display_name FROM attendees")]
    finally:
        db.conn.close()


def test_a_backup_holds_the_record_and_the_keys(kiosk, tmp_path, capsys):
    assert main(["backup", "--data-dir", str(kiosk), "--to", str(tmp_path)]) == 0
    [made] = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk-backup-")]
    assert f"Wrote {made}" in capsys.readouterr().out
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    with zipfile.ZipFile(made) as zipped:
        held = set(zipped.namelist())
        assert zipped.read("assembly_key.pem") == (kiosk / "assembly_key.pem").read_bytes()
    assert held == {"backup.json", "kiosk.db", *backup.KEYS}


def test_restore_puts_everything_back_and_keeps_what_was_there(kiosk, tmp_path, capsys):
    main(["backup", "--data-dir", str(kiosk), "--to", str(tmp_path / "copy.zip")])
    key = (kiosk / "assembly_key.pem").read_bytes()
    target = tmp_path / "new-laptop"
    create_app({"DATA_DIR": str(target), "PUBLIC_URL": "http://kiosk.test"})  # a fresh kiosk
    assert main(["restore", str(tmp_path / "copy.zip"), "--data-dir", str(target)]) == 0
    said = capsys.readouterr().out
    assert "Restored Neighbourhood assembly" in said and "kept in" in said
    assert names(target) == ["Amira", "Bo"]
    assert (target / "assembly_key.pem").read_bytes() == key
    [aside] = [p for p in target.iterdir() if p.name.startswith("before-restore-")]
    assert (aside / "assembly_key.pem").read_bytes() != key  # the fresh kiosk's key, kept
    app = create_app({"DATA_DIR": str(target), "PUBLIC_URL": "http://kiosk.test"})
    assert app.config["FACILITATOR_KEY"] == (kiosk / "facilitator_key").read_text().strip()


def test_a_sealed_backup_opens_only_with_its_passphrase(kiosk, tmp_path, capsys):
    words = tmp_path / "words.txt"
    words.write_text("correct horse battery staple\n")
    args = ["--passphrase-file", str(words), "--to", str(tmp_path / "s.sealed")]
    assert main(["backup", "--data-dir", str(kiosk), *args]) == 0
    sealed = (tmp_path / "s.sealed").read_bytes()
    assert b"Amira" not in sealed and b"PRIVATE KEY" not in sealed
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("incorrect horse\n")
    target = str(tmp_path / "restored")
    restore = ["restore", str(tmp_path / "s.sealed"), "--data-dir", target]
    assert main([*restore, "--passphrase-file", str(wrong)]) == 1
    assert "That passphrase does not open this backup" in capsys.readouterr().err
    assert not os.path.exists(os.path.join(target, "kiosk.db"))
    assert main([*restore, "--passphrase-file", str(words)]) == 0
    assert names(tmp_path / "restored") == ["Amira", "Bo"]


def test_restore_refuses_while_a_kiosk_runs_on_the_folder(kiosk, tmp_path):
    made = backup.pack(str(kiosk), str(kiosk / "kiosk.db"))[1]
    hold = folder.Lock(str(kiosk), "http://127.0.0.1:5123")
    with pytest.raises(Refused, match="running on .*http://127.0.0.1:5123"):
        backup.restore(made, str(kiosk))
    hold.handle.close()


def test_a_file_that_is_not_a_backup_changes_nothing(kiosk, tmp_path):
    fake = tmp_path / "fake.zip"
    with zipfile.ZipFile(fake, "w") as zipped:
        zipped.writestr("kiosk.db", b"")
    with pytest.raises(Refused, match="not an Assembly Kiosk backup"):
        backup.restore(fake.read_bytes(), str(kiosk))
    assert names(kiosk) == ["Amira", "Bo"]


def test_ending_a_meeting_keeps_the_last_backups(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.test",
            "FACILITATOR_KEY": FACILITATOR_KEY,
            "BACKUPS_KEPT": 2,
        }
    )
    client = app.test_client()
    client.get(f"/facilitate?key={FACILITATOR_KEY}")
    made = []
    for _ in range(3):
        assert client.post("/facilitate/meeting", data={"title": "Next"}).status_code == 302
        made.append(sorted(os.listdir(tmp_path / "backups")))
        time.sleep(1.05)  # each backup's name carries the second it was made
    assert [len(m) for m in made] == [1, 2, 2]
    assert made[2][0] == made[1][1]  # the oldest went
