"""The pretend crowd of a rehearsal: about forty people who do what a room plausibly does.

Each step they do a little more, through the same domain functions phones use: arrive and
check in, pick themes, take roles in their group and send its points, confirm the read-back,
join the stack, twinkle, vote (with concerns, a block now and then), stand for a seat, ask
and upvote questions, and answer in one word. Nothing here announces: step() says what
changed, and the web layer announces it as it does for phones.
"""

import random
from dataclasses import dataclass, field

from sqlite_utils import Database

from kiosk.decisions import ballots, rounds
from kiosk.decisions.kinds import KINDS, option_pairs
from kiosk.delegates import seats
from kiosk.errors import Refused
from kiosk.meeting import admission, meetings
from kiosk.process import agenda, breakouts, harvest, questions, signals, stack
from kiosk.process import settings as process
from kiosk.rehearsal.people import NAMES, POINTS, QUESTIONS, REASONS, WORDS

PRETEND = "pretend-"  # the start of a pretend person's token: no browser ever holds one
ROOM = 40
TALKING = ("agreements", "question", "proposals", "delegates")


@dataclass
class Changed:
    """What a step changed, for the web layer to announce."""

    counts: bool = False
    process: bool = False
    delegates: bool = False
    signalled: bool = False
    groups: set = field(default_factory=set)


def pretend(db: Database, meeting_id: int) -> list[dict]:
    """Return the pretend people checked in so far."""
    sql = "SELECT * FROM attendees WHERE meeting_id = ? AND token LIKE ? ORDER BY id"
    return list(db.query(sql, [meeting_id, PRETEND + "%"]))


def _stage(db: Database, meeting_id: int) -> str | None:
    """Return the kind of the agenda item running now."""
    current = process.settings(db, meeting_id)["current_item_id"]
    return current and agenda.get_item(db, meeting_id, current)["kind"]


def step(db: Database, meeting: dict, rng: random.Random, room: int = ROOM) -> Changed:
    """Let the pretend people do the next plausible things; return what changed."""
    changed = Changed()
    people = _arrive(db, meeting, rng, room, changed)
    stage = _stage(db, meeting["id"])
    for act in (_groups, _floor, _vote, _stand, _ask, _answer):
        act(db, meeting, people, stage, rng, changed)
    return changed


def _arrive(db, meeting, rng, room: int, changed: Changed) -> list[dict]:
    """Check a few more people in (until the room is full); a pretend greeter admits them."""
    people = pretend(db, meeting["id"])
    for n in range(len(people), min(room, len(people) + rng.randint(2, 5))):
        person = meetings.check_in(
            db, meeting, NAMES[n % len(NAMES)], rng.random() < 0.85, rng.random() < 0.2
        )
        db.table("attendees").update(person["id"], {"token": PRETEND + person["token"]})
        running = breakouts.current_breakout(db, meeting["id"])
        if running:
            changed.groups.add(breakouts.join_late(db, running, person["id"])["id"])
        changed.counts = True
    for person in pretend(db, meeting["id"]):
        if not person["admitted"] and rng.random() < 0.5:
            admission.admit(db, meeting, person["id"])
            changed.counts = True
    return pretend(db, meeting["id"])


