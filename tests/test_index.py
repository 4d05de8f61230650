"""The BM25 index: rank-bm25's scores exactly, Lucene idf, incremental add, save/load, top-k."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

import retrieval.index
from retrieval.index import BM25Index, BM25Params, top_indices

# Every test here runs twice: with the C kernel (when built) and with the numpy fallback.
pytestmark = pytest.mark.usefixtures("kernel")
KERNEL = retrieval.index._kernel


@pytest.fixture(params=["c", "numpy"])
def kernel(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "numpy":
        monkeypatch.setattr(retrieval.index, "_kernel", None)
    elif retrieval.index._kernel is None:
        pytest.fail("the C kernel is not built: pip install -e . needs a C compiler")
    return str(request.param)


WORDS = st.sampled_from([f"w{i}" for i in range(12)])
DOC = st.lists(WORDS, min_size=0, max_size=15)
CORPUS = st.lists(DOC, min_size=1, max_size=30).filter(lambda docs: any(docs))
QUERY = st.lists(st.sampled_from([f"w{i}" for i in range(15)]), min_size=1, max_size=6)


def assert_same_scores(ours: np.ndarray, reference: np.ndarray) -> None:
    """Relative difference under 1e-9 (absolute near zero).

    rank-bm25 divides 0 by 0 for an empty paragraph when b = 1 and gives NaN; that paragraph
    holds no query term, so our score for it is 0."""
    reference = np.nan_to_num(reference, nan=0.0)
    assert ours.shape == reference.shape
    assert np.allclose(ours, reference, rtol=1e-9, atol=1e-12), (ours, reference)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpus=CORPUS, query=QUERY)
def test_okapi_scores_equal_rank_bm25(corpus: list[list[str]], query: list[str]) -> None:
    reference = BM25Okapi(corpus)
    index = BM25Index.build(corpus, BM25Params(idf="okapi"))
    assert_same_scores(index.scores(query), np.asarray(reference.get_scores(query)))


# rank-bm25's 0 / 0 for an empty paragraph when b = 1 (assert_same_scores reads its NaN as 0)
@pytest.mark.filterwarnings("ignore:invalid value encountered in divide:RuntimeWarning")
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpus=CORPUS, query=QUERY, cut=st.integers(0, 30), k1=st.floats(0.1, 3), b=st.floats(0, 1))
def test_incremental_add_equals_one_build(
    corpus: list[list[str]], query: list[str], cut: int, k1: float, b: float
) -> None:
    params = BM25Params(k1=k1, b=b, idf="okapi")
    reference = BM25Okapi(corpus, k1=k1, b=b)
    index = BM25Index(params)
    index.add(corpus[:cut])
    index.add(corpus[cut:])
    assert_same_scores(index.scores(query), np.asarray(reference.get_scores(query)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpus=CORPUS, query=QUERY, cut=st.integers(0, 30))
def test_documents_given_as_foreign_ids_score_like_term_lists(
    corpus: list[list[str]], query: list[str], cut: int
) -> None:
    # ids into another vocabulary (an Analyzer's term_names): 14 names, two never used
    names = [f"w{i}" for i in reversed(range(14))]
    position = {name: i for i, name in enumerate(names)}
    index = BM25Index()
    for part in (corpus[:cut], corpus[cut:]):
        ids = np.array([position[term] for doc in part for term in doc], np.int32)
        index.add_terms(ids, np.array([len(doc) for doc in part], np.int32), names)
    reference = BM25Okapi(corpus)
    assert_same_scores(index.scores(query), np.asarray(reference.get_scores(query)))
    assert set(index.vocab) == {term for doc in corpus for term in doc}


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpus=CORPUS, query=QUERY, k=st.integers(1, 12))
def test_top_k_are_the_best_scores(corpus: list[list[str]], query: list[str], k: int) -> None:
    index = BM25Index.build(corpus, BM25Params(idf="okapi"))
    reference = np.asarray(BM25Okapi(corpus).get_scores(query))
    docs, scores = index.top_k(query, k)
    matching = sorted(
        (s for d, s in enumerate(reference) if _matches(corpus[d], query)), reverse=True
    )
    assert scores.tolist() == pytest.approx(matching[:k], rel=1e-9)
    assert_same_scores(scores, reference[docs])


def _matches(doc: list[str], query: list[str]) -> bool:
    return bool(set(doc) & set(query))


def test_lucene_idf_is_positive_and_follows_the_formula() -> None:
    corpus = [["niger", "troops"], ["niger", "junta"], ["niger", "russia"]]
    index = BM25Index.build(corpus, BM25Params(idf="lucene"))
    n, df = 3, 3
    assert index.idf[index.vocab["niger"]] == pytest.approx(
        math.log(1 + (n - df + 0.5) / (df + 0.5))
    )
    assert index.scores(["niger"]).min() > 0  # okapi would give every paragraph the eps floor


def test_two_paragraph_corpus_has_no_positive_okapi_score_but_lucene_ranks() -> None:
    corpus = [["troops", "leave"], ["troops", "stay"]]
    okapi = BM25Index.build(corpus, BM25Params(idf="okapi"))
    lucene = BM25Index.build(corpus, BM25Params(idf="lucene"))
    assert okapi.scores(["leave"]).max() <= 0  # rank-bm25's sharp edge, reproduced
    docs, _ = lucene.top_k(["leave"], 2)
    assert docs.tolist() == [0]


def test_repeated_query_terms_count_twice_like_rank_bm25() -> None:
    corpus = [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"]]
    index = BM25Index.build(corpus, BM25Params(idf="okapi"))
    assert_same_scores(index.scores(["a", "a"]), 2 * index.scores(["a"]))


def test_unknown_terms_and_empty_query_score_nothing() -> None:
    index = BM25Index.build([["a"], ["b"]])
    assert index.top_k(["zzz"], 3)[0].tolist() == []
    assert index.top_k([], 3)[0].tolist() == []


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    corpus = [["a", "b", "b"], ["b", "c"], ["c", "d", "a"], ["e"]]
    index = BM25Index(BM25Params(idf="okapi"))
    index.add(corpus[:2])
    index.add(corpus[2:])
    index.save(tmp_path / "ix")
    loaded = BM25Index.load(tmp_path / "ix")
    assert loaded.n_docs == 4
    assert_same_scores(loaded.scores(["a", "c"]), index.scores(["a", "c"]))
    loaded.add([["a", "z"]])  # a loaded (memory-mapped) index still grows
    reference = BM25Okapi([*corpus, ["a", "z"]])
    assert_same_scores(loaded.scores(["a", "z"]), np.asarray(reference.get_scores(["a", "z"])))


def test_saving_a_few_new_documents_links_the_old_postings(tmp_path: Path) -> None:
    """Tiered merging: a save keeps the large segment (hard-linked from the last save) and
    merges the small new ones; once they hold a quarter of the postings, all become one."""
    corpus = [[f"w{i % 11}", f"w{i % 5}", "x"] for i in range(220)]
    index = BM25Index(BM25Params(idf="okapi"))
    index.add(corpus[:160])
    index.save(tmp_path / "g1")
    for before, folder, end in (("g1", "g2", 180), ("g2", "g3", 220)):
        index = BM25Index.load(tmp_path / before)
        index.add(corpus[index.n_docs : end])
        index.save(tmp_path / folder)
        reference = np.asarray(BM25Okapi(corpus[:end]).get_scores(["w3", "x"]))
        assert_same_scores(BM25Index.load(tmp_path / folder).scores(["w3", "x"]), reference)
    first = (tmp_path / "g1" / "seg0.docs.npy").stat()
    assert len(list((tmp_path / "g2").glob("seg*.docs.npy"))) == 2
    assert (tmp_path / "g2" / "seg0.docs.npy").stat().st_ino == first.st_ino
    assert len(list((tmp_path / "g3").glob("seg*.docs.npy"))) == 1  # 60 new docs on 160
    assert (tmp_path / "g3" / "seg0.docs.npy").stat().st_ino != first.st_ino


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(CORPUS, min_size=1, max_size=3), data=st.data())
def test_presence_says_which_documents_hold_which_terms(
    parts: list[list[list[str]]], data: st.DataObject
) -> None:
    index = BM25Index()
    for part in parts:  # one segment each
        index.add(part)
    corpus = [doc for part in parts for doc in part]
    docs = sorted(data.draw(st.sets(st.integers(0, len(corpus) - 1))))
    terms = sorted(index.vocab)
    found = index.presence([index.vocab[t] for t in terms], np.array(docs, np.int32))
    assert found.shape == (len(terms), len(docs))
    for row, term in zip(found, terms, strict=True):
        assert row.tolist() == [term in corpus[doc] for doc in docs]


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(CORPUS, min_size=1, max_size=3), terms=QUERY)
def test_holding_all_lists_the_documents_with_every_term(
    parts: list[list[list[str]]], terms: list[str]
) -> None:
    index = BM25Index()
    for part in parts:  # one segment each: ids ascend across them
        index.add(part)
    corpus = [doc for part in parts for doc in part]
    expected = [i for i, doc in enumerate(corpus) if all(term in doc for term in terms)]
    assert index.holding_all(terms).tolist() == expected


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(CORPUS, min_size=1, max_size=3),
    query=QUERY,
    k=st.integers(1, 40),
    block=st.sampled_from([1, 2, 4, 128]),
)
def test_pruned_top_k_is_exactly_the_best_of_every_score_across_segments(
    parts: list[list[list[str]]], query: list[str], k: int, block: int
) -> None:
    """Ids, order (ties: lower id) and scores bit for bit, with tiny blocks so that block
    skipping and the first bar are exercised on small corpora, and block bounds computed
    before adds that move the average length."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(retrieval.index, "_BLOCK", block)
        index = BM25Index(BM25Params(k1=0.8, b=0.2, idf="lucene"))
        for part in parts:
            index.add(part)
            docs, scores = index.top_k(query, k)  # bounds kept from before later adds
    exhaustive = index.scores(query)
    assert docs.tolist() == top_indices(exhaustive, len(docs)).tolist()
    assert scores.tolist() == exhaustive[docs].tolist()
    assert len(docs) == min(k, int((exhaustive > 0).sum()))


