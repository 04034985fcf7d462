"""What a council delegate's phone shows: who they are, their instruction, the seat's vote."""

import json

from sqlite_utils import Database

from kiosk.council import members, roll
from kiosk.council import votes as council_votes
from kiosk.decisions import rounds
from kiosk.decisions.kinds import option_pairs
from kiosk.words import N_, gettext

WHO = {
    "delegate": N_("You are %(name)s, delegate for %(holder)s."),
    "co_delegate": N_("You are %(name)s, co-delegate for %(holder)s."),
    "alternate": N_("You are %(name)s, alternate for %(holder)s."),
}


def _choice_words(rnd: dict, choice: str) -> str:
    """Return a stored choice in the words the phone showed (a list of picks joined)."""
    labels = dict(option_pairs(rnd))
    picked = json.loads(choice) if choice.startswith("[") else [choice]
    return ", ".join(labels.get(p, p) for p in picked)


def mandate_panel(db: Database, meeting: dict, checkin: dict) -> dict:
    """Return what a delegate's phone shows: who they are and their instruction on the round."""
    holder = checkin["member"]["name"]
    role = roll.ROLES[checkin["role"]]
    rnd = rounds.latest_round(db, meeting["id"])
    shown = council_votes.for_phone(db, meeting, checkin, rnd)
    rights = members.rights_sentence(checkin["member"])
    if shown is not None:
        seat = shown["seat_vote"]
        shown = {
            **shown,
            "open": rnd["closed_at"] is None,
            "text": rnd["text"],
            "seat_words": (
                gettext(
                    "%(holder)s's vote so far: %(choice)s, cast by %(by)s.",
                    holder=holder,
                    choice=_choice_words(rnd, seat["choice"]),
                    by=seat["by"],
                )
                if seat
                else gettext("%(holder)s has not voted on this yet.", holder=holder)
            ),
        }
    loose = council_votes.unbound(db, checkin["mandate"])
    return {
        "unbound": gettext(
            "Your mandate also names %(items)s, which this council has not published: "
            "unbound, the chair decides.",
            items="; ".join(f"“{i['item']}”" for i in loose),
        )
        if loose
        else "",
        "name": checkin["name"],
        "role": role,
        "member": holder,
        "who": gettext(WHO[checkin["role"]], name=checkin["name"], holder=holder),
        "rights": "" if shown and shown["open"] else rights,
        "instruction": shown,
    }
