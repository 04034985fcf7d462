"""Socket.IO events for the check-in desk: admission mode, admitting phones, people counted.

The facilitator sets the mode; a greeter (or the facilitator) admits phones and counts people
who have no phone. Admitted phones are told at once; the desk and console see the queue.
"""

from kiosk.extensions import socketio
from kiosk.meeting import admission, needs
from kiosk.meeting.meetings import current_meeting
from kiosk.screens import pages as state
from kiosk.web.auth import require_facilitator, require_greeter
from kiosk.web.database import get_db
from kiosk.web.live.events import answered, int_field, text_field
from kiosk.web.live.meeting import counts_changed
from kiosk.web.live.push import attendee_room, push, room


def announce_desk(meeting: dict) -> None:
    """Send the desk's state to the desk and the facilitator."""
    payload = state.desk(get_db(), meeting)
    for role in ("desk", "facilitator"):
        push("desk", payload, room(meeting["id"], role))


@socketio.on("set_voting_mode")
@answered
def on_set_voting_mode(data: dict) -> dict:
    """The facilitator chooses open, desk or slips; every phone must be admitted again."""
    require_facilitator()
    db = get_db()
    meeting = admission.set_mode(db, current_meeting(db), text_field(data, "mode", 20))
    announce_desk(meeting)
    counts_changed(meeting["id"])
    # Phones reload, so each sees whether it must now be admitted.
    push("meeting_changed", {}, room(meeting["id"], "phone"))
    return {"desk": state.desk(db, meeting)}


@socketio.on("admit")
@answered
def on_admit(data: dict) -> dict:
    """A greeter admits one phone by the number it shows; that phone is told."""
    require_greeter()
    db = get_db()
    meeting = current_meeting(db)
    attendee = admission.admit(db, meeting, int_field(data, "attendee_id"))
    push("admitted", {"admitted": True}, attendee_room(attendee["id"]))
    announce_desk(meeting)
    counts_changed(meeting["id"])
    return {"desk": state.desk(db, meeting)}


@socketio.on("without_phones")
@answered
def on_without_phones(data: dict) -> dict:
    """A greeter records how many people are present without a phone."""
    require_greeter()
    db = get_db()
    meeting = current_meeting(db)
    admission.set_without_phones(db, meeting, int_field(data, "count"))
    announce_desk(meeting)
    counts_changed(meeting["id"])
    return {"desk": state.desk(db, meeting)}


@socketio.on("sign_in_line")
@answered
def on_sign_in_line(data: dict) -> dict:
    """A greeter enters one sign-in sheet line {postcode, needs}; the postcode is not kept."""
    require_greeter()
    db = get_db()
    meeting = current_meeting(db)
    needs.enter_line(db, meeting, text_field(data, "postcode", 20), data.get("needs", []))
    announce_desk(meeting)
    return {"desk": state.desk(db, meeting)}


@socketio.on("sign_in_line_undo")
@answered
def on_sign_in_line_undo(data: dict) -> dict:
    """A greeter takes back the sheet line entered last."""
    require_greeter()
    db = get_db()
    meeting = current_meeting(db)
    needs.undo_line(db, meeting["id"])
    announce_desk(meeting)
    return {"desk": state.desk(db, meeting)}
