"""Live news on Telegram: refreshing feeds while serving, alerts, and feed administration.

- Every minute a job looks for feeds whose interval has passed; their new articles go into the
  news store and the index catches up (new segments, in a thread) while the bot keeps
  answering from the library it has; then the new library is swapped in.
- /follow QUERY saves a query for the chat (the same operators as questions). After each
  refresh, new articles that match a followed query well enough are sent to the chat once,
  every one of them, ALERT_HITS to a message; each follow's cursor marks what it was checked
  for, so an alert that failed for a while (network, 5xx, flood control) or a refresh that
  failed goes with the next refresh. /following lists the chat's queries, /unfollow N
  removes one. A chat that blocked the bot loses its follows. A chat under flood control
  (Telegram's 429) gets its alerts with the first refresh after its wait: the other chats'
  alerts, and the reply to /refresh, do not wait with it.
- /feeds lists the feeds and how their last read went; admins add and remove feeds with
  /addfeed URL [NAME] and /removefeed URL|NAME (feeds in the config file stay in the config).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import threading
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.answer import (
    Reply,
    build_reply,
    format_day,
    render_facts_html,
    render_html,
    small_talk,
    typed_echo,
)
from bot.config import NewsSettings
from retrieval.analysis import Analyzer
from retrieval.articles import (
    CorpusError,
    Hit,
    in_words,
    normalize_space,
    normalize_url,
    url_key,
)
from retrieval.db import Follow, NewsDB, StoreError
from retrieval.feedspec import FeedError, check_url, feed_labels, public_url
from retrieval.ingest import STOP, IngestReport, stored_feeds
from retrieval.query import ParsedQuery, example_source, parse_query
from retrieval.search import Searcher, names_source, unknown_source

if TYPE_CHECKING:
    from bot.telegram_app import Backend, NewsBot, Target

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

COMMANDS: Final = (
    ("follow", "Get new stories on a topic: /follow QUERY"),
    ("following", "The topics this chat follows"),
    ("unfollow", "Stop following: /unfollow NUMBER"),
    ("feeds", "The news feeds I read"),
)
ADMIN_COMMANDS: Final = ("addfeed", "removefeed", "refresh")
TICK_SECONDS = 60  # how often the job looks for feeds that are due
ALERT_HITS = 5  # new stories per alert message (more go in more messages)
ALERT_MESSAGES = 3  # alert messages per follow and refresh; the last one counts the rest
# a story published more than this many days before the refresh that brings it is no news
# (an added feed's backlog, an archive page read late); undated stories are alerted
ALERT_MAX_AGE_DAYS = 7

FOLLOW_USAGE = "Put what to follow after the command, e.g. /follow {example}"
FOLLOWING = (
    "Following “{query}”. New stories that match come here. /following lists, /unfollow stops."
)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # what every indexed word holds (retrieval.analysis)
FOLLOW_NO_WORDS = (
    "“{query}” has no words to match stories by; follow a few words, a name or a place, "
    "e.g. /follow {example}"
)
FOLLOW_SMALL_TALK = (
    "“{query}” is no topic to follow; follow a few words, a name or a place, e.g. /follow {example}"
)
FOLLOW_COMMON_WORDS = (
    "“{query}” is only common words, which match no story by themselves; to follow them "
    'as a phrase, put them in quotes: /follow "{words}"'
)
# the example is the library's own biggest source (`example_source`): a fixed
# "source:reuters" had been suggested of libraries without Reuters
FOLLOW_NO_SOURCE_NAME = "source: needs a name, like {example}."
FOLLOW_NO_SOURCE_NAME_BARE = "source: needs a name: a source of the stories here."

_EMPTY_SOURCE = re.compile(r"(?<!\S)source:\s*$", re.IGNORECASE)  # "flood source:"
FOLLOW_TOO_LONG = "Keep what you follow under {limit} characters: a few words, a name, a place."
MAX_FOLLOW_CHARS = 200
FOLLOW_LIMIT = "This chat follows as many topics as it may ({limit}); /unfollow one first."
FOLLOW_EXISTS = "This chat already follows “{query}”."
FOLLOW_EXISTS_ELSEWHERE = (
    "This chat already follows “{query}”, in {where}, and its alerts go there; to have them "
    "here, /unfollow it and /follow it again here."
)
FOLLOW_NO_SOURCE = "Follow a source once it has stories here (/sources lists them)."
FOLLOW_PAST = (
    "Alerts are for stories from the last {days} days, and before:{before} leaves all of them "
    "out; follow without it."
)
FOLLOW_FUTURE = (
    "since:{since} is still to come: the follow would stay silent until then; follow without it."
)
NO_FOLLOWS = "This chat follows nothing yet. /follow QUERY sends new stories on a topic."
UNFOLLOW_USAGE = "Say which one: /unfollow NUMBER (see /following)."
UNFOLLOWED = "Stopped following “{query}”."
NOT_FOLLOWED = "This chat does not follow that; /following lists what it follows."
# the same "/unfollow N" sent twice in a row (a double tap, a resend on a bad connection)
# would stop the follow that moved up to number N as well
UNFOLLOW_REPEATED = (
    "“{query}” was stopped a moment ago and the follows after it moved up a number: "
    "/following lists them now. Send /unfollow {number} again to stop what is {number} now."
)
UNFOLLOW_REPEAT_SECONDS = 120.0
UNFOLLOW_GONE = "“{query}” was stopped a moment ago; /following lists what this chat follows."
UNFOLLOWED_MANY = "Stopped following {queries}."
UNFOLLOW_REPEATED_MANY = (
    "{queries} were stopped a moment ago and the follows after them moved up: /following "
    "lists them now. Send /unfollow {numbers} again to stop what those numbers are now."
)
UNFOLLOW_GONE_MANY = "{queries} were stopped a moment ago; /following lists what this chat follows."
ALERT_NOTE = "New on “{query}”"
ALERT_MORE = "…and {count} more new stories match; ask “{query}” to see them."
NO_FEEDS = "I read no news feeds; admins add one with /addfeed URL."
ADDFEED_USAGE = "Usage: /addfeed URL [NAME], e.g. /addfeed https://example.org/rss.xml Example News"
EDIT_NOT_RUN = "An edited {command} does not run again; send it as a new message."
FEED_ADDED = "Added {name}; reading it now."
FEED_FAILED = "{feed} could not be read: {reason}. /removefeed it if it is no feed."
FEED_KNOWN = "I read that feed already."
REMOVEFEED_USAGE = "Usage: /removefeed URL or NAME (see /feeds)."
FEED_REMOVED = "Removed {name}; its articles stay until retention prunes them."
FEED_IN_CONFIG = "That feed is in the config file; remove it there and restart."
NO_SUCH_FEED = "I read no feed by that URL or name; see /feeds."
REFRESH_BUSY = "A refresh is already running."
STOP_CHECK_SECONDS = 0.5  # how often a refresh under way looks whether the bot stops
STORE_BUSY = "The news store is busy (another newsbot is writing to it); try again in a minute."
STORE_TROUBLE = "The news store cannot be used just now; the bot's log says why. Try again later."
REFRESHED = "Refreshed: {summary}."


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh did, and the new backend when the library changed."""

    report: IngestReport
    backend: Backend | None


