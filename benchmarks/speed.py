"""Speed benchmark: build, save/load, serving memory and query latency of retrieval.index.

Run from the repository root:

    python benchmarks/speed.py [--data ../shared/data] [--paragraphs 1000000] [--queries 300]
                               [--skip-rank-bm25] [--quick]

Part A indexes a synthetic corpus (benchmarks/synthetic.py: Zipf-distributed words, fixed
seed) and part B the realtimeqa_news corpus with its real questions. Our BM25Index is measured
side by side with bm25s (numpy backend: no numba, no scipy here) and rank-bm25 (BM25Okapi).
Everything runs single-threaded: the BLAS/OpenMP thread counts are pinned to 1 before numpy is
imported, here and in the worker processes, which inherit the environment.

How things are measured
- Latency: time.perf_counter_ns around each single call, after 20 warm-up calls; p50/p99 in
  ms. For ours: `BM25Index.top_k(terms, 10)` on pre-analyzed terms, and (part B)
  `Searcher.search(question, k=10, as_of=question_date)` on the raw question. For bm25s:
  `BM25.retrieve([terms], k=10)`, one query per call as a bot would call it. Part A times
  ours twice on the same saved index: with the Library's ranking parameters
  (`SearchConfig().params()`, the figure held against the target; bm25s gets the same k1 and
  b) and with rank-bm25's (idf="okapi", k1=1.5, b=0.75; BM25Params() defaults), switched the
  way Library.load does (params, then _refresh). Synthetic warm-up queries are distinct from
  the timed ones; realtimeqa warms up on its first 20 questions and then times them all.
- Serving memory and load time: a fresh worker process (this script with --worker) that
  loads the saved index and runs the queries; RSS (VmRSS of /proc/self/status; RssAnon is
  private memory, RssFile the memory-mapped postings paged in) after the imports, after the
  load and after all queries. bm25s is loaded with mmap=True, like ours.
- "Build from raw text" is the Library's path: `Analyzer.scan` over the generated texts (the
  C scanner finds tokens and looks each surface form up in its table) and then
  `BM25Index.add_terms`; the result is checked equal to the build from the generator's own
  token lists, which is timed too ("build from token lists").
- Builds run in this process (ours) or in a worker process (bm25s, rank-bm25) that reads the
  same tokens from a temporary directory; the worker's peak RSS (VmHWM) is the build's peak.
- Exactness: our top-10 scores (idf="okapi", rank-bm25's defaults) against rank-bm25's
  get_scores top 10 (relative tolerance 1e-9); bm25s's "lucene" scores lack the (k1 + 1)
  factor, so they are compared against ours with idf="lucene" times 1 / (k1 + 1) at float32
  precision (1e-5). "ids identical" counts queries whose ten ids match in order too (float32
  rounding reorders near-ties in bm25s).
- "postings of the query terms" is what exhaustive scoring reads; the pruned top_k reads less.
- Other processes on the machine inflate every figure: the load average is printed at the
  start and the end of the run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import asdict, dataclass, field  # noqa: E402
from datetime import date  # noqa: E402
from functools import partial  # noqa: E402
from itertools import pairwise  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from benchmarks.machine import code_version, cpu_name, load_average, memory_gb  # noqa: E402
from benchmarks.synthetic import (  # noqa: E402
    SEED,
    SyntheticCorpus,
    check_analyzer,
    generate,
    sample_queries,
)
from retrieval.analysis import Analyzer  # noqa: E402
from retrieval.index import BM25Index, BM25Params  # noqa: E402

WARMUP = 20
K = 10
CHECK_QUERIES = 20  # synthetic queries checked against rank-bm25 and bm25s (--quick: 5)
CHECK_QUESTIONS = 10  # realtimeqa questions checked against rank-bm25 and bm25s (--quick: 3)
POSTING_BUCKETS = (10_000, 100_000, 1_000_000)
RANK_BM25_MAX_PARAGRAPHS = 1_000_000  # beyond this rank-bm25 runs on a prefix of the corpus

TARGETS = {
    "a_p50": 0.5,
    "a_p99": 2.0,
    "a_rss": 400.0,
    "a_load": 0.2,
    "a_build_raw": 30.0,
    "b_p50": 0.5,
    "b_p99": 1.0,
}

Json = dict[str, Any]
Query = list[str]


# ----------------------------------------------------------------------------- measuring


def memory_mb() -> dict[str, float]:
    """VmRSS, VmHWM (peak), RssAnon and RssFile of this process, in MB."""
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[key] = int(rest.split()[0]) / 1024
    return out


def time_calls(
    fn: Callable[[Any], object], items: Sequence[Any], warmup: Sequence[Any]
) -> list[int]:
    """Nanoseconds of fn(item) for each item, after calling fn on each warm-up item."""
    for item in warmup:
        fn(item)
    gc.collect()
    out: list[int] = []
    clock = time.perf_counter_ns
    for item in items:
        start = clock()
        fn(item)
        out.append(clock() - start)
    return out


def percentiles(ns: Sequence[int]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    if not ns:
        return float("nan"), float("nan")
    p50, p99 = np.percentile(np.asarray(ns, np.float64), [50, 99])
    return float(p50) / 1e6, float(p99) / 1e6


def timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """fn(*args)'s result and the seconds it took."""
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def top_of(scores: npt.NDArray[np.floating[Any]], k: int) -> tuple[list[int], list[float]]:
    """Ids and scores of the k best positive scores, best first, ties by lower id."""
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    order = order[scores[order] > 0]
    return order.tolist(), scores[order].astype(np.float64).tolist()


