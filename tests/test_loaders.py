"""The article loaders: seed text, Markdown, HTML, JSON/JSONL, bad files, duplicates."""

from __future__ import annotations

import codecs
import html
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from retrieval import loaders
from retrieval.articles import Article, CorpusError, Paragraph, normalize_space, stable_id
from retrieval.library import Library
from retrieval.loaders import (
    MAX_LINE_WARNINGS,
    LoadResult,
    Skipped,
    find_files,
    load_corpus,
    load_file,
    parse_html,
    parse_json_record,
    parse_markdown,
    parse_seed_text,
    written_day,
)

NIGER_HEADLINE = (
    "U.S. Agrees to Withdraw Troops from Niger in Bilateral Meeting with Prime Minister"
)

# The seed article as it ships (seeds/us-niger-troop-withdrawal.txt): a leading blank line,
# a section heading, a "Share news" line, and no newline at the end.
SEED = """
U.S. Agrees to Withdraw Troops from Niger in Bilateral Meeting with Prime Minister
The U.S. plans a responsible withdrawal of troops from Niger due to concerns over jihadist violence and strained relations with the government.

Following a meeting between Deputy Secretary of State Kurt Campbell and Nigerian Prime Minister Ali Lamine Zeine, it has been confirmed that the U.S. has agreed to initiate the withdrawal of its troops from Niger. The discussions aimed to plan an orderly and responsible exit of approximately 1,000 U.S. military personnel from the West African nation.
During the meeting, both officials stressed the significance of the bilateral relationship between the two nations. They expressed their commitment to pursuing collaboration in areas of joint interest, underscoring the importance of maintaining diplomatic ties despite the withdrawal of U.S. troops.
Niger has played a pivotal role in the U.S. military's operations in Africa's Sahel region. However, the increasing spread of jihadist violence in the region, with local groups pledging allegiance to al-Qaida and the Islamic State, has raised concerns in Washington.
Public Demonstrations
Recent public demonstrations in Niger's capital Niamey saw thousands of people rallying for the immediate departure of American soldiers. The protesters demanded the removal of U.S. troops from the northern region of the country.
Niger's relations with Western countries have strained since the overthrow of the country's democratically elected president by mutinous soldiers last July. The subsequent ousting of French forces and the turn to Russia for security has marked a significant shift in alliances for Niger.
The military takeover in Niger, officially designated as a coup by the U.S. in October, has led to restrictions on military support and aid from Washington. This designation triggered laws that limit the extent of military assistance to Niger.
Niger's junta has welcomed Russian military trainers to reinforce the country's air defenses. The trainers arrived equipped with Russian military technology to provide training to Nigerien personnel.
In March, a U.S. delegation held discussions with senior officials in Niger to address mutual concerns and explore the possibility of reaching an agreement. These diplomatic efforts aimed to find common ground while respecting the interests of both nations.
Share news"""  # noqa: E501

HTML_PAGE = """<!doctype html>
<html><head>
<title>Harbour bridge reopens after repairs | Coastal Herald</title>
<meta property="og:site_name" content="Coastal Herald">
<meta property="article:published_time" content="2024-05-02T08:30:00Z">
<link rel="canonical" href="https://herald.example.com/news/harbour-bridge-reopens">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Thursday after eight months of repairs to its
steel cables, the city council said.</p>
<p>Engineers replaced all forty-two cables and repainted the main towers during the closure.</p>
<h2>Traffic returns</h2>
<p>Commuters said their journeys into the city centre were twenty minutes shorter on the first
morning.</p>
<ul><li>Buses resume their old routes on Monday.</li><li>Cyclists get a new lane.</li></ul>
<p>Share this article</p>
</article>
<footer>Copyright 2024 Coastal Herald. All rights reserved.</footer>
</body></html>
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a file (creating its folders) and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def record(**fields: object) -> str:
    """One JSONL line: a valid article record with the given fields changed."""
    base: dict[str, object] = {
        "id": "wire-1",
        "headline": "Dam project approved",
        "published": "2024-02-01",
        "source": "River Times",
        "url": "https://rivertimes.example/dam",
        "paragraphs": ["The regional council approved the dam project on Tuesday."],
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def record_obj(**fields: object) -> object:
    """A valid article record, parsed, with the given fields changed."""
    return json.loads(record(**fields))


def warnings_for(caplog: pytest.LogCaptureFixture, path: Path) -> list[str]:
    """The warning lines of the loaders that mention a file."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "retrieval.loaders"
        and r.levelno == logging.WARNING
        and str(path) in r.getMessage()
    ]


# --- seed text ---------------------------------------------------------------------------------


def test_seed_article_has_headline_standfirst_and_sectioned_paragraphs() -> None:
    article = parse_seed_text(SEED, "seeds/niger.txt")

    assert article.headline == NIGER_HEADLINE
    assert article.standfirst.startswith("The U.S. plans a responsible withdrawal of troops")
    assert article.standfirst.endswith("strained relations with the government.")
    assert len(article.paragraphs) == 8
    assert [p.section for p in article.paragraphs] == [None] * 3 + ["Public Demonstrations"] * 5
    assert article.paragraphs[0].text.startswith("Following a meeting between Deputy Secretary")
    assert article.paragraphs[3].text.startswith("Recent public demonstrations in Niger's capital")
    assert article.paragraphs[-1].text.endswith("respecting the interests of both nations.")
    texts = [p.text for p in article.paragraphs]
    assert "Share news" not in texts
    assert "Public Demonstrations" not in texts
    assert article.id == stable_id("niger.txt", NIGER_HEADLINE)
    assert (article.published, article.source, article.url) == (None, None, None)


def test_shipped_seed_file_loads_like_the_copy_above() -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "us-niger-troop-withdrawal.txt"

    (article,) = load_file(seed)

    assert article.headline == NIGER_HEADLINE
    assert article.paragraphs == parse_seed_text(SEED, "copy").paragraphs
    assert article.origin == str(seed)


def test_seed_text_with_crlf_and_bom_loads_the_same(tmp_path: Path) -> None:
    path = write(tmp_path, "niger.txt", b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode())

    (article,) = load_file(path)

    plain = parse_seed_text(SEED, str(path))
    assert article == plain
    assert article.headline == NIGER_HEADLINE


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be-bom", "utf-32"])
def test_seed_text_in_utf16_or_utf32_with_a_bom_loads_the_same(tmp_path: Path, codec: str) -> None:
    # Windows Notepad's "Unicode", PowerShell 5's > redirection
    text = SEED.replace("\n", "\r\n")
    data = (
        codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        if codec == "utf-16-be-bom"
        else text.encode(codec)
    )
    path = write(tmp_path, "niger.txt", data)

    (article,) = load_file(path)

    assert article == parse_seed_text(SEED, str(path))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (SEED.encode("utf-16-le"), "UTF-16 text without a byte-order mark; save it as UTF-8"),
        ("Café\n\nNaïve résumé.".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        # a lone low surrogate (a high one at the end is a pair cut short: read without it)
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xdca\x00", "not UTF-16 text, though it starts with"),
        (codecs.BOM_UTF16_LE, "empty file"),
        ("Title\n\nA\x00B\x00C".encode("utf-16"), "binary file (a NUL character in its UTF-16"),
    ],
)
def test_utf16_that_cannot_load_says_why(tmp_path: Path, data: bytes, reason: str) -> None:
    write(tmp_path, "notes.txt", data)

    result = load_corpus([tmp_path])

    assert not result.articles
    [skipped] = result.skipped
    assert skipped.reason.startswith(reason)


CUT_STORY = "Cut story café\n\nThe café owner said the storm cleared by noon 🌤"


@pytest.mark.parametrize(
    ("name", "data", "dropped"),
    [
        ("cut.txt", CUT_STORY.encode()[:-1], "0xf0 0x9f 0x8c"),  # 🌤 is four bytes in UTF-8
        ("cut.md", ("# " + CUT_STORY).encode()[:-3], "0xf0"),
        ("cut16.txt", CUT_STORY.encode("utf-16")[:-1], "0x3c 0xd8 0x24"),  # a byte short
        ("cut16pair.txt", CUT_STORY.encode("utf-16")[:-2], "0x3c 0xd8"),  # half a pair left
        ("cut32.txt", CUT_STORY.encode("utf-32")[:-3], "0x24"),
    ],
)
def test_a_text_cut_in_the_middle_of_its_last_character_loads_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, data: bytes, dropped: str
) -> None:
    # a copy or a download cut short: the whole article had been skipped as "not UTF-8 text
    # (byte 0xf0 at offset 71); convert it to UTF-8", the wrong fix for a file in UTF-8
    path = write(tmp_path, name, data)

    (article,) = load_file(path)

    assert article.headline == "Cut story café"
    assert article.paragraphs[-1].text == "The café owner said the storm cleared by noon"
    assert warnings_for(caplog, path) == [
        f"{path}: ends in the middle of a character ({dropped}): the file looks cut short; "
        "read without it"
    ]


@pytest.mark.parametrize(
    ("name", "data", "read"),
    [
        (
            "menu.csv",
            b"headline,text\nCafe opens,Best coffee in town: caf\xe9",
            "read as windows-1252",
        ),
        (
            "page.html",
            b"<html><head><title>Cafe opens</title></head><body><h1>Cafe opens</h1>"
            b"<p>Best coffee in town, the owner said: the caf\xe9",
            "",  # a page that declares nothing is read as a browser does, without a word
        ),
        ("menu.txt", b"Cafe opens\n\nBest coffee in town: caf\xe9", None),
    ],
)
def test_a_legacy_file_whose_only_accented_letter_ends_it_is_no_cut_utf8_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, data: bytes, read: str | None
) -> None:
    # Excel's windows-1252 CSV ending "caf\xe9": 0xe9 is also a UTF-8 lead byte, so it was
    # read as a UTF-8 file cut short, lost its "é" and said so; a table or a page had been
    # read as windows-1252, and a text skipped as not UTF-8, as they are again
    path = write(tmp_path, name, data)
    result = load_corpus([path])
    assert "cut short" not in caplog.text
    if read is None:
        [skipped] = result.skipped
        assert skipped.reason.startswith("not UTF-8 text (byte 0xe9")
        return
    [article] = result.articles
    assert article.paragraphs[-1].text.endswith("caf\u00e9")
    assert read in caplog.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # a bad byte before the cut one: not UTF-8, as before
        (b"Story\n\nCaf\xe9 owner caf\xc3", "not UTF-8 text (byte 0xe9 at offset 10)"),
        (b"Story\n\nThe owner\xff", "not UTF-8 text (byte 0xff at offset 16)"),  # no start
        (
            b"Story\n\nThe owner\xc3\x28",
            "not UTF-8 text (byte 0xc3 at offset 16)",
        ),  # not at the end
        (codecs.BOM_UTF16_LE + "Story".encode("utf-16-le") + b"\x00\xdcb", "not UTF-16 text"),
    ],
)
def test_a_text_with_other_bad_bytes_than_a_cut_last_character_is_still_skipped(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    result = load_corpus([write(tmp_path, "bad.txt", data)])

    assert not result.articles
    [skipped] = result.skipped
    assert skipped.reason.startswith(reason)


def test_seed_text_without_a_blank_line_has_no_standfirst() -> None:
    text = "Storm closes airport\nFlights were cancelled on Friday.\nThe airport reopens today.\n"

    article = parse_seed_text(text, "storm.txt")

    assert article.headline == "Storm closes airport"
    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == [
        "Flights were cancelled on Friday.",
        "The airport reopens today.",
    ]


def test_seed_text_blank_lines_between_paragraphs_are_ignored() -> None:
    text = "\n\nStorm closes airport\n\nFlights were cancelled.\n\n\nThe airport reopens today."

    article = parse_seed_text(text, "storm.txt")

    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == [
        "Flights were cancelled.",
        "The airport reopens today.",
    ]


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u2060\ufeff", " \u200b\u200d "],
    ids=["zero-width space", "word joiner and BOM", "joiners among spaces"],
)
def test_a_line_that_shows_nothing_is_blank_not_the_headline(invisible: str) -> None:
    # copied from a web page or a chat app: the line above the headline looks empty, but
    # was taken as the headline, and the file was skipped as "no headline"
    text = f"{invisible}\nStorm closes airport\n{invisible}\nFlights were cancelled.\n"

    article = parse_seed_text(text, "storm.txt")

    assert article.headline == "Storm closes airport"
    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == ["Flights were cancelled."]


def test_seed_text_standfirst_lines_are_joined_and_whitespace_collapsed() -> None:
    text = (
        "Storm closes airport\nHigh winds hit the coast\n  on Friday.\n\nFlights\t were cancelled."
    )

    article = parse_seed_text(text, "storm.txt")

    assert article.standfirst == "High winds hit the coast on Friday."
    assert [p.text for p in article.paragraphs] == ["Flights were cancelled."]


def test_heading_needs_to_be_short_unpunctuated_and_followed_by_a_paragraph() -> None:
    text = "\n".join(
        [
            "Council budget passes",
            "A short summary.",
            "",
            "The council passed the budget.",
            "What the mayor said:",  # closing punctuation: a paragraph
            "The mayor called it a fair budget.",
            "This line has far too many words to be a section heading of the article here",
            "Parks and Libraries",  # a heading
            "Parks get more money.",
            "Next Steps",
            "A vote on the details follows in June.",
            "Polls open at eight",  # last line, no paragraph after it: kept
        ]
    )

    article = parse_seed_text(text, "budget.txt")

    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "The council passed the budget."),
        (None, "What the mayor said:"),
        (None, "The mayor called it a fair budget."),
        (None, "This line has far too many words to be a section heading of the article here"),
        ("Parks and Libraries", "Parks get more money."),
        ("Next Steps", "A vote on the details follows in June."),
        ("Next Steps", "Polls open at eight"),
    ]


def test_short_lines_in_a_row_are_text_not_headings() -> None:
    # a list, football scores: taken for headings, each replaced the one before
    text = "\n".join(
        [
            "Wexley factory to close",
            "",
            "The Wexley biscuit factory will close in May.",
            "Key facts",
            "- 412 jobs lost at the site",
            "- production moves to Poland",
            "Results",
            "Ashfield 3 Brampton 1",
            "Corby Town 0 Dunstable 2",
            "The company said the decision followed a review.",
        ]
    )

    article = parse_seed_text(text, "factory.txt")

    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "The Wexley biscuit factory will close in May."),
        ("Key facts", "- 412 jobs lost at the site"),  # a list item is never a heading
        ("Key facts", "- production moves to Poland"),
        ("Key facts", "Results"),
        ("Key facts", "Ashfield 3 Brampton 1"),
        ("Key facts", "Corby Town 0 Dunstable 2"),
        ("Key facts", "The company said the decision followed a review."),
    ]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    paragraphs = [
        "The regional water company said on Thursday that reservoir levels in the Lakeby "
        "district had fallen to their lowest point since records began in 1976.",
        "Engineers blamed the driest spring in fifty years and leaks in ageing pipes under "
        "the town centre, which lose twenty million litres every day.",
    ]
    for width in (40, 60, 72, 100):
        text = "Lakeby reservoir at record low\n\n" + "\n\n".join(
            textwrap.fill(paragraph, width) for paragraph in paragraphs
        )
        article = parse_seed_text(text, f"wrapped{width}.txt")
        assert [p.text for p in article.paragraphs] == paragraphs, width
        assert all(p.section is None for p in article.paragraphs)


@pytest.mark.parametrize(
    "block",
    [
        # a heading of 30 characters or more and its paragraph
        ["Why the troops are leaving Niger after a decade", "The junta says the pact is void."],
        # links to other stories
        [
            "Niger junta orders US troops to leave the country",
            "France completes withdrawal of its forces from Mali",
            "Russia sends military instructors to Niger capital",
        ],
        # quotes, one a line
        [
            '"We will not leave," he said, adding that talks would continue',
            '"We have no choice," said another official at the ministry today',
        ],
        # an interview
        [
            "Q: What will you do about the strike now that it has spread",
            "A: We will talk to the unions again this week and next week",
        ],
    ],
)
def test_lines_that_start_with_capitals_are_not_joined(block: list[str]) -> None:
    text = "Headline\n\nA first paragraph.\n\n" + "\n".join(block) + "\n\nThe end.\n"
    article = parse_seed_text(text, "x.txt")
    texts = [p.text for p in article.paragraphs]
    sections = [p.section for p in article.paragraphs if p.section]
    assert all(line in texts or line in sections for line in block)


def test_blocks_of_sentences_stay_one_paragraph_a_line() -> None:
    text = "\n".join(
        [
            "Council budget passes",
            "",
            "The council passed the budget on Monday night.",
            "Parks get more money from the city.",
            "",
            "Results by ward",
            "- North ward 12 votes for the plan",
            "- South ward 9 votes for the plan",
        ]
    )

    article = parse_seed_text(text, "budget.txt")

    assert [p.text for p in article.paragraphs] == [
        "The council passed the budget on Monday night.",
        "Parks get more money from the city.",
        "- North ward 12 votes for the plan",
        "- South ward 9 votes for the plan",
    ]
    assert article.paragraphs[-1].section == "Results by ward"


def test_a_pages_trailer_after_its_share_line_is_dropped() -> None:
    # a BBC page copied whole: after "Share news", topics and links, none of them passages
    body = ["The storm hit the island overnight.", "Roads were closed on Friday."]
    trailer = ["Share news", "Related Topics", "Jersey", "Storms", "More on this story"]
    trailer += ["Tornado damage 'like a war zone'", "Published 2 November"]
    text = "\n".join(["Storm hits Jersey", "", *body, *trailer])

    assert [p.text for p in parse_seed_text(text, "storm.txt").paragraphs] == body
    # a section of short sentences after a share line stays: they end sentences
    tail = ["Share this", "Next Steps", "A vote follows in June.", "Polls open at eight"]
    kept = parse_seed_text("\n".join(["Storm hits Jersey", "", *body, *tail]), "storm.txt")
    assert [p.text for p in kept.paragraphs] == [*body, *tail[2:]]
    # so do short quotes: a closing quote ends a sentence too
    quotes = ["The mayor said: “We dig in May.”", "“It is long overdue,” one resident said"]
    quoted = parse_seed_text(
        "\n".join(["Storm hits Jersey", "", *body, "Share this article", *quotes]), "q.txt"
    )
    assert [p.text for p in quoted.paragraphs] == [*body, *quotes]


def test_a_video_players_text_is_no_paragraph(tmp_path: Path) -> None:
    embed = (
        "JUST WATCHED Over 115 million are under wind alerts Replay More Videos ... "
        "MUST WATCH Over 115 million are under wind alerts 03:16"
    )
    record = {
        "id": "cnn-1",
        "headline": "Storm hits the coast",
        "paragraphs": ["Winds reached 80 mph.", embed, "Power is out for 1 million."],
    }
    path = write(tmp_path, "news.jsonl", json.dumps(record))

    [article] = load_corpus([path]).articles

    assert [p.text for p in article.paragraphs] == [
        "Winds reached 80 mph.",
        "Power is out for 1 million.",
    ]
    assert article.source_position(1) == 2  # positions as the source lists them
    text = "\n".join(["Storm hits the coast", "", "Winds reached 80 mph.", embed, "Power is out."])
    assert [p.text for p in parse_seed_text(text, "storm.txt").paragraphs] == [
        "Winds reached 80 mph.",
        "Power is out.",
    ]


def test_boilerplate_lines_are_dropped() -> None:
    text = "\n".join(
        [
            "Council budget passes",
            "",
            "The council passed the budget.",
            "Advertisement",
            "Share prices of local builders rose.",
            "Share this article",
            "Follow us on Twitter",
            "Sign up for our morning newsletter",
        ]
    )

    article = parse_seed_text(text, "budget.txt")

    assert [p.text for p in article.paragraphs] == [
        "The council passed the budget.",
        "Share prices of local builders rose.",
    ]


def test_front_matter_gives_metadata_and_ignores_unknown_keys() -> None:
    text = "\n".join(
        [
            "---",
            "source: Reuters",
            'published: "2024-03-17"',
            "url: https://www.reuters.com/world/africa/niger-us-troops/?utm_source=x",
            "author: Somebody",
            "tags:",
            "  - niger",
            "---",
            SEED,
        ]
    )

    article = parse_seed_text(text, "niger.txt")

    assert article.source == "Reuters"
    assert article.published == date(2024, 3, 17)
    assert article.url == "https://www.reuters.com/world/africa/niger-us-troops/?utm_source=x"
    assert article.id == stable_id("https://www.reuters.com/world/africa/niger-us-troops")
    assert article.headline == NIGER_HEADLINE
    assert len(article.paragraphs) == 8


def test_front_matter_id_and_standfirst_win() -> None:
    text = "---\nid: niger-1\nstandfirst: Troops leave.\n---\nHeadline here\n\nOne paragraph."

    article = parse_seed_text(text, "x.txt")

    assert (article.id, article.standfirst) == ("niger-1", "Troops leave.")
    assert [p.text for p in article.paragraphs] == ["One paragraph."]


@pytest.mark.parametrize("before", ["\n\n", "  \n\t\n", "\ufeff\n"])
def test_front_matter_after_blank_lines_is_read(before: str) -> None:
    text = before + "---\nid: niger-1\nsource: Reuters\n---\nHeadline here\n\nOne paragraph."

    for article in (
        parse_seed_text(text, "x.txt"),
        parse_markdown(text.replace("Head", "# Head"), "x.md"),
    ):
        assert (article.id, article.source, article.headline) == (
            "niger-1",
            "Reuters",
            "Headline here",
        )
        assert [p.text for p in article.paragraphs] == ["One paragraph."]


@pytest.mark.parametrize(
    "opening", ["---\n\n\n", "---\n# made by the clipper\n", "---\ntags:\n  - news\n- x\n"]
)
def test_front_matter_after_blank_lines_comments_or_lists_is_read(opening: str) -> None:
    # two blank lines or a comment first: the key line had been read as the headline
    text = opening + "title: Trains cancelled\nsource: Reuters\n---\nThe storm cut the lines."

    for parse in (parse_seed_text, parse_markdown):
        article = parse(text, "x.md")

        assert (article.headline, article.source) == ("Trains cancelled", "Reuters")
        assert [p.text for p in article.paragraphs] == ["The storm cut the lines."]


def test_front_matter_datetime_keeps_the_date() -> None:
    text = "---\npublished: 2024-03-17T23:10:00+02:00\n---\nHeadline\n\nOne paragraph."

    assert parse_seed_text(text, "x.txt").published == date(2024, 3, 17)


def test_front_matter_never_closed_is_read_to_its_last_key_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # the whole file had been skipped
    for parse in (parse_seed_text, parse_markdown):
        article = parse("---\nsource: Reuters\nHeadline\n\nText.", "x.txt")

        assert (article.source, article.headline) == ("Reuters", "Headline")
        assert [p.text for p in article.paragraphs] == ["Text."]
    assert [r.getMessage() for r in caplog.records] == 2 * [
        "x.txt: front matter opened with '---' on line 1 is never closed with '---'; its "
        "key: value lines (to line 2) read as it, the text after them"
    ]


def test_front_matter_values_of_the_wrong_kind_are_warned_about_and_left_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # kept as the strings "[1]", "{a: b}" and "5" without a word, where JSON warns
    text = (
        "---\nurl: [1]\nid: {a: b}\nsource: 5\ntitle: '[Update]'\n---\n"
        "Headline here\n\nOne paragraph.\n"
    )
    article = parse_markdown(text, "x.md")

    assert (article.url, article.source, article.headline) == (None, None, "[Update]")
    assert article.id == loaders.derived_id("x.md", "[Update]")
    assert [r.getMessage() for r in caplog.records] == [
        f"x.md: {key!r} must be a string, got {kind}; loaded without it"
        for key, kind in [("url", "a list"), ("id", "an object"), ("source", "a number")]
    ]


def test_a_front_matter_list_under_a_key_gives_its_first_item(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # the list had been passed over without a word, and the text's first line taken for the
    # headline, lost from the story
    text = (
        "---\ntitle:\n  - Pier reopens after repairs\n  - Second title\n"
        "source:\n  - 'Harbour Post'\n---\nThe pier opened on Monday.\nCrowds came.\n"
    )
    article = parse_markdown(text, "x.md")

    assert (article.headline, article.source) == ("Pier reopens after repairs", "Harbour Post")
    assert [p.text for p in article.paragraphs] == ["The pier opened on Monday. Crowds came."]
    assert not caplog.records


@pytest.mark.parametrize(
    "listed",
    [
        "title:\n  - name: Bridge reopens",  # a list of mappings
        "title:\n  - - Bridge reopens",  # a list of lists
        "title:\n  - ~",
        "title:\n  - null",
        "title:\n  - [Bridge reopens]",
    ],
)
def test_a_front_matter_list_of_no_plain_values_gives_nothing(listed: str) -> None:
    # "name: Bridge reopens" had become the headline
    article = parse_markdown(f"---\n{listed}\n---\n# Pier reopens\n\nThe pier opened.\n", "x.md")

    assert article.headline == "Pier reopens"


def test_a_front_matter_list_not_indented_gives_its_first_item() -> None:
    # Hugo's and Jekyll's usual style: the list's dashes at the key's column
    text = "---\ntitle:\n- Pier reopens\n# a comment\n- Second\ndate: 2024-03-17\n---\nText.\n"
    article = parse_markdown(text, "x.md")

    assert (article.headline, article.published) == ("Pier reopens", date(2024, 3, 17))


@pytest.mark.parametrize("null", ["null", "~", "NULL  # none yet"])
def test_a_front_matter_null_is_no_value(null: str) -> None:
    text = f"---\ntitle: {null}\nsource: {null}\n---\n# Pier reopens\n\nThe pier opened.\n"
    article = parse_markdown(text, "x.md")

    assert (article.headline, article.source) == ("Pier reopens", None)


def test_toml_front_matter_values_of_the_wrong_kind_are_warned_about_too(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "+++\nurl = [1]\nsource = 5\nid = 7\n+++\nHeadline\n\nOne paragraph.\n"
    article = parse_seed_text(text, "x.txt")

    assert (article.url, article.source, article.id) == (None, None, "7")
    assert [r.getMessage() for r in caplog.records] == [
        "x.txt: 'url' must be a string, got a list; loaded without it",
        "x.txt: 'source' must be a string, got a number; loaded without it",
    ]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>hi</b>", "file:///C:/news/pier.html"]
)
def test_a_link_that_is_no_web_address_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    # kept, and printed by `ask --json` as the story's link for any consumer to open
    record = {"headline": "Pier reopens", "paragraphs": ["The pier reopened."], "url": url}
    json_file = write(tmp_path, "a.json", json.dumps(record))
    md_file = write(tmp_path, "b.md", f"---\nurl: {url}\n---\n# Pier reopens\n\nText.\n")
    csv_file = write(tmp_path, "c.csv", f'title,text,url\nPier reopens,Text.,"{url}"\n')

    for path in (json_file, md_file, csv_file):
        (article,) = load_file(path)
        assert article.url is None
        assert warnings_for(caplog, path) == [
            f"{path}: ignored the url {url!r}: not a web address (only http and https links "
            "are kept) (said once for the file)"
        ]


def test_a_relative_link_names_no_story_and_is_dropped_once_a_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a scraper that wrote "#" or "/" into every record kept one story: the rest were
    # dropped as its duplicates (one URL); "/world/story-1" was printed as the link
    urls = ["#", "#", "/", "/news/story", "#main-content", "https://ex.org/\x07bell"]
    records = [
        {"headline": f"Story {n} about birds", "url": url, "paragraphs": [f"Birds, story {n}."]}
        for n, url in enumerate(urls)
    ]
    records += [
        {"headline": "Kept as https", "url": "//cdn.example.org/x", "paragraphs": ["Cdn."]},
        {"headline": "Written without", "url": "www.example.org/a", "paragraphs": ["Www."]},
        {"headline": "Site, no scheme", "url": "bbc.co.uk/news/world-1", "paragraphs": ["B."]},
        {"headline": "A file's name", "url": "story.html", "paragraphs": ["F."]},
        {"headline": "A BBC page's name", "url": "4132567.stm", "paragraphs": ["S."]},
        {"headline": "A port", "url": "reuters.com:443/x", "paragraphs": ["P."]},
        {"headline": "A query", "url": "cnn.com?x=1", "paragraphs": ["Q."]},
    ]
    path = write(tmp_path, "x.jsonl", "\n".join(map(json.dumps, records)))
    articles = load_file(path)
    assert len(articles) == len(records)
    assert [a.url for a in articles] == [None] * 6 + [
        "https://cdn.example.org/x",
        "https://www.example.org/a",
        "https://bbc.co.uk/news/world-1",
        None,
        None,
        "https://reuters.com:443/x",
        "https://cnn.com?x=1",
    ]
    assert warnings_for(caplog, path) == [
        f"{path}: ignored the url '#': not a whole address (http:// or https:// and a site)"
        " (said once for the file)",
        f"{path}: ignored the url 'https://ex.org/\\x07bell': it holds a control character"
        " (said once for the file)",
    ]


def test_a_story_pasted_as_one_paragraph_is_headed_by_its_first_sentence() -> None:
    # the paragraph had been the headline, and the file skipped as "no paragraphs"
    story = (
        "The council voted on Tuesday to close the harbour bridge for repairs. Engineers "
        "found cracks in two of its piers last month, and the work will take a year. Traffic "
        "will go over the ring road, which drivers say is full at rush hour already."
    )
    for article in (parse_seed_text(story + "\n", "a.txt"), parse_markdown(story, "a.md")):
        assert (
            article.headline
            == "The council voted on Tuesday to close the harbour bridge for repairs."
        )
        assert [p.text for p in article.paragraphs] == [story]
    # lines ended by Unicode's line separators, no other line end in the file
    for end in ("\u2028", "\u2029", "\x85"):
        article = parse_seed_text(end.join(["Bridge shut", "", "The bridge shut.", ""]), "c.txt")
        assert (article.headline, [p.text for p in article.paragraphs]) == (
            "Bridge shut",
            ["The bridge shut."],
        )
    # a headline alone is still no article, however long
    with pytest.raises(CorpusError, match="no paragraphs"):
        parse_seed_text(
            "Council votes to close the harbour bridge for a year of repairs\n", "b.txt"
        )


def test_toml_front_matter_never_closed_is_an_error_naming_it() -> None:
    with pytest.raises(CorpusError, match="never closed"):
        parse_seed_text('+++\nsource = "Reuters"\nHeadline\n\nText.', "x.txt")


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("---\n\n# Weekly notes\n\nThe council approved the budget.\n", "Weekly notes"),
        ("---\nWeekly notes\n\nThe council approved the budget.\n", "Weekly notes"),
        # a key, but none of front matter's
        ("---\nNote: my notes\n\nThe council approved the budget.\n", "Note: my notes"),
        # closed by a later rule: the text between had been read as front matter, and lost
        ("---\nWeekly notes\n\nThe council approved the budget.\n\n---\n\nMore.\n", "Weekly notes"),
        # a key's line, then prose up to a later rule or `...`: the story had been lost
        (
            "---\nWarning: some details are distressing.\n\nThe council approved the budget."
            "\n\n---\n\nMore.\n",
            "Warning: some details are distressing.",
        ),
        (
            "---\nUpdate: corrected on 5 May.\n\nThe council approved the budget.\n\n..."
            "\n\nMore.\n",
            "Update: corrected on 5 May.",
        ),
    ],
)
def test_a_rule_on_the_first_line_is_no_front_matter(
    text: str, headline: str, caplog: pytest.LogCaptureFixture
) -> None:
    # a horizontal rule over the text: the file had been skipped as "never closed"
    for parse in (parse_seed_text, parse_markdown):
        article = parse(text, "notes.md")

        assert article.headline == headline
        assert "The council approved the budget." in [p.text for p in article.paragraphs]
    assert not caplog.records


@pytest.mark.parametrize("rule", ["-----", "=====", "* * *", "~~~~~~~~"])
def test_a_rule_above_a_text_headline_is_not_the_headline(rule: str) -> None:
    article = parse_seed_text(f"{rule}\nHeadline after dashes\n\nBody text.\n", "x.txt")

    assert article.headline == "Headline after dashes"
    assert [p.text for p in article.paragraphs] == ["Body text."]


@pytest.mark.parametrize("heading", ["# ---", "# * * *", "# ...", "---\n==="])
def test_a_markdown_heading_of_punctuation_alone_is_not_the_headline(heading: str) -> None:
    # "# ---" had been the headline "---"
    text = f"{heading}\n\n## Market wrap for Friday\n\nStocks rose on Friday.\n"

    article = parse_markdown(text, "x.md")

    assert article.headline == "Market wrap for Friday"
    assert [p.text for p in article.paragraphs] == ["Stocks rose on Friday."]


@pytest.mark.parametrize("flag", ["true", "false", "yes"])
def test_a_published_flag_in_front_matter_leaves_the_date_to_date(
    flag: str, caplog: pytest.LogCaptureFixture
) -> None:
    # dev.to's `published: true` and Jekyll's draft flag took `published`'s place over
    # `date`: no date, and a warning blaming `date` for 'true'
    pair = [f"published: {flag}", "date: 2024-04-01T09:00:00Z"]
    for lines in (pair, pair[::-1]):
        text = "---\n" + "\n".join(lines) + "\n---\n# Car ban one year on\n\nText.\n"
        assert parse_markdown(text, "devto.md").published == date(2024, 4, 1)
    assert not caplog.records


@pytest.mark.parametrize(
    ("key", "value"),
    [("publishDate", "2024-06-04"), ("pubDate", "2024-06-04T08:00:00Z")],  # Hugo's, Astro's
)
def test_hugo_and_astro_front_matter_dates_are_read(key: str, value: str) -> None:
    article = parse_markdown(f"---\n{key}: {value}\n---\n# Pier reopens\n\nText.\n", "p.md")
    assert article.published == date(2024, 6, 4)


def test_a_devto_canonical_url_is_the_url() -> None:
    article = parse_markdown(
        "---\ntitle: Car ban\npublished: true\ncanonical_url: https://citylab.example/car-ban\n"
        "---\nText of it.\n",
        "devto.md",
    )
    assert (article.headline, article.url) == ("Car ban", "https://citylab.example/car-ban")


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("title: 'It''s the council''s budget'", "It's the council's budget"),
        ('title: "Budget \\"cuts\\" explained"', 'Budget "cuts" explained'),
        ('title: "Caf\\u00e9 \\\\ bar\\tclosed"', "Café \\ bar closed"),
        ('title: "Foo" # a note', "Foo"),  # the quote check ran before the comment went
        ("title: 'Issue #5 out' # note", "Issue #5 out"),
        ('title: "Pier closed" and more', '"Pier closed" and more'),  # no quoted value
    ],
)
def test_yaml_front_matter_quoting_is_read(line: str, headline: str) -> None:
    article = parse_markdown(f"---\n{line}\n---\nThe text.\n", "q.md")
    assert article.headline == headline


def test_a_front_matter_date_that_cannot_be_read_loads_undated_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "---\nsource: Reuters\npublished: 04/02/2024\n---\nHeadline\n\nText."

    article = parse_seed_text(text, "x.txt")

    assert (article.headline, article.published, article.source) == ("Headline", None, "Reuters")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "x.txt: 'published' '04/02/2024' is ambiguous: 2 April or 4 February 2024 "
        "(nothing shows whether the day or the month comes first); write dates as YYYY-MM-DD; "
        "loaded without a date"
    ]


def test_a_bad_front_matter_date_is_named_by_the_key_the_file_gave_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # every key was called 'front matter: date', though the file said `pubDate:`
    text = "---\npubDate: 2024-02-30\n---\nHawks soar\n\nHawks soar above the hills.\n"

    article = parse_seed_text(text, "hawks.txt")

    assert article.published is None
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "hawks.txt: 'pubDate' '2024-02-30' is no calendar date (February 2024 has 29 days); "
        "loaded without a date"
    ]


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ("2024-03-17T25:00:00Z", "is no time of day (there is no hour 25)"),
        ("2024-03-17 23:61:00 +0200", "is no time of day (there is no minute 61)"),
        ("2024-03-17T24:30:00Z", "is no time of day (there is no hour 24)"),
        # an offset is a time of day too: +25:00 had been read as 17 March without a word
        ("2024-03-17T10:00:00+25:00", "is no time of day (there is no UTC offset +25:00)"),
        ("2024-03-17T10:00:00.250-24:00", "is no time of day (there is no UTC offset -24:00)"),
        ("2024-03-17 23:10:00 +0575", "is no time of day (there is no UTC offset +0575)"),
        # an hour alone, or with seconds, had still been dated without a word
        ("2024-03-17T10:00:00+25", "is no time of day (there is no UTC offset +25)"),
        ("2024-03-17T10:00:00-99", "is no time of day (there is no UTC offset -99)"),
        ("2024-03-17T10:00:00+25:00:00", "is no time of day (there is no UTC offset +25:00:00)"),
        ("2024-03-17T10:00:00+05:45:75", "is no time of day (there is no UTC offset +05:45:75)"),
    ],
)
def test_a_date_time_whose_time_names_no_time_of_day_is_no_date(
    caplog: pytest.LogCaptureFixture, value: str, fault: str
) -> None:
    # its day was taken without a word: hour 25 is as plainly wrong as 30 February
    text = f"---\npublished: {value}\n---\nKites hover\n\nKites hover over fields.\n"

    article = parse_seed_text(text, "kites.txt")

    assert article.published is None
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"kites.txt: 'published' {value!r} {fault}; loaded without a date"
    ]
    # the end of the day, as ISO 8601 writes it, is a time; so are the offsets in use
    for value in (
        "2024-03-17T24:00:00Z",
        "2024-03-17T10:00:00+14:00",
        "2024-03-17 10:00 -1200",
        "2024-03-17T10:00:00+05",
        "2024-03-17T10:00:00+05:45:30",
    ):
        assert parse_json_record(record_obj(published=value), "x.json").published == (
            date(2024, 3, 17)
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-17", date(2024, 3, 17)),
        # a spreadsheet's dates, where the order shows (no 17th month), and a page's
        ("17/03/2024", date(2024, 3, 17)),
        ("03/17/2024", date(2024, 3, 17)),
        ("17-03-2024", date(2024, 3, 17)),
        ("Published 17th March 2024", date(2024, 3, 17)),
        ("Mon 18 Mar 2024 06.30 GMT", date(2024, 3, 18)),
        ("2024-03-17T23:10:00+02:00", date(2024, 3, 17)),
        ("2024-03-17T23:10:00Z", date(2024, 3, 17)),
        ("2024-03-17t23:10:00z", date(2024, 3, 17)),  # RFC 3339 allows lower case
        ("2024-03-17t23:10:00.5 +0200", date(2024, 3, 17)),
        ("2024-03-17 23:10:00 +0200", date(2024, 3, 17)),  # Jekyll
        ("Sun, 17 Mar 2024 23:10:00 GMT", date(2024, 3, 17)),  # RSS
        ("17 Mar 2024 23:10:00 -0500", date(2024, 3, 17)),
        # as people write them (they were skipped as no date)
        ("March 17, 2024", date(2024, 3, 17)),
        ("17 March 2024", date(2024, 3, 17)),
        ("Sunday, 17 March 2024", date(2024, 3, 17)),
        ("17.03.2024", date(2024, 3, 17)),
        ("2024/03/17", date(2024, 3, 17)),
        # AP style's "Sept.", which strptime's %b does not read
        ("Sept. 14, 2023", date(2023, 9, 14)),
        ("Thursday, Sept. 14, 2023", date(2023, 9, 14)),
        ("Tue, 14 Sept 2023", date(2023, 9, 14)),
        # a database's, a log's and Chinese or Japanese forms (each had been no date)
        ("17-Mar-2024", date(2024, 3, 17)),
        ("17-March-2024", date(2024, 3, 17)),
        ("2024.03.17", date(2024, 3, 17)),
        ("2024年3月17日", date(2024, 3, 17)),
        ("2024年3月17日 10:00", date(2024, 3, 17)),
        ({"$date": "2024-03-17T10:00:00Z"}, date(2024, 3, 17)),  # MongoDB's export
        ({"$date": {"$numberLong": "1710669600000"}}, date(2024, 3, 17)),
    ],
)
def test_dates_as_sites_and_feeds_write_them(value: object, expected: date) -> None:
    assert parse_json_record(record_obj(published=value), "x.json").published == expected


def test_a_bad_date_is_named_by_the_key_the_record_gave_it() -> None:
    # a record's "date" was called 'published' in the warning
    notes: list[str] = []
    record = {"title": "T", "text": "Body.", "date": "04/02/2024"}
    assert parse_json_record(record, "x.json", notes).published is None
    assert notes == [
        "'date' '04/02/2024' is ambiguous: 2 April or 4 February 2024 (nothing shows whether "
        "the day or the month comes first); write dates as YYYY-MM-DD; loaded without a date"
    ]


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "Tuesday 30 2026",  # a date's shape, but no month named
        "Sun, 17 Mar 99999999999999999999 23:10:00 GMT",  # overflowed the date parser
        "Sun, 17 Mar 2024 23:10:00 +99999999999999999999",
    ],
)
def test_a_date_that_is_none_of_those_is_an_error_naming_it(value: str) -> None:
    with pytest.raises(
        CorpusError, match=re.escape(f"'published' must be a date like 2024-03-17, got '{value}'")
    ):
        parse_json_record(record_obj(published=value), "x.json")


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        # each had been "must be a date like 2024-03-17", as if its form were wrong
        ("31/02/2026", "is no calendar date (February 2026 has 28 days)"),
        ("2/30/2026", "is no calendar date (February 2026 has 28 days)"),
        ("February 30, 2026", "is no calendar date (February 2026 has 28 days)"),
        ("Fri, 30 Feb 2024", "is no calendar date (February 2024 has 29 days)"),
        ("2024-02-30 10:00", "is no calendar date (February 2024 has 29 days)"),
        ("31.04.2026", "is no calendar date (April 2026 has 30 days)"),
        ("29/02/2025", "is no calendar date (February 2025 has 28 days)"),
        ("30. Februar 2026", "is no calendar date (February 2026 has 28 days)"),
        ("2024-13-45", "is no calendar date (there is no month 13)"),
        ("13/14/2024", "is no calendar date (there is no month 13)"),
        # had been "ambiguous: 0  or 0  2026 (nothing shows whether the day or the month
        # comes first)", naming no month: in either order there is no such day
        ("0/0/2026", "is not a date (there is no month 0 or day 0)"),
        ("00/05/2026", "is not a date (there is no month 0 or day 0)"),
        ("2026-00-00", "is not a date (there is no month 0 or day 0)"),
        ("0 February 2026", "is not a date (there is no day 0)"),
    ],
)
def test_a_date_that_names_no_day_says_why(value: str, fault: str) -> None:
    notes: list[str] = []

    assert parse_json_record(record_obj(published=value), "x.json", notes).published is None
    assert notes == [f"'published' {value!r} {fault}; loaded without a date"]


def test_a_number_for_a_date_names_its_type() -> None:
    with pytest.raises(
        CorpusError, match=r"'published' must be a date like 2024-03-17, got a number$"
    ):
        parse_json_record(record_obj(published=17), "x.json")


@pytest.mark.parametrize(
    "value", [1712052000, 1712052000.5, 1712052000123, "1712052000", " 1712052000000 "]
)
def test_a_unix_time_is_its_utc_date(value: object) -> None:
    # ten digits were read as an ISO date: 1712-05-20
    assert parse_json_record(record_obj(published=value), "x.json").published == date(2024, 4, 2)


@pytest.mark.parametrize("value", [20240317, 20240317.0, "20240317"])
def test_eight_digits_are_a_date_as_a_number_too(value: object) -> None:
    # GDELT's SQLDATE and spreadsheets' columns write 20240317 as a number
    assert parse_json_record(record_obj(published=value), "x.json").published == date(2024, 3, 17)


def test_eight_digits_that_name_no_day_are_an_error() -> None:
    with pytest.raises(CorpusError, match="'published'"):
        parse_json_record(record_obj(published=20241399), "x.json")


@pytest.mark.parametrize("value", ["123456789", "99999999999999", "0000000000"])
def test_digits_that_are_no_plausible_time_are_an_error(value: str) -> None:
    with pytest.raises(CorpusError, match=re.escape(f"got '{value}'")):
        parse_json_record(record_obj(published=value), "x.json")


def test_static_site_front_matter_gives_the_markdown_headline_and_date() -> None:
    text = (
        '---\ntitle: "Bridge reopens after repairs"\ndate: 2024-02-01T10:00:00+01:00\n'
        "tags: [local]\n---\n\nThe bridge reopened on Monday.\n\nBuses are back.\n"
    )

    article = parse_markdown(text, "bridge.md")

    assert article.headline == "Bridge reopens after repairs"
    assert article.published == date(2024, 2, 1)
    assert [p.text for p in article.paragraphs] == [
        "The bridge reopened on Monday.",
        "Buses are back.",
    ]
    # a level-1 heading stays the headline; `published` wins over `date`
    both = "---\ntitle: Other\ndate: 2024-01-01\npublished: 2024-02-02\n---\n# Heading\n\nText."
    article = parse_markdown(both, "both.md")
    assert (article.headline, article.published) == ("Heading", date(2024, 2, 2))


def test_one_huge_line_is_kept_as_one_paragraph(tmp_path: Path) -> None:
    words = "lorem ipsum dolor sit amet " * 200_000  # ~5 MB, no newline at the end
    path = write(tmp_path, "huge.txt", "Huge paragraph\n\n" + words)

    (article,) = load_file(path)

    assert article.headline == "Huge paragraph"
    assert len(article.paragraphs) == 1
    assert len(article.paragraphs[0].text) == len(words) - 1


def test_one_huge_line_alone_is_skipped_as_no_headline(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", "x" * 5_000_000)

    result = load_corpus([path])

    assert result.articles == ()
    assert [s.reason for s in result.skipped] == [
        "headline too long (5000000 characters, at most 1000; the first line should be the "
        "headline)"
    ]


def test_a_json_record_with_a_huge_headline_says_which_field(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    records = [
        {"id": "a", "headline": "word " * 1000, "paragraphs": ["Text."]},
        {"id": "b", "headline": "Fine", "paragraphs": ["Text."]},
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in records))

    result = load_corpus([path])

    assert [a.headline for a in result.articles] == ["Fine"]
    assert "headline too long (4999 characters, at most 1000; is the body in the headline" in (
        caplog.text
    )


# --- Markdown ----------------------------------------------------------------------------------

MARKDOWN = """---
source: "Coastal Herald"
published: 2024-05-02
standfirst: The bridge is open again.
---
Intro line before the title is a paragraph.

# Harbour **bridge** reopens

The harbour bridge reopened on *Thursday*
after eight months of [repairs](https://herald.example.com/repairs).

![The bridge](bridge.jpg)

## Traffic returns

- Buses resume their `old` routes.
- Cyclists get a new_lane.

> Commuters were pleased.

```
print("not news")
```

---

Share news
"""


BODY_MD = "The harbour authority closed the pier on Friday.\n\nRepairs will cost £2m.\n"


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ('+++\ntitle = "Pier closed"\ndate = 2024-04-02\n+++\n\n' + BODY_MD, "Pier closed"),
        (
            "---\ntitle: >-\n  Pier closed after\n  the storm\ndate: 2024-04-02\n---\n" + BODY_MD,
            "Pier closed after the storm",
        ),
        ("#Pier closed\n\n" + BODY_MD, "Pier closed"),
        ("![hero](https://ex.com/h.jpg)\n\nPier closed\n\n" + BODY_MD, "Pier closed"),
    ],
    ids=["toml", "yaml-folded", "no-space", "image-first"],
)
def test_markdown_headlines_as_static_sites_and_editors_write_them(
    text: str, headline: str
) -> None:
    article = parse_markdown(text, "pier.md")

    assert article.headline == headline
    assert [p.text for p in article.paragraphs] == [
        "The harbour authority closed the pier on Friday.",
        "Repairs will cost £2m.",
    ]
    if text.startswith(("+++", "---")):
        assert article.published == date(2024, 4, 2)


def test_a_markdown_heading_that_shows_nothing_is_not_the_headline() -> None:
    # "# " and a zero-width space was the level-1 heading, an empty headline: "no headline"
    article = parse_markdown("# \u200b\n\n# Pier closed\n\n" + BODY_MD, "pier.md")

    assert article.headline == "Pier closed"
    assert [p.text for p in article.paragraphs] == [
        "The harbour authority closed the pier on Friday.",
        "Repairs will cost £2m.",
    ]


def test_a_description_never_replaces_a_seed_texts_own_standfirst() -> None:
    text = "---\ndescription: Niger news\n---\nTroops leave\nThe standfirst.\n\nA paragraph.\n"
    article = parse_seed_text(text, "x.txt")
    assert article.standfirst == "The standfirst."
    assert [p.text for p in article.paragraphs] == ["A paragraph."]
    bare = parse_seed_text("---\ndescription: Niger news\n---\nTroops leave\n\nA paragraph.\n", "y")
    assert bare.standfirst == "Niger news"


def test_yaml_mappings_and_comments_give_no_values() -> None:
    text = (
        "---\ntitle: Pier closed # the headline\nsource:\n  name: Reuters\n  url: https://r.example\n"
        "---\n" + BODY_MD
    )
    article = parse_markdown(text, "x.md")
    assert article.headline == "Pier closed"
    assert article.source is None


def test_a_web_clippers_source_url_is_the_articles_url() -> None:
    text = (
        '---\ntitle: "Pier closed"\nsource: "https://www.example.com/news/pier"\n'
        'author:\n  - "[[Jo Bloggs]]"\npublished: 2024-04-02\ndescription: "Storm shuts pier"\n'
        'tags:\n  - "clippings"\n---\n' + BODY_MD
    )

    article = parse_markdown(text, "pier.md")

    assert article.url == "https://www.example.com/news/pier"
    assert article.source == "example.com"
    assert article.standfirst == "Storm shuts pier"
    assert article.published == date(2024, 4, 2)


def test_toml_front_matter_that_does_not_parse_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="retrieval.loaders"):
        article = parse_markdown('+++\ntitle = "unclosed\n+++\n# Pier closed\n\n' + BODY_MD, "p.md")
    assert article.headline == "Pier closed"
    [warning] = [r.getMessage() for r in caplog.records]
    assert warning.startswith("p.md: front matter is not TOML (")


def test_toml_front_matter_that_does_not_parse_is_read_a_line_at_a_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # read as no front matter, the text's one line was the headline, and the file was
    # skipped as "no paragraphs" after the warning about the front matter: two warnings,
    # and the article lost
    text = (
        '+++\ntitle = "Wolverines hunt in the north\ndate = 2024-04-02\n[extra]\n'
        "source = \"a table's, not the page's\"\n+++\n\nWolverines are fierce hunters.\n"
    )
    path = write(tmp_path, "wolverines.md", text)

    result = load_corpus([path])

    [article] = result.articles
    assert (article.headline, article.published, article.source) == (
        "Wolverines hunt in the north",
        date(2024, 4, 2),
        None,
    )
    assert [p.text for p in article.paragraphs] == ["Wolverines are fierce hunters."]
    [warning] = warnings_for(caplog, path)
    assert warning.startswith(f"{path}: front matter is not TOML (")
    assert warning.endswith("; read a line at a time, a value TOML refuses as written")


@pytest.mark.parametrize(
    "body",
    [
        "\nWrens are small birds that sing loudly.\n",
        "Wrens sing loudly\n\nWrens are small birds that sing loudly.\n",
    ],
    ids=["text only", "title repeated"],
)
def test_a_text_files_front_matter_title_is_its_headline(body: str) -> None:
    # `title:` was read in Markdown only: the text's one line became the headline, and the
    # file was skipped as "no paragraphs"; a first line that repeats the title is the title
    article = parse_seed_text("---\ntitle: Wrens sing loudly\n---\n" + body, "wrens.txt")

    assert article.headline == "Wrens sing loudly"
    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == ["Wrens are small birds that sing loudly."]


def test_a_post_named_by_its_date_is_dated_so_and_singlefile_pages_keep_their_address(
    tmp_path: Path,
) -> None:
    post = "---\ntitle: Garden opens\n---\nThe garden opened.\n\nIt has 40 beds.\n"
    [dated] = load_file(write(tmp_path, "2024-05-20-garden-opens.md", post))
    [own] = load_file(write(tmp_path, "2024-05-20-own.md", "---\ndate: 2024-05-21\n" + post[4:]))
    [bad] = load_file(write(tmp_path, "2024-13-45-bad.md", post))
    assert (dated.published, own.published, bad.published) == (
        date(2024, 5, 20),
        date(2024, 5, 21),  # its own date first
        None,
    )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><!--\n Page saved with SingleFile \n"
        " url: https://news.example/2024/04/09/quarry\n saved date: Tue Apr 09 2024\n-->"
        "<title>Quarry plan rejected</title></head><body><article><h1>Quarry plan rejected</h1>"
        "<p>Planners rejected a plan to double the size of the quarry on Tuesday.</p><p>The "
        "company may appeal within six months, a spokesman said.</p></article></body></html>"
    )
    [saved] = load_file(write(tmp_path, "quarry.html", page))
    assert saved.url == "https://news.example/2024/04/09/quarry"  # it had none


def test_markdown_with_raw_html_shows_its_text_not_its_tags() -> None:
    # "<p>", "<br>" and "<!-- ad slot -->" were shown in answers as written
    text = (
        "# Museum returns bronzes\n\n<p>The museum returned 72 bronzes on Monday.</p>\n\n"
        '<!-- ad slot -->\n<div class="ad">Advertisement</div>\n\n'
        "They were taken in 1897.<br>They go to a new museum.\n\nA <b>bold</b> 3 < 4 claim.\n"
    )
    article = parse_markdown(text, "m.md")
    assert [p.text for p in article.paragraphs] == [
        "The museum returned 72 bronzes on Monday.",
        "They were taken in 1897. They go to a new museum.",
        "A bold 3 < 4 claim.",
    ]


def test_text_level_html_tags_in_markdown_leave_no_space_before_punctuation() -> None:
    # each tag was a space: answers showed "Prices rose , ... the cormorant ."
    text = (
        "# Cormorants\n\n"
        'Prices <em>rose</em>, analysts said of the <a href="x">cormorant</a>.\n\n'
        "Then <SPAN>span</SPAN>; done.<br>Next line.\n"
    )
    article = parse_markdown(text, "m.md")
    assert [p.text for p in article.paragraphs] == [
        "Prices rose, analysts said of the cormorant.",
        "Then span; done. Next line.",
    ]


def test_a_markdown_tables_rows_and_footnotes_are_paragraphs() -> None:
    # a table was one passage full of pipes, its rule row too; a footnote's text was dropped
    # as a link's definition
    text = (
        "# Bridge repairs cost more\n\nRepairs cost more each year[^1].\n\n"
        "| Year | Cost |\n|------|:----:|\n| 2023 | £6m  |\n| 2024 | £8m \\| est. |\n\n"
        "Item | Note\n--- | ---\nCables | *new*\nThe end of it.\n\n"
        "[^1]: According to the council's\n    traffic office.\n\n[1]: https://x.example/\n"
    )
    article = parse_markdown(text, "t.md")
    assert [p.text for p in article.paragraphs] == [
        "Repairs cost more each year.",
        "Year, Cost",
        "2023, £6m",
        "2024, £8m | est.",
        "Item, Note",
        "Cables, new",
        "The end of it.",
        "According to the council's traffic office.",
    ]


def test_markdown_escapes_keep_their_marks_and_entities_are_read() -> None:
    # HTML-to-Markdown converters (Turndown, html2text) escape marks: \*rising\* became
    # \rising\, 3\*\*2 was 3\2; O\'Brien stayed so, and "&amp;" and "&mdash;" too
    text = (
        "# Council **approves** budget &amp; tax rise\n\n"
        'Costs were \\*rising\\* fast, O\\\'Brien said: \\"f\\*\\*\\* off\\".\n\n'
        "The sum 3\\*\\*2 is \\_private\\_ \\$5 \\& 10\\% \\\\ \\&amp; no more.\n\n"
        "A 4.99% rise &mdash; the most&nbsp;allowed, &#163;1m; R&param &nope stay.\n"
    )
    article = parse_markdown(text, "clip.md")
    assert article.headline == "Council approves budget & tax rise"
    assert [p.text for p in article.paragraphs] == [
        'Costs were *rising* fast, O\'Brien said: "f*** off".',
        "The sum 3**2 is _private_ $5 & 10% \\ &amp; no more.",
        "A 4.99% rise \u2014 the most allowed, £1m; R&param &nope stay.",
    ]


def test_markdown_from_obsidian_and_hugo_shows_its_text_not_its_links() -> None:
    # "[[Dockworkers Union|union]]", "![[port.jpg]]", "[^1]" and shortcodes stayed as written
    text = (
        "# Port strike ends\n\n![[port-strike.jpg]]\n\n"
        "Dockworkers returned to work, the [[Dockworkers Union|union]] said.[^1]\n\n"
        "> [!info] Clipped from [[Harbour Times]]\n\n"
        '{{< figure src="ferry.jpg" caption="The ferry" >}}\n\n'
        "The offer was 9 per cent {{% note %}}over two years{{% /note %}}.\n\n"
        "[^1]: Union statement, 15 July 2024.\n"
    )
    article = parse_markdown(text, "o.md")
    assert [p.text for p in article.paragraphs] == [
        "Dockworkers returned to work, the union said.",
        "Clipped from Harbour Times",
        "The offer was 9 per cent over two years.",
        "Union statement, 15 July 2024.",  # the footnote's text
    ]


def test_a_markdown_pages_properties_under_its_title_are_its_metadata() -> None:
    # Notion's export: "Created: / URL: / Source: / Published:" had been one paragraph, and
    # the story had no date, address or source
    text = (
        "# Bike lanes approved\n\nCreated: July 16, 2024 11:30 PM\nTags: Transport\n"
        "URL: https://gazette.example/bike-lanes\nSource: The Gazette\n"
        "Published: March 17, 2024\n\nThe council voted 5-2 to build bike lanes.\n"
    )
    article = parse_markdown(text, "n.md")
    assert (article.published, article.source, article.url) == (
        date(2024, 3, 17),
        "The Gazette",
        "https://gazette.example/bike-lanes",
    )
    assert [p.text for p in article.paragraphs] == ["The council voted 5-2 to build bike lanes."]
    # a first paragraph that only looks so is text
    plain = parse_markdown("# Vote\n\nTags: none were given.\n\nThe vote was close.\n", "v.md")
    assert [p.text for p in plain.paragraphs] == ["Tags: none were given.", "The vote was close."]


def test_markdown_article_with_sections_and_inline_markup() -> None:
    article = parse_markdown(MARKDOWN, "bridge.md")

    assert article.headline == "Harbour bridge reopens"
    assert article.standfirst == "The bridge is open again."
    assert article.source == "Coastal Herald"
    assert article.published == date(2024, 5, 2)
    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "Intro line before the title is a paragraph."),
        (None, "The harbour bridge reopened on Thursday after eight months of repairs."),
        ("Traffic returns", "Buses resume their old routes."),
        ("Traffic returns", "Cyclists get a new_lane."),
        ("Traffic returns", "Commuters were pleased."),
    ]


def test_markdown_without_a_title_uses_the_first_line() -> None:
    text = "Bridge reopens\nThe bridge reopened on Thursday.\n\nBuses are back.\n"

    article = parse_markdown(text, "bridge.md")

    assert article.headline == "Bridge reopens"
    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == [
        "The bridge reopened on Thursday.",
        "Buses are back.",
    ]


def test_markdown_setext_headings() -> None:
    text = "Bridge reopens\n==============\n\nIt reopened.\n\nTraffic\n-------\n\nBuses are back.\n"

    article = parse_markdown(text, "bridge.md")

    assert article.headline == "Bridge reopens"
    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "It reopened."),
        ("Traffic", "Buses are back."),
    ]


# --- HTML --------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata() -> None:
    article = parse_html(HTML_PAGE, "bridge.html")

    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.source == "Coastal Herald"
    assert article.published == date(2024, 5, 2)
    assert article.url == "https://herald.example.com/news/harbour-bridge-reopens"
    assert article.id == stable_id("https://herald.example.com/news/harbour-bridge-reopens")
    assert [(p.section, p.text) for p in article.paragraphs] == [
        (
            None,
            "The harbour bridge reopened to traffic on Thursday after eight months of repairs "
            "to its steel cables, the city council said.",
        ),
        (
            None,
            "Engineers replaced all forty-two cables and repainted the main towers during "
            "the closure.",
        ),
        (
            "Traffic returns",
            "Commuters said their journeys into the city centre were twenty minutes shorter "
            "on the first morning.",
        ),
        ("Traffic returns", "Buses resume their old routes on Monday."),
        ("Traffic returns", "Cyclists get a new lane."),
    ]


def test_a_short_pages_text_level_tags_leave_no_space_before_punctuation() -> None:
    # too short for the extractor's paragraphs, the page's text came from its last resort, a
    # line for each piece of text: "Prices rose , analysts said of the shag ."
    page = (
        "<html><body><article><h1>Shags nest in the harbour</h1><p>Prices <em>rose</em>, "
        'analysts said of the <a href="/x">shag</a>.</p></article></body></html>'
    )
    article = parse_html(page, "shags.html")

    assert article.headline == "Shags nest in the harbour"
    assert [p.text for p in article.paragraphs] == ["Prices rose, analysts said of the shag."]


def test_html_page_without_title_or_h1_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(
        tmp_path,
        "untitled.html",
        "<html><body><p>Some text without any title, long enough to be the main text of a page."
        "</p></body></html>",
    )

    result = load_corpus([path])

    assert result.articles == ()
    assert result.skipped[0].reason.startswith("no headline")
    assert len(warnings_for(caplog, path)) == 1
    assert not [r for r in caplog.records if r.name.startswith(("trafilatura", "htmldate"))]


def test_a_page_holding_a_text_over_libxml2s_limit_in_one_piece_is_read(tmp_path: Path) -> None:
    # libxml2 reads a text node of at most 10,000,000 bytes unless told otherwise (huge_tree):
    # a page of one 12 MB paragraph lost it, and all after it, and was "no paragraphs"
    sentence = "The council met on Tuesday to discuss the harbour and its future plans. "
    big = sentence * (12_000_000 // len(sentence))
    page = write(
        tmp_path,
        "big.html",
        "<html><head><title>Harbour plans</title></head><body><article><h1>Harbour plans</h1>"
        f"<p>{big}</p><p>The vote is next week.</p></article></body></html>",
    )
    body = f"<p>{big}</p><p>The vote is next week.</p>"
    record_path = write(tmp_path, "big.jsonl", record(paragraphs=None, body=body) + "\n")

    result = load_corpus([page, record_path])

    assert result.skipped == ()
    for article in result.articles:
        texts = [p.text for p in article.paragraphs]
        assert sum(map(len, texts)) > 11_900_000, article.origin
        assert texts[-1] == "The vote is next week.", article.origin


def test_a_page_read_for_its_huge_text_expands_no_declared_entity(tmp_path: Path) -> None:
    # huge_tree lifts libxml2's size limits: the HTML parser still reads no DTD's entities,
    # an external file's (XXE) or nested ones (billion laughs)
    secret = write(tmp_path, "secret.txt", "SECRET CONTENT")
    sentence = "The council met on Tuesday to discuss the harbour and its future plans. "
    big = sentence * (11_000_000 // len(sentence))
    path = write(
        tmp_path,
        "big.html",
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY a "lol">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><html><head><title>Harbour plans'
        f"</title></head><body><article><h1>Harbour plans</h1><p>{big}</p>"
        "<p>Said: &xxe; &b;</p></article></body></html>",
    )

    [article] = load_corpus([path]).articles

    text = " ".join(p.text for p in article.paragraphs)
    assert "SECRET" not in text
    assert "lollol" not in text


def test_a_huge_text_in_a_page_nested_too_deep_is_named(tmp_path: Path) -> None:
    sentence = "The council met on Tuesday to discuss the harbour and its future plans. "
    big = sentence * (11_000_000 // len(sentence))
    deep = "<div>" * 300 + f"<p>{big}</p>" + "</div>" * 300
    path = write(tmp_path, "deep.html", f"<html><head><title>T</title></head><body>{deep}")

    result = load_corpus([path])

    [skipped] = result.skipped
    assert skipped.reason == (
        "a text of over 10,000,000 bytes in one piece, in a page nested deeper than the HTML "
        "parser reads beside one (256 levels)"
    )


@pytest.mark.parametrize(
    ("depth", "reason"),
    [
        (0, "no article text found (the page has a title but no main text)"),
        (
            50_000,
            "no article text found: the page nests its elements deeper than the HTML parser "
            "reads (256 levels)",
        ),
    ],
)
def test_html_page_whose_text_cannot_be_found_says_so(
    tmp_path: Path, depth: int, reason: str
) -> None:
    text = "<p>Text about Niger, long enough to be taken for the main text of a page.</p>"
    body = "<div>" * depth + text + "</div>" * depth if depth else ""
    path = write(tmp_path, "deep.html", f"<html><head><title>A title</title></head><body>{body}")

    result = load_corpus([path])

    assert result.articles == ()
    assert [s.reason for s in result.skipped] == [reason]


def test_a_page_the_parser_cannot_read_is_one_warning_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "deep.html", "<div>" * 5000)

    result = load_corpus([path])

    assert [s.reason for s in result.skipped] == ["not an HTML document"]
    assert [r.name for r in caplog.records] == ["retrieval.loaders"]  # not trafilatura's too


def test_html_page_nested_within_the_parser_limit_loads() -> None:
    text = "<p>Text about Niger, long enough to be taken for the main text of a page.</p>"
    html = "<html><head><title>A title</title></head><body>" + "<div>" * 200 + text

    article = parse_html(html, "nested.html")

    assert [p.text for p in article.paragraphs] == [
        "Text about Niger, long enough to be taken for the main text of a page."
    ]


@pytest.mark.parametrize(
    ("heading", "stamp"),
    [
        ("Reader comments (3)", "<b>{}</b> 2 hours ago"),
        ("3 Comments", "<b>{}</b> 2 hours ago"),
        ("Join the conversation", "<b>{}</b> 2 hours ago"),
        # verify round 3: Disqus's and WordPress's other layouts
        ("Comments", "{} \u2022 an hour ago"),
        ("Comments", "{}</p><p>2h ago"),
        ("3 Comments", "{} says: March 3, 2024 at 10:02 am"),
        # verify round 4
        ("Comments", "{}, 2 hours ago"),
        ("3 Comments", "{} says:</p><p>March 3, 2024 at 10:02 am"),
    ],
)
def test_a_pages_reader_comments_are_none_of_its_story(heading: str, stamp: str) -> None:
    # probe, 29th session: a small paper's comments, unmarked, had been the story's
    # paragraphs, and a commenter's words answered as the paper's
    story = [
        "Fenbridge's central library will open three days a week from June, the council said.",
        "The change will save 120,000 pounds a year, according to a council report.",
        "Campaigners said they would hold a protest outside the library on Saturday.",
    ]
    comments = "".join(
        f'<div class="c"><p>{stamp.format(name)}</p><p>{text}</p></div>'
        for name, text in [
            ("grumpy_dad", "Disgraceful. The library is the only warm place for many people."),
            ("realist", "Nobody uses libraries anymore, everything is online now, honestly."),
        ]
    )
    html = _page(_LIBRARY, _LIBRARY, _paragraphs(story) + f"<h3>{heading}</h3>{comments}")
    assert [p.text for p in parse_html(html, "library.html").paragraphs] == story


@pytest.mark.parametrize(
    ("heading", "lead"),
    [
        ("<h3>Comments from the minister</h3>", ""),
        # verify round, 29th session: each had cut the story short
        ("<h2>Have your say</h2>", ""),
        ("<h3>Comments</h3>", ""),
        ("<h2>3 thoughts on the title race</h2>", ""),
        ("", "<p>14 comments</p>"),  # a toolbar's count under the standfirst
        # verify round 2: a sentence ending in a time, or "N years ago", is no commenter's
        ("<h2>Comments</h2><p>The minister is due to speak in the Commons at 12:30.</p>", ""),
        ("<h2>3 responses to the closure</h2><p>The pier was built 150 years ago.</p>", ""),
        # verify round 3: a quote's lead-in, or a bare "Yesterday", is the story's
        ("<h2>Comments</h2><p>Minister Jo Smith says:</p>", ""),
        ("<h3>Comments</h3><p>Yesterday</p>", ""),
        # verify round 4: a column's byline over its date, a sentence ending "yesterday"
        ("<h2>Comment</h2><p>Jo Smith</p><p>3 May 2024, 10:00</p>", ""),
        ("<h2>Comments</h2><p>By Jo Smith</p><p>Published 3 May 2024 10:00</p>", ""),
        ("<h2>Comments</h2><p>The mayor responded yesterday</p>", ""),
    ],
)
def test_a_heading_over_the_storys_own_words_is_no_comments(heading: str, lead: str) -> None:
    later = [
        "She said the plan would go ahead as announced in the spring budget.",
        "A consultation opens on Monday and runs for eight weeks, the council said.",
    ]
    first = "The minister answered her critics on Monday in a long statement to parliament."
    html = _page(_CRITICS, _CRITICS, f"{lead}<p>{first}</p>{heading}" + _paragraphs(later))
    texts = [p.text for p in parse_html(html, "minister.html").paragraphs]
    assert texts[-2:] == later


_HOMES = "Homes plan approved"


@pytest.mark.parametrize(
    "ld",
    [
        {"@type": "NewsArticle", "headline": _HOMES, "datePublished": "2024-02-20T09:00:00Z",
         "url": "https://b.example/homes"},
        {"@type": ["Article"], "name": _HOMES, "dateCreated": "2024-02-20",
         "mainEntityOfPage": "https://b.example/homes"},
        {"@graph": [{"@type": "WebPage"}, {"@type": "BlogPosting", "headline": _HOMES,
                    "datePublished": "2024-02-20",
                    "mainEntityOfPage": {"@id": "https://b.example/homes"}}]},
    ],
)  # fmt: skip
def test_a_pages_json_ld_gives_the_address_and_date_it_gives_nowhere_else(
    ld: dict[str, Any],
) -> None:
    # probe, 29th session: read only where the JSON-LD held the story's text
    article = parse_html(_homes_page(ld), "homes.html")
    assert (article.url, article.published) == ("https://b.example/homes", date(2024, 2, 20))


@pytest.mark.parametrize(
    "ld",
    [
        # a "Most read" list's story: another page's address and date
        [{"@type": "NewsArticle", "headline": "Ferry fares to rise", "datePublished":
          "2024-01-03", "url": "https://b.example/ferry"}],
        # a placeholder's date, and one a year ahead: none (verify round, 29th session)
        {"@type": "NewsArticle", "headline": _HOMES, "datePublished": "1970-01-01"},
        {"@type": "NewsArticle", "headline": _HOMES, "datePublished": "2099-01-01"},
    ],
)  # fmt: skip
def test_a_json_ld_article_of_another_page_or_date_gives_nothing(ld: object) -> None:
    article = parse_html(_homes_page(ld), "homes.html")
    assert article.url is None
    if isinstance(ld, dict):  # (the extractor's own date reading takes the list's, as before)
        assert article.published is None


def _homes_page(ld: object) -> str:
    return (
        f"<html><head><title>{_HOMES}</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
        f"<h1>{_HOMES}</h1><p>The council voted on Tuesday to build 300 new homes on "
        "the old airfield site north of the town.</p><p>Objectors said the roads could not cope "
        "with the extra traffic.</p></article></body></html>"
    )


@pytest.mark.parametrize("post", ["Business reporter, BBC News", "Political editor"])
def test_a_writers_post_under_a_pages_byline_is_none_of_the_story(post: str) -> None:
    # probe, 29th session: the BBC's byline block left "Business reporter, BBC News" as the
    # first paragraph, every paragraph's number in `ask --json` one off
    story = [
        "The Harwick water company will cut bills by 8% from April after a regulator's ruling.",
        "About 1.2 million customers across Harwick and Lowden will save 38 pounds a year.",
    ]
    byline = f'<div data-component="byline-block"><div>By Jane Smith</div><div>{post}</div></div>'
    html = _page(_BILLS, _BILLS, byline + _paragraphs(story))
    assert [p.text for p in parse_html(html, "bills.html").paragraphs] == story


def test_a_headline_of_a_kind_over_the_story_is_no_writers_post() -> None:
    # verify round 5, 29th session: "Jane Doe Appointed Editor", under no byline, was dropped
    story = [
        "Jane Doe Appointed Editor",
        "The Riverside Gazette has appointed Jane Doe as its new editor, the paper said.",
    ]
    html = _page("Newspaper names new editor", "Newspaper names new editor", _paragraphs(story))
    assert [p.text for p in parse_html(html, "editor.html").paragraphs] == story


def test_html_small_page_uses_its_h1() -> None:
    html = (
        "<html><body><h1>Only a heading</h1><p>One paragraph of text, long enough to be taken "
        "for the main text of this small page.</p></body></html>"
    )

    article = parse_html(html, "small.html")

    assert article.headline == "Only a heading"
    assert [p.text for p in article.paragraphs] == [
        "One paragraph of text, long enough to be taken for the main text of this small page."
    ]
    assert (article.source, article.url, article.published) == (None, None, None)


@pytest.mark.parametrize("block", ["div", "p"])
def test_a_page_paragraphed_with_blank_lines_of_breaks_has_those_paragraphs(block: str) -> None:
    # the extractor reads <br><br> as one line break: the story was one paragraph
    html = (
        "<html><head><title>Harbour plan passes</title></head><body><article>"
        f"<h1>Harbour plan passes</h1><{block}>The council voted for the harbour "
        "plan on Monday after a long debate.<br><br>The money comes from the state and the "
        "city.<br>Half of it is a loan.<br /> \n <br>Works start in <b>May</b> and last two "
        f"years, officials said.</{block}></article></body></html>"
    )

    article = parse_html(html, "plan.html")

    assert [p.text for p in article.paragraphs] == [
        "The council voted for the harbour plan on Monday after a long debate.",
        "The money comes from the state and the city. Half of it is a loan.",  # one break
        "Works start in May and last two years, officials said.",
    ]


def test_a_block_holding_other_blocks_is_not_split_at_breaks() -> None:
    html = (
        "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>"
        "<div><p>The ferry to the island returned to service on Sunday morning.</p><br><br>"
        "<p>Tickets are on sale at the harbour office and online from today.</p></div>"
        "</article></body></html>"
    )

    article = parse_html(html, "ferry.html")

    assert [p.text for p in article.paragraphs] == [
        "The ferry to the island returned to service on Sunday morning.",
        "Tickets are on sale at the harbour office and online from today.",
    ]


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        (  # the text before the first paragraph was lost without a word
            "<h1>Herons nest in colonies</h1>Herons stalk fish in shallow water and strike "
            "very fast.<p>They nest in colonies called heronries, high in tall trees.</p>",
            [
                "Herons stalk fish in shallow water and strike very fast.",
                "They nest in colonies called heronries, high in tall trees.",
            ],
        ),
        (  # no heading, paragraphs parted by breaks: skipped as "no paragraphs"
            "Jackals hunt in pairs across the dry savanna and scavenge at dawn.<br>They "
            "roam far.<br><br>They are related to dogs and wolves.",
            [
                "Jackals hunt in pairs across the dry savanna and scavenge at dawn. They roam far.",
                "They are related to dogs and wolves.",
            ],
        ),
        (  # a heading and the text: skipped
            "<h1>Herons nest in colonies</h1>Hyenas laugh and scavenge on the plains at "
            "night, living in large clans.",
            ["Hyenas laugh and scavenge on the plains at night, living in large clans."],
        ),
        (  # the text in a <span>: skipped
            "<h1>Herons nest in colonies</h1><span>Coyotes adapt to city life, eating what "
            "they find in parks.</span>",
            ["Coyotes adapt to city life, eating what they find in parks."],
        ),
        (  # text after a paragraph, at the body's end: lost
            "<h1>Herons nest in colonies</h1><p>Owls hunt at night with silent wings and keen "
            "ears that hear mice under the snow.</p>Owlets leave the nest after some "
            "weeks and learn to fly near the old barn.",
            [
                "Owls hunt at night with silent wings and keen ears that hear mice under the snow.",
                "Owlets leave the nest after some weeks and learn to fly near the old barn.",
            ],
        ),
    ],
)
def test_a_pages_text_standing_in_its_body_is_read_as_paragraphs(
    body: str, paragraphs: list[str]
) -> None:
    html = f"<html><head><title>Herons nest in colonies</title></head><body>{body}</body></html>"

    article = parse_html(html, "loose.html")

    assert [p.text for p in article.paragraphs] == paragraphs


def test_a_short_pages_blocks_are_its_paragraphs_and_sections() -> None:
    # too short for the extractor's paragraphs, the page's text came from its last resort,
    # all of it one paragraph: "Owls hunt at night. Owlets leave ... Barn owls ..."
    html = (
        "<html><head><title>Owls of the valley</title></head><body><nav><a href='/'>Home</a>"
        "</nav><h1>Owls of the valley</h1>"
        "<p>Owls hunt at night.</p>Owlets leave the nest in <b>June</b>.<h2>Barn owls</h2>"
        "Barn owls nest in barns.<br>They eat voles.<br><br>Few are left.</body></html>"
    )

    article = parse_html(html, "owls.html")

    assert [(p.text, p.section) for p in article.paragraphs] == [
        ("Owls hunt at night.", None),
        ("Owlets leave the nest in June.", None),
        ("Barn owls nest in barns. They eat voles.", "Barn owls"),
        ("Few are left.", "Barn owls"),
    ]


FRONT_PAGE = (
    "<html><head><title>World news - Coastal Herald</title></head><body><nav><a href='/'>Home"
    "</a></nav><main><h1>World</h1><ul>"
    + "".join(
        f'<li><a href="/news/{n}">Story number {n}: the council votes on the harbour plan</a></li>'
        for n in range(20)
    )
    + "</ul></main></body></html>"
)
CONSENT_PAGE = (
    "<html><head><title>Before you continue</title></head><body><div><h1>Before you continue "
    "to the Herald</h1><p>We use cookies and data to deliver and maintain our services and to "
    "show personalised ads.</p><p>If you choose to Accept all, we and our 842 partners will "
    "also use cookies to develop new services.</p><p>Select More options to manage your "
    "privacy settings.</p><button>Reject all</button></div></body></html>"
)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (
            FRONT_PAGE,
            "a page of links (a front or section page), not an article: 98% of its text is "
            "the text of its links",
        ),
        (
            CONSENT_PAGE,
            "a cookie or consent notice, not the story (the page shows it before the story)",
        ),
        (
            "<html><head><title>Page not found - Daily Planet</title></head><body><article>"
            "<h1>Page not found</h1><p>Sorry, the page you are looking for does not exist or "
            "has been moved. Try searching or go back to the homepage.</p></article></body>"
            "</html>",
            "an error page (“Page not found”), not an article",
        ),
        (
            "<html><head><title>Subscribe to read | The Daily</title></head><body><article>"
            "<h1>Subscribe to read</h1><p>This article is for subscribers only. Sign in or "
            "subscribe to continue reading.</p><p>Get unlimited access for just 1 pound for 4 "
            "weeks. Cancel anytime.</p></article></body></html>",
            "a login or subscription wall, not the story",
        ),
        (
            "<html><head><title>Minister resigns | City Chronicle</title></head><body>"
            '<div id="root"></div><noscript>You need to enable JavaScript to run this app.'
            "</noscript></body></html>",
            "a page that shows its story only by running scripts, saved before it did (save "
            "it again once the story shows)",
        ),
        (
            "<html><head><title>Minister resigns | City Chronicle</title></head><body>"
            '<div id="root">Loading...</div></body></html>',
            "a page that shows its story only by running scripts, saved before it did (save "
            "it again once the story shows)",
        ),
        (
            # a small one had been an article whose text was its links' titles
            "<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1>"
            '<ul><li><a href="https://www.bbc.com/news/world-africa-1" time_added="1712052000" '
            'tags="">Niger troops story</a></li><li><a href="https://www.reuters.com/world/x" '
            'time_added="1712052000" tags="">Another story</a></li></ul><h1>Read Archive</h1>'
            "<ul></ul></body></html>",
            "a Pocket export: a list of the articles you saved, not an article; save the pages "
            "themselves to have them read",
        ),
        (
            "<!DOCTYPE NETSCAPE-Bookmark-file-1><TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p>"
            '<DT><A HREF="https://example.com/pier" ADD_DATE="1712052000">Pier reopens after '
            "storm repairs are finished</A></DL>",
            "a browser's bookmarks export: a list of the articles you saved, not an article; "
            "save the pages themselves to have them read",
        ),
    ],
    ids=[
        "front page",
        "consent notice",
        "error page",
        "login wall",
        "script shell",
        "loading",
        "pocket export",
        "bookmarks",
    ],
)
def test_a_saved_page_that_holds_no_story_is_skipped_with_what_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, html: str, reason: str
) -> None:
    # each loaded as an article: twenty headlines as one paragraph, the consent text, the
    # error message or the wall's prompt
    saved = write(tmp_path, "saved.html", html)
    write(tmp_path, "seed.txt", SEED)

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == [NIGER_HEADLINE]
    assert warnings_for(caplog, saved) == [f"skipped {saved}: {reason}"]


FURNITURE = [
    "READ MORE: Met Office issues amber warning as heat builds",
    "Sign up to First Edition, our free daily newsletter \u2013 every weekday morning at 7am",
    "Related: How to keep your home cool in a heatwave",
    "Follow us on Twitter, Facebook and Instagram for the latest updates.",
    "Do you have a story? Email news@bugle.example or WhatsApp us.",
    "This article was originally published on The Conversation. Read the original article.",
    "The post Heatwave alert appeared first on Daily Bugle.",
    "© 2024 Daily Bugle. All rights reserved.",
]
STORY = [
    "Hospitals across the south of England have been put on alert as temperatures soar.",
    "Copyright claims against the heat map's makers were dropped, the court said.",
    "Related stories were shared widely, officials said.",
    "Doctors advised people to stay out of the sun between 11am and 3pm.",
]


def test_a_pages_furniture_inside_the_story_is_no_paragraph(tmp_path: Path) -> None:
    # "READ MORE: ..." (another story's headline), sign-up and follow calls, a copyright
    # line: each had been a paragraph of the story, in pages, pasted copy and feeds
    lines = [STORY[0], *FURNITURE[:4], *STORY[1:3], *FURNITURE[4:], STORY[3]]
    page = parse_html(
        "<html><head><title>Heatwave alert</title></head><body><article><h1>Heatwave alert"
        "</h1>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</article>"
        "</body></html>",
        "p.html",
    )
    pasted = parse_seed_text("Heatwave alert\n\n" + "\n".join(lines) + "\n", "p.txt")
    feed = write(
        tmp_path,
        "f.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bugle</title><item>'
        "<title>Heatwave alert</title><link>https://bugle.example/heat</link>"
        "<description>"
        + html.escape("".join(f"<p>{html.escape(line)}</p>" for line in lines))
        + "</description></item></channel></rss>",
    )
    (item,) = load_file(feed)
    for article in (page, pasted, item):
        assert [p.text for p in article.paragraphs] == STORY


def test_a_pages_subtitle_under_its_headline_is_its_standfirst() -> None:
    # Substack's subtitle, the page's only other heading, was the section of every paragraph
    body = "".join(
        f"<p>{text}</p>"
        for text in [
            "Markets spent the first quarter betting that the Fed would cut rates by June.",
            "Services inflation has stopped falling, and the labour market remains tight.",
        ]
    )
    page = (
        "<html><head><title>Why the Fed will wait</title></head><body><article>"
        "<h1>Why the Fed will wait</h1><h3>Three reasons rate cuts are further away</h3>"
        f"{body}</article></body></html>"
    )
    article = parse_html(page, "s.html")
    assert article.standfirst == "Three reasons rate cuts are further away"
    assert {p.section for p in article.paragraphs} == {None}
    # a one-word label above the text stays its section
    labelled = parse_html(
        page.replace("Three reasons rate cuts are further away", "Markets"), "l.html"
    )
    assert (labelled.standfirst, labelled.paragraphs[0].section) == ("", "Markets")


def test_other_stories_cards_above_a_story_are_none_of_it() -> None:
    # a "Trending" box of <article> cards above the story: their text became its first
    # paragraphs, and their first headline the section of every paragraph
    cards = "".join(
        f'<article class="card"><h3><a href="/news/{n}">{title}</a></h3><p>{text}</p></article>'
        for n, title, text in [
            (1, "Man arrested after pub fight", "Police were called to the Red Lion at 11pm."),
            (2, "Supermarket to create 120 jobs", "The store will open in the autumn, it said."),
        ]
    )
    story = "".join(
        f"<p>{text}</p>"
        for text in [
            "An inquiry into the collapse of the Tyne Road bridge found three missed checks.",
            "The report said cracks in the bridge's supports had been recorded in 2019.",
            "The council's chief executive accepted all 14 of the inquiry's findings.",
        ]
    )
    page = (
        "<html><head><title>Bridge inquiry</title></head><body>"
        f'<div class="trending"><h2>Trending</h2>{cards}</div><main><article class="story">'
        f"<h1>Bridge inquiry blames missed checks</h1>{story}</article></main></body></html>"
    )
    article = parse_html(page, "b.html")
    assert [p.text for p in article.paragraphs] == re.findall(r"<p>(.*?)</p>", story)
    assert {p.section for p in article.paragraphs} == {None}


SPLIT_STORY = [
    "A water company has been fined a record £90m after admitting thousands of illegal sewage "
    "discharges into rivers and coastal waters over a seven-year period.",
    'The judge said the company had shown a "deplorable" disregard for the environment and '
    "had misled regulators about the scale of the spills.",
    "The company's chief executive apologised in a statement, saying it had invested £2bn in "
    "upgrades since the offences took place.",
    "Campaigners said the fine, though a record, was small compared with the company's annual "
    "profits of more than £600m.",
    "The regulator Ofwat said it would consider separate action over the company's dividend "
    "payments to its shareholders.",
]


@pytest.mark.parametrize(
    ("tag", "kind"),
    [("div", "article-body"), ("article", "story-part"), ("div", "entry-content")],
)
def test_a_story_split_around_adverts_loads_whole(tag: str, kind: str) -> None:
    # the body in blocks of one class with an advert or a promotion between them: the
    # extractor took the first block for the body, and the rest of the story was lost
    def part(texts: list[str], heading: str = "") -> str:
        return (
            f'<{tag} class="{kind}">{heading}'
            + "".join(f"<p>{text}</p>" for text in texts)
            + f"</{tag}>"
        )

    page = (
        "<html><head><title>Record fine for sewage spills</title></head><body><main>"
        f"<h1>Record fine for sewage spills</h1>{part(SPLIT_STORY[:2])}"
        '<div class="ad-slot"><div id="gpt-1">Advertisement</div></div>'
        f"{part(SPLIT_STORY[2:4], '<h2>Apology</h2>')}"
        '<aside class="promo"><a href="/subscribe">Subscribe for £1 a week</a></aside>'
        f"{part(SPLIT_STORY[4:])}</main></body></html>"
    )
    article = parse_html(page, "w.html")
    assert [p.text for p in article.paragraphs] == SPLIT_STORY
    assert [p.section for p in article.paragraphs] == [None, None, "Apology", "Apology", "Apology"]


def test_a_split_storys_parts_read_as_the_page_shows_them() -> None:
    # a line break ran words together ("Ofwatsaid") and a script's text was read, so the
    # part did not match the extractor's text: the paragraph came twice, once garbled
    def part(*texts: str) -> str:
        return '<div class="article-body">' + "".join(f"<p>{t}</p>" for t in texts) + "</div>"

    broken = SPLIT_STORY[4].replace("Ofwat said", "Ofwat<br>said<script>var a=1;</script>")
    page = (
        "<html><head><title>Record fine</title></head><body><main><h1>Record fine</h1>"
        f"{part(*SPLIT_STORY[:2])}<div class='ad-slot'>Advertisement</div>"
        f"{part(*SPLIT_STORY[2:4], broken)}</main></body></html>"
    )
    assert [p.text for p in parse_html(page, "w.html").paragraphs] == SPLIT_STORY


def test_a_layouts_blocks_are_no_parts_of_a_story() -> None:
    # comments, a newsletter box and a footer in blocks of the story's layout class ("row")
    # were added to it as its later parts
    def row(texts: list[str], extra: str = "", attrs: str = "") -> str:
        return f'<div class="row"{attrs}>{extra}' + "".join(f"<p>{t}</p>" for t in texts) + "</div>"

    page = (
        "<html><head><title>Record fine</title></head><body>"
        + row([], '<nav><a href="/">Home</a> <a href="/news">News</a></nav>')
        + row(SPLIT_STORY[:2], "<h1>Record fine</h1>")
        + '<div class="ad-slot">Advertisement</div>'
        + row(SPLIT_STORY[2:])
        + row(
            ["I disagree with this article, the company did nothing wrong."], "", ' id="comments"'
        )
        + row(
            ["The Daily Example is an independent newsroom owned by readers."], "", ' id="footer"'
        )
        + "</body></html>"
    )
    texts = [p.text for p in parse_html(page, "w.html").paragraphs]
    assert not any("disagree" in text or "newsroom" in text for text in texts)


def test_blocks_like_the_story_that_the_extractor_left_are_not_added() -> None:
    # readers' comments and teasers of another class, and a row of "More stories" cards
    # in blocks of one class, stay out: none of them is the story the extractor took
    comments = "".join(
        f'<div class="comment"><p>{text}</p></div>'
        for text in [
            "Disgraceful, they should lose their licence to operate in the region entirely.",
            "Another fine that will just be passed on to customers through higher bills.",
        ]
    )
    cards = "".join(
        f'<div class="card"><h3><a href="/n/{n}">Story {n}</a></h3><p>{text}</p></div>'
        for n, text in enumerate(
            ["Police were called to the Red Lion at 11pm on Friday.", "The store opens in May."]
        )
    )
    story = "".join(f"<p>{text}</p>" for text in SPLIT_STORY)
    page = (
        "<html><head><title>Record fine</title></head><body><main><h1>Record fine</h1>"
        f'<div class="story-body">{story}</div></main><section class="comments">{comments}'
        f"</section><aside>{cards}</aside></body></html>"
    )
    article = parse_html(page, "w.html")
    assert [p.text for p in article.paragraphs] == SPLIT_STORY


@pytest.mark.parametrize("reference", ["&#27;", "&#1;", "&#xfffe;", "&#x9f;", "&#55296;"])
def test_a_page_with_a_reference_to_a_control_character_loads(reference: str) -> None:
    # lxml gave up on the whole page: "no article text found"
    page = (
        "<html><head><title>Zebras escape</title></head><body><article><h1>Zebras escape</h1>"
        f"<p>Three zebras escaped from the city zoo{reference} on Tuesday morning, keepers "
        "said.</p><p>Police closed two roads for an hour &#8211; and &#x1F993; signs.</p>"
        "</article></body></html>"
    )
    article = parse_html(page, "z.html")
    assert [p.text for p in article.paragraphs] == [
        "Three zebras escaped from the city zoo on Tuesday morning, keepers said.",
        "Police closed two roads for an hour \u2013 and \U0001f993 signs.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Sightings of platypuses have tripled, the survey found.\\n\\nResearchers said the "
        "animals had returned.\\n\\nThe council will extend the clean-up.",
        "<p>Sightings of platypuses have tripled, the survey found.</p><p>Researchers said "
        "the animals had returned.</p><p>The council will extend the clean-up.</p>",
    ],
    ids=["blank lines", "html"],
)
def test_a_page_whose_story_is_only_in_its_json_ld_keeps_its_paragraphs_and_address(
    body: str,
) -> None:
    # a page drawn by its script: the extractor's last resort had read the articleBody as
    # one paragraph, and the page had no address
    described = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "url": '
        '"https://creek.example/"}, {"@type": "NewsArticle", "headline": "Platypus sightings '
        'rise", "datePublished": "2024-03-15", "mainEntityOfPage": {"@id": '
        f'"https://creek.example/platypus"}}, "articleBody": "{body}"}}]}}'
    )
    page = (
        "<html><head><title>Platypus sightings rise</title>"
        f'<script type="application/ld+json">{described}</script></head>'
        '<body><div id="root"></div></body></html>'
    )
    article = parse_html(page, "creek.html")
    assert [p.text for p in article.paragraphs] == [
        "Sightings of platypuses have tripled, the survey found.",
        "Researchers said the animals had returned.",
        "The council will extend the clean-up.",
    ]
    assert article.url == "https://creek.example/platypus"
    assert article.published == date(2024, 3, 15)


def test_a_json_ld_address_that_names_a_section_is_no_pages_address() -> None:
    # a template's "url": "/news" for every story: the second page was dropped as a copy
    page = (
        "<html><head><title>Library opens</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "url": "https://town.example/news", "articleBody": '
        '"A new library opened in the town centre after three years of building work.\\n\\n'
        'The council said it would open seven days a week from May."}</script></head><body>'
        '<div id="root"></div></body></html>'
    )
    article = parse_html(page, "library.html")
    assert (article.url, len(article.paragraphs)) == (None, 2)
    for section in ("/news/local", "/category/news/", "/en/"):
        shown = page.replace("https://town.example/news", "https://town.example" + section)
        assert parse_html(shown, "library.html").url is None, section
    for section in ("/latest", "/news/?utm_source=rss", "/news?page=2"):  # verify round 3
        shown = page.replace("https://town.example/news", "https://town.example" + section)
        assert parse_html(shown, "library.html").url is None, section
    for story in ("/?p=4512", "/news?id=1234", "/library-opens", "/?page_id=77", "/?article=a-b"):
        shown = page.replace("https://town.example/news", "https://town.example" + story)
        assert parse_html(shown, "library.html").url == "https://town.example" + story


def test_a_pages_own_text_is_kept_beside_a_json_ld_article_body() -> None:
    # the JSON-LD's text is used only when it is what the extractor found, run into one
    page = (
        "<html><head><title>Dam approved</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": '
        '"A teaser.\\n\\nAnother line."}</script></head><body><article><h1>Dam approved</h1>'
        "<p>The regional council approved the dam project on Tuesday after a long debate "
        "among its members about the cost.</p><p>Work starts in spring and will take three "
        "years, the council said in a statement.</p></article></body></html>"
    )
    article = parse_html(page, "dam.html")
    assert [p.text for p in article.paragraphs] == [
        "The regional council approved the dam project on Tuesday after a long debate among "
        "its members about the cost.",
        "Work starts in spring and will take three years, the council said in a statement.",
    ]


@pytest.mark.parametrize(
    "shown",
    ['<div class="spinner">Loading...</div>', "<p>Please enable JavaScript.</p>", "Loading...", ""],
    ids=["spinner", "prompt", "bare placeholder", "empty root"],
)
def test_a_page_saved_before_its_scripts_drew_the_story_is_its_description(shown: str) -> None:
    # its one paragraph had been "Loading..."; the page's description is a sentence of it.
    # With the placeholder bare in the root or no text at all, the page had no paragraph, and
    # was skipped as "no paragraphs" without a look at its description.
    page = (
        "<html><head><title>Minister resigns over expenses row</title>"
        '<meta property="og:description" content="The housing minister has resigned after '
        'claims he billed taxpayers for a second home.">'
        f'</head><body><div id="root">{shown}</div></body></html>'
    )
    article = parse_html(page, "shell.html")
    assert article.headline == "Minister resigns over expenses row"
    assert [p.text for p in article.paragraphs] == [
        "The housing minister has resigned after claims he billed taxpayers for a second home."
    ]
    # a story that mentions JavaScript keeps the sentence
    story = parse_html(
        "<html><head><title>Browser update</title></head><body><article><h1>Browser update"
        "</h1><p>The new browser release changes how pages load scripts for millions of "
        "users around the world, its makers said on Tuesday.</p>"
        "<p>Some sites require JavaScript to work.</p></article></body></html>",
        "b.html",
    )
    assert [p.text for p in story.paragraphs][-1] == "Some sites require JavaScript to work."


def test_a_story_with_links_in_it_or_about_cookies_is_an_article() -> None:
    more = "".join(
        f"<p>Paragraph {n} of the story goes on about the fine, the banners and what the "
        f"company must change on its sites within the next {n + 2} months, officials said.</p>"
        for n in range(12)
    )
    html = (
        "<html><head><title>EU fines firm</title></head><body><article><h1>EU fines firm</h1>"
        "<p>The <a href='/eu'>European Commission</a> fined the company over the cookie "
        "consent banners on its sites, which made it easier to accept all cookies than to "
        "reject all of them, <a href='/report'>the regulator's report</a> said.</p>"
        f"{more}<p>Related: <a href='/1'>Regulators look at cookie walls across Europe</a>"
        "</p></article></body></html>"
    )

    article = parse_html(html, "fine.html")
    walled = parse_html(
        html.replace(
            "</article>",
            "<p>Subscribe to continue reading. Already a subscriber? Log in.</p></article>",
        ).replace("EU fines firm", "Error 404 fine for EU firm"),
        "walled.html",
    )

    assert article.headline == "EU fines firm"
    # a story whose headline names an error, with a paywall's prompt after it: the prompt goes
    assert walled.paragraphs == article.paragraphs
    assert article.paragraphs[0].text.startswith("The European Commission fined the company")
    assert len(article.paragraphs) >= 13


def mhtml(html: bytes, *, charset: str = "", location: str = "", parts: str = "") -> bytes:
    """A page saved as one file, as Chrome writes it: MIME parts, the page's HTML quoted-
    printable, an image after it (`parts`: what stands in for the HTML part instead)."""
    import quopri

    snapshot = f"Snapshot-Content-Location: {location}\r\n" if location else ""
    typed = f"text/html; charset={charset}" if charset else "text/html"
    page = quopri.encodestring(html).decode("ascii").replace("\n", "\r\n")
    html_part = parts or (
        f"Content-Type: {typed}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {location or 'about:blank'}\r\n\r\n{page}\r\n"
    )
    return (
        f"From: <Saved by Blink>\r\n{snapshot}Subject: saved\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        '\tboundary="----MultipartBoundary--x----"\r\n\r\n\r\n'
        f"------MultipartBoundary--x----\r\n{html_part}"
        "------MultipartBoundary--x----\r\nContent-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\nContent-Location: https://example.org/a.png\r\n"
        "\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
        "AAAABJRU5ErkJggg==\r\n------MultipartBoundary--x------\r\n"
    ).encode("ascii")


def test_a_page_saved_as_one_mhtml_file_loads_with_the_address_it_was_saved_from(
    tmp_path: Path,
) -> None:
    page = HTML_PAGE.replace('<link rel="canonical"', '<link rel="x"').encode("utf-8")
    assert b"canonical" not in page  # the page names no address of its own
    assert b"og:url" not in page
    saved = write(
        tmp_path,
        "Harbour.mhtml",
        mhtml(page, location="https://www.coastal-herald.example/news/harbour-bridge"),
    )

    [article] = load_file(saved)
    [expected] = [parse_html(HTML_PAGE, str(saved))]

    assert article.headline == expected.headline == "Harbour bridge reopens after repairs"
    assert article.paragraphs == expected.paragraphs
    assert len(article.paragraphs) >= 2
    assert article.url == "https://www.coastal-herald.example/news/harbour-bridge"
    assert article.source == "Coastal Herald"  # the page's site name, as a saved page's
    assert article.published == expected.published == date(2024, 5, 2)


def test_an_mhtml_page_keeps_its_own_address_and_its_charset() -> None:
    html = (
        '<html><head><title>Mayor\x92s plan</title><link rel="canonical" '
        'href="https://news.example/mayor-plan"></head><body><article><h1>Mayor\x92s plan</h1>'
        "<p>The mayor\x92s housing plan was approved on Tuesday by a vote of nine to two, after "
        "a debate that lasted most of the night.</p></article></body></html>"
    ).encode("latin-1")

    article = loaders.parse_mhtml(
        mhtml(html, charset="windows-1252", location="https://mirror.example/copy"), "m.mht"
    )

    assert article.headline == "Mayor\u2019s plan"
    assert article.paragraphs[0].text.startswith("The mayor\u2019s housing plan was approved")
    assert article.url == "https://news.example/mayor-plan"  # not where it was saved from
    assert article.source == "news.example"


def test_an_mhtml_page_without_a_site_name_takes_its_source_from_the_address() -> None:
    html = (
        b"<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1><p>The "
        b"new dam on the river opened on Friday and will supply water to half a million "
        b"homes in the valley.</p></article></body></html>"
    )

    article = loaders.parse_mhtml(mhtml(html, location="https://www.valley.example/dam"), "d")

    assert (article.url, article.source) == ("https://www.valley.example/dam", "valley.example")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"just some text\n", "not an MHTML archive (no MIME parts); save the page again"),
        (
            mhtml(b"", parts="Content-Type: text/plain\r\n\r\nhello\r\n"),
            "an MHTML archive without an HTML page",
        ),
        (
            mhtml(b"", parts="Content-Type: text/html\r\n\r\n \r\n"),
            "an MHTML archive whose HTML page is empty",
        ),
        (b"", "empty file"),
    ],
)
def test_a_bad_mhtml_file_is_skipped_with_its_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes, reason: str
) -> None:
    bad = write(tmp_path, "bad.mhtml", content)
    write(tmp_path, "good.txt", SEED)

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == [NIGER_HEADLINE]
    assert warnings_for(caplog, bad) == [f"skipped {bad}: {reason}"]


def test_xhtml_and_shtml_pages_load_as_html(tmp_path: Path) -> None:
    write(tmp_path, "a.xhtml", '<?xml version="1.0" encoding="utf-8"?>\n' + HTML_PAGE)
    write(
        tmp_path,
        "b.SHTML",
        HTML_PAGE.replace("Harbour bridge", "Ferry pier").replace("-bridge", "-pier"),
    )

    headlines = sorted(a.headline for a in load_corpus([tmp_path]).articles)

    assert headlines == ["Ferry pier reopens after repairs", "Harbour bridge reopens after repairs"]


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.text", "story.markdown"])
@pytest.mark.parametrize(
    "page",
    [
        HTML_PAGE,
        "\ufeff\n  " + HTML_PAGE.replace("<!doctype html>\n", ""),  # <html> first, after a BOM
        HTML_PAGE.replace("<!doctype html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">'),
    ],
)
def test_a_web_page_saved_under_a_text_name_is_read_as_the_page(
    tmp_path: Path, name: str, page: str
) -> None:
    # `curl URL > story.txt`: read as text, its headline was "<!doctype html>" and its
    # paragraphs the markup ("<head>", "<meta charset=...>")
    path = write(tmp_path, name, page)
    assert load_file(path) == [parse_html(page, str(path))]


@pytest.mark.parametrize(
    "content",
    [
        record(id="a", url=None) + "\n" + record(id="b", url=None, headline="Dam opens") + "\n",
        json.dumps([record_obj(id="a", url=None), record_obj(id="b", headline="Dam opens")]),
        "{\n  " + record(id="a", url=None)[1:-1].replace(", ", ",\n  ") + "\n}\n",  # pretty
    ],
)
def test_json_records_saved_under_a_text_name_are_read_as_json(
    tmp_path: Path, content: str
) -> None:
    # read as text: a pretty object had the headline '"headline": "Dam project approved",',
    # two JSON lines were one article (the second story lost), a list was "no paragraphs"
    path = write(tmp_path, "export.txt", content)
    json_path = write(tmp_path / "json", "export.json", content)

    articles = load_file(path)

    assert [a.headline for a in articles] == [a.headline for a in load_file(json_path)]
    assert articles[0].headline == "Dam project approved"
    assert articles[0].paragraphs[0].text.startswith("The regional council approved")


@pytest.mark.parametrize(
    "first", ["[UPDATED] Dam project approved", "{Draft} Dam project approved", '["Dam"]']
)
def test_a_story_opening_with_a_bracket_is_text(tmp_path: Path, first: str) -> None:
    path = write(tmp_path, "dam.txt", f"{first}\n\nThe regional council approved the dam.\n")

    [article] = load_file(path)

    assert article.headline == first
    assert [p.text for p in article.paragraphs] == ["The regional council approved the dam."]


def test_a_web_page_saved_under_a_text_name_in_latin_1_is_read_as_the_page(
    tmp_path: Path,
) -> None:
    page = "<!DOCTYPE html>" + _LATIN1_PAGE.format(meta='<meta charset="iso-8859-1">')
    [article] = load_file(write(tmp_path, "cafe.txt", page.encode("latin-1")))
    assert article.headline == "Café owners protest in Zürich"


def test_pasted_copy_loses_picture_labels_bylines_and_credits(tmp_path: Path) -> None:
    # a BBC page's copy: its picture labels became the standfirst and the top answer; a
    # Reuters copy: "By Jane Doe" became the section heading of every paragraph
    bbc = (
        "Thousands march in Paris over pensions\n\n"
        "Image source, Getty Images\n"
        "Image caption, Protesters gathered at Place de la R\u00e9publique\n"
        "Thousands of people marched through Paris on Saturday.\n\n"
        "Media caption, Watch: Tear gas fired at protesters\n"
        "Police fired tear gas near Place de la Nation.\n"
    )
    reuters = (
        "Bank of England holds rates\n\nBy Jane Doe and John Smith, Reuters\n\n"
        "LONDON (Reuters) - The Bank of England kept rates at 5.25% on Thursday.\n\n"
        "By Monday, officials had agreed to wait.\n\n"
        "Reporting by Jane Doe; Editing by John Smith\n\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    [march] = load_file(write(tmp_path, "bbc.txt", bbc))
    [rates] = load_file(write(tmp_path, "reuters.txt", reuters))
    assert [p.text for p in march.paragraphs] == [
        "Thousands of people marched through Paris on Saturday.",
        "Police fired tear gas near Place de la Nation.",
    ]
    assert [(p.section, p.text) for p in rates.paragraphs] == [
        (None, "LONDON (Reuters) - The Bank of England kept rates at 5.25% on Thursday."),
        (None, "By Monday, officials had agreed to wait."),  # a sentence, not a byline
    ]


@pytest.mark.parametrize(
    ("text", "published", "source", "url"),
    [
        (  # a header of key: value lines; the headline read "Title: Drought ..."
            "Title: Drought rules lifted\nDate: 2024-05-07\nSource: El Pa\u00eds\n"
            "URL: https://elpais.example/drought\n\n",
            date(2024, 5, 7),
            "El Pa\u00eds",
            "https://elpais.example/drought",
        ),
        (  # a date alone above the headline: the headline was "17 March 2024"
            "Sunday, 17 March 2024\n\nDrought rules lifted\n\n",
            date(2024, 3, 17),
            None,
            None,
        ),
        ("March 17, 2024\nDrought rules lifted\n\n", date(2024, 3, 17), None, None),
        (  # a browser's reader view copies the site first, and the reading time
            "theguardian.com\nDrought rules lifted\n4\u20135 minutes\n\n",
            None,
            "theguardian.com",
            None,
        ),
    ],
)
def test_pasted_copy_keeps_what_it_says_above_the_headline(
    tmp_path: Path,
    text: str,
    published: date | None,
    source: str | None,
    url: str | None,
) -> None:
    body = "Reservoirs refilled to 40% after spring rains.\n\nPools may be filled again.\n"
    [article] = load_file(write(tmp_path, "pasted.txt", text + body))
    assert article.headline == "Drought rules lifted"
    assert (article.published, article.source, article.url) == (published, source, url)
    assert [p.text for p in article.paragraphs] == [
        "Reservoirs refilled to 40% after spring rains.",
        "Pools may be filled again.",
    ]


@pytest.mark.parametrize(
    ("top", "published", "source", "url"),
    [
        # Gmail's forward: the separator had been the headline, "From:" the standfirst
        (
            "---------- Forwarded message ---------\nFrom: Jane Doe <jane@example.com>\n"
            "Date: Thu, Sep 14, 2023 at 10:05 AM\nSubject: Fwd: Drought rules lifted\n"
            "To: <me@example.com>\n\n",
            date(2023, 9, 14),
            None,
            None,
        ),
        (
            "-----Original Message-----\nFrom: Jane Doe\n"
            "Sent: Thursday, September 14, 2023 10:05 AM\nTo: Desk\n"
            "Subject: Drought rules lifted\n\n",
            date(2023, 9, 14),
            None,
            None,
        ),
        ("Subject: Drought rules lifted\n\n", None, None, None),
        # the article's address first: it had been the headline, and no URL
        (
            "https://www.bbc.co.uk/news/uk-66800000\nDrought rules lifted\n\n",
            None,
            "bbc.co.uk",
            "https://www.bbc.co.uk/news/uk-66800000",
        ),
        # a Markdown note saved as .txt
        ("# Drought rules lifted\n\n**14 September 2023**\n\n", date(2023, 9, 14), None, None),
    ],
)
def test_pasted_mail_addresses_and_markdown_notes_start_at_their_headline(
    tmp_path: Path, top: str, published: date | None, source: str | None, url: str | None
) -> None:
    body = "Reservoirs refilled to 40% after spring rains.\n\nPools may be filled again.\n"
    [article] = load_file(write(tmp_path, "pasted.txt", top + body))
    assert (article.headline, article.standfirst) == ("Drought rules lifted", "")
    assert (article.published, article.source, article.url) == (published, source, url)
    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "Reservoirs refilled to 40% after spring rains."),
        (None, "Pools may be filled again."),
    ]


def test_a_headline_that_looks_like_a_header_line_or_a_date_stays_the_headline(
    tmp_path: Path,
) -> None:
    for headline in (
        "Brexit: what happens next",
        "Budget 2024",
        "www.example.com",
        "#MeToo founder speaks",
        "https://example.com/a",  # the only line before the text
    ):
        [article] = load_file(write(tmp_path, "a.txt", f"{headline}\n\nText of it.\n"))
        assert article.headline == headline  # the only line before the text


def test_a_page_saved_complete_is_read_without_its_files_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Chrome's "Webpage, Complete" saves the page's frames beside it: an ad and a widget were
    # indexed as articles ("Advertisement"); an Office lock file (~$) was skipped as UTF-16
    story = (
        "<html><head><title>Council tax to rise</title></head><body><article>"
        "<h1>Council tax to rise</h1><p>Council tax will rise by 5% from April, the council "
        "said on Monday.</p><p>Bills for a typical home go up by 90 pounds a year.</p>"
        "</article></body></html>"
    )
    ad = (
        "<html><head><title>Advertisement</title></head><body><article><h1>Advertisement</h1>"
        "<p>Compare car insurance quotes today and save hundreds of pounds a year.</p>"
        "</article></body></html>"
    )
    write(tmp_path, "Council tax to rise.html", story)
    write(tmp_path, "Council tax to rise_files/saved_resource.html", ad)
    write(tmp_path, "Tram strike-Dateien/frame.html", ad)  # a German browser's name
    write(tmp_path, "Tram strike.htm", story.replace("Council tax to rise", "Tram strike"))
    write(tmp_path, "~$notes.txt", b"\x05\x00J\x00a\x00n\x00")
    write(tmp_path, "ads/frame.html", ad)  # a folder of its own is read

    result = load_corpus([tmp_path])

    assert sorted(a.headline for a in result.articles) == [
        "Advertisement",
        "Council tax to rise",
        "Tram strike",
    ]
    assert result.skipped == ()
    folders = f"{tmp_path}/Council tax to rise_files, {tmp_path}/Tram strike-Dateien"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"ignored 2 folders ({folders}): the files of a web page saved beside each (its "
        "frames and ads), not articles; rename a folder of articles so that it is read"
    ]


def test_a_folder_of_articles_named_after_a_page_beside_it_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "bbc.html" beside "bbc-sport/", "news.html" beside "news_archive/": any "<page>_<word>"
    # folder was taken for the page's files folder and its articles dropped without a word
    page = (
        "<html><head><title>{0}</title></head><body><article><h1>{0}</h1><p>The council "
        "approved the plan on Monday after a long debate about its cost.</p></article>"
        "</body></html>"
    )
    write(tmp_path, "bbc.html", page.format("Council approves plan"))
    write(tmp_path, "news.html", page.format("Bridge plan approved"))
    write(tmp_path, "bbc-sport/s1.txt", "England win Lords test match\n\nCricket report.\n")
    write(tmp_path, "news_archive/a1.txt", "Mayor opens library\n\nThe mayor spoke.\n")
    # a browser's name, but a person's notes in it: read too
    write(tmp_path, "news_files/notes.md", "# Flood wall finished\n\nThe wall is done.\n")
    write(tmp_path, "news_files/logo.png", b"\x89PNG")

    result = load_corpus([tmp_path])

    assert sorted(a.headline for a in result.articles) == [
        "Bridge plan approved",
        "Council approves plan",
        "England win Lords test match",
        "Flood wall finished",
        "Mayor opens library",
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_markdown_by_its_other_names_is_read_and_archives_are_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # .mdown, .mkd and .text were passed over without a word, and so were archives
    write(tmp_path, "a.mdown", "# Pier reopens\n\nThe pier reopened on **Monday**.\n")
    write(tmp_path, "b.mkd", "# Ferry returns\n\nThe ferry sails again.\n")
    write(tmp_path, "c.text", "Tram fares frozen\n\nFares stay the same until May.\n")
    zipped = write(tmp_path, "articles.zip", b"PK\x03\x04")
    gzipped = write(tmp_path, "feed.json.gz", b"\x1f\x8b\x08")

    result = load_corpus([tmp_path])

    assert [(a.headline, a.paragraphs[0].text) for a in result.articles] == [
        ("Pier reopens", "The pier reopened on Monday."),
        ("Ferry returns", "The ferry sails again."),
        ("Tram fares frozen", "Fares stay the same until May."),
    ]
    assert one_line_logs(caplog) == [
        f"ignored 2 files ({zipped}, {gzipped}): ZIP and gzip archives are not read; unpack "
        "them into the folder"
    ]


def test_documents_in_a_folder_that_are_not_read_are_named_in_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "seed.txt", SEED)
    pdf = write(tmp_path, "b/report.PDF", b"%PDF-1.4")
    docx = write(tmp_path, "a/notes.docx", b"PK\x03\x04")
    for name in ("page_files/logo.png", "page_files/style.css", "data.bin", "x.js"):
        write(tmp_path, name, b"\x89PNG")

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == [NIGER_HEADLINE]
    assert result.skipped == ()
    assert one_line_logs(caplog)[:1] == [
        f"ignored 2 files ({docx}, {pdf}): Word and PDF documents are not read; save the "
        "articles as web pages (.html) or text (.txt)"
    ]
    caplog.clear()
    pdf.with_name("c.epub").write_bytes(b"PK")
    pdf.with_name("d.odt").write_bytes(b"PK")
    pdf.with_name("e.pdf").write_bytes(b"PK")
    docx.unlink()
    load_corpus([tmp_path])
    folder = pdf.parent
    assert one_line_logs(caplog)[:1] == [
        f"ignored 4 files ({folder}/c.epub, {folder}/d.odt, {folder}/e.pdf, ...): EPUB, "
        "OpenDocument and PDF documents are not read; save the articles as web pages (.html) "
        "or text (.txt)"
    ]


# --- JSON and JSONL ----------------------------------------------------------------------------


def test_jsonl_records_become_articles(tmp_path: Path) -> None:
    lines = [
        record(category="politics"),  # extra keys are ignored
        record(
            id=...,
            headline="  Flood  warning\tissued ",
            published="2024-02-03T18:45:00Z",
            url=None,
            source=None,
            standfirst="Rivers are rising.",
            paragraphs=["Rain  fell all night.\n", "", "   ", "Roads are closed."],
        ),
        record(id=..., headline="Bridge opens", url="https://x.example/b#top", published=None),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")

    dam, flood, bridge = load_file(path)

    assert dam == Article(
        id="wire-1",
        headline="Dam project approved",
        paragraphs=(Paragraph("The regional council approved the dam project on Tuesday."),),
        published=date(2024, 2, 1),
        source="River Times",
        url="https://rivertimes.example/dam",
    )
    assert flood.headline == "Flood warning issued"
    assert flood.published == date(2024, 2, 3)
    assert flood.standfirst == "Rivers are rising."
    assert [p.text for p in flood.paragraphs] == ["Rain fell all night.", "Roads are closed."]
    assert (flood.source, flood.url) == (None, None)
    assert flood.id == stable_id(path.name, "Flood warning issued")
    assert bridge.id == stable_id("https://x.example/b")
    assert bridge.published is None


def test_jsonl_bad_lines_are_skipped_with_a_warning_and_the_rest_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [
        record(id="a"),
        '{"id": "b", "headline": "Broken',
        record(id="c", headline=...),
        "",
        record(id="d", published="yesterday", url="https://x.example/d", headline="Undated"),
        record(id="e", paragraphs=[], url="https://x.example/e"),
        record(id="f", headline="Still fine", url="https://x.example/f"),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines))

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["a", "d", "f"]
    assert result.articles[1].published is None  # a bad date does not lose the article
    assert result.skipped == ()
    # the loaded lines' problems as they come, then the skipped lines (once it is known that
    # the file loads: a file where nothing loads gets one line)
    messages = warnings_for(caplog, path)
    assert len(messages) == 4
    assert messages[0] == (
        f"{path}: line 5: 'published' must be a date like 2024-03-17, got 'yesterday'; "
        "loaded without a date"
    )
    assert f"{path}: skipped line 2: malformed JSON" in messages[1]
    assert messages[2] == (
        f"{path}: skipped line 3: no headline (expected 'headline' or 'title'; its keys: 'id', "
        "'published', 'source', 'url', 'paragraphs')"
    )
    assert messages[3] == f"{path}: skipped line 6: no paragraphs"


def test_jsonl_with_many_bad_dates_loads_them_all_and_warns_a_few_times(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [
        record(id=f"n{i}", headline=f"Story {i}", url=f"https://x.example/{i}", published=i)
        for i in range(25)
    ]
    path = write(tmp_path, "epoch.jsonl", "\n".join(lines))

    result = load_corpus([path])

    assert len(result.articles) == 25
    assert all(a.published is None for a in result.articles)
    messages = warnings_for(caplog, path)
    assert len(messages) == 11
    assert messages[0] == (
        f"{path}: line 1: 'published' must be a date like 2024-03-17, got a number; "
        "loaded without a date"
    )
    assert messages[-1] == f"{path}: 15 more lines loaded with a problem (as above)"


def test_jsonl_where_nothing_loads_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "bad.jsonl", "not json\n" + record(headline=...) + "\n")

    result = load_corpus([path])

    assert result.articles == ()
    assert result.skipped == (
        Skipped(
            str(path),
            "no article loaded (line 1: malformed JSON (Expecting value at column 1), "
            "2 bad lines in all)",
        ),
    )
    # one line for the file, not one a line and then one for the file
    assert warnings_for(caplog, path) == [
        f"skipped {path}: no article loaded (line 1: malformed JSON (Expecting value at column "
        "1), 2 bad lines in all)"
    ]


def test_json_file_holds_one_record_or_a_list(tmp_path: Path) -> None:
    one = write(tmp_path, "one.json", record(id="one"))
    many = write(
        tmp_path,
        "many.json",
        "[" + record(id="m1", url=None) + ", 42, " + record(id="m2", url=None, headline="B") + "]",
    )

    assert [a.id for a in load_file(one)] == ["one"]
    assert [a.id for a in load_file(many)] == ["m1", "m2"]


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ([], "expected a JSON object, got a list"),
        ({"paragraphs": ["Text."]}, "no headline"),
        ({"headline": "  ", "paragraphs": ["Text."]}, "empty headline"),
        ({"headline": 7, "paragraphs": ["Text."]}, "'headline' must be a string, got a number"),
        ({"headline": "H"}, "no text (expected 'paragraphs', 'text' or 'content'; its keys"),
        # said "expected 'paragraphs'", its keys listing 'paragraphs'
        ({"headline": "H", "paragraphs": None}, "'paragraphs' is null (expected a list of"),
        ({"headline": "H", "content": None}, "'content' is null (expected a list of strings"),
        ({"headline": "H", "paragraphs": 5}, "'paragraphs' must be a list"),
        ({"headline": "H", "paragraphs": ["", " "]}, "no paragraphs"),
        (
            {"headline": "H", "paragraphs": ["A.", 3]},
            "'paragraphs' must hold strings, got a number",
        ),
        ({"headline": "H", "paragraphs": ["A."], "url": 5}, "'url' must be a string"),
        ({"headline": "H", "paragraphs": ["A."], "published": "2024-13-01"}, "'published'"),
    ],
)
def test_bad_json_records(obj: object, reason: str) -> None:
    with pytest.raises(CorpusError) as raised:
        parse_json_record(obj, "x.jsonl")
    assert str(raised.value).startswith(reason)


def test_paragraphs_without_text_say_what_they_hold(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # read with notes, each stray item was left out and the record skipped as "no
    # paragraphs": the user never learned the items were numbers
    lines = [
        record(id="n", paragraphs=[1, 2, 3]),
        record(id="m", paragraphs=[7, [8], {"a": 9}, ""]),
        record(id="ok", url="https://x.example/ok"),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines))

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["ok"]
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 1: 'paragraphs' holds no text: 3 numbers",
        f"{path}: skipped line 2: 'paragraphs' holds no text: a number, a list and an object",
    ]


def test_a_number_too_long_to_read_is_named_in_a_users_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Python's "Exceeds the limit (4300 digits) ...; use sys.set_int_max_str_digits()" was
    # the reason given; in JSONL only that line is skipped
    big = '{"headline": "Big", "published": 1' + "0" * 5000 + ', "paragraphs": ["x"]}'
    one = write(tmp_path, "one.json", big)
    lines = write(tmp_path, "news.jsonl", record() + "\n" + big + "\n")

    result = load_corpus([tmp_path])

    assert [a.id for a in result.articles] == ["wire-1"]
    assert result.skipped == (
        Skipped(str(one), "a number of 5,001 digits (at most 4,300 are read)"),
    )
    assert warnings_for(caplog, lines) == [
        f"{lines}: skipped line 2: a number of 5,001 digits (at most 4,300 are read)"
    ]


def test_a_number_too_long_to_read_in_a_json_list_costs_its_record_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a list on one line (or records that do not open their lines) had lost every record
    # after the long number, "the list ends without its closing ']' (cut short ...)"
    def story(name: str) -> str:
        return record(id=name, url=f"https://x.example/{name}", paragraphs=[f"Story {name}."])

    big = '{"headline": "Big", "published": 1' + "0" * 5000 + ', "paragraphs": ["x"]}'
    one = [story("a"), big, story("b"), story("c")]
    line = write(tmp_path, "line.json", "[" + ", ".join(one) + "]")
    nested = '{"headline": "Big", "meta": {"n": [1' + "0" * 5000 + "]}, " + '"text": "x"}'
    two = write(tmp_path, "nested.json", "[" + ", ".join([story("d"), nested, story("e")]))
    lines = write(tmp_path, "lines.jsonl", "[\n" + ",\n".join([story("f"), big]) + ",\n")

    result = load_corpus([tmp_path])

    assert [a.id for a in result.articles] == ["a", "b", "c", "f", "d", "e"]
    long = "a number of 5,001 digits (at most 4,300 are read)"
    assert warnings_for(caplog, line) == [f"{line}: skipped record 2 (line 1): {long}"]
    said = warnings_for(caplog, two)
    assert said[1:] == [f"{two}: skipped record 2 (line 1): {long}"]
    assert "the list ends without its closing" in said[0]  # it is cut short too
    assert "2 whole records read" in said[0]
    assert warnings_for(caplog, lines) == [
        f'{lines}: the list ends without its closing "]" (cut short, as by a crash or a '
        "stopped export); the 1 whole record read",
        f"{lines}: skipped record 2 (line 3): {long}",
    ]


def test_a_number_too_long_to_read_in_toml_front_matter_is_named_and_the_file_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # tomllib's ValueError had skipped the file, "could not be read (...); please report it"
    big = "1" + "0" * 5000
    text = f'+++\ntitle = "Kite festival"\npublished = {big}\n+++\n\nKites flew all day.\n'
    path = write(tmp_path, "kites.md", text)

    result = load_corpus([path])

    assert [(a.headline, a.published) for a in result.articles] == [("Kite festival", None)]
    said = warnings_for(caplog, path)
    assert said[0] == (
        f"{path}: front matter is not TOML (a number of 5,001 digits (at most 4,300 are "
        "read)); read a line at a time, a value TOML refuses as written"
    )
    assert said[1].endswith("0…'; loaded without a date")  # the value quoted, cut short
    assert len(said[1]) < len(str(path)) + 200


def test_a_date_that_is_nan_or_infinity_loads_its_record_without_a_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Python's json writes NaN and Infinity (pandas' missing dates, json.dumps): in JSONL
    # Infinity had lost the whole file ("could not be read (OverflowError ...)") and NaN its
    # line as "malformed JSON"; in a list each record was "could not be read (ValueError)".
    # 1e400 reads as Infinity, and an int of 400 digits overflowed float().
    values = ["Infinity", "-Infinity", "NaN", "1e400", "1" + "0" * 400]
    lines = [
        f'{{"headline": "Story {n}", "published": {v}, "paragraphs": ["Text {n}."]}}'
        for n, v in enumerate(values, start=1)
    ]
    lines.append('{"headline": "Story 6", "updated": Infinity, "paragraphs": ["Text 6."]}')
    lines.append('{"headline": "Story 7", "date": {"$date": NaN}, "paragraphs": ["Text 7."]}')
    lines.append(record(id="ok", published="2024-03-01"))
    jsonl = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    listed = write(tmp_path, "list.json", "[\n" + ",\n".join(lines) + "\n]\n")

    result = load_corpus([tmp_path])

    assert not result.skipped
    assert len(result.articles) == 8  # each file's records, the same text twice
    assert [a.published for a in result.articles].count(None) == 7
    shown = [
        ("published", "Infinity"),
        ("published", "-Infinity"),
        ("published", "NaN"),
        ("published", "Infinity"),
        ("published", "a number"),
        ("updated", "Infinity"),
        ("date", "NaN"),
    ]
    for path, unit in ((jsonl, "line"), (listed, "record")):
        assert warnings_for(caplog, path) == [
            f"{path}: {unit} {n}: {key!r} must be a date like 2024-03-17, got {v}; "
            "loaded without a date"
            for n, (key, v) in enumerate(shown, start=1)
        ]


def test_a_jsonl_lines_unexpected_error_costs_that_line_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a reader's slip after the JSON was read had been "malformed JSON (...)" (a ValueError)
    # or lost the whole file (any other error), where a .json list loses the record alone
    real = loaders.parse_json_record

    def slipping(obj: Any, *args: Any, **kwargs: Any) -> Article:
        if obj.get("headline") == "boom":
            raise ValueError("a slip")
        if obj.get("headline") == "bang":
            raise OverflowError("another")
        return real(obj, *args, **kwargs)

    monkeypatch.setattr(loaders, "parse_json_record", slipping)
    lines = [record(headline="boom"), record(headline="bang"), record(id="ok")]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["ok"]
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 1: could not be read (ValueError)",
        f"{path}: skipped line 2: could not be read (OverflowError)",
    ]


def test_a_number_date_out_of_any_range_is_no_crash() -> None:
    for value in (float("inf"), float("nan"), -float("inf"), 10**400, 1e300, -(10**30)):
        with pytest.raises(CorpusError, match="must be a date like"):
            loaders._parse_date(value, "published")
    notes: list[str] = []
    article = parse_json_record(record_obj(published=float("nan")), "x.json", notes)
    assert article.published is None
    assert notes == ["'published' must be a date like 2024-03-17, got NaN; loaded without a date"]


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path: Path) -> None:
    # "\ud800" with no pair decodes to a str that UTF-8 cannot hold: hashing or saving it
    # used to stop the whole load with a traceback
    path = tmp_path / "escapes.jsonl"
    records = [
        '{"headline": "Bad \\ud800 escape", "paragraphs": ["Lone \\udfff in Niger."],'
        ' "source": "S\\ud800", "url": "https://x.example/\\udc00"}',
        '{"headline": "Fine", "paragraphs": ["A pair \\ud83d\\ude00 is one character."]}',
    ]
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = load_corpus([path])
    assert not result.skipped
    bad, fine = result.articles
    assert (bad.headline, bad.paragraphs[0].text) == ("Bad \ufffd escape", "Lone \ufffd in Niger.")
    assert (bad.source, bad.url) == ("S\ufffd", "https://x.example/\ufffd")
    assert fine.paragraphs[0].text == "A pair \U0001f600 is one character."
    library = Library()
    library.add(result.articles)
    library.save(tmp_path / "saved")  # UTF-8 all the way down


def test_a_jsonl_line_nested_too_deeply_is_skipped_and_the_rest_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n" + record() + "\n")
    result = load_corpus([path])
    assert len(result.articles) == 1
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 1: malformed JSON (nested too deeply)"
    ]


def test_a_file_name_that_is_not_utf8_loads(tmp_path: Path) -> None:
    # the name arrives with a surrogate escape for the 0xff byte, which could not be hashed
    # into an article id or saved: the origin shows it as U+FFFD
    name = os.fsdecode(b"caf\xff.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = load_corpus([tmp_path])
    assert [a.headline for a in result.articles] == ["Good headline"]
    assert result.articles[0].origin.endswith("caf\ufffd.txt")
    library = Library()
    library.add(result.articles)
    library.save(tmp_path / "saved")


def test_numeric_json_id_is_kept_as_text() -> None:
    article = parse_json_record({"id": 17, "headline": "H", "paragraphs": ["A."]}, "x.json")

    assert article.id == "17"


def story(key: str, headline: str) -> str:
    """One JSONL line: a record of its own id, headline and text (no URL to share)."""
    return record(id=key, headline=headline, url=..., paragraphs=[f"The text of {key}."])


@pytest.mark.parametrize("name", ["news.jsonl", "news.json"])
def test_a_raw_control_character_in_a_json_string_is_read_as_a_space(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    # as scrapers write them: the record was dropped as "Invalid control character"
    lines = [
        story("a", "Melons\tare juicy").replace("\\t", "\t"),
        story("b", "Cherries are red\x07").replace("\\u0007", "\x07"),
    ]
    text = "\n".join(lines) if name.endswith("l") else f"[{','.join(lines)}]"
    assert "\t" in text  # raw, not escaped
    assert "\x07" in text
    path = write(tmp_path, name, text)

    result = load_corpus([path])

    assert [a.headline for a in result.articles] == ["Melons are juicy", "Cherries are red"]
    assert warnings_for(caplog, path) == []


def test_a_dos_end_of_file_mark_after_the_last_line_is_no_bad_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Ctrl-Z, as old tools end a file: "skipped line 2: malformed JSON (Expecting value ...)"
    path = write(
        tmp_path, "news.jsonl", story("a", "Pears ripen") + "\n" + story("b", "Figs") + "\n\x1a"
    )

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["a", "b"]
    assert warnings_for(caplog, path) == []


def test_a_comma_after_the_last_record_is_named_and_the_records_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # one comma after the last of 50 records lost all 50 to "Expecting value: line 352"
    records = [json.loads(story(f"r{n}", f"Record {n}")) for n in range(3)]
    text = json.dumps(records, indent=2)[:-2] + ",\n]"
    path = write(tmp_path, "news.json", text)
    lines = write(tmp_path, "more.jsonl", story("x", "Ex")[:-1] + ",}\n" + story("y", "Why") + "\n")

    result = load_corpus([path, lines])

    assert [a.id for a in result.articles] == ["x", "y", "r0", "r1", "r2"]  # files in order
    comma = "a comma after the last item of a list or object (JSON allows none)"
    assert warnings_for(caplog, path) == [
        f"{path}: {comma} on line {text.count(chr(10))}; read without it (delete it to silence "
        "this)"
    ]
    assert warnings_for(caplog, lines) == [f"{lines}: line 1: {comma}; read without it"]


@pytest.mark.parametrize("name", ["items.json", "items.jsonl"])
def test_a_json_list_cut_short_by_a_crash_gives_its_whole_records(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    # Scrapy's `-o items.json` writes its "]" only at a clean end: a crawl stopped by a
    # crash had lost every record to "malformed JSON"
    lines = [story(f"r{n}", f"Record {n}") for n in range(3)]
    text = "[\n" + ",\n".join(lines) + ',\n{"id": "r3", "headline": "Rec'
    path = write(tmp_path, name, text)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["r0", "r1", "r2"]
    assert not result.skipped
    assert warnings_for(caplog, path) == [
        f'{path}: the list ends without its closing "]" (cut short, as by a crash or a stopped '
        "export); the 3 whole records read"
    ]


def test_a_broken_record_inside_a_json_list_costs_that_record_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [story("a", "Alpha"), story("b", "Beta")[:-1] + " oops}", story("c", "Gamma")]
    path = write(tmp_path, "news.json", "[\n" + ",\n".join(lines) + "\n]\n")

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["a", "c"]
    (warning,) = warnings_for(caplog, path)
    assert warning.startswith(f"{path}: skipped record 2 (line 3): malformed JSON")


def test_lists_of_records_a_line_or_one_after_another_all_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `jq -c '.articles' day*.json > all.jsonl`, and `cat a.json b.json` of two exports: the
    # salvage of a list cut short had read the first list alone, without a word
    lines = [json.dumps([json.loads(story(key, f"Story {key}"))]) for key in "abcd"]
    per_line = write(tmp_path, "all.jsonl", "\n".join(lines) + "\n")
    halves = [[json.loads(story(key, f"Story {key}")) for key in pair] for pair in ("ef", "gh")]
    joined = write(tmp_path, "joined.json", "\n".join(json.dumps(h, indent=2) for h in halves))

    result = load_corpus([per_line, joined])

    assert [a.id for a in result.articles] == list("abcdefgh")
    assert warnings_for(caplog, per_line) == warnings_for(caplog, joined) == []


@pytest.mark.parametrize(
    ("name", "tail"),
    [
        ("then-empty.json", "\n[]\n"),  # a day that found nothing
        ("then-text.json", "\n;\n"),  # a stray mark after the list
        ("then-record.json", '\n{"headline": "Extra", "text": "Extra text."}\n'),
    ],
)
def test_a_list_followed_by_more_keeps_its_records(tmp_path: Path, name: str, tail: str) -> None:
    # verify round 2: a whole file had been lost to "Extra data"
    records = [json.loads(story(key, f"Story {key}")) for key in "ab"]
    path = write(tmp_path, name, json.dumps(records, indent=2) + tail)
    headlines = [a.headline for a in load_corpus([path]).articles]
    assert headlines[:2] == ["Story a", "Story b"]


@pytest.mark.parametrize(
    ("name", "tail"),
    [
        ("then-comment.json", "\n\n<!-- saved by tool -->\n"),
        ("then-word.json", "\nEOF\n"),
        ("then-bracket.json", "]\n"),
    ],
)
def test_one_record_followed_by_text_keeps_it_and_names_the_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, tail: str
) -> None:
    # probe, 29th session: a list kept its records with such a tail, a lone record had
    # lost the whole file to "Extra data"
    path = write(tmp_path, name, story("a", "Story a") + tail)
    assert [a.headline for a in load_corpus([path]).articles] == ["Story a"]
    warned = warnings_for(caplog, path)
    assert len(warned) == 1, warned
    assert "passed over" in warned[0]


@pytest.mark.parametrize("broken", [0, 1])
def test_a_broken_record_of_a_list_written_bracket_first_costs_itself_alone(
    tmp_path: Path, broken: int
) -> None:
    # "[{...},\n{...}]": the first record at column 1, the others at 0; a broken one had
    # lost the whole file, or all after it
    lines = [story(key, f"Story {key}") for key in "abcd"]
    lines[broken] = lines[broken].replace('"Story', '"St\\ory')
    path = write(tmp_path, "news.json", "[" + ",\n".join(lines) + "]\n")
    kept = [a.id for a in load_corpus([path]).articles]
    assert kept == [key for n, key in enumerate("abcd") if n != broken]


def test_json_feeds_one_after_another_give_their_items(tmp_path: Path) -> None:
    # a feed's own "title" made it a record without text (verify round 2)
    def feed(n: int) -> str:
        items = [{"id": f"{n}", "title": f"Item {n}", "content_text": f"The text of {n}."}]
        version = "https://jsonfeed.org/version/1.1"
        # a description of the feed's own had made it one record (verify round 4)
        return json.dumps({"version": version, "title": "F", "description": "D", "items": items})

    path = write(tmp_path, "feeds.jsonl", feed(1) + "\n" + feed(2) + "\n")
    assert [a.headline for a in load_corpus([path]).articles] == ["Item 1", "Item 2"]


def test_one_record_with_a_list_of_its_own_is_that_record(tmp_path: Path) -> None:
    # an election story's "results" had been read as records, and the file skipped
    record = {"title": "Labour wins", "text": "Labour won 412 seats.", "results": [{"seats": 412}]}
    path = write(tmp_path, "vote.json", json.dumps(record))
    assert [a.headline for a in load_corpus([path]).articles] == ["Labour wins"]


def test_a_record_holding_a_list_of_its_own_is_no_news_api_answer(tmp_path: Path) -> None:
    # "items" of a roundup, "results" of an election story: read as an API's records, the
    # record was lost (and one with an empty list dropped without a word)
    described = {
        "headline": "Poll",
        "description": "The results by party.",
        "results": [{"seats": 1}],
    }
    records = [
        described,  # its text a description (verify round 3)
        {**json.loads(story("fryers", "The 10 best air fryers")), "items": []},
        {**json.loads(story("kettles", "Best kettles")), "items": [{"name": "K1", "price": 20}]},
        {**json.loads(story("vote", "Labour wins")), "results": [{"party": "Lab", "seats": 412}]},
    ]
    for name, text in (
        ("records.jsonl", "\n".join(map(json.dumps, records))),
        ("records.json", json.dumps(records)),
    ):
        result = load_corpus([write(tmp_path, name, text)])
        assert result.articles[0].headline == "Poll", name
        assert [a.id for a in result.articles][1:] == ["fryers", "kettles", "vote"], name


def test_a_broken_record_in_a_pretty_printed_list_costs_that_record_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # reading went on at the next line opening an object: a nested author's, whose list's
    # "]" was taken for the end of the file's list; the records after it were lost
    records = [
        {**json.loads(story(f"r{n}", f"Record {n}")), "authors": [{"name": "A", "role": "x"}]}
        for n in range(5)
    ]
    text = json.dumps(records, indent=2)
    broken = text.replace('"Record 1"', '"Record \\p 1"')
    path = write(tmp_path, "news.json", broken)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["r0", "r2", "r3", "r4"]
    (warning,) = warnings_for(caplog, path)
    assert "skipped record 2 (line" in warning
    cut = write(tmp_path, "cut.json", text[: text.index('"Record 3"')])
    assert [a.id for a in load_corpus([cut]).articles] == ["r0", "r1", "r2"]
    assert warnings_for(caplog, cut) == [
        f'{cut}: the list ends without its closing "]" (cut short, as by a crash or a stopped '
        "export); the 3 whole records read"
    ]


def test_a_json_list_that_is_no_records_is_still_named_as_malformed(tmp_path: Path) -> None:
    path = write(tmp_path, "numbers.json", "[1, 2,")
    result = load_corpus([path])
    assert [(skip.path, skip.reason) for skip in result.skipped] == [
        (str(path), "malformed JSON (Expecting value at column 7)")
    ]


def test_a_comma_after_a_jsonl_record_is_read_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a JSON list's lines without its brackets: "Extra data" had lost each such line's record
    text = "".join(story(key, f"Story {key}") + ",\n" for key in "abc")
    path = write(tmp_path, "news.jsonl", text)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["a", "b", "c"]
    assert warnings_for(caplog, path) == [
        f"{path}: a comma after the record on lines 1, 2, 3 (JSON Lines has none); read without it"
    ]


@pytest.mark.parametrize("name", ["days.json", "days.jsonl"])
@pytest.mark.parametrize("joined", ["\n", ""])
def test_news_api_answers_one_after_another_give_every_answers_records(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, joined: str
) -> None:
    # `cat day1.json day2.json > days.json`: each answer had been read as one record
    # without a headline, and the file skipped
    def answer(*keys: str) -> str:
        articles = [
            {
                "title": f"Story {key}",
                "content": f"The text of {key}.",
                "url": f"https://x.example/{key}",
            }
            for key in keys
        ]
        return json.dumps({"status": "ok", "totalResults": len(keys), "articles": articles})

    text = answer("a", "b") + "\n" + joined + answer() + "\n" + answer("c") + "\n"
    listed = write(
        tmp_path,
        "list-" + name,
        json.dumps([json.loads(answer("d")), {"status": "ok", "articles": []}]),
    )
    path = write(tmp_path, name, text)

    result = load_corpus([path, listed])

    assert [a.headline for a in result.articles] == ["Story a", "Story b", "Story c", "Story d"]
    assert not result.skipped
    assert warnings_for(caplog, path) == []


# --- bad files, duplicates, finding files ------------------------------------------------------

GOOD = "Good headline\nA standfirst.\n\nA paragraph that loads."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (NUL byte at offset 8)",  # was "not UTF-8 text ... convert it"
        ),
        ("latin1.md", "# Caf\xe9 news\n\nText.".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
        ("empty.txt", b"", "empty file"),
        ("bom-only.md", b"\xef\xbb\xbf", "empty file"),
        ("binary.txt", b"Headline\n\nText\x00\x01\x00\x02", "binary file (NUL byte at offset 14)"),
        ("broken.json", b'{"headline": "H", "paragraphs": [', "malformed JSON"),
        ("blank.json", b"  \n\r\n\t", "empty file"),  # was "malformed JSON (Expecting value..."
        ("blank.txt", b"\n\n   \n\t\n", "no headline"),
        ("record.json", b'{"id": "x", "paragraphs": ["Text."]}', "no headline"),
        ("headline-only.txt", b"Just a headline\n", "no paragraphs"),
        ("share-only.txt", b"Headline\n\nShare news\n", "no paragraphs"),
        ("headline-only.md", b"# Just a headline\n", "no paragraphs"),
        ("list.json", b'"a string"', "expected a JSON object or a list of objects"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "malformed JSON (nested too deeply)"),
    ],
)
def test_bad_file_is_skipped_with_one_warning_and_the_load_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path, name, content)
    write(tmp_path, "good.txt", GOOD)

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == ["Good headline"]
    assert len(result.skipped) == 1
    assert result.skipped[0].path == str(bad)
    assert result.skipped[0].reason.startswith(reason)
    messages = warnings_for(caplog, bad)
    assert messages == [f"skipped {bad}: {result.skipped[0].reason}"]
    assert str(bad) in result.files


def test_too_large_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, "big.txt", "Big file\n\n" + "word " * 300_000)

    result = load_corpus([path])

    assert result.articles == ()
    # with what to do: the message named the limit only
    assert result.skipped == (
        Skipped(
            str(path),
            "file too large (1.4 MB; the limit is 1 MB); split it into articles, or save them "
            "as JSON Lines (.jsonl), which may be up to 1 GB",
        ),
    )


def test_load_file_error_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")

    with pytest.raises(CorpusError, match=r"empty\.txt: empty file"):
        load_file(path)


def test_duplicates_are_kept_once_first_in_file_order(tmp_path: Path) -> None:
    write(tmp_path, "a/first.txt", GOOD)
    write(tmp_path, "b/same-text.md", "# GOOD  headline\n\nA   paragraph that LOADS.\n")
    write(
        tmp_path,
        "c/feed.jsonl",
        "\n".join(
            [
                record(id="dam-1", url="https://rivertimes.example/dam/"),
                record(
                    id="dam-2",
                    url="https://RIVERTIMES.example/dam?utm_source=feed#top",
                    headline="Dam project approved, updated",
                ),
                record(id="other", url="https://rivertimes.example/other", headline="Other"),
                record(id="dam-3", url="http://rivertimes.example/dam", headline="Dam, archived"),
                record(id="ftp", url="ftp://rivertimes.example/dam", headline="Dam files"),
                # the default port written out
                record(id="dam-4", url="https://rivertimes.example:443/dam", headline="Dam: 443"),
                record(id="port", url="https://rivertimes.example:8443/dam", headline="Dam: 8443"),
                # a site's other hosts, its feeds' tracking, AMP copies (Google's cache too)
                *(
                    record(id=f"dam-{n}", url=url, headline=f"Dam copy {n}")
                    for n, url in enumerate(
                        [
                            "https://www.rivertimes.example/dam",
                            "https://m.rivertimes.example/dam",
                            "https://rivertimes.example/dam?at_medium=RSS&at_campaign=K",
                            "https://rivertimes.example/dam?CMP=share_btn_tw&ito=x",
                            "https://rivertimes.example/amp/dam",
                            "https://rivertimes.example/dam.amp",
                            "https://rivertimes.example/dam?amp=1",
                            "https://rivertimes-example.cdn.ampproject.org/c/s/rivertimes.example"
                            "/dam/amp",
                        ],
                        start=5,
                    )
                ),
                record(id="page", url="https://rivertimes.example/dam?page=2", headline="Dam 2"),
            ]
        ),
    )

    result = load_corpus([tmp_path])

    assert [a.id for a in result.articles] == [
        stable_id("first.txt", "Good headline"),
        "dam-1",
        "other",
        "ftp",
        "port",
        "page",
    ]
    assert result.duplicates == 12
    assert result.skipped == ()


def test_one_story_typeset_two_ways_is_kept_once(tmp_path: Path) -> None:
    # curly quotes, apostrophes and dashes against straight ones (one tool's copy and
    # another's) made two stories of one
    write(
        tmp_path,
        "a/straight.txt",
        "Mayor's \"last\" budget - approved\n\nThe council's vote - 7 to 2 - came late...\n",
    )
    write(
        tmp_path,
        "b/curly.md",
        "# Mayor\u2019s \u201clast\u201d budget \u2013 approved\n\n"
        "The council\u2019s vote\u20147 to 2\u2014came late\u2026\n",
    )

    result = load_corpus([tmp_path])

    assert [a.origin for a in result.articles] == [str(tmp_path / "a/straight.txt")]
    assert result.duplicates == 1


def test_a_skipped_file_gets_one_warning_line_and_a_loaded_one_keeps_its_notes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # the notes of a file's reading ("front matter ... is never closed", "'published' ...;
    # loaded without a date") had been said before the file was skipped, three lines for one
    unclosed = write(tmp_path, "unclosed.md", "---\ntitle:\npublished: 2024-02-31\n\n")
    undated = write(tmp_path, "undated.md", "---\npublished: notadate\n---\n\n")
    bad_link = write(
        tmp_path, "link.jsonl", record(url="javascript:alert(1)", paragraphs=[]) + "\n"
    )
    kept = write(tmp_path, "kept.md", "---\ntitle: Good\npublished: notadate\n---\n\nBody.\n")

    with caplog.at_level(logging.DEBUG, logger="retrieval.loaders"):
        result = load_corpus([tmp_path])

    assert [a.origin for a in result.articles] == [str(kept)]
    for path in (unclosed, undated, bad_link):
        [line] = warnings_for(caplog, path)
        assert line.startswith(f"skipped {path}: "), line
    assert warnings_for(caplog, kept) == [
        f"{kept}: 'published' must be a date like 2024-03-17, got 'notadate'; loaded without a date"
    ]
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("is never closed" in line and str(unclosed) in line for line in debug)


def test_a_blockquoted_markdown_heading_is_quoted_text_without_its_marks() -> None:
    # "> # Quoted heading" was the headline "# Quoted heading", its "#" kept; under a
    # headline it was a paragraph "# ..." too
    alone = parse_markdown("> # Quoted heading\n\nBody of the quoted story.\n", "q.md")
    assert alone.headline == "Quoted heading"  # the first line of text, as ever
    assert [p.text for p in alone.paragraphs] == ["Body of the quoted story."]

    under = parse_markdown(
        "# Real headline\n\n> # Quoted heading\n> What they wrote.\n> > ## Deeper\n\n"
        "Body of the story.\n",
        "r.md",
    )
    assert under.headline == "Real headline"  # a quoted heading is no title, nor a section
    assert [(p.text, p.section) for p in under.paragraphs] == [
        ("Quoted heading", None),
        ("What they wrote.", None),
        ("Deeper", None),
        ("Body of the story.", None),
    ]


def test_same_id_twice_keeps_the_first(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(
        tmp_path,
        "feed.jsonl",
        record(id="x", url=None) + "\n" + record(id="x", url=None, headline="Another story"),
    )

    result = load_corpus([path])

    assert [a.headline for a in result.articles] == ["Dam project approved"]
    assert result.duplicates == 1
    assert any("id x is already used" in m for m in warnings_for(caplog, path))


def test_a_files_many_reused_ids_are_warned_about_in_a_few_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # two files that give their records the same ids (not mere numbers): the second's are
    # all taken
    for name in ("one", "two"):
        lines = [
            record(id=f"wire-{n}", url=None, headline=f"{name} {n}", paragraphs=[f"{name} {n}."])
            for n in range(30)
        ]
        write(tmp_path, f"{name}.jsonl", "\n".join(lines))

    result = load_corpus([tmp_path])

    assert (len(result.articles), result.duplicates) == (30, 30)
    lines = warnings_for(caplog, tmp_path / "two.jsonl")
    assert len(lines) == MAX_LINE_WARNINGS + 1
    assert "dropped 20 more articles" in lines[-1]
    assert "ids of their own" in lines[-1]


@pytest.mark.parametrize("indent", [None, 2])
def test_a_jsonl_file_holding_one_json_list_is_read_as_that_list(
    tmp_path: Path, indent: int | None
) -> None:
    records = [json.loads(record(id=f"r{n}", headline=f"Story {n}", url=None)) for n in (1, 2)]
    if indent is None:  # one record a line, inside brackets, as exporters write
        text = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n"
    else:
        text = json.dumps(records, indent=indent)
    path = write(tmp_path, "export.jsonl", text)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["r1", "r2"]
    assert result.skipped == ()


def test_a_jsonl_file_holding_pretty_printed_objects_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `jq . > x.jsonl`, a NewsAPI answer saved so: "no article loaded (line 1: malformed JSON
    # (Expecting property name ...)", and jq's stream of pretty objects the same
    records = [json.loads(record(id=f"r{n}", headline=f"Story {n}", url=None)) for n in (1, 2)]
    one = write(tmp_path, "one.jsonl", json.dumps({"status": "ok", "articles": records}, indent=2))
    stream = "\n".join(json.dumps(r, indent=2) for r in records) + "\n\ufeff\n"
    many = write(tmp_path, "stream.jsonl", stream.replace('"r', '"s').replace("Story", "Tale"))

    result = load_corpus([one, many])

    assert [a.id for a in result.articles] == ["r1", "r2", "s1", "s2"]
    assert [a.headline for a in result.articles] == ["Story 1", "Story 2", "Tale 1", "Tale 2"]
    assert result.skipped == ()
    assert not caplog.records or all(r.levelno < logging.WARNING for r in caplog.records)
    # a broken one is still skipped, its first bad line named
    [skipped] = load_corpus([write(tmp_path, "bad.jsonl", stream[:-20])]).skipped
    assert skipped.reason.startswith("no article loaded (line 1: malformed JSON")


def test_a_spreadsheets_rows_are_articles(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # a CSV export (a scraper's, a spreadsheet's) was "unsupported file type"
    text = (
        "\ufeffTitle,Text,Published Date,URL,Source\r\n"
        '"Niger asks US troops to leave","The junta asked US troops to leave.\n\n'
        'Talks began in March, officials said.",2024-03-17,https://example.com/niger,Wire\r\n'
        '"Budget day set","Brown names 16 March for the Budget.",,,\r\n'
        ',"A row without a title.",,,\r\n'
    )
    path = write(tmp_path, "export.csv", text)
    semicolons = write(
        tmp_path,
        "excel.csv",
        'headline;paragraphs;date\nRates held;"Rates held; at 5%.";17.03.2024\n',
    )
    tabs = write(tmp_path, "sheet.tsv", "title\tcontent\nFerry strike\tCrews walked out.\n")

    result = load_corpus([path, semicolons, tabs])

    by_headline = {a.headline: a for a in result.articles}
    niger, budget = by_headline["Niger asks US troops to leave"], by_headline["Budget day set"]
    rates, ferry = by_headline["Rates held"], by_headline["Ferry strike"]
    assert len(result.articles) == 4
    assert (niger.headline, niger.published, niger.url, niger.source) == (
        "Niger asks US troops to leave",
        date(2024, 3, 17),
        "https://example.com/niger",
        "Wire",
    )
    assert [p.text for p in niger.paragraphs] == [
        "The junta asked US troops to leave.",
        "Talks began in March, officials said.",
    ]
    assert (budget.published, budget.url, budget.source) == (None, None, None)
    assert (rates.published, [p.text for p in rates.paragraphs]) == (
        date(2024, 3, 17),
        ["Rates held; at 5%."],
    )
    assert [p.text for p in ferry.paragraphs] == ["Crews walked out."]
    assert [m.split(": ", 1)[1] for m in warnings_for(caplog, path)] == [
        "skipped row 4: no headline (expected 'headline' or 'title'; its keys: 'Text', 'text')"
    ]


def test_a_csv_excel_wrote_in_windows_1252_loads_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "title;text\nCaf\u00e9 prices rise;Prices rose 5% \u2013 the caf\u00e9 said.\n"
    path = write(tmp_path, "excel.csv", text.encode("cp1252"))

    [article] = load_corpus([path]).articles

    assert article.headline == "Caf\u00e9 prices rise"
    assert [p.text for p in article.paragraphs] == ["Prices rose 5% \u2013 the caf\u00e9 said."]
    assert [m.split(": ", 1)[1] for m in warnings_for(caplog, path)] == [
        "not UTF-8 (byte 0xe9 at offset 14): read as windows-1252, as Excel writes CSV; if "
        "letters look wrong, save it as CSV UTF-8"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the sniffer took commas: "its keys: 'Title;Text'" for a file with a Title column
        'Title;Text\r\nPool reopens;"It reopened; at last, on Monday."\r\n\r\n',
        'sep=;\r\nTitle;Text\r\nPool reopens;"It reopened; at last, on Monday."\r\n',
        "Title|Text\nPool reopens|It reopened; at last, on Monday.\n",
        'Title;Text\rPool reopens;"It reopened; at last, on Monday."\r',  # an old Mac's
        'Title,Text\nPool reopens,"It reopened; at last, on Monday."\n',  # named .tsv
    ],
)
def test_a_tables_separator_is_the_one_that_splits_its_header_into_known_names(
    tmp_path: Path, text: str
) -> None:
    name = "export.tsv" if text.startswith("Title,") else "excel.csv"
    [article] = load_corpus([write(tmp_path, name, text)]).articles
    assert (article.headline, article.paragraphs[0].text) == (
        "Pool reopens",
        "It reopened; at last, on Monday.",
    )


def test_a_tables_bad_rows_are_named_and_the_rest_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = (
        "title,text,date\n"
        "Zoo welcomes twin pandas,Two cubs were born, the keepers said, on Monday.,2024-03-19\n"
        ",,\n"  # a spreadsheet's empty row: passed over without a word
        'Ferry strike,"Crews walked out ""today"" again.",2024-03-18,,,\n'  # empty cells after
        'Bridge "reopens,The bridge reopened.,2024-03-17\n'  # a quote in a cell not quoted
        '"Storm warning,A storm is coming.,2024-03-16\nGale,Wind.,2024-03-15\n'  # never closed
    )
    path = write(tmp_path, "export.csv", text)

    articles = load_corpus([path]).articles

    assert [a.headline for a in articles] == [
        "Zoo welcomes twin pandas",
        "Ferry strike",
        'Bridge "reopens',
    ]
    zoo, ferry = articles[:2]
    assert (zoo.paragraphs[0].text, zoo.published) == (
        "Two cubs were born, the keepers said, on Monday.",
        date(2024, 3, 19),
    )
    assert (ferry.paragraphs[0].text, ferry.published) == (
        'Crews walked out "today" again.',
        date(2024, 3, 18),
    )
    assert [m.split(": ", 1)[1] for m in warnings_for(caplog, path)] == [
        "1 row(s) have more cells than the header has columns (row 2 first): their extra "
        "cells were kept in the text column (else the last); put a cell that holds ',' in "
        "quotes",
        "skipped row 6: malformed CSV (unexpected end of data; its 2 lines to the end were "
        "read as one row; a quote in a cell must be doubled, and a cell that holds one quoted "
        "whole)",
    ]


def test_a_list_of_paragraphs_written_as_text_is_read_as_that_list(tmp_path: Path) -> None:
    # pandas writes a list to CSV as Python's repr, other converters as JSON text: the whole
    # story was one passage full of quotes and brackets, every hit "paragraph 0"
    items = ["Jane Doe", "", "The lido reopened on Saturday.", "It's free on Sundays."]
    pandas = write(
        tmp_path,
        "pandas.csv",
        'headline,paragraphs\nLido reopens,"' + repr(items).replace('"', '""') + '"\n',
    )
    as_json = json.dumps(items)
    converted = write(
        tmp_path, "json.csv", 'title,text\nLido reopens,"' + as_json.replace('"', '""') + '"\n'
    )
    full = write(  # every field given: a string body had been "'paragraphs' must be a list"
        tmp_path,
        "full.jsonl",
        record(paragraphs=as_json, standfirst="Free on Sundays.") + "\n",
    )

    for path in (pandas, converted, full):
        [article] = load_file(path)
        assert [p.text for p in article.paragraphs] == [
            "Jane Doe",
            "The lido reopened on Saturday.",
            "It's free on Sundays.",
        ]
        assert [article.source_position(i) for i in range(3)] == [0, 2, 3]


@pytest.mark.parametrize(
    "body",
    ["[Photo] The lido reopened. [Reuters]", "[1, 2]", '["The lido", 3]', "[]x[]"],
)
def test_a_body_in_brackets_that_is_no_list_of_strings_stays_text(body: str) -> None:
    article = parse_json_record({"headline": "Lido reopens", "text": body}, "a.json")
    assert [p.text for p in article.paragraphs] == [body]


def test_a_tables_columns_may_have_other_exports_names(tmp_path: Path) -> None:
    huffpost = write(
        tmp_path,
        "huffpost.csv",
        "headline,short_description,date,link\n"
        "Vaccine drive begins,Millions roll up their sleeves.,2022-09-23,https://h.example/v\n",
    )
    wordpress = write(
        tmp_path,
        "wordpress.csv",
        "post_title,post_content,post_date,publication\n"
        "Library opens,The new library opened on Monday.,2024-03-17 10:00:00,Town Crier\n",
    )
    vaccine, library = load_corpus([huffpost, wordpress]).articles
    assert [p.text for p in vaccine.paragraphs] == ["Millions roll up their sleeves."]
    assert (library.headline, library.published, library.source) == (
        "Library opens",
        date(2024, 3, 17),
        "Town Crier",
    )
    # a "publisher" list names no one source: the record loads without one
    listed = parse_json_record(record_obj(source=None, publisher=["A", "B"]), "x.json")
    assert listed.source is None
    named = parse_json_record(record_obj(source=None, publisher={"name": "Wire"}), "x.json")
    assert named.source == "Wire"


@pytest.mark.parametrize(
    "header",
    [
        "Titel;Text;Datum;Quelle;Link",  # German
        "Titre;Texte;Date;Source;Lien",  # French
        "Título;Texto;Fecha;Fuente;Enlace",  # Spanish
        "Titolo;Testo;Date;Fonte;URL",  # Italian
        "Titel;Inhoud;Datum;Bron;Link",  # Dutch
    ],
)
def test_a_spreadsheet_made_in_another_language_names_its_columns_so(
    tmp_path: Path, header: str
) -> None:
    # a German export had been skipped: "no headline (its keys: 'Titel', 'Text', ...)"
    path = write(
        tmp_path,
        "export.csv",
        f"{header}\nBrücke gesperrt;Die Brücke bleibt bis Mai gesperrt.;2024-03-17;"
        "Tagesblatt;https://t.example/b\n",
    )
    [article] = load_corpus([path]).articles
    assert (article.headline, article.published, article.source, article.url) == (
        "Brücke gesperrt",
        date(2024, 3, 17),
        "Tagesblatt",
        "https://t.example/b",
    )
    assert [p.text for p in article.paragraphs] == ["Die Brücke bleibt bis Mai gesperrt."]


def test_control_characters_in_a_file_are_spaces(tmp_path: Path) -> None:
    # windows-1252 leaves 0x81 undefined: read as U+0081, it stayed in the text, and so did
    # a broken export's \x02 (a NUL makes it a binary file, skipped)
    path = write(tmp_path, "x.csv", b"title;text\nPrices\x81rise;Prices rose\x81 5%.\x02\x7f\n")
    [article] = load_corpus([path]).articles
    assert article.headline == "Prices rise"
    assert [p.text for p in article.paragraphs] == ["Prices rose 5%."]


def test_nuls_a_crash_left_at_a_files_end_are_dropped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a scraper appending to its JSONL when the power went: the file system leaves the
    # blocks it had not written as NULs; the file was skipped as binary, every record lost
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    jsonl = write(tmp_path, "a.jsonl", (record() + "\n" + second + "\n").encode() + b"\0" * 4096)
    text = write(
        tmp_path, "b.txt", "Ferry strike\n\nCrews walked out.\n".encode("utf-16") + b"\0" * 64
    )

    result = load_corpus([tmp_path])

    assert [a.id for a in result.articles[:2]] == ["wire-1", "wire-2"]
    assert [p.text for p in result.articles[2].paragraphs] == ["Crews walked out."]
    assert result.skipped == ()
    assert warnings_for(caplog, jsonl) == [
        f"{jsonl}: ignored the 4096 NULs at its end (left where a write was cut short, as by a "
        "crash)"
    ]
    assert len(warnings_for(caplog, text)) == 1


def test_a_stray_nul_in_a_line_is_a_space(tmp_path: Path) -> None:
    # one NUL made the file binary: the whole JSONL (or text) was skipped
    jsonl = write(tmp_path, "a.jsonl", record(paragraphs=["Dam\0approved."]).encode() + b"\n")
    text = write(tmp_path, "b.txt", b"Lido reopens\n\nThe lido reopened\0 on Saturday.\n")

    [dam], [lido] = load_file(jsonl), load_file(text)

    assert [p.text for p in dam.paragraphs] == ["Dam approved."]
    assert [p.text for p in lido.paragraphs] == ["The lido reopened on Saturday."]


@pytest.mark.parametrize(
    "data",
    [
        b"\0" * 4096,  # nothing but NULs
        b"\0" * 3000 + b"hello",  # a zero-filled start: was "UTF-16 without a byte-order mark"
        b"\0" * 3001 + b"hello",
        b"Headline\n\n" + b"\x01\x02\x03\0" * 50 + b"Text",  # a binary format's records
        b"\xff\xfe" + b"H\0i\0\0\0\0\0" * 50,  # UTF-16 with a BOM, half its characters NUL
    ],
)
def test_a_file_of_many_nuls_is_still_binary(tmp_path: Path, data: bytes) -> None:
    [skipped] = load_corpus([write(tmp_path, "x.txt", data)]).skipped
    assert skipped.reason.startswith("binary file")


def good_lines(first: int, count: int) -> bytes:
    """JSONL lines of `count` good records, numbered from `first`."""
    return b"".join(
        (record(id=f"g{i}", headline=f"Story {i}", url=f"https://x.example/{i}") + "\n").encode()
        for i in range(first, first + count)
    )


def test_a_jsonl_line_that_is_not_utf8_is_skipped_and_the_rest_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a scraper that wrote one record in cp1252: the whole file was skipped as "not UTF-8
    # text (byte 0xe9 at offset 45195)", every good record lost
    cafe = b'{"id": "x", "headline": "Caf\xe9", "paragraphs": ["Text."]}\n'
    path = write(tmp_path, "news.jsonl", good_lines(0, 500) + cafe + good_lines(500, 500))

    result = load_corpus([path])

    assert len(result.articles) == 1000
    assert result.skipped == ()
    assert warnings_for(caplog, path) == [f"{path}: skipped line 501: not UTF-8 (byte 0xe9)"]


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        # a crash's hole in an appended file, then what was appended after it: the file was
        # skipped as binary (NULs in its first 8 KB) ...
        (
            good_lines(0, 20) + b"\0" * 4096 + b"\n" + good_lines(20, 1000),
            "skipped line 21: 4096 NULs (a hole left where a write was cut short, as by a crash)",
        ),
        # ... or as "UTF-16 text without a byte-order mark", the hole at its start
        (
            b"\0" * 4096 + b"\n" + good_lines(20, 1000),
            "skipped line 1: 4096 NULs (a hole left where a write was cut short, as by a crash)",
        ),
        # the hole in the middle of a record, the next one written right after it
        (
            good_lines(0, 20) + b'{"id": "cut", "head' + b"\0" * 100 + good_lines(20, 1000),
            "line 21: read what follows 100 NULs (a hole left where a write was cut short, as "
            "by a crash), the record before them cut short",
        ),
    ],
)
def test_a_hole_of_nuls_in_a_jsonl_file_is_one_bad_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, data: bytes, warning: str
) -> None:
    path = write(tmp_path, "news.jsonl", data)

    result = load_corpus([path])

    assert result.skipped == ()
    assert [a.id for a in result.articles][-1000:] == [f"g{i}" for i in range(20, 1020)]
    assert warnings_for(caplog, path) == [f"{path}: {warning}"]


def test_a_few_nuls_inside_a_jsonl_string_are_spaces_and_every_line_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # two NULs in a row were read as a crash's hole: the record before them was cut off,
    # what followed them read as a record ("malformed JSON"), and the story lost
    dam = record(id="dam", paragraphs=["Dam~approved."], headline="Dam~vote").replace("~", "\0\0")
    path = write(
        tmp_path, "news.jsonl", good_lines(0, 2) + (dam + "\n").encode() + good_lines(2, 2)
    )

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["g0", "g1", "dam", "g2", "g3"]
    assert result.articles[2].headline == "Dam vote"
    assert [p.text for p in result.articles[2].paragraphs] == ["Dam approved."]
    assert warnings_for(caplog, path) == []


def test_a_jsonl_line_a_few_nuls_break_is_skipped_alone_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # NULs where a comma was: the line is no JSON with them as spaces either; it was read
    # from after them on, as if a crash's hole, and named for what that left
    broken = record(id="broken").replace('", "headline"', '"\0\0"headline"', 1)
    path = write(
        tmp_path, "news.jsonl", good_lines(0, 2) + (broken + "\n").encode() + good_lines(2, 2)
    )

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["g0", "g1", "g2", "g3"]
    assert result.skipped == ()
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 3: malformed JSON (Expecting ',' delimiter at column 18)"
    ]


def test_a_jsonl_line_holding_a_list_of_records_is_read_as_its_records(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `json.dumps([record])` a line: each such line had been "expected a JSON object, got a
    # list", its records lost
    text = "\n".join(
        [
            record(id="a"),
            f"[{VOTE_RECORD}]",
            f"[{record(id='c', url=None)}, {record(id='d', url=None, headline='D')}]",
        ]
    )
    path = write(tmp_path, "export.jsonl", text + "\n")

    assert [a.id for a in load_file(path)] == ["a", "b", "c", "d"]
    assert not warnings_for(caplog, path)


def test_a_jsonl_line_holding_a_list_with_other_items_keeps_its_records(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # one item that is no record (or a record without a headline) had lost the line's others
    bad = record(id="x", headline=7)
    text = f'{record(id="a")}\n[{VOTE_RECORD}, 7, "x"]\n[{bad}, {record(id="c", url=None)}]\n'
    path = write(tmp_path, "export.jsonl", text)

    assert [a.id for a in load_file(path)] == ["a", "b", "c"]
    assert [message.split(": ", 2)[1] for message in warnings_for(caplog, path)] == [
        "skipped line 2, record 2",
        "skipped line 2, record 3",
        "skipped line 3, record 1",
    ]


def test_a_headline_given_as_a_list_of_strings_is_its_first() -> None:
    # the record had been skipped: "'headline' must be a string, got a list"
    article = parse_json_record(record_obj(headline=["Dam vote", "Dam"]), "x.json")

    assert article.headline == "Dam vote"


def jq_pretty(*records: str) -> str:
    """Records as `jq .` writes them: each pretty-printed over many lines, one after another."""
    return "\n".join(json.dumps(json.loads(r), indent=2) for r in records) + "\n"


VOTE_RECORD = record(id="b", headline="Dam vote", url="https://rivertimes.example/vote")


@pytest.mark.parametrize(
    "text",
    [
        # exporters' one JSON list, a record on each line (each a comma after it): every
        # line was bad JSON alone, and the file skipped ...
        "[\n" + ",\n".join([record(id="a"), VOTE_RECORD.replace(" vote", "\0vote")]) + "\n]\n",
        # ... the whole list on one line "expected a JSON object, got a list" ...
        "[" + ", ".join([record(id="a"), VOTE_RECORD.replace(" vote", "\0\0vote")]) + "]",
        # ... and `jq .`'s objects over many lines every line bad JSON too
        jq_pretty(record(id="a"), VOTE_RECORD).replace(" vote", "\0vote"),
        jq_pretty(record(id="a"), VOTE_RECORD).replace(" vote", "\0\0vote"),
    ],
)
def test_a_json_list_or_jq_output_saved_as_jsonl_with_a_stray_nul_is_read_whole(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    path = write(tmp_path, "export.jsonl", text.encode())

    result = load_corpus([path])

    assert [(a.id, a.headline) for a in result.articles] == [
        ("a", "Dam project approved"),
        ("b", "Dam vote"),
    ]
    assert warnings_for(caplog, path) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # a PNG named .jsonl: runs of NULs in its chunks, and bytes that are not UTF-8
        (
            b"\x89PNG\r\n\x1a\n" + b"\0" * 20 + b"IHDR\n" + b"\0" * 40 + b"\x08\x06\n",
            "binary file (NUL byte at offset 8)",
        ),
        # control bytes around 16 NULs in a row: a run too long to be a few stray NULs
        # read as spaces, and no record anywhere
        (
            b"\x01\x02\x03" + b"\0" * 16 + b"\x04\x05\n" + b"\x06" * 10,
            "binary file (NUL byte at offset 3)",
        ),
        # mostly NULs and control bytes, no run of them 16 long: its NULs read as spaces
        # (as a few stray ones are) do not make it text
        (b"\x01\x00\x02\x00\x00\x03" * 200, "binary file (NUL byte at offset 1)"),
    ],
)
def test_a_binary_file_named_jsonl_is_skipped_with_one_warning_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, data: bytes, reason: str
) -> None:
    # what reads a few stray NULs as spaces (and a JSON list holding them whole) must not
    # read these as text: each is still the one binary file it was
    path = write(tmp_path, "data.jsonl", data)

    result = load_corpus([path])

    assert result.articles == ()
    assert [(s.path, s.reason) for s in result.skipped] == [(str(path), reason)]
    assert warnings_for(caplog, path) == [f"skipped {path}: {reason}"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\n", "binary file (NUL byte at offset 8)"),
        (b"\0" * 4096, "binary file (NUL byte at offset 0)"),
        (
            b'{"headline": "Caf\xe9", "paragraphs": ["Text."]}\n',
            "not UTF-8 text (byte 0xe9 at offset 17); convert it to UTF-8",
        ),
        (
            (record() + "\n").encode("utf-16-le"),
            "UTF-16 text without a byte-order mark; save it as UTF-8",
        ),
        ((record() + "\n").encode("utf-16"), ""),  # with its byte-order mark: loads
    ],
)
def test_a_jsonl_file_that_is_no_utf8_throughout_is_still_skipped_as_a_whole(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    # read line by line, a file none of whose lines loads keeps the reason it had
    result = load_corpus([write(tmp_path, "news.jsonl", data)])

    if not reason:
        assert [a.id for a in result.articles] == ["wire-1"]
        return
    [skipped] = result.skipped
    assert skipped.reason.startswith(reason)


def test_excels_unicode_text_export_is_read_as_its_table(tmp_path: Path) -> None:
    # Excel saves "Unicode Text" as .txt: UTF-16, tab-separated; it loaded as one article
    # headlined "Title Text Date"
    text = "Title\tText\tDate\r\nFerry strike\tCrews walked out.\t2024-03-18\r\n"
    path = write(tmp_path, "export.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    [article] = load_corpus([path]).articles
    assert (article.headline, article.published) == ("Ferry strike", date(2024, 3, 18))
    # a first line such as a table's, then prose: an article
    essay = write(tmp_path, "essay.txt", "Title\tText\n\nMost people read news.\n\nMore.\n")
    [article] = load_corpus([essay]).articles
    assert [p.text for p in article.paragraphs] == ["Most people read news.", "More."]


def test_a_table_that_holds_no_articles_is_skipped_naming_its_columns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    figures = write(tmp_path, "figures.csv", "year,gdp\n2023,1.2\n2024,0.9\n")
    header = write(tmp_path, "empty.csv", "\n\n")

    result = load_corpus([figures, header, write(tmp_path, "a.md", "# Story\n\nText here.")])

    assert [a.headline for a in result.articles] == ["Story"]
    reasons = {s.path: s.reason for s in result.skipped}
    assert reasons[str(figures)] == (
        "no article loaded (row 2: no headline (expected 'headline' or 'title'; its keys: "
        "'year', 'gdp'), 2 bad rows in all)"
    )
    assert str(header) in reasons


def test_a_whole_page_copied_starts_at_its_headline_and_keeps_its_date(tmp_path: Path) -> None:
    # Ctrl-A, Ctrl-C on a news page: "Skip to main content" was the headline, and the date
    # under the title a paragraph
    text = (
        "Skip to main content\nMenu\nSearch\nSign in\n\n"
        "Council tax to rise by 5% in April\n\n17 March 2024\n\n"
        "Council tax bills will rise by 5% from April, the council said on Monday.\n\n"
        "The increase is the largest in a decade.\n"
    )
    article = parse_seed_text(text, "copied.txt")
    assert article.headline == "Council tax to rise by 5% in April"
    assert article.published == date(2024, 3, 17)
    assert [p.text for p in article.paragraphs] == [
        "Council tax bills will rise by 5% from April, the council said on Monday.",
        "The increase is the largest in a decade.",
    ]
    # such a word is the headline when only one line of text follows it
    menu = parse_seed_text("Menu\n\nThe restaurant's menu changed.\n", "m.txt")
    assert (menu.headline, [p.text for p in menu.paragraphs]) == (
        "Menu",
        ["The restaurant's menu changed."],
    )


@pytest.mark.parametrize(
    ("text", "headline", "published"),
    [
        (  # a site's menu of sections, then the story a blank line on, dated under its title
            "Skip to content\nBritish Broadcasting Corporation\nHome\nNews\nSport\nSign in\n\n"
            "Harbour master retires after 40 years\n\nPublished 17 March 2024\n"
            "John Kell retired on Friday after 40 years in the job, the trust said.\n"
            "A successor will be named in April.\n",
            "Harbour master retires after 40 years",
            date(2024, 3, 17),
        ),
        (  # no blank line anywhere: the menu runs into a short headline, the text after it
            "Menu\nSearch\nLighthouse sold for £1m\n"
            "The old lighthouse at Point Reyes was sold at auction for £1m on Monday.\n"
            "The buyer was not named.\n",
            "Lighthouse sold for £1m",
            None,
        ),
        (  # a headline of four words, then a byline and a date: the menu ends above them
            "Home\nNews\nLocal\nBakery closes after 90 years\nBy Tom Baker\n"
            "Published 17 March 2024\n"
            "The Miller family bakery on Quay Street closed on Saturday after 90 years.\n"
            "Customers queued around the block.\n",
            "Bakery closes after 90 years",
            date(2024, 3, 17),
        ),
        (  # "Home" alone above the text is no menu: the story's headline
            "Home\n\nWhy more young people are moving back in with their parents.\n\n"
            "A survey found 28% of adults under 30 live with a parent.\n",
            "Home",
            None,
        ),
    ],
)
def test_a_copied_pages_menu_is_no_headline(
    text: str, headline: str, published: date | None
) -> None:
    article = parse_seed_text(text, "copied.txt")
    assert (article.headline, article.published) == (headline, published)
    assert not any(p.text in ("Sport", "Sign in", "Search") for p in article.paragraphs)


@pytest.mark.parametrize(
    ("text", "headline", "published", "standfirst", "paragraphs"),
    [
        (  # the Guardian's layout: a subhead, the author and the date under the headline
            "Skip to main content\nSkip to navigation\nSign in\nUK edition\n"
            "The Guardian - Back to home\nNews\nOpinion\nSport\n"
            "Floods force 300 from homes in Castleford\n"
            "River Aire peaks at 4.8 metres, the highest level since 1998\n"
            "Ann Lee\nMon 18 Mar 2024 06.30 GMT\n"
            "Heavy rain flooded the lower town of Castleford overnight, forcing 300 out.\n"
            "Volunteers handed out sandbags at the rugby ground.\n"
            "Explore more on these topics\nFlooding\nYorkshire\nnews\nShare\n"
            "Reuse this content\n",
            "Floods force 300 from homes in Castleford",
            date(2024, 3, 18),
            "River Aire peaks at 4.8 metres, the highest level since 1998",
            [
                "Heavy rain flooded the lower town of Castleford overnight, forcing 300 out.",
                "Volunteers handed out sandbags at the rugby ground.",
            ],
        ),
        (  # Reuters': a tagline among the menu, the time glued to the year
            "Skip to main content\n"
            "Exclusive news, data and analytics for financial market professionals\n"
            "Reuters home\nWorld\nBusiness\nMarkets\nMore\n"
            "Acme Robotics shares jump 18% on record sales\nBy Dana Smith\n"
            "March 17, 20249:05 PM GMTUpdated 2 hours ago\n"
            "Shares in Acme Robotics jumped 18% after the company reported record sales.\n"
            "Chief executive Dana Hill said demand from Europe doubled.\n",
            "Acme Robotics shares jump 18% on record sales",
            date(2024, 3, 17),
            "",
            [
                "Shares in Acme Robotics jumped 18% after the company reported record sales.",
                "Chief executive Dana Hill said demand from Europe doubled.",
            ],
        ),
        (  # a cookie notice above the menu: its buttons are no headline
            "We value your privacy\n"
            "We and our 842 partners store and access information on your device, "
            "such as cookies.\nAccept all\nManage preferences\n"
            "Skip to main content\nMenu\nSign in\n"
            "Tram line extended to the airport\nSunday, 17 March 2024\n"
            "The number 4 tram now runs to the airport, the operator said.\n"
            "The extension cost £120m and took three years to build.\n",
            "Tram line extended to the airport",
            date(2024, 3, 17),
            "",
            [
                "The number 4 tram now runs to the airport, the operator said.",
                "The extension cost £120m and took three years to build.",
            ],
        ),
        (  # navigation lines a blank line apart, then a story with no headline of its own
            "Skip to main content\nSign in\n\nMenu\n\n"
            "The restaurant critic tries the new six-course tasting menu at Harbour House.\n"
            "At £85 a head it is not cheap, but the scallops alone are worth it.\n",
            "The restaurant critic tries the new six-course tasting menu at Harbour House.",
            None,
            "",
            ["At £85 a head it is not cheap, but the scallops alone are worth it."],
        ),
    ],
)
def test_a_copied_pages_notices_bylines_and_dates_are_no_text(
    text: str, headline: str, published: date | None, standfirst: str, paragraphs: list[str]
) -> None:
    article = parse_seed_text(text, "copied.txt")
    assert (article.headline, article.published) == (headline, published)
    assert article.standfirst == standfirst
    assert [p.text for p in article.paragraphs] == paragraphs


@pytest.mark.parametrize(
    ("above", "under", "published"),
    [
        ("Sept. 14, 2023\n", "", date(2023, 9, 14)),  # it had become the headline
        ("Thursday, Sept. 14, 2023\n", "", date(2023, 9, 14)),
        ("", "Published Sept. 14, 2023\n", date(2023, 9, 14)),
        ("", "Updated Sept. 14, 2023 at 5:02 p.m. EDT\n", date(2023, 9, 14)),
        # CNN and AP: the time first
        ("", "By Ann Lee, CNN\nUpdated 10:05 AM EDT, Thu September 14, 2023\n", date(2023, 9, 14)),
        ("", "Updated 12:09 AM EDT, September 15, 2023\n", date(2023, 9, 15)),
        # the Daily Mail's: the first of two dates
        (
            "",
            "Published: 10:05 BST, 14 September 2023 | Updated: 12:00 BST, 15 September 2023\n",
            date(2023, 9, 14),
        ),
        # the New York Times' as copied: two dates glued, the first the story's
        ("", "Published Oct. 15, 2023Updated Oct. 16, 2023, 5:02 a.m. ET\n", date(2023, 10, 15)),
    ],
)
def test_date_lines_in_us_formats_date_the_story(above: str, under: str, published: date) -> None:
    article = parse_seed_text(
        f"{above}Auto workers strike at three plants\n{under}\n"
        "The union began a strike at three plants early on Friday after talks failed.\n\n"
        "Its president said members were ready for a long fight.\n",
        "strike.txt",
    )
    assert (article.headline, article.published, article.standfirst) == (
        "Auto workers strike at three plants",
        published,
        "",
    )
    assert [p.text for p in article.paragraphs] == [
        "The union began a strike at three plants early on Friday after talks failed.",
        "Its president said members were ready for a long fight.",
    ]


def test_a_date_line_under_a_standfirst_dates_the_story() -> None:
    # the New York Times' page copied: the date under the summary ended the standfirst
    article = parse_seed_text(
        "U.A.W. Strikes at 3 Plants as Talks With Automakers Fail\n"
        "The union's walkout could escalate if no deal is reached.\n"
        "Published Sept. 15, 2023Updated Sept. 16, 2023, 5:02 a.m. ET\n\n"
        "The union went on strike at three plants early Friday.\n",
        "nyt.txt",
    )
    assert article.published == date(2023, 9, 15)
    assert article.standfirst == "The union's walkout could escalate if no deal is reached."
    assert [p.text for p in article.paragraphs] == [
        "The union went on strike at three plants early Friday."
    ]


@pytest.mark.parametrize(
    "line", ["Sept 2023 budget", "10:05, 14 people hurt in 2023", "Updated guidance for 2023"]
)
def test_a_line_that_only_mentions_a_date_is_no_date_line(line: str) -> None:
    article = parse_seed_text(f"{line}\n\nThe council met on Monday.\n", "a.txt")
    assert (article.headline, article.published) == (line, None)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14. M\u00e4rz 2024", date(2024, 3, 14)),
        ("Sonntag, 2. Juni 2024", date(2024, 6, 2)),
        ("le 3 mars 2024", date(2024, 3, 3)),
        ("Lundi 3 juin 2024", date(2024, 6, 3)),
        ("1er mars 2024", date(2024, 3, 1)),
        ("3 de marzo de 2024", date(2024, 3, 3)),
        ("mi\u00e9rcoles, 3 de septiembre de 2024", date(2024, 9, 3)),
        ("3 \u043c\u0430\u0440\u0442\u0430 2024 \u0433.", date(2024, 3, 3)),  # Russian
        ("12 dicembre 2024", date(2024, 12, 12)),
        ("3 Mart 2024 Pazar", date(2024, 3, 3)),  # Turkish: the weekday after
        ("3 maart 2024", date(2024, 3, 3)),
        ("3 de mar\u00e7o de 2024", date(2024, 3, 3)),
        ("den 3 mars 2024", date(2024, 3, 3)),
        ("14. maaliskuuta 2024", date(2024, 3, 14)),
        ("14. M\u00e4r. 2024", date(2024, 3, 14)),  # abbreviations
        ("3 dic. 2024", date(2024, 12, 3)),
        ("3 f\u00e9vr. 2024", date(2024, 2, 3)),
        ("Mo., 14.03.2024", date(2024, 3, 14)),
        ("Stand: 14.03.2024 10:05 Uhr", date(2024, 3, 14)),  # labels: Tagesschau's
        ("Ver\u00f6ffentlicht am 14. M\u00e4rz 2024, 10:05 Uhr", date(2024, 3, 14)),
        ("Publi\u00e9 le 5 f\u00e9vrier 2024 \u00e0 08h12", date(2024, 2, 5)),
        (  # Le Monde's: the first date is the story's
            "Publi\u00e9 le 5 f\u00e9vrier 2024 \u00e0 08h12, modifi\u00e9 le 6 f\u00e9vrier 2024 "
            "\u00e0 10h30",
            date(2024, 2, 5),
        ),
        ("Mis \u00e0 jour le 05/02/2024", date(2024, 2, 5)),  # day first after such a label
        ("Actualizado 05/02/2024 - 10:15", date(2024, 2, 5)),
        ("Publicado el 3 de marzo de 2024", date(2024, 3, 3)),
        ("04/02/2024", None),  # no label: April or February?
        ("3 mars", None),  # no year
        ("14 M\u00e4rz 2024 Bundestag", None),
        ("Am 3. M\u00e4rz 2024 fuhr der Zug wieder.", None),
    ],
)
def test_dates_written_in_other_languages_are_read(text: str, day: date | None) -> None:
    # strptime's %B reads English month names only: "14. März 2024" was no date anywhere
    assert written_day(text) == day


@pytest.mark.parametrize(
    ("above", "under", "published"),
    [
        # a date line above the headline had become the headline ("1. Sonntag, 2. Juni 2024")
        ("Sonntag, 2. Juni 2024\n\n", "", date(2024, 6, 2)),
        ("Lundi 3 juin 2024\n\n", "", date(2024, 6, 3)),
        ("3 de marzo de 2024\n\n", "", date(2024, 3, 3)),
        ("3 \u043c\u0430\u0440\u0442\u0430 2024 \u0433.\n\n", "", date(2024, 3, 3)),
        ("**14. M\u00e4rz 2024**\n", "", date(2024, 3, 14)),
        # under it, the story stayed undated and the line was its standfirst
        ("", "Stand: 14.03.2024 10:05 Uhr\n", date(2024, 3, 14)),
        ("", "Publi\u00e9 le 5 f\u00e9vrier 2024 \u00e0 08h12\n", date(2024, 2, 5)),
        ("", "Actualizado 05/02/2024 - 10:15\n", date(2024, 2, 5)),
        ("", "Aktualisiert am 14. M\u00e4rz 2024, 10:05 Uhr\n", date(2024, 3, 14)),
    ],
)
def test_date_lines_in_other_languages_date_the_story(
    above: str, under: str, published: date
) -> None:
    article = parse_seed_text(
        f"{above}Hochwasser in Bayern: D\u00e4mme brechen\n{under}\n"
        "Nach tagelangem Starkregen sind in S\u00fcddeutschland mehrere D\u00e4mme gebrochen.\n\n"
        "Tausende Menschen mussten ihre H\u00e4user verlassen.\n",
        "hochwasser.txt",
    )
    assert (article.headline, article.published, article.standfirst) == (
        "Hochwasser in Bayern: D\u00e4mme brechen",
        published,
        "",
    )
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    "line",
    [
        "3 mars",  # no year: which one?
        "Am 3. M\u00e4rz 2024 fuhr der Zug",
        "Le 3 mars 2024, la ville a vot\u00e9",
        "Stand der Dinge 2024",
        "14 M\u00e4rz 2024 Bundestag",
    ],
)
def test_a_line_that_only_mentions_a_local_date_is_no_date_line(line: str) -> None:
    article = parse_seed_text(f"{line}\n\nDer Rat tagte am Montag.\n", "a.txt")
    assert (article.headline, article.published) == (line, None)


def test_local_dates_in_front_matter_json_and_csv_date_the_story(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "'datum' must be a date like 2024-03-17, got '14. März 2024'": loaded undated
    write(
        tmp_path,
        "haushalt.md",
        "---\ntitle: Bundestag beschlie\u00dft Haushalt\ndate: 2. Februar 2024\n---\n\n"
        "Der Bundestag hat den Haushalt beschlossen.\n",
    )
    write(
        tmp_path,
        "prix.md",
        "---\ntitle: Le prix baisse\ndate: le 15 janvier 2025\n---\n\nLe tarif baisse.\n",
    )
    write(
        tmp_path,
        "de.json",
        json.dumps([{"titel": "Streik", "datum": "7. Februar 2024", "text": "Ein Warnstreik."}]),
    )
    # a Spanish spreadsheet's "Fecha" column: 05/02/2024 is 5 February there
    write(
        tmp_path,
        "es.csv",
        "T\u00edtulo,Fecha,Fuente,Texto\n"
        "Huelga de m\u00e9dicos,3 de marzo de 2024,EFE,Los m\u00e9dicos inician una huelga.\n"
        "Huelga de taxis,05/02/2024,EFE,Los taxistas bloquean la Gran Via.\n",
    )
    with caplog.at_level(logging.WARNING, logger="retrieval.loaders"):
        articles = load_corpus([tmp_path]).articles
    assert sorted((a.headline, a.published) for a in articles) == [
        ("Bundestag beschlie\u00dft Haushalt", date(2024, 2, 2)),
        ("Huelga de m\u00e9dicos", date(2024, 3, 3)),
        ("Huelga de taxis", date(2024, 2, 5)),
        ("Le prix baisse", date(2025, 1, 15)),
        ("Streik", date(2024, 2, 7)),
    ]
    assert not caplog.records


@pytest.mark.parametrize(
    ("header", "published", "source"),
    [
        (
            "Titel: Warnstreik\nDatum: 07.02.2024\nQuelle: tagesschau.de\n",
            date(2024, 2, 7),
            "tagesschau.de",
        ),
        (
            "Titre : Warnstreik\nDate : 7 f\u00e9vrier 2024\nSource : Le Monde\n",
            date(2024, 2, 7),
            "Le Monde",
        ),
        ("T\u00edtulo: Warnstreik\nFecha: 07/02/2024\nFuente: EFE\n", date(2024, 2, 7), "EFE"),
    ],
)
def test_a_pasted_header_in_another_language_is_read(
    header: str, published: date, source: str
) -> None:
    # "Titel: Warnstreik" was the headline, the date and source lost
    article = parse_seed_text(
        f"{header}\nEin Warnstreik hat den Flugverkehr lahmgelegt.\n\nMehr folgt.\n", "a.txt"
    )
    assert (article.headline, article.published, article.source) == (
        "Warnstreik",
        published,
        source,
    )
    assert [p.text for p in article.paragraphs] == [
        "Ein Warnstreik hat den Flugverkehr lahmgelegt.",
        "Mehr folgt.",
    ]


@pytest.mark.parametrize(
    "byline",
    [
        "Von Anna Schmidt, dpa",
        "Von Anna Schmidt und Max M\u00fcller",
        "Par Jean Dupont",
        "Par Jean Dupont et Marie Martin, AFP",
        "Por Mar\u00eda Garc\u00eda",
        "Di Mario Rossi",
        "Door Jan de Vries",
        # Russian: "Author: Ivan Petrov"
        "\u0410\u0432\u0442\u043e\u0440: \u0418\u0432\u0430\u043d "
        "\u041f\u0435\u0442\u0440\u043e\u0432",
    ],
)
def test_bylines_in_other_languages_are_no_text(byline: str) -> None:
    # "Von Anna Schmidt, dpa" stayed as the standfirst, and "Por María García" as a passage;
    # sentences that start with those words stay
    article = parse_seed_text(
        f"Hochwasser in Bayern\n{byline}\n\n"
        "Von Berlin aus fuhr der Zug am Morgen wieder nach Hamburg.\n\n"
        f"{byline}\n\n"
        "Di Maio e Salvini\n"
        "Par ailleurs, la ville a vot\u00e9 le budget.\n",
        "a.txt",
    )
    assert article.standfirst == ""
    assert [(p.section, p.text) for p in article.paragraphs] == [
        (None, "Von Berlin aus fuhr der Zug am Morgen wieder nach Hamburg."),
        ("Di Maio e Salvini", "Par ailleurs, la ville a vot\u00e9 le budget."),
    ]


def test_a_headline_over_its_subhead_date_and_author_in_plain_text() -> None:
    # not a copied page: no menu, and the author's name under the date goes with it
    article = parse_seed_text(
        "Bridge reopens\n17 March 2024\nJane Doe\n\n"
        "The bridge reopened on Sunday after a year of repairs, the council said.\n",
        "b.txt",
    )
    assert (article.headline, article.published, article.standfirst) == (
        "Bridge reopens",
        date(2024, 3, 17),
        "",
    )
    assert [p.text for p in article.paragraphs] == [
        "The bridge reopened on Sunday after a year of repairs, the council said."
    ]


def test_two_exports_numbering_their_records_alike_are_both_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("alpha", "beta"):
        lines = [
            record(id=str(n), url=None, headline=f"{name} story {n}", paragraphs=[f"{name} {n}."])
            for n in range(1, 5)
        ]
        write(tmp_path, f"{name}.jsonl", "\n".join(lines))
    copy = record(id="1", url=None, headline="alpha story 1", paragraphs=["alpha 1."])
    write(tmp_path, "gamma.jsonl", copy)  # the same story again: a duplicate, by its text

    result = load_corpus([tmp_path])

    assert [a.id for a in result.articles] == [
        *"1234",
        *(f"beta.jsonl#{n}" for n in "1234"),
    ]
    assert result.duplicates == 1
    [line] = warnings_for(caplog, tmp_path / "beta.jsonl")
    assert line == (
        f"{tmp_path / 'beta.jsonl'}: 4 records numbered as another file's are kept as "
        "beta.jsonl#1, beta.jsonl#2, beta.jsonl#3, ..."
    )
    assert load_corpus([tmp_path]).articles == result.articles  # the same ids every time


def test_exports_of_one_name_in_several_folders_keep_all_their_records(tmp_path: Path) -> None:
    for folder in "abc":
        lines = [record(id=str(n), url=None, headline=f"{folder} {n}") for n in (1, 2)]
        write(tmp_path, f"{folder}/articles.jsonl", "\n".join(lines))

    result = load_corpus([tmp_path])

    ids = [a.id for a in result.articles]
    assert ids[:4] == ["1", "2", "articles.jsonl#1", "articles.jsonl#2"]
    assert ids[4:] == ["c/articles.jsonl#1", "c/articles.jsonl#2"]
    assert result.duplicates == 0


def test_a_long_number_taken_already_names_the_same_story(tmp_path: Path) -> None:
    # a CMS's id: a revision of the same story in another file, not a record's place
    write(tmp_path, "a.jsonl", record(id="4471123", url=None, headline="Old"))
    write(tmp_path, "b.jsonl", record(id="4471123", url=None, headline="Old, revised"))
    assert [a.headline for a in load_corpus([tmp_path]).articles] == ["Old"]


def test_a_folders_own_notes_are_no_articles(tmp_path: Path) -> None:
    # a dataset's README.md, SOURCE.md or LICENSE.txt beside its articles is not news
    for name in ["README.md", "SOURCE.md", "data/License.txt", "data/CHANGELOG.md"]:
        write(tmp_path, name, "# About this dataset\n\nWhere the articles come from.\n")
    write(tmp_path, "data/readme-guide.md", GOOD)
    write(tmp_path, "data/source-of-the-nile.txt", GOOD.replace("Good", "Nile"))

    found = find_files([tmp_path])

    assert found == [tmp_path / "data/readme-guide.md", tmp_path / "data/source-of-the-nile.txt"]
    assert find_files([tmp_path / "README.md"]) == [tmp_path / "README.md"]  # named: it loads


@pytest.mark.parametrize(
    "body",
    [
        # Editor.js
        {
            "body": {
                "blocks": [
                    {"type": "paragraph", "data": {"text": "Ferry fares <b>double</b> from May."}},
                    {"type": "image", "data": {"file": {"url": "a.jpg"}}},
                    {"type": "paragraph", "data": {"text": "Islanders object &amp; protest."}},
                ]
            }
        },
        # Sanity's Portable Text
        {
            "body": [
                {
                    "_type": "block",
                    "children": [
                        {"_type": "span", "text": "Ferry fares "},
                        {"_type": "span", "text": "double from May."},
                    ],
                },
                {
                    "_type": "block",
                    "children": [{"_type": "span", "text": "Islanders object & protest."}],
                },
            ]
        },
        # Draft.js
        {
            "content": {
                "blocks": [
                    {"key": "a", "text": "Ferry fares double from May.", "type": "unstyled"},
                    {"key": "b", "text": "Islanders object & protest.", "type": "unstyled"},
                ],
                "entityMap": {},
            }
        },
        # Strapi's (Slate's) spans, a link's run inside them (verify round, 29th session: the
        # paragraph holding the link was lost)
        {
            "content": [
                {
                    "type": "paragraph",
                    "children": [
                        {"type": "text", "text": "Ferry fares "},
                        {
                            "type": "link",
                            "url": "https://x.example",
                            "children": [{"type": "text", "text": "double"}],
                        },
                        {"type": "text", "text": " from May."},
                    ],
                },
                {
                    "type": "paragraph",
                    "children": [
                        {"type": "text", "text": "Islanders object & protest."},
                        {"_type": "footnote", "note": "Statement, 8 March"},
                    ],
                },
            ]
        },
        # Contentful's rich text
        {
            "body": {
                "nodeType": "document",
                "data": {},
                "content": [
                    {
                        "nodeType": "paragraph",
                        "data": {},
                        "content": [
                            {
                                "nodeType": "text",
                                "value": "Ferry fares double from May.",
                                "marks": [],
                            }
                        ],
                    },
                    {
                        "nodeType": "paragraph",
                        "data": {},
                        "content": [
                            {
                                "nodeType": "text",
                                "value": "Islanders object & protest.",
                                "marks": [],
                            }
                        ],
                    },
                ],
            }
        },
        # Wagtail's StreamField, Tiptap's hard break (verify round 3)
        {
            "body": [
                {
                    "type": "paragraph",
                    "content": [
                        {"type": "text", "text": "Ferry fares"},
                        {"type": "hardBreak"},
                        {"type": "text", "text": "double from May."},
                    ],
                },
                {
                    "type": "quote",
                    "value": {"quote": "Islanders object & protest.", "attribution": "Jo"},
                },
            ]
        },
        # an exporter's HTML blocks
        {
            "paragraphs": [
                {"html": "<p>Ferry fares double from May.</p>"},
                {"html": "<p>Islanders object &amp; protest.</p>"},
            ]
        },
    ],
)
def test_block_structured_bodies_are_read_as_paragraphs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, body: dict[str, Any]
) -> None:
    # probe, 29th session: each was skipped, told to save its blocks "as a list"
    path = write(tmp_path, "story.json", json.dumps({"headline": "Ferry fares", **body}))
    [article] = load_corpus([path]).articles
    assert warnings_for(caplog, path) == []  # an image's block is no stray item
    texts = [p.text for p in article.paragraphs]
    assert texts == ["Ferry fares double from May.", "Islanders object & protest."]


def test_a_blocks_text_in_angle_brackets_is_text_not_a_tag(tmp_path: Path) -> None:
    # verify round 5, 29th session: "<bridge@council.gov.uk>" was read as a tag and dropped
    texts = [
        "Send your views to <bridge@council.gov.uk> until 30 April.",
        "The report is at <https://council.gov.uk/bridge> &amp; runs to 40 pages.",
    ]
    blocks = [{"type": "paragraph", "text": text} for text in texts]
    path = write(tmp_path, "a.json", json.dumps({"headline": "Bridge", "paragraphs": blocks}))
    [article] = load_corpus([path]).articles
    assert [p.text for p in article.paragraphs] == [
        texts[0],
        "The report is at <https://council.gov.uk/bridge> & runs to 40 pages.",
    ]


def test_a_blocks_html_of_several_paragraphs_keeps_its_words_apart(tmp_path: Path) -> None:
    # verify round, 29th session: "...announced.The cap was..." ran into one word
    block = {
        "type": "html",
        "html": "<p>Fares stay capped, it announced.</p><p>The cap was set.</p>",
    }
    path = write(tmp_path, "a.json", json.dumps({"headline": "Fares", "paragraphs": [block]}))
    [article] = load_corpus([path]).articles
    assert [p.text for p in article.paragraphs] == [
        "Fares stay capped, it announced. The cap was set."
    ]


def test_records_joined_by_commas_without_brackets_all_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # verify round, 29th session: the first record alone had loaded, the others dropped
    records = [json.dumps(json.loads(story(key, f"Story {key}")), indent=2) for key in "abc"]
    records[2] = "// batch 2\n" + records[2]  # a comment line among them (verify round 2)
    path = write(tmp_path, "a.json", ",\n".join(records) + "\n")
    assert [a.headline for a in load_corpus([path]).articles] == ["Story a", "Story b", "Story c"]
    assert "records joined by commas" in warnings_for(caplog, path)[0]


def test_a_non_character_in_one_records_html_costs_nothing(tmp_path: Path) -> None:
    # verify round, 29th session: U+FFFF in one body had lost the file's three records
    bodies = ["<p>Harbour story.</p>", "<p>Harbour \uffff story.</p>", "<p>Harbour \ud83d x.</p>"]
    records = [{"headline": f"Story {n}", "body": body} for n, body in enumerate(bodies)]
    path = write(tmp_path, "a.json", json.dumps(records))
    assert len(load_corpus([path]).articles) == 3


@pytest.mark.parametrize(
    "said",
    [
        "Visitors can become a member to get unlimited entry for a year for 30 pounds.",
        # verify round 3
        "Fans can become a member to read the rest of the club's archive online.",
        "Children who want to continue reading, register at any branch library.",
        # verify round 4
        "Become a member to read more than 3,000 e-books free, the library told residents.",
    ],
)
def test_a_sentence_about_becoming_a_member_is_the_storys(said: str) -> None:
    # verify round 2, 29th session: the paywall's words had dropped a club's news
    article = parse_html(_page("Museum", "Museum", _STORY + f"<p>{said}</p>"), "p.html")
    assert article.paragraphs[-1].text == said


@pytest.mark.parametrize("kind", ["recommendation", "subscriber_content", "relatedQuote"])
def test_a_block_whose_kind_merely_holds_a_word_of_an_adverts_is_read(
    tmp_path: Path, kind: str
) -> None:
    # verify round 4, 29th session: kinds were matched by any part of their names
    said = "The inquiry recommended a 20mph limit on every street with a new lane."
    paragraphs = [{"type": "paragraph", "text": "Lanes approved."}, {"type": kind, "text": said}]
    path = write(tmp_path, "a.json", json.dumps({"headline": "Lanes", "paragraphs": paragraphs}))
    [article] = load_corpus([path]).articles
    assert [p.text for p in article.paragraphs] == ["Lanes approved.", said]


@pytest.mark.parametrize(
    "body",
    [
        {"type": "doc", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Lanes approved."}]}]},
        {"root": {"type": "root", "children": [
            {"type": "paragraph", "children": [{"type": "text", "text": "Lanes approved."}]}]}},
    ],
)  # fmt: skip
def test_a_tiptap_or_lexical_document_is_a_body(tmp_path: Path, body: dict[str, Any]) -> None:
    # verify round 4, 29th session: a whole editor document was "not read as records"
    path = write(tmp_path, "a.json", json.dumps({"headline": "Lanes", "body": body}))
    [article] = load_corpus([path]).articles
    assert [p.text for p in article.paragraphs] == ["Lanes approved."]


@pytest.mark.parametrize(
    "stray",
    [
        {"type": "ad", "slot": "mpu-1", "position": "inline"},
        {"type": "related", "headline": "Bus lanes to be extended", "url": "https://x.example/b"},
        {"_type": "image", "caption": "Photo: Getty Images", "asset": {"_ref": "image-abc"}},
        {"type": "paragraph", "attrs": {"textAlign": "left"}, "content": []},
        # verify round 3: a call to sign up and related stories, whatever their fields
        {"_type": "newsletterSignup", "heading": "Get the news", "body": "Sign up for free now."},
        {"_type": "relatedArticles", "heading": "Read more"},
    ],
)
def test_a_block_without_the_storys_text_adds_nothing(
    tmp_path: Path, stray: dict[str, Any]
) -> None:
    # verify round 2, 29th session: reading every string of a block had made an ad's slot,
    # another story's card and a picture's caption paragraphs
    texts = ["Ferry fares double from May.", "Islanders object."]
    paragraphs = [{"type": "paragraph", "text": texts[0]}, stray, {"type": "p", "text": texts[1]}]
    path = write(tmp_path, "a.json", json.dumps({"headline": "Fares", "paragraphs": paragraphs}))
    [article] = load_corpus([path]).articles
    assert [p.text for p in article.paragraphs] == texts


@pytest.mark.parametrize("empty", [[], "", " "])
def test_an_empty_paragraphs_field_beside_a_body_takes_the_body(
    tmp_path: Path, empty: object
) -> None:
    # probe, 29th session: "paragraphs": [] beside "body" had been "no paragraphs"
    obj = {"headline": "Market hall", "paragraphs": empty, "body": "Roof repaired.\n\nStalls open."}
    [article] = load_corpus([write(tmp_path, "a.json", json.dumps(obj))]).articles
    assert [p.text for p in article.paragraphs] == ["Roof repaired.", "Stalls open."]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "a.jsonl",
            '{"headline": "Heron", "body": "<p>Heron &#11; seen \\u000c here.</p><p>Two.</p>"}',
        ),
        ("b.json", '{"headline": "Heron", "body": "<p>Heron \\u001b[2J seen here.</p>"}'),
        ("c.csv", 'title,text\nHeron,"<p>Heron &#27;[2J seen &#x0E; here.</p>"\n'),
        ("d.json", '{"headline": "<b>Heron</b> &#12;", "text": "Heron seen here."}'),
    ],
)
def test_control_characters_in_a_records_html_are_spaces(
    tmp_path: Path, name: str, content: str
) -> None:
    # probe, 29th session: lxml refuses them, and one such record had stopped the whole load
    # with an internal error ("All strings must be XML compatible")
    path = write(tmp_path, name, content)
    [article] = load_corpus([path]).articles
    assert article.headline == "Heron"
    assert article.paragraphs[0].text.startswith("Heron ")
    assert all(ch.isprintable() for p in article.paragraphs for ch in p.text)


def test_a_parser_slip_costs_its_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # a shape no one foresaw must not stop the load: the file is skipped, named
    real = loaders.parse_markdown

    def parse(text: str, origin: str) -> Article:
        if "Bad" in text:
            raise ValueError("a slip")
        return real(text, origin)

    monkeypatch.setattr(loaders, "parse_markdown", parse)
    good = write(tmp_path, "good.md", "# Good\n\nA good story.\n")
    bad = write(tmp_path, "bad.md", "# Bad\n\nA bad story.\n")
    result = load_corpus([tmp_path])
    assert [a.headline for a in result.articles] == ["Good"]
    assert [s.path for s in result.skipped] == [str(bad)]
    assert "ValueError: a slip" in warnings_for(caplog, bad)[0]
    assert warnings_for(caplog, good) == []


@pytest.mark.parametrize("empty", ["nan", "None", "NULL", "N/A", "-", "undefined", "<NA>", "NaT"])
def test_a_placeholder_for_no_source_is_no_source(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, empty: str
) -> None:
    # probe, 29th session: pandas' astype(str) "nan" was shown as the outlet's name, and
    # matched by source:none; as a date or an address it was warned about (verify round)
    table = (
        "title,text,source,description,url,published\n"
        f"Kestrel row,Kestrel text.,{empty},{empty},{empty},{empty}\n"
    )
    record = {"headline": "Kestrel json", "source": empty, "standfirst": empty, "text": "T."}
    page = f"---\ntitle: Kestrel page\nsource: {empty}\n---\n\nKestrel text.\n"
    write(tmp_path, "a.csv", table)
    write(tmp_path, "b.json", json.dumps(record))
    write(tmp_path, "c.md", page)
    articles = load_corpus([tmp_path]).articles
    assert len(articles) == 3
    assert [(a.source, a.standfirst) for a in articles] == [(None, "")] * 3
    assert (articles[0].url, articles[0].published) == (None, None)
    assert warnings_for(caplog, tmp_path / "a.csv") == []


def test_find_files_recursive_sorted_filtered(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a/z.md",
        "a/deep/er/x.JSONL",
        "a/page.htm",
        "notes.rst",
        ".hidden.txt",
        ".git/config.json",
        "a/.cache/c.txt",
        "c.markdown",
        "d.html",
        "e.json",
    ]:
        write(tmp_path, name, "x")

    found = find_files([tmp_path])

    assert found == [
        tmp_path / name
        for name in [
            "a/deep/er/x.JSONL",
            "a/page.htm",
            "a/z.md",
            "b.txt",
            "c.markdown",
            "d.html",
            "e.json",
        ]
    ]
    assert find_files([tmp_path / "b.txt", tmp_path / "a" / "z.md", tmp_path / "b.txt"]) == [
        tmp_path / "a" / "z.md",
        tmp_path / "b.txt",
    ]


def test_a_path_named_again_through_dots_or_a_link_is_read_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "--corpus corp/a.jsonl --corpus corp/../corp/a.jsonl" had read every article twice,
    # and a folder and a link to it had warned about each broken file twice
    corp = tmp_path / "corp"
    write(corp, "a.txt", "Storm floods harbour\n\nThe storm flooded the harbour town.\n")
    write(corp, "broken.json", "{")
    (tmp_path / "link").symlink_to(corp, target_is_directory=True)
    again = corp / ".." / "corp" / "a.txt"

    assert find_files([corp / "a.txt", again]) == [corp / "a.txt"]
    assert find_files([corp, tmp_path / "link"]) == [corp / "a.txt", corp / "broken.json"]
    with caplog.at_level(logging.WARNING):
        result = load_corpus([corp, tmp_path / "link", again])
    assert [a.headline for a in result.articles] == ["Storm floods harbour"]
    assert caplog.text.count("broken.json") == 1


def test_missing_path_is_an_error_suggesting_corpus(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    with pytest.raises(CorpusError, match=r"nowhere: no such file or folder.*--corpus"):
        load_corpus([tmp_path, missing])


def test_a_live_blogs_time_stamps_are_no_paragraphs_or_sections(tmp_path: Path) -> None:
    # copied from a live blog, each post's "4.45am BST" became the section of its text
    posts = [
        "The prime minister has conceded defeat in a short speech outside his count.",
        "Sunderland South has declared first again, for the eighth election running.",
        "Turnout appears to be down in several northern seats, counting agents said.",
    ]
    stamps = ["4.45am BST", "2:10 a.m. ET", "Updated at 11.30pm"]
    text = "Election results live\n\n" + "".join(
        f"{stamp}\n\n{post}\n\n" for stamp, post in zip(stamps, posts, strict=True)
    )
    (article,) = load_file(write(tmp_path, "live.txt", text))
    assert [(p.section, p.text) for p in article.paragraphs] == [(None, post) for post in posts]


# a page's date stamps, as RealTimeQA's records keep them among their paragraphs
STAMPS = [
    "March 20, 2024 Updated March 21, 2024, 4:38 p.m. ET",
    "Jan. 27, 2023 Updated Jan. 30, 2023, 5:07 p.m. ET",
    "Updated July 8, 2026, 7:02 a.m. ET",
    "March 10, 2024, 5:08 a.m. ET",
    "Published 10:05 AM EDT, Thu September 14, 2023",
]
DATED_TEXT = [
    "The mayor resigned on Wednesday after a vote of no confidence, the council said.",
    "On March 20, 2024, at 4:38 p.m. ET, the council met again.",  # a sentence with a date
    "Oct. 3, 1915",  # a timeline's entry: a date alone, not a stamp
    "The Red Sox won the World Series that day.",
]


def test_a_date_stamp_alone_is_no_passage_in_any_format(tmp_path: Path) -> None:
    # "what happened in March 2024" was answered with "March 20, 2024 Updated March 21, ..."
    first, second, third, fourth = DATED_TEXT
    paragraphs = [STAMPS[0], first, "", STAMPS[1], second, third, STAMPS[2], fourth, STAMPS[3]]
    jsonl = record(published="2024-03-20", paragraphs=[*paragraphs, STAMPS[4]])
    cell = "\n\n".join(filter(None, paragraphs))
    table = 'title,published,text\nMayor resigns,2024-03-20,"' + cell.replace('"', '""') + '"\n'
    lines = "\n".join(filter(None, paragraphs))
    seed = f"Mayor resigns\n\n{lines}\n"
    markdown = "# Mayor resigns\n\n" + "\n\n".join(filter(None, paragraphs)) + "\n"
    body = "".join(f"<p>{text}</p>" for text in paragraphs if text)
    page = HTML_PAGE.replace("<h2>", f"<p>{STAMPS[2]}</p><h2>")
    files = {
        "a.jsonl": jsonl,
        "b.csv": table,
        "c.txt": seed,
        "d.md": markdown,
        "e.json": json.dumps({"title": "Mayor resigns", "content_html": body}),
    }
    for name, text in files.items():
        (article,) = load_file(write(tmp_path, name, text))
        if name == "c.txt":  # a date alone over a paragraph of seed text is its section
            assert [(p.section, p.text) for p in article.paragraphs[2:]] == [(third, fourth)]
        else:
            assert [p.text for p in article.paragraphs] == DATED_TEXT, name
    # a labelled date alone heads a timeline's entry: no stamp, it stays
    (timeline,) = load_file(
        write(tmp_path, "t.jsonl", record(paragraphs=["Date: Dec. 25, 2021", "He signed."]))
    )
    assert [p.text for p in timeline.paragraphs] == ["Date: Dec. 25, 2021", "He signed."]
    (json_article,) = load_file(tmp_path / "a.jsonl")
    # positions are the record's own, as with an empty paragraph dropped
    shown = [json_article.source_position(i) for i in range(len(json_article.paragraphs))]
    assert shown == [1, 4, 5, 7]
    assert json_article.published == date(2024, 3, 20)  # the story keeps its date
    (html_article,) = load_file(write(tmp_path, "f.html", page))
    assert STAMPS[2] not in [p.text for p in html_article.paragraphs]
    assert html_article.published == date(2024, 5, 2)


def test_an_undated_story_takes_the_date_of_a_stamp_above_its_text(tmp_path: Path) -> None:
    first, second, *_ = DATED_TEXT
    undated = {"headline": "Mayor resigns", "paragraphs": [STAMPS[1], first, second]}
    dated = {**undated, "id": "2", "published": "2023-01-29"}
    late = {"headline": "Live: storm", "paragraphs": [first, second, "A.", "B.", STAMPS[2]]}
    path = write(tmp_path, "a.jsonl", "\n".join(map(json.dumps, [undated, dated, late])))
    assert [a.published for a in load_file(path)] == [
        date(2023, 1, 27),  # the stamp's first date, as a page's date line
        date(2023, 1, 29),  # a date given stays
        None,  # a stamp far down may be a later post's, not the story's day
    ]
    markdown = f"# Mayor resigns\n\n*{STAMPS[0]}*\n\n{first}\n"
    html_body = {"title": "Mayor resigns", "content_html": f"<p>{STAMPS[3]}</p><p>{first}</p>"}
    loaded = [
        *load_file(write(tmp_path, "b.md", markdown)),
        *load_file(write(tmp_path, "c.json", json.dumps(html_body))),
    ]
    assert [(a.published, [p.text for p in a.paragraphs]) for a in loaded] == [
        (date(2024, 3, 20), [first]),
        (date(2024, 3, 10), [first]),
    ]
    assert loaded[1].source_position(0) == 1  # its place in the body's paragraphs


def test_a_records_text_fields_are_read_as_its_headline_is(tmp_path: Path) -> None:
    # a source's control characters and line breaks were kept: an ESC sequence recoloured a
    # terminal, and "\n2. FAKE RESULT injected" printed as a line of its own in a reply
    fake = "Wire\x1b[31m\n2. FAKE RESULT injected\u2028 &#163;"
    write(
        tmp_path,
        "a.jsonl",
        json.dumps(
            {
                "headline": "Dam project approved - Wire [31m 2. FAKE RESULT injected \u00a3",
                "paragraphs": ["The council approved the dam."],
                "source": fake,
                "id": " wire\t1\n",
                "url": " https://x.example/dam\n-project\t",
            }
        ),
    )
    write(
        tmp_path,
        "b.csv",
        'headline,text,source,url\nBridge shut,The bridge shut.,"Daily\x1b[2J\n\tPost  ",'
        '"https://x.example/bridge"\n',
    )
    write(tmp_path, "c.json", json.dumps({**record_obj(id="c", url=None), "source": " \x1b\n "}))

    result = load_corpus([tmp_path])

    dam, bridge, blank = result.articles
    assert dam.source == "Wire [31m 2. FAKE RESULT injected \u00a3"
    assert dam.headline == "Dam project approved"  # " - {source}" read as its outlet
    assert (dam.id, dam.url) == ("wire 1", "https://x.example/dam-project")
    assert bridge.source == "Daily [2J Post"
    assert blank.source is None


def test_a_records_source_given_as_a_web_address_is_its_url_and_host(tmp_path: Path) -> None:
    # a scraper's source column held the page's address: it was shown as the outlet's name
    bridge = record(source="https://www.localnews.example/bridge", url=None)
    kept = record(id="2", source="https://news.example.org", url="https://news.example.org/b")
    named = record(id="3", source=None, url=None, publisher="https://www.herald.example/news/")
    table = "title,source,url,text\nMuseum reopens,https://news.example.org,,The museum opens.\n"
    clipped = "---\ntitle: Pier closed\nsource: https://www.example.com/news/pier\n---\n"
    loaded = [
        *load_file(write(tmp_path, "a.jsonl", "\n".join([bridge, kept, named]))),
        *load_file(write(tmp_path, "b.csv", table)),
        *load_file(write(tmp_path, "c.md", clipped + BODY_MD)),
    ]
    assert [(a.source, a.url) for a in loaded] == [
        ("localnews.example", "https://www.localnews.example/bridge"),
        ("news.example.org", "https://news.example.org/b"),  # a URL given stays
        ("herald.example", "https://www.herald.example/news/"),
        ("news.example.org", None),  # a site's front page names its source, not the story
        ("example.com", "https://www.example.com/news/pier"),  # as front matter reads it
    ]


def test_a_corpus_link_to_nothing_says_what_is_wrong_with_it(tmp_path: Path) -> None:
    # "no such file or folder" for a link that is there, in a loop or to a deleted file
    loop, other, dangling = tmp_path / "l1", tmp_path / "l2", tmp_path / "d"
    loop.symlink_to(other)
    other.symlink_to(loop)
    dangling.symlink_to(tmp_path / "deleted.jsonl")
    with pytest.raises(CorpusError, match=r"l1: a symbolic link in a loop; .*--corpus"):
        load_corpus([loop])
    with pytest.raises(CorpusError, match=r"d: a symbolic link to .*deleted\.jsonl, which does "):
        load_corpus([dangling])


def test_load_result_lists_every_file_looked_at(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "sub/bad.json", "{")

    result = load_corpus([tmp_path])

    assert isinstance(result, LoadResult)
    assert result.files == (str(good), str(bad))
    assert [s.path for s in result.skipped] == [str(bad)]


# --- the fast paths agree with articles.py -----------------------------------------------------

TRICKY = [
    "Plain ASCII text.",
    "  leading and trailing  ",
    "tabs\tand\nnewlines\r\nand\x0bvertical\x0cfeeds",
    "no\u00a0break\u2003em\u3000ideographic\u2028line\u2029para\x85next\x1cfs",
    "Cafe\u0301 decomposed",
    "Caf\u00e9 composed",
    "Stra\u00dfe GROSS \u1e9e \ufb01 \uff21\uff22 \u00bd \u2026 \u00b4 \u00a8x",
    "zero\u200bwidth\u00adsoft",
    "\u201cquoted\u201d \u2018it\u2019s\u2019 a \u2014 b \u2013 c -- d - e\u2026 f ... g",
    "\u201e \u2014 \u2026 - \u2033x\u2032",
    "\u0301 starts with a combining mark",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_clean_matches_normalize_space(text: str) -> None:
    assert loaders._clean(text) == normalize_space(text)


def test_every_whitespace_but_space_is_unprintable() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]

    assert [c for c in spaces if c.isprintable()] == [" "]


def test_fingerprint_matches_text_fingerprint() -> None:
    lines = [normalize_space(t) for t in TRICKY if normalize_space(t)]
    articles = [
        parse_json_record({"headline": lines[i], "paragraphs": lines[:i] or ["x"]}, "t.jsonl")
        for i in range(len(lines))
    ]
    articles.append(parse_seed_text(SEED, "seed.txt"))

    assert [loaders._fingerprint(a) for a in articles] == [a.text_fingerprint() for a in articles]


# --- what a corpus folder may hold ----------------------------------------------------------


VOLCANO_TXT = "Volcano erupts in Iceland\n\nLava reached the edge of Grindavik on Sunday.\n"


def test_a_url_that_cannot_be_parsed_is_dropped_with_a_warning_and_the_article_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # urlsplit raises on these: the whole load stopped with a traceback
    (tmp_path / "a.json").write_text(record(url="http://[::1"))
    (tmp_path / "b.txt").write_text("---\nurl: http://a]b\n---\n" + VOLCANO_TXT)
    (tmp_path / "c.md").write_text(
        "---\nurl: https://ex\u2100ample.com/\n---\n# Markets rally\n\nStocks rose.\n"
    )
    result = load_corpus([tmp_path])

    assert sorted(a.headline for a in result.articles) == sorted(
        ["Dam project approved", "Volcano erupts in Iceland", "Markets rally"]
    )
    assert all(a.url is None for a in result.articles)
    for name in ("a.json", "b.txt", "c.md"):
        [line] = warnings_for(caplog, tmp_path / name)
        assert "not a valid URL" in line


def test_stories_that_give_a_front_page_as_their_url_are_all_kept(tmp_path: Path) -> None:
    # a scraper that stored the site's home page as every record's url
    towns = ["Alston", "Bampton", "Chard"]
    lines = [
        {
            "headline": f"{town} market hall restored",
            "url": url,
            "paragraphs": [f"The {town} market hall reopened after a restoration."],
        }
        for town, url in zip(
            towns,
            [
                "https://www.localnews.example/",
                "https://www.localnews.example",
                "https://www.localnews.example/index.html",
            ],
            strict=True,
        )
    ]
    path = tmp_path / "scrape.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))

    result = load_corpus([path])

    assert [a.headline for a in result.articles] == [f"{t} market hall restored" for t in towns]
    assert result.duplicates == 0
    assert len({a.id for a in result.articles}) == 3
    assert result.articles[0].url == "https://www.localnews.example/"  # still its link


def test_a_page_whose_url_is_its_sites_front_page_has_no_url(tmp_path: Path) -> None:
    def page(town: str) -> str:
        return (
            f"<html><head><title>{town} library saved</title>"
            '<meta property="og:url" content="https://www.example.com/">'
            f"</head><body><article><h1>{town} library saved</h1>"
            f"<p>{town} library will stay open after a campaign by readers raised the money.</p>"
            f"<p>The council had planned to close the {town} branch in the spring.</p>"
            "</article></body></html>"
        )

    for town in ("Nairn", "Penrith"):
        (tmp_path / f"{town}.html").write_text(page(town))

    result = load_corpus([tmp_path])

    assert sorted(a.headline for a in result.articles) == [
        "Nairn library saved",
        "Penrith library saved",
    ]
    assert all(a.url is None for a in result.articles)


def test_other_stories_at_one_url_are_kept_and_its_copies_are_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a section's or a language's front page given as each story's own URL: its second story
    # had been dropped as the first's copy ("its URL is that of ..."); only "/" and index
    # pages were known to name no story
    url = "https://www.example.com/news/"
    lines = [
        {"headline": "Epsom library saved", "url": url, "paragraphs": ["Epsom keeps it."]},
        {"headline": "Epsom library saved", "url": url, "paragraphs": ["Epsom keeps it!"]},
        {"headline": "Frodsham pool shut", "url": url, "paragraphs": ["The pool closed."]},
        {"headline": "Frodsham pool shuts", "url": url, "paragraphs": ["The pool closed."]},
        {"headline": "Rates held", "url": "https://x.example/en/", "paragraphs": ["Held at 5%."]},
        {
            "headline": "Tarifs gel\u00e9s",
            "url": "https://x.example/en",
            "paragraphs": ["Les taux restent \u00e0 5%."],
        },
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))

    with caplog.at_level(logging.WARNING, logger="retrieval.loaders"):
        result = load_corpus([path])

    assert [a.headline for a in result.articles] == [
        "Epsom library saved",
        "Frodsham pool shut",
        "Rates held",
        "Tarifs gel\u00e9s",
    ]
    assert result.duplicates == 2  # the same headline, or the same text
    [warning] = [r.getMessage() for r in caplog.records]  # retitled: named, as ever
    assert "dropped 'Frodsham pool shuts'" in warning
    assert "is that of 'Frodsham pool shut'" in warning
    assert len({a.id for a in result.articles}) == 4  # ids made from the URL, and the text


def test_a_story_updated_under_its_url_and_another_headline_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://www.example.com/news/2024/dam-opens"
    body = [
        "The new dam on the river Wye opened on Tuesday after six years of building work.",
        "The council said the reservoir would supply forty thousand homes from the spring.",
    ]
    edited = [body[0].replace("Tuesday", "Wednesday"), body[1], "Updated at 14:00."]
    lines = [
        {"headline": "Dam opens", "url": url, "paragraphs": body},
        {"headline": "Dam opens to the public", "url": url, "paragraphs": edited},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))

    with caplog.at_level(logging.WARNING, logger="retrieval.loaders"):
        result = load_corpus([path])

    assert [a.headline for a in result.articles] == ["Dam opens"]
    assert result.duplicates == 1
    [warning] = [r.getMessage() for r in caplog.records]
    assert "'Dam opens to the public'" in warning
    assert "is that of 'Dam opens'" in warning


def test_other_exports_names_for_the_fields_are_read(tmp_path: Path) -> None:
    # a news API's answer: title, description, content as one string, a source object
    answer = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": "bbc-news", "name": "BBC News"},
                "title": "Harbour wall repaired",
                "description": "Work on the harbour wall is finished.",
                "url": "https://www.bbc.example/news/harbour",
                "publishedAt": "2024-04-02T10:00:00Z",
                "content": "The harbour wall was repaired after the storm.\n\nBoats can moor "
                "again from Monday.",
            },
            {"title": "Ferry back", "link": "https://x.example/ferry", "text": "Line one.\nTwo."},
        ],
    }
    path = write(tmp_path, "api.json", json.dumps(answer))

    harbour, ferry = load_file(path)

    assert harbour.headline == "Harbour wall repaired"
    assert harbour.standfirst == "Work on the harbour wall is finished."
    assert [p.text for p in harbour.paragraphs] == [
        "The harbour wall was repaired after the storm.",
        "Boats can moor again from Monday.",
    ]
    assert (harbour.source, harbour.published) == ("BBC News", date(2024, 4, 2))
    assert harbour.url == "https://www.bbc.example/news/harbour"
    assert ferry.url == "https://x.example/ferry"
    assert [p.text for p in ferry.paragraphs] == ["Line one.", "Two."]


@pytest.mark.parametrize(
    ("name", "export"),
    [
        (  # JSON Feed 1.1: the feed's own title is no article's
            "feed.json",
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Harbour Gazette",
                "items": [
                    {
                        "id": "1",
                        "url": "https://gazette.example/ferry",
                        "title": "Ferry strike",
                        "content_text": "Ferry crews walked out.\n\nTalks resume on Friday.",
                        "date_published": "2024-04-02T09:00:00Z",
                    }
                ],
            },
        ),
        (  # the Guardian's content API: the body under "fields"
            "guardian.json",
            {
                "response": {
                    "status": "ok",
                    "results": [
                        {
                            "webTitle": "Ferry strike",
                            "webUrl": "https://gazette.example/ferry",
                            "webPublicationDate": "2024-04-02T09:00:00Z",
                            "fields": {
                                "bodyText": "Ferry crews walked out.\n\nTalks resume on Friday."
                            },
                        }
                    ],
                }
            },
        ),
        (  # feedparser's entries, saved as JSON: content is a list of {type, value}
            "entries.json",
            {
                "feed": {"title": "Harbour Gazette"},
                "entries": [
                    {
                        "title": "Ferry strike",
                        "link": "https://gazette.example/ferry",
                        "published": "2024-04-02T09:00:00Z",
                        "content": [
                            {
                                "type": "text/html",
                                "value": "<p>Ferry crews walked out.</p>"
                                "<p>Talks resume on Friday.</p>",
                            }
                        ],
                    }
                ],
            },
        ),
        (  # newspaper3k's keys; the New York Times' headline object
            "scraped.json",
            [
                {
                    "headline": {"main": "Ferry strike"},
                    "url": "https://gazette.example/ferry",
                    "publish_date": "2024-04-02 09:00:00",
                    "text": "Ferry crews walked out.\n\nTalks resume on Friday.",
                }
            ],
        ),
        (  # the Google Reader API's (Inoreader's, FreshRSS's export): skipped whole
            "starred.json",
            {
                "id": "user/1005/state/com.google/starred",
                "items": [
                    {
                        "title": "Ferry strike",
                        "published": 1712048400,
                        "canonical": [{"href": "https://gazette.example/ferry"}],
                        "summary": {
                            "direction": "ltr",
                            "content": "<p>Ferry crews walked out.</p><p>Talks resume on "
                            "Friday.</p>",
                        },
                        "origin": {"streamId": "feed/x", "title": "Harbour Gazette"},
                    }
                ],
            },
        ),
    ],
)
def test_exports_that_wrap_their_articles_or_name_fields_otherwise_load(
    tmp_path: Path, name: str, export: object
) -> None:
    # each was skipped whole ("no paragraphs", "no headline") or lost its date
    [article] = load_file(write(tmp_path, name, json.dumps(export)))
    assert article.headline == "Ferry strike"
    assert [p.text for p in article.paragraphs] == [
        "Ferry crews walked out.",
        "Talks resume on Friday.",
    ]
    assert (article.published, article.url) == (date(2024, 4, 2), "https://gazette.example/ferry")


@pytest.mark.parametrize(("label", "codec"), [("x-mac-roman", "mac_roman"), ("Shift_JIS", "cp932")])
def test_a_saved_feeds_encoding_is_read_as_browsers_read_it(
    tmp_path: Path, label: str, codec: str
) -> None:
    # feedparser read the label as Python's codec: "cafŽ", or the whole feed as windows-1252
    text = "東京で大雨、① 避難は三千人。" if codec == "cp932" else "The café reopened."
    rss = (
        f'<?xml version="1.0" encoding="{label}"?><rss version="2.0"><channel><title>Quay'
        "</title><item><title>Quay news</title><link>https://quay.example/cafe</link>"
        f"<description>{text}</description></item></channel></rss>"
    )
    (article,) = load_file(write(tmp_path, "quay.rss", rss.encode(codec)))

    assert [p.text for p in article.paragraphs] == [text]


def test_a_feed_saved_to_disk_loads_its_items(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # .rss and .atom files were passed over without a word (and "unsupported" when named)
    rss = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/"><channel><title>Alpine Post</title><item><title>Avalanche warning</title>'
        "<link>https://alpine.example/avalanche</link><pubDate>Sat, 10 Feb 2024 07:00:00 +0100"
        "</pubDate><description>Level 4 in the Valais.</description><content:encoded><![CDATA["
        "<p>The warning was raised to level 4.</p><p>Ski runs closed.</p>]]></content:encoded>"
        "</item><item><title>No text at all</title></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Delta Times'
        "</title><entry><title>Mangroves planted</title><link href='https://delta.example/m'/>"
        "<updated>2024-03-01T08:00:00Z</updated><summary>A million seedlings went in.</summary>"
        "</entry></feed>"
    )
    write(tmp_path, "alpine.rss", rss)
    write(tmp_path, "delta.atom", atom)
    broken = write(tmp_path, "broken.rss", "<html><body>Not a feed</body></html>")

    result = load_corpus([tmp_path])

    by_headline = {a.headline: a for a in result.articles}
    avalanche, mangroves = by_headline["Avalanche warning"], by_headline["Mangroves planted"]
    assert [p.text for p in avalanche.paragraphs] == [
        "The warning was raised to level 4.",
        "Ski runs closed.",
    ]
    assert (avalanche.source, avalanche.published) == ("Alpine Post", date(2024, 2, 10))
    assert avalanche.url == "https://alpine.example/avalanche"
    assert [p.text for p in mangroves.paragraphs] == ["A million seedlings went in."]
    assert (mangroves.source, mangroves.published) == ("Delta Times", date(2024, 3, 1))
    assert [skipped.path for skipped in result.skipped] == [str(broken)]
    assert "item 2, 'No text at all': no text, only a title" in caplog.text  # named


def test_a_feed_saved_as_xml_loads_and_other_xml_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "rss.xml" (the BBC's feed, saved) was passed over without a word, and "unsupported
    # file type" when named
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="/x.xsl"?>'
        '\n<!-- generated by the CMS --><rss version="2.0"><channel><title>BBC News</title>'
        "<item><title>Harbour crane collapse</title><link>https://bbc.example/c1</link>"
        "<description>A crane collapsed.</description></item></channel></rss>"
    )
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Delta Times</title><entry><title>'
        "Mangroves planted</title><link href='https://delta.example/m'/><summary>A million "
        "seedlings went in.</summary></entry></feed>"
    )
    rdf = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel><title>Old Gazette</title></channel><item>'
        "<title>Mill reopens</title><link>https://gazette.example/mill</link><description>The "
        "mill reopened.</description></item></rdf:RDF>"
    )
    write(tmp_path, "rss.xml", rss)
    write(tmp_path, "atom.xml", "\ufeff" + atom)
    write(tmp_path, "b/feed.XML", rdf)
    sitemap = write(tmp_path, "sitemap.xml", '<?xml version="1.0"?><urlset></urlset>')
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.4")

    result = load_corpus([tmp_path])

    assert sorted((a.headline, a.source) for a in result.articles) == [
        ("Harbour crane collapse", "BBC News"),
        ("Mangroves planted", "Delta Times"),
        ("Mill reopens", "Old Gazette"),
    ]
    assert result.skipped == ()
    assert one_line_logs(caplog)[:1] == [
        f"ignored 2 files ({pdf}, {sitemap}): PDF and non-feed XML documents are not read; "
        "save the articles as web pages (.html) or text (.txt)"
    ]
    caplog.clear()
    assert find_files([sitemap]) == []
    assert one_line_logs(caplog) == [f"ignored {sitemap}: an XML file that is no RSS or Atom feed"]
    assert find_files([tmp_path / "rss.xml"]) == [tmp_path / "rss.xml"]


def test_a_json_feed_saved_to_disk_has_its_source_as_one_read_by_url(tmp_path: Path) -> None:
    # read as a list of records, its items had no source ("source:quay" found nothing),
    # though `newsbot ingest` of the feed's URL gives them its title
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Quay Times",
        "home_page_url": "https://quay.example/",
        "items": [
            {
                "id": "q1",
                "url": "https://quay.example/q1",
                "title": "Quay wall rebuilt",
                "content_html": "<p>The wall was rebuilt.</p><p>Granite came from the quarry.</p>",
                "date_published": "2024-04-01T08:00:00Z",
            },
            {"id": "q2", "url": "/news/q2", "title": "Ferry back", "content_text": "It sails."},
            # an id that is the item's path, as many feeds make it: still its link
            {"id": "/news/q3", "url": "/news/q3", "title": "Pier shut", "content_text": "Shut."},
        ],
    }
    wall, ferry, pier = load_file(write(tmp_path, "feed.json", json.dumps(feed)))
    assert pier.url == "https://quay.example/news/q3"

    assert (wall.source, wall.id, wall.published) == ("Quay Times", "q1", date(2024, 4, 1))
    assert [p.text for p in wall.paragraphs] == [
        "The wall was rebuilt.",
        "Granite came from the quarry.",
    ]
    assert (ferry.source, ferry.url) == ("Quay Times", "https://quay.example/news/q2")


def test_a_saved_json_feeds_untitled_item_takes_its_first_sentence_as_by_url(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # it was dropped as "no headline (expected 'headline' or 'title'; its keys: 'id',
    # 'guidislink', 'link', 'published', ...)", feedparser's keys, though read by URL it was
    # stored under its first sentence
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Lake Post",
        "items": [
            {
                "id": "l1",
                "content_html": "<p>Lake Ostra froze overnight. Skaters came at dawn.</p>",
                "date_published": "2024-01-10T08:00:00Z",
            },
            {"id": "l2", "title": "Ice report", "date_published": "2024-01-11T08:00:00Z"},
        ],
    }
    with caplog.at_level("WARNING"):
        result = load_corpus([write(tmp_path, "feed.json", json.dumps(feed))])

    [lake] = result.articles
    assert (lake.headline, lake.id, lake.source) == (
        "Lake Ostra froze overnight.",
        "l1",
        "Lake Post",
    )
    [warning] = [r.getMessage() for r in caplog.records]
    # named by its title, not by the JSON fields it lacks (an RSS item's were feedparser's)
    assert warning.endswith("skipped item 2, 'Ice report': no text, only a title")
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Post</title>'
        "<item><title>Only a title</title><link>https://post.example/1</link></item>"
        "</channel></rss>"
    )
    titles = load_corpus([write(tmp_path, "titles.rss", rss)])
    assert [skip.reason for skip in titles.skipped] == ["no item has text, only titles (1 item)"]


def test_a_saved_feeds_items_read_as_the_news_desk_reads_them(tmp_path: Path) -> None:
    # titles given as HTML showed "&amp;" and "<b>"; a text with escaped markup its entities;
    # a relative link stayed "/news/1", and two sites' same paths made one story; a summary
    # feedparser copied from the content repeated the text; an aggregator's item took the
    # feed's name as its source and kept " - Reuters" in its headline
    rss = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/"><channel><title>Quokka Times &amp; Co</title><link>https://q.example/'
        "</link><item><title><![CDATA[Quokka selfies <b>banned</b> &amp; fined]]></title>"
        "<link>/news/1</link><description>Tourists taking selfies &amp;lt;script&amp;gt; "
        "will be fined.</description></item><item><title>Library hours</title>"
        "<link>https://q.example/library</link><content:encoded><![CDATA[<p>The library "
        "opens on Sundays.</p><p>It costs $40,000.</p>]]></content:encoded></item><item>"
        "<title>Fed holds rates steady - Reuters</title><link>https://q.example/fed</link>"
        '<source url="https://www.reuters.com">Reuters</source><description>The Fed held '
        "rates.</description></item></channel></rss>"
    )
    selfies, library, fed = load_file(write(tmp_path, "q.rss", rss))
    assert selfies.headline == "Quokka selfies banned & fined"
    assert [p.text for p in selfies.paragraphs] == [
        "Tourists taking selfies <script> will be fined."
    ]
    assert (selfies.url, selfies.source) == ("https://q.example/news/1", "Quokka Times & Co")
    assert library.standfirst == ""
    assert [p.text for p in library.paragraphs] == [
        "The library opens on Sundays.",
        "It costs $40,000.",
    ]
    assert (fed.headline, fed.source) == ("Fed holds rates steady", "Reuters")


def test_newline_delimited_json_loads_under_either_name(tmp_path: Path) -> None:
    record = {"headline": "Ferry strike", "paragraphs": ["Ferry crews walked out."]}
    for name in ("a.jsonl", "b.ndjson"):  # .ndjson was "unsupported file type"
        [article] = load_file(write(tmp_path, name, json.dumps(record) + "\n"))
        assert article.headline == "Ferry strike"


def test_a_record_with_only_a_description_is_that_text_and_loses_the_cut_mark() -> None:
    # NewsAPI gives content null for some sources, and cuts the rest with "[+2113 chars]"
    only = {"title": "Floods", "description": "Floods killed 38.", "content": None}
    cut = {"title": "Eruption", "content": "Lava flowed east\u2026 [+2113 chars]"}
    floods, eruption = (parse_json_record(record, "api.json") for record in (only, cut))
    assert ([p.text for p in floods.paragraphs], floods.standfirst) == (["Floods killed 38."], "")
    assert [p.text for p in eruption.paragraphs] == ["Lava flowed east"]


def test_a_null_paragraph_or_a_blank_date_loses_nothing() -> None:
    record = {"headline": "Quiet", "published": " ", "paragraphs": ["One.", None, "Three."]}
    notes: list[str] = []
    article = parse_json_record(record, "x.json", notes)
    assert [(p.text, p.source_index) for p in article.paragraphs] == [("One.", 0), ("Three.", 2)]
    assert article.published is None
    assert notes == []  # blank is no date given, not a bad one


def test_the_schema_reads_other_names_for_fields_it_lacks_or_leaves_empty() -> None:
    record = {
        "headline": "Pier closed",
        "paragraphs": "The pier closed.\n\nRepairs start soon.",  # one string
        "date": "2024-04-02",
        "url": None,
        "link": "https://x.example/pier",
        "source": {"id": None, "name": "Coast News"},
    }
    article = parse_json_record(record, "x.json")
    assert [p.text for p in article.paragraphs] == ["The pier closed.", "Repairs start soon."]
    assert (article.published, article.url) == (date(2024, 4, 2), "https://x.example/pier")
    assert article.source == "Coast News"


def test_a_wordpress_record_loads_with_its_html_as_paragraphs() -> None:
    record = {
        "id": 5,
        "date": "2024-04-20T10:00:00",
        "link": "https://ex.example/p/5",
        "title": {"rendered": "Niger orders troops out"},
        "content": {
            "rendered": "<p>The junta <b>ordered</b> it.</p>\n<p>Talks go on &amp; on.</p>"
        },
    }
    article = parse_json_record(record, "wp.json")
    assert article.headline == "Niger orders troops out"
    assert [p.text for p in article.paragraphs] == ["The junta ordered it.", "Talks go on & on."]
    assert article.published == date(2024, 4, 20)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # the WP REST API escapes every "&" of a `title.rendered`
        (
            {"rendered": "Tram line &#8216;opens&#8217; &amp; riders cheer"},
            "Tram line \u2018opens\u2019 & riders cheer",
        ),
        ({"rendered": "M&amp;S <em>Live</em>: Q&amp;A"}, "M&S Live: Q&A"),
        ({"rendered": "Related: bus fares frozen"}, "Related: bus fares frozen"),  # kept whole
        # a title holding HTML's tags is HTML; one without stays as written
        ("Title with <b>bold</b> &amp; entity", "Title with bold & entity"),
        ("R&amp;D budget cut", "R&amp;D budget cut"),
    ],
)
def test_a_json_title_given_as_html_is_read_as_its_text(title: object, headline: str) -> None:
    record = {"title": title, "content": {"rendered": "<p>The tram opened.</p>"}}
    assert parse_json_record(record, "wp.json").headline == headline


def test_an_html_body_paragraphed_with_blank_lines_of_breaks_is_split_there() -> None:
    body = (
        "<p>The council voted for the plan.<br><br>Funding comes from the state.<br/>"
        "It pays for half.<br /> \n <br>Works start in May.</p><p>Next block.</p>"
    )
    article = parse_json_record({"headline": "Plan passes", "body": body}, "x.json")
    assert [p.text for p in article.paragraphs] == [
        "The council voted for the plan.",
        "Funding comes from the state. It pays for half.",  # one break is a line, not a paragraph
        "Works start in May.",
        "Next block.",
    ]


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        (  # the text before the first block was lost without a word
            "Volunteers counted 412 hedgehogs.<br><br>That is 30 more.<p>It runs each spring.</p>",
            ["Volunteers counted 412 hedgehogs.", "That is 30 more.", "It runs each spring."],
        ),
        (
            "Kiln fire in Stoke.\n<p>Crews came at 3am.</p>",
            ["Kiln fire in Stoke.", "Crews came at 3am."],
        ),
        (  # inline markup only: the tags and entities stayed as written
            "The <b>mayor</b> said the <a href='https://x.example'>tram</a> opens &amp; "
            "costs &pound;40m.",
            ["The mayor said the tram opens & costs \u00a340m."],
        ),
        (  # divs: their texts were glued ("sailings.Fares")
            "<div>Two extra sailings.</div><div>Fares stay the same.</div>",
            ["Two extra sailings.", "Fares stay the same."],
        ),
        (
            "<div>Orchid found.<div class='ad'>ADVERTISEMENT</div><p>Keep away.</p></div>",
            ["Orchid found.", "Keep away."],
        ),
    ],
)
def test_an_html_body_keeps_all_its_text_and_loses_its_markup(
    body: str, paragraphs: list[str]
) -> None:
    record = {"title": "T", "content": body, "description": "<p>A <i>short</i> summary.</p>"}
    article = parse_json_record(record, "x.json")
    assert [p.text for p in article.paragraphs] == paragraphs
    assert article.standfirst == "A short summary."


def _placed(article: Article) -> list[tuple[str, int]]:
    """An article's paragraphs with their places in the source's list (`ask --json`'s
    `paragraph`)."""
    return [(p.text, article.source_position(at)) for at, p in enumerate(article.paragraphs)]


STORM_ITEMS = [
    "<p>The storm made landfall on <b>Sunday</b> near Galveston &amp; Houston.</p>",
    "<p>Advertisement</p>",
    "<p>Officials said 3,000 homes lost power.</p>",
]


@pytest.mark.parametrize(
    "fields",
    [
        {"paragraphs": STORM_ITEMS},  # the schema of shared/data/*/articles.jsonl
        {"paragraphs": ..., "body": STORM_ITEMS},
        {"paragraphs": ..., "body": json.dumps(STORM_ITEMS)},  # the list written out as text
    ],
)
def test_a_list_of_html_paragraphs_is_read_as_html_each_item_in_its_place(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    # probe, 31st session: the tags and entities were indexed and "<p>Advertisement</p>"
    # was a paragraph
    path = write(tmp_path, "storm.jsonl", record(id="a1", headline="Storm hits coast", **fields))
    [article] = load_corpus([path]).articles
    assert _placed(article) == [
        ("The storm made landfall on Sunday near Galveston & Houston.", 0),
        ("Officials said 3,000 homes lost power.", 2),  # `paragraph` is still its item's place
    ]


def test_html_paragraph_items_lose_the_lines_an_html_body_loses_and_keep_their_places() -> None:
    items = [
        "<p>Crews worked <em>overnight</em>.</p><p>Roads reopen on Monday.</p>",
        "<p>Read more: <a href='/floods'>Floods close the A39</a></p>",
        "<div><p>Schools stay shut.</p><div class='ad'>ADVERTISEMENT</div></div>",
    ]
    article = parse_json_record({"headline": "Storm", "paragraphs": items}, "x.json")
    assert _placed(article) == [
        # an item of several blocks is one paragraph: it is one place in the source's list
        ("Crews worked overnight. Roads reopen on Monday.", 0),
        ("Schools stay shut.", 2),
    ]


def test_html_items_of_inline_markup_only_lose_advertisement_lines() -> None:
    # an item without blocks kept the lines a block loses
    items = ["<strong>Advertisement</strong>", "Crews <b>worked</b> overnight.", "Read more"]
    article = parse_json_record({"headline": "Storm", "paragraphs": items}, "x.json")
    assert _placed(article) == [("Crews worked overnight.", 1)]


def test_text_items_in_angle_brackets_stay_text_beside_html_items() -> None:
    texts = [
        "Tickets cost < $5 for children.",
        "Send your views to <bridge@council.gov.uk> until 30 April.",
        "Smith &amp; Sons built the pier.",  # a body of HTML escapes its text's "&" too
    ]
    items = ["<p>Pier opens.</p>", *texts]
    mixed = parse_json_record({"headline": "Pier", "paragraphs": items}, "x.json")
    assert [p.text for p in mixed.paragraphs] == [
        "Pier opens.",
        *texts[:2],
        "Smith & Sons built the pier.",
    ]
    # a list holding no tag is text as written, as a headline without tags is
    plain = parse_json_record({"headline": "Pier", "paragraphs": texts}, "x.json")
    assert [p.text for p in plain.paragraphs] == texts


# prose about markup: tech news names tags, a sum compares letters (verifier, 31st session:
# these lists had lost "<a href> and <script>", "<div>" and "<b and b>")
TAG_PROSE = [
    "Researchers found that the comment box accepted raw <a href> and <script> tags.",
    "An attacker could close the <div> and insert a fake login form.",
    "Students proved that if x<b and b>y then the bound holds.",
    "Wrap the word in <strong> to make it bold, or <em> for italics.",
    "Vendors fixed the flaw in version 12 & later.",
    "Use an <iframe> to embed the video, or <img src> for a still.",
]


def test_a_text_list_that_names_tags_is_kept_word_for_word() -> None:
    article = parse_json_record({"headline": "Flaw", "paragraphs": TAG_PROSE}, "x.json")
    assert [p.text for p in article.paragraphs] == TAG_PROSE


def test_prose_naming_tags_keeps_its_words_beside_html_items() -> None:
    items = ["<p>Browsers were <b>patched</b> on Monday.</p>", *TAG_PROSE[:3]]
    article = parse_json_record({"headline": "Flaw", "paragraphs": items}, "x.json")
    assert [p.text for p in article.paragraphs] == ["Browsers were patched on Monday.", *items[1:]]


DAM = "Firefighters at the dam"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ('<img src="dam.jpg" alt="The dam">', None),
        ("<img src=dam.jpg>", None),
        ('<iframe src="https://video.example/embed/dam"></iframe>', None),
        ("<script>var x = 1 < 2;</script>", None),
        ("<p>Text then a script</p><script>window.dataLayer = [];</script>", "Text then a script"),
        (f"<figure><img src='dam.jpg'><figcaption>{DAM}</figcaption></figure>", DAM),
        (f"<figcaption>{DAM}</figcaption>", DAM),
        (f"<li>{DAM}", DAM),  # a <p> or <li> needs no end tag
        ("Firefighters<br>at the dam", DAM),
    ],
)
def test_items_of_other_tags_are_read_as_html(markup: str, text: str | None) -> None:
    # verifier, 31st session: an item whose only tags were not among `_HTML_TAG`'s kept its
    # markup; a script's and an embed's are no text, a caption is as a body's is
    items = ["Officials spoke.", markup, "The dam held."]
    article = parse_json_record({"headline": "Dam", "paragraphs": items}, "x.json")
    shown = [(text, 1)] if text else []
    assert _placed(article) == [("Officials spoke.", 0), *shown, ("The dam held.", 2)]


def test_html_strings_beside_blocks_are_read_as_html() -> None:
    items = [{"type": "image", "url": "https://x.example/pier.jpg"}, "<p>Pier <b>opens</b>.</p>"]
    article = parse_json_record({"headline": "Pier", "paragraphs": items}, "x.json")
    assert _placed(article) == [("Pier opens.", 1)]


def test_the_schemas_own_names_come_first() -> None:
    record = {"headline": "Real", "title": "Other", "paragraphs": ["Kept."], "text": "Not."}
    article = parse_json_record(record, "x.json")
    assert (article.headline, [p.text for p in article.paragraphs]) == ("Real", ["Kept."])


def test_records_with_one_headline_and_no_id_or_url_are_both_kept(tmp_path: Path) -> None:
    # the id made from the file and headline collided, and the second story was dropped
    lines = [
        {"headline": "Live: election updates", "paragraphs": ["Polls opened at seven."]},
        {"headline": "Live: election updates", "paragraphs": ["Turnout reached forty percent."]},
        {"headline": "Live: election updates", "paragraphs": ["Polls opened at seven."]},  # a copy
    ]
    path = tmp_path / "live.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))
    result = load_corpus([path])

    assert [a.paragraphs[0].text for a in result.articles] == [
        "Polls opened at seven.",
        "Turnout reached forty percent.",
    ]
    assert result.duplicates == 1
    first, second = result.articles
    assert first.id == stable_id(path.name, "Live: election updates")  # as before
    assert second.id != first.id
    assert load_corpus([path]).articles == result.articles  # the same ids every time


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_device_in_a_folder_is_skipped_not_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # reading a FIFO blocks until a writer comes; /dev/zero never ends
    (tmp_path / "a.txt").write_text(VOLCANO_TXT)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")

    assert find_files([tmp_path]) == [tmp_path / "a.txt"]  # listed, never opened
    for name in ("pipe.txt", "zero.txt"):
        assert warnings_for(caplog, tmp_path / name) == [
            f"ignored {tmp_path / name}: not a regular file"
        ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_files_in_a_folder_that_cannot_be_read_are_counted_as_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each was named in a warning, "ignored", but left out of the skipped files the
    # summary counts ("skipped 8 files" where 12 were not loaded)
    (tmp_path / "a.txt").write_text(VOLCANO_TXT)
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(VOLCANO_TXT)
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:  # what a folder of another user's gives
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)

    result = load_corpus([tmp_path])

    assert [a.origin for a in result.articles] == [str(tmp_path / "a.txt")]
    assert sorted(result.skipped, key=lambda s: s.path) == [
        Skipped(
            str(tmp_path / "dangling.txt"), "a symbolic link to nowhere.txt, which does not exist"
        ),
        Skipped(str(tmp_path / "locked"), "Permission denied"),
        Skipped(str(tmp_path / "loop1.txt"), "a symbolic link in a loop"),
        Skipped(str(tmp_path / "loop2.txt"), "a symbolic link in a loop"),
        Skipped(str(tmp_path / "pipe.txt"), "not a regular file"),
    ]


def test_a_link_to_nothing_without_an_article_suffix_is_named_and_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a link with no suffix is most likely one to a folder (an archive on a share that is not
    # mounted): the suffix filter had dropped it before the link was looked at, so its whole
    # folder of articles went without a word, and out of the skipped files' count
    (tmp_path / "a.txt").write_text(VOLCANO_TXT)
    (tmp_path / "archive").symlink_to("/nonexistent/newsbot-test/archive")
    (tmp_path / "x").symlink_to("y")  # a loop of links with no suffix
    (tmp_path / "y").symlink_to("x")
    (tmp_path / "old.2023").symlink_to("gone")  # a folder's name may hold a dot
    (tmp_path / "linked").symlink_to("a.txt")  # a link to a file of no known kind: as before
    (tmp_path / "notes").write_text("not an article")  # a file of no known kind: as before
    (tmp_path / ".hidden").symlink_to("gone")  # hidden: passed over, as before
    ignored: list[tuple[str, str]] = []

    assert find_files([tmp_path], ignored) == [tmp_path / "a.txt"]

    assert sorted(ignored) == [
        (
            str(tmp_path / "archive"),
            "a symbolic link to /nonexistent/newsbot-test/archive, which does not exist",
        ),
        (str(tmp_path / "old.2023"), "a symbolic link to gone, which does not exist"),
        (str(tmp_path / "x"), "a symbolic link in a loop"),
        (str(tmp_path / "y"), "a symbolic link in a loop"),
    ]
    assert warnings_for(caplog, tmp_path / "archive") == [
        f"ignored {tmp_path / 'archive'}: a symbolic link to /nonexistent/newsbot-test/archive, "
        "which does not exist"
    ]
    for quiet in ("linked", "notes", ".hidden"):
        assert not warnings_for(caplog, tmp_path / quiet)


def test_linked_folders_are_read_once_and_a_link_back_up_does_not_loop(tmp_path: Path) -> None:
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (corpus / "sub" / "a.txt").write_text(VOLCANO_TXT)
    (elsewhere / "b.md").write_text("# Markets rally\n\nStocks rose on Monday.\n")
    (corpus / "news").symlink_to(elsewhere)  # a linked folder: was skipped without a word
    (corpus / "sub" / "up").symlink_to(corpus)  # a loop

    assert find_files([corpus]) == [corpus / "news" / "b.md", corpus / "sub" / "a.txt"]


def test_a_folder_that_cannot_be_listed_is_named_in_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(VOLCANO_TXT)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(VOLCANO_TXT)
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:  # what a folder of another user's gives
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)

    assert find_files([tmp_path]) == [tmp_path / "open" / "a.txt"]
    assert warnings_for(caplog, tmp_path / "locked") == [
        f"ignored {tmp_path / 'locked'}: Permission denied"
    ]


def test_a_folder_that_can_be_listed_but_not_entered_is_skipped_and_the_rest_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `chmod 644 locked`: its names are listed, but each file's stat gives "Permission
    # denied", and the PermissionError stopped every command, naming locked/b.txt. The
    # tests may run as root, where the kernel lets root in anyway, so stat is made to
    # refuse as it does for anyone else.
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(VOLCANO_TXT)
    (tmp_path / "locked" / "inner").mkdir(parents=True)
    (tmp_path / "locked" / "b.txt").write_text(VOLCANO_TXT)
    (tmp_path / "locked" / "inner" / "c.txt").write_text(VOLCANO_TXT)
    locked = str(tmp_path / "locked") + os.sep
    real_stat, real_lstat = os.stat, os.lstat

    def refuse(real: Any) -> Any:
        def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
            if os.fspath(path).startswith(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return stat

    monkeypatch.setattr(os, "stat", refuse(real_stat))
    monkeypatch.setattr(os, "lstat", refuse(real_lstat))

    result = load_corpus([tmp_path])

    assert [a.origin for a in result.articles] == [str(tmp_path / "open" / "a.txt")]
    reason = "Permission denied: the folder can be listed but not entered; chmod +x it"
    assert result.skipped == (Skipped(str(tmp_path / "locked"), reason),)
    assert warnings_for(caplog, tmp_path / "locked") == [f"ignored {tmp_path / 'locked'}: {reason}"]


def test_a_file_name_cannot_forge_a_warning_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text(VOLCANO_TXT)
    (tmp_path / "evil\nWARNING fake.txt").mkdir()
    (tmp_path / "evil\nWARNING fake.txt" / "b.txt").write_text("")
    load_corpus([tmp_path])

    skipped = [r.getMessage() for r in caplog.records if "empty" in r.getMessage()]
    assert skipped == [f"skipped {tmp_path}/evil\\nWARNING fake.txt/b.txt: empty file"]


def test_markdown_lines_that_backtracked_for_minutes_parse_at_once() -> None:
    # each of these lines of 20,000 repeats took 7-50 s (quadratic patterns); a subprocess,
    # so that a regression fails on the timeout instead of stalling the suite
    code = """
import sys
from retrieval.loaders import parse_markdown
for piece in ["[", "![", "<https://", "[a](", "**a", "~~a~"]:
    parse_markdown("# Title\\n\\n" + piece * 20000 + "\\n", "x.md")
for line in ["# a" + " " * 20000 + "b", "# a" + " \\t" * 20000 + "b"]:
    assert parse_markdown(line + "\\n\\nBody.\\n", "x.md").headline.startswith("a")
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_markdown_links_keep_their_text() -> None:
    article = parse_markdown(
        "# T\n\nSee [the report](https://en.wikipedia.org/wiki/Foo_(bar)), ![x](a.png)"
        " [ref][1] and <https://x.com/a>.\n",
        "x.md",
    )
    assert article.paragraphs[0].text == "See the report, ref and https://x.com/a."


def test_a_json_error_message_says_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.jsonl", '{"headline": "Cut sho\n')
    [skipped] = load_corpus([path]).skipped
    assert "Unterminated string starting at column 14" in skipped.reason


def test_a_line_separator_inside_a_seed_paragraph_does_not_split_it() -> None:
    # str.splitlines broke the paragraph there, and its first half became a section heading
    text = "Headline here\n\nA paragraph with\u2028a separator inside it.\nAnd\x0canother one.\n"
    article = parse_seed_text(text, "x.txt")
    assert [(p.text, p.section) for p in article.paragraphs] == [
        ("A paragraph with a separator inside it.", None),
        ("And another one.", None),
    ]


def test_a_derived_id_is_the_same_wherever_the_corpus_lies_and_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an article without its own id or URL: its id must not depend on the checkout's place,
    # the working folder, or a relative or absolute --corpus
    write(tmp_path, "one/seeds/niger.txt", SEED)
    write(tmp_path, "two/copy/niger.txt", SEED)
    monkeypatch.chdir(tmp_path / "one")

    ids = {
        load_corpus([Path(given)]).articles[0].id
        for given in (
            "seeds",
            "seeds/niger.txt",
            str(tmp_path / "one/seeds"),
            str(tmp_path / "two"),
        )
    }

    assert ids == {stable_id("niger.txt", NIGER_HEADLINE)}


_LATIN1_PAGE = (
    "<html><head>{meta}<title>Café owners protest in Zürich</title></head><body><article>"
    "<h1>Café owners protest in Zürich</h1><p>Owners of cafés in Zürich marched on Monday "
    "against a new tax on terraces, which the city council approved last week.</p><p>The "
    "protest drew about 2,000 people, the police said, and ended peacefully near the lake."
    "</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("meta", "name"),
    [
        ('<meta charset="iso-8859-1">', "page.html"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "p.htm"),
        ("", "page.html"),  # declares nothing and is not UTF-8: a browser reads windows-1252
        ("", "page.xhtml"),  # XHTML declares it in its first line (prefixed below)
    ],
)
def test_a_saved_page_in_the_encoding_it_declares_loads(
    tmp_path: Path, meta: str, name: str
) -> None:
    """Older sites and saved pages declare iso-8859-1 or windows-1252, or nothing; a browser
    reads them (an undeclared one, and XHTML's <?xml encoding?>, were skipped)."""
    page = _LATIN1_PAGE.format(meta=meta)
    if name.endswith(".xhtml"):
        page = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + page
    path = write(tmp_path, name, page.encode("latin-1"))
    (article,) = load_file(path)
    assert article.headline == "Café owners protest in Zürich"
    assert "cafés in Zürich" in article.paragraphs[0].text


@pytest.mark.parametrize(
    ("meta", "name", "before"),
    [
        # only a page's markup declares: not a Markdown note's raw HTML (a page saved as .md,
        # starting "<html>", is a page)
        ('<meta charset="iso-8859-1">', "notes.md", "# Café notes\n\n"),
    ],
)
def test_text_in_another_encoding_is_still_skipped_unless_a_page_declares_it(
    tmp_path: Path, meta: str, name: str, before: str
) -> None:
    path = write(tmp_path, name, (before + _LATIN1_PAGE.format(meta=meta)).encode("latin-1"))
    with pytest.raises(CorpusError, match="not UTF-8 text"):
        load_file(path)


def test_a_page_saying_latin1_is_read_as_windows_1252_as_browsers_do(tmp_path: Path) -> None:
    """Pages that say iso-8859-1 hold windows-1252's curly quotes (0x92): read as latin-1
    they became control characters, shown as boxes."""
    page = _LATIN1_PAGE.format(meta='<meta charset="iso-8859-1">').replace(
        "approved last week.", "approved last week. \u201cWe don\u2019t have the votes.\u201d"
    )
    path = write(tmp_path, "page.html", page.encode("cp1252"))
    (article,) = load_file(path)
    assert "\u201cWe don\u2019t have the votes.\u201d" in article.paragraphs[0].text


@pytest.mark.parametrize(
    "charset",
    # no browser knows these: "undefined" and "idna" had raised a plain UnicodeError past
    # the loader; the others were skipped as "not UTF-8 text ... convert it to UTF-8"
    ["undefined", "idna", "no-such-codec", "none", "foo-bar", "utf-7", "rot13", "utf-32"],
)
def test_a_page_declaring_a_charset_browsers_do_not_know_is_read_as_windows_1252(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, charset: str
) -> None:
    page = _LATIN1_PAGE.format(meta=f'<meta charset="{charset}">').replace(
        "approved last week.", "approved last week. \u201cWe don\u2019t have the votes.\u201d"
    )
    path = write(tmp_path, "p.html", page.encode("cp1252"))

    (article,) = load_file(path)

    assert article.headline == "Café owners protest in Zürich"
    assert "\u201cWe don\u2019t have the votes.\u201d" in article.paragraphs[0].text
    assert warnings_for(caplog, path) == [
        f"{path}: declares charset '{charset}', which browsers do not know: read as "
        "windows-1252, as they do; if letters look wrong, save the page again"
    ]


_SHIFT_JIS_PAGE = (
    '<html><head><meta charset="{charset}"><title>東京で地震</title></head><body><article>'
    "<h1>東京で地震</h1><p>東京で大きな地震がありました。多くの人々が避難しました。{bad}"
    "政府は緊急会議を開きました。</p><p>気象庁によると、震源は東京湾で、津波の心配はありません。"
    "</p></article></body></html>"
)


@pytest.mark.parametrize("charset", ["Shift_JIS", "windows-31j", "sjis"])
def test_a_page_in_its_declared_charset_with_a_stray_byte_loads_with_a_replacement_character(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, charset: str
) -> None:
    # one byte Shift_JIS cannot read had the page skipped as "not UTF-8 text"
    page = _SHIFT_JIS_PAGE.format(charset=charset, bad="BAD").encode("cp932")
    at = page.index(b"BAD")
    path = write(tmp_path, "tokyo.html", page.replace(b"BAD", b"\x81 "))

    (article,) = load_file(path)

    assert article.headline == "東京で地震"
    assert "避難しました。\ufffd 政府は" in article.paragraphs[0].text
    assert warnings_for(caplog, path) == [
        f"{path}: declares charset '{charset}', but holds bytes not in it (1, the first 0x81 at "
        f"offset {at}): read as U+FFFD, as a browser shows them"
    ]


@pytest.mark.parametrize(
    ("charset", "codec"),
    [
        ("x-mac-roman", "mac_roman"),  # labels browsers know and Python does not
        ("macintosh", "mac_roman"),
        ("x-mac-cyrillic", "mac_cyrillic"),
        ("x-user-defined", "cp1252"),  # the HTML standard reads a <meta> saying so so
        ("ISO-8859-9", "cp1254"),  # as browsers read it: windows-1254, which Latin-5 is in
        ("EUC-KR", "cp949"),
    ],
)
def test_a_page_declaring_a_browser_label_is_read_as_browsers_read_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, charset: str, codec: str
) -> None:
    page = _LATIN1_PAGE.format(meta=f'<meta charset="{charset}">')
    if codec in ("mac_cyrillic", "cp949"):  # a city in the charset's own script
        page = page.replace("é", "e").replace("Zürich", "Москва" if "cyr" in codec else "서울")
    path = write(tmp_path, "p.html", page.encode(codec))

    (article,) = load_file(path)

    assert article.headline == page.split("<h1>")[1].split("</h1>")[0]
    assert not warnings_for(caplog, path)


def test_a_utf16_label_on_a_page_of_ascii_compatible_bytes_is_read_as_utf8(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # browsers read it as UTF-8 (the bytes saying "utf-16" are ASCII); it had been skipped
    page = _LATIN1_PAGE.format(meta='<meta charset="utf-16">').replace(
        "peacefully", "peacefully \x92"
    )
    path = write(tmp_path, "p.html", page.encode("utf-8").replace(b"\xc2\x92", b"\x92"))

    (article,) = load_file(path)

    assert article.headline == "Café owners protest in Zürich"
    assert "peacefully \ufffd near the lake" in article.paragraphs[1].text
    (warning,) = warnings_for(caplog, path)
    assert warning.startswith(
        f"{path}: says charset 'utf-16', which browsers read as UTF-8, but is not UTF-8 "
        "(byte 0x92 at offset "
    )


def test_a_folder_nested_a_thousand_levels_deep_is_read_and_the_load_goes_on(
    tmp_path: Path,
) -> None:
    # os.walk recurses in Python 3.11: such a folder stopped the load with a RecursionError
    write(tmp_path, "niger.txt", SEED)
    chain = [tmp_path / "d"]
    for _ in range(1199):
        chain.append(chain[-1] / "d")
    try:
        for folder in chain:
            folder.mkdir()  # not os.makedirs: it recurses too
        (chain[-1] / "volcano.txt").write_text(VOLCANO_TXT)

        result = load_corpus([tmp_path])

        assert result.files == (str(chain[-1] / "volcano.txt"), str(tmp_path / "niger.txt"))
        assert len(result.articles) == 2
        assert result.skipped == ()
    finally:  # pytest's clean-up of old tmp_paths (shutil.rmtree) recurses too
        (chain[-1] / "volcano.txt").unlink(missing_ok=True)
        for folder in reversed(chain):
            if folder.is_dir():
                folder.rmdir()


def one_line_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Every message the loaders logged, each checked to be one line."""
    messages = [r.getMessage() for r in caplog.records if r.name == "retrieval.loaders"]
    assert all("\n" not in m and "\r" not in m for m in messages), messages
    return messages


def test_an_id_cannot_forge_a_warning_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # load_corpus showed the raw id of a dropped record: a second, forged log line
    caplog.set_level(logging.DEBUG, "retrieval.loaders")
    evil = "dup\nWARNING forged: evil line"
    path = write(
        tmp_path,
        "a.jsonl",
        record(id=evil)
        + "\n"
        + record(id=evil, headline="Other", url=None)
        + "\n"
        # the same text twice: the second is a duplicate (a debug line naming its id)
        + record(id=evil, url=None)
        + "\n",
    )

    result = load_corpus([path])

    shown = "dup WARNING forged: evil line"  # read as a headline is: its line break a space
    assert [a.id for a in result.articles] == [shown]
    messages = one_line_logs(caplog)
    assert (
        f"dropped 'Other' from {path}: its id {shown} is already used by an article from {path}"
        in messages
    )
    assert any(m.startswith(f"duplicate {shown} (") for m in messages)


@pytest.mark.parametrize("given", ["nan", "NaN", "null", "None", " nan ", float("nan")])
def test_a_placeholder_id_is_no_id(tmp_path: Path, given: object) -> None:
    # pandas writes "nan" for a missing id: every record but the first was dropped as
    # another with the same id
    lines = [
        record(id=given, headline=f"Story {n}", url=None, paragraphs=[f"Text of story {n}."])
        for n in (1, 2, 3)
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")

    result = load_corpus([path])

    assert [a.headline for a in result.articles] == ["Story 1", "Story 2", "Story 3"]
    assert len({a.id for a in result.articles}) == 3
    assert not any(a.id.strip().casefold() in ("nan", "null", "none") for a in result.articles)


def test_a_given_path_cannot_forge_a_warning_or_error_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    unsupported = write(tmp_path, "evil\nWARNING forged.pdf", "%PDF")

    assert find_files([unsupported]) == []
    assert one_line_logs(caplog) == [
        f"ignored {tmp_path}/evil\\nWARNING forged.pdf: PDF documents are not read; save the "
        "articles as web pages (.html) or text (.txt)"
    ]
    with pytest.raises(CorpusError) as raised:
        find_files([tmp_path / "gone\nWARNING forged"])
    assert str(raised.value).startswith(f"{tmp_path}/gone\\nWARNING forged: no such file")


def test_a_parsers_reason_cannot_forge_a_warning_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reasons the parsers give today are one line; one that is not must stay one line too
    real = loaders.parse_json_record

    def quoting(obj: Any, origin: str, notes: list[str] | None = None) -> Article:
        if obj.get("headline") == "evil":
            raise CorpusError("bad record\nWARNING forged: evil line")
        return real(obj, origin, notes)

    monkeypatch.setattr(loaders, "parse_json_record", quoting)
    monkeypatch.setattr(
        loaders, "parse_seed_text", lambda text, origin: quoting({"headline": "evil"}, origin)
    )
    jsonl = write(tmp_path, "a.jsonl", record() + "\n" + record(headline="evil") + "\n")
    txt = write(tmp_path, "b.txt", GOOD)

    result = load_corpus([tmp_path])

    assert len(result.articles) == 1
    assert result.skipped == (Skipped(str(txt), "bad record\\nWARNING forged: evil line"),)
    assert one_line_logs(caplog) == [
        f"{jsonl}: skipped line 2: bad record\\nWARNING forged: evil line",
        f"skipped {txt}: bad record\\nWARNING forged: evil line",
    ]


REDIRECT_STUB = (
    '<html><head><meta http-equiv="refresh" content="0; url=https://example.com/story">'
    "<title>Redirecting...</title></head><body><p>Redirecting to "
    '<a href="https://example.com/story">https://example.com/story</a></p></body></html>'
)


def test_a_redirect_page_is_skipped_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # it was indexed as an article "Redirecting...", and answered questions
    write(tmp_path, "niger.txt", SEED)
    stub = write(tmp_path, "story.html", REDIRECT_STUB)

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == [NIGER_HEADLINE]
    reason = "a redirect page to 'https://example.com/story'"
    assert result.skipped == (Skipped(str(stub), reason),)
    assert warnings_for(caplog, stub) == [f"skipped {stub}: {reason}"]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta http-equiv="refresh" content="300">',  # a news page reloading itself
        '<meta http-equiv="Refresh" content="0; URL=https://m.herald.example.com/news">',
    ],
)
def test_an_article_page_with_a_meta_refresh_still_loads(meta: str) -> None:
    article = parse_html(HTML_PAGE.replace("</head>", meta + "</head>"), "page.html")
    assert article.headline == "Harbour bridge reopens after repairs"


def test_a_bom_at_the_start_of_a_jsonl_line_is_read_past(tmp_path: Path) -> None:
    # two JSONL files concatenated: the second one's BOM starts a line, which was skipped
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    path = write(tmp_path, "a.jsonl", "\ufeff" + record() + "\n\ufeff" + second + "\n")

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]


def test_a_jsonl_file_with_lone_cr_line_ends_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # classic Mac line ends: the file was skipped as "Extra data at column 109"
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    path = write(tmp_path, "a.jsonl", record() + "\r" + '{"headline": 1}\r' + second + "\r")

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 2: 'headline' must be a string, got a number"
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_json_lines_in_a_json_file_are_read_as_jsonl(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, end: str
) -> None:
    # Kaggle's News Category Dataset is one object a line in a .json file: it was skipped
    # whole ("malformed JSON (Extra data ...; name the file .jsonl)")
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    path = write(tmp_path, "a.json", record() + end + '{"headline": 1}' + end + second + end)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 2: 'headline' must be a string, got a number"
    ]


def test_json_files_joined_into_one_json_file_are_read(tmp_path: Path) -> None:
    # `cat a.json b.json > c.json`: two pretty-printed records, "Extra data" at the second
    first = json.dumps(record_obj(), indent=2)
    second = json.dumps(record_obj(id="wire-2", url="https://rivertimes.example/2"), indent=2)
    path = write(tmp_path, "c.json", first + "\n" + second + "\n")

    assert [a.id for a in load_file(path)] == ["wire-1", "wire-2"]


@pytest.mark.parametrize("text", ['{"a": 1} {"b": 2}', '{"a": 1}\n]', '[1]\n"a"'])
def test_other_extra_data_in_a_json_file_is_malformed_json(tmp_path: Path, text: str) -> None:
    [skipped] = load_corpus([write(tmp_path, "a.json", text)]).skipped
    assert skipped.reason.startswith("malformed JSON (Extra data")
    assert "jsonl" not in skipped.reason


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="windows-1252">', '<meta charset="iso-8859-1">', '<meta charset="cp1252">'],
)
def test_a_windows_1252_page_with_an_undefined_byte_is_read_as_browsers_do(
    tmp_path: Path, meta: str
) -> None:
    # Python's cp1252 raises on 0x81, 0x8d, 0x8f, 0x90, 0x9d: the page was skipped as "not
    # UTF-8"; WHATWG reads them as the C1 controls U+0081 ...
    page = _LATIN1_PAGE.format(meta=meta).replace("cafés in", "caf\u00e9s\u0081 in")
    path = write(tmp_path, "page.html", page.encode("latin-1"))
    (article,) = load_file(path)
    assert article.headline == "Café owners protest in Zürich"
    assert "Owners of cafés" in article.paragraphs[0].text


def test_a_pasted_headers_source_that_is_an_address_is_the_url_and_its_host(
    tmp_path: Path,
) -> None:
    # "Source: https://www.example.com/news/pier" stayed the source's name, the address shown
    text = (
        "Title: Pier reopens after storm\nSource: https://www.example.com/news/pier\n\n"
        "The pier reopened on Monday after repairs.\n"
    )
    (article,) = load_file(write(tmp_path, "pier.txt", text))
    assert (article.source, article.url) == ("example.com", "https://www.example.com/news/pier")


def test_a_record_with_a_wrongly_typed_optional_field_loads_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # each had been skipped whole ("0 files skipped": the records were lost without a word
    # at later starts)
    records = [
        {"id": 3.0, "headline": "Pandas id", "paragraphs": ["Yaks graze."]},  # pandas' id
        {"id": "u1", "headline": "URL list", "url": ["https://ex.com/okapi"], "paragraphs": ["x"]},
        {"id": "s1", "headline": "Source list", "source": ["CNN"], "paragraphs": ["Tapirs."]},
        {"id": "s2", "headline": "Source number", "source": 7, "paragraphs": ["Dingos."]},
        {"id": "st", "headline": "Standfirst number", "standfirst": 5, "paragraphs": ["Emus."]},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    articles = load_file(path)

    assert [a.id for a in articles] == ["3", "u1", "s1", "s2", "st"]
    assert articles[1].url == "https://ex.com/okapi"
    assert articles[2].source == "CNN"
    assert (articles[3].source, articles[4].standfirst) == (None, "")
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warned == [
        f"{path}: line 4: 'source' must be a string, got a number; loaded without it",
        f"{path}: line 5: 'standfirst' must be a string, got a number; loaded without it",
    ]


# --- real-world exports: news APIs' placeholders, dates no story has, e-mail, shapes --------


def _newsapi(*articles: dict[str, object]) -> str:
    """A NewsAPI answer holding the given articles."""
    return json.dumps({"status": "ok", "totalResults": len(articles), "articles": articles})


_REMOVED_RECORD = {
    "source": {"id": None, "name": "[Removed]"},
    "author": None,
    "title": "[Removed]",
    "description": "[Removed]",
    "url": "https://removed.com",
    "urlToImage": None,
    "publishedAt": "1970-01-01T00:00:00Z",
    "content": "[Removed]",
}


def test_newsapis_removed_records_are_skipped_with_one_warning_for_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # each loaded as a story "[Removed]" of 1 January 1970, listed among the newest
    real = {
        "source": {"id": "reuters", "name": "Reuters"},
        "title": "Fed holds rates steady",
        "url": "https://www.reuters.com/markets/fed",
        "publishedAt": "2024-05-01T18:00:00Z",
        "content": "The Federal Reserve held interest rates steady on Wednesday.",
    }
    path = write(tmp_path, "top.json", _newsapi(_REMOVED_RECORD, real, _REMOVED_RECORD))
    lines = write(tmp_path, "lines.jsonl", f"{json.dumps(_REMOVED_RECORD)}\n{json.dumps(real)}\n")

    for given in (path, lines):
        [article] = load_file(given)
        assert (article.headline, article.published) == ("Fed holds rates steady", date(2024, 5, 1))
    assert warnings_for(caplog, path) == [
        f'{path}: skipped 2 records NewsAPI marks "[Removed]" (taken down at the source)'
    ]
    assert warnings_for(caplog, lines) == [
        f'{lines}: skipped 1 line NewsAPI marks "[Removed]" (taken down at the source)'
    ]


def test_a_file_of_only_removed_records_is_skipped_saying_so(tmp_path: Path) -> None:
    path = write(tmp_path, "top.json", _newsapi(_REMOVED_RECORD, _REMOVED_RECORD))
    [skipped] = load_corpus([path]).skipped
    assert skipped.reason == (
        'no articles: all its 2 records NewsAPI marks "[Removed]" (taken down at the source)'
    )


@pytest.mark.parametrize(
    "written",
    [
        "0001-01-01T00:00:00",  # .NET's DateTime.MinValue
        "1899-12-30",  # Excel's day 0
        "Thu, 01 Jan 1970 00:00:00 +0000",  # Unix time 0
        "1969-12-31T19:00:00-05:00",  # Unix time 0, in New York
        "1970-01-01",
    ],
)
def test_a_placeholder_date_in_a_record_is_no_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, written: str
) -> None:
    # "Scraper · 1 Jan 1", listed among the newest stories; feeds read these as undated
    path = write(tmp_path, "a.jsonl", record(published=written) + "\n")
    [article] = load_file(path)
    assert article.published is None
    assert warnings_for(caplog, path) == [
        f"{path}: line 1: 'published' {written!r} is a placeholder, not the story's date; "
        "loaded without a date"
    ]


def test_a_placeholder_date_in_front_matter_is_no_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "---\ndate: 0001-01-01T00:00:00Z\n---\n# Pier reopens\n\nThe pier reopened.\n"
    path = write(tmp_path, "pier.md", text)
    [article] = load_file(path)
    assert article.published is None
    assert warnings_for(caplog, path) == [
        f"{path}: 'date' '0001-01-01T00:00:00Z' is a placeholder, not the "
        "story's date; loaded without a date"
    ]


@pytest.mark.parametrize("written", ["2099-12-31T00:00:00Z", "9999-12-31T23:59:59Z"])
def test_a_date_in_the_future_in_a_record_is_no_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, written: str
) -> None:
    # kept as written: hidden from "latest" but shown in answers, and never pruned
    path = write(tmp_path, "a.jsonl", record(published=written) + "\n")
    [article] = load_file(path)
    assert article.published is None
    assert warnings_for(caplog, path) == [
        f"{path}: line 1: 'published' {written!r} is in the future; loaded without a date"
    ]


@pytest.mark.parametrize("ahead", [1, 300])
def test_a_date_within_a_year_ahead_is_kept(ahead: int) -> None:
    # a zone ahead of UTC is a day ahead; a machine whose clock is months behind must not
    # lose a recent corpus's dates
    later = (datetime.now(UTC) + timedelta(days=ahead)).date()
    notes: list[str] = []
    article = parse_json_record(record_obj(published=later.isoformat()), "a.json", notes)
    assert (article.published, notes) == (later, [])


def test_a_date_line_or_a_file_name_in_the_future_is_no_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # dates no record key gives: a pasted page's date line, a Jekyll post's name
    text = "Sunday, 31 December 2099\nPier reopens\n\nThe pier reopened on Monday.\n"
    pasted = write(tmp_path, "pier.txt", text)
    post = write(tmp_path, "2099-05-20-garden.md", "# Garden opens\n\nThe garden opened.\n")
    assert parse_seed_text(text, "pier.txt").published == date(2099, 12, 31)  # as written

    [pier], [garden] = load_file(pasted), load_file(post)

    assert (pier.published, garden.published) == (None, None)
    assert warnings_for(caplog, pasted) == [
        f"{pasted}: 'Pier reopens' is dated 2099-12-31, in the future; loaded without a date"
    ]
    assert warnings_for(caplog, post) == [
        f"{post}: 'Garden opens' is dated 2099-05-20, in the future; loaded without a date"
    ]


@pytest.mark.parametrize(
    "header",
    [
        # Apple Mail's and Thunderbird's "Save as text"
        "From: Morning Brief <news@ex.com>\nSubject: Harbour reopens after storm\n"
        "Date: 1 May 2024 at 09:00:00 BST\nTo: me@ex.com\n",
        # Outlook's, tab-separated, the date "Sent:"
        "From:\tMorning Brief <news@ex.com>\nSent:\tWednesday, May 1, 2024 9:00 AM\n"
        "To:\tme@ex.com\nSubject:\tHarbour reopens after storm\n",
    ],
)
def test_an_e_mail_saved_as_text_is_headed_by_its_subject_and_dated_by_its_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, header: str
) -> None:
    # its headline was "From: Morning Brief <news@ex.com>", the other header lines its standfirst
    body = "\nFishing boats returned on Tuesday.\n\nRepairs will cost 12 million kroner.\n"
    path = write(tmp_path, "mail.txt", header + body)
    [article] = load_file(path)
    assert (article.headline, article.published) == (
        "Harbour reopens after storm",
        date(2024, 5, 1),
    )
    assert article.standfirst == ""
    assert [p.text for p in article.paragraphs] == [
        "Fishing boats returned on Tuesday.",
        "Repairs will cost 12 million kroner.",
    ]
    assert warnings_for(caplog, path) == []


_HARBOUR = {
    "title": "Harbour reopens",
    "content": "Boats returned on Tuesday.",
    "date": "2024-05-01",
}
_BRIDGE = {
    "title": "Bridge closes",
    "content": "The bridge shuts for repairs.",
    "date": "2024-05-02",
}


@pytest.mark.parametrize(
    "export",
    [
        # mediastack's and TheNewsAPI's answer: a list under "data" beside its pagination
        {"pagination": {"limit": 25, "count": 2}, "data": [_HARBOUR, _BRIDGE]},
        # Event Registry's: the list one level down in "articles"
        {"articles": {"results": [_HARBOUR, _BRIDGE], "totalResults": 2, "page": 1}},
        # Firebase's export: records keyed by their ids
        {"articles": {"-NaBc1": _HARBOUR, "-NaBc2": _BRIDGE}},
        # pandas' df.to_json() (orient="columns", its default) and orient="index"
        {key: {"0": _HARBOUR[key], "1": _BRIDGE[key]} for key in _HARBOUR},
        {"0": _HARBOUR, "1": _BRIDGE},
        # orient="split" and orient="table"
        {
            "columns": list(_HARBOUR),
            "index": [0, 1],
            "data": [list(_HARBOUR.values()), list(_BRIDGE.values())],
        },
        {
            "schema": {"fields": [], "primaryKey": ["index"]},
            "data": [{"index": 0, **_HARBOUR}, {"index": 1, **_BRIDGE}],
        },
    ],
    ids=[
        "data",
        "articles.results",
        "firebase",
        "pandas-columns",
        "pandas-index",
        "split",
        "table",
    ],
)
def test_a_json_exports_records_are_read_in_its_shape(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, export: dict[str, Any]
) -> None:
    # each was skipped whole: "no headline (... its keys: 'pagination', 'data')", "'headline'
    # must be a string, got an object"
    path = write(tmp_path, "export.json", json.dumps(export))
    articles = load_file(path)
    assert [(a.headline, a.paragraphs[0].text, a.published) for a in articles] == [
        ("Harbour reopens", "Boats returned on Tuesday.", date(2024, 5, 1)),
        ("Bridge closes", "The bridge shuts for repairs.", date(2024, 5, 2)),
    ]
    assert warnings_for(caplog, path) == []


def test_a_record_holding_a_list_under_data_is_one_record(tmp_path: Path) -> None:
    single = {**_HARBOUR, "data": [{"chart": 1}, {"chart": 2}]}  # a record, not a wrapper
    [article] = load_file(write(tmp_path, "one.json", json.dumps(single)))
    assert article.headline == "Harbour reopens"


def test_event_registrys_source_title_is_the_source() -> None:
    source = {"uri": "ex.com", "dataType": "news", "title": "Example News"}
    article = parse_json_record({**_HARBOUR, "source": source}, "er.json")
    assert article.source == "Example News"


@pytest.mark.parametrize(
    ("export", "hint"),
    [
        (
            {"took": 3, "hits": {"total": 1, "hits": [{"_source": _HARBOUR}]}},
            "; the list of 1 objects under 'hits.hits' is not read as records: save them as a "
            "list (or JSON Lines, one a line), or under 'articles'",
        ),
        (
            {"heading": {"0": "Harbour reopens"}, "copy": {"0": "Boats returned."}},
            "; its 2 values are objects, as pandas' to_json writes a table: name its columns "
            "title, text, date ... and save it with orient='records', lines=True as .jsonl",
        ),
    ],
)
def test_a_json_shape_not_read_is_named_with_the_fix(
    tmp_path: Path, export: dict[str, Any], hint: str
) -> None:
    [skipped] = load_corpus([write(tmp_path, "export.json", json.dumps(export))]).skipped
    keys = ", ".join(repr(key) for key in export)
    assert skipped.reason == f"no headline (expected 'headline' or 'title'; its keys: {keys}){hint}"


def test_a_us_spreadsheets_dates_are_read_in_the_order_their_column_shows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "05/01/2024" loaded undated beside "05/13/2024"; Excel's US "5/13/24 9:00 AM" never read
    us = "title,text,date\nOne,Body one.,05/13/2024\nTwo,Body two.,05/01/2024\n"
    short = (
        "title,text,Published At\nOne,Body one.,5/13/24 9:00 AM\nTwo,Body two.,5/1/24 10:30 PM\n"
    )
    europe = "title,text,date\nOne,Body one.,13/05/2024\nTwo,Body two.,05/01/2024\n"
    days = {
        name: [a.published for a in load_file(write(tmp_path, f"{name}.csv", text))]
        for name, text in (("us", us), ("short", short), ("europe", europe))
    }
    assert days == {
        "us": [date(2024, 5, 13), date(2024, 5, 1)],
        "short": [date(2024, 5, 13), date(2024, 5, 1)],
        "europe": [date(2024, 5, 13), date(2024, 1, 5)],
    }
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_date_column_of_ambiguous_dates_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "must be a date like 2024-03-17", though the date was one
    path = write(
        tmp_path, "a.csv", "title,text,date\nOne,Body one.,05/01/2024\nTwo,Two.,07/07/24\n"
    )
    assert [a.published for a in load_file(path)] == [None, date(2024, 7, 7)]
    assert warnings_for(caplog, path) == [
        f"{path}: row 2: 'date' '05/01/2024' is ambiguous: 1 May or 5 January 2024 (nothing "
        "shows whether the day or the month comes first); write dates as YYYY-MM-DD; loaded "
        "without a date"
    ]


def test_a_day_first_columns_custom_gives_way_to_its_dates() -> None:
    # "Fecha" is day first where nothing shows the order, but its 05/13/2024 shows it
    table = "titulo,texto,fecha\nUno,Texto uno.,05/13/2024\nDos,Texto dos.,05/01/2024\n"
    spanish = "titulo,texto,fecha\nUno,Texto uno.,05/01/2024\n"
    assert [a.published for a in loaders._load_table(table, "t.csv", tabs=False)] == [
        date(2024, 5, 13),
        date(2024, 5, 1),
    ]
    [uno] = loaders._load_table(spanish, "s.csv", tabs=False)
    assert uno.published == date(2024, 1, 5)


def test_a_header_row_again_where_tables_were_joined_is_passed_over(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `cat jan.csv feb.csv`, each with its BOM, and pandas' to_csv(mode="a"): the second
    # header was an article "Title" whose text was "Text", with a warning about its date
    jan = "\ufeffTitle,Text,Date\nPier reopens,The pier reopened.,2024-01-05\n"
    feb = "\ufeffTitle,Text,Date\nBridge closes,The bridge closed.,2024-02-05\n"
    path = write(tmp_path, "joined.csv", jan + feb + "title , text,DATE\n")
    assert [(a.headline, a.published) for a in load_file(path)] == [
        ("Pier reopens", date(2024, 1, 5)),
        ("Bridge closes", date(2024, 2, 5)),
    ]
    assert warnings_for(caplog, path) == []


def test_a_free_plans_placeholder_is_no_text_and_the_description_is() -> None:
    # newsdata.io's free plan: the placeholder was the passage, the description demoted
    record = {
        "title": "Harbour reopens",
        "description": "Boats returned to the harbour.",
        "content": "ONLY AVAILABLE IN PAID PLANS",
        "source_name": "Example News",
    }
    article = parse_json_record(record, "newsdata.json")
    assert ([p.text for p in article.paragraphs], article.standfirst) == (
        ["Boats returned to the harbour."],
        "",
    )


@pytest.mark.parametrize(
    ("content", "paragraphs"),
    [
        # GNews's mark has no "+"; it had stayed in the text
        (
            "Boats returned to the harbour after the gales ... [1234 chars]",
            ["Boats returned to the harbour after the gales"],
        ),
        # NewsAPI's: the sentence the cut broke off goes, a whole one before it stays
        (
            "Rates held steady. Officials said so.\r\nThe decision came\u2026 [+4587 chars]",
            ["Rates held steady. Officials said so."],
        ),
        ("Rates held steady. The U.S. decision came\u2026 [+4587 chars]", ["Rates held steady."]),
        ("Rates held steady.\u2026 [+4587 chars]", ["Rates held steady."]),
    ],
)
def test_a_news_apis_cut_mark_goes_with_the_sentence_it_broke_off(
    content: str, paragraphs: list[str]
) -> None:
    article = parse_json_record({"title": "Rates", "content": content}, "api.json")
    assert [p.text for p in article.paragraphs] == paragraphs


def test_a_newsapi_headline_loses_the_outlet_its_source_names() -> None:
    # " - Reuters" stayed, though a Google News feed item's is dropped
    record = {
        "source": {"id": "reuters", "name": "Reuters"},
        "title": "Fed holds rates steady - Reuters",
        "content": "The Fed held rates.",
    }
    other = {**record, "title": "Trade talks stall - Bloomberg"}
    assert parse_json_record(record, "top.json").headline == "Fed holds rates steady"
    assert parse_json_record(other, "top.json").headline == "Trade talks stall - Bloomberg"


def test_spreadsheets_data_files_mail_and_feed_lists_are_named_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # passed over without a word, though a folder named PDFs and archives
    write(tmp_path, "seed.txt", SEED)
    for name in ("a.xlsx", "b.ods", "c.parquet", "d.eml", "e.mbox", "feeds.opml", "f.jsonl.gz"):
        write(tmp_path, name, b"PK\x03\x04")

    result = load_corpus([tmp_path])

    assert [a.headline for a in result.articles] == [NIGER_HEADLINE]
    assert one_line_logs(caplog) == [
        f"ignored 2 files ({tmp_path}/a.xlsx, {tmp_path}/b.ods): Excel and OpenDocument "
        "spreadsheets are not read; save them as CSV UTF-8 (.csv), a header row naming the "
        "columns (title, text, date ...)",
        f"ignored {tmp_path}/c.parquet: Parquet data files are not read; write the table as "
        "JSON Lines (pandas: df.to_json('articles.jsonl', orient='records', lines=True))",
        f"ignored 2 files ({tmp_path}/d.eml, {tmp_path}/e.mbox): e-mail and mailbox messages "
        "are not read; save each message as text (.txt)",
        f"ignored {tmp_path}/feeds.opml: OPML feed lists are not read; list their feeds in "
        "config.toml, a [[feeds]] table each",
        f"ignored {tmp_path}/f.jsonl.gz: gzip archives are not read; unpack them into the folder",
    ]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        (
            "story.pdf",
            "PDF documents are not read; save the articles as web pages (.html) or text (.txt)",
        ),
        (
            "articles.xlsx",
            "Excel spreadsheets are not read; save them as CSV UTF-8 (.csv), a header row "
            "naming the columns (title, text, date ...)",
        ),
        ("a.jsonl.gz", "gzip archives are not read; unpack them into the folder"),
    ],
)
def test_a_file_named_that_is_not_read_gets_the_fix_as_in_a_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, why: str
) -> None:
    # "unsupported file type (supported: .atom .csv ...)": no word of what to do
    path = write(tmp_path, name, b"PK\x03\x04")
    assert find_files([path]) == []
    assert one_line_logs(caplog) == [f"ignored {path}: {why}"]
    with pytest.raises(CorpusError) as raised:
        load_file(path)
    assert str(raised.value) == f"{path}: {why}"


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("titolo,testo,data,fonte", "Il porto riapre,Le barche tornano.,01/05/2024,ANSA"),
        ("titulo,conteudo,data,fonte", "Porto reabre,Os barcos voltam.,01/05/2024,ANSA"),
        ("titre;contenu;date_publication;source", "Le port rouvre;Les bateaux.;01/05/2024;ANSA"),
        ("título,cuerpo,fecha_publicacion,medio", "Reabre el puerto,Los barcos.,01/05/2024,ANSA"),
    ],
    ids=["italian", "portuguese", "french", "spanish"],
)
def test_a_tables_date_column_in_another_language_is_read_day_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, header: str, row: str
) -> None:
    # each loaded undated without a word (Spanish "cuerpo": skipped as no text)
    path = write(tmp_path, "t.csv", f"{header}\n{row}\n")
    [article] = load_file(path)
    assert (article.published, article.source) == (date(2024, 5, 1), "ANSA")
    assert warnings_for(caplog, path) == []


def test_data_in_a_json_record_is_a_date_only_when_it_holds_one() -> None:
    # a date under Italian's and Portuguese's name, or a wrapper's key holding other things
    notes: list[str] = []
    dated = parse_json_record({**_HARBOUR, "date": None, "data": "01/05/2024"}, "it.json")
    wrapped = parse_json_record({**_HARBOUR, "date": None, "data": {"views": 3}}, "x.json", notes)
    assert (dated.published, wrapped.published, notes) == (date(2024, 5, 1), None, [])


def test_a_date_column_by_a_name_not_known_is_named_in_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "t.csv", "titulo,texto,fecha_alta\nUno,Texto uno.,01/05/2024\n")
    [article] = load_file(path)
    assert article.published is None
    assert warnings_for(caplog, path) == [
        f"{path}: its column 'fecha_alta' is not read as the stories' date; name it 'date'"
    ]


def test_a_tables_column_named_twice_is_read_from_its_first_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # the last had silently replaced the first: the headline "Other", the text "more"
    text = "title,Title,text,url,text\nPier reopens,Other,The pier reopened.,,more\n"
    path = write(tmp_path, "t.csv", text)

    [article] = load_file(path)

    assert article.headline == "Pier reopens"
    assert [p.text for p in article.paragraphs] == ["The pier reopened."]
    assert warnings_for(caplog, path) == [
        f"{path}: columns 'title' and 'text' appear more than once; in each row the first "
        "filled copy of each is read, the others are not (rename them to have them read)"
    ]


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_tables_column_named_twice_is_read_from_its_first_filled_copy(
    tmp_path: Path, delimiter: str
) -> None:
    # a row whose first copy was empty had been skipped as having no text, or had no URL
    rows = [
        ["title", "text", "text", "url", "url"],
        ["Pier reopens", "", "The pier reopened.", "javascript:alert(1)", "https://a.example/p"],
        ["Dam opens", "The dam opened.", "Other text.", "", ""],
    ]
    suffix = "csv" if delimiter == "," else "tsv"
    path = write(tmp_path, f"t.{suffix}", "".join(delimiter.join(row) + "\n" for row in rows))

    pier, dam = load_file(path)

    assert (pier.headline, pier.url) == ("Pier reopens", "https://a.example/p")
    assert [p.text for p in pier.paragraphs] == ["The pier reopened."]
    assert (dam.url, [p.text for p in dam.paragraphs]) == (None, ["The dam opened."])


def test_escaped_line_breaks_in_a_tables_text_cell_part_its_paragraphs(tmp_path: Path) -> None:
    # a scraper's "\n" written out: shown as "\n\n" inside one paragraph
    text = (
        'title,text\nPier reopens,"The pier reopened.\\n\\nRepairs cost £2m.\\nWork ends '
        'in June. Files are in C:\\news."\n'
    )
    [article] = load_file(write(tmp_path, "t.csv", text))
    assert [p.text for p in article.paragraphs] == [
        "The pier reopened.",
        "Repairs cost £2m. Work ends in June. Files are in C:\\news.",
    ]


def test_a_table_without_a_header_row_is_skipped_saying_so(tmp_path: Path) -> None:
    # AG News's train.csv: skipped as "row 2: no headline (... its keys: '3', 'Wall St. ...')"
    text = (
        '"3","Wall St. Bears Claw Back Into the Black (Reuters)","Reuters - Short-sellers are '
        'seeing green again."\n"3","Carlyle Looks Toward Commercial Aerospace","Carlyle bets."\n'
    )
    [skipped] = load_corpus([write(tmp_path, "train.csv", text)]).skipped
    assert skipped.reason == (
        "no header row: its first row ('3', 'Wall St. Bears Claw Back Into …', 'Reuters - "
        "Short-sellers are se…') is a row of data; add a first row naming the columns "
        "(title, text, date ...)"
    )


# --- saved pages, pasted copy and records as the articles-in probe found them -----------------

_STORY = (
    "<p>The United States has agreed to withdraw its troops from Niger, officials said on "
    "Friday, after the country's ruling junta told Washington to leave.</p>"
    "<p>About 1,000 military personnel are stationed in the West African nation, most of them "
    "at a drone base near Agadez.</p>"
)


_LIBRARY = "Library hours cut in Fenbridge"
_CRITICS = "Minister answers critics"
_BILLS = "Harwick water bills to fall"


def _paragraphs(texts: Sequence[str]) -> str:
    """Texts as a page's paragraphs."""
    return "".join(f"<p>{text}</p>" for text in texts)


def _page(title: str, h1: str, body: str = _STORY, head: str = "", top: str = "") -> str:
    """A saved article page: its <title>, its <h1> and its text."""
    return (
        f"<!DOCTYPE html>{top}<html><head><meta charset='utf-8'><title>{title}</title>{head}"
        f"</head><body><article><h1>{h1}</h1>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("title", "h1", "head", "source"),
    [
        # a "." in the headline: trafilatura took the headline for the site's name
        ("U.S. agrees to pull troops out of Niger | Reuters", "", "", "Reuters"),
        (
            "Rates held at 5.25% | Paper",
            "",
            '<meta property="og:url" content="https://n.ex/a">',
            "Paper",
        ),
        # no "." anywhere: no source at all
        ("Troops to leave Niger | Politics | The Guardian", "", "", "The Guardian"),
        ("Troops to leave Niger - Hampton Post", "", "", "Hampton Post"),
        ("BBC News - Troops to leave Niger", "", "", "BBC News"),
        # a canonical link or og:url: trafilatura names its host, the <title> the site
        (
            "Troops to leave Niger | Politics | The Guardian",
            "",
            '<link rel="canonical" href="https://www.theguardian.com/world/niger">',
            "The Guardian",
        ),
        (
            "Troops to leave Niger - Hampton Post",
            "",
            '<meta property="og:url" content="https://hampton.example.com/niger">',
            "Hampton Post",
        ),
        # with no site in the <title>, the host is still the source
        (
            "Troops to leave Niger",
            "",
            '<link rel="canonical" href="https://www.theguardian.com/world/niger">',
            "theguardian.com",
        ),
        # nor is a section, a time or a label beside the headline the site
        *(
            (
                f"Troops to leave Niger | {label}",
                "",
                '<link rel="canonical" href="https://www.example.com/world/niger">',
                "example.com",
            )
            for label in ("Politics", "Page 2", "12:30", "17.03.2024", "Sunday", "en")
        ),
        # a name the host spells by its initials, without accents, or in one of its labels
        *(
            (f"Troops to leave Niger | {site}", "", f'<link rel="canonical" href="{url}">', site)
            for site, url in (
                ("Financial Times", "https://www.ft.com/content/1"),
                ("The Wall Street Journal", "https://www.wsj.com/articles/niger-1"),
                ("El País", "https://elpais.com/internacional/niger.html"),
                ("Süddeutsche Zeitung", "https://www.sueddeutsche.de/politik/niger-1"),
                ("Sky News", "https://news.sky.com/story/niger-1"),
            )
        ),
        # a section named as a host's label is none
        (
            "Troops to leave Niger | UK News",
            "",
            '<link rel="canonical" href="https://news.sky.com/story/niger-1">',
            "news.sky.com",
        ),
        # the og:site_name stays; a <title> that is only the headline names none
        (
            "Troops to leave Niger | Ignored",
            "",
            '<meta property="og:site_name" content="Wire">',
            "Wire",
        ),
        ("Troops to leave Niger", "", "", None),
        ("Troops to leave Niger - 18 October 2023", "", "", None),
    ],
)
def test_a_pages_source_is_its_sites_name_from_the_title_not_its_headline(
    title: str, h1: str, head: str, source: str | None
) -> None:
    headline = title.split(" | ")[0].split(" - ")[-1 if title.startswith("BBC") else 0]
    article = parse_html(_page(title, h1 or headline, head=head), "p.html")
    assert article.headline == headline
    assert article.source == source


_BBC_EMBED = [
    "Allow Twitter content?",
    "This article contains content provided by Twitter. We ask for your permission before "
    "anything is loaded, as they may be using cookies and other technologies. You may want to "
    "read Twitter\u2019s cookie policy, external and privacy policy, external before accepting. "
    "To view this content choose \u2018accept and continue\u2019.",
    "Accept and continue",
    "Skip twitter post by Met Office",
]
_REACH_EMBED = (
    "This content is provided by Twitter, which may be using cookies and other technologies. To "
    "show you this content, we need your permission to use cookies. You can use the buttons "
    "below to amend your preferences to enable Twitter cookies or to allow those cookies just "
    "once. You can change your settings at any time via the Privacy Options."
)


def test_a_social_media_embeds_consent_placeholder_is_no_paragraph_of_the_story() -> None:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in [*_BBC_EMBED, _REACH_EMBED])
    page = _page("Troops leave", "Troops leave", _STORY.replace("</p>", "</p>" + body, 1))
    article = parse_html(page, "p.html")
    assert [p.text[:20] for p in article.paragraphs] == [
        "The United States ha",
        "About 1,000 military",
    ]

    text = "\n".join(
        [
            "Storm Babet: warning issued",
            "",
            "A rare red weather warning for rain has been issued for eastern Scotland.",
            *_BBC_EMBED,
            "The Scottish Environment Protection Agency has issued 13 flood warnings.",
            "End of twitter post by Met Office",
            "Schools in Angus will close on Thursday and Friday.",
        ]
    )
    pasted = parse_seed_text(text, "bbc.txt")
    assert [(p.section, p.text[:20]) for p in pasted.paragraphs] == [
        (None, "A rare red weather w"),
        (None, "The Scottish Environ"),
        (None, "Schools in Angus wil"),  # "End of twitter post ..." had been its section
    ]


def test_a_bbc_pages_date_under_its_label_and_desk_under_its_byline_go() -> None:
    text = "\n".join(
        [
            "Storm Babet: Red weather warning issued",
            "Published",
            "18 October 2023",
            "Share",
            "Image source, Getty Images",
            "By Jane Doe",
            "BBC Scotland News",
            "A rare red weather warning for rain has been issued for parts of eastern Scotland.",
            "The Met Office said there was a danger to life from fast-flowing floodwater.",
        ]
    )
    article = parse_seed_text(text, "bbc.txt")
    assert (article.standfirst, article.published) == ("", date(2023, 10, 18))  # not "Published"
    assert [(p.section, p.text[:12]) for p in article.paragraphs] == [
        (None, "A rare red w"),  # not under "BBC Scotland News"
        (None, "The Met Offi"),
    ]


@pytest.mark.parametrize(
    "wall",
    [
        "<p>Continue reading your article with a WSJ membership</p><p>View Membership Options</p>"
        "<p>Already a member? Sign In</p>",
        "<p>Subscribe now for uninterrupted access.</p><p>Already have an account? Log in</p>",
        "<p>Subscribe now to unlock the full article and get unlimited access to The Times.</p>",
        "<h2>Subscribe to read</h2><p>Keep reading for $1. Then $75 per month. Complete digital "
        "access to quality FT journalism on any device. Cancel anytime during your trial.</p>",
        # probe, 29th session: a members' paper's prompt
        "<p>To continue reading this article, become a member. Members get unlimited access to "
        "all our journalism for just 4.99 a month.</p>",
        "<p>Become a subscriber to read the rest of this story.</p>",
        "<p>Become a member to continue reading.</p>",  # verify round 3
    ],
)
def test_a_paywalls_prompt_in_other_words_is_no_part_of_the_story(wall: str) -> None:
    article = parse_html(_page("Troops leave", "Troops leave", _STORY + wall), "p.html")
    assert [(p.section, p.text[:20]) for p in article.paragraphs] == [
        (None, "The United States ha"),
        (None, "About 1,000 military"),
    ]


def test_a_page_saying_utf8_over_windows_1252_bytes_is_read_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    story = _STORY.replace("country's", "country\u2019s")
    page = write(
        tmp_path, "p.html", _page("Mayor\u2019s plan", "Mayor\u2019s plan", story).encode("cp1252")
    )
    [article] = load_file(page)
    assert article.headline == "Mayor\u2019s plan"
    assert "the country\u2019s ruling junta" in article.paragraphs[0].text
    assert warnings_for(caplog, page) == [
        f"{page}: says UTF-8 but is not (byte 0x92 at offset 61): read as windows-1252; if "
        "letters look wrong, save the page again"
    ]
    # UTF-8 with a stray byte: the stray byte is U+FFFD, the rest as written
    mixed = (
        _page("Caf\u00e9 plan", "Caf\u00e9 plan", story)
        .encode("utf-8")
        .replace(b"\xe2\x80\x99", b"\x92")
    )
    [article] = load_file(write(tmp_path, "m.html", mixed))
    assert (article.headline, "country\ufffds" in article.paragraphs[0].text) == (
        "Caf\u00e9 plan",
        True,
    )


def test_a_page_saved_by_chrome_with_its_files_keeps_the_address_it_was_saved_from(
    tmp_path: Path,
) -> None:
    address = "https://www.coastnews.example/uk/storm-ciaran-batters-coast-20231102"
    top = f"\n<!-- saved from url=({len(address):04d}){address} -->\n"
    [article] = load_file(
        write(tmp_path, "Storm.html", _page("Storm - Coast News", "Storm", top=top))
    )
    assert (article.url, article.source) == (address, "Coast News")


def test_a_saved_pages_local_file_location_is_no_url(tmp_path: Path) -> None:
    page = _page("Cafe owners protest", "Cafe owners protest").encode("utf-8")
    saved = write(
        tmp_path, "cafe.mht", mhtml(page, location="file:///C:/Users/jo/Desktop/cafe.htm")
    )
    [article] = load_file(saved)
    assert (article.url, article.source) == (None, None)
    assert article.id == loaders.derived_id(str(saved), "Cafe owners protest")


@pytest.mark.parametrize("last", ["Further Reading", "See also", "External links"])
def test_a_list_heading_left_as_the_last_line_is_dropped(last: str) -> None:
    article = parse_seed_text(SEED.replace("\nShare news", "\n" + last), "niger.txt")
    assert article.paragraphs[-1].text.startswith("In March, a U.S. delegation held")


def test_a_records_paragraph_objects_are_read_and_a_stray_item_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [
        record(
            id="j5",
            paragraphs=[
                {"type": "paragraph", "text": "The airport will grow."},
                {"content": "Residents object."},
            ],
        ),
        record(
            id="j6", url=None, paragraphs=["The budget sets aside money for schools.", 42, ["a"]]
        ),
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    objects, stray = load_file(path)
    assert [p.text for p in objects.paragraphs] == ["The airport will grow.", "Residents object."]
    assert [(p.text, p.source_index) for p in stray.paragraphs] == [
        ("The budget sets aside money for schools.", 0)
    ]
    assert warnings_for(caplog, path) == [
        f"{path}: line 2: 'paragraphs' must hold strings, got a number (item 2); left it out",
        f"{path}: line 2: 'paragraphs' must hold strings, got a list (item 3); left it out",
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("19 يناير 2025", date(2025, 1, 19)),  # Arabic: Egypt's and the Gulf's names
        ("١٩ يناير ٢٠٢٥", date(2025, 1, 19)),  # in Arabic-Indic digits
        ("6 مارس 2024", date(2024, 3, 6)),
        ("3 شباط 2024", date(2024, 2, 3)),  # the Levant's names
        ("19 كانون الثاني 2025", date(2025, 1, 19)),  # of two words
        ("12 تشرين الأول 2024", date(2024, 10, 12)),
        ("الأحد، 19 كانون الثاني/يناير 2025", date(2025, 1, 19)),  # both names, a weekday
        ("19 كانون الثاني (يناير) 2025", date(2025, 1, 19)),
        ("1 ايار 2024", date(2024, 5, 1)),  # no hamza
        ("12 آب 2024م", date(2024, 8, 12)),
        ("\u200f19 يناير 2025", date(2025, 1, 19)),  # a right-to-left mark
        ("نُشر في 19 يناير 2025، آخر تحديث 20 يناير 2025", date(2025, 1, 19)),
        ("19 يناير 2025 الساعة 10:05 م", date(2025, 1, 19)),
        ("12 شتنبر 2024", date(2024, 9, 12)),  # Morocco's
        ("يوم الأحد 19 يناير 2025", date(2025, 1, 19)),  # "on Sunday"
        ("19 يناير 2025 م", date(2025, 1, 19)),  # of the common era
        ("12 Αυγούστου 2024", date(2024, 8, 12)),  # Greek: the genitive
        ("12 ΑΥΓΟΥΣΤΟΥ 2024", date(2024, 8, 12)),  # no accents
        ("12 αυγουστου 2024", date(2024, 8, 12)),
        ("1 ΜΑΪΟΥ 2024", date(2024, 5, 1)),
        ("Δευτέρα 12 Αυγούστου 2024", date(2024, 8, 12)),
        ("Δευτέρα, 12 Αυγούστου 2024, 10:05", date(2024, 8, 12)),
        ("3 Φεβ 2024", date(2024, 2, 3)),
        ("στις 12 Αυγούστου 2024", date(2024, 8, 12)),
        ("Δευτέρα 12 Αυγούστου 2024 στις 10:05", date(2024, 8, 12)),
        ("Δημοσιεύθηκε 12 Αυγούστου 2024, 10:05 π.μ.", date(2024, 8, 12)),
        ("Δημοσίευση: 12/08/2024", date(2024, 8, 12)),  # day first after its label
        ("12 Αυγούστου 2024 | Ενημερώθηκε 13 Αυγούστου 2024", date(2024, 8, 12)),
        ("19 जनवरी 2025", date(2025, 1, 19)),  # Hindi
        ("रविवार, 19 जनवरी 2025", date(2025, 1, 19)),
        ("3 फ़रवरी 2024", date(2024, 2, 3)),  # with its nukta, and without
        ("3 फरवरी 2024", date(2024, 2, 3)),
        ("5 सितम्बर 2024", date(2024, 9, 5)),
        ("प्रकाशित: 19 जनवरी 2025", date(2025, 1, 19)),
        ("19 يناير", None),  # no year
        ("في 19 يناير 2025 قال الوزير", None),
        ("Στις 12 Αυγούστου 2024 ξέσπασε", None),
    ],
)
def test_arabic_greek_and_hindi_dates_are_read(text: str, day: date | None) -> None:
    # "19 January 2025" in Arabic was no date: the line became the standfirst, the story undated
    assert written_day(text) == day


def test_month_names_name_one_month_each() -> None:
    # the names are looked up without their accents and hamzas: none may then name two months
    months: dict[str, set[int]] = {}
    for table in (loaders._MONTH_NAMES, loaders._OTHER_SCRIPT_MONTH_NAMES):
        for n, names in enumerate(table, 1):
            for name in names.split():
                months.setdefault(loaders._plain(name.replace("_", " ")), set()).add(n)
    assert {name: ns for name, ns in months.items() if len(ns) > 1} == {}


@pytest.mark.parametrize(
    ("headline", "dateline", "body", "published"),
    [
        (
            "وقف إطلاق النار في غزة يدخل حيز التنفيذ",
            "19 يناير 2025",
            "دخل اتفاق وقف إطلاق النار حيز التنفيذ صباح الأحد.",
            date(2025, 1, 19),
        ),
        (
            "وقف إطلاق النار في غزة يدخل حيز التنفيذ",
            "١٩ كانون الثاني ٢٠٢٥",
            "دخل اتفاق وقف إطلاق النار حيز التنفيذ صباح الأحد.",
            date(2025, 1, 19),
        ),
        (
            "Πυρκαγιά στην Αττική: Εκκενώθηκαν οικισμοί",
            "Δευτέρα 12 Αυγούστου 2024",
            "Μεγάλη πυρκαγιά ξέσπασε στη Βαρνάβα.",
            date(2024, 8, 12),
        ),
        (
            "दिल्ली में भारी बारिश",
            "19 जनवरी 2025",
            "दिल्ली में रविवार को भारी बारिश हुई।",
            date(2025, 1, 19),
        ),
    ],
)
def test_arabic_greek_and_hindi_date_lines_date_the_story(
    headline: str, dateline: str, body: str, published: date
) -> None:
    article = parse_seed_text(f"{headline}\n\n{dateline}\n\n{body}\n", "a.txt")
    assert (article.headline, article.published, article.standfirst) == (
        headline,
        published,
        "",
    )
    assert [p.text for p in article.paragraphs] == [body]


@pytest.mark.parametrize(
    ("header", "headline", "published", "source"),
    [
        (
            ("Τίτλος: Πυρκαγιά στην Αττική", "Ημερομηνία: 12 Αυγούστου 2024", "Πηγή: Καθημερινή"),
            "Πυρκαγιά στην Αττική",
            date(2024, 8, 12),
            "Καθημερινή",
        ),
        (
            ("العنوان: وقف إطلاق النار", "التاريخ: ١٩ يناير ٢٠٢٥", "المصدر: الجزيرة"),
            "وقف إطلاق النار",
            date(2025, 1, 19),
            "الجزيرة",
        ),
        (
            ("Title: Πυρκαγιά στην Αττική", "Date: 12 Αυγούστου 2024", "Source: Καθημερινή"),
            "Πυρκαγιά στην Αττική",
            date(2024, 8, 12),
            "Καθημερινή",
        ),
    ],
)
def test_a_pasted_greek_or_arabic_header_is_read(
    header: tuple[str, ...], headline: str, published: date, source: str
) -> None:
    # "Ημερομηνία:" ("Date:") and an English header's Greek date were not read
    lines = [*header, "", "Μεγάλη πυρκαγιά ξέσπασε στη Βαρνάβα."]
    article = parse_seed_text("\n".join(lines), "a.txt")
    assert (article.headline, article.published, article.source) == (
        headline,
        published,
        source,
    )


def test_arabic_and_greek_dates_in_front_matter_json_and_csv_date_the_story(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "'published' must be a date like 2024-03-17, got ...": each loaded undated
    write(
        tmp_path,
        "gaza.md",
        "---\ntitle: وقف إطلاق النار\ndate: ١٩ يناير ٢٠٢٥\n---\n\nدخل الاتفاق حيز التنفيذ.\n",
    )
    write(
        tmp_path,
        "el.json",
        json.dumps(
            [{"title": "Πυρκαγιά", "published": "12 Αυγούστου 2024", "text": "Μεγάλη πυρκαγιά."}]
        ),
    )
    write(
        tmp_path,
        "ar.csv",
        "headline,published,text\nسعر الفائدة,6 مارس 2024,رفع البنك المركزي أسعار الفائدة.\n",
    )
    with caplog.at_level(logging.WARNING, logger="retrieval.loaders"):
        articles = load_corpus([tmp_path]).articles
    assert sorted((a.headline, a.published) for a in articles) == [
        ("Πυρκαγιά", date(2024, 8, 12)),
        ("سعر الفائدة", date(2024, 3, 6)),
        ("وقف إطلاق النار", date(2025, 1, 19)),
    ]
    assert not caplog.records


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        ("Elon Musk", "Elon Musk said on Tuesday he would step down as chief executive."),
        ("Storm Bert", "Storm Bert hit the west coast on Saturday, cutting power to homes."),
        ("Elon Musk", "Elon Musk Tesla's boss said on Tuesday he would step down."),
        ("Flood warning for Ouse", "Flood warning for Ouse residents: leave by noon today."),
        ("Tesla shares fall", "Tesla shares fall 12% after the carmaker missed its targets."),
        ("Joe Biden wins", "Joe Biden wins Pennsylvania, the networks projected on Saturday."),
        ("Tesla shares fall", "Tesla shares fall — the company missed its delivery targets."),
    ],
)
def test_a_lede_that_opens_with_the_headlines_words_keeps_them(headline: str, lede: str) -> None:
    # the words had been cut as a title run into the text: "said on Tuesday he would ..."
    body = f"<p>{lede}</p><p>The second paragraph of the story is long enough to keep.</p>"
    article = parse_html(_page(headline, headline, body), "p.html")

    assert article.paragraphs[0].text == lede


@pytest.mark.parametrize(
    "body",
    [
        "<div>{lede}</div><div>{second}</div>",
        "<p>{lede}<br>{second}</p>",
        "<p>{lede} <script>adSlot('x')</script>More text.</p><p>{second}</p>",
        "<ul><li>{lede}</li></ul><p>{second}</p>",
    ],
)
def test_a_lede_in_any_block_keeps_the_headlines_words(body: str) -> None:
    # a lede in a <div>, or a <p> with a <br>, had lost "Storm Bert hits coast"
    lede = "Storm Bert hits coast Monday, bringing floods to the towns along the river."
    second = "The second paragraph of the story is long enough to be kept as it is."
    page = _page(
        "Storm Bert hits coast", "Storm Bert hits coast", body.format(lede=lede, second=second)
    )

    article = parse_html(page, "p.html")

    assert article.paragraphs[0].text.startswith("Storm Bert hits coast Monday")


def test_many_stories_at_one_listing_url_load_without_comparing_each(tmp_path: Path) -> None:
    # a verifier: 500 records a scraper gave one section page's URL took 113 s to load, each
    # compared with every story kept there; past LISTING_STORIES the URL is a listing page
    from retrieval.articles import LISTING_STORIES

    words = [
        "harbour",
        "airport",
        "ferry",
        "budget",
        "senate",
        "drought",
        "museum",
        "vaccine",
        "strike",
        "comet",
    ]
    records = [
        {
            "headline": f"{words[n % 10].title()} {words[n // 10 + 3]} {n}",
            "url": "https://www.example.com/world",
            "paragraphs": [f"{words[(n * 3) % 10]} {words[(n * 7) % 10]} report {n}."],
        }
        for n in range(3 * LISTING_STORIES)
    ]
    path = tmp_path / "same.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    result = load_corpus([path])
    assert len(result.articles) == len(records)
    assert len({a.id for a in result.articles}) == len(records)


# --- thirty-eighth session: the inputs probe's loader defects ------------------------------------


def test_json_lines_in_a_json_file_each_after_a_bom_are_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `cat` of Windows files into a .json: every line opens with a BOM; the file was skipped
    # whole as "malformed JSON (Extra data ...)", though the same lines as .jsonl load
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    path = write(tmp_path, "a.json", "\ufeff" + record() + "\n\ufeff" + second + "\n")

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == []


@pytest.mark.parametrize("comment", ["# my export", "// my export", "  # exported 2024-02-01"])
def test_a_json_file_opening_with_a_comment_line_is_read_past_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, comment: str
) -> None:
    # a comment line first had lost every record ("malformed JSON (Expecting value ...)")
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    lines = f"{comment}\n{record()}\n{second}\n"
    pretty = f"{comment}\n" + json.dumps([record_obj()], indent=2) + "\n"
    lines_path = write(tmp_path, "lines.json", lines)
    pretty_path = write(tmp_path, "pretty.json", pretty)

    assert [a.id for a in load_file(lines_path)] == ["wire-1", "wire-2"]
    assert [a.id for a in load_file(pretty_path)] == ["wire-1"]
    for path in (lines_path, pretty_path):
        assert warnings_for(caplog, path) == [
            f"{path}: passed over the comment on line 1 (JSON has none)"
        ]


def test_jsonl_comment_lines_are_named_as_comments_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # each comment line had been warned about as "malformed JSON (Expecting value ...)"
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    text = f"# exported today\n{record()}\n  // another comment\n{second}\n# end\n"
    path = write(tmp_path, "a.jsonl", text)

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == [
        f"{path}: passed over the comments on lines 1, 3, 5 (JSON has none)"
    ]


def test_a_jsonl_file_of_comments_only_is_skipped_saying_so(tmp_path: Path) -> None:
    [skipped] = load_corpus(
        [write(tmp_path, "a.jsonl", "# nothing yet\n// still nothing\n")]
    ).skipped
    assert skipped.reason == "no articles (the file holds comment lines only)"


def test_json_lines_in_a_json_file_with_comment_lines_between_are_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    path = write(tmp_path, "a.json", f"# export\n{record()}\n// batch 2\n{second}\n")

    assert [a.id for a in load_file(path)] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == [
        f"{path}: passed over the comments on lines 1, 3 (JSON has none)"
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_hole_of_nuls_in_utf16_jsonl_is_one_bad_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, codec: str
) -> None:
    # PowerShell 5's >> appends UTF-16; a crash's hole had made the file binary, every
    # record lost, where UTF-8 JSON Lines skip the hole's line alone
    second = record(id="wire-2", headline="Second", url="https://rivertimes.example/2")
    text = "\ufeff" + record() + "\n" + "\x00" * 32 + "\n" + second + "\n"
    path = write(tmp_path, "a.jsonl", text.encode(codec))

    result = load_corpus([path])

    assert [a.id for a in result.articles] == ["wire-1", "wire-2"]
    assert warnings_for(caplog, path) == [
        f"{path}: skipped line 2: 32 NULs (a hole left where a write was cut short, as by a crash)"
    ]


@pytest.mark.parametrize(
    "published",
    [["2024-04-02"], ["2024-04-02T10:00:00Z", "2024-04-03"], [1712052000], ["April 2, 2024"]],
)
def test_a_date_given_as_a_list_is_its_first(published: list[object]) -> None:
    # newspaper3k-style exports write date lists: "got a list; loaded without a date"
    notes: list[str] = []
    article = parse_json_record(record_obj(published=published), "a.json", notes)
    assert article.published == date(2024, 4, 2)
    assert notes == []


@pytest.mark.parametrize("published", [[1712052000, 1712138400], [True], [["2024-04-02"]]])
def test_a_date_list_of_other_items_is_still_no_date(published: list[object]) -> None:
    notes: list[str] = []
    article = parse_json_record(record_obj(published=published), "a.json", notes)
    assert article.published is None
    assert notes == [
        "'published' must be a date like 2024-03-17, got a list; loaded without a date"
    ]


def test_records_under_a_list_key_inside_a_wrapper_of_its_own_name_are_read(
    tmp_path: Path,
) -> None:
    # {"meta", "payload": {"items": [...]}}: skipped with pandas' to_json hint, unread
    second = {**_HARBOUR, "headline": "Ferry returns", "url": "https://example.com/ferry"}
    export = {"meta": {"count": 2}, "payload": {"items": [_HARBOUR, second]}}
    articles = load_file(write(tmp_path, "nested.json", json.dumps(export)))
    assert [a.headline for a in articles] == ["Harbour reopens", "Ferry returns"]


def test_objects_under_a_wrapper_of_its_own_name_get_the_lists_hint_not_pandas(
    tmp_path: Path,
) -> None:
    export = {"meta": {"count": 1}, "payload": {"rows": [{"heading": "Harbour reopens"}]}}
    [skipped] = load_corpus([write(tmp_path, "nested.json", json.dumps(export))]).skipped
    assert skipped.reason == (
        "no headline (expected 'headline' or 'title'; its keys: 'meta', 'payload'); the list "
        "of 1 objects under 'payload.rows' is not read as records: save them as a list (or "
        "JSON Lines, one a line), or under 'articles'"
    )


@pytest.mark.parametrize("name", ["story.txt ", "story.TXT  ", "story.md\t"])
def test_a_file_with_white_space_after_its_suffix_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    # a title pasted as the file name: passed over in a folder without a word, and named
    # alone "unsupported file type '.txt '"
    path = write(tmp_path / "corpus", name, "Harbour reopens\n\nBoats returned on Tuesday.\n")

    in_folder = load_corpus([tmp_path / "corpus"])
    named = load_corpus([path])

    for result in (in_folder, named):
        assert [a.headline for a in result.articles] == ["Harbour reopens"]
        assert result.skipped == ()
    assert warnings_for(caplog, path) == []


@pytest.mark.parametrize(
    "raw",
    [
        '<script>alert("x")</script>\n<style>.a{color:red}</style>',
        '<script async src="https://stats.example/a.js"></script>',
        "<SCRIPT>\nwindow.dataLayer = [];\n\ngtag('config', 'UA-1');\n</SCRIPT>",
        "<style>\n.post { color: red; }\n\n.aside { margin: 0; }\n</style>",
        '<noscript><img src="pixel.gif"> Enable JavaScript</noscript>',
        "<template>\n<p>Card copy</p>\n</template>",
        "Tickets sell fast.<script>track('tickets')</script>",
    ],
)
def test_markdowns_raw_script_and_style_are_no_text(raw: str) -> None:
    # a Hugo or Jekyll post's analytics snippet or style block had been a passage
    text = f"# Festival returns\n\nThe festival returns in August.\n\n{raw}\n\nTickets sell fast.\n"
    article = parse_markdown(text, "post.md")
    assert [p.text for p in article.paragraphs] == [
        "The festival returns in August.",
        *(["Tickets sell fast."] if raw.startswith("Tickets") else []),
        "Tickets sell fast.",
    ]


def test_markdown_code_naming_a_script_stays_code() -> None:
    text = (
        "# Flaw found\n\n"
        "The form accepted `<script>alert(1)</script>` in a name.\n\n"
        "```html\n<script>\nalert(1)\n```\n\n"
        "It also took <script> tags in comments.\n\n"
        "Vendors fixed it.\n"
    )
    article = parse_markdown(text, "post.md")
    assert [p.text for p in article.paragraphs] == [
        "The form accepted alert(1) in a name.",
        "It also took tags in comments.",
        "Vendors fixed it.",
    ]


LIVE_POSTS = [
    (
        "Westshire North declares",
        "Westshire North has gone to the Green candidate by 412 votes "
        "after two recounts, the returning officer announced.",
    ),
    (
        "Turnout figures",
        "Turnout across Westshire was 61 percent, down four points on the last election.",
    ),
    (
        "First result in Eastvale",
        "Eastvale was the first seat to declare, re-electing its "
        "sitting member with a reduced majority.",
    ),
]


def _live_blog(tag: str, kind: str, heading: str | None = None) -> str:
    posts = "".join(
        f'<{tag} class="{kind}"><time datetime="2024-07-05T0{n}:10">0{n}:10</time>'
        f"<h2>{heading or title}</h2><p>{text}</p></{tag}>"
        for n, (title, text) in enumerate(LIVE_POSTS)
    )
    return (
        "<!DOCTYPE html><html><head><title>Election night live | Metro Herald</title></head>"
        "<body><header><h1>Election night live: results as they come in</h1></header>"
        f"<main>{posts}</main></body></html>"
    )


@pytest.mark.parametrize(("tag", "kind"), [("article", "post"), ("div", "post")])
def test_a_live_blogs_posts_keep_their_own_headings(tag: str, kind: str) -> None:
    # the extractor kept the first post's <h2> only: every paragraph came under it, and the
    # Eastvale post was shown as "Westshire North declares"
    article = parse_html(_live_blog(tag, kind), "live.html")
    assert [(p.section, p.text) for p in article.paragraphs] == LIVE_POSTS


def test_a_heading_every_part_repeats_is_not_brought_back() -> None:
    # "Advertisement" over each post: no section of the story's
    article = parse_html(_live_blog("article", "post", "Advertisement"), "live.html")
    assert [p.text for p in article.paragraphs] == [text for _, text in LIVE_POSTS]
    assert {p.section for p in article.paragraphs} <= {None, "Advertisement"}
    assert sum(p.section != article.paragraphs[0].section for p in article.paragraphs) == 0
