"""Socket.IO events for deciding: votes, rounds, hand counts and amendments.

Phones send `vote`; the facilitator sends the rest. Every event is answered (see events.answered);
what changed is announced to the meeting's rooms.
"""

from flask import current_app

from kiosk.council import phones
from kiosk.decisions import proposals, rounds
from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.meeting.meetings import current_meeting, get_meeting
from kiosk.screens import pages as state
from kiosk.web.auth import held, require_facilitator
from kiosk.web.database import get_db
from kiosk.web.live import delegates as delegates_live
from kiosk.web.live.events import answered, current_round, int_field, text_field
from kiosk.web.live.meeting import announce_round, counts_changed
from kiosk.web.live.push import attendee_room, push

MAX_PICKS = 20


def picked_field(data: dict) -> str | list[str]:
    """Read a vote's choice: one value, or a list of options for approval and ranked rounds."""
    value = data.get("choice")
    if isinstance(value, list):
        if len(value) > MAX_PICKS or not all(isinstance(v, str) and len(v) <= 200 for v in value):
            raise Refused("That ballot was not understood. Please pick again.")
        return value
    return text_field(data, "choice", 200)


@socketio.on("vote")
@answered
def on_vote(data: dict) -> dict:
    """A phone casts (or changes) its vote; projector and facilitator get a coalesced count.

    Votes from a socket that has said hello take the short path in vote_queue.py instead.
    """
    vote, meeting, voter = cast_vote(get_db(), data)
    after_vote(current_app, meeting, voter, vote)
    return {"vote": vote}


def cast_vote(db, data: dict, cookie=None, known=None) -> tuple[dict, dict, dict]:
    """Cast the vote an event carries, committed on return; return it, its meeting and voter.

    `known` ({} per transaction) keeps the meetings and rounds read for the votes cast together
    in one transaction, which holds the write lock: nothing else can change them meanwhile.
    """
    code = text_field(data, "code", 40)
    meetings = {} if known is None else known.setdefault("meetings", {})
    meeting = meetings.get(code) or meetings.setdefault(code, get_meeting(db, code))
    round_id, picked = int_field(data, "round_id"), picked_field(data)
    reason = text_field(data, "reason")
    rounds_known = None if known is None else known.setdefault("rounds", {})
    vote, voter = phones.cast(
        db, meeting, held(meeting, cookie), round_id, picked, reason, rounds_known
    )
    return vote, meeting, voter


def after_vote(app, meeting: dict, voter: dict, vote: dict) -> None:
    """Schedule the counts; at a council, show the seat's other phones the new vote."""
    app.extensions["kiosk_counts"].mark(meeting["id"])
    if meeting["council"]:  # the co-delegate's and alternate's phones
        push("seat_voted", {"round_id": vote["round_id"]}, attendee_room(voter["id"]))


def _round_options(data: dict) -> dict:
    """Read the optional settings of a new round from the facilitator's form."""
    options = data.get("options")
    if options is not None and not isinstance(options, list):
        raise Refused("List the options, one per line.")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise Refused("Those settings were not understood.")
    return {
        "stage": text_field(data, "stage", 40) or None,  # None: the kind's usual stage
        "visibility": text_field(data, "visibility", 40) or "counted",
        "hide_results": bool(data.get("hide_results")),
        "settings": settings,
        "options": options,
        "max_choices": int_field(data, "max_choices", 1),
        "seats": int_field(data, "seats", 1),
        "amendment_id": data.get("amendment_id") and int_field(data, "amendment_id"),
    }


@socketio.on("open_round")
@answered
def on_open_round(data: dict) -> dict:
    """The facilitator opens a round; every page in the meeting is told."""
    require_facilitator()
    db = get_db()
    meeting = current_meeting(db)
    proposal_id = data.get("proposal_id")
    if proposal_id is not None:
        proposal_id = int_field(data, "proposal_id")
    rnd = rounds.open_round(
        db,
        meeting,
        text_field(data, "text"),
        text_field(data, "kind", 40) or None,
        text_field(data, "rule", 40) or None,
        proposal_id,
        **_round_options(data),
    )
    announce_round(meeting, rnd)
    return {"round": state.round_public(db, rnd)}


@socketio.on("close_round")
@answered
def on_close_round(data: dict) -> dict:
    """The facilitator closes a round; every page sees the outcome and its sentence."""
    require_facilitator()
    db = get_db()
    meeting = current_meeting(db)
    rnd = rounds.close_round(db, current_round(db, meeting, data)["id"])
    announce_round(meeting, rnd)
    delegates_live.after_round_closed(db, rnd)  # a confirmed mandate is issued, a recall revokes
    return {"round": state.round_public(db, rnd)}


@socketio.on("hand_count")
@answered
def on_hand_count(data: dict) -> dict:
    """The facilitator enters counts from hands, cards or paper; they merge with phones."""
    require_facilitator()
    db = get_db()
    meeting = current_meeting(db)
    rnd = current_round(db, meeting, data)
    rounds.enter_hand_counts(
        db, meeting, rnd["id"], text_field(data, "source", 20), data.get("counts")
    )
    counts_changed(meeting["id"])
    return {"round": state.round_public(db, rnd)}


@socketio.on("propose_amendment")
@answered
def on_propose_amendment(data: dict) -> dict:
    """The facilitator records an amendment: new wording and who proposed it."""
    require_facilitator()
    db = get_db()
    amendment = proposals.propose_amendment(
        db,
        current_meeting(db),
        int_field(data, "proposal_id"),
        text_field(data, "text"),
        text_field(data, "proposed_by", 200),
    )
    return {"amendment": amendment, "wording": proposals.history(db, amendment["proposal_id"])}


@socketio.on("decide_amendment")
@answered
def on_decide_amendment(data: dict) -> dict:
    """The facilitator takes or leaves an amendment without a vote (a friendly amendment)."""
    require_facilitator()
    db = get_db()
    taken = data.get("taken")
    if not isinstance(taken, bool):
        raise Refused("Say whether the amendment was taken.")
    amendment = proposals.decide_amendment(
        db, current_meeting(db), int_field(data, "amendment_id"), taken
    )
    return {"amendment": amendment, "wording": proposals.history(db, amendment["proposal_id"])}
