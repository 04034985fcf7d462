"""Load benchmark: N phones check in, connect, and vote in one burst; measure what the room sees.

    python bench/load.py --phones 150 500 1000 2000 [--repeat 2] [--markdown results.md]
    python bench/load.py --phones 500 --url http://127.0.0.1:5000 --key FACILITATOR_KEY

Without --url, a fresh server is started for every run on a free loopback port with a
temporary data folder, and stopped afterwards. Every run is bounded by --timeout seconds.
"""

import argparse
import asyncio
import math
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
import psutil
import socketio

ROOT = Path(__file__).resolve().parent.parent
CHOICES = ["agree"] * 6 + ["concerns"] * 2 + ["stand_aside", "block"]
COLUMNS = [
    ("phones", "{phones}"),
    ("check-in (s)", "{check_in_s:.2f}"),
    ("connect + hello (s)", "{connect_s:.2f}"),
    ("ack p50 (ms)", "{p50_ms:.0f}"),
    ("ack p99 (ms)", "{p99_ms:.0f}"),
    ("ack max (ms)", "{max_ms:.0f}"),
    ("first vote to final tally (ms)", "{tally_ms:.0f}"),
    ("server RSS (MB)", "{rss_mb:.0f}"),
    ("acks ok / failed", "{ok} / {failed}"),
    ("CPU s client / server / other", "{cpu_client:.2f} / {cpu_server:.2f} / {cpu_other:.2f}"),
]


