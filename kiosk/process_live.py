"""Socket.IO events of the People's Assembly process: agenda, scenes, timers, breakouts,
harvest, stack and hand signals.

Facilitator actions are announced at once; what phones do (points, stack, signals) reaches the
projector and console coalesced, at most once an interval, and a group's own phones through the
group's room. No phone action is ever broadcast to every phone.
"""

import threading
import time

from flask import Flask, current_app
from flask_socketio import join_room

from . import agenda, breakouts, harvest, process, process_state, signals, socketio, stack, timers
from .auth import is_facilitator, require_attendee, require_facilitator
from .db import get_db
from .errors import Refused
from .live import answered, int_field, log, room, text_field
from .meetings import current_meeting, get_meeting


def group_room(group_id: int) -> str:
    """Name the room of one breakout group's phones."""
    return f"group:{group_id}"


# -- who is asking ---------------------------------------------------------------------------


def as_facilitator() -> tuple:
    """Return the database and running meeting, for the facilitator only."""
    require_facilitator()
    db = get_db()
    return db, current_meeting(db)


def as_phone(data: dict) -> tuple:
    """Return the database, meeting and attendee of a checked-in phone."""
    db = get_db()
    meeting = get_meeting(db, text_field(data, "code", 40))
    return db, meeting, require_attendee(db, meeting)


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


def optional_id(data: dict, key: str) -> int | None:
    """Read an id that may be null."""
    return None if data.get(key) is None else int_field(data, key)


# -- announcing ------------------------------------------------------------------------------


def announce_process(meeting_id: int) -> None:
    """Send the projector and the console their whole process part."""
    db = get_db()
    meeting = {"id": meeting_id}
    socketio.emit(
        "process", process_state.projector(db, meeting)["process"], to=room(meeting_id, "projector")
    )
    socketio.emit(
        "process",
        process_state.facilitator(db, meeting)["process"],
        to=room(meeting_id, "facilitator"),
    )


def announce_signals(meeting_id: int) -> None:
    """Send the projector and the console the signals of the last seconds."""
    report = current_app.extensions["kiosk_signals"].report(meeting_id, time.time())
    for role in ("projector", "facilitator"):
        socketio.emit("signals", report, to=room(meeting_id, role))


def announce(meeting: dict, phones: bool = True) -> None:
    """After a facilitator action: the big screens now, every phone the public part."""
    announce_process(meeting["id"])
    if phones:
        public = process_state.phone_public(get_db(), meeting["id"])
        socketio.emit("process", public, to=room(meeting["id"], "phone"))


def announce_group(meeting: dict, group_id: int) -> None:
    """Tell one group's phones about their group; the big screens hear soon after."""
    group = breakouts.get_group(get_db(), meeting["id"], group_id)
    socketio.emit("group", process_state.group_public(get_db(), group), to=group_room(group_id))
    process_changed(meeting["id"])


class Batcher:
    """Announce each marked meeting at most once an interval (at once when the interval is 0)."""

    def __init__(self, app: Flask, interval: float, announcer):
        self.app, self.interval, self.announcer = app, interval, announcer
        self.dirty: set[int] = set()
        self.lock = threading.Lock()
        self.running = False

    def mark(self, meeting_id: int) -> None:
        """Note that a meeting has something to announce."""
        if self.interval <= 0:
            self.announcer(meeting_id)
            return
        with self.lock:
            self.dirty.add(meeting_id)
            if not self.running:
                self.running = True
                socketio.start_background_task(self.run)

    def flush(self) -> None:
        """Announce every meeting marked since the last flush."""
        with self.lock:
            dirty, self.dirty = self.dirty, set()
        for meeting_id in dirty:
            with self.app.app_context():
                self.announcer(meeting_id)

    def run(self) -> None:
        """Flush forever, once an interval."""
        while True:
            socketio.sleep(self.interval)
            try:
                self.flush()
            except Exception:
                log.exception("announcing the process failed")


def process_changed(meeting_id: int) -> None:
    """Schedule a coalesced announcement of the process to the big screens."""
    current_app.extensions["kiosk_process"].mark(meeting_id)


def init_app(app: Flask) -> None:
    """Give the app its process and signal batchers, and the in-memory signal counts."""
    interval = app.config["TALLY_INTERVAL"]
    app.extensions["kiosk_process"] = Batcher(app, interval, announce_process)
    app.extensions["kiosk_signal_batcher"] = Batcher(app, interval, announce_signals)
    app.extensions["kiosk_signals"] = signals.Tally()
    app.extensions["kiosk_rate_limit"] = signals.RateLimit()


