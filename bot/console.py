"""The console face: an interactive prompt and the output of one-shot questions."""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, BinaryIO, TextIO

from bot.answer import (
    NOTHING_FOUND,
    SUGGESTION,
    is_goodbye,
    render_article_text,
    render_text,
    small_talk,
)
from bot.ask import INTERNAL_ERROR, Searcher, ask, ask_with_hits, hit_record, typed_text
from bot.config import without_tokens
from retrieval.articles import Article, shows_nothing
from retrieval.loaders import utf16_without_bom
from retrieval.query import example_source
from retrieval.search import SearchResult
from retrieval.store import StoreError

if TYPE_CHECKING:
    from prompt_toolkit.history import History

log = logging.getLogger(__name__)

MAX_LINE_CHARS = 1 << 20  # of a line read from standard input (bytes, or characters)
HISTORY_BYTES = 1 << 20  # the end of the console's history file that is read
# Characters that JSON leaves as they are, escaped: those that end a line for Python's
# str.splitlines and JavaScript's line readers (U+0085, U+2028, U+2029), so that each answer
# stays one line for any reader, and the C1 controls, DEL and bidirectional overrides, which
# a terminal showing the JSON would act on (the text answers show them as U+FFFD). Only
# inside strings can JSON text hold them; parsed, the strings are the same.
_LINE_BREAKS = {
    code: f"\\u{code:04x}"
    for code in [*range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
_ESCAPED = re.compile("[" + "".join(map(chr, _LINE_BREAKS)) + "]")
QUIT = frozenset(
    {"quit", "exit", ":q", "q", "/quit", "/exit", "quit please", "exit please"}
    # other programs' ways out, typed from habit: psql's, vim's, a shell's
    | {"\\q", ":wq", ":q!", ":x", "logout", "exit(0)", "quit(0)", "exit 0"}
)
MORE = frozenset({"more", "/more", "m"})
HELP = frozenset({"help", "/help", "?"})
OPEN = frozenset({"open", "read", "/open", "/read", "o"})  # then a result's number
# what is typed after "open" as a result's number, right or wrong ("1", "#2", "3rd", "2.",
# "-1", "1.5", "٢"); with number words and single letters (`_result_like`) the console takes
# it as "open"; other words after it make a question ("open borders")
_NUMBERISH = re.compile(r"[#№]?[-+]?\d[\d.,]*(?:st|nd|rd|th)?", re.IGNORECASE)
# a result's number as typed: "#2", "2nd" and "2." are 2
_RESULT_NUMBER = re.compile(r"[#№]?(\d+)(?:st|nd|rd|th|\.)?", re.IGNORECASE)
_NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        [
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
        ],
        start=1,
    )
    for word in words
}


# words around a result's number that name no result: "open the second one", "open number 2",
# "open no. 2", "read story 3"
_POLITE = frozenset(["please", "pls", "plz"])  # "open 2 please", "2 please"
_AROUND_NUMBER = frozenset(
    ["the", "number", "no", "no.", "nr", "nr.", "result", "story", "article", *_POLITE]
)
_NUMBER_NAMED = frozenset(["number", "result"])  # words that make a number a result's
_ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|first|second|third|(?:four|fif|six|seven|eigh|nin)th|tenth"
)


def _result_words(words: list[str]) -> list[str]:
    """The words after "open" less those around a result's number ("the second one" is
    "second"), or as typed when nothing else would be left."""
    # "open 2?", "open two!", "open (2)", "open 2)"
    words = [word.rstrip("?!").strip("()") or word for word in words]
    kept = [word for word in words if word.casefold() not in _AROUND_NUMBER]
    if len(kept) == 2 and kept[1].casefold() == "one" and _ORDINAL.fullmatch(kept[0].casefold()):
        kept = kept[:1]
    return kept if kept else words


# how people ask a chat for the next results: "show me more", "tell me more", "next one"
_MORE_WORDS = re.compile(
    r"(?:(?:show|tell|give|send)(?: me)? |(?:any|some|one) )?more(?: (?:results|stories|please))?"
    r"(?: please)?|next(?: (?:page|one|results|please))?",
    re.IGNORECASE,
)