Refresher = Callable[[bool], Refreshed]  # due_only -> what happened (runs in a thread)
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
Say = Callable[[str], Awaitable[None]]
Audience = tuple[int, int | None]  # a chat and its forum topic: who reads a follow's alerts


def _alert_reply(
    query: str, hits: Sequence[Hit], first: int, size: int, index: int, count: int
) -> Reply:
    """Alert message `index` of `count` for a follow: `size` hits from number `first`; the
    last one says how many more match."""
    note = ALERT_NOTE.format(query=query)
    if count > 1:
        note += f" ({index + 1}/{count})"
    untold = len(hits) - (first - 1 + size)
    if index == count - 1 and untold > 0:
        note += "\n" + ALERT_MORE.format(count=untold, query=query)
    return build_reply(query, hits[first - 1 : first - 1 + size], note=note)


def _alert_sizes(query: str, hits: Sequence[Hit]) -> list[int]:
    """How many hits each alert message shows: ALERT_HITS at most, and fewer when they would
    not fit one Telegram message (long headlines and passages: the third message had been
    split into a fourth, over ALERT_MESSAGES); at most ALERT_MESSAGES messages."""
    sizes: list[int] = []
    first = 1
    while first <= len(hits) and len(sizes) < ALERT_MESSAGES:
        size = min(ALERT_HITS, len(hits) - first + 1)
        # measured with the longest numbering ("(3/3)") and, on the last, the count of the rest
        while size > 1:
            last = len(sizes) == ALERT_MESSAGES - 1
            reply = _alert_reply(
                query, hits, first, size, len(sizes), len(sizes) + 1 if last else ALERT_MESSAGES
            )
            if len(render_html(reply, first=first)) == 1:
                break
            size -= 1
        sizes.append(size)
        first += size
    return sizes


