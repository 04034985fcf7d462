"""Mandate cards: every field in the printed text, QR codes that scan, nothing lost or squeezed."""

import io
import math
import os

import pypdfium2 as pdfium
import zxingcpp
from helpers import DOCS
from pypdf import PdfReader

from printouts.mandate_card import mandate_card_large_pdf, mandate_cards_pdf

DOCS_IMG = DOCS / "img"
DPI = 150
PAYLOAD = (
    "AK1.eyJtIjo3LCJrIjoiM2YyYTkxYzA3N2QxMGI2ZSIsImQiOiJ4eXoiLCJlIjoiMjAyNy0wNi0zMCIsImkiOjE3OTUw"
    "MDAwMDB9.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl"
)
DECISION = {
    "wording": "Send delegates to the Leeds Health Council to oppose any rise in hospital "
    "parking charges and to press for evening opening at the new walk-in centre.",
    "date": "26 November 2026",
    "present": 152,
    "counts": "Agree 120 · Concerns 20 · Stand aside 10 · Block 0",
    "outcome": "Passed: no blocks, 120 of 150 agree (20 with concerns, 10 standing aside).",
}


def make_card(number: int = 7, tag: str | None = None, **changes) -> dict:
    """Return a mandate card's data, tagged with its number so each card's words are its own."""
    tag = f" {number}" if tag is None else tag
    card = {
        "mandate_id": number,
        "assembly": {
            "name": f"Elm Street Assembly{tag}",
            "area": "Elm Street, Leeds",
            "fingerprint": "3F2A 91C0 77D1 0B6E 5A42 C3D9 1E08 7F6B 2C4A 9D13",
        },
        "council": {
            "name": f"Leeds Health Council{tag}",
            "level": "themed",
            "level_label": "Themed council: health",
            "theme": "health",
        },
        "delegate": f"Amira Khan{tag}",
        "co_delegate": f"Bo Evans{tag}",
        "alternate": f"Chidi Obi{tag}",
        "decisions": [{**DECISION, "wording": DECISION["wording"] + tag}],
        "scope": "Hospital car parking charges and the new walk-in centre",
        "items": [
            {
                "item": "Oppose any rise in parking charges",
                "position": "must_oppose",
                "position_label": "Must oppose",
                "limits": "",
            },
            {
                "item": "Walk-in centre opening hours",
                "position": "free",
                "position_label": "Free within limits",
                "limits": "must keep evening opening",
            },
        ],
        "spending_cap": "£0 — no spending",
        "expiry": "30 June 2027, or after 3 council meetings, whichever comes first",
        "report_back": "At the next assembly after each council meeting",
        "recall_rule": "A petition signed by 25% of those checked in puts recall on the agenda; "
        "two-thirds of those present, by secret ballot, recalls.",
        "sign_off": {"facilitator": f"Dana Reyes{tag}", "note_taker": f"Eli Park{tag}"},
        "issued": "26 November 2026",
        "status": "issued",
        "payload": PAYLOAD.replace("AK1.", f"AK1.{number:03d}"),
        "verify_hint": "Check this card at /verify on any kiosk, or scan the QR code.",
    }
    return card | changes


def long_card() -> dict:
    """Return a mandate with five decisions and items far too long for one card."""
    clause = "with interpreters, step-free access, no appointment needed and staff on every shift"
    items = [
        {
            "item": f"Item {n}: argue for a fully staffed evening service, {clause}, {clause}.",
            "position": "free",
            "position_label": "Free within limits",
            "limits": f"limit {n}: no agreement that cuts hours, closes early or charges, {clause}",
        }
        for n in range(8)
    ]
    decisions = [{**DECISION, "wording": f"Decision {n}: {clause}, {clause}."} for n in range(5)]
    return make_card(9, items=items, decisions=decisions)


def fields(card: dict) -> list[str]:
    """List every piece of a card that must be printed, as a person would read it."""
    words = [card["delegate"], card["co_delegate"], card["alternate"]]
    words += [card["council"]["name"], card["council"]["level_label"]]
    words += [card["assembly"][key] for key in ("name", "area", "fingerprint")]
    for decision in card["decisions"]:
        words += [decision["wording"], decision["date"], decision["counts"], decision["outcome"]]
        words.append(f"{decision['present']} present")
    for item in card["items"]:
        words += [item["item"], item["position_label"]] + ([item["limits"]] * bool(item["limits"]))
    words += [card[key] for key in ("scope", "spending_cap", "expiry", "report_back", "issued")]
    words += [card["recall_rule"], *card["sign_off"].values(), card["verify_hint"]]
    return words


def pages(pdf: bytes) -> list[str]:
    """Extract each page's text with its line breaks and spacing folded to single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def placed_text(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """List each run of text on a page with its size in points and its x position on the page."""
    runs = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            runs.append((text.strip(), round(size * scale, 2), x))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return runs


def render(pdf: bytes, page: int):
    """Render a page at print resolution as a PIL image."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=DPI / 72).to_pil()
    finally:
        document.close()


def side_mm(result) -> float:
    """Measure the top edge of a decoded QR code, in millimetres on paper."""
    corners = result.position
    top = math.dist(
        (corners.top_left.x, corners.top_left.y), (corners.top_right.x, corners.top_right.y)
    )
    return top / DPI * 25.4


