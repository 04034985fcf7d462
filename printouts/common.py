"""Styles, QR images and page furniture shared by every printout."""

import io

import qrcode
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image

from kiosk.words import gettext as _

from .fonts import MONO, MONO_BOLD, SANS, SANS_BOLD, draw_string

_base = getSampleStyleSheet()


def _style(name: str, parent: str, size: float, leading: float, font: str = SANS, **extra):
    """Return a sample-sheet style at a size, in one of the embedded fonts."""
    extra |= {"fontSize": size, "leading": leading, "fontName": font, "bulletFontName": font}
    return ParagraphStyle(name, parent=_base[parent], **extra)


STYLES = {
    "title": _style("title", "Title", 20, 24, SANS_BOLD),
    "heading": _style("heading", "Heading2", 14, 18, SANS_BOLD),
    "body": _style("body", "BodyText", 11, 15),
    "big": _style("big", "BodyText", 14, 19),
    "small": _style("small", "BodyText", 8, 10),
    "code": _style("code", "Code", 15, 18, MONO, leftIndent=0),
}
INK = colors.HexColor("#1d1b2f")
RULE_GREY = colors.HexColor("#9a96a8")


def qr_image(text: str, size: float = 30 * mm) -> Image:
    """Return a QR code of text as a flowable image of the given width."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(text)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=size, height=size)


def footer(text: str):
    """Return an onPage callback that writes a small footer and the page number."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(RULE_GREY)
        draw_string(canvas, doc.leftMargin, 10 * mm, text)
        right = doc.pagesize[0] - doc.rightMargin
        page = _("Page %(number)s", number=doc.page)
        draw_string(canvas, right, 10 * mm, page, align="right")
        canvas.restoreState()

    return draw


REVOKED_RED = colors.HexColor("#b3261e")
CARD_GREY = colors.HexColor("#4b4759")
MIN_CARD_SIZE = 7.0  # the smallest type anywhere on a mandate card


def card_styles(size: float, floor: float = MIN_CARD_SIZE) -> dict[str, ParagraphStyle]:
    """Return mandate card styles scaled from a body size, none below the floor.

    Sizes are whole half points; no style keeps space above or below (cards use Spacers), so
    a card's height is the plain sum of its flowables' heights.
    """

    def style(name: str, scale: float = 1.0, bold: bool = False, **extra) -> ParagraphStyle:
        font_size = max(floor, round(size * scale * 2) / 2)
        base = {
            "fontName": SANS_BOLD if bold else SANS,
            "bulletFontSize": font_size,
            "textColor": INK,
        }
        return ParagraphStyle(name, fontSize=font_size, leading=font_size * 1.2, **(base | extra))

    return {
        "body": style("card_body"),
        "label": style("card_label", 0.85, bold=True, textColor=CARD_GREY),
        "heading": style("card_heading", 1.1, bold=True, keepWithNext=1),
        "place": style("card_place", 1.3, bold=True),
        "name": style("card_name", 1.8, bold=True),
        "kicker": style("card_kicker", 1.1, bold=True),
        "item": style("card_item", leftIndent=size * 1.6, bulletFontName=SANS_BOLD),
        "indent": style("card_indent", leftIndent=size * 1.6),
        "mono": style("card_mono", fontName=MONO_BOLD),
        # The card's code, for typing at /verify: broken anywhere, as it has no spaces.
        "code": style("card_code", 0.85, fontName=MONO, wordWrap="CJK"),
        "note": style("card_note", 0.85, textColor=CARD_GREY),
        "stamp": style("card_stamp", 2.2, bold=True, textColor=colors.white, alignment=1),
        "stamp_note": style("card_stamp_note", 0.9, bold=True, textColor=colors.white, alignment=1),
    }
