"""Article records' helpers: URL normalization, the keys stories are known by."""

from __future__ import annotations

import pytest

from retrieval.articles import content_hash, normalize_url, story_url_key, url_key


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        # old sites number their stories in a bare query: each number is its own page
        ("http://news.example/news.php?4512", "http://news.example/news.php?4512"),
        ("http://news.example/news.php?4512&utm_source=rss", "http://news.example/news.php?4512"),
        # a blank value names the page as much as a full one
        ("https://news.example/a?id=&p=2", "https://news.example/a?id=&p=2"),
        ("https://news.example/a?p=2&fbclid=x", "https://news.example/a?p=2"),
        # spelled as before: the store's URLs stay found
        ("https://news.example/a?q=a%20b&x=%7E", "https://news.example/a?q=a+b&x=~"),
    ],
)
def test_normalize_url_keeps_bare_tokens_and_blank_values(url: str, normalized: str) -> None:
    # parse_qsl() dropped "4512" and "id=": three stories at news.php?N were one link
    assert normalize_url(url) == normalized


def test_stories_under_bare_queries_have_their_own_keys() -> None:
    keys = {url_key(f"http://news.example/news.php?{n}") for n in (4512, 4513, 4514)}
    assert len(keys) == 3
    assert url_key("https://news.example/a?id=") != url_key("https://news.example/a")
    assert story_url_key("https://news.example/?4512") == "https://news.example/?4512"


def test_normalize_url_drops_the_tracking_keys_url_key_drops() -> None:
    # the BBC's feeds' at_medium and at_campaign were kept in the news store's URLs: the same
    # page from two feeds was downloaded twice and stored twice
    plain = "https://www.bbc.co.uk/news/world-1"
    for tracked in (
        plain + "?at_medium=RSS&at_campaign=KARANGA",
        plain + "?CMP=share_btn_tw&ito=x",
        plain + "?xtor=RSS-1&ns_source=x",
        plain + "?amp=1",
    ):
        assert normalize_url(tracked) == plain
        assert url_key(tracked) == url_key(plain)


def test_a_folders_default_page_and_cnns_editions_are_one_story() -> None:
    # a pasted CNN link with "/index.html", or on edition.cnn.com, found nothing: 1,834 of
    # realtimeqa_news's stories are linked so
    stored = url_key("https://www.cnn.com/2024/01/05/us/story/index.html")
    for pasted in (
        "https://www.cnn.com/2024/01/05/us/story",
        "https://edition.cnn.com/2024/01/05/us/story/index.html",
        "http://m.cnn.com/2024/01/05/us/story/",
    ):
        assert url_key(pasted) == stored, pasted
    assert story_url_key("https://example.com/index.html") is None  # a front page still
    assert url_key("https://example.com/a/index.html") != url_key("https://example.com/b/")


def test_content_hash_folds_typographic_quotes_dashes_and_ellipses() -> None:
    # one story saved by two tools, one with curly quotes and em dashes, was indexed twice
    plain = content_hash('He said "it\'s over" - the 2020-2024 term ended... Twice.')
    for typeset in (
        "He said \u201cit\u2019s over\u201d \u2014 the 2020\u20132024 term ended\u2026 Twice.",
        "He said \u201eit\u2018s over\u201f\u2014the 2020 \u2013 2024 term ended \u2026 Twice.",
        'He said "it\u02bcs over" -- the 2020\u22122024 term ended ... Twice.',
        "He said \u2033it\u2032s over\u2033 \u2015 the 2020\u20102024 term ended.... Twice.",
        'He said "it\'s over" - the 2020\u00ad-2024 term ended... TWICE.',
    ):
        assert content_hash(typeset) == plain, typeset
    # words still count: another word, a dash that joins no words
    assert content_hash('He said "it\'s over" - the 2020-2025 term ended... Twice.') != plain
    assert content_hash("a-b") != content_hash("ab")
