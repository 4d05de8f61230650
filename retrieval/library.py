"""The Library: articles and their indexes, built from sources and kept in a data directory.

A data directory holds generations (`gen-<n>/`: the article store, four BM25 indexes and a
manifest) and a `CURRENT` file naming the live one. A save writes a new generation and then
replaces `CURRENT` atomically, so a crash mid-save leaves the previous generation in use. The
manifest records each source file's size and modification time (the fingerprint): unchanged
sources load the saved index in milliseconds; new files are analyzed and added as new index
segments; a changed or removed file (but one skipped whole, which gave no article), or other
analysis settings, rebuild from scratch.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

try:
    import fcntl
except ImportError:  # not POSIX: saves are not serialised
    fcntl = None  # type: ignore[assignment]

from retrieval.analysis import Analyzer, end_mark, is_side_matter, sentence_spans
from retrieval.articles import (
    LISTING_STORIES,
    Article,
    CorpusError,
    Paragraph,
    one_story,
    same_headline,
    story_url_key,
)
from retrieval.index import BM25Index, BM25Params, IdfKind, IntArray, mapped
from retrieval.loaders import (
    find_files,
    folder_notes,
    link_trouble,
    load_corpus,
    own_number,
    remade_id,
    shown_path,
    warn_renumbered,
    warn_url_taken,
)
from retrieval.store import ArticleStore, story_key

log = logging.getLogger(__name__)

FORMAT = 72  # 2: when added; 3: passage hashes; 4: removals; 5: story keys; 6: passage cues;
# 7: article ids in the manifest (an added file must not reuse one); 8: which file holds each
# indexed URL, text and id ("" for the news store); 9: those in keys.json, read only to update;
# 10: stored articles keep their paragraphs' positions in the source when it had empty ones,
# and a source's fingerprint holds its change time; 11: indexed URLs keyed with http as https
# 12: derived article ids from the file's name, not its path; English terms without accents;
# an amount run into letters is one token (27.9bn); 13: English irregular forms (won = win)
# 14: slash numbers are one token (9/11), and e or x hyphened to a word is one word
# (e-mail is email); 15: a video player's text is no paragraph; 16: "winner" is "win"
# 17: month abbreviations are their months (Jan. is January), "WHO's" keeps the acronym,
# English contractions drop their ending ("what'll" is what); 18: "U.S" (no last dot) is US
# 19: seed text: short lines in a row (a list, scores) are paragraphs, not headings that
# replaced each other; hard-wrapped blocks are joined; a front page's URL is no story's;
# TOML and folded YAML front matter, Unix-time dates, JSON under other exports' key names
# 20: a blank line of breaks (<br><br>) splits a paragraph (HTML bodies, saved pages); .mhtml;
# a saved page of links or a consent notice is no article; 21: British spellings are American
# ones (labour is labor); 22: JSON exports' other wrappers and names (JSON Feed, the Guardian,
# feedparser, newspaper3k), a record's description as its text when it has no other; a saved
# page's files folder is no articles; 23: a page declaring no charset is windows-1252; .ndjson;
# 24: pasted copy without picture labels, bylines and credits; login walls and error pages
# are no articles, a paywall's prompt no paragraph; pasted copy's header, date or site line;
# a JSON body in HTML keeps its text between blocks; dates as people write them; Markdown's
# raw HTML as its text; a post dated by its file's name; SingleFile's address; .rss, .atom
# 25: short letter groups joined by "&" are one token (AT&T, S&P); 26: ordinals are numbers
# 27: one place or party under two names is one term (Britain is UK, GOP Republican)
# 28: .csv and .tsv files, one article a row; 29: a copied page without its navigation
# 30: other exports' names (publication, post_title ...); dates such as 17/03/2024
# 31: a .txt file of a tab-separated table (Excel's "Unicode Text") is read as one; 32: a
# copied page's menu ends above a byline or a date; a CSV row's extra cells join its text
# 33: "Aussie" is Australian; copied pages' cookie notices, datelines and bylines; other
# languages' column names; control characters are spaces; 34: copies of a story's URL on
# www., m. and AMP addresses and with feeds' tracking are one; pages' inline furniture and
# other stories' cards go; the Google Reader API's exports load; Notion's properties and a
# page's subtitle are metadata; 35: "Tory" is Conservative, "MPs" MP; a story split into
# blocks is read whole; a live blog's time stamps go; undated files are added when written;
# 36: "handcuffed" is handcuff, "womens" woman; 37: a term holds no space (NFKC spells
# Arabic isolated forms with one); 38: other languages' stopwords, elisions ("l'économie"),
# decimal commas ("2,2") and thousands dots ("3.000"); "İ" is i; 39: date lines with "Sept.",
# a time first or an update after; forwarded mail; Markdown tables, footnotes and escapes;
# rendered JSON titles; pretty-printed .jsonl; folders named like a page's files folder
# 40: dates, date labels, pasted headers and bylines in other languages; 41: a date stamp
# alone ("Updated July 8, 2026, 7:02 a.m. ET") is no paragraph, and may date the story; a
# source that is a web address is the URL and its host the source; 42: "Date: ..." alone is no
# stamp; a pasted header's address source; 43: a pasted first line that is a site's front
# page is its source only, as in a record; 44: a URL's bare query ("page?123") or blank value
# names its story, and one list of tracking keys; 45: a record's optional field of the wrong
# type is left out, not the record; 46: a folder's default page and CNN's edition. host key
# one story; pages saved as text, .xml feeds, JSON Lines in .json, NULs, lists written as text;
# 47: a paragraph over MAX_PASSAGE_CHARS is indexed as passages; 48: names transliterated two
# ways ("Zelenskyy"), and "vs", one term; 49: placeholder and far-future dates, NewsAPI's
# "[Removed]" records, cut marks, more export shapes and column names, US table dates
# 50: a combining mark goes on its word (Hindi, Arabic), and C++, C#, F# are tokens
# 51: a saved page's site name beside its headline, embedded posts' placeholders, more paywall
# prompts, a desk line under a byline and a date's label go; misdeclared UTF-8 pages are read
# 52: Arabic, Greek and Hindi dates; a German ordinal ("am 5. März") ends no sentence
# 53: each Chinese or Japanese character is a token; 54: Greek, Arabic and more Turkish stopwords
# 55: "AIDS", "Mars" and "ISIS" are not stemmed (to aid, mar, isi); 56: in lower case they are
# 57: any letter but d, i and r hyphened to a word is one word (T-Mobile, K-pop)
# 58: which passages are side matter (captions, video lines, teasers: para_aside.npy)
# 59: a first line "---" may be a rule; pages in their charset as browsers read it; a table's
# first of two same-named columns; no non-web links; Pocket exports; JSONL lines of lists
# 60: nor a, o or n (Mar-a-Lago, jack-o-lantern, rock-n-roll)
# 61: a "---" block of prose is a rule, front matter may open with blank lines or comments;
# saved feeds in their charset as browsers read it; a row's first filled same-named column
# a JSONL line's list keeps its records beside items that are none; "# ---" is no headline
# 62: a letter joined to a word by a Unicode hyphen (U+2010, U+2011) is one term: "T\u2011Mobile"
# and teasers "...?The ..." are side matter; relative links ("#", "/news/1") are no story's
# a text file of one long paragraph is headed by its first sentence; U+2028 as line ends
# 63: a word or number ends where Chinese or Japanese begins ("2024年" is 2024, 年); a JSON
# list cut short gives its whole records; JSON-LD's articleBody paragraphs and address; dates
# 17-Mar-2024, 2024.03.17, 2024年3月17日, {"$date": ...}
# 64: a record's paragraphs given as HTML strings are read as HTML, one string one paragraph;
# a feed story's time (posted.npy), its place in its day; feed items' outlets and links read
# alike from a saved feed
# 65: a NaN or Infinity date is no date, its record kept (JSONL had lost its file or line);
# a number too long to read costs a JSON list its record alone, TOML front matter nothing;
# texts hashed without their typesetting (curly quotes, dashes: one story, not two); URLs
# normalized as RFC 3986 does (a path encoded as a URI, no dot segments, an IDN host in
# ASCII, no trailing dot, "&amp;" as "&"), and other stories at one URL (a listing page's)
# kept, each with an id of its own; a record's source and id read as its headline is
# (control characters and line breaks are spaces), its URL without line breaks; a page's
# text over libxml2's 10 MB in one piece read (huge_tree); a Markdown heading in a quote is
# quoted text, without its "#" (no title or section), a quote in a quote without its ">"
# 66: a vague plural amount ("thousands of") is no number in a passage's cue
# 67: the mark each passage ends with (para_end.npy), for ranking without reading its text
# 68: what a page says of itself or asks of its reader (editor's notes, corrections, update
# lines, promotions, reporters' credits) and "(AP Photo/...)" credits are side matter
# 69: how many side-matter paragraphs stand before each of an article's first story paragraphs
# (para_shift.npy), for the lead's bonus without reading its neighbours at each question
# 70: a saved page's text standing in its body beside its blocks is read (it was lost), and a
# short page's text (the extractor's last resort) is its blocks, not one paragraph; an id
# "nan", "None" or "null" is no id; a .txt file wholly of JSON records is read as JSON
# 71: English: British spellings breame lacks (fuelled, sizeable, learnt) as American ones, and
# a plural of letters joined by "&" as its singular (M&Ms is M&M)
# 72: Arabic's harakat and tatweel and Hebrew's points and cantillation marks are no part of a
# term, in every language ("مَكْتَبَة" and "مكتبـــة" are "مكتبة")
_KEYS = ("urls", "texts", "ids")
# A paragraph longer than this is indexed as passages of whole sentences, each about as long
# (a page saved as one line, a JSON record's body in one string): a passage is what a
# question is answered with, and 130,000 characters are no answer. News paragraphs are far
# shorter (realtimeqa_news: 99.9% under 1,100 characters, 80 of 311,000 over 2,000).
MAX_PASSAGE_CHARS = 2_000
# An article's first paragraphs among which side matter (an editor's note, a caption, a
# promotion) is skipped in counting a story paragraph's place, for the lead's bonus
# (`lead_shifts`; the ranking's `_story_positions`)
LEAD_SIDE_LINES = 3
COMPACT_SHARE = 0.25  # rebuild from scratch once this share of stored articles is removed
FIELDS = ("body", "head", "whole", "section")
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SearchConfig:
    """Ranking knobs; the defaults are the quality benchmark's choice (see README)."""

    language: str = "english"
    stem: bool = True
    stopwords: bool = True
    idf: IdfKind = "lucene"
    k1: float = 0.8
    b: float = 0.2
    head_weight: float = 0.3
    article_weight: float = 0.3
    section_weight: float = 0.2
    headline_match: float = 1.0  # a short question that repeats a headline: see Searcher
    lead_weight: float = 0.2
    lead_decay: float = 3.0
    adjacent_weight: float = 0.25  # a short question's words side by side: see Searcher
    as_typed_weight: float = 0.1  # ... and written as typed
    pick_articles: int = 10
    pick_coverage: float = 0.5
    pick_number: float = 0.9
    pick_names: float = 0.2
    pick_place: float = 0.8
    pick_count: float = 0.8
    pick_lead: float = 0.14
    recency_weight: float = 0.3
    recency_half_life_days: float = 14.0
    recency_grace_days: int = 3
    min_relevance: float = 0.3
    max_query_terms: int = 64
    spelling: bool = True  # search a word no article uses as the known word one edit away

    def analyzer(self) -> Analyzer:
        """The analyzer these settings describe."""
        return Analyzer(self.language, stem=self.stem, remove_stopwords=self.stopwords)

    def params(self) -> BM25Params:
        """The BM25 parameters these settings describe."""
        return BM25Params(k1=self.k1, b=self.b, idf=self.idf)


