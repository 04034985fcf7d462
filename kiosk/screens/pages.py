"""What each page should show: full snapshots built from the database."""

import json
from fractions import Fraction

from sqlite_utils import Database

from kiosk.council import room
from kiosk.decisions import ballots, handcounts, proposals, rounds
from kiosk.decisions.kinds import KINDS, STAGES, VISIBILITY, option_pairs, rule_label
from kiosk.decisions.rules import RULES, label_of, of_present, of_voting
from kiosk.delegates import seats
from kiosk.meeting import admission, needs, residency
from kiosk.meeting.meetings import attendance
from kiosk.screens import delegates as delegates_state
from kiosk.screens import meeting as meeting_state
from kiosk.screens.process import facilitator as process_facilitator
from kiosk.screens.process import phone as process_phone
from kiosk.screens.process import phone_public as process_public
from kiosk.screens.process import projector as process_projector
from kiosk.words import gettext


def _threshold(rnd: dict) -> dict | None:
    """Describe where a vote's pass line sits: a share of those voting or of those present."""
    rule = RULES.get(rnd["rule"])
    if rule is None or rule.decide not in (of_voting, of_present):
        return None
    pct = Fraction(str(json.loads(rnd["settings"])["threshold_percent"]))
    base = "voting" if rule.decide is of_voting else "present"
    return {"percent": float(pct), "base": base, "choice": "yes"}


def round_counts(db: Database, rnd: dict, hands: dict | None = None) -> dict:
    """Return a round's merged counts and the counts from each source (phones counted once)."""
    hands = handcounts.hand_totals(db, rnd["id"]) if hands is None else hands
    phones = ballots.phone_counts(db, rnd)
    return {
        "counts": rounds.merge_counts(rnd, [phones, *hands.values()]),
        "sources": {"phones": phones, **hands},
    }


def round_public(db: Database, rnd: dict | None, counted: bool = True) -> dict | None:
    """Describe a round as the room may see it; counts stay hidden until close if asked.

    Phones never show counts, so their snapshots leave them out (`counted=False`): counting
    a round for each of 2,000 phones that reconnect at once would cost seconds.
    """
    if rnd is None:
        return None
    kind, is_open = KINDS[rnd["kind"]], rnd["closed_at"] is None
    hidden = bool(rnd["hide_results"]) and is_open
    hands = handcounts.hand_totals(db, rnd["id"]) if counted else {}
    record = json.loads(rnd["record"]) if rnd["record"] else {}
    return {
        "id": rnd["id"],
        "proposal_id": rnd["proposal_id"],
        "kind": rnd["kind"],
        "stage": rnd["stage"],
        "text": rnd["text"],
        "rule": rnd["rule"],
        "rule_label": rule_label(rnd),
        "visibility": rnd["visibility"],
        "visibility_label": gettext(VISIBILITY[rnd["visibility"]]),
        "hidden": hidden,
        "options": [
            {"value": v, "label": label, "reason": v in kind.reasons}
            for v, label in option_pairs(rnd)
        ],
        "max_choices": rnd["max_choices"],
        "seats": rnd["seats"],
        "threshold": _threshold(rnd),
        "status": "open" if is_open else "closed",
        **(_counted(db, rnd, hands, hidden) if counted else dict.fromkeys(COUNTED)),
        "winners": record.get("winners"),
        "present_at_close": rnd["present_at_close"],
        "outcome": rnd["outcome"],
        "explanation": rounds.explanation(rnd, record),
        "opened_at": rnd["opened_at"],
        "purpose": seats.purpose(db, [rnd["id"]]),  # proposal, election, mandate or recall
    }


COUNTED = ("responded", "counts", "sources")


def _counted(db: Database, rnd: dict, hands: dict, hidden: bool) -> dict:
    """Count who has responded and, unless hidden, the counts by choice and by source."""
    responded = ballots.voter_count(db, rnd) + sum(sum(c.values()) for c in hands.values())
    counts = {"counts": None, "sources": None} if hidden else round_counts(db, rnd, hands)
    return {"responded": responded, **counts}


