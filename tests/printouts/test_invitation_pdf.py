"""The invitation on paper: the poster rendered and its QR decoded, leaflets and cards per sheet."""

import io

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from printouts.fonts import missing_letters
from printouts.invitation import invitation_pdf

JOIN = "http://192.168.1.20:5000/m/NGFM"


def page(lang: str, welcome: str, called: str = "We called by to invite you.") -> dict:
    """Return one language's page, as the kiosk gathers it."""
    return {
        "lang": lang,
        "language": {"en": "English", "pl": "Polish (polski)"}[lang],
        "rtl": False,
        "texts": {
            "invited": "You are invited",
            "welcome": welcome,
            "what": "An open meeting where neighbours decide together.",
            "when": "When",
            "where": "Where",
            "access": "Access",
            "childcare": "Children",
            "starts": "Thursday 14 May 2026, starting at 19:00",
            "free": "Free. No need to book.",
            "vote": "Vote on your phone or on paper.",
            "join": "In the hall, scan this code with your phone to join the meeting.",
            "code": "Meeting code: NGFM",
            "contact": "Questions? hello@example.org",
            "called": called,
        },
        "access": ["Step-free access", "Hearing loop"],
        "childcare": "Free crèche",
    }


INVITE = {
    "assembly": "Fallowfield People's Assembly",
    "code": "NGFM",
    "join_url": JOIN,
    "venue": "St Mark's Hall, Mill Lane",
    "has_contact": True,
    "pages": [
        page("en", "Everyone who lives in Fallowfield is welcome."),
        page("pl", "Zapraszamy każdego, kto mieszka w Fallowfield.", "Byliśmy u Ciebie."),
    ],
}


def rendered(pdf: bytes, index: int = 0, dpi: int = 150):
    """Render one page as a person's printer would see it."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[index].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def texts(pdf: bytes) -> list[str]:
    """Extract each page's text, spacing folded."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_poster_is_one_a4_page_a_language_and_its_qr_joins_the_meeting():
    pdf = invitation_pdf(INVITE, "poster")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert [round(float(v) / 72 * 25.4) for v in reader.pages[0].mediabox[2:]] == [210, 297]
    english, polish = texts(pdf)
    for words in (
        "Fallowfield People's Assembly",
        "Everyone who lives in Fallowfield is welcome.",
        "Thursday 14 May 2026, starting at 19:00",
        "St Mark's Hall, Mill Lane",
        "Step-free access · Hearing loop",
        "Free crèche",
        "Meeting code: NGFM",
    ):
        assert words in english, words
    assert "Zapraszamy każdego, kto mieszka w Fallowfield." in polish
    for index in (0, 1):
        decoded = [r.text for r in zxingcpp.read_barcodes(rendered(pdf, index))]
        assert decoded == [JOIN]


def test_every_letter_is_drawn_in_the_embedded_font():
    pdf = invitation_pdf(INVITE, "poster")
    used = set()
    for p in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font, size) -> None:
            if text.strip():
                used.add(str(font["/BaseFont"]))
                assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded

        p.extract_text(visitor_text=visit)
    assert used and all("NotoSans" in name for name in used), used


@pytest.mark.parametrize(
    ("form", "copies", "size"), [("leaflet", 2, [297, 210]), ("cards", 4, [210, 297])]
)
def test_leaflets_and_cards_fill_a_sheet_each_copy_with_a_working_qr(form, copies, size):
    pdf = invitation_pdf(INVITE, form)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # one sheet per language
    assert [round(float(v) / 72 * 25.4) for v in reader.pages[0].mediabox[2:]] == size
    english = texts(pdf)[0]
    assert english.count("Meeting code: NGFM") == copies
    if form == "cards":
        assert english.count("We called by to invite you.") == 4
        assert "Byliśmy u Ciebie." in texts(pdf)[1]
    decoded = [r.text for r in zxingcpp.read_barcodes(rendered(pdf, 0, 200))]
    assert decoded == [JOIN] * copies


def test_a_long_access_list_still_fits_one_card():
    crowded = {**INVITE, "pages": [{**INVITE["pages"][0], "access": ["Step-free access"] * 30}]}
    assert len(PdfReader(io.BytesIO(invitation_pdf(crowded, "cards"))).pages) == 1


def test_letters_the_font_cannot_draw_are_refused_not_printed_as_boxes():
    assert missing_letters("Mae croeso i bawb ŵ ŷ, Zażółć gęślą jaźń, ă ș ț") == ""
    assert missing_letters("خوش آمدید ے") == ""  # Urdu has its font now
    assert missing_letters("வணக்கம்") != ""  # Tamil has none yet
    tamil = {**INVITE, "pages": [page("en", "எல்லோரும் வரவேற்கப்படுகிறார்கள்")]}
    with pytest.raises(ValueError, match="cannot draw"):
        invitation_pdf(tamil, "poster")
    with pytest.raises(ValueError, match="form must be"):
        invitation_pdf(INVITE, "billboard")
