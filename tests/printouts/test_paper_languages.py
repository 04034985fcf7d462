"""Paper in the language it is printed for: Welsh handouts and minutes, Urdu ballots read right
to left, dates in Welsh through Babel, every name still printing, large print still large."""

import io

import pytest
from minutes_sample import rich_minutes
from reportlab.platypus import SimpleDocTemplate
from test_fonts import NAMES, PRINTOUTS, ROUND, assert_fonts_embedded, sign_in, text
from test_mandate_card import make_card, sizes

from kiosk import dates, words
from printouts.ballots import paper_ballot_pdf, tally_sheet_pdf
from printouts.common import STYLES
from printouts.mandate_card import mandate_card_large_pdf
from printouts.minutes import minutes_pdf
from printouts.paper import agenda_handout_pdf, attendance_sheet_pdf
from printouts.rtl import RightToLeft, para
from printouts.slips import admission_slips_pdf

SLIPS = [{"code": f"ABCDE-{n:05d}", "url": f"http://kiosk.test/j?slip={n}"} for n in range(3)]
AGENDA = [{"title": "Croeso", "minutes": 10, "notes": "Paned a sgwrs."}]
MEETING = {"title": "Cynulliad Glan-yr-afon", "date": "2026-03-12", "venue": "Neuadd y Pentref",
           "assembly": "Cynulliad y Bobl Glan-yr-afon", "starts_at": "19:00"}  # fmt: skip


def folded(pdf: bytes) -> str:
    """Return a PDF's text with its line breaks and spacing folded to single spaces."""
    return " ".join(text(pdf).split())


def welsh(make) -> str:
    """Print something in Welsh and return its text, folded."""
    with words.speaking("cy"):
        return folded(make())


def test_a_welsh_sign_in_sheet_reads_in_welsh():
    found = welsh(lambda: attendance_sheet_pdf(MEETING, pages=2))
    for heading in ("Cofrestru: Cynulliad Glan-yr-afon", "Eich enw (dewisol)", "Dalen 2 o 2",
                    "Dydd Iau 12 Mawrth 2026", "Y tro cyntaf yma", "Dim ffôn?"):  # fmt: skip
        assert heading in found
    assert "Sign in" not in found and "Your name" not in found


def test_a_welsh_ballot_tally_sheet_and_slip_sheet_read_in_welsh():
    ballot = welsh(lambda: paper_ballot_pdf(ROUND, copies=2))
    assert "papur pleidleisio" in ballot and "Pleidlais gudd" in ballot
    assert "Ticiwch un blwch." in ballot and "torrwch yma" in ballot and "Opsiwn" in ballot
    tally = welsh(lambda: tally_sheet_pdf(ROUND))
    assert "Dwylo wedi’u codi" in tally and "Cyfrifwyd gan:" in tally and "Rownd 4:" in tally
    slips = welsh(lambda: admission_slips_pdf({"title": "Cynulliad"}, SLIPS))
    assert slips.count("Slip mynediad: un person, un bleidlais.") == 3
    assert "Yn gweithio unwaith." in slips and "Admission" not in slips


def test_welsh_minutes_have_welsh_headings_and_dates():
    minutes = rich_minutes()
    found = welsh(lambda: minutes_pdf(minutes))
    for heading in ("Cofnodion: ", "Y cyfarfod", "Y broses a ddilynwyd", "Tudalen 1 o",
                    "Cynigion a phenderfyniadau", "Lleoliad", "yn bresennol i gyd"):  # fmt: skip
        assert heading in found
    day = dates.weekday(minutes["meeting"]["date"], "cy_GB")
    assert "Mawrth" in day and day in found  # 12 March 2026, in Welsh, through Babel
    assert "Minutes:" not in found and "Page 1 of" not in found


def test_an_urdu_ballot_carries_urdu_and_reads_right_to_left():
    with words.speaking("ur"):
        ballot = folded(paper_ballot_pdf(ROUND, copies=1))
        title = words.gettext("%(meeting)s — paper ballot", meeting="")
    for said in ("خفیہ ووٹ", "اپنا نام نہ لکھیں", "ایک خانے پر نشان لگائیں", "اختیار"):
        assert said in ballot
    assert "کاغذی بیلٹ" in title and "Secret ballot" not in ballot


def test_an_urdu_paragraph_wraps_in_reading_order_and_sits_flush_right():
    sentence = " ".join(f"لفظ{n}" for n in range(1, 40))
    with words.speaking("ur"):
        paragraph = para(sentence, STYLES["body"])
        assert isinstance(paragraph, RightToLeft)
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer).build([paragraph])
    lines = [line for line in text(buffer.getvalue()).splitlines() if line.strip()]
    assert len(lines) > 1
    # The first words on the top line, the last on the bottom (pypdf gives each in display order).
    assert "لفظ3 " in lines[0] and "لفظ3 " not in lines[-1]
    assert "لفظ38" in lines[-1] and "لفظ38" not in lines[0]
    assert all(row.style.alignment == 2 for row in paragraph.rows)
    with words.speaking("cy"):
        assert not isinstance(para(sentence, STYLES["body"]), RightToLeft)


@pytest.mark.parametrize("name", list(PRINTOUTS))
def test_every_name_still_prints_in_welsh(name):
    with words.speaking("cy"):
        pdf = PRINTOUTS[name]()
    assert_fonts_embedded(pdf)
    found = text(pdf)
    for person in NAMES[:2] + NAMES[5:]:
        assert person in found
    assert all(word in found for word in NAMES[2].split())


def test_the_names_print_on_an_urdu_sign_in_sheet_too():
    with words.speaking("ur"):
        pdf = attendance_sheet_pdf(sign_in(), pages=1)
    assert_fonts_embedded(pdf)
    found = folded(pdf)
    assert "اندراج" in found and all(word in found for word in ("آپ", "نام", "اختیاری"))
    assert NAMES[0] in found and NAMES[5] in found


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_large_print_stays_large_in_every_language(code):
    with words.speaking(code):
        agenda = agenda_handout_pdf(MEETING, AGENDA)
        card = mandate_card_large_pdf(make_card(7, ""))
    assert min(sizes(agenda)) >= 16
    assert min(sizes(card)) >= 16
