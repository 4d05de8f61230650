"""The article store keeps every field and reads articles back lazily after a save."""

from __future__ import annotations

import gc
import os
import weakref
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import retrieval.store
from retrieval.articles import Article, Paragraph
from retrieval.store import NO_DATE, ArticleStore, StoreError, decode_article, encode_article
from tests.conftest import make_article


def test_round_trip_through_save_and_load(tmp_path: Path) -> None:
    article = Article(
        id="x1",
        headline="Headline with “quotes” & <tags>",
        standfirst="A standfirst.",
        paragraphs=(
            Paragraph("First 🙂 שלום.", None),
            Paragraph("Under a heading.", "Heading", 3),  # the source's 4th, after empty ones
        ),
        published=date(2024, 4, 2),
        source="Wire",
        url="https://example.com/a",
        origin="seeds/a.txt",
    )
    undated = Article(id="x2", headline="Undated", paragraphs=(Paragraph("Text."),))
    store = ArticleStore()
    assert store.add([article, undated]) == range(0, 2)
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    assert len(loaded) == 2
    assert loaded.get(0) == article
    assert hash(loaded.get(0)) == hash(article)  # paragraphs decoded as Paragraph(...) makes them
    assert loaded.get(0).origin == "seeds/a.txt"
    assert loaded.published.tolist() == [date(2024, 4, 2).toordinal(), NO_DATE]
    assert loaded.add([undated]) == range(2, 3)  # a loaded store keeps growing
    loaded.save(tmp_path / "again")
    assert [a.id for a in ArticleStore.load(tmp_path / "again")] == ["x1", "x2", "x2"]


