"""Mandate-bound voting at a council: each seat's instruction, found by item id and version only.

A round decides one published agenda item (kiosk.council.items). A delegate's mandate binds the
vote only through an instruction naming that item's id; the words are never compared. Then:

- on the version the mandate was given on: "must support" allows only supporting choices, "must
  oppose" only opposing ones, "abstain" only abstaining, "report only" no vote, "free" any (kept
  with its limits), and picks or a ranking allow exactly the assembly's ballot;
- "support only as amended" supports only the wording of its named amendment, never another;
- on a later version (the council amended it), the mandate's amendment rule decides: the position
  still holds, the delegate is free, or the delegate abstains, and the phone says so;
- no instruction on the item: any choice, recorded as cast without one;
- a round on words off the published agenda binds no mandate.

Each member assembly has one seat, shared by its delegate, co-delegate and alternate: whoever
votes last before the round closes casts the assembly's one vote, and the record names them.
"""

import json
import time

from sqlite_utils import Database

from kiosk.council import checkin as checkins
from kiosk.council import items, members, roll
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
ABSTAIN = {"consent": {"stand_aside"}, "vote": {"abstain"}, "temperature": {"unsure"}}
POSITION_WORDS = {
    "must_support": "must support",
    "must_oppose": "must oppose",
    "support_amended": "support only as amended",
    "free": "are free within limits on",
    "abstain": "abstain on",
    "report_only": "report only on",
    "choose": "vote as the assembly chose on",
}
CHAIR_DECIDES = "unbound: the chair decides"


def _label(rnd: dict, picked: str) -> str:
    """Return the words of a choice, as the phone showed them."""
    return dict(option_pairs(rnd)).get(picked, picked)


def _choices(rnd: dict, wanted: set[str]) -> str:
    """Say which choices are allowed, in the phone's words."""
    return " or ".join(_label(rnd, v) for v in sorted(wanted))


def _rule(rnd: dict, position: str, inst: dict) -> tuple[set[str] | None | str, str]:
    """Return what a position allows in this round (a set, None for anything, "ballot") and why."""
    if position == "choose":
        return "ballot", "vote exactly the assembly's choice: " + ", ".join(inst["picks"]) + "."
    if position == "free":
        return None, f"it is yours to decide, within its limits: {inst['limits']}."
    if position == "report_only":
        return set(), "you report back; you do not vote on it."
    table = {"must_support": SUPPORT, "must_oppose": OPPOSE, "abstain": ABSTAIN}[position]
    wanted = table.get(rnd["kind"], set())
    if not wanted:
        return set(), "there is no such choice in this kind of round, so you do not vote."
    return wanted, f"vote {_choices(rnd, wanted)}."


def binding(db: Database, rnd: dict, mandate: dict) -> dict:
    """Find what one mandate on the roll says about a round, by the item's id and version."""
    on = items.on_round(db, rnd)
    found = {"item": on, "instruction": None, "allowed": None, "may_vote": True}
    if on is None:
        return {
            **found,
            "words": "This vote is not on the council's published agenda: no "
            "mandate binds it. Vote as the debate leads you; the record will say so.",
        }
    mine = [i for i in mandate["items"] if i.get("agenda_uid") == on["uid"]]
    if not mine:
        return {
            **found,
            "words": "Your mandate gives no instruction on this item: vote as the "
            "debate leads you; the record will say so.",
        }
    inst = mine[0]
    position, lead = inst["position"], ""
    if on["amendment"] is not None:  # the round decides whether to take an amendment
        if position == "support_amended" and on["amendment"] == inst["amendment"]:
            position, lead = "must_support", "This is your assembly's named amendment: "
        else:
            return {
                **found,
                "instruction": inst,
                "words": "This vote is on an amendment; "
                "your mandate is on the item itself, so this one is yours to decide.",
            }
    elif position == "support_amended":
        if on["text"] == inst["amendment"]:
            position, lead = "must_support", "The council took your assembly's amendment: "
        else:
            return _only_as_amended(rnd, found, inst)
    elif on["version"] != inst["agenda_version"]:
        lead = (
            f"Your mandate was on version {inst['agenda_version']} (“{inst['item']}”); "
            f"this is version {on['version']} (“{on['text']}”). "
        )
        position = {"holds": position, "free": "free", "abstain": "abstain"}[inst["if_amended"]]
        if position == "free":
            return {
                **found,
                "instruction": inst,
                "words": lead + "Your mandate leaves a changed wording to you.",
            }
    allowed, why = _rule(rnd, position, inst)
    verb = POSITION_WORDS[position]
    return {
        **found,
        "instruction": inst,
        "position": position,
        "allowed": allowed,
        "may_vote": allowed != set(),
        "words": f"{lead}Your mandate says you {verb} this: {why}",
    }