def test_many_segments_are_merged_without_changing_scores() -> None:
    corpus = [[f"w{i % 7}", f"w{i % 3}", "x"] for i in range(40)]
    index = BM25Index(BM25Params(idf="okapi"))
    for doc in corpus:
        index.add([doc])
    assert len(index.segments) <= 9
    reference = np.asarray(BM25Okapi(corpus).get_scores(["w1", "w2", "x"]))
    assert_same_scores(index.scores(["w1", "w2", "x"]), reference)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scores=st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.25]), min_size=0, max_size=9000),
    k=st.integers(1, 20),
)
def test_top_indices_matches_a_full_sort_even_with_heavy_ties(scores: list[float], k: int) -> None:
    values = np.asarray(scores)
    expected = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    assert top_indices(values, k).tolist() == expected


def zipf_corpus(
    rng: np.random.Generator, words: int, exponent: float, docs: int, lengths: tuple[int, int]
) -> tuple[np.ndarray, list[list[str]]]:
    """A vocabulary t0, t1, ... and documents drawn from it with P(t_r) ~ (r + 1) ** -exponent."""
    vocab = np.array([f"t{i}" for i in range(words)])
    weights = 1.0 / np.arange(1, words + 1) ** exponent
    weights /= weights.sum()
    draw = [rng.choice(words, rng.integers(*lengths), p=weights) for _ in range(docs)]
    return vocab, [list(vocab[ids]) for ids in draw]


