"""A council's section of its minutes: members and rights, the roll, the agenda item by item.

It goes into minutes.json as "council": its members and what each may do, the roll and who
checked in, observers, every decision with how each member's delegate voted under which binding,
every published agenda item (by id and version, with its sources, outcome and each seat's vote),
and every instruction of every mandate with what happened to it. Members import it as
report-backs, and each assembly learns what became of its own proposals.
"""

import json
from datetime import date

from sqlite_utils import Database

from kiosk.council import agenda, items, members, roll, room
from kiosk.decisions import rounds
from kiosk.decisions.kinds import option_pairs
from kiosk.records.minutes_sections import iso
from kiosk.trust import identity

UNBOUND = (
    "It was not on this meeting's published agenda, so the mandate bound nothing: "
    "the chair decided."
)


def section(db: Database, meeting: dict, today: date | None = None) -> dict:
    """Gather the council's part of a meeting's minutes."""
    today = today or date.today()
    me = identity.assembly(db)
    on_roll = roll.rows(db, meeting, today)
    decisions = [_decision(db, rnd) for rnd in rounds.rounds_of(db, meeting["id"])]
    agenda_items = _items(db, meeting, decisions)
    return {
        "name": me["name"],
        "level": me["level"],
        "theme": me["theme"],
        "settings": room.settings(db),
        "members": [_member(m) for m in members.members(db)],
        "rights_decisions": [
            {**r, "decided_at": iso(r["decided_at"])}
            for r in members.rights_decisions(db, meeting["id"])
        ],
        "roll": [_on_roll(r) for r in on_roll],
        "observers": [
            {"name": o["name"], "at": iso(o["checked_in_at"])}
            for o in room.observers(db, meeting["id"])
        ],
        "decisions": decisions,
        "items": agenda_items,
        "instructions": _instructions(on_roll, {i["id"]: i for i in agenda_items}),
    }


def _member(m: dict) -> dict:
    """Describe a member: its legitimacy and what its delegates could do here."""
    return {
        "name": m["name"],
        "kind": m["kind"],
        "key_id": m["key_id"],
        "meets_standard": None if m["meets_standard"] is None else bool(m["meets_standard"]),
        "legitimacy": m["legitimacy"].get("summary", ""),
        "rights": m["rights"],
        "rights_by": m["rights_by"],
        "rights_reason": m["rights_reason"],
    }


def _on_roll(r: dict) -> dict:
    """Describe one mandate on the roll and who checked in with it."""
    return {
        "member": r["member"],
        "key_id": r["key_id"],
        "mandate_id": r["mandate_id"],
        "delegate": r["delegate"],
        "co_delegate": r["co_delegate"],
        "alternate": r["alternate"],
        "status": r["status"],
        "checked_in": [
            {"role": c["role"], "name": c["name"], "at": iso(c["checked_in_at"])}
            | ({"stood_down_at": iso(c["stood_down_at"])} if c["stood_down_at"] else {})
            for c in r["checked_in"]
        ],
    }


def _votes(db: Database, round_id: int) -> list[dict]:
    """Return how each member's delegate voted in a round, under which binding."""
    return list(
        db.query(
            """SELECT council_members.name AS member, council_roll.key_id,
                      council_roll.mandate_id, council_checkins.name AS cast_by,
                      council_checkins.role, council_votes.choice, council_votes.position,
                      council_votes.position_no, council_votes.limits,
                      council_votes.item_version, council_votes.binding
               FROM council_votes
               JOIN council_members ON council_members.id = council_votes.member_id
               JOIN council_checkins ON council_checkins.id = council_votes.checkin_id
               JOIN council_roll ON council_roll.id = council_checkins.roll_id
               WHERE round_id = ? ORDER BY council_members.name""",
            [round_id],
        )
    )


def _decision(db: Database, rnd: dict) -> dict:
    """Describe a council round: the item and version, the words, outcome and every seat's vote."""
    labels = dict(option_pairs(rnd))
    on = items.on_round(db, rnd)
    return {
        "round_id": rnd["id"],
        "proposal_id": rnd["proposal_id"],
        "item": {"id": on["uid"], "version": on["version"]} if on else None,
        "stage": rnd["stage"],
        "closed": rnd["closed_at"] is not None,
        "text": rnd["text"],
        "kind": rnd["kind"],
        "outcome": rnd["outcome"],
        "sentence": rnd["explanation"],
        "votes": [
            {**v, "label": ", ".join(labels.get(c, c) for c in _picked(v["choice"]))}
            for v in _votes(db, rnd["id"])
        ],
    }


