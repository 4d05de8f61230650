"""The article store: every ingested article, kept as one JSON line each, read back lazily.

In memory it is a list of encoded lines; saved, it is `articles.jsonl` plus `offsets.npy`, and
a loaded store memory-maps the file, decoding an article only when a hit needs it. Start-up
therefore costs milliseconds however many articles there are.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval.analysis import without_accents
from retrieval.articles import Article, Paragraph

try:  # the C helper that builds a decoded article's paragraphs (setup.py builds it)
    from retrieval import _scan  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without a compiler
    _scan = None
_rows = getattr(_scan, "rows", None)  # None too for an extension built before it

NO_DATE = -1
NO_TIME = np.iinfo(np.int64).min  # an article whose time is not known: before every time
CACHED_ARTICLES = 4096  # decoded articles a store keeps
HEAD_READ = 4096  # bytes of a stored line `ArticleStore.heading` reads for its head


class StoreError(Exception):
    """An expected problem with a store file (the news store's, or a saved index's
    articles): what, which file, and what to do."""


_ID_FIELD = re.compile(rb'\{"id": ("(?:[^"\\]|\\.)*")')
_URL_FIELD = re.compile(rb'"url": ("(?:[^"\\]|\\.)*"|null)')
# an encoded article's opening: its id, headline and standfirst, as `encode_article` writes
# them first (read without decoding its paragraphs: `ArticleStore.heading`)
_HEAD_FIELDS = re.compile(
    rb'\{"id": "(?:[^"\\]|\\.)*", "headline": ("(?:[^"\\]|\\.)*"), '
    rb'"standfirst": ("(?:[^"\\]|\\.)*")'
)


def encode_article(article: Article) -> bytes:
    """One JSON line for an article (the JSONL schema, plus sections, standfirst and origin)."""
    record: dict[str, object] = {
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
    if any(p.source_index is not None for p in article.paragraphs):
        record["indexes"] = [p.source_index for p in article.paragraphs]
    if article.posted is not None:  # only a feed's: the files' lines stay as they were
        record["posted"] = article.posted.isoformat()
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_article(line: bytes) -> Article:
    """The Article an `encode_article` line holds."""
    r = json.loads(line)
    sections = r.get("sections") or [None] * len(r["paragraphs"])
    indexes = r.get("indexes") or [None] * len(r["paragraphs"])
    if not len(sections) == len(indexes) == len(r["paragraphs"]):
        raise ValueError("decode_article: paragraphs, sections and indexes differ in length")
    return Article(
        id=r["id"],
        headline=r["headline"],
        standfirst=r.get("standfirst") or "",
        published=date.fromisoformat(r["published"]) if r.get("published") else None,
        source=r.get("source"),
        url=r.get("url"),
        origin=r.get("origin") or "",
        paragraphs=_paragraphs(r["paragraphs"], sections, indexes),
        posted=datetime.fromisoformat(r["posted"]) if r.get("posted") else None,
    )


# Paragraph(text, section, index) without the frozen dataclass's __init__, which sets each
# field through object.__setattr__: decoding an article builds dozens of paragraphs (a shown
# story is long: 75 us a decode, a tenth of a question's time). The C helper makes them all in
# one call (its row loop is this Python's, without a Python call a paragraph: half the cost
# again); the same objects either way (tests compare them with Paragraph(...)).
_new = object.__new__
_SLOTS = tuple(vars(Paragraph)[name] for name in ("text", "section", "source_index"))
_set_text, _set_section, _set_index = (slot.__set__ for slot in _SLOTS)


def _paragraph(text: str, section: str | None, index: int | None) -> Paragraph:
    paragraph: Paragraph = _new(Paragraph)
    _set_text(paragraph, text)
    _set_section(paragraph, section)
    _set_index(paragraph, index)
    return paragraph


def _paragraphs(
    texts: Sequence[str], sections: Sequence[str | None], indexes: Sequence[int | None]
) -> tuple[Paragraph, ...]:
    """The Paragraphs of these columns, of one length."""
    if _rows is not None:
        made: tuple[Paragraph, ...] = _rows(Paragraph, _SLOTS, (texts, sections, indexes))
        return made
    return tuple(map(_paragraph, texts, sections, indexes))


def _seconds(posted: datetime | None) -> int:
    """An article's time as UTC seconds (naive means UTC), or NO_TIME."""
    if posted is None:
        return int(NO_TIME)
    return int((posted if posted.tzinfo else posted.replace(tzinfo=UTC)).timestamp())


