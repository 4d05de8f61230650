"""Command-line figures on realtimeqa_news: took_ms of `newsbot ask --json -` and the wall time
of a one-shot `newsbot ask` with a saved index.

    python benchmarks/cli.py [--data ../shared/data/realtimeqa_news] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def newsbot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot` with these arguments."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )


def percentile(values: list[float], share: float) -> float:
    """The value at this share of the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/realtimeqa_news")
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "nb-cli")
    args = parser.parse_args()
    corpus = ["--corpus", str(args.data / "articles.jsonl"), "--data-dir", str(args.data_dir)]
    started = time.perf_counter()
    newsbot("index", *corpus)
    print(f"index (build or load): {time.perf_counter() - started:.1f} s")
    questions = [json.loads(line) for line in (args.data / "questions.jsonl").open()]
    lines = "\n".join(
        json.dumps({"question": q["question"], "as_of": q["question_date"]}) for q in questions
    )
    started = time.perf_counter()
    out = newsbot("ask", "--json", "-", *corpus, stdin=lines).stdout.splitlines()
    wall = time.perf_counter() - started
    took = [json.loads(line)["took_ms"] for line in out]
    print(
        f"ask --json - : {len(took)} questions in {wall:.1f} s; took_ms p50 "
        f"{percentile(took, 0.5):.2f}, p99 {percentile(took, 0.99):.2f}, "
        f"mean {statistics.fmean(took):.2f} (target p50 <= 2 ms)"
    )
    walls = []
    for q in questions[:7]:
        started = time.perf_counter()
        newsbot("ask", q["question"], *corpus)
        walls.append(time.perf_counter() - started)
    print(
        f"one-shot ask, process start to exit: median {statistics.median(walls):.2f} s, "
        f"max {max(walls):.2f} s over {len(walls)} runs (target within 1 s)"
    )


if __name__ == "__main__":
    main()
