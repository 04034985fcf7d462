"""Assembly Kiosk: the live server for a neighbourhood people's assembly."""

import os


def create_app(test_config: dict | None = None):
    """Create and wire the kiosk application (a Flask app).

    Flask is imported here, not at the top, so that importing a plain module such as
    kiosk.dates (which printouts use) does not bring in the web server.
    """
    from flask import Flask

    from kiosk import web
    from kiosk.extensions import socketio
    from kiosk.trust import identity

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
        WORKERS=1,  # server processes on one port (app.py --workers)
        WORKER=0,  # which of them this one is
        MESSAGE_QUEUE=None,  # the Redis URL that links the workers' Socket.IO servers
        # The cookie: never sent by another site's forms, and only set when it changed (else the
        # answers to a page's own scripts and styles could overwrite a new form token).
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_REFRESH_EACH_REQUEST=False,
        WTF_CSRF_TIME_LIMIT=None,  # a form token lives as long as the browser's session
    )
    app.config.from_prefixed_env("KIOSK")
    if test_config is not None:
        app.config.from_mapping(test_config)

    os.makedirs(app.config["DATA_DIR"], exist_ok=True)
    app.config.setdefault("DATABASE", os.path.join(app.config["DATA_DIR"], "kiosk.db"))
    web.init_app(app)  # secrets, the database handle per request, blueprints and handlers
    app.extensions["kiosk_key"] = identity.start(app.config)
    socketio.init_app(app, **web.socketio_options(app.config))
    web.after_socketio(app, socketio.server)  # the votes' short path sits in front of it
    return app
