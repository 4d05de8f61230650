"""A small HTTP server on 127.0.0.1 for tests that fetch feeds and pages, and feed builders.

`FeedServer` runs `http.server.ThreadingHTTPServer` on an ephemeral port in a background thread.
Register what each path answers, fetch `server.url(path)`, then check `server.requests`:

    from tests.feed_server import FeedServer, rss
    from tests.feed_server import feed_server as feed_server  # the fixture; "as" keeps ruff quiet

    def test_reads_feed(feed_server: FeedServer) -> None:
        page = feed_server.route("/a", b"<html>...</html>")   # returns the full URL
        feed_server.route("/feed.xml", rss([{"title": "A", "link": page}]))
        ...
        assert feed_server.requests_to("/feed.xml")[0].header("User-Agent") == "..."

- `route(path, body, status=200, headers=None, delay=0.0)`: a fixed reply. `body` is bytes, or a
  function returning an iterable of chunks, streamed without Content-Length (the connection
  closes at the end), so a test can serve 50 MB without building it. Content-Type defaults to
  XML for bodies starting `<?xml`, `<rss` or `<feed`, HTML for other `<...`, else octet-stream.
- `handle(path, handler)`: `handler(request) -> Reply` decides per request (ETags, failing
  the first N times, ...). `redirect(path, to)` answers 302 with a Location.
- A path with a query string matches a route with that exact query first, then the bare path.
  Unknown paths answer 404. `delay` waits before answering; closing the server ends the wait.
- `requests` lists every request received (method, path, headers) in order;
  `bytes_sent(path)` counts the body bytes written for a path.

`rss(items, title=...)` and `atom(items, title=...)` build documents from dicts with keys
`title`, `link`, `guid`, `description`, `content`, `pubDate` (a str is used as given, a datetime
is formatted; naive means UTC). Missing or None keys are left out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from xml.sax.saxutils import escape, quoteattr

import pytest

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass(frozen=True, slots=True)
class Request:
    """One request the server received."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        """The value of a header (case-insensitive), or None if it was not sent."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(frozen=True, slots=True)
class Reply:
    """What to answer: status, headers, body (bytes or a chunk generator), delay in seconds."""

    body: Body = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[Request], Reply]


