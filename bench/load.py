"""Load benchmark: N phones connect and vote in one burst; measure what the room sees.

    python bench/load.py --phones 150 500 1000 2000 [--workers 1 2] [--repeat 2]
    python bench/load.py --phones 2000 --reference PATH/TO/bench-ref [--reference-python PY]

Every run starts a fresh server on a free loopback port with a temporary folder and stops it
afterwards. Phones speak raw Socket.IO frames over a websocket (bench/rawsio.py), one event
loop for them all; the projector runs in a process of its own, as on its own screen. With
--reference, the reference server runs the same load in the same invocation, alternating with
the kiosk, and the ratios are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import sys
import time

import psutil
import rawsio
from servers import CHOICES, Kiosk, Reference, Server, bounded

COLUMNS = [
    ("server", "{server}"),
    ("workers", "{workers}"),
    ("phones", "{phones}"),
    ("connect + hello (s)", "{connect_s:.2f}"),
    ("ack p50 (ms)", "{p50_ms:.0f}"),
    ("ack p99 (ms)", "{p99_ms:.0f}"),
    ("first vote to final tally (ms)", "{tally_ms:.0f}"),
    ("RSS connected (MB)", "{rss_mb:.0f}"),
    ("reconnect all + hello (s)", "{reconnect_s:.2f}"),
    ("acks ok / failed", "{ok} / {failed}"),
    ("CPU s client / server / other", "{cpu_client:.2f} / {cpu_server:.2f} / {cpu_other:.2f}"),
]


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of sorted values (0 for none)."""
    if not values:
        return 0.0
    return values[max(1, math.ceil(fraction * len(values))) - 1]


def cpu_seconds(server: Server) -> tuple[float, float, float]:
    """Return the CPU seconds used so far by this client, by the server and by the machine."""
    machine = psutil.cpu_times()
    busy = sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)
    used = 0.0
    for proc in server.processes():
        try:
            used += sum(proc.cpu_times()[:2])
        except psutil.Error:
            pass
    return time.process_time(), used, busy


def rss_mb(server: Server) -> float:
    """Return the resident memory of the server's processes together, in MB."""
    return sum(p.memory_info().rss for p in server.processes()) / 2**20


def watch(server: Server, n: int, pipe) -> None:
    """In a process of its own: be the projector, say when the tally first reaches n."""

    async def main() -> None:
        http = rawsio.http_session()
        screen = await server.projector(http)

        def on_tally(payload: dict) -> None:
            if server.total(payload) == n:
                pipe.send(time.perf_counter())

        screen.on(server.tally_event, on_tally)
        pipe.send("ready")
        while not pipe.poll():
            await asyncio.sleep(0.02)
        await screen.close()
        await http.close()

    asyncio.run(main())


def start_profilers(server: Server, args, phase: str) -> list:
    """With --profile, sample each server process (py-spy) during one phase."""
    if not args.profile or args.profile_phase != phase:
        return []
    found = []
    for proc in server.processes():
        out = f"{args.profile}-{server.name}-{proc.pid}.txt"
        command = ["py-spy", "record", "--pid", str(proc.pid), "--format", "raw", "-r", "250"]
        found.append(subprocess.Popen(command + ["-o", out], stdout=subprocess.DEVNULL))
    time.sleep(1.0)  # let the sampler attach before the burst
    return found


def stop_profilers(found: list) -> None:
    """Stop the samplers; each writes its file."""
    for proc in found:
        proc.send_signal(signal.SIGINT)
    for proc in found:
        proc.wait(20)


async def burst(server: Server, phones: list) -> tuple[list[float], int, float]:
    """Send every phone's vote at once; return sorted ack latencies, failures and first send."""
    rng = random.Random(len(phones))
    first = time.perf_counter()
    pending = []
    for i, phone in enumerate(phones):
        sent = time.perf_counter()
        pending.append((sent, phone.send("vote", server.vote(i, rng.choice(CHOICES)))))
        if i % 100 == 99:
            await asyncio.sleep(0)  # let the frames leave, as 2,000 phones' would
    latencies, failed = [], 0
    for sent, future in pending:
        try:
            answered, answer = await asyncio.wait_for(future, 60)
        except (TimeoutError, ConnectionError):
            failed += 1
            continue
        if answer.get("ok", True):
            latencies.append(answered - sent)
        else:
            failed += 1
    return sorted(latencies), failed, first


async def reconnect(server: Server, phones: list) -> tuple[float, int]:
    """Drop every phone at once, as a Wi-Fi drop would; time until all are back and resynced."""
    await asyncio.gather(*(phone.drop() for phone in phones))
    started = time.perf_counter()
    results = await asyncio.gather(*(server.resync(p) for p in phones), return_exceptions=True)
    return time.perf_counter() - started, sum(isinstance(r, Exception) for r in results)