def paging_words(text: str) -> bool:
    """Whether `text` is the console's words for the next results or for opening one ("more",
    "open 2", "read the second one"), or a chat's ("show me more", "next one"): what a
    chat's buttons do, which a question there would search for."""
    text = text.strip().rstrip(".!?").strip()
    if not text:
        return False
    verb, *words = text.split()
    if verb.lower() in OPEN and words and all(map(_result_like, _result_words(words))):
        return True
    return text.lower() in MORE or bool(_MORE_WORDS.fullmatch(" ".join(text.split())))


CHAT_RESULTS = 20  # a bare number in a chat up to this asks for a result ("2", "#3", "5.")


def names_a_result(text: str) -> bool:
    """Whether a chat's message names a result the way the console opens one, without
    "open": a bare small number ("2", "#2", "3."), or an ordinal in words ("the second one",
    "2 please"). A chat has buttons for it; searched, "2" had found "Middlesbrough 2-2
    Charlton". "1984", "No 10", "Number 10" (Downing Street), "the 19th" and "Article 5"
    are questions."""
    typed = text.strip().rstrip("?!")
    if (number := _BARE_NUMBER.fullmatch(typed)) is not None:
        return 1 <= int(number[1]) <= CHAT_RESULTS
    if (ordinal := _DIGIT_ORDINAL.fullmatch(typed)) is not None:  # "2nd", "the 1st"
        return 1 <= int(ordinal[1]) <= NAMED_RESULTS
    named = _named_result(typed)
    # "number 3", "2nd story", "3rd please" up to NAMED_RESULTS; "Number 10" is Downing
    # Street, "the 19th" a day or an amendment
    return named is not None and (named <= NAMED_RESULTS or _IN_DIGITS.search(typed) is None)


NAMED_RESULTS = 9  # "number N" and "Nth" name a result up to this
_BARE_NUMBER = re.compile(r"[#№]?(\d{1,3})\.?")  # "2", "#2", "2."
_DIGIT_ORDINAL = re.compile(r"(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)(?:\s+one)?", re.IGNORECASE)
_IN_DIGITS = re.compile(r"\d")


def _result_like(typed: str) -> bool:
    """Whether a word after "open" is meant as a result's number, right or wrong."""
    single_letter = len(typed) == 1 and typed.isalpha()
    return bool(_NUMBERISH.fullmatch(typed)) or typed.casefold() in _NUMBER_WORDS or single_letter


def _result_number(typed: str) -> int | None:
    """The result number typed after "open" ("2", "#2", "2nd", "2.", "two"), or None."""
    if (word := _NUMBER_WORDS.get(typed.casefold())) is not None:
        return word
    found = _RESULT_NUMBER.fullmatch(typed)
    # int() refuses over 4,300 digits: no result is numbered so high anyway
    if found is None or len(found.group(1)) > 9:
        return None
    return int(found.group(1))


# a word of 24 characters or more of letters in both cases and digits: an API key, a token's
# secret part (no word of a question is so)
_SECRET_SHAPED = re.compile(r"(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d)[A-Za-z0-9_-]{24,}")


def counted(n: int, noun: str) -> str:
    """ "1 article", "2,000 articles"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


BANNER = (
    "Newsbot: ask about the news ({articles}, {paragraphs}).\n"
    "Type a question; 'more' shows the next results, 'help' the rest; 'quit' leaves."
)
# at most 80 columns a line, a standard terminal's width: wider lines wrapped mid-word and
# broke the table's columns
_HELP = """\
A question in plain words gets the best-matching passages; each line is one
question (pasted lines too). Narrow a question with:
  source:NAME       articles from that source{example}
  since:WHEN        published on or after WHEN:
                    2024-05-01, 2024-05, 7d, 2w, 3m, 1y, today
  before:WHEN       published before WHEN
  "exact words"     articles that hold these words in this order
  -word             articles that never use the word
