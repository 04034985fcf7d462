"""The evening's agenda: items in order, the one running now, and the stamps of each stage."""

import time

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.process.settings import settings, update_settings
from kiosk.words import N_

KINDS = {
    "welcome": N_("Welcome"),
    "agreements": N_("Agreements"),
    "question": N_("The question"),
    "breakouts": N_("Breakouts"),
    "harvest": N_("Harvest"),
    "proposals": N_("Proposals and decisions"),
    "delegates": N_("Delegates"),
    "close": N_("Close"),
    "energiser": N_("Energiser"),
    "council": N_("What the council did"),
}
MAX_TITLE = 80
MAX_NOTES = 1000

# The People's Assembly, with typical timings (DESIGN.md section 3). Notes are what the
# projector shows as the item's words: the welcoming line, the question, the instructions.
TEMPLATE = [
    ("welcome", "Welcome", 10, "Welcome, neighbour! Grab a tea, find a seat, say hello."),
    ("agreements", "Our agreements", 5, ""),
    ("question", "Tonight's question", 10, "What would make our neighbourhood a better home?"),
    ("breakouts", "Breakout groups", 25, ""),
    ("harvest", "Harvest", 15, ""),
    ("proposals", "Proposals and decisions", 20, ""),
    ("delegates", "Delegates", 15, ""),
    ("close", "Close and celebrate", 5, "Thank you for coming. This is what democracy looks like!"),
]


def items(db: Database, meeting_id: int) -> list[dict]:
    """Return the meeting's agenda in order, each item with its actual seconds so far."""
    now = time.time()
    rows = db.query(
        """SELECT agenda_items.*,
                  COALESCE(SUM(COALESCE(s.ended_at, ?) - s.started_at), 0) AS actual,
                  MIN(s.started_at) AS started_at, COUNT(s.id) AS stamps
           FROM agenda_items LEFT JOIN stage_stamps s ON s.item_id = agenda_items.id
           WHERE agenda_items.meeting_id = ?
           GROUP BY agenda_items.id ORDER BY position""",
        [now, meeting_id],
    )
    return [dict(row) for row in rows]


def get_item(db: Database, meeting_id: int, item_id: int) -> dict:
    """Return one agenda item of the meeting, or refuse."""
    rows = db.query(
        "SELECT * FROM agenda_items WHERE id = ? AND meeting_id = ?", [item_id, meeting_id]
    )
    row = next(iter(rows), None)
    if row is None:
        raise Refused("That agenda item is not part of this meeting.")
    return row


def _checked(kind: str, title: str, minutes: int, notes: str) -> dict:
    """Check an item's fields and return them tidied."""
    if not all(isinstance(v, str) for v in (kind, title or "", notes or "")):
        raise Refused("That agenda item was not understood. Please try again.")
    if kind not in KINDS:
        raise Refused("That kind of agenda item does not exist.")
    title = " ".join((title or "").split())
    if not title:
        raise Refused("Give the agenda item a title.")
    if len(title) > MAX_TITLE:
        raise Refused(
            "Keep the title under %(most)s characters (it has %(has)s).",
            most=MAX_TITLE,
            has=f"{len(title):,}",
        )
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 180:
        raise Refused("Plan between 1 and 180 minutes for an item.")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise Refused(
            "Keep the notes under %(most)s characters (they have %(has)s).",
            most=MAX_NOTES,
            has=f"{len(notes):,}",
        )
    return {"kind": kind, "title": title, "minutes": minutes, "notes": notes}


def add_item(
    db: Database, meeting_id: int, kind: str, title: str, minutes: int, notes: str = ""
) -> dict:
    """Add an item at the end of the agenda."""
    fields = _checked(kind, title, minutes, notes)
    last = db.execute(
        "SELECT COALESCE(MAX(position), 0) FROM agenda_items WHERE meeting_id = ?", [meeting_id]
    ).fetchone()[0]
    with db.atomic():
        pk = (
            db.table("agenda_items")
            .insert({"meeting_id": meeting_id, "position": last + 1, **fields})
            .last_pk
        )
    return get_item(db, meeting_id, pk)


def insert_after_current(db: Database, meeting_id: int, **fields) -> dict:
    """Add an item just after the running one (or at the end when nothing runs)."""
    item = add_item(db, meeting_id, **fields)
    current = settings(db, meeting_id)["current_item_id"]
    if current is not None:
        order = [row["id"] for row in items(db, meeting_id) if row["id"] != item["id"]]
        order.insert(order.index(current) + 1, item["id"])
        _renumber(db, order)
    return get_item(db, meeting_id, item["id"])


