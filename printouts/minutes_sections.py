"""The body of the minutes, section by section: each a function from the minutes to flowables."""

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kiosk import dates
from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

from .common import INK, RULE_GREY, STYLES
from .fonts import MONO, SANS_BOLD, Paragraph
from .wording import ROLES

SOFT = colors.HexColor("#f1eef6")
MUTED = colors.HexColor("#5a566b")
ST = {
    "title": STYLES["title"].clone("m_title", alignment=0, spaceAfter=2, textColor=INK),
    "subtitle": STYLES["big"].clone("m_subtitle", textColor=MUTED, spaceAfter=6),
    "h": STYLES["heading"].clone("m_h", textColor=INK, spaceBefore=10, keepWithNext=1),
    "h3": STYLES["body"].clone("m_h3", fontName=SANS_BOLD, spaceBefore=6, keepWithNext=1),
    "body": STYLES["body"].clone("m_body", fontSize=10, leading=13.5, textColor=INK),
    "cell": STYLES["body"].clone("m_cell", fontSize=9.5, leading=12, textColor=INK),
    "label": STYLES["body"].clone("m_label", fontSize=9, leading=12, textColor=MUTED),
    "quote": STYLES["big"].clone("m_quote", fontName=SANS_BOLD, fontSize=13, leading=17),
    "item": STYLES["body"].clone("m_item", fontSize=10, leading=13.5, leftIndent=12),
    "mono": STYLES["body"].clone("m_mono", fontName=MONO, fontSize=8.5, leading=11),
}
AGREEMENT = {"all": N_("All of us"), "most": N_("Most of us"), "some": N_("Some of us")}
NONE_YET = N_("None recorded.")


def para(text: object, style: str = "body", lead: str = "") -> Paragraph:
    """Return a paragraph of escaped text, optionally led by a bold label."""
    bold = f"<b>{escape(lead)}</b> " if lead else ""
    return Paragraph(bold + escape("" if text is None else str(text)), ST[style])


def heading(text: str) -> Paragraph:
    """Return a section heading."""
    return Paragraph(escape(text), ST["h"])


def bullets(lines: list[str], style: str = "item") -> list[Flowable]:
    """Return one bulleted paragraph per line."""
    return [Paragraph(escape(line), ST[style], bulletText="•") for line in lines]


def long_date(value: str | None) -> str:
    """Say an ISO date (or date-time) as people write it: Thursday 12 March 2026."""
    if not value:
        return _("not recorded")
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return dates.weekday(day)


def clock(value: str | None) -> str:
    """Say the time of an ISO date-time on the 24-hour clock, as it was recorded."""
    if not value:
        return _("not recorded")
    try:
        return dates.clock(value)
    except ValueError:
        return value


def grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    """Return a ruled table, its header row shaded and repeated on each page."""
    # splitInRow: a cell taller than a page (a pasted link, one long word) breaks across pages.
    table = Table(
        rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1
    )
    style = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SOFT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    table.setStyle(TableStyle(style))
    return table


def cells(values: list[object], style: str = "cell") -> list[Paragraph]:
    """Return a table row of wrapped paragraphs."""
    return [para(v, style) for v in values]


def head(values: list[str]) -> list[Paragraph]:
    """Return a table header row."""
    return [Paragraph(f"<b>{escape(v)}</b>", ST["cell"]) for v in values]


def roles(minutes: dict, width: float) -> list[Flowable]:
    """Return who held each role tonight."""
    rows = [head([_("Role"), _("Name"), _("Gender")])]
    rows += [
        cells([_(ROLES.get(r.get("key"), r["role"])), r["name"], r.get("gender") or "—"])
        for r in minutes["roles"]
    ]
    if not minutes["roles"]:
        return [heading(_("Roles")), para(_(NONE_YET))]
    return [heading(_("Roles")), grid(rows, [0.3 * width, 0.45 * width, 0.25 * width])]


def _how(item: dict) -> str:
    """Say how a checklist item was recorded and when."""
    if not item["done"]:
        return _("Not done")
    how = {"kiosk": _("seen by the kiosk"), "facilitator": _("ticked by the facilitator")}
    words = how.get(item.get("how") or "", item.get("how") or _("done"))
    if item.get("at"):
        return _("%(how)s at %(time)s", how=words, time=clock(item["at"]))
    return words


