"""The greeter's desk reads a mandate card with the laptop's own camera, in a real browser.

Chromium's fake camera plays a short video of the card's QR code; the desk page, opened on the
kiosk itself (loopback, so the browser allows the camera), sends frames to the kiosk, which reads
the code offline and shows whose card it is.
"""

import pytest
import qrcode
from council_browser_steps import DISTRICT, member_on_the_roll
from liveserver import LiveServer, Room
from PIL import Image
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser


@pytest.fixture
def council_server(tmp_path, monkeypatch):
    """A fresh kiosk run as a district council, with its own data folder and port."""
    monkeypatch.setenv("KIOSK_COUNCIL", "district")
    monkeypatch.setenv("KIOSK_ASSEMBLY_NAME", DISTRICT)
    with LiveServer(tmp_path / "data") as live:
        yield live


def fake_camera(payload: str, path) -> None:
    """Write a short video (YUV4MPEG2) of a card's QR code held up to the laptop's camera."""
    width, height = 640, 480
    code = qrcode.make(payload, box_size=4, border=4).convert("L")
    side = min(code.size[0], height - 40)
    frame = Image.new("L", (width, height), 255)
    frame.paste(code.resize((side, side)), ((width - side) // 2, (height - side) // 2))
    chroma = bytes([128]) * (width * height // 2)
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    with open(path, "wb") as out:
        out.write(header)
        for _ in range(5):
            out.write(b"FRAME\n" + frame.tobytes() + chroma)


def test_the_laptop_camera_reads_a_card_at_the_desk(council_server, chromium, tmp_path):
    server = council_server
    video = tmp_path / "card.y4m"
    with sync_playwright() as playwright:
        plain = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox"]
        )
        try:
            room = Room(plain, server)
            _mill, made, _console = member_on_the_roll(room, tmp_path)
            room.close()
        finally:
            plain.close()
        fake_camera(made["payload"], video)
        camera = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        try:
            context = camera.new_context(viewport={"width": 1280, "height": 800})
            context.grant_permissions(["camera"], origin=server.url)
            desk = context.new_page()
            desk.goto(server.facilitator_link)
            desk.goto(f"{server.url}/desk")
            desk.get_by_role("button", name="Use this laptop's camera").click()
            expect(desk.locator("#who h2")).to_have_text(
                "This is Mill Lane's card. Who has come?", timeout=20_000
            )
            expect(desk.get_by_role("button", name="Ben Cole the co-delegate")).to_be_visible()
            context.close()
        finally:
            camera.close()
