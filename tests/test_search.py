"""The Searcher: ranking, one passage per article, duplicates, threshold, recency, paging."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from retrieval.articles import Article
from retrieval.library import Library, SearchConfig
from retrieval.search import Searcher
from tests.conftest import make_article


def searcher_for(articles: list[Article], **overrides: object) -> Searcher:
    library = Library(dataclasses.replace(SearchConfig(), **overrides))
    library.add(articles)
    return Searcher(library)


def headlines(searcher: Searcher, question: str, k: int = 3, **kw: object) -> list[str]:
    return [hit.article.headline for hit in searcher.search(question, k, **kw).hits]  # type: ignore[arg-type]


def test_the_obvious_answer_comes_first(articles: list[Article]) -> None:
    searcher = searcher_for(articles)
    assert headlines(searcher, "Who broke the marathon world record?")[0] == (
        "Marathon record falls in Berlin"
    )
    assert headlines(searcher, "why did the central bank raise interest rates")[0] == (
        "Central bank raises interest rates"
    )


def test_one_passage_per_article_best_first(articles: list[Article]) -> None:
    searcher = searcher_for(articles, recency_weight=0.0)
    hits = searcher.search("Iceland volcano lava Grindavik", 5).hits
    ids = [h.article.id for h in hits]
    assert len(ids) == len(set(ids)) == 2
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hit_carries_matched_words_spans_and_best_sentence(articles: list[Article]) -> None:
    hit = searcher_for(articles).search("tractors protest", 1).hits[0]
    assert hit.article.headline == "Farmers protest fuel taxes"
    assert hit.position == 0
    assert set(hit.terms) == {"tractor", "protest"}
    assert [hit.text[a:b] for a, b in hit.spans] == ["tractors", "protest"]
    assert hit.sentence == (0, len(hit.text))


def test_gibberish_and_unrelated_questions_find_nothing(articles: list[Article]) -> None:
    searcher = searcher_for(articles)
    assert searcher.search("qwzx blorft vrenk", 3).hits == ()
    assert searcher.search("the of and why is", 3).hits == ()
    assert searcher.search("", 3).hits == ()
    assert searcher.search("!!! ??? <<>>", 3).hits == ()


def test_near_duplicate_passages_are_collapsed() -> None:
    wire = "Storm Ciaran brought winds of 100 miles an hour to the coast of Brittany overnight."
    articles = [
        make_article("Storm hits France", wire, url="https://a.example/1"),
        make_article("Storm Ciaran batters Brittany", wire.upper(), url="https://b.example/2"),
        make_article("Rail travel after the storm", "Trains were cancelled after Storm Ciaran."),
    ]
    hits = searcher_for(articles).search("storm ciaran winds brittany", 3).hits
    texts = [h.text.casefold() for h in hits]
    assert len(texts) == len(set(texts)) == 2


def test_lightly_edited_copies_of_a_passage_are_collapsed() -> None:
    wire = (
        "Storm Ciaran brought winds of 100 miles an hour to the coast of Brittany overnight, "
        "cutting power to 1.2 million homes and closing schools across the region."
    )
    edited = wire.replace("overnight", "on Thursday night")
    articles = [
        make_article("Storm hits France", wire, url="https://a.example/1"),
        make_article("Storm Ciaran batters Brittany", edited, url="https://b.example/2"),
        make_article("Rail travel after the storm", "Trains were cancelled after Storm Ciaran."),
    ]
    hits = searcher_for(articles, min_relevance=0.0).search("storm ciaran winds power", 3).hits
    headlines = [h.article.headline for h in hits]
    assert len(headlines) == 2
    assert headlines[-1] == "Rail travel after the storm"


def test_a_single_short_article_still_answers_questions_about_it() -> None:
    article = make_article(
        "U.S. agrees to withdraw troops from Niger",
        "The U.S. has agreed to withdraw its troops from Niger.",
        "Niger's junta has welcomed Russian military trainers.",
        "Protesters in Niamey demanded the departure of American soldiers.",
    )
    searcher = searcher_for([article])
    hit = searcher.search("why is the US pulling troops out of Niger?", 3).hits[0]
    assert hit.position == 0
    assert searcher.search("Russian trainers", 3).hits[0].position == 1


def test_recency_lifts_a_fresh_story_without_burying_a_better_old_one() -> None:
    old = make_article(
        "Parliament passes budget",
        "Parliament passed the annual budget after a long debate on spending cuts.",
        published=date(2020, 5, 1),
    )
    fresh = make_article(
        "Budget debate continues",
        "Parliament continued its budget debate on Tuesday.",
        published=date(2024, 5, 1),
    )
    searcher = searcher_for([old, fresh])
    as_of = date(2024, 5, 2)
    assert headlines(searcher, "parliament budget debate", as_of=as_of)[0] == fresh.headline
    question = "did parliament pass the annual budget spending cuts"
    assert headlines(searcher, question, as_of=as_of)[0] == old.headline


def test_articles_after_the_question_date_get_no_recency_bonus() -> None:
    before = make_article(
        "Election called", "The prime minister called an election.", published=date(2024, 5, 1)
    )
    after = make_article(
        "Election called again",
        "The prime minister called an election.",
        published=date(2024, 9, 1),
    )
    searcher = searcher_for([before, after], head_weight=0.0)
    assert (
        headlines(searcher, "prime minister election", as_of=date(2024, 5, 3))[0] == before.headline
    )
    assert (
        headlines(searcher, "prime minister election", as_of=date(2024, 9, 3))[0] == after.headline
    )


def test_paging_continues_the_same_ranking(articles: list[Article]) -> None:
    searcher = searcher_for(articles, min_relevance=0.0)
    everything = headlines(searcher, "volcano lava rate record telescope farmers", 6)
    first = searcher.search("volcano lava rate record telescope farmers", 2)
    second = searcher.search("volcano lava rate record telescope farmers", 2, offset=2)
    assert first.has_more
    assert [h.article.headline for h in first.hits + second.hits] == everything[:4]


def test_overlong_questions_are_cut_not_rejected(articles: list[Article]) -> None:
    searcher = searcher_for(articles, max_query_terms=8)
    result = searcher.search("volcano lava " + "blah " * 5000, 3)
    assert result.hits
    assert result.hits[0].article.headline.startswith("Iceland volcano")
    assert result.note is not None
    assert "first 8 words" in result.note


def test_a_question_mostly_of_unknown_words_finds_nothing(articles: list[Article]) -> None:
    searcher = searcher_for(articles)
    assert searcher.search("volcano qwzx blorft vrenk snarp", 3).hits == ()


@pytest.mark.parametrize("k", [0, -1])
def test_non_positive_k_returns_nothing(articles: list[Article], k: int) -> None:
    assert searcher_for(articles).search("volcano", k).hits == ()


def test_the_lead_prior_prefers_the_top_of_an_article_only_on_near_ties() -> None:
    article = make_article(
        "Harbour reopens",
        "The harbour reopened on Friday after the storm.",
        "Ferries were delayed for a week.",
        "The harbour reopened to ferries and fishing boats on Friday after the storm.",
    )
    searcher = searcher_for([article], min_relevance=0.0)
    assert searcher.search("harbour reopened", 1).hits[0].position == 0
    no_lead = searcher_for([article], min_relevance=0.0, lead_weight=0.0)
    assert no_lead.search("harbour reopened", 1).hits[0].position in {0, 2}
    assert searcher.search("ferries fishing boats", 1).hits[0].position == 2
