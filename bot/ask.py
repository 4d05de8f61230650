"""The seam between the faces and retrieval: ask a Searcher, get a Reply or JSON records."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from bot.answer import MAX_DEPTH, Reply, build_reply, small_talk, within_depth
from retrieval.articles import Article, Hit
from retrieval.library import Library, SearchConfig, open_library
from retrieval.query import parse_query
from retrieval.search import Searcher as LibrarySearcher
from retrieval.search import SearchResult
from retrieval.store import StoreError

log = logging.getLogger(__name__)

# what a question that met a bug gets, in the console, `ask` and `ask --json` (the
# traceback: --debug)
INTERNAL_ERROR = "Newsbot could not answer this question: an internal error (--debug shows it)."


class Searcher(Protocol):
    """What the faces need of retrieval; tests hand in fakes."""

    def warm(self, *, spelling: bool = False, question: str | None = None) -> None:
        """Load now what the first question would load on first need (`question`: that
        question's needs only; `spelling`: a stream's, what any question may need)."""
        ...

    def search(
        self,
        question: str,
        k: int = 3,
        *,
        offset: int = 0,
        as_of: date | None = None,
        only: Collection[int] | None = None,
        min_relevance: float | None = None,
        more: bool = True,
    ) -> SearchResult:
        """Hits ranked offset..offset+k for the question; `only` keeps those articles (by
        number), `min_relevance` overrides the threshold (alerts are stricter); `more`
        False: whether more follow is not looked for."""
        ...


class LibraryInfo(Protocol):
    """What the faces show about the library (counts, dates, newest, one article)."""

    @property
    def n_articles(self) -> int:
        """How many articles there are."""
        ...

    @property
    def n_paragraphs(self) -> int:
        """How many passages there are."""
        ...

    @property
    def built_at(self) -> datetime | None:
        """When the index was last built or updated, if known."""
        ...

    def date_range(self) -> tuple[date, date] | None:
        """The first and last publication dates, if any article has one."""
        ...

    def n_dated(self) -> int:
        """How many articles have a publication date."""
        ...

    def newest(self, n: int, offset: int = 0, source: str | None = None) -> list[int]:
        """Numbers of the n newest articles after `offset`, newest first; `source` keeps
        only that source's (case-insensitive)."""
        ...

    def numbers_of(self, ids: set[str]) -> frozenset[int]:
        """The numbers of the (live) articles with these ids."""
        ...

    def article(self, number: int) -> Article | None:
        """The article with this number, or None if there is none."""
        ...

    def number_by_check(self, check: str) -> int | None:
        """The number of the one live article whose id has this fingerprint
        (`article_check`), or None when none has, or several."""
        ...

    def source_counts(self) -> list[tuple[str, int]]:
        """Each source with its number of articles, most first."""
        ...

    def terms(self, text: str) -> list[str]:
        """The index terms a search looks up for these words (the library's analysis: its
        language's stopwords dropped)."""
        ...


EXAMPLE_CANDIDATES = 20  # the newest headlines example_question looks at, newest first


EXAMPLE_MAX_CHARS = 100  # a longer headline is no example one would type (nor cut: it may not find)


def example_question(info: LibraryInfo) -> str | None:
    """An example question that surely finds something: the newest headline that reads as
    one, among the EXAMPLE_CANDIDATES newest (None when none does). /start, the usage notes
    and the replies to small talk suggest it. Not a headline that would not be searched as
    it is typed: small talk ("Goodbye" had left the console, "OK" was thanked for), one
    with operators ("before:2024 chaos", a phrase in quotes, "-word"), one of stopwords only
    ("Why?" found nothing)."""
    today = date.today()
    for number in info.newest(EXAMPLE_CANDIDATES):
        article = info.article(number)
        shown = _as_question(article.headline) if article is not None else ""
        if not shown or len(shown) > EXAMPLE_MAX_CHARS or small_talk(shown) is not None:
            continue  # too long a headline made "/ask" alone a 1,000-character hint
        query = parse_query(shown, today)
        if query.has_filters or query.errors or query.loose_sources:
            continue
        if info.terms(shown):
            return shown
    return None


def _as_question(headline: str) -> str:
    """A headline as an example question: on one line, without what ends it as a sentence or
    dangles (a final "." after a word, ":", ";", ","). An abbreviation keeps its dot ("the
    U.S.", "Acme Inc."), and a question its "?" (both had been cut); "!" stays ("Yahoo!")."""
    text = " ".join(headline.split()).rstrip(":;,").rstrip()
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1].rstrip(":;,").rstrip()
    return text


# a headline's end whose dot is an abbreviation's (or may be), not a sentence's
_ABBREVIATION_END = re.compile(
    r"(?:\.\S*"  # a dot inside its last word: "U.S.", "a.m.", "..."
    r"|\b\w"  # a letter alone: "John F."
    r"|\b[A-Z]\w*[A-Z]\w*"  # a capital past the first letter: "US.", "NHS." (harmless)
    r"|\b(?i:inc|ltd|llc|plc|co|corp|bros|jr|sr|st|mr|mrs|ms|dr|prof|gen|gov|sen|rep|rev"
    r"|ave|etc|vs)"  # a known short form: "Acme Inc.", "Martin Luther King Jr."
    r"|[^\w\s])\.$"  # a symbol's: "4.5%.", "“Yes”."
)