class FeedServer:
    """An HTTP server on 127.0.0.1 with canned replies and a log of requests."""

    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self._requests: list[Request] = []
        self._sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _RequestHandler)
        self._httpd.app = self
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving; delayed replies are abandoned."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str = "/") -> str:
        """The full URL of a path on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def route(
        self,
        path: str,
        body: Body = b"",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
    ) -> str:
        """Answer `path` with a fixed reply; returns its URL."""
        reply = Reply(body, status, dict(headers or {}), delay)
        return self.handle(path, lambda _request: reply)

    def handle(self, path: str, handler: Handler) -> str:
        """Answer `path` with whatever `handler(request)` returns; returns its URL."""
        with self._lock:
            self._routes[path] = handler
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """Answer `path` with a redirect to `to` (a path or a URL); returns its URL."""
        return self.route(path, status=status, headers={"Location": to})

    @property
    def requests(self) -> list[Request]:
        """Every request received so far, in order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[Request]:
        """The requests received for one path (query string included if given)."""
        return [r for r in self.requests if r.path == path or r.path.split("?")[0] == path]

    def bytes_sent(self, path: str) -> int:
        """How many body bytes were written for a path, over all its requests."""
        with self._lock:
            return self._sent.get(path, 0)

    def _reply(self, request: Request) -> Reply:
        """The reply for a request: its route's, else 404."""
        bare = request.path.split("?")[0]
        with self._lock:
            self._requests.append(request)
            handler = self._routes.get(request.path) or self._routes.get(bare)
        if handler is None:
            return Reply(b"no such path\n", 404, {"Content-Type": "text/plain"})
        return handler(request)

    def _count(self, path: str, sent: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + sent


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that does not wait for hanging handlers when closing."""

    daemon_threads = True
    block_on_close = False
    app: FeedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early (the fetcher stopping a big download) are normal."""


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, *args: Any) -> None:
        """Quiet: tests check `requests` instead."""

    def _answer(self, *, send_body: bool) -> None:
        app = self.server.app
        path = self.path
        reply = app._reply(Request(self.command, path, tuple(self.headers.items())))
        if reply.delay and app._stop.wait(reply.delay):
            return  # the server is closing
        headers = {key.lower(): value for key, value in reply.headers.items()}
        body = reply.body
        if "content-type" not in headers:
            headers["content-type"] = _guess_type(body)
        if isinstance(body, bytes) and "content-length" not in headers:
            headers["content-length"] = str(len(body))
        self.send_response(reply.status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if not send_body or reply.status == 304:
            return
        chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body()
        sent = 0
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:  # the client hung up
            pass
        finally:
            app._count(path, sent)


def _guess_type(body: Body) -> str:
    """A Content-Type for a reply that gives none."""
    if not isinstance(body, bytes):
        return "application/octet-stream"
    start = body.lstrip()[:5].lower()
    if start.startswith((b"<?xml", b"<rss", b"<feed")):
        return "application/xml; charset=utf-8"
    return "text/html; charset=utf-8" if start.startswith(b"<") else "application/octet-stream"


# ---------------------------------------------------------------------------------------------
# Feed documents


def rss(
    items: Iterable[Mapping[str, Any]],
    title: str | None = "Test Feed",
    link: str = "http://127.0.0.1/",
) -> bytes:
    """An RSS 2.0 document (UTF-8) with the given items; `content` becomes content:encoded."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n',
        "<channel>\n",
        _element("title", title),
        _element("link", link),
        "<description>A feed for tests</description>\n",
    ]
    for item in items:
        out.append("<item>\n")
        out.append(_element("title", item.get("title")))
        out.append(_element("link", item.get("link")))
        out.append(_element("guid", item.get("guid")))
        out.append(_element("description", item.get("description")))
        out.append(_element("content:encoded", item.get("content")))
        out.append(_element("pubDate", _rfc822(item.get("pubDate"))))
        out.append("</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def atom(
    items: Iterable[Mapping[str, Any]],
    title: str | None = "Test Feed",
    link: str = "http://127.0.0.1/",
) -> bytes:
    """An Atom document (UTF-8); `guid` is the entry id, `description` the HTML summary."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<feed xmlns="http://www.w3.org/2005/Atom">\n',
        _element("title", title),
        f"<link href={quoteattr(link)}/>\n",
        "<id>urn:newsbot:test-feed</id>\n<updated>2024-01-01T00:00:00Z</updated>\n",
    ]
    for item in items:
        out.append("<entry>\n")
        out.append(_element("title", item.get("title")))
        if item.get("link") is not None:
            out.append(f'<link rel="alternate" href={quoteattr(item["link"])}/>\n')
        out.append(_element("id", item.get("guid")))
        out.append(_element("summary", item.get("description"), html=True))
        out.append(_element("content", item.get("content"), html=True))
        out.append(_element("updated", _iso(item.get("pubDate"))))
        out.append("</entry>\n")
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def _element(tag: str, text: str | None, *, html: bool = False) -> str:
    """`<tag>escaped text</tag>` and a newline, or "" when text is None."""
    if text is None:
        return ""
    kind = ' type="html"' if html else ""
    return f"<{tag}{kind}>{escape(text)}</{tag}>\n"


def _rfc822(value: str | datetime | None) -> str | None:
    """An RSS date: a str as given, a datetime formatted (naive means UTC)."""
    if isinstance(value, datetime):
        return format_datetime(value if value.tzinfo else value.replace(tzinfo=UTC))
    return value


def _iso(value: str | datetime | None) -> str | None:
    """An Atom date: a str as given, a datetime formatted (naive means UTC)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return value


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A FeedServer on 127.0.0.1, closed after the test."""
    with FeedServer() as server:
        yield server
