"""Live news on Telegram (bot/telegram_news.py): follows, alerts after a refresh, feed admin
and /latest source:NAME, through Application.process_update on a recording Bot API."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

import bot.telegram_news as tn
from bot.ask import LibraryFacts
from bot.config import NewsSettings, TelegramSettings
from bot.telegram_app import App, Backend, NewsBot, build_application
from bot.telegram_news import NewsDesk, Refreshed
from retrieval.articles import Article, CorpusError, Paragraph
from retrieval.db import NewsDB, StoreError
from retrieval.feedspec import FeedSpec
from retrieval.ingest import IngestReport
from retrieval.library import SearchConfig, open_library
from retrieval.search import Searcher
from tests.conftest import make_article
from tests.fake_bot_api import (
    BOT_USERNAME,
    FORUM_CHAT,
    GROUP_CHAT,
    OTHER_USER,
    USER,
    FakeBotAPI,
    RecordingRequest,
    callback_update,
    inline_update,
    message_update,
    text_message,
)
from tests.telegram_html import check_telegram_html

TOKEN = "123456789:AAH-secret-test-token-do-not-log"
TODAY = date(2024, 1, 20)
ADMIN = USER["id"]

SEED = make_article(
    "Museum reopens after renovation",
    "The city museum reopened its doors to visitors after two years of work.",
    published=date(2024, 1, 2),
    source="City Paper",
)
VOLCANO = make_article(
    "Volcano erupts near Grindavik",
    "Lava from the volcano flowed toward the fishing town of Grindavik on Sunday.",
    published=date(2024, 1, 19),
    source="Nordic Wire",
    url="https://news.example/volcano",
)
RATES = make_article(
    "Central bank raises interest rates",
    "The central bank raised interest rates by a quarter point to fight inflation.",
    published=date(2024, 1, 19),
    source="Money Daily",
    url="https://news.example/rates",
)
ERUPTION_UPDATE = make_article(
    "Second eruption at the Grindavik volcano",
    "A second fissure opened and lava from the volcano reached the edge of Grindavik.",
    published=date(2024, 1, 20),
    source="Nordic Wire",
    url="https://news.example/volcano-2",
)


@dataclass
class Desk:
    """A bot with a news desk over a real library and news store, and the pending articles
    the next refresh will 'read from the feeds'."""

    app: App
    api: FakeBotAPI
    bot: NewsBot
    desk: NewsDesk
    db: NewsDB
    pending: list[Article]

    async def send(self, text: str, **message: Any) -> None:
        update = message_update(text_message(text, **message))
        await self.app.process_update(Update.de_json(update, self.app.bot))

    def last_message(self) -> dict[str, Any]:
        """The last message the bot sent, as Telegram returned it."""
        return dict(self.api.results("sendMessage")[-1])

    async def press(self, label: str, message: dict[str, Any]) -> None:
        """Press the button whose label starts so under a message the bot sent."""
        rows = message["reply_markup"]["inline_keyboard"]
        [data] = [b["callback_data"] for row in rows for b in row if b["text"].startswith(label)]
        await self.app.process_update(Update.de_json(callback_update(data, message), self.app.bot))

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [
            str(p["text"])
            for p in self.api.sent("sendMessage")
            if chat_id is None or p["chat_id"] == chat_id
        ]


@pytest.fixture
async def make_desk(tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    apps: list[App] = []
    dbs: list[NewsDB] = []

    async def make(
        *,
        telegram: dict[str, Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
        store_timeout: float = 5.0,
        **news: Any,
    ) -> Desk:
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        record = {
            "id": "seed",
            "headline": SEED.headline,
            "published": "2024-01-02",
            "source": "City Paper",
            "paragraphs": [SEED.paragraphs[0].text],
        }
        (corpus / "seed.json").write_text(json.dumps(record), encoding="utf-8")
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        db = NewsDB(data / "news.sqlite3", timeout=store_timeout)
        dbs.append(db)
        pending: list[Article] = []

        def backend() -> Backend:
            report = open_library([corpus], data, SearchConfig(), news=db)
            return Backend(Searcher(report.library), LibraryFacts(report.library))

        served = [db.last_seq()]

        def refresher(due_only: bool) -> Refreshed:
            # as `newsbot run`'s: a new library whenever the store changed since the last one
            report = IngestReport(feeds=1)
            added = db.add_articles([(a, None) for a in pending])
            pending.clear()
            report.new, report.new_keys = len(added.new), list(added.new)
            latest = db.last_seq()
            changed, served[0] = latest != served[0], latest
            return Refreshed(report, backend() if changed else None)

        settings = NewsSettings(
            **{"feeds": (FeedSpec("https://feeds.example/rss", "Example"),), **news}
        )
        bot = NewsBot(
            backend(),
            TelegramSettings(
                **{"throttle_per_minute": 0, "admin_ids": frozenset({ADMIN}), **(telegram or {})}
            ),
            today=lambda: TODAY,
            clock=clock,
            desk=lambda b: NewsDesk(b, db, settings, refresher, today=lambda: TODAY),
        )
        assert bot.desk is not None
        api = FakeBotAPI()
        request = RecordingRequest(api)
        app = build_application(bot, TOKEN, request=request, get_updates_request=request)
        await app.initialize()
        apps.append(app)
        api.calls.clear()
        return Desk(app, api, bot, bot.desk, db, pending)

    yield make
    for app in apps:
        await app.shutdown()
    for db in dbs:
        db.close()


async def test_follow_list_and_unfollow(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano eruption")
    await desk.send("/follow interest rates source:city")
    await desk.send("/following")
    await desk.send("/unfollow 1")
    await desk.send("/unfollow 7")
    await desk.send("/following")
    texts = desk.texts()
    assert texts[0].startswith("Following “volcano eruption”")
    assert "volcano eruption" in texts[2]
    assert "interest rates source:city" in texts[2]
    assert texts[3] == "Stopped following “volcano eruption”."
    assert "does not follow that" in texts[4]
    assert "volcano eruption" not in texts[5]
    assert "interest rates" in texts[5]
    for text in (texts[2], texts[5]):
        check_telegram_html(text)
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates source:city"]


async def test_the_same_unfollow_number_sent_twice_at_once_stops_one_follow(
    make_desk: Callable[..., Any],
) -> None:
    # a double tap or a resend had stopped the follow that moved up to number 1 as well
    desk: Desk = await make_desk()
    now = [100.0]
    desk.desk.clock = lambda: now[0]
    for query in ("volcano eruption", "interest rates", "oil prices", "wildfires"):
        await desk.send(f"/follow {query}")
    await desk.send("/unfollow 1")
    await desk.send("/unfollow 1")
    assert desk.texts()[-2] == "Stopped following “volcano eruption”."
    assert desk.texts()[-1] == tn.UNFOLLOW_REPEATED.format(query="volcano eruption", number="1")
    assert [f.query for f in desk.db.follows(USER["id"])] == [
        "interest rates",
        "oil prices",
        "wildfires",
    ]
    await desk.send("/unfollow 1")  # sent again after the note: meant
    assert desk.texts()[-1] == "Stopped following “interest rates”."
    now[0] += tn.UNFOLLOW_REPEAT_SECONDS + 1
    await desk.send("/unfollow 1")  # much later: meant
    assert desk.texts()[-1] == "Stopped following “oil prices”."
    assert [f.query for f in desk.db.follows(USER["id"])] == ["wildfires"]


async def test_unfollow_of_several_numbers_stops_each_as_listed(
    make_desk: Callable[..., Any],
) -> None:
    # "/unfollow 1 2" had stopped neither ("does not follow that"); stopped one at a time,
    # the second number would have named the follow that moved up to it
    desk: Desk = await make_desk()
    now = [100.0]
    desk.desk.clock = lambda: now[0]
    for query in ("volcano eruption", "interest rates", "oil prices", "wildfires", "mars"):
        await desk.send(f"/follow {query}")
    await desk.send("/unfollow 1 3")
    assert desk.texts()[-1] == "Stopped following “volcano eruption” and “oil prices”."
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates", "wildfires", "mars"]
    await desk.send("/unfollow 1 3")  # a resend at once: nothing more stops
    assert desk.texts()[-1] == tn.UNFOLLOW_REPEATED_MANY.format(
        queries="“volcano eruption” and “oil prices”", numbers="1 3"
    )
    assert len(desk.db.follows(USER["id"])) == 3
    now[0] += tn.UNFOLLOW_REPEAT_SECONDS + 1
    await desk.send("/unfollow 2, 3 and 9")
    assert desk.texts()[-1] == (
        "Stopped following “wildfires” and “mars”. No follow is number 9; /following lists them."
    )
    await desk.send("/unfollow 7 8")
    assert "does not follow that" in desk.texts()[-1]
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates"]


async def test_a_follow_whose_text_is_numbers_is_stopped_by_its_text(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow oil prices")
    await desk.send("/follow 24 7")
    await desk.send("/unfollow 24 7")
    assert desk.texts()[-1] == "Stopped following “24 7”."
    assert [f.query for f in desk.db.follows(USER["id"])] == ["oil prices"]


async def test_stop_typed_without_a_slash_points_a_follower_to_unfollow(
    make_desk: Callable[..., Any],
) -> None:
    # searched, "stop" had been told "No good match for “stop”", alerts still coming
    desk: Desk = await make_desk()
    await desk.send("stop")
    await desk.send("/follow volcano eruption")
    await desk.send("Stop!")
    await desk.send("unsubscribe")
    texts = desk.texts()
    assert texts[0].startswith("This chat gets no alerts")
    assert texts[2].startswith("To stop alerts, send /unfollow NUMBER")
    assert texts[3].startswith("To stop alerts, send /unfollow NUMBER")
    assert "/ask unsubscribe" in texts[3]


async def test_unfollow_takes_the_follow_as_follow_would_take_it(
    make_desk: Callable[..., Any],
) -> None:
    # "/follow Oil Prices!" was "already follows", but "/unfollow Oil Prices!", and the
    # bot's own quoting of it, “oil prices”, were "does not follow that"
    desk: Desk = await make_desk()
    for query in ("oil prices", "wildfires", "interest rates"):
        await desk.send(f"/follow {query}")
    await desk.send("/unfollow Oil Prices!")
    await desk.send("/unfollow “wildfires”")
    await desk.send("/unfollow gas prices")
    assert desk.texts()[-3:] == [
        "Stopped following “oil prices”.",
        "Stopped following “wildfires”.",
        tn.NOT_FOLLOWED,
    ]
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates"]
    # a follow as written comes first: an older store's "Oil!" beside "oil"; the bot's
    # quoting of the words beside a follow of the phrase
    for query in ('"oil prices"', "oil prices"):
        await desk.send(f"/follow {query}")
    desk.db.add_follow(USER["id"], "Oil!")
    desk.db.add_follow(USER["id"], "oil")
    await desk.send("/unfollow oil")
    await desk.send("/unfollow “oil prices”")
    await desk.send('/unfollow "oil prices"')
    assert desk.texts()[-3:] == [
        "Stopped following “oil”.",
        "Stopped following “oil prices”.",
        'Stopped following “"oil prices"”.',
    ]
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates", "Oil!"]


async def test_a_double_tapped_unfollow_stops_one_follow_though_both_arrive_at_once(
    make_desk: Callable[..., Any],
) -> None:
    # python-telegram-bot runs updates concurrently: both had stopped a follow before
    # either was remembered
    desk: Desk = await make_desk()
    for query in ("volcano eruption", "interest rates", "oil prices"):
        await desk.send(f"/follow {query}")
    update = message_update(text_message("/unfollow 1"))
    again = message_update(text_message("/unfollow 1"))
    await asyncio.gather(
        desk.app.process_update(Update.de_json(update, desk.app.bot)),
        desk.app.process_update(Update.de_json(again, desk.app.bot)),
    )
    assert [f.query for f in desk.db.follows(USER["id"])] == ["interest rates", "oil prices"]
    assert sorted(desk.texts()[-2:]) == sorted(
        [
            "Stopped following “volcano eruption”.",
            tn.UNFOLLOW_REPEATED.format(query="volcano eruption", number="1"),
        ]
    )
    # the last one sent twice: nothing moved up to its number
    await desk.send("/unfollow 2")
    await desk.send("/unfollow 2")
    assert desk.texts()[-1] == tn.UNFOLLOW_GONE.format(query="oil prices")


async def test_follow_explains_bad_operators_and_empty_queries(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk(max_follows=1)
    await desk.send("/follow")
    await desk.send("/follow volcano since:last-tuesday")
    await desk.send("/follow volcano")
    await desk.send("/follow Volcano")
    await desk.send("/follow rates")
    await desk.send("/follow " + "long words " * 30)
    await desk.send("/follow a" + " " * 300 + "b")  # kept as "a b": refused as too long
    texts = desk.texts()
    assert texts[0].startswith("Put what to follow after the command")
    assert "since:" in texts[1]
    assert "Following" not in texts[1]
    assert texts[2].startswith("Following “volcano”")
    assert "already follows" in texts[3]
    assert texts[4] == "This chat follows as many topics as it may (1); /unfollow one first."
    assert texts[5].startswith("Keep what you follow under 200 characters")
    assert texts[6] == "This chat follows as many topics as it may (1); /unfollow one first."
    assert len(desk.db.follows(USER["id"])) == 1


async def test_a_follow_typed_again_with_other_punctuation_is_the_same_follow(
    make_desk: Callable[..., Any],
) -> None:
    # "Oil!" and "oil." were two more follows of "oil", each alerting the same stories
    desk: Desk = await make_desk()
    for typed in ("oil", "Oil!", "oil.", "OIL?", "oils"):
        await desk.send(f"/follow {typed}")
    await desk.send('/follow "oil"')  # a phrase: another search
    await desk.send("/follow oil -gas")  # an exclusion: another search
    texts = desk.texts()
    assert texts[0].startswith("Following “oil”")
    assert texts[1:5] == ["This chat already follows “oil”."] * 4
    assert [f.query for f in desk.db.follows(USER["id"])] == ["oil", '"oil"', "oil -gas"]


async def test_a_follow_that_could_never_alert_is_refused_and_says_why(
    make_desk: Callable[..., Any],
) -> None:
    # "source:reuterz" (a typo) and a before: in the past were followed, and never alerted
    desk: Desk = await make_desk()
    await desk.send("/follow glaciers source:reuterz")
    await desk.send("/follow glaciers before:2020-01-01")
    await desk.send(f"/follow glaciers before:{(TODAY - timedelta(days=7)).isoformat()}")
    await desk.send("/follow glaciers source:paper")  # the corpus's "City Paper"
    await desk.send("/follow glaciers source:example")  # a configured feed's, yet to bring any
    await desk.send(f"/follow volcano before:{(TODAY - timedelta(days=6)).isoformat()}")
    await desk.send("/follow volcano since:2d")  # "before" today, not typed
    await desk.send("/follow glaciers since:2030-01-01")  # accepted, and silent until 2030
    await desk.send(f"/follow glaciers since:{(TODAY + timedelta(days=1)).isoformat()}")
    await desk.send(f"/follow volcano since:{TODAY.isoformat()}")
    texts = desk.texts()
    assert texts[0] == (
        "No source matches “reuterz”. Sources here: City Paper. Follow a source once it has "
        "stories here (/sources lists them)."
    )
    assert texts[1].startswith("Alerts are for stories from the last 7 days, and ")
    assert "before:2020-01-01" in texts[1]
    assert texts[2].startswith("Alerts are for stories from the last 7 days")
    assert all(text.startswith("Following") for text in texts[3:7]), texts[3:7]
    assert texts[7] == (
        "since:2030-01-01 is still to come: the follow would stay silent until then; "
        "follow without it."
    )
    assert texts[8].startswith("since:2024-01-21 is still to come")
    assert texts[9].startswith("Following")
    assert len(desk.db.follows(USER["id"])) == 5


async def test_follow_with_only_invisible_characters_or_no_words_is_told_so(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # invisible characters passed the empty check, then add_follow raised: "something went
    # wrong"; "***" or an emoji was stored as a follow that could never match
    desk: Desk = await make_desk()
    for invisible in ("\u200b", "\u00ad", "\u2060", "\ufeff", "\u200b \u2060"):
        await desk.send("/follow " + invisible)
    await desk.send("/follow ***")
    await desk.send("/follow 🙂")
    await desk.send("/follow -volcano")  # leaves stories out and names none: all the rest
    await desk.send("/follow source:example")  # a filter alone matches the source's stories
    texts = desk.texts()
    assert all(t.startswith("Put what to follow after the command") for t in texts[:5])
    assert texts[5].startswith("“***” has no words to match stories by; follow a few words")
    assert texts[6].startswith("“🙂” has no words to match stories by")
    assert texts[7].startswith("“-volcano” has no words to match stories by")
    assert texts[8].startswith("Following “source:example”")
    assert [f.query for f in desk.db.follows(USER["id"])] == ["source:example"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_refresh_alerts_each_matching_follow_once(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano Grindavik")
    await desk.send("/follow volcano", user=OTHER_USER)
    desk.pending.extend([VOLCANO, RATES])
    await desk.send("/refresh")
    mine = desk.texts(USER["id"])
    alerts = [t for t in mine if t.startswith("<i>New on")]
    assert len(alerts) == 1
    assert VOLCANO.headline in alerts[0]
    assert RATES.headline not in alerts[0]
    check_telegram_html(alerts[0])
    other = [t for t in desk.texts(OTHER_USER["id"]) if t.startswith("<i>New on")]
    assert len(other) == 1
    assert VOLCANO.headline in other[0]
    # the library was swapped in: questions find the new article
    await desk.send("interest rates inflation")
    assert RATES.headline in desk.texts(USER["id"])[-1]
    # nothing new: no alert again; a new matching story: one more alert, with only it
    await desk.send("/refresh")
    assert len([t for t in desk.texts(USER["id"]) if t.startswith("<i>New on")]) == 1
    desk.pending.append(ERUPTION_UPDATE)
    await desk.send("/refresh")
    alerts = [t for t in desk.texts(USER["id"]) if t.startswith("<i>New on")]
    assert len(alerts) == 2
    assert ERUPTION_UPDATE.headline in alerts[1]
    assert VOLCANO.headline not in alerts[1]


async def test_alerts_to_a_chat_that_blocked_the_bot_drop_its_follows(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano", user=OTHER_USER)
    await desk.send("/follow volcano")
    desk.api.fail(
        "sendMessage",
        403,
        "Forbidden: bot was blocked by the user",
        times=5,
        when=lambda p: p["chat_id"] == OTHER_USER["id"],
    )
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    assert desk.db.follows(OTHER_USER["id"]) == []
    assert len(desk.db.follows(USER["id"])) == 1


GONE_GROUP = {"id": -100999, "type": "supergroup", "title": "Deleted group"}


async def test_a_chat_that_fails_costs_no_other_chat_its_alert(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano Grindavik", chat=GONE_GROUP)
    await desk.send("/follow volcano", chat=GROUP_CHAT)
    await desk.send("/follow volcano Grindavik")  # followed after the failing chats
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: chat not found",
        times=99,
        when=lambda p: p["chat_id"] == GONE_GROUP["id"],
    )
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: message is too long",
        times=99,
        when=lambda p: p["chat_id"] == GROUP_CHAT["id"],
    )
    desk.pending.append(VOLCANO)

    await desk.send("/refresh")

    [alert] = [t for t in desk.texts(USER["id"]) if t.startswith("<i>New on")]
    assert VOLCANO.headline in alert
    assert desk.db.follows(GONE_GROUP["id"]) == []  # the chat is gone: so are its follows
    assert len(desk.db.follows(GROUP_CHAT["id"])) == 1  # a refused message is not a gone chat
    # the refresh finished: its reply, said before the alerts, then the alert
    assert [t[:9] for t in desk.texts(USER["id"])[-2:]] == ["Refreshed", "<i>New on"]


async def test_a_follow_made_in_a_forum_topic_alerts_in_that_topic(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano", chat=FORUM_CHAT, thread_id=7)
    desk.pending.append(VOLCANO)

    await desk.send("/refresh")

    [alert] = [p for p in desk.api.sent() if p["chat_id"] == FORUM_CHAT["id"]][1:]
    assert VOLCANO.headline in str(alert["text"])
    assert alert["message_thread_id"] == 7


async def test_an_alert_refused_twice_is_sent_last_in_its_topic(
    make_desk: Callable[..., Any],
) -> None:
    # HTML, then plain text refused (a bad button): the last try had gone to General
    desk: Desk = await make_desk()
    await desk.send("/follow volcano", chat=FORUM_CHAT, thread_id=7)
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: BUTTON_DATA_INVALID",
        times=2,
        when=lambda p: p["chat_id"] == FORUM_CHAT["id"],
    )
    desk.pending.append(VOLCANO)

    await desk.send("/refresh")

    tries = [p for p in desk.api.sent() if p["chat_id"] == FORUM_CHAT["id"]][1:]
    assert len(tries) == 3
    assert VOLCANO.headline in str(tries[-1]["text"])
    assert tries[-1]["message_thread_id"] == 7
    assert "reply_markup" not in tries[-1]


async def test_follows_of_a_deleted_topic_alert_in_the_chat_from_then_on(
    make_desk: Callable[..., Any],
) -> None:
    # every alert tried the gone topic first (refused), then the chat: forever
    desk: Desk = await make_desk()
    await desk.send("/follow volcano", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/follow rates", chat=FORUM_CHAT, thread_id=7)
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: message thread not found",
        times=99,
        when=lambda p: p.get("message_thread_id") == 7,
    )
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    desk.pending.append(RATES)
    await desk.send("/refresh")

    alerts = [p for p in desk.api.sent() if str(p["text"]).startswith("<i>New on")]
    # the first alert's try in the topic, then the chat, and never the topic again
    assert [p.get("message_thread_id") for p in alerts] == [7, None, None]
    assert RATES.headline in str(alerts[-1]["text"])
    follows = desk.db.follows(FORUM_CHAT["id"])
    assert sorted((f.query, f.thread_id) for f in follows) == [("rates", None), ("volcano", None)]


async def test_alerts_follow_a_group_that_became_a_supergroup(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    old = {"id": -4321, "type": "group", "title": "Volcano watchers"}
    new_id = -1004321
    await desk.send("/follow volcano", chat=old)
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        times=99,
        when=lambda p: p["chat_id"] == old["id"],
        parameters={"migrate_to_chat_id": new_id},
    )
    desk.pending.append(VOLCANO)

    await desk.send("/refresh")

    [alert] = desk.texts(new_id)
    assert VOLCANO.headline in alert
    assert desk.db.follows(old["id"]) == []
    assert [f.query for f in desk.db.follows(new_id)] == ["volcano"]


@pytest.mark.parametrize("told_in", ["old group", "supergroup", "both"])
async def test_a_group_that_became_a_supergroup_takes_its_follows_along(
    make_desk: Callable[..., Any], told_in: str
) -> None:
    # the follows stayed under the old id: /following in the supergroup said "nothing yet",
    # and a follow made again there alerted every story twice
    desk: Desk = await make_desk()
    old = {"id": -4321, "type": "group", "title": "Volcano watchers"}
    new = {"id": -1004321, "type": "supergroup", "title": "Volcano watchers"}
    await desk.send("/follow volcano", chat=old)
    service = {"message_id": 900, "date": 1_717_000_000, "from": USER}
    told = []
    if told_in != "supergroup":  # Telegram tells both chats, in either order
        told.append({**service, "chat": old, "migrate_to_chat_id": new["id"]})
    if told_in != "old group":
        told.append({**service, "chat": new, "migrate_from_chat_id": old["id"]})
    for message in told:
        await desk.app.process_update(Update.de_json(message_update(message), desk.app.bot))

    assert [f.query for f in desk.db.follows(new["id"])] == ["volcano"]
    assert desk.db.follows(old["id"]) == []
    await desk.send("/follow volcano", chat=new)
    assert [f.query for f in desk.db.follows(new["id"])] == ["volcano"]  # one, not two


def migrated(old: dict[str, Any], new: dict[str, Any], user: dict[str, Any]) -> list[Update]:
    """Telegram's two service messages of a group that became a supergroup."""
    service = {"message_id": 900, "date": 1_717_000_000, "from": user}
    return [
        Update.de_json(message_update({**service, "chat": old, "migrate_to_chat_id": new["id"]})),
        Update.de_json(message_update({**service, "chat": new, "migrate_from_chat_id": old["id"]})),
    ]