# ----------------------------------------------------------------------------- workers
# A worker is this script run as `speed.py --worker NAME SPEC.json`; it writes its result as
# JSON to spec["out"]. Corpora reach workers as files: a synthetic corpus directory
# (words.txt, term_ids.npy, lengths.npy) or a saved BM25Index whose postings are turned back
# into bags of words (token order does not matter to BM25).


def save_synthetic(corpus: SyntheticCorpus, folder: Path) -> None:
    """Write the corpus for the workers."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "words.txt").write_text("\n".join(corpus.words), encoding="ascii")
    np.save(folder / "term_ids.npy", corpus.term_ids)
    np.save(folder / "lengths.npy", corpus.lengths)


def load_token_lists(source: Json) -> list[list[str]]:
    """The documents a worker's spec names, as lists of terms."""
    folder = Path(source["dir"])
    limit: int | None = source.get("limit")
    if source["kind"] == "synthetic":
        words = (folder / "words.txt").read_text(encoding="ascii").split("\n")
        corpus = SyntheticCorpus(
            words, np.load(folder / "term_ids.npy"), np.load(folder / "lengths.npy"), SEED
        )
        return corpus.token_lists(limit)
    index = BM25Index.load(folder)
    term_parts, doc_parts, tf_parts = [], [], []
    for seg in index.segments:
        counts = np.diff(np.asarray(seg.offsets))
        term_parts.append(np.repeat(np.arange(len(counts), dtype=np.int32), counts))
        doc_parts.append(np.asarray(seg.docs))
        tf_parts.append(np.asarray(seg.tfs).astype(np.int64))
    docs = np.concatenate(doc_parts)
    order = np.argsort(docs, kind="stable")
    flat_ids = np.repeat(np.concatenate(term_parts)[order], np.concatenate(tf_parts)[order])
    table = np.array(index.terms, dtype=object)
    bounds = np.zeros(index.n_docs + 1, np.int64)
    np.cumsum(index.doc_len, out=bounds[1:])
    n = index.n_docs if limit is None else min(limit, index.n_docs)
    flat: list[str] = table[flat_ids[: bounds[n]]].tolist()
    b = bounds.tolist()
    return [flat[b[i] : b[i + 1]] for i in range(n)]


def worker_serve_ours(spec: Json) -> Json:
    """Load a saved BM25Index in this fresh process and time top_k on the queries, once per
    parameter set in spec["params"] (switched as Library.load does: params, then _refresh)."""
    base = memory_mb()
    index, load_s = timed(BM25Index.load, Path(spec["index"]))
    after_load = memory_mb()
    runs = []
    for params in spec["params"]:
        index.params = BM25Params(**params)
        index._refresh()
        runs.append(time_calls(lambda q: index.top_k(q, K), spec["queries"], spec["warmup"]))
    return {"load_s": load_s, "runs": runs, "mem": [base, after_load, memory_mb()]}


