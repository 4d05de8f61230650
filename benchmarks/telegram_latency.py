"""Telegram latency: from an update received to the reply handed to the HTTP layer.

    python benchmarks/telegram_latency.py [--data ../shared/data] [--chats 20] [--questions N]
                                          [--search-processes 0,2]

Opens the realtimeqa_news library (built once into a data directory under /tmp, then loaded)
and runs the real bot (bot/telegram_app.py: handlers, search off the event loop, rendering,
buttons) on a recording request object instead of the network, feeding it realtimeqa_news's
1,415 questions as private-chat messages through the Application's update processor, as its
update fetcher hands on what polling or a webhook received (`feed`). The clock starts before
the update's JSON is parsed and stops when the first sendMessage reaches the request object
(the HTTP layer).

- 20 chats asking at once: rounds of 20 questions arriving at the same instant, one per chat
  (the next round when the last reply is out). The same for inline queries (answerInlineQuery).
- 20 chats asking back to back without a pause: a saturation test, for throughput.
- One chat alone, for reference.

Each is run with search in the bot's search thread (search_processes = 0) and in 2 worker
processes, unless --search-processes says otherwise. Telegram's flood limits (AIORateLimiter:
30 messages a second) are left out: they are a deliberate wait before sending, not
processing. Per-user throttling is off for the same reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from functools import partial  # noqa: E402
from typing import Any  # noqa: E402

from telegram import Update  # noqa: E402

from bot.ask import LibraryFacts, open_searcher  # noqa: E402
from bot.config import TelegramSettings  # noqa: E402
from bot.telegram_app import (  # noqa: E402
    App,
    Backend,
    NewsBot,
    SearchWorkers,
    build_application,
)
from retrieval.library import SearchConfig, open_library  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from tests.fake_bot_api import (  # noqa: E402
    FakeBotAPI,
    RecordingRequest,
    inline_update,
    message_update,
    text_message,
)

TOKEN = "100000:benchmark-token"


class TimingAPI(FakeBotAPI):
    """Notes when the first reply of the current question reaches the HTTP layer, per chat."""

    def __init__(self) -> None:
        super().__init__()
        self.first: dict[int, float] = {}

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        now = time.perf_counter()
        if method == "sendMessage":
            self.first.setdefault(int(params["chat_id"]), now)
        elif method == "answerInlineQuery":
            self.first.setdefault(-int(params["inline_query_id"]), now)
        status, body = super().handle(method, params)
        self.calls.clear()  # keep memory flat; the timings are all we need
        return status, body


async def feed(app: App, update: Update) -> None:
    """Handle one update as the Application's update fetcher does: through its update
    processor (the concurrency limit, and each chat's turn), not process_update alone."""
    await app.update_processor.process_update(update, app.process_update(update))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def describe(name: str, values: Sequence[float], wall: float) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"  {name:<44} n={len(ms):>5}  p50 {percentile(ms, 50):6.1f} ms  "
        f"p90 {percentile(ms, 90):6.1f} ms  p99 {percentile(ms, 99):6.1f} ms  "
        f"max {max(ms):6.1f} ms  mean {statistics.fmean(ms):5.1f} ms  "
        f"{len(ms) / wall:6.0f}/s"
    )


async def drive(
    app: App,
    api: TimingAPI,
    questions: Sequence[str],
    chats: int,
    make: Callable[[int, str], dict[str, Any]],
    key: Callable[[dict[str, Any]], int],
) -> tuple[list[float], list[float], float]:
    """Feed the questions from `chats` concurrent chats; latencies to the first reply and to
    the end of handling, and the wall time."""
    to_reply: list[float] = []
    to_done: list[float] = []

    async def chat(number: int) -> None:
        for question in questions[number::chats]:
            payload = make(number, question)
            slot = key(payload)
            api.first.pop(slot, None)
            start = time.perf_counter()
            update = Update.de_json(payload, app.bot)
            await feed(app, update)
            done = time.perf_counter()
            to_done.append(done - start)
            if slot in api.first:
                to_reply.append(api.first[slot] - start)

    started = time.perf_counter()
    await asyncio.gather(*(chat(i) for i in range(chats)))
    return to_reply, to_done, time.perf_counter() - started


async def bursts(
    app: App,
    api: TimingAPI,
    questions: Sequence[str],
    chats: int,
    make: Callable[[int, str], dict[str, Any]],
    key: Callable[[dict[str, Any]], int],
) -> tuple[list[float], list[float], float]:
    """Rounds of `chats` questions arriving at the same moment, one per chat; the next round
    starts when the last reply of this one is out."""
    to_reply: list[float] = []
    to_done: list[float] = []

    async def one(number: int, question: str, start: float) -> None:
        payload = make(number, question)
        slot = key(payload)
        update = Update.de_json(payload, app.bot)
        await feed(app, update)
        to_done.append(time.perf_counter() - start)
        if slot in api.first:
            to_reply.append(api.first[slot] - start)

    started = time.perf_counter()
    for at in range(0, len(questions), chats):
        api.first.clear()
        start = time.perf_counter()
        batch = questions[at : at + chats]
        await asyncio.gather(*(one(i, q, start) for i, q in enumerate(batch)))
    return to_reply, to_done, time.perf_counter() - started