async def test_an_allowed_group_that_became_a_supergroup_stays_allowed(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # with allowed_chats, the supergroup got no answer at all, while the follows moved there
    # went on alerting: a "private bot for our group" died the day the group grew
    old = {"id": -4321, "type": "group", "title": "Volcano watchers"}
    new = {"id": -1004321, "type": "supergroup", "title": "Volcano watchers"}
    desk: Desk = await make_desk(telegram={"allowed_chats": frozenset({old["id"]})})
    await desk.send("/follow volcano", chat=old, user=OTHER_USER)
    with caplog.at_level(logging.WARNING):
        for update in migrated(old, new, OTHER_USER):
            update.set_bot(desk.app.bot)
            await desk.app.process_update(update)
    await desk.send("/following", chat=new, user=OTHER_USER)
    await desk.send("/unfollow 1", chat=new, user=OTHER_USER)

    assert "volcano" in desk.texts(new["id"])[0]
    assert desk.texts(new["id"])[1] == "Stopped following “volcano”."
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning == (
        "group -4321, which telegram.allowed_chats allows, became supergroup -1004321; "
        "answering there too: add -1004321 to telegram.allowed_chats"
    )
    assert desk.app.bot_data["migrated_chats"] == {new["id"]}  # saved with the questions


async def test_a_refused_group_that_became_a_supergroup_is_refused_and_keeps_its_follows(
    make_desk: Callable[..., Any],
) -> None:
    old = {"id": -4321, "type": "group", "title": "Volcano watchers"}
    new = {"id": -1004321, "type": "supergroup", "title": "Volcano watchers"}
    desk: Desk = await make_desk(telegram={"allowed_chats": frozenset({GROUP_CHAT["id"]})})
    await desk.send("/follow volcano", chat=old)  # an admin's: admins are let in anywhere
    for update in migrated(old, new, OTHER_USER):
        update.set_bot(desk.app.bot)
        await desk.app.process_update(update)
    await desk.send("/following", chat=new, user=OTHER_USER)

    assert desk.texts(new["id"]) == []
    assert [f.query for f in desk.db.follows(old["id"])] == ["volcano"]
    assert "migrated_chats" not in desk.app.bot_data


async def test_feed_commands_are_for_admins(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/addfeed https://other.example/feed.xml Other", user=OTHER_USER)
    await desk.send("/refresh", user=OTHER_USER)
    assert desk.texts() == ["Only the bot's admins may do that."] * 2
    await desk.send("/addfeed file:///etc/passwd")
    assert "http" in desk.texts()[-1]
    await desk.send("/addfeed https://other.example/feed.xml Other News")
    assert desk.texts()[-2] == "Added Other News; reading it now."
    assert [r.name for r in desk.db.feeds() if r.added_by == ADMIN] == ["Other News"]
    await desk.send("/addfeed https://third.example/feed.xml Other News")
    assert "already used" in desk.texts()[-1]
    await desk.send("/feeds")
    listing = desk.texts()[-1]
    assert "Example" in listing
    assert "Other News" in listing
    check_telegram_html(listing)
    await desk.send("/removefeed https://feeds.example/rss")
    assert "config file" in desk.texts()[-1]
    await desk.send("/removefeed Other News")
    assert desk.texts()[-1].startswith("Removed Other News")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        # had said "'not': only http:// and https:// URLs can be fetched, not no scheme; ..."
        ("/addfeed not a url", "'not' is no web address: a feed URL starts with https://"),
        ("/addfeed example.org/rss", "'example.org/rss' has no https:// in front: send "),
        ("/addfeed example.org:8080/rss", "'example.org:8080/rss' has no https:// in front"),
        ("/addfeed mailto:news@example.org", "only http:// and https:// URLs can be fetched"),
        # a host without a dot had been "no web address" ("localhost:3000" read as a scheme)
        (
            "/addfeed localhost:3000/rss",
            "'localhost:3000/rss' has no https:// in front: send /addfeed https://localhost:3000/rss",
        ),
        (
            "/addfeed 127.0.0.1:8080/feed",
            "'127.0.0.1:8080/feed' has no https:// in front: send /addfeed https://127.0.0.1:8080/feed",
        ),
        (
            "/addfeed intranet:8080/feed",
            "'intranet:8080/feed' has no https:// in front: send /addfeed https://intranet:8080/feed",
        ),
        ("/addfeed http:8080", "the URL has no host name"),
    ],
)
async def test_addfeed_without_a_scheme_says_to_put_https_in_front(
    make_desk: Callable[..., Any], command: str, said: str
) -> None:
    desk: Desk = await make_desk()
    await desk.send(command)
    reply = desk.texts()[-1]
    assert said in reply
    assert "no scheme" not in reply
    if said.endswith("send "):
        assert "send /addfeed https://example.org/rss" in reply


