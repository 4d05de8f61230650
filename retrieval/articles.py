"""Article and Paragraph records: what the bot knows, independent of where it came from."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote, quote_plus, unquote_plus, urlsplit, urlunsplit


class CorpusError(Exception):
    """An expected problem with the articles: says what, where, and how to fix it."""


# Python's own words for a number it will not read (a guard against slow conversions):
# "Exceeds the limit (4300 digits) for integer string conversion: value has 5001 digits; use
# sys.set_int_max_str_digits() to increase the limit", advice for programmers
_LONG_NUMBER = re.compile(r"Exceeds the limit \((\d+) digits\).*value has (\d+) digits")


def number_too_long(exc: BaseException) -> str | None:
    """What `exc` says in a user's words when it is Python refusing to read a number of
    thousands of digits (valid JSON, but no date, id or count holds them): "a number of
    5,001 digits (at most 4,300 are read)"; None for any other error."""
    if isinstance(exc, ValueError) and (long := _LONG_NUMBER.search(str(exc))):
        return f"a number of {int(long[2]):,} digits (at most {int(long[1]):,} are read)"
    return None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of an article; `section` is the heading it sits under, if any.
    `source_index` is its position in the source's own list when that differs from its
    position among the article's paragraphs (a JSON record's empty paragraphs are dropped)."""

    text: str
    section: str | None = None
    source_index: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: headline, optional standfirst and metadata, body paragraphs in order."""

    id: str
    headline: str
    paragraphs: tuple[Paragraph, ...]
    standfirst: str = ""
    published: date | None = None
    source: str | None = None
    url: str | None = None
    origin: str = field(default="", compare=False)
    # the time its feed gave it, in UTC, to order a day's stories (/latest): `published`
    # keeps the day alone; None for files, whose dates are days
    posted: datetime | None = field(default=None, compare=False)

    def source_position(self, position: int) -> int:
        """Where paragraph `position` sits in the source's list of paragraphs."""
        index = self.paragraphs[position].source_index
        return position if index is None else index

    def text_fingerprint(self) -> str:
        """A hash of the normalized headline and body, equal for the same story saved twice."""
        body = "\n".join(p.text for p in self.paragraphs)
        return content_hash(self.headline + "\n" + body)


# query keys that only say where a reader came from (a newsletter, a share button, a feed:
# the BBC's at_medium, the Guardian's CMP), and an AMP copy's ?amp=1: no part of the story's
# address. One list, for the news store's URLs and for `url_key` alike: a link the store
# kept with them would never be known again under the key without them.
_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src|at_.*|ns_.*|dclid|msclkid"
    r"|igshid|cmp|ito|xtor|mkt_tok|_ga|_gl|guccounter|guce_referrer.*|amp|outputtype)$",
    re.I,
)


# Characters that are invisible inside a word and must not split it: the soft hyphen, the
# word joiner and the zero-width no-break space (a BOM), as text copied from web pages carries
# them ("vol\u00adcano" is "volcano"). A zero-width space goes too between two Latin letters;
# elsewhere it is a space (Thai, Khmer and Lao separate their words with it).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u2060\ufeff"))
_LATIN_ZWSP = re.compile("(?<=[A-Za-z\u00c0-\u024f])\u200b(?=[A-Za-z\u00c0-\u024f])")


def drop_invisible(text: str) -> str:
    """`text` without the characters that are invisible inside a word (soft hyphens, word
    joiners, zero-width spaces inside Latin words; other zero-width spaces become spaces)."""
    if text.isascii():
        return text
    if any(char in text for char in "\u00ad\u2060\ufeff"):  # a table's translate is slow
        text = text.translate(_INVISIBLE)
    if "\u200b" in text:
        text = _LATIN_ZWSP.sub("", text).replace("\u200b", " ")
    return text


def shows_nothing(text: str) -> bool:
    """Whether nothing of `text` shows: spaces, format and control characters only. A line
    of a zero-width space, or a word joiner and a BOM, left by copying from a web page or a
    chat app, looks blank and must read as blank: taken as a headline, it made a file "no
    headline"; a console line of a NUL had been searched and echoed as "�"."""
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Cc") for char in text)


# a numeric character reference left in text by a scraper ("&#163;1.8m" is "£1.8m"); named
# ones stay as they are ("AT&amp;T" may be meant), numeric ones never are in news text
_NUMERIC_REFERENCE = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")


