"""Council mode, scripted through the domain API: assemblies elect, a council meets, reports back.

Three assemblies elect delegates to a district council with different mandates and export their
bundles; the council registers and imports them, checks delegates in by their cards' payloads,
votes within their mandates, and exports; the assemblies import the report-backs. Then a county
council of two district councils does the same one level up.
"""

import io
import json
import zipfile

import pytest
from confederation import Kiosk
from helpers import DOCS
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from kiosk.council import members, roll
from kiosk.council import votes as council_votes
from kiosk.decisions import rounds
from kiosk.delegates import mandates, reportbacks
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.records.minutes_council import section as council_section
from kiosk.trust import identity

DISTRICT = "Hackney District Council"
FRIDGE = "Open a community fridge on Clarence Road"
LIBRARY = "Close the Mare Street library on Sundays"
SCHEMA = json.loads((DOCS / "minutes.schema.json").read_text())


def valid(minutes: dict) -> dict:
    """Check minutes match the published schema; return them."""
    Draft202012Validator(SCHEMA).validate(minutes)
    return minutes


@pytest.fixture
def confederation():
    """Three assemblies with mandates to the district, and the district council's kiosk."""
    mill, river, hill = (Kiosk.assembly(n) for n in ("Mill Lane", "Riverside", "Hilltop"))
    mill.legitimate_meeting()
    river.legitimate_meeting()
    # Hilltop holds its meeting without notice or outreach: it does not meet the standard
    made = {
        "mill": mill.elect(
            DISTRICT,
            "district",
            "Ada Brook",
            [(FRIDGE, "must_support", ""), (LIBRARY, "must_oppose", "")],
            co_delegate="Ben Cole",
        ),
        "river": river.elect(
            DISTRICT,
            "district",
            "Cai Dunn",
            [
                (FRIDGE, "free", "support it if it costs the district under £500"),
                (LIBRARY, "report_only", ""),
            ],
        ),
        "river_health": river.elect(
            "North Health Council",
            "themed",
            "Dee Ellis",
            [("Keep the walk-in centre open", "must_support", "")],
            theme="health",
        ),
        "hill": hill.elect(
            DISTRICT, "district", "Eve Fox", [(FRIDGE, "must_oppose", "")], co_delegate="Finn Gale"
        ),
    }
    district = Kiosk.council(DISTRICT, "district")
    for member in (mill, river, hill):
        district.register(member)
    imported = {
        k: district.take(k_.export())
        for k, k_ in (("mill", mill), ("river", river), ("hill", hill))
    }
    return {
        "mill": mill,
        "river": river,
        "hill": hill,
        "district": district,
        "mandates": made,
        "imported": imported,
    }


def payload(made: dict) -> str:
    """Return the QR payload printed on a mandate's card."""
    return made["payload"]


def open_vote(kiosk: Kiosk, text: str) -> dict:
    """Open a yes/no vote on new words: at a council, a final vote by simple majority."""
    rnd = rounds.open_round(kiosk.db, kiosk.meeting, text, "vote")
    assert (rnd["stage"], rnd["rule"]) == ("final", "majority")
    return rnd


def test_import_builds_the_roll_and_shows_legitimacy(confederation):
    district, imported = confederation["district"], confederation["imported"]
    assert imported["river"]["added"] == ["Cai Dunn"]
    assert imported["river"]["elsewhere"] == ["North Health Council"]  # not this council's
    on_roll = roll.rows(district.db, district.meeting)
    assert [(r["member"], r["delegate"], r["status"]) for r in on_roll] == [
        ("Hilltop", "Eve Fox", "valid"),
        ("Mill Lane", "Ada Brook", "valid"),
        ("Riverside", "Cai Dunn", "valid"),
    ]
    by_name = {m["name"]: m for m in members.members(district.db)}
    assert by_name["Mill Lane"]["meets_standard"] == 1 and by_name["Mill Lane"]["rights"] == "vote"
    assert by_name["Hilltop"]["meets_standard"] == 0
    assert by_name["Hilltop"]["rights"] == "sit" and by_name["Hilltop"]["needs_decision"]
    assert "Not yet shown to meet the standard" in by_name["Hilltop"]["legitimacy"]["summary"]
    again = district.take(confederation["mill"].export())
    assert again["added"] == []  # a later bundle carrying the same mandate adds nothing
    assert len(roll.rows(district.db, district.meeting)) == 3


