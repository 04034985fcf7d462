"""Paragraphs of a right-to-left language (Urdu handouts): wrapped in reading order, then shown.

ReportLab wraps a paragraph after its words are in display order, so a right-to-left paragraph
of several lines would print its last line first (its own bidi needs rlbidi, not on PyPI). Here
the words are wrapped as they are read, and each line is then put in display order on its own,
set flush right. `para` chooses this or an ordinary paragraph by the language now speaking.
"""

import html
import re
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from kiosk import words

from .fonts import SANS_BOLD, Paragraph, text_width

BREAK = re.compile(r"<br\s*/?>")
WRAPPED = re.compile(r"^((?:<(?!/)[^>]*>)*)(.*?)((?:</[^>]+>)*)$", re.S)
TAG = re.compile(r"<[^>]*>")
SIZE = re.compile(r"size=[\"']?([\d.]+)")


def right_to_left() -> bool:
    """Say whether the language now speaking reads right to left."""
    return words.direction() == "rtl"


def para(text: str, style: ParagraphStyle) -> Flowable:
    """Return a paragraph in the direction of the language now speaking."""
    return RightToLeft(text, style) if right_to_left() else Paragraph(text, style)


def cells(row: list) -> list:
    """Return a table row in reading order: mirrored for a right-to-left language."""
    return list(reversed(row)) if right_to_left() else row


@cache
def _flush_right(style: ParagraphStyle) -> ParagraphStyle:
    """Return a copy of a style set flush right (a centred one stays centred), no space around."""
    alignment = TA_CENTER if style.alignment == TA_CENTER else TA_RIGHT
    return style.clone(f"{style.name}_rtl", alignment=alignment, spaceBefore=0, spaceAfter=0)


def _lines(segment: str, style: ParagraphStyle, width: float) -> list[str]:
    """Wrap one segment (markup without line breaks) into lines of markup, in reading order."""
    opened, text, closed = WRAPPED.match(segment.strip()).groups()
    size = float(found[1]) if (found := SIZE.search(opened)) else style.fontSize
    font = SANS_BOLD if "<b>" in opened else style.fontName
    space = text_width(" ", font, size)
    lines: list[list[str]] = [[]]
    taken = 0.0  # words are shaped one by one, so a line is as wide as its words and spaces
    for word in TAG.sub("", text).split():
        wide = _width(html.unescape(word), font, size)
        if lines[-1] and taken + space + wide > width:
            lines.append([])
            taken = -space
        lines[-1].append(word)
        taken += space + wide
    return [opened + " ".join(line) + closed for line in lines]


@cache
def _width(word: str, font: str, size: float) -> float:
    """Return how wide a word prints, measured once."""
    return text_width(word, font, size)


class RightToLeft(Flowable):
    """A paragraph read right to left: each line in display order, set flush right."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.rows: list[Paragraph] = []
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Wrap the words into lines as they are read, and lay out each line (once per width:
        a table asks again and again)."""
        if self.rows and available_width == self.width:
            return self.width, self.height
        room = available_width - self.style.leftIndent - self.style.rightIndent
        found = [line for part in BREAK.split(self.text) for line in _lines(part, self.style, room)]
        style = _flush_right(self.style)
        self.rows = [Paragraph(line, style, base="R") for line in found]
        self.heights = [row.wrap(available_width, available_height)[1] for row in self.rows]
        self.width, self.height = available_width, sum(self.heights)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the lines from the top."""
        y = self.height
        for row, height in zip(self.rows, self.heights, strict=True):
            y -= height
            row.drawOn(self.canv, 0, y)

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        """Keep the style's space above."""
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        """Keep the style's space below."""
        return self.style.spaceAfter