def raise_open_files_limit() -> tuple[int, int]:
    """Raise this process's soft open-files limit to the hard limit; return (soft, hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard != resource.RLIM_INFINITY:  # an unlimited hard limit is left alone
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of already sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    return sorted_values[max(1, math.ceil(fraction * len(sorted_values))) - 1]


def cpu_seconds(server: psutil.Process | None) -> tuple[float, float, float]:
    """Return the CPU seconds used so far by this client, by the server and by the machine."""
    machine = psutil.cpu_times()
    busy = sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)
    server_cpu = sum(server.cpu_times()[:2]) if server else math.nan
    return time.process_time(), server_cpu, busy


def start_server(data_dir: str) -> tuple[subprocess.Popen, str, str]:
    """Start the kiosk on a free loopback port; return the process, its URL and its key."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "app.py", "--port", str(port), "--data-dir", data_dir]
    command += ["--no-browser", "--public-url", url]
    with open(os.path.join(data_dir, "server.log"), "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, url, Path(data_dir, "facilitator_key").read_text().strip()
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start listening within 20 s")


async def bounded(limit: int, func, items) -> list:
    """Await func(item) for every item, at most `limit` at a time; return results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(item):
        async with gate:
            return await func(item)

    return await asyncio.gather(*(one(item) for item in items))


async def session_cookie(http: aiohttp.ClientSession, method: str, url: str, **kw) -> str:
    """Make a request that answers with a redirect and return the signed session cookie."""
    async with http.request(method, url, allow_redirects=False, **kw) as response:
        if response.status != 302 or "session" not in response.cookies:
            raise RuntimeError(f"{method} {url} answered {response.status} without a cookie")
        return response.cookies["session"].value


async def check_in(url: str, key: str, n: int) -> tuple[str, str, list[str]]:
    """Check in n phones over HTTP; return the meeting code, facilitator and phone cookies."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        async with http.get(f"{url}/healthz") as response:
            code = (await response.json())["meeting"]
        facilitator = await session_cookie(http, "GET", f"{url}/facilitate?key={key}")
        post = f"{url}/m/{code}/check-in"
        forms = [
            {"display_name": f"Phone {i}", "resident": "yes", "first_time": "no"} for i in range(n)
        ]
        phones = await bounded(50, lambda f: check_in_one(http, post, f), forms)
    return code, facilitator, phones


async def check_in_one(http: aiohttp.ClientSession, url: str, form: dict) -> str:
    """Load the check-in page (its cookie and form token), post the form; return the cookie."""
    async with http.get(url.removesuffix("/check-in")) as page:
        text = await page.text()
        cookie = page.cookies["session"].value
    token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
    headers = {"Cookie": f"session={cookie}"}
    return await session_cookie(
        http, "POST", url, data={**form, "csrf_token": token}, headers=headers
    )


async def connect(url: str, cookie: str | None, hello: dict, opened: list) -> socketio.AsyncClient:
    """Open a websocket-only Socket.IO client with its own HTTP session (so its own cookie),
    say hello and check the answer; the client and its session are added to `opened`."""
    http = aiohttp.ClientSession()
    client = socketio.AsyncClient(reconnection=False, request_timeout=30, http_session=http)
    opened.append((client, http))
    headers = {"Cookie": f"session={cookie}"} if cookie else {}
    await client.connect(url, headers=headers, transports=["websocket"], wait_timeout=30)
    answer = await client.call("hello", hello, timeout=30)
    if not answer.get("ok"):
        raise RuntimeError(f"hello refused: {answer}")
    return client


class Projector(threading.Thread):
    """The projector on its own thread and event loop, as on its own screen: it notes when
    the counts of `round_id` first add up to `n`, however busy the phones' event loop is."""

    def __init__(self, url: str, n: int):
        super().__init__(daemon=True)
        self.url, self.n, self.round_id, self.seen_at = url, n, None, None
        self.ready, self.seen, self.stop = threading.Event(), threading.Event(), threading.Event()

    def run(self) -> None:
        asyncio.run(self.watch())

    async def watch(self) -> None:
        """Connect, say hello, and listen for counts until told to stop."""
        opened: list = []
        try:
            client = await connect(self.url, None, {"role": "projector"}, opened)
            client.on("counts", self.on_counts)
            self.ready.set()
            while not self.stop.is_set():
                await asyncio.sleep(0.05)
            await client.disconnect()
        except Exception as error:
            print(f"  projector: {type(error).__name__}: {error}", flush=True)
        finally:
            await asyncio.gather(*(http.close() for _, http in opened))

    def on_counts(self, payload: dict) -> None:
        """Note the moment the round's counts first cover every phone."""
        rnd = payload.get("round") or {}
        if rnd.get("id") == self.round_id and sum(rnd["counts"].values()) == self.n:
            if not self.seen.is_set():
                self.seen_at = time.perf_counter()
                self.seen.set()


async def wait_for_flag(flag: threading.Event, timeout: float, what: str) -> None:
    """Wait (cancellably) for another thread to raise a flag; fail after timeout seconds."""
    deadline = time.perf_counter() + timeout
    while not flag.is_set():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{what} within {timeout:g} s")
        await asyncio.sleep(0.01)


async def vote_burst(phones: list, code: str, round_id: int) -> tuple[list[float], int, float]:
    """Release every phone's vote at once; return sorted ack latencies, failures, first send."""
    go, latencies, failures, sent_at = asyncio.Event(), [], [], []
    rng = random.Random(len(phones))

    async def vote(phone: socketio.AsyncClient, choice: str) -> None:
        await go.wait()
        sent = time.perf_counter()
        sent_at.append(sent)
        payload = {"code": code, "round_id": round_id, "choice": choice, "reason": ""}
        try:
            answer = await phone.call("vote", payload, timeout=60)
        except Exception as error:  # a timeout or a dropped socket is a failed ack
            failures.append(repr(error))
            return
        if answer.get("ok"):
            latencies.append(time.perf_counter() - sent)
        else:
            failures.append(answer.get("error"))

    tasks = [asyncio.create_task(vote(p, rng.choice(CHOICES))) for p in phones]
    await asyncio.sleep(0.2)  # let every task reach the starting line
    go.set()
    await asyncio.gather(*tasks)
    return sorted(latencies), len(failures), min(sent_at)


async def run(n: int, url: str, key: str, server: psutil.Process | None, opened: list) -> dict:
    """Check in n phones, connect them, open a round, vote in one burst, and measure."""
    started = time.perf_counter()
    code, facilitator_cookie, cookies = await check_in(url, key, n)
    check_in_s = time.perf_counter() - started

    started = time.perf_counter()
    hello = {"role": "phone", "code": code}
    phones = await bounded(100, lambda c: connect(url, c, hello, opened), cookies)
    connect_s = time.perf_counter() - started
    print(f"  {n} phones checked in and connected; voting", flush=True)

    facilitator = await connect(url, facilitator_cookie, {"role": "facilitator"}, opened)
    projector = Projector(url, n)
    projector.start()
    try:
        await wait_for_flag(projector.ready, 30, "the projector did not connect")
        answer = await facilitator.call("open_round", {"text": "Load test", "kind": "consent"})
        if not answer.get("ok"):
            raise RuntimeError(f"open_round refused: {answer}")
        projector.round_id = round_id = answer["round"]["id"]
        before = cpu_seconds(server)
        latencies, failed, first_sent = await vote_burst(phones, code, round_id)
        await wait_for_flag(projector.seen, 30, "the projector did not show the final tally")
        after = cpu_seconds(server)
    finally:
        projector.stop.set()
        projector.join(timeout=10)
    cpu_client, cpu_server, cpu_machine = (b - a for a, b in zip(before, after, strict=True))
    rss_mb = server.memory_info().rss / 2**20 if server else math.nan
    await facilitator.call("close_round", {"round_id": round_id})
    return {
        "phones": n,
        "check_in_s": check_in_s,
        "connect_s": connect_s,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else 0.0) * 1000,
        "tally_ms": (projector.seen_at - first_sent) * 1000,
        "rss_mb": rss_mb,
        "ok": len(latencies),
        "failed": failed,
        "cpu_client": cpu_client,
        "cpu_server": cpu_server,
        "cpu_other": max(0.0, cpu_machine - cpu_client - cpu_server),
    }


