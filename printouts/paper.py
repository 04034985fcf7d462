"""Paper for everyone: a sign-in sheet for people without phones, and a large-print agenda.

The submission letter to the local authority lives in submission.py and is imported here, so
all the paper a meeting needs comes from one module.
"""

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk import dates

from .common import INK, RULE_GREY
from .fonts import SANS, SANS_BOLD, Paragraph, draw_string
from .minutes_sections import SOFT, long_date
from .submission import submission_letter_pdf

__all__ = ["agenda_handout_pdf", "attendance_sheet_pdf", "submission_letter_pdf"]

ROWS_PER_SHEET = 25
ROW_H = 7.4 * mm
LARGE = 16.0  # the smallest type anywhere on the large-print agenda
PILLARS = [
    ("Radical inclusivity", "Everyone here belongs. Make room for voices we hear least."),
    ("Active listening", "Listen to understand, not to reply. One voice at a time."),
    ("Trust", "Assume good intentions. What is shared here stays kind."),
]
INCLUSIVITY = (
    "This assembly is open to everyone who lives or works here, whatever their background, "
    "language, age, faith, gender, ability or status."
)
SIGNALS = [
    ("I agree", "Twinkle: raise your hands and wiggle your fingers."),
    ("I disagree", "Wave down: point your hands down and wiggle your fingers."),
    ("I can't hear", "Cupped ear: cup a hand behind your ear."),
    ("Please wrap up", "Rolling hands: roll your hands round each other."),
    ("Point of process", "Triangle: touch fingers and thumbs together to make a triangle."),
    ("I would like to speak", "One hand up: you join the queue of speakers."),
]


def _style(name: str, size: float, bold: bool = False, **extra) -> ParagraphStyle:
    """Return a paragraph style of a size, in ink, with a comfortable leading."""
    font = SANS_BOLD if bold else SANS
    base = {"fontName": font, "fontSize": size, "leading": size * 1.25, "textColor": INK}
    return ParagraphStyle(name, **(base | extra))


SHEET = {
    "title": _style("sheet_title", 18, True, spaceAfter=2),
    "body": _style("sheet_body", 10.5),
    "head": _style("sheet_head", 10, True),
    "tally": _style("sheet_tally", 10.5, spaceBefore=8, leading=20),
    "small": _style("sheet_small", 8.5, spaceBefore=3, textColor=colors.HexColor("#4b4759")),
}
BIG = {
    "title": _style("big_title", 30, True, spaceAfter=6),
    "meta": _style("big_meta", 18, spaceAfter=4),
    "h": _style("big_h", 22, True, spaceBefore=14, spaceAfter=6, keepWithNext=1),
    "item": _style("big_item", 19, True),
    "body": _style("big_body", LARGE),
    "time": _style("big_time", LARGE, True),
}


def _doc(buffer: io.BytesIO, title: str, **margins) -> SimpleDocTemplate:
    """Return an A4 document with the given margins (15 mm unless said)."""
    sides = {k: margins.get(k, 15 * mm) for k in ("leftMargin", "rightMargin")}
    ends = {k: margins.get(k, 15 * mm) for k in ("topMargin", "bottomMargin")}
    return SimpleDocTemplate(buffer, pagesize=A4, title=title, **sides, **ends)


def _footer(words: str, size: float, noun: str = "Page", pages: int | None = None) -> Callable:
    """Return an onPage callback writing words and the page number along the foot."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        draw_string(canvas, doc.leftMargin, 8 * mm, words, size=size)
        of = f" of {pages}" if pages else ""
        right = doc.pagesize[0] - doc.rightMargin
        draw_string(canvas, right, 8 * mm, f"{noun} {doc.page}{of}", size=size, align="right")
        canvas.restoreState()

    return draw


def tick_box(size: float = 5.5 * mm) -> Drawing:
    """Return an empty square to tick."""
    box = Drawing(size, size)
    box.add(Rect(0, 0, size, size, strokeColor=INK, strokeWidth=0.9, fillColor=colors.white))
    return box


def _where(meeting: dict) -> str:
    """Say the meeting's date and venue on one line."""
    parts = [long_date(meeting.get("date")), meeting.get("venue") or ""]
    return " · ".join(p for p in parts if p)


SIGN_IN_WORDS = (
    "No phone? You still count. Please sign in here, one line each. Your name is "
    "optional; the ticks help show who the assembly reaches."
)
TALLY_LINE = (
    "On this sheet: ______ people  ·  ______ live in the area  ·  ______ first time"
    "<br/>Entered at the desk by: ______________________"
)
NEEDS_HEAD = "Anything that would help you take part? (optional)"
TALLY_POSTCODES = (
    "On this sheet: ______ people  ·  ______ first time"
    "<br/>Each line entered at the desk (postcode and needs) by: ______________________"
)
SIGN_IN_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE_GREY),
        ("BOX", (0, 0), (-1, -1), 1, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SOFT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (3, -1), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("FONTSIZE", (0, 1), (0, -1), 10),
        ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor("#5a566b")),
    ]
)


def _sign_in_rows(first: int, width: float, postcodes: bool) -> Table:
    """Return the numbered lines from first: a name, a postcode (or a tick), first time, needs."""
    middle = "Postcode (optional)" if postcodes else "I live in this area"
    titles = ("No.", "Your name (optional)", middle, "First time here", NEEDS_HEAD)
    rows: list[list] = [[Paragraph(escape(t), SHEET["head"]) for t in titles]]
    rows += [
        [str(n), "", "" if postcodes else tick_box(), tick_box(), ""]
        for n in range(first, first + ROWS_PER_SHEET)
    ]
    fixed = [12 * mm, 32 * mm, 22 * mm, 50 * mm]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    heights = [None] + [ROW_H] * ROWS_PER_SHEET
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(SIGN_IN_GRID)
    return table


