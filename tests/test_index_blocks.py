"""Block bounds: the per-block maxima behind the C kernel's pruned top k (the numpy fallback
scores everything and needs none; test_index.py checks top_k's results on both)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retrieval.index
from retrieval.index import BM25Index, BM25Params, top_indices

if retrieval.index._kernel is None:
    pytest.fail("the C kernel is not built: pip install -e . needs a C compiler", pytrace=False)

WORDS = st.sampled_from([f"w{i}" for i in range(12)])
CORPUS = st.lists(st.lists(WORDS, max_size=15), min_size=1, max_size=30).filter(any)


def tf_parts(index: BM25Index, seg: retrieval.index.Segment, tid: int) -> np.ndarray:
    """tf / (tf + norm) of each posting of term `tid` in `seg`, with the index's norms now."""
    start, end = seg.offsets[tid], seg.offsets[tid + 1]
    tf = np.asarray(seg.tfs[start:end], np.float64)
    return tf / (tf + index.norm[seg.docs[start:end]])


@settings(max_examples=80, deadline=None)
@given(
    parts=st.lists(CORPUS, min_size=2, max_size=4),
    b=st.sampled_from([0.0, 0.2, 0.75, 1.0]),
    block=st.sampled_from([1, 2, 3, 128]),
)
def test_block_bounds_hold_for_every_posting_even_after_adds_move_avgdl(
    parts: list[list[list[str]]], b: float, block: int
) -> None:
    index = BM25Index(BM25Params(k1=0.8, b=b, idf="lucene"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(retrieval.index, "_BLOCK", block)
        for part in parts:  # one segment each; the earlier ones keep bounds from before
            for seg in index.segments:
                index._block_bounds(seg)
            index.add(part)
        for seg in index.segments:
            bounds = index._block_bounds(seg)
            scale = max(1.0, index._avgdl / bounds.avgdl)
            for tid in range(seg.n_terms):
                parts_now = tf_parts(index, seg, tid)
                first = int(bounds.offsets[tid])
                for at in range(0, len(parts_now), block):
                    limit = float(bounds.maxima[first + at // block]) * scale
                    assert parts_now[at : at + block].max() <= limit


@settings(max_examples=60, deadline=None)
@given(corpus=CORPUS, block=st.sampled_from([1, 2, 3, 5, 128]))
def test_each_blocks_end_is_its_last_document(corpus: list[list[str]], block: int) -> None:
    index = BM25Index.build(corpus)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(retrieval.index, "_BLOCK", block)
        seg = index.segments[0]
        bounds = index._block_bounds(seg)
        expected = [
            int(seg.docs[min(at + block, end) - 1])
            for tid in range(seg.n_terms)
            for start, end in [(int(seg.offsets[tid]), int(seg.offsets[tid + 1]))]
            for at in range(start, end, block)
        ]
    assert bounds.ends.dtype == np.int32
    assert bounds.ends.tolist() == expected


def test_block_bounds_are_saved_with_the_index_and_recomputed_for_other_params(
    tmp_path: Path,
) -> None:
    corpus = [["a", "b", "a"], ["b", "c"], ["c", "a", "d", "d"], ["e"]] * 50
    params = BM25Params(k1=0.8, b=0.2, idf="lucene")
    index = BM25Index.build(corpus, params)
    index.save(tmp_path / "ix")
    assert (tmp_path / "ix" / "seg0.blocks.npy").exists()
    loaded = BM25Index.load(tmp_path / "ix")
    seg = loaded.segments[0]
    saved = loaded._blocks[id(seg)]  # read from the file, not computed
    assert saved.maxima.tolist() == index._block_bounds(index.segments[0]).maxima.tolist()
    assert saved.ends.tolist() == index._block_bounds(index.segments[0]).ends.tolist()
    assert loaded._block_bounds(seg) is saved
    other = BM25Index.load(tmp_path / "ix", BM25Params(k1=1.5, b=0.75, idf="lucene"))
    assert id(other.segments[0]) not in other._blocks  # saved for another k1 and b
    for query in (["a"], ["b", "d"], ["a", "c", "e"]):
        for ix in (loaded, other):
            docs, scores = ix.top_k(query, 7)
            exhaustive = ix.scores(query)
            assert docs.tolist() == top_indices(exhaustive, len(docs)).tolist()
            assert scores.tolist() == exhaustive[docs].tolist()
    expected = loaded.top_k(["a", "c"], 3)[0].tolist()
    np.save(tmp_path / "other.npy", np.zeros(3, np.float32))  # not this segment's bounds,
    (tmp_path / "other.npy").replace(tmp_path / "ix" / "seg0.blocks.npy")  # put in place whole
    damaged = BM25Index.load(tmp_path / "ix")
    assert id(damaged.segments[0]) not in damaged._blocks
    assert damaged.top_k(["a", "c"], 3)[0].tolist() == expected
    index.save(tmp_path / "older")  # saved before the blocks' ends were: they are computed
    (tmp_path / "older" / "seg0.ends.npy").unlink()
    older = BM25Index.load(tmp_path / "older")
    assert id(older.segments[0]) not in older._blocks
    assert older.top_k(["a", "c"], 3)[0].tolist() == expected


@pytest.mark.parametrize("value", [-3, 10_000, None])
def test_postings_out_of_order_or_range_are_a_damaged_index_not_a_stray_read(
    value: int | None,
) -> None:
    """A posting changed in a saved file (the sizes fit, so the load cannot tell): top k and
    the block bounds say the index is damaged and read nothing outside their arrays."""
    from retrieval.store import StoreError

    index = BM25Index()
    index.add([["a", "b"], ["a"], ["b", "c"], ["a", "c"]] * 50)
    seg = index.segments[0]
    docs = np.array(seg.docs)
    start, end = seg.offsets[index.vocab["a"] : index.vocab["a"] + 2]
    docs[end - 2] = value if value is not None else docs[start] - 1  # None: the list goes back
    index.segments[0] = retrieval.index.Segment(seg.offsets, docs, seg.tfs)
    index._blocks.clear()
    with pytest.raises(StoreError, match="damaged"):
        index._block_bounds(index.segments[0])
    clean = BM25Index()  # the bounds saved beside the segment before the damage
    clean.add([["a", "b"], ["a"], ["b", "c"], ["a", "c"]] * 50)
    saved = clean._block_bounds(clean.segments[0])
    p = index.params
    index._blocks[id(index.segments[0])] = retrieval.index.BlockBounds(
        index.segments[0], p.k1, p.b, saved.avgdl, saved.offsets, saved.maxima, saved.ends
    )
    with pytest.MonkeyPatch.context() as patch:  # top k itself meets the damage
        patch.setattr(retrieval.index._kernel, "blockmax", None)
        with pytest.raises(StoreError, match="damaged"):
            index.top_k(["a", "c"], 3)
