"""Nothing on the projector covers or cuts the outcome or the QR card, whatever the screen.

Three projectors stay open side by side at 1024×768 (many village halls), 1280×720 and
1920×1080. The evening is driven over Socket.IO (the console's own events) with long words
everywhere: a thirty-word proposal, a long question, long places and points. At every scene
each projector must show its main content whole (long text shrinks to fit), the join card and
the timer wholly on screen, and none of them over another; after a round closes, the speaker
strip must not cover the outcome sentence or the QR card.
"""

import re

import pytest
from liveserver import save_screenshot, socket_facilitator, socket_phone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
PROPOSAL = (
    "Ask the council to turn the empty lot on Elm Street into a community garden with raised "
    "beds, a tool shed and benches in the shade, looked after by a rota of neighbours who meet "
    "on the first Saturday of every month."
)
QUESTION = (
    "What would make our neighbourhood a better home for the young, the old and everyone in "
    "between, this year and for the next ten years, whatever the council decides to do?"
)
PLACE = "The far corner of the hall, by the allotment windows"
POINT = "More benches and shade in the park, and a drinking fountain near the playground too"
NAMES = ["Amira", "Bo", "Chidi", "Dana", "Eli", "Fatima"]
COUNCIL = "Riverside and Elm Street District Council"


def ok(reply: dict) -> dict:
    """Assert an event was acknowledged, and return the acknowledgement."""
    assert reply["ok"], reply
    return reply


class Evening:
    """The console and phones, over Socket.IO, as the pages send their events."""

    def __init__(self, server):
        self.server = server
        self.console = socket_facilitator(server)
        self.phones = [socket_phone(server, name) for name in NAMES]

    def do(self, event: str, data: dict | None = None) -> dict:
        """Send a facilitator's event."""
        return ok(self.console.sio.call(event, data or {}, timeout=10))

    def phone(self, n: int, event: str, data: dict) -> dict:
        """Send a phone's event (it may be refused: the caller looks at the answer)."""
        return self.phones[n].sio.call(event, {"code": self.server.code, **data}, timeout=10)

    def close(self) -> None:
        for client in [self.console, *self.phones]:
            client.close()


def visible_box(page, selector: str) -> dict | None:
    """Return an element's box when it is shown, else None."""
    element = page.locator(selector)
    return element.bounding_box() if element.count() and element.is_visible() else None


def apart(a: dict, b: dict) -> bool:
    """Return whether two boxes do not overlap."""
    return (
        a["x"] + a["width"] <= b["x"] + 0.5
        or b["x"] + b["width"] <= a["x"] + 0.5
        or a["y"] + a["height"] <= b["y"] + 0.5
        or b["y"] + b["height"] <= a["y"] + 0.5
    )


def assert_laid_out(page, main: str, name: str) -> None:
    """The main content, the join card, the timer and the floor strip: whole, on screen, apart."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    parts = {s: visible_box(page, s) for s in (main, "#join", "#big-timer", "#floor")}
    shown = {s: box for s, box in parts.items() if box}
    assert main in shown and "#join" in shown, (name, parts)
    for selector, box in shown.items():
        assert box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5, (name, selector, box)
        assert box["y"] >= -0.5 and box["y"] + box["height"] <= height + 0.5, (name, selector, box)
    for first in shown:
        for second in shown:
            if first < second:
                assert apart(shown[first], shown[second]), (name, first, second, shown)
    cut = page.locator(main).evaluate(
        "(el) => [el.scrollHeight - el.clientHeight, el.scrollWidth - el.clientWidth]"
    )
    assert cut[0] <= 1 and cut[1] <= 1, (name, main, cut)  # nothing cut off its cell


def assert_outcome_whole(page, name: str) -> None:
    """The outcome sentence is wholly inside the round's cell, and nothing covers it."""
    outcome, round_box = visible_box(page, "#outcome"), visible_box(page, "#round")
    assert outcome and round_box, name
    assert outcome["y"] >= round_box["y"] - 1, (name, outcome, round_box)
    assert outcome["y"] + outcome["height"] <= round_box["y"] + round_box["height"] + 1, name
    for other in ("#join", "#floor", "#big-timer"):
        box = visible_box(page, other)
        assert box is None or apart(outcome, box), (name, other, outcome, box)


def look(projectors, scene: str, main: str, round_shown: bool = False) -> None:
    """Wait until every projector shows the scene, then check and photograph its layout."""
    for page in projectors:
        body = page.locator("body")
        expect(body).to_have_class(re.compile(rf"\bscene-{scene}\b"))
        if round_shown:
            expect(page.locator("#round")).to_be_visible()
        page.wait_for_timeout(50)  # the fit runs on the next frame's layout
        size = f"{page.viewport_size['width']}x{page.viewport_size['height']}"
        assert_laid_out(page, main, f"{scene} at {size}")
        save_screenshot(page, f"layout-{scene}-{size}.png", animations="disabled")