def process(minutes: dict, width: float) -> list[Flowable]:
    """Return the stages as they happened and the process checklist, each with its times."""
    out: list[Flowable] = [heading(_("The process followed"))]
    stages = minutes["process"]["stages"]
    if stages:
        rows = [head([_("Stage"), _("Planned"), _("Started"), _("Ended")])]
        rows += [
            cells(
                [
                    s["title"],
                    _("%(minutes)s min", minutes=s["planned_minutes"]),
                    clock(s["started_at"]),
                    clock(s["ended_at"]),
                ]
            )
            for s in stages
        ]
        out.append(grid(rows, [0.49 * width, 0.17 * width, 0.17 * width, 0.17 * width]))
    checklist = minutes["process"]["checklist"]
    if checklist:
        rows = [head([_("Checklist"), _("Done"), _("How and when")])]
        rows += [
            cells([c["label"], _("Yes") if c["done"] else _("No"), _how(c)]) for c in checklist
        ]
        out += [Spacer(1, 3 * mm)] if stages else []
        out.append(grid(rows, [0.55 * width, 0.1 * width, 0.35 * width]))
    if not stages and not checklist:
        out.append(para(_("No stages were stamped and no checklist was kept.")))
    return out


def question(minutes: dict, width: float) -> list[Flowable]:
    """Return the question in its exact words."""
    if not minutes["question"]:
        return [heading(_("The question")), para(_("No question was put to the room."))]
    return [heading(_("The question")), Paragraph(f"“{escape(minutes['question'])}”", ST["quote"])]


def _agreement(value: object) -> str:
    """Say how many of a group agreed with a point."""
    return _(AGREEMENT[str(value)]) if str(value) in AGREEMENT else str(value or "—")


def led(title: str, blocks: list[list[Flowable]]) -> list[Flowable]:
    """Return blocks each kept together, the section's heading kept with the first."""
    if not blocks:
        return []
    return [KeepTogether([heading(title), *blocks[0]])] + [KeepTogether(b) for b in blocks[1:]]


def _group(group: dict, width: float) -> list[Flowable]:
    """Return one breakout group: its theme, place, size, read-back and points."""
    read = _("read back and confirmed") if group.get("read_back") else _("not read back")
    theme = group.get("theme") or _("no theme")
    title = _("Group %(number)s: %(theme)s", number=group["group"], theme=theme)
    where = [group.get("place") or _("place not recorded")]
    if group.get("members"):
        where.append(ngettext("%(num)s person", "%(num)s people", group["members"]))
    where = " · ".join([*where, read])
    rows = [head([_("Point"), _("Agreement")])]
    rows += [cells([p["text"], _agreement(p["agreement"])]) for p in group["points"]]
    table = grid(rows, [0.78 * width, 0.22 * width])
    points = table if group["points"] else para(_("No points were sent."))
    return [para(title, "h3"), para(where, "label"), points]


def breakouts(minutes: dict, width: float) -> list[Flowable]:
    """Return each breakout group's points with how many of the group agreed."""
    return led(_("What the groups said"), [_group(g, width) for g in minutes["breakouts"]])


def _theme_point(point: object) -> str:
    """Say a point under a theme, with its group and agreement when known."""
    if not isinstance(point, dict):
        return str(point)
    whose = [_("Group %(number)s", number=point["group"])] if point.get("group") else []
    whose += [_agreement(point["agreement"]).lower()] if point.get("agreement") else []
    return point.get("text", "") + (f" ({', '.join(whose)})" if whose else "")


def themes(minutes: dict, width: float) -> list[Flowable]:
    """Return the themes that emerged from the harvest."""
    if not minutes["themes"]:
        return []
    out: list[Flowable] = [heading(_("Emerging themes"))]
    for theme in minutes["themes"]:
        out.append(para(theme["title"], "h3"))
        out += bullets([_theme_point(p) for p in theme["points"]])
    return out


def actions(minutes: dict, width: float) -> list[Flowable]:
    """Return the actions agreed, each with its owner and deadline."""
    if not minutes["actions"]:
        return [heading(_("Actions")), para(_("No actions were agreed."))]
    rows = [head([_("Action"), _("Owner"), _("By")])]
    rows += [
        cells([a["what"], a["owner"], long_date(a["deadline"]) if a.get("deadline") else "—"])
        for a in minutes["actions"]
    ]
    return [heading(_("Actions")), grid(rows, [0.5 * width, 0.22 * width, 0.28 * width])]


