"""Tests for bot/console.py: the interactive loop over text streams, and JSON output."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOTHING_FOUND, SUGGESTION, small_talk
from bot.console import HELP_TEXT, PAGING_ALONE, print_answer, print_json, run_console
from retrieval.articles import Article, Paragraph
from retrieval.library import Library, SearchConfig
from retrieval.search import Searcher, SearchResult

NIGER = Article(
    id="niger-troops",
    headline="U.S. agrees to withdraw troops from Niger",
    paragraphs=(
        Paragraph("The United States will withdraw about 1,000 troops from Niger after talks."),
        Paragraph("Officials said the withdrawal of the soldiers would be orderly."),
        Paragraph(
            "Protesters in Niamey demanded the departure of the American soldiers.",
            section="Protests",
        ),
    ),
    published=date(2024, 3, 17),
    source="AP",
    url="https://example.com/niger-troops",
)
FLOODS = Article(
    id="niger-floods",
    headline="Floods on the Niger river force thousands from their homes",
    paragraphs=(
        Paragraph("Heavy rain swelled the Niger river, flooding villages near Niamey."),
        Paragraph("Aid groups handed out tents and clean water to families."),
    ),
    source="Reuters",
)
MARS = Article(
    id="mars",
    headline="NASA plans first outposts on Mars",
    paragraphs=(
        Paragraph("NASA said astronauts could build the first outposts on Mars after 2060."),
        Paragraph("The Curiosity rover keeps rolling across the Martian desert."),
    ),
    source="BBC",
)
WHEAT = Article(
    id="wheat",
    headline="Drought cuts the wheat harvest in Kansas",
    paragraphs=(
        Paragraph("Farmers in Kansas expect the smallest wheat harvest in decades."),
        Paragraph("Bread prices may rise as a result, economists said."),
    ),
)
ARTICLES = {a.id: a for a in (NIGER, FLOODS, MARS, WHEAT)}

NIGER_FIRST = "1. U.S. agrees to withdraw troops from Niger"
FLOODS_FIRST = "1. Floods on the Niger river force thousands from their homes"
FLOODS_SECOND = "2. Floods on the Niger river force thousands from their homes"
MARS_FIRST = "1. NASA plans first outposts on Mars"
MORE_HINT = "(type 'more' for further results)"
NO_MORE = "No more results for that question."


@pytest.fixture
def searcher() -> Searcher:
    """A Searcher over the four hand-written articles."""
    library = Library(SearchConfig())
    library.add(list(ARTICLES.values()))
    return Searcher(library)


def run(searcher: Searcher, text: str, **options: object) -> str:
    """What the console prints for the typed `text`; it must exit with status 0."""
    out = io.StringIO()
    status = run_console(searcher, stdin=io.StringIO(text), stdout=out, **options)  # type: ignore[arg-type]
    assert status == 0
    return out.getvalue()


# --- the loop ---------------------------------------------------------------------------------


def test_question_prints_the_best_headline_first(searcher: Searcher) -> None:
    out = run(searcher, "Why are troops withdrawing from Niger?\n")

    assert out.startswith(NIGER_FIRST + "\n")
    assert "AP · 17 Mar 2024" in out
    assert "https://example.com/niger-troops" in out
    assert FLOODS_SECOND in out  # also mentions Niger, ranked below
    assert "NASA" not in out
    assert MORE_HINT not in out  # two hits fit in one page of three


def test_small_talk_gets_a_reply_not_a_search(searcher: Searcher) -> None:
    out = run(searcher, "hello!\nthank you so much\nhello Niger troops\n")

    greeting, thanks, question = out.split("\n", 2)
    assert greeting.startswith("Hello! Ask me about the news in your own words")
    assert thanks == "You're welcome! Ask me anything else about the news."
    assert question.startswith(NIGER_FIRST)  # more than a greeting: a question
    assert run(searcher, "thanks\nmore\n").endswith("Ask a question first.\n")


def test_small_talk_suggests_the_example_of_the_library(searcher: Searcher) -> None:
    # it suggested "why are US troops leaving Niger?", whatever the library held
    out = run(searcher, "hi\n", example="Floods on the Niger river")
    assert (
        out
        == "Hello! Ask me about the news in your own words, such as “Floods on the Niger river”.\n"
    )
    assert run(searcher, "hi\n") == "Hello! Ask me about the news in your own words.\n"


def test_small_talk_leaves_the_last_answer_alone(searcher: Searcher) -> None:
    # "thanks" threw the answer away: 'more' and 'open 2' then said "Ask a question first",
    # the results still on the screen
    out = run(searcher, "troops withdraw Niger\nthanks\nmore\nok\ncool\nhelp me\nopen 2\n", k=1)

    assert "Ask a question first" not in out
    assert FLOODS_SECOND in out  # 'more' after "thanks": the next page of the question
    assert out.endswith("\n\n".join(p.text for p in FLOODS.paragraphs) + "\n")


def test_banner_comes_first(searcher: Searcher) -> None:
    out = run(searcher, "Mars outposts\n", banner="Welcome to Newsbot")

    assert out.startswith("Welcome to Newsbot\n" + MARS_FIRST)


def test_more_pages_through_the_ranking(searcher: Searcher) -> None:
    out = run(searcher, "troops withdraw Niger\nmore\nMORE\n", k=1)

    first, rest = out.split(MORE_HINT + "\n")
    assert first.startswith(NIGER_FIRST)
    assert "Floods" not in first
    assert rest.startswith(FLOODS_SECOND)  # the numbering goes on, as in Telegram
    assert "U.S. agrees" not in rest
    assert rest.rstrip("\n").endswith(NO_MORE)
    assert MORE_HINT not in rest


def test_open_shows_a_result_of_the_last_answer_in_full(searcher: Searcher) -> None:
    out = run(searcher, "open 1\ntroops withdraw Niger\nmore\nopen 2\nopen 9\nopen AI\n", k=1)

    assert "Ask a question first; then 'open 1'" in out
    whole = out.split(FLOODS_SECOND)[1]
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in whole  # every paragraph, in order
    assert "There is no result 9 to open; the last answer has 1-2." in out
    assert out.count("No good match for “open AI”") == 1  # words after open: a question
    one = run(searcher, "troops withdraw Niger\nopen 2\n", k=1)
    assert "There is no result 2 to open; the last answer has only result 1." in one  # not 1-1
    # after an answer with no results it had said "Ask a question first"; "open 2?" had been
    # searched as a question
    none = run(searcher, "qwxzv plorp\nopen 1\ntroops withdraw Niger\nopen 2?\n", k=2)
    assert "The last answer has no results to open; ask another question." in none
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in none


def test_open_with_a_digit_that_is_no_number_is_a_question(searcher: Searcher) -> None:
    """ "²" and "①" are digits to str.isdigit but no numbers to int(): words, as "open AI"."""
    out = run(searcher, "troops withdraw Niger\nopen \u0662\nopen \u00b2\nopen \u2460\n", k=2)
    assert "No good match for “open \u00b2”" in out
    assert "No good match for “open \u2460”" in out
    # an Arabic-Indic two is a number: the second result in full
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in out


def test_open_with_a_malformed_number_says_so_and_keeps_the_answer(searcher: Searcher) -> None:
    # "open -1" and "open 1.5" were searched as news questions, replacing the numbered
    # results; "open" and 5,000 digits ended the console with a traceback (int() refuses
    # over 4,300 digits)
    typos = ["open -1", "open 1.5", "open\t1 2", "open " + "9" * 5000, "read +2"]
    out = run(searcher, "troops withdraw Niger\n" + "\n".join(typos) + "\nopen 2\n", k=2)
    told = "Type one result number after 'open'; the last answer has 1-2."
    assert out.count(told) == len(typos)
    assert "No good match" not in out
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in out  # result 2 is still result 2


def test_open_takes_a_number_as_people_write_it(searcher: Searcher) -> None:
    # "open #2", "open 2nd" and "open two" were searched as news questions, replacing the
    # numbered results, so that a following "open 2" found nothing to open
    whole = "\n\n".join(p.text for p in FLOODS.paragraphs)
    for typed in (
        "open #2",
        "open 2nd",
        "open 2.",
        "open two",
        "read Second",
        "open №2",
        "open the second one",
        "open number 2",
        "open no. 2",
        "read story 2",
        "open the 2nd",
        # as people ask a chat: these had been searched
        "open 2 please",
        "show me 2",
        "show me the second one",
        "2 please",
    ):
        out = run(searcher, f"troops withdraw Niger\n{typed}\n", k=2)
        assert whole in out, typed
        assert "No good match" not in out
    # words that name no result are words of a question: "open the borders" is searched
    out = run(searcher, "troops withdraw Niger\nopen the\nopen the flood gates\n", k=2)
    assert "Type one result number" not in out
    assert out.count("1. ") == 2  # the first question and the flood gates ("the" finds none)


def test_open_with_a_letter_says_so_and_keeps_the_answer(searcher: Searcher) -> None:
    out = run(searcher, "troops withdraw Niger\nopen x\nopen 2\n", k=2)
    assert "Type one result number after 'open'; the last answer has 1-2." in out
    assert "No good match" not in out
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in out


@pytest.mark.parametrize(
    "word", ["next", "more?", "More!", "more.", "more please", "show me more", "next one"]
)
def test_the_words_for_the_next_results_page_on(searcher: Searcher, word: str) -> None:
    # what paging_words knows (Telegram tells a chat to tap More for them) was searched
    # here: "next" found stories about Next plc, and 'open 2' then opened one of those
    out = run(searcher, f"troops withdraw Niger\n{word}\nopen 2\n", k=1)

    assert FLOODS_SECOND in out
    assert "No good match" not in out
    assert out.endswith("\n\n".join(p.text for p in FLOODS.paragraphs) + "\n")


@pytest.mark.parametrize(
    "question",
    [
        "more news",
        "open source software",
        "help desk jobs",
        "next election",
        "show me trump",
        "show me 2024",
        "No 10 please",
    ],
)
def test_a_question_that_starts_with_a_command_word_is_searched(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    asked: list[str] = []
    search = searcher.search

    def recorded(text: str, k: int = 3, **kw: Any) -> SearchResult:
        asked.append(text)
        return search(text, k, **kw)

    monkeypatch.setattr(searcher, "search", recorded)
    run(searcher, f"troops withdraw Niger\n{question}\n", k=1)

    assert asked == ["troops withdraw Niger", question]


@pytest.mark.parametrize("typed", ["open (2)", "open 2)", "read (2)?"])
def test_open_takes_a_number_in_brackets(searcher: Searcher, typed: str) -> None:
    out = run(searcher, f"troops withdraw Niger\n{typed}\n", k=2)

    assert "No good match" not in out
    assert out.endswith("\n\n".join(p.text for p in FLOODS.paragraphs) + "\n")


def test_a_number_far_beyond_the_results_is_a_question(searcher: Searcher) -> None:
    # "read 1984" is the novel: "There is no result 1984 to open" had answered it
    out = run(searcher, "troops withdraw Niger\nopen 99\nopen #1984\nread 1984\n", k=2)

    assert "There is no result 99 to open" in out  # a result's number, that is not there
    assert "There is no result 1984 to open" in out  # numbered as a result is
    assert out.endswith(f"No good match for “read 1984”.\n{SUGGESTION}\n")


def test_a_bare_number_opens_that_result(searcher: Searcher) -> None:
    out = run(searcher, "2\ntroops withdraw Niger\n2\n7\n", k=2)

    assert out.startswith("No good match for “2”")  # no results shown: a question
    assert "\n\n".join(p.text for p in FLOODS.paragraphs) in out
    # no result 7: said so, as "open 7" is ("No good match for “7”" had answered it)
    assert out.endswith("There is no result 7 to open; the last answer has 1-2.\n")


def test_a_result_named_without_open_opens_it(searcher: Searcher) -> None:
    # "the second one" alone was searched, and replaced the answer it meant
    floods = "\n\n".join(p.text for p in FLOODS.paragraphs)
    for named in ("the second one", "number 2", "the 2nd story"):
        out = run(searcher, f"troops withdraw Niger\n{named}\n", k=2)
        assert floods in out, named
        assert "No good match" not in out, named
    # a number after other words is a question's: "No 10" is Downing Street, "Article 5"
    # NATO's (they had opened results 10 and 5)
    for asked in ("article 2", "no 2"):
        out = run(searcher, f"troops withdraw Niger\n{asked}\n", k=2)
        assert floods not in out, asked
    # a result named that the last answer does not have is told so, not searched ("the
    # second one" had answered with a comet's "second tail")
    for named in ("the second one", "number 2", "the 2nd story"):
        out = run(searcher, f"troops withdraw Niger\n{named}\n", k=1)
        assert out.endswith("There is no result 2 to open; the last answer has only result 1.\n")


def test_a_result_named_before_any_answer_is_told_how_to_open_one(searcher: Searcher) -> None:
    # with no answer yet, "the second one" was searched (a chart's "second week")
    out = run(searcher, "the second one\n", k=2)
    assert "Which result do you mean by “the second one”?" in out
    assert "type open N in the console" in out
    assert "No good match" not in out


def test_open_keeps_section_headings_and_the_link() -> None:
    from bot.answer import render_article_text

    article = Article(
        id="s",
        headline="Budget passes",
        standfirst="The vote was close.",
        paragraphs=(Paragraph("It passed."), Paragraph("Schools gain.", "What changes")),
        source="Wire",
        url="https://wire.example/budget",
    )
    assert render_article_text(article) == (
        "Budget passes\nWire\nhttps://wire.example/budget\n\nThe vote was close.\n\n"
        "It passed.\n\n— What changes\nSchools gain."
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "bold"),
    [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False), ({"NO_COLOR": ""}, True)],
)
def test_bold_only_where_the_terminal_wants_it(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], bold: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    out = Terminal()

    run_console(searcher, stdin=io.StringIO("Mars outposts\n"), stdout=out)

    assert ("\x1b[1m" in out.getvalue()) is bold
    assert "NASA plans first outposts on Mars" in out.getvalue()


def test_a_dumb_terminal_gets_a_plain_prompt_and_no_control_codes(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a probe: prompt_toolkit's dumb mode wrote "\x1b[?12l\x1b[?25h" before the first prompt
    monkeypatch.setenv("TERM", "dumb")
    typed, shown = Terminal("Mars outposts\nquit\n"), Terminal()
    monkeypatch.setattr(sys, "stdin", typed)
    monkeypatch.setattr(sys, "stdout", shown)

    assert run_console(searcher) == 0

    assert shown.getvalue().startswith("newsbot> ")
    assert shown.getvalue().count("newsbot> ") == 2
    assert "NASA plans first outposts on Mars" in shown.getvalue()
    assert "\x1b" not in shown.getvalue()


def test_a_history_file_that_cannot_be_kept_is_a_warning_not_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    from bot.console import _history

    folder = tmp_path / "console_history"
    folder.mkdir()

    assert isinstance(_history(folder), InMemoryHistory)
    assert "console history not kept" in caplog.text
    assert isinstance(_history(tmp_path / "data" / "history"), FileHistory)
    assert (tmp_path / "data" / "history").is_file()


def typed(searcher: Searcher, keys: str, monkeypatch: pytest.MonkeyPatch, **options: object) -> str:
    """What the console prints when `keys` are typed at its prompt on a terminal (prompt_toolkit
    reads them from a pipe); the keys run out as Ctrl-D does. It must exit with status 0."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    out = io.StringIO()
    with create_pipe_input() as keyboard, create_app_session(keyboard, DummyOutput()):
        keyboard.send_text(keys)
        keyboard.close()
        try:
            status = run_console(searcher, stdout=out, **options)  # type: ignore[arg-type]
        except KeyboardInterrupt:
            pytest.fail(f"Ctrl-C closed the console after:\n{out.getvalue()}")
    assert status == 0
    return out.getvalue()


