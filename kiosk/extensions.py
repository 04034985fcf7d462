"""Flask extensions, defined at import and wired in create_app."""

from flask_socketio import SocketIO

socketio = SocketIO()
