"""Feed fetcher: RSS and Atom feeds over HTTP become full-text Article records.

`Fetcher.fetch(feed, state, known)` downloads one feed (a conditional GET when `state` holds an
ETag or Last-Modified), parses the bytes with feedparser, and for each item downloads the linked
page and extracts its main text with `retrieval.loaders.parse_html`. When the page cannot be
used (HTTP error, timeout, not HTML, too big, no article text, or shorter than the feed's own
text) the item's own text from the feed (content, else summary) is used instead, with one
warning per feed for all such pages, counted by why (each page at DEBUG).

Network and parse problems never raise: the result's `status` is "failed" with a one-line
`error`, and a bad item is listed in `skipped` with its reason. An item whose link cannot be
fetched (not http(s), no valid host) keeps its own text without a link, with a warning; a guid
is a link only when it is a web address or a path (feedparser reads the feed without a base,
so that an id such as "98765" is not made an address under the feed's); items that share a
guid but tell different stories are told apart without it. A feed URL that is not http(s)
also gives "failed" (call `check_url` to reject it earlier, e.g. when reading the config).

Limits: every request has connect/read timeouts and an overall time limit; connect errors,
timeouts, HTTP 5xx and 429 are retried `retries` times with exponential backoff (or the wait the
server's Retry-After asks for, in seconds or as an HTTP date; one longer than `MAX_RETRY_AFTER`
seconds fails the download at once, with no retry in this read); at most `MAX_REDIRECTS` redirects;
bodies are streamed, a page's abandoned past `max_bytes`, a feed's cut there (its items that
arrived whole are read, with a warning); at most `max_items` items per feed, the
first ones in feed order (the rest are cut from the bytes before parsing, so a feed of 10,000
items stays quick). A cut-off feed keeps its complete items (those whose closing tag arrived)
and says so in a warning; one with no items and no title fails. A feed cut at `max_bytes`
keeps no validators (the next read gets it whole, not a 304), and one cut before its first
complete item fails, naming news.max_page_bytes.

Item pages and private addresses: the feed's URL is trusted (the operator or an admin added
it), its item links are not, so a feed cannot point the bot at internal services (server-side
request forgery). An item page, and every redirect hop while fetching it, is fetched only when
its host is the feed URL's own host (an intranet feed may link to its own pages) or resolves
exclusively to public addresses (`is_global`, and not loopback, private, link-local, multicast,
reserved or unspecified); otherwise the item falls back to the feed's text with a warning such
as "page http://10.0.0.5/x on a private address (10.0.0.5) not fetched". `allow_private_pages`
turns the rule off. The rule is applied twice: before each request and each redirect hop (the
host is resolved with `socket.getaddrinfo`; this also covers pooled keep-alive connections),
and again when a connection is opened: the default transport resolves the name once, checks
every address and connects to those checked addresses, never to a second lookup, so a DNS
answer that changes between the check and the connect (DNS rebinding) is caught. A custom
`transport`, or an HTTP proxy taken from the environment (HTTP_PROXY, ...), bypasses the
connect-time check; then only the check before each request applies and a rebinding window
remains (a proxy also resolves names itself).

Pages are downloaded by up to `page_workers` threads; extraction runs in the calling thread, a
few pages behind the downloads (so few bodies wait in memory), and `known` is only called from
the calling thread.

Time budget: one read of a feed, its pages included, takes at most `feed_budget` seconds
(`FEED_BUDGET`), so that a site whose pages all stall (200 items x 3 tries x 10 s over 8
threads is 12 minutes) does not hold up the feeds read after it. When the time is up, pages
not yet requested are not requested, downloads under way are cut off and no retry starts.
Such an item is treated as one whose page failed: it keeps the feed's own text. An item
without any text of its own is left for the next read instead (it was never tried), and the
result keeps no validators, so that the next read gets the whole feed again rather than a
304. One warning per feed says how many pages the budget left unfetched.
"""

from __future__ import annotations

import bisect
import codecs
import io
import ipaddress
import json
import logging
import math
import re
import socket
import ssl
import threading
import time
import xml.sax
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import MAXYEAR, UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime, parsedate_tz
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import quote, urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

import feedparser
import httpcore
import httpx

from retrieval.analysis import sentence_spans
from retrieval.articles import (
    Article,
    CorpusError,
    Paragraph,
    content_hash,
    normalize_space,
    normalize_url,
    stable_id,
    story_url_key,
)
from retrieval.feedspec import FeedSpec, FeedState, _url_problem, public_url
from retrieval.loaders import (
    NoSuchDate,
    NotAnArticle,
    browser_codec,
    browser_text,
    declared_text,
    is_inline_boilerplate,
    parse_html,
    written_day,
)
from retrieval.loaders import _parse_date as parse_date  # the dates article files may hold
from retrieval.query import without_terminal_codes

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "Newsbot/0.1 (+news question-answering bot; feed reader)"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 5.0
"""Longest wait, in seconds, that a server's Retry-After may ask for and still be retried
within the read; a longer one fails the download at once (a server that asks for an hour is
not asked again five seconds later)."""
FEED_BUDGET = 120.0
"""Seconds one read of a feed may take, its pages included, unless the Fetcher is told
otherwise: twice the longest single download (`max_seconds`), enough for a few hundred pages
from a healthy site, and a slow site gives way to the other feeds within two minutes."""
FUTURE_SLACK = timedelta(days=1)
"""An item dated further than this after the fetch gets the fetch date instead."""
_END_OF_TIME = datetime.max.replace(tzinfo=UTC)
"""An item's date past what a datetime holds (9999-12-31 in a negative offset): in the
future, so it gets the fetch date as any future date does."""
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST_YEAR = 1900
"""An item dated Unix time 0 (1970-01-01 00:00 UTC) or before this year carries what a
broken site writes for no date (a zero time stamp, 0001-01-01): it is undated, not a story
of long ago that retention would drop at once and no follow would be told of."""

_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_HIDDEN = re.compile(rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL)
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


