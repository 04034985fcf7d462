"""The database: migrations recorded once, WAL on the file, foreign keys on every handle."""

import sqlite3

from kiosk.db import connect, init_db
from kiosk.migrations import MIGRATIONS


def test_init_db_applies_every_migration_once(tmp_path):
    path = str(tmp_path / "kiosk.db")
    assert init_db(path) == [name for name, _ in MIGRATIONS]
    assert init_db(path) == []
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_migration_names_are_numbered_in_order():
    # Numbers are handed out with the work, so one may land before a lower one: no gaps asked.
    numbers = [int(name.split("_")[0]) for name, _ in MIGRATIONS]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))


def test_database_file_is_in_wal_mode_with_foreign_keys(tmp_path):
    path = str(tmp_path / "kiosk.db")
    init_db(path)
    db = connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_app_creates_its_database_in_the_data_dir(app, tmp_path):
    assert app.config["DATABASE"] == str(tmp_path / "kiosk.db")
    assert {"meetings", "attendees", "proposals", "rounds", "votes"} <= set(
        connect(app.config["DATABASE"]).table_names()
    )


def test_secrets_survive_a_restart(tmp_path):
    from kiosk import create_app

    first = create_app({"DATA_DIR": str(tmp_path), "PUBLIC_URL": "http://k.test"})
    second = create_app({"DATA_DIR": str(tmp_path), "PUBLIC_URL": "http://k.test"})
    assert first.config["FACILITATOR_KEY"] == second.config["FACILITATOR_KEY"]
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["FACILITATOR_KEY"]) >= 12
