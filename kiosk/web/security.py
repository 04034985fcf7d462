"""No control from another site: CSRF tokens on every form, same-site cookies, strict headers.

A page on another origin cannot submit the kiosk's forms with the facilitator's cookie: the
cookie is SameSite=Lax and every POST must carry the token its own page was rendered with.
Socket.IO accepts only its own origin (cors_allowed_origins=None in create_app). The headers
forbid inline script, framing and MIME sniffing, and send no referrer out of the kiosk.
"""

from flask import Flask, Response, render_template
from flask_wtf.csrf import CSRFError

from kiosk.extensions import csrf
from kiosk.words import gettext

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def add_headers(response: Response) -> Response:
    """Put the security headers on every response."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def refused_form(error: CSRFError):
    """Explain a form refused for its missing or stale token; nothing was changed."""
    message = gettext(
        "That form was refused: it was out of date or sent from another page or site. "
        "Nothing was changed. Go back, reload the page and try again."
    )
    return render_template("refused.html", message=message), 400


def init_app(app: Flask) -> None:
    """Protect every form, mark the cookie same-site and add the headers."""
    csrf.init_app(app)
    app.register_error_handler(CSRFError, refused_form)
    app.after_request(add_headers)
