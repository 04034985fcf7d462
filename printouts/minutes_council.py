"""A council's minutes on paper: its members and their rights, each delegate's vote, and the
instructions that could not be carried out. Pure: plain data in, flowables out.
"""

from reportlab.platypus import Flowable

from kiosk.words import N_
from kiosk.words import gettext as _

from .minutes_sections import bullets, cells, grid, head, heading, led, para

RIGHTS = {"sit": N_("Sit"), "speak": N_("Sit and speak"), "vote": N_("Sit, speak and vote")}
POSITIONS = {
    "must_support": N_("Must support"),
    "must_oppose": N_("Must oppose"),
    "support_amended": N_("Support only as amended"),
    "free": N_("Free within limits"),
    "abstain": N_("Abstain"),
    "report_only": N_("Report only"),
    "choose": N_("As the assembly chose"),
    "": N_("No instruction"),
}
ROLES = {"delegate": N_("delegate"), "co_delegate": N_("co-delegate"), "alternate": N_("alternate")}


def _standard(member: dict) -> str:
    """Say whether a member meets the standard, in a word or two."""
    meets = member["meets_standard"]
    if meets is None:
        return _("No bundle yet")
    return _("Meets it") if meets else _("Does not meet it")


def members(minutes: dict, width: float) -> list[Flowable]:
    """Return the members: legitimacy, and what their delegates could do and why."""
    council = minutes["council"]
    rows = [head([_("Member"), _("Legitimacy"), _("Its delegates could"), _("Decided by")])]
    for m in council["members"]:
        by = _("the standard") if m["rights_by"] == "standard" else _("the facilitator")
        if m["rights_reason"]:
            by += f": {m['rights_reason']}"
        rights = _(RIGHTS[m["rights"]])
        rows.append(cells([f"{m['name']} ({m['kind']})", _standard(m), rights, by]))
    widths = [0.28 * width, 0.2 * width, 0.22 * width, 0.3 * width]
    here = [
        f"{r['member']}: "
        + ", ".join(f"{c['name']} ({_(ROLES[c['role']])})" for c in r["checked_in"])
        for r in council["roll"]
        if r["checked_in"]
    ]
    return [
        heading(_("Members and their rights")),
        grid(rows, widths),
        para(_("Checked in by mandate card:"), "label"),
        *bullets(here or [_("Nobody checked in.")]),
    ]


def _decision(decision: dict, width: float) -> list[Flowable]:
    """Return one decision with how each member's delegate voted."""
    rows = [head([_("Member"), _("Vote"), _("Cast by"), _("Instruction")])]
    for v in decision["votes"]:
        instruction = _(POSITIONS[v["position"]]) if v["position"] in POSITIONS else v["position"]
        if v["limits"]:
            instruction += f" ({v['limits']})"
        rows.append(cells([v["member"], v["label"], v["cast_by"], instruction]))
    if len(rows) == 1:
        rows.append(cells([_("No member voted."), "", "", ""]))
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
    return led(_("How each assembly's delegate voted"), [_decision(d, width) for d in decisions])


def not_carried_out(minutes: dict, width: float) -> list[Flowable]:
    """Return the instructions that could not be carried out, and why."""
    lines = [
        _(
            "%(member)s, mandate %(mandate)s, item %(number)s (%(position)s: %(item)s): %(why)s.",
            member=i["member"],
            mandate=i["mandate_id"],
            number=i["position_no"],
            position=_(POSITIONS[i["position"]]).lower(),
            item=i["item"],
            why=i["why_not"],
        )
        for i in minutes["council"]["instructions"]
        if not i["carried_out"]
    ]
    return [heading(_("Instructions not carried out")), *bullets(lines or [_("None.")])]


def standing(minutes: dict) -> list[Flowable]:
    """Return page one's word on a council's legitimacy: that of its members."""
    found = minutes["council"]["members"]
    meets = sum(m["meets_standard"] is True for m in found)
    voting = sum(m["rights"] == "vote" for m in found)
    return [
        heading(_("Legitimacy of the members")),
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
