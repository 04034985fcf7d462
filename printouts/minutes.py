"""Minutes of a meeting on A4, for the noticeboard and the record, from the minutes dict.

Page one is the legitimacy card (did the meeting meet the standard, and why) and the facts a
reader checks first: when, where, who was invited and who came. The body follows in the order of
the evening, from roles to the next meeting.
"""

import io
from collections.abc import Callable
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

from . import minutes_council as council
from . import minutes_decisions as decisions
from . import minutes_evidence as evidence
from . import minutes_loop as loop
from . import minutes_sections as sections
from .common import INK, RULE_GREY
from .fonts import SANS_BOLD, Paragraph, draw_string
from .minutes_sections import ST, clock, grid, heading, long_date, para

STATUS = {
    "green": (N_("Met"), colors.HexColor("#1e6b34"), colors.HexColor("#e3f1e6")),
    "amber": (N_("Partly met"), colors.HexColor("#8a5a00"), colors.HexColor("#fbf0d9")),
    "red": (N_("Not met"), colors.HexColor("#a1261d"), colors.HexColor("#f8e2df")),
}
MARGIN = 18 * mm
BODY = (
    sections.roles,
    sections.process,
    sections.question,
    sections.breakouts,
    sections.themes,
    decisions.proposals,
    loop.council_items,
    council.section,
    sections.actions,
    sections.mandates,
    sections.recalls,
    sections.report_backs,
    loop.what_happened,
    sections.onward,
    evidence.evidence,
)


