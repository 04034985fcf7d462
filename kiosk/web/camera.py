"""Reading a mandate card's QR code from a frame of the desk laptop's camera.

Browsers give the camera only to pages on https or on the laptop itself (localhost), and few can
decode a QR code themselves; so the desk page sends a still frame now and then, and the kiosk
reads it here, offline, with the same decoder the tests trust. The decoder and Pillow are
imported on the first frame, not when the kiosk starts (an assembly's kiosk never reads one).
"""

import io

MAX_FRAME = 2 * 1024 * 1024  # a 1280×720 JPEG is about 100 KB


def read_qr(frame: bytes) -> str | None:
    """Return the text of the first QR code in an image, or None if there is none."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    if not frame or len(frame) > MAX_FRAME:
        return None
    try:
        with Image.open(io.BytesIO(frame)) as image:
            image.load()
            grey = image.convert("L")
        found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    return found[0].text if found else None
