"""Mandate-bound voting at a council: each delegate's instruction, and the votes it allows.

A council's proposals are matched to the items of each member's mandate: by the facilitator's
link where one was made, otherwise by the item's words (the council circulates its agenda, and
assemblies mandate on those words). Then:

- "must support" allows only a supporting choice, "must oppose" only an opposing one;
- "free within limits" allows any choice, recorded with the limits;
- "report only" allows no vote at all;
- no instruction on the item: the vote is allowed and recorded as cast without one.

Each member assembly has one seat, shared by its delegate, co-delegate and alternate: whoever
votes last before the round closes casts the assembly's one vote, and the record names them.
Council rounds are never secret: each assembly must be able to see how its delegate voted.
"""

import json
import time
from difflib import SequenceMatcher

from sqlite_utils import Database

from kiosk.council import members, roll
from kiosk.decisions import ballots, rounds
from kiosk.decisions.kinds import option_pairs
from kiosk.errors import Refused

SUPPORT = {
    "consent": {"agree", "concerns"},
    "vote": {"yes"},
    "temperature": {"agree"},
    "fist": {"3", "4", "5"},
}
OPPOSE = {
    "consent": {"block"},
    "vote": {"no"},
    "temperature": {"disagree"},
    "fist": {"0", "1", "2"},
}
POSITION_WORDS = {
    "must_support": "must support",
    "must_oppose": "must oppose",
    "free": "free within limits",
    "report_only": "report only",
}
MATCH = 0.75  # how alike a proposal's words and an item's must be to match without a link


def _fold(text: str) -> str:
    """Fold words for comparison: case, punctuation and spacing ignored."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _likeness(proposal: str, item: str) -> float:
    """Say how alike a proposal and a mandate item read, from 0 to 1."""
    a, b = _fold(proposal), _fold(item)
    if not a or not b:
        return 0.0
    if a == b or (len(b) >= 12 and b in a):
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def instruction(db: Database, proposal: dict, roll_id: int) -> dict | None:
    """Return the mandate item a proposal falls under for one mandate on the roll, or None."""
    mandate = roll.entry(db, roll_id)
    linked = db.execute(
        "SELECT position_no FROM council_links WHERE proposal_id = ? AND roll_id = ?",
        [proposal["id"], roll_id],
    ).fetchone()
    if linked:
        chosen = [i for i in mandate["items"] if i["position_no"] == linked[0]]
        return {**chosen[0], "linked": True} if chosen else None
    scored = [(_likeness(proposal["text"], i["item"]), i) for i in mandate["items"]]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return {**best[1], "linked": False} if best[0] >= MATCH else None


def link(db: Database, meeting: dict, proposal_id: int, roll_id: int, position_no) -> dict | None:
    """Record which item of a mandate a proposal falls under (None: no item does)."""
    proposal = _proposal(db, meeting, proposal_id)
    mandate = roll.entry(db, roll_id)
    if position_no is not None and position_no not in [i["position_no"] for i in mandate["items"]]:
        raise Refused("That mandate has no such item.")
    with db.atomic():
        db.execute(
            """INSERT INTO council_links (proposal_id, roll_id, position_no) VALUES (?, ?, ?)
               ON CONFLICT (proposal_id, roll_id)
               DO UPDATE SET position_no = excluded.position_no""",
            [proposal_id, roll_id, position_no],
        )
    return instruction(db, proposal, roll_id)


def _proposal(db: Database, meeting: dict, proposal_id: int) -> dict:
    """Return one of the meeting's proposals with its current words, or refuse."""
    row = db.execute(
        "SELECT id, text FROM proposals WHERE id = ? AND meeting_id = ?",
        [proposal_id, meeting["id"]],
    ).fetchone()
    if row is None:
        raise Refused("That proposal is not this meeting's.")
    return {"id": row[0], "text": row[1]}


def _label(rnd: dict, picked: str) -> str:
    """Return the words of a choice, as the phone showed them."""
    return dict(option_pairs(rnd)).get(picked, picked)


