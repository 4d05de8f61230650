"""The index follows the news store: new, updated and pruned articles, without rebuilds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.ask import LibraryFacts
from retrieval.articles import Article
from retrieval.db import NewsDB
from retrieval.library import SearchConfig, open_library
from retrieval.search import Searcher
from tests.conftest import make_article

VOLCANO = make_article(
    "Volcano erupts near Grindavik",
    "Lava flowed toward the fishing town of Grindavik on Sunday.",
    published=date(2024, 1, 14),
    url="https://news.example/volcano",
)
RATES = make_article(
    "Central bank raises interest rates",
    "The central bank raised interest rates by a quarter point to fight inflation.",
    published=date(2024, 1, 15),
    url="https://news.example/rates",
)
FLOODS = make_article(
    "Floods close motorway",
    "Heavy rain flooded the motorway and closed three bridges overnight.",
    published=date(2024, 1, 16),
    url="https://news.example/floods",
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "seed.md").write_text(
        "# Museum reopens after renovation\n\nThe city museum reopened its doors to visitors.\n",
        encoding="utf-8",
    )
    return folder


def pad(corpus: Path, n: int) -> None:
    """More articles in the corpus, so that one removal stays under the share that compacts."""
    for i in range(n):
        (corpus / f"filler-{i}.md").write_text(
            f"# Council notice {i}\n\nThe council published notice number {i} today.\n",
            encoding="utf-8",
        )


def headlines(report_library: object, question: str) -> list[str]:
    hits = Searcher(report_library).search(question, 5, as_of=date(2024, 1, 20)).hits  # type: ignore[arg-type]
    return [hit.article.headline for hit in hits]


def test_new_news_articles_are_added_as_segments(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None)])
        first = open_library([corpus], data, SearchConfig(), news=db)
        assert first.action == "built"
        assert first.library.store.n_live == 2
        db.add_articles([(RATES, None)])
        second = open_library([corpus], data, SearchConfig(), news=db)
        assert (second.action, second.added) == ("updated", 1)
        assert headlines(second.library, "interest rates") == [RATES.headline]
        assert headlines(second.library, "lava Grindavik") == [VOLCANO.headline]
        third = open_library([corpus], data, SearchConfig(), news=db)
        assert third.action == "loaded"
        # without the store, the saved index keeps the news articles it holds
        alone = open_library([corpus], data, SearchConfig())
        assert alone.action == "loaded"
        assert headlines(alone.library, "interest rates") == [RATES.headline]


def test_another_store_whose_count_reached_the_old_ones_is_taken_anew(
    corpus: Path, tmp_path: Path
) -> None:
    # the store moved aside, as its error message advises, and another begun: at the same
    # count of changes it had been taken for the old one (the old stories answered, the
    # new ones never indexed)
    data = tmp_path / "data"
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None), (RATES, None)])
        old = open_library([corpus], data, SearchConfig(), news=db)
        assert headlines(old.library, "interest rates") == [RATES.headline]
        seq = db.last_seq()
    (tmp_path / "news.sqlite3").rename(tmp_path / "news.sqlite3.bad")
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(FLOODS, None), (make_article("Pier reopens", "The pier opened."), None)])
        assert db.last_seq() == seq
        report = open_library([corpus], data, SearchConfig(), news=db)
        assert report.action == "built"
        assert headlines(report.library, "floods motorway") == [FLOODS.headline]
        assert headlines(report.library, "interest rates") == []
        assert open_library([corpus], data, SearchConfig(), news=db).action == "loaded"


def test_an_index_that_names_no_store_is_built_once_with_its_id(
    corpus: Path, tmp_path: Path
) -> None:
    # an index saved by the last newsbot names no store: one moved aside under it was not
    # seen, and the first start that only loaded never recorded the id
    data = tmp_path / "data"
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None)])
        open_library([corpus], data, SearchConfig(), news=db)
        gen = data / (data / "CURRENT").read_text().strip()
        manifest = json.loads((gen / "manifest.json").read_text())
        manifest.pop("news_store")
        (gen / "manifest.json").write_text(json.dumps(manifest))

        assert open_library([corpus], data, SearchConfig(), news=db).action == "built"
        assert open_library([corpus], data, SearchConfig(), news=db).action == "loaded"


def test_an_index_saved_before_its_store_was_made_loads_with_it(
    corpus: Path, tmp_path: Path
) -> None:
    # probe, 29th session: the first `run` saves its index before the news store exists;
    # the next start rebuilt it whole (14.5 s on a big corpus), though it held no news
    data = tmp_path / "data"
    assert open_library([corpus], data, SearchConfig()).action == "built"
    with NewsDB(tmp_path / "news.sqlite3") as db:
        assert open_library([corpus], data, SearchConfig(), news=db).action == "loaded"
        db.add_articles([(VOLCANO, None)])  # news after: added, not built again
        assert open_library([corpus], data, SearchConfig(), news=db).action == "updated"
    with NewsDB(tmp_path / "other.sqlite3") as other:  # and another store is still seen
        assert open_library([corpus], data, SearchConfig(), news=other).action == "built"


def test_a_store_gets_its_id_once_and_keeps_it(tmp_path: Path) -> None:
    with NewsDB(tmp_path / "news.sqlite3") as db:
        made = db.store_id()
    with NewsDB(tmp_path / "news.sqlite3") as db:
        assert db.store_id() == made
    assert NewsDB.read_only(tmp_path / "news.sqlite3").store_id() == made
    with NewsDB(tmp_path / "other.sqlite3") as other:
        assert len(made) == 32
        assert other.store_id() != made


def test_an_updated_story_replaces_its_old_text(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    pad(corpus, 4)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None), (RATES, None)])
        open_library([corpus], data, SearchConfig(), news=db)
        edited = make_article(
            VOLCANO.headline,
            "Lava reached the outskirts of Grindavik and destroyed three houses.",
            published=date(2024, 1, 14),
            url=VOLCANO.url,
        )
        assert db.add_articles([(edited, None)]).updated
        report = open_library([corpus], data, SearchConfig(), news=db)
        assert report.action == "updated"
        lib = report.library
        hits = Searcher(lib).search("lava Grindavik", 5, as_of=date(2024, 1, 20)).hits
        assert [h.text for h in hits] == [edited.paragraphs[0].text]
        assert lib.store.n_live == 7
        newest = [lib.store.get(n).headline for n in lib.store.newest(10)]
        assert newest.count(VOLCANO.headline) == 1


def test_a_story_stored_while_a_start_reads_the_files_is_added_by_the_next(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an ingest while another start rebuilt: the build took the story under its older seq,
    # and the ingest's own update removed it as a replaced copy; it never answered again
    data = tmp_path / "data"
    pad(corpus, 4)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None)])
        read = db.changes_since

        def ingested_meanwhile(seq: int) -> object:
            # the build read the store's last seq, then an ingest stored a story before the
            # build read the changes
            monkeypatch.undo()
            db.add_articles([(RATES, None)])
            return read(seq)

        monkeypatch.setattr(db, "changes_since", ingested_meanwhile)
        first = open_library([corpus], data, SearchConfig(), news=db)
        assert headlines(first.library, "interest rates") == []  # not yet: after the snapshot
        second = open_library([corpus], data, SearchConfig(), news=db)
        assert (second.action, second.added) == ("updated", 1)
        assert headlines(second.library, "interest rates") == [RATES.headline]
        assert open_library([corpus], data, SearchConfig(), news=db).action == "loaded"


def test_pruned_articles_leave_search_latest_and_counts(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    pad(corpus, 4)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None), (RATES, None), (FLOODS, None)])
        open_library([corpus], data, SearchConfig(), news=db)
        gone = db.prune(max_articles=2, now=datetime(2024, 1, 20, tzinfo=UTC))
        assert len(gone) == 1
        report = open_library([corpus], data, SearchConfig(), news=db)
        lib = report.library
        assert report.action == "updated"
        assert headlines(lib, "lava Grindavik") == []
        assert VOLCANO.headline not in [lib.store.get(n).headline for n in lib.store.newest(10)]
        assert lib.store.n_live == 7
        assert lib.store.date_range() == (date(2024, 1, 15), date(2024, 1, 16))
        # the counts shown leave the removed article's passage out, as a fresh build would
        assert lib.n_paragraphs == 8  # still indexed, until compacted
        assert lib.n_live_paragraphs == 7
        assert LibraryFacts(lib).n_paragraphs == 7


def test_a_file_with_a_news_article_outlives_the_news_copy(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    pad(corpus, 4)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None), (RATES, None)])
        open_library([corpus], data, SearchConfig(), news=db)
        record = {  # the same story saved as a file: a fresh build keeps the file's copy
            "id": "volcano-file",
            "headline": VOLCANO.headline,
            "url": VOLCANO.url,
            "published": "2024-01-14",
            "paragraphs": [p.text for p in VOLCANO.paragraphs],
        }
        (corpus / "volcano.json").write_text(json.dumps(record), encoding="utf-8")
        open_library([corpus], data, SearchConfig(), news=db)
        db.prune(max_articles=1, now=datetime(2024, 1, 20, tzinfo=UTC))  # the volcano goes

        report = open_library([corpus], data, SearchConfig(), news=db)

        assert headlines(report.library, "lava Grindavik") == [VOLCANO.headline]
        fresh = open_library([corpus], tmp_path / "fresh", SearchConfig(), news=db)
        assert sorted(a.id for a in report.library.store) == sorted(
            a.id for a in fresh.library.store
        )


def test_many_removals_compact_the_index(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_articles([(VOLCANO, None), (RATES, None), (FLOODS, None)])
        open_library([corpus], data, SearchConfig(), news=db)
        db.prune(max_articles=1, now=datetime(2024, 1, 20, tzinfo=UTC))
        mid = open_library([corpus], data, SearchConfig(), news=db)
        # 2 of 4 stored articles removed by this very update: rebuilt at once, so that the
        # removed ones no longer weigh in the statistics (idf, lengths) of the ranking
        assert mid.action == "built"
        assert len(mid.library.store) == mid.library.store.n_live == 2
        assert mid.library.body.n_docs == 2
        db.add_articles([(VOLCANO, None)])  # pruned stories stay known: not re-added
        again = open_library([corpus], data, SearchConfig(), news=db)
        assert again.action == "loaded"
        rebuilt = open_library([corpus], data, SearchConfig(), news=db, force=True)
        assert rebuilt.action == "built"
        assert len(rebuilt.library.store) == rebuilt.library.store.n_live == 2
        assert headlines(rebuilt.library, "flooded motorway") == [FLOODS.headline]


WIRE = (
    "Lava from the volcano flowed toward the fishing town of Grindavik on Sunday, and the "
    "authorities evacuated the residents who had returned to their homes after the last "
    "eruption in December, the meteorological office said in a statement.",
    "Scientists said the eruption could last for weeks and that the defensive walls built "
    "around the town had held back most of the lava so far, sparing the harbour.",
    "The airport and the capital were not affected, and flights continued as scheduled "
    "throughout the day, the national airport operator said.",
)


def test_copies_of_a_wire_story_answer_once_and_name_the_others(
    corpus: Path, tmp_path: Path
) -> None:
    first = make_article(
        "Volcano erupts near Grindavik",
        *WIRE,
        published=date(2024, 1, 14),
        source="Nordic Wire",
        url="https://wire.example/volcano",
    )
    copy = make_article(
        "Iceland volcano erupts again",  # another outlet's headline, a lightly edited body
        WIRE[0].replace("on Sunday", "early on Sunday"),
        WIRE[1],
        WIRE[2].replace("the national airport operator", "Isavia"),
        published=date(2024, 1, 14),
        source="Island Times",
        url="https://times.example/iceland-volcano",
    )
    other = make_article(
        "Volcano tourism booms",
        "Tour operators said interest in volcano trips near Grindavik doubled this winter.",
        published=date(2024, 1, 13),
        source="Travel Daily",
        url="https://travel.example/volcano-tours",
    )
    with NewsDB(tmp_path / "news.sqlite3") as db:
        added = db.add_articles([(first, None), (copy, None), (other, None)])
        assert added.grouped == 1
        lib = open_library([corpus], tmp_path / "data", SearchConfig(), news=db).library
    hits = Searcher(lib).search("defensive walls lava harbour", 5, as_of=date(2024, 1, 20)).hits
    assert len([h for h in hits if "Grindavik" in h.text or "lava" in h.text]) == 1
    story = hits[0]
    assert story.article.source in {"Nordic Wire", "Island Times"}
    assert {story.article.source, *story.also} == {"Nordic Wire", "Island Times"}
    # a different story on the same topic is not folded in
    tours = Searcher(lib).search("volcano Grindavik tour", 5, as_of=date(2024, 1, 20)).hits
    assert "Volcano tourism booms" in [h.article.headline for h in tours]


def test_a_recurring_items_newest_issue_is_the_one_shown(corpus: Path, tmp_path: Path) -> None:
    # three issues of one text, stored apart: the index had kept the first alone (the later
    # ones dropped as copies of its text), so answers and /latest showed the oldest forecast
    feed = "https://weather.example/rss"
    issues = [
        make_article(
            "Daily weather outlook",
            "Sunny spells with scattered showers in the afternoon, highs of 18C.",
            published=date(2024, 1, day),
            source="Metro Weather",
            url=f"https://weather.example/{day}",
        )
        for day in (12, 13, 14)
    ]
    with NewsDB(tmp_path / "news.sqlite3") as db:
        added = db.add_articles([(issue, issue.url) for issue in issues], feed=feed)
        assert len(added.new) == 3
        lib = open_library([corpus], tmp_path / "data", SearchConfig(), news=db).library
    assert lib.store.n_live == 4
    hits = Searcher(lib).search("daily weather outlook", 5, as_of=date(2024, 1, 15)).hits
    assert [(h.article.url, h.article.published) for h in hits] == [
        ("https://weather.example/14", date(2024, 1, 14))
    ]
    newest = lib.store.newest(1, source="Metro Weather")
    assert lib.store.get(newest[0]).url == "https://weather.example/14"


def test_a_renamed_feeds_stories_keep_their_place_among_the_newest(
    corpus: Path, tmp_path: Path
) -> None:
    # renamed, its stories were re-added last: ahead of the other feeds' stories of their
    # day, and an undated one (dated when indexed) at the very top
    pad(corpus, 20)
    old, other = "https://old.example/rss", "https://other.example/rss"

    def item(title: str, source: str, day: date | None) -> tuple[Article, None]:
        url = f"https://news.example/{title.replace(' ', '-')}"
        return make_article(
            title, f"{title} in the desert.", published=day, source=source, url=url
        ), None

    on = date(2024, 1, 14)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        db.add_feed(old, "Old Name")
        stamp = datetime(2024, 1, 14, 9, tzinfo=UTC)
        db.add_articles(
            [item("Bandicoot dated", "Old Name", on), item("Bandicoot undated", "Old Name", None)],
            feed=old,
            fetched=stamp,
        )
        db.add_articles(
            [item("Bilby old", "Other Daily", on), item("Bilby newer", "Other Daily", on)],
            feed=other,
            fetched=stamp,
        )
        data = tmp_path / "data"

        def newest() -> list[tuple[str, str | None]]:
            lib = open_library([corpus], data, SearchConfig(), news=db).library
            shown = [lib.store.get(n) for n in lib.store.newest(30)]
            return [(a.headline, a.source) for a in shown if a.source]

        before = newest()
        assert [title for title, _ in before] == [
            "Bilby newer",
            "Bilby old",
            "Bandicoot undated",  # of the day it was stored, not of the day indexed
            "Bandicoot dated",
        ]
        assert db.rename_feed(old, "New Name") == 2
        after = newest()
    assert [title for title, _ in after] == [title for title, _ in before]
    assert [source for _, source in after] == ["Other Daily"] * 2 + ["New Name"] * 2


def test_the_same_passage_in_two_files_is_shown_once_with_also_in(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for name, source in (("a.md", "Alpha Post"), ("b.md", "Beta Herald")):
        (folder / name).write_text(
            f"---\nsource: {source}\n---\n# Storm hits coast ({source})\n\n"
            "The storm flooded the harbour and cut power to ten thousand homes.\n\n"
            f"Local reporting by the {source} newsroom.\n",
            encoding="utf-8",
        )
    lib = open_library([folder], None, SearchConfig()).library
    hits = Searcher(lib).search("storm flooded harbour", 5).hits
    assert len(hits) == 1
    assert len(hits[0].also) == 1
    assert {hits[0].article.source, *hits[0].also} == {"Alpha Post", "Beta Herald"}
