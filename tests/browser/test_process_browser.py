"""A short People's Assembly in real Chromium: welcome, a breakout of two groups, harvest, close.

Eight phones, the console and the projector each run in their own browser context against the
real server. The projector is photographed at every scene into tests/artefacts/; the best go to
docs/img/scene-*.png when missing, or with UPDATE_DOC_SCREENSHOTS=1.
"""

from urllib.parse import urlsplit

import pytest
from liveserver import LAPTOP_SCREEN, PHONE_SCREEN, PROJECTOR_SCREEN, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAMES = ["Amira", "Bo", "Chidi", "Dana", "Eli", "Fatima", "Gus", "Hana"]
POINTS = {
    "Otter": [("More benches and shade in the park", "all"), ("A youth club on Fridays", "most")],
    "Badger": [("Fix the streetlights on Elm Street", "all"), ("A monthly repair café", "some")],
}


def save(page, name: str, docs: bool = False, still: bool = True) -> None:
    """Keep a still screenshot (animations stopped), or one a second into the scene's motion."""
    if not still:
        page.wait_for_timeout(1000)  # let the scene fade in and the confetti fall
    save_screenshot(page, name, docs, animations="disabled" if still else "allow")


def next_item(console, projector, scene: str) -> None:
    """The facilitator moves on (from the agenda rail); the projector changes scene."""
    running = console.locator("#f-agenda li.running")
    row = running.locator("xpath=following-sibling::li[1]") if running.count() else None
    row = row if row is not None else console.locator("#f-agenda li").first
    go(console, row.get_attribute("data-item"))
    expect(projector.locator("body")).to_have_class(f"projector scene-{scene} theme-dusk")


def go(console, title: str) -> None:
    """Run one agenda item from its folded tools on the rail."""
    item = console.locator(f'#f-agenda li[data-item="{title}"]')
    item.locator("summary").click()
    item.get_by_role("button", name="Go").click()


def tool(console, name: str) -> None:
    """Show one of the stage's tools on the console."""
    console.locator(f".ros-tab[data-tool={name}]").click()


def test_an_evening_from_welcome_to_close(server, room):
    projector = room.page(PROJECTOR_SCREEN, f"{server.url}/projector")
    console = room.page(LAPTOP_SCREEN, server.facilitator_link)
    expect(console.locator("#connection")).to_have_text("connected")
    console.click("#f-template")
    expect(console.locator("#f-agenda li")).to_have_count(8)
    next_item(console, projector, "welcome")

    # Eight people scan the QR and check in at once (their pages load side by side).
    phones = [room.page(PHONE_SCREEN, server.join_url, wait=False) for _ in NAMES]
    for phone, name in zip(phones, NAMES, strict=True):
        phone.fill("#display_name", name)
        phone.check("input[name=resident][value=yes]")
        phone.check("input[name=first_time][value=no]")
        phone.get_by_role("button", name="Check in").click(no_wait_after=True)
    for phone in phones:
        expect(phone.locator("#connection")).to_have_class("connection online")
    expect(projector.locator("#present")).to_have_text("8")
    expect(projector.locator("#welcome-line")).to_contain_text("Welcome, neighbour!")
    save(projector, "scene-welcome.png", docs=True)

    next_item(console, projector, "agreements")
    console.fill("#f-destination", "The council's housing committee, 3 June")
    console.click("#f-destination-save")
    expect(projector.locator("#destination")).to_have_text(
        "The council's housing committee, 3 June"
    )
    expect(projector.locator("#big-timer")).to_be_visible()
    save(projector, "scene-agreements.png", docs=True)
    next_item(console, projector, "question")
    expect(projector.locator("#question-text")).to_have_text(
        "What would make our neighbourhood a better home?"
    )
    save(projector, "scene-question.png", docs=True)

    # Breakouts: two groups of four, each with a volunteer note-taker.
    next_item(console, projector, "breakouts")
    tool(console, "breakouts")
    console.fill("#f-size", "4")
    console.fill("#f-minutes", "20")
    console.click("#f-start-breakouts")
    expect(projector.locator(".group-card")).to_have_count(2)
    groups: dict[str, list] = {"Otter": [], "Badger": []}
    for phone in phones:
        expect(phone.locator("#p-group-name")).to_contain_text("You are in Group")
        groups[phone.locator("#p-group-name").inner_text().split()[-1]].append(phone)
    assert [len(g) for g in groups.values()] == [4, 4]
    expect(groups["Otter"][0].locator("#p-group-timer")).to_contain_text("Time left 1")
    for members in groups.values():
        members[0].get_by_role("button", name="I'll be the note-taker").tap()
        expect(members[0].locator("#p-role")).to_have_text("You are the note-taker.")
    tool(console, "breakouts")
    console.click("#f-fill-roles")
    expect(projector.locator(".group-roles").first).to_contain_text("Facilitator:")
    save(projector, "scene-breakouts.png", docs=True)
    save(groups["Otter"][0], "scene-breakouts-phone.png", docs=True)

    # Harvest: the note-takers send points; the room sees them stream in; a member confirms.
    next_item(console, projector, "harvest")
    assert groups["Otter"][1].locator("#p-point-form").is_hidden()
    for name, members in groups.items():
        for text, agreement in POINTS[name]:
            members[0].fill("#p-point-text", text)
            members[0].check(f"input[name=p-agree][value={agreement}]")
            members[0].click("#p-point-send")
            expect(projector.locator(f".harvest-group:has-text('{name}') .note")).to_contain_text(
                [t for t, _ in POINTS[name]][: 1 + [t for t, _ in POINTS[name]].index(text)]
            )
        expect(members[2].locator("#p-points li")).to_have_count(2)
        members[2].click("#p-read-back")
        expect(members[2].locator("#p-harvest-status")).to_have_text("Read back and confirmed ✓")
    tool(console, "harvest")
    console.fill("#f-cluster-title", "Safe, lively streets")
    console.click("#f-cluster-add")
    expect(projector.locator(".cluster")).to_have_text(["Safe, lively streets"])
    for phone in phones[:5]:
        phone.click(".p-signal.sig-agree")
    expect(console.locator("[data-signal=agree]")).to_have_text("Agree (twinkles): 5")
    save(projector, "scene-harvest.png", docs=True)

    # Close: actions with owners, the next meeting, a celebration.
    tool(console, "close")
    console.fill("#f-action-text", "Write to the council about the streetlights")
    console.fill("#f-action-owner", "Dana")
    console.click("#f-action-form button")
    console.fill("#f-next-meeting", "Thursday 3 July, 7pm, St Mark's Hall")
    console.click("#f-next-meeting-save")
    go(console, "Close and celebrate")
    expect(projector.locator("body")).to_have_class("projector scene-close theme-dusk")
    expect(projector.locator("#close-actions li")).to_have_text(
        ["Write to the council about the streetlights — Dana"]
    )
    expect(projector.locator("#next-meeting")).to_have_text("Thursday 3 July, 7pm, St Mark's Hall")
    save(projector, "scene-close.png", docs=True, still=False)  # with its confetti

    # The record: what the kiosk saw is ticked, and every stage was stamped.
    tool(console, "projector")
    for key in ("staffed", "read_back", "hand_signals", "destination"):
        expect(console.locator(f"[data-check={key}]")).to_be_checked()
    stamped = [r["kind"] for r in server.query("SELECT kind FROM stage_stamps ORDER BY id")]
    assert stamped == ["welcome", "agreements", "question", "breakouts", "harvest", "close"]
    outside = [u for u in room.urls if urlsplit(u).hostname != "127.0.0.1"]
    assert room.urls and outside == []


