"""The minutes of a meeting: a whole evening scripted through the domain, then built and checked."""

import json
from datetime import date, timedelta

import pytest
from helpers import DOCS
from jsonschema import Draft202012Validator

from kiosk.decisions import proposals
from kiosk.decisions.rounds import cast_vote, close_round, enter_hand_counts, open_round
from kiosk.delegates import mandates, recall, reportbacks
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.meeting import admission
from kiosk.meeting.meetings import check_in, create_meeting, current_meeting
from kiosk.process import agenda, breakouts, harvest
from kiosk.process import settings as process
from kiosk.records import meeting_record as record
from kiosk.records import minutes
from kiosk.trust import cards, identity

SCHEMA = json.loads((DOCS / "minutes.schema.json").read_text())
TODAY = date.today()
LIBRARY = "We ask the council to open the library on Sundays."
AMENDED = "We ask the council to open the library on Sundays, with paid staff."


def valid(built: dict) -> dict:
    """Check built minutes survive JSON and match the schema; return them as read back."""
    data = json.loads(json.dumps(built))
    Draft202012Validator(SCHEMA).validate(data)
    return data


def vote_all(db, people: list[dict], rnd: dict, choices: list, reasons: list | None = None):
    """Cast one vote per person, with reasons where given, and close the round."""
    for n, (person, picked) in enumerate(zip(people, choices, strict=True)):
        cast_vote(db, person, rnd["id"], picked, (reasons or [""] * len(people))[n])
    return close_round(db, rnd["id"])


def mandate_fields(council: dict, **changes) -> dict:
    """Return a complete mandate form."""
    return {
        "council_id": council["id"],
        "delegate": "Amira",
        "co_delegate": "Bo",
        "alternate": "Chidi",
        "scope": "Library opening hours",
        "items": [{"item": "Sunday opening", "position": "must_support"}],
        "expires_after_meetings": 3,
        "report_back": "At the next assembly",
        **changes,
    }


def issue(db, meeting, people, fields, key, key_id) -> dict:
    """Draft a mandate, have everyone confirm it, and issue it."""
    draft = mandates.draft(db, meeting, fields)
    rnd = mandates.open_confirmation(db, meeting, draft["id"])
    closed = vote_all(db, people, rnd, ["agree"] * len(people))
    return mandates.settle_round(db, closed, key, key_id)[0]


@pytest.fixture
def me(db, key):
    return identity.ensure_assembly(db, key, "Elm Street Assembly", "Elm Street, Leeds")


@pytest.fixture
def council(db):
    return delegates.add_council(db, "Leeds Library Council", "themed", "Libraries")


@pytest.fixture
def earlier(db, me, key, council):
    """A meeting before tonight that issued mandate M1 (Amira, Bo, alternate Chidi)."""
    meeting = current_meeting(db)
    people = [check_in(db, meeting, n, True, False) for n in ("Amira", "Bo", "Chidi", "Dana")]
    m1 = issue(db, meeting, people, mandate_fields(council), key, me["key_id"])
    return {"meeting": meeting, "m1": m1}


def run_breakouts(db, meeting_id: int) -> None:
    """Split the room in two, staff each group, send two points each and read them back."""
    breakouts.start(db, meeting_id, "count_off", 3)
    for group in breakouts.fill_roles(db, meeting_id):
        taker = db.table("attendees").get(group["note_taker_id"])
        harvest.add_point(db, taker, f"{group['name']}: more benches", "all")
        harvest.add_point(db, taker, f"{group['name']}: later opening", "most")
        harvest.confirm_read_back(db, taker)
    breakouts.end(db, meeting_id)
    cluster = harvest.add_cluster(db, meeting_id, "Opening hours")
    point = db.execute("SELECT id FROM harvest_points WHERE text LIKE '%later%'").fetchone()[0]
    harvest.cluster_point(db, meeting_id, point, cluster["id"])


