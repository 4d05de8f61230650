"""End to end: the real Application, run as `newsbot run` runs it, against a fake Bot API
server over HTTP on 127.0.0.1 (long polling), and with Telegram posting to its webhook."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from telegram import __version__ as TG_VERSION
from telegram.error import InvalidToken, NetworkError

from bot.config import TelegramSettings
from bot.telegram_app import (
    App,
    Backend,
    NewsBot,
    build_application,
    request_stop,
    run_application,
)
from tests.fake_bot_api import (
    FakeBotAPI,
    FakeBotServer,
    callback_update,
    message_update,
    text_message,
)
from tests.fake_library import FakeInfo, FakeSearcher, article

TOKEN = "987654321:AAE-end-to-end-secret-token"
TIMEOUT = 15.0


@contextmanager
def running(app: App, settings: TelegramSettings) -> Iterator[None]:
    """Run the application in a thread with its own event loop, as `newsbot run` would; wait
    until it serves, stop it on the way out, and re-raise whatever it raised."""
    errors: list[BaseException] = []
    serving = threading.Event()
    loop = asyncio.new_event_loop()

    async def mark_serving(context: object) -> None:
        serving.set()  # jobs start with the application: after the updater is up

    assert app.job_queue is not None
    app.job_queue.run_once(mark_serving, 0)

    def target() -> None:
        asyncio.set_event_loop(loop)
        try:
            run_application(app, settings, poll_timeout=1.0, handle_signals=False)
        except BaseException as exc:
            errors.append(exc)
            serving.set()

    thread = threading.Thread(target=target, name="bot")
    thread.start()
    try:
        assert serving.wait(TIMEOUT), "the bot did not start"
        if errors:
            raise errors[0]
        yield
    finally:
        if not loop.is_closed():
            loop.call_soon_threadsafe(app.stop_running)
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "the bot did not stop"
    if errors:
        raise errors[0]


def start_failure(app: App, fails: bool = True) -> BaseException | None:
    """Run the application as `newsbot run` does, in a thread with its own event loop, and
    return the error its start raised (None when it is to stop without one)."""
    errors: list[BaseException] = []

    def target() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())  # run_polling closes it
        try:
            run_application(app, TelegramSettings(), poll_timeout=1.0, handle_signals=False)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target, name="bot")
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), "the bot did not stop"
    if not fails:
        assert errors == []
        return None
    [error] = errors
    return error


def make_app(server: FakeBotServer, state: Path) -> App:
    bot = NewsBot(Backend(FakeSearcher(), FakeInfo()), TelegramSettings(throttle_per_minute=0))
    return build_application(bot, TOKEN, base_url=server.base_url, persistence_file=state)


def sent_count(n: int) -> Any:
    return lambda api: len(api.sent()) >= n


def test_polling_question_and_buttons_over_http(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "telegram"):  # `newsbot` sets httpx to WARNING; here we want it all
        caplog.set_level(logging.DEBUG, logger=name)
    state = tmp_path / "data" / "telegram.pickle"
    with FakeBotServer() as server:
        api = server.api
        with running(make_app(server, state), TelegramSettings()):
            api.queue(message_update(text_message("Why did the volcano erupt?")))
            api.wait_for(sent_count(1), TIMEOUT)
            first = api.results()[0]
            more = first["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
            api.queue(callback_update(more, first))
            api.wait_for(lambda a: "editMessageReplyMarkup" in a.methods(), TIMEOUT)

        question, second = api.sent()
        assert str(question["text"]).startswith("1. <b>Volcano erupts in Iceland</b>")
        assert question["parse_mode"] == "HTML"
        assert question["link_preview_options"] == {"is_disabled": True}
        assert str(second["text"]).startswith("4. <b>")
        assert len(api.sent("answerCallbackQuery")) == 1
        methods = api.methods()
        assert methods.index("deleteWebhook") < methods.index("sendMessage")
        [commands] = api.sent("setMyCommands")
        assert [c["command"] for c in commands["commands"]][:3] == ["start", "help", "ask"]
        polls = api.sent("getUpdates")
        assert polls[0]["timeout"] == 1
        assert polls[0]["allowed_updates"] == [
            "message",
            "edited_message",
            "callback_query",
            "inline_query",
        ]
        assert server.tokens == {TOKEN}

        # A restart: the new process still knows the question behind the old More button.
        assert state.is_file()
        with running(make_app(server, state), TelegramSettings()):
            api.queue(callback_update(more, first))
            api.wait_for(sent_count(3), TIMEOUT)
        assert str(api.sent()[2]["text"]).startswith("4. <b>")

    assert "HTTP Request: POST" in caplog.text  # httpx did log its requests...
    assert "bot<token>/sendMessage" in caplog.text  # ...with the token taken out
    assert TOKEN not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_two_articles_asked_at_once_arrive_each_in_one_piece(tmp_path: Path) -> None:
    # 📄 1 and 📄 2 tapped together: the two articles' messages came interleaved
    def long(tag: str) -> list[str]:
        return [f"{tag}{n} " + "word " * 700 + "end." for n in range(6)]

    news = [
        article("Volcano story A", *long("A"), published=date(2024, 1, 1)),
        article("Volcano story B", *long("B"), published=date(2024, 1, 2)),
    ]
    bot = NewsBot(
        Backend(FakeSearcher(news), FakeInfo(news)), TelegramSettings(throttle_per_minute=0)
    )

    def texts(api: FakeBotAPI) -> list[str]:
        return [str(m["text"]) for m in api.sent()[1:]]

    with FakeBotServer() as server:
        api = server.api
        state = tmp_path / "state.pickle"
        with running(
            build_application(bot, TOKEN, base_url=server.base_url, persistence_file=state),
            TelegramSettings(),
        ):
            api.queue(message_update(text_message("volcano")))
            api.wait_for(sent_count(1), TIMEOUT)
            first = api.results()[0]
            rows = first["reply_markup"]["inline_keyboard"]
            data = {button["text"]: button["callback_data"] for row in rows for button in row}
            with api.changed:  # one getUpdates takes both: handled at once
                api.queue(callback_update(data["📄 1"], first))
                api.queue(callback_update(data["📄 2"], first))
            api.wait_for(
                lambda a: any("A5 " in t for t in texts(a)) and any("B5 " in t for t in texts(a)),
                TIMEOUT,
            )
        parts = texts(api)
    tags = ["A" if re.search(r"story A|\bA\d ", part) else "B" for part in parts]
    assert len(parts) >= 4
    assert tags == sorted(tags, key=lambda tag: tag != tags[0]), tags  # one run, then the other


def test_another_instance_polling_is_one_line_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram answers 409 Conflict to getUpdates while another process polls with the
    token; python-telegram-bot retries, and each retry logged a 30-line traceback."""
    conflict = (
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running"
    )
    with FakeBotServer() as server:
        api = server.api
        api.fail("getUpdates", 409, conflict, times=2)
        with running(make_app(server, tmp_path / "state.pickle"), TelegramSettings()):
            api.queue(message_update(text_message("interest rates")))
            api.wait_for(sent_count(1), TIMEOUT)  # polling goes on once the other stops

    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in logged] == [
        f"Telegram refused to give this bot updates ({conflict}): another instance is "
        "polling with this token; stop it"
    ]
    assert "Traceback" not in caplog.text


