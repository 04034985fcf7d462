"""Rounds: how a proposal is decided, from temperature check to run-off, and their outcomes."""

import json
import time

from sqlite_utils import Database

from kiosk.decisions import ballots, choice, handcounts, proposals
from kiosk.decisions.kinds import KINDS, STAGE_OF_KIND, STAGES, VISIBILITY, option_pairs
from kiosk.decisions.rules import RULES, threshold
from kiosk.errors import Refused
from kiosk.meeting.meetings import attendance
from kiosk.words import N_

MAX_OPTIONS = 20
MAX_OPTION = 120
PICKS_RANGE = N_("Picks per person must be a whole number from %(low)s to %(high)s.")
SEATS_RANGE = N_("Seats must be a whole number from %(low)s to %(high)s.")


def _clean_options(options: object) -> list[str]:
    """Read the options a choosing round offers, refusing too few, too many or repeats."""
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise Refused("List the options, one per line.")
    cleaned = [" ".join(o.split()) for o in options if o.strip()]
    if not 2 <= len(cleaned) <= MAX_OPTIONS:
        raise Refused("Give between 2 and %(most)s options.", most=MAX_OPTIONS)
    if len(set(cleaned)) != len(cleaned):
        raise Refused("Each option must be different.")
    if any(len(o) > MAX_OPTION for o in cleaned):
        raise Refused("Keep each option under %(most)s characters.", most=MAX_OPTION)
    return cleaned


def _settings(rule: str, given: object) -> dict:
    """Overlay given settings on a rule's defaults, checking every threshold."""
    defaults = dict(RULES[rule].defaults) if rule in RULES else {}
    given = given or {}
    if not isinstance(given, dict) or set(given) - set(defaults):
        raise Refused("Those settings do not belong to this rule.")
    merged = {**defaults, **given}
    for key in merged:
        if key.endswith("_percent"):
            threshold(merged, key)
    return merged


