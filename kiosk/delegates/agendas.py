"""Down and back: a council's agenda as an assembly receives it, and what the council then did.

Each item of a council's published agenda arrives with its stable id, the exact wording and its
version, and, for an item choosing among options, the options. The items go on the assembly's
running (next) agenda, where the assembly mandates its delegate on each by id. After the council
meets, its report-back says what happened to every item; those that came from this assembly's
own proposals are "what happened to our proposals", on the projector and in the minutes.
"""

import json
import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.process import agenda
from kiosk.words import N_, gettext

KINDS = ("vote", "approval", "ranked")
ORIGINS = {
    "members": "from member assemblies' proposals",
    "procedural": "procedural",
    "council": "the council's own item",
}
MAX_ITEMS = 60


def _item(raw: object, n: int) -> dict:
    """Read one agenda item from a council's signed agenda, refusing anything malformed."""
    if not isinstance(raw, dict):
        raise Refused("The agenda's item %(n)s is not readable.", n=n)
    uid, version = raw.get("id"), raw.get("version")
    options = raw.get("options") or []
    ok = (
        isinstance(uid, str)
        and 0 < len(uid) <= 80
        and isinstance(version, int)
        and not isinstance(version, bool)
        and 1 <= version <= 1000
        and isinstance(raw.get("text"), str)
        and 0 < len(raw["text"]) <= 2000
        and raw.get("kind") in KINDS
        and raw.get("origin") in ORIGINS
        and isinstance(options, list)
        and all(isinstance(o, str) and len(o) <= 200 for o in options)
        and (raw["kind"] == "vote") == (not options)
    )
    if not ok:
        raise Refused("The agenda's item %(n)s is not readable; nothing was imported.", n=n)
    sources = [s for s in raw.get("sources") or [] if isinstance(s, dict)]
    most = raw.get("max_choices")
    return {
        "uid": uid,
        "version": version,
        "number": n,
        "text": raw["text"],
        "kind": raw["kind"],
        "options": json.dumps(options),
        "max_choices": most if isinstance(most, int) and 1 <= most <= len(options) else 1,
        "origin": raw["origin"],
        "sources": json.dumps(
            [
                {"id": str(s.get("id", ""))[:80], "member": str(s.get("member", ""))[:80]}
                for s in sources
            ]
        ),
    }


def read(raw: object) -> dict:
    """Read a council's agenda (agenda.json) as plain, checked data."""
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        raise Refused("The agenda in this bundle is not readable.")
    if len(raw["items"]) > MAX_ITEMS:
        raise Refused(
            "An agenda of more than %(most)s items is not one this kiosk reads.", most=MAX_ITEMS
        )
    edition = raw.get("edition")
    return {
        "meets_on": str(raw.get("meets_on", ""))[:10],
        "edition": edition if isinstance(edition, int) and edition > 0 else 1,
        "items": [_item(item, n) for n, item in enumerate(raw["items"], 1)],
    }


def receive(db: Database, meeting: dict, council: dict, key_id: str, raw: dict) -> dict:
    """Keep a council's agenda and put its new items on the running meeting's agenda."""
    told = read(raw)
    new = []
    for item in told["items"]:
        seen = db.execute(
            "SELECT 1 FROM agenda_in WHERE uid = ? AND version = ?", [item["uid"], item["version"]]
        ).fetchone()
        if seen:
            continue
        row = {
            **item,
            "council_id": council["id"],
            "key_id": key_id,
            "meets_on": told["meets_on"],
            "edition": told["edition"],
            "meeting_id": meeting["id"],
            "received_at": time.time(),
        }
        db.table("agenda_in").insert(row)
        agenda.add_item(db, meeting["id"], "delegates", *_on_agenda(db, meeting, council, row))
        new.append(item["text"])
    return {"council": council["name"], "items": len(told["items"]), "new": new}


def _on_agenda(db: Database, meeting: dict, council: dict, item: dict) -> tuple[str, int, str]:
    """Write how a council's item appears on the assembly's own agenda: title, minutes, notes."""
    title = gettext(
        N_("%(council)s item %(number)s (new wording): %(text)s")
        if item["version"] > 1
        else N_("%(council)s item %(number)s: %(text)s"),
        council=council["name"],
        number=item["number"],
        text=item["text"],
    )
    notes = gettext(
        "Council agenda item %(uid)s, version %(version)s, for its meeting on %(day)s. "
        "Decide the mandate on it by id.",
        uid=item["uid"],
        version=item["version"],
        day=item["meets_on"],
    )
    if council["theme"]:
        breakout = db.execute(
            "SELECT 1 FROM breakout_themes WHERE meeting_id = ? AND name = ? COLLATE NOCASE",
            [meeting["id"], council["theme"]],
        ).fetchone()
        notes += f" For the {council['theme']} delegates" + (
            f" and the {council['theme']} breakout." if breakout else "."
        )
    return title[: agenda.MAX_TITLE], 5, notes


def latest(db: Database, council_id: int | None = None) -> list[dict]:
    """Return each council's latest agenda received, every item at its newest version."""
    sql = """SELECT agenda_in.*, councils.name AS council FROM agenda_in
             JOIN councils ON councils.id = council_id
             WHERE version = (SELECT MAX(version) FROM agenda_in AS a
                              WHERE a.uid = agenda_in.uid)
             AND meets_on = (SELECT MAX(meets_on) FROM agenda_in AS m
                             WHERE m.council_id = agenda_in.council_id)"""
    params: list = []
    if council_id is not None:
        sql += " AND council_id = ?"
        params.append(council_id)
    rows = db.query(sql + " ORDER BY meets_on DESC, council, number", params)
    return [
        {**r, "options": json.loads(r["options"]), "sources": json.loads(r["sources"])}
        for r in rows
    ]


# -- back: what the council did ------------------------------------------------------------------


def record_outcomes(
    db: Database, meeting: dict, council: dict, when: str, items: list, ours: set[str]
) -> int:
    """Keep what the council did with each item; ours are the ids of this assembly's proposals."""
    kept = 0
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        sources = {str(s.get("id")) for s in item.get("sources") or [] if isinstance(s, dict)}
        row = {
            "council_id": council["id"],
            "meeting_id": meeting["id"],
            "uid": item["id"][:80],
            "version": item.get("version") if isinstance(item.get("version"), int) else 1,
            "text": str(item.get("text", ""))[:2000],
            "outcome": str(item.get("outcome_words") or "Not decided at this meeting.")[:600],
            "seat_voted": str(item.get("our_seat") or "")[:300],
            "ours": json.dumps(sorted(sources & ours)),
            "council_meeting_on": when,
            "received_at": time.time(),
        }
        db.table("outcomes_in").insert(row, ignore=True)
        kept += 1
    return kept


def what_happened(db: Database, meeting_id: int) -> list[dict]:
    """Return the council outcomes received for this meeting, our own proposals first."""
    rows = db.query(
        """SELECT outcomes_in.*, councils.name AS council FROM outcomes_in
           JOIN councils ON councils.id = council_id WHERE meeting_id = ? ORDER BY id""",
        [meeting_id],
    )
    found = [{**r, "ours": json.loads(r["ours"])} for r in rows]
    return sorted(found, key=lambda r: not r["ours"])
