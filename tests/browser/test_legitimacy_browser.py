"""Legitimacy you can prove, in real Chromium: the console's set-up page sets the area, a phone
gives its postcode and needs under the privacy notice, the desk enters a sign-in sheet line, the
set-up page sees where people came from and what they need, and erases one person's details on
request."""

import pytest
from liveserver import PHONE_SCREEN, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_residency_needs_and_an_erasure_from_the_console(server, room):
    console = room.console()
    console.click("#setup-link")  # the meeting's record is kept on the set-up page
    console.wait_for_url("**/facilitate/setup")
    expect(console.locator("#connection")).to_have_text("connected")
    console.fill("#mr-area", "M14 5, M14 6")
    console.fill("#mr-languages", "Polish, Welsh")
    console.fill("#mr-retention", "200")
    console.fill("#mr-contact", "hello@riverside.example")
    console.get_by_role("button", name="Save the assembly's settings").click()
    expect(console.locator("#mr-language-list")).to_contain_text("Polish (polski)")
    expect(console.locator("#mr-residency")).to_contain_text("0 inside the area")

    phone = room.page(PHONE_SCREEN, server.join_url)
    expect(phone.locator(".privacy")).to_contain_text("erased 200 days after the meeting")
    expect(phone.locator("#why-postcode")).to_contain_text("never your full postcode")
    phone.fill("#display_name", "Amira")
    phone.fill("#postcode", "m14 5ab")
    phone.locator("details.needs summary").click()
    phone.check("input[name=need][value=step_free]")
    phone.fill("#access_note", "A seat near the door")
    phone.check("input[name=first_time][value=no]")
    save_screenshot(phone, "check-in-postcode.png")
    phone.get_by_role("button", name="Check in").click()
    phone.wait_for_selector("#connection.online")

    expect(console.locator("#mr-residency")).to_contain_text("1 inside the area", timeout=8000)
    expect(console.locator("#mr-needs")).to_contain_text("Step-free access: 1")
    expect(console.locator("#mr-needs-notes")).to_contain_text("A seat near the door")

    desk = console.context.new_page()
    desk.goto(f"{server.url}/desk")
    expect(desk.locator("#connection")).to_have_text("connected")
    expect(desk.locator(".privacy")).to_contain_text("hello@riverside.example")
    desk.click("#more")
    expect(desk.locator("#without-phones")).to_have_text("1")
    desk.fill("#sheet-postcode", "M20 1AA")
    desk.get_by_label("Hearing loop").check()
    desk.get_by_role("button", name="Enter this line").click()
    expect(desk.locator("#sheet-counts")).to_contain_text("0 inside the area, 1 outside")
    expect(desk.locator("#sheet-postcode")).to_have_value("")
    desk.close()
    expect(console.locator("#mr-residency")).to_contain_text("1 outside it", timeout=8000)
    expect(console.locator("#mr-needs")).to_contain_text("Hearing loop: 1")

    console.fill("#mr-find", "amira")
    console.get_by_role("button", name="Find").click()
    expect(console.locator("#mr-found li")).to_contain_text("Amira")
    console.once("dialog", lambda dialog: dialog.accept())
    console.locator("#mr-found").get_by_role("button", name="Erase").click()
    expect(console.locator("#mr-found li")).to_contain_text("Attendee")
    expect(console.locator("#mr-found li")).to_contain_text("erased")
    expect(console.locator("#mr-residency")).to_contain_text("1 inside the area")
    expect(console.locator("#mr-needs-notes")).not_to_contain_text("A seat near the door")
    save_screenshot(console.locator("#mr-panel"), "console-legitimacy-panel.png")
    assert [
        dict(r) for r in server.query("SELECT display_name, postcode_sector FROM attendees")
    ] == [{"display_name": "Attendee 1", "postcode_sector": None}]
    room.assert_only_loopback()
