"""Fixtures: an app on a temporary data folder, HTTP and Socket.IO clients, an in-memory db;
and for the end-to-end tests, the real server as a subprocess and a room of Chromium pages.
"""

import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import Flask
from flask.testing import FlaskClient
from helpers import FACILITATOR_KEY, check_in
from hypothesis import settings
from liveserver import LiveServer, Room, launch_chromium, require_chromium
from playwright.sync_api import sync_playwright
from sqlite_utils import Database

from kiosk import create_app
from kiosk.db import migrate
from kiosk.extensions import socketio
from kiosk.meeting import meetings


class BrowserLikeClient(FlaskClient):
    """A test client that posts forms as a browser does: with the token its page was given.

    Set `sends_tokens = False` to post as a page on another site would.
    """

    sends_tokens = True

    def open(self, *args, **kwargs):
        """Add this browser's form token to a POST that has none."""
        if kwargs.get("method") == "POST" and self.sends_tokens:
            data = kwargs.get("data")
            if "json" in kwargs:  # a script sends its page's token in a header
                kwargs["headers"] = {"X-CSRFToken": self.form_token(), **kwargs.get("headers", {})}
            elif data is None or (isinstance(data, dict) and "csrf_token" not in data):
                kwargs["data"] = {**(data or {}), "csrf_token": self.form_token()}
        return super().open(*args, **kwargs)

    def form_token(self) -> str:
        """Load a page, as a browser would before posting, and read its form token."""
        page = super().open("/projector").get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


# Property tests check truths, not speed: no per-example deadline on a busy two-core machine.
settings.register_profile("kiosk", deadline=None)
settings.load_profile("kiosk")

Flask.test_client_class = BrowserLikeClient  # every app a test makes gets such clients


@pytest.fixture
def app(tmp_path):
    """Return a kiosk app whose data lives in a fresh temporary folder."""
    return create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.test:5000",
            "SECRET_KEY": "test-secret",
            "FACILITATOR_KEY": FACILITATOR_KEY,
            "TALLY_INTERVAL": 0,  # announce counts at once, so tests need not wait
            "REHEARSAL_TICK": 0,  # a test steps a rehearsal's crowd by hand
        }
    )


@pytest.fixture
def client(app):
    """Return an HTTP client with no cookies: a stranger."""
    return app.test_client()


@pytest.fixture
def facilitator_client(app):
    """Return an HTTP client that has followed the facilitator link."""
    client = app.test_client()
    client.get(f"/facilitate?key={FACILITATOR_KEY}")
    return client


@pytest.fixture
def code(client):
    """Return the running meeting's join code."""
    return client.get("/healthz").get_json()["meeting"]


@pytest.fixture
def connect(app):
    """Return a function that opens a Socket.IO client sharing an HTTP client's cookies."""
    clients = []

    def open_socket(http_client, role: str | None = None, code: str | None = None):
        sock = socketio.test_client(app, flask_test_client=http_client)
        clients.append(sock)
        if role is not None:
            reply = sock.emit("hello", {"role": role, "code": code}, callback=True)
            assert reply["ok"], reply
        return sock

    yield open_socket
    for sock in clients:
        if sock.is_connected():
            sock.disconnect()


@pytest.fixture
def phone(app, code, connect):
    """Return a function making a checked-in phone: (http client, socket client)."""

    def make(name: str = "", resident: str = "yes", first_time: str = "no"):
        http = app.test_client()
        assert check_in(http, code, name, resident, first_time).status_code == 302
        return http, connect(http, "phone", code)

    return make


@pytest.fixture
def console(facilitator_client, connect):
    """Return the facilitator's console, connected over Socket.IO."""
    return connect(facilitator_client, "facilitator")


@pytest.fixture
def projector(client, connect):
    """Return the projector, connected over Socket.IO."""
    return connect(client, "projector")


@pytest.fixture
def db():
    """Return an in-memory database with the full schema."""
    database = Database(memory=True)
    database.execute("PRAGMA foreign_keys = ON")
    migrate(database)
    return database


@pytest.fixture
def meeting(db):
    """Return the running meeting of the in-memory database."""
    return meetings.current_meeting(db)


@pytest.fixture
def crowd(db, meeting):
    """Return a function checking people in to the meeting: crowd(4), or crowd(["Ann", "Bo"])."""

    def make(who):
        names = [f"P{i}" for i in range(who)] if isinstance(who, int) else who
        return [meetings.check_in(db, meeting, name, True, False) for name in names]

    return make


@pytest.fixture
def people(crowd):
    """Return six named people checked in to the meeting."""
    return crowd(["Amira", "Bo", "Chidi", "Dana", "Eli", "Fran"])


@pytest.fixture
def key():
    """Return a fresh assembly signing key."""
    return Ed25519PrivateKey.generate()


# -- the real server and real browsers ---------------------------------------------------------


@pytest.fixture
def server(tmp_path):
    """A fresh kiosk (`python app.py`) with its own data folder and port."""
    with LiveServer(tmp_path / "data") as live:
        yield live


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A browser test looks for Chromium before its fixtures start a server: without one it skips
    saying why (or fails, with REQUIRE_BROWSER_TESTS set)."""
    if "chromium" in item.fixturenames:
        require_chromium()


@pytest.fixture(scope="session")
def chromium():
    """The Chromium to drive (see pytest_runtest_setup for when there is none)."""
    return require_chromium()


@pytest.fixture(scope="module")
def browser(chromium):
    """One headless Chromium for the module."""
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright, chromium)
        yield launched
        launched.close()


@pytest.fixture
def room(browser, server):
    """The browsers of one test, closed afterwards."""
    people = Room(browser, server)
    yield people
    people.close()
