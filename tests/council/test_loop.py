"""The confederal loop through the domain API: proposals up, the agenda down, mandates bound to
item ids, votes enforced by id and version (never by words), report-backs and "what happened".
"""

import io
import json

import pytest
from confederation import Kiosk
from district import CLOSE, DISTRICT, FRIDGE, MINUTES, OPEN, ROTA, bound
from helpers import DOCS
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from kiosk.council import agenda, checkin, items, members, room
from kiosk.council import votes as council_votes
from kiosk.decisions import proposals, rounds
from kiosk.delegates import agendas, reportbacks
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.process import agenda as assembly_agenda
from kiosk.process import breakouts
from kiosk.records.minutes_council import section as council_section
from kiosk.screens.process import projector as process_projector
from printouts.minutes import minutes_pdf

SCHEMA = json.loads((DOCS / "minutes.schema.json").read_text())


def valid(minutes: dict) -> dict:
    """Check minutes match the published schema; return them."""
    Draft202012Validator(SCHEMA).validate(minutes)
    return minutes


def seated(loop, key: str, role: str = "delegate") -> dict:
    """Check a delegate in by their card and return their check-in."""
    district = loop["district"]
    found = checkin.check_in(district.db, district.meeting, loop["mandates"][key]["payload"], role)
    return checkin.checkin(district.db, district.meeting, found["id"])


def item_named(loop, words: str) -> dict:
    """Return the district's agenda item with these words."""
    district = loop["district"]
    return next(i for i in agenda.items(district.db, district.meeting) if i["text"] == words)


def test_proposals_go_up_signed_with_stable_ids(loop):
    district = loop["district"]
    assert loop["first"]["Mill Lane"]["proposals"] == [OPEN, FRIDGE]
    assert loop["first"]["Hilltop"]["proposals"] == []
    uids = {r["text"]: r["uid"] for r in district.db.query("SELECT * FROM council_proposals")}
    assert uids[OPEN] == loop["sent"]["open"]["uid"]
    assert uids[OPEN].startswith(loop["prefix"]["Mill Lane"])  # fingerprint + local id
    assert uids[CLOSE].startswith(loop["prefix"]["Riverside"])
    again = district.take(loop["mill"].export())
    assert again.get("proposals", []) == []  # the same ids change nothing


def test_a_member_cannot_send_a_proposal_in_another_members_name(loop):
    mill, river, district = loop["mill"], loop["river"], loop["district"]
    pk = mill.put(DISTRICT, "district", "Plant trees on every street")["id"]
    forged = loop["prefix"]["Riverside"] + "999"
    mill.db.table("proposals_up").update(pk, {"uid": forged})
    result = district.take(mill.export())
    assert result["proposals"] == [] and result["proposals_unreadable"] == 1
    assert not list(district.db.query("SELECT 1 FROM council_proposals WHERE uid = ?", [forged]))
    assert river.name not in json.dumps(result)


def test_the_draft_agenda_merges_duplicates_and_keeps_every_source(loop):
    fridge = item_named(loop, FRIDGE)
    assert [s["member"] for s in fridge["sources"]] == ["Mill Lane", "Riverside"]
    minutes_item = item_named(loop, MINUTES)
    assert minutes_item["origin"] == "procedural" and minutes_item["sources"] == []
    district = loop["district"]
    with pytest.raises(Refused, match="settings do not let it"):
        agenda.add_own(district.db, district.meeting, "Rename the district", "council")
    room.set_settings(district.db, "shares", own_items=True)
    own = agenda.add_own(district.db, district.meeting, "Rename the district", "council")
    assert own["origin"] == "council" and own["published_version"] is None
    with pytest.raises(Refused, match="published"):
        agenda.merge(district.db, district.meeting, fridge["id"], item_named(loop, OPEN)["id"])


