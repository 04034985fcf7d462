"""Paper for everyone: sign-in sheets, the large-print agenda, the letter, and the Print page."""

import io
import math

import pytest
from minutes_sample import rich_minutes
from pypdf import PdfReader

from kiosk.db import connect
from kiosk.decisions.rounds import cast_vote, close_round, open_round
from kiosk.delegates import mandates
from kiosk.delegates import seats as delegates
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.process import agenda
from kiosk.trust import identity
from printouts.paper import agenda_handout_pdf, attendance_sheet_pdf, submission_letter_pdf
from printouts.wording import STANCES

MEETING = {
    "title": "Riverside assembly, March",
    "date": "2026-03-12",
    "venue": "St Mark's Community Hall, 4 Mill Lane",
    "assembly": "Riverside People's Assembly",
    "starts_at": "19:00",
    "results_go_to": "Leeds City Council, Housing Scrutiny Board",
}
ITEMS = [
    {"kind": "welcome", "title": "Welcome", "minutes": 10, "notes": "Grab a tea, say hello."},
    {"kind": "question", "title": "Tonight's question", "minutes": 15, "notes": "What next?"},
    {"kind": "close", "title": "Close and celebrate", "minutes": 5, "notes": ""},
]
ASKS = "We submit this as a petition under the council's scheme, and ask for its response by {due}."
WORDS = "Ask the council to lease the Mill Lane lot to the assembly as a community garden."


def pages(pdf: bytes) -> list[str]:
    """Extract each page's text with its line breaks and spacing folded to single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def runs(pdf: bytes, page: int = 0) -> list[tuple[str, float]]:
    """List each run of text on a page with its size in points as printed."""
    found = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
            found.append((text.strip(), round(size * scale, 2)))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def letter(stance: str = "parallel") -> dict:
    """Return a letter submitting the sample minutes' consent round."""
    minutes = rich_minutes()
    rnd = minutes["proposals"][0]["rounds"][1]
    return {
        "date": "2026-03-16",
        "assembly": minutes["assembly"],
        "addressee": "The Chair\nHousing Scrutiny Board\nLeeds City Council",
        "salutation": "",
        "meeting": {**minutes["meeting"], "attendance": minutes["attendance"]},
        "decision": rnd,
        "stance": stance,
        "legitimacy": minutes["legitimacy"],
        "signers": [
            {"name": "Dana Reyes", "role": "Facilitator"},
            {"name": "Sam Okafor", "role": "Delegate to the Leeds Housing Council"},
        ],
        "route": {"label": "Petition under the council's petition scheme", "asks": ASKS},
        "reply_due": "2026-03-30",
    }


def test_sign_in_sheets_number_25_rows_a_page_across_every_page():
    pdf = attendance_sheet_pdf(MEETING, pages=3)
    found = pages(pdf)
    assert len(found) == 3
    for number, page in enumerate(found):
        numbers = [int(text) for text, _ in runs(pdf, number) if text.isdigit()]
        assert numbers == list(range(number * 25 + 1, number * 25 + 26))
        for words in ("Your name (optional)", "I live in this area", "First time here"):
            assert words in page
        assert f"Sheet {number + 1} of 3" in page and "Sign in: Riverside assembly, March" in page
        assert "Thursday 12 March 2026 · St Mark's Community Hall" in page
        assert "live in the area" in page and "Entered at the desk by" in page


def test_agenda_handout_is_large_print_with_times_pillars_and_signals():
    pdf = agenda_handout_pdf(MEETING, ITEMS)
    text = " ".join(pages(pdf))
    for words in (
        "Riverside assembly, March",
        "Thursday 12 March 2026, starting at 19:00",
        MEETING["venue"],
        "19:00 10 min Welcome Grab a tea, say hello.",
        "19:10 15 min Tonight's question What next?",
        "19:25 5 min Close and celebrate",
        "Tonight's results go to: Leeds City Council, Housing Scrutiny Board",
        "1. Radical inclusivity.",
        "2. Active listening.",
        "3. Trust.",
        "I agree. Twinkle",
        "Point of process. Triangle",
        "Please wrap up. Rolling hands",
    ):
        assert words in text, words
    sizes = [size for page in range(len(pages(pdf))) for _, size in runs(pdf, page)]
    assert sizes and min(sizes) >= 16


