"""The minutes' evidence beyond the card: where people live, access needs, privacy, and what the
council did with the assembly's submissions. Counts only: nobody is named here.

Each part reads optional keys of the minutes (added within version 1), so minutes from a kiosk
that did not record them still print.
"""

from reportlab.platypus import Flowable

from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

from .minutes_sections import cells, grid, head, heading, long_date, para

PLACES = (
    ("inside", N_("%(count)s inside the area")),
    ("outside", N_("%(count)s outside it")),
    ("not_given", N_("%(count)s not given")),
)
OUTCOMES = {
    "adopted": N_("Adopted"),
    "partly": N_("Partly adopted"),
    "rejected": N_("Rejected"),
    "no_reply": N_("No reply"),
}


def residency_line(minutes: dict) -> list[Flowable]:
    """Return where the meeting's people live, by postcode sector against the area."""
    where = (minutes.get("legitimacy") or {}).get("residency")
    if not where:
        return []
    if not where["area"]:
        words = _("The area's postcodes are not set, so residents are counted by their own word.")
        return [para(words, lead=_("Where people live:"))]
    said = "; ".join(_(w, count=where[k]) for k, w in PLACES)
    if where.get("declared"):
        declared = _("(%(count)s of those not given said they live here)", count=where["declared"])
        said += " " + declared
    paper = where.get("on_paper") or {}
    if any(paper.values()):
        sheets = "; ".join(_(w, count=paper[k]) for k, w in PLACES)
        said += ". " + _("From the sign-in sheets: %(counts)s", counts=sheets)
    area = _("The area: %(area)s.", area=", ".join(where["area"]))
    return [para(f"{said}. {area}", lead=_("Where people live:"))]


def needs_line(minutes: dict) -> list[Flowable]:
    """Return the access needs asked for, as totals for planning the next meeting."""
    needs = minutes.get("access_needs")
    if needs is None:
        return []
    asked = [f"{n['label']} {n['count']}" for n in needs if n["count"]]
    said = "; ".join(asked) + "." if asked else _("None asked for.")
    return [para(said, lead=_("Access needs:"))]


def _outcome(s: dict) -> str:
    """Say what came of a submission: the outcome, when the reply came, and its words."""
    said = _(OUTCOMES[s["outcome"]]) if s.get("outcome") in OUTCOMES else ""
    said = said or (_("Overdue: no reply yet") if s.get("overdue") else _("Awaiting a reply"))
    if s.get("replied_on"):
        said += ", " + _("replied %(day)s", day=long_date(s["replied_on"]))
    if s.get("reply_text"):
        text = s["reply_text"]
        said += f": “{text[:300]}{'…' if len(text) > 300 else ''}”"
    if s.get("reply_pdf_sha256"):
        digest = s["reply_pdf_sha256"][:16] + "…"
        said += " " + _("(reply kept as a PDF, sha256 %(digest)s)", digest=digest)
    return said


def submissions(minutes: dict, width: float) -> list[Flowable]:
    """Return the submissions to the council and what came of each, oldest first."""
    found = minutes.get("submissions")
    if not found:
        return []
    rows = [head([_("Decision"), _("Sent"), _("Reply due"), _("What came of it")])]
    for s in found:
        who = ", ".join(f"{x['name']} ({x['role']})" for x in s["signers"])
        decision = [
            para(f"“{s['wording']}”", "cell"),
            para(
                _(
                    "%(route)s, to %(recipient)s. Signed: %(who)s.",
                    route=_(s["route_label"]),
                    recipient=s["recipient"].splitlines()[0],
                    who=who,
                ),
                "cell",
            ),
        ]
        rows.append(
            [decision, *cells([long_date(s["sent_on"]), long_date(s["reply_due"]), _outcome(s)])]
        )
    widths = [0.42 * width, 0.14 * width, 0.14 * width, 0.30 * width]
    return [heading(_("Submissions to the council")), grid(rows, widths)]


def privacy(minutes: dict, width: float) -> list[Flowable]:
    """Return how long details are kept and which attendees' details were erased, by number."""
    kept = minutes.get("privacy")
    if not kept:
        return []
    lines = [
        ngettext(
            "Check-in details are kept %(num)s day after a meeting.",
            "Check-in details are kept %(num)s days after a meeting.",
            kept["retention_days"],
        )
    ]
    asked = kept["erased_on_request"]
    if asked:
        named = ", ".join(f"{e['attendee']} ({long_date(e['on'])})" for e in asked)
        lines.append(
            _("Erased on request: %(named)s. Every count above still includes them.", named=named)
        )
    if kept["erased_after_retention"]:
        lines.append(
            ngettext(
                "Erased after the retention period: %(num)s attendee.",
                "Erased after the retention period: %(num)s attendees.",
                kept["erased_after_retention"],
            )
        )
    return [heading(_("Privacy")), *[para(line) for line in lines]]


def evidence(minutes: dict, width: float) -> list[Flowable]:
    """Return the submissions and privacy sections, for the end of the minutes."""
    return submissions(minutes, width) + privacy(minutes, width)
