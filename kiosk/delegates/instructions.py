"""A mandate's instructions: the position on each item, bound to a council agenda item by id.

An instruction on an item of a council's published agenda names that item's stable id and the
version of its wording the assembly decided on; the council enforces it on that item only, never
on words that look alike. An instruction in the assembly's own words binds nothing at the
council: it is shown there as unbound, and the chair decides.
"""

import json

from sqlite_utils import Database

from kiosk.decisions.proposals import MAX_PROPOSAL
from kiosk.errors import Refused
from kiosk.words import N_

POSITIONS = {
    "must_support": "Must support",
    "must_oppose": "Must oppose",
    "support_amended": "Support only as amended",
    "free": "Free within limits",
    "abstain": "Abstain",
    "report_only": "Report only",
    "choose": "Vote as the assembly chose",
}
# What a position may be given on: a yes-or-no item, or an item choosing among options.
FOR_VOTES = ("must_support", "must_oppose", "support_amended", "free", "abstain", "report_only")
FOR_CHOOSING = ("choose", "free", "abstain", "report_only")
IF_AMENDED = {
    "abstain": "If the council changes the wording, the delegate abstains.",
    "holds": "If the council changes the wording, this position still holds.",
    "free": "If the council changes the wording, the delegate decides.",
}
UNBOUND = {  # an instruction in the assembly's own words names no agenda item
    "agenda_uid": None,
    "agenda_version": None,
    "amendment": "",
    "picks": "[]",
    "if_amended": "abstain",
}
MAX_TEXT = 600
MAX_ITEMS = 20


def clean(
    value: object,
    missing: str,
    too_long: str,
    required: bool = True,
    limit: int = MAX_TEXT,
    **values: object,
) -> str:
    """Return cleaned text, refusing missing or overlong words (each refusal a whole sentence)."""
    text = " ".join(str(value or "").split())
    if required and not text:
        raise Refused(missing, **values)
    if len(text) > limit:
        raise Refused(too_long, most=limit, **values)
    return text


def received(db: Database, uid: str) -> dict | None:
    """Return the newest version of a council agenda item this assembly received, or None."""
    row = db.execute(
        "SELECT id FROM agenda_in WHERE uid = ? ORDER BY version DESC LIMIT 1", [uid]
    ).fetchone()
    if row is None:
        return None
    found = db.table("agenda_in").get(row[0])
    return {**found, "options": json.loads(found["options"])}


def _picks(item: dict, raw: object, n: int) -> list[str]:
    """Read the options an assembly picked (approval) or ranked (ranked) on a choosing item."""
    if isinstance(raw, str):
        raw = [p for p in raw.split("\n")]
    picks = [" ".join(str(p).split()) for p in (raw or []) if str(p).strip()]
    if not picks:
        raise Refused("Item %(n)s: pick (or rank) at least one of the council's options.", n=n)
    if len(set(picks)) != len(picks) or any(p not in item["options"] for p in picks):
        raise Refused("Item %(n)s: pick only the council's options, each once.", n=n)
    if item["kind"] == "approval" and len(picks) > item["max_choices"]:
        raise Refused(
            "Item %(n)s: the council allows at most %(most)s picks.", n=n, most=item["max_choices"]
        )
    return picks


