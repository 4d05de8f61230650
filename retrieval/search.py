"""Searcher: a question in, ranked passages out.

A passage's score is its paragraph's BM25 score plus weighted BM25 scores of its article's
other evidence: the headline and standfirst ("head" field), the whole article ("article"
field) and the section heading it sits under ("section" field), plus a recency prior relative
to the date the question is asked. Only paragraphs that share a term with the question are
candidates; one passage per article; near-duplicate passages are collapsed; passages whose
text evidence falls under `min_relevance` of what a perfect match would score are dropped, so
gibberish gets no answer rather than weak hits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from retrieval.analysis import sentence_spans
from retrieval.articles import Hit
from retrieval.index import FloatArray, IntArray, top_indices
from retrieval.library import Library
from retrieval.store import NO_DATE

MAX_QUERY_CHARS = 2000
NEAR_DUPLICATE = 0.8  # passages sharing this share of their terms count as one


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for one page of a ranking, and whether more follow."""

    hits: tuple[Hit, ...]
    has_more: bool = False
    note: str | None = None


class Searcher:
    """Ranks a Library's passages for questions."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.config = library.config

    def search(
        self,
        question: str,
        k: int = 3,
        *,
        offset: int = 0,
        as_of: date | None = None,
    ) -> SearchResult:
        """The hits ranked offset..offset+k for `question` (one per article, best first)."""
        lib, cfg = self.library, self.config
        note = None
        text = question[:MAX_QUERY_CHARS]
        terms = lib.analyzer.terms(text)
        if len(terms) > cfg.max_query_terms or len(text) < len(question):
            terms = terms[: cfg.max_query_terms]
            note = f"Your question was long, so only its first {len(terms)} words were used."
        if not terms or lib.n_paragraphs == 0 or k <= 0:
            return SearchResult((), note=note)
        weights = lib.body.weights(terms)
        if not weights:
            return SearchResult((), note=note)
        cand, text_scores = lib.body.score_weights(weights)
        owners = lib.para_article[cand]
        article_scores = self._article_scores(terms)
        if article_scores is not None:
            text_scores += article_scores[owners]
        if cfg.section_weight:
            sec_cand, sec_scores = lib.section.candidates(terms)
            if len(sec_cand):
                dense = np.zeros(lib.n_paragraphs)
                dense[sec_cand] = sec_scores
                text_scores += cfg.section_weight * dense[cand]
        ideal = self._ideal(terms, weights)
        keep = text_scores >= cfg.min_relevance * ideal
        cand, owners, text_scores = cand[keep], owners[keep], text_scores[keep]
        total = text_scores + self._recency(owners, as_of) * (cfg.recency_weight * ideal)
        if cfg.lead_weight:
            positions = lib.para_position[cand].astype(np.float64)
            total += np.exp(-positions / cfg.lead_decay) * (cfg.lead_weight * ideal)
        chosen = self._select(cand, owners, total, offset + k + 1)
        page = chosen[offset : offset + k]
        qset = set(terms)
        hits = tuple(self._hit(int(cand[i]), float(total[i]), qset) for i in page)
        return SearchResult(hits, has_more=len(chosen) > offset + k, note=note)

    def _article_scores(self, terms: Sequence[str]) -> FloatArray | None:
        """Per article: the weighted head and whole-article scores (None if nothing matched)."""
        lib, cfg = self.library, self.config
        dense: FloatArray | None = None
        for index, weight in ((lib.head, cfg.head_weight), (lib.whole, cfg.article_weight)):
            if not weight:
                continue
            docs, scores = index.candidates(terms)
            if len(docs):
                if dense is None:
                    dense = np.zeros(lib.n_articles)
                dense[docs] += weight * scores
        return dense

    def _ideal(self, terms: Sequence[str], weights: Sequence[tuple[int, float]]) -> float:
        """What a paragraph matching every question term once would score (distinct unknown
        terms at the highest idf, so a question of mostly unknown words cannot pass)."""
        body = self.library.body
        n = body.n_docs
        top_idf = (
            math.log(1.0 + (n + 0.5) / 0.5) if self.config.idf == "lucene" else math.log(n + 0.5)
        )
        total = sum(max(weight, 0.0) for _, weight in weights)
        unknown = {term for term in terms if term not in body.vocab}
        return total + top_idf * len(unknown)

    def _recency(self, owners: IntArray, as_of: date | None) -> FloatArray:
        """A prior in [0, 1]: 1 for an article published on `as_of`, halving every half-life;
        0 for undated articles and those published after `as_of` (beyond a grace period)."""
        cfg = self.config
        if not cfg.recency_weight or not len(owners):
            return np.zeros(len(owners))
        today = (as_of or date.today()).toordinal()
        published = self.library.store.published[owners]
        age = (today - published).astype(np.float64)
        prior = np.exp2(-np.maximum(age, 0.0) / cfg.recency_half_life_days)
        prior[(published == NO_DATE) | (age < -cfg.recency_grace_days)] = 0.0
        return prior

    def _select(self, cand: IntArray, owners: IntArray, total: FloatArray, need: int) -> list[int]:
        """Positions into `cand` of the best passages, one per article, near-duplicates
        collapsed (the same text up to case and spacing, or 80% of the same terms), best
        first."""
        lib = self.library
        pool = min(len(cand), max(4 * need, 32))
        while True:
            order = top_indices(total, pool, cand)
            chosen: list[int] = []
            seen_articles: set[int] = set()
            seen_texts: set[int] = set()
            seen_terms: list[set[str]] = []
            for i in order:
                owner = int(owners[i])
                if owner in seen_articles:
                    continue
                seen_articles.add(owner)
                digest = int(lib.para_hash[cand[i]])
                if digest in seen_texts:
                    continue
                seen_texts.add(digest)
                text = lib.store.get(owner).paragraphs[int(lib.para_position[cand[i]])].text
                terms = set(lib.analyzer.terms(text))
                if any(_overlap(terms, other) >= NEAR_DUPLICATE for other in seen_terms):
                    continue
                seen_terms.append(terms)
                chosen.append(int(i))
                if len(chosen) >= need:
                    return chosen
            if pool >= len(cand):
                return chosen
            pool = min(len(cand), pool * 4)

    def _hit(self, doc: int, score: float, qset: set[str]) -> Hit:
        lib = self.library
        number = int(lib.para_article[doc])
        article = lib.store.get(number)
        position = int(lib.para_position[doc])
        text = article.paragraphs[position].text
        spans: list[tuple[int, int]] = []
        matched: set[str] = set()
        weight_at: list[tuple[int, float, str]] = []
        idf, vocab = lib.body.idf, lib.body.vocab
        for term, start, end in lib.analyzer.match_spans(text, qset):
            spans.append((start, end))
            matched.add(term)
            tid = vocab.get(term)
            weight_at.append((start, float(idf[tid]) if tid is not None else 0.0, term))
        sentence = _best_sentence(text, weight_at)
        terms = tuple(sorted(matched))
        return Hit(article, position, score, terms, tuple(spans), sentence, number)


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two term sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _best_sentence(
    text: str, weight_at: Sequence[tuple[int, float, str]]
) -> tuple[int, int] | None:
    """The sentence holding the most idf weight of distinct matched terms (earliest on ties)."""
    best: tuple[int, int] | None = None
    best_weight = -1.0
    for start, end in sentence_spans(text):
        seen: dict[str, float] = {}
        for at, weight, term in weight_at:
            if start <= at < end:
                seen[term] = weight
        total = sum(seen.values())
        if total > best_weight:
            best, best_weight = (start, end), total
    return best