def use_template(db: Database, meeting_id: int) -> list[dict]:
    """Fill an empty agenda with the People's Assembly template."""
    if items(db, meeting_id):
        raise Refused("The agenda already has items. Edit them, or start a new meeting.")
    with db.atomic():
        for kind, title, minutes, notes in TEMPLATE:
            add_item(db, meeting_id, kind, title, minutes, notes)
    return items(db, meeting_id)


def edit_item(db: Database, meeting_id: int, item_id: int, changes: dict) -> dict:
    """Change an item's kind, title, planned minutes or notes."""
    item = get_item(db, meeting_id, item_id)
    keys = ("kind", "title", "minutes", "notes")
    fields = _checked(*(changes.get(k, item[k]) for k in keys))
    with db.atomic():
        db.table("agenda_items").update(item_id, fields)
    return get_item(db, meeting_id, item_id)


def _renumber(db: Database, order: list[int]) -> None:
    """Store the agenda positions in the given order of ids."""
    with db.atomic():
        for position, item_id in enumerate(order, start=1):
            db.execute("UPDATE agenda_items SET position = ? WHERE id = ?", [position, item_id])


def move_item(db: Database, meeting_id: int, item_id: int, by: int) -> list[dict]:
    """Move an item up (by -1) or down (by 1) the agenda."""
    get_item(db, meeting_id, item_id)
    order = [row["id"] for row in items(db, meeting_id)]
    at = order.index(item_id)
    to = max(0, min(len(order) - 1, at + by))
    order.insert(to, order.pop(at))
    _renumber(db, order)
    return items(db, meeting_id)


def skip_item(db: Database, meeting_id: int, item_id: int, skipped: bool = True) -> dict:
    """Mark an item skipped (or not); a skipped item is passed over by "next"."""
    item = get_item(db, meeting_id, item_id)
    if skipped and settings(db, meeting_id)["current_item_id"] == item_id:
        raise Refused("That item is running now. Move on to another item first.")
    with db.atomic():
        db.table("agenda_items").update(item["id"], {"skipped": int(skipped)})
    return get_item(db, meeting_id, item_id)


def go_to(db: Database, meeting_id: int, item_id: int | None, now: float | None = None) -> None:
    """Make an item the running one: close the last stage's stamp, open this one's."""
    now = time.time() if now is None else now
    item = None if item_id is None else get_item(db, meeting_id, item_id)
    with db.atomic():
        db.execute(
            "UPDATE stage_stamps SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL",
            [now, meeting_id],
        )
        if item is not None:
            db.table("stage_stamps").insert(
                {
                    "meeting_id": meeting_id,
                    "item_id": item["id"],
                    "kind": item["kind"],
                    "started_at": now,
                }
            )
            db.table("agenda_items").update(item["id"], {"skipped": 0})
        update_settings(db, meeting_id, current_item_id=item_id, scene=None)


def next_item(db: Database, meeting_id: int) -> dict | None:
    """Move on to the next item that is not skipped; None when the agenda is done."""
    current = settings(db, meeting_id)["current_item_id"]
    rows = items(db, meeting_id)
    if not rows:
        raise Refused("The agenda is empty. Add items, or use the People's Assembly template.")
    ids = [row["id"] for row in rows]
    after = rows[ids.index(current) + 1 :] if current in ids else rows
    following = next((row for row in after if not row["skipped"]), None)
    go_to(db, meeting_id, following and following["id"])
    return following


def running_over(rows: list[dict], current_id: int | None) -> float:
    """Return how many seconds the meeting runs over its plan (negative when ahead)."""
    over = 0.0
    for row in rows:
        planned = row["minutes"] * 60
        if row["id"] == current_id:
            over += max(0.0, row["actual"] - planned)
        elif row["stamps"] or row["skipped"]:
            over += row["actual"] - planned
    return over


def stamps(db: Database, meeting_id: int) -> list[dict]:
    """Return every stage's actual start and end, in order: the process record."""
    rows = db.query(
        """SELECT s.kind, agenda_items.title, s.started_at, s.ended_at FROM stage_stamps s
           JOIN agenda_items ON agenda_items.id = s.item_id
           WHERE s.meeting_id = ? ORDER BY s.id""",
        [meeting_id],
    )
    return [dict(row) for row in rows]
