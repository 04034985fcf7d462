"""Styles, QR images and page furniture shared by every printout."""

import io

import qrcode
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image

_base = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle("title", parent=_base["Title"], fontSize=20, leading=24),
    "heading": ParagraphStyle("heading", parent=_base["Heading2"], fontSize=14, leading=18),
    "body": ParagraphStyle("body", parent=_base["BodyText"], fontSize=11, leading=15),
    "big": ParagraphStyle("big", parent=_base["BodyText"], fontSize=14, leading=19),
    "small": ParagraphStyle("small", parent=_base["BodyText"], fontSize=8, leading=10),
    "code": ParagraphStyle("code", parent=_base["Code"], fontSize=15, leading=18, leftIndent=0),
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
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(RULE_GREY)
        canvas.drawString(doc.leftMargin, 10 * mm, text)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw
