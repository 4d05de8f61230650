"""A synthetic news-like corpus for the speed benchmark: Zipf-distributed words, fixed seed.

Everything is drawn from `numpy.random.Generator(PCG64(seed))`, so the same arguments always
give the same corpus, token for token, in any process.

Vocabulary. `vocab_size` (default 200,000) distinct lowercase ASCII words built from
consonant-vowel syllables ("tamaro", "kesup", ...), 3 to 12 letters. Only words that
`retrieval.analysis.Analyzer` passes through unchanged are kept: not an English stopword, not
an irregular form ("men", "ran": the Analyzer maps them to their base), and
Snowball-stemmed to themselves (a random "barited" would become "barit" and might merge with
another word; such candidates are dropped). So for the generated text,
`Analyzer().terms(text) == text.split()` holds exactly, and the raw-text build and the
pre-tokenized build index the same terms (`check_analyzer` verifies this on a sample). Word
ids are frequency ranks: id 0 is the most frequent word. Shorter words get the lower ranks
(frequent words are short in real text): the text is ~4.5 bytes a token, separator included.

Tokens. Paragraph lengths are uniform in [min_len, max_len] (default 40..80 tokens); each
token is drawn independently with P(rank r) proportional to r ** -exponent (default 1.1), by
inverse-CDF sampling. With these defaults the commonest word is ~13% of all tokens and is in
almost every paragraph, the tenth commonest is in ~46% of them and 50 words are in more than
10% (figures for 1M paragraphs): the head of the distribution behaves like the stopwords that
the real Analyzer would remove, so queries that contain such terms are a worst case for a
term-at-a-time index.

Raw text. A paragraph's text is its words joined by single spaces, produced in vectorized
chunks from one byte blob of the vocabulary (a million paragraphs take a few seconds).

Queries. `sample_queries` picks a random paragraph, takes its distinct words and draws 2..6 of
them uniformly (distinct-word sampling, not token sampling): most queries therefore mix a few
common words with one or more rare ones, as real questions do after stopword removal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import Stemmer

from retrieval.analysis import ENGLISH_ALIASES, ENGLISH_FORMS, ENGLISH_STOPWORDS, Analyzer

SEED = 20_240_611
VOCAB_SIZE = 200_000
EXPONENT = 1.1
MIN_LEN = 40
MAX_LEN = 80

_CONSONANTS = np.frombuffer(b"bcdfghjklmnprstvz", np.uint8)
_VOWELS = np.frombuffer(b"aeiou", np.uint8)
_MAX_WORD = 12
_CHUNK_TOKENS = 4_000_000  # tokens per vectorized step: bounds the temporaries (~100 MB)

IntArray = npt.NDArray[np.int32]


_CHANGED = {**ENGLISH_FORMS, **ENGLISH_ALIASES}  # words read as others: "men", "gop"


def make_vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    """`size` distinct word-like strings, ordered by intended frequency rank (short first).

    Letters alternate consonant/vowel from a random start; lengths are 3.._MAX_WORD. Candidates
    the Analyzer would change (stopwords, irregular forms such as "men" or "ran", words
    Snowball stems differently, British spellings, aliases such as "gop") are discarded.
    """
    stemmer = Stemmer.Stemmer("english")
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        batch = 2 * (size - len(words)) + 1000
        lengths = rng.integers(3, _MAX_WORD + 1, size=batch)
        cons = _CONSONANTS[rng.integers(0, len(_CONSONANTS), size=(batch, _MAX_WORD))]
        vows = _VOWELS[rng.integers(0, len(_VOWELS), size=(batch, _MAX_WORD))]
        parity = (np.arange(_MAX_WORD)[None, :] + rng.integers(0, 2, size=(batch, 1))) % 2
        letters = np.where(parity == 0, cons, vows).astype(np.uint8)
        blob = letters.tobytes().decode("ascii")
        for i, length in enumerate(lengths.tolist()):
            word = blob[i * _MAX_WORD : i * _MAX_WORD + length]
            if word in seen or word in ENGLISH_STOPWORDS or word in _CHANGED:
                continue
            seen.add(word)  # also rejected ones: a stem is checked once
            if stemmer.stemWord(word) == word:
                words.append(word)
                if len(words) == size:
                    break
    order = np.lexsort((rng.random(len(words)), np.array([len(w) for w in words])))
    return [words[i] for i in order.tolist()]


class ZipfSampler:
    """Inverse-CDF sampling of ranks 0..size-1 with P(r) ~ (r + 1) ** -exponent.

    The answer for a uniform u is the smallest r with cdf[r] > u (exactly what
    `np.searchsorted(cdf, u, side="right")` gives), found through a guide table of 2**20
    buckets plus a few vectorized steps forward: several times faster than a binary search.
    """

    _BUCKETS = 1 << 20

    def __init__(self, size: int, exponent: float) -> None:
        weights = np.arange(1, size + 1, dtype=np.float64) ** -exponent
        cdf = np.cumsum(weights)
        cdf /= cdf[-1]
        cdf[-1] = np.inf  # every u < 1 lands at or before the last rank
        self.cdf = cdf
        edges = np.arange(self._BUCKETS, dtype=np.float64) / self._BUCKETS
        self.guide = np.searchsorted(cdf, edges, side="right").astype(np.int32)

    def ranks(self, u: npt.NDArray[np.float64]) -> IntArray:
        """The rank for each uniform value in [0, 1)."""
        out = self.guide[(u * self._BUCKETS).astype(np.int64)]
        todo = np.flatnonzero(self.cdf[out] <= u)
        while len(todo):
            out[todo] += 1
            todo = todo[self.cdf[out[todo]] <= u[todo]]
        return out


@dataclass(frozen=True)
class SyntheticCorpus:
    """Paragraphs as concatenated word ids (`term_ids`) with per-paragraph `lengths`."""

    words: list[str]
    term_ids: IntArray
    lengths: IntArray
    seed: int

    @property
    def n_paragraphs(self) -> int:
        """How many paragraphs."""
        return len(self.lengths)

    @property
    def n_tokens(self) -> int:
        """How many tokens in all."""
        return len(self.term_ids)

    @cached_property
    def starts(self) -> npt.NDArray[np.int64]:
        """Offset of each paragraph's first token in `term_ids` (plus the end, n+1 values)."""
        out = np.zeros(self.n_paragraphs + 1, np.int64)
        np.cumsum(self.lengths, out=out[1:])
        return out

    def vocab(self) -> dict[str, int]:
        """Word -> id."""
        return {w: i for i, w in enumerate(self.words)}

    def paragraph_ids(self, i: int) -> IntArray:
        """Word ids of paragraph i."""
        return self.term_ids[self.starts[i] : self.starts[i + 1]]

    def paragraph_tokens(self, i: int) -> list[str]:
        """Words of paragraph i."""
        words = self.words
        return [words[t] for t in self.paragraph_ids(i).tolist()]

    def id_lists(self, n: int | None = None) -> list[list[int]]:
        """Word ids of the first n (default all) paragraphs, one Python list each."""
        out: list[list[int]] = []
        for lo, hi, bounds in self._chunks(n):
            flat: list[int] = self.term_ids[lo:hi].tolist()
            out.extend(flat[a:b] for a, b in pairwise(bounds))
        return out

    def token_lists(self, n: int | None = None) -> list[list[str]]:
        """Words of the first n (default all) paragraphs, one Python list each."""
        table = np.array(self.words, dtype=object)
        out: list[list[str]] = []
        for lo, hi, bounds in self._chunks(n):
            flat: list[str] = table[self.term_ids[lo:hi]].tolist()
            out.extend(flat[a:b] for a, b in pairwise(bounds))
        return out

    def _chunks(self, n: int | None) -> Iterator[tuple[int, int, list[int]]]:
        """Runs of whole paragraphs of about _CHUNK_TOKENS tokens: (first token, end token,
        paragraph bounds relative to the first token) for the first n paragraphs."""
        n = self.n_paragraphs if n is None else min(n, self.n_paragraphs)
        starts = self.starts
        first = 0
        while first < n:
            last = int(np.searchsorted(starts, starts[first] + _CHUNK_TOKENS, side="right")) - 1
            last = min(max(last, first + 1), n)
            lo, hi = int(starts[first]), int(starts[last])
            yield lo, hi, (starts[first : last + 1] - lo).tolist()
            first = last

    def texts(self, n: int | None = None) -> list[str]:
        """Raw text of the first n (default all) paragraphs: words joined by single spaces."""
        blob = np.frombuffer(" ".join(self.words).encode("ascii") + b" ", np.uint8)
        word_len = np.array([len(w) for w in self.words], np.int64)
        word_start = np.zeros(len(self.words), np.int64)
        np.cumsum(word_len[:-1] + 1, out=word_start[1:])
        out: list[str] = []
        for lo, hi, bounds in self._chunks(n):
            ids = self.term_ids[lo:hi]
            sizes = word_len[ids] + 1  # each word and the separator after it
            out_end = np.cumsum(sizes)
            src = np.repeat(word_start[ids] - (out_end - sizes), sizes)
            src += np.arange(len(src), dtype=np.int64)
            chars = blob[src]
            chars[out_end[np.array(bounds[1:]) - 1] - 1] = ord("\n")  # last separator of each
            out.extend(chars.tobytes().decode("ascii").split("\n")[:-1])
        return out