def criteria_table(criteria: list[dict], width: float) -> Flowable:
    """Return each criterion as a row led by its coloured status, its reason beside it."""
    if not criteria:
        return para(_("No criteria were judged."))
    chip = ST["cell"].clone("m_chip", fontName=SANS_BOLD, textColor=colors.white)
    rows, style = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for n, item in enumerate(criteria):
        word, ink, tint = STATUS.get(item["status"], (item["status"], INK, colors.white))
        rows.append(
            [
                Paragraph(escape(_(word)), chip),
                Paragraph(f"<b>{escape(item['label'])}</b>", ST["cell"]),
                Paragraph(escape(item.get("reason") or ""), ST["cell"]),
            ]
        )
        style += [("BACKGROUND", (0, n), (0, n), ink), ("BACKGROUND", (1, n), (-1, n), tint)]
    style += [
        ("LINEBELOW", (0, 0), (-1, -1), 1.5, colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    table = Table(rows, colWidths=[0.16 * width, 0.4 * width, 0.44 * width], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def verdict(legitimacy: dict, width: float) -> Table:
    """Return the plain statement of whether the meeting met the standard, and why."""
    met = legitimacy["meets_standard"]
    if met:
        words = _("This meeting met the standard for a people's assembly.")
    else:
        words = _("This meeting did not meet the standard for a people's assembly.")
    ink = STATUS["green" if met else "red"][1]
    big = ST["quote"].clone("m_verdict", textColor=colors.white, fontSize=15, leading=19)
    rows = [
        [Paragraph(escape(words), big)],
        [Paragraph(escape(legitimacy.get("summary") or ""), ST["body"])],
    ]
    box = Table(rows, colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ink),
                ("BOX", (0, 0), (-1, -1), 1.2, ink),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def window_words(rolling: dict) -> str:
    """Say which meetings the rolling criteria look back over."""
    window, meetings = rolling.get("window"), rolling.get("meetings")
    held = len(meetings) if isinstance(meetings, list) else meetings
    if not isinstance(window, int):
        over = _("Over %(window)s", window=window or _("recent meetings"))
        return over + (" " + _("(%(held)s held)", held=held) if held else "")
    if isinstance(held, int) and held < window:
        return ngettext(
            "Over the %(num)s meeting held so far (the standard looks at the last %(window)s)",
            "Over the %(num)s meetings held so far (the standard looks at the last %(window)s)",
            held,
            window=window,
        )
    return ngettext("Over the last %(num)s meeting", "Over the last %(num)s meetings", window)


def legitimacy_card(legitimacy: dict, width: float) -> list[Flowable]:
    """Return the legitimacy card: the verdict, then this meeting's and the rolling criteria."""
    out: list[Flowable] = [verdict(legitimacy, width), Spacer(1, 3 * mm)]
    out += [para(_("This meeting"), "h3"), criteria_table(legitimacy["meeting"], width)]
    out += evidence.residency_line({"legitimacy": legitimacy})
    rolling = legitimacy.get("rolling") or {}
    if rolling.get("criteria"):
        out += [para(window_words(rolling), "h3"), criteria_table(rolling["criteria"], width)]
    return out


def _notice(meeting: dict) -> str:
    """Say when notice was given, how long before, and by which channels."""
    notice = meeting.get("notice") or {}
    if not notice.get("given_on"):
        return _("No notice recorded.")
    words = [_("Given on %(day)s", day=long_date(notice["given_on"]))]
    try:
        days = (
            date.fromisoformat(meeting["date"][:10]) - date.fromisoformat(notice["given_on"][:10])
        ).days
        words.append(ngettext("%(num)s day before", "%(num)s days before", days))
    except (TypeError, ValueError):
        pass
    channels = ", ".join(notice.get("channels") or [])
    if channels:
        words.append(_("by: %(channels)s", channels=channels))
    return ", ".join(words) + "."


def _outreach(meeting: dict) -> list[Flowable]:
    """Return each piece of outreach: when, what, where, in which languages."""
    found = []
    for o in meeting.get("outreach") or []:
        languages = ", ".join(o.get("languages") or [])
        kind = _(o["label"]) if o.get("label") else o.get("kind") or _("Outreach")
        line = f"{long_date(o.get('date'))}: {kind}, {o.get('detail') or ''}".rstrip(", ")
        found.append(
            para(
                line + (" " + _("(in %(languages)s)", languages=languages) if languages else ""),
                "cell",
            )
        )
    return found or [para(_("No outreach recorded."), "cell")]


def facts(minutes: dict, width: float) -> Table:
    """Return the meeting's facts: date, times, venue, access, notice and outreach."""
    meeting = minutes["meeting"]
    start, end = meeting.get("started_at"), meeting.get("ended_at")
    if start or end:
        times = _("Started %(start)s, ended %(end)s", start=clock(start), end=clock(end))
    else:
        times = _("Not recorded.")
    access = ", ".join(meeting.get("access_features") or []) or _("None recorded.")
    rows = [
        (_("Date"), para(long_date(meeting.get("date")), "cell")),
        (_("Times"), para(times, "cell")),
        (_("Venue"), para(meeting.get("venue") or _("Not recorded."), "cell")),
        (_("Access"), para(access, "cell")),
        (_("Notice"), para(_notice(meeting), "cell")),
        (_("Outreach"), _outreach(meeting)),
    ]
    return grid([[para(k, "label"), v] for k, v in rows], [0.18 * width, 0.82 * width], False)


def attendance(minutes: dict, width: float) -> Table:
    """Return the attendance as a strip of large numbers with their meanings beneath."""
    a = minutes["attendance"]
    parts = [
        ("total", _("present in all")),
        ("residents", _("live in the area")),
        ("first_timers", _("came for the first time")),
        ("with_phones", _("checked in by phone")),
        ("without_phones", _("counted without phones")),
    ]
    number = ST["quote"].clone("m_number", fontSize=20, leading=23, alignment=1)
    label = ST["label"].clone("m_number_label", alignment=1)
    # number and meaning share a cell, so the text reads "163 present in all" when copied
    rows = [
        [[Paragraph(str(a.get(k) or 0), number), Paragraph(escape(w), label)] for k, w in parts]
    ]
    strip = Table(rows, colWidths=[width / len(parts)] * len(parts))
    strip.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE_GREY),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE_GREY),
                ("BACKGROUND", (0, 0), (-1, -1), sections.SOFT),
            ]
        )
    )
    return strip