def run_proposals(db, tonight, people) -> dict:
    """A blocked consent round with hands, an amendment taken, a passing round, a secret one."""
    first = open_round(db, tonight, LIBRARY, stage="consent")
    for person, picked, why in zip(
        people,
        ["agree", "agree", "block", "concerns", "stand_aside", "agree"],
        ["", "", "It takes the youth club's room", "Staff must be paid", "", ""],
        strict=True,
    ):
        cast_vote(db, person, first["id"], picked, why)
    enter_hand_counts(db, tonight, first["id"], "hands", {"agree": 2})
    first = close_round(db, first["id"])
    amendment = proposals.propose_amendment(db, tonight, first["proposal_id"], AMENDED, "Dana")
    vote = open_round(
        db,
        tonight,
        stage="amendment",
        proposal_id=first["proposal_id"],
        amendment_id=amendment["id"],
    )
    vote_all(db, people, vote, ["yes"] * 6)
    passed = open_round(db, tonight, proposal_id=first["proposal_id"], stage="consent")
    passed = vote_all(db, people, passed, ["agree"] * 6)
    secret = open_round(db, tonight, "Move the assembly to Thursdays", visibility="secret")
    vote_all(db, people, secret, ["agree"] * 5 + ["block"], [""] * 5 + ["SECRET-WORDS"])
    return {"first": first, "passed": passed, "secret": secret}


def run_delegates(db, tonight, people, council, m1, key, key_id, passed) -> dict:
    """Elect a balanced pair, issue M2, hear M1's report-back, recall M1 by petition and ballot."""
    seat = delegates.open_seat(db, tonight, council["id"], gender_balanced=True)
    for name, gender in (("Amira", "woman"), ("Chidi", "man"), ("Bo", "man")):
        delegates.nominate(db, tonight, seat["id"], name, gender)
    election = delegates.open_election(db, tonight, seat["id"])
    vote_all(db, people, election, [["Amira", "Chidi", "Bo"]] * 4 + [["Chidi", "Bo"]] * 2)
    places = delegates.elected(db, tonight, seat["id"])
    fields = mandate_fields(
        council, seat_id=seat["id"], decision_round_ids=[passed["id"]], **places
    )
    m2 = issue(db, tonight, people, fields, key, key_id)
    item = m1["items"][0]["id"]
    answers = {str(item): {"council_did": "Agreed a pilot", "delegate_voted": "for"}}
    reportbacks.record(db, tonight, m1["id"], (TODAY - timedelta(days=1)).isoformat(), answers)
    for person in people[:2]:
        recall.sign_petition(db, tonight, person, m1["id"])
    ballot = recall.open_recall_vote(db, tonight, m1["id"])
    for person, picked in zip(people, ["yes"] * 5 + ["no"], strict=True):
        cast_vote(db, person, ballot["id"], picked)
    enter_hand_counts(db, tonight, ballot["id"], "hands", {"yes": 1})
    closed = close_round(db, ballot["id"])
    revoked, replacement = recall.settle_round(db, closed, key, key_id)
    return {"m2": m2, "revoked": revoked, "replacement": replacement, "recall": closed}


@pytest.fixture
def evening(db, me, key, council, earlier):
    """Tonight, scripted from the invitation to the close, with its minutes built."""
    tonight = create_meeting(db, "Spring assembly")
    mid = tonight["id"]
    record.set_details(
        db,
        mid,
        {
            "held_on": TODAY.isoformat(),
            "venue": "St Mark's hall",
            "access_features": ["Step-free entrance", "Hearing loop"],
            "notice_on": (TODAY - timedelta(days=10)).isoformat(),
            "notice_channels": ["Library noticeboard"],
            "results_go_to": "The council's library committee",
        },
    )
    record.add_outreach(
        db, mid, (TODAY - timedelta(days=9)).isoformat(), "leaflets", "Park", ["English", "Polish"]
    )
    record.add_outreach(db, mid, (TODAY - timedelta(days=8)).isoformat(), "door_knocking", "", [])
    record.add_role(db, mid, "facilitator", "Dana", "woman")
    record.add_role(db, mid, "co_facilitator", "Eli", "man")
    record.add_role(db, mid, "note_taker", "Fran", "")
    roster = [
        ("Amira", True, False),
        ("Bo", True, False),
        ("Chidi", True, False),
        ("Dana", True, True),
        ("Eli", False, False),
        ("Zephyrine", True, True),
    ]
    people = [check_in(db, tonight, *p) for p in roster]
    admission.set_without_phones(db, tonight, 3)
    record.set_details(db, mid, {"residents_without_phones": 2})
    agenda.use_template(db, mid)
    for _ in range(4):  # welcome, agreements, question, breakouts
        agenda.next_item(db, mid)
    run_breakouts(db, mid)
    agenda.next_item(db, mid)  # harvest
    agenda.next_item(db, mid)  # proposals
    rounds_run = run_proposals(db, tonight, people)
    agenda.next_item(db, mid)  # delegates
    done = run_delegates(
        db, tonight, people, council, earlier["m1"], key, me["key_id"], rounds_run["passed"]
    )
    agenda.next_item(db, mid)  # close
    action = process.add_action(db, mid, "Write to the library service", "Dana")
    record.set_deadline(db, mid, action["id"], (TODAY + timedelta(days=14)).isoformat())
    agenda.go_to(db, mid, None)  # the evening ends: the last stamp closes
    built = minutes.build(db, mid, {"LEGITIMACY_RESIDENTS": 5})
    return {"minutes": valid(built), "people": people, **rounds_run, **done, **earlier}


