"""Deciding, end to end, in a real browser: secret ballots, hand counts, slips and run-offs.

Each test starts the real server (`python app.py`) and drives headless Chromium: the console
on the facilitator's laptop, the projector, the check-in desk and the phones. Screenshots go to
tests/artefacts/; the docs' screenshots in docs/img/ are written when missing, or refreshed with
UPDATE_DOC_SCREENSHOTS=1.
"""

import io
import json
import re

import pytest
from liveserver import save_screenshot
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

SECRET_IN = "Your secret ballot is in ✓. It cannot be changed."
HIDDEN = "Votes are hidden until the round closes."
SLIP_REFUSED = "That slip code does not work: it may have been used already, or mistyped."
ADMITTED = "You're admitted: you can vote tonight."
# A slip code as printed: two groups of five from the letters that cannot be misread.
SLIP_CODE = re.compile(r"\b[BCDFGHJKLMNPQRSTVWXZ2-9]{5}-[BCDFGHJKLMNPQRSTVWXZ2-9]{5}\b")


def bar(page, choice: str):
    """The count beside one choice's bar."""
    return page.locator(f"#bars .bar-row[data-choice='{choice}'] .bar-count")


def ballot(phone):
    """The part of a phone's page that shows the round (hand signals live elsewhere)."""
    return phone.locator("#round")


def set_up_round(
    console,
    stage: str,
    kind: str,
    rule: str | None = None,
    *,
    visibility: str | None = None,
    hide: bool = False,
    options: tuple[str, ...] = (),
) -> None:
    """Choose the round's settings in the console's Proposal tools (all in view)."""
    console.locator(".ros-tab[data-tool=proposal]").click()
    console.select_option("#round-stage", stage)
    console.select_option("#round-kind", kind)
    if rule:
        console.select_option("#round-rule-choice", rule)
    if visibility:
        console.select_option("#round-visibility", visibility)
    console.set_checked("#round-hide", hide)
    if options:
        console.fill("#round-options", "\n".join(options))


def open_round(console, text: str, heading: str) -> None:
    """Type the proposal, press the open button and wait until the round is open."""
    console.fill("#proposal-text", text)
    console.click("#open-consent")
    expect(console.locator("#round-heading")).to_have_text(heading)
    expect(console.locator("#console-error")).to_be_hidden()


def contrast(page, selector: str) -> float:
    """The WCAG contrast ratio of an element's text against its own (opaque) background."""
    colours = page.locator(selector).evaluate(
        """(el) => {
             const style = getComputedStyle(el);
             return [style.color, style.backgroundColor].map(
               (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number));
           }"""
    )

    def luminance(rgb: list[float]) -> float:
        srgb = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(c) for c in colours), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def socketio_messages(frames: list) -> list:
    """Decode the Socket.IO events and acknowledgements among raw WebSocket frames."""
    messages = []
    for frame in frames:
        text = frame.decode() if isinstance(frame, bytes) else frame
        body = re.sub(r"^\d+", "", text)
        if body.startswith("["):
            messages.append(json.loads(body))
    return messages


def revealed(value, round_id: int) -> list:
    """Every non-empty "counts" or "sources" of one round anywhere in a decoded message."""
    found = []
    if isinstance(value, dict):
        if value.get("id") == round_id and "counts" in value:
            found += [value[k] for k in ("counts", "sources") if value.get(k)]
        for inner in value.values():
            found += revealed(inner, round_id)
    elif isinstance(value, list):
        for inner in value:
            found += revealed(inner, round_id)
    return found


