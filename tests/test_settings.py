"""Every setting the app reads has a line in the docs."""

import pathlib

from kiosk import create_app

DOCS = pathlib.Path(__file__).parent.parent / "docs" / "protocol.md"
FLASK_OWN = {"SECRET_KEY", "TESTING", "DATABASE", "BASE_URL", "FACILITATOR_KEY", "GREETER_KEY"}


def test_every_kiosk_setting_is_documented(tmp_path):
    defaults = create_app({"DATA_DIR": str(tmp_path), "PUBLIC_URL": "http://k.test"}).config
    flask_defaults = create_app.__globals__["Flask"].default_config
    ours = set(defaults) - set(flask_defaults) - FLASK_OWN
    text = DOCS.read_text()
    assert ours, "no settings found"
    assert [name for name in sorted(ours) if f"`{name}`" not in text] == []
