"""Rehearsal: a pretend crowd of forty runs through the whole evening with plausible variety,
through the real domain functions, and nothing of it reaches the real meeting's record, the
legitimacy figures, the minutes, a bundle or a signed card."""

import random
from datetime import date, timedelta

import pytest

from kiosk import rehearsal
from kiosk.decisions import rounds
from kiosk.delegates import mandates, recall, reportbacks, seats
from kiosk.errors import Refused
from kiosk.exchange import export
from kiosk.meeting import meetings
from kiosk.process import agenda, breakouts, harvest, questions, runofshow, stack
from kiosk.records import legitimacy, minutes, submissions
from kiosk.rehearsal import crowd

SETTINGS = {"LEGITIMACY_RESIDENTS": 150, "NOTICE_DAYS": 7, "LEGITIMACY_WINDOW": 3}


def steps(db, meeting, rng, n: int) -> list[crowd.Changed]:
    """Let the crowd take n steps."""
    return [crowd.step(db, meeting, rng) for _ in range(n)]


@pytest.fixture
def real(db, key):
    """A real meeting with its agenda, one person and one decision on record."""
    from kiosk.trust import identity

    identity.ensure_assembly(db, key, "Elm Street Assembly", "Elm Street")
    meeting = meetings.current_meeting(db)
    agenda.use_template(db, meeting["id"])
    person = meetings.check_in(db, meeting, "Real Person", True, False)
    rnd = rounds.open_round(db, meeting, "Hold the next assembly in the library.")
    rounds.cast_vote(db, person, rnd["id"], "agree")
    rounds.close_round(db, rnd["id"])
    return meetings.current_meeting(db)


def test_a_rehearsal_is_its_own_marked_meeting_with_the_real_agenda(db, real):
    started = rehearsal.begin(db)
    assert meetings.current_meeting(db)["id"] == started["id"] != real["id"]
    assert started["rehearsal"] == 1 and started["title"] == "Rehearsal: Elm Street Assembly"
    assert [i["title"] for i in agenda.items(db, started["id"])] == [
        i["title"] for i in agenda.items(db, real["id"])
    ]
    with pytest.raises(Refused, match="already running"):
        rehearsal.begin(db)
    assert rehearsal.end(db)["id"] == real["id"]  # the real meeting resumes, not ended
    with pytest.raises(Refused, match="No rehearsal is running"):
        rehearsal.end(db)


def test_the_pretend_crowd_runs_the_evening_with_plausible_variety(db, real):
    meeting = rehearsal.begin(db)
    rng = random.Random(16)
    changed = steps(db, meeting, rng, 14)
    people = crowd.pretend(db, meeting["id"])
    assert len(people) == 40 and len({p["display_name"] for p in people}) == 40
    assert changed[0].counts
    assert meetings.attendance(db, meeting["id"])["present"] == 40

    for _ in range(3):
        runofshow.move(db, meeting["id"])  # welcome, agreements, the question
    talking = steps(db, meeting, rng, 12)
    assert any(c.signalled for c in talking)  # twinkles while the room talks
    assert stack.queue(db, meeting["id"])  # and people ask to speak

    runofshow.move(db, meeting["id"])  # breakouts
    breakouts.start(db, meeting["id"], "random", 7)
    steps(db, meeting, rng, 20)
    runofshow.move(db, meeting["id"])  # harvest
    steps(db, meeting, rng, 20)
    groups = breakouts.groups(db, breakouts.current_breakout(db, meeting["id"])["id"])
    assert len(groups) == 6
    for group in groups:
        assert group["facilitator_id"] and group["note_taker_id"]
        assert 2 <= len(harvest.points(db, group["id"])) <= 4
        assert group["read_back_at"] is not None

    runofshow.move(db, meeting["id"])  # proposals
    rnd = rounds.open_round(db, meeting, "Plant trees along the main road.")
    steps(db, meeting, rng, 20)
    counts = rounds.counts(db, rnd)
    assert sum(counts.values()) == 40
    assert counts["agree"] > counts["concerns"] > 0 and counts["stand_aside"] > 0
    reasons = [row[0] for row in db.execute("SELECT reason FROM votes WHERE choice = 'concerns'")]
    assert reasons and all(reasons)  # concerns come with their reasons
    rounds.close_round(db, rnd["id"])

    runofshow.move(db, meeting["id"])  # delegates
    council = seats.add_council(db, "Riverside District Council", "district")
    seat = seats.open_seat(db, meeting, council["id"], False)
    steps(db, meeting, rng, 25)
    assert len(seats.candidates(db, seat["id"])) == 3  # people stand until there are three
    election = seats.open_election(db, meeting, seat["id"])
    steps(db, meeting, rng, 20)
    closed = rounds.close_round(db, election["id"])
    assert closed["outcome"] == "chosen"

    questions.ask_for_words(db, meeting["id"], "One word for this place?")
    steps(db, meeting, rng, 12)
    sent = questions.words(db, questions.prompt(db, meeting["id"])["id"])
    assert sum(w["count"] for w in sent) == 40 and len(sent) > 3


