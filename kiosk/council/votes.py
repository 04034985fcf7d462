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
from kiosk.meeting.languages import meeting_languages
from kiosk.words import N_, gettext, speaking

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
# What a mandate says, each position and case said whole (%(choices)s: the allowed choices).
SAYS = {
    "choose": N_(
        "Your mandate says you vote as the assembly chose on this: vote exactly the "
        "assembly's choice: %(picks)s."
    ),
    "free": N_(
        "Your mandate says you are free within limits on this: it is yours to decide, within "
        "its limits: %(limits)s."
    ),
    "report_only": N_(
        "Your mandate says you report only on this: you report back; you do not vote on it."
    ),
    "must_support": N_("Your mandate says you must support this: vote %(choices)s."),
    "must_oppose": N_("Your mandate says you must oppose this: vote %(choices)s."),
    "abstain": N_("Your mandate says you abstain on this: vote %(choices)s."),
}
NO_SUCH_CHOICE = {
    "must_support": N_(
        "Your mandate says you must support this: there is no such choice in this kind of "
        "round, so you do not vote."
    ),
    "must_oppose": N_(
        "Your mandate says you must oppose this: there is no such choice in this kind of "
        "round, so you do not vote."
    ),
    "abstain": N_(
        "Your mandate says you abstain on this: there is no such choice in this kind of "
        "round, so you do not vote."
    ),
}
CHAIR_DECIDES = "unbound: the chair decides"


def _label(rnd: dict, picked: str) -> str:
    """Return the words of a choice, as the phone showed them."""
    return dict(option_pairs(rnd)).get(picked, picked)


def _choices(rnd: dict, wanted: set[str]) -> str:
    """Say which choices are allowed, in the phone's words."""
    labels = [_label(rnd, v) for v in sorted(wanted)]
    said = labels[0]
    for label in labels[1:]:
        said = gettext("%(choices)s or %(choice)s", choices=said, choice=label)
    return said


def _rule(rnd: dict, position: str, inst: dict) -> tuple[set[str] | None | str, str]:
    """Return what a position allows in this round (a set, None for anything, "ballot") and why."""
    if position == "choose":
        return "ballot", gettext(SAYS["choose"], picks=", ".join(inst["picks"]))
    if position == "free":
        return None, gettext(SAYS["free"], limits=inst["limits"])
    if position == "report_only":
        return set(), gettext(SAYS["report_only"])
    table = {"must_support": SUPPORT, "must_oppose": OPPOSE, "abstain": ABSTAIN}[position]
    wanted = table.get(rnd["kind"], set())
    if not wanted:
        return set(), gettext(NO_SUCH_CHOICE[position])
    return wanted, gettext(SAYS[position], choices=_choices(rnd, wanted))


def _joined(lead: str, words: str) -> str:
    """Put what led to a mandate's words before them, as two sentences."""
    return gettext("%(lead)s %(words)s", lead=lead, words=words) if lead else words


def binding(db: Database, rnd: dict, mandate: dict) -> dict:
    """Find what one mandate on the roll says about a round, by the item's id and version."""
    on = items.on_round(db, rnd)
    found = {"item": on, "instruction": None, "allowed": None, "may_vote": True}
    if on is None:
        return {
            **found,
            "words": gettext(
                "This vote is not on the council's published agenda: no mandate binds it. "
                "Vote as the debate leads you; the record will say so."
            ),
        }
    mine = [i for i in mandate["items"] if i.get("agenda_uid") == on["uid"]]
    if not mine:
        return {
            **found,
            "words": gettext(
                "Your mandate gives no instruction on this item: vote as the debate leads you; "
                "the record will say so."
            ),
        }
    inst = mine[0]
    position, lead = inst["position"], ""
    if on["amendment"] is not None:  # the round decides whether to take an amendment
        if position == "support_amended" and on["amendment"] == inst["amendment"]:
            position, lead = "must_support", gettext("This is your assembly's named amendment:")
        else:
            return {
                **found,
                "instruction": inst,
                "words": gettext(
                    "This vote is on an amendment; your mandate is on the item itself, so this "
                    "one is yours to decide."
                ),
            }
    elif position == "support_amended":
        if on["text"] == inst["amendment"]:
            position, lead = "must_support", gettext("The council took your assembly's amendment:")
        else:
            return _only_as_amended(rnd, found, inst)
    elif on["version"] != inst["agenda_version"]:
        lead = gettext(
            "Your mandate was on version %(was)s (“%(item)s”); this is version %(now)s "
            "(“%(text)s”).",
            was=inst["agenda_version"],
            item=inst["item"],
            now=on["version"],
            text=on["text"],
        )
        position = {"holds": position, "free": "free", "abstain": "abstain"}[inst["if_amended"]]
        if position == "free":
            return {
                **found,
                "instruction": inst,
                "words": _joined(lead, gettext("Your mandate leaves a changed wording to you.")),
            }
    allowed, why = _rule(rnd, position, inst)
    return {
        **found,
        "instruction": inst,
        "position": position,
        "allowed": allowed,
        "may_vote": allowed != set(),
        "words": _joined(lead, why),
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
        "words": gettext(
            "Your assembly supports this only as amended to “%(amendment)s”, which is not the "
            "wording voted on: vote %(choices)s, or do not vote.",
            amendment=inst["amendment"],
            choices=_choices(rnd, wanted),
        ),
    }


def check(rnd: dict, bound: dict, picked: object) -> None:
    """Refuse a vote the binding forbids, saying why and what is allowed."""
    allowed = bound["allowed"]
    if allowed is None:
        return
    if not bound["may_vote"]:
        raise Refused(
            "%(words)s Your assembly will hear what the council decided.", words=bound["words"]
        )
    if allowed == "ballot":
        mandated = bound["instruction"]["picks"]
        same = picked == mandated if rnd["kind"] == "ranked" else set(picked) == set(mandated)
        if not isinstance(picked, list) or not same:
            raise Refused(
                "Refused: that ballot goes against your assembly's mandate. %(words)s",
                words=bound["words"],
            )
        return
    if picked not in allowed:
        raise Refused(
            "Refused: “%(choice)s” goes against your assembly's mandate. %(words)s Or do not vote.",
            choice=_label(rnd, str(picked)),
            words=bound["words"],
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
    with speaking(meeting_languages(db)[0]):  # the record keeps the meeting's language
        recorded = binding(db, rnd, roll.entry(db, checkin["roll_id"]))["words"]
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
                recorded,
            ],
        )
    return {**vote, "instruction": inst["position"] if inst else None}
