"""Start the Assembly Kiosk: `python app.py [--port 5000] [--data-dir DIR] [--public-url URL]`.

Other commands (`export-bundle`, `import-bundle FILE`, `backup`, `restore FILE`, `rotate-key`,
`distrust-key`) are listed by `python app.py --help`. A start that cannot go ahead says why in
one sentence and exits with status 2.
"""

import errno
import gc
import os
import socket
import sys
from dataclasses import dataclass, replace

import click

READ_BUFFER = 2048  # bytes each connection reads through (gevent's own is 8 KB)
# Commands load only when named, so that serving can patch gevent before Flask is imported.
COMMANDS = (
    "export-bundle",
    "import-bundle",
    "backup",
    "restore",
    "rotate-key",
    "distrust-key",
    "translations",
)


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
    rehearse: bool = False
    new_secrets: bool = False
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
    "--new-secrets",
    is_flag=True,
    help="make new cookie and link secrets where they are missing (phones check in again)",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    help="server processes on the one port (more than 1 starts redis-server to link them)",
)
@click.option("--redis", help="link the workers through this Redis (redis:// or unix:// URL)")
@click.option(
    "--rehearse",
    is_flag=True,
    help="practise the evening with a pretend crowd of phones (kept apart from the record)",
)
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
    config["NEW_SECRETS"] = options.new_secrets
    config["LOCK_ADDRESS"] = f"http://127.0.0.1:{options.port}"  # named to a second kiosk
    config["WORKERS"] = options.workers
    return config


def not_started(reason: object) -> int:
    """Say in one sentence why the kiosk did not start; return the exit status for that."""
    print(f"Not started: {reason}", file=sys.stderr, flush=True)
    return 2


