"""Tests for bot/__main__.py: the `newsbot` command end to end, in process and once as `-m bot`."""

from __future__ import annotations

import asyncio
import codecs
import errno
import io
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.__main__ import EXIT_PIPE, main
from tests.feed_server import FeedServer, rss

REPO = Path(__file__).resolve().parent.parent

ARTICLES = {
    "niger.txt": """\
---
source: AP
published: 2024-03-17
url: https://example.com/niger-troops
---
U.S. agrees to withdraw troops from Niger

The United States will withdraw about 1,000 troops from Niger after talks in Niamey.
Officials said the withdrawal of the soldiers would be orderly.
Protesters in Niamey demanded the departure of the American soldiers.
""",
    "mars.txt": """\
NASA plans first outposts on Mars

NASA said astronauts could build the first outposts on Mars after 2060.
The Curiosity rover keeps rolling across the Martian desert.
""",
    "wheat.txt": """\
Drought cuts the wheat harvest in Kansas

Farmers in Kansas expect the smallest wheat harvest in decades.
Bread prices may rise as a result, economists said.
""",
    "storm-2023.txt": """\
---
source: Local News
published: 2023-01-01
---
Storm floods the harbour town

A winter storm flooded the harbour town and cut power to hundreds of homes.
Fishing boats stayed in port while the storm passed.
""",
    "storm-2024.txt": """\
---
source: Coast Radio
published: 2024-01-01
---
Storm floods the harbour city

A new storm flooded the harbour city and closed the coastal road.
Ferries were cancelled until the wind dropped.
""",
}
N_ARTICLES = 5
N_PARAGRAPHS = 11

