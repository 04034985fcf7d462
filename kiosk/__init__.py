"""Assembly Kiosk: the live server for a neighbourhood people's assembly."""

import os

from flask import Flask
from flask_socketio import SocketIO

socketio = SocketIO()


def create_app(test_config: dict | None = None) -> Flask:
    """Create and wire the kiosk application."""
    app = Flask(__name__, instance_relative_config=True, root_path=os.path.dirname(__file__))
    app.template_folder = os.path.join(os.path.dirname(app.root_path), "templates")
    app.static_folder = os.path.join(os.path.dirname(app.root_path), "static")
    app.config.from_mapping(
        DATA_DIR=app.instance_path,
        PUBLIC_URL=None,
        PORT=5000,
        ASYNC_MODE="threading",
        TALLY_INTERVAL=0.1,
        SQLITE_SYNCHRONOUS="NORMAL",
        ASSEMBLY_NAME="Neighbourhood assembly",
        ASSEMBLY_AREA="",
        LEGITIMACY_RESIDENTS=150,
        NOTICE_DAYS=7,
        LEGITIMACY_WINDOW=3,
        COUNCIL="",
        COUNCIL_THEME="",
    )
    app.config.from_prefixed_env("KIOSK")
    if test_config is not None:
        app.config.from_mapping(test_config)

    from . import db, identity, keys, network, sessions

    app.session_interface = sessions.RememberingSessionInterface()

    os.makedirs(app.config["DATA_DIR"], exist_ok=True)
    app.config.setdefault("DATABASE", os.path.join(app.config["DATA_DIR"], "kiosk.db"))
    app.config["BASE_URL"] = network.base_url(app.config["PORT"], app.config["PUBLIC_URL"])
    keys.init_app(app)
    db.init_app(app)
    identity.init_app(app)

    from . import (
        agenda_live,  # noqa: F401 (registers its Socket.IO events)
        bundle_views,
        council_live,  # noqa: F401
        council_views,
        decisions_live,  # noqa: F401
        delegates_live,
        desk_live,  # noqa: F401
        desk_views,
        facilitator_views,
        floor_live,  # noqa: F401
        group_live,  # noqa: F401
        live,
        meeting_live,  # noqa: F401
        phone_views,
        print_views,
        process_live,
        projector_views,
        site_views,
        verify_views,
    )

    app.register_blueprint(site_views.bp)
    app.register_blueprint(phone_views.bp)
    app.register_blueprint(projector_views.bp)
    app.register_blueprint(facilitator_views.bp)
    app.register_blueprint(desk_views.bp)
    app.register_blueprint(verify_views.bp)
    app.register_blueprint(bundle_views.bp)
    app.register_blueprint(council_views.bp)
    app.register_blueprint(print_views.bp)
    live.init_app(app)
    process_live.init_app(app)
    delegates_live.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        # None means same-origin only: each page talks to the host that served it.
        cors_allowed_origins=None,
        max_http_buffer_size=64 * 1024,
        async_handlers=False,  # run each event in its connection's own greenlet: no spawn per vote
    )
    return app
