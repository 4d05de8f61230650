"""The seam between the faces and retrieval: ask a Searcher, get a Reply or JSON records."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from bot.answer import Reply, build_reply
from retrieval.articles import Hit
from retrieval.search import SearchResult


class Searcher(Protocol):
    """What the faces need of retrieval; tests hand in fakes."""

    def search(
        self, question: str, k: int = 3, *, offset: int = 0, as_of: date | None = None
    ) -> SearchResult:
        """Hits ranked offset..offset+k for the question."""
        ...


def ask(
    searcher: Searcher,
    question: str,
    k: int = 3,
    *,
    offset: int = 0,
    as_of: date | None = None,
) -> Reply:
    """The reply to a question: one page of the ranking, ready to render."""
    result = searcher.search(question, k, offset=offset, as_of=as_of)
    return build_reply(question, result.hits, has_more=result.has_more, note=result.note)


def hit_record(hit: Hit) -> dict[str, Any]:
    """One hit as the JSON object `newsbot ask --json` prints."""
    article = hit.article
    return {
        "headline": article.headline,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "article_id": article.id,
        "paragraph": hit.position,
        "text": hit.text,
        "score": round(hit.score, 6),
    }
