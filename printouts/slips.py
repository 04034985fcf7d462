"""Admission slips: one-time QR codes handed out at the door, ten to an A4 sheet, with cut marks.

A door may need hundreds, printed while people queue, so a slip is one small flowable of fixed
layout: a vector QR code, the words every slip shares (laid out once for the whole batch, in the
embedded fonts, and drawn again on each slip) and the slip's own code.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from kiosk.words import gettext as _

from .common import STYLES
from .fonts import MONO_BOLD, draw_string
from .qr import QrCode
from .rtl import para, right_to_left

COLUMNS, ROWS = 2, 5  # ten slips a sheet
MARGIN = 10 * mm
PAD = 6  # the points platypus leaves inside each edge of the page's frame
CELL_W = (A4[0] - 2 * MARGIN - 2 * PAD) / COLUMNS
CELL_H = (A4[1] - 2 * MARGIN - 2 * PAD) / ROWS
QR_SIZE, TEXT_X, TEXT_W = 34 * mm, 40 * mm, 48 * mm
CODE_SIZE, CODE_LEADING = 15, 20


class Wording:
    """The words every slip of a batch shares, laid out once: above and below the code."""

    def __init__(self, title: str):
        slip = escape(_("Admission slip: one person, one vote."))
        scan = escape(_("Scan to vote, or type this code on your phone:"))
        self.above = [
            para(escape(title), STYLES["heading"]),
            para(f"{slip}<br/><font size=8>{scan}</font>", STYLES["body"]),
        ]
        self.below = para(escape(_("Works once. Not linked to your name.")), STYLES["small"])
        self.heights = [p.wrap(TEXT_W, CELL_H)[1] for p in [*self.above, self.below]]


class Slip(Flowable):
    """One slip: the QR code on the left; the words and the typed code on the right."""

    def __init__(self, words: Wording, slip: dict):
        super().__init__()
        self.words, self.code, self.qr = words, slip["code"], QrCode(slip["url"], QR_SIZE)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Fill the cell."""
        return CELL_W, CELL_H - 1

    def draw(self) -> None:
        """Draw the code, then the words and the typed code, vertically centred beside it."""
        height = CELL_H - 1
        self.qr.drawOn(self.canv, 2 * mm, (height - QR_SIZE) / 2)
        words = self.words
        y = (height + sum(words.heights) + CODE_LEADING) / 2
        for paragraph, taken in zip(words.above, words.heights, strict=False):
            y -= taken
            paragraph.drawOn(self.canv, TEXT_X, y)  # laid out once, drawn on every slip
        y -= CODE_LEADING
        self.canv.saveState()  # placed as a paragraph is, so the code copies out as its own line
        self.canv.translate(TEXT_X, y + (CODE_LEADING - CODE_SIZE) / 2)
        align, x = ("right", TEXT_W) if right_to_left() else ("left", 0)
        draw_string(self.canv, x, 0, self.code, MONO_BOLD, CODE_SIZE, align)
        self.canv.restoreState()
        words.below.drawOn(self.canv, TEXT_X, y - words.heights[-1])


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
        title=_("Admission slips"),
    )
    words = Wording(meeting["title"])
    cells = [Slip(words, slip) for slip in slips]
    cells += [""] * (-len(cells) % COLUMNS)
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    table = Table(rows, colWidths=[CELL_W] * COLUMNS, rowHeights=[CELL_H - 0.01] * len(rows))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    doc.build([table], onFirstPage=_cut_marks, onLaterPages=_cut_marks)
    return buffer.getvalue()