def port_taken(port: int) -> bool:
    """Say whether another program already listens on this port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if sys.platform != "win32":  # as the server will: a port in TIME_WAIT is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1))
    return False


def start_app(options: Options, more: dict | None = None):
    """Create the app on its data folder, or return the sentence that says why not."""
    import sqlite3

    from kiosk import create_app
    from kiosk.errors import Refused

    try:
        app = create_app({**config_for(options), **(more or {})})
    except Refused as refusal:
        return None, str(refusal)
    except (OSError, sqlite3.Error) as error:  # anything the checks did not foresee
        return None, f"{error} (in the data folder {options.data_dir or 'instance/'})."
    if port_taken(options.port):
        return None, (
            f"port {options.port} is already in use by another program: stop it, "
            "or start the kiosk with another --port."
        )
    return app, None


def serve(options: Options) -> int | None:
    """Serve from this process, or from --workers processes on one port linked by Redis."""
    if options.workers == 1 and not options.redis:
        return serve_worker(options, None, 0, None)
    from kiosk import workers
    from kiosk.errors import Refused

    if options.workers > 1 and not (hasattr(os, "fork") and hasattr(socket, "SO_REUSEPORT")):
        return not_started("--workers needs Linux or macOS; start the kiosk without it.")
    if port_taken(options.port):
        return not_started(
            f"port {options.port} is already in use by another program: stop it, "
            "or start the kiosk with another --port."
        )
    options = replace(options, data_dir=options.data_dir or workers.DEFAULT_DATA_DIR)
    try:  # the parent holds the data folder for all its workers
        lock = workers.hold_folder(options.data_dir, config_for(options)["LOCK_ADDRESS"])
    except Refused as refusal:
        return not_started(refusal)
    redis, url, folder = None, options.redis, None
    if url is None:
        try:
            redis, url, folder = workers.start_redis()
        except RuntimeError as error:
            return not_started(f"{error}.")
    try:
        return workers.Workers(
            options.workers, lambda n, ready: serve_worker(options, url, n, ready)
        ).run()
    finally:
        lock.handle.close()
        if redis is not None:
            workers.stop_redis(redis, folder)


def leave_out_clients(redis: bool) -> None:
    """Keep libraries only a client would use out of this server process.

    python-engineio and python-socketio import the HTTP and websocket libraries of their own
    clients whenever those are installed (the tests and benchmarks install them), and Redis's
    whenever it is: about 20 MB of memory a one-process kiosk never uses. A module set to None
    is one Python treats as not installed; the kiosk needs only Redis, and only to link workers.
    """
    for name in ("requests", "aiohttp", "websocket") + (("redis",) if redis else ()):
        if name not in sys.modules:
            sys.modules[name] = None


def connection_handler():
    """Return gevent-websocket's handler class, reading each connection through a smaller buffer.

    gevent's WSGI server reads each connection through an 8 KB buffer, kept for as long as the
    connection lasts: a phone's websocket lasts the evening, and its frames are a few hundred
    bytes (a longer one is read past the buffer, straight into place). 2 KB holds a request's
    headers or a burst of a phone's frames, and saves megabytes across a hall.
    """
    from geventwebsocket.handler import WebSocketHandler

    class Handler(WebSocketHandler):
        def __init__(self, sock, address, server):
            super().__init__(sock, address, server)
            self.rfile.close()  # the 8 KB one, before it has read anything
            self.rfile = sock.makefile("rb", READ_BUFFER)

    return Handler


def serve_worker(options: Options, queue: str | None, number: int, ready) -> int | None:
    """Create the app in this process and serve on all interfaces until stopped.

    `queue` is the Redis URL linking several workers (None for one process); worker 0 prints
    the links and opens the browser; `ready` (a pipe) hears a byte once this worker serves.
    """
    from gevent import monkey

    monkey.patch_all()
    leave_out_clients(redis=queue is None)
    from gevent import pywsgi

    from kiosk import workers

    several = options.workers > 1 or queue is not None
    more = {"MESSAGE_QUEUE": queue, "WORKER": number}
    if several:
        more["LOCK_ADDRESS"] = None  # the parent process holds the folder for every worker
    app, refusal = start_app(options, more) if number == 0 or not several else _app(options, more)
    if refusal:
        return not_started(refusal)
    from kiosk.errors import Refused
    from kiosk.web.live.rehearsal import at_start

    rehearsing = ""
    if number == 0:  # one worker begins (or ends) a rehearsal and steps its crowd
        try:
            rehearsing = at_start(app, options.rehearse)
        except Refused as refusal:
            return not_started(refusal)
    limit = raise_open_files_limit()
    # Thousands of phones make thousands of small objects per burst; collecting the youngest
    # generation less often, and freezing what start-up made, keeps pauses out of a vote.
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)
    try:
        listener = workers.listen("0.0.0.0", options.port, shared=options.workers > 1)
    except OSError as error:  # the port was taken between the check and now
        return not_started(f"port {options.port} could not be opened: {error.strerror}.")
    server = pywsgi.WSGIServer(
        socket.socket(fileno=listener.detach()),  # a gevent socket, now that gevent patched
        app,
        handler_class=connection_handler(),
        log="default" if options.access_log else None,
    )
    server.start()
    if number == 0:
        welcome(app, options, queue, limit, rehearsing)
    if ready is not None:
        os.write(ready, b"1")
        os.close(ready)
    server.serve_forever()
    return None


def _app(options: Options, more: dict):
    """Create a later worker's app (the first one checked the folder and the port)."""
    from kiosk import create_app

    return create_app({**config_for(options), **more}), None


def welcome(app, options: Options, queue: str | None, limit: int, rehearsing: str = "") -> None:
    """Print the links and the join QR, and open the console in this laptop's browser."""
    from kiosk.extensions import socketio

    print(banner(app), flush=True)
    if options.workers > 1:
        print(f"  {options.workers} workers, linked by Redis at {queue}", flush=True)
    if rehearsing:
        print(rehearsing, flush=True)
    if limit and limit < 4096:
        print(
            f"  Note: this process may open only {limit} files; that caps the phones it can serve.",
            flush=True,
        )
    if not options.no_browser:
        import webbrowser

        from kiosk.web.links import facilitator_url

        with app.app_context():
            url = facilitator_url(f"http://127.0.0.1:{options.port}")
        socketio.start_background_task(webbrowser.open, url)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        status = cli.main(args=argv, prog_name="app.py", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        return 1
    return status if isinstance(status, int) else 0  # ctx.exit(n) comes back as n


if __name__ == "__main__":
    sys.exit(main())