more (or next)      the next results for the last question
open N (or read N)  result N of the last question in full
help (or ?)         this list
quit, exit, Ctrl-D  leave; Ctrl-C cancels an answer being looked for"""
_EXAMPLE_INDENT = "\n" + " " * 20


def help_text(sources: Sequence[str] = ()) -> str:
    """What `help` shows, its source: example one of these sources (the library's, most
    articles first; `example_source`), one with spaces in its name when there is one:
    `source:"BBC News"` had been shown of a library without it."""
    spaced = example_source(name for name in sources if " " in name.strip())
    if spaced is not None:
        return _HELP.format(example=f"{_EXAMPLE_INDENT}({spaced} for a name with spaces)")
    plain = example_source(sources)
    return _HELP.format(example=f"{_EXAMPLE_INDENT}(such as {plain})" if plain else "")


HELP_TEXT = help_text()  # of a library whose sources are not known: no example
LIKELY_RESULTS = 99  # a plain number above this, no result's, is a question's ("read 1984")


def _command(text: str) -> str:
    """A line as the command word it may be: in lower case, one space between words, without
    the .!? after it ("quit.", "More?") or a call's "()" ("exit()"); "?" stays "?"."""
    word = " ".join(text.lower().split()).removesuffix(";").removesuffix("()")
    return word.rstrip(".!?") or word


def _named_result(typed: str) -> int | None:
    """The result a line names without "open" ("the second one", "number 2", "the 3rd
    story"), or None: an ordinal with words around it, or a number after "number" or
    "result". "No 10" (Downing Street) and "Article 5" (NATO's) are questions."""
    words = typed.split()
    kept = _result_words(words)
    if len(words) < 2 or len(kept) != 1 or len(kept) == len(words):
        return None
    word = kept[0].casefold()
    if _ORDINAL.fullmatch(word):
        return _result_number(word)
    around = {typed.casefold() for typed in words} - {word}
    if _RESULT_NUMBER.fullmatch(word) and (
        not _NUMBER_NAMED.isdisjoint(around) or around <= _POLITE  # "2 please"
    ):
        return _result_number(word)
    return None


def _opens(verb: str, numbers: list[str], shown: dict[int, Article]) -> bool:
    """Whether a line of `verb` and `numbers` (its words after it, as _result_words leaves
    them) asks to open a result, rightly or not ("open 2", "open x", "open 1.5"). A plain
    number above LIKELY_RESULTS that no result has is a question's word: "read 1984" is the
    novel, not result 1984."""
    if verb.lower() not in OPEN or not all(map(_result_like, numbers)):
        return False
    if len(numbers) == 1 and numbers[0].isdecimal():
        number = _result_number(numbers[0])  # None: too long to be any result's, a typo
        return number is None or number <= LIKELY_RESULTS or number in shown
    return True