# -- the scripted evening ------------------------------------------------------------------------


def test_the_minutes_say_who_we_are_and_when_and_where_we_met(evening, me):
    m = evening["minutes"]
    assert (m["schema"], m["version"], m["empty"]) == ("assembly-kiosk/minutes", 2, False)
    assert m["generated_at"].endswith("Z")
    assert m["assembly"] == {
        k: me[k] for k in ("name", "area", "key_id", "fingerprint", "public_key")
    }
    meeting = m["meeting"]
    assert (meeting["title"], meeting["date"], meeting["venue"]) == (
        "Spring assembly",
        TODAY.isoformat(),
        "St Mark's hall",
    )
    assert meeting["access_features"] == ["Step-free entrance", "Hearing loop"]
    assert meeting["notice"] == {
        "given_on": (TODAY - timedelta(days=10)).isoformat(),
        "channels": ["Library noticeboard"],
    }
    assert [(o["kind"], o["languages"]) for o in meeting["outreach"]] == [
        ("leaflets", ["English", "Polish"]),
        ("door_knocking", []),
    ]
    assert meeting["results_go_to"] == "The council's library committee"
    assert meeting["started_at"] == m["process"]["stages"][0]["started_at"]
    assert meeting["ended_at"] == m["process"]["stages"][-1]["ended_at"] is not None


def test_the_minutes_count_residents_first_timers_and_people_without_phones(evening):
    assert evening["minutes"]["attendance"] == {
        "total": 9,
        "residents": 7,
        "residents_with_phones": 5,
        "residents_without_phones": 2,
        "first_timers": 2,
        "with_phones": 6,
        "without_phones": 3,
    }


def test_the_minutes_record_roles_stages_and_the_checklist(evening):
    m = evening["minutes"]
    assert [(r["role"], r["name"], r["gender"]) for r in m["roles"]] == [
        ("Facilitator", "Dana", "woman"),
        ("Co-facilitator", "Eli", "man"),
        ("Note-taker", "Fran", ""),
    ]
    stages = m["process"]["stages"]
    assert [s["kind"] for s in stages] == [k for k, *_ in agenda.TEMPLATE]
    assert stages[0]["planned_minutes"] == 10 and all(s["ended_at"] for s in stages)
    assert all(c["done"] and c["how"] == "kiosk" for c in m["process"]["checklist"])
    assert all(c["at"] for c in m["process"]["checklist"] if c["key"] != "staffed")
    assert m["question"] == agenda.TEMPLATE[2][3]


def test_the_minutes_keep_each_groups_points_and_the_themes(evening):
    m = evening["minutes"]
    assert len(m["breakouts"]) == 2
    group = m["breakouts"][0]
    assert (group["breakout"], group["read_back"], group["staffed"], group["members"]) == (
        1,
        True,
        True,
        3,
    )
    assert group["points"] == [
        {"text": f"{group['group']}: more benches", "agreement": "all"},
        {"text": f"{group['group']}: later opening", "agreement": "most"},
    ]
    assert m["themes"] == [
        {
            "title": "Opening hours",
            "points": [
                {
                    "text": f"{group['group']}: later opening",
                    "agreement": "most",
                    "group": group["group"],
                }
            ],
        }
    ]


