"""A small confederation for tests: kiosks (assemblies and councils) driven through the domain API.

Each Kiosk has its own in-memory database and signing key, as separate laptops would. Bundles
pass between them as bytes, the way a USB stick carries them.
"""

from dataclasses import dataclass
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from kiosk.council import agenda, members
from kiosk.db import migrate
from kiosk.decisions import rounds
from kiosk.delegates import mandates, outbox
from kiosk.delegates import seats as delegates
from kiosk.exchange import export as bundle_export
from kiosk.exchange import imports as council_bundles
from kiosk.meeting.meetings import check_in, create_meeting, current_meeting
from kiosk.process import settings as process
from kiosk.records import meeting_record, minutes
from kiosk.trust import identity

SETTINGS = {"LEGITIMACY_RESIDENTS": 2, "LEGITIMACY_WINDOW": 1, "NOTICE_DAYS": 7}


@dataclass
class Kiosk:
    """One laptop: an assembly or a council, its database and its key."""

    db: Database
    key: Ed25519PrivateKey
    name: str

    @classmethod
    def assembly(cls, name: str) -> "Kiosk":
        """Set up an assembly's kiosk."""
        db = Database(memory=True)
        migrate(db)
        key = Ed25519PrivateKey.generate()
        identity.ensure_assembly(db, key, name, "")
        return cls(db, key, name)

    @classmethod
    def council(cls, name: str, level: str, theme: str = "") -> "Kiosk":
        """Set up a council's kiosk."""
        kiosk = cls.assembly(name)
        identity.become(kiosk.db, "council", level, theme)
        return kiosk

    @property
    def me(self) -> dict:
        """Return this kiosk's identity."""
        return identity.assembly(self.db)

    @property
    def meeting(self) -> dict:
        """Return the running meeting."""
        return current_meeting(self.db)

    def legitimate_meeting(self, residents: int = 3) -> dict:
        """Hold a meeting that meets the standard (with the test's low bar of residents)."""
        meeting = self.meeting
        for _ in range(residents):
            check_in(self.db, meeting, "", True, False)
        today = date.today().isoformat()
        meeting_record.set_details(
            self.db, meeting["id"], {"held_on": today, "notice_on": "2026-01-01"}
        )
        meeting_record.add_outreach(self.db, meeting["id"], "2026-01-02", "leaflets", "", [])
        for key in process.CHECKLIST:
            process.tick(self.db, meeting["id"], key)
        return meeting

    def elect(
        self, council_name: str, level: str, delegate: str, items: list, theme="", **more
    ) -> dict:
        """Draft, confirm by a consent round of everyone present, and issue a mandate."""
        meeting = self.meeting
        body = delegates.add_council(self.db, council_name, level, theme)
        fields = {
            "council_id": body["id"],
            "delegate": delegate,
            "scope": f"{council_name}, this season",
            "expires_on": "2027-12-31",
            "report_back": "At the next assembly",
            "items": [
                item
                if isinstance(item, dict)
                else dict(zip(("item", "position", "limits"), item, strict=True))
                for item in items
            ],
            **more,
        }
        drafted = mandates.draft(self.db, meeting, fields)
        closed = self.agree(mandates.open_confirmation(self.db, meeting, drafted["id"]))
        [issued] = mandates.settle_round(
            self.db, closed, self.key, identity.key_id(identity.public_raw(self.key))
        )
        return issued

    def agree(self, rnd: dict) -> dict:
        """Everyone admitted agrees in a consent round, which then closes (and must pass)."""
        voters = list(
            self.db.query(
                "SELECT * FROM attendees WHERE meeting_id = ? AND admitted = 1",
                [self.meeting["id"]],
            )
        ) or [check_in(self.db, self.meeting, "", True, False)]
        for voter in voters:
            rounds.cast_vote(self.db, voter, rnd["id"], "agree")
        closed = rounds.close_round(self.db, rnd["id"])
        assert closed["outcome"] == "passed", closed
        return closed

    def put(self, council_name: str, level: str, text: str, theme="", **choosing) -> dict:
        """Decide, by a consent round, to put a proposal to a council; return it as sent."""
        body = delegates.add_council(self.db, council_name, level, theme)
        rnd = outbox.put(self.db, self.meeting, body["id"], text, **choosing)
        [sent] = outbox.settle_round(self.db, self.agree(rnd))
        return sent

    def received(self, text: str) -> dict:
        """Return the council agenda item this assembly received with these exact words."""
        [found] = self.db.query("SELECT * FROM agenda_in WHERE text = ? ORDER BY version", [text])
        return found

    def publish(self, meets_on: str = "2030-01-15") -> bytes:
        """A council puts every member proposal on its agenda, publishes, and exports it signed."""
        meeting = self.meeting
        for row in self.db.query("SELECT id FROM council_proposals ORDER BY id"):
            placed = self.db.execute(
                "SELECT 1 FROM council_item_sources WHERE proposal_id = ?", [row["id"]]
            ).fetchone()
            if not placed:
                agenda.add_proposal(self.db, meeting, row["id"])
        agenda.publish(self.db, meeting, meets_on)
        return self.agenda_bundle()

    def agenda_bundle(self) -> bytes:
        """Export the council's published agenda as a signed bundle."""
        _name, data = bundle_export.build_agenda(self.db, self.meeting, self.key)
        return data

    def export(self) -> bytes:
        """Export the running meeting's bundle."""
        _name, data = bundle_export.build(self.db, self.meeting["id"], self.key, SETTINGS)
        return data

    def export_minutes(self) -> dict:
        """Return the running meeting's minutes, as its bundle would carry them."""
        return minutes.build(self.db, self.meeting["id"], SETTINGS)

    def take(self, data: bytes, trust_new: bool = False) -> dict:
        """Import a bundle."""
        return council_bundles.import_any(self.db, data, trust_new)

    def register(self, other: "Kiosk", kind: str = "assembly") -> dict:
        """Register another kiosk as a member, by name and the fingerprint it shows."""
        return members.register(self.db, other.name, other.me["fingerprint"], kind)

    def next_meeting(self) -> dict:
        """End the running meeting and start the next."""
        return create_meeting(self.db)
