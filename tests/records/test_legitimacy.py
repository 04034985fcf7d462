"""The legitimacy card: exact thresholds, clear days, the rolling window, unknown genders."""

from datetime import date, timedelta

import pytest

from kiosk.meeting import admission
from kiosk.meeting.meetings import check_in, create_meeting, current_meeting
from kiosk.process import settings as process
from kiosk.records import legitimacy
from kiosk.records import meeting_record as record

MAY_1, MAY_8, MAY_9 = date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 9)


def statuses(criteria: list[dict]) -> dict[str, str]:
    """Return {key: status} for a list of criteria."""
    return {c["key"]: c["status"] for c in criteria}


# -- residents: over the threshold, never at it ----------------------------------------------------


def test_exactly_150_residents_is_not_over_150():
    found = legitimacy.residents_criterion(150, 150)
    assert found["status"] == "red"
    assert found["reason"] == "150 residents were counted; the standard asks for over 150."


def test_151_residents_is_over_150():
    found = legitimacy.residents_criterion(151, 150)
    assert (found["status"], found["reason"]) == ("green", "151 residents were counted, over 150.")
    assert found["label"] == "Over 150 local residents"


# -- notice: clear days, neither the day of notice nor the meeting day -----------------------------


def test_clear_days_leave_out_the_day_of_notice_and_the_meeting_day():
    assert legitimacy.clear_days(MAY_1, MAY_9) == 7
    assert legitimacy.clear_days(MAY_1, MAY_8) == 6
    assert legitimacy.clear_days(MAY_1, MAY_1 + timedelta(days=1)) == 0


def test_exactly_seven_clear_days_with_outreach_is_enough():
    found = legitimacy.notice_criterion(MAY_1, MAY_9, outreach=2, days=7)
    assert found["status"] == "green"
    assert found["reason"] == (
        "Notice was given on 1 May 2026, 7 clear days before, and 2 outreach efforts logged."
    )


def test_six_clear_days_is_too_late():
    found = legitimacy.notice_criterion(MAY_1, MAY_8, outreach=5, days=7)
    assert found["status"] == "red"
    assert "6 clear days before the meeting; 7 are needed" in found["reason"]


def test_notice_on_the_day_itself_counts_no_clear_days():
    found = legitimacy.notice_criterion(MAY_9, MAY_9, outreach=1, days=7)
    assert found["status"] == "red" and "0 clear days" in found["reason"]


def test_notice_unknown_or_outreach_missing_is_amber():
    unknown = legitimacy.notice_criterion(None, MAY_9, outreach=3, days=7)
    assert (unknown["status"], unknown["reason"]) == (
        "amber",
        "The date notice was given is not recorded.",
    )
    no_outreach = legitimacy.notice_criterion(MAY_1, MAY_9, outreach=0, days=7)
    assert no_outreach["status"] == "amber" and "no outreach is logged" in no_outreach["reason"]


def test_the_notice_setting_moves_the_line():
    assert legitimacy.notice_criterion(MAY_1, MAY_8, 1, days=6)["status"] == "green"


# -- the process checklist -------------------------------------------------------------------------


def test_the_process_is_followed_only_when_every_step_is_done():
    steps = [{"label": "Hand signals taught", "done": True}, {"label": "Read back", "done": True}]
    assert legitimacy.process_criterion(steps)["status"] == "green"
    steps[1]["done"] = False
    found = legitimacy.process_criterion(steps)
    assert (found["status"], found["reason"]) == ("red", "1 of 2 steps are not done: read back.")


# -- gender balance --------------------------------------------------------------------------------


def test_unknown_genders_are_amber():
    found = legitimacy.gender_criterion([("Dana", "woman"), ("Eli", "")], [("Amira", "")])
    assert found["status"] == "amber"
    assert found["reason"] == "The gender of 2 of 3 facilitators and delegates is not recorded."


def test_no_facilitator_recorded_is_amber():
    assert legitimacy.gender_criterion([], [("Amira", "woman")])["status"] == "amber"


@pytest.mark.parametrize(
    ("facilitators", "delegates", "status", "words"),
    [
        ([("Dana", "woman"), ("Eli", "man")], [("Amira", "woman"), ("Bo", "man")], "green", ""),
        ([("Dana", "woman"), ("Eli", "man")], [("Amira", "woman")], "green", ""),
        ([("Bo", "man"), ("Eli", "man")], [], "red", "the facilitators are both men"),
        ([("Dana", "woman")], [], "red", "only one facilitator is recorded"),
        (
            [("Dana", "woman"), ("Eli", "man")],
            [("Amira", "woman"), ("Cat", "woman"), ("Di", "woman")],
            "red",
            "the delegates are all 3 women",
        ),
    ],
)
def test_balance_needs_more_than_one_gender(facilitators, delegates, status, words):
    found = legitimacy.gender_criterion(facilitators, delegates)
    assert found["status"] == status and words in found["reason"]


