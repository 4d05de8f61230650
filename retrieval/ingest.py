"""Ingest: feeds and files into the news store, once (`newsbot ingest`) or when due (the bot).

The store (retrieval.db) keeps what was read; the index catches up from the store's changes
(retrieval.library.open_library(news=...)), so a refresh adds new segments instead of
rebuilding. A feed that fails is recorded with its reason and tried again at its next turn;
what was stored before a crash stays stored, and the next refresh resumes from there.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from retrieval.articles import Article, normalize_space, normalize_url
from retrieval.db import AddResult, FeedRow, NewsDB
from retrieval.feeds import FeedResult, FetchedItem, Fetcher, warning_kind
from retrieval.feedspec import FeedSpec, FeedState, public_url
from retrieval.loaders import derived_id, load_corpus

log = logging.getLogger(__name__)

# after each feed: what was read, and what storing it did (None when nothing was stored)
FeedProgress = Callable[[FeedSpec, FeedResult, AddResult | None], None]

STOP: ContextVar[threading.Event | None] = ContextVar("newsbot_ingest_stop", default=None)
"""The stop of the bot whose refresh runs `ingest_feeds`, when no `stop` is passed: the bot
runs its refresher (made in bot/__main__, called with due_only alone) in a thread by
asyncio.to_thread, which carries this along; a stop had waited for the whole refresh."""


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: counts, and each failure with its reason."""

    feeds: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    grouped: int = 0
    retried: int = 0  # stories whose page was tried again and failed again
    known: int = 0  # items and file stories found stored as they are: "already stored"
    not_modified: int = 0
    pruned: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (feed or item, reason)
    skipped: int = 0  # of `failed`, the items and files skipped (a feed that failed is not)
    new_keys: list[str] = field(default_factory=list)
    # of the new ones, those the index found in the corpus already (copies of its files),
    # stored but not indexed again: "4 new" had been all an ingest of copies said
    in_corpus: int = 0

    def summary(self) -> str:
        """One line for people."""
        parts = [
            f"{self.feeds} feed(s) read",
            f"{self.new} new",
            f"{self.updated} updated",
            f"{self.duplicates} duplicate{'' if self.duplicates == 1 else 's'}",
        ]
        notes = []
        if self.grouped:  # of the new ones: "2 new (1 joining ...)" had read as three
            notes.append(f"{self.grouped} joining a story already stored")
        if self.in_corpus:
            notes.append(f"{self.in_corpus} already in the corpus, not indexed again")
        if notes:
            parts[1] += f" ({'; '.join(notes)})"
        if self.known:
            parts.append(f"{self.known} already stored")
        if self.retried:
            parts.append(f"{self.retried} page(s) tried again, still failing")
        if self.not_modified:
            parts.append(f"{self.not_modified} feed(s) unchanged")
        if self.pruned:
            parts.append(f"{self.pruned} pruned")
        parts.append(f"{len(self.failed) - self.skipped} failed")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts)


def all_feeds(db: NewsDB, configured: Sequence[FeedSpec]) -> list[FeedSpec]:
    """The configured feeds, then those admins added (stored), each once. A feed dropped from
    the config is no longer read (its stored row only keeps its fetch state)."""
    feeds = list(configured)
    seen = {normalize_url(feed.url) for feed in feeds}  # as the store tells feeds apart
    for row in db.feeds():
        if row.added_by is not None and normalize_url(row.url) not in seen:
            seen.add(normalize_url(row.url))
            feeds.append(FeedSpec(row.url, row.name, row.interval_minutes))
    return feeds


def stored_feeds(db: NewsDB) -> dict[str, FeedRow]:
    """The stored feeds by their normalized URL, as the store keys them: a feed whose URL the
    config spells otherwise (a slash, the host's case) is still the same feed."""
    return {normalize_url(row.url): row for row in db.feeds()}


def due_feeds(db: NewsDB, feeds: Sequence[FeedSpec], now: datetime | None = None) -> list[FeedSpec]:
    """The feeds whose interval has passed since they were last read (never read: all)."""
    now = now or datetime.now(UTC)
    rows = stored_feeds(db)
    due: list[FeedSpec] = []
    for feed in feeds:
        row = rows.get(normalize_url(feed.url))
        last = row.last_fetched if row else None
        if last is None or last + timedelta(minutes=feed.interval_minutes) <= now:
            due.append(feed)
    return due


