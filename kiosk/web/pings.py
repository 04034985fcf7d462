"""Engine.IO's pings to every socket from one task, not from a sleeping task per socket.

The server pings each client every 25 seconds to know it is still there. python-engineio does
this with a background task per socket that sleeps in between: 5,000 phones meant 5,000 parked
greenlets, about 9 KB of memory each. Here one task wakes once a second and pings the sockets
that are due. The rest of Engine.IO's ping logic (python-engineio 4.15, pinned) is unchanged:
a pong schedules the next ping, and a socket silent for too long is closed.
"""

import logging
import time

from engineio import packet
from engineio import socket as engineio_socket

log = logging.getLogger(__name__)
_own_schedule_ping = engineio_socket.Socket.schedule_ping


class Pinger:
    """Ping each socket of one Engine.IO server when its interval has passed."""

    def __init__(self, server):
        self.server = server
        self.due: dict[str, tuple[object, float]] = {}  # sid -> (socket, when to ping)
        self.task = None

    def schedule(self, socket) -> None:
        """Ping the socket one interval from now (unless a ping is already on its way)."""
        if not socket.last_ping:  # as Engine.IO: a ping is out, and its pong not yet back
            return
        socket.last_ping = None
        self.due[socket.sid] = (socket, time.monotonic() + self.server.ping_interval)
        if self.task is None:
            self.task = self.server.start_background_task(self.run)

    def ping_due(self, now: float) -> None:
        """Ping every socket that is due and still open."""
        for sid, (socket, when) in list(self.due.items()):
            if when > now:
                continue
            del self.due[sid]
            if not socket.closing and not socket.closed:
                socket.last_ping = time.time()
                socket.send(packet.Packet(packet.PING))

    def run(self) -> None:
        """Ping what is due, once a second, forever."""
        while True:
            self.server.sleep(1)
            try:
                self.ping_due(time.monotonic())
            except Exception:  # the pinger must outlive any one socket
                log.exception("pinging failed")


def schedule_ping(socket) -> None:
    """Engine.IO's Socket.schedule_ping, through the server's pinger when it has one."""
    pinger = getattr(socket.server, "kiosk_pinger", None)
    if pinger is None:
        _own_schedule_ping(socket)
    else:
        pinger.schedule(socket)


def init_server(server) -> None:
    """Give an Engine.IO server one pinger for all its sockets."""
    server.kiosk_pinger = Pinger(server)
    engineio_socket.Socket.schedule_ping = schedule_ping