def test_every_scene_fits_every_screen_with_long_words(server, room):
    evening = Evening(server)
    projectors = [
        room.page({"viewport": {"width": w, "height": h}}, "/projector", reduced_motion="reduce")
        for w, h in SIZES
    ]
    try:
        run_the_scenes(evening, projectors)
    finally:
        evening.close()


def run_the_scenes(evening: Evening, projectors: list) -> None:
    """Go through every scene, with long words, checking each projector at each."""
    do = evening.do
    do("agenda_template")
    items = evening.console.sio.call("hello", {"role": "facilitator"})["snapshot"]["process"]
    question = next(i for i in items["agenda"] if i["kind"] == "question")
    do("agenda_edit", {"item_id": question["id"], "notes": QUESTION})
    do("process_set", {"destination": "The council's housing committee and the ward forum, 3 June"})
    do("agenda_go", {})
    look(projectors, "welcome", "#join")
    do("agenda_go", {})
    look(projectors, "agreements", "#scene-agreements")
    do("agenda_go", {})
    look(projectors, "question", "#scene-question")

    do("agenda_go", {})
    do("breakouts_start", {"mode": "random", "size": 2, "minutes": 20})
    groups = evening.console.sio.call("hello", {"role": "facilitator"})["snapshot"]["process"]
    for group in groups["breakout"]["groups"]:
        do("group_place", {"group_id": group["id"], "place": PLACE})
    look(projectors, "breakouts", "#scene-breakouts")

    do("agenda_go", {})
    for n in range(len(NAMES)):
        if evening.phone(n, "volunteer", {"role": "note_taker"})["ok"]:
            for k in range(3):
                ok(
                    evening.phone(
                        n, "point_add", {"text": f"{POINT} ({k + 1})", "agreement": "all"}
                    )
                )
    look(projectors, "harvest", "#scene-harvest")

    do("agenda_go", {})
    opened = do("open_round", {"text": PROPOSAL, "kind": "consent"})["round"]
    for n, choice in enumerate(["agree"] * 4 + ["concerns", "stand_aside"]):
        reason = "Who looks after it in the long summer holidays?" if choice == "concerns" else ""
        ok(evening.phone(n, "vote", {"round_id": opened["id"], "choice": choice, "reason": reason}))
    look(projectors, "proposals", "#round", round_shown=True)
    do("close_round", {"round_id": opened["id"]})
    for page in projectors:  # quiet under reduced motion: no growing bars, no confetti
        expect(page.locator("#outcome")).to_be_visible()
        expect(page.locator("#round")).not_to_have_class(re.compile(r"\breveal\b"))
        expect(page.locator("#burst i")).to_have_count(0)
    ok(evening.phone(0, "stack_join", {"kind": "speak"}))
    ok(evening.phone(1, "stack_join", {"kind": "clarify"}))
    do("stack_call")  # "Next speaker" after the round closed: the strip must not cover it
    for page in projectors:
        expect(page.locator("#outcome")).to_be_visible()
        expect(page.locator("#floor")).to_be_visible()
    look(projectors, "proposals", "#round", round_shown=True)
    for page in projectors:
        assert_outcome_whole(page, f"outcome at {page.viewport_size}")

    do("agenda_go", {})
    look(projectors, "delegates", "#scene-delegates")
    council = do("add_council", {"name": COUNCIL, "level": "district"})["council"]
    seat = do("open_seat", {"council_id": council["id"], "gender_balanced": False})["seat"]
    for n in range(3):
        ok(evening.phone(n, "stand", {"seat_id": seat["id"], "name": f"{NAMES[n]} Longname-Smith"}))
    election = do("open_election", {"seat_id": seat["id"]})["round"]
    look(projectors, "delegates", "#round", round_shown=True)
    do("close_round", {"round_id": election["id"]})
    look(projectors, "delegates", "#round", round_shown=True)

    do("agenda_go", {})
    for words in ("Write to the council about the streetlights on Elm Street", "Book the hall"):
        do("action_add", {"text": words, "owner": "Dana and the streetlights working group"})
    do("process_set", {"next_meeting": "Thursday 3 July at 7pm in St Mark's Hall, Elm Street"})
    look(projectors, "close", "#scene-close")

    do("energiser_add", {"key": "wave"})
    do("agenda_go", {})
    look(projectors, "energiser", "#scene-energiser")
    do("scene_show", {"scene": "council"})
    look(projectors, "council", "#scene-council")

    for n in range(3):
        asked = ok(evening.phone(n, "question_ask", {"text": QUESTION[: 80 + 30 * n]}))
        do("question_moderate", {"question_id": asked["question"]["id"], "action": "release"})
    do("scene_show", {"scene": "questions"})
    look(projectors, "questions", "#scene-questions")
    do("words_ask", {"text": "In one word: what do you love about living round here?"})
    for n, word in enumerate(["neighbours", "trees", "neighbours", "market", "quiet", "trees"]):
        ok(evening.phone(n, "word_send", {"word": word}))
    do("words_set", {"action": "show"})
    look(projectors, "words", "#scene-words")
