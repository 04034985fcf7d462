"""The People's Assembly process in each page's snapshot, under the key "process"."""

from sqlite_utils import Database

from kiosk.delegates import agendas
from kiosk.process import agenda, breakouts, harvest, questions, runofshow, signals, stack, timers
from kiosk.process import settings as process
from kiosk.records import submissions
from kiosk.words import gettext

PUBLIC_QUEUE = 10  # phones and the projector see the next ten on the stack, not all of it


def said(labels: dict[str, str]) -> dict[str, str]:
    """Return a set of labels in the language now speaking."""
    return {key: gettext(label) for key, label in labels.items()}


def _item(db: Database, meeting_id: int) -> dict | None:
    """Describe the running agenda item."""
    current = process.settings(db, meeting_id)["current_item_id"]
    if current is None:
        return None
    item = agenda.get_item(db, meeting_id, current)
    keys = ("id", "kind", "title", "minutes", "notes")
    return {key: item[key] for key in keys}


def _breakout(db: Database, meeting_id: int, with_members: bool = False) -> dict | None:
    """Describe the latest breakout and its groups (the map the projector draws)."""
    latest = breakouts.latest_breakout(db, meeting_id)
    if latest is None:
        return None
    keys = (
        "id",
        "number",
        "name",
        "colour",
        "place",
        "theme",
        "members",
        "facilitator_id",
        "note_taker_id",
        "facilitator_name",
        "note_taker_name",
    )
    groups = [{key: g[key] for key in keys} for g in breakouts.groups(db, latest["id"])]
    if with_members:
        for group in groups:
            group["people"] = breakouts.members(db, group["id"])
    return {
        "id": latest["id"],
        "mode": latest["mode"],
        "size": latest["size"],
        "running": latest["ended_at"] is None,
        "groups": groups,
    }


def _stack(db: Database, meeting_id: int, limit: int | None = PUBLIC_QUEUE) -> dict:
    """Describe who has the floor and who is next."""
    waiting = stack.queue(db, meeting_id)
    keys = ("id", "name", "kind", "spoken")
    return {
        "speaker": stack.speaker(db, meeting_id),
        "queue": [{key: e[key] for key in keys} for e in waiting[:limit]],
        "waiting": len(waiting),
    }


def evenings_question(db: Database, meeting_id: int) -> dict | None:
    """Return the evening's question once its stage has begun: its title and exact words."""
    row = db.execute(
        """SELECT i.title, i.notes FROM agenda_items i JOIN stage_stamps s ON s.item_id = i.id
           WHERE i.meeting_id = ? AND i.kind = 'question' ORDER BY s.id LIMIT 1""",
        [meeting_id],
    ).fetchone()
    if row is None:
        return None
    return {"title": row[0], "text": row[1] or row[0]}


def projector(db: Database, meeting: dict) -> dict:
    """Everything the projector's scenes show."""
    meeting_id = meeting["id"]
    settings = process.settings(db, meeting_id)
    rows = agenda.items(db, meeting_id)
    return {
        "process": {
            "scene": process.current_scene(db, meeting_id),
            "overridden": settings["scene"] is not None,
            "stage_started_at": runofshow.stage_started_at(db, meeting_id),
            "chime": bool(settings["chime"]),
            "theme": settings["theme"],
            "twinkles": bool(settings["twinkles"]),
            "destination": settings["destination"],
            "next_meeting": settings["next_meeting"],
            "item": _item(db, meeting_id),
            "agenda": [
                {"id": r["id"], "kind": r["kind"], "title": r["title"], "skipped": r["skipped"]}
                for r in rows
            ],
            "timers": timers.all_timers(db, meeting_id),
            "themes": breakouts.themes(db, meeting_id),
            "breakout": _breakout(db, meeting_id),
            "harvest": harvest.harvest(db, meeting_id),
            "stack": _stack(db, meeting_id),
            "actions": process.actions(db, meeting_id),
            "outcomes": _outcomes(db, meeting_id),
            "council_did": submissions.council_did(db, meeting_id),
            "floor": {
                "questions": questions.released(db, meeting_id, questions.SHOWN),
                "cloud": questions.cloud(db, meeting_id),
            },
        }
    }


def _floor_console(db: Database, meeting_id: int) -> dict:
    """Describe the questions and the one-word question as the facilitator moderates them."""
    asked = questions.prompt(db, meeting_id)
    return {
        "questions": questions.for_facilitator(db, meeting_id),
        "prompt": asked and {k: asked[k] for k in ("id", "text", "closed_at", "shown_at")},
        "words": questions.words(db, asked["id"], with_hidden=True) if asked else [],
        "cloud": questions.cloud(db, meeting_id),
    }


