"""The only door for Flask and Socket.IO: auth, sessions, links, network, and the handlers.

Everything below kiosk/web/ is plain Python over a database handle; this package reads
requests and events, calls the domain, and renders or announces what changed.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Give the app its secrets, database handles, blueprints and Socket.IO handlers."""
    from kiosk.web import database, keys, network, security, sessions
    from kiosk.web.live import register as register_live
    from kiosk.web.views import register as register_views

    app.session_interface = sessions.RememberingSessionInterface()
    app.config["BASE_URL"] = network.base_url(app.config["PORT"], app.config["PUBLIC_URL"])
    keys.init_app(app)
    security.init_app(app)
    database.init_app(app)
    register_views(app)
    register_live(app)
