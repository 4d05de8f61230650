"""Tests for bot/telegram_app.py through Application.process_update, with real Update payloads
and a recording request object in place of the network."""

from __future__ import annotations

import asyncio
import dataclasses
import errno
import json
import logging
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import CallbackQuery, Chat, InaccessibleMessage, Update, User
from telegram.error import Conflict, NetworkError
from telegram.ext import _picklepersistence

from bot import telegram_app as tg
from bot.answer import ARTICLE_CUT, NAMES_NO_ONE, html_to_plain
from bot.ask import LibraryFacts, example_question
from bot.config import TelegramSettings
from bot.telegram_app import (
    App,
    Backend,
    NewsBot,
    QuestionMemory,
    RedactToken,
    SearchWorkers,
    Throttle,
    article_check,
    build_application,
    file_url,
    redact,
)
from retrieval.library import Library
from retrieval.search import SearchResult
from tests import fake_bot_api
from tests.fake_bot_api import (
    BOT_ID,
    BOT_USERNAME,
    FORUM_CHAT,
    GROUP_CHAT,
    OTHER_USER,
    QUERY_TOO_OLD,
    USER,
    FakeBotAPI,
    RecordingRequest,
    bot_message,
    callback_update,
    httpx_request,
    inline_update,
    message_update,
    private_chat,
    reaction_update,
    text_message,
)
from tests.fake_library import NEWS, FakeInfo, FakeSearcher, article, open_fake_searcher
from tests.telegram_html import check_telegram_html

TOKEN = "123456789:AAH-secret-test-token-do-not-log"
TODAY = date(2024, 2, 10)


@dataclass
class Harness:
    """An initialized Application on a fake Bot API, and the parts the tests look at."""

    app: App
    api: FakeBotAPI
    bot: NewsBot
    searcher: FakeSearcher

    async def send(self, update: dict[str, Any]) -> None:
        """Feed one update through the application, as the updater would."""
        await self.app.process_update(Update.de_json(update, self.app.bot))

    def replies(self) -> list[dict[str, Any]]:
        """Parameters of every sendMessage so far."""
        return self.api.sent("sendMessage")

    def texts(self) -> list[str]:
        """Texts of every sendMessage so far."""
        return [str(p["text"]) for p in self.replies()]

    def last_markup(self) -> list[list[dict[str, Any]]]:
        """The inline keyboard of the last message sent."""
        return list(self.replies()[-1]["reply_markup"]["inline_keyboard"])

    def button(self, label_start: str) -> str:
        """The callback data of the first button of the last message whose label starts so."""
        for row in self.last_markup():
            for button in row:
                if button["text"].startswith(label_start):
                    return str(button["callback_data"])
        raise AssertionError(f"no {label_start!r} button in {self.last_markup()}")

    def last_sent_message(self) -> dict[str, Any]:
        """The last message the bot sent, as Telegram returned it."""
        return dict(self.api.results("sendMessage")[-1])


MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def make_harness(tmp_path: Path) -> AsyncIterator[MakeHarness]:
    """Builds harnesses and shuts their applications down afterwards."""
    apps: list[App] = []

    async def make(
        *,
        searcher: FakeSearcher | None = None,
        info: Any = None,
        api: FakeBotAPI | None = None,
        persistence_file: Path | None = None,
        reopen: tg.Reopen | None = None,
        clock: Callable[[], float] | None = None,
        workers: SearchWorkers | None = None,
        network: bool = False,
        search_threads: int = 1,
        **settings: Any,
    ) -> Harness:
        """network: requests through python-telegram-bot's HTTPXRequest (httpx_request), for
        failures that FakeBotAPI.break_next plans; search_threads: searches at once."""
        settings.setdefault("throttle_per_minute", 0)
        searcher = searcher or FakeSearcher()
        bot = NewsBot(
            Backend(searcher, info or FakeInfo(built=datetime(2024, 2, 9, 12, 0, tzinfo=UTC))),
            TelegramSettings(**settings),
            reopen=reopen,
            today=lambda: TODAY,
            clock=clock or time.monotonic,
            workers=workers,
            search_threads=search_threads,
        )
        api = api or FakeBotAPI()
        request = httpx_request(api) if network else RecordingRequest(api)
        app = build_application(
            bot,
            TOKEN,
            request=request,
            get_updates_request=request,
            persistence_file=persistence_file,
        )
        await app.initialize()
        api.calls.clear()  # getMe
        apps.append(app)
        return Harness(app, api, bot, searcher)

    yield make
    for app in apps:
        await app.shutdown()


@pytest.fixture
async def harness(make_harness: MakeHarness) -> Harness:
    """A harness with default settings (throttling off)."""
    return await make_harness()


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


# --- private chats ----------------------------------------------------------------------------


