"""The SQLite news store: dedupe, story groups, changes, retention, feeds, follows, failures."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

import retrieval.db
from retrieval.articles import Article, Paragraph
from retrieval.db import AddResult, NewsDB, StoreError

NOON = datetime(2024, 1, 16, 12, 0, tzinfo=UTC)

WIRE = (
    "A volcano on the Reykjanes peninsula in southwest Iceland erupted on Monday evening, "
    "sending fountains of lava into the sky and forcing the evacuation of nearby Grindavik.",
    "The Icelandic Meteorological Office said the fissure was about three kilometres long and "
    "that lava was flowing away from the fishing town of about four thousand people.",
    "Flights at Keflavik international airport were operating normally, the airport operator "
    "said, and the Blue Lagoon geothermal spa was closed as a precaution until further notice.",
)
SAME_TOPIC = (
    "Scientists in Iceland warned on Tuesday that magma was still building up beneath the "
    "Reykjanes peninsula, raising the risk of another volcano eruption near Grindavik.",
    "The Meteorological Office said the lava flow of the last eruption had stopped, but "
    "residents of the fishing town should be ready to leave again at short notice.",
    "Geologists expect the eruptions on the peninsula to continue for years or even decades.",
)


def edited(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The wire story as another outlet ran it: three small edits."""
    edits = (("Monday evening", "Monday night"), ("four thousand", "3,800"), ("normally", "fine"))
    out = []
    for text in paragraphs:
        for old, new in edits:
            text = text.replace(old, new)
        out.append(text)
    return tuple(out)


