"""Recall: a petition from phones puts it on the agenda; a secret vote revokes the mandate,
the revocation is signed so it can travel to the council, and the alternate steps in.
"""

import math
import time
from fractions import Fraction

from sqlite_utils import Database

from kiosk.decisions import rounds
from kiosk.delegates import mandates
from kiosk.errors import Refused
from kiosk.meeting.meetings import attendance, refuse_in_rehearsal
from kiosk.process import agenda
from kiosk.trust import cards
from kiosk.words import gettext


def petition_needed(
    db: Database, mandate: dict, meeting: dict, checked_in: int | None = None
) -> int:
    """Return how many signatures put recall on the agenda tonight."""
    if checked_in is None:
        checked_in = attendance(db, meeting["id"])["with_phones"]
    share = Fraction(str(mandate["petition_percent"])) / 100
    return max(1, math.ceil(share * checked_in))


def signatures(db: Database, mandate_id: int, meeting: dict) -> int:
    """Count tonight's signatures on a mandate's recall petition."""
    return db.execute(
        """SELECT COUNT(*) FROM recall_petitions JOIN attendees ON attendees.id = attendee_id
           WHERE mandate_id = ? AND attendees.meeting_id = ?""",
        [mandate_id, meeting["id"]],
    ).fetchone()[0]


def sign_petition(db: Database, meeting: dict, attendee: dict, mandate_id: int) -> dict:
    """Add a phone's signature; when it reaches the threshold, recall goes on the agenda."""
    mandate = mandates.get(db, mandate_id)
    if mandate["status"] != "issued":
        raise Refused("Only a mandate in force can be recalled.")
    refuse_in_rehearsal(db, meeting["id"], "a real delegate cannot be recalled from one.")
    if list(
        db.query(
            "SELECT 1 FROM recall_petitions WHERE mandate_id = ? AND attendee_id = ?",
            [mandate_id, attendee["id"]],
        )
    ):
        raise Refused("You have already signed this recall petition.")
    db.table("recall_petitions").insert(
        {"mandate_id": mandate_id, "attendee_id": attendee["id"], "signed_at": time.time()}
    )
    petition = petition_state(db, meeting, mandate)
    if petition["reached"]:
        _put_on_agenda(db, meeting, mandate, petition)
    return petition


def petition_state(
    db: Database, meeting: dict, mandate: dict, checked_in: int | None = None
) -> dict:
    """Say how far a mandate's recall petition has got tonight."""
    signed = signatures(db, mandate["id"], meeting)
    needed = petition_needed(db, mandate, meeting, checked_in)
    return {
        "mandate_id": mandate["id"],
        "signed": signed,
        "needed": needed,
        "reached": signed >= needed,
    }


def _put_on_agenda(db: Database, meeting: dict, mandate: dict, petition: dict) -> None:
    """Add the recall vote to tonight's agenda, once."""
    title = gettext(
        "Recall vote: %(delegate)s (%(council)s)",
        delegate=mandate["delegate"],
        council=mandate["council"],
    )[: agenda.MAX_TITLE]
    exists = db.query(
        "SELECT 1 FROM agenda_items WHERE meeting_id = ? AND title = ?", [meeting["id"], title]
    )
    if not list(exists):
        notes = gettext(
            "The recall petition reached %(signed)s of %(needed)s.",
            signed=petition["signed"],
            needed=petition["needed"],
        )
        agenda.add_item(db, meeting["id"], "delegates", title, 10, notes)


def open_recall_vote(db: Database, meeting: dict, mandate_id: int) -> dict:
    """Open the secret recall ballot, at the mandate's threshold of those present."""
    mandate = mandates.get(db, mandate_id)
    if mandate["status"] != "issued":
        raise Refused("Only a mandate in force can be recalled.")
    refuse_in_rehearsal(db, meeting["id"], "a real delegate cannot be recalled from one.")
    if not petition_state(db, meeting, mandate)["reached"]:
        raise Refused("The recall petition has not reached its threshold yet.")
    words = gettext(
        "Recall %(delegate)s as our delegate to %(council)s (mandate %(number)s).",
        delegate=mandate["delegate"],
        council=mandate["council"],
        number=mandate["id"],
    )
    rnd = rounds.open_round(
        db,
        meeting,
        words,
        stage="final",
        kind="vote",
        rule="two_thirds_present",
        visibility="secret",
        settings={"threshold_percent": mandate["recall_percent"]},
    )
    db.table("mandates").update(mandate_id, {"recall_round_id": rnd["id"]})
    return rnd


def settle_round(db: Database, rnd: dict, key, key_id: str) -> list[dict]:
    """After a recall vote closes and passes, revoke the mandate and let the alternate step in."""
    changed = []
    for row in db.query(
        "SELECT id FROM mandates WHERE recall_round_id = ? AND status = 'issued'", [rnd["id"]]
    ):
        if rnd["outcome"] == "passed":
            changed += revoke(db, row["id"], key, key_id)
    return changed


def revoke(db: Database, mandate_id: int, key, key_id: str, now: float | None = None) -> list:
    """Revoke a mandate with a signed revocation; issue its alternate the same mandate."""
    mandate = mandates.get(db, mandate_id)
    revoked_at = int(now or time.time())
    signature = cards.sign_revocation(key, key_id, mandate_id, revoked_at)
    with db.atomic():
        db.table("mandates").update(mandate_id, {"status": "revoked", "revoked_at": revoked_at})
        db.table("revocations").insert(
            {
                "key_id": key_id,
                "mandate_id": mandate_id,
                "revoked_at": revoked_at,
                "signature": signature,
            }
        )
    replacement = _alternate_steps_in(db, mandate, key, key_id) if mandate["alternate"] else None
    return [mandates.get(db, mandate_id)] + ([replacement] if replacement else [])


def _alternate_steps_in(db: Database, mandate: dict, key, key_id: str) -> dict:
    """Issue the recalled mandate's words to its alternate, as a new signed mandate."""
    row = {
        k: mandate[k]
        for k in (
            "meeting_id",
            "council_id",
            "seat_id",
            "co_delegate",
            "scope",
            "spending_cap_pence",
            "expires_on",
            "expires_after_meetings",
            "report_back",
            "petition_percent",
            "recall_percent",
            "facilitator_name",
            "note_taker_name",
            "confirm_round_id",
        )
    }
    row.update(delegate=mandate["alternate"], alternate="", created_at=time.time())
    with db.atomic():
        new_id = db.table("mandates").insert(row).last_pk
        db.table("mandate_items").insert_all(
            {k: i[k] for k in ("position_no", "item", "position", "limits")}
            | {"mandate_id": new_id}
            for i in mandate["items"]
        )
        db.table("mandate_decisions").insert_all(
            {"mandate_id": new_id, "round_id": d["id"]} for d in mandate["decisions"]
        )
        db.table("mandates").update(mandate["id"], {"replaced_by": new_id})
    return mandates.issue(db, new_id, key, key_id)
