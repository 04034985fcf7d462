"""Run the real kiosk as a subprocess, and reach it the way phones and browsers do.

The server is started with the same command a person types (`python app.py ...`), so the test
process never imports gevent or the app: gevent's monkey-patching would clash with Playwright.
Browser tests open their pages through a Room (tests/conftest.py gives each test one) and keep
screenshots with save_screenshot.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import requests
import socketio
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parent.parent
ARTEFACTS = REPO / "tests" / "artefacts"
DOCS_IMG = REPO / "docs" / "img"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECTOR_SCREEN = {"viewport": {"width": 1280, "height": 720}}
PHONE_SCREEN = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP_SCREEN = {"viewport": {"width": 1280, "height": 800}}
TEST_ONLY_VARIABLES = ("CHROMIUM_PATH", "REQUIRE_BROWSER_TESTS", "UPDATE_DOC_SCREENSHOTS")


def free_port() -> int:
    """Return a loopback port nobody is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """One kiosk server process, started and restarted on the same port and data folder."""

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        log_dir: Path | None = None,
        args: tuple[str, ...] = (),
        settings: dict[str, str] | None = None,
    ):
        self.args = list(args)  # more of the command line, such as ("--workers", "2")
        self.settings = dict(settings or {})  # KIOSK_* settings for the server, by name
        self.data_dir = Path(data_dir)
        self.log_dir = Path(log_dir) if log_dir else self.data_dir.parent
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.health: dict = {}
        self.starts = 0
        self._log = None

    # -- the process ---------------------------------------------------------------------

    def start(self, timeout: float = 30.0) -> dict:
        """Start `app.py` and wait until /healthz answers; return its answer."""
        assert self.process is None, "the server is already running"
        self.starts += 1
        self.log_path = self.log_dir / f"server-{self.port}-{self.starts}.log"
        self._log = open(self.log_path, "wb")
        # The test-only variables are not the server's settings (it reads every KIOSK_*).
        env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
        env["PYTHONUNBUFFERED"] = "1"
        env.update({f"KIOSK_{name}": value for name, value in self.settings.items()})
        command = [
            sys.executable,
            "app.py",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            "--no-browser",
            "--public-url",
            self.url,
            *self.args,
        ]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        deadline, workers = time.monotonic() + timeout, set()
        while True:
            if self.process.poll() is not None:
                code = self.process.returncode
                self._reap()
                raise RuntimeError(f"the kiosk exited with {code} at start:\n{self.log()}")
            try:
                health = self.get_json("/healthz")
            except OSError:
                health = {}
            workers.add(health.get("worker"))
            if health.get("ok") and len(workers - {None}) == health["workers"]:
                self.health = health  # every worker has answered
                return health
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"the kiosk did not answer /healthz in {timeout}s:\n{self.log()}"
                )
            time.sleep(0.05)

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash or a pulled plug would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self._reap()

    def stop(self) -> None:
        """Stop the server politely, killing it if it lingers."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self._reap()

    def _reap(self) -> None:
        """Forget the finished process and close its log file."""
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        """Return what the server printed most recently (for failure messages)."""
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except (AttributeError, OSError):
            return ""

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- what it serves ------------------------------------------------------------------

    def get_json(self, path: str) -> dict:
        """GET a JSON document from the server."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=2) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            error.close()
            raise

    @property
    def code(self) -> str:
        """The running meeting's join code."""
        return self.health["meeting"]

    @property
    def join_url(self) -> str:
        """The URL the join QR must carry."""
        return f"{self.url}/m/{self.code}"

    @property
    def facilitator_key(self) -> str:
        """The facilitator key the server keeps in its data folder."""
        return (self.data_dir / "facilitator_key").read_text(encoding="ascii").strip()

    @property
    def facilitator_link(self) -> str:
        """The link that makes a browser the facilitator's."""
        return f"{self.url}/facilitate?key={self.facilitator_key}"

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        """Read rows straight from the kiosk's SQLite file."""
        with contextlib.closing(sqlite3.connect(self.data_dir / "kiosk.db", timeout=10)) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()

    def votes(self, round_id: int) -> dict[str, str]:
        """Return {display name: choice} for every vote stored in a round."""
        rows = self.query(
            """SELECT attendees.display_name AS name, votes.choice AS choice
               FROM votes JOIN attendees ON attendees.id = votes.attendee_id
               WHERE votes.round_id = ?""",
            (round_id,),
        )
        return {row["name"]: row["choice"] for row in rows}


# -- clients without a browser ---------------------------------------------------------------


class SocketClient:
    """An HTTP session (for cookies) and a Socket.IO connection that presents them."""

    def __init__(self, server: LiveServer):
        self.server = server
        self.http = requests.Session()
        self.sio: socketio.Client | None = None
        self.worker: int | None = None

    def connect(self, role: str, code: str | None = None, lang: str | None = None) -> dict:
        """Connect over WebSocket (speaking lang, as a page's socket does), say hello as role,
        and return the snapshot."""
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(
            self.server.url + (f"?lang={lang}" if lang else ""),
            headers={"Cookie": cookie} if cookie else {},
            transports=["websocket"],
            wait_timeout=10,
        )
        reply = self.sio.call("hello", {"role": role, "code": code}, timeout=10)
        assert reply["ok"], reply
        self.worker = reply["worker"]  # which server process holds this connection
        return reply["snapshot"]

    def close(self) -> None:
        """Disconnect and close the HTTP session."""
        if self.sio is not None:
            with contextlib.suppress(Exception):
                self.sio.disconnect()
            # When the server dies, the Engine.IO client drops the connection without closing
            # its WebSocket; close it here so no socket is left for the garbage collector.
            ws = getattr(self.sio.eio, "ws", None)
            if ws is not None:
                ws.shutdown()
            self.sio = None
        self.http.close()