def test_a_token_revoked_while_serving_stops_the_bot_with_its_state_saved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The token revoked in @BotFather (after a leak): python-telegram-bot ended polling with
    a traceback and left a process that answered no one, never exiting; stopped then, its
    shutdown broke off, the state unsaved."""
    state = tmp_path / "state.pickle"
    with FakeBotServer() as server:
        api = server.api
        app = make_app(server, state)
        serving = running(app, TelegramSettings())
        with pytest.raises(InvalidToken), serving:  # noqa: PT012 (the serving is the test)
            api.queue(message_update(text_message("interest rates")))
            api.wait_for(sent_count(1), TIMEOUT)
            api.fail("getUpdates", 401, "Unauthorized", times=99)
            deadline = time.monotonic() + TIMEOUT
            while app.running and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not app.running, "the bot went on running without updates"

    assert state.exists()  # the state was saved on the way out
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_stop_asked_for_during_the_start_stops_the_bot_once_it_runs(tmp_path: Path) -> None:
    """Ctrl-C while getMe waited: python-telegram-bot's stop_running was forgotten, and
    the bot served on until a second signal stopped it at once."""
    with FakeBotServer() as server:
        app = make_app(server, tmp_path / "state.pickle")
        request_stop(app)  # as the signal handler does
        assert start_failure(app, fails=False) is None  # it stopped by itself
        assert "getUpdates" in server.api.methods()  # once it had started


def test_stopping_while_updates_fail_is_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Stopping, python-telegram-bot calls getUpdates once more to mark the updates in hand
    read; while that fails (the network down, another instance polling) it logged an ERROR
    with a traceback of some 90 lines."""
    conflict = "Conflict: terminated by other getUpdates request"
    with FakeBotServer() as server:
        api = server.api
        with running(make_app(server, tmp_path / "state.pickle"), TelegramSettings()):
            api.fail("getUpdates", 409, conflict, times=99)
            api.wait_for(lambda api: api.methods().count("getUpdates") >= 3, TIMEOUT)

    assert "Traceback" not in caplog.text
    last = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING][-1]
    # the conflict, or a pool still held by the poll the stop cut short
    assert last.startswith("could not tell Telegram, while stopping, which updates were ")
    assert last.endswith("; it may send the last ones again at the next start")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, body: dict[str, Any], secret: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize(
    "path",
    [
        "/newsbot",
        "/news+bot/hook(1)/c++/$x*",  # regex characters: every update got 404
        "/новости",  # not ASCII: Telegram posts it percent-encoded
        "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",  # the same, written encoded
        "/hook%28a%29/%d0%bd",  # encoded as written, in lower case too
    ],
)
def test_webhook_receives_updates_with_the_secret(tmp_path: Path, path: str) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}{path}"
    settings = TelegramSettings(
        mode="webhook",
        webhook_url=hook,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret_token="s3cret_hook",
    )
    with FakeBotServer() as server:
        api: FakeBotAPI = server.api
        with running(make_app(server, tmp_path / "state.pickle"), settings):
            [registered] = api.sent("setWebhook")
            assert registered["url"] == hook
            assert registered["secret_token"] == "s3cret_hook"
            update = message_update(text_message("interest rates"))
            # as registered, and as a client may encode it
            assert post(quote(hook, safe=":/+()$*%"), update, "forged") == 403
            assert post(quote(hook, safe=":/+()$*%"), update, "s3cret_hook") == 200
            assert post(quote(unquote(hook), safe=":/"), update, "s3cret_hook") == 200
            api.wait_for(sent_count(2), TIMEOUT)

        assert "Central bank raises interest rates" in api.sent()[0]["text"]