def worker_serve_library(spec: Json) -> Json:
    """Open a saved Library in this fresh process; time raw body top_k and Searcher.search."""
    from retrieval.library import SearchConfig, open_library
    from retrieval.search import Searcher

    base = memory_mb()
    report, load_s = timed(
        lambda: open_library([Path(spec["source"])], Path(spec["data_dir"]), SearchConfig())
    )
    after_load = memory_mb()
    lib = report.library
    questions: list[str] = spec["questions"]
    dates = [date.fromisoformat(d) if d else None for d in spec["dates"]]
    analyze_ns = time_calls(lib.analyzer.terms, questions, questions[:WARMUP])
    limit = lib.config.max_query_terms
    terms = [lib.analyzer.terms(q)[:limit] for q in questions]
    raw_ns = time_calls(lambda t: lib.body.top_k(t, K), terms, terms[:WARMUP])
    after_raw = memory_mb()
    searcher = Searcher(lib)
    pairs = list(zip(questions, dates, strict=True))
    search_ns = time_calls(lambda p: searcher.search(p[0], k=K, as_of=p[1]), pairs, pairs[:WARMUP])
    postings = [sum(int(lib.body.df[t]) for t, _ in lib.body.weights(q)) for q in terms]
    return {
        "action": report.action,
        "load_s": load_s,
        "analyze_ns": analyze_ns,
        "raw_ns": raw_ns,
        "search_ns": search_ns,
        "mem": [base, after_load, after_raw, memory_mb()],
        "postings": postings,
    }


def worker_bm25s_build(spec: Json) -> Json:
    """Build a bm25s index from the spec's documents, save it, report time and peak RSS."""
    import bm25s

    docs = load_token_lists(spec["source"])
    gc.collect()
    before = memory_mb()
    model = bm25s.BM25(k1=spec["k1"], b=spec["b"], method="lucene")
    _, build_s = timed(partial(model.index, docs, show_progress=False))
    peak = memory_mb()
    del docs
    _, save_s = timed(partial(model.save, spec["save"], show_progress=False))
    return {"build_s": build_s, "save_s": save_s, "mem": [before, peak]}


def worker_bm25s_serve(spec: Json) -> Json:
    """Load a saved bm25s index (mmap) in this fresh process and time retrieve on queries."""
    import bm25s

    base = memory_mb()
    model, load_s = timed(
        lambda: bm25s.BM25.load(spec["index"], mmap=True, show_progress=False, verbosity=0)
    )
    after_load = memory_mb()
    vocab = model.vocab_dict
    n_docs = model.scores["num_docs"]
    queries = [[t for t in q if t in vocab] for q in spec["queries"]]

    def run(q: Query) -> tuple[Any, Any]:
        if not q:
            return [], []
        docs, scores = model.retrieve([q], k=min(K, n_docs), show_progress=False)
        return docs, scores

    ns = time_calls(run, queries, [[t for t in q if t in vocab] for q in spec["warmup"]])
    after = memory_mb()
    checks: list[tuple[list[int], list[float]]] = []
    for q in queries[: spec["n_check"]]:
        docs, scores = run(q)
        if len(docs):
            checks.append((np.asarray(docs[0]).tolist(), np.asarray(scores[0]).tolist()))
        else:
            checks.append(([], []))
    return {"load_s": load_s, "ns": ns, "mem": [base, after_load, after], "checks": checks}


def worker_rank_bm25(spec: Json) -> Json:
    """Build BM25Okapi on the spec's documents; time a few queries; top 10 of the checks."""
    from rank_bm25 import BM25Okapi

    docs = load_token_lists(spec["source"])
    gc.collect()
    before = memory_mb()
    model, build_s = timed(BM25Okapi, docs)
    del docs
    gc.collect()
    built = memory_mb()
    ns = time_calls(model.get_scores, spec["queries"], [])
    checks = [top_of(model.get_scores(q), K) for q in spec["checks"]]
    return {"build_s": build_s, "ns": ns, "mem": [before, built], "checks": checks}


WORKERS: dict[str, Callable[[Json], Json]] = {
    "serve-ours": worker_serve_ours,
    "serve-library": worker_serve_library,
    "bm25s-build": worker_bm25s_build,
    "bm25s-serve": worker_bm25s_serve,
    "rank-bm25": worker_rank_bm25,
}


