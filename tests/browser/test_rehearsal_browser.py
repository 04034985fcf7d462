"""A rehearsal in real Chromium: `python app.py --rehearse` fills the room with forty pretend
phones while the facilitator practises; every page says it is a rehearsal; ending it on the
console brings back the real meeting, where nobody pretend ever came."""

import pytest
from liveserver import LiveServer, Room, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}}


@pytest.fixture
def rehearsing(tmp_path):
    """The kiosk started with --rehearse, its crowd stepping quickly."""
    with LiveServer(
        tmp_path / "data", args=("--rehearse",), settings={"REHEARSAL_TICK": "0.3"}
    ) as live:
        yield live


def test_app_rehearse_fills_the_room_and_ending_it_brings_back_the_real_meeting(
    rehearsing, browser
):
    room = Room(browser, rehearsing)
    try:
        console = room.page(LAPTOP, rehearsing.facilitator_link)
        expect(console.locator("#rehearsal-banner")).to_contain_text("Rehearsal")
        projector = room.page({"viewport": {"width": 1280, "height": 720}}, "/projector")
        expect(projector.locator("#rehearsal-mark")).to_have_text("Rehearsal")
        expect(projector.locator("#present")).to_have_text("40", timeout=30_000)
        expect(console.locator("#present")).to_have_text("40")
        phone = room.phone("Zoe")  # a real phone that scans the QR joins the rehearsal too
        expect(phone.locator(".p-rehearsal")).to_have_text("Rehearsal")

        # The facilitator practises: the template, then a vote the pretend crowd answers.
        console.locator("#ros-next").click()  # Use the People's Assembly template
        expect(console.locator("#f-agenda li")).to_have_count(8)
        console.locator(".ros-tab[data-tool=proposal]").click()
        console.fill("#proposal-text", "Plant trees along the main road.")
        console.click("#open-consent")
        expect(projector.locator("#responded")).to_contain_text("of 41 present", timeout=20_000)
        expect(console.locator("#ros-responded")).not_to_have_text("0 of 41 present have responded")
        save_screenshot(console, "console-rehearsal.png", docs=True, animations="disabled")

        console.click("#rehearsal-end")
        expect(console.locator("#rehearsal-banner")).to_have_count(0)
        expect(console.locator("#present")).to_have_text("0")
        expect(projector.locator("#rehearsal-mark")).to_have_count(0)
        expect(projector.locator("#present")).to_have_text("0")
        pretend = rehearsing.query(
            "SELECT COUNT(*) AS n FROM attendees a JOIN meetings m ON m.id = a.meeting_id "
            "WHERE m.rehearsal = 0"
        )
        assert pretend[0]["n"] == 0  # the real meeting never saw them
        room.assert_only_loopback()
    finally:
        room.close()
