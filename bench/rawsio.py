"""A lean Socket.IO client for load tests: Engine.IO v4 and Socket.IO v5 frames over a websocket.

A phone here is one aiohttp websocket and one reader task; events are sent as the text frames
a browser's client would send (`42<id>["vote",{...}]`) and acknowledgements read as they come
(`43<id>[{...}]`), so thousands of phones cost the load generator little CPU.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import aiohttp

PATH = "/socket.io/?EIO=4&transport=websocket"


def http_session() -> aiohttp.ClientSession:
    """Return an HTTP session that keeps no cookies and holds any number of websockets."""
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())


class RawSocket:
    """One Socket.IO connection on the default namespace, websocket transport only."""

    def __init__(self, http: aiohttp.ClientSession, url: str, cookie: str | None = None):
        self.http, self.url, self.cookie = http, url, cookie
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.acks: dict[int, asyncio.Future] = {}
        self.handlers: dict[str, Callable[[object], None]] = {}
        self.next_id = 0
        self.reader: asyncio.Task | None = None

    async def connect(self, auth: dict | None = None, timeout: float = 60) -> None:
        """Open the websocket, join the default namespace, and start reading."""
        headers = {"Cookie": f"session={self.cookie}"} if self.cookie else {}
        ws_url = self.url.replace("http://", "ws://", 1) + PATH
        self.ws = await self.http.ws_connect(
            ws_url, headers=headers, autoping=False, max_msg_size=0, timeout=timeout
        )
        opened = await self.ws.receive_str(timeout=timeout)
        if not opened.startswith("0"):
            raise ConnectionError(f"no Engine.IO open packet: {opened[:60]!r}")
        await self.ws.send_str("40" + (json.dumps(auth) if auth else ""))
        while True:
            frame = await self.ws.receive_str(timeout=timeout)
            if frame.startswith("40"):
                break
            if frame.startswith("44"):
                raise ConnectionRefusedError(frame)
        self.reader = asyncio.create_task(self._read())

    def on(self, event: str, handler: Callable[[object], None]) -> None:
        """Call handler(payload) for every `event` the server pushes."""
        self.handlers[event] = handler

    async def send(self, event: str, data: dict) -> asyncio.Future:
        """Send an event wanting an answer; return a future of (time answered, answer)."""
        ack_id, self.next_id = self.next_id, self.next_id + 1
        future = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = future
        await self.ws.send_str(f"42{ack_id}{json.dumps([event, data])}")
        return future

    async def call(self, event: str, data: dict, timeout: float = 60) -> dict:
        """Send an event and return the server's answer."""
        _, answer = await asyncio.wait_for(await self.send(event, data), timeout)
        return answer

    async def _read(self) -> None:
        """Answer pings, settle acknowledgements, hand pushed events to their handlers."""
        try:
            async for message in self.ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                self._frame(message.data)
        except (aiohttp.ClientError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            for future in self.acks.values():
                if not future.done():
                    future.set_exception(ConnectionError("the socket closed"))
            self.acks.clear()

    def _frame(self, frame: str) -> None:
        """Act on one text frame from the server."""
        if frame == "2":
            asyncio.ensure_future(self.ws.send_str("3"))
        elif frame.startswith("43"):
            start = frame.index("[", 2)
            future = self.acks.pop(int(frame[2:start]), None)
            if future is not None and not future.done():
                future.set_result((time.perf_counter(), json.loads(frame[start:])[0]))
        elif frame.startswith("42"):
            event, *args = json.loads(frame[frame.index("[", 2) :])
            handler = self.handlers.get(event)
            if handler is not None:
                handler(args[0] if args else None)

    async def drop(self) -> None:
        """Cut the connection at once, as a phone losing the Wi-Fi would (no goodbye)."""
        if self.ws is not None and self.ws._conn is not None:
            self.ws._conn.transport.abort()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)

    async def close(self) -> None:
        """Close the connection politely."""
        if self.ws is not None and not self.ws.closed:
            try:
                await asyncio.wait_for(self.ws.close(), 5)
            except (TimeoutError, aiohttp.ClientError, ConnectionError):
                pass
        if self.reader is not None:
            self.reader.cancel()
            await asyncio.gather(self.reader, return_exceptions=True)