def test_the_whole_district_flow_with_refused_votes_and_report_backs(confederation):
    c = confederation
    district, made = c["district"], c["mandates"]
    db, meeting = district.db, district.meeting
    hill_member = members.member_named(db, "Hilltop")
    with pytest.raises(Refused, match="Say why"):
        members.set_rights(db, meeting, hill_member["id"], "vote", "")
    members.set_rights(
        db, meeting, hill_member["id"], "vote", "Outreach under way; invited to vote"
    )

    ada = roll.check_in(db, meeting, payload(made["mill"]), "delegate")
    cai = roll.check_in(db, meeting, payload(made["river"]), "delegate")
    eve = roll.check_in(db, meeting, payload(made["hill"]), "delegate")
    finn = roll.check_in(db, meeting, payload(made["hill"]), "co_delegate")
    assert eve["seat_id"] == finn["seat_id"]  # one seat per assembly
    with pytest.raises(Refused, match="already checked in"):
        roll.check_in(db, meeting, payload(made["hill"]), "delegate")
    with pytest.raises(Refused, match="names no co-delegate"):
        roll.check_in(db, meeting, payload(made["river"]), "co_delegate")
    with pytest.raises(Refused, match="not on this council's roll"):
        roll.check_in(db, meeting, payload(made["river_health"]), "delegate")

    def seat(found):
        return roll.checkin(db, meeting, found["id"])

    fridge = open_vote(district, FRIDGE)
    shown = council_votes.for_phone(db, meeting, seat(ada), fridge)
    assert shown["position"] == "must_support" and "vote Yes" in shown["words"]
    with pytest.raises(Refused, match="must support .* “No” goes against it"):
        council_votes.cast(db, meeting, seat(ada), fridge["id"], "no")
    with pytest.raises(Refused, match="goes against it"):
        council_votes.cast(db, meeting, seat(ada), fridge["id"], "abstain")
    council_votes.cast(db, meeting, seat(ada), fridge["id"], "yes")
    council_votes.cast(db, meeting, seat(cai), fridge["id"], "yes")
    council_votes.cast(db, meeting, seat(finn), fridge["id"], "no")
    council_votes.cast(db, meeting, seat(eve), fridge["id"], "no")  # the same seat: one vote
    assert rounds.tally(db, fridge["id"]) == {"yes": 2, "no": 1, "abstain": 0}
    closed = rounds.close_round(db, fridge["id"])
    assert closed["outcome"] == "passed" and json.loads(closed["record"])["present"] == 3

    library = open_vote(district, LIBRARY)
    with pytest.raises(Refused, match="report only"):
        council_votes.cast(db, meeting, seat(cai), library["id"], "yes")
    assert council_votes.for_phone(db, meeting, seat(cai), library)["may_vote"] is False
    council_votes.cast(db, meeting, seat(ada), library["id"], "no")
    rounds.close_round(db, library["id"])
    with pytest.raises(Refused, match="Council votes are open"):
        rounds.open_round(db, meeting, "A secret matter", stage="final", visibility="secret")

    bundle = district.export()
    sent = bundles.verify(bundle)
    assert sent["kind"] == "council"
    told = valid(sent["minutes"])["council"]  # the record, as the schema in the docs says
    [fridge_decision, library_decision] = told["decisions"]
    assert [
        (v["member"], v["label"], v["cast_by"], v["position"]) for v in fridge_decision["votes"]
    ] == [
        ("Hilltop", "No", "Eve Fox", "must_oppose"),
        ("Mill Lane", "Yes", "Ada Brook", "must_support"),
        ("Riverside", "Yes", "Cai Dunn", "free"),
    ]
    assert fridge_decision["votes"][2]["limits"] == "support it if it costs the district under £500"
    assert told["rights_decisions"][0]["member"] == "Hilltop"
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(zipfile.ZipFile(io.BytesIO(bundle)).read("minutes.pdf"))
        ).pages
    )
    assert "How each assembly's delegate voted" in text and "Cast by" in text
    assert "Passed: Passed" not in text and "Round 1: Final vote" in text
    assert "Consent round" not in text and "Fallback vote" not in text
    assert "Hand signals taught" not in text  # the assembly's checklist is not a council's
    assert sent["minutes"]["process"]["checklist"] == []
    assert "Ada Brook" in text and "Must support" in text
    assert "2 of its" not in text and "3 members; 2 meet the standard" in text
    mill, river, hill = c["mill"], c["river"], c["hill"]
    with pytest.raises(Refused, match="signed by a council this kiosk does not know") as refusal:
        mill.take(bundle)  # the council's key is new to Mill Lane: check its fingerprint first
    assert "“Trust this sender's key” ticked" in str(refusal.value)
    assert "--trust" in str(refusal.value) and "register" not in str(refusal.value)
    result = mill.take(bundle, trust_new=True)
    assert result["already"] is False and len(result["report_backs"]) == 1
    report = reportbacks.get(mill.db, result["report_backs"][0])
    assert [(i["position"], i["delegate_voted"]) for i in report["items"]] == [
        ("must_support", "Yes (cast by Ada Brook)"),
        ("must_oppose", "No (cast by Ada Brook)"),
    ]
    assert report["items"][0]["council_did"].startswith("Passed: ")
    assert "Passed: Passed" not in report["items"][0]["council_did"]
    agenda_titles = [
        r["title"]
        for r in mill.db.query(
            "SELECT title FROM agenda_items WHERE meeting_id = ?", [mill.meeting["id"]]
        )
    ]
    assert "Report-back: Ada Brook (Hackney District Council)" in agenda_titles
    assert mill.take(bundle)["already"] is True  # a second import changes nothing

    told = river.take(bundle, trust_new=True)
    items = reportbacks.get(river.db, told["report_backs"][0])["items"]
    assert items[0]["delegate_voted"] == "Yes (cast by Cai Dunn)"
    assert items[1]["delegate_voted"] == "did not vote"  # report only: carried out by not voting
    hill_items = reportbacks.get(hill.db, hill.take(bundle, True)["report_backs"][0])["items"]
    assert hill_items[0]["delegate_voted"] == "No (cast by Eve Fox)"