def _mandate(m: dict) -> list[Flowable]:
    """Return one mandate: who carries it where, its status and its exact words."""
    people = [_("Delegate %(name)s", name=m["delegate"])]
    if m.get("co_delegate"):
        people.append(_("co-delegate %(name)s", name=m["co_delegate"]))
    if m.get("alternate"):
        people.append(_("alternate %(name)s", name=m["alternate"]))
    lines = [escape(line) for line in (m.get("text") or "").splitlines()]
    title = _(
        "Mandate %(number)s to %(council)s (%(level)s): %(status)s",
        number=m["id"],
        council=m["council"],
        level=m.get("level") or _("council"),
        status=m["status"],
    )
    digest = _("Digest of the exact words: %(digest)s", digest=m.get("text_digest") or "—")
    return [
        para(title, "h3"),
        para(", ".join(people) + "."),
        Paragraph("<br/>".join(lines), ST["item"]) if lines else para(_("No text recorded.")),
        para(digest, "mono"),
    ]


def mandates(minutes: dict, width: float) -> list[Flowable]:
    """Return the mandates issued, with the words their cards carry."""
    return led(_("Mandates issued"), [_mandate(m) for m in minutes["mandates"]])


def _plain(entry: object) -> str:
    """Say a record of any other shape as one line of its fields."""
    if not isinstance(entry, dict):
        return str(entry)
    return "; ".join(f"{k.replace('_', ' ').capitalize()}: {v}" for k, v in entry.items())


def _recall(entry: dict) -> str:
    """Say what happened to a recalled mandate, in one line."""
    if not isinstance(entry, dict) or "mandate_id" not in entry:
        return _plain(entry)
    who = ", ".join(str(entry[k]) for k in ("delegate", "council") if entry.get(k))
    line = _("Mandate %(number)s", number=entry["mandate_id"]) + (f" ({who})" if who else "")
    outcome = entry.get("outcome") or entry.get("status")
    line += f": {outcome}." if outcome else "."
    if entry.get("signatures") is not None:
        signed, needed = entry["signatures"], entry.get("needed", "?")
        line += " " + _(
            "Petition: %(signed)s signed, %(needed)s needed.", signed=signed, needed=needed
        )
    line += f" {entry['sentence']}" if entry.get("sentence") else ""
    if entry.get("replaced_by"):
        line += " " + _("Replaced by mandate %(number)s.", number=entry["replaced_by"])
    return line


def _revocation(entry: dict) -> str:
    """Say which mandate was revoked and when, in one line."""
    if not isinstance(entry, dict) or "mandate_id" not in entry:
        return _plain(entry)
    at = entry.get("revoked_at")
    if isinstance(at, str):
        return _(
            "Mandate %(number)s revoked at %(time)s on %(day)s; the signed revocation goes with "
            "the minutes.",
            number=entry["mandate_id"],
            time=clock(at),
            day=long_date(at),
        )
    return _(
        "Mandate %(number)s revoked; the signed revocation goes with the minutes.",
        number=entry["mandate_id"],
    )


def recalls(minutes: dict, width: float) -> list[Flowable]:
    """Return the recalls and the revocations signed because of them."""
    out: list[Flowable] = []
    if minutes["recalls"]:
        out += [heading(_("Recalls")), *bullets([_recall(r) for r in minutes["recalls"]])]
    if minutes["revocations"]:
        lines = [_revocation(r) for r in minutes["revocations"]]
        out += [heading(_("Revocations signed")), *bullets(lines)]
    return out


def _report(report: dict, width: float) -> list[Flowable]:
    """Return one report-back: who, from which council meeting, and each instruction."""
    title = _(
        "%(delegate)s, from %(council)s", delegate=report["delegate"], council=report["council"]
    )
    when = _("Council meeting of %(day)s", day=long_date(report.get("council_meeting_on")))
    rows = [head([_("Instruction"), _("The council"), _("The delegate voted")])]
    rows += [cells([i["item"], i["council_did"], i["delegate_voted"]]) for i in report["items"]]
    table = grid(rows, [0.38 * width, 0.31 * width, 0.31 * width])
    return [para(title, "h3"), para(when, "label"), table]


def report_backs(minutes: dict, width: float) -> list[Flowable]:
    """Return the report-backs received from councils, item by item."""
    return led(_("Report-backs received"), [_report(r, width) for r in minutes["report_backs"]])


def onward(minutes: dict, width: float) -> list[Flowable]:
    """Return where tonight's results go and when the assembly meets next."""
    meeting = minutes["meeting"]
    return [
        heading(_("Where the results go, and the next meeting")),
        para(meeting.get("results_go_to") or "Not recorded.", lead=_("Results go to:")),
        para(meeting.get("next_meeting") or "Not yet set.", lead=_("Next meeting:")),
    ]
