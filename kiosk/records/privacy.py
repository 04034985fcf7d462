"""Privacy: the notice people read, how long details are kept, erasure, and a person's own data.

The personal details the kiosk holds are those of a check-in: the name a phone gave, its
postcode sector, its access needs and note. Erasing an attendee replaces the name with
"Attendee 17" (their number), drops the sector, needs and note, and keeps every count: whether
they were a local resident, their votes and the need totals stay as they were, so the minutes
and their signed bundles still add up. Names that are public record (roles, candidates,
delegates, proposers of amendments) are not check-in details and are not changed.
"""

import json
import time
from datetime import date, timedelta

from sqlite_utils import Database

from kiosk import dates
from kiosk.errors import Refused
from kiosk.meeting.needs import NEEDS
from kiosk.meeting.residency import RESIDENCY, assembly_settings
from kiosk.records import meeting_record as record
from kiosk.words import gettext as _
from kiosk.words import ngettext

MAX_CONTACT = 120
MAX_FOUND = 50


def settings(db: Database) -> dict:
    """Return how long details are kept (days) and how people reach the assembly."""
    row = assembly_settings(db)
    return {"retention_days": row["retention_days"], "contact": row["contact"]}


def set_settings(db: Database, retention_days: object, contact: object) -> dict:
    """Change the retention period and the contact; details past the new period are erased."""
    if isinstance(retention_days, bool) or not isinstance(retention_days, int):
        raise Refused("Give the number of days details are kept, from 1 to 3650.")
    if not 1 <= retention_days <= 3650:
        raise Refused("Keep details for between 1 day and 10 years (3650 days).")
    words = " ".join(str(contact or "").split())
    if len(words) > MAX_CONTACT:
        raise Refused("Keep the contact under %(most)s characters.", most=MAX_CONTACT)
    with db.atomic():
        assembly_settings(db)
        db.execute(
            "UPDATE assembly_settings SET retention_days = ?, contact = ? WHERE id = 1",
            [retention_days, words],
        )
    apply_retention(db)
    return settings(db)


def notice(db: Database, assembly_name: str) -> dict:
    """Return the privacy notice in four short lines: who, why, how long, how to ask."""
    kept = settings(db)
    ask = kept["contact"] or _("a facilitator at any meeting")
    return {
        "who": _(
            "%(assembly)s holds these details, on the laptop that runs the meeting, not online.",
            assembly=assembly_name,
        ),
        "why": _(
            "To count who came and where from, so the assembly can show it is open and "
            "local, and to plan access for the next meeting."
        ),
        "how_long": ngettext(
            "Names, postcode areas and access needs are erased %(num)s day after the meeting; "
            "only counts are kept.",
            "Names, postcode areas and access needs are erased %(num)s days after the meeting; "
            "only counts are kept.",
            kept["retention_days"],
        ),
        "ask": _(
            "To see your details or have them erased, ask %(contact)s. Erasing keeps only the "
            "counts.",
            contact=ask,
        ),
    }


def notice_text(db: Database, assembly_name: str) -> str:
    """Return the privacy notice as one paragraph."""
    return " ".join(notice(db, assembly_name).values())


# -- erasure --------------------------------------------------------------------------------------


def _attendee(db: Database, attendee_id: int) -> dict:
    """Return an attendee by number, refusing one that does not exist."""
    row = next(iter(db.query("SELECT * FROM attendees WHERE id = ?", [attendee_id])), None)
    if row is None:
        raise Refused("There is no attendee number %(number)s.", number=attendee_id)
    return row


def erase(db: Database, attendee_id: int, reason: str = "request") -> dict:
    """Erase one attendee's details, keeping every count; return their new name."""
    person = _attendee(db, attendee_id)
    if db.execute("SELECT 1 FROM erasures WHERE attendee_id = ?", [attendee_id]).fetchone():
        raise Refused("Attendee %(number)s's details were already erased.", number=attendee_id)
    name = f"Attendee {attendee_id}"
    with db.atomic():
        db.execute(
            """UPDATE attendees SET display_name = ?, postcode_sector = NULL, access_note = ''
               WHERE id = ?""",
            [name, attendee_id],
        )
        for unlinked in ("access_needs", "floor_questions", "word_answers"):
            db.execute(
                f"UPDATE {unlinked} SET attendee_id = NULL WHERE attendee_id = ?", [attendee_id]
            )
        db.execute("DELETE FROM floor_upvotes WHERE attendee_id = ?", [attendee_id])  # counts stay
        db.table("erasures").insert(
            {
                "attendee_id": attendee_id,
                "meeting_id": person["meeting_id"],
                "reason": reason,
                "erased_at": time.time(),
            }
        )
    return {"id": attendee_id, "name": name}


