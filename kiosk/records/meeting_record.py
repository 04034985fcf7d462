"""The meeting's record, kept before and after it: date, venue, access, notice, outreach, roles.

What the minutes and the legitimacy card need that the evening itself does not record: how the
area was invited, who held which role (gender optional), and each action's deadline.
"""

import json
import re
import time
from datetime import date, datetime

from babel.numbers import format_decimal
from sqlite_utils import Database

from kiosk import words
from kiosk.delegates.seats import GENDERS
from kiosk.errors import Refused
from kiosk.meeting.meetings import attendance
from kiosk.process import settings as process
from kiosk.words import N_
from kiosk.words import gettext as _
from printouts.wording import ROLES

OUTREACH_KINDS = {
    "leaflets": N_("Leaflets"),
    "door_knocking": N_("Door-knocking"),
    "social_media": N_("Social media"),
    "posters": N_("Posters"),
    "local_press": N_("Local press"),
    "other": N_("Other"),
}
DETAILS = (
    "held_on",
    "venue",
    "access_features",
    "notice_on",
    "notice_channels",
    "starts_at",
    "childcare",
)
EACH = {  # what a list holds, and what one of its items is called when refused
    N_("access features"): N_("each access feature"),
    N_("channels"): N_("each channel"),
    N_("languages"): N_("each language"),
}
MAX_TEXT, MAX_ITEM, MAX_ITEMS, MAX_NAME = 200, 80, 20, 80
MAX_OUTREACH, MAX_ROLES = 100, 40
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


# -- reading what people typed ---------------------------------------------------------------------


def _text(value: object, what: str, limit: int = MAX_TEXT) -> str:
    """Return text with its whitespace tidied, refusing what is not text or is too long."""
    if not isinstance(value, str):
        raise Refused("Give %(what)s as words.", what=_(what))
    text = " ".join(value.split())
    if len(text) > limit:
        raise Refused(
            "Keep %(what)s under %(most)s characters (it has %(count)s).",
            what=_(what),
            most=limit,
            count=format_decimal(len(text), locale=words.locale()),
        )
    return text


def read_date(value: object, what: str) -> str | None:
    """Return an ISO date (YYYY-MM-DD), None for blank, refusing anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise Refused("Give %(what)s as a date, like 2026-05-14.", what=_(what)) from error


def _clock(value: object) -> str | None:
    """Return a start time as HH:MM on the 24-hour clock, None for blank."""
    text = value.strip() if isinstance(value, str) else value
    if text is None or text == "":
        return None
    if not isinstance(text, str) or not CLOCK.fullmatch(text):
        raise Refused("Give the start time on the 24-hour clock, like 19:00.")
    return text


def _list(value: object, what: str) -> list[str]:
    """Return a list of short words (access features, channels, languages), tidied and unique."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Refused("List %(what)s, one per line.", what=_(what))
    cleaned = list(dict.fromkeys(_text(v, EACH[what], MAX_ITEM) for v in value))
    cleaned = [v for v in cleaned if v]
    if len(cleaned) > MAX_ITEMS:
        raise Refused("List at most %(most)s %(what)s.", most=MAX_ITEMS, what=_(what))
    return cleaned


# -- the meeting's details: date, venue, access, notice --------------------------------------------