def test_the_agenda_bundle_carries_ids_words_versions_and_sources(loop):
    sent = bundles.verify(loop["published"])
    assert sent["kind"] == "agenda" and sent["minutes"] == {}
    told = sent["agenda"]
    assert told["meets_on"] == "2030-01-15" and told["edition"] == 1
    assert [(i["number"], i["text"], i["version"]) for i in told["items"]] == [
        (1, OPEN, 1),
        (2, FRIDGE, 1),
        (3, CLOSE, 1),
        (4, MINUTES, 1),
    ]
    fridge = told["items"][1]
    assert [s["id"] for s in fridge["sources"]] == [
        loop["sent"]["fridge"]["uid"],
        loop["sent"]["fridge_again"]["uid"],
    ]
    assert {t["key_id"] for t in told["to"]} == {
        k.me["key_id"] for k in (loop["mill"], loop["river"], loop["hill"])
    }


def test_the_agenda_comes_down_onto_each_assembly_s_next_agenda(loop):
    mill = loop["mill"]
    assert loop["down"]["Mill Lane"]["agenda"]["items"] == 4
    titles = [i["title"] for i in assembly_agenda.items(mill.db, mill.meeting["id"])]
    assert f"{DISTRICT} item 1: {OPEN}" in titles and f"{DISTRICT} item 3: {CLOSE}" in titles
    assert mill.take(loop["published"])["already"] is True
    stranger = Kiosk.assembly("Park Road")
    with pytest.raises(Refused, match="not one of them"):
        stranger.take(loop["published"], trust_new=True)
    assert list(stranger.db.query("SELECT * FROM agenda_in")) == []


def test_mandates_and_cards_carry_item_ids_and_versions(loop):
    ada = loop["mandates"]["mill"]
    [open_, close, fridge] = ada["items"]
    assert open_["agenda_uid"] == loop["mill"].received(OPEN)["uid"]
    assert close["agenda_uid"] != open_["agenda_uid"] and close["agenda_version"] == 1
    assert f"council item {open_['agenda_uid']} version 1, “{OPEN}”" in ada["text"]
    assert f"only as amended to “{ROTA}”" in ada["text"]
    minutes = valid(loop["mill"].export_minutes())
    assert minutes["mandates"][0]["items"][1]["agenda_item"] == close["agenda_uid"]
    with pytest.raises(Refused, match="cannot take picks"):
        loop["mill"].elect(DISTRICT, "district", "X", [bound(loop["mill"], OPEN, "choose")])
    with pytest.raises(Refused, match="only a council agenda item"):
        loop["mill"].elect(DISTRICT, "district", "X", [("Anything", "support_amended", "")])


def test_the_near_identical_pair_stays_apart_and_a_vote_against_a_mandate_is_refused(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    ada, cai = seated(loop, "mill"), seated(loop, "river")
    rnd = items.open_round(db, meeting, item_named(loop, CLOSE)["id"])
    shown = council_votes.for_phone(db, meeting, ada, rnd)
    assert shown["position"] == "must_oppose" and "vote No" in shown["words"]
    with pytest.raises(Refused, match="“Yes” goes against your assembly's mandate"):
        council_votes.cast(db, meeting, ada, rnd["id"], "yes")
    council_votes.cast(db, meeting, ada, rnd["id"], "no")
    council_votes.cast(db, meeting, cai, rnd["id"], "yes")
    rounds.close_round(db, rnd["id"])
    rnd = items.open_round(db, meeting, item_named(loop, OPEN)["id"])
    assert council_votes.for_phone(db, meeting, ada, rnd)["position"] == "must_support"
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, cai, rnd["id"], "yes")
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, ada, rnd["id"], "abstain")
    council_votes.cast(db, meeting, ada, rnd["id"], "yes")
    rounds.close_round(db, rnd["id"])
    # the same words typed as a new proposal are not the published item: nothing binds them
    typed = rounds.open_round(db, meeting, CLOSE, stage="final", rule="majority")
    shown = council_votes.for_phone(db, meeting, ada, typed)
    assert shown["item"] is None and "not on the council's published agenda" in shown["words"]
    council_votes.cast(db, meeting, ada, typed["id"], "yes")