def _groups(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Pick themes before the split; in a group, take the roles, send points, confirm them."""
    running = breakouts.current_breakout(db, meeting["id"])
    if running is None:
        _pick_themes(db, meeting, people, rng)
        return
    mine = {p["id"]: p for p in people}
    for group in breakouts.groups(db, running["id"]):
        members = [mine[m["id"]] for m in breakouts.members(db, group["id"]) if m["id"] in mine]
        if members and _tend_group(db, group, members, stage, rng):
            changed.groups.add(group["id"])


def _pick_themes(db, meeting, people, rng) -> None:
    """Let people who have not picked a theme pick one of those on offer."""
    offered = breakouts.themes(db, meeting["id"])
    for person in people:
        if offered and breakouts.my_theme(db, person["id"]) is None and rng.random() < 0.3:
            breakouts.pick_theme(db, person, rng.choice(offered)["id"])


def _tend_group(db, group: dict, members: list[dict], stage, rng) -> bool:
    """Volunteer for a group's empty roles and send its points; return whether it changed."""
    for role in ("note_taker", "facilitator"):
        taken = {group["facilitator_id"], group["note_taker_id"]}
        free = [m for m in members if m["id"] not in taken]
        if group[f"{role}_id"] is None and free and rng.random() < 0.6:
            group = breakouts.volunteer(db, rng.choice(free), role)
            return True
    writer = next((m for m in members if m["id"] == group["note_taker_id"]), None)
    sent = harvest.points(db, group["id"])
    wanted = 2 + group["number"] % 3
    if writer and len(sent) < wanted and rng.random() < (0.6 if stage == "harvest" else 0.15):
        text = POINTS[(group["number"] * 5 + len(sent)) % len(POINTS)]
        harvest.add_point(db, writer, text, rng.choice(["all", "all", "most", "some"]))
        return True
    if stage == "harvest" and len(sent) >= wanted and group["read_back_at"] is None:
        readers = [m for m in members if m["id"] != group["note_taker_id"]] or members
        if rng.random() < 0.4:
            harvest.confirm_read_back(db, rng.choice(readers))
            return True
    return False


def _floor(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Join the stack now and then while the room talks; twinkle at what they like."""
    if stage not in TALKING or not people:
        return
    if len(stack.queue(db, meeting["id"])) < 3 and rng.random() < 0.25:
        person = rng.choice(people)
        if stack.my_entry(db, person) is None:
            stack.join(db, person, rng.choices(["speak", "clarify", "process"], [16, 3, 1])[0])
            changed.process = True
    if rng.random() < 0.3:
        sent = [(p, "agree") for p in rng.sample(people, min(len(people), 4))]
    else:
        sent = [(rng.choice(people), "disagree")] if rng.random() < 0.05 else []
    for person, kind in sent:
        try:
            signals.send(db, person, kind)
        except Refused:  # over the limit for now, as a real phone would be
            continue
        changed.signalled = True


def _vote(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Vote in an open round, a few people a step, each as their mood takes them."""
    rnd = rounds.open_round_of(db, meeting["id"])
    if rnd is None:
        return
    mood = random.Random(rnd["id"])  # one mood per round, the same on every step
    for person in people:
        if not person["admitted"] or rng.random() > 0.3:
            continue
        if ballots.my_vote(db, rnd, person["id"]) is not None:
            continue
        picked, reason = _choice(rnd, mood.random(), rng)
        ballots.cast(db, rnd, person, picked, reason)
        changed.counts = True


def _choice(rnd: dict, mood: float, rng: random.Random) -> tuple[object, str]:
    """Choose as a plausible person would: mostly for, some doubts, a block now and then."""
    values = [v for v, _ in option_pairs(rnd)]
    if KINDS[rnd["kind"]].choosing:
        order = sorted(values, key=lambda v: rng.random() + values.index(v) * mood)
        return order[: max(1, min(rnd["max_choices"], rng.randint(1, len(order))))], ""
    weights = {
        "consent": [75, 15, 10, 0] if mood < 0.55 else [60, 25, 12, 3 if mood < 0.9 else 15],
        "temperature": [60, 25, 15],
        "fist": [0, 3, 7, 25, 35, 30],
        "vote": [70, 20, 10],
    }[rnd["kind"]]
    picked = rng.choices(values, weights)[0]
    return picked, rng.choice(REASONS[picked]) if picked in REASONS else ""


def _stand(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Stand for a seat whose nominations are open, until it has three candidates."""
    for seat in seats.seats(db, meeting["id"]):
        standing = {c["attendee_id"] for c in seat["candidates"]}
        if seat["round_id"] is not None or len(standing) >= 3 or rng.random() > 0.3:
            continue
        person = rng.choice([p for p in people if p["id"] not in standing] or [None])
        if person is not None:
            seats.nominate(db, meeting, seat["id"], person["display_name"], "", person["id"])
            changed.delegates = True


def _ask(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Ask a question from the floor now and then; upvote the released ones people like."""
    if not people:
        return
    if stage in TALKING and rng.random() < 0.07:
        asked = db.execute(
            "SELECT COUNT(*) FROM floor_questions WHERE meeting_id = ?", [meeting["id"]]
        ).fetchone()[0]
        if asked < len(QUESTIONS):
            questions.ask(db, rng.choice(people), QUESTIONS[asked])
            changed.process = True
    for question in questions.released(db, meeting["id"]):
        person = rng.choice(people)
        if rng.random() < 0.1 and question["id"] not in questions.mine(db, person)["upvoted"]:
            try:
                questions.upvote(db, person, question["id"])
            except Refused:  # their own question
                continue
            changed.process = True


def _answer(db, meeting, people, stage, rng, changed: Changed) -> None:
    """Answer an open one-word question, in a word."""
    asked = questions.prompt(db, meeting["id"])
    if asked is None or asked["closed_at"] is not None:
        return
    for person in people:
        if rng.random() < 0.3 and questions.my_word(db, person) is None:
            questions.answer(db, person, rng.choice(WORDS))
            changed.process = True
