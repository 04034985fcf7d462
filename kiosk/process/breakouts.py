"""Breakout groups in the database: themes picked, who is in which group, roles and places.

How a room is split (count-off, at random, by theme) is pure and lives in grouping.py.
"""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.process.grouping import at_random, by_theme, count_off, name_and_colour, smallest
from kiosk.words import N_

MODES = {"random": N_("At random"), "count_off": N_("By count-off"), "theme": N_("By theme")}
ROLES = {"facilitator": "facilitator", "note_taker": "note-taker"}
ALREADY_THEIRS = {
    "facilitator": N_("They are already Group %(group)s's facilitator."),
    "note_taker": N_("They are already Group %(group)s's note-taker."),
}
ALREADY_HELD = {
    "facilitator": N_("Group %(group)s already has a facilitator."),
    "note_taker": N_("Group %(group)s already has a note-taker."),
}
MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = 2, 30, 7
MAX_THEMES, MAX_THEME = 12, 40

# -- themes people pick on their phones ------------------------------------------------------


def set_themes(db: Database, meeting_id: int, names: list[str]) -> list[dict]:
    """Replace the list of themes attendees may pick from (health, education, housing...)."""
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Refused("List the themes, one per line.")
    cleaned = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    if len(cleaned) > MAX_THEMES:
        raise Refused("Choose at most %(most)s themes.", most=MAX_THEMES)
    if any(len(n) > MAX_THEME for n in cleaned):
        raise Refused("Keep each theme under %(most)s characters.", most=MAX_THEME)
    if current_breakout(db, meeting_id):
        raise Refused("Breakouts are running. End them before changing the themes.")
    kept = {t["name"]: t["id"] for t in themes(db, meeting_id)}
    with db.atomic():
        for name, theme_id in kept.items():
            if name not in cleaned:  # retired, not deleted: past groups still name it
                db.execute("DELETE FROM theme_picks WHERE theme_id = ?", [theme_id])
                db.execute("UPDATE breakout_themes SET retired = 1 WHERE id = ?", [theme_id])
        for name in cleaned:
            if name not in kept:
                db.table("breakout_themes").insert({"meeting_id": meeting_id, "name": name})
    return themes(db, meeting_id)


def themes(db: Database, meeting_id: int) -> list[dict]:
    """Return the themes on offer, with how many have picked each."""
    sql = """SELECT t.id, t.name, COUNT(p.attendee_id) AS picked FROM breakout_themes t
             LEFT JOIN theme_picks p ON p.theme_id = t.id
             WHERE t.meeting_id = ? AND NOT t.retired GROUP BY t.id ORDER BY t.id"""
    return [dict(row) for row in db.query(sql, [meeting_id])]


def pick_theme(db: Database, attendee: dict, theme_id: int) -> dict:
    """Record the theme an attendee would like to discuss."""
    offered = {t["id"]: t for t in themes(db, attendee["meeting_id"])}
    if theme_id not in offered:
        raise Refused("That theme is not on offer tonight.")
    with db.atomic():
        db.table("theme_picks").upsert(
            {"attendee_id": attendee["id"], "theme_id": theme_id}, pk="attendee_id"
        )
    return offered[theme_id]


def my_theme(db: Database, attendee_id: int) -> int | None:
    """Return the theme an attendee picked, if any."""
    row = db.execute("SELECT theme_id FROM theme_picks WHERE attendee_id = ?", [attendee_id])
    found = row.fetchone()
    return found[0] if found else None


# -- running breakouts -------------------------------------------------------------------------


