"""Start the Assembly Kiosk: `python app.py [--port 5000] [--data-dir DIR] [--public-url URL]`.

Other commands (`export-bundle`, `import-bundle FILE`) are listed by `python app.py --help`.
"""

import gc
import os
import socket
import sys
from dataclasses import dataclass

import click

# Commands load only when named, so that serving can patch gevent before Flask is imported.
COMMANDS = ("export-bundle", "import-bundle")


@dataclass(frozen=True)
class Options:
    """How to serve: what the command line said."""

    port: int = 5000
    data_dir: str | None = None
    public_url: str | None = None
    no_browser: bool = False
    access_log: bool = False
    council: str | None = None
    theme: str | None = None
    name: str | None = None
    workers: int = 1
    redis: str | None = None


class Kiosk(click.Group):
    """The kiosk's command line: serving by default, other commands loaded when named."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Name the commands without importing them."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Import a command only when it is asked for."""
        if name not in COMMANDS:
            return None
        from kiosk.cli import commands

        return commands[name]


def _web_address(_ctx, _param, value: str | None) -> str | None:
    """Refuse a public URL that a phone could not open."""
    if value and not value.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://")
    return value


@click.group(cls=Kiosk, invoke_without_command=True)
@click.option("--port", type=click.IntRange(1, 65535), default=5000, help="port to listen on")
@click.option("--data-dir", help="folder for the database, keys and generated files")
@click.option(
    "--public-url",
    callback=_web_address,
    help="the address phones should use, if not this laptop's LAN address",
)
@click.option("--no-browser", is_flag=True, help="do not open the console in this browser")
@click.option("--access-log", is_flag=True, help="print every request")
@click.option(
    "--council",
    type=click.Choice(["district", "county", "themed"]),
    help="run a council of delegates (from a data folder of its own), not an assembly",
)
@click.option("--theme", help="a themed council's theme, such as health")
@click.option("--name", help="the assembly's or council's name")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    help="server processes on the one port (more than 1 starts redis-server to link them)",
)
@click.option("--redis", help="link the workers through this Redis (redis:// or unix:// URL)")
@click.pass_context
def cli(ctx: click.Context, **given) -> None:
    """Run a neighbourhood assembly from this laptop."""
    if ctx.invoked_subcommand is not None:
        return
    options = Options(**given)
    if options.council == "themed" and not (options.theme or "").strip():
        raise click.UsageError("a themed council needs --theme, such as --theme health")
    ctx.exit(serve(options) or 0)


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
    from kiosk.meeting.meetings import current_meeting
    from kiosk.web.links import facilitator_url, join_url
    from kiosk.web.qr import qr_terminal

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


def config_for(options: Options) -> dict:
    """Turn the command line into the app's settings."""
    config = {"PORT": options.port, "PUBLIC_URL": options.public_url, "ASYNC_MODE": "gevent"}
    if options.data_dir:
        config["DATA_DIR"] = options.data_dir
    if options.council:
        config.update(COUNCIL=options.council, COUNCIL_THEME=options.theme or "")
    if options.name:
        config["ASSEMBLY_NAME"] = options.name
    config["WORKERS"] = options.workers
    return config


def serve(options: Options) -> int | None:
    """Listen on the port; serve from this process, or from --workers processes linked by Redis."""
    from kiosk import workers

    several = options.workers > 1
    if several and not (hasattr(os, "fork") and hasattr(socket, "SO_REUSEPORT")):
        print("Not started: --workers needs Linux or macOS; run one process.", file=sys.stderr)
        return 2
    try:
        listener = workers.listen("0.0.0.0", options.port, shared=several)
    except OSError as error:
        print(f"Not started: port {options.port} is in use ({error.strerror}).", file=sys.stderr)
        return 2
    if not several and not options.redis:
        return serve_worker(options, listener, None, 0, None)
    if several:  # each worker listens on a socket of its own
        listener.close()
        listener = None
    redis, url, folder = None, options.redis, None
    if url is None:
        try:
            redis, url, folder = workers.start_redis()
        except RuntimeError as error:
            print(f"Not started: {error}.", file=sys.stderr)
            return 2
    try:
        return workers.Workers(
            options.workers, lambda n, ready: serve_worker(options, listener, url, n, ready)
        ).run()
    finally:
        if redis is not None:
            workers.stop_redis(redis, folder)


def serve_worker(options: Options, listener, queue: str | None, number: int, ready) -> int | None:
    """Create the app in this process and serve the listening socket until stopped.

    `queue` is the Redis URL linking several workers (None for one process); worker 0 prints
    the links and opens the browser; `ready` (a pipe) hears a byte once this worker serves.
    """
    from gevent import monkey

    monkey.patch_all()
    from gevent import pywsgi
    from geventwebsocket.handler import WebSocketHandler

    from kiosk import create_app, workers
    from kiosk.errors import Refused
    from kiosk.extensions import socketio

    try:
        app = create_app({**config_for(options), "MESSAGE_QUEUE": queue, "WORKER": number})
    except Refused as refusal:
        print(f"Not started: {refusal}", file=sys.stderr)
        return 2
    limit = raise_open_files_limit()
    # Thousands of phones make thousands of small objects per burst; collecting the youngest
    # generation less often, and freezing what start-up made, keeps pauses out of a vote.
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)
    if listener is None:
        listener = workers.listen("0.0.0.0", options.port, shared=True)
    server = pywsgi.WSGIServer(
        socket.socket(fileno=listener.detach()),  # a gevent socket, now that gevent patched
        app,
        handler_class=WebSocketHandler,
        log="default" if options.access_log else None,
    )
    server.start()
    if number == 0:
        print(banner(app), flush=True)
        if options.workers > 1:
            print(f"  {options.workers} workers, linked by Redis at {queue}", flush=True)
        if limit and limit < 4096:
            print(f"  Note: this process may open only {limit} files; that caps the phones.")
        if not options.no_browser:
            import webbrowser

            from kiosk.web.links import facilitator_url

            with app.app_context():
                url = facilitator_url(f"http://127.0.0.1:{options.port}")
            socketio.start_background_task(webbrowser.open, url)
    if ready is not None:
        os.write(ready, b"1")
        os.close(ready)
    server.serve_forever()
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        cli.main(args=argv, prog_name="app.py", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