def test_reduced_motion_stops_the_animations_and_themes_change_colours(server, room):
    projector = room.page(PROJECTOR_SCREEN, f"{server.url}/projector", reduced_motion="reduce")
    console = room.page(LAPTOP_SCREEN, server.facilitator_link)
    console.click("#f-template")
    go(console, "Close and celebrate")
    expect(projector.locator("body")).to_have_class("projector scene-close theme-dusk")
    assert (
        projector.locator(".confetti").first.evaluate("el => getComputedStyle(el).display")
        == "none"
    )
    dusk = projector.evaluate("getComputedStyle(document.body).backgroundColor")
    tool(console, "projector")
    console.select_option("#f-theme", "sunrise")
    expect(projector.locator("body")).to_have_class("projector scene-close theme-sunrise")
    assert projector.evaluate("getComputedStyle(document.body).backgroundColor") != dusk
    save(projector, "scene-close-sunrise.png")


def test_a_row_the_facilitator_unfolded_stays_unfolded_while_the_rail_redraws(server, room):
    console = room.page(LAPTOP_SCREEN, server.facilitator_link)
    expect(console.locator("#connection")).to_have_text("connected")
    console.click("#f-template")
    expect(console.locator("#f-agenda li")).to_have_count(8)
    rows = console.locator("#f-agenda li")
    first, third = rows.nth(0).get_attribute("data-item"), rows.nth(2).get_attribute("data-item")
    opened = console.locator(f'#f-agenda li[data-item="{first}"] details')
    opened.locator("summary").click()
    expect(opened).to_have_attribute("open", "")
    # Another row's Skip changes the agenda: the whole rail is drawn again from the push.
    skipped = console.locator(f'#f-agenda li[data-item="{third}"]')
    skipped.locator("summary").click()
    skipped.get_by_role("button", name="Skip").click()
    expect(skipped.get_by_role("button", name="Unskip")).to_be_visible()
    expect(opened).to_have_attribute("open", "")
    opened.get_by_role("button", name="Go").click()  # Go folds its row: the rail moves on
    expect(console.locator(f'#f-agenda li[data-item="{first}"]')).to_have_class("running")
    expect(opened).not_to_have_attribute("open", "")