def run_worker(name: str, spec: Json, scratch: Path) -> Json | None:
    """Run a worker process; its result, or None (with its error printed) if it failed."""
    spec_path = scratch / f"{name}.spec.json"
    out_path = scratch / f"{name}.out.json"
    out_path.unlink(missing_ok=True)
    spec_path.write_text(json.dumps({**spec, "out": str(out_path)}), encoding="utf-8")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, str(spec_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not out_path.exists():
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        print(f"  !! worker {name} failed (exit {proc.returncode}):\n{tail}", flush=True)
        return None
    result: Json = json.loads(out_path.read_text(encoding="utf-8"))
    return result


# ----------------------------------------------------------------------------- report


@dataclass
class Table:
    """Rows of figures for ours / bm25s / rank-bm25 with a target column."""

    title: str
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)

    def add(
        self,
        label: str,
        ours: float | str | None,
        bm25s: float | str | None = None,
        rank: float | str | None = None,
        target: float | None = None,
        fmt: str = "{:.3f}",
    ) -> None:
        """A row; `target` is an upper bound for ours (marked ok / MISS)."""

        def cell(v: float | str | None) -> str:
            if v is None:
                return "-"
            if isinstance(v, str):
                return v
            return fmt.format(v) if v == v else "n/a"

        verdict = ""
        if target is not None and isinstance(ours, float | int) and ours == ours:
            verdict = "ok" if ours <= target else "MISS"
        goal = "" if target is None else "<= " + fmt.format(target)
        self.rows.append((label, cell(ours), cell(bm25s), cell(rank), goal, verdict))

    def print(self) -> None:
        """Print it aligned."""
        head = ("", "ours", "bm25s", "rank-bm25", "target", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(6)]
        print(f"\n{self.title}")
        line = "  " + "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(head, widths, strict=True))
        )
        print(line)
        print("  " + "-" * (len(line) - 2))
        for row in self.rows:
            print(
                "  "
                + "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )


def machine_info() -> list[str]:
    """Platform, CPU, memory and library versions."""
    cpu, mem_gb = cpu_name(), memory_gb()
    versions = [f"python {platform.python_version()}", f"numpy {np.__version__}"]
    for module in ("bm25s", "rank_bm25", "Stemmer"):
        try:
            from importlib.metadata import version

            dist = {"rank_bm25": "rank-bm25", "Stemmer": "PyStemmer"}.get(module, module)
            versions.append(f"{dist} {version(dist)}")
        except Exception:
            versions.append(f"{module} ?")
    import retrieval.index

    kernel = getattr(retrieval.index, "_kernel", None)
    scoring = "C kernel (retrieval._kernel)" if kernel is not None else "numpy"
    return [
        f"code: {code_version('retrieval')}",
        f"platform: {platform.platform()}",
        f"BM25Index scoring path: {scoring}",
        f"cpu: {cpu} ({os.cpu_count()} logical CPUs; all figures single-threaded)",
        f"memory: {mem_gb:.1f} GB",
        "versions: " + ", ".join(versions),
    ]


def by_postings(ns: Sequence[int], postings: Sequence[int]) -> str:
    """Median latency per bucket of postings scanned, e.g. '10k-100k: 1.20 ms (n=40)'."""
    lat = np.asarray(ns, np.float64) / 1e6
    post = np.asarray(postings, np.int64)
    edges = [0, *POSTING_BUCKETS, None]
    cells = []
    for lo, hi in pairwise(edges):
        assert lo is not None
        inside = post > lo if hi is None else (post > lo) & (post <= hi)
        if lo == 0:
            inside |= post == 0
        if not inside.any():
            continue
        name = f">{lo // 1000:,}k" if hi is None else f"{lo // 1000:,}k-{hi // 1000:,}k"
        cells.append(f"{name}: {np.median(lat[inside]):.2f} ms (n={int(inside.sum())})")
    return ", ".join(cells)


def agreement(
    ours: Sequence[tuple[list[int], list[float]]],
    ref: Sequence[tuple[list[int], list[float]]],
    rtol: float,
    scale: float = 1.0,
) -> tuple[bool, int, int, float]:
    """(all score lists match, queries checked, queries with identical ids, worst rel. error)."""
    ok = True
    same_ids = 0
    worst = 0.0
    for (o_ids, o_scores), (r_ids, r_scores) in zip(ours, ref, strict=True):
        a = np.asarray(o_scores, np.float64) * scale
        b = np.asarray(r_scores, np.float64)
        if len(a) != len(b):
            ok = False
            continue
        if len(a):
            err = float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))
            worst = max(worst, err)
            ok = ok and err <= rtol
        same_ids += o_ids == list(r_ids)
    return ok, len(ref), same_ids, worst


def ours_top(index: BM25Index, queries: Sequence[Query]) -> list[tuple[list[int], list[float]]]:
    """Our top-k ids and scores for each query."""
    out = []
    for q in queries:
        ids, scores = index.top_k(q, K)
        out.append((ids.tolist(), scores.tolist()))
    return out


def mem_cells(mem: Sequence[dict[str, float]] | None, i: int, key: str = "VmRSS") -> float | None:
    """One memory figure of a worker result, if present."""
    return None if mem is None or i >= len(mem) else mem[i][key]


# ----------------------------------------------------------------------------- part A


