"""Load benchmark: N phones check in, connect, and vote in one burst; measure what the room sees.

    python bench/load.py --phones 150 500 1000 2000 [--repeat 2] [--markdown results.md]
    python bench/load.py --phones 500 --url http://127.0.0.1:5000 --key FACILITATOR_KEY

Without --url, a fresh server is started for every run on a free loopback port with a
temporary data folder, and stopped afterwards. Every run is bounded by --timeout seconds.
"""

import argparse
import asyncio
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil
import socketio

ROOT = Path(__file__).resolve().parent.parent
CHOICES = ["agree"] * 6 + ["concerns"] * 2 + ["stand_aside", "block"]
COLUMNS = [
    ("phones", "{phones}"),
    ("connect all (s)", "{connect_s:.2f}"),
    ("ack p50 (ms)", "{p50_ms:.0f}"),
    ("ack p99 (ms)", "{p99_ms:.0f}"),
    ("ack max (ms)", "{max_ms:.0f}"),
    ("first vote to final tally (ms)", "{tally_ms:.0f}"),
    ("server RSS (MB)", "{rss_mb:.0f}"),
    ("acks ok / failed", "{ok} / {failed}"),
    ("burst CPU client / server (s)", "{client_cpu:.2f} / {server_cpu:.2f}"),
]


def raise_open_files_limit() -> tuple[int, int]:
    """Raise this process's soft open-files limit to the hard limit; return (soft, hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1_048_576
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of already sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(fraction * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


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
    key_file = Path(data_dir, "facilitator_key")
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}; see server.log")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, url, key_file.read_text().strip()
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start listening within 20 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server politely, then firmly."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def server_process(url: str, pid: int | None) -> psutil.Process | None:
    """Find the server process: by pid, or as the one listening on the URL's port."""
    if pid:
        return psutil.Process(pid)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            return psutil.Process(conn.pid)
    return None


async def session_cookie(http: aiohttp.ClientSession, method: str, url: str, **kw) -> str:
    """Make a request that answers with a redirect and return the signed session cookie."""
    async with http.request(method, url, allow_redirects=False, **kw) as response:
        if response.status != 302 or "session" not in response.cookies:
            raise RuntimeError(f"{method} {url} answered {response.status} without a cookie")
        return response.cookies["session"].value


async def connect(url: str, cookie: str | None, hello: dict) -> socketio.AsyncClient:
    """Open one websocket-only Socket.IO client, say hello, and check the answer."""
    client = socketio.AsyncClient(reconnection=False, request_timeout=30)
    headers = {"Cookie": f"session={cookie}"} if cookie else {}
    await client.connect(url, headers=headers, transports=["websocket"], wait_timeout=30)
    answer = await client.call("hello", hello, timeout=30)
    if not answer.get("ok"):
        raise RuntimeError(f"hello refused: {answer}")
    return client


