"""Decision rules: pure functions from counts to an outcome and one plain sentence.

Each rule takes the counts of a round (choice -> number), the number present and its settings,
and returns an Outcome. Thresholds are exact: they are compared as fractions, never floats.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

Counts = Mapping[str, int]


@dataclass(frozen=True)
class Outcome:
    """What a round decided, and the sentence that explains it to the room."""

    result: str  # passed | blocked | failed | no_decision
    sentence: str

    @property
    def passed(self) -> bool:
        """True when the proposal was carried."""
        return self.result == "passed"


@dataclass(frozen=True)
class Rule:
    """A named decision rule with its default settings."""

    name: str
    label: str
    kind: str  # the kind of round whose choices it counts
    decide: Callable[[Counts, int, Mapping], Outcome]
    defaults: Mapping = field(default_factory=dict)

    def apply(self, counts: Counts, present: int, settings: Mapping | None = None) -> Outcome:
        """Decide with this rule's defaults overlaid by settings."""
        return self.decide(counts, present, {**self.defaults, **(settings or {})})


def _plural(n: int, one: str, many: str | None = None) -> str:
    """Say '1 block' or '3 blocks'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _percent(value: Fraction) -> str:
    """Format a fraction as a percentage, without a trailing .0."""
    pct = round(float(value * 100), 1)
    return f"{pct:g}%"


def meets(part: int, whole: int, threshold_percent) -> bool:
    """Return whether part is at least threshold_percent of whole, exactly."""
    if whole <= 0:
        return False
    return Fraction(part, whole) >= Fraction(str(threshold_percent)) / 100


def consensus(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Consent: any block stops the proposal; otherwise it passes if anyone consents."""
    agree, concerns = counts.get("agree", 0), counts.get("concerns", 0)
    aside, blocks = counts.get("stand_aside", 0), counts.get("block", 0)
    responded = agree + concerns + aside + blocks
    if responded == 0:
        return Outcome("no_decision", "No decision: nobody responded.")
    if blocks:
        fallback = settings.get("fallback_percent", 75)
        return Outcome(
            "blocked",
            f"Blocked: {_plural(blocks, 'block')} from {responded} responses. "
            f"A fallback vote needs {fallback}% of those voting.",
        )
    if agree + concerns == 0:
        return Outcome("failed", f"Not passed: nobody consented; {aside} stood aside.")
    extras = []
    if concerns:
        extras.append(f"{concerns} with concerns")
    if aside:
        extras.append(f"{aside} standing aside")
    tail = f" ({', '.join(extras)})" if extras else ""
    return Outcome("passed", f"Passed: no blocks, {agree} of {responded} agree{tail}.")


def supermajority_of_voting(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when yes is at least the threshold share of those voting yes or no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    threshold = settings.get("threshold_percent", 75)
    voting = yes + no
    if voting == 0:
        return Outcome("no_decision", "No decision: nobody voted yes or no.")
    share = _percent(Fraction(yes, voting))
    if meets(yes, voting, threshold):
        return Outcome(
            "passed", f"Passed: {yes} of {voting} voting said yes ({share}); {threshold}% needed."
        )
    return Outcome(
        "failed", f"Not passed: {yes} of {voting} voting said yes ({share}); {threshold}% needed."
    )


def simple_majority(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when more vote yes than no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    if yes + no == 0:
        return Outcome("no_decision", "No decision: nobody voted yes or no.")
    if yes > no:
        return Outcome("passed", f"Passed: {yes} yes to {no} no, a simple majority.")
    return Outcome("failed", f"Not passed: {yes} yes to {no} no; a simple majority needs more yes.")


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule(
            "consensus",
            "Consensus: any block stops it",
            "consent",
            consensus,
            {"fallback_percent": 75},
        ),
        Rule(
            "fallback_75",
            "Fallback vote: 75% of those voting",
            "vote",
            supermajority_of_voting,
            {"threshold_percent": 75},
        ),
        Rule("majority", "Simple majority of those voting", "vote", simple_majority),
    ]
}
