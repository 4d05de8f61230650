"""Tests for bot/answer.py: building replies, trimming, Telegram HTML and terminal text."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import (
    ARTICLE_CUT,
    FOLLOW_UP,
    MAX_DEPTH,
    MAX_MESSAGE,
    NAMES_NO_ONE,
    SOURCE_CHARS,
    Passage,
    Reply,
    article_passage,
    build_reply,
    html_to_plain,
    leans_on_earlier,
    passage_html,
    passage_preview,
    plain_title,
    render_article_html,
    render_facts_html,
    render_headlines_html,
    render_html,
    render_text,
    render_welcome_html,
    small_talk,
    spaced_labels,
    trim_passage,
    utf16_len,
)
from bot.ask import ask_with_hits
from bot.telegram_app import answer_page
from retrieval.analysis import sentence_spans
from retrieval.articles import Article, Hit, Paragraph
from tests.fake_library import FakeSearcher
from tests.fake_library import article as fake_article
from tests.telegram_html import check_telegram_html

NIGER_URL = "https://example.com/niger?utm=1&id=2"

PARAGRAPHS = (
    Paragraph("The U.S. has agreed to withdraw its troops from Niger after a meeting in Niamey."),
    Paragraph("About 1,000 military personnel will leave the West African nation this year."),
    Paragraph(
        "Thousands of people rallied in Niamey. They demanded the departure of American "
        "soldiers from the country.",
        section="Public Demonstrations",
    ),
    Paragraph(
        "Russian military trainers arrived to reinforce the air defenses.",
        section="Public Demonstrations",
    ),
    Paragraph("Mars could have its first outposts after 2060, NASA said."),
    Paragraph("The Curiosity rover rolls across the desolate Martian landscape."),
)


def make_article(**changes: object) -> Article:
    """The Niger article, with any field replaced."""
    fields: dict[str, object] = {
        "id": "niger",
        "headline": "U.S. agrees to withdraw troops from Niger",
        "paragraphs": PARAGRAPHS,
        "published": date(2024, 4, 2),
        "source": "AP",
        "url": NIGER_URL,
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def make_hit(article: Article, position: int, *words: str) -> Hit:
    """A hit on one paragraph, with spans for each occurrence of the given words."""
    text = article.paragraphs[position].text
    spans = sorted(
        (m.start(), m.end()) for word in words for m in re.finditer(rf"\b{re.escape(word)}\b", text)
    )
    return Hit(article=article, position=position, score=1.0, terms=words, spans=tuple(spans))


def test_validator_rejects_bad_html() -> None:
    for bad in ["<b>x", "<b>x</i>", "a < b", "a & b", "<script>x</script>", "&bogus;", "<br/>"]:
        with pytest.raises(AssertionError):
            check_telegram_html(bad)
    check_telegram_html('<b>a &amp; b</b> <a href="https://x.org/?a=1&amp;b=2">x</a>')


# --- building and rendering a typical reply ------------------------------------------------


def typical_reply() -> Reply:
    niger = make_article()
    mars = make_article(
        id="mars",
        headline="Will we be the first Martians?",
        source="USA TODAY",
        published=date(2012, 9, 14),
        url=None,
    )
    hits = [make_hit(niger, 2, "Niamey", "soldiers"), make_hit(mars, 4, "Mars")]
    return build_reply("protests in Niamey", hits, has_more=True)


def test_build_reply_fills_passages() -> None:
    reply = typical_reply()
    assert reply.has_hits
    assert reply.has_more
    first, second = reply.passages
    assert first.headline == "U.S. agrees to withdraw troops from Niger"
    assert first.meta == "AP · 2 Apr 2024"
    assert first.section == "Public Demonstrations"
    assert [first.text[a:b] for a, b in first.bold] == ["Niamey", "soldiers"]
    assert first.url == NIGER_URL
    assert second.meta == "USA TODAY · 14 Sep 2012"
    assert second.section is None
    assert second.url is None


def test_meta_is_empty_when_nothing_is_known() -> None:
    article = make_article(source=None, published=None, url=None)
    (passage,) = build_reply("troops", [make_hit(article, 0, "troops")]).passages
    assert passage.meta == ""
    assert render_html(Reply("troops", (passage,))) == [
        "1. <b>U.S. agrees to withdraw troops from Niger</b>\n"
        "The U.S. has agreed to withdraw its <b>troops</b> from Niger after a meeting in Niamey."
    ]


def test_a_long_source_name_is_shortened_in_every_face() -> None:
    feed_title = "Daily Bugle " + "all the news that fits " * 150  # a feed title gone wrong
    hit = make_hit(make_article(source=feed_title), 0, "troops")
    (passage,) = build_reply("troops", [replace(hit, also=(feed_title,))]).passages
    name, day, also = passage.meta.split(" · ")
    assert name.startswith("Daily Bugle all the news")
    assert name.endswith("…")
    assert len(name) <= SOURCE_CHARS
    assert day == "2 Apr 2024"
    assert also.startswith("also in Daily Bugle")
    assert len(also) <= len("also in ") + SOURCE_CHARS
    text = render_text(Reply("troops", (passage,)))
    assert len(text) < 600
    assert "The U.S. has agreed to withdraw its troops" in text


def test_meta_names_other_outlets_of_the_same_story() -> None:
    hit = make_hit(make_article(), 0, "troops")
    many = ("Reuters", "BBC <News>", "AFP", "DW")
    (one,) = build_reply("troops", [replace(hit, also=("Reuters",))]).passages
    (four,) = build_reply("troops", [replace(hit, also=many)]).passages
    assert one.meta == "AP · 2 Apr 2024 · also in Reuters"
    assert four.meta == "AP · 2 Apr 2024 · also in Reuters, BBC <News>, AFP and 1 more"
    (html_message,) = render_html(Reply("troops", (four,)))
    assert "<i>AP · 2 Apr 2024 · also in Reuters, BBC &lt;News&gt;, AFP and 1 more</i>" in (
        html_message
    )
    check_telegram_html(html_message)


def test_render_html_typical() -> None:
    assert render_html(typical_reply()) == [
        "1. <b>U.S. agrees to withdraw troops from Niger</b>\n"
        "<i>AP · 2 Apr 2024</i>\n"
        "<i>— Public Demonstrations</i>\n"
        "Thousands of people rallied in <b>Niamey</b>. They demanded the departure of American "
        "<b>soldiers</b> from the country.\n"
        '<a href="https://example.com/niger?utm=1&amp;id=2">Read the article</a>\n'
        "\n"
        "2. <b>Will we be the first Martians?</b>\n"
        "<i>USA TODAY · 14 Sep 2012</i>\n"
        "<b>Mars</b> could have its first outposts after 2060, NASA said."
    ]


def test_render_text_typical() -> None:
    assert render_text(typical_reply()) == (
        "1. U.S. agrees to withdraw troops from Niger\n"
        "AP · 2 Apr 2024\n"
        "— Public Demonstrations\n"
        "Thousands of people rallied in Niamey. They demanded the departure of American "
        "soldiers from the country.\n"
        "https://example.com/niger?utm=1&id=2\n"
        "\n"
        "2. Will we be the first Martians?\n"
        "USA TODAY · 14 Sep 2012\n"
        "Mars could have its first outposts after 2060, NASA said."
    )


def test_render_text_color_uses_ansi_bold() -> None:
    text = render_text(typical_reply(), color=True)
    assert text.startswith("1. \x1b[1mU.S. agrees to withdraw troops from Niger\x1b[0m\n")
    assert "rallied in \x1b[1mNiamey\x1b[0m. " in text
    assert "\x1b[1mMars\x1b[0m could" in text


def test_render_text_strips_control_characters() -> None:
    article = make_article(
        headline="Red\x1b[31m alert",
        paragraphs=(Paragraph("Evil \x1b[2J text\r here about troops."),),
    )
    text = render_text(build_reply("troops", [make_hit(article, 0, "troops")]), color=True)
    assert "\x1b[31m" not in text
    assert "\x1b[2J" not in text
    assert "\r" not in text
    assert "\x1b[1mtroops\x1b[0m." in text


_EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
_INITIATORS = "\u2066\u2067\u2068"  # LRI RLI FSI; PDI is U+2069
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _open_isolates(line: str) -> int:
    """How many isolates a line leaves open at its end, as the Unicode bidi algorithm counts
    them (a PDI with none open closes nothing)."""
    depth = 0
    for ch in line:
        if ch in _INITIATORS:
            depth += 1
        elif ch == "\u2069" and depth:
            depth -= 1
    return depth


def test_bidi_overrides_in_articles_cannot_reorder_the_answer() -> None:
    # U+202E in a source name would show the rest of the line, date included, reversed;
    # they were shown as "\ufffd" instead, and so were the isolates Arabic, Hebrew and
    # Persian sources use around a name or a number
    article = make_article(
        headline="Troops \u202eleave\u202c Niger",
        paragraphs=(Paragraph("Soldiers \u2067left\u2069 the base about troops."),),
        source="Wire \u202e",
    )
    reply = build_reply("troops", [make_hit(article, 0, "troops")])

    for rendered in (render_text(reply), *render_html(reply)):
        assert "\ufffd" not in rendered
        assert not any(ch in rendered for ch in _EMBEDDINGS)  # overrides force an order
        assert "Troops \u2067leave\u2069 Niger" in rendered  # the override, as an isolate
        assert "Soldiers \u2067left\u2069 the base" in rendered
        # the source's unclosed one goes: it would have taken in the date
        assert "Wire · 2 Apr 2024" in rendered
        assert all(_open_isolates(line) == 0 for line in rendered.split("\n"))


def test_bidi_controls_in_what_was_typed_are_left_out_of_the_echo() -> None:
    # the echo sits inside the bot's sentence: an isolate it opened would take the rest in
    # (one the echo closes itself stays: it orders only what is inside it)
    reply = build_reply("zzqq \u2067Biden\u2069 \u202enews \u2066x", [])

    for rendered in (render_text(reply), *render_html(reply)):
        assert "zzqq \u2067Biden\u2069 news x" in rendered
        assert not any(ch in rendered for ch in _EMBEDDINGS + "\ufffd")
        assert all(_open_isolates(line) == 0 for line in rendered.split("\n"))


def test_a_search_error_and_a_note_show_no_bidi_controls() -> None:
    # the bot's sentence quotes the question: even a closed isolate could hold its words
    reply = build_reply(
        "q", [], error="Unknown source \u2067a\u2069 or \u2067b", note="Searched \u202eq\u202c"
    )

    for rendered in (render_text(reply), *render_html(reply)):
        assert "Unknown source a or b" in rendered
        assert "Searched q" in rendered
        assert not _BIDI_CONTROL.search(rendered)


def test_an_isolate_cut_by_a_passage_window_is_dropped() -> None:
    # a long passage is cut around the matched sentence: an isolate opened before the cut
    # and closed after it is left open by the cut, and goes
    words = "word " * 300
    article = make_article(
        paragraphs=(Paragraph(f"Troops \u2067left Niger. {words}\u2069 the end."),),
    )
    reply = build_reply("troops", [make_hit(article, 0, "troops")])

    for rendered in (render_text(reply), *render_html(reply)):
        assert "Troops left Niger" in rendered
        assert all(_open_isolates(line) == 0 for line in rendered.split("\n"))


def test_isolates_in_cards_and_lists_are_closed() -> None:
    article = make_article(headline="\u2067" + "ترامب " * 100, source="\u2066Wire")
    passage = replace(article_passage(article), text="\u2067" + "word " * 100)

    assert _open_isolates(plain_title(passage, 40)) == 0
    assert _open_isolates(passage_preview(passage, 40)) == 0
    for message in render_headlines_html([article]) + render_article_html(article):
        assert "\ufffd" not in message
        assert all(_open_isolates(line) == 0 for line in message.split("\n"))


def test_note_comes_first() -> None:
    reply = build_reply(
        "troops", [make_hit(make_article(), 0, "troops")], note="Your question was shortened."
    )
    assert render_html(reply)[0].startswith("<i>Your question was shortened.</i>\n\n1. <b>")
    assert render_text(reply).startswith("Your question was shortened.\n\n1. ")


# --- escaping ------------------------------------------------------------------------------


def test_html_escapes_article_text_and_url() -> None:
    article = Article(
        id="x",
        headline='<script>alert("hi")</script> & co',
        paragraphs=(Paragraph('Use <b>bold</b> & "quotes" for A&B.', section="<i>Sec</i>"),),
        source="A & B <News>",
        url='https://example.com/a?x=1&y="2"',
    )
    text = article.paragraphs[0].text
    start = text.index("A&B")
    hit = Hit(article=article, position=0, score=1.0, spans=((start, start + 3),))
    (message,) = render_html(build_reply("a&b", [hit]))
    check_telegram_html(message)
    assert message == (
        '1. <b>&lt;script&gt;alert("hi")&lt;/script&gt; &amp; co</b>\n'
        "<i>A &amp; B &lt;News&gt;</i>\n"
        "<i>— &lt;i&gt;Sec&lt;/i&gt;</i>\n"
        'Use &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" for <b>A&amp;B</b>.\n'
        '<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">Read the article</a>'
    )


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.com/x", "example.com/x", "https://", "http://a b.com"],
)
def test_only_http_links(url: str) -> None:
    article = make_article(url=url)
    reply = build_reply("troops", [make_hit(article, 0, "troops")])
    (message,) = render_html(reply)
    assert "<a " not in message
    assert "Read the article" not in message
    check_telegram_html(message)
    assert url not in render_text(reply)


def test_no_hits_html_echoes_question_escaped() -> None:
    assert render_html(build_reply('<b>"Mars" & co</b>', [])) == [
        'No good match for “<i>&lt;b&gt;"Mars" &amp; co&lt;/b&gt;</i>”.\n'
        "Try fewer or different words, a name, or a place."
    ]


def test_no_hits_text() -> None:
    reply = build_reply("  who won\nthe  match? ", [])
    assert not reply.has_hits
    assert render_text(reply) == (
        "No good match for “who won the match?”.\nTry fewer or different words, a name, or a place."
    )
    assert render_text(build_reply("   ", [])).startswith("No good match.\n")
    # joiners alone can be kept, but not seen: no empty quotes
    assert render_text(build_reply("\u200c\u200d", [])).startswith("No good match.\n")
    assert render_text(build_reply("\u200c\u0301 ", [])).startswith("No good match.\n")
    assert render_text(build_reply("\u200cx", [])).startswith("No good match for “\u200cx”")


def test_no_hits_echo_shows_a_typed_address_once() -> None:
    # Telegram adds the address a url entity typed without its scheme stands for after the
    # words: "No good match for “ex.com/o https://ex.com/o”" showed it twice
    [html] = render_html(build_reply("is it true? ex.com/o https://ex.com/o", []))
    assert html.startswith("No good match for “<i>is it true? ex.com/o</i>”.")
    text = render_text(build_reply("ex.com/o or y.org/p https://ex.com/o https://y.org/p", []))
    assert text.startswith("No good match for “ex.com/o or y.org/p”.")
    # a linked word's address, which the words do not show, stays
    text = render_text(build_reply("read this https://news.example/volcano", []))
    assert text.startswith("No good match for “read this https://news.example/volcano”.")


def test_no_hits_echo_keeps_a_linked_words_address_that_the_words_hold_only_a_part_of() -> None:
    # a verifier: "qqzz.org/a", the address of a linked word, was taken for the typed
    # "qqzz.org/abc" it is a part of, and dropped
    text = render_text(build_reply("qqzz.org/abc and the report https://qqzz.org/a", []))
    assert text.startswith("No good match for “qqzz.org/abc and the report https://qqzz.org/a”.")


def test_a_headline_of_invisible_characters_is_untitled() -> None:
    # a verifier: closed isolates alone showed a blank headline and source
    article = Article(
        id="i", headline="\u2067\u2069", paragraphs=(Paragraph("Text."),), source="\u2066\u2069"
    )
    [html_text] = render_html(build_reply("x", [Hit(article=article, position=0, score=1.0)]))
    assert "<b>Untitled</b>" in html_text
    assert "\u2066" not in html_text


def test_no_hits_truncates_long_question() -> None:
    question = "word " * 200
    (message,) = render_html(build_reply(question, []))
    echoed = message.split("“<i>")[1].split("</i>”")[0]
    assert len(echoed) <= 100
    assert echoed.endswith("word…")
    check_telegram_html(message)


@pytest.mark.parametrize(
    "cluster",
    [
        "\U0001f1ee\U0001f1f8",  # a flag: two regional indicators
        "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # a family: joined by ZWJ
        "\U0001f44d\U0001f3fd",  # thumbs up with a skin tone
        "q\u0301",  # q and a combining acute (no precomposed form)
        "\u2764\ufe0f",  # a heart and its emoji variation selector
    ],
)
def test_no_hits_echo_never_splits_a_character(cluster: str) -> None:
    for offset in range(len(cluster)):  # the limit falls on every part of the cluster
        question = "x" * offset + cluster * 120  # no spaces: cut at the limit
        (line, _) = render_text(build_reply(question, [])).split("\n")
        echoed = line.split("“")[1].split("”")[0]

        assert echoed.endswith("…")
        kept = echoed[: -len("…")]
        assert question.startswith(kept)
        assert (len(kept) - offset) % len(cluster) == 0, offset


# --- trimming ------------------------------------------------------------------------------

FILLER = "Officials met for talks in the capital again. " * 10  # 460 characters
LONG = FILLER + "The troops will leave Niger by September. " + FILLER


def test_short_passage_is_untouched() -> None:
    assert trim_passage("Short text.", (0, 11), [(6, 10)], 600) == ("Short text.", ((6, 10),))


def test_trim_keeps_best_sentence_and_shifts_bold() -> None:
    best = "The troops will leave Niger by September."
    start = LONG.index(best)
    troops = (start + 4, start + 10)
    niger = (start + 22, start + 27)
    text, bold = trim_passage(LONG, (start, start + len(best)), [troops, niger], 200)
    assert len(text) <= 200
    assert best in text
    assert text.startswith("…Officials met")
    assert text.endswith("again. …")  # set apart from the full stop: "again.…" ran them on
    assert [text[a:b] for a, b in bold] == ["troops", "Niger"]
    # whole sentences only, on either side of the best one
    for piece in text.strip("… ").split(". "):
        assert piece.rstrip(".") in LONG


def test_trim_keeps_a_date_with_its_abbreviated_month() -> None:
    text = (
        "The league has added a game. " * 6
        + "It is scheduled for Nov. 24 between the Jets and the Dolphins. "
        + "Tickets sell fast. " * 6
    )
    # the best sentence as the search picks it, then the trim around it: both cut at "Nov."
    [best] = [(a, b) for a, b in sentence_spans(text) if "scheduled" in text[a:b]]
    trimmed, _ = trim_passage(text, best, [], 70)
    assert "Nov. 24 between the Jets and the Dolphins." in trimmed


def test_trim_without_sentence_uses_first_match() -> None:
    start = LONG.index("Niger")
    text, bold = trim_passage(LONG, None, [(start, start + 5)], 120)
    assert "The troops will leave Niger by September." in text
    assert [text[a:b] for a, b in bold] == ["Niger"]


def test_trim_at_the_start_has_no_leading_ellipsis() -> None:
    text, _ = trim_passage(LONG, (0, 46), [], 100)
    assert text == ("Officials met for talks in the capital again. " * 2) + "…"


def test_trim_long_sentence_cuts_between_words() -> None:
    words = [f"w{i}" for i in range(2000)]
    text = " ".join(words)  # one 10,000-character sentence
    start = text.index(" w1500 ") + 1
    trimmed, bold = trim_passage(text, (0, len(text)), [(start, start + 5)], 100)
    assert len(trimmed) <= 100
    assert trimmed.startswith("…")
    assert trimmed.endswith("…")
    assert [trimmed[a:b] for a, b in bold] == ["w1500"]
    assert set(trimmed.strip("…").split(" ")) <= set(words)


def test_trim_without_spaces_cuts_hard() -> None:
    text = "x" * 20_000
    trimmed, bold = trim_passage(text, None, [(10_000, 10_010)], 600)
    assert len(trimmed) <= 600
    assert trimmed.startswith("…x")
    assert trimmed.endswith("x…")
    assert len(bold) == 1
    assert trimmed[bold[0][0] : bold[0][1]] == "x" * 10


@pytest.mark.parametrize(
    "cluster",
    [
        "\U0001f1ee\U0001f1f8",  # a flag
        "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # a family
        "q\u0301",  # q and a combining acute
        "\u0e19\u0e31\u0e49",  # a Thai consonant, its vowel sign (class 0) and tone mark
        "\u0e19\u0e49\u0e33",  # ... its tone mark and SARA AM, filed as a letter
    ],
)
def test_trim_without_spaces_never_splits_a_character(cluster: str) -> None:
    # probe, 29th session: a passage with no space opened on a flag's second half or a
    # Thai vowel sign, and ended on a flag's first
    for offset in range(len(cluster)):
        text = "x" * offset + cluster * (2000 // len(cluster))
        for focus in (offset, 301, 777, 1500):
            trimmed, _ = trim_passage(text, None, [(focus, focus + 1)], 600)
            kept = trimmed.removeprefix("…").removesuffix("…")
            start = text.index(kept)
            assert (start - offset) % len(cluster) == 0 or start < offset, (focus, start)
            assert (start + len(kept) - offset) % len(cluster) == 0, (focus, start)


def test_trim_of_one_huge_cluster_still_shows_text() -> None:
    # verify round, 29th session: a letter under thousands of marks (Zalgo text) came back
    # as a lone "…", and took seconds to
    text = "Z" + "\u0336" * 5000
    trimmed, _ = trim_passage(text, None, [(2500, 2501)], 600)
    assert 3 < len(trimmed) <= 600
    assert set(trimmed.strip("…")) <= {"Z", "\u0336"}


def test_trim_clips_bold_spans() -> None:
    text, bold = trim_passage("a" * 50 + " tail", None, [(40, 60), (-5, 3), (7, 7)], 20)
    assert len(text) <= 20
    for a, b in bold:
        assert 0 <= a < b <= len(text)


def test_build_reply_trims_long_passages() -> None:
    article = make_article(paragraphs=(Paragraph(LONG),))
    hit = make_hit(article, 0, "troops")
    best = LONG.index("The troops")
    hit = Hit(hit.article, 0, 1.0, hit.terms, hit.spans, (best, best + 41))
    (passage,) = build_reply("troops", [hit]).passages
    assert len(passage.text) <= 600
    assert "The troops will leave Niger by September." in passage.text
    assert [passage.text[a:b] for a, b in passage.bold] == ["troops"]


def test_build_reply_rejects_bad_max_chars() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        build_reply("x", [], max_chars=0)


# --- splitting -----------------------------------------------------------------------------


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("😀") == 2
    assert utf16_len("é") == 1


def test_many_long_passages_split_between_passages() -> None:
    text = "Troops & <soldiers> left. " * 23  # 598 characters, escaping makes it much longer
    articles = [
        make_article(id=f"a{i}", headline=f"Story {i}", paragraphs=(Paragraph(text),))
        for i in range(10)
    ]
    reply = build_reply("troops", [make_hit(a, 0, "Troops", "soldiers") for a in articles])
    messages = render_html(reply)
    assert len(messages) > 1
    for message in messages:
        check_telegram_html(message)
        assert message.startswith(tuple(f"{i}. <b>Story" for i in range(1, 11)))
    joined = "\n\n".join(messages)
    assert [int(n) for n in re.findall(r"^(\d+)\. <b>", joined, re.M)] == list(range(1, 11))


def test_huge_headline_url_and_text_still_fit() -> None:
    passage = Passage(
        headline="&<" * 5000,
        meta="M&" * 3000,
        section="S<" * 3000,
        text="😀&" * 20_000,
        bold=tuple((i, i + 1) for i in range(0, 40_000, 2)),
        url="https://example.com/?" + "a=&" * 3000,
    )
    messages = render_html(Reply("q", (passage, passage)))
    assert len(messages) == 2
    for message in messages:
        check_telegram_html(message)
    assert passage.headline in render_text(Reply("q", (passage,)))


def test_a_message_keeps_within_telegrams_hundred_entities() -> None:
    # every matched word its own <b>: three keyword-dense passages made 149 entities, and
    # Telegram drops the formatting past the 100th (the third answer's link among it)
    words = [f"w{n}" for n in range(60)]
    text = " ".join(f"{w} and" for w in words) + " Deputy Secretary spoke."
    spans = [(m.start(), m.end()) for m in re.finditer(r"w\d+|Deputy|Secretary", text)]
    passage = Passage("Story", "Wire · 1 Jan 2024", None, text, tuple(spans), "https://e.x/a")
    messages = render_html(Reply("q", (passage, passage, passage)))
    for message in messages:
        check_telegram_html(message)
        assert len(re.findall(r"<(?:b|i|a)[ >]", message)) <= 100
    assert sum(message.count('<a href="https://e.x/a">') for message in messages) == 3
    # words next to each other are one bold run
    alone = render_html(Reply("q", (replace(passage, bold=spans[-2:]),)))[0]
    assert "<b>Deputy Secretary</b>" in alone
    # and so are a name's parts, an abbreviation and its number; not two sentences
    text = "Bankman-Fried spoke on Jan. 6 about the strike. Workers left."
    bold = tuple(
        (m.start(), m.end()) for m in re.finditer(r"Bankman|Fried|Jan|6|strike|Workers", text)
    )
    joined = render_html(Reply("q", (replace(passage, text=text, bold=bold),)))[0]
    assert "<b>Bankman-Fried</b>" in joined
    assert "<b>Jan. 6</b>" in joined
    assert "<b>strike</b>. <b>Workers</b>" in joined


def test_huge_url_is_dropped_but_short_one_kept() -> None:
    long_url = "https://example.com/" + "x" * 5000
    reply = build_reply("troops", [make_hit(make_article(url=long_url), 0, "troops")])
    (message,) = render_html(reply)
    check_telegram_html(message)


# --- properties ----------------------------------------------------------------------------

NASTY = st.sampled_from(
    [
        "<", ">", "&", '"', "'", "&amp;", "&lt;", "<b>", "</b>", "</a>", '<a href="x">',
        "<!--", "😀", "👩‍👩‍👧", "שלום עולם", "مرحبا بالعالم", "\u202e", "\u200f", " ", "\n",
        "\u2067", "\u2069", "\u202c",
        "\t", ". ", "? ", "word", "Niger", "\x00", "\x1b[31m", "\ud800", "é", "e\u0301", "…",
    ]
)  # fmt: skip
SHORT_TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=12).map("".join)


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """Text of any length up to 20,000 characters, with or without spaces."""
    piece = draw(SHORT_TEXT)
    repeat = draw(st.sampled_from([1, 3, 50, 2000]))
    text = (piece * repeat)[:20_000]
    if draw(st.booleans()):
        text = text.replace(" ", "")
    return text


@st.composite
def spans(draw: st.DrawFn, size: int) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping valid spans in a text of the given size."""
    if size == 0:
        return ()
    cuts = sorted(set(draw(st.lists(st.integers(0, size), max_size=12))))
    return tuple((a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)


@st.composite
def hits(draw: st.DrawFn) -> Hit:
    text = draw(article_text())
    sentence = None
    if text and draw(st.booleans()):
        a = draw(st.integers(0, len(text)))
        sentence = (a, draw(st.integers(a, len(text))))
    url = draw(
        st.one_of(st.none(), st.just("https://example.com/a?b=1&c=<2>"), SHORT_TEXT, article_text())
    )
    headline = draw(st.one_of(SHORT_TEXT, article_text()))
    article = Article(
        id="x",
        headline=headline,
        paragraphs=(Paragraph(text, section=draw(st.one_of(st.none(), SHORT_TEXT))),),
        source=draw(st.one_of(st.none(), SHORT_TEXT)),
        published=draw(st.one_of(st.none(), st.dates())),
        url=url,
    )
    return Hit(
        article=article,
        position=0,
        score=1.0,
        spans=draw(spans(len(text))),
        sentence=sentence,
    )


@settings(max_examples=150, deadline=None)
@given(
    question=st.one_of(st.text(), SHORT_TEXT, article_text()),
    found=st.lists(hits(), max_size=4),
    note=st.one_of(st.none(), SHORT_TEXT),
)
def test_every_message_is_valid_telegram_html(
    question: str, found: list[Hit], note: str | None
) -> None:
    reply = build_reply(question, found, note=note)
    messages = render_html(reply)
    assert messages
    for message in messages:
        check_telegram_html(message)
        assert all(_open_isolates(line) == 0 for line in message.split("\n"))
    for color in (False, True):
        text = render_text(reply, color=color)
        assert all(_open_isolates(line) == 0 for line in text.split("\n"))
        for passage in reply.passages:
            assert passage.headline in text


@settings(max_examples=100, deadline=None)
@given(found=st.lists(hits(), min_size=1, max_size=3))
def test_untrimmed_passages_still_fit(found: list[Hit]) -> None:
    passages = tuple(
        Passage(
            h.article.headline, h.article.source or "", h.section, h.text, h.spans, h.article.url
        )
        for h in found
    )
    for message in render_html(Reply("q", passages)):
        check_telegram_html(message)
    text = render_text(Reply("q", passages))
    assert text.startswith("1.")


@settings(max_examples=200, deadline=None)
@given(data=st.data(), text=article_text(), max_chars=st.integers(1, 800))
def test_trim_passage_properties(data: st.DataObject, text: str, max_chars: int) -> None:
    bold_in = data.draw(spans(len(text)))
    sentence = None
    if text and data.draw(st.booleans()):
        a = data.draw(st.integers(0, len(text)))
        sentence = (a, data.draw(st.integers(a, len(text))))
    trimmed, bold = trim_passage(text, sentence, bold_in, max_chars)
    assert len(trimmed) <= max(max_chars, 0) or trimmed == text
    previous = 0
    for a, b in bold:
        assert previous <= a < b <= len(trimmed)
        assert trimmed[a:b] in text
        assert "…" not in trimmed[a:b] or "…" in text
        previous = b
    core = trimmed.removeprefix("…").removesuffix("…").removesuffix(" ")
    assert core in text
    if sentence is not None:
        best = text[sentence[0] : sentence[1]].strip()
        if len(best) + 2 <= max_chars:
            assert best in trimmed


# --- pages for the Telegram face: single passages, articles, lists ------------------------------


def test_render_html_numbers_from_first() -> None:
    messages = render_html(typical_reply(), first=4)

    assert messages[0].startswith("4. <b>U.S. agrees")
    assert "\n\n5. <b>Will we be the first Martians?</b>" in messages[0]


def test_passage_html_has_no_number() -> None:
    passage = typical_reply().passages[0]

    text = passage_html(passage)

    check_telegram_html(text)
    assert text.startswith(
        "<b>U.S. agrees to withdraw troops from Niger</b>\n<i>AP · 2 Apr 2024</i>"
    )
    assert text.endswith('">Read the article</a>')


def test_passage_preview_and_title_are_short_plain_lines() -> None:
    passage = typical_reply().passages[0]

    assert passage_preview(passage, 40) == "Thousands of people rallied in Niamey.…"
    assert plain_title(passage) == "U.S. agrees to withdraw troops from Niger"
    long = Passage("x " * 300, "", None, "", (), None)
    assert len(plain_title(long)) <= 200
    assert passage_preview(long) == ""  # no text, no meta


def test_article_passage_prefers_the_standfirst() -> None:
    with_standfirst = make_article(standfirst="Talks in Niamey ended with a deal.")
    without = make_article()
    empty = make_article(paragraphs=())

    assert article_passage(with_standfirst).text == "Talks in Niamey ended with a deal."
    assert article_passage(without).text.startswith("The U.S. has agreed")
    assert article_passage(without).meta == "AP · 2 Apr 2024"
    assert article_passage(empty).text == ""
    check_telegram_html(passage_html(article_passage(empty)))
    assert len(article_passage(make_article(standfirst="word " * 500), 100).text) <= 100


def test_article_passage_is_the_lead_not_a_time_stamp_or_byline_above_it() -> None:
    # inline mode's newest cards showed "Updated July 8, 2026, 7:02 a.m. ET" and "Humeyra
    # Pamuk and David Latona" as the story
    scraped = make_article(
        paragraphs=(
            Paragraph("Updated July 8, 2026, 7:02 a.m. ET"),
            Paragraph("Humeyra Pamuk and David Latona"),
            *PARAGRAPHS,
        )
    )
    assert article_passage(scraped).text.startswith("The U.S. has agreed")
    stamp_only = make_article(paragraphs=(Paragraph("Updated July 8, 2026, 7:02 a.m. ET"),))
    assert article_passage(stamp_only).text == "Updated July 8, 2026, 7:02 a.m. ET"  # all it has


def test_render_headlines_html() -> None:
    undated = make_article(headline="<Breaking> & more", published=None, source=None)

    [text] = render_headlines_html([make_article(), undated], first=11)

    check_telegram_html(text)
    assert text == (
        "<b>Latest headlines</b>\n"
        "11. <b>U.S. agrees to withdraw troops from Niger</b>\n<i>AP · 2 Apr 2024</i>\n"
        "12. <b>&lt;Breaking&gt; &amp; more</b>"
    )
    assert render_headlines_html([], title=None) == []


def test_render_article_html() -> None:
    niger = make_article(standfirst="A deal <at last>.")

    [text] = render_article_html(niger)

    check_telegram_html(text)
    assert text.startswith(
        "<b>U.S. agrees to withdraw troops from Niger</b>\n<i>AP · 2 Apr 2024</i>\n"
        '<a href="https://example.com/niger?utm=1&amp;id=2">Read the article</a>\n\n'
        "<i>A deal &lt;at last&gt;.</i>\n\n"
        "The U.S. has agreed"
    )
    assert "\n\n<b>Public Demonstrations</b>\nThousands of people rallied" in text
    assert text.count("Public Demonstrations") == 1  # one heading for its two paragraphs
    assert "\n\nMars could have" in text


def test_long_article_is_cut_with_a_note() -> None:
    paragraphs = tuple(Paragraph(f"Paragraph {i}. " + "word " * 700) for i in range(20))
    long = make_article(paragraphs=paragraphs)

    full = render_article_html(long, max_messages=100)
    cut = render_article_html(long, max_messages=3)

    assert len(full) > 3
    assert len(cut) == 3
    assert cut[:2] == full[:2]
    assert cut[-1].endswith(f"<i>{ARTICLE_CUT}</i>")
    for message in cut:
        check_telegram_html(message)
    with pytest.raises(ValueError, match="max_messages"):
        render_article_html(long, max_messages=0)


def _parsed(message: str) -> str:
    """The text Telegram makes of our HTML: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", message))


@pytest.mark.parametrize("text", ["&" * 9000, "<>" * 4500, "a < b & c > d " * 700])
def test_an_article_is_split_by_the_length_telegram_counts(text: str) -> None:
    # Telegram's 4,096 is of the text after its entities are parsed: "&amp;" is one unit.
    # Split on the escaped length, such text took up to five times the messages, and the
    # article was cut ("The article goes on") after eight
    article = make_article(paragraphs=(Paragraph(text),))

    messages = render_article_html(article)

    assert len(messages) == 3
    assert ARTICLE_CUT not in messages[-1]
    for message in messages:
        check_telegram_html(message)
        assert utf16_len(_parsed(message)) <= MAX_MESSAGE
        assert utf16_len(html_to_plain(message)) <= MAX_MESSAGE  # the plain-text fallback
    assert "".join(_parsed(m) for m in messages[1:]).replace(" ", "") in text.replace(" ", "")
    assert utf16_len(_parsed(messages[1])) > MAX_MESSAGE - 700  # full, or nearly


def test_an_answer_packs_passages_by_the_length_telegram_counts() -> None:
    # passages heavy in & < > went two to a message: six, that show in 3,916 units, took three
    paragraphs = tuple(Paragraph(f"Niger troops {i} " + "&<> " * 130) for i in range(6))
    article = make_article(paragraphs=paragraphs)
    hits = [make_hit(article, i, "troops") for i in range(6)]

    [message] = render_html(build_reply("troops", hits))

    check_telegram_html(message)
    assert message.count(">Read the article</a>") == 6


def test_the_html_checker_counts_parsed_text() -> None:
    check_telegram_html("&amp;" * MAX_MESSAGE)
    with pytest.raises(AssertionError):
        check_telegram_html("a" * (MAX_MESSAGE + 1))
    with pytest.raises(AssertionError):
        check_telegram_html("<b>" + "&lt;" * (MAX_MESSAGE + 1) + "</b>")


def test_render_facts_html() -> None:
    [text] = render_facts_html("Sources", [("AP", "3 articles"), ("<Wire>", "1 article")])

    assert text == "<b>Sources</b>\nAP: 3 articles\n&lt;Wire&gt;: 1 article"


def test_render_welcome_html() -> None:
    many = render_welcome_html(1234, (date(2022, 1, 7), date(2024, 3, 1)), "Niger <troops>?")
    one = render_welcome_html(1, (date(2024, 3, 1), date(2024, 3, 1)), None)
    undated = render_welcome_html(2, None, "")

    check_telegram_html(many)
    assert many == (
        "I answer questions about the news with passages from 1,234 articles, "
        "published 7 Jan 2022 to 1 Mar 2024.\n"
        "Ask in plain words, for example:\n<i>Niger &lt;troops&gt;?</i>"
    )
    assert (
        one
        == "I answer questions about the news with passages from 1 article, published 1 Mar 2024."
    )
    assert undated.endswith("from 2 articles.")


def test_the_welcome_says_how_many_articles_the_date_range_is_of() -> None:
    # "2,128 articles, published 1 May 2024 to 4 May 2024" when 4 of them had a date
    some = render_welcome_html(2128, (date(2024, 5, 1), date(2024, 5, 4)), None, 4)
    every = render_welcome_html(3, (date(2024, 5, 1), date(2024, 5, 4)), None, 3)

    assert some == (
        "I answer questions about the news with passages from 2,128 articles "
        "(4 of them dated, published 1 May 2024 to 4 May 2024)."
    )
    assert every.endswith("3 articles, published 1 May 2024 to 4 May 2024.")


def test_html_to_plain() -> None:
    html_text = (
        '1. <b>A &amp; B</b>\n<i>x &lt;y&gt;</i>\n<a href="https://e.org/?a=1&amp;b=2">Read</a>'
    )

    assert html_to_plain(html_text) == "1. A & B\nx <y>\nRead: https://e.org/?a=1&b=2"


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Articles with nasty text anywhere: HTML-like, entities, emoji, RTL, up to 20,000 chars."""
    paragraphs = draw(
        st.lists(
            st.builds(
                Paragraph,
                st.one_of(SHORT_TEXT, article_text()),
                st.one_of(st.none(), SHORT_TEXT),
            ),
            max_size=4,
        )
    )
    return Article(
        id="x",
        headline=draw(st.one_of(SHORT_TEXT, article_text())),
        standfirst=draw(st.one_of(st.just(""), SHORT_TEXT, article_text())),
        paragraphs=tuple(paragraphs),
        source=draw(st.one_of(st.none(), SHORT_TEXT)),
        published=draw(st.one_of(st.none(), st.dates())),
        url=draw(st.one_of(st.none(), st.just("https://example.com/a?b=1&c=<2>"), SHORT_TEXT)),
    )


def _visible(text: str) -> str:
    """Text without spaces and bidi controls (an isolate is kept, or dropped, as it pairs)."""
    return "".join(ch for ch in text if not ch.isspace() and not _BIDI_CONTROL.match(ch))


@settings(max_examples=100, deadline=None)
@given(article=articles(), max_messages=st.integers(1, 12))
def test_every_article_message_is_valid_telegram_html(article: Article, max_messages: int) -> None:
    messages = render_article_html(article, max_messages=max_messages)

    assert 1 <= len(messages) <= max_messages
    for message in messages:
        check_telegram_html(message)
        assert utf16_len(html_to_plain(message)) <= MAX_MESSAGE
    if len(messages) < max_messages:  # nothing was cut: every paragraph's words are there
        shown = _visible("".join(html_to_plain(m) for m in messages))
        for paragraph in article.paragraphs:
            words = _visible(
                re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", "\ufffd", paragraph.text)
            )
            assert words in shown
    for message in messages:  # no line leaves an isolate open, and none is overridden
        assert not re.search("[\u202a-\u202e]", message)
        assert all(_open_isolates(line) == 0 for line in message.split("\n"))


@settings(max_examples=100, deadline=None)
@given(found=st.lists(articles(), max_size=12), title=st.one_of(st.none(), SHORT_TEXT))
def test_every_list_message_is_valid_telegram_html(found: list[Article], title: str | None) -> None:
    for message in render_headlines_html(found, title=title):
        check_telegram_html(message)
    rows = [(a.headline, a.standfirst) for a in found]
    for message in render_facts_html(title or "Facts", rows):
        check_telegram_html(message)
    for article in found:
        passage = article_passage(article)
        check_telegram_html(passage_html(passage))
        assert len(passage_preview(passage)) <= 120
        assert "\n" not in plain_title(passage)


def test_a_link_with_an_upper_case_scheme_is_written_lower_case() -> None:
    article = make_article(url="HTTPS://Example.com/Story")
    (message,) = render_html(build_reply("troops", [make_hit(article, 0, "troops")]))
    assert '<a href="https://Example.com/Story">Read the article</a>' in message
    check_telegram_html(message)


def test_a_link_loses_its_tracking_parameters_only() -> None:
    url = "https://example.com/story?id=7&utm_source=feedblitz&utm_medium=rss&fbclid=x1"
    article = make_article(url=url)
    reply = build_reply("troops", [make_hit(article, 0, "troops")])
    (message,) = render_html(reply)
    assert '<a href="https://example.com/story?id=7">' in message
    assert render_text(reply).splitlines()[-1] == "https://example.com/story?id=7"
    plain = make_article(url="https://example.com/story?utmost=1")  # no tracking parameter
    assert "story?utmost=1" in render_text(build_reply("troops", [make_hit(plain, 0, "troops")]))


@pytest.mark.parametrize(
    "message",
    ["hello", "Hi there!", "hey bot 👋", "Good morning", "THANKS!!", "thank you so much", "bye"],
)
def test_small_talk_is_recognised(message: str) -> None:
    assert small_talk(message) is not None


@pytest.mark.parametrize(
    "message", ["bye for now", "Thanks, bye!", "see ya", "Good night", "bye bye", "ok bye"]
)
def test_a_goodbye_as_typed_is_a_goodbye(message: str) -> None:
    assert small_talk(message) == "Goodbye! Ask me about the news any time."


@pytest.mark.parametrize("message", ["bye bye bye", "goodbye to the euro", "see you in court"])
def test_a_goodbye_with_more_is_a_question(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize("message", ["ok", "OK!", "Okay.", "got it", "cool", "k", "lol"])
def test_an_acknowledgement_is_small_talk(message: str) -> None:
    assert small_talk(message) == "Ask me a question about the news."


@pytest.mark.parametrize("message", ["hmm", "hmm, ok", "Um...", "oh ok", "yeah", "hm ok", "uh"])
def test_a_filler_alone_is_small_talk(message: str) -> None:
    # searched, "hmm" was told "No good match" and "hmm, ok" found a story quoting an "OK";
    # before a question the search leaves them out ("hmm yukos")
    assert small_talk(message) == "Ask me a question about the news."


@pytest.mark.parametrize("message", ["can you tell me", "Help!", "please", "I have a question"])
def test_a_request_with_nothing_asked_gets_a_hint(message: str) -> None:
    assert small_talk(message) == "Ask me about the news in your own words."
    assert small_talk(message, "Volcano erupts in Iceland") == (
        "Ask me about the news in your own words, such as “Volcano erupts in Iceland”."
    )


def test_small_talk_suggests_only_the_example_it_is_given() -> None:
    # a fixed "why are US troops leaving Niger?" found nothing in a library without it
    assert small_talk("hi") == "Hello! Ask me about the news in your own words."
    about = small_talk("who are you?", "Lava <reaches> the town " + "x" * 200)
    assert about is not None
    assert about.endswith("such as “Lava <reaches> the town " + "x" * 75 + "…”.")
    assert small_talk("thanks", "Lava") == "You're welcome! Ask me anything else about the news."
    braces = small_talk("please", "Lava {0} {such_as}")  # a headline is no template
    assert braces == "Ask me about the news in your own words, such as “Lava {0} {such_as}”."


@pytest.mark.parametrize("message", ["ok thanks", "Great, thank you!"])
def test_thanks_after_an_acknowledgement_is_thanks(message: str) -> None:
    assert small_talk(message) == "You're welcome! Ask me anything else about the news."


@pytest.mark.parametrize(
    "message", ["👍", ":)", "🙏🙏", "👍🏽", "❤️", "ok cool", "lol ok", "🤔", "😡", "🦒", "lol"]
)
def test_an_emoji_or_an_ok_alone_is_small_talk(message: str) -> None:
    # they had been told "No good match for “👍”. Try fewer or different words"; then "Ask
    # me anything else about the news.", which read oddly as the first reply a chat gets
    assert small_talk(message) == "Ask me a question about the news."
    assert small_talk(message, "Lava reaches the town") == (
        "Ask me a question about the news, such as “Lava reaches the town”."
    )


@pytest.mark.parametrize("message", ["?", "?!", "!", "…", "...", "/", "¿?", " ? ", "!!!"])
def test_punctuation_alone_is_asked_to_name_something(message: str) -> None:
    # searched, they had been told "No good match for “?”. Try fewer or different words"
    assert small_talk(message) == (
        "Put a name or a topic in the question: each message is read on its own."
    )
    assert small_talk(message, "Lava reaches the town") == (
        "Put a name or a topic in the question, e.g. “Lava reaches the town”: each message is "
        "read on its own."
    )


def test_a_number_or_markup_alone_is_no_small_talk() -> None:
    # "?" is the console's help before it is small talk (a chat's is /help)
    assert small_talk("<&>") is None  # markup, echoed as typed
    assert small_talk("\u2800") is None  # a Braille blank shows nothing


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("thanks a lot, great bot!", "You're welcome! Ask me anything else"),
        ("Great bot, thanks", "You're welcome! Ask me anything else"),
        ("hi, how are you?", "I'm Newsbot: I find the passages"),
        ("Hello! Who are you?", "I'm Newsbot: I find the passages"),
        ("well done. great bot!", "Glad to help! Ask me anything else"),
        ("hi - can you help me", "Ask me about the news in your own words"),
        ("thanks a lot, see you later", "Goodbye! Ask me about the news any time."),
    ],
)
def test_small_talk_in_parts_gets_the_reply_to_the_part_that_says_most(
    message: str, reply: str
) -> None:
    # "thanks a lot, great bot!" and "hi, how are you?" were searched
    answer = small_talk(message)
    assert answer is not None
    assert answer.startswith(reply)