def in_words(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def normalize_space(text: str) -> str:
    """NFC-normalize, decode numeric character references, drop the characters invisible
    inside a word, read control characters as spaces, and collapse runs of whitespace to one
    space."""
    if "&#" in text:
        text = _NUMERIC_REFERENCE.sub(lambda m: html.unescape(m[0]), text)
    text = _CONTROL.sub(" ", text)
    return " ".join(drop_invisible(unicodedata.normalize("NFC", text)).split())


# control characters that are no whitespace to str.split: a stray byte of a file (windows-1252
# leaves 0x81 undefined, browsers read it as U+0081), NUL; shown, they are boxes or nothing,
# and Telegram refuses some
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\x80-\x84\x86-\x9f]")


def content_hash(text: str) -> str:
    """A stable hash of text with case, whitespace and typesetting differences removed
    (`fold_typography`; NFKC reads "…" as "...", and full-width forms as ASCII)."""
    # str.split() splits where regex \s matches (str.isspace); on a whole article it is ten
    # times faster than substituting every run of spaces
    text = unicodedata.normalize("NFKC", drop_invisible(text)).casefold()
    folded = fold_typography(" ".join(text.split()))
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


# Typesetting that two copies of one story spell two ways (a CMS's "smart quotes" and em
# dashes, a scraper's or a wire's ASCII): curly quotes and apostrophes, primes and the
# modifier letter apostrophe are straight ones, dashes and the minus sign hyphens. Read
# after NFKC, which splits a double prime into two primes ('' below). Guillemets stay: they
# bring spaces inside them in French, so their copies differ more than by the mark.
_TYPOGRAPHY = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
_TYPOGRAPHIC = tuple(_TYPOGRAPHY.items())


def fold_typography(folded: str) -> str:
    """Case-folded text whose whitespace is collapsed (one space between words) with its
    typesetting folded, for `content_hash`: typographic quotes, apostrophes and dashes as
    ASCII (`_TYPOGRAPHY`), a dash or a run of hyphens with the spaces around it as one
    hyphen ("a — b", "a—b", "a -- b" are "a-b"), an ellipsis of three dots or more
    as three after the word ("ended …" is "ended..."), two apostrophes as a double
    quote. By str.replace, each mark looked for first (a translation table, which looks
    every character up, had cost a library's load twice its time; a pattern with a
    function for each mark four times this)."""
    if not folded.isascii():
        for mark, plain in _TYPOGRAPHIC:
            if mark in folded:
                folded = folded.replace(mark, plain)
    if " -" in folded:
        folded = folded.replace(" -", "-")
    if "- " in folded:
        folded = folded.replace("- ", "-")
    while "--" in folded:
        folded = folded.replace("--", "-")
    if "..." in folded:
        folded = folded.replace(" ...", "...")
        while "...." in folded:
            folded = folded.replace("....", "...")
    return folded.replace("''", '"') if "''" in folded else folded


def is_url(url: str) -> bool:
    """Whether `url` can be split into its parts ("http://[::1" and a host that NFKC
    changes, such as "ex℀ample.com", cannot)."""
    try:
        urlsplit(url.strip())
    except ValueError:
        return False
    return True


def normalize_url(url: str) -> str:
    """One spelling of an address (RFC 3986's normalizations): lower-case scheme and host,
    an internationalized host in ASCII ("xn--"), no trailing dot after the host, no default
    port (https://host:443/ is https://host/), the path percent-encoded as a URI (its
    unreserved characters decoded, hex in capitals) without dot segments ("/a/./b",
    "/x/../a/b") or a trailing slash, no fragment, no tracking parameters (the rest of the
    query is kept, bare tokens and blank values too; an HTML-escaped "&amp;" is "&"). A
    string that is no URL (`is_url`) is its own key, its spaces collapsed. A lone surrogate
    (a JSON "\\ud800", a file name's undecodable byte) is U+FFFD, as the loaders read one."""
    if not url.isascii():
        url = url.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return " ".join(url.split())
    query = _without_tracking(parts.query)
    path = _without_dot_segments(_uri_path(parts.path)).rstrip("/") or "/"
    scheme = parts.scheme.lower()
    return urlunsplit((scheme, _normal_netloc(scheme, parts.netloc), path, query, ""))


def _normal_netloc(scheme: str, netloc: str) -> str:
    """A URL's user, host and port as `normalize_url` spells them."""
    user, at, place = netloc.lower().rpartition("@")
    if place.startswith("["):  # an IPv6 address: "[::1]:8080"
        host, _, port = place.partition("]")
        host, port = host + "]", port.removeprefix(":")
    else:
        host, _, port = place.partition(":")
        host = host.removesuffix(".")  # "example.com." is the fully qualified example.com
        if not host.isascii():
            host = _ascii_host(host)
    if port in ("", "80" if scheme == "http" else "443" if scheme == "https" else ""):
        port = ""  # the default port, or none written after the ":"
    return f"{user}{at}{host}{':' if port else ''}{port}"


