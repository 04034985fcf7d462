"""A phone in its person's language, in a real browser: Welsh from the browser's own setting,
Urdu right to left, and a language chosen at the foot of the page kept from page to page. The
facilitator opens the round over Socket.IO, as the console does."""

import pytest
from liveserver import PHONE_SCREEN, socket_facilitator
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def check_in(page, button: str) -> None:
    """Answer the check-in form and press its button, named in the page's language."""
    page.fill("#display_name", "Gwen")
    page.check("input[name=resident][value=yes]")
    page.check("input[name=first_time][value=no]")
    page.get_by_role("button", name=button).click()
    page.wait_for_selector("#connection.online")


def test_a_welsh_phone_checks_in_and_votes_in_welsh(room, server):
    phone = room.page(PHONE_SCREEN, locale="cy-GB")  # the browser asks for Welsh
    phone.goto(server.join_url)
    expect(phone.locator("html")).to_have_attribute("lang", "cy")
    expect(phone.locator("h1")).to_have_text("Croeso! 👋")
    check_in(phone, "Cofrestru")
    expect(phone.locator("#connection")).to_have_text("wedi cysylltu")
    expect(phone.locator("#round h2")).to_have_text("Dim i bleidleisio arno eto.")
    console = socket_facilitator(server)
    try:
        console.sio.call("open_round", {"text": "Plant trees", "kind": "consent"})
        votes = phone.locator("#round .vote-buttons button")
        expect(votes).to_have_text(["Cytuno", "Pryderon", "Sefyll o’r neilltu", "Blocio"])
        expect(phone.locator("#vote-status")).to_have_text(
            "Tapiwch un i bleidleisio. Gallwch ei newid nes bydd y rownd yn cau."
        )
        phone.get_by_role("button", name="Cytuno", exact=True).click()
        expect(phone.locator("#vote-status")).to_have_text(
            "Eich pleidlais: Cytuno — wedi’i chadw ✓"
        )
    finally:
        console.close()


def test_an_urdu_phone_reads_right_to_left(room, server):
    phone = room.page(PHONE_SCREEN, locale="ur-PK")
    phone.goto(server.join_url)
    html = phone.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ur")
    expect(phone.locator("h1")).to_have_text("خوش آمدید! 👋")
    check_in(phone, "چیک اِن کریں")
    expect(html).to_have_attribute("dir", "rtl")
    expect(phone.locator("#connection")).to_have_text("جڑا ہوا")
    console = socket_facilitator(server)
    try:
        console.sio.call("open_round", {"text": "Plant trees", "kind": "vote"})
        expect(phone.locator("#round .vote-buttons button")).to_have_text(
            ["ہاں", "نہیں", "غیر جانبدار"]
        )
    finally:
        console.close()


def test_a_language_chosen_with_the_switcher_sticks_across_pages(room, server):
    phone = room.page(PHONE_SCREEN, locale="en-GB")
    phone.goto(server.join_url)
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.locator("nav.languages").get_by_role("link", name="Polski").click()
    expect(phone.locator("html")).to_have_attribute("lang", "pl")
    assert phone.url.split("?")[0] == server.join_url  # the same page, in Polish
    check_in(phone, "Zarejestruj się")
    expect(phone.locator("html")).to_have_attribute("lang", "pl")  # the meeting page too
    expect(phone.locator("#connection")).to_have_text("połączono")
    phone.goto(server.join_url)  # back by the joining link: still Polish
    expect(phone.locator("h1")).to_have_text("Cześć, Gwen!")
    phone.locator("nav.languages").get_by_role("link", name="Română").click()
    expect(phone.locator("h1")).to_have_text("Bună, Gwen!")
    expect(phone.locator("nav.languages [aria-current=true]")).to_have_text("Română")
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "ro")