@pytest.mark.parametrize(
    "message",
    [
        "hi, who won the election?",
        "thanks, what about oil prices?",
        "hello, goodbye to the euro",
        "great, the bot ban passed",
        "hi, how old is Biden?",
    ],
)
def test_small_talk_before_a_question_leaves_it_a_question(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "hello world",
        "thanks for the niger story",
        "hi, what happened in niger",
        "Hello magazine",
        "ok google",
        "can you tell me who won",
        "help for heroes",
        "OK Boomer meme",
        "hi" + "!" * 98 + " niger troops",
        # written as searches: a phrase, an exclusion, a filter
        '"thank you"',
        "\u201cgoodbye\u201d",
        "-hello",
        "hello source:bbc",
    ],
)
def test_a_question_is_no_small_talk(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize(
    ("message", "pronoun"),
    [
        ("how old is he", "he"),
        ("How old is he?", "he"),
        ("did they win", "they"),
        ("what did she say", "she"),
        ("is it true?", "it"),
        ("how did it end", "it"),
    ],
)
def test_a_question_naming_only_a_pronoun_asks_who_is_meant(message: str, pronoun: str) -> None:
    # searched, "how old is he" found "Biden at 80", "did they win" the Mega Millions
    assert small_talk(message) == (
        f"Who or what do you mean by “{pronoun}”? Put the name or the topic in the question: "
        "each message is read on its own."
    )


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("the second one", "the second one"),
        ("and the second one?", "the second one"),
        ("And the first?", "the first"),
        ("what about the last one?", "the last one"),
        ("the other one", "the other one"),
        ("number 3", "number 3"),
        ("the 2nd story", "the 2nd story"),
    ],
)
def test_a_result_named_alone_asks_which_is_meant(message: str, named: str) -> None:
    # searched, "the second one" found "Band Aid retains number one spot" (a chart's second
    # week); each message is read on its own, and a result is opened with its button or open
    assert small_talk(message) == (
        f"Which result do you mean by “{named}”? Each message is read on its own: to read a "
        "result of an answer in full, tap its 📄 N button in a chat, or type open N in the "
        "console."
    )


