"""The BM25 index: postings in compressed-sparse-row segments, exact scores, save/load, add.

Scores are exactly those of rank-bm25 (`idf="okapi"`: BM25Okapi with its epsilon floor for
negative idf) or of Lucene's BM25 idf (`idf="lucene"`: log(1 + (N - df + 0.5) / (df + 0.5)),
never negative). The term-frequency part is rank-bm25's:
    tf * (k1 + 1) / (tf + k1 * (1 - b + b * doc_len / avgdl))
computed at query time from stored term frequencies, so adding documents (which moves N, df and
avgdl) needs no rewrite of existing postings: a new segment is appended and the corpus-wide
statistics are recomputed (O(vocabulary + documents), milliseconds).

Why hand-written rather than bm25s or rank-bm25: rank-bm25 scores every document in Python per
query (seconds at 300k paragraphs); bm25s precomputes scores into a matrix, so it cannot add
documents without a rebuild and needs scipy. Both stay in the benchmarks and tests as references.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from retrieval.store import StoreError

try:
    from retrieval import _kernel  # type: ignore[attr-defined]
except ImportError:  # built without a C compiler: numpy does the same arithmetic, slower
    _kernel = None

IdfKind = Literal["okapi", "lucene"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]

_MERGE_AT = 8  # segments beyond this are merged into one
_TAIL_SHARE = 0.25  # a save merges everything once the newer segments hold this share
_FORMAT = 1
_BLOCK = 128  # postings per block of the block-max bounds (Lucene's block size)


@dataclass(frozen=True, slots=True)
class BM25Params:
    """BM25's knobs; the defaults are rank-bm25's."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    idf: IdfKind = "okapi"


@dataclass(frozen=True, slots=True)
class Segment:
    """Postings of a run of documents: for term t, docs[offsets[t]:offsets[t+1]] ascending."""

    offsets: npt.NDArray[np.int64]
    docs: IntArray
    tfs: npt.NDArray[np.integer[Any]]
    saved: Path | None = field(default=None, compare=False)  # files it was loaded from

    @property
    def n_terms(self) -> int:
        """How many term ids this segment has offsets for."""
        return len(self.offsets) - 1


@dataclass(frozen=True, slots=True)
class BlockBounds:
    """Per block of `_BLOCK` postings of one segment (each term's list cut in order): the
    largest tf / (tf + norm) in it, float32 rounded up, and its last document (`ends`, which
    does not depend on k1 and b). `offsets[t]` is term t's first block.
    Valid for the k1 and b they were computed with; a later avgdl A' only scales them, by
    at most max(1, A' / avgdl) (the length part of the norm shrinks by A / A', the rest not)."""

    segment: Segment
    k1: float
    b: float
    avgdl: float
    offsets: npt.NDArray[np.int64]
    maxima: npt.NDArray[np.float32]
    ends: npt.NDArray[np.int32]  # each block's last document, to find a window's blocks


def build_segment(term_ids: IntArray, doc_ids: IntArray, n_terms: int) -> Segment:
    """Postings from parallel arrays of (term id, doc id) for every token, docs ascending."""
    if len(term_ids) == 0:
        return Segment(
            np.zeros(n_terms + 1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.uint16)
        )
    n_docs = int(doc_ids.max()) + 1
    keys = term_ids.astype(np.int64) * n_docs + doc_ids
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    tfs = np.diff(np.append(starts, len(keys)))
    unique = keys[starts]
    terms = unique // n_docs
    docs = (unique - terms * n_docs).astype(np.int32)
    counts = np.bincount(terms, minlength=n_terms)
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(counts, out=offsets[1:])
    tf_type = np.uint16 if tfs.max() < 65536 else np.int32
    return Segment(offsets, docs, tfs.astype(tf_type))


