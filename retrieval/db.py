"""The news store: fetched articles, followed feeds and alerts, in one SQLite file.

Articles
    One row per story, its `Article` kept as an `encode_article` JSON payload. Identity is the
    normalized URL (any URL the story was seen under: `urls`), else the GUID (per feed), else
    the normalized text: the same URL or GUID with new text updates the row (same key, new
    seq); the same text under a new URL and GUID is a duplicate, or in its own feed the story
    itself, but for a recurring item's issues listed in one read (`_find`). Pruned rows stay as
    tombstones (payload dropped, URLs, GUID and hash kept), so an old item a feed still lists
    is not fetched and stored again on every poll. `born` is the seq a story was first stored
    under (updates keep it, but for the one that brings the page of a story stored with its
    feed's text because the page failed: that text is new to the follows); `quiet` marks the
    stories `newsbot ingest` stored, which alert no follow (`alertable_since`).

Changes
    Every insert, update and removal stamps the row with the next `seq`; a row keeps only its
    latest seq, so `changes_since(n)` is the newest state of every key changed after n,
    tombstones included: a search index catches up from its last seq. (It reads `articles`
    itself, for the day each story was first stored; the `changes` view of older schemas stays,
    unused, as dropping it would need a schema version.)

Story groups (near-duplicates)
    The same wire story from several outlets, or a lightly edited update, shares a `group_id`.
    Similarity is the Jaccard resemblance of word 3-shingles of the body (Broder 1997); two
    bodies with J >= 0.5 are the same story. A few edited words change only 3 shingles each
    (J stays near 0.8), while different stories on one topic share words but few 3-word runs
    (J < 0.1). SimHash with Hamming <= 3 was rejected: it needs cosine >= 0.99 between the
    shingle sets, so one edited word in a 150-word body already flips ~4 of 64 bits; it is
    tuned for long web pages, not news bodies.
    Candidates come from MinHash LSH: 60 min-hashes (multiply-shift on 64-bit blake2b shingle
    hashes) cut into 20 bands of 3 rows, each band one indexed bucket in `lsh`. A pair with
    J = 0.5 shares a bucket with probability 1 - (1 - 0.5^3)^20 = 0.93 (J = 0.7: 0.9998,
    J = 0.1: 0.02). Adding is a few index look-ups however many articles are stored; only
    articles fetched within GROUP_DAYS are candidates, the best 20 by shared buckets are then
    checked with exact Jaccard, and `prune` drops older buckets so the table stays small.

Follows
    A chat's standing query, its cursor (the last change seq checked for it) and the story
    groups it was alerted to (`alerted`): a copy of one of them is not alerted again, while a
    follow made later is told of the story's next copy.

Concurrency
    One connection (`check_same_thread=False`) behind a re-entrant lock: calls from the worker
    thread and the event loop thread run one at a time, each method is atomic, and writes take
    the write lock up front (BEGIN IMMEDIATE). WAL mode lets other processes read meanwhile;
    a writer that holds the lock longer than `timeout` is reported as a StoreError.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
import secrets
import sqlite3
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from retrieval.articles import (
    Article,
    normalize_space,
    normalize_url,
    story_url_key,
    url_twins,
)
from retrieval.feedspec import public_url
from retrieval.store import StoreError as StoreError  # the news store raises it too
from retrieval.store import decode_article, encode_article

log = logging.getLogger(__name__)

SCHEMA_VERSION = 9  # 2: follows.thread_id; 3: alerted; 4: articles.born, articles.quiet;
# 5: articles.page_retries; 6: URLs and feeds' norm_url as normalize_url spells them now (a
# bare query kept, every tracking key dropped); 7: the store's own id (`store_id`); 8: each
# story's content_hash as `Article.text_fingerprint` folds text now (typesetting); 9: URLs
# and feeds' norm_url as normalize_url spells them now (RFC 3986: a path encoded as a URI,
# without dot segments; an IDN host in ASCII)
# the schema versions a read-only store may have: 6 lacks only the store's id (read as ""),
# 7 and 8 their stories' hashes or URLs of 9 (a reader looks neither up)
READABLE_VERSIONS = frozenset({6, 7, 8, SCHEMA_VERSION})
PAGE_RETRIES = 3
"""Reads of its feed in which a story stored with the feed's text, because its page failed
(a 503, a timeout, the feed's time budget), has its page fetched again."""
GROUP_DAYS = 7  # near-duplicates are looked for among articles fetched this recently
GROUP_JACCARD = 0.5  # shingle resemblance from which two bodies are one story
# ... and for an item of the same feed, the share of the shorter's shingles the other
# holds: the feed's story again, edited or grown, holds most (a short story with three
# words changed: 0.79); another item of its template holds its wording, not its facts (two
# quakes' reports: 0.68), and a feed that lists only its newest items no longer lists the
# other, so the listing alone does not tell them apart
SAME_FEED_HELD = 0.7
# ... and from this share the story again whatever else: an update that swaps a credit line
# or an attribution ("the Treasury said" -> "Chancellor Jeremy Hunt said": 0.92) or comes
# after midnight; below it, an item dated the day after, or naming what the other does not
# and the other what it does not, is another item (tomorrow's forecast, Barclays' shares
# after Tesco's: 0.82)
SAME_FEED_CLOSE = 0.85
BANDS, ROWS = 20, 3
MIN_BODY_WORDS = 25  # shorter bodies are shingled together with the headline
MAX_CANDIDATES = 20
_CHUNK = 500

# The story groups each follow was alerted to: a copy of one of them is not alerted again.
_ALERTED = """CREATE TABLE IF NOT EXISTS alerted (
        follow_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        PRIMARY KEY (follow_id, group_id)) WITHOUT ROWID"""


def _give_store_id(conn: sqlite3.Connection) -> None:
    """A table of the store's own facts, with its id: a random token made once, when the
    store is made (or first opened by a newsbot that knows it). The saved index records the
    id of the store it took stories from: a store moved aside and another begun counts its
    changes from 1 again, and one that reached the old store's count had been taken for it
    (the old stories answered, the new ones never indexed)."""
    conn.execute("CREATE TABLE IF NOT EXISTS store (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT OR IGNORE INTO store VALUES ('id', ?)", (secrets.token_hex(16),))


_SCHEMA: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        url TEXT,
        guid TEXT,
        feed TEXT,
        source TEXT,
        headline TEXT NOT NULL,
        published TEXT,
        fetched TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        group_id INTEGER NOT NULL,
        seq INTEGER NOT NULL UNIQUE,
        removed INTEGER NOT NULL DEFAULT 0,
        payload BLOB,
        born INTEGER,
        quiet INTEGER NOT NULL DEFAULT 0,
        page_retries INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX articles_guid ON articles(guid) WHERE guid IS NOT NULL",
    "CREATE INDEX articles_content ON articles(content_hash)",
    "CREATE INDEX articles_group ON articles(group_id)",
    "CREATE INDEX articles_born ON articles(born) WHERE born IS NOT NULL",
    """CREATE TABLE urls (
        url TEXT PRIMARY KEY,
        article INTEGER NOT NULL) WITHOUT ROWID""",
    "CREATE VIEW changes AS SELECT seq, key, removed, payload FROM articles",
    """CREATE TABLE lsh (
        bucket INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (bucket, article)) WITHOUT ROWID""",
    "CREATE INDEX lsh_article ON lsh(article)",
    """CREATE TABLE feeds (
        url TEXT NOT NULL,
        norm_url TEXT PRIMARY KEY,
        name TEXT,
        interval_minutes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT,
        last_ok TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        added_by INTEGER,
        added TEXT NOT NULL)""",
    """CREATE TABLE follows (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        query TEXT NOT NULL,
        created TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        thread_id INTEGER)""",
    "CREATE INDEX follows_chat ON follows(chat_id, id)",
    _ALERTED,
    _give_store_id,
)