def meeting_public(meeting: dict, join_url: str) -> dict:
    """Describe the meeting itself."""
    return {
        "code": meeting["code"],
        "title": meeting["title"],
        "join_url": join_url,
        "ended": meeting["ended_at"] is not None,
        "rehearsal": bool(meeting["rehearsal"]),
        "voting_mode": meeting["voting_mode"],
    }


def projector(db: Database, meeting: dict, join_url: str) -> dict:
    """Everything the projector shows."""
    return {
        "meeting": meeting_public(meeting, join_url),
        "attendance": attendance(db, meeting["id"]),
        "round": round_public(db, rounds.latest_round(db, meeting["id"])),
        **process_projector(db, meeting),
    }


def phone_public(db: Database, meeting: dict, join_url: str) -> dict:
    """What every phone of the meeting is shown alike, in the language now speaking.

    The kiosk may build it once for many phones (a hall reconnecting after a Wi-Fi drop), so
    nothing here is one phone's, and nobody changes it once built: phone() copies what it adds to.
    """
    return {
        "meeting": meeting_public(meeting, join_url),
        "round": round_public(db, rounds.latest_round(db, meeting["id"]), counted=False),
        "process": process_public(db, meeting["id"]),
        "delegates": delegates_state.phone_public(db, meeting),
    }


def phone(
    db: Database, meeting: dict, attendee: dict, join_url: str, public: dict | None = None
) -> dict:
    """Everything one attendee's phone shows, their own vote included.

    `public` is phone_public() for this meeting and language, if it was built already.
    """
    public = public or phone_public(db, meeting, join_url)
    rnd = public["round"]
    return {
        "meeting": public["meeting"],
        "me": {
            "name": attendee["display_name"],
            "admitted": bool(attendee["admitted"]),
            "number": attendee["id"],
            "council": bool(meeting["council"]),  # a delegate's seat: admitted by the council
            "observer": bool(meeting["council"]) and room.is_observer(db, attendee),
        },
        "round": rnd and {**rnd, "my_vote": ballots.my_vote(db, rnd, attendee["id"])},
        **process_phone(db, meeting, attendee, public["process"]),
        **delegates_state.phone(db, meeting, attendee, public["delegates"]),
    }


def facilitator(db: Database, meeting: dict, join_url: str, settings: dict) -> dict:
    """Everything the console shows: the room's view plus names, desk, wording and choices."""
    state = projector(db, meeting, join_url)
    rnd = rounds.latest_round(db, meeting["id"])
    if rnd is not None:
        if not (state["round"]["hidden"] and rnd["visibility"] == "secret"):
            state["round"].update(round_counts(db, rnd))  # the facilitator may look, unless secret
        state["round"]["named_votes"] = ballots.named_votes(db, rnd)
        state["round"]["reasons"] = ballots.reasons(db, rnd)
        state["wording"] = proposals.history(db, rnd["proposal_id"])
    state["desk"] = desk(db, meeting)
    state["choices"] = {
        "stages": list(STAGES),
        "visibility": {name: gettext(label) for name, label in VISIBILITY.items()},
        "kinds": {name: _rules(name, bool(meeting["council"])) for name in KINDS},
        "rules": {name: label_of(rule) for name, rule in RULES.items()},
        "sources": handcounts.SOURCES,
    }
    state.update(process_facilitator(db, meeting))
    state.update(delegates_state.facilitator(db, meeting))
    state.update(meeting_state.facilitator(db, meeting, settings))
    return state


def _rules(kind: str, council: bool) -> list[str]:
    """List the rules a kind of round offers, the one used by default first."""
    first = rounds.default_rule(kind, council)
    return [first] + [r for r in KINDS[kind].rules if r != first]


def desk(db: Database, meeting: dict) -> dict:
    """Everything the check-in desk shows: the mode, phones waiting, slips, people counted."""
    return {
        "mode": meeting["voting_mode"],
        "modes": admission.MODES,
        "waiting": admission.waiting(db, meeting["id"]),
        "slips": admission.slip_counts(db, meeting["id"]),
        "attendance": attendance(db, meeting["id"]),
        "sheets": {
            "area": residency.area(db),
            "needs": list(needs.NEEDS.items()),
            "lines": residency.counts(db, meeting["id"])["on_paper"],
            "last": needs.last_line(db, meeting["id"]),
        },
    }
