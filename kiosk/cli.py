"""Commands besides serving: `python app.py export-bundle` and `python app.py import-bundle FILE`.

Each opens the kiosk's data folder as the server would, does one thing, says what it did in
plain words, and exits 0; a refusal prints "Not done: …" and exits 1.
"""

import functools
import os

import click
from flask import Flask

from kiosk import create_app
from kiosk.db import connect
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.exchange import export as bundle_export
from kiosk.exchange import imports as bundle_imports
from kiosk.meeting.meetings import current_meeting, get_meeting

data_dir_option = click.option("--data-dir", help="the kiosk's data folder (default: instance/)")


class NotDone(click.ClickException):
    """A refusal, said as the kiosk says it."""

    def show(self, file=None) -> None:
        """Print the refusal in one plain sentence."""
        click.echo(f"Not done: {self.message}", err=True)


def refusals_said(command):
    """Turn a refusal into "Not done: …" and exit status 1."""

    @functools.wraps(command)
    def wrapped(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Refused as refusal:
            raise NotDone(str(refusal)) from refusal

    return wrapped


def open_kiosk(data_dir: str | None) -> Flask:
    """Create the app on a data folder, as the server would."""
    config = {"PUBLIC_URL": "http://localhost"}
    if data_dir:
        config["DATA_DIR"] = data_dir
    return create_app(config)


@click.command("export-bundle")
@click.option("--meeting", help="the meeting's code (default: the running meeting)")
@click.option("--out", help="folder to write to (default: DATA_DIR/bundles)")
@data_dir_option
@refusals_said
def export_bundle(meeting: str | None, out: str | None, data_dir: str | None) -> None:
    """Sign and write a meeting's bundle for the councils."""
    app = open_kiosk(data_dir)
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            found = get_meeting(db, meeting) if meeting else current_meeting(db)
            name, data = bundle_export.build(
                db, found["id"], app.extensions["kiosk_key"], dict(app.config), say=click.echo
            )
    finally:
        db.conn.close()
    path = bundle_export.save(out or app.config["DATA_DIR"], name, data)
    if out:  # save() files bundles under bundles/; an explicit --out means that folder
        final = os.path.join(out, name)
        os.replace(path, final)
        path = final
    click.echo(f"Wrote {path} ({len(data) // 1024 + 1} KB).")


@click.command("import-bundle")
@click.argument("file")
@click.option("--trust", is_flag=True, help="pin the sender's key if this kiosk does not know it")
@data_dir_option
@refusals_said
def import_bundle(file: str, trust: bool, data_dir: str | None) -> None:
    """Verify and import a bundle from an assembly or a council."""
    try:
        size = os.path.getsize(file)
    except OSError as error:
        raise Refused(f"Cannot read {file}: {error.strerror}.") from error
    if size > bundles.MAX_BUNDLE:
        raise Refused(f"{file} is {size:,} bytes: far too big to be a bundle.")
    with open(file, "rb") as handle:
        data = handle.read()
    app = open_kiosk(data_dir)
    db = connect(app.config["DATABASE"])
    try:
        result = bundle_imports.import_any(db, data, trust_new=trust)
    finally:
        db.conn.close()
    click.echo(bundle_imports.said(result))


commands = {command.name: command for command in (export_bundle, import_bundle)}
