"""How mandate cards sit on paper: sides cut to fit an A6 card, four cards to an A4 sheet.

A side (face) is a list of flowables already cut to fit FACE_W × FACE_H; a physical card is a
(front, back) pair. A mandate's identity side comes first, then its terms, set in the largest
size that needs no extra card. Fronts fill the odd pages in reading order; each back sits on the
next page in the mirrored column, so long-edge duplex printing lands it behind its front.
"""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    HRFlowable,
    KeepInFrame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.words import gettext as _

from .common import INK, REVOKED_RED, RULE_GREY, STYLES, card_styles
from .fonts import Paragraph, draw_string

PAGE_W, PAGE_H = A4
SLOT_W, SLOT_H = PAGE_W / 2, PAGE_H / 2  # A6, give or take ISO's half millimetre
EDGE_X = 7 * mm  # clear of the printer's unprintable border at the paper's left and right
EDGE_Y = 9 * mm  # the same at top and bottom, with room for the sheet's note at the top
GUTTER = 5 * mm  # between the text and a cut line, so a slightly off duplex back stays whole
FACE_W = SLOT_W - EDGE_X - GUTTER
FACE_H = SLOT_H - EDGE_Y - GUTTER
SLOTS = [(0, 0), (1, 0), (0, 1), (1, 1)]  # (column, row) from the top left, in frame order
SLACK = 1.0  # points kept free on each face so rounding never tips a face over
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # body sizes tried for each side, largest first
CHROME = card_styles(7.0)  # side bands and footers: one size everywhere
STRIP = colors.HexColor("#e8e4dc")

Face = list[Flowable]
Card = tuple[Face, Face]


class Block(list):
    """Flowables kept on one side of a card when they fit on one: an item, a decision."""


def _tall(flowable: Flowable, height: float = FACE_H) -> float:
    """Measure a flowable at face width, counting the space it keeps above and below."""
    _, used = flowable.wrap(FACE_W, height)
    return used + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _height(flowables: list[Flowable]) -> float:
    """Measure the height of flowables stacked at face width."""
    return sum(_tall(f) for f in flowables)


def _take(queue: list, placed: Face, left: float) -> float | None:
    """Place the head of the queue whole if it fits; return the height left, or None if not."""
    item = queue[0]
    used = _height(item) if isinstance(item, Block) else _tall(item, left)
    if used > left:
        return None
    queue.pop(0)
    placed.extend(item) if isinstance(item, Block) else placed.append(item)
    return left - used


def _split(queue: list, placed: Face, left: float) -> float:
    """Place as much of the head of the queue as fits, if it splits; return the height left."""
    spaces = queue[0].getSpaceBefore() + queue[0].getSpaceAfter()
    parts = queue[0].split(FACE_W, left - spaces)
    if len(parts) < 2:
        return left
    queue[0:1] = parts[1:]
    placed.append(parts[0])
    return left - _tall(parts[0], left)


def _fill(queue: list, height: float) -> tuple[Face, float]:
    """Move flowables from the queue into a face of this height; return it and the height left."""
    placed: Face = []
    left = height
    while queue and isinstance(queue[0], Spacer | HRFlowable):
        queue.pop(0)  # a new face starts with words, not with a gap or a rule
    while queue:
        rest = _take(queue, placed, left)
        if rest is not None:
            left = rest
        elif isinstance(queue[0], Block) and not placed:
            queue[0:1] = list(queue[0])  # taller than a whole side, so it has to break
        elif isinstance(queue[0], Block):
            break  # the block starts the next side
        else:
            left = _split(queue, placed, left)
            break
    while queue and placed and getattr(getattr(placed[-1], "style", None), "keepWithNext", 0):
        heading = placed.pop()  # a heading goes over with what it heads
        queue.insert(0, heading)
        left += _tall(heading, height)
    while placed and isinstance(placed[-1], Spacer | HRFlowable):
        left += _tall(placed.pop(), height)  # nor does a side end with a rule
    return placed, left


