"""Which language each page and event speaks, on Flask-Babel.

A phone speaks its person's language: `?lang=cy` (remembered in a cookie), else that cookie,
else the browser's Accept-Language. The console, projector, desk and council pages speak the
meeting's language (kiosk.meeting.languages), with `?lang=` for one page load. A live page's
socket carries its page's language in the handshake (`?lang=`), so refusals answer in it.
"""

from flask import Flask, g, request
from flask_babel import Babel, Domain
from markupsafe import Markup, escape

from kiosk import words
from kiosk.meeting.languages import meeting_languages
from kiosk.web.database import get_db

COOKIE = "lang"
YEAR = 365 * 24 * 3600
ROOM_PAGES = {
    "facilitator",
    "printing",
    "submissions",
    "bundles",
    "councils",
    "council",
    "council_agenda",
    "projector",
    "desk",
}


# The scripts each kind of page loads, so a phone carries its own scripts' words and no more.
PAGE_SCRIPTS = {
    "phone": ("static/phone*.js", "static/live.js", "static/forms.js"),
    "site": ("static/phone*.js", "static/live.js", "static/forms.js"),
    "projector": ("static/projector*.js", "static/live.js", "static/forms.js"),
}
ALL_SCRIPTS = ("static/*.js",)


class KioskDomain(Domain):
    """Flask-Babel's translations, taken from the catalogues kiosk.words reads."""

    def get_translations(self):
        return words.catalogue(words.current())


def _meeting() -> tuple[str, str]:
    """Return the meeting's language and the projector's second one, once per request."""
    if "meeting_languages" not in g:
        g.meeting_languages = meeting_languages(get_db())
    return g.meeting_languages


def pick() -> str:
    """Choose the language of this request or event."""
    asked = words.known(request.args.get("lang"))
    if asked:
        return asked
    if request.blueprint in ROOM_PAGES:
        return _meeting()[0]
    chosen = words.known(request.cookies.get(COOKIE))
    if chosen:
        return chosen
    for offered, _quality in request.accept_languages:
        if words.known(offered):
            return words.known(offered)
    return _meeting()[0]


def speak() -> None:
    """Speak the chosen language for the rest of this request or event."""
    if request.endpoint != "static":
        words.use(pick())


def remember(response):
    """Keep a phone's chosen language in its cookie when it asked with ?lang=."""
    asked = words.known(request.args.get("lang"))
    if asked and request.blueprint not in ROOM_PAGES and request.endpoint != "static":
        response.set_cookie(COOKIE, asked, max_age=YEAR, httponly=True, samesite="Lax")
    return response


def _said(message: str, values: dict) -> Markup:
    """Translate a message now, keeping Markup values (a page's own elements), escaping others."""
    text = Markup(escape(words.gettext(message)))
    return text % values if values else text


def also(message: str, **values: object) -> Markup:
    """Say a prompt in the projector's second language, marked for screen readers, or nothing.

    Nothing when the meeting has no second language or the prompt reads the same in both.
    """
    _speaks, second = _meeting()
    if not second:
        return Markup()
    with words.speaking(second):
        said = _said(message, values)
    if said == _said(message, values):
        return Markup()
    return Markup(' <span class="also" lang="{}">{}</span>').format(second, said)


def twice(message: str, **values: object) -> Markup:
    """Say a prompt in the meeting's language and, when set, in the projector's second one."""
    return _said(message, values) + also(message, **values)


def _also_words() -> dict | None:
    """Give the projector the second language's script words, for prompts its scripts write."""
    second = _meeting()[1] if request.blueprint == "projector" else ""
    if not second:
        return None
    said = words.script_words(second, PAGE_SCRIPTS["projector"]) if second != words.SOURCE else {}
    return {"lang": second, "words": said}


def _script_words(code: str) -> dict:
    """Give a page the translations of what its own scripts write (none in English)."""
    if code == words.SOURCE:
        return {}
    return words.script_words(code, PAGE_SCRIPTS.get(request.blueprint or "", ALL_SCRIPTS))


def page_words() -> dict:
    """Give every template its language, direction, switcher and script translations."""
    code = words.current()
    return {
        "lang": code,
        "text_dir": words.direction(code),
        "languages": [(c, lang.name) for c, lang in words.LANGUAGES.items()],
        "script_words": _script_words(code),
        "twice": twice,
        "also": also,
        "script_words_also": _also_words(),
        "ngettext_": words.ngettext,
    }


def init_app(app: Flask) -> None:
    """Choose a language for every request and event, and give templates gettext."""
    babel = Babel(app, locale_selector=words.locale)
    babel.domain_instance = KioskDomain()
    app.before_request(speak)
    app.after_request(remember)
    app.teardown_request(lambda _error: words.use(None))  # the next request chooses afresh
    app.context_processor(page_words)
