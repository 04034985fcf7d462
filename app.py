"""Start the Assembly Kiosk: `python app.py [--port 5000] [--data-dir DIR] [--public-url URL]`.

Also `python app.py export-bundle` and `python app.py import-bundle FILE` (see --help of each).
"""

import argparse
import gc
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Run a neighbourhood assembly from this laptop.")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument(
        "--data-dir",
        help="folder for the database, keys and generated files "
        "(default: the instance folder beside the code)",
    )
    parser.add_argument(
        "--public-url",
        help="the address phones should use, if not this "
        "laptop's LAN address (for example http://kiosk.local:5000)",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open the facilitator console in this laptop's browser",
    )
    parser.add_argument("--access-log", action="store_true", help="print every request")
    parser.add_argument(
        "--council",
        choices=("district", "county", "themed"),
        help="run a council of delegates from member assemblies, not an assembly "
        "(use a data folder of its own)",
    )
    parser.add_argument("--theme", help="a themed council's theme, such as health")
    parser.add_argument("--name", help="the assembly's or council's name")
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        parser.error("--public-url must start with http:// or https://")
    if args.council == "themed" and not (args.theme or "").strip():
        parser.error("a themed council needs --theme, such as --theme health")
    return args


def raise_open_files_limit() -> int:
    """Let one process hold a socket per phone: raise the soft open-files limit to the hard one."""
    try:
        import resource
    except ImportError:  # Windows has no such limit to raise
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for target in (hard, 1_048_576, 65_536, 10_240):
        if target == resource.RLIM_INFINITY or target <= soft:
            continue
        if hard != resource.RLIM_INFINITY and target > hard:
            continue
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return target
        except (ValueError, OSError):
            continue
    return soft


def banner(app) -> str:
    """Return what the terminal shows at start-up: links, and the join QR."""
    from kiosk.db import connect
    from kiosk.links import facilitator_url, join_url
    from kiosk.meetings import current_meeting
    from kiosk.qr import qr_terminal

    with app.app_context():
        db = connect(app.config["DATABASE"])
        meeting = current_meeting(db)
        db.conn.close()
        join = join_url(meeting)
        local = f"http://127.0.0.1:{app.config['PORT']}"
        return "\n".join(
            [
                qr_terminal(join),
                f"  Assembly Kiosk is running. Meeting code: {meeting['code']}",
                f"  Join (phones):      {join}",
                f"  Projector:          {local}/projector",
                f"  Facilitator link:   {facilitator_url(local)}",
                f"  Facilitator key:    {app.config['FACILITATOR_KEY']}",
                f"  Data folder:        {app.config['DATA_DIR']}",
                "  Stop with Ctrl+C.",
                "",
            ]
        )


def main(argv: list[str] | None = None) -> int | None:
    """Parse options, create the app, print the links and serve on all interfaces."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("export-bundle", "import-bundle"):
        from kiosk.bundle_cli import main as bundle_main

        return bundle_main(argv)
    args = parse_args(argv)
    from gevent import monkey

    monkey.patch_all()
    from kiosk import create_app, socketio
    from kiosk.errors import Refused

    config = {"PORT": args.port, "PUBLIC_URL": args.public_url, "ASYNC_MODE": "gevent"}
    if args.data_dir:
        config["DATA_DIR"] = args.data_dir
    if args.council:
        config.update(COUNCIL=args.council, COUNCIL_THEME=args.theme or "")
    if args.name:
        config["ASSEMBLY_NAME"] = args.name
    try:
        app = create_app(config)
    except Refused as refusal:
        print(f"Not started: {refusal}", file=sys.stderr)
        return 2
    limit = raise_open_files_limit()
    # Thousands of phones make thousands of small objects per burst; collecting the youngest
    # generation less often, and freezing what start-up made, keeps pauses out of a vote.
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)
    print(banner(app), flush=True)
    if limit and limit < 4096:
        print(
            f"  Note: this process may open only {limit} files; that caps the phones it can serve.",
            flush=True,
        )
    if not args.no_browser:
        import webbrowser

        from kiosk.links import facilitator_url

        with app.app_context():
            url = facilitator_url(f"http://127.0.0.1:{args.port}")
        socketio.start_background_task(webbrowser.open, url)
    socketio.run(app, host="0.0.0.0", port=args.port, log_output=args.access_log)


if __name__ == "__main__":
    sys.exit(main())