def _outcomes(db: Database, meeting_id: int) -> list[dict]:
    """What councils did with our proposals, for the projector's Delegates scene."""
    keys = ("council", "text", "outcome", "seat_voted", "council_meeting_on")
    return [{k: o[k] for k in keys} for o in agendas.what_happened(db, meeting_id) if o["ours"]]


def facilitator(db: Database, meeting: dict) -> dict:
    """The projector's process plus what only the console needs: plan, record, libraries."""
    meeting_id = meeting["id"]
    part = projector(db, meeting)["process"]
    settings = process.settings(db, meeting_id)
    rows = agenda.items(db, meeting_id)
    part.update(
        agenda=[{**r, "actual": round(r["actual"])} for r in rows],
        current_item_id=settings["current_item_id"],
        scene_override=settings["scene"],
        running_over=round(agenda.running_over(rows, settings["current_item_id"])),
        checklist=process.checklist(db, meeting_id),
        stamps=agenda.stamps(db, meeting_id),
        breakout=_breakout(db, meeting_id, with_members=True),
        stack=_stack(db, meeting_id, limit=None),
        stack_keeper_id=settings["stack_keeper_id"],
        speaker_minutes=settings["speaker_minutes"],
        preflight=runofshow.preflight(db, meeting_id),
        floor=_floor_console(db, meeting_id),
        libraries={
            "kinds": said(agenda.KINDS),
            "scene_labels": said({**agenda.KINDS, **process.SCENE_LABELS}),
            "scenes": process.SCENES,
            "themes": process.THEMES,
            "modes": said(breakouts.MODES),
            "energisers": {k: e.__dict__ for k, e in signals.ENERGISERS.items()},
            "signals": said(signals.KINDS),
        },
    )
    return {"process": part}


def phone_public(db: Database, meeting_id: int) -> dict:
    """What every phone is told: the running item, the timers, themes, breakouts and the floor."""
    latest = breakouts.latest_breakout(db, meeting_id)
    item = _item(db, meeting_id)
    return {
        "item": item and {"kind": item["kind"], "title": item["title"]},
        "question": evenings_question(db, meeting_id),
        "timers": timers.all_timers(db, meeting_id),
        "themes": [{"id": t["id"], "name": t["name"]} for t in breakouts.themes(db, meeting_id)],
        "breakout": latest and {"id": latest["id"], "running": latest["ended_at"] is None},
        "stack": _stack(db, meeting_id),
        "signals": said(signals.KINDS),
        "stack_kinds": said(stack.KINDS),
        "floor": _floor_phones(db, meeting_id),
    }


def _floor_phones(db: Database, meeting_id: int) -> dict:
    """Describe what every phone sees of the floor: released questions, an open word question."""
    asked = questions.prompt(db, meeting_id)
    open_prompt = asked is not None and asked["closed_at"] is None
    return {
        "released": questions.released(db, meeting_id, 10),
        "prompt": {"id": asked["id"], "text": asked["text"]} if open_prompt else None,
    }


def group_public(db: Database, group: dict) -> dict:
    """Describe a breakout group to its own members' phones."""
    keys = ("id", "name", "colour", "place", "theme", "facilitator_id", "note_taker_id")
    return {
        **{key: group[key] for key in keys},
        "people": breakouts.members(db, group["id"]),
        "points": harvest.points(db, group["id"]),
        "read_back": group["read_back_at"] is not None,
    }


def phone(db: Database, meeting: dict, attendee: dict, public: dict | None = None) -> dict:
    """Everything one attendee's phone shows of the process, their group and place included.

    `public` is phone_public() built already, perhaps a while ago: its timers are read again,
    since each says how long it has left and the server's clock now.
    """
    meeting_id = meeting["id"]
    if public is None:
        part = phone_public(db, meeting_id)
    else:
        part = {**public, "timers": timers.all_timers(db, meeting_id)}
    running = breakouts.current_breakout(db, meeting_id)
    group = running and breakouts.group_of(db, running["id"], attendee["id"])
    keeper = process.settings(db, meeting_id)["stack_keeper_id"] == attendee["id"]
    part.update(
        me_id=attendee["id"],
        my_theme=breakouts.my_theme(db, attendee["id"]),
        group=group_public(db, group) if group else None,
        my_stack=stack.my_entry(db, attendee),
        stack_keeper=keeper,
        my_floor={**questions.mine(db, attendee), "word": questions.my_word(db, attendee)},
    )
    if keeper:
        part["stack"] = _stack(db, meeting_id, limit=None)
    return {"process": part}
