"""The database: migrations recorded once, WAL on the file, foreign keys on every handle."""

import json
import sqlite3

import pytest

from kiosk.db import connect, init_db
from kiosk.errors import Refused
from kiosk.migrations import MIGRATIONS


def test_init_db_applies_every_migration_once(tmp_path):
    path = str(tmp_path / "kiosk.db")
    assert init_db(path) == [name for name, _ in MIGRATIONS]
    assert init_db(path) == []
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_migration_names_are_numbered_in_order():
    # Strictly increasing and never repeated; a gap is allowed, since numbers are handed out to
    # work in progress on several branches and one may land before another.
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


def test_a_migration_that_breaks_a_reference_changes_nothing(tmp_path, monkeypatch):
    from kiosk import db as kiosk_db

    path = str(tmp_path / "kiosk.db")
    init_db(path)
    broken = ("9999_broken", ["INSERT INTO report_back_items VALUES (7, 7, 'x', 'y')"])
    monkeypatch.setattr(kiosk_db, "MIGRATIONS", [*MIGRATIONS, broken])
    database = connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="9999_broken breaks a foreign key"):
            kiosk_db.migrate(database)
        assert database.execute("SELECT COUNT(*) FROM report_back_items").fetchone()[0] == 0
        assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        database.conn.close()


def test_a_database_from_a_newer_kiosk_is_refused(tmp_path):
    path = str(tmp_path / "kiosk.db")
    init_db(path)
    db = connect(path)
    db.execute("INSERT INTO migrations VALUES ('0999_from_the_future', 0)")
    db.conn.commit()
    db.conn.close()
    with pytest.raises(Refused, match="newer Assembly Kiosk .*0999_from_the_future"):
        init_db(path)


def test_secret_ballots_stored_before_counters_are_kept_as_counts(tmp_path):
    path = str(tmp_path / "kiosk.db")
    db = connect(path)
    for _name, statements in MIGRATIONS[:7]:  # the schema before secret rounds kept counters
        for statement in statements:
            db.execute(statement)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    db.conn.executemany("INSERT INTO migrations VALUES (?, 0)", [(n,) for n, _ in MIGRATIONS[:7]])
    db.execute("INSERT INTO meetings (id, code, title, created_at) VALUES (1, 'BCDF', 'M', 0)")
    db.execute("INSERT INTO proposals (id, meeting_id, text, created_at) VALUES (1, 1, 'P', 0)")
    for round_id, kind in ((1, "vote"), (2, "ranked")):
        db.execute(
            "INSERT INTO rounds (id, proposal_id, kind, rule, opened_at, visibility) "
            "VALUES (?, 1, ?, 'majority', 0, 'secret')",
            [round_id, kind],
        )
    db.conn.executemany(
        "INSERT INTO attendees (id, meeting_id, token, resident, first_time, checked_in_at) "
        "VALUES (?, 1, ?, 1, 0, 0)",
        [(n + 1, f"t{n}") for n in range(5)],
    )
    for n in range(5):
        for round_id in (1, 2):
            db.execute("INSERT INTO ballot_box VALUES (?, ?)", [round_id, 5 - n])
        db.execute("INSERT INTO ballots VALUES (?, 1, ?)", [100 + n, "yes" if n < 3 else "no"])
        db.execute("INSERT INTO ballots VALUES (?, 2, ?)", [200 + n, json.dumps(["A", str(n)])])
    db.conn.commit()
    db.conn.close()

    assert MIGRATIONS[7][0] in init_db(path)
    db = connect(path)
    counts = db.execute("SELECT choice, n FROM ballot_counts WHERE round_id = 1").fetchall()
    assert sorted(counts) == [("no", 2), ("yes", 3)]
    kept = db.execute("SELECT round_id, choice FROM ballots").fetchall()
    assert sorted(kept) == [(2, json.dumps(["A", str(n)])) for n in range(5)]
    assert len(db.execute("SELECT * FROM ballot_box").fetchall()) == 10
    assert db.execute("SELECT COUNT(*) FROM ballots WHERE id BETWEEN 200 AND 204").fetchone() == (
        0,
    )  # new random ids
