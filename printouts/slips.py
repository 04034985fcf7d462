"""Admission slips: one-time QR codes handed out at the door, ten to an A4 sheet, with cut marks."""

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from .common import STYLES, qr_image
from .fonts import Paragraph

COLUMNS, ROWS = 2, 5  # ten slips a sheet
MARGIN = 10 * mm
PAD = 6  # the points platypus leaves inside each edge of the page's frame
CELL_W = (A4[0] - 2 * MARGIN - 2 * PAD) / COLUMNS
CELL_H = (A4[1] - 2 * MARGIN - 2 * PAD) / ROWS


def _slip(meeting: dict, slip: dict) -> Table:
    """Lay out one slip: the QR on the left, the words and the typed code on the right."""
    words = [
        Paragraph(escape(meeting["title"]), STYLES["heading"]),
        Paragraph("Admission slip: one person, one vote.", STYLES["body"]),
        Paragraph("Scan to vote, or type this code on your phone:", STYLES["small"]),
        Paragraph(f"<b>{escape(slip['code'])}</b>", STYLES["code"]),
        Paragraph("Works once. Not linked to your name.", STYLES["small"]),
    ]
    inner = Table([[qr_image(slip["url"], 34 * mm), words]], colWidths=[38 * mm, 50 * mm])
    inner.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return inner


def _cut_marks(canvas, doc) -> None:
    """Draw dashed cut lines between the slips."""
    width, height = A4
    left, bottom = MARGIN + PAD, MARGIN + PAD
    canvas.saveState()
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.3)
    for i in range(1, COLUMNS):
        canvas.line(left + i * CELL_W, MARGIN, left + i * CELL_W, height - MARGIN)
    for j in range(1, ROWS):
        canvas.line(MARGIN, bottom + j * CELL_H, width - MARGIN, bottom + j * CELL_H)
    canvas.restoreState()


def admission_slips_pdf(meeting: dict, slips: list[dict]) -> bytes:
    """Draw slips ({code, url}) for a meeting ({title}) as A4 sheets of ten with cut marks."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title="Admission slips",
    )
    cells = [_slip(meeting, slip) for slip in slips]
    cells += [""] * (-len(cells) % COLUMNS)
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    table = Table(rows, colWidths=[CELL_W] * COLUMNS, rowHeights=[CELL_H - 0.01] * len(rows))
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    doc.build([table], onFirstPage=_cut_marks, onLaterPages=_cut_marks)
    return buffer.getvalue()