def interrupted_at(searcher: Searcher, question: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Ctrl-C arrive while `question` is searched."""
    search = searcher.search

    def interrupted(asked: str, k: int = 3, **kw: Any) -> SearchResult:
        if asked == question:
            raise KeyboardInterrupt
        return search(asked, k, **kw)

    monkeypatch.setattr(searcher, "search", interrupted)


def test_typed_questions_are_answered(searcher: Searcher, monkeypatch: pytest.MonkeyPatch) -> None:
    assert typed(searcher, "Mars outposts\r", monkeypatch).startswith(MARS_FIRST)


def test_ctrl_c_while_answering_cancels_that_answer_only(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupted_at(searcher, "slow question", monkeypatch)

    out = typed(
        searcher, "troops withdraw Niger\rslow question\rmore\rMars outposts\r", monkeypatch, k=1
    )

    niger, rest = out.split(MORE_HINT + "\n")
    assert niger.startswith(NIGER_FIRST)
    assert rest.startswith("(cancelled)\n" + FLOODS_SECOND)  # 'more' pages the last answer
    assert MARS_FIRST in rest  # and the console goes on


def test_each_line_of_a_paste_is_a_question(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    paste = "\x1b[200~Mars outposts\n\n  wheat harvest  \r\nmore\n\x1b[201~"  # bracketed paste

    out = typed(searcher, paste + "\r", monkeypatch)

    assert out.startswith(MARS_FIRST)
    assert "\n1. Drought cuts the wheat harvest in Kansas" in out
    assert out.rstrip("\n").endswith(NO_MORE)  # 'more' is about the line before it


def test_ctrl_c_drops_the_rest_of_a_paste(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupted_at(searcher, "slow question", monkeypatch)

    out = typed(
        searcher, "\x1b[200~slow question\nwheat harvest\x1b[201~\rMars outposts\r", monkeypatch
    )

    assert out.startswith("(cancelled)\n" + MARS_FIRST)
    assert "wheat" not in out


def test_ctrl_c_while_answering_piped_questions_stops_them(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupted_at(searcher, "slow question", monkeypatch)

    with pytest.raises(KeyboardInterrupt):
        run(searcher, "slow question\nMars outposts\n")


def test_ctrl_c_while_an_answer_prints_brings_the_prompt_back(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow terminal most of an answer's time is its printing: Ctrl-C there closed the
    console (status 130) instead of cancelling that answer."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    class SlowTerminal(io.StringIO):
        interrupted = False

        def write(self, text: str) -> int:
            if "wheat" in text.lower() and not self.interrupted:
                self.interrupted = True
                super().write(text[:10])
                raise KeyboardInterrupt
            return super().write(text)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    out = SlowTerminal()
    with create_pipe_input() as keyboard, create_app_session(keyboard, DummyOutput()):
        keyboard.send_text("wheat harvest\rMars outposts\ropen 1\r")
        keyboard.close()
        try:
            status = run_console(searcher, stdout=out)
        except KeyboardInterrupt:
            pytest.fail(f"Ctrl-C closed the console after:\n{out.getvalue()}")
    assert status == 0
    assert "\n(cancelled)\n" + MARS_FIRST in out.getvalue()
    assert "NASA plans first outposts on Mars\n" in out.getvalue().split(MARS_FIRST)[1]


def test_the_history_file_failing_later_costs_the_history_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a full disk, or a file made unreadable, after start-up: prompt_toolkit reported it on
    # every prompt with "Press ENTER to continue", which swallowed the next question
    from bot.console import _history

    path = tmp_path / "history"
    history = _history(path)
    history.store_string("mars")

    def full(*args: object, **kw: object) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("builtins.open", full)
    history.store_string("niger")
    history.store_string("wheat")
    assert list(history.load_history_strings()) == []
    monkeypatch.undo()
    assert caplog.text.count("console history not kept") == 1
    assert "No space left on device" in caplog.text
    assert path.read_text(encoding="utf-8").count("+") == 1


def test_a_history_that_can_be_read_but_not_written_is_still_recalled(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # probe, 29th session: a read-only history file (or disk) lost the earlier lines too
    from bot.console import _history

    path = tmp_path / "history"
    _history(path).store_string("niger troops")
    real_open = os.open

    def read_only(file: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kw)

    monkeypatch.setattr(os, "open", read_only)
    history = _history(path)
    assert list(history.load_history_strings()) == ["niger troops"]
    history.append_string("volcano")  # this session's: recalled, not written
    monkeypatch.undo()
    assert "volcano" not in path.read_text(encoding="utf-8")
    assert "console history not saved" in caplog.text


def test_only_the_end_of_a_huge_history_file_is_read(tmp_path: Path) -> None:
    from bot.console import HISTORY_BYTES, _history

    path = tmp_path / "history"
    entry = "\n# 2024-01-01 00:00:00\n+{}\n"
    with path.open("w", encoding="utf-8") as f:
        for i in range(3 * HISTORY_BYTES // 20):
            f.write(entry.format(f"question {i}"))
        f.write(entry.format("two\n+lines"))
    loaded = list(_history(path).load_history_strings())
    assert loaded[0] == "two\nlines"  # newest first, as prompt_toolkit wants
    assert loaded[1] == f"question {3 * HISTORY_BYTES // 20 - 1}"
    assert len(loaded) < HISTORY_BYTES // 20
    assert all(text.startswith(("question ", "two")) for text in loaded)


def test_the_history_file_is_its_owner_s_only(tmp_path: Path) -> None:
    from bot.console import _history

    made = tmp_path / "data" / "console_history"
    kept = tmp_path / "kept_history"
    kept.write_text("+mars\n", encoding="utf-8")
    kept.chmod(0o640)

    _history(made)
    _history(kept)

    assert made.stat().st_mode & 0o777 == 0o600  # as shells keep theirs: questions are private
    assert kept.stat().st_mode & 0o777 == 0o640  # a mode someone chose stays
    assert kept.read_text(encoding="utf-8") == "+mars\n"


def test_a_line_typed_after_a_space_or_holding_a_token_is_not_kept(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # a pasted bot token stayed in the history file; a line typed after a space is kept out
    # as bash's ignorespace keeps it out
    path = tmp_path / "console_history"
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
    keys = f" my secret question\r{token}\r{token[10:]}\rMars outposts\rCOVID19 vaccines\r"

    out = typed(searcher, keys, monkeypatch, history=path)

    assert MARS_FIRST in out
    kept = path.read_text(encoding="utf-8")
    assert "+Mars outposts\n" in kept
    assert "+COVID19 vaccines\n" in kept
    assert "secret" not in kept
    assert token[10:] not in kept  # its secret part alone too


def test_a_history_at_dev_null_is_switched_off_without_a_warning(
    searcher: Searcher,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # "console history not kept (... is not a file)" came at every start
    if not Path(os.devnull).is_char_device():
        pytest.skip("no character device for /dev/null here")
    path = tmp_path / "console_history"
    path.symlink_to(os.devnull)

    out = typed(searcher, "Mars outposts\r", monkeypatch, history=path)

    assert out.startswith(MARS_FIRST)
    assert caplog.text == ""
    assert path.is_symlink()


def test_new_question_restarts_the_ranking(searcher: Searcher) -> None:
    out = run(searcher, "troops withdraw Niger\nmore\nMars outposts\nmore\n", k=1)

    assert out.index(FLOODS_SECOND) < out.index(MARS_FIRST) < out.index(NO_MORE)


@pytest.mark.parametrize("word", ["help", "?", "HELP", "/help"])
def test_help_lists_what_the_console_takes(searcher: Searcher, word: str) -> None:
    out = run(searcher, f"troops withdraw Niger\n{word}\nmore\n", k=1)

    niger, rest = out.split(MORE_HINT + "\n")
    assert niger.startswith(NIGER_FIRST)
    assert rest.startswith(HELP_TEXT + "\n" + FLOODS_SECOND)  # not searched; 'more' goes on
    for accepted in ["source:", "since:", "before:", '"exact', "-word", "more", "quit", "Ctrl-D"]:
        assert accepted in HELP_TEXT


def test_help_shows_a_source_of_the_library(searcher: Searcher) -> None:
    # source:"BBC News" had been the example of a library without it
    out = run(searcher, "help\n", sources=["USA TODAY", "CNN"])
    assert '(source:"USA TODAY" for a name with spaces)' in out
    assert "BBC" not in out
    assert "(such as source:cnn)" in run(searcher, "help\n", sources=["CNN", "Reuters"])
    assert "(such as" not in run(searcher, "help\n")  # no sources known: no example
    assert "BBC" not in HELP_TEXT


def test_the_banner_and_help_fit_a_standard_terminal(searcher: Searcher) -> None:
    # 95 columns: on an 80-column terminal they wrapped mid-word, and the table broke
    from bot.console import BANNER

    banner = BANNER.format(articles="1,234,567 articles", paragraphs="12,345,678 passages")
    out = run(searcher, "help\n", banner=banner)

    assert HELP_TEXT in out
    assert max(map(len, out.splitlines())) <= 80


def test_more_before_any_question(searcher: Searcher) -> None:
    out = run(searcher, "more\nMars outposts\n")

    assert out.startswith("Ask a question first.\n" + MARS_FIRST)


def test_blank_lines_are_ignored(searcher: Searcher) -> None:
    plain = run(searcher, "Mars outposts\n")

    padded = run(searcher, "\n   \n\t\nMars outposts\n\n\r\n")

    assert padded == plain
    assert plain.startswith(MARS_FIRST)


def test_a_line_of_invisible_characters_is_a_blank_line(searcher: Searcher) -> None:
    # a zero-width space alone was searched ("No good match."), and the results were lost
    # ... and so was a line of control characters (a NUL, an escape), shown as "�"
    lines = "troops withdraw Niger\n\u200b\n\ufeff\n\u2060 \u200d\n\x00\n\x1b\x07\nopen 2\n"
    out = run(searcher, lines, k=2)

    assert "No good match" not in out
    assert out.endswith("\n\n".join(p.text for p in FLOODS.paragraphs) + "\n")


def test_a_byte_order_mark_at_a_line_s_start_is_dropped(searcher: Searcher) -> None:
    # files joined with cat: each one's mark starts a line ("\ufeffmore" was searched)
    out = run(searcher, "troops withdraw Niger\n\ufeffmore\n\ufeffMars outposts\n", k=1)

    assert FLOODS_SECOND in out
    assert MARS_FIRST in out
    assert "No good match" not in out


@pytest.mark.parametrize(
    "word",
    # "quit." and "exit()" had been searched ("Khodorkovsky quits Yukos shares"), and "bye"
    # said "Goodbye!" and stayed
    [
        "quit",
        "EXIT",
        ":q",
        "/quit",
        "  quit  ",
        "quit.",
        "quit!",
        "Quit?",
        "exit()",
        "bye",
        "Goodbye!",
        # goodbyes as people type them: they had been searched ("Bye Bye Bye" at the VMAs)
        "see you later",
        "thanks, bye",
        "ok bye",
        "bye bye",
        "goodnight",
        # "q" and "quit please" had been searched ("No good match for “q”")
        "q",
        "quit please",
        # other programs' ways out, typed from habit: they had been searched
        "exit;",
        "exit(0)",
        "\\q",
        ":wq",
        "logout",
    ],
)
def test_quit_stops_reading(searcher: Searcher, word: str) -> None:
    stdin = io.StringIO(f"Mars outposts\n{word}\nwheat harvest\n")
    out = io.StringIO()

    status = run_console(searcher, stdin=stdin, stdout=out)

    assert status == 0
    assert MARS_FIRST in out.getvalue()
    assert "wheat" not in out.getvalue()
    assert stdin.read() == "wheat harvest\n"  # the line after quit was never read


@pytest.mark.parametrize("text", ["", "\n\n", "Mars outposts"])
def test_end_of_input_ends_cleanly(searcher: Searcher, text: str) -> None:
    out = run(searcher, text)

    if text.strip():
        assert out.startswith(MARS_FIRST)
    else:
        assert out == ""


def test_gibberish_gets_nothing_found(searcher: Searcher) -> None:
    out = run(searcher, "xyzzy plugh qwerty\n")

    assert out == f"{NOTHING_FOUND} for “xyzzy plugh qwerty”.\n{SUGGESTION}\n"


@pytest.mark.parametrize("question", ["xyzzy plugh", "niger since:last-tuesday"])
def test_more_after_nothing_found_or_an_error(searcher: Searcher, question: str) -> None:
    # "No more results for that question." had answered it: there was no first page
    out = run(searcher, f"{question}\nmore\n")

    assert out.endswith("\nAsk a question first.\n")
    assert NO_MORE not in out


def test_huge_line_is_cut_with_a_note(searcher: Searcher) -> None:
    line = "troops " * 15_000
    assert len(line) > 100_000

    out = run(searcher, line + "\nMars outposts\n")

    assert "Your question was long" in out
    assert len(out) < 5_000  # the question is never echoed in full
    assert MARS_FIRST in out  # and the loop goes on


@pytest.mark.parametrize(
    "line",
    [
        "\x00\x1b[31mred\x07 alert\x1b[0m",
        "\x1b]0;pwned\x07",
        "🚀🚀 Mars outposts 🚀",
        "مرحبا بالعالم النيجر",
        "\u202etroops Niger\u202c",
        "<&>",
        "<b>Mars</b> & <i>outposts</i>",
        "\ud800 lone surrogate",
        "\t\v\f",
        "more more",
        "﷽" * 50,
    ],
)
def test_odd_input_never_raises(searcher: Searcher, line: str) -> None:
    out = run(searcher, line + "\n")

    assert out or not line.strip()
    assert "\x1b" not in out
    assert "\x00" not in out
    assert "\x07" not in out


def test_piped_bytes_that_are_not_utf8_are_read_as_replacement_characters(
    searcher: Searcher,
) -> None:
    # strict decoding, as with PYTHONIOENCODING=utf-8:strict; ask --json - reads the same way
    raw = b"\xef\xbb\xbfMars \xff outposts\n\x80\xfe wheat harvest\n"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out = io.StringIO()

    assert run_console(searcher, stdin=stdin, stdout=out) == 0

    assert out.getvalue().startswith(MARS_FIRST)  # no byte order mark in the question
    assert "1. Drought cuts the wheat harvest in Kansas" in out.getvalue()


def test_markup_is_echoed_as_plain_text(searcher: Searcher) -> None:
    out = run(searcher, "<&>\n")

    assert out.startswith(f"{NOTHING_FOUND} for “<&>”.")


def test_emoji_around_a_question_still_finds_it(searcher: Searcher) -> None:
    assert run(searcher, "🚀 Mars outposts 🚀\n").startswith(MARS_FIRST)


@pytest.mark.parametrize(
    "line",
    [
        "\x1b[31mMars\x1b[0m",  # a coloured word pasted from a terminal
        "\x1b[1;38;5;196mMars\x1b[m",
        "\x1b]8;;https://x.example\x1b\\Mars\x1b]8;;\x1b\\",  # a hyperlink
        "\x9b1mMars",  # the one-byte CSI
        "\x1bcMars",  # a two-character escape
    ],
)
def test_terminal_colour_codes_do_not_hide_the_words(searcher: Searcher, line: str) -> None:
    assert run(searcher, line + "\n").startswith(MARS_FIRST)


# --- JSON -------------------------------------------------------------------------------------

HIT_KEYS = {"headline", "source", "published", "url", "article_id", "paragraph", "text", "score"}


def json_records(
    searcher: Searcher, questions: list[tuple[str, date | None]], k: int = 3
) -> list[dict[str, Any]]:
    """The parsed lines print_json writes for the questions."""
    out = io.StringIO()
    print_json(searcher, questions, k, out=out)
    text = out.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_json_answers_small_talk_as_the_console_does(searcher: Searcher) -> None:
    # `ask --json "hello"` answered with a story that says "hello", and "ok" with one on a
    # Hollywood star, where `ask` and the console reply to it
    records = json_records(searcher, [("hello!", None), ("thanks", None), ("Niger", None)])
    for record in records[:2]:
        assert record["hits"] == []
        assert record["note"] == small_talk(record["question"])
        assert record["note"]
    assert records[2]["hits"]  # a question still searches


def test_json_one_line_per_question(searcher: Searcher) -> None:
    questions = [("troops withdraw Niger", None), ("xyzzy plugh", None), ("Mars", date(2024, 1, 2))]

    records = json_records(searcher, questions)

    assert [r["question"] for r in records] == [q for q, _ in questions]
    for record in records:
        assert set(record) - {"note"} == {"question", "took_ms", "hits"}
        assert isinstance(record["took_ms"], float)
        assert record["took_ms"] >= 0
    assert [h["article_id"] for h in records[0]["hits"]] == ["niger-troops", "niger-floods"]
    assert records[1]["hits"] == []
    # nothing found says so, as the text answer does (the JSON had said nothing)
    assert records[1]["note"] == "No good match. Try fewer or different words, a name, or a place."
    assert "note" not in records[0]
    assert "note" not in records[2]
    (blank,) = json_records(searcher, [("", None)])
    assert blank == {"question": "", "took_ms": blank["took_ms"], "hits": []}
    assert [h["article_id"] for h in records[2]["hits"]] == ["mars"]


def test_json_hit_fields(searcher: Searcher) -> None:
    (record,) = json_records(searcher, [("troops withdraw Niger", None)])

    first, second = record["hits"]
    assert set(first) == HIT_KEYS
    assert first == {
        "headline": NIGER.headline,
        "source": "AP",
        "published": "2024-03-17",
        "url": "https://example.com/niger-troops",
        "article_id": "niger-troops",
        "paragraph": 0,
        "text": NIGER.paragraphs[0].text,
        "score": first["score"],
    }
    assert second["published"] is None
    assert second["url"] is None
    assert first["score"] > second["score"] > 0


@pytest.mark.parametrize(
    ("question", "article_id", "paragraph"),
    [
        ("protesters demanded departure", "niger-troops", 2),
        ("orderly withdrawal officials", "niger-troops", 1),
        ("Curiosity rover", "mars", 1),
        ("bread prices economists", "wheat", 1),
        ("heavy rain flooding villages", "niger-floods", 0),
    ],
)
def test_json_paragraph_indexes_the_article(
    searcher: Searcher, question: str, article_id: str, paragraph: int
) -> None:
    (record,) = json_records(searcher, [(question, None)])

    hit = record["hits"][0]
    assert (hit["article_id"], hit["paragraph"]) == (article_id, paragraph)
    assert hit["text"] == ARTICLES[article_id].paragraphs[hit["paragraph"]].text


def test_json_k_limits_the_hits(searcher: Searcher) -> None:
    (record,) = json_records(searcher, [("Niger", None)], k=1)

    assert len(record["hits"]) == 1


def test_json_note_for_a_long_question(searcher: Searcher) -> None:
    (record,) = json_records(searcher, [("troops " * 15_000, None)])

    assert "long" in record["note"]
    assert record["hits"][0]["article_id"] == "niger-troops"


def test_json_keeps_unicode_readable(searcher: Searcher) -> None:
    out = io.StringIO()

    print_json(searcher, [("Niger — 🚀", None)], 3, out=out)

    assert "🚀" in out.getvalue()
    assert json.loads(out.getvalue())["question"] == "Niger — 🚀"


def test_paging_words_asked_alone_say_each_question_is_read_on_its_own(
    searcher: Searcher, capsys: pytest.CaptureFixture[str]
) -> None:
    # a probe: `newsbot ask "open 2"` and "more" in a stream of questions were searched, "No
    # good match for “open 2”": there is no answer before them to page or open
    for typed in ("more", "open 2", "next"):
        print_answer(searcher, typed, 3, None)
        assert capsys.readouterr().out.strip() == PAGING_ALONE
    out = io.StringIO()
    print_json(searcher, [("more", None), ("open 2", None), ("open borders", None)], 3, out=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("note") for r in records[:2]] == [PAGING_ALONE, PAGING_ALONE]
    assert [r["hits"] for r in records[:2]] == [[], []]
    assert records[2].get("note") != PAGING_ALONE  # "open borders" is a question


def test_json_escapes_what_splitlines_would_break_a_line_at(searcher: Searcher) -> None:
    # JSON may hold U+2028, U+2029 and U+0085 as they are; Python's str.splitlines (and
    # JavaScript's line readers) end a line there, and a reader lost the answer's line
    question = "Niger\u2028troops\u2029withdraw\x85Niger"
    out = io.StringIO()
    print_json(searcher, [(question, None), ("Mars", None)], 3, out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["question"] == question
    assert json.loads(lines[1])["question"] == "Mars"


def test_json_escapes_what_a_terminal_would_act_on(searcher: Searcher) -> None:
    # C1 controls (\x9b is CSI), DEL and bidirectional overrides reached a terminal raw
    question = "Niger \x9b2J \x7f \u202e troops \u2066"
    out = io.StringIO()
    print_json(searcher, [(question, None)], 3, out=out)
    line = out.getvalue()
    for raw in ["\x9b", "\x7f", "\u202e", "\u2066"]:
        assert raw not in line
    assert "\\u009b" in line
    assert json.loads(line)["question"] == question


def test_the_first_questions_took_ms_leaves_out_start_up(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the kernel's lazy tables and the analyzers' first use are start-up: they are paid
    # before the first question's clock starts
    index = searcher.library.body
    asked = searcher.search
    ready: list[bool] = []

    def search(question: str, k: int = 3, **kw: Any) -> Any:
        ready.append(index._by_length is not None)
        return asked(question, k, **kw)

    monkeypatch.setattr(searcher, "search", search)
    json_records(searcher, [("troops withdraw Niger", None)])
    assert ready[-1] is True
    assert index._by_length is not None


def test_json_a_question_that_meets_a_bug_gets_an_error_line_and_the_rest_go_on(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = searcher.search

    def search(question: str, *args: Any, **kwargs: Any) -> SearchResult:
        if question == "boom":
            raise RuntimeError("a bug")
        return real(question, *args, **kwargs)

    monkeypatch.setattr(searcher, "search", search)
    records = json_records(searcher, [("Mars", None), ("boom", None), ("Mars", None)])

    assert [r["question"] for r in records] == ["Mars", "boom", "Mars"]
    assert records[1]["hits"] == []
    assert "internal error" in records[1]["error"]
    assert "a bug" not in records[1]["error"]
    assert [h["article_id"] for h in records[2]["hits"]] == ["mars"]


def test_json_of_one_question_that_meets_a_bug_gets_its_error_line_though_warmed_with_it(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `ask --json QUESTION` warms with that question before timing it: the bug it meets
    # there is answered as the timed search's, not a traceback
    def search(question: str, *args: Any, **kwargs: Any) -> SearchResult:
        raise RuntimeError("a bug")

    monkeypatch.setattr(searcher, "search", search)
    (record,) = json_records(searcher, [("boom", None)])

    assert record["hits"] == []
    assert "internal error" in record["error"]


def test_a_question_that_meets_a_bug_says_so_and_the_console_goes_on(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = searcher.search

    def search(question: str, *args: Any, **kwargs: Any) -> SearchResult:
        if question == "boom":
            raise RuntimeError("a bug")
        return real(question, *args, **kwargs)

    monkeypatch.setattr(searcher, "search", search)
    shown = run(searcher, "boom\nMars outposts\n")
    print_answer(searcher, "boom", 3, None)  # `newsbot ask "boom"`: no traceback either

    assert shown.count("internal error") == 1
    assert "Mars" in shown.split("internal error")[1]  # the next question is answered
    assert "internal error (--debug shows it)" in capsys.readouterr().out
    assert "a bug" not in shown


def test_json_a_damaged_index_stops_the_stream_with_its_fix(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval.store import StoreError

    def search(question: str, *args: Any, **kwargs: Any) -> SearchResult:
        raise StoreError("the saved index in /x is damaged; rebuild it")

    monkeypatch.setattr(searcher, "search", search)
    with pytest.raises(StoreError):
        json_records(searcher, [("Mars", None)])


@pytest.mark.parametrize("binary", [True, False])
def test_an_endless_line_is_cut_and_the_next_line_still_read(binary: bool) -> None:
    """`ask --json - < /dev/zero` grew in memory until killed: a line is read up to a limit,
    the rest of it skipped a piece at a time."""
    from bot.console import read_lines

    text = "x" * 100 + "\nniger\n" + "y" * 40
    stream: Any = io.TextIOWrapper(io.BytesIO(text.encode())) if binary else io.StringIO(text)
    assert list(read_lines(stream, limit=16)) == ["x" * 16, "niger\n", "y" * 16]


def test_a_follow_up_question_is_told_each_is_read_alone(searcher: Searcher) -> None:
    # after a question, "and what about kansas?" had been searched as new, nothing said
    out = run(searcher, "troops withdraw Niger\nand what about kansas?\n", k=1)
    niger, follow_up = out.split(MORE_HINT + "\n")
    assert "read on its own" not in niger
    assert follow_up.startswith(
        "Each question is read on its own, not with the one before: name who or what you mean."
        "\n\n1. Drought cuts the wheat harvest in Kansas"
    )