# -- regularly: the rolling window -----------------------------------------------------------------


def history(*runs: list[str]) -> list[dict]:
    """Build a window's history: one meeting a week, each with a residents status."""
    return [
        {
            "held_on": MAY_1 + timedelta(weeks=n),
            "criteria": [legitimacy.criterion("residents", "Over 150 local residents", s, "-")],
        }
        for n, s in enumerate(runs)
    ]


def test_two_good_meetings_of_a_three_meeting_window_are_not_yet_regular():
    (found,) = legitimacy.rolling(history("green", "green"), 3)
    assert found["status"] == "amber"
    assert found["reason"] == "Only 2 meetings so far; the standard looks at 3."
    assert found["label"] == "Over 150 local residents, at each of the last 3 meetings"


def test_three_good_meetings_are_regular():
    (found,) = legitimacy.rolling(history("green", "green", "green"), 3)
    assert (found["status"], found["reason"]) == (
        "green",
        "Met at every one of the last 3 meetings.",
    )


def test_one_short_meeting_in_the_window_is_red_and_named():
    (found,) = legitimacy.rolling(history("green", "red", "green"), 3)
    assert (found["status"], found["reason"]) == ("red", "Not met at the meeting of 8 May 2026.")
    # red is certain even before the window is full
    assert legitimacy.rolling(history("red", "green"), 3)[0]["status"] == "red"


def test_an_unknown_meeting_in_a_full_window_is_amber():
    (found,) = legitimacy.rolling(history("green", "amber", "green"), 3)
    assert (found["status"], found["reason"]) == (
        "amber",
        "Not known for the meeting of 8 May 2026.",
    )


def test_summary_names_what_is_short_and_leaves_gender_aside():
    green = [legitimacy.criterion(k, k, "green", "-") for k in ("residents", "notice", "process")]
    gender = legitimacy.criterion("gender", "g", "amber", "-")
    meets, sentence = legitimacy.summary([*green, gender], green, 3)
    assert meets and sentence == (
        "This meeting meets the standard of legitimacy; gender balance is not shown."
    )
    regularly = [legitimacy.criterion("residents", "r", "amber", "-")]
    meets, sentence = legitimacy.summary([*green, gender], regularly, 3)
    assert not meets
    assert sentence == (
        "Not yet shown to meet the standard: residents at each of the last 3 meetings "
        "(not known yet)."
    )


# -- from the database -----------------------------------------------------------------------------


def fill(db, meeting: dict, residents: int, others: int = 0) -> None:
    """Check in residents and non-residents."""
    for n in range(residents + others):
        check_in(db, meeting, "", n < residents, False)


def test_residents_without_phones_count_when_the_desk_says_so(db):
    meeting = current_meeting(db)
    fill(db, meeting, 150, others=4)
    settings = {"LEGITIMACY_RESIDENTS": 150}
    card = legitimacy.card(db, meeting["id"], settings)
    assert statuses(card["meeting"])["residents"] == "red"
    admission.set_without_phones(db, meeting, 2)
    record.set_details(db, meeting["id"], {"residents_without_phones": 1})
    card = legitimacy.card(db, meeting["id"], settings)
    assert statuses(card["meeting"])["residents"] == "green"
    assert card["meeting"][0]["reason"] == "151 residents were counted, over 150."


def test_notice_and_outreach_are_read_from_the_record(db):
    meeting = current_meeting(db)
    record.set_details(db, meeting["id"], {"held_on": "2026-05-09", "notice_on": "2026-05-01"})
    card = legitimacy.card(db, meeting["id"], {})
    assert statuses(card["meeting"])["notice"] == "amber"  # no outreach logged yet
    record.add_outreach(db, meeting["id"], "2026-05-02", "leaflets", "Park estate", ["English"])
    card = legitimacy.card(db, meeting["id"], {})
    assert statuses(card["meeting"])["notice"] == "green"
    record.set_details(db, meeting["id"], {"notice_on": "2026-05-02"})
    assert statuses(legitimacy.card(db, meeting["id"], {})["meeting"])["notice"] == "red"


def test_the_process_criterion_follows_the_checklist(db):
    meeting = current_meeting(db)
    for key in process.CHECKLIST:
        assert statuses(legitimacy.card(db, meeting["id"], {})["meeting"])["process"] == "red"
        process.tick(db, meeting["id"], key)
    assert statuses(legitimacy.card(db, meeting["id"], {})["meeting"])["process"] == "green"