def part_a(args: argparse.Namespace, scratch: Path) -> None:
    """Synthetic corpus: builds, save/load, serving memory, latency, exactness."""
    from retrieval.library import SearchConfig

    served = SearchConfig().params()  # the ranking the Library serves with
    n = args.paragraphs
    print(f"\n== A. synthetic corpus: {n:,} paragraphs ==", flush=True)
    corpus, gen_s = timed(generate, n)
    texts, text_s = timed(corpus.texts)
    check_analyzer(corpus, texts)
    print(
        f"generated {corpus.n_tokens:,} tokens over {len(corpus.words):,} words "
        f"(Zipf 1.1, 40-80 tokens a paragraph, seed {corpus.seed}) in {gen_s:.1f}s, "
        f"raw text ({sum(map(len, texts)) / 2**20:,.0f} MB) in {text_s:.1f}s; "
        "the Analyzer keeps every generated word as is (checked on a sample)",
        flush=True,
    )
    corpus_dir = scratch / "synthetic"
    save_synthetic(corpus, corpus_dir)

    gc.collect()
    analyzer = Analyzer()  # the Library's path: Analyzer.scan, then BM25Index.add_terms
    scanned, analyze_s = timed(analyzer.scan, texts)
    del texts
    gc.collect()
    raw = BM25Index()
    _, index_s = timed(raw.add_terms, scanned.ids, scanned.lengths, scanned.names)
    print(f"built from raw text: {analyze_s + index_s:.1f}s", flush=True)
    del scanned
    gc.collect()
    tokens = corpus.token_lists()  # the same words: check_analyzer holds
    index, tokens_s = timed(BM25Index.build, tokens)
    del tokens
    gc.collect()
    assert raw.doc_len.tolist() == index.doc_len.tolist(), "raw-text build disagrees"
    assert {t: int(raw.df[i]) for t, i in raw.vocab.items()} == {
        t: int(index.df[i]) for t, i in index.vocab.items()
    }, "raw-text build disagrees"
    del raw
    gc.collect()

    def build_from_ids(corpus: SyntheticCorpus) -> BM25Index:
        built = BM25Index()
        built.terms = list(corpus.words)
        built.vocab = corpus.vocab()
        built.add_ids(corpus.term_ids, corpus.lengths)
        return built

    by_ids, ids_s = timed(build_from_ids, corpus)
    assert int(by_ids.df.sum()) == int(index.df.sum()), "builds disagree"
    del by_ids
    gc.collect()

    index_dir = scratch / "ours"
    _, save_s = timed(index.save, index_dir)
    del index
    gc.collect()
    index, load_main_s = timed(BM25Index.load, index_dir)
    size_mb = sum(p.stat().st_size for p in index_dir.iterdir()) / 2**20

    queries = sample_queries(corpus, args.queries)
    warmup = sample_queries(corpus, WARMUP, seed=SEED + 2)
    postings = [sum(int(index.df[t]) for t, _ in index.weights(q)) for q in queries]
    checks = queries[: args.check_queries]
    ours_okapi = ours_top(index, checks)
    index.params = served
    index._refresh()
    ours_served = ours_top(index, checks)
    del index
    gc.collect()
    print("serving from a fresh process ...", flush=True)
    param_sets = [asdict(served), asdict(BM25Params())]
    serve = run_worker(
        "serve-ours",
        {"index": str(index_dir), "queries": queries, "warmup": warmup, "params": param_sets},
        scratch,
    )

    print("bm25s: build and serve ...", flush=True)
    source = {"kind": "synthetic", "dir": str(corpus_dir)}
    bm25s_dir = scratch / "bm25s-synthetic"
    bm_build = run_worker(
        "bm25s-build",
        {"source": source, "k1": served.k1, "b": served.b, "save": str(bm25s_dir)},
        scratch,
    )
    bm_serve = None
    if bm_build:
        bm_serve = run_worker(
            "bm25s-serve",
            {"index": str(bm25s_dir), "queries": queries, "warmup": warmup, "n_check": len(checks)},
            scratch,
        )
        shutil.rmtree(bm25s_dir, ignore_errors=True)

    rank = None
    rank_n = min(n, RANK_BM25_MAX_PARAGRAPHS)
    ours_rank_checks = ours_okapi
    if not args.skip_rank_bm25:
        print(f"rank-bm25: build on {rank_n:,} paragraphs and score ...", flush=True)
        if rank_n < n:  # our reference scores must come from the same documents
            subset = BM25Index.build(corpus.token_lists(rank_n))
            ours_rank_checks = ours_top(subset, checks)
            del subset
        rank = run_worker(
            "rank-bm25",
            {
                "source": {**source, "limit": rank_n},
                "queries": queries[: args.rank_queries],
                "checks": checks,
            },
            scratch,
        )
    del corpus
    gc.collect()

    table = Table(
        f"A. synthetic, {n:,} paragraphs, {args.queries} queries of 2-6 terms, top {K}; "
        f"bm25s with method=lucene, k1={served.k1}, b={served.b}"
    )
    table.add(
        "build from raw text, s (Analyzer + index)",
        analyze_s + index_s,
        target=TARGETS["a_build_raw"],
        fmt="{:.1f}",
    )
    table.add("  of which Analyzer.scan, s", analyze_s, fmt="{:.1f}")
    table.add("  of which BM25Index.add_terms, s", index_s, fmt="{:.1f}")
    rank_build: float | str | None = None
    if rank is not None:
        rank_build = rank["build_s"] if rank_n == n else f"{rank['build_s']:.1f} ({rank_n:,} p.)"
    table.add(
        "build from token lists, s",
        tokens_s,
        bm_build and bm_build["build_s"],
        rank_build,
        fmt="{:.1f}",
    )
    table.add("build from term-id arrays (add_ids), s", ids_s, fmt="{:.1f}")
    table.add(
        "build peak RSS, MB (worker)",
        None,
        mem_cells(bm_build and bm_build["mem"], 1, "VmHWM"),
        mem_cells(rank and rank["mem"], 1, "VmHWM"),
        fmt="{:,.0f}",
    )
    table.add("save, s", save_s, bm_build and bm_build["save_s"], fmt="{:.2f}")
    table.add("index size on disk, MB", size_mb, fmt="{:,.0f}")
    table.add("load, s (in this process, warm cache)", load_main_s, fmt="{:.3f}")
    table.add(
        "load, s (fresh process)",
        serve and serve["load_s"],
        bm_serve and bm_serve["load_s"],
        target=TARGETS["a_load"],
    )
    s_mem = serve and serve["mem"]
    b_mem = bm_serve and bm_serve["mem"]
    table.add("RSS after imports, MB", mem_cells(s_mem, 0), mem_cells(b_mem, 0), fmt="{:,.0f}")
    table.add("RSS after load, MB", mem_cells(s_mem, 1), mem_cells(b_mem, 1), fmt="{:,.0f}")
    table.add(
        "RSS after queries, MB",
        mem_cells(s_mem, 2),
        mem_cells(b_mem, 2),
        target=TARGETS["a_rss"],
        fmt="{:,.0f}",
    )
    table.add(
        "  of which mapped postings (RssFile), MB",
        mem_cells(s_mem, 2, "RssFile"),
        mem_cells(b_mem, 2, "RssFile"),
        fmt="{:,.0f}",
    )
    nan2 = (float("nan"), float("nan"))
    served_p = percentiles(serve["runs"][0]) if serve else nan2
    okapi_p = percentiles(serve["runs"][1]) if serve else nan2
    bm_p = percentiles(bm_serve["ns"]) if bm_serve else nan2
    rank_p = percentiles(rank["ns"]) if rank else nan2
    rank_label = None if rank is None else f"({len(rank['ns'])} q)"
    name = f"{served.idf} k1={served.k1} b={served.b}"
    table.add(f"query p50, ms ({name})", served_p[0], bm_p[0], target=TARGETS["a_p50"])
    table.add(f"query p99, ms ({name})", served_p[1], bm_p[1], target=TARGETS["a_p99"])
    table.add("query p50, ms (okapi k1=1.5 b=0.75)", okapi_p[0], None, rank and rank_p[0])
    table.add("query p99, ms (okapi k1=1.5 b=0.75)", okapi_p[1], None, rank and rank_p[1])
    table.add(
        "queries timed",
        str(len(serve["runs"][0])) if serve else None,
        str(len(bm_serve["ns"])) if bm_serve else None,
        rank_label,
    )
    table.print()
    post = np.asarray(postings, np.float64)
    print(
        "  postings of the query terms (what exhaustive scoring reads): "
        f"median {np.median(post):,.0f}, "
        f"p99 {np.percentile(post, 99):,.0f}, mean {post.mean():,.0f} "
        f"(of {n:,} paragraphs)"
    )
    if serve:
        for label, ns in zip((name, "okapi k1=1.5 b=0.75"), serve["runs"], strict=True):
            print(
                f"  ours p50 by postings of the query terms, {label}: " + by_postings(ns, postings)
            )
    if rank:
        ok, checked, same, worst = agreement(ours_rank_checks, rank["checks"], 1e-9)
        where = "" if rank_n == n else f" on a {rank_n:,}-paragraph prefix"
        print(
            f"  exact top-10 vs rank-bm25 BM25Okapi{where}: {'yes' if ok else 'no'} "
            f"({checked} checked; ids identical in {same}; worst rel. error {worst:.1e})"
        )
    else:
        print("  exact top-10 vs rank-bm25: skipped (--skip-rank-bm25)")
    if bm_serve:
        ok, checked, same, worst = agreement(
            ours_served, bm_serve["checks"], 1e-5, 1 / (served.k1 + 1)
        )
        print(
            f"  top-10 vs bm25s ({name}, float32): {'yes' if ok else 'no'} "
            f"({checked} checked; ids identical in {same}; worst rel. error {worst:.1e})"
        )