def run_console(
    searcher: Searcher,
    *,
    k: int = 3,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    banner: str = "",
    history: Path | None = None,
    as_of: date | None = None,
    example: str | None = None,
    sources: Sequence[str] = (),
) -> int:
    """The interactive loop; with a terminal it has line editing and history, and Ctrl-C
    cancels the answer being computed. `example`: a question the library answers, which
    the replies to small talk ("hi", "who are you?") suggest; `sources`: the library's,
    most articles first, for `help`'s example."""
    out = stdout or sys.stdout
    color = wants_color(out)
    if banner:
        print(banner, file=out)
    question = ""  # what 'more' pages on: the last question that found something
    offset = 0
    answered = False  # a question was asked (and found nothing, if `shown_articles` is empty)
    # typed at a terminal while the answers go to a pipe or a file (`newsbot console | tee
    # answers.txt`): the prompt and the typing are shown on stderr, as Python's own prompt
    # is; they had not been shown at all
    screen = sys.stdout if sys.stdout.isatty() else sys.stderr
    interactive = stdin is None and sys.stdin.isatty() and screen.isatty()
    shown_articles: dict[int, Article] = {}  # the last question's results, by their number
    for entry in _entries(stdin, history, interactive=interactive, screen=screen):
        printing = False
        try:
            for line in entry.split("\n"):  # a paste of several lines: each is a question
                # a byte order mark at a line's start (files joined with cat), as `ask --json -`
                text = line.strip().lstrip("\ufeff")
                if shows_nothing(text):
                    continue
                word = _command(text)
                # a goodbye small talk answers ("bye", "ok bye", "see you later") leaves, as
                # 'quit' does: it had said "Goodbye!" and stayed open
                if word in QUIT or is_goodbye(text):
                    return 0
                if word in HELP:
                    print(help_text(sources), file=out)
                    continue
                verb, *words = text.split()
                if verb.lower() == "show" and words[:1] and words[0].lower() == "me":
                    # "show me 2", "show me the second one": open ("show me more" pages on)
                    shown_words = _result_words(words[1:])
                    if words[1:] and all(map(_result_like, shown_words)):
                        verb, words = "open", words[1:]
                numbers = _result_words(words)
                if _opens(verb, numbers, shown_articles):
                    printing = True
                    print(_opened(shown_articles, numbers, color, answered), file=out)
                    printing = False
                    continue
                # a bare number of a result shown ("2", "#2", "2."): that result; one of no
                # result, while an answer shows some, is told so ("No good match for “2”"
                # had answered it); above LIKELY_RESULTS it is a question's ("1984")
                typed = text.rstrip("?!")
                number = _result_number(typed) if _RESULT_NUMBER.fullmatch(typed) else None
                if number is not None and (
                    number in shown_articles or (shown_articles and number <= LIKELY_RESULTS)
                ):
                    printing = True
                    print(_opened(shown_articles, [typed], color, answered), file=out)
                    printing = False
                    continue
                # ... or named so ("the second one", "number 2"): searched, it had replaced
                # the answer whose result it meant
                if (named := _named_result(typed)) is not None and shown_articles:
                    printing = True
                    print(_opened(shown_articles, [str(named)], color, answered), file=out)
                    printing = False
                    continue
                # "more", "next", "more?", "show me more": the words paging_words tells a
                # chat to tap the button for; searched, "next" had found Next plc's news
                if verb.lower() not in OPEN and paging_words(text):
                    if not question:
                        print("Ask a question first.", file=out)
                        continue
                    asked, first = question, offset + k
                else:
                    asked, first = text, 0
                reply, hits = ask_with_hits(
                    searcher, asked, k, offset=first, as_of=as_of, example=example
                )
                shown = render_text(reply, color=color, first=first + 1)
                if reply.chat:  # "thanks", "ok": the last question and its results stay
                    print(shown, file=out)
                    continue
                if not first:
                    # 'more' after an answer with no results (or an error) has nothing to page
                    question, answered = (asked if reply.has_hits else ""), True
                    shown_articles.clear()
                if reply.has_hits:
                    offset = first
                shown_articles.update(enumerate((hit.article for hit in hits), start=first + 1))
                if first and not reply.has_hits:
                    print("No more results for that question.", file=out)
                    continue
                printing = True
                print(shown, file=out)
                if reply.has_more:
                    print("(type 'more' for further results)", file=out)
                out.flush()
                printing = False
        except KeyboardInterrupt:
            # while an answer is looked for (as if not asked: 'more' pages the last answer) or
            # printed (most of an answer's time on a slow terminal): back to the prompt
            if not interactive:  # piped questions: Ctrl-C stops them all
                raise
            print("\n(cancelled)" if printing else "(cancelled)", file=out)
            # the rest of a paste too: back to the prompt
    return 0


def _opened(shown: dict[int, Article], numbers: list[str], color: bool, asked: bool) -> str:
    """The result of the last question that `numbers` (typed after "open") names, in full,
    or why there is none (`asked`: a question was asked, and found nothing)."""
    if not shown:
        if asked:  # "Ask a question first" had answered one just asked
            return "The last answer has no results to open; ask another question."
        return "Ask a question first; then 'open 1' shows its first result in full."
    typed = numbers[0] if len(numbers) == 1 else "1" if not numbers else ""
    number = _result_number(typed)
    has = f"1-{max(shown)}" if max(shown) > 1 else "only result 1"  # not "1-1"
    if number is None:
        return f"Type one result number after 'open'; the last answer has {has}."
    article = shown.get(number)
    if article is None:
        return f"There is no result {number} to open; the last answer has {has}."
    return render_article_text(article, color=color)


PROMPT = "newsbot> "


