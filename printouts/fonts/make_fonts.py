"""Rebuild the committed font files from Debian's Noto packages (run by hand, never at run time).

    apt-get download fonts-noto-core fonts-noto-mono fonts-noto-cjk
    for deb in fonts-noto-*.deb; do dpkg-deb -x "$deb" root; done
    pip install fonttools==4.68.0
    python printouts/fonts/make_fonts.py root

The TrueType fonts are copied as they are, and glyph_text.json records, for each glyph of the
shaped scripts that no character maps to (a conjunct, a joined form), the letters it draws, so
that text copied from a PDF reads as written. Noto Sans CJK ships with PostScript (CFF) outlines,
which ReportLab cannot embed, and is 19 MB, so its Simplified Chinese face is cut down to the
characters in everyday use (see cjk_characters) and its outlines converted to TrueType curves.
"""

import json
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

HERE = Path(__file__).resolve().parent
TRUETYPE = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansMono-Regular.ttf",
    "NotoSansMono-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoSansBengali-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    "NotoSansGurmukhi-Regular.ttf",
    "NotoSansGurmukhi-Bold.ttf",
]
SHAPED = ("NotoNaskhArabic", "NotoSansBengali", "NotoSansDevanagari", "NotoSansGurmukhi")
CJK_SOURCE = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_FACE = "Noto Sans CJK SC"
CJK_OUT = "NotoSansCJKsc-Common.ttf"
# General punctuation (quotation marks, dashes), kana, CJK punctuation, hangul letters and
# full-width forms: small blocks, kept whole, so that a name's quotes are in its own font.
CJK_BLOCKS = [(0x2010, 0x205E), (0x3000, 0x30FF), (0x3131, 0x318E), (0xFF01, 0xFF9F)]


def encodes(codec: str, char: str, test=lambda raw: True) -> bool:
    """Say whether a legacy codec encodes char (and its bytes pass test)."""
    try:
        return test(char.encode(codec))
    except UnicodeEncodeError:
        return False


def cjk_characters() -> set[int]:
    """Return the hanzi, kanji and hangul of the national standard character sets.

    GB 2312 (6,763 simplified hanzi), JIS X 0208 (6,355 kanji), Big5 level 1 (5,401 frequent
    traditional hanzi) and the 2,350 hangul syllables of KS X 1001: the sets that everyday text,
    names included, is written in. Python's codecs carry the tables, so nothing is downloaded.
    """
    wanted = set()
    for cp in range(0x3400, 0xFFFF):
        char = chr(cp)
        if 0xAC00 <= cp <= 0xD7A3:
            keep = encodes("euc_kr", char, lambda raw: len(raw) == 2)
        elif 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF:
            keep = (
                encodes("gb2312", char)
                or encodes("shift_jis", char)
                or encodes("big5", char, lambda raw: b"\xa4\x40" <= raw <= b"\xc6\x7e")
            )
        else:
            keep = False
        if keep:
            wanted.add(cp)
    for first, last in CJK_BLOCKS:
        wanted.update(range(first, last + 1))
    return wanted


