"""Secrets kept in the data directory, so a restart keeps every cookie and link working.

Made on first run. Where the folder already holds an assembly's record, a missing one is not
made again silently: every phone's cookie and the facilitator's link depend on it, so the kiosk
says which is missing and how to restore it, and makes new ones only when told (--new-secrets).
"""

import os
import secrets

from flask import Flask

from kiosk.errors import Refused
from kiosk.words import N_

SECRETS = {"SECRET_KEY": ("secret_key", 24), "GREETER_KEY": ("greeter_key", 9)}
SECRETS["FACILITATOR_KEY"] = ("facilitator_key", 9)


def read(path: str) -> str | None:
    """Return the secret stored at path, or None when there is none."""
    try:
        with open(path, encoding="ascii") as f:
            return f.read().strip() or None
    except FileNotFoundError:
        return None


def create(path: str, nbytes: int = 24) -> str:
    """Make a new secret and save it at path, readable by this user only."""
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value + "\n")
    return value


def init_app(app: Flask) -> None:
    """Give the app its cookie-signing secret and the facilitator and greeter keys."""
    data_dir = app.config["DATA_DIR"]
    wanted = {k: v for k, v in SECRETS.items() if not app.config.get(k)}
    found = {k: read(os.path.join(data_dir, name)) for k, (name, _) in wanted.items()}
    missing = [wanted[k][0] for k, value in found.items() if value is None]
    if missing and app.extensions.get("kiosk_history") and not app.config["NEW_SECRETS"]:
        raise Refused(
            N_(
                "%(files)s is missing from %(folder)s, which holds an assembly's record: restore "
                "the folder from a backup (python app.py restore FILE --data-dir %(folder)s), or "
                "start with --new-secrets to make new ones (phones then check in again, and the "
                "facilitator link changes)."
            )
            if len(missing) == 1
            else N_(
                "%(files)s are missing from %(folder)s, which holds an assembly's record: restore "
                "the folder from a backup (python app.py restore FILE --data-dir %(folder)s), or "
                "start with --new-secrets to make new ones (phones then check in again, and the "
                "facilitator link changes)."
            ),
            files=" and ".join(missing),
            folder=data_dir,
        )
    for setting, value in found.items():
        name, nbytes = wanted[setting]
        app.config[setting] = value or create(os.path.join(data_dir, name), nbytes)
