"""A council meeting, end to end, in a real browser: register, import, check in by card, vote.

The real server (`python app.py`) runs as a district council on its own data folder (set by
KIOSK_* variables, as any setting can be). A member assembly, made in this test process with the
confederation helpers, exports its bundle; the facilitator registers it and uploads the bundle
on the council page, then opens a vote from the console. A delegate's phone checks in by
pasting its card's code, sees its instruction, is refused a vote against it and then votes as
mandated; the console and projector count it. docs/img/council-phone.png is written when
missing, or refreshed with UPDATE_DOC_SCREENSHOTS=1.
"""

import pytest
from confederation import Kiosk
from liveserver import PHONE_SCREEN, LiveServer, Room, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DISTRICT = "Hackney District Council"
FRIDGE = "Open a community fridge on Clarence Road"
LIBRARY = "Close the Mare Street library on Sundays"
WORDS = "Your mandate says you must support this: vote Yes."


@pytest.fixture
def council_server(tmp_path, monkeypatch):
    """A fresh kiosk run as a district council, with its own data folder and port."""
    monkeypatch.setenv("KIOSK_COUNCIL", "district")
    monkeypatch.setenv("KIOSK_ASSEMBLY_NAME", DISTRICT)
    with LiveServer(tmp_path / "data") as live:
        yield live


@pytest.fixture
def council_room(browser, council_server):
    """The browsers of one test at the council, closed afterwards."""
    people = Room(browser, council_server)
    yield people
    people.close()


def bar(page, choice: str):
    """The count beside one choice's bar."""
    return page.locator(f"#bars .bar-row[data-choice='{choice}'] .bar-count")


def open_vote(console, text: str) -> None:
    """Open a yes/no final vote by simple majority from the console's proposal form."""
    console.locator(".ros-tab[data-tool=proposal]").click()
    console.select_option("#round-stage", "final")
    console.select_option("#round-kind", "vote")
    console.select_option("#round-rule-choice", "majority")
    console.fill("#proposal-text", text)
    console.click("#open-consent")
    expect(console.locator("#round-heading")).to_have_text("Final vote — open")
    expect(console.locator("#console-error")).to_be_hidden()


def test_a_delegate_checks_in_by_card_and_votes_within_the_mandate(
    council_server, council_room, tmp_path
):
    server, room = council_server, council_room
    mill = Kiosk.assembly("Mill Lane")
    mill.legitimate_meeting()
    made = mill.elect(
        DISTRICT,
        "district",
        "Ada Brook",
        [(FRIDGE, "must_support", ""), (LIBRARY, "must_oppose", "")],
        co_delegate="Ben Cole",
    )
    bundle = tmp_path / "mill-lane.zip"
    bundle.write_bytes(mill.export())

    console = room.console()
    link = console.get_by_role("link", name="Council…")
    expect(link).to_be_visible()
    page = console.context.new_page()
    page.goto(server.url + link.get_attribute("href"))
    expect(page.locator("h1")).to_have_text(DISTRICT)
    register = page.locator("#register")
    register.get_by_label("Name, as the member's console shows it").fill("Mill Lane")
    register.get_by_label("Key fingerprint").fill(mill.me["fingerprint"])
    register.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status")).to_have_text(
        "Registered “Mill Lane”. Its first bundle will pin its key."
    )
    page.set_input_files("#bundle", str(bundle))
    page.get_by_role("button", name="Verify and import").click()
    expect(page.locator("#import-result")).to_contain_text("On the roll now: Ada Brook.")
    expect(page.locator("#members tr[data-member='Mill Lane'] .meets")).to_have_text("yes")
    expect(page.locator("#roll .status")).to_have_text("valid")

    phone = room.page(PHONE_SCREEN, server.join_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check in with your mandate card")
    phone.get_by_label("The code on your mandate card").fill("AK1.not-a-card")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.get_by_role("alert")).to_contain_text("card")
    phone.get_by_label("The code on your mandate card").fill(made["payload"])
    expect(phone.get_by_label("I am the delegate")).to_be_checked()
    phone.get_by_role("button", name="Check in").click()
    phone.wait_for_selector("#connection.online")
    expect(phone.locator("#greeting")).to_have_text("Hello, Ada Brook!")
    mandate = phone.locator("#mandate")
    expect(mandate).to_contain_text("You are Ada Brook, delegate for Mill Lane.")
    expect(mandate).to_contain_text("When the council votes")

    projector = room.projector()
    open_vote(console, FRIDGE)
    # the phone follows the round: its instruction arrives without a reload
    expect(phone.locator("#mandate-words")).to_have_text(WORDS)
    expect(phone.locator("#mandate-seat")).to_have_text("Mill Lane has not voted on this yet.")

    ballot = phone.locator("#round")
    ballot.get_by_role("button", name="No", exact=True).tap()
    status = phone.locator("#vote-status")
    expect(status).to_contain_text("must support “Open a community fridge")
    expect(status).to_contain_text("so “No” goes against it. Vote Yes, or do not vote.")
    expect(status).to_have_class("vote-status error")
    phone.locator("#mandate").scroll_into_view_if_needed()
    save_screenshot(phone, "council-phone.png", docs=True, animations="disabled")
    assert server.votes(server.query("SELECT MAX(id) AS id FROM rounds")[0]["id"]) == {}

    ballot.get_by_role("button", name="Yes", exact=True).tap()
    expect(status).to_have_text("Your vote: Yes — saved ✓")
    expect(phone.locator("#mandate-seat")).to_have_text(
        "Mill Lane's vote so far: Yes, cast by Ada Brook."
    )
    expect(bar(console, "yes")).to_have_text("1")
    expect(bar(console, "no")).to_have_text("0")
    expect(bar(projector, "yes")).to_have_text("1")
    round_id = server.query("SELECT MAX(id) AS id FROM rounds")[0]["id"]
    assert server.votes(round_id) == {"Mill Lane": "yes"}  # the assembly's one seat
    [cast] = server.query("SELECT * FROM council_votes")
    assert (cast["choice"], cast["position"]) == ("yes", "must_support")

    page.goto(f"{server.url}/facilitate/council")
    expect(page.locator("#links")).to_contain_text(f"“{FRIDGE}” (open)")
    expect(page.locator("#roll .checked-in")).to_have_text("Ada Brook (delegate)")
    expect(page.locator("#links tr[data-link] .found")).to_contain_text(
        f"1. {FRIDGE} — must support"
    )
    save_screenshot(page.locator("main"), "council-console.png", docs=True)
    room.assert_only_loopback()
