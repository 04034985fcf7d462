"""The websocket wire: frames as a server sends them, written at once or queued behind a slow phone.

The server itself runs on gevent (the live-server and browser tests speak to it through this
wire); here the line is driven with plain sockets, a slow phone being one that does not read.
"""

import socket
import struct
import threading

import pytest

from kiosk.web import wire
from kiosk.web.wire import Line, frame


def parse(data: bytes) -> list[tuple[int, bytes]]:
    """Cut a stream of unmasked frames into (first byte, payload) pairs."""
    found, at = [], 0
    while at < len(data):
        first, size = data[at], data[at + 1] & 0x7F
        at += 2
        if size == 126:
            (size,) = struct.unpack("!H", data[at : at + 2])
            at += 2
        elif size == 127:
            (size,) = struct.unpack("!Q", data[at : at + 8])
            at += 8
        found.append((first, data[at : at + size]))
        at += size
    return found


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536, 200_000])
def test_a_frame_carries_its_message_whole_at_every_length(size):
    text = "ä" * (size // 2) + "a" * (size % 2)
    assert parse(frame(text)) == [(0x81, text.encode())]
    assert parse(frame(b"\x00" * size)) == [(0x82, b"\x00" * size)]


class Handler:
    """What a line asks of gevent-websocket: the handler's socket, and closing the websocket."""

    def __init__(self, raw: socket.socket):
        self.socket, self.closed = self, 0
        self._sock = raw  # as gevent's socket: the non-blocking OS socket underneath

    def sendall(self, data: bytes) -> None:  # as gevent's: waits until the phone has read it
        self._sock.setblocking(True)
        try:
            self._sock.sendall(data)
        finally:
            self._sock.setblocking(False)

    @property
    def handler(self):
        return self

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def pair():
    """Return a line to a phone that reads nothing yet, its websocket, the phone's end, and the
    tasks the line started (closed after the test)."""
    server, phone = socket.socketpair()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    phone.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    server.setblocking(False)
    tasks = []
    ws = Handler(server)
    yield Line(ws, tasks.append), ws, phone, tasks
    server.close()
    phone.close()


def read_all(phone: socket.socket, size: int) -> bytes:
    """Read exactly size bytes from the phone's end."""
    data = b""
    while len(data) < size:
        data += phone.recv(65536)
    return data


def drained(phone: socket.socket, drain, size: int) -> bytes:
    """Run a line's drain task while the phone reads size bytes; return what it read."""
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(read_all(phone, size)))
    reader.start()
    drain()
    reader.join(10)
    return got[0] if got else b""


def test_frames_leave_at_once_when_the_kernel_takes_them(pair):
    line, ws, phone, tasks = pair
    line.write(frame('42["counts",{}]'))
    line.write(frame('430[{"ok":true}]'))
    assert tasks == [] and line.backlog is None
    sent = frame('42["counts",{}]') + frame('430[{"ok":true}]')
    assert read_all(phone, len(sent)) == sent


def test_a_phone_that_stops_reading_gets_a_backlog_of_its_own_in_order(pair):
    line, ws, phone, tasks = pair
    messages = [f'42["n",{i},"{"x" * 500}"]' for i in range(400)]  # far more than buffers
    for message in messages:
        line.write(frame(message))
    assert line.backlog and len(tasks) == 1  # one drain task for this phone, nobody waited
    expected = b"".join(frame(m) for m in messages)
    got = drained(phone, tasks[0], len(expected))  # the drain task writes as the phone reads
    assert got == expected and line.backlog is None
    assert [p.decode() for _, p in parse(got)] == messages


def test_ending_a_line_writes_no_more_and_closes_after_its_backlog(pair):
    line, ws, phone, tasks = pair
    for _ in range(300):
        line.write(frame("x" * 500))
    assert line.backlog
    line.end()
    line.write(frame("after the end"))
    assert ws.closed == 0  # not before the phone has what was sent before the end
    expected = frame("x" * 500) * 300
    assert drained(phone, tasks[0], len(expected)) == expected and ws.closed == 1
    phone.setblocking(False)
    with pytest.raises(BlockingIOError):  # nothing after the end
        phone.recv(1)


