"""QR codes for screens and terminals."""

import io

import qrcode
import qrcode.image.svg


def qr_svg(text: str) -> str:
    """Return an SVG QR code of text, with a quiet zone, scaling to its container."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    return image.to_string(encoding="unicode")


def qr_terminal(text: str) -> str:
    """Return a QR code of text drawn with block characters, for the terminal."""
    qr = qrcode.QRCode(border=2)
    qr.add_data(text)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()