def _opened_on(db: Database, meeting_id: int) -> str:
    """Return the day the kiosk opened the meeting, as an ISO date."""
    row = db.execute("SELECT created_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    if row is None:
        raise Refused("That meeting does not exist.", status=404)
    return datetime.fromtimestamp(row[0]).date().isoformat()


def meeting_date(db: Database, meeting_id: int) -> date:
    """Return the day the meeting is held: as recorded, else the day the kiosk opened it."""
    row = db.execute(
        "SELECT held_on FROM meeting_details WHERE meeting_id = ?", [meeting_id]
    ).fetchone()
    return date.fromisoformat((row and row[0]) or _opened_on(db, meeting_id))


def details(db: Database, meeting_id: int) -> dict:
    """Return the meeting's recorded details, with where results go and the next meeting."""
    sql = "SELECT * FROM meeting_details WHERE meeting_id = ?"
    stored = next(iter(db.query(sql, [meeting_id])), {})
    settings = process.settings(db, meeting_id)
    return {
        "held_on": stored.get("held_on"),
        "date": meeting_date(db, meeting_id).isoformat(),
        "venue": stored.get("venue", ""),
        "access_features": json.loads(stored.get("access_features", "[]")),
        "notice_on": stored.get("notice_on"),
        "notice_channels": json.loads(stored.get("notice_channels", "[]")),
        "residents_without_phones": stored.get("residents_without_phones", 0),
        "starts_at": stored.get("starts_at"),
        "childcare": stored.get("childcare", ""),
        "results_go_to": settings["destination"],
        "next_meeting": settings["next_meeting"],
    }


def _cleaned(db: Database, meeting_id: int, changes: dict) -> dict:
    """Check each detail given and return the columns to store."""
    row: dict = {}
    for key in ("held_on", "notice_on"):
        if key in changes:
            row[key] = read_date(
                changes[key], N_("the meeting's date") if key == "held_on" else N_("the date")
            )
    for key, what in (("venue", N_("the venue")), ("childcare", N_("childcare"))):
        if key in changes:
            row[key] = _text(changes[key], what)
    if "starts_at" in changes:
        row["starts_at"] = _clock(changes["starts_at"])
    for key, what in (
        ("access_features", N_("access features")),
        ("notice_channels", N_("channels")),
    ):
        if key in changes:
            row[key] = json.dumps(_list(changes[key], what))
    if "residents_without_phones" in changes:
        count = changes["residents_without_phones"]
        counted = attendance(db, meeting_id)["without_phones"]
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= counted:
            raise Refused(
                "Residents without phones must be from 0 to the %(counted)s counted.",
                counted=counted,
            )
        row["residents_without_phones"] = count
    return row


def set_details(db: Database, meeting_id: int, changes: object) -> dict:
    """Record some of the meeting's details; anything refused leaves everything as it was."""
    allowed = (*DETAILS, "residents_without_phones", "results_go_to")
    if not isinstance(changes, dict) or set(changes) - set(allowed):
        raise Refused("Those details are not part of a meeting's record.")
    row = _cleaned(db, meeting_id, changes)
    now = details(db, meeting_id)
    held = (row["held_on"] if "held_on" in row else now["held_on"]) or _opened_on(db, meeting_id)
    notice = row.get("notice_on", now["notice_on"])
    if notice and notice > held:
        raise Refused("Notice is given before the meeting: that date is after the meeting's.")
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO meeting_details (meeting_id) VALUES (?)", [meeting_id])
        if row:
            db.table("meeting_details").update(meeting_id, row)
        if "results_go_to" in changes:
            said = _text(changes["results_go_to"], N_("where results go"))
            process.set_words(db, meeting_id, "destination", said)
    return details(db, meeting_id)


# -- the outreach log ------------------------------------------------------------------------------


def outreach(db: Database, meeting_id: int) -> list[dict]:
    """Return the outreach for this meeting, earliest first."""
    sql = "SELECT * FROM outreach WHERE meeting_id = ? ORDER BY done_on, id"
    return [
        {
            "id": row["id"],
            "date": row["done_on"],
            "kind": row["kind"],
            "label": OUTREACH_KINDS[row["kind"]],
            "detail": row["detail"],
            "languages": json.loads(row["languages"]),
        }
        for row in db.query(sql, [meeting_id])
    ]


def add_outreach(
    db: Database, meeting_id: int, done_on: object, kind: object, detail: object, languages: object
) -> dict:
    """Log one outreach effort: when, what kind, where or how, and in which languages."""
    if kind not in OUTREACH_KINDS:
        kinds = ", ".join(_(k) for k in OUTREACH_KINDS.values())
        raise Refused("Choose the kind of outreach: %(kinds)s.", kinds=kinds)
    row = {
        "meeting_id": meeting_id,
        "done_on": read_date(done_on, N_("the outreach date")),
        "kind": kind,
        "detail": _text(detail, N_("the detail")),
        "languages": json.dumps(_list(languages, N_("languages"))),
        "created_at": time.time(),
    }
    if row["done_on"] is None:
        raise Refused("Say when the outreach was done.")
    if kind == "other" and not row["detail"]:
        raise Refused("Say what the other outreach was.")
    logged = "SELECT COUNT(*) FROM outreach WHERE meeting_id = ?"
    with db.atomic():
        if db.execute(logged, [meeting_id]).fetchone()[0] >= MAX_OUTREACH:
            raise Refused(
                "The log holds %(most)s entries; remove one to add another.", most=MAX_OUTREACH
            )
        pk = db.table("outreach").insert(row).last_pk
    return next(o for o in outreach(db, meeting_id) if o["id"] == pk)


def remove_outreach(db: Database, meeting_id: int, outreach_id: int) -> None:
    """Delete one entry of the outreach log."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM outreach WHERE id = ? AND meeting_id = ?", [outreach_id, meeting_id]
        )
    if cursor.rowcount == 0:
        raise Refused("That outreach is not logged for this meeting.")


# -- roles held tonight ----------------------------------------------------------------------------


def roles(db: Database, meeting_id: int) -> list[dict]:
    """Return the roles recorded for tonight, in the order they were added."""
    sql = "SELECT id, role, name, gender FROM meeting_roles WHERE meeting_id = ? ORDER BY id"
    return [
        {
            "id": r["id"],
            "key": r["role"],
            "role": ROLES[r["role"]],
            "name": r["name"],
            "gender": r["gender"],
        }
        for r in db.query(sql, [meeting_id])
    ]


def add_role(db: Database, meeting_id: int, role: object, name: object, gender: object) -> dict:
    """Record who held a role tonight, by the name they want minuted, and their gender if given."""
    if role not in ROLES:
        raise Refused(
            "Choose a role: %(roles)s.", roles=", ".join(_(r).lower() for r in ROLES.values())
        )
    if gender not in GENDERS:
        raise Refused("That gender option is not one of the choices.")
    name = _text(name, N_("the name"), MAX_NAME)
    if not name:
        raise Refused("Give the %(role)s's name.", role=_(ROLES[role]).lower())
    held = roles(db, meeting_id)
    if any(r["key"] == role and r["name"] == name for r in held):
        raise Refused(
            "%(name)s is already recorded as %(role)s.", name=name, role=_(ROLES[role]).lower()
        )
    if len(held) >= MAX_ROLES:
        raise Refused("At most %(most)s roles can be recorded; remove one first.", most=MAX_ROLES)
    row = {"meeting_id": meeting_id, "role": role, "name": name, "gender": gender}
    with db.atomic():
        pk = db.table("meeting_roles").insert({**row, "created_at": time.time()}).last_pk
    return next(r for r in roles(db, meeting_id) if r["id"] == pk)


def remove_role(db: Database, meeting_id: int, role_id: int) -> None:
    """Delete one recorded role."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM meeting_roles WHERE id = ? AND meeting_id = ?", [role_id, meeting_id]
        )
    if cursor.rowcount == 0:
        raise Refused("That role is not recorded for this meeting.")