def test_an_amended_item_binds_by_each_mandate_s_amendment_rule(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    hill = members.member_named(db, "Hilltop")
    members.set_rights(db, meeting, hill["id"], "vote", "Outreach under way")
    ada, cai, eve = seated(loop, "mill"), seated(loop, "river"), seated(loop, "hill")
    fridge = item_named(loop, FRIDGE)
    first = items.open_round(db, meeting, fridge["id"])
    assert (
        "supports this only as amended" in council_votes.for_phone(db, meeting, ada, first)["words"]
    )
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, ada, first["id"], "yes")
    rounds.close_round(db, first["id"])
    amendment = proposals.propose_amendment(db, meeting, first["proposal_id"], ROTA, "Mill Lane")
    vote = rounds.open_round(
        db,
        meeting,
        proposal_id=first["proposal_id"],
        stage="amendment",
        amendment_id=amendment["id"],
        rule="majority",
    )
    assert council_votes.for_phone(db, meeting, ada, vote)["position"] == "must_support"
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, ada, vote["id"], "no")
    assert "on an amendment" in council_votes.for_phone(db, meeting, cai, vote)["words"]
    council_votes.cast(db, meeting, ada, vote["id"], "yes")
    council_votes.cast(db, meeting, cai, vote["id"], "yes")
    assert rounds.close_round(db, vote["id"])["outcome"] == "passed"  # the amendment is taken
    assert items.current_version(db, fridge) == 2
    final = items.open_round(db, meeting, fridge["id"])
    assert items.on_round(db, final)["version"] == 2
    council_votes.cast(db, meeting, ada, final["id"], "yes")  # its own amendment: support
    told = council_votes.for_phone(db, meeting, eve, final)
    assert "Your mandate was on version 1" in told["words"] and told["position"] == "abstain"
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, eve, final["id"], "no")
    council_votes.cast(db, meeting, eve, final["id"], "abstain")
    assert council_votes.for_phone(db, meeting, cai, final)["may_vote"] is True


def test_picks_and_rankings_are_enforced_exactly():
    mill = Kiosk.assembly("Mill Lane")
    mill.legitimate_meeting()
    fair = "Where should the summer fair be held?"
    mill.put(DISTRICT, "district", fair, kind="approval", options="Park\nSquare\nSchool", most=2)
    district = Kiosk.council(DISTRICT, "district")
    district.register(mill)
    district.take(mill.export())
    mill.take(district.publish(), trust_new=True)
    made = mill.elect(
        DISTRICT,
        "district",
        "Ada Brook",
        [bound(mill, fair, "choose", picks=["School", "Park"])],
    )
    with pytest.raises(Refused, match="at most 2 picks"):
        mill.elect(
            DISTRICT,
            "district",
            "X",
            [bound(mill, fair, "choose", picks=["Park", "Square", "School"])],
        )
    district.take(mill.export())
    db, meeting = district.db, district.meeting
    ada = checkin.checkin(
        db, meeting, checkin.check_in(db, meeting, made["payload"], "delegate")["id"]
    )
    [item] = agenda.items(db, meeting)
    rnd = items.open_round(db, meeting, item["id"])
    assert rnd["kind"] == "approval" and json.loads(rnd["options"]) == ["Park", "Square", "School"]
    with pytest.raises(Refused, match="that ballot goes against"):
        council_votes.cast(db, meeting, ada, rnd["id"], ["Park"])
    council_votes.cast(db, meeting, ada, rnd["id"], ["Park", "School"])


