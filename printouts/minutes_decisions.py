"""Proposals in the minutes: wording, versions, amendments, and every round with its counts."""

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .charts import totals_chart
from .common import INK
from .fonts import SANS_BOLD, Paragraph
from .minutes_sections import SOFT, ST, bullets, cells, grid, head, heading, para

CHOICES = {
    "agree": "Agree",
    "concerns": "Concerns",
    "stand_aside": "Stand aside",
    "block": "Block",
    "unsure": "Unsure",
    "disagree": "Disagree",
    "yes": "Yes",
    "no": "No",
    "abstain": "Abstain",
} | {str(n): f"{n} finger{'s' if n != 1 else ''}" for n in range(6)}
SOURCES = {"hands": "Raised hands", "cards": "Voting cards", "paper": "Paper ballots"}
STAGES = {
    "temperature": "Temperature check",
    "amendment": "Amendment",
    "consent": "Consent round",
    "final": "Final vote",
    "runoff": "Run-off",
}
VISIBILITY = {"open": "open, names shown", "counted": "counted anonymously", "secret": "secret"}
# An election is decided by a ranked (or approval) ballot, a recall by a final vote: the minutes
# say which they were, not the stage of an ordinary proposal.
STAGE_FOR = {"election": "Election", "recall": "Recall vote"}
OUTCOMES = {"no_decision": "No decision", "noted": "Noted", "chosen": "Chosen"}
ABOUT = {"election": ": an election", "mandate": ": confirming a mandate", "recall": ": a recall"}
NOTHING_DECIDED = "Nothing was decided at this meeting."


def choice_label(key: str) -> str:
    """Name a choice as the ballot did."""
    return CHOICES.get(key, key)


def sources(counts: dict) -> list[tuple[str, dict]]:
    """List each source of counts with its name: phones, then each kind of hand count."""
    found = [("Phones", counts.get("phones") or {})]
    hands = counts.get("sources") or counts.get("hands") or {}
    if hands and all(isinstance(v, dict) for v in hands.values()):
        found += [(SOURCES.get(k, k.capitalize()), v) for k, v in hands.items()]
    elif hands:
        found.append(("Hand counts", hands))
    return found


def _choices(counts: dict) -> list[str]:
    """Return every choice counted, in the order of the totals."""
    keys = list(counts.get("total") or {})
    for _, source in sources(counts):
        keys += [k for k in source if k not in keys]
    return keys


def counts_table(counts: dict, width: float) -> Table:
    """Return the counts of a round by source, numbers set right, the total last and bold."""
    columns = sources(counts)
    total = counts.get("total") or {}
    rows: list[list] = [head(["Choice"]) + [name for name, _ in columns] + ["Total"]]
    for key in _choices(counts):
        numbers = [source.get(key, 0) for _, source in columns] + [total.get(key, 0)]
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
    word = OUTCOMES.get(rnd["outcome"], str(rnd["outcome"] or "open").replace("_", " "))
    words = escape(rnd.get("sentence") or word.capitalize() + ".")
    box = Table([[Paragraph(f"<b>Outcome:</b> {words}", ST["body"])]], colWidths=[width])
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
    stage = STAGE_FOR.get(about) or STAGES.get(rnd["stage"], rnd["stage"])
    shown = VISIBILITY.get(rnd["visibility"], rnd["visibility"])
    totals = [(choice_label(k), n) for k, n in (rnd["counts"].get("total") or {}).items()]
    out: list[Flowable] = [para(f"Round {rnd['id']}: {stage}, {shown}", "h3")]
    if rnd.get("wording") and rnd["wording"] != wording:
        out.append(para(f"“{rnd['wording']}”", lead="On the words:"))
    out += [
        para(f"{rnd['rule_label']}. {rnd['present']} present.", lead="Decided by:"),
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                counts_table(rnd["counts"], width * 0.7),
                Spacer(1, 2 * mm),
                totals_chart(totals, width * 0.8, "Totals from every source"),
            ]
        ),
    ]
    out += _reasons("Reasons given for blocking:", rnd.get("blocks") or [])
    out += _reasons("Concerns raised:", rnd.get("concerns") or [])
    if rnd["kind"] == "consent" or rnd.get("stand_asides"):
        out.append(para(str(rnd.get("stand_asides") or 0), lead="Stood aside:"))
    if rnd.get("winners"):
        out.append(para(", ".join(map(str, rnd["winners"])), lead="Chosen:"))
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
    rows = [head(["Amendment (full new wording)", "Proposed by", "Status"])]
    rows += [
        cells([a["text"], a.get("proposed_by") or "the floor", a["status"]]) for a in amendments
    ]
    return [para("Amendments", "h3"), grid(rows, [0.6 * width, 0.22 * width, 0.18 * width])]


def words(wording: str) -> Paragraph:
    """Return a proposal's exact words: large in quotes, or line by line when set out in lines."""
    if "\n" not in wording:
        return Paragraph(f"“{escape(wording)}”", ST["quote"])
    return Paragraph("<br/>".join(escape(line) for line in wording.splitlines()), ST["item"])


def proposal_block(proposal: dict, width: float) -> list[Flowable]:
    """Return one proposal: its final words, how they changed, and every round on it."""
    about = ABOUT.get(proposal.get("about") or "proposal", "")
    out: list[Flowable] = [
        para(f"Proposal {proposal['id']}{about}", "h3"),
        words(proposal["wording"]),
    ]
    versions = [_version_text(v) for v in proposal.get("versions") or []]
    if len(versions) > 1:
        out.append(para("Versions of the wording", "h3"))
        out += [para(v, "item", lead=f"{n}.") for n, v in enumerate(versions, 1)]
    out += _amendments(proposal.get("amendments") or [], width)
    for rnd in proposal.get("rounds") or []:
        out += round_block(rnd, width, proposal["wording"], proposal.get("about") or "proposal")
    return out


def proposals(minutes: dict, width: float) -> list[Flowable]:
    """Return every proposal, or say plainly that nothing was decided."""
    if not minutes["proposals"]:
        return [heading("Proposals and decisions"), para(NOTHING_DECIDED)]
    out: list[Flowable] = [heading("Proposals and decisions")]
    for proposal in minutes["proposals"]:
        out += proposal_block(proposal, width)
    return out