VOLCANO = """\
Volcano erupts in Iceland

A volcano erupted near Grindavik, sending lava towards the town.
"""
SUMMARY = re.compile(
    r"^(?P<action>loaded|updated|built) index in (?P<dir>.+): (?P<articles>\d+) articles?, "
    r"(?P<paragraphs>\d+) passages?, (?P<added>\d+) added, \d+ duplicates?, "
    r"\d+ files? skipped, \d+\.\d s\n$"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (no config.toml, no seeds/), data under tmp_path, no token."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)
    return cwd


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of five small seed-text articles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the saved index goes (created by the command)."""
    return tmp_path / "data"


def where(corpus: Path, data_dir: Path) -> list[str]:
    """The --corpus and --data-dir flags."""
    return ["--corpus", str(corpus), "--data-dir", str(data_dir)]


def run_index(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> re.Match[str]:
    """Run `newsbot index` and parse its one-line summary."""
    assert main(["index", *where(corpus, data_dir), *extra]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    summary = SUMMARY.match(captured.err)
    assert summary, captured.err
    return summary


def ask(corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `newsbot ask ...` and return what it printed."""
    assert main(["ask", *args, *where(corpus, data_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


# --- ask --------------------------------------------------------------------------------------


def test_ask_prints_the_answer(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ask(corpus, data_dir, capsys, "Why are troops withdrawing from Niger?")

    assert out.startswith("1. U.S. agrees to withdraw troops from Niger\nAP · 17 Mar 2024\n")
    assert "https://example.com/niger-troops" in out
    assert "Mars" not in out
    assert (data_dir / "CURRENT").is_file()  # the index was saved where we asked


def test_ask_nothing_found(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ask(corpus, data_dir, capsys, "xyzzy plugh")

    assert out.startswith("No good match for “xyzzy plugh”.")


def test_ask_k_limits_the_passages(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = ["storm floods harbour", "--as-of", "2024-01-02"]

    default = ask(corpus, data_dir, capsys, *question)
    one = ask(corpus, data_dir, capsys, *question, "--k", "1")

    assert default.startswith("1. Storm floods the harbour city")
    assert "\n\n2. Storm floods the harbour town" in default
    assert one.startswith("1. Storm floods the harbour city")
    assert "2." not in one
    assert "harbour town" not in one


def test_ask_as_of_changes_the_ranking(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ask(corpus, data_dir, capsys, "storm floods harbour", "--as-of", "2023-01-02")

    assert out.startswith("1. Storm floods the harbour town")


def test_ask_json_prints_one_object(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ask(corpus, data_dir, capsys, "troops withdraw Niger", "--json")

    (line,) = out.splitlines()
    record = json.loads(line)
    assert record["question"] == "troops withdraw Niger"
    assert record["took_ms"] >= 0
    hit = record["hits"][0]
    assert hit["headline"] == "U.S. agrees to withdraw troops from Niger"
    assert hit["source"] == "AP"
    assert hit["published"] == "2024-03-17"
    assert hit["url"] == "https://example.com/niger-troops"
    assert hit["paragraph"] == 0
    assert hit["text"].startswith("The United States will withdraw")


def test_ask_json_of_one_question_loads_the_dictionary_it_needs_before_its_clock_starts(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # took_ms leaves out start-up; `ask --json "orderly"` (a word one paragraph uses: is it a
    # typo?) had loaded the spelling dictionary inside its clock, 0.1 s of it, where
    # `ask --json -` loads it before the first question's
    from types import SimpleNamespace

    import bot.console
    import retrieval.search

    run_index(corpus, data_dir, capsys)
    events: list[str] = []
    load = retrieval.search._dictionary
    load.cache_clear()

    def dictionary(language: str) -> object:
        loaded = load.cache_info().currsize
        words = load(language)
        if load.cache_info().currsize > loaded:
            events.append("dictionary loaded")
        return words

    def perf_counter() -> float:
        events.append("clock read")
        return time.perf_counter()

    monkeypatch.setattr(retrieval.search, "_dictionary", dictionary)
    monkeypatch.setattr(bot.console, "time", SimpleNamespace(perf_counter=perf_counter))
    record = json.loads(ask(corpus, data_dir, capsys, "orderly", "--json"))

    assert record["hits"][0]["headline"] == "U.S. agrees to withdraw troops from Niger"
    assert events == ["dictionary loaded", "clock read", "clock read"]


def test_ask_json_reads_questions_from_stdin(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [
        "troops withdraw Niger",
        "",
        '{"question": "storm floods harbour", "as_of": "2024-01-02"}',
        '{"question": "storm floods harbour", "as_of": "2023-01-02"}',
        "{question: Mars outposts}",  # malformed: read as text
        '{"as_of": "2024-01-02"}',  # no question: read as text
        '  {"question": "wheat harvest"}  ',
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    records = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in records] == [
        "troops withdraw Niger",
        "",  # the blank line, answered in step
        "storm floods harbour",
        "storm floods harbour",
        "{question: Mars outposts}",
        '{"as_of": "2024-01-02"}',
        "wheat harvest",
    ]
    firsts = [r["hits"][0]["headline"] if r["hits"] else None for r in records]
    assert firsts == [
        "U.S. agrees to withdraw troops from Niger",
        None,
        "Storm floods the harbour city",  # as of 2024: the recent storm first
        "Storm floods the harbour town",  # as of 2023: the 2024 story is in the future
        "NASA plans first outposts on Mars",
        None,
        "Drought cuts the wheat harvest in Kansas",
    ]


def test_a_question_object_may_ask_for_its_own_number_of_passages(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """{"question": ..., "k": N} answers with N passages; a k that is no positive whole
    number is named in a warning and the question is asked with --k's."""
    lines = [
        '{"question": "storm floods harbour", "k": 1}',
        '{"question": "storm floods harbour"}',
        '{"question": "storm floods harbour", "k": 0}',
        '{"question": "storm floods harbour", "k": "1"}',
        '{"question": "storm floods harbour", "k": true}',
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))

    assert main(["ask", "-", "--json", "--k", "2", *where(corpus, data_dir)]) == 0

    captured = capsys.readouterr()
    assert [len(json.loads(line)["hits"]) for line in captured.out.splitlines()] == [1, 2, 2, 2, 2]
    warned = [r.getMessage() for r in caplog.records if "k must be" in r.getMessage()]
    assert [line.split(": k must")[0].split()[-1] for line in warned] == ["3", "4", "5"]
    assert 'not "1"' in warned[1]


def test_ask_json_answers_lines_that_are_not_utf8_in_utf8(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = b'\xef\xbb\xbftroops\n\xff\xfe Niger\x80\n{"question": "\\ud800 harbour"}\nwheat\n'
    # strict decoding, as under a UTF-8 locale with PYTHONIOENCODING=utf-8
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    out.encode("utf-8")  # no lone surrogates: the output is UTF-8
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in records] == [
        "troops",  # the byte order mark is not part of the question
        "\ufffd\ufffd Niger\ufffd",
        "\ufffd harbour",
        "wheat",
    ]
    assert [bool(r["hits"]) for r in records] == [True, True, True, True]


def test_ask_json_reads_a_question_object_after_a_byte_order_mark_on_any_line(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two files concatenated, the second saved with a BOM: its object was asked as text
    raw = '{"question": "troops"}\n\ufeff{"question": "wheat", "k": 1}\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    records = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in records] == ["troops", "wheat"]
    assert len(records[1]["hits"]) == 1


def test_ask_json_reads_an_object_whose_question_is_no_string_as_text(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    lines = ['{"question": null}', '{"question": ["troops"]}', '{"question": 1e999}']
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    assert [json.loads(line)["question"] for line in out.splitlines()] == lines
    assert "stdin line 2: not a question object (its question is a list" in caplog.text


def test_ask_json_names_a_number_too_long_to_read_in_a_users_words(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Python's advice, "use sys.set_int_max_str_digits() to increase the limit", had been
    # the reason, in the warning and in the answer's note
    line = '{"question": "troops", "k": 1' + "0" * 5000 + "}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(line + "\n"))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    why = "a number of 5,001 digits (at most 4,300 are read)"
    assert f"stdin line 1: not a question object ({why}); read as text" in caplog.text
    assert json.loads(out)["note"].startswith(f"Not a question object ({why}); read as text.")
    assert "set_int_max_str_digits" not in caplog.text + out


def test_ask_json_with_stdin_closed_says_so(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # as `newsbot ask --json - <&-` starts

    line = error_line(["ask", "--json", "-", *where(corpus, data_dir)], capsys)

    assert "standard input" in line


@pytest.mark.parametrize("asked", [["--json", "-"], ["https://example.com/storm"]])
def test_a_changed_byte_in_a_saved_url_names_the_fix(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    asked: list[str],
) -> None:
    """A stored URL's byte changed in place (the sizes fit: the load cannot tell) is read by
    the link table (`ArticleStore.urls`), which `ask --json -` warms and a question holding
    a link reads: it had been "internal error (UnicodeDecodeError)", exit status 70, and a
    link asked on the command line "could not answer this question: an internal error"."""
    record = {"headline": "Storm cuts power", "url": "https://example.com/storm"}
    (corpus / "linked.jsonl").write_text(
        json.dumps({**record, "paragraphs": ["The storm cut power to the coast."]}) + "\n",
        encoding="utf-8",
    )
    assert main(["index", *where(corpus, data_dir)]) == 0
    saved = data_dir / (data_dir / "CURRENT").read_text().strip() / "articles.jsonl"
    data = saved.read_bytes()
    at = data.index(b"example.com/storm") + 3
    saved.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("storm\n"))  # a word the link is not in

    line = error_line(["ask", *asked, *where(corpus, data_dir)], capsys)

    assert line.startswith(f"newsbot: the saved index in {data_dir}")
    assert line.endswith(
        "is damaged (article 0 of articles.jsonl cannot be read: "
        "UnicodeDecodeError); rebuild it with `newsbot index --force`\n"
    )


def test_a_bad_as_of_is_reported_and_the_question_still_answered(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    line = '{"question": "storm floods harbour", "as_of": "2024-13-45"}\n'
    monkeypatch.setattr(sys, "stdin", io.StringIO(line))

    out = ask(corpus, data_dir, capsys, "-", "--json", "--as-of", "2023-01-02")

    record = json.loads(out)
    assert record["question"] == "storm floods harbour"
    # asked as of the --as-of date, where the 2024 story is still in the future
    assert record["hits"][0]["headline"] == "Storm floods the harbour town"
    assert (
        "stdin line 1: as_of: there is no month 13 (“2024-13-45”): months are 1 to 12; "
        "asked as of 2023-01-02" in caplog.text
    )
    assert record["note"] == (  # a program reading the answers sees it too
        "as_of: there is no month 13 (“2024-13-45”): months are 1 to 12; asked as of 2023-01-02."
    )


def test_an_as_of_outside_the_dates_read_is_reported_and_the_question_answered(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    line = '{"question": "storm floods harbour", "as_of": "0001-01-01"}\n'
    monkeypatch.setattr(sys, "stdin", io.StringIO(line))

    record = json.loads(ask(corpus, data_dir, capsys, "-", "--json", "--as-of", "2023-01-02"))

    assert record["hits"][0]["headline"] == "Storm floods the harbour town"
    assert record["note"] == (
        "as_of: 0001-01-01 is outside the dates a question may be asked on, 0101-01-01 to "
        "9898-12-31; asked as of 2023-01-02."
    )


def test_a_question_objects_misspelled_keys_and_a_date_with_its_time_are_told(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "as-of" and "K" were ignored without a word, "2023-01-02T10:00:00Z" (JSON clients'
    # dates) only warned about on stderr, and {"q": ...} searched as its JSON text, silently
    lines = [
        {"question": "storm floods harbour", "as-of": "2023-01-02", "K": 1},
        {"question": "storm floods harbour", "as_of": "2023-01-02T10:00:00Z"},
        {"q": "storm floods harbour"},
        {"question": "storm floods harbour", "k": 0},
        {"question": "storm floods harbour", "k": "", "as_of": ""},  # a blank cell: none
        {"question": "storm floods harbour", "k": 10**20},  # past MAX_DEPTH: its cost
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    out = ask(corpus, data_dir, capsys, "-", "--json", "--as-of", "2025-01-01")

    misspelled, timed, other, bad_k, blank, deep = map(json.loads, out.splitlines())
    assert "note" not in blank  # asked with --k's and --as-of's, without a word
    assert blank["hits"]
    assert misspelled["note"].startswith(
        'Ignored "as-of", "K": a question object\'s keys are question, as_of, k.'
    )
    assert "note" not in timed or "as_of" not in timed["note"].lower()
    assert timed["hits"][0]["headline"] == "Storm floods the harbour town"  # not yet in 2023
    assert other["note"].startswith('Not a question object (it has no "question"); read as text.')
    assert bad_k["note"].startswith("k must be a positive whole number, not 0; asked with --k's.")
    assert deep["note"].startswith(f"k must be at most 100, not {10**20}; asked with k 100.")
    assert deep["hits"]


def test_a_stdin_k_written_as_a_whole_float_is_that_number(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # JSON has one kind of number: {"k": 1.0} had been refused as "not a positive whole
    # number", and the question asked with --k's
    asked = "flood harbour town storm"
    lines = [{"question": asked, "k": 1.0}, {"question": asked, "k": 1.5}]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    out = ask(corpus, data_dir, capsys, "-", "--json", "--k", "5", "--as-of", "2025-01-01")

    whole, half = map(json.loads, out.splitlines())
    assert len(half["hits"]) > 1  # the question finds more than one with --k's 5
    assert "note" not in whole
    assert len(whole["hits"]) == 1
    assert half["note"].startswith("k must be a positive whole number, not 1.5;")


def test_stdin_objects_of_the_wrong_types_are_told_in_jsons_words(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "its question is NoneType" for null; 20240501, a number, was read as a date silently
    lines = [{"question": None}, {"question": "storm floods harbour", "as_of": 20240501}]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    null, number = map(json.loads, out.splitlines())
    assert null["note"].startswith(
        "Not a question object (its question is null, not a string); read as text."
    )
    assert number["note"].startswith("as_of: must be a date like 2024-05-01, not 20240501;")


def test_a_json_list_on_a_stdin_line_is_said_to_be_no_question_object(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # it had been asked as one question, its strings read as quoted phrases, silently
    batch = [{"question": "storm floods harbour"}, {"question": "volcano"}]
    text = json.dumps(batch) + "\n[Breaking] storm floods harbour\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    out = ask(corpus, data_dir, capsys, "-", "--json")

    listed, bracketed = map(json.loads, out.splitlines())
    assert listed["note"].startswith(
        "Not a question object (it is a JSON list: one question object a line); read as text."
    )
    assert "note" not in bracketed or "question object" not in bracketed["note"]


def test_a_path_the_file_system_refuses_is_one_line(
    tmp_path: Path, corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a name over 255 bytes had been a traceback with status 1
    long = "新闻报道" * 22  # 264 bytes
    for args in (
        ["--corpus", str(tmp_path / long)],
        ["--config", str(tmp_path / f"{long}.toml"), "--corpus", str(corpus)],
        ["--corpus", str(corpus), "--data-dir", str(tmp_path / long)],
    ):
        status = main(
            [
                "ask",
                "volcano",
                *args,
                *([] if "--data-dir" in args else ["--data-dir", str(data_dir)]),
            ]
        )
        err = capsys.readouterr().err
        assert status == 2, args
        assert err.count("\n") == 1, err
        assert "File name too long" in err
        assert "Traceback" not in err


def test_a_config_data_dir_names_its_folder_by_a_variable(
    tmp_path: Path,
    corpus: Path,
    isolated: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `data_dir = "$NB_DATA/nbd"` had made a folder named "$NB_DATA" beside the config; an
    # unset variable had made one too, where a config error belongs
    config = isolated / "config.toml"
    config.write_text('[corpus]\ndata_dir = "$NB_DATA/nbd"\n', encoding="utf-8")
    monkeypatch.delenv("NB_DATA", raising=False)

    assert main(["ask", "Niger", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "corpus.data_dir '$NB_DATA/nbd' uses $NB_DATA, which is not set" in err
    assert [p.name for p in isolated.iterdir()] == ["config.toml"]

    monkeypatch.setenv("NB_DATA", str(tmp_path / "elsewhere"))
    assert main(["ask", "Niger", "--corpus", str(corpus)]) == 0
    assert (tmp_path / "elsewhere" / "nbd" / "CURRENT").is_file()
    assert [p.name for p in isolated.iterdir()] == ["config.toml"]


def test_a_corpus_link_in_a_loop_is_one_line_without_a_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the default data directory is named after the corpus's real path: a link in a loop
    # had raised there, before the corpus check could name it
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    status = main(["ask", "volcano", "--corpus", str(tmp_path / "loop1")])

    assert status == 2
    assert "a symbolic link in a loop" in capsys.readouterr().err


def test_ask_dash_needs_json(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("troops\n"))

    status = main(["ask", "-", *where(corpus, data_dir)])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith("newsbot: ask - reads questions from stdin only with --json")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", [["ask", "mars"], []])
def test_a_start_that_builds_the_index_shows_it_on_a_terminal(
    corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mars\n"))  # the console's questions
    monkeypatch.setenv("COLUMNS", "80")  # the bar's width follows the terminal's
    for start in ("first", "second"):
        stderr = Terminal()
        monkeypatch.setattr(sys, "stderr", stderr)

        assert main([*command, *where(corpus, data_dir)]) == 0

        if start == "first":  # builds the index: says so, then the bar `newsbot index` shows
            assert stderr.getvalue().startswith("newsbot: building the index")
            assert f"\rindexing [{'#' * 30}] {N_ARTICLES}/{N_ARTICLES}\n" in stderr.getvalue()
        else:  # loads the saved index in milliseconds: nothing to show
            assert stderr.getvalue() == ""


def test_a_start_that_updates_the_index_says_so_on_a_terminal(
    corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an update of a large corpus showed nothing for 13 s: the files are read before the
    # bar counts anything, and only a first build had said what was going on
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert main(["index", *where(corpus, data_dir)]) == 0
    # a new file read after the indexed ones: added to the index
    (corpus / "zz-volcano.txt").write_text(VOLCANO, encoding="utf-8")
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["ask", "volcano", *where(corpus, data_dir)]) == 0
    shown = stderr.getvalue()
    assert shown.startswith("newsbot: updating the index; a large corpus takes a while...\n")
    assert re.search(r"\rindexing \[#+\] (\d+)/\1\n", shown)  # then the bar
    # a changed file: the whole index is built again, and said so
    (corpus / "zz-volcano.txt").write_text(VOLCANO + "\nMore lava.\n", encoding="utf-8")
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["ask", "volcano", *where(corpus, data_dir)]) == 0
    assert stderr.getvalue().startswith("newsbot: rebuilding the index; a large corpus")
    stderr = Terminal()  # the index as saved: nothing to say
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["ask", "volcano", *where(corpus, data_dir)]) == 0
    assert stderr.getvalue() == ""


@pytest.mark.parametrize(("columns", "widest"), [(40, 39), (20, 19), (200, 47)])
def test_the_progress_bar_fits_the_terminal(
    corpus: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, columns: int, widest: int
) -> None:
    # a bar of 52 characters wrapped on a narrower terminal, and "\r" went back to its
    # second line only: every tick left a line
    monkeypatch.setenv("COLUMNS", str(columns))
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)

    assert main(["index", *where(corpus, data_dir)]) == 0

    ticks = stderr.getvalue().split("\n")[0].split("\r")[1:]
    assert ticks
    assert max(map(len, ticks)) <= widest
    assert ticks[-1].endswith(f"{N_ARTICLES}/{N_ARTICLES}")


def test_global_options_before_the_subcommand_count(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([*where(corpus, data_dir), "ask", "Mars outposts"])

    assert status == 0
    assert capsys.readouterr().out.startswith("1. NASA plans first outposts on Mars")
    assert (data_dir / "CURRENT").is_file()


def test_asks_own_options_before_the_subcommand_count(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--as-of 2024-05-01 ask tiktok" had been "invalid choice: '2024-05-01'" of the command
    for k in (["--k=1"], ["-k", "1"], ["-k1"]):
        options = ["--as-of", "2023-01-02", "--json", *k]
        status = main([*where(corpus, data_dir), *options, "ask", "storm floods harbour"])

        assert status == 0
        (line,) = capsys.readouterr().out.splitlines()
        hits = json.loads(line)["hits"]
        assert [hit["headline"] for hit in hits] == ["Storm floods the harbour town"]


def test_corpora_before_and_after_the_subcommand_all_count(
    corpus: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.md"
    other.write_text("# Glacier retreat measured\n\nThe glacier lost 40 metres.\n", "utf-8")
    first, then = ["--corpus", str(corpus)], ["--corpus", str(other), "--data-dir", str(data_dir)]
    status = main([*first, "ask", "glacier outposts Mars", "--k", "5", *then])

    assert status == 0
    out = capsys.readouterr().out
    assert "NASA plans first outposts on Mars" in out  # from the corpus given first
    assert "Glacier retreat measured" in out


@pytest.mark.parametrize("json_out", [False, True])
def test_an_output_encoding_without_room_for_a_character_costs_no_answer(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, json_out: bool
) -> None:
    """PYTHONIOENCODING=latin-1, or a Windows code page: text shows "?" for what the
    encoding lacks (dashes and curly quotes as "-" and "'"), JSON escapes it (still whole,
    still the same strings)."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "lodz.md").write_text(
        "# Łódź tram strike ends\n\nDrivers in Łódź — Poland\u2019s third city — went back.\n",
        "utf-8",
    )
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="latin-1", newline="\n")
    monkeypatch.setattr(sys, "stdout", out)
    flags = ["--json"] if json_out else []
    status = main(["ask", *flags, "tram strike", *where(tmp_path / "c", data_dir)])
    out.flush()

    assert status == 0
    printed = raw.getvalue().decode("latin-1")
    if json_out:
        hit = json.loads(printed)["hits"][0]
        assert hit["text"] == "Drivers in Łódź — Poland\u2019s third city — went back."
    else:  # punctuation as its ASCII look-alike; letters the encoding lacks as "?"
        assert "Drivers in ?ód? - Poland's third city - went back." in printed


def test_console_is_the_default_command(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Mars outposts\nquit\nwheat harvest\n"))

    status = main(where(corpus, data_dir))

    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith(f"Newsbot: ask about the news ({N_ARTICLES} articles, ")
    assert "\n1. NASA plans first outposts on Mars" in out
    assert "wheat" not in out


def test_the_console_greets_with_an_example_from_its_library(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # it suggested "why are US troops leaving Niger?", whatever the library held
    monkeypatch.setattr(sys, "stdin", io.StringIO("hi\n"))

    assert main(["console", *where(corpus, data_dir)]) == 0

    greeting = capsys.readouterr().out.splitlines()[-1]
    example = re.fullmatch(
        r"Hello! Ask me about the news in your own words, such as “(.+)”\.", greeting
    )
    assert example is not None, greeting
    assert any(example[1] in text.splitlines()[0] for text in ARTICLES.values())


def test_ask_answers_small_talk_with_an_example_from_its_library(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it suggested none, unlike the console
    assert main(["ask", "hi", *where(corpus, data_dir)]) == 0

    greeting = capsys.readouterr().out.strip()
    example = re.fullmatch(
        r"Hello! Ask me about the news in your own words, such as “(.+)”\.", greeting
    )
    assert example is not None, greeting
    assert any(example[1] in text.splitlines()[0] for text in ARTICLES.values())


def test_ask_json_notes_small_talk_with_the_consoles_reply(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the README promises the console's reply; JSON's had left the example out
    assert main(["ask", "hi", *where(corpus, data_dir)]) == 0
    console = capsys.readouterr().out.strip()
    assert main(["ask", "--json", "hi", *where(corpus, data_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["note"] == console
    monkeypatch.setattr("sys.stdin", io.StringIO("hi\nthanks\n"))
    assert main(["ask", "--json", "-", *where(corpus, data_dir)]) == 0
    notes = [json.loads(line)["note"] for line in capsys.readouterr().out.splitlines()]
    assert notes[0] == console
    assert notes[1] == "You're welcome! Ask me anything else about the news."


def test_default_corpus_is_the_shipped_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["ask", "Why is the U.S. withdrawing troops from Niger?", "--as-of", "2024-04-20"]
    )

    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.startswith("1. U.S. Agrees to Withdraw Troops from Niger")
    assert captured.err == ""


# --- index ------------------------------------------------------------------------------------


def test_index_builds_then_loads(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_index(corpus, data_dir, capsys)
    second = run_index(corpus, data_dir, capsys)

    assert first["action"] == "built"
    assert first["dir"] == str(data_dir)
    assert (first["articles"], first["paragraphs"], first["added"]) == (
        str(N_ARTICLES),
        str(N_PARAGRAPHS),
        str(N_ARTICLES),
    )
    assert second["action"] == "loaded"
    assert (second["articles"], second["paragraphs"], second["added"]) == (
        str(N_ARTICLES),
        str(N_PARAGRAPHS),
        "0",
    )


def test_index_force_rebuilds(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_index(corpus, data_dir, capsys)

    assert run_index(corpus, data_dir, capsys, "--force")["action"] == "built"


def test_a_save_that_fails_halfway_leaves_no_partial_copy(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a full disk: each later start retried the save and left another .gen-*.tmp full of it
    from retrieval.library import Library

    def fill(self: Library, folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "articles.jsonl").write_bytes(b"x" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Library, "save", fill)
    assert main(["index", *where(corpus, data_dir)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"newsbot: the index could not be saved in {data_dir} (No space left on device); "
        "free some space on its disk, or set --data-dir or corpus.data_dir to a folder you "
        "can write\n"
    )
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".gen-")] == []


def test_numpys_short_write_on_a_full_disk_is_told_as_a_full_disk(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # np.save on a full disk raises with no error number; the fix had been "set --data-dir"
    import numpy as np

    def short(*args: object, **kwargs: object) -> None:
        raise OSError("169053 requested and 157664 written")

    monkeypatch.setattr(np, "save", short)
    assert main(["index", *where(corpus, data_dir)]) == 2
    assert capsys.readouterr().err == (
        f"newsbot: the index could not be saved in {data_dir} (the disk is full); "
        "free some space on its disk, or set --data-dir or corpus.data_dir to a folder you "
        "can write\n"
    )


def test_a_current_pointer_that_cannot_be_replaced_leaves_no_copy_and_says_why(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each start wrote a whole copy of the index, then failed to point to it, and left it
    (data_dir / "CURRENT").mkdir(parents=True)
    for _ in range(2):
        assert main(["index", *where(corpus, data_dir)]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"newsbot: the index could not be saved in {data_dir} ({data_dir / 'CURRENT'} is "
            "a folder where the index keeps a file); remove it\n"
        )
    assert sorted(p.name for p in data_dir.iterdir()) == [".build.lock", "CURRENT"]


def test_ingest_of_copies_of_corpus_files_says_they_were_in_the_corpus(
    corpus: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "2 new" had been all it said, though the index gained nothing: the copies are stored,
    # as a later removal from the corpus needs, and said to be in the corpus already
    run_index(corpus, data_dir, capsys)
    copies = tmp_path / "copies"
    copies.mkdir()
    names = sorted(ARTICLES)
    for name in names[:2]:
        shutil.copy(corpus / name, copies / name)
    (copies / "new.txt").write_text(
        "Volcano erupts near the capital\n\nLava reached the outskirts.\n", encoding="utf-8"
    )
    assert main(["ingest", str(copies), *where(corpus, data_dir)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(
        "ingest: 0 feed(s) read, 3 new (2 already in the corpus, not indexed again), "
        "0 updated, 0 duplicates, 0 failed; index updated: "
        f"{N_ARTICLES + 1} articles, {N_PARAGRAPHS + 1} passages;"
    )


def test_ingest_whose_index_cannot_be_saved_stores_the_stories_and_says_why(
    corpus: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ingest said the index "serves from memory" and exited 0: a cron job on a full disk
    # reported success, and every later start rebuilt the index
    story = tmp_path / "news" / "volcano.txt"
    story.parent.mkdir()
    story.write_text("Volcano erupts near the capital\n\nLava reached the outskirts.\n")
    (data_dir / "CURRENT").mkdir(parents=True)
    assert main(["ingest", str(story), *where(corpus, data_dir)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("ingest: 0 feed(s) read, 1 new,")
    assert err[1:] == [
        f"newsbot: the index could not be saved in {data_dir} ({data_dir / 'CURRENT'} is "
        "a folder where the index keeps a file); remove it"
    ]
    (data_dir / "CURRENT").rmdir()
    assert main(["ask", "volcano", "lava", *where(corpus, data_dir)]) == 0
    assert "Volcano erupts near the capital" in capsys.readouterr().out  # it was stored


def test_a_data_dir_that_cannot_be_written_still_answers_but_index_says_why(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("a file, not a folder")

    status = main(["ask", "troops withdraw Niger", *where(corpus, in_the_way)])
    out = capsys.readouterr().out
    assert status == 0
    assert "U.S. agrees to withdraw troops from Niger" in out
    assert f"the index could not be saved in {in_the_way}" in caplog.text

    status = main(["index", *where(corpus, in_the_way)])
    err = capsys.readouterr().err
    assert status == 2
    assert err == (  # one line, naming what is in the way
        f"newsbot: the index could not be saved in {in_the_way} ({in_the_way} is a file, not "
        "a folder); set --data-dir or corpus.data_dir to a folder you can write\n"
    )


@pytest.mark.parametrize("below", ["", "sub"])
def test_a_data_dir_through_a_dangling_link_says_so(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], below: str
) -> None:
    # a link to a drive not mounted (or to itself): "(File exists)" had been all it said
    link = tmp_path / "newsbot"
    link.symlink_to(tmp_path / "drive")
    data_dir = link / below if below else link
    assert main(["index", *where(corpus, data_dir)]) == 2
    assert capsys.readouterr().err == (
        f"newsbot: the index could not be saved in {data_dir} ({link} is a symbolic link to "
        f"{tmp_path / 'drive'}, which does not exist: a drive not mounted?); mount it or "
        "create that folder, or set --data-dir or corpus.data_dir to a folder you can write\n"
    )
    link.unlink()
    link.symlink_to(link)
    assert main(["index", *where(corpus, data_dir)]) == 2
    assert capsys.readouterr().err == (
        f"newsbot: the index could not be saved in {data_dir} ({link} is a symbolic link in "
        "a loop); set --data-dir or corpus.data_dir to a folder you can write\n"
    )


def test_new_file_updates_the_index(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_index(corpus, data_dir, capsys)
    before = ask(corpus, data_dir, capsys, "volcano erupts Iceland")
    # after every indexed file in reading order, as dated names come: added, no rebuild
    (corpus / "zz-volcano.txt").write_text(VOLCANO, encoding="utf-8")

    summary = run_index(corpus, data_dir, capsys)
    after = ask(corpus, data_dir, capsys, "volcano erupts Iceland")

    assert before.startswith("No article mentions “Iceland”.\n\nNo good match")
    assert summary["action"] == "updated"
    assert (summary["articles"], summary["paragraphs"], summary["added"]) == (
        str(N_ARTICLES + 1),
        str(N_PARAGRAPHS + 1),
        "1",
    )
    assert after.startswith("1. Volcano erupts in Iceland")
    assert ask(corpus, data_dir, capsys, "Mars outposts").startswith("1. NASA plans")


def test_a_new_file_read_before_indexed_ones_rebuilds_the_index(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an update numbers new articles after the indexed ones; a fresh build reads files in
    # order, and numbers break ties (which of two near-identical passages answers)
    run_index(corpus, data_dir, capsys)
    (corpus / "a-volcano.txt").write_text(VOLCANO, encoding="utf-8")

    assert run_index(corpus, data_dir, capsys)["action"] == "built"
    assert ask(corpus, data_dir, capsys, "volcano erupts Iceland").startswith("1. Volcano")


def test_changed_file_rebuilds_the_index(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_index(corpus, data_dir, capsys)
    (corpus / "mars.txt").write_text(VOLCANO, encoding="utf-8")  # a different size

    summary = run_index(corpus, data_dir, capsys)

    assert summary["action"] == "built"
    assert summary["articles"] == str(N_ARTICLES)
    assert ask(corpus, data_dir, capsys, "volcano erupts").startswith("1. Volcano erupts")
    assert ask(corpus, data_dir, capsys, "Mars outposts").startswith("No good match")


def test_removed_file_rebuilds_the_index(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_index(corpus, data_dir, capsys)
    (corpus / "mars.txt").unlink()

    summary = run_index(corpus, data_dir, capsys)

    assert summary["action"] == "built"
    assert summary["articles"] == str(N_ARTICLES - 1)
    assert ask(corpus, data_dir, capsys, "Mars outposts").startswith("No good match")


# --- run --------------------------------------------------------------------------------------


def test_run_needs_a_token(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", *where(corpus, data_dir)]) == 2

    err = capsys.readouterr().err
    assert err.startswith("newsbot: newsbot run needs the bot token")
    assert "TELEGRAM_BOT_TOKEN" in err
    assert not data_dir.exists()  # nothing was opened


def test_a_token_pasted_into_a_path_is_never_printed(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # "newsbot: /tmp/123456789:AAHd...: no such file or folder" named it back in full
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    assert main(["ask", "x", "--corpus", str(tmp_path / token), "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert token.split(":")[1] not in err
    assert f"{tmp_path / '<token>'}: no such file or folder" in err
    # and in a warning: a file under it skipped
    folder = tmp_path / token
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nText.\n")
    (folder / "b.json").write_text("{")
    assert main(["ask", "text", "--corpus", str(folder), "--data-dir", str(data_dir)]) == 0
    [warned] = [r.getMessage() for r in caplog.records if "b.json" in r.getMessage()]
    assert warned.startswith(f"skipped {tmp_path / '<token>' / 'b.json'}: malformed JSON")


def test_run_builds_the_bot_and_runs_it(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import asyncio

    from bot import telegram_app

    token = "42:run-test-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    ran: list[tuple[telegram_app.App, object]] = []
    monkeypatch.setattr(telegram_app, "run_application", lambda app, s: ran.append((app, s)))

    assert main(["run", *where(corpus, data_dir)]) == 0

    [(app, settings)] = ran
    assert settings == telegram_app.TelegramSettings()
    assert app.bot.base_url == f"http://127.0.0.1:8081/bot{token}"
    assert app.persistence is not None
    assert getattr(app.persistence, "filepath", None) == data_dir / "telegram.pickle"
    bot = app.post_init.__self__  # type: ignore[union-attr]
    assert isinstance(bot, telegram_app.NewsBot)
    assert bot.backend.info.n_articles == N_ARTICLES
    assert bot.backend.info.built_at is not None
    assert f"{N_ARTICLES} articles; starting on Telegram (polling)" in capsys.readouterr().err

    assert bot.workers is None  # search_processes = 0: a thread in the bot's process

    (corpus / "volcano.txt").write_text(VOLCANO, encoding="utf-8")
    message = asyncio.run(bot.reload())  # /reload re-opens the sources
    assert message.startswith(f"Reloaded: {N_ARTICLES + 1} articles")
    assert bot.backend.info.n_articles == N_ARTICLES + 1


def test_run_on_a_data_directory_that_cannot_be_made_says_so_in_one_line(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot import telegram_app

    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    monkeypatch.setattr(telegram_app, "run_application", lambda app, s: None)

    for data_dir in (tmp_path / "a-file" / "d", tmp_path / "a-file"):
        status = main(["run", "--corpus", str(corpus), "--data-dir", str(data_dir)])

        err = capsys.readouterr().err
        assert status == 2
        assert "Traceback" not in err
        assert f"({tmp_path / 'a-file'} is a file, not a folder)" in err  # not "File exists"
        assert err.endswith("set --data-dir or corpus.data_dir to a folder you can write\n")


def test_a_second_run_on_the_same_data_directory_stops_in_one_line(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two bots on one data directory saved each other's state file over, and polled with
    one token (each had Telegram end the other's getUpdates)."""
    import os

    from bot import telegram_app

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    second: list[tuple[int, str]] = []

    def run_another(app: object, settings: object) -> None:  # while the first one serves
        if second:  # the second got to serve too
            return
        second.append((-1, ""))
        capsys.readouterr()
        status = main(["run", *where(corpus, data_dir)])
        second[0] = (status, capsys.readouterr().err)

    monkeypatch.setattr(telegram_app, "run_application", run_another)
    assert main(["run", *where(corpus, data_dir)]) == 0

    assert second == [
        (
            2,
            f"newsbot: another newsbot run is using {data_dir} (pid {os.getpid()}); stop it "
            "or use another --data-dir\n",
        )
    ]
    # the first bot let the lock go as it stopped: the next one runs
    monkeypatch.setattr(telegram_app, "run_application", lambda app, s: None)
    assert main(["run", *where(corpus, data_dir)]) == 0


def test_a_count_of_one_is_singular(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot import telegram_app

    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "volcano.txt").write_text(VOLCANO, encoding="utf-8")
    (folder / "volcano-again.txt").write_text(VOLCANO, encoding="utf-8")  # a duplicate
    (folder / "bad.jsonl").write_text("not json\n", encoding="utf-8")  # a file skipped
    flags = ["--corpus", str(folder), "--data-dir", str(data_dir)]

    assert main(["index", *flags]) == 0
    err = capsys.readouterr().err
    assert "newsbot: skipped 1 file\n" in err  # named above: no "--debug lists them"
    assert ": 1 article, 1 passage, 1 added, 1 duplicate, 1 file skipped, " in err
    # a later start reads the saved index, not the file: it names the file all the same
    assert main(["ask", "volcano", *flags]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"newsbot: skipped {folder / 'bad.jsonl'}: no article loaded (line 1:")
    assert err.endswith("newsbot: skipped 1 file\n")

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    monkeypatch.setattr(telegram_app, "run_application", lambda app, s: None)
    assert main(["run", *flags]) == 0
    assert "newsbot: 1 article; starting on Telegram" in capsys.readouterr().err


def test_run_with_search_processes(
    corpus: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import telegram_app

    config = tmp_path / "bot.toml"
    config.write_text("[telegram]\nsearch_processes = 2\n", encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    ran: list[telegram_app.App] = []
    monkeypatch.setattr(telegram_app, "run_application", lambda app, s: ran.append(app))

    assert main(["run", "--config", str(config), *where(corpus, data_dir)]) == 0

    bot = ran[0].post_init.__self__  # type: ignore[union-attr]
    assert isinstance(bot, telegram_app.NewsBot)
    assert bot.workers is not None
    assert bot.workers.processes == 2
    asyncio.run(bot.workers.close())  # never started: processes start with the first search


@pytest.fixture
def fresh_loop() -> Iterator[None]:
    """An event loop for one `newsbot run`: run_polling closes the loop it ran on."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield
    asyncio.set_event_loop(None)
    loop.close()


@pytest.mark.usefixtures("fresh_loop")
def test_run_says_serving_once_telegram_accepted_the_token(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot import telegram_app
    from tests.fake_bot_api import BOT_USERNAME, FakeBotServer

    real_run = telegram_app.run_application

    def run_briefly(app: telegram_app.App, settings: telegram_app.TelegramSettings) -> None:
        async def stop(context: object) -> None:
            app.stop_running()

        assert app.job_queue is not None
        app.job_queue.run_once(stop, 0.2)
        real_run(app, settings, poll_timeout=0.1)

    monkeypatch.setattr(telegram_app, "run_application", run_briefly)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    with FakeBotServer() as server:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        status = main(["run", *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert status == 0
    starting = err.index(f"newsbot: {N_ARTICLES} articles; starting on Telegram (polling)")
    assert err.index(f"newsbot: serving as @{BOT_USERNAME}; Ctrl-C stops") > starting


def run_with_get_me_failing(
    monkeypatch: pytest.MonkeyPatch,
    token: str,
    status: int,
    description: str,
    *args: str,
    method: str = "getMe",
    parameters: dict[str, object] | None = None,
) -> tuple[int, str]:
    """`newsbot run ARGS` with this token against a fake Bot API whose `method` (getMe)
    fails with this status, description and response parameters: (the exit status, the
    API's base URL)."""
    from tests.fake_bot_api import FakeBotServer

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with FakeBotServer() as server:
        server.api.fail(method, status, description, times=99, parameters=parameters)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        return main(["run", *args]), server.base_url


@pytest.mark.usefixtures("fresh_loop")
def test_run_under_flood_control_says_when_to_start_again(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # a bot restarted in a loop: Telegram's 429 at start-up was a traceback, then "refused to
    # start the bot ...; check the [telegram] settings", which no setting fixes
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        status, _ = run_with_get_me_failing(
            monkeypatch,
            "555:AAE-flooded-token",
            429,
            "Too Many Requests: retry after 1",
            *where(corpus, data_dir),
            method="setMyCommands",
            parameters={"retry_after": 1},
        )

    err = capsys.readouterr().err
    assert status == 1
    # python-telegram-bot's own RetryAfter warns that retry_after will be a timedelta: the
    # operator cannot act on that, and newsbot reads either
    assert not [w for w in warned if "retry_after" in str(w.message)]
    assert err.endswith(
        "newsbot: Telegram asks this bot to wait 1 s before starting again (flood control: it "
        "was started too often); start it again after that\n"
    )
    assert "Traceback" not in caplog.text


@pytest.mark.usefixtures("fresh_loop")
def test_run_with_a_rejected_token_says_so_in_one_line(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = "555:AAE-revoked-token"
    status, base_url = run_with_get_me_failing(
        monkeypatch, token, 401, "Unauthorized", *where(corpus, data_dir)
    )

    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert "newsbot: Telegram rejected the bot token" in err
    assert "serving" not in err  # it never did
    assert "TELEGRAM_BOT_TOKEN" in err
    # another server than Telegram's said so: it may be no Bot API at all
    assert f"check that TELEGRAM_API_BASE_URL or telegram.api_base_url ({base_url})" in err
    # python-telegram-bot's traceback of the failure shows only with --debug
    assert "InvalidToken" not in caplog.text
    assert token not in err
    assert token not in caplog.text


def unused_port() -> int:
    """A port on 127.0.0.1 that nobody listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.usefixtures("fresh_loop")
def test_run_without_telegram_says_so_in_one_line(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = unused_port()
    token = "555:AAE-unreachable-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{port}/bot")

    status = main(["run", *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    assert f"newsbot: could not reach the Telegram Bot API at http://127.0.0.1:{port}/bot" in err
    assert "serving" not in err
    assert token not in err
    assert token not in caplog.text


@pytest.mark.usefixtures("fresh_loop")
def test_an_unreachable_bot_api_set_in_the_config_is_named_as_the_config_key(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # it had been blamed on TELEGRAM_API_BASE_URL, which was not set
    port = unused_port()
    config = tmp_path / "bot.toml"
    config.write_text(f'[telegram]\napi_base_url = "http://127.0.0.1:{port}/bot"\n', "utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "555:AAE-unreachable-token")
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)

    assert main(["run", "--config", str(config), *where(corpus, data_dir)]) == 1

    err = capsys.readouterr().err
    assert f"check the network, or telegram.api_base_url in {config}\n" in err


@pytest.mark.usefixtures("fresh_loop")
def test_an_unreachable_bot_api_is_named_without_its_user_name_and_password(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = unused_port()
    config = tmp_path / "bot.toml"
    secret = f'[telegram]\napi_base_url = "http://bob:hunter2@127.0.0.1:{port}/bot"\n'
    config.write_text(secret, "utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "555:AAE-unreachable-token")
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)

    assert main(["run", "--config", str(config), *where(corpus, data_dir)]) == 1

    err = capsys.readouterr().err
    assert f"at http://127.0.0.1:{port}/bot (" in err
    assert "hunter2" not in err
    assert "bob" not in err


@pytest.mark.usefixtures("fresh_loop")
def test_run_against_a_bot_api_answering_an_error_says_it_answered(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Bot API that answers 500 in its JSON was reached: it is down, the network is not
    to blame (python-telegram-bot raises the same NetworkError for both)."""
    token = "42:run-test-token"
    status, base_url = run_with_get_me_failing(
        monkeypatch, token, 500, "Internal Server Error", *where(corpus, data_dir)
    )

    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    assert err.endswith(
        f"newsbot: the Telegram Bot API at {base_url} answered with an error (Internal "
        "Server Error); it may be down for a while: try again later\n"
    )
    assert not secret_shown(token, err)


def secret_shown(token: str, *texts: str) -> bool:
    """Whether any text holds the token's secret part (after the colon), in any case."""
    secret = token.partition(":")[2].lower()
    return any(secret in text.lower() for text in texts)


def test_run_with_a_base_url_without_bot_says_so_without_the_token(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = "123456:SECRETtok"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    # the request went to http://127.0.0.1:8081123456:SECRETtok/getMe: "Invalid port"
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081")

    status = main(["run", *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        "newsbot: TELEGRAM_API_BASE_URL must end in /bot, as in https://api.telegram.org/bot "
        "or http://127.0.0.1:8081/bot (or hold {token} where the token goes)\n"
    )
    assert not secret_shown(token, err)


@pytest.mark.usefixtures("fresh_loop")
@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_run_never_shows_the_token_a_refusal_echoes_in_lower_case(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    debug: list[str],
) -> None:
    caplog.set_level(logging.DEBUG if debug else logging.WARNING)
    token = "555:AAE-Echoed-Token"
    # python-telegram-bot capitalizes a "Bad Request: ..." description: the rest in lower case
    refusal = f"Bad Request: no bot at /bot{token}/getMe"
    status, base_url = run_with_get_me_failing(
        monkeypatch, token, 400, refusal, *debug, *where(corpus, data_dir)
    )

    err = capsys.readouterr().err
    assert status == 1
    assert err.endswith(
        f"newsbot: the Telegram Bot API at {base_url} refused to start the bot (No bot at "
        "/bot<token>/getme); check the [telegram] settings\n"
    )
    assert not secret_shown(token, err, caplog.text)
    if debug:  # the traceback shows, redacted
        assert "Traceback" in caplog.text


class _PageHandler(BaseHTTPRequestHandler):
    """Answers every request with a web page, as a proxy, a login page or a wrong host does."""

    status = 200

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"<html><body>Welcome! Sign in to use this network.</body></html>"
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the stdlib names it format
        """Quiet."""


@contextmanager
def page_server(status: int) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that answers every POST with an HTML page; yields the base
    URL to give the bot."""
    handler = type("Handler", (_PageHandler,), {"status": status})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.usefixtures("fresh_loop")
@pytest.mark.parametrize("status", [200, 404])
def test_run_against_a_web_page_says_the_base_url_is_wrong(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    status: int,
) -> None:
    token = "555:AAE-page-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with page_server(status) as base_url:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", base_url)
        code = main(["run", *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert err.endswith(
        f"newsbot: the server at {base_url} is not a Telegram Bot API (it answered with a page, "
        "not the API's JSON); set TELEGRAM_API_BASE_URL or telegram.api_base_url to a Bot API "
        "server, e.g. https://api.telegram.org/bot\n"
    )
    assert "rejected the bot token" not in err  # a 404 page says nothing of the token
    assert "serving" not in err
    assert "invalid JSON" not in caplog.text  # python-telegram-bot's traceback: --debug only
    assert not secret_shown(token, err, caplog.text)


@pytest.mark.usefixtures("fresh_loop")
@pytest.mark.parametrize(
    "result",
    [
        "x/bot555:AAE-json-token/getMe",
        None,
        [],
        7,
        {},
        {"id": 1},
        # an account, but no bot's: every bot has a username ("serving as @None" had started)
        {"id": 1, "is_bot": True, "first_name": "x"},
        {"id": 1, "is_bot": True, "first_name": "x", "username": ""},
        {"id": 1, "is_bot": True, "first_name": "x", "username": 7},  # "serving as @7"
    ],
)
def test_run_against_json_that_is_no_bot_api_says_the_base_url_is_wrong(
    corpus: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    result: object,
) -> None:
    # a server that answers every call with {"ok": true, "result": ...} (an echo server, a
    # mock left running): python-telegram-bot's reading of getMe's result as the bot's
    # account raised a TypeError, "internal error", exit status 70
    from tests.fake_bot_api import FakeBotServer

    token = "555:AAE-json-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with FakeBotServer() as server:
        server.api.answer_with("getMe", result)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        code = main(["run", *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert err.endswith(
        f"newsbot: the server at {server.base_url} is not a Telegram Bot API (it answered "
        "getMe, the first call, with no bot's account); set TELEGRAM_API_BASE_URL or "
        "telegram.api_base_url to a Bot API server, e.g. https://api.telegram.org/bot\n"
    )
    assert "serving" not in err
    assert not secret_shown(token, err, caplog.text)


def webhook_config(tmp_path: Path, listen: str, port: int) -> Path:
    """A config file for webhook mode on listen:port."""
    config = tmp_path / "webhook.toml"
    config.write_text(
        '[telegram]\nmode = "webhook"\nwebhook_url = "https://bot.example.org/newsbot"\n'
        f'webhook_listen = "{listen}"\nwebhook_port = {port}\n',
        encoding="utf-8",
    )
    return config


@pytest.mark.usefixtures("fresh_loop")
@pytest.mark.parametrize(
    ("listen", "reason", "fix"),
    [
        ("127.0.0.1", "Address already in use", "set telegram.webhook_port to a free port"),
        (  # TEST-NET-1: an address no machine of ours has
            "192.0.2.1",
            "Cannot assign requested address",
            "set telegram.webhook_listen to an address of this machine, e.g. 127.0.0.1",
        ),
    ],
)
def test_run_webhook_that_cannot_listen_says_so_in_one_line(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    listen: str,
    reason: str,
    fix: str,
) -> None:
    from tests.fake_bot_api import FakeBotServer

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    with socket.socket() as taken, FakeBotServer() as server:
        taken.bind(("127.0.0.1", 0))
        taken.listen()  # another program serves on the port
        port = taken.getsockname()[1]
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        config = webhook_config(tmp_path, listen, port)
        status = main(["run", "--config", str(config), *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert "serving" not in err
    assert err.endswith(
        f"newsbot: could not listen for webhooks on {listen}:{port} ({reason}); {fix}\n"
    )
    # nothing was asked of Telegram: setWebhook would take the webhook from whoever serves there
    assert "setWebhook" not in server.api.methods()


@pytest.mark.usefixtures("fresh_loop")
def test_run_webhook_whose_port_is_taken_after_the_check_says_so_in_one_line(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another program takes the port between the check and the server's start: the same
    one line, not python-telegram-bot's traceback."""
    import bot.telegram_app
    from tests.fake_bot_api import FakeBotServer

    monkeypatch.setattr(bot.telegram_app, "check_listen", lambda host, port: None)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    with socket.socket() as taken, FakeBotServer() as server:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        config = webhook_config(tmp_path, "127.0.0.1", port)
        status = main(["run", "--config", str(config), *where(corpus, data_dir)])

    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert "serving" not in err
    assert err.endswith(
        f"newsbot: could not listen for webhooks on 127.0.0.1:{port} (Address already in use); "
        "set telegram.webhook_port to a free port\n"
    )


@pytest.mark.usefixtures("fresh_loop")
def test_run_webhook_says_serving_once_it_listens(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import bot.__main__ as command
    from bot import telegram_app
    from tests.fake_bot_api import BOT_USERNAME, FakeBotServer

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listening: list[bool] = []
    say_serving = command._say_serving

    def check_then_say(name: str) -> None:
        with socket.socket() as client:
            listening.append(client.connect_ex(("127.0.0.1", port)) == 0)
        say_serving(name)

    real_run = telegram_app.run_application

    def run_briefly(app: telegram_app.App, settings: telegram_app.TelegramSettings) -> None:
        async def stop(context: object) -> None:
            app.stop_running()

        assert app.job_queue is not None
        app.job_queue.run_once(stop, 0.3)
        real_run(app, settings)

    monkeypatch.setattr(command, "_say_serving", check_then_say)
    monkeypatch.setattr(telegram_app, "run_application", run_briefly)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:run-test-token")
    with FakeBotServer() as server:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.base_url)
        config = webhook_config(tmp_path, "127.0.0.1", port)
        status = main(["run", "--config", str(config), *where(corpus, data_dir)])

    assert status == 0
    assert listening == [True]  # said once the webhook server had its port
    assert f"newsbot: serving as @{BOT_USERNAME}; Ctrl-C stops" in capsys.readouterr().err


# --- errors -----------------------------------------------------------------------------------


def error_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command that must fail with status 2 and one line on stderr; return the line."""
    status = main(argv)

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.startswith("newsbot: ")
    assert captured.err.endswith("\n")
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


@pytest.mark.parametrize("command", [["ask", "troops"], ["index"], ["console"]])
def test_missing_corpus(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "no-such-folder"

    line = error_line([*command, *where(missing, data_dir)], capsys)

    assert str(missing) in line
    assert "no such file or folder" in line


@pytest.mark.parametrize("flag", ["--corpus", "--data-dir", "--config"])
def test_an_empty_path_flag_is_an_error_not_the_current_folder(
    capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "troops", flag, ""])

    assert exit_info.value.code == 2
    assert f"argument {flag}: an empty path" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["run", "123456:AAHsecretsecretsecretXYZ"],
        ["ask", "--k", "123456:AAHsecretsecretsecretXYZ", "troops"],
        ["123456:AAHsecretsecretsecretXYZ"],
        ["run", "https://api.telegram.org/bot123456:AAHsecretsecretsecretXYZ/getMe"],
        ["run", "https://example.org/Bot123456:AAHsecretsecretsecretXYZ/getMe"],
        ["ask", "--k", "tg123456:AAHsecretsecretsecretXYZ", "troops"],
    ],
)
def test_a_token_typed_as_an_argument_is_not_quoted_back(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    # probe, 29th session: "unrecognized arguments: 123456:AAH..." went to the shell's log
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "secretsecret" not in err
    assert "<token>" in err


def test_a_blank_data_dir_is_an_error_not_a_folder_of_spaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["index", "--data-dir", "  "])
    assert exit_info.value.code == 2
    assert "argument --data-dir: an empty path" in capsys.readouterr().err


def test_ingest_of_an_empty_path_is_an_error_not_the_current_folder(
    tmp_path: Path,
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an unset $FILE: "." would store every article file under it in the news store for good
    monkeypatch.chdir(corpus)
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "", *where(corpus, data_dir)])

    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "argument sources: an empty path; name article files or folders, or feed URLs" in err
    assert not data_dir.exists()


def test_ingest_of_a_link_in_a_loop_says_so_as_corpus_does(
    tmp_path: Path, corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it had said "no such file or folder" of a link the user can see with ls
    (tmp_path / "l1.txt").symlink_to(tmp_path / "l2.txt")
    (tmp_path / "l2.txt").symlink_to(tmp_path / "l1.txt")

    line = error_line(["ingest", str(tmp_path / "l1.txt"), *where(corpus, data_dir)], capsys)

    assert f"ingest {tmp_path / 'l1.txt'}: a symbolic link in a loop; name article files" in line


def test_a_config_that_is_a_fifo_is_an_error_not_a_hang(
    tmp_path: Path, corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)

    line = error_line(["ask", "troops", "--config", str(fifo), *where(corpus, data_dir)], capsys)

    assert line == f"newsbot: {fifo}: not a regular file; point --config at a TOML file\n"


def test_a_tilde_after_the_equals_sign_is_the_home_folder(
    tmp_path: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the shell expands no ~ in --data-dir=~/news: a folder named "~" was made where it ran
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)

    status = main(["index", f"--corpus={corpus}", "--data-dir=~/news"])

    capsys.readouterr()
    assert status == 0
    assert (home / "news" / "CURRENT").exists()
    assert not (work / "~").exists()


def test_empty_corpus(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("# About\n\nNotes.\n", encoding="utf-8")  # no blame

    line = error_line(["ask", "troops", *where(empty, data_dir)], capsys)

    assert "no articles found" in line
    assert str(empty) in line
    assert "add article files" in line


def test_a_corpus_of_only_notes_names_them_and_the_fix(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # probe, 29th session: a folder whose articles were in "source.jsonl" was told to add
    # article files; an export's authors.json or source.json stays passed over (verify
    # round: it read as fake articles)
    folder = tmp_path / "export"
    folder.mkdir()
    record = {"headline": "Kestrel story", "paragraphs": ["Kestrels nest here."]}
    (folder / "source.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")

    line = error_line(["ask", "kestrel", *where(folder, data_dir)], capsys)

    assert "source.jsonl is passed over as a folder's notes" in line
    assert "name such a file on its own with --corpus" in line
    assert main(["ask", "kestrel", *where(folder / "source.jsonl", data_dir)]) == 0
    assert "Kestrel story" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[answers]\nresults = "three"\n', "answers.results must be a positive integer"),
        ("[search]\ntop_k = 3\n", "unknown key search.top_k"),
        ("[answers\n", "not valid TOML"),
    ],
)
def test_bad_config(
    corpus: Path,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    expected: str,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")

    line = error_line(["ask", "troops", "--config", str(config), *where(corpus, data_dir)], capsys)

    assert line.startswith(f"newsbot: {config}: ")
    assert expected in line


def test_config_toml_in_the_working_folder_is_used(
    corpus: Path, data_dir: Path, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated / "config.toml").write_text("[answers]\nresults = 0\n", encoding="utf-8")

    line = error_line(["ask", "troops", *where(corpus, data_dir)], capsys)

    assert line.startswith("newsbot: config.toml: answers.results")


def test_missing_config_file(
    corpus: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.toml"

    line = error_line(["ask", "troops", "--config", str(missing), *where(corpus, data_dir)], capsys)

    assert f"{missing}: no such file" in line


def test_an_empty_question_is_a_usage_error(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `newsbot ask ""` was told "No good match. Try fewer or different words"
    # a question of invisible characters only (a zero-width space, a word joiner) is blank,
    # as the console reads it: it was searched, "No good match" with status 0
    for blank in ("", "   ", "\u200b", " \u2060\ufeff "):
        line = error_line(["ask", blank, *where(corpus, data_dir)], capsys)
        assert (
            line
            == 'newsbot: ask: the question is empty; put it after ask: newsbot ask "niger troops"\n'
        )


@pytest.mark.parametrize("k", ["0", "-1", "101", "99999999999999999999"])
def test_bad_k(corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], k: str) -> None:
    # checked before the corpus is read: its warnings (a file skipped) came first, three
    # lines before the one that says what to mend. A k past MAX_DEPTH had been searched: the
    # near-duplicate check grows with k squared, and a k of 10^20 took a minute
    (corpus / "broken.json").write_text("{", encoding="utf-8")

    line = error_line(["ask", "troops", "--k", k, *where(corpus, data_dir)], capsys)

    assert line == f"newsbot: --k must be a whole number from 1 to 100, got {k}\n"
    assert not data_dir.exists()


def test_bad_as_of_is_a_usage_error(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for value, message in [
        ("2024-13-01", "--as-of: there is no month 13 (“2024-13-01”): months are 1 to 12"),
        ("2024-02-30", "--as-of: there is no day 2024-02-30: February 2024 has 29 days"),
        ("30/01/2024", "--as-of: not a date: '30/01/2024' (use YYYY-MM-DD)"),
        # a day outside the years questions are read in had been moved into them silently,
        # and the notes named days never asked about ("dated yesterday (31 Dec 100)")
        (
            "0001-01-01",
            "--as-of: 0001-01-01 is outside the dates a question may be asked on, "
            "0101-01-01 to 9898-12-31",
        ),
        ("9999-12-31T10:00:00", "--as-of: 9999-12-31 is outside the dates a question may"),
    ]:
        with pytest.raises(SystemExit) as info:
            main(["ask", "troops", "--as-of", value, *where(corpus, data_dir)])

        assert info.value.code == 2
        assert message in capsys.readouterr().err


def test_as_of_takes_a_date_and_time_as_a_stdin_line_does(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--as-of 2024-05-01T10:00:00Z" was "not a date", though a stdin line's as_of took it
    run_index(corpus, data_dir, capsys)
    flag = ask(corpus, data_dir, capsys, "storm floods harbour", "--as-of", "2023-01-02T10:00:00Z")
    assert flag == ask(corpus, data_dir, capsys, "storm floods harbour", "--as-of", "2023-01-02")
    # ... and as SQL and pandas write it, or with spaces around it: both had been refused
    for written in ("2023-01-02 10:00", "2023-01-02 10:00:00", " 2023-01-02 "):
        assert flag == ask(corpus, data_dir, capsys, "storm floods harbour", "--as-of", written)


@pytest.mark.parametrize("where_debug", ["after", "before"])
def test_debug_shows_the_traceback_of_a_corpus_error_and_keeps_the_exit_status(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], where_debug: str
) -> None:
    # --debug raised the error: a traceback, but exit status 1 instead of 2
    missing = tmp_path / "no-such-folder"
    command = (
        ["ask", "troops", "--debug"] if where_debug == "after" else ["--debug", "ask", "troops"]
    )

    assert main([*command, *where(missing, data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "CorpusError" in err
    assert err.rstrip().splitlines()[-1].startswith("newsbot: ")
    assert "no such file or folder" in err.rstrip().splitlines()[-1]


def test_debug_shows_the_traceback_of_a_config_error_and_keeps_the_exit_status(
    corpus: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[answers]\nresults = true\n", encoding="utf-8")

    command = ["ask", "troops", "--debug", "--config", str(config), *where(corpus, data_dir)]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "ConfigError" in err
    assert "answers.results" in err.rstrip().splitlines()[-1]


@pytest.mark.parametrize("bug", [RuntimeError("secret detail"), OSError(5, "I/O error")])
def test_a_bug_outside_a_question_is_one_line_and_debug_shows_where(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bug: Exception,
) -> None:
    import bot.__main__

    def broken(*args: object, **kwargs: object) -> int:
        raise bug

    monkeypatch.setattr(bot.__main__, "_dispatch", broken)
    assert main(["index", *where(corpus, data_dir)]) == 70
    err = capsys.readouterr().err
    kind = type(bug).__name__
    assert (
        err
        == f"newsbot: internal error ({kind}); run the command again with --debug to see where\n"
    )

    assert main(["index", "--debug", *where(corpus, data_dir)]) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().splitlines()[-1].startswith("newsbot: internal error")


def test_text_ask_on_any_day_answers(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "last week" asked on 0001-01-01 ended `newsbot ask` in an OverflowError's traceback;
    # a day outside the dates questions are read in is now refused in one line, and any
    # day inside them answers (the search keeps its spans within the calendar)
    with pytest.raises(SystemExit) as info:
        main(["ask", "what happened last week", "--as-of", "0001-01-01", *where(corpus, data_dir)])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "0001-01-01 is outside the dates a question may be asked on" in err
    for day in ("0101-01-01", "9898-12-31"):
        asked = ["ask", "what happened last week", "--as-of", day, *where(corpus, data_dir)]
        assert main(asked) == 0
        assert "\n1. " in capsys.readouterr().out  # the stories added last, none dated then


def test_an_empty_news_store_that_cannot_be_written_is_no_store(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an ingest a full disk stopped left news.sqlite3 empty; on a folder it could not write,
    # ask stopped with status 2 until space was freed
    import bot.__main__ as cli
    from retrieval.db import StoreError

    data_dir.mkdir(parents=True)
    (data_dir / "news.sqlite3").write_bytes(b"")

    def refused(*args: object, **kwargs: object) -> None:
        raise StoreError("news store cannot be written: the disk is full")

    monkeypatch.setattr(cli, "open_news", refused)
    assert main(["ask", "troops withdraw Niger", *where(corpus, data_dir)]) == 0
    assert "U.S. agrees to withdraw troops from Niger" in capsys.readouterr().out
    assert "is empty and cannot be written here; answering without it" in caplog.text


def test_a_news_store_whose_set_up_fails_leaves_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval.db import NewsDB, StoreError

    def full(self: NewsDB, *args: object) -> None:
        raise StoreError("news store: the disk is full; free some space and retry")

    monkeypatch.setattr(NewsDB, "_open", full)
    path = tmp_path / "data" / "news.sqlite3"
    with pytest.raises(StoreError):
        NewsDB(path)
    assert not path.exists()


@pytest.mark.parametrize("readable", [True, False])
def test_a_news_store_that_cannot_be_written_is_read_as_it_is(
    corpus: Path,
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    readable: bool,
) -> None:
    # a data directory this process may not write, with a store an earlier run left: ask
    # stopped with exit status 2, where the same folder without a store answered (the tests
    # run as root, who may write anywhere: the refusal is simulated)
    import bot.__main__ as cli
    from retrieval.db import NewsDB, StoreError

    story = tmp_path / "news" / "volcano.txt"
    story.parent.mkdir()
    story.write_text("Volcano erupts near the capital\n\nLava reached the outskirts.\n")
    assert main(["ingest", str(story), *where(corpus, data_dir)]) == 0
    capsys.readouterr()
    refusal = StoreError(f"news store {data_dir / 'news.sqlite3'} cannot be read or written")

    def refused(*args: object, **kwargs: object) -> None:
        raise refusal

    monkeypatch.setattr(cli, "open_news", refused)
    if not readable:
        monkeypatch.setattr(NewsDB, "read_only", refused)

    status = main(["ask", "volcano", "lava", *where(corpus, data_dir)])

    out, err = capsys.readouterr()
    if readable:
        assert status == 0
        assert out.startswith("1. Volcano erupts near the capital")
        assert "cannot be written here; reading it as it is" in caplog.text
    else:
        assert status == 2
        assert err == f"newsbot: {refusal}\n"


# --- ingest -----------------------------------------------------------------------------------


def test_ctrl_c_stops_ingest_without_waiting_for_stalled_pages(
    feed_server: FeedServer, data_dir: Path, tmp_path: Path
) -> None:
    # it went on until the stalled pages' read timeout (here 30 s), though the README says
    # Ctrl-C stops it at once: the page threads were never told to stop
    page = b"<html><body><article><h1>Volcano</h1><p>Lava flowed.</p></article></body></html>"
    links = [feed_server.route(f"/stall/{n}", page, delay=90) for n in (1, 2)]
    items = [
        {"title": f"Volcano {n}", "link": link, "description": "Lava."}
        for n, link in enumerate(links)
    ]
    url = feed_server.route("/feed.xml", rss(items))
    config = tmp_path / "config.toml"
    config.write_text("[news]\ntimeout_seconds = 30.0\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    command = [sys.executable, "-m", "bot", "ingest", url, "--config", str(config)]
    child = subprocess.Popen(
        [*command, "--data-dir", str(data_dir)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while len([r for r in feed_server.requests if r.path.startswith("/stall/")]) < 2:
            assert child.poll() is None
            time.sleep(0.02)
        child.send_signal(signal.SIGINT)
        # well before the 30 s read timeout (a stop is seen within a quarter of a second)
        assert child.wait(timeout=20) == 130
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.parametrize("feeds_that_work", [0, 1])
def test_ingest_fails_when_every_feed_fails_and_names_each_failure_once(
    feed_server: FeedServer,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    feeds_that_work: int,
) -> None:
    missing = feed_server.url("/missing.xml")
    broken = feed_server.route("/broken.xml", b"<html><body>Not a feed</body></html>")
    item = {"title": "Volcano erupts", "link": feed_server.url("/none"), "description": "Lava."}
    working = feed_server.route("/feed.xml", rss([item]))
    feeds = [missing, broken, working][: 2 + feeds_that_work]

    status = main(["ingest", *feeds, "--data-dir", str(data_dir)])

    said = capsys.readouterr().err + caplog.text
    assert status == (0 if feeds_that_work else 1)
    assert said.count(missing) == 1
    assert said.count(broken) == 1
    assert "HTTP 404" in said
    assert "2 failed" in said


def test_ingest_names_a_feed_without_its_password_or_key(
    feed_server: FeedServer,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # stderr goes to logs (cron, systemd): a feed's user name, password and key stay out
    item = {"title": "Volcano erupts", "link": feed_server.url("/none"), "description": "Lava."}
    feed_server.route("/feed.xml", rss([item]))
    secret = "?apikey=SECRET123"
    working = feed_server.url("/feed.xml" + secret).replace("//", "//reader:s3cret@")
    missing = feed_server.url("/missing.xml" + secret).replace("//", "//reader:s3cret@")

    main(["ingest", working, missing, "--data-dir", str(data_dir)])

    said = capsys.readouterr().err + caplog.text
    # a feed read is named by its host and path; one that failed by its address, to correct
    assert f"  {feed_server.url('/feed.xml').removeprefix('http://')}: 1 new" in said
    assert f"{feed_server.url('/missing.xml')}?apikey=…: HTTP 404" in said
    assert "s3cret" not in said
    assert "SECRET123" not in said


def test_ingest_tells_apart_unnamed_feeds_that_one_label_would_name(
    feed_server: FeedServer, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two feeds told apart only by a key were both "127.0.0.1:PORT/feed.xml": each line is
    # named by the masked address instead, and a search feed by its words
    item = {"title": "Volcano erupts", "link": feed_server.url("/none"), "description": "Lava."}
    feed_server.route("/feed.xml", rss([item]))
    one, two = feed_server.url("/feed.xml?key=ONE1"), feed_server.url("/feed.xml?key=TWO2")
    search = feed_server.url("/feed.xml?hl=en-US&gl=US&q=volcano")

    main(["ingest", one, two, search, "--data-dir", str(data_dir)])

    said = capsys.readouterr().err
    host = feed_server.url("").removeprefix("http://").rstrip("/")
    assert said.count(f"  {feed_server.url('/feed.xml')}?key=…: ") == 2
    assert f"  {host}/feed.xml?q=volcano: " in said  # the search settings left out: long
    assert "ONE1" not in said
    assert "TWO2" not in said


def test_an_ingest_waits_for_another_to_finish_storing(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a second ingest had failed on the store's write lock, held by the first for as long as
    # it stored its file set, and told the user to stop "another newsbot running"
    import fcntl

    records = tmp_path / "new.jsonl"
    story = {"id": "s1", "headline": "Volcano erupts", "paragraphs": ["Lava flowed."]}
    records.write_text(json.dumps(story) + "\n", encoding="utf-8")
    data_dir.mkdir()
    held = os.open(data_dir / ".ingest.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)  # another ingest storing
    status: list[int] = []
    second = threading.Thread(
        target=lambda: status.append(main(["ingest", str(records), "--data-dir", str(data_dir)]))
    )
    second.start()
    second.join(1.0)
    assert second.is_alive()  # waiting its turn,
    assert not status  # not failed
    os.close(held)  # the other ingest is done
    second.join(60)

    assert status == [0]
    err = capsys.readouterr().err
    assert "another newsbot ingest is storing; waiting for it" in err
    assert "1 new" in err


def test_a_start_waiting_for_another_build_says_so(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # ask and index waited silently while another process built the index (minutes, for a
    # large corpus): it looked like a hang
    import fcntl

    data_dir.mkdir()
    held = os.open(data_dir / ".build.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)  # another start building
    status: list[int] = []
    waiting = threading.Thread(
        target=lambda: status.append(main(["ask", "storm", *where(corpus, data_dir)]))
    )
    waiting.start()
    waiting.join(1.0)
    assert waiting.is_alive()  # waiting its turn,
    assert not status  # not failed
    os.close(held)  # the other build is done
    waiting.join(60)

    assert status == [0]
    said = f"another newsbot is building the index in {data_dir}; waiting for it"
    assert said in capsys.readouterr().err + caplog.text  # a warning: shown on stderr


def test_ingest_help_says_when_it_fails(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])

    assert "status 1 when every feed it reads fails" in " ".join(capsys.readouterr().out.split())


def test_an_error_line_that_cannot_be_written_keeps_the_exit_status(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `2>/dev/full`: writing the error line raised, and the status was 1, not 2
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stderr", Full())
    assert main(["ask", "x", *where(tmp_path / "missing", data_dir)]) == 2


def test_a_missing_path_in_the_configs_corpus_names_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the fix named was "pass a folder or file of articles with --corpus"
    config = tmp_path / "config.toml"
    config.write_text('[corpus]\npaths = ["nonexistent"]\n', encoding="utf-8")
    assert main(["--config", str(config), "ask", "x"]) == 2
    assert capsys.readouterr().err == (
        f"newsbot: {config}: corpus.paths: {tmp_path / 'nonexistent'}: no such file or folder; "
        "correct it, or give --corpus\n"
    )


def test_a_bad_telegram_variable_stops_only_the_bot(
    corpus: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a shell with a bot's .env exported could not ask, index or ingest: "TELEGRAM_BOT_TOKEN
    # has whitespace inside it"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12 34")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "localhost:8081")
    assert main(["ask", "troops withdraw Niger", *where(corpus, data_dir)]) == 0
    assert "U.S. agrees to withdraw troops from Niger" in capsys.readouterr().out
    assert main(["run", *where(corpus, data_dir)]) == 2
    assert "TELEGRAM_BOT_TOKEN has whitespace inside it" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["ask"], ["index"], ["ingest"], ["console"], ["run"]])
def test_help_names_the_path_flags_values_plainly(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # every subcommand's help showed "--corpus SUB_CORPUS", the parser's own name for it
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    shown = capsys.readouterr().out
    assert "--corpus PATH" in shown
    assert "SUB_CORPUS" not in shown
    assert "--data-dir DIR" in shown


# --- python -m bot ----------------------------------------------------------------------------


def test_python_m_bot(corpus: Path, data_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "empty.toml"  # so a developer's ./config.toml cannot interfere
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    flags = where(corpus, data_dir)

    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "Mars outposts", "--config", str(config), *flags],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1. NASA plans first outposts on Mars")
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_at_the_console_prompt_gives_the_terminal_back(
    corpus: Path, data_dir: Path, tmp_path: Path, name: str, status: int
) -> None:
    # `kill`, `timeout` or a closed tmux pane ended the console in the prompt's raw mode: the
    # shell after it echoed nothing of what was typed, until `stty sane`
    import select
    import termios

    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), TERM="xterm", COLUMNS="80", LINES="24")
    env.pop("NO_COLOR", None)
    master, terminal = os.openpty()
    command = [sys.executable, "-m", "bot", "console", "--config", str(config)]
    child = subprocess.Popen(
        [*command, *where(corpus, data_dir)],
        cwd=REPO,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    try:
        shown = b""
        while b"newsbot>" not in shown:
            ready, _, _ = select.select([master], [], [], 30)
            assert ready, shown
            got = os.read(master, 4096)
            if b"\x1b[6n" in got:  # where is the cursor? as a terminal answers
                os.write(master, b"\x1b[1;1R")
            shown += got
        assert not termios.tcgetattr(terminal)[3] & termios.ECHO  # the prompt's raw mode

        child.send_signal(getattr(signal, name))
        assert child.wait(timeout=60) == status
        prompted = len(shown)
        while b"\x1b[?2004l" not in shown[prompted:] and select.select([master], [], [], 5)[0]:
            shown += os.read(master, 4096)  # what it wrote before it left
        modes = termios.tcgetattr(terminal)[3]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
        os.close(terminal)
    assert modes & termios.ECHO
    assert modes & termios.ICANON
    assert b"\x1b[?2004l" in shown[prompted:]  # bracketed paste off again
    for noise in (b"Traceback", b"never awaited", b"Task was destroyed"):
        assert noise not in shown  # asyncio's, when the prompt's event loop is cut short


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_console_prompt_is_shown_on_stderr_when_its_answers_go_to_a_pipe(
    corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    # `newsbot console | tee answers.txt`: typing at the terminal, the prompt and the typing
    # had not been shown at all (the answers went to the pipe, the prompt nowhere)
    import select

    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), TERM="xterm", COLUMNS="80", LINES="24")
    master, terminal = os.openpty()
    command = [sys.executable, "-m", "bot", "console", "--config", str(config)]
    child = subprocess.Popen(
        [*command, *where(corpus, data_dir)],
        cwd=REPO,
        env=env,
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=terminal,
        start_new_session=True,
    )
    try:

        def shown_until(wanted: bytes, shown: bytes = b"") -> bytes:
            while wanted not in shown:
                ready, _, _ = select.select([master], [], [], 30)
                assert ready, shown
                got = os.read(master, 4096)
                if b"\x1b[6n" in got:  # where is the cursor? as a terminal answers
                    os.write(master, b"\x1b[1;1R")
                shown += got
            return shown

        shown = shown_until(b"newsbot>")
        os.write(master, b"Mars outposts\r")
        shown = shown_until(b"newsbot>", shown_until(b"Mars outposts", shown))
        os.write(master, b"quit\r")
        answers, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
        os.close(terminal)
    assert child.returncode == 0
    assert b"NASA plans first outposts on Mars" in answers  # the answer went to the pipe
    assert b"newsbot>" not in answers
    assert b"NASA plans" not in shown  # and not to the terminal


def test_a_reader_that_goes_away_ends_the_output_quietly(
    corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    # `newsbot ask ... | head -1`: the pipe's reader is gone before the answer is written
    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    flags = where(corpus, data_dir)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "Mars outposts", "--config", str(config), *flags],
            cwd=REPO,
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)

    assert done.stderr == ""  # no traceback, no "Exception ignored"
    assert done.returncode == EXIT_PIPE


def newsbot_in_sh(
    redirects: str, args: list[str], corpus: Path, tmp_path: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with the shell's `redirects` (`<&-`, `>/dev/full`, ...) applied."""
    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    command = [sys.executable, "-m", "bot", *args, "--config", str(config), "--corpus", str(corpus)]
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirects}', "sh", *command],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("redirects", "args", "status", "said"),
    [
        (
            "<&-",
            ["console"],
            2,
            "newsbot: console reads questions from standard input; it is closed",
        ),
        (
            ">&-",
            ["ask", "mars"],
            2,
            "newsbot: ask writes its answers to standard output; it is closed",
        ),
        (
            ">&-",
            ["console"],
            2,
            "newsbot: console writes its answers to standard output; it is closed",
        ),
        (
            ">/dev/full",
            ["ask", "mars"],
            1,
            "newsbot: cannot write to standard output: No space left",
        ),
        (
            ">/dev/full",
            ["ask", "--json", "mars"],
            1,
            "newsbot: cannot write to standard output: No",
        ),
        (">/dev/full", ["console"], 1, "newsbot: cannot write to standard output: No space left"),
    ],
)
def test_a_closed_or_full_stream_is_one_line_not_a_traceback(
    corpus: Path, tmp_path: Path, redirects: str, args: list[str], status: int, said: str
) -> None:
    if "/dev/full" in redirects and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")

    done = newsbot_in_sh(redirects, args, corpus, tmp_path, stdin="mars outposts\n")

    assert done.returncode == status
    assert done.stderr.startswith(said)
    assert len(done.stderr.splitlines()) == 1, done.stderr  # no traceback, no "Exception ignored"


@pytest.mark.parametrize(
    ("redirects", "args", "status"),
    [
        ("2>&-", ["ask", "mars"], 0),
        ("2>&-", ["index"], 0),
        (">&- 2>&-", ["ask", "mars"], 2),
        (">/dev/full 2>&-", ["ask", "mars"], 1),
    ],
)
def test_with_stderr_closed_a_command_still_works_or_fails_quietly(
    corpus: Path, tmp_path: Path, redirects: str, args: list[str], status: int
) -> None:
    if "/dev/full" in redirects and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")

    done = newsbot_in_sh(redirects, args, corpus, tmp_path)

    assert done.returncode == status
    if args == ["ask", "mars"] and status == 0:
        assert done.stdout.startswith("1. NASA plans first outposts on Mars")


# Ctrl-C arrives while a module the command needs is loading: the finder sends SIGINT to its
# own process when the import system first looks for that module.
_INTERRUPTED_IMPORT = """
import importlib.abc, os, signal, sys
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "retrieval.articles":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["newsbot", "ask", "niger troops"]
"""


@pytest.mark.parametrize(
    "entry",
    [
        "import runpy; runpy.run_module('bot', run_name='__main__', alter_sys=True)",  # -m bot
        "from bot._start import main; sys.exit(main())",  # the newsbot console script
    ],
)
def test_ctrl_c_while_the_modules_load_leaves_quietly(entry: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_IMPORT + entry],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (130, "")
    assert done.stdout == ""


def test_after_ctrl_c_the_process_leaves_without_waiting_for_stalled_threads() -> None:
    # `newsbot ingest` went on for up to a minute after Ctrl-C: the interpreter waited for the
    # page threads, each blocked on a server that sends nothing (here: one that sleeps)
    script = """
import sys, threading, time
import bot.__main__
def interrupted(argv=None):
    threading.Thread(target=time.sleep, args=(120,)).start()  # a thread exit would wait for
    print("stopped", file=sys.stderr)
    return 130
bot.__main__.main = interrupted
from bot._start import main; sys.exit(main())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (130, "stopped\n")


def test_ctrl_c_once_started_is_the_command_s_own_again() -> None:
    from bot import _start

    _start.quiet_while_starting()
    try:
        assert signal.getsignal(signal.SIGINT) is _start.leave_quietly
        with pytest.raises(SystemExit):
            main(["--help"])  # any command: main takes Ctrl-C back first
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def test_json_paragraph_is_the_position_in_the_source_s_own_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a record's empty paragraphs are not passages, but `paragraph` counts them, as the
    # source lists them; also after the index is saved and loaded again
    record = {
        "id": "e1",
        "headline": "Otters return to the Exe",
        "paragraphs": [
            "Otters came back to the river.",
            "",
            "  ",
            "Anglers saw otters at the weir.",
        ],
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n")
    args = ["ask", "anglers weir", "--json", "--corpus", str(tmp_path / "a.jsonl")]
    for _ in range(2):  # built, then loaded
        capsys.readouterr()
        assert main([*args, "--data-dir", str(tmp_path / "data")]) == 0
        [hit] = json.loads(capsys.readouterr().out)["hits"]
        assert (hit["article_id"], hit["paragraph"]) == ("e1", 3)
        assert hit["text"] == "Anglers saw otters at the weir."


def test_a_question_that_starts_with_an_exclusion_is_a_question(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse took "-troops" for an unknown option and asked for a question
    assert main(["ask", "-troops", "--json", "--corpus", str(corpus)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["question"] == "-troops"
    assert out["hits"]
    assert all("troops" not in hit["text"].lower() for hit in out["hits"])
    assert main(["ask", "-troops nasa", "--k", "1", "--corpus", str(corpus)]) == 0
    assert "NASA plans first outposts on Mars" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("words", "question"),
    [
        (["niger", "troops"], "niger troops"),
        (["niger", "--k", "1", "troops"], "niger troops"),
        (["niger", "troops", "--as-of", "2024-01-02", "withdraw"], "niger troops withdraw"),
        (["-troops", "niger"], "-troops niger"),
        (["niger", "-troops"], "niger -troops"),
        (["-5%"], "-5%"),
        (["--", "-5%", "storm"], "-5% storm"),
        (["-k", "1", "storm"], "storm"),  # as other tools spell it: was the question "-k 1 storm"
        (["storm", "-k"], "storm -k"),  # no number after it: a word
        (["storm", "-k1"], "storm"),  # was the question "storm -k1", excluding "k1"
        (["-k=1", "storm"], "storm"),
        (["storm", "-kids"], "storm -kids"),  # a word to leave out, as "-troops" is
    ],
)
def test_the_words_of_an_unquoted_question_are_one_question(
    corpus: Path, capsys: pytest.CaptureFixture[str], words: list[str], question: str
) -> None:
    assert main(["ask", "--json", "--corpus", str(corpus), *words]) == 0

    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["question"] == question


@pytest.mark.parametrize("k", [["-k", "abc"], ["-k", "1.5"], ["-k1.5"], ["-k=x"]])
def test_a_short_k_that_is_no_number_is_refused_not_searched(
    corpus: Path, capsys: pytest.CaptureFixture[str], k: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ask", "--json", "--corpus", str(corpus), "storm", *k])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "--k: invalid int value" in captured.err
    assert captured.out == ""


def test_ask_options_among_the_words_still_count(
    corpus: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ask(
        corpus, data_dir, capsys, "storm", "--k", "1", "floods", "harbour", "--as-of", "2023-01-02"
    )

    assert out.startswith("1. Storm floods the harbour town")  # as of 2023
    assert "2." not in out  # --k 1


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["ask", "niger", "--bogus"], "newsbot: unrecognized arguments: --bogus"),
        (
            ["ask", "niger", "--as-of", "-1d"],
            "newsbot ask: argument --as-of: expected one argument",
        ),
        (["console", "niger"], "newsbot: unrecognized arguments: niger"),
        (["ask"], "newsbot ask: the following arguments are required: question"),
        # "ask --json - extra" had searched "- extra", its stdin unread
        (
            ["ask", "--json", "-", "extra"],
            "newsbot: ask - reads the questions from stdin: put no words after the -",
        ),
    ],
)
def test_what_is_no_question_word_is_still_an_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)

    assert info.value.code == 2
    assert capsys.readouterr().err.startswith(line + ";")


def test_every_stdin_line_gets_one_json_line_blank_ones_too(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a client that writes a question and reads one line back must not wait forever
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"mars\n\n   \nniger\n")))
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["mars", "", "", "niger"]
    assert [bool(line["hits"]) for line in lines] == [True, False, False, True]


def test_a_lone_carriage_return_ends_a_stdin_line(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # an old Mac's line ends: "mars\rniger" had been one question
    data = b'mars\r{"question": "niger troops", "k": 1}\rwheat\r\nniger\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["mars", "niger troops", "wheat", "niger"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_stdin_in_utf16_or_utf32_with_its_byte_order_mark_is_read_as_such(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, codec: str
) -> None:
    # PowerShell 5's `>` writes UTF-16: it was read as UTF-8, every question garbled by NULs
    # and one more line answered than given
    text = 'mars\r\n{"question": "niger troops", "k": 1}\r\n'
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    raw = io.BufferedReader(io.BytesIO(data))  # as sys.stdin.buffer is
    stdin = io.TextIOWrapper(raw)
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["mars", "niger troops"]
    assert [len(line["hits"]) for line in lines][1] == 1
    assert not raw.closed  # the caller's stream, left open


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_stdin_in_utf16_without_a_byte_order_mark_is_read_as_such(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, codec: str
) -> None:
    # a probe's `iconv -t UTF-16LE`: three garbled questions ("n\u0000i\u0000g...") were
    # answered, with no warning
    data = "niger\ntroops\nEU\n".encode(codec)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["niger", "troops", "EU"]
    assert lines[0]["hits"]
    # a question of two letters alone: three characters with its line end
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO("EU\n".encode(codec))))
    )
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    [line] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert line["question"] == "EU"


def test_a_question_object_over_the_line_limit_is_said_to_be_cut(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # the warning said "Unterminated string", which sent people looking for a quoting bug
    from bot.console import MAX_LINE_CHARS

    huge = json.dumps({"question": "mars " + "x" * MAX_LINE_CHARS, "k": 1}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(huge + b"\nniger\n")))
    assert main(["ask", "--json", "-", "--corpus", str(corpus)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2  # one answer a line still
    assert f"stdin line 1: not a question object (longer than {MAX_LINE_CHARS:,} bytes" in (
        caplog.text
    )
    assert "stdin line 2" not in caplog.text


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["ask", "--k", "abc", "x"], "newsbot ask: argument --k: invalid int value: 'abc'"),
        (["--bogus", "ask", "x"], "newsbot: unrecognized arguments: --bogus"),
    ],
)
def test_a_bad_flag_is_one_line_naming_it_and_where_help_is(
    capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)

    assert info.value.code == 2
    prog = line.partition(":")[0]
    assert capsys.readouterr().err == f"{line}; see {prog} --help\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\ufeff[answers]\nresults = 1\n", None),  # a byte order mark, as Windows editors write
        ("results = 1\n", "results is outside any section; it belongs under [answers]"),
        ("[search]\nmin_relevance = 30\n", "search.min_relevance is a share of a perfect match"),
    ],
)
def test_config_mistakes_people_make(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    status = main(["ask", "mars", "--config", str(config), "--corpus", str(corpus)])
    out, err = capsys.readouterr()
    if message is None:
        assert status == 0
        assert out.count("NASA plans first outposts on Mars") == 1
    else:
        assert status == 2
        assert message in err
        assert len(err.splitlines()) == 1


def test_a_reload_warns_only_of_files_it_skips_anew(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a bot reloading every few minutes must not warn about the same broken file each time
    from bot.__main__ import _open_backend
    from bot.config import load_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "volcano.txt").write_text(VOLCANO, encoding="utf-8")
    (corpus / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    settings = load_settings(corpus=[corpus], data_dir=tmp_path / "data", environ={})

    _open_backend(settings, quiet=True)
    assert "skipped 1 file(s) while reloading" in caplog.text
    caplog.clear()
    _open_backend(settings, quiet=True)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_warning_while_the_progress_bar_shows_starts_a_line_of_its_own() -> None:
    # "indexing [####] 15/15WARNING retrieval.library: the index could not be saved ..."
    from bot.__main__ import _ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    handler = logging.StreamHandler(screen)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        bar = _ProgressBar(screen)
        bar(1, 2)
        logging.getLogger("retrieval.library").warning("the index could not be saved")
        bar(2, 2)
        bar.close()
        logging.getLogger("retrieval.library").warning("after")
    finally:
        root.removeHandler(handler)
    lines = screen.getvalue().split("\n")
    assert lines[0].endswith("] 1/2")
    assert lines[1] == "WARNING the index could not be saved"
    assert lines[2].endswith("] 2/2")
    assert lines[3:] == ["WARNING after", ""]
    assert handler.filters == []


def test_a_backend_names_the_generation_it_serves_from(tmp_path: Path) -> None:
    # a reload compares them: the same one means nothing changed
    from bot.__main__ import _open_backend
    from bot.config import load_settings
    from retrieval.library import SearchConfig, open_library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "volcano.txt").write_text(VOLCANO, encoding="utf-8")
    settings = load_settings(corpus=[corpus], data_dir=tmp_path / "data", environ={})

    built = _open_backend(settings, quiet=True).generation
    assert built is not None
    assert built.parent == tmp_path / "data"
    assert (built / "manifest.json").is_file()
    assert _open_backend(settings, quiet=True).generation == built  # loaded as it was
    (corpus / "more.md").write_text("# Mars rover lands\n\nIt landed.\n", encoding="utf-8")
    updated = _open_backend(settings, quiet=True).generation
    assert updated is not None
    assert updated != built
    assert open_library([corpus], None, SearchConfig()).generation is None  # served from memory


def test_the_news_settings_reach_the_feed_reader(tmp_path: Path) -> None:
    from bot.__main__ import _fetcher
    from bot.config import load_settings

    config = tmp_path / "bot.toml"
    config.write_text(
        "[news]\ntimeout_seconds = 4\nfeed_budget_seconds = 30\nmax_items = 7\n",
        encoding="utf-8",
    )
    settings = load_settings(config, data_dir=tmp_path / "data")
    fetcher = _fetcher(settings)
    try:
        assert (fetcher._timeout, fetcher._feed_budget, fetcher._max_items) == (4.0, 30.0, 7)
    finally:
        fetcher.close()
