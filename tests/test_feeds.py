"""The feed fetcher against a real HTTP server on 127.0.0.1: what the operator sees per fault."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import feeds
from retrieval.articles import normalize_url, stable_id
from retrieval.feeds import DEFAULT_USER_AGENT, MAX_RETRY_AFTER, FeedResult, Fetcher
from retrieval.feedspec import (
    FeedError,
    FeedSpec,
    FeedState,
    check_url,
    feed_label,
    feed_labels,
    public_url,
)
from retrieval.loaders import load_file
from tests.feed_server import FeedServer, Reply, Request, atom, rss
from tests.feed_server import feed_server as feed_server  # the fixture

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
FULL_TEXT = (
    "A volcano on the Reykjanes peninsula erupted on Monday, sending lava towards Grindavik.",
    "Residents of the fishing town had been evacuated weeks before the eruption, officials said.",
    "The lava flow slowed overnight, but scientists warned that new fissures could open soon.",
)
SUMMARY = "<p>Volcano erupts in Iceland.</p><p>Lava flows toward a town.</p>"


def page(title: str, *paragraphs: str) -> bytes:
    """An article page as a news site would serve it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Test Wire</footer></body></html>"
    ).encode()


@pytest.fixture
def sleeps() -> list[float]:
    """The waits the fetcher asked for between retries (nothing really sleeps)."""
    return []


@pytest.fixture
def make_fetcher(sleeps: list[float]) -> Iterator[Callable[..., Fetcher]]:
    """Fetchers with short timeouts, no backoff, a fixed clock; closed after the test."""
    made: list[Fetcher] = []

    def make(**overrides: Any) -> Fetcher:
        options: dict[str, Any] = {
            "timeout": 2.0,
            "backoff": 0.0,
            "clock": lambda: NOW,
            "sleep": sleeps.append,
        }
        made.append(Fetcher(**(options | overrides)))
        return made[-1]

    yield make
    for fetcher in made:
        fetcher.close()


@pytest.fixture
def fetcher(make_fetcher: Callable[..., Fetcher]) -> Fetcher:
    """A Fetcher with the test settings."""
    return make_fetcher()


def fetch(fetcher: Fetcher, url: str, **kwargs: Any) -> FeedResult:
    """Fetch a feed by URL."""
    return fetcher.fetch(FeedSpec(url), **kwargs)


# ---------------------------------------------------------------------------------------------
# Feeds and pages that work


