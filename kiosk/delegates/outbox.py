"""Proposals up: an assembly decides, by a round, to put a proposal to a named council.

The round's words say what is being decided ("Put to Hackney District Council: …"). When it
passes, the proposal travels up in the assembly's signed bundles under a stable id: the
assembly's key fingerprint and the proposal's number here. The council's agenda names that id
as an item's source, and its report-back says what became of it, so the assembly can tell the
room "what happened to our proposals".
"""

import json
import time
from datetime import UTC, datetime

from sqlite_utils import Database

from kiosk.decisions import proposals, rounds
from kiosk.errors import Refused
from kiosk.trust import identity
from kiosk.words import gettext

KINDS = {
    "vote": "decided yes or no",
    "approval": "choosing: each seat approves some of the options",
    "ranked": "choosing: each seat ranks the options",
}
MAX_OPTIONS, MAX_OPTION = 20, 120


def uid_prefix(db: Database) -> str:
    """Return the start of every id this assembly gives its proposals: its fingerprint."""
    return identity.assembly(db)["fingerprint"].replace(" ", "") + "-P"


def _options(kind: str, options: object, max_choices: object) -> tuple[list[str], int]:
    """Read a choosing proposal's options and how many each seat may approve."""
    if kind not in KINDS:
        raise Refused("Say whether the council decides it yes or no, or chooses among options.")
    if kind == "vote":
        return [], 1
    if isinstance(options, str):
        options = options.splitlines()
    cleaned = [" ".join(str(o).split()) for o in options or [] if str(o).strip()]
    if not 2 <= len(cleaned) <= MAX_OPTIONS or len(set(cleaned)) != len(cleaned):
        raise Refused(
            "Give between 2 and %(most)s different options, one per line.", most=MAX_OPTIONS
        )
    if any(len(o) > MAX_OPTION for o in cleaned):
        raise Refused("Keep each option under %(most)s characters.", most=MAX_OPTION)
    try:
        most = int(max_choices or 1)
    except (TypeError, ValueError):
        raise Refused("Say how many options each seat may approve.") from None
    if kind == "approval" and not 1 <= most < len(cleaned):
        raise Refused("Each seat may approve from 1 to one fewer than all the options.")
    return cleaned, most if kind == "approval" else 1


def put(
    db: Database, meeting: dict, council_id: int, text: str, kind="vote", options=None, most=1
) -> dict:
    """Open the consent round that decides to put a proposal to a council; return the round."""
    council = db.execute("SELECT name FROM councils WHERE id = ?", [council_id]).fetchone()
    if council is None:
        raise Refused("Choose the council the proposal goes to.")
    text = proposals.clean_text(text)
    options, most = _options(kind, options, most)
    words = gettext("Put to %(council)s: %(text)s", council=council[0], text=text)
    if options:
        words += " Options: " + "; ".join(options) + "."
    with db.atomic():
        rnd = rounds.open_round(db, meeting, words, stage="consent")
        row = {
            "uid": f"pending-{rnd['id']}",
            "meeting_id": meeting["id"],
            "council_id": council_id,
            "round_id": rnd["id"],
            "text": text,
            "kind": kind,
            "options": json.dumps(options),
            "max_choices": most,
            "created_at": time.time(),
        }
        pk = db.table("proposals_up").insert(row).last_pk
        db.table("proposals_up").update(pk, {"uid": f"{uid_prefix(db)}{pk}"})
    return rnd


def settle_round(db: Database, rnd: dict) -> list[dict]:
    """After a round closes, mark the proposal it decided to send (or not); return them."""
    changed = []
    for row in db.query(
        "SELECT id FROM proposals_up WHERE round_id = ? AND status = 'put'", [rnd["id"]]
    ):
        status = "decided" if rnd["outcome"] == "passed" else "not_decided"
        db.table("proposals_up").update(row["id"], {"status": status, "decided_at": time.time()})
        changed.append(get(db, row["id"]))
    return changed


def get(db: Database, pk: int) -> dict:
    """Return one proposal put to a council, with its council's name, level and theme."""
    rows = list(
        db.query(
            """SELECT proposals_up.*, councils.name AS council, councils.level, councils.theme
               FROM proposals_up JOIN councils ON councils.id = council_id
               WHERE proposals_up.id = ?""",
            [pk],
        )
    )
    if not rows:
        raise Refused("That proposal was never put to a council.")
    return {**rows[0], "options": json.loads(rows[0]["options"])}


def listing(db: Database) -> list[dict]:
    """List every proposal put to a council, newest first, with what became of it so far."""
    answered = _answered(db)
    found = []
    for row in db.query("SELECT id FROM proposals_up ORDER BY id DESC"):
        item = get(db, row["id"])
        item["answer"] = answered.get(item["uid"])
        found.append(item)
    return found


def _answered(db: Database) -> dict[str, str]:
    """Map each of our proposals a council has reported on to the outcome it reported."""
    found = {}
    for row in db.query("SELECT ours, outcome FROM outcomes_in ORDER BY id"):
        for uid in json.loads(row["ours"]):
            found[uid] = row["outcome"]
    return found


def going_up(db: Database) -> list[dict]:
    """Return the proposals a bundle carries: decided, and not yet answered by their council."""
    answered = _answered(db)
    found = []
    for row in db.query("SELECT id FROM proposals_up WHERE status = 'decided' ORDER BY id"):
        item = get(db, row["id"])
        if item["uid"] in answered:
            continue
        found.append(
            {
                "id": item["uid"],
                "council": item["council"],
                "level": item["level"],
                "theme": item["theme"],
                "text": item["text"],
                "kind": item["kind"],
                "options": item["options"],
                "max_choices": item["max_choices"],
                "round_id": item["round_id"],
                "decided_on": datetime.fromtimestamp(item["decided_at"], UTC).date().isoformat(),
            }
        )
    return found