def merge_segments(segments: Sequence[Segment], n_terms: int) -> Segment:
    """One segment holding the postings of all, in order (segments cover ascending doc runs)."""
    terms_parts, docs_parts, tfs_parts = [], [], []
    for seg in segments:
        counts = np.diff(seg.offsets)
        terms_parts.append(np.repeat(np.arange(seg.n_terms, dtype=np.int32), counts))
        docs_parts.append(np.asarray(seg.docs))
        tfs_parts.append(np.asarray(seg.tfs, dtype=np.int32))
    terms = np.concatenate(terms_parts)
    order = np.argsort(terms, kind="stable")
    tfs = np.concatenate(tfs_parts)[order]
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=offsets[1:])
    tf_type = np.uint16 if len(tfs) == 0 or tfs.max() < 65536 else np.int32
    return Segment(offsets, np.concatenate(docs_parts)[order], tfs.astype(tf_type))


class BM25Index:
    """An exact BM25 index over documents given as lists of terms."""

    def __init__(self, params: BM25Params | None = None) -> None:
        self.params = params or BM25Params()
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.df: npt.NDArray[np.int64] = np.zeros(0, np.int64)
        self.doc_len: IntArray = np.zeros(0, np.int32)
        self.segments: list[Segment] = []
        self.total_len = 0
        self.idf: FloatArray = np.zeros(0)
        self.norm: FloatArray = np.zeros(0)
        self._buf: FloatArray = np.zeros(0)
        self._seen: npt.NDArray[np.bool_] = np.zeros(0, bool)
        self._min_norm = 0.0
        # (norm by length, uint16 length per document) for the kernel's score; made on its
        # first use after each change (see _norms_by_length)
        self._by_length: tuple[FloatArray, npt.NDArray[np.uint16] | None] | None = None
        self._avgdl = 1.0
        self._blocks: dict[int, BlockBounds] = {}  # by id() of the segment they bound
        self._lock = threading.Lock()  # the numpy fallback's scratch buffers: one query at a time

    @property
    def n_docs(self) -> int:
        """How many documents are indexed."""
        return len(self.doc_len)

    @classmethod
    def build(cls, docs: Iterable[Sequence[str]], params: BM25Params | None = None) -> BM25Index:
        """An index over `docs`, each a sequence of terms."""
        index = cls(params)
        index.add(docs)
        return index

    def add(self, docs: Iterable[Sequence[str]]) -> None:
        """Append documents (ids continue from n_docs) as a new segment."""
        vocab = self.vocab
        get = vocab.get
        ids: list[int] = []
        lengths: list[int] = []
        for doc in docs:
            found = list(map(get, doc))
            if None in found:  # new terms: give them ids
                for i, term in enumerate(doc):
                    if found[i] is None:
                        tid = get(term)
                        if tid is None:
                            tid = vocab[term] = len(vocab)
                            self.terms.append(term)
                        found[i] = tid
            ids.extend(found)  # type: ignore[arg-type]
            lengths.append(len(doc))
        self.add_ids(np.array(ids, np.int32), np.array(lengths, np.int32))

    def add_terms(self, ids: IntArray, lengths: IntArray, names: Sequence[str]) -> None:
        """Append documents given as ids into another vocabulary, `names` (Analyzer.scan's
        result): every document's ids one after another, and each one's length."""
        used = np.zeros(len(names), bool)
        used[ids] = True
        table = np.zeros(len(names), np.int32)
        vocab, terms = self.vocab, self.terms
        for i in np.flatnonzero(used).tolist():
            tid = vocab.get(names[i])
            if tid is None:
                tid = vocab[names[i]] = len(terms)
                terms.append(names[i])
            table[i] = tid
        self.add_ids(table[ids], lengths)

    def add_ids(self, term_ids: IntArray, lengths: IntArray) -> None:
        """Append documents given as concatenated term ids (from `vocab`) and their lengths."""
        if len(lengths) == 0:
            return
        base = self.n_docs
        local = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        segment = build_segment(term_ids, local, len(self.vocab))
        if base:
            segment = Segment(segment.offsets, segment.docs + np.int32(base), segment.tfs)
        n_terms = len(self.vocab)
        df = np.zeros(n_terms, np.int64)
        df[: len(self.df)] = self.df
        df += np.diff(segment.offsets)
        self.df = df
        self.doc_len = np.concatenate([self.doc_len, lengths.astype(np.int32)])
        self.total_len += int(lengths.sum())
        self.segments.append(segment)
        if len(self.segments) > _MERGE_AT:
            self.segments = _merged(self.segments, n_terms)
        self._refresh()

    def _refresh(self) -> None:
        """Recompute idf, per-document length norms and scratch buffers after a change."""
        p = self.params
        n = self.n_docs
        df = self.df.astype(np.float64)
        if p.idf == "lucene":
            self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        else:
            idf = np.log(n - df + 0.5) - np.log(df + 0.5)
            present = self.df > 0
            average = float(idf[present].sum()) / max(int(present.sum()), 1)
            idf[present & (idf < 0)] = p.epsilon * average
            self.idf = idf
        avgdl = (self.total_len / n if n else 1.0) or 1.0
        self._avgdl = avgdl
        self.norm = (p.k1 * (1 - p.b + p.b * self.doc_len / avgdl)).astype(np.float64)
        self._min_norm = float(self.norm.min()) if n else 0.0
        self._by_length = None

    def _norms_by_length(self) -> tuple[FloatArray, npt.NDArray[np.uint16] | None]:
        """What the kernel's score reads a norm per posting from: a table by length and each
        document's length in 2 bytes, rather than 8 bytes of norm per document (the same
        numbers: the norm is that table at each length); the table stays in cache. With a
        paragraph of 65,536 terms or more: the norms themselves, and no lengths. Made on
        first use, so an index that only serves top_k never holds it."""
        made = self._by_length
        if made is None:
            p, n = self.params, self.n_docs
            longest = int(self.doc_len.max()) if n else 0
            made = (self.norm, None)
            if longest < 1 << 16:
                lengths = np.arange(longest + 1)
                table = (p.k1 * (1 - p.b + p.b * lengths / self._avgdl)).astype(np.float64)
                made = (table, self.doc_len.astype(np.uint16))
            self._by_length = made
        return made

    def weights(self, query: Sequence[str]) -> list[tuple[int, float]]:
        """(term id, query weight) for the query's known terms: idf times repeats in the query."""
        counts = Counter(t for t in query if t in self.vocab)
        pairs = [(self.vocab[t], c * float(self.idf[self.vocab[t]])) for t, c in counts.items()]
        pairs.sort(key=lambda pair: int(self.df[pair[0]]))  # rare terms first
        return pairs

    def candidates(self, query: Sequence[str]) -> tuple[IntArray, FloatArray]:
        """Every document holding a query term, with its BM25 score (in no set order)."""
        return self.score_weights(self.weights(query))

    def score_weights(
        self,
        weights: Sequence[tuple[int, float]],
        *,
        groups: IntArray | None = None,
        extra: FloatArray | None = None,
        at_least: float = -math.inf,
    ) -> tuple[IntArray, FloatArray]:
        """Like `candidates`, with precomputed (term id, weight) pairs. With `groups` (a
        group number per document) and `extra` (a value per group): each score plus its
        document's group's extra, and only the documents whose score reaches `at_least`
        (a Searcher: the article's evidence added, and the candidates near its floor)."""
        if groups is None or extra is None:
            groups = extra = None
        elif len(groups) < self.n_docs:
            raise ValueError("score: groups does not cover every document")
        if _kernel is None:
            with self._lock:
                cand, scores = self._score_numpy(weights)
            if groups is not None and extra is not None:
                owner = groups[cand]
                if len(owner) and (owner.min() < 0 or owner.max() >= len(extra)):
                    raise ValueError("score: a document's group has no extra")
                scores = scores + extra[owner]
                near = scores >= at_least
                cand, scores = cand[near], scores[near]
            return cand, scores
        if not weights:
            return np.zeros(0, np.int32), np.zeros(0)
        if groups is not None and extra is not None:  # as the kernel reads them (no copy if so)
            groups = np.ascontiguousarray(groups, np.int32)
            extra = np.ascontiguousarray(extra, np.float64)
        tids = np.array([tid for tid, _ in weights], np.int64)
        values = np.array([weight for _, weight in weights], np.float64)
        postings = 0
        for seg in self.segments:
            known = tids[tids < seg.n_terms]
            postings += int((seg.offsets[known + 1] - seg.offsets[known]).sum())
        room = min(postings, self.n_docs)
        cand, scores = np.empty(room, np.int32), np.empty(room)
        n, k1p1 = 0, self.params.k1 + 1.0
        table, lengths = self._norms_by_length()
        for seg in self.segments:
            try:
                n = _kernel.score(
                    seg.offsets, seg.docs, seg.tfs, seg.tfs.itemsize, tids, values, table,
                    lengths, k1p1, groups, extra, at_least, cand, scores, n,
                )  # fmt: skip
            except ValueError as exc:
                if (damaged := _damaged(seg, exc)) is None:
                    raise
                raise damaged from exc
        return cand[:n], scores[:n]

    def presence(self, tids: Sequence[int], docs: IntArray) -> npt.NDArray[np.bool_]:
        """Whether each of `docs` (ascending) holds each term: a (terms x docs) matrix."""
        found = np.zeros((len(tids), len(docs)), np.bool_)
        if _kernel is not None:
            wanted = np.ascontiguousarray(docs, np.int32)
            terms = np.array(tids, np.int64)
            for seg in self.segments:
                _kernel.presence(seg.offsets, seg.docs, terms, wanted, found)
            return found
        for row, tid in zip(found, tids, strict=True):
            for posting, _ in self._postings(tid):
                wanted = docs.astype(posting.dtype, copy=False)  # same dtype: no array copy
                at = np.minimum(np.searchsorted(posting, wanted), len(posting) - 1)
                row |= posting[at] == wanted
        return found

    def holding_all(self, terms: Sequence[str]) -> IntArray:
        """The documents (ascending ids) that hold every one of `terms`: the rarest term's
        postings, kept where the others' postings hold them too."""
        tids = [self.vocab.get(term) for term in dict.fromkeys(terms)]
        known = [tid for tid in tids if tid is not None]
        if not known or len(known) < len(tids):
            return np.zeros(0, np.int32)
        known.sort(key=lambda tid: int(self.df[tid]))
        parts = [docs for docs, _ in self._postings(known[0])]
        found = np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)
        if len(known) > 1 and len(found):
            found = found[self.presence(known[1:], found).all(axis=0)]
        return found

    def first_doc(self, term: str) -> int | None:
        """The lowest document id holding `term`, or None."""
        tid = self.vocab.get(term)
        if tid is None:
            return None
        return next((int(docs[0]) for docs, _ in self._postings(tid)), None)

    def _postings(self, tid: int) -> Iterator[tuple[IntArray, npt.NDArray[np.integer[Any]]]]:
        for seg in self.segments:
            if tid < seg.n_terms:
                start, end = seg.offsets[tid], seg.offsets[tid + 1]
                if start != end:
                    yield seg.docs[start:end], seg.tfs[start:end]

    def _score_numpy(self, weights: Sequence[tuple[int, float]]) -> tuple[IntArray, FloatArray]:
        """The same arithmetic as the C kernel, in numpy (when the kernel is not built)."""
        if len(self._buf) != self.n_docs:  # scratch buffers, made on first use
            self._buf, self._seen = np.zeros(self.n_docs), np.zeros(self.n_docs, bool)
        buf, seen, norm = self._buf, self._seen, self.norm
        k1p1 = self.params.k1 + 1.0
        parts: list[IntArray] = []
        for tid, weight in weights:
            for docs, tfs in self._postings(tid):
                tf = tfs.astype(np.float64)
                buf[docs] += weight * (tf * k1p1) / (tf + norm[docs])
                fresh = docs[~seen[docs]]
                seen[fresh] = True
                parts.append(fresh)
        if not parts:
            return np.zeros(0, np.int32), np.zeros(0)
        cand = parts[0] if len(parts) == 1 else np.concatenate(parts)
        scores = buf[cand]
        buf[cand] = 0.0
        seen[cand] = False
        return cand, scores

    def scores(self, query: Sequence[str]) -> FloatArray:
        """The score of every document (zeros where no term matches): rank-bm25's get_scores."""
        out = np.zeros(self.n_docs)
        cand, scores = self.candidates(query)
        out[cand] = scores
        return out

    def top_k(self, query: Sequence[str], k: int) -> tuple[IntArray, FloatArray]:
        """The k best documents holding a query term, best first (ties: lower id first).

        Exact, document at a time with block-max MaxScore pruning (the C kernel's topk):
        each term's list is cut into blocks of `_BLOCK` postings with a bound on the term's
        contribution in each (`BlockBounds`); terms whose bounds together cannot reach the
        k-th best score so far only get looked up for documents that other terms bring, and
        only while those can still make it; runs of blocks that cannot reach it are skipped
        unread. A first bar comes from fully scoring the block where the most important term
        peaks. Scores are summed in the same order as `candidates` sums them, so they are
        the same numbers (tests check the result against scoring everything and rank-bm25).
        """
        weights = self.weights(query)
        if k <= 0 or not weights:
            return np.zeros(0, np.int32), np.zeros(0)
        if _kernel is None or min(weight for _, weight in weights) <= 0:
            cand, scores = self.score_weights(weights)
        else:
            cand, scores = self._top_k_pruned(weights, k)
        order = top_indices(scores, k, cand)
        return cand[order], scores[order]

    def _top_k_pruned(
        self, weights: Sequence[tuple[int, float]], k: int
    ) -> tuple[IntArray, FloatArray]:
        assert _kernel is not None
        tids = np.array([tid for tid, _ in weights], np.int64)
        values = np.array([weight for _, weight in weights], np.float64)
        k = min(k, self.n_docs)  # the heap's size: a huge k must not allocate more
        docs, scores = np.zeros(k, np.int32), np.zeros(k)
        size, k1p1 = 0, self.params.k1 + 1.0
        for seg in self.segments:
            bounds = self._block_bounds(seg)
            scale = max(1.0, self._avgdl / bounds.avgdl) * (1 + 1e-9)
            try:
                size = _kernel.topk(
                    seg.offsets, seg.docs, seg.tfs, seg.tfs.itemsize, bounds.offsets,
                    bounds.maxima, bounds.ends, _BLOCK, tids, values, scale, self.norm,
                    self._min_norm, k1p1, docs, scores, size, k,
                )  # fmt: skip
            except ValueError as exc:
                if (damaged := _damaged(seg, exc)) is None:
                    raise
                raise damaged from exc
        return docs[:size], scores[:size]

    def _block_bounds(self, seg: Segment) -> BlockBounds:
        """The segment's block bounds for the current k1 and b (computed on first use)."""
        p = self.params
        found = self._blocks.get(id(seg))
        if found is not None and found.segment is seg and (found.k1, found.b) == (p.k1, p.b):
            return found
        assert _kernel is not None
        with self._lock:
            offsets = _block_offsets(seg)
            maxima = np.zeros(int(offsets[-1]), np.float32)
            args = (seg.tfs, seg.tfs.itemsize, self.norm, _BLOCK, maxima)
            try:
                _kernel.blockmax(seg.offsets, seg.docs, *args)
            except ValueError as exc:
                if (damaged := _damaged(seg, exc)) is None:
                    raise
                raise damaged from exc
            ends = _block_ends(seg, offsets)
            bounds = BlockBounds(seg, p.k1, p.b, self._avgdl, offsets, maxima, ends)
            live = {id(s) for s in self.segments}
            self._blocks = {key: b for key, b in self._blocks.items() if key in live}
            self._blocks[id(seg)] = bounds
            return bounds

    def save(self, folder: Path) -> None:
        """Write the index into an empty or new folder (the caller makes it atomic).

        Segments merge tiered: the newer ones into one, and all into one once the newer hold
        a quarter of the postings; a segment loaded from an earlier save is hard-linked, not
        rewritten, so saving a few new articles costs little however large the index is."""
        folder.mkdir(parents=True, exist_ok=True)
        self.segments = _merged(self.segments, len(self.vocab))
        blocks = [self._block_bounds(seg) if _kernel is not None else None for seg in self.segments]
        meta = {
            "format": _FORMAT,
            "params": asdict(self.params),
            "total_len": self.total_len,
            "blocks": [None if b is None else [b.k1, b.b, b.avgdl] for b in blocks],
            "segments": len(self.segments),
            "terms": len(self.terms),
        }
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        (folder / "vocab.txt").write_text("\n".join(self.terms), encoding="utf-8")
        np.save(folder / "df.npy", self.df)
        np.save(folder / "doc_len.npy", self.doc_len)
        for i, seg in enumerate(self.segments):
            if seg.saved is not None and _link_segment(seg.saved, folder / f"seg{i}"):
                continue
            np.save(folder / f"seg{i}.offsets.npy", seg.offsets)
            np.save(folder / f"seg{i}.docs.npy", seg.docs)
            np.save(folder / f"seg{i}.tfs.npy", seg.tfs)
        for i, bounds in enumerate(blocks):
            if bounds is not None:
                np.save(folder / f"seg{i}.blocks.npy", bounds.maxima)
                np.save(folder / f"seg{i}.ends.npy", bounds.ends)

    @classmethod
    def load(
        cls, folder: Path, params: BM25Params | None = None, *, same_as: BM25Index | None = None
    ) -> BM25Index:
        """Open a saved index, scoring with `params` (default: those it was saved with);
        postings are memory-mapped, so loading costs milliseconds. `same_as`: the index this
        one was just saved from, whose vocabulary it reuses instead of reading it again."""
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError(f"{folder}: meta.json holds no mapping")
        if meta.get("format") != _FORMAT:
            raise ValueError(f"{folder}: index format {meta.get('format')!r} is not {_FORMAT}")
        index = cls(params or BM25Params(**meta["params"]))
        if same_as is not None:
            index.terms, index.vocab = same_as.terms, same_as.vocab
        else:
            text = (folder / "vocab.txt").read_text(encoding="utf-8")
            index.terms = text.split("\n") if text else []
            index.vocab = {t: i for i, t in enumerate(index.terms)}
        index.df = np.load(folder / "df.npy")
        index.doc_len = np.load(folder / "doc_len.npy")
        index.total_len = int(meta["total_len"])
        i = 0
        while (folder / f"seg{i}.docs.npy").exists():
            index.segments.append(
                Segment(
                    mapped(folder / f"seg{i}.offsets.npy"),
                    mapped(folder / f"seg{i}.docs.npy"),
                    mapped(folder / f"seg{i}.tfs.npy"),
                    saved=folder / f"seg{i}",
                )
            )
            i += 1
        _check_loaded(index, meta, folder)
        index._refresh()
        p = index.params
        for i, saved in enumerate(meta.get("blocks") or []):  # bounds saved for these k1 and b
            file, ends_file = folder / f"seg{i}.blocks.npy", folder / f"seg{i}.ends.npy"
            if (
                i < len(index.segments)
                and saved
                and saved[:2] == [p.k1, p.b]
                and file.exists()
                and ends_file.exists()  # an index saved before they were: computed on use
            ):
                seg = index.segments[i]
                offsets = _block_offsets(seg)
                maxima, ends = mapped(file), mapped(ends_file)
                if len(maxima) == len(ends) == offsets[-1] and ends.dtype == np.int32:
                    bounds = BlockBounds(seg, p.k1, p.b, float(saved[2]), offsets, maxima, ends)
                    index._blocks[id(seg)] = bounds
        return index


