"""A first-time facilitator's evening, run from the console by pressing only its highlighted
next action, with eight phones and the projector the console itself opens.

At every stage the test asserts what the projector and each phone show, and that the live
console fits a 1366×768 laptop with no page scrolling. Between presses the facilitator only
types (the proposal's words); the phones do what people do. The council the assembly elects
to was added on the set-up page beforehand, as set-up is done before the doors open.
"""

import re

import pytest
from liveserver import PHONE_SCREEN, save_screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}}
NAMES = ["Amira", "Bo", "Chidi", "Dana", "Eli", "Fatima", "Gus", "Hana"]
COUNCIL = "Riverside District Council"
QUESTION = "What would make our neighbourhood a better home?"
PROPOSAL = (
    "Ask the council to turn the empty lot on Elm Street into a community garden with raised "
    "beds, a tool shed, benches in the shade and a water butt, looked after by a rota of "
    "neighbours who meet there on the first Saturday of every month."
)
BUZZ = "window.buzzes = []; navigator.vibrate = (p) => { window.buzzes.push(p); return true; };"


def press(console, action: str) -> None:
    """Press the console's highlighted next action, after checking it is the one expected."""
    button = console.locator("#ros-next")
    expect(button).to_have_attribute("data-action", action)
    expect(button).to_be_enabled()
    button.click()
    fits(console)


def fits(console) -> None:
    """The live console needs no page scrolling, and its next action is wholly in view."""
    sizes = console.evaluate(
        """() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,
                  innerWidth, innerHeight]"""
    )
    assert sizes[0] <= sizes[2] and sizes[1] <= sizes[3], sizes
    box = console.locator("#ros-next").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= sizes[3], box
    for part in ("#present", "#f-stack-panel", "#f-agenda-panel"):
        assert console.locator(part).is_visible(), part


def scene(projector, name: str, round_shown: bool = False) -> None:
    """The projector shows a scene (with the round in its main cell, or not)."""
    body = projector.locator("body")
    expect(body).to_have_class(re.compile(rf"\bscene-{name}\b"))
    if round_shown:
        expect(body).to_have_class(re.compile(r"\bhas-round\b"))
    else:
        expect(body).not_to_have_class(re.compile(r"\bhas-round\b"))


def first_card(phone) -> str:
    """Return the id of the topmost visible card on a phone: what it shows first."""
    return phone.evaluate(
        """() => [...document.querySelectorAll('#round, .p-card')]
                 .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height > 0)
                 .map((el) => [el.getBoundingClientRect().top, el.id])
                 .sort((a, b) => a[0] - b[0])[0][1]"""
    )


def check_in(room, server, name: str):
    """A phone scans the QR and checks in."""
    phone = room.page(PHONE_SCREEN)
    phone.add_init_script(BUZZ)
    phone.goto(server.join_url)
    phone.fill("#display_name", name)
    phone.check("input[name=resident][value=yes]")
    phone.check("input[name=first_time][value=no]")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.locator("#connection")).to_have_class("connection online")
    return phone


def add_council_on_the_setup_page(console) -> None:
    """Before the doors open, the facilitator adds the council the assembly elects to."""
    console.click("#setup-link")
    console.wait_for_url("**/facilitate/setup")
    expect(console.locator("#connection")).to_have_text("connected")
    console.fill("#d-council-name", COUNCIL)
    console.select_option("#d-council-level", "district")
    console.get_by_role("button", name="Add council").click()
    expect(console.locator("#d-councils")).to_contain_text(COUNCIL)
    console.click("#back-to-console")
    console.wait_for_url("**/facilitate")
    expect(console.locator("#connection")).to_have_text("connected")


