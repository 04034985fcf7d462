"""Every page in its main states, in English and in Urdu (right to left), has no axe-core
violations of WCAG 2.0, 2.1 and 2.2 at levels A and AA; a keyboard vote leaves focus on its
confirmation; an Urdu phone mirrors; the projector can be read from the back of a hall.

One real server and one Chromium per test. The evening is driven over Socket.IO with the
console's own events, while real pages follow it live; axe-core (vendored beside this file,
unmodified) is injected into each page and run there.
"""

import re
from pathlib import Path

import pytest
from liveserver import (
    LAPTOP_SCREEN,
    PHONE_SCREEN,
    save_screenshot,
    socket_facilitator,
    socket_phone,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ("en", "ur")
PROPOSAL = "Turn the empty lot on Elm Street into a community garden."
# axe starts in the page and is collected afterwards, so the pages of one state (each its own
# renderer process) are checked side by side.
START_AXE = """(tags) => { window.audited = axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations"],
}).then((result) => result.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary.replace(/\\s+/g, " ")),
  }))); }"""


def ok(reply: dict) -> dict:
    """Assert an event was acknowledged, and return the acknowledgement."""
    assert reply["ok"], reply
    return reply


def with_lang(url: str, lang: str) -> str:
    """The page's address asking for one language (English is the meeting's own)."""
    if lang == "en":
        return url
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


class Audit:
    """Runs axe in pages and keeps every violation it finds, named by page, state and language."""

    def __init__(self):
        self.found: list[str] = []
        self.pages = 0

    def __call__(self, page, where: str, lang: str) -> None:
        """Check one page as it is now (it must speak lang, right to left for Urdu)."""
        self.collect(self.start(page, where, lang))

    def start(self, page, where: str, lang: str) -> tuple:
        """Start axe in a page; collect() gathers what it found."""
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # live renders and fits settle on the next frames
        html = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
        assert html == [lang, "rtl" if lang == "ur" else "ltr"], (where, html)
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        page.evaluate(START_AXE, TAGS)
        return page, where, lang

    def collect(self, started: tuple) -> None:
        """Keep every violation axe found in a page it was started in."""
        page, where, lang = started
        for violation in page.evaluate("window.audited"):
            for node in violation["nodes"]:
                self.found.append(f"{where} [{lang}] {violation['id']}: {node}")
        self.pages += 1

    def all(self, pages: dict, state: str, only: tuple = ()) -> None:
        """Check each of a set of pages {(name, lang): page} in one state (only some names)."""
        chosen = [(n, lang, page) for (n, lang), page in pages.items() if not only or n in only]
        for started in [self.start(page, f"{n} {state}", lang) for n, lang, page in chosen]:
            self.collect(started)


def open_page(room, screen: dict, url: str):
    """A page in its own context; axe is injected as a script, so the page's CSP is bypassed.

    Motion is reduced so axe reads colours as they settle: a result fading in over 0.7 s would
    otherwise be measured half-transparent, at whatever moment the audit lands.
    """
    return room.page(screen, url, bypass_csp=True, reduced_motion="reduce")


def facilitator_page(room, server, path: str, lang: str, screen: dict = LAPTOP_SCREEN):
    """A page of the facilitator's (the key first, then the page in the language asked)."""
    page = open_page(room, screen, server.facilitator_link)
    page.goto(with_lang(server.url + path, lang))
    return page


def test_no_violations_on_any_page_in_any_state(server, room):
    audit = Audit()
    console = socket_facilitator(server)
    others = [socket_phone(server, name) for name in ("Bo", "Chidi", "Dana")]
    try:
        walk_the_evening(server, room, audit, console, others)
    finally:
        for client in [console, *others]:
            client.close()
    assert audit.pages == 92, audit.pages  # every page in every state above, each language
    assert audit.found == [], "\n".join(audit.found)


def walk_the_evening(server, room, audit: Audit, console, others) -> None:
    """Reach every main state of every page, auditing each in English and in Urdu."""

    def do(event: str, data: dict | None = None) -> dict:
        return ok(console.sio.call(event, data or {}, timeout=10))

    # Pages outside the live meeting, and the console before the evening starts.
    for lang in LANGUAGES:
        page = facilitator_page(room, server, "/verify", lang)
        audit(page, "verify", lang)
        page.goto(with_lang(server.url + "/m/NOPE1", lang))
        expect(page.get_by_role("alert")).not_to_be_empty()
        audit(page, "refusal", lang)
        for path in STILL_PAGES:
            page.goto(with_lang(server.url + path, lang))
            audit(page, path.removeprefix("/facilitate/"), lang)

    phones = {
        ("phone", lang): open_page(room, PHONE_SCREEN, with_lang(server.join_url, lang))
        for lang in LANGUAGES
    }
    audit.all(phones, "check-in")
    for (_, lang), page in phones.items():
        join(page, "Amira" if lang == "en" else "Imran")
    audit.all(phones, "waiting")

    room_pages = {}
    for lang in LANGUAGES:
        for name, path in (
            ("console", "/facilitate"),
            ("projector", "/projector"),
            ("desk", "/desk"),
        ):
            room_pages[(name, lang)] = facilitator_page(room, server, path, lang)
    for page in room_pages.values():
        expect(page.locator("#connection")).to_have_class("connection online")
    audit.all(room_pages, "before the agenda")

    do("agenda_template")
    do("agenda_go")  # welcome: the join card fills the projector
    audit.all(room_pages, "welcome", only=("console", "projector"))
    for _ in range(3):
        do("agenda_go")  # agreements, question, then breakouts, with a timer
    do("breakouts_start", {"mode": "random", "size": 3, "minutes": 20})
    for page in phones.values():
        expect(page.locator("#p-group-name")).not_to_be_empty()
    audit.all(phones, "in a breakout group")
    audit.all(room_pages, "breakouts", only=("console", "projector"))
    do("breakouts_end")

    do("agenda_go")  # harvest
    do("agenda_go")  # proposals
    opened = do("open_round", {"text": PROPOSAL, "kind": "consent"})["round"]
    for page in phones.values():
        expect(page.locator("#round .proposal")).to_have_text(PROPOSAL)
    audit.all(phones, "consent round open")
    assert_mirrored(phones[("phone", "en")], phones[("phone", "ur")])
    audit.all(room_pages, "consent round open")
    for page in phones.values():
        vote_by_keys(page)
    audit.all(phones, "after voting")
    for client, choice in zip(others, ("agree", "block", "concerns"), strict=True):
        vote = {"code": server.code, "round_id": opened["id"], "choice": choice, "reason": "Why?"}
        ok(client.sio.call("vote", vote, timeout=10))
    do("close_round", {"round_id": opened["id"]})
    for page in phones.values():
        expect(page.locator("#round .outcome")).to_be_visible()
    audit.all(phones, "round closed")
    audit.all(room_pages, "result", only=("console", "projector"))

    for kind in ("approval", "ranked"):
        asked = {"text": "When shall we meet next?", "kind": kind, "options": OPTIONS}
        chosen = do("open_round", {**asked, "max_choices": 2})["round"]
        for page in phones.values():
            expect(page.locator("#round .proposal")).to_have_text(asked["text"])
        audit.all(phones, f"{kind} round open")
        audit.all(room_pages, f"{kind} round open", only=("projector",))
        do("close_round", {"round_id": chosen["id"]})

    # The stack: people wait to speak, then one is given the floor.
    for page in phones.values():
        page.locator("#p-stack-join button").first.click()
        expect(page.locator("#p-stack-status")).not_to_be_empty()
    ok(others[0].sio.call("stack_join", {"code": server.code, "kind": "speak"}, timeout=10))
    audit.all(phones, "on the stack")
    do("stack_call")
    audit.all(phones, "the floor given")
    audit.all(room_pages, "the floor given", only=("console", "projector"))

    do("agenda_go")  # delegates: a seat is open and someone stands
    council = do("add_council", {"name": "Riverside District Council", "level": "district"})
    seat = do("open_seat", {"council_id": council["council"]["id"], "gender_balanced": False})
    stand = {"code": server.code, "seat_id": seat["seat"]["id"], "name": "Chidi Okafor"}
    ok(others[1].sio.call("stand", stand, timeout=10))
    audit.all(room_pages, "delegates stage", only=("console", "projector"))
    audit.all(phones, "delegates stage")
    for tool in TOOLS:  # each of the stage's tools, one tab at a time
        for (name, lang), page in room_pages.items():
            if name == "console":
                page.locator(f".ros-tab[data-tool={tool}]").click()
                expect(page.locator(f"[data-for={tool}]").first).to_be_visible()
                audit(page, f"console's {tool} tool", lang)
    save_screenshot(phones[("phone", "ur")], "accessibility-phone-ur.png")


STILL_PAGES = (
    "/facilitate/setup",
    "/facilitate/print",
    "/facilitate/bundles",
    "/facilitate/councils",
    "/facilitate/council",
    "/facilitate/council/agenda",
    "/facilitate/submissions",
)
ROOM_PAGES = (("console", "/facilitate"), ("projector", "/projector"), ("desk", "/desk"))
TOOLS = ("script", "proposal", "breakouts", "harvest", "delegates", "close", "floor", "projector")
OPTIONS = ["Saturday morning", "Tuesday evening", "Sunday afternoon"]


def join(page, name: str) -> None:
    """Check in on the phone's form, whatever language its words are in."""
    page.fill("#display_name", name)
    page.check("input[name=resident][value=yes]")
    page.check("input[name=first_time][value=no]")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_selector("#connection.online")


def vote_by_keys(page) -> None:
    """Vote with the keyboard alone: Tab to "Stand aside", press Enter; focus must land on the
    confirmation (not fall to <body>), which says the vote was saved."""
    target = page.locator(".vote-buttons .vote-stand_aside")
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the Stand aside button")
    page.keyboard.press("Enter")
    expect(page.locator("#vote-status")).to_contain_text("✓")
    focused = page.evaluate("[document.activeElement.id, document.activeElement.textContent]")
    assert focused[0] == "vote-status", focused
    assert "✓" in focused[1], focused


def assert_mirrored(english, urdu) -> None:
    """The Urdu phone is laid out right to left: a start-aligned line's text sits at the right of
    its section (English's at the left), the vote buttons run from the right, and the
    proposal's accent border is on the right (its words keep their own direction)."""
    where = """(el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = range.getClientRects(), last = lines[lines.length - 1];
      const box = el.getBoundingClientRect(), s = getComputedStyle(el);
      return {
        align: s.textAlign,
        left: last.left - box.left - parseFloat(s.borderLeftWidth) - parseFloat(s.paddingLeft),
        right: box.right - last.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight),
      };
    }"""
    # The round's rule (the page's own words) starts at the start side of its line.
    heading = "#round .eyebrow"
    en, ur = english.locator(heading).evaluate(where), urdu.locator(heading).evaluate(where)
    assert en["align"] == ur["align"] == "start", (en, ur)
    assert abs(en["left"]) < 1 < en["right"], en
    assert abs(ur["right"]) < 1 < ur["left"], ur
    # The vote buttons' grid runs from the right: Agree, the first, is right of Concerns.
    for page, agree_on_left in ((english, True), (urdu, False)):
        agree = page.locator(".vote-buttons .vote").nth(0).bounding_box()
        concerns = page.locator(".vote-buttons .vote").nth(1).bounding_box()
        assert (agree["x"] < concerns["x"]) == agree_on_left, (agree, concerns)
    # The proposal's accent border is on its start side.
    borders = (
        "(el) => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth]"
    )
    assert english.locator("#round .proposal").evaluate(borders) == ["6px", "0px"]
    assert urdu.locator("#round .proposal").evaluate(borders) == ["0px", "6px"]


# -- the projector from the back of the hall ------------------------------------------------------

# The digits' own height is measured, not guessed from the font size: a canvas draws "0123456789"
# in the element's computed font and reports the ink's ascent and descent (for DejaVu Sans, the
# Debian system font, digits stand 0.73 of the font size).
MEASURE = """(el) => {
  const s = getComputedStyle(el), box = el.getBoundingClientRect();
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const ink = ctx.measureText("0123456789");
  const digits = ink.actualBoundingBoxAscent + ink.actualBoundingBoxDescent;
  return {font: parseFloat(s.fontSize), digits: digits,
          top: box.top, bottom: box.bottom, left: box.left, right: box.right};
}"""
BACK_OF_THE_HALL = [(1920, 1080), (1024, 768)]


def measure(page, selector: str) -> dict:
    """The font size, digit height and box of the element, as fractions of the screen's height."""
    shown = page.locator(selector)
    expect(shown).to_be_visible()
    found = shown.evaluate(MEASURE)
    height, width = page.viewport_size["height"], page.viewport_size["width"]
    assert 0 <= found["left"] and found["right"] <= width + 0.5, (selector, found)
    assert 0 <= found["top"] and found["bottom"] <= height + 0.5, (selector, found)
    return {"font": found["font"] / height, "digits": found["digits"] / height}


def assert_join_card_readable(page, name: str) -> None:
    """The join address and the meeting code at 3.5% of the height; "connected" at 2.5%."""
    for selector, least in (("#join-url", 0.035), (".join .code", 0.035), ("#connection", 0.025)):
        size = measure(page, selector)["font"]
        assert size >= least - 0.0005, f"{name}: {selector} is {size:.2%} of the height"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_projector_reads_from_the_back_of_the_hall(server, room, lang):
    console = socket_facilitator(server)
    people = [socket_phone(server, name) for name in ("Amira", "Bo", "Chidi", "Dana", "Eli")]
    try:
        projectors = [
            open_page(room, {"viewport": {"width": w, "height": h}}, f"/projector?lang={lang}")
            for w, h in BACK_OF_THE_HALL
        ]
        do = lambda event, data=None: ok(console.sio.call(event, data or {}, timeout=10))  # noqa: E731
        do("agenda_template")
        do("agenda_go")  # welcome: the join card is the scene
        for page in projectors:
            expect(page.locator("#connection")).to_have_text(re.compile("."))
            expect(page.locator("body")).to_have_class(re.compile(r"\bscene-welcome\b"))
            assert_join_card_readable(page, f"welcome {page.viewport_size}")
        for _ in range(3):
            do("agenda_go")  # agreements, question, breakouts
        do("breakouts_start", {"mode": "random", "size": 4, "minutes": 20})
        for page in projectors:
            expect(page.locator("body")).to_have_class(re.compile(r"\bscene-breakouts\b"))
            expect(page.locator("#timer-digits")).to_have_text(re.compile(r"^1?\d:\d\d$"))
            timer = measure(page, "#timer-digits")
            assert timer["digits"] >= 0.15, f"the timer's digits are {timer['digits']:.1%} high"
            assert_join_card_readable(page, f"breakouts {page.viewport_size}")
            save_screenshot(
                page, f"projector-back-of-hall-{lang}-{page.viewport_size['width']}.png"
            )
        do("open_round", {"text": PROPOSAL, "kind": "consent"})
        for page in projectors:
            expect(page.locator("#round-text")).to_have_text(PROPOSAL)
            assert_join_card_readable(page, f"round open {page.viewport_size}")
    finally:
        for client in [console, *people]:
            client.close()
