"""What names a feed, and the URL check: light enough for the config to import (the fetcher,
retrieval/feeds.py, brings httpx and feedparser)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit


class FeedError(Exception):
    """A feed setting that cannot work, e.g. a URL that is not http or https."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One configured feed: its URL, the source name to show, how often to read it."""

    url: str
    name: str | None = None
    interval_minutes: int = 30

    def __post_init__(self) -> None:
        if isinstance(self.interval_minutes, bool) or not (
            isinstance(self.interval_minutes, int) and self.interval_minutes > 0
        ):
            raise FeedError(
                f"{self.url}: interval_minutes must be a positive whole number of minutes, "
                f"got {self.interval_minutes!r}"
            )


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the last fetch of a feed remembered, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


def check_url(url: str) -> str:
    """The URL stripped; raises FeedError unless it is http:// or https:// with a host."""
    text = url.strip()
    problem = _url_problem(text)
    if problem:
        raise FeedError(f"{text!r}: {problem}; give a feed URL like https://example.com/feed.xml")
    return text


def _url_problem(url: str) -> str | None:
    """Why the URL cannot be fetched, or None when it is an http(s) URL with a host."""
    if not url:
        return "empty URL"
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return "the URL contains spaces or control characters"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a bad port
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    # "example.com/feed": the fix, not "..., not no scheme"; "localhost:3000/rss" too, which
    # urlsplit reads as the scheme "localhost:" (a digit after it: read as a host's port)
    if not parts.scheme or (
        parts.scheme.lower() not in ("http", "https") and url[len(parts.scheme) + 1 :][:1].isdigit()
    ):
        return f"no https:// (or http://) in front; write https://{url}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http:// and https:// URLs can be fetched, not {parts.scheme}:"
    if not parts.hostname:
        return "the URL has no host name"
    import httpx  # here: start-up of a command without feeds need not pay for it

    try:
        parts.hostname.encode("idna")  # empty or overlong labels: "a..b"
        _ = httpx.URL(url).host  # what the download will ask for: "xn--" is no A-label
    except (UnicodeError, httpx.InvalidURL) as exc:  # idna's IDNAError is a UnicodeError
        return f"the host name {parts.hostname!r} is not valid ({exc})"
    return None


# query parameters that carry a secret by their name ("api_key", "access_token", "sig")
_SECRET_NAME = re.compile(
    r"key|token|secret|pass|pwd|auth|sig|session|sid|code|hash|cred|private|ticket|otp",
    re.IGNORECASE,
)
# ... or by their value: a long word of letters and digits mixed, or of hex digits
_SECRET_VALUE = re.compile(r"(?=.*[A-Za-z])(?=.*\d)[\w.~+/=-]{16,}|[0-9a-fA-F]{16,}")


def public_url(url: str) -> str:
    """A feed's address as anyone may see it: without the user name and password before its
    host, and each query parameter that may carry a secret (by its name, "api_key", or its
    value, a long run of letters and digits) shown as "name=…"; the others as they are, so
    that two search feeds ("?q=ukraine", "?q=gaza") can be told apart."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url.split("@")[-1].split("?")[0]
    if ":" in host:  # IPv6
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    shown = []
    for pair in parts.query.split("&") if parts.query else ():
        name, equals, value = pair.partition("=")
        secret = _SECRET_NAME.search(name) or _SECRET_VALUE.fullmatch(unquote(value or name))
        shown.append(f"{name}{equals}…" if secret and equals else "…" if secret else pair)
    query = "&".join(shown)
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) + (f"?{query}" if query else "")
