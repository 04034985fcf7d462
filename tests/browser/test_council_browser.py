"""A council meeting, end to end, in a real browser: the agenda, the desk, the delegate's phone.

The real server (`python app.py`) runs as a district council on its own data folder (set by
KIOSK_* variables, as any setting can be). A member assembly, made in this test process with the
confederation helpers, puts two proposals up; the facilitator registers it, uploads its bundle,
puts the proposals on the agenda, publishes it and downloads the agenda bundle; the assembly
mandates its delegate on the items by id, and its next bundle goes up. At the greeter's desk a
USB scanner (a keyboard that types the card's code and Enter) reads the card, the greeter picks
the delegate and the desk shows the code that pairs her phone. The phone is refused a vote
against its mandate, then votes as mandated. docs/img/council-*.png are written when missing, or
refreshed with UPDATE_DOC_SCREENSHOTS=1. The laptop's camera is tested in
test_council_camera.py.
"""

import pytest
from council_browser_steps import DISTRICT, FRIDGE, member_on_the_roll
from liveserver import PHONE_SCREEN, LiveServer, Room, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

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


def test_the_desk_scans_a_card_pairs_the_phone_and_the_mandate_binds_the_vote(
    council_server, council_room, tmp_path
):
    server, room = council_server, council_room
    _mill, made, console = member_on_the_roll(room, tmp_path)

    desk = room.page({"viewport": {"width": 1280, "height": 800}})
    desk.goto(server.facilitator_link)
    desk.goto(f"{server.url}/desk")
    expect(desk.locator("#card-code")).to_be_focused()
    desk.keyboard.type(made["payload"])  # the scanner types the card's code, then Enter
    desk.keyboard.press("Enter")
    expect(desk.locator("#who h2")).to_have_text("This is Mill Lane's card. Who has come?")
    desk.get_by_role("button", name="Ada Brook the delegate").click()
    expect(desk.locator("#paired h2")).to_have_text("Ada Brook is checked in for Mill Lane")
    code = desk.locator("#pair-code").inner_text().replace(" ", "")
    # the pairing code's QR image arrives on its own request: wait until it has been drawn
    desk.wait_for_function("() => document.querySelector('#pair-qr').naturalWidth > 0")
    save_screenshot(desk.locator("main"), "council-desk.png", docs=True)

    phone = room.page(PHONE_SCREEN, server.join_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check in")
    phone.get_by_label("The code from the desk").fill("000000")
    phone.get_by_role("button", name="Pair this phone").click()
    expect(phone.get_by_role("alert")).to_contain_text("does not match")
    phone.get_by_label("The code from the desk").fill(code)
    phone.get_by_role("button", name="Pair this phone").click()
    phone.wait_for_selector("#connection.online")
    mandate = phone.locator("#mandate")
    expect(mandate).to_contain_text("You are Ada Brook, delegate for Mill Lane.")

    projector = room.projector()
    agenda = console.context.new_page()
    agenda.goto(f"{server.url}/facilitate/council/agenda")
    agenda.get_by_role("button", name="Open a round on item 1").click()
    expect(agenda.get_by_role("status")).to_contain_text(f"Opened: “{FRIDGE}”")
    # the phone follows the round: its instruction arrives without a reload
    expect(phone.locator("#mandate-words")).to_have_text(WORDS)
    expect(phone.locator("#mandate-seat")).to_have_text("Mill Lane has not voted on this yet.")
    ballot = phone.locator("#round")
    ballot.get_by_role("button", name="No", exact=True).tap()
    status = phone.locator("#vote-status")
    expect(status).to_contain_text("“No” goes against your assembly's mandate.")
    expect(status).to_contain_text("vote Yes. Or do not vote.")
    expect(status).to_have_class("vote-status error")
    phone.locator("#mandate").scroll_into_view_if_needed()
    save_screenshot(phone, "council-phone.png", docs=True, animations="disabled")
    round_id = server.query("SELECT MAX(id) AS id FROM rounds")[0]["id"]
    assert server.votes(round_id) == {}

    ballot.get_by_role("button", name="Yes", exact=True).tap()
    expect(status).to_have_text("Your vote: Yes — saved ✓")
    expect(phone.locator("#mandate-seat")).to_have_text(
        "Mill Lane's vote so far: Yes, cast by Ada Brook."
    )
    expect(bar(console, "yes")).to_have_text("1")
    expect(bar(projector, "yes")).to_have_text("1")
    assert server.votes(round_id) == {"Mill Lane": "yes"}  # the assembly's one seat
    [cast] = server.query("SELECT * FROM council_votes")
    assert (cast["choice"], cast["position"], cast["item_version"]) == ("yes", "must_support", 1)

    page = console.context.new_page()
    page.goto(f"{server.url}/facilitate/council")
    expect(page.locator("#bindings")).to_contain_text(f"“{FRIDGE}” (open): agenda item")
    expect(page.locator("#roll .checked-in")).to_have_text("Ada Brook (delegate)")
    expect(page.locator("#bindings .found")).to_contain_text("Must support — Your mandate says")
    save_screenshot(page.locator("main"), "council-console.png", docs=True)
    room.assert_only_loopback()
