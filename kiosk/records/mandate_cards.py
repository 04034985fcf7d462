"""Gather a mandate card's plain data for printouts (which never see the database)."""

import json

from sqlite_utils import Database

from kiosk import dates
from kiosk.decisions import rounds
from kiosk.delegates import instructions, mandates
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.trust import identity
from kiosk.words import gettext as _


def decision_summary(rnd: dict) -> dict:
    """Describe a decision for a card: its words, date, attendance, counts and outcome."""
    record = json.loads(rnd["record"] or "{}")
    labels = dict(rounds.option_pairs(rnd))
    counts = " · ".join(f"{labels.get(k, k)} {n}" for k, n in record.get("total", {}).items())
    return {
        "wording": rnd["text"],
        "date": dates.day(rnd["closed_at"]),
        "present": rnd["present_at_close"],
        "counts": counts,
        "outcome": rnd["explanation"],
    }


def card(db: Database, mandate_id: int) -> dict:
    """Return everything a mandate card shows, formatted for people, with its QR payload."""
    mandate = mandates.get(db, mandate_id)
    if mandate["status"] == "draft":
        raise Refused("Confirm and issue the mandate before printing its card.")
    council = {"name": mandate["council"], "level": mandate["level"], "theme": mandate["theme"]}
    me = identity.assembly(db)
    return {
        "mandate_id": mandate["id"],
        "assembly": {"name": me["name"], "area": me["area"], "fingerprint": me["fingerprint"]},
        "council": {**council, "level_label": delegates.level_label(council)},
        "delegate": mandate["delegate"],
        "co_delegate": mandate["co_delegate"],
        "alternate": mandate["alternate"],
        "decisions": [decision_summary(d) for d in mandate["decisions"]],
        "scope": mandate["scope"],
        "items": [
            {
                **{k: i[k] for k in ("position", "limits")},
                "item": instructions.words({**i, "limits": ""}),
                "position_label": mandates.POSITIONS[i["position"]],
            }
            for i in mandate["items"]
        ],
        "spending_cap": mandates.pounds(mandate["spending_cap_pence"]),
        "expiry": mandates.expiry_words(mandate),
        "report_back": mandate["report_back"],
        "recall_rule": mandates.recall_words(mandate),
        "sign_off": {
            "facilitator": mandate["facilitator_name"],
            "note_taker": mandate["note_taker_name"],
        },
        "issued": dates.day(mandate["issued_at"]),
        "status": mandate["status"],
        "payload": mandate["payload"],
        "verify_hint": _("Check this card at /verify on any kiosk, or scan the QR code."),
    }


def carried_by(db: Database, key_id: str, mandate_id: int) -> dict | None:
    """Say who carries a mandate, and to which council, when this kiosk holds its text."""
    rows = list(
        db.query(
            """SELECT delegate, co_delegate, council, level, theme FROM council_roll
               WHERE key_id = ? AND mandate_id = ?""",
            [key_id, mandate_id],
        )
    )
    if not rows and identity.assembly(db)["key_id"] == key_id:
        try:
            rows = [mandates.get(db, mandate_id)]
        except Refused:
            rows = []
    if not rows:
        return None
    found = rows[0]
    council = {k: found[k] for k in ("level", "theme")}
    return {
        "delegate": found["delegate"],
        "co_delegate": found["co_delegate"],
        "council": found["council"],
        "level_label": delegates.level_label(council),
    }
