"""Paper at scale: time the kiosk printing a batch of admission slips over HTTP.

    python bench/slips.py [--count 500] [--repeat 3]

Starts a fresh kiosk (as bench/load.py does), presents the facilitator key, and posts the
console's slips form; prints the seconds from request to the last byte of the PDF, its size,
and its pages.
"""

import argparse
import re
import time

import requests
from servers import Kiosk


def print_slips(server: Kiosk, count: int, repeat: int) -> list[tuple[float, int]]:
    """Post the slips form `repeat` times; return (seconds, bytes) for each."""
    http = requests.Session()
    http.get(f"{server.url}/facilitate?key={server.key}", timeout=30).raise_for_status()
    page = http.get(f"{server.url}/facilitate", timeout=30).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    results = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = http.post(
            f"{server.url}/facilitate/slips",
            data={"count": str(count), "csrf_token": token},
            timeout=120,
        )
        response.raise_for_status()
        body = response.content
        results.append((time.perf_counter() - started, len(body)))
        assert body.startswith(b"%PDF"), "not a PDF"
    return results


def main() -> None:
    """Start a kiosk, print the slips, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server = Kiosk()
    server.start()
    try:
        server.key = open(f"{server.folder}/facilitator_key").read().strip()
        for seconds, size in print_slips(server, args.count, args.repeat):
            print(f"{args.count} slips: {seconds:.2f} s, {size / 1e6:.2f} MB")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
