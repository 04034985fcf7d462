"""Days and times in words, one way everywhere: Babel's formats, in the meeting's language.

Every date or time a person reads (on a screen, a card, the minutes) is written here, so it
reads the same in each place, works on every platform (`strftime("%-d")` does not on Windows),
and follows the language now speaking (kiosk.words): "12 March 2026" in English, "12 Mawrth
2026" in Welsh.
"""

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from kiosk import words

Moment = date | datetime | str | int | float


def _as_datetime(value: Moment) -> datetime:
    """Read a date, a date-time, an ISO string or a Unix time as a local date-time."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value)
    return datetime.fromisoformat(value)


def day(value: Moment, locale: str | None = None) -> str:
    """Say a day as people write it: 12 March 2026."""
    return format_date(_as_datetime(value).date(), "long", locale=locale or words.locale())


def weekday(value: Moment, locale: str | None = None) -> str:
    """Say a day with its weekday: Thursday 12 March 2026."""
    return format_date(_as_datetime(value).date(), "EEEE d MMMM y", locale=locale or words.locale())


def clock(value: Moment, locale: str | None = None) -> str:
    """Say the time on the 24-hour clock: 19:05."""
    return format_time(_as_datetime(value), "HH:mm", locale=locale or words.locale())


def number(value: int | float, locale: str | None = None) -> str:
    """Say a number as the language writes it: 12,345 in English."""
    return format_decimal(value, locale=locale or words.locale())


def iso_day(value: str | None, fallback: date | None = None) -> str:
    """Return a YYYY-MM-DD day as given, or the fallback (today) if it is not one."""
    try:
        return date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        return (fallback or date.today()).isoformat()
