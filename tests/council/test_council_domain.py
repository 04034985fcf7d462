"""Council mode through the domain API: members, the roll, check-in by card, rights, the record.

The district's loop (tests/council/conftest.py) brings three assemblies' mandates to the roll;
these tests check in their delegates, vote, and read what the council's bundle says. Then a
county council of two district councils runs the same loop one level up.
"""

import io
import json
import re
import zipfile

import pytest
from confederation import Kiosk
from district import CLOSE, DISTRICT, FRIDGE, OPEN, bound
from pypdf import PdfReader

from kiosk.council import agenda, checkin, items, members, roll
from kiosk.council import votes as council_votes
from kiosk.decisions import rounds
from kiosk.delegates import mandates, reportbacks
from kiosk.errors import Refused
from kiosk.records.minutes_council import section as council_section
from kiosk.trust import identity


def item_named(district: Kiosk, words: str) -> dict:
    """Return the district's agenda item with these words."""
    return next(i for i in agenda.items(district.db, district.meeting) if i["text"] == words)


def test_import_builds_the_roll_and_shows_legitimacy(loop):
    district = loop["district"]
    assert loop["second"]["Riverside"]["added"] == ["Cai Dunn"]
    on_roll = roll.rows(district.db, district.meeting)
    assert [(r["member"], r["delegate"], r["status"]) for r in on_roll] == [
        ("Hilltop", "Eve Fox", "valid"),
        ("Mill Lane", "Ada Brook", "valid"),
        ("Riverside", "Cai Dunn", "valid"),
    ]
    by_name = {m["name"]: m for m in members.members(district.db)}
    assert by_name["Mill Lane"]["meets_standard"] == 1 and by_name["Mill Lane"]["rights"] == "vote"
    assert by_name["Hilltop"]["rights"] == "sit" and by_name["Hilltop"]["needs_decision"]
    assert "Not yet shown to meet the standard" in by_name["Hilltop"]["legitimacy"]["summary"]
    assert district.take(loop["mill"].export())["added"] == []  # the same mandate adds nothing


def test_check_in_one_seat_per_assembly_and_the_record(loop):
    district, made = loop["district"], loop["mandates"]
    db, meeting = district.db, district.meeting
    hill = members.member_named(db, "Hilltop")
    with pytest.raises(Refused, match="Say why"):
        members.set_rights(db, meeting, hill["id"], "vote", "")
    members.set_rights(db, meeting, hill["id"], "vote", "Outreach under way; invited to vote")
    ada = checkin.check_in(db, meeting, made["mill"]["payload"], "delegate")
    eve = checkin.check_in(db, meeting, made["hill"]["payload"], "delegate")
    finn = checkin.check_in(db, meeting, made["hill"]["payload"], "co_delegate")
    assert eve["seat_id"] == finn["seat_id"]  # one seat per assembly
    with pytest.raises(Refused, match="already checked in"):
        checkin.check_in(db, meeting, made["hill"]["payload"], "delegate")
    with pytest.raises(Refused, match="names no co-delegate"):
        checkin.check_in(db, meeting, made["river"]["payload"], "co_delegate")
    rnd = items.open_round(db, meeting, item_named(district, FRIDGE)["id"])
    seat = {c["id"]: checkin.checkin(db, meeting, c["id"]) for c in (ada, eve, finn)}
    council_votes.cast(db, meeting, seat[finn["id"]], rnd["id"], "no")
    council_votes.cast(db, meeting, seat[eve["id"]], rnd["id"], "no")  # the same seat: one vote
    council_votes.cast(db, meeting, seat[ada["id"]], rnd["id"], "no")  # not as amended: no
    assert rounds.tally(db, rnd["id"]) == {"yes": 0, "no": 2, "abstain": 0}
    rounds.close_round(db, rnd["id"])
    bundle = district.export()
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(zipfile.ZipFile(io.BytesIO(bundle)).read("minutes.pdf"))
        ).pages
    )
    assert "How each assembly's delegate voted" in text and "The agenda, item by item" in text
    assert "Eve Fox" in text and "Must oppose" in text and "Support only as amended" in text
    assert not re.search(r"(Passed|Not passed|No decision): \1", text)  # the outcome, said once
    assert "Final vote" in text and "Consent round" not in text and "Fallback vote" not in text
    assert "Hand signals taught" not in text  # the assembly's checklist is not a council's
    sent = json.loads(zipfile.ZipFile(io.BytesIO(bundle)).read("minutes.json"))
    assert sent["process"]["checklist"] == []
    told = council_section(db, meeting)
    votes = {v["member"]: v for v in told["decisions"][0]["votes"]}
    assert votes["Hilltop"]["cast_by"] == "Eve Fox" and votes["Hilltop"]["item_version"] == 1
    assert "only as amended" in votes["Mill Lane"]["binding"]
    assert told["rights_decisions"][0]["member"] == "Hilltop"