def _picked(choice: str) -> list[str]:
    """Read a stored choice as a list (approval and ranked ballots are stored as JSON lists)."""
    return json.loads(choice) if choice.startswith("[") else [choice]


def _items(db: Database, meeting: dict, decisions: list[dict]) -> list[dict]:
    """Describe every published item: id, final version and words, sources, outcome, seats."""
    by_round = {d["round_id"]: d for d in decisions}
    found = []
    for item in agenda.items(db, meeting):
        if item["published_version"] is None:
            continue
        held = [by_round[r["id"]] for r in items.rounds_on(db, item["id"]) if r["id"] in by_round]
        final = [d for d in held if d["closed"] and d["stage"] != "amendment"]
        last = final[-1] if final else None
        found.append(
            {
                "id": item["uid"],
                "number": item["number"],
                "published_version": item["published_version"],
                "version": last["item"]["version"] if last else items.current_version(db, item),
                "text": last["text"] if last else item["text"],
                "kind": item["kind"],
                "options": item["options"],
                "origin": item["origin"],
                "sources": [{"id": s["uid"], "member": s["member"]} for s in item["sources"]],
                "round_id": last["round_id"] if last else None,
                "outcome": last["outcome"] if last else None,
                "outcome_words": _outcome_words(last) if last else "It did not come to a vote.",
                "seats": [
                    {k: v[k] for k in ("member", "key_id", "mandate_id", "label", "cast_by")}
                    | {"position": v["position"], "binding": v["binding"]}
                    for v in (last["votes"] if last else [])
                ],
            }
        )
    return found


def _instructions(on_roll: list[dict], by_uid: dict[str, dict]) -> list[dict]:
    """Say, for every instruction of every mandate in force, what happened to it tonight."""
    found = []
    for entry in on_roll:
        if entry["status"] == "replaced":
            continue
        for inst in entry["items"]:
            item = by_uid.get(inst.get("agenda_uid") or "")
            seat = None
            if item is not None:
                seat = next(
                    (
                        s
                        for s in item["seats"]
                        if (s["key_id"], s["mandate_id"]) == (entry["key_id"], entry["mandate_id"])
                    ),
                    None,
                )
            found.append(
                {
                    "key_id": entry["key_id"],
                    "mandate_id": entry["mandate_id"],
                    "member": entry["member"],
                    **{k: inst[k] for k in ("position_no", "item", "position", "limits")},
                    "agenda_item": inst.get("agenda_uid"),
                    "version": inst.get("agenda_version"),
                    **_what_happened(entry, inst, item, seat),
                }
            )
    return found


def _what_happened(entry: dict, inst: dict, item: dict | None, seat: dict | None) -> dict:
    """Say what the council did on an instruction, how the seat voted, and if it was carried out."""
    report_only = inst["position"] == "report_only"
    if item is None:
        return {
            "round_id": None,
            "council_did": UNBOUND,
            "delegate_voted": "did not vote",
            "carried_out": report_only,
            "why_not": "" if report_only else "unbound: the chair decides",
        }
    if item["round_id"] is None:
        return {
            "round_id": None,
            "council_did": "It did not come to a vote at this meeting.",
            "delegate_voted": "did not vote",
            "carried_out": report_only,
            "why_not": "" if report_only else "not put to a vote",
        }
    why = ""
    if seat is None and not report_only:
        if not entry["checked_in"]:
            why = "no delegate present"
        elif entry["rights"] != "vote":
            why = "the assembly had no vote here"
        else:
            why = "no vote was cast"
    return {
        "round_id": item["round_id"],
        "council_did": item["outcome_words"],
        "delegate_voted": (
            f"{seat['label']} (cast by {seat['cast_by']})" if seat else "did not vote"
        ),
        "carried_out": not why,
        "why_not": why,
    }


def _outcome_words(decision: dict) -> str:
    """Say a round's outcome in its own sentence ("Passed: 2 of 3 voted yes."), which names it."""
    if decision["sentence"]:
        return decision["sentence"]
    return (decision["outcome"] or "still open").replace("_", " ").capitalize() + "."
