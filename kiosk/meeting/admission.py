"""One person, one vote: how phones are admitted, slips at the door, people without phones.

Three modes per meeting. open: a phone's signed cookie is enough. desk: a greeter admits each
phone by the number it shows. slips: a phone redeems a one-time code printed on a slip handed out
at the door; slips are stored only as hashes and never linked to the phone that used them.
"""

import hashlib
import secrets

from sqlite_utils import Database

from kiosk.errors import Refused

MODES = {
    "open": "Open: every checked-in phone votes",
    "desk": "Desk: a greeter admits each phone",
    "slips": "Slips: each phone redeems a slip from the door",
}
SLIP_LETTERS = "BCDFGHJKLMNPQRSTVWXZ23456789"
MAX_SLIPS = 1000
MAX_WITHOUT_PHONES = 10_000


def set_mode(db: Database, meeting: dict, mode: str) -> dict:
    """Change how phones are admitted; everyone must be admitted again under the new mode."""
    if mode not in MODES:
        raise Refused("Choose open, desk or slips.")
    with db.atomic():
        db.table("meetings").update(meeting["id"], {"voting_mode": mode})
        db.execute(
            "UPDATE attendees SET admitted = ? WHERE meeting_id = ?",
            [int(mode == "open"), meeting["id"]],
        )
    return db.table("meetings").get(meeting["id"])


def admitted_at_check_in(meeting: dict) -> bool:
    """Return whether a phone checking in now may vote straight away."""
    return meeting["voting_mode"] == "open"


def admit(db: Database, meeting: dict, attendee_id: int) -> dict:
    """Let the greeter admit one checked-in phone (desk mode)."""
    rows = list(
        db.query(
            "SELECT * FROM attendees WHERE id = ? AND meeting_id = ?", [attendee_id, meeting["id"]]
        )
    )
    if not rows:
        raise Refused("There is no such phone checked in to this meeting.")
    db.table("attendees").update(attendee_id, {"admitted": 1})
    return {**rows[0], "admitted": 1}


def waiting(db: Database, meeting_id: int) -> list[dict]:
    """List phones checked in but not yet admitted, for the greeter's desk."""
    return list(
        db.query(
            """SELECT id, display_name FROM attendees
               WHERE meeting_id = ? AND admitted = 0 ORDER BY id""",
            [meeting_id],
        )
    )


def _hash(code: str) -> str:
    """Hash a slip code, so the database alone cannot be used to vote."""
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_slip(code: str) -> str:
    """Read a slip code as typed: any case, spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:40]


def make_slips(db: Database, meeting: dict, count: int) -> list[str]:
    """Make count one-time slip codes for the meeting and return them (shown once, for print)."""
    if not 1 <= count <= MAX_SLIPS:
        raise Refused("Print between 1 and %(most)s slips at a time.", most=MAX_SLIPS)
    codes = ["".join(secrets.choice(SLIP_LETTERS) for _ in range(10)) for _ in range(count)]
    db.table("slips").insert_all(
        {"meeting_id": meeting["id"], "code_hash": _hash(code)} for code in codes
    )
    return codes


def redeem_slip(db: Database, attendee: dict, code: str) -> dict:
    """Admit a phone by a slip; a slip works once, and the phone it admitted is not recorded."""
    if attendee["admitted"]:
        return attendee
    with db.atomic():
        cursor = db.execute(
            """UPDATE slips SET redeemed = 1
               WHERE code_hash = ? AND meeting_id = ? AND redeemed = 0""",
            [_hash(normalise_slip(code)), attendee["meeting_id"]],
        )
        if cursor.rowcount != 1:
            raise Refused(
                "That slip code does not work: it may have been used already, or mistyped."
            )
        db.table("attendees").update(attendee["id"], {"admitted": 1})
    return {**attendee, "admitted": 1}


def slip_counts(db: Database, meeting_id: int) -> dict:
    """Count the meeting's slips: printed and redeemed."""
    row = next(
        db.query(
            """SELECT COUNT(*) AS printed, COALESCE(SUM(redeemed), 0) AS redeemed
               FROM slips WHERE meeting_id = ?""",
            [meeting_id],
        )
    )
    return dict(row)


def set_without_phones(db: Database, meeting: dict, count: int) -> None:
    """Record how many people are present without a phone (counted at the desk)."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise Refused("The number of people without phones must be 0 or more.")
    if count > MAX_WITHOUT_PHONES:
        raise Refused("That is more people than a hall holds (%(count)s).", count=f"{count:,}")
    db.table("meetings").update(meeting["id"], {"present_without_phones": count})


def require_admitted(attendee: dict, meeting: dict) -> None:
    """Refuse a vote from a phone that has not been admitted under the meeting's mode."""
    if attendee["admitted"]:
        return
    if meeting["voting_mode"] == "slips":
        raise Refused("Enter the code from your admission slip before voting.")
    raise Refused(
        "Show number %(number)s at the desk to be admitted before voting.", number=attendee["id"]
    )
