"""Admission slips: one-time QR codes handed out at the door, ten to an A4 sheet, with cut marks.

A door may need hundreds, printed while people queue, so a slip is one small flowable of fixed
layout: a vector QR code and a few lines of text, the wording wrapped once for the whole batch
rather than laid out as paragraphs on every slip.
"""

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from .qr import QrCode

COLUMNS, ROWS = 2, 5  # ten slips a sheet
MARGIN = 10 * mm
PAD = 6  # the points platypus leaves inside each edge of the page's frame
CELL_W = (A4[0] - 2 * MARGIN - 2 * PAD) / COLUMNS
CELL_H = (A4[1] - 2 * MARGIN - 2 * PAD) / ROWS
QR_SIZE, TEXT_X, TEXT_W = 34 * mm, 40 * mm, 48 * mm
# (font, size, leading) of each part of the words beside the code
TITLE = ("Helvetica-Bold", 13, 16)
SMALL_TITLE = ("Helvetica-Bold", 10, 12)
BODY = ("Helvetica", 11, 14)
SMALL = ("Helvetica", 8, 10)
CODE = ("Courier-Bold", 15, 20)


@dataclass(frozen=True)
class Wording:
    """The words every slip of a batch shares, wrapped once: (style, lines) in order."""

    above: list[tuple[tuple, list[str]]]
    below: list[tuple[tuple, list[str]]]


def wording(title: str) -> Wording:
    """Wrap the shared words to the width beside the QR code."""

    def wrap(text: str, style: tuple) -> tuple[tuple, list[str]]:
        return style, simpleSplit(text, style[0], style[1], TEXT_W)

    heading = wrap(title, TITLE)
    if len(heading[1]) > 2:  # a long name: smaller, and at most two lines
        style, lines = wrap(title, SMALL_TITLE)
        heading = style, lines[:2] if len(lines) < 3 else [lines[0], lines[1].rstrip() + "…"]
    return Wording(
        above=[
            heading,
            wrap("Admission slip: one person, one vote.", BODY),
            wrap("Scan to vote, or type this code on your phone:", SMALL),
        ],
        below=[wrap("Works once. Not linked to your name.", SMALL)],
    )


class Slip(Flowable):
    """One slip: the QR code on the left; the words and the typed code on the right."""

    def __init__(self, words: Wording, slip: dict):
        super().__init__()
        self.words, self.code, self.qr = words, slip["code"], QrCode(slip["url"], QR_SIZE)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Fill the cell."""
        return CELL_W, CELL_H - 1

    def draw(self) -> None:
        """Draw the code, then the lines of text, vertically centred beside it."""
        height = CELL_H - 1
        self.qr.drawOn(self.canv, 2 * mm, (height - QR_SIZE) / 2)
        parts = [*self.words.above, (CODE, [self.code]), *self.words.below]
        y = (height + sum(style[2] * len(lines) for style, lines in parts)) / 2
        text = self.canv.beginText()
        for (font, size, leading), lines in parts:
            text.setFont(font, size)
            for line in lines:
                y -= leading  # each line sits its own leading below the one before
                text.setTextOrigin(TEXT_X, y + (leading - size) / 2)
                text.textOut(line)
        self.canv.drawText(text)


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
    words = wording(meeting["title"])
    cells = [Slip(words, slip) for slip in slips]
    cells += [""] * (-len(cells) % COLUMNS)
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    table = Table(rows, colWidths=[CELL_W] * COLUMNS, rowHeights=[CELL_H - 0.01] * len(rows))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    doc.build([table], onFirstPage=_cut_marks, onLaterPages=_cut_marks)
    return buffer.getvalue()