def test_agenda_handout_without_items_or_start_still_prints():
    text = " ".join(pages(agenda_handout_pdf({"title": "Assembly", "date": None}, [])))
    assert "The agenda will be set at the start of the meeting." in text
    assert "starting at" not in text and "Hand signals" in text


@pytest.mark.parametrize("stance", list(STANCES))
def test_the_letter_carries_the_decision_the_stance_and_the_evidence(stance):
    data = letter(stance)
    text = " ".join(pages(submission_letter_pdf(data)))
    label, words = STANCES[stance]
    assert label in text and words in text
    assert f"“{data['decision']['wording']}”" in text
    assert data["decision"]["sentence"] in text and data["decision"]["rule_label"] in text
    assert "Agree 104 27 131" in text and "Voting cards" in text
    assert "The Chair Housing Scrutiny Board Leeds City Council" in text
    assert "Monday 16 March 2026" in text and "Dear Councillors," in text
    assert "Evidence of legitimacy" in text and data["legitimacy"]["summary"] in text
    for item in data["legitimacy"]["meeting"] + data["legitimacy"]["rolling"]["criteria"]:
        assert item["label"] in text and item["reason"] in text
    assert "Dana Reyes Facilitator, Riverside People's Assembly" in text
    assert "Sam Okafor Delegate to the Leeds Housing Council, Riverside" in text
    assert "Facilitator" not in text.split("Sam Okafor")[1]  # each signer's own role
    assert "Submitted as: Petition under the council's petition scheme" in text
    assert "ask for its response by Monday 30 March 2026." in text
    assert data["assembly"]["fingerprint"] in text
    others = [w for key, (_, w) in STANCES.items() if key != stance]
    assert not [w for w in others if w in text]


def test_a_letter_with_an_unknown_stance_is_refused():
    with pytest.raises(ValueError):
        submission_letter_pdf(letter("overthrow"))


def make_decisions(app) -> dict:
    """Pass a proposal and issue a mandate in the running meeting; return their ids."""
    db = connect(app.config["DATABASE"])
    try:
        meeting = current_meeting(db)
        people = [check_in(db, meeting, n, True, False) for n in ("Amira", "Bo", "Chidi")]
        rnd = open_round(db, meeting, WORDS, stage="final", kind="vote", rule="majority")
        for person in people:
            cast_vote(db, person, rnd["id"], "yes")
        close_round(db, rnd["id"])
        council = delegates.add_council(db, "Leeds Housing Council", "district")
        draft = mandates.draft(db, meeting, mandate_fields(council["id"]))
        confirm = mandates.open_confirmation(db, meeting, draft["id"])
        for person in people:
            cast_vote(db, person, confirm["id"], "agree")
        closed = close_round(db, confirm["id"])
        key = app.extensions["kiosk_key"]
        mandates.settle_round(db, closed, key, identity.assembly(db)["key_id"])
        agenda.use_template(db, meeting["id"])
        return {"round": rnd["id"], "mandate": draft["id"], "meeting": meeting["id"]}
    finally:
        db.conn.close()


def mandate_fields(council_id: int) -> dict:
    """Return a complete mandate form."""
    return {
        "council_id": council_id,
        "delegate": "Amira",
        "co_delegate": "",
        "alternate": "Bo",
        "scope": "The Mill Lane lot",
        "items": [{"item": "Lease the lot to the assembly", "position": "must_support"}],
        "spending_cap": "0",
        "expires_on": "",
        "expires_after_meetings": 3,
        "report_back": "At the next assembly",
        "petition_percent": "25",
        "recall_percent": "200/3",
        "facilitator_name": "Dana",
        "note_taker_name": "Eli",
    }


