"""Kinds of round: the choices each offers, the rules that can decide it, stages, visibility."""

import json
from dataclasses import dataclass

from kiosk.decisions.rules import RULES


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


FINGERS = tuple((str(n), f"{n} finger{'s' if n != 1 else ''}") for n in range(6))
KINDS = {
    "consent": Kind(
        (
            ("agree", "Agree"),
            ("concerns", "Concerns"),
            ("stand_aside", "Stand aside"),
            ("block", "Block"),
        ),
        frozenset({"concerns", "block"}),
        ("consensus", "consensus_override", "bellingham"),
    ),
    "temperature": Kind(
        (("agree", "Agree"), ("unsure", "Unsure"), ("disagree", "Disagree")),
        frozenset(),
        ("temperature",),
    ),
    "fist": Kind(
        (("0", "0 — fist: I block this"),) + FINGERS[1:5] + (("5", "5 fingers — full support"),),
        frozenset(),
        ("fist_to_five",),
    ),
    "vote": Kind(
        (("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")),
        frozenset(),
        ("fallback_75", "majority", "two_thirds_present", "seventy_present"),
    ),
    "approval": Kind((), frozenset(), ("approval",)),
    "ranked": Kind((), frozenset(), ("ranked",)),
}
CHOOSING_LABELS = {
    "approval": "Approval: pick up to {k}",
    "ranked": "Ranked choice: instant run-off",
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
    "open": "Open: names shown to the facilitator",
    "counted": "Counted: anonymous counts",
    "secret": "Secret ballot",
}


def option_pairs(rnd: dict) -> list[tuple[str, str]]:
    """Return a round's choices as (value, label) pairs."""
    fixed = KINDS[rnd["kind"]].options
    return list(fixed) if fixed else [(o, o) for o in json.loads(rnd["options"])]


def rule_label(rnd: dict) -> str:
    """Name the rule a round is decided by, in words for the room."""
    if rnd["rule"] == "ranked" and rnd["seats"] > 1:
        return f"Ranked choice: single transferable vote for {rnd['seats']} seats"
    if rnd["rule"] in CHOOSING_LABELS:
        return CHOOSING_LABELS[rnd["rule"]].format(k=rnd["max_choices"])
    return RULES[rnd["rule"]].label
