"""The article store: every ingested article, kept as one JSON line each, read back lazily.

In memory it is a list of encoded lines; saved, it is `articles.jsonl` plus `offsets.npy`, and
a loaded store memory-maps the file, decoding an article only when a hit needs it. Start-up
therefore costs milliseconds however many articles there are.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval.articles import Article, Paragraph

NO_DATE = -1


def encode_article(article: Article) -> bytes:
    """One JSON line for an article (the JSONL schema, plus sections, standfirst and origin)."""
    record = {
        "id": article.id,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "origin": article.origin,
        "paragraphs": [p.text for p in article.paragraphs],
        "sections": [p.section for p in article.paragraphs],
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_article(line: bytes) -> Article:
    """The Article an `encode_article` line holds."""
    r = json.loads(line)
    sections = r.get("sections") or [None] * len(r["paragraphs"])
    return Article(
        id=r["id"],
        headline=r["headline"],
        standfirst=r.get("standfirst") or "",
        published=date.fromisoformat(r["published"]) if r.get("published") else None,
        source=r.get("source"),
        url=r.get("url"),
        origin=r.get("origin") or "",
        paragraphs=tuple(Paragraph(t, s) for t, s in zip(r["paragraphs"], sections, strict=True)),
    )


class ArticleStore:
    """Articles by number (0, 1, ...), in the order they were added."""

    def __init__(self) -> None:
        self._fresh: list[bytes] = []  # encoded articles not yet in the mapped file
        self._map: mmap.mmap | None = None
        self._offsets: npt.NDArray[np.int64] = np.zeros(1, np.int64)
        self.published: npt.NDArray[np.int32] = np.zeros(0, np.int32)  # date ordinals or NO_DATE
        self._get = lru_cache(maxsize=4096)(self._decode)

    def __len__(self) -> int:
        return len(self._offsets) - 1 + len(self._fresh)

    def add(self, articles: Iterable[Article]) -> range:
        """Append articles; returns their numbers."""
        start = len(self)
        dates: list[int] = []
        for article in articles:
            self._fresh.append(encode_article(article))
            dates.append(article.published.toordinal() if article.published else NO_DATE)
        self.published = np.concatenate([self.published, np.array(dates, np.int32)])
        return range(start, len(self))

    def get(self, number: int) -> Article:
        """The article with this number."""
        return self._get(number)

    def __iter__(self) -> Iterator[Article]:
        return (self._decode(i) for i in range(len(self)))

    def _decode(self, number: int) -> Article:
        mapped = len(self._offsets) - 1
        if number < mapped:
            if self._map is None:
                raise IndexError(number)
            start, end = int(self._offsets[number]), int(self._offsets[number + 1])
            return decode_article(self._map[start:end])
        return decode_article(self._fresh[number - mapped])

    def save(self, folder: Path) -> None:
        """Write all articles into `folder` (the caller makes the publication atomic)."""
        folder.mkdir(parents=True, exist_ok=True)
        sizes: list[int] = []
        with (folder / "articles.jsonl").open("wb") as out:
            if self._map is not None:
                end = int(self._offsets[-1])
                out.write(self._map[:end])
                sizes.extend(np.diff(self._offsets).tolist())
            for line in self._fresh:
                out.write(line)
                sizes.append(len(line))
        offsets = np.zeros(len(sizes) + 1, np.int64)
        np.cumsum(sizes, out=offsets[1:])
        np.save(folder / "offsets.npy", offsets)
        np.save(folder / "published.npy", self.published)

    @classmethod
    def load(cls, folder: Path) -> ArticleStore:
        """Open a saved store; articles are decoded on demand."""
        store = cls()
        store._offsets = np.load(folder / "offsets.npy")
        store.published = np.load(folder / "published.npy")
        if store._offsets[-1] > 0:
            with (folder / "articles.jsonl").open("rb") as f:
                store._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return store