def _added(
    articles: Sequence[Article], dates: Sequence[int], stored: Sequence[date | None] | None = None
) -> npt.NDArray[np.int32]:
    """When each article was added, as a date ordinal: an undated one from a file, the day
    its file was last written (the same after every rebuild; a rebuild had made a folder of
    old undated stories the newest news); one given its day (`stored`: the news store's,
    when it first stored the story), that day (a story re-added, renamed, had become
    today's); others, and a file that cannot be read, today."""
    today = date.today().toordinal()
    written: dict[str, int] = {}
    out = np.full(len(dates), today, np.int32)
    for at, (article, published) in enumerate(zip(articles, dates, strict=True)):
        day = stored[at] if stored is not None else None
        if day is not None:
            out[at] = min(today, day.toordinal())
        if published != NO_DATE or not article.origin:
            continue
        if article.origin not in written:
            try:
                stamp = os.stat(article.origin).st_mtime
                written[article.origin] = min(today, date.fromtimestamp(stamp).toordinal())
            except (OSError, ValueError, OverflowError):  # gone, or a clock far off
                written[article.origin] = today
        out[at] = written[article.origin]
    return out


_NAME_WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> tuple[str, ...]:
    """A source name's words, case-folded, accents and punctuation dropped: "BBC News" ->
    (bbc, news), "Süddeutsche Zeitung" -> (suddeutsche, zeitung), as people type them; and
    German's "ae", "oe" and "ue" as the letter they stand for ("sueddeutsche", as a German
    keyboard-less user writes "Süddeutsche", is suddeutsche too; both sides of a match are
    read so, and "blue" is "blu" in either)."""
    plain = without_accents(unicodedata.normalize("NFKC", name).casefold())
    return tuple(transliterated(word) for word in _NAME_WORD.findall(plain))


def transliterated(text: str) -> str:
    """German's "ae", "oe" and "ue" in folded `text` as the letter they stand for, as
    `name_words` reads them (a run of letters at a time gives the same as a word at a time)."""
    return _TRANSLITERATED.sub(_first_letter, text)


_TRANSLITERATED = re.compile("ae|oe|ue")


def _first_letter(found: re.Match[str]) -> str:
    return found[0][0]


