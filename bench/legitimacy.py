"""What the legitimacy evidence costs: check-ins with a postcode and needs, the console's record,
the invitation in four languages, and an erasure. In-memory SQLite, one process.

    .venv/bin/python bench/legitimacy.py
"""

import time

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.db import migrate
from kiosk.meeting import residency
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.records import invitation, privacy
from kiosk.records import meeting_record as record
from kiosk.screens import meeting as screen
from kiosk.trust import identity
from printouts.invitation import invitation_pdf

PHONES = 500


def main() -> None:
    """Run each measurement once and print one line each."""
    db = sqlite_utils.Database(memory=True)
    migrate(db)
    identity.ensure_assembly(db, Ed25519PrivateKey.generate(), "Fallowfield Assembly", "M14")
    meeting = current_meeting(db)
    details = {"held_on": "2026-05-14", "venue": "St Mark's Hall", "starts_at": "19:00"}
    record.set_details(db, meeting["id"], details)
    residency.set_area(db, "M14 5, M14 6")
    invitation.set_languages(db, "pl, cy, ro")
    start = time.perf_counter()
    people = [
        check_in(db, meeting, f"P{i}", False, False, postcode="M14 5AB", needs=["bsl"])
        for i in range(PHONES)
    ]
    each = (time.perf_counter() - start) / PHONES * 1000
    print(f"{PHONES} check-ins with a postcode and needs: {each:.2f} ms each")
    start = time.perf_counter()
    for _ in range(20):
        screen.facilitator(db, meeting, {})
    each = (time.perf_counter() - start) / 20 * 1000
    print(f"the console's record with {PHONES} phones and 4 languages: {each:.1f} ms")
    join = "http://10.0.0.2:5000/m/" + meeting["code"]
    found = invitation.gather(db, meeting, identity.assembly(db), ["en", "pl", "cy", "ro"], join)
    for form in invitation.FORMS:
        start = time.perf_counter()
        pdf = invitation_pdf(found, form)
        took = (time.perf_counter() - start) * 1000
        print(f"invitation as {form} in 4 languages: {took:.0f} ms, {len(pdf) // 1024} KB")
    start = time.perf_counter()
    for person in people[:100]:
        privacy.erase(db, person["id"])
    print(f"erasing an attendee: {(time.perf_counter() - start) / 100 * 1000:.2f} ms each")


if __name__ == "__main__":
    main()
