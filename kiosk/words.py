"""Words a person reads, in their language: gettext catalogues and the language now speaking.

The English text in the code is the message id; translations/<code>/LC_MESSAGES/<domain>.po
hold the other languages, one catalogue per audience (see kiosk/translating.py), read straight
from the .po files once per process, so a fresh checkout needs no build step. The web layer
says which language each request or event speaks (`use`); everything below it, domain code
and printouts alike, calls `gettext` and gets that language without knowing about Flask.

Fuzzy translations are used: they are careful drafts awaiting a native speaker's review, and
serve an attendee better than English would. `python app.py translations` counts them.
"""

import io
from contextlib import contextmanager
from contextvars import ContextVar
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import NamedTuple

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DOMAINS = ("attendee", "handouts", "room", "paper", "console")
SOURCE = "en"


class Language(NamedTuple):
    name: str  # in the language itself, as a switcher shows it
    english: str
    direction: str  # "ltr" or "rtl"
    locale: str  # for Babel's dates and numbers


LANGUAGES: dict[str, Language] = {
    "en": Language("English", "English", "ltr", "en_GB"),
    "cy": Language("Cymraeg", "Welsh", "ltr", "cy_GB"),
    "pl": Language("Polski", "Polish", "ltr", "pl_PL"),
    "ur": Language("اردو", "Urdu", "rtl", "ur_PK"),
    "ro": Language("Română", "Romanian", "ltr", "ro_RO"),
    "bn": Language("বাংলা", "Bengali", "ltr", "bn_BD"),
}

_speaking: ContextVar[str] = ContextVar("speaking", default=SOURCE)


def known(code: object) -> str | None:
    """Return a language code the kiosk speaks ("cy" for "cy-GB"), or None."""
    if not isinstance(code, str):
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def use(code: str | None) -> str:
    """Speak this language from now on in this request, event or command; return it."""
    code = known(code) or SOURCE
    _speaking.set(code)
    return code


@contextmanager
def speaking(code: str | None):
    """Speak a language for a block (a printout in the meeting's language), then go back."""
    token = _speaking.set(known(code) or SOURCE)
    try:
        yield _speaking.get()
    finally:
        _speaking.reset(token)


def current() -> str:
    """Return the language now speaking."""
    return _speaking.get()


def locale(code: str | None = None) -> str:
    """Return Babel's locale for a language (the one now speaking if none is named)."""
    return LANGUAGES[known(code) or current()].locale


def direction(code: str | None = None) -> str:
    """Return "rtl" or "ltr" for a language (the one now speaking if none is named)."""
    return LANGUAGES[known(code) or current()].direction


def _files(code: str) -> list[Path]:
    """Return the catalogues of a language that exist, one per audience."""
    return [p for d in DOMAINS if (p := TRANSLATIONS / code / "LC_MESSAGES" / f"{d}.po").exists()]


@cache
def catalogue(code: str) -> NullTranslations:
    """Return a language's translations, every audience's catalogue merged into one."""
    merged: NullTranslations = NullTranslations()
    for path in _files(code):
        with path.open("rb") as po:
            found = read_po(po, locale=LANGUAGES[code].locale)
        mo = io.BytesIO()
        write_mo(mo, found, use_fuzzy=True)
        mo.seek(0)
        translations = Translations(mo)
        if isinstance(merged, Translations):
            merged.merge(translations)
        else:
            merged = translations
    return merged


@cache
def script_words(
    code: str, scripts: tuple[str, ...] = ("static/*.js",)
) -> dict[str, str | list[str]]:
    """Return the translations of the messages the named scripts write, for a page to carry."""
    words: dict[str, str | list[str]] = {}
    for path in _files(code):
        with path.open("rb") as po:
            found = read_po(po, locale=LANGUAGES[code].locale)
        for message in found:
            scripted = any(
                fnmatch(place, glob) for place, _ in message.locations for glob in scripts
            )
            if message.id and scripted and _translated(message.string):
                key = message.id if isinstance(message.id, str) else message.id[0]
                words[key] = (
                    message.string if isinstance(message.string, str) else list(message.string)
                )
    return words


def _translated(string: object) -> bool:
    """Say whether a catalogue entry has its translation written (every plural form)."""
    if isinstance(string, str):
        return bool(string)
    return bool(string) and all(string)


def gettext(message: str, **values: object) -> str:
    """Translate a message into the language now speaking, then fill in its %(name)s values."""
    text = catalogue(current()).gettext(message) if current() != SOURCE else message
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """Translate a message that depends on a count; %(num)s is the count."""
    if current() == SOURCE:
        text = singular if n == 1 else plural
    else:
        text = catalogue(current()).ngettext(singular, plural, n)
    return text % {"num": n, **values}


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; translate it where it is shown."""
    return message


_ = gettext