def test_the_kernel_scores_every_candidate_exactly_as_numpy_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 13,000 documents in three segments: the kernel takes each in windows of 4,096 ids,
    # and a window's end, a segment's end and a term's last posting must lose nothing
    if KERNEL is None:
        pytest.fail("the C kernel is not built: pip install -e . needs a C compiler")
    monkeypatch.setattr(retrieval.index, "_kernel", KERNEL)  # both passes: the kernel first
    rng = np.random.default_rng(11)
    _, corpus = zipf_corpus(rng, 4000, 1.05, 13000, (1, 30))
    index = BM25Index(BM25Params(k1=0.8, b=0.2, idf="lucene"))
    for part in (corpus[:5000], corpus[5000:5001], corpus[5001:]):
        index.add(part)
    assert len(index.segments) == 3
    queries = [["t0"], ["t3999", "t0"]]  # every document or nearly; and a rare term first
    for _ in range(60):
        doc = corpus[int(rng.integers(len(corpus)))]
        queries.append(list(rng.choice(doc, int(rng.integers(1, 20)))))
    assert_kernel_is_numpy(index, queries, monkeypatch)


def assert_kernel_is_numpy(
    index: BM25Index, queries: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel's candidates and scores for each query equal the numpy path's."""
    for query in queries:
        docs, scores = index.candidates(query)
        with monkeypatch.context() as patch:
            patch.setattr(retrieval.index, "_kernel", None)
            expected_docs, expected_scores = index.candidates(query)
        order = np.argsort(expected_docs)
        assert docs.tolist() == expected_docs[order].tolist()  # ascending, each once
        assert scores.tolist() == expected_scores[order].tolist()  # the same numbers, bit for bit


def test_the_kernel_reads_norms_by_length_and_falls_back_for_huge_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the kernel reads a norm per posting from a table by length (2 bytes per document);
    # the table at each length is the norm, bit for bit, and a paragraph too long for 16 bits
    # makes it read the norms themselves, with the same scores as numpy either way
    if KERNEL is None:
        pytest.fail("the C kernel is not built: pip install -e . needs a C compiler")
    monkeypatch.setattr(retrieval.index, "_kernel", KERNEL)
    rng = np.random.default_rng(5)
    _, corpus = zipf_corpus(rng, 500, 1.05, 3000, (1, 40))
    index = BM25Index(BM25Params(k1=1.2, b=0.75))
    index.add(corpus)
    table, lengths = index._norms_by_length()
    assert lengths is not None
    assert table[lengths].tobytes() == index.norm.tobytes()
    queries = [list(rng.choice(corpus[i], 5)) for i in range(0, 3000, 150)]
    assert all(len(index.candidates(query)[0]) for query in queries)
    assert_kernel_is_numpy(index, queries, monkeypatch)
    index.add([["t1", "t2"] * 40_000])  # one paragraph of 80,000 terms
    table, lengths = index._norms_by_length()
    assert lengths is None
    assert table is index.norm
    assert_kernel_is_numpy(index, queries, monkeypatch)


def test_scores_with_group_extras_keep_those_reaching_the_bar() -> None:
    # groups of 1 to 40 documents (articles of paragraphs), each with an extra added to its
    # documents' scores; only the documents reaching the bar come back, their scores the
    # plain scores plus the extra, the same numbers, with the kernel and with numpy
    rng = np.random.default_rng(3)
    _, corpus = zipf_corpus(rng, 2000, 1.05, 9000, (1, 30))
    index = BM25Index(BM25Params(k1=0.8, b=0.2, idf="lucene"))
    index.add(corpus[:6000])
    index.add(corpus[6000:])
    groups = np.repeat(np.arange(900), rng.integers(1, 40, 900))[:9000].astype(np.int32)
    assert len(groups) == 9000
    extra = rng.random(900) * 3
    for _ in range(30):
        doc = corpus[int(rng.integers(len(corpus)))]
        weights = index.weights(list(rng.choice(doc, int(rng.integers(1, 20)))))
        plain_docs, plain = index.score_weights(weights)
        order = np.argsort(plain_docs)
        plain_docs, plain = plain_docs[order], plain[order]
        added = plain + extra[groups[plain_docs]]
        bar = float(np.quantile(added, 0.9)) if len(added) else 0.0
        docs, scores = index.score_weights(weights, groups=groups, extra=extra, at_least=bar)
        wide = index.score_weights(
            weights, groups=groups.astype(np.int64), extra=extra, at_least=bar
        )
        assert (wide[0].tolist(), wide[1].tolist()) == (docs.tolist(), scores.tolist())
        order = np.argsort(docs)  # the kernel gives them ascending, numpy as first met
        reach = added >= bar
        assert docs[order].tolist() == plain_docs[reach].tolist()
        assert scores[order].tolist() == added[reach].tolist()


def test_scores_with_groups_that_do_not_fit_are_an_error() -> None:
    index = BM25Index.build([["a", "b"], ["a"], ["b"]])
    weights = index.weights(["a", "b"])
    with pytest.raises(ValueError, match="group"):
        index.score_weights(weights, groups=np.zeros(2, np.int32), extra=np.zeros(1))
    with pytest.raises(ValueError, match="group"):
        index.score_weights(weights, groups=np.array([0, 5, 0], np.int32), extra=np.zeros(1))


def test_pruned_top_k_equals_exhaustive_scoring_on_a_zipf_corpus() -> None:
    rng = np.random.default_rng(7)
    _, corpus = zipf_corpus(rng, 3000, 1.1, 3000, (5, 40))
    index = BM25Index.build(corpus, BM25Params(idf="okapi"))
    lucene = BM25Index.build(corpus, BM25Params(k1=0.8, b=0.2, idf="lucene"))  # always pruned
    reference = BM25Okapi(corpus)
    for _ in range(40):
        doc = corpus[int(rng.integers(len(corpus)))]
        query = list(rng.choice(doc, min(len(doc), int(rng.integers(2, 7))), replace=False))
        docs, scores = index.top_k(query, 10)
        full = np.asarray(reference.get_scores(query))
        assert len(docs) == min(10, len(index.candidates(query)[0]))
        assert scores.tolist() == pytest.approx(sorted(full, reverse=True)[: len(scores)], rel=1e-9)
        assert_same_scores(scores, full[docs])
        docs, scores = lucene.top_k(query, 10)
        exhaustive = lucene.scores(query)
        assert len(docs) == min(10, len(lucene.candidates(query)[0]))
        assert docs.tolist() == top_indices(exhaustive, len(docs)).tolist()
        assert scores.tolist() == exhaustive[docs].tolist()


def test_pruned_top_k_is_exact_across_windows_and_for_long_queries() -> None:
    # 13,000 documents: the kernel takes them in windows of 4,096 ids, so windows are skipped
    # and carried over; queries of up to 24 terms keep many terms essential for long
    rng = np.random.default_rng(11)
    vocab, corpus = zipf_corpus(rng, 5000, 1.05, 13000, (3, 30))
    index = BM25Index.build(corpus, BM25Params(k1=0.8, b=0.2, idf="lucene"))
    for _ in range(20):
        doc = corpus[int(rng.integers(len(corpus)))]
        query = list(rng.choice(vocab[:2000], int(rng.integers(1, 20)))) + doc[:5]
        exhaustive = index.scores(query)
        for k in (1, 10, 100):
            docs, scores = index.top_k(query, k)
            assert len(docs) == min(k, len(index.candidates(query)[0]))
            assert docs.tolist() == top_indices(exhaustive, len(docs)).tolist()
            assert scores.tolist() == exhaustive[docs].tolist()


def test_windows_skipped_by_their_block_bounds_resume_at_the_right_document() -> None:
    # "a" is in every document once, but four times in documents 6000-6099: the first bar
    # comes from that block, the window of ids 0-4095 holds only low blocks and is skipped
    # unread, and the scan must resume exactly where it ends to reach the next window's run
    strong = range(6000, 6100)
    corpus = [["a"] * 4 if i in strong else ["a", "b", "c"] for i in range(13000)]
    index = BM25Index.build(corpus, BM25Params(k1=0.8, b=0.2, idf="lucene"))
    for k in (1, 10, 100):
        docs, scores = index.top_k(["a"], k)
        assert docs.tolist() == list(strong)[:k]  # equal scores: lower ids first
        assert scores.tolist() == index.scores(["a"])[docs].tolist()