def ingest_feeds(
    db: NewsDB,
    fetcher: Fetcher,
    feeds: Sequence[FeedSpec],
    *,
    progress: FeedProgress | None = None,
    report: IngestReport | None = None,
    quiet: bool = False,
    stop: threading.Event | None = None,
    warned: set[tuple[str, str]] | None = None,
) -> IngestReport:
    """Read each feed once and store its new articles; one feed's failure stops nothing.
    `quiet`: they alert no follows (`newsbot ingest`; the bot's refreshes alert, but for a
    feed's backlog: `_backlog`). `stop`
    (else `STOP`'s) set: no feed is read after it, the one being read ends at once (what it
    read is stored, its pages left for the next read), and the rest wait for the next.
    `warned`: the (feed, `warning_kind`) pairs warned of before, kept by the bot across its
    refreshes: a feed's warning of a kind it gave before is logged at INFO, as a failing
    feed's later reads are (the 100 pages of a site gone 404 were 100 WARNING lines, then
    one a read; now one WARNING in the bot's life). None: every warning at WARNING."""
    report = report or IngestReport()
    stop = stop if stop is not None else STOP.get()
    rows = stored_feeds(db)
    for done, feed in enumerate(feeds):
        if stop is not None and stop.is_set():
            log.info("stopping: %d feed(s) left for the next read", len(feeds) - done)
            break
        row = rows.get(normalize_url(feed.url))
        shown = public_url(feed.url)  # logs travel: no password, key or token in them
        clash = _name_clash(feed, rows.values())
        if clash:  # a config feed named as one an admin added: the store keeps one of them
            log.warning(
                "feed %s: the name %r is also the name of the feed %s; read under that name but "
                "stored without it: rename one of them (in the config, or /removefeed the other)",
                shown,
                feed.name,
                public_url(clash),
            )
        if row is None:
            db.add_feed(feed.url, None if clash else feed.name, feed.interval_minutes)
        elif feed.name and not clash:
            _rename(db, feed, row)
        state = FeedState(row.etag, row.last_modified) if row else None
        try:
            # a link another feed stored is known whatever this feed titles it
            known = partial(db.has_story, feed=feed.url)
            same_text = partial(db.has_text, feed=feed.url)  # a corrected summary (no pages)
            result = fetcher.fetch(feed, state, known=known, same_text=same_text, stop=stop)
        except Exception as exc:  # a bug in one feed's handling must not stop the others
            log.debug("feed %s", shown, exc_info=exc)  # the traceback, with --debug
            result = FeedResult(feed.url, "failed", error=f"unexpected error: {exc}")
        if result.status == "failed" and stop is not None and stop.is_set():
            # the stop cut the feed's own download: no failure of the feed's to record
            log.info("stopping: %d feed(s) left for the next read", len(feeds) - done)
            break
        for warning in result.warnings:
            level = logging.WARNING
            if warned is not None:
                kind = (normalize_url(feed.url), warning_kind(warning))
                level = logging.INFO if kind in warned else logging.WARNING
                warned.add(kind)
            log.log(level, "feed %s: %s", shown, warning)
        report.feeds += 1
        added: AddResult | None = None
        if result.status == "failed":
            _record(db, feed, row, result)
            report.failed.append((feed.url, result.error or "failed"))
        elif result.status == "not_modified":
            _record(db, feed, row, result)
            report.not_modified += 1
        else:
            for item, reason in result.skipped:
                # an item named by its link, its title, or "item N" (neither link nor
                # title): said of which feed, as the README promises (two feeds' failing
                # pages had been told apart by their links alone)
                if item.startswith("item "):
                    where = f"{shown} {item}"
                elif not item.startswith(("http://", "https://")):
                    where = f"{shown} “{item}”"
                else:
                    where = f"{shown} item {item}"
                report.failed.append((where, reason))
                report.skipped += 1
            # the validators with the articles, in one transaction: a store that fails or is
            # interrupted keeps the old ones, so the next read gets the whole feed again
            added = db.add_articles(
                [(item.article, item.guid) for item in oldest_first(result.items)],
                feed=feed.url,
                quiet=quiet or _backlog(db, feed, row, result),
                validators=(result.state.etag, result.state.last_modified),
                page_failed={item.article.id for item in result.items if item.page_failed},
                feed_text={item.article.id for item in result.items if item.text_from == "feed"},
                listed=result.known_links,
            )
            report.new += len(added.new)
            report.updated += len(added.updated)
            report.duplicates += added.duplicates
            report.grouped += added.grouped
            report.retried += added.retried
            report.known += result.known + added.known  # as the feed's line counts them
            report.new_keys.extend(added.new)
        if progress:
            progress(feed, result, added)
    return report


