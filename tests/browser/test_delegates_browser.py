"""Delegates, end to end, in a real browser: election, mandate, signed card, verify, recall.

The real server (`python app.py`) runs with headless Chromium: the console on the facilitator's
laptop, the projector and three phones, each in its own browser context. The card the console
downloads is read as a person and a council would: its text, and its QR code rendered from the
PDF and checked at /verify. Screenshots go to tests/artefacts/; docs/img/delegates-*.png are
written when missing, or refreshed with UPDATE_DOC_SCREENSHOTS=1.
"""

import io
import re
from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
import zxingcpp
from liveserver import LAPTOP_SCREEN, PROJECTOR_SCREEN, save_screenshot
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

COUNCIL = "Riverside District Council"
DECISION = "Ask the county to fund a crossing on Elm Street."
REPORT = [
    ("Agreed the crossing for next spring", "for"),
    ("Deferred the library's closure", "against"),
    ("Set the budget at £30,000 for walking and cycling", "for"),
]
SECRET_IN = "Your secret ballot is in ✓. It cannot be changed."
ASSEMBLY, AREA = "Riverside Assembly", "Riverside ward"
SIGN = f"Sign the recall petition for Amira ({COUNCIL})"


def ballot(phone):
    """The part of a phone's page that shows the round."""
    return phone.locator("#round")


def agree_and_close(console, phones: list, projector, heading="Consent round — open") -> None:
    """Every phone agrees in the open consent round, then the console closes it."""
    expect(console.locator("#round-heading")).to_have_text(heading)
    for phone in phones:
        ballot(phone).get_by_role("button", name="Agree", exact=True).tap()
        expect(phone.locator("#vote-status")).to_have_text("Your vote: Agree — saved ✓")
    console.click("#close-round")
    expect(projector.locator("#outcome")).to_have_text("Passed: no blocks, 3 of 3 agree.")


def stand(phone, name: str = "", gender: str = "", screenshot: str = "") -> None:
    """Stand for the open seat from a phone, under a name (blank: the check-in name)."""
    card = phone.locator("#d-phone")
    card.get_by_role("button", name=f"Stand for {COUNCIL}").tap()
    if name:
        card.get_by_label("Your name on the ballot").fill(name)
    card.get_by_label("Gender (optional").select_option(gender)
    if screenshot:
        card.evaluate("(card) => card.scrollIntoView({ block: 'center' })")
        save_screenshot(phone, screenshot, animations="disabled")
    card.get_by_role("button", name="Put my name forward").tap()
    expect(card).to_contain_text(f"You are standing for {COUNCIL} ✓")


def rank(phone, *options: str) -> None:
    """Tap the candidates in order of preference, then send the (secret) ranking."""
    for place, option in enumerate(options, start=1):
        ballot(phone).get_by_role("button", name=option, exact=True).tap()
        expect(
            ballot(phone).get_by_role("button", name=f"{option}, ranked {place}", exact=True)
        ).to_be_visible()
    ballot(phone).get_by_role("button", name="Send my ranking").tap()
    expect(phone.locator("#vote-status")).to_have_text(SECRET_IN)


def write_mandate(console) -> None:
    """Complete the mandate form the election filled in, then save the draft."""
    console.fill("#d-m-scope", "Road safety and transport")
    console.get_by_label("Instruction 1").fill("Fund a crossing on Elm Street")
    console.get_by_role("button", name="Add an instruction").click()
    console.get_by_label("Instruction 2").fill("Closing the Elm Street library")
    console.get_by_label("Position 2").select_option("must_oppose")
    console.get_by_role("button", name="Add an instruction").click()
    console.get_by_label("Instruction 3").fill("The 2027 transport budget")
    console.get_by_label("Position 3").select_option("free")
    console.get_by_label("Limits 3").fill("walking and cycling first")
    console.fill("#d-m-cap", "250")
    console.fill("#d-m-expires-on", (date.today() + timedelta(days=365)).isoformat())
    console.fill("#d-m-expires-after", "6")
    console.fill("#d-m-report-back", "At the next assembly after each council meeting")
    console.fill("#d-m-petition", "50")
    console.locator("#d-m-decisions").get_by_label(DECISION).check()
    console.fill("#d-m-facilitator", "Sam Reyes")
    console.fill("#d-m-note-taker", "Lee Chen")
    console.get_by_role("button", name="Save draft").click()


