"""Dual power on paper: a decision submitted to the local authority, evidence attached."""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.words import N_
from kiosk.words import gettext as _

from .common import INK
from .fonts import Paragraph, draw_string
from .minutes import attendance, criteria_table, verdict, window_words
from .minutes_decisions import counts_table
from .minutes_evidence import residency_line
from .minutes_sections import SOFT, ST, long_date, para
from .wording import STANCES


def _letterhead(letter: dict, width: float) -> Table:
    """Return the assembly's name and area on the left, the letter's date on the right."""
    assembly = letter["assembly"]
    name = ST["title"].clone("l_name", fontSize=17, leading=21)
    right = ST["body"].clone("l_date", alignment=2)
    left = [Paragraph(escape(assembly["name"]), name), para(assembly.get("area") or "", "label")]
    head = Table(
        [[left, Paragraph(escape(long_date(letter["date"])), right)]],
        colWidths=[0.68 * width, 0.32 * width],
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), 1, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return head


def _opening(letter: dict) -> list[Flowable]:
    """Return the addressee, subject, greeting and the sentence that sets out the decision."""
    meeting, assembly = letter["meeting"], letter["assembly"]
    lines = "<br/>".join(escape(line) for line in letter["addressee"].splitlines())
    att = meeting.get("attendance") or {}
    day, area = long_date(meeting["date"]), assembly.get("area") or _("the area")
    values = {"day": day, "assembly": assembly["name"], "area": area}
    if meeting.get("venue"):
        made = _(
            "At its meeting on %(day)s at %(venue)s, %(assembly)s, a people's assembly open to "
            "everyone in %(area)s, made the decision below.",
            venue=meeting["venue"],
            **values,
        )
    else:
        made = _(
            "At its meeting on %(day)s, %(assembly)s, a people's assembly open to everyone in "
            "%(area)s, made the decision below.",
            **values,
        )
    came = _(
        "%(total)s people took part, %(residents)s of them residents of the area.",
        total=att.get("total", 0),
        residents=att.get("residents", 0),
    )
    subject = _("Decision of %(assembly)s, %(day)s", assembly=assembly["name"], day=day)
    route = (letter.get("route") or {}).get("label")
    route = _(route) if route else route
    return [
        Paragraph(lines, ST["body"]),
        Spacer(1, 6 * mm),
        para(subject, "h3"),
        *([para(route, lead=_("Submitted as:"))] if route else []),
        Spacer(1, 2 * mm),
        para(letter.get("salutation") or _("Dear Councillors,")),
        Spacer(1, 2 * mm),
        para(f"{made} {came}"),
    ]


def _decision(letter: dict, width: float) -> list[Flowable]:
    """Return the decision's exact words, how it was decided, and the counts by source."""
    decision = letter["decision"]
    words = Paragraph(f"“{escape(decision['wording'])}”", ST["quote"])
    quote = Table([[words]], colWidths=[width], splitInRow=1)  # a quote taller than a page splits
    quote.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    rule = _(
        "%(rule)s, with %(present)s present.",
        rule=decision["rule_label"],
        present=decision["present"],
    )
    return [
        Spacer(1, 3 * mm),
        quote,
        para(_("How it was decided"), "h3"),
        para(rule, lead=_("Rule:")),
        para(decision["sentence"], lead=_("Outcome:")),
        Spacer(1, 2 * mm),
        counts_table(decision["counts"], width * 0.75),
    ]


def _stance(letter: dict) -> list[Flowable]:
    """Return the assembly's stance towards the council, named and in plain words."""
    title, words = STANCES[letter["stance"]]
    return [para(_(title), "h3"), para(_(words))]


def _evidence(letter: dict, width: float) -> list[Flowable]:
    """Return the attached evidence: the verdict, each criterion with its reason, attendance."""
    legitimacy, meeting = letter["legitimacy"], letter["meeting"]
    out: list[Flowable] = [
        Paragraph(escape(_("Evidence of legitimacy")), ST["title"]),
        para(
            _(
                "Attached to the submission: the meeting of %(day)s, from its minutes.",
                day=long_date(meeting["date"]),
            ),
            "subtitle",
        ),
        verdict(legitimacy, width),
        para(_("At this meeting"), "h3"),
        criteria_table(legitimacy["meeting"], width),
        *residency_line({"legitimacy": legitimacy}),
    ]
    rolling = legitimacy.get("rolling") or {}
    if rolling.get("criteria"):
        out += [para(window_words(rolling), "h3"), criteria_table(rolling["criteria"], width)]
    if meeting.get("attendance"):
        out += [para(_("Who came"), "h3"), attendance({"attendance": meeting["attendance"]}, width)]
    return out


def _signatures(signers: list[dict], assembly: str, width: float) -> Table:
    """Return a signature line over each signer's name and real role, side by side."""
    gap, count = 10 * mm, max(1, len(signers))
    each = (width - gap * (count - 1)) / count
    row, widths, style = [], [], []
    for n, signer in enumerate(signers):
        if n:
            row.append("")
            widths.append(gap)
        row.append([para(signer["name"], "h3"), para(f"{signer['role']}, {assembly}", "label")])
        widths.append(each)
        style.append(("LINEABOVE", (len(row) - 1, 0), (len(row) - 1, 0), 0.8, INK))
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(style + [("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _closing(letter: dict, width: float) -> list[Flowable]:
    """Return the request for a reply, the way to check the record, and the signatures."""
    assembly = letter["assembly"]
    check = _(
        "The assembly's full minutes and signed record of this meeting are available on "
        "request. Its signing key's fingerprint is %(fingerprint)s.",
        fingerprint=assembly["fingerprint"],
    )
    signers = letter.get("signers") or []
    route = letter.get("route") or {}
    asks = _(route.get("asks") or N_("Please reply in writing by {due}."))
    due = long_date(letter["reply_due"]) if letter.get("reply_due") else _("return")
    report = _("Our delegates will report your answer to the assembly.")
    block: list[Flowable] = [
        para(asks.format(due=due) + " " + report),
        para(check),
        Spacer(1, 3 * mm),
        para(_("Yours faithfully,")),
        Spacer(1, 14 * mm),
    ]
    if signers:
        block.append(_signatures(signers, assembly["name"], width))
    return [Spacer(1, 3 * mm), KeepTogether(block)]


def _footer(letter: dict) -> Callable:
    """Return an onPage callback naming the letter and the page."""
    words = letter["assembly"]["name"] + " · "
    words += _("submission of %(day)s", day=long_date(letter["date"]))

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        draw_string(canvas, doc.leftMargin, 10 * mm, words)
        right = doc.pagesize[0] - doc.rightMargin
        draw_string(canvas, right, 10 * mm, _("Page %(number)s", number=doc.page), align="right")
        canvas.restoreState()

    return draw


def submission_letter_pdf(letter: dict) -> bytes:
    """Draw a formal letter submitting a decision to the local authority, evidence attached.

    letter: {date, assembly, addressee, salutation, meeting, decision, stance, legitimacy,
    signers: [{name, role}], route: {label, asks (with {due})}, reply_due}.
    """
    if letter["stance"] not in STANCES:
        raise ValueError(f"stance must be one of {', '.join(STANCES)}")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=_("Submission from %(assembly)s", assembly=letter["assembly"]["name"]),
        author=letter["assembly"]["name"],
    )
    width = doc.width - 12
    story = [_letterhead(letter, width), Spacer(1, 8 * mm), *_opening(letter)]
    story += _decision(letter, width) + _stance(letter) + _closing(letter, width)
    story += [PageBreak(), *_evidence(letter, width)]
    draw = _footer(letter)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue()
