"""What a handout costs in Welsh and in Urdu (shaped, right to left) beside English, in one run.

A sign-in sheet of four pages and ten paper ballots, each drawn in English, Welsh and Urdu in
turn, so a busy moment on a shared machine falls on every language alike; the best of the
rounds after the first (which loads fonts and catalogues) is kept.

    .venv/bin/python bench/paper_languages.py --rounds 8
"""

import argparse
import time

from kiosk import words
from printouts.ballots import paper_ballot_pdf
from printouts.paper import attendance_sheet_pdf

MEETING = {
    "title": "Riverside assembly with Łucja Wiśniewska and محمد علی",
    "date": "2026-03-12",
    "venue": "St Mark's Community Hall",
    "assembly": "Riverside People's Assembly",
    "area": "LS6",
    "why_postcode": "Why we ask: so the assembly can show councils that its people live here.",
}
ROUND = {
    "id": 4,
    "meeting_title": "Riverside assembly",
    "text": "Who should speak for us at the council?",
    "kind": "vote",
    "options": [("l", "Łucja Wiśniewska"), ("s", "Şükrü Yılmaz"), ("m", "محمد علی"), ("w", "王伟")],
    "rule_label": "Most votes",
    "visibility": "secret",
    "visibility_label": "Secret ballot",
    "max_choices": 1,
}
PIECES = {
    "sign-in sheet, 4 pages": lambda: attendance_sheet_pdf(MEETING, pages=4),
    "paper ballots, 10 copies": lambda: paper_ballot_pdf(ROUND, copies=10),
}
LANGUAGES = ("en", "cy", "ur")


def seconds(make, code: str) -> float:
    """Draw one piece in a language; return how long it took."""
    with words.speaking(code):
        started = time.perf_counter()
        make()
        return time.perf_counter() - started


def main() -> None:
    """Print each piece's English time and the other languages' ratios to it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    rounds = max(2, parser.parse_args().rounds)
    for name, make in PIECES.items():
        found: dict[str, list[float]] = {code: [] for code in LANGUAGES}
        for _ in range(rounds):
            for code in LANGUAGES:
                found[code].append(seconds(make, code))
        best = {code: min(times[1:]) for code, times in found.items()}
        ratios = ", ".join(f"{c} ×{best[c] / best['en']:.2f}" for c in LANGUAGES[1:])
        print(f"{name}: en {best['en'] * 1000:.0f} ms, {ratios}")


if __name__ == "__main__":
    main()
