"""The fonts every printout draws with: embedded Noto faces, chosen per character, shaped.

Text is split into runs by which font has each glyph, so a name in Arabic, Bengali, Gurmukhi
or Chinese prints inside an English sentence; Noto Sans and Noto Sans Mono load on import, the
other scripts' fonts the first time a page needs them. ReportLab shapes Arabic-script and Indic
words itself through uharfbuzz (a style with shaping=1, or shapeStr), but its bidi needs
rlbidi, which is not on PyPI, so python-bidi puts right-to-left words in display order first.
Use Paragraph and draw_string from here, and the styles in printouts.common.
"""

import html
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from bidi.algorithm import get_display  # the reference algorithm: it mirrors brackets too
from bidi.mirror import MIRRORED
from reportlab import platypus, rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, makeToUnicodeCMap, shapeStr
from reportlab.platypus.tables import CellStyle

HERE = Path(__file__).resolve().parent
SANS, SANS_BOLD = "NotoSans", "NotoSans-Bold"
MONO, MONO_BOLD = "NotoSansMono", "NotoSansMono-Bold"
# Family: (regular file, bold file). CJK comes in one weight only, to keep the checkout lean.
FAMILIES = {
    "NotoSans": ("NotoSans-Regular", "NotoSans-Bold"),
    "NotoSansMono": ("NotoSansMono-Regular", "NotoSansMono-Bold"),
    "NotoNaskhArabic": ("NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"),
    "NotoSansBengali": ("NotoSansBengali-Regular", "NotoSansBengali-Bold"),
    "NotoSansDevanagari": ("NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"),
    "NotoSansGurmukhi": ("NotoSansGurmukhi-Regular", "NotoSansGurmukhi-Bold"),
    "NotoSansCJK": ("NotoSansCJKsc-Common", "NotoSansCJKsc-Common"),
}
FALLBACK = ["NotoSans", *list(FAMILIES)[2:]]  # who is asked for a glyph the style's font lacks
# Where each fallback's letters are, so that its font loads only when a page needs it.
SCRIPTS = {
    "NotoNaskhArabic": [(0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "NotoSansBengali": [(0x0980, 0x09FF)],
    "NotoSansDevanagari": [(0x0900, 0x097F), (0xA8E0, 0xA8FF)],
    "NotoSansGurmukhi": [(0x0A00, 0x0A7F)],
    "NotoSansCJK": [(0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)],
}
SHAPED = {"NotoNaskhArabic", "NotoSansBengali", "NotoSansDevanagari", "NotoSansGurmukhi"}
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic
TAG = re.compile(r"(<[^>]*>)")


class _ShapedFont(TTFont):
    """A TrueType font whose shaped glyphs (conjuncts, joined forms) copy out as their letters.

    ReportLab gives a glyph that no character maps to a private-use code, and its ToUnicode map
    says just that code; here the map says the letters the glyph was made from instead.
    """

    def __init__(self, name: str, path: Path, texts: dict[str, str]) -> None:
        super().__init__(name, path)
        self.texts = {int(gid): letters for gid, letters in texts.items()}

    def addObjects(self, doc) -> None:
        """Write the font's subsets as ReportLab does, then name the shaped glyphs' letters."""
        subsets = self.state[doc].subsets  # ReportLab forgets the document's state as it writes
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets, strict=True):
            shaped = {i: code for i, code in enumerate(subset) if 0xE000 <= code <= 0xF8FF}
            if shaped:
                pdf_font = fonts[name]
                stream = doc.idToObject[pdf_font.ToUnicode.name]
                stream.content = self._to_unicode(pdf_font.BaseFont, subset, shaped)

    def _to_unicode(self, base_font: str, subset: list[int], shaped: dict[int, int]) -> str:
        """Return a subset's ToUnicode CMap with each shaped glyph mapped to its letters."""
        cmap = makeToUnicodeCMap(base_font, subset)
        for i, code in shaped.items():
            letters = self.texts.get(self.face.charToGlyph[code])
            if letters:
                utf16 = letters.encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"\n<{i:02X}> <{code:04X}>\n", f"\n<{i:02X}> <{utf16}>\n")
        return cmap


def _bold_name(family: str) -> str:
    """Return the registered name of a family's bold face."""
    regular, bold = FAMILIES[family]
    return family if bold == regular else f"{family}-Bold"