def test_report_backs_and_what_happened_to_our_proposals(loop):
    district, mill, river = loop["district"], loop["mill"], loop["river"]
    db, meeting = district.db, district.meeting
    ada, cai = seated(loop, "mill"), seated(loop, "river")
    for words, mill_says, river_says in ((OPEN, "yes", "no"), (CLOSE, "no", "yes")):
        rnd = items.open_round(db, meeting, item_named(loop, words)["id"])
        council_votes.cast(db, meeting, ada, rnd["id"], mill_says)
        council_votes.cast(db, meeting, cai, rnd["id"], river_says)
        rounds.close_round(db, rnd["id"])
    told = valid(district.export_minutes())["council"]
    by_id = {i["text"]: i for i in told["items"]}
    assert by_id[OPEN]["outcome"] == "failed" and by_id[FRIDGE]["round_id"] is None
    assert [s["member"] for s in by_id[CLOSE]["seats"]] == ["Mill Lane", "Riverside"]
    [unbound] = [i for i in told["instructions"] if i["agenda_item"] is None]
    assert unbound["member"] == "Hilltop" and unbound["why_not"] == "unbound: the chair decides"
    bundle = district.export()
    result = mill.take(bundle, trust_new=True)
    report = reportbacks.get(mill.db, result["report_backs"][0])
    assert [i["delegate_voted"] for i in report["items"]] == [
        "Yes (cast by Ada Brook)",
        "No (cast by Ada Brook)",
        "did not vote — not carried out: not put to a vote",
    ]
    happened = {o["text"]: o for o in agendas.what_happened(mill.db, mill.meeting["id"])}
    assert happened[OPEN]["ours"] == [loop["sent"]["open"]["uid"]]
    assert happened[OPEN]["seat_voted"] == "Yes (cast by Ada Brook)"
    assert happened[CLOSE]["ours"] == [] and happened[FRIDGE]["outcome"].startswith("It did not")
    shown = process_projector(mill.db, mill.meeting)["process"]["outcomes"]
    assert [o["text"] for o in shown] == [OPEN, FRIDGE]  # our own proposals, on the projector
    minutes = valid(mill.export_minutes())
    assert {o["text"] for o in minutes["outcomes"]} == {OPEN, CLOSE, FRIDGE}
    pages = PdfReader(io.BytesIO(minutes_pdf(minutes))).pages
    paper = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "What happened to our proposals" in paper and f"{OPEN} (our proposal)" in paper
    assert [p["text"] for p in minutes["proposals_up"]] == []  # answered: no longer carried up
    river_result = river.take(bundle, trust_new=True)
    assert river_result["outcomes"] == 3
    assert mill.take(bundle)["already"] is True


def test_an_assembly_with_proposals_but_no_delegate_hears_back():
    mill = Kiosk.assembly("Mill Lane")
    mill.legitimate_meeting()
    mill.put(DISTRICT, "district", OPEN)
    district = Kiosk.council(DISTRICT, "district")
    district.register(mill)
    district.take(mill.export())
    mill.take(district.publish(), trust_new=True)
    [item] = agenda.items(district.db, district.meeting)
    rnd = items.open_round(district.db, district.meeting, item["id"])
    rounds.close_round(district.db, rnd["id"])
    result = mill.take(district.export())
    assert result["report_backs"] == [] and result["outcomes"] == 1
    [told] = agendas.what_happened(mill.db, mill.meeting["id"])
    assert told["seat_voted"] == "" and told["text"] == OPEN
    assert council_section(district.db, district.meeting)["items"][0]["sources"][0]["member"] == (
        "Mill Lane"
    )


def test_a_themed_council_s_agenda_reaches_the_delegates_and_breakout_of_its_theme():
    river = Kiosk.assembly("Riverside")
    river.legitimate_meeting()
    river.put("North Health Council", "themed", "Keep the walk-in centre open", theme="health")
    health = Kiosk.council("North Health Council", "themed", "health")
    health.register(river)
    health.take(river.export())
    breakouts.set_themes(river.db, river.meeting["id"], ["Health", "Housing"])
    assert river.take(health.publish(), trust_new=True)["agenda"]["new"] == [
        "Keep the walk-in centre open"
    ]
    [item] = [i for i in assembly_agenda.items(river.db, river.meeting["id"]) if i["notes"]]
    assert item["title"] == "North Health Council item 1: Keep the walk-in centre open"
    assert "For the health delegates and the health breakout." in item["notes"]
