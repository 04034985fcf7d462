"""A phone in the room, at an assembly or a council: who it is, its vote, and the stack.

Every phone's vote passes here, because only the council package knows whether a mandate
binds it: at an assembly a phone is its own attendee and votes as itself; at a council it holds
a delegate's check-in, votes for its member assembly's one seat, and only as the mandate allows,
or it is an observer's, which never votes. Joining the speakers' stack passes here too: at a
council, only delegates of a member that may speak join it.
"""

from sqlite_utils import Database

from kiosk.council import checkin, room, votes
from kiosk.decisions import ballots, rounds
from kiosk.errors import Refused
from kiosk.meeting.meetings import attendee_by_token
from kiosk.process import stack


def attendee(db: Database, meeting: dict, held: dict) -> dict | None:
    """Return the attendee a phone's cookie names: its own, or at a council its delegate's seat.

    `held` is what the cookie carries for this meeting: a "token", or a council "checkin" id.
    At a council a token is an observer's.
    """
    if meeting["council"]:
        found = checkin.checkin(db, meeting, held.get("checkin"))
        if found:
            return found["seat"]
    return attendee_by_token(db, meeting, held.get("token"))


def require_attendee(db: Database, meeting: dict, held: dict) -> dict:
    """Return the phone's attendee, or refuse in words that say what to do."""
    found = attendee(db, meeting, held)
    if found is None:
        raise Refused("Please check in first: scan the code on the big screen.")
    return found


def cast(
    db: Database, meeting: dict, held: dict, round_id: int, picked, reason="", known=None
) -> tuple[dict, dict]:
    """Cast a phone's vote, committed on return; return the vote and who cast it (or the seat).

    `known` may hold rounds already read in the same transaction, by id (votes cast together).
    """
    if meeting["council"]:
        found = checkin.checkin(db, meeting, held.get("checkin"))
        if found is None and attendee_by_token(db, meeting, held.get("token")):
            raise Refused("Observers do not vote: only members' delegates vote at a council.")
        return votes.cast(db, meeting, found, round_id, picked, reason), found["seat"]
    voter = require_attendee(db, meeting, held)
    rnd = known.get(round_id) if known is not None else None
    if rnd is None:
        rnd = rounds.get_round(db, round_id)
        if known is not None:
            known[round_id] = rnd
    return ballots.cast(db, rnd, voter, picked, reason), voter


def join_stack(db: Database, meeting: dict, held: dict, kind: str) -> dict:
    """Put a phone on the speakers' stack, if it may speak here; return its entry."""
    seated = checkin.checkin(db, meeting, held.get("checkin")) if meeting["council"] else None
    if seated and seated["stood_down_at"] is not None:
        raise Refused(checkin.stood_down_words(db, seated))
    found = require_attendee(db, meeting, held)
    room.may_speak(db, meeting, found)
    return stack.join(db, found, kind)
