"""Decision rules: pure functions from counts to an outcome and one plain sentence.

Each rule takes the counts of a round (choice -> number), the number present and its settings,
and returns an Outcome. Thresholds are exact: they are compared as fractions, never floats.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from kiosk.errors import Refused
from kiosk.words import N_, gettext, ngettext

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


def _percent(value: Fraction) -> str:
    """Format a fraction as a percentage, without a trailing .0."""
    pct = round(float(value * 100), 1)
    return f"{pct:g}%"


def threshold(settings: Mapping, key: str) -> Fraction:
    """Read a percentage setting as an exact fraction of one, refusing 0 or more than 100."""
    try:
        value = Fraction(str(settings[key])) / 100
    except (KeyError, ValueError, ZeroDivisionError) as error:
        raise Refused(
            "The threshold “%(value)s” is not a percentage.", value=settings.get(key)
        ) from error
    if not 0 < value <= 1:
        raise Refused(
            "A threshold must be more than 0%% and at most 100%%, not %(value)s%%.",
            value=settings[key],
        )
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
        return Outcome(
            "failed", gettext("Not passed: nobody consented; %(aside)s stood aside.", aside=aside)
        )
    said = PASSED_WITHOUT_BLOCKS[bool(concerns), bool(aside)]
    counted = {"agree": agree, "responded": responded, "concerns": concerns, "aside": aside}
    return Outcome("passed", gettext(said, **counted))


PASSED_WITHOUT_BLOCKS = {
    (False, False): N_("Passed: no blocks, %(agree)s of %(responded)s agree."),
    (True, False): N_(
        "Passed: no blocks, %(agree)s of %(responded)s agree (%(concerns)s with concerns)."
    ),
    (False, True): N_(
        "Passed: no blocks, %(agree)s of %(responded)s agree (%(aside)s standing aside)."
    ),
    (True, True): N_(
        "Passed: no blocks, %(agree)s of %(responded)s agree "
        "(%(concerns)s with concerns, %(aside)s standing aside)."
    ),
}
NOBODY_RESPONDED = N_("No decision: nobody responded.")
NOBODY_VOTED = N_("No decision: nobody voted yes or no.")


def consensus(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Consent: any block stops the proposal; otherwise it passes if anyone consents."""
    agree, concerns, aside, blocks = _consent_counts(counts)
    responded = agree + concerns + aside + blocks
    if responded == 0:
        return Outcome("no_decision", gettext(NOBODY_RESPONDED))
    if blocks:
        said = ngettext(
            "Blocked: %(num)s block from %(responded)s responses. "
            "A fallback vote needs %(fallback)s%% of those voting.",
            "Blocked: %(num)s blocks from %(responded)s responses. "
            "A fallback vote needs %(fallback)s%% of those voting.",
            blocks,
            responded=responded,
            fallback=settings.get("fallback_percent", 75),
        )
        return Outcome("blocked", said)
    return _passed_without_blocks(counts)