def test_an_absent_delegate_is_reported_as_not_carried_out(confederation):
    c = confederation
    district = c["district"]
    db, meeting = district.db, district.meeting
    ada = roll.check_in(db, meeting, payload(c["mandates"]["mill"]), "delegate")
    fridge = open_vote(district, FRIDGE)
    council_votes.cast(db, meeting, roll.checkin(db, meeting, ada["id"]), fridge["id"], "yes")
    rounds.close_round(db, fridge["id"])
    result = c["river"].take(district.export(), trust_new=True)
    items = reportbacks.get(c["river"].db, result["report_backs"][0])["items"]
    assert items[0]["delegate_voted"] == "did not vote — not carried out: no delegate present"
    assert items[1]["council_did"] == "It did not come to a vote at this meeting."


def test_a_member_without_a_vote_is_refused_and_the_record_says_why(confederation):
    c = confederation
    district = c["district"]
    db, meeting = district.db, district.meeting
    eve = roll.check_in(db, meeting, payload(c["mandates"]["hill"]), "delegate")
    fridge = open_vote(district, FRIDGE)
    with pytest.raises(Refused, match="may sit and listen"):
        council_votes.cast(db, meeting, roll.checkin(db, meeting, eve["id"]), fridge["id"], "no")
    hill = members.member_named(db, "Hilltop")
    members.set_rights(db, meeting, hill["id"], "speak", "Notice was two days late")
    with pytest.raises(Refused, match="may sit and speak, not vote .Notice was two days late."):
        council_votes.cast(db, meeting, roll.checkin(db, meeting, eve["id"]), fridge["id"], "no")
    rounds.close_round(db, fridge["id"])
    told = council_section(db, meeting)
    assert told["rights_decisions"][0]["reason"] == "Notice was two days late"
    assert told["rights_decisions"][0]["rights"] == "speak"
    [hill_instruction] = [i for i in told["instructions"] if i["member"] == "Hilltop"]
    assert hill_instruction["why_not"] == "the assembly had no vote here"
    assert told["decisions"][0]["votes"] == []