def test_an_absent_delegate_is_reported_as_not_carried_out(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    ada = checkin.check_in(db, meeting, loop["mandates"]["mill"]["payload"], "delegate")
    rnd = items.open_round(db, meeting, item_named(district, OPEN)["id"])
    council_votes.cast(db, meeting, checkin.checkin(db, meeting, ada["id"]), rnd["id"], "yes")
    rounds.close_round(db, rnd["id"])
    result = loop["river"].take(district.export(), trust_new=True)
    items_ = reportbacks.get(loop["river"].db, result["report_backs"][0])["items"]
    assert items_[0]["council_did"].startswith("Passed: ")
    assert "Passed: Passed" not in items_[0]["council_did"]
    assert items_[0]["delegate_voted"] == "did not vote — not carried out: no delegate present"
    assert items_[1]["council_did"] == "It did not come to a vote at this meeting."


def test_a_member_without_a_vote_is_refused_and_the_record_says_why(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    eve = checkin.check_in(db, meeting, loop["mandates"]["hill"]["payload"], "delegate")
    rnd = items.open_round(db, meeting, item_named(district, FRIDGE)["id"])
    seat = checkin.checkin(db, meeting, eve["id"])
    with pytest.raises(Refused, match="may sit and listen"):
        council_votes.cast(db, meeting, seat, rnd["id"], "no")
    hill = members.member_named(db, "Hilltop")
    members.set_rights(db, meeting, hill["id"], "speak", "Notice was two days late")
    seat = checkin.checkin(db, meeting, eve["id"])
    with pytest.raises(Refused, match="may sit and speak, not vote .Notice was two days late."):
        council_votes.cast(db, meeting, seat, rnd["id"], "no")
    rounds.close_round(db, rnd["id"])
    told = council_section(db, meeting)
    assert told["rights_decisions"][0]["rights"] == "speak"
    [fridge] = [i for i in told["instructions"] if i["member"] == "Hilltop" and i["agenda_item"]]
    assert fridge["why_not"] == "the assembly had no vote here"


def test_a_newer_mandate_replaces_the_older_card(loop):
    mill, district = loop["mill"], loop["district"]
    newer = mill.elect(DISTRICT, "district", "Bea Ash", [bound(mill, OPEN, "abstain")])
    district.take(mill.export())
    statuses = {r["delegate"]: r["status"] for r in roll.rows(district.db, district.meeting)}
    assert statuses["Ada Brook"] == "replaced" and statuses["Bea Ash"] == "valid"
    with pytest.raises(Refused, match="newer mandate"):
        checkin.check_in(
            district.db, district.meeting, loop["mandates"]["mill"]["payload"], "delegate"
        )
    assert checkin.check_in(district.db, district.meeting, newer["payload"], "delegate")


def test_a_revoked_mandate_s_card_is_refused(loop):
    mill, district = loop["mill"], loop["district"]
    made = loop["mandates"]["mill"]
    identity.record_revocation(mill.db, mill.key, made["id"], 1_780_000_000)
    mill.db.table("mandates").update(made["id"], {"status": "revoked", "revoked_at": 1_780_000_000})
    assert district.take(mill.export())["applied"] == 1
    with pytest.raises(Refused, match="recalled"):
        checkin.check_in(district.db, district.meeting, made["payload"], "delegate")
    [row] = [r for r in roll.rows(district.db, district.meeting) if r["member"] == "Mill Lane"]
    assert row["status"] == "revoked"


# -- bad input -------------------------------------------------------------------------------------


def counts(kiosk: Kiosk) -> tuple:
    """Count what an import could change."""
    tables = (
        "bundles",
        "council_roll",
        "council_members",
        "council_proposals",
        "known_keys",
        "report_backs",
        "agenda_items",
        "agenda_in",
        "outcomes_in",
    )
    return tuple(kiosk.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)


def test_a_bundle_from_an_unregistered_assembly_is_refused_and_changes_nothing():
    stranger = Kiosk.assembly("Park Road")
    stranger.legitimate_meeting()
    stranger.put(DISTRICT, "district", OPEN)
    district = Kiosk.council(DISTRICT, "district")
    before = counts(district)
    with pytest.raises(Refused, match="“Park Road” is not a member of this council"):
        district.take(stranger.export(), trust_new=True)
    assert counts(district) == before


def test_two_assemblies_claiming_one_name_with_different_keys():
    real, impostor = Kiosk.assembly("Mill Lane"), Kiosk.assembly("Mill Lane")
    district = Kiosk.council(DISTRICT, "district")
    district.register(real)
    with pytest.raises(Refused, match="already a member"):
        district.register(impostor)
    district.take(real.export())
    before = counts(district)
    with pytest.raises(Refused, match="signed by another key"):
        district.take(impostor.export())
    assert counts(district) == before
    members.register(district.db, "Mill Lane", impostor.me["fingerprint"], again=True)
    assert district.take(impostor.export())["already"] is False
    with pytest.raises(Refused, match="signed by another key"):
        district.take(real.export())


def test_a_fingerprint_must_be_forty_hex_and_unique():
    district = Kiosk.council(DISTRICT, "district")
    with pytest.raises(Refused, match="40 letters and digits"):
        members.register(district.db, "Mill Lane", "ABCD 1234")
    one = Kiosk.assembly("Mill Lane")
    district.register(one)
    with pytest.raises(Refused, match="already registered to “Mill Lane”"):
        members.register(district.db, "Riverside", one.me["fingerprint"])


def test_a_council_bundle_into_the_wrong_assembly_is_refused(loop):
    district = loop["district"]
    meeting = district.meeting
    ada = checkin.check_in(district.db, meeting, loop["mandates"]["mill"]["payload"], "delegate")
    rnd = items.open_round(district.db, meeting, item_named(district, CLOSE)["id"])
    seat = checkin.checkin(district.db, meeting, ada["id"])
    council_votes.cast(district.db, meeting, seat, rnd["id"], "no")
    rounds.close_round(district.db, rnd["id"])
    outsider = Kiosk.assembly("Park Road")
    before = counts(outsider)
    with pytest.raises(Refused, match="does not report to this assembly"):
        outsider.take(district.export(), trust_new=True)
    assert counts(outsider) == before


def test_a_card_that_is_not_a_card_or_is_forged_is_refused(loop):
    district = loop["district"]
    good = loop["mandates"]["mill"]["payload"]
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for bad, words in (("hello", "not a mandate card"), (forged, "altered or forged")):
        with pytest.raises(Refused, match=words):
            checkin.check_in(district.db, district.meeting, bad, "delegate")
    assert checkin.checkins(district.db, district.meeting["id"]) == []


def test_an_assembly_data_folder_does_not_become_a_council(loop):
    with pytest.raises(Refused, match="data folder of its own"):
        identity.become(loop["mill"].db, "council", "district")


# -- one level up: a county council of two district councils ---------------------------------------

COUNTY, BUSES = "Shire County Council", "Bus lanes on the A10"


def district_with(name: str, assemblies: list[str]) -> Kiosk:
    """A district council whose member assemblies' delegates are on its roll and checked in."""
    district = Kiosk.council(name, "district")
    for assembly_name in assemblies:
        member = Kiosk.assembly(assembly_name)
        member.legitimate_meeting()
        member.put(name, "district", f"{assembly_name} asks for safer crossings")
        district.register(member)
        district.take(member.export())
        member.take(district.publish(), trust_new=True)
        item = member.received(f"{assembly_name} asks for safer crossings")
        made = member.elect(
            name,
            "district",
            f"{assembly_name} delegate",
            [{"agenda_uid": item["uid"], "position": "must_support"}],
        )
        district.take(member.export())
        checkin.check_in(district.db, district.meeting, made["payload"], "delegate")
    return district


def test_a_county_council_of_two_district_councils():
    east = district_with("East District", ["Ash", "Elm"])
    west = district_with("West District", ["Oak", "Yew"])
    east.put(COUNTY, "county", BUSES)  # decided by the district's seats, in a consent round
    county = Kiosk.council(COUNTY, "county")
    for district in (east, west):
        county.register(district, kind="council")
        county.take(district.export())
    published = county.publish()
    positions = {"East District": ("must_support", ""), "West District": ("free", "if routes stay")}
    for district in (east, west):
        district.take(published, trust_new=True)
        position, limits = positions[district.name]
        district.elect(
            COUNTY,
            "county",
            f"{district.name} delegate",
            [bound(district, BUSES, position, limits=limits)],
        )
        assert county.take(district.export())["added"] == [f"{district.name} delegate"]
    by_name = {m["name"]: m for m in members.members(county.db)}
    assert by_name["East District"]["kind"] == "council"
    assert (
        "2 of its 2 voting members meet the standard"
        in (by_name["East District"]["legitimacy"]["summary"])
    )
    db, meeting = county.db, county.meeting
    seats = {}
    for row in roll.rows(db, meeting):
        found = checkin.check_in(db, meeting, row["payload"], "delegate")
        seats[row["member"]] = checkin.checkin(db, meeting, found["id"])
    [item] = agenda.items(db, meeting)
    assert item["sources"][0]["member"] == "East District"
    rnd = items.open_round(db, meeting, item["id"])
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, seats["East District"], rnd["id"], "no")
    council_votes.cast(db, meeting, seats["East District"], rnd["id"], "yes")
    council_votes.cast(db, meeting, seats["West District"], rnd["id"], "abstain")
    assert rounds.close_round(db, rnd["id"])["outcome"] == "passed"
    bundle = county.export()
    told = east.take(bundle, trust_new=True)
    [line] = reportbacks.get(east.db, told["report_backs"][0])["items"]
    assert line["delegate_voted"] == "Yes (cast by East District delegate)"
    assert told["outcomes"] == 1  # East's own proposal: what happened to it
    told = west.take(bundle, trust_new=True)
    [line] = reportbacks.get(west.db, told["report_backs"][0])["items"]
    assert line["delegate_voted"] == "Abstain (cast by West District delegate)"
    assert (
        json.loads(west.db.execute("SELECT ours FROM outcomes_in").fetchone()[0]) == []
    )  # not West's proposal
    assert [m["status"] for m in mandates.listing(west.db)] == ["issued"]