@pytest.mark.parametrize(
    "message", ["what happened next", "What happened next?", "and then what?", "tell me more"]
)
def test_a_follow_up_alone_asks_for_the_subject(message: str) -> None:
    # searched, "what happened next" found a story of an award "held again next year"
    assert small_talk(message) == (
        "Each message is read on its own, not with the one before: put the name or the topic "
        "in the question. To read a result of an answer in full, tap its 📄 N button in a "
        "chat, or type open N in the console."
    )


@pytest.mark.parametrize(
    "message",
    [
        "the second coming",
        "the other woman",
        "number 10",
        "the last of us",
        "what happened next in iraq",
        "the first one to win the cup",
        "the last one standing show",
        "tell me more about yukos",
    ],
)
def test_a_subject_that_starts_like_a_result_named_is_searched(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize(
    "message",
    [
        *("what is this about oil?", "what's this about oil?", "is it true about tariffs?"),
        *("what is this about the budget?", "what is this about my pension?"),
    ],
)
def test_a_subject_after_about_is_searched_whatever_pronoun_comes_before(message: str) -> None:
    # "what is this about oil?" was asked who "this" is, "what's this about oil?" searched
    assert small_talk(message) is None
    assert not leans_on_earlier(message)  # no "read on its own" note either (verify round 2)
    assert small_talk("what is this about it?") is not None  # a pronoun after it names no one
    assert leans_on_earlier("and what about france?")  # a question that goes on still does
    for follow_up in (
        *("what was that about his health?", "what is this about the other day?"),
        *("what is this about your last answer?", "what is this about their strike?"),
        "what is this about again?",
        "what is it about exactly?",
        "what is this about you?",
    ):
        assert leans_on_earlier(follow_up), follow_up  # verify round 3


@pytest.mark.parametrize(
    "message",
    [
        *("source?", "explain", "fact check?", "Fact-check", "sources?", "explain please"),
        *("true?", "source please", "link pls", "LINK PLEASE", "Source\uff1f"),
    ],
)
def test_a_check_that_names_nothing_asks_for_a_subject(message: str) -> None:
    # searched, "explain" found "Poll explains free-kick decision", "source?" "Open source
    # leaders slam patents"
    assert small_talk(message, "Rates rise again") == (
        "Put a name or a topic in the question, e.g. “Rates rise again”: each message is read "
        "on its own."
    )
    assert small_talk(message) == (
        "Put a name or a topic in the question: each message is read on its own."
    )


@pytest.mark.parametrize(
    "message",
    ["why?", "open source", "fact check Biden", '"explain"', "Real", "Fake", "proof", "sources"],
)
def test_a_check_with_a_subject_or_no_check_is_no_small_talk(message: str) -> None:
    assert small_talk(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "how old is Biden",
        "did they win the cup",
        "is it going to rain",
        "what did they find on Mars",
        "did it pass 50%",
        "is it 2024",
        "why did he say sorry to Trump",
        "IT outage",  # an acronym, not "it"
        "it ends with us",  # no question: a title
        "did she-hulk win?",  # one word
    ],
)
def test_a_question_with_a_name_or_a_topic_is_searched(message: str) -> None:
    assert small_talk(message) is None