# -- agenda and scenes (facilitator) ---------------------------------------------------------


@socketio.on("agenda_template")
@answered
def on_agenda_template(data: dict) -> dict:
    """Facilitator: fill an empty agenda with the People's Assembly template."""
    db, meeting = as_facilitator()
    agenda.use_template(db, meeting["id"])
    announce(meeting)
    return {}


@socketio.on("agenda_add")
@answered
def on_agenda_add(data: dict) -> dict:
    """Facilitator: add an item {kind, title, minutes, notes} at the end."""
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
    """Facilitator: change an item's kind, title, minutes or notes."""
    db, meeting = as_facilitator()
    changes = {k: data[k] for k in ("kind", "title", "minutes", "notes") if k in data}
    item = agenda.edit_item(db, meeting["id"], int_field(data, "item_id"), changes)
    announce(meeting)
    return {"item": item}


@socketio.on("agenda_move")
@answered
def on_agenda_move(data: dict) -> dict:
    """Facilitator: move an item up (by -1) or down (by 1)."""
    db, meeting = as_facilitator()
    agenda.move_item(db, meeting["id"], int_field(data, "item_id"), int_field(data, "by"))
    announce(meeting, phones=False)
    return {}


@socketio.on("agenda_skip")
@answered
def on_agenda_skip(data: dict) -> dict:
    """Facilitator: skip an item {item_id, skipped}."""
    db, meeting = as_facilitator()
    agenda.skip_item(
        db, meeting["id"], int_field(data, "item_id"), data.get("skipped") is not False
    )
    announce(meeting, phones=False)
    return {}


@socketio.on("agenda_go")
@answered
def on_agenda_go(data: dict) -> dict:
    """Facilitator: run an item {item_id}, or the next one ({} alone); its timer starts."""
    db, meeting = as_facilitator()
    if data.get("item_id") is None:
        item = agenda.next_item(db, meeting["id"])
    else:
        agenda.go_to(db, meeting["id"], int_field(data, "item_id"))
        item = agenda.get_item(db, meeting["id"], data["item_id"])
    if item is not None:
        timers.start_timer(db, meeting["id"], "item", item["minutes"], item["title"], item["id"])
    announce(meeting)
    return {"item": item and dict(item)}


@socketio.on("scene_show")
@answered
def on_scene_show(data: dict) -> dict:
    """Facilitator: project a scene {scene}, or follow the agenda again {scene: null}."""
    db, meeting = as_facilitator()
    scene = None if data.get("scene") is None else text_field(data, "scene", 40)
    process.set_scene(db, meeting["id"], scene)
    announce(meeting, phones=False)
    return {}


@socketio.on("process_set")
@answered
def on_process_set(data: dict) -> dict:
    """Facilitator: set the theme, twinkles on/off, destination, next meeting or speaker time."""
    db, meeting = as_facilitator()
    if "theme" in data:
        process.set_theme(db, meeting["id"], text_field(data, "theme", 40))
    for key in ("destination", "next_meeting"):
        if key in data:
            process.set_words(db, meeting["id"], key, text_field(data, key, 1000))
    if "twinkles" in data:
        process.update_settings(db, meeting["id"], twinkles=int(data["twinkles"] is True))
    if "speaker_minutes" in data:
        minutes = data["speaker_minutes"]
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int | float)
            or not 0 < minutes <= 30
        ):
            raise Refused("Give each speaker between a few seconds and 30 minutes.")
        process.update_settings(db, meeting["id"], speaker_minutes=minutes)
    announce(meeting, phones=False)
    return {}


@socketio.on("energiser_add")
@answered
def on_energiser_add(data: dict) -> dict:
    """Facilitator: drop an energiser from the library in after the running item."""
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


@socketio.on("checklist_tick")
@answered
def on_checklist_tick(data: dict) -> dict:
    """Facilitator: tick (or untick) what the kiosk could not see happen."""
    db, meeting = as_facilitator()
    process.tick(db, meeting["id"], text_field(data, "key", 40), data.get("ticked") is not False)
    announce(meeting, phones=False)
    return {"checklist": process.checklist(db, meeting["id"])}


@socketio.on("action_add")
@answered
def on_action_add(data: dict) -> dict:
    """Facilitator: record an action {text, owner} for the close."""
    db, meeting = as_facilitator()
    action = process.add_action(
        db, meeting["id"], text_field(data, "text", 1000), text_field(data, "owner", 1000)
    )
    announce(meeting, phones=False)
    return {"action": action}