def apply_retention(db: Database, today: date | None = None) -> int:
    """Erase the details of everyone at meetings older than the retention period; count them."""
    days = settings(db)["retention_days"]
    cutoff = (today or date.today()) - timedelta(days=days)
    sql = """SELECT DISTINCT meeting_id FROM attendees a WHERE NOT EXISTS
             (SELECT 1 FROM erasures e WHERE e.attendee_id = a.id)"""
    past = [m for (m,) in db.execute(sql).fetchall() if record.meeting_date(db, m) < cutoff]
    due = [
        row[0]
        for meeting_id in past
        for row in db.execute(
            """SELECT id FROM attendees a WHERE meeting_id = ? AND NOT EXISTS
               (SELECT 1 FROM erasures e WHERE e.attendee_id = a.id) ORDER BY id""",
            [meeting_id],
        ).fetchall()
    ]
    for attendee_id in due:
        erase(db, attendee_id, "retention")
    return len(due)


def find(db: Database, words: object) -> list[dict]:
    """Find attendees by number or by name, across every meeting, for an erasure or an export."""
    text = " ".join(str(words or "").split())
    if not text:
        raise Refused("Give the person's number (shown on their phone) or their name.")
    number = int(text) if text.isdigit() and len(text) < 12 else 0
    sql = """SELECT a.id, a.display_name, a.meeting_id, m.title,
             EXISTS (SELECT 1 FROM erasures e WHERE e.attendee_id = a.id) AS erased
             FROM attendees a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.id = ? OR (a.display_name != '' AND a.display_name LIKE ?)
             ORDER BY a.id DESC LIMIT ?"""
    like = "%" + text.replace("%", "").replace("_", "") + "%"
    return [
        {
            "id": row["id"],
            "name": row["display_name"],
            "meeting": row["title"],
            "date": dates.day(record.meeting_date(db, row["meeting_id"])),
            "erased": bool(row["erased"]),
        }
        for row in db.query(sql, [number, like, MAX_FOUND])
    ]


def minutes_part(db: Database, meeting_id: int) -> dict:
    """Return what the minutes say of privacy: the period, and erasures without any name."""
    sql = """SELECT attendee_id, reason, erased_at FROM erasures WHERE meeting_id = ?
             ORDER BY attendee_id"""
    rows = db.execute(sql, [meeting_id]).fetchall()
    return {
        "retention_days": settings(db)["retention_days"],
        "erased_on_request": [
            {"attendee": f"Attendee {a}", "on": date.fromtimestamp(at).isoformat()}
            for a, why, at in rows
            if why == "request"
        ],
        "erased_after_retention": sum(1 for _, why, _ in rows if why == "retention"),
    }


# -- a person's own data ------------------------------------------------------------------------


def export(db: Database, attendee_id: int) -> dict:
    """Return everything the kiosk holds about one attendee, as they would want to read it."""
    person = _attendee(db, attendee_id)
    votes = """SELECT v.round_id, COALESCE(r.wording, p.text) AS text, v.choice, v.reason
               FROM votes v JOIN rounds r ON r.id = v.round_id
               JOIN proposals p ON p.id = r.proposal_id
               WHERE v.attendee_id = ? ORDER BY v.round_id"""
    secret = "SELECT round_id FROM ballot_box WHERE attendee_id = ? ORDER BY round_id"
    needs = "SELECT need FROM access_needs WHERE attendee_id = ? ORDER BY id"
    asked = "SELECT text FROM floor_questions WHERE attendee_id = ? ORDER BY id"
    words = "SELECT word FROM word_answers WHERE attendee_id = ? ORDER BY id"
    return {
        "number": attendee_id,
        "meeting": record.meeting_date(db, person["meeting_id"]).isoformat(),
        "name": person["display_name"],
        "checked_in_at": dates.clock(person["checked_in_at"]),
        "first_time": bool(person["first_time"]),
        "postcode_sector": person["postcode_sector"],
        "where_you_live": RESIDENCY[person["residency"]],
        "counted_as_local_resident": bool(person["resident"]),
        "access_needs": [NEEDS[row[0]] for row in db.execute(needs, [attendee_id])],
        "access_note": person["access_note"],
        "votes": [dict(row) for row in db.query(votes, [attendee_id])],
        "secret_ballots_cast_in_rounds": [row[0] for row in db.execute(secret, [attendee_id])],
        "questions_asked": [row[0] for row in db.execute(asked, [attendee_id])],
        "one_word_answers": [row[0] for row in db.execute(words, [attendee_id])],
        "erased": bool(
            db.execute("SELECT 1 FROM erasures WHERE attendee_id = ?", [attendee_id]).fetchone()
        ),
    }


def export_json(db: Database, attendee_id: int) -> str:
    """Return one attendee's own data as readable JSON."""
    return json.dumps(export(db, attendee_id), indent=1, ensure_ascii=False)