def test_secret_round_with_a_hand_count_stays_hidden_until_it_closes(server, room):
    frames: list = []
    projector = room.projector(frames)
    phones = [room.phone(name) for name in ("Amira", "Bo", "Chidi")]
    console = room.console()

    # A greeter at the desk (the facilitator's laptop may run it) counts two without phones.
    desk = console.context.new_page()
    desk.goto(f"{server.url}/desk")
    expect(desk.locator("#connection")).to_have_text("connected")
    desk.click("#more")
    expect(desk.locator("#without-phones")).to_have_text("1")
    desk.click("#more")
    expect(desk.locator("#without-phones")).to_have_text("2")
    expect(projector.locator("#present")).to_have_text("5")
    expect(console.locator("#present")).to_have_text("5")
    desk.close()

    # A quick temperature check first, counted in the open: its bars stay on the projector.
    proposal = "Adopt the tenants' charter as the assembly's own."
    set_up_round(console, "temperature", "temperature")
    open_round(console, proposal, "Temperature check — open")
    console.click("#close-round")
    expect(projector.locator("#outcome")).to_have_text(
        "Temperature: 0 agree, 0 unsure, 0 disagree."
    )
    expect(projector.locator("#bars .bar-count")).to_have_count(3)

    # The final vote decides the same proposal again: the box is left empty.
    set_up_round(console, "final", "vote", "two_thirds_present", visibility="secret", hide=True)
    expect(console.locator("#open-consent")).to_have_text("Open round")
    open_round(console, "", "Final vote — open")
    rows = server.query("SELECT id, proposal_id FROM rounds ORDER BY id")
    assert len(rows) == 2 and rows[0]["proposal_id"] == rows[1]["proposal_id"]
    round_id = rows[1]["id"]
    expect(console.locator("#round-rule")).to_have_text(
        "Yes / no · Two-thirds of those present · Secret ballot · results hidden until close"
    )

    expect(projector.locator("#round-text")).to_have_text(proposal)
    expect(projector.locator("#round-rule")).to_have_text(
        "Vote now · Two-thirds of those present · Secret ballot"
    )
    expect(projector.locator("#hidden-note")).to_be_visible()
    expect(projector.locator("#hidden-note")).to_have_text(HIDDEN)
    expect(projector.locator("#bars")).to_be_hidden()
    expect(projector.locator("#responded")).to_have_text("0 of 5 present have responded")

    for phone in phones:
        expect(phone.locator("#round .proposal")).to_have_text(proposal)
        expect(phone.locator("#round .eyebrow")).to_have_text(
            "Two-thirds of those present · Secret ballot"
        )
        expect(phone.locator("#vote-status")).to_have_text(
            "Secret ballot: once cast, it cannot be changed."
        )
    for phone, label in zip(phones, ("Yes", "Yes", "No"), strict=True):
        ballot(phone).get_by_role("button", name=label, exact=True).tap()
        expect(phone.locator("#vote-status")).to_have_text(SECRET_IN)
        for name in ("Yes", "No", "Abstain"):
            expect(ballot(phone).get_by_role("button", name=name, exact=True)).to_be_disabled()
        # The phone does not say which button was pressed: nobody looking over a shoulder can.
        expect(phone.locator("#round .vote.chosen")).to_have_count(0)

    expect(projector.locator("#responded")).to_have_text("3 of 5 present have responded")
    # A secret round hides its counts from the console too, until it closes.
    expect(console.locator("#hidden-note")).to_be_visible()
    expect(console.locator("#bars .bar-count")).to_have_count(0)

    # Two people without phones raise their hands for yes.
    console.locator("#hand-count-panel summary").click()
    console.select_option("#hand-source", "hands")
    console.fill("#hand-inputs input[data-choice=yes]", "2")
    console.click("#save-hands")
    expect(console.locator("#console-error")).to_be_hidden()
    expect(projector.locator("#responded")).to_have_text("5 of 5 present have responded")

    # Nothing on the projector, nor anything sent to it, tells how anyone voted.
    expect(projector.locator("#hidden-note")).to_have_text(HIDDEN)
    expect(projector.locator("#bars")).to_be_hidden()
    expect(projector.locator("#bars .bar-count")).to_have_count(0)
    expect(projector.locator("#sources")).to_be_hidden()
    messages = socketio_messages(frames)
    assert any(m[0] == "counts" for m in messages if m and isinstance(m[0], str))
    assert [revealed(m, round_id) for m in messages if revealed(m, round_id)] == []
    reloaded = phones[0]
    reloaded.reload()
    expect(reloaded.locator("#vote-status")).to_have_text(SECRET_IN)
    expect(ballot(reloaded).get_by_role("button", name="Yes", exact=True)).to_be_disabled()
    save_screenshot(projector, "decision-hidden.png", docs=True)
    save_screenshot(phones[1], "decision-phone-secret.png", docs=True)

    # The ballots cannot be traced to anyone: no column names a person, only who has voted.
    columns = {row["name"] for row in server.query("PRAGMA table_info(ballots)")}
    assert columns == {"id", "round_id", "choice"}
    assert not [c for c in columns if "attendee" in c]
    counted = server.query("SELECT choice, n FROM ballot_counts WHERE round_id = ?", (round_id,))
    assert {row["choice"]: row["n"] for row in counted} == {"yes": 2, "no": 1}
    box = server.query("SELECT attendee_id FROM ballot_box WHERE round_id = ?", (round_id,))
    assert len(box) == 3
    assert server.votes(round_id) == {}

    console.click("#close-round")
    sentence = "Passed: 4 of 5 present said yes (80%); 66.7% of those present needed."
    expect(projector.locator("#outcome")).to_have_text(sentence)
    expect(projector.locator("#outcome")).to_have_class("outcome outcome-passed")
    assert contrast(projector, "#outcome") >= 4.5
    expect(projector.locator("#round-rule")).to_have_text(
        "Round closed · Two-thirds of those present · Secret ballot"
    )
    expect(projector.locator("#hidden-note")).to_be_hidden()
    expect(projector.locator("#bars")).to_be_visible()
    expect(bar(projector, "yes")).to_have_text("4")
    expect(bar(projector, "no")).to_have_text("1")
    expect(bar(projector, "abstain")).to_have_text("0")
    expect(projector.locator("#sources")).to_have_text("Counted from phones 3, raised hands 2")
    # Only now do the counts travel to the projector (which shows the check above can see them).
    assert any(revealed(m, round_id) for m in socketio_messages(frames))
    expect(projector.locator("#responded")).to_have_text(
        "5 of 5 present have responded · passes at 66.7% of those present (4 yes)"
    )
    expect(console.locator("#outcome")).to_have_text(sentence)
    for phone in phones:
        expect(phone.locator("#round .outcome")).to_have_text(sentence)
    save_screenshot(projector, "decision-result.png", docs=True)


