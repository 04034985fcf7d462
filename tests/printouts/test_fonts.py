"""Every name prints: embedded fonts, fallback per character, shaping, bidi, text that copies out.

Names in six scripts go through the real printouts (mandate cards, large print, minutes, the
sign-in sheet); the PDFs are read back with pypdf and rendered with pypdfium2.
"""

import io
import unicodedata

import pypdfium2 as pdfium
import pytest
from minutes_sample import rich_minutes
from PIL import ImageChops
from pypdf import PdfReader
from reportlab import platypus
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import SimpleDocTemplate
from test_mandate_card import make_card, sizes

from printouts.ballots import paper_ballot_pdf, tally_sheet_pdf
from printouts.common import STYLES
from printouts.fonts import FAMILIES, Paragraph, markup, runs, visual_runs
from printouts.mandate_card import mandate_card_large_pdf, mandate_cards_pdf
from printouts.minutes import minutes_pdf
from printouts.paper import agenda_handout_pdf, attendance_sheet_pdf, submission_letter_pdf
from printouts.slips import admission_slips_pdf

LUCJA, SUKRU, MUHAMMAD, RAHIM, GURPREET, WANG = (
    "Łucja Wiśniewska",
    "Şükrü Yılmaz",
    "محمد علی",
    "রহিম",
    "ਗੁਰਪ੍ਰੀਤ",
    "王伟",
)
NAMES = [LUCJA, SUKRU, MUHAMMAD, RAHIM, GURPREET, WANG]
BASE_14 = {
    *(
        f"{f}{s}"
        for f in ("Helvetica", "Courier")
        for s in ("", "-Bold", "-Oblique", "-BoldOblique")
    ),
    *("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"),
}


def card() -> dict:
    """Return a mandate whose people are named in six scripts."""
    sign_off = {"facilitator": RAHIM, "note_taker": GURPREET}
    scope = f"Mill Lane lot, with {WANG} of the allotment society"
    return make_card(7, "", delegate=LUCJA, co_delegate=SUKRU, alternate=MUHAMMAD,
                     sign_off=sign_off, scope=scope)  # fmt: skip


def minutes() -> dict:
    """Return rich minutes whose roles are held by the six, one named in the page header."""
    m = rich_minutes()
    m["roles"] = [{"role": f"Role {n}", "name": name} for n, name in enumerate(NAMES, 1)]
    m["assembly"]["name"] = f"Riverside People's Assembly of {MUHAMMAD}"
    return m


def sign_in() -> dict:
    """Return a meeting whose title, venue and assembly (the footer) carry the six names."""
    return {
        "title": f"Meeting chaired by {LUCJA} and {SUKRU}",
        "date": "2026-03-12",
        "venue": f"Home of {MUHAMMAD} and {RAHIM}",
        "assembly": f"{GURPREET} and {WANG}'s street assembly",
    }


PRINTOUTS = {
    "mandate cards": lambda: mandate_cards_pdf([card()]),
    "large print card": lambda: mandate_card_large_pdf(card()),
    "minutes": lambda: minutes_pdf(minutes()),
    "sign-in sheet": lambda: attendance_sheet_pdf(sign_in(), pages=1),
}


@pytest.fixture(scope="module", params=list(PRINTOUTS))
def pdf(request) -> bytes:
    return PRINTOUTS[request.param]()


