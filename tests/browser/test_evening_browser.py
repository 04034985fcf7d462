"""The room, end to end, in a real browser: scan the QR, check in, vote, see the outcome.

Each test starts the real server (`python app.py`) and drives headless Chromium. Screenshots go
to tests/artefacts/; the docs' screenshots in docs/img/ are written when missing, or refreshed
with UPDATE_DOC_SCREENSHOTS=1.
"""

import io

import pytest
import zxingcpp
from liveserver import PROJECTOR_SCREEN, save_screenshot
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PROPOSAL = "Turn the empty lot on Elm Street into a community garden."
SAVED = "Your vote: {} — saved ✓"


def decode_qr(png: bytes) -> str:
    """Read the one QR code in a PNG, as a phone's camera would."""
    with Image.open(io.BytesIO(png)) as image:
        found = zxingcpp.read_barcodes(image.convert("RGB"))
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text


def open_round(console, text: str = PROPOSAL) -> None:
    """The facilitator types the proposal and opens a consent round."""
    console.fill("#proposal-text", text)
    console.click("#open-consent")
    expect(console.locator("#round-heading")).to_have_text("Consent round — open")


def vote(phone, label: str, reason: str = "") -> None:
    """Tap a vote button and wait until the kiosk has acknowledged the saved vote."""
    if reason:
        phone.fill("#reason", reason)
    phone.get_by_role("button", name=label, exact=True).tap()
    expect(phone.locator("#vote-status")).to_have_text(SAVED.format(label))


def bar(page, choice: str):
    """The count beside one choice's bar."""
    return page.locator(f"#bars .bar-row[data-choice={choice}] .bar-count")


def assert_clear_of_each_other(page, first: str, second: str) -> None:
    """Two elements are both wholly on screen and do not overlap (nothing hides the outcome)."""
    view = page.viewport_size
    a, b = page.locator(first).bounding_box(), page.locator(second).bounding_box()
    for box in (a, b):
        assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], box
        assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], box
    apart = (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )
    assert apart, f"{first} {a} overlaps {second} {b}"


def test_scan_check_in_vote_and_see_the_outcome(server, room):
    # The command a person runs serves on gevent, the mode the load figures were measured in.
    assert server.health["async_mode"] == "gevent"
    projector = room.page(PROJECTOR_SCREEN)
    projector.goto(f"{server.url}/projector")
    expect(projector.locator("#connection")).to_have_text("connected")
    expect(projector.locator("#present")).to_have_text("0")

    # A phone's camera reads the QR on the big screen.
    joined = decode_qr(projector.locator("#join-qr").screenshot())
    assert joined == server.join_url

    phones = [room.phone(name, joined) for name in ("Amira", "Bo", "Chidi")]
    for phone in phones:
        expect(phone.locator("#round h2")).to_have_text("Nothing to vote on yet.")
    expect(projector.locator("#present")).to_have_text("3")
    expect(projector.locator("#residents")).to_have_text("3")
    save_screenshot(projector, "projector-join.png", docs=True)

    console = room.console()
    open_round(console)
    expect(projector.locator("#round-text")).to_have_text(PROPOSAL)
    expect(projector.locator("#responded")).to_have_text("0 of 3 present have responded")
    for phone in phones:
        expect(phone.locator("#round .proposal")).to_have_text(PROPOSAL)

    vote(phones[0], "Agree")
    expect(bar(projector, "agree")).to_have_text("1")
    vote(phones[1], "Agree")
    vote(phones[2], "Stand aside")

    # The big screen updates live, without a reload.
    expect(bar(projector, "agree")).to_have_text("2")
    expect(bar(projector, "stand_aside")).to_have_text("1")
    expect(bar(projector, "concerns")).to_have_text("0")
    expect(bar(projector, "block")).to_have_text("0")
    expect(projector.locator("#responded")).to_have_text("3 of 3 present have responded")
    expect(projector.locator("#outcome")).to_be_hidden()
    expect(bar(console, "agree")).to_have_text("2")
    expect(phones[0].get_by_role("button", name="Agree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    save_screenshot(phones[0], "phone-vote.png", docs=True)
    save_screenshot(projector, "projector-voting.png")

    console.click("#close-round")
    sentence = "Passed: no blocks, 2 of 3 agree (1 standing aside)."
    expect(projector.locator("#outcome")).to_have_text(sentence)
    expect(projector.locator("#outcome")).to_have_class("outcome outcome-passed")
    expect(projector.locator("#round-rule")).to_contain_text("Round closed")
    expect(console.locator("#outcome")).to_have_text(sentence)
    for phone in phones:
        expect(phone.locator("#round .outcome")).to_have_text(sentence)
        expect(phone.get_by_role("button", name="Agree", exact=True)).to_have_count(0)
    assert_clear_of_each_other(projector, "#round", "#join")
    save_screenshot(projector, "projector-result.png", docs=True)
    save_screenshot(phones[2], "phone-outcome.png")

    room.assert_only_loopback()


def test_a_changed_vote_is_counted_once(server, room):
    projector = room.page(PROJECTOR_SCREEN)
    projector.goto(f"{server.url}/projector")
    phone = room.phone("Dana", server.join_url)
    other = room.phone("Eli", server.join_url)
    console = room.console()
    open_round(console, "Hold the next assembly on a Saturday.")

    vote(phone, "Block", reason="Saturdays clash with the market.")
    expect(bar(projector, "block")).to_have_text("1")
    vote(phone, "Concerns", reason="Fine, if it starts after the market.")
    vote(phone, "Agree")
    vote(other, "Agree")

    expect(bar(projector, "agree")).to_have_text("2")
    expect(bar(projector, "block")).to_have_text("0")
    expect(bar(projector, "concerns")).to_have_text("0")
    expect(projector.locator("#responded")).to_have_text("2 of 2 present have responded")
    (round_id,) = [row["id"] for row in server.query("SELECT id FROM rounds")]
    assert server.votes(round_id) == {"Dana": "agree", "Eli": "agree"}

    # Reloading the phone shows the vote the kiosk kept, not the first tap.
    phone.reload()
    expect(phone.locator("#vote-status")).to_have_text(SAVED.format("Agree"))
    room.assert_only_loopback()


def test_the_projector_cannot_act_as_facilitator(server, room):
    projector = room.page(PROJECTOR_SCREEN)
    projector.goto(f"{server.url}/projector")
    expect(projector.locator("#connection")).to_have_text("connected")

    # From the projector's own page, try what the console's buttons send.
    reply = projector.evaluate(
        """() => new Promise((resolve) => {
             const socket = io({ forceNew: true, transports: ["websocket"] });
             socket.on("connect", () => {
               socket.emit("open_round", { text: "Sneaky", kind: "consent" }, (answer) => {
                 socket.disconnect();
                 resolve(answer);
               });
             });
           })"""
    )
    assert reply == {"ok": False, "error": "Only the facilitator can do that."}
    assert server.query("SELECT COUNT(*) AS n FROM rounds")[0]["n"] == 0

    assert projector.goto(f"{server.url}/facilitate").status == 403
    assert projector.goto(f"{server.url}/facilitate?key=guess").status == 403
    expect(projector.get_by_role("alert")).to_have_text("That facilitator key is not right.")
    room.assert_only_loopback()
