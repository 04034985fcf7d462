"""Keeping the catalogues: find every message in the code, bring each .po up to date, count.

A message belongs to one audience by the file it is written in (the first pattern that
matches in AUDIENCES), so each catalogue is what one kind of person reads: "attendee" (a
phone) and "handouts" (slips, ballots, the sign-in sheet) are what every community language
covers; "room" (projector, desk, council tables), "paper" (minutes, cards, letters) and
"console" complete the kiosk in English and Welsh. Python marks messages with _(), gettext,
ngettext, N_ or Refused(...); templates with _() and ngettext; scripts with Kiosk.t, Kiosk.n.
"""

import contextlib
import fnmatch
import io
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from kiosk import words

ROOT = words.TRANSLATIONS.parent
AUDIENCES: dict[str, tuple[str, ...]] = {
    "attendee": (
        "templates/phone/*",
        "templates/base.html",
        "templates/_*.html",
        "templates/refused.html",
        "static/phone.js",
        "static/phone_process.js",
        "static/phone_delegates.js",
        "static/live.js",
        "static/forms.js",
        "kiosk/errors.py",
        "kiosk/meeting/*",
        "kiosk/decisions/*",
        "kiosk/process/*",
        "kiosk/screens/*",
        "kiosk/web/live/[!cd]*",
        "kiosk/web/live/decisions.py",
        "kiosk/web/live/delegates.py",
        "kiosk/web/views/phone.py",
        "kiosk/web/auth.py",
    ),
    "handouts": (
        "printouts/slips.py",
        "printouts/ballots.py",
        "printouts/paper.py",
    ),
    "room": (
        "templates/projector/*",
        "templates/desk/*",
        "templates/council/*",
        "templates/councils/*",
        "templates/verify/*",
        "static/projector*.js",
        "static/desk*.js",
        "static/phone_council.js",
        "static/verify.js",
        "kiosk/council/*",
        "kiosk/web/live/council.py",
        "kiosk/web/live/desk.py",
        "kiosk/web/views/projector.py",
        "kiosk/web/views/desk.py",
        "kiosk/web/views/verify.py",
        "kiosk/web/views/council*.py",
    ),
    "paper": (
        "printouts/*",
        "kiosk/records/*",
        "kiosk/web/views/printing.py",
        "templates/facilitator/print.html",
    ),
    "console": (
        "templates/*",
        "static/*.js",
        "kiosk/*",
    ),
}
METHODS = {".py": "python", ".html": "jinja2.ext.babel_extract", ".js": "javascript"}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "ngettext_": (1, 2),
    "N_": None,
    "Refused": None,
    "twice": None,
    "Kiosk.t": None,
    "Kiosk.n": (1, 2),
}
READERS = {
    "attendee": "what an attendee reads on a phone",
    "handouts": "the paper an attendee holds: slips, ballots, the sign-in sheet",
    "room": "the projector, the desk and the council's tables",
    "paper": "minutes, cards and letters",
    "console": "the facilitator's console and commands",
}
TRANSLATORS = "Drafted for Assembly Kiosk; strings marked fuzzy await a native speaker"
WIDTH = 100


class Count(NamedTuple):
    total: int
    translated: int
    fuzzy: int


def audience(path: str) -> str | None:
    """Return the audience a file's messages belong to (path relative to the project)."""
    if path.startswith("kiosk/migrations/") or path.endswith("translating.py"):
        return None
    for name, patterns in AUDIENCES.items():
        if any(fnmatch.fnmatch(path, pattern) for pattern in patterns):
            return name
    return None


def _sources() -> Iterator[Path]:
    """Yield every file that may hold messages."""
    for folder, suffix in (("kiosk", ".py"), ("printouts", ".py"), ("templates", ".html")):
        yield from sorted((ROOT / folder).rglob(f"*{suffix}"))
    yield from sorted((ROOT / "static").glob("*.js"))


