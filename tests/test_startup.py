"""Start-up faults, tried as a person would: `python app.py` on a data folder that is wrong.

Each stops at once with one plain sentence and exit status 2, never a traceback; a working start
leaves the folder private (0700) and its files readable by this user only (0600).
"""

import os
import socket
import stat
import subprocess
import sys
import time

import pytest
import requests
from liveserver import REPO, LiveServer, free_port

from kiosk import create_app
from kiosk.db import connect


def start(data_dir, *options, port: int | None = None) -> subprocess.CompletedProcess:
    """Run the kiosk as a person would; it must stop by itself (90 s allowed a busy machine)."""
    command = [sys.executable, "app.py", "--port", str(port or free_port())]
    command += ["--data-dir", str(data_dir), "--no-browser", *options]
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL
    )


def refused(run: subprocess.CompletedProcess) -> str:
    """Check the kiosk stopped with one plain sentence and status 2; return the sentence."""
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert "Traceback" not in output and run.stdout == "", output
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Not started: "), output
    assert lines[0].endswith("."), output
    return lines[0]


@pytest.fixture
def kept(tmp_path):
    """A data folder holding an assembly's record, as a kiosk leaves it after running."""
    folder = tmp_path / "data"
    app = create_app({"DATA_DIR": str(folder), "PUBLIC_URL": "http://kiosk.test"})
    app.extensions["kiosk_db"].give(app.extensions["kiosk_db"].take())
    return folder


def test_a_data_path_that_is_a_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    assert "is a file, not a folder" in refused(start(path))
    assert path.read_text() == "shopping list\n"


def test_a_folder_the_kiosk_cannot_write(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if _writable(folder):  # root writes where a mode forbids it; the kernel's folders it cannot
        folder = "/sys/kernel"
        if not os.path.isdir(folder) or _writable(folder):
            pytest.skip("no folder here that this user cannot write to")
    assert "cannot write to its data folder" in refused(start(folder))


def _writable(folder) -> bool:
    """Say whether a file can really be made in a folder."""
    try:
        with open(os.path.join(folder, ".probe"), "w"):
            pass
    except OSError:
        return False
    os.remove(os.path.join(folder, ".probe"))
    return True


def test_an_empty_database_is_not_a_new_assembly(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "kiosk.db").touch()
    sentence = refused(start(folder))
    assert "is empty (0 bytes)" in sentence and "restore" in sentence
    assert (folder / "kiosk.db").stat().st_size == 0


def test_a_file_that_is_not_a_database(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "kiosk.db").write_bytes(b"These are the minutes, typed in a hurry.\n" * 200)
    assert "is damaged" in refused(start(folder))


def test_a_truncated_database(kept):
    data = (kept / "kiosk.db").read_bytes()
    (kept / "kiosk.db").write_bytes(data[: len(data) // 2])
    assert "is damaged" in refused(start(kept))


def test_a_damaged_key(kept):
    (kept / "assembly_key.pem").write_text("-----BEGIN PRIVATE KEY-----\nnonsense\n")
    assert "assembly_key.pem is damaged or is not an assembly's key" in refused(start(kept))


def test_a_missing_key_where_there_is_a_record_is_not_replaced(kept):
    fingerprint = _fingerprint(kept)
    (kept / "assembly_key.pem").unlink()
    sentence = refused(start(kept))
    assert "signing key" in sentence and fingerprint in sentence
    assert "python app.py restore" in sentence and "rotate-key --lost" in sentence
    assert not (kept / "assembly_key.pem").exists()


def test_another_assemblys_key_is_refused(kept, tmp_path):
    other = tmp_path / "other"
    create_app({"DATA_DIR": str(other), "PUBLIC_URL": "http://kiosk.test"})
    (kept / "assembly_key.pem").write_bytes((other / "assembly_key.pem").read_bytes())
    assert "is not this assembly's key" in refused(start(kept))


def test_missing_secrets_where_there_is_a_record_are_named(kept):
    (kept / "secret_key").unlink()
    (kept / "facilitator_key").unlink()
    sentence = refused(start(kept))
    assert "secret_key and facilitator_key are missing" in sentence
    assert "--new-secrets" in sentence
    assert not (kept / "secret_key").exists()


def test_a_database_from_a_newer_kiosk(kept):
    db = connect(str(kept / "kiosk.db"))
    db.execute("INSERT INTO migrations VALUES ('0999_from_the_future', 0)")
    db.conn.commit()
    db.conn.close()
    assert "newer Assembly Kiosk" in refused(start(kept))


def test_a_port_in_use(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", port))
        taken.listen()
        sentence = refused(start(tmp_path / "data", port=port))
    assert f"port {port} is already in use" in sentence


def test_a_second_kiosk_on_the_same_folder_names_the_first(tmp_path):
    with LiveServer(tmp_path / "data") as first:
        sentence = refused(start(first.data_dir))
        assert f"Another kiosk is already running on {first.data_dir}, at {first.url}" in sentence
        assert first.get_json("/healthz")["ok"]
        assert_private(first.data_dir)


def test_new_secrets_are_made_only_when_asked(kept):
    (kept / "secret_key").unlink()
    port = free_port()
    command = [sys.executable, "app.py", "--port", str(port), "--data-dir", str(kept)]
    server = subprocess.Popen(
        [*command, "--no-browser", "--new-secrets"], cwd=REPO, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 90  # a busy machine starts slowly
        while not _answers(port) and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _answers(port)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert len((kept / "secret_key").read_text().strip()) >= 32


def _answers(port: int) -> bool:
    """Say whether a kiosk answers /healthz on this port."""
    try:
        return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()["ok"]
    except (requests.RequestException, ValueError):
        return False


def assert_private(folder) -> None:
    """The folder is 0700 and every file the kiosk keeps in it is 0600."""
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = ["kiosk.db", "kiosk.db-wal", "kiosk.db-shm", "assembly_key.pem", "secret_key"]
    names += ["facilitator_key", "greeter_key", "kiosk.lock"]
    modes = {name: oct(stat.S_IMODE((folder / name).stat().st_mode)) for name in names}
    assert modes == {name: "0o600" for name in names}


def _fingerprint(folder) -> str:
    """Return the fingerprint the record holds for the assembly's key."""
    from kiosk.trust import identity

    db = connect(str(folder / "kiosk.db"))
    try:
        return identity.assembly(db)["fingerprint"]
    finally:
        db.conn.close()