def _ascii_host(host: str) -> str:
    """An internationalized host name in ASCII, as IDNA 2003 (Python's codec) spells it:
    "bücher.example" is "xn--bcher-kva.example"; one IDNA refuses (a label too long,
    characters it prohibits) as written."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# what a path holds as it is: the unreserved characters, sub-delimiters, ":", "@", "/", and
# "%" (its escapes are spelled already)
_PATH_SAFE = "-._~!$&'()*+,;=:@/%"


def _uri_path(path: str) -> str:
    """A URL's path percent-encoded as RFC 3986 spells a URI's: an escape of an unreserved
    character is the character ("%73tory" is "story", "%7E" "~"), other escapes in capitals
    ("%2f" is "%2F": an encoded slash is no slash), and what a URI cannot hold as it is
    (non-ASCII letters, spaces) encoded as UTF-8 ("stóry" is "st%C3%B3ry")."""
    if "%" in path:
        path = _ESCAPE.sub(_decoded_unreserved, path)
    if path.isascii() and not _NOT_IN_PATH.search(path):
        return path
    return quote(path, safe=_PATH_SAFE)


def _decoded_unreserved(escape: re.Match[str]) -> str:
    char = chr(int(escape[1], 16))
    return char if char in _UNRESERVED else escape[0].upper()


_NOT_IN_PATH = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]")


def _without_dot_segments(path: str) -> str:
    """A path without its "." and ".." segments, as RFC 3986 (5.2.4) removes them: "/a/./b"
    and "/x/../a/b" are "/a/b"; a ".." above the root is dropped."""
    if "." not in path or not path.startswith("/"):
        return path
    segments = path.split("/")[1:]
    if "." not in segments and ".." not in segments:
        return path
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    trailing = segments[-1] in (".", "..")  # "/a/b/." is the folder "/a/b/"
    return "/" + "/".join(kept) + ("/" if trailing and kept else "")


def _without_tracking(query: str) -> str:
    """A query string without its tracking keys, each other part kept: a bare token
    ("news.php?4512", as old sites number their stories) and a blank value ("?id=&p=2")
    name the page as much as "id=4512" does. The kept parts are spelled as
    `urlencode(parse_qsl(...))` spells them, so "a b", "a+b" and "a%20b" stay one."""
    kept = []
    for part in query.replace("&amp;", "&").split("&"):  # "&amp;": HTML's, a scraper's slip
        if not part:
            continue
        name, equals, value = part.partition("=")
        key = unquote_plus(name)
        if not _TRACKING.match(key):
            kept.append(quote_plus(key) + ("=" + quote_plus(unquote_plus(value)) if equals else ""))
    return "&".join(kept)


def url_twins(url: str) -> tuple[str, str]:
    """`normalize_url(url)`, and the same URL under the other of http and https (the same
    one twice for any other scheme, or no URL): one story, as publishers moved to https
    while old links and archives kept http."""
    norm = normalize_url(url)
    for scheme, other in (("http://", "https://"), ("https://", "http://")):
        if norm.startswith(scheme):
            return norm, other + norm[len(scheme) :]
    return norm, norm


def url_key(url: str) -> str:
    """The key under which copies of one story's URL are the same: `normalize_url`, with
    http read as https, the host without "www.", "m." or "mobile." (a mobile site) or
    "edition." (CNN's international site), a folder's default page as the folder
    (".../story/index.html", as CNN links its stories, and ".../story"), and an AMP copy as
    its page (`/amp/` in the path, `.amp`, `?amp=1`, Google's AMP cache)."""
    norm = normalize_url(url)
    key = "https://" + norm[len("http://") :] if norm.startswith("http://") else norm
    if not key.startswith("https://"):
        return key
    parts = urlsplit(key)
    host, path, query = parts.netloc, parts.path, parts.query
    if host.endswith(".cdn.ampproject.org") and (cached := _AMP_CACHE.match(path)):
        return url_key("https://" + cached[1])  # ".../c/s/www.bbc.co.uk/news/amp/1"
    for prefix in ("www.", "m.", "mobile.", "edition.", "amp."):
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            host = host[len(prefix) :]
            break
    if "amp" in path:
        path = _AMP_PATH.sub("", path).removesuffix(".amp") or "/"
    if "/index." in path or "/default." in path:
        path = _DEFAULT_PAGE.sub("", path) or "/"
    return urlunsplit(("https", host, path, query, ""))


_DEFAULT_PAGE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)$", re.IGNORECASE)


_AMP_CACHE = re.compile(r"/[cv]/(?:s/)?(.+)")
_AMP_PATH = re.compile(r"/amp(?=/|$)")


def story_url_key(url: str | None) -> str | None:
    """`url_key` of a URL that can name one story; None for no URL or a site's front page
    ("https://example.com/", ".../index.html"), which a scraper stores for every story or a
    page names as its own ("og:url" set to the home page): many stories share it."""
    if not url:
        return None
    try:
        key = url_key(url)
        parts = urlsplit(key)
    except ValueError:  # "http://[" pasted in a question: no story's address
        return None
    front = parts.path == "/" or _INDEX_PAGE.fullmatch(parts.path) is not None
    return None if parts.netloc and front and not parts.query else key


_INDEX_PAGE = re.compile(r"/(?:index|default|home)(?:\.\w{2,5})?", re.IGNORECASE)


# Two articles under one URL are one story when the shorter headline's words are this share
# of the other's, or the shorter body's word 3-shingles (its words, when either body has
# fewer than three) this share of the other's: an update, a correction, a copy trimmed or
# with a line added keeps most of them; another story at a listing page keeps few
SAME_HEADLINE_SHARE = 2 / 3
# A URL this many other stories share already is a listing page: a later article there is
# compared with none of them (a verifier's 500 records at one section page took 113 s to
# load, each compared with every one kept)
LISTING_STORIES = 8
SAME_BODY_SHARE = 0.5
_WORD = re.compile(r"\w+")


def one_story(one: Article, other: Article) -> bool:
    """Whether two articles under one URL are one story: their headlines or their bodies
    alike (`SAME_HEADLINE_SHARE`, `SAME_BODY_SHARE`). A URL that different headlines over
    different texts share is a page listing stories (a section's or a language's front page
    a scraper gave each story as its own), not a story's: they are other stories, each kept.
    Unlike is told leniently: a story read as its copy is dropped, as every story sharing a
    URL had been."""
    if same_headline(one, other):
        return True
    if _held(_words(one.headline), _words(other.headline)) >= SAME_HEADLINE_SHARE:
        return True
    mine = _words(" ".join(p.text for p in one.paragraphs))
    theirs = _words(" ".join(p.text for p in other.paragraphs))
    if len(mine) >= 3 and len(theirs) >= 3:
        return _held(_shingles(mine), _shingles(theirs)) >= SAME_BODY_SHARE
    return _held(set(mine), set(theirs)) >= SAME_BODY_SHARE


def same_headline(one: Article, other: Article) -> bool:
    """Whether two articles' headlines are the same, case and spaces aside."""
    return " ".join(one.headline.casefold().split()) == " ".join(other.headline.casefold().split())


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _held(mine: Collection[str], theirs: Collection[str]) -> float:
    """The share of the smaller of two sets of words that the other holds (0 for none)."""
    mine, theirs = set(mine), set(theirs)
    smaller = min(len(mine), len(theirs))
    return len(mine & theirs) / smaller if smaller else 0.0


def stable_id(*keys: str) -> str:
    """A short id derived from the given keys (URL, or origin plus headline)."""
    digest = hashlib.sha1("\x1f".join(keys).encode("utf-8")).hexdigest()
    return "nb-" + digest[:12]


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked passage: a paragraph of an article, with what matched and where.

    `spans` are (start, end) character offsets of the query's matched words in `text`;
    `sentence` is the (start, end) span of the sentence that best matches the query;
    `number` is the article's number in its library (for "show the whole article");
    `also` names the other sources whose copies of the story were folded into this hit;
    `through`, when past `position`, is the last paragraph the passage runs on to (a lead-in
    ending in ":" shows the list after it, a line break between them).
    """

    article: Article
    position: int
    score: float
    terms: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    sentence: tuple[int, int] | None = None
    number: int = -1
    also: tuple[str, ...] = ()
    through: int = -1

    @property
    def text(self) -> str:
        """The passage text."""
        return passage_text(self.article, self.position, self.through)

    @property
    def section(self) -> str | None:
        """The section heading the passage sits under, if any."""
        return self.article.paragraphs[self.position].section


def passage_text(article: Article, position: int, through: int = -1) -> str:
    """The text of an article's paragraph at `position`, or of its paragraphs `position`
    through `through` (a lead-in and what it introduces), one a line."""
    if through <= position:
        return article.paragraphs[position].text
    return "\n".join(p.text for p in article.paragraphs[position : through + 1])
