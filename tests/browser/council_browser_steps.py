"""Steps shared by the council's browser tests: a member's loop, up to its delegate on the roll."""

from confederation import Kiosk
from liveserver import Room
from playwright.sync_api import expect

DISTRICT = "Hackney District Council"
FRIDGE = "Open a community fridge on Clarence Road"
LIBRARY = "Close the Mare Street library on Sundays"


def member_on_the_roll(room: Room, tmp_path) -> tuple[Kiosk, dict, object]:
    """Mill Lane's proposals go up, the agenda comes down, its mandate by item id goes up."""
    server = room.server
    mill = Kiosk.assembly("Mill Lane")
    mill.legitimate_meeting()
    mill.put(DISTRICT, "district", FRIDGE)
    mill.put(DISTRICT, "district", LIBRARY)
    first = tmp_path / "mill-lane-1.zip"
    first.write_bytes(mill.export())
    console = room.console()
    link = console.get_by_role("link", name="Council: members, roll, check-in…")
    expect(link).to_be_visible()
    page = console.context.new_page()
    page.goto(server.url + link.get_attribute("href"))
    expect(page.locator("h1")).to_have_text(DISTRICT)
    register = page.locator("#register")
    register.get_by_label("Name, as the member's console shows it").fill("Mill Lane")
    register.get_by_label("Key fingerprint").fill(mill.me["fingerprint"])
    register.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status")).to_have_text(
        "Registered “Mill Lane”. Its first bundle will pin its key."
    )
    page.set_input_files("#bundle", str(first))
    page.get_by_role("button", name="Verify and import").click()
    expect(page.locator("#import-result")).to_contain_text(f"Proposals to this council: {FRIDGE}")

    page.get_by_role("link", name="The agenda: members' proposals, publish, open rounds…").click()
    for _ in range(2):
        page.get_by_role("button", name="Put on the agenda").first.click()
        expect(page.get_by_role("status")).to_have_text("The proposal is on the agenda.")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Published edition 1 of the agenda")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the signed agenda bundle").click()
    agenda = downloading.value.path().read_bytes()
    assert mill.take(agenda, trust_new=True)["agenda"]["items"] == 2
    made = mill.elect(
        DISTRICT,
        "district",
        "Ada Brook",
        [
            {"agenda_uid": mill.received(FRIDGE)["uid"], "position": "must_support"},
            {"agenda_uid": mill.received(LIBRARY)["uid"], "position": "must_oppose"},
        ],
        co_delegate="Ben Cole",
    )
    second = tmp_path / "mill-lane-2.zip"
    second.write_bytes(mill.export())
    page.goto(f"{server.url}/facilitate/council")
    page.set_input_files("#bundle", str(second))
    page.get_by_role("button", name="Verify and import").click()
    expect(page.locator("#import-result")).to_contain_text("On the roll now: Ada Brook.")
    expect(page.locator("#roll .status")).to_have_text("valid")
    return mill, made, console