def generate(
    n_paragraphs: int,
    *,
    vocab_size: int = VOCAB_SIZE,
    exponent: float = EXPONENT,
    min_len: int = MIN_LEN,
    max_len: int = MAX_LEN,
    seed: int = SEED,
) -> SyntheticCorpus:
    """The corpus for these arguments (deterministic)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    words = make_vocabulary(vocab_size, rng)
    lengths = rng.integers(min_len, max_len + 1, size=n_paragraphs).astype(np.int32)
    total = int(lengths.sum())
    term_ids = np.empty(total, np.int32)
    sampler = ZipfSampler(vocab_size, exponent)
    for lo in range(0, total, _CHUNK_TOKENS):
        hi = min(lo + _CHUNK_TOKENS, total)
        term_ids[lo:hi] = sampler.ranks(rng.random(hi - lo))
    return SyntheticCorpus(words, term_ids, lengths, seed)


def sample_queries(
    corpus: SyntheticCorpus,
    n: int,
    *,
    seed: int = SEED + 1,
    min_terms: int = 2,
    max_terms: int = 6,
) -> list[list[str]]:
    """n queries of min_terms..max_terms distinct words, each drawn from one random paragraph."""
    rng = np.random.Generator(np.random.PCG64(seed))
    queries: list[list[str]] = []
    for doc in rng.integers(0, corpus.n_paragraphs, size=n).tolist():
        distinct = np.unique(corpus.paragraph_ids(doc))
        size = min(int(rng.integers(min_terms, max_terms + 1)), len(distinct))
        picked = rng.choice(distinct, size=size, replace=False)
        queries.append([corpus.words[t] for t in picked.tolist()])
    return queries


def check_analyzer(corpus: SyntheticCorpus, texts: list[str], sample: int = 2000) -> None:
    """Raise AssertionError unless the Analyzer returns exactly the generated words."""
    analyzer = Analyzer()
    step = max(len(texts) // sample, 1)
    for i in range(0, len(texts), step):
        if analyzer.terms(texts[i]) != corpus.paragraph_tokens(i):
            raise AssertionError(f"synthetic paragraph {i}: Analyzer changed its words")


if __name__ == "__main__":  # python -m benchmarks.synthetic [paragraphs]
    import sys
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t0 = time.perf_counter()
    corpus = generate(count)
    t1 = time.perf_counter()
    texts = corpus.texts()
    t2 = time.perf_counter()
    check_analyzer(corpus, texts)
    print(
        f"{count:,} paragraphs, {corpus.n_tokens:,} tokens: ids {t1 - t0:.2f}s, text {t2 - t1:.2f}s"
    )
    print("sample:", texts[0][:120])
    print("queries:", sample_queries(corpus, 5))
