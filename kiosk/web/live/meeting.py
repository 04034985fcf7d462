"""Socket.IO for the whole meeting: a page says hello, and hears rounds, counts, a new meeting.

Any page sends `hello` on every (re)connect; it joins its rooms and receives a full snapshot.
Counts reach the projector, console and desk coalesced, about ten times a second.
"""

import hashlib
import time

from flask import Flask, current_app, request
from flask_socketio import join_room

from kiosk import words
from kiosk.decisions import ballots, rounds
from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.meeting.meetings import attendance, current_meeting, get_meeting, meeting_by_id
from kiosk.process import runofshow
from kiosk.screens import pages
from kiosk.web.auth import require_attendee, require_facilitator, require_greeter
from kiosk.web.database import get_db
from kiosk.web.links import join_url
from kiosk.web.live.events import answered, text_field
from kiosk.web.live.phone_views import PhoneViews
from kiosk.web.live.process import process_changed
from kiosk.web.live.push import (
    ROLES,
    Coalescer,
    Languages,
    attendee_room,
    in_each_language,
    phone_room,
    push,
    room,
    to_roles,
)
from kiosk.web.memory import Freezer


@socketio.on("hello")
@answered
def on_hello(data: dict) -> dict:
    """Any page, on every (re)connect: join its rooms and receive a full snapshot."""
    db = get_db()
    role = data.get("role")
    if role not in ROLES:
        raise Refused("Unknown page.")
    if role == "phone":
        meeting = get_meeting(db, text_field(data, "code", 40))
        attendee = require_attendee(db, meeting)
        link = join_url(meeting)
        public = current_app.extensions["kiosk_phone_views"].public(db, meeting, link)
        snapshot = pages.phone(db, meeting, attendee, link, public)
    elif role == "desk":
        require_greeter()
        meeting = current_meeting(db)
        snapshot = pages.desk(db, meeting)
    elif role == "facilitator":
        require_facilitator()
        meeting = current_meeting(db)
        snapshot = pages.facilitator(db, meeting, join_url(meeting), current_app.config)
    else:
        meeting = current_meeting(db)
        if runofshow.projector_opened(db, meeting["id"]):
            process_changed(meeting["id"])  # the console's pre-flight sees the projector
        snapshot = pages.projector(db, meeting, join_url(meeting))
    join_room(room(meeting["id"], role))
    if role == "phone":
        join_phone_rooms(meeting["id"], attendee["id"])
    current_app.extensions["kiosk_freezer"].connected()
    return {"snapshot": snapshot, "worker": current_app.config["WORKER"]}


def join_phone_rooms(meeting_id: int, attendee_id: int) -> None:
    """Join a phone to its own room and its language's; its votes are answered in that language."""
    code = words.current()
    join_room(attendee_room(attendee_id))
    join_room(phone_room(meeting_id, code))
    current_app.extensions["kiosk_languages"].hear(meeting_id, code)
    request.environ["kiosk.lang"] = code  # read by the vote queue, outside any request


def announce_round(meeting: dict, rnd: dict) -> None:
    """Tell every page of the meeting that a round opened or closed, each in its language."""
    db, big_screens = get_db(), ("projector", "facilitator", "desk")
    in_each_language("round", lambda: pages.round_public(db, rnd), meeting["id"], big_screens)


def announce_counts(meeting_id: int) -> None:
    """Send live counts and attendance (the projector's hidden while asked), and the desk.

    `as_of` is taken before reading: the counts hold every vote committed before it, so of two
    announcements from two workers a page keeps the later one, whichever arrives last.
    """
    as_of = time.time()
    db = get_db()
    rnd = rounds.latest_round(db, meeting_id)
    public = pages.round_public(db, rnd)
    live = None
    if public is not None:
        live = {k: public[k] for k in ("id", "counts", "responded", "sources", "hidden")}
    payload = {"attendance": attendance(db, meeting_id), "round": live, "as_of": as_of}
    push("counts", payload, room(meeting_id, "projector"))
    if live is not None:  # the console also sees the reasons given, and hidden counts
        extra = {"reasons": ballots.reasons(db, rnd)}
        if live["hidden"] and rnd["visibility"] != "secret":
            extra.update(pages.round_counts(db, rnd))
        payload = {**payload, "round": {**live, **extra}}
    push("counts", payload, room(meeting_id, "facilitator"))
    meeting = meeting_by_id(db, meeting_id)
    if meeting["voting_mode"] != "open":  # open mode has no queue at the desk to show
        push("desk", pages.desk(db, meeting), to_roles(meeting_id, ("desk", "facilitator")))


def announce_meeting_changed(old_meeting_id: int) -> None:
    """Tell every page of a meeting that has ended to move to the new one."""
    push("meeting_changed", {}, to_roles(old_meeting_id))


def counts_changed(meeting_id: int) -> None:
    """Schedule a coalesced announcement of a meeting's counts."""
    current_app.extensions["kiosk_counts"].mark(meeting_id)


def init_app(app: Flask) -> None:
    """Give the app its count coalescer, phone languages, the freezer keeping phones from GC,
    and the part of phones' snapshots they share."""
    digest = hashlib.sha256(app.config["DATABASE"].encode()).hexdigest()[:16]
    queue = app.config["MESSAGE_QUEUE"]
    app.extensions["kiosk_languages"] = Languages(queue, f"kiosk-{digest}")
    app.extensions["kiosk_counts"] = Coalescer(app, app.config["TALLY_INTERVAL"], announce_counts)
    app.extensions["kiosk_freezer"] = Freezer(socketio.start_background_task, socketio.sleep)
    app.extensions["kiosk_phone_views"] = PhoneViews(app.config["DATABASE"])