def _renormalize_urls(conn: sqlite3.Connection) -> None:
    """Spell the stored URLs (each story's, those it was seen under, each feed's `norm_url`)
    as `normalize_url` does now, as stories and feeds are looked up. A story's URL that lost
    a bare query to the old spelling ("news.php?4512" kept as "news.php") stays: the next
    read stores the link again, with the story it names (found by its text). Two feeds that
    are one feed now keep the first added."""
    for url, article in conn.execute("SELECT url, article FROM urls").fetchall():
        if (norm := normalize_url(url)) != url:
            conn.execute("DELETE FROM urls WHERE url = ?", (url,))
            conn.execute("INSERT OR IGNORE INTO urls VALUES (?, ?)", (norm, article))
    rows = conn.execute("SELECT id, url FROM articles WHERE url IS NOT NULL").fetchall()
    for row_id, url in rows:
        if (norm := normalize_url(url)) != url:
            conn.execute("UPDATE articles SET url = ? WHERE id = ?", (norm, row_id))
    moved: dict[int, str] = {}
    taken: set[str] = set()
    rows = conn.execute("SELECT rowid, url, norm_url FROM feeds ORDER BY rowid").fetchall()
    for rowid, url, old in rows:
        norm = normalize_url(url)
        if norm in taken:
            log.info("feed %s is an earlier feed's address now: dropped", public_url(url))
            conn.execute("DELETE FROM feeds WHERE rowid = ?", (rowid,))
        elif norm != old:
            moved[rowid] = norm
        taken.add(norm)
    for rowid in moved:  # out of the way first: one may take another's old address
        conn.execute("UPDATE feeds SET norm_url = 'moving:' || rowid WHERE rowid = ?", (rowid,))
    for rowid, norm in moved.items():
        conn.execute("UPDATE feeds SET norm_url = ? WHERE rowid = ?", (norm, rowid))


def _rehash_texts(conn: sqlite3.Connection) -> None:
    """Hash each stored story's text (`content_hash`) as `Article.text_fingerprint` does now,
    as stories are looked up by their text (`_find`): a story stored under an older hash
    would not be found, and its copy stored again. A removed story keeps its hash (its text
    is gone): its copy, found by its text alone, is stored again (one found by its URL or
    guid is not)."""
    last = 0
    while rows := conn.execute(
        "SELECT id, content_hash, payload FROM articles"
        " WHERE id > ? AND payload IS NOT NULL ORDER BY id LIMIT ?",
        (last, _CHUNK),
    ).fetchall():
        changed = [
            (digest, row_id)
            for row_id, old, payload in rows
            if (digest := decode_article(payload).text_fingerprint()) != old
        ]
        conn.executemany("UPDATE articles SET content_hash = ? WHERE id = ?", changed)
        last = rows[-1][0]


# _SCHEMA is always the latest version; _MIGRATIONS[v - 1] upgrades a store from v to v + 1,
# by SQL statements and functions of the connection.
_MIGRATIONS: tuple[tuple[str | Callable[[sqlite3.Connection], None], ...], ...] = (
    ("ALTER TABLE follows ADD COLUMN thread_id INTEGER",),  # 1 -> 2: the forum topic
    (  # 2 -> 3: the story groups alerted per follow; a follow counts as told of every story
        # its cursor passed (what it matched was alerted before this table kept it): a copy of
        # one of them must not alert again after the upgrade
        _ALERTED,
        "INSERT OR IGNORE INTO alerted (follow_id, group_id) SELECT f.id, a.group_id"
        " FROM follows f JOIN articles a ON a.seq <= f.cursor WHERE a.removed = 0",
    ),
    (  # 3 -> 4: when a story was first stored, and whether it may alert (older ones: never)
        "ALTER TABLE articles ADD COLUMN born INTEGER",
        "ALTER TABLE articles ADD COLUMN quiet INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX articles_born ON articles(born) WHERE born IS NOT NULL",
    ),
    # 4 -> 5: stories whose page failed, fetched again at the next reads
    ("ALTER TABLE articles ADD COLUMN page_retries INTEGER NOT NULL DEFAULT 0",),
    # 5 -> 6: the stored URLs as normalize_url spells them now
    (_renormalize_urls,),
    (_give_store_id,),  # 6 -> 7: the store's own id
    (_rehash_texts,),  # 7 -> 8: texts hashed as content_hash folds them now
    (_renormalize_urls,),  # 8 -> 9: the stored URLs as normalize_url spells them now
)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


_FOLLOW_ROWS = "SELECT id, chat_id, query, created, cursor, thread_id FROM follows"


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the stored articles; `article` None means it was removed; `stored`:
    the day the story was first stored (its undated story's place among the newest)."""

    seq: int
    key: str
    article: Article | None
    stored: date | None = None


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `add_articles` call did."""

    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    duplicates: int = 0
    grouped: int = 0
    retried: int = 0  # stories whose page was tried again and failed again: no duplicates
    # items of a feed found stored as they are, by their own link or guid (an item without a
    # link, which the fetcher cannot know), or by their text in that feed (`_own_item`):
    # "already stored", as the fetcher's known ones
    known: int = 0


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A followed feed and the state of its last fetches."""

    url: str
    name: str | None
    interval_minutes: int
    etag: str | None
    last_modified: str | None
    last_fetched: datetime | None
    last_ok: datetime | None
    last_error: str | None
    failures: int
    added_by: int | None


@dataclass(frozen=True, slots=True)
class Follow:
    """A chat's standing query; `cursor` is the last change seq already checked for it."""

    id: int
    chat_id: int
    query: str
    created: datetime
    cursor: int
    thread_id: int | None = None  # the forum topic it was made in: alerts go there


@dataclass(frozen=True, slots=True)
class _Stored:
    id: int
    key: str
    content_hash: str
    removed: bool
    feed: str | None = None  # the feed that stored it (found by URL or GUID)
    page_retries: int = 0
    by: Literal["url", "guid", "text"] = "text"  # what found it
    # of one found by its text: whether it has a link or guid, its day (ISO), and whether
    # the read lists another item of its text (`_find`)
    has_ids: bool = False
    published: str | None = None
    apart: bool = False


# --- near-duplicate fingerprints -------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _seed(name: str, i: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{name}-{i}".encode(), digest_size=8).digest(), "big")


# Fixed forever: buckets are stored, so the hash family must not change between runs.
_A = np.array([_seed("newsbot-minhash-a", i) | 1 for i in range(BANDS * ROWS)], np.uint64)
_B = np.array([_seed("newsbot-minhash-b", i) for i in range(BANDS * ROWS)], np.uint64)


def shingles(article: Article) -> frozenset[bytes]:
    """Hashes of the word 3-shingles of the body (with the headline if the body is short)."""
    body = " ".join(p.text for p in article.paragraphs)
    words = _WORD.findall(unicodedata.normalize("NFKC", body).casefold())
    if len(words) < MIN_BODY_WORDS:
        text = article.headline + " " + body
        words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    runs = [words[i : i + 3] for i in range(max(1, len(words) - 2))] if words else []
    return frozenset(
        hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).digest() for run in runs
    )


def jaccard(a: frozenset[bytes], b: frozenset[bytes]) -> float:
    """|a & b| / |a | b|, 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def lsh_buckets(hashes: frozenset[bytes]) -> list[int]:
    """The article's MinHash LSH buckets, one signed 64-bit id per band; none if no text."""
    if not hashes:
        return []
    x = np.frombuffer(b"".join(sorted(hashes)), dtype=np.uint64)
    mixed: npt.NDArray[np.uint64] = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(32)
    signature = mixed.min(axis=1)
    buckets = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        buckets.append(int.from_bytes(digest, "big", signed=True))
    return buckets


