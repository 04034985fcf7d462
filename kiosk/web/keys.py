"""Secrets kept in the data directory, so a restart keeps every cookie and link working."""

import os
import secrets

from flask import Flask


def load_or_create(path: str, nbytes: int = 24) -> str:
    """Return the secret stored at path, making and saving a new one on first run."""
    try:
        with open(path, encoding="ascii") as f:
            value = f.read().strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value + "\n")
    return value


def init_app(app: Flask) -> None:
    """Give the app its cookie-signing secret and the facilitator and greeter keys."""
    data_dir = app.config["DATA_DIR"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create(os.path.join(data_dir, "secret_key"))
    if not app.config.get("GREETER_KEY"):
        app.config["GREETER_KEY"] = load_or_create(os.path.join(data_dir, "greeter_key"), nbytes=9)
    if not app.config.get("FACILITATOR_KEY"):
        app.config["FACILITATOR_KEY"] = load_or_create(
            os.path.join(data_dir, "facilitator_key"), nbytes=9
        )
