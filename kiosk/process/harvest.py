"""The harvest: each group's 2–5 points, read back and confirmed, clustered into themes."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.process import breakouts
from kiosk.words import N_

AGREEMENT = {"all": N_("All of us"), "most": N_("Most of us"), "some": N_("Some of us")}
MIN_POINTS, MAX_POINTS, MAX_POINT = 2, 5, 280
MAX_CLUSTER = 80


def _note_takers_group(db: Database, attendee: dict) -> dict:
    """Return the group whose note-taker this attendee is, or refuse."""
    group = breakouts.my_current_group(db, attendee)
    if group["note_taker_id"] != attendee["id"]:
        raise Refused("Only Group %(group)s's note-taker can send its points.", group=group["name"])
    return group


def points(db: Database, group_id: int) -> list[dict]:
    """Return a group's points in the order they were sent."""
    sql = """SELECT id, group_id, text, agreement, cluster_id FROM harvest_points
             WHERE group_id = ? ORDER BY id"""
    return [dict(row) for row in db.query(sql, [group_id])]


def add_point(db: Database, attendee: dict, text: str, agreement: str) -> dict:
    """Record one of the group's points, sent from the note-taker's phone."""
    group = _note_takers_group(db, attendee)
    text = " ".join((text or "").split())
    if not text:
        raise Refused("Write the point before sending it.")
    if len(text) > MAX_POINT:
        raise Refused(
            "Keep each point under %(most)s characters (it has %(has)s).",
            most=MAX_POINT,
            has=f"{len(text):,}",
        )
    if agreement not in AGREEMENT:
        raise Refused("Say whether all, most or some of the group agree.")
    with db.atomic():
        sent = db.execute("SELECT COUNT(*) FROM harvest_points WHERE group_id = ?", [group["id"]])
        if sent.fetchone()[0] >= MAX_POINTS:
            raise Refused(
                "A group sends at most %(most)s points. Remove one to add another.",
                most=MAX_POINTS,
            )
        pk = (
            db.table("harvest_points")
            .insert(
                {
                    "group_id": group["id"],
                    "text": text,
                    "agreement": agreement,
                    "created_at": time.time(),
                }
            )
            .last_pk
        )
        db.table("breakout_groups").update(group["id"], {"read_back_at": None})
    return dict(db.table("harvest_points").get(pk))


def remove_point(db: Database, attendee: dict, point_id: int) -> None:
    """Take back one of the group's points (the note-taker only)."""
    group = _note_takers_group(db, attendee)
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM harvest_points WHERE id = ? AND group_id = ?", [point_id, group["id"]]
        )
        if cursor.rowcount == 0:
            raise Refused("That point is not one of your group's.")
        db.table("breakout_groups").update(group["id"], {"read_back_at": None})


def confirm_read_back(db: Database, attendee: dict) -> dict:
    """A group member confirms the points read back are what the group said."""
    group = breakouts.my_current_group(db, attendee)
    count = len(points(db, group["id"]))
    if count < MIN_POINTS:
        raise Refused(
            "A group sends %(least)s to %(most)s points; Group %(group)s has %(count)s so far.",
            least=MIN_POINTS,
            most=MAX_POINTS,
            group=group["name"],
            count=count,
        )
    with db.atomic():
        db.table("breakout_groups").update(group["id"], {"read_back_at": time.time()})
    return breakouts.get_group(db, attendee["meeting_id"], group["id"])


def add_cluster(db: Database, meeting_id: int, title: str) -> dict:
    """Name an emerging theme that points can be gathered under."""
    title = " ".join((title or "").split())
    if not title:
        raise Refused("Give the emerging theme a name.")
    if len(title) > MAX_CLUSTER:
        raise Refused("Keep the theme's name under %(most)s characters.", most=MAX_CLUSTER)
    with db.atomic():
        pk = (
            db.table("harvest_clusters")
            .insert({"meeting_id": meeting_id, "title": title, "created_at": time.time()})
            .last_pk
        )
    return dict(db.table("harvest_clusters").get(pk))


def cluster_point(db: Database, meeting_id: int, point_id: int, cluster_id: int | None) -> None:
    """Put a point under an emerging theme (or take it out, with None)."""
    point = db.execute(
        """SELECT p.id FROM harvest_points p JOIN breakout_groups g ON g.id = p.group_id
           JOIN breakouts b ON b.id = g.breakout_id WHERE p.id = ? AND b.meeting_id = ?""",
        [point_id, meeting_id],
    ).fetchone()
    if point is None:
        raise Refused("That point is not part of this meeting.")
    if (
        cluster_id is not None
        and not db.execute(
            "SELECT 1 FROM harvest_clusters WHERE id = ? AND meeting_id = ?",
            [cluster_id, meeting_id],
        ).fetchone()
    ):
        raise Refused("That theme is not part of this meeting.")
    with db.atomic():
        db.table("harvest_points").update(point_id, {"cluster_id": cluster_id})


def clusters(db: Database, meeting_id: int) -> list[dict]:
    """Return the emerging themes, oldest first."""
    sql = "SELECT id, title FROM harvest_clusters WHERE meeting_id = ? ORDER BY id"
    return [dict(row) for row in db.query(sql, [meeting_id])]


def harvest(db: Database, meeting_id: int) -> dict:
    """Return the latest breakout's groups with their points, and the emerging themes."""
    latest = breakouts.latest_breakout(db, meeting_id)
    groups = []
    for group in breakouts.groups(db, latest["id"]) if latest else []:
        groups.append(
            {
                "id": group["id"],
                "name": group["name"],
                "colour": group["colour"],
                "theme": group["theme"],
                "read_back": group["read_back_at"] is not None,
                "points": points(db, group["id"]),
            }
        )
    return {"groups": groups, "clusters": clusters(db, meeting_id)}