# --- helpers ---------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _day(text: str | None) -> date | None:
    return datetime.fromisoformat(text).date() if text else None


def _is_correction(stored: str, text: str) -> bool:
    """Whether the feed's `text` may replace the `stored` text as its correction: the stored
    text is no longer than CORRECTION_LENGTH times it, and at least CORRECTION_WORDS of its
    words (counted with repeats, any case) are in it. A summary of a stored page is shorter
    or worded otherwise, e.g. "Dozens of boats were damaged as a storm hit" against the
    page's "A storm damaged dozens of fishing boats in Wick harbour overnight, ..."."""
    if len(stored) > CORRECTION_LENGTH * len(text):
        return False
    old = Counter(_WORD.findall(unicodedata.normalize("NFKC", stored).casefold()))
    new = Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
    return (old & new).total() >= CORRECTION_WORDS * old.total()


_CAPITALISED = re.compile(r"[A-Z][\w'\u2019-]*")
_SENTENCE_END = '.!?:"\u201c\u2018('
_NOT_NAMES = frozenset(
    {*calendar.day_name, *calendar.month_name[1:], *calendar.day_abbr, *calendar.month_abbr[1:]}
)
NAMES_CHARS = 3000  # of a text read for its names


def text_names(article: Article) -> frozenset[str]:
    """The names a story's text uses: capitalised words not opening a sentence, but days
    and months ("Tokyo", "J10-11", "Tesco"; not "Thursday")."""
    text = " ".join(p.text for p in article.paragraphs)[:NAMES_CHARS]
    found = set()
    for match in _CAPITALISED.finditer(text):
        at = match.start() - 1  # the last sign before it, spaces passed over
        while at >= 0 and text[at].isspace():
            at -= 1
        if at >= 0 and text[at] not in _SENTENCE_END and match[0] not in _NOT_NAMES:
            found.add(match[0])
    return frozenset(found)


def head_names(headline: str, names: frozenset[str]) -> frozenset[str]:
    """The names a headline uses: its capitalised words but days and months, the first only
    when the text names it too (`names`: "Tesco shares rise" and "Barclays shares rise":
    Tesco, Barclays; "Thousands flee ..." names no one). An update's headline keeps its
    story's names."""
    words = _CAPITALISED.findall(headline)
    if words and headline.startswith(words[0]) and words[0] not in names:
        words = words[1:]
    if sum(w[:1].isupper() for w in headline.split()) > len(headline.split()) // 2:
        words = [w for w in words if w in names]  # Title Case: its names are the text's
    return frozenset(w for w in words if w not in _NOT_NAMES)


def _template_mates(names: frozenset[str], heads: frozenset[str], other: Article) -> bool:
    """Whether a story (its text's `names`, its headline's `heads`) and `other` each name,
    in text or headline, what the other does not: two items of one template."""
    theirs = text_names(other)
    return _names_apart(names, theirs) or _names_apart(heads, head_names(other.headline, theirs))


def _names_apart(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether each of two texts names what the other does not: two stories of one template
    (a quake near Tokyo, another near Anchorage), where an update adds names or drops some."""
    return bool(one - other) and bool(other - one)


def _days_apart(one: str | None, other: str | None) -> int:
    """How many days lie between two ISO dates (0 when either is unknown)."""
    if not one or not other:
        return 0
    try:
        return abs((date.fromisoformat(one[:10]) - date.fromisoformat(other[:10])).days)
    except ValueError:
        return 0


def _held(one: frozenset[bytes], other: frozenset[bytes]) -> float:
    """The share of the smaller shingle set that the other holds (0 for an empty one)."""
    smaller = min(len(one), len(other))
    return len(one & other) / smaller if smaller else 0.0


def _another_feed(stored: str | None, feed: str | None) -> bool:
    """Whether a story stored from the feed `stored` is another feed's than `feed` (their
    URLs normalized); a story from files, or one given without its feed, is no feed's."""
    if stored is None or feed is None:
        return False
    return normalize_url(stored) != normalize_url(feed)


def _own_item(stored: _Stored, feed: str | None, has_ids: bool) -> bool:
    """Whether a stored story is the item itself, found again in the feed that stored it (not
    another outlet's copy, not a file read again): by its link or guid; or by its text, the
    feed's story under a link or guid that changes at every read (a session id in the link,
    a guid made per fetch), but for an item the read lists with another of its text
    (`_find`), which is itself only when neither it nor the stored story has a link or
    guid (`has_ids`) to tell them apart."""
    if feed is None or stored.feed is None or _another_feed(stored.feed, feed):
        return False
    return stored.by != "text" or not stored.apart or not (has_ids or stored.has_ids)


def _next_issue(stored: _Stored, article: Article) -> bool:
    """Whether an item found by its text in its own feed (`_own_item`) is dated later than
    the stored story: the feed's recurring item again, one issue a read ("Daily weather
    outlook" under today's link and date), which updates the story to its newest issue."""
    when = article.published
    return stored.by == "text" and when is not None and when.isoformat() > (stored.published or "")


def _another_item(
    stored: tuple[str | None, str | None, str | None, str | None],
    feed: str | None,
    url: str | None,
    guid: str | None,
    published: str | None,
) -> bool:
    """Whether a stored story (its feed, URL, guid and date) with the same title and text is
    nonetheless another item, for an item whose text other items of the same read give too
    (`_find`): one of the same feed dated otherwise, under another guid or another story URL
    (both given). A feed's recurring items ("Daily weather outlook", a podcast's "Letters")
    may repeat a title and summary, each issue its own date, guid and link: all but the first
    had been dropped as duplicates. Of the same date, it is one story listed twice (a section
    feed cross-listing it under /uk/ and /business/), which had been stored as two. Another
    feed's copy of the text stays a duplicate (a wire story), as do items without a guid or
    link to tell them apart."""
    stored_feed, stored_url, stored_guid, stored_published = stored
    if stored_feed is None or feed is None or _another_feed(stored_feed, feed):
        return False
    if stored_published == published:
        return False
    other_guid = guid is not None and stored_guid is not None and guid != stored_guid
    return other_guid or (url is not None and stored_url is not None and url != stored_url)