def sizes(pdf: bytes) -> set[float]:
    """Collect the size of every run of text in a PDF."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return {size for page in range(count) for _, size, _ in placed_text(pdf, page)}


def test_a_sheet_of_two_cards_prints_every_field_of_each():
    first, second = make_card(7), make_card(8)
    pdf = mandate_cards_pdf([first, second])
    text = " ".join(pages(pdf))
    assert len(pages(pdf)) == 2  # one sheet: fronts, then backs
    for card in (first, second):
        assert not [word for word in fields(card) if word not in text]
    assert "flip on long edge" in pages(pdf)[0] and "End of mandate no. 8." in pages(pdf)[1]
    assert min(sizes(pdf)) >= 7


def test_every_qr_code_on_a_sheet_of_four_scans_to_its_payload():
    cards = [make_card(n) for n in range(1, 5)]
    cards[3]["payload"] = cards[3]["payload"].ljust(200, "A")  # the longest a payload gets
    found = zxingcpp.read_barcodes(render(mandate_cards_pdf(cards), 0))
    assert sorted(r.text for r in found) == sorted(card["payload"] for card in cards)
    assert all(side_mm(result) >= 32 and result.ec_level == "M" for result in found)


def test_the_cards_code_is_printed_under_its_qr_for_typing_at_verify():
    card = make_card(9)
    card["payload"] = card["payload"].ljust(200, "A")  # the longest a payload gets
    front = pages(mandate_cards_pdf([card]))[0]
    assert "The card's code, for typing at /verify" in front
    # Broken across lines anywhere (it has no spaces), the whole code is there in order.
    assert card["payload"] in "".join(front.split())
    assert front.index("The card's code") > front.index("Status")  # under the QR and its facts


def test_a_long_mandate_runs_onto_a_second_card_and_loses_no_text():
    card = long_card()
    pdf = mandate_cards_pdf([card])
    text = " ".join(pages(pdf))
    assert not [word for word in fields(card) if word not in text]
    assert "Terms overleaf and on card 2. Keep the cards together." in text
    assert "Continued on card 2, front." in text and text.count("End of mandate no. 9.") == 1
    assert min(sizes(pdf)) >= 7
    assert all(size * 2 == int(size * 2) for size in sizes(pdf))  # set to size, never squeezed


def test_a_revoked_card_says_so_on_every_side_and_in_large_print():
    revoked = make_card(5, status="revoked")
    sheet = pages(mandate_cards_pdf([revoked]))
    assert all("REVOKED" in side for side in sheet)
    assert "Record copy only: this mandate is no longer in force." in sheet[0]
    assert "REVOKED" in pages(mandate_card_large_pdf(revoked))[0]
    assert not any("REVOKED" in side for side in pages(mandate_cards_pdf([make_card(6)])))


def test_five_cards_make_two_sheets_with_each_back_behind_its_front():
    cards = [make_card(n) for n in range(1, 6)]
    pdf = mandate_cards_pdf(cards)
    sides = pages(pdf)
    assert len(sides) == 4
    assert sides[0].count("MANDATE CARD") == 4 and sides[2].count("MANDATE CARD") == 1
    assert cards[4]["delegate"] in sides[2]
    assert "sheet 2 of 2, backs" in sides[3]
    half = 105 * 72 / 25.4
    runs = [placed_text(pdf, page) for page in range(4)]
    for page, card in [(0, cards[0]), (0, cards[1]), (0, cards[2]), (0, cards[3]), (2, cards[4])]:
        front = [x for text, _, x in runs[page] if text == card["delegate"]]
        back = [x for text, _, x in runs[page + 1] if card["delegate"] in text]
        assert front and back and (front[0] < half) == (back[0] > half)  # long-edge flip


def test_large_print_shows_every_field_in_16_point_and_a_big_qr_code():
    card = make_card(7)
    pdf = mandate_card_large_pdf(card)
    text = " ".join(pages(pdf))
    assert not [word for word in fields(card) if word not in text]
    assert min(sizes(pdf)) >= 16
    found = zxingcpp.read_barcodes(render(pdf, 0))
    assert [r.text for r in found] == [card["payload"]]
    assert side_mm(found[0]) >= 80


def test_long_mandate_in_large_print_keeps_every_item():
    card = long_card()
    text = " ".join(pages(mandate_card_large_pdf(card)))
    assert not [word for word in fields(card) if word not in text]


def test_docs_show_the_front_and_back_of_a_card():
    example = make_card(7, tag="")
    pdf = mandate_cards_pdf([example])
    front, back = render(pdf, 0), render(pdf, 1)
    width, height = front.size
    front = front.crop((0, 0, width // 2, height // 2))  # first card: top left on the front
    back = back.crop((width - width // 2, 0, width, height // 2))  # its back: top right
    assert [r.text for r in zxingcpp.read_barcodes(front)] == [example["payload"]]
    assert not zxingcpp.read_barcodes(back)
    for name, image in (("mandate-card-front.png", front), ("mandate-card-back.png", back)):
        target = DOCS_IMG / name
        if os.environ.get("UPDATE_DOC_SCREENSHOTS") or not target.exists():
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            image.save(target)
        assert target.stat().st_size > 10_000


def test_no_cards_still_make_a_printable_page():
    [page] = pages(mandate_cards_pdf([]))
    assert "No mandate cards to print." in page and "sheet 1 of 1" in page
