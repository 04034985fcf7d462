"""Helpers for the in-process Socket.IO tests: what a client heard, what the app's database holds,
and events that must be answered ok or refused."""

from pathlib import Path

from kiosk.db import connect as open_db

FACILITATOR_KEY = "test-facilitator-key"
PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"


def events(sock, name):
    """Return (and consume) the payloads of events called name the client has received."""
    return [e["args"][0] for e in sock.get_received() if e["name"] == name]


def last(sock, name):
    """Return the payload of the last event called name the client received."""
    found = events(sock, name)
    return found[-1] if found else None


def rows(app, sql):
    """Return rows straight from the app's database file."""
    db = open_db(app.config["DATABASE"])
    try:
        return [dict(r) for r in db.query(sql)]
    finally:
        db.conn.close()


def ok(sock, event, payload=None):
    """Emit an event and return its answer, which must be ok."""
    reply = sock.emit(event, payload if payload is not None else {}, callback=True)
    assert reply["ok"], reply
    return reply


def refused(sock, event, payload):
    """Emit an event and return its refusal, which must be plain words."""
    reply = sock.emit(event, payload, callback=True)
    assert reply["ok"] is False and reply["error"], reply
    return reply["error"]


def check_in(client, code: str, name: str = "", resident: str = "yes", first_time: str = "no"):
    """Check a phone in over HTTP and return the response."""
    return client.post(
        f"/m/{code}/check-in",
        data={
            "display_name": name,
            "resident": resident,
            "first_time": first_time,
        },
    )