def socket_phone(server: LiveServer, name: str, lang: str | None = None) -> SocketClient:
    """Check a phone in over HTTP, the way the check-in form does, then connect it."""
    phone = SocketClient(server)
    page = phone.http.get(f"{server.url}/m/{server.code}", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = phone.http.post(
        f"{server.url}/m/{server.code}/check-in",
        data={"display_name": name, "resident": "yes", "first_time": "no", "csrf_token": token},
        timeout=10,
    )
    response.raise_for_status()
    phone.connect("phone", server.code, lang)
    return phone


def socket_facilitator(server: LiveServer) -> SocketClient:
    """Present the facilitator key over HTTP, then connect as the console does."""
    facilitator = SocketClient(server)
    facilitator.http.get(server.facilitator_link, timeout=10).raise_for_status()
    facilitator.connect("facilitator")
    return facilitator


def socket_snapshot(server: LiveServer, role: str = "projector") -> dict:
    """Return the snapshot a freshly connected projector is given."""
    client = SocketClient(server)
    try:
        return client.connect(role)
    finally:
        client.close()


# -- the browser -----------------------------------------------------------------------------


def find_chromium() -> str | None:
    """Return the Chromium to drive: CHROMIUM_PATH, else the system's, else None."""
    chosen = os.environ.get("CHROMIUM_PATH")
    if chosen:
        return chosen
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def require_chromium() -> str:
    """Return the Chromium to drive, or skip (fail, with REQUIRE_BROWSER_TESTS set) saying why."""
    import pytest

    found = find_chromium()
    if found is None:
        reason = (
            "no Chromium found: looked for $CHROMIUM_PATH, /usr/bin/chromium, chromium and "
            "chromium-browser (Debian: apt install chromium; or set CHROMIUM_PATH)"
        )
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason, pytrace=False)
        print(f"skipping: {reason}", file=sys.stderr)
        pytest.skip(reason, allow_module_level=True)
    return found


def launch_chromium(playwright, executable: str):
    """Launch headless Chromium with the flags that work on a locked-down machine."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


def check_in(page, name: str) -> None:
    """Fill the phone check-in form and wait for the live meeting page to connect."""
    page.fill("#display_name", name)
    page.check("input[name=resident][value=yes]")
    page.check("input[name=first_time][value=no]")
    page.get_by_role("button", name="Check in").click()
    page.wait_for_selector("#connection.online")


class Room:
    """The browsers in the room: each page in its own context (its own cookies), every request
    and WebSocket it opens recorded in urls."""

    def __init__(self, browser, server: LiveServer):
        self.browser = browser
        self.server = server
        self.contexts = []
        self.urls: list[str] = []

    def page(self, screen: dict, url: str | None = None, wait: bool = True, **options):
        """Open a page in a new browser context, and go to url if given (a path: on the kiosk).

        With wait=False the page is handed back once its document has loaded, before its
        images and scripts; options go to the context (reduced_motion="reduce", say).
        """
        context = self.browser.new_context(**screen, **options)
        context.set_default_timeout(10_000)
        context.on("request", lambda request: self.urls.append(request.url))
        self.contexts.append(context)
        page = context.new_page()
        page.on("websocket", lambda ws: self.urls.append(ws.url))
        if url is not None:
            if url.startswith("/"):
                url = self.server.url + url
            page.goto(url, wait_until="load" if wait else "domcontentloaded")
        return page

    def projector(self, frames: list | None = None):
        """The big screen; every Socket.IO frame it receives goes into frames, if given."""
        page = self.page(PROJECTOR_SCREEN)
        if frames is not None:
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
        page.goto(f"{self.server.url}/projector")
        expect(page.locator("#connection")).to_have_text("connected")
        return page

    def phone(self, name: str, url: str | None = None):
        """A phone that opens url (the scanned join link, by default the kiosk's) and checks in."""
        page = self.page(PHONE_SCREEN)
        page.goto(url or self.server.join_url)
        check_in(page, name)
        return page

    def console(self):
        """The facilitator's laptop, holding the key."""
        page = self.page(LAPTOP_SCREEN)
        page.goto(self.server.facilitator_link)
        expect(page.locator("#connection")).to_have_text("connected")
        return page

    def assert_only_loopback(self) -> None:
        """No page fetched anything from outside this machine (the hall has no internet)."""
        assert self.urls, "no requests were recorded"
        outside = [url for url in self.urls if urlsplit(url).hostname != "127.0.0.1"]
        assert outside == []

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def save_screenshot(target, name: str, docs: bool = False, animations: str = "allow") -> None:
    """Keep a screenshot (of a page or one element) in tests/artefacts/.

    One that illustrates the docs (docs=True) is also copied to docs/img/, when missing there or
    when UPDATE_DOC_SCREENSHOTS is set.
    """
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / name
    target.screenshot(path=path, animations=animations)
    doc = DOCS_IMG / name
    if docs and (os.environ.get("UPDATE_DOC_SCREENSHOTS") or not doc.exists()):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, doc)
