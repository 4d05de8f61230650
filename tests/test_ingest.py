"""`newsbot ingest` end to end: feeds from a server on 127.0.0.1 into the news store and the
index, with faults reported and nothing stored twice."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from retrieval.articles import stable_id
from retrieval.db import NewsDB
from retrieval.ingest import IngestReport
from tests.feed_server import FeedServer, rss

NOW = datetime.now(UTC)


def page(headline: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
        f"{body}</article></body></html>"
    ).encode()


STORIES = {
    "/volcano": (
        "Volcano erupts near Grindavik",
        "Lava from the volcano flowed toward the fishing town of Grindavik on Sunday morning, "
        "and the authorities evacuated the few residents who had returned to their homes.",
        "Scientists said the eruption could last for weeks, and that the lava walls built "
        "around the town had held back most of the flow so far.",
    ),
    "/rates": (
        "Central bank raises interest rates",
        "The central bank raised interest rates by a quarter point on Thursday to fight "
        "inflation, the fourth increase in a row, and signalled more to come this year.",
        "Mortgage holders will see their monthly payments rise from next month, lenders said.",
    ),
}


@pytest.fixture
def site(feed_server: FeedServer) -> FeedServer:
    items = []
    for path, (headline, *paragraphs) in STORIES.items():
        link = feed_server.route(path, page(headline, *paragraphs))
        items.append({"title": headline, "link": link + "?utm_source=rss", "pubDate": NOW})
    feed_server.route("/feed.xml", rss(items, title="Example News"))
    feed_server.route("/broken.xml", b"<html><body>Not a feed</body></html>")
    return feed_server


def write_config(tmp_path: Path, *feeds: str, extra: str = "") -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "seed.md").write_text(
        "# Museum reopens\n\nThe city museum reopened its doors after renovation.\n",
        encoding="utf-8",
    )
    tables = "".join(f'\n[[feeds]]\nurl = "{url}"\n' for url in feeds)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[corpus]\npaths = ["corpus"]\ndata_dir = "data"\n{extra}{tables}', encoding="utf-8"
    )
    return config


def ask(config: Path, question: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--config", str(config), "ask", question, "--json"]) == 0
    return [hit["headline"] for hit in json.loads(capsys.readouterr().out)["hits"]]


def unnamed(url: str) -> str:
    """How an ingest line names a feed without a name: its address without the scheme."""
    return url.removeprefix("http://")


def test_ingest_reads_feeds_and_answers_from_them(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, site.url("/feed.xml"))
    assert main(["--config", str(config), "ingest"]) == 0
    err = capsys.readouterr().err
    assert f"  {unnamed(site.url('/feed.xml'))}: 2 new, 0 updated, 0 duplicates\n" in err
    assert "ingest: 1 feed(s) read, 2 new, 0 updated, 0 duplicates" in err
    assert ask(config, "lava walls Grindavik", capsys) == ["Volcano erupts near Grindavik"]
    assert ask(config, "mortgage payments", capsys) == ["Central bank raises interest rates"]
    assert ask(config, "museum renovation", capsys) == ["Museum reopens"]
    # reading again: a conditional GET or known links, and nothing stored twice
    assert main(["--config", str(config), "ingest"]) == 0
    err = capsys.readouterr().err
    assert "0 new" in err
    assert "0 failed" in err
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        assert db.count() == 2
    page_hits = [r for r in site.requests if r.path.startswith("/volcano")]
    assert len(page_hits) == 1  # a stored story's page is not downloaded again


def test_a_failing_feed_is_reported_and_the_rest_is_read(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path, site.url("/broken.xml"), site.url("/missing.xml"), site.url("/feed.xml")
    )
    assert main(["--config", str(config), "ingest"]) == 0
    err = capsys.readouterr().err
    assert "2 new" in err
    assert "2 failed" in err
    assert f"{site.url('/missing.xml')}: HTTP 404" in err
    assert site.url("/broken.xml") in err
    assert ask(config, "interest rates inflation", capsys) == ["Central bank raises interest rates"]
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        errors = {row.url: row.last_error for row in db.feeds()}
    assert errors[site.url("/feed.xml")] is None
    assert "404" in str(errors[site.url("/missing.xml")])


def test_ingest_progress_counts_a_feeds_copies_as_the_summary_does(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = [  # the stories of /feed.xml, the same text under other links
        {"title": headline, "link": site.route(f"/copy{path}", page(headline, *paragraphs))}
        for path, (headline, *paragraphs) in STORIES.items()
    ]
    other = site.route("/copies.xml", rss(copies, title="Copies"))
    config = write_config(tmp_path, site.url("/feed.xml"), other)
    assert main(["--config", str(config), "ingest"]) == 0

    err = capsys.readouterr().err
    assert f"  {unnamed(other)}: 0 new, 0 updated, 2 duplicates\n" in err
    assert "2 new, 0 updated, 2 duplicates" in err  # the summary


def test_a_config_feed_named_as_an_admins_feed_is_a_warning_not_a_failed_ingest(
    site: FeedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # the store refused the config feed's name: every ingest and refresh ended in a traceback
    theirs = site.route("/world.xml", rss([], title="World"))
    config = write_config(tmp_path, extra=f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\n')
    config.write_text(config.read_text("utf-8") + 'name = "World"\n', "utf-8")
    (tmp_path / "data").mkdir()
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        db.add_feed(theirs, "world", 30, added_by=7)  # an admin's /addfeed
    for _ in range(2):  # the next read is no traceback either
        caplog.clear()
        assert main(["--config", str(config), "ingest"]) == 0
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert len(warnings) == 1
        assert f"'World' is also the name of the feed {theirs}" in warnings[0]
        assert "rename one of them" in warnings[0]
    assert "2 feed(s) read" in capsys.readouterr().err
    assert ask(config, "interest rates inflation", capsys) == ["Central bank raises interest rates"]
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        names = {row.url: row.name for row in db.feeds()}
    assert names == {theirs: "world", site.url("/feed.xml"): None}


def test_ingest_of_a_configured_feeds_url_uses_its_configured_name(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # FeedSpec(url) alone: the feed's own title became the stories' source
    config = write_config(tmp_path, extra=f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\n')
    config.write_text(config.read_text("utf-8") + 'name = "Wire One"\n', "utf-8")
    assert main(["--config", str(config), "ingest", site.url("/feed.xml") + "#top"]) == 0
    assert "  Wire One: 2 new" in capsys.readouterr().err
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        assert {a.source for a in db.articles() if a.url} == {"Wire One"}


def test_ingest_named_urls_and_files(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    extra = tmp_path / "extra.md"
    extra.write_text("# Floods close motorway\n\nHeavy rain flooded the motorway.\n", "utf-8")
    assert main(["--config", str(config), "ingest", site.url("/feed.xml"), str(extra)]) == 0
    assert "3 new" in capsys.readouterr().err
    assert ask(config, "flooded motorway", capsys) == ["Floods close motorway"]
    assert main(["--config", str(config), "ingest", "ftp://example.org/feed"]) == 2
    assert "http" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder"
    assert main(["--config", str(config), "ingest", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsbot: ingest {missing}: no such file or folder")
    assert "--corpus" not in err  # ingest names its sources itself


def test_ingest_names_a_bad_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = write_config(tmp_path)
    (tmp_path / "bad.jsonl").write_text("x\ny\n", "utf-8")
    assert main(["--config", str(config), "ingest", str(tmp_path / "bad.jsonl")]) == 0
    said = capsys.readouterr().err + caplog.text
    assert said.count("bad.jsonl") == 1
    assert "0 failed, 1 skipped" in said  # a bad file is skipped; nothing failed


def test_ingest_counts_a_named_file_it_does_not_read_as_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = write_config(tmp_path)
    sheet = tmp_path / "stories.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    extra = tmp_path / "extra.md"
    extra.write_text("# Floods close motorway\n\nHeavy rain flooded the motorway.\n", "utf-8")

    assert main(["--config", str(config), "ingest", str(sheet), str(extra)]) == 0

    said = capsys.readouterr().err + caplog.text
    assert said.count("stories.xlsx") == 1  # the warning names it, the summary counts it
    assert "1 new, 0 updated, 0 duplicates, 0 failed, 1 skipped" in said


def test_ingest_counts_the_corpus_files_it_skipped_as_the_other_commands_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ingest named each bad corpus file but, alone of the commands, never counted them
    config = write_config(tmp_path)
    (tmp_path / "corpus" / "broken.json").write_text("{not json", "utf-8")
    extra = tmp_path / "extra.md"
    extra.write_text("# Floods close motorway\n\nHeavy rain flooded the motorway.\n", "utf-8")

    assert main(["--config", str(config), "ingest", str(extra)]) == 0
    assert "newsbot: skipped 1 file\n" in capsys.readouterr().err
    extra.write_text("# Floods close bridge\n\nHeavy rain closed the bridge.\n", "utf-8")
    assert main(["--config", str(config), "ingest", str(extra)]) == 0
    assert "newsbot: skipped 1 file\n" in capsys.readouterr().err


def test_a_story_its_publisher_retitled_replaces_the_stored_version(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, site.url("/feed.xml"))
    assert main(["--config", str(config), "ingest"]) == 0
    headline = "Eruption at Grindavik ends after three weeks"
    text = (
        "The eruption near Grindavik ended on Friday after three weeks, scientists said, "
        "and the residents may return to their homes from Monday."
    )
    link = site.route("/volcano", page(headline, text))
    rates = site.url("/rates") + "?utm_source=rss"
    items = [
        {"title": headline, "link": link + "?utm_source=rss", "pubDate": NOW},
        {"title": STORIES["/rates"][0], "link": rates, "pubDate": NOW},
    ]
    site.route("/feed.xml", rss(items, title="Example News"))
    capsys.readouterr()

    assert main(["--config", str(config), "ingest"]) == 0

    assert "0 new, 1 updated" in capsys.readouterr().err
    assert ask(config, "residents return Grindavik", capsys)[0] == headline
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        assert db.count() == 2
    assert len(site.requests_to("/rates")) == 1  # an unchanged story is not downloaded again


def test_a_story_whose_page_failed_gets_its_page_at_a_later_read(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a 503 from the site for one read had left the story as the feed's one-line summary for
    # good: the next reads took its link as stored and never fetched the page again
    headline, *paragraphs = STORIES["/volcano"]
    link = feed_server.route("/volcano", b"busy", status=503)
    summary = "Lava flowed toward Grindavik."
    item = {"title": headline, "link": link, "description": summary, "pubDate": NOW}
    feed_server.route("/feed.xml", rss([item], title="Example News"))
    config = write_config(tmp_path, feed_server.url("/feed.xml"))
    assert main(["--config", str(config), "ingest"]) == 0
    assert ask(config, "lava walls held back the flow", capsys) == []  # only the summary

    feed_server.route("/volcano", page(headline, *paragraphs))  # the site is back
    assert main(["--config", str(config), "ingest"]) == 0
    assert "0 new, 1 updated" in capsys.readouterr().err
    assert ask(config, "lava walls held back the flow", capsys) == [headline]

    fetched = len(feed_server.requests_to("/volcano"))
    assert main(["--config", str(config), "ingest"]) == 0  # had: no more tries
    assert len(feed_server.requests_to("/volcano")) == fetched


def test_a_feeds_line_counts_its_pages_that_failed_again_as_the_summary_does(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the summary said "1 page(s) tried again, still failing" and the feed's own line said
    # nothing of it: "0 new, 0 updated, 0 duplicates" for a feed that had one item
    headline = STORIES["/volcano"][0]
    link = feed_server.route("/volcano", b"busy", status=503)
    item = {"title": headline, "link": link, "description": "Lava flowed.", "pubDate": NOW}
    feed = feed_server.route("/feed.xml", rss([item], title="Example News"))
    config = write_config(tmp_path, feed)
    assert main(["--config", str(config), "ingest"]) == 0
    assert f"  {unnamed(feed)}: 1 new, 0 updated, 0 duplicates\n" in capsys.readouterr().err

    assert main(["--config", str(config), "ingest"]) == 0

    err = capsys.readouterr().err
    said = "0 new, 0 updated, 0 duplicates, 1 page(s) tried again, still failing"
    assert f"  {unnamed(feed)}: {said}\n" in err
    assert f"ingest: 1 feed(s) read, {said}, " in err


def test_a_feeds_first_read_is_its_backlog_and_alerts_no_one(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # an added feed's recent items are all within the seven days that make a story news:
    # /addfeed of a feed of 12 stories sent each matching follow three alert messages
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    def item(n: int) -> dict[str, object]:
        link = f"https://wombat.example/{n}"
        return {"title": f"Wombat report {n}", "link": link, "description": f"Survey {n}."}

    url = feed_server.url("/feed.xml")  # 404 at first: a read that failed is no first read
    feed = FeedSpec(url)
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(fetch_pages=False) as fetcher:
        db.add_feed(url, "Wombats", added_by=7)  # as /addfeed stores it, before its read
        assert ingest_feeds(db, fetcher, [feed]).failed
        feed_server.route("/feed.xml", rss([item(n) for n in (1, 2, 3)]))
        first = ingest_feeds(db, fetcher, [feed])
        assert len(first.new_keys) == 3
        assert db.alertable_since(0) == []  # searchable, but alerted to no one
        feed_server.route("/feed.xml", rss([item(n) for n in (1, 2, 3, 4)]))
        later = ingest_feeds(db, fetcher, [feed])
        assert db.alertable_since(0) == later.new_keys == [stable_id("https://wombat.example/4")]
        other = FeedSpec(feed_server.route("/other.xml", rss([item(5)])))  # new in the config
        assert len(ingest_feeds(db, fetcher, [feed, other]).new_keys) == 1
        assert db.alertable_since(0) == later.new_keys


def test_a_feed_empty_at_its_first_read_keeps_its_backlog_for_the_read_with_items(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # the empty read was "the first read that worked": the next one, with the feed's 15
    # items, alerted every matching follow all 15
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    def item(n: int) -> dict[str, object]:
        link = f"https://wombat.example/{n}"
        return {"title": f"Wombat report {n}", "link": link, "description": f"Survey {n}."}

    url = feed_server.route("/feed.xml", rss([]))
    feed = FeedSpec(url, "Wombats")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(fetch_pages=False) as fetcher:
        assert ingest_feeds(db, fetcher, [feed]).new == 0
        assert ingest_feeds(db, fetcher, [feed]).new == 0  # empty again
        feed_server.route("/feed.xml", rss([item(n) for n in (1, 2, 3)]))
        assert len(ingest_feeds(db, fetcher, [feed]).new_keys) == 3
        assert db.alertable_since(0) == []  # its backlog
        # one that stored stories, failed and works again: what it missed is news
        feed_server.route("/feed.xml", b"down", status=503)
        assert ingest_feeds(db, fetcher, [feed]).failed
        feed_server.route("/feed.xml", rss([item(n) for n in (1, 2, 3, 4)]))
        later = ingest_feeds(db, fetcher, [feed])
        assert db.alertable_since(0) == later.new_keys == [stable_id("https://wombat.example/4")]


def test_a_feed_renamed_in_the_config_renames_its_stored_stories(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # its stories kept the old name for good, and `source:` the new name found none of them
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    story = {"title": "Ferry strike", "link": "https://g.example/1", "description": "Off."}
    url = feed_server.route("/feed.xml", rss([story]))
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(fetch_pages=False) as fetcher:
        ingest_feeds(db, fetcher, [FeedSpec(url, "Gamma")])
        mark = db.last_seq()
        later = {"title": "Ferry strike ends", "link": "https://g.example/2", "description": "On."}
        feed_server.route("/feed.xml", rss([later, story]))

        report = ingest_feeds(db, fetcher, [FeedSpec(url, "Gamma Renamed")])

        assert report.new == 1
        assert [a.source for a in db.articles()] == ["Gamma Renamed", "Gamma Renamed"]
        assert [row.name for row in db.feeds()] == ["Gamma Renamed"]
        assert len(db.changes_since(mark)) == 2  # the index takes the new name too
        again = ingest_feeds(db, fetcher, [FeedSpec(url, "Gamma Renamed")])
        assert (again.new, again.updated, db.last_seq()) == (0, 0, mark + 2)


def test_a_recurring_items_issues_listed_together_are_apart_and_a_changing_link_is_not(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # a "Daily weather outlook" whose earlier issue the feed still lists (known to the
    # fetcher, not handed on) is another issue; a link whose session id changes at every
    # read, alone in its read, is the stored story (it had been a new row every read)
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    text = "Sunny spells with scattered showers, highs of 18C."
    issue = {"title": "Daily weather outlook", "description": text}
    # each issue its own date: of one date, it is one story listed twice
    first = issue | {"link": "https://wx.example/1", "guid": "wx-1"}
    first |= {"pubDate": "Mon, 01 Jul 2024 06:00:00 GMT"}
    second = issue | {"link": "https://wx.example/2", "guid": "wx-2"}
    second |= {"pubDate": "Tue, 02 Jul 2024 06:00:00 GMT"}
    story = {"title": "Ferry strike", "description": "Ferries stopped at noon."}
    url = feed_server.route("/feed.xml", rss([story | {"link": "https://g.example/1?sid=a"}]))
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(fetch_pages=False) as fetcher:
        feeds = [FeedSpec(url, "Metro")]
        ingest_feeds(db, fetcher, feeds)
        feed_server.route("/feed.xml", rss([first, story | {"link": "https://g.example/1?sid=b"}]))
        assert ingest_feeds(db, fetcher, feeds).new == 1  # the outlook; the story as stored
        feed_server.route("/feed.xml", rss([second, first]))

        report = ingest_feeds(db, fetcher, feeds)

        assert (report.new, report.updated, report.grouped) == (1, 0, 0)  # no copy
        assert [a.url for a in db.articles()] == [
            "https://g.example/1?sid=a",
            "https://wx.example/1",
            "https://wx.example/2",
        ]


def test_a_corrected_summary_under_the_same_title_updates_the_story(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # without page fetching the stored text is the feed's own: its correction ("4 boats,
    # not 40") had been "already stored", and answers kept the wrong figure for good
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    def item(text: str) -> dict[str, object]:
        link = "https://harbour.example/storm"
        return {"title": "Storm hits Wick harbour", "link": link, "description": text}

    feed = FeedSpec(feed_server.route("/feed.xml", rss([item("40 boats were damaged.")])))
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(fetch_pages=False) as fetcher:
        assert ingest_feeds(db, fetcher, [feed]).new == 1
        feed_server.route("/feed.xml", rss([item("4 boats were damaged (corrected from 40).")]))
        report = ingest_feeds(db, fetcher, [feed])
        assert (report.new, report.updated, report.duplicates) == (0, 1, 0)
        [story] = db.articles()
        assert story.paragraphs[0].text == "4 boats were damaged (corrected from 40)."
        again = ingest_feeds(db, fetcher, [feed])  # the same text: nothing to store
        assert (again.new, again.updated, again.duplicates) == (0, 0, 0)


def test_a_summary_does_not_replace_a_page_read_while_pages_were_fetched(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # a store filled with page fetching on, then read with it off: each feed summary
    # differs from the stored page text, and would have replaced it as a "correction"
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    body = " ".join(["The storm damaged boats along the harbour wall overnight."] * 12)
    link = feed_server.route("/storm", page("Storm hits Wick harbour", body))
    item = {"title": "Storm hits Wick harbour", "link": link, "description": "Boats hit."}
    feed = FeedSpec(feed_server.route("/feed.xml", rss([item])))
    with NewsDB(tmp_path / "news.sqlite3") as db:
        with Fetcher(backoff=0.0) as fetcher:
            assert ingest_feeds(db, fetcher, [feed]).new == 1
        with Fetcher(fetch_pages=False) as fetcher:
            report = ingest_feeds(db, fetcher, [feed])
        assert report.updated == 0
        [story] = db.articles()
        assert "harbour wall" in story.paragraphs[0].text
        # retitled: the new title, over the page's text ("Boats hit." had replaced it)
        retitled = {**item, "title": "Storm batters Wick harbour"}
        feed_server.route("/feed.xml", rss([retitled]))
        with Fetcher(fetch_pages=False) as fetcher:
            assert ingest_feeds(db, fetcher, [feed]).updated == 1
        [story] = db.articles()
        assert story.headline == "Storm batters Wick harbour"
        assert "harbour wall" in story.paragraphs[0].text


def test_a_summary_half_as_long_as_the_stored_page_does_not_replace_it(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # the page's 402 characters had been replaced by the feed's 222-character summary once
    # page fetching was turned off: under twice its length, it passed for a correction
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    headline = "Storm hits Wick harbour"
    lede = (
        "A storm damaged dozens of fishing boats in Wick harbour overnight, and the "
        "coastguard rescued two crew members from a trawler that broke its moorings."
    )
    rest = (
        "The harbour master said repairs to the sea wall would take weeks, and that boats "
        "would have to land their catch at Scrabster until the work was finished."
    )
    last = (
        "Forecasters expect the wind to ease in Caithness by Tuesday afternoon, though rain "
        "is due all week."
    )
    summary = (
        "Dozens of fishing boats were damaged in Wick harbour overnight as a storm hit, "
        "and two crew were rescued from a trawler, the coastguard said on Sunday morning; "
        "the harbour sea wall will take weeks to mend, its master said."
    )
    link = feed_server.route("/storm", page(headline, lede, rest, last))
    item = {"title": headline, "link": link, "description": summary}
    feed = FeedSpec(feed_server.route("/feed.xml", rss([item])))
    with NewsDB(tmp_path / "news.sqlite3") as db:
        with Fetcher(backoff=0.0) as fetcher:
            assert ingest_feeds(db, fetcher, [feed]).new == 1
        [stored] = db.articles()
        page_text = [p.text for p in stored.paragraphs]
        assert page_text == [lede, rest, last]
        assert 400 < sum(map(len, page_text)) < 2 * len(summary)  # within the old guard
        with Fetcher(fetch_pages=False) as fetcher:
            report = ingest_feeds(db, fetcher, [feed])
        assert (report.new, report.updated) == (0, 0)
        [story] = db.articles()
        assert [p.text for p in story.paragraphs] == page_text


def test_a_stop_ends_a_read_of_stalled_pages_at_once_and_keeps_what_it_read(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # SIGTERM to `newsbot run` had waited for the whole refresh: a minute and more while a
    # site's pages stalled, the page retries and the next feeds all going on
    import threading

    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    items = []
    for n in range(6):
        link = feed_server.route(f"/slow{n}", page(f"Story {n}", "Text."), delay=30.0)
        items.append({"title": f"Story {n}", "link": link, "description": f"Summary {n}."})
    first = FeedSpec(feed_server.route("/first.xml", rss(items, title="Slow")))
    second = FeedSpec(feed_server.route("/second.xml", rss(items[:1], title="Next")))
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    with (
        NewsDB(tmp_path / "news.sqlite3") as db,
        Fetcher(timeout=5.0, backoff=0.0, page_workers=2) as fetcher,
    ):
        started = time.monotonic()
        report = ingest_feeds(db, fetcher, [first, second], stop=stop)
        took = time.monotonic() - started
        # each page would have taken 3 tries of 5 s, 2 at a time, then the next feed; the
        # pages under way would have held the stop up for their read timeout (5 s)
        assert took < 2.0
        assert report.new == 6  # stored with the feed's text, their pages tried next time
        assert {a.paragraphs[0].text for a in db.articles()} == {f"Summary {n}." for n in range(6)}
        assert not db.has_story(items[0]["link"], "Story 0", feed=first.url)
        assert feed_server.requests_to("/second.xml") == []  # left for the next read
        [row] = [r for r in db.feeds() if r.url == first.url]
        assert row.failures == 0


@pytest.mark.parametrize("status", [503, 404])  # 404: a story listed before its page is live
def test_a_page_that_keeps_failing_is_tried_a_few_reads_then_left(
    feed_server: FeedServer, tmp_path: Path, status: int
) -> None:
    from retrieval.db import PAGE_RETRIES
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    link = feed_server.route("/gone", b"busy", status=status)
    item = {"title": "Gone", "link": link, "description": "A summary.", "pubDate": NOW}
    feed = FeedSpec(feed_server.route("/feed.xml", rss([item], title="Example News")))
    reads = []
    reports = []
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(backoff=0.0) as fetcher:
        for _ in range(PAGE_RETRIES + 3):
            reports.append(ingest_feeds(db, fetcher, [feed]))
            reads.append(len(feed_server.requests_to("/gone")))
    # each read tries the page (with the fetcher's own retries) until the tries are spent
    assert reads[PAGE_RETRIES] == reads[-1] > reads[PAGE_RETRIES - 1] > reads[0] > 0
    # a try that failed again is said as such: it had been counted as a duplicate
    assert [(r.retried, r.duplicates) for r in reports[1 : PAGE_RETRIES + 1]] == [
        (1, 0)
    ] * PAGE_RETRIES


def test_a_failed_page_is_tried_again_though_the_feed_is_unchanged(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # the read stored the feed's ETag: the next reads were 304s, which return no item, so
    # the page was never tried again while the feed stayed as it was
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds
    from tests.feed_server import Reply, Request

    headline, *paragraphs = STORIES["/volcano"]
    link = feed_server.route("/volcano", b"busy", status=503)
    item = {"title": headline, "link": link, "description": "Lava flows.", "pubDate": NOW}
    feed_xml = rss([item], title="Example News")

    def conditional(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v1"':
            return Reply(b"", 304, {"ETag": '"v1"'})
        return Reply(feed_xml, 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    feed = FeedSpec(feed_server.handle("/etag.xml", conditional), "Example")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(backoff=0.0) as fetcher:
        assert ingest_feeds(db, fetcher, [feed]).new == 1
        assert db.feeds()[0].etag is None  # its page is to be tried again

        feed_server.route("/volcano", page(headline, *paragraphs))  # the page is back
        again = ingest_feeds(db, fetcher, [feed])

        assert (again.not_modified, again.updated) == (0, 1)
        [stored] = db.articles()
        assert [p.text for p in stored.paragraphs] == paragraphs
        assert db.feeds()[0].etag == '"v1"'  # none waits: the next read is conditional
        assert ingest_feeds(db, fetcher, [feed]).not_modified == 1


def test_the_items_past_a_max_page_bytes_cut_are_read_once_the_limit_is_raised(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # the cut read stored the feed's ETag: the next read, with the limit raised, was a 304
    # ("unchanged since the last read"), and the stories past the cut were lost for good
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds
    from tests.feed_server import Reply, Request

    items = [{"title": f"Story {n}", "description": "Turnip " * 80} for n in range(6)]
    feed_xml = rss(items, title="Example News")

    def conditional(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v1"':
            return Reply(b"", 304, {"ETag": '"v1"'})
        return Reply(feed_xml, 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    feed = FeedSpec(feed_server.handle("/etag.xml", conditional), "Example")
    with NewsDB(tmp_path / "news.sqlite3") as db:
        with Fetcher(max_bytes=1_500, fetch_pages=False) as small:
            assert ingest_feeds(db, small, [feed]).new == 2
        with Fetcher(fetch_pages=False) as large:
            again = ingest_feeds(db, large, [feed])
        assert (again.not_modified, again.new) == (0, 4)
        assert db.feeds()[0].etag == '"v1"'  # read whole: the next read is conditional


def test_a_feed_cut_before_its_first_item_is_a_failed_read(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    # it had counted as a read with 0 new and nothing failed, and kept the feed's ETag
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    body = rss([{"title": "Story", "description": "Turnip " * 80}], title="Example News")
    url = feed_server.route("/feed.xml", body, headers={"ETag": '"v1"'})
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(max_bytes=300) as fetcher:
        report = ingest_feeds(db, fetcher, [FeedSpec(url)])
        [row] = db.feeds()
    assert [reason for _, reason in report.failed] == [
        "the feed is larger than 300 bytes (news.max_page_bytes = 300); no item arrived whole "
        "before the cut: raise news.max_page_bytes to read it"
    ]
    assert (row.etag, row.failures) == (None, 1)


def test_a_skipped_item_is_named_with_its_feed(feed_server: FeedServer, tmp_path: Path) -> None:
    # two feeds' failing pages were told apart by their links alone
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    gone = feed_server.url("/gone")
    url = feed_server.route("/feed.xml", rss([{"title": "Lava", "link": gone}]))
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(retries=0) as fetcher:
        report = ingest_feeds(db, fetcher, [FeedSpec(url)])
    [(where, reason)] = report.failed
    assert where == f"{url} item {gone}"
    assert reason.startswith("no text: page not used (HTTP 404")


def test_the_bot_warns_of_a_feeds_failing_pages_once_then_at_info(
    feed_server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # each refresh warned again, a line per page: 200 WARNING lines in three refreshes for
    # one feed whose 100 pages were gone
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    links = [feed_server.route(f"/gone{n}", b"gone", status=404) for n in range(3)]
    items = [{"title": f"Gone {n}", "link": link, "description": "A summary."} for n, link in
             enumerate(links)]  # fmt: skip
    feed = FeedSpec(feed_server.route("/feed.xml", rss(items, title="Example News")))
    warned: set[tuple[str, str]] = set()
    levels = []
    caplog.set_level("INFO", logger="retrieval.ingest")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(retries=0) as fetcher:
        for _ in range(3):  # the pages are tried again at the next reads, and fail again
            caplog.clear()
            ingest_feeds(db, fetcher, [feed], warned=warned)
            levels.append([r.levelname for r in caplog.records if "pages not used" in r.message])
        caplog.clear()
        ingest_feeds(db, fetcher, [feed])  # `newsbot ingest`: each read says it
        levels.append([r.levelname for r in caplog.records if "pages not used" in r.message])
    assert levels == [["WARNING"], ["INFO"], ["INFO"], ["WARNING"]]


def test_a_feeds_validators_are_kept_once_a_pages_tries_are_spent(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    from retrieval.db import PAGE_RETRIES
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    link = feed_server.route("/gone", b"busy", status=503)
    item = {"title": "Gone", "link": link, "description": "A summary.", "pubDate": NOW}
    body = rss([item], title="Example News")
    feed = FeedSpec(feed_server.route("/feed.xml", body, headers={"ETag": '"v1"'}), "Example")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(retries=0) as fetcher:
        etags = []
        for _ in range(PAGE_RETRIES + 1):
            ingest_feeds(db, fetcher, [feed])
            etags.append(db.feeds()[0].etag)
    assert etags == [None] * PAGE_RETRIES + ['"v1"']
    assert len(feed_server.requests_to("/gone")) == PAGE_RETRIES + 1


@pytest.mark.parametrize(
    ("status", "content_type"), [(200, "application/pdf"), (200, "audio/mpeg"), (410, "text/html")]
)
def test_a_page_that_gives_a_final_answer_is_not_tried_again(
    feed_server: FeedServer, tmp_path: Path, status: int, content_type: str
) -> None:
    # a PDF or an MP3 ("not an HTML page") was taken for a page that failed: fetched again at
    # the next 3 reads, and the feed read in full meanwhile, without its ETag
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    link = feed_server.route(
        "/report", b"%PDF-1.4 ...", status=status, headers={"Content-Type": content_type}
    )
    item = {"title": "Report", "link": link, "description": "A summary.", "pubDate": NOW}
    body = rss([item], title="Example News")
    feed = FeedSpec(feed_server.route("/feed.xml", body, headers={"ETag": '"v1"'}), "Example")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(backoff=0.0) as fetcher:
        assert ingest_feeds(db, fetcher, [feed]).new == 1
        assert db.feeds()[0].etag == '"v1"'
        ingest_feeds(db, fetcher, [feed])
        ingest_feeds(db, fetcher, [feed])
    assert len(feed_server.requests_to("/report")) == 1


def test_a_link_in_two_feeds_under_two_titles_stays_the_first_feeds_story(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each feed's title read as a retitled story: downloaded and "updated" on every read,
    # the headline and source flipping between the feeds
    volcano = site.url("/volcano")
    world = site.route(
        "/world.xml",
        rss([{"title": "World: lava nears Grindavik", "link": volcano}], title="World Desk"),
    )
    config = write_config(tmp_path, site.url("/feed.xml"), world)
    for _ in range(3):
        assert main(["--config", str(config), "ingest"]) == 0
    err = capsys.readouterr().err
    assert err.count(" updated") == err.count("0 updated") == 9  # every feed and summary
    assert len(site.requests_to("/volcano")) == 1
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        stored = [a for a in db.articles() if a.url and "volcano" in a.url]
    assert [(a.headline, a.source) for a in stored] == [
        ("Volcano erupts near Grindavik", "Example News")
    ]


def test_what_a_feed_reader_noticed_is_said(
    feed_server: FeedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    missing = feed_server.url("/gone")
    items = [{"title": "Lava reaches the sea", "link": missing, "description": "Lava flows."}]
    url = feed_server.route("/feed.xml", rss(items))
    config = write_config(tmp_path, url)

    assert main(["--config", str(config), "ingest"]) == 0

    assert "1 new" in capsys.readouterr().err
    [warning] = [r for r in caplog.records if r.levelname == "WARNING"]
    assert warning.getMessage().startswith(f"feed {url}: item 1: page {missing} not used (HTTP 404")


def test_a_feeds_password_and_key_stay_out_of_the_log(
    feed_server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # the log named the feed by its whole URL, as /feeds does not: logs are shipped elsewhere
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds

    items = [
        {"title": "Lava reaches the sea", "link": feed_server.url("/gone"), "description": "x"},
        {"guid": "urn:1"},  # skipped: named with its feed
    ]
    feed_server.route("/feed.xml", rss(items))
    secret = feed_server.url("/feed.xml?apikey=SECRET123").replace("//", "//reader:s3cret@")
    caplog.set_level(logging.DEBUG)
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher(retries=0) as fetcher:
        report = ingest_feeds(db, fetcher, [FeedSpec(secret, "Secret")])
        ingest_feeds(db, fetcher, [FeedSpec(secret.replace("/feed.xml", "/none.xml"))])

    ours = [r for r in caplog.records if r.name.startswith("retrieval")]  # newsbot quiets httpx
    logged = "\n".join(r.getMessage() for r in ours) + repr(report.failed)
    assert f"feed {feed_server.url('/feed.xml')}?apikey=…: item 1: page" in logged
    assert f"{feed_server.url('/feed.xml')}?apikey=… item 2" in logged
    assert f"feed {feed_server.url('/none.xml')}?apikey=… failed: HTTP 404" in logged
    assert "s3cret" not in logged
    assert "SECRET123" not in logged


def test_a_skipped_item_without_link_or_title_is_named_with_its_feed(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feed_server.route("/feed.xml", rss([{"guid": "urn:1"}]))  # nothing at all
    config = write_config(tmp_path, url)

    assert main(["--config", str(config), "ingest"]) == 0

    err = capsys.readouterr().err
    assert f"{url} item 1: no text: no link and no description in the feed" in err
    assert "0 new, 0 updated, 0 duplicates, 0 failed, 1 skipped;" in err  # the feed was read


def test_a_skipped_item_named_by_its_title_is_named_with_its_feed(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "newsbot: Volcano erupts: same guid as item 1" named no feed
    story = {"title": "Volcano erupts", "guid": "urn:1", "description": "Lava flows."}
    url = feed_server.route("/feed.xml", rss([story, story]))
    config = write_config(tmp_path, url)

    assert main(["--config", str(config), "ingest"]) == 0

    assert f"newsbot: {url} “Volcano erupts”: same guid as item 1\n" in capsys.readouterr().err


def test_a_feeds_line_counts_the_items_another_feed_stored_before(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the second feed's line read "0 new, 0 updated, 0 duplicates" for an item it did have
    story = {"title": "Volcano erupts", "link": feed_server.url("/none"), "description": "Lava."}
    first = feed_server.route("/a.xml", rss([story]))
    second = feed_server.route("/b.xml", rss([story]))
    config = write_config(tmp_path, first, second)

    assert main(["--config", str(config), "ingest"]) == 0

    err = capsys.readouterr().err
    assert f"  {unnamed(first)}: 1 new, 0 updated, 0 duplicates\n" in err
    assert f"  {unnamed(second)}: 0 new, 0 updated, 0 duplicates, 1 already stored\n" in err


def test_an_item_without_a_link_read_again_is_already_stored_not_a_duplicate(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # found again by its guid with the same text, it was "1 duplicate" at every read, as if
    # the feed held duplicates; the same text in another feed is still one
    story = {"title": "Wire flash", "guid": "urn:wire:7", "description": "Markets rose."}
    url = feed_server.route("/feed.xml", rss([story]))
    other = feed_server.route("/other.xml", rss([story | {"guid": "urn:other:1"}]))
    config = write_config(tmp_path, url, other)
    assert main(["--config", str(config), "ingest"]) == 0
    capsys.readouterr()

    assert main(["--config", str(config), "ingest"]) == 0

    err = capsys.readouterr().err
    assert f"  {unnamed(url)}: 0 new, 0 updated, 0 duplicates, 1 already stored\n" in err
    assert f"  {unnamed(other)}: 0 new, 0 updated, 1 duplicate\n" in err
    assert "ingest: 2 feed(s) read, 0 new, 0 updated, 1 duplicate, " in err


def test_a_feed_named_twice_on_the_command_line_is_read_once(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # read twice, and the second spelling (a 404) overwrote the feed's row with its failure
    story = {"title": "Volcano erupts", "link": feed_server.url("/none"), "description": "Lava."}
    url = feed_server.route("/feed.xml", rss([story]))
    config = write_config(tmp_path)

    assert main(["--config", str(config), "ingest", url, url + "/", url + "#top"]) == 0

    err = capsys.readouterr().err
    assert "1 feed(s) read" in err
    assert len(feed_server.requests_to("/feed.xml")) == 1
    assert feed_server.requests_to("/feed.xml/") == []


def test_ingest_without_feeds_says_how_to_add_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    assert main(["--config", str(config), "ingest"]) == 2
    assert "[[feeds]]" in capsys.readouterr().err


def test_retention_prunes_old_articles_from_the_index(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = []
    for path, (headline, *paragraphs) in STORIES.items():
        link = feed_server.route(path, page(headline, *paragraphs))
        old = path == "/volcano"
        items.append(
            {"title": headline, "link": link, "pubDate": NOW - timedelta(days=40 if old else 1)}
        )
    feed_server.route("/feed.xml", rss(items))
    config = write_config(
        tmp_path, feed_server.url("/feed.xml"), extra="[news]\nmax_age_days = 30\n"
    )
    assert main(["--config", str(config), "ingest"]) == 0
    assert "1 pruned" in capsys.readouterr().err
    assert ask(config, "lava walls Grindavik", capsys) == []
    assert ask(config, "mortgage payments", capsys) == ["Central bank raises interest rates"]


def test_a_bad_feed_table_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path)
    config.write_text(
        config.read_text("utf-8") + '\n[[feeds]]\nurl = "https://a.example/rss"\nevery = 5\n',
        "utf-8",
    )
    assert main(["--config", str(config), "ingest"]) == 2
    err = capsys.readouterr().err
    assert "feeds.every" in err
    assert "interval" in err


def test_a_corrupt_store_is_named_and_left_alone(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, site.url("/feed.xml"))
    store = tmp_path / "data" / "news.sqlite3"
    store.parent.mkdir()
    garbage = b"this is not a database\x00" * 100
    store.write_bytes(garbage)
    for command in (["ingest"], ["ask", "lava"]):
        assert main(["--config", str(config), *command]) == 2
        err = capsys.readouterr().err
        assert str(store) in err
        assert "Traceback" not in err
    assert store.read_bytes() == garbage


def test_a_data_directory_that_cannot_be_made_is_one_line(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # open_news made the folder itself: a NotADirectoryError traceback
    (tmp_path / "afile").write_text("not a folder", "utf-8")
    config = write_config(tmp_path, site.url("/feed.xml"))
    config.write_text(config.read_text("utf-8").replace('"data"', '"afile/data"'), "utf-8")
    for command in (["ingest"], ["ask", "lava"]):
        assert main(["--config", str(config), *command]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"cannot create the data directory {tmp_path / 'afile' / 'data'} " in err
        assert "set --data-dir or corpus.data_dir to a folder you can write" in err


def test_an_interrupted_ingest_keeps_what_it_stored_and_the_next_resumes(
    site: FeedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from retrieval.feeds import Fetcher

    second = site.route(
        "/second.xml",
        rss(
            [
                {
                    "title": "Floods close motorway",
                    "link": site.route(
                        "/floods",
                        page(
                            "Floods close motorway",
                            "Heavy rain flooded the motorway and closed "
                            "three bridges overnight, the police said on Monday morning.",
                        ),
                    ),
                }
            ]
        ),
    )
    config = write_config(tmp_path, site.url("/feed.xml"), second)
    real_fetch = Fetcher.fetch
    calls = []

    def crash_on_second(self: Fetcher, feed: object, *args: object, **kwargs: object) -> object:
        calls.append(feed)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the operator pressed Ctrl-C half-way
        return real_fetch(self, feed, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Fetcher, "fetch", crash_on_second)
    assert main(["--config", str(config), "ingest"]) == 130
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        assert db.count() == 2  # the first feed's articles are stored
    monkeypatch.setattr(Fetcher, "fetch", real_fetch)
    capsys.readouterr()
    assert main(["--config", str(config), "ingest"]) == 0
    assert "1 new" in capsys.readouterr().err
    assert ask(config, "flooded motorway bridges", capsys) == ["Floods close motorway"]
    assert ask(config, "mortgage payments", capsys) == ["Central bank raises interest rates"]


def test_the_bots_refresh_reads_due_feeds_and_opens_the_new_library(
    site: FeedServer, tmp_path: Path
) -> None:
    from bot.__main__ import _refresher
    from bot.config import load_settings

    settings = load_settings(write_config(tmp_path, site.url("/feed.xml")), environ={})
    refresh = _refresher(settings)
    first = refresh(True)
    assert first.report.new == 2
    assert first.backend is not None
    hits = first.backend.searcher.search("lava walls Grindavik").hits
    assert [h.article.headline for h in hits] == ["Volcano erupts near Grindavik"]
    again = refresh(True)  # read moments ago: not due yet, nothing read, nothing reopened
    assert (again.report.feeds, again.backend) == (0, None)
    forced = refresh(False)
    assert (forced.report.feeds, forced.report.new, forced.backend) == (1, 0, None)
    # a separate `newsbot ingest` meanwhile: the next refresh serves its articles too
    extra = tmp_path / "extra.md"
    extra.write_text("# Floods close motorway\n\nHeavy rain flooded the motorway.\n", "utf-8")
    assert main(["--config", str(tmp_path / "config.toml"), "ingest", str(extra)]) == 0
    later = refresh(True)
    assert later.report.new == 0
    assert later.backend is not None
    found = later.backend.searcher.search("flooded motorway").hits
    assert [h.article.headline for h in found] == ["Floods close motorway"]
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:  # but it alerts no follow
        # nor does the feed's first read, its backlog
        assert db.alertable_since(0) == []


def test_a_feed_the_config_spells_otherwise_stays_one_feed_read_conditionally(
    site: FeedServer, tmp_path: Path
) -> None:
    # the stored row was looked up by its literal URL: due at every tick, never conditional
    from bot.__main__ import _refresher
    from bot.config import load_settings

    body = rss([{"title": "Volcano erupts near Grindavik", "link": site.url("/volcano")}])
    feed = site.route("/etag.xml", body, headers={"ETag": '"v1"'})
    refresh = _refresher(load_settings(write_config(tmp_path, feed), environ={}))
    assert refresh(True).report.new == 1
    respelled = feed.replace("/etag.xml", "/etag.xml#top").replace("http://", "HTTP://")
    refresh = _refresher(load_settings(write_config(tmp_path, respelled), environ={}))
    assert refresh(True).report.feeds == 0  # read moments ago under the other spelling
    forced = refresh(False)
    assert forced.report.feeds == 1
    assert site.requests_to("/etag.xml")[-1].header("If-None-Match") == '"v1"'
    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        assert len(db.feeds()) == 1


def test_a_store_that_fails_keeps_the_feeds_validators_so_the_next_read_stores_it(
    site: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds
    from tests.feed_server import Reply, Request

    feed_xml = rss(
        [{"title": h, "link": site.url(p), "pubDate": NOW} for p, (h, *_) in STORIES.items()]
    )

    def conditional(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v1"':
            return Reply(b"", 304, {"ETag": '"v1"'})
        return Reply(feed_xml, 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    feed = FeedSpec(site.handle("/etag.xml", conditional), "Example")
    with NewsDB(tmp_path / "news.sqlite3") as db, Fetcher() as fetcher:
        real = db.add_articles

        def interrupted(*args: object, **kwargs: object) -> object:
            raise KeyboardInterrupt  # Ctrl-C, a kill or a locked store, right here

        monkeypatch.setattr(db, "add_articles", interrupted)
        with pytest.raises(KeyboardInterrupt):
            ingest_feeds(db, fetcher, [feed])
        assert db.count() == 0
        assert db.feeds()[0].etag is None  # not kept: the articles were not stored
        monkeypatch.setattr(db, "add_articles", real)

        again = ingest_feeds(db, fetcher, [feed])

        assert (again.new, again.not_modified) == (2, 0)
        assert db.count() == 2
        assert db.feeds()[0].etag == '"v1"'
        assert ingest_feeds(db, fetcher, [feed]).not_modified == 1


def test_a_feed_whose_pages_stall_holds_up_no_other_feed_and_loses_no_item(
    site: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from retrieval.feeds import Fetcher
    from retrieval.feedspec import FeedSpec
    from retrieval.ingest import ingest_feeds
    from tests.feed_server import Reply, Request

    stalling = True

    def text(n: str) -> str:  # each story its own (one text for all is a consent wall's)
        return f"The harbour wall of pier {n} gave way in the storm, and the fleet stayed in port."

    def stall(request: Request) -> Reply:
        body = page(f"Harbour story {request.path[-1]}", text(request.path[-1]))
        return Reply(body, delay=60 if stalling else 0)

    items = []
    for n in range(6):  # the even ones have a summary to fall back on, the odd ones nothing
        link = site.handle(f"/harbour/{n}", stall)
        items.append({"title": f"Harbour story {n}", "link": link, "pubDate": NOW})
        if n % 2 == 0:
            items[-1]["description"] = "Harbour wall breaks."
    slow = FeedSpec(site.route("/slow.xml", rss(items), headers={"ETag": '"v1"'}), "Slow")
    fine = FeedSpec(site.url("/feed.xml"), "Fine")
    with (
        NewsDB(tmp_path / "news.sqlite3") as db,
        Fetcher(timeout=2.0, backoff=0.0, page_workers=2, feed_budget=1.0) as fetcher,
    ):
        started = time.monotonic()
        first = ingest_feeds(db, fetcher, [slow, fine])

        assert time.monotonic() - started < 5  # waiting out every page: 6 x 3 x 2 s / 2 = 18 s
        stored = {a.headline: a for a in db.articles()}
        assert sorted(stored) == sorted(
            [h for h, *_ in STORIES.values()]
            + ["Harbour story 0", "Harbour story 2", "Harbour story 4"]
        )
        assert (
            stored["Central bank raises interest rates"]
            .paragraphs[0]
            .text.startswith("The central bank raised")
        )  # the other feed's pages were read as usual
        assert [p.text for p in stored["Harbour story 0"].paragraphs] == ["Harbour wall breaks."]
        assert (first.new, first.failed) == (5, [])
        budget = [r.getMessage() for r in caplog.records if "time budget" in r.getMessage()]
        assert budget == [
            f"feed {slow.url}: the feed's time budget of 1 s ran out: 6 pages not fetched; "
            "3 items used the feed's own text; 3 items without text of their own left for the "
            "next read"
        ]
        assert {row.url: row.etag for row in db.feeds()}[slow.url] is None

        stalling = False  # the site recovers: the next read stores the items it left
        second = ingest_feeds(db, fetcher, [slow])

        assert (second.new, second.updated) == (3, 3)
        stored = {a.headline: a for a in db.articles()}
        assert [p.text for p in stored["Harbour story 1"].paragraphs] == [text("1")]
        # those kept as the feed's summary get their page now (they had kept the summary)
        assert [p.text for p in stored["Harbour story 0"].paragraphs] == [text("0")]
        assert {row.url: row.etag for row in db.feeds()}[slow.url] == '"v1"'


@pytest.mark.parametrize(
    ("newest_first", "with_times"),
    [(True, True), (False, True), (True, False)],  # undated: the feed's order tells
)
def test_latest_lists_a_days_stories_newest_first(
    feed_server: FeedServer, tmp_path: Path, newest_first: bool, with_times: bool
) -> None:
    from retrieval.library import SearchConfig, open_library

    day = NOW.replace(hour=12, minute=0, second=0, microsecond=0)
    items = [
        {
            "title": f"Story at {hour:02d}:00",
            "description": f"What happened at {hour} o'clock, told in a sentence or two.",
            "guid": f"story-{hour}",
            "pubDate": day.replace(hour=hour) if with_times else None,
        }
        for hour in (11, 10, 9)  # as feeds list them: the newest first
    ]
    if not newest_first:
        items.reverse()
    config = write_config(
        tmp_path, feed_server.route("/feed.xml", rss(items)), extra="[news]\nfetch_pages = false\n"
    )
    assert main(["--config", str(config), "ingest"]) == 0

    with NewsDB(tmp_path / "data" / "news.sqlite3") as db:
        opened = open_library([tmp_path / "corpus"], tmp_path / "data", SearchConfig(), news=db)
    store = opened.library.store
    newest = [store.get(n).headline for n in store.newest(3)]
    assert newest == ["Story at 11:00", "Story at 10:00", "Story at 09:00"]


def test_the_summary_says_one_duplicate_in_the_singular() -> None:
    from retrieval.ingest import IngestReport

    assert "1 duplicate, " in IngestReport(feeds=1, duplicates=1).summary()
    assert "2 duplicates, " in IngestReport(feeds=1, duplicates=2).summary()
    # pages tried again that failed again are said apart, not counted as duplicates
    said = IngestReport(feeds=1, retried=16).summary()
    assert "0 duplicates, 16 page(s) tried again, still failing, " in said


def test_a_corrected_file_ingested_again_updates_its_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # without a URL the corrected file was a second story, and answers kept the old text
    config = write_config(tmp_path)
    record = tmp_path / "story.jsonl"
    page_ = tmp_path / "page.md"
    for name in ("Bob Smith", "Alice Jones"):
        story = {
            "id": "story-42",
            "headline": "Mayor of Shelbyville resigns",
            "paragraphs": [f"The mayor of Shelbyville, {name}, resigned on Tuesday."],
        }
        record.write_text(json.dumps(story) + "\n", "utf-8")
        page_.write_text(f"# Floods close the {name} road\n\n{name} road flooded.\n", "utf-8")
        assert main(["--config", str(config), "ingest", str(record), str(page_)]) == 0
    assert "0 new, 2 updated" in capsys.readouterr().err
    texts = [a.paragraphs[0].text for a in NewsDB(tmp_path / "data" / "news.sqlite3").articles()]
    assert sorted(texts) == [
        "Alice Jones road flooded.",
        "The mayor of Shelbyville, Alice Jones, resigned on Tuesday.",
    ]
    # two files' records with one id are two stories
    other = tmp_path / "other.jsonl"
    story = {"id": "story-42", "headline": "Dog show opens", "paragraphs": ["Dogs arrived."]}
    other.write_text(json.dumps(story) + "\n", "utf-8")
    assert main(["--config", str(config), "ingest", str(other)]) == 0
    assert "1 new, 0 updated" in capsys.readouterr().err


def test_a_file_ingested_again_as_it_was_is_already_stored_not_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "19 duplicates" had been said of a file's 19 stories read again unchanged
    config = write_config(tmp_path)
    records = tmp_path / "news.jsonl"
    lines = [
        {"id": f"s{n}", "headline": f"Story {n}", "paragraphs": [f"Text of story {n} here."]}
        for n in range(3)
    ]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    assert main(["--config", str(config), "ingest", str(records)]) == 0
    assert "3 new, 0 updated, 0 duplicates" in capsys.readouterr().err
    assert main(["--config", str(config), "ingest", str(records)]) == 0
    assert "0 new, 0 updated, 0 duplicates, 3 already stored" in capsys.readouterr().err


def test_the_summary_counts_stories_joining_others_among_the_new_ones() -> None:
    # "2 new, ..., 1 joined a story already stored" had read as three
    report = IngestReport(feeds=1, new=2, grouped=1)
    assert report.summary() == (
        "1 feed(s) read, 2 new (1 joining a story already stored), 0 updated, 0 duplicates, "
        "0 failed"
    )


def test_a_corpus_changed_with_the_default_data_dir_says_where_the_news_store_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the default data directory follows the corpus: a folder added to it had begun an
    # empty store, the follows and stories of the old one gone without a word
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "seed.md").write_text(f"# Story {name}\n\nText of {name}.\n", "utf-8")
    story = tmp_path / "story.md"
    story.write_text("# Pier reopens\n\nThe pier reopened on Monday.\n", "utf-8")
    assert main(["--corpus", "a", "ingest", str(story)]) == 0
    [first] = (tmp_path / "xdg" / "newsbot").glob("*/news.sqlite3")
    assert "another corpus" not in caplog.text

    assert main(["--corpus", "a", "--corpus", "b", "ingest", str(story)]) == 0

    said = caplog.text
    where = f"another corpus's, with its stories, follows and added feeds, is in {first.parent}"
    assert where in said
    assert f'set corpus.data_dir = "{first.parent}"' in said
    # a data directory the user chose says nothing of others
    caplog.clear()
    assert main(["--corpus", "a", "--data-dir", "mine", "ingest", str(story)]) == 0
    assert "another corpus" not in caplog.text


def test_a_store_moved_aside_takes_its_stories_out_of_the_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as a damaged store's message advises: its stories had kept answering until --force
    config = write_config(tmp_path)
    extra = tmp_path / "extra.md"
    extra.write_text("# Floods close motorway\n\nHeavy rain flooded the motorway.\n", "utf-8")
    assert main(["--config", str(config), "ingest", str(extra)]) == 0
    assert ask(config, "flooded motorway", capsys) == ["Floods close motorway"]
    store = tmp_path / "data" / "news.sqlite3"
    store.rename(store.with_name("news.sqlite3.bad"))
    assert ask(config, "flooded motorway", capsys) == []
    assert ask(config, "museum reopened", capsys) == ["Museum reopens"]  # the corpus stays