def current_breakout(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's running breakout, if any."""
    sql = "SELECT * FROM breakouts WHERE meeting_id = ? AND ended_at IS NULL"
    return next(iter(db.query(sql, [meeting_id])), None)


def latest_breakout(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's most recent breakout, running or ended."""
    sql = "SELECT * FROM breakouts WHERE meeting_id = ? ORDER BY id DESC LIMIT 1"
    return next(iter(db.query(sql, [meeting_id])), None)


def _plan(db: Database, meeting_id: int, mode: str, size: int, seed: int | None) -> list:
    """Return [(theme id, [attendee ids])] for everyone checked in."""
    people = [
        r[0]
        for r in db.execute(
            "SELECT id FROM attendees WHERE meeting_id = ? ORDER BY checked_in_at, id", [meeting_id]
        )
    ]
    if not people:
        raise Refused("Nobody has checked in yet, so there is nobody to put in groups.")
    if mode == "count_off":
        return [(None, g) for g in count_off(people, size)]
    if mode == "random":
        return [(None, g) for g in at_random(people, size, seed)]
    if not themes(db, meeting_id):
        raise Refused("List the themes first, so people can pick one on their phones.")
    return by_theme({p: my_theme(db, p) for p in people}, size, seed)


def start(db: Database, meeting_id: int, mode: str, size: int, seed: int | None = None) -> dict:
    """Split everyone checked in into groups of about size, with names, colours and tables."""
    if mode not in MODES:
        raise Refused("Split the room at random, by count-off or by theme.")
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise Refused(
            "Choose a group size between %(least)s and %(most)s people.",
            least=MIN_SIZE,
            most=MAX_SIZE,
        )
    if current_breakout(db, meeting_id):
        raise Refused("Breakouts are already running. End them first.")
    plan = _plan(db, meeting_id, mode, size, seed)
    names = {t["id"]: t["name"] for t in themes(db, meeting_id)}
    now = time.time()
    with db.atomic():
        breakout_id = (
            db.table("breakouts")
            .insert({"meeting_id": meeting_id, "mode": mode, "size": size, "started_at": now})
            .last_pk
        )
        for number, (theme_id, members) in enumerate(plan, start=1):
            group_id = _new_group(db, breakout_id, number, theme_id, names.get(theme_id))
            for attendee_id in members:
                _add_member(db, breakout_id, group_id, attendee_id, now)
    return current_breakout(db, meeting_id)


def _new_group(db: Database, breakout_id: int, number: int, theme_id, theme) -> int:
    """Insert a group with a playful name and colour; return its id."""
    name, colour = name_and_colour(number)
    row = {
        "breakout_id": breakout_id,
        "number": number,
        "name": name,
        "colour": colour,
        "place": f"Table {number}",
        "theme_id": theme_id,
        "theme": theme,
    }
    return db.table("breakout_groups").insert(row).last_pk


def _add_member(db: Database, breakout_id: int, group_id: int, attendee_id: int, now) -> None:
    """Put one attendee in a group."""
    db.table("group_members").insert(
        {
            "breakout_id": breakout_id,
            "attendee_id": attendee_id,
            "group_id": group_id,
            "joined_at": now,
        }
    )


def end(db: Database, meeting_id: int) -> None:
    """End the running breakout; groups and their points stay on record."""
    breakout = current_breakout(db, meeting_id)
    if breakout is None:
        raise Refused("No breakouts are running.")
    with db.atomic():
        db.table("breakouts").update(breakout["id"], {"ended_at": time.time()})


def groups(db: Database, breakout_id: int) -> list[dict]:
    """Return a breakout's groups in order, each with its member count and role-holders."""
    sql = """SELECT g.*, COUNT(m.attendee_id) AS members,
                    f.display_name AS facilitator_name, n.display_name AS note_taker_name
             FROM breakout_groups g LEFT JOIN group_members m ON m.group_id = g.id
             LEFT JOIN attendees f ON f.id = g.facilitator_id
             LEFT JOIN attendees n ON n.id = g.note_taker_id
             WHERE g.breakout_id = ? GROUP BY g.id ORDER BY g.number"""
    return [dict(row) for row in db.query(sql, [breakout_id])]


def get_group(db: Database, meeting_id: int, group_id: int) -> dict:
    """Return a group of this meeting, or refuse."""
    sql = """SELECT g.* FROM breakout_groups g JOIN breakouts b ON b.id = g.breakout_id
             WHERE g.id = ? AND b.meeting_id = ?"""
    row = next(iter(db.query(sql, [group_id, meeting_id])), None)
    if row is None:
        raise Refused("That group is not part of this meeting.")
    return row


def group_of(db: Database, breakout_id: int, attendee_id: int) -> dict | None:
    """Return the group an attendee is in, in this breakout."""
    sql = """SELECT g.* FROM breakout_groups g JOIN group_members m ON m.group_id = g.id
             WHERE m.breakout_id = ? AND m.attendee_id = ?"""
    return next(iter(db.query(sql, [breakout_id, attendee_id])), None)


def join_late(db: Database, breakout: dict, attendee_id: int) -> dict:
    """Put a late arrival in the smallest group (of their theme, if they picked one)."""
    found = group_of(db, breakout["id"], attendee_id)
    if found:
        return found
    rows = groups(db, breakout["id"])
    theme = my_theme(db, attendee_id) if breakout["mode"] == "theme" else None
    candidates = [g for g in rows if theme is not None and g["theme_id"] == theme] or rows
    chosen = candidates[smallest([g["members"] for g in candidates])]
    with db.atomic():
        _add_member(db, breakout["id"], chosen["id"], attendee_id, time.time())
    return get_group(db, breakout["meeting_id"], chosen["id"])


def set_role(
    db: Database, meeting_id: int, group_id: int, role: str, attendee_id: int | None
) -> dict:
    """Give a group's facilitator or note-taker role to one of its members (None clears it)."""
    group = get_group(db, meeting_id, group_id)
    if role not in ROLES:
        raise Refused("A group has a facilitator and a note-taker.")
    if attendee_id is not None and group_of(db, group["breakout_id"], attendee_id) is None:
        raise Refused("That person is not in Group %(group)s.", group=group["name"])
    if attendee_id is not None and attendee_id == group[_other(role) + "_id"]:
        raise Refused(ALREADY_THEIRS[_other(role)], group=group["name"])
    with db.atomic():
        db.table("breakout_groups").update(group_id, {f"{role}_id": attendee_id})
    return get_group(db, meeting_id, group_id)


def _other(role: str) -> str:
    """Return the other role of a group."""
    return "note_taker" if role == "facilitator" else "facilitator"


def volunteer(db: Database, attendee: dict, role: str) -> dict:
    """Take a vacant role in one's own group, from a phone."""
    group = my_current_group(db, attendee)
    if role not in ROLES:
        raise Refused("A group has a facilitator and a note-taker.")
    holder = group[f"{role}_id"]
    if holder == attendee["id"]:
        return group
    if holder is not None:
        raise Refused(ALREADY_HELD[role], group=group["name"])
    return set_role(db, attendee["meeting_id"], group["id"], role, attendee["id"])


def my_current_group(db: Database, attendee: dict) -> dict:
    """Return the attendee's group in the running breakout, or refuse."""
    breakout = current_breakout(db, attendee["meeting_id"])
    group = breakout and group_of(db, breakout["id"], attendee["id"])
    if not group:
        raise Refused("You are not in a breakout group right now.")
    return group


def set_place(db: Database, meeting_id: int, group_id: int, place: str) -> dict:
    """Say where a group meets ("table by the window")."""
    get_group(db, meeting_id, group_id)
    place = " ".join((place or "").split())
    if not place or len(place) > 60:
        raise Refused("Say where the group meets, in under 60 characters.")
    with db.atomic():
        db.table("breakout_groups").update(group_id, {"place": place})
    return get_group(db, meeting_id, group_id)


def fill_roles(db: Database, meeting_id: int) -> list[dict]:
    """Give every vacant role in the running breakout to a member without one."""
    breakout = current_breakout(db, meeting_id)
    if breakout is None:
        raise Refused("No breakouts are running.")
    for group in groups(db, breakout["id"]):
        for role in ROLES:
            if group[f"{role}_id"] is None:
                taken = {group["facilitator_id"], group["note_taker_id"]}
                free = [m["id"] for m in members(db, group["id"]) if m["id"] not in taken]
                if free:
                    group = set_role(db, meeting_id, group["id"], role, free[0])
    return groups(db, breakout["id"])


def members(db: Database, group_id: int) -> list[dict]:
    """Return a group's members, in the order they joined."""
    sql = """SELECT a.id, a.display_name AS name FROM group_members m
             JOIN attendees a ON a.id = m.attendee_id WHERE m.group_id = ?
             ORDER BY m.joined_at, a.id"""
    return [dict(row) for row in db.query(sql, [group_id])]
