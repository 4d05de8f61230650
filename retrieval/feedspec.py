"""What names a feed, and the URL check: light enough for the config to import (the fetcher,
retrieval/feeds.py, brings httpx and feedparser)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
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


# query parameters shown: words of what a search feed or a site's feed is about, its
# language and format (a value shaped like a password or a key masked even so) ...
_WORD_NAMES = """
    q query search search_query s keyword keywords term terms topic topics tag tags category
    categories category_name section sections hl gl ceid lang language locale country region
    edition format fmt type output view sort order orderby mode channel source sources site t
    feed rss alt cat tagnames
"""
_WORD_PARAMS = frozenset(_WORD_NAMES.split())
# ... numbers of what it lists (a page, a post, a board, a category: digits only) ...
_NUMBER_NAMES = """
    id p f page paged limit count num size board forum max_results fid forumids rssid
    points year restrict_sr topic_id thread_id
"""
_NUMBER_PARAMS = frozenset(_NUMBER_NAMES.split())
# ... and public ids that look like keys (YouTube's "UC..." ids); any other parameter may
# carry a secret ("pw", "access", "u", "k") and is masked
_PUBLIC_IDS = frozenset({"channel_id", "playlist_id", "list"})
# a value shaped like a key or a password (not "covid19+vaccine+2024", "covid-19")
_SECRET_VALUE = re.compile(
    # a run of 8 or more signs of a key with a digit among them (a UUID, a JWT, "a8f3k29x",
    # "hunter2pass"), but a word and its number ("covid-19", "iphone15", "COP28")
    r"(?![A-Za-z]+[-_]?\d{1,4}$)(?=[\w.~/=!@#$%*-]*\d)[\w.~/=!@#$%*-]{8,}"
    r"|(?=\w*[A-Z])(?=\w*[a-z])(?=\w*\d)\w{6,}"  # capitals, small letters, digits: "S3cretPw"
)
_NUMBER_VALUE = re.compile(r"[1-9]\d{0,8}(?:\.\d{1,3})?")  # "5", "5.0"; not "0417", a PIN's


def public_url(url: str) -> str:
    """A feed's address as anyone may see it: without the user name and password before its
    host, and its query parameters shown as "name=…" but for those that say what the feed
    is about (`_WORD_PARAMS`: "q", "hl", "category", ...; a value shaped like a key or a
    password masked even so), the numbers of what it lists (`_NUMBER_PARAMS`: "id=12",
    "board=5") and public ids, so that two search feeds ("?q=ukraine", "?q=gaza") can be
    told apart."""
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
    for pair in re.split(r"([&;])", parts.query) if parts.query else ():
        name, equals, value = pair.partition("=")
        folded = name.casefold()
        if (
            pair in ("&", ";")
            or pair.isdigit()  # "news.php?4512": a story's number
            or (equals and folded in _PUBLIC_IDS)
            or (equals and folded in _WORD_PARAMS and not _SECRET_VALUE.fullmatch(unquote(value)))
            or (equals and folded in _NUMBER_PARAMS and _NUMBER_VALUE.fullmatch(value))
        ):
            shown.append(pair)
        else:
            shown.append(f"{name}=…" if equals else "…")
    query = "".join(shown)
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) + (f"?{query}" if query else "")


MAX_LABEL_CHARS = 48
"""The longest label `feed_label` makes before it shortens the path."""


# a path's last parts that many feeds end in, which tell no feed from another
_GENERIC_NAMES = "rss rss2 feed feeds feeder atom index default all latest xml json home main"
_GENERIC_PARTS = frozenset(_GENERIC_NAMES.split())
# the query parameters that name what a search or a list is about: shown first, and kept
# when a label must be short (a search feed's words, before its language and region)
_ABOUT_NAMES = """
    q query search search_query s keyword keywords term terms tag tags tagnames topic topics
    category categories category_name cat section sections
"""
_ABOUT_PARAMS = frozenset(_ABOUT_NAMES.split())


def feed_label(url: str) -> str:
    """How lists and ingest lines name a feed that has no name: its host and path, kept
    short ("example.com/rss/world"), with the query words `public_url` shows in clear (a
    search feed's "q=wildfire", first) and none of what it masks. The whole address, shown
    before, was long and mostly scheme and parameters; /feeds still gives it beneath the
    label. A long one keeps what tells feeds apart: a search's words before its settings
    ("hl=en-US"), which go first when it must be short, and the path from its last part that
    is not one many feeds end in ("default.rss", "feed", "rss"; nor one shaped like a key):
    "thehindu.com/…/international/feeder/default.rss". Two feeds may still share one:
    `feed_labels` tells them apart."""
    parts = urlsplit(public_url(url))
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    pairs = re.split(r"[&;]", parts.query) if parts.query else []
    shown = [pair for pair in pairs if pair and not pair.endswith("…")]
    about = [pair for pair in shown if pair.partition("=")[0].casefold() in _ABOUT_PARAMS]
    tails = [f"?{'&'.join(about + [p for p in shown if p not in about])}" if shown else ""]
    if about and len(about) < len(shown):
        tails.append(f"?{'&'.join(about)}")
    segments = [segment for segment in path.split("/") if segment]
    paths = [path]
    if len(segments) > 1:
        telling = [n for n, segment in enumerate(segments) if _tells_apart(segment)]
        at = telling[-1] if telling else len(segments) - 1
        if at > 0:
            paths.append("/…/" + "/".join(segments[at:]))
        if at < len(segments) - 1:
            paths.append(f"/…/{segments[at]}" if at > 0 else f"/{segments[at]}/…")
    labels = [host + shown_path + tail for shown_path in paths for tail in tails]
    fitting = next((label for label in labels if len(label) <= MAX_LABEL_CHARS), None)
    if fitting is not None:
        return fitting
    short = labels[-1]
    return short[: MAX_LABEL_CHARS - 1] + "…"


def _tells_apart(segment: str) -> bool:
    """Whether a path's part may tell a feed from others: not one many feeds end in
    ("default.rss", "feed"), nor one shaped like a key (which only an address shows)."""
    stem = unquote(segment).rpartition(".")[0] or unquote(segment)
    return stem.casefold() not in _GENERIC_PARTS and not _SECRET_VALUE.fullmatch(segment)


def feed_labels(urls: Iterable[str]) -> dict[str, str]:
    """`feed_label` of each of the feeds listed together, but the (masked) address,
    `public_url`, of feeds that would share one label: two searches whose words are cut
    short, two private feeds told apart only by their keys."""
    labels = {url: feed_label(url) for url in urls}
    count = Counter(labels.values())
    return {url: label if count[label] == 1 else public_url(url) for url, label in labels.items()}