def test_nothing_of_a_rehearsal_reaches_the_record(db, real, key):
    record_before = minutes.build(db, real["id"], SETTINGS)
    meeting = rehearsal.begin(db)
    rng = random.Random(3)
    steps(db, meeting, rng, 14)
    rnd = rounds.open_round(db, meeting, "Plant trees along the main road.")
    steps(db, meeting, rng, 20)
    rounds.close_round(db, rnd["id"])

    with pytest.raises(Refused, match="This is a rehearsal: it has no minutes"):
        minutes.build(db, meeting["id"], SETTINGS)
    with pytest.raises(Refused, match="it has no minutes"):
        export.build(db, meeting["id"], key, SETTINGS)
    with pytest.raises(Refused, match="nothing decided in it goes to the council"):
        submissions.create(db, rnd["id"], {"stance": "input", "recipient": "The council"})
    rehearsal.end(db)

    # The real meeting's record is as it was: its people, its decisions, its legitimacy.
    record_after = minutes.build(db, real["id"], SETTINGS)
    for part in ("attendance", "proposals", "process", "mandates"):
        assert record_after[part] == record_before[part], part
    following = meetings.create_meeting(db)
    assert meeting["id"] not in legitimacy.window(db, following["id"], 5)
    assert real["id"] in legitimacy.window(db, following["id"], 5)


def test_a_rehearsal_signs_no_card_and_recalls_no_real_delegate(db, real, key):
    from kiosk.trust import identity

    key_id = identity.assembly(db)["key_id"]
    council = seats.add_council(db, "Riverside District Council", "district")
    form = {
        "council_id": council["id"],
        "delegate": "Ada Brook",
        "scope": "Housing",
        "items": [{"item": "Fund the repair café", "position": "must_support"}],
        "expires_on": (date.today() + timedelta(days=365)).isoformat(),
        "report_back": "At the next assembly",
        "petition_percent": "1",
    }
    real_mandate = mandates.draft(db, real, form)
    confirm = mandates.open_confirmation(db, real, real_mandate["id"])
    rounds.cast_vote(
        db, meetings.attendee_by_token(db, real, _token(db, real)), confirm["id"], "agree"
    )
    mandates.settle_round(db, rounds.close_round(db, confirm["id"]), key, key_id)
    assert mandates.get(db, real_mandate["id"])["status"] == "issued"

    meeting = rehearsal.begin(db)
    steps(db, meeting, random.Random(5), 3)
    practice = mandates.draft(db, meeting, form)
    rnd = mandates.open_confirmation(db, meeting, practice["id"])
    for person in crowd.pretend(db, meeting["id"]):
        rounds.cast_vote(db, person, rnd["id"], "agree")
    closed = rounds.close_round(db, rnd["id"])
    assert closed["outcome"] == "passed"
    assert mandates.settle_round(db, closed, key, key_id) == []  # practised, never issued
    assert mandates.get(db, practice["id"])["status"] == "draft"
    with pytest.raises(Refused, match="never signed or issued"):
        mandates.issue(db, practice["id"], key, key_id)
    someone = crowd.pretend(db, meeting["id"])[0]
    with pytest.raises(Refused, match="a real delegate cannot be recalled"):
        recall.sign_petition(db, meeting, someone, real_mandate["id"])
    with pytest.raises(Refused, match="a real delegate cannot be recalled"):
        recall.open_recall_vote(db, meeting, real_mandate["id"])
    with pytest.raises(Refused, match="report-backs are recorded at a real meeting"):
        reportbacks.record(db, meeting, real_mandate["id"], date.today().isoformat(), {})


def _token(db, meeting) -> str:
    """The token of the real meeting's one person."""
    return db.execute(
        "SELECT token FROM attendees WHERE meeting_id = ?", [meeting["id"]]
    ).fetchone()[0]


def test_a_rehearsal_left_running_ends_before_a_real_start(db, real):
    rehearsal.begin(db)
    assert meetings.end_any_rehearsal(db) is True
    assert meetings.current_meeting(db)["id"] == real["id"]
    assert meetings.end_any_rehearsal(db) is False


def test_a_council_does_not_rehearse(db, key):
    from kiosk.trust import identity

    identity.ensure_assembly(db, key, "Hackney District Council", "")
    identity.become(db, "council", "district")
    with pytest.raises(Refused, match="Rehearsals are for an assembly"):
        rehearsal.begin(db)
