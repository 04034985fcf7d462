"""Socket.IO events for the floor: the speakers' stack, hand signals and energisers.

Phones join the stack and send signals; the facilitator (or the phone keeping the stack) calls
speakers. "The screens" (projector and console) hear `process` at once after the facilitator or
stack-keeper, coalesced after other phones; "everyone" is the screens and every phone.
"""

from flask import current_app

from kiosk.council import phones
from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.process import agenda, signals, stack, timers
from kiosk.process import settings as process
from kiosk.web.auth import held, is_facilitator
from kiosk.web.live.events import answered, as_facilitator, as_phone, int_field, text_field
from kiosk.web.live.process import announce, process_changed

# -- the speakers' stack ---------------------------------------------------------------------


def as_stack_keeper(data: dict) -> tuple:
    """Return the database and meeting, for the facilitator or the phone keeping the stack."""
    if is_facilitator():
        return as_facilitator()
    if not data.get("code"):
        raise Refused("Only the facilitator or the stack-keeper can do that.")
    db, meeting, attendee = as_phone(data)
    if process.settings(db, meeting["id"])["stack_keeper_id"] != attendee["id"]:
        raise Refused("Only the facilitator or the stack-keeper can do that.")
    return db, meeting


@socketio.on("stack_join")
@answered
def on_stack_join(data: dict) -> dict:
    """Phone: join the stack {kind: speak|clarify|process}; the screens hear coalesced."""
    db, meeting, _attendee = as_phone(data)
    entry = phones.join_stack(db, meeting, held(meeting), text_field(data, "kind", 40))
    process_changed(meeting["id"])
    return {"my_stack": entry}


@socketio.on("stack_leave")
@answered
def on_stack_leave(data: dict) -> dict:
    """Phone: leave the stack; the screens hear coalesced."""
    db, meeting, attendee = as_phone(data)
    stack.leave(db, attendee)
    process_changed(meeting["id"])
    return {"my_stack": None}


@socketio.on("stack_call")
@answered
def on_stack_call(data: dict) -> dict:
    """Facilitator or stack-keeper: next speaker, with their timer; everyone hears."""
    db, meeting = as_stack_keeper(data)
    speaker = stack.call_next(db, meeting["id"])
    if speaker is not None:
        minutes = process.settings(db, meeting["id"])["speaker_minutes"]
        timers.start_timer(
            db,
            meeting["id"],
            "speaker",
            minutes,
            speaker["name"] or "Speaker",
            speaker["attendee_id"],
        )
    elif timers.get_timer(db, meeting["id"], "speaker"):
        timers.change_timer(db, meeting["id"], "speaker", "stop")
    announce(meeting)
    return {"speaker": speaker}


@socketio.on("stack_up")
@answered
def on_stack_up(data: dict) -> dict:
    """Facilitator or stack-keeper: move someone {entry_id} to the front; everyone hears."""
    db, meeting = as_stack_keeper(data)
    stack.move_up(db, meeting["id"], int_field(data, "entry_id"))
    announce(meeting)
    return {}


@socketio.on("stack_remove")
@answered
def on_stack_remove(data: dict) -> dict:
    """Facilitator or stack-keeper: take someone {entry_id} off the stack; everyone hears."""
    db, meeting = as_stack_keeper(data)
    stack.remove(db, meeting["id"], int_field(data, "entry_id"))
    announce(meeting)
    return {}


@socketio.on("stack_keeper")
@answered
def on_stack_keeper(data: dict) -> dict:
    """Facilitator: whoever checked in as {name} keeps the stack ("" for nobody); everyone hears."""
    db, meeting = as_facilitator()
    keeper = stack.set_keeper(db, meeting["id"], text_field(data, "name", 1000))
    announce(meeting)
    return {"keeper": keeper}


# -- the room's mood: hand signals and energisers --------------------------------------------


@socketio.on("signal")
@answered
def on_signal(data: dict) -> dict:
    """Phone: a hand signal {kind}, rate-limited; the screens hear `signals` coalesced."""
    db, meeting, attendee = as_phone(data)
    signals.send(db, attendee, text_field(data, "kind", 40))
    current_app.extensions["kiosk_signal_batcher"].mark(meeting["id"])
    return {}


@socketio.on("energiser_add")
@answered
def on_energiser_add(data: dict) -> dict:
    """Facilitator: drop an energiser from the library in after the running item; screens hear."""
    db, meeting = as_facilitator()
    game = signals.energiser(text_field(data, "key", 40))
    item = agenda.insert_after_current(
        db,
        meeting["id"],
        kind="energiser",
        title=game.title,
        minutes=game.minutes,
        notes=game.instructions,
    )
    announce(meeting, phones=False)
    return {"item": item}