def _pack(
    story: list,
    first: int,
    header: Callable[[int], Face],
    footer_height: float,
) -> list[tuple[Face, float]]:
    """Cut a story into faces numbered from first, each headed; return each with its spare."""
    faces: list[tuple[Face, float]] = []
    queue = list(story)
    while queue:
        head = header(first + len(faces))
        room = FACE_H - SLACK - footer_height - _height(head)
        body, spare = _fill(queue, room)
        if not body:
            raise ValueError("a piece of a mandate card is taller than a whole card")
        faces.append((head + body, spare))
    return faces


def _finish(faces: list[tuple[Face, float]], footer: Callable[[int, bool], Face]) -> list[Face]:
    """Push each face's footer to the bottom of the card."""
    last = len(faces) - 1
    return [
        body + [Spacer(1, spare)] + footer(i, i == last) for i, (body, spare) in enumerate(faces)
    ]


def _whose(card: dict) -> str:
    """Name the mandate in a few words, to match a loose card to its front."""
    return _("Mandate no. %(number)s", number=card["mandate_id"]) + f" · {card['delegate']}"


def strip(card: dict, side: str, width: float = FACE_W) -> Table:
    """Return the band across the top of every side but the identity side: whose, which side."""
    revoked = card["status"] == "revoked"
    text = CHROME["label"].clone("strip", textColor=colors.white if revoked else INK)
    right = text.clone("strip_right", alignment=2)
    cells = [Paragraph(escape(_whose(card)), text), Paragraph(escape(side), right)]
    shares = [0.7, 0.3]
    if revoked:
        stamp = text.clone("strip_stamp", fontSize=11, leading=13)
        cells.insert(0, Paragraph(escape(_("REVOKED")), stamp))
        shares = [0.3, 0.45, 0.25]
    band = Table([cells], colWidths=[width * share for share in shares])
    band.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), REVOKED_RED if revoked else STRIP),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return band


def _header(card: dict) -> Callable[[int], Face]:
    """Return the band that heads every side but the identity side."""

    def head(index: int) -> Face:
        if index == 0:
            return []
        number = index // 2 + 1
        if index % 2 == 0:
            side = _("Card %(number)s, front", number=number)
        else:
            side = _("Card %(number)s, back", number=number)
        return [strip(card, side), Spacer(1, 2 * mm)]

    return head