def _whole(value: object, low: int, high: int, what: str) -> int:
    """Read a whole number within bounds, or refuse."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Refused(what, low=low, high=high)
    return value


def open_round(
    db: Database,
    meeting: dict,
    text: str = "",
    kind: str | None = None,
    rule: str | None = None,
    proposal_id: int | None = None,
    *,
    stage: str | None = None,
    visibility: str = "counted",
    hide_results: bool = False,
    settings: dict | None = None,
    options: list | None = None,
    max_choices: int = 1,
    seats: int = 1,
    amendment_id: int | None = None,
) -> dict:
    """Open a round on a new proposal (text) or an existing one (proposal_id).

    Without a stage, the round is at its kind's usual stage (a consent round by default).
    """
    if stage is None:
        stage = STAGE_OF_KIND.get(kind or "consent", "consent")
    if stage not in STAGES:
        raise Refused("That stage does not exist.")
    kind = kind or STAGES[stage]
    if kind not in KINDS:
        raise Refused("That kind of round does not exist.")
    rule = rule or default_rule(kind, bool(meeting.get("council")))
    if rule not in KINDS[kind].rules:
        raise Refused("That decision rule does not fit this kind of round.")
    if visibility not in VISIBILITY:
        raise Refused("Choose open, counted or secret.")
    if visibility == "secret" and meeting.get("council"):
        raise Refused(
            "Council votes are open: each assembly must be able to see how its delegate voted."
        )
    if meeting["ended_at"] is not None:
        raise Refused("This meeting has ended.")
    if open_round_of(db, meeting["id"]):
        raise Refused("Another round is still open. Close it first.")
    row = {
        "kind": kind,
        "rule": rule,
        "stage": stage,
        "visibility": visibility,
        # A secret round's live counts would show the room how each person just voted.
        "hide_results": int(bool(hide_results) or visibility == "secret"),
        "settings": json.dumps(_settings(rule, settings)),
        "opened_at": time.time(),
    }
    if KINDS[kind].choosing:
        cleaned = _clean_options(options)
        row["options"] = json.dumps(cleaned)
        row["max_choices"] = _whole(max_choices, 1, len(cleaned), PICKS_RANGE)
        row["seats"] = _whole(seats, 1, len(cleaned) - 1, SEATS_RANGE)
    with db.atomic():
        if proposal_id is None:
            proposal_id = proposals.new_proposal(db, meeting, text)
        proposal = proposals.get_proposal(db, meeting, proposal_id)
        row["proposal_id"] = proposal_id
        row["wording"] = _wording(db, proposal, stage, amendment_id)
        row["amendment_id"] = amendment_id if stage == "amendment" else None
        round_id = db.table("rounds").insert(row).last_pk
    return get_round(db, round_id)


def default_rule(kind: str, council: bool = False) -> str:
    """Return the rule a kind of round is decided by unless another is chosen.

    A council's yes/no vote is decided by simple majority: a fallback vote follows a failed
    consensus, which a council of mandated delegates does not seek.
    """
    if council and kind == "vote":
        return "majority"
    return KINDS[kind].rules[0]


def _wording(db: Database, proposal: dict, stage: str, amendment_id: int | None) -> str:
    """Return the exact words a round decides: the proposal's, or a pending amendment's."""
    if stage != "amendment":
        return proposal["text"]
    rows = list(
        db.query(
            "SELECT * FROM amendments WHERE id = ? AND proposal_id = ? AND status = 'pending'",
            [amendment_id or 0, proposal["id"]],
        )
    )
    if not rows:
        raise Refused("Choose a pending amendment of this proposal to vote on.")
    return rows[0]["text"]


ROUND_SQL = """SELECT rounds.*, COALESCE(rounds.wording, proposals.text) AS text,
                      proposals.meeting_id
               FROM rounds JOIN proposals ON proposals.id = rounds.proposal_id"""


def get_round(db: Database, round_id: int) -> dict:
    """Return a round with the exact words it decides, or refuse."""
    rows = list(db.query(f"{ROUND_SQL} WHERE rounds.id = ?", [round_id]))
    if not rows:
        raise Refused("That round does not exist.")
    return rows[0]


def open_round_of(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's open round, if there is one."""
    rows = db.query(f"{ROUND_SQL} WHERE meeting_id = ? AND closed_at IS NULL", [meeting_id])
    return next(iter(rows), None)


def rounds_of(db: Database, meeting_id: int) -> list[dict]:
    """Return a meeting's rounds, oldest first, with the words each decides."""
    return list(db.query(f"{ROUND_SQL} WHERE meeting_id = ? ORDER BY rounds.id", [meeting_id]))