def test_small_talk_renders_as_it_is() -> None:
    reply = Reply("who are you?", (), chat=small_talk("who are you?"))
    assert render_text(reply).startswith("I'm Newsbot: I find the passages")
    [html_text] = render_html(reply)
    assert html_text.startswith("I'm Newsbot: I find the passages")
    assert "No good match" not in html_text


def test_a_name_in_capitals_quotes_or_dots_is_a_subject() -> None:
    # "/ask WHO" in reply to someone searched their message, and "@bot WHO" inline showed a hint
    from bot.answer import names_nothing

    for named in ("WHO", "US", "IT", "A.I.", '"The Who"', "The Who", "\u201cthe who\u201d"):
        assert not names_nothing(named), named
    for nothing in ("is this true?", "Is this true?", "IS THIS TRUE?", "source?", "Explain"):
        assert names_nothing(nothing), nothing


def test_nothing_passing_filters_alone_asks_for_no_other_words() -> None:
    # "source:cnn since:2d" had been told "Try fewer or different words" of no words
    note = "No CNN story here is dated 29 Apr 2024 or later; CNN's newest is from 31 Dec 2022."
    reply = build_reply("source:cnn since:2d", (), note=note)
    assert render_text(reply) == f"{note}\n\nNo article passes “source:cnn since:2d”."
    (message,) = render_html(reply)
    assert "Try fewer" not in message
    assert "No article passes “<i>source:cnn since:2d</i>”." in message
    # with words, the words may be what to change
    worded = render_text(build_reply("ukraine source:cnn since:2d", ()))
    assert worded.startswith("No good match for “ukraine source:cnn since:2d”.\nTry fewer")