@socketio.on("action_remove")
@answered
def on_action_remove(data: dict) -> dict:
    """Facilitator: delete an action {action_id}."""
    db, meeting = as_facilitator()
    process.remove_action(db, meeting["id"], int_field(data, "action_id"))
    announce(meeting, phones=False)
    return {}


# -- timers ----------------------------------------------------------------------------------


@socketio.on("timer")
@answered
def on_timer(data: dict) -> dict:
    """Facilitator: {kind, action: start|pause|resume|add_minute|stop, minutes}; all pages see."""
    db, meeting = as_facilitator()
    kind, action = text_field(data, "kind", 40), text_field(data, "action", 40)
    if action == "start":
        minutes = data.get("minutes")
        timer = timers.start_timer(db, meeting["id"], kind, minutes, timers.KINDS.get(kind, ""))
    else:
        timer = timers.change_timer(db, meeting["id"], kind, action)
    payload = {"kind": kind, "timer": timer and timers.public(timer, time.time())}
    for role in ("projector", "facilitator", "phone"):
        socketio.emit("timer", payload, to=room(meeting["id"], role))
    return payload


# -- breakouts -------------------------------------------------------------------------------


@socketio.on("breakout_themes")
@answered
def on_breakout_themes(data: dict) -> dict:
    """Facilitator: offer themes {themes: [names]} for phones to pick from."""
    db, meeting = as_facilitator()
    offered = breakouts.set_themes(db, meeting["id"], data.get("themes"))
    announce(meeting)
    return {"themes": offered}


@socketio.on("breakouts_start")
@answered
def on_breakouts_start(data: dict) -> dict:
    """Facilitator: split the room {mode, size, minutes}; phones then ask for their group."""
    db, meeting = as_facilitator()
    mode = text_field(data, "mode", 40) or "random"
    breakout = breakouts.start(db, meeting["id"], mode, int_field(data, "size", 7))
    minutes = data.get("minutes")
    if minutes is not None:
        timers.start_timer(db, meeting["id"], "breakouts", minutes, "Breakouts", breakout["id"])
    announce(meeting)
    return {"breakout": dict(breakout)}


@socketio.on("breakouts_end")
@answered
def on_breakouts_end(data: dict) -> dict:
    """Facilitator: end the breakouts (the groups and their points stay on record)."""
    db, meeting = as_facilitator()
    breakouts.end(db, meeting["id"])
    announce(meeting)
    return {}


@socketio.on("group_role")
@answered
def on_group_role(data: dict) -> dict:
    """Facilitator: give a group's role {group_id, role, attendee_id|null} to a member."""
    db, meeting = as_facilitator()
    group_id = int_field(data, "group_id")
    breakouts.set_role(
        db, meeting["id"], group_id, text_field(data, "role", 40), optional_id(data, "attendee_id")
    )
    announce_group(meeting, group_id)
    return {}


@socketio.on("group_roles_fill")
@answered
def on_group_roles_fill(data: dict) -> dict:
    """Facilitator: give every vacant role to a member who has none."""
    db, meeting = as_facilitator()
    for group in breakouts.fill_roles(db, meeting["id"]):
        announce_group(meeting, group["id"])
    return {}


@socketio.on("group_place")
@answered
def on_group_place(data: dict) -> dict:
    """Facilitator: say where a group meets {group_id, place}."""
    db, meeting = as_facilitator()
    group_id = int_field(data, "group_id")
    breakouts.set_place(db, meeting["id"], group_id, text_field(data, "place", 1000))
    announce_group(meeting, group_id)
    return {}


@socketio.on("process_sync")
@answered
def on_process_sync(data: dict) -> dict:
    """Phone, after every hello: be placed in a group if late, join its room, get its part."""
    db, meeting, attendee = as_phone(data)
    running = breakouts.current_breakout(db, meeting["id"])
    if running is not None:
        placed = breakouts.group_of(db, running["id"], attendee["id"])
        if placed is None:
            placed = breakouts.join_late(db, running, attendee["id"])
            announce_group(meeting, placed["id"])
        join_room(group_room(placed["id"]))
    return process_state.phone(db, meeting, attendee)


@socketio.on("theme_pick")
@answered
def on_theme_pick(data: dict) -> dict:
    """Phone: pick the theme {theme_id} its owner would like to discuss."""
    db, meeting, attendee = as_phone(data)
    theme = breakouts.pick_theme(db, attendee, int_field(data, "theme_id"))
    process_changed(meeting["id"])
    return {"theme_id": theme["id"]}