def _footer(card: dict, cards: int) -> Callable[[int, bool], Face]:
    """Return the line at the foot of each side that says where the mandate goes on."""
    style = CHROME["note"].clone("foot", alignment=2)

    def foot(index: int, last: bool) -> Face:
        if last:
            text = _("End of mandate no. %(number)s.", number=card["mandate_id"])
        elif index == 0 and cards == 1:
            text = _("Terms overleaf.")
        elif index == 0 and cards == 2:
            text = _("Terms overleaf and on card 2. Keep the cards together.")
        elif index == 0:
            text = _("Terms overleaf and on cards 2–%(last)s. Keep the cards together.", last=cards)
        elif index % 2 == 0:
            text = _("Continued overleaf.")
        else:
            text = _("Continued on card %(number)s, front.", number=index // 2 + 2)
        return [Paragraph(escape(text), style)]

    return foot


def _fit(
    card: dict, build: Callable[[dict], list], first: int, spill: bool
) -> list[tuple[Face, float]]:
    """Set a story in the largest size that takes no more sides than the smallest size does.

    With spill, a story may also take the free back of its last card at no cost in cards.
    """
    height = CHROME["note"].leading
    fewest = len(_pack(build(card_styles(SIZES[-1])), first, _header(card), height))
    room = fewest + (first + fewest) % 2 if spill else fewest
    for size in SIZES:
        faces = _pack(build(card_styles(size)), first, _header(card), height)
        if len(faces) <= room:
            return faces
    return faces


def lay_out(card: dict, front: Callable[[dict], list], terms: Callable[[dict], list]) -> list[Card]:
    """Set one mandate as physical cards: its identity side, then its terms, then a blank."""
    faces = _fit(card, front, 0, spill=False)
    faces += _fit(card, terms, len(faces), spill=True)
    faces = _finish(faces, _footer(card, (len(faces) + 1) // 2))
    if len(faces) % 2:
        blank = CHROME["note"]
        faces.append(
            _header(card)(len(faces)) + [Paragraph(escape(_("This side is blank.")), blank)]
        )
    return [(faces[i], faces[i + 1]) for i in range(0, len(faces), 2)]


def _slot_frame(column: int, row: int) -> Frame:
    """Return the frame of the face in one quarter of the page."""
    x = column * SLOT_W + (EDGE_X if column == 0 else GUTTER)
    y = (1 - row) * SLOT_H + (EDGE_Y if row == 1 else GUTTER)
    return Frame(x, y, FACE_W, FACE_H, 0, 0, 0, 0, id=f"slot{column}{row}")


def _slots(cards: list[Card]) -> list[Face | None]:
    """List every slot, page by page: fronts in reading order, each back in the mirrored column."""
    slots: list[Face | None] = []
    for start in range(0, len(cards), len(SLOTS)):
        batch = list(zip(SLOTS, cards[start : start + len(SLOTS)], strict=False))
        fronts = {slot: front for slot, (front, _) in batch}
        backs = {(1 - column, row): back for (column, row), (_, back) in batch}
        slots += [fronts.get(slot) for slot in SLOTS] + [backs.get(slot) for slot in SLOTS]
    while slots and slots[-1] is None:
        slots.pop()  # a break after the last face would start an empty page
    return slots


def _sheet_story(cards: list[Card]) -> Face:
    """Return the story of every side: each face kept in its slot's frame, empty slots skipped."""
    story: Face = []
    for index, face in enumerate(_slots(cards)):
        if index:
            story.append(FrameBreak())
        if face:
            story.append(KeepInFrame(FACE_W, FACE_H, face, mode="shrink"))
    return story or [Paragraph(escape(_("No mandate cards to print.")), STYLES["body"])]


def _furniture(sheets: int, title: str) -> Callable:
    """Return an onPage callback that draws the cut lines and the sheet's printing note."""

    def draw(canvas, doc) -> None:
        front = doc.page % 2 == 1
        canvas.saveState()
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.4)
        canvas.setDash(4, 3)
        canvas.line(SLOT_W, 0, SLOT_W, PAGE_H)
        canvas.line(0, SLOT_H, PAGE_W, SLOT_H)
        canvas.setFillColor(RULE_GREY)
        if front:
            note = _("Print double-sided, flip on long edge: each back lands behind its front.")
        else:
            note = _("Backs, columns mirrored for long-edge duplex. Cut on the dashed lines.")
        draw_string(canvas, EDGE_X, PAGE_H - 5.5 * mm, note, size=7)
        number = (doc.page + 1) // 2
        if front:
            where = _(
                "%(title)s: sheet %(number)s of %(sheets)s, fronts",
                title=title,
                number=number,
                sheets=sheets,
            )
        else:
            where = _(
                "%(title)s: sheet %(number)s of %(sheets)s, backs",
                title=title,
                number=number,
                sheets=sheets,
            )
        draw_string(canvas, PAGE_W - EDGE_X, PAGE_H - 5.5 * mm, where, size=7, align="right")
        canvas.restoreState()

    return draw


def sheets_pdf(cards: list[Card], title: str) -> bytes:
    """Lay physical cards four to an A4 sheet, fronts then mirrored backs, and return the PDF."""
    buffer = io.BytesIO()
    sheets = max(1, -(-len(cards) // len(SLOTS)))
    doc = BaseDocTemplate(buffer, pagesize=A4, title=title)
    frames = [_slot_frame(column, row) for column, row in SLOTS]
    doc.addPageTemplates([PageTemplate("cards", frames, onPage=_furniture(sheets, title))])
    doc.build(_sheet_story(cards))
    return buffer.getvalue()
