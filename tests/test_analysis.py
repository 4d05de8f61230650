"""Tokens, stopwords, stemming and sentence spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.analysis import Analyzer, available_languages, sentence_spans
from retrieval.articles import CorpusError


@pytest.fixture(scope="module")
def english() -> Analyzer:
    return Analyzer()


def test_acronyms_match_in_any_spelling_but_the_pronoun_is_dropped(english: Analyzer) -> None:
    assert english.terms("U.S. troops") == english.terms("US troops") == ["us", "troop"]
    assert english.terms("they told us") == ["told"]


def test_numbers_keep_their_value(english: Analyzer) -> None:
    assert english.terms("about 1,000 soldiers in 2024, up 2.5%") == [
        "1000",
        "soldier",
        "2024",
        "2.5",
    ]
    assert english.terms("1000") == english.terms("1,000")


def test_possessives_apostrophes_and_hyphens(english: Analyzer) -> None:
    assert english.terms("Niger's junta") == english.terms("Niger junta")
    assert english.terms("Niger’s junta") == english.terms("Niger junta")  # noqa: RUF001
    assert english.terms("al-Qaida") == ["al", "qaida"]
    assert english.terms("O'Brien") == ["obrien"]


def test_case_folding_and_stemming(english: Analyzer) -> None:
    assert english.terms("Withdrawal WITHDRAWALS withdrawing") == ["withdraw"] * 3
    assert english.terms("Straße") == english.terms("STRASSE")


def test_stopwords_can_be_kept() -> None:
    assert Analyzer(remove_stopwords=False, stem=False).terms("Why is the US") == [
        "why",
        "is",
        "the",
        "us",
    ]


def test_other_snowball_languages_stem() -> None:
    german = Analyzer("german")
    assert german.terms("Soldaten") == german.terms("Soldat")
    assert "french" in available_languages()


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(CorpusError, match=r"klingon.*english"):
        Analyzer("klingon")


def test_term_spans_point_at_the_words(english: Analyzer) -> None:
    text = "The U.S. troops left Niger."
    spans = [(term, text[a:b]) for term, a, b in english.term_spans(text)]
    assert spans == [("us", "U.S."), ("troop", "troops"), ("left", "left"), ("niger", "Niger")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_analyzes_and_documents_and_queries_agree(text: str) -> None:
    analyzer = Analyzer()
    terms = analyzer.terms(text)
    assert terms == [t for t, _, _ in analyzer.term_spans(text)]
    assert all(term and " " not in term and "\n" not in term for term in terms)


def test_sentence_spans_skip_abbreviations() -> None:
    text = 'The U.S. agreed. "We will leave," he said! Then 1,000 troops go. e.g. this stays.'
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "The U.S. agreed.",
        '"We will leave," he said!',
        "Then 1,000 troops go. e.g. this stays.",
    ]