@dataclass(frozen=True, slots=True)
class FetchedItem:
    """One feed item as an article; `text_from` tells whose text its body is; `posted` is
    the item's own date and time (UTC), when the feed gives one with a time of day that is
    not in the future;
    `page_failed`: its page could not be had this time (a 5xx or 429, a timeout, a
    connection error, the time budget), so it holds the feed's text, and its page is worth
    another try."""

    article: Article
    guid: str | None
    link: str | None
    text_from: Literal["page", "feed"] = "page"
    posted: datetime | None = None
    page_failed: bool = False


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What one fetch of a feed gave.

    `state` is what to remember for the next fetch (the old state when the fetch failed);
    `skipped` holds (the item's link, else its title, else "item N"; why) per item that gave
    no article; `warnings` say what was worked around (page not used, date replaced, ...);
    `known` counts items whose link the caller already had, which are not returned;
    `known_links` are their links (normalized), which the store compares a recurring item's
    issues with (`NewsDB.add_articles`'s `listed`).
    """

    url: str
    status: Literal["ok", "not_modified", "failed"]
    items: tuple[FetchedItem, ...] = ()
    state: FeedState = field(default_factory=FeedState)
    title: str | None = None
    error: str | None = None
    skipped: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    known: int = 0
    known_links: tuple[str, ...] = ()


def _utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class _Failure(Exception):
    """A download or parse that gave nothing usable; the message is one line for the operator."""


class _Retry(_Failure):
    """A failure worth another attempt; `wait` is the server's Retry-After, if it gave one."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class _Transient(_Failure):
    """A failure that may pass: a 5xx, a 429, a timeout or a connection error that the
    retries did not get past, or a page's 404 (a story listed before its page is live). An
    item page that fails so is worth a try at a later read; a link to a PDF or an MP3 ("not
    an HTML page"), a 410 or a 403 is the page's answer for good."""


class _OutOfTime(_Failure):
    """A download the feed's time budget stopped: not started, cut off, or not retried."""


_STOPPING = "{}: newsbot is stopping"
"""Why a download the bot's stop ended gave nothing: "not started", "cut off", "no retry"."""


class _Refused(_Failure):
    """A page (or a redirect hop) on a non-public address; the message follows "page <link>"."""


class _PageGuard:
    """The address rule for one download of an item page (see the module docstring).

    `check` runs before each request and redirect hop (an httpx request hook), `vet` also when
    `_GuardedBackend` opens a connection; `hops` counts the requests so far, to name a redirect.
    """

    def __init__(self, feed_host: str | None) -> None:
        self.feed_host = feed_host
        self.hops = 0
        self.url: httpx.URL | None = None

    def check(self, request: httpx.Request) -> None:
        """Refuse the request (raise _Refused) if its host is not allowed."""
        self.hops += 1
        self.url = request.url
        try:
            self.vet(request.url.raw_host.decode("ascii"), request.url.port)
        except (OSError, UnicodeError) as exc:  # no such name: fail as a connection would
            raise httpx.ConnectError(_one_line(exc), request=request) from None

    def vet(self, host: str, port: int | None) -> list[str] | None:
        """None for the feed's own host (no rule); else the host's addresses, all public.

        Raises _Refused naming the first address that is not public, OSError when the host does
        not resolve.
        """
        if self.feed_host is not None and _host_key(host) == self.feed_host:
            return None
        addresses = _addresses(host, port)
        for address in addresses:
            if kind := _address_kind(address):
                where = f"on {kind} ({address})"
                if self.hops > 1 and self.url is not None:
                    raise _Refused(f"redirects to {self.url} {where}; not followed")
                raise _Refused(f"{where} not fetched")
        return addresses


_PAGE_GUARD: ContextVar[_PageGuard | None] = ContextVar("newsbot_page_guard", default=None)
"""The rule for the download running in this thread (None: a feed, or the rule is off)."""

_DEADLINE: ContextVar[float | None] = ContextVar("newsbot_download_deadline", default=None)
"""When the download running in this thread must be done (time.monotonic()), if ever."""

_STOP: ContextVar[threading.Event | None] = ContextVar("newsbot_download_stop", default=None)
"""The stop of the download running in this thread: set, its next read fails at once."""
STOP_SLICE = 0.25
"""Seconds a read waits before it looks again whether the bot stops (with a stop given): a
stalled page had held a stop up for its whole read timeout (10 s and more)."""

_LOCATIONS: ContextVar[list[str] | None] = ContextVar("newsbot_redirects", default=None)
"""The Location of each redirect the download running in this thread met, to name a bad one."""


def _note_redirect(response: httpx.Response) -> None:
    """httpx response hook: keep a redirect's Location (httpx's error for javascript:alert(1)
    says only that a path must begin with '/')."""
    seen = _LOCATIONS.get()
    if seen is not None and response.has_redirect_location:
        seen.append(response.headers["Location"])


def _check_request(request: httpx.Request) -> None:
    """httpx request hook: apply the current page rule to each request and redirect hop."""
    guard = _PAGE_GUARD.get()
    if guard is not None:
        guard.check(request)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes wait no longer than the current download's
    deadline: a server that sends its headers a byte at a time must not hold a download
    (httpx's timeouts are per read) for hours."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        timeout = _within_deadline(timeout, httpcore.ReadTimeout)
        stop = _STOP.get()
        if stop is None:
            return self._inner.read(max_bytes, timeout)
        # in slices, so that a stalled server holds a stop up a moment, not a read timeout
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            if stop.is_set():
                raise httpcore.ReadError("newsbot is stopping")
            wait = STOP_SLICE if end is None else min(STOP_SLICE, max(end - time.monotonic(), 0))
            try:
                return self._inner.read(max_bytes, wait)
            except httpcore.ReadTimeout:
                if end is not None and time.monotonic() >= end:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _within_deadline(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _within_deadline(timeout: float | None, error: type[Exception]) -> float | None:
    """The timeout for one read or write, cut to what is left of the download's time."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the download's time is up")
    return left if timeout is None else min(timeout, left)


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens connections only to addresses the current page rule allows (no second lookup),
    each held to the current download's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        stream = self._connect(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream)

    def _connect(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        guard = _PAGE_GUARD.get()
        if guard is None:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = guard.vet(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(_one_line(exc)) from None
        if addresses is None:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        errors: list[httpcore.ConnectError | httpcore.ConnectTimeout] = []
        for address in addresses:  # the checked addresses, never a fresh lookup
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                errors.append(exc)
        raise errors[-1]

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return self._inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's default transport, its connections opened by `_GuardedBackend`."""

    def __init__(self, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        # httpx has no option for the network backend: replace its pool (same settings as
        # HTTPTransport's defaults) with one that uses ours. httpx is pinned below 0.29.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(),
        )


@dataclass(frozen=True, slots=True)
class _Download:
    """A response read in full: status (200-299, or 304), final URL, headers and body;
    `cut`: a feed's body stopped at `max_bytes`, the rest never read."""

    status: int
    url: str
    headers: httpx.Headers
    body: bytes
    charset: str | None
    cut: bool = False


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A feed item's fields, cleaned: number in the feed, title, link, guid, date, own text.

    Read by `read_entry` alike for a feed read by URL and one saved to a file: the two had
    read items each their own way, and drifted (an aggregator's outlet and a podcast's
    enclosure were each kept by one of them only)."""

    number: int
    title: str
    link: str | None
    guid: str | None
    published: datetime | None
    text: tuple[str, ...]
    bad_date: str = ""  # why its date was dropped: out of range, or no calendar holds it
    bad_link: str = ""  # why its link was dropped (a javascript: or mailto: link ...)
    day: date | None = None  # the date's day in its own offset, as the publisher printed it
    media: bool = False  # its link is its enclosure (a podcast's MP3): no page to fetch
    outlet: str | None = None  # RSS's <source>: the outlet an aggregator took it from
    timed: bool = False  # its date gives a time of day ("2024-07-03" alone does not)

    @property
    def label(self) -> str:
        """How `skipped` names the item: its link, else its title, else "item N"."""
        return self.link or self.title or f"item {self.number}"


@dataclass(frozen=True, slots=True)
class OwnSite:
    """What a feed knows of its own site, to tell an aggregator's `<source>` (another site's
    outlet: the story's source) from one naming the feed itself (the feed's name stays): the
    hosts of its addresses (`site_of`: by URL the feed's address, where it led and its
    channel's <link>; a saved file only its channel's <link>) and its names (its configured
    name and title)."""

    sites: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, addresses: Iterable[str | None], names: Iterable[str | None]) -> OwnSite:
        """The feed's own hosts and names, from its addresses and names (None left out)."""
        sites = {site_of(address) for address in addresses if address}
        folded = {normalize_space(name).casefold() for name in names if name}
        return cls(frozenset(site for site in sites if site), frozenset(folded))

    def holds(self, name: str, address: str | None) -> bool:
        """Whether a <source> naming `name` at `address` (its url; None without one) is the
        feed's own: its host is one of the feed's (`site_of`), or it names the feed."""
        if normalize_space(name).casefold() in self.names:
            return True
        site = site_of(address) if address else None
        return site is not None and site in self.sites


# a host's first label that names a service of its site, not another site ("feeds.bbc.co.uk"
# and "www.bbc.co.uk" are one site)
_SERVICE_LABELS = ("www.", "feeds.", "feed.", "rss.", "m.")


def site_of(address: str) -> str | None:
    """The host an address is on, as a feed's own site is compared: lower case, a leading
    "www.", "feeds.", "feed.", "rss." or "m." dropped ("gazette.example" of
    feeds.gazette.example and www.gazette.example). Another host is another site, though it
    share a domain: news.google.com and support.google.com, alice.github.io and
    bob.github.io (a domain's last labels had been taken for its site, which made them one;
    telling where a registry ends needs a list of them). None when it names no host."""
    host = _url_host(address) if "//" in address else _host_key(address)
    if not host:
        return None
    for label in _SERVICE_LABELS:
        if host.startswith(label) and host.count(".") > 1:
            return host[len(label) :]
    return host


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A parsed feed: title, the entries kept, and warnings about the document."""

    title: str | None
    entries: tuple[Any, ...]
    warnings: tuple[str, ...]
    base: str  # the address it was read from (after redirects): its relative links' base
    link: str | None = None  # its channel's <link>: its site


class Fetcher:
    """Fetches feeds and their items' pages over one HTTP client; close it when done."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.5,
        max_bytes: int = 5_000_000,
        max_items: int = 200,
        fetch_pages: bool = True,
        page_workers: int = 8,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], None] = time.sleep,
        max_seconds: float = 60.0,
        feed_budget: float = FEED_BUDGET,
        allow_private_pages: bool = False,
    ) -> None:
        """Args:
        timeout: seconds to connect, and to wait for each piece of a response.
        allow_private_pages: fetch item pages on any address, e.g. intranet links from a feed
            on another host (by default only public ones and the feed's own host; see above).
        transport: an httpx transport instead of the default one (tests); it gets the address
            check before each request but not the one at connect time.
        max_seconds: the most one download may take in all, however slowly bytes arrive.
        feed_budget: the most one `fetch` may take in all, the feed and its pages (see above).
        clock: the current time (naive means UTC); dates after it + 1 day are replaced.
        sleep: waits between retries (tests pass a recorder).
        """
        if timeout <= 0 or max_seconds <= 0 or feed_budget <= 0 or backoff < 0:
            raise ValueError(
                "timeout, max_seconds and feed_budget must be positive, backoff not negative"
            )
        if retries < 0 or max_bytes < 1 or max_items < 1 or page_workers < 1:
            raise ValueError("retries >= 0, max_bytes >= 1, max_items >= 1, page_workers >= 1")
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff
        self._max_bytes = max_bytes
        self._max_items = max_items
        self._fetch_pages = fetch_pages
        self._page_workers = page_workers
        self._clock = clock
        self._sleep = sleep
        self._max_seconds = max_seconds
        self._feed_budget = feed_budget
        self._allow_private_pages = allow_private_pages
        limits = httpx.Limits(max_connections=page_workers + 2)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent},
            limits=limits,
            transport=transport or _GuardedTransport(limits),
            event_hooks={"request": [_check_request], "response": [_note_redirect]},
        )
        # One pool for the fetcher's life: a long-running bot reuses its threads (and their
        # malloc arenas) instead of making eight new ones for every feed it reads.
        self._pool = ThreadPoolExecutor(page_workers, thread_name_prefix="newsbot-page")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(wait=exc_type is None or issubclass(exc_type, Exception))

    def close(self, *, wait: bool = True) -> None:
        """Close the HTTP client and its connections, and stop the page threads. Not
        `wait`ing (Ctrl-C): the connections are closed first, so that a page thread blocked
        on a stalled server fails now; `newsbot ingest` had gone on for up to a minute after
        Ctrl-C, the longest a download may take."""
        if not wait:
            self._client.close()
            self._pool.shutdown(wait=False, cancel_futures=True)
            return
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._client.close()

    # -----------------------------------------------------------------------------------------
    # The feed

    def fetch(
        self,
        feed: FeedSpec,
        state: FeedState | None = None,
        known: Callable[[str, str], bool] | None = None,
        same_text: Callable[[str, str, str], bool] | None = None,
        stop: threading.Event | None = None,
    ) -> FeedResult:
        """Read one feed: its new items as full-text articles, or why it failed.

        `known(link, title)` returning True means the caller already stored that item as it
        is: its page is not downloaded and it is not returned (items without a link are
        always returned). A stored link under a new title is the publisher's update: the
        caller says False, and the item comes back to replace the old version. Without page
        fetching, `same_text(link, fingerprint, text)` is asked too of a known item, with the
        `Article.text_fingerprint` of its feed text, and that text: False (a corrected summary under
        the same title) returns the item as an update; it costs no download, and the corrected
        text had been dropped for good.

        The whole read takes at most `feed_budget` seconds; see the module docstring for what
        happens to the items whose pages it leaves unfetched. `stop` set (the bot is stopping)
        ends the read as the budget does, at once: no page or retry is started after it, and
        a download under way ends at its next piece (or its read timeout, if it stalls).
        """
        until = time.monotonic() + self._feed_budget
        old = state or FeedState()
        url = feed.url.strip()
        problem = _url_problem(url)
        if problem:
            return FeedResult(url, "failed", state=old, error=f"bad feed URL: {problem}")
        headers = {"Accept": _FEED_ACCEPT}
        if old.etag:
            headers["If-None-Match"] = old.etag
        if old.last_modified:
            headers["If-Modified-Since"] = old.last_modified
        try:
            got = self._get(url, headers, "feed", until=until, stop=stop)
            if got.status == 304:
                if not (old.etag or old.last_modified):
                    # nothing was asked of it: no read of ours it could be unchanged since
                    raise _Failure(
                        "the server answered 304 Not Modified to a request that named no "
                        "earlier read (a caching proxy or server fault)"
                    )
                return FeedResult(url, "not_modified", state=old)
            parsed = self._parse(got)
        except _Failure as exc:
            log.info("feed %s failed: %s", public_url(url), exc)
            return FeedResult(url, "failed", state=old, error=str(exc))
        new = FeedState(got.headers.get("etag"), got.headers.get("last-modified"))
        source = feed.name or parsed.title or urlsplit(url).hostname or url
        own = OwnSite.of((url, parsed.base, parsed.link), (feed.name, parsed.title))
        items, skipped, warnings, known_links, left = self._items(
            parsed.entries, url, source, known, until, parsed.base, same_text, stop, own
        )
        if left or got.cut:
            # without validators the next read gets the whole feed: the items left for it,
            # and those past the cut (a cut read that kept its ETag got a 304 at the next
            # read, after news.max_page_bytes was raised, and its other items were never read)
            new = FeedState()
        return FeedResult(
            url,
            "ok",
            items=tuple(items),
            state=new,
            title=parsed.title,
            skipped=tuple(skipped),
            warnings=parsed.warnings + tuple(warnings),
            known=len(known_links),
            known_links=tuple(known_links),
        )

    def _parse(self, got: _Download) -> _Parsed:
        """The feed's title and its first `max_items` entries; raises _Failure if not a feed."""
        body = got.body
        if not body.strip():
            raise _Failure("empty response: the server sent no feed")
        warnings: list[str] = []
        content_type = got.headers.get("content-type", "")
        if (atom := _json_feed_as_atom(body, got.cut)) is not None:  # feedparser reads no JSON Feed
            body, content_type = atom, "application/atom+xml"
        body, content_type, note = browser_encoded(body, content_type, got.cut)
        if note is not None:
            warnings.append(note)
        ends = _item_ends(body)
        # read only when it is to be cut: a feed's 10,000 dates are not read for nothing
        listed = _Listing.of(body, ends) if got.cut or len(ends) > self._max_items else None
        if listed is not None and len(ends) > self._max_items:
            # Keep the newest items and the document's head and tail (the closing tags), so
            # that feedparser reads a small well-formed document. A feed listed oldest first
            # had kept its oldest items, and never read its news.
            body = listed.newest(self._max_items)
            if not got.cut:  # the cut's own note says what was kept
                warnings.append(listed.note(self._max_items))
        if b"&#" in body:
            body = _CHAR_REF.sub(_valid_char_ref, body)
        try:
            # A stream, never bytes: feedparser would open bytes that look like a file path.
            # No base URL: feedparser would make a guid such as "98765" an address under
            # the feed's own; relative links are resolved in _entry instead.
            parsed = feedparser.parse(
                io.BytesIO(body), response_headers={"content-type": content_type}
            )
        except Exception as exc:  # a bug in feedparser must not stop the other feeds
            log.debug("feedparser failed on %s", public_url(got.url), exc_info=True)
            raise _Failure(f"the feed could not be parsed ({type(exc).__name__})") from exc
        entries = list(parsed.get("entries") or [])
        channel = parsed.get("feed") or {}
        title = clean_title(channel.get("title"), channel.get("title_detail")) or None
        link = channel.get("link") if isinstance(channel.get("link"), str) else None
        error = parsed.get("bozo_exception") if parsed.get("bozo") else None
        xml_error = _describe_xml_error(error) if isinstance(error, xml.sax.SAXException) else None
        if got.cut:
            # only the items whose end arrived: the last one may stop mid-sentence; with none,
            # the read failed (it had counted as a read of "its first 0 items", and its
            # validators made the feed a 304 for good)
            entries = entries[: len(_item_ends(body))]
            if not entries:
                raise _Failure(self._cut_before_items())
        if not entries and not title:
            if not parsed.get("version"):
                hint = _not_feed_hint(content_type, error, body, got.url)
                raise _Failure(f"not an RSS or Atom feed ({hint})")
            if xml_error:
                raise _Failure(f"the feed XML is cut off or malformed ({xml_error}); no items")
        if xml_error and entries:
            complete = len(_item_ends(body))
            if complete < len(entries):  # truncated: the last entries may be cut short
                if not got.cut:  # cut by us, not the server: the cut's note says it
                    warnings.append(
                        f"the feed XML is cut off or malformed ({xml_error}); kept the "
                        f"{complete} complete items, dropped {len(entries) - complete}"
                    )
                entries = entries[:complete]
            elif not got.cut:
                warnings.append(f"the feed XML is malformed ({xml_error}); read it leniently")
        if len(entries) > self._max_items:  # items the cut above did not recognise
            oldest_first = _entry_time(entries[-1]) > _entry_time(entries[0])
            warnings.append(_cut_note(len(entries), self._max_items, oldest_first))
            entries = entries[-self._max_items :] if oldest_first else entries[: self._max_items]
        if listed is not None and got.cut:
            warnings.insert(0, listed.cut_note(self._max_bytes, len(entries)))
        return _Parsed(title, tuple(entries), tuple(warnings), got.url, link)

    def _cut_before_items(self) -> str:
        """Why a feed cut at `max_bytes` gave nothing: no item arrived whole, e.g. "the feed is
        larger than 300 bytes (news.max_page_bytes = 300); no item arrived whole before the
        cut: raise news.max_page_bytes to read it"."""
        return (
            f"the feed is larger than {self._max_bytes:,} bytes (news.max_page_bytes = "
            f"{self._max_bytes}); no item arrived whole before the cut: raise "
            "news.max_page_bytes to read it"
        )

    # -----------------------------------------------------------------------------------------
    # Items

    def _items(
        self,
        raw_entries: Iterable[Any],
        feed_url: str,
        source: str,
        known: Callable[[str, str], bool] | None,
        until: float,
        base: str | None = None,
        same_text: Callable[[str, str, str], bool] | None = None,
        stop: threading.Event | None = None,
        own: OwnSite | None = None,
    ) -> tuple[list[FetchedItem], list[tuple[str, str]], list[str], list[str], int]:
        """Articles for the entries (pages downloaded concurrently, until the time `until`),
        skips, warnings, the links of the known items, and how many items were left for the
        next read. `base`: the address relative links are read against (default: the feed's
        URL); `same_text` and `stop` as for `fetch`; `own`: the feed's site and names, which
        an item's <source> must not name to be its source (default: the feed's URL's)."""
        items: list[FetchedItem] = []
        skipped: list[tuple[str, str]] = []
        warnings: list[str] = []
        known_links: list[str] = []
        # pages the time budget stopped, their items kept with the feed's text, and left out
        late = kept = left = 0
        seen: dict[str, int] = {}
        seen_guids: dict[str, int] = {}
        pending: deque[tuple[FeedEntry, Future[_Download] | None]] = deque()
        feed_host = _url_host(feed_url)
        item_entries: list[FeedEntry] = []  # the entry of each item, for _without_shared_pages
        unused: list[tuple[int, str | None, str]] = []  # item, link, why its page was not used
        retry: list[int] = []  # items skipped for a page that may come at a later read

        def finish() -> None:
            nonlocal late, kept, left
            entry, future = pending.popleft()
            try:
                outcome = self._article(entry, future, feed_url, source, warnings, unused, retry)
            except Exception as exc:  # a bug on one hostile item must not lose the feed
                log.debug("item %d of %s", entry.number, public_url(feed_url), exc_info=True)
                outcome = f"unexpected error ({type(exc).__name__}: {_one_line(exc)})"
            if future is not None and isinstance(future.exception(), _OutOfTime):
                late += 1
                kept += isinstance(outcome, FetchedItem)
            if outcome is None:
                left += 1
            elif isinstance(outcome, str):
                skipped.append((entry.label, outcome))
            else:
                items.append(outcome)
                item_entries.append(entry)

        pool = self._pool
        where = base or feed_url
        own = own or OwnSite.of((feed_url,), (source,))
        entries = [read_entry(raw, n, where, own) for n, raw in enumerate(raw_entries, start=1)]
        shared = _shared_guids(entries)
        if shared:
            warnings.append(
                f"{counted_items(sum(shared.values()))} share {len(shared)} guid"
                f"{'s' if len(shared) > 1 else ''} ({_shown_link(next(iter(shared)))}"
                f"{', ...' if len(shared) > 1 else ''}) though their stories differ; told "
                "apart by their links and text instead"
            )
        for entry in entries:
            if entry.guid in shared:
                entry = replace(entry, guid=None)
            if entry.guid is not None:
                if entry.guid in seen_guids:
                    skipped.append((entry.label, f"same guid as item {seen_guids[entry.guid]}"))
                    continue
                seen_guids[entry.guid] = entry.number
            # a link to the site's front page (a notice board's feed gives it for every
            # item) names no story: not compared, and no page of the story to fetch
            story_link = entry.link is not None and story_url_key(entry.link) is not None
            if entry.link is not None and story_link:
                key = normalize_url(entry.link)
                if key in seen:
                    skipped.append((entry.label, f"same link as item {seen[key]}"))
                    continue
                seen[key] = entry.number
                # a known item whose corrected text is in the feed comes back as an update
                is_known = known is not None and known(entry.link, entry.title)
                if is_known and not self._corrected(entry, same_text):
                    known_links.append(key)
                    continue
            future = None
            if self._fetch_pages and entry.link is not None and story_link and not entry.media:
                # submitted even when the time is up (or the bot stops): `_get` then gives up
                # before any request, and the item is tried again at the next read
                future = pool.submit(
                    self._get, entry.link, {"Accept": _PAGE_ACCEPT}, "page", feed_host, until, stop
                )
            pending.append((entry, future))
            # Extract in order as pages arrive; bounded, so few bodies wait in memory.
            while len(pending) > 2 * self._page_workers:
                finish()
        while pending:
            finish()
        items = _without_shared_pages(items, item_entries, skipped, unused)
        if note := _unused_pages_note(unused, feed_url):
            warnings.append(note)
        if late and stop is not None and stop.is_set():
            warnings.append(_budget_note(self._feed_budget, late, kept, left, stopped=True))
        elif late:
            warnings.append(_budget_note(self._feed_budget, late, kept, left))
        return items, skipped, warnings, known_links, left + len(retry)

    def _corrected(
        self, entry: FeedEntry, same_text: Callable[[str, str, str], bool] | None
    ) -> bool:
        """Whether a known item's own text differs from what is stored, when that text is
        what would be stored (no page fetching); with pages, its page's text is stored, which
        only a download would tell (left as it was)."""
        if self._fetch_pages or same_text is None or not entry.text or entry.link is None:
            return False
        body = tuple(Paragraph(text) for text in entry.text)
        headline = entry.title or first_sentence(body)
        fingerprint = Article(id="", headline=headline, paragraphs=body).text_fingerprint()
        return not same_text(entry.link, fingerprint, "\n".join(entry.text))

    def _article(
        self,
        entry: FeedEntry,
        future: Future[_Download] | None,
        feed_url: str,
        source: str,
        warnings: list[str],
        unused: list[tuple[int, str | None, str]],
        retry: list[int],
    ) -> FetchedItem | str | None:
        """The item's article (page text, else the feed's text), or why it gives none; None
        when the time budget stopped its page and the feed gives no text: the item is left
        for the next read, which tries its page again (it was never stored). A page not used
        for an item that keeps the feed's text is noted in `unused` (item, link, why), for the
        feed's one warning about them (`_unused_pages_note`); an item skipped for a page that
        may come later (`_Transient`) in `retry`."""
        if entry.bad_link:
            warnings.append(f"item {entry.number}: {entry.bad_link}")
        page: Article | None = None
        page_problem: str | None = None  # what follows "page <link>" in a warning
        late = False  # the feed's time budget stopped the page (one warning for the feed)
        failed = False  # the page may come another time (not one the rules refuse)
        if future is not None:
            try:
                page = _page_article(future.result(), entry.link or feed_url)
            except _OutOfTime:
                late = failed = True
            except _Refused as exc:
                page_problem = str(exc)
            except _Transient as exc:
                page_problem = f"not used ({exc})"
                failed = True
            except _Failure as exc:  # not HTML, a 410, too big, no text: its answer for good
                page_problem = f"not used ({exc})"
        body = page.paragraphs if page else ()
        text_from: Literal["page", "feed"] = "page"
        if page is not None and sum(map(len, entry.text)) > sum(len(p.text) for p in body):
            page_problem = "not used (its text is shorter than the feed's own)"
        if page is None or page_problem:
            if not entry.text:
                if late:
                    return None
                if failed:
                    # the page may come at a later read (a 404 before it is live, a 503):
                    # the feed is read whole then, not answered 304 with the item unread
                    retry.append(entry.number)
                if page_problem:
                    return f"no text: page {page_problem} and the feed gives none"
                if entry.media:  # a podcast episode: its address is its audio, no page
                    return "no text: no description in the feed, and its link is a media file"
                if entry.link and not self._fetch_pages:
                    return "no text in the feed (page fetching is off)"
                return "no text: no link and no description in the feed"
            if page_problem:
                unused.append((entry.number, entry.link, page_problem))
            body = tuple(Paragraph(text) for text in entry.text)
            text_from = "feed"
        # no title (a post on a social network's feed): its first sentence stands in
        headline = entry.title or (page.headline if page else "") or first_sentence(body)
        if not headline:
            return "no title"
        published = self._published(entry, page, warnings)
        posted = entry.published if entry.timed else None  # a day alone gives no time
        if posted is not None and published != (entry.day or posted.date()):
            posted = None  # in the future: replaced by the read's date
        if entry.link and story_url_key(entry.link) is not None:
            article_id = stable_id(normalize_url(entry.link))
        elif entry.guid:
            article_id = stable_id(entry.guid)
        else:
            article_id = stable_id(feed_url, headline)
        article = Article(
            id=article_id,
            headline=headline,
            paragraphs=body,
            standfirst=page.standfirst if page and text_from == "page" else "",
            published=published,
            source=entry.outlet or source,
            url=entry.link,
            origin=entry.link or feed_url,
            posted=posted,  # its place in its day (/latest)
        )
        return FetchedItem(article, entry.guid, entry.link, text_from, posted, failed)

    def _published(
        self, entry: FeedEntry, page: Article | None, warnings: list[str]
    ) -> date | None:
        """The item's date (else the page's), or the fetch date if it lies in the future."""
        now = self._clock()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        if entry.bad_date:
            warnings.append(f"item {entry.number}: its date {entry.bad_date}; none used")
        if entry.published is not None:
            is_future = entry.published > now + FUTURE_SLACK
            day = entry.day or entry.published.date()
        elif page is not None and page.published is not None:
            day = page.published
            is_future = day > (now + FUTURE_SLACK).date()
        else:
            return None
        if is_future:
            warnings.append(
                f"item {entry.number}: {_when_ahead(day, entry.published, now)} is in the "
                f"future; used the fetch date {now.date().isoformat()}"
            )
            return now.date()
        return day

    # -----------------------------------------------------------------------------------------
    # HTTP

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        kind: Literal["feed", "page"],
        feed_host: str | None = None,
        until: float | None = None,
        stop: threading.Event | None = None,
    ) -> _Download:
        """A GET with retries and backoff; raises _Failure with a one-line reason.

        A page (`feed_host` is its feed's host) is only fetched from addresses the rule allows.
        Nothing runs past `until` (time.monotonic()), nor after `stop` is set: _OutOfTime
        instead of a request, a retry or the rest of a download.
        """
        attempts = self._retries + 1
        for attempt in range(1, attempts + 1):
            if until is not None and time.monotonic() >= until:
                raise _OutOfTime(self._budget_ran_out("not started"))
            if stop is not None and stop.is_set():
                raise _OutOfTime(_STOPPING.format("not started"))
            try:
                return self._get_once(url, headers, kind, feed_host, until, stop)
            except _Retry as exc:
                if attempt == attempts:
                    tries = f" (tried {attempts} times)" if attempts > 1 else ""
                    raise _Transient(f"{exc}{tries}") from None
                wait = exc.wait if exc.wait is not None else self._backoff * 2 ** (attempt - 1)
                if until is not None and time.monotonic() + wait >= until:
                    raise _OutOfTime(f"{exc}; {self._budget_ran_out('no retry')}") from None
                if stop is not None and stop.is_set():
                    raise _OutOfTime(f"{exc}; {_STOPPING.format('no retry')}") from None
                shown = public_url(url) if kind == "feed" else url
                log.debug("%s: %s; retrying in %.1f s", shown, exc, wait)
                self._sleep(wait)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _get_once(
        self,
        url: str,
        headers: dict[str, str],
        kind: Literal["feed", "page"],
        feed_host: str | None = None,
        until: float | None = None,
        stop: threading.Event | None = None,
    ) -> _Download:
        """One GET (redirects followed), the body streamed up to `max_bytes`, done by `until`
        (or when `stop` is set)."""
        guard = None
        if kind == "page" and not self._allow_private_pages:
            guard = _PageGuard(feed_host)
        token = _PAGE_GUARD.set(guard)
        own = time.monotonic() + self._max_seconds
        deadline = _DEADLINE.set(own if until is None else min(own, until))
        redirects = _LOCATIONS.set([])
        stopping = _STOP.set(stop)
        try:
            return self._fetch_body(url, headers, kind, until, stop)
        finally:
            _STOP.reset(stopping)
            _LOCATIONS.reset(redirects)
            _DEADLINE.reset(deadline)
            _PAGE_GUARD.reset(token)

    def _now(self) -> datetime:
        """The clock's time, in UTC (a naive clock means UTC)."""
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def _budget_ran_out(self, what: str) -> str:
        """Why a download stopped at the feed's time budget, e.g. "cut off: the feed's time
        budget of 120 s ran out" (a feed document that fails says so)."""
        return f"{what}: the feed's time budget of {self._feed_budget:g} s ran out"

    def _fetch_body(
        self,
        url: str,
        headers: dict[str, str],
        kind: Literal["feed", "page"],
        until: float | None = None,
        stop: threading.Event | None = None,
    ) -> _Download:
        """`_get_once` under the page rule and deadline that the caller set."""
        limit = self._max_bytes
        too_big = f"the {kind} is larger than {limit:,} bytes (news.max_page_bytes)"
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                final = str(response.url)
                if status == 304:
                    return _Download(304, final, response.headers, b"", None)
                if status == 429 or status >= 500:
                    wait = _retry_after(response, self._now())
                    if wait is not None and wait > MAX_RETRY_AFTER:
                        raise _Transient(f"the server asked to wait {_duration(wait)} ({status})")
                    raise _Retry(_status_text(response, kind), wait)
                if status == 404 and kind == "page":
                    # a story listed before its page is live (a CDN not yet updated): a page
                    # of later reads, where a PDF's answer is final
                    raise _Transient(_status_text(response, kind))
                if status >= 300:
                    raise _Failure(_status_text(response, kind))
                media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind == "page" and media and media not in _HTML_TYPES:
                    raise _Failure(f"not an HTML page ({media})")
                declared = response.headers.get("content-length", "")
                if kind == "page" and declared.isdigit() and int(declared) > limit:
                    raise _Failure(f"{too_big}: it declares {int(declared):,}")
                body = bytearray()
                cut = False
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        if kind == "page":
                            raise _Failure(too_big)
                        # a feed's first items are its newest (most feeds): read up to the
                        # limit and keep the items that arrived whole, as from a cut-off feed
                        del body[limit:]
                        cut = True
                        break
                    if until is not None and time.monotonic() >= until:
                        raise _OutOfTime(self._budget_ran_out("cut off"))
                    if stop is not None and stop.is_set():
                        raise _OutOfTime(_STOPPING.format("cut off"))
                    if time.monotonic() - started > self._max_seconds:
                        raise _Transient(f"too slow: not done after {self._max_seconds:g} s")
                return _Download(
                    status, final, response.headers, bytes(body), response.charset_encoding, cut
                )
        except httpx.TooManyRedirects:
            raise _Failure(f"more than {MAX_REDIRECTS} redirects (a redirect loop?)") from None
        except httpx.TimeoutException as exc:
            if stop is not None and stop.is_set():  # the stop's doing, not the server's
                raise _OutOfTime(_STOPPING.format("cut off")) from None
            if until is not None and time.monotonic() >= until:  # the feed's budget
                raise _OutOfTime(self._budget_ran_out("cut off")) from None
            if time.monotonic() - started >= self._max_seconds:  # the deadline, not a pause
                raise _Transient(f"too slow: not done after {self._max_seconds:g} s") from None
            raise _Retry(f"timed out ({_timeout_kind(exc)} after {self._timeout:g} s)") from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            if stop is not None and stop.is_set():  # the stop's doing, not the server's
                raise _OutOfTime(_STOPPING.format("cut off")) from None
            raise _Retry(f"connection failed ({_one_line(exc)})") from None
        except httpx.UnsupportedProtocol as exc:
            raise _Failure(f"redirected to a URL that is not http(s) ({_one_line(exc)})") from None
        except httpx.InvalidURL as exc:  # the URL was checked: a redirect's Location is bad
            raise _Failure(_bad_redirect(_LOCATIONS.get() or [], exc)) from None
        except httpx.DecodingError as exc:  # "Content-Encoding: gzip" over a plain body
            raise _Failure(
                f"the server's compressed answer could not be read ({_one_line(exc)}); "
                "its Content-Encoding header may be wrong"
            ) from None
        except httpx.HTTPError as exc:
            raise _Failure(f"{type(exc).__name__}: {_one_line(exc)}") from None
        except UnicodeError as exc:  # a host name IDNA cannot encode ("a..b", "xn--")
            raise _Failure(f"bad host name in {url} ({_one_line(exc)})") from None


