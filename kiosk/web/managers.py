"""Socket.IO client managers that remember each socket's rooms.

python-socketio finds the rooms of a socket that leaves by looking through every room on the
server (a copy of them, even), and every socket has a room of its own: when 2,000 phones drop
off the Wi-Fi at once that is millions of look-ups, seconds of a busy server. These managers
keep each socket's rooms beside python-socketio's own, so a socket leaves just its few rooms.
The tail of basic_disconnect is python-socketio 5.18's own (the version is pinned).
"""

import socketio


class RoomIndex:
    """Keep, for each socket, the names of the rooms it is in (None: the namespace itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms_of: dict[tuple[str, str], set] = {}

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        """Enter the room, and note it among the socket's rooms."""
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self.rooms_of.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        """Leave the room, and strike it from the socket's rooms."""
        super().basic_leave_room(sid, namespace, room)
        rooms = self.rooms_of.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self.rooms_of[(namespace, sid)]

    def basic_disconnect(self, sid, namespace, **kwargs):
        """Leave the socket's own rooms only, then forget its callbacks and pending state."""
        for room in self.rooms_of.pop((namespace, sid), ()):
            super().basic_leave_room(sid, namespace, room)
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            if sid in pending.get(namespace, ()):
                pending[namespace].remove(sid)
                if not pending[namespace]:
                    del pending[namespace]


class Manager(RoomIndex, socketio.Manager):
    """The rooms of one server process."""


class RedisManager(RoomIndex, socketio.RedisManager):
    """The rooms of one worker, with every emit passed to all workers through Redis."""