@pytest.mark.parametrize(
    "question", ["what did he say next", "and what about france?", "How about her?"]
)
def test_a_question_that_leans_on_an_earlier_one_says_each_is_read_alone(question: str) -> None:
    # "what did he say next" had found Omicron and Eurovision stories, nothing said
    hit = make_hit(make_article(), 0, "troops")
    reply = build_reply(question, [hit], note="A spelling.")
    assert reply.note == f"{FOLLOW_UP} A spelling."
    assert render_text(reply).startswith(FOLLOW_UP)
    (message,) = render_html(reply)
    assert message.startswith(f"<i>{FOLLOW_UP}")
    # said once, with the first page
    assert build_reply(question, [hit], first_page=False).note is None


@pytest.mark.parametrize(
    "question",
    [
        "what did Biden say about it",  # names Biden
        "what did biden say about it",
        "what does this mean for inflation",
        "and what about the economy in germany",
        "who won the super bowl",
        "is it 2024 yet",
        "IT outage",
    ],
)
def test_a_question_of_its_own_gets_no_follow_up_note(question: str) -> None:
    assert build_reply(question, [make_hit(make_article(), 0, "troops")]).note is None


def test_a_label_run_into_a_link_is_shown_with_its_space() -> None:
    # USA TODAY's teasers lose the space after their label when scraped: "Hunter Biden
    # Deal:How Hunter Biden's plea agreement fell apart" was shown so
    teaser = Paragraph("Keep reading:White House says the plea deal fell apart at 10:30 a.m.")
    article = make_article(paragraphs=(teaser,))
    hit = make_hit(article, 0, "White", "plea")
    reply = build_reply("plea deal", [hit])
    shown = reply.passages[0]
    assert shown.text == "Keep reading: White House says the plea deal fell apart at 10:30 a.m."
    assert [shown.text[a:b] for a, b in shown.bold] == ["White", "plea"]
    html = render_html(reply)[0]
    assert "reading: <b>White</b> House" in html
    check_telegram_html(html)
    # the article keeps its text as the source gives it
    assert article.paragraphs[0].text.startswith("Keep reading:White")