class LibraryFacts:
    """LibraryInfo over a retrieval Library."""

    def __init__(self, library: Library, built_at: datetime | None = None) -> None:
        self.library = library
        self._built_at = built_at
        self._checks: dict[str, int | None] | None = None  # see number_by_check

    @property
    def n_articles(self) -> int:
        """How many articles there are (not counting removed ones)."""
        return self.library.store.n_live

    @property
    def n_paragraphs(self) -> int:
        """How many passages there are (not counting removed articles')."""
        return self.library.n_live_paragraphs

    @property
    def built_at(self) -> datetime | None:
        """When the index was last built or updated, if known."""
        return self._built_at

    def date_range(self) -> tuple[date, date] | None:
        """The first and last publication dates, if any article has one."""
        return self.library.store.date_range()

    def n_dated(self) -> int:
        """How many articles have a publication date."""
        return self.library.store.n_dated()

    def newest(self, n: int, offset: int = 0, source: str | None = None) -> list[int]:
        """Numbers of the n newest articles after `offset` (undated ones by when they were
        added), newest first; `source` keeps only that source's."""
        return self.library.store.newest(n, offset, source)

    def numbers_of(self, ids: set[str]) -> frozenset[int]:
        """The numbers of the live articles with these ids, looking from the newest stored
        back (new articles are appended, so this reads few)."""
        store, wanted, found = self.library.store, set(ids), set()
        for number in range(len(store) - 1, -1, -1):
            if not wanted:
                break
            if store.removed[number]:
                continue
            article_id = store.get(number).id
            if article_id in wanted:
                wanted.discard(article_id)
                found.add(number)
        return frozenset(found)

    def article(self, number: int) -> Article | None:
        """The article with this number, or None if there is none (or it was removed)."""
        store = self.library.store
        if not 0 <= number < len(store) or store.removed[number]:
            return None
        return store.get(number)

    def number_by_check(self, check: str) -> int | None:
        """The number of the one live article whose id has this fingerprint, or None when
        none has, or several: after a rebuild renumbered the articles, a button or a shared
        card's link still opens its article. The table is made on the first such look-up
        (the ids read straight from the saved file) and lives as long as these facts."""
        if self._checks is None:
            removed = self.library.store.removed.tolist()
            numbers: dict[str, int | None] = {}
            for number, article_id in enumerate(self.library.store.ids()):
                if not removed[number]:
                    key = id_check(article_id)
                    numbers[key] = None if key in numbers else number  # two: neither
            self._checks = numbers
        return self._checks.get(check)

    def source_counts(self) -> list[tuple[str, int]]:
        """Each source with its number of articles, most first."""
        return self.library.store.source_counts()

    def terms(self, text: str) -> list[str]:
        """The index terms a search looks up for these words, as the library analyzes them."""
        analyzer = self.library.analyzer
        return analyzer.terms(analyzer.question(text))


def id_check(article_id: str) -> str:
    """A short fingerprint of an article's id (Telegram's buttons and links carry it with the
    article's number, so a button never opens another article)."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:6]


def open_searcher(
    sources: tuple[Path, ...], data_dir: Path | None, config: SearchConfig
) -> LibrarySearcher:
    """A Searcher over the library for these sources (loaded from data_dir when it is valid);
    a module-level function, so that worker processes can be handed it."""
    return LibrarySearcher(open_library(sources, data_dir, config).library)


def ask(
    searcher: Searcher,
    question: str,
    k: int = 3,
    *,
    offset: int = 0,
    as_of: date | None = None,
    example: str | None = None,
) -> Reply:
    """The reply to a question: one page of the ranking, ready to render; small talk
    suggests `example`, if any."""
    return ask_with_hits(searcher, question, k, offset=offset, as_of=as_of, example=example)[0]


def ask_with_hits(
    searcher: Searcher,
    question: str,
    k: int = 3,
    *,
    offset: int = 0,
    as_of: date | None = None,
    example: str | None = None,
) -> tuple[Reply, tuple[Hit, ...]]:
    """`ask`'s reply, and the hits it shows (their articles, for reading one in full).
    Small talk ("hello", "thanks") gets its reply, not a search, which suggests `example`
    (a question the library answers), if any."""
    chat = small_talk(question, example) if not offset else None
    if chat is not None:
        return Reply(question, (), chat=chat), ()
    shown = within_depth(k, offset)
    try:
        result = searcher.search(question, shown, offset=offset, as_of=as_of) if shown else None
    except StoreError:
        raise  # a damaged index: no question can be answered; the message says the fix
    except Exception:  # a bug: this question says so, the console goes on, no traceback
        log.debug("could not answer %r", question, exc_info=True)
        result = SearchResult((), error=INTERNAL_ERROR)
    if result is None:  # paged to MAX_DEPTH: no more results
        return build_reply(question, (), first_page=False), ()
    reply = build_reply(
        question,
        result.hits,
        has_more=result.has_more and offset + shown < MAX_DEPTH,
        note=result.note,
        error=result.error,
        example_source=result.example_source,
        first_page=not offset,
    )
    return reply, tuple(result.hits)


def typed_text(text: str) -> str:
    """What a user typed, with lone surrogates (undecodable bytes, half of a JSON escaped
    pair) as U+FFFD: they cannot be written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def hit_record(hit: Hit) -> dict[str, Any]:
    """One hit as the JSON object `newsbot ask --json` prints."""
    article = hit.article
    return {
        "headline": article.headline,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "article_id": article.id,
        "paragraph": article.source_position(hit.position),
        "text": hit.text,
        "score": round(hit.score, 6),
    }