def latest_round(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's most recently opened round, open or closed."""
    rows = db.query(
        f"{ROUND_SQL} WHERE meeting_id = ? ORDER BY rounds.id DESC LIMIT 1", [meeting_id]
    )
    return next(iter(rows), None)


def cast_vote(
    db: Database, attendee: dict, round_id: int, picked: object, reason: object = ""
) -> dict:
    """Record an attendee's vote in a round; it is committed when this returns."""
    return ballots.cast(db, get_round(db, round_id), attendee, picked, reason)


def my_vote(db: Database, round_id: int, attendee_id: int) -> dict | None:
    """Return what a phone may see of its own vote in a round."""
    return ballots.my_vote(db, get_round(db, round_id), attendee_id)


def tally(db: Database, round_id: int) -> dict[str, int]:
    """Count a round so far by its id."""
    return counts(db, get_round(db, round_id))


def counts(db: Database, rnd: dict) -> dict[str, int]:
    """Count a round so far: phone votes and hand counts together, every choice present."""
    hands = handcounts.hand_totals(db, rnd["id"]).values()
    return merge_counts(rnd, [ballots.phone_counts(db, rnd), *hands])


def merge_counts(rnd: dict, sources: list[dict[str, int]]) -> dict[str, int]:
    """Add counts from several sources (phones, hands...), every choice of the round present."""
    merged = {value: 0 for value, _ in option_pairs(rnd)}
    for source in sources:
        for key, n in source.items():
            merged[key] = merged.get(key, 0) + n
    return merged


def enter_hand_counts(db: Database, meeting: dict, round_id: int, source: str, raw: object) -> dict:
    """Record counts from hands, cards or paper for an open round; they merge with phones."""
    rnd = get_round(db, round_id)
    if rnd["meeting_id"] != meeting["id"]:
        raise Refused("That round belongs to another meeting.")
    if rnd["closed_at"] is not None:
        raise Refused("That round has closed; enter hand counts before closing it.")
    if source not in handcounts.SOURCES:
        raise Refused("Say where the count came from: hands, cards or paper.")
    if rnd["kind"] == "ranked":
        raise Refused("Ranked ballots cannot be merged as counts; enter them on phones.")
    entered = handcounts.parse_counts(raw, [v for v, _ in option_pairs(rnd)])
    hands = {**handcounts.hand_totals(db, round_id), source: entered}
    present = attendance(db, meeting["id"])["present"]
    phone = ballots.phone_counts(db, rnd)
    handcounts.check_against_present(phone, hands, present, rnd["kind"] == "approval")
    handcounts.store(db, round_id, source, entered)
    return get_round(db, round_id)


def close_round(db: Database, round_id: int) -> dict:
    """Close an open round, apply its rule and record counts by source, outcome and sentence."""
    rnd = get_round(db, round_id)
    if rnd["closed_at"] is not None:
        raise Refused("That round is already closed.")
    with db.atomic():
        present = attendance(db, rnd["meeting_id"])["present"]
        record = {
            "phone": ballots.phone_counts(db, rnd),
            "hands": handcounts.hand_totals(db, round_id),
            "total": counts(db, rnd),
            "present": present,
        }
        result, sentence = _decide(db, rnd, record)
        db.table("rounds").update(
            round_id,
            {
                "closed_at": time.time(),
                "present_at_close": present,
                "outcome": result,
                "explanation": sentence,
                "record": json.dumps(record, default=str),
            },
        )
        if rnd["amendment_id"] is not None:
            meeting = {"id": rnd["meeting_id"]}
            proposals.decide_amendment(db, meeting, rnd["amendment_id"], result == "passed")
        ballots.shuffle(db, rnd)
    if rnd["visibility"] == "secret":
        ballots.forget_order(db)
    return get_round(db, round_id)


def explanation(rnd: dict, record: dict) -> str | None:
    """Say why a closed round came out as it did, in the language now speaking.

    The sentence stored at close is in the meeting's language; a rule's sentence is made again
    from the counts it recorded, so a phone reads it in its own. A choosing round's sentence
    (approval, ranked) names the options in their own words and is kept as stored.
    """
    if rnd["explanation"] is None or KINDS[rnd["kind"]].choosing or "total" not in record:
        return rnd["explanation"]
    settings = json.loads(rnd["settings"])
    return RULES[rnd["rule"]].apply(record["total"], record["present"], settings).sentence


def _decide(db: Database, rnd: dict, record: dict) -> tuple[str, str]:
    """Apply the round's rule (or choosing method) to its counts; note winners in record."""
    if rnd["kind"] == "approval":
        voters = ballots.voter_count(db, rnd)
        found = choice.approval(
            record["total"], voters, json.loads(rnd["options"]), rnd["seats"], rnd["id"]
        )
    elif rnd["kind"] == "ranked":
        options = json.loads(rnd["options"])
        found = choice.stv(ballots.ranked_ballots(db, rnd), options, rnd["seats"], rnd["id"])
    else:
        settings = json.loads(rnd["settings"])
        outcome = RULES[rnd["rule"]].apply(record["total"], record["present"], settings)
        return outcome.result, outcome.sentence
    record["winners"] = found.winners
    record["stages"] = found.counts
    return ("chosen" if found.winners else "no_decision"), found.sentence
