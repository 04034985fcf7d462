"""Questions from the floor and one-word answers, moderated by the facilitator.

A phone asks a question; nobody else sees it until the facilitator releases it. Released
questions reach every phone, where people upvote them, and the projector, most upvoted first.
For a word cloud the facilitator asks for one word; each phone sends one (and may change it);
the cloud reaches the projector only when the facilitator shows it, without any word they hid.
"""

import re
import time

from sqlite_utils import Database

from kiosk.errors import Refused

MAX_QUESTION, MIN_QUESTION = 280, 3
MAX_WAITING = 3  # questions one phone may have waiting for the facilitator at once
MAX_WORD = 30
MAX_PROMPT = 200
SHOWN = 6  # released questions on the projector at once
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")  # a word: letters, inner hyphens or apostrophes


def _question(db: Database, meeting_id: int, question_id: int) -> dict:
    """Return one of the meeting's questions, or refuse."""
    rows = db.query(
        "SELECT * FROM floor_questions WHERE id = ? AND meeting_id = ?", [question_id, meeting_id]
    )
    found = next(iter(rows), None)
    if found is None:
        raise Refused("That question is not part of this meeting.")
    return found


def ask(db: Database, attendee: dict, text: str) -> dict:
    """Record a question from a phone; only the facilitator sees it until they release it."""
    text = " ".join((text or "").split())
    if len(text) < MIN_QUESTION:
        raise Refused("Write your question first.")
    if len(text) > MAX_QUESTION:
        raise Refused(
            "Keep your question under %(most)s characters (it has %(has)s).",
            most=MAX_QUESTION,
            has=f"{len(text):,}",
        )
    waiting = db.execute(
        """SELECT COUNT(*) FROM floor_questions WHERE attendee_id = ? AND released_at IS NULL
           AND dismissed_at IS NULL""",
        [attendee["id"]],
    ).fetchone()[0]
    if waiting >= MAX_WAITING:
        raise Refused(
            "You have %(waiting)s questions waiting for the facilitator; wait a little.",
            waiting=waiting,
        )
    with db.atomic():
        pk = (
            db.table("floor_questions")
            .insert(
                {
                    "meeting_id": attendee["meeting_id"],
                    "attendee_id": attendee["id"],
                    "text": text,
                    "asked_at": time.time(),
                }
            )
            .last_pk
        )
    return db.table("floor_questions").get(pk)


def moderate(db: Database, meeting_id: int, question_id: int, action: str) -> dict:
    """Release a question to the room, dismiss it unseen, or mark it answered (off the screen)."""
    column = {"release": "released_at", "dismiss": "dismissed_at", "answered": "answered_at"}
    if action not in column:
        raise Refused("A question can be released, dismissed or marked answered.")
    question = _question(db, meeting_id, question_id)
    if action == "release" and question["dismissed_at"] is not None:
        raise Refused("That question was dismissed.")
    with db.atomic():
        db.table("floor_questions").update(question_id, {column[action]: time.time()})
    return _question(db, meeting_id, question_id)


def upvote(db: Database, attendee: dict, question_id: int) -> dict:
    """Add (or take back) a phone's upvote of a released question; return it with its count."""
    question = _question(db, attendee["meeting_id"], question_id)
    if question["released_at"] is None or question["dismissed_at"] is not None:
        raise Refused("That question is not open for upvotes.")
    if question["attendee_id"] == attendee["id"]:
        raise Refused("You asked this one: others upvote it.")
    key = [question_id, attendee["id"]]
    with db.atomic():
        had = db.execute(
            "DELETE FROM floor_upvotes WHERE question_id = ? AND attendee_id = ?", key
        ).rowcount
        if not had:
            db.execute("INSERT INTO floor_upvotes (question_id, attendee_id) VALUES (?, ?)", key)
        db.execute(
            "UPDATE floor_questions SET upvotes = upvotes + ? WHERE id = ?",
            [-1 if had else 1, question_id],
        )
    return {"id": question_id, "upvoted": not had, **_counted(db, question_id)}


def _counted(db: Database, question_id: int) -> dict:
    """Return a question's upvote count."""
    row = db.execute("SELECT upvotes FROM floor_questions WHERE id = ?", [question_id]).fetchone()
    return {"upvotes": row[0]}


def released(db: Database, meeting_id: int, limit: int | None = None) -> list[dict]:
    """List the released questions not yet answered, most upvoted first."""
    sql = """SELECT id, text, upvotes FROM floor_questions WHERE meeting_id = ?
             AND released_at IS NOT NULL AND dismissed_at IS NULL AND answered_at IS NULL
             ORDER BY upvotes DESC, released_at"""
    rows = [dict(r) for r in db.query(sql, [meeting_id])]
    return rows if limit is None else rows[:limit]


def for_facilitator(db: Database, meeting_id: int) -> list[dict]:
    """List every question not dismissed or answered: waiting ones first, then by upvotes."""
    sql = """SELECT id, text, upvotes, released_at IS NOT NULL AS released FROM floor_questions
             WHERE meeting_id = ? AND dismissed_at IS NULL AND answered_at IS NULL
             ORDER BY released, upvotes DESC, asked_at"""
    return [{**r, "released": bool(r["released"])} for r in db.query(sql, [meeting_id])]