_SEGMENT_FILES = (".offsets.npy", ".docs.npy", ".tfs.npy")


def _damaged(seg: Segment, exc: ValueError) -> StoreError | None:
    """What a kernel call's ValueError over the segment's postings means: a list out of order
    or out of range (a changed byte in a saved file: the sizes still fit, so the load cannot
    tell) is a StoreError that names the fix; None for any other error."""
    if _kernel is None or str(exc) != _kernel.DAMAGED:
        return None
    where = f"the saved index in {seg.saved.parent}" if seg.saved else "the index"
    return StoreError(f"{where} is damaged ({exc}); rebuild it with `newsbot index --force`")


def _block_ends(seg: Segment, offsets: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
    """The last document of each block of the segment (`offsets`: `_block_offsets`)."""
    counts = np.diff(seg.offsets)
    blocks = np.diff(offsets)
    term = np.repeat(np.arange(len(counts)), blocks)
    within = np.arange(int(offsets[-1])) - np.repeat(offsets[:-1], blocks)
    last = seg.offsets[term] + np.minimum((within + 1) * _BLOCK, counts[term]) - 1
    return np.ascontiguousarray(seg.docs[last], np.int32)


def _block_offsets(seg: Segment) -> npt.NDArray[np.int64]:
    """Per term id of the segment, the index of its first block (and the count at the end)."""
    offsets = np.zeros(seg.n_terms + 1, np.int64)
    np.cumsum((np.diff(seg.offsets) + _BLOCK - 1) // _BLOCK, out=offsets[1:])
    return offsets


def _merged(segments: list[Segment], n_terms: int) -> list[Segment]:
    """Tiered merging: the first (largest) segment stays unless the later ones together hold
    a quarter of its postings or there are too many; the later ones become one."""
    if len(segments) <= 1:
        return segments
    tail = sum(len(seg.docs) for seg in segments[1:])
    if tail >= _TAIL_SHARE * len(segments[0].docs) or len(segments) > _MERGE_AT:
        return [merge_segments(segments, n_terms)]
    if len(segments) == 2:
        return segments
    return [segments[0], merge_segments(segments[1:], n_terms)]


def _link_segment(source: Path, target: Path) -> bool:
    """Hard-link a saved segment's files under a new name; False if that cannot be done
    (another file system, or the files are gone), and the caller writes them instead."""
    made: list[Path] = []
    try:
        for suffix in _SEGMENT_FILES:
            link = target.with_name(target.name + suffix)
            os.link(source.with_name(source.name + suffix), link)
            made.append(link)
    except OSError:
        for link in made:
            link.unlink(missing_ok=True)
        return False
    return True


def mapped(path: Path) -> npt.NDArray[Any]:
    """A read-only memory-mapped array as a plain ndarray (np.memmap slicing is slow)."""
    array: npt.NDArray[Any] = np.load(path, mmap_mode="r").view(np.ndarray)
    return array


def _check_loaded(index: BM25Index, meta: dict[str, Any], folder: Path) -> None:
    """Raise ValueError when a loaded index's parts do not fit together (a file truncated,
    emptied or deleted): it would load and answer wrongly without a word."""
    n_terms = len(index.df)
    if len(index.terms) != n_terms or meta.get("terms", n_terms) != n_terms:
        raise ValueError(f"{folder}: vocab.txt does not list the index's {n_terms} terms")
    if meta.get("segments", len(index.segments)) != len(index.segments):
        raise ValueError(f"{folder}: {len(index.segments)} of {meta['segments']} segments found")
    lengths = index.doc_len
    # a length read as a norm table's index by the kernel (`_norms_by_length`): a changed
    # value (negative, or not adding up) would send it past the table
    if len(lengths) and (int(lengths.min()) < 0 or int(lengths.sum()) != index.total_len):
        raise ValueError(f"{folder}: the documents' lengths do not add up to the index's")
    postings = np.zeros(n_terms, np.int64)
    for seg in index.segments:
        ends = seg.offsets
        if len(ends) > n_terms + 1 or not int(ends[-1]) == len(seg.docs) == len(seg.tfs):
            raise ValueError(f"{folder}: a segment's postings do not fit its offsets")
        postings[: len(ends) - 1] += np.diff(ends)
    if not np.array_equal(postings, index.df):
        raise ValueError(f"{folder}: the postings do not add up to the document frequencies")


def top_indices(scores: FloatArray, k: int, ids: IntArray | None = None) -> npt.NDArray[np.intp]:
    """Positions of the k largest scores, best first; ties broken by lower `ids` (or position).

    Avoids a full argpartition over long, heavily tied score vectors: any sample's k-th largest
    value is a lower bound for the true k-th largest, so only scores at or above it are sorted.
    """
    n = len(scores)
    if k <= 0 or n == 0:
        return np.zeros(0, np.intp)
    pool = np.arange(n)
    if n > 4 * 1024 and k < 512:
        sample = scores[:: max(n // 2048, 1)]
        if len(sample) > k:
            bound = np.partition(sample, len(sample) - k)[len(sample) - k]
            pool = np.flatnonzero(scores >= bound)
    if len(pool) > 65_536:
        keep = np.argpartition(scores[pool], len(pool) - k)[len(pool) - k :]
        bound = scores[pool[keep]].min()
        pool = pool[scores[pool] >= bound]
    tie = ids[pool] if ids is not None else pool
    order = np.lexsort((tie, -scores[pool]))
    return pool[order[:k]]
