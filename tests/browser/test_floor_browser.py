"""The floor in real Chromium: a group that counts its unnamed member, the speaker's own phone
saying one thing, questions from phones released by the facilitator and upvoted, and the word
cloud shown only when the facilitator shows it, without the word they hid."""

import re

import pytest
from liveserver import PHONE_SCREEN, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}}
QUESTION = "Who looks after the garden in August?"


def tool(console, name: str) -> None:
    """Show one of the stage's tools on the console."""
    console.locator(f".ros-tab[data-tool={name}]").click()


def test_the_floor_from_phones_to_the_big_screen(server, room):
    console = room.page(LAPTOP, server.facilitator_link)
    projector = room.projector()
    amira, bo = room.phone("Amira"), room.phone("Bo")
    nameless = room.page(PHONE_SCREEN, server.join_url)
    nameless.check("input[name=resident][value=yes]")
    nameless.check("input[name=first_time][value=no]")
    nameless.get_by_role("button", name="Check in").click()
    expect(nameless.locator("#connection")).to_have_class("connection online")

    # One group of three: everyone counted, named or not.
    tool(console, "breakouts")
    console.fill("#f-size", "3")
    console.click("#f-start-breakouts")
    expect(amira.locator("#p-people")).to_have_text("3 in the group: Amira, Bo and one other")
    console.click("#f-end-breakouts")
    expect(amira.locator("#p-group")).to_be_hidden()

    # The speaker's phone says one thing: your turn. The others see who speaks.
    amira.get_by_role("button", name="To speak").tap()
    expect(amira.locator("#p-stack-status")).to_have_text("You're next!")
    console.click("#f-call")
    expect(amira.locator("#p-speaking")).to_contain_text("Your turn to speak")
    expect(amira.locator("#p-speaking-timer")).to_have_text(re.compile(r"^[12]:\d\d$"))
    expect(amira.locator("#p-stack")).to_be_hidden()  # no "on the stack", no join buttons
    expect(bo.locator("#p-floor")).to_have_text("Speaking now: Amira")
    expect(bo.locator("#p-stack-join")).to_be_visible()
    save_screenshot(amira, "phone-speaking.png", docs=True, animations="disabled")
    console.click("#f-call")  # thanks, Amira: nobody is left on the stack
    expect(amira.locator("#p-speaking")).to_be_hidden()
    expect(amira.locator("#p-stack-join")).to_be_visible()

    # A question from a phone: the facilitator sees it first; the projector shows it released.
    bo.fill("#p-ask-text", QUESTION)
    bo.get_by_role("button", name="Send my question").tap()
    expect(bo.locator("#p-mine")).to_contain_text("waiting for the facilitator")
    tool(console, "floor")
    expect(console.locator("#ros-asks-tab")).to_have_text("(1)")
    waiting = console.locator(f"#q-list li[data-question='{QUESTION}']")
    expect(waiting).to_have_class("waiting")
    console.click("#q-show")
    expect(projector.locator("body")).to_have_class(re.compile(r"\bscene-questions\b"))
    expect(projector.locator("#floor-questions li")).to_have_count(0)  # nothing before release
    expect(amira.locator("#p-asked li")).to_have_count(0)
    waiting.get_by_role("button", name="Release").click()
    expect(projector.locator("#floor-questions li .words")).to_have_text([QUESTION])
    amira.get_by_role("button", name=f"Upvote: {QUESTION}").tap()
    expect(amira.get_by_role("button", name=f"Upvote: {QUESTION}")).to_have_text("▲ 1")
    expect(projector.locator("#floor-questions .votes")).to_have_text(["▲ 1"])
    expect(bo.locator("#p-asked li")).to_contain_text("yours")  # no upvoting one's own
    save_screenshot(console, "console-questions.png", docs=True, animations="disabled")
    save_screenshot(projector, "scene-questions.png", docs=True, animations="disabled")

    # One word each: nothing on the big screen until shown, and never the hidden word.
    console.fill("#w-prompt", "In one word: what do you love about living here?")
    console.get_by_role("button", name="Ask the phones").click()
    for phone, word in ((amira, "Trees"), (bo, "trees"), (nameless, "rude")):
        expect(phone.locator("#p-words")).to_be_visible()
        phone.fill("#p-word", word)
        phone.locator("#p-word-form button").tap()
        expect(phone.locator("#p-words-status")).to_have_text(f"Your word: {word.lower()} ✓")
    expect(console.locator("#w-list li[data-word=trees]")).to_contain_text("trees × 2")
    expect(projector.locator("#word-cloud li")).to_have_count(0)
    console.locator("#w-list li[data-word=rude]").get_by_role("button", name="Hide").click()
    expect(console.locator("#w-list li[data-word=rude]")).to_have_class("hidden-word")
    console.click("#w-show")
    expect(projector.locator("body")).to_have_class(re.compile(r"\bscene-words\b"))
    expect(projector.locator("#word-cloud li")).to_have_text(["trees"])
    save_screenshot(projector, "scene-words.png", docs=True, animations="disabled")
    room.assert_only_loopback()
