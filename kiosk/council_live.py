"""Socket.IO events for council delegates: a phone asks what its mandate says on the round."""

import json

from sqlite_utils import Database

from . import council, council_votes, rounds, socketio
from .auth import current_delegate
from .db import get_db
from .errors import Refused
from .kinds import option_pairs
from .live import answered, text_field
from .meetings import get_meeting


def _choice_words(rnd: dict, choice: str) -> str:
    """Return a stored choice in the words the phone showed (a list of picks joined)."""
    labels = dict(option_pairs(rnd))
    picked = json.loads(choice) if choice.startswith("[") else [choice]
    return ", ".join(labels.get(p, p) for p in picked)


def mandate_panel(db: Database, meeting: dict, checkin: dict) -> dict:
    """Return what a delegate's phone shows: who they are and their instruction on the round."""
    holder = checkin["member"]["name"]
    role = council.ROLES[checkin["role"]]
    rnd = rounds.latest_round(db, meeting["id"])
    shown = council_votes.for_phone(db, meeting, checkin, rnd)
    rights = council.rights_sentence(checkin["member"])
    if shown is not None:
        seat = shown["seat_vote"]
        shown = {
            **shown,
            "open": rnd["closed_at"] is None,
            "text": rnd["text"],
            "seat_words": (
                f"{holder}'s vote so far: {_choice_words(rnd, seat['choice'])}, "
                f"cast by {seat['by']}."
                if seat
                else f"{holder} has not voted on this yet."
            ),
        }
    return {
        "name": checkin["name"],
        "role": role,
        "member": holder,
        "who": f"You are {checkin['name']}, {role} for {holder}.",
        "rights": "" if shown and shown["open"] else rights,
        "instruction": shown,
    }


@socketio.on("my_instruction")
@answered
def on_my_instruction(data: dict) -> dict:
    """A delegate's phone asks who it is and what its mandate says on the latest round."""
    db = get_db()
    meeting = get_meeting(db, text_field(data, "code", 40))
    found = current_delegate(db, meeting)
    if found is None:
        raise Refused("Check in with your mandate card first.")
    panel = mandate_panel(db, meeting, found)
    return {"instruction": panel.pop("instruction"), "delegate": panel}
