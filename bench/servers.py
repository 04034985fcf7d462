"""The servers a load run plays against: the kiosk, and a reference server for the ratio.

Each is started fresh for a run on a free port of 127.0.0.1 with its own temporary folder, and
knows how its phones get ready, what a vote looks like, and when a projector shows a full tally.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp
import psutil
from rawsio import RawSocket

ROOT = Path(__file__).resolve().parent.parent
CHOICES = ["agree"] * 6 + ["concerns"] * 2 + ["stand_aside", "block"]


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def bounded(limit: int, func, items) -> list:
    """Await func(item) for every item, at most `limit` at a time; return results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(item):
        async with gate:
            return await func(item)

    return await asyncio.gather(*(one(item) for item in items))


class Server:
    """A server process started for one run: its URL, its process tree, its log."""

    name = "server"

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix=f"bench-{self.name}-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __getstate__(self) -> dict:
        """Travel to the projector's process without the server process itself."""
        return {**self.__dict__, "proc": None}

    def command(self) -> tuple[list[str], dict, Path]:
        """Return the command, its environment and its working folder."""
        raise NotImplementedError

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        command, env, cwd = self.command()
        with open(os.path.join(self.folder, "server.log"), "wb") as log:
            self.proc = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            if self.ready():
                return
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start within 30 s")

    def ready(self) -> bool:
        """Return whether the server answers on its port."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def processes(self) -> list[psutil.Process]:
        """Return the server's processes (the workers too), redis-server left out."""
        root = psutil.Process(self.proc.pid)
        found = [root] + root.children(recursive=True)
        return [p for p in found if "redis" not in " ".join(p.cmdline()[:1])]

    def stop(self) -> None:
        """Stop the server's process group politely, then firmly."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


class Kiosk(Server):
    """The kiosk itself (`python app.py`), with as many workers as asked."""

    name = "kiosk"
    tally_event = "counts"

    def __init__(self, workers: int = 1):
        super().__init__()
        self.workers, self.seen = workers, set()
        self.code = self.key = self.round_id = None

    def ready(self) -> bool:
        """Return whether every worker has answered /healthz (each connection lands on one)."""
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                self.seen.add(json.load(response)["worker"])
        except (OSError, ValueError, KeyError):
            return False
        return len(self.seen) == self.workers

    def command(self):
        command = [sys.executable, "app.py", "--port", str(self.port), "--data-dir", self.folder]
        command += ["--no-browser", "--public-url", self.url]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        return command, dict(os.environ, PYTHONUNBUFFERED="1"), ROOT

    async def check_in(self, http: aiohttp.ClientSession, n: int) -> list[str]:
        """Check n phones in over HTTP as browsers do; return their session cookies."""
        async with http.get(f"{self.url}/healthz") as response:
            self.code = (await response.json())["meeting"]
        self.key = Path(self.folder, "facilitator_key").read_text().strip()
        post = f"{self.url}/m/{self.code}/check-in"
        forms = [
            {"display_name": f"Phone {i}", "resident": "yes", "first_time": "no"} for i in range(n)
        ]
        return await bounded(50, lambda form: _check_in_one(http, post, form), forms)

    async def facilitator(self, http: aiohttp.ClientSession) -> RawSocket:
        """Connect the facilitator's console."""
        url = f"{self.url}/facilitate?key={self.key}"
        async with http.get(url, allow_redirects=False) as response:
            cookie = response.cookies["session"].value
        console = RawSocket(http, self.url, cookie)
        await console.connect()
        await _hello(console, {"role": "facilitator"})
        return console

    async def phone(self, http: aiohttp.ClientSession, cookie: str) -> RawSocket:
        """Connect one checked-in phone and have it say hello (it gets its snapshot)."""
        phone = RawSocket(http, self.url, cookie)
        await phone.connect()
        await _hello(phone, {"role": "phone", "code": self.code})
        return phone

    async def resync(self, phone: RawSocket) -> None:
        """Reconnect a dropped phone and have it say hello again."""
        await phone.connect()
        await _hello(phone, {"role": "phone", "code": self.code})

    async def projector(self, http: aiohttp.ClientSession) -> RawSocket:
        """Connect the projector."""
        screen = RawSocket(http, self.url)
        await screen.connect()
        await _hello(screen, {"role": "projector"})
        return screen

    async def open_round(self, console: RawSocket) -> None:
        """Open a consent round for the burst."""
        answer = await console.call("open_round", {"text": "Load test", "kind": "consent"})
        if not answer.get("ok"):
            raise RuntimeError(f"open_round refused: {answer}")
        self.round_id = answer["round"]["id"]

    def vote(self, i: int, choice: str) -> dict:
        """Return phone i's vote."""
        return {"code": self.code, "round_id": self.round_id, "choice": choice, "reason": ""}

    def total(self, payload: dict) -> int:
        """Return how many votes a counts message shows for this run's round."""
        rnd = payload.get("round") or {}
        return sum(rnd["counts"].values()) if rnd.get("id") == self.round_id else -1


class Reference(Server):
    """The reference server: the same stack with no features (one insert per vote)."""

    name = "reference"
    tally_event = "tally"

    def __init__(self, folder: str, python: str):
        super().__init__()
        self.source, self.python = Path(folder).resolve(), python
        self.key = self.code = self.round_id = None

    def command(self):
        env = dict(
            os.environ,
            SIO_MODE="gevent",
            SIO_COALESCE_HZ="10",
            SIO_PORT=str(self.port),
            SIO_HOST="127.0.0.1",
            SIO_DB=os.path.join(self.folder, "votes.db"),
            PYTHONUNBUFFERED="1",
        )
        return [self.python, str(self.source / "server.py")], env, self.source

    async def check_in(self, http, n: int) -> list[None]:
        """The reference has no check-in: every phone connects as it is."""
        return [None] * n

    async def facilitator(self, http) -> None:
        """The reference has no console."""
        return None

    async def phone(self, http, cookie: None) -> RawSocket:
        """Connect one phone."""
        phone = RawSocket(http, self.url)
        await phone.connect()
        return phone

    async def resync(self, phone: RawSocket) -> None:
        """Reconnect a dropped phone."""
        await phone.connect()

    async def projector(self, http) -> RawSocket:
        """Connect the projector (it joins its room by its auth)."""
        screen = RawSocket(http, self.url)
        await screen.connect(auth={"role": "projector"})
        return screen

    async def open_round(self, console: None) -> None:
        """The reference has a single poll, always open."""

    def vote(self, i: int, choice: str) -> dict:
        """Return phone i's vote."""
        return {"voter": f"v{i}", "choice": choice}

    def total(self, payload: dict) -> int:
        """Return how many votes a tally message shows."""
        return payload["total"]


async def _hello(client: RawSocket, hello: dict) -> None:
    """Say hello and insist on a snapshot."""
    answer = await client.call("hello", hello)
    if not answer.get("ok"):
        raise RuntimeError(f"hello refused: {answer}")


async def _check_in_one(http: aiohttp.ClientSession, url: str, form: dict) -> str:
    """Load the check-in page (its cookie and form token), post the form; return the cookie."""
    async with http.get(url.removesuffix("/check-in")) as page:
        text = await page.text()
        cookie = page.cookies["session"].value
    token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
    headers = {"Cookie": f"session={cookie}"}
    data = {**form, "csrf_token": token}
    async with http.post(url, data=data, headers=headers, allow_redirects=False) as response:
        if response.status != 302 or "session" not in response.cookies:
            raise RuntimeError(f"check-in answered {response.status} without a cookie")
        return response.cookies["session"].value
