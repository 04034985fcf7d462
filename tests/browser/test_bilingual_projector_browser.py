"""A Welsh assembly's projector, live: every prompt in Welsh first and English beneath it.

The meeting speaks Welsh and shows English beside it. The projector's own words (the join card,
the agreements, the scene titles) come from the server in both; the words its scripts draw (the
round's "Vote now", the close scene's thanks) come from the page's two sets of script words. Each
English line carries lang="en" for screen readers, and sits smaller beneath or beside the Welsh.
"""

import re

import pytest
from liveserver import save_screenshot, socket_facilitator
from playwright.sync_api import expect

from kiosk.db import connect
from kiosk.meeting.languages import set_meeting_languages

pytestmark = pytest.mark.browser


def both(page, selector: str, welsh: str, english: str) -> None:
    """The element shows the Welsh, and the English in a smaller span marked lang="en"."""
    element = page.locator(selector)
    expect(element).to_be_visible()
    expect(element).to_contain_text(welsh)
    second = element.locator('.also[lang="en"]')
    expect(second).to_have_text(english)
    expect(second).to_be_visible()
    sizes = element.evaluate(
        "el => [parseFloat(getComputedStyle(el).fontSize),"
        " parseFloat(getComputedStyle(el.querySelector('.also')).fontSize)]"
    )
    assert sizes[1] < sizes[0], sizes


def test_a_welsh_meeting_shows_english_beneath_every_prompt(server, room):
    db = connect(str(server.data_dir / "kiosk.db"))
    try:
        set_meeting_languages(db, "cy", "en")
    finally:
        db.conn.close()
    projector = room.page(
        {"viewport": {"width": 1280, "height": 720}}, "/projector", reduced_motion="reduce"
    )
    console = socket_facilitator(server)
    try:
        do = lambda event, data=None: console.sio.call(event, data or {}, timeout=10)  # noqa: E731
        expect(projector.locator("html")).to_have_attribute("lang", "cy")
        both(projector, "#join .scan", "Sganiwch i ymuno", "Scan to join")

        assert do("agenda_template")["ok"]
        assert do("agenda_go")["ok"]  # welcome
        assert do("agenda_go")["ok"]  # the agreements
        expect(projector.locator("body")).to_have_class(re.compile(r"\bscene-agreements\b"))
        both(
            projector,
            "#scene-agreements .scene-title",
            "Sut rydym yn gweithio gyda’n gilydd",
            "How we work together",
        )
        both(
            projector,
            "#scene-agreements .pillar h2 >> nth=1",
            "Gwrando gweithredol",
            "Active listening",
        )
        save_screenshot(projector, "projector-bilingual-agreements.png", animations="disabled")

        assert do("scene_show", {"scene": "proposals"})["ok"]
        opened = do("open_round", {"text": "Plant fruit trees on the green", "kind": "consent"})
        assert opened["ok"], opened
        both(projector, "#round-rule", "Pleidleisiwch nawr", "Vote now")
        save_screenshot(projector, "projector-bilingual-round.png", animations="disabled")
        assert do("close_round", {"round_id": opened["round"]["id"]})["ok"]
        both(projector, "#round-rule", "Rownd ar gau", "Round closed")

        assert do("scene_show", {"scene": "close"})["ok"]
        expect(projector.locator("body")).to_have_class(re.compile(r"\bscene-close\b"))
        both(projector, "#close-line", "Diolch!", "Thank you!")
    finally:
        console.close()
    room.assert_only_loopback()