def allowed(rnd: dict, found: dict | None) -> tuple[bool, str]:
    """Say whether an instruction lets a delegate vote, and which choices, in words."""
    if found is None:
        return (
            True,
            "Your mandate gives no instruction on this item: vote as the debate leads you; "
            "the record will say so.",
        )
    position = found["position"]
    if position == "report_only":
        return False, "Your mandate on this item is report only: you cannot vote on it."
    if position == "free":
        return True, f"Your mandate leaves this to you, within its limits: {found['limits']}."
    wanted = (SUPPORT if position == "must_support" else OPPOSE).get(rnd["kind"])
    if wanted is None:  # choosing among options: the instruction is shown, not enforced
        return True, f"Your mandate says you {POSITION_WORDS[position]} “{found['item']}”."
    words = " or ".join(_label(rnd, v) for v in sorted(wanted))
    return True, f"Your mandate says you {POSITION_WORDS[position]} this: vote {words}."


def check(rnd: dict, found: dict | None, picked: object) -> None:
    """Refuse a vote the instruction forbids, saying why and what is allowed."""
    may, words = allowed(rnd, found)
    if not may:
        raise Refused(words + " Your assembly will hear what the council decided.")
    if found is None or found["position"] not in ("must_support", "must_oppose"):
        return
    wanted = (SUPPORT if found["position"] == "must_support" else OPPOSE).get(rnd["kind"])
    if wanted is not None and picked not in wanted:
        raise Refused(
            f"Refused: your assembly's mandate says you {POSITION_WORDS[found['position']]} "
            f"“{found['item']}”, so “{_label(rnd, str(picked))}” goes against it. "
            f"Vote {' or '.join(_label(rnd, v) for v in sorted(wanted))}, or do not vote."
        )


def for_phone(db: Database, meeting: dict, checkin: dict, rnd: dict | None) -> dict | None:
    """Return what a delegate's phone shows for a round: the instruction and the seat's vote."""
    if rnd is None or rnd["meeting_id"] != meeting["id"]:
        return None
    found = instruction(db, {"id": rnd["proposal_id"], "text": rnd["text"]}, checkin["roll_id"])
    may, words = allowed(rnd, found)
    holder = checkin["member"]
    if holder["rights"] != "vote":
        may, words = False, members.rights_sentence(holder)
    cast = db.execute(
        """SELECT council_votes.choice, council_checkins.name FROM council_votes
           JOIN council_checkins ON council_checkins.id = checkin_id
           WHERE round_id = ? AND council_votes.member_id = ?""",
        [rnd["id"], holder["id"]],
    ).fetchone()
    return {
        "round_id": rnd["id"],
        "member": holder["name"],
        "position": found["position"] if found else None,
        "item": found["item"] if found else None,
        "limits": found["limits"] if found else "",
        "may_vote": may,
        "words": words,
        "seat_vote": {"choice": cast[0], "by": cast[1]} if cast else None,
    }


def cast(
    db: Database, meeting: dict, checkin: dict | None, round_id: int, picked, reason=""
) -> dict:
    """Cast a member's one vote through a delegate, within their mandate; committed on return."""
    if checkin is None:
        raise Refused("Check in with your mandate card first.")
    holder = checkin["member"]
    if holder["rights"] != "vote":
        raise Refused(members.rights_sentence(holder))
    rnd = rounds.get_round(db, round_id)
    found = instruction(db, {"id": rnd["proposal_id"], "text": rnd["text"]}, checkin["roll_id"])
    check(rnd, found, picked)
    with db.atomic():
        vote = ballots.cast(db, rnd, checkin["seat"], picked, reason)
        db.execute(
            """INSERT INTO council_votes
               (round_id, member_id, checkin_id, choice, position, position_no, limits, cast_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (round_id, member_id) DO UPDATE SET
               checkin_id = excluded.checkin_id, choice = excluded.choice,
               position = excluded.position, position_no = excluded.position_no,
               limits = excluded.limits, cast_at = excluded.cast_at""",
            [
                round_id,
                holder["id"],
                checkin["id"],
                json.dumps(picked) if isinstance(picked, list) else str(picked),
                found["position"] if found else "",
                found["position_no"] if found else None,
                found["limits"] if found else "",
                time.time(),
            ],
        )
    return {**vote, "instruction": found["position"] if found else None}
