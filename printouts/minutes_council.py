"""A council's minutes on paper: its members and their rights, each delegate's vote, and the
instructions that could not be carried out. Pure: plain data in, flowables out.
"""

from reportlab.platypus import Flowable

from .minutes_sections import bullets, cells, grid, head, heading, led, para

RIGHTS = {"sit": "Sit", "speak": "Sit and speak", "vote": "Sit, speak and vote"}
POSITIONS = {
    "must_support": "Must support",
    "must_oppose": "Must oppose",
    "support_amended": "Support only as amended",
    "free": "Free within limits",
    "abstain": "Abstain",
    "report_only": "Report only",
    "choose": "As the assembly chose",
    "": "No instruction",
}
ROLES = {"delegate": "delegate", "co_delegate": "co-delegate", "alternate": "alternate"}


def _standard(member: dict) -> str:
    """Say whether a member meets the standard, in a word or two."""
    meets = member["meets_standard"]
    return "No bundle yet" if meets is None else ("Meets it" if meets else "Does not meet it")


def members(minutes: dict, width: float) -> list[Flowable]:
    """Return the members: legitimacy, and what their delegates could do and why."""
    council = minutes["council"]
    rows = [head(["Member", "Legitimacy", "Its delegates could", "Decided by"])]
    for m in council["members"]:
        by = "the standard" if m["rights_by"] == "standard" else "the facilitator"
        if m["rights_reason"]:
            by += f": {m['rights_reason']}"
        rows.append(cells([f"{m['name']} ({m['kind']})", _standard(m), RIGHTS[m["rights"]], by]))
    widths = [0.28 * width, 0.2 * width, 0.22 * width, 0.3 * width]
    here = [
        f"{r['member']}: " + ", ".join(f"{c['name']} ({ROLES[c['role']]})" for c in r["checked_in"])
        for r in council["roll"]
        if r["checked_in"]
    ]
    return [
        heading("Members and their rights"),
        grid(rows, widths),
        para("Checked in by mandate card:", "label"),
        *bullets(here or ["Nobody checked in."]),
    ]


def _decision(decision: dict, width: float) -> list[Flowable]:
    """Return one decision with how each member's delegate voted."""
    rows = [head(["Member", "Vote", "Cast by", "Instruction"])]
    for v in decision["votes"]:
        instruction = POSITIONS.get(v["position"], v["position"])
        if v["limits"]:
            instruction += f" ({v['limits']})"
        rows.append(cells([v["member"], v["label"], v["cast_by"], instruction]))
    if len(rows) == 1:
        rows.append(cells(["No member voted.", "", "", ""]))
    # The sentence names the outcome itself ("Passed: …"); only a round without one needs it said.
    outcome = (decision["outcome"] or "open").replace("_", " ").capitalize() + "."
    return [
        para(decision["text"], "h3"),
        para(decision["sentence"] or outcome, "label"),
        grid(rows, [0.28 * width, 0.14 * width, 0.22 * width, 0.36 * width]),
    ]


def votes(minutes: dict, width: float) -> list[Flowable]:
    """Return every council decision with each assembly's one vote."""
    decisions = minutes["council"]["decisions"]
    return led("How each assembly's delegate voted", [_decision(d, width) for d in decisions])


def not_carried_out(minutes: dict, width: float) -> list[Flowable]:
    """Return the instructions that could not be carried out, and why."""
    lines = [
        f"{i['member']}, mandate {i['mandate_id']}, item {i['position_no']} "
        f"({POSITIONS[i['position']].lower()}: {i['item']}): {i['why_not']}."
        for i in minutes["council"]["instructions"]
        if not i["carried_out"]
    ]
    return [heading("Instructions not carried out"), *bullets(lines or ["None."])]


def standing(minutes: dict) -> list[Flowable]:
    """Return page one's word on a council's legitimacy: that of its members."""
    found = minutes["council"]["members"]
    meets = sum(m["meets_standard"] is True for m in found)
    voting = sum(m["rights"] == "vote" for m in found)
    return [
        heading("Legitimacy of the members"),
        para(
            f"{len(found)} member{'s' if len(found) != 1 else ''}; {meets} meet the standard of "
            f"legitimacy; {voting} could vote. A council meets the standard when every member "
            "with a vote does."
        ),
    ]


def section(minutes: dict, width: float) -> list[Flowable]:
    """Return the council's part of the minutes (nothing for an assembly's)."""
    if "council" not in minutes:
        return []
    return members(minutes, width) + votes(minutes, width) + not_carried_out(minutes, width)
