"""The websocket wire: frames to a phone written as they are sent, not by a task per socket;
a phone's frames unmasked in C.

python-engineio gives each websocket a writer task that waits on a queue: every message to a
phone is queued, the task wakes, and it writes. With 2,000 phones that is 2,000 parked tasks
(each with its own stack in memory) and a task switch for every acknowledgement of a burst.
Here a message is framed and handed to the kernel at once, without waiting: on a hall's Wi-Fi
the kernel's send buffer almost always takes it whole. When it does not (a phone that stopped
reading), the rest waits in that phone's own backlog and a task is started to drain it, for
that phone only, so nobody else's answer waits behind it. The order of messages is kept. A
phone that leaves more than a megabyte unread (one that keeps its connection but never reads,
whether broken or hostile) is cut off rather than held in memory: a phone that comes back says
hello and is sent the whole state afresh.

Every frame a phone sends is masked (XORed with four random bytes, as the protocol requires of
browsers); gevent-websocket undoes that in a Python loop over each byte, and wsaccel does it in
C. An Engine.IO message (most of what a phone sends) goes straight to the Socket.IO server, as
Engine.IO would hand it on, without a packet object made and decoded first.

Only for gevent with gevent-websocket (how the kiosk serves), and only for sockets that open on
the websocket transport (every kiosk page does); a socket upgraded from long-polling keeps
Engine.IO's own loop. python-engineio 4.15 and gevent-websocket 0.10 are pinned: this leans on
how they hand a socket over.
"""

import logging
import socket as sockets
import struct
from collections import deque

from engineio import exceptions, packet
from engineio import socket as engineio_socket
from wsaccel.xormask import XorMaskerSimple

log = logging.getLogger(__name__)
Socket = engineio_socket.Socket
_own_send, _own_close, _own_handler = Socket.send, Socket.close, Socket._websocket_handler
TEXT, BINARY = 0x81, 0x82  # a whole (FIN) frame of text or of bytes
MESSAGE = str(packet.MESSAGE)  # an Engine.IO message: a Socket.IO packet follows
UNREAD_LIMIT = 1 << 20  # bytes a phone may leave unread before its connection is cut


def frame(message: str | bytes) -> bytes:
    """Return one unmasked websocket frame (as a server sends) carrying the message."""
    if isinstance(message, str):
        first, payload = TEXT, message.encode()
    else:
        first, payload = BINARY, bytes(message)
    size = len(payload)
    if size < 126:
        return bytes((first, size)) + payload
    if size <= 0xFFFF:
        return struct.pack("!BBH", first, 126, size) + payload
    return struct.pack("!BBQ", first, 127, size) + payload


class Line:
    """The way out to one phone: frames written at once, or queued behind a slow reader."""

    __slots__ = ("ws", "sock", "backlog", "waiting", "ended", "spawn")

    def __init__(self, ws, spawn):
        self.ws = ws  # gevent-websocket's WebSocket
        self.sock = ws.handler.socket  # gevent's socket; ._sock is the non-blocking OS socket
        self.backlog: deque | None = None  # frames waiting for the phone to read
        self.waiting = 0  # bytes in the backlog
        self.ended = False
        self.spawn = spawn

    def write(self, data: bytes) -> None:
        """Hand a frame to the kernel now; what it cannot take waits for a drain task."""
        if self.ended:
            return
        if self.backlog is not None:
            self.backlog.append(data)
            self.waiting += len(data)
            if self.waiting > UNREAD_LIMIT:
                self.cut()
            return
        try:
            sent = self.sock._sock.send(data)
        except BlockingIOError:
            sent = 0
        except OSError:  # the phone has gone; its reading side will see it and close
            self.ended = True
            return
        if sent < len(data):
            self.backlog = deque([data[sent:]])
            self.waiting = len(data) - sent
            self.spawn(self.drain)

    def cut(self) -> None:
        """Drop a phone that has left too much unread: its reader and drain see the end."""
        self.ended = True
        self.backlog.clear()
        self.waiting = 0
        try:
            self.sock._sock.shutdown(sockets.SHUT_RDWR)
        except OSError:  # gone already
            pass

    def drain(self) -> None:
        """Write the backlog as the phone reads it, then step aside (or close, if ended)."""
        try:
            while self.backlog:
                data = self.backlog.popleft()
                self.waiting -= len(data)
                self.sock.sendall(data)
        except OSError:
            self.ended = True
        finally:
            self.backlog = None
        if self.ended:
            self.ws.close()

    def end(self, own_task: bool = False) -> None:
        """Write no more, and close the websocket once the backlog (if any) is written.

        Closing writes a close frame and waits for the kernel to take it, so it runs in a task
        of its own unless the caller is the phone's own task (its reader): whoever else ends a
        line (a broadcast finding the phone silent past its ping timeout, the vote committer)
        must not wait on a phone that stopped reading.
        """
        if self.ended:
            return
        self.ended = True
        if self.backlog is not None:
            return  # the drain task closes it
        if own_task:  # a phone already gone is no error: gevent-websocket logs it
            self.ws.close()
        else:
            self.spawn(self.ws.close)


