"""Proposals in the minutes: wording, versions, amendments, and every round with its counts."""

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

from .charts import totals_chart
from .common import INK
from .fonts import SANS_BOLD, Paragraph
from .minutes_sections import SOFT, ST, bullets, cells, grid, head, heading, para
from .wording import STAGES

CHOICES = {
    "agree": N_("Agree"),
    "concerns": N_("Concerns"),
    "stand_aside": N_("Stand aside"),
    "block": N_("Block"),
    "unsure": N_("Unsure"),
    "disagree": N_("Disagree"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "abstain": N_("Abstain"),
}
FINGERS = range(6)  # a fist of five: each count of fingers is a choice
SOURCES = {"hands": N_("Raised hands"), "cards": N_("Voting cards"), "paper": N_("Paper ballots")}
VISIBILITY = {
    "open": N_("open, names shown"),
    "counted": N_("counted anonymously"),
    "secret": N_("secret"),
}
# An election is decided by a ranked (or approval) ballot, a recall by a final vote: the minutes
# say which they were, not the stage of an ordinary proposal.
STAGE_FOR = {"election": N_("Election"), "recall": N_("Recall vote")}
OUTCOMES = {"no_decision": N_("No decision"), "noted": N_("Noted"), "chosen": N_("Chosen")}
ABOUT = {
    "election": N_("Proposal %(number)s: an election"),
    "mandate": N_("Proposal %(number)s: confirming a mandate"),
    "recall": N_("Proposal %(number)s: a recall"),
}
NOTHING_DECIDED = N_("Nothing was decided at this meeting.")


def choice_label(key: str) -> str:
    """Name a choice as the ballot did."""
    if key in CHOICES:
        return _(CHOICES[key])
    if key.isdigit() and int(key) in FINGERS:
        return ngettext("%(num)s finger", "%(num)s fingers", int(key))
    return key


def sources(counts: dict) -> list[tuple[str, dict]]:
    """List each source of counts with its name: phones, then each kind of hand count."""
    found = [(_("Phones"), counts.get("phones") or {})]
    hands = counts.get("sources") or counts.get("hands") or {}
    if hands and all(isinstance(v, dict) for v in hands.values()):
        found += [(_(SOURCES[k]) if k in SOURCES else k.capitalize(), v) for k, v in hands.items()]
    elif hands:
        found.append((_("Hand counts"), hands))
    return found


def _choices(counts: dict) -> list[str]:
    """Return every choice counted, in the order of the totals."""
    keys = list(counts.get("total") or {})
    for _name, source in sources(counts):
        keys += [k for k in source if k not in keys]
    return keys


def counts_table(counts: dict, width: float) -> Table:
    """Return the counts of a round by source, numbers set right, the total last and bold."""
    columns = sources(counts)
    total = counts.get("total") or {}
    rows: list[list] = [head([_("Choice")]) + [name for name, _source in columns] + [_("Total")]]
    for key in _choices(counts):
        numbers = [source.get(key, 0) for _name, source in columns] + [total.get(key, 0)]
        rows.append(cells([choice_label(key)]) + [str(n) for n in numbers])
    first = 0.34 * width
    rest = (width - first) / (len(columns) + 1)
    table = grid(rows, [first] + [rest] * (len(columns) + 1))
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("RIGHTPADDING", (1, 0), (-1, -1), 8),
                ("FONTSIZE", (1, 0), (-1, -1), 9.5),
                ("FONTNAME", (1, 0), (-1, 0), SANS_BOLD),
                ("FONTNAME", (-1, 1), (-1, -1), SANS_BOLD),
            ]
        )
    )
    return table