def test_a_blocked_consent_round_keeps_reasons_hands_and_stand_asides(evening):
    library = evening["minutes"]["proposals"][0]
    assert (library["about"], library["wording"]) == ("proposal", AMENDED)
    assert [v["text"] for v in library["versions"]] == [LIBRARY, AMENDED]
    assert library["amendments"] == [
        {
            "id": library["amendments"][0]["id"],
            "text": AMENDED,
            "proposed_by": "Dana",
            "status": "taken",
        }
    ]
    first, amendment, passed = library["rounds"]
    assert (first["outcome"], first["blocks"], first["concerns"]) == (
        "blocked",
        ["It takes the youth club's room"],
        ["Staff must be paid"],
    )
    assert first["stand_asides"] == 1 and first["present"] == 9
    assert first["counts"]["phones"] == {"agree": 3, "block": 1, "concerns": 1, "stand_aside": 1}
    assert first["counts"]["hands"] == {"agree": 2}
    assert first["counts"]["sources"] == {"hands": {"agree": 2}}
    assert first["counts"]["total"] == {"agree": 5, "concerns": 1, "stand_aside": 1, "block": 1}
    assert first["sentence"] == evening["first"]["explanation"]
    assert (amendment["stage"], amendment["wording"], amendment["outcome"]) == (
        "amendment",
        AMENDED,
        "passed",
    )
    assert (passed["outcome"], passed["winners"]) == ("passed", None)


def test_secret_ballots_leave_no_reason_and_no_name(evening):
    m = evening["minutes"]
    secret = next(p for p in m["proposals"] if p["wording"].startswith("Move the assembly"))
    (rnd,) = secret["rounds"]
    assert (rnd["visibility"], rnd["outcome"], rnd["blocks"]) == ("secret", "blocked", [])
    text = json.dumps(m)
    assert "SECRET-WORDS" not in text
    assert "Zephyrine" not in text  # checked in, voted, held no public role


def test_the_minutes_carry_the_election_mandates_recall_and_report_back(evening, me, key):
    m = evening["minutes"]
    abouts = [p["about"] for p in m["proposals"]]
    assert abouts == ["proposal", "proposal", "election", "mandate", "recall"]
    election = m["proposals"][2]["rounds"][0]
    assert election["kind"] == "ranked" and election["winners"][0] == "Amira"
    m2, m3 = m["mandates"]
    assert (m2["id"], m2["status"], m2["delegate"], m2["co_delegate"]) == (
        evening["m2"]["id"],
        "issued",
        "Amira",
        "Chidi",  # second choice, and of another gender: the balanced pair
    )
    assert m2["text_digest"] == cards.digest(m2["text"]) and m2["payload"]
    assert m2["decisions"] == [evening["passed"]["id"]]
    assert (m3["id"], m3["delegate"], m3["replaces"]) == (
        evening["replacement"]["id"],
        "Chidi",
        evening["m1"]["id"],
    )
    (recalled,) = m["recalls"]
    assert recalled == {
        "mandate_id": evening["m1"]["id"],
        "delegate": "Amira",
        "council": "Leeds Library Council",
        "signatures": 2,
        "needed": 2,
        "round_id": evening["recall"]["id"],
        "outcome": "passed",
        "sentence": evening["recall"]["explanation"],
        "replaced_by": m3["id"],
    }
    (revocation,) = m["revocations"]
    raw = identity.public_raw(key)
    assert cards.verify_revocation(
        raw,
        revocation["key_id"],
        revocation["mandate_id"],
        revocation["revoked_at_unix"],
        revocation["signature"],
    )
    (report,) = m["report_backs"]
    assert (report["mandate_id"], report["council_meeting_on"]) == (
        evening["m1"]["id"],
        (TODAY - timedelta(days=1)).isoformat(),
    )
    assert report["items"] == [
        {
            "item": "Sunday opening",
            "position": "must_support",
            "council_did": "Agreed a pilot",
            "delegate_voted": "for",
        }
    ]
    assert m["actions"] == [
        {
            "what": "Write to the library service",
            "owner": "Dana",
            "deadline": (TODAY + timedelta(days=14)).isoformat(),
        }
    ]