def extract() -> dict[str, Catalog]:
    """Find every message in the code, in a template catalogue per audience."""
    found = {name: Catalog(project="Assembly Kiosk", fuzzy=False) for name in AUDIENCES}
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        name = audience(relative)
        if name is None:
            continue
        options = {"extensions": "jinja2.ext.i18n"} if path.suffix == ".html" else {}
        with contextlib.redirect_stderr(io.StringIO()):  # f-strings: the tests name those
            messages = list(
                extract_from_file(
                    METHODS[path.suffix], str(path), keywords=KEYWORDS, options=options
                )
            )
        for line, message, comments, context in messages:
            python_format = any("%(" in part for part in _parts(message))
            found[name].add(
                message,
                locations=[(relative, line)],
                auto_comments=comments,
                context=context,
                flags=("python-format",) if python_format else (),
            )
    return found


def _parts(message: str | tuple) -> tuple:
    """Return a message's singular and plural as a tuple."""
    return message if isinstance(message, tuple) else (message,)


def po_path(code: str, name: str) -> Path:
    """Return where a language's catalogue for an audience lives."""
    return words.TRANSLATIONS / code / "LC_MESSAGES" / f"{name}.po"


def read(code: str, name: str) -> Catalog | None:
    """Read a language's catalogue for an audience, or None if it has none yet."""
    path = po_path(code, name)
    if not path.exists():
        return None
    with path.open("rb") as po:
        return read_po(po, locale=words.LANGUAGES[code].locale, domain=name)


def _fresh(code: str, name: str) -> Catalog:
    """Start a language's catalogue for an audience."""
    catalogue = Catalog(words.LANGUAGES[code].locale, name, project="Assembly Kiosk", fuzzy=False)
    catalogue.header_comment = (
        f"# Assembly Kiosk in {words.LANGUAGES[code].english}: {READERS[name]}."
    )
    catalogue.last_translator = TRANSLATORS
    catalogue.language_team = words.LANGUAGES[code].english
    catalogue.msgid_bugs_address = ""
    catalogue.version = ""
    return catalogue


def update(audiences: list[str] | None = None) -> list[Path]:
    """Bring the catalogues (of every audience, or those named) up to date with the code.

    Line numbers are left out of the .po files: they would change with every edit of the code.
    """
    written = []
    for name, template in extract().items():
        if audiences and name not in audiences:
            continue
        for code in [c for c in words.LANGUAGES if c != words.SOURCE]:
            catalogue = read(code, name) or _fresh(code, name)
            created = catalogue.creation_date
            catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
            catalogue.creation_date = created
            path = po_path(code, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as po:
                write_po(po, catalogue, width=WIDTH, include_lineno=False, ignore_obsolete=True)
            written.append(path)
    words.catalogue.cache_clear()
    words.script_words.cache_clear()
    return written


def count(code: str, name: str, template: Catalog) -> Count:
    """Count how much of an audience's messages a language has, and how much awaits review."""
    catalogue = read(code, name)
    translated = fuzzy = 0
    for message in template:
        if not message.id:
            continue
        have = catalogue.get(message.id, message.context) if catalogue else None
        if have is not None and words._translated(have.string):
            translated += 1
            fuzzy += have.fuzzy
    return Count(sum(1 for m in template if m.id), translated, fuzzy)


def completeness() -> dict[str, dict[str, Count]]:
    """Return, for each language and audience, how much is translated (English is the source)."""
    templates = extract()
    table = {}
    for code in words.LANGUAGES:
        table[code] = {}
        for name, template in templates.items():
            total = sum(1 for m in template if m.id)
            is_source = code == words.SOURCE
            table[code][name] = Count(total, total, 0) if is_source else count(code, name, template)
    return table


def placeholder_faults() -> list[str]:
    """List translations whose %(name)s placeholders differ from their message's."""
    faults = []
    for code in words.LANGUAGES:
        for name in AUDIENCES:
            catalogue = read(code, name)
            if catalogue is not None:
                for message, errors in catalogue.check():
                    faults += [f"{code}/{name}: {message.id!r}: {error}" for error in errors]
    return faults