def outcome_box(rnd: dict, width: float) -> Table:
    """Return the round's outcome sentence (or its bare outcome) in a shaded box."""
    if rnd["outcome"] in OUTCOMES:
        word = _(OUTCOMES[rnd["outcome"]])
    else:
        word = str(rnd["outcome"] or "open").replace("_", " ")
    words = escape(rnd.get("sentence") or word.capitalize() + ".")
    outcome = escape(_("Outcome:"))
    box = Table([[Paragraph(f"<b>{outcome}</b> {words}", ST["body"])]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _reasons(title: str, reasons: list[str]) -> list[Flowable]:
    """Return the reasons given for blocks or concerns, one bullet each."""
    if not reasons:
        return []
    return [para(title, "body"), *bullets(reasons)]


def round_block(
    rnd: dict, width: float, wording: str = "", about: str = "proposal"
) -> list[Flowable]:
    """Return one round: its rule, counts by source, reasons, outcome and a chart of the totals."""
    stage = _(STAGE_FOR.get(about) or STAGES.get(rnd["stage"]) or rnd["stage"])
    shown = _(VISIBILITY.get(rnd["visibility"]) or rnd["visibility"])
    totals = [(choice_label(k), n) for k, n in (rnd["counts"].get("total") or {}).items()]
    title = _("Round %(number)s: %(stage)s, %(shown)s", number=rnd["id"], stage=stage, shown=shown)
    out: list[Flowable] = [para(title, "h3")]
    if rnd.get("wording") and rnd["wording"] != wording:
        out.append(para(f"“{rnd['wording']}”", lead=_("On the words:")))
    out += [
        para(
            _("%(rule)s. %(present)s present.", rule=rnd["rule_label"], present=rnd["present"]),
            lead=_("Decided by:"),
        ),
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                counts_table(rnd["counts"], width * 0.7),
                Spacer(1, 2 * mm),
                totals_chart(totals, width * 0.8, _("Totals from every source")),
            ]
        ),
    ]
    out += _reasons(_("Reasons given for blocking:"), rnd.get("blocks") or [])
    out += _reasons(_("Concerns raised:"), rnd.get("concerns") or [])
    if rnd["kind"] == "consent" or rnd.get("stand_asides"):
        out.append(para(str(rnd.get("stand_asides") or 0), lead=_("Stood aside:")))
    if rnd.get("winners"):
        out.append(para(", ".join(map(str, rnd["winners"])), lead=_("Chosen:")))
    out += [Spacer(1, 1.5 * mm), outcome_box(rnd, width), Spacer(1, 3 * mm)]
    return out


def _version_text(version: object) -> str:
    """Return a version's words, whether given as text or as a record."""
    if isinstance(version, dict):
        return str(version.get("text") or version.get("wording") or "")
    return str(version)


def _amendments(amendments: list[dict], width: float) -> list[Flowable]:
    """Return the amendments proposed, by whom, and what became of each."""
    if not amendments:
        return []
    rows = [head([_("Amendment (full new wording)"), _("Proposed by"), _("Status")])]
    rows += [
        cells([a["text"], a.get("proposed_by") or _("the floor"), a["status"]]) for a in amendments
    ]
    return [para(_("Amendments"), "h3"), grid(rows, [0.6 * width, 0.22 * width, 0.18 * width])]


def words(wording: str) -> Paragraph:
    """Return a proposal's exact words: large in quotes, or line by line when set out in lines."""
    if "\n" not in wording:
        return Paragraph(f"“{escape(wording)}”", ST["quote"])
    return Paragraph("<br/>".join(escape(line) for line in wording.splitlines()), ST["item"])


def proposal_block(proposal: dict, width: float) -> list[Flowable]:
    """Return one proposal: its final words, how they changed, and every round on it."""
    about = ABOUT.get(proposal.get("about") or "proposal", N_("Proposal %(number)s"))
    out: list[Flowable] = [
        para(_(about, number=proposal["id"]), "h3"),
        words(proposal["wording"]),
    ]
    versions = [_version_text(v) for v in proposal.get("versions") or []]
    if len(versions) > 1:
        out.append(para(_("Versions of the wording"), "h3"))
        out += [para(v, "item", lead=f"{n}.") for n, v in enumerate(versions, 1)]
    out += _amendments(proposal.get("amendments") or [], width)
    for rnd in proposal.get("rounds") or []:
        out += round_block(rnd, width, proposal["wording"], proposal.get("about") or "proposal")
    return out


def proposals(minutes: dict, width: float) -> list[Flowable]:
    """Return every proposal, or say plainly that nothing was decided."""
    if not minutes["proposals"]:
        return [heading(_("Proposals and decisions")), para(_(NOTHING_DECIDED))]
    out: list[Flowable] = [heading(_("Proposals and decisions"))]
    for proposal in minutes["proposals"]:
        out += proposal_block(proposal, width)
    return out