@pytest.mark.parametrize("title", ["it ends with us", "this is us", "and just like that"])
def test_a_title_typed_in_lower_case_is_no_follow_up(title: str) -> None:
    # titles (a novel, TV series) got "Each question is read on its own": no question asked
    assert not leans_on_earlier(title)
    assert leans_on_earlier("what did he say next")
    assert leans_on_earlier("and what about france?")


def test_a_short_label_before_a_colon_keeps_its_form() -> None:
    # "AWS Re:Invent" had been shown "Re: Invent"
    assert spaced_labels("AWS Re:Invent opens", [])[0] == "AWS Re:Invent opens"
    assert spaced_labels("Keep reading:White House", [])[0] == "Keep reading: White House"


def test_a_teasers_colons_are_shown_as_a_reader_expects() -> None:
    # "the debt ceiling?:Here's what to expect" and a passage opening ": President Joe Biden"
    text, bold = spaced_labels("What about the debt ceiling?:Here is what", [(15, 27)])
    assert text == "What about the debt ceiling?: Here is what"
    assert [text[a:b] for a, b in bold] == ["debt ceiling"]
    text, bold = spaced_labels(": President Joe Biden had a checkup", [(12, 15)])
    assert text == "President Joe Biden had a checkup"
    assert [text[a:b] for a, b in bold] == ["Joe"]


