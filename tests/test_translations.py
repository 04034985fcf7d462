"""The catalogues: every message in the code found, English and Welsh complete, every
translation keeping its message's placeholders, and a phone's languages covering what an
attendee reads."""

import re
import subprocess
import sys

import pytest

from kiosk import translating, words
from tests.helpers import PROJECT

COMPLETE = ("en", "cy")
ATTENDEE_LANGUAGES = ("pl", "ur", "ro", "bn")


@pytest.fixture(scope="module")
def table():
    return translating.completeness()


@pytest.mark.parametrize("audience", translating.AUDIENCES)
@pytest.mark.parametrize("code", COMPLETE)
def test_english_and_welsh_are_complete(table, code, audience):
    count = table[code][audience]
    assert count.total > 0
    missing = count.total - count.translated
    assert missing == 0, f"{code}/{audience}: {missing} of {count.total} messages untranslated"


@pytest.mark.parametrize("audience", ("attendee", "handouts"))
@pytest.mark.parametrize("code", ATTENDEE_LANGUAGES)
def test_community_languages_cover_everything_an_attendee_reads(table, code, audience):
    count = table[code][audience]
    missing = count.total - count.translated
    assert missing == 0, f"{code}/{audience}: {missing} of {count.total} messages untranslated"


def test_every_translation_keeps_its_placeholders():
    assert translating.placeholder_faults() == []


@pytest.mark.parametrize("audience", translating.AUDIENCES)
def test_every_refusal_can_be_translated(audience):
    """An f-string refusal is made before any language is known: it can only ever be English."""
    formatted = re.compile(r"Refused\(\s*f[\"']")
    offenders = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in sorted((PROJECT / "kiosk").rglob("*.py"))
        if translating.audience(path.relative_to(PROJECT).as_posix()) == audience
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if formatted.search(line)
    ]
    assert offenders == []


def test_the_catalogues_are_up_to_date_with_the_code():
    """Every message the code marks is in each language's catalogue (run --update if not)."""
    for name, template in translating.extract().items():
        for code in words.LANGUAGES:
            if code == words.SOURCE:
                continue
            catalogue = translating.read(code, name)
            assert catalogue is not None, f"no {code}/{name}.po"
            absent = [m.id for m in template if m.id and catalogue.get(m.id, m.context) is None]
            assert absent == [], f"{code}/{name}.po lacks {absent[:3]}…"


def test_the_command_prints_each_catalogues_completeness():
    shown = subprocess.run(
        [sys.executable, "app.py", "translations"], cwd=PROJECT, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split()[0] == "language"
    assert [line.split()[0] for line in lines[1:]] == list(words.LANGUAGES)
    assert "100%" in lines[1]  # English, the source


def test_a_refusal_reads_in_the_language_now_speaking():
    from kiosk.errors import Refused

    refusal = Refused("That text is too long (%(n)s characters).", n="20,001")
    assert str(refusal) == "That text is too long (20,001 characters)."
    with words.speaking("cy"):
        assert str(refusal) == "Mae’r testun hwnnw’n rhy hir (20,001 nod)."
    assert words.current() == "en"


def test_counts_take_each_languages_plural_forms():
    assert words.ngettext("%(num)s vote", "%(num)s votes", 1) == "1 vote"
    assert words.ngettext("%(num)s vote", "%(num)s votes", 3) == "3 votes"
