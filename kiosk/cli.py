"""Commands besides serving: bundles (`export-bundle`, `import-bundle FILE`), backups (`backup`,
`restore FILE`) and the assembly's key (`rotate-key`, `distrust-key KEY`).

Each opens the kiosk's data folder, does one thing, says what it did in plain words, and exits
0; a refusal prints "Not done: …" and exits 1.
"""

import functools
import os

import click
from flask import Flask

from kiosk import create_app
from kiosk.db import connect, init_db
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.exchange import export as bundle_export
from kiosk.exchange import imports as bundle_imports
from kiosk.meeting.meetings import current_meeting, get_meeting
from kiosk.trust import backup as backups
from kiosk.trust import folder, succession
from kiosk.words import N_

data_dir_option = click.option("--data-dir", help="the kiosk's data folder (default: instance/)")

CANNOT_READ = N_("Cannot read %(file)s: %(reason)s.")


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
        raise Refused(CANNOT_READ, file=file, reason=error.strerror) from error
    if size > bundles.MAX_BUNDLE:
        raise Refused(
            "%(file)s is %(size)s bytes: far too big to be a bundle.", file=file, size=f"{size:,}"
        )
    with open(file, "rb") as handle:
        data = handle.read()
    app = open_kiosk(data_dir)
    db = connect(app.config["DATABASE"])
    try:
        result = bundle_imports.import_any(db, data, trust_new=trust)
    finally:
        db.conn.close()
    click.echo(bundle_imports.said(result))


def data_folder(data_dir: str | None) -> str:
    """Return the data folder a command works on: the one given, or the kiosk's default."""
    return data_dir or os.path.join(os.path.dirname(os.path.dirname(__file__)), "instance")


def passphrase_from(path: str | None, ask: bool, twice: bool) -> str | None:
    """Read a passphrase from a file's first line, or ask for it, or return None."""
    if path:
        try:
            with open(path, encoding="utf-8") as f:
                words = f.readline().rstrip("\r\n")
        except OSError as error:
            raise Refused(CANNOT_READ, file=path, reason=error.strerror) from error
        if not words:
            raise Refused("%(file)s holds no passphrase on its first line.", file=path)
        return words
    if ask:
        return click.prompt("Passphrase", hide_input=True, confirmation_prompt=twice)
    return None


passphrase_options = [
    click.option("--passphrase-file", help="seal or open the backup with the passphrase in FILE"),
    click.option("--passphrase", "ask", is_flag=True, help="ask for the passphrase"),
]


def with_passphrase(command):
    """Add the passphrase options to a command."""
    for option in reversed(passphrase_options):
        command = option(command)
    return command


@click.command("backup")
@click.option("--to", "to", help="file or folder to write to (default: DATA_DIR/backups)")
@with_passphrase
@data_dir_option
@refusals_said
def backup(to: str | None, passphrase_file: str | None, ask: bool, data_dir: str | None) -> None:
    """Write one dated file holding the database (a consistent copy) and the keys."""
    folder_ = data_folder(data_dir)
    database = os.path.join(folder_, folder.DATABASE)
    if not os.path.exists(database):
        raise Refused("There is no assembly in %(folder)s to back up.", folder=folder_)
    name, data = backups.pack(folder_, database, passphrase_from(passphrase_file, ask, True))
    target = to or os.path.join(folder_, backups.AUTOMATIC)
    path = os.path.join(target, name) if os.path.isdir(target) or not to else target
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        backups.write_private(path, data)
    except OSError as error:
        raise Refused(
            "Cannot write %(file)s: %(reason)s.", file=path, reason=error.strerror
        ) from error
    sealed = "sealed with the passphrase" if name.endswith(".sealed") else "not sealed"
    click.echo(f"Wrote {path} ({len(data) // 1024 + 1} KB, {sealed}). Keep it somewhere safe.")


