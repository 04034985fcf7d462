"""QR codes drawn as vectors: the dark modules as filled rectangles, one path a code.

Crisp at any printer's resolution, and small: a sheet of ten slips is a few kilobytes of
rectangles rather than ten PNG images. Each row's run of dark modules is one rectangle, written
in module units (whole numbers), so the page stream stays short and quick to write.
"""

from itertools import groupby

import qrcode
from qrcode.exceptions import DataOverflowError
from reportlab.platypus import Flowable

BORDER = 2  # modules of white around the code, as the images elsewhere have
MASK = 2  # see QrCode
_versions: dict[int, int] = {}  # text length -> the QR version that last held it


def matrix(text: str, mask: int | None = MASK) -> list[list[bool]]:
    """Return the modules of a QR code of text (error correction M), dark as True.

    Slips print hundreds of URLs of one length: the version found for the first is tried
    first for the rest, which skips qrcode's search for the smallest version that fits.
    """
    version = _versions.get(len(text))
    if version is not None:
        code = _code(text, version, mask)
        try:
            code.make(fit=False)
            return code.get_matrix()
        except DataOverflowError:  # another mode (more bytes) for the same length
            pass
    code = _code(text, None, mask)
    code.make(fit=True)
    _versions[len(text)] = code.version
    return code.get_matrix()


def _code(text: str, version: int | None, mask: int | None) -> qrcode.QRCode:
    """Start a QR code of text, without a border (the drawing adds it)."""
    code = qrcode.QRCode(
        version=version,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
        mask_pattern=mask,
    )
    code.add_data(text)
    return code


class QrCode(Flowable):
    """A QR code of text, `size` points square, for a story or a table cell.

    Its mask pattern is fixed: every mask makes a valid code that readers decode, and trying
    all eight for the best (qrcode's default) is most of the cost when printing hundreds.
    """

    def __init__(self, text: str, size: float, mask: int | None = MASK):
        super().__init__()
        self.modules, self.size = matrix(text, mask), size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take exactly its size."""
        return self.size, self.size

    def draw(self) -> None:
        """Fill one path of rectangles, in module units, the first row at the top."""
        count = len(self.modules) + 2 * BORDER
        rects = []
        for y, row in enumerate(self.modules):
            top, x = count - BORDER - 1 - y, BORDER
            for dark, run in groupby(row):
                width = len(list(run))
                if dark:
                    rects.append(f"{x} {top} {width} 1 re")
                x += width
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.size / count, self.size / count)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.addLiteral("\n".join(rects) + "\nf")  # whole numbers: no float formatting
        canvas.restoreState()
