"""The database handle of each request or event: taken from the pool, given back at teardown."""

import sqlite_utils
from flask import Flask, current_app, g

from kiosk.db import Pool, connect, init_db
from kiosk.records import privacy


def get_db() -> sqlite_utils.Database:
    """Return this request's (or event's) database handle, taking it on first use."""
    if "db" not in g:
        g.db = current_app.extensions["kiosk_db"].take()
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    """Give this request's database handle back, if it took one."""
    db = g.pop("db", None)
    if db is not None:
        current_app.extensions["kiosk_db"].give(db)


def init_app(app: Flask) -> None:
    """Prepare the database once at start-up and give handles back after each request."""
    init_db(app.config["DATABASE"])
    _apply_retention(app.config["DATABASE"])
    app.extensions["kiosk_db"] = Pool(app.config["DATABASE"], app.config["SQLITE_SYNCHRONOUS"])
    app.teardown_appcontext(close_db)


def _apply_retention(path: str) -> None:
    """Erase, at start-up, the personal details of meetings past the retention period."""
    db = connect(path)
    try:
        privacy.apply_retention(db)
    finally:
        db.conn.close()
