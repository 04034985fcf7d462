"""Signed-cookie sessions that verify each cookie once.

Every Socket.IO event opens the Flask session again, and a phone sends the same signed cookie
with every one. Checking its signature (HMAC) and decoding it was a third of the cost of a
vote, so a cookie that has verified once is remembered. Only verified cookies are kept, keyed by
their exact text (signature included), so a forged or altered cookie is still checked in full.
"""

import threading
from collections import OrderedDict

from flask.sessions import SecureCookieSessionInterface


class RememberingSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, remembering the cookies that have already verified."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self.seen: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def open_session(self, app, request):
        """Return the session for this request's cookie, verifying a new cookie only once."""
        value = request.cookies.get(self.get_cookie_name(app))
        if value:
            with self.lock:
                known = self.seen.get(value)
            if known is not None:
                return self.session_class(known)
        session = super().open_session(app, request)
        if value and session:  # a non-empty session came from a cookie that verified
            with self.lock:
                self.seen[value] = dict(session)
                if len(self.seen) > self.size:
                    self.seen.popitem(last=False)
        return session