def test_roles_genders_decide_balance(db):
    meeting = current_meeting(db)
    record.add_role(db, meeting["id"], "facilitator", "Dana", "woman")
    record.add_role(db, meeting["id"], "co_facilitator", "Eli", "")
    assert statuses(legitimacy.card(db, meeting["id"], {})["meeting"])["gender"] == "amber"
    record.remove_role(db, meeting["id"], record.roles(db, meeting["id"])[1]["id"])
    record.add_role(db, meeting["id"], "co_facilitator", "Eli", "man")
    assert statuses(legitimacy.card(db, meeting["id"], {})["meeting"])["gender"] == "green"


def test_the_window_skips_empty_meetings_and_fills_up(db):
    settings = {"LEGITIMACY_RESIDENTS": 3, "LEGITIMACY_WINDOW": 3}
    first = current_meeting(db)
    fill(db, first, 4)
    create_meeting(db)  # opened by mistake: nobody came, nothing decided
    second = create_meeting(db)
    fill(db, second, 4)
    card = legitimacy.card(db, second["id"], settings)
    assert card["rolling"]["meetings"] == [first["id"], second["id"]]
    assert statuses(card["rolling"]["criteria"])["residents"] == "amber"
    third = create_meeting(db)
    fill(db, third, 4)
    card = legitimacy.card(db, third["id"], settings)
    assert card["rolling"] == {
        "window": 3,
        "meetings": [first["id"], second["id"], third["id"]],
        "criteria": card["rolling"]["criteria"],
    }
    assert statuses(card["rolling"]["criteria"])["residents"] == "green"
    fourth = create_meeting(db)
    fill(db, fourth, 3)  # exactly the threshold: not over it
    card = legitimacy.card(db, fourth["id"], settings)
    assert card["rolling"]["meetings"] == [second["id"], third["id"], fourth["id"]]
    assert statuses(card["rolling"]["criteria"])["residents"] == "red"
    assert not card["meets_standard"]


def test_a_card_meets_the_standard_when_everything_is_green(db):
    meeting = current_meeting(db)
    fill(db, meeting, 2)
    record.set_details(db, meeting["id"], {"held_on": "2026-05-09", "notice_on": "2026-05-01"})
    record.add_outreach(db, meeting["id"], "2026-05-02", "posters", "", [])
    for key in process.CHECKLIST:
        process.tick(db, meeting["id"], key)
    card = legitimacy.card(db, meeting["id"], {"LEGITIMACY_RESIDENTS": 1, "LEGITIMACY_WINDOW": 1})
    assert card["meets_standard"], card
    assert card["summary"] == (
        "This meeting meets the standard of legitimacy; gender balance is not shown."
    )


# -- residency: inside the area by postcode, outside, not given ----------------------------------


def test_the_reason_says_how_many_residents_a_postcode_shows():
    where = {"inside": 140, "outside": 9, "not_given": 31}
    found = legitimacy.residents_criterion(151, 150, where)
    assert found["status"] == "green"
    assert found["reason"] == (
        "151 residents were counted, over 150: 140 by a postcode inside the area, "
        "11 by their own word (9 from outside the area, 31 gave no postcode)."
    )
    short = legitimacy.residents_criterion(3, 150, {"inside": 3, "outside": 0, "not_given": 0})
    assert short["reason"] == (
        "3 residents were counted: 3 by a postcode inside the area; the standard asks for over 150."
    )
    nobody = legitimacy.residents_criterion(0, 150, {"inside": 0, "outside": 2, "not_given": 1})
    assert nobody["reason"] == (
        "0 residents were counted (2 from outside the area, 1 gave no postcode); "
        "the standard asks for over 150."
    )


def test_the_card_shows_residents_inside_the_area_outside_and_not_given(db, meeting):
    from kiosk.meeting import needs, residency

    residency.set_area(db, ["M14 5", "M14 6"])
    for postcode in ("M14 5AA", "M14 6BB", "m14 6cc", "M20 1AA", "", ""):
        check_in(db, meeting, "", True, False, postcode=postcode)
    admission.set_without_phones(db, meeting, 3)
    counted = current_meeting(db)
    for where in ("inside", "outside", "not_given"):
        needs.sign_in_line(db, counted, where, [])
    card = legitimacy.card(db, meeting["id"], {"LEGITIMACY_RESIDENTS": 3})
    assert card["residency"] == {
        "area": ["M14 5", "M14 6"],
        "inside": 4,
        "outside": 2,
        "not_given": 3,
        "declared": 0,
        "on_paper": {"inside": 1, "outside": 1, "not_given": 1},
    }
    residents = statuses(card["meeting"])["residents"]
    reason = next(c["reason"] for c in card["meeting"] if c["key"] == "residents")
    assert residents == "green"
    assert reason == (
        "4 residents were counted, over 3: 4 by a postcode inside the area "
        "(2 from outside the area, 3 gave no postcode)."
    )