class Library:
    """Articles and their indexes: paragraphs (body), heads, whole articles and sections."""

    def __init__(self, config: SearchConfig | None = None) -> None:
        self.config = config or SearchConfig()
        self.analyzer = self.config.analyzer()
        params = self.config.params()
        self.store = ArticleStore()
        self.body = BM25Index(params)
        self.head = BM25Index(params)
        self.whole = BM25Index(params)
        self.section = BM25Index(params)
        self.para_article: IntArray = np.zeros(0, np.int32)
        self.para_position: IntArray = np.zeros(0, np.int32)
        self.para_hash: npt.NDArray[np.uint64] = np.zeros(0, np.uint64)  # for near-duplicates
        self.para_cues: npt.NDArray[np.uint8] = np.zeros(0, np.uint8)  # Analyzer.passage
        self.para_aside: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)  # is_side_matter
        self.para_end: npt.NDArray[np.uint8] = np.zeros(0, np.uint8)  # end_mark
        self.para_shift: npt.NDArray[np.uint8] = np.zeros(0, np.uint8)  # lead_shifts

    @property
    def n_articles(self) -> int:
        """How many articles are indexed."""
        return len(self.store)

    @property
    def n_paragraphs(self) -> int:
        """How many paragraphs (passages) are indexed, a removed article's too."""
        return self.body.n_docs

    @property
    def n_live_paragraphs(self) -> int:
        """How many passages are indexed for the articles not removed: the count to show (a
        removed article's stay in the index until it is compacted)."""
        removed = self.store.removed
        if not removed.any():
            return self.body.n_docs
        return int(np.count_nonzero(~removed[self.para_article]))

    def add(
        self,
        articles: Sequence[Article],
        stories: Sequence[int] | None = None,
        stored: Sequence[date | None] | None = None,
    ) -> None:
        """Index more articles (new segments; nothing already indexed is rebuilt); `stories`:
        their story keys, `stored` the days they were first stored (see ArticleStore.add)."""
        if not articles:
            return
        articles = [in_passages(article) for article in articles]
        numbers = self.store.add(articles, stories, stored)
        paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
        texts = [paragraph.text for paragraph in paragraphs]
        counts = np.array([len(article.paragraphs) for article in articles], np.int64)
        n, m = len(paragraphs), len(articles)
        scanned = self.analyzer.scan(  # one scan: its ids are all of one vocabulary
            texts
            + [article.headline + "\n" + article.standfirst for article in articles]
            + [paragraph.section or "" for paragraph in paragraphs]
        )
        body, heads, sections = (
            scanned.texts(0, n),
            scanned.texts(n, n + m),
            scanned.texts(n + m, n + m + n),
        )
        names = scanned.names
        self.body.add_terms(body.ids, body.lengths, names)
        self.head.add_terms(heads.ids, heads.lengths, names)
        owner = np.repeat(np.arange(m), counts)  # whole: the terms of its paragraphs
        whole = np.bincount(owner, weights=body.lengths, minlength=m)
        self.whole.add_terms(body.ids, whole.astype(np.int32), names)
        self.section.add_terms(sections.ids, sections.lengths, names)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        positions = np.arange(len(paragraphs)) - starts
        owners = np.asarray(numbers, np.int32)[owner]
        hashes = np.fromiter(map(passage_hash, texts), np.uint64, len(texts))
        self.para_article = np.concatenate([self.para_article, owners])
        self.para_position = np.concatenate([self.para_position, positions.astype(np.int32)])
        self.para_hash = np.concatenate([self.para_hash, hashes])
        self.para_cues = np.concatenate([self.para_cues, body.cues])
        aside = np.fromiter(map(is_side_matter, texts), np.bool_, len(texts))
        self.para_aside = np.concatenate([self.para_aside, aside])
        ends = np.fromiter(map(end_mark, texts), np.uint8, len(texts))
        self.para_end = np.concatenate([self.para_end, ends])
        shifts = lead_shifts(positions.astype(np.int32), aside)
        self.para_shift = np.concatenate([self.para_shift, shifts])

    def save(self, folder: Path) -> None:
        """Write the store and the indexes into `folder`."""
        self.store.save(folder)
        for name in FIELDS:
            index: BM25Index = getattr(self, name)
            index.save(folder / name)
        np.save(folder / "para_article.npy", self.para_article)
        np.save(folder / "para_position.npy", self.para_position)
        np.save(folder / "para_hash.npy", self.para_hash)
        np.save(folder / "para_cues.npy", self.para_cues)
        np.save(folder / "para_aside.npy", self.para_aside)
        np.save(folder / "para_end.npy", self.para_end)
        np.save(folder / "para_shift.npy", self.para_shift)

    @classmethod
    def load(
        cls, folder: Path, config: SearchConfig, *, saved_from: Library | None = None
    ) -> Library:
        """Open a saved library with these ranking settings (analysis must match);
        `saved_from`: the library just saved there, whose vocabularies are reused."""
        lib = cls(config)
        lib.store = ArticleStore.load(folder)
        params = config.params()
        for name in FIELDS:
            same = getattr(saved_from, name) if saved_from is not None else None
            setattr(lib, name, BM25Index.load(folder / name, params, same_as=same))
        lib.para_article = mapped(folder / "para_article.npy")
        lib.para_position = mapped(folder / "para_position.npy")
        lib.para_hash = mapped(folder / "para_hash.npy")
        lib.para_cues = mapped(folder / "para_cues.npy")
        lib.para_aside = mapped(folder / "para_aside.npy")
        lib.para_end = mapped(folder / "para_end.npy")
        lib.para_shift = mapped(folder / "para_shift.npy")
        lib._check(folder)
        return lib

    def _check(self, folder: Path) -> None:
        """Raise ValueError if the loaded parts do not fit together (a damaged folder)."""
        n = self.body.n_docs
        per_paragraph = (
            self.para_article,
            self.para_position,
            self.para_hash,
            self.para_cues,
            self.para_aside,
            self.para_end,
            self.para_shift,
        )
        if any(len(array) != n for array in per_paragraph):
            raise ValueError(f"{folder}: the paragraph arrays do not match the index's {n}")
        if n and not 0 <= int(self.para_article[-1]) < len(self.store):
            raise ValueError(f"{folder}: paragraphs of articles it does not hold")
        # each paragraph's article and position, as a build writes them: articles in a row
        # (numbers ascending from 0), positions counting from 0 in each; read whole, a few
        # milliseconds at a million paragraphs, since the kernel trusts them
        owners, positions = self.para_article, self.para_position
        starts = np.ones(n, np.bool_)
        starts[1:] = owners[1:] != owners[:-1]
        if n and (
            int(owners[0]) < 0
            or bool((owners[1:] < owners[:-1]).any())
            or bool((positions[starts] != 0).any())
            or bool((positions[1:][~starts[1:]] != positions[:-1][~starts[1:]] + 1).any())
        ):
            raise ValueError(f"{folder}: the paragraphs' articles or positions are out of order")
        if self.head.n_docs != len(self.store) or self.whole.n_docs != len(self.store):
            raise ValueError(f"{folder}: the article indexes do not match its articles")