def _entries(
    stdin: TextIO | None, history: Path | None, *, interactive: bool, screen: TextIO
) -> Iterator[str]:
    """What is entered at once: a line typed or pasted at a prompt (prompt_toolkit on a
    terminal; a plain prompt on a dumb one), or a line read from a stream. The prompt is
    shown on `screen`, the terminal: stdout, or stderr when stdout is not one."""
    if interactive and os.environ.get("TERM") == "dumb":
        yield from _plain_prompt(screen)
        return
    if interactive:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.output import create_output

        session: PromptSession[str] = PromptSession(
            history=_history(history),
            output=None if screen is sys.stdout else create_output(stdout=screen),
        )
        # SIGTERM and SIGHUP (kill, timeout, a closed terminal window) ended the process in
        # the prompt's raw mode: the shell after it showed no typing. Now they end the prompt
        # as Ctrl-D does, so prompt_toolkit restores the terminal. An ignored one (nohup)
        # stays ignored.
        leaving = [getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP")]
        before = {
            number: signal.signal(number, _leave)
            for number in leaving
            if number is not None and signal.getsignal(number) is signal.SIG_DFL
        }
        try:
            while True:
                try:
                    yield session.prompt(PROMPT)
                except KeyboardInterrupt:
                    continue
                except EOFError:
                    return
                except _Signalled as signalled:  # the status the signal itself gives
                    raise SystemExit(128 + signalled.number) from None
        finally:
            for number, handler in before.items():
                signal.signal(number, handler)
    yield from read_lines(stdin or sys.stdin)


def _plain_prompt(screen: TextIO) -> Iterator[str]:
    """Lines typed at "newsbot> " on a terminal that takes no control codes (TERM=dumb: an
    editor's shell buffer), with no line editing: prompt_toolkit's dumb mode still wrote
    cursor codes ("\x1b[?25h") before each prompt. Ctrl-C clears the line, as at its prompt."""
    while True:
        screen.write(PROMPT)
        screen.flush()
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            screen.write("\n")
            continue
        if not line:
            screen.write("\n")
            return
        yield line


class _Signalled(Exception):
    """The prompt ended by a signal (SIGTERM, SIGHUP), its `number`."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _leave(number: int, frame: FrameType | None) -> None:
    """A signal handler: at the prompt, end it, as its own key bindings would (an exception
    raised here could cut its event loop short mid-step, the terminal left raw); elsewhere
    (an answer being looked for) leave with the status the signal's default action gives:
    143 for SIGTERM, 129 for SIGHUP."""
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is None or app.future is None or app.future.done():
        raise SystemExit(128 + number)
    app.exit(exception=_Signalled(number))


def read_lines(stream: TextIO, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """A text stream's lines; read from its bytes when it has them, so that what is not UTF-8
    becomes U+FFFD whatever the locale's decoding (which may raise, or smuggle the bytes
    through to the output as lone surrogates). A byte order mark is dropped; a line ends at
    \n, \r\n or a lone \r, as a file's lines do in the article loaders. A line longer
    than `limit` is cut there and the rest of it skipped unread into memory (`< /dev/zero`
    grew without end; a question uses its first 2,000 characters anyway)."""
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    # Loops, not `yield from`: closing this generator (e.g. after "quit") would close the stream.
    if raw is None:
        while line := stream.readline(limit):
            if len(line) >= limit and not line.endswith("\n"):
                while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                    pass  # the rest of the line, a piece at a time
            yield line
        return
    peek = getattr(raw, "peek", None)
    head = peek(400)[:400] if peek is not None else b""
    # (three characters are enough here: "EU" and its line end had been read as "E\x00U\x00")
    codec = _unicode_bom(head[:4]) or utf16_without_bom(head, least=3)
    # UTF-16 or UTF-32 with its byte order mark (PowerShell 5's `>`), UTF-16 without one
    # (`iconv -t UTF-16LE`: its questions had been searched as "n\x00i\x00g..."), else UTF-8
    # (its BOM dropped); lines end at \n, \r\n or a lone \r (an old Mac's, or a program's
    # that writes so): "volcano\rfloods" had been one question
    wrapped = io.TextIOWrapper(raw, encoding=codec or "utf-8-sig", errors="replace", newline=None)
    try:
        while line := wrapped.readline(limit):
            if len(line) >= limit and not line.endswith("\n"):
                while (rest := wrapped.readline(limit)) and not rest.endswith("\n"):
                    pass  # the rest of the line, a piece at a time
            yield line
    finally:
        wrapped.detach()  # the stream stays open, as the caller's


def _unicode_bom(head: bytes) -> str | None:
    """The codec of text that starts with a UTF-32 or UTF-16 byte order mark, or None."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _history(path: Path | None) -> History:
    """The prompt's history: kept in `path` when it can be, else for this session only."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    if path is None:
        return InMemoryHistory()

    class Kept(FileHistory):
        """prompt_toolkit's file history, that reads only the file's last HISTORY_BYTES
        (a history of 350 MB took 750 MB and 14 s before the first answer) and whose read
        or write failing later (a full disk, a file made unreadable) costs the history
        only, with one warning: prompt_toolkit reported it on every prompt, with "Press
        ENTER to continue", which swallowed the next question."""

        failed = False

        def append_string(self, string: str) -> None:
            # not kept at all, as bash's ignorespace keeps no line typed after a space; nor a
            # pasted bot token, in a file that outlives the session, nor a line that is a key
            # alone (the token's part after its colon: no question is one such word)
            if (
                string.startswith(" ")
                or without_tokens(string) != string
                or _SECRET_SHAPED.fullmatch(string.strip())
            ):
                return
            super().append_string(string)

        def load_history_strings(self) -> Iterable[str]:
            try:
                with open(self.filename, "rb") as f:
                    size = f.seek(0, os.SEEK_END)
                    f.seek(max(0, size - HISTORY_BYTES))
                    tail = f.read()
            except FileNotFoundError:
                return []
            except OSError as exc:
                self.give_up(exc)
                return []
            if size > HISTORY_BYTES:  # from an entry's start (none: one entry of a MiB)
                start = tail.find(b"\n#")
                tail = tail[start + 1 :] if start >= 0 else b""
            # as FileHistory reads it: "+" lines make an entry, any other line ends one
            entries: list[str] = []
            lines: list[str] = []
            for raw in tail.split(b"\n"):
                if raw.startswith(b"+"):
                    lines.append(raw[1:].decode("utf-8", "replace"))
                elif lines:
                    entries.append("\n".join(lines))
                    lines = []
            if lines:
                entries.append("\n".join(lines))
            return reversed(entries)

        def store_string(self, string: str) -> None:
            if self.failed:
                return
            try:
                super().store_string(string)
            except OSError as exc:
                self.give_up(exc)

        def give_up(self, exc: OSError) -> None:
            if not self.failed:
                self.failed = True
                log.warning("console history not kept (%s); this session's only", exc)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():
            if path.is_char_device():  # /dev/null, or a link to it: the history switched off
                return InMemoryHistory()
            raise IsADirectoryError(f"{path} is not a file")
        # created here, not by prompt_toolkit (which reports a failure on every prompt), and
        # readable by its owner only, as shells keep theirs; an existing file keeps its mode
        os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
    except OSError as exc:
        if not (path.is_file() and os.access(path, os.R_OK)):
            log.warning("console history not kept (%s); this session's only", exc)
            return InMemoryHistory()
        # a history that can be read but not written (a read-only file or disk): the earlier
        # lines are still there to recall
        log.warning("console history not saved (%s); the earlier lines are recalled", exc)
        kept = Kept(str(path))
        kept.failed = True
        return kept

    return Kept(str(path))


