"""Kill the kiosk in the middle of a burst of votes; restart it; nothing acknowledged is lost.

Phones (Socket.IO clients, plus one real browser phone) vote in a loop, changing their choice,
while the server process is SIGKILLed. A vote the kiosk acknowledged was committed first, so
after a restart on the same port and data folder every acknowledged vote must be in the tally.
A vote that was sent but never acknowledged may or may not have been saved: the test allows
exactly that one vote as the alternative. The projector and phone pages that were open before
the crash must reconnect by themselves and show the same counts.
"""

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from liveserver import (
    PHONE_SCREEN,
    PROJECTOR_SCREEN,
    SocketClient,
    check_in,
    launch_chromium,
    socket_facilitator,
    socket_phone,
    socket_snapshot,
)
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

CHOICES = ("agree", "concerns", "stand_aside", "block")
PHONES = 6
ACKS_BEFORE_KILL = 120


@dataclass
class Voter:
    """One phone voting in a loop: what it last had acknowledged, and what it sent after."""

    name: str
    client: SocketClient
    acked: str | None = None  # the last choice the kiosk acknowledged
    unacked: str | None = None  # a choice sent after that, whose answer never came
    count: int = 0
    errors: list[str] = field(default_factory=list)

    def run(self, round_id: int, code: str, stop: threading.Event) -> None:
        """Vote, changing choice each time, until stopped or the kiosk stops answering."""
        for choice in itertools.cycle(CHOICES):
            if stop.is_set():
                return
            self.unacked = choice
            payload = {"code": code, "round_id": round_id, "choice": choice, "reason": self.name}
            try:
                reply = self.client.sio.call("vote", payload, timeout=2)
            except Exception as error:  # the server died, or went quiet: stop voting
                self.errors.append(type(error).__name__)
                return
            if not reply.get("ok"):
                self.errors.append(str(reply))
                return
            assert reply["vote"]["choice"] == choice
            self.acked, self.unacked = choice, None
            self.count += 1


def acks(voters: list[Voter]) -> int:
    """How many votes the kiosk has acknowledged so far, over all voters."""
    return sum(v.count for v in voters)


def bar(page, choice: str):
    """The count beside one choice's bar."""
    return page.locator(f"#bars .bar-row[data-choice={choice}] .bar-count")


def test_acknowledged_votes_survive_a_crash_and_pages_reconnect(server, chromium):
    code = server.code
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        try:
            projector_context = browser.new_context(**PROJECTOR_SCREEN)
            phone_context = browser.new_context(**PHONE_SCREEN)
            for context in (projector_context, phone_context):
                context.set_default_timeout(15_000)
            projector = projector_context.new_page()
            projector.goto(f"{server.url}/projector")
            expect(projector.locator("#connection")).to_have_text("connected")
            browser_phone = phone_context.new_page()
            browser_phone.goto(server.join_url)
            check_in(browser_phone, "Browser phone")

            voters = [
                Voter(f"phone-{i}", socket_phone(server, f"phone-{i}")) for i in range(PHONES)
            ]
            facilitator = socket_facilitator(server)
            try:
                reply = facilitator.sio.call(
                    "open_round", {"text": "Paint the hall blue.", "kind": "consent"}, timeout=10
                )
                assert reply["ok"], reply
                round_id = reply["round"]["id"]

                browser_phone.get_by_role("button", name="Agree", exact=True).tap()
                status = browser_phone.locator("#vote-status")
                expect(status).to_have_text("Your vote: Agree — saved ✓")
                expect(bar(projector, "agree")).to_have_text("1")

                # The burst: every phone votes in a loop; the server dies in the middle of it.
                stop = threading.Event()
                threads = [
                    threading.Thread(target=v.run, args=(round_id, code, stop)) for v in voters
                ]
                for thread in threads:
                    thread.start()
                deadline = time.monotonic() + 20
                while acks(voters) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
                    time.sleep(0.005)
                server.kill()
                acks_at_kill = acks(voters)
                stop.set()
                for thread in threads:
                    thread.join(timeout=10)
                    assert not thread.is_alive()
            finally:
                facilitator.close()
                for v in voters:
                    v.client.close()

            assert acks_at_kill >= ACKS_BEFORE_KILL, f"only {acks_at_kill} votes acknowledged"
            assert all(v.acked for v in voters), [(v.name, v.count, v.errors) for v in voters]
            # The kill really landed mid-burst: voters were cut off, not stopped politely.
            assert any(v.unacked for v in voters), [(v.name, v.errors) for v in voters]

            # The pages notice the kiosk is gone.
            expect(projector.locator("#connection")).to_have_text("reconnecting…")
            expect(browser_phone.locator("#connection")).to_have_text("reconnecting…")

            health = server.start()
            assert health["meeting"] == code
            assert health["attendance"]["present"] == PHONES + 1

            stored = server.votes(round_id)
            for v in voters:
                allowed = {v.acked, v.unacked} - {None}
                assert stored.get(v.name) in allowed, (
                    f"{v.name}: stored {stored.get(v.name)!r}, last acknowledged {v.acked!r}, "
                    f"sent after that {v.unacked!r}"
                )
            assert stored["Browser phone"] == "agree"
            assert len(stored) == PHONES + 1

            expected = {choice: 0 for choice in CHOICES}
            expected.update(Counter(stored.values()))
            snapshot = socket_snapshot(server)
            assert snapshot["round"]["id"] == round_id
            assert snapshot["round"]["status"] == "open"
            assert snapshot["round"]["counts"] == expected

            # The pages open before the crash reconnect by themselves and catch up.
            expect(projector.locator("#connection")).to_have_text("connected")
            for choice, n in expected.items():
                expect(bar(projector, choice)).to_have_text(str(n))
            expect(projector.locator("#responded")).to_have_text(
                f"{PHONES + 1} of {PHONES + 1} present have responded"
            )
            expect(browser_phone.locator("#connection")).to_have_text("connected")
            expect(status).to_have_text("Your vote: Agree — saved ✓")

            # And the room carries on: the same cookie still votes after the restart.
            browser_phone.get_by_role("button", name="Stand aside", exact=True).tap()
            expect(status).to_have_text("Your vote: Stand aside — saved ✓")
            expect(bar(projector, "stand_aside")).to_have_text(str(expected["stand_aside"] + 1))
            expect(bar(projector, "agree")).to_have_text(str(expected["agree"] - 1))
            assert server.votes(round_id)["Browser phone"] == "stand_aside"
        finally:
            browser.close()