def lead_shifts(positions: IntArray, aside: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint8]:
    """For each paragraph (each article's in a row, `positions` counting from 0 in each, and
    `aside`: which are side matter), how many side-matter paragraphs stand before it when it
    is a story paragraph among its article's first LEAD_SIDE_LINES + 1; else 0. Its place
    less this is its place in the story: the lead under an editor's note is the story's
    first paragraph. Kept as the paragraphs are indexed, so ranking reads one byte a
    passage, not its neighbours' marks (0.1 ms of a question's 2)."""
    shifts = np.zeros(len(positions), np.uint8)
    number = np.arange(len(positions))
    for back in range(LEAD_SIDE_LINES):
        # the paragraph at place `back` of the same article, where it stands before this one
        before = back < positions
        shifts += before & aside[np.where(before, number - positions + back, 0)]
    shifts[(positions > LEAD_SIDE_LINES) | aside] = 0
    return shifts


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What opening a library did."""

    library: Library
    action: Literal["loaded", "updated", "built"]
    files: int
    skipped: tuple[tuple[str, str], ...] = ()
    duplicates: int = 0
    added: int = 0
    seconds: float = 0.0
    unsaved: str | None = None  # why the index could not be saved (it serves from memory)
    skipped_anew: int = 0  # of `skipped`, the files this open read and skipped (named in warnings)
    generation: Path | None = None  # the saved generation it serves from (None: from memory)
    # the news store's stories found to be an indexed article (a corpus file's, by its URL or
    # text) and not indexed again: an ingest of copies of corpus files counts them as new
    news_copies: frozenset[str] = frozenset()

    @property
    def skipped_before(self) -> tuple[tuple[str, str], ...]:
        """The skipped files this open did not read again (unchanged since an earlier open
        skipped them): no warning named them this time."""
        return self.skipped[: len(self.skipped) - self.skipped_anew]


@dataclass(slots=True)
class _Manifest:
    analysis: dict[str, object]
    sources: dict[str, list[int]]
    # normalized URL, text fingerprint and article id of each indexed article -> the file it
    # came from ("" for the news store): which copy a fresh build would keep
    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT
    built_at: float = 0.0
    news_seq: int = 0  # the last news-store change the index holds
    news_store: str = ""  # the id of the news store it holds them from ("": not known)
    news_keys: dict[str, int] = field(default_factory=dict)  # news-store key -> article number
    # the files the index was built from that were skipped, with why: a start that loads or
    # updates the index reads none of them again, but they are still not in it
    skipped: list[list[str]] = field(default_factory=list)
    # each file's content hash: a file touched, copied back or checked out again, its times
    # changed and its bytes not, needs no rebuild
    hashes: dict[str, str] = field(default_factory=dict)


def in_passages(article: Article) -> Article:
    """The article with each paragraph over MAX_PASSAGE_CHARS split into passages of whole
    sentences (a sentence longer than that, at spaces), each keeping its paragraph's section
    and its position in the source's list (`ask --json`'s `paragraph`). Whitespace between
    the passages is all that goes: the article's text fingerprint stays the same."""
    if all(len(p.text) <= MAX_PASSAGE_CHARS for p in article.paragraphs):
        return article
    paragraphs: list[Paragraph] = []
    for position, paragraph in enumerate(article.paragraphs):
        index = article.source_position(position)  # a later one's moves too: say it
        pieces = [paragraph.text]
        if len(paragraph.text) > MAX_PASSAGE_CHARS:
            pieces = split_passage(paragraph.text)
        paragraphs.extend(Paragraph(piece, paragraph.section, index) for piece in pieces)
    return replace(article, paragraphs=tuple(paragraphs))