def wants_color(out: TextIO) -> bool:
    """Bold headlines and words only on a terminal that shows them, unless NO_COLOR is set
    (no-color.org) or the terminal is dumb."""
    return out.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def holds_unicode(stream: TextIO) -> bool:
    """Whether the stream's encoding can write every character (UTF-8, UTF-16 ...); a stream
    without one (a StringIO) holds str."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


# what the answers' own marks are written as where the output's encoding lacks them: a
# trimmed passage opened with "?" (its "…"), and "AP ? 2 Apr" stood for "AP · 2 Apr"
_PLAIN_MARKS = {
    "\u2026": "...",
    "\u00b7": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}


def _plain_marks(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: punctuation as its ASCII look-alike, anything else as "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_PLAIN_MARKS.get(char, "?") for char in bad), error.end


codecs.register_error("newsbot-plain", _plain_marks)


def tolerant_stdout() -> None:
    """Standard output in an encoding that lacks some characters (PYTHONIOENCODING=latin-1, a
    Windows code page) shows "?" for them instead of ending the answer in a traceback, and
    the answers' own marks ("…", "·", curly quotes, dashes) as their ASCII look-alikes; JSON
    escapes them instead (print_json), so it stays whole."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and not holds_unicode(stream):
        stream.reconfigure(errors="newsbot-plain")


# "more", "open 2", "next" asked on their own (`ask`, `ask --json -`): there is no answer
# before them to page or open; searched, they had found "No good match for “open 2”"
PAGING_ALONE = (
    "Each question is read on its own here: “more” and “open N” page through and open the "
    "results of the question before them in the console (newsbot console) or a chat."
)


