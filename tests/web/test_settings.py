"""Every setting the app reads has a line in the docs."""

from flask import Flask
from helpers import DOCS

from kiosk import create_app

PROTOCOL = DOCS / "protocol.md"
FLASK_OWN = {"SECRET_KEY", "TESTING", "DATABASE", "BASE_URL", "FACILITATOR_KEY", "GREETER_KEY"}


def test_every_kiosk_setting_is_documented(tmp_path):
    defaults = create_app({"DATA_DIR": str(tmp_path), "PUBLIC_URL": "http://k.test"}).config
    libraries = ("WTF_", "COMPRESS_")  # Flask-WTF's and Flask-Compress's own settings
    ours = {
        k
        for k in set(defaults) - set(Flask.default_config) - FLASK_OWN
        if not k.startswith(libraries)
    }
    text = PROTOCOL.read_text()
    assert ours, "no settings found"
    assert [name for name in sorted(ours) if f"`{name}`" not in text] == []