def mine(db: Database, attendee: dict) -> dict:
    """Return what one phone asked (and whether each is out yet) and what it upvoted."""
    asked = db.query(
        """SELECT id, text, released_at IS NOT NULL AS released,
                  dismissed_at IS NOT NULL AS set_aside
           FROM floor_questions WHERE attendee_id = ? AND answered_at IS NULL ORDER BY id""",
        [attendee["id"]],
    )
    upvoted = db.execute(
        "SELECT question_id FROM floor_upvotes WHERE attendee_id = ?", [attendee["id"]]
    )
    return {
        "asked": [
            {"id": r["id"], "text": r["text"], "released": bool(r["released"])}
            for r in asked
            if not r["set_aside"]
        ],
        "upvoted": [row[0] for row in upvoted],
    }


# -- one word each: the word cloud -------------------------------------------------------------


def prompt(db: Database, meeting_id: int) -> dict | None:
    """Return the meeting's latest one-word question, open or closed."""
    rows = db.query(
        "SELECT * FROM word_prompts WHERE meeting_id = ? ORDER BY id DESC LIMIT 1", [meeting_id]
    )
    return next(iter(rows), None)


def ask_for_words(db: Database, meeting_id: int, text: str) -> dict:
    """Ask the room for one word each (closing any earlier one-word question)."""
    text = " ".join((text or "").split())
    if not text:
        raise Refused("Write the question the room answers in one word.")
    if len(text) > MAX_PROMPT:
        raise Refused("Keep the question under %(most)s characters.", most=MAX_PROMPT)
    now = time.time()
    with db.atomic():
        db.execute(
            "UPDATE word_prompts SET closed_at = ? WHERE meeting_id = ? AND closed_at IS NULL",
            [now, meeting_id],
        )
        db.table("word_prompts").insert({"meeting_id": meeting_id, "text": text, "asked_at": now})
    return prompt(db, meeting_id)


def _open_prompt(db: Database, meeting_id: int) -> dict:
    """Return the one-word question phones may answer now, or refuse."""
    found = prompt(db, meeting_id)
    if found is None or found["closed_at"] is not None:
        raise Refused("The facilitator is not asking for one word right now.")
    return found


def answer(db: Database, attendee: dict, word: str) -> dict:
    """Record (or change) a phone's one word for the open one-word question."""
    asked = _open_prompt(db, attendee["meeting_id"])
    word = (word or "").strip()
    if not word:
        raise Refused("Type your word first.")
    if len(word) > MAX_WORD or not WORD.fullmatch(word):
        raise Refused("One word, please: letters, with a hyphen or apostrophe inside if need be.")
    word = word.lower()
    with db.atomic():
        db.execute(
            """INSERT INTO word_answers (prompt_id, attendee_id, word, sent_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (prompt_id, attendee_id) DO UPDATE
               SET word = excluded.word, sent_at = excluded.sent_at""",
            [asked["id"], attendee["id"], word, time.time()],
        )
    return {"prompt_id": asked["id"], "word": word}


def set_words(db: Database, meeting_id: int, action: str, word: str = "") -> dict:
    """Close the one-word question, show or take down its cloud, or hide or restore a word."""
    asked = prompt(db, meeting_id)
    if asked is None:
        raise Refused("Ask the room for one word first.")
    now = time.time()
    with db.atomic():
        if action == "close":
            db.table("word_prompts").update(asked["id"], {"closed_at": asked["closed_at"] or now})
        elif action in ("show", "take_down"):
            db.table("word_prompts").update(
                asked["id"], {"shown_at": now if action == "show" else None}
            )
        elif action in ("hide", "restore"):
            word = (word or "").strip().lower()
            if not word:
                raise Refused("Say which word.")
            db.execute(
                "INSERT OR IGNORE INTO hidden_words (prompt_id, word) VALUES (?, ?)"
                if action == "hide"
                else "DELETE FROM hidden_words WHERE prompt_id = ? AND word = ?",
                [asked["id"], word],
            )
        else:
            raise Refused("That is not something a word cloud can do.")
    return prompt(db, meeting_id)


def words(db: Database, prompt_id: int, with_hidden: bool = False) -> list[dict]:
    """Count the words sent, most sent first; the hidden ones only when asked (the console)."""
    sql = """SELECT a.word, COUNT(*) AS count, h.word IS NOT NULL AS hidden FROM word_answers a
             LEFT JOIN hidden_words h ON h.prompt_id = a.prompt_id AND h.word = a.word
             WHERE a.prompt_id = ? GROUP BY a.word ORDER BY count DESC, a.word"""
    found = [{**r, "hidden": bool(r["hidden"])} for r in db.query(sql, [prompt_id])]
    return found if with_hidden else [w for w in found if not w["hidden"]]


def cloud(db: Database, meeting_id: int) -> dict | None:
    """Return the word cloud the projector may show: only once the facilitator showed it."""
    asked = prompt(db, meeting_id)
    if asked is None or asked["shown_at"] is None:
        return None
    shown = [{"word": w["word"], "count": w["count"]} for w in words(db, asked["id"])]
    return {"prompt": asked["text"], "words": shown}


def my_word(db: Database, attendee: dict) -> str | None:
    """Return the word this phone sent for the latest one-word question, if any."""
    asked = prompt(db, attendee["meeting_id"])
    if asked is None:
        return None
    row = db.execute(
        "SELECT word FROM word_answers WHERE prompt_id = ? AND attendee_id = ?",
        [asked["id"], attendee["id"]],
    ).fetchone()
    return row[0] if row else None
