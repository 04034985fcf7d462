"""Gather what the printouts draw: plain data from the database, never a handle."""

from kiosk.decisions.kinds import VISIBILITY, option_pairs, rule_label


def round_for_paper(rnd: dict, meeting: dict) -> dict:
    """Return the plain data a paper ballot or tally sheet needs."""
    return {
        "id": rnd["id"],
        "meeting_title": meeting["title"],
        "text": rnd["text"],
        "kind": rnd["kind"],
        "options": option_pairs(rnd),
        "rule_label": rule_label(rnd),
        "visibility": rnd["visibility"],
        "visibility_label": VISIBILITY[rnd["visibility"]],
        "max_choices": rnd["max_choices"],
    }


def slips_for_paper(codes: list[str], join_url: str) -> list[dict]:
    """Pair each slip code with the URL its QR carries (joining and redeeming in one scan)."""
    return [{"code": f"{c[:5]}-{c[5:]}", "url": f"{join_url}?slip={c}"} for c in codes]
