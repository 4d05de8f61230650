"""The `newsbot` command: console, ask, index, run."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import shutil
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from bot import _start

if __name__ == "__main__":  # python -m bot: Ctrl-C while the modules below load is quiet
    _start.quiet_while_starting()

from bot.config import ConfigError, Settings, load_settings, without_tokens
from retrieval.articles import CorpusError, number_too_long, shows_nothing
from retrieval.db import StoreError

if TYPE_CHECKING:
    from bot.telegram_app import Backend
    from bot.telegram_news import Refresher
    from retrieval.db import NewsDB
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.library import OpenReport
    from retrieval.search import Searcher

log = logging.getLogger("newsbot")

EXIT_UNREACHABLE = 1  # `newsbot run` could not reach Telegram at start-up
EXIT_OUTPUT = 1  # standard output could not be written (a full disk, a device error)
EXIT_USAGE = 2
INGEST_LOCK = ".ingest.lock"  # in the data directory: held while an ingest stores
EXIT_SOFTWARE = 70  # a bug (EX_SOFTWARE of sysexits.h)
EXIT_PIPE = 141  # the reader of our output went away (128 + SIGPIPE, as a shell reports it)
NEWS_FILE = "news.sqlite3"


class OutputError(Exception):
    """Standard output could not be written: the answers are lost (a full disk, a device
    error). A reader that went away is a BrokenPipeError, and quiet."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the problem and where help is, not the
    usage block and then the error (subcommands' parsers are of this class too)."""

    def error(self, message: str) -> NoReturn:
        # a token typed as an argument ("newsbot run 123:AA...") is quoted back as <token>
        self.exit(EXIT_USAGE, f"{self.prog}: {without_tokens(message)}; see {self.prog} --help\n")


def _common(default: object = None) -> _Parser:
    # Subcommands get default=SUPPRESS, so options given before the subcommand survive. Their
    # --corpus goes to its own list (a subcommand's namespace would replace the one before
    # it), which _parse puts after the corpora given before the subcommand.
    common = _Parser(add_help=False, argument_default=default)
    common.add_argument(
        "--config", type=_path, metavar="FILE", help="config file (default: ./config.toml)"
    )
    common.add_argument(
        "--corpus",
        type=_path,
        action="append",
        dest="corpus" if default is None else "sub_corpus",
        metavar="PATH",  # not the subcommands' own name for the list, "SUB_CORPUS"
        help="article file or folder (repeatable; default: seeds/ or the config's corpus.paths)",
    )
    common.add_argument("--data-dir", type=_path, metavar="DIR", help="where the saved index lives")
    common.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    return common


def _path(text: str) -> Path:
    """A path flag's value; an empty one is an error (Path("") would be the current folder)."""
    if not text.strip():  # " " too: a folder of that name, next to nothing, would be made
        raise argparse.ArgumentTypeError("an empty path; name a file or folder")
    try:  # --data-dir=~/news: the shell expands no ~ after "="
        return Path(text).expanduser()
    except RuntimeError:  # ~user of no such user, or no home directory
        raise argparse.ArgumentTypeError(
            f"{text!r} starts with a ~ that names no home directory; write the full path"
        ) from None


def _source(text: str) -> str:
    """An ingest source; an empty one (an unset $FILE) is an error, not the current folder,
    whose every article file, private notes too, would stay in the news store for good."""
    if not text:
        raise argparse.ArgumentTypeError(
            "an empty path; name article files or folders, or feed URLs (https://...)"
        )
    return text


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    common = _common()
    sub_common = _common(argparse.SUPPRESS)
    parser = _Parser(
        prog="newsbot",
        description="Answers questions about the news with passages from news articles.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("console", parents=[sub_common], help="interactive prompt (the default)")
    ask = sub.add_parser("ask", parents=[sub_common], help="answer one question and exit")
    ask.add_argument(
        "question",
        nargs="+",
        help='the question (its words, quoted or not), or "-" to read questions from stdin',
    )
    ask.add_argument("--k", type=int, default=None, help="how many passages (default 3)")
    ask.add_argument("--json", action="store_true", help="print JSON, one object per question")
    ask.add_argument("--as-of", type=_date, help="the date the question is asked (YYYY-MM-DD)")
    index = sub.add_parser("index", parents=[sub_common], help="build or refresh the saved index")
    index.add_argument("--force", action="store_true", help="rebuild even if the index is valid")
    ingest = sub.add_parser(
        "ingest",
        parents=[sub_common],
        help="read feeds (and article files) into the news store once and update the index",
        description="Read feeds (and article files) into the news store once and update the "
        "index. Exits with status 1 when every feed it reads fails.",
    )
    ingest.add_argument(
        "sources",
        nargs="*",
        type=_source,
        help="feed URLs (http/https) or article files and folders; default: every configured feed",
    )
    sub.add_parser(
        "run",
        parents=[sub_common],
        help="run the Telegram bot (long polling, or a webhook as the config says)",
    )
    return parser


def _out_of_range(day: date) -> str | None:
    """Why a date cannot be the day a question is asked, or None: outside the years whose
    spans questions name ("last decade", "since:50y") stay dates. It had been moved into
    them without a word, and the notes named days the user never asked about ("No story here
    is dated yesterday (31 Dec 100)")."""
    from retrieval.search import EARLIEST_AS_OF, LATEST_AS_OF

    if EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        return None
    return (
        f"{day.isoformat()} is outside the dates a question may be asked on, "
        f"{EARLIEST_AS_OF.isoformat()} to {LATEST_AS_OF.isoformat()}"
    )


def _date(text: str) -> date:
    day = _read_date(text)
    if (why := _out_of_range(day)) is not None:
        raise argparse.ArgumentTypeError(why)
    return day


def _iso_day(text: str) -> date | None:
    """The day an ISO date, or date and time (its date, as written), names; else None.
    Spaces around it are no part of it, and a time may follow a space, as SQL and pandas
    write it ("2024-05-01 10:00"): both had been refused."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if "T" in text or " " in text:  # a date and time, as JSON clients and SQL write them
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    return None


def _read_date(text: str) -> date:
    from retrieval.query import no_such_day

    if (day := _iso_day(text)) is not None:
        return day
    why = no_such_day(text)
    if why is not None:
        raise argparse.ArgumentTypeError(why)
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)")


_VALUE_OPTIONS = ("--k", "--as-of", "--config", "--corpus", "--data-dir")
_SHORT_K = re.compile(r"-k=(.*)|-k(\d\S*)")


def _question_words(argv: Sequence[str]) -> list[str]:
    """The arguments, with each word of an `ask` question that starts with a dash ("-troops",
    "-5%", "-resign niger") marked as the question word it is: argparse would take it for an
    unknown option. No option of ours is one dash and more (but -h), and no value of an
    option that takes one is marked."""
    args = _ask_options_after_ask(list(argv))
    if "ask" not in args:
        return args
    start = args.index("ask") + 1
    for i in range(start, len(args)):
        word, before = args[i], args[i - 1]
        takes_value = len(before) > 2 and before.startswith("--") and "=" not in before
        if takes_value and any(option.startswith(before) for option in _VALUE_OPTIONS):
            continue  # --as-of -1d: the option's value (argparse says what is wrong with it)
        if word == "-k" and i + 1 < len(args):
            args[i] = "--k"  # "ask -k 2 café", as other tools spell it: not the question's
            continue  # (and "-k abc" is told its value is no number, not searched)
        if (short := _SHORT_K.fullmatch(word)) is not None:
            # "-k1", "-k=1", "-k=abc" and "-k1.5" (which argparse refuses, saying why)
            args[i] = "--k=" + (short[1] if short[1] is not None else short[2])
            continue
        if len(word) > 1 and word[0] == "-" and word[1] != "-" and word != "-h":
            args[i] = " " + word  # not an option to argparse; unmarked once parsed
    return args


def _ask_options_after_ask(args: list[str]) -> list[str]:
    """The arguments, with `ask`'s own options typed before it (`newsbot --as-of 2024-05-01
    ask tiktok`, `--json ask ...`) moved after it, where argparse takes them: before, it had
    said "invalid choice: '2024-05-01'" of the command."""
    if "ask" not in args:
        return args
    at = args.index("ask")
    before, moved, i = [], [], 0
    while i < at:
        word = args[i]
        name = word.split("=", 1)[0]
        if name in ("--as-of", "--k", "--json", "-k") or _SHORT_K.fullmatch(word):
            takes = name in ("--as-of", "--k", "-k") and "=" not in word and i + 1 < at
            moved += args[i : i + 1 + takes]
            i += 1 + takes
        else:
            before.append(word)
            i += 1
    return [*before, "ask", *moved, *args[at + 1 :]] if moved else args


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command line parsed; an `ask` question is its words joined by spaces, wherever the
    options stand among them (`ask niger --k 2 troops`)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(_question_words(argv))
    after = vars(args).pop("sub_corpus", None)  # --corpus after the subcommand: both count
    if after:
        args.corpus = [*(args.corpus or []), *after]
    if args.command == "ask" and not any(word.startswith("-") for word in extra):
        words = [*args.question, *extra]  # the words after an option are left over
        if words[:1] == ["-"] and len(words) > 1:
            # "ask --json - extra" had searched "- extra", its stdin unread
            parser.error("ask - reads the questions from stdin: put no words after the -")
        args.question = " ".join(w[1:] if w.startswith(" -") else w for w in words)
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsbot` command."""
    _start.started()
    # python-telegram-bot (22.2 on) warns, whenever it makes a RetryAfter (flood control), that
    # retry_after will be a timedelta in a later major version: its own constructor reads it,
    # and newsbot reads either; an operator can do nothing about it
    warnings.filterwarnings("ignore", "Deprecated.*`retry_after`", DeprecationWarning)
    if sys.stderr is None:  # started with `2>&-`: what would be said goes nowhere, quietly
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (open for the process's life)
    args = _parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:  # a token pasted into a path, a folder
        handler.addFilter(_without_tokens)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    if args.command == "run" and not args.debug:
        logging.getLogger("bot").setLevel(logging.INFO)  # start-up, reloads, blocked chats
    try:
        settings = load_settings(
            args.config,
            corpus=args.corpus,
            data_dir=args.data_dir,
            for_telegram=args.command == "run",
        )
        if not args.corpus:
            _check_configured_corpus(settings)
        status = _dispatch(args, settings)
        if sys.stdout is not None:  # a reader that went away shows here, not at the exit
            sys.stdout.flush()
        return status
    except (ConfigError, CorpusError, StoreError) as exc:
        if args.debug:  # the traceback too, and the same exit status
            traceback.print_exc()
        _tell(f"newsbot: {without_tokens(str(exc))}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsbot ask ... | head -3`: stop quietly, as other tools do
        _discard_output()
        return EXIT_PIPE
    except OutputError as exc:
        _discard_output()
        if args.debug:
            traceback.print_exc()
        _tell(f"newsbot: {exc}\n")
        return EXIT_OUTPUT
    except OSError as exc:
        if exc.filename is None:  # no path named: not the user's to fix
            return _internal_error(exc, args.debug)
        # a path the system refused where no check above names it (a name longer than the
        # file system takes, 255 bytes): one line, not a traceback
        if args.debug:
            traceback.print_exc()
        _tell(f"newsbot: {exc.filename}: {exc.strerror or exc}; check the path\n")
        return EXIT_USAGE
    except Exception as exc:
        return _internal_error(exc, args.debug)


def _internal_error(exc: BaseException, debug: bool) -> int:
    """A bug, or a failure no message above names: one line that says what kind, and how to
    see where (a user is never shown a traceback unasked)."""
    if debug:
        traceback.print_exc()
    kind = type(exc).__name__
    _tell(f"newsbot: internal error ({kind}); run the command again with --debug to see where\n")
    return EXIT_SOFTWARE


def _check_configured_corpus(settings: Settings) -> None:
    """A corpus.paths entry that is not there, named as the config names it: the loader's
    "pass a folder or file of articles with --corpus" is not the fix for it."""
    from bot.config import default_corpus

    if settings.source == "defaults" or settings.corpus == default_corpus():
        return
    for path in settings.corpus:
        if not os.path.lexists(path):
            raise ConfigError(
                f"{settings.source}: corpus.paths: {path}: no such file or folder; correct it, "
                "or give --corpus"
            )


def _tell(line: str) -> None:
    """The error line on stderr, if it can be written (2>/dev/full, a closed pipe): the exit
    status says it all the same, where the failed write had made it 1."""
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError):  # ValueError: a closed stream
        pass


def _without_tokens(record: logging.LogRecord) -> bool:
    """A log filter: the record's message with anything shaped like a bot token as <token>
    (a token pasted into `corpus.paths` is named back in a warning)."""
    message = record.getMessage()
    cleaned = without_tokens(message)
    if cleaned != message:
        record.msg, record.args = cleaned, ()
    return True


def _discard_output() -> None:
    """Standard output goes nowhere from now on, so that the final flush at exit cannot fail
    again with what is still buffered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@contextmanager
def _writing_answers() -> Iterator[None]:
    """A failure to write standard output, as an OutputError; a reader that went away stays
    a BrokenPipeError."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from exc


def _check_streams(command: str, args: argparse.Namespace) -> None:
    """The standard streams `ask` and `console` need are open (a shell's `<&-`, `>&-`), and
    standard output takes any character its encoding has room for."""
    if sys.stdout is None:
        raise ConfigError(f"{command} writes its answers to standard output; it is closed")
    from bot.console import tolerant_stdout

    tolerant_stdout()
    if sys.stdin is None and command == "console":
        raise ConfigError("console reads questions from standard input; it is closed")
    if sys.stdin is None and command == "ask" and args.question == "-":
        raise ConfigError("ask --json - reads questions from standard input; it is closed")


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.search import Searcher

    command = args.command or "console"
    if command == "ask" and args.question == "-" and not args.json:
        raise ConfigError("ask - reads questions from stdin only with --json: ask --json -")
    if command == "ask" and not args.json and shows_nothing(args.question):
        # "No good match. Try fewer or different words" was the answer to no words at all,
        # and to a zero-width space, which the console reads as a blank line
        raise ConfigError(
            'ask: the question is empty; put it after ask: newsbot ask "niger troops"'
        )
    if command == "ask" and args.k is not None and not 0 < args.k <= _max_depth():
        # before the corpus is read: its warnings had come first, and the library opened
        raise ConfigError(f"--k must be a whole number from 1 to {_max_depth()}, got {args.k}")
    if command == "index":
        return _index(settings, force=args.force)
    if command == "run":
        return _run(settings)
    if command == "ingest":
        return _ingest(settings, args.sources)
    _check_streams(command, args)
    report = _open_showing_progress(settings)
    _warn_skipped(report)
    searcher = Searcher(report.library)
    with _writing_answers():
        return _answer(command, args, settings, searcher, report)


def _answer(
    command: str,
    args: argparse.Namespace,
    settings: Settings,
    searcher: Searcher,
    report: OpenReport,
) -> int:
    """`ask` and `console`: questions answered on standard output."""
    if command == "ask":
        k = args.k if args.k is not None else settings.results  # both checked: positive
        if args.question == "-":
            from bot.ask import LibraryFacts, example_question
            from bot.console import print_json

            questions = _stdin_questions(sys.stdin, args.as_of)
            facts = LibraryFacts(report.library)
            print_json(
                searcher,
                questions,
                k,
                stream_of_questions=True,
                example=lambda: example_question(facts),
            )
        elif args.json:
            from bot.ask import LibraryFacts, example_question
            from bot.console import print_json

            facts = LibraryFacts(report.library)
            print_json(
                searcher, [(args.question, args.as_of)], k, example=lambda: example_question(facts)
            )
        else:
            from bot.answer import small_talk
            from bot.ask import LibraryFacts, example_question
            from bot.console import print_answer

            # small talk ("hi") suggests the library's example, as the console's does; it is
            # looked up only then (finding it sorts the library)
            chat = small_talk(args.question) is not None
            example = example_question(LibraryFacts(report.library)) if chat else None
            print_answer(searcher, args.question, k, args.as_of, example=example)
        return 0
    from bot.ask import LibraryFacts, example_question
    from bot.console import BANNER, counted, run_console

    lib = report.library
    banner = BANNER.format(
        articles=counted(lib.store.n_live, "article"),
        paragraphs=counted(lib.n_live_paragraphs, "passage"),
    )
    history = settings.data_dir / "console_history" if settings.data_dir else None
    example = example_question(LibraryFacts(lib))
    sources = [name for name, _ in lib.store.source_counts()]
    return run_console(
        searcher,
        k=settings.results,
        banner=banner,
        history=history,
        example=example,
        sources=sources,
    )


def _stdin_questions(
    stream: TextIO, default: date | None
) -> Iterator[tuple[str, date | None, int | None, str | None]]:
    """Questions from stdin: plain lines, or {"question": ..., "as_of": "YYYY-MM-DD", "k": N}
    objects (as_of and k optional; k: how many passages for this question, else --k). The
    fourth item says what of the line was not read as given (a misspelled key, a bad as_of):
    the answer's record carries it as its note, so a program reading the answers knows."""
    from bot.console import MAX_LINE_CHARS, read_lines

    limit = MAX_LINE_CHARS
    for number, line in enumerate(read_lines(stream, limit), 1):
        text = line.strip()  # a blank line too is asked (no hits): one answer a line, in step
        # a byte order mark at a line's start: a file saved by a Windows editor, concatenated
        text = text.lstrip("\ufeff").lstrip()
        if text.startswith("[") and _json_list(text):  # not "[Breaking] ..."
            why = "it is a JSON list: one question object a line"
            log.warning("stdin line %d: not a question object (%s); read as text", number, why)
            yield text, default, None, f"Not a question object ({why}); read as text."
            continue
        if text.startswith("{"):
            try:
                obj = json.loads(text)
                if not isinstance(obj, dict):
                    raise TypeError(f"it is a JSON {type(obj).__name__}")
                if "question" not in obj:
                    raise KeyError('it has no "question"')
                question = obj["question"]
                if not isinstance(question, str):
                    raise TypeError(f"its question is {_json_kind(question)}, not a string")
            except (ValueError, KeyError, TypeError, RecursionError) as exc:
                why = exc.args[0] if isinstance(exc, KeyError) else number_too_long(exc) or str(exc)
                if not line.endswith("\n") and len(line.encode("utf-8", "replace")) >= limit:
                    why = f"longer than {limit:,} bytes, so cut there"
                note = f"Not a question object ({why}); read as text."
                log.warning("stdin line %d: not a question object (%s); read as text", number, why)
                yield text, default, None, note
                continue
            notes: list[str] = []
            if unknown := [key for key in obj if key not in _QUESTION_KEYS]:  # "as-of", "K"
                shown = ", ".join(_clipped(json.dumps(key, ensure_ascii=False)) for key in unknown)
                notes.append(f"Ignored {shown}: a question object's keys are question, as_of, k.")
                log.warning("stdin line %d: %s", number, notes[-1])
            as_of = _as_of(obj.get("as_of"), default, number, notes)
            k = _own_k(obj.get("k"), number, notes)
            yield question, as_of, k, " ".join(notes) or None
            continue
        yield text, default, None, None


_QUESTION_KEYS = ("question", "as_of", "k")  # what a question object of `ask --json -` holds


def _json_list(text: str) -> bool:
    """Whether a stdin line is a JSON list (of question objects, say): it had been asked as
    one question, its strings read as quoted phrases, with nothing said."""
    try:
        return isinstance(json.loads(text), list)
    except (ValueError, RecursionError):
        return False


def _max_depth() -> int:
    """The deepest passage an answer reaches (bot.answer, imported only by commands that
    answer: `index` need not load the search)."""
    from bot.answer import MAX_DEPTH

    return MAX_DEPTH


def _own_k(raw: object, number: int, notes: list[str]) -> int | None:
    """A question object's k; a bad one is reported and the question asked with --k's. An
    empty one ("", as a blank spreadsheet cell is written) is none, as an empty as_of is."""
    if raw is None or raw == "":
        return None
    # JSON has one kind of number: 2.0 is 2, as some JSON writers put it (a string, "2",
    # stays refused, as a number for as_of is: the wrong kind of value)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    deepest = _max_depth()
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= deepest:
        return raw
    shown = json.dumps(raw, ensure_ascii=False)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        why = f"k must be at most {deepest}, not {_clipped(shown)}; asked with k {deepest}"
        log.warning("stdin line %d: %s", number, why)
        notes.append(why + ".")
        return deepest
    why = f"k must be a positive whole number, not {_clipped(shown)}; asked with --k's"
    log.warning("stdin line %d: %s", number, why)
    notes.append(why + ".")
    return None


def _clipped(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "\u2026"


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words: null, true, a number, an object, a list."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    return "an object" if isinstance(value, dict) else "a list"


def _as_of(raw: object, default: date | None, number: int, notes: list[str]) -> date | None:
    """A question object's as_of; a bad one is reported and the question asked anyway. A
    date and time ("2024-05-01T10:00:00Z", as JSON clients write them) is its date, as
    written."""
    if raw is None or raw == "":
        return default
    why: str | None = None
    if isinstance(raw, str):  # 20240501, a JSON number, is no date (it had been read as one)
        day = _iso_day(raw)
        if day is not None:
            why = _out_of_range(day)
            if why is None:
                return day
    from retrieval.query import no_such_day

    when = default.isoformat() if default else "today"
    why = why or (no_such_day(raw) if isinstance(raw, str) else None)
    why = why or f"must be a date like 2024-05-01, not {_clipped(json.dumps(raw))}"
    said = f"as_of: {why}; asked as of {when}"
    log.warning("stdin line %d: %s", number, said)
    notes.append(said + ".")
    return default


def _open_library(settings: Settings, **options: Any) -> OpenReport:
    """open_library for the settings, with the news store when there is one (when there is
    none, a saved index drops the stories it took from one: a store moved aside, as the
    message on a damaged one advises, had kept answering)."""
    from retrieval.library import NoNews, open_library

    try:
        news = open_news(settings, check=False)  # start-up path: the writers check the file
    except StoreError as exc:
        news = _read_only_news(settings, exc)
    try:
        return open_library(
            settings.corpus,
            settings.data_dir,
            settings.search,
            news=news if news is not None else NoNews(),
            **options,
        )
    finally:
        if news is not None:
            news.close()


def _read_only_news(settings: Settings, error: StoreError) -> NewsDB | None:
    """The news store read as it is, where it cannot be opened for writing (a data directory
    this process may not write): answers still come from it, with one warning; `error`
    stands when it cannot be read either. An empty file (a set-up a full disk stopped) holds
    no stories: None, and the corpus answers."""
    from retrieval.db import NewsDB

    assert settings.data_dir is not None  # a store was found there
    path = settings.data_dir / NEWS_FILE
    if not path.is_file():
        raise error
    if path.stat().st_size == 0:
        log.warning("news store %s is empty and cannot be written here; answering without it", path)
        return None
    try:
        news = NewsDB.read_only(path)
    except StoreError:
        raise error from None
    log.warning("news store %s cannot be written here; reading it as it is", path)
    return news


def _open_showing_progress(settings: Settings) -> OpenReport:
    """_open_library for `ask` and `console`: on a terminal, a start says it builds or
    updates the index, and indexing shows the bar `newsbot index` shows (a large corpus
    takes a while)."""
    if not sys.stderr.isatty():
        return _open_library(settings)
    bar = _ProgressBar(sys.stderr)
    said: list[str] = []

    def starting(what: str) -> None:
        # said before the files are read, which the bar does not count: an update of
        # realtimeqa_news's 60 MB had shown nothing for 13 s (once: a rebuild an update
        # turns into is told once)
        if not said:
            said.append(what)
            sys.stderr.write(f"newsbot: {what} the index; a large corpus takes a while...\n")
            sys.stderr.flush()

    try:
        return _open_library(settings, progress=bar, starting=starting)
    finally:
        bar.close()


def open_news(settings: Settings, *, create: bool = False, check: bool = True) -> NewsDB | None:
    """The news store in the data directory: opened if it exists, feeds are configured or
    `create` is set; else None (a plain corpus needs no database)."""
    from retrieval.db import NewsDB

    if settings.data_dir is None:
        return None
    path = settings.data_dir / NEWS_FILE
    if not (create or settings.news.feeds or path.exists()):
        return None
    if not path.exists():
        _note_other_stores(settings.data_dir)
    return NewsDB(path, check=check)  # it creates the folder, or says why it cannot


_DEFAULT_DIR_NAME = re.compile(r"[0-9a-f]{12}")  # default_data_dir's per-corpus folders


def _note_other_stores(data_dir: Path) -> None:
    """Before a news store is begun in a default (per-corpus) data directory: when another
    corpus's default folder holds one, say where, once. The default folder follows the corpus,
    so a corpus changed in the config (a folder added) had begun an empty store, and the
    bot's follows and added feeds were gone without a word."""
    if data_dir.parent.name != "newsbot" or not _DEFAULT_DIR_NAME.fullmatch(data_dir.name):
        return  # a folder the user chose
    try:
        others = sorted(
            (p for p in data_dir.parent.glob(f"*/{NEWS_FILE}") if p.parent != data_dir),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return
    if others:
        log.warning(
            "this corpus has no news store yet in %s; another corpus's, with its stories, "
            "follows and added feeds, is in %s: to go on with it, set corpus.data_dir = %s "
            "(or give --data-dir)",
            data_dir,
            others[0].parent,
            json.dumps(str(others[0].parent)),
        )


def _ingest(settings: Settings, sources: Sequence[str]) -> int:
    """`newsbot ingest`: read feeds and files into the news store once, then update the index."""
    import time
    from functools import partial

    from retrieval.articles import normalize_url, url_key
    from retrieval.feedspec import FeedError, FeedSpec, check_url
    from retrieval.library import folder_lock
    from retrieval.loaders import link_trouble

    started = time.perf_counter()
    urls: list[FeedSpec] = []
    paths: list[Path] = []
    # a configured feed named on the command line is read as configured: its name the source
    configured = {normalize_url(feed.url): feed for feed in settings.news.feeds}
    named: set[str] = set()  # a feed named twice (".../rss", ".../rss/") is read once
    for source in sources:
        if "://" in source:
            try:
                url = check_url(source)
            except FeedError as exc:
                raise ConfigError(f"ingest {source}: {exc}") from None
            if (key := url_key(url)) not in named:  # http or https, one feed
                named.add(key)
                urls.append(configured.get(normalize_url(url)) or FeedSpec(url))
        elif not Path(source).exists():
            # a link in a loop, or to nothing, said as --corpus says it: "no such file" of
            # a link the user can see is wrong
            trouble = (
                f"a symbolic link {link_trouble(Path(source))}"
                if Path(source).is_symlink()
                else "no such file or folder"
            )
            raise ConfigError(
                f"ingest {source}: {trouble}; name article files or folders, "
                "or feed URLs (https://...)"
            )
        else:
            paths.append(Path(source))
    assert settings.data_dir is not None  # ingest always has one
    # ingests take turns: a second one had failed on the store's write lock, which the
    # first holds while it stores a file set (half a minute for 40,000 records)
    waiting = partial(_tell, "newsbot: another newsbot ingest is storing; waiting for it\n")
    with folder_lock(settings.data_dir, INGEST_LOCK, waiting):
        return _ingest_now(settings, sources, urls, paths, started)


def _ingest_now(
    settings: Settings,
    sources: Sequence[str],
    urls: list[FeedSpec],
    paths: list[Path],
    started: float,
) -> int:
    """`newsbot ingest`'s work, holding the data directory's ingest lock."""
    import threading
    import time

    from bot.console import counted
    from retrieval.db import AddResult
    from retrieval.feeds import FeedResult
    from retrieval.feedspec import feed_labels, public_url
    from retrieval.ingest import IngestReport, all_feeds, ingest_feeds, ingest_files, prune
    from retrieval.library import open_library

    db = open_news(settings, create=True)
    assert db is not None  # there is a data directory
    with db:
        report = IngestReport()
        if paths:
            ingest_files(db, paths, report, quiet=True)  # the bot's refreshes alert, not this
        logged = len(report.failed)  # the bad files: the loader warned as it read them
        feeds = urls if sources else all_feeds(db, settings.news.feeds)
        if not sources and not feeds:
            raise ConfigError(
                "no feeds to read: add [[feeds]] tables with a url to the config "
                "(see config.example.toml), or name feed URLs or files: newsbot ingest URL"
            )

        failed_feeds: set[tuple[str, str]] = set()  # named with the reason as they fail
        # an unnamed feed by its host and path; two that would share one by their addresses
        labels = feed_labels(feed.url for feed in feeds if not feed.name)

        def show(feed: FeedSpec, result: FeedResult, added: AddResult | None) -> None:
            shown = public_url(feed.url)  # stderr goes to logs: no password or key in it
            who = feed.name or labels.get(feed.url) or shown
            if result.status == "failed":
                # the address that failed in full, which the operator may have to correct
                line = result.error or "failed"
                failed_feeds.add((feed.url, line))  # as the report has it: not named again
                who = f"{feed.name} ({shown})" if feed.name else shown
            elif result.status == "not_modified":
                line = "unchanged since the last read"
            else:  # counted as the summary counts them
                new, updated = (len(added.new), len(added.updated)) if added else (0, 0)
                copies = counted(added.duplicates if added else 0, "duplicate")
                line = f"{new} new, {updated} updated, {copies}"
                if added and added.grouped:  # new, and another outlet's copy of a story
                    line += f" ({added.grouped} joining a story already stored)"
                # a story back for its page's next try, which failed again, is no duplicate:
                # said in the summary's words, or the line counts nothing of the feed's item
                if added and added.retried:
                    line += f", {added.retried} page(s) tried again, still failing"
                # its link stored before, by this feed or another; or, without a link, its
                # guid by this feed
                if known := result.known + (added.known if added else 0):
                    line += f", {known} already stored"
                if result.skipped:
                    line += f", {len(result.skipped)} skipped"
            sys.stderr.write(f"  {who}: {line}\n")

        if feeds:
            # Ctrl-C sets it: a page thread's read on a stalled server fails within
            # STOP_SLICE, where Python had waited at exit for its read timeout (10 s or more)
            stop = threading.Event()
            with _fetcher(settings) as fetcher:
                try:
                    ingest_feeds(
                        db, fetcher, feeds, progress=show, report=report, quiet=True, stop=stop
                    )
                except KeyboardInterrupt:
                    stop.set()
                    raise
        prune(db, settings.news.max_age_days, settings.news.max_articles, report)
        for where, reason in report.failed[logged:]:
            if (where, reason) not in failed_feeds:  # a feed's item, or a pruning
                sys.stderr.write(f"newsbot: {where}: {reason}\n")
        unsaved = _Dropping("the index could not be saved in ")  # said once, as the error
        library_log = logging.getLogger("retrieval.library")
        library_log.addFilter(unsaved)
        try:
            library = open_library(settings.corpus, settings.data_dir, settings.search, news=db)
        finally:
            library_log.removeFilter(unsaved)
        report.in_corpus = len(set(report.new_keys) & library.news_copies)
    _warn_skipped(library)  # the corpus's bad files, counted as the other commands count them

    lib = library.library
    took = time.perf_counter() - started
    sys.stderr.write(
        f"ingest: {report.summary()}; index {library.action}: "
        f"{counted(lib.store.n_live, 'article')}, {counted(lib.n_live_paragraphs, 'passage')}; "
        f"{took:.1f} s in all\n"
    )
    if library.unsaved:  # the stories are stored; an index each later start would rebuild
        raise ConfigError(library.unsaved)
    failed_urls = {url for url, _ in failed_feeds}
    every_feed_failed = bool(feeds) and all(feed.url in failed_urls for feed in feeds)
    return 1 if every_feed_failed else 0


def _fetcher(settings: Settings) -> Fetcher:
    from retrieval.feeds import Fetcher

    news = settings.news
    return Fetcher(
        timeout=news.timeout_seconds,
        feed_budget=news.feed_budget_seconds,
        max_bytes=news.max_page_bytes,
        max_items=news.max_items,
        fetch_pages=news.fetch_pages,
        allow_private_pages=news.allow_private_pages,
    )


class _Dropping(logging.Filter):
    """Drops the log records whose message starts so."""

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.start)


def _index(settings: Settings, *, force: bool) -> int:
    bar = _ProgressBar(sys.stderr)
    unsaved = _Dropping("the index could not be saved in ")  # said once, as the error
    library_log = logging.getLogger("retrieval.library")
    library_log.addFilter(unsaved)
    try:
        report = _open_library(settings, progress=bar, force=force)
    finally:
        library_log.removeFilter(unsaved)
        bar.close()
    _warn_skipped(report)
    if report.unsaved:  # saving is what `newsbot index` is for
        raise ConfigError(report.unsaved)
    from bot.console import counted

    lib = report.library
    sys.stderr.write(
        f"{report.action} index in {settings.data_dir}: {counted(lib.store.n_live, 'article')}, "
        f"{counted(lib.n_live_paragraphs, 'passage')}, {report.added:,} added, "
        f"{counted(report.duplicates, 'duplicate')}, "
        f"{counted(len(report.skipped), 'file')} skipped, {report.seconds:.1f} s\n"
    )
    return 0


RUN_LOCK = "newsbot-run.lock"  # in the data directory, locked while a bot runs on it


def _run(settings: Settings) -> int:
    """`newsbot run`: open the library, then serve Telegram until stopped. One bot at a time
    on a data directory: two saved each other's state file over, and both polled with one
    token."""
    if not settings.token:
        raise ConfigError(
            "newsbot run needs the bot token from @BotFather: set TELEGRAM_BOT_TOKEN, or "
            "token in the [telegram] section of the config (see config.example.toml)"
        )
    with _run_lock(settings.data_dir):
        return _serve(settings)


def _api_base_url_named(settings: Settings) -> str:
    """Where the Bot API's address came from, as a message names it: the environment
    variable when it is set, else the config key (an unreachable address from the config
    had been blamed on TELEGRAM_API_BASE_URL)."""
    if os.environ.get("TELEGRAM_API_BASE_URL", "").strip():
        return "TELEGRAM_API_BASE_URL"
    if settings.api_base_url:
        return f"telegram.api_base_url in {settings.source}"
    return "TELEGRAM_API_BASE_URL"


@contextmanager
def _run_lock(data_dir: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on RUN_LOCK in the data directory while `newsbot run` runs (the
    system lets it go when the process ends, however it ends); the lock file says which
    process holds it. Another holder is a ConfigError naming it."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        fcntl = None  # type: ignore[assignment]
    if data_dir is None or fcntl is None:
        yield
        return
    path = data_dir / RUN_LOCK
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        why = exc.strerror or str(exc)
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):  # it, or a folder above it, is a file
            blocking = next(
                (p for p in (data_dir, *data_dir.parents) if p.exists() and not p.is_dir()), None
            )
            why = f"{blocking} is a file, not a folder" if blocking is not None else why
        raise ConfigError(
            f"cannot use the data directory {data_dir} ({why}); set --data-dir "
            "or corpus.data_dir to a folder you can write"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise ConfigError(
                f"another newsbot run is using {data_dir} (pid {holder}); stop it or use "
                "another --data-dir"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # lets the lock go


def _serve(settings: Settings) -> int:
    """`newsbot run` once it holds the data directory: serve Telegram until stopped."""
    assert settings.token  # _run checked it
    from functools import partial

    from bot.ask import open_searcher
    from bot.telegram_app import (
        NewsBot,
        NoBotAccount,
        RedactToken,
        SearchWorkers,
        build_application,
        redact,
        run_application,
    )

    for handler in logging.getLogger().handlers:  # whatever logs, the token never shows
        handler.addFilter(RedactToken(settings.token))
    backend = _open_backend(settings, quiet=False)
    processes = settings.telegram.search_processes
    workers = None
    if processes:  # each worker loads the index that was just saved
        opener = partial(open_searcher, settings.corpus, settings.data_dir, settings.search)
        workers = SearchWorkers(processes, opener)
    from bot.telegram_news import NewsDesk

    news = open_news(settings, create=True)
    assert news is not None  # there is a data directory
    bot = NewsBot(
        backend,
        settings.telegram,
        results=settings.results,
        reopen=lambda: _open_backend(settings, quiet=True),
        workers=workers,
        desk=partial(NewsDesk, db=news, settings=settings.news, refresher=_refresher(settings)),
        on_started=_say_serving,
    )
    state = settings.data_dir / "telegram.pickle" if settings.data_dir else None
    app = build_application(
        bot, settings.token, base_url=settings.api_base_url, persistence_file=state
    )
    from bot.console import counted

    articles = counted(backend.info.n_articles, "article")
    # "serving" only once Telegram has accepted the token (on_started): a failed start
    # must not read as a running bot
    sys.stderr.write(f"newsbot: {articles}; starting on Telegram ({settings.telegram.mode})\n")
    from telegram.error import (
        BadRequest,
        InvalidToken,
        NetworkError,
        RetryAfter,
        TelegramError,
        TimedOut,
    )

    from retrieval.feedspec import public_url

    # no user name or password of the address either (http://user:pass@host/bot)
    shown = public_url(settings.api_base_url) if settings.api_base_url else "api.telegram.org"
    where = redact(shown, settings.token)
    try:
        run_application(app, settings.telegram)
    except InvalidToken as exc:  # its message holds the token
        if _not_json(exc):  # a 404 page: no Bot API there, whatever the token
            return _not_the_bot_api(settings, where)
        hint = ""
        if settings.api_base_url:  # another server said so: it may be no Bot API at all
            hint = (
                f"; if it already is, check that TELEGRAM_API_BASE_URL or telegram.api_base_url "
                f"({where}) is a Bot API server"
            )
        raise ConfigError(
            "Telegram rejected the bot token: set TELEGRAM_BOT_TOKEN, or token in the "
            f"[telegram] section of the config, to the token @BotFather gave this bot{hint}"
        ) from None
    except RetryAfter as exc:  # flood control: a bot restarted many times in a row
        with warnings.catch_warnings():  # int now, a timedelta in a later major version
            warnings.simplefilter("ignore", DeprecationWarning)
            wait = exc.retry_after
        seconds = int(wait.total_seconds() if isinstance(wait, timedelta) else wait)
        sys.stderr.write(
            f"newsbot: Telegram asks this bot to wait {seconds} s before starting again (flood "
            "control: it was started too often); start it again after that\n"
        )
        return EXIT_UNREACHABLE
    except NoBotAccount:  # JSON, but no bot's account: an echo server, a mock
        return _not_the_bot_api(settings, where, account=True)
    except TelegramError as exc:  # only start-up errors get here
        reason = redact(str(exc), settings.token)
        answered = exc.__cause__ is None and not isinstance(exc, TimedOut)  # no network error
        if _not_json(exc):  # "Invalid server response": a proxy's or a login page
            return _not_the_bot_api(settings, where)
        if isinstance(exc, NetworkError) and not isinstance(exc, BadRequest) and answered:
            # python-telegram-bot's error for a 5xx answer in the API's JSON
            sys.stderr.write(
                f"newsbot: the Telegram Bot API at {where} answered with an error ({reason}); "
                "it may be down for a while: try again later\n"
            )
        elif isinstance(exc, NetworkError) and not isinstance(exc, BadRequest):  # TimedOut too
            sys.stderr.write(
                f"newsbot: could not reach the Telegram Bot API at {where} ({reason}); "
                f"check the network, or {_api_base_url_named(settings)}\n"
            )
        else:  # it answered, and said no (python-telegram-bot's BadRequest is a NetworkError)
            sys.stderr.write(
                f"newsbot: the Telegram Bot API at {where} refused to start the bot ({reason}); "
                "check the [telegram] settings\n"
            )
        return EXIT_UNREACHABLE
    return 0


def _not_json(exc: BaseException) -> bool:
    """Whether python-telegram-bot failed to read the answer as JSON (it logged a ValueError
    and raised a TelegramError from it): a web page, not the Bot API, answered."""
    seen: BaseException | None = exc
    looked: set[int] = set()  # a chain may loop
    while seen is not None and id(seen) not in looked:
        if isinstance(seen, ValueError):
            return True
        looked.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    return False


def _not_the_bot_api(settings: Settings, where: str, *, account: bool = False) -> int:
    """A start that got a web page for an answer (or with `account`, JSON whose getMe result
    is no bot's account): a wrong api_base_url (status 2), or on the default address a proxy
    or a network's login page in the way (status 1)."""
    page = "answered with a page, not the {}API's JSON"
    said = "answered getMe, the first call, with no bot's account" if account else ""
    if settings.api_base_url:
        raise ConfigError(
            f"the server at {where} is not a Telegram Bot API (it {said or page.format('')}); "
            "set TELEGRAM_API_BASE_URL or telegram.api_base_url to a Bot API server, e.g. "
            "https://api.telegram.org/bot"
        ) from None  # the error it answers names the token
    sys.stderr.write(
        f"newsbot: {where} {said or page.format('Bot ')} (a proxy or a network's login "
        "page?); check the network\n"
    )
    return EXIT_UNREACHABLE


def _say_serving(name: str) -> None:
    """The line that says the bot runs: printed once Telegram has accepted the token and the
    bot has started (in webhook mode, its server listens)."""
    sys.stderr.write(f"newsbot: serving as @{name}; Ctrl-C stops\n")


def _refresher(settings: Settings) -> Refresher:
    """What the bot's refresh job runs in a thread: read the due feeds into the news store,
    apply retention, and open the updated library when anything changed."""
    from bot.telegram_news import Refreshed
    from retrieval.ingest import IngestReport, all_feeds, due_feeds, ingest_feeds, prune

    fetcher = _fetcher(settings)  # one for the bot's life: its connections and threads
    start = open_news(settings, create=True, check=False)
    assert start is not None
    with start:
        served = [start.last_seq()]  # the store's last change the served library holds
    # a feed's warnings are WARNINGs once, then INFO at later refreshes (a broken feed is
    # warned about once: its 100 pages gone 404 had been 100 WARNING lines a refresh)
    warned: set[tuple[str, str]] = set()

    def refresh(due_only: bool) -> Refreshed:
        db = open_news(settings, create=True, check=False)  # checked once at start
        assert db is not None
        with db:
            feeds = all_feeds(db, settings.news.feeds)
            todo = due_feeds(db, feeds) if due_only else feeds
            report = IngestReport()
            if todo:
                ingest_feeds(db, fetcher, todo, report=report, warned=warned)
            prune(db, settings.news.max_age_days, settings.news.max_articles, report)
            latest = db.last_seq()
        # also what a separate `newsbot ingest` stored meanwhile
        changed = latest != served[0]
        backend = _open_backend(settings, quiet=True) if changed else None
        served[0] = latest
        return Refreshed(report, backend)

    return refresh


def _open_backend(settings: Settings, *, quiet: bool) -> Backend:
    """The library for the configured sources (loaded, updated or built), as a bot Backend."""
    from bot.ask import LibraryFacts
    from bot.telegram_app import Backend
    from retrieval.search import Searcher

    report = _open_library(settings)
    if quiet:
        if report.skipped_anew:
            log.warning("skipped %d file(s) while reloading", report.skipped_anew)
    else:
        _warn_skipped(report)
    built = _built_at(settings.data_dir)
    facts = LibraryFacts(report.library, built)
    return Backend(Searcher(report.library), facts, report.generation)


def _built_at(data_dir: Path | None) -> datetime | None:
    """When the saved index was last written (its CURRENT pointer's time), if there is one."""
    pointer = data_dir / "CURRENT" if data_dir else None
    if pointer is None or not pointer.is_file():
        return None
    return datetime.fromtimestamp(pointer.stat().st_mtime, UTC)


SHOWN_SKIPPED = 3  # files skipped before (unchanged since) that a start names again


def _warn_skipped(report: OpenReport) -> None:
    """Name the bad files a saved index recorded (this start read them not, so no warning
    named them), the first SHOWN_SKIPPED of them, and count all that were skipped."""
    if report.skipped:
        from bot.console import counted
        from retrieval.loaders import shown_path

        before = report.skipped_before
        for path, reason in before[:SHOWN_SKIPPED]:
            sys.stderr.write(f"newsbot: skipped {shown_path(path)}: {reason}\n")
        skipped = counted(len(report.skipped), "file")
        hint = "; --debug lists them" if len(before) > SHOWN_SKIPPED else ""  # else all named
        sys.stderr.write(f"newsbot: skipped {skipped}{hint}\n")


class _ProgressBar:
    """A one-line progress bar on stderr, shown only on a terminal. While it is shown, a
    log line (a warning while indexing) starts on a line of its own, and the bar goes on
    below it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self._handlers = list(logging.getLogger().handlers)
        for handler in self._handlers:
            handler.addFilter(self._end_line)

    def __call__(self, done: int, total: int) -> None:
        if not self.stream.isatty() or total <= 0:
            return
        # within the terminal's width, and short of its last column: a line that wraps is
        # one "\r" cannot go back over, and every tick had left a line on a narrow terminal
        columns = _columns(self.stream)
        width = min(30, columns - 1 - len(f"indexing [] {total}/{total}"))
        if width >= 5:
            filled = width * done // total
            line = f"indexing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        else:  # too narrow for a bar
            line = f"indexing {done}/{total}"[: max(columns - 1, 1)]
        self.stream.write("\r" + line)
        self.stream.flush()
        self.shown = True

    def _end_line(self, record: logging.LogRecord) -> bool:
        if self.shown:
            self.stream.write("\n")
            self.shown = False
        return True

    def close(self) -> None:
        for handler in self._handlers:
            handler.removeFilter(self._end_line)
        self._end_line(logging.makeLogRecord({}))


def _columns(stream: TextIO) -> int:
    """The width of the terminal `stream` writes to: COLUMNS when set, else the terminal's
    (stdout's first, as shutil finds it: stdout may be a pipe), else 80."""
    try:
        own = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no file (a test's), or not a terminal
        own = 0
    return shutil.get_terminal_size((own or 80, 24)).columns or 80


if __name__ == "__main__":
    sys.exit(main())
