"""The invitation on paper: an A4 poster, A5 leaflets (two to an A4 sheet) and door-knock cards
(four A6 cards to an A4 sheet), one page or sheet per language, in the words the kiosk gives.

The data is already translated: {"assembly", "code", "join_url", "pages": [{"lang", "language",
"rtl", "texts": {...}, "access": [...], "childcare"}], "has_contact"}. Each copy is fitted to
its piece of paper (shrunk when the access lines are many), and the join QR is a real code.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .common import INK, RULE_GREY, qr_image
from .fonts import SANS, SANS_BOLD, Paragraph, missing_letters

ACCENT = colors.HexColor("#b5451b")  # a warm brick red, readable in black and white too
FORMS = ("poster", "leaflet", "cards")
# Per form: the body size in points, the QR's width, the cells on a sheet (columns, rows).
SIZES = {
    "poster": (15.0, 58 * mm, (1, 1)),
    "leaflet": (11.0, 42 * mm, (2, 1)),
    "cards": (8.5, 30 * mm, (2, 2)),
}
PAD = {"poster": 16 * mm, "leaflet": 11 * mm, "cards": 7 * mm}


def _styles(size: float, rtl: bool) -> dict[str, ParagraphStyle]:
    """Return the styles of one form, scaled from its body size, aligned for the script."""
    regular, bold = SANS, SANS_BOLD
    align = 2 if rtl else 0

    def style(name: str, scale: float, font: str = regular, **extra) -> ParagraphStyle:
        points = round(size * scale * 2) / 2
        base = {"fontName": font, "fontSize": points, "leading": points * 1.22, "textColor": INK}
        return ParagraphStyle(name, **(base | {"alignment": align} | extra))

    return {
        "kicker": style("kicker", 1.25, bold, textColor=ACCENT, spaceAfter=size * 0.3),
        "title": style("title", 2.6, bold, leading=size * 2.6 * 1.1, spaceAfter=size * 0.5),
        "welcome": style("welcome", 1.45, bold, spaceAfter=size * 0.5),
        "body": style("body", 1.0, spaceAfter=size * 0.3),
        "label": style("label", 0.85, bold, textColor=ACCENT),
        "value": style("value", 1.1, bold),
        "code": style("code", 1.35, bold, spaceBefore=size * 0.2, spaceAfter=size * 0.3),
        "small": style("small", 0.75, textColor=colors.HexColor("#4b4759")),
    }


def _details(page: dict, st: dict, width: float) -> Table:
    """Return the When / Where / Access / Children lines as a two-column table."""
    texts = page["texts"]
    rows = [(texts["when"], page["starts"]), (texts["where"], page["venue"])]
    if page["access"]:
        rows.append((texts["access"], " · ".join(page["access"])))
    if page["childcare"]:
        rows.append((texts["childcare"], page["childcare"]))
    cells = [
        [Paragraph(escape(k), st["label"]), Paragraph(escape(v), st["value"])] for k, v in rows
    ]
    table = Table(cells, colWidths=[width * 0.24, width * 0.76])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE_GREY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _join(invite: dict, page: dict, st: dict, width: float, qr_size: float) -> Table:
    """Return the QR beside how to join, the meeting code, and what it costs (nothing)."""
    texts = page["texts"]
    words = [
        Paragraph(escape(texts["join"]), st["body"]),
        Paragraph(escape(texts["code"]), st["code"]),
        Paragraph(escape(texts["free"]), st["body"]),
        Paragraph(escape(texts["vote"]), st["body"]),
    ]
    if invite.get("has_contact"):
        words.append(Paragraph(escape(texts["contact"]), st["body"]))
    cells = [[qr_image(invite["join_url"], qr_size), words]]
    table = Table(cells, colWidths=[qr_size + 4 * mm, width - qr_size - 4 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
            ]
        )
    )
    return table


def _copy(invite: dict, page: dict, form: str, width: float, height: float) -> Flowable:
    """Return one copy of the invitation in one language, fitted to its piece of paper."""
    size, qr_size, _ = SIZES[form]
    st = _styles(size, page["rtl"])
    texts = page["texts"]
    kicker = texts["called"] if form == "cards" else texts["invited"]
    story: list[Flowable] = [
        Paragraph(escape(kicker), st["kicker"]),
        Paragraph(escape(invite["assembly"]), st["title"]),
        Paragraph(escape(texts["welcome"]), st["welcome"]),
    ]
    if form != "cards":
        story.append(Paragraph(escape(texts["what"]), st["body"]))
    where = {**page, "venue": invite["venue"], "starts": texts["starts"]}
    story += [Spacer(1, size * 0.6), _details(where, st, width), Spacer(1, size * 0.9)]
    story.append(_join(invite, page, st, width, qr_size))
    story.append(Paragraph(escape(page["language"]), st["small"]))
    return KeepInFrame(width, height, story, mode="shrink")


def _cells(form: str) -> tuple[tuple[float, float], list[Frame]]:
    """Return the sheet's size and one frame per copy on it, each inside its padding."""
    sheet = landscape(A4) if form == "leaflet" else A4
    columns, rows = SIZES[form][2]
    w, h, pad = sheet[0] / columns, sheet[1] / rows, PAD[form]
    frames = [
        Frame(c * w + pad, sheet[1] - (r + 1) * h + pad, w - 2 * pad, h - 2 * pad, 0, 0, 0, 0)
        for r in range(rows)
        for c in range(columns)
    ]
    return sheet, frames


def _cut_marks(form: str):
    """Return an onPage callback drawing dashed cut lines between the copies on a sheet."""

    def draw(canvas, doc) -> None:
        columns, rows = SIZES[form][2]
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE_GREY)
        canvas.setDash(3, 3)
        for c in range(1, columns):
            canvas.line(c * width / columns, 0, c * width / columns, height)
        for r in range(1, rows):
            canvas.line(0, r * height / rows, width, r * height / rows)
        canvas.restoreState()

    return draw


def invitation_pdf(invite: dict, form: str) -> bytes:
    """Draw the invitation as a poster, leaflets or door-knock cards, a sheet per language."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}")
    for page in invite["pages"]:
        drawn = [invite["assembly"], invite["venue"], page["childcare"], *page["access"]]
        lacking = missing_letters(" ".join([*page["texts"].values(), *drawn]))
        if lacking:
            raise ValueError(f"the font cannot draw {lacking!r} ({page['language']})")
    sheet, frames = _cells(form)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=sheet, title=f"Invitation: {invite['assembly']}", author=invite["assembly"]
    )
    doc.addPageTemplates([PageTemplate("sheet", frames=frames, onPage=_cut_marks(form))])
    story: list[Flowable] = []
    for page in invite["pages"]:
        for frame in frames:
            if story:
                story.append(FrameBreak())
            story.append(_copy(invite, page, form, frame._width, frame._height))
    doc.build(story)
    return buffer.getvalue()
