"""Two workers on one port, linked by a real redis-server (`app.py --workers 2`).

The kernel spreads connections over the workers, so each test connects until it has clients
on both, then checks that what happens on one worker is seen, exactly, on the other.
"""

import os
import shutil
import time

import pytest

from tests.liveserver import LiveServer, SocketClient, socket_facilitator, socket_phone

CHOICES = ["agree", "agree", "concerns", "stand_aside", "block", "agree"]


@pytest.fixture
def workers(tmp_path):
    """The kiosk with two workers and the redis-server it starts for them."""
    if shutil.which("redis-server") is None:
        reason = "no redis-server (Debian: apt install redis-server)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):  # CI installs it: there, missing fails
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with LiveServer(tmp_path / "data", args=("--workers", "2")) as live:
        yield live


def phones_on_both(server: LiveServer, other_than: int, at_least: int = 6) -> list[SocketClient]:
    """Check phones in until at least `at_least` are connected and one is on another worker."""
    phones = []
    while len(phones) < at_least or all(p.worker == other_than for p in phones):
        assert len(phones) < 40, "every connection landed on one worker"
        phones.append(socket_phone(server, f"Phone {len(phones)}"))
    return phones


def wait_for(found, seconds: float = 10):
    """Return found() once it is truthy, or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not (result := found()):
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.05)
    return result


def test_a_vote_on_one_worker_reaches_a_projector_on_the_other_exactly(workers):
    projector = SocketClient(workers)
    projector.connect("projector")
    heard = []
    projector.sio.on("counts", heard.append)
    console = socket_facilitator(workers)
    phones = phones_on_both(workers, other_than=projector.worker)
    try:
        answer = console.sio.call("open_round", {"text": "Across workers", "kind": "consent"})
        round_id = answer["round"]["id"]
        expected: dict[str, int] = {}
        for phone, choice in zip(phones, CHOICES * 7, strict=False):
            vote = {"code": workers.code, "round_id": round_id, "choice": choice, "reason": ""}
            assert phone.sio.call("vote", vote, timeout=10)["ok"]
            expected[choice] = expected.get(choice, 0) + 1

        def final():
            full = [
                c["round"]["counts"]
                for c in heard
                if c["round"]
                and c["round"]["id"] == round_id
                and sum(c["round"]["counts"].values()) == len(phones)
            ]
            return full and full[-1]

        counts = wait_for(final)
        assert {k: n for k, n in counts.items() if n} == expected
        stored = workers.votes(round_id)
        assert len(stored) == len(phones)
        assert {c: list(stored.values()).count(c) for c in expected} == expected
        assert {p.worker for p in phones} == {0, 1}
    finally:
        for client in [projector, console, *phones]:
            client.close()


def test_hand_signals_are_counted_and_limited_across_workers(workers):
    console = socket_facilitator(workers)
    signals = []
    console.sio.on("signals", signals.append)
    phone = socket_phone(workers, "Waver")
    twin = SocketClient(workers)  # the same phone's second tab: its cookie, maybe another worker
    twin.http.cookies.update(phone.http.cookies)
    for _ in range(20):
        twin.connect("phone", workers.code)
        if twin.worker != phone.worker:
            break
        twin.sio.disconnect()
    assert twin.worker != phone.worker
    try:
        sent = [
            client.sio.call("signal", {"code": workers.code, "kind": "agree"}, timeout=10)
            for client in [phone, twin] * 3
        ]
        assert [answer["ok"] for answer in sent] == [True] * 5 + [False]  # one limit, not two
        wait_for(lambda: signals and signals[-1]["counts"]["agree"] == 5)
    finally:
        for client in (console, phone, twin):
            client.close()
