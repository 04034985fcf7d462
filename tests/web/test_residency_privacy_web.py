"""Over the wire: the phone's postcode, needs and notice; the desk's sheet lines; the console's
area, languages and privacy settings; finding, erasing and exporting a person's details."""

import json
import re

import pytest
from helpers import events, last, ok, refused, rows

AREA = {"area": ["M14 5", "M14 6"], "languages": ["Polish", "cy"], "retention_days": 200}


def post_check_in(client, code: str, **form):
    """Check a phone in with any fields of the form."""
    return client.post(f"/m/{code}/check-in", data={"first_time": "no", **form})


def test_the_check_in_page_asks_only_what_it_needs_and_says_why(client, code, console):
    page = client.get(f"/m/{code}").data.decode()
    assert 'name="resident"' in page and 'name="postcode"' not in page  # no area: their word
    assert "Your details" in page and "days after the meeting" in page
    assert 'name="need" value="step_free"' in page and 'name="access_note"' in page
    ok(console, "assembly_settings", AREA)
    page = client.get(f"/m/{code}").data.decode()
    assert 'name="postcode"' in page and 'name="resident"' not in page
    assert "never your full postcode" in page and "200 days after the meeting" in page
    assert "style=" not in page and "<script>" not in page


def test_a_phone_gives_a_postcode_and_needs_and_only_the_sector_is_kept(app, client, code, console):
    ok(console, "assembly_settings", AREA)
    reply = post_check_in(
        client, code, postcode="m14 6xy", need=["bsl", "childcare"], access_note="A quiet seat"
    )
    assert reply.status_code == 302
    stored = rows(app, "SELECT * FROM attendees")[0]
    assert (stored["postcode_sector"], stored["residency"], stored["resident"]) == (
        "M14 6",
        "inside",
        1,
    )
    assert "6XY" not in json.dumps(rows(app, "SELECT * FROM attendees")).upper()
    assert sorted(r["need"] for r in rows(app, "SELECT need FROM access_needs")) == [
        "bsl",
        "childcare",
    ]
    mine = json.loads(client.get(f"/m/{code}/my-data.json").data)
    assert mine["postcode_sector"] == "M14 6" and mine["access_note"] == "A quiet seat"
    assert mine["access_needs"] == ["BSL interpreter", "Childcare"]


def test_a_bad_postcode_is_refused_with_the_form_kept(app, client, code, console):
    ok(console, "assembly_settings", AREA)
    reply = post_check_in(client, code, display_name="Ann", postcode="hello", need=["bsl"])
    page = reply.data.decode()
    assert reply.status_code == 400 and "does not look like a UK postcode" in page
    assert 'value="Ann"' in page and re.search(r'value="bsl"\s+checked', page)
    assert rows(app, "SELECT COUNT(*) AS n FROM attendees")[0]["n"] == 0


def test_a_stranger_has_no_data_to_download(client, code):
    assert client.get(f"/m/{code}/my-data.json").status_code in (302, 400, 403)


def test_the_console_sets_the_assembly_and_a_refusal_changes_nothing(app, console):
    part = ok(console, "assembly_settings", {**AREA, "contact": "hello@riverside.example"})
    assembly = part["meeting_record"]["assembly"]
    assert assembly["area"] == ["M14 5", "M14 6"] and assembly["retention_days"] == 200
    assert [lang["code"] for lang in assembly["languages"]] == ["en", "pl", "cy"]
    assert all(lang["ready"] for lang in assembly["languages"])
    for bad, message in (
        ({"area": ["M14 5AB"]}, "never a full postcode"),
        ({"languages": ["Elvish"]}, "not a language"),
        ({"retention_days": 0}, "between 1 day"),
        ({"area": ["M1"], "retention_days": 99999}, "between 1 day"),
        ({"colour": "red"}, "not the assembly's"),
    ):
        assert message in refused(console, "assembly_settings", bad)
    again = ok(console, "meeting_record_sync")["meeting_record"]["assembly"]
    assert again == assembly


def test_the_desk_enters_sheet_lines_and_the_console_sees_the_counts(app, connect, console):
    greeter = app.test_client()
    greeter.get(f"/desk?key={app.config['GREETER_KEY']}")
    page = greeter.get("/desk").data.decode()
    assert "Your details" in page and 'id="sheets-section"' in page
    desk = connect(greeter, "desk")
    assert "Set the area" in refused(desk, "sign_in_line", {"postcode": "M14 5AA", "needs": []})
    ok(console, "assembly_settings", AREA)
    ok(desk, "without_phones", {"count": 3})
    ok(desk, "sign_in_line", {"postcode": "M14 5AA", "needs": ["hearing_loop"]})
    ok(desk, "sign_in_line", {"postcode": "", "needs": []})
    reply = ok(desk, "sign_in_line", {"postcode": "SW1A 1AA", "needs": []})
    assert reply["desk"]["sheets"]["lines"] == {"inside": 1, "outside": 1, "not_given": 1}
    assert "every one has a sheet line" in refused(
        desk, "sign_in_line", {"postcode": "M14 5AB", "needs": []}
    )
    assert "not among the choices" in refused(
        desk, "sign_in_line", {"postcode": "", "needs": ["x"]}
    )
    undone = ok(desk, "sign_in_line_undo")["desk"]["sheets"]
    assert undone["lines"]["outside"] == 0 and undone["last"]["residency"] == "not_given"
    card = ok(console, "meeting_record_sync")["meeting_record"]
    assert card["legitimacy"]["residency"]["on_paper"] == {
        "inside": 1,
        "outside": 0,
        "not_given": 1,
    }
    assert {n["key"]: n["count"] for n in card["access_needs"]["totals"]}["hearing_loop"] == 1
    assert "M14" not in json.dumps(rows(app, "SELECT * FROM sign_in_lines"))


def test_the_facilitator_finds_erases_and_exports_a_person(app, facilitator_client, console, phone):
    phone("Amira Khan")
    http, _ = phone("Bo")
    number = rows(app, "SELECT id FROM attendees WHERE display_name = 'Bo'")[0]["id"]
    found = ok(console, "attendee_find", {"words": "bo"})["found"]
    assert [f["id"] for f in found] == [number]
    data = facilitator_client.get(f"/facilitate/attendees/{number}/data.json")
    assert data.mimetype == "application/json" and json.loads(data.data)["name"] == "Bo"
    events(console, "meeting_record")
    erased = ok(console, "attendee_erase", {"attendee_id": number})
    assert erased["erased"] == {"id": number, "name": f"Attendee {number}"}
    assert last(console, "meeting_record") is not None
    assert "already erased" in refused(console, "attendee_erase", {"attendee_id": number})
    assert (
        json.loads(http.get(f"/m/{http.get('/healthz').get_json()['meeting']}/my-data.json").data)[
            "name"
        ]
        == f"Attendee {number}"
    )
    assert app.test_client().get(f"/facilitate/attendees/{number}/data.json").status_code == 403


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("assembly_settings", {"area": ["M14 5"]}),
        ("attendee_find", {"words": "Bo"}),
        ("attendee_erase", {"attendee_id": 1}),
    ],
)
def test_only_the_facilitator_may_change_the_assembly_or_touch_a_persons_details(
    client, connect, phone, event, payload
):
    _, phone_socket = phone("Bo")
    for sock in (phone_socket, connect(client)):
        assert refused(sock, event, payload)