class NewsDesk:
    """Feeds, refreshes and alerts for a NewsBot."""

    def __init__(
        self,
        bot: NewsBot,
        db: NewsDB,
        settings: NewsSettings,
        refresher: Refresher,
        *,
        today: Callable[[], date] = date.today,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.db = db
        self.settings = settings
        self.refresher = refresher
        self.today = today
        self.clock = clock
        self.configured = {feed.url for feed in settings.feeds}
        self.refreshes = 0
        self.alerts_sent = 0
        self._alerting = asyncio.Lock()
        self._ticking = False
        self._flooded: dict[int, float] = {}  # chat -> when (clock) its flood control ends
        # chat -> (numbers typed, queries stopped, when): its last /unfollow by number
        self._unfollowed: dict[int, tuple[str, str, float]] = {}
        self._unfollowing: dict[int, asyncio.Lock] = {}  # chat -> its /unfollow under way
        self.stopping = threading.Event()  # set once the bot stops: a refresh ends at once

    def commands(self) -> list[tuple[str, Handler]]:
        """The desk's commands and their handlers, for NewsBot.register."""
        handlers: list[tuple[str, Handler]] = [
            ("follow", self.on_follow),
            ("following", self.on_following),
            ("unfollow", self.on_unfollow),
            ("feeds", self.on_feeds),
            ("addfeed", self.on_addfeed),
            ("removefeed", self.on_removefeed),
            ("refresh", self.on_refresh),
        ]
        return [(name, self._store_guarded(name, handler)) for name, handler in handlers]

    def _store_guarded(self, name: str, handler: Handler) -> Handler:
        """The handler, telling the chat in one line when the news store cannot be used: a
        separate `newsbot ingest` holds its write lock for half a minute and more, and a
        /follow then ended, after 5 s, in the generic apology and a traceback in the log (a
        refresh says the same StoreError in one line)."""

        async def guarded(update: Update, context: Context) -> None:
            try:
                await handler(update, context)
            except StoreError as exc:
                message = update.effective_message
                chat = message.chat_id if message is not None else "?"
                log.warning("/%s in chat %s not done: %s", name, chat, exc)
                if message is not None:
                    from bot.telegram_app import Target

                    text = STORE_BUSY if _is_locked(exc) else STORE_TROUBLE
                    await self._say(context, Target.of(message), text)

        return guarded

    def start(self, app: Any) -> None:
        """Schedule the refresh job (the first run soon after start). A tick that comes while
        the last one still runs (a slow feed: up to feed_budget_seconds each) returns at once
        (_tick): APScheduler's own skip had logged, every minute, a WARNING that "maximum
        number of running instances" was reached, which reads as a fault."""
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                self._tick, interval=TICK_SECONDS, first=5, job_kwargs={"max_instances": 2}
            )

    # refreshing

    async def _tick(self, context: Context) -> None:
        if self._ticking:  # the last tick's refresh goes on; the next tick will do
            log.debug("refresh tick skipped: the last one is still running")
            return
        self._ticking = True
        try:
            await self.refresh(context, due_only=True)
        finally:
            self._ticking = False

    async def refresh(
        self, context: Context, *, due_only: bool, feed: str | None = None, say: Say | None = None
    ) -> str:
        """Read the due (or all) feeds in a thread, swap the updated library in, then send
        alerts; returns what to tell an admin, and with `say` tells it before the alerts: a
        chat under flood control had held the reply to /refresh up for its retry_after (40 s
        and more). The bot answers from the old library meanwhile; one refresh at a time.
        With `feed` (a URL just added), why that feed failed, if it did, is said too: "1
        failed" alone had not said which feed, nor why."""
        said, served = await self._read(due_only, feed, context.application)
        if say is not None:
            await say(said)
        if served is None:
            return said
        try:
            await self.send_alerts(context, served)
        except StoreError as exc:  # the cursors stay: the next refresh tries again
            log.warning("alerts not sent: %s", exc)
            log.debug("alerts not sent", exc_info=exc)
        return said

    async def _read(self, due_only: bool, feed: str | None, app: Any) -> tuple[str, int | None]:
        """Read the feeds and swap the new library in (refresh); what to say, and the last
        change the library serves (None: the refresh failed, or another one runs)."""
        lock = self.bot.reload_lock
        if lock.locked():
            return REFRESH_BUSY, None
        async with lock:
            try:
                done = await self._refreshed(due_only, app)
            except StoreError as exc:  # locked, full, damaged: the message says it all
                log.warning("refresh failed: %s; still answering from the old library", exc)
                log.debug("refresh failed", exc_info=exc)  # the traceback, with --debug
                return f"Refresh failed: {exc}", None
            except CorpusError as exc:  # no article left (retention emptied the store)
                log.warning("refresh failed: %s; still answering from the old library", exc)
                log.debug("refresh failed", exc_info=exc)
                return f"Refresh failed: {exc}", None
            except Exception as exc:  # a refresh must never take the bot down
                # what it stored alerts with the next refresh that works: no cursor moved
                log.warning("refresh failed; still answering from the old library", exc_info=exc)
                return f"Refresh failed: {exc}", None
            self.refreshes += 1
            if done.report.feeds:
                log.info("refresh: %s", done.report.summary())
            # a feed that starts failing is a WARNING, once: at INFO every interval, an
            # operator who watches warnings never saw a feed go; later reads stay at INFO
            rows = await asyncio.to_thread(stored_feeds, self.db) if done.report.failed else {}
            for where, reason in done.report.failed:  # a feed's address without its secrets
                # a feed's address alone; "<feed> item <link>" names its feed already
                address = where.startswith(("http://", "https://")) and " " not in where
                shown = public_url(where) if address else where
                row = rows.get(normalize_url(where)) if address else None  # an item: no row
                level = logging.WARNING if row is not None and row.failures == 1 else logging.INFO
                log.log(level, "refresh: %s: %s", shown, reason)
            if done.backend is not None:
                self.bot.swap(done.backend)
            served = await asyncio.to_thread(self.db.last_seq)  # the library holds these
        said = REFRESHED.format(summary=done.report.summary())
        failed = [
            reason for where, reason in done.report.failed if feed is not None and where == feed
        ]
        if failed and feed is not None:
            said += "\n" + FEED_FAILED.format(feed=public_url(feed), reason=failed[0])
        return said, served

    async def _refreshed(self, due_only: bool, app: Any) -> Refreshed:
        """The refresher's work, in a thread, ended early once the application stops
        (`stopping`, seen by ingest_feeds through ingest.STOP, which asyncio.to_thread carries
        into the thread): python-telegram-bot's stop waits for this job, and SIGTERM had
        waited a whole refresh (a minute and more) before the bot stopped."""
        token = STOP.set(self.stopping)
        try:
            work = asyncio.ensure_future(asyncio.to_thread(self.refresher, due_only))
        finally:
            STOP.reset(token)  # the task took its copy of the context
        running = app.running
        while not work.done():
            await asyncio.wait([work], timeout=STOP_CHECK_SECONDS)
            if running and not app.running:  # python-telegram-bot's stop has begun
                self.stopping.set()
        return work.result()

    async def send_alerts(self, context: Context, until: int) -> None:
        """Each follow's matching new stories since its cursor (up to the change `until`),
        once, every one of them: ALERT_HITS to a message, numbered on. A story is one group
        of copies (retrieval.db): a copy of a story the chat (its forum topic) was alerted to,
        by any of its follows there, is not alerted again. A follow whose alert failed for a
        while (the network, a 5xx, flood control) keeps its cursor: the next refresh tries
        again. A chat under flood control is left alone until its wait is over (its follows
        keep their cursors), and its alert does not wait in line: the other chats get theirs
        now."""
        async with self._alerting:  # two rounds at once would alert the same stories twice
            follows = await asyncio.to_thread(self.db.follows)
            cursors = {f.cursor for f in follows if f.cursor < until}
            if not cursors:
                return
            pending = {
                cursor: await asyncio.to_thread(self.db.alertable_since, cursor, until)
                for cursor in cursors
            }
            keys = {key for found in pending.values() for key in found}
            backend = self.bot.backend
            groups = await asyncio.to_thread(self.db.story_groups, keys)
            numbers = await asyncio.to_thread(_numbers_by_key, backend, set(groups))
            told: dict[Audience, set[object]] = {}  # the stories alerted to each in this round
            known: dict[Audience, set[int]] = {}  # the story groups each was ever alerted to
            oldest = self.today() - timedelta(days=ALERT_MAX_AGE_DAYS)  # older: no news
            for follow in follows:
                if follow.cursor >= until or self._under_flood(follow.chat_id):
                    continue  # under flood control: its cursor waits for the next refresh
                audience = (follow.chat_id, follow.thread_id)
                keep = False
                try:
                    if audience not in known:
                        # Any follow's: "oil" was alerted to a story that "gas" also matched
                        # (left out by `told`), and Beta's copy of it came a refresh later:
                        # "gas" alerted it, the chat had it twice
                        mates = [f.id for f in follows if (f.chat_id, f.thread_id) == audience]
                        known[audience] = await asyncio.to_thread(self._alerted, mates)
                    alerted = known[audience]
                    only = frozenset(
                        numbers[k]
                        for k in pending[follow.cursor]
                        if k in numbers and groups[k] not in alerted
                    )
                    hits: Sequence[Hit] = ()
                    if only:
                        hits = await asyncio.to_thread(self._matches, backend, follow, only)
                    hits = [h for h in hits if _is_news(h, oldest)]
                    # a story once a chat and topic, though two of its follows match it; a
                    # forum's topics are audiences apart: keyed by the chat alone, topic 9's
                    # "gas" missed the story topic 7's "oil prices" had got
                    seen = told.setdefault(audience, set())
                    hits = [h for h in hits if not _story_keys(h, groups) & seen]
                    seen.update(key for h in hits for key in _story_keys(h, groups))
                    await self._alert(context, follow, hits, groups)
                except Exception as exc:  # one chat's trouble must not cost the others theirs
                    keep = _is_transient(exc)
                    if isinstance(exc, RetryAfter):
                        self._flooded[follow.chat_id] = self.clock() + retry_seconds(exc)
                    await self._alert_failed(follow, exc, retry=keep)
                if not keep:
                    await asyncio.to_thread(self.db.advance_follow, follow.id, until)

    def _alerted(self, follow_ids: list[int]) -> set[int]:
        """The story groups any of these follows was alerted to."""
        return {group for follow_id in follow_ids for group in self.db.alerted_groups(follow_id)}

    def _under_flood(self, chat_id: int) -> bool:
        """Whether Telegram asked to wait before sending to this chat, and the wait goes on."""
        until = self._flooded.get(chat_id)
        if until is None:
            return False
        if self.clock() < until:
            return True
        del self._flooded[chat_id]
        return False

    def _matches(self, backend: Backend, follow: Follow, numbers: frozenset[int]) -> Sequence[Hit]:
        """Every one of these articles that matches the follow well enough, best first."""
        result = backend.searcher.search(
            follow.query,
            len(numbers),
            as_of=self.today(),
            only=numbers,
            min_relevance=self.settings.alert_min_relevance,
        )
        return result.hits

    async def _alert(
        self, context: Context, follow: Follow, hits: Sequence[Hit], groups: dict[str, int]
    ) -> None:
        """Send the hits, ALERT_HITS to a message, at most ALERT_MESSAGES messages (a broad
        follow after a big refresh must not flood the chat: the last one says how many more
        match, and they count as told); each message's stories are noted as alerted once it
        is delivered. Stops at a message not delivered."""
        sizes = _alert_sizes(follow.query, hits)
        first = 1
        for index, size in enumerate(sizes):
            chunk = hits[first - 1 : first - 1 + size]
            told = chunk
            if index == len(sizes) - 1:
                told = hits[first - 1 :]  # the rest count as told, as the note says
            messages = render_html(
                _alert_reply(follow.query, hits, first, size, index, len(sizes)), first=first
            )
            if not await self._send_alert(context, follow, messages):
                return
            story = {groups[h.article.id] for h in told if h.article.id in groups}
            await asyncio.to_thread(self.db.note_alerted, follow.id, story)
            first += size

    async def _send_alert(self, context: Context, follow: Follow, messages: list[str]) -> bool:
        """Send one alert message; whether it was delivered."""
        from bot.telegram_app import Target

        target = Target(follow.chat_id, follow.thread_id)
        # flood control (429) raises RetryAfter at once: send_alerts leaves the chat for later
        sent = await self.bot.send(context, target, messages, flood_wait=False)
        if self.bot.topic_gone(follow.chat_id, follow.thread_id):  # the chat's alerts go to it
            count = await asyncio.to_thread(self.db.forget_topic, follow.chat_id, follow.thread_id)
            log.info(
                "topic %s of chat %s is gone: its %d follow(s) alert in the chat",
                follow.thread_id,
                follow.chat_id,
                count,
            )
        moved = self.bot.moved_to(follow.chat_id)
        if moved is not None:
            count = await asyncio.to_thread(self.db.move_chat, follow.chat_id, moved)
            log.info("chat %s is now %s: moved its %d follow(s)", follow.chat_id, moved, count)
        if sent is None and self.bot.is_blocked(moved or follow.chat_id):
            removed = await asyncio.to_thread(self.db.remove_chat, moved or follow.chat_id)
            log.info("chat %s blocked the bot: dropped its %d follow(s)", follow.chat_id, removed)
        if sent is None:
            return False
        self.alerts_sent += 1
        return True

    async def _alert_failed(self, follow: Follow, error: Exception, *, retry: bool) -> None:
        """Log a follow's failed alert; a chat Telegram no longer knows loses its follows."""
        if retry:
            log.warning(
                "alert for chat %s not sent (%s); trying again after the next refresh",
                follow.chat_id,
                error,
            )
        elif isinstance(error, BadRequest) and "chat not found" in str(error).lower():
            removed = await asyncio.to_thread(self.db.remove_chat, follow.chat_id)
            log.info("chat %s is gone: dropped its %d follow(s)", follow.chat_id, removed)
        elif isinstance(error, TelegramError):
            log.warning("alert for chat %s not sent: %s", follow.chat_id, error)
        else:
            log.warning("alert for chat %s failed", follow.chat_id, exc_info=error)

    # follows

    async def on_migrate(self, update: Update, context: Context) -> None:
        """A group became a supergroup (Telegram says so in both chats): its follows move to
        the new id, where /following and /unfollow look for them. Until now they moved only
        when an alert to the old id failed, and a follow made again in the supergroup
        meanwhile was a second one: every story alerted twice. With `allowed_chats`, the
        gate (NewsBot.on_gate) has let the supergroup in when it let the group in; a
        migration it stops moves nothing."""
        from bot.telegram_app import migration

        message = update.effective_message
        moved = migration(message) if message is not None else None
        if moved is None:
            return
        old, new = moved
        count = await asyncio.to_thread(self.db.move_chat, old, new)
        if count:
            log.info("chat %s is now %s: moved its %d follow(s)", old, new, count)

    async def on_follow(self, update: Update, context: Context) -> None:
        """/follow QUERY: alerts for new stories that match QUERY in this chat."""
        target, rest = await self._command(update, context)
        if target is None or await self._edited(update, context, target):
            return
        rest = normalize_space(rest)  # as the store keeps it: invisible characters are none
        if len(rest) > MAX_FOLLOW_CHARS:  # counted as kept: runs of spaces are one
            await self._say(context, target, FOLLOW_TOO_LONG.format(limit=MAX_FOLLOW_CHARS))
            return
        if not rest:
            example = self.bot.example()
            await self._say(context, target, FOLLOW_USAGE.format(example=example))
            return
        parsed = parse_query(rest, self.today())
        if parsed.errors:
            await self._say(context, target, " ".join(parsed.errors))
            return
        # "***", "🙂": no letter or digit, so no word a search looks up; it would never match.
        # "-volcano" alone only leaves stories out: every other story would match
        names_some = parsed.sources or parsed.phrases or parsed.since or parsed.before
        if not names_some and not _LETTER_OR_DIGIT.search(parsed.text):
            example = self.bot.example()
            await self._say(context, target, FOLLOW_NO_WORDS.format(query=rest, example=example))
            return
        if small_talk(rest) is not None:  # "/follow hi" had alerted "hi-tech" stories
            example = self.bot.example()
            await self._say(context, target, FOLLOW_SMALL_TALK.format(query=rest, example=example))
            return
        # "The Who", "the of and": every word a stopword, so no term to look up; it was
        # followed and never alerted, while "The Who" quoted (a phrase) finds the band
        if not names_some and not self._terms(parsed.text):
            words = parsed.text.replace('"', "")
            text = FOLLOW_COMMON_WORDS.format(query=rest, words=words)
            await self._say(context, target, text)
            return
        if _EMPTY_SOURCE.search(rest):  # "flood source:" was followed as "flood"
            counts = await asyncio.to_thread(self.bot.backend.info.source_counts)
            named = example_source(name for name, _ in counts)
            hint = FOLLOW_NO_SOURCE_NAME.format(example=named) if named else None
            await self._say(context, target, hint or FOLLOW_NO_SOURCE_NAME_BARE)
            return
        if (problem := await self._never_alerts(parsed)) is not None:
            await self._say(context, target, problem)
            return
        mine = await asyncio.to_thread(self.db.follows, target.chat_id)
        # the same search, however typed: "Oil!" and "oil." had been two more follows of
        # "oil", each alerting the same stories and counting against the limit
        key = self._follow_key(rest)
        same = [f for f in mine if self._follow_key(f.query) == key]
        if same and same[0].thread_id != target.thread_id:
            # a chat follows a query once (retrieval.db), in the topic it was made in: a
            # forum's other topic had been told "already follows" and got none of its alerts
            where = _topic_name(same[0].thread_id)
            await self._say(
                context, target, FOLLOW_EXISTS_ELSEWHERE.format(query=same[0].query, where=where)
            )
        elif same:
            await self._say(context, target, FOLLOW_EXISTS.format(query=same[0].query))
        elif len(mine) >= self.settings.max_follows:
            await self._say(context, target, FOLLOW_LIMIT.format(limit=self.settings.max_follows))
        else:
            await asyncio.to_thread(
                partial(self.db.add_follow, target.chat_id, rest, thread_id=target.thread_id)
            )
            await self._say(context, target, FOLLOWING.format(query=rest))

    async def _followed(self, target: Target, typed: str) -> str:
        """The chat's follow that `typed` names as /follow would take it ("Oil Prices!" is
        "oil prices"; quoted as the bot's reply quotes it, “oil prices”, too), as stored; else
        `typed` (no follow has it)."""
        mine = await asyncio.to_thread(self.db.follows, target.chat_id)
        typed = typed.strip()
        # the bot's own quoting first: “oil prices” is the follow oil prices (a follow of
        # the phrase "oil prices" is quoted “"oil prices"”)
        ends = typed[0] + typed[-1] if len(typed) > 2 else ""
        texts = [typed]
        if ends == "“”":
            texts = [typed[1:-1], typed]
        elif ends in ('""', "''", "«»"):  # a phrase followed so, else the words
            texts = [typed, typed[1:-1]]
        for text in texts:  # as written (an older store may hold "Oil!" and "oil" both)
            if same := [f for f in mine if f.query.casefold() == text.casefold()]:
                return same[0].query
        for text in texts:  # as /follow takes it
            key = self._follow_key(text)
            if same := [f for f in mine if self._follow_key(f.query) == key]:
                return same[0].query
        return typed

    async def _names_a_follow(self, target: Target, typed: str) -> bool:
        """Whether `typed` is the text of one of the chat's follows (as `_followed` reads it)."""
        named = await self._followed(target, typed)
        mine = await asyncio.to_thread(self.db.follows, target.chat_id)
        return any(follow.query == named for follow in mine)

    def _follow_key(self, query: str) -> tuple[object, ...]:
        """What a follow searches: its terms and filters (case, punctuation and word forms
        aside: "Oil!", "oil." and "oil" are one follow); as typed when it does not parse."""
        parsed = parse_query(query, self.today())
        if parsed.errors:
            return (normalize_space(query).casefold(),)
        return (
            tuple(self._terms(parsed.text)),
            tuple(" ".join(p.casefold().split()) for p in parsed.phrases),
            tuple(sorted(source.casefold() for source in parsed.sources)),
            parsed.since,
            parsed.before,
            tuple(sorted(word.casefold() for word in parsed.excluded)),
        )

    def _terms(self, text: str) -> list[str]:
        """The index terms a search looks up for these words, as the library analyzes them
        (its language's stopwords dropped; "WHO" and "US" in capitals kept)."""
        searcher = self.bot.backend.searcher
        # a test's fake searcher: English, as the default config
        analyzer = searcher.library.analyzer if isinstance(searcher, Searcher) else _english()
        return analyzer.terms(analyzer.question(text))

    async def _never_alerts(self, parsed: ParsedQuery) -> str | None:
        """Why a follow would never bring an alert, or None: a source: no story and no feed
        has (a typo: "reuterz"), a before: older than the stories alerts send, or a since:
        after today (a typo, "2030" for "2023": silent for years, with nothing said)."""
        today = self.today()
        oldest = today - timedelta(days=ALERT_MAX_AGE_DAYS)
        if parsed.before is not None and not parsed.implicit_before and parsed.before <= oldest:
            return FOLLOW_PAST.format(days=ALERT_MAX_AGE_DAYS, before=parsed.before.isoformat())
        if parsed.since is not None and parsed.since > today:
            return FOLLOW_FUTURE.format(since=parsed.since.isoformat())
        if not parsed.sources:
            return None
        counts = self.bot.backend.info.source_counts()
        rows = await asyncio.to_thread(self.db.feeds)  # a feed's stories may be yet to come
        names = [
            *(name for name, _ in counts),
            *(feed.name for feed in self.settings.feeds if feed.name),
            *(row.name for row in rows if row.name),
        ]
        for value in parsed.sources:
            if not names_source(names, value):
                return f"{unknown_source(value, counts)} {FOLLOW_NO_SOURCE}"
        return None

    async def on_following(self, update: Update, context: Context) -> None:
        """/following: the chat's followed queries, numbered; in a forum whose follows are
        not all of this topic, each says where its alerts go (a follow is the chat's, made
        in one topic: another topic's listed it as if its own)."""
        target, _ = await self._command(update, context)
        if target is None:
            return
        mine = await asyncio.to_thread(self.db.follows, target.chat_id)
        if not mine:
            await self._say(context, target, NO_FOLLOWS)
            return
        rows = [(str(n), f.query) for n, f in enumerate(mine, start=1)]
        if any(f.thread_id != target.thread_id for f in mine):
            rows = [
                (number, f"{query} (alerts {_topic_where(f.thread_id, target.thread_id)})")
                for (number, query), f in zip(rows, mine, strict=True)
            ]
        await self.bot.send(context, target, render_facts_html("This chat follows", rows))

    async def on_unfollow(self, update: Update, context: Context) -> None:
        """/unfollow NUMBER (several: "1 3"; or the query itself)."""
        target, rest = await self._command(update, context)
        if target is None or await self._edited(update, context, target):
            return
        if not rest:
            await self._say(context, target, UNFOLLOW_USAGE)
            return
        # one /unfollow of a chat at a time: python-telegram-bot runs updates concurrently,
        # and a double tap's two had each stopped a follow before either was remembered
        lock = self._unfollowing.setdefault(target.chat_id, asyncio.Lock())
        async with lock:
            text = await self._unfollow(target, rest)
        await self._say(context, target, text)

    async def _unfollow(self, target: Target, rest: str) -> str:
        """Stop the follow `rest` names (a number, or its text), or the follows of several
        numbers ("1 2", "1, 3"); the reply."""
        number = rest.strip()
        by_number = number.isascii() and number.isdigit()
        numbers = None if by_number else _several_numbers(number)
        if numbers is not None and not await self._names_a_follow(target, rest):
            return await self._unfollow_numbers(target, numbers)
        last = self._unfollowed.pop(target.chat_id, None)
        if (
            last is not None
            and last[0] == number
            and self.clock() - last[2] < UNFOLLOW_REPEAT_SECONDS
        ):
            # the same number again at once: a repeat, not a wish to stop the next one too
            mine = await asyncio.to_thread(self.db.follows, target.chat_id)
            if int(number) > len(mine):  # nothing moved up to it
                return UNFOLLOW_GONE.format(query=last[1])
            return UNFOLLOW_REPEATED.format(query=last[1], number=number)
        which = rest if by_number else await self._followed(target, rest)
        gone = await asyncio.to_thread(self.db.remove_follow, target.chat_id, which)
        if gone is not None and by_number:
            self._unfollowed[target.chat_id] = (number, gone.query, self.clock())
        return UNFOLLOWED.format(query=gone.query) if gone else NOT_FOLLOWED

    async def _unfollow_numbers(self, target: Target, numbers: list[int]) -> str:
        """Stop the follows of these numbers as /following lists them, at once (one at a
        time, each later number would have named the follow that moved up to it); the
        reply. The same numbers again at once: a repeat, as for one number."""
        key = " ".join(map(str, numbers))
        last = self._unfollowed.pop(target.chat_id, None)
        if last is not None and last[0] == key and self.clock() - last[2] < UNFOLLOW_REPEAT_SECONDS:
            mine = await asyncio.to_thread(self.db.follows, target.chat_id)
            if min(numbers) > len(mine):  # nothing moved up to them
                return UNFOLLOW_GONE_MANY.format(queries=last[1])
            return UNFOLLOW_REPEATED_MANY.format(queries=last[1], numbers=key)
        gone = await asyncio.to_thread(self.db.remove_follows, target.chat_id, numbers)
        if not gone:
            return NOT_FOLLOWED
        queries = _quoted_list([follow.query for follow in gone])
        self._unfollowed[target.chat_id] = (key, queries, self.clock())
        reply = UNFOLLOWED_MANY.format(queries=queries)
        asked = sorted(set(numbers))
        if unlisted := asked[len(gone) :]:  # the numbers past the list: the largest
            which = "number" if len(unlisted) == 1 else "numbers"
            reply += f" No follow is {which} {in_words([str(n) for n in unlisted])}; "
            reply += "/following lists them."
        return reply

    # feeds

    async def on_feeds(self, update: Update, context: Context) -> None:
        """/feeds: each feed, and how its last read went."""
        target, _ = await self._command(update, context)
        if target is None:
            return
        rows_db = await asyncio.to_thread(stored_feeds, self.db)  # by normalized URL
        urls = [feed.url for feed in self.settings.feeds]
        listed = {normalize_url(url) for url in urls}
        urls += [
            row.url
            for key, row in rows_db.items()
            if row.added_by is not None and key not in listed
        ]
        if not urls:
            await self._say(context, target, NO_FEEDS)
            return
        names = {normalize_url(feed.url): feed.name for feed in self.settings.feeds}
        for key, stored in rows_db.items():
            names[key] = names.get(key) or stored.name
        # unnamed: its host and path, the address below (two that would share a label: the
        # address alone)
        labels = feed_labels(url for url in urls if not names.get(normalize_url(url)))
        rows: list[tuple[str, str]] = []
        for url in urls:
            row = rows_db.get(normalize_url(url))
            shown = public_url(url)  # anyone may ask: no password, key or token in it
            name = names.get(normalize_url(url)) or labels[url]
            if row is None or row.last_fetched is None:
                status = "not read yet"
            elif row.last_error:
                status = f"failing since {_when(row.last_ok)}: {row.last_error}"
            else:
                status = f"read {_when(row.last_fetched)}"
            rows.append((name, f"{status}\n{shown}" if name != shown else status))
        await self.bot.send(context, target, render_facts_html(f"{len(urls)} feed(s)", rows))

    async def on_addfeed(self, update: Update, context: Context) -> None:
        """/addfeed URL [NAME] (admins): read a new feed from now on."""
        target, rest = await self._admin_command(update, context)
        if target is None or await self._edited(update, context, target):
            return
        url, _, name = rest.partition(" ")
        if not url:
            await self._say(context, target, ADDFEED_USAGE)
            return
        try:
            url = check_url(url)
        except FeedError as exc:
            said = _without_scheme(url) or typed_echo(str(exc), 300)
            await self._say(context, target, f"{said}\n{ADDFEED_USAGE}")
            return
        rows = await asyncio.to_thread(self.db.feeds)
        # one feed however spelled: case, fragment, tracking, and http or https
        key = url_key(url)
        mine = [url_key(r.url) for r in rows if r.added_by is not None]
        if key in {url_key(u) for u in self.configured} or key in mine:
            await self._say(context, target, FEED_KNOWN)
            return
        wanted = normalize_space(name).casefold()  # as the store compares names
        taken = [
            f.url
            for f in self.settings.feeds
            if wanted and f.name and normalize_space(f.name).casefold() == wanted
        ]
        if taken:  # the store knows a config feed only once it was read: ask the config too
            echo = typed_echo(name, 100)
            shown = public_url(taken[0])  # no password, key or token in a chat
            await self._say(context, target, f"feed name {echo!r} is already used by {shown}")
            return
        user = update.effective_user
        try:
            await asyncio.to_thread(
                self.db.add_feed, url, name.strip() or None, 30, user.id if user else 0
            )
        except ValueError as exc:  # e.g. a name another feed already has
            await self._say(context, target, str(exc))
            return
        await self._say(
            context, target, FEED_ADDED.format(name=typed_echo(name.strip() or public_url(url)))
        )
        await self.refresh(
            context, due_only=True, feed=url, say=partial(self._say, context, target)
        )

    async def on_removefeed(self, update: Update, context: Context) -> None:
        """/removefeed URL|NAME (admins)."""
        target, rest = await self._admin_command(update, context)
        if target is None or await self._edited(update, context, target):
            return
        if not rest:
            await self._say(context, target, REMOVEFEED_USAGE)
            return
        key, name = normalize_url(rest), rest.casefold()  # as remove_feed matches them
        config = [
            f
            for f in self.settings.feeds
            if normalize_url(f.url) == key or (f.name is not None and f.name.casefold() == name)
        ]
        if config:
            await self._say(context, target, FEED_IN_CONFIG)
            return
        removed = await asyncio.to_thread(self.db.remove_feed, rest)
        await self._say(
            context, target, FEED_REMOVED.format(name=typed_echo(rest)) if removed else NO_SUCH_FEED
        )

    async def on_refresh(self, update: Update, context: Context) -> None:
        """/refresh (admins): read every feed now."""
        target, _ = await self._admin_command(update, context)
        if target is None or await self._edited(update, context, target):
            return
        await self.refresh(context, due_only=False, say=partial(self._say, context, target))

    # helpers

    async def _command(self, update: Update, context: Context) -> tuple[Target | None, str]:
        """Where the command's replies go, and what follows it; (None, "") when there is no
        message, or the user is throttled (the bot's per-user throttle: every reply counts)."""
        from bot.telegram_app import Target, _command_rest

        message = update.effective_message
        if message is None or not await self.bot.admit(update, context):
            return None, ""
        return Target.of(message), _command_rest(message)

    async def _admin_command(self, update: Update, context: Context) -> tuple[Target | None, str]:
        """Like _command, but a non-admin is told so and gets (None, "")."""
        from bot.telegram_app import ADMINS_ONLY

        target, rest = await self._command(update, context)
        user = update.effective_user
        if target is not None and (user is None or user.id not in self.bot.settings.admin_ids):
            await self._say(context, target, ADMINS_ONLY)
            return None, ""
        return target, rest

    async def _edited(self, update: Update, context: Context, target: Target) -> bool:
        """Whether the update edits an earlier command message: a command that changes the
        chat's follows or the feeds does not run again (an edited "/unfollow 1" would remove
        the follow that is now first); a short note says so."""
        message = update.edited_message
        if message is None:
            return False
        words = (message.text or "").split(maxsplit=1)
        command = words[0].partition("@")[0] if words else "command"
        await self._say(context, target, EDIT_NOT_RUN.format(command=typed_echo(command, 40)))
        return True

    async def _say(self, context: Context, target: Target, text: str) -> None:
        await self.bot.send(context, target, [text], plain=True)