async def measure(server: Server, n: int, args) -> dict:
    """Connect n phones and a projector, vote in one burst, reconnect everyone; measure."""
    http = rawsio.http_session()
    phones: list = []
    try:
        cookies = await server.check_in(http, n)
        started = time.perf_counter()
        phones = await bounded(100, lambda cookie: server.phone(http, cookie), cookies)
        connect_s = time.perf_counter() - started
        console = await server.facilitator(http)
        await server.open_round(console)
        mine, theirs = multiprocessing.get_context("spawn").Pipe()
        screen = multiprocessing.get_context("spawn").Process(
            target=watch, args=(server, n, theirs), daemon=True
        )
        screen.start()
        if not mine.poll(30) or mine.recv() != "ready":
            raise RuntimeError("the projector did not connect")
        await asyncio.sleep(args.settle)  # let the server finish with the connections
        rss = rss_mb(server)
        profilers = start_profilers(server, args, "burst")
        before = cpu_seconds(server)
        latencies, failed, first = await burst(server, phones)
        if not await asyncio.to_thread(mine.poll, 30):
            raise RuntimeError("the projector did not show the final tally within 30 s")
        seen = mine.recv()
        after = cpu_seconds(server)
        stop_profilers(profilers)
        mine.send("stop")
        screen.join(10)
        reconnect_s, lost = math.nan, 0
        if args.reconnect:
            profilers = start_profilers(server, args, "reconnect")
            start = cpu_seconds(server)
            reconnect_s, lost = await reconnect(server, phones)
            end = cpu_seconds(server)
            stop_profilers(profilers)
            print(
                f"  reconnect: {reconnect_s:.2f} s, CPU s client {end[0] - start[0]:.2f}"
                f" server {end[1] - start[1]:.2f}",
                flush=True,
            )
    finally:
        await bounded(200, lambda phone: phone.close(), phones)
        await http.close()
    cpu = [b - a for a, b in zip(before, after, strict=True)]
    return {
        "server": server.name,
        "workers": getattr(server, "workers", 1),
        "phones": n,
        "connect_s": connect_s,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "tally_ms": (seen - first) * 1000,
        "rss_mb": rss,
        "reconnect_s": reconnect_s,
        "ok": len(latencies),
        "failed": failed + lost,
        "cpu_client": cpu[0],
        "cpu_server": cpu[1],
        "cpu_other": max(0.0, cpu[2] - cpu[0] - cpu[1]),
    }


def run(server: Server, n: int, args) -> dict | None:
    """One bounded run against a fresh server; None (and the log kept) if it failed."""
    try:
        server.start()
        return asyncio.run(asyncio.wait_for(measure(server, n, args), args.timeout))
    except Exception as error:
        print(f"  {server.name} {n} phones: FAILED ({type(error).__name__}: {error})")
        print(f"  its log is kept in {server.folder}", flush=True)
        server.folder = None
        return None
    finally:
        server.stop()
        if server.folder:
            import shutil

            shutil.rmtree(server.folder, ignore_errors=True)


def table(rows: list[dict]) -> str:
    """Render results as a markdown table."""
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |"]
    lines.append("|" + "---:|" * len(COLUMNS))
    for row in rows:
        lines.append("| " + " | ".join(fmt.format(**row) for _, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> list[str]:
    """Compare each kiosk run with the reference run of the same set (same size, same turn)."""
    lines = []
    for ref in (row for row in rows if row["server"] == "reference"):
        for kiosk in (r for r in rows if r["server"] == "kiosk" and r["set"] == ref["set"]):
            tally, p99 = kiosk["tally_ms"] / ref["tally_ms"], kiosk["p99_ms"] / ref["p99_ms"]
            lines.append(
                f"{kiosk['phones']} phones, {kiosk['workers']} worker(s): tally {tally:.2f}x "
                f"the reference's, ack p99 {p99:.2f}x, RSS {kiosk['rss_mb'] / ref['rss_mb']:.2f}x"
            )
    return lines


def options() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[150, 500, 1000, 2000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="kiosk processes")
    parser.add_argument("--repeat", type=int, default=1, help="runs per phone count")
    parser.add_argument("--reference", help="folder of the reference server, run alongside")
    parser.add_argument(
        "--reference-python",
        default=os.path.join(os.environ["BENCH_REF_VENV"], "bin", "python")
        if os.environ.get("BENCH_REF_VENV")
        else sys.executable,
        help="the Python that runs the reference server (default: $BENCH_REF_VENV or this one)",
    )
    parser.add_argument("--settle", type=float, default=2.0, help="idle seconds before the burst")
    parser.add_argument("--no-reconnect", dest="reconnect", action="store_false")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per run")
    parser.add_argument("--markdown", help="append the results table to this file")
    parser.add_argument("--json", help="append one JSON line per run to this file")
    parser.add_argument("--profile", help="sample the server with py-spy into PREFIX-*.txt")
    parser.add_argument("--profile-phase", choices=["burst", "reconnect"], default="burst")
    return parser.parse_args()


def main() -> None:
    """Run every size (kiosk at each worker count, then the reference), print the tables."""
    args = options()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"open files: {hard}; this client needs about {max(args.phones) + 50}", flush=True)
    rows, wanted = [], 0
    for n in args.phones:
        for turn in range(args.repeat):
            servers: list[Server] = [Kiosk(w) for w in args.workers]
            if args.reference:
                servers.append(Reference(args.reference, args.reference_python))
            for server in servers:
                wanted += 1
                row = run(server, n, args)
                if row:
                    row["set"] = f"{n}/{turn}"
                    rows.append(row)
                    print(table([row]).splitlines()[-1], flush=True)
                    if args.json:
                        with open(args.json, "a", encoding="utf-8") as out:
                            out.write(json.dumps(row) + "\n")
    print("\n" + table(rows))
    for line in ratios(rows):
        print(line)
    if args.markdown and rows:
        with open(args.markdown, "a", encoding="utf-8") as out:
            out.write(table(rows) + "\n\n" + "\n".join(ratios(rows)) + "\n")
    sys.exit(0 if len(rows) == wanted else 1)


if __name__ == "__main__":
    main()
