"""The invitation: catalogues per language (no code to add one), the facts it needs, the log."""

import shutil

import pytest

from kiosk.errors import Refused
from kiosk.meeting import residency
from kiosk.records import invitation
from kiosk.records import meeting_record as record

ASSEMBLY = {"name": "Fallowfield People's Assembly", "area": "Fallowfield"}
JOIN = "http://kiosk.test:5000/m/"


@pytest.fixture
def ready(db, meeting):
    """A meeting with its date, time, venue, access and childcare recorded."""
    record.set_details(
        db,
        meeting["id"],
        {
            "held_on": "2026-05-14",
            "starts_at": "19:00",
            "venue": "St Mark's Hall, Mill Lane",
            "access_features": ["Step-free access", "Ramp at the side door"],
            "childcare": "Free crèche",
        },
    )
    return meeting


def test_every_shipped_catalogue_is_complete_and_keeps_its_placeholders():
    assert invitation.translated()[0] == "en"
    assert {"pl", "cy", "ro"} <= set(invitation.translated())
    for code in invitation.translated():
        assert invitation.missing(code) == [], code


def test_the_template_lists_exactly_the_texts_the_code_uses():
    from babel.messages.pofile import read_po

    with (invitation.FOLDER / "invitation.pot").open("rb") as pot:
        ids = {m.id for m in read_po(pot) if m.id}
    assert ids == {*invitation.TEXTS.values(), *invitation.PHRASES}


def test_a_language_is_added_by_dropping_in_its_catalogue(db, tmp_path):
    shutil.copytree(invitation.FOLDER, tmp_path / "translations")
    folder = tmp_path / "translations"
    invitation.set_languages(db, "Spanish")
    assert [s["ready"] for s in invitation.statuses(db, folder)] == [True, False]
    spanish = folder / "es" / "LC_MESSAGES"
    spanish.mkdir(parents=True)
    po = (folder / "invitation.pot").read_text().replace('msgstr ""', 'msgstr "x %(area)s"', 3)
    (spanish / "invitation.po").write_text(po)
    assert invitation.statuses(db, folder)[1]["missing"] == len(invitation.missing("es", folder))
    assert invitation.missing("es", folder)  # incomplete, and two placeholders are wrong
    complete = (folder / "pl" / "LC_MESSAGES" / "invitation.po").read_text()
    (spanish / "invitation.po").write_text(complete.replace("Language: pl", "Language: es"))
    assert invitation.statuses(db, folder)[1] == {
        "code": "es",
        "name": "Spanish (español)",
        "ready": True,
        "missing": 0,
        "rtl": False,
    }


def test_languages_are_read_from_names_or_codes_and_english_is_always_there(db):
    assert invitation.set_languages(db, "Polish, cy\nro; polish") == ["en", "pl", "cy", "ro"]
    with pytest.raises(Refused, match="not a language"):
        invitation.set_languages(db, "Klingonese")
    assert invitation.languages(db) == ["en", "pl", "cy", "ro"]


def test_the_invitation_is_gathered_in_each_language_with_standard_lines_translated(db, ready):
    invitation.set_languages(db, "Welsh, Polish")
    found = invitation.gather(db, ready, ASSEMBLY, ["cy", "en", "so"], JOIN + ready["code"])
    assert [p["lang"] for p in found["pages"]] == ["cy", "en"]  # Somali has no catalogue
    welsh, english = found["pages"]
    assert welsh["texts"]["welcome"] == "Mae croeso i bawb sy'n byw yn Fallowfield."
    assert welsh["texts"]["starts"] == "Dydd Iau 14 Mai 2026, yn dechrau am 19:00"
    assert welsh["access"] == ["Mynediad heb risiau", "Ramp at the side door"]  # as typed
    assert welsh["childcare"] == "Meithrinfa am ddim"
    assert english["texts"]["welcome"] == "Everyone who lives in Fallowfield is welcome."
    assert english["texts"]["code"] == f"Meeting code: {ready['code']}"
    assert found["join_url"].endswith(ready["code"]) and not found["has_contact"]


def test_the_area_falls_back_to_its_postcodes(db, ready):
    residency.set_area(db, "M14 5, M14 6")
    found = invitation.gather(db, ready, {"name": "A", "area": ""}, ["en"], JOIN)
    assert found["pages"][0]["texts"]["welcome"] == "Everyone who lives in M14 5, M14 6 is welcome."


def test_no_invitation_without_the_date_and_venue(db, meeting):
    with pytest.raises(Refused, match="date and venue"):
        invitation.gather(db, meeting, ASSEMBLY, ["en"], JOIN)


def test_printing_is_counted_into_the_outreach_log(db, ready):
    logged = invitation.log_printing(db, ready["id"], "cards", 200, ["en", "pl"])
    assert (logged["kind"], logged["languages"]) == ("door_knocking", ["English", "Polish"])
    assert logged["detail"] == "Printed 200 door-knock cards from the kiosk"
    one = invitation.log_printing(db, ready["id"], "poster", 1, ["cy"])
    assert (one["kind"], one["detail"]) == ("posters", "Printed 1 A4 poster from the kiosk")
    assert len(record.outreach(db, ready["id"])) == 2
    with pytest.raises(Refused, match="between 1 and"):
        invitation.log_printing(db, ready["id"], "leaflet", 0, ["en"])
    with pytest.raises(Refused, match="poster, a leaflet"):
        invitation.log_printing(db, ready["id"], "billboard", 5, ["en"])