def test_the_template_evening_by_the_highlighted_action_alone(server, room):
    console = room.page(LAPTOP, server.facilitator_link)
    expect(console.locator("#connection")).to_have_text("connected")
    fits(console)
    add_council_on_the_setup_page(console)
    press(console, "template")
    expect(console.locator("#f-agenda li")).to_have_count(8)
    press(console, "clock")
    expect(console.locator("#pf-clock-mark")).to_have_text("✓")
    with console.expect_popup() as opened:
        press(console, "projector")
    projector = opened.value
    expect(projector.locator("#connection")).to_have_text("connected")
    expect(console.locator("#pf-projector")).to_have_text("The projector window is open.")
    save_screenshot(console, "console-preflight.png", docs=True, animations="disabled")

    # The doors open: the big QR; eight people check in.
    press(console, "doors")
    scene(projector, "welcome")
    expect(console.locator("#pf-panel")).to_be_hidden()
    phones = [check_in(room, server, name) for name in NAMES]
    expect(projector.locator("#present")).to_have_text("8")
    expect(console.locator("#present")).to_have_text("8")
    for phone in phones:
        expect(phone.locator(".p-nothing")).to_be_visible()
    save_screenshot(console, "console-welcome.png", docs=True, animations="disabled")

    # Agreements: the hand signals, taught with twinkles big enough for the back of the hall.
    press(console, "next")
    scene(projector, "agreements")
    for phone in phones[:3]:
        phone.click(".p-signal.sig-agree")
    twinkle = projector.locator(".twinkle").first
    expect(twinkle).to_be_attached()
    size = twinkle.evaluate(  # its own size (it only grows as it floats up), and how long
        "(t) => [parseFloat(getComputedStyle(t).width),"
        " parseFloat(getComputedStyle(t).animationDuration)]"
    )
    assert size[0] >= 120 and size[1] >= 5, size
    for phone in phones:
        expect(phone.locator(".p-nothing")).to_be_visible()
        expect(phone.locator("#p-signals")).to_be_visible()

    # The question: on the big screen, and on every phone instead of "nothing to vote on".
    press(console, "next")
    scene(projector, "question")
    expect(projector.locator("#question-text")).to_have_text(QUESTION)
    for phone in phones:
        expect(phone.locator("#p-question-text")).to_have_text(QUESTION)
        expect(phone.locator(".p-nothing")).to_be_hidden()
        assert first_card(phone) == "p-question"

    # Breakouts: the console splits the room; every phone shows its group first.
    press(console, "next")
    scene(projector, "breakouts")
    press(console, "split")
    expect(projector.locator(".group-card")).to_have_count(2)
    groups: dict[str, list] = {}
    for phone in phones:
        expect(phone.locator("#p-group-name")).to_contain_text("You are in Group")
        groups.setdefault(phone.locator("#p-group-name").inner_text().split()[-1], []).append(phone)
        assert first_card(phone) == "p-group"
    assert sorted(len(g) for g in groups.values()) == [4, 4]
    for members in groups.values():
        members[0].get_by_role("button", name="I'll be the note-taker").tap()
        expect(members[0].locator("#p-role")).to_have_text("You are the note-taker.")
        expect(members[1].locator("#p-points-empty")).to_have_text(
            "Your note-taker will send the group's points."
        )
        expect(members[1].locator("#p-points")).to_be_hidden()  # no "1." before any point
    save_screenshot(console, "console-breakouts.png", docs=True, animations="disabled")

    # Harvest: the note-takers send points; the room sees them; a member confirms.
    press(console, "next")
    scene(projector, "harvest")
    for name, members in groups.items():
        for text in (f"{name}: more benches in the park", f"{name}: a youth club on Fridays"):
            members[0].fill("#p-point-text", text)
            members[0].click("#p-point-send")
            expect(projector.locator(".note-text", has_text=text)).to_be_visible()
        members[1].click("#p-read-back")
        expect(members[1].locator("#p-harvest-status")).to_have_text("Read back and confirmed ✓")
        for phone in members:  # every member sees their own group's points, first
            expect(phone.locator("#p-points li")).to_have_count(2)
            assert first_card(phone) == "p-group"

    # Proposals: moving on ends the breakouts, so no phone keeps its group card.
    press(console, "next")
    scene(projector, "proposals")
    for phone in phones:
        expect(phone.locator("#p-group")).to_be_hidden()
    press(console, "open-round")  # no words yet: the console says what it needs
    expect(console.locator("#ros-error")).to_have_text("Type the proposal's exact words first.")
    expect(console.locator("#proposal-text")).to_be_focused()
    console.fill("#proposal-text", PROPOSAL)
    press(console, "open-round")
    scene(projector, "proposals", round_shown=True)
    expect(projector.locator("#round-text")).to_have_text(PROPOSAL)
    for phone in phones:
        expect(phone.locator("#round .proposal")).to_have_text(PROPOSAL)
        assert first_card(phone) == "round"
        assert phone.evaluate("window.buzzes") == [200]
    for phone in phones[:6]:
        phone.locator("#round").get_by_role("button", name="Agree", exact=True).tap()
    phones[6].fill("#reason", "Who waters it in August?")
    phones[6].locator("#round").get_by_role("button", name="Concerns", exact=True).tap()
    phones[7].locator("#round").get_by_role("button", name="Stand aside", exact=True).tap()
    expect(console.locator("#ros-responded")).to_have_text("8 of 8 present have responded")
    expect(console.locator("#ros-reasons")).to_have_text(["Concerns: Who waters it in August?"])
    save_screenshot(console, "console-round.png", docs=True, animations="disabled")
    press(console, "close-round")
    sentence = "Passed: no blocks, 6 of 8 agree (1 with concerns, 1 standing aside)."
    expect(projector.locator("#outcome")).to_have_text(sentence)
    expect(projector.locator("#round")).to_have_class(re.compile(r"\breveal\b"))  # bars grow
    expect(projector.locator("#burst i").first).to_be_attached()  # consensus: confetti
    for phone in phones:
        expect(phone.locator("#round .outcome")).to_have_text(sentence)
    save_screenshot(projector, "projector-reveal.png")

    # Delegates: nominations, phones stand, the election shows in the Delegates scene.
    press(console, "next")
    scene(projector, "delegates")
    expect(projector.locator("#round")).to_be_hidden()  # the proposal's result stays behind
    expect(projector.locator("#scene-delegates")).to_contain_text("Who carries our voice?")
    for phone in phones:  # the decision stays on each phone, under the evening's question
        expect(phone.locator("#round .outcome")).to_have_text(sentence)
    press(console, "nominations")
    for phone in phones:
        expect(phone.locator("#d-phone")).to_contain_text(f"Stand for {COUNCIL}")
    for phone in phones[:3]:
        card = phone.locator("#d-phone")
        card.get_by_role("button", name=f"Stand for {COUNCIL}").tap()
        card.get_by_role("button", name="Put my name forward").tap()
        expect(card).to_contain_text(f"You are standing for {COUNCIL} ✓")
    press(console, "election")
    scene(projector, "delegates", round_shown=True)
    expect(projector.locator("#round-text")).to_have_text(f"Elect our delegate to {COUNCIL}")
    for phone in phones:
        ballot = phone.locator("#round")
        for name in ("Chidi", "Amira"):
            ballot.get_by_role("button", name=name).tap()
        ballot.get_by_role("button", name="Send my ranking").tap()
        expect(phone.locator("#vote-status")).to_contain_text("secret ballot is in")
    press(console, "close-round")
    expect(projector.locator("#winners")).to_have_text("Chosen: Chidi, Amira")
    scene(projector, "delegates", round_shown=True)
    save_screenshot(projector, "scene-delegates-election.png", docs=True, animations="disabled")

    # Close: the celebration; then the evening is over.
    press(console, "next")
    scene(projector, "close")
    expect(projector.locator("#close-line")).to_have_text(
        "Thank you for coming. This is what democracy looks like!"
    )
    for phone in phones:
        expect(phone.locator("#round .outcome")).to_contain_text("Elected by")
        expect(phone.locator("#p-question-text")).to_have_text(QUESTION)
    press(console, "finish")
    expect(console.locator("#ros-next")).to_have_attribute("data-action", "minutes")
    stamped = [r["kind"] for r in server.query("SELECT kind FROM stage_stamps ORDER BY id")]
    assert stamped == [
        "welcome",
        "agreements",
        "question",
        "breakouts",
        "harvest",
        "proposals",
        "delegates",
        "close",
    ]
    assert all(r["ended_at"] for r in server.query("SELECT ended_at FROM stage_stamps"))
    room.assert_only_loopback()


def test_an_empty_room_a_few_minutes_after_the_projector_says_what_to_check(server, room):
    console = room.page(LAPTOP)
    console.clock.install()  # the console's own clock, moved on by hand below
    console.goto(server.facilitator_link)
    expect(console.locator("#connection")).to_have_text("connected")
    room.projector()
    expect(console.locator("#pf-projector")).to_have_text("The projector window is open.")
    expect(console.locator("#pf-quiet")).to_be_hidden()
    console.clock.fast_forward("03:30")  # three and a half minutes, and still nobody
    help_ = console.locator("#pf-quiet")
    expect(help_).to_be_visible()
    expect(help_).to_contain_text("same Wi-Fi")
    expect(help_).to_contain_text("Guest networks")
    expect(help_).to_contain_text("laptop's own hotspot")
    fits(console)
    room.phone("Amira")
    console.clock.fast_forward("00:06")
    expect(help_).to_be_hidden()
