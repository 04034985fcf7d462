"""Announcing the People's Assembly process: the big screens, the phones, one group's phones.

The events live by noun: agenda.py (the evening's plan, scenes, timers), groups.py (breakouts
and the harvest) and floor.py (the stack, hand signals, energisers).

Facilitator actions are announced at once; what phones do (points, stack, signals) reaches the
projector and console coalesced, at most once an interval, and a group's own phones through the
group's room. No phone action is ever broadcast to every phone.
"""

from flask import Flask, current_app

from kiosk import words
from kiosk.meeting.languages import meeting_languages
from kiosk.process import breakouts, signals
from kiosk.screens import process as process_screen
from kiosk.web.database import get_db
from kiosk.web.live.push import Coalescer, group_room, in_each_language, push, room, to_roles

BIG_SCREENS = ("projector", "facilitator")


def announce_process(meeting_id: int) -> None:
    """Send the projector and the console their whole process part, in the meeting's language
    (a phone's action, or the coalescer outside any request, may have caused it)."""
    db = get_db()
    meeting = {"id": meeting_id}
    with words.speaking(meeting_languages(db)[0]):
        screen = process_screen.projector(db, meeting)["process"]
        console = process_screen.facilitator(db, meeting)["process"]
    push("process", screen, room(meeting_id, "projector"))
    push("process", console, room(meeting_id, "facilitator"))


def announce_signals(meeting_id: int) -> None:
    """Send the projector and the console the signals of the last seconds."""
    push("signals", signals.report(get_db(), meeting_id), to_roles(meeting_id, BIG_SCREENS))


def announce_timer(meeting_id: int, payload: dict) -> None:
    """Send every page of the meeting a timer that changed."""
    push("timer", payload, to_roles(meeting_id, ("projector", "facilitator", "phone")))


def announce(meeting: dict, phones: bool = True) -> None:
    """After a facilitator action: the big screens now, every phone the public part."""
    announce_process(meeting["id"])
    if phones:
        db = get_db()
        build = lambda: process_screen.phone_public(db, meeting["id"])  # noqa: E731
        in_each_language("process", build, meeting["id"])


def announce_group(meeting: dict, group_id: int) -> None:
    """Tell one group's phones about their group; the big screens hear soon after."""
    db = get_db()
    group = breakouts.get_group(db, meeting["id"], group_id)
    push("group", process_screen.group_public(db, group), group_room(group_id))
    process_changed(meeting["id"])


def process_changed(meeting_id: int) -> None:
    """Schedule a coalesced announcement of the process to the big screens."""
    current_app.extensions["kiosk_process"].mark(meeting_id)


def init_app(app: Flask) -> None:
    """Give the app its process and signal batchers."""
    interval = app.config["TALLY_INTERVAL"]
    app.extensions["kiosk_process"] = Coalescer(app, interval, announce_process)
    app.extensions["kiosk_signal_batcher"] = Coalescer(app, interval, announce_signals)