@click.command("restore")
@click.argument("file")
@with_passphrase
@data_dir_option
@refusals_said
def restore(file: str, passphrase_file: str | None, ask: bool, data_dir: str | None) -> None:
    """Put a backup back into a data folder (what was there is moved aside, not lost)."""
    try:
        with open(file, "rb") as f:
            data = f.read()
    except OSError as error:
        raise Refused(CANNOT_READ, file=file, reason=error.strerror) from error
    sealed = data.startswith(backups.SEALED)
    words = passphrase_from(passphrase_file, ask or (sealed and not passphrase_file), False)
    found = backups.restore(data, data_folder(data_dir), words)
    click.echo(
        f"Restored {found['name']} (key fingerprint {found['fingerprint']}, "
        f"{found['meetings']} meetings) into {data_folder(data_dir)}."
    )
    if found["aside"]:
        click.echo(f"What was there before is kept in {found['aside']}.")


def stopped_kiosk(data_dir: str | None):
    """Open a data folder no kiosk is running on, bringing its schema up to date."""
    folder_ = data_folder(data_dir)
    running = folder.held_by_another(folder_) if os.path.isdir(folder_) else None
    if running:
        raise Refused(
            "A kiosk is running on %(folder)s, at %(address)s: stop it first.",
            folder=folder_,
            address=running,
        )
    database = os.path.join(folder_, folder.DATABASE)
    if not folder.check_database(database):
        raise Refused(
            "There is no assembly in %(folder)s yet: start the kiosk there first.", folder=folder_
        )
    init_db(database)
    return folder_, connect(database)


@click.command("rotate-key")
@click.option("--lost", is_flag=True, help="the old key is lost or stolen: make a new one alone")
@data_dir_option
@refusals_said
def rotate_key(lost: bool, data_dir: str | None) -> None:
    """Give the assembly a new signing key, announced by the old one unless it was lost."""
    folder_, db = stopped_kiosk(data_dir)
    try:
        done = succession.rotate(db, folder_, lost=lost)
    finally:
        db.conn.close()
    click.echo(f"The assembly's new key has fingerprint {done['new']} (was {done['old']}).")
    if lost:
        click.echo(
            "The old key cannot vouch for it: ask each council to run "
            f"distrust-key {done['old'].replace(' ', '')} and to register the assembly again "
            "with the new fingerprint. Print new mandate cards."
        )
    else:
        click.echo("The next bundle carries the old key's announcement: councils take it as is.")


@click.command("distrust-key")
@click.argument("key")
@click.option("--reason", default="", help="why, for the record (such as: laptop stolen)")
@data_dir_option
@refusals_said
def distrust_key(key: str, reason: str, data_dir: str | None) -> None:
    """Stop trusting a key reported lost: its cards get a clear verdict, its bundles are refused."""
    database = os.path.join(data_folder(data_dir), folder.DATABASE)
    if not folder.check_database(database):
        raise Refused("There is no assembly in %(folder)s yet.", folder=data_folder(data_dir))
    init_db(database)
    db = connect(database)
    try:
        done = succession.distrust(db, key, reason)
    finally:
        db.conn.close()
    whose = f" ({done['name']})" if done["name"] else ""
    click.echo(f"Key {done['key_id']}{whose} is distrusted here from now on.")


@click.command("translations")
@click.option("--update", is_flag=True, help="find every message in the code and update each .po")
@click.option("--audience", multiple=True, help="update only this audience's catalogues")
def translations(update: bool, audience: tuple[str, ...]) -> None:
    """Print how complete each language's catalogues are (fuzzy: awaiting a native speaker)."""
    from kiosk import translating, words

    if update:
        for path in translating.update(list(audience)):
            click.echo(f"updated {path.relative_to(translating.ROOT)}")
    table = translating.completeness()
    click.echo(f"{'language':<20}" + "".join(f"{name:>24}" for name in translating.AUDIENCES))
    for code, counts in table.items():
        cells = "".join(f"{_share(count):>24}" for count in counts.values())
        click.echo(f"{code + ' ' + words.LANGUAGES[code].english:<20}{cells}")


def _share(count) -> str:
    """Say how much of a catalogue is translated: 120/129 93% (4 fuzzy)."""
    fuzzy = f" ({count.fuzzy} fuzzy)" if count.fuzzy else ""
    share = 100 * count.translated // count.total if count.total else 100
    return f"{count.translated}/{count.total} {share}%{fuzzy}"


commands = {
    command.name: command
    for command in (
        export_bundle,
        import_bundle,
        backup,
        restore,
        rotate_key,
        distrust_key,
        translations,
    )
}