def private_question(number: int, question: str) -> dict[str, Any]:
    user = {"id": 1000 + number, "is_bot": False, "first_name": f"Reader {number}"}
    return message_update(text_message(question, user=user))


def inline_question(number: int, question: str) -> dict[str, Any]:
    user = {"id": 1000 + number, "is_bot": False, "first_name": f"Reader {number}"}
    return inline_update(question, user=user)


async def measure(
    lib_searcher: Searcher,
    facts: LibraryFacts,
    opener: Callable[[], Searcher],
    args: argparse.Namespace,
    processes: int,
) -> None:
    questions = load_questions(Path(args.data) / "realtimeqa_news" / "questions.jsonl")
    if args.questions:
        questions = questions[: args.questions]
    api = TimingAPI()
    request = RecordingRequest(api)
    workers = SearchWorkers(processes, opener) if processes else None
    bot = NewsBot(
        Backend(lib_searcher, facts),
        TelegramSettings(throttle_per_minute=0),
        search_threads=args.search_threads,
        workers=workers,
    )
    app = build_application(
        bot, TOKEN, request=request, get_updates_request=request, rate_limiter=False
    )
    await app.initialize()
    await bot.post_init(app)  # as `newsbot run` does: commands, and the workers started
    where = (
        f"{processes} worker processes (search_processes = {processes})"
        if workers
        else f"{args.search_threads} thread(s) in the bot's process (search_processes = 0)"
    )
    print(f"searching in {where}")
    try:
        await drive(app, api, questions[:40], 4, private_question, chat_key)  # warm-up
        print(f"questions: {len(questions)} from realtimeqa_news, asked as private messages")
        print(f"{args.chats} chats asking at once (rounds of {args.chats} simultaneous questions):")
        reply, done, wall = await bursts(
            app, api, questions, args.chats, private_question, chat_key
        )
        print(describe("update -> first reply at the HTTP layer", reply, wall))
        print(describe("update -> handling done (all replies sent)", done, wall))
        reply, _, wall = await bursts(app, api, questions, args.chats, inline_question, inline_key)
        print(describe("inline query -> answerInlineQuery", reply, wall))
        print(
            f"{args.chats} chats asking back to back without a pause (saturation: ten times the "
            "30 messages/s Telegram lets a bot send):"
        )
        reply, _, wall = await drive(app, api, questions, args.chats, private_question, chat_key)
        print(describe("update -> first reply at the HTTP layer", reply, wall))
        alone = questions[: min(len(questions), 300)]
        reply, _, wall = await drive(app, api, alone, 1, private_question, chat_key)
        print("one chat alone (reference):")
        print(describe("update -> first reply at the HTTP layer", reply, wall))
    finally:
        await app.shutdown()
        await bot.post_shutdown(app)


def chat_key(payload: dict[str, Any]) -> int:
    return int(payload["message"]["chat"]["id"])


def inline_key(payload: dict[str, Any]) -> int:
    return -int(payload["inline_query"]["id"])


def load_questions(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["question"] for line in lines if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--chats", type=int, default=20, help="chats asking at once")
    parser.add_argument("--questions", type=int, default=0, help="ask only the first N")
    parser.add_argument("--search-threads", type=int, default=1, help="the bot's search threads")
    parser.add_argument(
        "--search-processes",
        default="0,2",
        help="comma-separated settings of search_processes to measure (0: a thread)",
    )
    parser.add_argument("--data-dir", type=Path, help="where the index is kept (default /tmp)")
    args = parser.parse_args()
    corpus = Path(args.data) / "realtimeqa_news" / "articles.jsonl"
    if not corpus.is_file():
        sys.stderr.write(f"telegram_latency: {corpus} not found; pass --data\n")
        return 2
    key = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:12]
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"newsbot-bench-telegram-{key}"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load} (other work on the machine slows every figure)"
    )
    report = open_library([corpus], data_dir, SearchConfig())
    lib = report.library
    print(
        f"library: {lib.n_articles:,} articles, {lib.n_paragraphs:,} passages; "
        f"{report.action} from {data_dir} in {report.seconds:.2f} s"
    )
    opener = partial(open_searcher, (corpus,), data_dir, SearchConfig())
    for processes in (int(n) for n in args.search_processes.split(",")):
        print()
        asyncio.run(measure(Searcher(lib), LibraryFacts(lib), opener, args, processes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
