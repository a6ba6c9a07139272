"""The request body cap: a pure ASGI middleware (no body is read twice or buffered here)."""
from __future__ import annotations

import json

from letopis.api.errors import BodyTooLarge


class BodyLimit:
    """Refuse a body over ``max_bytes``: by its Content-Length before reading, or
    while it streams in (chunked uploads), with 413 ``{"error": ...}``."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                return await _reply(send, 400, "malformed Content-Length")
            if size > self.max_bytes:
                return await _reply(send, 413, str(BodyTooLarge(self.max_bytes)))
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)  # turned into 413 by the app's handler
            return message

        await self.app(scope, counted, send)


async def _reply(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add fixed response headers (CSP and friends) unless the response set them."""

    def __init__(self, app, headers: dict[str, str]):
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", ())}
                message = {**message, "headers": list(message.get("headers", ()))
                           + [(k, v) for k, v in self.headers if k not in have]}
            await send(message)

        await self.app(scope, receive, with_headers)