def _bound(db: Database, entry: dict, n: int, position: str) -> dict:
    """Read an instruction on a council agenda item: its id, version, and what the kind allows."""
    item = received(db, str(entry["agenda_uid"]))
    if item is None:
        raise Refused("Item %(n)s: this assembly has not received that council agenda item.", n=n)
    allowed = FOR_CHOOSING if item["kind"] != "vote" else FOR_VOTES
    if position not in allowed:
        raise Refused(
            N_(
                "Item %(n)s chooses among options: pick or rank them, leave it free, abstain, "
                "or report only."
            )
            if item["kind"] != "vote"
            else N_("Item %(n)s is decided yes or no: it cannot take picks."),
            n=n,
        )
    if_amended = str(entry.get("if_amended") or "abstain")
    if if_amended not in IF_AMENDED:
        raise Refused("Item %(n)s: say what holds if the council changes the wording.", n=n)
    amendment = ""
    if position == "support_amended":
        amendment = clean(
            entry.get("amendment"),
            N_("The mandate needs item %(n)s's amendment."),
            N_("Keep item %(n)s's amendment under %(most)s characters."),
            limit=MAX_PROPOSAL,
            n=n,
        )
        if amendment == item["text"]:
            raise Refused("Item %(n)s: the amendment must change the council's wording.", n=n)
    return {
        "item": item["text"],
        "agenda_uid": item["uid"],
        "agenda_version": item["version"],
        "amendment": amendment,
        "picks": json.dumps(_picks(item, entry.get("picks"), n) if position == "choose" else []),
        "if_amended": if_amended,
    }


def read(db: Database, raw: object) -> list[dict]:
    """Read a mandate's instructions from the form: each a position on an item, in order."""
    if not isinstance(raw, list) or not raw:
        raise Refused("The mandate needs at least one item with a position.")
    if len(raw) > MAX_ITEMS:
        raise Refused("A mandate can carry at most %(most)s items.", most=MAX_ITEMS)
    items, seen = [], set()
    for n, entry in enumerate(raw, 1):
        position = entry.get("position") if isinstance(entry, dict) else None
        if not isinstance(position, str) or position not in POSITIONS:
            raise Refused(
                "Item %(n)s needs a position: must support, must oppose, free within "
                "limits, abstain or report only.",
                n=n,
            )
        limits = clean(
            entry.get("limits"),
            "",
            N_("Keep the limits of item %(n)s under %(most)s characters."),
            required=False,
            n=n,
        )
        if position == "free" and not limits:
            raise Refused("Item %(n)s is free within limits: state the limits.", n=n)
        if entry.get("agenda_uid"):
            words = _bound(db, entry, n, position)
            if words["agenda_uid"] in seen:
                raise Refused(
                    "Item %(n)s: the mandate already has an instruction on that item.", n=n
                )
            seen.add(words["agenda_uid"])
        elif position in ("choose", "support_amended"):
            raise Refused(
                "Item %(n)s: only a council agenda item can take picks or an amendment.", n=n
            )
        else:
            item = clean(
                entry.get("item"),
                N_("The mandate needs item %(n)s's words."),
                N_("Keep item %(n)s's words under %(most)s characters."),
                n=n,
            )
            words = {**UNBOUND, "item": item}
        items.append({"position_no": n, "position": position, "limits": limits, **words})
    return items


def words(item: dict) -> str:
    """Write what an instruction is on: its words, and for an agenda item its id and version."""
    limits = f" (limits: {item['limits']})" if item["limits"] else ""
    if not item.get("agenda_uid"):
        return f"{item['item']}{limits}"
    more = ""
    if item["position"] == "support_amended":
        more = f" — only as amended to “{item['amendment']}”"
    picks = json.loads(item.get("picks") or "[]")
    if picks:
        more = " — the assembly's choice, in order: " + ", ".join(f"“{p}”" for p in picks)
    rule = "" if item["position"] == "report_only" else " " + IF_AMENDED[item["if_amended"]]
    return (
        f"council item {item['agenda_uid']} version {item['agenda_version']}, "
        f"“{item['item']}”{more}{limits}.{rule}"
    ).removesuffix(".")


def line(item: dict) -> str:
    """Write one instruction as the mandate's words put it (and the card's digest covers)."""
    return f"{item['position_no']}. {POSITIONS[item['position']]}: {words(item)}."


def public(item: dict) -> dict:
    """Describe an instruction as plain data, for the minutes, the console and the card."""
    found = {k: item[k] for k in ("position_no", "item", "position", "limits")}
    if item.get("agenda_uid"):
        found.update(
            agenda_item=item["agenda_uid"],
            version=item["agenda_version"],
            amendment=item["amendment"],
            picks=json.loads(item["picks"] or "[]"),
            if_amended=item["if_amended"],
        )
    return found
