"""The only door for Flask and Socket.IO: auth, sessions, links, network, and the handlers.

Everything below kiosk/web/ is plain Python over a database handle; this package reads
requests and events, calls the domain, and renders or announces what changed.
"""

import hashlib

from flask import Flask


def init_app(app: Flask) -> None:
    """Give the app its secrets, database handles, blueprints and Socket.IO handlers."""
    from kiosk import dates
    from kiosk.web import assets, database, i18n, keys, network, security, sessions
    from kiosk.web.live import register as register_live
    from kiosk.web.views import register as register_views

    app.session_interface = sessions.RememberingSessionInterface()
    app.config["BASE_URL"] = network.base_url(app.config["PORT"], app.config["PUBLIC_URL"])
    keys.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    database.init_app(app)
    i18n.init_app(app)
    app.add_template_filter(dates.day, "day")  # 12 March 2026, in the page's language
    register_views(app)
    register_live(app)


def after_socketio(app: Flask, server) -> None:
    """Put the votes' short path in front of the Socket.IO server made for this app; give its
    Engine.IO server one pinger for every socket, and websocket frames written at once."""
    from kiosk.web import pings, wire
    from kiosk.web.live import vote_queue

    vote_queue.init_app(app, server)
    pings.init_server(server.eio)
    wire.init_server(server.eio)


def socketio_options(config: dict, max_event: int) -> dict:
    """Return how the Socket.IO server runs: alone, or linked to other workers through Redis."""
    from kiosk.web import managers

    queue = config["MESSAGE_QUEUE"]
    if queue:
        # One channel per data folder, so that kiosks sharing a Redis never hear each other.
        digest = hashlib.sha256(config["DATABASE"].encode()).hexdigest()[:16]
        manager = managers.RedisManager(queue, channel=f"kiosk-{digest}")
    else:
        manager = managers.Manager()
    return {
        "async_mode": config["ASYNC_MODE"],
        "client_manager": manager,
        # Several workers and no sticky sessions: each page keeps to its one websocket.
        "transports": ["websocket"] if queue else ["polling", "websocket"],
        # None means same-origin only: each page talks to the host that served it.
        "cors_allowed_origins": None,
        "max_http_buffer_size": max_event,
        # Run each event in its connection's own greenlet: no greenlet spawned per event.
        "async_handlers": False,
    }