def consensus_override(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Consent, but blocks are overridden when enough of those voting consent."""
    agree, concerns, aside, blocks = _consent_counts(counts)
    if agree + concerns + aside + blocks == 0:
        return Outcome("no_decision", gettext(NOBODY_RESPONDED))
    if not blocks:
        return _passed_without_blocks(counts)
    needed = threshold(settings, "override_percent")
    voting = agree + concerns + blocks
    counted = {
        "consent": agree + concerns,
        "voting": voting,
        "share": _percent(Fraction(agree + concerns, voting)),
        "needed": _percent(needed),
    }
    if _reached(agree + concerns, voting, needed):
        said = ngettext(
            "Passed: %(consent)s of %(voting)s voting consent (%(share)s) over %(num)s block; "
            "%(needed)s overrides a block.",
            "Passed: %(consent)s of %(voting)s voting consent (%(share)s) over %(num)s blocks; "
            "%(needed)s overrides a block.",
            blocks,
            **counted,
        )
        return Outcome("passed", said)
    said = ngettext(
        "Blocked: %(consent)s of %(voting)s voting consent (%(share)s) over %(num)s block; "
        "%(needed)s was needed to override.",
        "Blocked: %(consent)s of %(voting)s voting consent (%(share)s) over %(num)s blocks; "
        "%(needed)s was needed to override.",
        blocks,
        **counted,
    )
    return Outcome("blocked", said)


def bellingham(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Bellingham: a confirmed block stops it, 10% blocking tables it, else 4/5 of voting."""
    agree, concerns, aside, blocks = _consent_counts(counts)
    voting = agree + concerns + aside + blocks  # stand-asides count as present and voting
    if voting == 0:
        return Outcome("no_decision", gettext(NOBODY_RESPONDED))
    valid_yes, valid_no = counts.get("block_valid", 0), counts.get("block_not_valid", 0)
    if blocks and _reached(valid_yes, valid_yes + valid_no, threshold(settings, "valid_percent")):
        said = gettext(
            "Blocked: the assembly confirmed the block as valid (%(valid)s of %(asked)s).",
            valid=valid_yes,
            asked=valid_yes + valid_no,
        )
        return Outcome("blocked", said)
    if blocks and _reached(blocks, voting, threshold(settings, "table_percent")):
        said = ngettext(
            "Tabled: %(num)s block of %(voting)s voting is at least %(table)s%%.",
            "Tabled: %(num)s blocks of %(voting)s voting is at least %(table)s%%.",
            blocks,
            voting=voting,
            table=settings["table_percent"],
        )
        return Outcome("tabled", said)
    needed = threshold(settings, "pass_percent")
    counted = {"consent": agree + concerns, "voting": voting, "needed": _percent(needed)}
    if _reached(agree + concerns, voting, needed):
        said = N_(
            "Passed: %(consent)s of %(voting)s present and voting consent; %(needed)s needed."
        )
        return Outcome("passed", gettext(said, **counted))
    said = N_(
        "Not passed: %(consent)s of %(voting)s present and voting consent; %(needed)s needed."
    )
    return Outcome("failed", gettext(said, **counted))


def fist_to_five(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Fist-to-five: passes when everyone shows at least the minimum (3) fingers."""
    shown = {f: counts.get(str(f), 0) for f in range(6)}
    total = sum(shown.values())
    if total == 0:
        return Outcome("no_decision", gettext("No decision: nobody showed a hand."))
    least = int(settings.get("min_fingers", 3))
    low = sum(n for f, n in shown.items() if f < least)
    if low == 0:
        said = gettext("Passed: all %(total)s showed %(least)s or more.", total=total, least=least)
        return Outcome("passed", said)
    said = N_("Not passed: %(low)s of %(total)s showed fewer than %(least)s.")
    return Outcome("failed", gettext(said, low=low, total=total, least=least))


def of_voting(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when yes is at least the threshold share of those voting yes or no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    needed, voting = threshold(settings, "threshold_percent"), yes + no
    if voting == 0:
        return Outcome("no_decision", gettext(NOBODY_VOTED))
    counted = {
        "yes": yes,
        "voting": voting,
        "share": _percent(Fraction(yes, voting)),
        "needed": _percent(needed),
    }
    if _reached(yes, voting, needed):
        said = N_("Passed: %(yes)s of %(voting)s voting said yes (%(share)s); %(needed)s needed.")
        return Outcome("passed", gettext(said, **counted))
    said = N_("Not passed: %(yes)s of %(voting)s voting said yes (%(share)s); %(needed)s needed.")
    return Outcome("failed", gettext(said, **counted))


supermajority_of_voting = of_voting  # the name the first rule set used


def of_present(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when yes is at least the threshold share of everyone present, voting or not."""
    yes = counts.get("yes", 0)
    needed = threshold(settings, "threshold_percent")
    if present <= 0:
        return Outcome("no_decision", gettext("No decision: nobody is recorded as present."))
    counted = {
        "yes": yes,
        "present": present,
        "share": _percent(Fraction(yes, present)),
        "needed": _percent(needed),
    }
    if _reached(yes, present, needed):
        said = gettext(
            "Passed: %(yes)s of %(present)s present said yes (%(share)s); "
            "%(needed)s of those present needed.",
            **counted,
        )
        return Outcome("passed", said)
    said = gettext(
        "Not passed: %(yes)s of %(present)s present said yes (%(share)s); "
        "%(needed)s of those present needed.",
        **counted,
    )
    return Outcome("failed", said)


def simple_majority(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """Pass when more vote yes than no."""
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    if yes + no == 0:
        return Outcome("no_decision", gettext(NOBODY_VOTED))
    if yes > no:
        said = gettext("Passed: %(yes)s yes to %(no)s no, a simple majority.", yes=yes, no=no)
        return Outcome("passed", said)
    said = N_("Not passed: %(yes)s yes to %(no)s no; a simple majority needs more yes.")
    return Outcome("failed", gettext(said, yes=yes, no=no))


def temperature(counts: Counts, present: int, settings: Mapping) -> Outcome:
    """A temperature check decides nothing; it says how the room feels."""
    parts = [
        gettext(FEELINGS[f], num=n) if f in FEELINGS else f"{n} {f}" for f, n in counts.items()
    ]
    if not parts:
        return Outcome("noted", gettext("Temperature: no responses."))
    return Outcome("noted", gettext("Temperature: %(counts)s.", counts=", ".join(parts)))


FEELINGS = {
    "agree": N_("%(num)s agree"),
    "unsure": N_("%(num)s unsure"),
    "disagree": N_("%(num)s disagree"),
}


def label_of(rule: Rule) -> str:
    """Name a rule in the language now speaking (a percentage in its name is its threshold)."""
    if "%(percent)s" in rule.label:
        return gettext(rule.label, percent=f"{rule.defaults['threshold_percent']}%")
    return gettext(rule.label)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule(
            "consensus",
            N_("Consensus: any block stops it"),
            "consent",
            consensus,
            {"fallback_percent": 75},
        ),
        Rule(
            "consensus_override",
            N_("Consensus: a block is overridden by 90%"),
            "consent",
            consensus_override,
            {"override_percent": 90},
        ),
        Rule(
            "bellingham",
            N_("Bellingham: 4/5 of those present and voting"),
            "consent",
            bellingham,
            {"valid_percent": 80, "table_percent": 10, "pass_percent": 80},
        ),
        Rule(
            "fist_to_five",
            N_("Fist-to-five: everyone shows 3 or more"),
            "fist",
            fist_to_five,
            {"min_fingers": 3},
        ),
        Rule(
            "fallback_75",
            N_("Fallback vote: %(percent)s of those voting"),
            "vote",
            of_voting,
            {"threshold_percent": 75},
        ),
        Rule("majority", N_("Simple majority of those voting"), "vote", simple_majority),
        Rule(
            "two_thirds_present",
            N_("Two-thirds of those present"),
            "vote",
            of_present,
            {"threshold_percent": "200/3"},
        ),
        Rule(
            "seventy_present",
            N_("%(percent)s of those present"),
            "vote",
            of_present,
            {"threshold_percent": 70},
        ),
        Rule(
            "temperature",
            N_("Temperature check: decides nothing"),
            "temperature",
            temperature,
        ),
    ]
}
