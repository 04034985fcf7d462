"""Paper for a round: ballots for people without phones, and a tally sheet for counting."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.words import gettext as _
from kiosk.words import ngettext

from .common import INK, STYLES, footer
from .rtl import cells, para

BALLOTS_PER_PAGE = 2
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.6, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTSIZE", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
)


def _instruction(rnd: dict) -> str:
    """Say how to fill in this round's ballot."""
    if rnd["kind"] == "ranked":
        return _("Number the options in order of preference: 1 for your first choice, and so on.")
    if rnd["kind"] == "approval":
        return ngettext(
            "Tick up to %(num)s option you support.",
            "Tick up to %(num)s options you support.",
            rnd["max_choices"],
        )
    return _("Tick one box.")


def _ballot(rnd: dict) -> list:
    """Return the flowables of one paper ballot."""
    box = _("Rank") if rnd["kind"] == "ranked" else _("Tick")
    head = [para(escape(box), STYLES["body"]), para(escape(_("Option")), STYLES["body"])]
    rows = [cells(head)] + [
        cells(["", para(escape(label), STYLES["big"])]) for _key, label in rnd["options"]
    ]
    table = Table(
        rows,
        colWidths=cells([22 * mm, 140 * mm]),
        rowHeights=[None] + [12 * mm] * (len(rows) - 1),
    )
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1e9dc"))]))
    told = [_("Secret ballot: do not write your name.")] if rnd["visibility"] == "secret" else []
    told += [_instruction(rnd), _("Decided by: %(rule)s.", rule=rnd["rule_label"])]
    title = _("%(meeting)s — paper ballot", meeting=rnd["meeting_title"])
    return [
        para(escape(title), STYLES["heading"]),
        para(f"<b>{escape(rnd['text'])}</b>", STYLES["big"]),
        Spacer(1, 3 * mm),
        para(escape(" ".join(told)), STYLES["body"]),
        Spacer(1, 3 * mm),
        table,
    ]


def paper_ballot_pdf(rnd: dict, copies: int = 2) -> bytes:
    """Draw copies of a round's paper ballot, two to an A4 page, cut along the middle."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Paper ballots"), topMargin=15 * mm, bottomMargin=15 * mm
    )
    story: list = []
    for n in range(copies):
        story += _ballot(rnd)
        if n % BALLOTS_PER_PAGE == 0 and n + 1 < copies:
            story.append(Spacer(1, 14 * mm))
            story.append(para(escape(_("cut here")) + " " + "- " * 55, STYLES["small"]))
            story.append(Spacer(1, 10 * mm))
        elif n + 1 < copies:
            story.append(PageBreak())
    doc.build(story)
    return buffer.getvalue()


def tally_sheet_pdf(rnd: dict) -> bytes:
    """Draw a tally sheet for counting hands, cards and paper for a round, with sign-off lines."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=_("Tally sheet"))
    head = [_("Option"), _("Raised hands"), _("Cards"), _("Paper ballots"), _("Total")]
    rows = [cells([para(escape(word), STYLES["body"]) for word in head])]
    rows += [
        cells([para(escape(label), STYLES["body"]), "", "", "", ""])
        for _key, label in rnd["options"]
    ]
    rows.append(cells([para(escape(_("Total")), STYLES["body"]), "", "", "", ""]))
    table = Table(
        rows,
        colWidths=cells([62 * mm, 30 * mm, 25 * mm, 30 * mm, 20 * mm]),
        rowHeights=[None] + [16 * mm] * (len(rows) - 1),
    )
    table.setStyle(GRID)
    blank = "_" * 22
    round_is = escape(_("Round %(number)s:", number=rnd["id"]))
    decided = _("Decided by: %(rule)s.", rule=rnd["rule_label"])
    story = [
        para(escape(_("%(meeting)s — tally sheet", meeting=rnd["meeting_title"])), STYLES["title"]),
        para(f"{round_is} <b>{escape(rnd['text'])}</b>", STYLES["big"]),
        para(escape(f"{decided} {rnd['visibility_label']}."), STYLES["body"]),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 10 * mm),
        para(
            escape(_("People present (phones and counted at the desk):")) + " ________",
            STYLES["body"],
        ),
        Spacer(1, 8 * mm),
        para(
            escape(_("Counted by:")) + f" {blank}   " + escape(_("Checked by:")) + f" {blank}",
            STYLES["body"],
        ),
        Spacer(1, 4 * mm),
        para(
            escape(
                _(
                    "Enter these totals on the console under “Hand counts” before closing the "
                    "round; the minutes show each source."
                )
            ),
            STYLES["small"],
        ),
    ]
    doc.build(story, onFirstPage=footer(_("Tally sheet, round %(number)s", number=rnd["id"])))
    return buffer.getvalue()