def send(socket, pkt) -> None:
    """Engine.IO's Socket.send: straight onto the socket's line when it has one."""
    line = getattr(socket, "kiosk_line", None)
    if line is None:
        return _own_send(socket, pkt)
    if socket.check_ping_timeout():
        line.write(frame(pkt.encode()))
    return None


def close(socket, wait=True, abort=False, reason=None) -> None:
    """Engine.IO's Socket.close, for a socket whose frames go straight onto its line."""
    line = getattr(socket, "kiosk_line", None)
    if line is None:
        return _own_close(socket, wait, abort, reason)
    if socket.closed or socket.closing:
        return None
    socket.closing = True
    socket.server._trigger_event(
        "disconnect", socket.sid, reason or socket.server.reason.SERVER_DISCONNECT, run_async=False
    )
    if not abort:
        send(socket, packet.Packet(packet.CLOSE))
    socket.closed = True
    line.end()
    return None


def websocket_handler(socket, ws):
    """Engine.IO's websocket loop without its writer task (see the module's docstring)."""
    if socket.connected:  # an upgrade from long-polling: Engine.IO's own way
        return _own_handler(socket, ws)
    server = socket.server
    ws._sock.handler.socket.settimeout(server.ping_interval + server.ping_timeout)
    socket.connected = socket.upgraded = True
    line = Line(ws._sock, server.start_background_task)
    while not socket.queue.empty():  # sent before the websocket was ready: the open packet
        pkt = socket.queue.get_nowait()
        socket.queue.task_done()
        if pkt is not None:
            line.write(frame(pkt.encode()))
    socket.kiosk_line = line
    socket.queue = None  # a queue and its events per phone that nothing would read again
    try:
        if not socket.closed:  # Engine.IO may have closed it before its websocket was ready
            read(socket, ws)
    finally:
        try:
            line.end(own_task=True)
        finally:
            close(socket, wait=False, abort=True, reason=server.reason.TRANSPORT_CLOSE)
    return []


def read(socket, ws) -> None:
    """Read the phone's messages until it goes, as Engine.IO's own loop does."""
    server = socket.server
    limit = server.max_http_buffer_size
    while True:
        try:
            message = ws.wait()
        except Exception as error:
            if not socket.closed:
                server.logger.info("%s: closing after %s", socket.sid, error)
            return
        if message is None:  # the phone closed the connection
            return
        if len(message) > limit:
            server.logger.info("%s: a message too large, closing", socket.sid)
            return
        try:
            if isinstance(message, str) and message[:1] == MESSAGE:  # most of what phones send
                server._trigger_event(
                    "message", socket.sid, message[1:], run_async=server.async_handlers
                )
                continue
            socket.receive(packet.Packet(encoded_packet=message))
        except exceptions.UnknownPacketError:
            pass
        except exceptions.SocketIsClosedError:
            return
        except Exception:  # as Engine.IO: log, and end this connection properly
            server.logger.exception("Unknown receive error")
            return


def unmask(header, payload: bytes) -> bytes:
    """gevent-websocket's Header.unmask_payload, in C."""
    return XorMaskerSimple(bytes(header.mask)).process(payload)


def init_server(server) -> None:
    """Write websocket frames at once on this Engine.IO server, if it runs on gevent-websocket."""
    websocket = server._async.get("websocket")
    if server.async_mode != "gevent" or getattr(websocket, "__module__", "") != (
        "engineio.async_drivers.gevent"
    ):
        return
    try:  # Engine.IO uses gevent-websocket when it is installed
        from geventwebsocket.websocket import Header
    except ImportError:
        return
    Socket.send, Socket.close, Socket._websocket_handler = send, close, websocket_handler
    Header.mask_payload = Header.unmask_payload = unmask
