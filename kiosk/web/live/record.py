"""Socket.IO events for the meeting's record, kept before and after it, and the legitimacy card.

Only the facilitator sends these. Every console of the meeting hears `meeting_record` (the
whole panel, card included); the projector and consoles also hear `process` when where the
results go changes, since the projector shows it.
"""

from flask import current_app

from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.meeting import residency
from kiosk.meeting.meetings import current_meeting
from kiosk.records import invitation, privacy
from kiosk.records import meeting_record as record
from kiosk.screens import meeting as meeting_state
from kiosk.web.auth import require_facilitator
from kiosk.web.database import get_db
from kiosk.web.live.events import answered, int_field, text_field
from kiosk.web.live.meeting import counts_changed
from kiosk.web.live.process import announce
from kiosk.web.live.push import push, room

FIELD_LIMIT = 1000  # longer than any field may be; the domain then says the real limit
MAX_LIST = 100
TEXTS = ("held_on", "venue", "notice_on", "results_go_to", "starts_at", "childcare")
LISTS = ("access_features", "notice_channels")


def as_facilitator() -> tuple:
    """Return the database and running meeting, for the facilitator only."""
    require_facilitator()
    db = get_db()
    return db, current_meeting(db)


def list_field(data: dict, key: str) -> list[str]:
    """Read a list of short texts from an event payload."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Refused("That message was not understood. Please reload.")
    if len(value) > MAX_LIST or any(len(v) > FIELD_LIMIT for v in value):
        raise Refused("That list is too long.")
    return value


def date_field(data: dict, key: str) -> str:
    """Read a date field, where null means blank."""
    return "" if data.get(key) is None else text_field(data, key, FIELD_LIMIT)


def announce_record(db, meeting: dict) -> dict:
    """Send every console the panel and card as they now stand; return that part."""
    part = meeting_state.facilitator(db, meeting, current_app.config)["meeting_record"]
    push("meeting_record", part, room(meeting["id"], "facilitator"))
    return part


@socketio.on("meeting_details")
@answered
def on_meeting_details(data: dict) -> dict:
    """Facilitator: record any of {held_on, starts_at, venue, access_features, childcare,
    notice_on, notice_channels, results_go_to, residents_without_phones}; consoles hear, and the
    projector if results moved.
    """
    db, meeting = as_facilitator()
    if set(data) - {*TEXTS, *LISTS, "residents_without_phones"}:
        raise Refused("Those details are not part of a meeting's record.")
    changes: dict = {k: list_field(data, k) for k in LISTS if k in data}
    words = ("venue", "results_go_to", "starts_at", "childcare")
    changes.update({k: text_field(data, k, FIELD_LIMIT) for k in words if k in data})
    changes.update({k: date_field(data, k) for k in ("held_on", "notice_on") if k in data})
    if "residents_without_phones" in data:
        changes["residents_without_phones"] = int_field(data, "residents_without_phones")
    record.set_details(db, meeting["id"], changes)
    if "results_go_to" in changes:
        announce(meeting, phones=False)
    return {"meeting_record": announce_record(db, meeting)}


@socketio.on("outreach_add")
@answered
def on_outreach_add(data: dict) -> dict:
    """Facilitator: log outreach {date, kind, detail, languages}; consoles hear."""
    db, meeting = as_facilitator()
    entry = record.add_outreach(
        db,
        meeting["id"],
        date_field(data, "date"),
        text_field(data, "kind", 40),
        text_field(data, "detail", FIELD_LIMIT),
        list_field(data, "languages"),
    )
    return {"outreach": entry, "meeting_record": announce_record(db, meeting)}


@socketio.on("outreach_remove")
@answered
def on_outreach_remove(data: dict) -> dict:
    """Facilitator: delete an outreach entry {outreach_id}; consoles hear."""
    db, meeting = as_facilitator()
    record.remove_outreach(db, meeting["id"], int_field(data, "outreach_id"))
    return {"meeting_record": announce_record(db, meeting)}


@socketio.on("role_add")
@answered
def on_role_add(data: dict) -> dict:
    """Facilitator: record who held a role tonight {role, name, gender}; consoles hear."""
    db, meeting = as_facilitator()
    held = record.add_role(
        db,
        meeting["id"],
        text_field(data, "role", 40),
        text_field(data, "name", FIELD_LIMIT),
        text_field(data, "gender", 40),
    )
    return {"role": held, "meeting_record": announce_record(db, meeting)}


@socketio.on("role_remove")
@answered
def on_role_remove(data: dict) -> dict:
    """Facilitator: delete a recorded role {role_id}; consoles hear."""
    db, meeting = as_facilitator()
    record.remove_role(db, meeting["id"], int_field(data, "role_id"))
    return {"meeting_record": announce_record(db, meeting)}


@socketio.on("action_deadline")
@answered
def on_action_deadline(data: dict) -> dict:
    """Facilitator: set an action's deadline {action_id, deadline}, blank clears; consoles hear."""
    db, meeting = as_facilitator()
    record.set_deadline(
        db, meeting["id"], int_field(data, "action_id"), date_field(data, "deadline")
    )
    return {"meeting_record": announce_record(db, meeting)}


@socketio.on("meeting_record_sync")
@answered
def on_meeting_record_sync(data: dict) -> dict:
    """Facilitator: ask for the panel and card afresh (after check-ins, rounds, stages)."""
    db, meeting = as_facilitator()
    return {
        "meeting_record": meeting_state.facilitator(db, meeting, current_app.config)[
            "meeting_record"
        ]
    }


@socketio.on("assembly_settings")
@answered
def on_assembly_settings(data: dict) -> dict:
    """Facilitator: set any of {area (postcode districts and sectors), languages,
    retention_days, contact}; refused as a whole if any part is wrong. Consoles hear."""
    db, meeting = as_facilitator()
    if set(data) - {"area", "languages", "retention_days", "contact"}:
        raise Refused("Those settings are not the assembly's.")
    kept = privacy.settings(db)
    area = residency.parse_area(list_field(data, "area")) if "area" in data else None
    languages = list_field(data, "languages") if "languages" in data else None
    days = int_field(data, "retention_days") if "retention_days" in data else None
    contact = text_field(data, "contact", FIELD_LIMIT) if "contact" in data else kept["contact"]
    with db.atomic():  # a refusal of any part leaves every setting as it was
        if area is not None:
            residency.set_area(db, area)
        if languages is not None:
            invitation.set_languages(db, languages)
        privacy.set_settings(db, kept["retention_days"] if days is None else days, contact)
    counts_changed(meeting["id"])  # the area can change who counts as a resident tonight
    return {"meeting_record": announce_record(db, meeting)}


@socketio.on("attendee_find")
@answered
def on_attendee_find(data: dict) -> dict:
    """Facilitator: find attendees by number or name {words}, to erase or export on request."""
    db, _meeting = as_facilitator()
    return {"found": privacy.find(db, text_field(data, "words", 100))}


@socketio.on("attendee_erase")
@answered
def on_attendee_erase(data: dict) -> dict:
    """Facilitator: erase one attendee's details {attendee_id}, keeping every count."""
    db, meeting = as_facilitator()
    erased = privacy.erase(db, int_field(data, "attendee_id"))
    counts_changed(meeting["id"])
    return {"erased": erased, "meeting_record": announce_record(db, meeting)}
