"""Flask extensions, defined at import and wired in create_app."""

from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

socketio = SocketIO()
csrf = CSRFProtect()  # every POST form carries a token tied to the browser's session
