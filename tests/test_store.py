"""The article store keeps every field and reads articles back lazily after a save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from retrieval.articles import Article, Paragraph
from retrieval.store import NO_DATE, ArticleStore


def test_round_trip_through_save_and_load(tmp_path: Path) -> None:
    article = Article(
        id="x1",
        headline="Headline with “quotes” & <tags>",
        standfirst="A standfirst.",
        paragraphs=(Paragraph("First 🙂 שלום.", None), Paragraph("Under a heading.", "Heading")),
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
    assert loaded.get(0).origin == "seeds/a.txt"
    assert loaded.published.tolist() == [date(2024, 4, 2).toordinal(), NO_DATE]
    assert loaded.add([undated]) == range(2, 3)  # a loaded store keeps growing
    loaded.save(tmp_path / "again")
    assert [a.id for a in ArticleStore.load(tmp_path / "again")] == ["x1", "x2", "x2"]
