"""Tests for retrieval/query.py: parsing search operators out of a question."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.query import ParsedQuery, parse_day, parse_query, without_terminal_codes

TODAY = date(2024, 5, 31)


def parse(text: str) -> ParsedQuery:
    return parse_query(text, TODAY)


def test_the_examples_parse_into_words_and_filters() -> None:
    assert parse("niger troops source:reuters since:7d") == ParsedQuery(
        text="niger troops",
        sources=("reuters",),
        since=date(2024, 5, 24),
        before=date(2024, 6, 2),  # counted back from the asking day, so ending there
        implicit_before=True,
    )
    assert parse('"prime minister" -resign before:2024-05-01') == ParsedQuery(
        text="prime minister",
        before=date(2024, 5, 1),
        phrases=("prime minister",),
        excluded=("resign",),
        unquoted="",
    )
    assert parse('source:"BBC News" election') == ParsedQuery(
        text="election", sources=("BBC News",)
    )


def test_terminal_control_sequences_become_spaces() -> None:
    def words(text: str) -> list[str]:
        return without_terminal_codes(text).split()

    assert words("\x1b[31mNiger\x1b[0m troops") == ["Niger", "troops"]
    assert words("\x1b[1;38;5;196mNiger\x1b[m") == ["Niger"]
    assert words("\x1b]8;;https://x.example\x1b\\Niger\x1b]8;;\x1b\\") == ["Niger"]
    assert words("\x1b]0;title\x07Niger") == ["Niger"]
    assert words("\x9b1mNiger \x1bcNiger") == ["Niger", "Niger"]
    assert words("niger \x1b[") == ["niger"]  # an unfinished sequence
    assert without_terminal_codes("plain [31m text") == "plain [31m text"
    # an operator written in colour still works once the codes are gone
    assert parse(without_terminal_codes("\x1b[32msource:reuters\x1b[0m niger")) == ParsedQuery(
        text="niger", sources=("reuters",)
    )


def test_operator_names_are_case_insensitive() -> None:
    query = parse("SOURCE:bbc Since:2024-05-01 BEFORE:Today niger")
    assert query.sources == ("bbc",)
    assert query.since == date(2024, 5, 1)
    assert query.before == TODAY
    assert query.text == "niger"


def test_several_sources_mean_any_of_them() -> None:
    query = parse("source:reuters floods source:AP source:reuters")
    assert query.sources == ("reuters", "AP")
    assert query.text == "floods"


def test_a_quoted_source_keeps_its_spaces_and_an_unclosed_one_is_one_word() -> None:
    assert parse('source:"BBC   News"').sources == ("BBC News",)
    assert parse("source:“BBC News” vote").sources == ("BBC News",)
    query = parse('source:"BBC News')
    assert query.sources == ("BBC",)
    assert query.text == "News"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", date(2024, 5, 1)),
        ("2024-5-1", date(2024, 5, 1)),
        ("2024-05", date(2024, 5, 1)),
        ("2024", date(2024, 1, 1)),
        ("7d", date(2024, 5, 24)),
        ("0d", TODAY),
        ("2w", date(2024, 5, 17)),
        ("1m", date(2024, 4, 30)),  # the 31st of a 30-day month: its last day
        ("3M", date(2024, 2, 29)),
        ("1y", date(2023, 5, 31)),
        ("today", TODAY),
        ("Yesterday", date(2024, 5, 30)),
    ],
)
def test_since_and_before_take_dates_spans_and_names(value: str, expected: date) -> None:
    assert parse(f"since:{value}").since == expected
    assert parse(f"before:{value}").before == expected
    assert parse_day(value, TODAY) == expected


def test_several_date_bounds_narrow_the_range() -> None:
    query = parse("since:2024-01-01 since:2024-03-01 before:2024-05-01 before:2024-04-01")
    assert (query.since, query.before) == (date(2024, 3, 1), date(2024, 4, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "since:last-tuesday",
            "since: needs a date like 2024-05-01 or a span like 7d, not “last-tuesday”.",
        ),
        ("before:10:30", "before: needs a date like 2024-05-01 or a span like 7d, not “10:30”."),
        ("since:2024-02-30", "since: there is no day 2024-02-30: February 2024 has 29 days."),
        ("since:2023-02-29?", "since: there is no day 2023-02-29: February 2023 has 28 days."),
        ("before:0000-01-01", "before: there is no year 0 (“0000-01-01”): years start at 1."),
        ("since:2024-13", "since: there is no month 13 (“2024-13”): months are 1 to 12."),
        ("since:99999y", "since: “99999y” reaches back before the year 1; use a shorter span"),
        ("since:100000000d", "since: “100000000d” reaches back before the year 1"),
        ("since:" + "9" * 5000 + "d", "reaches back before the year 1"),
        ('since:""', "since: needs a date like 2024-05-01 or a span like 7d, not “”."),
        ('source:""', "source: needs a name: one of the sources the stories here come from."),
        ("-source:bbc", "“-source:bbc”: source: cannot be negated"),
        (
            "since:2024-05-01 before:2024-04-01",
            "since:2024-05-01 and before:2024-04-01 leave no dates between them",
        ),
        ("since:2024-05-01 before:2024-05-01", "leave no dates between them"),
    ],
)
def test_malformed_operators_are_explained(text: str, message: str) -> None:
    (error,) = parse(text).errors
    assert message in error


def test_every_malformed_operator_gets_its_own_message() -> None:
    errors = parse("since:soon before:later source:ok").errors
    assert [e.split(":")[0] for e in errors] == ["since", "before"]


def test_long_filters_are_shortened_when_described() -> None:
    phrase = "word " * 400
    described = parse(f'"{phrase}" -{"x" * 500} source:{"y" * 500}').describe()
    assert len(described) < 300
    assert described.count("…") == 3


def test_a_long_bad_value_is_shortened_in_the_message() -> None:
    (error,) = parse("since:" + "x" * 500).errors
    assert len(error) < 120
    assert "…" in error


@pytest.mark.parametrize(
    "text",
    [
        "http://example.com/niger",
        "meeting at 10:30 today",
        "re: the budget",
        "since: when",
        "the first time since:",  # quiz questions end so: a bare name stays a word
        "prices since: the war",  # no date follows
        "the first time since: 1966",  # a year alone: what the question asks about
        "sources:reuters",
        "note:this",
        "ratio 3:1",
    ],
)
def test_other_colons_are_plain_words(text: str) -> None:
    assert parse(text) == ParsedQuery(text=text)


@pytest.mark.parametrize(
    "text",
    ["covid-19 cases", "a -5% fall", "a - b", "well--known", "--help", "-", "x -", "-19 degrees"],
)
def test_hyphens_inside_words_or_before_non_letters_are_plain(text: str) -> None:
    assert parse(text) == ParsedQuery(text=text)


def test_a_date_after_the_colon_and_a_space_is_the_operator() -> None:
    # people type a space after a colon: the filter was dropped without a word
    assert parse("niger since: 2024-05-01 before: 7d?") == ParsedQuery(
        text="niger", since=date(2024, 5, 1), before=date(2024, 5, 24)
    )


def test_a_source_after_the_colon_and_a_space_may_be_the_operator() -> None:
    # the Searcher decides: a known source filters, anything else stays words ("the source:
    # a leak"), as the text keeps them
    assert parse("niger source: reuters. troops") == ParsedQuery(
        text="niger source: reuters. troops", loose_sources=("reuters",)
    )
    assert parse('source: "BBC News" x').loose_sources == ()  # a phrase, as before
    assert parse("the source:").loose_sources == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("niger since:2024-05-01?", date(2024, 5, 1)),
        ("what happened since:7d?", date(2024, 5, 24)),
        ("niger (since:2024-05-01)", date(2024, 5, 1)),
        ("niger [since:2024-05-01],", date(2024, 5, 1)),
        ("since:2024-05-01.", date(2024, 5, 1)),
    ],
)
def test_a_date_may_end_a_sentence_or_sit_in_brackets(text: str, value: date) -> None:
    query = parse(text)
    assert query.errors == ()
    assert query.since == value


def test_brackets_before_a_bare_operator_or_a_lone_exclusion() -> None:
    assert parse("niger (since: 2024-05-01)").since == date(2024, 5, 1)
    assert parse("leak (-government)").excluded == ("government",)  # no other operator
    assert parse('("") budget') == ParsedQuery(text='("") budget')  # nothing to look for


def test_a_text_of_unclosed_quotes_parses_as_text() -> None:
    # each unclosed quote searched to the end for its closing one: a second a question
    text = "\u201e " * 10_000 + "x"
    assert parse(text) == ParsedQuery(text=text)


def test_many_malformed_operators_are_listed_briefly() -> None:
    errors = parse(" ".join(f"since:x{i}" for i in range(2500)) + " since:x0").errors
    assert len(errors) == 4
    assert errors[-1] == "… and 2,497 more malformed operators."
    assert parse("since:x since:x").errors == (
        "since: needs a date like 2024-05-01 or a span like 7d, not “x”.",
    )


def test_operators_and_phrases_in_brackets_count() -> None:
    query = parse('niger (source:bbc) ("prime minister") [-troops]')
    assert query.sources == ("bbc",)
    assert query.phrases == ("prime minister",)
    assert query.excluded == ("troops",)
    assert parse("(not an operator)") == ParsedQuery(text="(not an operator)")


def test_a_minus_before_a_letter_excludes_the_word() -> None:
    query = parse("election -Trump -résumé covid-19")
    assert query.excluded == ("Trump", "résumé")
    assert query.text == "election covid-19"


def test_phrases_in_straight_and_curly_quotes() -> None:
    query = parse('“prime minister” said "the   budget\tcuts" „Bundestag“')
    assert query.phrases == ("prime minister", "the budget cuts", "Bundestag")
    assert query.text == "prime minister said the budget cuts Bundestag"


def test_an_unclosed_quote_is_plain_text() -> None:
    assert parse('"prime minister resigns') == ParsedQuery(text='"prime minister resigns')
    query = parse('"a" b "c')
    assert query.phrases == ("a",)
    assert query.text == 'a b "c'


def test_empty_and_wordless_quotes_are_plain_text() -> None:
    assert parse('"" budget') == ParsedQuery(text='"" budget')
    query = parse('"!!" budget -cuts')
    assert query.phrases == ()
    assert query.text == '"!!" budget'


def test_operators_inside_a_phrase_are_words() -> None:
    query = parse('"source:bbc since:7d"')
    assert query.phrases == ("source:bbc since:7d",)
    assert query.sources == ()
    assert query.since is None


def test_only_filters_leave_no_text() -> None:
    query = parse("source:reuters since:7d -sport")
    assert query.text == ""
    assert query.has_filters


def test_has_filters_and_describe() -> None:
    assert not parse("plain words").has_filters
    query = parse('source:bbc source:AP since:2024-05-01 before:2024-05-20 "a b" -c')
    assert query.describe() == (
        "source: bbc or AP; since 2024-05-01; before 2024-05-20; “a b”; without “c”"
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_and_operator_free_text_is_unchanged(text: str) -> None:
    query = parse(text)
    if not query.has_filters and not query.errors:
        assert query.text == text


OPERATOR_CHARS = st.sampled_from(list('source:sincebefore:"“”„-:'))
QUESTION_CHARS = st.one_of(st.characters(), OPERATOR_CHARS, st.sampled_from([" ", "\n"]))


@settings(max_examples=300, deadline=None)
@given(st.text(QUESTION_CHARS), st.dates())
def test_operator_like_text_never_raises(text: str, today: date) -> None:
    query = parse_query(text, today)
    assert len(query.text) <= len(text)
    if query.since is not None and query.before is not None and not query.errors:
        assert query.since < query.before


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters='":-\u201c\u201d\u201e')))
def test_text_without_operator_characters_is_unchanged(text: str) -> None:
    assert parse(text) == ParsedQuery(text=text)


def test_a_relative_since_ends_on_the_asking_day_unless_before_says() -> None:
    asked = date(2023, 2, 13)
    week = parse_query("storm since:7d", asked)
    assert (week.since, week.before) == (date(2023, 2, 6), date(2023, 2, 15))
    assert week.describe() == "since 2023-02-06"  # the end was not typed: not shown
    dated = parse_query("storm since:2023-02-01", asked)
    assert dated.before is None  # a date names no window
    typed = parse_query("storm since:7d before:2023-02-10", asked)
    assert (typed.before, typed.implicit_before) == (date(2023, 2, 10), False)


@pytest.mark.parametrize("value", ["7d", "today", "0d", "2w"])
def test_a_relative_since_asked_on_the_last_day_there_is(value: str) -> None:
    """The asking day plus the two days' grace would pass 9999-12-31 (an OverflowError
    that ended `ask --json -`)."""
    parsed = parse_query(f"niger since:{value}", date(9999, 12, 31))
    assert not parsed.errors
    assert parsed.before == date.max
