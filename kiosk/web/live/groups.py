"""Socket.IO events for breakouts: themes, groups and their roles, and the harvest of points.

The facilitator splits the room; phones pick themes, find their group, volunteer and send points.
"The screens" (projector and console) hear `process`: at once after the facilitator, else
coalesced; "everyone" is the screens and every phone. "The group hears": its phones get `group`
at once through the group's room, and the screens hear coalesced.
"""

from flask_socketio import join_room

from kiosk.extensions import socketio
from kiosk.process import breakouts, harvest, timers
from kiosk.screens import process as process_state
from kiosk.web.live.events import (
    answered,
    as_facilitator,
    as_phone,
    int_field,
    optional_id,
    text_field,
)
from kiosk.web.live.process import announce, announce_group, process_changed
from kiosk.web.live.push import group_room

# -- splitting the room (facilitator) --------------------------------------------------------


@socketio.on("breakout_themes")
@answered
def on_breakout_themes(data: dict) -> dict:
    """Facilitator: offer themes {themes: [names]} for phones to pick; everyone hears."""
    db, meeting = as_facilitator()
    offered = breakouts.set_themes(db, meeting["id"], data.get("themes"))
    announce(meeting)
    return {"themes": offered}


@socketio.on("breakouts_start")
@answered
def on_breakouts_start(data: dict) -> dict:
    """Facilitator: split the room {mode, size, minutes}; everyone hears, then phones sync."""
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
    """Facilitator: end the breakouts, keeping groups and points; everyone hears."""
    db, meeting = as_facilitator()
    breakouts.end(db, meeting["id"])
    announce(meeting)
    return {}


@socketio.on("group_role")
@answered
def on_group_role(data: dict) -> dict:
    """Facilitator: give a group's role {group_id, role, attendee_id|null}; the group hears."""
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
    """Facilitator: give every vacant role to a member who has none; each group hears."""
    db, meeting = as_facilitator()
    for group in breakouts.fill_roles(db, meeting["id"]):
        announce_group(meeting, group["id"])
    return {}


@socketio.on("group_place")
@answered
def on_group_place(data: dict) -> dict:
    """Facilitator: say where a group meets {group_id, place}; the group hears."""
    db, meeting = as_facilitator()
    group_id = int_field(data, "group_id")
    breakouts.set_place(db, meeting["id"], group_id, text_field(data, "place", 1000))
    announce_group(meeting, group_id)
    return {}


# -- a phone in a group ----------------------------------------------------------------------


@socketio.on("process_sync")
@answered
def on_process_sync(data: dict) -> dict:
    """Phone, after every hello: join its group (placed if late; that group hears), get its part."""
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
    """Phone: pick the theme {theme_id} its owner would like to discuss; screens hear coalesced."""
    db, meeting, attendee = as_phone(data)
    theme = breakouts.pick_theme(db, attendee, int_field(data, "theme_id"))
    process_changed(meeting["id"])
    return {"theme_id": theme["id"]}


@socketio.on("volunteer")
@answered
def on_volunteer(data: dict) -> dict:
    """Phone: take the vacant facilitator or note-taker role {role}; its group hears."""
    db, meeting, attendee = as_phone(data)
    group = breakouts.volunteer(db, attendee, text_field(data, "role", 40))
    announce_group(meeting, group["id"])
    return {"group": process_state.group_public(db, group)}


# -- the harvest -----------------------------------------------------------------------------


@socketio.on("point_add")
@answered
def on_point_add(data: dict) -> dict:
    """Note-taker's phone: send one of the group's points {text, agreement}; the group hears."""
    db, meeting, attendee = as_phone(data)
    point = harvest.add_point(
        db, attendee, text_field(data, "text", 5000), text_field(data, "agreement", 40)
    )
    announce_group(meeting, point["group_id"])
    return {"point": point}


@socketio.on("point_remove")
@answered
def on_point_remove(data: dict) -> dict:
    """Note-taker's phone: take back a point {point_id}; the group hears."""
    db, meeting, attendee = as_phone(data)
    harvest.remove_point(db, attendee, int_field(data, "point_id"))
    announce_group(meeting, breakouts.my_current_group(db, attendee)["id"])
    return {}


@socketio.on("read_back_confirm")
@answered
def on_read_back_confirm(data: dict) -> dict:
    """A group member's phone: the points read back are what the group said; the group hears."""
    db, meeting, attendee = as_phone(data)
    group = harvest.confirm_read_back(db, attendee)
    announce_group(meeting, group["id"])
    return {}


@socketio.on("cluster_add")
@answered
def on_cluster_add(data: dict) -> dict:
    """Facilitator: name an emerging theme {title}; the screens hear."""
    db, meeting = as_facilitator()
    cluster = harvest.add_cluster(db, meeting["id"], text_field(data, "title", 1000))
    announce(meeting, phones=False)
    return {"cluster": cluster}


@socketio.on("cluster_point")
@answered
def on_cluster_point(data: dict) -> dict:
    """Facilitator: file a point under a theme {point_id, cluster_id|null}; the screens hear."""
    db, meeting = as_facilitator()
    harvest.cluster_point(
        db, meeting["id"], int_field(data, "point_id"), optional_id(data, "cluster_id")
    )
    announce(meeting, phones=False)
    return {}
