"""The URLs the kiosk hands out: on the projector, in the terminal, in QR codes."""

from flask import current_app


def join_url(meeting: dict) -> str:
    """Return the URL a meeting's join QR carries."""
    return f"{current_app.config['BASE_URL']}/m/{meeting['code']}"


def facilitator_url(base_url: str | None = None) -> str:
    """Return the link that makes a browser the facilitator's."""
    base = base_url or current_app.config["BASE_URL"]
    return f"{base}/facilitate?key={current_app.config['FACILITATOR_KEY']}"


def greeter_url(base_url: str | None = None) -> str:
    """Return the link that makes a browser (a greeter's phone) the check-in desk."""
    base = base_url or current_app.config["BASE_URL"]
    return f"{base}/desk?key={current_app.config['GREETER_KEY']}"
