"""A small asyncio HTTP/1.1 client for the load and fault scripts (loopback only).

It does just what a browser tab does against our site: keep a connection alive when the server
allows it, reconnect when it does not, send cookies and form bodies. It is cheap on CPU, which
matters because the driver shares the machine's two cores with the server it measures.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes
    seconds: float

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Connection:
    """One keep-alive connection, like one browser connection to the site."""

    def __init__(self, host: str, port: int, *, timeout: float = 10.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        form: dict[str, str | int] | None = None,
    ) -> Response:
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
        lines.append(f"Content-Length: {len(body)}")
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        started = time.perf_counter()
        reused = self.writer is not None
        try:
            response = await asyncio.wait_for(self._exchange(payload), self.timeout)
        except (ConnectionError, asyncio.IncompleteReadError, EOFError):
            await self.close()
            if not reused:
                raise
            # The server closed an idle kept-alive connection before reading: browsers retry.
            started = time.perf_counter()
            response = await asyncio.wait_for(self._exchange(payload), self.timeout)
        except BaseException:
            await self.close()
            raise
        response.seconds = time.perf_counter() - started
        if response.headers.get("connection", "").lower() == "close":
            await self.close()
        return response

    async def _exchange(self, payload: bytes) -> Response:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(payload)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise EOFError("connection closed before a response")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        while True:
            line = (await self.reader.readline()).decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    cookies[key] = morsel.value
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            body = b"".join(chunks)
        elif "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        return Response(status, headers, cookies, body, 0.0)
