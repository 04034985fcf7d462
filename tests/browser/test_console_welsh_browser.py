"""A Welsh assembly's facilitator turns the console Welsh from the set-up page, and everything
the console's scripts write follows: the next action, the agenda rail, the projector's tools."""

import re

import pytest
from liveserver import LAPTOP_SCREEN
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_console_runs_in_welsh_once_the_meeting_does(room):
    console = room.page(LAPTOP_SCREEN, room.server.facilitator_link)
    expect(console.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))
    console.locator("#setup-link").click()
    console.locator("#d-speaks").select_option("cy")
    console.locator("#d-also-shows").select_option("en")
    console.locator("#d-languages button[type=submit]").click()

    expect(console.locator("html")).to_have_attribute("lang", "cy")
    expect(console.locator("#d-speaks")).to_have_value("cy")
    expect(console.locator("#d-also-shows")).to_have_value("en")
    expect(console.locator("#languages")).to_have_text("Ieithoedd")

    console.locator("#back-to-console").click()
    expect(console.locator("html")).to_have_attribute("lang", "cy")
    expect(console.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))
    next_action = console.locator("#ros-next-label")
    expect(next_action).to_have_text("Defnyddio templed Cynulliad y Bobl")
    console.keyboard.press("n")  # the highlighted action: the standard evening's agenda
    expect(next_action).to_have_text("Ydy, mae'r cloc yn gywir")
    rail = console.locator("#f-agenda li").first
    expect(rail).to_contain_text("munud")  # written by the rail's script, in Welsh
    console.locator(".ros-tab[data-tool=projector]").click()
    expect(console.locator("#f-scenes button").first).to_have_text("Dilyn yr agenda")
    projector = room.page(LAPTOP_SCREEN, "/projector")
    expect(projector.locator("html")).to_have_attribute("lang", "cy")
    room.assert_only_loopback()