def story(n: int, day: int = 10) -> Article:
    """A distinct small article numbered n, published on 2024-01-`day`."""
    return make_article(
        f"Story {n} headline",
        f"Paragraph about subject number {n} with its own facts and figures {n * 7}.",
        published=date(2024, 1, day),
        url=f"https://news.example/story-{n}",
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[NewsDB]:
    with NewsDB(tmp_path / "news.sqlite3", timeout=0.2) as store:
        yield store


def test_duplicate_url_with_tracking_params_is_stored_once(db: NewsDB) -> None:
    a = story(1)
    assert db.add_articles([(a, None)], fetched=NOON) == AddResult(new=(a.id,))
    again = replace(a, url="HTTPS://News.Example/story-1/?utm_source=rss&fbclid=x#top")
    # read again as it was (a file ingested again): already stored, not a duplicate
    assert db.add_articles([(again, None), (again, None)]) == AddResult(known=2)
    assert db.count() == 1
    assert db.has_url("https://news.example/story-1?utm_medium=email")
    assert not db.has_url("https://news.example/story-2")
    assert list(db.articles()) == [a]


def test_feed_tracking_is_dropped_from_the_stored_url(db: NewsDB) -> None:
    # the BBC's feeds add at_medium and at_campaign: the URL kept them, so the link without
    # them (another feed's) was another story, its page downloaded and stored again
    tracked = replace(story(1), url="https://news.example/story-1?at_medium=RSS&at_campaign=K")
    db.add_articles([(tracked, None)], feed="https://one.example/rss", fetched=NOON)
    assert db.has_url("https://news.example/story-1")
    assert db.has_story("https://news.example/story-1", feed="https://two.example/rss")
    assert db._conn.execute("SELECT url FROM urls").fetchall() == [
        ("https://news.example/story-1",)
    ]


def test_links_that_differ_only_in_a_bare_query_are_different_stories(db: NewsDB) -> None:
    # "news.php?4512" was stored as "news.php": "news.php?4513" was then the same story
    first, second = (
        replace(story(n), url=f"http://news.example/news.php?{4511 + n}") for n in (1, 2)
    )
    assert db.add_articles([(first, None), (second, None)]).new == (first.id, second.id)
    assert not db.has_url("http://news.example/news.php")
    assert db.has_story("http://news.example/news.php?4513", second.headline)
    assert not db.has_story("http://news.example/news.php?4514")


def test_stories_under_the_sites_front_page_are_not_one_story(db: NewsDB) -> None:
    # a scraper's export gives every record the site's home page as its URL: each record
    # replaced the one before, and one story of three was kept
    front = [replace(story(n), url="https://www.coast.example/") for n in range(3)]
    assert db.add_articles([(a, None) for a in front], fetched=NOON).new == tuple(
        a.id for a in front
    )
    assert db.count() == 3
    assert db.add_articles([(a, None) for a in front]) == AddResult(duplicates=3)
    assert sorted(a.headline for a in db.articles()) == [a.headline for a in front]
    assert {a.url for a in db.articles()} == {"https://www.coast.example/"}


def test_the_http_and_https_copies_of_a_url_are_one_story(db: NewsDB) -> None:
    a = replace(story(1), url="http://news.example/story-1")
    db.add_articles([(a, None)], fetched=NOON)
    moved = replace(a, url="https://news.example/story-1", headline="Story 1, now https")

    assert db.has_url("https://news.example/story-1")
    assert db.has_story("HTTPS://news.example/story-1/", a.headline)
    assert not db.has_story("https://news.example/story-1", moved.headline)  # updated
    assert db.add_articles([(moved, None)]) == AddResult(updated=(a.id,))
    assert db.count() == 1
    assert not db.has_url("ftp://news.example/story-1")


def test_another_feeds_title_for_a_stored_link_is_no_update(db: NewsDB) -> None:
    a = story(1)
    db.add_articles([(a, None)], feed="https://top.example/rss")
    other = replace(a, headline="World: story 1", source="World Desk")
    assert db.has_story(a.url or "", other.headline, feed="https://world.example/rss")
    assert not db.has_story(a.url or "", other.headline, feed="https://TOP.example/rss/")
    got = db.add_articles([(other, None)], feed="https://world.example/rss")
    assert got == AddResult(duplicates=1)
    assert list(db.articles()) == [a]
    # its own feed retitling it is an update
    assert db.add_articles([(other, None)], feed="https://top.example/rss").updated == (a.id,)


def test_changed_text_at_same_url_updates_in_place(db: NewsDB) -> None:
    a = story(1)
    db.add_articles([(a, None)])
    first = db.last_seq()
    b = replace(a, headline="Story 1 headline (updated)")
    assert db.add_articles([(b, None)]) == AddResult(updated=(a.id,))
    assert db.count() == 1
    [change] = db.changes_since(first)
    assert (change.seq, change.key, change.article) == (first + 1, a.id, b)


def test_same_guid_in_the_same_feed_is_the_same_story(db: NewsDB) -> None:
    a = story(1)
    feed = "https://news.example/rss"
    db.add_articles([(a, "guid-1")], feed=feed)
    moved = replace(a, url="https://news.example/2024/story-1", headline="Story 1, corrected")
    assert db.add_articles([(moved, "guid-1")], feed=feed) == AddResult(updated=(a.id,))
    assert db.has_url("https://news.example/2024/story-1")
    assert db.has_url(a.url or "")  # the old URL still leads to the story
    assert db.add_articles([(a, None)]) == AddResult(updated=(a.id,))
    # The same guid in another feed is another feed's item.
    other = replace(story(2), id="other")
    assert db.add_articles([(other, "guid-1")], feed="https://elsewhere.example/rss").new
    assert db.count() == 2


def test_a_feeds_item_read_again_as_it_was_is_known_not_a_duplicate(db: NewsDB) -> None:
    feed = "https://news.example/rss"
    flash = replace(story(1), url=None)  # no link: the fetcher cannot tell it is stored
    db.add_articles([(flash, "urn:wire:7")], feed=feed)
    assert db.add_articles([(flash, "urn:wire:7")], feed=feed) == AddResult(known=1)
    # another feed's copy, or a file's, is a duplicate still
    assert db.add_articles([(flash, "urn:other:1")], feed="https://other.example/rss") == (
        AddResult(duplicates=1)
    )
    assert db.add_articles([(flash, None)]) == AddResult(duplicates=1)


def test_a_story_retitled_while_its_page_failed_keeps_its_text_and_tries_the_page_again(
    db: NewsDB,
) -> None:
    # its full text gave way to the feed's summary, and no page was ever fetched again
    feed = "https://news.example/rss"
    full = story(1)
    db.add_articles([(full, None)], feed=feed)
    summary = make_article("Story 1, updated", "A summary.", url=full.url)
    assert db.add_articles([(summary, None)], feed=feed, page_failed={summary.id}).updated
    [stored] = db.articles()
    assert (stored.headline, stored.paragraphs) == (summary.headline, full.paragraphs)
    assert not db.has_story(full.url or "", summary.headline, feed=feed)  # tried again
    page = replace(full, headline=summary.headline)
    assert db.add_articles([(page, None)], feed=feed).known == 1  # the text it kept
    assert db.has_story(full.url or "", summary.headline, feed=feed)  # had: done


def test_a_story_retitled_without_page_fetching_keeps_a_page_read_before(db: NewsDB) -> None:
    # pages fetched once, then not: a retitled item's summary had replaced the page's text
    feed = "https://news.example/rss"
    full = story(1)
    db.add_articles([(full, None)], feed=feed)
    summary = make_article("Story 1, retitled", "Boats hit.", url=full.url)
    assert db.add_articles([(summary, None)], feed=feed, feed_text={summary.id}).updated
    [stored] = db.articles()
    assert (stored.headline, stored.paragraphs) == (summary.headline, full.paragraphs)
    # the feed's own text, corrected under a new title, is replaced as before
    first = make_article("Storm hits Wick", "40 boats were damaged.", url="https://n.example/s")
    db.add_articles([(first, None)], feed=feed, feed_text={first.id})
    fixed = make_article("Storm hit Wick", "4 boats were damaged (not 40).", url=first.url)
    assert db.add_articles([(fixed, None)], feed=feed, feed_text={fixed.id}).updated
    assert [a.paragraphs for a in db.articles() if a.url == first.url] == [fixed.paragraphs]


def test_a_page_that_failed_again_is_no_duplicate(db: NewsDB) -> None:
    # the refresh summary had said "16 duplicates" of 16 pages that failed again
    feed = "https://news.example/rss"
    summary = make_article("Story 1", "A summary.", url="https://news.example/1")
    first = db.add_articles([(summary, None)], feed=feed, page_failed={summary.id})
    assert len(first.new) == 1
    again = db.add_articles([(summary, None)], feed=feed, page_failed={summary.id})
    assert again == AddResult(retried=1)
    assert db.add_articles([(summary, None)], feed=feed) == AddResult(known=1)


def test_a_feed_text_corrects_only_a_stored_text_it_mostly_repeats(db: NewsDB) -> None:
    # has_text had taken any feed text over half the stored one's length for a correction:
    # a page's text as long as the summary, worded otherwise, gave way to the summary
    feed = "https://news.example/rss"
    url = "https://news.example/storm"

    def differs(text: str) -> bool:
        fingerprint = make_article("Storm hits Wick", text).text_fingerprint()
        return not db.has_text(url, fingerprint, text, feed=feed)

    page = (
        "A storm damaged dozens of fishing boats in Wick harbour overnight, and the "
        "coastguard rescued two crew from a trawler that broke its moorings."
    )
    summary = (
        "Coastguard teams pulled two sailors to safety after gales wrecked numerous "
        "vessels moored at the Caithness port during Saturday's severe weather."
    )
    db.add_articles([(make_article("Storm hits Wick", page, url=url), None)], feed=feed)
    assert not differs(page)
    assert not differs(summary)  # about as long, its words its own: the page's text is kept
    assert not differs(page[:80])  # its first 80 characters: much shorter, kept
    # a feed's own text corrected, longer or a little shorter, is the correction
    told = "Forty boats were damaged in Wick harbour. Two crew were rescued."
    db.add_articles([(make_article("Storm hits Wick", told, url=url), None)], feed=feed)
    assert differs("4 boats were damaged in Wick harbour (not 40). Two crew were rescued.")
    assert differs("4 boats were damaged in Wick harbour. Two crew were rescued.")


def test_new_guid_and_url_with_the_same_text_is_a_duplicate(db: NewsDB) -> None:
    a = story(1)
    db.add_articles([(a, "g1")], feed="f")
    copy = replace(a, id="copy", url="https://mirror.example/x", source="Mirror")
    assert db.add_articles([(copy, "g2")], feed="g") == AddResult(duplicates=1)
    # in its own feed without its guid and link: the story itself, "already stored"
    assert db.add_articles([(replace(copy, url=None), None)], feed="f").known == 1


def test_a_feeds_items_with_one_text_are_apart_by_guid_or_link(db: NewsDB) -> None:
    # a recurring item ("Daily weather outlook") repeats its title and summary, each issue
    # with its own guid and link: "1 new, 2 duplicates", the later issues lost
    def issue(day: int, url: str | None) -> Article:
        return replace(story(1, day=day), id=f"wx-{day}", url=url)

    feed = "https://weather.example/rss"
    first = db.add_articles([(issue(28, "https://weather.example/28"), "wx-28")], feed=feed)
    later = db.add_articles(
        [
            (issue(29, "https://weather.example/29"), "wx-29"),  # another guid and link
            (issue(30, None), "wx-30"),  # another guid
        ],
        feed=feed,
    )
    assert (first.new, later.new, later.duplicates) == (("wx-28",), ("wx-29", "wx-30"), 0)
    assert [a.published for a in db.articles()] == [date(2024, 1, d) for d in (28, 29, 30)]
    # each issue its own story: grouped as copies, the first hid the others (in answers, and
    # from the follows alerted to it)
    assert len(set(db.story_groups(first.new + later.new).values())) == 3
    again = db.add_articles([(issue(30, None), "wx-30")], feed=feed)
    assert again == AddResult(known=1)  # found by its guid
    tides = [  # no guids, links alone
        (replace(story(2, day=day), id=f"tide-{day}", url=f"https://tide.example/{day}"), None)
        for day in (1, 2)
    ]
    assert db.add_articles(tides, feed="https://tide.example/rss").new == ("tide-1", "tide-2")


def test_one_story_listed_twice_in_a_read_under_two_links_is_one_story(db: NewsDB) -> None:
    # a section feed cross-listing a story (/uk/x, /business/x): "2 new", two rows, and a
    # follow that matched alerted twice; only a date (or a title) of its own makes an issue
    feed = "https://news.example/rss"
    uk = replace(story(1), id="uk", url="https://news.example/uk/bridge-tolls")
    business = replace(uk, id="business", url="https://news.example/business/bridge-tolls")

    result = db.add_articles([(uk, "g-uk"), (business, "g-business")], feed=feed)

    assert result == AddResult(new=("uk",), duplicates=1)
    assert db.count() == 1
    again = db.add_articles([(business, "g-business"), (uk, "g-uk")], feed=feed)
    assert (again.new, db.count()) == ((), 1)


def test_a_feeds_story_under_a_link_or_guid_changed_at_each_read_is_one_story(
    db: NewsDB,
) -> None:
    # a session id in the link (?sid=aaa1, then bbb2), a guid made per fetch (k-1, then k-2):
    # "1 new" at every read, the store, the index and retention growing with copies
    feed = "https://wire.example/rss"
    first = replace(story(1), id="s1", url="https://wire.example/77?sid=aaa1")
    assert db.add_articles([(first, None)], feed=feed).new == ("s1",)
    again = replace(first, id="s2", url="https://wire.example/77?sid=bbb2")
    assert db.add_articles([(again, None)], feed=feed) == AddResult(known=1)
    flash = replace(story(2), id="k", url=None)
    assert len(db.add_articles([(flash, "k-1")], feed=feed).new) == 1
    assert db.add_articles([(flash, "k-2")], feed=feed) == AddResult(known=1)
    assert db.count() == 2
    # another feed's copy is a duplicate still
    assert db.add_articles([(again, "x")], feed="https://other.example/rss").duplicates == 1


def test_a_recurring_item_one_issue_a_read_is_its_newest_issue(db: NewsDB) -> None:
    # the feed lists only today's issue: one story, updated to the newest link and date
    feed = "https://weather.example/rss"
    issues = [
        replace(story(1, day=day), id=f"wx-{day}", url=f"https://weather.example/{day}")
        for day in (28, 29)
    ]
    [key] = db.add_articles([(issues[0], "wx-28")], feed=feed).new
    result = db.add_articles([(issues[1], "wx-29")], feed=feed)
    assert result == AddResult(updated=(key,))
    [stored] = db.articles()
    assert (stored.url, stored.published) == (issues[1].url, date(2024, 1, 29))
    assert db.alertable_since(1) == []  # the same text: nothing new to tell
    # an older issue listed again alone is the story as stored
    assert db.add_articles([(replace(issues[0], url=None), None)], feed=feed).known == 1
    # issues listed together, the earlier one known to the fetcher (`listed`): apart
    third = replace(issues[1], id="wx-30", url="https://weather.example/30")
    third = replace(third, published=date(2024, 1, 30))
    listed = ["https://weather.example/29"]
    assert db.add_articles([(third, "wx-30")], feed=feed, listed=listed).new == ("wx-30",)
    assert db.count() == 2


def test_a_feeds_item_without_guid_or_link_read_again_is_already_stored(db: NewsDB) -> None:
    # found by its text alone, it was "1 duplicate" at every read
    feed = "https://notices.example/rss"
    notice = replace(story(1), url=None)
    db.add_articles([(notice, None)], feed=feed)
    assert db.add_articles([(notice, None)], feed=feed) == AddResult(known=1)
    # two of them in one read: the second is the feed's duplicate
    twin = replace(story(2), url=None)
    assert db.add_articles([(twin, None), (twin, None)], feed=feed).duplicates == 1


def test_same_id_for_a_different_story_gets_a_unique_key(db: NewsDB) -> None:
    a = story(1)
    b = replace(story(2), id=a.id)
    result = db.add_articles([(a, None), (b, None)])
    assert result.new[0] == a.id
    assert result.new[1].startswith(a.id + "~")
    stored = {x.url: x for x in db.articles()}
    assert stored[b.url].id == result.new[1]
    assert db.add_articles([(b, None)]) == AddResult(known=1)  # still the same story


def test_near_duplicates_share_a_group_but_topic_siblings_do_not(db: NewsDB) -> None:
    wire = make_article("Volcano erupts in Iceland", *WIRE, url="https://a.example/1")
    copy = make_article(
        "Iceland eruption forces evacuation", *edited(WIRE), url="https://b.example/2"
    )
    sibling = make_article("Iceland: more eruptions likely", *SAME_TOPIC, url="https://c.ex/3")
    result = db.add_articles([(wire, None), (copy, None), (sibling, None)], fetched=NOON)
    assert result == AddResult(new=(wire.id, copy.id, sibling.id), grouped=1)
    assert db.group_of(copy.id) == [wire.id, copy.id]
    assert db.group_of(sibling.id) == [sibling.id]
    assert db.group_of("no-such-key") == []
    # Only recent articles are compared: the same copy a month later starts its own group.
    late = replace(copy, id="late", url="https://d.example/4", headline="Iceland, weeks on")
    later = datetime(2024, 2, 20, tzinfo=UTC)
    assert db.add_articles([(late, None)], fetched=later).grouped == 0


def test_a_feeds_templated_items_are_stories_of_their_own_but_its_story_again_joins(
    db: NewsDB,
) -> None:
    # "M 5.3 - 40 km N of Tokyo" and "M 4.8 - 8 km E of Anchorage" share the feed's wording
    # (J 0.52): taken for copies, the later quakes were never alerted nor shown
    feed = "https://quakes.example/rss"

    def quake(n: int, magnitude: str, place: str) -> Article:
        text = (
            f"An earthquake of magnitude {magnitude} struck {place} at 10:0{n} UTC at a depth "
            "of 10 km. The earthquake was felt by residents in the region. No damage has been "
            "reported so far. Source: the national seismic network."
        )
        url = f"https://quakes.example/event/{n}"
        return make_article(f"M {magnitude} - {place}", text, url=url)

    quakes = [
        quake(1, "5.3", "40 km N of Tokyo, Japan"),
        quake(2, "4.8", "8 km E of Anchorage, Alaska"),
        quake(3, "6.1", "100 km S of Lima, Peru"),
    ]
    result = db.add_articles([(q, q.url) for q in quakes[:2]], fetched=NOON, feed=feed)
    assert (len(result.new), result.grouped) == (2, 0)
    # a later read: a new quake, the earlier ones still listed (known to the fetcher)
    listed = [str(q.url) for q in quakes[:2]]
    later = db.add_articles([(quakes[2], quakes[2].url)], fetched=NOON, feed=feed, listed=listed)
    assert (len(later.new), later.grouped) == (1, 0)
    assert len(set(db.story_groups([*result.new, *later.new]).values())) == 3
    # the feed's own story under a new link and title (the old one no longer listed), grown
    # by a paragraph or with a few words changed: the same story
    wire = make_article("Volcano erupts in Iceland", *WIRE, url="https://quakes.example/v1")
    db.add_articles([(wire, wire.url)], fetched=NOON, feed=feed)
    grown = make_article(
        "Thousands flee Iceland eruption",
        *WIRE,
        "Officials said the evacuation would last at least a week.",
        url="https://quakes.example/v2",
    )
    assert db.add_articles([(grown, grown.url)], fetched=NOON, feed=feed).grouped == 1
    short = (
        "Flash floods in Valencia have killed at least {dead} people, officials said on "
        "{day}, as rescuers searched for {missing} still missing after a year's rain fell in "
        "eight hours. Roads and rail lines were cut across the region."
    )
    first = make_article(
        "Valencia floods", short.format(dead=51, day="Wednesday", missing="dozens")
    )
    first = replace(first, url="https://quakes.example/valencia-1")
    update = make_article(
        "Valencia floods: toll rises", short.format(dead=95, day="Thursday", missing="hundreds")
    )
    update = replace(update, url="https://quakes.example/valencia-2")
    db.add_articles([(first, first.url)], fetched=NOON, feed=feed)
    assert db.add_articles([(update, update.url)], fetched=NOON, feed=feed).grouped == 1
    # a wire listing "UPDATE 1-" and "UPDATE 2-" of one story together: one story
    wired = [replace(first, id=f"u{n}", url=f"https://quakes.example/u{n}") for n in (1, 2)]
    wired[1] = replace(wired[1], paragraphs=update.paragraphs)
    assert db.add_articles([(w, w.url) for w in wired], fetched=NOON, feed=feed).grouped == 1
    # a draw's next issue, dated another day: its own story however alike the wording
    draw = (
        "The winning Lotto numbers for the draw were {nums}. The bonus ball was 12. Check "
        "your ticket online or in the app. Prizes must be claimed within 180 days of the draw."
    )
    draws = [
        replace(
            make_article(f"Lotto results {day}", draw.format(nums=nums)),
            url=f"https://quakes.example/lotto-{day}",
            published=date(2024, 1, day),
        )
        for day, nums in ((17, "3, 14, 22, 31, 40, 45"), (20, "1, 9, 17, 28, 33, 52"))
    ]
    db.add_articles([(draws[0], draws[0].url)], fetched=NOON, feed=feed)
    assert db.add_articles([(draws[1], draws[1].url)], fetched=NOON, feed=feed).grouped == 0
    # one template, other names, the same day: its own story (verify round 3: held 0.82)
    movers = (
        "Shares in {name} {move} in early trading after {name} said profits would beat "
        "forecasts, traders in London said. The FTSE 100 index was little changed at noon."
    )
    market = [
        replace(
            make_article(f"{name} shares move", movers.format(name=name, move=move)),
            url=f"https://quakes.example/{name}",
            published=date(2024, 1, 22),
        )
        for name, move in (("Tesco", "rose 3%"), ("Barclays", "fell 2%"))
    ]
    db.add_articles([(market[0], market[0].url)], fetched=NOON, feed=feed)
    assert db.add_articles([(market[1], market[1].url)], fetched=NOON, feed=feed).grouped == 0
    # the story updated after midnight (the next day), most of its text kept, is the story
    # still; tomorrow's forecast, less alike, is not (verify round 4)
    fire = (
        "A fire at a warehouse in Leeds was still burning on {day}, the fire service said, "
        "and {crews} crews were at the scene. Nearby roads stayed closed to traffic, and "
        "people living close by were told to keep their windows and doors shut because of "
        "the smoke. The cause of the fire is not yet known, and an investigation will begin "
        "once the site is safe, the service added in a statement on its website."
    )
    night = [
        replace(
            make_article("Leeds warehouse fire", fire.format(day=day, crews=crews)),
            url=f"https://quakes.example/fire-{n}",
            published=date(2024, 1, 24 + n),
        )
        for n, (day, crews) in enumerate((("Wednesday", "ten"), ("Thursday", "twelve")))
    ]
    db.add_articles([(night[0], night[0].url)], fetched=NOON, feed=feed)
    assert db.add_articles([(night[1], night[1].url)], fetched=NOON, feed=feed).grouped == 1
    outlook = "Weather for {day}: {sky}, highs of {high}C. Winds light. Pollen count low."
    days = [
        replace(
            make_article(f"Forecast {n}", outlook.format(day=day, sky=sky, high=high)),
            url=f"https://quakes.example/forecast-{n}",
            published=date(2024, 1, 26 + n),
        )
        for n, (day, sky, high) in enumerate((("Friday", "sunny", 12), ("Saturday", "rain", 9)))
    ]
    db.add_articles([(days[0], days[0].url)], fetched=NOON, feed=feed)
    assert db.add_articles([(days[1], days[1].url)], fetched=NOON, feed=feed).grouped == 0


def test_changes_since_is_ordered_and_keeps_tombstones(db: NewsDB) -> None:
    a, b, c = story(1, day=1), story(2, day=5), story(3, day=9)
    db.add_articles([(a, None), (b, None), (c, None)], fetched=NOON)
    revised = replace(c, headline="Story 3 revised")
    db.add_articles([(revised, None)])
    assert db.prune(max_articles=2, now=NOON) == [a.id]
    changes = db.changes_since(0)
    assert [(ch.seq, ch.key) for ch in changes] == [(2, b.id), (4, c.id), (5, a.id)]
    assert [ch.article for ch in changes] == [b, revised, None]
    assert [ch.key for ch in db.changes_since(3)] == [c.id, a.id]
    assert db.changes_since(db.last_seq()) == []
    assert db.count() == 2


def test_prune_by_age_then_by_count(db: NewsDB) -> None:
    undated = make_article("Undated note", "Something happened.", url="https://x.example/u")
    old, mid, new = story(1, day=1), story(2, day=10), story(3, day=14)
    db.add_articles([(old, None), (mid, None), (new, None), (undated, None)], fetched=NOON)
    assert db.prune(max_age_days=7, max_articles=2, now=NOON) == [old.id, mid.id]
    assert {a.id for a in db.articles()} == {new.id, undated.id}
    assert db.prune(max_age_days=7, now=datetime(2024, 1, 25, tzinfo=UTC)) == [new.id, undated.id]
    assert db.count() == 0
    # A pruned item the feed still lists is not stored again.
    assert db.has_url(old.url or "")
    assert db.add_articles([(old, None)]) == AddResult(duplicates=1)
    with pytest.raises(ValueError, match="max_articles"):
        db.prune(max_articles=-1)


def test_a_feed_spelled_otherwise_is_one_feed_with_its_items(db: NewsDB) -> None:
    # the upsert kept the first spelling, and a GUID was scoped by the literal feed URL
    db.add_feed("https://News.example/rss/", "Example")
    row = db.add_feed("https://news.example/rss", added_by=7)
    assert (row.url, row.name, row.added_by) == ("https://news.example/rss", "Example", 7)
    assert [r.url for r in db.feeds()] == ["https://news.example/rss"]
    a = make_article("Story 1 headline", "The first text of the story.")
    db.add_articles([(a, "guid-1")], feed="https://News.example/rss/")
    edited = make_article("Story 1 headline", "A new text, not the one stored before.")
    got = db.add_articles([(edited, "guid-1")], feed="https://news.example/rss")
    assert got == AddResult(updated=(a.id,))
    assert db.count() == 1


def test_feeds_round_trip(db: NewsDB) -> None:
    row = db.add_feed("https://news.example/rss", "Example", interval_minutes=15, added_by=7)
    assert (row.url, row.name, row.interval_minutes, row.added_by) == (
        "https://news.example/rss",
        "Example",
        15,
        7,
    )
    assert (row.failures, row.last_fetched, row.etag) == (0, None, None)
    db.add_feed("https://other.example/feed.xml")
    with pytest.raises(ValueError, match="already used"):
        db.add_feed("https://third.example/rss", "example")
    with pytest.raises(ValueError, match="http"):
        db.add_feed("ftp://news.example/rss")

    db.record_fetch("https://news.example/rss", ok=False, error="timeout", at=NOON)
    db.record_fetch("https://news.example/rss/", ok=False, error="HTTP 503", at=NOON)
    failed = db.feeds()[0]
    assert (failed.failures, failed.last_error, failed.last_ok) == (2, "HTTP 503", None)
    db.record_fetch("https://news.example/rss", ok=True, etag='"v1"', last_modified="Mon", at=NOON)
    db.record_fetch("https://news.example/rss", ok=True, at=NOON)  # a 304 keeps the validators
    db.record_fetch("https://gone.example/rss", ok=True)  # removed meanwhile: ignored
    fine = db.feeds()[0]
    assert (fine.failures, fine.last_error, fine.etag, fine.last_modified) == (
        0,
        None,
        '"v1"',
        "Mon",
    )
    assert fine.last_ok == fine.last_fetched == NOON

    assert db.add_feed("https://news.example/rss", interval_minutes=60).name == "Example"
    assert db.remove_feed("EXAMPLE")
    assert not db.remove_feed("Example")
    assert db.remove_feed("https://other.example/feed.xml?utm_source=x")
    assert db.feeds() == []


def test_follows(db: NewsDB) -> None:
    db.add_articles([(story(1), None)])
    iceland = db.add_follow(5, "  Iceland   volcano ")
    assert (iceland.query, iceland.chat_id, iceland.cursor) == ("Iceland volcano", 5, 1)
    assert db.add_follow(5, "iceland volcano") == iceland
    rates = db.add_follow(5, "interest rates")
    other = db.add_follow(6, "marathon")
    assert db.follows(5) == [iceland, rates]
    assert db.follows() == [iceland, rates, other]
    with pytest.raises(ValueError, match="empty"):
        db.add_follow(5, "  ")

    db.advance_follow(rates.id, 9)
    db.advance_follow(rates.id, 4)  # never back
    assert db.follows(5)[1].cursor == 9
    assert db.remove_follow(5, "2") == replace(rates, cursor=9)
    assert db.remove_follow(5, "7") is None
    assert db.remove_follow(5, "ICELAND VOLCANO") == iceland
    assert db.remove_follow(6, "1") == other
    a, b, c = (db.add_follow(6, query) for query in ("a", "b", "c"))
    assert db.remove_follows(6, [3, 1, 9, 3]) == [a, c]  # numbers as listed before the step
    assert db.follows(6) == [b]
    assert db.remove_follows(6, [5]) == []
    assert db.remove_follow(6, "1") == b
    db.add_follow(5, "a")
    db.add_follow(5, "b")
    assert db.remove_chat(5) == 2
    assert db.follows() == []


def test_the_story_groups_a_follow_was_alerted_to_are_kept_with_it(db: NewsDB) -> None:
    wire = make_article("Volcano erupts in Iceland", *WIRE, url="https://a.example/1")
    copy = make_article("Iceland volcano erupts", *edited(WIRE), url="https://b.example/2")
    other = story(3)
    db.add_articles([(wire, None), (copy, None), (other, None)], fetched=NOON)
    groups = db.story_groups([wire.id, copy.id, other.id, "unknown"])
    assert groups[wire.id] == groups[copy.id] != groups[other.id]
    assert "unknown" not in groups
    first = db.add_follow(5, "volcano")
    second = db.add_follow(6, "volcano")

    db.note_alerted(first.id, [groups[wire.id]])
    db.note_alerted(first.id, [groups[wire.id]])  # again: kept once

    assert db.alerted_groups(first.id) == {groups[wire.id]}
    assert db.alerted_groups(second.id) == set()  # each follow its own
    db.remove_chat(5)
    assert db.alerted_groups(first.id) == set()
    db.note_alerted(first.id, [groups[other.id]])  # a follow gone meanwhile: ignored
    assert db.alerted_groups(first.id) == set()
    db.note_alerted(second.id, [groups[other.id], groups[wire.id]])
    db.prune(max_articles=1)  # the oldest two go: the wire's copy keeps its group
    assert db.alerted_groups(second.id) == {groups[wire.id]}
    db.prune(max_articles=0)
    assert db.alerted_groups(second.id) == set()


def test_alertable_stories_are_new_and_not_stored_quietly(db: NewsDB) -> None:
    db.add_articles([(story(1), None)])
    mark = db.last_seq()
    db.add_articles([(replace(story(1), headline="Story 1, updated", paragraphs=()), None)])
    db.add_articles([(story(2), None)], quiet=True)  # `newsbot ingest`
    db.add_articles([(story(3), None), (story(4), None)])
    db.prune(max_articles=3)  # story 1 goes

    assert db.alertable_since(0) == [story(3).id, story(4).id]
    assert db.alertable_since(mark) == [story(3).id, story(4).id]
    assert db.alertable_since(mark, until=mark + 3) == [story(3).id]  # story 4 came later
    assert db.alertable_since(db.last_seq()) == []


def test_a_story_whose_page_comes_after_a_failure_is_alertable_then(db: NewsDB) -> None:
    # stored with the feed's one-line summary, it alerted no follow that only its body
    # matches; its page's text, a read later, was an update, and updates never alert
    feed = "https://news.example/rss"

    def summary(n: int) -> Article:
        return replace(story(n), paragraphs=(Paragraph(f"Story {n} in a line."),))

    failed = {story(n).id for n in (1, 2, 3)}
    db.add_articles([(summary(1), None), (summary(2), None)], feed=feed, page_failed=failed)
    db.add_articles([(summary(3), None)], feed=feed, page_failed=failed, quiet=True)
    mark = db.last_seq()

    again = db.add_articles([(story(n), None) for n in (1, 2, 3)], feed=feed)

    assert again.updated == (story(1).id, story(2).id, story(3).id)
    assert db.alertable_since(mark) == [story(1).id, story(2).id, story(3).id]
    mark = db.last_seq()
    db.add_articles([(replace(story(1), headline="Story 1, retitled"), None)], feed=feed)
    assert db.alertable_since(mark) == []  # later updates are updates
    # `newsbot ingest` bringing the page: searchable, but no alert (as its new stories)
    db.add_articles([(summary(4), None)], feed=feed, page_failed={story(4).id})
    mark = db.last_seq()
    assert db.add_articles([(story(4), None)], feed=feed, quiet=True).updated == (story(4).id,)
    assert db.alertable_since(mark) == []


def test_a_feeds_validators_are_stored_with_its_articles(
    db: NewsDB, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://news.example/rss"
    db.add_feed(url, "Example")
    db.record_fetch(url, ok=True, etag="old", at=NOON)
    bad = replace(story(2), paragraphs=())
    broken = [(story(1), None), (bad, None)]
    real = retrieval.db.shingles

    def fail_on_the_second(article: Article) -> frozenset[bytes]:
        if article.headline == bad.headline:
            raise sqlite3.OperationalError("the disk went away")
        return real(article)

    with monkeypatch.context() as patch:
        patch.setattr(retrieval.db, "shingles", fail_on_the_second)
        with pytest.raises(sqlite3.OperationalError):
            db.add_articles(broken, feed=url, validators=("new", None), fetched=NOON)
    assert (db.count(), db.feeds()[0].etag) == (0, "old")  # all of it, or none

    db.add_articles(broken, feed=url, validators=("new", "Tue, 16 Jan 2024"), fetched=NOON)

    [row] = db.feeds()
    assert (db.count(), row.etag, row.last_modified, row.last_ok) == (
        2,
        "new",
        "Tue, 16 Jan 2024",
        NOON,
    )


def test_a_chat_that_moved_keeps_its_follows_once(db: NewsDB) -> None:
    volcano = db.add_follow(-5, "volcano")
    rates = db.add_follow(-5, "rates")
    already = db.add_follow(-1005, "Volcano")  # the new id already follows it

    assert db.move_chat(-5, -1005) == 1

    assert db.follows(-5) == []
    assert db.follows(-1005) == [replace(rates, chat_id=-1005), already]  # in the order added
    assert volcano not in db.follows()


def test_everything_persists_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "data" / "news.sqlite3"
    wire = make_article("Volcano erupts in Iceland", *WIRE, url="https://a.example/1")
    copy = make_article("Iceland eruption", *edited(WIRE), url="https://b.example/2")
    with NewsDB(path) as db:
        db.add_articles([(wire, "g1")], feed="f", fetched=NOON)
        db.add_articles([(copy, "g2")], feed="f", fetched=NOON)  # an update, the first gone
        db.add_feed("https://news.example/rss", "Example")
        db.record_fetch("https://news.example/rss", ok=True, etag="e", at=NOON)
        follow = db.add_follow(1, "volcano")
        feeds = db.feeds()
    with NewsDB(path) as db:
        assert list(db.articles()) == [wire, copy]
        assert db.group_of(wire.id) == [wire.id, copy.id]
        assert db.feeds() == feeds
        assert db.follows() == [follow]
        assert db.last_seq() == 2
        assert db.add_articles([(copy, "g2")], feed="f") == AddResult(known=1)
        version = db._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == retrieval.db.SCHEMA_VERSION


def test_a_version_1_store_gains_topics_for_its_follows(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsDB(path) as db:
        db.add_articles([(story(1), None)])
    conn = sqlite3.connect(path)
    conn.executescript(
        """DROP TABLE follows;
        DROP TABLE alerted;
        DROP INDEX articles_born;
        ALTER TABLE articles DROP COLUMN born;
        ALTER TABLE articles DROP COLUMN quiet;
        ALTER TABLE articles DROP COLUMN page_retries;
        CREATE TABLE follows (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL,
            query TEXT NOT NULL,
            created TEXT NOT NULL,
            cursor INTEGER NOT NULL);
        CREATE INDEX follows_chat ON follows(chat_id, id);
        INSERT INTO follows (chat_id, query, created, cursor)
            VALUES (5, 'volcano', '2024-01-01T00:00:00+00:00', 0);
        INSERT INTO follows (chat_id, query, created, cursor)
            VALUES (6, 'story', '2024-01-01T00:00:00+00:00', 1);
        PRAGMA user_version = 1;"""
    )
    conn.close()

    with NewsDB(path) as db:
        old, passed = db.follows()
        assert (old.chat_id, old.query, old.thread_id) == (5, "volcano", None)
        # a follow whose cursor passed a story was told of it: its copies do not alert again
        assert db.alerted_groups(passed.id) == {db.story_groups([story(1).id])[story(1).id]}
        assert db.alerted_groups(old.id) == set()
        topic = db.add_follow(7, "rates", thread_id=42)
        assert topic.thread_id == 42
        assert db.follows(7) == [topic]
        db.note_alerted(topic.id, [1])
        assert db.alerted_groups(topic.id) == {1}
        assert db.alertable_since(0) == []  # stored before: never alerts
        assert db.count() == 1
        db.add_articles([(story(2), None)])
        assert db.alertable_since(0) == [story(2).id]
        failed = replace(story(3), paragraphs=story(3).paragraphs[:1])
        db.add_articles([(failed, None)], page_failed={failed.id})
        assert not db.has_story(failed.url or "")  # its page is tried again
        version = db._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == retrieval.db.SCHEMA_VERSION


def test_a_version_5_store_spells_its_urls_as_they_are_spelled_now(tmp_path: Path) -> None:
    # a store keeps URLs normalized: those of an older spelling (tracking kept) were no longer
    # found, and a feed whose row is keyed so recorded none of its reads
    path = tmp_path / "news.sqlite3"
    tracked = "https://news.example/story-1?at_medium=RSS"
    with NewsDB(path) as db:
        db.add_articles([(replace(story(1), url=tracked), None)])
        db.add_feed("https://feeds.example/rss?at_medium=RSS", "Tracked")
        db.add_feed("https://feeds.example/world?x=1", "World")
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""UPDATE urls SET url = '{tracked}';
        UPDATE articles SET url = '{tracked}';
        INSERT INTO feeds (url, norm_url, name, interval_minutes, added) VALUES
            ('https://feeds.example/world?x=1&at_campaign=K', '', 'Also world', 30, '');
        UPDATE feeds SET norm_url = url;
        PRAGMA user_version = 5;"""
    )
    conn.close()

    with NewsDB(path) as db:
        assert db.has_url("https://news.example/story-1")
        assert db._conn.execute("SELECT url FROM articles").fetchall() == [
            ("https://news.example/story-1",)
        ]
        db.record_fetch("https://feeds.example/rss?at_medium=RSS", ok=True, etag='"v1"')
        feeds = {row.name: row for row in db.feeds()}
        assert sorted(feeds) == ["Tracked", "World"]  # one feed now: the first added kept
        assert feeds["Tracked"].etag == '"v1"'
        version = db._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == retrieval.db.SCHEMA_VERSION
        assert len(db.store_id()) == 32  # given one by the upgrade


def test_a_version_7_store_hashes_its_texts_as_they_are_hashed_now(tmp_path: Path) -> None:
    # content_hash folds typesetting now (curly quotes, dashes): a story stored under the
    # old hash had not been found by its text, and its copy was stored again
    path = tmp_path / "news.sqlite3"
    curly = make_article("Mayor\u2019s budget \u2014 approved", "The vote came late\u2026")
    with NewsDB(path) as db:
        db.add_articles([(curly, None), (story(2), None)], fetched=NOON)
        assert db.prune(max_articles=1) == [story(2).id]
    conn = sqlite3.connect(path)
    conn.executescript(
        """UPDATE articles SET content_hash = 'old-' || id;
        PRAGMA user_version = 7;"""
    )
    conn.close()

    with NewsDB(path) as db:
        rows = db._conn.execute("SELECT key, content_hash FROM articles ORDER BY id").fetchall()
        assert rows == [(curly.id, curly.text_fingerprint()), (story(2).id, "old-2")]
        straight = make_article("Mayor's budget - approved", "The vote came late...")
        assert db.add_articles([(straight, None)], fetched=NOON) == AddResult(duplicates=1)
        assert db.count() == 1
        version = db._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == retrieval.db.SCHEMA_VERSION


def test_a_version_8_store_spells_its_urls_as_they_are_spelled_now(tmp_path: Path) -> None:
    # normalize_url encodes a path as a URI now, reads an IDN host in ASCII, drops dot
    # segments: a URL stored in the old spelling was no longer found, and its story stored
    # again under the new one
    path = tmp_path / "news.sqlite3"
    old = "https://b\u00fccher.example/a/st\u00f3ry"
    with NewsDB(path) as db:
        db.add_articles([(replace(story(1), url=old), None)])
        db.add_feed("https://b\u00fccher.example/rss", "Books")
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""UPDATE urls SET url = '{old}';
        UPDATE articles SET url = '{old}';
        UPDATE feeds SET norm_url = url;
        PRAGMA user_version = 8;"""
    )
    conn.close()

    with NewsDB(path) as db:
        assert db.has_url("https://xn--bcher-kva.example/a/st%C3%B3ry")
        assert db.has_url(old)
        assert db._conn.execute("SELECT url FROM articles").fetchall() == [
            ("https://xn--bcher-kva.example/a/st%C3%B3ry",)
        ]
        assert db.add_articles([(replace(story(1), url=old), None)]) == AddResult(known=1)
        db.record_fetch("https://xn--bcher-kva.example/rss", ok=True, etag='"v1"')
        assert [(row.name, row.etag) for row in db.feeds()] == [("Books", '"v1"')]
        version = db._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == retrieval.db.SCHEMA_VERSION


def test_a_version_7_store_is_read_read_only(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsDB(path) as store:
        store.add_articles([(story(1), None)])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()

    reader = NewsDB.read_only(path)
    try:
        assert [a.headline for a in reader.articles()] == ["Story 1 headline"]
    finally:
        reader.close()


def test_garbage_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    garbage = b"this is not an sqlite database \x00\xff" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match=r"news\.sqlite3.*move it aside"):
        NewsDB(path)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.sqlite3"]


def test_damaged_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsDB(path) as db:
        db.add_articles([(story(n), None) for n in range(200)])
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the page size, from the file header
    data[page * 2 : page * 2 + 200] = b"\xa5" * 200  # scribble over the third page's header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="move it aside") as raised:
        NewsDB(path)
    assert "\n" not in str(raised.value)  # quick_check's report has newlines: one line
    assert path.read_bytes() == bytes(data)


def test_foreign_or_newer_database_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE photos (x)")
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        NewsDB(foreign)
    newer = tmp_path / "newer.sqlite3"
    NewsDB(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsbot"):
        NewsDB(newer)


def test_locked_store_fails_within_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    db = NewsDB(path, timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"locked by another process.*--data-dir"):
            db.add_articles([(story(1), None)])
        assert time.monotonic() - start < 2
        assert db.count() == 0  # reading still works in WAL mode
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db.add_articles([(story(1), None)]).new  # usable again once the lock is gone
    db.close()


def test_locked_at_open_fails_within_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        with pytest.raises(StoreError, match="locked by another process"):
            NewsDB(path, timeout=0.2)
        assert time.monotonic() - start < 2
    finally:
        other.close()


def test_failure_mid_batch_writes_nothing(db: NewsDB, monkeypatch: pytest.MonkeyPatch) -> None:
    db.add_articles([(story(1), None)])
    real = retrieval.db.encode_article

    def encode(article: Article) -> bytes:
        if article.headline == "Story 3 headline":
            raise RuntimeError("disk on fire")
        return real(article)

    monkeypatch.setattr(retrieval.db, "encode_article", encode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        db.add_articles(
            [(story(2), None), (replace(story(1), headline="new"), None), (story(3), None)]
        )
    assert [a.id for a in db.articles()] == [story(1).id]
    assert db.last_seq() == 1
    assert not db.has_url("https://news.example/story-2")
    monkeypatch.setattr(retrieval.db, "encode_article", real)
    assert len(db.add_articles([(story(2), None), (story(3), None)]).new) == 2


def test_process_killed_mid_batch_leaves_committed_data(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    script = f"""
import os, sys
sys.path[:0] = [{str(Path(__file__).parent.parent)!r}, {str(Path(__file__).parent)!r}]
from pathlib import Path
import retrieval.db
from conftest import make_article
db = retrieval.db.NewsDB(Path({str(path)!r}))
first = make_article("Kept story", "It was committed.", url="https://x.example/kept")
db.add_articles([(first, None)])
real = retrieval.db.encode_article
def encode(article):
    if article.headline == "Third":
        os._exit(9)
    return real(article)
retrieval.db.encode_article = encode
db.add_articles([(make_article(h, "Body " + h + ".", url="https://x.example/" + h), None)
                 for h in ("Second", "Third")])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == 9, done.stderr.decode()
    with NewsDB(path) as db:
        assert [a.headline for a in db.articles()] == ["Kept story"]
        assert db.last_seq() == 1


def test_two_threads_share_one_store(db: NewsDB) -> None:
    def add(offset: int) -> None:
        for n in range(offset, offset + 20):
            db.add_articles([(story(n), None)])
            db.count()

    threads = [threading.Thread(target=add, args=(k * 100,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.count() == 40
    assert [c.seq for c in db.changes_since(0)] == list(range(1, 41))


words = st.sampled_from(["rain", "vote", "bank", "rates", "storm", "court", "goal", "city"])
items = st.lists(
    st.tuples(
        st.lists(words, min_size=1, max_size=12).map(" ".join),
        st.integers(0, 5),
        st.sampled_from([None, "g1", "g2"]),
    ),
    max_size=6,
)


@settings(max_examples=25, deadline=None)
@given(items)
def test_adding_a_batch_again_keeps_the_stored_set(
    batch: list[tuple[str, int, str | None]],
) -> None:
    pairs = [
        (make_article(f"Headline {u}", text, url=f"https://x.example/{u}"), guid)
        for text, u, guid in batch
    ]
    with tempfile.TemporaryDirectory() as folder, NewsDB(Path(folder) / "n.sqlite3") as db:
        first = db.add_articles(pairs, feed="f")
        count, stored = db.count(), list(db.articles())
        assert count == len(first.new) <= len(pairs)
        again = db.add_articles(pairs, feed="f")
        assert (again.new, again.grouped) == ((), 0)
        assert (db.count(), list(db.articles())) == (count, stored)
        keys = [c.key for c in db.changes_since(0)]
        assert len(keys) == len(set(keys)) == count


def test_a_store_opened_read_only_reads_its_articles_and_refuses_writes(tmp_path: Path) -> None:
    # for a data directory this process may not write (tests run as root, who may write
    # anywhere: the read-only modes are what is tested here; test_main runs the fallback)
    path = tmp_path / "news.sqlite3"
    with NewsDB(path) as store:
        store.add_articles([(story(1), None), (story(2), None)])
    for wal in path.parent.glob("news.sqlite3-*"):
        wal.unlink()  # closed cleanly: no WAL files, as in a folder left by another run

    reader = NewsDB.read_only(path)
    try:
        assert sorted(a.headline for a in reader.articles()) == [
            "Story 1 headline",
            "Story 2 headline",
        ]
        with pytest.raises(StoreError, match="cannot be read or written"):
            reader.add_articles([(story(3), None)])
    finally:
        reader.close()
    with NewsDB(path) as store:
        assert store.count() == 2  # the refused write left nothing


def test_a_store_of_another_schema_is_not_read_read_only(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsDB(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    with pytest.raises(StoreError, match="cannot be upgraded where it is"):
        NewsDB.read_only(path)


def test_a_version_6_store_is_read_read_only_without_its_id(tmp_path: Path) -> None:
    # version 7 only gave a store its id: a read-only data directory of the last version's
    # store had been refused whole ("cannot be upgraded where it is")
    path = tmp_path / "news.sqlite3"
    with NewsDB(path) as store:
        store.add_articles([(story(1), None)])
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE store")
    conn.execute("PRAGMA user_version = 6")
    conn.close()

    reader = NewsDB.read_only(path)
    try:
        assert [a.headline for a in reader.articles()] == ["Story 1 headline"]
        assert reader.store_id() == ""
    finally:
        reader.close()


def test_a_missing_store_is_not_made_by_a_read_only_open(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be read or written"):
        NewsDB.read_only(tmp_path / "news.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_where_the_store_should_be_is_named_so(tmp_path: Path) -> None:
    # it had been "cannot be read or written ... check the permissions"
    (tmp_path / "news.sqlite3").mkdir()
    with pytest.raises(StoreError, match="is a folder where the store's file should be"):
        NewsDB(tmp_path / "news.sqlite3")
