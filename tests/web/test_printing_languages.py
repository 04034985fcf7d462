"""The Print page and its PDFs over HTTP: the record in the meeting's language, handouts in the
language the facilitator chooses, a language the kiosk does not speak refused plainly."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from kiosk import dates, words
from kiosk.db import connect
from kiosk.meeting.languages import set_meeting_languages
from kiosk.meeting.meetings import current_meeting
from kiosk.records import meeting_record


def folded(pdf: bytes) -> str:
    """Return every page's text, Arabic forms folded to letters and spacing to single spaces."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    found = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in pages))
    return " ".join(found.split())


@pytest.fixture(autouse=True)
def english_afterwards():
    """Speak English again after each test: a request's language outlives it in the test process."""
    yield
    words.use("en")


@pytest.fixture
def welsh_meeting(app) -> dict:
    """Run the meeting in Welsh, held on 12 March 2026; return the meeting."""
    db = connect(app.config["DATABASE"])
    try:
        set_meeting_languages(db, "cy")
        meeting = current_meeting(db)
        meeting_record.set_details(db, meeting["id"], {"held_on": "2026-03-12"})
        return meeting
    finally:
        db.conn.close()


def test_the_print_page_speaks_the_meetings_language_and_offers_handouts_in_any(
    facilitator_client, welsh_meeting
):
    page = facilitator_client.get("/facilitate/print").data.decode()
    assert "Wrth y drws" in page and "Taflenni cofrestru (PDF)" in page
    assert '<option value="cy" lang="cy" selected>Cymraeg</option>' in page
    assert 'action="/facilitate/slips?lang=cy"' in page
    urdu = facilitator_client.get("/facilitate/print?handouts=ur").data.decode()
    assert '<option value="ur" lang="ur" selected>' in urdu
    assert 'action="/facilitate/slips?lang=ur"' in urdu and 'name="lang" value="ur"' in urdu
    assert "Wrth y drws" in urdu  # the page itself still speaks the meeting's language


def test_minutes_print_in_the_meetings_language_with_welsh_dates(facilitator_client, welsh_meeting):
    minutes = facilitator_client.get("/facilitate/print/minutes.pdf")
    found = folded(minutes.data)
    assert "Cofnodion:" in found and "Y cyfarfod" in found and "Tudalen 1 o" in found
    assert dates.weekday("2026-03-12", "cy_GB") in found  # Dydd Iau 12 Mawrth 2026


def test_handouts_print_in_the_language_asked_for(facilitator_client, welsh_meeting):
    welsh = folded(facilitator_client.get("/facilitate/print/attendance.pdf?sheets=1").data)
    assert "Cofrestru:" in welsh and "Eich enw (dewisol)" in welsh
    polish = folded(facilitator_client.get("/facilitate/print/attendance.pdf?lang=pl").data)
    assert "Lista obecności:" in polish and "Imię i nazwisko (nieobowiązkowo)" in polish
    urdu = folded(facilitator_client.get("/facilitate/print/agenda.pdf?lang=ur").data)
    assert "آج رات کا ایجنڈا" in urdu and "ہاتھ کے اشارے" in urdu
    slips = facilitator_client.post("/facilitate/slips?lang=ro", data={"count": "2"})
    assert folded(slips.data).count("Bilet de acces: o persoană, un vot.") == 2


def test_ballots_print_in_the_language_asked_for(facilitator_client, connect, welsh_meeting):
    console = connect(facilitator_client, "facilitator")
    rnd = console.emit("open_round", {"text": "Plannu coed"}, callback=True)["round"]
    ballots = facilitator_client.get(f"/facilitate/rounds/{rnd['id']}/ballots.pdf?copies=1")
    assert "papur pleidleisio" in folded(ballots.data)
    urdu = facilitator_client.get(f"/facilitate/rounds/{rnd['id']}/ballots.pdf?lang=ur&copies=1")
    assert "کاغذی بیلٹ" in folded(urdu.data) and "Plannu coed" in folded(urdu.data)


@pytest.mark.parametrize(
    "path", ["/facilitate/print?handouts=xx", "/facilitate/print/attendance.pdf?lang=klingon"]
)
def test_a_language_the_kiosk_does_not_speak_is_refused_plainly(facilitator_client, path):
    refused = facilitator_client.get(path)
    assert refused.status_code == 400
    assert "Print handouts in one of the languages the kiosk speaks." in refused.data.decode()
