"""Minutes: everything about one meeting gathered as plain data, for paper and for councils.

`build` returns JSON-able data (docs/minutes.schema.json, "assembly-kiosk/minutes" version 2)
that printouts draws as minutes.pdf and a bundle carries as minutes.json. A meeting where nothing
happened still has minutes, with "empty": true: the record that it was opened and nothing was
decided is worth keeping, and a bundle made from it must still verify.
"""

import time
from datetime import UTC, datetime

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.meeting import needs, residency
from kiosk.meeting.meetings import attendance
from kiosk.records import legitimacy, privacy, submissions
from kiosk.records import meeting_record as record
from kiosk.records import minutes_delegates as delegates_part
from kiosk.records import minutes_sections as sections
from kiosk.records.minutes_council import section as council_section
from kiosk.trust import identity
from kiosk.words import N_

SCHEMA, VERSION = "assembly-kiosk/minutes", 2
REHEARSAL = N_(
    "This is a rehearsal: it has no minutes, and nothing of it goes to the councils. "
    "End the rehearsal on the console to return to the real meeting."
)


# -- the minutes -----------------------------------------------------------------------------------


def _meeting(db: Database, meeting: dict, told: dict) -> dict:
    """Return the minutes' account of the meeting itself: when, where, how people were invited."""
    stamps = sections.stages(db, meeting["id"])
    ended = stamps and all(s["ended_at"] for s in stamps)
    return {
        "id": meeting["id"],
        "code": meeting["code"],
        "title": meeting["title"],
        "date": told["date"],
        "started_at": stamps[0]["started_at"] if stamps else sections.iso(meeting["created_at"]),
        "ended_at": stamps[-1]["ended_at"] if ended else sections.iso(meeting["ended_at"]),
        "venue": told["venue"],
        "access_features": told["access_features"],
        "notice": {"given_on": told["notice_on"], "channels": told["notice_channels"]},
        "outreach": [
            {k: o[k] for k in ("date", "kind", "label", "detail", "languages")}
            for o in record.outreach(db, meeting["id"])
        ],
        "results_go_to": told["results_go_to"] or None,
        "next_meeting": told["next_meeting"] or None,
        "voting_mode": meeting["voting_mode"],
    }


def _attendance(db: Database, meeting_id: int, told: dict) -> dict:
    """Count who came: in total, residents (with and without phones), first-timers."""
    counts = attendance(db, meeting_id)
    without = residency.residents_without_phones(db, meeting_id, told["residents_without_phones"])
    return {
        "total": counts["present"],
        "residents": counts["residents"] + without,
        "residents_with_phones": counts["residents"],
        "residents_without_phones": without,
        "first_timers": counts["first_timers"],
        "with_phones": counts["with_phones"],
        "without_phones": counts["without_phones"],
    }


def _assembly(db: Database) -> dict:
    """Return the assembly's identity: its name, area and signing key."""
    found = identity.assembly(db)
    keys = ("name", "area", "key_id", "fingerprint", "public_key")
    return {k: found[k] for k in keys}


def build(db: Database, meeting_id: int, settings: dict, now: float | None = None) -> dict:
    """Gather everything about one meeting into the minutes: plain data, no Flask."""
    meeting = next(iter(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id])), None)
    if meeting is None:
        raise Refused("That meeting does not exist.", status=404)
    if meeting["rehearsal"]:
        raise Refused(REHEARSAL, status=409)
    told = record.details(db, meeting_id)
    moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    assembly = _assembly(db)
    found = {
        "schema": SCHEMA,
        "version": VERSION,
        "generated_at": moment.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "assembly": assembly,
        "meeting": _meeting(db, meeting, told),
        "attendance": _attendance(db, meeting_id, told),
        "roles": [
            {k: r[k] for k in ("key", "role", "name", "gender")}
            for r in record.roles_held(db, meeting_id)
        ],
        "process": {
            "stages": sections.stages(db, meeting_id),
            # The checklist is the assembly's (breakouts, hand signals…): a council keeps none.
            "checklist": [] if meeting["council"] else sections.checklist(db, meeting_id),
        },
        "question": sections.question(db, meeting_id),
        "breakouts": sections.breakout_groups(db, meeting_id),
        "themes": sections.themes(db, meeting_id),
        "proposals": sections.proposal_minutes(db, meeting_id),
        "actions": sections.actions(db, meeting_id),
        "mandates": delegates_part.mandate_minutes(db, meeting_id),
        "recalls": delegates_part.recall_minutes(db, meeting),
        "report_backs": delegates_part.report_back_minutes(db, meeting_id),
        "proposals_up": delegates_part.proposals_up(db),
        "outcomes": delegates_part.outcomes(db, meeting_id),
        "revocations": delegates_part.revocation_minutes(db, meeting_id, assembly["key_id"]),
        "legitimacy": legitimacy.card(db, meeting_id, settings),
        "empty": legitimacy.is_empty(db, meeting_id),
        "access_needs": needs.totals(db, meeting_id),
        "privacy": privacy.minutes_part(db, meeting_id),
        "submissions": submissions.for_minutes(db, meeting_id),
    }
    if meeting["council"]:
        found["council"] = council_section(db, meeting)  # how each delegate voted
    return found
