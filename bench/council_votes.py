"""What binding a council vote by item id costs, next to a plain assembly vote, in one run.

A member assembly puts a proposal up, the council publishes it, the assembly mandates its
delegate on the item by id, and the council opens a round on it; then the delegate's seat votes
N times (each a changed vote, bound by the mandate), and an assembly's attendee votes N times in
a plain round. In-memory SQLite, one process.

    .venv/bin/python bench/council_votes.py
"""

import time

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.council import agenda, checkin, items, members
from kiosk.council import votes as council_votes
from kiosk.db import migrate
from kiosk.decisions import ballots, rounds
from kiosk.delegates import mandates, outbox
from kiosk.delegates import seats as delegates
from kiosk.exchange import export, imports
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.trust import identity

VOTES = 2000
COUNCIL = "Hackney District Council"
SETTINGS = {"LEGITIMACY_RESIDENTS": 1, "LEGITIMACY_WINDOW": 1, "NOTICE_DAYS": 7}


def kiosk(name: str, council: bool = False) -> tuple[sqlite_utils.Database, object]:
    """Set up a kiosk's database and key (a district council's, if asked)."""
    db = sqlite_utils.Database(memory=True)
    migrate(db)
    key = Ed25519PrivateKey.generate()
    identity.ensure_assembly(db, key, name, "")
    if council:
        identity.become(db, "council", "district")
    return db, key


def passed(db, key, rnd: dict, voter: dict) -> dict:
    """One attendee agrees; the round closes; what it decided is settled."""
    rounds.cast_vote(db, voter, rnd["id"], "agree")
    closed = rounds.close_round(db, rnd["id"])
    outbox.settle_round(db, closed)
    mandates.settle_round(db, closed, key, identity.assembly(db)["key_id"])
    return closed


def bundle(db, key) -> bytes:
    """Export the running meeting's signed bundle."""
    return export.build(db, current_meeting(db)["id"], key, SETTINGS)[1]


def seated_round() -> tuple:
    """Run the loop up to an open council round with the delegate checked in."""
    mill, mill_key = kiosk("Mill Lane")
    district, district_key = kiosk(COUNCIL, council=True)
    meeting = current_meeting(mill)
    voter = check_in(mill, meeting, "Ann", True, False)
    council = delegates.add_council(mill, COUNCIL, "district")
    passed(mill, mill_key, outbox.put(mill, meeting, council["id"], "Open the library"), voter)
    members.register(district, "Mill Lane", identity.assembly(mill)["fingerprint"])
    imports.import_any(district, bundle(mill, mill_key))
    place = current_meeting(district)
    agenda.add_proposal(district, place, 1)
    agenda.publish(district, place, "2030-01-15")
    data = export.build_agenda(district, place, district_key)[1]
    imports.import_any(mill, data, trust_new=True)
    uid = mill.execute("SELECT uid FROM agenda_in").fetchone()[0]
    fields = {
        "council_id": council["id"],
        "delegate": "Ada",
        "scope": "The agenda",
        "expires_on": "2030-12-31",
        "report_back": "Next assembly",
        "items": [{"agenda_uid": uid, "position": "must_support"}],
    }
    drafted = mandates.draft(mill, meeting, fields)
    passed(mill, mill_key, mandates.open_confirmation(mill, meeting, drafted["id"]), voter)
    imports.import_any(district, bundle(mill, mill_key))
    holder = members.member_named(district, "Mill Lane")
    members.set_rights(district, current_meeting(district), holder["id"], "vote", "for the bench")
    payload = mill.execute("SELECT payload FROM mandates").fetchone()[0]
    seat = checkin.checkin(
        district, place, checkin.check_in(district, place, payload, "delegate")["id"]
    )
    rnd = items.open_round(district, place, agenda.items(district, place)[0]["id"])
    return district, place, seat, rnd, mill, voter


def main() -> None:
    """Time N bound council votes and N plain votes, one after the other, and their ratio."""
    district, place, seat, rnd, mill, voter = seated_round()
    start = time.perf_counter()
    for _ in range(VOTES):
        council_votes.cast(district, place, seat, rnd["id"], "yes")
    bound = (time.perf_counter() - start) / VOTES
    plain_round = rounds.open_round(
        mill, current_meeting(mill), "Plain", stage="final", rule="majority"
    )
    start = time.perf_counter()
    for _ in range(VOTES):
        ballots.cast(mill, plain_round, voter, "yes")
    plain = (time.perf_counter() - start) / VOTES
    print(
        f"{VOTES} votes each: a seat's vote bound by item id {bound * 1000:.3f} ms, "
        f"a plain assembly vote {plain * 1000:.3f} ms, ratio {bound / plain:.1f}"
    )


if __name__ == "__main__":
    main()
