"""The invitation to a meeting, on paper and in the assembly's languages.

An A4 poster, an A5 leaflet and door-knock cards carry the meeting's day, time, venue, access
and childcare, its join code and QR, and "everyone who lives in <area> is welcome". Their words
are gettext catalogues: translations/invitation.pot lists every text (the English msgid), and
translations/<language>/LC_MESSAGES/invitation.po gives one language. Adding a language is
adding its .po file; no code changes. Placeholders are gettext's named ones, %(area)s.
"""

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po
from sqlite_utils import Database

from kiosk import dates
from kiosk.errors import Refused
from kiosk.meeting.residency import area, assembly_settings
from kiosk.records import meeting_record as record

FOLDER = Path(__file__).resolve().parents[2] / "translations"
DOMAIN = "invitation"
SOURCE = "en"  # the msgids are English: English needs no catalogue
TEXTS = {
    "invited": "You are invited",
    "welcome": "Everyone who lives in %(area)s is welcome.",
    "what": "A people's assembly is an open meeting where neighbours decide together what "
    "happens here.",
    "when": "When",
    "where": "Where",
    "access": "Access",
    "childcare": "Children",
    "starts": "%(day)s, starting at %(time)s",
    "free": "Free. No need to book. Come as you are.",
    "vote": "Vote on your phone or on paper: both count the same.",
    "join": "In the hall, scan this code with your phone to join the meeting.",
    "code": "Meeting code: %(code)s",
    "contact": "Questions, or something that would help you take part? %(contact)s",
    "called": "We called by to invite you to the next assembly.",
}
# Words the console suggests for access and childcare; typed exactly, they are translated too.
PHRASES = (
    "Step-free access",
    "Hearing loop",
    "BSL interpreter",
    "Accessible toilet",
    "Interpreters on request",
    "Large print available",
    "Quiet space",
    "Free crèche",
    "Children welcome",
    "Refreshments provided",
)
FORMS = {
    "poster": ("A4 poster", "posters"),
    "leaflet": ("A5 leaflet", "leaflets"),
    "cards": ("door-knock card", "door_knocking"),
}
MAX_LANGUAGES, MAX_COPIES = 12, 2000
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


# -- the catalogues --------------------------------------------------------------------------------


def catalogue(code: str, folder: Path = FOLDER) -> dict[str, str]:
    """Return a language's translations {msgid: msgstr}, leaving out empty and fuzzy ones."""
    path = folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE or not path.is_file():
        return {}
    return dict(_read(str(path), code, path.stat().st_mtime_ns))


@lru_cache(maxsize=64)
def _read(path: str, code: str, _changed: int) -> tuple[tuple[str, str], ...]:
    """Read a catalogue once per version of its file (a changed file is read again)."""
    with open(path, "rb") as po:
        found = read_po(po, locale=code, domain=DOMAIN)
    return tuple((m.id, m.string) for m in found if m.id and m.string and not m.fuzzy)


def translated(folder: Path = FOLDER) -> list[str]:
    """Return the languages that have a catalogue (English first: it is the source)."""
    codes = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE, *[c for c in codes if c != SOURCE]]


def missing(code: str, folder: Path = FOLDER) -> list[str]:
    """Return the texts a language's catalogue lacks or gets wrong (a placeholder changed)."""
    if code == SOURCE:
        return []
    words = catalogue(code, folder)
    wanted = [*TEXTS.values(), *PHRASES]
    return [
        msgid
        for msgid in wanted
        if msgid not in words
        or sorted(PLACEHOLDER.findall(words[msgid])) != sorted(PLACEHOLDER.findall(msgid))
    ]


def name_of(code: str) -> str:
    """Say a language in English and in itself: "Polish (polski)"."""
    found = Locale.parse(code)
    english, own = found.get_display_name("en"), found.get_display_name(code)
    return english if english == own else f"{english} ({own})"


# -- the assembly's languages ----------------------------------------------------------------------


def language_code(text: str) -> str:
    """Read a language as a code ("pl") or its English name ("Polish"); refuse anything else."""
    word = text.strip()
    names = {name.lower(): code for code, name in Locale("en").languages.items()}
    code = names.get(word.lower(), word.lower().replace("-", "_"))
    try:
        return str(Locale.parse(code))
    except (ValueError, UnknownLocaleError) as error:
        raise Refused("“%(word)s” is not a language the kiosk knows.", word=word[:30]) from error


def languages(db: Database) -> list[str]:
    """Return the assembly's languages, as codes (English is always among them)."""
    codes = json.loads(assembly_settings(db)["languages"])
    return [SOURCE, *[c for c in codes if c != SOURCE]]