def roles_held(db: Database, meeting_id: int) -> list[dict]:
    """Return the roles for the minutes: those recorded, and those the kiosk already knows."""
    held = roles(db, meeting_id)
    keys = {r["key"] for r in held}
    known = []
    keeper = db.execute(
        """SELECT a.display_name FROM process p JOIN attendees a ON a.id = p.stack_keeper_id
           WHERE p.meeting_id = ? AND a.display_name != ''""",
        [meeting_id],
    ).fetchone()
    if keeper and "stack_keeper" not in keys:
        known.append(("stack_keeper", keeper[0]))
    for key, column in (("facilitator", "facilitator_name"), ("note_taker", "note_taker_name")):
        if key not in keys:
            sql = f"""SELECT DISTINCT {column} FROM mandates WHERE meeting_id = ?
                      AND {column} != '' ORDER BY id"""
            known += [(key, row[0]) for row in db.execute(sql, [meeting_id])]
    held += [{"id": None, "key": k, "role": ROLES[k], "name": n, "gender": ""} for k, n in known]
    return held


# -- actions' deadlines ----------------------------------------------------------------------------


def set_deadline(db: Database, meeting_id: int, action_id: int, deadline: object) -> dict:
    """Give an action agreed at the close a deadline (blank clears it)."""
    when = read_date(deadline, N_("the deadline"))
    with db.atomic():
        cursor = db.execute(
            "UPDATE close_actions SET deadline = ? WHERE id = ? AND meeting_id = ?",
            [when, action_id, meeting_id],
        )
    if cursor.rowcount == 0:
        raise Refused("That action is not part of this meeting.")
    return {"id": action_id, "deadline": when}


def actions(db: Database, meeting_id: int) -> list[dict]:
    """Return the actions agreed so far, each with its deadline, for the console."""
    sql = "SELECT id, text, owner, deadline FROM close_actions WHERE meeting_id = ? ORDER BY id"
    return [
        {"id": r["id"], "what": r["text"], "owner": r["owner"], "deadline": r["deadline"]}
        for r in db.query(sql, [meeting_id])
    ]