def print_slips(console, count: int) -> list[str]:
    """Print slips from the console's form and read their codes back from the PDF."""
    console.fill("input[name=count]", str(count))
    # The form opens a new tab; Chromium reports the PDF attachment as the console's download.
    with console.expect_download() as downloading:
        console.get_by_role("button", name="Print slips (PDF)").click()
    download = downloading.value
    assert download.suggested_filename == f"slips-{console_code(console)}-{count}.pdf"
    pdf = download.path().read_bytes()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return SLIP_CODE.findall(text)


def console_code(console) -> str:
    """The meeting code shown in the console's heading."""
    return console.locator(".console-head .code").inner_text().removeprefix("code ")


def use_slip(phone, code: str, says: str) -> None:
    """Type a slip code on a phone, send it and wait for the kiosk's answer."""
    phone.get_by_label("Slip code").fill(code)
    ballot(phone).get_by_role("button", name="Use my slip").click()
    # Refusals are alerts (shown as errors), admissions are status notices.
    shown = phone.locator("[role=status], [role=alert]").filter(has_text=says)
    expect(shown).to_be_visible()
    expect(phone.locator("#connection")).to_have_class("connection online")


def test_slips_admit_one_phone_each(server, room):
    console = room.console()
    setup = console.context.new_page()  # the console's set-up page, in another tab
    setup.goto(f"{server.url}/facilitate/setup")
    early = room.phone("Dana")
    expect(early.locator("#round h2")).to_have_text("Nothing to vote on yet.")
    expect(ballot(early).get_by_role("button", name="Use my slip")).to_have_count(0)
    expect(setup.locator("#admitted-count")).to_have_text("1")

    # Switching to slips asks first, then un-admits every phone; the open phone reloads.
    setup.on("dialog", lambda dialog: dialog.accept())
    setup.select_option("#voting-mode", "slips")
    setup.click("#set-mode")
    expect(setup.locator("#admitted-count")).to_have_text("0")
    expect(ballot(early).get_by_role("button", name="Use my slip")).to_be_visible()
    expect(early.locator("#connection")).to_have_class("connection online")

    codes = print_slips(setup, 2)
    assert len(codes) == len(set(codes)) == 2, codes
    assert server.query("SELECT COUNT(*) AS n FROM slips")[0]["n"] == 2

    use_slip(early, "BBBBB-BBBBB", SLIP_REFUSED)
    expect(ballot(early).get_by_role("button", name="Use my slip")).to_be_visible()
    # Typed as a person might: lower case, no dash.
    use_slip(early, codes[0].replace("-", "").lower(), ADMITTED)
    expect(ballot(early).get_by_role("button", name="Use my slip")).to_have_count(0)
    expect(setup.locator("#admitted-count")).to_have_text("1")

    late = room.phone("Eli")
    expect(ballot(late).get_by_role("button", name="Use my slip")).to_be_visible()
    use_slip(late, codes[0], SLIP_REFUSED)
    expect(ballot(late).get_by_role("button", name="Use my slip")).to_be_visible()
    redeemed = server.query("SELECT COUNT(*) AS n FROM slips WHERE redeemed = 1")
    assert redeemed[0]["n"] == 1

    # The late phone is typing its code again when a round opens: what it typed stays.
    late.get_by_label("Slip code").fill(codes[0])
    proposal = "Move the assembly to the library."
    set_up_round(console, "consent", "consent", "consensus")
    open_round(console, proposal, "Consent round — open")
    expect(late.locator("#round .proposal")).to_have_text(proposal)
    expect(late.get_by_label("Slip code")).to_have_value(codes[0])
    expect(late.get_by_label("Slip code")).to_be_focused()

    # Only the admitted phone gets a ballot; the other still sees the slip form.
    ballot(early).get_by_role("button", name="Agree", exact=True).tap()
    expect(early.locator("#vote-status")).to_have_text("Your vote: Agree — saved ✓")
    expect(ballot(late).get_by_role("button", name="Use my slip")).to_be_visible()
    expect(ballot(late).get_by_role("button", name="Agree")).to_have_count(0)
    expect(late.locator("#vote-status")).to_have_count(0)
    # Sending a vote anyway, as the page's script would, is refused by the kiosk.
    (round_id,) = [row["id"] for row in server.query("SELECT id FROM rounds")]
    reply = late.evaluate(
        """([code, roundId]) => new Promise((resolve) => {
             const socket = io({ forceNew: true, transports: ["websocket"] });
             socket.on("connect", () => {
               socket.emit("vote", { code: code, round_id: roundId, choice: "agree" }, (answer) => {
                 socket.disconnect();
                 resolve(answer);
               });
             });
           })""",
        [server.code, round_id],
    )
    assert reply == {"ok": False, "error": "Enter the code from your admission slip before voting."}
    expect(bar(console, "agree")).to_have_text("1")
    expect(console.locator("#responded")).to_contain_text("1 of 2 present have responded")
    save_screenshot(late, "decision-phone-slip.png")


