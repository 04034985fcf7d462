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

from .common import INK, STYLES, footer
from .fonts import Paragraph

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
        return "Number the options in order of preference: 1 for your first choice, and so on."
    if rnd["kind"] == "approval":
        return f"Tick up to {rnd['max_choices']} options you support."
    return "Tick one box."


def _ballot(rnd: dict) -> list:
    """Return the flowables of one paper ballot."""
    box = "Rank" if rnd["kind"] == "ranked" else "Tick"
    rows = [[box, "Option"]] + [
        ["", Paragraph(escape(label), STYLES["big"])] for _, label in rnd["options"]
    ]
    table = Table(
        rows, colWidths=[22 * mm, 140 * mm], rowHeights=[None] + [12 * mm] * (len(rows) - 1)
    )
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1e9dc"))]))
    secret = "Secret ballot: do not write your name. " if rnd["visibility"] == "secret" else ""
    return [
        Paragraph(escape(rnd["meeting_title"]) + " — paper ballot", STYLES["heading"]),
        Paragraph(f"<b>{escape(rnd['text'])}</b>", STYLES["big"]),
        Spacer(1, 3 * mm),
        Paragraph(
            escape(secret + _instruction(rnd)) + f" Decided by: {escape(rnd['rule_label'])}.",
            STYLES["body"],
        ),
        Spacer(1, 3 * mm),
        table,
    ]


def paper_ballot_pdf(rnd: dict, copies: int = 2) -> bytes:
    """Draw copies of a round's paper ballot, two to an A4 page, cut along the middle."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title="Paper ballots", topMargin=15 * mm, bottomMargin=15 * mm
    )
    story: list = []
    for n in range(copies):
        story += _ballot(rnd)
        if n % BALLOTS_PER_PAGE == 0 and n + 1 < copies:
            story.append(Spacer(1, 14 * mm))
            story.append(Paragraph("cut here " + "- " * 55, STYLES["small"]))
            story.append(Spacer(1, 10 * mm))
        elif n + 1 < copies:
            story.append(PageBreak())
    doc.build(story)
    return buffer.getvalue()


def tally_sheet_pdf(rnd: dict) -> bytes:
    """Draw a tally sheet for counting hands, cards and paper for a round, with sign-off lines."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Tally sheet")
    rows = [["Option", "Raised hands", "Cards", "Paper ballots", "Total"]]
    rows += [
        [Paragraph(escape(label), STYLES["body"]), "", "", "", ""] for _, label in rnd["options"]
    ]
    rows.append(["Total", "", "", "", ""])
    table = Table(
        rows,
        colWidths=[62 * mm, 30 * mm, 25 * mm, 30 * mm, 20 * mm],
        rowHeights=[None] + [16 * mm] * (len(rows) - 1),
    )
    table.setStyle(GRID)
    story = [
        Paragraph(escape(rnd["meeting_title"]) + " — tally sheet", STYLES["title"]),
        Paragraph(f"Round {rnd['id']}: <b>{escape(rnd['text'])}</b>", STYLES["big"]),
        Paragraph(
            f"Decided by: {escape(rnd['rule_label'])}. {escape(rnd['visibility_label'])}.",
            STYLES["body"],
        ),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 10 * mm),
        Paragraph("People present (phones and counted at the desk): ________", STYLES["body"]),
        Spacer(1, 8 * mm),
        Paragraph(
            "Counted by: ______________________   Checked by: ______________________",
            STYLES["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            "Enter these totals on the console under “Hand counts” before closing the "
            "round; the minutes show each source.",
            STYLES["small"],
        ),
    ]
    doc.build(story, onFirstPage=footer(f"Tally sheet, round {rnd['id']}"))
    return buffer.getvalue()
