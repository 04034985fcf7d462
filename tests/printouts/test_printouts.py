"""Paper: slips, ballots and tally sheets, read back as text and their QR codes decoded."""

import io

import pypdfium2 as pdfium
import zxingcpp
from helpers import check_in
from pypdf import PdfReader

from printouts.ballots import paper_ballot_pdf, tally_sheet_pdf
from printouts.slips import admission_slips_pdf

ROUND = {
    "id": 4,
    "meeting_title": "Elm Street assembly",
    "text": "Turn the empty lot into a community garden.",
    "kind": "vote",
    "options": [("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")],
    "rule_label": "Two-thirds of those present",
    "visibility": "secret",
    "visibility_label": "Secret ballot",
    "max_choices": 1,
}


def text_of(pdf: bytes) -> list[str]:
    """Extract each page's text."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def qr_codes(pdf: bytes, page: int = 0) -> list[str]:
    """Render a page at print resolution and decode every QR code on it."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    return sorted(r.text for r in zxingcpp.read_barcodes(image))


def test_slips_sheet_has_ten_readable_slips_a_page_with_working_qr_codes():
    slips = [
        {"code": f"BCDF{i:01d}-23GHJ", "url": f"http://10.0.0.5:5000/m/ABCD?slip=S{i}"}
        for i in range(12)
    ]
    pdf = admission_slips_pdf({"title": "Elm Street assembly"}, slips)
    pages = text_of(pdf)
    assert len(pages) == 2
    assert pages[0].count("Admission slip") == 10 and pages[1].count("Admission slip") == 2
    assert "BCDF0-23GHJ" in pages[0] and "Not linked to your" in pages[0]
    assert "BCDF0-23GHJ" in pages[0].splitlines()  # a line of its own, as it copies out
    assert qr_codes(pdf, 0) == sorted(s["url"] for s in slips[:10])


def test_paper_ballot_says_what_to_do_and_shows_every_option():
    pages = text_of(paper_ballot_pdf(ROUND, copies=3))
    assert len(pages) == 2
    first = pages[0]
    assert first.count("Turn the empty lot into a community garden.") == 2
    assert "Secret ballot: do not write your name. Tick one box." in first
    for label in ("Yes", "No", "Abstain"):
        assert label in first


def test_ranked_paper_ballot_asks_for_numbers():
    ranked = {**ROUND, "kind": "ranked", "options": [("Park", "Park"), ("Pool", "Pool")]}
    assert "Number the options in order of preference" in text_of(paper_ballot_pdf(ranked, 1))[0]


def test_tally_sheet_has_a_row_per_option_and_a_column_per_source():
    text = text_of(tally_sheet_pdf(ROUND))[0]
    for word in ("Raised hands", "Cards", "Paper ballots", "Abstain", "Counted by", "Round 4"):
        assert word in text


def test_slips_are_printed_over_http_for_the_facilitator_only(
    app, client, facilitator_client, code
):
    assert client.post("/facilitate/slips", data={"count": "3"}).status_code == 403
    response = facilitator_client.post("/facilitate/slips", data={"count": "3"})
    assert response.mimetype == "application/pdf"
    urls = qr_codes(response.data)
    assert len(urls) == 3 and all(
        u.startswith(f"http://kiosk.test:5000/m/{code}?slip=") for u in urls
    )
    bad = facilitator_client.post("/facilitate/slips", data={"count": "100000"})
    assert bad.status_code == 400 and b"between 1 and 1000" in bad.data


def test_a_scanned_slip_admits_the_phone_through_check_in(
    app, client, facilitator_client, connect, code
):
    console = connect(facilitator_client, "facilitator")
    console.emit("set_voting_mode", {"mode": "slips"}, callback=True)
    url = qr_codes(facilitator_client.post("/facilitate/slips", data={"count": "1"}).data)[0]
    path = url.removeprefix("http://kiosk.test:5000")
    page = client.get(path).data.decode()
    assert 'name="slip"' in page
    slip = path.split("slip=")[1]
    client.post(f"/m/{code}/check-in", data={"resident": "yes", "first_time": "no", "slip": slip})
    assert "You&#39;re admitted" in client.get(f"/m/{code}").data.decode()
    second = app.test_client()
    check_in(second, code)
    reply = second.post(f"/m/{code}/slip", data={"slip": slip}, follow_redirects=True)
    assert "That slip code does not work" in reply.data.decode()


def test_round_paper_over_http(facilitator_client, client, connect):
    console = connect(facilitator_client, "facilitator")
    rnd = console.emit("open_round", {"text": "Plant trees"}, callback=True)["round"]
    ballots = facilitator_client.get(f"/facilitate/rounds/{rnd['id']}/ballots.pdf?copies=2")
    assert "Plant trees" in text_of(ballots.data)[0]
    tally = facilitator_client.get(f"/facilitate/rounds/{rnd['id']}/tally.pdf")
    assert "Stand aside" in text_of(tally.data)[0]
    assert client.get(f"/facilitate/rounds/{rnd['id']}/tally.pdf").status_code == 403
    assert facilitator_client.get("/facilitate/rounds/999/tally.pdf").status_code == 400