def test_a_phone_gone_ends_its_line_quietly(pair):
    line, ws, phone, tasks = pair
    phone.close()
    for word in ("one", "two", "three"):
        line.write(frame(word))  # no error reaches whoever was sending
    assert line.ended and tasks == []
    line.end()
    assert ws.closed == 0  # ended already: the websocket is closed by its reader, once


def test_a_line_ended_by_another_task_is_closed_in_a_task_of_its_own(pair):
    line, ws, phone, tasks = pair
    filler = frame("x" * 500)
    while line.backlog is None:  # the phone stopped reading: the kernel's buffer is full
        line.write(filler)
    tasks.clear()
    line.backlog = None  # as once the drain has gone quiet with the buffer still full
    line.end()  # say, a broadcast finding the phone silent past its ping timeout
    assert ws.closed == 0 and tasks == [ws.close]  # the caller waited on nothing
    tasks[0]()
    assert ws.closed == 1


def test_the_phones_own_reader_closes_its_line_itself(pair):
    line, ws, phone, tasks = pair
    line.end(own_task=True)
    assert ws.closed == 1 and tasks == []


def test_a_phone_that_leaves_too_much_unread_is_cut_off_not_kept_in_memory(pair, monkeypatch):
    monkeypatch.setattr(wire, "UNREAD_LIMIT", 100_000)
    line, ws, phone, tasks = pair
    for _ in range(400):  # 200 KB to a phone that reads nothing: far past the limit
        line.write(frame("x" * 500))
    assert line.ended and not line.backlog and line.waiting == 0
    got = b""
    while chunk := phone.recv(65536):  # what the kernel took, then the end of the connection
        got += chunk
    assert 0 < len(got) < 200_000
    tasks[0]()  # the drain task finds nothing left and closes the websocket
    assert ws.closed == 1 and line.backlog is None


def test_a_backlog_under_the_limit_is_counted_down_as_it_drains(pair):
    line, ws, phone, tasks = pair
    for _ in range(300):
        line.write(frame("x" * 500))
    assert 0 < line.waiting < wire.UNREAD_LIMIT and not line.ended
    expected = frame("x" * 500) * 300
    assert drained(phone, tasks[0], len(expected)) == expected
    assert line.waiting == 0 and not line.ended


def test_under_gevent_a_cut_wakes_the_phones_reader_and_the_drain(monkeypatch):
    gevent = pytest.importorskip("gevent")
    from gevent import socket as gsocket

    monkeypatch.setattr(wire, "UNREAD_LIMIT", 100_000)
    listener = gsocket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    phone = gsocket.create_connection(listener.getsockname())  # a TCP phone that reads nothing
    phone.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    server, _ = listener.accept()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    ws = Websocket(server)
    line = Line(ws, gevent.spawn)
    reader = gevent.spawn(server.recv, 1)  # the phone's reader, waiting for a frame
    gevent.sleep(0)
    try:
        for _ in range(1000):
            line.write(frame("x" * 500))
            gevent.sleep(0)  # the drain runs, and blocks on a phone that reads nothing
        assert line.ended and line.waiting == 0
        assert reader.get(timeout=5) == b""  # the reader sees the end, and ends the connection
        gevent.sleep(0.1)
        assert ws.closed == 1  # the drain woke, and closed the websocket
    finally:
        for each in (phone, server, listener):
            each.close()


class Websocket:
    """gevent-websocket's WebSocket as a line sees it, over a gevent socket."""

    def __init__(self, sock):
        self.handler = self
        self.socket = sock
        self.closed = 0

    def close(self) -> None:
        self.closed += 1