def holds_run(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether `run` (not empty) occurs in `words` as consecutive words, or written as one
    word ("usatoday", "bbcnews": a source: value cannot hold a space unless quoted)."""
    size = len(run)
    if size > 0 and any(words[i : i + size] == run for i in range(len(words) - size + 1)):
        return True
    joined = "".join(run)
    return any(
        "".join(words[i:j]) == joined
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
    )


def story_key(key: str) -> int:
    """A 63-bit number for a story key (an article id, or the first id of a story group)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


HOLDING_CHUNK = 8 << 20  # bytes of the saved file `ArticleStore.holding` reads at a time


class ArticleStore:
    """Articles by number (0, 1, ...), in the order they were added."""

    def __init__(self) -> None:
        self._fresh: list[bytes] = []  # encoded articles not yet in the mapped file
        self._map: mmap.mmap | None = None
        self._offsets: npt.NDArray[np.int64] = np.zeros(1, np.int64)
        self.published: npt.NDArray[np.int32] = np.zeros(0, np.int32)  # date ordinals or NO_DATE
        self.added: npt.NDArray[np.int32] = np.zeros(0, np.int32)  # date ordinal when stored
        self.posted: npt.NDArray[np.int64] = np.zeros(0, np.int64)  # UTC seconds, or NO_TIME
        self.source_names: list[str] = []  # distinct sources, in order of first appearance
        self.source_of: npt.NDArray[np.int32] = np.zeros(0, np.int32)  # index or -1
        self.removed: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)  # pruned or replaced
        self.story: npt.NDArray[np.int64] = np.zeros(0, np.int64)  # copies of a story share it
        # Decoded articles, oldest evicted first. Not an lru_cache over the bound method,
        # which would make the store refer to itself: a swapped-out store (with its memory
        # map of a deleted generation) would wait for the cycle collector. An OrderedDict:
        # a full dict's oldest, found by iterating it, is found past the slots its evictions
        # left empty (a fiftieth of a question's time, once 4,096 articles are decoded).
        self._cache: OrderedDict[int, Article] = OrderedDict()
        self._folder: Path | None = None  # where a loaded store's file is, for messages

    def __len__(self) -> int:
        return len(self._offsets) - 1 + len(self._fresh)

    def add(
        self,
        articles: Iterable[Article],
        stories: Sequence[int] | None = None,
        stored: Sequence[date | None] | None = None,
    ) -> range:
        """Append articles; returns their numbers. `stories` gives each article's story key
        (copies of the same story from several outlets share one); default: its own id.
        `stored`: the day each was first stored, where known (`_added`)."""
        start = len(self)
        articles = list(articles)
        keys: list[int] = []
        dates: list[int] = []
        times: list[int] = []
        sources: list[int] = []
        known = {name: i for i, name in enumerate(self.source_names)}
        for article in articles:
            keys.append(story_key(article.id))
            self._fresh.append(encode_article(article))
            dates.append(article.published.toordinal() if article.published else NO_DATE)
            times.append(_seconds(article.posted))
            if article.source:
                if article.source not in known:
                    known[article.source] = len(self.source_names)
                    self.source_names.append(article.source)
                sources.append(known[article.source])
            else:
                sources.append(-1)
        self.source_of = np.concatenate([self.source_of, np.array(sources, np.int32)])
        self.published = np.concatenate([self.published, np.array(dates, np.int32)])
        self.added = np.concatenate([self.added, _added(articles, dates, stored)])
        self.posted = np.concatenate([self.posted, np.array(times, np.int64)])
        self.removed = np.concatenate([self.removed, np.zeros(len(dates), np.bool_)])
        if stories is not None:
            if len(stories) != len(keys):
                raise ValueError(f"{len(stories)} story keys for {len(keys)} articles")
            keys = list(stories)
        self.story = np.concatenate([self.story, np.array(keys, np.int64)])
        return range(start, len(self))

    def remove(self, numbers: Iterable[int]) -> None:
        """Mark articles as gone (pruned, or replaced by a newer version); their numbers stay."""
        wanted = np.fromiter(numbers, np.int64)
        if len(wanted):
            removed = self.removed.copy()  # a loaded mask is read-only; searches see old or new
            removed[wanted] = True
            self.removed = removed

    @property
    def n_live(self) -> int:
        """How many articles are not removed."""
        return len(self) - int(self.removed.sum())

    def newest(self, n: int, offset: int = 0, source: str | None = None) -> list[int]:
        """Numbers of the n newest articles after `offset`, by published date (undated ones
        by the date they were stored), newest first; ties: the later stored first.
        `source` keeps only the articles of the sources it names, as a question's `source:`
        does ("nordic" or "nordicwire" for "Nordic Wire": `holds_run`)."""
        numbers = np.flatnonzero(~self.removed)
        if source is not None:
            typed = name_words(source)
            wanted = [
                i for i, name in enumerate(self.source_names) if holds_run(name_words(name), typed)
            ]
            numbers = numbers[np.isin(self.source_of[numbers], wanted)]
        return [int(number) for number in self.newest_first(numbers)[offset : offset + n]]

    def newest_first(self, numbers: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Article `numbers` as /latest lists them: by published date (undated ones by the
        day they were stored), in a day by the time their feed gave (the ones without a
        time after those with one), then the later stored first. By day and storing alone,
        a slow feed's morning story read last went ahead of another's afternoon story."""
        when = np.where(self.published == NO_DATE, self.added, self.published)[numbers]
        # ascending on every key, then reversed: the numbers are distinct, so no tie is left
        # for the reversal to turn around
        return numbers[np.lexsort((numbers, self.posted[numbers], when))[::-1]]

    def source_counts(self) -> list[tuple[str, int]]:
        """Each source with its number of articles, most first."""
        live = self.source_of[(self.source_of >= 0) & ~self.removed]
        counts = np.bincount(live, minlength=len(self.source_names))
        pairs = [(n, int(c)) for n, c in zip(self.source_names, counts, strict=True) if c]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))

    def n_dated(self) -> int:
        """How many (live) articles have a publication date."""
        return int(np.count_nonzero((self.published != NO_DATE) & ~self.removed))

    def date_range(self) -> tuple[date, date] | None:
        """The first and last publication dates, if any article has one."""
        dated = self.published[(self.published != NO_DATE) & ~self.removed]
        if not len(dated):
            return None
        return date.fromordinal(int(dated.min())), date.fromordinal(int(dated.max()))

    def get(self, number: int) -> Article:
        """The article with this number."""
        found = self._cache.get(number)
        if found is None:
            found = self._decode(number)
            if self._cache and len(self._cache) >= CACHED_ARTICLES:
                self._cache.popitem(last=False)
            self._cache[number] = found
        return found

    def heading(self, number: int) -> tuple[str, str]:
        """The headline and standfirst of the article with this number, read from the opening
        of its stored line when it is not decoded already: ranking reads many articles' heads
        (a bare subject's 100 newest, a "who won" question's 50), and decoding each whole
        article, dozens of paragraphs, had been most of what a short question cost."""
        found = self._cache.get(number)
        if found is not None:
            return found.headline, found.standfirst
        mapped = len(self._offsets) - 1
        if number < mapped and self._map is not None:
            start, end = int(self._offsets[number]), int(self._offsets[number + 1])
            line: bytes = self._map[start : min(end, start + HEAD_READ)]
        elif number >= mapped:
            line = self._fresh[number - mapped][:HEAD_READ]
        else:
            raise IndexError(number)
        fields = _HEAD_FIELDS.match(line)
        if fields is None:  # a very long headline or standfirst, or no line this code wrote
            article = self.get(number)
            return article.headline, article.standfirst
        try:
            return json.loads(fields[1]), json.loads(fields[2])
        except ValueError:  # a changed byte: `get` names the article and the fix
            article = self.get(number)
            return article.headline, article.standfirst

    def ids(self) -> list[str]:
        """Each article's id, read as `urls` reads the URLs (the id opens every line)."""
        mapped = len(self._offsets) - 1
        found: list[str] = []
        if mapped and self._map is not None:
            end = int(self._offsets[mapped])
            try:
                found = [json.loads(value) for value in _ID_FIELD.findall(self._map, 0, end)]
            except ValueError:  # a changed byte (UnicodeDecodeError is one): `_decode` names it
                found = []
            if len(found) != mapped:  # not a file this code wrote: read it the long way
                found = [self._decode(number).id for number in range(mapped)]
        return found + [json.loads(line)["id"] for line in self._fresh]

    def urls(self) -> list[str | None]:
        """Each article's URL, read without decoding the articles: one pass of a pattern over
        the saved file (a link table of 8,640 articles in a tenth of the time). A string value
        escapes its quotes, so `"url": ` is the key, once in every line."""
        mapped = len(self._offsets) - 1
        found: list[str | None] = []
        if mapped and self._map is not None:
            end = int(self._offsets[mapped])
            try:
                found = [
                    None if value == b"null" else json.loads(value)
                    for value in _URL_FIELD.findall(self._map, 0, end)
                ]
            except ValueError:
                # a byte changed in place in a value (a disk fault, a hand edit): read the
                # long way, whose `_decode` names the article and the fix (StoreError); the
                # UnicodeDecodeError had been an "internal error", exit status 70
                found = []
            if len(found) != mapped:  # not a file this code wrote: read it the long way
                found = [self._decode(number).url for number in range(mapped)]
        return found + [json.loads(line)["url"] for line in self._fresh]

    def holding(self, needle: str) -> npt.NDArray[np.bool_]:
        """Which articles' records hold `needle` (lower case; ASCII letters: bytes fold no
        others) in their text, in any case: a scan of the saved file in chunks (about 0.1 s
        for 60 MB), for what the indexes cannot narrow down (a quoted title of common words:
        "It Ends With Us"). Also in the record's other fields (its URL, its source): a
        superset, for the caller to check."""
        found = np.zeros(len(self), np.bool_)
        key = needle.encode("utf-8")
        mapped = len(self._offsets) - 1
        if mapped and self._map is not None:
            end = int(self._offsets[mapped])
            overlap = len(key) - 1
            for start in range(0, end, HOLDING_CHUNK):
                chunk = self._map[start : min(end, start + HOLDING_CHUNK + overlap)].lower()
                at = chunk.find(key)
                while at >= 0:
                    line = int(np.searchsorted(self._offsets, start + at, side="right")) - 1
                    found[line] = True
                    # on to the next line: one hit says all there is of this one
                    at = chunk.find(key, int(self._offsets[line + 1]) - start)
        for number, line_bytes in enumerate(self._fresh, mapped):
            found[number] = key in line_bytes.lower()
        return found

    def __iter__(self) -> Iterator[Article]:
        return (self._decode(i) for i in range(len(self)))

    def _decode(self, number: int) -> Article:
        mapped = len(self._offsets) - 1
        if number < mapped:
            if self._map is None:
                raise IndexError(number)
            start, end = int(self._offsets[number]), int(self._offsets[number + 1])
            try:
                return decode_article(self._map[start:end])
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # the sizes matched at load: a changed byte (a disk fault, a hand edit)
                raise StoreError(
                    f"the saved index in {self._folder} is damaged (article {number} of "
                    f"articles.jsonl cannot be read: {type(exc).__name__}); rebuild it with "
                    "`newsbot index --force`"
                ) from exc
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
        np.save(folder / "added.npy", self.added)
        np.save(folder / "posted.npy", self.posted)
        np.save(folder / "source_of.npy", self.source_of)
        np.save(folder / "removed.npy", self.removed)
        np.save(folder / "story.npy", self.story)
        (folder / "sources.json").write_text(json.dumps(self.source_names), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ArticleStore:
        """Open a saved store; articles are decoded on demand."""
        store = cls()
        store._folder = folder
        store._offsets = np.load(folder / "offsets.npy")
        store.published = np.load(folder / "published.npy")
        store.added = np.load(folder / "added.npy")
        store.posted = np.load(folder / "posted.npy")
        store.source_of = np.load(folder / "source_of.npy")
        store.removed = np.load(folder / "removed.npy")
        store.story = np.load(folder / "story.npy")
        store.source_names = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
        if store._offsets[-1] > 0:
            with (folder / "articles.jsonl").open("rb") as f:
                store._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        size = len(store._map) if store._map is not None else 0
        if int(store._offsets[-1]) != size or np.any(np.diff(store._offsets) <= 0):
            raise ValueError(f"{folder}: articles.jsonl is not the {len(store)} articles listed")
        each = (store.published, store.added, store.posted, store.source_of, store.removed)
        if any(len(array) != len(store) for array in (*each, store.story)):
            raise ValueError(f"{folder}: the article arrays do not match its {len(store)} articles")
        return store
