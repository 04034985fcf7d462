"""The minutes' delegates sections: mandates issued, recalls, report-backs and revocations.

A recall at this meeting belongs to its minutes even when the mandate came from an earlier one;
so does the mandate then issued to the alternate, and the revocation this assembly signed.
"""

from sqlite_utils import Database

from kiosk.delegates import agendas, instructions, mandates, outbox, recall, reportbacks
from kiosk.records.minutes_sections import iso

TONIGHTS_ROUNDS = """SELECT rounds.id FROM rounds
                     JOIN proposals ON proposals.id = rounds.proposal_id
                     WHERE proposals.meeting_id = ?"""
REPLACEMENTS = "SELECT replaced_by FROM mandates WHERE replaced_by IS NOT NULL"


def _ids(db: Database, sql: str, params: list) -> list[int]:
    """Return the first column of a query as a list of ids."""
    return [row[0] for row in db.execute(sql, params)]


def mandate_ids(db: Database, meeting_id: int) -> list[int]:
    """Return the mandates this meeting made: its own, and alternates' after a recall tonight."""
    sql = f"""SELECT id FROM mandates
              WHERE (meeting_id = ? AND id NOT IN ({REPLACEMENTS}))
              OR id IN (SELECT replaced_by FROM mandates
                        WHERE recall_round_id IN ({TONIGHTS_ROUNDS}))
              ORDER BY id"""
    return _ids(db, sql, [meeting_id, meeting_id])


def _mandate(db: Database, mandate: dict) -> dict:
    """Describe one mandate: where, who, its exact words, digest and signed card payload."""
    replaces = _ids(db, "SELECT id FROM mandates WHERE replaced_by = ?", [mandate["id"]])
    return {
        "id": mandate["id"],
        "council": mandate["council"],
        "level": mandate["level"],
        "theme": mandate["theme"],
        "delegate": mandate["delegate"],
        "co_delegate": mandate["co_delegate"],
        "alternate": mandate["alternate"],
        "status": mandate["status"],
        "scope": mandate["scope"],
        "items": [_instruction(i) for i in mandate["items"]],
        "decisions": [d["id"] for d in mandate["decisions"]],
        "spending_cap_pence": mandate["spending_cap_pence"],
        "expires_on": mandate["expires_on"],
        "expires_after_meetings": mandate["expires_after_meetings"],
        "report_back": mandate["report_back"],
        "text": mandate["text"] or mandates.text(mandate),
        "text_digest": mandate["text_digest"],
        "payload": mandate["payload"],
        "issued_at": iso(mandate["issued_at"]),
        "revoked_at": iso(mandate["revoked_at"]),
        "replaces": replaces[0] if replaces else None,
    }


def _instruction(item: dict) -> dict:
    """Describe one instruction; one on a council agenda item names its id and version."""
    found = instructions.public(item)
    del found["position_no"]
    return found


def mandate_minutes(db: Database, meeting_id: int) -> list[dict]:
    """Return every mandate this meeting drafted or issued."""
    return [_mandate(db, mandates.get(db, i)) for i in mandate_ids(db, meeting_id)]


def recall_ids(db: Database, meeting_id: int) -> list[int]:
    """Return the mandates whose recall was voted on, or petitioned for, at this meeting."""
    sql = f"""SELECT id FROM mandates WHERE recall_round_id IN ({TONIGHTS_ROUNDS})
              OR id IN (SELECT mandate_id FROM recall_petitions
                        JOIN attendees ON attendees.id = recall_petitions.attendee_id
                        WHERE attendees.meeting_id = ?)
              ORDER BY id"""
    return _ids(db, sql, [meeting_id, meeting_id])


def recall_minutes(db: Database, meeting: dict) -> list[dict]:
    """Return each recall: the petition's signatures (a count), the secret vote's outcome."""
    found = []
    for mandate_id in recall_ids(db, meeting["id"]):
        mandate = mandates.get(db, mandate_id)
        petition = recall.petition_state(db, meeting, mandate)
        vote = db.execute(
            f"""SELECT id, outcome, explanation FROM rounds WHERE id = ?
                AND id IN ({TONIGHTS_ROUNDS})""",
            [mandate["recall_round_id"], meeting["id"]],
        ).fetchone()
        found.append(
            {
                "mandate_id": mandate_id,
                "delegate": mandate["delegate"],
                "council": mandate["council"],
                "signatures": petition["signed"],
                "needed": petition["needed"],
                "round_id": vote[0] if vote else None,
                "outcome": vote[1] if vote else None,
                "sentence": vote[2] if vote else None,
                "replaced_by": mandate["replaced_by"],
            }
        )
    return found


def report_back_minutes(db: Database, meeting_id: int) -> list[dict]:
    """Return the report-backs received at this meeting, instruction by instruction."""
    found = []
    for (report_id,) in db.execute(
        "SELECT id FROM report_backs WHERE meeting_id = ? ORDER BY id", [meeting_id]
    ).fetchall():
        report = reportbacks.get(db, report_id)
        mandate = mandates.get(db, report["mandate_id"])
        keys = ("item", "position", "council_did", "delegate_voted")
        found.append(
            {
                "mandate_id": mandate["id"],
                "delegate": mandate["delegate"],
                "council": mandate["council"],
                "council_meeting_on": report["council_meeting_on"],
                "received_at": iso(report["received_at"]),
                "items": [{k: item[k] for k in keys} for item in report["items"]],
            }
        )
    return found


def revocation_minutes(db: Database, meeting_id: int, key_id: str) -> list[dict]:
    """Return the revocations this assembly signed after a recall at this meeting."""
    sql = f"""SELECT r.key_id, r.mandate_id, r.revoked_at, r.signature FROM revocations r
              JOIN mandates m ON m.id = r.mandate_id
              WHERE r.key_id = ? AND m.recall_round_id IN ({TONIGHTS_ROUNDS})
              ORDER BY r.mandate_id"""
    return [
        {
            "key_id": row["key_id"],
            "mandate_id": row["mandate_id"],
            "revoked_at": iso(row["revoked_at"]),
            "revoked_at_unix": row["revoked_at"],  # the exact number the signature covers
            "signature": row["signature"],
        }
        for row in db.query(sql, [key_id, meeting_id])
    ]


def proposals_up(db: Database) -> list[dict]:
    """Return the proposals this assembly has decided to put to councils and not yet heard on."""
    return outbox.going_up(db)


def outcomes(db: Database, meeting_id: int) -> list[dict]:
    """Return what councils reported on their items at this meeting: "what happened"."""
    keys = ("council", "uid", "version", "text", "outcome", "seat_voted", "ours")
    return [
        {**{k: row[k] for k in keys}, "council_meeting_on": row["council_meeting_on"]}
        for row in agendas.what_happened(db, meeting_id)
    ]