def split_passage(text: str, most: int = MAX_PASSAGE_CHARS) -> list[str]:
    """`text` in pieces of at most `most` characters, as even as whole sentences allow; a
    longer sentence is cut at spaces (at `most` characters where it has none: Chinese)."""
    pieces = -(-len(text) // most)
    aim = len(text) / pieces
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        while end - start > most:  # one sentence too long: cut at the last space that fits
            cut = text.rfind(" ", start + 1, start + most + 1)
            cut = cut if cut > start else start + most
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
    out: list[str] = []
    first = last = spans[0][0]
    for start, end in spans:
        if last > first and end - first > most:
            out.append(text[first:last])
            first = start
        last = end
        if last - first >= aim:
            out.append(text[first:last])
            first = last
    if last > first:
        out.append(text[first:last])
    return [stripped for piece in out if (stripped := piece.strip())]


def passage_hash(text: str) -> int:
    """A 64-bit hash of a passage with case and spacing ignored: equal for near-duplicates."""
    folded = " ".join(text.casefold().split()).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(folded, digest_size=8).digest(), "little")


def _fingerprint(files: Sequence[Path]) -> dict[str, list[int]]:
    """Per file, its size, modification time and change time; [-1, -1, -1] for one that
    cannot be read (a broken link: the loader skips it and says why). The change time too:
    a tool can write a file and set its modification time back (touch -d, tar, rsync -t),
    but any write sets the change time to now."""
    out: dict[str, list[int]] = {}
    for path in files:
        try:
            st = path.stat()
        except OSError:
            out[_file_key(path)] = [-1, -1, -1]
        else:
            out[_file_key(path)] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    return out


