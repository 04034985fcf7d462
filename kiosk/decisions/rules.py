"""Decision rules: pure functions from counts to an outcome and one plain sentence.

Each rule takes the counts of a round (choice -> number), the number present and its settings,
and returns an Outcome. Thresholds are exact: they are compared as fractions, never floats.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from kiosk.errors import Refused

Counts = Mapping[str, int]


@dataclass(frozen=True)
class Outcome:
    """What a round decided, and the sentence that explains it to the room."""

    result: str  # passed | blocked | tabled | failed | noted | no_decision
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


def threshold(settings: Mapping, key: str) -> Fraction:
    """Read a percentage setting as an exact fraction of one, refusing 0 or more than 100."""
    try:
        value = Fraction(str(settings[key])) / 100
    except (KeyError, ValueError, ZeroDivisionError) as error:
        raise Refused(f"The threshold “{settings.get(key)}” is not a percentage.") from error
    if not 0 < value <= 1:
        raise Refused(f"A threshold must be more than 0% and at most 100%, not {settings[key]}%.")
    return value


def meets(part: int, whole: int, threshold_percent) -> bool:
    """Return whether part is at least threshold_percent of whole, exactly."""
    if whole <= 0:
        return False
    return Fraction(part, whole) >= Fraction(str(threshold_percent)) / 100


def _reached(part: int, whole: int, needed: Fraction) -> bool:
    """Return whether part of whole reaches the fraction needed (never with nobody counted)."""
    return whole > 0 and Fraction(part, whole) >= needed


def _consent_counts(counts: Counts) -> tuple[int, int, int, int]:
    """Return (agree, concerns, stand-asides, blocks) from consent-round counts."""
    return (
        counts.get("agree", 0),
        counts.get("concerns", 0),
        counts.get("stand_aside", 0),
        counts.get("block", 0),
    )


def _passed_without_blocks(counts: Counts) -> Outcome:
    """Say a consent round passed with no blocks, or failed because nobody consented."""
    agree, concerns, aside, _ = _consent_counts(counts)
    responded = agree + concerns + aside
    if agree + concerns == 0:
        return Outcome("failed", f"Not passed: nobody consented; {aside} stood aside.")
    extras = []
    if concerns:
        extras.append(f"{concerns} with concerns")
    if aside:
        extras.append(f"{aside} standing aside")
    tail = f" ({', '.join(extras)})" if extras else ""
    return Outcome("passed", f"Passed: no blocks, {agree} of {responded} agree{tail}.")


def consensus(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Consent: any block stops the proposal; otherwise it passes if anyone consents."""
    agree, concerns, aside, blocks = _consent_counts(counts)
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
    return _passed_without_blocks(counts)


