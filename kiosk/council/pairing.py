"""Pairing a delegate's phone with a check-in made at the greeter's desk, by a short code.

Phones on plain http over the hall's Wi-Fi cannot use their camera in the browser, and a card's
QR holds a code, not a link. So the greeter's desk reads the card (a USB scanner, or the laptop's
own camera), checks the delegate in, and shows six digits; the delegate types them on the
phone (or points the phone's camera app at the QR beside them). Codes are single-use, last a few
minutes, and wrong guesses are slowed down.
"""

import secrets
import time

from sqlite_utils import Database

from kiosk.council.checkin import checkin
from kiosk.db import one
from kiosk.errors import Refused

LIFETIME = 5 * 60
TRIES, TRY_WINDOW = 10, 60  # wrong codes per meeting per minute before the kiosk slows down


def make_code(db: Database, meeting: dict, checkin_id: int) -> dict:
    """Make a fresh six-digit code for a check-in of this meeting (older unused ones lapse)."""
    if checkin(db, meeting, checkin_id) is None:
        raise Refused("That check-in is not this meeting's.")
    now = time.time()
    with db.atomic():
        db.execute(
            "DELETE FROM council_pairings WHERE checkin_id = ? AND used_at IS NULL", [checkin_id]
        )
        while True:
            code = f"{secrets.randbelow(10**6):06d}"
            if one(db, "SELECT 1 FROM council_pairings WHERE code = ?", [code]) is None:
                break
        db.table("council_pairings").insert(
            {
                "code": code,
                "meeting_id": meeting["id"],
                "checkin_id": checkin_id,
                "made_at": now,
                "expires_at": now + LIFETIME,
            }
        )
    return {"code": code, "spaced": f"{code[:3]} {code[3:]}", "expires_at": now + LIFETIME}


def redeem(db: Database, meeting: dict, typed: object, now: float | None = None) -> dict:
    """Return the check-in a code from the desk pairs this phone with, using the code up."""
    now = now or time.time()
    code = "".join(c for c in str(typed or "") if c.isdigit())
    recent = db.execute(
        "SELECT COUNT(*) FROM council_pair_tries WHERE meeting_id = ? AND tried_at > ?",
        [meeting["id"], now - TRY_WINDOW],
    ).fetchone()[0]
    if recent >= TRIES:
        raise Refused("Too many wrong codes just now. Wait a minute, or ask at the desk.")
    found = one(
        db,
        """SELECT * FROM council_pairings WHERE code = ? AND meeting_id = ?
           AND used_at IS NULL AND expires_at > ?""",
        [code, meeting["id"], now],
    )
    if found is None:
        with db.atomic():
            db.table("council_pair_tries").insert({"meeting_id": meeting["id"], "tried_at": now})
        raise Refused(
            "That code does not match one from the desk (codes last five minutes). "
            "Type the six digits again, or ask the greeter for a new code."
        )
    with db.atomic():
        db.execute("UPDATE council_pairings SET used_at = ? WHERE code = ?", [now, code])
    return checkin(db, meeting, found["checkin_id"])
