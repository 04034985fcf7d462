"""Socket.IO events for running the evening: the agenda, scenes, colours, checklist and timers.

Only the facilitator sends these. "The screens" (projector and console) hear `process` at once;
"everyone" is the screens and every phone, which hears its public part when it shows the change.
"""

import time

from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.process import agenda, runofshow, timers
from kiosk.process import settings as process
from kiosk.web.live.events import answered, as_facilitator, int_field, text_field
from kiosk.web.live.process import announce, announce_timer

# -- the agenda ------------------------------------------------------------------------------


@socketio.on("agenda_template")
@answered
def on_agenda_template(data: dict) -> dict:
    """Facilitator: fill an empty agenda with the template; everyone hears."""
    db, meeting = as_facilitator()
    agenda.use_template(db, meeting["id"])
    announce(meeting)
    return {}


@socketio.on("agenda_add")
@answered
def on_agenda_add(data: dict) -> dict:
    """Facilitator: add an item {kind, title, minutes, notes} at the end; the screens hear."""
    db, meeting = as_facilitator()
    item = agenda.add_item(
        db,
        meeting["id"],
        text_field(data, "kind", 40),
        text_field(data, "title", 1000),
        int_field(data, "minutes"),
        text_field(data, "notes", 5000),
    )
    announce(meeting, phones=False)
    return {"item": item}


@socketio.on("agenda_edit")
@answered
def on_agenda_edit(data: dict) -> dict:
    """Facilitator: change an item's kind, title, minutes or notes; everyone hears."""
    db, meeting = as_facilitator()
    changes = {k: data[k] for k in ("kind", "title", "minutes", "notes") if k in data}
    item = agenda.edit_item(db, meeting["id"], int_field(data, "item_id"), changes)
    announce(meeting)
    return {"item": item}


@socketio.on("agenda_move")
@answered
def on_agenda_move(data: dict) -> dict:
    """Facilitator: move an item up (by -1) or down (by 1); the screens hear."""
    db, meeting = as_facilitator()
    agenda.move_item(db, meeting["id"], int_field(data, "item_id"), int_field(data, "by"))
    announce(meeting, phones=False)
    return {}


@socketio.on("agenda_skip")
@answered
def on_agenda_skip(data: dict) -> dict:
    """Facilitator: skip an item {item_id, skipped}; the screens hear."""
    db, meeting = as_facilitator()
    agenda.skip_item(
        db, meeting["id"], int_field(data, "item_id"), data.get("skipped") is not False
    )
    announce(meeting, phones=False)
    return {}


@socketio.on("agenda_go")
@answered
def on_agenda_go(data: dict) -> dict:
    """Facilitator: run an item {item_id} or the next ({}): its timer starts, the projector
    shows its scene, breakouts end once the room moves past them; everyone hears."""
    db, meeting = as_facilitator()
    item_id = None if data.get("item_id") is None else int_field(data, "item_id")
    moved = runofshow.move(db, meeting["id"], item_id)
    announce(meeting)  # the process part carries the timers and whether breakouts still run
    return {"item": moved["item"]}


@socketio.on("clock_confirm")
@answered
def on_clock_confirm(data: dict) -> dict:
    """Facilitator: the laptop's clock and time zone are right (the pre-flight); screens hear."""
    db, meeting = as_facilitator()
    checked = runofshow.confirm_clock(db, meeting["id"])
    announce(meeting, phones=False)
    return {"preflight": checked}


# -- what the projector shows ----------------------------------------------------------------


@socketio.on("scene_show")
@answered
def on_scene_show(data: dict) -> dict:
    """Facilitator: project a scene {scene}, or follow the agenda {scene: null}; screens hear."""
    db, meeting = as_facilitator()
    scene = None if data.get("scene") is None else text_field(data, "scene", 40)
    process.set_scene(db, meeting["id"], scene)
    announce(meeting, phones=False)
    return {}


def speaker_minutes(data: dict) -> int | float:
    """Read the minutes each speaker is given: more than none, at most 30."""
    minutes = data["speaker_minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 0 < minutes <= 30:
        raise Refused("Give each speaker between a few seconds and 30 minutes.")
    return minutes


@socketio.on("process_set")
@answered
def on_process_set(data: dict) -> dict:
    """Facilitator: set colours, twinkles, the chime, destination, next meeting, speaker time;
    the screens hear."""
    db, meeting = as_facilitator()
    if "theme" in data:
        process.set_theme(db, meeting["id"], text_field(data, "theme", 40))
    for key in ("destination", "next_meeting"):
        if key in data:
            process.set_words(db, meeting["id"], key, text_field(data, key, 1000))
    for flag in ("twinkles", "chime"):
        if flag in data:
            process.update_settings(db, meeting["id"], **{flag: int(data[flag] is True)})
    if "speaker_minutes" in data:
        process.update_settings(db, meeting["id"], speaker_minutes=speaker_minutes(data))
    announce(meeting, phones=False)
    return {}


# -- the record: checklist and actions -------------------------------------------------------


@socketio.on("checklist_tick")
@answered
def on_checklist_tick(data: dict) -> dict:
    """Facilitator: tick (or untick) what the kiosk could not see happen; the screens hear."""
    db, meeting = as_facilitator()
    process.tick(db, meeting["id"], text_field(data, "key", 40), data.get("ticked") is not False)
    announce(meeting, phones=False)
    return {"checklist": process.checklist(db, meeting["id"])}


@socketio.on("action_add")
@answered
def on_action_add(data: dict) -> dict:
    """Facilitator: record an action {text, owner} for the close; the screens hear."""
    db, meeting = as_facilitator()
    action = process.add_action(
        db, meeting["id"], text_field(data, "text", 1000), text_field(data, "owner", 1000)
    )
    announce(meeting, phones=False)
    return {"action": action}


@socketio.on("action_remove")
@answered
def on_action_remove(data: dict) -> dict:
    """Facilitator: delete an action {action_id}; the screens hear."""
    db, meeting = as_facilitator()
    process.remove_action(db, meeting["id"], int_field(data, "action_id"))
    announce(meeting, phones=False)
    return {}


# -- timers ----------------------------------------------------------------------------------


@socketio.on("timer")
@answered
def on_timer(data: dict) -> dict:
    """Facilitator: {kind, action: start|pause|resume|add_minute|stop, minutes}; all pages hear."""
    db, meeting = as_facilitator()
    kind, action = text_field(data, "kind", 40), text_field(data, "action", 40)
    if action == "start":
        minutes = data.get("minutes")
        timer = timers.start_timer(db, meeting["id"], kind, minutes, timers.KINDS.get(kind, ""))
    else:
        timer = timers.change_timer(db, meeting["id"], kind, action)
    payload = {"kind": kind, "timer": timer and timers.public(timer, time.time())}
    announce_timer(meeting["id"], payload)
    return payload
