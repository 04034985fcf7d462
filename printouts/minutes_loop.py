"""The confederal loop on paper: what happened to our proposals, and a council's agenda items.

Pure: plain data in (minutes.json, version 2 or older), flowables out. Older minutes have none
of these sections, and draw nothing here.
"""

from reportlab.platypus import Flowable

from kiosk.words import N_
from kiosk.words import gettext as _

from .minutes_sections import bullets, cells, grid, head, heading, para

ORIGINS = {"procedural": N_("(procedural)"), "council": N_("(the council's own item)")}


def what_happened(minutes: dict, width: float) -> list[Flowable]:
    """Return what councils reported on their items, our own proposals first, and what is up."""
    found: list[Flowable] = []
    outcomes = minutes.get("outcomes") or []
    if outcomes:
        rows = [head([_("Item"), _("Council"), _("What it did"), _("Our seat voted")])]
        for o in outcomes:
            mark = " " + _("(our proposal)") if o["ours"] else ""
            rows.append(
                cells(
                    [
                        f"{o['text']}{mark}",
                        f"{o['council']}, {o['council_meeting_on']}",
                        o["outcome"],
                        o["seat_voted"] or "—",
                    ]
                )
            )
        widths = [0.34 * width, 0.2 * width, 0.3 * width, 0.16 * width]
        found += [heading(_("What happened to our proposals")), grid(rows, widths)]
    going = minutes.get("proposals_up") or []
    if going:
        lines = [
            _(
                "To %(council)s: “%(text)s” (decided %(day)s)",
                council=p["council"],
                text=p["text"],
                day=p["decided_on"],
            )
            for p in going
        ]
        found += [heading(_("Proposals on their way to councils")), *bullets(lines)]
    return found


def _origin(item: dict) -> str:
    """Say an item, where it came from, and which version was decided."""
    origin = " " + _(ORIGINS[item["origin"]]) if item["origin"] in ORIGINS else ""
    version = _("v%(version)s, id %(id)s", version=item["version"], id=item["id"])
    return f"{item['text']}{origin} — {version}"


def council_items(minutes: dict, width: float) -> list[Flowable]:
    """Return a council's published agenda, item by item: id, version, sources and outcome."""
    items = (minutes.get("council") or {}).get("items") or []
    if not items:
        return []
    rows = [head([_("No."), _("Item (version decided)"), _("From"), _("Outcome")])]
    for i in items:
        sources = ", ".join(s["member"] for s in i["sources"]) or "—"
        rows.append(
            cells(
                [
                    str(i["number"]),
                    _origin(i),
                    sources,
                    i["outcome_words"],
                ]
            )
        )
    widths = [0.06 * width, 0.46 * width, 0.18 * width, 0.3 * width]
    return [
        heading(_("The agenda, item by item")),
        para(
            _("Mandates bound each seat by the item's id and version, never by its words."), "label"
        ),
        grid(rows, widths),
    ]