@cache
def _texts() -> dict[str, dict[str, str]]:
    """Read the letters each shaped glyph stands for, by font file."""
    return json.loads((HERE / "glyph_text.json").read_text(encoding="utf-8"))


@cache
def _covers(family: str) -> dict[int, int]:
    """Register a family's fonts with ReportLab, once per process; return its character map."""
    regular, bold = FAMILIES[family]
    for name, stem in {family: regular, _bold_name(family): bold}.items():
        path, texts = HERE / f"{stem}.ttf", _texts().get(stem)
        pdfmetrics.registerFont(_ShapedFont(name, path, texts) if texts else TTFont(name, path))
    bold_name = _bold_name(family)
    pdfmetrics.registerFontFamily(
        family, normal=family, bold=bold_name, italic=family, boldItalic=bold_name
    )
    return pdfmetrics.getFont(family).face.charToGlyph


def register() -> None:
    """Load the fonts every printout starts in; the other scripts' load when first met."""
    _covers(SANS)
    _covers(MONO)
    # A canvas, a table's plain-text cells and a drawing start in these; left as Helvetica, a
    # page would list a base-14 font, and a name in a cell would print as boxes.
    rl_config.canvas_basefontname = SANS
    CellStyle.fontname = SANS
    STATE_DEFAULTS["fontName"] = SANS


register()
FAMILY_OF = {name: f for f in FAMILIES for name in {f, _bold_name(f)}}


@cache
def _neutral(char: str) -> bool:
    """Say whether a character belongs to no script: spaces, punctuation, digits, marks."""
    return unicodedata.category(char)[0] in "ZPNMC"


@cache
def _family_for(char: str, family: str) -> str:
    """Return the first family, the style's own before the fallbacks, that has a glyph."""
    code = ord(char)
    for candidate in (family, *FALLBACK):
        blocks = SCRIPTS.get(candidate, [(code, code)])
        if any(first <= code <= last for first, last in blocks) and code in _covers(candidate):
            return candidate
    return family


def missing_letters(text: str) -> str:
    """Return the letters of text that no embedded font can draw (spaces and marks aside)."""
    lacking = {
        c
        for c in text
        if not _neutral(c) and not any(ord(c) in _covers(f) for f in (SANS, *FALLBACK))
    }
    return "".join(sorted(lacking))


def _fonts_of(text: str, family: str, current: str) -> list[str]:
    """Choose a family for each character: letters by who has the glyph, the rest by context.

    Punctuation and marks go with the word they touch (the letter before, else after), spaces
    with what precedes them, each where that font has the glyph: a word is one font.
    """
    chosen: list[str | None] = [None if _neutral(c) else _family_for(c, family) for c in text]
    for order in (range(len(text)), range(len(text) - 1, -1, -1)):
        step = 1 if order.step == 1 else -1
        for i in order:
            j = i - step
            if chosen[i] is None and not text[i].isspace() and 0 <= j < len(text):
                near = chosen[j]
                if near and not text[j].isspace() and ord(text[i]) in _covers(near):
                    chosen[i] = near
    for i, char in enumerate(text):
        if chosen[i] is None:
            chosen[i] = current if ord(char) in _covers(current) else _family_for(char, family)
        current = chosen[i]
    return chosen


def runs(text: str, family: str = SANS, current: str | None = None) -> list[tuple[str, str]]:
    """Split text into (family, piece) runs, each drawn by a font that has all its glyphs."""
    pieces: list[list] = []
    for char, chosen in zip(text, _fonts_of(text, family, current or family), strict=True):
        if pieces and pieces[-1][0] == chosen:
            pieces[-1][1].append(char)
        else:
            pieces.append([chosen, [char]])
    return [(f, "".join(chars)) for f, chars in pieces]


def _for_harfbuzz(word: str) -> str:
    """Return a right-to-left word reversed, brackets mirrored: harfbuzz turns it back."""
    if not any(RTL_SCRIPT.match(c) and unicodedata.category(c)[0] == "L" for c in word):
        return word  # digits and Arabic punctuation alone: harfbuzz sets them left to right
    return "".join(MIRRORED.get(char, char) for char in reversed(word))


