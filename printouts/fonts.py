"""The embedded fonts: DejaVu Sans, so the invitation prints in every language it is given.

The standard PDF fonts (Helvetica) draw only Western European letters; DejaVu Sans draws Welsh,
Polish, Romanian and much more, and is embedded in the PDF so it prints the same anywhere.
"""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FOLDER = Path(__file__).parent / "fonts" / "dejavu-2.37"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def register() -> tuple[str, str]:
    """Register the fonts with ReportLab once; return the regular and bold names."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FOLDER / f"{name}.ttf")))
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, name)  # <b> inside a paragraph picks the bold face
    return REGULAR, BOLD


def missing_letters(text: str) -> str:
    """Return the letters of text the fonts cannot draw (spaces and line breaks aside)."""
    register()
    drawn = pdfmetrics.getFont(REGULAR).face.charToGlyph
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in drawn}))
