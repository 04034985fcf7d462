"""The minutes' evidence beyond the card: where people live, access needs, privacy, and what the
council did with the assembly's submissions. Counts only: nobody is named here.

Each part reads optional keys of the minutes (added within version 1), so minutes from a kiosk
that did not record them still print.
"""

from reportlab.platypus import Flowable

from .minutes_sections import cells, grid, head, heading, long_date, para

PLACES = (("inside", "inside the area"), ("outside", "outside it"), ("not_given", "not given"))


def residency_line(minutes: dict) -> list[Flowable]:
    """Return where the meeting's people live, by postcode sector against the area."""
    where = (minutes.get("legitimacy") or {}).get("residency")
    if not where:
        return []
    if not where["area"]:
        words = "The area's postcodes are not set, so residents are counted by their own word."
        return [para(words, lead="Where people live:")]
    said = "; ".join(f"{where[k]} {w}" for k, w in PLACES)
    if where.get("declared"):
        said += f" ({where['declared']} of those not given said they live here)"
    paper = where.get("on_paper") or {}
    if any(paper.values()):
        said += ". From the sign-in sheets: " + "; ".join(f"{paper[k]} {w}" for k, w in PLACES)
    area = ", ".join(where["area"])
    return [para(f"{said}. The area: {area}.", lead="Where people live:")]


def needs_line(minutes: dict) -> list[Flowable]:
    """Return the access needs asked for, as totals for planning the next meeting."""
    needs = minutes.get("access_needs")
    if needs is None:
        return []
    asked = [f"{n['label']} {n['count']}" for n in needs if n["count"]]
    return [para("; ".join(asked) + "." if asked else "None asked for.", lead="Access needs:")]


def _outcome(s: dict) -> str:
    """Say what came of a submission: the outcome, when the reply came, and its words."""
    labels = {"adopted": "Adopted", "partly": "Partly adopted", "rejected": "Rejected"}
    said = labels.get(s.get("outcome"), "No reply" if s.get("outcome") == "no_reply" else "")
    said = said or ("Overdue: no reply yet" if s.get("overdue") else "Awaiting a reply")
    if s.get("replied_on"):
        said += f", replied {long_date(s['replied_on'])}"
    if s.get("reply_text"):
        text = s["reply_text"]
        said += f": “{text[:300]}{'…' if len(text) > 300 else ''}”"
    if s.get("reply_pdf_sha256"):
        said += f" (reply kept as a PDF, sha256 {s['reply_pdf_sha256'][:16]}…)"
    return said


def submissions(minutes: dict, width: float) -> list[Flowable]:
    """Return the submissions to the council and what came of each, oldest first."""
    found = minutes.get("submissions")
    if not found:
        return []
    rows = [head(["Decision", "Sent", "Reply due", "What came of it"])]
    for s in found:
        who = ", ".join(f"{x['name']} ({x['role']})" for x in s["signers"])
        decision = [
            para(f"“{s['wording']}”", "cell"),
            para(
                f"{s['route_label']}, to {s['recipient'].splitlines()[0]}. Signed: {who}.", "cell"
            ),
        ]
        rows.append(
            [decision, *cells([long_date(s["sent_on"]), long_date(s["reply_due"]), _outcome(s)])]
        )
    widths = [0.42 * width, 0.14 * width, 0.14 * width, 0.30 * width]
    return [heading("Submissions to the council"), grid(rows, widths)]


def privacy(minutes: dict, width: float) -> list[Flowable]:
    """Return how long details are kept and which attendees' details were erased, by number."""
    kept = minutes.get("privacy")
    if not kept:
        return []
    lines = [f"Check-in details are kept {kept['retention_days']} days after a meeting."]
    asked = kept["erased_on_request"]
    if asked:
        named = ", ".join(f"{e['attendee']} ({long_date(e['on'])})" for e in asked)
        lines.append(f"Erased on request: {named}. Every count above still includes them.")
    if kept["erased_after_retention"]:
        n = kept["erased_after_retention"]
        lines.append(f"Erased after the retention period: {n} attendee{'s' if n != 1 else ''}.")
    return [heading("Privacy"), *[para(line) for line in lines]]


def evidence(minutes: dict, width: float) -> list[Flowable]:
    """Return the submissions and privacy sections, for the end of the minutes."""
    return submissions(minutes, width) + privacy(minutes, width)
