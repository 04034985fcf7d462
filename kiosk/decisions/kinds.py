"""Kinds of round: the choices each offers, the rules that can decide it, stages, visibility."""

import json
from dataclasses import dataclass

from kiosk.decisions.rules import RULES, label_of
from kiosk.words import N_, gettext


@dataclass(frozen=True)
class Kind:
    """A kind of round: its fixed choices (if any), which ask for a reason, and its rules."""

    options: tuple[tuple[str, str], ...]
    reasons: frozenset[str]
    rules: tuple[str, ...]

    @property
    def choosing(self) -> bool:
        """True for rounds that choose among options the facilitator types (approval, ranked)."""
        return not self.options


FINGERS = (
    ("0", N_("0 — fist: I block this")),
    ("1", N_("1 finger")),
    ("2", N_("2 fingers")),
    ("3", N_("3 fingers")),
    ("4", N_("4 fingers")),
    ("5", N_("5 fingers — full support")),
)
KINDS = {
    "consent": Kind(
        (
            ("agree", N_("Agree")),
            ("concerns", N_("Concerns")),
            ("stand_aside", N_("Stand aside")),
            ("block", N_("Block")),
        ),
        frozenset({"concerns", "block"}),
        ("consensus", "consensus_override", "bellingham"),
    ),
    "temperature": Kind(
        ((("agree", N_("Agree")), ("unsure", N_("Unsure")), ("disagree", N_("Disagree")))),
        frozenset(),
        ("temperature",),
    ),
    "fist": Kind(
        FINGERS,
        frozenset(),
        ("fist_to_five",),
    ),
    "vote": Kind(
        (("yes", N_("Yes")), ("no", N_("No")), ("abstain", N_("Abstain"))),
        frozenset(),
        ("fallback_75", "majority", "two_thirds_present", "seventy_present"),
    ),
    "approval": Kind((), frozenset(), ("approval",)),
    "ranked": Kind((), frozenset(), ("ranked",)),
}
CHOOSING_LABELS = {
    "approval": N_("Approval: pick up to %(k)s"),
    "ranked": N_("Ranked choice: instant run-off"),
}
STAGES = {
    "temperature": "temperature",
    "amendment": "vote",
    "consent": "consent",
    "final": "vote",
    "runoff": "ranked",
}
# The stage a round is at when only its kind is given: a yes/no vote is a final vote, not a
# "consent round" (the minutes name the stage).
STAGE_OF_KIND = {
    "consent": "consent",
    "fist": "consent",
    "temperature": "temperature",
    "vote": "final",
    "approval": "runoff",
    "ranked": "runoff",
}
VISIBILITY = {
    "open": N_("Open: names shown to the facilitator"),
    "counted": N_("Counted: anonymous counts"),
    "secret": N_("Secret ballot"),
}


def option_pairs(rnd: dict) -> list[tuple[str, str]]:
    """Return a round's choices as (value, label) pairs, fixed labels in the language speaking.

    The options a facilitator types are the assembly's own words: never translated.
    """
    fixed = KINDS[rnd["kind"]].options
    if fixed:
        return [(value, gettext(label)) for value, label in fixed]
    return [(o, o) for o in json.loads(rnd["options"])]


def rule_label(rnd: dict) -> str:
    """Name the rule a round is decided by, in words for the room."""
    if rnd["rule"] == "ranked" and rnd["seats"] > 1:
        said = N_("Ranked choice: single transferable vote for %(seats)s seats")
        return gettext(said, seats=rnd["seats"])
    if rnd["rule"] in CHOOSING_LABELS:
        return gettext(CHOOSING_LABELS[rnd["rule"]], k=rnd["max_choices"])
    return label_of(RULES[rnd["rule"]])