# ----------------------------------------------------------------------------- part B


def part_b(args: argparse.Namespace, scratch: Path) -> None:
    """realtimeqa_news: Library build/reload, serving memory, raw and full search latency."""
    from retrieval.library import SearchConfig, open_library

    folder = Path(args.data) / "realtimeqa_news"
    articles = folder / "articles.jsonl"
    questions_path = folder / "questions.jsonl"
    if not articles.exists() or not questions_path.exists():
        print(f"\n== B. realtimeqa_news: skipped ({folder} not found) ==")
        return
    print("\n== B. realtimeqa_news ==", flush=True)
    records = [json.loads(line) for line in questions_path.read_text(encoding="utf-8").splitlines()]
    if args.questions:
        records = records[: args.questions]
    questions = [r["question"] for r in records]
    dates = [r.get("question_date") for r in records]
    config = SearchConfig()
    data_dir = scratch / "library"
    built = open_library([articles], data_dir, config)
    lib = built.library
    reloaded = open_library([articles], data_dir, config)
    n_par, n_art = lib.n_paragraphs, lib.n_articles
    body = reloaded.library.body
    terms = [reloaded.library.analyzer.terms(q)[: config.max_query_terms] for q in questions]
    gen = data_dir / (data_dir / "CURRENT").read_text(encoding="utf-8").strip()
    body_dir = gen / "body"
    checks = terms[: args.check_questions]
    ours_lucene = ours_top(body, checks)
    okapi = BM25Index.load(body_dir)
    okapi.params = BM25Params()
    okapi._refresh()
    ours_okapi = ours_top(okapi, checks)
    build_action, build_s = built.action, built.seconds
    reload_action, reload_s = reloaded.action, reloaded.seconds
    del lib, built, reloaded, body, okapi
    gc.collect()
    print(
        f"built {n_art:,} articles / {n_par:,} paragraphs; serving from a fresh process ...",
        flush=True,
    )
    serve = run_worker(
        "serve-library",
        {
            "source": str(articles),
            "data_dir": str(data_dir),
            "questions": questions,
            "dates": dates,
        },
        scratch,
    )
    print("bm25s: build and serve ...", flush=True)
    source = {"kind": "index", "dir": str(body_dir)}
    bm25s_dir = scratch / "bm25s-rtqa"
    bm_build = run_worker(
        "bm25s-build",
        {"source": source, "k1": config.k1, "b": config.b, "save": str(bm25s_dir)},
        scratch,
    )
    bm_serve = None
    if bm_build:
        bm_serve = run_worker(
            "bm25s-serve",
            {
                "index": str(bm25s_dir),
                "queries": terms,
                "warmup": terms[:WARMUP],
                "n_check": len(checks),
            },
            scratch,
        )
    rank = None
    if not args.skip_rank_bm25:
        print("rank-bm25: build and score ...", flush=True)
        rank = run_worker(
            "rank-bm25",
            {"source": source, "queries": terms[: args.rank_queries], "checks": checks},
            scratch,
        )

    table = Table(
        f"B. realtimeqa_news: {n_art:,} articles, {n_par:,} paragraphs, "
        f"{len(questions):,} real questions, top {K}"
    )
    table.add(f"Library build, s (open_library: {build_action})", build_s, fmt="{:.1f}")
    table.add(f"Library reload, s (open_library: {reload_action})", reload_s)
    table.add(
        "body index build from token lists, s",
        None,
        bm_build and bm_build["build_s"],
        rank and rank["build_s"],
        fmt="{:.1f}",
    )
    table.add(
        "load, s (fresh process)",
        serve and serve["load_s"],
        bm_serve and bm_serve["load_s"],
    )
    s_mem = serve and serve["mem"]
    b_mem = bm_serve and bm_serve["mem"]
    table.add("RSS after imports, MB", mem_cells(s_mem, 0), mem_cells(b_mem, 0), fmt="{:,.0f}")
    table.add("RSS after load, MB", mem_cells(s_mem, 1), mem_cells(b_mem, 1), fmt="{:,.0f}")
    table.add("RSS after raw queries, MB", mem_cells(s_mem, 2), mem_cells(b_mem, 2), fmt="{:,.0f}")
    table.add("RSS after Searcher.search, MB", mem_cells(s_mem, 3), fmt="{:,.0f}")
    nan2 = (float("nan"), float("nan"))
    raw_p = percentiles(serve["raw_ns"]) if serve else nan2
    search_p = percentiles(serve["search_ns"]) if serve else nan2
    analyze_p = percentiles(serve["analyze_ns"]) if serve else nan2
    bm_p = percentiles(bm_serve["ns"]) if bm_serve else nan2
    rank_p = percentiles(rank["ns"]) if rank else nan2
    table.add("body top_k p50, ms", raw_p[0], bm_p[0], rank and rank_p[0], target=TARGETS["b_p50"])
    table.add("body top_k p99, ms", raw_p[1], bm_p[1], rank and rank_p[1], target=TARGETS["b_p99"])
    table.add("Searcher.search p50, ms", search_p[0])
    table.add("Searcher.search p99, ms", search_p[1])
    table.add("Analyzer.terms(question) p50, ms", analyze_p[0])
    table.add(
        "queries timed",
        str(len(serve["raw_ns"])) if serve else None,
        str(len(bm_serve["ns"])) if bm_serve else None,
        None if rank is None else f"({len(rank['ns'])} q)",
    )
    table.print()
    if serve:
        post = np.asarray(serve["postings"], np.float64)
        n_terms = np.asarray([len(t) for t in terms], np.float64)
        print(
            f"  question terms: median {np.median(n_terms):.0f}, max {n_terms.max():.0f}; "
            f"body postings of its terms: median {np.median(post):,.0f}, "
            f"p99 {np.percentile(post, 99):,.0f}"
        )
        print(
            "  ours body top_k p50 by postings of the terms: " + by_postings(serve["raw_ns"], post)
        )
    if rank:
        ok, checked, same, worst = agreement(ours_okapi, rank["checks"], 1e-9)
        print(
            f"  exact top-10 vs rank-bm25 BM25Okapi (body index with idf=okapi, k1=1.5): "
            f"{'yes' if ok else 'no'} ({checked} checked; ids identical in {same}; "
            f"worst rel. error {worst:.1e})"
        )
    if bm_serve:
        ok, checked, same, worst = agreement(
            ours_lucene, bm_serve["checks"], 1e-5, 1 / (config.k1 + 1)
        )
        print(
            f"  top-10 vs bm25s (lucene, k1={config.k1}, float32): {'yes' if ok else 'no'} "
            f"({checked} checked; ids identical in {same}; worst rel. error {worst:.1e})"
        )


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the flags and run parts A and B, or one worker."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--questions", type=int, default=0, help="realtimeqa questions (0: all)")
    parser.add_argument("--rank-queries", type=int, default=5, help="queries timed on rank-bm25")
    parser.add_argument("--check-queries", type=int, default=CHECK_QUERIES)
    parser.add_argument("--check-questions", type=int, default=CHECK_QUESTIONS)
    parser.add_argument("--skip-rank-bm25", action="store_true")
    parser.add_argument("--skip-a", action="store_true", help="skip the synthetic part")
    parser.add_argument("--skip-b", action="store_true", help="skip the realtimeqa_news part")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="100k paragraphs, 100 queries, 500 questions, rank-bm25 timed on 2 queries",
    )
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "SPEC"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        name, spec_path = args.worker
        spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
        result = WORKERS[name](spec)
        Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")
        return
    if args.quick:
        args.paragraphs = min(args.paragraphs, 100_000)
        args.queries = min(args.queries, 100)
        args.questions = args.questions or 500
        args.rank_queries = min(args.rank_queries, 2)
        args.check_queries = min(args.check_queries, 5)
        args.check_questions = min(args.check_questions, 3)
    started = time.perf_counter()
    print("Newsbot speed benchmark" + (" (--quick)" if args.quick else ""))
    for line in machine_info():
        print("  " + line)
    print(
        "  targets: synthetic 1M p50 <= 0.5 ms, p99 <= 2 ms, serving RSS <= 400 MB, "
        "load <= 0.2 s, build from raw text <= 30 s; realtimeqa_news p50 <= 0.5 ms, p99 <= 1 ms"
    )
    print("  load average at start (1/5/15 min): " + load_average())
    with tempfile.TemporaryDirectory(prefix="newsbot-speed-") as tmp:
        scratch = Path(tmp)
        if not args.skip_a:
            part_a(args, scratch)
            for child in scratch.iterdir():  # free the disk before part B
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        if not args.skip_b:
            part_b(args, scratch)
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f}s")
    print("load average at end (1/5/15 min): " + load_average())


if __name__ == "__main__":
    main()