def _only_as_amended(rnd: dict, found: dict, inst: dict) -> dict:
    """Bind a "support only as amended" mandate on wording without its amendment."""
    wanted = OPPOSE.get(rnd["kind"], set()) | ABSTAIN.get(rnd["kind"], set())
    return {
        **found,
        "instruction": inst,
        "position": "support_amended",
        "allowed": wanted,
        "may_vote": bool(wanted),
        "words": f"Your assembly supports this only as amended to “{inst['amendment']}”, "
        f"which is not the wording voted on: vote {_choices(rnd, wanted)}, or do not vote.",
    }


def check(rnd: dict, bound: dict, picked: object) -> None:
    """Refuse a vote the binding forbids, saying why and what is allowed."""
    allowed = bound["allowed"]
    if allowed is None:
        return
    if not bound["may_vote"]:
        raise Refused(bound["words"] + " Your assembly will hear what the council decided.")
    if allowed == "ballot":
        mandated = bound["instruction"]["picks"]
        same = picked == mandated if rnd["kind"] == "ranked" else set(picked) == set(mandated)
        if not isinstance(picked, list) or not same:
            raise Refused(
                "Refused: that ballot goes against your assembly's mandate. " + bound["words"]
            )
        return
    if picked not in allowed:
        raise Refused(
            f"Refused: “{_label(rnd, str(picked))}” goes against your assembly's mandate. "
            f"{bound['words']} Or do not vote."
        )


def unbound(db: Database, mandate: dict) -> list[dict]:
    """Return a mandate's instructions on items this council never published: the chair decides."""
    sql = "SELECT uid FROM council_items WHERE published_version > 0"
    known = {r["uid"] for r in db.query(sql)}
    return [i for i in mandate["items"] if i.get("agenda_uid") not in known]


def for_phone(db: Database, meeting: dict, checkin: dict, rnd: dict | None) -> dict | None:
    """Return what a delegate's phone shows for a round: the binding and the seat's vote."""
    if rnd is None or rnd["meeting_id"] != meeting["id"]:
        return None
    bound = binding(db, rnd, checkin["mandate"])
    may, words = bound["may_vote"], bound["words"]
    holder = checkin["member"]
    if holder["rights"] != "vote":
        may, words = False, members.rights_sentence(holder)
    if checkin["stood_down_at"] is not None:
        may, words = False, checkins.stood_down_words(db, checkin)
    cast = db.execute(
        """SELECT council_votes.choice, council_checkins.name FROM council_votes
           JOIN council_checkins ON council_checkins.id = checkin_id
           WHERE round_id = ? AND council_votes.member_id = ?""",
        [rnd["id"], holder["id"]],
    ).fetchone()
    inst = bound["instruction"]
    return {
        "round_id": rnd["id"],
        "member": holder["name"],
        "item": bound["item"] and {k: bound["item"][k] for k in ("uid", "version")},
        "position": bound.get("position") or (inst and inst["position"]),
        "limits": inst["limits"] if inst else "",
        "may_vote": may,
        "words": words,
        "seat_vote": {"choice": cast[0], "by": cast[1]} if cast else None,
    }


def cast(db: Database, meeting: dict, checkin: dict | None, round_id: int, picked, reason=""):
    """Cast a member's one vote through a delegate, within their mandate; committed on return."""
    if checkin is None:
        raise Refused("Check in with your mandate card first.")
    if checkin["stood_down_at"] is not None:
        raise Refused(checkins.stood_down_words(db, checkin))
    holder = checkin["member"]
    if holder["rights"] != "vote":
        raise Refused(members.rights_sentence(holder))
    rnd = rounds.get_round(db, round_id)
    bound = binding(db, rnd, roll.entry(db, checkin["roll_id"]))
    check(rnd, bound, picked)
    inst, on = bound["instruction"], bound["item"]
    with db.atomic():
        vote = ballots.cast(db, rnd, checkin["seat"], picked, reason)
        db.execute(
            """INSERT INTO council_votes (round_id, member_id, checkin_id, choice, position,
               position_no, limits, cast_at, item_uid, item_version, binding)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (round_id, member_id) DO UPDATE SET
               checkin_id = excluded.checkin_id, choice = excluded.choice,
               position = excluded.position, position_no = excluded.position_no,
               limits = excluded.limits, cast_at = excluded.cast_at,
               item_uid = excluded.item_uid, item_version = excluded.item_version,
               binding = excluded.binding""",
            [
                round_id,
                holder["id"],
                checkin["id"],
                json.dumps(picked) if isinstance(picked, list) else str(picked),
                inst["position"] if inst else "",
                inst["position_no"] if inst else None,
                inst["limits"] if inst else "",
                time.time(),
                on and on["uid"],
                on and on["version"],
                bound["words"],
            ],
        )
    return {**vote, "instruction": inst["position"] if inst else None}
