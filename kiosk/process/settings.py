"""The meeting's process settings (scene, theme, destination) and the process-followed record."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.words import N_

SCENES = (
    "welcome",
    "agreements",
    "question",
    "breakouts",
    "harvest",
    "proposals",
    "delegates",
    "close",
    "energiser",
    "council",
    "questions",
    "words",
)
# Scenes that are not agenda stages, named for the console's buttons.
SCENE_LABELS = {"questions": N_("Questions from the floor"), "words": N_("Word cloud")}
THEMES = {"dusk": "Dusk", "meadow": "Meadow", "sunrise": "Sunrise"}
MAX_SETTING = 200
MAX_ACTION = 200

# What the record must show; each is ticked automatically when the kiosk saw it happen.
CHECKLIST = {
    "hand_signals": "Hand signals taught",
    "inclusivity": "Inclusivity statement read",
    "destination": "Destination of tonight's results named",
    "staffed": "Every breakout group had a facilitator and a note-taker",
    "read_back": "Every group's points were read back and confirmed",
    "proposal_wording": "Proposal wording recorded",
}


def settings(db: Database, meeting_id: int) -> dict:
    """Return the meeting's process settings, creating the defaults on first use."""
    rows = list(db.query("SELECT * FROM process WHERE meeting_id = ?", [meeting_id]))
    if rows:
        return rows[0]
    db.execute("INSERT OR IGNORE INTO process (meeting_id) VALUES (?)", [meeting_id])
    return next(db.query("SELECT * FROM process WHERE meeting_id = ?", [meeting_id]))


def update_settings(db: Database, meeting_id: int, **fields) -> dict:
    """Change some of the meeting's process settings."""
    settings(db, meeting_id)
    db.table("process").update(meeting_id, fields)
    return settings(db, meeting_id)


def set_scene(db: Database, meeting_id: int, scene: str | None) -> dict:
    """Show a scene on the projector, or None to follow the running agenda item."""
    if scene is not None and scene not in SCENES:
        raise Refused("There is no such scene.")
    with db.atomic():
        return update_settings(db, meeting_id, scene=scene)


def set_theme(db: Database, meeting_id: int, theme: str) -> dict:
    """Choose the projector's colour theme."""
    if theme not in THEMES:
        raise Refused(
            "Choose one of the colour themes: %(themes)s.", themes=", ".join(THEMES.values())
        )
    with db.atomic():
        return update_settings(db, meeting_id, theme=theme)


def set_words(db: Database, meeting_id: int, key: str, text: str) -> dict:
    """Set where tonight's results will go, or the next meeting's date and place."""
    if key not in ("destination", "next_meeting"):
        raise Refused("That setting does not exist.")
    text = " ".join((text or "").split())
    if len(text) > MAX_SETTING:
        raise Refused(
            "Keep it under %(most)s characters (it has %(has)s).",
            most=MAX_SETTING,
            has=f"{len(text):,}",
        )
    with db.atomic():
        return update_settings(db, meeting_id, **{key: text})


def current_scene(db: Database, meeting_id: int) -> str:
    """Return the scene the projector shows: the override, else the running item's kind."""
    row = settings(db, meeting_id)
    if row["scene"]:
        return row["scene"]
    kind = db.execute(
        "SELECT kind FROM agenda_items WHERE id = ?", [row["current_item_id"]]
    ).fetchone()
    return kind[0] if kind else "auto"


def add_action(db: Database, meeting_id: int, text: str, owner: str) -> dict:
    """Record an action agreed at the close, with the person who owns it."""
    text, owner = " ".join((text or "").split()), " ".join((owner or "").split())
    if not text or not owner:
        raise Refused("An action needs both what will be done and who will do it.")
    if len(text) > MAX_ACTION or len(owner) > 60:
        raise Refused(
            "Keep the action under %(most)s characters and the owner under 60.", most=MAX_ACTION
        )
    with db.atomic():
        pk = (
            db.table("close_actions")
            .insert(
                {"meeting_id": meeting_id, "text": text, "owner": owner, "created_at": time.time()}
            )
            .last_pk
        )
    return db.table("close_actions").get(pk)


def remove_action(db: Database, meeting_id: int, action_id: int) -> None:
    """Delete an action from the close."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM close_actions WHERE id = ? AND meeting_id = ?", [action_id, meeting_id]
        )
    if cursor.rowcount == 0:
        raise Refused("That action is not part of this meeting.")


def actions(db: Database, meeting_id: int) -> list[dict]:
    """Return the actions agreed so far, oldest first."""
    sql = "SELECT id, text, owner FROM close_actions WHERE meeting_id = ? ORDER BY id"
    return [dict(row) for row in db.query(sql, [meeting_id])]


def tick(db: Database, meeting_id: int, key: str, ticked: bool = True) -> None:
    """Tick (or untick) a checklist item by hand, for what the kiosk could not see."""
    if key not in CHECKLIST:
        raise Refused("That is not on the checklist.")
    with db.atomic():
        if ticked:
            db.execute(
                "INSERT OR IGNORE INTO checklist_ticks VALUES (?, ?, ?)",
                [meeting_id, key, time.time()],
            )
        else:
            db.execute(
                "DELETE FROM checklist_ticks WHERE meeting_id = ? AND key = ?", [meeting_id, key]
            )


def _one(db: Database, sql: str, params: list) -> bool:
    """Return whether a query's first column of its first row is true."""
    row = db.execute(sql, params).fetchone()
    return bool(row and row[0])


def seen(db: Database, meeting_id: int) -> dict[str, bool]:
    """Return, for each checklist item, whether the kiosk saw it happen."""
    agreements = _one(
        db,
        "SELECT COUNT(*) FROM stage_stamps WHERE meeting_id = ? AND kind = 'agreements'",
        [meeting_id],
    )
    groups = (
        "SELECT g.* FROM breakout_groups g JOIN breakouts b ON b.id = g.breakout_id "
        "WHERE b.meeting_id = ?"
    )
    has_groups = _one(db, f"SELECT COUNT(*) FROM ({groups})", [meeting_id])
    unstaffed = (
        f"SELECT COUNT(*) FROM ({groups}) WHERE facilitator_id IS NULL OR note_taker_id IS NULL"
    )
    unread = f"SELECT COUNT(*) FROM ({groups}) WHERE read_back_at IS NULL"
    return {
        "hand_signals": agreements,
        "inclusivity": agreements,
        "destination": agreements and bool(settings(db, meeting_id)["destination"]),
        "staffed": has_groups and not _one(db, unstaffed, [meeting_id]),
        "read_back": has_groups and not _one(db, unread, [meeting_id]),
        "proposal_wording": _one(
            db, "SELECT COUNT(*) FROM proposals WHERE meeting_id = ?", [meeting_id]
        ),
    }


def checklist(db: Database, meeting_id: int) -> list[dict]:
    """Return the checklist: each item, whether it is done, and whether by the kiosk or by hand."""
    auto = seen(db, meeting_id)
    by_hand = {
        row["key"]
        for row in db.query("SELECT key FROM checklist_ticks WHERE meeting_id = ?", [meeting_id])
    }
    return [
        {
            "key": key,
            "label": label,
            "done": auto[key] or key in by_hand,
            "by": "kiosk" if auto[key] else ("facilitator" if key in by_hand else None),
        }
        for key, label in CHECKLIST.items()
    ]