def read_card(pdf: bytes) -> tuple[str, list[str]]:
    """Return a card PDF's text and what the QR codes on its first page (at 150 dpi) say."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    return text, [found.text for found in zxingcpp.read_barcodes(image)]


def sign_petition(phone, signed: str) -> None:
    """Sign the recall petition from a phone, confirming on the second tap."""
    card = phone.locator("#d-phone")
    card.get_by_role("button", name=SIGN).tap()
    expect(card).to_contain_text("It cannot be taken back.")
    card.get_by_role("button", name="Yes, sign").tap()
    expect(card.locator(".notice")).to_have_text("You signed ✓")
    expect(card.locator(".d-phone-count")).to_have_text(f"Recall petition: {signed}")


def test_a_delegate_is_elected_mandated_carded_verified_and_petitioned(server, room):
    projector = room.page(PROJECTOR_SCREEN, "/projector")
    amira, bo, chidi = phones = [room.phone(n) for n in ("Amira", "Bo", "Chidi")]
    console = room.page(LAPTOP_SCREEN, server.facilitator_link)
    expect(console.locator("#connection")).to_have_text("connected")
    setup = console.context.new_page()  # the console's set-up page, in another tab
    setup.goto(f"{server.url}/facilitate/setup")
    fingerprint = setup.locator("#d-fingerprint").inner_text()
    assert re.fullmatch(r"([0-9A-F]{4} ){9}[0-9A-F]{4}", fingerprint), fingerprint

    # The assembly names itself; its key (and so its fingerprint) stays the same, and the
    # meeting, still titled by default, takes the new name on every page.
    setup.get_by_text("Rename the assembly").click()
    setup.get_by_label("Assembly name").fill(ASSEMBLY)
    setup.get_by_label("Area", exact=True).fill(AREA)
    setup.get_by_role("button", name="Save the name").click()
    expect(setup.locator("#d-name")).to_have_text(ASSEMBLY)
    expect(setup.locator("#d-area")).to_have_text(f"({AREA})")
    expect(setup.locator("#d-fingerprint")).to_have_text(fingerprint)
    setup.get_by_text("Rename the assembly").click()  # folded away again
    expect(projector.locator("#meeting-title")).to_have_text(ASSEMBLY)
    expect(console.locator(".ros-head [data-meeting-title]")).to_have_text(ASSEMBLY)
    expect(amira.locator("[data-meeting-title]")).to_have_text(ASSEMBLY)

    # A proposal passes first: the mandate will carry it.
    console.fill("#proposal-text", DECISION)
    console.click("#open-consent")
    agree_and_close(console, phones, projector)

    # The council (set up beforehand), and its seat for a gender-balanced pair.
    setup.fill("#d-council-name", COUNCIL)
    setup.select_option("#d-council-level", "district")
    setup.get_by_role("button", name="Add council").click()
    expect(setup.locator("#d-councils")).to_have_text(f"{COUNCIL} · District council")
    console.locator(".ros-tab[data-tool=delegates]").click()
    console.check("#d-seat-balanced")
    console.get_by_role("button", name="Open nominations").click()
    seat = console.locator("#d-seats [data-seat]")
    expect(seat.locator("h4")).to_have_text(f"Seat on {COUNCIL} · gender-balanced pair")

    # Two phones stand (one under a fuller name); the facilitator adds someone without a phone.
    stand(amira, gender="woman")
    stand(bo, "Bo Lindqvist", "man", screenshot="delegates-phone-stand.png")
    expect(chidi.locator("#d-phone")).to_contain_text(f"Stand for {COUNCIL}")
    seat.get_by_label("Candidate's name").fill("Dee Okafor")
    seat.get_by_label("Candidate's gender").select_option("woman")
    seat.get_by_role("button", name="Add candidate").click()
    expect(seat.locator(".d-candidates li")).to_have_text(
        [
            "Amira (Woman) · stood from a phone",
            "Bo Lindqvist (Man) · stood from a phone",
            "Dee Okafor (Woman) · added here",
        ]
    )

    # The election is a secret ranked round like any other.
    seat.get_by_role("button", name="Open election").click()
    expect(console.locator("#round-heading")).to_have_text("Election — open")
    expect(projector.locator("#round-text")).to_have_text(f"Elect our delegate to {COUNCIL}")
    expect(chidi.locator("#d-phone")).to_be_hidden()  # nominations have closed
    rank(amira, "Amira", "Dee Okafor", "Bo Lindqvist")
    rank(bo, "Dee Okafor", "Amira")
    rank(chidi, "Amira", "Bo Lindqvist", "Dee Okafor")
    expect(projector.locator("#responded")).to_have_text("3 of 3 present have responded")
    console.click("#close-round")
    expect(projector.locator("#winners")).to_have_text("Chosen: Amira, Dee Okafor")
    expect(projector.locator("#outcome")).to_contain_text("Elected by")
    expect(projector.locator("#outcome")).to_have_class("outcome outcome-chosen")

    # The result fills the form: a balanced pair takes Bo as co-delegate, Dee is the alternate.
    seat.get_by_role("button", name="Use the result").click()
    expect(console.locator("#d-filled")).to_be_visible()
    expect(console.locator("#d-m-delegate")).to_have_value("Amira")
    expect(console.locator("#d-m-co-delegate")).to_have_value("Bo Lindqvist")
    expect(console.locator("#d-m-alternate")).to_have_value("Dee Okafor")
    expect(console.locator("#d-m-council option:checked")).to_have_text(COUNCIL)

    # A draft with no expiry is refused in plain words; completed, it is saved.
    console.get_by_role("button", name="Save draft").click()
    expect(console.locator("#d-mandate-error")).to_have_text(
        "Say when the mandate expires: a date, a number of council meetings, or both."
    )
    write_mandate(console)
    expect(console.locator("#d-mandate-error")).to_be_hidden()
    mandate = console.locator("#d-mandates [data-mandate]")
    expect(mandate.locator("h4")).to_have_text(f"Mandate 1 · Amira to {COUNCIL} Draft")
    words = mandate.locator(".d-text")
    expect(words).to_contain_text("Co-delegate: Bo Lindqvist. Alternate: Dee Okafor.")
    expect(words).to_contain_text("3. Free within limits: The 2027 transport budget")
    expect(words).to_contain_text(f"Decisions carried: “{DECISION}”")
    expect(console.locator("#d-m-delegate")).to_have_value("")  # the form is ready for the next

    # The assembly confirms the exact words; the kiosk signs and issues the mandate.
    mandate.get_by_role("button", name="Put to the assembly").click()
    expect(mandate.locator(".d-status")).to_have_text("Draft · the assembly is deciding")
    expect(ballot(chidi).locator(".proposal")).to_contain_text("Mandate 1: to " + COUNCIL)
    agree_and_close(console, phones, projector, "Confirming a mandate — open")
    expect(mandate.locator(".d-status")).to_have_text("In force")
    expect(mandate.locator(".d-petition")).to_have_text("0 of 2 signatures")

    # The console's card link downloads the signed card; its QR verifies on a phone.
    with console.expect_download() as downloading:
        mandate.get_by_role("link", name="Card (PDF)").click()
    assert downloading.value.suggested_filename == "mandate-1-card.pdf"
    text, codes = read_card(downloading.value.path().read_bytes())
    for words_on_card in ("Amira", "Bo Lindqvist", "Dee Okafor", COUNCIL, "Elm Street", ASSEMBLY):
        assert words_on_card in text
    (payload,) = [row["payload"] for row in server.query("SELECT payload FROM mandates")]
    assert codes == [payload]
    large = console.request.get(server.url + "/facilitate/mandates/1/large.pdf")
    assert large.ok and large.body().startswith(b"%PDF")

    checker = chidi.context.new_page()
    checker.goto(f"{server.url}/verify")
    checker.fill("#payload", codes[0])
    checker.get_by_role("button", name="Check card").click()
    verdict = checker.locator(".verdict")
    expect(verdict).to_have_class(re.compile(r"\bverdict-valid\b"))
    expect(verdict).to_contain_text("Valid")
    expect(verdict).to_contain_text(f"{ASSEMBLY} ({AREA})")
    expect(verdict.locator("code")).to_have_text(fingerprint)
    save_screenshot(checker, "delegates-verify.png", animations="disabled")
    checker.close()

    # A report-back answers every instruction, and goes on tonight's agenda.
    mandate.get_by_text("Record a report-back").click()
    mandate.get_by_label("Date of the council meeting").fill(date.today().isoformat())
    mandate.get_by_role("button", name="Record the report-back").click()
    expect(console.locator("#d-mandates-error")).to_have_text("Say what the council did on item 1.")
    for n, (did, voted) in enumerate(REPORT, start=1):
        mandate.get_by_label(f"What the council did on item {n}").fill(did)
        mandate.get_by_label(f"How the delegate voted on item {n}").fill(voted)
    mandate.get_by_role("button", name="Record the report-back").click()
    expect(mandate.locator(".notice")).to_have_text(
        "Report-back recorded: it is on tonight's agenda."
    )
    expect(mandate.get_by_text("Record a report-back (1 so far)")).to_be_visible()
    titles = [row["title"] for row in server.query("SELECT title FROM agenda_items")]
    assert f"Report-back: Amira ({COUNCIL})" in titles

    # Recall: half of those checked in must sign; the console counts each signature.
    expect(chidi.locator("#d-phone")).to_contain_text(SIGN)
    chidi.locator("#d-phone").get_by_role("button", name=SIGN).tap()
    chidi.locator("#d-phone").evaluate("(card) => card.scrollIntoView({ block: 'center' })")
    save_screenshot(chidi, "delegates-phone.png", docs=True, animations="disabled")
    chidi.locator("#d-phone").get_by_role("button", name="Yes, sign").tap()
    expect(chidi.locator("#d-phone .notice")).to_have_text("You signed ✓")
    expect(mandate.locator(".d-petition")).to_have_text("1 of 2 signatures")
    expect(mandate.get_by_role("button", name="Open recall vote")).to_have_count(0)
    chidi.reload()  # the kiosk remembers who signed
    expect(chidi.locator("#d-phone .notice")).to_have_text("You signed ✓")
    mandate.scroll_into_view_if_needed()  # the Delegates tab scrolls inside the console
    save_screenshot(console, "delegates-console.png", docs=True, animations="disabled")
    sign_petition(bo, "2 of 2 signatures")
    expect(mandate.locator(".d-petition")).to_have_text("2 of 2 signatures")
    titles = [row["title"] for row in server.query("SELECT title FROM agenda_items")]
    assert f"Recall vote: Amira ({COUNCIL})" in titles
    mandate.get_by_role("button", name="Open recall vote").click()
    expect(console.locator("#round-heading")).to_have_text("Recall vote — open")
    expect(ballot(amira).locator(".proposal")).to_have_text(
        f"Recall Amira as our delegate to {COUNCIL} (mandate 1)."
    )
    expect(mandate.locator(".d-status")).to_have_text("In force · recall vote open")
