"""Socket.IO events for delegates: councils, seats, candidates, elections, mandates, recall,
report-backs. The facilitator sends most; phones stand for a seat and sign recall petitions.
Changes are announced as `delegates` to the facilitator and phones (each builds its own view).
"""

from flask import current_app

from kiosk.delegates import mandates, outbox, recall, reportbacks
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.meeting.meetings import current_meeting, get_meeting, meeting_by_id
from kiosk.screens import delegates as delegates_state
from kiosk.screens import pages as state
from kiosk.trust import identity
from kiosk.web.auth import require_attendee, require_facilitator
from kiosk.web.database import get_db
from kiosk.web.live.events import answered, int_field, text_field
from kiosk.web.live.meeting import announce_round
from kiosk.web.live.process import process_changed
from kiosk.web.live.push import Coalescer, in_each_language, push, room, to_roles


def signer() -> tuple[object, str]:
    """Return the assembly's signing key and its key id."""
    me = identity.assembly(get_db())
    return current_app.extensions["kiosk_key"], me["key_id"]


def announce_delegates(meeting: dict) -> None:
    """Schedule a coalesced announcement: a burst of signatures becomes a few messages."""
    current_app.extensions["kiosk_delegates"].mark(meeting["id"])
    process_changed(meeting["id"])  # recall votes and report-backs join the agenda


def announce_delegates_now(meeting_id: int) -> None:
    """Tell the console to refresh, and send every phone the public part, once."""
    push("delegates", {}, room(meeting_id, "facilitator"))
    db = get_db()
    meeting = meeting_by_id(db, meeting_id)
    in_each_language("delegates", lambda: delegates_state.phone_public(db, meeting), meeting_id)


def init_app(app) -> None:
    """Give the app its coalescer for delegate announcements."""
    app.extensions["kiosk_delegates"] = Coalescer(
        app, app.config["TALLY_INTERVAL"], announce_delegates_now
    )


def after_round_closed(db, rnd: dict) -> list[dict]:
    """Issue a mandate the round confirmed, revoke one it recalled, send a proposal it put up."""
    key, key_id = signer()
    changed = (
        mandates.settle_round(db, rnd, key, key_id)
        + recall.settle_round(db, rnd, key, key_id)
        + outbox.settle_round(db, rnd)
    )
    if changed:
        announce_delegates(get_meeting(db, current_meeting(db)["code"]))
    return changed


def _phone(data: dict) -> tuple:
    """Return (db, meeting, attendee) for an event sent by a checked-in phone."""
    db = get_db()
    meeting = get_meeting(db, text_field(data, "code", 40))
    return db, meeting, require_attendee(db, meeting)


def _open_round(opener) -> dict:
    """Run a facilitator action that opens a round; announce it and the delegates' change."""
    require_facilitator()
    db = get_db()
    meeting = current_meeting(db)
    rnd = opener(db, meeting)
    announce_round(meeting, rnd)
    announce_delegates(meeting)
    return {"round": state.round_public(db, rnd)}


def _facilitator_action(action):
    """Run a facilitator action on the current meeting and announce the change."""
    require_facilitator()
    db = get_db()
    meeting = current_meeting(db)
    result = action(db, meeting)
    announce_delegates(meeting)
    return result


@socketio.on("add_council")
@answered
def on_add_council(data: dict) -> dict:
    """The facilitator registers a council (district, county or themed)."""
    return {
        "council": _facilitator_action(
            lambda db, m: delegates.add_council(
                db,
                text_field(data, "name", 200),
                text_field(data, "level", 20),
                text_field(data, "theme", 100),
            )
        )
    }


@socketio.on("open_seat")
@answered
def on_open_seat(data: dict) -> dict:
    """The facilitator opens nominations for a seat on a council."""
    return {
        "seat": _facilitator_action(
            lambda db, m: delegates.open_seat(
                db, m, int_field(data, "council_id"), bool(data.get("gender_balanced"))
            )
        )
    }