async def bounded_run(n: int, args: argparse.Namespace) -> dict | None:
    """One run against the given or a fresh server, stopped by --timeout; None on failure."""
    opened: list[tuple[socketio.AsyncClient, aiohttp.ClientSession]] = []
    proc, data_dir, keep_log = None, None, False
    try:
        if args.url:
            url, key = args.url.rstrip("/"), args.key
            server = psutil.Process(args.pid) if args.pid else None
        else:
            data_dir = tempfile.mkdtemp(prefix="kiosk-bench-")
            proc, url, key = start_server(data_dir)
            server = psutil.Process(proc.pid)
        return await asyncio.wait_for(run(n, url, key, server, opened), args.timeout)
    except Exception as error:
        timed_out = isinstance(error, TimeoutError)
        reason = f"no result within {args.timeout:g} s" if timed_out else error
        print(f"  {n} phones: FAILED ({type(error).__name__}: {reason})", flush=True)
        if data_dir:
            print(f"  server log kept in {data_dir}", flush=True)
            keep_log = True
        return None
    finally:
        leaving = bounded(200, lambda c: c.disconnect(), [c for c, _ in opened if c.connected])
        try:
            await asyncio.wait_for(leaving, 30)
        except TimeoutError:
            print("  some clients did not disconnect within 30 s", flush=True)
        await asyncio.gather(*(http.close() for _, http in opened))
        if proc:  # stop the server politely, then firmly
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if data_dir and not keep_log:
            shutil.rmtree(data_dir, ignore_errors=True)


def table(rows: list[dict]) -> str:
    """Render results as a markdown table."""
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |"]
    lines.append("|" + "---:|" * len(COLUMNS))
    for row in rows:
        lines.append("| " + " | ".join(fmt.format(**row) for _, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> None:
    """Parse options, run each phone count, print and optionally append the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[150, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per phone count")
    parser.add_argument("--url", help="use this already-running server instead of starting one")
    parser.add_argument("--key", help="the facilitator key of the --url server")
    parser.add_argument("--pid", type=int, help="the --url server's pid, to read its memory")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run")
    parser.add_argument("--markdown", help="append the results table to this file")
    args = parser.parse_args()
    if args.url and not args.key:
        parser.error("--url needs --key (the server's facilitator key)")
    soft, hard = raise_open_files_limit()
    print(f"open files: soft {soft}, hard {hard}; this client needs about {max(args.phones) + 50}")
    rows = []
    for n in args.phones:
        for _ in range(args.repeat):
            row = asyncio.run(bounded_run(n, args))
            if row:
                print(table([row]).splitlines()[-1], flush=True)
                rows.append(row)
    print("\n" + table(rows))
    if args.markdown and rows:
        with open(args.markdown, "a", encoding="utf-8") as out:
            out.write(table(rows) + "\n")
    sys.exit(0 if len(rows) == len(args.phones) * args.repeat else 1)


if __name__ == "__main__":
    main()