# --- a subject only pointed at: "his sentence", "what about the death toll" (probe-live 5) ---


def _console(question: str) -> str:
    """What the console prints for one question over two made-up stories."""
    import io

    from bot.console import run_console
    from retrieval.library import Library, SearchConfig
    from retrieval.search import Searcher

    death_toll = make_article(
        id="toll",
        headline="Hurricane death toll passes 100",
        paragraphs=(Paragraph("The death toll passed 100 as the search for the missing went on."),),
    )
    sentence = make_article(
        id="sentence",
        headline="Governor commutes sentences",
        paragraphs=(Paragraph("The governor said how long each sentence on death row would be."),),
    )
    library = Library(SearchConfig())
    library.add([death_toll, sentence])
    out = io.StringIO()
    status = run_console(Searcher(library), stdin=io.StringIO(question + "\n"), stdout=out, k=1)
    assert status == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("message", "pronoun"),
    [
        ("how long is his sentence", "his"),
        ("when is his court date", "his"),
        ("what is her new album called?", "her"),
        ("what did his lawyer say?", "his"),
        ("what about his running mate?", "his"),
        ("when does their trial start?", "their"),
        ("did she release her album?", "she"),
        ("how many did they kill?", "they"),
        ("what's his sentence?", "his"),
        ("how old is his wife", "his"),
    ],
)
def test_a_question_about_what_a_pronoun_owns_asks_who_is_meant(message: str, pronoun: str) -> None:
    # searched, "how long is his sentence" found "Oregon governor to commute 17 people on
    # death row", "when is his court date" a Roe v. Wade leak story
    assert small_talk(message) == NAMES_NO_ONE.format(pronoun=pronoun)
    assert leans_on_earlier(message)
    printed = _console(message)
    assert printed.startswith(NAMES_NO_ONE.format(pronoun=pronoun)), printed
    assert "Governor" not in printed