def test_rss_items_get_the_full_text_of_their_pages(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    link = feed_server.route("/news/volcano", page("Volcano erupts in Iceland", *FULL_TEXT))
    items = [
        {
            "title": "Volcano erupts in Iceland",
            "link": link,
            "guid": "urn:news:1",
            "description": SUMMARY,
            "pubDate": "Mon, 15 Jan 2024 10:00:00 GMT",
        }
    ]
    url = feed_server.route("/feed.xml", rss(items, title="Test Wire"))

    result = fetch(fetcher, url)

    assert (result.status, result.title, result.error, result.warnings) == (
        "ok",
        "Test Wire",
        None,
        (),
    )
    [item] = result.items
    article = item.article
    assert (item.guid, item.link, item.text_from) == ("urn:news:1", link, "page")
    assert article.headline == "Volcano erupts in Iceland"
    assert [p.text for p in article.paragraphs] == list(FULL_TEXT)
    assert article.id == stable_id(normalize_url(link))
    assert (article.source, article.url, article.origin) == ("Test Wire", link, link)
    assert article.published == date(2024, 1, 15)


def test_atom_entries_are_read_like_rss(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.route("/a", page("Central bank raises rates", *FULL_TEXT))
    entries = [
        {
            "title": "Central bank raises rates",
            "link": link,
            "guid": "tag:test,2024:1",
            "description": "<p>Rates up.</p>",
            "pubDate": "2024-03-01T08:30:00+01:00",
        }
    ]
    url = feed_server.route("/atom.xml", atom(entries, title="Atom Wire"))

    result = fetch(fetcher, url)

    assert (result.status, result.title) == ("ok", "Atom Wire")
    [item] = result.items
    assert (item.guid, item.text_from, item.article.source) == (
        "tag:test,2024:1",
        "page",
        "Atom Wire",
    )
    assert item.article.published == date(2024, 3, 1)
    assert item.article.paragraphs[0].text == FULL_TEXT[0]


def test_page_404_falls_back_to_the_summary_with_a_warning(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    gone = feed_server.url("/gone")
    url = feed_server.route(
        "/feed", rss([{"title": "Volcano", "link": gone, "description": SUMMARY}])
    )

    result = fetch(fetcher, url)

    [item] = result.items
    assert item.text_from == "feed"
    assert [p.text for p in item.article.paragraphs] == [
        "Volcano erupts in Iceland.",
        "Lava flows toward a town.",
    ]
    assert result.warnings == (
        f"item 1: page {gone} not used (HTTP 404 Not Found); used the feed's own text",
    )


def test_fallback_prefers_full_content_over_summary_and_drops_markup(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    content = (
        "<p>First <b>bold</b> paragraph &amp; more.</p><script>alert(1)</script>"
        "<ul><li>A point</li></ul>Line one<br>still one<br><br>Line two"
    )
    items = [
        {"title": "T", "link": feed_server.url("/gone"), "description": SUMMARY, "content": content}
    ]
    url = feed_server.route("/feed", rss(items))

    [item] = fetch(fetcher, url).items

    assert [p.text for p in item.article.paragraphs] == [
        "First bold paragraph & more.",
        "A point",
        "Line one still one",
        "Line two",
    ]


def test_page_with_less_text_than_the_feed_gives_way_to_the_feed(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    link = feed_server.route("/teaser", page("Volcano", "Lava flowed."))
    wall = feed_server.route("/wall", page("Volcano", "Subscribe to read the whole story."))
    content = "".join(f"<p>{p}</p>" for p in FULL_TEXT)
    items = [{"title": "Volcano", "link": there, "content": content} for there in (link, wall)]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert len(result.items) == 2
    for item in result.items:
        assert item.text_from == "feed"
        assert [p.text for p in item.article.paragraphs] == list(FULL_TEXT)
    assert result.warnings == (
        "2 item pages not used (its text is shorter than the feed's own: 1, a login or "
        "subscription wall, not the story: 1); their items keep the feed's own text (--debug "
        "names each page)",
    )


def test_pages_that_fail_give_one_warning_for_the_feed_counted_by_why(
    feed_server: FeedServer, fetcher: Fetcher, caplog: pytest.LogCaptureFixture
) -> None:
    # a site whose 100 pages were gone gave 100 WARNING lines a read
    gone = [feed_server.route(f"/gone{n}", b"gone", status=404) for n in range(5)]
    pdf = feed_server.route("/doc", b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
    items = [{"title": f"Story {n}", "link": link, "description": f"Text {n}."} for n, link in
             enumerate([*gone, pdf])]  # fmt: skip
    url = feed_server.route("/feed", rss(items))

    with caplog.at_level("DEBUG", logger="retrieval.feeds"):
        result = fetch(fetcher, url)

    assert [item.text_from for item in result.items] == ["feed"] * 6
    assert result.warnings == (
        "6 item pages not used (HTTP 404: 5, not an HTML page: 1); their items keep the feed's "
        "own text (--debug names each page)",
    )
    details = [
        r.getMessage() for r in caplog.records if "used the feed's own text" in r.getMessage()
    ]
    assert details[-1] == (
        f"feed {url}: item 6: page {pdf} not used (not an HTML page (application/pdf)); used "
        "the feed's own text"
    )
    assert {r.levelname for r in caplog.records if r.getMessage() in details} == {"DEBUG"}
    assert len(details) == 6


def test_fetch_pages_off_uses_the_feed_text_and_requests_no_page(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    link = feed_server.route("/a", page("Volcano", *FULL_TEXT))
    items = [
        {"title": "Volcano", "link": link, "description": SUMMARY},
        {"title": "Empty", "link": feed_server.url("/b")},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert [i.text_from for i in result.items] == ["feed"]
    assert result.skipped == (
        (feed_server.url("/b"), "no text in the feed (page fetching is off)"),
    )
    assert result.warnings == ()
    assert [r.path for r in feed_server.requests] == ["/feed"]


def test_many_pages_are_fetched_concurrently_and_kept_in_feed_order(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    items = []
    for n in range(12):
        body = page(f"Story {n}", f"Story {n}: {FULL_TEXT[0]}", *FULL_TEXT[1:])  # its own text
        link = feed_server.route(f"/p{n}", body, delay=0.2)
        items.append({"title": f"Story {n}", "link": link})
    url = feed_server.route("/feed", rss(items))

    started = time.monotonic()
    result = fetch(make_fetcher(page_workers=6), url)

    assert [i.article.headline for i in result.items] == [f"Story {n}" for n in range(12)]
    assert time.monotonic() - started < 12 * 0.2  # serial would take 2.4 s


def test_a_feed_whose_pages_stall_gives_way_when_its_time_budget_runs_out(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    stalled = []
    for n in range(12):  # every other item has a summary of its own to fall back on
        link = feed_server.route(f"/stall/{n}", page(f"Stalled {n}", *FULL_TEXT), delay=60)
        summary = SUMMARY if n % 2 == 0 else None
        stalled.append({"title": f"Stalled {n}", "link": link, "description": summary})
    slow = feed_server.route("/slow.xml", rss(stalled), headers={"ETag": '"v1"'})
    fine = feed_server.route(
        "/fine.xml",
        rss([{"title": "Volcano", "link": feed_server.route("/fine", page("V", *FULL_TEXT))}]),
    )
    fetcher = make_fetcher(timeout=2.0, page_workers=2, feed_budget=1.0)

    started = time.monotonic()
    result = fetch(fetcher, slow)
    took = time.monotonic() - started
    other = fetch(fetcher, fine)

    assert took < 5  # without the budget: 12 pages x 3 tries x 2 s over 2 threads, 36 s
    assert [i.article.headline for i in result.items] == [f"Stalled {n}" for n in range(0, 12, 2)]
    assert {i.text_from for i in result.items} == {"feed"}
    assert result.skipped == ()
    assert result.warnings == (
        "the feed's time budget of 1 s ran out: 12 pages not fetched; 6 items used the feed's "
        "own text; 6 items without text of their own left for the next read",
    )
    assert result.state == FeedState()  # no ETag: the next read gets the whole feed again
    # only the two pages under way were requested, once each; the rest never started
    assert len([r for r in feed_server.requests if r.path.startswith("/stall/")]) == 2
    [item] = other.items
    assert (item.text_from, other.warnings) == ("page", ())


def test_a_feed_that_runs_out_of_time_with_text_for_every_item_keeps_its_etag(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    link = feed_server.route("/stall", page("Volcano", *FULL_TEXT), delay=60)
    items = [{"title": "Volcano", "link": link, "description": SUMMARY}]
    url = feed_server.route("/feed.xml", rss(items), headers={"ETag": '"v1"'})

    result = fetch(make_fetcher(feed_budget=0.5), url)

    [item] = result.items
    assert item.text_from == "feed"
    assert result.warnings == (
        "the feed's time budget of 0.5 s ran out: 1 page not fetched; 1 item used the feed's "
        "own text",
    )
    assert result.state.etag == '"v1"'  # nothing was left out, as with a page that failed


@pytest.mark.parametrize("status", [404, 503])
def test_a_title_only_item_whose_page_may_come_later_drops_the_feeds_etag(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], status: int
) -> None:
    # the item was skipped and the ETag kept: the next read got a 304, and the story was
    # never read until the feed changed (lost, if the feed dropped it first)
    live = []  # the page is live once the first read is over

    def story(request: Request) -> Reply:
        return Reply(page("Volcano", *FULL_TEXT)) if live else Reply(status=status)

    link = feed_server.handle("/volcano", story)
    body = rss([{"title": "Volcano", "link": link}])

    def feed(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'})
        return Reply(body, headers={"ETag": '"v1"'})

    url = feed_server.handle("/feed.xml", feed)
    fetcher = make_fetcher(timeout=2.0)

    first = fetch(fetcher, url)
    live.append(True)
    second = fetch(fetcher, url, state=first.state)

    assert (first.items, first.state) == ((), FeedState())
    [(_, skip)] = first.skipped
    assert skip.startswith("no text: page not used")
    assert second.status == "ok"
    assert [i.article.headline for i in second.items] == ["Volcano"]
    assert second.state.etag == '"v1"'


def test_ctrl_c_while_pages_stall_stops_the_fetcher_without_waiting_for_them(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # `newsbot ingest` went on for up to a minute after Ctrl-C: closing waited for the page
    # threads, each blocked on a server that sends nothing (here the reading thread stands
    # for the main thread that Ctrl-C interrupts)
    links = [
        feed_server.route(f"/stall/{n}", page("Volcano", *FULL_TEXT), delay=60) for n in (1, 2)
    ]
    items = [
        {"title": f"Volcano {n}", "link": link, "description": SUMMARY}
        for n, link in enumerate(links)
    ]
    url = feed_server.route("/feed.xml", rss(items))
    fetcher = make_fetcher(timeout=6.0, feed_budget=60.0)
    reading = threading.Thread(target=lambda: fetch(fetcher, url), daemon=True)
    reading.start()
    while len([r for r in feed_server.requests if r.path.startswith("/stall/")]) < 2:
        time.sleep(0.01)

    fetcher.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)

    # it returned while the stalled downloads still run (for up to the 6 s timeout here):
    # it did not wait for them (the process then leaves: bot._start)
    assert reading.is_alive()


def test_a_feed_document_that_stalls_fails_when_the_time_budget_runs_out(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    url = feed_server.route("/feed.xml", rss([]), delay=60)

    started = time.monotonic()
    result = fetch(make_fetcher(timeout=2.0, feed_budget=0.5), url)

    assert time.monotonic() - started < 1.9  # one read's timeout is 2 s, three tries 6 s
    assert (result.status, result.error) == (
        "failed",
        "cut off: the feed's time budget of 0.5 s ran out",
    )


def test_the_time_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="feed_budget"):
        Fetcher(feed_budget=0)


# ---------------------------------------------------------------------------------------------
# HTTP behaviour


def test_a_304_to_a_read_that_named_no_earlier_one_is_a_failed_read(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # "unchanged since the last read" had been said of a feed never read, nothing stored
    url = feed_server.route("/feed", status=304)

    result = fetch(fetcher, url)

    assert result.status == "failed"
    assert result.error == (
        "the server answered 304 Not Modified to a request that named no earlier read (a "
        "caching proxy or server fault)"
    )


def test_second_fetch_is_conditional_and_304_means_not_modified(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    body = rss([{"title": "Volcano", "link": feed_server.route("/a", page("V", *FULL_TEXT))}])
    modified = "Sat, 01 Jun 2024 10:00:00 GMT"

    def answer(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'})
        return Reply(body, headers={"ETag": '"v1"', "Last-Modified": modified})

    url = feed_server.handle("/feed", answer)

    first = fetch(fetcher, url)
    second = fetch(fetcher, url, state=first.state)

    assert first.status == "ok"
    assert first.state == FeedState('"v1"', modified)
    assert (second.status, second.items, second.state) == ("not_modified", (), first.state)
    first_get, second_get = feed_server.requests_to("/feed")
    assert first_get.header("If-None-Match") is None
    assert first_get.header("If-Modified-Since") is None
    assert second_get.header("If-None-Match") == '"v1"'
    assert second_get.header("If-Modified-Since") == modified
    assert len(feed_server.requests_to("/a")) == 1  # the page is not fetched again


def test_user_agent_is_sent_for_feeds_and_pages(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.route("/a", page("Volcano", *FULL_TEXT))
    url = feed_server.route("/feed", atom([{"title": "Volcano", "link": link}]))

    fetch(fetcher, url)

    assert [r.path for r in feed_server.requests] == ["/feed", "/a"]
    assert {r.header("User-Agent") for r in feed_server.requests} == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT == "Newsbot/0.1 (+news question-answering bot; feed reader)"


def test_feed_404_fails_at_once_without_retrying(
    feed_server: FeedServer, fetcher: Fetcher, sleeps: list[float]
) -> None:
    result = fetch(fetcher, feed_server.url("/nothing-here"), state=FeedState("old", None))

    assert result.status == "failed"
    assert result.error == "HTTP 404 Not Found: check the feed URL"
    assert result.state == FeedState("old", None)  # a failure keeps what was remembered
    assert len(feed_server.requests) == 1
    assert sleeps == []


def test_feed_500_is_retried_with_exponential_backoff_then_fails(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], sleeps: list[float]
) -> None:
    url = feed_server.route("/feed", b"oops", status=500)

    result = fetch(make_fetcher(retries=2, backoff=0.5), url)

    assert result.status == "failed"
    assert result.error == "HTTP 500 Internal Server Error (tried 3 times)"
    assert len(feed_server.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_a_server_error_then_success_recovers(feed_server: FeedServer, fetcher: Fetcher) -> None:
    body = rss([{"title": "Volcano", "description": SUMMARY}])
    calls = iter([Reply(status=503), Reply(body)])
    url = feed_server.handle("/feed", lambda _request: next(calls))

    result = fetch(fetcher, url)

    assert (result.status, len(result.items)) == ("ok", 1)


@pytest.mark.parametrize(
    ("retry_after", "wait"),
    [
        ("2", 2.0),
        (str(MAX_RETRY_AFTER), MAX_RETRY_AFTER),
        ("soon", 0.25),
        ("Sat, 01 Jun 2024 12:00:03 GMT", 3.0),  # NOW + 3 s, as an HTTP date
        ("Sat, 01 Jun 2024 11:00:00 GMT", 0.0),  # a date already past
    ],
)
def test_429_waits_as_the_server_asks_within_a_cap(
    feed_server: FeedServer,
    make_fetcher: Callable[..., Fetcher],
    sleeps: list[float],
    retry_after: str,
    wait: float,
) -> None:
    body = rss([{"title": "Volcano", "description": SUMMARY}])
    calls = iter([Reply(status=429, headers={"Retry-After": retry_after}), Reply(body)])
    url = feed_server.handle("/feed", lambda _request: next(calls))

    result = fetch(make_fetcher(backoff=0.25), url)

    assert result.status == "ok"
    assert sleeps == [wait]


@pytest.mark.parametrize(
    ("retry_after", "asked"),
    [("3600", "60 minutes"), ("Sat, 01 Jun 2024 14:00:00 GMT", "2 hours"), ("6", "6 seconds")],
)
def test_a_server_that_asks_for_a_long_wait_is_not_asked_again_in_this_read(
    feed_server: FeedServer,
    make_fetcher: Callable[..., Fetcher],
    sleeps: list[float],
    retry_after: str,
    asked: str,
) -> None:
    # an hour was cut to 5 s and the server asked twice more; a date was not read at all
    url = feed_server.route("/feed", b"", status=429, headers={"Retry-After": retry_after})

    result = fetch(make_fetcher(retries=2), url)

    assert (result.status, result.error) == ("failed", f"the server asked to wait {asked} (429)")
    assert len(feed_server.requests) == 1
    assert sleeps == []


def test_a_page_whose_server_asks_for_a_long_wait_is_tried_at_the_next_read(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], sleeps: list[float]
) -> None:
    link = feed_server.route("/busy", b"", status=503, headers={"Retry-After": "600"})
    url = feed_server.route(
        "/feed", rss([{"title": "Volcano", "link": link, "description": SUMMARY}])
    )

    [item] = fetch(make_fetcher(retries=2), url).items

    assert (item.text_from, item.page_failed, sleeps) == ("feed", True, [])
    assert len(feed_server.requests_to("/busy")) == 1


def test_a_server_that_does_not_answer_fails_quickly(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    url = feed_server.route("/slow", rss([]), delay=10)

    started = time.monotonic()
    result = fetch(make_fetcher(timeout=0.2, retries=1), url)

    assert time.monotonic() - started < 2
    assert result.status == "failed"
    assert result.error == "timed out (no answer after 0.2 s) (tried 2 times)"


def test_a_closed_port_fails_with_the_connection_error(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    result = fetch(fetcher, f"http://127.0.0.1:{port}/feed")

    assert result.status == "failed"
    assert result.error is not None
    assert result.error.startswith("connection failed (")
    assert result.error.endswith("(tried 3 times)")


def test_redirects_are_followed_and_relative_links_resolved(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/news/a", page("Volcano", *FULL_TEXT))
    feed_server.route("/news/feed.xml", rss([{"title": "Volcano", "link": "a"}]))
    url = feed_server.redirect("/old-feed", "/news/feed.xml", status=301)

    result = fetch(fetcher, url)

    assert result.status == "ok"
    assert result.items[0].link == feed_server.url("/news/a")
    assert result.items[0].text_from == "page"


def test_a_redirect_loop_fails(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.redirect("/a", "/b")
    url = feed_server.redirect("/b", "/a")

    result = fetch(fetcher, url)

    assert result.status == "failed"
    assert result.error == "more than 5 redirects (a redirect loop?)"
    assert len(feed_server.requests) == 6


def test_a_redirect_to_a_local_file_fails(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.redirect("/feed", "file:///etc/passwd")

    result = fetch(fetcher, url)

    assert result.status == "failed"
    assert result.error is not None
    assert result.error.startswith("redirected to a URL that is not http(s)")


@pytest.mark.parametrize("location", ["javascript:alert(1)", "mailto:desk@example.org"])
def test_a_redirect_to_a_javascript_url_says_so(
    feed_server: FeedServer, fetcher: Fetcher, location: str
) -> None:
    # it read "InvalidURL: For absolute URLs, path must be empty or begin with '/'"
    url = feed_server.redirect("/feed", location)
    page = feed_server.redirect("/page", location)
    items = [{"title": "Story", "link": page, "description": "The story's own text."}]
    other = feed_server.route("/other", rss(items))

    result = fetch(fetcher, url)
    [warning] = fetch(fetcher, other).warnings

    scheme = location.split(":")[0]
    said = f"redirected to a {scheme}: URL ({location}); only http and https are followed"
    assert result.error == said
    assert f"not used ({said})" in warning


# ---------------------------------------------------------------------------------------------
# Documents that are not (whole) feeds


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (
            page("Home", "Welcome to our site, read the news."),
            "text/html; charset=utf-8",
            "not an RSS or Atom feed (the server sent an HTML page (text/html); "
            "is the URL a web page, not its feed?)",
        ),
        (
            b"\x01\x02garbage\x03" * 500,
            "application/octet-stream",
            "not an RSS or Atom feed (not XML: not well-formed (invalid token))",
        ),
        (
            b"<?xml version='1.0'?><catalog><book>Dune</book></catalog>",
            "application/xml",
            "not an RSS or Atom feed (XML without RSS or Atom elements (application/xml))",
        ),
        (b"", "application/rss+xml", "empty response: the server sent no feed"),
        (b"  \n", "application/rss+xml", "empty response: the server sent no feed"),
    ],
    ids=["html", "garbage", "other-xml", "empty", "blank"],
)
def test_documents_that_are_not_feeds_fail_with_the_reason(
    feed_server: FeedServer, fetcher: Fetcher, body: bytes, content_type: str, error: str
) -> None:
    url = feed_server.route("/feed", body, headers={"Content-Type": content_type})

    result = fetch(fetcher, url)

    assert (result.status, result.error, result.items) == ("failed", error, ())


def test_a_truncated_feed_keeps_its_complete_items(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    items = [
        {"title": f"Story {n}", "description": f"<p>Text of story {n}.</p>"} for n in (1, 2, 3)
    ]
    whole = rss(items)
    cut = whole[: whole.index(b"Text of story 3") + 6]
    url = feed_server.route("/feed", cut, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert result.status == "ok"
    assert [i.article.headline for i in result.items] == ["Story 1", "Story 2"]
    assert result.warnings == (
        "the feed XML is cut off or malformed (no element found); "
        "kept the 2 complete items, dropped 1",
    )


def test_character_references_to_no_character_do_not_lose_the_feed(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # &#xD800; (a surrogate) and &#1114112; (past U+10FFFF) make feedparser raise; &#233; is é
    items = [
        {"title": "Caf\u00e9 SURROGATE one", "description": "<p>Text of story one.</p>"},
        {"title": "Story two", "description": "<p>Text BEYOND of story two.</p>"},
    ]
    body = rss(items).replace(b"SURROGATE", b"&amp;#xD800;").replace(b"BEYOND", b"&amp;#1114112;")
    body = body.replace("\u00e9".encode(), b"&#233;").replace(b"&amp;#", b"&#")
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert result.status == "ok"
    headlines = [i.article.headline for i in result.items]
    assert headlines == ["Caf\u00e9 \ufffd one", "Story two"]
    assert result.items[1].article.paragraphs[0].text == "Text \ufffd of story two."


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/html"])
def test_an_html_page_is_told_from_its_body_and_the_feed_it_names_is_said(
    feed_server: FeedServer, fetcher: Fetcher, content_type: str
) -> None:
    # served as application/rss+xml it was only "not XML: syntax error", and neither way
    # was the feed the page names said
    head = '<link rel="alternate" type="application/rss+xml" title="News" href="/news/rss">'
    body = page("Home", "Welcome to our site.").replace(b"<title>", head.encode() + b"<title>")
    url = feed_server.route("/site", body, headers={"Content-Type": content_type})

    result = fetch(fetcher, url)

    shown = "text/html" if content_type == "text/html" else f"as {content_type}"
    assert (result.status, result.error) == (
        "failed",
        f"not an RSS or Atom feed (the server sent an HTML page ({shown}); is the URL a web "
        f"page, not its feed? The page names its feed: {feed_server.url('/news/rss')})",
    )


def test_a_gzip_file_or_a_wrong_content_encoding_is_said_so(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # "DecodingError: Error -3 while decompressing data" and "not XML: not well-formed"
    doc = rss([{"title": "Story", "description": "Text"}])
    plain = feed_server.route("/fake", doc, headers={"Content-Encoding": "gzip"})
    packed = feed_server.route("/feed.xml.gz", gzip.compress(doc))

    lying, zipped = fetch(fetcher, plain), fetch(fetcher, packed)

    assert lying.status == zipped.status == "failed"
    assert lying.error is not None
    assert lying.error.startswith("the server's compressed answer could not be read (")
    assert lying.error.endswith("its Content-Encoding header may be wrong")
    assert zipped.error == (
        "not an RSS or Atom feed (the server sent a gzip file, not the feed itself; name the "
        "feed's own URL)"
    )


def test_a_feed_cut_off_before_its_items_fails(feed_server: FeedServer, fetcher: Fetcher) -> None:
    whole = rss([{"title": "Story", "description": "Text"}], title=None)
    url = feed_server.route("/feed", whole[:150], headers={"Content-Type": "application/rss+xml"})

    result = fetch(fetcher, url)

    assert result.status == "failed"
    assert result.error is not None
    assert result.error.startswith("the feed XML is cut off or malformed (")


def test_a_valid_feed_without_items_is_ok_and_empty(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    result = fetch(fetcher, feed_server.route("/feed", rss([], title="Quiet Wire")))

    assert (result.status, result.title, result.items, result.error) == (
        "ok",
        "Quiet Wire",
        (),
        None,
    )


def test_a_feed_body_naming_a_local_file_is_not_opened(
    feed_server: FeedServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    local = tmp_path / "secret.xml"
    local.write_bytes(rss([{"title": "Local secret", "description": "Do not leak"}]))
    url = feed_server.route("/feed", str(local).encode(), headers={"Content-Type": "text/xml"})

    result = fetch(fetcher, url)

    assert result.status == "failed"
    assert result.error is not None
    assert result.error.startswith("not an RSS or Atom feed")


# ---------------------------------------------------------------------------------------------
# Size limits


def test_a_10000_item_feed_gives_the_first_max_items_quickly(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    items = (
        {"title": f"Story {n}", "link": feed_server.url(f"/s/{n}"), "description": f"Text {n}"}
        for n in range(10_000)
    )
    url = feed_server.route("/feed", rss(items))

    started = time.monotonic()
    result = fetch(make_fetcher(fetch_pages=False, max_items=200), url)

    assert time.monotonic() - started < 3
    assert [i.article.headline for i in result.items] == [f"Story {n}" for n in range(200)]
    assert result.warnings == ("the feed has 10,000 items; only the first 200 were read",)


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
def test_a_feed_listed_oldest_first_gives_its_newest_max_items(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], make: Any
) -> None:
    # a feed in ascending date order had kept its oldest items, and never read its news
    start = datetime(2024, 5, 20, 8, tzinfo=UTC)
    items = [
        {
            "title": f"Story {n}",
            "link": feed_server.url(f"/s/{n}"),
            "description": f"Text {n}",
            "pubDate": start + timedelta(hours=n),
        }
        for n in range(6)
    ]
    url = feed_server.route("/feed", make(items))

    result = fetch(make_fetcher(fetch_pages=False, max_items=3), url)

    assert [i.article.headline for i in result.items] == ["Story 3", "Story 4", "Story 5"]
    assert result.warnings == ("the feed has 6 items, oldest first; only the newest 3 were read",)


def test_a_long_feed_chooses_its_newest_by_published_over_updated(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # WordPress's Atom writes <updated> before <published>: the first date tag had chosen,
    # so two old posts edited today were kept over the two newest stories
    start = datetime(2024, 7, 3, 12, tzinfo=UTC)
    entries = []
    for n in range(6):  # newest first: Post 0 is the newest
        published = start - timedelta(days=n)
        updated = start + timedelta(hours=1) if n >= 4 else published
        entries.append(
            f"<entry><title>Post {n}</title><link href='{feed_server.url(f'/p/{n}')}'/>"
            f"<id>p{n}</id><updated>{updated.isoformat()}</updated>"
            f"<published>{published.isoformat()}</published><summary>Text {n}</summary></entry>"
        )
    body = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>'
        f"<id>blog</id>{''.join(entries)}</feed>"
    ).encode()
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/atom+xml"})

    result = fetch(make_fetcher(fetch_pages=False, max_items=4), url)

    assert [i.article.headline for i in result.items] == [f"Post {n}" for n in range(4)]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_a_feed_over_max_bytes_is_cut_there_and_its_first_items_read(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], declared: bool
) -> None:
    # a long podcast feed over the limit gave nothing at all, on every read, for good
    body = rss([{"title": f"Story {n}", "description": "x" * 500} for n in range(100)])
    served = body if declared else lambda: iter([body])
    url = feed_server.route("/feed", served, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(max_bytes=10_000, fetch_pages=False), url)

    kept = len(result.items)
    assert (result.status, result.error) == ("ok", None)
    assert 10 < kept < 20  # the items that arrived whole, of ~530 bytes each
    assert [item.article.headline for item in result.items] == [f"Story {n}" for n in range(kept)]
    assert result.warnings == (
        "the feed is larger than 10,000 bytes (news.max_page_bytes): read its first 10 KB and "
        f"kept its {kept} items that arrived whole (its newest only if it lists the newest "
        "first)",
    )


SHUFFLED = [(n * 17) % 40 for n in range(40)]  # 0, 17, 34, 11, ...: every hour once
ORDERS = {
    "newest first": list(range(39, -1, -1)),
    "oldest first": list(range(40)),
    "shuffled": SHUFFLED,
}


def dated_items(hours: list[int], text: str = "x") -> list[dict[str, Any]]:
    """Items "Story H" published H hours after 1 May 2024 08:00 UTC, in the order given."""
    start = datetime(2024, 5, 1, 8, tzinfo=UTC)
    return [
        {"title": f"Story {h}", "description": text, "pubDate": start + timedelta(hours=h)}
        for h in hours
    ]


def newest_in_order(hours: list[int], kept: int) -> list[str]:
    """The headlines of the `kept` newest of `hours`, in the feed's order."""
    newest = set(sorted(hours, reverse=True)[:kept])
    return [f"Story {h}" for h in hours if h in newest]


@pytest.mark.parametrize("order", ORDERS)
def test_a_feed_over_max_items_keeps_its_newest_by_date_in_any_order(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], order: str
) -> None:
    # a feed that listed its items in no order kept its first or its last ones, as its first
    # and last items' dates told, not its newest
    hours = ORDERS[order]
    url = feed_server.route("/feed", rss(dated_items(hours)))

    result = fetch(make_fetcher(max_items=5, fetch_pages=False), url)

    assert [i.article.headline for i in result.items] == newest_in_order(hours, 5)
    listed = ", oldest first" if order == "oldest first" else ""
    assert result.warnings == (f"the feed has 40 items{listed}; only the newest 5 were read",)


@pytest.mark.parametrize("order", ORDERS)
def test_a_feed_over_max_bytes_keeps_the_newest_items_that_arrived_and_says_so(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], order: str
) -> None:
    # an oldest-first feed cut at max_page_bytes kept the last max_items of the items that
    # arrived, and the warning said "only its first 5 items were read"
    hours = ORDERS[order]
    body = rss(dated_items(hours, "x" * 200))
    arrived = hours[: body[:10_000].count(b"</item>")]
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(max_bytes=10_000, max_items=5, fetch_pages=False), url)

    assert 5 < len(arrived) < 40
    assert [i.article.headline for i in result.items] == newest_in_order(arrived, 5)
    past = {
        "oldest first": " (it lists its oldest first: its newest items lie past the cut)",
        "shuffled": " (it lists its items in no order: newer ones may lie past the cut)",
        "newest first": "",
    }
    assert result.warnings == (
        "the feed is larger than 10,000 bytes (news.max_page_bytes): read its first 10 KB and "
        f"kept the 5 newest of its {len(arrived)} items that arrived whole" + past[order],
    )


def test_a_feed_mostly_dated_keeps_its_newest_despite_an_undated_item_and_a_slip(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # one undated item turned choosing by date off, and one pair out of order made an
    # oldest-first feed one "in no order": its 5 oldest were kept, not its newest
    hours = list(range(30))
    hours[10], hours[11] = 11, 10
    items = dated_items(hours)
    items[3]["pubDate"] = None
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(max_items=5, fetch_pages=False), url)

    assert [i.article.headline for i in result.items] == [f"Story {h}" for h in range(25, 30)]
    assert result.warnings == ("the feed has 30 items, oldest first; only the newest 5 were read",)


@pytest.mark.parametrize("order", ["newest first", "oldest first"])
def test_an_undated_item_among_the_newest_is_kept_in_its_place(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], order: str
) -> None:
    # placed by its neighbours: between the newest and the next, it is among the 3 newest
    hours = list(range(39, -1, -1)) if order == "newest first" else list(range(40))
    items = dated_items(hours)
    undated = 1 if order == "newest first" else 38
    items[undated]["pubDate"] = None
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(max_items=3, fetch_pages=False), url)

    kept = [i.article.headline for i in result.items]
    expected = ["Story 39", "Story 38", "Story 37"]
    assert kept == (expected if order == "newest first" else expected[::-1])
    assert result.items[1].article.published is None  # Story 38, the undated one


def test_items_of_one_time_in_an_oldest_first_feed_keep_the_later_listed(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # a tie was broken as in a newest-first feed: the first listed kept, the last dropped
    day = datetime(2024, 7, 1, 10, tzinfo=UTC)
    stamps = [day, *[day + timedelta(days=1)] * 3]
    items = [
        {"title": title, "description": "x", "pubDate": when}
        for title, when in zip("ABCD", stamps, strict=True)
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(max_items=2, fetch_pages=False), url)

    assert [i.article.headline for i in result.items] == ["C", "D"]


def test_an_undated_feed_over_max_bytes_keeps_its_first_items_and_says_so(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    body = rss([{"title": f"Story {n}", "description": "x" * 200} for n in range(40)])
    arrived = body[:10_000].count(b"</item>")
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(max_bytes=10_000, max_items=5, fetch_pages=False), url)

    assert [i.article.headline for i in result.items] == [f"Story {n}" for n in range(5)]
    assert result.warnings == (
        "the feed is larger than 10,000 bytes (news.max_page_bytes): read its first 10 KB and "
        f"kept the first 5 of its {arrived} items that arrived whole (its newest only if it "
        "lists the newest first)",
    )


def test_a_feed_cut_at_max_bytes_keeps_no_validators(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # its ETag had been kept: the next read was a 304, and the items past the cut were never
    # read while the feed stayed the same, even after news.max_page_bytes was raised
    body = rss([{"title": f"Story {n}", "description": "x" * 500} for n in range(10)])
    headers = {"Content-Type": "application/rss+xml", "ETag": '"v1"', "Last-Modified": "x"}
    url = feed_server.route("/feed", body, headers=headers)

    cut = fetch(make_fetcher(max_bytes=2_000, fetch_pages=False), url)
    whole = fetch(make_fetcher(fetch_pages=False), url)

    assert (cut.status, len(cut.items), cut.state) == ("ok", 3, FeedState())
    assert (whole.status, len(whole.items), whole.state) == ("ok", 10, FeedState('"v1"', "x"))


def test_a_feed_cut_after_one_item_says_it_in_the_singular(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # "only its first 1 item were read"
    body = rss([{"title": f"Story {n}", "description": "x" * 500} for n in range(3)])
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(max_bytes=1_000, fetch_pages=False), url)

    assert len(result.items) == 1
    assert result.warnings == (
        "the feed is larger than 1,000 bytes (news.max_page_bytes): read its first 1 KB and "
        "kept its 1 item that arrived whole (its newest only if it lists the newest first)",
    )


@pytest.mark.parametrize("dates", ["one", "same"])
def test_a_feed_cut_where_its_dates_show_no_order_says_its_newest_only_if_newest_first(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], dates: str
) -> None:
    # one dated item that arrived whole, or all of one time, shows no order; the note had
    # said "it lists its items in no order"
    when = datetime(2024, 7, 3, 10, tzinfo=UTC)
    items = [
        {
            "title": f"Story {n}",
            "description": "x" * 500,
            "pubDate": when if dates == "same" else when - timedelta(hours=n),
        }
        for n in range(30)
    ]
    body = rss(items)
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})
    limit = 1_000 if dates == "one" else 10_000

    result = fetch(make_fetcher(max_bytes=limit, fetch_pages=False), url)

    warning = result.warnings[0]
    assert "no order" not in warning
    assert warning.endswith("that arrived whole (its newest only if it lists the newest first)")


def test_a_long_feeds_notes_count_with_thousands_separators(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # "the feed has 1200 items"
    body = rss([{"title": f"Story {n}", "description": "Text."} for n in range(1_200)])
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})
    cut = feed_server.route("/cut", body, headers={"Content-Type": "application/rss+xml"})

    listed = fetch(make_fetcher(fetch_pages=False, max_items=1_100), url)
    cut_short = fetch(
        make_fetcher(fetch_pages=False, max_items=1_100, max_bytes=len(body) - 10), cut
    )

    assert listed.warnings == ("the feed has 1,200 items; only the first 1,100 were read",)
    assert "kept the first 1,100 of its 1,200 items that arrived whole" in cut_short.warnings[0]


@pytest.mark.parametrize("limit", [10, 300])
def test_a_feed_cut_before_its_first_whole_item_fails_naming_max_page_bytes(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], limit: int
) -> None:
    # at 300 bytes (the channel's title arrived) it was a read of "its first 0 items", a
    # success; at 10 bytes it failed as "not an RSS or Atom feed (not XML: unclosed token)"
    body = rss([{"title": f"Story {n}", "description": "x" * 500} for n in range(3)])
    url = feed_server.route("/feed", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(make_fetcher(max_bytes=limit, fetch_pages=False), url)

    assert (result.status, result.items) == ("failed", ())
    assert result.error == (
        f"the feed is larger than {limit} bytes (news.max_page_bytes = {limit}); no item "
        "arrived whole before the cut: raise news.max_page_bytes to read it"
    )


def test_a_json_feed_over_max_bytes_gives_the_items_that_arrived_whole(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # it had failed whole, as "the server sent JSON (application/feed+json) that is no JSON
    # Feed", where the same items as RSS gave their first ones
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Coast Post",
        "items": [
            {"id": f"urn:coast:{n}", "title": f"Story {n}", "content_text": "x" * 500}
            for n in range(10)
        ],
    }
    url = feed_server.route(
        "/feed.json", json.dumps(doc).encode(), headers={"Content-Type": "application/feed+json"}
    )

    result = fetch(make_fetcher(max_bytes=2_000, fetch_pages=False), url)

    assert (result.status, result.title) == ("ok", "Coast Post")
    assert [i.article.headline for i in result.items] == ["Story 0", "Story 1", "Story 2"]
    assert result.warnings[0].startswith(
        "the feed is larger than 2,000 bytes (news.max_page_bytes): read its first 2 KB and "
        "kept its 3 items that arrived whole"
    )
    assert result.state == FeedState()


def test_a_json_feed_cut_anywhere_keeps_only_items_that_arrived_whole() -> None:
    items = [{"id": n, "title": f"Caf\u00e9 {n}", "tags": [1, {"a": "]"}]} for n in range(3)]
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": items, "n": 12345}
    body = json.dumps(doc, ensure_ascii=False, indent=1).encode()

    for end in range(1, len(body)):
        head = feeds._head_of_cut_json(body[:end])
        assert head is not None
        kept = head.get("items", [])
        assert kept == items[: len(kept)]
        assert head.get("n") in (None, 12345)  # "n": 123, 12345 cut short, is not taken
    assert feeds._head_of_cut_json(body) == doc


def test_a_json_feed_cut_before_its_first_whole_item_fails_naming_max_page_bytes(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "1", "title": "Story", "content_text": "x" * 500}],
    }
    url = feed_server.route(
        "/feed.json", json.dumps(doc).encode(), headers={"Content-Type": "application/feed+json"}
    )

    result = fetch(make_fetcher(max_bytes=100, fetch_pages=False), url)

    assert (result.status, result.error) == (
        "failed",
        "the feed is larger than 100 bytes (news.max_page_bytes = 100); no item arrived whole "
        "before the cut: raise news.max_page_bytes to read it",
    )


def test_a_50_mb_page_is_abandoned_in_bounded_memory(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    chunk = b"<p>" + b"lava " * 13_106 + b"</p>\n"  # 64 KiB, sent 800 times: 50 MiB
    served: list[int] = []
    finished = threading.Event()

    def huge_page() -> Iterator[bytes]:
        try:
            yield b"<html><body>"
            for n in range(800):
                served.append(n)
                yield chunk
        finally:
            finished.set()

    link = feed_server.route("/huge", huge_page, headers={"Content-Type": "text/html"})
    url = feed_server.route("/feed", rss([{"title": "Huge", "link": link, "description": SUMMARY}]))
    fetcher = make_fetcher(max_bytes=1_000_000)

    tracemalloc.start()
    try:
        result = fetch(fetcher, url)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    [item] = result.items
    assert item.text_from == "feed"
    assert result.warnings == (
        f"item 1: page {link} not used (the page is larger than 1,000,000 bytes "
        "(news.max_page_bytes)); used the feed's own text",
    )
    assert peak < 8_000_000
    assert finished.wait(5)
    assert len(served) * len(chunk) < 25_000_000  # the server was cut off, far short of 50 MB


def test_a_page_declaring_a_huge_length_is_not_downloaded(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    link = feed_server.route(
        "/big",
        lambda: iter([b"<html>"] * 1000),
        headers={"Content-Type": "text/html", "Content-Length": "50000000"},
    )
    url = feed_server.route("/feed", rss([{"title": "Big", "link": link, "description": SUMMARY}]))

    result = fetch(make_fetcher(max_bytes=1_000_000), url)

    assert result.items[0].text_from == "feed"
    assert (
        "larger than 1,000,000 bytes (news.max_page_bytes): it declares 50,000,000"
        in result.warnings[0]
    )


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png")],
)
def test_a_page_that_is_not_html_falls_back(
    feed_server: FeedServer, fetcher: Fetcher, body: bytes, content_type: str
) -> None:
    link = feed_server.route("/doc", body, headers={"Content-Type": content_type})
    url = feed_server.route("/feed", rss([{"title": "Doc", "link": link, "description": SUMMARY}]))

    result = fetch(fetcher, url)

    assert result.items[0].text_from == "feed"
    assert result.warnings == (
        f"item 1: page {link} not used (not an HTML page ({content_type})); "
        "used the feed's own text",
    )


def test_a_page_without_article_text_falls_back(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.route("/blank", b"<html><head></head><body></body></html>")
    url = feed_server.route(
        "/feed", rss([{"title": "Blank", "link": link, "description": SUMMARY}])
    )

    result = fetch(fetcher, url)

    assert result.items[0].text_from == "feed"
    assert "not used (no article text (" in result.warnings[0]


@pytest.mark.parametrize("content_type", ["text/html; charset=iso-8859-1", "text/html"])
def test_a_page_in_latin_1_is_decoded(
    feed_server: FeedServer, fetcher: Fetcher, content_type: str
) -> None:
    cafe = "The café on the corner reopened on Monday after repairs to its façade."
    body = page("Café culture", cafe, *FULL_TEXT)
    link = feed_server.route(
        "/cafe",
        body.replace(b"utf-8", b"iso-8859-1").decode().encode("latin-1"),
        headers={"Content-Type": content_type},
    )
    url = feed_server.route("/feed", rss([{"title": "Café culture", "link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.article.paragraphs[0].text == cafe


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=ISO-8859-1",
        "text/html; charset=latin1",
        'text/html; charset="us-ascii"',
    ],
)
def test_a_page_said_to_be_latin_1_is_read_as_windows_1252_as_browsers_read_it(
    feed_server: FeedServer, fetcher: Fetcher, content_type: str
) -> None:
    # the header was believed: bytes 0x80 and 0x93 read in Latin-1 are invisible controls,
    # and "“€5” a cup" had been stored as "5 a cup"
    text = (
        "Coffee in the city centre now costs “€5” a cup, up from €4.20 last year, café owners say."
    )
    body = page("Coffee prices rise", text, *FULL_TEXT).replace(b"<meta charset='utf-8'>", b"")
    cp1252 = body.decode().encode("cp1252")
    assert b"\x93\x805\x94" in cp1252
    link = feed_server.route("/coffee", cp1252, headers={"Content-Type": content_type})
    url = feed_server.route("/feed", rss([{"title": "Coffee prices rise", "link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.text_from == "page"
    assert item.article.paragraphs[0].text == text


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=iso-8859-1",
        "text/html; charset=Windows-1252",
        "text/html; charset=us-ascii",
    ],
)
def test_a_page_that_says_latin_but_sends_utf8_is_read_as_utf8(
    feed_server: FeedServer, fetcher: Fetcher, content_type: str
) -> None:
    # the header's Latin charset had been believed: "CafÃ© owners in SÃ£o Paulo"
    text = "Café owners in São Paulo and Zürich say “prices” rose €5 \u2013 and so did rents."
    body = page("Café owners protest", text, *FULL_TEXT).replace(b"<meta charset='utf-8'>", b"")
    link = feed_server.route("/cafe", body, headers={"Content-Type": content_type})
    url = feed_server.route("/feed", rss([{"title": "Café owners protest", "link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.text_from == "page"
    assert item.article.paragraphs[0].text == text


@pytest.mark.parametrize(
    ("codec", "declaration"),
    [
        ("windows-1251", '<meta charset="windows-1251">'),
        ("koi8-r", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'),
    ],
)
def test_a_page_that_declares_its_charset_only_in_its_html_is_decoded(
    feed_server: FeedServer, fetcher: Fetcher, codec: str, declaration: str
) -> None:
    # the HTTP header says text/html alone: the page was read as UTF-8, else cp1252 (mojibake)
    text = (
        "Москва заявила сегодня, что переговоры по мирному плану продолжатся на следующей "
        "неделе в Женеве, несмотря на разногласия сторон и долгий спор про границы."
    )
    body = page("Новости дня", text, text[::-1], text.upper()).replace(
        b"<meta charset='utf-8'>", b""
    )
    html = body.decode().replace("<head>", f"<head>{declaration}").encode(codec)
    link = feed_server.route("/news", html, headers={"Content-Type": "text/html"})
    url = feed_server.route(
        "/feed", rss([{"title": "Новости дня", "link": link, "description": "кратко"}])
    )

    [item] = fetch(fetcher, url).items

    assert item.text_from == "page"
    assert item.article.paragraphs[0].text == text


@pytest.mark.parametrize(
    ("declared", "content_type"),
    [
        ("windows-1252", "application/xml"),
        ("ISO-8859-1", "application/rss+xml"),
        ("utf-8", "application/xml; charset=windows-1252"),
        ("windows-1252", 'text/xml; charset="Windows-1252"'),
    ],
)
def test_a_feed_that_says_latin_but_sends_utf8_is_read_as_utf8(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], declared: str, content_type: str
) -> None:
    # a windows-1252 declaration over UTF-8 bytes gave "CafÃ© owners in ZÃ¼rich ... â€“"
    text = "Café owners in Zürich marched against rent rises \u2013 and so do crêpes."
    body = rss([{"title": "Zürich café owners protest", "description": text}])
    body = body.replace(b"encoding='utf-8'", f"encoding='{declared}'".encode())
    body = body.replace(b'encoding="utf-8"', f'encoding="{declared}"'.encode())
    assert declared.encode() in body
    url = feed_server.route("/feed.xml", body, headers={"Content-Type": content_type})

    [item] = fetch(make_fetcher(fetch_pages=False), url).items

    assert item.article.headline == "Zürich café owners protest"
    assert item.article.paragraphs[0].text == text


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("Shift_JIS", "cp932", "東京で大雨、① 避難は三千人にのぼった。"),
        ('"x-mac-roman"', "mac_roman", "Café owners in Zürich say “prices” rose."),
    ],
)
def test_a_feeds_http_charset_is_read_as_browsers_read_it(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], label: str, codec: str, text: str
) -> None:
    # feedparser read the label as Python's codec: Shift_JIS lacks "①", so the whole feed
    # was read as windows-1252; x-mac-roman is none, "Café" was "CafŽ"
    body = rss([{"title": text[:8], "description": text}]).decode()
    body = body.replace("utf-8", label.strip('"'))
    url = feed_server.route(
        "/feed.xml",
        body.encode(codec),
        headers={"Content-Type": f"application/rss+xml; charset={label}"},
    )

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert [item.article.paragraphs[0].text for item in result.items] == [text]
    assert not result.warnings


def test_bytes_not_in_a_feeds_charset_are_warned_about(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    body = rss([{"title": "Heavy rain", "description": "Heavy rain XX fell."}]).decode()
    encoded = body.replace("utf-8", "Shift_JIS").encode("cp932").replace(b"XX", b"\x85@")
    url = feed_server.route(
        "/feed.xml", encoded, headers={"Content-Type": "application/xml; charset=Shift_JIS"}
    )

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert [item.article.paragraphs[0].text for item in result.items] == [
        "Heavy rain \ufffd@ fell."
    ]
    assert result.warnings == (
        "the feed declares charset 'Shift_JIS', but holds 1 byte not in it: read as U+FFFD",
    )


def test_a_feed_in_windows_1252_is_still_read_as_windows_1252(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    text = "Café owners in Zürich marched against rent rises \u2013 and so do crêpes."
    body = rss([{"title": "Zürich café owners protest", "description": text}])
    body = body.decode().replace("utf-8", "windows-1252").encode("windows-1252")
    url = feed_server.route("/feed.xml", body, headers={"Content-Type": "application/xml"})

    [item] = fetch(make_fetcher(fetch_pages=False), url).items

    assert item.article.paragraphs[0].text == text


def test_a_pages_byte_order_mark_beats_its_declaration(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    cafe = "The café on the corner reopened on Monday after repairs to its façade."
    body = page("Café culture", cafe, *FULL_TEXT).replace(b"utf-8", b"windows-1251")
    link = feed_server.route("/cafe", b"\xef\xbb\xbf" + body, headers={"Content-Type": "text/html"})
    url = feed_server.route("/feed", rss([{"title": "Café culture", "link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.article.paragraphs[0].text == cafe


# ---------------------------------------------------------------------------------------------
# Items


def test_an_item_page_that_is_a_consent_notice_is_not_its_text(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    notice = page(
        "Before you continue",
        "We use cookies and data to deliver our services and show personalised ads.",
        "If you choose to Accept all, we and our 842 partners will use cookies as well.",
    )
    link = feed_server.route("/story", notice)
    url = feed_server.route(
        "/feed",
        rss(
            [{"title": "Volcano erupts", "link": link, "description": "Lava flows toward a town."}]
        ),
    )

    result = fetch(fetcher, url)

    [item] = result.items
    assert (item.text_from, item.article.paragraphs[0].text) == (
        "feed",
        "Lava flows toward a town.",
    )
    assert result.warnings == (
        f"item 1: page {link} not used (a cookie or consent notice, not the story (the page "
        "shows it before the story)); used the feed's own text",
    )


def test_a_page_that_is_the_same_for_items_under_other_titles_is_not_their_text(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a wall (consent, sign-in, a region's block), longer than each summary, replaced all
    # three and made them one story; this one says nothing a consent notice says
    wall = page(
        "Before you continue",
        "This page is not available where you are reading from, because of the rules that "
        "apply to publishers in your region and to the rights we hold for our stories.",
        "Readers elsewhere can sign in with a subscriber account, or come back later when the "
        "story may be open to all; our help pages explain what is shown where and why.",
    )
    real = page("Volcano erupts near Grindavik", *FULL_TEXT)
    titles = ["Volcano erupts near Grindavik", "Central bank raises rates", "Floods close roads"]
    items = [
        {"title": title, "link": feed_server.route(f"/story{n}", wall), "description": f"S{n}."}
        for n, title in enumerate(titles)
    ]
    items[0]["link"] = feed_server.route("/volcano", real)  # a real page stays the text
    items.append({"title": "Rates", "link": feed_server.route("/r", wall)})  # no own text
    # one story at two links under one title: the same page, and rightly so
    storm = page("Storm hits coast", *(p.replace("volcano", "storm") for p in FULL_TEXT))
    twins = [
        {"title": "Storm hits coast", "link": feed_server.route(path, storm)}
        for path in ("/storm", "/storm-live")
    ]
    url = feed_server.route("/feed", rss(items + twins))

    result = fetch(fetcher, url)

    texts = {i.article.headline: (i.text_from, i.article.paragraphs[0].text) for i in result.items}
    assert texts["Volcano erupts near Grindavik"] == ("page", FULL_TEXT[0])
    assert texts["Central bank raises rates"] == ("feed", "S1.")
    assert texts["Floods close roads"] == ("feed", "S2.")
    assert texts["Storm hits coast"][0] == "page"
    assert len(result.items) == 5
    assert result.skipped == (
        (
            feed_server.url("/r"),
            "no text: page not used (the same text as the pages of 2 other items under other "
            "titles: a cookie or consent page?) and the feed gives none",
        ),
    )
    assert result.warnings == (
        "2 item pages not used (the same text as other items' pages (a cookie or consent "
        "page?): 2); their items keep the feed's own text (--debug names each page)",
    )


def test_control_characters_in_an_items_title_are_dropped(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # a NUL, a bell and a terminal colour code were kept in the headline
    title = "Vol\x00cano\x07 erupts\x1b[31m near\x7f Grindavik"
    items = [{"title": title, "guid": "g1", "description": "Lava flows toward the town."}]
    url = feed_server.route("/feed", rss(items))

    [item] = fetch(make_fetcher(fetch_pages=False), url).items

    assert item.article.headline == "Volcano erupts near Grindavik"


def test_an_item_without_a_link_uses_its_own_text(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    items = [
        {"title": "Wire flash", "guid": "urn:wire:7", "description": "Markets rose on Friday."}
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    [item] = result.items
    assert (item.link, item.guid, item.text_from) == (None, "urn:wire:7", "feed")
    article = item.article
    assert (article.url, article.origin, article.id) == (None, url, stable_id("urn:wire:7"))
    assert [p.text for p in article.paragraphs] == ["Markets rose on Friday."]
    assert result.warnings == ()


def test_an_item_without_link_or_guid_gets_an_id_from_feed_and_title(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    url = feed_server.route("/feed", rss([{"title": "Flash", "description": "Text."}]))

    [item] = fetch(fetcher, url).items

    assert item.article.id == stable_id(url, "Flash")


def test_an_item_without_a_title_takes_the_page_headline(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    link = feed_server.route("/a", page("Volcano erupts in Iceland", *FULL_TEXT))
    url = feed_server.route("/feed", rss([{"link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.article.headline == "Volcano erupts in Iceland"


def test_items_without_title_or_text_are_skipped_with_the_reason(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    gone = feed_server.url("/gone")
    items = [
        {"title": "Nothing else"},
        {"title": "Dead link", "link": gone},
        {"guid": "urn:3"},  # nothing at all
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert result.items == ()
    assert result.skipped == (
        ("Nothing else", "no text: no link and no description in the feed"),
        (gone, "no text: page not used (HTTP 404 Not Found) and the feed gives none"),
        ("item 3", "no text: no link and no description in the feed"),
    )


def test_an_untitled_item_takes_its_first_sentence_as_its_headline(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a social network's feed gives its posts no titles: they were skipped as "no title"
    long = "A post that goes on and on " * 8 + "and ends here."
    items = [
        {"description": "Lava reached the town overnight. Residents had left days before."},
        {"description": long},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    first, second = (item.article for item in result.items)
    assert first.headline == "Lava reached the town overnight."
    assert first.paragraphs[0].text.startswith("Lava reached the town overnight. Residents")
    assert second.headline.endswith("…")
    assert len(second.headline) <= 120
    assert long.startswith(second.headline[:-1])
    assert result.skipped == ()


def test_titles_lose_markup_and_double_escaping(feed_server: FeedServer, fetcher: Fetcher) -> None:
    titles = ["<b>Bold</b> move &amp; more", "Tom &amp;amp; Jerry", "  Spread\n   over  lines "]
    url = feed_server.route("/feed", rss([{"title": t, "description": "x"} for t in titles]))

    result = fetch(fetcher, url)

    assert [i.article.headline for i in result.items] == [
        "Bold move & more",
        "Tom & Jerry",
        "Spread over lines",
    ]


def test_a_date_in_the_future_becomes_the_fetch_date(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    items = [
        {"title": "From the future", "description": "x", "pubDate": datetime(2030, 1, 1, 9)},
        {"title": "Clock skew", "description": "x", "pubDate": datetime(2024, 6, 2, 6)},
        {"title": "Undated", "description": "x"},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.article.published for i in result.items] == [
        date(2024, 6, 1),
        date(2024, 6, 2),  # less than a day ahead: kept
        None,
    ]
    assert result.warnings == (
        "item 1: date 2030-01-01 is in the future; used the fetch date 2024-06-01",
    )


def test_a_time_later_today_in_another_offset_is_named_with_its_time(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    # 23:30 on 1 June in California, read at 06:00 UTC on 1 June: "date 2024-06-01 is in
    # the future; used the fetch date 2024-06-01" named today as the future
    items = [{"title": "Tonight", "description": "x", "pubDate": "Sat, 01 Jun 2024 23:30 -0800"}]
    url = feed_server.route("/feed", rss(items))
    early = datetime(2024, 6, 1, 6, 0, tzinfo=UTC)

    result = fetch(make_fetcher(clock=lambda: early), url)

    assert [i.article.published for i in result.items] == [date(2024, 6, 1)]
    assert result.warnings == (
        "item 1: its time, 2024-06-02 07:30 UTC, is in the future; used the fetch date 2024-06-01",
    )


@pytest.mark.parametrize("make", [rss, atom])
def test_an_items_day_is_the_day_its_publisher_printed(
    make: Callable[..., bytes], feed_server: FeedServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    # the day in UTC had been taken: a Sydney paper's Saturday-morning story was Friday's,
    # a New York evening story the next day's, and a saved copy of the feed read otherwise
    stamps = {
        "Sydney": ("Sat, 01 Jun 2024 08:00:00 +1100", "2024-06-01T08:00:00+11:00"),
        "New York": ("Fri, 31 May 2024 20:30:00 -0500", "2024-05-31T20:30:00-05:00"),
    }
    items = [
        {"title": f"{city} story", "description": "x", "pubDate": pair[make is atom]}
        for city, pair in stamps.items()
    ]
    url = feed_server.route("/feed", make(items))
    saved = tmp_path / ("f.atom" if make is atom else "f.rss")
    saved.write_bytes(make(items))

    result = fetch(fetcher, url)

    expected = [date(2024, 6, 1), date(2024, 5, 31)]
    assert [i.article.published for i in result.items] == expected
    assert None not in [i.posted for i in result.items]  # their times still order them
    assert [a.published for a in load_file(saved)] == expected


@pytest.mark.parametrize("make", [rss, atom])
def test_a_date_without_a_time_gives_no_time(
    make: Callable[..., bytes], feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a day alone had been given midnight UTC, so it ranked above the day's timed stories
    # (a Tokyo morning story at 23:00 UTC the day before among them); it is no time at all
    items = [
        {"title": "Timed", "description": "x", "pubDate": "Fri, 03 May 2024 08:00:00 +0900"},
        {"title": "ISO day", "description": "x", "pubDate": "2024-05-03"},
        {"title": "RFC day", "description": "x", "pubDate": "Fri, 03 May 2024"},
        {"title": "Written day", "description": "x", "pubDate": "May 3, 2024"},
    ]
    url = feed_server.route("/feed", make(items))

    result = fetch(fetcher, url)

    got = [(i.article.headline, i.article.published, i.article.posted) for i in result.items]
    day = date(2024, 5, 3)
    assert got == [
        ("Timed", day, datetime(2024, 5, 2, 23, tzinfo=UTC)),
        ("ISO day", day, None),
        ("RFC day", day, None),
        ("Written day", day, None),
    ]
    assert [i.posted for i in result.items[1:]] == [None, None, None]


def test_latest_orders_a_days_stories_by_their_times_across_feeds_and_reads(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path
) -> None:
    # the store kept only a story's day: within it, /latest listed the later read first, so
    # a slow feed's 09:00 story went ahead of the 13:00 story another feed gave earlier
    from retrieval.db import NewsDB
    from retrieval.ingest import ingest_feeds
    from retrieval.library import SearchConfig, open_library

    day = datetime(2024, 5, 31, tzinfo=UTC)

    def story(title: str, hour: int) -> dict[str, Any]:
        return {
            "title": title,
            "description": f"{title}, as the wire told it.",
            "pubDate": day.replace(hour=hour),
        }

    first = feed_server.route("/a.xml", rss([story("Harbour closes", 13)], title="A"))
    later = feed_server.route(
        "/b.xml", rss([story("Ferry resumes", 15), story("Council votes", 9)], title="B")
    )
    (tmp_path / "corpus").mkdir()
    fetcher = make_fetcher(fetch_pages=False)
    with NewsDB(tmp_path / "news.sqlite3") as db:
        ingest_feeds(db, fetcher, [FeedSpec(first)])
        ingest_feeds(db, fetcher, [FeedSpec(later)])
        opened = [
            open_library([tmp_path / "corpus"], tmp_path / "data", SearchConfig(), news=db)
            for _ in range(2)  # built, then loaded as saved
        ]

    expected = ["Ferry resumes", "Harbour closes", "Council votes"]
    for report in opened:
        store = report.library.store
        assert [store.get(n).headline for n in store.newest(3)] == expected


def test_known_links_are_neither_downloaded_nor_returned(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    old = feed_server.route("/old", page("Old story", *FULL_TEXT))
    new = feed_server.route("/new", page("New story", *FULL_TEXT))
    items = [{"title": "New story", "link": new}, {"title": "Old story", "link": old}]
    url = feed_server.route("/feed", rss(items))
    asked: list[tuple[str, str]] = []

    def known(link: str, title: str) -> bool:
        asked.append((link, title))
        return link == old

    result = fetch(fetcher, url, known=known)

    assert [i.link for i in result.items] == [new]
    assert (result.known, result.skipped) == (1, ())
    assert asked == [(new, "New story"), (old, "Old story")]
    assert feed_server.requests_to("/old") == []


def test_the_same_story_twice_under_one_guid_is_read_once(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    items = [
        {"title": "First", "guid": "urn:1", "description": "The first story's text."},
        {"title": "First", "guid": "urn:1", "description": "The first story's text."},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.article.headline for i in result.items] == ["First"]
    assert result.skipped == (("First", "same guid as item 1"),)


def test_different_stories_under_one_guid_are_all_kept(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a feed that gives every item one tag (or the site's address) as its guid lost all its
    # stories but the first, skipped as "same guid as item 1"
    items = [
        {"title": f"Story {n}", "guid": "tag:site,2024:feed", "description": f"Text {n}."}
        for n in range(3)
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.article.headline for i in result.items] == ["Story 0", "Story 1", "Story 2"]
    assert [i.guid for i in result.items] == [None, None, None]  # no story's id
    assert result.skipped == ()
    assert result.warnings == (
        "3 items share 1 guid (tag:site,2024:feed) though their stories differ; told apart "
        "by their links and text instead",
    )


def test_items_that_all_link_to_the_front_page_are_all_kept_unfetched(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a notice board's feed links every item to the site's home page: all but the first were
    # skipped as "same link as item 1", and the home page was fetched for a story's text
    home = feed_server.route("/", page("Town Hall", *FULL_TEXT))
    items = [
        {"title": f"Notice {n}", "link": home, "guid": f"n-{n}", "description": f"Notice {n}."}
        for n in range(3)
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.article.headline for i in result.items] == ["Notice 0", "Notice 1", "Notice 2"]
    assert [i.article.paragraphs[0].text for i in result.items] == [
        "Notice 0.",
        "Notice 1.",
        "Notice 2.",
    ]
    assert len({i.article.id for i in result.items}) == 3
    assert result.skipped == ()
    assert feed_server.requests_to("/") == []


def test_a_json_feed_is_read_as_a_feed(feed_server: FeedServer, fetcher: Fetcher) -> None:
    # "not an RSS or Atom feed (not XML: not well-formed)", though a saved copy loads
    link = feed_server.route("/keeper", page("Keeper retires", *FULL_TEXT))
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Coast Post",
        "items": [
            {
                "id": 7,
                "url": link,
                "title": "Keeper retires",
                "date_published": "2024-05-31T08:00:00+11:00",
            },
            {
                "id": "urn:coast:8",
                "title": "Ferry <strike> called off",
                "content_html": "<p>The ferry strike was called off.</p><p>Talks went on.</p>",
                "date_published": "2024-05-30T09:00:00Z",
            },
            {"id": "urn:coast:9", "title": "Tide\u0001 times", "content_text": "High at 6."},
            {"id": "urn:coast:10", "title": "Cut \ud83d emoji", "content_text": "Half of one."},
        ],
    }
    body = b"\xef\xbb\xbf" + json.dumps(doc).encode()  # a byte-order mark first
    url = feed_server.route("/feed.json", body, headers={"Content-Type": "application/feed+json"})

    result = fetch(fetcher, url)

    assert result.status == "ok"
    assert result.skipped == ()
    keeper, ferry, tide, cut = result.items
    assert (keeper.link, keeper.guid, keeper.article.published) == (link, "7", date(2024, 5, 31))
    assert [p.text for p in keeper.article.paragraphs] == list(FULL_TEXT)  # its page, fetched
    assert ferry.article.headline == "Ferry <strike> called off"
    assert [p.text for p in ferry.article.paragraphs] == [
        "The ferry strike was called off.",
        "Talks went on.",
    ]
    assert (tide.article.headline, tide.article.paragraphs[0].text) == ("Tide times", "High at 6.")
    assert cut.article.headline == "Cut emoji"  # a lone surrogate had lost the whole feed


def test_json_that_is_no_feed_says_so(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.route(
        "/api", b'{"items": [1, 2]}', headers={"Content-Type": "application/json"}
    )
    result = fetch(fetcher, url)
    assert result.status == "failed"
    assert result.error == (
        "not an RSS or Atom feed (the server sent JSON (application/json) that is no JSON Feed "
        "(jsonfeed.org))"
    )


def test_a_guid_that_is_no_address_is_no_link(feed_server: FeedServer, fetcher: Fetcher) -> None:
    # "98765" was made an address under the feed's own (http://host/98765), fetched (404)
    # and shown as the story's link
    items = [
        {"title": "Numbered", "guid": "98765", "description": "A numbered story."},
        {"title": "Linked", "guid": "/news/7", "description": "A story at a path."},
    ]
    url = feed_server.route("/feed", rss(items))
    feed_server.route("/news/7", page("Linked", *FULL_TEXT))

    result = fetch(fetcher, url)

    numbered, linked = result.items
    assert (numbered.link, numbered.guid, numbered.article.url) == (None, "98765", None)
    assert linked.link == feed_server.url("/news/7")  # a path on the feed's site is a link
    assert [r.path for r in feed_server.requests] == ["/feed", "/news/7"]


def test_a_relative_link_written_beside_the_same_guid_is_the_items_link(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # <link>rel/cheese</link><guid>rel/cheese</guid> was taken for a guid copied into the
    # link, and the item stored with no link and no page
    story = feed_server.route("/news/rel/cheese", page("Cheese prices", *FULL_TEXT))
    doc = (
        b'<rss version="2.0"><channel><title>Wire</title>'
        b"<item><title>Cheese prices</title><link>rel/cheese</link><guid>rel/cheese</guid>"
        b"<description>Cheese costs more.</description></item></channel></rss>"
    )
    [item] = fetch(fetcher, feed_server.route("/news/feed.xml", doc)).items

    assert (item.link, item.article.url, item.text_from) == (story, story, "page")
    # a page's name is a path too
    named = (
        b'<rss version="2.0"><channel><title>Wire</title>'
        b"<item><title>C</title><link>story-5.html</link><guid>story-5.html</guid>"
        b"<description>C story.</description></item></channel></rss>"
    )
    [page_named] = fetch(fetcher, feed_server.route("/news/named.xml", named)).items
    assert page_named.link == feed_server.url("/news/story-5.html")
    # the same written as an id is an id still: no page at http://host/news/12345
    ids = (
        b'<rss version="2.0"><channel><title>Wire</title>'
        b"<item><title>A</title><link>12345</link><guid>12345</guid>"
        b"<description>A story.</description></item>"
        b"<item><title>B</title><link>tag:wire.example,2024:7</link>"
        b"<guid>tag:wire.example,2024:7</guid><description>B story.</description></item>"
        b"</channel></rss>"
    )
    result = fetch(fetcher, feed_server.route("/news/ids.xml", ids))
    assert [(i.link, i.guid) for i in result.items] == [
        (None, "12345"),
        (None, "tag:wire.example,2024:7"),
    ]
    assert result.warnings == ()
    assert feed_server.requests_to("/news/12345") == []


def test_an_empty_link_leaves_the_guid_as_the_items_address(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # "<link/>" over a guid that is an address: stored with no link and only its summary
    story = feed_server.route("/s/ferry", page("Ferry strike", *FULL_TEXT))
    doc = (
        '<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Ferry strike</title><link/><guid>{story}</guid>"
        "<description>Ferries stop.</description></item></channel></rss>"
    ).encode()
    [item] = fetch(fetcher, feed_server.route("/rss", doc)).items

    assert (item.link, item.article.url, item.text_from) == (story, story, "page")


def test_an_id_before_its_link_keeps_the_link(feed_server: FeedServer, fetcher: Fetcher) -> None:
    # feedparser's guidislink stays set when the <id> or <guid> comes first: YouTube's,
    # Blogger's, GitHub's and Reddit's Atom lost every link (url NULL, no page fetched)
    atom_link = feed_server.route("/a/marmalade", page("Marmalade futures", *FULL_TEXT))
    rss_link = feed_server.route("/r/ferry", page("Ferry strike", *FULL_TEXT))
    atom_doc = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Tube</title><entry>'
        "<id>yt:video:abc123</id>"
        f'<link rel="alternate" href="{atom_link}"/><title>Marmalade futures</title>'
        "<updated>2024-05-31T08:00:00Z</updated></entry></feed>"
    ).encode()
    rss_doc = (
        '<rss version="2.0"><channel><title>Wire</title><item><guid>98765</guid>'
        f"<link>{rss_link}</link><title>Ferry strike</title></item></channel></rss>"
    ).encode()
    atom_url = feed_server.route("/atom", atom_doc)
    rss_url = feed_server.route("/rss", rss_doc)

    [from_atom] = fetch(fetcher, atom_url).items
    [from_rss] = fetch(fetcher, rss_url).items

    assert (from_atom.link, from_atom.guid, from_atom.text_from) == (
        atom_link,
        "yt:video:abc123",
        "page",
    )
    assert (from_rss.link, from_rss.guid, from_rss.text_from) == (rss_link, "98765", "page")
    assert from_atom.article.id == stable_id(normalize_url(atom_link))


def test_the_same_link_twice_in_a_feed_is_fetched_once(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    link = feed_server.route("/a", page("Volcano", *FULL_TEXT))
    items = [{"title": "Volcano", "link": link}, {"title": "Again", "link": link + "?utm_source=x"}]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert len(result.items) == 1
    assert result.skipped == ((link + "?utm_source=x", "same link as item 1"),)
    assert len(feed_server.requests_to("/a")) == 1


def test_links_that_differ_only_in_a_bare_query_are_different_stories(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # "news.php?4513" was "same link as item 1": the query's bare number was dropped
    places = ("Grindavik", "Vik", "Husavik", "Selfoss")
    items = []
    for query, place in zip(("?4512", "?4513", "?id=&p=1", "?p=1"), places, strict=True):
        text = f"Lava reached the edge of {place} overnight, the civil protection office said."
        link = feed_server.route("/news.php" + query, page(f"Lava near {place}", text))
        items.append({"title": f"Lava near {place}", "link": link})
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert result.skipped == ()
    assert [item.article.headline for item in result.items] == [f"Lava near {p}" for p in places]
    assert [item.text_from for item in result.items] == ["page"] * 4
    assert len({item.article.id for item in result.items}) == 4
    for item, place in zip(result.items, places, strict=True):  # each its own page
        assert f"the edge of {place} overnight" in item.article.paragraphs[0].text


def test_items_whose_links_are_not_http_keep_the_feeds_text_unfetched(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # the items were skipped whole: a bad link is no bad story
    items = [
        {"title": "Script", "link": "javascript:alert(1)", "description": "Script's text."},
        {"title": "Local", "link": "file:///etc/passwd", "description": "Local's text."},
        {"title": "Fine", "description": "Fine's text."},
        {"title": "Bare", "link": "mailto:desk@example.org"},  # and no text of its own
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.article.headline for i in result.items] == ["Script", "Local", "Fine"]
    assert [i.link for i in result.items] == [None, None, None]
    assert [i.article.paragraphs[0].text for i in result.items] == [
        "Script's text.",
        "Local's text.",
        "Fine's text.",
    ]
    assert result.skipped == (("Bare", "no text: no link and no description in the feed"),)
    assert result.warnings[:2] == (
        "item 1: its link javascript:alert(1) is not used: only http:// and https:// URLs can "
        "be fetched, not javascript:",
        "item 2: its link file://etc/passwd is not used: only http:// and https:// URLs can "
        "be fetched, not file:",  # as feedparser gives it
    )
    assert [r.path for r in feed_server.requests] == ["/feed"]


def test_a_link_with_spaces_is_fetched_as_a_browser_would(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    link = feed_server.route("/p/a%20b.html", page("Spaced", *FULL_TEXT))
    url = feed_server.route("/feed", rss([{"title": "Spaced", "link": "/p/a b.html"}]))

    result = fetch(fetcher, url)

    [item] = result.items
    assert item.link == link
    assert item.text_from == "page"


@pytest.mark.parametrize("bad", ["http://a..b/x", "http://xn--/x"])
def test_an_item_with_a_host_name_that_cannot_be_looked_up_keeps_the_feeds_text(
    feed_server: FeedServer, fetcher: Fetcher, bad: str
) -> None:
    good = feed_server.route("/good", page("Good story", *FULL_TEXT))
    items = [
        {"title": "Bad host", "link": bad, "description": "The feed's own words."},
        {"title": "Good story", "link": good},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert result.status == "ok"
    assert [i.article.headline for i in result.items] == ["Bad host", "Good story"]
    assert result.items[0].link is None
    assert result.skipped == ()
    assert result.warnings[0].startswith(f"item 1: its link {bad} is not used: the host name")
    assert [r.path for r in feed_server.requests] == ["/feed", "/good"]


@pytest.mark.parametrize("make", [rss, atom])
def test_a_date_in_the_future_beyond_the_calendar_becomes_the_fetch_date(
    make: Callable[..., bytes], feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # in UTC these are in year 10000, which no datetime holds: they were dropped, "is out of
    # range" (ISO) or "no calendar date" (RFC 822), not taken as the future dates they are
    written = ("Fri, 31 Dec 9999 23:59:59 -0100", "9999-12-31T23:59:59-14:00")[make is atom]
    items = [
        {"title": "Far future", "description": "Text.", "pubDate": written},
        {"title": "Today", "description": "Text too.", "pubDate": "2024-01-15T10:00:00Z"},
    ]
    url = feed_server.route("/feed", make(items))

    result = fetch(fetcher, url)

    assert [(i.article.headline, i.article.published, i.posted) for i in result.items] == [
        ("Far future", date(2024, 6, 1), None),
        ("Today", date(2024, 1, 15), datetime(2024, 1, 15, 10, tzinfo=UTC)),
    ]
    assert result.warnings == (
        "item 1: date 9999-12-31 is in the future; used the fetch date 2024-06-01",
    )


@pytest.mark.parametrize(
    "written",
    [
        "Thu, 01 Jan 1970 00:00:00 +0000",  # Unix time 0, as a CMS prints a missing date
        "Wed, 31 Dec 1969 19:00:00 -0500",  # the same, in the site's offset
        "1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00",  # .NET's DateTime.MinValue
        "Mon, 01 Jan 0001 00:00:00 +0100",  # feedparser: the year 100
        "1899-12-31",
    ],
)
def test_a_placeholder_date_leaves_the_item_undated(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], written: str
) -> None:
    # they were stored as the story's date: retention pruned a new story in the read that
    # stored it, and no follow was told of it
    items = [
        {"title": "Story", "description": "Text.", "guid": "g1", "pubDate": written},
        {"title": "Real", "description": "Text.", "guid": "g2", "pubDate": "1970-01-01T00:00:01Z"},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert [(i.article.published, i.posted) for i in result.items] == [
        (None, None),
        (date(1970, 1, 1), datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)),  # a second later: a date
    ]
    assert result.warnings == (
        f"item 1: its date “{written}” is a placeholder, not the item's date; none used",
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024-13-45", None),  # feedparser: 2025-01-01
        ("2024-02-30T10:00:00Z", None),  # 2024-03-01
        ("2024-04-30T25:00:00Z", None),  # 2024-05-01
        ("1714514400", None),  # a Unix time; feedparser: 2017-05-25
        ("1714514400000", None),
        ("20241345", None),
        ("20240430", date(2024, 4, 30)),
        ("2024-04-30T22:00:00+02:00", date(2024, 4, 30)),
        ("2024-04-30 22:00", date(2024, 4, 30)),
        ("Tue, 30 Apr 2024 22:00:00 GMT", date(2024, 4, 30)),
        # RSS's own format: feedparser reads none of them, and they were dropped silently
        ("Fri, 30 Feb 2024 10:00:00 GMT", None),
        ("Tue, 05 Mar 2024 25:00:00 GMT", None),
        ("Mon, 45 Jan 2024 10:00:00 GMT", None),
    ],
)
def test_a_date_no_calendar_holds_is_dropped(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], written: str, day: date | None
) -> None:
    items = [{"title": "Story", "description": "Text.", "guid": "g1", "pubDate": written}]
    url = feed_server.route("/feed", rss(items))

    result = fetch(make_fetcher(fetch_pages=False), url)

    assert [i.article.published for i in result.items] == [day]
    if day is None:
        assert result.warnings == (f"item 1: its date “{written}” is no calendar date; none used",)
    else:
        assert result.warnings == ()


@pytest.mark.parametrize(
    ("written", "day", "warning"),
    [
        # forms feedparser does not read, read as an article file's date is
        ("November 29, 2026", date(2026, 11, 29), None),
        ("28/11/2026", date(2026, 11, 28), None),  # day first: there is no 28th month
        ("Tuesday, November 24, 2026 - 10:00", date(2026, 11, 24), None),  # Drupal's
        ("Mi, 25 Nov 2026 10:00:00 +0100", date(2026, 11, 25), None),  # a German weekday
        # had all been "is no calendar date", as if the publisher's date were wrong
        (
            "03/04/2026",
            None,
            "is ambiguous (4 March or 3 April 2026: nothing shows which is the day)",
        ),
        ("next Tuesday", None, "is in a form Newsbot cannot read"),
    ],
)
def test_a_date_feedparser_cannot_read_is_read_as_files_are(
    feed_server: FeedServer,
    make_fetcher: Callable[..., Fetcher],
    written: str,
    day: date | None,
    warning: str | None,
) -> None:
    items = [{"title": "Story", "description": "Text.", "guid": "g1", "pubDate": written}]
    url = feed_server.route("/feed", rss(items))
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    result = fetch(make_fetcher(fetch_pages=False, clock=lambda: now), url)

    assert [i.article.published for i in result.items] == [day]
    if warning is None:
        assert result.warnings == ()
    else:
        assert result.warnings == (f"item 1: its date “{written}” {warning}; none used",)


@pytest.mark.parametrize(
    ("written", "warning"),
    [
        # had been "is in a form Newsbot cannot read", as if the form were the fault
        ("31/02/2026", "is no calendar date (February 2026 has 28 days)"),
        ("February 30, 2026", "is no calendar date (February 2026 has 28 days)"),
        ("Fri, 30 Feb 2024", "is no calendar date (February 2024 has 29 days)"),
        ("30. Februar 2026", "is no calendar date (February 2026 has 28 days)"),
        # had been "is ambiguous (0  or 0  2026: nothing shows which is the day)"
        ("0/0/2026", "is not a date (there is no month 0 or day 0)"),
        ("00/00/2026", "is not a date (there is no month 0 or day 0)"),
        ("0/5/2026", "is not a date (there is no month 0 or day 0)"),
    ],
)
def test_a_date_feedparser_cannot_read_that_names_no_day_says_why(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], written: str, warning: str
) -> None:
    items = [{"title": "Story", "description": "Text.", "guid": "g1", "pubDate": written}]
    url = feed_server.route("/feed", rss(items))
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    result = fetch(make_fetcher(fetch_pages=False, clock=lambda: now), url)

    assert [i.article.published for i in result.items] == [None]
    assert result.warnings == (f"item 1: its date “{written}” {warning}; none used",)


def test_item_ends_quoted_in_cdata_do_not_cut_the_feed_short(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    quoted = "<![CDATA[<p>An item ends with </item>, an entry with </entry>.</p>]]>"
    items = [{"title": f"Story {n}", "description": "x"} for n in range(6)]
    body = rss(items).replace(b">x</description>", f">{quoted}</description>".encode())
    url = feed_server.route("/feed", body)

    result = fetch(make_fetcher(max_items=3, fetch_pages=False), url)

    assert [i.article.headline for i in result.items] == ["Story 0", "Story 1", "Story 2"]
    assert result.warnings == ("the feed has 6 items; only the first 3 were read",)


def test_a_server_that_sends_its_headers_a_byte_at_a_time_is_given_up(
    make_fetcher: Callable[..., Fetcher],
) -> None:
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Drip: ")
            while not stop.wait(0.1):  # a byte well within each read's timeout
                conn.sendall(b"a")

    server = threading.Thread(target=drip, daemon=True)
    server.start()
    try:
        started = time.monotonic()
        result = fetch(make_fetcher(timeout=1.0, max_seconds=1.0), f"http://127.0.0.1:{port}/")
        took = time.monotonic() - started
    finally:
        stop.set()
        listener.close()
    assert result.status == "failed"
    assert result.error == "too slow: not done after 1 s"  # once: the time is up, no retries
    assert took < 3


def test_source_is_the_configured_name_else_the_feed_title_else_the_host(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    titled = feed_server.route("/titled", rss([{"title": "A", "description": "x"}], title="Wire"))
    untitled = feed_server.route("/untitled", rss([{"title": "A", "description": "x"}], title=None))

    named = fetcher.fetch(FeedSpec(titled, name="My Wire"))
    by_title = fetcher.fetch(FeedSpec(titled))
    by_host = fetcher.fetch(FeedSpec(untitled))

    assert named.items[0].article.source == "My Wire"
    assert by_title.items[0].article.source == "Wire"
    assert (by_host.title, by_host.items[0].article.source) == (None, "127.0.0.1")


def test_podcast_episodes_take_their_subtitle_as_text_and_their_enclosure_as_link(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # "Episode 44" (a title and a subtitle) was skipped for want of text, and "Episode 41"
    # (no <link>, only its MP3) was answered without any address
    mp3 = feed_server.route("/e41.mp3", b"ID3", headers={"Content-Type": "audio/mpeg"})
    show = feed_server.route("/e40", page("Episode 40: Lava walls", *FULL_TEXT))
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>Town Talk</title>
<item><title>Episode 44: Salt mine museum</title><guid isPermaLink="false">ep44</guid>
<itunes:subtitle>The old salt mine opens as a museum.</itunes:subtitle></item>
<item><title>Episode 43: Ferry strike</title><guid isPermaLink="false">ep43</guid>
<itunes:summary>Ferry crews walked out on Monday.</itunes:summary></item>
<item><title>Episode 41: Tram budget</title><guid isPermaLink="false">ep41</guid>
<description>The council argues over the tram budget.</description>
<enclosure url="{mp3}" type="audio/mpeg" length="3"/></item>
<item><title>Episode 40: Lava walls</title><link>{show}</link>
<description>Lava walls.</description>
<enclosure url="{feed_server.url("/e40.mp3")}" type="audio/mpeg" length="3"/></item>
</channel></rss>""".encode()
    url = feed_server.route("/pod.xml", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(fetcher, url)

    assert (result.skipped, result.warnings) == ((), ())
    got = {item.article.headline.split(":")[0]: item for item in result.items}
    assert [p.text for p in got["Episode 44"].article.paragraphs] == [
        "The old salt mine opens as a museum."
    ]
    assert [p.text for p in got["Episode 43"].article.paragraphs] == [
        "Ferry crews walked out on Monday."
    ]
    assert (got["Episode 41"].link, got["Episode 41"].article.url) == (mp3, mp3)
    assert (got["Episode 41"].text_from, got["Episode 41"].page_failed) == ("feed", False)
    assert feed_server.requests_to("/e41.mp3") == []  # an MP3 is no page to read
    assert (got["Episode 40"].link, got["Episode 40"].text_from) == (show, "page")


def test_an_episode_whose_address_is_its_audio_is_not_downloaded_nor_called_linkless(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # a permalink guid that is the MP3 was downloaded as a page; an episode with only its
    # enclosure was skipped as having "no link"
    mp3 = feed_server.route("/ep39.mp3", b"ID3", headers={"Content-Type": "audio/mpeg"})
    bare = feed_server.url("/ep38.mp3")
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Town Talk</title>
<item><title>Episode 39: Pier</title><guid>{mp3}</guid>
<description>The pier reopens.</description></item>
<item><title>Episode 38: Mill</title>
<enclosure url="{bare}" type="audio/mpeg" length="3"/></item>
</channel></rss>""".encode()
    url = feed_server.route("/pod.xml", body, headers={"Content-Type": "application/rss+xml"})

    result = fetch(fetcher, url)

    [episode] = result.items
    assert (episode.link, episode.text_from) == (mp3, "feed")
    assert feed_server.requests_to("/ep39.mp3") == []
    assert result.skipped == (
        (bare, "no text: no description in the feed, and its link is a media file"),
    )


def test_a_json_feed_episode_with_only_attachments_is_linked_to_its_audio(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    # JSON Feed's attachments were dropped: the episode had no address at all, where an RSS
    # item's <enclosure> gives it its MP3's
    mp3 = feed_server.route("/ep12.mp3", b"ID3", headers={"Content-Type": "audio/mpeg"})
    attachments = [{"url": mp3, "mime_type": "audio/mpeg"}, {"url": feed_server.url("/x.ogg")}]
    item = {
        "id": "ep12",
        "title": "Episode 12",
        "content_text": "Tram budget.",
        "attachments": attachments,
    }
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Town Talk", "items": [item]}
    url = feed_server.route(
        "/pod.json", json.dumps(doc).encode(), headers={"Content-Type": "application/feed+json"}
    )

    [episode] = fetch(fetcher, url).items

    assert (episode.link, episode.guid, episode.article.url) == (mp3, "ep12", mp3)
    assert (episode.text_from, episode.page_failed) == ("feed", False)
    assert feed_server.requests_to("/ep12.mp3") == []  # an MP3 is no page to read


GOOGLE_NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>"wildfire" - Google News</title><link>https://news.google.com/search?q=wildfire</link>
<item><title>Park Fire grows past 300,000 acres - The Sacramento Bee</title>
<link>{link}</link><guid isPermaLink="false">CBMiS2h0dHBz</guid>
<pubDate>Mon, 29 Jul 2024 18:00:00 GMT</pubDate>
<description>&lt;a href="{link}"&gt;Park Fire grows past 300,000 acres&lt;/a&gt;&amp;nbsp;
&lt;font color="#6f6f6f"&gt;The Sacramento Bee&lt;/font&gt;</description>
<source url="https://www.sacbee.com">The Sacramento Bee</source></item>
<item><title>Evacuation orders lifted in Butte County</title>
<link>{link}-2</link><guid isPermaLink="false">CBMiS2h0dHBy</guid>
<pubDate>Mon, 29 Jul 2024 17:00:00 GMT</pubDate>
<description>Residents may return home, officials said.</description></item>
</channel></rss>"""


def test_a_google_news_item_is_credited_to_its_outlet_by_url_as_from_a_file(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path
) -> None:
    # read by URL, the channel's title ('"wildfire" - Google News') was every story's source
    # and " - The Sacramento Bee" stayed in the headline; a saved copy used the item's
    # <source>. An item without one is the channel's.
    body = GOOGLE_NEWS.format(link=feed_server.url("/rss/articles/CBMiS2h0dHBz")).encode()
    url = feed_server.route("/rss/search", body, headers={"Content-Type": "application/xml"})
    saved = tmp_path / "wildfire.rss"
    saved.write_bytes(body)

    by_url = [item.article for item in fetch(make_fetcher(fetch_pages=False), url).items]
    from_file = load_file(saved)

    expected = [
        ("Park Fire grows past 300,000 acres", "The Sacramento Bee"),
        ("Evacuation orders lifted in Butte County", '"wildfire" - Google News'),
    ]
    assert [(a.headline, a.source) for a in by_url] == expected
    assert [(a.headline, a.source, a.url) for a in from_file] == [
        (a.headline, a.source, a.url) for a in by_url
    ]


SELF_SOURCED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily Gazette - Top Stories</title>
<link>{site}/</link>
<item><title>Harbour bridge reopens</title><link>{site}/story/1</link>
<description>The harbour bridge reopened after repairs.</description>
<source url="{site}/rss.xml">Daily Gazette - Top Stories</source></item>
<item><title>Ferry fares rise</title><link>{site}/story/2</link>
<description>Ferry fares rise in August.</description>
<source>Daily Gazette - Top Stories</source></item>
<item><title>Storm warning - Harbour Herald</title><link>{site}/story/3</link>
<description>A storm is due tonight.</description>
<source url="https://www.harbourherald.example/">Harbour Herald</source></item>
</channel></rss>"""


def test_an_items_source_naming_the_feeds_own_site_leaves_the_feeds_name(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path
) -> None:
    # a feed configured name = "Gazette" whose items name the feed itself in <source> had its
    # stories credited to "Daily Gazette - Top Stories", splitting one feed into two sources;
    # only a <source> on another site (an aggregator's outlet) is the story's source. One
    # without a url attribute is the feed's own when it names a feed's title
    site = feed_server.url("").rstrip("/")
    body = SELF_SOURCED.format(site=site).encode()
    url = feed_server.route("/rss.xml", body, headers={"Content-Type": "application/xml"})
    saved = tmp_path / "gazette.rss"
    saved.write_bytes(body)

    fetcher = make_fetcher(fetch_pages=False)
    named = fetcher.fetch(FeedSpec(url, name="Gazette")).items
    unnamed = fetcher.fetch(FeedSpec(url)).items
    from_file = load_file(saved)

    assert [(i.article.headline, i.article.source) for i in named] == [
        ("Harbour bridge reopens", "Gazette"),
        ("Ferry fares rise", "Gazette"),
        ("Storm warning", "Harbour Herald"),
    ]
    expected = [
        ("Harbour bridge reopens", "Daily Gazette - Top Stories"),
        ("Ferry fares rise", "Daily Gazette - Top Stories"),
        ("Storm warning", "Harbour Herald"),
    ]
    assert [(i.article.headline, i.article.source) for i in unnamed] == expected
    assert [(a.headline, a.source) for a in from_file] == expected


def test_a_saved_feeds_source_on_its_own_site_is_told_by_its_channel_link(tmp_path: Path) -> None:
    # a saved file knows its site by the channel's <link>: a <source> there (or on another
    # host of the same site) is the feed's own, and the channel's title its source; one
    # without a url that names no title of the feed's is an outlet's
    body = (
        SELF_SOURCED.format(site="https://www.gazette.example")
        .replace("https://www.gazette.example/rss.xml", "https://feeds.gazette.example/rss.xml")
        .replace(">Daily Gazette - Top Stories</source>", ">The Gazette: all stories</source>")
    )
    saved = tmp_path / "gazette.rss"
    saved.write_text(body)

    assert [a.source for a in load_file(saved)] == [
        "Daily Gazette - Top Stories",
        "The Gazette: all stories",
        "Harbour Herald",
    ]


@pytest.mark.parametrize(
    ("channel", "outlet_url"),
    [
        ("https://news.google.com/search?q=flood", "https://support.google.com/websearch"),
        ("https://news.google.com/search?q=flood", "https://cloud.google.com/blog"),
        ("https://students.github.io/planet/", "https://alice.github.io/"),
        ("https://students.github.io/planet/", "https://alice.github.io/blog/atom.xml"),
        ("https://planet.blogspot.com/", "https://bob.blogspot.com/"),
        ("https://digest.substack.com/", "https://carol.substack.com/"),
    ],
)
def test_a_source_on_another_host_of_a_shared_domain_is_an_outlet(
    tmp_path: Path, channel: str, outlet_url: str
) -> None:
    # the own site had been a host's last two labels, so support.google.com was Google
    # News's own site and alice.github.io a planet's on students.github.io: the outlet's
    # story was credited to the feed, its " - Outlet" left in the headline
    saved = tmp_path / "feed.rss"
    saved.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Planet</title>
<link>{channel}</link>
<item><title>Flood forecasting - Outlet Blog</title><link>https://x.example/1</link>
<description>A post on flood forecasting.</description>
<source url="{outlet_url}">Outlet Blog</source></item>
</channel></rss>"""
    )

    [article] = load_file(saved)

    assert (article.headline, article.source) == ("Flood forecasting", "Outlet Blog")


def test_a_source_on_the_feeds_own_host_or_naming_it_is_the_feeds_own() -> None:
    # the feed's hosts, a leading www., feeds., feed., rss. or m. aside, or its names
    own = feeds.OwnSite.of(
        ("https://feeds.gazette.example/rss.xml", "https://www.gazette.example/"),
        ("Gazette", "Daily Gazette - Top Stories"),
    )

    assert own.holds("Anything", "https://gazette.example/rss")
    assert own.holds("Anything", "https://m.gazette.example/")
    assert own.holds("Anything", "https://rss.gazette.example/")
    assert own.holds("daily  gazette - top stories", "https://elsewhere.example/")
    assert own.holds("GAZETTE", None)
    assert not own.holds("Gazette Sport", "https://sport.gazette.example/")
    assert not own.holds("Harbour Herald", None)


def test_a_headline_ending_in_its_outlet_twice_loses_it_once_by_url_and_from_a_file(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path
) -> None:
    # "Fire crews gain ground - Reuters - Reuters" was "... - Reuters" by URL but lost both
    # from a file, where the loaders' rule for NewsAPI's records struck a second time
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>"fire" - Google News</title>
<link>https://news.google.com/search?q=fire</link>
<item><title>Fire crews gain ground - Reuters - Reuters</title>
<link>{feed_server.url("/rss/articles/CCC")}</link>
<description>Fire crews gained ground on the blaze.</description>
<source url="https://www.reuters.com">Reuters</source></item>
<item><title>Dry weeks ahead - "fire" - Google News</title>
<link>{feed_server.url("/rss/articles/DDD")}</link>
<description>Dry weeks are ahead.</description></item>
</channel></rss>""".encode()
    url = feed_server.route("/rss/search", body, headers={"Content-Type": "application/xml"})
    saved = tmp_path / "fire.rss"
    saved.write_bytes(body)

    by_url = [i.article for i in fetch(make_fetcher(fetch_pages=False), url).items]
    from_file = load_file(saved)

    expected = [
        ("Fire crews gain ground - Reuters", "Reuters"),
        # the feed's own name leaves a headline too, as the outlet's does
        ("Dry weeks ahead", '"fire" - Google News'),
    ]
    assert [(a.headline, a.source) for a in by_url] == expected
    assert [(a.headline, a.source) for a in from_file] == expected


@pytest.mark.parametrize(
    "source", ["", '<source url="https://www.thehindu.com">The Hindu</source>']
)
def test_a_headline_ending_in_the_feeds_own_name_loses_it_by_url_and_from_a_file(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path, source: str
) -> None:
    # "Monsoon arrives in Kerala - The Hindu" under the source "The Hindu" repeats it; a
    # saved copy had lost the suffix (d1adb66), a today's change kept it in both
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Hindu</title><link>https://www.thehindu.com/</link>
<item><title>Monsoon arrives in Kerala - The Hindu</title>
<link>{feed_server.url("/news/monsoon")}</link>
<description>The monsoon arrived in Kerala on Thursday.</description>{source}</item>
<item><title>Hindu festival draws crowds - Our Reporter</title>
<link>{feed_server.url("/news/festival")}</link>
<description>Crowds gathered for the festival.</description></item>
<item><title>Straße in Kochi gesperrt - The Hindu</title>
<link>{feed_server.url("/news/strasse")}</link>
<description>A road in Kochi was closed.</description></item>
</channel></rss>""".encode()
    url = feed_server.route("/hindu.rss", body, headers={"Content-Type": "application/xml"})
    saved = tmp_path / "hindu.rss"
    saved.write_bytes(body)

    by_url = [i.article for i in fetch(make_fetcher(fetch_pages=False), url).items]
    from_file = load_file(saved)

    expected = [
        ("Monsoon arrives in Kerala", "The Hindu"),
        ("Hindu festival draws crowds - Our Reporter", "The Hindu"),  # another name stays
        ("Straße in Kochi gesperrt", "The Hindu"),  # "ß" folds to two letters
    ]
    assert [(a.headline, a.source) for a in by_url] == expected
    assert [(a.headline, a.source) for a in from_file] == expected


def test_a_saved_feed_without_a_site_warns_once_of_its_relative_links(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # each item had its own warning, advising "write https:///news/0"; it had been one for
    # the file, as a record's link that is no whole address gets
    items = "".join(
        f"<item><title>Item {n}</title><link>/news/{n}</link>"
        f"<description>Body {n} of the saved story.</description></item>"
        for n in range(6)
    )
    saved = tmp_path / "saved.rss"
    saved.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Saved</title>{items}'
        "</channel></rss>"
    )

    with caplog.at_level("WARNING", logger="retrieval.loaders"):
        articles = load_file(saved)

    assert [a.url for a in articles] == [None] * 6
    assert [r.getMessage() for r in caplog.records] == [
        f"{saved}: item 1: its link /news/0 is not used: a path on the feed's site, and the "
        "file names no site to read it against (give its channel a <link> to the site's "
        "address, https://...); 5 more items' links are not used either (said once for the "
        "file)"
    ]


@pytest.mark.parametrize(
    "feed_id", ["urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6", "tag:blog.example,2024:feed"]
)
def test_a_saved_atom_feed_whose_id_is_no_address_names_no_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, feed_id: str
) -> None:
    # feedparser gives an Atom feed without a <link> its <id> for a link; taken for the site,
    # it made the warning advise "write https:///posts/1"
    saved = tmp_path / "blog.atom"
    saved.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>'
        f"<id>{feed_id}</id><updated>2024-07-03T10:00:00Z</updated>"
        '<entry><title>G1</title><link href="/posts/1"/><id>urn:1</id>'
        "<updated>2024-07-03T10:00:00Z</updated><summary>Body G1 text.</summary></entry>"
        "</feed>"
    )

    with caplog.at_level("WARNING", logger="retrieval.loaders"):
        [article] = load_file(saved)

    assert article.url is None
    assert [r.getMessage() for r in caplog.records] == [
        f"{saved}: item 1: its link /posts/1 is not used: {feeds.NO_SITE}"
    ]


@pytest.mark.parametrize(
    ("channel", "link", "expected"),
    [
        ("site.example", "/story/1", "https://site.example/story/1"),
        ("www.site.example/news/", "story/1", "https://www.site.example/news/story/1"),
        ("", "www.site.example/story/4", "https://www.site.example/story/4"),
        ("", "site.example/story/4", "https://site.example/story/4"),
        ("", "news.site.example", "https://news.site.example"),
        # a verifier's third round: "//host/path" with no site had lost its link, advised to
        # "write https:////www...", and a host-first link on a bare-host site was read as a
        # path on it ("https://site.example/www.site.example/story/1")
        ("", "//www.protorel.example/story/1", "https://www.protorel.example/story/1"),
        ("site.example", "www.site.example/story/1", "https://www.site.example/story/1"),
        ("site.example", "//cdn.site.example/story/2", "https://cdn.site.example/story/2"),
        ("", "Reuters.COM/world/talks-1", "https://Reuters.COM/world/talks-1"),
        ("", "Example.Com/story", "https://Example.Com/story"),  # as typed; d1adb66 kept it
        # beside a site, a relative link with a dot is a path on it, not another real
        # domain ("https://article.do?id=5", "https://about.us/team" had been stored)
        ("site.example", "article.do?id=5", "https://site.example/article.do?id=5"),
        ("site.example", "about.us/team", "https://site.example/about.us/team"),
        ("site.example", "news.nsf/item", "https://site.example/news.nsf/item"),
        ("site.example", "Article.ashx?id=3", "https://site.example/Article.ashx?id=3"),
        # a fifth round: "//host" takes the site's scheme (http stays http), a host with a
        # port is one beside a site or none, and with no site a server page is no host
        ("http://site.example/", "//cdn.site.example/x", "http://cdn.site.example/x"),
        ("site.example", "www.site.example:8080/x", "https://www.site.example:8080/x"),
        ("site.example", "site.example:8080/x", "https://site.example:8080/x"),
        ("", "site.example:8080/x", "https://site.example:8080/x"),
        ("", "//localhost:8080/x", "https://localhost:8080/x"),
        # a sixth: "www." before "?" is a host still, beside a site or none
        ("", "www.site.example?x=1", "https://www.site.example?x=1"),
        ("site.example", "www.other.example?x=1", "https://www.other.example?x=1"),
    ],
)
def test_a_saved_feeds_address_written_without_its_scheme_is_https(
    tmp_path: Path, channel: str, link: str, expected: str
) -> None:
    # a channel <link>site.example</link> had been taken as the site as written ("write
    # https:///story/1"), and an item's "www.site.example/story/4" in a feed with no site
    # as a path on it, dropped: a link that begins with a host is an address
    saved = tmp_path / "site.rss"
    saved.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
        + (f"<link>{channel}</link>" if channel else "")
        + f"<item><title>S1</title><link>{link}</link>"
        "<description>Body of the first story.</description></item></channel></rss>"
    )

    [article] = load_file(saved)

    assert article.url == expected


def test_a_saved_feeds_page_name_without_a_site_is_no_host(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # "story.html" and "index.php/2024/x" are paths, not hosts, though they hold a dot; so
    # are a file's name ("report.pdf", "feed.xml#item4") and a name ("Mr.Smith"), which had
    # become "https://report.pdf", "https://feed.xml#item4", "https://Mr.Smith"
    links = ["story.html", "index.php/2024/x", "report.pdf", "feed.xml#item4", "Mr.Smith"]
    links += ["Index.Php/2024/x", "Story.Html"]  # capitalised, a page's name all the same
    links += ["ep0.aac", "ep1.opus", "ep2.flac", "video.mkv"]  # a podcast's files too
    links += ["article.do?id=5", "news.nsf/item", "search.cgi/x"]  # server pages
    links += ["//x", "//-/x", "//[bad/x"]  # no host; the last had stopped the whole file
    saved = tmp_path / "site.rss"
    saved.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
        + "".join(
            f"<item><title>S{n}</title><link>{link}</link>"
            f"<description>Body of story {n}.</description></item>"
            for n, link in enumerate(links)
        )
        + "</channel></rss>"
    )

    with caplog.at_level("WARNING", logger="retrieval.loaders"):
        articles = load_file(saved)

    assert [a.url for a in articles] == [None] * len(links)
    assert "story.html is not used" in caplog.text


def test_a_saved_podcast_episode_is_linked_to_its_audio_as_by_url(
    feed_server: FeedServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    # an episode with no <link>, only its <enclosure>, was linked to its MP3 by URL and had
    # no address at all from a saved copy of the feed
    mp3 = feed_server.url("/e41.mp3")
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Town Talk</title><link>https://town.example/</link>
<item><title>Episode 41: Tram budget</title><guid isPermaLink="false">ep41</guid>
<description>The council argues over the tram budget.</description>
<enclosure url="{mp3}" type="audio/mpeg" length="3"/></item>
</channel></rss>""".encode()
    url = feed_server.route("/pod.xml", body, headers={"Content-Type": "application/rss+xml"})
    saved = tmp_path / "pod.rss"
    saved.write_bytes(body)

    [by_url] = fetch(fetcher, url).items
    [from_file] = load_file(saved)

    assert (by_url.article.url, from_file.url) == (mp3, mp3)


ESCAPED_TAGS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Web Dev Weekly</title><link>{site}/</link>
<item><title>Stop using &lt;br&gt; for layout</title><link>{site}/br</link>
<description><![CDATA[Why &lt;br&gt; is not &lt;p&gt;.]]></description>
<content:encoded><![CDATA[<p>Many pages still write <code>&lt;b&gt;Warning&lt;/b&gt;</code> where
<code>&lt;strong&gt;</code> is meant.</p><p>An XSS payload such as
&lt;script&gt;alert(1)&lt;/script&gt; must be escaped.</p>]]></content:encoded></item>
</channel></rss>"""


def test_a_saved_feeds_text_showing_tags_keeps_them_as_by_url(
    feed_server: FeedServer, make_fetcher: Callable[..., Fetcher], tmp_path: Path
) -> None:
    # an item's HTML that escapes tags to show them ("&lt;b&gt;Warning&lt;/b&gt;") is read
    # once, as by URL; from a file the text already read had been read as HTML again, and
    # "<b>Warning</b>" and "<script>alert(1)</script>" lost their words
    body = ESCAPED_TAGS.format(site=feed_server.url("").rstrip("/")).encode()
    url = feed_server.route("/feed.xml", body, headers={"Content-Type": "application/xml"})
    saved = tmp_path / "web.rss"
    saved.write_bytes(body)

    [by_url] = [i.article for i in fetch(make_fetcher(fetch_pages=False), url).items]
    [from_file] = load_file(saved)

    assert [p.text for p in from_file.paragraphs] == [
        "Many pages still write <b>Warning</b> where <strong> is meant.",
        "An XSS payload such as <script>alert(1)</script> must be escaped.",
    ]
    assert from_file.headline == "Stop using <br> for layout"
    assert from_file.standfirst == "Why <br> is not <p>."  # by URL the text is the page's
    assert (from_file.headline, from_file.paragraphs) == (by_url.headline, by_url.paragraphs)


def test_a_saved_json_feeds_content_text_is_text_and_its_content_html_html(
    tmp_path: Path,
) -> None:
    # JSON Feed's content_text is plain text: "<script>...</script>" written there is words,
    # as by URL; content_html is HTML, read once
    saved = tmp_path / "notes.json"
    saved.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Dev Notes",
                "home_page_url": "https://dev.example.org/",
                "items": [
                    {
                        "id": "1",
                        "url": "https://dev.example.org/1",
                        "title": "Escaping tips",
                        "content_text": "Never paste <script>alert(1)</script> here.\n\n"
                        "Use <b>bold</b> sparingly.",
                    },
                    {
                        "id": "2",
                        "url": "https://dev.example.org/2",
                        "title": "Markup tips",
                        "content_html": "<p>Use <b>bold</b> sparingly.</p>"
                        "<p>Write &lt;em&gt; for stress.</p>",
                    },
                ],
            }
        )
    )

    text, markup = load_file(saved)

    assert [p.text for p in text.paragraphs] == [
        "Never paste <script>alert(1)</script> here.",
        "Use <b>bold</b> sparingly.",
    ]
    assert [p.text for p in markup.paragraphs] == [
        "Use bold sparingly.",
        "Write <em> for stress.",
    ]


# ---------------------------------------------------------------------------------------------
# Item pages on private addresses (server-side request forgery)

Addresses = list[str] | Callable[[], list[str]]
PUBLIC = "93.184.216.34"  # a public address; the `connections` fixture never lets it connect


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, Addresses]:
    """Made-up host names and their addresses (a list, or a function giving one per lookup);
    socket.getaddrinfo, as the fetcher and the socket module call it, answers them; other names
    resolve as usual."""
    names: dict[str, Addresses] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in names:
            return real(host, port, *args, **kwargs)
        found = names[host]
        number = int(port or 0)
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (a, number, 0, 0))
            if ":" in a
            else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, number))
            for a in (found() if callable(found) else found)
        ]

    monkeypatch.setattr(feeds.socket, "getaddrinfo", getaddrinfo)
    return names


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection opened, as (host, port); any not to 127.0.0.1 (or intranet.test,
    which the tests resolve to it) is refused here, so no test can reach another address."""
    made: list[tuple[str, int]] = []
    real = socket.create_connection

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        made.append((address[0], address[1]))
        if address[0] not in ("127.0.0.1", "intranet.test"):
            raise ConnectionRefusedError(f"test: no connection to {address[0]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return made


def port_of(server: FeedServer) -> int:
    """The test server's port."""
    return int(server.base_url.rsplit(":", 1)[1])


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.2", "a loopback address (127.0.0.2)"),
        ("10.0.0.1", "a private address (10.0.0.1)"),
        ("169.254.169.254", "a link-local address (169.254.169.254)"),
        ("[::1]", "a loopback address (::1)"),
        ("0.0.0.0", "an unspecified address (0.0.0.0)"),
        ("[fd00::1]", "a private address (fd00::1)"),
        ("100.64.0.1", "a non-public address (100.64.0.1)"),
    ],
)
def test_item_pages_on_private_addresses_are_not_fetched(
    feed_server: FeedServer,
    fetcher: Fetcher,
    connections: list[tuple[str, int]],
    host: str,
    kind: str,
) -> None:
    link = f"http://{host}:{port_of(feed_server)}/latest/meta-data/"
    url = feed_server.route("/feed", rss([{"title": "T", "link": link, "description": SUMMARY}]))

    result = fetch(fetcher, url)

    [item] = result.items
    assert item.text_from == "feed"
    assert result.warnings == (
        f"item 1: page {link} on {kind} not fetched; used the feed's own text",
    )
    assert [r.path for r in feed_server.requests] == ["/feed"]
    assert connections == [("127.0.0.1", port_of(feed_server))]  # the feed only


@pytest.mark.parametrize(
    "target",
    [
        "/watch?v=dQw4w9WgXcQ",  # a shortener's story: a page with an id in its query
        "/?p=123",  # WordPress
        "/news/consent-decree-signed",  # a slug that starts as a consent page's name
        "/technology/cookies-tracking-ban",
        "/tech/2024/removed",
    ],
)
def test_a_story_reached_through_a_redirect_is_read(
    feed_server: FeedServer, fetcher: Fetcher, target: str
) -> None:
    feed_server.route(target.partition("?")[0], page("Ferry timetable changes", *FULL_TEXT))
    link = feed_server.redirect("/s/abc123", target, status=301)
    url = feed_server.route(
        "/feed", rss([{"title": "Ferry timetable changes", "link": link, "description": SUMMARY}])
    )

    [item] = fetch(fetcher, url).items

    assert item.text_from == "page"


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("/", "it redirects to the site's front page"),
        ("/en/", "it redirects to the site's front page"),
        ("/news/", "it redirects to the site's front page"),
        ("/?removed=1", "it redirects to the site's front page"),
        ("/account/login?next=/news/ferry", "it redirects to a sign-in or subscription page"),
        ("/subscribe", "it redirects to a sign-in or subscription page"),
        ("/users/sign_in", "it redirects to a sign-in or subscription page"),
        ("/my-account/", "it redirects to a sign-in or subscription page"),
        ("/cookie-consent", "it redirects to a cookie or consent page"),
        ("/errors/410", "it redirects to an error page (the story is gone)"),
        ("/page-not-found", "it redirects to an error page (the story is gone)"),
    ],
)
def test_a_page_that_redirects_away_from_its_story_is_not_used(
    feed_server: FeedServer, fetcher: Fetcher, target: str, why: str
) -> None:
    # a removed story sent "home", one paywalled item sent to sign in: the item's text had
    # become "Welcome to the Gazette, your source for local news"
    feed_server.route(
        target.partition("?")[0],
        page("Gazette", "Welcome to the Gazette, your source for local news and sport."),
    )
    link = feed_server.redirect("/news/ferry", target, status=301)
    # a story moved, even under a part named as sign-in pages are: its page
    moved = feed_server.redirect("/news/pier", "/business/accounts/pier-reopens-2024")
    feed_server.route("/business/accounts/pier-reopens-2024", page("Pier reopens", *FULL_TEXT))
    url = feed_server.route(
        "/feed",
        rss(
            [
                {"title": "Ferry timetable changes", "link": link, "description": SUMMARY},
                {"title": "Pier reopens", "link": moved, "description": SUMMARY},
            ]
        ),
    )

    result = fetch(fetcher, url)

    ferry, pier = result.items
    assert ferry.text_from == "feed"
    assert [p.text for p in ferry.article.paragraphs] == [
        "Volcano erupts in Iceland.",
        "Lava flows toward a town.",
    ]
    assert result.warnings == (f"item 1: page {link} not used ({why}); used the feed's own text",)
    assert pier.text_from == "page"


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("http://10.0.0.1/admin", "a private address (10.0.0.1)"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address (169.254.169.254)"),
    ],
)
def test_a_redirect_from_a_page_to_a_private_address_is_not_followed(
    feed_server: FeedServer,
    fetcher: Fetcher,
    connections: list[tuple[str, int]],
    target: str,
    kind: str,
) -> None:
    feed_server.redirect("/story", target)
    link = feed_server.redirect("/old-story", "/story")  # same host: followed
    url = feed_server.route("/feed", rss([{"title": "T", "link": link, "description": SUMMARY}]))

    result = fetch(fetcher, url)

    assert result.items[0].text_from == "feed"
    assert result.warnings == (
        f"item 1: page {link} redirects to {target} on {kind}; not followed; "
        "used the feed's own text",
    )
    assert [r.path for r in feed_server.requests] == ["/feed", "/old-story", "/story"]
    assert {host for host, _port in connections} == {"127.0.0.1"}


@pytest.mark.parametrize(
    ("addresses", "refused"),
    [
        (["10.0.0.7"], "10.0.0.7"),
        ([PUBLIC, "192.168.1.9"], "192.168.1.9"),  # all addresses must be public
        (["::ffff:10.0.0.1"], "::ffff:10.0.0.1"),  # IPv4-mapped: reaches 10.0.0.1
    ],
)
def test_a_host_name_that_resolves_to_a_private_address_is_not_fetched(
    feed_server: FeedServer,
    fetcher: Fetcher,
    dns: dict[str, Addresses],
    connections: list[tuple[str, int]],
    addresses: list[str],
    refused: str,
) -> None:
    dns["wiki.corp.test"] = addresses
    link = "http://wiki.corp.test/secrets"
    items = [
        {"title": "T", "link": link, "description": SUMMARY},
        {"title": "No text", "link": link + "?page=2"},
    ]
    url = feed_server.route("/feed", rss(items))

    result = fetch(fetcher, url)

    assert [i.text_from for i in result.items] == ["feed"]
    assert result.warnings == (
        f"item 1: page {link} on a private address ({refused}) not fetched; "
        "used the feed's own text",
    )
    assert result.skipped == (
        (
            link + "?page=2",
            f"no text: page on a private address ({refused}) not fetched and the feed gives none",
        ),
    )
    assert connections == [("127.0.0.1", port_of(feed_server))]


def test_a_name_that_turns_private_between_check_and_connect_is_caught(
    feed_server: FeedServer,
    fetcher: Fetcher,
    dns: dict[str, Addresses],
    connections: list[tuple[str, int]],
) -> None:
    lookups: list[str] = []

    def rebinding() -> list[str]:  # public for the first lookup, then the bot's own machine
        lookups.append("rebind.test")
        return [PUBLIC] if len(lookups) == 1 else ["127.0.0.1"]

    dns["rebind.test"] = rebinding
    feed_server.route("/internal", page("Internal", *FULL_TEXT))
    link = f"http://rebind.test:{port_of(feed_server)}/internal"
    url = feed_server.route("/feed", rss([{"title": "T", "link": link, "description": SUMMARY}]))

    result = fetch(fetcher, url)

    assert result.warnings == (
        f"item 1: page {link} on a loopback address (127.0.0.1) not fetched; "
        "used the feed's own text",
    )
    assert len(lookups) == 2  # checked before the request, and again at connect time
    assert feed_server.requests_to("/internal") == []
    assert connections == [("127.0.0.1", port_of(feed_server))]


def test_a_public_page_is_connected_at_the_address_that_was_checked(
    feed_server: FeedServer,
    make_fetcher: Callable[..., Fetcher],
    dns: dict[str, Addresses],
    connections: list[tuple[str, int]],
) -> None:
    dns["news.test"] = [PUBLIC]
    link = "http://news.test/story"
    url = feed_server.route("/feed", rss([{"title": "T", "link": link, "description": SUMMARY}]))

    result = fetch(make_fetcher(retries=0), url)

    assert connections[1:] == [(PUBLIC, 80)]  # the checked address, not a second lookup
    assert result.warnings[0].startswith(f"item 1: page {link} not used (connection failed (")


def test_pages_on_the_feeds_own_host_are_fetched_even_when_private(
    feed_server: FeedServer,
    fetcher: Fetcher,
    dns: dict[str, Addresses],
    connections: list[tuple[str, int]],
) -> None:
    dns["intranet.test"] = ["127.0.0.1"]
    base = f"http://intranet.test:{port_of(feed_server)}"
    feed_server.route("/own", page("Own page", *FULL_TEXT))
    other = feed_server.route("/other", page("Other page", *FULL_TEXT))  # 127.0.0.1: not the feed's
    items = [
        {"title": "Own", "link": base + "/own"},
        {"title": "Other", "link": other, "description": SUMMARY},
    ]
    feed_server.route("/feed", rss(items))

    result = fetch(fetcher, base + "/feed")

    assert [i.text_from for i in result.items] == ["page", "feed"]
    assert result.warnings == (
        f"item 2: page {other} on a loopback address (127.0.0.1) not fetched; "
        "used the feed's own text",
    )
    assert [r.path for r in feed_server.requests] == ["/feed", "/own"]


@pytest.mark.parametrize("allow", [False, True])
def test_allow_private_pages_fetches_pages_on_other_private_hosts(
    feed_server: FeedServer,
    make_fetcher: Callable[..., Fetcher],
    dns: dict[str, Addresses],
    connections: list[tuple[str, int]],
    allow: bool,
) -> None:
    dns["intranet.test"] = ["127.0.0.1"]
    feed_server.route("/wiki", page("Wiki", *FULL_TEXT))
    link = f"http://intranet.test:{port_of(feed_server)}/wiki"
    url = feed_server.route("/feed", rss([{"title": "T", "link": link, "description": SUMMARY}]))

    result = fetch(make_fetcher(allow_private_pages=allow), url)

    assert result.items[0].text_from == ("page" if allow else "feed")
    assert len(feed_server.requests_to("/wiki")) == (1 if allow else 0)


def test_the_feed_itself_is_trusted_and_may_redirect_to_another_private_host(
    feed_server: FeedServer, fetcher: Fetcher, dns: dict[str, Addresses]
) -> None:
    dns["intranet.test"] = ["127.0.0.1"]
    feed_server.route("/feed", rss([{"title": "T", "description": SUMMARY}]))
    url = feed_server.redirect("/old-feed", f"http://intranet.test:{port_of(feed_server)}/feed")

    result = fetch(fetcher, url)

    assert (result.status, len(result.items)) == ("ok", 1)


def test_a_custom_transport_still_gets_the_check_before_each_request(
    make_fetcher: Callable[..., Fetcher],
) -> None:
    asked: list[str] = []
    feed = rss([{"title": "T", "link": "http://10.0.0.1/admin", "description": SUMMARY}])

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=feed)

    fetcher = make_fetcher(transport=httpx.MockTransport(answer))
    result = fetch(fetcher, "http://feeds.test/feed")

    assert result.items[0].text_from == "feed"
    assert "on a private address (10.0.0.1) not fetched" in result.warnings[0]
    assert asked == ["http://feeds.test/feed"]


# ---------------------------------------------------------------------------------------------
# URLs and settings


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://example.com/feed", "only http:// and https:// URLs can be fetched, not ftp:"),
        ("file:///etc/passwd", "only http:// and https:// URLs can be fetched, not file:"),
        ("javascript:alert(1)", "only http:// and https:// URLs can be fetched, not javascript:"),
        ("example.com/feed", "no https:// (or http://) in front; write https://example.com/feed"),
        # had been "..., not localhost:": urlsplit reads a host and its port as a scheme
        (
            "localhost:3000/rss",
            "no https:// (or http://) in front; write https://localhost:3000/rss",
        ),
        ("http:///feed", "the URL has no host name"),
        ("http://exa mple.com/", "the URL contains spaces or control characters"),
        ("", "empty URL"),
    ],
)
def test_bad_feed_urls_are_rejected(fetcher: Fetcher, url: str, problem: str) -> None:
    with pytest.raises(FeedError, match="give a feed URL like") as raised:
        check_url(url)
    assert problem in str(raised.value)

    result = fetcher.fetch(FeedSpec(url))

    assert (result.status, result.error) == ("failed", f"bad feed URL: {problem}")


def test_check_url_strips_and_keeps_good_urls() -> None:
    assert check_url("  https://example.com/feed.xml\n") == "https://example.com/feed.xml"
    assert check_url("HTTP://Example.com:8080/rss?x=1") == "HTTP://Example.com:8080/rss?x=1"


@given(st.text(max_size=40) | st.from_regex(r"\A(https?|ftp|file)://[a-z.:\[\]0-9]*(/.*)?\Z"))
def test_check_url_accepts_only_http_urls_with_a_host(url: str) -> None:
    try:
        checked = check_url(url)
    except FeedError:
        return
    assert checked.lower().startswith(("http://", "https://"))
    assert checked == url.strip()


def test_feed_spec_needs_a_positive_interval() -> None:
    with pytest.raises(FeedError, match="interval_minutes must be a positive"):
        FeedSpec("https://example.com/feed", interval_minutes=0)


def test_fetcher_is_a_context_manager(feed_server: FeedServer) -> None:
    url = feed_server.route("/feed", rss([{"title": "A", "description": "x"}]))
    with Fetcher(timeout=2.0) as fetcher:
        assert fetcher.fetch(FeedSpec(url)).status == "ok"
    with pytest.raises(RuntimeError, match="closed"):  # a bug in the caller, not a feed fault
        fetcher.fetch(FeedSpec(url))


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        # a header's Shift_JIS is Microsoft's cp932, as a browser reads it: "①" is in it alone
        ("Shift_JIS", "cp932", "東京で大雨、① 避難は三千人にのぼった。続報は明日の朝に出る予定。"),
        ("x-mac-roman", "mac_roman", "Café owners in Zürich say “prices” rose, and so did rents."),
    ],
)
def test_a_pages_http_charset_is_read_as_the_loaders_read_a_meta_one(
    feed_server: FeedServer, fetcher: Fetcher, label: str, codec: str, text: str
) -> None:
    # the header's label went to Python's own codecs ("shift_jis" lacks "①", "x-mac-roman" is
    # none), a page's <meta> one to the browsers' table: the two read one page two ways
    body = page("Heavy rain", text, *FULL_TEXT).replace(b"<meta charset='utf-8'>", b"")
    encoded = body.decode().encode(codec)
    link = feed_server.route(
        "/rain", encoded, headers={"Content-Type": f"text/html; charset={label}"}
    )
    url = feed_server.route("/feed", rss([{"title": "Heavy rain", "link": link}]))

    [item] = fetch(fetcher, url).items

    assert item.text_from == "page"
    assert item.article.paragraphs[0].text == text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        # two search feeds told apart ("?…" had shown both alike, in logs and /feeds)
        (
            "https://news.google.com/rss/search?q=ukraine&hl=en-US&gl=US&ceid=US:en",
            "https://news.google.com/rss/search?q=ukraine&hl=en-US&gl=US&ceid=US:en",
        ),
        ("https://x.example/news.php?4512", "https://x.example/news.php?4512"),
        # a secret by its parameter's name, or by its value's shape, and the login
        (
            "https://me:pw@x.example/f?api_key=abc&format=rss",
            "https://x.example/f?api_key=…&format=rss",
        ),
        ("https://x.example/f?t=9f86d081884c7d659a2feaa0c55ad015", "https://x.example/f?t=…"),
        ("https://x.example/f?u=bob&access_token=1", "https://x.example/f?u=…&access_token=…"),
        ("https://x.example/f?a1b2c3d4e5f6g7h8i9j0", "https://x.example/f?…"),
        # a parameter not known to say what the feed is about is masked, whatever its name
        ("https://x.example/f?user=alice&pw=hunter2", "https://x.example/f?user=…&pw=…"),
        ("https://x.example/f?q=x;salt=s3cr3t", "https://x.example/f?q=x;salt=…"),
        (
            "https://x.example/f?q=covid19+vaccine+2024",
            "https://x.example/f?q=covid19+vaccine+2024",
        ),
        # public ids and small numbers, unless a secret's name holds them (verify round 2)
        (
            "https://x.example/f?channel_id=UC16niRr50-MSBwiO3YDb3RA",
            "https://x.example/f?channel_id=UC16niRr50-MSBwiO3YDb3RA",
        ),
        ("https://x.example/f?action=rss;board=5", "https://x.example/f?action=…;board=5"),
        ("https://x.example/f?t=week&pin=1234", "https://x.example/f?t=week&pin=…"),
        # a password's or a key's shape under a name that lists words, a number under an
        # unknown name, a PIN's shape (verify round 3)
        ("https://x.example/f?u=alice&p=S3cretPw", "https://x.example/f?u=…&p=…"),
        ("https://x.example/f?t=8d7f6e5a4b3c&s=Xy7q9Lm2", "https://x.example/f?t=…&s=…"),
        ("https://x.example/f?access=839201&k=739104625", "https://x.example/f?access=…&k=…"),
        ("https://x.example/f?user=bob&p=0417", "https://x.example/f?user=…&p=…"),
        # search words with digits, and list numbers forums write (verify round 4)
        (
            "https://x.example/f?q=covid-19&tag=covid19",
            "https://x.example/f?q=covid-19&tag=covid19",
        ),
        ("https://x.example/f?type=rss;board=5.0", "https://x.example/f?type=rss;board=5.0"),
        ("https://x.example/f?fid=4&rssId=222", "https://x.example/f?fid=4&rssId=222"),
        # tokens under the names of words (verify round 5): a UUID, a short key, a password
        ("https://x.example/f?t=5f3c2a1b-9d8e-4c1a-b2d3-1234567890ab", "https://x.example/f?t=…"),
        (
            "https://x.example/f?source=ab12-cd34-ef56&s=hunter2pass",
            "https://x.example/f?source=…&s=…",
        ),
    ],
)
def test_a_feeds_address_is_shown_with_its_query_but_no_secret(url: str, shown: str) -> None:
    assert public_url(url) == shown


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://www.example.com/rss/world/", "example.com/rss/world"),
        ("https://example.com/", "example.com"),
        ("http://127.0.0.1:8080/feed.xml", "127.0.0.1:8080/feed.xml"),
        # what a search feed is about stays; a key or a password does not show at all
        (
            "https://news.google.com/rss/search?q=wildfire&hl=en",
            "news.google.com/rss/search?q=wildfire&hl=en",
        ),
        (
            "https://reader:s3cret@private.example/feed.xml?key=K3Y&cat=7",
            "private.example/feed.xml?cat=7",
        ),
        # a long path keeps its host and its last part that tells the feed apart (not
        # "feed.rss" or "latest", which many feeds' paths end in)
        (
            "https://www.example.com/sections/international/europe/politics/latest/feed.rss",
            "example.com/…/politics/latest/feed.rss",
        ),
        (
            "https://www.thehindu.com/news/international/feeder/default.rss",
            "thehindu.com/…/international/feeder/default.rss",
        ),
        (
            "https://www.thehindubusinessline.com/markets/stock-markets/feeder/default.rss",
            "thehindubusinessline.com/…/stock-markets",
        ),
        (
            "https://www.examplecountynewspaper.com/category/local-news/feed/",
            "examplecountynewspaper.com/…/local-news/feed",
        ),
        # a search's words first, the search settings after, left out when too long
        (
            "https://news.google.com/rss/search?hl=en-US&gl=US&ceid=US:en&q=wildfire",
            "news.google.com/rss/search?q=wildfire",
        ),
        (
            "https://example.com/rss?format=atom&tag=floods",
            "example.com/rss?tag=floods&format=atom",
        ),
        # a part shaped like a key is not what tells a feed apart
        (
            "https://example.com/private/feeds/8f14e45fceea167a5a36dedd4bea2543/rss.xml",
            "example.com/private/…",
        ),
    ],
)
def test_a_feed_without_a_name_is_shown_by_its_host_and_short_path(url: str, label: str) -> None:
    # lists and ingest lines showed an unnamed feed as its whole address
    assert feed_label(url) == label
    assert len(label) <= 48


def test_unnamed_feeds_get_labels_that_tell_them_apart() -> None:
    # two Google News searches (their q= last) were both "news.google.com/…/search?hl=en-US&
    # gl=US&ceid=US…", two sections' default.rss both "thehindu.com/…/default.rss"; two
    # feeds one label would still give are shown by their (masked) addresses
    urls = [
        "https://news.google.com/rss/search?hl=en-US&gl=US&ceid=US:en&q=wildfire",
        "https://news.google.com/rss/search?hl=en-US&gl=US&ceid=US:en&q=floods",
        "https://www.thehindu.com/news/international/feeder/default.rss",
        "https://www.thehindu.com/sci-tech/technology/feeder/default.rss",
        "https://www.examplecountynewspaper.com/category/local-news/feed/",
        "https://www.examplecountynewspaper.com/category/high-school-sports/feed/",
        "https://example.com/rss?key=ONE",
        "https://example.com/rss?key=TWO",
        "https://example.com/rss?q=" + "x" * 60 + "1",
        "https://example.com/rss?q=" + "x" * 60 + "2",
    ]

    labels = feed_labels(urls)

    assert len(set(labels.values())) == len(urls) - 1  # the two keys differ only in secret
    assert labels[urls[6]] == labels[urls[7]] == "https://example.com/rss?key=…"
    assert labels[urls[8]] == public_url(urls[8])
    assert labels[urls[0]] == feed_label(urls[0])
    assert all("ONE" not in label and "TWO" not in label for label in labels.values())
