"""A fake Searcher and LibraryInfo over a handful of articles, for the Telegram tests.

The fake ranks by how many question words a paragraph and its headline contain (one hit per
article), so the tests do not move when the real ranking is tuned.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.ask import id_check
from retrieval.analysis import Analyzer
from retrieval.articles import Article, Hit, Paragraph
from retrieval.search import SearchResult

_WORD = re.compile(r"\w+")
_STOP = frozenset(
    {
        "a", "an", "and", "are", "did", "does", "for", "how", "in", "is", "of", "on", "the",
        "to", "what", "when", "where", "who", "why",
    }
)  # fmt: skip


def article(
    headline: str,
    *paragraphs: str,
    published: date | None = None,
    source: str | None = "Test Wire",
    url: str | None = None,
    section: str | None = None,
) -> Article:
    """An article from plain strings; its id comes from the headline."""
    return Article(
        id="t-" + "-".join(headline.lower().split()[:4]),
        headline=headline,
        paragraphs=tuple(Paragraph(p, section) for p in paragraphs),
        published=published,
        source=source,
        url=url,
    )


NEWS: tuple[Article, ...] = (
    article(
        "Volcano erupts in Iceland",
        "A volcano on the Reykjanes peninsula erupted on Monday, sending lava towards Grindavik.",
        "Residents of the fishing town were evacuated before the eruption began.",
        published=date(2024, 1, 15),
        source="Nordic News",
        url="https://news.example/iceland-volcano?a=1&b=2",
    ),
    article(
        "Iceland volcano: lava reaches town",
        "Lava from the Reykjanes volcano reached the outskirts of Grindavik on Sunday.",
        published=date(2024, 1, 21),
        source="Nordic News",
    ),
    article(
        "Volcano tourism booms",
        "Tour operators say bookings to see the volcano have doubled since the eruption.",
        published=date(2024, 2, 2),
        source="Travel Daily",
    ),
    article(
        "Scientists monitor volcano gases",
        "Researchers measured sulphur dioxide from the volcano with drones.",
        published=date(2023, 12, 1),
    ),
    article(
        "Airline warns of volcano ash",
        "An airline said volcano ash could disrupt flights to Keflavik.",
        published=None,
        source=None,
    ),
    article(
        "Central bank raises interest rates",
        "The central bank raised its key interest rate by a quarter point to fight inflation.",
        "Economists expect one more rate rise <b>before</b> the end of the year & beyond.",
        published=date(2024, 3, 1),
        source="Money Times",
        section="Markets",
    ),
    article(
        "Marathon record falls in Berlin",
        "A Kenyan runner broke the marathon world record in Berlin on Sunday.",
        published=date(2023, 9, 24),
        source="Sport Now",
    ),
)


@dataclass(frozen=True, slots=True)
class SearchCall:
    """One call of FakeSearcher.search, and the thread it ran in."""

    question: str
    k: int
    offset: int
    as_of: date | None
    thread: str


@dataclass
class FakeSearcher:
    """Counts question words per paragraph; records its calls; can fail or wait on a gate."""

    articles: Sequence[Article] = NEWS
    error: Exception | None = None
    gate: threading.Event | None = None
    calls: list[SearchCall] = field(default_factory=list)

    def warm(self, *, spelling: bool = False, question: str | None = None) -> None:
        """Nothing to prepare."""

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
        """Hits ranked offset..offset+k: one per article, most matched words first."""
        self.calls.append(SearchCall(question, k, offset, as_of, threading.current_thread().name))
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise TimeoutError("the test never opened the gate")
        if self.error is not None:
            raise self.error
        terms = {w.casefold() for w in _WORD.findall(question)} - _STOP
        ranked: list[Hit] = []
        for number, found in enumerate(self.articles):
            if only is not None and number not in only:
                continue
            head = sum(w.casefold() in terms for w in _WORD.findall(found.headline))
            best: Hit | None = None
            for position, paragraph in enumerate(found.paragraphs):
                spans = tuple(
                    (m.start(), m.end())
                    for m in _WORD.finditer(paragraph.text)
                    if m[0].casefold() in terms
                )
                score = float(len(spans) + head)
                if score and (best is None or score > best.score):
                    best = Hit(found, position, score, spans=spans, number=number)
            if best is not None:
                ranked.append(best)
        ranked.sort(key=lambda hit: (-hit.score, hit.number))
        has_more = more and len(ranked) > offset + k
        return SearchResult(tuple(ranked[offset : offset + k]), has_more=has_more)


@dataclass
class FakeInfo:
    """LibraryInfo over a list of articles (undated ones count as the newest)."""

    articles: Sequence[Article] = NEWS
    built: datetime | None = None

    @property
    def n_articles(self) -> int:
        """How many articles there are."""
        return len(self.articles)

    @property
    def n_paragraphs(self) -> int:
        """How many passages there are."""
        return sum(len(a.paragraphs) for a in self.articles)

    @property
    def built_at(self) -> datetime | None:
        """When the index was built, if known."""
        return self.built

    def date_range(self) -> tuple[date, date] | None:
        """The first and last publication dates."""
        days = [a.published for a in self.articles if a.published is not None]
        return (min(days), max(days)) if days else None

    def n_dated(self) -> int:
        """How many articles have a date."""
        return sum(a.published is not None for a in self.articles)

    def newest(self, n: int, offset: int = 0, source: str | None = None) -> list[int]:
        """Article numbers, newest first (undated first: they were added today)."""
        numbers = [
            i
            for i, a in enumerate(self.articles)
            if source is None or (a.source or "").casefold() == source.casefold()
        ]
        order = sorted(numbers, key=lambda i: (self.articles[i].published or date.max, i))
        return order[::-1][offset : offset + n]

    def numbers_of(self, ids: set[str]) -> frozenset[int]:
        """Numbers of the articles with these ids."""
        return frozenset(i for i, a in enumerate(self.articles) if a.id in ids)

    def article(self, number: int) -> Article | None:
        """The article with this number, if any."""
        return self.articles[number] if 0 <= number < len(self.articles) else None

    def number_by_check(self, check: str) -> int | None:
        """The number of the one article whose id has this fingerprint."""
        found = [i for i, a in enumerate(self.articles) if id_check(a.id) == check]
        return found[0] if len(found) == 1 else None

    def source_counts(self) -> list[tuple[str, int]]:
        """Sources with their article counts, most first."""
        counts: dict[str, int] = {}
        for a in self.articles:
            if a.source:
                counts[a.source] = counts.get(a.source, 0) + 1
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))

    def terms(self, text: str) -> list[str]:
        """The index terms of these words, as the default (English) analysis reads them."""
        return _ENGLISH.terms(_ENGLISH.question(text))


_ENGLISH = Analyzer()


def open_fake_searcher() -> FakeSearcher:
    """A FakeSearcher over NEWS (module-level, so a worker process can be handed it)."""
    return FakeSearcher()