@pytest.mark.parametrize("built", [True, False], ids=["c-helper", "python"])
def test_decoded_paragraphs_are_paragraphs_with_or_without_the_c_helper(
    built: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not built:
        monkeypatch.setattr(retrieval.store, "_rows", None)
    elif retrieval.store._rows is None:
        pytest.fail("the C helper is not built: pip install -e . needs a C compiler")
    article = Article(
        id="p",
        headline="Paragraphs",
        paragraphs=(
            Paragraph("One."),
            Paragraph("Two, under a heading.", "Heading"),
            Paragraph("Three, the source's fifth.", "Heading", 4),
        ),
    )
    decoded = decode_article(encode_article(article))
    assert decoded == article
    assert [type(p) for p in decoded.paragraphs] == [Paragraph] * 3
    assert [hash(p) for p in decoded.paragraphs] == [hash(p) for p in article.paragraphs]
    assert decoded.paragraphs[2].source_index == 4
    with pytest.raises(AttributeError):  # frozen, as Paragraph(...) is
        decoded.paragraphs[0].text = "changed"  # type: ignore[misc]
    assert decode_article(encode_article(replace(article, paragraphs=()))).paragraphs == ()


def test_the_c_row_builder_refuses_what_it_cannot_build() -> None:
    rows = retrieval.store._rows
    slots = retrieval.store._SLOTS
    with pytest.raises(ValueError, match="differ in length"):
        rows(Paragraph, slots, (["a", "b"], [None, None], [None]))
    with pytest.raises(ValueError, match="one column a setter"):
        rows(Paragraph, slots, (["a"], [None]))
    with pytest.raises(TypeError, match="data descriptor"):
        rows(Paragraph, (len,), (["a"],))
    with pytest.raises(TypeError, match="sequences"):
        rows(Paragraph, slots[:1], (5,))
    with pytest.raises(TypeError):  # a slot of another class
        rows(Article, slots[:1], (["a"],))
    assert rows(Paragraph, slots, ((), (), ())) == ()


def test_the_decoded_article_cache_drops_the_oldest_when_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ArticleStore()
    store.add([make_article(f"Story {n}", "Text.") for n in range(5)])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    monkeypatch.setattr(retrieval.store, "CACHED_ARTICLES", 3)
    decoded: list[int] = []
    read = loaded._decode

    def counted(number: int) -> Article:
        decoded.append(number)
        return read(number)

    monkeypatch.setattr(loaded, "_decode", counted)
    for number in (0, 1, 2, 0, 3, 4, 0, 1):
        assert loaded.get(number).headline == f"Story {number}"
    # 3 pushed out 0 (the oldest decoded: a hit does not make it newer), 4 pushed out 1, the
    # next 0 pushed out 2, and 1 came back after 3
    assert decoded == [0, 1, 2, 3, 4, 0, 1]
    assert list(loaded._cache) == [4, 0, 1]


def test_a_feed_storys_time_is_kept_and_a_line_without_one_reads_as_before() -> None:
    # the time orders a day's stories (/latest); lines stored before it was kept have none
    posted = datetime(2024, 4, 2, 13, 5, tzinfo=UTC)
    article = make_article("x1", "A story.", published=date(2024, 4, 2))
    line = encode_article(replace(article, posted=posted))

    assert decode_article(line).posted == posted
    assert decode_article(encode_article(article)).posted is None
    assert b'"posted"' not in encode_article(article)  # a file's line stays as it was


def test_newest_sources_and_date_range(tmp_path: Path) -> None:
    def art(n: int, day: int | None, source: str | None) -> Article:
        when = date(2024, 1, day) if day else None
        return Article(
            id=f"a{n}",
            headline=f"H{n}",
            paragraphs=(Paragraph("p."),),
            published=when,
            source=source,
        )

    store = ArticleStore()
    store.add([art(0, 5, "Wire"), art(1, 20, "Paper"), art(2, None, "Wire"), art(3, 10, "wire")])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    for s in (store, loaded):
        assert s.newest(3) == [2, 1, 3]  # undated counts by when it was added: today
        assert s.newest(2, offset=2) == [3, 0]
        assert s.newest(5, source="WIRE") == [2, 3, 0]
        assert s.source_counts() == [("Wire", 2), ("Paper", 1), ("wire", 1)]
        assert s.date_range() == (date(2024, 1, 5), date(2024, 1, 20))
    assert ArticleStore().date_range() is None


def test_an_undated_file_was_added_when_it_was_written(tmp_path: Path) -> None:
    # a rebuild had made every undated story "added today": a folder of old undated stories
    # came before yesterday's news in /latest after each rebuild
    old = tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    written = datetime(2020, 1, 5, 12).timestamp()
    os.utime(old, (written, written))
    undated = Article(id="u", headline="Old", paragraphs=(Paragraph("p."),), origin=str(old))
    gone = replace(undated, id="g", origin=str(tmp_path / "deleted.txt"))
    news = replace(undated, id="n", origin="")  # from the news store: no file
    dated = replace(undated, id="d", published=date(2024, 1, 3))
    store = ArticleStore()
    store.add([undated, gone, news, dated])
    today = date.today().toordinal()
    assert store.added.tolist() == [date(2020, 1, 5).toordinal(), today, today, today]
    assert store.newest(4) == [2, 1, 3, 0]


def test_a_dropped_store_is_freed_at_once(tmp_path: Path) -> None:
    """Nothing in a store refers back to it, so a swapped-out store (and its memory map of a
    deleted generation) goes when its last user does, not at the next cycle collection."""
    store = ArticleStore()
    store.add([make_article("Volcano erupts", "Lava flowed.")])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    assert loaded.get(0).headline == "Volcano erupts"
    gone = weakref.ref(loaded)
    gc.disable()
    try:
        del loaded
        assert gone() is None
    finally:
        gc.enable()


def test_urls_are_read_without_decoding_and_agree_with_the_articles(tmp_path: Path) -> None:
    # the link table's source: a headline or text quoting `"url": "..."` is no URL
    tricky = make_article(
        'He typed "url": "https://fake.example/x" into the form',
        'The field "url": null, he said \\ and left',
        url='https://example.com/a?q="x"&r=\\1',
    )
    plain = make_article("Plain", "Text.", url="https://example.com/b")
    no_url = make_article("No link", "Text.", url=None)
    store = ArticleStore()
    store.add([tricky, plain, no_url])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    loaded.add([replace(plain, url="https://example.com/c"), no_url])  # not saved yet
    expected = [a.url for a in loaded]
    assert (
        loaded.urls()
        == expected
        == [
            'https://example.com/a?q="x"&r=\\1',
            "https://example.com/b",
            None,
            "https://example.com/c",
            None,
        ]
    )
    assert ArticleStore().urls() == []


def test_a_heading_is_read_without_decoding_and_agrees_with_the_article(tmp_path: Path) -> None:
    tricky = replace(
        make_article('He said "headline": "x", \\ and 🙂 left', "Text."),
        standfirst='A "standfirst": quoted \\ one',
    )
    long = replace(make_article("Long " + "word " * 2000, "Text."), standfirst="s " * 500)
    plain = make_article("Plain", "Text.")
    store = ArticleStore()
    store.add([tricky, long, plain])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    loaded.add([replace(plain, headline="Fresh", standfirst="Not saved yet.")])
    for number, article in enumerate(loaded):
        assert loaded.heading(number) == (article.headline, article.standfirst)
    # read from the stored line: nothing decoded (the mapped ones)
    fresh = ArticleStore.load(tmp_path)
    assert fresh.heading(0) == (tricky.headline, tricky.standfirst)
    assert fresh._cache == {}


def test_ids_are_read_without_decoding_and_agree_with_the_articles(tmp_path: Path) -> None:
    tricky = make_article('He typed {"id": "x"} into the form', "Text.")
    store = ArticleStore()
    store.add([tricky, make_article("Plain", "Text.")])
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    loaded.add([make_article("Fresh", "Text.")])  # not saved yet
    assert loaded.ids() == [a.id for a in loaded]
    assert len(set(loaded.ids())) == 3


@pytest.mark.parametrize(
    ("read", "field", "bad"),
    [
        ("urls", b"example.com/storm", b"\xff"),  # no longer UTF-8
        ("urls", b"example.com/storm", b"\\"),  # no longer JSON: a bad escape
        ("ids", b"t-storm-hits-coast", b"\xff"),
        ("ids", b"t-storm-hits-coast", b"\\"),
    ],
)
def test_a_changed_byte_in_a_saved_url_or_id_names_the_fix(
    tmp_path: Path, read: str, field: bytes, bad: bytes
) -> None:
    """`urls` and `ids` read the saved file with a pattern, not by decoding each article:
    a byte changed in place there (a disk fault, a hand edit; the sizes still fit) had
    escaped as a UnicodeDecodeError, an "internal error" (exit status 70), not the
    damaged index's one line that names the fix, as a damaged article's read says it."""
    store = ArticleStore()
    store.add(
        [
            make_article("Storm hits coast", "Text.", url="https://example.com/storm"),
            make_article("Plain", "Text.", url="https://example.com/plain"),
        ]
    )
    store.save(tmp_path)
    saved = tmp_path / "articles.jsonl"
    data = saved.read_bytes()
    at = data.index(field) + 3
    saved.write_bytes(data[:at] + bad + data[at + 1 :])
    loaded = ArticleStore.load(tmp_path)

    with pytest.raises(
        StoreError,
        match=r"is damaged \(article 0 of articles\.jsonl cannot be read: \w+\); rebuild it "
        r"with `newsbot index --force`$",
    ):
        getattr(loaded, read)()
    assert loaded.get(1).url == "https://example.com/plain"  # the others still read


def test_holding_finds_a_text_in_any_case_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import retrieval.store

    monkeypatch.setattr(retrieval.store, "HOLDING_CHUNK", 64)  # a phrase across chunk ends
    articles = [
        make_article(f"Story {n}", "Filler words about the weather. " * 3) for n in range(6)
    ]
    articles[2] = make_article("Books", "The novel IT ENDS WITH US sold well. " * 2)
    articles[4] = make_article("Film", "A film, It Ends with Us, opened.")
    store = ArticleStore()
    store.add(articles)
    store.save(tmp_path)
    loaded = ArticleStore.load(tmp_path)
    loaded.add([make_article("Fresh", "it ends with us"), make_article("Other", "it ends.")])
    assert loaded.holding("it ends with us").nonzero()[0].tolist() == [2, 4, 6]
    assert not ArticleStore().holding("x").any()