# a URL's scheme as typed ("mailto:", "file:"), not a host and its port ("example.org:8080")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)


def _without_scheme(typed: str) -> str | None:
    """What to tell an admin whose /addfeed URL has no scheme ("example.org/rss"), or None
    for another fault: the check's own words ended "..., not no scheme", which read as a
    fault of the bot's rather than a hint to put https:// in front."""
    # "http:8080" is a URL whose host is missing: the check's words say so
    if "://" in typed or _SCHEME.match(typed) or typed.lower().startswith(("http:", "https:")):
        return None
    echo = typed_echo(typed, 200)
    try:
        parts = urlsplit("https://" + typed)
        host, port = parts.hostname or "", parts.port
    except ValueError:  # "[::1" and the like: no web address either way
        host, port = "", None
    # a host: a dotted name or IPv4 address, an IPv6 one, localhost, or any name with its
    # port ("localhost:3000/rss" had been "no web address"); a lone word ("not") is none
    if "." in host or ":" in host or host == "localhost" or port is not None:
        return f"{echo!r} has no https:// in front: send /addfeed https://{echo}"
    return f"{echo!r} is no web address: a feed URL starts with https:// (or http://)"


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked to wait (python-telegram-bot 22.2 and later warn that
    `retry_after` will be a timedelta; it is either)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