def test_a_facilitator_links_an_item_whose_words_differ(confederation):
    c = confederation
    district = c["district"]
    db, meeting = district.db, district.meeting
    ada = roll.checkin(
        db, meeting, roll.check_in(db, meeting, payload(c["mandates"]["mill"]), "delegate")["id"]
    )
    rnd = open_vote(district, "Fund fridge on Clarence Rd from the ward budget")
    assert council_votes.for_phone(db, meeting, ada, rnd)["position"] is None
    council_votes.link(db, meeting, rnd["proposal_id"], ada["roll_id"], 1)
    assert council_votes.for_phone(db, meeting, ada, rnd)["position"] == "must_support"
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, ada, rnd["id"], "no")
    with pytest.raises(Refused, match="no such item"):
        council_votes.link(db, meeting, rnd["proposal_id"], ada["roll_id"], 9)


def test_a_revoked_mandate_s_card_is_refused_and_its_delegate_leaves_the_roll(confederation):
    c = confederation
    mill, district = c["mill"], c["district"]
    made = c["mandates"]["mill"]
    identity.record_revocation(mill.db, mill.key, made["id"], 1_780_000_000)
    mill.db.table("mandates").update(made["id"], {"status": "revoked", "revoked_at": 1_780_000_000})
    result = district.take(mill.export())
    assert result["applied"] == 1
    with pytest.raises(Refused, match="recalled"):
        roll.check_in(district.db, district.meeting, made["payload"], "delegate")
    [row] = [r for r in roll.rows(district.db, district.meeting) if r["member"] == "Mill Lane"]
    assert row["status"] == "revoked"


# -- bad input -------------------------------------------------------------------------------------


def counts(kiosk: Kiosk) -> tuple:
    """Count what an import could change."""
    tables = (
        "bundles",
        "council_roll",
        "council_members",
        "known_keys",
        "report_backs",
        "agenda_items",
    )
    return tuple(kiosk.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)


def test_a_bundle_from_an_unregistered_assembly_is_refused_and_changes_nothing():
    stranger = Kiosk.assembly("Park Road")
    stranger.legitimate_meeting()
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
    # the facilitator registers Mill Lane again (its key really changed): the new key pins
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


def test_a_council_bundle_into_the_wrong_assembly_is_refused(confederation):
    c = confederation
    district = c["district"]
    meeting = district.meeting
    ada = roll.check_in(district.db, meeting, payload(c["mandates"]["mill"]), "delegate")
    fridge = open_vote(district, FRIDGE)
    council_votes.cast(
        district.db, meeting, roll.checkin(district.db, meeting, ada["id"]), fridge["id"], "yes"
    )
    rounds.close_round(district.db, fridge["id"])
    bundle = district.export()
    outsider = Kiosk.assembly("Park Road")
    before = counts(outsider)
    with pytest.raises(Refused, match="does not report to this assembly"):
        outsider.take(bundle, trust_new=True)
    assert counts(outsider) == before


