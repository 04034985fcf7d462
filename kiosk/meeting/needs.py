"""Access needs: what would help people take part, counted so the next meeting can plan for it.

Each need is optional. Phones tick them at check-in (with a short note if they like); the desk
enters them from the sign-in sheets. Only totals leave the kiosk: the minutes and bundles carry
counts, never who needed what, and a note never leaves the console.
"""

import json
import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.meeting import residency
from kiosk.words import N_

NEEDS = {
    "step_free": N_("Step-free access"),
    "hearing_loop": N_("Hearing loop"),
    "bsl": N_("BSL interpreter"),
    "interpreter": N_("Interpreter for another language"),
    "childcare": N_("Childcare"),
    "large_print": N_("Large print"),
    "quiet_space": N_("A quiet space"),
}
MAX_NOTE = 200


def parse(needs: object, note: object = "") -> tuple[list[str], str]:
    """Check ticked needs and a note; return them tidied, refusing anything unknown."""
    if not isinstance(needs, list | tuple) or not all(n in NEEDS for n in needs):
        raise Refused("Those access needs are not among the choices.")
    text = " ".join(str(note or "").split())
    if len(text) > MAX_NOTE:
        raise Refused("Keep the note on access under %(most)s characters.", most=MAX_NOTE)
    return list(dict.fromkeys(needs)), text


def record(db: Database, meeting_id: int, attendee_id: int, needs: list[str]) -> None:
    """Store one phone's ticked needs (inside the caller's transaction)."""
    db.table("access_needs").insert_all(
        {"meeting_id": meeting_id, "attendee_id": attendee_id, "need": need} for need in needs
    )


def sign_in_line(db: Database, meeting: dict, residency: str, needs: list[str]) -> dict:
    """Store one line of a paper sign-in sheet: where the person lives and what they ticked."""
    if residency not in ("inside", "outside", "not_given"):
        raise Refused("Say whether the sheet's postcode is inside the area, outside, or blank.")
    counted = meeting["present_without_phones"]
    entered = "SELECT COUNT(*) FROM sign_in_lines WHERE meeting_id = ?"
    with db.atomic():
        if db.execute(entered, [meeting["id"]]).fetchone()[0] >= counted:
            raise Refused(
                "The desk has counted %(counted)s without phones, and every one has a sheet line "
                "entered. Count the person in first (+1), then enter their line.",
                counted=counted,
            )
        row = {
            "meeting_id": meeting["id"],
            "residency": residency,
            "needs": json.dumps(needs),
            "entered_at": time.time(),
        }
        pk = db.table("sign_in_lines").insert(row).last_pk
    return {"id": pk, "residency": residency, "needs": needs}


def enter_line(db: Database, meeting: dict, postcode: object, needs: object) -> dict:
    """Enter one sign-in sheet line as written: its postcode is judged, then forgotten."""
    entries = residency.area(db)
    if not entries:
        raise Refused("Set the area's postcodes on the console first; then enter the sheet lines.")
    ticked, _ = parse(needs)
    where = residency.judge(residency.sector_of(postcode), entries)
    return sign_in_line(db, meeting, where, ticked)


def undo_line(db: Database, meeting_id: int) -> None:
    """Remove the sign-in sheet line entered last (a mistake at the desk)."""
    with db.atomic():
        cursor = db.execute(
            """DELETE FROM sign_in_lines WHERE id = (SELECT MAX(id) FROM sign_in_lines
               WHERE meeting_id = ?)""",
            [meeting_id],
        )
    if cursor.rowcount == 0:
        raise Refused("No sign-in sheet line has been entered tonight.")


def last_line(db: Database, meeting_id: int) -> dict | None:
    """Return the sign-in sheet line entered last, for the desk to show (and undo)."""
    sql = "SELECT * FROM sign_in_lines WHERE meeting_id = ? ORDER BY id DESC LIMIT 1"
    row = next(iter(db.query(sql, [meeting_id])), None)
    return row and {
        "id": row["id"],
        "residency": row["residency"],
        "needs": json.loads(row["needs"]),
    }


def totals(db: Database, meeting_id: int) -> list[dict]:
    """Count each need over phones and sheet lines: [{key, label, count}], every need listed."""
    counts = dict.fromkeys(NEEDS, 0)
    phones = "SELECT need, COUNT(*) FROM access_needs WHERE meeting_id = ? GROUP BY need"
    for need, n in db.execute(phones, [meeting_id]).fetchall():
        counts[need] += n
    lines = "SELECT needs FROM sign_in_lines WHERE meeting_id = ? AND needs != '[]'"
    for (ticked,) in db.execute(lines, [meeting_id]).fetchall():
        for need in json.loads(ticked):
            counts[need] += 1
    return [{"key": k, "label": NEEDS[k], "count": counts[k]} for k in NEEDS]


def notes(db: Database, meeting_id: int) -> list[str]:
    """Return the notes phones left about access, sorted, never with who wrote them."""
    sql = """SELECT access_note FROM attendees WHERE meeting_id = ? AND access_note != ''
             ORDER BY access_note"""
    return [row[0] for row in db.execute(sql, [meeting_id])]
