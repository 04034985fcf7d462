"""Meetings and the people checked in to them."""

import secrets
import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.meeting import needs as access
from kiosk.meeting import residency
from kiosk.trust import identity
from kiosk.trust.identity import is_council
from kiosk.words import gettext

CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"  # no vowels, so no words; no I/O to misread
MAX_NAME = 60


def default_title(db: Database) -> str:
    """Title a new meeting after the assembly (or council), once it has a name of its own."""
    try:
        name = identity.assembly(db)["name"]
    except Refused:  # before the assembly is set up (some tests)
        name = identity.DEFAULT_NAME
    return identity.meeting_title(name, is_council(db))


def create_meeting(db: Database, title: str = "") -> dict:
    """End any running meeting and start a new one with a fresh join code."""
    title = title.strip()[:120]
    now = time.time()
    with db.atomic():
        db.execute("UPDATE meetings SET ended_at = ? WHERE ended_at IS NULL", [now])
        code = _unused_code(db)
        council = is_council(db)
        if not title or title == identity.DEFAULT_NAME:
            title = default_title(db)
        db.table("meetings").insert(
            {"code": code, "title": title, "created_at": now, "council": council}
        )
    return get_meeting(db, code)


def start_rehearsal(db: Database) -> dict:
    """Start a rehearsal: a meeting of its own, marked as one; the real meeting waits, not ended.

    Nothing of a rehearsal reaches the record, the legitimacy figures or a bundle.
    """
    running = current_meeting(db)
    if running["rehearsal"]:
        raise Refused("A rehearsal is already running.")
    if running["council"]:
        raise Refused("Rehearsals are for an assembly's evening; a council runs from its roll.")
    with db.atomic():
        code = _unused_code(db)
        db.table("meetings").insert(
            {
                "code": code,
                "title": f"Rehearsal: {running['title']}"[:120],
                "created_at": time.time(),
                "council": 0,
                "rehearsal": 1,
                "voting_mode": running["voting_mode"],
            }
        )
    return get_meeting(db, code)


def end_rehearsal(db: Database) -> dict:
    """End the running rehearsal; return the meeting that runs now (the real one resumes)."""
    running = current_meeting(db)
    if not running["rehearsal"]:
        raise Refused("No rehearsal is running.")
    with db.atomic():
        db.table("meetings").update(running["id"], {"ended_at": time.time()})
    return current_meeting(db)


def end_any_rehearsal(db: Database) -> bool:
    """End every rehearsal still running (a real start is never a rehearsal); say if one was."""
    with db.atomic():
        ended = db.execute(
            "UPDATE meetings SET ended_at = ? WHERE rehearsal = 1 AND ended_at IS NULL",
            [time.time()],
        ).rowcount
    return ended > 0


def in_rehearsal(db: Database, meeting_id: int) -> bool:
    """Say whether a meeting is a rehearsal."""
    row = db.execute("SELECT rehearsal FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    return bool(row and row[0])


def refuse_in_rehearsal(db: Database, meeting_id: int, what: str) -> None:
    """Refuse what must never come of a rehearsal (signed cards, recalls, minutes, bundles)."""
    if in_rehearsal(db, meeting_id):
        raise Refused("This is a rehearsal: %(what)s", what=gettext(what))


def _unused_code(db: Database) -> str:
    """Return a four-letter code no meeting in this database has used."""
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(4))
        if not list(db.query("SELECT 1 FROM meetings WHERE code = ?", [code])):
            return code


def current_meeting(db: Database) -> dict:
    """Return the running meeting, starting one if there is none."""
    rows = list(db.query("SELECT * FROM meetings WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1"))
    return rows[0] if rows else create_meeting(db)


def meeting_by_id(db: Database, meeting_id: int) -> dict:
    """Return the meeting with this id (which the caller already knows exists)."""
    return next(iter(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id])))


def recent_meetings(db: Database, upto_id: int, count: int) -> list[dict]:
    """Return the meeting upto_id and the ones before it, newest first, at most count."""
    sql = "SELECT * FROM meetings WHERE id <= ? ORDER BY id DESC LIMIT ?"
    return list(db.query(sql, [upto_id, count]))


def get_meeting(db: Database, code: str) -> dict:
    """Return the meeting with this join code, or refuse in words a phone can show."""
    code = (code or "").strip().upper()
    rows = list(db.query("SELECT * FROM meetings WHERE code = ?", [code]))
    if not rows:
        raise Refused(
            "There is no meeting with the code “%(code)s” here. Check the code on the big screen.",
            status=404,
            code=code[:12],
        )
    return rows[0]


def check_in(
    db: Database,
    meeting: dict,
    display_name: str,
    resident: bool,
    first_time: bool,
    *,
    postcode: str | None = None,
    needs: list[str] | tuple = (),
    access_note: str = "",
) -> dict:
    """Record a person arriving at the meeting; return their attendee row with its token.

    With an area defined, whether they count as a local resident comes from their postcode
    (its sector alone is kept); without one, from their own word. Access needs are optional.
    """
    if meeting["ended_at"] is not None:
        raise Refused("This meeting has ended. Scan the code on the big screen to join tonight's.")
    if meeting["council"]:
        raise Refused("At a council, delegates check in with the code on their mandate card.")
    name = " ".join((display_name or "").split())
    if len(name) > MAX_NAME:
        raise Refused("Please keep your name under %(most)s characters.", most=MAX_NAME)
    ticked, note = access.parse(needs, access_note)
    row = {
        "meeting_id": meeting["id"],
        "token": secrets.token_urlsafe(16),
        "display_name": name,
        "first_time": int(bool(first_time)),
        "checked_in_at": time.time(),
        "admitted": int(meeting["voting_mode"] == "open"),
        "access_note": note,
        **residency.at_check_in(db, postcode, bool(resident)),
    }
    with db.atomic():
        pk = db.table("attendees").insert(row).last_pk
        access.record(db, meeting["id"], pk, ticked)
    return attendee_by_token(db, meeting, row["token"])


def attendee_by_token(db: Database, meeting: dict, token: str | None) -> dict | None:
    """Return the attendee of this meeting holding token, or None."""
    if not token:
        return None
    rows = db.query(
        "SELECT * FROM attendees WHERE token = ? AND meeting_id = ?", [token, meeting["id"]]
    )
    return next(iter(rows), None)


def attendance(db: Database, meeting_id: int) -> dict:
    """Count who is present: phones checked in plus people counted without phones.

    At a council, each member assembly with a vote holds one seat, however many of its
    delegates came, and "present" counts those seats.
    """
    row = next(
        db.query(
            """SELECT COUNT(attendees.id) AS with_phones,
                      meetings.present_without_phones AS without_phones,
                      COALESCE(SUM(attendees.admitted), 0) AS admitted,
                      COALESCE(SUM(attendees.resident), 0) AS residents,
                      COALESCE(SUM(attendees.first_time), 0) AS first_timers,
                      meetings.council
               FROM meetings LEFT JOIN attendees ON attendees.meeting_id = meetings.id
               WHERE meetings.id = ?""",
            [meeting_id],
        )
    )
    counts = dict(row)
    counts["present"] = counts["with_phones"] + (counts["without_phones"] or 0)
    if counts.pop("council"):  # a council's "present" is its member assemblies with a vote
        counts["present"] = counts["admitted"]
    return counts
