"""The console's "before and after the meeting" part, under the key "meeting_record".

The meeting's details, outreach log, roles and actions' deadlines as recorded, the choices the
forms offer, the legitimacy card (this meeting and the last few), the assembly's area, languages
and privacy settings, tonight's access needs, and submissions to the council that are overdue.
"""

from sqlite_utils import Database

from kiosk.delegates.seats import GENDERS
from kiosk.meeting import needs, residency
from kiosk.records import invitation, legitimacy, privacy, submissions
from kiosk.records import meeting_record as record
from kiosk.words import gettext, ngettext


def assembly_part(db: Database) -> dict:
    """Return the assembly's own settings: its area, languages, retention and contact."""
    return {
        "area": residency.area(db),
        "languages": invitation.statuses(db),
        **privacy.settings(db),
    }


def facilitator(db: Database, meeting: dict, settings: dict) -> dict:
    """Everything the console's "before and after the meeting" panel and the card show."""
    meeting_id = meeting["id"]
    return {
        "meeting_record": {
            "details": record.details(db, meeting_id),
            "outreach": record.outreach(db, meeting_id),
            "roles": record.roles_held(db, meeting_id),
            "actions": record.actions(db, meeting_id),
            "legitimacy": legitimacy.card(db, meeting_id, settings),
            "assembly": assembly_part(db),
            "access_needs": {
                "totals": needs.totals(db, meeting_id),
                "notes": needs.notes(db, meeting_id),
            },
            "overdue": submissions.overdue(db),
            "choices": {  # [value, label] pairs: a page's JSON may sort an object's keys
                "outreach_kinds": list(record.OUTREACH_KINDS.items()),
                "roles": list(record.ROLES.items()),
                "genders": list(GENDERS.items()),
                "phrases": list(invitation.PHRASES),
            },
        }
    }


def privacy_notice(db: Database, assembly_name: str) -> dict:
    """Return the privacy notice a phone shows, in four short lines and its person's language."""
    kept = privacy.settings(db)
    ask = kept["contact"] or gettext("a facilitator at any meeting")
    days = kept["retention_days"]
    return {
        "who": gettext(
            "%(assembly)s holds these details, on the laptop that runs the meeting, not online.",
            assembly=assembly_name,
        ),
        "why": gettext(
            "To count who came and where from, so the assembly can show it is open and local, "
            "and to plan access for the next meeting."
        ),
        "how_long": ngettext(
            "Names, postcode areas and access needs are erased %(num)s day after the meeting; "
            "only counts are kept.",
            "Names, postcode areas and access needs are erased %(num)s days after the meeting; "
            "only counts are kept.",
            days,
        ),
        "ask": gettext(
            "To see your details or have them erased, ask %(ask)s. Erasing keeps only the counts.",
            ask=ask,
        ),
    }