_ENGLISH: list[Analyzer] = []


def _english() -> Analyzer:
    """The default (English) analyzer, made once."""
    if not _ENGLISH:
        _ENGLISH.append(Analyzer())
    return _ENGLISH[0]


def _topic_name(thread_id: int | None) -> str:
    """A forum topic as a member knows it (the bot is not told topics' names)."""
    return "the General topic" if thread_id is None else "another topic"


def _several_numbers(typed: str) -> list[int] | None:
    """The follow numbers `typed` lists when it lists two or more, apart by spaces, commas or
    "and" ("1 2", "1, 3", "2 and 4"), in the order typed; else None."""
    words = [word for word in re.split(r"[\s,;&]+", typed) if word and word.casefold() != "and"]
    if len(words) < 2 or not all(word.isascii() and word.isdigit() for word in words):
        return None
    return list(dict.fromkeys(int(word) for word in words))


def _quoted_list(queries: Sequence[str]) -> str:
    """Follows' queries quoted as the replies quote one: “a” and “b”."""
    return in_words([f"“{query}”" for query in queries])


def _topic_where(thread_id: int | None, here: int | None) -> str:
    """Where a follow's alerts go, said in the topic `here`."""
    return "here" if thread_id == here else f"in {_topic_name(thread_id)}"


