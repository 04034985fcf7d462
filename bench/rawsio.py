"""A lean Socket.IO client for load tests: Engine.IO v4 and Socket.IO v5 over a bare websocket.

Each phone is one asyncio Protocol on its own TCP connection: it does the websocket handshake
itself, writes masked text frames as a browser would (`42<id>["vote",{...}]`) and reads the
server's frames in data_received, without a task per connection. Thousands of phones then cost
the load generator little CPU, so what is measured is the server.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import aiohttp

PATH = "/socket.io/?EIO=4&transport=websocket"


def http_session() -> aiohttp.ClientSession:
    """Return an HTTP session (for check-in) that keeps no cookies and has no connection cap."""
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())


def frame(text: str) -> bytes:
    """Return a masked websocket text frame, as a client must send it."""
    payload = text.encode()
    n, mask = len(payload), os.urandom(4)
    if n < 126:
        header = bytes([0x81, 0x80 | n])
    elif n < 65536:
        header = bytes([0x81, 0x80 | 126]) + n.to_bytes(2, "big")
    else:
        header = bytes([0x81, 0x80 | 127]) + n.to_bytes(8, "big")
    key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
    masked = (int.from_bytes(payload, "big") ^ key).to_bytes(n, "big")
    return header + mask + masked


class RawSocket(asyncio.Protocol):
    """One Socket.IO connection on the default namespace, websocket transport only."""

    def __init__(self, http: aiohttp.ClientSession | None, url: str, cookie: str | None = None):
        self.url, self.cookie = url, cookie
        self.handlers: dict[str, Callable[[object], None]] = {}
        self.transport: asyncio.Transport | None = None
        self.acks: dict[int, asyncio.Future] = {}
        self.next_id = 0

    async def connect(self, auth: dict | None = None, timeout: float = 60) -> None:
        """Open the TCP connection, upgrade it, join the default namespace."""
        loop = asyncio.get_running_loop()
        self.buffer, self.upgraded, self.auth = bytearray(), False, auth
        self.joined = loop.create_future()
        self.closed = loop.create_future()
        where = urlsplit(self.url)
        await asyncio.wait_for(
            loop.create_connection(lambda: self, where.hostname, where.port), timeout
        )
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            f"GET {PATH} HTTP/1.1",
            f"Host: {where.netloc}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
        ]
        if self.cookie:
            lines.append(f"Cookie: session={self.cookie}")
        self.transport.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await asyncio.wait_for(self.joined, timeout)

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        for future in [self.joined, *self.acks.values()]:
            if not future.done():
                future.set_exception(ConnectionError("the socket closed"))
        self.acks.clear()
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self.buffer.startswith(b"HTTP/1.1 101"):
                self.joined.set_exception(ConnectionError(bytes(self.buffer[:60]).decode()))
                self.transport.close()
                return
            del self.buffer[: end + 4]
            self.upgraded = True
        self._frames()

    def _frames(self) -> None:
        """Take every whole frame from the buffer (the server never masks nor fragments)."""
        buffer = self.buffer
        while len(buffer) >= 2:
            opcode, n, start = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
            if n == 126:
                n, start = int.from_bytes(buffer[2:4], "big"), 4
            elif n == 127:
                n, start = int.from_bytes(buffer[2:10], "big"), 10
            if len(buffer) < start + n:
                return
            payload = bytes(buffer[start : start + n])
            del buffer[: start + n]
            if opcode == 1:
                self._packet(payload.decode())
            elif opcode == 8:
                self.transport.close()
                return

    def _packet(self, text: str) -> None:
        """Act on one Engine.IO packet from the server."""
        if text == "2":
            self.transport.write(frame("3"))
        elif text.startswith("43"):
            start = text.index("[", 2)
            future = self.acks.pop(int(text[2:start]), None)
            if future is not None and not future.done():
                future.set_result((time.perf_counter(), json.loads(text[start:])[0]))
        elif text.startswith("42"):
            event, *args = json.loads(text[text.index("[", 2) :])
            handler = self.handlers.get(event)
            if handler is not None:
                handler(args[0] if args else None)
        elif text.startswith("0"):  # Engine.IO open: join the default namespace
            self.transport.write(frame("40" + (json.dumps(self.auth) if self.auth else "")))
        elif text.startswith("40") and not self.joined.done():
            self.joined.set_result(None)
        elif text.startswith("44") and not self.joined.done():
            self.joined.set_exception(ConnectionRefusedError(text))

    def on(self, event: str, handler: Callable[[object], None]) -> None:
        """Call handler(payload) for every `event` the server pushes."""
        self.handlers[event] = handler

    def send(self, event: str, data: dict) -> asyncio.Future:
        """Send an event wanting an answer; return a future of (time answered, answer)."""
        ack_id, self.next_id = self.next_id, self.next_id + 1
        future = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = future
        self.transport.write(frame(f"42{ack_id}{json.dumps([event, data])}"))
        return future

    async def call(self, event: str, data: dict, timeout: float = 60) -> dict:
        """Send an event and return the server's answer."""
        _, answer = await asyncio.wait_for(self.send(event, data), timeout)
        return answer

    async def drop(self) -> None:
        """Cut the connection at once, as a phone losing the Wi-Fi would (no goodbye)."""
        if self.transport is not None:
            self.transport.abort()
            await self.closed

    async def close(self) -> None:
        """Close the connection politely."""
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(b"\x88\x80" + os.urandom(4))  # a close frame, masked, empty
            self.transport.close()
            await asyncio.wait([self.closed], timeout=5)