def test_a_card_that_is_not_a_card_or_is_forged_is_refused(confederation):
    c = confederation
    district = c["district"]
    good = payload(c["mandates"]["mill"])
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for bad, words in (("hello", "not a mandate card"), (forged, "altered or forged")):
        with pytest.raises(Refused, match=words):
            roll.check_in(district.db, district.meeting, bad, "delegate")
    assert roll.checkins(district.db, district.meeting["id"]) == []


def test_an_assembly_data_folder_does_not_become_a_council(confederation):
    with pytest.raises(Refused, match="data folder of its own"):
        identity.become(confederation["mill"].db, "council", "district")


# -- one level up: a county council of two district councils ---------------------------------------


def district_with(name: str, assemblies: list[tuple[str, str]]) -> tuple[Kiosk, list[Kiosk]]:
    """A district council whose member assemblies each mandate a delegate on the county item."""
    district = Kiosk.council(name, "district")
    members = []
    for assembly_name, position in assemblies:
        member = Kiosk.assembly(assembly_name)
        member.legitimate_meeting()
        member.elect(
            name, "district", f"{assembly_name} delegate", [("Bus lanes on the A10", position, "")]
        )
        district.register(member)
        district.take(member.export())
        members.append(member)
    return district, members


def test_a_county_council_of_two_district_councils():
    county_item = "Bus lanes on the A10"
    east, east_members = district_with(
        "East District", [("Ash", "must_support"), ("Elm", "must_support")]
    )
    west, west_members = district_with(
        "West District", [("Oak", "must_support"), ("Yew", "must_oppose")]
    )
    for district, position in ((east, "must_support"), (west, "free")):
        # the district meets: its members' delegates check in and the district elects its
        # delegate to the county with its own mandate, confirmed by the district's seats
        for row in roll.rows(district.db, district.meeting):
            roll.check_in(district.db, district.meeting, row["payload"], "delegate")
        district.elect(
            "Shire County Council",
            "county",
            f"{district.name} delegate",
            [
                (
                    county_item,
                    position,
                    "only if the district's bus routes are kept" if position == "free" else "",
                )
            ],
        )
    county = Kiosk.council("Shire County Council", "county")
    for district in (east, west):
        county.register(district, kind="council")
        result = county.take(district.export())
        assert result["added"] == [f"{district.name} delegate"]
    by_name = {m["name"]: m for m in members.members(county.db)}
    assert by_name["East District"]["kind"] == "council"
    assert by_name["East District"]["meets_standard"] == 1  # both its voting members meet it
    assert (
        "2 of its 2 voting members meet the standard"
        in by_name["East District"]["legitimacy"]["summary"]
    )

    db, meeting = county.db, county.meeting
    seats = {}
    for row in roll.rows(db, meeting):
        seats[row["member"]] = roll.checkin(
            db, meeting, roll.check_in(db, meeting, row["payload"], "delegate")["id"]
        )
    rnd = open_vote(county, county_item)
    with pytest.raises(Refused, match="goes against"):
        council_votes.cast(db, meeting, seats["East District"], rnd["id"], "no")
    council_votes.cast(db, meeting, seats["East District"], rnd["id"], "yes")
    council_votes.cast(db, meeting, seats["West District"], rnd["id"], "abstain")
    closed = rounds.close_round(db, rnd["id"])
    assert closed["outcome"] == "passed"
    bundle = county.export()
    told = east.take(bundle, trust_new=True)
    [item] = reportbacks.get(east.db, told["report_backs"][0])["items"]
    assert item["delegate_voted"] == "Yes (cast by East District delegate)"
    assert "West District" not in json.dumps(reportbacks.get(east.db, told["report_backs"][0]))
    told = west.take(bundle, trust_new=True)
    [item] = reportbacks.get(west.db, told["report_backs"][0])["items"]
    assert item["delegate_voted"] == "Abstain (cast by West District delegate)"
    # the report-back is on the district's next agenda; its own members are untouched
    assert [m["status"] for m in mandates.listing(west.db)] == ["issued"]
