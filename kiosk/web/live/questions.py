"""Socket.IO events for questions from the floor and one-word answers.

Phones ask, upvote and send a word; the facilitator releases, dismisses or answers questions,
asks for one word, and shows the cloud. Nothing a phone sends reaches the projector or another
phone before the facilitator releases it. What phones send reaches the projector and the
console coalesced ("the screens hear soon"); a facilitator's action reaches everyone at once.
"""

from kiosk.extensions import socketio
from kiosk.process import questions
from kiosk.process import settings as process
from kiosk.web.live.events import answered, as_facilitator, as_phone, int_field, text_field
from kiosk.web.live.process import announce, process_changed


@socketio.on("question_ask")
@answered
def on_question_ask(data: dict) -> dict:
    """Phone: ask a question {code, text}; only the console hears, soon after."""
    db, meeting, attendee = as_phone(data)
    asked = questions.ask(db, attendee, text_field(data, "text", 2000))
    process_changed(meeting["id"])
    return {"question": {"id": asked["id"], "text": asked["text"], "released": False}}


@socketio.on("question_upvote")
@answered
def on_question_upvote(data: dict) -> dict:
    """Phone: upvote a released question {code, question_id} (again: take it back)."""
    db, meeting, attendee = as_phone(data)
    voted = questions.upvote(db, attendee, int_field(data, "question_id"))
    process_changed(meeting["id"])
    return {"upvote": voted}


@socketio.on("question_moderate")
@answered
def on_question_moderate(data: dict) -> dict:
    """Facilitator: {question_id, action: release|dismiss|answered}; everyone hears."""
    db, meeting = as_facilitator()
    questions.moderate(
        db, meeting["id"], int_field(data, "question_id"), text_field(data, "action", 20)
    )
    announce(meeting)
    return {}


@socketio.on("words_ask")
@answered
def on_words_ask(data: dict) -> dict:
    """Facilitator: ask the room for one word each {text}; every phone hears."""
    db, meeting = as_facilitator()
    asked = questions.ask_for_words(db, meeting["id"], text_field(data, "text", 2000))
    announce(meeting)
    return {"prompt": {"id": asked["id"], "text": asked["text"]}}


@socketio.on("word_send")
@answered
def on_word_send(data: dict) -> dict:
    """Phone: send (or change) its one word {code, word}; the console hears soon."""
    db, meeting, attendee = as_phone(data)
    sent = questions.answer(db, attendee, text_field(data, "word", 200))
    process_changed(meeting["id"])
    return sent


@socketio.on("words_set")
@answered
def on_words_set(data: dict) -> dict:
    """Facilitator: {action: close|show|take_down|hide|restore, word}; everyone hears.

    Showing the cloud also puts the word-cloud scene on the projector.
    """
    db, meeting = as_facilitator()
    action = text_field(data, "action", 20)
    questions.set_words(db, meeting["id"], action, text_field(data, "word", 200))
    if action == "show":
        process.set_scene(db, meeting["id"], "words")
    announce(meeting)
    return {}
