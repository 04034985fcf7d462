"""Socket.IO for rehearsals: start one, end it, and the pretend crowd's beat.

The facilitator starts a rehearsal from the console (or with `app.py --rehearse`): every page
of the real meeting moves to it (`meeting_changed`). The crowd takes a step every
REHEARSAL_TICK seconds through the same domain functions phones use, and what it changed is
announced as phones' actions are. Ending the rehearsal brings every page back to the real one.
"""

import logging
import random
import threading

from flask import Flask, current_app

from kiosk import rehearsal
from kiosk.extensions import socketio
from kiosk.meeting import meetings
from kiosk.meeting.meetings import current_meeting
from kiosk.rehearsal import crowd
from kiosk.web.database import get_db
from kiosk.web.live.delegates import announce_delegates
from kiosk.web.live.events import answered, as_facilitator
from kiosk.web.live.meeting import announce_meeting_changed, counts_changed
from kiosk.web.live.process import announce_group, process_changed

log = logging.getLogger(__name__)
_beating = threading.Lock()


@socketio.on("rehearsal_start")
@answered
def on_rehearsal_start(data: dict) -> dict:
    """Facilitator: start a rehearsal with a pretend crowd; every page moves to it."""
    db, meeting = as_facilitator()
    started = rehearsal.begin(db)
    announce_meeting_changed(meeting["id"])
    start_crowd(current_app._get_current_object())
    return {"code": started["code"]}


@socketio.on("rehearsal_end")
@answered
def on_rehearsal_end(data: dict) -> dict:
    """Facilitator: end the rehearsal; every page returns to the real meeting."""
    db, meeting = as_facilitator()
    real = rehearsal.end(db)
    announce_meeting_changed(meeting["id"])
    return {"code": real["code"]}


def announce_changes(meeting: dict, changed: crowd.Changed) -> None:
    """Announce what the crowd did, exactly as the same actions from phones are announced."""
    extensions = current_app.extensions
    if changed.counts:
        counts_changed(meeting["id"])
    for group_id in sorted(changed.groups):
        announce_group(meeting, group_id)
    if changed.process:
        process_changed(meeting["id"])
    if changed.signalled:
        extensions["kiosk_signal_batcher"].mark(meeting["id"])
    if changed.delegates:
        announce_delegates(meeting)


def tick(app: Flask, rng: random.Random) -> bool:
    """Let the crowd take one step and announce it; return False once no rehearsal runs."""
    with app.app_context():
        db = get_db()
        meeting = current_meeting(db)
        if not meeting["rehearsal"]:
            return False
        changed = crowd.step(db, meeting, rng, app.config["REHEARSAL_ROOM"])
        announce_changes(meeting, changed)
        return True


def _beat(app: Flask) -> None:
    """Step the crowd every tick for as long as a rehearsal runs."""
    rng = random.Random()
    try:
        while True:
            socketio.sleep(app.config["REHEARSAL_TICK"])
            try:
                if not tick(app, rng):
                    return
            except Exception:  # one bad step must not stop the rehearsal
                log.exception("a rehearsal step failed")
    finally:
        _beating.release()


def start_crowd(app: Flask) -> bool:
    """Start the crowd's beat (once; never when REHEARSAL_TICK is 0, as in tests)."""
    if app.config["REHEARSAL_TICK"] <= 0 or not _beating.acquire(blocking=False):
        return False
    socketio.start_background_task(_beat, app)
    return True


def at_start(app: Flask, rehearse: bool) -> str:
    """At start-up: with --rehearse, run (or go on with) a rehearsal and its crowd; without,
    end any rehearsal left running, so a real evening never starts as one. Say what was done."""
    with app.app_context():
        db = get_db()
        said = ""
        if rehearse:
            if not current_meeting(db)["rehearsal"]:
                rehearsal.begin(db)
            said = "  Rehearsal: a pretend crowd of phones is arriving. End it on the console."
        elif meetings.end_any_rehearsal(db):
            said = "  A rehearsal was still running from last time; it has ended."
    if rehearse:
        start_crowd(app)
    return said