def fonts_of(resources) -> list:
    """Collect every font a page's resources name, inside forms too."""
    resources = resources.get_object() if resources else {}
    found = [font.get_object() for font in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        found += fonts_of(xobject.get_object().get("/Resources"))
    return found


def text(pdf: bytes) -> str:
    """Extract every page's text, in Unicode compatibility form (Arabic presentation forms
    fold back to their letters)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in pages))


def assert_fonts_embedded(pdf: bytes) -> None:
    """Check every font of every page is embedded, and none is one of the base 14."""
    fonts = [f for page in PdfReader(io.BytesIO(pdf)).pages for f in fonts_of(page["/Resources"])]
    assert fonts
    for font in fonts:
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
        assert font["/BaseFont"].split("+")[-1] not in BASE_14


def test_every_font_is_embedded_and_none_is_base_14(pdf):
    assert_fonts_embedded(pdf)


def test_names_copy_back_out_of_the_pdf(pdf):
    found = text(pdf)
    for name in (LUCJA, SUKRU, WANG, GURPREET):  # Gurmukhi's joined ra too: see fonts' ToUnicode
        assert name in found
    # A right-to-left name inside a left-to-right line: pypdf keeps each word's letters in
    # order, but may give the words in the order they are drawn, so each word is asserted.
    assert all(word in found for word in MUHAMMAD.split())
    # A PDF keeps glyphs in drawing order, and Bengali draws the vowel sign i (ি) before the
    # consonant it follows in speech; pypdf does not reorder Indic text, so it reads রিহম.
    assert "রিহম" in found


def letter() -> dict:
    """Return a submission letter signed by two of the six."""
    m = rich_minutes()
    return {
        "date": "2026-03-16",
        "assembly": m["assembly"],
        "addressee": f"{WANG}\nHousing Scrutiny Board",
        "salutation": "",
        "meeting": {**m["meeting"], "attendance": m["attendance"]},
        "decision": m["proposals"][0]["rounds"][1],
        "stance": "parallel",
        "legitimacy": m["legitimacy"],
        "signers": [{"name": LUCJA, "role": "facilitator"}, {"name": MUHAMMAD, "role": "delegate"}],
    }


ROUND = {
    "id": 4,
    "meeting_title": f"Assembly with {RAHIM}",
    "text": f"Who should speak for us? {GURPREET} or {WANG}?",
    "kind": "vote",
    "options": [("l", LUCJA), ("s", SUKRU), ("m", MUHAMMAD), ("w", WANG)],
    "rule_label": "Most votes",
    "visibility": "secret",
    "visibility_label": "Secret ballot",
    "max_choices": 1,
}
EVERY_OTHER = {
    "paper ballot": lambda: paper_ballot_pdf(ROUND),
    "tally sheet": lambda: tally_sheet_pdf(ROUND),
    "slips": lambda: admission_slips_pdf(
        {"title": f"{LUCJA} · {WANG}"}, [{"code": "K7Q2", "url": "http://10.0.0.2/j/K7Q2"}]
    ),
    "agenda handout": lambda: agenda_handout_pdf(
        {**sign_in(), "starts_at": "19:00"},
        [{"kind": "welcome", "title": f"Welcome from {LUCJA}", "minutes": 10, "notes": WANG}],
    ),
    "submission letter": lambda: submission_letter_pdf(letter()),
}


@pytest.mark.parametrize("printout", list(EVERY_OTHER))
def test_every_other_printout_embeds_its_fonts_and_prints_the_names(printout):
    pdf = EVERY_OTHER[printout]()
    assert_fonts_embedded(pdf)
    found = text(pdf)
    assert LUCJA in found and WANG in found


def test_every_page_renders_with_ink(pdf):
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=1).to_pil().convert("L")
            assert image.getextrema()[0] < 100  # dark ink somewhere on the page
    finally:
        document.close()


def test_large_print_card_keeps_every_script_at_16_point_or_more():
    assert min(sizes(mandate_card_large_pdf(card()))) >= 16


def rendered(paragraph: platypus.Paragraph):
    """Render one paragraph alone on a page, as pixels."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([paragraph])
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        return document[0].render(scale=2).to_pil().convert("L")
    finally:
        document.close()


@pytest.mark.parametrize("name", [MUHAMMAD, RAHIM, GURPREET, WANG])
def test_other_scripts_draw_real_glyphs_not_missing_glyph_boxes(name):
    style = STYLES["big"]
    ours = rendered(Paragraph(name, style))
    boxes = rendered(platypus.Paragraph(name, style))  # Noto Sans alone: .notdef boxes
    assert ImageChops.difference(ours, boxes).getbbox() is not None
    assert ours.getextrema()[0] < 100


@pytest.mark.parametrize("name", [MUHAMMAD, RAHIM, GURPREET])
def test_arabic_and_indic_names_are_shaped(name):
    family = next(f for f, piece in runs(name) if piece.strip())
    style = STYLES["big"].clone("plain", fontName=family)
    # ReportLab's harfbuzz shaping of the words in visual order (its own bidi needs rlbidi).
    words = "".join(piece for _, piece in visual_runs(name))
    shaped = rendered(platypus.Paragraph(words, style.clone("shaped", shaping=1)))
    unshaped = rendered(platypus.Paragraph(words, style))  # letters unjoined, unmoved
    assert ImageChops.difference(rendered(Paragraph(name, STYLES["big"])), shaped).getbbox() is None
    assert ImageChops.difference(shaped, unshaped).getbbox() is not None


def test_each_character_goes_to_a_font_that_has_it():
    others = ["Γιώργος", "Олена", "प्रिया शर्मा", "شاہد ٹیپو", "김민준", "さくら", "Siân Ó Dálaigh"]
    for name in NAMES + others:
        for family, piece in runs(name):
            assert family in FAMILIES
            has = getFont(family).face.charToGlyph
            assert all(ord(char) in has for char in piece), (name, family)


def test_a_name_is_one_run_and_its_words_are_put_in_visual_order():
    # Drawn left to right: the second word first. Each word goes to harfbuzz in the order it
    # reverses into the visual one: here, for letters alone, the logical order.
    assert visual_runs(f"Delegate {MUHAMMAD} (Chair)") == [
        ("NotoSans", "Delegate "),
        ("NotoNaskhArabic", "علی محمد "),
        ("NotoSans", "(Chair)"),
    ]
    # A comma after the name stays in Naskh and on the name's left-to-right side.
    assert visual_runs(f"of {MUHAMMAD}, Leeds")[1] == ("NotoNaskhArabic", "علی ,محمد ")
    assert visual_runs(LUCJA) == [("NotoSans", LUCJA)]


def test_a_shaped_word_is_never_split_between_two_fonts():
    # Noto Naskh has no curly quotes: ReportLab shapes a word in one font, so they are parted.
    text, shaped = markup(f"“{MUHAMMAD}”")
    assert shaped
    assert text == '“ <font face="NotoNaskhArabic">علی محمد</font> ”'
    cjk = f'<font face="NotoSansCJK">{WANG} </font>and {LUCJA}'  # no shaping, no parting
    assert markup(f"{WANG} and {LUCJA}") == (cjk, False)