def print_answer(
    searcher: Searcher, question: str, k: int, as_of: date | None, *, example: str | None = None
) -> None:
    """One question answered as terminal text; small talk suggests `example`, if any."""
    if paging_words(question):
        print(PAGING_ALONE)
        return
    reply = ask(searcher, question, k, as_of=as_of, example=example)
    print(render_text(reply, color=wants_color(sys.stdout)))


def _found_nothing(question: str, result: SearchResult) -> bool:
    """Whether an answer found no passage for a question asked (not a blank line, not an
    error, which says why itself, not small talk nor "more" asked alone, whose note is the
    reply)."""
    return (
        bool(question.strip())
        and not result.hits
        and not result.error
        and not (result.note and (small_talk(question) or paging_words(question)))
    )


def _warm_for(searcher: Searcher, question: str | None) -> None:
    """Warm the searcher with the question about to be timed, so its took_ms leaves out
    what it loads on first need (the spelling dictionary, for a word few articles use: 0.1
    s) without loading, for one question, what it does not need. A question that meets a
    bug here meets it again when asked, and its answer says so: no traceback from warming."""
    try:
        searcher.warm(question=question)
    except Exception:
        log.debug("warming with %r failed", question, exc_info=True)


def print_json(
    searcher: Searcher,
    questions: Iterable[
        tuple[str, date | None]
        | tuple[str, date | None, int | None]
        | tuple[str, date | None, int | None, str | None]
    ],
    k: int,
    out: TextIO | None = None,
    *,
    stream_of_questions: bool = False,
    example: Callable[[], str | None] | None = None,
) -> None:
    """One JSON object a line for each question: the hits and the time they took. A
    question may bring its own k (a third item; None: `k`), and a note on how it was read
    (a fourth), which its record's note leads with. Small talk's note is the console's
    reply, with the library's example question (`example`, looked up at the first)."""
    stream = out or sys.stdout
    examples: list[str | None] = []  # the example, once looked up
    plain = not holds_unicode(stream)  # \u escapes: JSON that any encoding can carry
    # took_ms leaves out start-up, the first question's too: for a stream, what any
    # question may load on first need (the dictionary the first typo loads); for questions
    # given at once (`ask --json QUESTION`), what the first of them loads, and no more
    if stream_of_questions:
        searcher.warm(spelling=True)
    else:
        questions = list(questions)
        _warm_for(searcher, typed_text(questions[0][0]) if questions else None)
    for item in questions:
        typed, as_of = item[0], item[1]
        wanted = (item[2] if len(item) > 2 else None) or k
        question = typed_text(typed)
        started = time.perf_counter()
        hits: list[dict[str, object]] = []
        try:
            if chat := small_talk(question, examples[0] if examples else None):
                if example is not None and not examples:  # the first small talk: its example
                    paused = time.perf_counter()
                    examples.append(example())
                    chat = small_talk(question, examples[0]) or chat
                    started += time.perf_counter() - paused  # as start-up is, not took_ms
                result = SearchResult((), note=chat)  # the console's reply
            elif paging_words(question):
                result = SearchResult((), note=PAGING_ALONE)
            else:
                # a JSON answer offers no next page: no passage beyond it is looked for
                result = searcher.search(question, wanted, as_of=as_of, more=False)
                hits = [hit_record(h) for h in result.hits]
        except StoreError:
            raise  # a damaged index: no question can be answered; the message says the fix
        except Exception:  # a bug must not end the stream: this line answers, the next go on
            log.debug("could not answer %r", question, exc_info=True)
            result, hits = SearchResult((), error=INTERNAL_ERROR), []
        took = round((time.perf_counter() - started) * 1000, 3)
        record: dict[str, object] = {"question": question, "took_ms": took, "hits": hits}
        read = item[3] if len(item) > 3 else None
        # nothing found says so, as the text answer does ("No good match ... Try fewer ...")
        empty = f"{NOTHING_FOUND}. {SUGGESTION}" if _found_nothing(question, result) else None
        if note := " ".join(filter(None, (read, result.note, empty))):
            record["note"] = note
        if result.error:
            record["error"] = result.error
        line = json.dumps(record, ensure_ascii=plain)
        if _ESCAPED.search(line):  # a scan, not a translation of every line
            line = line.translate(_LINE_BREAKS)
        print(line, file=stream)
        stream.flush()
