"""The command line for bundles: `python app.py export-bundle` and `python app.py import-bundle`."""

import argparse
import os
import sys

from . import bundle_export, bundles, council_bundles
from .db import connect
from .errors import Refused
from .meetings import current_meeting, get_meeting

COMMANDS = ("export-bundle", "import-bundle")


def parse(argv: list[str]) -> argparse.Namespace:
    """Read a bundle command's options."""
    parser = argparse.ArgumentParser(prog="app.py", description="Move minutes between kiosks.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export-bundle", help="sign and write tonight's bundle")
    export.add_argument("--meeting", help="the meeting's code (default: the running meeting)")
    export.add_argument("--out", help="folder to write to (default: DATA_DIR/bundles)")
    imported = commands.add_parser("import-bundle", help="verify and import a bundle file")
    imported.add_argument("file")
    imported.add_argument(
        "--trust",
        action="store_true",
        help="pin the sender's key if this kiosk does not know it yet",
    )
    for sub in (export, imported):
        sub.add_argument("--data-dir", help="the kiosk's data folder (default: instance/)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run a bundle command; print progress and a plain result; return the exit code."""
    from . import create_app

    args = parse(argv)
    config = {"PUBLIC_URL": "http://localhost"}
    if args.data_dir:
        config["DATA_DIR"] = args.data_dir
    try:
        app = create_app(config)
        with app.app_context():
            db = connect(app.config["DATABASE"])
            try:
                return (
                    _export(app, db, args) if args.command == "export-bundle" else _import(db, args)
                )
            finally:
                db.conn.close()
    except Refused as refusal:
        print(f"Not done: {refusal}", file=sys.stderr)
        return 1


def _export(app, db, args) -> int:
    """Export a meeting's bundle and say where it went."""
    meeting = get_meeting(db, args.meeting) if args.meeting else current_meeting(db)
    name, data = bundle_export.build(
        db,
        meeting["id"],
        app.extensions["kiosk_key"],
        dict(app.config),
        say=lambda m: print(m, flush=True),
    )
    path = bundle_export.save(args.out or app.config["DATA_DIR"], name, data)
    if args.out:  # save() files bundles under bundles/; an explicit --out means that folder
        final = os.path.join(args.out, name)
        os.replace(path, final)
        path = final
    print(f"Wrote {path} ({len(data) // 1024 + 1} KB).")
    return 0


def _import(db, args) -> int:
    """Verify and import a bundle file and say what happened."""
    try:
        size = os.path.getsize(args.file)
    except OSError as error:
        raise Refused(f"Cannot read {args.file}: {error.strerror}.") from error
    if size > bundles.MAX_BUNDLE:
        raise Refused(f"{args.file} is {size:,} bytes: far too big to be a bundle.")
    with open(args.file, "rb") as handle:
        result = council_bundles.import_any(db, handle.read(), trust_new=args.trust)
    print(council_bundles.said(result))
    return 0