@socketio.on("volunteer")
@answered
def on_volunteer(data: dict) -> dict:
    """Phone: take the vacant facilitator or note-taker role {role} in its group."""
    db, meeting, attendee = as_phone(data)
    group = breakouts.volunteer(db, attendee, text_field(data, "role", 40))
    announce_group(meeting, group["id"])
    return {"group": process_state.group_public(db, group)}


# -- harvest ---------------------------------------------------------------------------------


@socketio.on("point_add")
@answered
def on_point_add(data: dict) -> dict:
    """Note-taker's phone: send one of the group's points {text, agreement}."""
    db, meeting, attendee = as_phone(data)
    point = harvest.add_point(
        db, attendee, text_field(data, "text", 5000), text_field(data, "agreement", 40)
    )
    announce_group(meeting, point["group_id"])
    return {"point": point}


@socketio.on("point_remove")
@answered
def on_point_remove(data: dict) -> dict:
    """Note-taker's phone: take back a point {point_id}."""
    db, meeting, attendee = as_phone(data)
    harvest.remove_point(db, attendee, int_field(data, "point_id"))
    announce_group(meeting, breakouts.my_current_group(db, attendee)["id"])
    return {}


@socketio.on("read_back_confirm")
@answered
def on_read_back_confirm(data: dict) -> dict:
    """A group member's phone: the points read back are what the group said."""
    db, meeting, attendee = as_phone(data)
    group = harvest.confirm_read_back(db, attendee)
    announce_group(meeting, group["id"])
    return {}


@socketio.on("cluster_add")
@answered
def on_cluster_add(data: dict) -> dict:
    """Facilitator: name an emerging theme {title}."""
    db, meeting = as_facilitator()
    cluster = harvest.add_cluster(db, meeting["id"], text_field(data, "title", 1000))
    announce(meeting, phones=False)
    return {"cluster": cluster}


@socketio.on("cluster_point")
@answered
def on_cluster_point(data: dict) -> dict:
    """Facilitator: gather a point under an emerging theme {point_id, cluster_id|null}."""
    db, meeting = as_facilitator()
    harvest.cluster_point(
        db, meeting["id"], int_field(data, "point_id"), optional_id(data, "cluster_id")
    )
    announce(meeting, phones=False)
    return {}


# -- the speakers' stack ---------------------------------------------------------------------


@socketio.on("stack_join")
@answered
def on_stack_join(data: dict) -> dict:
    """Phone: join the stack {kind: speak|clarify|process}."""
    db, meeting, attendee = as_phone(data)
    entry = stack.join(db, attendee, text_field(data, "kind", 40))
    process_changed(meeting["id"])
    return {"my_stack": entry}


@socketio.on("stack_leave")
@answered
def on_stack_leave(data: dict) -> dict:
    """Phone: leave the stack."""
    db, meeting, attendee = as_phone(data)
    stack.leave(db, attendee)
    process_changed(meeting["id"])
    return {"my_stack": None}


@socketio.on("stack_call")
@answered
def on_stack_call(data: dict) -> dict:
    """Facilitator or stack-keeper: give the floor to the next speaker; their timer starts."""
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
    """Facilitator or stack-keeper: move someone {entry_id} to the front."""
    db, meeting = as_stack_keeper(data)
    stack.move_up(db, meeting["id"], int_field(data, "entry_id"))
    announce(meeting)
    return {}


@socketio.on("stack_remove")
@answered
def on_stack_remove(data: dict) -> dict:
    """Facilitator or stack-keeper: take someone {entry_id} off the stack."""
    db, meeting = as_stack_keeper(data)
    stack.remove(db, meeting["id"], int_field(data, "entry_id"))
    announce(meeting)
    return {}


@socketio.on("stack_keeper")
@answered
def on_stack_keeper(data: dict) -> dict:
    """Facilitator: make the attendee checked in as {name} the stack-keeper ("" for nobody)."""
    db, meeting = as_facilitator()
    keeper = stack.set_keeper(db, meeting["id"], text_field(data, "name", 1000))
    announce(meeting)
    return {"keeper": keeper}


# -- hand signals ----------------------------------------------------------------------------


@socketio.on("signal")
@answered
def on_signal(data: dict) -> dict:
    """Phone: a hand signal {kind}; rate-limited, counted in memory, announced coalesced."""
    db, meeting, attendee = as_phone(data)
    extensions = current_app.extensions
    signals.send(
        extensions["kiosk_rate_limit"],
        extensions["kiosk_signals"],
        attendee,
        text_field(data, "kind", 40),
    )
    extensions["kiosk_signal_batcher"].mark(meeting["id"])
    return {}