def consensus_override(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Consent, but blocks are overridden when enough of those voting consent."""
    agree, concerns, aside, blocks = _consent_counts(counts)
    if agree + concerns + aside + blocks == 0:
        return Outcome("no_decision", "No decision: nobody responded.")
    if not blocks:
        return _passed_without_blocks(counts)
    needed = threshold(settings, "override_percent")
    voting = agree + concerns + blocks
    share = _percent(Fraction(agree + concerns, voting))
    said = (
        f"{agree + concerns} of {voting} voting consent ({share}) over {_plural(blocks, 'block')}"
    )
    if _reached(agree + concerns, voting, needed):
        return Outcome("passed", f"Passed: {said}; {_percent(needed)} overrides a block.")
    return Outcome("blocked", f"Blocked: {said}; {_percent(needed)} was needed to override.")


def bellingham(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Bellingham: a confirmed block stops it, 10% blocking tables it, else 4/5 of voting."""
    agree, concerns, aside, blocks = _consent_counts(counts)
    voting = agree + concerns + aside + blocks  # stand-asides count as present and voting
    if voting == 0:
        return Outcome("no_decision", "No decision: nobody responded.")
    valid_yes, valid_no = counts.get("block_valid", 0), counts.get("block_not_valid", 0)
    if blocks and _reached(valid_yes, valid_yes + valid_no, threshold(settings, "valid_percent")):
        return Outcome(
            "blocked",
            f"Blocked: the assembly confirmed the block as valid "
            f"({valid_yes} of {valid_yes + valid_no}).",
        )
    if blocks and _reached(blocks, voting, threshold(settings, "table_percent")):
        return Outcome(
            "tabled",
            f"Tabled: {_plural(blocks, 'block')} of {voting} voting is "
            f"at least {settings['table_percent']}%.",
        )
    needed = threshold(settings, "pass_percent")
    said = f"{agree + concerns} of {voting} present and voting consent"
    if _reached(agree + concerns, voting, needed):
        return Outcome("passed", f"Passed: {said}; {_percent(needed)} needed.")
    return Outcome("failed", f"Not passed: {said}; {_percent(needed)} needed.")


def fist_to_five(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Fist-to-five: passes when everyone shows at least the minimum (3) fingers."""
    shown = {f: counts.get(str(f), 0) for f in range(6)}
    total = sum(shown.values())
    if total == 0:
        return Outcome("no_decision", "No decision: nobody showed a hand.")
    least = int(settings.get("min_fingers", 3))
    low = sum(n for f, n in shown.items() if f < least)
    if low == 0:
        return Outcome("passed", f"Passed: all {total} showed {least} or more.")
    return Outcome("failed", f"Not passed: {low} of {total} showed fewer than {least}.")


def of_voting(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when yes is at least the threshold share of those voting yes or no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    needed, voting = threshold(settings, "threshold_percent"), yes + no
    if voting == 0:
        return Outcome("no_decision", "No decision: nobody voted yes or no.")
    said = f"{yes} of {voting} voting said yes ({_percent(Fraction(yes, voting))})"
    if _reached(yes, voting, needed):
        return Outcome("passed", f"Passed: {said}; {_percent(needed)} needed.")
    return Outcome("failed", f"Not passed: {said}; {_percent(needed)} needed.")


supermajority_of_voting = of_voting  # the name the first rule set used


def of_present(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when yes is at least the threshold share of everyone present, voting or not."""
    yes = counts.get("yes", 0)
    needed = threshold(settings, "threshold_percent")
    if present <= 0:
        return Outcome("no_decision", "No decision: nobody is recorded as present.")
    said = f"{yes} of {present} present said yes ({_percent(Fraction(yes, present))})"
    if _reached(yes, present, needed):
        return Outcome("passed", f"Passed: {said}; {_percent(needed)} of those present needed.")
    return Outcome("failed", f"Not passed: {said}; {_percent(needed)} of those present needed.")


def simple_majority(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when more vote yes than no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    if yes + no == 0:
        return Outcome("no_decision", "No decision: nobody voted yes or no.")
    if yes > no:
        return Outcome("passed", f"Passed: {yes} yes to {no} no, a simple majority.")
    return Outcome("failed", f"Not passed: {yes} yes to {no} no; a simple majority needs more yes.")


def temperature(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """A temperature check decides nothing; it says how the room feels."""
    parts = [f"{n} {label}" for label, n in counts.items()]
    return Outcome("noted", f"Temperature: {', '.join(parts) or 'no responses'}.")


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
            "consensus_override",
            "Consensus: a block is overridden by 90%",
            "consent",
            consensus_override,
            {"override_percent": 90},
        ),
        Rule(
            "bellingham",
            "Bellingham: 4/5 of those present and voting",
            "consent",
            bellingham,
            {"valid_percent": 80, "table_percent": 10, "pass_percent": 80},
        ),
        Rule(
            "fist_to_five",
            "Fist-to-five: everyone shows 3 or more",
            "fist",
            fist_to_five,
            {"min_fingers": 3},
        ),
        Rule(
            "fallback_75",
            "Fallback vote: 75% of those voting",
            "vote",
            of_voting,
            {"threshold_percent": 75},
        ),
        Rule("majority", "Simple majority of those voting", "vote", simple_majority),
        Rule(
            "two_thirds_present",
            "Two-thirds of those present",
            "vote",
            of_present,
            {"threshold_percent": "200/3"},
        ),
        Rule(
            "seventy_present", "70% of those present", "vote", of_present, {"threshold_percent": 70}
        ),
        Rule("temperature", "Temperature check: decides nothing", "temperature", temperature),
    ]
}