def _store_error(path: Path, error: sqlite3.Error) -> StoreError | None:
    """The StoreError an sqlite error means for the user, or None if it is a bug."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"news store {path} is locked by another process (another newsbot running?); "
            "stop it or use another --data-dir"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _corrupt(path, str(error))
    if code == sqlite3.SQLITE_FULL:
        return StoreError(f"news store {path}: the disk is full; free some space and retry")
    if code == sqlite3.SQLITE_CANTOPEN and path.is_dir():
        return StoreError(
            f"news store {path} is a folder where the store's file should be; move it away "
            "or use another --data-dir"
        )
    if code in (
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_IOERR,
    ):
        return StoreError(
            f"news store {path} cannot be read or written ({error}); "
            "check the permissions of the data directory or use another --data-dir"
        )
    return None


def _remove_if_empty(path: Path) -> None:
    """Remove a store file a failed set-up left empty; one another process has begun to
    fill in the meantime (two starts on a new data directory) is kept."""
    try:
        if path.stat().st_size == 0:
            path.unlink()
            path.with_name(path.name + "-wal").unlink(missing_ok=True)
    except OSError:
        pass


def _corrupt(path: Path, detail: str) -> StoreError:
    detail = " ".join(detail.split())  # quick_check's report runs over lines: one line
    return StoreError(
        f"news store {path} is damaged or not a newsbot database ({detail}); "
        f"move it aside (e.g. rename it to {path.name}.bad) and start again to create a new one"
    )


# A feed's new text under a stored headline replaces the stored text as the feed's
# correction of it (`has_text`, pages not fetched) only while the stored text looks like the
# feed's own earlier text: at most CORRECTION_LENGTH times as long as the new one, and at
# least CORRECTION_WORDS of its words still in it. A page's text read while pages were
# fetched fails one or the other (its 400 characters against a 220-character summary;
# a page as short as the summary is worded otherwise), and a summary replacing it loses
# the story; "40 boats were damaged." corrected to "4 boats were damaged (corrected from
# 40)." keeps all its words.
CORRECTION_LENGTH = 1.2
CORRECTION_WORDS = 0.6


class NewsDB:
    """The SQLite news store at `path`; safe to share between threads."""

    def __init__(self, path: Path, *, timeout: float = 5.0, check: bool = True) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._fed: set[str] = set()  # feeds (normalized) known to have stored a story
        self._store_id: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(
                f"cannot create the data directory {path.parent} for the news store "
                f"({e.strerror or e}); set --data-dir or corpus.data_dir to a folder you can write"
            ) from e
        existed = path.exists()
        try:
            self._conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as e:
            raise _store_error(path, e) or StoreError(f"cannot open {path}: {e}") from e
        try:
            with self._errors():
                self._open(timeout, check)
        except BaseException:
            self._conn.close()
            if not existed:  # an empty file left by a failed set-up (a full disk) is no store
                _remove_if_empty(path)
            raise

    @classmethod
    def read_only(cls, path: Path) -> NewsDB:
        """The store at `path` opened for reading only, for a data directory this process may
        not write (a read-only mount, another user's folder): SQLite's read-only mode, else,
        when it cannot make the WAL's shared-memory file there, the file read as immutable
        (no other process can be writing it where none may write). Every write raises a
        StoreError; a store of an older schema, which would need upgrading, cannot be read."""
        self = cls.__new__(cls)
        self.path = path
        self._lock = threading.RLock()
        self._fed = set()
        self._store_id = None
        uri = path.resolve().as_uri()
        last: sqlite3.Error | None = None
        for mode in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"{uri}?{mode}", uri=True, isolation_level=None, check_same_thread=False
                )
            except sqlite3.Error as e:
                last = e
                continue
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.Error as e:
                conn.close()
                last = e
                continue
            if version not in READABLE_VERSIONS:
                conn.close()
                raise StoreError(
                    f"news store {path} has schema version {version}, not this newsbot's "
                    f"({SCHEMA_VERSION}), and cannot be upgraded where it is (read-only); "
                    "run newsbot where the data directory can be written, or use another "
                    "--data-dir"
                )
            self._conn = conn
            return self
        assert last is not None
        raise _store_error(path, last) or StoreError(f"cannot open {path}: {last}") from last

    def _open(self, timeout: float, check: bool) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"news store {self.path} has schema version {version}, newer than this newsbot "
                f"knows ({SCHEMA_VERSION}); upgrade newsbot or use another --data-dir"
            )
        if version == 0:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _corrupt(self.path, "it holds tables of another program")
            # Payloads are a few KB: on 4 KB pages most rows would fill half a page.
            conn.execute("PRAGMA page_size = 16384")
        if version and check:  # ~0.2 s on 100 MB: for writers, not for every question
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _corrupt(self.path, "; ".join(problems[:3]))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            with self._transaction():
                self._migrate()

    def _migrate(self) -> None:
        # Read again under the write lock: another process may have just done this.
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        steps = (_SCHEMA,) if version == 0 else _MIGRATIONS[version - 1 :]
        for statements in steps:
            for statement in statements:
                if callable(statement):
                    statement(self._conn)
                else:
                    self._conn.execute(statement)
        self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn sqlite errors the user can fix into StoreError."""
        try:
            yield
        except sqlite3.Error as e:
            error = _store_error(self.path, e)
            if error is None:
                raise
            raise error from e

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and one write transaction: all of it is committed, or none."""
        with self._lock, self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors():
            yield self._conn

    def close(self) -> None:
        """Close the connection (checkpointing the WAL into the file)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> NewsDB:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- articles ----------------------------------------------------------------------------

    def add_articles(
        self,
        items: Sequence[tuple[Article, str | None]],
        *,
        feed: str | None = None,
        fetched: datetime | None = None,
        quiet: bool = False,
        validators: tuple[str | None, str | None] | None = None,
        page_failed: Collection[str] = (),
        feed_text: Collection[str] = (),
        listed: Collection[str] = (),
    ) -> AddResult:
        """Store (article, guid) pairs in one transaction; says what was new, updated, known.
        New stories stored `quiet` (by `newsbot ingest`) never alert follows. With
        `validators` (ETag, Last-Modified) the feed's successful read is recorded in the same
        transaction: a store that fails keeps the old ones, so the feed is read again.
        `page_failed`: the ids of articles holding the feed's text because their page failed;
        their pages are fetched again at the next PAGE_RETRIES reads (`has_story`). While
        one of them has tries left, the read is recorded without its validators: a 304 at
        the next read would return no item, and no page would be tried again. `feed_text`:
        the ids of articles holding the feed's text (pages not fetched, or failed); one of
        them retitled keeps the stored text unless the feed's is its correction
        (`_is_correction`): a page's text read before is not replaced by a summary.
        `listed`: the links (normalized) of the read's other items, those the fetcher knew
        and left out; with the items' own links and guids, what the read lists, which tells
        a recurring item's issues listed together from one story's link changed (`_find`)."""
        moment = fetched or datetime.now(UTC)
        stamp, window = _iso(moment), _iso(moment - timedelta(days=GROUP_DAYS))
        new: list[str] = []
        updated: list[str] = []
        duplicates = grouped = retried = known = 0
        waiting = False  # a story whose page is to be tried at the next read
        # the texts more than one item of this read gives, and the links and guids it lists:
        # a recurring item's issues listed together are each its own story (`_find`)
        texts = Counter(article.text_fingerprint() for article, _ in items)
        present = {*listed, *(guid.strip() for _, guid in items if guid and guid.strip())}
        present.update(normalize_url(article.url) for article, _ in items if article.url)
        with self._transaction() as conn:
            seq = self._last_seq(conn)
            for article, guid in items:
                # a site's front page names no one story (a scraper stores it for each)
                url = (
                    normalize_url(article.url)
                    if article.url and story_url_key(article.url)
                    else None
                )
                guid = guid.strip() or None if guid else None
                content = article.text_fingerprint()
                apart = feed is not None and texts[content] > 1
                when = article.published.isoformat() if article.published else None
                stored = self._find(conn, url, guid, feed, content, apart, present, when)
                failed = article.id in page_failed
                own = (
                    stored is not None
                    and stored.key not in new  # not an item of this read: its copy in it
                    and _own_item(stored, feed, url is not None or guid is not None)
                )
                if stored is None:
                    seq += 1
                    row_id, key, joined = self._insert(
                        conn, article, url, guid, feed, content, stamp, window, seq, quiet
                    )
                    new.append(key)
                    grouped += joined
                    retries = PAGE_RETRIES if failed else 0
                elif not (own and not stored.removed and _next_issue(stored, article)) and (
                    stored.removed
                    or stored.content_hash == content
                    or _another_feed(stored.feed, feed)  # its own feed alone updates it
                ):
                    row_id = stored.id
                    # a story back only for its page's next try, which failed again: the
                    # feed holds no duplicate ("16 duplicates" had been said of 16 such)
                    if failed and stored.page_retries and not stored.removed:
                        retried += 1
                    elif own or (
                        # a file's story read again as it was, found by its link or guid
                        feed is None
                        and stored.feed is None
                        and stored.by != "text"
                        and stored.key not in new
                        and stored.content_hash == content
                        and not stored.removed
                    ):
                        known += 1  # read again as it was: "1 duplicate" at every read
                    else:
                        duplicates += 1
                    retries = max(stored.page_retries - 1, 0) if failed else 0
                else:
                    row_id = stored.id
                    seq += 1
                    if failed or article.id in feed_text:
                        article = self._with_stored_text(conn, stored.id, article)
                        content = article.text_fingerprint()
                    self._update(conn, stored, article, url, guid, content, seq)
                    if stored.key not in new and stored.key not in updated:
                        updated.append(stored.key)
                    # a story retitled while its page failed: its summary stands in, and
                    # its page is tried again (a page whose tries ran out, counts down)
                    fresh = stored.page_retries == 0
                    retries = (PAGE_RETRIES if fresh else stored.page_retries - 1) if failed else 0
                    if not fresh and not failed:
                        # its page's text at last, where the summary stood: news to the
                        # follows, alerted as a new story would be (by this read's `quiet`;
                        # the follows alerted to its summary's group are not told twice)
                        sql = "UPDATE articles SET born = ?, quiet = ? WHERE id = ?"
                        conn.execute(sql, (seq, int(quiet), row_id))
                if stored is None or retries != stored.page_retries:
                    sql = "UPDATE articles SET page_retries = ? WHERE id = ?"
                    conn.execute(sql, (retries, row_id))
                waiting = waiting or retries > 0
                if url:  # every URL a story was seen under keeps leading to it
                    conn.execute("INSERT OR IGNORE INTO urls VALUES (?, ?)", (url, row_id))
            if feed is not None and validators is not None:
                kept = (None, None) if waiting else validators  # None keeps the old ones
                self._fetched_ok(conn, feed, *kept, stamp)
        result = AddResult(tuple(new), tuple(updated), duplicates, grouped, retried, known)
        log.debug("stored %s from feed %s", result, public_url(feed) if feed else None)
        return result

    @staticmethod
    def _with_stored_text(conn: sqlite3.Connection, row_id: int, article: Article) -> Article:
        """A feed's `article` (its summary) under the stored story's text when that text
        is no earlier version of the summary (`_is_correction`): a page read before, which
        a retitled item's summary had replaced ("Boats hit." for the page's 400 characters).
        The new headline and date stand."""
        row = conn.execute("SELECT payload FROM articles WHERE id = ?", (row_id,)).fetchone()
        if row is None or row[0] is None:
            return article
        stored = decode_article(row[0])
        text = "\n".join(p.text for p in article.paragraphs)
        if _is_correction("\n".join(p.text for p in stored.paragraphs), text):
            return article
        return replace(article, paragraphs=stored.paragraphs, standfirst=stored.standfirst)

    def _find(
        self,
        conn: sqlite3.Connection,
        url: str | None,
        guid: str | None,
        feed: str | None,
        content: str,
        apart: bool = False,
        present: Collection[str] = (),
        published: str | None = None,
    ) -> _Stored | None:
        """The stored row that is this story: same URL, else same GUID from the same feed
        (its URL normalized: a feed the config spells otherwise is the same), else same text,
        the newest such row. But for an item listed with another of the same text, in this
        read: `apart` (two of its items) or a stored row of the same feed whose link or guid
        the read lists too (`present`); then a row of the same feed under another guid or
        link, dated otherwise than `published`, is another item, another issue of a
        recurring item (`_another_item`). An item
        alone in its read with a stored text of its feed is that story, under a link or
        guid that changed (a session id in the link, a guid made per fetch) or its next
        issue (`_next_issue`)."""
        columns = "SELECT id, key, content_hash, removed, feed, page_retries FROM articles"
        if url:
            sql = columns + " WHERE id = (SELECT article FROM urls WHERE url IN (?, ?))"
            row = conn.execute(sql, url_twins(url)).fetchone()
            if row:
                return _Stored(row[0], row[1], row[2], bool(row[3]), row[4], row[5], "url")
        if guid:
            wanted = normalize_url(feed) if feed is not None else None
            for row in conn.execute(columns + " WHERE guid = ? ORDER BY id", (guid,)):
                if (normalize_url(row[4]) if row[4] is not None else None) == wanted:
                    return _Stored(row[0], row[1], row[2], bool(row[3]), row[4], row[5], "guid")
        sql = (
            "SELECT id, key, content_hash, removed, feed, page_retries, url, guid, published"
            " FROM articles WHERE content_hash = ? ORDER BY removed, id DESC"
        )
        rows = conn.execute(sql, (content,)).fetchall()
        apart = apart or any(
            (row[6] in present or row[7] in present)
            and _another_item((row[4], row[6], row[7], row[8]), feed, url, guid, published)
            for row in rows
        )
        for row in rows:
            if not apart or not _another_item(
                (row[4], row[6], row[7], row[8]), feed, url, guid, published
            ):
                has_ids = row[6] is not None or row[7] is not None
                found = _Stored(row[0], row[1], row[2], bool(row[3]), row[4], row[5], "text")
                return replace(found, has_ids=has_ids, published=row[8], apart=apart)
        return None

    def _insert(
        self,
        conn: sqlite3.Connection,
        article: Article,
        url: str | None,
        guid: str | None,
        feed: str | None,
        content: str,
        stamp: str,
        window: str,
        seq: int,
        quiet: bool,
    ) -> tuple[int, str, bool]:
        """Insert a new story; returns its row id, key and whether it joined a group."""
        key = self._free_key(conn, article.id, url or content)
        stored = replace(article, id=key)
        hashes = shingles(stored)
        buckets = lsh_buckets(hashes)
        published = article.published.isoformat() if article.published else None
        names = text_names(stored) if feed is not None else frozenset()
        heads = head_names(stored.headline, names) if feed is not None else frozenset()
        group = self._similar(conn, hashes, buckets, window, feed, content, published, names, heads)
        row_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0])
        conn.execute(
            "INSERT INTO articles (id, key, url, guid, feed, source, headline, published, fetched,"
            " content_hash, group_id, seq, payload, born, quiet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row_id,
                key,
                url,
                guid,
                feed,
                article.source,
                article.headline,
                article.published.isoformat() if article.published else None,
                stamp,
                content,
                group or row_id,
                seq,
                encode_article(stored),
                seq,
                int(quiet),
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO lsh (bucket, article) VALUES (?, ?)",
            [(b, row_id) for b in buckets],
        )
        return row_id, key, group is not None

    def _free_key(self, conn: sqlite3.Connection, wanted: str, identity: str) -> str:
        """`wanted` if no stored story has it, else a stable variant that is free."""
        taken = "SELECT 1 FROM articles WHERE key = ?"
        if not conn.execute(taken, (wanted,)).fetchone():
            return wanted
        base = f"{wanted}~{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:8]}"
        key, n = base, 1
        while conn.execute(taken, (key,)).fetchone():
            n += 1
            key = f"{base}-{n}"
        return key

    def _similar(
        self,
        conn: sqlite3.Connection,
        hashes: frozenset[bytes],
        buckets: list[int],
        window: str,
        feed: str | None = None,
        content: str = "",
        published: str | None = None,
        names: frozenset[str] = frozenset(),
        heads: frozenset[str] = frozenset(),
    ) -> int | None:
        """The group of the most similar recent live article with Jaccard >= GROUP_JACCARD,
        but for one of the same feed with the very same text (`content`): stored apart, it
        is another issue of a recurring item (`_another_item`), no copy. Grouped, a follow
        alerted to the first issue was told of no later one, and the index kept the first.
        Nor one of the same feed that is another item of its template ("M 5.3 - 40 km N of
        Tokyo" and "M 4.8 - 8 km E of Anchorage", J 0.52, had been one story, the later
        quakes never alerted nor shown): dated more than a day apart (a draw's next issue),
        holding less than SAME_FEED_HELD of it, or less than SAME_FEED_CLOSE and dated the
        day after (tomorrow's forecast) or naming what the other does not, each way
        (`names`: Tesco and Barclays), or whose headline does so (`heads`: a template's
        headline holds its facts); from SAME_FEED_CLOSE it is the story again, its
        headline retitled, a credit line or a name added. Whether the read still
        lists the other tells nothing: a wire lists "UPDATE 1-" and "UPDATE 2-" of one story
        together, and a feed of the newest item alone lists neither of two quakes."""
        if not buckets:
            return None
        marks = ",".join("?" * len(buckets))
        rows = conn.execute(
            "SELECT a.group_id, a.payload, a.feed, a.content_hash, a.published FROM lsh"
            " JOIN articles a ON a.id = lsh.article"
            f" WHERE lsh.bucket IN ({marks}) AND a.removed = 0 AND a.fetched >= ?"
            " GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT ?",
            (*buckets, window, MAX_CANDIDATES),
        ).fetchall()
        best: tuple[float, int] | None = None
        for group, payload, by, stored, day in rows:
            same_feed = by is not None and feed is not None and not _another_feed(by, feed)
            if same_feed and stored == content:
                continue
            days = _days_apart(day, published)
            if same_feed and days > 1:
                continue  # another issue (a draw), not the story again
            other = decode_article(payload)
            theirs = shingles(other)
            score = jaccard(hashes, theirs)
            held = _held(hashes, theirs)
            if same_feed and (
                held < SAME_FEED_HELD
                or (held < SAME_FEED_CLOSE and (days > 0 or _template_mates(names, heads, other)))
            ):
                continue  # another item of the feed's template, its facts its own
            if score >= GROUP_JACCARD and (best is None or score > best[0]):
                best = (score, int(group))
        return best[1] if best else None

    def _update(
        self,
        conn: sqlite3.Connection,
        stored: _Stored,
        article: Article,
        url: str | None,
        guid: str | None,
        content: str,
        seq: int,
    ) -> None:
        """Replace a stored story's text, keeping its key, group and first fetch time."""
        current = replace(article, id=stored.key)
        conn.execute(
            "UPDATE articles SET url = coalesce(?, url), guid = coalesce(guid, ?), source = ?,"
            " headline = ?, published = ?, content_hash = ?, seq = ?, payload = ? WHERE id = ?",
            (
                url,
                guid,
                article.source,
                article.headline,
                article.published.isoformat() if article.published else None,
                content,
                seq,
                encode_article(current),
                stored.id,
            ),
        )
        conn.execute("DELETE FROM lsh WHERE article = ?", (stored.id,))
        conn.executemany(
            "INSERT OR IGNORE INTO lsh (bucket, article) VALUES (?, ?)",
            [(b, stored.id) for b in lsh_buckets(shingles(current))],
        )

    def has_story(self, url: str, headline: str = "", feed: str | None = None) -> bool:
        """Whether the story under this URL (normalized) is stored as it is: with this
        headline (up to case and spacing; any, when empty), or pruned since, or stored by a
        feed other than `feed`. A stored URL under a new headline in the feed that stored it
        is a story its publisher updated; another feed's title for the same link is only
        another title (taken as an update, the story flipped between the feeds forever)."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT a.headline, a.removed, a.feed, a.page_retries FROM urls u"
                " JOIN articles a ON a.id = u.article WHERE u.url IN (?, ?)",
                url_twins(url),
            ).fetchone()
        if row is None:
            return False
        stored, removed, by, retries = row
        if removed or _another_feed(by, feed):
            return True
        if retries:  # stored with the feed's text, its page failed: try the page again
            return False
        return not headline or bool(_folded(stored) == _folded(headline))

    def has_text(
        self, url: str, content: str, text: str | None = None, feed: str | None = None
    ) -> bool:
        """Whether the story under this URL (normalized) holds the text whose
        `Article.text_fingerprint` is `content`; also True when there is nothing of this
        feed's to compare: no such story, pruned since, or stored by a feed other than `feed`
        (which does not update it). False is a corrected text under the same headline.
        `text`: the feed's text compared; a stored text that is no earlier version of it
        (`_is_correction`) is its page's, read while pages were fetched, which a feed's
        summary must not replace: True, kept."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT a.content_hash, a.removed, a.feed, a.payload FROM urls u"
                " JOIN articles a ON a.id = u.article WHERE u.url IN (?, ?)",
                url_twins(url),
            ).fetchone()
        if row is None or row[1] or _another_feed(row[2], feed):
            return True
        if row[0] == content:
            return True
        if text is not None and row[3] is not None:
            stored = "\n".join(p.text for p in decode_article(row[3]).paragraphs)
            return not _is_correction(stored, text)
        return False

    def has_feed_stories(self, url: str) -> bool:
        """Whether this feed (its URL normalized) has stored a story of its own, pruned since
        or not. A feed's stories are never deleted (pruning leaves tombstones), so a yes is
        kept; the first question reads every feed's at once."""
        norm = normalize_url(url)
        if norm not in self._fed:
            with self._reading() as conn:
                sql = "SELECT DISTINCT feed FROM articles WHERE feed IS NOT NULL"
                self._fed.update(normalize_url(row[0]) for row in conn.execute(sql))
        return norm in self._fed

    def has_url(self, url: str) -> bool:
        """Whether a story was stored under this URL (normalized), even if since pruned."""
        with self._reading() as conn:
            row = conn.execute("SELECT 1 FROM urls WHERE url IN (?, ?)", url_twins(url))
            return row.fetchone() is not None

    @staticmethod
    def _last_seq(conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])

    def store_id(self) -> str:
        """The store's own id (`_give_store_id`); "" for a store made by an older newsbot and
        opened read-only, which could not be given one."""
        if self._store_id is None:
            with self._reading() as conn:
                try:
                    row = conn.execute("SELECT value FROM store WHERE key = 'id'").fetchone()
                except sqlite3.OperationalError:  # no such table
                    row = None
            self._store_id = str(row[0]) if row else ""
        return self._store_id

    def last_seq(self) -> int:
        """The seq of the latest change (0 when nothing was ever stored)."""
        with self._reading() as conn:
            return self._last_seq(conn)

    def changes_since(self, seq: int) -> list[Change]:
        """The current state of every key changed after `seq`, in seq order."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT seq, key, removed, payload, fetched FROM articles WHERE seq > ?"
                " ORDER BY seq",
                (seq,),
            ).fetchall()
        return [
            Change(s, k, None if gone else decode_article(p), _day(day))
            for s, k, gone, p, day in rows
        ]

    def alertable_since(self, seq: int, until: int | None = None) -> list[str]:
        """Keys of the live stories first stored after `seq` (up to `until`), oldest first,
        but for those stored quietly (`newsbot ingest`): what follows may be alerted to.
        Updates of stories stored earlier are not among them, but for the one that brings
        the page of a story stored with its feed's text (`born`)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT key FROM articles WHERE born > ? AND born <= ? AND quiet = 0"
                " AND removed = 0 ORDER BY born",
                (seq, self._last_seq(conn) if until is None else until),
            ).fetchall()
        return [row[0] for row in rows]

    def articles(self) -> Iterator[Article]:
        """Every live article, in the order first stored (read in chunks, lock not held)."""
        after = 0
        while True:
            with self._reading() as conn:
                rows = conn.execute(
                    "SELECT id, payload FROM articles WHERE removed = 0 AND id > ?"
                    " ORDER BY id LIMIT ?",
                    (after, _CHUNK),
                ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield from (decode_article(payload) for _, payload in rows)

    def count(self) -> int:
        """How many live articles are stored."""
        with self._reading() as conn:
            row = conn.execute("SELECT count(*) FROM articles WHERE removed = 0").fetchone()
        return int(row[0])

    def group_of(self, key: str) -> list[str]:
        """Keys of the live articles in this article's story group, first stored first."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT key FROM articles WHERE removed = 0 AND group_id ="
                " (SELECT group_id FROM articles WHERE key = ? AND removed = 0) ORDER BY id",
                (key,),
            ).fetchall()
        return [r[0] for r in rows]

    def story_groups(self, keys: Iterable[str]) -> dict[str, int]:
        """The story group of each of these live articles (copies of one story share it)."""
        wanted = list(keys)
        found: dict[str, int] = {}
        with self._reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(
                    conn.execute(
                        "SELECT key, group_id FROM articles"
                        f" WHERE removed = 0 AND key IN ({marks})",
                        chunk,
                    ).fetchall()
                )
        return found

    def prune(
        self,
        *,
        max_age_days: int | None = None,
        max_articles: int | None = None,
        now: datetime | None = None,
    ) -> list[str]:
        """Remove articles older than max_age_days (published, else fetched), then the oldest
        beyond max_articles; each becomes a tombstone change. Returns the removed keys."""
        for name, value in (("max_age_days", max_age_days), ("max_articles", max_articles)):
            if value is not None and value < 0:
                raise ValueError(f"prune: {name} must be 0 or more, got {value}")
        moment = now or datetime.now(UTC)
        age = "coalesce(published, substr(fetched, 1, 10))"
        removed: list[tuple[int, str]] = []
        with self._transaction() as conn:
            if max_age_days is not None:
                cutoff = (moment - timedelta(days=max_age_days)).date().isoformat()
                removed += conn.execute(
                    f"SELECT id, key FROM articles WHERE removed = 0 AND {age} < ? ORDER BY id",
                    (cutoff,),
                ).fetchall()
            if max_articles is not None:
                gone = {row_id for row_id, _ in removed}
                live = conn.execute(
                    f"SELECT id, key FROM articles WHERE removed = 0 ORDER BY {age}, id"
                ).fetchall()
                live = [row for row in live if row[0] not in gone]
                removed += live[: max(0, len(live) - max_articles)]
            seq = self._last_seq(conn)
            for offset, (row_id, _) in enumerate(removed, 1):
                conn.execute(
                    "UPDATE articles SET removed = 1, payload = NULL, seq = ? WHERE id = ?",
                    (seq + offset, row_id),
                )
                conn.execute("DELETE FROM lsh WHERE article = ?", (row_id,))
            old = _iso(moment - timedelta(days=GROUP_DAYS))
            conn.execute(
                "DELETE FROM lsh WHERE article IN (SELECT id FROM articles WHERE fetched < ?)",
                (old,),
            )
            if removed:
                conn.execute(
                    "DELETE FROM alerted WHERE group_id NOT IN"
                    " (SELECT group_id FROM articles WHERE removed = 0)"
                )
        if removed:
            log.info("pruned %d articles from %s", len(removed), self.path)
        return [key for _, key in removed]

    # --- feeds -------------------------------------------------------------------------------

    _FEED_COLUMNS = (
        "url, name, interval_minutes, etag, last_modified, last_fetched, last_ok, last_error,"
        " failures, added_by"
    )

    @staticmethod
    def _feed(row: Sequence[Any]) -> FeedRow:
        url, name, interval, etag, modified, fetched, ok, error, failures, by = row
        return FeedRow(
            url, name, interval, etag, modified, _when(fetched), _when(ok), error, failures, by
        )

    def add_feed(
        self,
        url: str,
        name: str | None = None,
        interval_minutes: int = 30,
        added_by: int | None = None,
    ) -> FeedRow:
        """Follow a feed; for one already followed (its URL normalized), set its URL as given,
        its name (if given) and interval.

        Raises:
            ValueError: the URL is not http(s), the interval is not positive, or another
                feed already has this name.
        """
        url = url.strip()
        norm = normalize_url(url)
        if not norm.startswith(("http://", "https://")):
            raise ValueError(f"feed URL must start with http:// or https://, got {url!r}")
        if interval_minutes < 1:
            raise ValueError(f"feed interval must be at least 1 minute, got {interval_minutes}")
        name = normalize_space(name) or None if name else None
        with self._transaction() as conn:
            if name:
                self._check_name_free(conn, norm, name)
            conn.execute(
                "INSERT INTO feeds (url, norm_url, name, interval_minutes, added_by, added)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (norm_url) DO UPDATE SET"
                " url = excluded.url, name = coalesce(excluded.name, name),"
                " interval_minutes = excluded.interval_minutes,"
                # an admin adding a feed the config no longer lists: it is theirs now
                " added_by = coalesce(excluded.added_by, added_by)",
                (url, norm, name, interval_minutes, added_by, _iso(datetime.now(UTC))),
            )
            row = conn.execute(
                f"SELECT {self._FEED_COLUMNS} FROM feeds WHERE norm_url = ?", (norm,)
            ).fetchone()
        return self._feed(row)

    def rename_feed(self, url: str, name: str) -> int:
        """Give a stored feed a new name (a config feed renamed), and its stored stories that
        carry the old name as their source the new one, each a change the index takes: they
        had kept the old name for good, and `source:` the new one found none of them.
        Each story keeps its place in the stored order, which the index's newest-first
        order breaks a day's ties by: the renamed stories, and every live story stored after
        the first of them, take new seqs in their order (the renamed ones alone, re-added
        last, went ahead of the other feeds' stories of their day). Returns how many
        stories were renamed.

        Raises:
            ValueError: another feed already has this name.
        """
        norm, name = normalize_url(url), normalize_space(name)
        with self._transaction() as conn:
            found = conn.execute("SELECT name FROM feeds WHERE norm_url = ?", (norm,)).fetchone()
            if found is None or found[0] is None or not name or found[0] == name:
                return 0
            self._check_name_free(conn, norm, name)
            conn.execute("UPDATE feeds SET name = ? WHERE norm_url = ?", (name, norm))
            rows = conn.execute(
                "SELECT id, seq, feed, payload FROM articles WHERE source = ? AND removed = 0",
                (found[0],),
            ).fetchall()
            renamed = {
                row_id: replace(decode_article(payload), source=name)
                for row_id, _, feed, payload in rows
                if feed is not None and normalize_url(feed) == norm and payload is not None
            }
            if not renamed:
                return 0
            first = min(seq for row_id, seq, _, _ in rows if row_id in renamed)
            after = conn.execute(
                "SELECT id FROM articles WHERE removed = 0 AND seq >= ? ORDER BY seq", (first,)
            ).fetchall()
            seq = self._last_seq(conn)
            for offset, (row_id,) in enumerate(after, 1):
                conn.execute("UPDATE articles SET seq = ? WHERE id = ?", (seq + offset, row_id))
                if (article := renamed.get(row_id)) is not None:
                    conn.execute(
                        "UPDATE articles SET source = ?, payload = ? WHERE id = ?",
                        (article.source, encode_article(article), row_id),
                    )
        return len(renamed)

    @staticmethod
    def _check_name_free(conn: sqlite3.Connection, norm: str, name: str) -> None:
        """Raise ValueError when a feed other than `norm` has this name (in any case)."""
        for other_url, other_norm, other_name in conn.execute(
            "SELECT url, norm_url, name FROM feeds WHERE name IS NOT NULL"
        ):
            if other_norm != norm and other_name.casefold() == name.casefold():
                shown = public_url(other_url)  # the message may reach a chat
                raise ValueError(f"feed name {name!r} is already used by {shown}")

    def remove_feed(self, url_or_name: str) -> bool:
        """Stop following a feed, given its URL or its name (any case); its articles stay."""
        wanted = url_or_name.strip()
        with self._transaction() as conn:
            for norm, name in conn.execute("SELECT norm_url, name FROM feeds").fetchall():
                if norm == normalize_url(wanted) or (name and name.casefold() == wanted.casefold()):
                    conn.execute("DELETE FROM feeds WHERE norm_url = ?", (norm,))
                    return True
        return False

    def feeds(self) -> list[FeedRow]:
        """Every followed feed, in the order added."""
        with self._reading() as conn:
            rows = conn.execute(f"SELECT {self._FEED_COLUMNS} FROM feeds ORDER BY rowid").fetchall()
        return [self._feed(row) for row in rows]

    def record_fetch(
        self,
        url: str,
        *,
        ok: bool,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Note a fetch of a feed. On success the failures reset and the given validators
        replace the stored ones (None keeps them, as after a 304); a feed removed
        meanwhile is ignored."""
        stamp = _iso(at or datetime.now(UTC))
        with self._transaction() as conn:
            if ok:
                self._fetched_ok(conn, url, etag, last_modified, stamp)
            else:
                conn.execute(
                    "UPDATE feeds SET last_fetched = ?, last_error = ?, failures = failures + 1"
                    " WHERE norm_url = ?",
                    (stamp, error or "unknown error", normalize_url(url)),
                )

    @staticmethod
    def _fetched_ok(
        conn: sqlite3.Connection,
        url: str,
        etag: str | None,
        last_modified: str | None,
        stamp: str,
    ) -> None:
        conn.execute(
            "UPDATE feeds SET last_fetched = ?, last_ok = ?, last_error = NULL,"
            " failures = 0, etag = coalesce(?, etag),"
            " last_modified = coalesce(?, last_modified) WHERE norm_url = ?",
            (stamp, stamp, etag, last_modified, normalize_url(url)),
        )

    # --- follows -----------------------------------------------------------------------------

    @staticmethod
    def _follow(row: Sequence[Any]) -> Follow:
        return Follow(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4], row[5])

    def add_follow(self, chat_id: int, query: str, *, thread_id: int | None = None) -> Follow:
        """Alert this chat (in this forum topic) to future articles matching `query`; the
        same query again is kept, where it was made.

        Raises:
            ValueError: the query is empty.
        """
        query = normalize_space(query)
        if not query:
            raise ValueError("a follow needs a query, got an empty one")
        with self._transaction() as conn:
            for follow in self._chat_follows(conn, chat_id):
                if follow.query.casefold() == query.casefold():
                    return follow
            row_id = conn.execute(
                "INSERT INTO follows (chat_id, query, created, cursor, thread_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (chat_id, query, _iso(datetime.now(UTC)), self._last_seq(conn), thread_id),
            ).lastrowid
            row = conn.execute(_FOLLOW_ROWS + " WHERE id = ?", (row_id,)).fetchone()
        return self._follow(row)

    def _chat_follows(self, conn: sqlite3.Connection, chat_id: int | None) -> list[Follow]:
        sql = _FOLLOW_ROWS
        if chat_id is None:
            rows = conn.execute(sql + " ORDER BY id").fetchall()
        else:
            rows = conn.execute(sql + " WHERE chat_id = ? ORDER BY id", (chat_id,)).fetchall()
        return [self._follow(row) for row in rows]

    def follows(self, chat_id: int | None = None) -> list[Follow]:
        """One chat's follows (all chats' when None), in the order added."""
        with self._reading() as conn:
            return self._chat_follows(conn, chat_id)

    def remove_follow(self, chat_id: int, which: str) -> Follow | None:
        """Drop a chat's follow, by its number as listed (1-based) or by its query (any case)."""
        wanted = normalize_space(which)
        with self._transaction() as conn:
            listed = self._chat_follows(conn, chat_id)
            match = None
            if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(listed):
                match = listed[int(wanted) - 1]
            else:
                match = next((f for f in listed if f.query.casefold() == wanted.casefold()), None)
            if match:
                conn.execute("DELETE FROM follows WHERE id = ?", (match.id,))
                self._forget_alerted(conn)
        return match

    def remove_follows(self, chat_id: int, numbers: Iterable[int]) -> list[Follow]:
        """Drop a chat's follows by their numbers as listed (1-based), all in one step, so
        that none moves up to a number named after it ("/unfollow 1 2" had stopped the first
        and then what had been third); the follows dropped, in their listed order. Numbers
        past the list are ignored."""
        with self._transaction() as conn:
            listed = self._chat_follows(conn, chat_id)
            gone = [listed[n - 1] for n in sorted(set(numbers)) if 1 <= n <= len(listed)]
            if gone:
                conn.executemany("DELETE FROM follows WHERE id = ?", [(f.id,) for f in gone])
                self._forget_alerted(conn)
        return gone

    def alerted_groups(self, follow_id: int) -> set[int]:
        """The story groups this follow was alerted to."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT group_id FROM alerted WHERE follow_id = ?", (follow_id,)
            ).fetchall()
        return {int(row[0]) for row in rows}

    def note_alerted(self, follow_id: int, groups: Iterable[int]) -> None:
        """Remember that this follow was alerted to these story groups (a follow removed
        meanwhile is ignored)."""
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM follows WHERE id = ?", (follow_id,)).fetchone():
                conn.executemany(
                    "INSERT OR IGNORE INTO alerted (follow_id, group_id) VALUES (?, ?)",
                    [(follow_id, group) for group in set(groups)],
                )

    @staticmethod
    def _forget_alerted(conn: sqlite3.Connection) -> None:
        """Drop what follows that are gone were alerted to."""
        conn.execute("DELETE FROM alerted WHERE follow_id NOT IN (SELECT id FROM follows)")

    def advance_follow(self, follow_id: int, seq: int) -> None:
        """Move a follow's cursor forward to `seq` (never back); unknown ids are ignored."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE follows SET cursor = max(cursor, ?) WHERE id = ?", (seq, follow_id)
            )

    def move_chat(self, old: int, new: int) -> int:
        """Give a chat's follows to its new id (a group that became a supergroup); returns
        how many moved. A query the new id already follows is dropped, not doubled."""
        with self._transaction() as conn:
            kept = {f.query.casefold() for f in self._chat_follows(conn, new)}
            moved = 0
            for follow in self._chat_follows(conn, old):
                if follow.query.casefold() in kept:
                    conn.execute("DELETE FROM follows WHERE id = ?", (follow.id,))
                    continue
                kept.add(follow.query.casefold())
                conn.execute(  # a group has no topics: the supergroup's General gets them
                    "UPDATE follows SET chat_id = ?, thread_id = NULL WHERE id = ?",
                    (new, follow.id),
                )
                moved += 1
            self._forget_alerted(conn)
            return moved

    def forget_topic(self, chat_id: int, thread_id: int | None) -> int:
        """The follows made in a forum topic that is gone (deleted) alert in the chat itself
        from now on; returns how many (a chat follows a query once, in one topic)."""
        if thread_id is None:
            return 0
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE follows SET thread_id = NULL WHERE chat_id = ? AND thread_id = ?",
                (chat_id, thread_id),
            )
            return changed.rowcount

    def remove_chat(self, chat_id: int) -> int:
        """Drop every follow of a chat (it blocked the bot); returns how many."""
        with self._transaction() as conn:
            count = conn.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,)).rowcount
            self._forget_alerted(conn)
            return count