@socketio.on("add_candidate")
@answered
def on_add_candidate(data: dict) -> dict:
    """The facilitator adds a candidate who is not nominating from a phone."""
    return {
        "seat": _facilitator_action(
            lambda db, m: delegates.nominate(
                db,
                m,
                int_field(data, "seat_id"),
                text_field(data, "name", 200),
                text_field(data, "gender", 20),
            )
        )
    }


@socketio.on("stand")
@answered
def on_stand(data: dict) -> dict:
    """A phone nominates its owner for a seat, under the name given (or the check-in name)."""
    db, meeting, attendee = _phone(data)
    name = text_field(data, "name", 200) or attendee["display_name"]
    seat = delegates.nominate(
        db,
        meeting,
        int_field(data, "seat_id"),
        name,
        text_field(data, "gender", 20),
        attendee["id"],
    )
    announce_delegates(meeting)
    return {"seat": seat}


@socketio.on("open_election")
@answered
def on_open_election(data: dict) -> dict:
    """The facilitator opens the secret ranked (or approval) vote for a seat."""
    method = text_field(data, "method", 20) or "ranked"
    return _open_round(
        lambda db, m: delegates.open_election(db, m, int_field(data, "seat_id"), method)
    )


@socketio.on("elected")
@answered
def on_elected(data: dict) -> dict:
    """The facilitator reads a closed election's places, to fill in the mandate."""
    require_facilitator()
    db = get_db()
    return {"places": delegates.elected(db, current_meeting(db), int_field(data, "seat_id"))}


@socketio.on("draft_mandate")
@answered
def on_draft_mandate(data: dict) -> dict:
    """The facilitator writes a mandate's draft."""
    fields = data.get("fields")
    if not isinstance(fields, dict):
        raise Refused("Fill in the mandate's form.")
    return {"mandate": _facilitator_action(lambda db, m: mandates.draft(db, m, fields))}


@socketio.on("confirm_mandate")
@answered
def on_confirm_mandate(data: dict) -> dict:
    """The facilitator puts a mandate's exact words to the assembly in a consent round."""
    return _open_round(
        lambda db, m: mandates.open_confirmation(db, m, int_field(data, "mandate_id"))
    )


@socketio.on("sign_recall")
@answered
def on_sign_recall(data: dict) -> dict:
    """A phone signs a recall petition; at the threshold, recall goes on the agenda."""
    db, meeting, attendee = _phone(data)
    petition = recall.sign_petition(db, meeting, attendee, int_field(data, "mandate_id"))
    announce_delegates(meeting)
    return {"petition": petition}


@socketio.on("open_recall")
@answered
def on_open_recall(data: dict) -> dict:
    """The facilitator opens the secret recall vote once the petition has reached its threshold."""
    return _open_round(lambda db, m: recall.open_recall_vote(db, m, int_field(data, "mandate_id")))


@socketio.on("report_back")
@answered
def on_report_back(data: dict) -> dict:
    """The facilitator records a delegate's report-back; it goes on tonight's agenda."""
    return {
        "report": _facilitator_action(
            lambda db, m: reportbacks.record(
                db,
                m,
                int_field(data, "mandate_id"),
                text_field(data, "council_meeting_on", 20),
                data.get("answers"),
            )
        )
    }


@socketio.on("rename_assembly")
@answered
def on_rename_assembly(data: dict) -> dict:
    """The facilitator sets the assembly's name and area (shown on cards and bundles); every
    page of the meeting hears `title`, as the meeting takes the name unless it has its own."""
    renamed = _facilitator_action(
        lambda db, m: identity.rename_assembly(
            db, text_field(data, "name", 200), text_field(data, "area", 200)
        )
    )
    meeting = current_meeting(get_db())
    push("title", {"title": meeting["title"]}, to_roles(meeting["id"]))
    return {"assembly": renamed}
