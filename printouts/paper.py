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
from kiosk.words import N_
from kiosk.words import gettext as _

from .common import INK, RULE_GREY
from .fonts import SANS, SANS_BOLD, draw_string
from .minutes_sections import SOFT, long_date
from .rtl import cells, para, right_to_left
from .submission import submission_letter_pdf

__all__ = ["agenda_handout_pdf", "attendance_sheet_pdf", "submission_letter_pdf"]

ROWS_PER_SHEET = 25
ROW_H = 7.4 * mm
LARGE = 16.0  # the smallest type anywhere on the large-print agenda
PILLARS = [
    (N_("Radical inclusivity"), N_("Everyone here belongs. Make room for voices we hear least.")),
    (N_("Active listening"), N_("Listen to understand, not to reply. One voice at a time.")),
    (N_("Trust"), N_("Assume good intentions. What is shared here stays kind.")),
]
INCLUSIVITY = N_(
    "This assembly is open to everyone who lives or works here, whatever their background, "
    "language, age, faith, gender, ability or status."
)
SIGNALS = [
    (N_("I agree"), N_("Twinkle: raise your hands and wiggle your fingers.")),
    (N_("I disagree"), N_("Wave down: point your hands down and wiggle your fingers.")),
    (N_("I can't hear"), N_("Cupped ear: cup a hand behind your ear.")),
    (N_("Please wrap up"), N_("Rolling hands: roll your hands round each other.")),
    (N_("Point of process"), N_("Triangle: touch fingers and thumbs together to make a triangle.")),
    (N_("I would like to speak"), N_("One hand up: you join the queue of speakers.")),
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


def _page_words(number: int, pages: int | None) -> str:
    """Say which page this is: "Page 2", or which sheet of how many: "Sheet 2 of 4"."""
    if pages:
        return _("Sheet %(number)s of %(pages)s", number=number, pages=pages)
    return _("Page %(number)s", number=number)


def _footer(words: str, size: float, pages: int | None = None) -> Callable:
    """Return an onPage callback writing words and the page number along the foot (mirrored
    for a right-to-left language)."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        left, right = doc.leftMargin, doc.pagesize[0] - doc.rightMargin
        first, second = (words, _page_words(doc.page, pages))
        base = "R" if right_to_left() else "L"
        if right_to_left():
            first, second = second, first
        draw_string(canvas, left, 8 * mm, first, size=size, base=base)
        draw_string(canvas, right, 8 * mm, second, size=size, align="right", base=base)
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


SIGN_IN_WORDS = N_(
    "No phone? You still count. Please sign in here, one line each. Your name is "
    "optional; the ticks help show who the assembly reaches."
)
BLANK, LONG_BLANK = "______", "_" * 22
NEEDS_HEAD = N_("Anything that would help you take part? (optional)")


def _tally_line(postcodes: bool) -> str:
    """Return the lines at the foot of a sign-in page, where the desk counts it up."""
    counts = [_("On this sheet: %(blank)s people", blank=BLANK)]
    if not postcodes:
        counts.append(_("%(blank)s live in the area", blank=BLANK))
    counts.append(_("%(blank)s first time", blank=BLANK))
    if postcodes:
        entered = _(
            "Each line entered at the desk (postcode and needs) by: %(blank)s", blank=LONG_BLANK
        )
    else:
        entered = _("Entered at the desk by: %(blank)s", blank=LONG_BLANK)
    return escape("  ·  ".join(counts)) + "<br/>" + escape(entered)


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
    middle = _("Postcode (optional)") if postcodes else _("I live in this area")
    titles = (_("No."), _("Your name (optional)"), middle, _("First time here"), _(NEEDS_HEAD))
    rows: list[list] = [cells([para(escape(t), SHEET["head"]) for t in titles])]
    rows += [
        cells([str(n), "", "" if postcodes else tick_box(), tick_box(), ""])
        for n in range(first, first + ROWS_PER_SHEET)
    ]
    fixed = [12 * mm, 32 * mm, 22 * mm, 50 * mm]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    heights = [None] + [ROW_H] * ROWS_PER_SHEET
    table = Table(rows, colWidths=cells(widths), rowHeights=heights, repeatRows=1)
    table.setStyle(SIGN_IN_GRID)
    if right_to_left():  # the numbers and ticks sit in the mirrored columns
        table.setStyle(
            TableStyle([("ALIGN", (2, 1), (3, -1), "CENTER"), ("ALIGN", (-1, 1), (-1, -1), "LEFT")])
        )
    return table


def _sheet(meeting: dict, first: int, width: float) -> list[Flowable]:
    """Return one sign-in page: the words, numbered rows from first, and a tally line."""
    postcodes = bool(meeting.get("area"))
    told = [_(SIGN_IN_WORDS)]
    if postcodes:
        told.append(meeting.get("why_postcode") or "")
    found: list[Flowable] = [
        para(escape(_("Sign in: %(meeting)s", meeting=meeting["title"])), SHEET["title"]),
        para(escape(_where(meeting)), SHEET["body"]),
        Spacer(1, 2 * mm),
        para(escape(" ".join(w for w in told if w)), SHEET["body"]),
    ]
    if meeting.get("privacy"):
        found.append(para(escape(meeting["privacy"]), SHEET["small"]))
    found += [Spacer(1, 3 * mm), _sign_in_rows(first, width, postcodes)]
    found.append(para(_tally_line(postcodes), SHEET["tally"]))
    return found


def attendance_sheet_pdf(meeting: dict, pages: int = 2) -> bytes:
    """Draw sign-in sheets of 25 numbered rows a page.

    meeting: {title, date, venue, assembly}, and optionally area (postcodes: the sheet then asks
    for a postcode), why_postcode and privacy (the notice, printed under the instructions).
    """
    pages = max(1, pages)
    buffer = io.BytesIO()
    doc = _doc(
        buffer,
        _("Sign-in sheet: %(meeting)s", meeting=meeting["title"]),
        topMargin=12 * mm,
        bottomMargin=14 * mm,
    )
    story: list[Flowable] = []
    for page in range(pages):
        story += _sheet(meeting, page * ROWS_PER_SHEET + 1, doc.width - 12)
        if page + 1 < pages:
            story.append(PageBreak())
    draw = _footer(meeting.get("assembly") or _("Sign-in sheet"), 8, pages)
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
        when = [para(escape(at), BIG["time"])] if at else []
        when.append(para(escape(_("%(minutes)s min", minutes=item["minutes"])), BIG["body"]))
        what = [para(escape(item["title"]), BIG["item"])]
        if item.get("notes"):
            what.append(para(escape(item["notes"]), BIG["body"]))
        rows.append(cells([when, what]))
    table = Table(rows, colWidths=cells([32 * mm, width - 32 * mm]))
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
    out: list[Flowable] = [para(escape(_("How we work together")), BIG["h"])]
    for n, (name, words) in enumerate(PILLARS, 1):
        out += _agreement(f"{n}. {_(name)}.", _(words))
    out.append(para(escape(_(INCLUSIVITY)), BIG["body"]))
    out.append(para(escape(_("Hand signals")), BIG["h"]))
    for meaning, how in SIGNALS:
        out += _agreement(f"{_(meaning)}.", _(how))
    return out


def _agreement(name: str, words: str) -> list[Flowable]:
    """Return one agreement: its name in bold, then its words (apart, when read right to left)."""
    if right_to_left():
        return [para(f"<b>{escape(name)}</b>", BIG["body"]), para(escape(words), BIG["body"])]
    return [para(f"<b>{escape(name)}</b> {escape(words)}", BIG["body"]), Spacer(1, 2 * mm)]


def _agenda_meta(meeting: dict) -> list[str]:
    """Return the lines under the agenda's title: the day and start time, then the venue."""
    day = long_date(meeting.get("date"))
    if meeting.get("starts_at"):
        day = _("%(day)s, starting at %(time)s", day=day, time=meeting["starts_at"])
    return [day] + ([meeting["venue"]] if meeting.get("venue") else [])


def agenda_handout_pdf(meeting: dict, items: list[dict]) -> bytes:
    """Draw the agenda in large print (16 pt and up): items, pillars and hand signals."""
    buffer = io.BytesIO()
    doc = _doc(
        buffer,
        _("Agenda: %(meeting)s", meeting=meeting["title"]),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        bottomMargin=20 * mm,
    )
    story: list[Flowable] = [para(escape(meeting["title"]), BIG["title"])]
    for line in _agenda_meta(meeting):
        story.append(para(escape(line), BIG["meta"]))
    story.append(para(escape(_("Tonight's agenda")), BIG["h"]))
    if items:
        story.append(_agenda_table(meeting, items, doc.width - 12))
    else:
        unset = _("The agenda will be set at the start of the meeting.")
        story.append(para(escape(unset), BIG["body"]))
    if meeting.get("results_go_to"):
        story.append(Spacer(1, 4 * mm))
        story += _agreement(_("Tonight's results go to:"), meeting["results_go_to"])
    story += _agreements()
    draw = _footer(meeting.get("assembly") or _("Large-print agenda"), LARGE)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue()