async def bounded(limit: int, coroutines) -> list:
    """Run coroutines with at most `limit` in flight; return their results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(coroutine):
        async with gate:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines))


async def run(n: int, url: str, key: str, server: psutil.Process | None, clients: list) -> dict:
    """Check in n phones, connect them, open a round, vote in one burst, and measure."""
    jar = aiohttp.DummyCookieJar()
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(f"{url}/healthz") as response:
            code = (await response.json())["meeting"]
        facilitator_cookie = await session_cookie(http, "GET", f"{url}/facilitate?key={key}")
        forms = [
            {"display_name": f"Phone {i}", "resident": "yes" if i % 3 else "no", "first_time": "no"}
            for i in range(n)
        ]
        check_in = f"{url}/m/{code}/check-in"
        cookies = await bounded(50, (session_cookie(http, "POST", check_in, data=f) for f in forms))

    started = time.perf_counter()
    phone_hello = {"role": "phone", "code": code}
    phones = await bounded(100, (connect(url, c, phone_hello) for c in cookies))
    clients.extend(phones)
    connect_s = time.perf_counter() - started
    print(f"  {n} phones checked in and connected in {connect_s:.2f} s", flush=True)

    projector = socketio.AsyncClient(reconnection=False)
    final_tally = asyncio.Event()
    round_id = None
    seen = {"at": None}

    @projector.on("counts")
    async def on_counts(payload):
        rnd = payload.get("round") or {}
        if rnd.get("id") == round_id and sum(rnd["counts"].values()) == n and not seen["at"]:
            seen["at"] = time.perf_counter()
            final_tally.set()

    clients.append(projector)
    await projector.connect(url, transports=["websocket"], wait_timeout=30)
    await projector.call("hello", {"role": "projector"}, timeout=30)
    facilitator = await connect(url, facilitator_cookie, {"role": "facilitator"})
    clients.append(facilitator)
    opened = await facilitator.call("open_round", {"text": "Load test", "kind": "consent"})
    round_id = opened["round"]["id"]

    go = asyncio.Event()
    latencies: list[float] = []
    failures: list[str] = []
    first_sent: list[float] = []

    async def vote(phone: socketio.AsyncClient, choice: str) -> None:
        await go.wait()
        sent = time.perf_counter()
        first_sent.append(sent)
        payload = {"code": code, "round_id": round_id, "choice": choice, "reason": ""}
        try:
            answer = await phone.call("vote", payload, timeout=60)
        except Exception as error:  # a timeout or a dropped socket counts as a failed ack
            failures.append(type(error).__name__)
            return
        if answer.get("ok"):
            latencies.append(time.perf_counter() - sent)
        else:
            failures.append(answer.get("error", "refused"))

    rng = random.Random(n)
    tasks = [asyncio.create_task(vote(p, rng.choice(CHOICES))) for p in phones]
    await asyncio.sleep(0.2)  # let every task reach the starting line
    client_cpu, server_cpu = time.process_time(), sum(server.cpu_times()[:2]) if server else 0.0
    go.set()
    await asyncio.gather(*tasks)
    await asyncio.wait_for(final_tally.wait(), timeout=30)
    client_cpu = time.process_time() - client_cpu
    server_cpu = sum(server.cpu_times()[:2]) - server_cpu if server else float("nan")
    rss_mb = server.memory_info().rss / 2**20 if server else float("nan")
    await facilitator.call("close_round", {"round_id": round_id})

    latencies.sort()
    return {
        "phones": n,
        "connect_s": connect_s,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else 0.0) * 1000,
        "tally_ms": (seen["at"] - first_sent[0]) * 1000,
        "rss_mb": rss_mb,
        "ok": len(latencies),
        "failed": len(failures),
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
    }


async def bounded_run(n: int, args: argparse.Namespace) -> dict | None:
    """One run against the given or a fresh server, stopped by --timeout; None on failure."""
    clients: list[socketio.AsyncClient] = []
    proc, data_dir = None, None
    try:
        if args.url:
            url, key = args.url.rstrip("/"), args.key
            server = server_process(url, args.pid)
        else:
            data_dir = tempfile.mkdtemp(prefix="kiosk-bench-")
            proc, url, key = start_server(data_dir)
            server = psutil.Process(proc.pid)
        return await asyncio.wait_for(run(n, url, key, server, clients), args.timeout)
    except Exception as error:
        print(f"  {n} phones: FAILED ({type(error).__name__}: {error})", flush=True)
        if data_dir:
            print(f"  server log kept in {data_dir}/server.log", flush=True)
            data_dir = None
        return None
    finally:
        await bounded(200, (c.disconnect() for c in clients if c.connected))
        if proc:
            stop_server(proc)
        if data_dir:
            subprocess.run(["rm", "-rf", data_dir], check=False)


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
    print(f"open files: soft {soft}, hard {hard}; {max(args.phones) + 50} needed", flush=True)
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
