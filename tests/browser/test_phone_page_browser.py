"""The phone's page on a poor Wi-Fi: what scanning the join code costs, and how soon the form shows.

Measured by Chromium itself (DevTools protocol): bytes received for every response, redirects
and websocket frames included, and the first paint of the check-in form on a slow 3G link.
"""

import pytest
from liveserver import PHONE_SCREEN, check_in

pytestmark = pytest.mark.browser

BUDGET = 60_000  # bytes from scanning the code to a live page that can vote
# Slow 3G as it is usually quoted: 400 ms round trip, 500 kbit/s down and up.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 500_000 / 8,
    "uploadThroughput": 500_000 / 8,
}


def test_scanning_the_code_to_a_live_page_costs_under_60_kb(room, server):
    page = room.page(PHONE_SCREEN)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    received: list[int] = []
    devtools.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
    devtools.on(
        "Network.requestWillBeSent",
        lambda e: (
            "redirectResponse" in e and received.append(e["redirectResponse"]["encodedDataLength"])
        ),
    )
    devtools.on(
        "Network.webSocketFrameReceived",
        lambda e: received.append(len(e["response"]["payloadData"].encode())),
    )
    page.goto(server.join_url)
    check_in(page, "Alex")  # waits for the live page to connect and say hello
    page.wait_for_load_state("load")
    print(f"scan to live: {sum(received)} bytes in {len(received)} responses and frames")
    assert 10 < len(received) and sum(received) <= BUDGET, (len(received), sum(received))


def test_the_check_in_form_shows_within_2_s_on_slow_3g(room, server):
    page = room.page(PHONE_SCREEN)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(server.join_url, wait_until="load")
    assert page.locator("#display_name").is_visible()
    timing = page.evaluate(
        """() => ({
            paint: performance.getEntriesByName('first-contentful-paint').map(e => e.startTime),
            load: performance.getEntriesByType('navigation')[0].loadEventStart,
            files: performance.getEntriesByType('resource').map(e => [e.name, e.responseEnd]),
        })"""
    )
    # First paint (styles are in the head, so it shows the form styled); else the page's load.
    shown = (timing["paint"] or [timing["load"]])[0]
    print(f"check-in form shown at {shown:.0f} ms on slow 3G")
    assert 400 < shown <= 2000, f"the check-in form showed after {shown:.0f} ms ({timing})"