@pytest.mark.parametrize(
    "question",
    [
        "what about the death toll",
        "and how many are missing?",
        "what about interest rates?",
        "and the death toll?",
        "how about the victims' families?",
        "ok what about the death toll now?",
    ],
)
def test_an_opener_that_goes_on_to_a_bare_topic_gets_the_follow_up_note(question: str) -> None:
    # "what about the death toll" found "Hurricane Ian: Death toll surpasses 100" (2022),
    # "and how many are missing?" "Murdered heiress, mystery, missing millions", nothing said
    assert small_talk(question) is None  # still searched: the topic may be what was meant
    assert leans_on_earlier(question)
    hit = make_hit(make_article(), 0, "troops")
    assert build_reply(question, [hit]).note == FOLLOW_UP
    assert _console(question).startswith(f"{FOLLOW_UP}\n\n")


@pytest.mark.parametrize(
    "question",
    [
        # a name or a place of its own
        "what about the death toll in maui",
        "and what about the economy in germany",
        "how long is sbf's sentence",
        "how long is SBF's sentence",
        "when is sam bankman-fried's court date",
        "is biden in his office?",
        "why did biden call her stupid",
        "what did trump say about his indictment",
        "when is Trump's court date",
        "what is their policy on immigration?",  # its topic after what "their" owns
        "did musk sell his shares",
        # titles and forms of address: "his" and "her" in a name
        "his dark materials",
        "what is his dark materials about?",
        "her majesty",
        "when is her majesty's funeral?",
        "what did his holiness say?",
        "their finest hour",
        "its a sin",
        # a question of its own with no pointer: the newest story of it is the answer
        "how many people were hurt",
        "who was the shooter",
        "how many people died in the fires",
    ],
)
def test_a_question_naming_its_own_subject_is_searched_without_a_note(question: str) -> None:
    assert small_talk(question) is None
    assert not leans_on_earlier(question)
    assert build_reply(question, [make_hit(make_article(), 0, "troops")]).note is None


def test_no_answer_pages_past_max_depth() -> None:
    # a search's cost grows with k squared (the near-duplicate check): k 2,000 took 4 s over
    # 311k paragraphs, and paging "more" 700 times in the console 16 minutes
    news = [
        fake_article(f"Storm {n} floods town {n}", f"Storm {n} hit the harbour.")
        for n in range(120)
    ]
    searcher = FakeSearcher(articles=news)
    reply, hits = ask_with_hits(searcher, "storm harbour", 500)
    assert len(hits) == MAX_DEPTH
    assert not reply.has_more
    reply, hits = ask_with_hits(searcher, "storm harbour", 3, offset=MAX_DEPTH - 2)
    assert len(hits) == 2
    assert not reply.has_more
    reply, hits = ask_with_hits(searcher, "storm harbour", 3, offset=MAX_DEPTH)
    assert hits == ()
    assert not reply.has_more
    assert [call.k for call in searcher.calls] == [MAX_DEPTH, 2]  # nothing searched past it
    # Telegram's More button alike
    page = answer_page(searcher, "storm harbour", 3, MAX_DEPTH - 1, date(2024, 3, 1))
    assert (len(page.refs), page.has_more) == (1, False)
    assert searcher.calls[-1].k == 1
    reply, hits = ask_with_hits(searcher, "storm harbour", 3, offset=MAX_DEPTH - 6)
    assert reply.has_more  # short of the depth, more follow
