"""The confederal loop on paper: what happened to our proposals, and a council's agenda items.

Pure: plain data in (minutes.json, version 2 or older), flowables out. Older minutes have none
of these sections, and draw nothing here.
"""

from reportlab.platypus import Flowable

from .minutes_sections import bullets, cells, grid, head, heading, para

ORIGINS = {"members": "", "procedural": " (procedural)", "council": " (the council's own item)"}


def what_happened(minutes: dict, width: float) -> list[Flowable]:
    """Return what councils reported on their items, our own proposals first, and what is up."""
    found: list[Flowable] = []
    outcomes = minutes.get("outcomes") or []
    if outcomes:
        rows = [head(["Item", "Council", "What it did", "Our seat voted"])]
        for o in outcomes:
            mark = " (our proposal)" if o["ours"] else ""
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
        found += [heading("What happened to our proposals"), grid(rows, widths)]
    going = minutes.get("proposals_up") or []
    if going:
        lines = [f"To {p['council']}: “{p['text']}” (decided {p['decided_on']})" for p in going]
        found += [heading("Proposals on their way to councils"), *bullets(lines)]
    return found


def council_items(minutes: dict, width: float) -> list[Flowable]:
    """Return a council's published agenda, item by item: id, version, sources and outcome."""
    items = (minutes.get("council") or {}).get("items") or []
    if not items:
        return []
    rows = [head(["No.", "Item (version decided)", "From", "Outcome"])]
    for i in items:
        sources = ", ".join(s["member"] for s in i["sources"]) or "—"
        rows.append(
            cells(
                [
                    str(i["number"]),
                    f"{i['text']}{ORIGINS[i['origin']]} — v{i['version']}, id {i['id']}",
                    sources,
                    i["outcome_words"],
                ]
            )
        )
    widths = [0.06 * width, 0.46 * width, 0.18 * width, 0.3 * width]
    return [
        heading("The agenda, item by item"),
        para("Mandates bound each seat by the item's id and version, never by its words.", "label"),
        grid(rows, widths),
    ]