def _content_hash(path: Path) -> str | None:
    """A hash of a file's bytes (None if it cannot be read)."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "blake2b").hexdigest()[:32]
    except OSError:
        return None


def _same_bytes(manifest: _Manifest, fingerprint: dict[str, list[int]]) -> bool:
    """Whether every indexed file whose times changed since the index was saved (its size
    the same) holds the bytes it held: their new times are then taken into
    `manifest.sources`. A touch, a chmod, a copy put back or a checkout of the same text had
    rebuilt the index. New files may have come: they are added as any new file is."""
    old = manifest.sources
    if not set(old) <= set(fingerprint):
        return False
    changed = [key for key, stat in old.items() if fingerprint[key] != stat]
    if any(old[key][0] != fingerprint[key][0] or key not in manifest.hashes for key in changed):
        return False
    if any(_content_hash(Path(key)) != manifest.hashes[key] for key in changed):
        return False
    for key in changed:
        old[key] = fingerprint[key]
    return True


def _forget_gone_skipped(manifest: _Manifest, fingerprint: Mapping[str, list[int]]) -> None:
    """Take out of `manifest` the files it records as skipped whole (no article came of
    them: a broken file) that are gone now: a fresh build without them gives the same
    index, but a removed file had rebuilt it all at the next start (32 s for 100,000 files,
    and off a terminal without a word). A removed file that gave articles still rebuilds;
    so does a skipped file that changed (mended, it may give articles in the middle)."""
    skipped = {entry[0] for entry in manifest.skipped if entry}
    gone = {key for key in manifest.sources if key not in fingerprint and key in skipped}
    if not gone:
        return
    for key in gone:
        del manifest.sources[key]
        manifest.hashes.pop(key, None)
    manifest.skipped = [entry for entry in manifest.skipped if not entry or entry[0] not in gone]


def _note_sources(gen: Path, manifest: _Manifest) -> None:
    """Rewrite the generation's manifest with its files' new times (best effort: a data
    directory that cannot be written reads the files again at the next start)."""
    record = asdict(manifest)
    for name in _KEYS:  # in keys.json
        record.pop(name)
    tmp = gen / "manifest.json.tmp"
    try:
        with _locked(gen.parent):
            if _current(gen.parent) == gen:
                tmp.write_text(json.dumps(record), encoding="utf-8")
                os.replace(tmp, gen / "manifest.json")
    except OSError:
        tmp.unlink(missing_ok=True)


def _file_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return str(path.absolute())


def _load_saved(gen: Path, config: SearchConfig, *, warn: bool = True) -> Library | None:
    """The library saved in `gen`, or None (with a warning) if it cannot be read whole."""
    try:
        return Library.load(gen, config)
    except Exception as exc:  # any damage (numpy's header parser raises tokenize's errors)
        if warn:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            log.warning("saved index in %s is unreadable (%s); rebuilding", gen, reason)
        return None


def _analysis(config: SearchConfig) -> dict[str, object]:
    return {"language": config.language, "stem": config.stem, "stopwords": config.stopwords}


def _appends(is_new: Sequence[bool], news_keys: Mapping[str, object]) -> bool:
    """Whether the new files (flags in the order a build reads the files) come after every
    indexed one, and no news-store article (read after the files) is indexed: only then do
    their articles get the numbers a fresh build would give them. Numbers break ties (which
    of two near-identical passages answers), so an update must number as a build does."""
    if not any(is_new):
        return True
    return all(is_new[is_new.index(True) :]) and not news_keys


_GENERATION_NAME = re.compile(r"gen-\d+")  # what CURRENT may name
# exactly what _save_generation writes (gen- and time_ns, 19 digits), all a sweep may remove:
# any name starting ".gen-", ".CURRENT" or "gen-" had gone, a data directory that is the
# user's own folder (--data-dir ~/work) losing their "gen-2024" and a ".CURRENT.bak"
_SAVED = re.compile(r"gen-\d{19}")
_HALF_SAVED = re.compile(r"\.gen-\d{19}\.tmp")
_POINTER_TMP = ".CURRENT.tmp"
_POINTERS_WARNED: set[tuple[str, str]] = set()  # (CURRENT, why): said once a process


def _current(data_dir: Path) -> Path | None:
    """The generation `CURRENT` names, or None: no pointer (a new data directory), or one
    that names no saved index (damaged, emptied, its generation deleted, or a path out of
    the folder: "gen-../../etc"), said once, as it is rebuilt. A start reads it twice (the
    load, then the build): it had been said twice, or not at all."""
    pointer = data_dir / "CURRENT"
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):  # damaged: as if there were none, so it is rebuilt
        _warn_pointer(pointer, "is unreadable")
        return None
    gen = data_dir / name
    if _GENERATION_NAME.fullmatch(name) and gen.is_dir():
        return gen
    why = "names no saved index" if name else "is empty"
    _warn_pointer(
        pointer, why if _GENERATION_NAME.fullmatch(name) or not name else why + f" ({name[:40]!r})"
    )
    return None


def _warn_pointer(pointer: Path, why: str) -> None:
    if (str(pointer), why) not in _POINTERS_WARNED:
        _POINTERS_WARNED.add((str(pointer), why))
        log.warning("%s %s; rebuilding the index", pointer, why)


def _same_store(indexed: str, current: str, taken: int) -> bool:
    """Whether the news store an index took stories from (its id, "" if not known: an index
    of an older newsbot) is the one here now (its id; "" for an older store read where it
    cannot be given one, taken for the same). An index of an older newsbot cannot tell, so
    it is built once more, with the id: a store replaced under it had stayed unseen. An
    index that took no story (`taken`, its last seq, 0) holds none of any store's: the first
    `run` saves one before its store is made, and the next start had rebuilt it whole."""
    return indexed == current or not current or (not indexed and taken == 0)


def _read_keys(gen: Path) -> dict[str, dict[str, str]] | None:
    """The URLs, texts and ids a generation indexed, with their files (see _Manifest)."""
    try:
        raw = json.loads((gen / "keys.json").read_text(encoding="utf-8"))
        return {name: dict(raw[name]) for name in _KEYS}
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("saved index in %s is unreadable (%s); rebuilding", gen, exc)
        return None


def _read_manifest(gen: Path, *, warn: bool = True) -> _Manifest | None:
    try:
        raw = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        manifest = _Manifest(**raw)
        for name in ("analysis", "sources", "urls", "texts", "ids", "news_keys", "hashes"):
            if not isinstance(getattr(manifest, name), dict):
                raise TypeError(f"manifest.json: {name} is no mapping")
        if not (
            isinstance(manifest.skipped, list)
            and all(
                isinstance(entry, list) and all(isinstance(part, str) for part in entry)
                for entry in manifest.skipped
            )
        ):
            raise TypeError("manifest.json: skipped is no list of file and reason")
        for name in ("format", "news_seq"):
            if type(getattr(manifest, name)) is not int:
                raise TypeError(f"manifest.json: {name} is no integer")
        if not isinstance(manifest.news_store, str):
            raise TypeError("manifest.json: news_store is no string")
        if type(manifest.built_at) not in (int, float):
            raise TypeError("manifest.json: built_at is no number")
        return manifest
    except (OSError, ValueError, TypeError) as exc:
        if warn:
            log.warning("saved index in %s is unreadable (%s); rebuilding", gen, exc)
        return None


def save_library(library: Library, data_dir: Path, manifest: _Manifest) -> Path:
    """Write a new generation and point CURRENT at it atomically; older ones are removed.
    Writers take turns (a lock on the folder): one must not remove what another is
    writing. Readers need no lock."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with _locked(data_dir):
        return _save_generation(library, data_dir, manifest)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder while the block runs (none where flock is missing)."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _sweep(data_dir: Path) -> None:
    """Remove the half-written copies a killed save left (`.gen-*.tmp`: as big as the index)
    when no save is under way, and a whole generation `CURRENT` does not name (a save killed
    between its generation's rename and the pointer's): a start that only loads had left
    them until the next save. A save removes the generations before its own the same way.
    Only what a save wrote goes (`_leftover`)."""
    try:
        leftovers = [
            p for p in data_dir.iterdir() if p.name.startswith((".gen-", ".CURRENT", "gen-"))
        ]
    except OSError:
        return
    if not leftovers or fcntl is None:
        return
    try:
        fd = os.open(data_dir, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a save under way: leave them
    except OSError:
        os.close(fd)
        return
    try:
        current = _current(data_dir)  # read under the lock: no save can change it now
        for path in leftovers:
            if _leftover(path, current):
                _remove(path)
    except OSError:
        pass
    finally:
        os.close(fd)


def _leftover(path: Path, current: Path | None) -> bool:
    """Whether `path` is what a save wrote and no longer needs: its pointer's temporary file,
    a half-written copy (its name as a save makes it, and empty or holding the store's
    articles, the first file a save writes) or a whole generation (its manifest, the last)
    other than `current` (kept all while no pointer names one: it may be the only index).
    A link, or a file where a save makes a folder, is the user's."""
    try:
        if path.is_symlink():
            return False
        if path.name == _POINTER_TMP:
            return path.is_file()
        if _HALF_SAVED.fullmatch(path.name):
            return path.is_dir() and (
                (path / "articles.jsonl").is_file() or not any(path.iterdir())
            )
        return (
            _SAVED.fullmatch(path.name) is not None
            and current is not None
            and path != current
            and (path / "manifest.json").is_file()
        )
    except OSError:  # cannot be looked into: not removed
        return False


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _save_generation(library: Library, data_dir: Path, manifest: _Manifest) -> Path:
    name = f"gen-{time.time_ns()}"
    tmp = data_dir / f".{name}.tmp"
    try:
        library.save(tmp)
        manifest.built_at = time.time()
        record = asdict(manifest)
        keys = {name: record.pop(name) for name in _KEYS}  # big: a start that loads skips them
        (tmp / "keys.json").write_text(json.dumps(keys), encoding="utf-8")
        (tmp / "manifest.json").write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, data_dir / name)
    except BaseException:  # a full disk, Ctrl-C: the half-written copy goes, not the space
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer_tmp = data_dir / ".CURRENT.tmp"
    try:
        pointer_tmp.write_text(name, encoding="utf-8")
        os.replace(pointer_tmp, data_dir / "CURRENT")
    except BaseException:  # the copy no pointer names goes too: each start had left one
        pointer_tmp.unlink(missing_ok=True)
        shutil.rmtree(data_dir / name, ignore_errors=True)
        raise
    for old in data_dir.iterdir():
        if (
            old.name.startswith((".gen-", "gen-"))
            and old.is_dir()
            and _leftover(old, data_dir / name)
        ):
            shutil.rmtree(old, ignore_errors=True)
    return data_dir / name