def test_webhook_secret_never_reaches_the_debug_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """--debug logged setWebhook's parameters, the secret token among them: the secret that
    keeps strangers from posting forged updates to the webhook."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "telegram"):
        caplog.set_level(logging.DEBUG, logger=name)
    port = free_port()
    hook = f"http://127.0.0.1:{port}/newsbot"
    secret = "Hook_Secret-9f2c"
    settings = TelegramSettings(
        mode="webhook",
        webhook_url=hook,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret_token=secret,
    )
    with FakeBotServer() as server:
        with running(make_app(server, tmp_path / "state.pickle"), settings):
            assert post(hook, message_update(text_message("interest rates")), secret) == 200
            server.api.wait_for(sent_count(1), TIMEOUT)
        [registered] = server.api.sent("setWebhook")
        assert registered["secret_token"] == secret  # Telegram still gets it

    assert "setWebhook" in caplog.text  # the call was logged...
    assert "<webhook secret>" in caplog.text
    assert secret not in caplog.text  # ...without the secret
    assert secret.casefold() not in caplog.text.casefold()


# A poll from a Bot API server older than 9.6 (a self-hosted telegram-bot-api): its options
# lack persistent_id, which python-telegram-bot 22.8 requires
UNREADABLE_POLL = {
    "id": "p1",
    "question": "Who wins the quuxfish cup?",
    "options": [{"text": "Zorblax", "voter_count": 0}, {"text": "Blorf", "voter_count": 0}],
    "total_voter_count": 0,
    "is_closed": False,
    "is_anonymous": True,
    "type": "regular",
    "allows_multiple_answers": False,
}


def test_an_update_the_library_cannot_read_is_skipped_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """python-telegram-bot reads getUpdates' answer as a whole: one update it could not read
    failed it, and its polling loop logged the answer (users' messages) at CRITICAL and asked
    for the same updates again at once, some 250 times a second, for good: no later update
    was handled."""
    with FakeBotServer() as server:
        api = server.api
        with running(make_app(server, tmp_path / "state.pickle"), TelegramSettings()):
            with api.changed:  # in one answer: the poll spoilt its readable neighbours too
                asked = api.queue(message_update(text_message("volcano before the poll")))
                poll = api.queue(message_update({**text_message("x"), "poll": UNREADABLE_POLL}))
            api.wait_for(sent_count(1), TIMEOUT)
            api.queue(message_update(text_message("Why did the volcano erupt?")))
            api.wait_for(sent_count(2), TIMEOUT)
            polled = len(api.sent("getUpdates"))

    assert asked < poll
    assert polled < 20  # not asked again and again
    offsets = [int(p.get("offset") or 0) for p in api.sent("getUpdates")]
    assert poll + 1 in offsets  # Telegram was told it is handled
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        f"skipped update {poll} (message): python-telegram-bot {TG_VERSION} cannot read it "
        "(TypeError: `persistent_id` is a required argument since Bot API 9.6); the Bot API "
        "server and python-telegram-bot speak different versions of the API: update the "
        "older one"
    ]
    for words in ("quuxfish", "Zorblax", "volcano"):
        assert words not in caplog.text  # the users' messages are theirs
    assert "Traceback" not in caplog.text


def test_an_update_the_webhook_cannot_read_is_logged_without_its_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """python-telegram-bot's webhook server refuses an update it cannot read (Telegram gets
    400) and logged it whole, at CRITICAL, with a traceback."""
    port = free_port()
    hook = f"http://127.0.0.1:{port}/newsbot"
    settings = TelegramSettings(
        mode="webhook",
        webhook_url=hook,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret_token="s3cret_hook",
    )
    server = FakeBotServer()
    with server, running(make_app(server, tmp_path / "state.pickle"), settings):
        poll = message_update({**text_message("x"), "poll": UNREADABLE_POLL})
        assert post(hook, poll, "s3cret_hook") == 400
        # probe, 29th session: bodies no Bot API server sends were CRITICAL, and "{}" was
        # blamed on the API's versions
        for body in ([], "quuxfish", None, {}):
            assert post(hook, body, "s3cret_hook") == 400
        assert post(hook, message_update(text_message("volcano")), "s3cret_hook") == 200
        server.api.wait_for(sent_count(1), TIMEOUT)

    # one WARNING naming the update, as polling says it (it had been CRITICAL, unnamed)
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert {r.levelname for r in logged} == {"WARNING"}
    lines = [r.getMessage() for r in logged]
    assert lines[0] == (
        f"skipped update {poll['update_id']} (message): python-telegram-bot {TG_VERSION} "
        "cannot read it (TypeError: `persistent_id` is a required argument since Bot API "
        "9.6); the Bot API server and python-telegram-bot speak different versions of the "
        "API: update the older one"
    )
    not_updates = [("a JSON list", "Attribute"), ("a JSON string", "Attribute"),
                   ("a JSON null", "Attribute"), ("empty", "Type")]  # fmt: skip
    assert len(lines) == 1 + len(not_updates)
    for line, (kind, error) in zip(lines[1:], not_updates, strict=True):
        assert line.startswith(
            f"skipped update None ({kind}): not a Bot API update, which python-telegram-bot "
            f"{TG_VERSION} cannot read ({error}Error: "
        )
    assert "quuxfish" not in caplog.text
    assert "Traceback" not in caplog.text


def test_live_news_refresh_and_alert_over_http(tmp_path: Path, feed_server: Any) -> None:
    """The bot as `newsbot run` wires it: a real feed on 127.0.0.1, the real refresher and news
    desk; a chat follows a topic, an admin refreshes, the alert arrives over HTTP once."""
    from bot.__main__ import _open_backend, _refresher, open_news
    from bot.config import load_settings
    from bot.telegram_news import NewsDesk
    from tests.fake_bot_api import USER
    from tests.feed_server import rss

    page = feed_server.route(
        "/volcano",
        b"<html><head><title>Volcano erupts near Grindavik</title></head><body><article>"
        b"<h1>Volcano erupts near Grindavik</h1><p>Lava from the volcano flowed toward the "
        b"fishing town of Grindavik on Sunday, and the authorities evacuated its residents."
        b"</p><p>Scientists said the eruption could last for weeks, and the defensive walls "
        b"held back most of the lava.</p></article></body></html>",
    )
    # its first read that brings stories is its backlog, alerted to no one
    older = {"title": "Harbour reopens", "guid": "h1", "description": "The harbour reopened."}
    feed_server.route("/feed.xml", rss([older]))
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "seed.md").write_text("# Museum reopens\n\nThe museum reopened.\n")
    config = tmp_path / "config.toml"
    config.write_text(
        '[corpus]\npaths = ["corpus"]\ndata_dir = "data"\n'
        f"[telegram]\nadmin_ids = [{USER['id']}]\nthrottle_per_minute = 0\n"
        f'[[feeds]]\nurl = "{feed_server.url("/feed.xml")}"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    news = open_news(settings, create=True)
    assert news is not None
    bot = NewsBot(
        _open_backend(settings, quiet=True),
        settings.telegram,
        desk=lambda b: NewsDesk(b, news, settings.news, _refresher(settings)),
    )
    with FakeBotServer() as server:
        api = server.api
        app = build_application(bot, TOKEN, base_url=server.base_url)
        with running(app, settings.telegram):
            api.queue(message_update(text_message("/follow volcano lava")))
            api.wait_for(sent_count(1), TIMEOUT)
            api.queue(message_update(text_message("/refresh")))
            api.wait_for(sent_count(2), TIMEOUT)
            story = {"title": "Volcano erupts near Grindavik", "link": page}
            feed_server.route("/feed.xml", rss([story, older]))
            api.queue(message_update(text_message("/refresh")))
            api.wait_for(lambda a: any("New on" in str(p["text"]) for p in a.sent()), TIMEOUT)
            api.queue(message_update(text_message("lava Grindavik")))
            api.wait_for(
                lambda a: any(str(p["text"]).startswith("1. <b>Volcano") for p in a.sent()),
                TIMEOUT,
            )
    news.close()
    texts = [str(p["text"]) for p in api.sent()]
    assert texts[0].startswith("Following “volcano lava”")
    alerts = [t for t in texts if t.startswith("<i>New on “volcano lava”</i>")]
    assert len(alerts) == 1
    assert "Volcano erupts near Grindavik" in alerts[0]
    assert "defensive walls" in alerts[0] or "Lava" in alerts[0]
    commands = [c["command"] for c in api.sent("setMyCommands")[0]["commands"]]
    assert {"follow", "following", "unfollow", "feeds"} <= set(commands)


# A failed start raises to `newsbot run`, which says it in one line: python-telegram-bot's own
# record of it, with some 50 lines of traceback, is for --debug (the telegram logger at DEBUG).


@pytest.mark.parametrize("debug", [False, True], ids=["quiet", "debug"])
def test_a_rejected_token_stops_the_start_without_a_logged_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, debug: bool
) -> None:
    if debug:
        caplog.set_level(logging.DEBUG, logger="telegram")
    with FakeBotServer() as server:
        server.api.fail("getMe", 401, "Unauthorized", times=99)
        error = start_failure(make_app(server, tmp_path / "state.pickle"))

    assert isinstance(error, InvalidToken)
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    if debug:
        [record] = logged
        assert record.exc_info is not None
        assert "InvalidToken" in caplog.text  # the traceback...
        assert TOKEN not in caplog.text  # ...without the token its message names
    else:
        assert logged == []


@pytest.mark.parametrize("debug", [False, True], ids=["quiet", "debug"])
def test_an_unreachable_bot_api_stops_the_start_without_a_logged_traceback(
    caplog: pytest.LogCaptureFixture, debug: bool
) -> None:
    if debug:
        caplog.set_level(logging.DEBUG, logger="telegram")
    bot = NewsBot(Backend(FakeSearcher(), FakeInfo()), TelegramSettings(throttle_per_minute=0))
    app = build_application(bot, TOKEN, base_url=f"http://127.0.0.1:{free_port()}/bot")

    error = start_failure(app)

    assert isinstance(error, NetworkError)
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == (1 if debug else 0)
    assert ("Traceback" in caplog.text) is debug
