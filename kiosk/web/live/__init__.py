"""Socket.IO handlers by feature; every push goes through push.py.

Importing a feature module registers its events on the shared `socketio`; register() imports
them all and gives the app the coalescers that batch what phones cause.
"""

from flask import Flask


def register(app: Flask) -> None:
    """Register every feature's events and give the app its coalescers."""
    from kiosk.web.live import (  # noqa: F401 (importing registers each module's events)
        agenda,
        council,
        decisions,
        delegates,
        desk,
        floor,
        groups,
        meeting,
        process,
        questions,
        record,
        rehearsal,
    )

    meeting.init_app(app)
    process.init_app(app)
    delegates.init_app(app)