def _backlog(db: NewsDB, feed: FeedSpec, row: FeedRow | None, result: FeedResult) -> bool:
    """Whether what this read of a feed brings is the feed's backlog, stored to answer
    questions but alerted to no one: its first read that worked (a feed just added with
    /addfeed or to the config, or one that failed until now), or a later one while the feed
    has stored no story of its own (its first reads gave an empty feed: the read that
    brought its 15 items had alerted all 15). A news feed's items are mostly a day or two
    old, so the seven days that make a story news let an added feed send every matching
    follow its whole backlog (12 stories: 3 alert messages). A feed that stored stories,
    failed a while and works again alerts what it missed."""
    if row is None or row.last_ok is None:
        return True
    return bool(result.items) and not db.has_feed_stories(feed.url)


def _rename(db: NewsDB, feed: FeedSpec, row: FeedRow) -> None:
    """A config feed given a new name: its stored row and stories take it (`rename_feed`)."""
    if feed.name is None or row.name is None or normalize_space(feed.name) == row.name:
        return
    renamed = db.rename_feed(feed.url, feed.name)
    log.info(
        "feed %s renamed from %r to %r: %d stored stories renamed",
        public_url(feed.url),
        row.name,
        normalize_space(feed.name),
        renamed,
    )


def _name_clash(feed: FeedSpec, rows: Iterable[FeedRow]) -> str | None:
    """The URL of another stored feed with this feed's name, as the store compares names
    (any case and spacing), or None."""
    name, url = normalize_space(feed.name or "").casefold(), normalize_url(feed.url)
    if not name:
        return None
    for row in rows:
        if normalize_url(row.url) != url and normalize_space(row.name or "").casefold() == name:
            return row.url
    return None


def oldest_first(items: Sequence[FetchedItem]) -> list[FetchedItem]:
    """A feed's items in the order to store them, the newest last: stories of one day are
    listed later-stored first, and a store keeps only their date. By their times when every
    item has one, else in the feed's order reversed (feeds list the newest first)."""
    ordered = list(reversed(items))
    if all(item.posted is not None for item in ordered):
        ordered.sort(key=lambda item: item.posted or datetime.min)  # stable on equal times
    return ordered


def ingest_files(
    db: NewsDB, paths: Sequence[Path], report: IngestReport | None = None, *, quiet: bool = False
) -> IngestReport:
    """Store the articles of files and folders (bad files are reported, not fatal); `quiet`
    as for ingest_feeds."""
    report = report or IngestReport()
    result = load_corpus(paths)
    for skipped in result.skipped:
        report.failed.append((skipped.path, skipped.reason))
    report.skipped += len(result.skipped)
    per_file = Counter(article.origin for article in result.articles)
    added = db.add_articles(
        [(article, _file_guid(article, per_file[article.origin])) for article in result.articles],
        quiet=quiet,
    )
    report.new += len(added.new)
    report.updated += len(added.updated)
    report.duplicates += added.duplicates + result.duplicates
    report.grouped += added.grouped
    report.known += added.known
    report.new_keys.extend(added.new)
    return report


def _file_guid(article: Article, in_file: int) -> str | None:
    """What names a file's story in the store, as a feed item's GUID does, so that the file
    corrected and ingested again updates it (without a URL it had been stored twice, the
    answers keeping the old text): the file's path and the record's id; a file of one
    article without an id of its own (a page, a Markdown story), its path alone, so that a
    corrected headline is the same story too. `in_file`: how many articles its file holds."""
    if not article.origin:
        return None
    path = str(Path(article.origin).resolve())
    made_up = article.id == derived_id(article.origin, article.headline)
    if made_up and in_file == 1:
        return f"file:{path}"
    return f"file:{path}#{article.id}"


def prune(db: NewsDB, max_age_days: int, max_articles: int, report: IngestReport) -> None:
    """Apply retention (0 means no limit)."""
    removed = db.prune(max_age_days=max_age_days or None, max_articles=max_articles or None)
    report.pruned += len(removed)


def _record(db: NewsDB, feed: FeedSpec, row: FeedRow | None, result: FeedResult) -> None:
    """Note a read that stored nothing: failed (the validators kept) or not modified."""
    ok = result.status != "failed"
    db.record_fetch(
        feed.url,
        ok=ok,
        etag=result.state.etag if ok else (row.etag if row else None),
        last_modified=result.state.last_modified if ok else (row.last_modified if row else None),
        error=result.error,
    )