def test_the_earlier_meeting_keeps_its_own_mandate_not_tonights_replacement(db, evening):
    earlier = valid(minutes.build(db, evening["meeting"]["id"], {}))
    assert [(x["id"], x["status"]) for x in earlier["mandates"]] == [
        (evening["m1"]["id"], "revoked")
    ]
    assert earlier["recalls"] == [] and earlier["revocations"] == []


def test_the_legitimacy_card_travels_with_the_minutes(db, evening):
    card = evening["minutes"]["legitimacy"]
    assert {c["key"]: c["status"] for c in card["meeting"]} == {
        "residents": "green",
        "notice": "green",
        "process": "green",
        "gender": "green",
    }
    # the earlier meeting had 4 residents, not over 5: tonight is not yet "regularly"
    assert card["rolling"]["meetings"] == [
        evening["meeting"]["id"],
        evening["minutes"]["meeting"]["id"],
    ]
    assert {c["key"]: c["status"] for c in card["rolling"]["criteria"]}["residents"] == "red"
    assert not card["meets_standard"]
    alone = minutes.build(
        db, evening["minutes"]["meeting"]["id"], {"LEGITIMACY_RESIDENTS": 5, "LEGITIMACY_WINDOW": 1}
    )
    assert alone["legitimacy"]["meets_standard"]
    assert alone["legitimacy"]["summary"] == "This meeting meets the standard of legitimacy."


# -- an empty meeting, and the schema ------------------------------------------------------------


def test_an_empty_meeting_still_has_minutes_that_say_nothing_happened(db, me):
    meeting = current_meeting(db)
    m = valid(minutes.build(db, meeting["id"], {}))
    assert m["empty"] is True
    assert m["attendance"]["total"] == 0 and m["question"] is None
    for key in ("roles", "breakouts", "themes", "proposals", "actions", "mandates", "recalls"):
        assert m[key] == [], key
    assert m["report_backs"] == [] and m["revocations"] == []
    assert m["meeting"]["ended_at"] is None and m["meeting"]["started_at"]
    assert m["legitimacy"]["rolling"]["meetings"] == [meeting["id"]]
    assert not m["legitimacy"]["meets_standard"]


def test_a_meeting_with_only_people_counted_at_the_desk_is_not_empty(db, me):
    meeting = current_meeting(db)
    admission.set_without_phones(db, meeting, 12)
    assert minutes.build(db, meeting["id"], {})["empty"] is False


def test_minutes_of_a_meeting_that_does_not_exist_are_refused(db, me):
    with pytest.raises(Refused, match="does not exist"):
        minutes.build(db, 999, {})


def test_the_schema_rejects_minutes_that_break_the_contract(db, me):
    m = valid(minutes.build(db, current_meeting(db)["id"], {}))
    validator = Draft202012Validator(SCHEMA)
    for breaking in (
        {"empty": "no"},
        {"version": 3},
        {
            "legitimacy": {
                **m["legitimacy"],
                "meeting": [{**m["legitimacy"]["meeting"][0], "status": "blue"}],
            }
        },
        {"meeting": {**m["meeting"], "date": "14/05/2026"}},
        {"surprise": 1},
    ):
        assert list(validator.iter_errors({**m, **breaking})), breaking
    missing = dict(m)
    del missing["revocations"]
    assert list(validator.iter_errors(missing))


def test_the_schemas_enums_follow_the_code():
    defs, props = SCHEMA["$defs"], SCHEMA["properties"]
    roles = props["roles"]["items"]["properties"]["key"]["enum"]
    kinds = props["meeting"]["properties"]["outreach"]["items"]["properties"]["kind"]["enum"]
    assert roles == list(record.ROLES) and kinds == list(record.OUTREACH_KINDS)
    assert defs["gender"]["enum"] == list(delegates.GENDERS)
    assert defs["mandate"]["properties"]["status"]["enum"] == ["draft", "issued", "revoked"]
    assert set(defs["round"]["properties"]["kind"]["enum"]) == set(
        __import__("kiosk.decisions.kinds", fromlist=["KINDS"]).KINDS
    )


def test_the_schemas_routes_and_outcomes_follow_the_code():
    from kiosk.records import submissions

    item = SCHEMA["properties"]["submissions"]["items"]["properties"]
    assert item["route"]["enum"] == list(submissions.ROUTES)
    assert item["outcome"]["enum"] == [*submissions.OUTCOMES, None]