# ---------------------------------------------------------------------------------------------
# Helpers


def _json_feed_as_atom(body: bytes, cut: bool = False) -> bytes | None:
    """A JSON Feed (jsonfeed.org, versions 1 and 1.1) as the Atom document it stands for, so
    that it is read as any feed is (feedparser reads no JSON); None for anything else. `cut`:
    the body stopped at news.max_page_bytes, so its items that arrived whole are read, as a
    cut RSS feed's are (a 6 MB JSON Feed had failed as "JSON ... that is no JSON Feed")."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":  # a byte-order mark may come first
        return None
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        if not cut:
            return None
        doc = _head_of_cut_json(body)
    return json_feed_atom(doc)


_JSON_SPACE = re.compile(r"[ \t\r\n]*")


def _head_of_cut_json(body: bytes) -> dict[str, Any] | None:
    """What a JSON object cut short holds whole: its members before the cut, and of its
    "items" list the items that arrived whole (a JSON Feed cut at news.max_page_bytes:
    `{"version": ..., "items": [{...}, {...}, {"id": "3", "ti` gives the version and two
    items). None when it is no JSON object."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # the cut may split a character: the text before it
        if exc.start < len(body) - 4:
            return None
        text = body[: exc.start].decode("utf-8-sig", errors="replace")
    decoder = json.JSONDecoder()

    def space(at: int) -> int:
        found = _JSON_SPACE.match(text, at)
        return found.end() if found else at

    at = space(0)
    if not text.startswith("{", at):
        return None
    doc: dict[str, Any] = {}
    at += 1
    try:
        while True:
            key, at = decoder.raw_decode(text, space(at))
            at = space(at)
            if not isinstance(key, str) or not text.startswith(":", at):
                return doc
            at = space(at + 1)
            if key == "items" and text.startswith("[", at):
                items: list[Any] = []
                doc[key] = items
                at = space(at + 1)
                while not text.startswith("]", at):
                    item, at = decoder.raw_decode(text, at)
                    items.append(item)
                    at = space(at)
                    if text.startswith(",", at):
                        at = space(at + 1)
                    elif not text.startswith("]", at):
                        return doc
                at += 1
            else:
                value, at = decoder.raw_decode(text, at)
                if at >= len(text):  # a number may have lost its last digits to the cut
                    return doc
                doc[key] = value
            at = space(at)
            if not text.startswith(",", at):
                return doc
            at = space(at + 1)
    except (ValueError, RecursionError):  # the member or item the cut went through
        return doc