def rank(phone, *options: str) -> None:
    """Tap options in order of preference, then send the ranking."""
    for place, option in enumerate(options, start=1):
        ballot(phone).get_by_role("button", name=option, exact=True).tap()
        expect(
            ballot(phone).get_by_role("button", name=f"{option}, ranked {place}", exact=True)
        ).to_have_attribute("aria-pressed", "true")
    ballot(phone).get_by_role("button", name="Send my ranking").tap()
    expect(phone.locator("#vote-status")).to_have_text(
        f"Your ranking: {' › '.join(options)} — saved ✓"
    )


def test_ranked_run_off_elects_by_instant_run_off(server, room):
    projector = room.projector()
    phones = [room.phone(name) for name in ("Farah", "Gus")]
    console = room.console()

    question = "Which project gets this year's small grant?"
    set_up_round(console, "runoff", "ranked", options=("Library", "Park", "Pool"))
    expect(console.locator("#round-options")).to_be_visible()
    expect(console.locator("#open-consent")).to_have_text("Open round")
    open_round(console, question, "Run-off — open")
    expect(console.locator("#hand-count-panel")).to_be_hidden()
    expect(projector.locator("#round-text")).to_have_text(question)

    first, second = phones
    expect(first.locator("#vote-status")).to_have_text(
        "Tap the options in order of preference, then send."
    )
    for option in ("Library", "Park", "Pool"):
        expect(ballot(first).get_by_role("button", name=option, exact=True)).to_be_enabled()
    expect(ballot(first).get_by_role("button", name="Send my ranking")).to_be_disabled()
    # A tap on a ranked option takes it back out of the ranking.
    ballot(first).get_by_role("button", name="Pool", exact=True).tap()
    ballot(first).get_by_role("button", name="Pool, ranked 1", exact=True).tap()
    expect(ballot(first).get_by_role("button", name="Pool", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    rank(first, "Library", "Pool", "Park")
    rank(second, "Library", "Park")

    expect(projector.locator("#responded")).to_have_text("2 of 2 present have responded")
    expect(bar(projector, "Library")).to_have_text("2")
    expect(bar(projector, "Park")).to_have_text("0")
    expect(bar(projector, "Pool")).to_have_text("0")
    save_screenshot(first, "decision-phone-ranked.png")

    console.click("#close-round")
    sentence = "Elected by instant run-off from 2 ballots after 1 count: Library."
    expect(projector.locator("#winners")).to_have_text("Chosen: Library")
    expect(projector.locator("#outcome")).to_have_text(sentence)
    expect(projector.locator("#outcome")).to_have_class("outcome outcome-chosen")
    assert contrast(projector, "#outcome") >= 4.5  # read from the back of the hall
    expect(console.locator("#winners")).to_have_text("Chosen: Library")
    for phone in phones:
        expect(phone.locator("#round .outcome")).to_have_text(sentence)
    save_screenshot(projector, "decision-runoff.png")
