"""Assembly Kiosk: the live server for a neighbourhood people's assembly."""

import os

# The biggest Socket.IO message the kiosk reads. The largest text a field takes (20,000
# characters, 80 KB in UTF-8) fits with room to spare, so a person gets a plain answer; a
# bigger message closes its connection (docs/protocol.md).
MAX_EVENT = 256 * 1024


def create_app(test_config: dict | None = None):
    """Create and wire the kiosk application (a Flask app).

    Flask is imported here, not at the top, so that importing a plain module such as
    kiosk.dates (which printouts use) does not bring in the web server.
    """
    from flask import Flask

    from kiosk import web
    from kiosk.extensions import socketio
    from kiosk.trust import folder, identity

    app = Flask(__name__, instance_relative_config=True, root_path=os.path.dirname(__file__))
    app.template_folder = os.path.join(os.path.dirname(app.root_path), "templates")
    app.static_folder = os.path.join(os.path.dirname(app.root_path), "static")
    app.config.from_mapping(
        DATA_DIR=app.instance_path,
        PUBLIC_URL=None,
        PORT=5000,
        ASYNC_MODE="threading",
        TALLY_INTERVAL=0.1,  # while votes keep coming, counts go out at least this often
        TALLY_QUIET=0.015,  # and this long after the last vote of a burst
        SQLITE_SYNCHRONOUS="NORMAL",
        ASSEMBLY_NAME="Neighbourhood assembly",
        ASSEMBLY_AREA="",
        LEGITIMACY_RESIDENTS=150,
        NOTICE_DAYS=7,
        LEGITIMACY_WINDOW=3,
        COUNCIL="",
        COUNCIL_THEME="",
        REHEARSAL_TICK=1.5,  # seconds between the pretend crowd's steps (0: only by hand)
        REHEARSAL_ROOM=40,  # how many pretend phones a rehearsal fills the room with
        WORKERS=1,  # server processes on one port (app.py --workers)
        WORKER=0,  # which of them this one is
        MESSAGE_QUEUE=None,  # the Redis URL that links the workers' Socket.IO servers
        # The cookie: never sent by another site's forms, and only set when it changed (else the
        # answers to a page's own scripts and styles could overwrite a new form token).
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_REFRESH_EACH_REQUEST=False,
        WTF_CSRF_TIME_LIMIT=None,  # a form token lives as long as the browser's session
        BACKUPS_KEPT=10,  # automatic backups in DATA_DIR/backups when a meeting ends; 0: none
        NEW_SECRETS=False,  # make missing cookie and link secrets even where there is a record
    )
    app.config.from_prefixed_env("KIOSK")
    if test_config is not None:
        app.config.from_mapping(test_config)

    # The data folder first: private, held by this kiosk alone, its record whole (or refused).
    folder.prepare(app.config["DATA_DIR"])
    if app.config.get("LOCK_ADDRESS"):  # set when serving: commands may share a running folder
        app.extensions["kiosk_lock"] = folder.Lock(
            app.config["DATA_DIR"], app.config["LOCK_ADDRESS"]
        )
    app.config.setdefault("DATABASE", os.path.join(app.config["DATA_DIR"], folder.DATABASE))
    app.extensions["kiosk_history"] = folder.check_database(app.config["DATABASE"])
    web.init_app(app)  # secrets, the database handle per request, blueprints and handlers
    app.extensions["kiosk_key"] = identity.start(app.config)
    folder.make_private(app.config["DATA_DIR"])
    socketio.init_app(app, **web.socketio_options(app.config, max_event=MAX_EVENT))
    web.after_socketio(app, socketio.server)  # the votes' short path sits in front of it
    return app
