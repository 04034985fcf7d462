"""Signed-cookie sessions that verify each cookie once.

Every Socket.IO event opens the Flask session again, and a phone sends the same signed cookie
with every one. Checking its signature (HMAC) and decoding it was a third of the cost of a
vote, so a cookie that has verified once is remembered. Only verified cookies are kept, keyed by
their exact text (signature included), so a forged or altered cookie is still checked in full;
and each is kept only until the cookie expires (signed time plus PERMANENT_SESSION_LIFETIME),
after which it is checked in full again and refused, as Flask would.
"""

import threading
import time
from collections import OrderedDict

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature


class RememberingSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, remembering the cookies that have already verified."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self.seen: OrderedDict[str, tuple[dict, float]] = OrderedDict()
        self.lock = threading.Lock()

    def open_session(self, app, request):
        """Return the session for this request's cookie, verifying a new cookie only once."""
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return super().open_session(app, request)
        with self.lock:
            data, expires = self.seen.get(value, (None, 0.0))
            if data is not None and time.time() >= expires:
                del self.seen[value]  # expired: checked in full below, and refused there
                data = None
        if data is not None:
            return self.session_class(data)
        return self._verify(app, value)

    def _verify(self, app, value: str):
        """Check a cookie's signature and age in full; remember it if it holds."""
        signer = self.get_signing_serializer(app)
        if signer is None:
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed = signer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if data:
            with self.lock:
                self.seen[value] = (dict(data), signed.timestamp() + max_age)
                if len(self.seen) > self.size:
                    self.seen.popitem(last=False)
        return self.session_class(data)
