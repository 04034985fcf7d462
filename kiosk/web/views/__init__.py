"""HTTP blueprints, one per page or role."""

from flask import Flask


def register(app: Flask) -> None:
    """Register every blueprint."""
    from kiosk.web.views import (
        bundles,
        council,
        council_agenda,
        councils,
        desk,
        facilitator,
        phone,
        printing,
        projector,
        site,
        submissions,
        verify,
    )

    for module in (
        site,
        phone,
        projector,
        facilitator,
        desk,
        verify,
        bundles,
        council,
        council_agenda,
        councils,
        printing,
        submissions,
    ):
        app.register_blueprint(module.bp)
