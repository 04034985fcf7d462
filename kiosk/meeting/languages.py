"""The language a meeting runs in, and the second one its projector shows beside it.

Phones speak each person's own language; the console, the projector and the record speak the
assembly's. A Welsh assembly may run in Welsh with English beside every prompt on the screen.
"""

from sqlite_utils import Database

from kiosk import words
from kiosk.errors import Refused
from kiosk.meeting.residency import assembly_settings


def meeting_languages(db: Database) -> tuple[str, str]:
    """Return the language the meeting speaks and the projector's second language ('' if none)."""
    rows = list(db.query("SELECT speaks, also_shows FROM assembly_settings WHERE id = 1"))
    if not rows:
        return words.SOURCE, ""
    speaks = words.known(rows[0]["speaks"]) or words.SOURCE
    also = words.known(rows[0]["also_shows"]) or ""
    return speaks, "" if also == speaks else also


def set_meeting_languages(db: Database, speaks: object, also_shows: object = "") -> tuple[str, str]:
    """Choose the meeting's language and, if wanted, a second one for the projector."""
    code = words.known(speaks)
    if code is None:
        raise Refused("Choose one of the languages the kiosk speaks.")
    also = words.known(also_shows) if also_shows else ""
    if also is None:
        raise Refused("Choose the projector's second language from the list, or none.")
    with db.atomic():
        assembly_settings(db)
        db.execute(
            "UPDATE assembly_settings SET speaks = ?, also_shows = ? WHERE id = 1",
            [code, "" if also == code else also],
        )
    return meeting_languages(db)