def _is_transient(error: Exception) -> bool:
    """Whether a failed alert may go through later: the Bot API out of reach, timing out,
    failing (5xx) or asking to wait longer than the rate limiter retries; not a refusal."""
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def _is_locked(error: StoreError) -> bool:
    """Whether the store error is another process holding the store's lock (it lets go),
    not a full disk or a damaged file (which wait for the admin)."""
    cause = error.__cause__
    busy = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return isinstance(cause, sqlite3.Error) and cause.sqlite_errorcode & 0xFF in busy


def _numbers_by_key(backend: Backend, keys: set[str]) -> dict[str, int]:
    """The library's number of each of these (live) articles."""
    info = backend.info
    found: dict[str, int] = {}
    for number in info.numbers_of(keys):
        article = info.article(number)
        if article is not None:
            found[article.id] = number
    return found


def _story_keys(hit: Hit, groups: dict[str, int]) -> set[object]:
    """What tells a hit's story apart within one round: its number, its group and its
    headline (two outlets' copies often share it)."""
    keys: set[object] = {hit.number, _headline_key(hit)}
    group = groups.get(hit.article.id)
    if group is not None:
        keys.add(("group", group))
    return keys


def _headline_key(hit: Hit) -> str:
    """A hit's headline as two copies of one story from two outlets often share it."""
    return " ".join(hit.article.headline.casefold().split())


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "the start"
    return f"{format_day(moment.astimezone(UTC).date())} {moment.astimezone(UTC):%H:%M} UTC"


def _is_news(hit: Hit, oldest: date) -> bool:
    """Whether the hit's story is news: published on `oldest` or later, or undated. A feed
    added later brings its backlog, which answers questions but is new to no one."""
    published = hit.article.published
    return published is None or published >= oldest