def test_the_print_page_links_everything_and_is_for_the_facilitator_only(
    app, client, facilitator_client
):
    made = make_decisions(app)
    assert client.get("/facilitate/print").status_code == 403
    page = facilitator_client.get("/facilitate/print").data.decode()
    for link in (
        "/facilitate/print/attendance.pdf",
        "/facilitate/print/agenda.pdf",
        'action="/facilitate/slips?lang=en"',
        f"/facilitate/rounds/{made['round']}/ballots.pdf",
        f"/facilitate/rounds/{made['round']}/tally.pdf",
        f"/facilitate/mandates/{made['mandate']}/card.pdf",
        f"/facilitate/mandates/{made['mandate']}/large.pdf",
        f"/facilitate/print/minutes.pdf?meeting={made['meeting']}",
        'action="/facilitate/print/letter.pdf"',
        f'<option value="{made["round"]}">',
    ):
        assert link in page, link
    console = facilitator_client.get("/facilitate").data.decode()
    assert 'href="/facilitate/print"' in console


def test_sheets_agenda_minutes_and_letter_print_over_http(app, client, facilitator_client):
    made = make_decisions(app)
    sheets = facilitator_client.get("/facilitate/print/attendance.pdf?sheets=2")
    assert sheets.mimetype == "application/pdf" and len(pages(sheets.data)) == 2
    handout = " ".join(
        pages(facilitator_client.get("/facilitate/print/agenda.pdf?starts=19:30").data)
    )
    assert "19:30 10 min Welcome" in handout and "19:40 5 min Our agreements" in handout
    minutes = " ".join(pages(facilitator_client.get("/facilitate/print/minutes.pdf").data))
    assert f"“{WORDS}”" in minutes and "Passed: 3 yes to 0 no" in minutes
    assert f"Mandate {made['mandate']} to Leeds Housing Council (district): issued" in minutes
    form = {
        "round": made["round"],
        "route": "deputation",
        "addressee": "The Leader\nLeeds City Council",
        "stance": "input",
        "signed": "Dana\nSam Okafor, co-facilitator",
        "sent_on": "2026-05-14",
    }
    reply = facilitator_client.post("/facilitate/print/letter.pdf", data=form)
    text = " ".join(pages(reply.data))
    assert f"“{WORDS}”" in text and STANCES["input"][1] in text and "Evidence of legitimacy" in text
    assert "Dana Facilitator" in text and "Sam Okafor co-facilitator" in text
    assert "Submitted as: Deputation to a committee" in text
    assert "written response by Thursday 11 June 2026." in text  # 20 working days
    assert client.post("/facilitate/print/letter.pdf", data=form).status_code == 403
    assert client.get("/facilitate/print/minutes.pdf").status_code == 403


def test_a_letter_needs_a_passed_decision_a_stance_and_signatures(app, facilitator_client):
    made = make_decisions(app)
    good = {"round": made["round"], "addressee": "The Leader", "stance": "input", "signed": "Dana"}
    for change, message in (
        ({"stance": "overthrow"}, "Choose how the assembly stands"),
        ({"signed": " "}, "who signs it"),
        ({"round": "999"}, "That round does not exist."),
    ):
        reply = facilitator_client.post("/facilitate/print/letter.pdf", data=good | change)
        assert reply.status_code == 400 and message in reply.data.decode()


def test_a_letter_prints_a_proposal_with_a_word_longer_than_a_page(app, facilitator_client):
    word = "W" * 1980  # a pasted link, a row of dashes: one unbroken word, a page deep
    db = connect(app.config["DATABASE"])
    try:
        meeting = current_meeting(db)
        people = [check_in(db, meeting, n, True, False) for n in ("Amira", "Bo")]
        rnd = open_round(db, meeting, f"Adopt {word} now.", stage="final", kind="vote")
        for person in people:
            cast_vote(db, person, rnd["id"], "yes")
        close_round(db, rnd["id"])
    finally:
        db.conn.close()
    form = {
        "round": rnd["id"],
        "addressee": "The Leader",
        "stance": "input",
        "route": "formal_letter",
    }
    form["signed"] = "Dana Okafor, facilitator"
    reply = facilitator_client.post("/facilitate/print/letter.pdf", data=form)
    assert reply.status_code == 200
    assert "".join(pages(reply.data)).count("W") >= 1980  # all of it, broken across lines
    minutes = facilitator_client.get("/facilitate/print/minutes.pdf")
    assert minutes.status_code == 200 and "".join(pages(minutes.data)).count("W") >= 1980