@pytest.mark.parametrize(
    "command",
    ["/follow", "/follow volcano", "/following", "/unfollow", "/unfollow 9", "/feeds", "/refresh"],
)
async def test_news_commands_are_throttled(make_desk: Callable[..., Any], command: str) -> None:
    # as every reply of the bot: a user who sends them too fast is told once, then ignored
    desk: Desk = await make_desk(
        telegram={"throttle_per_minute": 6, "throttle_burst": 2}, clock=lambda: 1000.0
    )
    for _ in range(6):
        await desk.send(command, user=OTHER_USER)
    texts = desk.texts()
    assert len(texts) == 3
    assert texts[2].startswith("You're asking faster than I can answer")
    for _ in range(3):
        await desk.send(command)  # an admin's are not throttled
    assert len(desk.texts()) == 6
    assert not any(t.startswith("You're asking") for t in desk.texts()[3:])


async def test_latest_of_one_source(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    desk.pending.extend([VOLCANO, RATES])
    await desk.send("/refresh")
    await desk.send("/latest source:nordic wire")
    latest = desk.texts()[-1]
    assert "Latest from Nordic Wire" in latest  # the source's own name
    assert VOLCANO.headline in latest
    assert RATES.headline not in latest
    # as a question's source: does ("/ask volcano source:nordic" found it; /latest did not)
    for typed in ("nordic", "NordicWire", "wire"):
        await desk.send(f"/latest source:{typed}")
        latest = desk.texts()[-1]
        assert "Latest from Nordic Wire" in latest, typed
        assert VOLCANO.headline in latest
        assert RATES.headline not in latest
    await desk.send("/latest source:Nobody")
    assert "no articles from Nobody" in desk.texts()[-1]
    await desk.send("/latest whatever")
    assert desk.texts()[-1].startswith("/latest shows the newest headlines")


async def test_latest_of_a_long_unknown_source_echoes_it_shortened(
    make_desk: Callable[..., Any],
) -> None:
    # a 4,096-character message: the echo must not make the reply longer than Telegram takes
    desk: Desk = await make_desk()
    desk.pending.extend([VOLCANO])
    await desk.send("/refresh")
    await desk.send("/latest source:" + "x" * 4081)
    reply = desk.texts()[-1]
    assert reply.startswith("I have no articles from xxx")
    assert reply.endswith("…; /sources lists the sources.")
    assert len(reply.encode("utf-16-le")) // 2 < 200


def headlines(text: str) -> list[str]:
    """The numbered headlines of a /latest page, as "11. Story 04"."""
    return [
        f"{line.split('. <b>')[0]}. {line.split('<b>')[1].split('</b>')[0]}"
        for line in text.splitlines()
        if ". <b>" in line
    ]


def stories(first: int, count: int, day: date) -> list[Article]:
    """Stories of one day, numbered; each has its own text (the same text is one story)."""
    return [
        make_article(
            f"Harbour story {n:02d}",
            f"Report number {n} on the harbour: {' '.join(['tide'] * n)} and the fleet.",
            published=day,
            source="Coast Wire",
        )
        for n in range(first, first + count)
    ]


async def test_older_headlines_continue_after_the_last_one_shown_when_news_arrives(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    desk.pending.extend(stories(0, 15, date(2024, 1, 19)))  # one day: the last stored first
    await desk.send("/refresh")
    await desk.send("/latest")
    page = desk.last_message()
    assert headlines(page["text"]) == [f"{i}. Harbour story {15 - i:02d}" for i in range(1, 11)]

    # a refresh stores newer stories: one of a later day, two of the same day (stored later,
    # so listed before the ones already shown)
    desk.pending.extend([*stories(15, 1, date(2024, 1, 20)), *stories(16, 2, date(2024, 1, 19))])
    await desk.send("/refresh")
    await desk.press("Older", page)

    assert headlines(desk.texts()[-1]) == [
        *(f"{i}. Harbour story {15 - i:02d}" for i in range(11, 16)),
        f"16. {SEED.headline}",
    ]


async def test_older_headlines_of_one_source_continue_after_the_last_one_shown(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    desk.pending.extend([*stories(0, 12, date(2024, 1, 19)), VOLCANO])
    await desk.send("/refresh")
    await desk.send("/latest source:coast wire")
    page = desk.last_message()
    assert headlines(page["text"])[-1] == "10. Harbour story 02"
    desk.pending.extend(stories(12, 3, date(2024, 1, 19)))
    await desk.send("/refresh")
    await desk.press("Older", page)

    assert headlines(desk.texts()[-1]) == ["11. Harbour story 01", "12. Harbour story 00"]


async def test_groups_follow_only_when_addressed(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow@someotherbot volcano", chat=GROUP_CHAT)
    assert desk.texts() == []
    await desk.send("/follow@news_test_bot volcano", chat=GROUP_CHAT)
    assert [f.query for f in desk.db.follows(GROUP_CHAT["id"])] == ["volcano"]
    assert desk.db.follows(GROUP_CHAT["id"])[0].created.tzinfo is not None


async def test_a_caption_naming_the_bot_does_not_follow(make_desk: Callable[..., Any]) -> None:
    # "@bot /follow glaciers" on a photo followed, where a caption "/follow" does nothing
    desk: Desk = await make_desk()
    photo = text_message(f"@{BOT_USERNAME} /follow glaciers", chat=GROUP_CHAT)
    photo["caption"] = photo.pop("text")
    photo["caption_entities"] = photo.pop("entities")
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    await desk.app.process_update(Update.de_json(message_update(photo), desk.app.bot))

    assert desk.texts() == [
        "Send /follow as a text message of its own, not as a caption; see /help."
    ]
    assert desk.db.follows(GROUP_CHAT["id"]) == []


async def test_feed_commands_know_a_feed_however_its_url_is_written(
    make_desk: Callable[..., Any],
) -> None:
    # the store tells feeds apart by normalized URL and case-folded name; the commands did not
    desk: Desk = await make_desk()
    desk.db.add_feed("https://feeds.example/rss", "Example", 30)  # the config feed's row
    for variant in ("https://feeds.example/rss#top", "HTTPS://FEEDS.EXAMPLE/rss?utm_source=x"):
        await desk.send(f"/addfeed {variant}")
        assert desk.texts()[-1] == tn.FEED_KNOWN
    for variant in ("example", "https://feeds.example/rss/"):
        await desk.send(f"/removefeed {variant}")
        assert desk.texts()[-1] == tn.FEED_IN_CONFIG
    assert [r.url for r in desk.db.feeds()] == ["https://feeds.example/rss"]
    await desk.send("/addfeed https://other.example/feed.xml Other")
    await desk.send("/addfeed https://OTHER.example/feed.xml#frag")
    assert desk.texts()[-1] == tn.FEED_KNOWN
    await desk.send("/addfeed http://other.example/feed.xml")  # was added: read twice
    assert desk.texts()[-1] == tn.FEED_KNOWN


async def test_feeds_shows_no_password_or_key_of_a_feeds_address(
    make_desk: Callable[..., Any],
) -> None:
    # /feeds, which anyone may send, showed a private feed's login and token in full
    desk: Desk = await make_desk()
    await desk.send("/addfeed https://reader:s3cret@private.example:8443/feed.xml?key=K3Y")
    await desk.send("/addfeed https://[::1]/rss?token=T0K Local")
    await desk.send("/feeds", user=OTHER_USER)
    listing = desk.texts(OTHER_USER["id"])[-1]
    # a feed without a name: its host and path, its address (masked) beneath
    assert (
        "private.example:8443/feed.xml: not read yet\nhttps://private.example:8443/feed.xml?key=…"
        in listing
    )
    assert "Local" in listing
    assert "https://[::1]/rss?token=…" in listing
    for secret in ("reader", "s3cret", "K3Y", "T0K"):
        assert secret not in listing


async def test_feeds_shows_the_read_of_a_config_feed_spelled_otherwise(
    make_desk: Callable[..., Any],
) -> None:
    # /feeds looked the row up by its literal URL: "not read yet" forever
    desk: Desk = await make_desk()
    desk.db.add_feed("https://FEEDS.example/rss/", "Example", 30)  # the config's old spelling
    desk.db.record_fetch("https://feeds.example/rss", ok=True)
    await desk.send("/feeds")
    listing = desk.texts()[-1]
    assert "not read yet" not in listing
    assert "read " in listing
    assert "1 feed(s)" in listing


async def test_a_clash_of_feed_names_shows_no_password_or_key(
    make_desk: Callable[..., Any],
) -> None:
    # the answer named the other feed's whole URL in the chat, password and key included,
    # where /feeds shows it without them
    secret = "https://reader:hunter2@feeds.example/rss?apikey=SECRET123"
    desk: Desk = await make_desk(feeds=(FeedSpec(secret, "Example"),))
    await desk.send("/addfeed https://other.example/feed.xml Example")  # the config's name
    desk.db.add_feed("https://me:pw@third.example/rss?token=T0KEN", "Third", 30, ADMIN)
    await desk.send("/addfeed https://fourth.example/rss Third")  # a stored feed's name
    assert desk.texts() == [
        "feed name 'Example' is already used by https://feeds.example/rss?apikey=…",
        "feed name 'Third' is already used by https://third.example/rss?token=…",
    ]


async def test_addfeed_refuses_the_name_of_a_config_feed_not_read_yet(
    make_desk: Callable[..., Any],
) -> None:
    # the store knew the config feed only once read: a clash then failed every later read
    desk: Desk = await make_desk()
    await desk.send("/addfeed https://other.example/feed.xml EXAMPLE")
    assert desk.texts() == ["feed name 'EXAMPLE' is already used by https://feeds.example/rss"]
    assert desk.db.feeds() == []


async def test_a_feed_the_config_dropped_can_be_added_again(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    desk.db.add_feed("https://old.example/rss", "Old", 30)  # a row left by an old config
    await desk.send("/addfeed https://old.example/rss Old News")
    assert desk.texts()[-2] == "Added Old News; reading it now."
    [row] = [r for r in desk.db.feeds() if r.url == "https://old.example/rss"]
    assert row.added_by == ADMIN  # read from now on, listed by /feeds


async def test_an_added_feeds_password_and_query_are_not_echoed(
    make_desk: Callable[..., Any],
) -> None:
    # "Added http://user:pw@host/feed?token=...": /feeds already hid them, the reply did not
    desk: Desk = await make_desk()
    await desk.send("/addfeed https://user:secret@news.example/feed?key=abc123")
    assert desk.texts()[-2] == "Added https://news.example/feed?key=…; reading it now."
    assert "secret" not in " ".join(desk.texts())
    assert "abc123" not in " ".join(desk.texts())


async def test_long_feed_urls_are_echoed_shortened(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    url = "https://x.example/" + "a" * 4060
    await desk.send("/addfeed " + url)
    await desk.send("/addfeed ftp://" + "b" * 4000)
    await desk.send("/removefeed " + url)
    added, _, refused, removed = desk.texts()
    assert added.startswith("Added https://x.example/aaa")
    assert added.endswith("…; reading it now.")
    assert "http" in refused
    assert removed.startswith("Removed https://x.example/aaa")
    assert all(len(text) < 600 for text in (added, refused, removed))


async def test_unfollow_with_a_digit_that_is_not_ascii_is_not_a_crash(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    await desk.send("/unfollow ²")  # str.isdigit says yes, int() says no
    assert desk.texts()[-1] == tn.NOT_FOLLOWED
    await desk.send("/follow Volcano  ")
    assert desk.texts()[-1] == tn.FOLLOW_EXISTS.format(query="volcano")


async def test_an_edited_command_that_changes_things_does_not_run_again(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow alpha")
    await desk.send("/follow beta")
    command = text_message("/unfollow 1", message_id=777)
    await desk.app.process_update(Update.de_json(message_update(command), desk.app.bot))
    answered = len(desk.texts())
    unchanged = message_update(command, edited=True)  # as Telegram sends for a reaction
    await desk.app.process_update(Update.de_json(unchanged, desk.app.bot))
    assert len(desk.texts()) == answered  # no new question: no reply
    edited = message_update({**command, "text": "/unfollow 1 alpha"}, edited=True)
    await desk.app.process_update(Update.de_json(edited, desk.app.bot))

    assert [f.query for f in desk.db.follows(USER["id"])] == ["beta"]
    assert desk.texts()[-1] == tn.EDIT_NOT_RUN.format(command="/unfollow")


async def test_two_follows_of_one_chat_matching_a_story_alert_it_once(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    await desk.send("/follow Grindavik")
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    alerts = [t for t in desk.texts(USER["id"]) if t.startswith("<i>New on")]
    assert len(alerts) == 1
    assert VOLCANO.headline in alerts[0]


async def test_a_refresh_that_fails_after_storing_alerts_with_the_next(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    working = desk.desk.refresher

    def stores_then_fails(due_only: bool) -> Refreshed:
        desk.db.add_articles([(a, None) for a in desk.pending])
        desk.pending.clear()
        raise RuntimeError("index build failed")

    desk.desk.refresher = stores_then_fails
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    assert desk.texts()[-1].startswith("Refresh failed")
    desk.desk.refresher = working
    await desk.send("/refresh")  # nothing new of its own

    alerts = [t for t in desk.texts(USER["id"]) if t.startswith("<i>New on")]
    assert len(alerts) == 1
    assert VOLCANO.headline in alerts[0]


FLOOD_TEXT = (
    "Floodwaters rose across the river valley overnight as the council ordered the evacuation "
    "of three villages near the old railway bridge, officials said on Monday. The regional "
    "council said hospital staff and school buses were being used to move residents."
)
FLOOD = make_article(
    "River flood forces evacuations",
    FLOOD_TEXT,
    published=date(2024, 1, 20),
    source="Outlet A",
    url="https://a.example/flood",
)
FLOOD_COPY = make_article(  # another outlet's lightly edited copy: the store groups them
    "River flood forces evacuation of villages",
    FLOOD_TEXT.replace("said on Monday", "said Monday") + " Reporting by B staff.",
    published=date(2024, 1, 20),
    source="Outlet B",
    url="https://b.example/flood-story",
)


def alerts_to(desk: Desk, chat_id: int) -> list[str]:
    """The alerts delivered to a chat."""
    return [
        text
        for call in desk.api.calls
        if call.method == "sendMessage" and call.result is not None
        if call.params["chat_id"] == chat_id
        if (text := str(call.params["text"])).startswith("<i>New on")
    ]


async def test_a_copy_of_an_alerted_story_is_not_alerted_again(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow river flood")
    desk.pending.append(FLOOD)
    await desk.send("/refresh")
    assert len(alerts_to(desk, USER["id"])) == 1
    # made after the story was stored: it was never told of it, so the copy is news to it
    await desk.send("/follow river flood", user=OTHER_USER)
    desk.pending.append(FLOOD_COPY)
    await desk.send("/refresh")

    [first] = alerts_to(desk, USER["id"])
    assert FLOOD.headline in first
    [later] = alerts_to(desk, OTHER_USER["id"])
    assert FLOOD_COPY.headline in later
    assert desk.db.group_of(FLOOD.id) == [FLOOD.id, FLOOD_COPY.id]


async def test_a_backlog_of_old_stories_is_not_alerted_as_new(
    make_desk: Callable[..., Any],
) -> None:
    # a story from 2010 that a feed brought now came as "New on “volcano”"
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    archive = make_article(
        "Volcano erupts under the Eyjafjallajokull glacier",
        "Ash from the volcano closed the airspace over much of Europe for days.",
        published=date(2010, 4, 15),
        url="https://news.example/volcano-2010",
    )
    week_old = replace(
        VOLCANO, url="https://news.example/volcano-week", published=date(2024, 1, 13)
    )
    undated = make_article(
        "Volcano watch goes on",
        "Scientists keep watching the volcano near Grindavik day and night.",
        url="https://news.example/volcano-watch",
    )
    desk.pending.extend([archive, week_old, undated])
    await desk.send("/refresh")

    [alert] = alerts_to(desk, USER["id"])
    assert "Volcano watch goes on" in alert  # undated: may be news
    assert VOLCANO.headline in alert  # seven days old: still news
    assert "Eyjafjallajokull" not in alert
    await desk.send("when did ash from the volcano close the airspace over Europe")
    assert "Eyjafjallajokull" in desk.texts(USER["id"])[-1]  # it answers questions all the same


async def test_every_matching_story_of_a_refresh_is_alerted(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow tornado")
    places = ["bridge", "school", "hospital", "factory", "railway", "market", "senate", "harbor"]
    stories = [
        make_article(
            f"Tornado damages the {place}",
            f"A tornado tore the roof off the {place} on Friday; nobody was hurt there.",
            published=date(2024, 1, 20),
            url=f"https://news.example/tornado-{place}",
        )
        for place in places
    ]
    desk.pending.extend(stories)
    await desk.send("/refresh")
    await desk.send("/refresh")  # nothing new: nothing more

    alerts = alerts_to(desk, USER["id"])
    assert len(alerts) == 2  # tn.ALERT_HITS to a message
    assert alerts[0].startswith("<i>New on “tornado” (1/2)</i>")
    assert sum(a.count("Tornado damages the") for a in alerts) == len(places)
    for place in places:
        assert sum(f"Tornado damages the {place}" in a for a in alerts) == 1
    assert "6. " in alerts[1]  # numbered on
    for alert in alerts:
        check_telegram_html(alert)


async def test_a_broad_follow_gets_at_most_a_few_alert_messages_a_refresh(
    make_desk: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rest are counted in the last message (and count as told), not sent one by one
    monkeypatch.setattr(tn, "ALERT_HITS", 2)
    monkeypatch.setattr(tn, "ALERT_MESSAGES", 2)
    desk: Desk = await make_desk()
    await desk.send("/follow tornado")
    places = ["bridge", "school", "hospital", "factory", "railway", "market", "senate"]
    desk.pending.extend(
        make_article(
            f"Tornado damages the {place}",
            f"A tornado tore the roof off the {place} on Friday; nobody was hurt there.",
            published=date(2024, 1, 20),
            url=f"https://news.example/tornado-{place}",
        )
        for place in places
    )
    await desk.send("/refresh")
    await desk.send("/refresh")  # the untold ones do not come later

    alerts = alerts_to(desk, USER["id"])
    assert len(alerts) == 2
    assert sum(a.count("Tornado damages the") for a in alerts) == 4
    assert "…and 3 more new stories match; ask “tornado” to see them." in alerts[1]
    for alert in alerts:
        check_telegram_html(alert)


async def test_long_stories_never_make_more_alert_messages_than_the_limit(
    make_desk: Callable[..., Any],
) -> None:
    # five long stories a message overflowed Telegram's 4,096 units: the third message was
    # split into a fourth, past the three a refresh may send
    desk: Desk = await make_desk()
    await desk.send("/follow tornado")

    def words(n: int) -> str:  # a text of its own for each story (copies would be one story)
        return " ".join(f"tornado{n} hit{n}x{k} homes{k}y{n}" for k in range(80))

    desk.pending.extend(
        make_article(
            f"Tornado damages the town of {'Long' * 20} number {n} " + "x" * 150,
            f"A tornado struck town {n}. {words(n)}.",
            f"Crews cleared town {n} on Saturday. {words(n + 100)}.",
            published=date(2024, 1, 20),
            url=f"https://news.example/tornado-{n}",
        )
        for n in range(23)
    )
    await desk.send("/refresh")

    alerts = alerts_to(desk, USER["id"])
    assert len(alerts) == tn.ALERT_MESSAGES
    shown = sum(a.count("Tornado damages the town") for a in alerts)
    assert f"…and {23 - shown} more new stories match" in alerts[-1]
    for alert in alerts:
        check_telegram_html(alert)


async def test_after_a_failed_refresh_only_what_it_would_have_alerted_is_alerted(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    assert len(alerts_to(desk, USER["id"])) == 1
    await desk.send("/follow Grindavik", user=OTHER_USER)  # made after the story was stored
    working = desk.desk.refresher
    updated = replace(VOLCANO, paragraphs=(Paragraph("Lava from the volcano reached a road."),))
    ingested = replace(ERUPTION_UPDATE, id="ingested")  # by a separate `newsbot ingest`

    def stores_then_fails(due_only: bool) -> Refreshed:
        desk.db.add_articles([(updated, None)])  # the publisher updated the alerted story
        desk.db.add_articles([(ingested, None)], quiet=True)
        raise RuntimeError("index build failed")

    desk.desk.refresher = stores_then_fails
    await desk.send("/refresh")
    assert desk.texts()[-1].startswith("Refresh failed: index build failed")
    assert desk.db.story_groups([ingested.id])  # stored
    desk.desk.refresher = working
    await desk.send("/refresh")

    # neither an update nor what `newsbot ingest` stored alerts, as README says
    assert len(alerts_to(desk, USER["id"])) == 1
    assert alerts_to(desk, OTHER_USER["id"]) == []


@pytest.mark.parametrize(("status", "description"), [(502, "Bad Gateway"), (500, "Internal")])
async def test_an_alert_that_fails_for_a_while_is_sent_with_the_next_refresh(
    make_desk: Callable[..., Any], status: int, description: str
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    await desk.send("/follow volcano", chat=GROUP_CHAT)
    desk.api.fail(
        "sendMessage",
        status,
        description,
        times=1,
        when=lambda p: str(p["text"]).startswith("<i>New on") and p["chat_id"] == USER["id"],
    )
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    assert alerts_to(desk, USER["id"]) == []
    assert len(alerts_to(desk, GROUP_CHAT["id"])) == 1  # the other chat got its alert
    await desk.send("/refresh")  # nothing new: the failed alert goes now, once
    await desk.send("/refresh")

    [alert] = alerts_to(desk, USER["id"])
    assert VOLCANO.headline in alert
    assert len(alerts_to(desk, GROUP_CHAT["id"])) == 1


async def test_a_refused_alert_is_not_tried_again(make_desk: Callable[..., Any]) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    desk.api.fail(
        "sendMessage",
        400,
        "Bad Request: message is too long",
        when=lambda p: str(p["text"]).startswith("<i>New on"),
    )
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")
    await desk.send("/refresh")

    assert alerts_to(desk, USER["id"]) == []
    assert len([c for c in desk.api.calls if str(c.params.get("text")).startswith("<i>New")]) == 1


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
def test_which_bot_api_errors_may_pass() -> None:
    from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

    assert tn._is_transient(NetworkError("Bad Gateway"))
    assert tn._is_transient(TimedOut())
    assert tn._is_transient(RetryAfter(timedelta(seconds=30)))
    assert not tn._is_transient(BadRequest("Chat not found"))
    assert not tn._is_transient(Forbidden("bot was blocked by the user"))
    assert not tn._is_transient(RuntimeError("a bug"))


async def test_a_skipped_items_line_names_its_feed_and_its_link(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # "<feed> item <link>" was read as one address: its link was lost behind "?key=…"
    desk: Desk = await make_desk()
    where = "https://feeds.example/rss?key=… item https://site.example/story-1"

    def refresher(due_only: bool) -> Refreshed:
        report = IngestReport(feeds=1)
        report.failed.append((where, "no text: page not used (HTTP 404)"))
        return Refreshed(report, None)

    desk.desk.refresher = refresher
    with caplog.at_level(logging.INFO, logger="bot.telegram_news"):
        await desk.send("/refresh")
    assert f"refresh: {where}: no text: page not used (HTTP 404)" in caplog.text


@pytest.mark.parametrize("error", [StoreError, CorpusError])
async def test_a_locked_store_during_a_refresh_is_logged_in_one_line(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture, error: type[Exception]
) -> None:
    # a library left with no article (retention emptied a feeds-only bot's store) had been
    # a traceback at WARNING at every refresh
    desk: Desk = await make_desk()
    locked = "news store /data/news.sqlite3 is locked by another process"

    def fails(due_only: bool) -> Refreshed:
        raise error(locked)

    desk.desk.refresher = fails
    with caplog.at_level(logging.DEBUG, logger="bot.telegram_news"):
        await desk.send("/refresh")

    assert desk.texts()[-1] == f"Refresh failed: {locked}"
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.getMessage() == (
        f"refresh failed: {locked}; still answering from the old library"
    )
    assert warning.exc_info is None
    assert any(r.exc_info for r in caplog.records if r.levelno == logging.DEBUG)


async def test_a_store_locked_while_alerting_is_logged_in_one_line(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    desk: Desk = await make_desk()
    await desk.send("/follow volcano")
    desk.pending.append(VOLCANO)
    locked = "news store /data/news.sqlite3 is locked by another process"

    def fails(*args: object) -> None:
        raise StoreError(locked)

    desk.db.advance_follow = fails  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, logger="bot.telegram_news"):
        await desk.send("/refresh")

    assert desk.texts()[-2].startswith("Refreshed")  # said before the alerts
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.getMessage() == f"alerts not sent: {locked}"
    assert warning.exc_info is None


async def test_commands_while_another_process_writes_the_store_say_it_is_busy(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # a separate `newsbot ingest` holds the write lock for half a minute: /follow got the
    # generic apology, and the log an ERROR with a traceback
    desk: Desk = await make_desk(store_timeout=0.05)
    await desk.send("/follow volcano")
    await desk.send("/addfeed https://other.example/rss.xml Other")
    desk.api.calls.clear()
    writer = sqlite3.connect(desk.db.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.INFO):
            for command in (
                "/follow glaciers",
                "/unfollow 1",
                "/addfeed https://third.example/rss.xml",
                "/removefeed Other",
            ):
                await desk.send(command)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    busy = "The news store is busy (another newsbot is writing to it); try again in a minute."
    assert desk.texts() == [busy] * 4
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage().split(" not done: ")[0] for r in warnings] == [
        f"/{name} in chat {USER['id']}" for name in ("follow", "unfollow", "addfeed", "removefeed")
    ]
    assert all("is locked by another process" in r.getMessage() for r in warnings)
    assert not any(r.exc_info for r in warnings)
    assert [f.query for f in desk.db.follows(USER["id"])] == ["volcano"]
    await desk.send("/follow glaciers")  # the lock let go: it works again
    assert desk.texts()[-1].startswith("Following “glaciers”")


async def test_more_results_after_a_refresh_leave_out_those_shown(
    make_desk: Callable[..., Any],
) -> None:
    # a refresh swapped in a library where better stories came first: "More" paged by
    # position showed page 1's stories again, and never the new ones
    desk: Desk = await make_desk()
    desk.pending.extend(stories(1, 6, date(2024, 1, 19)))
    await desk.send("/refresh")
    await desk.send("harbour tide")
    page = desk.last_message()
    first = [h.partition(". ")[2] for h in headlines(page["text"])]
    assert len(first) == 3

    better = [
        make_article(
            f"Harbour tide alert {n}",
            f"Harbour tide warning {n}: the harbour tide rose over the quay.",
            published=TODAY,
            source="Coast Wire",
        )
        for n in range(3)
    ]
    desk.pending.extend(better)
    await desk.send("/refresh")
    await desk.press("More", page)
    second = headlines(desk.texts()[-1])

    assert [h.partition(". ")[0] for h in second] == ["4", "5", "6"]
    assert not {h.partition(". ")[2] for h in second} & set(first)
    assert {h.partition(". ")[2] for h in second} == {a.headline for a in better}


async def test_inline_pages_after_a_refresh_leave_out_the_cards_shown(
    make_desk: Callable[..., Any],
) -> None:
    desk: Desk = await make_desk(telegram={"inline_results": 3})

    async def inline(offset: str = "") -> list[str]:
        query = Update.de_json(inline_update("harbour tide", offset), desk.app.bot)
        await desk.app.process_update(query)
        return [r["title"] for r in desk.api.sent("answerInlineQuery")[-1]["results"]]

    desk.pending.extend(stories(1, 6, date(2024, 1, 19)))
    await desk.send("/refresh")
    first = await inline()
    desk.pending.extend(
        make_article(f"Harbour tide alert {n}", f"Harbour tide warning {n}.", published=TODAY)
        for n in range(3)
    )
    await desk.send("/refresh")
    second = await inline(desk.api.sent("answerInlineQuery")[-1]["next_offset"])

    assert len(first) == len(second) == 3
    assert not set(first) & set(second)


async def test_a_failed_feed_is_logged_without_its_password_or_key(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    desk: Desk = await make_desk()
    secret = "https://reader:s3cret@feeds.example/rss?apikey=SECRET123"

    def fails(due_only: bool) -> Refreshed:
        report = IngestReport(feeds=1)
        report.failed.append((secret, "HTTP 404"))
        return Refreshed(report, None)

    desk.desk.refresher = fails
    with caplog.at_level(logging.INFO, logger="bot.telegram_news"):
        await desk.send("/refresh")

    assert "refresh: https://feeds.example/rss?apikey=…: HTTP 404" in caplog.text
    assert "s3cret" not in caplog.text
    assert "SECRET123" not in caplog.text


async def test_a_feed_that_starts_failing_is_a_warning_once(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # logged at INFO at every refresh: an operator who watches warnings never saw it go
    desk: Desk = await make_desk()
    feed = "https://feeds.example/rss"
    desk.db.add_feed(feed, "Example", 30)

    def fails(due_only: bool) -> Refreshed:
        desk.db.record_fetch(feed, ok=False, error="HTTP 404")
        report = IngestReport(feeds=1)
        report.failed.append((feed, "HTTP 404"))
        return Refreshed(report, None)

    desk.desk.refresher = fails
    with caplog.at_level(logging.INFO, logger="bot.telegram_news"):
        await desk.send("/refresh")
        await desk.send("/refresh")

    said = [(r.levelno, r.getMessage()) for r in caplog.records if "HTTP 404" in r.getMessage()]
    assert said == [
        (logging.WARNING, f"refresh: {feed}: HTTP 404"),
        (logging.INFO, f"refresh: {feed}: HTTP 404"),
    ]


async def test_addfeed_of_no_feed_says_why_the_new_feed_failed(
    make_desk: Callable[..., Any],
) -> None:
    # "Refreshed: ... 1 failed." had not said which feed, nor why (only /feeds did)
    desk: Desk = await make_desk()
    page = "https://news.example/front-page"

    def reads(due_only: bool) -> Refreshed:
        report = IngestReport(feeds=2)
        report.failed.append((page, "not an RSS or Atom feed (an HTML page)"))
        return Refreshed(report, None)

    desk.desk.refresher = reads
    await desk.send(f"/addfeed {page} Front")

    assert desk.texts()[-2] == "Added Front; reading it now."
    assert desk.texts()[-1].endswith(
        "https://news.example/front-page could not be read: not an RSS or Atom feed (an HTML "
        "page). /removefeed it if it is no feed."
    )


async def test_a_copy_of_a_story_one_follow_alerted_is_not_alerted_by_another_of_the_chat(
    make_desk: Callable[..., Any],
) -> None:
    # "oil" alerted a story "gas" also matched; a copy under another link and headline came a
    # refresh later and "gas", never told of it itself, alerted it: the chat had it twice
    desk: Desk = await make_desk()
    await desk.send("/follow river flood")
    await desk.send("/follow evacuation villages")
    desk.pending.append(FLOOD)
    await desk.send("/refresh")
    [first] = alerts_to(desk, USER["id"])
    assert first.startswith("<i>New on “river flood”")
    desk.pending.append(FLOOD_COPY)
    await desk.send("/refresh")

    assert alerts_to(desk, USER["id"]) == [first]
    assert desk.db.group_of(FLOOD.id) == [FLOOD.id, FLOOD_COPY.id]


async def test_a_forums_topics_are_alerted_apart(make_desk: Callable[..., Any]) -> None:
    # the dedupe was per chat: topic 9's "Grindavik" missed the story topic 7's "volcano" got
    desk: Desk = await make_desk()
    await desk.send("/follow volcano", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/follow Grindavik", chat=FORUM_CHAT, thread_id=9)
    await desk.send("/follow Grindavik lava", chat=FORUM_CHAT, thread_id=9)  # once a topic
    desk.pending.append(VOLCANO)
    await desk.send("/refresh")

    alerts = [p for p in desk.api.sent() if str(p["text"]).startswith("<i>New on")]
    assert sorted((p["message_thread_id"], str(p["text"]).split("</i>")[0]) for p in alerts) == [
        (7, "<i>New on “volcano”"),
        (9, "<i>New on “Grindavik”"),
    ]
    assert all(VOLCANO.headline in str(p["text"]) for p in alerts)


async def test_following_in_a_forum_topic_says_where_each_follow_alerts(
    make_desk: Callable[..., Any],
) -> None:
    # topic 9 was told "already follows" of topic 7's follow, and listed it as its own
    desk: Desk = await make_desk()
    await desk.send("/follow oil prices", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/follow oil prices", chat=FORUM_CHAT, thread_id=9)
    await desk.send("/follow Oil  prices", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/follow gas", chat=FORUM_CHAT, thread_id=9)
    await desk.send("/following", chat=FORUM_CHAT, thread_id=9)
    await desk.send("/following", chat=FORUM_CHAT)  # the General topic
    await desk.send("/following", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/unfollow 2", chat=FORUM_CHAT, thread_id=7)
    await desk.send("/following", chat=FORUM_CHAT, thread_id=7)  # all of this topic

    texts = desk.texts(FORUM_CHAT["id"])
    assert texts[1] == (
        "This chat already follows “oil prices”, in another topic, and its alerts go there; "
        "to have them here, /unfollow it and /follow it again here."
    )
    assert texts[2] == "This chat already follows “oil prices”."  # named as followed
    assert texts[4] == (
        "<b>This chat follows</b>\n1: oil prices (alerts in another topic)\n2: gas (alerts here)"
    )
    assert texts[5] == (
        "<b>This chat follows</b>\n1: oil prices (alerts in another topic)\n"
        "2: gas (alerts in another topic)"
    )
    assert texts[6] == (
        "<b>This chat follows</b>\n1: oil prices (alerts here)\n2: gas (alerts in another topic)"
    )
    assert texts[8] == "<b>This chat follows</b>\n1: oil prices"
    assert [(f.query, f.thread_id) for f in desk.db.follows(FORUM_CHAT["id"])] == [
        ("oil prices", 7)
    ]


async def test_a_follow_of_linked_words_follows_the_words_not_the_address(
    make_desk: Callable[..., Any],
) -> None:
    # the address behind linked words goes with a question, not with a command's value:
    # "/follow flood" with "flood" linked had followed "flood https://..."
    desk: Desk = await make_desk()
    update = text_message("/follow flood warnings")
    update["entities"].append(
        {"type": "text_link", "offset": 8, "length": 5, "url": "https://news.example/flood"}
    )
    await desk.app.process_update(Update.de_json(message_update(update), desk.app.bot))

    assert [f.query for f in desk.db.follows(USER["id"])] == ["flood warnings"]
    # nor a command after the bot's name, which a plain message's handler passes on
    named = text_message(f"@{BOT_USERNAME} /follow gales", chat=GROUP_CHAT)
    mention = len(BOT_USERNAME) + 1
    named["entities"] = [
        {"type": "mention", "offset": 0, "length": mention},
        {"type": "text_link", "offset": mention + 9, "length": 5, "url": "https://x.example/g"},
    ]
    await desk.app.process_update(Update.de_json(message_update(named), desk.app.bot))

    assert [f.query for f in desk.db.follows(GROUP_CHAT["id"])] == ["gales"]


async def test_a_follow_of_small_talk_is_refused_with_an_example(
    make_desk: Callable[..., Any],
) -> None:
    # "/follow hi" was followed, and would alert "hi-tech" stories
    desk: Desk = await make_desk()
    await desk.send("/follow hi")
    await desk.send("/follow thanks!")
    await desk.send("/follow hi-tech")

    refused, thanks, followed = desk.texts()
    assert refused.startswith("“hi” is no topic to follow; follow a few words, a name or a place")
    assert "/follow " in refused.split("e.g. ")[1]
    assert thanks.startswith("“thanks!” is no topic to follow")
    assert followed.startswith("Following “hi-tech”")
    assert [f.query for f in desk.db.follows(USER["id"])] == ["hi-tech"]


async def test_a_follow_of_only_common_words_is_refused_with_a_hint_to_quote_them(
    make_desk: Callable[..., Any],
) -> None:
    # "The Who": every word a stopword, no term to look a story up by; it was followed and
    # never alerted, while "The Who" quoted (a phrase) alerts on the band
    desk: Desk = await make_desk()
    await desk.send("/follow The Who")
    await desk.send("/follow the of and")
    await desk.send('/follow "The Who"')
    await desk.send("/follow WHO")  # capitals: the World Health Organization, kept
    await desk.send("/follow flood source:")  # followed as "flood", the source: left empty
    await desk.send("/follow flood SOURCE:   ")

    texts = desk.texts()
    assert texts[0] == (
        "“The Who” is only common words, which match no story by themselves; to follow them "
        'as a phrase, put them in quotes: /follow "The Who"'
    )
    assert texts[1].startswith("“the of and” is only common words")
    assert texts[2].startswith('Following “"The Who"”')
    assert texts[3].startswith("Following “WHO”")
    # the example is the library's own source ("source:reuters" had been shown of any)
    assert texts[4] == 'source: needs a name, like source:"City Paper".'
    assert texts[5] == texts[4]
    assert [f.query for f in desk.db.follows(USER["id"])] == ['"The Who"', "WHO"]
    band = make_article(
        "The Who announce farewell tour",
        "The Who will play a last tour of arenas next year, the band said.",
        published=TODAY,
        url="https://news.example/the-who",
    )
    desk.pending.append(band)
    await desk.send("/refresh")
    [alert] = alerts_to(desk, USER["id"])
    assert alert.startswith('<i>New on “"The Who"”')


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
async def test_one_chats_flood_control_holds_up_no_other_chat_nor_the_refresh_reply(
    make_desk: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    # a 429 with retry_after 40 on one chat's alert: the rate limiter slept 40 s with every
    # request paused, and the admin's "Refreshed" came after the other chats' alerts, at 44 s
    now = [1000.0]
    desk: Desk = await make_desk()
    desk.desk.clock = lambda: now[0]
    await desk.send("/follow volcano", user=OTHER_USER)
    await desk.send("/follow Grindavik", user=OTHER_USER)
    await desk.send("/follow volcano", chat=GROUP_CHAT)
    desk.api.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 30",
        times=1,
        when=lambda p: p["chat_id"] == OTHER_USER["id"],
        parameters={"retry_after": 30},
    )
    desk.pending.append(VOLCANO)
    started = time.monotonic()
    await asyncio.wait_for(desk.send("/refresh"), 10)
    assert time.monotonic() - started < 5

    said = [(p["chat_id"], str(p["text"])[:9]) for p in desk.api.sent()]
    assert said[-3:] == [
        (USER["id"], "Refreshed"),  # the reply first
        (OTHER_USER["id"], "<i>New on"),  # refused: 429, not waited for
        (GROUP_CHAT["id"], "<i>New on"),
    ]
    assert len(alerts_to(desk, GROUP_CHAT["id"])) == 1
    assert alerts_to(desk, OTHER_USER["id"]) == []
    tries = len(desk.api.sent())
    now[0] += 20  # still under flood control: the chat is left alone, its alert kept
    await desk.send("/refresh")
    assert [p["chat_id"] for p in desk.api.sent()[tries:]] == [USER["id"]]
    now[0] += 11
    await desk.send("/refresh")
    await desk.send("/refresh")

    [alert] = alerts_to(desk, OTHER_USER["id"])  # once, though both its follows match
    assert VOLCANO.headline in alert
    assert len(alerts_to(desk, GROUP_CHAT["id"])) == 1
    assert "trying again after the next refresh" in caplog.text


async def test_a_tick_while_the_last_one_runs_is_skipped_without_a_warning(
    make_desk: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a slow feed outlasts the tick: APScheduler logged "maximum number of running instances
    # reached" every tick, a WARNING that reads as a fault
    monkeypatch.setattr(tn, "TICK_SECONDS", 0.2)
    desk: Desk = await make_desk()
    working = desk.desk.refresher
    reads: list[bool] = []

    def slow(due_only: bool) -> Refreshed:
        reads.append(due_only)
        time.sleep(1.2)
        return working(due_only)

    desk.desk.refresher = slow
    job_queue = desk.app.job_queue
    assert job_queue is not None
    # `newsbot run` (tests/test_main.py) leaves the "bot" logger at INFO
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="bot"):
        await job_queue.start()
        try:
            desk.desk.start(desk.app)
            [job] = job_queue.jobs()
            job.job.modify(next_run_time=datetime.now(UTC))
            await asyncio.sleep(2.0)
        finally:
            await job_queue.stop(wait=True)

    assert 1 <= len(reads) <= 2
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "refresh tick skipped: the last one is still running" in caplog.text


async def test_a_refresh_under_way_ends_once_the_bot_stops(
    make_desk: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-telegram-bot's stop waits for the refresh job: SIGTERM had waited a whole
    # refresh (60 s seen), while `docker stop` kills after 10 s
    from retrieval.ingest import STOP

    monkeypatch.setattr(tn, "STOP_CHECK_SECONDS", 0.05)
    desk: Desk = await make_desk()
    seen: list[bool] = []

    def reads_until_stopped(due_only: bool) -> Refreshed:
        stop = STOP.get()  # what ingest_feeds in the refresher's thread looks at
        assert stop is not None
        seen.append(stop.wait(10))
        return Refreshed(IngestReport(feeds=1), None)

    desk.desk.refresher = reads_until_stopped
    app: Any = desk.app
    app._running = True  # as while serving; its stop (Application.stop) clears it first
    try:
        refresh = asyncio.ensure_future(desk.send("/refresh"))
        await asyncio.sleep(0.3)
        assert not refresh.done()
        started = time.monotonic()
        app._running = False
        await asyncio.wait_for(refresh, 5)
    finally:
        app._running = False
    assert time.monotonic() - started < 2
    assert seen == [True]