class NewsChange(Protocol):
    """One change to a news store's articles (retrieval.db.Change)."""

    @property
    def seq(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def stored(self) -> date | None: ...


class NewsSource(Protocol):
    """What the index needs of the news store (retrieval.db.NewsDB): its changes, in order."""

    def last_seq(self) -> int: ...
    def store_id(self) -> str: ...
    def changes_since(self, seq: int) -> Sequence[NewsChange]: ...
    def group_of(self, key: str) -> list[str]: ...


class NoNews:
    """A news store that is not there (its file deleted or moved aside): the stories a saved
    index took from one go (news=None keeps them, as they are)."""

    def last_seq(self) -> int:
        return 0

    def store_id(self) -> str:
        return ""

    def changes_since(self, seq: int) -> Sequence[NewsChange]:
        return ()

    def group_of(self, key: str) -> list[str]:
        return []


def open_library(
    sources: Sequence[Path],
    data_dir: Path | None,
    config: SearchConfig,
    *,
    progress: Progress | None = None,
    force: bool = False,
    news: NewsSource | None = None,
    starting: Callable[[str], None] | None = None,
) -> OpenReport:
    """The library for `sources` and the articles of the `news` store: loaded from
    `data_dir` when still valid, else updated or built (and saved there). Without `news`,
    the news articles a saved index already holds are kept as they are. Raises
    CorpusError when a source is missing or nothing loads. `starting` is told "building",
    "rebuilding" or "updating" before the files are read for that (a large corpus takes a
    while, and the progress counts only the indexing after the reading).

    Builds take turns (a lock in `data_dir`): starts that find the index stale at once
    build it once, the others then load what the first saved (each had built its own)."""
    ignored: list[tuple[str, str]] = []  # files named on their own that are not read
    files = find_files(sources, ignored) if sources else []
    args = (sources, files, data_dir, config, progress, force, news, starting)
    report: OpenReport | None = None
    if data_dir is None or data_dir in _BUILDING.get():
        report = _open_library(*args)
    elif not force:
        report = _open_library(*args, only_load=True)
    if report is None:
        assert data_dir is not None
        with _build_lock(data_dir):
            token = _BUILDING.set(_BUILDING.get() | {data_dir})
            try:  # a build that another start finished meanwhile is loaded now
                report = _open_library(*args)
            finally:
                _BUILDING.reset(token)
    assert report is not None  # only `only_load` gives None
    if ignored:  # warned about just now, as the files read and skipped were
        skipped = report.skipped + tuple(ignored)
        report = replace(report, skipped=skipped, skipped_anew=report.skipped_anew + len(ignored))
    return report


_BUILDING: ContextVar[frozenset[Path]] = ContextVar("building", default=frozenset())
BUILD_LOCK = ".build.lock"  # in the data directory: held while a start builds the index


def _build_lock(data_dir: Path) -> AbstractContextManager[None]:
    """Holds the data directory's build lock (waits for another start's build to end, saying
    so: a large corpus's build takes minutes, and a silent wait looked like a hang)."""

    def waiting() -> None:
        log.warning("another newsbot is building the index in %s; waiting for it", data_dir)

    return folder_lock(data_dir, BUILD_LOCK, waiting)


@contextmanager
def folder_lock(
    data_dir: Path, name: str, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Holds the lock file `name` in the data directory, waiting for another process that
    holds it (`waiting` is called first, when it must wait); none where it cannot be made
    (a read-only folder) or flock is missing."""
    fd: int | None = None
    if fcntl is not None:
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(data_dir / name, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            fd = None
    try:
        if fd is not None and fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _open_library(
    sources: Sequence[Path],
    files: list[Path],
    data_dir: Path | None,
    config: SearchConfig,
    progress: Progress | None,
    force: bool,
    news: NewsSource | None,
    starting: Callable[[str], None] | None,
    *,
    only_load: bool = False,
) -> OpenReport | None:
    """open_library's work; `only_load`: None instead of an update or a build, and nothing
    said of why one is needed (the start that builds says it)."""
    started = time.perf_counter()
    fingerprint = _fingerprint(files)
    gen = _current(data_dir) if data_dir and not force else None
    manifest = _read_manifest(gen, warn=not only_load) if gen else None
    if manifest and (manifest.format != FORMAT or manifest.analysis != _analysis(config)):
        if only_load:
            return None
        why = (
            # a version, not a process: "another newsbot is building" names a process
            f"another version of newsbot (index format {manifest.format}; this one reads {FORMAT})"
            if manifest.format != FORMAT
            else "other analysis settings"
        )
        log.warning("the saved index in %s was made by %s; building it anew", data_dir, why)
        manifest = None
    if news is not None:
        news_seq, news_store = news.last_seq(), news.store_id()
    else:  # no store given: keep the news articles the saved index holds, as they are
        news_seq = manifest.news_seq if manifest and not force else 0
        news_store = manifest.news_store if manifest else ""
    previous = _load_saved(gen, config, warn=False) if gen and manifest else None
    if previous is None and gen and manifest and data_dir:
        # a writer may have saved a newer generation and removed this one meanwhile
        moved = _current(data_dir)
        if moved is not None and moved != gen:
            gen, manifest = moved, _read_manifest(moved, warn=not only_load)
            if manifest and (manifest.format != FORMAT or manifest.analysis != _analysis(config)):
                manifest = None
        previous = _load_saved(gen, config, warn=not only_load) if gen and manifest else None
    if previous is None:
        manifest = None  # damaged: build afresh
    elif manifest and gen and manifest.sources != fingerprint:
        _forget_gone_skipped(manifest, fingerprint)
        if _same_bytes(manifest, fingerprint) and manifest.sources == fingerprint:
            # else new files came: the update saves the times (and what was forgotten)
            _note_sources(gen, manifest)  # the next start need not read them again
    if (
        previous is not None
        and manifest
        and manifest.sources == fingerprint
        and manifest.news_seq == news_seq
        and _same_store(manifest.news_store, news_store, manifest.news_seq)
    ):
        if data_dir is not None:
            _sweep(data_dir)
        took = time.perf_counter() - started
        skipped = tuple(_still_skipped(manifest.skipped))
        return OpenReport(previous, "loaded", len(files), skipped, seconds=took, generation=gen)
    if only_load:
        return None
    old = manifest.sources if manifest else {}
    grows = bool(old) and all(fingerprint.get(p) == s for p, s in old.items())
    if news is not None and manifest and manifest.news_seq > news_seq:
        grows = False  # a different (or restored) news store: start again
    if manifest and not _same_store(manifest.news_store, news_store, manifest.news_seq):
        grows = False  # another store, however far its count has come
    keys = _read_keys(gen) if grows and gen else None
    loaded = previous if keys is not None else None
    is_new = [_file_key(f) not in old for f in files]
    if loaded is not None and manifest is not None and not _appends(is_new, manifest.news_keys):
        loaded = None  # a fresh build would read a new file before indexed articles: rebuild
    if loaded is not None and keys and manifest is not None and not _needs_compaction(loaded):
        lib = loaded
        new_files = [f for f, new in zip(files, is_new, strict=True) if new]
        action: Literal["updated", "built"] = "updated"
        since = manifest.news_seq
        state = _Manifest(
            _analysis(config),
            fingerprint,
            keys["urls"],
            keys["texts"],
            keys["ids"],
            news_seq=news_seq,
            news_store=news_store,
            news_keys=dict(manifest.news_keys),
            skipped=[list(entry) for entry in _still_skipped(manifest.skipped)],  # unchanged
            hashes=dict(manifest.hashes),
        )
    else:
        lib = Library(config)
        new_files = files
        action = "built"
        since = 0
        state = _Manifest(_analysis(config), fingerprint, news_seq=news_seq, news_store=news_store)
    if starting is not None:
        starting("updating" if action == "updated" else "rebuilding" if gen else "building")

    def rebuilt() -> OpenReport:  # what an update that cannot go on does instead
        return open_library(
            sources, data_dir, config, progress=progress, force=True, news=news, starting=starting
        )

    for path in new_files:  # before they are read: a write between reads loses no change
        if (digest := _content_hash(path)) is not None:
            state.hashes[_file_key(path)] = digest
    result = load_corpus(new_files, listed=True) if new_files else None
    if result is not None:  # kept by their full path: a later start may run elsewhere
        state.skipped.extend([_file_key(Path(s.path)), s.reason] for s in result.skipped)
    known_urls, known_texts, known_ids = dict(state.urls), dict(state.texts), dict(state.ids)
    fresh: list[Article] = []
    stories: list[int] = []
    stored_on: dict[int, date | None] = {}  # a news story's day first stored, by its place
    duplicates = result.duplicates if result else 0
    at_urls = _AtUrls(lib, set(state.news_keys.values()))  # read at a clash of URLs
    renumbered: dict[str, list[str]] = {}  # file -> its records' ids, taken, made its own
    for article in result.articles if result else []:
        text = article.text_fingerprint()
        twin = at_urls.story(article, known_urls)  # the indexed story at its URL that it is
        owner = twin[1] if twin is not None else known_texts.get(text)
        if owner is None and article.id in known_ids and (other := remade_id(article, text)):
            # as load_corpus does: a made-up id taken already, another text: take the text in
            article = replace(article, id=other)
        if owner is None and article.id in known_ids:
            own = own_number(article, known_ids[article.id], known_ids)
            if own is not None:  # as load_corpus does, with its warning
                article = replace(article, id=own)
                renumbered.setdefault(article.origin, []).append(own)
        same_id = owner is None and article.id in known_ids
        if same_id:
            owner = known_ids[article.id]
        if owner is not None:
            if action == "updated" and (not owner or Path(article.origin) < Path(owner)):
                # a fresh build keeps this copy (its file comes first; or the indexed one
                # came from the news store, read after the files): build afresh
                return rebuilt()
            duplicates += 1
            if same_id:  # as load_corpus drops them among its own files
                log.warning(
                    "dropped %r from %s: its id %s is already used by an indexed article",
                    article.headline,
                    shown_path(article.origin),
                    shown_path(article.id),
                )
            elif (
                twin is not None and text not in known_texts and not same_headline(twin[0], article)
            ):
                warn_url_taken(article, twin[0].headline, owner)  # as load_corpus does
            continue
        _remember(article, known_urls, known_texts, article.origin)
        at_urls.add(article, article.origin)
        known_ids[article.id] = article.origin
        fresh.append(article)
        stories.append(story_key(article.id))
    for origin, ids in renumbered.items():
        warn_renumbered(Path(origin), ids)
    news_keys: list[str] = []
    copies: set[str] = set()
    if news is not None:
        gone: list[int] = []
        latest: dict[str, Article | None] = {}
        days: dict[str, date | None] = {}
        for change in news.changes_since(since):
            if change.seq > state.news_seq:
                # stored after this open took its snapshot (an ingest while this start read
                # the files): the next open adds it. Taken now, the index held it under an
                # older seq, and that open's update removed it as a replaced copy
                break
            latest[change.key] = change.article
            days[change.key] = change.stored
        for key, current in latest.items():
            replaces = key in state.news_keys
            if replaces:
                gone.append(state.news_keys.pop(key))
            if current is None:
                continue
            # a file's story (its URL or text), or a URL indexed already; the same text as
            # another of the store's stories is no copy: the store told them apart (a
            # recurring item's issues), and a story renamed keeps its text
            if (not replaces and at_urls.story(current, known_urls) is not None) or known_texts.get(
                current.text_fingerprint()
            ):
                duplicates += 1
                copies.add(key)
            else:
                _remember(current, known_urls, known_texts, "")
                at_urls.add(current, "")
                fresh.append(current)
                group = news.group_of(key)
                stories.append(story_key(group[0] if group else key))
                news_keys.append(key)
                stored_on[len(fresh) - 1] = days.get(key)
        lib.store.remove(gone)
        if action == "updated" and _needs_compaction(lib):
            # this update's removals weigh a quarter of the index: rebuild now, so that the
            # removed articles stop counting in the statistics of the ranking
            return rebuilt()
    if action == "built" and not fresh:
        where = ", ".join(map(shown_path, sources)) or "the news store"
        if state.skipped:  # files there were, and none could be read: "add files" misleads
            n = len(state.skipped)
            noun, them = ("files", "them") if n > 1 else ("file", "it")
            raise CorpusError(
                f"no articles found in {where}: the {n} article {noun} there could not be "
                f"read (the warnings above say why); fix {them}, or point --corpus elsewhere"
            )
        if notes := folder_notes(sources):  # "source.jsonl": articles in a notes' name
            shown = ", ".join(shown_path(path) for path in notes[:3])
            raise CorpusError(
                f"no articles found in {where}: {shown} {'is' if len(notes) == 1 else 'are'} "
                "passed over as a folder's notes (README, SOURCE, AUTHORS ...); name such a "
                "file on its own with --corpus to read it, or rename it"
            )
        raise CorpusError(
            f"no articles found in {where}; "
            "add article files (.txt, .md, .json, .jsonl, .csv, .html, .mhtml, .rss or "
            ".atom), or point --corpus elsewhere"
        )
    first_news = lib.n_articles + len(fresh) - len(news_keys)
    stored = [stored_on.get(at) for at in range(len(fresh))]
    _add_in_chunks(lib, fresh, stories, stored, progress)
    for offset, key in enumerate(news_keys):
        state.news_keys[key] = first_news + offset
    unsaved: str | None = None
    saved: Path | None = None
    if data_dir is not None:
        state.urls, state.texts, state.ids = known_urls, known_texts, known_ids
        try:
            saved = save_library(lib, data_dir, state)
        except OSError as exc:  # a read-only disk or a file in the way: answer all the same
            unsaved = _unsaved(data_dir, exc)
            log.warning("%s; it serves from memory and is rebuilt next time", unsaved)
        else:
            lib = Library.load(saved, config, saved_from=lib)
    skipped = tuple((path, reason) for path, reason in state.skipped)
    took = time.perf_counter() - started
    anew = len(result.skipped) if result else 0
    return OpenReport(
        lib,
        action,
        len(files),
        skipped,
        duplicates,
        len(fresh),
        took,
        unsaved,
        anew,
        saved,
        frozenset(copies),
    )


_SHORT_WRITE = re.compile(r"\d+ requested and \d+ written")


def _unsaved(data_dir: Path, error: OSError) -> str:
    """Why the index could not be saved in `data_dir`, naming what is in the way, and the
    fix for that cause ("free some space" had been the fix for every one)."""
    where = f"the index could not be saved in {data_dir}"
    reason = error.strerror or str(error)
    culprit = error.filename if isinstance(error.filename, str) else None
    shown = f"{reason}: {culprit}" if culprit and culprit != str(data_dir) else reason
    elsewhere = "set --data-dir or corpus.data_dir to a folder you can write"
    # numpy's write of an array that did not fit raises with no error number: "169053
    # requested and 157664 written" (a short write: the disk or the quota is full)
    short_write = error.errno is None and _SHORT_WRITE.search(str(error)) is not None
    if error.errno in (errno.ENOSPC, errno.EDQUOT) or short_write:
        if short_write:
            shown = "the disk is full"
        return f"{where} ({shown}); free some space on its disk, or {elsewhere}"
    dangling = next((p for p in (data_dir, *data_dir.parents) if _dangling(p)), None)
    if dangling is not None:
        # a link to a drive not mounted, or in a loop: "(File exists)" had been all it said
        trouble = link_trouble(dangling)
        if trouble == "in a loop":
            return f"{where} ({dangling} is a symbolic link in a loop); {elsewhere}"
        return (
            f"{where} ({dangling} is a symbolic link {trouble}: a drive not mounted?); "
            f"mount it or create that folder, or {elsewhere}"
        )
    if error.errno in (errno.EEXIST, errno.ENOTDIR) and culprit is not None:
        # the data directory, or a folder above it, is a file
        blocking = next(
            (p for p in (data_dir, *data_dir.parents) if p.exists() and not p.is_dir()), None
        )
        if blocking is not None:
            return f"{where} ({blocking} is a file, not a folder); {elsewhere}"
    if error.errno == errno.EISDIR and culprit is not None:
        folder = error.filename2 if isinstance(error.filename2, str) else culprit  # a rename's
        return f"{where} ({folder} is a folder where the index keeps a file); remove it"
    if error.errno == errno.ENOENT and culprit in (str(data_dir), *map(str, data_dir.parents)):
        # the folder, or one above it, could not be made (`--data-dir /proc/nope`): "run the
        # command again" had been the fix, which never helps
        return f"{where}: cannot create the folder ({reason}); {elsewhere}"
    if error.errno == errno.ENOENT and not data_dir.exists():
        # removed while the index was written (`rm -rf` of it): "a folder you can write"
        # sent the user looking for a permission problem there was none of
        return f"{where}: the folder was removed while it was being written; run the command again"
    return f"{where} ({shown}); {elsewhere}"


def _dangling(path: Path) -> bool:
    """Whether `path` is a symbolic link to nothing, or in a loop."""
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # cannot be looked at (a folder above not searchable): not known
        return False


def _still_skipped(entries: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """The skipped files a saved index records, each named again (at INFO: the load that
    skipped it warned; a bot reloading every few minutes must not warn each time): this
    start reads none of them, and none of them is searched."""
    out: list[tuple[str, str]] = []
    for entry in entries if isinstance(entries, list) else ():
        if len(entry) == 2 and all(isinstance(part, str) for part in entry):
            path, reason = entry
            shown = shown_path(path)
            log.info("skipped %s: %s (unchanged since the index was built)", shown, reason)
            out.append((path, reason))
    return out


def _needs_compaction(lib: Library) -> bool:
    """Whether so many articles were removed that a rebuild pays."""
    removed = int(lib.store.removed.sum())
    return removed > 0 and removed >= COMPACT_SHARE * len(lib.store)


class _AtUrls:
    """The indexed articles by their URL's key, each with where it came from (a file, or ""
    for the news store), read from the index at the first clash of URLs (an update's
    articles noted as they are indexed): which of them an article with that URL is
    (`one_story`), as load_corpus tells a story's copy from another story at a listing page."""

    def __init__(self, lib: Library, news: set[int]) -> None:
        self._lib, self._news = lib, news  # news: the numbers of the news store's articles
        self._by_url: dict[str, list[tuple[Article, str]]] | None = None
        self._added: list[tuple[str, Article, str]] = []  # before the index was read

    def add(self, article: Article, owner: str) -> None:
        """Note an article this update indexes."""
        if (url := story_url_key(article.url)) is None:
            return
        if self._by_url is None:
            self._added.append((url, article, owner))
        else:
            self._by_url.setdefault(url, []).append((article, owner))

    def story(self, article: Article, urls: dict[str, str]) -> tuple[Article, str] | None:
        """The indexed article at `article`'s URL that is its story, and where it came from;
        None when none is (`urls`: the indexed URL keys, to read nothing without a clash)."""
        url = story_url_key(article.url)
        if url is None or url not in urls:
            return None
        if self._by_url is None:
            self._by_url = {}
            removed = self._lib.store.removed
            for number, indexed in enumerate(self._lib.store):
                if not removed[number] and (key := story_url_key(indexed.url)) is not None:
                    owner = "" if number in self._news else indexed.origin
                    self._by_url.setdefault(key, []).append((indexed, owner))
            for key, added, owner in self._added:
                self._by_url.setdefault(key, []).append((added, owner))
        at = self._by_url.get(url, [])
        if len(at) >= LISTING_STORIES:
            return None  # a listing page's URL (`LISTING_STORIES`), as load_corpus reads it
        return next(((kept, owner) for kept, owner in at if one_story(kept, article)), None)


def _remember(article: Article, urls: dict[str, str], texts: dict[str, str], owner: str) -> None:
    """Note an indexed article's URL and text, and where it came from."""
    if url := story_url_key(article.url):
        urls[url] = owner
    texts[article.text_fingerprint()] = owner


def _add_in_chunks(
    lib: Library,
    articles: Sequence[Article],
    stories: Sequence[int],
    stored: Sequence[date | None],
    progress: Progress | None,
) -> None:
    # a tick every 2,000 articles (2-3 s): smaller chunks are more index segments to merge
    step = 2000 if progress else max(len(articles), 1)
    for start in range(0, len(articles), step):
        part = slice(start, start + step)
        lib.add(articles[part], stories[part], stored[part])
        if progress:
            progress(min(start + step, len(articles)), len(articles))