async def test_private_message_is_a_question(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await harness.send(message_update(text_message("Why did the volcano erupt?")))

    [sent] = harness.replies()
    assert sent["chat_id"] == USER["id"]
    assert sent["parse_mode"] == "HTML"
    assert sent["link_preview_options"] == {"is_disabled": True}
    assert "reply_parameters" not in sent  # no quoting in a private chat
    text = str(sent["text"])
    check_telegram_html(text)
    assert text.startswith("1. <b>Volcano erupts in Iceland</b>\n<i>Nordic News · 15 Jan 2024</i>")
    assert "A <b>volcano</b> on the Reykjanes" in text
    assert '<a href="https://news.example/iceland-volcano?a=1&amp;b=2">' in text
    assert "3. <b>" in text
    assert "4. <b>" not in text
    labels = [b["text"] for row in harness.last_markup() for b in row]
    assert labels == ["📄 1", "📄 2", "📄 3", "More results"]
    [call] = harness.searcher.calls
    assert (call.question, call.k, call.offset, call.as_of) == (
        "Why did the volcano erupt?",
        3,
        0,
        TODAY,
    )
    assert call.thread != threading.current_thread().name  # searched in a worker thread
    assert TOKEN not in caplog.text
    no_errors(caplog)


async def test_a_message_without_a_chat_is_skipped_with_one_warning(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # python-telegram-bot reads one (a proxy's hand-made update, posted to the webhook with
    # its secret): the handlers failed on it, an ERROR and a traceback in the log
    message = {"message_id": 1, "date": 1_717_000_000, "text": "why did the volcano erupt?"}
    update = {"update_id": 4321, "message": message}
    with caplog.at_level(logging.WARNING):
        await harness.send(update)
    assert [r.getMessage() for r in caplog.records] == [tg.CHATLESS_UPDATE % 4321]
    assert harness.texts() == []
    await harness.send(message_update(text_message("why did the volcano erupt?")))
    assert len(harness.texts()) == 1  # the next one is answered


async def test_a_greeting_gets_a_greeting_not_a_search(harness: Harness) -> None:
    await harness.send(message_update(text_message("Hi there! 👋")))

    [sent] = harness.replies()
    assert str(sent["text"]).startswith("Hello! Ask me about the news in your own words")
    assert "reply_markup" not in sent
    assert harness.searcher.calls == []
    # nor does "/article hello", which had sent the whole article best matching "hello"
    await harness.send(message_update(text_message("/article hello")))
    assert harness.searcher.calls == []


@pytest.mark.parametrize("typed", ["hi", f"@{BOT_USERNAME} hi", "who are you?", "please"])
async def test_small_talk_suggests_a_question_this_library_answers(
    harness: Harness, typed: str
) -> None:
    # it suggested "why are US troops leaving Niger?", which found nothing in a library
    # without that story; /start and the usage notes suggest the newest headline
    chat = GROUP_CHAT if BOT_USERNAME in typed else private_chat()
    await harness.send(message_update(text_message(typed, chat=chat)))

    [sent] = harness.texts()
    assert "such as “Airline warns of volcano ash”." in sent
    assert "Niger" not in sent
    assert harness.searcher.calls == []


async def test_the_example_is_the_newest_headline_that_reads_as_a_question(
    make_harness: MakeHarness,
) -> None:
    # the newest headline was suggested whatever it was: "Goodbye" got a goodbye (and left
    # the console), "OK" was thanked for, "Why?" found nothing, operators were read as
    # filters, and an empty one gave the fixed example, not the next headline
    unusable = [
        "Storm batters the U.S.",  # the oldest: the one to suggest
        'source:reuters -foo "quoted" since:7d',
        "before:2024 chaos",
        "Why?",
        "",
        "OK",
        "Goodbye",
    ]
    articles = [
        article(headline, f"Story {i} about the weather.", published=date(2024, 1, 1 + i))
        for i, headline in enumerate(unusable)
    ]
    harness = await make_harness(info=FakeInfo(articles=articles))

    await harness.send(message_update(text_message("hi")))
    await harness.send(message_update(text_message("/start")))

    hello, welcome = harness.texts()
    # the abbreviation keeps its dot (the example had lost it: "the U.S")
    assert hello.endswith("such as “Storm batters the U.S.”.")
    assert "<i>Storm batters the U.S.</i>" in welcome
    assert harness.searcher.calls == []


async def test_without_a_headline_that_reads_as_a_question_the_example_is_the_fixed_one(
    make_harness: MakeHarness,
) -> None:
    heads = ["Goodbye", "Why?", "before:2024 chaos"] * 7  # 21: past the headlines looked at
    articles = [
        article(head, f"Story {i}.", published=date(2024, 1, 1 + i))
        for i, head in enumerate(["Lava reaches the town", *heads])
    ]
    harness = await make_harness(info=FakeInfo(articles=articles))

    await harness.send(message_update(text_message("hi")))

    assert harness.texts()[0].endswith(f"such as “{tg.FALLBACK_EXAMPLE}”.")


@pytest.mark.parametrize(
    ("headline", "example"),
    [
        ("Is the volcano about to erupt again?", "Is the volcano about to erupt again?"),
        ("Lava reaches the town.", "Lava reaches the town"),
        ("Storm hits Florida.", "Storm hits Florida"),
        ("Acme buys Widget Inc.", "Acme buys Widget Inc."),
        ("Ukraine war:", "Ukraine war"),
        ("Markets tumble...", "Markets tumble..."),
        ("  Two\n  lines. ", "Two lines"),
    ],
)
def test_the_example_loses_only_a_sentence_end(headline: str, example: str) -> None:
    # rstrip(".!?:;") had cut a question's "?" and an abbreviation's dot
    info = FakeInfo(articles=[article(headline, "Text.", published=date(2024, 1, 1))])

    assert example_question(info) == example


def test_a_headline_too_long_to_type_is_no_example() -> None:
    # a 971-character headline, the newest, made "/ask" alone a 1,017-character hint
    long_one = article("Lava " + "flows and " * 100 + "stops", "Text.", published=date(2024, 1, 2))
    short = article("Lava reaches the town", "Text.", published=date(2024, 1, 1))
    assert example_question(FakeInfo(articles=[short, long_one])) == "Lava reaches the town"
    assert example_question(FakeInfo(articles=[long_one])) is None


async def test_thanks_and_praise_around_a_mention_are_small_talk_not_a_search(
    harness: Harness,
) -> None:
    # "thanks a lot @newsbot, great bot!" was searched, and answered "No good match for
    # “thanks a lot , great bot!”", quoting the member's thanks back mangled
    thanks = text_message(f"thanks a lot @{BOT_USERNAME}, great bot!", chat=GROUP_CHAT)
    await harness.send(message_update(thanks))
    await harness.send(message_update(text_message("hi, how are you?")))
    assert harness.searcher.calls == []
    await harness.send(message_update(text_message("hi, who won the election?")))

    welcome, about, _ = harness.texts()
    assert welcome == "You're welcome! Ask me anything else about the news."
    assert about.startswith("I'm Newsbot: I find the passages")
    assert [c.question for c in harness.searcher.calls] == ["hi, who won the election?"]


async def test_nothing_found_says_so_without_buttons(harness: Harness) -> None:
    await harness.send(message_update(text_message("xyzzy plugh")))

    [sent] = harness.replies()
    assert "No good match for “<i>xyzzy plugh</i>”" in sent["text"]
    assert "reply_markup" not in sent


async def test_a_blank_that_is_no_space_is_not_echoed(harness: Harness) -> None:
    # the Braille blank and the Hangul filler, sent as "empty" messages, came back as
    # "No good match for “⠀”": empty quotes, as zero-width text no longer does
    await harness.send(message_update(text_message("\u2800")))
    await harness.send(message_update(text_message("\u3164 \u2800")))

    texts = [str(sent["text"]) for sent in harness.replies()]
    assert len(texts) == 2
    assert all(text.startswith("No good match.") for text in texts), texts


async def test_user_text_is_escaped(harness: Harness) -> None:
    await harness.send(message_update(text_message("<b>rates</b> & <script>")))

    text = str(harness.replies()[0]["text"])
    check_telegram_html(text)
    assert "Central bank raises interest rates" in text


async def test_ask_command_with_and_without_bot_name(harness: Harness) -> None:
    await harness.send(message_update(text_message("/ask   marathon  record")))
    await harness.send(message_update(text_message(f"/ask@{BOT_USERNAME} marathon record")))
    await harness.send(message_update(text_message("/ask@some_other_bot marathon record")))

    assert [c.question for c in harness.searcher.calls] == ["marathon  record", "marathon record"]
    *answers, hint = harness.texts()
    assert len(answers) == 2
    assert all("Marathon record falls in Berlin" in t for t in answers)
    assert hint == tg.OTHER_BOT_COMMAND.format(name="some_other_bot")  # a private chat


async def test_ask_without_a_question_shows_usage(harness: Harness) -> None:
    await harness.send(message_update(text_message("/ask")))

    [sent] = harness.replies()
    assert "parse_mode" not in sent  # plain text
    assert sent["text"].startswith("Put the question after the command, e.g. /ask ")
    assert "Airline warns of volcano ash" in sent["text"]  # the newest headline as example
    assert not harness.searcher.calls


async def test_edited_message_is_answered_as_a_new_question(harness: Harness) -> None:
    original = text_message("interest rates", message_id=300)
    await harness.send(message_update(original))
    await harness.send(message_update({**original, "text": "marathon record"}, edited=True))

    first, second = harness.replies()
    assert "Central bank" in first["text"]
    assert "Marathon record" in second["text"]
    assert second["reply_parameters"]["message_id"] == 300  # quotes the edited question


@pytest.mark.parametrize("command", ["/latest", "/help", "/sources", "/stats", "/start"])
async def test_an_edit_into_a_command_is_answered_quoting_the_edit(
    harness: Harness, command: str
) -> None:
    # only /ask and questions quoted the edit; in a private chat the answer to "/latest" came
    # with nothing to say which message it answered
    original = text_message("interest rates", message_id=310)
    await harness.send(message_update(original))
    await harness.send(message_update({**original, "text": command}, edited=True))
    last = harness.replies()[-1]
    assert last["reply_parameters"]["message_id"] == 310


async def test_an_edit_that_changes_nothing_is_not_answered_again(harness: Harness) -> None:
    # Telegram sends an edited_message when a message gets its first reaction, say: the same
    # answer went out again (and /help, quoting the message in groups)
    original = text_message("interest rates", message_id=301)
    command = text_message("/help", message_id=302)
    await harness.send(message_update(original))
    await harness.send(message_update(command))
    await harness.send(message_update(original, edited=True))
    await harness.send(message_update(command, edited=True))
    assert len(harness.replies()) == 2
    await harness.send(message_update({**original, "text": "marathon record"}, edited=True))
    assert "Marathon record" in harness.replies()[-1]["text"]
    assert len(harness.replies()) == 3
    # an edit made after the start of a message the bot never saw (before a restart) is
    # answered (one dated in the start's own second counts as old: see the next test)
    later = int(harness.bot.started.timestamp()) + 1
    unseen = text_message("interest rates", message_id=303)
    await harness.send(message_update(unseen, edited=True, edit_date=later))
    assert len(harness.replies()) == 4


async def test_an_edit_dated_in_the_starts_own_second_counts_as_old(harness: Harness) -> None:
    # the start was rounded down, so a reaction to a message last edited earlier in the
    # start's second brought the answer again, while DESIGN said that second counts as old
    start = int(harness.bot.started.timestamp())
    unseen = text_message(f"@{BOT_USERNAME} interest rates", chat=GROUP_CHAT, message_id=304)
    await harness.send(reaction_update(unseen, edit_date=start))
    assert harness.replies() == []
    changed = {**unseen, "text": f"@{BOT_USERNAME} marathon record"}
    await harness.send(message_update(changed, edited=True, edit_date=start + 1))
    assert len(harness.replies()) == 1


async def test_a_damaged_saved_date_is_replaced_not_raised(harness: Harness) -> None:
    # bot_data is the user's pickle: a value of another type there had failed every update
    harness.app.bot_data["dates_seen_until"] = "yesterday"
    await harness.send(message_update(text_message("interest rates", message_id=360)))
    assert len(harness.replies()) == 1
    assert isinstance(harness.app.bot_data["dates_seen_until"], int)


async def test_a_reaction_after_a_restart_brings_no_new_answer(
    make_harness: MakeHarness, tmp_path: Path
) -> None:
    # the texts seen were in memory only: after a restart the first reaction to an old
    # question (an edit that changes nothing) posted the whole answer again, in a group too
    state = tmp_path / "data" / "telegram.pickle"
    question = text_message(f"@{BOT_USERNAME} interest rates", chat=GROUP_CHAT, message_id=320)
    typo = text_message(f"@{BOT_USERNAME} marathon recrd", chat=GROUP_CHAT, message_id=321)
    fixed = {**typo, "text": f"@{BOT_USERNAME} marathon record"}
    before = await make_harness(persistence_file=state)
    await before.send(message_update(question))
    await before.send(message_update(typo))
    edited_at = int(time.time()) - 1  # (Telegram's dates are whole seconds)
    await before.send(message_update(fixed, edited=True, edit_date=edited_at))
    assert len(before.replies()) == 3
    await before.app.update_persistence()
    await before.app.shutdown()

    after = await make_harness(persistence_file=state)
    await after.send(reaction_update(question))  # never edited: a hidden edit, no edit_date
    await after.send(reaction_update(fixed, edit_date=edited_at))  # its last edit's date
    assert after.replies() == []
    # a typo fixed now in a question asked before the restart is a new question
    await after.send(
        message_update({**question, "text": f"@{BOT_USERNAME} interest rate"}, edited=True)
    )
    [answer] = after.replies()
    assert answer["reply_parameters"]["message_id"] == 320


async def test_an_edit_made_while_the_bot_was_stopped_is_answered(
    make_harness: MakeHarness, tmp_path: Path
) -> None:
    # Telegram keeps the updates of the downtime and delivers them at the start: the edit of
    # a user who fixed a typo during a restart was dated before the new process started, and
    # was dropped without a word. The bound is the newest date the last process saw (saved
    # with the bot's state), in Telegram's clock, not the host's start time.
    state = tmp_path / "data" / "telegram.pickle"
    question = text_message(f"@{BOT_USERNAME} interest rates", chat=GROUP_CHAT, message_id=340)
    typo = text_message(f"@{BOT_USERNAME} marathon recrd", chat=GROUP_CHAT, message_id=341)
    fixed = {**typo, "text": f"@{BOT_USERNAME} marathon record"}
    rate = {**question, "text": f"@{BOT_USERNAME} interest rate"}
    now = int(time.time())
    before = await make_harness(persistence_file=state)
    await before.send(message_update(question))
    await before.send(message_update(typo))
    await before.send(message_update(rate, edited=True, edit_date=now - 20))
    assert len(before.replies()) == 3
    await before.app.update_persistence()
    await before.app.shutdown()

    after = await make_harness(persistence_file=state)
    # the pending updates: reactions (no date, or that of the last edit the bot saw) and an
    # edit made while the bot was stopped, dated before this process started
    await after.send(reaction_update(rate, edit_date=now - 20))
    await after.send(reaction_update({**rate, "message_id": 342}))  # a question never edited
    assert after.replies() == []
    await after.send(message_update(fixed, edited=True, edit_date=now - 5))
    [answer] = after.replies()
    assert answer["reply_parameters"]["message_id"] == 341
    assert "Marathon record" in answer["text"]


async def test_a_reaction_after_thousands_of_messages_brings_no_new_answer(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 4,096 messages later the bot had forgotten the text, and answered a reaction again
    monkeypatch.setattr(tg, "RECENT_MESSAGES", 4)
    question = text_message(f"@{BOT_USERNAME} interest rates", chat=GROUP_CHAT, message_id=330)
    typo = text_message(f"@{BOT_USERNAME} marathon recrd", chat=GROUP_CHAT, message_id=331)
    fixed = {**typo, "text": f"@{BOT_USERNAME} marathon record"}
    edited_at = int(time.time()) + 1  # after the harness started
    await harness.send(message_update(question))
    await harness.send(message_update(typo))
    await harness.send(message_update(fixed, edited=True, edit_date=edited_at))
    assert len(harness.replies()) == 3
    for number in range(4):  # the group talks on, not to the bot
        await harness.send(message_update(text_message(f"chat {number}", chat=GROUP_CHAT)))

    await harness.send(reaction_update(question))
    await harness.send(reaction_update(fixed, edit_date=edited_at))
    assert len(harness.replies()) == 3
    # a real edit is still a new question
    again = {**fixed, "text": f"@{BOT_USERNAME} marathon records"}
    await harness.send(message_update(again, edited=True, edit_date=edited_at + 1))
    assert len(harness.replies()) == 4


async def test_the_bots_name_in_a_private_chat_is_no_part_of_the_question(
    harness: Harness,
) -> None:
    await harness.send(message_update(text_message(f"@{BOT_USERNAME} interest rates")))
    await harness.send(message_update(text_message(f"@{BOT_USERNAME}")))

    answer, hint = harness.texts()
    assert [c.question for c in harness.searcher.calls] == ["interest rates"]
    assert "Central bank raises interest rates" in answer
    assert hint == tg.EMPTY_MENTION


STICKER: dict[str, Any] = {
    "file_id": "CAAC",
    "file_unique_id": "u1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}


async def test_sticker_and_photo_get_a_hint_in_private(harness: Harness) -> None:
    sticker = text_message("x")
    del sticker["text"]
    sticker["sticker"] = STICKER
    photo = text_message("x")
    del photo["text"]
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    await harness.send(message_update(sticker))
    await harness.send(message_update(photo))

    assert harness.texts() == [tg.NOT_TEXT, tg.NOT_TEXT]
    assert not harness.searcher.calls


def album_photo(group: str, caption: str | None = None) -> dict[str, Any]:
    """A photo of an album (a media group), as Telegram sends each as a message of its own."""
    message = text_message("x", media_group_id=group)
    del message["text"]
    message["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    if caption is not None:
        message["caption"] = caption
    return message


async def run_scheduled(harness: Harness) -> None:
    """Run the jobs the bot has scheduled (an album's hint, which waits for its caption) as
    the job queue would once their time comes, and drop them."""
    queue = harness.app.job_queue
    assert queue is not None
    for job in queue.jobs():
        await job.run(harness.app)
        job.schedule_removal()


async def test_an_album_gets_one_reply(harness: Harness) -> None:
    # Telegram sends each photo of an album as a message of its own: each got the hint,
    # which spent the user's throttle before their next question
    await harness.send(message_update(album_photo("album-1", "interest rates")))
    for _ in range(3):
        await harness.send(message_update(album_photo("album-1")))
    for _ in range(4):
        await harness.send(message_update(album_photo("album-2")))
    await run_scheduled(harness)

    texts = harness.texts()
    assert len(texts) == 2
    assert "Central bank" in texts[0]  # the caption asks
    assert texts[1] == tg.NOT_TEXT  # once for the album without one


async def test_an_album_captioned_on_a_later_photo_gets_only_the_answer(
    harness: Harness,
) -> None:
    # the first photo, without a caption, got "I can only read text" before the caption on
    # the third was answered
    await harness.send(message_update(album_photo("album-1")))
    await harness.send(message_update(album_photo("album-1")))
    await harness.send(message_update(album_photo("album-1", "interest rates")))
    await run_scheduled(harness)

    [answer] = harness.texts()
    assert "Central bank" in answer
    assert [c.question for c in harness.searcher.calls] == ["interest rates"]


async def test_an_albums_hint_waits_for_a_caption(harness: Harness) -> None:
    # no caption came with the album's first photo: the hint waits (the job queue's
    # ALBUM_WAIT) for one on a later photo, then goes once
    photo = album_photo("album-1")
    await harness.send(message_update(photo))
    await harness.send(message_update(album_photo("album-1")))

    assert not harness.replies()
    queue = harness.app.job_queue
    assert queue is not None
    assert len(queue.jobs()) == 1
    await run_scheduled(harness)
    assert harness.texts() == [tg.NOT_TEXT]
    # sent late, it quotes the photo: a verifier found it read as the reply to a question
    # asked meanwhile
    first = harness.replies()[0]
    assert first["reply_parameters"]["message_id"] == photo["message_id"]


ARABIC = article(
    "بايدن يزور \u2066Paris\u2069 اليوم",
    "زار الرئيس \u2066Joe Biden\u2069 باريس بعد ثوران volcano في آيسلندا.",
    published=date(2024, 1, 1),
    source="وكالة \u2067Arabic Wire",  # an isolate left open: it would take in the date
    url="https://news.example/ar",
)


async def test_isolates_in_right_to_left_articles_are_shown_not_replaced(
    make_harness: MakeHarness,
) -> None:
    # Arabic, Hebrew and Persian sources put a Latin name between isolates: the answer, the
    # article and the list showed "\ufffd" in their place
    harness = await make_harness(
        searcher=FakeSearcher(articles=(ARABIC,)), info=FakeInfo((ARABIC,))
    )
    await harness.send(message_update(text_message("volcano")))
    await harness.send(callback_update(harness.button("📄 1"), harness.last_sent_message()))
    await harness.send(message_update(text_message("/latest")))
    await harness.send(message_update(text_message("zzqq \u2067Qwerty\u2069 \u202exyzzy")))

    answer, whole, latest, echo = harness.texts()
    for text in (answer, whole, latest):
        check_telegram_html(text)
        assert "\ufffd" not in text
        assert "بايدن يزور \u2066Paris\u2069 اليوم" in text
        # the source's open isolate is dropped: the date after it is the bot's, in order
        assert "وكالة Arabic Wire · 1 Jan 2024" in text
    assert "الرئيس \u2066Joe Biden\u2069 باريس" in answer
    assert "الرئيس \u2066Joe Biden\u2069 باريس" in whole
    assert "\ufffd" not in echo
    assert "zzqq \u2067Qwerty\u2069 xyzzy" in echo  # the override, unclosed, is dropped


async def test_an_article_heavy_in_markup_characters_is_split_by_what_telegram_counts(
    make_harness: MakeHarness,
) -> None:
    # Telegram's 4,096 is of the text after parsing ("&amp;" is one character): split on
    # the escaped length, this article took eight messages and was cut ("The article goes
    # on") after a third of it
    code = article(
        "Operators volcano",
        "volcano " + "a < b && c > d; " * 1000,
        published=date(2024, 1, 2),
        url="https://news.example/ops",
    )
    harness = await make_harness(searcher=FakeSearcher(articles=(code,)), info=FakeInfo((code,)))
    await harness.send(message_update(text_message("volcano")))
    await harness.send(callback_update(harness.button("📄 1"), harness.last_sent_message()))

    parts = harness.texts()[1:]
    assert len(parts) == 5
    for part in parts:
        check_telegram_html(part)
        assert "&amp;&amp;" in part
    assert ARTICLE_CUT not in parts[-1]
    assert parts[-1].endswith("c &gt; d;")  # the article's end


async def test_our_own_inline_results_are_not_questions(harness: Harness) -> None:
    shared = text_message("Volcano erupts in Iceland", via_bot={**tg_bot_user()})
    await harness.send(message_update(shared))

    assert not harness.replies()


def tg_bot_user() -> dict[str, Any]:
    return {"id": BOT_ID, "is_bot": True, "first_name": "Newsbot", "username": BOT_USERNAME}


@pytest.mark.parametrize(
    "typed",
    [
        "more",
        "More results?",
        "next",
        "open 2",
        "read 2",
        "o 2",
        "open #2",
        "open 2nd",
        "open number 2",
        "open two",
        "open the second one",
        "open 100",
        "next one",
        "more please",
        "show me more",
        "Tell me more!",
        # a result named without "open", as a reply to a numbered list ("2" had found
        # "Middlesbrough 2-2 Charlton")
        "2",
        "#2",
        "3.",
        "2 please",
        "the second one",
        # ordinals in digits up to 9 (verify round 3)
        *("2nd", "the 2nd one", "number 3", "story number 2", "the 1st", "3rd please"),
    ],
)
async def test_the_consoles_words_for_the_buttons_get_a_hint(harness: Harness, typed: str) -> None:
    # "more" found a story quoting "one more rate rise"; "open 2" found nothing
    await harness.send(message_update(text_message(typed)))
    assert harness.texts() == [tg.BUTTON_WORDS_HINT]
    assert harness.searcher.calls == []


@pytest.mark.parametrize(
    "typed",
    [
        *("open borders", "read more about Niger", "next election", "1984", "No 10"),
        *("Article 5", "number 10", "Number 10", "13th", "the 19th"),
    ],
)
async def test_questions_that_start_like_the_buttons_are_searched(
    harness: Harness, typed: str
) -> None:
    await harness.send(message_update(text_message(typed)))
    assert harness.searcher.calls
    assert tg.BUTTON_WORDS_HINT not in harness.texts()


@pytest.mark.parametrize("typed", ["?", "?!", "…", "/"])
async def test_punctuation_alone_is_asked_to_name_something(harness: Harness, typed: str) -> None:
    # it had been told "No good match for “?”. Try fewer or different words"
    await harness.send(message_update(text_message(typed)))
    assert harness.texts() == [
        "Put a name or a topic in the question, e.g. “Airline warns of volcano ash”: each "
        "message is read on its own."
    ]
    assert harness.searcher.calls == []


@pytest.mark.parametrize("typed", ["🤔", "🦒", "lol", "🤔?", "👍!!", "?🙏"])
async def test_an_emoji_alone_gets_a_reply_that_fits_a_first_message(
    harness: Harness, typed: str
) -> None:
    # "Ask me anything else about the news." read oddly as the first reply
    await harness.send(message_update(text_message(typed)))
    assert harness.texts() == [
        "Ask me a question about the news, such as “Airline warns of volcano ash”."
    ]


@pytest.mark.parametrize(
    ("typed", "command"),
    [("start", "/start"), ("Start!", "/start"), ("MENU", "/help"), ("settings.", "/help"),
     ("menu please", "/help")],
)  # fmt: skip
async def test_a_bots_word_typed_without_the_slash_gets_a_hint(
    harness: Harness, typed: str, command: str
) -> None:
    # searched, "start" was told "No good match for “start”"
    await harness.send(message_update(text_message(typed)))
    [hint] = harness.texts()
    assert hint.startswith("Commands start with a slash")
    assert command in hint
    word = typed.strip(".!").casefold().removesuffix(" please")
    assert f"/ask {word}" in hint  # the word itself is still to be had
    assert harness.searcher.calls == []


@pytest.mark.parametrize(
    "typed",
    ["stop", "Unsubscribe", "STOP!", "stop please", "Please stop!", "stop alerts", "стоп",
     "unsubscribe me pls", "Stop it.", "stop the alerts", "unsubscribe from alerts",
     "stop messaging me", "cancel my subscription"],
)  # fmt: skip
async def test_stop_typed_in_a_chat_without_alerts_says_there_are_none(
    harness: Harness, typed: str
) -> None:
    await harness.send(message_update(text_message(typed)))
    [hint] = harness.texts()
    assert hint.startswith("This chat gets no alerts")
    assert harness.searcher.calls == []


@pytest.mark.parametrize(
    "typed",
    ["stop and search powers", "start-up funding", "menu prices", "Stop the war", "stop the boats",
     "cancel culture", "stop it now please then"],
)  # fmt: skip
async def test_a_question_holding_a_bots_word_is_searched(harness: Harness, typed: str) -> None:
    await harness.send(message_update(text_message(typed)))
    assert [call.question for call in harness.searcher.calls] == [typed]


async def test_ask_and_inline_mode_search_a_bots_word(harness: Harness) -> None:
    # only a chat's whole message is taken for a command missing its slash
    await harness.send(message_update(text_message("/ask stop")))
    await harness.send(inline_update("start"))
    assert [call.question for call in harness.searcher.calls] == ["stop", "start"]


async def test_unknown_command_gets_a_hint_in_private(harness: Harness) -> None:
    await harness.send(message_update(text_message("/weather tomorrow")))

    assert harness.texts() == [tg.UNKNOWN_COMMAND]


async def test_a_command_word_with_its_slash_gets_the_words_hint(harness: Harness) -> None:
    # "/stop", "/menu" and the like are commands the bot lacks that people try: they had got
    # "I don't know that command", as "/weather" does
    group = [f"/menu@{BOT_USERNAME}", "/stop"]  # named, then maybe another bot's
    for text in ("/stop", "/Unsubscribe", "/cancel", "/menu", "/settings", "/restart"):
        await harness.send(message_update(text_message(text)))
    for text in group:
        await harness.send(message_update(text_message(text, chat=GROUP_CHAT)))
    await harness.send(message_update(text_message("/help")))
    stop, unsubscribe, cancel, menu, settings, restart, named, help_text = harness.texts()
    assert stop == tg.STOP_NOTHING
    assert unsubscribe.startswith("This chat gets no alerts")
    assert cancel == stop
    assert menu == "I have no /menu: /help lists them."
    assert settings.endswith("lists them.")
    assert restart == "I have no /restart: /start says what I know, /help lists the rest."
    assert named == menu
    assert help_text.startswith("Send me a question")
    assert harness.searcher.calls == []


async def test_a_command_for_another_bot_in_private_gets_a_hint(harness: Harness) -> None:
    # only this bot reads a private chat: silence would look like a broken bot
    await harness.send(message_update(text_message("/ask@OtherBot volcano")))

    assert harness.texts() == [tg.OTHER_BOT_COMMAND.format(name="otherbot")]
    assert not harness.searcher.calls


async def test_a_lone_surrogate_after_a_command_or_a_mention_is_answered(
    harness: Harness,
) -> None:
    # half of an escaped pair in the update's JSON: PTB's parse_entity cannot encode it
    await harness.send(message_update(text_message("/ask volcano \ud800")))
    mention = text_message(f"@{BOT_USERNAME} volcano \ud800", chat=GROUP_CHAT)
    await harness.send(message_update(mention))

    assert [call.question for call in harness.searcher.calls] == ["volcano \ufffd"] * 2
    assert all("Volcano" in text for text in harness.texts())


# --- a chat's turn: replies in the order the messages came --------------------------------------


@asynccontextmanager
async def serving(harness: Harness) -> AsyncIterator[None]:
    """The application running its update fetcher, as under polling or a webhook: updates put
    on its queue are handled concurrently, through its update processor."""
    await harness.app.start()
    try:
        yield
    finally:
        if harness.searcher.gate is not None:
            harness.searcher.gate.set()  # a failed test's searches end: stop waits for them
        await harness.app.stop()


async def received(harness: Harness, *updates: dict[str, Any]) -> None:
    """Put updates on the queue in one go, as one getUpdates batch arrives."""
    for update in updates:
        await harness.app.update_queue.put(Update.de_json(update, harness.app.bot))


async def until(condition: Callable[[], object], what: str) -> None:
    """Let the application work until `condition` holds (bounded, so a bug fails, not hangs)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


async def all_handled(harness: Harness) -> None:
    """Wait for every update on the queue to be handled (bounded, so a deadlock fails)."""
    await asyncio.wait_for(harness.app.update_queue.join(), 10)


async def idle_loop() -> None:
    """Give every task ready to run its go, many times over (a quick reply takes a few)."""
    for _ in range(200):
        await asyncio.sleep(0)


async def test_a_chats_replies_go_out_in_the_order_its_messages_came(harness: Harness) -> None:
    # a question, then a command and thanks in the same batch: the quick replies had gone
    # first, and private replies quote nothing, so which answered what could not be told
    harness.searcher.gate = threading.Event()
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            message_update(text_message("/help")),
            message_update(text_message("thanks")),
        )
        await until(lambda: harness.searcher.calls, "the question's search began")
        await idle_loop()
        assert harness.texts() == []  # the help and the thanks wait for the question's turn
        harness.searcher.gate.set()
        await all_handled(harness)

    answer, help_text, welcome = harness.texts()
    assert "Marathon" in answer
    assert help_text.startswith("Send me a question")
    assert welcome.startswith("You're welcome")
    assert harness.app.update_processor.chats_in_turn == 0  # nothing kept of an idle chat


async def test_other_chats_are_answered_while_one_chat_waits(harness: Harness) -> None:
    harness.searcher.gate = threading.Event()
    other = {**USER, "id": 77, "first_name": "Other"}
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            message_update(text_message("/help", user=other, chat=private_chat(other))),
        )
        await until(lambda: harness.texts(), "the other chat's reply")
        assert harness.replies()[0]["chat_id"] == 77
        harness.searcher.gate.set()
        await all_handled(harness)
    assert "Marathon" in harness.texts()[1]


async def test_a_button_press_is_not_held_behind_its_chats_question(harness: Harness) -> None:
    harness.searcher.gate = threading.Event()
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            callback_update("x:forged", bot_message("An old answer", chat=private_chat())),
        )
        await until(lambda: harness.api.sent("answerCallbackQuery"), "the press answered")
        assert harness.texts() == []  # the question's answer is still being looked for
        harness.searcher.gate.set()
        await all_handled(harness)
    assert "Marathon" in harness.texts()[0]


async def test_a_failed_question_gives_the_next_message_its_turn(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    harness = await make_harness(searcher=FakeSearcher(error=RuntimeError("index on fire")))
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("volcano")),
            message_update(text_message("/help")),
        )
        await all_handled(harness)
    apology, help_text = harness.texts()
    assert apology == tg.APOLOGY
    assert help_text.startswith("Send me a question")
    assert harness.app.update_processor.chats_in_turn == 0


async def test_a_question_that_takes_too_long_lets_the_next_message_go(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.searcher.gate = threading.Event()
    harness.app.update_processor.longest_wait = 0.0
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            message_update(text_message("/help")),
        )
        await until(lambda: harness.texts(), "the help, not waiting any longer")
        assert harness.texts()[0].startswith("Send me a question")
        harness.searcher.gate.set()
        await all_handled(harness)
    assert "Marathon" in harness.texts()[1]
    assert "not waiting for it" in caplog.text
    assert harness.app.update_processor.chats_in_turn == 0


async def test_one_chats_long_backlog_does_not_hold_up_other_chats(
    make_harness: MakeHarness,
) -> None:
    # python-telegram-bot's own bound on the updates in hand (its process_update takes a slot
    # before the processor sees the update) had been 1,024, and a message waiting for its
    # chat's turn held one: a burst from one chat behind a slow reply stopped every chat.
    # Throttled, the burst is answered by a few notices, not 1,100 sends
    harness = await make_harness(
        searcher=FakeSearcher(gate=threading.Event()), throttle_per_minute=1
    )
    other = {**USER, "id": 77, "first_name": "Other"}
    backlog = [message_update(text_message("volcano")) for _ in range(1100)]
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            *backlog,
            message_update(text_message("/help", user=other, chat=private_chat(other))),
        )
        await until(lambda: harness.texts(), "the other chat's reply")
        assert harness.replies()[0]["chat_id"] == 77
        harness.searcher.gate.set()
        await all_handled(harness)
    assert "Marathon" in harness.texts()[1]


@dataclass
class HeldSearcher(FakeSearcher):
    """A FakeSearcher whose search for a question holding one of `held`'s words waits for
    that word's gate; `began` lists the questions whose searches have begun."""

    held: dict[str, threading.Event] = field(default_factory=dict)
    began: list[str] = field(default_factory=list)

    def search(self, question: str, *args: Any, **kwargs: Any) -> Any:
        """The FakeSearcher's search, once the question's gate (if any) is open."""
        self.began.append(question)
        for word, gate in self.held.items():
            if word in question and not gate.wait(timeout=10):
                raise TimeoutError("the test never opened the gate")
        return super().search(question, *args, **kwargs)


async def test_after_a_stuck_reply_the_rest_still_go_in_turn(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # each message's wait had counted from its own arrival: once the stuck question's time
    # was up, the whole backlog went at once, "/help" answered before the question before
    # it, and a warning logged for each
    stuck, slow = threading.Event(), threading.Event()
    searcher = HeldSearcher(held={"marathon": stuck, "volcano": slow})
    harness = await make_harness(searcher=searcher, search_threads=2)  # one stays stuck
    harness.app.update_processor.longest_wait = 0.3
    async with serving(harness):
        await received(
            harness,
            message_update(text_message("marathon record")),
            message_update(text_message("volcano")),
            message_update(text_message("/help")),
            message_update(text_message("thanks")),
        )
        await until(lambda: "volcano" in searcher.began, "the next question's turn")
        await idle_loop()
        assert harness.texts() == []  # "/help" waits for the question before it
        slow.set()
        await until(lambda: len(harness.texts()) == 3, "the rest answered")
        stuck.set()
        await all_handled(harness)
    volcano, help_text, welcome, marathon = harness.texts()
    assert "Volcano" in volcano
    assert help_text.startswith("Send me a question")
    assert welcome.startswith("You're welcome")
    assert "Marathon" in marathon
    assert caplog.text.count("not waiting for it") == 1  # for the stuck one only
    assert harness.app.update_processor.chats_in_turn == 0


# --- groups and forum topics ------------------------------------------------------------------


async def test_group_message_not_addressed_is_ignored(harness: Harness) -> None:
    await harness.send(message_update(text_message("the volcano is scary", chat=GROUP_CHAT)))
    other = bot_message("hello", chat=GROUP_CHAT)
    other["from"] = OTHER_USER
    reply_to_someone = text_message("volcano?", chat=GROUP_CHAT, reply_to=other)
    await harness.send(message_update(reply_to_someone))
    await harness.send(message_update(text_message("/weather", chat=GROUP_CHAT)))
    await harness.send(message_update(text_message("/ask@some_other_bot rates", chat=GROUP_CHAT)))

    assert harness.api.calls == []
    assert harness.searcher.calls == []


async def test_group_mention_is_a_question_without_the_mention(harness: Harness) -> None:
    message = text_message(f"@{BOT_USERNAME} what about interest rates?", chat=GROUP_CHAT)
    await harness.send(message_update(message))

    [sent] = harness.replies()
    assert sent["chat_id"] == GROUP_CHAT["id"]
    assert sent["reply_parameters"]["message_id"] == message["message_id"]
    assert "message_thread_id" not in sent
    assert harness.searcher.calls[0].question == "what about interest rates?"


async def test_the_mention_is_removed_where_it_is_not_where_its_words_first_occur(
    harness: Harness,
) -> None:
    # "@news_test_bot2" (another bot) holds our name; so does a text_mention's display name
    said = f"😀 @{BOT_USERNAME}2 is worse; @{BOT_USERNAME} volcano"
    mention = text_message(said, chat=GROUP_CHAT)
    # offsets count UTF-16 units, two for the emoji: one more than Python's index
    mention["entities"] = [
        {"type": "mention", "offset": 3, "length": len(BOT_USERNAME) + 2},
        {"type": "mention", "offset": said.rfind("@") + 1, "length": len(BOT_USERNAME) + 1},
    ]
    named = "😀 Newsbot said lava; Newsbot volcano"
    text_mention = text_message(named, chat=GROUP_CHAT)
    text_mention["entities"] = [
        {
            "type": "text_mention",
            "offset": named.rfind("Newsbot") + 1,
            "length": 7,
            "user": tg_bot_user(),
        }
    ]
    await harness.send(message_update(mention))
    await harness.send(message_update(text_mention))

    assert [c.question for c in harness.searcher.calls] == [
        f"😀 @{BOT_USERNAME}2 is worse; volcano",
        "😀 Newsbot said lava; volcano",
    ]


async def test_an_entity_offset_inside_an_emoji_still_gets_an_answer(harness: Harness) -> None:
    # a client counting code points, not UTF-16 units: the mention's offset falls between the
    # emoji's two units, and cutting the text there had raised (the user got the apology)
    message = text_message("🌋Newsbot volcano", chat=GROUP_CHAT)
    message["entities"] = [
        {"type": "text_mention", "offset": 1, "length": 8, "user": tg_bot_user()}
    ]
    await harness.send(message_update(message))

    [sent] = harness.replies()
    assert "went wrong" not in sent["text"]
    [call] = harness.searcher.calls
    assert "volcano" in call.question


async def test_punctuation_left_alone_by_the_removed_mention_goes_with_it(
    harness: Harness,
) -> None:
    # the mention had become a space and its comma stayed: "what about lava , and the ash?",
    # echoed so under "No good match for ..."
    bot = f"@{BOT_USERNAME}"
    for said in (
        f"what about lava {bot}, and the ash?",
        f"any news on Iceland, {bot}?",
        f"{bot}, any news on Iceland?",
        f"hey, {bot} any news on Iceland?",
        f"lava! {bot}, and the ash?",
        f"/ask {bot}: lava and ash",
    ):
        await harness.send(message_update(text_message(said, chat=GROUP_CHAT)))

    assert [c.question for c in harness.searcher.calls] == [
        "what about lava, and the ash?",
        "any news on Iceland?",
        "any news on Iceland?",
        "hey, any news on Iceland?",
        "lava! and the ash?",
        "lava and ash",
    ]


async def test_group_mention_alone_gets_a_hint(harness: Harness) -> None:
    await harness.send(message_update(text_message(f"@{BOT_USERNAME}", chat=GROUP_CHAT)))

    assert harness.texts() == [tg.EMPTY_MENTION]


# Telegram sends an anonymous group admin's messages from this bot account, the group as
# sender_chat (and "send as channel" messages from Channel_Bot, the channel as sender_chat).
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


async def test_an_anonymous_admin_is_answered_when_addressing_the_bot(harness: Harness) -> None:
    anonymous = {"user": ANONYMOUS_ADMIN, "sender_chat": GROUP_CHAT, "chat": GROUP_CHAT}
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    await harness.send(message_update(text_message(f"@{BOT_USERNAME} volcano", **anonymous)))
    await harness.send(message_update(text_message("and the lava?", reply_to=ours, **anonymous)))
    await harness.send(message_update(text_message("unaddressed chatter", **anonymous)))

    assert [c.question for c in harness.searcher.calls] == ["volcano", "and the lava?"]
    assert len(harness.replies()) == 2


async def test_channel_posts_forwarded_into_the_discussion_group_are_not_answered(
    harness: Harness,
) -> None:
    # Telegram copies a channel's posts into its linked discussion group, from its service
    # account, with the channel as sender_chat
    channel = {"id": -1001111, "type": "channel", "title": "Daily News"}
    forwarded = {
        "chat": GROUP_CHAT,
        "user": {"id": 777000, "is_bot": False, "first_name": "Telegram"},
        "sender_chat": channel,
        "is_automatic_forward": True,
        "forward_origin": {"type": "channel", "date": 1, "chat": channel, "message_id": 10},
    }
    post = text_message(f"Meet our Q&A bot @{BOT_USERNAME}! Ask it about the news.", **forwarded)
    await harness.send(message_update(post))
    await harness.send(message_update(post, edited=True))
    await harness.send(message_update(text_message("/ask volcano", **forwarded)))

    assert harness.api.calls == []
    assert harness.searcher.calls == []


async def test_a_post_forwarded_into_a_group_that_mentions_the_bot_asks_it_nothing(
    harness: Harness,
) -> None:
    # "Try @bot for volcano news!" from a channel, forwarded by a member: answered in full
    channel = {"id": -1001111, "type": "channel", "title": "Daily News"}
    origin = {"type": "channel", "date": 1, "chat": channel, "message_id": 10}
    post = f"Try @{BOT_USERNAME} for volcano news!"
    await harness.send(message_update(text_message(post, chat=GROUP_CHAT, forward_origin=origin)))
    assert harness.searcher.calls == []
    # forwarded to the bot in a private chat, it is a question as any message there
    await harness.send(message_update(text_message(post, forward_origin=origin)))
    assert [c.question for c in harness.searcher.calls] == ["Try for volcano news!"]


async def test_a_command_forwarded_into_a_group_runs_nothing_but_forwarded_to_the_bot_does(
    harness: Harness,
) -> None:
    # a member forwards a chat log: the bot answered its "/ask@newsbot volcano", posted the
    # latest headlines for its "/latest@newsbot" and the help for "/help", each quoting it
    origin = {"type": "user", "date": 1, "sender_user": OTHER_USER}
    for text in (f"/ask@{BOT_USERNAME} volcano", f"/latest@{BOT_USERNAME}", "/help"):
        await harness.send(
            message_update(text_message(text, chat=GROUP_CHAT, forward_origin=origin))
        )
    photo = captioned(f"/ask@{BOT_USERNAME} rates", chat=GROUP_CHAT, forward_origin=origin)
    await harness.send(message_update(photo))
    assert harness.api.calls == []
    assert harness.searcher.calls == []
    # forwarded to the bot in a private chat, it is asked of the bot on purpose
    await harness.send(message_update(text_message("/ask volcano", forward_origin=origin)))
    assert [c.question for c in harness.searcher.calls] == ["volcano"]
    assert harness.texts()[0].startswith("1. <b>Volcano erupts in Iceland")


async def test_other_bots_are_not_answered(harness: Harness) -> None:
    other_bot = {"id": 777, "is_bot": True, "first_name": "Echo", "username": "echo_bot"}
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    reply = text_message("volcano", chat=GROUP_CHAT, user=other_bot, reply_to=ours)
    await harness.send(message_update(reply))

    assert harness.api.calls == []


async def test_group_reply_to_the_bot_is_a_question(harness: Harness) -> None:
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    await harness.send(
        message_update(text_message("and the lava?", chat=GROUP_CHAT, reply_to=ours))
    )

    [sent] = harness.replies()
    assert harness.searcher.calls[0].question == "and the lava?"
    assert sent["chat_id"] == GROUP_CHAT["id"]


async def test_group_commands_are_answered_with_or_without_the_name(harness: Harness) -> None:
    await harness.send(message_update(text_message("/ask rates", chat=GROUP_CHAT)))
    await harness.send(message_update(text_message(f"/ask@{BOT_USERNAME} rates", chat=GROUP_CHAT)))
    await harness.send(message_update(text_message(f"/weather@{BOT_USERNAME}", chat=GROUP_CHAT)))

    texts = harness.texts()
    assert len(texts) == 3
    assert "Central bank" in texts[0]
    assert "Central bank" in texts[1]
    assert texts[2] == tg.UNKNOWN_COMMAND


async def test_a_command_it_lacks_is_said_so_when_it_is_addressed(harness: Harness) -> None:
    # "@bot /foo" searched "/foo" ("No good match"); "/foo" in a reply to it got nothing
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    await harness.send(message_update(text_message(f"@{BOT_USERNAME} /foo", chat=GROUP_CHAT)))
    await harness.send(message_update(text_message("/foo", chat=GROUP_CHAT, reply_to=ours)))
    await harness.send(message_update(text_message("/foo", chat=GROUP_CHAT)))  # maybe another's

    assert harness.texts() == [tg.UNKNOWN_COMMAND, tg.UNKNOWN_COMMAND]
    assert harness.searcher.calls == []


async def test_the_bots_name_is_no_part_of_a_commands_words(harness: Harness) -> None:
    # people address the bot so in a group: "/ask @bot" alone searched for "@bot" (and found
    # stories about bots), "/ask @bot rates" asked "@bot rates"
    await harness.send(message_update(text_message(f"/ask @{BOT_USERNAME}", chat=GROUP_CHAT)))
    await harness.send(message_update(text_message(f"/ask @{BOT_USERNAME} rates", chat=GROUP_CHAT)))

    assert [c.question for c in harness.searcher.calls] == ["rates"]
    assert harness.texts()[0].startswith("Put the question after the command")


async def test_a_command_after_the_bots_name_edited_is_that_command(harness: Harness) -> None:
    # "@bot /lates" edited to "@bot /latest" searched "/latest"; an edit that left it as it
    # was got another "No good match" (the gate had remembered "/latest" as its text)
    typo = text_message(f"@{BOT_USERNAME} /lates", chat=GROUP_CHAT)
    await harness.send(message_update(typo))
    fixed = {**typo, "text": f"@{BOT_USERNAME} /latest"}
    await harness.send(message_update(fixed, edited=True))
    await harness.send(message_update(fixed, edited=True))  # a reaction: the text as it was

    first, latest = harness.texts()
    assert first == tg.UNKNOWN_COMMAND
    assert latest.startswith("<b>Latest headlines</b>")
    assert harness.searcher.calls == []


async def test_a_command_after_the_bots_name_is_that_command(harness: Harness) -> None:
    # "@bot /help" in a group was searched as the words "/help"
    helped = text_message(f"@{BOT_USERNAME} /help", chat=GROUP_CHAT)
    asked = text_message(f"@{BOT_USERNAME} /ask rates", chat=GROUP_CHAT)
    # another bot's command after the bot's name was searched as words
    other = text_message(f"@{BOT_USERNAME} /ask@Other_bot rates", chat=GROUP_CHAT)
    lacking = text_message(f"@{BOT_USERNAME} /foo@{BOT_USERNAME.upper()} rates", chat=GROUP_CHAT)
    for message in (helped, asked, other, lacking):
        await harness.send(message_update(message))

    texts = harness.texts()
    assert texts[0].startswith("Send me a question in plain words")
    assert [c.question for c in harness.searcher.calls] == ["rates"]
    assert harness.replies()[1]["reply_parameters"]["message_id"] == asked["message_id"]
    assert texts[2:] == [tg.OTHER_BOT_COMMAND.format(name="Other_bot"), tg.UNKNOWN_COMMAND]


async def test_forum_topic_reply_stays_in_the_topic(harness: Harness) -> None:
    topic_start = bot_message("", chat=FORUM_CHAT, message_id=77)
    topic_start["forum_topic_created"] = {"name": "Volcanoes", "icon_color": 7322096}
    topic_start["message_thread_id"] = 77
    topic_start["is_topic_message"] = True
    asked = text_message(
        f"/ask@{BOT_USERNAME} lava",
        chat=FORUM_CHAT,
        thread_id=77,
        reply_to=topic_start,
    )
    chatter = text_message("nice lava", chat=FORUM_CHAT, thread_id=77, reply_to=topic_start)
    await harness.send(message_update(asked))
    await harness.send(message_update(chatter))  # the topic's own start is no reply to the bot

    [sent] = harness.replies()
    assert sent["message_thread_id"] == 77
    assert sent["reply_parameters"]["message_id"] == asked["message_id"]
    assert len(harness.searcher.calls) == 1


def captioned(text: str, **options: Any) -> dict[str, Any]:
    """A photo with `text` as its caption (the entities Telegram adds, as caption_entities)."""
    photo = text_message(text, **options)
    photo["caption"] = photo.pop("text")
    if "entities" in photo:
        photo["caption_entities"] = photo.pop("entities")
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    return photo


async def test_a_captions_question_is_answered_as_a_message_would_be(harness: Harness) -> None:
    # a photo captioned in a private chat, or with /ask or an @mention in a group
    await harness.send(message_update(captioned("Why did the volcano erupt?")))
    await harness.send(message_update(captioned("/ask volcano lava", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned(f"@{BOT_USERNAME} volcano", chat=GROUP_CHAT)))
    asked = [call.question for call in harness.searcher.calls]
    assert asked == ["Why did the volcano erupt?", "volcano lava", "volcano"]
    assert len(harness.replies()) == 3
    assert "volcano" in harness.texts()[0].casefold()


async def test_a_caption_not_addressed_to_the_bot_gets_silence_in_a_group(
    harness: Harness,
) -> None:
    await harness.send(message_update(captioned("our holiday volcano", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned("/ask@otherbot volcano", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned("/latest", chat=GROUP_CHAT)))
    assert harness.api.calls == []
    await harness.send(message_update(captioned("/latest")))  # private: commands are text
    assert harness.texts() == [tg.CAPTION_COMMAND.format(command="/latest")]


async def test_a_caption_that_names_the_bot_then_a_command_is_told_to_send_it_as_text(
    harness: Harness,
) -> None:
    # "@bot /latest" on a photo ran /latest, while a caption "/latest" is told to send it as
    # text; /ask asks from a caption either way
    await harness.send(message_update(captioned(f"@{BOT_USERNAME} /latest", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned(f"@{BOT_USERNAME} /help")))
    await harness.send(message_update(captioned(f"@{BOT_USERNAME} /ask volcano", chat=GROUP_CHAT)))

    texts = harness.texts()
    assert texts[:2] == [
        tg.CAPTION_COMMAND.format(command="/latest"),
        tg.CAPTION_COMMAND.format(command="/help"),
    ]
    assert [call.question for call in harness.searcher.calls] == ["volcano"]
    assert len(texts) == 3


async def test_a_caption_command_for_the_bot_in_a_group_gets_the_hint(harness: Harness) -> None:
    # "/latest@bot" on a photo in a group got silence, though the same text is answered
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    await harness.send(message_update(captioned(f"/latest@{BOT_USERNAME}", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned(f"/foo@{BOT_USERNAME.upper()}", chat=GROUP_CHAT)))
    await harness.send(message_update(captioned("/latest", chat=GROUP_CHAT, reply_to=ours)))
    await harness.send(message_update(captioned("/latest@otherbot", chat=GROUP_CHAT)))

    assert harness.texts() == [
        tg.CAPTION_COMMAND.format(command="/latest"),
        tg.CAPTION_COMMAND.format(command="/foo"),
        tg.CAPTION_COMMAND.format(command="/latest"),
    ]


async def test_a_caption_command_for_another_bot_in_private_gets_a_hint(harness: Harness) -> None:
    # as the same text message would: only this bot reads a private chat
    await harness.send(message_update(captioned("/ask@OtherBot volcano")))

    assert harness.texts() == [tg.OTHER_BOT_COMMAND.format(name="otherbot")]
    assert not harness.searcher.calls


async def test_photo_in_a_group_is_ignored(harness: Harness) -> None:
    photo = text_message("x", chat=GROUP_CHAT)
    del photo["text"]
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    await harness.send(message_update(photo))

    assert harness.api.calls == []


CLAIM = "Volcano erupts in Iceland"


@pytest.mark.parametrize("words", ["is this true?", "explain", "Source?", "is that real?", ""])
async def test_a_question_naming_nothing_in_reply_to_someone_asks_about_their_message(
    harness: Harness, words: str
) -> None:
    # Bob posts a claim, Ada replies "@bot is this true?": it searched "is this true?" and
    # answered with a passage about "the true state of the economy"
    claim = text_message(CLAIM, chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(f"@{BOT_USERNAME} {words}".strip(), chat=GROUP_CHAT, reply_to=claim)
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == [CLAIM]
    [sent] = harness.replies()
    assert str(sent["text"]).startswith(f"<i>{tg.REPLIED_NOTE}</i>\n\n1. <b>{CLAIM}</b>")
    assert sent["reply_parameters"]["message_id"] == asked["message_id"]


async def test_a_question_naming_nothing_asks_about_the_words_it_quotes(harness: Harness) -> None:
    claim = text_message(f"{CLAIM}, and rates rise", chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(f"@{BOT_USERNAME} explain", chat=GROUP_CHAT, reply_to=claim)
    asked["quote"] = {"text": "rates rise", "position": 27}
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == ["rates rise"]
    assert harness.texts()[0].startswith(f"<i>{tg.QUOTED_NOTE}</i>")


@pytest.mark.parametrize("words", ["is this true?", "source?", "tell me more", "/ask explain"])
@pytest.mark.parametrize("chat", [private_chat(), GROUP_CHAT], ids=["private", "group"])
async def test_a_quote_of_the_bots_own_answer_is_what_a_question_asks_about(
    harness: Harness, chat: dict[str, Any], words: str
) -> None:
    # selecting a headline in the bot's answer and replying "is this true?" got "Who or what
    # do you mean by “this”?": a reply to the bot returned before its quote was read
    ours = bot_message("1. Volcano erupts in Iceland\nNordic News · 15 Jan 2024", chat=chat)
    asked = text_message(words, chat=chat, reply_to=ours)
    asked["quote"] = {"text": "Volcano erupts in Iceland", "position": 3, "is_manual": True}
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == ["Volcano erupts in Iceland"]
    assert harness.texts()[0].startswith(f"<i>{tg.QUOTED_NOTE}</i>")


@pytest.mark.parametrize(
    ("quoted", "words", "reply"),
    [
        ("1.", "tell me more", tg.BUTTON_WORDS_HINT),
        ("🌋", "source?", "Put a name or a topic in the question"),
        (" 2) ", "source?", "Put a name or a topic in the question"),
    ],
)
async def test_a_quote_of_the_bots_own_answer_naming_nothing_is_replied_to_as_before(
    harness: Harness, quoted: str, words: str, reply: str
) -> None:
    # a result's number or an emoji quoted from the answer had been searched ("No good match
    # for “1.”"), or dropped for the example question, over the hint the reply had got
    ours = bot_message("1. 🌋 Volcano erupts in Iceland", chat=GROUP_CHAT)
    asked = text_message(words, chat=GROUP_CHAT, reply_to=ours)
    asked["quote"] = {"text": quoted, "position": 0, "is_manual": True}
    await harness.send(message_update(asked))

    assert harness.searcher.calls == []
    [sent] = harness.texts()
    assert sent.startswith(reply)


async def test_a_reply_to_the_bot_with_a_quote_it_did_not_choose_is_asked_as_before(
    harness: Harness,
) -> None:
    # a quote the server added (not is_manual) says nothing of what the user meant
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    asked = text_message("is this true?", chat=GROUP_CHAT, reply_to=ours)
    asked["quote"] = {"text": "Volcano erupts in Iceland", "position": 3}
    await harness.send(message_update(asked))
    await harness.send(message_update(text_message("source?", chat=GROUP_CHAT, reply_to=ours)))

    assert harness.searcher.calls == []
    first, second = harness.texts()
    assert first.startswith("Who or what do you mean by “this”?")
    assert second.startswith("Put a name or a topic in the question")


async def test_a_question_naming_nothing_in_reply_to_a_photo_asks_about_its_caption(
    harness: Harness,
) -> None:
    photo = captioned(f"@someone {CLAIM}", chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(f"is this true @{BOT_USERNAME}", chat=GROUP_CHAT, reply_to=photo)
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == [f"@someone {CLAIM}"]


@pytest.mark.parametrize("words", [f"@{BOT_USERNAME} source?", f"@{BOT_USERNAME} explain", "/ask"])
async def test_a_question_naming_nothing_in_reply_to_a_bare_photo_is_told_there_is_nothing(
    harness: Harness, words: str
) -> None:
    # "@bot source?" in reply to a photo without a caption searched "source", and answered
    # "Open source leaders slam patents"
    photo = text_message("x", chat=GROUP_CHAT, user=OTHER_USER)
    del photo["text"]
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u2", "width": 90, "height": 90}]
    asked = text_message(words, chat=GROUP_CHAT, reply_to=photo)
    await harness.send(message_update(asked))

    assert harness.searcher.calls == []
    assert harness.texts() == [tg.NOTHING_REPLIED]


async def test_a_question_naming_nothing_in_reply_to_a_photo_captioned_only_the_bot_is_told_so(
    harness: Harness,
) -> None:
    # its caption was "@bot": the answer had said the photo had no caption
    photo = captioned(f"@{BOT_USERNAME}", chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(f"@{BOT_USERNAME} source?", chat=GROUP_CHAT, reply_to=photo)
    await harness.send(message_update(asked))

    assert harness.searcher.calls == []
    assert harness.texts() == [tg.NAMES_REPLIED]


@pytest.mark.parametrize(
    ("words", "pronoun"),
    [("is this true?", "this"), ("is that true", "that"), ("what are those?", "those")],
)
async def test_a_question_naming_nothing_with_nothing_to_ask_about_asks_who_is_meant(
    harness: Harness, words: str, pronoun: str
) -> None:
    # "is this true?" searched "true", and found "the true state of the economy"
    topic_start = text_message("x", chat=FORUM_CHAT, user=OTHER_USER, thread_id=77)
    del topic_start["text"]
    topic_start["forum_topic_created"] = {"name": "Volcanoes", "icon_color": 7322096}
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    for asked in (
        text_message(words),  # a private chat, no reply
        text_message(f"@{BOT_USERNAME} {words}", chat=GROUP_CHAT),
        text_message(words, chat=GROUP_CHAT, reply_to=ours),  # a reply to the bot, as before
        text_message(  # a topic's implicit reply to its start is no reply to anyone
            f"@{BOT_USERNAME} {words}", chat=FORUM_CHAT, thread_id=77, reply_to=topic_start
        ),
    ):
        await harness.send(message_update(asked))

    expected = NAMES_NO_ONE.format(pronoun=pronoun)
    assert harness.texts() == [expected] * 4
    assert harness.searcher.calls == []


async def test_a_question_with_a_subject_in_reply_to_someone_is_searched_as_asked(
    harness: Harness,
) -> None:
    claim = text_message(CLAIM, chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(f"@{BOT_USERNAME} interest rates?", chat=GROUP_CHAT, reply_to=claim)
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == ["interest rates?"]
    assert tg.REPLIED_NOTE not in harness.texts()[0]


@pytest.mark.parametrize(
    "command",
    [
        "/ask is this true?",
        f"/ask@{BOT_USERNAME} is this true?",
        "/ask source?",
        f"/ask@{BOT_USERNAME}",
        f"/ask @{BOT_USERNAME} explain",
        "/ask source please",  # the hint had come, though it replies to a message
        f"@{BOT_USERNAME} explain pls",
    ],
)
async def test_ask_naming_nothing_in_reply_to_someone_asks_about_their_message(
    harness: Harness, command: str
) -> None:
    # as "@bot is this true?" does: /ask asked who "this" is, searched "source" itself, or
    # (with nothing after it) told how to use /ask
    claim = text_message(CLAIM, chat=GROUP_CHAT, user=OTHER_USER)
    asked = text_message(command, chat=GROUP_CHAT, reply_to=claim)
    await harness.send(message_update(asked))

    assert [call.question for call in harness.searcher.calls] == [CLAIM]
    [sent] = harness.replies()
    assert str(sent["text"]).startswith(f"<i>{tg.REPLIED_NOTE}</i>\n\n1. <b>{CLAIM}</b>")
    assert sent["reply_parameters"]["message_id"] == asked["message_id"]


async def test_ask_naming_nothing_in_a_private_reply_or_a_quote_asks_about_it(
    harness: Harness,
) -> None:
    own = text_message(CLAIM)  # the user's own message, replied to in the private chat
    await harness.send(message_update(text_message("/ask is this true?", reply_to=own)))
    claim = text_message(f"{CLAIM}, and rates rise", chat=GROUP_CHAT, user=OTHER_USER)
    quoting = text_message("/ask explain", chat=GROUP_CHAT, reply_to=claim)
    quoting["quote"] = {"text": "rates rise", "position": 27}
    await harness.send(message_update(quoting))

    assert [call.question for call in harness.searcher.calls] == [CLAIM, "rates rise"]
    first, second = harness.texts()
    assert first.startswith(f"<i>{tg.REPLIED_NOTE}</i>")
    assert second.startswith(f"<i>{tg.QUOTED_NOTE}</i>")


async def test_ask_with_a_subject_or_to_the_bot_is_searched_as_asked(harness: Harness) -> None:
    claim = text_message(CLAIM, chat=GROUP_CHAT, user=OTHER_USER)
    ours = bot_message("1. Volcano erupts in Iceland", chat=GROUP_CHAT)
    await harness.send(message_update(text_message("/ask rates?", chat=GROUP_CHAT, reply_to=claim)))
    await harness.send(message_update(text_message("/ask", chat=GROUP_CHAT, reply_to=ours)))
    await harness.send(message_update(text_message("/ask source?", chat=GROUP_CHAT)))

    # "source?" alone names nothing to check: it had been searched ("Open source leaders")
    assert [call.question for call in harness.searcher.calls] == ["rates?"]
    texts = harness.texts()
    assert tg.REPLIED_NOTE not in texts[0]
    assert texts[1].startswith("Put the question after the command")  # no one else's words
    assert texts[2].startswith("Put a name or a topic in the question")


def command_later(
    text: str, command: str, *, mention: bool = False, **options: Any
) -> dict[str, Any]:
    """A text message with a /command past its start, marked as Telegram marks it; with
    `mention`, the bot's @name before it is marked too."""
    message = text_message(text, **options)
    start = text.index(command)
    message["entities"] = [{"type": "bot_command", "offset": start, "length": len(command)}]
    if mention:
        at = text.index("@" + BOT_USERNAME)
        named = {"type": "mention", "offset": at, "length": len(BOT_USERNAME) + 1}
        message["entities"].insert(0, named)
    return message


async def test_a_command_for_the_bot_past_the_start_of_a_group_message_gets_a_hint(
    harness: Harness,
) -> None:
    # "please /ask@newsbot quuxfish": Telegram marks it as this bot's command and sends it
    # to the bot, but only a leading command is one: the bot said nothing
    ours = f"/ask@{BOT_USERNAME}"
    await harness.send(message_update(command_later(f"please {ours} quux", ours, chat=GROUP_CHAT)))
    await harness.send(
        message_update(command_later("please /ask@otherbot quux", "/ask@otherbot", chat=GROUP_CHAT))
    )
    await harness.send(message_update(command_later("see /help now", "/help", chat=GROUP_CHAT)))

    assert harness.texts() == [tg.COMMAND_NOT_FIRST.format(command=ours)]
    assert harness.replies()[0]["reply_parameters"]["message_id"] > 0
    assert not harness.searcher.calls


async def test_a_command_after_words_that_only_address_the_bot_gets_the_hint(
    harness: Harness,
) -> None:
    ours = f"/latest@{BOT_USERNAME}"
    for before in ("hey bot,", "Hi Newsbot!", "ok Newsbot please", "…"):
        await harness.send(message_update(command_later(f"{before} {ours}", ours, chat=GROUP_CHAT)))

    assert harness.texts() == [tg.COMMAND_NOT_FIRST.format(command=ours)] * 4


async def test_a_command_after_the_bots_name_and_words_that_address_it_runs(
    harness: Harness,
) -> None:
    # the @name addresses the message to the bot, as in "@newsbot /ask oil": the command's
    # own text had been searched ("No good match for “hey, /ask@newsbot quux”")
    ours = f"/ask@{BOT_USERNAME}"
    for typed, command in (
        (f"hey @{BOT_USERNAME}, {ours} quux", ours),
        (f"@{BOT_USERNAME} please {ours} lava", ours),
        (f"ok @{BOT_USERNAME} /ask ash", "/ask"),
        (f"hi @{BOT_USERNAME}, /latest", "/latest"),
        (f"@{BOT_USERNAME} please /ask@otherbot oil", "/ask@otherbot"),
        (f"@{BOT_USERNAME} hey /nosuch", "/nosuch"),
    ):
        message = command_later(typed, command, mention=True, chat=GROUP_CHAT)
        await harness.send(message_update(message))

    assert [call.question for call in harness.searcher.calls] == ["quux", "lava", "ash"]
    texts = harness.texts()
    assert len(texts) == 6
    assert not any("/ask" in text for text in texts[:3])
    assert texts[3].startswith("<b>Latest headlines</b>")
    assert texts[4:] == [tg.OTHER_BOT_COMMAND.format(name="otherbot"), tg.UNKNOWN_COMMAND]


async def test_a_command_after_words_that_address_the_bot_runs_in_a_private_chat(
    harness: Harness,
) -> None:
    # only this bot reads a private chat: "hello /latest" had been searched, and "hey,
    # /help" answered as a greeting
    for typed, command in (("hello /latest", "/latest"), ("hey, /help", "/help")):
        await harness.send(message_update(command_later(typed, command)))
    await harness.send(message_update(command_later("please /ask quux", "/ask")))
    await harness.send(message_update(command_later("what does /follow do", "/follow")))

    latest, help_text, *_ = harness.texts()
    assert latest.startswith("<b>Latest headlines</b>")
    assert help_text.startswith(tg.HELP)
    # a command named in a sentence is a question, as before
    assert [call.question for call in harness.searcher.calls] == ["quux", "what does /follow do"]


async def test_a_command_named_in_a_sentence_or_an_edit_gets_no_hint(harness: Harness) -> None:
    # a member explaining the bot ("use /follow@newsbot oil to get alerts", as the README
    # says) was corrected, and each edit of "please /ask@newsbot oil" got the hint again
    ours = f"/follow@{BOT_USERNAME}"
    for explained in (
        f"use {ours} oil to get alerts",
        f"try {ours}",
        f"just type {ours} oil",
        f"if you want alerts use {ours} oil to get them",
    ):
        await harness.send(message_update(command_later(explained, ours, chat=GROUP_CHAT)))
    asked = command_later(f"please {ours} oil", ours, chat=GROUP_CHAT, message_id=320)
    await harness.send(message_update(asked))
    edit = command_later(f"please {ours} oil prices", ours, chat=GROUP_CHAT, message_id=320)
    await harness.send(message_update(edit, edited=True))

    assert harness.texts() == [tg.COMMAND_NOT_FIRST.format(command=ours)]


# --- buttons ----------------------------------------------------------------------------------


async def test_more_button_continues_the_ranking(harness: Harness) -> None:
    await harness.send(message_update(text_message("volcano")))
    first_page = harness.last_sent_message()
    more = harness.button("More")

    await harness.send(callback_update(more, first_page))

    # the best six, less the three shown (a refresh may have moved them: see answer_page)
    calls = [(c.k, c.offset, c.as_of) for c in harness.searcher.calls]
    assert calls == [(3, 0, TODAY), (6, 0, TODAY)]
    second = harness.replies()[-1]
    assert str(second["text"]).startswith("4. <b>")
    assert "5. <b>" in second["text"]
    labels = [b["text"] for row in harness.last_markup() for b in row]
    assert labels == ["📄 4", "📄 5"]  # the last page: no More
    assert harness.api.methods().count("answerCallbackQuery") == 1
    [edit] = harness.api.sent("editMessageReplyMarkup")
    kept = [b["text"] for row in edit["reply_markup"]["inline_keyboard"] for b in row]
    assert kept == ["📄 1", "📄 2", "📄 3"]  # the pressed message loses its More button


async def test_more_with_a_forged_offset_numbers_on_from_the_results_shown(
    harness: Harness,
) -> None:
    # the offset in the button's data only numbered the page: "m:KEY:999999" showed the
    # next results as "1000000.", "1000001."
    await harness.send(message_update(text_message("volcano")))
    first_page = harness.last_sent_message()
    key = harness.button("More").split(":")[1]

    await harness.send(callback_update(f"m:{key}:999999", first_page))

    second = harness.texts()[-1]
    assert second.startswith("4. <b>")
    assert "1000000" not in second
    labels = [b["text"] for row in harness.last_markup() for b in row]
    assert labels == ["📄 4", "📄 5"]


async def test_more_pressed_again_after_a_page_that_never_arrived_sends_it(
    harness: Harness,
) -> None:
    # the page met "bot was blocked"; the press stayed recorded, and once unblocked the
    # next press only stopped the spinner, until a restart
    await harness.send(message_update(text_message("volcano")))
    first_page = harness.last_sent_message()
    more = harness.button("More")
    blocked = "Forbidden: bot was blocked by the user"
    harness.api.fail("sendMessage", 403, blocked, times=1)

    await harness.send(callback_update(more, first_page))
    assert harness.api.sent("editMessageReplyMarkup") == []  # its button stays live
    await harness.send(callback_update(more, first_page))

    delivered = harness.api.results()
    assert [str(m["text"])[:6] for m in delivered] == ["1. <b>", "4. <b>"]
    assert len(harness.api.sent("editMessageReplyMarkup")) == 1  # once it arrived


async def test_many_results_put_their_buttons_in_rows_of_five(make_harness: MakeHarness) -> None:
    many = [
        article(f"Volcano story {i}", f"volcano text {i}.", published=date(2024, 1, 1 + i))
        for i in range(25)
    ]
    harness = await make_harness(searcher=FakeSearcher(articles=many))
    harness.bot.results = 10  # [answers].results
    await harness.send(message_update(text_message("volcano")))

    rows = [[b["text"] for b in row] for row in harness.last_markup()]
    assert rows == [
        ["📄 1", "📄 2", "📄 3", "📄 4", "📄 5"],
        ["📄 6", "📄 7", "📄 8", "📄 9", "📄 10"],
        ["More results"],
    ]


@pytest.mark.parametrize(
    ("chat", "quoted"), [(private_chat(), False), (FORUM_CHAT, True)], ids=["private", "topic"]
)
async def test_more_under_a_message_the_bot_can_no_longer_see(
    harness: Harness, chat: dict[str, Any], quoted: bool
) -> None:
    memory_key = QuestionMemory(harness.app.bot_data.setdefault("questions", {}), 10).remember(
        "volcano", TODAY
    )
    # an old or deleted message: Telegram sends only its chat and id, date 0, no topic
    gone = {"chat": chat, "message_id": 321, "date": 0}

    await harness.send(callback_update(f"m:{memory_key}:3", gone))

    [page] = harness.replies()
    assert str(page["text"]).startswith("4. <b>")
    assert page["chat_id"] == chat["id"]
    # in a forum, a reply to the old page goes to that page's topic, not to General
    reply = page.get("reply_parameters")
    if quoted:
        assert reply["message_id"] == 321
        assert reply["allow_sending_without_reply"] is True  # deleted: the chat gets it
    else:
        assert reply is None
    # PTB 22 parses such a message as a Message dated 0; its own InaccessibleMessage type,
    # which the Bot API documents, gets the same target
    user = User(USER["id"], USER["first_name"], False)
    inaccessible = InaccessibleMessage(Chat.de_json(chat, None), 321)
    query = CallbackQuery("1", user, "-1234", message=inaccessible)
    expected = tg.Target(chat["id"], reply_to=321 if quoted else None)
    assert harness.bot._button_target(query) == expected


@pytest.mark.parametrize("label", ["More", "Older"])
async def test_a_button_under_a_message_the_bot_can_no_longer_see_works_each_time(
    make_harness: MakeHarness, label: str
) -> None:
    # its buttons cannot be removed (Telegram sends no keyboard): the first press was
    # remembered for good, and every later press only stopped the spinner, until a restart
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=[*NEWS, *many]))
    await harness.send(message_update(text_message("volcano" if label == "More" else "/latest")))
    pressed = harness.button(label)
    gone = {"chat": private_chat(), "message_id": harness.last_sent_message()["message_id"]}
    gone["date"] = 0  # an old message: Telegram sends only its chat and id

    await harness.send(callback_update(pressed, gone))
    await harness.send(callback_update(pressed, gone))

    pages = harness.texts()[1:]
    assert len(pages) == 2
    assert pages[0] == pages[1]
    assert pages[0].startswith("4. <b>" if label == "More" else "11. <b>")
    assert harness.api.sent("editMessageReplyMarkup") == []


async def test_more_pressed_three_times_at_once_sends_the_page_once(harness: Harness) -> None:
    await harness.send(message_update(text_message("volcano")))
    first_page = harness.last_sent_message()
    more = harness.button("More")

    await asyncio.gather(*(harness.send(callback_update(more, first_page)) for _ in range(3)))

    pages = [str(r["text"]) for r in harness.replies()[1:]]
    assert len(pages) == 1
    assert pages[0].startswith("4. <b>")
    assert harness.api.methods().count("answerCallbackQuery") == 3  # each press is answered


async def test_more_button_survives_a_restart(make_harness: MakeHarness, tmp_path: Path) -> None:
    state = tmp_path / "data" / "telegram.pickle"
    before = await make_harness(persistence_file=state)
    await before.send(message_update(text_message("volcano")))
    more, page = before.button("More"), before.last_sent_message()
    await before.app.update_persistence()
    await before.app.shutdown()
    assert state.is_file()

    after = await make_harness(persistence_file=state)
    await after.send(callback_update(more, page))

    assert str(after.replies()[-1]["text"]).startswith("4. <b>")
    assert after.searcher.calls[0].question == "volcano"


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a pickle at all"),
        lambda path: path.write_bytes(b""),  # killed while writing it
        lambda path: path.mkdir(),
    ],
    ids=["garbage", "empty", "a folder"],
)
async def test_a_damaged_state_file_is_set_aside_and_the_bot_starts(
    make_harness: MakeHarness,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], object],
) -> None:
    state = tmp_path / "data" / "telegram.pickle"
    state.parent.mkdir()
    damage(state)

    harness = await make_harness(persistence_file=state)
    await harness.send(message_update(text_message("volcano")))
    await harness.app.update_persistence()  # saves: the folder in the way is gone too

    assert harness.texts()[0].startswith("1. <b>Volcano erupts in Iceland</b>")
    assert state.is_file()
    [aside] = [p for p in state.parent.iterdir() if p.name.startswith("telegram.pickle.unreadable")]
    assert f"set it aside as {aside.name}" in caplog.text
    no_errors(caplog)


async def test_state_is_saved_whole_or_not_at_all(
    make_harness: MakeHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "data" / "telegram.pickle"
    harness = await make_harness(persistence_file=state)
    await harness.send(message_update(text_message("volcano")))
    await harness.app.update_persistence()
    saved = state.read_bytes()

    written: list[str] = []

    class DiskFills:  # as PTB's pickler, on a disk that fills up halfway
        def __init__(self, bot: object, file: Any, protocol: int | None = None) -> None:
            self.file = file
            written.append(Path(file.name).name)

        def dump(self, data: object) -> None:
            self.file.write(b"\x80\x05half a pickle")
            raise OSError(28, "No space left on device")

    await harness.send(message_update(text_message("marathon")))
    with monkeypatch.context() as patch:
        patch.setattr(_picklepersistence, "_BotPickler", DiskFills)
        harness.app.persistence._dump_singlefile()  # type: ignore[union-attr]

    assert state.read_bytes() == saved  # the last good state, not a truncated file
    assert [p.name for p in state.parent.iterdir()] == ["telegram.pickle"]
    # a partial file of this process's own: another writer never renames it half-written
    assert written == [f".telegram.pickle.{os.getpid()}.tmp"]


async def test_a_failed_save_is_one_warning_per_problem_and_shutdown_succeeds(
    make_harness: MakeHarness,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """PTB saves every 30 s and at shutdown: a save that failed logged a traceback each
    time, and made shutdown (and `newsbot run`) fail."""
    state = tmp_path / "data" / "telegram.pickle"
    harness = await make_harness(persistence_file=state)

    class TooBig:  # as PTB's pickler, past the file size limit
        def __init__(self, bot: object, file: Any, protocol: int | None = None) -> None:
            pass

        def dump(self, data: object) -> None:
            raise OSError(errno.EFBIG, "File too large")

    with monkeypatch.context() as patch:
        patch.setattr(_picklepersistence, "_BotPickler", TooBig)
        for question in ("volcano", "marathon", "interest rates"):
            await harness.send(message_update(text_message(question)))
            await harness.app.update_persistence()
    shutil.rmtree(state.parent)  # the data directory deleted under the running bot
    for question in ("volcano eruption", "city marathon"):
        await harness.send(message_update(text_message(question)))
        await harness.app.update_persistence()
    await harness.app.shutdown()  # saves once more: fails, and shutdown goes on

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"could not save the bot's state to {state} ({reason}); the bot goes on serving, but "
        "More buttons of its answers will not survive a restart: free disk space, and check "
        f"that the data directory {state.parent} exists and is writable"
        for reason in ("File too large", "No such file or directory")
    ]
    no_errors(caplog)
    assert len(harness.replies()) == 5  # every question answered meanwhile


async def test_more_button_after_results_expired(harness: Harness) -> None:
    page = bot_message("1. Volcano", chat=private_chat())
    await harness.send(callback_update("m:AAAAAAAAAAAA:3", page))

    [answer] = harness.api.sent("answerCallbackQuery")
    assert answer["text"] == tg.EXPIRED
    assert answer["show_alert"] is True
    assert not harness.replies()


async def test_article_button_sends_the_whole_article(harness: Harness) -> None:
    await harness.send(message_update(text_message("interest rates")))
    page = harness.last_sent_message()

    await harness.send(callback_update(harness.button("📄 1"), page))

    text = str(harness.replies()[-1]["text"])
    check_telegram_html(text)
    assert text.startswith(
        "<b>Central bank raises interest rates</b>\n<i>Money Times · 1 Mar 2024</i>"
    )
    assert "<b>Markets</b>\nThe central bank raised" in text
    assert "rate rise &lt;b&gt;before&lt;/b&gt; the end of the year &amp; beyond." in text
    assert harness.api.methods().count("answerCallbackQuery") == 1


async def test_article_button_is_acknowledged_before_the_article_is_sent(
    make_harness: MakeHarness,
) -> None:
    long = article("Long read about volcano lore", " ".join(f"w{i}" for i in range(3000)))
    harness = await make_harness(
        searcher=FakeSearcher(articles=[long]), info=FakeInfo(articles=[long])
    )
    await harness.send(message_update(text_message("/ask volcano lore", chat=GROUP_CHAT)))
    page, button = harness.last_sent_message(), harness.button("📄 1")
    harness.api.calls.clear()

    await harness.send(callback_update(button, page))

    methods = harness.api.methods()
    assert methods[0] == "answerCallbackQuery"  # Telegram refuses one that comes too late
    assert methods[1:] == ["sendMessage"] * len(harness.replies())
    assert len(harness.replies()) > 1


async def test_an_article_sent_to_a_group_is_not_sent_there_again_at_once(
    make_harness: MakeHarness,
) -> None:
    now = [1000.0]
    harness = await make_harness(clock=lambda: now[0])
    await harness.send(message_update(text_message("/ask interest rates", chat=GROUP_CHAT)))
    page, button = harness.last_sent_message(), harness.button("📄 1")
    await harness.send(callback_update(button, page))
    sent = len(harness.replies())

    now[0] += 60.0
    await harness.send(callback_update(button, page, user=OTHER_USER))
    assert len(harness.replies()) == sent  # not posted to every member again
    assert harness.api.sent("answerCallbackQuery")[-1]["text"] == tg.ARTICLE_ABOVE

    now[0] += tg.ARTICLE_SHOWN_SECONDS
    await harness.send(callback_update(button, page, user=OTHER_USER))
    assert len(harness.replies()) == sent + 1  # long after: sent again
    assert harness.replies()[-1]["text"].startswith("<b>Central bank raises interest rates</b>")

    # a private chat reads it again at once
    await harness.send(message_update(text_message("interest rates")))
    page, button = harness.last_sent_message(), harness.button("📄 1")
    for _ in range(2):
        await harness.send(callback_update(button, page))
    first, second = harness.texts()[-2:]
    assert first == second
    assert first.startswith("<b>Central bank raises interest rates</b>")


async def test_article_pressed_twice_at_once_is_sent_once(harness: Harness) -> None:
    await harness.send(message_update(text_message("interest rates")))
    page, button = harness.last_sent_message(), harness.button("📄 1")

    await asyncio.gather(*(harness.send(callback_update(button, page)) for _ in range(2)))
    await harness.send(callback_update(button, page))  # later: another read

    articles = harness.texts()[1:]
    assert len(articles) == 2
    assert all(t.startswith("<b>Central bank raises interest rates</b>") for t in articles)
    assert harness.api.methods().count("answerCallbackQuery") == 3  # each press is answered


async def test_long_article_is_split_over_messages(make_harness: MakeHarness) -> None:
    words = " ".join(f"w{i} <&> 😀" for i in range(1000))
    long = article(
        "Long read about volcano lore", words, "Last paragraph.", url="https://x.example/a"
    )
    harness = await make_harness(
        searcher=FakeSearcher(articles=[long]), info=FakeInfo(articles=[long])
    )
    await harness.send(message_update(text_message("volcano lore")))
    await harness.send(callback_update(harness.button("📄 1"), harness.last_sent_message()))

    parts = harness.texts()[1:]
    assert len(parts) > 3
    for part in parts:
        check_telegram_html(part)
    assert parts[-1].endswith("Last paragraph.")
    assert "reply_markup" not in harness.replies()[-1]


async def test_article_button_for_a_changed_library(harness: Harness) -> None:
    page = bot_message("1. Volcano", chat=private_chat())
    await harness.send(callback_update("a:0:000000", page))  # wrong fingerprint
    await harness.send(callback_update("a:99:000000", page))  # no such article

    answers = harness.api.sent("answerCallbackQuery")
    assert [a["text"] for a in answers] == [tg.ARTICLE_GONE, tg.ARTICLE_GONE]
    assert not harness.replies()


async def test_article_button_after_a_rebuild_renumbered_the_articles(harness: Harness) -> None:
    # a rebuild (retention pruning, a new index format) gives the articles new numbers: a
    # button, or an inline card's link shared into another chat, said the article was gone
    await harness.send(message_update(text_message("interest rates")))
    page = harness.last_sent_message()
    number, check = harness.button("📄 1").split(":")[1:]
    moved = f"a:{int(number) + 1}:{check}"  # the same article, now under another number

    await harness.send(callback_update(moved, page))
    await harness.send(message_update(text_message(f"/start a-{int(number) + 1}-{check}")))

    texts = [str(r["text"]) for r in harness.replies()[-2:]]
    assert all(t.startswith("<b>Central bank raises interest rates</b>") for t in texts)


@pytest.mark.parametrize(
    ("question", "label", "expected"),
    [
        ("volcano", "More", "4. <b>"),
        ("/latest", "Older", "11. <b>"),
        ("interest rates", "📄 1", "<b>Central bank raises interest rates</b>"),
    ],
)
async def test_a_press_telegram_refuses_to_acknowledge_still_gets_its_answer(
    make_harness: MakeHarness,
    caplog: pytest.LogCaptureFixture,
    question: str,
    label: str,
    expected: str,
) -> None:
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=[*NEWS, *many]))
    await harness.send(message_update(text_message(question)))
    page, pressed = harness.last_sent_message(), harness.button(label)
    harness.api.fail("answerCallbackQuery", 400, QUERY_TOO_OLD, times=99)

    await harness.send(callback_update(pressed, page))

    assert harness.texts()[-1].startswith(expected)
    assert harness.api.methods().count("answerCallbackQuery") == 1  # tried once, no apology
    no_errors(caplog)


@pytest.mark.parametrize("label", ["More", "📄 1"])
@pytest.mark.parametrize("failure", ["timeout", "bad gateway"])
async def test_a_press_whose_acknowledgement_fails_on_the_network_still_gets_its_answer(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture, label: str, failure: str
) -> None:
    # a TimedOut (or a 502) on answerCallbackQuery lost the page or article: the user got an
    # apology instead, and the log an ERROR traceback
    caplog.set_level(logging.INFO)
    harness = await make_harness(network=True)
    await harness.send(message_update(text_message("volcano")))
    page, pressed = harness.last_sent_message(), harness.button(label)
    if failure == "timeout":
        harness.api.break_next("answerCallbackQuery", httpx.ReadTimeout("no answer"))
    else:
        harness.api.fail("answerCallbackQuery", 502, "Bad Gateway")

    await harness.send(callback_update(pressed, page))

    expected = "4. <b>" if label == "More" else "<b>Volcano erupts in Iceland</b>"
    assert harness.texts()[-1].startswith(expected)
    assert tg.APOLOGY not in harness.texts()
    [record] = [r for r in caplog.records if "could not acknowledge" in r.getMessage()]
    assert (record.levelno, record.exc_info) == (logging.INFO, None)
    no_errors(caplog)


@pytest.mark.parametrize(
    ("question", "label", "expected"),
    [("volcano", "More", "4. <b>"), ("/latest", "Older", "11. <b>")],
)
@pytest.mark.parametrize("failure", ["timeout", "bad gateway", "cannot be edited"])
async def test_a_button_that_could_not_be_removed_leaves_its_page_and_works_again(
    make_harness: MakeHarness,
    caplog: pytest.LogCaptureFixture,
    question: str,
    label: str,
    expected: str,
    failure: str,
) -> None:
    # a TimedOut (or a 502) on editMessageReplyMarkup, after the next page had arrived, sent
    # an apology and an ERROR traceback; and the button, still there, did nothing when
    # pressed again, for good (so did one whose removal Telegram refused: "message can't be
    # edited")
    caplog.set_level(logging.INFO)
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=[*NEWS, *many]), network=True)
    await harness.send(message_update(text_message(question)))
    page, pressed = harness.last_sent_message(), harness.button(label)
    if failure == "timeout":
        harness.api.break_next("editMessageReplyMarkup", httpx.ReadTimeout("no answer"))
    elif failure == "bad gateway":
        harness.api.fail("editMessageReplyMarkup", 502, "Bad Gateway")
    else:  # a BadRequest other than "message is not modified": the button stays as well
        harness.api.fail("editMessageReplyMarkup", 400, "Bad Request: message can't be edited")

    await harness.send(callback_update(pressed, page))

    assert len(harness.texts()) == 2
    assert harness.texts()[-1].startswith(expected)
    [record] = [r for r in caplog.records if "could not remove" in r.getMessage()]
    assert (record.levelno, record.exc_info) == (logging.INFO, None)
    no_errors(caplog)

    await harness.send(callback_update(pressed, page))  # the button still shows

    assert len(harness.texts()) == 3
    assert harness.texts()[-1].startswith(expected)
    kept = harness.api.sent("editMessageReplyMarkup")[-1]["reply_markup"]["inline_keyboard"]
    assert not [b for row in kept for b in row if b["text"].startswith(label)]


async def test_a_button_already_removed_by_another_press_sends_no_second_page(
    make_harness: MakeHarness,
) -> None:
    # "message is not modified": the button is gone already (another press removed it),
    # so a press again is only acknowledged, unlike a removal refused otherwise (above)
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=[*NEWS, *many]))
    await harness.send(message_update(text_message("volcano")))
    page, pressed = harness.last_sent_message(), harness.button("More")
    harness.api.fail(
        "editMessageReplyMarkup",
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
    )

    await harness.send(callback_update(pressed, page))
    await harness.send(callback_update(pressed, page))

    assert len(harness.texts()) == 2


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("no route"), httpx.PoolTimeout("busy")],
    ids=["connect", "connect-timeout", "pool-timeout"],
)
async def test_an_answer_that_never_reached_telegram_is_sent_again(
    make_harness: MakeHarness,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    # a failed connection lost the answer: an apology came instead, and an ERROR traceback
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(tg, "SEND_RETRY_DELAY", 0)
    harness = await make_harness(network=True)
    harness.api.break_next("sendMessage", error)

    await harness.send(message_update(text_message("/ask volcano", chat=GROUP_CHAT)))

    [sent] = harness.replies()
    assert str(sent["text"]).startswith("1. <b>Volcano erupts in Iceland</b>")
    assert sent["reply_parameters"]["message_id"]  # the same message, quote and buttons
    assert [b["text"] for row in harness.last_markup() for b in row][-1] == "More results"
    assert "sending the message again" in caplog.text
    no_errors(caplog)


@pytest.mark.parametrize("failure", ["timeout", "bad gateway"])
async def test_an_answer_telegram_may_have_taken_is_not_sent_again(
    make_harness: MakeHarness,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: str,
) -> None:
    # no answer to a request that went out (a read timeout, a 502 from Telegram's front)
    # does not say whether Telegram took the message: sent again, it could arrive twice
    monkeypatch.setattr(tg, "SEND_RETRY_DELAY", 0)
    harness = await make_harness(network=True)
    if failure == "timeout":  # Telegram took it; its answer was lost on the way back
        harness.api.break_next("sendMessage", httpx.ReadTimeout("no answer"), delivered=True)
    else:
        harness.api.fail("sendMessage", 502, "Bad Gateway")

    await harness.send(message_update(text_message("volcano")))

    answers = [t for t in harness.texts() if t.startswith("1. <b>Volcano erupts in Iceland")]
    assert len(answers) == 1
    # the user may ask again, told it is Telegram's doing, not a bug's (the answer above
    # may be there), and the log has one line, no traceback
    assert harness.texts()[-1] == tg.UNCONFIRMED
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("failure", ["timeout", "bad gateway", "server error"])
@pytest.mark.parametrize("button", ["📄 1", "More"])
async def test_a_pressed_reply_telegram_may_have_taken_gets_the_hedged_word(
    make_harness: MakeHarness,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: str,
    button: str,
) -> None:
    # the article or the next page may be in the chat: "went wrong on my side" under it
    # was wrong, as it is for a typed question
    monkeypatch.setattr(tg, "SEND_RETRY_DELAY", 0)
    harness = await make_harness(network=True)
    await harness.send(message_update(text_message("/ask volcano", chat=GROUP_CHAT)))
    page = harness.last_sent_message()
    pressed = harness.button(button)
    before = len(harness.replies())
    if failure == "timeout":
        harness.api.break_next("sendMessage", httpx.ReadTimeout("no answer"), delivered=True)
    elif failure == "bad gateway":
        harness.api.fail("sendMessage", 502, "Bad Gateway", times=1)
    else:
        harness.api.fail("sendMessage", 500, "Internal Server Error", times=1)

    await harness.send(callback_update(pressed, page))

    texts = harness.texts()[before:]
    assert len(texts) == 2  # the reply (taken or not), then one hedged word in its place
    assert texts[-1] == tg.UNCONFIRMED
    assert tg.APOLOGY not in texts
    assert [a.get("text") for a in harness.api.sent("answerCallbackQuery")] == [None]
    assert harness.replies()[-1]["reply_parameters"]["message_id"] == page["message_id"]
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


DISCUSSION_CHAT: dict[str, Any] = {"id": -1005550001, "type": "supergroup", "title": "Comments"}


def channel_post(message_id: int) -> dict[str, Any]:
    """A channel's post as Telegram forwards it into the channel's discussion group."""
    channel = {"id": -1005550000, "type": "channel", "title": "The channel"}
    return {
        "message_id": message_id,
        "date": 1_716_999_000,
        "chat": DISCUSSION_CHAT,
        "from": {"id": 777000, "is_bot": False, "first_name": "Telegram"},
        "sender_chat": channel,
        "is_automatic_forward": True,
        "forward_origin": {"type": "channel", "chat": channel, "message_id": 12, "date": 0},
        "text": "Our post about volcano lore",
    }


@pytest.mark.parametrize("how", ["command", "button"])
async def test_a_long_article_in_a_channel_comment_thread_stays_in_the_thread(
    make_harness: MakeHarness, how: str
) -> None:
    # a comment under a channel's post is in the discussion group's thread 300, which is no
    # forum topic: only the first part replied, so parts 2 to 8 went to the group's main chat
    long = article("Long read about volcano lore", " ".join(f"w{i}" for i in range(3000)))
    harness = await make_harness(
        searcher=FakeSearcher(articles=[long]), info=FakeInfo(articles=[long])
    )
    words = f"/article@{BOT_USERNAME} volcano lore" if how == "command" else "/ask volcano lore"
    comment = text_message(words, chat=DISCUSSION_CHAT, reply_to=channel_post(300))
    comment["message_thread_id"] = 300
    await harness.send(message_update(comment))
    if how == "button":
        answer = {**harness.last_sent_message(), "message_thread_id": 300}
        await harness.send(callback_update(harness.button("📄 1"), answer))
        quoted = answer["message_id"]
    else:
        quoted = comment["message_id"]

    sends = [c for c in harness.api.calls if c.method == "sendMessage"]
    parts = sends[1:] if how == "button" else sends  # after the answer with the buttons
    assert len(parts) > 1
    replied_to = [c.params["reply_parameters"]["message_id"] for c in parts]
    assert replied_to == [quoted, *(c.result["message_id"] for c in parts[:-1])]
    assert all("message_thread_id" not in c.params for c in parts)


async def test_a_long_article_in_a_forum_topic_keeps_the_topic(make_harness: MakeHarness) -> None:
    long = article("Long read about volcano lore", " ".join(f"w{i}" for i in range(3000)))
    harness = await make_harness(
        searcher=FakeSearcher(articles=[long]), info=FakeInfo(articles=[long])
    )
    asked = text_message("/article volcano lore", chat=FORUM_CHAT, thread_id=7)
    await harness.send(message_update(asked))

    first, *rest = harness.replies()
    assert rest
    assert first["reply_parameters"]["message_id"] == asked["message_id"]
    assert all(part["message_thread_id"] == 7 for part in [first, *rest])
    assert all("reply_parameters" not in part for part in rest)  # the topic holds them


async def test_inline_results_too_late_for_telegram_are_one_line(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    harness.api.fail("answerInlineQuery", 400, QUERY_TOO_OLD)

    await harness.send(inline_update("volcano"))

    [record] = [r for r in caplog.records if "too late" in r.getMessage()]
    assert record.levelno == logging.INFO
    assert record.exc_info is None
    no_errors(caplog)


async def test_button_under_an_inline_message_or_unknown_data(harness: Harness) -> None:
    await harness.send(callback_update("a:0:" + article_check(NEWS[0]), None))
    await harness.send(callback_update("v1:whatever", bot_message("x", chat=private_chat())))

    answers = harness.api.sent("answerCallbackQuery")
    assert [a["text"] for a in answers] == [tg.STALE_BUTTON, tg.STALE_BUTTON]


# --- inline mode ------------------------------------------------------------------------------


async def test_inline_query_pages_with_next_offset(make_harness: MakeHarness) -> None:
    harness = await make_harness(inline_results=2, inline_cache_time=5)
    await harness.send(inline_update("volcano"))
    await harness.send(
        inline_update("volcano", harness.api.sent("answerInlineQuery")[-1]["next_offset"])
    )
    await harness.send(
        inline_update("volcano", harness.api.sent("answerInlineQuery")[-1]["next_offset"])
    )

    first, second, last = harness.api.sent("answerInlineQuery")
    # the offset, and the key of the results shown so far (left out of the next page)
    assert re.fullmatch(r"2:[A-Za-z0-9_-]{12}", first["next_offset"])
    assert re.fullmatch(r"4:[A-Za-z0-9_-]{12}", second["next_offset"])
    assert "next_offset" not in last  # None on the last page, never "" (sent as "[]")
    assert [len(a["results"]) for a in (first, second, last)] == [2, 2, 1]
    assert first["is_personal"] is True
    assert first["cache_time"] == 5
    card = first["results"][0]
    assert card["type"] == "article"
    assert card["title"] == "Volcano erupts in Iceland"
    assert card["description"].startswith("Nordic News · 15 Jan 2024 — A volcano on the")
    content = card["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["link_preview_options"] == {"is_disabled": True}
    check_telegram_html(content["message_text"])
    assert content["message_text"].startswith("<b>Volcano erupts in Iceland</b>")
    [[button]] = card["reply_markup"]["inline_keyboard"]
    assert button["url"] == f"https://t.me/{BOT_USERNAME}?start=a-0-{article_check(NEWS[0])}"
    ids = [r["id"] for a in (first, second, last) for r in a["results"]]
    assert len(set(ids)) == len(ids) == 5


@pytest.mark.parametrize("offset", ["abc", "-5", "\u00b2", "\u0663", " 3", "9" * 5000])
async def test_an_inline_offset_we_did_not_give_starts_over(
    harness: Harness, caplog: pytest.LogCaptureFixture, offset: str
) -> None:
    await harness.send(inline_update("volcano", offset))

    [answer] = harness.api.sent("answerInlineQuery")
    assert answer["results"][0]["title"] == "Volcano erupts in Iceland"  # the first page
    no_errors(caplog)


async def test_a_lone_surrogate_in_a_question_is_answered(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.send(message_update(text_message("volcano \ud83d lava")))

    [sent] = harness.replies()
    assert "More results" in json.dumps(sent["reply_markup"])  # remembered for the button
    assert harness.searcher.calls[0].question == "volcano \ufffd lava"
    no_errors(caplog)


async def test_an_inline_query_that_finds_nothing_shows_a_card_that_says_so(
    harness: Harness,
) -> None:
    # results=[]: the user saw nothing at all, not even that nothing matched
    await harness.send(inline_update("zzqx blorf"))
    await harness.send(inline_update("zzqx blorf", "5"))

    first, later = harness.api.sent("answerInlineQuery")
    [card] = first["results"]
    assert (card["title"], card["description"]) == (
        "No good match",
        "Try fewer or different words, a name, or a place.",
    )
    content = card["input_message_content"]["message_text"]
    check_telegram_html(content)
    assert content.startswith("No good match for “<i>zzqx blorf</i>”")
    assert "next_offset" not in first
    assert later["results"] == []  # past the end of a list: no card


@pytest.mark.parametrize(
    ("words", "says"),
    [
        ("thanks", "You're welcome!"),
        ("Hello!", "Hello! Ask me about the news"),
        ("is it true?", NAMES_NO_ONE.format(pronoun="it")),
        ("source?", "Put a name or a topic in the question, e.g. "),
    ],
)
async def test_inline_small_talk_or_a_query_naming_nothing_gets_one_hint_card(
    harness: Harness, words: str, says: str
) -> None:
    # searched, "thanks" showed Oscar "glory" and "is it true?" a story on "true" data
    await harness.send(inline_update(words))
    await harness.send(inline_update(words, "5"))

    first, later = harness.api.sent("answerInlineQuery")
    [card] = first["results"]
    assert card["title"] == tg.INLINE_ASK
    assert card["description"].startswith(says)
    content = card["input_message_content"]["message_text"]
    check_telegram_html(content)
    assert html_to_plain(content) == card["description"]
    assert "next_offset" not in first
    assert later["results"] == []
    assert not harness.searcher.calls
    assert harness.bot.inline_searches == 0


@pytest.mark.parametrize(
    "typed", [f"@{BOT_USERNAME} volcano", f"@{BOT_USERNAME.upper()} volcano", "/ask volcano"]
)
async def test_inline_mode_searches_no_own_name_or_ask_command(
    harness: Harness, typed: str
) -> None:
    # "news", "test", "bot" and "ask" had been words of the question
    await harness.send(inline_update(typed))
    assert [call.question for call in harness.searcher.calls] == ["volcano"]


@pytest.mark.parametrize("words", ["WHO", "US", "A.I.", '"The Who"', "The Who"])
async def test_an_inline_acronym_or_a_name_of_common_words_is_searched(
    harness: Harness, words: str
) -> None:
    # "@bot WHO" and "@bot The Who" showed the hint card: their words are common ones
    await harness.send(inline_update(words))

    [answer] = harness.api.sent("answerInlineQuery")
    assert all(card["title"] != tg.INLINE_ASK for card in answer["results"])
    assert [call.question for call in harness.searcher.calls] == [words]


async def test_empty_inline_query_shows_the_latest_headlines(make_harness: MakeHarness) -> None:
    harness = await make_harness(inline_results=3)
    await harness.send(inline_update(""))

    [answer] = harness.api.sent("answerInlineQuery")
    titles = [r["title"] for r in answer["results"]]
    assert titles == [
        "Airline warns of volcano ash",  # undated: counts by when it was added (today)
        "Central bank raises interest rates",
        "Volcano tourism booms",
    ]
    assert answer["next_offset"] == "3"
    assert not harness.searcher.calls


async def test_empty_inline_query_on_an_empty_library_says_so_in_a_card(
    make_harness: MakeHarness,
) -> None:
    # no results and no card: the client showed nothing, as if the bot were down, while
    # /latest in a chat says "I know no articles yet."
    harness = await make_harness(searcher=FakeSearcher(articles=()), info=FakeInfo(()))
    await harness.send(inline_update(""))
    await harness.send(inline_update("", offset="10"))  # a later page: none, no card
    await harness.send(message_update(text_message("/latest")))

    first, later = harness.api.sent("answerInlineQuery")
    [card] = first["results"]
    assert card["title"] == tg.INLINE_NO_ARTICLES
    assert card["description"] == tg.NO_ARTICLES
    assert card["input_message_content"]["message_text"] == tg.NO_ARTICLES
    assert "reply_markup" not in card  # no article to open
    assert "next_offset" not in first
    assert later["results"] == []
    assert harness.texts() == [tg.NO_ARTICLES]


async def test_deep_link_from_an_inline_card_opens_the_article(harness: Harness) -> None:
    await harness.send(message_update(text_message(f"/start a-3-{article_check(NEWS[3])}")))
    await harness.send(message_update(text_message("/start a-3-abcdef")))

    first, second = harness.texts()
    assert first.startswith("<b>Scientists monitor volcano gases</b>")
    assert second == tg.ARTICLE_GONE


# --- commands ---------------------------------------------------------------------------------


def formatted(text: str, *, chat: dict[str, Any], style: str = "bold") -> dict[str, Any]:
    """A command message formatted as a whole, as Telegram lists its entities: the formatting
    (longer, at the same offset) before the bot_command."""
    message = text_message(text, chat=chat)
    command = {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
    message["entities"] = [{"type": style, "offset": 0, "length": len(text)}, command]
    return message


async def test_the_address_behind_linked_words_goes_with_the_question(harness: Harness) -> None:
    # "read this" linked to a story: the words alone had been searched
    linked = text_message("read this")
    linked["entities"] = [
        {"type": "text_link", "offset": 5, "length": 4, "url": "https://news.example/volcano"}
    ]
    shown = text_message("see https://news.example/volcano")
    shown["entities"] = [
        {"type": "text_link", "offset": 4, "length": 28, "url": "https://news.example/volcano"}
    ]
    caption = text_message("")
    del caption["text"]
    caption["caption"] = "Volcano: more"
    caption["caption_entities"] = [
        {"type": "text_link", "offset": 9, "length": 4, "url": "https://news.example/v2"},
        {"type": "text_link", "offset": 0, "length": 7, "url": "tg://user?id=1"},
    ]
    caption["photo"] = [{"file_id": "PH", "file_unique_id": "u1", "width": 90, "height": 90}]
    for message in (linked, shown, caption):
        await harness.send(message_update(message))

    assert [call.question for call in harness.searcher.calls] == [
        "read this https://news.example/volcano",
        "see https://news.example/volcano",  # the address is in the text already
        "Volcano: more https://news.example/v2",  # only web addresses
    ]


def auto_linked(text: str, address: str) -> dict[str, Any]:
    """A message with an address that Telegram marks as a url entity (typed without https://)."""
    message = text_message(text)
    start = text.index(address)
    message["entities"] = [{"type": "url", "offset": start, "length": len(address)}]
    return message


async def test_an_address_typed_without_its_scheme_is_looked_up_as_a_link(
    harness: Harness,
) -> None:
    # Telegram marks "ex.com/o" as a link; it had been searched as words, while
    # "https://ex.com/o" found the story at that address. The words stay: written in their
    # place, "reuters.com/niger" (no story's address) had lost its word "niger"
    await harness.send(message_update(auto_linked("ex.com/o", "ex.com/o")))
    await harness.send(
        message_update(auto_linked("is this true? news.example/volcano", "news.example/volcano"))
    )
    await harness.send(message_update(auto_linked("see https://ex.com/o", "https://ex.com/o")))
    await harness.send(message_update(auto_linked("www.ex.com/o", "www.ex.com/o")))
    await harness.send(message_update(auto_linked("reuters.com/niger", "reuters.com/niger")))
    assert [call.question for call in harness.searcher.calls] == [
        "ex.com/o https://ex.com/o",
        "is this true? news.example/volcano https://news.example/volcano",
        "see https://ex.com/o",
        "www.ex.com/o https://www.ex.com/o",
        "reuters.com/niger https://reuters.com/niger",
    ]


async def test_a_typed_address_inside_another_gets_no_scheme_there(harness: Harness) -> None:
    # the scheme went before the first text that matched, inside the other address
    text = "https://news.example/?u=ex.com/o ex.com/o"
    message = text_message(text)
    message["entities"] = [
        {"type": "url", "offset": 0, "length": 32},
        {"type": "url", "offset": 33, "length": 8},
    ]
    await harness.send(message_update(message))
    [call] = harness.searcher.calls
    assert call.question == f"{text} https://ex.com/o"


async def test_words_with_dots_that_are_no_link_are_searched_as_typed(harness: Harness) -> None:
    # no url entity: "U.S." and "e.g." are words; a bare host names no story
    await harness.send(message_update(text_message("U.S. troops e.g. in Niger")))
    await harness.send(message_update(auto_linked("what does cnn.com say", "cnn.com")))
    assert [call.question for call in harness.searcher.calls] == [
        "U.S. troops e.g. in Niger",
        "what does cnn.com say",
    ]


@pytest.mark.parametrize("style", ["bold", "italic", "blockquote"])
async def test_a_command_formatted_as_a_whole_is_a_command_in_a_group(
    harness: Harness, style: str
) -> None:
    # python-telegram-bot's CommandHandler reads only the first entity: in a group (where
    # the text has no mention either) such a command went unanswered
    for text in (
        f"/ask@{BOT_USERNAME} volcano",
        f"/help@{BOT_USERNAME}",
        f"/foo@{BOT_USERNAME}",  # one it lacks: the hint
        "/ask@otherbot volcano",  # another bot's: silence, as unformatted
    ):
        await harness.send(message_update(formatted(text, chat=GROUP_CHAT, style=style)))
    edited = formatted(f"/ask@{BOT_USERNAME} rates", chat=GROUP_CHAT, style=style)
    later = int(harness.bot.started.timestamp()) + 1  # after the start's own second
    await harness.send(message_update(edited, edited=True, edit_date=later))

    assert [call.question for call in harness.searcher.calls] == ["volcano", "rates"]
    volcano, help_text, hint, rates = harness.texts()
    assert "Volcano erupts in Iceland" in volcano
    assert "/ask QUESTION" in help_text
    assert hint == tg.UNKNOWN_COMMAND
    assert "Central bank raises interest rates" in rates


async def test_a_caption_command_formatted_as_a_whole_asks_in_a_group(harness: Harness) -> None:
    photo = formatted(f"/ask@{BOT_USERNAME} volcano", chat=GROUP_CHAT)
    photo["caption"], photo["caption_entities"] = photo.pop("text"), photo.pop("entities")
    photo["photo"] = [{"file_id": "PH", "file_unique_id": "u1", "width": 90, "height": 90}]
    await harness.send(message_update(photo))

    assert [call.question for call in harness.searcher.calls] == ["volcano"]
    assert "Volcano erupts in Iceland" in harness.texts()[0]


async def test_start_says_what_the_bot_knows(harness: Harness) -> None:
    await harness.send(message_update(text_message("/start")))

    [text] = harness.texts()
    check_telegram_html(text)
    # one of the seven has no date: the range is not of them all
    assert (
        "passages from 7 articles (6 of them dated, published 24 Sep 2023 to 1 Mar 2024)." in text
    )
    assert "<i>Airline warns of volcano ash</i>" in text
    assert "/latest" in text
    assert f"@{BOT_USERNAME}" in text


async def test_help(harness: Harness) -> None:
    await harness.send(message_update(text_message("/help")))

    [text] = harness.texts()
    check_telegram_html(text)
    assert text.startswith("Send me a question in plain words")


async def test_help_and_start_offer_inline_mode_only_to_a_bot_that_has_it(
    harness: Harness,
    make_harness: MakeHarness,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # a bot never given /setinline in @BotFather told every user to type "@bot question" in
    # any chat, which there does nothing
    inline = f"In any chat, type @{BOT_USERNAME} and a question"
    await harness.send(message_update(text_message("/help")))
    assert inline in harness.texts()[-1]

    monkeypatch.setitem(fake_bot_api.BOT_USER, "supports_inline_queries", False)
    without = await make_harness()
    await without.send(message_update(text_message("/help")))
    await without.send(message_update(text_message("/start")))

    assert not without.app.bot.supports_inline_queries
    help_text, start_text = without.texts()
    assert help_text.startswith("Send me a question in plain words")
    assert inline not in help_text
    assert inline not in start_text
    caplog.set_level(logging.INFO)
    without.bot._say_serving(without.app)  # the operator is told, once, how to have it
    [told] = [r for r in caplog.records if "inline mode is off" in r.getMessage()]
    assert "/setinline" in told.getMessage()


def with_later_command(text: str, command: str, **kwargs: Any) -> dict[str, Any]:
    """A message with a /command inside it, marked as Telegram marks one."""
    message = text_message(text, **kwargs)
    start = text.index(command)
    entity = {"type": "bot_command", "offset": start, "length": len(command)}
    message["entities"] = sorted([*message.get("entities", []), entity], key=lambda e: e["offset"])
    return message


@pytest.mark.parametrize(
    ("text", "command", "line"),
    [
        ("what does /ask do?", "/ask", "/ask QUESTION: the same as a plain message"),
        ("How do I use /article?", "/article", "/article WORDS: the whole article"),
        ("what is /latest for", "/latest", "/latest: the newest headlines"),
        ("what\u2019s the /stats command?", "/stats", "/stats: articles, passages"),
        ("how does /start work?", "/start", "/start: What I know, and how to ask"),
    ],
)
async def test_a_question_about_one_of_the_bots_commands_gets_its_help(
    harness: Harness, text: str, command: str, line: str
) -> None:
    # "what does /ask do?" was searched as news: "No good match for “what does /ask do?”"
    await harness.send(message_update(with_later_command(text, command)))

    [reply] = harness.texts()
    assert reply.startswith(line)
    assert reply.endswith(tg.EVERY_COMMAND)
    assert harness.searcher.calls == []


async def test_a_question_about_a_command_in_a_group_or_another_bots_is_as_before(
    harness: Harness,
) -> None:
    asked = f"@{BOT_USERNAME} what does /ask do?"
    await harness.send(message_update(with_later_command(asked, "/ask", chat=GROUP_CHAT)))
    assert harness.texts()[-1].startswith("/ask QUESTION: the same as a plain message")
    # a command the bot lacks, or another bot's, is no question about the bot
    await harness.send(message_update(with_later_command("what does /foo do?", "/foo")))
    await harness.send(
        message_update(with_later_command("what does /ask@otherbot do?", "/ask@otherbot"))
    )
    assert len(harness.searcher.calls) == 2


async def test_latest_lists_headlines_with_buttons_and_pages(harness: Harness) -> None:
    await harness.send(message_update(text_message("/latest")))

    text = harness.texts()[0]
    check_telegram_html(text)
    assert text.startswith("<b>Latest headlines</b>\n1. <b>Airline warns of volcano ash</b>\n")
    assert "2. <b>Central bank raises interest rates</b>\n<i>Money Times · 1 Mar 2024</i>" in text
    labels = [b["text"] for row in harness.last_markup() for b in row]
    assert labels == [f"📄 {i}" for i in range(1, 8)]  # seven articles: no "Older"

    await harness.send(callback_update(harness.button("📄 2"), harness.last_sent_message()))
    assert harness.texts()[-1].startswith("<b>Central bank raises interest rates</b>")


async def test_latest_pages_with_the_older_button(make_harness: MakeHarness) -> None:
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    await harness.send(message_update(text_message("/latest")))
    assert harness.texts()[0].count("<b>Story number") == 10
    first = harness.last_sent_message()

    await harness.send(callback_update(harness.button("Older"), first))

    second = harness.texts()[-1]
    assert second.startswith("11. <b>Story number 4</b>")
    assert second.count("<b>Story number") == 5
    [edit] = harness.api.sent("editMessageReplyMarkup")
    assert "Older" not in str(edit["reply_markup"])


async def test_older_with_nothing_left_says_so_for_headlines(make_harness: MakeHarness) -> None:
    # it said "No more results for that question.", then sent the same keyboard again for a
    # button of another form ("l:"), which Telegram refuses: "message is not modified"
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    await harness.send(message_update(text_message("/latest")))
    first, older = harness.last_sent_message(), harness.button("Older")
    del many[:10]  # pruned: the last headline shown is gone, and nothing is older

    await harness.send(callback_update("l:999", first))
    assert harness.api.sent("editMessageReplyMarkup") == []  # no "l:" button to remove
    await harness.send(callback_update(older, first))

    assert harness.texts()[1:] == [tg.NO_OLDER, tg.NO_OLDER]
    [edit] = harness.api.sent("editMessageReplyMarkup")
    assert "Older" not in str(edit["reply_markup"])


async def test_latest_reads_a_source_as_questions_do(make_harness: MakeHarness) -> None:
    # "/latest source: bbc" got the usage; "source:bbc since:7d" looked for a source named
    # "bbc since:7d"
    many = [
        article(f"Story {i}", f"Text {i}.", published=date(2024, 1, 1 + i), source=source)
        for i, source in enumerate(["BBC News", "Wire", "BBC News"])
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    await harness.send(message_update(text_message("/latest source: BBC News")))
    await harness.send(message_update(text_message("/latest source:bbc since:7d")))

    listed, usage = harness.texts()
    assert "<b>Story 2</b>" in listed
    assert "<b>Story 0</b>" in listed
    assert "Story 1" not in listed
    assert usage == tg.LATEST_USAGE


async def test_latest_from_a_source_with_a_long_name_pages_too(make_harness: MakeHarness) -> None:
    # the name went into the button's data, which Telegram caps at 64 bytes: no "Older"
    # button for a long name or one in Cyrillic
    source = "Российская газета — Новости регионов"  # 69 bytes in UTF-8
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i), source=source)
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    await harness.send(message_update(text_message(f'/latest source:"{source}"')))
    first, older = harness.last_sent_message(), harness.button("Older")
    assert len(older.encode("utf-8")) <= 64

    await harness.send(callback_update(older, first))
    await harness.send(callback_update("s:10:abcdef:AAAAAAAAAAAA", first))  # forgotten

    second = harness.texts()[1]
    assert second.startswith("11. <b>Story number 4</b>")
    assert second.count("<b>Story number") == 5
    assert harness.api.sent("answerCallbackQuery")[-1]["text"] == tg.STALE_BUTTON


async def test_older_pressed_three_times_at_once_sends_the_page_once(
    make_harness: MakeHarness,
) -> None:
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(25)
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    await harness.send(message_update(text_message("/latest")))
    first, older = harness.last_sent_message(), harness.button("Older")

    await asyncio.gather(*(harness.send(callback_update(older, first)) for _ in range(3)))

    pages = harness.texts()[1:]
    assert len(pages) == 1
    assert pages[0].startswith("11. <b>Story number 14</b>")
    assert harness.api.methods().count("answerCallbackQuery") == 3  # each press is answered


async def test_older_buttons_by_position_still_page_and_a_lost_cursor_falls_back_to_it(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    many = [
        article(f"Story number {i}", f"Text {i}.", published=date(2024, 1, 1 + i))
        for i in range(15)
    ]
    harness = await make_harness(info=FakeInfo(articles=many))
    page = bot_message("1. Story number 14", chat=private_chat())
    gone = "0" * 6 if article_check(many[5]) != "0" * 6 else "1" * 6

    await harness.send(callback_update("l:10", page))  # a button sent before cursors
    await harness.send(callback_update(f"o:10:{gone}", page))  # its last headline is gone
    await harness.send(callback_update("o:10:nothex", page))  # forged

    by_position, lost = harness.texts()
    for text in (by_position, lost):
        assert text.startswith("11. <b>Story number 4</b>")
        assert text.count("<b>Story number") == 5
    answers = harness.api.sent("answerCallbackQuery")
    assert answers[-1]["text"] == tg.STALE_BUTTON
    no_errors(caplog)


async def test_article_command_finds_the_best_article(harness: Harness) -> None:
    await harness.send(message_update(text_message("/article marathon")))
    await harness.send(message_update(text_message("/article")))
    await harness.send(message_update(text_message("/article xyzzy")))

    found, usage, nothing = harness.texts()
    assert found.startswith("<b>Marathon record falls in Berlin</b>")
    assert usage.startswith("Press 📄 under a result")
    assert nothing.startswith("No good match")


async def test_article_command_for_a_link_no_article_has_answers_with_the_note(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "/article this" linked to a story not here had sent the whole of another story
    search = harness.searcher.search

    def unheld(question: str, k: int = 3, **kw: Any) -> SearchResult:
        found = search("marathon", k, **kw)
        return dataclasses.replace(
            found, note="No article here has that link; these match your other words."
        )

    monkeypatch.setattr(harness.searcher, "search", unheld)
    await harness.send(message_update(text_message("/article marathon https://o.example/x")))

    [sent] = harness.texts()
    assert "No article here has that link" in sent
    assert len(sent) < 1000  # a passage, not the whole article


@pytest.mark.parametrize("words", ["hi", "thanks!", "is it true?"])
async def test_article_command_with_small_talk_gets_the_reply_a_message_gets(
    harness: Harness, words: str
) -> None:
    # "/article hi" had sent the whole of the article best matching "hi" (hi-tech labs)
    await harness.send(message_update(text_message(words)))
    await harness.send(message_update(text_message(f"/article {words}")))

    said, article = harness.texts()
    assert article == said
    assert "<b>" not in article.split("\n")[0]  # no article's headline heads it


async def test_sources_and_stats(harness: Harness) -> None:
    await harness.send(message_update(text_message("volcano")))
    await harness.send(message_update(text_message("/sources")))
    await harness.send(message_update(text_message("/stats")))

    sources, stats = harness.texts()[1:]
    check_telegram_html(sources)
    assert sources.startswith("<b>5 sources</b>\nNordic News: 2 articles\n")
    assert "Sport Now: 1 article" in sources
    check_telegram_html(stats)
    assert "Articles: 7\nPassages: 9\nSources: 5\n" in stats
    assert "Published: 24 Sep 2023 to 1 Mar 2024 (6 of 7 articles dated)\n" in stats
    assert "Index built: 2024-02-09 12:00 UTC (" in stats
    assert "Questions answered: 1 since start, 1 in all" in stats


async def test_post_init_registers_the_commands(harness: Harness) -> None:
    await harness.bot.post_init(harness.app)

    [call] = harness.api.sent("setMyCommands")
    names = [c["command"] for c in call["commands"]]
    assert names == ["start", "help", "ask", "latest", "article", "sources", "stats"]


@pytest.mark.parametrize(
    ("status", "refusal"),
    [(500, "Internal Server Error"), (400, "Bad Request: BOT_COMMAND_INVALID")],
)
async def test_the_bot_serves_when_telegram_does_not_take_its_list_of_commands(
    harness: Harness, caplog: pytest.LogCaptureFixture, status: int, refusal: str
) -> None:
    # the list is only the menu of commands: a 5xx or a refusal of it had kept the bot from
    # starting at all
    harness.api.fail("setMyCommands", status, refusal)
    with caplog.at_level(logging.WARNING):
        await harness.bot.post_init(harness.app)

    assert "did not take the bot's list of commands" in caplog.text
    await harness.send(message_update(text_message("rates")))
    assert "Central bank raises interest rates" in harness.replies()[-1]["text"]


# --- failures ---------------------------------------------------------------------------------


async def test_bad_request_is_resent_as_plain_text(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.fail(
        "sendMessage",
        400,
        "Bad Request: can't parse entities: unsupported start tag",
        when=lambda params: params.get("parse_mode") == "HTML",
    )
    await harness.send(message_update(text_message("interest rates")))

    refused, resent = harness.replies()
    assert "parse_mode" not in resent
    assert resent["text"] == html_to_plain(str(refused["text"]))
    assert "1. Central bank raises interest rates\nMoney Times · 1 Mar 2024" in resent["text"]
    assert "<b>" not in resent["text"]
    assert resent["reply_markup"] == refused["reply_markup"]
    assert "sending it as plain text" in caplog.text
    no_errors(caplog)


@pytest.mark.parametrize(
    "refusal", ["Bad Request: BUTTON_DATA_INVALID", "Bad Request: REPLY_MARKUP_TOO_LONG"]
)
async def test_plain_text_refused_too_is_sent_without_buttons_in_its_topic(
    harness: Harness, refusal: str
) -> None:
    # the last try had dropped topic and quote with the buttons: a forum's answer landed
    # in General, quoting nothing
    harness.api.fail("sendMessage", 400, refusal, times=2)
    topic = text_message("/ask rates", chat=FORUM_CHAT, thread_id=5)
    await harness.send(message_update(topic))

    sent = harness.replies()
    assert len(sent) == 3
    assert "reply_markup" not in sent[2]
    assert "parse_mode" not in sent[2]
    assert sent[2]["message_thread_id"] == 5
    assert sent[2]["reply_parameters"]["message_id"] == topic["message_id"]
    assert "Central bank raises interest rates" in sent[2]["text"]
    assert "<b>" not in sent[2]["text"]


async def test_a_refused_reply_is_sent_again_without_the_reply_only(
    harness: Harness,
) -> None:
    # a refusal that names the replied message: the next try leaves the reply out, and
    # keeps the topic, the HTML and the buttons (it had gone as plain text, buttons lost)
    harness.api.fail(
        "sendMessage", 400, "Bad Request: REPLY_MESSAGE_ID_INVALID", times=99,
        when=lambda p: "reply_parameters" in p,
    )  # fmt: skip
    topic = text_message("/ask rates", chat=FORUM_CHAT, thread_id=5)
    await harness.send(message_update(topic))

    sent = harness.replies()
    assert len(sent) == 2
    assert "reply_parameters" in sent[0]
    assert sent[1]["message_thread_id"] == 5
    assert "reply_parameters" not in sent[1]
    assert sent[1]["parse_mode"] == "HTML"
    assert sent[1]["reply_markup"] == sent[0]["reply_markup"]
    assert "Central bank raises interest rates" in sent[1]["text"]
    # refused again however sent, the words still go: plain, then without the buttons
    harness.api.failures.clear()
    harness.api.fail("sendMessage", 400, "Bad Request: REPLY_MESSAGE_ID_INVALID", times=3)
    await harness.send(message_update(text_message("/ask rates", chat=FORUM_CHAT, thread_id=5)))
    again = harness.replies()[2:]
    assert len(again) == 4
    assert "parse_mode" not in again[3]
    assert "reply_markup" not in again[3]
    assert "Central bank raises interest rates" in again[3]["text"]


async def test_a_topic_refused_by_another_name_still_gets_the_words_in_the_chat(
    harness: Harness,
) -> None:
    # a refusal of the topic `_thread_gone` does not know: kept on the last try, the topic
    # had lost the answer altogether
    harness.api.fail(
        "sendMessage", 400, "Bad Request: MESSAGE_THREAD_INVALID", times=99,
        when=lambda p: "message_thread_id" in p,
    )  # fmt: skip
    topic = text_message("/ask rates", chat=FORUM_CHAT, thread_id=5)
    await harness.send(message_update(topic))

    sent = harness.replies()
    assert [("message_thread_id" in one) for one in sent] == [True, True, True, False]
    assert "Central bank raises interest rates" in sent[3]["text"]


@pytest.mark.parametrize(
    "refusal", ["Bad Request: message thread not found", "Bad Request: TOPIC_DELETED"]
)
async def test_an_answer_for_a_deleted_topic_goes_to_the_chat_whole(
    harness: Harness, caplog: pytest.LogCaptureFixture, refusal: str
) -> None:
    # the topic was deleted while the answer was found: it went as plain text, then bare
    # (no formatting, no buttons), three requests and two warnings for each message
    caplog.set_level(logging.INFO)
    harness.api.fail("sendMessage", 400, refusal, times=99, when=lambda p: "message_thread_id" in p)
    topic = text_message("/ask rates", chat=FORUM_CHAT, thread_id=5)
    await harness.send(message_update(topic))

    refused, sent = harness.replies()
    assert refused["message_thread_id"] == 5
    assert "message_thread_id" not in sent
    assert sent["parse_mode"] == "HTML"
    assert (sent["text"], sent["reply_markup"]) == (refused["text"], refused["reply_markup"])
    assert "<b>Central bank raises interest rates</b>" in sent["text"]
    assert "topic 5 of chat" in caplog.text
    no_errors(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    "refusal",
    [
        "Bad Request: not enough rights to send text messages to the chat",
        "Bad Request: TOPIC_CLOSED",
        "Bad Request: CHAT_RESTRICTED",
        "Bad Request: chat not found",
    ],
)
async def test_a_chat_the_bot_may_not_write_in_costs_one_attempt_and_no_error(
    harness: Harness, caplog: pytest.LogCaptureFixture, refusal: str
) -> None:
    # muted in a group: three forms of each answer were tried, then an ERROR traceback, then
    # an apology that could not go either
    caplog.set_level(logging.INFO)
    harness.api.fail("sendMessage", 400, refusal, times=99)
    mention = text_message("@news_test_bot volcano", chat=FORUM_CHAT, thread_id=7)
    await harness.send(message_update(mention))

    assert len(harness.replies()) == 1
    assert "cannot write in chat" in caplog.text
    no_errors(caplog)


async def test_blocked_user_is_logged_once_and_not_an_error(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    harness.api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", times=99)
    for _ in range(3):
        await harness.send(message_update(text_message("volcano")))

    assert len(harness.replies()) == 3  # one attempt per question, no retries, no apologies
    blocked = [r for r in caplog.records if "closed to the bot" in r.getMessage()]
    assert len(blocked) == 1
    assert blocked[0].levelno == logging.INFO
    no_errors(caplog)


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
async def test_flood_control_on_a_groups_answer_holds_up_no_other_chats_answer(
    harness: Harness,
) -> None:
    # a 429 for a group's answer: the rate limiter slept out its retry_after with every
    # request paused, and a private question asked meanwhile waited for the group (40 s and
    # more, as Telegram asks of a busy group)
    refused = asyncio.Event()

    def groups_answer(params: dict[str, Any]) -> bool:
        if params["chat_id"] != GROUP_CHAT["id"]:
            return False
        refused.set()
        return True

    harness.api.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 1",
        when=groups_answer,
        parameters={"retry_after": 1},
    )
    group = asyncio.create_task(
        harness.send(message_update(text_message("/ask volcano", chat=GROUP_CHAT)))
    )
    await refused.wait()
    await harness.send(message_update(text_message("lava", user=OTHER_USER)))

    assert not group.done()  # answered while the group's answer still waits its second
    await group
    chats = [p["chat_id"] for p in harness.replies()]
    assert chats == [GROUP_CHAT["id"], OTHER_USER["id"], GROUP_CHAT["id"]]
    assert harness.texts()[2] == harness.texts()[0]  # the group's answer, sent in the end


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
async def test_flood_control_that_outlasts_the_waits_is_one_warning_and_no_apology(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # a 429 at every try: two ERRORs with tracebacks (the rate limiter's, then "error while
    # handling an update"), and "Sorry, something went wrong on my side" sent at once into
    # the chat Telegram had just told to slow down, to meet the 429 again
    caplog.set_level(logging.INFO)
    harness.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", times=4)
    await harness.send(message_update(text_message("volcano")))

    assert len(harness.replies()) == 4  # the answer, tried 4 times, 1 s apart; no apology
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.levelno, r.exc_info) for r in warnings] == [(logging.WARNING, None)]
    assert "flood control in chat 42 outlasted the waits" in warnings[0].getMessage()
    assert "Traceback" not in caplog.text


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
async def test_a_chat_told_to_wait_longer_than_a_reply_waits_gets_nothing_until_then(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # retry_after 3600 (flood control after a burst of spam): waited out, each question asked
    # there meanwhile had held one of the bot's 64 handlers for an hour
    harness.api.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 3600",
        when=lambda p: p["chat_id"] == GROUP_CHAT["id"],
        parameters={"retry_after": 3600},
    )
    ask = message_update(text_message("/ask volcano", chat=GROUP_CHAT))
    await asyncio.wait_for(harness.send(ask), 5)
    again = message_update(text_message("/ask lava", chat=GROUP_CHAT))
    await asyncio.wait_for(harness.send(again), 5)  # not sent: the hour is not over
    await harness.send(message_update(text_message("lava", user=OTHER_USER)))

    assert [p["chat_id"] for p in harness.replies()] == [GROUP_CHAT["id"], OTHER_USER["id"]]
    dropped = [r for r in caplog.records if "outlasted the waits" in r.getMessage()]
    assert [r.levelno for r in dropped] == [logging.WARNING] * 2
    no_errors(caplog)


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
@pytest.mark.parametrize("label", ["More", "📄 2"])
async def test_flood_control_on_a_presss_acknowledgement_holds_back_nothing(
    harness: Harness, caplog: pytest.LogCaptureFixture, label: str
) -> None:
    # a 429 on answerCallbackQuery held the page (or article) back for the whole retry_after,
    # then sent again an acknowledgement Telegram takes only for some seconds after a press
    caplog.set_level(logging.INFO)
    await harness.send(message_update(text_message("volcano")))
    press = callback_update(harness.button(label), harness.last_sent_message())
    harness.api.fail(
        "answerCallbackQuery",
        429,
        "Too Many Requests: retry after 40",
        parameters={"retry_after": 40},
    )
    await asyncio.wait_for(harness.send(press), 5)

    assert harness.api.methods().count("answerCallbackQuery") == 1  # not again, 40 s late
    assert len(harness.replies()) >= 2  # the page or the article, sent at once
    [given_up] = [r for r in caplog.records if "acknowledging" in r.getMessage()]
    assert given_up.levelno == logging.INFO
    assert "flood control" in given_up.getMessage()
    no_errors(caplog)


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")  # PTB's, on RetryAfter
async def test_flood_control_on_an_inline_answer_is_not_waited_out(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # the answer was sent again after the retry_after (30 s), when Telegram no longer takes
    # it: the user has typed on or gone, and a handling slot was held all that time
    caplog.set_level(logging.INFO)
    harness.api.fail(
        "answerInlineQuery",
        429,
        "Too Many Requests: retry after 30",
        parameters={"retry_after": 30},
    )
    await asyncio.wait_for(harness.send(inline_update("volcano")), 5)

    assert harness.api.methods().count("answerInlineQuery") == 1
    [given_up] = [r for r in caplog.records if "inline results" in r.getMessage()]
    assert given_up.levelno == logging.INFO
    assert "flood control" in given_up.getMessage()
    no_errors(caplog)


async def test_a_group_that_became_a_supergroup_gets_the_answer_at_its_new_id(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    old = {"id": -4321, "type": "group", "title": "Volcano watchers"}
    harness.api.fail(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        times=99,
        when=lambda p: p["chat_id"] == old["id"],
        parameters={"migrate_to_chat_id": -1004321},
    )
    await harness.send(message_update(text_message("/ask volcano", chat=old)))
    await harness.send(message_update(text_message("/ask volcano", chat=old)))

    first, second = [p for p in harness.replies() if p["chat_id"] == -1004321]
    assert "reply_parameters" not in first  # the quoted message is not in the new chat
    assert "Volcano erupts in Iceland" in str(first["text"])
    assert second["text"] == first["text"]
    # the second answer went straight to the new id
    assert len([p for p in harness.replies() if p["chat_id"] == old["id"]]) == 1
    no_errors(caplog)


async def test_error_is_logged_and_the_user_gets_an_apology(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    harness = await make_harness(searcher=FakeSearcher(error=RuntimeError("index on fire")))
    await harness.send(message_update(text_message("volcano")))

    assert harness.texts() == [tg.APOLOGY]
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None
    assert "index on fire" in str(record.exc_info[1])


async def test_an_inline_query_whose_search_fails_is_answered_with_no_results(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # the error was logged, but the query never answered: the user's client spun until it
    # gave up
    harness = await make_harness(searcher=FakeSearcher(error=RuntimeError("index on fire")))
    await harness.send(inline_update("volcano"))

    [answer] = harness.api.sent("answerInlineQuery")
    assert answer["results"] == []
    assert int(answer["cache_time"]) == 0  # the next try searches again
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "index on fire" in str(record.exc_info[1] if record.exc_info else "")
    assert harness.replies() == []


CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot"


@pytest.mark.parametrize("debug", [False, True], ids=["quiet", "debug"])
async def test_a_polling_error_is_one_line_a_minute_per_problem(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture, debug: bool
) -> None:
    """python-telegram-bot hands each failed getUpdates to the error handlers (update None) and
    retries every few seconds: each logged a 30-line traceback."""
    if debug:
        caplog.set_level(logging.DEBUG, logger="bot.telegram_app")
    now = [1000.0]
    harness = await make_harness(clock=lambda: now[0])

    async def poll_fails(error: Exception) -> None:  # as run_polling's error_callback does
        await harness.app.process_error(update=None, error=error)

    for _ in range(3):
        await poll_fails(Conflict(CONFLICT))
        await poll_fails(NetworkError("httpx.ConnectError: All connection attempts failed"))
        now[0] += 20
    now[0] += 1  # 61 s after the first of them
    await poll_fails(Conflict(CONFLICT))

    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    hint = (
        f"Telegram refused to give this bot updates ({CONFLICT}): another instance is polling "
        "with this token; stop it"
    )
    network = (
        "could not get updates from Telegram (httpx.ConnectError: All connection attempts "
        "failed); retrying"
    )
    assert lines == [hint, network, hint]
    tracebacks = [r for r in caplog.records if r.exc_info is not None]
    assert len(tracebacks) == (7 if debug else 0)  # each retry's, at DEBUG only
    assert all(r.levelno == logging.DEBUG for r in tracebacks)
    assert harness.api.sent() == []  # no one to apologise to


@pytest.mark.parametrize(
    ("chat", "thread"), [(private_chat(), None), (FORUM_CHAT, 9)], ids=["private", "topic"]
)
async def test_error_after_a_press_was_acknowledged_is_apologised_for_in_the_chat(
    make_harness: MakeHarness, chat: dict[str, Any], thread: int | None
) -> None:
    harness = await make_harness(searcher=FakeSearcher(error=RuntimeError("boom")))
    page = bot_message("1.", chat=chat)
    if thread is not None:
        page.update(message_thread_id=thread, is_topic_message=True)
    memory_key = QuestionMemory(harness.app.bot_data.setdefault("questions", {}), 10).remember(
        "volcano", TODAY
    )
    await harness.send(callback_update(f"m:{memory_key}:3", page))

    # the press was acknowledged before the search failed; Telegram takes one answer
    assert [a.get("text") for a in harness.api.sent("answerCallbackQuery")] == [None]
    [apology] = harness.replies()
    assert apology["text"] == tg.APOLOGY
    assert apology["chat_id"] == chat["id"]
    assert apology.get("message_thread_id") == thread


@dataclass
class CollapsedShelf(FakeInfo):
    """A library whose articles cannot be read."""

    def article(self, number: int) -> Any:
        raise RuntimeError("shelf collapsed")


async def test_error_before_a_press_was_acknowledged_is_apologised_for_in_its_answer(
    make_harness: MakeHarness,
) -> None:
    harness = await make_harness(info=CollapsedShelf())
    page = bot_message("1.", chat=private_chat())

    await harness.send(callback_update("a:0:" + article_check(NEWS[0]), page))

    assert [a.get("text") for a in harness.api.sent("answerCallbackQuery")] == [tg.APOLOGY]
    assert not harness.replies()


def test_the_fake_bot_api_takes_one_answer_per_press() -> None:
    api = FakeBotAPI()
    first = api.handle("answerCallbackQuery", {"callback_query_id": "7"})
    second = api.handle("answerCallbackQuery", {"callback_query_id": "7", "text": "Sorry"})

    assert first == (200, {"ok": True, "result": True})
    assert second == (400, {"ok": False, "error_code": 400, "description": QUERY_TOO_OLD})


# --- throttling, allow-lists, admin -----------------------------------------------------------


async def test_throttling_tells_once_then_stays_quiet(make_harness: MakeHarness) -> None:
    now = [1000.0]
    harness = await make_harness(throttle_per_minute=6, throttle_burst=2, clock=lambda: now[0])
    for _ in range(4):
        await harness.send(message_update(text_message("volcano")))

    texts = harness.texts()
    assert len(texts) == 3
    assert texts[2] == tg.SLOW_DOWN.format(seconds=10)
    assert len(harness.searcher.calls) == 2

    now[0] += 10.0  # one token back
    await harness.send(message_update(text_message("rates")))
    assert "Central bank" in harness.texts()[-1]


def sticker_message() -> dict[str, Any]:
    message = text_message("x")
    del message["text"]
    message["sticker"] = STICKER
    return message


def deep_link_message() -> dict[str, Any]:
    """/start a-N-check for NEWS's first article, as an inline card's link sends it."""
    return text_message(f"/start a-0-{article_check(NEWS[0])}")


@pytest.mark.parametrize(
    "make_message",
    [
        lambda: text_message("/start"),
        deep_link_message,
        lambda: text_message("/help"),
        lambda: text_message("/sources"),
        lambda: text_message("/stats"),
        lambda: text_message("/ask"),
        lambda: text_message("/article"),
        lambda: text_message("/weather"),
        lambda: text_message("/ask@otherbot volcano"),
        lambda: text_message("/reload"),
        sticker_message,
        lambda: captioned("/latest"),
        lambda: text_message(f"@{BOT_USERNAME}", chat=GROUP_CHAT),
    ],
    ids=[
        "start",
        "deep link",
        "help",
        "sources",
        "stats",
        "ask usage",
        "article usage",
        "unknown command",
        "another bot's command",
        "reload by a non-admin",
        "sticker",
        "caption command",
        "bare mention",
    ],
)
async def test_every_reply_is_throttled(
    make_harness: MakeHarness, make_message: Callable[[], dict[str, Any]]
) -> None:
    # one user must not flood a chat (or the bot's budget) with hints and help either
    now = [1000.0]
    harness = await make_harness(throttle_per_minute=6, throttle_burst=2, clock=lambda: now[0])
    for _ in range(6):
        await harness.send(message_update(make_message()))

    first, second, told = harness.texts()
    assert first == second
    assert told == tg.SLOW_DOWN.format(seconds=10)
    now[0] += 10.0  # one token back
    await harness.send(message_update(make_message()))
    assert harness.texts()[-1] == first


async def test_typing_an_inline_query_does_not_use_up_the_questions(
    make_harness: MakeHarness,
) -> None:
    now = [1000.0]
    harness = await make_harness(throttle_per_minute=20, throttle_burst=5, clock=lambda: now[0])
    question = "why did the volcano erupt"
    for end in (3, 7, 11, 15, 19, 22, 25):  # a client sends a query per pause in typing
        await harness.send(inline_update(question[:end]))
        now[0] += 0.4

    answers = harness.api.sent("answerInlineQuery")
    assert len(answers) == 7
    assert all(a["cache_time"] == 10 for a in answers)  # none throttled (that is 0)
    assert answers[-1]["results"]
    await harness.send(message_update(text_message("volcano")))
    await harness.send(message_update(text_message("/stats")))
    answer, stats = harness.texts()
    assert answer.startswith("1. <b>Volcano")  # the chat's bucket is untouched
    assert "Questions answered: 1 since start, 1 in all" in stats  # typing is no question
    # "why", "why did" and "why did the" name nothing: a hint card, no search
    assert "Inline searches: 4 since start, 4 in all" in stats

    # the inline bucket: four times the burst, three times the rate
    for _ in range(21):
        await harness.send(inline_update("volcano", user=OTHER_USER))
    *_, last_let_through, throttled = harness.api.sent("answerInlineQuery")
    assert last_let_through["results"]
    assert (throttled["results"], throttled["cache_time"]) == ([], 0)
    now[0] += 1.0  # one token back at 60 a minute
    await harness.send(inline_update("volcano", user=OTHER_USER))
    assert harness.api.sent("answerInlineQuery")[-1]["results"]


async def test_the_inline_query_last_typed_is_answered_when_typing_outran_the_limit(
    make_harness: MakeHarness,
) -> None:
    # the real clock: an inline query over the limit waits for its token (INLINE_HOLD)
    harness = await make_harness(throttle_per_minute=20, throttle_burst=5)  # inline: 60, 20
    for _ in range(20):  # a client that sends a query a keystroke used the burst
        await harness.send(inline_update("volc"))
    assert all(a["results"] for a in harness.api.sent("answerInlineQuery"))

    typing = asyncio.create_task(harness.send(inline_update("volcan")))
    await asyncio.sleep(0.05)
    finished = inline_update("volcano")
    await asyncio.gather(typing, harness.send(finished))

    *_, superseded, last = harness.api.sent("answerInlineQuery")
    assert (superseded["results"], superseded["cache_time"]) == ([], 0)
    assert last["inline_query_id"] == finished["inline_query"]["id"]
    assert last["results"]  # answered once its token came back, not refused
    assert harness.bot.inline_throttle.wait(USER["id"]) > 0  # it spent that token


async def test_anonymous_admins_and_channels_are_throttled_per_group_or_channel(
    make_harness: MakeHarness,
) -> None:
    now = [1000.0]
    harness = await make_harness(throttle_per_minute=6, throttle_burst=2, clock=lambda: now[0])
    other_group = {"id": -1005555555555, "type": "supergroup", "title": "Another group"}
    channel = {"id": -1006666666666, "type": "channel", "title": "A channel"}
    as_channel = {
        "id": 136817688,
        "is_bot": True,
        "first_name": "Channel",
        "username": "Channel_Bot",
    }
    asked = [
        (ANONYMOUS_ADMIN, GROUP_CHAT, GROUP_CHAT),
        (ANONYMOUS_ADMIN, GROUP_CHAT, GROUP_CHAT),
        (ANONYMOUS_ADMIN, other_group, other_group),  # another group's admins: their own
        (as_channel, channel, GROUP_CHAT),  # someone posting as a channel: the channel's
        (as_channel, channel, GROUP_CHAT),
        (ANONYMOUS_ADMIN, GROUP_CHAT, GROUP_CHAT),  # the first group's third: throttled
    ]
    for user, sender, chat in asked:
        text = f"@{BOT_USERNAME} volcano"
        await harness.send(
            message_update(text_message(text, user=user, sender_chat=sender, chat=chat))
        )

    *answers, told = harness.texts()
    assert len(answers) == 5
    assert all(a.startswith("1. <b>Volcano") for a in answers)
    assert told == tg.SLOW_DOWN.format(seconds=10)
    assert harness.replies()[-1]["chat_id"] == GROUP_CHAT["id"]


async def test_allow_lists(make_harness: MakeHarness) -> None:
    harness = await make_harness(
        allowed_users=frozenset({42}), allowed_chats=frozenset({GROUP_CHAT["id"]})
    )
    stranger = {"id": 99, "is_bot": False, "first_name": "Eve"}
    await harness.send(message_update(text_message("volcano", user=stranger)))
    await harness.send(message_update(text_message("volcano again", user=stranger)))
    await harness.send(inline_update("volcano", user=stranger))
    await harness.send(message_update(text_message("rates")))  # user 42: allowed
    await harness.send(
        message_update(text_message("/ask marathon", chat=GROUP_CHAT, user=stranger))
    )

    texts = harness.texts()
    assert texts[0] == tg.PRIVATE_BOT  # told once
    assert len(texts) == 3
    assert "Central bank" in texts[1]
    assert "Marathon" in texts[2]  # everyone may ask in an allowed group
    assert harness.api.sent("answerInlineQuery")[0]["results"] == []
    assert [c.question for c in harness.searcher.calls] == ["rates", "marathon"]


async def test_reload_is_for_admins_and_keeps_answering_meanwhile(
    make_harness: MakeHarness,
) -> None:
    started, release = threading.Event(), threading.Event()
    fresh = FakeInfo(articles=[*NEWS, article("Brand new story", "Fresh text.")])

    def reopen() -> Backend:
        started.set()
        if not release.wait(timeout=10):
            raise TimeoutError("never released")
        return Backend(FakeSearcher(articles=fresh.articles), fresh)

    harness = await make_harness(reopen=reopen, admin_ids=frozenset({42}))
    await harness.send(message_update(text_message("/reload", user=OTHER_USER)))
    assert harness.texts() == [tg.ADMINS_ONLY]
    # in a group, a bare /reload may be another bot's: refused only when addressed by name
    group = {"chat": GROUP_CHAT, "user": OTHER_USER}
    await harness.send(message_update(text_message("/reload", **group)))
    assert harness.texts() == [tg.ADMINS_ONLY]
    await harness.send(message_update(text_message(f"/reload@{BOT_USERNAME}", **group)))
    assert harness.texts() == [tg.ADMINS_ONLY, tg.ADMINS_ONLY]

    reload = asyncio.create_task(harness.send(message_update(text_message("/reload"))))
    await asyncio.to_thread(started.wait, 10)
    await harness.send(message_update(text_message("marathon")))  # answered meanwhile
    assert "Marathon record" in harness.texts()[-1]
    assert harness.bot.backend.info.n_articles == 7
    release.set()
    await reload

    assert harness.texts()[-1] == "Reloaded: 8 articles, 10 passages (1 new)."
    assert harness.bot.backend.info is fresh


async def test_reload_failure_keeps_the_old_library(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    def reopen() -> Backend:
        raise OSError("disk gone")

    harness = await make_harness(reopen=reopen, admin_ids=frozenset({42}))
    old = harness.bot.backend
    await harness.send(message_update(text_message("/reload")))

    assert harness.texts()[-1] == tg.RELOAD_FAILED.format(error="disk gone")
    assert harness.bot.backend is old
    assert "reload failed" in caplog.text


async def test_a_reload_that_fails_for_the_users_reason_logs_one_line(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # a corpus folder deleted logged a whole traceback, ending in CorpusError, without --debug
    from retrieval.articles import CorpusError

    def reopen() -> Backend:
        raise CorpusError("corpus path not found: /srv/news")

    harness = await make_harness(reopen=reopen, admin_ids=frozenset({42}))
    with caplog.at_level(logging.INFO):
        await harness.send(message_update(text_message("/reload")))

    assert harness.texts()[-1] == tg.RELOAD_FAILED.format(error="corpus path not found: /srv/news")
    [record] = [r for r in caplog.records if "reload failed" in r.getMessage()]
    assert record.exc_info is None
    assert record.getMessage().endswith("corpus path not found: /srv/news")


async def test_a_reload_that_finds_the_index_in_use_keeps_the_search_workers(
    make_harness: MakeHarness, tmp_path: Path
) -> None:
    # a reload on a timer (reload_minutes) restarted the workers, and dropped the warm
    # searcher, every time, though nothing had changed
    in_use, written = tmp_path / "gen-1", tmp_path / "gen-2"
    reopened: list[Path] = []

    def reopen() -> Backend:
        generation = reopened[-1]
        return Backend(FakeSearcher(), FakeInfo(), generation)

    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(reopen=reopen, admin_ids=frozenset({42}), workers=workers)
        old = harness.bot.backend = Backend(FakeSearcher(), FakeInfo(), in_use)
        await harness.bot.post_init(harness.app)
        pids = set(workers._pool._processes)

        reopened.append(in_use)
        await harness.send(message_update(text_message("/reload")))
        assert harness.texts()[-1] == "Reloaded: 7 articles, 9 passages (none new)."
        assert harness.bot.backend is old
        assert harness.bot._warming is None
        assert set(workers._pool._processes) == pids

        reopened.append(written)  # a new generation: swapped in, with new workers
        await harness.send(message_update(text_message("/reload")))
        assert harness.bot.backend.generation == written
        assert harness.bot._warming is not None
        await asyncio.wait_for(harness.bot._warming, 60)
        assert set(workers._pool._processes).isdisjoint(pids)
    finally:
        await workers.close()


KILLED_BOT = """
import asyncio, os, sys, time
from bot.telegram_app import SearchWorkers
from tests.fake_library import open_fake_searcher
workers = SearchWorkers(1, open_fake_searcher)
print(asyncio.run(workers.run(os.getpid)), flush=True)
time.sleep(600)
"""


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie no one reaps has too)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to see a zombie")
def test_search_workers_end_when_the_bot_is_killed(tmp_path: Path) -> None:
    # SIGKILL (or the out-of-memory killer) gives the bot no chance to stop its workers:
    # they lived on, each holding its copy of the index
    import subprocess

    root = Path(__file__).resolve().parent.parent
    bot = subprocess.Popen(
        [sys.executable, "-c", KILLED_BOT], cwd=root, stdout=subprocess.PIPE, text=True
    )
    worker: int | None = None
    try:
        assert bot.stdout is not None
        worker = int(bot.stdout.readline())
        assert not _gone(worker)
        bot.kill()
        bot.wait(10)
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(worker), "the search worker outlived the bot"
    finally:
        bot.kill()
        if worker is not None and not _gone(worker):
            os.kill(worker, signal.SIGKILL)


async def test_search_workers_answer_from_other_processes(make_harness: MakeHarness) -> None:
    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(workers=workers)
        await harness.bot.post_init(harness.app)  # starts the worker
        await harness.send(message_update(text_message("volcano")))
        await harness.send(callback_update(harness.button("More"), harness.last_sent_message()))
        await harness.send(inline_update("volcano"))
        workers.restart()  # as after /reload
        await harness.send(message_update(text_message("/article marathon")))

        first, more, article_text = harness.texts()
        assert first.startswith("1. <b>Volcano erupts in Iceland</b>")
        assert more.startswith("4. <b>")
        assert article_text.startswith("<b>Marathon record falls in Berlin</b>")
        [inline] = harness.api.sent("answerInlineQuery")
        assert inline["results"][0]["title"] == "Volcano erupts in Iceland"
        assert not harness.searcher.calls  # the bot's own searcher was never asked
    finally:
        await workers.close()


async def test_a_search_worker_that_dies_is_replaced(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(workers=workers)
        await harness.bot.post_init(harness.app)  # starts the worker
        await harness.send(message_update(text_message("volcano")))
        for pid, process in list(workers._pool._processes.items()):  # as the OOM killer would
            os.kill(pid, signal.SIGKILL)
            process.join(10)  # gone before the next question

        await harness.send(message_update(text_message("volcano")))
        await harness.send(message_update(text_message("marathon")))

        first, second, third = harness.texts()
        assert second == first
        assert third.startswith("1. <b>Marathon record falls in Berlin</b>")
        assert "a search worker stopped" in caplog.text
    finally:
        await workers.close()


async def test_ctrl_c_leaves_the_search_workers_to_the_bot(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # Ctrl-C signals the whole process group: each worker printed a KeyboardInterrupt
    # traceback and died with its questions unanswered, while the bot, stopping gracefully,
    # said it would answer them
    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(workers=workers)
        await harness.bot.post_init(harness.app)  # starts the worker
        pids = set(workers._pool._processes)
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        await asyncio.sleep(0.5)  # time to die, had it not ignored the signal
        await harness.send(message_update(text_message("volcano")))

        assert harness.texts()[0].startswith("1. <b>Volcano erupts in Iceland</b>")
        assert set(workers._pool._processes) == pids
        assert all(process.is_alive() for process in workers._pool._processes.values())
        assert "a search worker stopped" not in caplog.text
    finally:
        await workers.close()


async def test_a_reload_starts_the_new_search_workers_before_the_next_question(
    make_harness: MakeHarness,
) -> None:
    # the first question after a reload waited for a worker to start and load the index
    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(workers=workers)
        await harness.bot.post_init(harness.app)
        harness.bot.swap(harness.bot.backend)  # as a reload does
        assert harness.bot._warming is not None
        await asyncio.wait_for(harness.bot._warming, 60)
        assert workers._pool._processes  # up before anyone asked
        await harness.send(message_update(text_message("volcano")))
        assert harness.texts()[0].startswith("1. <b>Volcano erupts in Iceland</b>")
    finally:
        await workers.close()


async def test_shutting_down_right_after_a_reload_cancels_the_start_of_new_workers(
    make_harness: MakeHarness,
) -> None:
    """The task that starts the new workers was left pending: "Task was destroyed but it is
    pending! ... NewsBot._warm()" as the loop closed."""
    workers = SearchWorkers(1, open_fake_searcher)
    try:
        harness = await make_harness(workers=workers)
        harness.bot.swap(harness.bot.backend)  # as a reload does
        warming = harness.bot._warming
        assert warming is not None

        await harness.bot.post_shutdown(harness.app)  # as run_polling does once stopped

        assert warming.cancelled()
    finally:
        await workers.close()


def test_search_workers_need_a_process() -> None:
    with pytest.raises(ValueError, match="processes must be a positive integer"):
        SearchWorkers(0, open_fake_searcher)


# --- logging and building ---------------------------------------------------------------------


async def test_token_never_reaches_the_logs(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "telegram"):  # `newsbot` sets httpx to WARNING; here we want it all
        caplog.set_level(logging.DEBUG, logger=name)
    logging.getLogger("httpx").info(
        "HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN
    )
    # our handlers log exceptions, whose text may quote a failed request's URL
    logging.getLogger("bot.telegram_app").error("failed: /bot%s/sendMessage", TOKEN)
    await harness.send(message_update(text_message("volcano")))
    await harness.send(inline_update("volcano"))

    assert TOKEN not in caplog.text
    assert "bot<token>/getMe" in caplog.text


def test_redact_token_rewrites_the_message() -> None:
    record = logging.LogRecord("httpx", logging.INFO, "x", 1, "url %s", (f"/bot{TOKEN}/x",), None)

    assert RedactToken(TOKEN).filter(record)
    assert record.getMessage() == "url /bot<token>/x"


def test_redact_token_removes_the_secret_part_in_any_case() -> None:
    """A base URL without "/bot" made httpx quote the token's secret part alone ("Invalid
    port"), and python-telegram-bot lower-cases an error description that echoes the path."""
    secret = TOKEN.partition(":")[2]
    messages = [
        f"Invalid port: '{secret}'",
        f"Not found: /bot{TOKEN.lower()}/getupdates",
        f"{secret.upper()} in capitals",
    ]
    try:
        raise ValueError(f"https://api.telegram.org{TOKEN}/getMe")
    except ValueError:
        error = sys.exc_info()
    for message in messages:
        record = logging.LogRecord("telegram.ext", logging.ERROR, "x", 1, "%s", (message,), error)

        assert RedactToken(TOKEN).filter(record)
        shown = logging.Formatter().format(record).lower()
        assert secret.lower() not in shown
        assert "<token>" in record.getMessage()
        assert "https://api.telegram.org<token>/getme" in shown  # the traceback, redacted


def test_redact_keeps_the_public_bot_id_and_other_words() -> None:
    assert redact(f"bot {TOKEN}, id 123456789", TOKEN) == "bot <token>, id 123456789"
    # a placeholder's short secret alone mangled every word ("<token>pi.telegr<token>m.org")
    assert redact("api.telegram.org, token 1:a", "1:a") == "api.telegram.org, token <token>"
    assert redact("a token without a colon", "colonless") == "a token without a colon"
    assert redact("COLONLESS here", "colonless") == "<token> here"


def test_file_url_follows_the_base_url() -> None:
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("https://example.org/custom") is None


async def test_base_url_is_used_for_requests(tmp_path: Path) -> None:
    bot = NewsBot(Backend(FakeSearcher(), FakeInfo()))
    app = build_application(bot, TOKEN, base_url="http://127.0.0.1:9/bot")

    assert app.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"
    assert app.bot.base_file_url == f"http://127.0.0.1:9/file/bot{TOKEN}"


async def test_library_facts_adapter(articles: list[Any]) -> None:
    library = Library()
    library.add(articles)
    built = datetime(2024, 5, 1, tzinfo=UTC)
    facts = LibraryFacts(library, built)

    assert (facts.n_articles, facts.n_paragraphs) == (6, 12)
    assert facts.built_at == built
    assert facts.date_range() == (date(2022, 7, 12), date(2024, 3, 1))
    newest = facts.article(facts.newest(1)[0])
    assert newest is not None
    assert newest.headline == "Central bank raises interest rates"
    assert facts.article(6) is None
    assert facts.article(-1) is None
    assert facts.source_counts() == [("Test Wire", 6)]
    # an article by its id's fingerprint, as buttons carry it (after a rebuild renumbered)
    assert facts.number_by_check(tg.article_check(newest)) == facts.newest(1)[0]
    assert facts.number_by_check("000000") is None


async def test_real_library_behind_the_bot(make_harness: MakeHarness, articles: list[Any]) -> None:
    from retrieval.search import Searcher

    library = Library()
    library.add(articles)
    harness = await make_harness(info=LibraryFacts(library))
    harness.bot.backend = Backend(Searcher(library), LibraryFacts(library))
    await harness.send(message_update(text_message("volcano lava Grindavik")))
    await harness.send(callback_update(harness.button("📄 1"), harness.last_sent_message()))

    answer, whole = harness.texts()
    check_telegram_html(answer)
    assert "Grindavik" in answer
    assert whole.startswith("<b>Iceland volcano") or whole.startswith("<b>Volcano erupts")


# --- small parts ------------------------------------------------------------------------------


def test_throttle_token_bucket() -> None:
    now = [0.0]
    throttle = Throttle(per_minute=60, burst=2, clock=lambda: now[0])

    assert throttle.wait(1) == 0.0
    assert throttle.wait(1) == 0.0
    assert throttle.wait(1) == pytest.approx(1.0)
    assert throttle.should_tell(1, 1.0)
    assert not throttle.should_tell(1, 1.0)
    assert throttle.wait(2) == 0.0  # users have their own buckets
    now[0] = 1.0
    assert throttle.wait(1) == 0.0
    assert throttle.should_tell(1, 1.0)  # a new refusal after being let through again
    assert Throttle(0, 5).wait(1) == 0.0  # off


def test_question_memory_forgets_the_oldest() -> None:
    store: dict[str, str] = {}
    memory = QuestionMemory(store, limit=2)
    a = memory.remember("first", TODAY)
    b = memory.remember("second", TODAY)
    assert memory.remember("first", TODAY) == a  # refreshed, now the most recent
    memory.remember("third", TODAY)

    assert memory.recall(a) == ("first", TODAY)
    assert memory.recall(b) is None
    store["broken"] = "not-a-day question"
    assert memory.recall("broken") is None
    assert len(a) == 12
    assert a != QuestionMemory.key("first", date(2024, 2, 11))


def test_question_memory_keeps_the_results_shown() -> None:
    memory = QuestionMemory({}, limit=10)
    plain = memory.remember("volcano: why?", TODAY)
    after = memory.remember("volcano: why?", TODAY, ["abc123", "def456"])

    assert after != plain  # another chat's next page is another button's
    assert memory.recall_page(after) == ("volcano: why?", TODAY, {"abc123", "def456"})
    assert memory.recall(after) == ("volcano: why?", TODAY)
    # a question kept before the results shown were (a button from before): none left out
    assert memory.recall_page(plain) == ("volcano: why?", TODAY, frozenset())


def test_callback_data_fits_telegram_limits() -> None:
    big = replace(NEWS[0], id="x" * 500)
    for data in (
        tg.article_data(tg.ArticleRef(10**11, article_check(big))),
        tg.more_data(QuestionMemory.key("q" * 5000, TODAY), 999_999),
        tg.latest_data(999_999),
        tg.latest_data(999_999, "s" * 48, article_check(big)),
    ):
        assert data is not None
        assert len(data.encode("utf-8")) <= 64
    # a source name that leaves no room for the cursor gets a button by position, then none
    assert tg.latest_data(10, "й" * 27, "abcdef") == "l:10:" + "й" * 27
    assert tg.latest_data(10, "й" * 40, "abcdef") is None
    link = tg.deep_link(BOT_USERNAME, tg.ArticleRef(10**11, article_check(big)))
    assert len(link.split("start=")[1]) <= 64


def test_inline_cards_keep_descriptions_short_and_clean() -> None:
    from bot.answer import article_passage
    from bot.telegram_app import card, inline_page
    from retrieval.library import SearchConfig
    from retrieval.search import Searcher

    long_source = article(
        "Profit rises at the bank", "The bank said profit rose.", source="S" * 5000
    )
    made = card(article_passage(long_source), None)
    assert len(made.description) < 400  # the source was pasted whole: 5,000 characters

    library = Library(SearchConfig())
    library.add([dataclasses.replace(long_source, source="BBC News")])
    [explained], _ = inline_page(Searcher(library), "source:\u202eevil\u202c profit", 5, 0, TODAY)
    assert "\u202e" not in explained.description  # a bidi override could reverse the line
    assert "No source matches" in explained.description


def test_a_later_page_after_the_results_shown_does_not_repeat_the_note() -> None:
    # "More" searches from the top and leaves out what was shown: the search's note came
    # again above every later page
    from bot.telegram_app import answer_page, article_check
    from retrieval.library import SearchConfig
    from retrieval.search import Searcher

    library = Library(SearchConfig())
    library.add([article(f"Bank profit {n}", f"The bank said profit rose {n}.") for n in range(4)])
    searcher = Searcher(library)
    note = searcher.search("bank profit Zorblax", 2, as_of=TODAY).note
    assert note is not None
    first = answer_page(searcher, "bank profit Zorblax", 2, 0, TODAY)
    shown = frozenset(
        article_check(hit.article) for hit in searcher.search("bank profit Zorblax", 2).hits
    )
    later = answer_page(searcher, "bank profit Zorblax", 2, 2, TODAY, shown)
    assert note in html_to_plain(first.messages[0])
    assert "No article mentions" not in " ".join(later.messages)


def test_an_inline_answers_note_heads_its_first_card() -> None:
    # the chat's answer says "No article mentions “Zorblax”"; the cards had said nothing, and
    # a tap posted a story on the other words as if it matched the whole
    from bot.telegram_app import inline_page
    from retrieval.library import SearchConfig
    from retrieval.search import Searcher

    library = Library(SearchConfig())
    library.add([article("Profit rises at the bank", "The bank said profit rose.")])
    searcher = Searcher(library)
    note = searcher.search("bank profit Zorblax", 2, as_of=TODAY).note
    assert note is not None

    first, *rest = inline_page(searcher, "bank profit Zorblax", 2, 0, TODAY)[0]
    assert first.description.startswith(f"{note} — ")
    assert all(not card.description.startswith(note) for card in rest)
    [again], _ = inline_page(searcher, "bank profit", 2, 0, TODAY)
    assert not again.description.startswith("No article")


def test_older_headlines_after_the_last_one_was_updated_do_not_repeat_a_page() -> None:
    from tests.conftest import make_article

    stories = [
        replace(
            make_article(f"Story {i}", f"Text of story {i}.", published=date(2024, 1, 1 + i)),
            id=f"s{i}",
            url=f"https://news.example/{i}",
        )
        for i in range(15)
    ]
    library = Library()
    library.add(stories)
    info = LibraryFacts(library)
    first = info.newest(tg.LATEST_PAGE, 0)
    last = info.article(first[-1])
    assert last is not None
    # the publisher updates the last story shown: stored anew, as a newer story
    library.store.remove([first[-1]])
    library.add([replace(last, headline=f"{last.headline} (updated)", published=date(2024, 2, 1))])
    start = tg.latest_start(info, tg.LATEST_PAGE, tg.article_check(last))
    page = [info.article(n).headline for n in info.newest(tg.LATEST_PAGE, start)]  # type: ignore[union-attr]
    assert page == ["Story 4", "Story 3", "Story 2", "Story 1", "Story 0"]


def test_webhook_check_skips_localhost_ipv6_that_cannot_be_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a container with IPv6 half off, "localhost" resolves to ::1 too, which cannot be
    bound (EADDRNOTAVAIL); tornado binds 127.0.0.1 alone, and so the check must pass."""
    import errno
    import socket as real

    bound: list[str] = []

    class Sock:
        def __init__(self, family: int, *args: object) -> None:
            self.family = family

        def __enter__(self) -> Sock:
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def setsockopt(self, *args: object) -> None:
            pass

        def bind(self, address: tuple[Any, ...]) -> None:
            if address[0] == "::1":
                raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")
            bound.append(address[0])

    def addresses(host: str, port: int, *args: object) -> list[tuple[Any, ...]]:
        return [
            (real.AF_INET6, real.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
            (real.AF_INET, real.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(tg.socket, "getaddrinfo", addresses)
    monkeypatch.setattr(tg.socket, "socket", Sock)

    tg.check_listen("localhost", 8443)
    assert bound == ["127.0.0.1"]
    with pytest.raises(tg.ConfigError, match="could not listen for webhooks on"):
        tg.check_listen("ip6-localhost", 8443)  # a name for ::1 alone: no address to serve


class _Worker:
    """A search process as multiprocessing lists it: terminated or not."""

    def __init__(self) -> None:
        self.terminated = False

    def terminate(self) -> None:
        self.terminated = True


class _GoneStream:
    """Standard error after the reader of its pipe left (`newsbot run | tee log`, Ctrl-C)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("stderr_gone", [False, True])
@pytest.mark.parametrize("name", ["SIGINT", "SIGHUP"])
def test_ctrl_c_stops_gracefully_and_a_second_stops_at_once(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stderr_gone: bool,
    name: str,
) -> None:
    """The first stop signal says the bot is finishing and asks python-telegram-bot to stop
    (the questions in hand are answered); a second stops at once, its worker processes
    terminated, status 128 + the signal. python-telegram-bot's own handlers raised SystemExit
    again in the middle of its clean-up: thousands of log lines, exit status 0. With standard
    error gone, writing the notice raised BrokenPipeError and no signal stopped the bot. A
    closed terminal's SIGHUP had ended the bot at once, its state unsaved."""
    number = getattr(signal, name)
    default = signal.getsignal(number)
    if stderr_gone:
        monkeypatch.setattr(sys, "stderr", _GoneStream())
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stops: list[bool] = []
    exits: list[int] = []
    worker = _Worker()
    monkeypatch.setattr(tg.os, "_exit", exits.append)
    monkeypatch.setattr(tg.multiprocessing, "active_children", lambda: [worker])
    app = type("App", (), {"stop_running": lambda self: stops.append(True)})()

    async def signal_and_wait(until: Callable[[], bool]) -> None:
        os.kill(os.getpid(), number)
        for _ in range(500):  # the loop runs the handler on its next turn
            if until():
                return
            await asyncio.sleep(0.01)

    try:
        assert tg._signal_options(app, True) == {"stop_signals": None}  # type: ignore[arg-type]
        loop.run_until_complete(signal_and_wait(lambda: bool(stops)))
        assert (stops, exits, worker.terminated) == ([True], [], False)
        assert capsys.readouterr().err == ("" if stderr_gone else tg.STOPPING + "\n")
        loop.run_until_complete(signal_and_wait(lambda: bool(exits)))
        assert (stops, exits, worker.terminated) == ([True], [128 + number], True)
        assert capsys.readouterr().err == ("" if stderr_gone else tg.STOPPED_AT_ONCE + "\n")
    finally:
        loop.close()  # takes its signal handlers away
        asyncio.set_event_loop(None)
    assert signal.getsignal(number) is default
