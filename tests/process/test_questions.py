"""Questions from the floor and one-word answers: nothing is seen before the facilitator
releases it; upvotes count once a person; the cloud shows only when shown, without hidden words."""

import pytest

from kiosk.errors import Refused
from kiosk.process import questions
from kiosk.records import privacy


def test_a_question_is_seen_only_by_the_facilitator_until_released(db, meeting, people):
    amira, bo, chidi = people[:3]
    asked = questions.ask(db, amira, "  Who decides   where the money goes?  ")
    assert asked["text"] == "Who decides where the money goes?"
    assert questions.released(db, meeting["id"]) == []
    assert [q["text"] for q in questions.for_facilitator(db, meeting["id"])] == [asked["text"]]
    assert questions.mine(db, amira)["asked"] == [
        {"id": asked["id"], "text": asked["text"], "released": False}
    ]
    assert questions.mine(db, bo)["asked"] == []
    with pytest.raises(Refused, match="not open for upvotes"):
        questions.upvote(db, bo, asked["id"])

    questions.moderate(db, meeting["id"], asked["id"], "release")
    assert [q["text"] for q in questions.released(db, meeting["id"])] == [asked["text"]]
    assert questions.upvote(db, bo, asked["id"]) == {
        "id": asked["id"],
        "upvoted": True,
        "upvotes": 1,
    }
    questions.upvote(db, chidi, asked["id"])
    assert questions.upvote(db, bo, asked["id"])["upvotes"] == 1  # again: taken back
    with pytest.raises(Refused, match="You asked this one"):
        questions.upvote(db, amira, asked["id"])
    questions.moderate(db, meeting["id"], asked["id"], "answered")
    assert questions.released(db, meeting["id"]) == []


def test_released_questions_come_most_upvoted_first_and_dismissed_ones_never(db, meeting, people):
    first = questions.ask(db, people[0], "When will the council reply to us?")
    second = questions.ask(db, people[1], "How do we join a working group?")
    dismissed = questions.ask(db, people[2], "Something unkind about a neighbour")
    for q in (first, second):
        questions.moderate(db, meeting["id"], q["id"], "release")
    questions.moderate(db, meeting["id"], dismissed["id"], "dismiss")
    for voter in people[3:5]:
        questions.upvote(db, voter, second["id"])
    assert [q["id"] for q in questions.released(db, meeting["id"])] == [second["id"], first["id"]]
    assert dismissed["id"] not in [q["id"] for q in questions.for_facilitator(db, meeting["id"])]
    assert questions.mine(db, people[2])["asked"] == []
    with pytest.raises(Refused, match="dismissed"):
        questions.moderate(db, meeting["id"], dismissed["id"], "release")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write your question first"), ("x" * 281, "under 280 characters")],
)
def test_a_bad_question_is_refused(db, people, text, message):
    with pytest.raises(Refused, match=message):
        questions.ask(db, people[0], text)


def test_one_phone_has_at_most_three_questions_waiting(db, people):
    for n in range(questions.MAX_WAITING):
        questions.ask(db, people[0], f"Question number {n}?")
    with pytest.raises(Refused, match="waiting for the facilitator"):
        questions.ask(db, people[0], "And another?")


def test_one_word_each_and_a_cloud_only_once_shown(db, meeting, people):
    with pytest.raises(Refused, match="not asking for one word"):
        questions.answer(db, people[0], "green")
    questions.ask_for_words(db, meeting["id"], "In one word: what do you love here?")
    words = ["Trees", "trees", "market", "neighbours", "idiots", "trees"]
    for person, word in zip(people, words, strict=True):
        questions.answer(db, person, word)
    questions.answer(db, people[2], "quiet")  # a phone may change its word
    assert questions.my_word(db, people[2]) == "quiet"
    assert questions.cloud(db, meeting["id"]) is None  # not before the facilitator shows it
    questions.set_words(db, meeting["id"], "hide", "idiots")
    questions.set_words(db, meeting["id"], "show")
    assert questions.cloud(db, meeting["id"]) == {
        "prompt": "In one word: what do you love here?",
        "words": [{"word": "trees", "count": 3}, {"word": "neighbours", "count": 1},
                  {"word": "quiet", "count": 1}],
    }  # fmt: skip
    console = questions.words(db, questions.prompt(db, meeting["id"])["id"], with_hidden=True)
    assert {"word": "idiots", "count": 1, "hidden": True} in console
    questions.set_words(db, meeting["id"], "close")
    with pytest.raises(Refused, match="not asking for one word"):
        questions.answer(db, people[0], "late")
    questions.set_words(db, meeting["id"], "take_down")
    assert questions.cloud(db, meeting["id"]) is None


@pytest.mark.parametrize("word", ["two words", "", "x" * 31, "123", "<b>"])
def test_an_answer_must_be_one_word(db, meeting, people, word):
    questions.ask_for_words(db, meeting["id"], "One word?")
    with pytest.raises(Refused):
        questions.answer(db, people[0], word)


def test_an_erased_person_keeps_no_link_to_their_questions_or_words(db, meeting, people):
    asked = questions.ask(db, people[0], "Who looks after the garden?")
    questions.moderate(db, meeting["id"], asked["id"], "release")
    questions.upvote(db, people[1], asked["id"])
    questions.ask_for_words(db, meeting["id"], "One word?")
    questions.answer(db, people[0], "hopeful")
    for person in people[:2]:
        privacy.erase(db, person["id"])
    linked = db.execute(
        """SELECT (SELECT COUNT(*) FROM floor_questions WHERE attendee_id IS NOT NULL)
                + (SELECT COUNT(*) FROM floor_upvotes)
                + (SELECT COUNT(*) FROM word_answers WHERE attendee_id IS NOT NULL)"""
    ).fetchone()[0]
    assert linked == 0
    assert questions.released(db, meeting["id"])[0]["upvotes"] == 1  # the count is kept
    prompt_id = questions.prompt(db, meeting["id"])["id"]
    assert questions.words(db, prompt_id) == [{"word": "hopeful", "count": 1, "hidden": False}]
