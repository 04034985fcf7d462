"""Choosing among options: approval, instant run-off and STV. Pure functions over ballots.

Tie-break (documented in docs/decisions.md): when candidates tie for elimination or for the last
seat, look back through earlier counts for the latest one in which they differed and take the
one that did worse there (for elimination) or better (for a seat); if they were level in every
count, draw lots with a generator seeded by the round's number, so anyone can repeat the draw.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from kiosk.errors import Refused
from kiosk.words import N_, gettext, ngettext

NO_BALLOTS = N_("No decision: no ballots were cast, so nobody and nothing was chosen.")


@dataclass(frozen=True)
class Result:
    """Who won, the count at each stage, and a sentence for the room."""

    winners: list[str]
    counts: list[dict[str, Fraction | int]]
    sentence: str


def check_approval(ballot: Sequence[str], options: Sequence[str], most: int) -> list[str]:
    """Return an approval ballot as a clean list, or refuse a bad one."""
    if len(set(ballot)) != len(ballot):
        raise Refused("Each option can be picked only once.")
    if unknown := [b for b in ballot if b not in options]:
        raise Refused("“%(option)s” is not one of the options.", option=unknown[0])
    if len(ballot) > most:
        raise Refused("Pick at most %(most)s.", most=most)
    return list(ballot)


def check_ranking(ballot: Sequence[str], options: Sequence[str]) -> list[str]:
    """Return a ranked ballot as a clean list, or refuse duplicates and unknown options."""
    if not ballot:
        raise Refused("Rank at least one option.")
    if len(set(ballot)) != len(ballot):
        raise Refused("Each option can be ranked only once.")
    if unknown := [b for b in ballot if b not in options]:
        raise Refused("“%(option)s” is not one of the options.", option=unknown[0])
    return list(ballot)


def _break_tie(tied: list[str], history: list[dict], seed: int, worst: bool) -> str:
    """Pick one of tied candidates by earlier counts, then by a seeded lot."""
    for counts in reversed(history[:-1]):
        scores = {c: counts.get(c, 0) for c in tied}
        pick = min(scores.values()) if worst else max(scores.values())
        narrowed = [c for c in tied if scores[c] == pick]
        if len(narrowed) < len(tied):
            tied = narrowed
            if len(tied) == 1:
                return tied[0]
    return random.Random(seed).choice(sorted(tied))


def approval(
    counts: dict[str, int], ballots: int, options: Sequence[str], seats: int = 1, seed: int = 0
) -> Result:
    """Elect the seats options with the most approvals (counts: option -> approvals)."""
    if not 1 <= seats <= len(options):
        raise Refused("Seats must be between 1 and %(most)s.", most=len(options))
    counts = {o: counts.get(o, 0) for o in options}
    if ballots == 0 or not any(counts.values()):
        return Result([], [counts], gettext(NO_BALLOTS))  # never choose by lot among nothing
    winners: list[str] = []
    while len(winners) < seats:
        rest = [o for o in options if o not in winners]
        best = max(counts[o] for o in rest)
        tied = [o for o in rest if counts[o] == best]
        winners.append(tied[0] if len(tied) == 1 else _break_tie(tied, [counts], seed, False))
    said = ", ".join(f"{w} ({counts[w]})" for w in winners)
    sentence = gettext(
        "Chosen by approval from %(ballots)s ballots: %(said)s.", ballots=ballots, said=said
    )
    return Result(winners, [counts], sentence)


def _first_choices(ballots, weights, hopefuls) -> dict[str, Fraction]:
    """Count each ballot's weight for its highest-ranked continuing candidate."""
    tally = {c: Fraction(0) for c in hopefuls}
    for ballot, weight in zip(ballots, weights, strict=True):
        for choice in ballot:
            if choice in tally:
                tally[choice] += weight
                break
    return tally


def stv(
    ballots: Sequence[Sequence[str]], options: Sequence[str], seats: int = 1, seed: int = 0
) -> Result:
    """Single transferable vote with a Droop quota and exact (Gregory) surplus transfers.

    With one seat this is the instant run-off.
    """
    if seats < 1 or seats > len(options):
        raise Refused("Seats must be between 1 and %(most)s.", most=len(options))
    ballots = [list(b) for b in ballots if b]
    if not ballots:
        return Result(
            [], [], gettext(NO_BALLOTS)
        )  # an empty ballot box elects nobody, not a lot's pick
    weights = [Fraction(1)] * len(ballots)
    quota = Fraction(len(ballots) // (seats + 1) + 1)
    hopefuls, elected, history = list(options), [], []
    while len(elected) < seats and hopefuls:
        if len(hopefuls) <= seats - len(elected):
            elected.extend(sorted(hopefuls, key=lambda c: -history[-1][c]) if history else hopefuls)
            break
        tally = _first_choices(ballots, weights, hopefuls)
        history.append(tally)
        over = [c for c in hopefuls if tally[c] >= quota and tally[c] > 0]
        if over:
            top = max(tally[c] for c in over)
            tied = [c for c in over if tally[c] == top]
            winner = tied[0] if len(tied) == 1 else _break_tie(tied, history, seed, False)
            weights = _transfer_surplus(ballots, weights, hopefuls, winner, tally[winner] - quota)
            elected.append(winner)
            hopefuls.remove(winner)
            continue
        low = min(tally.values())
        tied = [c for c in hopefuls if tally[c] == low]
        hopefuls.remove(tied[0] if len(tied) == 1 else _break_tie(tied, history, seed, True))
    return Result(elected, history, _stv_sentence(elected, len(ballots), seats, len(history)))


def _transfer_surplus(ballots, weights, hopefuls, winner, surplus) -> list[Fraction]:
    """Scale the weight of the winner's ballots so only the surplus moves on."""
    total = _first_choices(ballots, weights, hopefuls)[winner]
    keep = surplus / total if total else Fraction(0)
    new = []
    for ballot, weight in zip(ballots, weights, strict=True):
        top = next((c for c in ballot if c in hopefuls), None)
        new.append(weight * keep if top == winner else weight)
    return new


def _stv_sentence(elected: list[str], ballots: int, seats: int, stages: int) -> str:
    """Say who was elected, from how many ballots, in how many counts."""
    counted = {"ballots": ballots, "seats": seats, "names": ", ".join(elected)}
    if not elected:
        counted["names"] = gettext("nobody")
    if seats == 1:
        return ngettext(
            "Elected by instant run-off from %(ballots)s ballots after %(num)s count: %(names)s.",
            "Elected by instant run-off from %(ballots)s ballots after %(num)s counts: %(names)s.",
            stages,
            **counted,
        )
    return ngettext(
        "Elected by single transferable vote for %(seats)s seats from %(ballots)s ballots "
        "after %(num)s count: %(names)s.",
        "Elected by single transferable vote for %(seats)s seats from %(ballots)s ballots "
        "after %(num)s counts: %(names)s.",
        stages,
        **counted,
    )


def instant_runoff(
    ballots: Sequence[Sequence[str]], options: Sequence[str], seed: int = 0
) -> Result:
    """Elect one option by instant run-off."""
    return stv(ballots, options, 1, seed)