def page_one(minutes: dict, width: float) -> list[Flowable]:
    """Return page one: title, legitimacy card, facts and attendance."""
    meeting = minutes["meeting"]
    place = f" · {meeting['venue']}" if meeting.get("venue") else ""
    return [
        Paragraph(escape(_("Minutes: %(meeting)s", meeting=meeting["title"])), ST["title"]),
        para(long_date(meeting.get("date")) + place, "subtitle"),
        *(
            council.standing(minutes)
            if "council" in minutes
            else legitimacy_card(minutes["legitimacy"], width)
        ),
        heading(_("The meeting")),
        facts(minutes, width),
        Spacer(1, 4 * mm),
        attendance(minutes, width),
        Spacer(1, 2 * mm),
        *evidence.needs_line(minutes),
    ]


def nothing_decided(width: float) -> Table:
    """Return the plain statement that the meeting decided nothing."""
    words = Paragraph(escape(_(decisions.NOTHING_DECIDED)), ST["quote"])
    note = para(_("No proposals were decided, no mandates were issued and no actions were agreed."))
    box = Table([[words], [note]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return box


def story(minutes: dict, width: float) -> list[Flowable]:
    """Return every flowable of the minutes, page one first."""
    out = page_one(minutes, width)
    if minutes["empty"]:
        out += [Spacer(1, 6 * mm), nothing_decided(width), *sections.onward(minutes, width)]
        return out + evidence.evidence(minutes, width)
    out.append(PageBreak())
    for section in BODY:
        out += section(minutes, width)
    return out


def furniture(minutes: dict, pages: int | None) -> Callable:
    """Return the onPage callback: assembly and date at the top, key and page numbers below."""
    assembly, meeting = minutes["assembly"], minutes["meeting"]
    who = assembly["name"] + (f", {assembly['area']}" if assembly.get("area") else "")
    when = _("Minutes of %(day)s", day=long_date(meeting.get("date")))
    code = meeting.get("code") or meeting.get("id")
    key = _("Meeting %(code)s · assembly key %(key)s", code=code, key=assembly["fingerprint"])

    def draw(canvas, doc) -> None:
        width, height = doc.pagesize
        left, right = doc.leftMargin + 6, width - doc.rightMargin - 6  # in line with the frame
        canvas.saveState()
        canvas.setFillColor(INK)
        draw_string(canvas, left, height - 12 * mm, who, SANS_BOLD, 9)
        draw_string(canvas, right, height - 12 * mm, when, size=9, align="right")
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        canvas.line(left, height - 14 * mm, right, height - 14 * mm)
        canvas.setFillColor(colors.HexColor("#5a566b"))
        draw_string(canvas, left, 10 * mm, key, size=7.5)
        if pages:
            page = _("Page %(number)s of %(pages)s", number=doc.page, pages=pages)
        else:
            page = _("Page %(number)s", number=doc.page)
        draw_string(canvas, right, 10 * mm, page, size=7.5, align="right")
        canvas.restoreState()

    return draw


def _build(minutes: dict, pages: int | None) -> tuple[bytes, int]:
    """Lay the minutes out once; return the PDF and how many pages it took."""
    buffer = io.BytesIO()
    meeting = minutes["meeting"]
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=_("Minutes: %(meeting)s", meeting=meeting["title"])
        + f", {long_date(meeting.get('date'))}",
        author=minutes["assembly"]["name"],
    )
    draw = furniture(minutes, pages)
    width = doc.width - 12  # the frame keeps 6 points of padding either side
    doc.build(story(minutes, width), onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue(), doc.page


def minutes_pdf(minutes: dict) -> bytes:
    """Draw the minutes on A4; laid out twice so every page can say "page n of N"."""
    _, pages = _build(minutes, None)
    pdf, _ = _build(minutes, pages)
    return pdf