def _sheet(meeting: dict, first: int, width: float) -> list[Flowable]:
    """Return one sign-in page: the words, numbered rows from first, and a tally line."""
    postcodes = bool(meeting.get("area"))
    words = [SIGN_IN_WORDS]
    if postcodes:
        words.append(meeting.get("why_postcode") or "")
    found: list[Flowable] = [
        Paragraph(f"Sign in: {escape(meeting['title'])}", SHEET["title"]),
        Paragraph(escape(_where(meeting)), SHEET["body"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(" ".join(w for w in words if w)), SHEET["body"]),
    ]
    if meeting.get("privacy"):
        found.append(Paragraph(escape(meeting["privacy"]), SHEET["small"]))
    found += [Spacer(1, 3 * mm), _sign_in_rows(first, width, postcodes)]
    found.append(Paragraph(TALLY_POSTCODES if postcodes else TALLY_LINE, SHEET["tally"]))
    return found


def attendance_sheet_pdf(meeting: dict, pages: int = 2) -> bytes:
    """Draw sign-in sheets of 25 numbered rows a page.

    meeting: {title, date, venue, assembly}, and optionally area (postcodes: the sheet then asks
    for a postcode), why_postcode and privacy (the notice, printed under the instructions).
    """
    pages = max(1, pages)
    buffer = io.BytesIO()
    doc = _doc(
        buffer, f"Sign-in sheet: {meeting['title']}", topMargin=12 * mm, bottomMargin=14 * mm
    )
    story: list[Flowable] = []
    for page in range(pages):
        story += _sheet(meeting, page * ROWS_PER_SHEET + 1, doc.width - 12)
        if page + 1 < pages:
            story.append(PageBreak())
    draw = _footer(meeting.get("assembly") or "Sign-in sheet", 8, "Sheet", pages)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue()


def _clock_times(start: str | None, items: list[dict]) -> list[str]:
    """Return each item's planned start as HH:MM from the meeting's start, or blanks."""
    try:
        at = datetime.strptime(start or "", "%H:%M")
    except ValueError:
        return [""] * len(items)
    times = []
    for item in items:
        times.append(dates.clock(at))
        at += timedelta(minutes=item["minutes"])
    return times


def _agenda_table(meeting: dict, items: list[dict], width: float) -> Table:
    """Return the agenda: when and how long, then each item with its notes."""
    rows = []
    for at, item in zip(_clock_times(meeting.get("starts_at"), items), items, strict=True):
        when = [Paragraph(escape(at), BIG["time"])] if at else []
        when.append(Paragraph(f"{item['minutes']} min", BIG["body"]))
        what = [Paragraph(escape(item["title"]), BIG["item"])]
        if item.get("notes"):
            what.append(Paragraph(escape(item["notes"]), BIG["body"]))
        rows.append([when, what])
    table = Table(rows, colWidths=[32 * mm, width - 32 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return table


def _agreements() -> list[Flowable]:
    """Return the three pillars and the hand signals, in words."""
    out: list[Flowable] = [Paragraph("How we work together", BIG["h"])]
    for n, (name, words) in enumerate(PILLARS, 1):
        out.append(Paragraph(f"<b>{n}. {name}.</b> {escape(words)}", BIG["body"]))
        out.append(Spacer(1, 2 * mm))
    out.append(Paragraph(escape(INCLUSIVITY), BIG["body"]))
    out.append(Paragraph("Hand signals", BIG["h"]))
    for meaning, how in SIGNALS:
        out.append(Paragraph(f"<b>{escape(meaning)}.</b> {escape(how)}", BIG["body"]))
        out.append(Spacer(1, 2 * mm))
    return out


def _agenda_meta(meeting: dict) -> list[str]:
    """Return the lines under the agenda's title: the day and start time, then the venue."""
    day = long_date(meeting.get("date"))
    if meeting.get("starts_at"):
        day += f", starting at {meeting['starts_at']}"
    return [day] + ([meeting["venue"]] if meeting.get("venue") else [])


def agenda_handout_pdf(meeting: dict, items: list[dict]) -> bytes:
    """Draw the agenda in large print (16 pt and up): items, pillars and hand signals."""
    buffer = io.BytesIO()
    doc = _doc(
        buffer,
        f"Agenda: {meeting['title']}",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        bottomMargin=20 * mm,
    )
    story: list[Flowable] = [
        Paragraph(escape(meeting["title"]), BIG["title"]),
    ]
    for line in _agenda_meta(meeting):
        story.append(Paragraph(escape(line), BIG["meta"]))
    story.append(Paragraph("Tonight's agenda", BIG["h"]))
    if items:
        story.append(_agenda_table(meeting, items, doc.width - 12))
    else:
        story.append(Paragraph("The agenda will be set at the start of the meeting.", BIG["body"]))
    if meeting.get("results_go_to"):
        line = f"<b>Tonight's results go to:</b> {escape(meeting['results_go_to'])}"
        story += [Spacer(1, 4 * mm), Paragraph(line, BIG["body"])]
    story += _agreements()
    draw = _footer(meeting.get("assembly") or "Large-print agenda", LARGE)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue()