def json_feed_atom(doc: object) -> bytes | None:
    """A parsed JSON Feed as the Atom document it stands for (a saved `.json` file's too:
    `retrieval.loaders`); None for any other JSON value. Its items' `url` (else
    `external_url`), `id`, `title`, `content_html` (else `content_text`), `summary`,
    `date_published`, `date_modified` and `attachments` (as enclosures) are kept."""
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        return None
    if "jsonfeed.org/version/" not in str(doc.get("version", "")):
        return None

    def field(tag: str, value: object, kind: str | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            return ""
        shown = escape(_XML_UNSAFE.sub(" ", value))
        return f'<{tag} type="{kind}">{shown}</{tag}>' if kind else f"<{tag}>{shown}</{tag}>"

    out = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">']
    out.append(field("title", doc.get("title"), "text"))
    for item in doc["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        html = item.get("content_html")
        out.append("<entry>")
        if isinstance(link, str) and link.strip():  # before the id: feedparser takes an id
            # that comes first, with no link yet, for the link
            out.append(f"<link href={quoteattr(_XML_UNSAFE.sub(' ', link.strip()))}/>")
        out.extend(_enclosures(item.get("attachments")))
        ident = item.get("id")  # a string, the spec says; some write a number
        out.append(field("id", str(ident) if isinstance(ident, str | int) else None))
        out.append(field("title", item.get("title"), "text"))
        out.append(field("published", item.get("date_published")))
        out.append(field("updated", item.get("date_modified") or item.get("date_published")))
        out.append(field("summary", item.get("summary"), "text"))
        if isinstance(html, str) and html.strip():
            out.append(field("content", html, "html"))
        else:
            out.append(field("content", item.get("content_text"), "text"))
        out.append("</entry>")
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def _enclosures(attachments: object) -> list[str]:
    """A JSON Feed item's `attachments` as Atom enclosure links: a podcast episode with no
    `url` of its own is linked to its audio file, as an RSS item's <enclosure> is (it had no
    link at all)."""
    if not isinstance(attachments, list):
        return []
    links = []
    for attachment in attachments:
        url = attachment.get("url") if isinstance(attachment, dict) else None
        if isinstance(url, str) and url.strip():
            kind = attachment.get("mime_type")
            typed = (
                f" type={quoteattr(kind)}" if isinstance(kind, str) and kind.isprintable() else ""
            )
            href = quoteattr(_XML_UNSAFE.sub(" ", url.strip()))
            links.append(f'<link rel="enclosure" href={href}{typed}/>')
    return links


_LATIN_CODECS = frozenset({"iso8859-1", "cp1252", "iso8859-15", "ascii"})
"""Single-byte charsets (as `codecs.lookup` names them) that a feed often declares out of
habit while its bytes are UTF-8 (US-ASCII too: the default label of a server's config)."""
_XML_ENCODING = re.compile(rb"""(\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([^"']*)(["'])""")
_CHARSET = re.compile(r"""(;\s*charset\s*=\s*)("?)([^";\s]*)("?)""", re.IGNORECASE)


def _utf8_despite_latin(body: bytes, content_type: str) -> tuple[bytes, str]:
    """The feed's bytes and content type, both saying UTF-8 when the feed declares a
    single-byte Latin charset (windows-1252, ISO-8859-1) but its bytes are UTF-8: Latin text
    is almost never valid UTF-8 by accident ("é" is one byte there, two in UTF-8), so the
    bytes are believed, not the label ("CafÃ© owners in ZÃ¼rich" had been stored)."""
    if body.isascii():
        return body, content_type
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:  # truly Latin (or cut in the middle of a character)
        return body, content_type
    declared = [m[2].decode("ascii", "replace") for m in [_XML_ENCODING.match(body)] if m]
    declared += [m[3] for m in [_CHARSET.search(content_type)] if m]
    codecs_named = {_codec_name(name) for name in declared}
    # koi8-r or Shift JIS named anywhere: not ours to second-guess
    if not codecs_named & _LATIN_CODECS or not codecs_named <= _LATIN_CODECS | {"utf-8"}:
        return body, content_type
    body = _XML_ENCODING.sub(rb"\1utf-8\3", body, count=1)
    return body, _CHARSET.sub(r"\1\2utf-8\4", content_type, count=1)


def browser_encoded(
    body: bytes, content_type: str = "", cut: bool = False
) -> tuple[bytes, str, str | None]:
    """A feed's bytes and content type, both in UTF-8 when it declares another charset (the
    HTTP header's, else its `<?xml encoding?>`; a byte-order mark first), read as browsers
    read the label (`_http_codec`) and not as feedparser does, by Python's codec of the
    name: "Shift_JIS" holding cp932's ① (87 40) had been read whole as windows-1252, and
    "x-mac-roman" as it, "Café" stored as "CafŽ". Also a warning when bytes are not in the
    charset (U+FFFD in their place), None if none; a feed `cut` short may end mid-character.
    A Latin label over UTF-8 bytes is not believed (`_utf8_despite_latin`)."""
    body, content_type = _utf8_despite_latin(body, content_type)
    if body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return body, content_type, None
    header = _CHARSET.search(content_type)
    written = _XML_ENCODING.match(body)
    if header is not None and header[3]:
        label = header[3]
    elif written is not None:
        label = written[2].decode("ascii", "replace")
    else:
        return body, content_type, None
    codec = _http_codec(label)
    if codec is None or codec == "utf-8" or codec.startswith("utf-16"):
        return body, content_type, None  # feedparser's own reading
    text, bad = browser_text(body, codec)
    if cut:  # the last character's bytes may not all have arrived
        bad -= len(text) - len(text.rstrip("\ufffd"))
    note = (
        f"the feed declares charset {label!r}, but holds {bad} byte{'s' * (bad != 1)} not in "
        "it: read as U+FFFD"
        if bad > 0
        else None
    )
    body = _XML_ENCODING.sub(rb"\1utf-8\3", text.encode("utf-8"), count=1)
    return body, _CHARSET.sub(r"\1\2utf-8\4", content_type, count=1), note


def _http_codec(label: str) -> str | None:
    """The codec a browser decodes a page with whose HTTP header declares this charset: the
    loaders' table of the labels browsers know (`browser_codec`: "ISO-8859-1" and
    "US-ASCII" are windows-1252, whose curly quotes and euro sign such pages hold, "€5" had
    been "\x805"; "Shift_JIS" is cp932), but for UTF-16, which a header may declare (a
    page's own <meta> cannot); None for a label browsers do not know (the header is then
    passed over, as browsers do)."""
    name = _codec_name(label)
    if name is not None and name.startswith("utf-16"):
        return name
    return browser_codec(label)


def _codec_name(name: str) -> str | None:
    """A charset's name as `codecs.lookup` gives it ("cp1252" for "Windows-1252"), or None."""
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


# what XML 1.0 cannot hold: control characters (a tab, line feed and return it can), and a
# lone surrogate (JSON's "\ud83d" of an emoji cut in half), which UTF-8 cannot hold either
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>]", re.IGNORECASE)
_ITEM_DATE = re.compile(
    rb"<(?:[\w.-]+:)?(pubDate|published|updated|date)\b[^>]*>\s*([^<]{6,80}?)\s*<",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Listing:
    """A feed document's items as its bytes list them (read before feedparser, so that a
    feed of 10,000 items is cut to `max_items` without parsing them all): where each starts
    and ends, and each one's date. It chooses the items a read keeps and says which."""

    body: bytes
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    dates: tuple[datetime | None, ...]

    @classmethod
    def of(cls, body: bytes, ends: Sequence[int]) -> _Listing:
        """The listing of a document whose items end at `ends` (`_item_ends`)."""
        first = _ITEM_START.search(body)
        starts = (first.start() if first is not None else 0, *ends[:-1]) if ends else ()
        dates = tuple(_raw_date(body[a:b]) for a, b in zip(starts, ends, strict=True))
        return cls(body, starts, tuple(ends), dates)

    @property
    def dated(self) -> bool:
        """Whether most items have a date that reads (then the newest are chosen by date,
        an undated one placed by its neighbours): one undated item had turned it off."""
        known = sum(when is not None for when in self.dates)
        return known > 0 and known * 2 > len(self.dates)

    @property
    def _steps(self) -> tuple[int, int]:
        """How many times a dated item is older than the next dated one, and how many newer."""
        known = [when for when in self.dates if when is not None]
        forward = sum(a < b for a, b in pairwise(known))
        back = sum(a > b for a, b in pairwise(known))
        return forward, back

    @property
    def _trend(self) -> int:
        """The order the dated items go in, as most of them go: 1 oldest first, -1 newest
        first, 0 none (as many go back as forward, or none go either way). Each dated item is
        compared with the next dated one; one item listed out of place (a story moved up
        when corrected) does not make a feed one in no order."""
        forward, back = self._steps
        if forward > 3 * back:  # three in four of the steps that move, at least
            return 1
        if back > 3 * forward:
            return -1
        return 0

    @property
    def oldest_first(self) -> bool:
        """Whether the feed lists its items oldest first, as most of its dates go."""
        return self._trend == 1

    @property
    def newest_first(self) -> bool:
        """Whether the feed lists its items newest first, as most of its dates go."""
        return self._trend == -1

    def chosen(self, limit: int) -> list[int]:
        """The numbers (from 0, in feed order) of the `limit` items a read keeps: the
        newest by date when most items have one; else in feed order, the first, or the last
        of a feed listed oldest first (most feeds list the newest first). An undated item
        takes the date of the dated item before it (else after it) and comes after it in
        the feed's direction; items of one time are newer the later an oldest-first feed
        lists them, the earlier any other does."""
        count = len(self.ends)
        if not self.dated:
            return list(range(count - limit, count) if self.oldest_first else range(limit))
        later = 1 if self.oldest_first else -1  # a later place in the feed: newer, or older
        # before the first dated item, an undated one takes its date
        placed = [next(when for when in self.dates if when is not None)]
        for when in self.dates:
            placed.append(placed[-1] if when is None else when)
        del placed[0]
        by_date = sorted(range(count), key=lambda n: (placed[n], later * n), reverse=True)
        return sorted(by_date[:limit])

    def newest(self, limit: int) -> bytes:
        """The document with only the items `chosen` kept, its head and tail (the closing
        tags; a cut feed's item that did not arrive whole) as they were."""
        head = self.body[: self.starts[0]]
        kept = (self.body[self.starts[n] : self.ends[n]] for n in self.chosen(limit))
        return head + b"".join(kept) + self.body[self.ends[-1] :]

    @property
    def by_date(self) -> bool:
        """Whether the items kept are the newest as dates tell (all of them, or the first
        and last of a feed listed oldest first), not a guess from the feed's order."""
        return self.dated or self.oldest_first

    def note(self, limit: int) -> str:
        """The warning for a feed listing more than `limit` items, e.g. "the feed has 40
        items, oldest first; only the newest 5 were read"."""
        order = ", oldest first" if self.oldest_first else ""
        which = f"newest {limit:,}" if self.by_date else f"first {limit:,}"
        return f"the feed has {len(self.ends):,} items{order}; only the {which} were read"

    def cut_note(self, limit: int, kept: int) -> str:
        """The warning for a feed cut at `limit` bytes (news.max_page_bytes) of which `kept`
        items were read: what it kept of the items that arrived, and whether they may not
        be its newest, e.g. "... read its first 10 KB and kept the 5 newest of its 30 items
        that arrived whole". One line: the feed's own warning had said "only its first 50
        items were read" of the 50 it kept from the end."""
        arrived = len(self.ends)
        if kept >= arrived:
            what = f"its {counted_items(kept)} that arrived whole"
        elif self.by_date:
            what = f"the {kept:,} newest of its {arrived:,} items that arrived whole"
        else:
            what = f"the first {kept:,} of its {arrived:,} items that arrived whole"
        if self.oldest_first:
            what += " (it lists its oldest first: its newest items lie past the cut)"
        elif self.newest_first:
            pass  # what lies past the cut is older
        elif self.dated and any(self._steps):  # the newest of those that arrived, not the feed's
            what += " (it lists its items in no order: newer ones may lie past the cut)"
        else:  # undated, or its dates show no order (one item, or all of one time)
            what += " (its newest only if it lists the newest first)"
        return (
            f"the feed is larger than {limit:,} bytes (news.max_page_bytes): read its first "
            f"{_size(limit)} and kept {what}"
        )


def _size(count: int) -> str:
    """A number of bytes as a warning says it: "300 bytes", "10 KB", "12.3 KB", "5 MB"."""
    if count < 1000:
        return f"{count:,} bytes"
    if count < 1_000_000:
        return f"{round(count / 1000, 1):g} KB"
    return f"{round(count / 1_000_000, 1):g} MB"


def _raw_date(item: bytes) -> datetime | None:
    """The date an item's bytes give it, in UTC: its first publication date that reads
    (RSS's pubDate, Atom's published, Dublin Core's date), else its first Atom updated; None
    when it has none that reads. Not the first tag: WordPress's Atom writes <updated> before
    <published>, so an old post edited today had been chosen over newer stories."""
    updated: datetime | None = None
    for found in _ITEM_DATE.finditer(item):
        when = _date_text(found[2])
        if when is None:
            continue
        if found[1].lower() != b"updated":
            return when
        updated = updated or when
    return updated


def _date_text(raw: bytes) -> datetime | None:
    """A date as an item's bytes write it (RFC 822 or ISO 8601), in UTC; None if unread."""
    text = raw.decode("utf-8", "replace").strip()
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _entry_time(entry: Any) -> tuple[int, ...]:
    """A parsed entry's time for ordering (published, else updated); () when it has none."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return tuple(stamp[:6]) if stamp else ()


def _cut_note(items: int, kept: int, oldest_first: bool) -> str:
    """The warning for a feed cut at `max_items`."""
    if oldest_first:
        return f"the feed has {items:,} items, oldest first; only the newest {kept:,} were read"
    return f"the feed has {items:,} items; only the first {kept:,} were read"


def _item_ends(body: bytes) -> list[int]:
    """Where each item (or entry) of a feed document ends, as offsets into the bytes; an end
    tag written inside CDATA or a comment (an item's HTML, quoted) is no end."""
    if b"<!" not in body:
        return [match.end() for match in _ITEM_END.finditer(body)]
    hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(body)]
    starts = [start for start, _ in hidden]
    ends: list[int] = []
    for match in _ITEM_END.finditer(body):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at < 0 or match.start() >= hidden[at][1]:
            ends.append(match.end())
    return ends


def _budget_note(budget: float, late: int, kept: int, left: int, *, stopped: bool = False) -> str:
    """The feed's one warning about the pages its time budget stopped (`late`): `kept` items
    used the feed's text, `left` had none and wait for the next read. `stopped`: the bot's
    stop, not the budget, stopped them."""
    why = "newsbot is stopping" if stopped else f"the feed's time budget of {budget:g} s ran out"
    note = f"{why}: {late} page{'' if late == 1 else 's'} not fetched"
    if kept:
        note += f"; {kept} item{'' if kept == 1 else 's'} used the feed's own text"
    if left:
        note += (
            f"; {left} item{'' if left == 1 else 's'} without text of "
            f"{'its' if left == 1 else 'their'} own left for the next read"
        )
    return note


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    """A numeric character reference, or U+FFFD's for one naming no character a text can hold
    (a surrogate or beyond U+10FFFF: feedparser's lenient parser raises on those and loses
    the whole feed)."""
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group()


def _unused_pages_note(unused: Sequence[tuple[int, str | None, str]], feed_url: str) -> str | None:
    """The feed's one warning about the item pages not used in a read (their items keep the
    feed's text): one page named in full, more counted by why, e.g. "100 item pages not used
    (HTTP 404: 97, timed out: 3); their items keep the feed's own text (--debug names each
    page)", each page then at DEBUG. A line per page had been 100 WARNING lines a read for
    a site whose pages are gone, again at each read that tries them again."""
    if not unused:
        return None
    ordered = sorted(unused, key=lambda noted: noted[0])  # those of shared pages came last
    if len(ordered) == 1:
        number, link, why = ordered[0]
        return f"item {number}: page {link} {why}; used the feed's own text"
    shown = public_url(feed_url)
    for number, link, why in ordered:
        log.debug(
            "feed %s: item %d: page %s %s; used the feed's own text", shown, number, link, why
        )
    kinds = Counter(_page_problem_kind(why) for _, _, why in ordered)
    counts = ", ".join(f"{kind}: {count}" for kind, count in kinds.most_common())
    return (
        f"{len(ordered)} item pages not used ({counts}); their items keep the feed's own text "
        "(--debug names each page)"
    )


def _page_problem_kind(why: str) -> str:
    """What a page problem is, without what differs from page to page, to count pages by it:
    "HTTP 404" for "not used (HTTP 404 Not Found)", "timed out" for "not used (timed out (no
    answer after 10 s) (tried 3 times))", "on a private address" for "on a private address
    (10.0.0.5) not fetched"."""
    reason = (
        why.removeprefix("not used (").removesuffix(")") if why.startswith("not used (") else why
    )
    if reason.startswith("HTTP "):
        return " ".join(reason.split()[:2])
    if reason.startswith("redirects to "):
        return "redirected to a non-public address"
    if reason.startswith("the same text as the page"):
        return "the same text as other items' pages (a cookie or consent page?)"
    return re.split(r" \(|: |; ", reason, maxsplit=1)[0]


_PAGE_NOTE = re.compile(r"item \d+: page \S+ |\d+ item pages not used ")
_VARYING = re.compile(r"https?://\S+|\d[\d,.]*")


def warning_kind(warning: str) -> str:
    """A feed warning without what changes from read to read (counts, item numbers, links),
    to tell whether a feed warned of this before: `newsbot run` gives it at WARNING once,
    then at INFO, as a failing feed. All notes of item pages not used are one kind, one page
    or a hundred ("item 3: page ... not used (HTTP 404 Not Found)", "100 item pages not used
    (...)")."""
    if _PAGE_NOTE.match(warning):
        return "item pages not used"
    return _VARYING.sub("#", warning)


def _without_shared_pages(
    items: list[FetchedItem],
    entries: list[FeedEntry],
    skipped: list[tuple[str, str]],
    unused: list[tuple[int, str | None, str]],
) -> list[FetchedItem]:
    """The items, but those whose page text is the very text of another item's page under
    another title: that is no story but what the site serves instead of one (a cookie or
    consent wall, a paywall), and longer than a summary it would replace every one of them
    and make them one story group. They keep the feed's own text; without any they are
    skipped. Only this evidence counts: the words of consent walls differ by site and
    language, and a story may well be about cookies."""
    groups: dict[str, list[int]] = {}
    for number, item in enumerate(items):
        if item.text_from == "page":
            body = "\n".join(p.text for p in item.article.paragraphs)
            groups.setdefault(content_hash(body), []).append(number)
    shared: dict[int, int] = {}  # an item's position: how many other items share its page
    for members in groups.values():
        titles = {items[n].article.headline.casefold() for n in members}
        if len(members) > 1 and len(titles) > 1:
            shared.update(dict.fromkeys(members, len(members) - 1))
    if not shared:
        return items
    kept: list[FetchedItem] = []
    for number, (item, entry) in enumerate(zip(items, entries, strict=True)):
        if number not in shared:
            kept.append(item)
            continue
        others = shared[number]
        why = (
            f"not used (the same text as the page{'s' if others > 1 else ''} of {others} other "
            f"item{'s' if others > 1 else ''} under other titles: a cookie or consent page?)"
        )
        if not entry.text:
            skipped.append((entry.label, f"no text: page {why} and the feed gives none"))
            continue
        unused.append((entry.number, entry.link, why))
        own = tuple(Paragraph(text) for text in entry.text)
        article = replace(item.article, paragraphs=own, standfirst="")
        kept.append(replace(item, article=article, text_from="feed"))
    return kept


# an address of an audio or video file, no page: a podcast's permalink guid
_MEDIA_FILE = re.compile(r"\.(?:mp3|m4a|aac|ogg|oga|opus|wav|flac|mp4|m4v|mov|webm)$", re.I)


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # "tag:", "urn:", "https:"
# a link with its scheme: not "site.com:8080/x", which urlsplit reads as the scheme "site.com"
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
NO_SITE = (
    "a path on the feed's site, and the file names no site to read it against (give its "
    "channel a <link> to the site's address, https://...)"
)
"""Why a saved feed's relative link is not used when the feed names no site."""
_PAGE_NAME = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)  # story-5.html
# a link's first part that is a host: "www." and more, or labels whose last is letters only
# ("site.com", "news.site.co.uk"; not "story-5.html", "v1.2", "2024.07.03")
# (its last label in lower case or in capitals: "Mr.Smith" is a name, "Reuters.COM" a host;
# capitalised only before a path: "Example.Com/story", as a person types it)
# A port may follow ("site.com:8080/x"). Then "/" or the end: a host right before "?"
# ("article.do?id=5", "story.pl?id=2") is a server page's name, unless it starts "www."
_HOST_FIRST = re.compile(
    r"(?:(?i:www)\.[\w.-]+(?P<wport>:\d+)?(?=[/?#]|$)"
    r"|(?:[\w-]+\.)+(?:[a-z]{2,}|[A-Z]{2,})(?P<port>:\d+)?(?=[/#]|$)"
    r"|(?:[\w-]+\.)+[A-Z][a-z]+(?=/))",
    re.ASCII,
)
# server pages' names that end as a host does: Domino, CGI, JSF, ASP.NET handlers, Struts
_SERVER_PAGE = re.compile(r"\.(?:nsf|cgi|jsf|xhtml|ashx|asmx|action)$", re.IGNORECASE)
# a file's name, not a host, though its last label is letters: "report.pdf", "feed.xml"
# (and `_MEDIA_FILE`'s: "ep0.aac")
_FILE_NAME = re.compile(
    r"\.(?:pdf|xml|rss|atom|json|txt|md|csv|docx?|xlsx?|pptx?|jpe?g|png|gif|webp|svg|zip|gz"
    r"|mkv|avi)$",
    re.IGNORECASE,
)


def host_address(link: str) -> str | None:
    """A link written without its scheme that begins with a host ("www.site.com/story/4",
    "site.com", "//cdn.site.com/x") as an address, https://; None for another (a path:
    "/news/1", "story-5.html", "index.php/2024/x"; a file's name: "report.pdf"; a name:
    "Mr.Smith"; an id: "tag:...")."""
    if link.startswith("//"):  # protocol-relative: a host of labels, localhost or an IP
        address = f"https:{link}"
        host = urlsplit(address).hostname if _splits(address) else None
        return address if host and _PLAIN_HOST.fullmatch(host) else None
    first = _HOST_FIRST.match(link)  # no scheme's name ("tag:", "urn:") holds a dot
    if first is None:
        return None
    port = "port" if first["port"] else "wport" if first["wport"] else None
    host = first.group()[: first.start(port)] if port else first.group()
    if any(rule.search(host) for rule in (_PAGE_NAME, _FILE_NAME, _MEDIA_FILE, _SERVER_PAGE)):
        return None
    return f"https://{link}"


# a host "//" may name with no site to read it against: labels with a dot, localhost, an
# IPv6 address ("//x", "// /x", "//-/x" are none)
_PLAIN_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+|localhost|[0-9a-f:.]*:[0-9a-f:.]*", re.I)


def _splits(link: str) -> bool:
    """Whether urlsplit reads a link ("//[bad/x", an IPv6 address left open, it cannot)."""
    try:
        urlsplit(link)
    except ValueError:
        return False
    return True


def _host_first(link: str, base: str) -> str | None:
    """An item's scheme-less link that begins with a host, as an https address, or None to
    read it as a path. With no site to read it against, any `host_address`; beside one,
    only a link that cannot be a path there: "www.site.com/story/1" (which had become
    "https://site.com/www.site.com/story/1") or one with a port ("site.com:8080/x": a
    relative path's first part holds no colon); "//cdn.site.com/x" is left to urljoin, which
    gives it the site's scheme, as a browser does. A relative "article.do?id=5",
    "about.us/team" or "news.nsf/item" is a path on the site: beside a site, a dot and a
    last label of letters are no sign of a host (a verifier found such links sent to other
    real domains)."""
    if base and link.startswith("//"):
        return None  # the site's own scheme, as a browser reads it (urljoin): http stays http
    first = _HOST_FIRST.match(link)
    if base and link[:4].lower() != "www." and not (first and first["port"]):
        return None  # a relative path's first part holds no ":": "site.com:8080/x" is a host
    return host_address(link)


def site_address(value: object) -> str | None:
    """A feed's <link> (a saved feed's site, which its relative links are read against) when
    it is one: an http(s) address, or a host written without its scheme ("site.com",
    "www.site.com/news", given https://). Not an Atom feed's <id> that feedparser gives for a
    link when it has none ("urn:uuid:...", "tag:..."): taken for the site, it had made the
    advice for a relative link "write https:///posts/1"."""
    if not isinstance(value, str) or not (value := value.strip()):
        return None
    if not _splits(value):
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https"):
        return value if parts.netloc else None
    return host_address(value)


def read_entry(
    raw: Any, number: int, base: str = "", feed_site: OwnSite | None = None
) -> FeedEntry:
    """A feedparser entry as a FeedEntry, its relative link read against `base` (the feed's
    address; a saved feed's site), its outlet the other site its <source> names (not
    `feed_site`, the feed's own). The one reading of an item, by URL and from a file."""
    title = clean_title(raw.get("title"), raw.get("title_detail"))
    site = feed_site or OwnSite()
    outlet = _outlet(raw, site)
    if outlet and title.endswith(f" - {outlet}"):  # Google News: "Headline - Outlet"
        title = title[: -len(outlet) - 3].rstrip()
    elif outlet is None:
        title = _without_own_name(title, site)
    guid = _text(raw.get("id")).strip() or None
    link = _text(raw.get("link")).strip() or None
    own_link = (  # the item's own <link> (feedparser lists no link it copied from a guid),
        # written as a path ("rel/cheese"; not "12345" or "tag:site,2024:1", ids as the guid)
        link is not None
        and ("/" in link or _PAGE_NAME.search(link) is not None)
        and not _SCHEME.match(link)
        and any(
            isinstance(each, dict)
            and each.get("href")
            and each.get("rel", "alternate") == "alternate"
            for each in raw.get("links") or ()
        )
    )
    if link and link == guid and not guid.lower().startswith(_GUID_LINKS) and not own_link:
        # feedparser copies a guid into the link: only a guid that is a web address (or a
        # path on the feed's site) is one; "urn:uuid:...", "98765" or "tag:..." are ids.
        # Its `guidislink` is no test of that: set on meeting an <id> or <guid> while no
        # link was read yet, it stays set when the item's own <link> follows (YouTube's,
        # Blogger's, GitHub's and Reddit's Atom put <id> first), which lost every such link.
        # A <link>rel/cheese</link> written beside the same <guid> is the item's link
        link = None
    if link is None and guid and guid.lower().startswith(("http://", "https://")):
        # an empty <link/> (feedparser's "") over a guid that is a web address: RSS's guid is
        # the item's permalink unless it says otherwise (feedparser does not tell which);
        # the item had been stored without a link, with its summary for text
        link = guid
    bad_link = ""
    if link and not _splits(link):  # "//[bad/x": urlsplit raises, which lost the whole file
        bad_link = f"its link {_shown_link(link)} is not used: it is no web address"
        link = None
    media = False
    if link is None:
        # a podcast episode without a <link>: its <enclosure> (the MP3) is the one address
        # the publisher gives for it, so an answer can point to it; it is no page to read
        enclosures = (_text(x.get("href")) for x in raw.get("links") or [] if _is_enclosure(x))
        link = next((href for href in enclosures if href), None)
        media = link is not None
    elif _MEDIA_FILE.search(urlsplit(link).path):
        media = True  # a permalink guid that is the episode's MP3: no page to download
    if link and not _ABSOLUTE.match(link) and (address := _host_first(link, base)):
        link = address
    if link and not urlsplit(link).scheme and base:
        link = urljoin(base, link)  # "/news/1" on the feed's site
    if link and any(char.isspace() for char in link):  # as a browser sends it
        link = _SPACE.sub(lambda m: quote(m.group()), link)
    if link and not base and not urlsplit(link).scheme and not link.startswith("//"):
        # a saved feed that names no site (no channel <link>): "https:///news/1" is no fix
        bad_link = f"its link {_shown_link(link)} is not used: {NO_SITE}"
        link = None
    elif link and (problem := _url_problem(link)):
        # the item stays, with the feed's own text: a bad link is no bad story
        bad_link = f"its link {_shown_link(link)} is not used: {problem}"
        link = None
    field = "published" if raw.get("published_parsed") else "updated"
    stamp = dict.get(raw, f"{field}_parsed")  # feedparser's own .get warns of a fallback
    published: datetime | None = None
    bad_date = ""
    # as written (dict.get: feedparser's .get maps a missing "updated" to "published", warning)
    written = (_text(dict.get(raw, name)).strip() for name in (field, "published", "updated"))
    text = next((t for t in written if t), "")
    shown = text if len(text) <= 40 else text[:39] + "…"
    if stamp:
        if not _calendar_date(text):  # feedparser rolls 2024-13-45 over into 2025
            bad_date = f"“{shown}” is no calendar date"
        elif stamp[0] > MAXYEAR:  # "9999-12-31T23:59-01:00" is in year 10000 in UTC
            published = _END_OF_TIME
        else:
            try:
                published = datetime(*stamp[:6]).replace(tzinfo=UTC)
            except (ValueError, OverflowError, TypeError):
                bad_date = "is out of range"
    elif (printed := written_day(text)) is not None and printed.year == MAXYEAR:
        published = _END_OF_TIME  # feedparser drops an RFC 822 date that UTC takes past 9999
    elif text:  # feedparser reads none of RSS's own "Fri, 30 Feb 2024" or "25:00:00 GMT"
        published, bad_date = _fallback_date(text, shown)
    if published is not None and (published == _UNIX_EPOCH or published.year < _FIRST_YEAR):
        bad_date = f"“{shown}” is a placeholder, not the item's date"
        published = None
    day = published.date() if published is not None else None
    if day is not None and (printed := written_day(text)) and abs((printed - day).days) <= 1:
        day = printed  # the day in the item's own offset, as a saved copy of the feed reads
    own = entry_text(raw)
    # feedparser gives a day alone midnight UTC, which would rank it above its day's timed
    # stories: only the date as written tells whether it had a time (a date read by
    # `_fallback_date` is a day, whatever it wrote)
    timed = bool(stamp) and published is not None and _TIME_OF_DAY.search(text) is not None
    return FeedEntry(
        number, title, link, guid, published, own, bad_date, bad_link, day, media, outlet, timed
    )


_TIME_OF_DAY = re.compile(r"\d:\d\d|\dT\d\d")  # "08:00", "T08:00", ISO's basic "T0800"


def _without_own_name(title: str, own: OwnSite) -> str:
    """A headline without the feed's own name after it ("Monsoon arrives in Kerala - The
    Hindu" in The Hindu's feed), which the source shown beside it repeats: a saved copy had
    lost it (the loaders' rule for "Headline - Source" records), a feed read by URL kept
    it. Another name after a dash stays ("... - Our Reporter")."""
    cut = len(title)
    # from the last dash back: a name may hold one ('... - "fire" - Google News'); each
    # tail folded on its own ("Straße gesperrt - Die Zeit": "ß" folds to two letters)
    while (cut := title.rfind(" - ", 0, cut)) > 0:
        if normalize_space(title[cut + 3 :]).casefold() in own.names and title[:cut].strip():
            return title[:cut].rstrip()
    return title


def _outlet(raw: Any, own: OwnSite) -> str | None:
    """The outlet an aggregator (Google News) names in the item's <source>: the story's
    source, not the aggregator's channel; None without one, or when it names the feed's own
    site (`own`: a site's feed that names itself in every item keeps its configured name)."""
    source = raw.get("source")
    name = source.get("title") if isinstance(source, dict) else None
    if not isinstance(name, str) or not (name := normalize_space(name)):
        return None
    assert isinstance(source, dict)
    address = source.get("href") or source.get("link")  # RSS's url=, Atom's <link>
    return None if own.holds(name, address if isinstance(address, str) else None) else name


def _when_ahead(day: date, published: datetime | None, now: datetime) -> str:
    """How a warning names an item's date that lies ahead: "date 2030-01-01", or with its
    time when its day is the read's own ("Wed, 02 Dec 2026 23:30 -0800" read early on 2
    December UTC: "date 2026-12-02 is in the future; used the fetch date 2026-12-02" named
    today as the future)."""
    if published is None or day > now.date():
        return f"date {day.isoformat()}"
    return f"its time, {published:%Y-%m-%d %H:%M} UTC,"


def _fallback_date(text: str, shown: str) -> tuple[datetime | None, str]:
    """A date feedparser could not read, read as the loaders read an article file's
    ("November 29, 2026", "28/11/2026", Drupal's "Tuesday, November 24, 2026 - 10:00"): its
    day at midnight UTC, or None and why. These had all been called "no calendar date", which
    made the publisher's real date sound wrong; that is now said only of an impossible one
    ("Fri, 30 Feb 2024", "25:00:00 GMT"; "31/02/2026" and "February 30, 2026" with the
    month's days, as an article file's warning says it: `NoSuchDate`), and a numeric date
    whose order does not show (03/04/2026) is named ambiguous, never guessed. One with a
    month or day 0 ("0/0/2026", a blank an export wrote) is said to be no date at all (it
    had been "ambiguous (0  or 0  2026 ...)"; the others "in a form Newsbot cannot read")."""
    fields = parsedate_tz(text)
    if fields is not None:  # RFC 822 fields feedparser refused: an impossible day or time
        year, month, day, hour, minute, second = fields[:6]
        try:
            date(year, month, day)
        except ValueError:
            return None, f"“{shown}” is no calendar date"
        if hour > 23 or minute > 59 or second > 60:
            return None, f"“{shown}” is no calendar date"
    try:
        printed = parse_date(text, "date")
    except NoSuchDate as exc:  # "is no calendar date (February 2026 has 28 days)"
        return None, f"“{shown}” {exc.fault}"
    except CorpusError as exc:
        reason = str(exc)
        if " is ambiguous: " in reason:  # "4 March or 3 April 2026 (nothing shows ...)"
            which = reason.split(" is ambiguous: ", 1)[1].split(" (", 1)[0]
            return None, f"“{shown}” is ambiguous ({which}: nothing shows which is the day)"
        return None, f"“{shown}” is in a form Newsbot cannot read"
    return datetime(printed.year, printed.month, printed.day, tzinfo=UTC), ""


def _is_enclosure(link: Any) -> bool:
    """Whether a feedparser link is an item's enclosure (`rel="enclosure"`)."""
    return isinstance(link, dict) and link.get("rel") == "enclosure"


MADE_HEADLINE_CHARS = 120
"""The longest headline made from an untitled item's first sentence (longer is cut)."""


def first_sentence(paragraphs: Sequence[Paragraph]) -> str:
    """An untitled item's first sentence, as its headline: cut at a word before
    MADE_HEADLINE_CHARS, with an ellipsis."""
    if not paragraphs:
        return ""
    text = paragraphs[0].text
    start, end = sentence_spans(text)[0] if text else (0, 0)
    sentence = text[start:end].strip()
    if len(sentence) <= MADE_HEADLINE_CHARS:
        return sentence
    cut = sentence[: MADE_HEADLINE_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:-") + "…"


_SPACE = re.compile(r"\s")
_GUID_LINKS = ("http://", "https://", "/")  # compared with the guid in lower case


def _shared_guids(entries: Sequence[FeedEntry]) -> dict[str, int]:
    """The guids that items telling different stories share (a feed that gives every item
    its site's address, or one tag), each with how many items hold it: no story's id. Items
    that share a guid, a title and a text are copies of one story (and links still tell
    copies apart)."""
    by_guid: dict[str, list[FeedEntry]] = {}
    for entry in entries:
        if entry.guid is not None:
            by_guid.setdefault(entry.guid, []).append(entry)
    return {
        guid: len(held)
        for guid, held in by_guid.items()
        if len({(entry.title, entry.text) for entry in held}) > 1
    }


def counted_items(n: int) -> str:
    """ "1 item", "3 items", "5,463 items"."""
    return f"{n:,} item{'' if n == 1 else 's'}"


def _shown_link(link: str) -> str:
    """A dropped link as a warning shows it: at most 60 characters, on one line."""
    shown = link if len(link) <= 60 else link[:59] + "…"
    return repr(shown) if not shown.isprintable() else shown


_ISO_DATE = re.compile(
    r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_DIGITS = re.compile(r"\s*[+-]?\d+(?:\.\d*)?\s*")


def _calendar_date(text: str) -> bool:
    """Whether a date as the feed wrote it can be a real one: feedparser rolls impossible
    fields over (2024-13-45 becomes 2025-01-01, 25:00 the next day) and reads a bare number
    (a Unix time, say) as some date. Formats it reads field by field (RFC 822) pass."""
    if _DIGITS.fullmatch(text):  # only YYYYMMDD (or YYMMDD, YYYY) is a date
        digits = text.strip()
        formats = {8: "%Y%m%d", 6: "%y%m%d", 4: "%Y"}
        if len(digits) not in formats:
            return False
        try:
            datetime.strptime(digits, formats[len(digits)])
        except ValueError:
            return False
        return True
    iso = _ISO_DATE.match(text)
    if iso is None:
        return True
    year, month, day, hour, minute, second = (int(g) if g else None for g in iso.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return (hour or 0) <= 23 and (minute or 0) <= 59 and (second or 0) <= 60


def _host_key(host: str) -> str:
    """A host name as compared with the feed's host: lower case, no trailing dot."""
    return host.lower().rstrip(".")


def _url_host(url: str) -> str | None:
    """The host of a URL as httpx sends it (IDNA, IPv6 without brackets), for `_host_key`."""
    try:
        return _host_key(httpx.URL(url).raw_host.decode("ascii")) or None
    except (httpx.InvalidURL, UnicodeError):
        return None


def _addresses(host: str, port: int | None) -> list[str]:
    """The IP addresses a host name stands for (an IP literal: itself); OSError if none."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise OSError(f"{host}: the name has no addresses")
    return addresses


def _address_kind(address: str) -> str | None:
    """None for a public address, else what it is: "a private address", "a loopback ..."."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "an unrecognised address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return _address_kind(str(ip.ipv4_mapped))  # ::ffff:10.0.0.1 reaches 10.0.0.1
    kinds = [
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "a non-public address"),
    ]
    return next((kind for applies, kind in kinds if applies), None)


def entry_text(raw: Any) -> tuple[str, ...]:
    """The item's own text as paragraphs: its content if any, else its summary (a podcast's
    <itunes:summary> too), else a podcast's <itunes:subtitle>, a line on the episode."""
    parts = [*(raw.get("content") or []), raw.get("summary_detail"), raw.get("subtitle_detail")]
    for part in parts:
        if not part or not _text(part.get("value")):
            continue
        value = part["value"]
        if "html" in str(part.get("type", "text/html")):
            paragraphs = _html_paragraphs(value)
        else:
            paragraphs = [normalize_space(line) for line in value.splitlines()]
        if found := tuple(p for p in paragraphs if p):
            return found
    return ()


# a page a site sends readers to instead of a story, by a part of its path (the first or
# the last, of a short path) or the first label of its host: a sign-in or subscription page
# ("/account/login?next=...", "/users/sign_in", accounts.google.com), a cookie or consent
# page (consent.yahoo.com), an error page ("/errors/410", "/page-not-found")
_SIGN_IN = re.compile(
    r"log-?_?in|sign-?_?in|sign-?_?on|sso|auth|oauth|my-?_?account|accounts?|register"
    r"|subscri\w*|paywall|premium",
    re.IGNORECASE,
)
_CONSENT = re.compile(
    r"(?:cookie-?_?)?consent|collectconsent|cookies?|cookie-?_?(?:policy|settings|wall)"
    r"|privacy-?_?gate|gdpr",
    re.IGNORECASE,
)
_GONE = re.compile(r"gone|404|410|errors?|(?:page-?_?)?not-?_?found", re.IGNORECASE)
_AWAY_KINDS = (
    (_SIGN_IN, "a sign-in or subscription page"),
    (_CONSENT, "a cookie or consent page"),
    (_GONE, "an error page (the story is gone)"),
)
MAX_AWAY_PARTS = 3  # a path longer than this is a story's, whatever its parts say


def _front_like(url: str) -> bool:
    """Whether an address is a site's front or section page: "/", "/en/", "/news", one
    short part without the digits or dashes of a story's slug, and no query ("/watch?v=",
    "/item?id=", WordPress's "/?p=123" are stories) but a flag's ("/?removed=1")."""
    split = urlsplit(url)
    parts = [part for part in split.path.split("/") if part]
    values = [value[1:].lower() for value in _QUERY_VALUES.findall(split.query)]
    if any(value not in _FLAG_VALUES for value in values):
        return False
    if not parts:
        return True
    return len(parts) == 1 and len(parts[0]) <= 20 and parts[0].isalpha()


_QUERY_VALUES = re.compile(r"(?:^|&)[^=&]*(=[^&]*)")  # "=value" of each key
_FLAG_VALUES = frozenset({"", "0", "1", "true", "false", "yes", "no"})  # "?removed=1"


def _redirected_away(got: _Download, link: str) -> str | None:
    """Why a page that a story's link redirected to is no page of that story, or None: the
    site's front or a section page (a removed story sent "home"), or a sign-in,
    subscription, consent or error page. Its text had replaced the item's: "Welcome to the
    Gazette, your source for local news"."""
    if not got.url or got.url == link or story_url_key(link) is None:
        return None
    parts = urlsplit(got.url)
    # the parts as words ("/login.php", "/404.html"); the host's first label only when the
    # redirect left the link's host (premium.example.com's own stories are no sign-in page)
    path = [part.rsplit(".", 1)[0] for part in parts.path.split("/") if part]
    label = (parts.hostname or "").split(".")[0]
    other_host = (parts.hostname or "") != (urlsplit(link).hostname or "")
    ends = (path[:1] + path[-1:] if len(path) <= MAX_AWAY_PARTS else []) + (
        [label] if other_host else []
    )
    linked = {part.casefold() for part in urlsplit(link).path.split("/") if part}
    for pattern, kind in _AWAY_KINDS:
        if any(pattern.fullmatch(end) and end.casefold() not in linked for end in ends):
            return f"it redirects to {kind}"
    if _front_like(got.url) and not _front_like(link):
        return "it redirects to the site's front page"
    return None


def _page_article(got: _Download, origin: str) -> Article:
    """The main text of a downloaded page; raises _Failure when it has none, or when the page
    the link redirected to is no page of the story (`_redirected_away`)."""
    if (away := _redirected_away(got, origin)) is not None:
        raise _Failure(away)
    if b"\x00" in got.body[:1024]:
        raise _Failure("not an HTML page (binary content)")
    try:
        return parse_html(_decode(got.body, got.charset), origin)
    except NotAnArticle as exc:
        raise _Failure(_one_line(exc)) from None
    except CorpusError as exc:
        raise _Failure(f"no article text ({_one_line(exc)})") from None
    except Exception as exc:  # a bug in the extractor on a hostile page must not stop the feed
        log.debug("extraction failed on %s", origin, exc_info=True)
        raise _Failure(f"text extraction failed ({type(exc).__name__})") from None


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(body: bytes, charset: str | None) -> str:
    """A page's text, in the order a browser decides (the WHATWG encoding sniffing): the
    HTTP charset, else a byte-order mark, else the page's own <meta charset> or http-equiv
    declaration (sites in windows-1251 or koi8-r say so only there; read as the loaders read
    a saved page's), else UTF-8, else Windows-1252 (Latin-1). An HTTP charset of
    ISO-8859-1 or windows-1252 over bytes that are UTF-8 (an old Apache's AddDefaultCharset)
    is not believed, as for a feed (`_utf8_despite_latin`): "CafÃ© in SÃ£o Paulo" had been
    stored, and a search for "café" could not find it. One of ISO-8859-1 or US-ASCII over
    other bytes is windows-1252, as a browser reads it (`_http_codec`): "€5" had been
    "5", its euro sign read as an invisible control."""
    if charset:
        said = f"text/html; charset={charset}"
        if _utf8_despite_latin(body, said)[1] != said:
            charset = "utf-8"
        if (codec := _http_codec(charset)) is not None:
            return body.decode(codec, errors="replace")
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    declared = declared_text(body)
    if declared is not None:
        return declared
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("windows-1252", errors="replace")


# control characters but the spaces (normalize_space collapses those): C0, DEL and C1
_CONTROLS = dict.fromkeys(c for c in [*range(0x20), *range(0x7F, 0xA0)] if not chr(c).isspace())


def clean_title(value: Any, detail: Any) -> str:
    """A title as plain text: tags dropped, entities decoded (twice-escaped ones too), control
    characters gone (a NUL or a terminal's colour code is no part of a headline; the search
    drops them from questions the same way)."""
    text = _text(value)
    if text and detail and "html" in str(detail.get("type", "")):
        text = " ".join(_html_paragraphs(text))
    return normalize_space(without_terminal_codes(unescape(text)).translate(_CONTROLS))


def _text(value: Any) -> str:
    """A feedparser field as a stripped string ("" when missing or not text)."""
    return value.strip() if isinstance(value, str) else ""


def _status_text(response: httpx.Response, kind: Literal["feed", "page"]) -> str:
    """The status, e.g. "HTTP 404 Not Found", with a hint for the common cases of a feed."""
    text = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if kind == "page":
        return text
    if response.status_code in (404, 410):
        return text + ": check the feed URL"
    if response.status_code in (401, 403):
        return text + ": the server refuses to serve the feed to this bot"
    if 300 <= response.status_code < 400:
        return text + ": a redirect without a usable Location"
    return text


def _retry_after(response: httpx.Response, now: datetime) -> float | None:
    """The seconds the server's Retry-After asks to wait, written as a number of seconds or
    as an HTTP date ("Wed, 01 Dec 2027 00:00:00 GMT", RFC 9110); None when it has none that
    reads. A date already past asks for no wait."""
    value = response.headers.get("retry-after", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # "-0000": UTC, as HTTP dates are
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _duration(seconds: float) -> str:
    """A wait in words for the operator: "40 seconds", "60 minutes", "3 hours", "2 days"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= 2 * size or (unit == "minute" and seconds >= size):
            count = math.ceil(seconds / size)
            return f"{count} {unit}s" if count != 1 else f"1 {unit}"
    count = math.ceil(seconds)
    return f"{count} second{'' if count == 1 else 's'}"


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    """Which timeout fired, in words."""
    if isinstance(exc, httpx.ConnectTimeout):
        return "no connection"
    if isinstance(exc, httpx.ReadTimeout):
        return "no answer"
    return "no progress"


def _bad_redirect(locations: list[str], exc: Exception) -> str:
    """Why a redirect could not be followed, e.g. "redirected to a javascript: URL"."""
    if not locations:
        return f"{type(exc).__name__}: {_one_line(exc)}"
    where = normalize_space(locations[-1])
    shown = where if len(where) <= 60 else where[:59] + "…"
    scheme = where.partition(":")[0].lower() if ":" in where else ""
    if scheme and scheme not in ("http", "https") and scheme.isascii() and scheme.isalnum():
        return f"redirected to a {scheme}: URL ({shown}); only http and https are followed"
    return f"redirected to a URL that cannot be fetched ({shown}: {_one_line(exc)})"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line (its class name when it has none)."""
    return normalize_space(str(exc)) or type(exc).__name__


def _describe_xml_error(error: xml.sax.SAXException) -> str:
    """An XML parse error in one line (no position: feedparser's re-encoding shifts it)."""
    if isinstance(error, xml.sax.SAXParseException):
        return normalize_space(error.getMessage()) or "XML error"
    return _one_line(error)


def _not_feed_hint(content_type: str, error: object, body: bytes = b"", url: str = "") -> str:
    """Why a document is not a feed, for the operator. HTML is told by its type or its
    first bytes (a site's page served as application/rss+xml had been "not XML: syntax
    error"), and a page that names its feed (`<link rel="alternate"
    type="application/rss+xml" href="/feed.xml">`) has that feed's address said, read
    against the page's `url`."""
    media = content_type.split(";")[0].strip().lower()
    if media in _HTML_TYPES or _HTML_START.match(body[:1024]):
        shown = media if media in _HTML_TYPES else f"as {media or 'no content type'}"
        hint = f"the server sent an HTML page ({shown}); is the URL a web page, not its feed?"
        if (named := _named_feed(body, url)) is not None:
            hint += f" The page names its feed: {named}"
        return hint
    if media == "application/json" or media.endswith("+json"):
        return f"the server sent JSON ({media}) that is no JSON Feed (jsonfeed.org)"
    if body.startswith(b"\x1f\x8b"):  # "feed.xml.gz", or gzip inside Content-Encoding gzip
        return "the server sent a gzip file, not the feed itself; name the feed's own URL"
    if isinstance(error, xml.sax.SAXException):
        return f"not XML: {_describe_xml_error(error)}"
    return f"XML without RSS or Atom elements ({media or 'no content type'})"


_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
"""The start of an HTML page: a doctype or an <html>, <head> or <body> tag first, after a
byte-order mark, spaces and comments (an XML declaration first is XHTML's, read as XML)."""
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)


class _FeedLinkParser(HTMLParser):
    """The first feed a page names: `<link rel="alternate" type="application/rss+xml"
    href=...>` (Atom and JSON Feed too), as browsers and feed readers find it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or self.href is not None:
            return
        found = {name: (value or "").strip() for name, value in attrs}
        rels = found.get("rel", "").lower().split()
        if "alternate" in rels and found.get("type", "").lower() in _FEED_TYPES:
            self.href = found.get("href") or None


def _named_feed(body: bytes, url: str) -> str | None:
    """The address of the feed an HTML page names, read against the page's, or None."""
    parser = _FeedLinkParser()
    try:
        parser.feed(body[:200_000].decode("utf-8", errors="replace"))  # it is in the <head>
        parser.close()
    except Exception:  # a hostile page must not cost the reason
        return None
    if parser.href is None:
        return None
    named = urljoin(url, parser.href)
    return named if _url_problem(named) is None else None


class _TextParser(HTMLParser):
    """Text blocks of an HTML fragment: paragraphs at block tags, nothing from scripts."""

    _BLOCKS = frozenset(
        {
            "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
            "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
            "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
        }
    )  # fmt: skip
    _HIDDEN = frozenset(
        {"script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.flush()
        elif tag == "br":
            self._current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(re.sub(r"\s+", " ", data))

    def flush(self) -> None:
        """End the current block; two line breaks in a row also split paragraphs."""
        for piece in re.split(r"\n\s*\n", "".join(self._current)):
            if text := normalize_space(piece):
                self.blocks.append(text)
        self._current.clear()


def _html_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (e.g. an item's summary) as plain text."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return [block for block in parser.blocks if not is_inline_boilerplate(block)]