def to_truetype_outlines(font: TTFont) -> None:
    """Replace a font's CFF outlines with quadratic TrueType ones, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs "
        "maxStackElements maxSizeOfInstructions maxComponentElements"
    ).split():
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: CJK needs none, and they are large
    font.sfntVersion = "\0\1\0\0"


def make_cjk(root: Path) -> None:
    """Cut the CJK face down to common characters and write it with TrueType outlines."""
    collection = TTCollection(root / CJK_SOURCE)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == CJK_FACE)
    options = subset.Options()
    options.layout_features = []  # no vertical or regional alternates: names are set across
    options.hinting = False
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=cjk_characters() | set(range(0x20, 0x7F)))
    subsetter.subset(font)
    to_truetype_outlines(font)
    font.save(HERE / CJK_OUT)


OLD_SPEC = {"deva": "dev2", "beng": "bng2", "guru": "gur2"}  # harfbuzz prefers the new tags


def _called(table, found: set[int]) -> None:
    """Collect the lookups a contextual substitution calls, however deep its rules sit."""
    if type(table).__name__ == "SubstLookupRecord":
        found.add(table.LookupListIndex)
    elif isinstance(table, list):
        for item in table:
            _called(item, found)
    elif hasattr(table, "__dict__"):
        for value in vars(table).values():
            if isinstance(value, list) or hasattr(value, "__dict__"):
                _called(value, found)


def _substitutions(gsub) -> list[tuple[int, object]]:
    """List, in lookup order, the GSUB subtables harfbuzz applies, extensions unwrapped.

    Lookups kept only for the old Indic shaping (deva, beng, guru) are left out: they join
    the same glyphs from letters in another order, which would name them wrongly.
    """
    scripts = {r.ScriptTag: r.Script for r in gsub.ScriptList.ScriptRecord}
    features = gsub.FeatureList.FeatureRecord
    used: set[int] = set()
    for tag, script in scripts.items():
        if OLD_SPEC.get(tag) not in scripts:
            for lang in [script.DefaultLangSys, *(r.LangSys for r in script.LangSysRecord)]:
                for index in lang.FeatureIndex if lang else []:
                    used.update(features[index].Feature.LookupListIndex)
    lookups, todo = gsub.LookupList.Lookup, set(used)
    while todo:  # lookups called by called lookups, to any depth
        called: set[int] = set()
        _called(lookups[todo.pop()], called)
        todo |= called - used
        used |= called
    found = []
    for index in sorted(used):
        lookup = lookups[index]
        for table in lookup.SubTable:
            if lookup.LookupType == 7:
                found.append((table.ExtensionLookupType, table.ExtSubTable))
            else:
                found.append((lookup.LookupType, table))
    return found


def _derived(kind: int, table, text: dict[str, str]) -> list[tuple[str, str]]:
    """Return (glyph, letters) pairs one substitution table makes from glyphs already known."""
    if kind == 1:
        return [(out, text[src]) for src, out in table.mapping.items() if src in text]
    if kind == 2:  # one glyph split in several: the first carries the letters
        return [
            (out, text[src] if i == 0 else "")
            for src, outs in table.mapping.items()
            if src in text
            for i, out in enumerate(outs)
        ]
    if kind == 3:
        return [(o, text[s]) for s, alts in table.alternates.items() if s in text for o in alts]
    if kind == 4:
        return [
            (lig.LigGlyph, "".join(text[g] for g in (first, *lig.Component)))
            for first, ligatures in table.ligatures.items()
            for lig in ligatures
            if all(g in text for g in (first, *lig.Component))
        ]
    return []  # contextual lookups only point at the ones above


def _plainer(letters: str, other: str | None) -> bool:
    """Say whether letters name a glyph better than other: base letters (lower code points)
    before presentation forms and regional variants, such as Bengali র before Assamese ৰ."""
    return other is None or (not letters, letters) < (not other, other)  # blank ones last


def glyph_text(path: Path) -> dict[int, str]:
    """Return the letters each glyph draws, for glyphs reached only through substitutions."""
    font = TTFont(path)
    text = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    gsub = font["GSUB"].table
    gsub.ensureDecompiled(recurse=True)  # so that every rule is there to walk
    mapped, tables = set(text), _substitutions(gsub)
    while True:
        new: dict[str, str] = {}
        for kind, table in tables:
            for glyph, letters in _derived(kind, table, text):
                if glyph not in text and _plainer(letters, new.get(glyph)):
                    new[glyph] = letters
        if not new:
            break
        text |= new
    order = {glyph: gid for gid, glyph in enumerate(font.getGlyphOrder())}
    return {order[g]: t for g, t in sorted(text.items()) if g not in mapped}


def main(root: Path) -> None:
    """Copy the TrueType fonts from an unpacked Debian tree and build the CJK subset."""
    for name in TRUETYPE:
        shutil.copyfile(root / "usr/share/fonts/truetype/noto" / name, HERE / name)
    shaped = [Path(n) for n in TRUETYPE if n.startswith(SHAPED)]
    texts = {p.stem: glyph_text(HERE / p) for p in shaped}
    (HERE / "glyph_text.json").write_text(json.dumps(texts, ensure_ascii=False, indent=0) + "\n")
    make_cjk(root)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