def set_languages(db: Database, value: object) -> list[str]:
    """Record the languages spoken in the area, from codes or English names."""
    if isinstance(value, str):
        value = [v for v in re.split(r"[,;\n]", value) if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Refused("List the area's languages, like Polish, Welsh, Urdu.")
    codes = list(dict.fromkeys(language_code(v) for v in value if v.strip()))
    if len(codes) > MAX_LANGUAGES:
        raise Refused("List at most %(most)s languages.", most=MAX_LANGUAGES)
    with db.atomic():
        assembly_settings(db)
        db.execute("UPDATE assembly_settings SET languages = ? WHERE id = 1", [json.dumps(codes)])
    return languages(db)


def statuses(db: Database, folder: Path = FOLDER) -> list[dict]:
    """Say for each of the assembly's languages whether its invitation can be printed."""
    have = translated(folder)
    found = []
    for code in languages(db):
        gaps = missing(code, folder) if code in have else None
        found.append(
            {
                "code": code,
                "name": name_of(code),
                "ready": gaps == [],
                "missing": None if gaps is None else len(gaps),
                "rtl": Locale.parse(code).character_order == "right-to-left",
            }
        )
    return found


# -- the invitation, gathered for paper ------------------------------------------------------------


def _say(words: dict[str, str], msgid: str, **values: str) -> str:
    """Translate one text (English when the catalogue lacks it) and fill its placeholders."""
    return words.get(msgid, msgid) % values if values else words.get(msgid, msgid)


def _page(code: str, facts: dict) -> dict:
    """Return one language's page of the invitation: every text translated and filled in."""
    words = catalogue(code)
    texts = {key: _say(words, msgid) for key, msgid in TEXTS.items() if "%(" not in msgid}
    day = dates.weekday(facts["date"], locale=code)
    texts["welcome"] = _say(words, TEXTS["welcome"], area=facts["area"])
    texts["code"] = _say(words, TEXTS["code"], code=facts["code"])
    texts["starts"] = (
        _say(words, TEXTS["starts"], day=day, time=facts["starts_at"])
        if facts["starts_at"]
        else day
    )
    texts["contact"] = _say(words, TEXTS["contact"], contact=facts["contact"])
    return {
        "lang": code,
        "language": name_of(code),
        "rtl": Locale.parse(code).character_order == "right-to-left",
        "texts": texts,
        "access": [_say(words, line) for line in facts["access"]],
        "childcare": _say(words, facts["childcare"]) if facts["childcare"] else "",
    }


def _facts(db: Database, meeting: dict, assembly: dict) -> dict:
    """Return what the invitation says of the meeting, refusing when the essentials are missing."""
    told = record.details(db, meeting["id"])
    if not told["held_on"] or not told["venue"]:
        raise Refused(
            "Record the meeting's date and venue on the console (Before and after the meeting) "
            "before printing its invitation."
        )
    where = assembly.get("area") or ", ".join(area(db))
    if not where:
        raise Refused("Give the assembly's area (its name, or its postcodes) before printing.")
    return {
        "date": told["held_on"],
        "starts_at": told["starts_at"],
        "venue": told["venue"],
        "access": told["access_features"],
        "childcare": told["childcare"],
        "area": where,
        "code": meeting["code"],
        "contact": assembly_settings(db)["contact"],
    }


def gather(db: Database, meeting: dict, assembly: dict, codes: list[str], join_url: str) -> dict:
    """Return the invitation's plain data: one page per language asked for, in that order."""
    facts = _facts(db, meeting, assembly)
    ready = {s["code"] for s in statuses(db) if s["ready"]}
    chosen = [c for c in dict.fromkeys(codes) if c in ready]
    if not chosen:
        raise Refused("Choose at least one of the assembly's languages that has a translation.")
    return {
        "assembly": assembly["name"],
        "code": meeting["code"],
        "join_url": join_url,
        "venue": facts["venue"],
        "pages": [_page(code, facts) for code in chosen],
        "has_contact": bool(facts["contact"]),
    }


def log_printing(db: Database, meeting_id: int, form: str, copies: int, codes: list[str]) -> dict:
    """Count a printing into the outreach log: how many of which piece, in which languages."""
    if form not in FORMS:
        raise Refused("Choose a poster, a leaflet or door-knock cards.")
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise Refused("Print between 1 and %(most)s copies.", most=MAX_COPIES)
    label, kind = FORMS[form]
    detail = f"Printed {copies} {label}{'s' if copies > 1 else ''} from the kiosk"
    names = [Locale.parse(c).get_display_name("en") for c in codes]
    return record.add_outreach(db, meeting_id, date.today().isoformat(), kind, detail, names)