def visual_runs(
    text: str, family: str = SANS, current: str | None = None, base: str = "L"
) -> list[tuple[str, str]]:
    """Split a line into font runs in visual order, left to right, ready for harfbuzz.

    python-bidi puts the characters in display order (base "R" for a line of a right-to-left
    language, so a name or a number in it sits where its reader expects); harfbuzz reverses
    each right-to-left word once more as it joins its letters, so those words are handed to it
    reversed back.
    """
    if RTL_SCRIPT.search(text):
        text = get_display(text, base_dir=base)
    found = runs(text, family, current)
    return [(f, re.sub(r"\S+", lambda m: _for_harfbuzz(m.group()), p)) for f, p in found]


def markup(text: str, font: str = SANS, base: str = "L") -> tuple[str, bool]:
    """Return paragraph markup with other scripts in their fonts, and whether it needs shaping.

    ReportLab shapes a paragraph word by word, each word with the font its first letter is in,
    so where two fonts meet inside a word (a quotation mark Noto Naskh lacks, say) the words
    are parted by a space.
    """
    if text.isascii():
        return text, False
    family = FAMILY_OF.get(font, SANS)
    parts = [(i % 2, part) for i, part in enumerate(TAG.split(text))]
    pieces, current = [], family
    for is_tag, part in parts:
        found = (
            [(None, part)] if is_tag else visual_runs(html.unescape(part), family, current, base)
        )
        pieces += found
        current = next((f for f, p in reversed(found) if f and p), current)
    shaped = any(f in SHAPED for f, _ in pieces)
    out, last = [], (family, " ")
    for run_family, piece in pieces:
        if run_family is None or not piece:
            out.append(piece)
            continue
        if shaped and run_family != last[0] and not (last[1][-1].isspace() or piece[0].isspace()):
            out.append(" ")
        last = (run_family, piece)
        piece = escape(piece)
        own = run_family == family
        out.append(piece if own else f'<font face="{run_family}">{piece}</font>')
    return "".join(out), shaped


_SHAPING: WeakKeyDictionary = WeakKeyDictionary()


def _shaping(style: ParagraphStyle) -> ParagraphStyle:
    """Return a copy of a style that shapes its text with harfbuzz, made once per style."""
    if style not in _SHAPING:
        _SHAPING[style] = style.clone(f"{style.name}_shaped", shaping=1)
    return _SHAPING[style]


class Paragraph(platypus.Paragraph):
    """A platypus Paragraph that prints every script: runs in fonts that have them, shaped."""

    def __init__(self, text, style: ParagraphStyle, *args, base: str = "L", **kwargs) -> None:
        if isinstance(text, str) and not kwargs.get("frags"):
            text, shaped = markup(text, style.fontName, base)
            style = _shaping(style) if shaped else style
        super().__init__(text, style, *args, **kwargs)


def _piece(text: str, font: str, size: float) -> tuple[str, float]:
    """Return a run shaped if its script needs it, and its width."""
    shaped = shapeStr(text, font, size) if FAMILY_OF[font] in SHAPED else text
    if isinstance(shaped, ShapedStr):
        return shaped, sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
    return shaped, pdfmetrics.stringWidth(shaped, font, size)


def _pieces(text: str, font: str, size: float, base: str = "L") -> list[tuple[str, str, float]]:
    """Return a line's runs in visual order, each with its font and width, shaped word by word."""
    bold = font != FAMILY_OF.get(font, SANS)
    pieces = []
    for family, run in visual_runs(text, FAMILY_OF.get(font, SANS), base=base):
        name = _bold_name(family) if bold else family
        # Shaped word by word, as in a paragraph.
        words = re.split(r"( +)", run) if family in SHAPED else [run]
        pieces += [(name, *_piece(word, name, size)) for word in words if word]
    return pieces


def text_width(text: str, font: str = SANS, size: float = 8) -> float:
    """Return how wide a line of text prints, every script in its font, shaped."""
    return sum(w for _, _, w in _pieces(text, font, size))


def draw_string(
    canvas,
    x: float,
    y: float,
    text: str,
    font: str = SANS,
    size: float = 8,
    align: str = "left",
    base: str = "L",
) -> float:
    """Draw a line of text font by font, starting, ending ("right") or centred at x; return its
    width. A line of a right-to-left language takes base "R"."""
    pieces = _pieces(text, font, size, base)
    width = sum(w for _, _, w in pieces)
    line = canvas.beginText(x - {"left": 0, "right": width, "centre": width / 2}[align], y)
    for name, run, _ in pieces:  # one text object, so a reader copies one line
        line.setFont(name, size)
        line.textOut(run)
    canvas.drawText(line)
    return width
