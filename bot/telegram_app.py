"""The Telegram face: a python-telegram-bot Application, its handlers, and how it runs.

Behaviour, in short (the README has the user's view):

- A private text message is a question; so is `/ask QUESTION` anywhere. In groups the bot
  answers only when addressed: a command (`/ask@thisbot` too), a message that @mentions it, or a
  reply to one of its messages; it replies in the same forum topic, quoting the question. A
  message forwarded into a group (by a member, or a channel's post Telegram copies into its
  discussion group) is nobody asking, whatever it says, commands included.
- An edited message is answered as a new question (quoting the edit), under the same rules: the
  asker changed the question, so the old answer no longer fits it.
- Stickers, photos and other messages without text get a short hint in private chats and
  silence in groups.
- Buttons under an answer open each result's whole article and page on ("More"). Callback
  data carries a short key, never the question: the question itself is kept in `bot_data`,
  which PicklePersistence saves in the data directory, so "More" still works after a restart.
  The store keeps the most recent `remember_questions` questions; an older or unknown key says
  plainly that the results expired and asks to send the question again.
- Inline mode (`@bot words` in any chat) answers with result cards, paged with next_offset;
  an empty query shows the latest headlines. Each card has a link button that opens the whole
  article in a private chat with the bot (a `/start` deep link).
- Every message is Telegram HTML from bot/answer.py, link previews off. A message the API
  refuses (BadRequest) is re-sent as plain text with the same words; a chat that blocked the bot
  is logged once at INFO and skipped; an answer for a deleted forum topic goes to the chat.
- Per-user throttling (a token bucket) keeps one user from exhausting the flood limits that
  AIORateLimiter enforces: every reply sent on a user's behalf (answers, hints, /help) takes a
  token; a throttled user is told once, then ignored until a token is back. Inline queries
  (one per pause in typing) have a more generous bucket of their own. Flood control (a 429)
  holds up only its chat (FloodLimiter): a reply there waits it out, an alert is left for a
  later refresh, and other chats' messages go at once. A reply it outlasts is dropped with a
  WARNING, and no apology goes into that chat.
- Searches run in worker threads, so a large index never stalls other chats; /reload (admins)
  and the optional periodic reload re-open the sources in a thread and swap the library in
  when it is ready, answering from the old one meanwhile.
"""

from __future__ import annotations

import asyncio
import base64
import errno
import hashlib
import json
import logging
import math
import multiprocessing
import os
import re
import secrets
import signal
import socket
import threading
import time
import traceback
import weakref
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Hashable,
    Iterator,
    MutableMapping,
    Sequence,
)
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar
from urllib.parse import unquote, urlsplit

import httpx
from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
    User,
)
from telegram import __version__ as TG_VERSION
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.answer import (
    MAX_DEPTH,
    SUGGESTION,
    Passage,
    Reply,
    article_passage,
    build_reply,
    date_span,
    html_to_plain,
    names_nothing,
    passage_html,
    passage_preview,
    plain_title,
    render_article_html,
    render_facts_html,
    render_headlines_html,
    render_html,
    render_welcome_html,
    small_talk,
    typed_echo,
    within_depth,
)
from bot.ask import LibraryInfo, Searcher, example_question, id_check, typed_text
from bot.config import ConfigError, TelegramSettings
from bot.console import counted, names_a_result, paging_words
from bot.telegram_news import COMMANDS as NEWS_COMMANDS
from bot.telegram_news import NewsDesk, retry_seconds
from retrieval.articles import Article, CorpusError, Hit
from retrieval.loaders import json_type
from retrieval.search import UNHELD_LINK, SearchResult
from retrieval.store import StoreError

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
Context = ContextTypes.DEFAULT_TYPE
App = Application[Any, Any, Any, Any, Any, Any]

COMMANDS: Final = (
    ("start", "What I know, and how to ask"),
    ("help", "How to use me"),
    ("ask", "Ask a question: /ask QUESTION"),
    ("latest", "The newest headlines"),
    ("article", "A whole article: /article WORDS"),
    ("sources", "Where the articles come from"),
    ("stats", "Articles, passages, index age, questions answered"),
)
ALLOWED_UPDATES: Final = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
]
LATEST_PAGE = 10  # headlines per /latest page
ROW_BUTTONS = 5  # buttons per keyboard row: more would be too narrow to tap on a phone
LATEST_SCAN = 1000  # headlines past those shown that "Older" looks through for the last one
MAX_ARTICLE_MESSAGES = 8  # messages one article may take
MAX_INLINE_OFFSET = 200  # inline paging stops here
MAX_SOURCES_SHOWN = 100
CONCURRENT_UPDATES = 64  # updates handled at once (the rest wait for a slot, ChatOrder)
# python-telegram-bot's own bound on updates in hand, given so high it never binds: a message
# waiting for its chat's turn holds one of its slots, and 1,024 from one chat behind a slow
# reply had held them all, every other chat's messages, presses and inline queries waiting.
# It gave no backpressure anyway (the fetcher starts a task per update); CONCURRENT_UPDATES
# is the real bound
UPDATES_IN_HAND = 2**31 - 1
# the longest a chat's message waits for the one before it to be answered, counted from when
# that one's turn came: a reply held up longer (flood control waited out three times) lets
# the next go rather than hold the chat
CHAT_TURN_LONGEST = 120.0
POLLING_ERROR_EVERY = 60.0  # seconds before the same failed getUpdates is logged again
SEND_RETRY_DELAY = 1.0  # seconds before a message that never reached Telegram goes again
# the longest a reply waits out its chat's flood control (Telegram's retry_after, often 30 to
# 40 s for a busy group); a longer one drops it: each question asked there meanwhile holds
# one of the CONCURRENT_UPDATES handlers while it waits, and a busy group's 10-minute wait
# would soon hold them all, every chat's questions queued behind them
FLOOD_WAIT_LONGEST = 60.0
# Answers Telegram takes only for seconds after what they answer (a button press's
# acknowledgement, about 15 s; an inline query's results, about 10 s): a 429's retry_after
# (30 s and more) outlasts that, so they are never retried after one, only given up
ANSWERS_OF_THE_MOMENT: Final = frozenset({"answerCallbackQuery", "answerInlineQuery"})
DEFAULTS: Final = Defaults(
    parse_mode=ParseMode.HTML,
    link_preview_options=LinkPreviewOptions(is_disabled=True),
    allow_sending_without_reply=True,
)

HELP = (
    "Send me a question in plain words and I answer with the best-matching passages from "
    "news articles: headline, source, date and link. Buttons under an answer open a whole "
    "article (📄) or show more results.\n\n"
    "/ask QUESTION: the same as a plain message; in groups, the way to ask\n"
    "/latest: the newest headlines\n"
    "/article WORDS: the whole article that best matches the words\n"
    "/sources: where the articles come from\n"
    "/stats: articles, passages, index age, questions answered\n\n"
    "Narrow a question with source:NAME, since:2024-05-01 or since:7d, before:DATE, "
    '"exact words" and -word.\n\n'
    "In groups I answer commands, messages that mention me, and replies to my messages."
)
NEWS_HELP = (
    "/follow QUERY: new stories that match come to this chat\n"
    "/following: what this chat follows; /unfollow NUMBER stops one\n"
    "/feeds: the news feeds I read\n"
    "/latest source:NAME: the newest headlines of one source"
)
INLINE_HELP = "In any chat, type @{username} and a question to share a passage."
# "what does /ask do?", "how do I use /follow?", "what's the /stats command for?": a
# question about one of the bot's commands (the command, and its @name if any)
_ASKS_ABOUT_A_COMMAND = re.compile(
    r"(?:what(?:['\u2019]s|\s+is|\s+does|\s+do)|how\s+(?:do(?:es)?\s+(?:i|you|one|we)\s+use"
    r"|to\s+use|does|can\s+i\s+use))\s+(?:the\s+)?"
    r"/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,32}))?"
    r"(?:\s+command)?(?:\s+(?:do|does|mean|means|for|work|works|used\s+for))?\s*[?!.]*",
    re.IGNORECASE,
)
EVERY_COMMAND = "/help lists every command."
UNKNOWN_COMMAND = "I don't know that command. Send a question as a plain message, or see /help."
CARD_META_CHARS = 100  # an inline card's source and date, before the passage's start
CARD_ERROR_CHARS = 300  # an inline card's explanation of a bad operator
PRESSES_KEPT = 10_000  # button presses remembered, so that a second press sends nothing
INLINE_PAGES_KEPT = 10_000  # inline pages whose results the next page leaves out
# Inline queries come one per pause in typing: their own throttle, this many times the chat
# throttle's burst and rate (from the same settings).
INLINE_BURST_TIMES = 4
INLINE_RATE_TIMES = 3
# ... and a query over it waits up to this many seconds for its token, answered then unless a
# newer query of the same user came meanwhile (that one waits instead): a client that sends
# one a keystroke used up the burst on a long question, and its finished query, refused, had
# shown no results until another key was typed. A longer wait is refused at once.
INLINE_HOLD = 3.0
OTHER_BOT_COMMAND = (
    "That command is for @{name}, not for me. Send a question as a plain message, or see /help."
)
NOT_TEXT = "I can only read text. Send your question as a message, or see /help."
RECENT_MESSAGES = 4096  # messages (and albums) whose text the bot remembers, to spot edits
# seconds an album's first photo without a caption waits before its hint: Telegram sends each
# photo as an update of its own, a moment apart, and the caption may be on a later one
ALBUM_WAIT = 1.5
CAPTION_COMMAND = "Send {command} as a text message of its own, not as a caption; see /help."
# a command for the bot past the start of a group message ("please /ask@newsbot oil")
COMMAND_NOT_FIRST = "Start the message with {command}: only a command that comes first is read."
ASK_USAGE = "Put the question after the command, e.g. /ask {example}"
ARTICLE_USAGE = (
    "Press 📄 under a result to read its whole article, or put words after the command, "
    "e.g. /article {example}"
)
EMPTY_MENTION = "Yes? Ask me a question after my name, or use /ask QUESTION."
REPLIED_NOTE = "Searched for the message you replied to."
NOTHING_REPLIED = (
    "The message you replied to has no words to search (a photo or a sticker without a "
    "caption); put what it is about in your question."
)
NAMES_REPLIED = (
    "The message you replied to has no words to search but my name; put what it is about in "
    "your question."
)
QUOTED_NOTE = "Searched for the words you quoted."
BUTTON_WORDS_HINT = (
    "Tap “More results” under an answer for the next ones, or 📄 N to read result N in full."
)
# a command's name typed alone without its slash ("start", "menu"), and the command meant
COMMAND_WORDS: Final = {
    "start": "/start",
    "restart": "/start",
    "menu": "/help",
    "commands": "/help",
    "settings": "/help",
    "options": "/help",
}
COMMAND_WORD_HINT = "Commands start with a slash: {command}{what}."
# ... and the same word typed with its slash, a command the bot lacks ("/menu")
SLASHED_WORD_HINT = "I have no /{word}: {command}{what}."
ASK_THE_WORD = " To search for the word, send /ask {word}."  # after a slashless word's hint
# ... and the words for stopping alerts (with Russian's and German's "stop", which people
# type to any bot), and what may follow them in a request to stop ("stop it", "stop alerts
# please", "unsubscribe me"; not "stop the boats", a question)
STOP_WORDS: Final = frozenset({"stop", "unsubscribe", "unfollow", "cancel", "стоп", "stopp"})
_STOP_OBJECT_WORDS = """
    it me this that them all now alerts alert notifications notification messages messaging
    updates sending following the my from subscription spam texts
"""
_STOP_OBJECTS: Final = frozenset(_STOP_OBJECT_WORDS.split())
_POLITE_WORDS: Final = frozenset({"please", "pls", "plz", "kindly"})  # "stop please"
_WORD_OF_A_COMMAND = re.compile(r"[^\W_]+")  # "Menu!" is menu, "start-up" two words
STOP_FOLLOWS = (
    "To stop alerts, send /unfollow NUMBER; /following lists what this chat follows, by number."
)
STOP_NOTHING = "This chat gets no alerts: I send only answers to what is asked."
NO_MORE = "No more results for that question."
NO_OLDER = "No older headlines."
EXPIRED = "These results have expired. Please send the question again."
ARTICLE_GONE = "That article is no longer in the library. Please ask again."
# a whole article sent into a group is not sent there again within this many seconds: each
# 📄 press had posted it again (up to 8 long messages a press, to every member), and a member
# pressing a few times held the group's other questions up for seconds
ARTICLE_SHOWN_SECONDS = 300
ARTICLE_ABOVE = "That article was sent to this chat a moment ago: it is above."
STALE_BUTTON = "This button no longer works. Please ask again."
NO_ARTICLES = "I know no articles yet."
NO_SOURCE = "I have no articles from {source}; /sources lists the sources."
LATEST_USAGE = (
    "/latest shows the newest headlines; /latest source:NAME those of one source. For other "
    "filters, ask “latest news since:7d”."
)
NO_SOURCES = "The articles have no source names."
SLOW_DOWN = "You're asking faster than I can answer. Please wait {seconds} s and ask again."
SLOW_DOWN_SHORT = "Too fast; please wait a moment."
PRIVATE_BOT = "Sorry, this bot is private."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
# after Telegram did not confirm a reply (a timeout, a 502): it may have arrived, or not
UNCONFIRMED = "Telegram did not confirm my reply; if it did not arrive, please ask again."
ADMINS_ONLY = "Only the bot's admins may do that."
NO_RELOAD = "Reloading is not available here."
RELOADING = "Re-reading the sources; I keep answering meanwhile."
RELOAD_BUSY = "A reload is already running."
RELOADED = "Reloaded: {articles}, {paragraphs} ({change})."
RELOAD_FAILED = "Reload failed, still answering from the old library: {error}"
OPERATOR_TROUBLE = "Check the search operators"
# a command, as Telegram marks one, maybe for another bot ("/ask@otherbot")
_COMMAND_WORD = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@([A-Za-z0-9_]{1,32}))?(?:\s|$)")
NO_MATCH = "No good match"  # the inline card of a query that finds nothing
INLINE_ASK = "Ask about the news"  # the inline card of small talk, or a query naming nothing
INLINE_NO_ARTICLES = "No articles yet"  # the inline card of the latest, in an empty library
INLINE_NAMES_NOTHING = "Put a name or a topic in the question, e.g. {example}"
FALLBACK_EXAMPLE = "what happened this week?"
# bot_data's key for the supergroups that allowed groups became (see NewsBot._migrated)
MIGRATED_CHATS = "migrated_chats"
# bot_data's key for the newest Telegram date (a message's or an edit's, in whole seconds) the
# bot has seen: the next start judges record-less edits by it (see NewsBot._unchanged)
DATES_SEEN = "dates_seen_until"

_MORE = re.compile(r"m:([A-Za-z0-9_-]{12}):(\d{1,6})")
_ARTICLE = re.compile(r"a:(\d{1,12}):([0-9a-f]{6})")
_LATEST = re.compile(r"l:(\d{1,6})(?::(.{1,48}))?", re.DOTALL)  # by position: older buttons
_OLDER = re.compile(r"o:(\d{1,6}):([0-9a-f]{6})(?::(.{1,48}))?", re.DOTALL)
# "source:BBC", "source: BBC News", 'source:"Le Monde"'; no other operator after it
_LATEST_SOURCE = re.compile(
    r'source:\s*(?:"([^"]+)"|(\S(?:(?!\s\w+:).)*))', re.IGNORECASE | re.DOTALL
)
_INLINE_OFFSET = re.compile(r"([0-9]{1,9})(?::([A-Za-z0-9_-]{12}))?")
_DEEP_LINK = re.compile(r"a-(\d{1,12})-([0-9a-f]{6})")
# an "Older" button for a source whose name is too long for the data: the name kept by key
_OLDER_KEPT = re.compile(r"s:(\d{1,6}):([0-9a-f]{6}):([A-Za-z0-9_-]{12})")


# --- the library behind the bot ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Backend:
    """What answers questions: a Searcher and facts about its library, swapped as one.
    `generation`: the saved index it serves from, if it says (a reload that finds the same
    one changes nothing)."""

    searcher: Searcher
    info: LibraryInfo
    generation: Path | None = None


Reopen = Callable[[], Backend]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article a result comes from: its number, and a fingerprint of its id."""

    number: int
    check: str


@dataclass(frozen=True, slots=True)
class Page:
    """One page of an answer, rendered: messages, each result's article (None when the
    searcher does not say), whether more follow. Plain data: a worker process may send it."""

    messages: list[str]
    refs: tuple[ArticleRef | None, ...]
    has_more: bool


@dataclass(frozen=True, slots=True)
class Card:
    """One inline result as plain data: title, description, message HTML, its article."""

    title: str
    description: str
    html: str
    ref: ArticleRef | None


def _ref(number: int, article: Article) -> ArticleRef | None:
    return ArticleRef(number, article_check(article)) if number >= 0 else None


def _ranked(
    searcher: Searcher,
    question: str,
    k: int,
    offset: int,
    as_of: date,
    shown: frozenset[str],
) -> tuple[SearchResult, list[Hit], bool]:
    """The search, one page of its hits, and whether more follow. `shown`: the
    `article_check`s of the results earlier pages showed, left out. A refresh may have
    swapped the library since, moving them down the ranking: paged by position, "More"
    showed them again and skipped the new stories ranked above them. Without it (a button
    from before, an inline offset the bot no longer knows), the page starts at `offset`.
    No page goes past MAX_DEPTH passages."""
    depth = len(shown) if shown else offset
    k = within_depth(k, depth)
    if not k:
        return SearchResult(()), [], False
    if shown:
        result = searcher.search(question, k + len(shown), as_of=as_of)
        fresh = [hit for hit in result.hits if article_check(hit.article) not in shown]
        more = result.has_more or len(fresh) > k
        return result, fresh[:k], more and depth + k < MAX_DEPTH
    result = searcher.search(question, k, offset=offset, as_of=as_of)
    return result, list(result.hits), result.has_more and depth + k < MAX_DEPTH


def answer_page(
    searcher: Searcher,
    question: str,
    k: int,
    offset: int,
    as_of: date,
    shown: frozenset[str] = frozenset(),
    note: str | None = None,
) -> Page:
    """Search and render one page of an answer (runs off the event loop); `shown`: see
    _ranked; `note`: said above the search's own note (a spelling, a language), if any."""
    result, hits, has_more = _ranked(searcher, question, k, offset, as_of, shown)
    # the search's notes go with the first page, as the core says them; a page after the
    # ones `shown` is searched from the top, and had repeated "No article mentions ..."
    own = result.note if not offset else None
    notes = " ".join(n for n in (note, own) if n) or None
    reply = build_reply(
        question,
        hits,
        has_more=has_more,
        note=notes,
        error=result.error,
        example_source=result.example_source,
        first_page=not offset,
    )
    refs = tuple(_ref(hit.number, hit.article) for hit in hits)
    return Page(render_html(reply, first=offset + 1), refs, has_more)


def card(passage: Passage, ref: ArticleRef | None) -> Card:
    """An inline result for a passage: headline; source, date and start; the passage."""
    description = passage_preview(passage)
    if passage.meta:  # a source name may be long: the description is a one-line preview
        meta = typed_echo(passage.meta, CARD_META_CHARS)
        description = f"{meta} — {description}" if description else meta
    return Card(plain_title(passage), description, passage_html(passage), ref)


def inline_page(
    searcher: Searcher,
    words: str,
    k: int,
    offset: int,
    as_of: date,
    shown: frozenset[str] = frozenset(),
) -> tuple[list[Card], bool]:
    """Search and render one page of inline results (runs off the event loop); `shown`: see
    _ranked."""
    result, hits, has_more = _ranked(searcher, words, k, offset, as_of, shown)
    if result.error:  # one card that explains, so the user sees why nothing comes
        reply = build_reply(words, (), error=result.error, example_source=result.example_source)
        explained = typed_echo(result.error, CARD_ERROR_CHARS)  # it quotes what was typed
        return [Card(OPERATOR_TROUBLE, explained, render_html(reply)[0], None)], False
    if not hits and offset == 0:  # one card that says so: an empty list shows nothing
        reply = build_reply(words, (), note=result.note)
        return [Card(NO_MATCH, result.note or SUGGESTION, render_html(reply)[0], None)], False
    reply = build_reply(words, hits)
    cards = [
        card(passage, _ref(hit.number, hit.article))
        for hit, passage in zip(hits, reply.passages, strict=True)
    ]
    if result.note and offset == 0 and cards:
        # what a chat's answer says above its passages ("... searched for “Harris” instead",
        # "No article mentions “covid”"), before the first card's preview: the cards had
        # shown stories on the rest of the words as if they matched the whole
        note = typed_echo(result.note, CARD_ERROR_CHARS)
        cards[0] = replace(cards[0], description=f"{note} — {cards[0].description}")
    return cards, has_more


def latest_cards(info: LibraryInfo, k: int, offset: int) -> tuple[list[Card], bool]:
    """The newest articles as inline results (for an empty inline query); in a library
    with none, one card that says so, as /latest does (no results at all showed nothing, as
    if the bot were down), like the card of a search that finds nothing."""
    numbers = info.newest(k + 1, offset)
    cards = [
        card(article_passage(article), _ref(number, article))
        for number in numbers[:k]
        if (article := info.article(number)) is not None
    ]
    if not cards and offset == 0:
        html_text = render_html(Reply("", (), chat=NO_ARTICLES))[0]
        return [Card(INLINE_NO_ARTICLES, NO_ARTICLES, html_text, None)], False
    return cards, len(numbers) > k


# --- worker processes -------------------------------------------------------------------------

_worker_searcher: Searcher | None = None


def _worker_start(opener: Callable[[], Searcher], parent: int | None = None) -> None:
    """Set up a search worker process. Ctrl-C reaches the workers too (a terminal signals
    the whole process group): each printed a KeyboardInterrupt traceback and died with the
    questions it held unanswered, while the bot said it was answering them. Stopping is the
    bot's to do (SearchWorkers.close), and _exit_with ends a worker whose bot is gone."""
    global _worker_searcher
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _worker_searcher = opener()
    _worker_searcher.warm(spelling=True)  # the first question to this worker waits for nothing


PARENT_CHECK_SECONDS = 1.0


def _exit_with(parent: int) -> None:
    """End this worker process once the bot that started it is gone: killed (SIGKILL, the
    out-of-memory killer), it cannot stop its workers, which had lived on, each holding its
    copy of the index. An orphan is handed to another parent, so its parent's id changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _searcher_here() -> Searcher:
    if _worker_searcher is None:
        raise RuntimeError("not in a search worker process")
    return _worker_searcher


def worker_page(
    question: str,
    k: int,
    offset: int,
    as_of: date,
    shown: frozenset[str] = frozenset(),
    note: str | None = None,
) -> Page:
    """answer_page with the worker process's own searcher."""
    return answer_page(_searcher_here(), question, k, offset, as_of, shown, note)


def worker_inline(
    words: str, k: int, offset: int, as_of: date, shown: frozenset[str] = frozenset()
) -> tuple[list[Card], bool]:
    """inline_page with the worker process's own searcher."""
    return inline_page(_searcher_here(), words, k, offset, as_of, shown)


WORKERS_EXIT_SECONDS = 5.0  # how long a shutdown waits for the search workers to exit


class SearchWorkers:
    """Searches (and their rendering) in worker processes, each with its own searcher from
    `opener` (picklable, e.g. one that loads the saved index): several CPUs at work at once,
    where threads queue on the GIL. Each process holds its own copy of the index."""

    def __init__(self, processes: int, opener: Callable[[], Searcher]) -> None:
        if processes < 1:
            raise ValueError(f"processes must be a positive integer, got {processes!r}")
        self.processes = processes
        self.opener = opener
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.processes,
            mp_context=multiprocessing.get_context("spawn"),  # never fork a threaded process
            initializer=_worker_start,
            initargs=(self.opener, os.getpid()),
        )

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run fn (a module-level function) in a worker process. A worker that died (killed
        for memory, say) breaks its pool: the first call to find it so starts new workers,
        and every call that met the broken pool runs once more on the new one."""
        loop = asyncio.get_running_loop()
        call = partial(fn, *args, **kwargs)
        pool = self._pool
        try:
            return await loop.run_in_executor(pool, call)
        except BrokenProcessPool:
            if self._pool is pool:
                log.warning("a search worker stopped; starting new search workers")
                self.restart()
            return await loop.run_in_executor(self._pool, call)

    async def warm(self) -> None:
        """Start the workers, each loading its searcher, before the first question."""
        day = date.today()
        await asyncio.gather(*(self.run(worker_page, "", 1, 0, day) for _ in range(self.processes)))

    def restart(self) -> None:
        """New workers with fresh searchers (after a reload); the old ones finish their work."""
        old, self._pool = self._pool, self._start()
        old.shutdown(wait=False)

    async def close(self) -> None:
        """Stop the workers, waiting up to WORKERS_EXIT_SECONDS for them to exit (in a thread:
        the loop goes on). A pool left with shutdown(wait=False) as the process exited had
        its queue's feeder thread write to a pipe already closed: once in four benchmark runs
        an "OSError: [Errno 9] Bad file descriptor" traceback after the last answer. A
        worker stuck past it is left to the process's exit (`run` ends its
        children)."""
        try:
            async with asyncio.timeout(WORKERS_EXIT_SECONDS):
                await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
        except TimeoutError:
            log.warning(
                "search workers did not stop within %.0f s; leaving them", WORKERS_EXIT_SECONDS
            )


# --- callback data and deep links -------------------------------------------------------------


def article_check(article: Article) -> str:
    """A short fingerprint of an article's id, so a button never opens another article."""
    return id_check(article.id)


def article_data(ref: ArticleRef) -> str:
    """Callback data of a button that opens an article."""
    return f"a:{ref.number}:{ref.check}"


def more_data(key: str, offset: int) -> str:
    """Callback data of a "More" button: the remembered question's key and the next offset."""
    return f"m:{key}:{offset}"


def latest_data(offset: int, source: str | None = None, after: str | None = None) -> str | None:
    """Callback data of an "Older" button under /latest: how many headlines were shown, and
    `after`, the `article_check` of the last one, from which the next page continues
    (`latest_start`). A source name too long for Telegram's 64 bytes of callback data with
    `after` gets a button by position (the older format); None when even that is too long
    (the caller then keeps the name and sends its key: `_OLDER_KEPT`)."""
    tail = f":{source}" if source else ""
    wanted = [(f"o:{offset}:{after}{tail}", _OLDER)] if after is not None else []
    for data, pattern in [*wanted, (f"l:{offset}{tail}", _LATEST)]:
        if len(data.encode("utf-8")) <= 64 and pattern.fullmatch(data):
            return data
    return None


def latest_start(info: LibraryInfo, shown: int, after: str, source: str | None = None) -> int:
    """Where the next /latest page starts: just after the last headline shown (`after` is its
    `article_check`) in the newest-first order as it is now. Stories stored since the last
    page come before it, so they make the next page neither repeat nor skip a headline.
    It is looked for among the first `shown` + LATEST_SCAN headlines; when it is not there
    (pruned, or that many stories came meanwhile), or it moved up (its publisher updated it,
    and the update is stored as a newer story), the page starts at `shown`, by position."""
    for position, number in enumerate(info.newest(shown + LATEST_SCAN, 0, source=source)):
        article = info.article(number)
        if article is not None and article_check(article) == after:
            return position + 1 if position + 1 >= shown else shown
    return shown


def deep_link(username: str, ref: ArticleRef) -> str:
    """A t.me link that opens an article in a private chat with the bot."""
    return f"https://t.me/{username}?start=a-{ref.number}-{ref.check}"


class QuestionMemory:
    """Questions behind "More" buttons, by a 12-character key, most recent last, each with
    the results its pages showed so far (their `article_check`s, left out of the next page).

    The mapping is `bot_data["questions"]`, which PicklePersistence saves, so buttons outlive
    a restart; beyond `limit` questions the oldest are forgotten. Values are plain strings
    ("<day ordinal>[:<check>,<check>...] <question>"): PTB deep-copies bot_data on the event
    loop before each save, and strings copy for free.
    """

    def __init__(self, store: MutableMapping[str, str], limit: int) -> None:
        self.store = store
        self.limit = limit

    @staticmethod
    def key(question: str, as_of: date, shown: Sequence[str] = ()) -> str:
        """The key of a question asked on a day, after pages that showed `shown` (the same
        question the same day, its same pages shown, shares it: one chat's pages never
        change what another's button shows)."""
        tail = "\n" + ",".join(shown) if shown else ""
        digest = hashlib.sha256(f"{as_of.isoformat()}\n{question}{tail}".encode()).digest()
        return base64.urlsafe_b64encode(digest)[:12].decode("ascii")

    def remember(self, question: str, as_of: date, shown: Sequence[str] = ()) -> str:
        """Keep a question, and the results shown so far; returns its key."""
        key = self.key(question, as_of, shown)
        self.store.pop(key, None)
        checks = ":" + ",".join(shown) if shown else ""
        self.store[key] = f"{as_of.toordinal()}{checks} {question}"
        while len(self.store) > self.limit:
            del self.store[next(iter(self.store))]
        return key

    def recall(self, key: str) -> tuple[str, date] | None:
        """The question and its date for a key, or None when it was forgotten."""
        found = self.recall_page(key)
        return None if found is None else (found[0], found[1])

    def recall_page(self, key: str) -> tuple[str, date, frozenset[str]] | None:
        """The question, its date and the results shown so far for a key (none for a key
        kept before they were), or None when it was forgotten."""
        found = self.store.get(key)
        if not isinstance(found, str):
            return None
        head, _, question = found.partition(" ")
        day, _, checks = head.partition(":")
        try:
            return (
                question,
                date.fromordinal(int(day)),
                frozenset(checks.split(",") if checks else ()),
            )
        except ValueError:
            return None


# --- throttling -------------------------------------------------------------------------------


class Throttle:
    """A token bucket per user: `per_minute` actions a minute on average, `burst` at once."""

    def __init__(
        self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[int, tuple[float, float]] = {}
        self._told: dict[int, float] = {}

    @property
    def enabled(self) -> bool:
        """Whether throttling is on at all."""
        return self.rate > 0

    def wait(self, user_id: int) -> float:
        """0 and one token spent if the user may act now, else the seconds until they may."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        tokens, stamp = self._buckets.get(user_id, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        if tokens >= 1.0:
            self._buckets[user_id] = (tokens - 1.0, now)
            self._told.pop(user_id, None)
            if len(self._buckets) > 10_000:
                self._prune(now)
            return 0.0
        self._buckets[user_id] = (tokens, now)
        return (1.0 - tokens) / self.rate

    def should_tell(self, user_id: int, wait: float) -> bool:
        """True the first time a user is refused until they may act again (no notice storm)."""
        now = self.clock()
        if self._told.get(user_id, 0.0) > now:
            return False
        self._told[user_id] = now + wait
        return True

    def _prune(self, now: float) -> None:
        full = [
            user
            for user, (tokens, stamp) in self._buckets.items()
            if tokens + (now - stamp) * self.rate >= self.burst
        ]
        for user in full:
            del self._buckets[user]


# --- where replies go -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A chat, forum topic and message to reply to."""

    chat_id: int
    thread_id: int | None = None
    reply_to: int | None = None

    @classmethod
    def of(cls, message: Message, *, quote: bool | None = None) -> Target:
        """Replies to `message`: same chat and topic, quoting it in groups, or an edit (the
        answer is to the edited text), or when asked."""
        thread = message.message_thread_id if message.is_topic_message else None
        if quote is None:
            quote = message.chat.type != Chat.PRIVATE or message.edit_date is not None
        return cls(message.chat.id, thread, message.message_id if quote else None)


def _inline_offset(text: str) -> tuple[int, str | None]:
    """The result offset an inline query's offset holds, and the key of the results shown
    before it (NewsBot._inline_pages), as the bot gave them ("10:KEY", or ASCII digits alone
    for the latest headlines); (0, None) for anything else a client may send ("²" and "٣"
    are digits to str.isdigit)."""
    match = _INLINE_OFFSET.fullmatch(text)
    return (int(match[1]), match[2]) if match else (0, None)


def _forwarded_into_group(message: Message) -> bool:
    """Whether a message is someone else's words forwarded into a group or channel: a post a
    member forwards ("Try @newsbot!", or a chat log with "/ask@newsbot oil" and "/help" in
    it), or a channel's post Telegram copies into its discussion group. Its mentions and
    commands are its author's, and the bot had answered the commands, quoting the forward.
    In a private chat a forwarded message is put to the bot on purpose, and is answered."""
    if message.is_automatic_forward:
        return True
    return message.forward_origin is not None and message.chat.type != Chat.PRIVATE


def _is_reply_to(message: Message, bot_id: int) -> bool:
    """Whether the message answers one of the bot's messages (a topic's implicit reply to its
    first message does not count)."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None:
        return False
    if message.is_topic_message and replied.forum_topic_created is not None:
        return False
    return replied.from_user.id == bot_id


def _entity_text(text: str, entity: MessageEntity) -> str:
    """The part of `text` an entity covers (its offset and length count UTF-16 units), as
    Message.parse_entity gives it, for any text: parse_entity raises on a lone surrogate
    (half of an escaped pair in an update's JSON), which `typed_text` has made U+FFFD, one
    UTF-16 unit as the surrogate was, so the offsets still hold."""
    units = text.encode("utf-16-le")
    return _from_units(units[entity.offset * 2 : (entity.offset + entity.length) * 2])


def _from_units(units: bytes) -> str:
    """UTF-16 units as text; half of a pair at either end is dropped: an entity whose offset
    falls inside an emoji (a client counting code points, not UTF-16 units) had raised, and
    the user got the apology for "🌋@newsbot volcano" where the rest of the text was fine."""
    return units.decode("utf-16-le", errors="ignore")


MAX_HIDDEN_LINKS = 3  # the addresses behind a message's linked words that go with its words


def _words_of(message: Message) -> tuple[str, tuple[MessageEntity, ...]]:
    """A message's text and its entities; for a photo, video or file, its caption's."""
    if message.text is not None:
        return typed_text(message.text), message.entities
    return typed_text(message.caption or ""), message.caption_entities


def _with_links(question: str, message: Message) -> str:
    """A question with the addresses its message's links stand for after it, as a link
    pasted would be, so that a link to a story the library holds answers with it: the
    address behind linked words (a text_link: "read this" linked to a story, a channel
    post's "Read more"; it had searched the words "read this"), and one typed without its
    scheme with "https://" (`_typed_link`). The words stay as typed, so a link the library
    lacks still has them searched. For questions only: a command's value ("/follow flood"
    with "flood" linked) is the words typed."""
    text, entities = _words_of(message)
    links = [link for entity in entities if (link := _link_of(text, entity)) is not None]
    links = [link for link in dict.fromkeys(links) if link not in text][:MAX_HIDDEN_LINKS]
    return " ".join([question, *links]) if links else question


def _link_of(text: str, entity: MessageEntity) -> str | None:
    """The web address an entity stands for, scheme and all: a text_link's, or a story's
    address typed without a scheme; None for any other entity."""
    if entity.type == MessageEntity.TEXT_LINK:
        url = entity.url or ""
        return url if url.startswith(("http://", "https://")) else None
    if entity.type == MessageEntity.URL:
        return _typed_link(_entity_text(text, entity))
    return None


# a story's address as Telegram marks one typed without its scheme: a host and a path
_STORY_ADDRESS = re.compile(r"[^\s/:@]+\.[^\s/:@]+/\S+")


def _typed_link(address: str) -> str | None:
    """A url entity's address typed without a scheme ("ex.com/o") as a link, "https://"
    before it, or None: read as a link it finds the story at that address (the lookup takes
    http and https as one), where the search's own rule reads a bare address only with a
    longer path ("usatoday.com/story/..."). Added after the words, not put in them: written
    in, "reuters.com/niger" (no story's address) lost the word "niger", which the search
    reads from no one-part path, and the scheme could land inside another address holding
    the same text. Only what Telegram marks: "U.S." and "e.g." are no entities, and a bare
    host ("cnn.com") names no story."""
    return f"https://{address}" if _STORY_ADDRESS.fullmatch(address) else None


def _without_mentions(message: Message, username: str, bot_id: int) -> str | None:
    """The text with mentions of the bot removed, or None when the bot is not mentioned.
    Each is cut where its entity says (in UTF-16 units, as _entity_text reads them), not at
    the first place its words occur: "@newsbot2 ...; @newsbot volcano" keeps "@newsbot2"."""
    text, entities = _words_of(message)
    name = username.casefold()
    ours = [
        entity
        for entity in entities
        if (
            entity.type == MessageEntity.TEXT_MENTION
            and entity.user is not None
            and entity.user.id == bot_id
        )
        or (
            entity.type == MessageEntity.MENTION
            and _entity_text(text, entity).removeprefix("@").casefold() == name
        )
    ]
    if not ours:
        return None
    units = text.encode("utf-16-le")
    pieces: list[str] = []  # the text between the mentions
    at = 0
    for entity in sorted(ours, key=lambda e: e.offset):
        pieces.append(_from_units(units[at * 2 : max(at, entity.offset) * 2]))
        at = max(at, entity.offset + entity.length)
    pieces.append(_from_units(units[at * 2 :]))
    joined = pieces[0]
    for piece in pieces[1:]:
        joined = _close_up(joined, piece)
    return " ".join(joined.split())


_MARKS_AFTER = re.compile(r"\s*([,;:.!?…]+)")  # punctuation that followed a mention
_BARE_COMMAND = re.compile(r"/\S+")


def _close_up(before: str, after: str) -> str:
    """The text before and after a mention of the bot, the mention left out, without the
    punctuation it leaves alone: "thanks a lot @newsbot, great bot!" is "thanks a lot,
    great bot!" and "hey @newsbot, thanks!" is "hey, thanks!" (they had been "thanks a lot
    , great bot!" and "hey , thanks!", echoed so under "No good match"). The mark after the
    mention goes to the word before it, in place of a comma there ("any news, @newsbot?" is
    "any news?"); with no word before it, or a sentence ended there, or only a /command
    ("@newsbot, any news?", "/ask @newsbot: oil"), it goes; so does a comma before a mention
    that ends the text ("any news, @newsbot")."""
    head = before.rstrip()
    marks = _MARKS_AFTER.match(after)
    if marks is None:
        if not after.strip():
            head = head.rstrip(",;:")
        return f"{head} {after.lstrip()}"
    rest = after[marks.end() :].lstrip()
    if not head or head[-1] in ".!?…" or _BARE_COMMAND.fullmatch(head):
        return f"{head} {rest}"
    return f"{head.rstrip(',;:')}{marks[1]} {rest}"


# a result's number as the bot's answers write it ("1.", "2)"), quoted alone
_RESULT_NUMBER = re.compile(r"\s*\d{1,2}[.)]?\s*")


def _quotes_a_word(quoted: str) -> bool:
    """Whether words quoted from the bot's answer hold something to search: a letter, or a
    number other than a result's own ("1.")."""
    return re.search(r"[^\W_]", quoted) is not None and not _RESULT_NUMBER.fullmatch(quoted)


def _replied_words(message: Message, username: str, bot_id: int) -> tuple[str, str] | None:
    """What a message asks about when it replies to another's message (or quotes one) and
    names nothing itself ("@newsbot is this true?", `names_nothing`): the words quoted, or
    the message replied to (its caption), without mentions of the bot; and the note that
    says so; no words and NOTHING_REPLIED for a message without any (a photo without a
    caption: "source?" had been searched as the word). None for a reply to the bot's own
    message (a question to the bot, as before), and for a topic's implicit reply to its
    first message.

    Words the user chose to quote (`is_manual`) are the subject whoever wrote them: a
    headline selected in the bot's own answer, replied to with "is this true?", had been
    asked who "this" is. A quote the server added to a reply to the bot is not the user's
    pointing, and such a reply stays a question to the bot. So does a quote of the bot's
    answer with no word to search (`_quotes_a_word`): a result's "1." with "tell me more"
    had been searched ("No good match for “1.”") over the hint on the buttons, and a quoted
    "🌋" with "source?" over "put a name in the question"."""
    replied = message.reply_to_message
    to_the_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    )
    quote = message.quote
    if (
        quote is not None
        and quote.text.strip()
        and (not to_the_bot or (quote.is_manual and _quotes_a_word(quote.text)))
    ):
        return " ".join(quote.text.split()), QUOTED_NOTE
    if to_the_bot:
        return None
    if replied is None or (message.is_topic_message and replied.forum_topic_created is not None):
        return None
    words = _without_mentions(replied, username, bot_id)
    words = " ".join((words if words is not None else _words_of(replied)[0]).split())
    words = _with_links(words, replied) if words else words
    if words:
        return words, REPLIED_NOTE
    # a caption or text of only mentions of the bot is no photo "without a caption"
    return "", NAMES_REPLIED if (replied.text or replied.caption or "").strip() else NOTHING_REPLIED


def _remember(recent: dict[K, T], key: K, value: T) -> T | None:
    """Keep `value` under `key` as the newest of at most RECENT_MESSAGES entries (the oldest
    goes); returns what the key held before, if anything."""
    before = recent.pop(key, None)
    recent[key] = value
    if len(recent) > RECENT_MESSAGES:
        recent.pop(next(iter(recent)))
    return before


_CANNOT_WRITE = re.compile(
    r"not enough rights|have no rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|TOPIC_CLOSED"
    r"|CHAT_SEND_\w+_FORBIDDEN|chat not found|PEER_ID_INVALID",
    re.IGNORECASE,
)
_THREAD_GONE = re.compile(r"message thread not found|TOPIC_DELETED|TOPIC_ID_INVALID", re.I)
_TOPIC_REFUSED = re.compile(r"thread|topic", re.I)  # ... and of the topic, by any name
# a refusal of the message replied to or quoted ("message to be replied not found",
# REPLY_MESSAGE_ID_INVALID, QUOTE_TEXT_INVALID), not of the buttons (REPLY_MARKUP_TOO_LONG)
_REPLY_REFUSED = re.compile(r"replied|reply message|REPLY_MESSAGE|REPLY_TO|quote", re.I)


def _cannot_write(error: BadRequest) -> bool:
    """Whether Telegram refused a message because the bot may not write there (muted in a
    group, a closed topic, a chat it no longer knows), not because of the message: no other
    form of it would go."""
    return _CANNOT_WRITE.search(error.message) is not None


def _thread_gone(error: BadRequest, target: Target) -> bool:
    """Whether Telegram refused a message for a forum topic because the topic is gone (deleted
    while the answer was being found): the same message goes to the chat itself."""
    return target.thread_id is not None and _THREAD_GONE.search(error.message) is not None


def migration(message: Message) -> tuple[int, int] | None:
    """(old id, new id) when the message is Telegram saying a group became a supergroup: it
    says so in both chats, migrate_to_chat_id in the group, migrate_from_chat_id in the
    supergroup, in either order."""
    if message.migrate_to_chat_id is not None:
        return message.chat_id, message.migrate_to_chat_id
    if message.migrate_from_chat_id is not None:
        return message.migrate_from_chat_id, message.chat_id
    return None


def _command_rest(message: Message) -> str:
    """What follows the command at the start of the message (or of its caption), without
    mentions of the bot: in a group people address it so ("/follow @newsbot oil" follows
    oil; "/ask @newsbot" alone asks nothing)."""
    text, entities = _words_of(message)
    entity = _leading_command(entities)
    if entity is None:
        return text.strip()
    command = _entity_text(text, entity)
    rest = text[len(command) :].strip()
    if "@" in rest or any(e.type == MessageEntity.TEXT_MENTION for e in entities):
        try:
            bot = message.get_bot()
        except RuntimeError:  # a message built without a bot
            return rest
        cleaned = _without_mentions(message, bot.username, bot.id)
        if cleaned is not None:  # the command comes first in it, as in the text
            return cleaned[len(command) :].strip()
    return rest


def _command_target(message: Message) -> str | None:
    """The bot a leading /command@name is for, lower-cased ("" when it names none)."""
    return None if (command := _command_of(message)) is None else command.partition("@")[2]


def _command_of(message: Message) -> str | None:
    """The leading /command (with its @name, if any) of a message or caption, lower-cased."""
    text, entities = _words_of(message)
    entity = _leading_command(entities)
    return None if entity is None else _entity_text(text, entity).casefold()


def _later_command(message: Message, bot: User, *, addressed: bool = False) -> str | None:
    """The first /command@thisbot past the start of a message or caption ("please
    /ask@newsbot oil"), as typed, when it is meant as a command. Telegram marks it as a
    command for this bot and sends it to a bot in privacy mode, but only a leading command
    is one (to python-telegram-bot and to the Bot API's clients alike); the bot had said
    nothing. Without "@thisbot" a command in a group may be any bot's, unless the message is
    `addressed` to the bot (a private chat, its @name, a reply to it): then the first command
    is the one, whoever's ("hello /latest", "hey @newsbot, /ask oil"). Meant as one only
    after words that just address the bot or ask politely (ADDRESS_WORDS: "please", "hey
    bot,"): one named in a sentence ("use /follow@newsbot oil to get alerts", "try
    /ask@newsbot") explains the bot to someone, and a hint to them was noise."""
    text, entities = _words_of(message)
    name = (bot.username or "").casefold()
    for entity in entities:
        if entity.type != MessageEntity.BOT_COMMAND or entity.offset == 0:
            continue
        command = _entity_text(text, entity)
        if addressed or (name and command.partition("@")[2].casefold() == name):
            before = text[: max(text.find(command), 0)].casefold()
            names = {name, bot.first_name.casefold()}
            words = [w.removeprefix("@") for w in _BEFORE_COMMAND_WORD.findall(before)]
            return command if all(w in ADDRESS_WORDS or w in names for w in words) else None
    return None


# words that only address the bot or ask politely: a command after them is meant as one
ADDRESS_WORDS = frozenset({"please", "pls", "plz", "hey", "hi", "hello", "yo", "ok", "okay", "bot"})
_BEFORE_COMMAND_WORD = re.compile(r"@?[\w']+")


def _leading_command(entities: Sequence[MessageEntity]) -> MessageEntity | None:
    """The bot_command entity at the start of a text, if any: not always the first entity,
    as Telegram may list a formatting one that starts there too (the whole message bold)."""
    return next(
        (e for e in entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None
    )


def _command_first(update: Update, bot: Bot) -> Update | None:
    """The update again, its message's leading /command listed as the first entity, when a
    formatting entity came first: python-telegram-bot's CommandHandler (and filters.COMMAND)
    read only the first, and in a group such a command went unanswered. None when the
    command comes first already, or there is none."""
    message = update.message or update.edited_message
    if message is None or message.text is None or not message.entities:
        return None
    command = _leading_command(message.entities)
    if command is None or command is message.entities[0]:
        return None
    data = update.to_dict()
    key = "message" if update.message is not None else "edited_message"
    data[key]["entities"].sort(key=lambda e: not (e["type"] == "bot_command" and e["offset"] == 0))
    return Update.de_json(data, bot)


def _age(seconds: float) -> str:
    """A rough age: "5 minutes", "3 hours", "2 days"."""
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "moments"


def _keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


# httpx's failures before a request leaves: no connection could be made (refused, no DNS, a
# TLS failure, a connect timeout), or no pooled one came free
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


async def _send_message(context: Context, chat_id: int, text: str, **options: Any) -> Message:
    """context.bot.send_message, once more after a failure that means the message never
    reached Telegram: a network blip had lost the answer, with an apology. A timeout while
    waiting for Telegram's answer, or a 5xx, is not sent again: Telegram may have taken the
    message, which would then arrive twice (the Bot API has no way to ask)."""
    try:
        return await context.bot.send_message(chat_id, text, **options)
    except NetworkError as exc:  # python-telegram-bot keeps httpx's error as the cause
        if not isinstance(exc.__cause__, _NEVER_SENT):
            raise
        log.info("could not reach Telegram (%s); sending the message again", exc)
    await asyncio.sleep(SEND_RETRY_DELAY)
    return await context.bot.send_message(chat_id, text, **options)


def _is_late(error: BadRequest) -> bool:
    """Whether Telegram refused to answer a button press or an inline query because the answer
    came too late (after about 15 s for a press, 10 s for inline results), or came twice."""
    reason = error.message.casefold()
    return "query is too old" in reason or "query id is invalid" in reason


def _is_not_modified(error: BadRequest) -> bool:
    """Whether Telegram refused an edit because the message is so already ("message is not
    modified"): the buttons to remove are gone."""
    return "message is not modified" in error.message.casefold()


def _keep(kept: dict[K, None], key: K) -> None:
    """Add a key; beyond PRESSES_KEPT keys the oldest are forgotten."""
    kept[key] = None
    if len(kept) > PRESSES_KEPT:
        del kept[next(iter(kept))]


def _press(query: CallbackQuery, target: Target) -> tuple[int, int, str]:
    """What tells one button apart from others: its chat, its message and its data."""
    message_id = query.message.message_id if query.message is not None else 0
    return target.chat_id, message_id, query.data or ""


async def _answer_inline(
    query: InlineQuery,
    results: Sequence[InlineQueryResultArticle],
    *,
    cache_time: int,
    next_offset: str | None = None,
) -> None:
    """Answer an inline query (personal results); Telegram refusing them as too late is one
    line at INFO (the user typed on, or gave up), not an error. So is flood control: the
    answer is given up, not sent again after the wait, when Telegram would no longer take
    it (FloodLimiter)."""
    try:
        await query.answer(
            results, cache_time=cache_time, is_personal=True, next_offset=next_offset
        )
    except BadRequest as exc:
        if not _is_late(exc):
            raise
        log.info("inline results came too late for Telegram (%s)", exc)
    except RetryAfter as exc:
        log.info(
            "inline results not sent: flood control asks to wait %.0f s, longer than "
            "Telegram takes them",
            retry_seconds(exc),
        )


# --- the bot ----------------------------------------------------------------------------------


class NewsBot:
    """The handlers, and the state they share: library, throttle, counters, blocked chats."""

    def __init__(
        self,
        backend: Backend,
        settings: TelegramSettings | None = None,
        *,
        results: int = 3,
        reopen: Reopen | None = None,
        today: Callable[[], date] = date.today,
        clock: Callable[[], float] = time.monotonic,
        search_threads: int = 1,
        workers: SearchWorkers | None = None,
        desk: Callable[[NewsBot], NewsDesk] | None = None,
        on_started: Callable[[str], None] | None = None,
    ) -> None:
        self.backend = backend
        self.on_started = on_started  # told the bot's @name once Telegram has accepted it
        self.settings = settings or TelegramSettings()
        self.results = results
        self.reopen = reopen
        self.today = today
        per_minute, burst = self.settings.throttle_per_minute, self.settings.throttle_burst
        self.throttle = Throttle(per_minute, burst, clock)
        # a client sends an inline query per pause in typing: typing one question must not
        # use up the tokens of chat questions, nor leave the finished query without results
        self.inline_throttle = Throttle(
            per_minute * INLINE_RATE_TIMES, burst * INLINE_BURST_TIMES, clock
        )
        self.started = datetime.now(UTC)
        self.answered = 0
        self.inline_searches = 0  # counted apart: one question typed may be several
        self._blocked: set[int] = set()
        self._moved: dict[int, int] = {}  # groups that became supergroups: old id -> new id
        self._gone_topics: set[tuple[int, int]] = set()  # (chat, topic) Telegram said are gone
        # updates made from "@bot /command" messages, to handle as the command (`_as_command`)
        self._redispatched: dict[int, None] = {}
        # chat -> (its turn to be sent to, how many sends hold or await it)
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}
        self._refused: set[int] = set()
        self._command_names: set[str] = set()  # the commands registered, for "@bot /help"
        # recent messages' texts, by (chat, message id): an edit that changes nothing (Telegram
        # sends one when a message gets its first reaction, say) is no new question. Each is
        # kept as its hash (4,096 long texts add up) and when the bot saw it as it reads, in
        # Telegram's seconds; see _unchanged.
        self._texts: dict[tuple[int, int], tuple[int, int]] = {}
        # the first second from which the bot would know any message it saw as it reads now:
        # past the newest date the last process saw (read with the first update, once the
        # saved state is loaded; None till then), and past the last sighting of every message
        # it has since forgotten
        self._texts_known_from: int | None = None
        # albums seen (hinted, or a hint waits), True once a photo of it had a caption
        self._albums: dict[tuple[int, str], bool] = {}
        self._inline_held: dict[int, asyncio.Event] = {}  # user -> their query waiting
        self._shown: dict[tuple[int, int | None, int], float] = {}  # group article -> when
        # Buttons pressed, (chat, message, data): a double tap, or a client resending, must not
        # send the same page or article twice. A "More" or "Older headlines" press is kept (the
        # button goes once it is handled); a 📄 press until its article is sent (it may be read
        # again later).
        self._pressed: dict[tuple[int, int, str], None] = {}
        self._acknowledged: dict[str, None] = {}  # presses answered: Telegram takes one answer
        self._example_for: tuple[tuple[int, int], str] | None = None  # see _example
        # the results inline pages showed, by the key in their next_offset (see _ranked): in
        # memory only, as a client keeps an offset for minutes; unknown, it pages by position
        self._inline_pages = QuestionMemory({}, INLINE_PAGES_KEPT)
        self._warming: asyncio.Task[None] | None = None  # search workers started after a swap
        self._clock = clock
        self._polling_told: dict[tuple[str, str], float] = {}  # a polling error: when it was said
        self.reload_lock = asyncio.Lock()  # one reload or refresh at a time
        # Searches and rendering run here, first come first served, off the event loop.
        self._pool = ThreadPoolExecutor(search_threads, thread_name_prefix="newsbot-search")
        self.workers = workers
        self.desk = desk(self) if desk is not None else None

    async def _work(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run fn in the search threads, so the event loop keeps serving other chats."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(fn, *args, **kwargs))

    async def _page(
        self,
        question: str,
        k: int,
        offset: int,
        as_of: date,
        shown: frozenset[str] = frozenset(),
        note: str | None = None,
    ) -> Page:
        """One rendered page of the answer to a question, from the workers or a thread."""
        if self.workers is not None:
            return await self.workers.run(worker_page, question, k, offset, as_of, shown, note)
        searcher = self.backend.searcher
        return await self._work(answer_page, searcher, question, k, offset, as_of, shown, note)

    # registration and start-up

    def register(self, app: App) -> None:
        """Add the handlers to an Application."""
        messages = filters.UpdateType.MESSAGES
        app.add_handler(TypeHandler(Update, self.on_gate), group=-1)
        if self.desk is not None:  # a group that became a supergroup takes its follows along
            app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self.desk.on_migrate))
        for name, callback in (
            ("start", self.on_start),
            ("help", self.on_help),
            ("ask", self.on_ask),
            ("latest", self.on_latest),
            ("article", self.on_article),
            ("sources", self.on_sources),
            ("stats", self.on_stats),
            ("reload", self.on_reload),
            *(self.desk.commands() if self.desk is not None else []),
        ):
            app.add_handler(CommandHandler(name, callback, filters=messages))
            self._command_names.add(name)
        app.add_handler(MessageHandler(messages & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(messages & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(messages & filters.CAPTION, self.on_caption))
        app.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL,
                self.on_not_text,
            )
        )
        app.add_handler(CallbackQueryHandler(self.on_more_button, pattern=_MORE))
        app.add_handler(CallbackQueryHandler(self.on_article_button, pattern=_ARTICLE))
        app.add_handler(CallbackQueryHandler(self.on_latest_button, pattern=_LATEST))
        app.add_handler(CallbackQueryHandler(self.on_latest_button, pattern=_OLDER))
        app.add_handler(CallbackQueryHandler(self.on_latest_button, pattern=_OLDER_KEPT))
        app.add_handler(CallbackQueryHandler(self.on_stale_button))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: App) -> None:
        """Register the command list with Telegram, start the search workers (if any) and the
        periodic reload (if configured).

        Raises:
            NoBotAccount: getMe's account has no username. Every bot has one (its @name), so
                the server is no Bot API: a mock's bare account had started the bot "serving
                as @None".
        """
        username: object = app.bot.username  # typed str, but None when getMe gave none
        if not isinstance(username, str) or not username:
            raise NoBotAccount("getMe's account has no username: no bot's")
        commands = [*COMMANDS, *(NEWS_COMMANDS if self.desk is not None else ())]
        try:
            await app.bot.set_my_commands([BotCommand(name, text) for name, text in commands])
        except NetworkError as exc:
            # a refusal, a 5xx, a timeout: the menu of commands only, which the commands do
            # not need; the bot had not started at all. Flood control (RetryAfter) and a
            # rejected token still stop it: what comes next would fail alike
            log.warning(
                "Telegram did not take the bot's list of commands (%s); serving without it "
                "(the commands work; the menu of them may be missing or old)",
                exc,
            )
        if self.workers is not None:
            await self.workers.warm()
        minutes = self.settings.reload_minutes
        if minutes and self.reopen is not None and app.job_queue is not None:
            app.job_queue.run_repeating(self._reload_job, interval=minutes * 60, first=minutes * 60)
        if self.desk is not None:
            self.desk.start(app)
        if app.job_queue is None:
            self._say_serving(app)
        else:  # a job runs once the application has started, after the webhook server
            # bound its port or polling began: "serving" is never said of a failed start
            app.job_queue.run_once(self._serving_job, 0, job_kwargs={"misfire_grace_time": None})

    async def _serving_job(self, context: Context) -> None:
        self._say_serving(context.application)

    def _say_serving(self, app: App) -> None:
        """Log that the bot serves, and tell on_started."""
        info = self.backend.info
        log.info(
            "serving as @%s: %s, %s",
            app.bot.username,
            counted(info.n_articles, "article"),
            counted(info.n_paragraphs, "passage"),
        )
        if not app.bot.supports_inline_queries:  # /help leaves it out: say how to have it
            log.info(
                "inline mode is off for @%s: send /setinline to @BotFather to let users search "
                "from any chat",
                app.bot.username,
            )
        if self.on_started is not None:
            self.on_started(app.bot.username)

    async def post_shutdown(self, app: App) -> None:
        """Stop the search workers and threads. A start of new workers after a reload still
        under way is cancelled and waited for: left pending, asyncio logged "Task was destroyed
        but it is pending!" as the loop closed."""
        if self._warming is not None and not self._warming.done():
            self._warming.cancel()
            await asyncio.wait([self._warming])
        if self.workers is not None:
            await self.workers.close()
        self._pool.shutdown(wait=False)

    # access, throttling, sending

    def _allowed(self, user: User | None, chat: Chat | None, context: Context) -> bool:
        s = self.settings
        if not s.allowed_users and not s.allowed_chats:
            return True
        if user is not None and (user.id in s.allowed_users or user.id in s.admin_ids):
            return True
        return chat is not None and self._chat_allowed(chat.id, context)

    def _chat_allowed(self, chat_id: int, context: Context) -> bool:
        """Whether `allowed_chats` lets the chat in, or the chat is the supergroup such a group
        became (`_migrated`)."""
        migrated = context.bot_data.get(MIGRATED_CHATS, ())
        return chat_id in self.settings.allowed_chats or chat_id in migrated

    def _migrated(self, context: Context, old: int, new: int) -> None:
        """A group became a supergroup (a topic enabled, a public link set, or it grew): when
        `allowed_chats` lets the group in, the supergroup is let in too, and a warning asks
        the admin to list its id. It had gone silent for good, and its follows, moved along,
        went on alerting there with no way to stop them. The new id is kept in bot_data,
        which persistence saves: it outlives a restart."""
        if not self._chat_allowed(old, context) or self._chat_allowed(new, context):
            return
        context.bot_data.setdefault(MIGRATED_CHATS, set()).add(new)
        log.warning(
            "group %s, which telegram.allowed_chats allows, became supergroup %s; answering "
            "there too: add %s to telegram.allowed_chats",
            old,
            new,
            new,
        )

    async def on_gate(self, update: Update, context: Context) -> None:
        """Runs first for every update: drops messages forwarded into a group, and updates
        from users and chats not allowed."""
        if id(update) in self._redispatched:  # "@bot /help" as "/help", handled at once:
            del self._redispatched[id(update)]  # its text stays remembered as written
            return
        message = update.message or update.edited_message
        if message is not None and getattr(message, "chat", None) is None:
            # a message the Bot API always gives a chat: python-telegram-bot reads one
            # without (a proxy's or a test's hand-made update), and every handler after
            # this one would fail on it, an ERROR and a traceback in the log
            log.warning(CHATLESS_UPDATE, update.update_id)
            raise ApplicationHandlerStop
        if message is not None and _forwarded_into_group(message):
            raise ApplicationHandlerStop  # its mentions and commands are its author's
        if message is not None and self._unchanged(
            message, edited=update.message is None, bot_data=context.bot_data
        ):
            raise ApplicationHandlerStop  # answered already, as it still reads
        if update.message is not None and (moved := migration(update.message)) is not None:
            self._migrated(context, *moved)  # first: Telegram's word in the supergroup passes
        user, chat = update.effective_user, update.effective_chat
        if self._allowed(user, chat, context):
            again = _command_first(update, context.bot)
            if again is not None:  # "/ask@newsbot oil", all in bold: as the command it is
                _keep(self._redispatched, id(again))  # its message is let through already
                await context.application.process_update(again)
                raise ApplicationHandlerStop
            return
        log.debug("update from user %s in chat %s not allowed", user and user.id, chat and chat.id)
        if update.inline_query is not None:
            await _answer_inline(update.inline_query, [], cache_time=60)
        elif update.callback_query is not None:
            await self._acknowledge(update.callback_query, PRIVATE_BOT)
        elif (
            chat is not None
            and chat.type == Chat.PRIVATE
            and update.message is not None
            and chat.id not in self._refused
        ):
            self._refused.add(chat.id)
            await self._send(context, Target(chat.id), [PRIVATE_BOT], plain=True)
        raise ApplicationHandlerStop

    def _unchanged(self, message: Message, *, edited: bool, bot_data: dict[str, Any]) -> bool:
        """Whether `message` is an edit that leaves the text (or caption) as it was when the
        bot saw it; remembers the text of the last RECENT_MESSAGES messages either way.

        A message the bot has no record of (seen before a restart, or forgotten since) is
        judged by its edit_date: Telegram's hidden edit for a first reaction has none (the Bot
        API leaves out a date of 0), and a reaction to a message edited before carries that
        edit's date. So an edit counts as a change only when it is dated after the bot knew
        every message it saw (`_texts_known_from`): a typo fixed now in a question asked
        before a restart is answered, while a reaction to it, however old, brings nothing.

        That bound starts past the newest date the last process saw (`DATES_SEEN`, saved in
        bot_data with the rest of the state), not at this process's start: Telegram delivers
        the updates of the downtime at the start, and a typo fixed while the bot was stopped
        is dated before the start but after anything the bot saw. It is Telegram's own clock
        too, so a host clock that runs fast or slow moves nothing. Only with no saved date
        (the first run, or a lost state file) is it the start. A date in the bound's own
        second counts as old, for every bound: a reaction to the last edit the bot saw
        carries that edit's date, the very second of the saved date. The texts themselves
        stay in memory: 4,096 hashes deep-copied at every save, and a crash still losing the
        last ones, would buy nothing the dates do not. (The hash is Python's, seeded per
        process; fine for memory only.)"""
        key = (message.chat.id, message.message_id)
        text = hash(message.text or message.caption or "")
        edit_date = message.edit_date
        seen_at = int((edit_date or message.date).timestamp())
        if self._texts_known_from is None:  # the first update: the saved state is loaded
            saved = bot_data.get(DATES_SEEN)
            until = saved if isinstance(saved, int) else int(self.started.timestamp())
            self._texts_known_from = until + 1
        last = bot_data.get(DATES_SEEN)
        if not isinstance(last, int) or seen_at > last:  # a damaged value is replaced
            bot_data[DATES_SEEN] = seen_at
        before = self._texts.pop(key, None)
        self._texts[key] = (text, seen_at)
        if len(self._texts) > RECENT_MESSAGES:
            _, forgotten_at = self._texts.pop(next(iter(self._texts)))
            self._texts_known_from = max(self._texts_known_from, forgotten_at + 1)
        if not edited:
            return False
        if before is not None:
            return before[0] == text
        return edit_date is None or int(edit_date.timestamp()) < self._texts_known_from

    def _first_of_album(self, message: Message, *, captioned: bool = False) -> bool:
        """Whether `message` is the first the bot sees of its album (a media group: Telegram
        sends each photo as a message of its own), or no album's; remembers whether one of the
        album's photos had a caption (`captioned`: this one has)."""
        if message.media_group_id is None:
            return True
        key = (message.chat.id, message.media_group_id)
        before = self._albums.get(key)
        _remember(self._albums, key, captioned or bool(before))
        return before is None

    async def _admit(self, update: Update, context: Context) -> bool:
        """Whether the user may make the bot work now; tells a throttled user once. Every
        reply sent on a user's behalf asks first, once per update (hints and usage notes too:
        one user must not flood a chat, or the bot's budget, with /help)."""
        user = update.effective_user
        if user is None or user.id in self.settings.admin_ids:
            return True
        # Every group's anonymous admins write as one account (GroupAnonymousBot), and people
        # posting as a channel as another: the group or channel, sender_chat, is who asks (chat
        # ids are negative, user ids positive, so the buckets never mix).
        message = update.message or update.edited_message
        who = message.sender_chat.id if message and message.sender_chat else user.id
        throttle = self.inline_throttle if update.inline_query is not None else self.throttle
        wait = throttle.wait(who)
        if not wait:
            return True
        inline = update.inline_query is not None
        if inline and wait <= INLINE_HOLD and await self._inline_turn(who, wait, throttle):
            return True
        log.debug("throttling user %s for %.1f s", who, wait)
        if update.callback_query is not None:
            await self._acknowledge(update.callback_query, SLOW_DOWN_SHORT)
        elif update.inline_query is not None:
            await _answer_inline(update.inline_query, [], cache_time=0)
        elif update.effective_message is not None and self.throttle.should_tell(who, wait):
            text = SLOW_DOWN.format(seconds=max(1, round(wait)))
            await self._send(context, Target.of(update.effective_message), [text], plain=True)
        return False

    async def _inline_turn(self, who: int, wait: float, throttle: Throttle) -> bool:
        """Whether an inline query over its user's limit may be answered after waiting
        `wait` seconds for a token (INLINE_HOLD): not if a newer query of theirs comes
        meanwhile, which waits in its place, so the query last typed is the one answered."""
        older = self._inline_held.get(who)
        if older is not None:
            older.set()  # it gives way to this one
        newer = self._inline_held[who] = asyncio.Event()
        try:
            await asyncio.wait_for(newer.wait(), wait + 0.01)  # its token back, rounding aside
            return False  # a newer query came
        except TimeoutError:
            return not throttle.wait(who)
        finally:
            if self._inline_held.get(who) is newer:
                del self._inline_held[who]

    def is_blocked(self, chat_id: int) -> bool:
        """Whether the chat refused the bot's last message (blocked it, or removed it)."""
        return chat_id in self._blocked

    def topic_gone(self, chat_id: int, thread_id: int | None) -> bool:
        """Whether Telegram said this forum topic of the chat is gone (deleted)."""
        return thread_id is not None and (chat_id, thread_id) in self._gone_topics

    def moved_to(self, chat_id: int) -> int | None:
        """The new id of a group that became a supergroup (Telegram said so), if it did."""
        return self._moved.get(chat_id)

    def swap(self, backend: Backend) -> None:
        """Answer from a new library from now on (searches in progress finish on the old)."""
        self.backend = backend
        if self.workers is not None:
            self.workers.restart()  # new processes load the new index
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # no loop: the first question starts them
                return
            # ... now, not when the first question after the reload comes and waits for it
            self._warming = loop.create_task(self._warm(self.workers))

    @staticmethod
    async def _warm(workers: SearchWorkers) -> None:
        try:
            await workers.warm()
        except Exception as exc:  # the first question will start them, or say why not
            log.warning("could not start the new search workers ahead (%s)", exc)

    async def send(
        self,
        context: Context,
        target: Target,
        messages: Sequence[str],
        *,
        plain: bool = False,
        flood_wait: bool = True,
    ) -> Message | None:
        """Send messages to a chat (see _send); None when the chat is closed to the bot.
        `flood_wait` False: flood control (429) raises RetryAfter at once, where a reply
        waits out its chat's retry_after (40 s and more: FloodLimiter); an alert goes with
        a later refresh instead, and a refresh's other chats' alerts are not held up."""
        token = _FLOOD_WAIT.set(flood_wait)
        try:
            return await self._send(context, target, messages, plain=plain)
        finally:
            _FLOOD_WAIT.reset(token)

    async def admit(self, update: Update, context: Context) -> bool:
        """Whether a reply to this update may be sent now (see _admit)."""
        return await self._admit(update, context)

    def _note_blocked(self, chat_id: int, error: TelegramError) -> None:
        if chat_id not in self._blocked:
            self._blocked.add(chat_id)
            log.info("chat %s is closed to the bot (%s); not answering there", chat_id, error)

    async def _send(
        self,
        context: Context,
        target: Target,
        messages: Sequence[str],
        markup: InlineKeyboardMarkup | None = None,
        *,
        plain: bool = False,
    ) -> Message | None:
        """Send messages (markup under the last); HTML the API refuses goes again as plain text.

        A chat that blocked the bot ends the sending quietly; returns the last message sent.
        A group that became a supergroup gets them at its new id (from now on).
        """
        moved = self._moved.get(target.chat_id)
        if moved is not None:
            target = Target(moved)
        async with self._turn(target.chat_id):
            return await self._send_all(context, target, messages, markup, plain)

    @asynccontextmanager
    async def _turn(self, chat_id: int) -> AsyncIterator[None]:
        """One send at a time to a chat: a reply of several messages (an article, a page)
        arrives in one piece, where two taps at once had interleaved two articles' parts."""
        lock, holders = self._turns.get(chat_id, (asyncio.Lock(), 0))
        self._turns[chat_id] = (lock, holders + 1)
        try:
            async with lock:
                yield
        finally:
            lock, holders = self._turns[chat_id]
            if holders == 1:
                del self._turns[chat_id]
            else:
                self._turns[chat_id] = (lock, holders - 1)

    async def _send_all(
        self,
        context: Context,
        target: Target,
        messages: Sequence[str],
        markup: InlineKeyboardMarkup | None,
        plain: bool,
    ) -> Message | None:
        """`_send`'s messages, in its chat's turn. Outside forum topics, a reply's later parts
        reply each to the part before: in a channel's comment thread (a discussion group's
        thread, which has no topic id to send to) only replies stay in the thread, and parts
        2 to 8 of an article had gone to the group's main chat."""
        last: Message | None = None
        for index, text in enumerate(messages):
            keyboard = markup if index == len(messages) - 1 else None
            reply_to = target.reply_to if index == 0 else None
            if index and target.reply_to is not None and target.thread_id is None:
                reply_to = last.message_id if last is not None else None  # the part before
            reply = (
                ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to is not None
                else None
            )
            try:
                try:
                    last = await self._send_one(context, target, text, reply, keyboard, plain)
                except BadRequest as exc:
                    if not _thread_gone(exc, target):
                        raise
                    log.info(
                        "topic %s of chat %s is gone (%s); answering in the chat",
                        target.thread_id,
                        target.chat_id,
                        exc,
                    )
                    if target.thread_id is not None:  # as _thread_gone requires
                        self._gone_topics.add((target.chat_id, target.thread_id))
                    target = Target(target.chat_id, None, target.reply_to)
                    last = await self._send_one(context, target, text, reply, keyboard, plain)
                except ChatMigrated as exc:
                    new_id = int(exc.new_chat_id)
                    log.info("chat %s became supergroup %s; sending there", target.chat_id, new_id)
                    self._moved[target.chat_id] = new_id
                    self._migrated(context, target.chat_id, new_id)
                    target = Target(new_id)  # its topics and messages have other ids there
                    last = await self._send_one(context, target, text, None, keyboard, plain)
            except Forbidden as exc:
                self._note_blocked(target.chat_id, exc)
                return None
        self._blocked.discard(target.chat_id)  # reachable again (unblocked, or re-added)
        return last

    async def _send_one(
        self,
        context: Context,
        target: Target,
        text: str,
        reply: ReplyParameters | None,
        keyboard: InlineKeyboardMarkup | None,
        plain: bool,
    ) -> Message:
        """One message; HTML the API refuses goes again as plain text."""
        if plain:
            return await self._send_plain(context, target, text, reply, keyboard)
        try:
            return await _send_message(
                context,
                target.chat_id,
                text,
                message_thread_id=target.thread_id,
                reply_parameters=reply,
                reply_markup=keyboard,
            )
        except BadRequest as exc:
            if _cannot_write(exc) or _thread_gone(exc, target):
                raise  # no other form of the message would go there: _send or on_error
            if reply is not None and _REPLY_REFUSED.search(exc.message):
                log.info("Telegram refused the reply (%s); sending the message without it", exc)
                return await self._send_one(context, target, text, None, keyboard, plain)
            log.warning("Telegram refused a message (%s); sending it as plain text", exc)
            plain_text = html_to_plain(text)
            return await self._send_plain(context, target, plain_text, reply, keyboard)

    async def _send_plain(
        self,
        context: Context,
        target: Target,
        text: str,
        reply: ReplyParameters | None,
        keyboard: InlineKeyboardMarkup | None,
    ) -> Message:
        """Send plain text; if the API refuses it, once more without buttons (a bad button, a
        keyboard too big, must not lose the words). A refusal of the message replied to
        (deleted meanwhile, where `allow_sending_without_reply` did not help) sends it again
        without the reply only, here as in `_send_one`: the answer had lost its HTML and
        its More and 📄 buttons. The topic stays: sent bare, a forum's answer or alert had
        landed in General (a deleted topic is `_send_all`'s, by `_thread_gone`)."""
        try:
            return await _send_message(
                context,
                target.chat_id,
                text,
                parse_mode=None,
                message_thread_id=target.thread_id,
                reply_parameters=reply,
                reply_markup=keyboard,
            )
        except BadRequest as exc:
            if _cannot_write(exc) or _thread_gone(exc, target):
                raise
            if reply is not None and _REPLY_REFUSED.search(exc.message):
                log.info("Telegram refused the reply (%s); sending the message without it", exc)
                return await self._send_plain(context, target, text, None, keyboard)
            log.warning("Telegram refused plain text (%s); sending it without buttons", exc)
            try:
                return await _send_message(
                    context,
                    target.chat_id,
                    text,
                    parse_mode=None,
                    message_thread_id=target.thread_id,
                    reply_parameters=reply,
                )
            except BadRequest as last:
                # a refusal of the topic `_thread_gone` does not know (MESSAGE_THREAD_INVALID):
                # the words in the chat's General topic, not lost
                if target.thread_id is None or not _TOPIC_REFUSED.search(last.message):
                    raise
                log.warning("Telegram refused the topic (%s); sending it to the chat", last)
                return await _send_message(context, target.chat_id, text, parse_mode=None)

    # questions

    def _memory(self, context: Context) -> QuestionMemory:
        store = context.bot_data.setdefault("questions", {})
        return QuestionMemory(store, self.settings.remember_questions)

    def _count(self, context: Context) -> None:
        self.answered += 1
        context.bot_data["answered"] = int(context.bot_data.get("answered", 0)) + 1

    def _count_inline(self, context: Context) -> None:
        """Count an inline search apart from questions: a client sends one per pause in
        typing, so they say little of how many questions were asked."""
        self.inline_searches += 1
        context.bot_data["inline"] = int(context.bot_data.get("inline", 0)) + 1

    async def _answer(
        self,
        context: Context,
        target: Target,
        question: str,
        *,
        as_of: date | None = None,
        offset: int = 0,
        shown: frozenset[str] = frozenset(),
        note: str | None = None,
    ) -> None:
        """Search, render and send one page of the answer to a question, with its buttons;
        `shown`: the results earlier pages showed (see _ranked); `note`: said above them."""
        question = typed_text(question)
        chat = self._small_talk(question) if not offset else None
        if chat is not None:  # "hello", "thanks": no search
            await self._send(context, target, render_html(Reply(question, (), chat=chat)))
            return
        day = as_of or self.today()
        page = await self._page(question, self.results, offset, day, shown, note)
        self._count(context)
        if offset and not page.refs:
            await self._send(context, target, [NO_MORE])
            return
        buttons = [
            InlineKeyboardButton(f"📄 {n}", callback_data=article_data(ref))
            for n, ref in enumerate(page.refs, start=offset + 1)
            if ref is not None
        ]
        if page.has_more:
            # a button from before knows not what its earlier pages showed: by position still
            seen = shown | {ref.check for ref in page.refs if ref is not None}
            kept = sorted(seen) if shown or not offset else []
            key = self._memory(context).remember(question, day, kept)
            next_offset = offset + len(page.refs)
            buttons.append(
                InlineKeyboardButton("More results", callback_data=more_data(key, next_offset))
            )
        rows = [buttons[i : i + ROW_BUTTONS] for i in range(0, len(buttons), ROW_BUTTONS)]
        await self._send(context, target, page.messages, _keyboard(rows))

    async def on_text(self, update: Update, context: Context) -> None:
        """A text message: a question in private chats; in groups only when addressed."""
        message = update.effective_message
        if message is None or not _words_of(message)[0] or update.effective_user is None:
            return
        if (update.effective_user.is_bot and message.sender_chat is None) or (
            message.via_bot is not None and message.via_bot.id == context.bot.id
        ):
            # our own inline results shared in a chat, or another bot (an anonymous admin, or
            # a channel, writes as a bot account with sender_chat set: those are people)
            return
        # the bot's own name is no part of the question, in a private chat too (a message
        # forwarded into a group never gets here: on_gate)
        question = _without_mentions(message, context.bot.username, context.bot.id)
        if question is None and (
            message.chat.type == Chat.PRIVATE or _is_reply_to(message, context.bot.id)
        ):
            question = _words_of(message)[0]
        if question is None:  # a group message not addressed to us, unless by a command
            # not on an edit: the hint was said when it was sent
            edited = update.edited_message is not None
            later = None if edited else _later_command(message, context.bot.bot)
            if later is not None and await self._admit(update, context):
                hint = COMMAND_NOT_FIRST.format(command=typed_echo(later))
                await self._send(context, Target.of(message), [hint], plain=True)
            return
        question = self._from_command(message, " ".join(question.split()), context)
        if question.startswith("/"):
            name = self._own_command(question, context)
            if message.text is None and name is not None and name != "ask":
                # "@newsbot /follow oil" on a photo ran the command: it is told what a bare
                # caption command is told (on_caption)
                if await self._admit(update, context):
                    hint = CAPTION_COMMAND.format(command="/" + name)
                    await self._send(context, Target.of(message), [hint], plain=True)
                return
            again = self._as_command(update, question, context)  # "@newsbot /help"
            if again is not None:
                await context.application.process_update(again)
                return
            if command := _COMMAND_WORD.match(question):  # "@newsbot /foo": one it lacks
                other = command.group(1)  # "@newsbot /ask@otherbot"
                hint = UNKNOWN_COMMAND
                if other and other.casefold() != (context.bot.username or "").casefold():
                    hint = OTHER_BOT_COMMAND.format(name=typed_echo(other))
                if await self._admit(update, context):
                    await self._send(context, Target.of(message), [hint], plain=True)
                return
        edited = update.edited_message is not None
        target = Target.of(message, quote=True if edited else None)
        if not await self._admit(update, context):
            return
        replied = (
            _replied_words(message, context.bot.username, context.bot.id)
            if names_nothing(question)
            else None
        )
        if replied is not None and not replied[0]:  # a photo's: nothing to search
            await self._send(context, target, [replied[1]], plain=True)
            return
        if replied is not None:  # "@newsbot is this true?" in reply to someone: their words
            await self._answer(context, target, replied[0], note=replied[1])
            return
        if not question:
            await self._send(context, target, [EMPTY_MENTION], plain=True)
            return
        if paging_words(question) or names_a_result(question):  # what buttons do here
            await self._send(context, target, [BUTTON_WORDS_HINT], plain=True)
            return
        if (about := self._command_help(question, context.bot.username)) is not None:
            await self._send(context, target, [about], plain=True)
            return
        if (slashless := await self._command_word_hint(question, target.chat_id)) is not None:
            await self._send(context, target, [slashless], plain=True)
            return
        # the address behind linked words, once the words are known to be a question: a
        # command ("@newsbot /follow gales") takes its words as typed
        await self._answer(context, target, _with_links(question, message))

    async def _command_word_hint(
        self, question: str, chat_id: int, *, slashed: bool = False
    ) -> str | None:
        """The hint for a command's name typed alone without its slash ("start", "Menu!",
        "stop"), or with it (`slashed`: "/menu", "/stop", commands the bot lacks), or None:
        searched, "stop" was told "No good match for “stop”", and "/stop" got "I don't know
        that command". A person who follows topics here and types "stop" is told how to
        unfollow them. Only the whole message: "stop and search powers" and "start-up
        funding" are questions, and `/ask stop` searches the word (a slashless hint says so;
        one who typed the slash meant a command). "please" may come with it, and a request to
        stop may say what ("stop alerts please", "unsubscribe me"); "stop the boats" is a
        question."""
        word = question.casefold()  # a command's name, as typed after its slash
        if not slashed:  # a message: its words, without "please"
            words = _WORD_OF_A_COMMAND.findall(word)
            words = [w for w in words if w not in _POLITE_WORDS]
            word = words[0] if len(words) == 1 else ""
            stops = words and words[0] in STOP_WORDS and len(words) <= 4
            if stops and all(w in _STOP_OBJECTS for w in words[1:]):  # "stop it please"
                word = words[0]
        if word in COMMAND_WORDS:
            command = COMMAND_WORDS[word]
            what = " says what I know, /help lists the rest" if command == "/start" else ""
            what = what or " lists them"
            hint = (SLASHED_WORD_HINT if slashed else COMMAND_WORD_HINT).format(
                command=command, what=what, word=word
            )
        elif word in STOP_WORDS:
            hint = STOP_FOLLOWS if await self._follows_any(chat_id) else STOP_NOTHING
        else:
            return None
        return hint if slashed else hint + ASK_THE_WORD.format(word=word)

    async def _follows_any(self, chat_id: int) -> bool:
        """Whether the chat follows a topic (has alerts to stop); a news store that cannot be
        read now (locked by a long write) is taken to say it may."""
        if self.desk is None:
            return False
        try:
            return bool(await asyncio.to_thread(self.desk.db.follows, chat_id))
        except StoreError as exc:
            log.warning("could not read this chat's follows (%s)", exc)
            return True

    def _from_command(self, message: Message, question: str, context: Context) -> str:
        """A message addressed to the bot (a private chat, its @name, a reply to it) from its
        command on, when only words that address the bot come before that ("hey @newsbot,
        /ask oil", "hello /latest"): it is that command, as "@newsbot /help" is. Searched,
        the command's own text had been the question ("No good match for “hey, /ask@newsbot
        oil”"), and "hey, /help" got a greeting."""
        command = _later_command(message, context.bot.bot, addressed=True)
        start = question.find(command) if command is not None else -1
        return question[start:] if start > 0 else question

    def _command_help(self, question: str, username: str) -> str | None:
        """What one of the bot's commands does, for a question that asks just that ("what
        does /ask do?", "how do I use /follow?"): its lines of /help, or its description in
        the command list, or all of /help for one without either (an admin's). It had been
        searched as news, and got "No good match". None for any other message, a command
        the bot lacks, or another bot's ("/ask@otherbot"): those are asked as before."""
        asked = _ASKS_ABOUT_A_COMMAND.fullmatch(question)
        if asked is None:
            return None
        name, bot = asked[1].casefold(), asked[2]
        if name not in self._command_names or (bot and bot.casefold() != username.casefold()):
            return None
        helps = HELP + ("\n" + NEWS_HELP if self.desk is not None else "")
        slashed = re.compile(rf"/{re.escape(name)}(?![A-Za-z0-9_])", re.IGNORECASE)
        lines = [line for line in helps.splitlines() if slashed.search(line)]
        if not lines:
            described = dict([*COMMANDS, *NEWS_COMMANDS]).get(name)
            lines = [f"/{name}: {described}"] if described else [HELP]
        return "\n".join(lines) + "\n\n" + EVERY_COMMAND

    def _own_command(self, text: str, context: Context) -> str | None:
        """The name of the bot's own command `text` starts with ("/help", "/help@newsbot"),
        lower-cased; None for one it lacks or another bot's."""
        name, _, bot = text.split(maxsplit=1)[0].removeprefix("/").partition("@")
        if name.casefold() not in self._command_names or (
            bot and bot.casefold() != (context.bot.username or "").casefold()
        ):
            return None
        return name.casefold()

    def _as_command(self, update: Update, text: str, context: Context) -> Update | None:
        """A message that names the bot and then gives one of its commands ("@newsbot /help"
        in a group) as the command alone, to handle as such; None for other text."""
        if self._own_command(text, context) is None:
            return None
        word = text.split(maxsplit=1)[0]
        data = update.to_dict()
        key = "message" if update.message is not None else "edited_message"  # edited too
        data[key]["text"] = text
        length = len(word.encode("utf-16-le")) // 2  # entities count UTF-16 units
        data[key]["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        again = Update.de_json(data, context.bot)
        _keep(self._redispatched, id(again))  # the gate let its message through already
        return again

    async def on_ask(self, update: Update, context: Context) -> None:
        """/ask QUESTION: the same answer as a plain message. In reply to another's message,
        a question that names nothing ("/ask is this true?", "/ask source?", "/ask" alone)
        asks about that message, as "@newsbot is this true?" does (on_text): it had searched
        "source" itself, or asked who "this" is."""
        message = update.effective_message
        if message is None:
            return
        if not await self._admit(update, context):
            return
        question = _with_links(_command_rest(message), message)
        target = Target.of(message, quote=True if update.edited_message else None)
        replied = (
            _replied_words(message, context.bot.username, context.bot.id)
            if names_nothing(question)
            else None
        )
        if replied is not None and not replied[0]:  # a photo's: nothing to search
            await self._send(context, target, [replied[1]], plain=True)
            return
        if replied is not None:
            await self._answer(context, target, replied[0], note=replied[1])
            return
        if not question:
            text = ASK_USAGE.format(example=self._example())
            await self._send(context, target, [text], plain=True)
            return
        await self._answer(context, target, question)

    async def on_more_button(self, update: Update, context: Context) -> None:
        """The "More" button: the next page of the same ranking, as new messages."""
        query = update.callback_query
        if query is None or query.data is None:
            return
        match = _MORE.fullmatch(query.data)
        target = self._button_target(query)
        if match is None or target is None:
            await self._acknowledge(query, STALE_BUTTON)
            return
        remembered = self._memory(context).recall_page(match[1])
        if remembered is None:
            await self._acknowledge(query, EXPIRED, show_alert=True)
            return
        pressed = _press(query, target)
        if pressed in self._pressed:
            await self._acknowledge(query)  # that page is on its way already
            return
        if not await self._admit(update, context):
            return
        _keep(self._pressed, pressed)
        question, as_of, shown = remembered
        try:
            await self._acknowledge(query)
            # the results shown so far, when kept, say where the page starts: the button's
            # offset only numbered it, and a forged one ("m:KEY:999999") had numbered it on
            # from 1000000
            offset = len(shown) if shown else int(match[2])
            await self._answer(context, target, question, as_of=as_of, offset=offset, shown=shown)
        except BaseException:
            self._pressed.pop(pressed, None)  # nothing was sent: another press may try again
            raise
        if target.chat_id in self._blocked:  # nothing reached the chat: the button stays live
            self._pressed.pop(pressed, None)
            return
        if not await self._drop_buttons(query, "m:"):
            # the button still shows: pressed again, it sends the page again (it had done
            # nothing, for good) and tries again to go
            self._pressed.pop(pressed, None)

    async def _acknowledge(
        self, query: CallbackQuery, text: str | None = None, *, show_alert: bool | None = None
    ) -> bool:
        """Answer a button press (the client stops its spinner, or shows the text); False when
        Telegram refused (too late, or answered already) or could not be reached (a timeout,
        a 5xx), or flood control asked to wait (longer than Telegram takes an
        acknowledgement: it is given up, FloodLimiter). That is harmless, so it is only
        logged, and whatever the press asked for is still sent at once: a network blip here
        had lost the page or article, and flood control had held it back 40 s."""
        _keep(self._acknowledged, query.id)
        try:
            await query.answer(text, show_alert=show_alert)
        except RetryAfter as exc:
            log.info(
                "flood control: gave up acknowledging a button press (asked to wait %.0f s); "
                "answering it anyway",
                retry_seconds(exc),
            )
            return False
        except BadRequest as exc:
            if _is_late(exc):
                log.debug("Telegram refused to acknowledge a button press (%s)", exc)
            else:
                log.warning("Telegram refused to acknowledge a button press (%s)", exc)
            return False
        except NetworkError as exc:  # TimedOut, a 5xx (a BadRequest is one too: see above)
            log.info("could not acknowledge a button press (%s); answering it anyway", exc)
            return False
        return True

    def _button_target(self, query: CallbackQuery) -> Target | None:
        """Where answers to a button under one of our messages go (None for inline messages).

        Under a message Telegram no longer shows the bot (an old or deleted one), the topic
        is unknown: in a group the answer replies to that message, which Telegram puts in
        its topic (or, the message gone, in the chat)."""
        message = query.message
        if message is None:
            return None
        if isinstance(message, Message):  # ours, maybe edited: quoted in groups only
            return Target.of(message, quote=message.chat.type != Chat.PRIVATE)
        if message.chat.type == Chat.PRIVATE or not message.message_id:
            return Target(message.chat.id)
        return Target(message.chat.id, reply_to=message.message_id)

    async def _drop_buttons(self, query: CallbackQuery, prefix: str) -> bool:
        """Remove the buttons whose data starts with prefix from the pressed message; False
        when they may still be there (Telegram out of reach, a timeout, a 5xx), and for a
        message Telegram no longer shows the bot (an old one, date 0): its buttons are
        unknown, so none can go, and a later press must send the page again (it had been
        taken for a second press of one in flight, and did nothing, for good). That is only
        cosmetic, and the page is sent already: logged, never an error or an apology."""
        message = query.message
        if not isinstance(message, Message) or not message.is_accessible:
            return False
        if message.reply_markup is None:
            return True
        rows = [
            [
                b
                for b in row
                if not (isinstance(b.callback_data, str) and b.callback_data[:2] == prefix)
            ]
            for row in message.reply_markup.inline_keyboard
        ]
        if rows == [list(row) for row in message.reply_markup.inline_keyboard]:
            # no such button (an "l:" press under "o:" buttons): the same keyboard again was
            # refused, "message is not modified"
            return True
        try:
            await query.edit_message_reply_markup(_keyboard(rows))
        except BadRequest as exc:
            if _is_not_modified(exc):  # already changed by another press: the button is gone
                log.debug("could not update the buttons (%s)", exc)
                return True
            # "message can't be edited": the button stays, and a later press must send the
            # page again (taken for a page sent, it had done nothing, for good)
            log.info("could not remove a pressed button (%s)", exc)
            return False
        except TelegramError as exc:
            log.info("could not remove a pressed button (%s)", exc)
            return False
        return True

    # articles and lists

    async def _article_messages(self, number: int, check: str | None) -> list[str] | None:
        """Article `number` in full, as messages; None when it is gone (or the check does not
        match)."""
        info = self.backend.info

        def render() -> list[str] | None:
            article = info.article(number)
            if article is None or (check is not None and article_check(article) != check):
                # a rebuild renumbers the articles (retention pruning, a new index format):
                # the article may be there under another number
                moved = info.number_by_check(check) if check is not None else None
                article = info.article(moved) if moved is not None else None
                if article is None:
                    return None
            return render_article_html(article, max_messages=MAX_ARTICLE_MESSAGES)

        return await self._work(render)

    async def _send_article(
        self, context: Context, target: Target, number: int, check: str | None
    ) -> bool:
        """Send article `number` in full; False when it is gone (or the check does not match)."""
        messages = await self._article_messages(number, check)
        if messages is None:
            return False
        await self._send(context, target, messages)
        return True

    async def on_article_button(self, update: Update, context: Context) -> None:
        """The 📄 button under a result: its whole article."""
        query = update.callback_query
        if query is None or query.data is None:
            return
        match = _ARTICLE.fullmatch(query.data)
        target = self._button_target(query)
        if match is None or target is None:
            await self._acknowledge(query, STALE_BUTTON)
            return
        pressed = _press(query, target)
        if pressed in self._pressed:
            await self._acknowledge(query)  # that article is on its way already
            return
        group = query.message is not None and query.message.chat.type != Chat.PRIVATE
        shown = (target.chat_id, target.thread_id, int(match[1]))
        if group and self._clock() - self._shown.get(shown, -math.inf) < ARTICLE_SHOWN_SECONDS:
            await self._acknowledge(query, ARTICLE_ABOVE)  # a private chat reads it again
            return
        if not await self._admit(update, context):
            return
        _keep(self._pressed, pressed)
        try:
            messages = await self._article_messages(int(match[1]), match[2])
            if messages is None:
                await self._acknowledge(query, ARTICLE_GONE, show_alert=True)
                return
            # first: up to 8 messages may take long (a group's rate limit), and Telegram
            # refuses an acknowledgement after about 15 s
            await self._acknowledge(query)
            if await self._send(context, target, messages) is not None and group:
                _remember(self._shown, shown, self._clock())
        finally:
            self._pressed.pop(pressed, None)  # sent: a later press reads it again

    async def on_article(self, update: Update, context: Context) -> None:
        """/article WORDS: the whole article that best matches the words."""
        message = update.effective_message
        if message is None or not await self._admit(update, context):
            return
        words = _with_links(_command_rest(message), message)
        target = Target.of(message)
        if not words:
            text = ARTICLE_USAGE.format(example=self._example())
            await self._send(context, target, [text], plain=True)
            return
        if self._small_talk(typed_text(words)) is not None or names_nothing(words):
            # "/article hi", "/article is it true?": the reply a message gets, not a whole
            # article of "hi-tech labs" in up to 8 messages
            await self._answer(context, target, words)
            return
        page = await self._page(words, 1, 0, self.today())
        self._count(context)
        best = page.refs[0] if page.refs else None
        if best is None or any(UNHELD_LINK in message for message in page.messages):
            # a link to a story not here: the answer says so; the whole of another story,
            # sent without a word, had passed for the linked one
            await self._send(context, target, page.messages)
            return
        if not await self._send_article(context, target, best.number, best.check):
            await self._send(context, target, [ARTICLE_GONE], plain=True)

    async def _latest(
        self,
        context: Context,
        target: Target,
        offset: int,
        source: str | None = None,
        after: str | None = None,
    ) -> None:
        """A page of /latest: `offset` headlines were shown before it; it starts after the
        article `after` names (its `article_check`), else at `offset` (older buttons)."""
        info = self.backend.info

        def collect() -> tuple[list[tuple[int, Article]], bool]:
            start = offset if after is None else latest_start(info, offset, after, source)
            numbers = info.newest(LATEST_PAGE + 1, start, source=source)
            found = [(n, a) for n in numbers[:LATEST_PAGE] if (a := info.article(n)) is not None]
            return found, len(numbers) > LATEST_PAGE

        found, has_more = await self._work(collect)
        if not found:
            empty = (
                NO_OLDER
                if offset
                else (NO_SOURCE.format(source=typed_echo(source)) if source else NO_ARTICLES)
            )
            await self._send(context, target, [empty], plain=True)
            return
        sources = {a.source for _, a in found}
        # the source's own name when the typed one names just it ("nordic": Nordic Wire)
        named = sources.pop() if source and len(sources) == 1 else None
        title = f"Latest from {typed_echo(named or source)}" if source else "Latest headlines"
        messages = render_headlines_html(
            [a for _, a in found], first=offset + 1, title=None if offset else title
        )
        numbered = [
            InlineKeyboardButton(
                f"📄 {i}", callback_data=article_data(ArticleRef(n, article_check(a)))
            )
            for i, (n, a) in enumerate(found, start=offset + 1)
        ]
        rows = [numbered[i : i + ROW_BUTTONS] for i in range(0, len(numbered), ROW_BUTTONS)]
        after = article_check(found[-1][1])
        older = latest_data(offset + LATEST_PAGE, source, after)
        if older is None and source:  # its name is too long for 64 bytes: kept, by key
            key = self._memory(context).remember(source, self.today())
            older = f"s:{offset + LATEST_PAGE}:{after}:{key}"
        if has_more and older is not None:
            rows.append([InlineKeyboardButton("Older headlines", callback_data=older)])
        await self._send(context, target, messages, _keyboard(rows))

    async def on_latest(self, update: Update, context: Context) -> None:
        """/latest: the newest headlines, with buttons to read each and to page on."""
        message = update.effective_message
        if message is None or not await self._admit(update, context):
            return
        rest = _command_rest(message)
        source = _LATEST_SOURCE.fullmatch(rest)
        if rest and source is None:
            await self._send(context, Target.of(message), [LATEST_USAGE], plain=True)
            return
        name = (source[1] or source[2]).strip() if source else None
        await self._latest(context, Target.of(message), 0, name or None)

    async def on_latest_button(self, update: Update, context: Context) -> None:
        """The "Older" button under /latest: after the last headline shown; a button from
        before the bot kept that (`l:`) pages by position, as it always did."""
        query = update.callback_query
        if query is None or query.data is None:
            return
        cursor = _OLDER.fullmatch(query.data)
        by_position = _LATEST.fullmatch(query.data)
        kept = _OLDER_KEPT.fullmatch(query.data)
        source: str | None = None
        if kept is not None:  # a long source name, kept with the questions
            recalled = self._memory(context).recall(kept[3])
            cursor = kept if recalled is not None else None
            source = recalled[0] if recalled is not None else None
        elif cursor is not None:
            source = cursor[3] or None
        target = self._button_target(query)
        if (cursor is None and by_position is None) or target is None:
            await self._acknowledge(query, STALE_BUTTON)
            return
        pressed = _press(query, target)
        if pressed in self._pressed:
            await self._acknowledge(query)  # that page is on its way already
            return
        if not await self._admit(update, context):
            return
        _keep(self._pressed, pressed)
        try:
            await self._acknowledge(query)
            if cursor is not None:
                await self._latest(context, target, int(cursor[1]), source, cursor[2])
            elif by_position is not None:
                await self._latest(context, target, int(by_position[1]), by_position[2] or None)
        except BaseException:
            self._pressed.pop(pressed, None)  # nothing was sent: another press may try again
            raise
        if target.chat_id in self._blocked:  # nothing reached the chat: the button stays live
            self._pressed.pop(pressed, None)
            return
        if not await self._drop_buttons(query, query.data[:2]):
            # the button still shows: pressed again, it sends the page again (it had done
            # nothing, for good) and tries again to go
            self._pressed.pop(pressed, None)

    async def on_stale_button(self, update: Update, context: Context) -> None:
        """Any other button (an older version's, or a forged one)."""
        if update.callback_query is not None:
            await self._acknowledge(update.callback_query, STALE_BUTTON)

    # information

    def example(self) -> str:
        """An example question (the newest headline)."""
        return self._example()

    def _example(self) -> str:
        """An example question: the newest headline, which surely finds something. Kept
        while the library holds as many articles and passages: finding it sorts the library,
        on the event loop, and every "hi" asked for it."""
        info = self.backend.info
        key = (info.n_articles, info.n_paragraphs)
        if self._example_for is None or self._example_for[0] != key:
            self._example_for = key, example_question(info) or FALLBACK_EXAMPLE
        return self._example_for[1]

    def _small_talk(self, words: str) -> str | None:
        """The reply to small talk (`small_talk`), suggesting this library's example question;
        None for a question. The example is looked up only for small talk: finding the newest
        headline sorts the library, too much for every question on the event loop."""
        if small_talk(words) is None:
            return None
        return small_talk(words, self._example())

    def _help(self, bot: Bot) -> str:
        """/help's text; inline mode is offered only when getMe says the bot has it (set with
        /setinline in @BotFather): "type @bot and a question" does nothing in a chat
        otherwise, and the bot looked broken."""
        news = "\n\n" + NEWS_HELP if self.desk is not None else ""
        inline = ""
        if bot.supports_inline_queries:
            inline = "\n" + INLINE_HELP.format(username=bot.username)
        return HELP + news + inline

    async def on_start(self, update: Update, context: Context) -> None:
        """/start: what the bot knows and how to ask; `/start a-N-check` opens an article."""
        message = update.effective_message
        if message is None or not await self._admit(update, context):
            return
        target = Target.of(message)
        if context.args and (match := _DEEP_LINK.fullmatch(context.args[0])):
            if not await self._send_article(context, target, int(match[1]), match[2]):
                await self._send(context, target, [ARTICLE_GONE], plain=True)
            return
        info = self.backend.info
        welcome = render_welcome_html(
            info.n_articles, info.date_range(), self._example(), info.n_dated()
        )
        await self._send(context, target, [welcome + "\n\n" + self._help(context.bot)])

    async def on_help(self, update: Update, context: Context) -> None:
        """/help: how to use the bot."""
        message = update.effective_message
        if message is not None and await self._admit(update, context):
            await self._send(context, Target.of(message), [self._help(context.bot)])

    async def on_sources(self, update: Update, context: Context) -> None:
        """/sources: each source with its number of articles."""
        message = update.effective_message
        if message is None or not await self._admit(update, context):
            return
        counts = self.backend.info.source_counts()
        if not counts:
            await self._send(context, Target.of(message), [NO_SOURCES], plain=True)
            return
        rows = [
            (name, f"{count:,} article{'s' if count != 1 else ''}")
            for name, count in counts[:MAX_SOURCES_SHOWN]
        ]
        if len(counts) > MAX_SOURCES_SHOWN:
            rest = len(counts) - MAX_SOURCES_SHOWN
            rows.append(("…", f"{rest:,} more sources"))
        title = f"{len(counts):,} source{'s' if len(counts) != 1 else ''}"
        await self._send(context, Target.of(message), render_facts_html(title, rows))

    async def on_stats(self, update: Update, context: Context) -> None:
        """/stats: articles, passages, sources, dates, index age, questions answered (inline
        searches apart)."""
        message = update.effective_message
        if message is None or not await self._admit(update, context):
            return
        info = self.backend.info
        now = datetime.now(UTC)
        rows = [
            ("Articles", f"{info.n_articles:,}"),
            ("Passages", f"{info.n_paragraphs:,}"),
            ("Sources", f"{len(info.source_counts()):,}"),
        ]
        dates = info.date_range()
        if dates is not None:
            span = date_span(dates)
            dated = info.n_dated()
            if dated < info.n_articles:  # the range is of the dated ones only
                span += f" ({dated:,} of {info.n_articles:,} articles dated)"
            rows.append(("Published", span))
        if info.built_at is not None:
            built = info.built_at.astimezone(UTC)
            age = _age((now - built).total_seconds())
            rows.append(("Index built", f"{built:%Y-%m-%d %H:%M} UTC ({age} ago)"))
        total = int(context.bot_data.get("answered", 0))
        rows.append(("Questions answered", f"{self.answered:,} since start, {total:,} in all"))
        inline = int(context.bot_data.get("inline", 0))
        rows.append(("Inline searches", f"{self.inline_searches:,} since start, {inline:,} in all"))
        rows.append(("Up for", _age((now - self.started).total_seconds())))
        await self._send(context, Target.of(message), render_facts_html("Newsbot", rows))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        """A command the bot does not have: a hint in private, or when named in a group."""
        message = update.effective_message
        if message is None:
            return
        addressed = _command_target(message)
        if addressed is None:
            return
        private = message.chat.type == Chat.PRIVATE
        if addressed and addressed != context.bot.username.casefold():
            if not private:
                return  # in a group, /command@otherbot is the other bot's
            # only this bot reads a private chat: say why it does nothing
            hint = OTHER_BOT_COMMAND.format(name=typed_echo(addressed))
        elif not private and not addressed and not _is_reply_to(message, context.bot.id):
            return  # a bare /command in a group may be another bot's (not in a reply to us)
        else:
            hint = await self._unknown_command_hint(message)
        if await self._admit(update, context):
            await self._send(context, Target.of(message), [hint], plain=True)

    async def _unknown_command_hint(self, message: Message) -> str:
        """The hint for a command the bot lacks: the one its name gets typed without its
        slash when it is a command word ("/menu", "/stop": `_command_word_hint`), else that
        the bot does not know it."""
        command = _command_of(message) or ""
        name = command.removeprefix("/").partition("@")[0]
        rest = _command_rest(message)
        hint = None if rest else await self._command_word_hint(name, message.chat.id, slashed=True)
        return hint or UNKNOWN_COMMAND

    async def on_caption(self, update: Update, context: Context) -> None:
        """A photo, video or file with a caption: the caption is read as a text message would
        be (a question in a private chat; in a group when it mentions the bot or replies to
        it), and a caption "/ask QUESTION" asks. Another command in a caption gets a hint
        where a text command would get an answer (a private chat; in a group, one that names
        the bot or replies to it): commands are for text messages; another bot's, whose it
        is (in a private chat)."""
        message = update.effective_message
        if message is None:
            return
        self._first_of_album(message, captioned=True)  # its other photos get no hint
        command = _command_of(message)
        if command is None:
            await self.on_text(update, context)
            return
        name, _, bot = command.removeprefix("/").partition("@")
        private = message.chat.type == Chat.PRIVATE
        if bot and bot != (context.bot.username or "").casefold():
            if private and await self._admit(update, context):  # as for a text message
                hint = OTHER_BOT_COMMAND.format(name=typed_echo(bot))
                await self._send(context, Target.of(message), [hint], plain=True)
            return  # in a group, another bot's
        if name == "ask":
            await self.on_ask(update, context)
        elif (private or bot or _is_reply_to(message, context.bot.id)) and await self._admit(
            update, context
        ):
            # in a group, "/latest@newsbot" on a photo (or a command in reply to the bot) is
            # the bot's to answer, as the same text would be: it had got silence
            hint = CAPTION_COMMAND.format(command="/" + name)
            await self._send(context, Target.of(message), [hint], plain=True)

    async def on_not_text(self, update: Update, context: Context) -> None:
        """A sticker, photo or the like in a private chat: a hint, once an album. An album's
        caption may be on a later photo than the first (each is an update of its own, a moment
        apart): its hint waits ALBUM_WAIT seconds, and goes only if no photo of the album had
        a caption (that one was answered; the hint as well had said the bot cannot read it)."""
        message = update.effective_message
        if message is None or not self._first_of_album(message):
            return
        queue = context.job_queue
        if message.media_group_id is not None and queue is not None:
            queue.run_once(
                self._album_hint, ALBUM_WAIT, data=update, job_kwargs={"misfire_grace_time": None}
            )
            return
        await self._hint_not_text(update, context)

    async def _album_hint(self, context: Context) -> None:
        """An album's hint, ALBUM_WAIT seconds after its first photo, unless a photo of it had
        a caption meanwhile."""
        update = context.job.data if context.job is not None else None
        if not isinstance(update, Update) or update.effective_message is None:
            return
        message = update.effective_message
        if self._albums.get((message.chat.id, message.media_group_id or "")):
            return
        # quoting the photo: sent late, unquoted, it read as the reply to a question asked
        # meanwhile (a verifier: the answer, then "I can only read text")
        await self._hint_not_text(update, context, quote=True)

    async def _hint_not_text(
        self, update: Update, context: Context, *, quote: bool = False
    ) -> None:
        message = update.effective_message
        if message is not None and await self._admit(update, context):
            target = Target.of(message, quote=True) if quote else Target.of(message)
            await self._send(context, target, [NOT_TEXT], plain=True)

    # inline mode

    async def on_inline(self, update: Update, context: Context) -> None:
        """`@bot words` in any chat: result cards, paged; no words: the latest headlines."""
        query = update.inline_query
        if query is None or not await self._admit(update, context):
            return
        offset, key = _inline_offset(query.offset)
        if offset > MAX_INLINE_OFFSET:
            await _answer_inline(query, [], cache_time=self.settings.inline_cache_time)
            return
        words = _inline_words(typed_text(" ".join(query.query.split())), context.bot.username)
        size = self.settings.inline_results
        hint = self._inline_hint(words)
        if hint is not None:  # one card that says what to type, as a chat is told
            hints = [_inline_result("0", hint, "")] if not offset else []
            await _answer_inline(query, hints, cache_time=self.settings.inline_cache_time)
            return
        day = self.today()
        kept = self._inline_pages.recall_page(key) if key is not None else None
        shown = kept[2] if kept is not None and kept[0] == words else frozenset()
        if words:
            if self.workers is not None:
                found = await self.workers.run(worker_inline, words, size, offset, day, shown)
            else:
                searcher = self.backend.searcher
                found = await self._work(inline_page, searcher, words, size, offset, day, shown)
            self._count_inline(context)
        else:
            found = await self._work(latest_cards, self.backend.info, size, offset)
        cards, has_more = found
        next_offset = str(offset + size)
        if words and has_more and (shown or not offset):  # else by position (an unknown key)
            # the next page leaves out what this one and those before it show
            seen = shown | {c.ref.check for c in cards if c.ref is not None}
            next_offset += ":" + self._inline_pages.remember(words, day, sorted(seen))
        results = [
            _inline_result(f"{offset + i}", c, context.bot.username) for i, c in enumerate(cards)
        ]
        await _answer_inline(
            query,
            results,
            cache_time=self.settings.inline_cache_time,
            next_offset=next_offset if has_more else None,  # None: "" is sent as "[]"
        )

    def _inline_hint(self, words: str) -> Card | None:
        """The card for an inline query that is no question about the news: small talk
        ("thanks", "hello") or one that names nothing ("is it true?", "source?"; inline
        there is no message it could be about). Searched, "thanks" showed stories of Oscar
        "glory" and "hello" a football story, which a tap would post into the chat."""
        if not words:
            return None
        chat = self._small_talk(words)
        if chat is None and not names_nothing(words):
            return None
        text = chat or INLINE_NAMES_NOTHING.format(example=self._example())
        return Card(INLINE_ASK, text, render_html(Reply(words, (), chat=text))[0], None)

    # admin

    async def on_reload(self, update: Update, context: Context) -> None:
        """/reload (admins): re-read the sources in a thread, keep answering, then swap."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or not await self._admit(update, context):
            return  # admins are never throttled
        target = Target.of(message)
        if user.id not in self.settings.admin_ids:
            # in a group, a bare /reload may be another bot's (a hidden command of ours):
            # refused only when addressed to this bot by name
            command, *_ = (message.text or message.caption or "").split(maxsplit=1) or [""]
            if message.chat.type == Chat.PRIVATE or "@" in command:
                await self._send(context, target, [ADMINS_ONLY], plain=True)
            return
        if self.reopen is None:
            await self._send(context, target, [NO_RELOAD], plain=True)
            return
        if self.reload_lock.locked():
            await self._send(context, target, [RELOAD_BUSY], plain=True)
            return
        await self._send(context, target, [RELOADING], plain=True)
        await self._send(context, target, [await self.reload()], plain=True)

    async def reload(self) -> str:
        """Re-open the sources off the event loop and swap the new library in; says how it
        went (the old library keeps answering if anything fails)."""
        if self.reopen is None:
            return NO_RELOAD
        if self.reload_lock.locked():
            return RELOAD_BUSY
        async with self.reload_lock:
            before = self.backend.info.n_articles
            try:
                backend = await asyncio.to_thread(self.reopen)
            except (CorpusError, ConfigError, StoreError) as exc:
                # the user's to fix, said in one line (a corpus folder deleted): the
                # traceback only with --debug
                log.warning("reload failed; still answering from the old library: %s", exc)
                log.debug("reload failed", exc_info=exc)
                return RELOAD_FAILED.format(error=exc)
            except Exception as exc:  # a reload must never take the bot down
                log.warning("reload failed; still answering from the old library", exc_info=exc)
                return RELOAD_FAILED.format(error=exc)
            info = backend.info
            if backend.generation is not None and backend.generation == self.backend.generation:
                # the index it loaded is the one in use: the warm searcher and the search
                # workers stay (a reload every minute restarted the workers every minute)
                backend = self.backend
                log.debug("reload: nothing changed (%d articles)", info.n_articles)
            else:
                self.swap(backend)
                log.info("reloaded: %d articles, %d passages", info.n_articles, info.n_paragraphs)
        change = info.n_articles - before
        return RELOADED.format(
            articles=counted(info.n_articles, "article"),
            paragraphs=counted(info.n_paragraphs, "passage"),
            change=f"{change:,} new"
            if change > 0
            else f"{-change:,} fewer"
            if change
            else "none new",
        )

    async def _reload_job(self, context: Context) -> None:
        await self.reload()

    # errors

    async def on_error(self, update: object, context: Context) -> None:
        """Log the error with its traceback and apologise to the user, briefly."""
        error = context.error
        chat = update.effective_chat if isinstance(update, Update) else None
        if isinstance(error, Forbidden):
            if chat is not None:
                self._note_blocked(chat.id, error)
            else:
                log.info("Telegram refused a request (%s)", error)
            return
        if isinstance(error, BadRequest) and _cannot_write(error):
            # muted in a group, a closed topic: a fact of that chat, not a bug, and an
            # apology could not go there either
            log.info("cannot write in chat %s (%s)", chat.id if chat else "?", error)
            return
        if isinstance(error, InvalidToken):  # revoked while serving (webhook mode, a send)
            revoked(context.application, error)
            return
        if update is None and context.job is None and isinstance(error, TelegramError):
            self._polling_error(error)
            return
        if isinstance(error, RetryAfter):
            # Telegram's flood control outlasted the waits (FloodLimiter): no bug to trace
            # (it had been two ERRORs with tracebacks), and an apology into the chat it just
            # told to slow down would meet the same 429
            where = chat.id if chat is not None else "?"
            log.warning(
                "flood control in chat %s outlasted the waits; reply dropped (%s)", where, error
            )
            return
        apology = APOLOGY
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            # Telegram's front (a 502) or the network: no bug to trace, and the reply may
            # have arrived, so no "went wrong on my side" under an answer given
            log.warning("Telegram did not confirm a reply (%s); it may have arrived", error)
            log.debug("the unconfirmed reply", exc_info=error)
            apology = UNCONFIRMED
        else:
            log.error("error while handling an update", exc_info=error)
        if not isinstance(update, Update):
            return
        try:
            if update.callback_query is not None:
                await self._apologise_for_press(context, update.callback_query, apology)
            elif update.inline_query is not None:
                # no results rather than none at all: the client stops waiting
                await _answer_inline(update.inline_query, [], cache_time=0)
            elif update.effective_message is not None and chat is not None:
                target = Target.of(update.effective_message)
                await self._send(context, target, [apology], plain=True)
        except TelegramError as exc:
            log.info("could not apologise (%s)", exc)

    def _polling_error(self, error: TelegramError) -> None:
        """A failed getUpdates, which python-telegram-bot retries (every few seconds while the
        network is down, or another process polls with the token): one line per problem, said
        again at most once a POLLING_ERROR_EVERY seconds; the traceback only with --debug."""
        log.debug("error while getting updates", exc_info=error)
        key = (type(error).__name__, str(error))
        now = self._clock()
        last = self._polling_told.get(key)
        if last is not None and now - last < POLLING_ERROR_EVERY:
            return
        self._polling_told[key] = now
        if isinstance(error, Conflict):
            log.warning(
                "Telegram refused to give this bot updates (%s): another instance is polling "
                "with this token; stop it",
                error,
            )
        elif isinstance(error, NetworkError):
            log.warning("could not get updates from Telegram (%s); retrying", error)
        else:
            log.warning("Telegram refused to give updates (%s); retrying", error)

    async def _apologise_for_press(
        self, context: Context, query: CallbackQuery, apology: str = APOLOGY
    ) -> None:
        """The apology for a press that went wrong: in the press's acknowledgement while there
        is none yet, else (Telegram takes one) as a message to the chat, in its topic. After
        an unconfirmed send (a timeout, a 5xx) it is UNCONFIRMED, as for a typed question: the
        article or page may be in the chat."""
        if query.id not in self._acknowledged and await self._acknowledge(query, apology):
            return
        target = self._button_target(query)
        if target is not None:
            await self._send(context, target, [apology], plain=True)


def _inline_result(result_id: str, found: Card, username: str) -> InlineQueryResultArticle:
    """A Card as Telegram's inline result, with a button that opens the whole article."""
    markup = None
    if found.ref is not None and username:
        link = deep_link(username, found.ref)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("📄 Whole article", url=link)]])
    return InlineQueryResultArticle(
        id=result_id,
        title=found.title,
        description=found.description,
        input_message_content=InputTextMessageContent(
            found.html,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        reply_markup=markup,
    )


# --- building and running ---------------------------------------------------------------------


MIN_SECRET_REDACTED = 8  # letters of a token's secret part redacted on its own (real: 35)


def token_pattern(token: str) -> re.Pattern[str]:
    """What redaction removes: the whole token and its secret part (after the colon), in any
    case. The secret alone leaks in a URL that lost its "/bot" (httpx: "Invalid port:
    'SECRET'"), and python-telegram-bot changes the case of error descriptions that may quote
    the request's path ("/bot123:secret/getupdates")."""
    secret = token.partition(":")[2]
    # a secret too short to be one (a placeholder's "1:a") alone would mangle every word
    # holding its letters: only the whole token then
    alone = {secret} if len(secret) >= MIN_SECRET_REDACTED else set()
    parts = sorted(({token} | alone) - {""}, key=len, reverse=True)  # the whole token first
    return re.compile("|".join(re.escape(part) for part in parts), re.IGNORECASE)


def redact(text: str, token: str) -> str:
    """The text with the token, and its secret part, as <token>."""
    return token_pattern(token).sub("<token>", text)


class RedactToken(logging.Filter):
    """Replaces the bot token in log records (httpx's INFO lines carry request URLs), and its
    secret part, in any case (see token_pattern); or another secret, as `pattern` finds it,
    with `shown` in its place."""

    def __init__(
        self, secret: str, *, pattern: re.Pattern[str] | None = None, shown: str = "<token>"
    ) -> None:
        super().__init__()
        self.secret = secret
        self.pattern = pattern or token_pattern(secret)
        self.shown = shown

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message, traceback and stack without the token; never drops a
        record. (PTB's InvalidToken names the token, and its retry loop logs it with
        exc_info: a formatter would print the traceback as it is.)"""
        message = record.getMessage()
        if self.pattern.search(message):
            record.msg = self.pattern.sub(self.shown, message)
            record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.pattern.sub(self.shown, record.exc_text)
        if record.stack_info:
            record.stack_info = self.pattern.sub(self.shown, record.stack_info)
        return True


_TRACEBACKS = logging.Formatter()  # formats a record's traceback the way handlers would


# Loggers known to write URLs: httpx's INFO request lines, and PTB's bot at DEBUG ("Set Bot API
# URL: .../bot<token>"). A filter on a logger sees only that logger's own records.
TOKEN_LOGGERS = (
    "httpx",
    "httpcore",
    "telegram",
    "telegram.Bot",
    "telegram.request.BaseRequest",  # an answer that is not JSON, quoted (it may echo the URL)
    "telegram.ext",
    "telegram.ext.ExtBot",
    "telegram.ext.Updater",
    "telegram.ext.Application",
    "bot.telegram_app",  # our own handlers log exceptions, whose text may quote a request
    "bot.telegram_news",
)


def guard_token(token: str, loggers: Sequence[str] = TOKEN_LOGGERS) -> None:
    """Make sure these loggers never write the token, whatever their level."""
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactToken) and f.secret == token for f in logger.filters):
            logger.addFilter(RedactToken(token))


WEBHOOK_SECRET_SHOWN = "<webhook secret>"


def guard_webhook_secret(secret: str, loggers: Sequence[str] = TOKEN_LOGGERS) -> None:
    """Make sure these loggers never write the webhook's secret token, which keeps strangers
    from posting forged updates to the webhook: --debug logged it with setWebhook's
    parameters. Matched as a whole word, in its case: it travels in a header and a form
    field, never changed, and a short one must not blot out every word that holds it."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(secret)}(?![A-Za-z0-9_-])")
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactToken) and f.secret == secret for f in logger.filters):
            logger.addFilter(RedactToken(secret, pattern=pattern, shown=WEBHOOK_SECRET_SHOWN))


def file_url(base_url: str) -> str | None:
    """The file URL that goes with a Bot API base URL: .../bot -> .../file/bot."""
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return None


class _StatePickle(PicklePersistence):  # type: ignore[type-arg]
    """PTB's PicklePersistence, made safe for a bot that must start: a state file that cannot
    be read (cut short by a crash, garbage, a folder) is set aside with a warning and the bot
    starts without remembered questions; a save writes a new file and renames it over the
    old, so a crash or a full disk never leaves half a file. (Overrides PTB's private
    single-file load and dump; python-telegram-bot is pinned to 22.x.)

    A save that fails (a full disk, the data directory deleted) is a warning naming the file
    and the fix, said once per distinct problem: PTB saves every 30 s and on shutdown, and
    an error there logged a traceback each time and made shutdown fail. The bot goes on
    serving from memory; the next save that works writes the whole state."""

    _save_problem: str | None = None  # the last failed save's reason, said once

    def _load_singlefile(self) -> None:
        path = Path(self.filepath)
        if path.exists() and not path.is_file():
            self._set_aside(path, "it is not a file")
        try:
            super()._load_singlefile()
        except TypeError as exc:  # what PTB raises for a file it cannot unpickle
            self._set_aside(path, str(exc))
            super()._load_singlefile()  # no file: an empty state

    def _dump_singlefile(self) -> None:
        final = Path(self.filepath)
        # the process's own partial file: two writers never rename each other's half
        partial_file = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        self.filepath = partial_file
        try:
            super()._dump_singlefile()
            os.replace(partial_file, final)
        except OSError as exc:
            partial_file.unlink(missing_ok=True)
            self._save_failed(final, exc)
            return
        except BaseException:
            partial_file.unlink(missing_ok=True)
            raise
        finally:
            self.filepath = final
        if self._save_problem is not None:
            log.info("saved the bot's state to %s again", final)
            self._save_problem = None

    def _save_failed(self, path: Path, exc: OSError) -> None:
        """Warn of a failed save, once while the reason stays the same."""
        reason = exc.strerror or str(exc) or type(exc).__name__
        if reason == self._save_problem:
            return
        self._save_problem = reason
        log.warning(
            "could not save the bot's state to %s (%s); the bot goes on serving, but More "
            "buttons of its answers will not survive a restart: free disk space, and check "
            "that the data directory %s exists and is writable",
            path,
            reason,
            path.parent,
        )

    @staticmethod
    def _set_aside(path: Path, reason: str) -> None:
        aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(path, aside)
        log.warning(
            "the bot's state file %s is unreadable (%s); set it aside as %s and started "
            "afresh: More buttons of earlier answers have expired",
            path,
            reason,
            aside.name,
        )


# whether a request that meets flood control waits it out (NewsBot.send's flood_wait)
_FLOOD_WAIT: ContextVar[bool] = ContextVar("flood_wait", default=True)


class _FloodRaised(Exception):
    """A RetryAfter carried past AIORateLimiter's retries (which catch RetryAfter alone)."""

    def __init__(self, error: RetryAfter) -> None:
        super().__init__(str(error))
        self.error = error


_Answer = bool | dict[str, Any] | list[dict[str, Any]]  # a Bot API result, as the limiter sees it


class FloodLimiter(AIORateLimiter):
    """AIORateLimiter, with Telegram's flood control (a 429's retry_after) kept to the chat
    it was for. AIORateLimiter sleeps out a retry_after with every request paused, so one
    group's flood control (retry_after 40) had held every chat's replies and alerts 44 s.
    Here a reply to that group waits (up to FLOOD_WAIT_LONGEST, then it is dropped), as
    do the group's later requests until the wait is over, while other chats' go at once. A
    request sent with flood_wait False (an alert) is not retried: the RetryAfter goes to
    its sender, which leaves the chat for a later refresh. Neither is an answer to a button
    press or an inline query (ANSWERS_OF_THE_MOMENT): a retry after the wait came when
    Telegram no longer took it, and a press's page waited for it (40 s), though its chat
    was not under flood control. (python-telegram-bot's own per-call `rate_limit_args`
    cannot say "no retries": it drops a 0.)"""

    def __init__(self, max_retries: int, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(max_retries=max_retries)
        self._retries = max_retries
        self._clock = clock
        self._flooded: dict[int | str, float] = {}  # chat -> when its flood control ends

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Answer:
        """Send a request; after a 429, again once its chat's wait is over (see the class)."""
        chat = _chat_key(data.get("chat_id"))  # None: no chat's (a button's answer, inline)
        waits = _FLOOD_WAIT.get() and endpoint not in ANSWERS_OF_THE_MOMENT
        retries = rate_limit_args or self._retries

        async def once(*a: Any, **k: Any) -> _Answer:
            try:
                return await callback(*a, **k)
            except RetryAfter as exc:  # past AIORateLimiter's own retries, which pause all
                raise _FloodRaised(exc) from None

        until = 0.0  # when this request may go (again)
        for attempt in range(retries + 1):
            if waits:
                if chat is not None:
                    until = max(until, self._flooded.get(chat, 0.0))
                left = until - self._clock()
                if left > FLOOD_WAIT_LONGEST:  # an earlier 429 there: too long to wait
                    raise RetryAfter(timedelta(seconds=math.ceil(left)))
                if left > 0:
                    where = f"chat {chat}" if chat is not None else endpoint  # answerInlineQuery
                    log.info("flood control for %s: waiting %.1f s to send", where, left)
                    await asyncio.sleep(left)
            try:
                return await super().process_request(
                    once, args, kwargs, endpoint, data, rate_limit_args
                )
            except _FloodRaised as raised:
                seconds = retry_seconds(raised.error)
                until = self._clock() + seconds
                if chat is not None:
                    self._note_flood(chat, until)
                if not waits or attempt == retries or seconds > FLOOD_WAIT_LONGEST:
                    raise raised.error from None
        raise AssertionError("unreachable: the last try returns or raises")

    def _note_flood(self, chat: int | str, until: float) -> None:
        """Remember that the chat may get nothing before `until`; forget chats whose wait is
        over (a chat that met flood control once is not kept for the bot's life)."""
        now = self._clock()
        for key in [key for key, end in self._flooded.items() if end <= now]:
            del self._flooded[key]
        self._flooded[chat] = max(until, self._flooded.get(chat, 0.0))


@dataclass(frozen=True)
class _Ticket:
    """A message's place in its chat's line: `started` is set when its turn comes (it holds
    a handling slot), `done` when it has been handled; both when it is given up."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class ChatOrder(BaseUpdateProcessor):
    """Handles updates concurrently, CONCURRENT_UPDATES at a time, but a chat's messages one
    after another in the order they arrived: a question's answer, then the reply to the
    "/help" or "thanks" sent after it in the same batch. The quick reply had gone first, and
    private replies quote nothing, so which answered what could not be told.

    A message takes its chat's place in line when the update fetcher hands it on (its tasks
    start in arrival order, and nothing is awaited before the place is taken), and gives it
    up once handled, replies sent, failed or not. While it waits it holds none of the
    handling slots, so a chat that sends many does not hold up other chats (nor does
    python-telegram-bot's own bound, UPDATES_IN_HAND). Button presses and inline queries
    take no place: a press answers at once, and sends still take turns (`NewsBot._turn`).
    A chat with nothing in hand is forgotten."""

    def __init__(self, handling: int, in_hand: int = UPDATES_IN_HAND) -> None:
        super().__init__(max(handling, in_hand))
        self._handling = asyncio.Semaphore(handling)
        self._last: dict[int, _Ticket] = {}  # chat -> its last message's place in line
        self.longest_wait = CHAT_TURN_LONGEST

    @property
    def chats_in_turn(self) -> int:
        """How many chats have a message in hand (kept only while they do)."""
        return len(self._last)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: the Application waits for the updates in hand."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle the update in its chat's turn (see the class)."""
        chat = _ordered_chat(update)
        if chat is None:
            async with self._handling:
                await coroutine
            return
        before, ticket = self._last.get(chat), _Ticket()
        self._last[chat] = ticket  # taken before anything is awaited: arrival order
        handled = False
        try:
            if before is not None:
                await self._wait_for(before, chat)
            async with self._handling:
                ticket.started.set()
                handled = True
                await coroutine
        finally:
            if not handled and isinstance(coroutine, Coroutine):
                coroutine.close()  # cancelled while waiting (a stop): no "never awaited"
            ticket.started.set()
            ticket.done.set()
            if self._last.get(chat) is ticket:
                del self._last[chat]

    async def _wait_for(self, before: _Ticket, chat: int) -> None:
        """Wait for the chat's message before: for its turn, however long that takes (it
        waits in line too), then until it is done, at most `longest_wait`: a reply stuck that
        long must not keep the chat from ever being answered again. Counted from its turn,
        not from this message's arrival: counted so, once a stuck reply's time was up every
        message behind it went at once, out of order, each with a warning."""
        await before.started.wait()
        try:
            await asyncio.wait_for(before.done.wait(), self.longest_wait)
        except TimeoutError:
            log.warning(
                "chat %s: a message has been in hand for over %g s; answering the next one "
                "not waiting for it",
                chat,
                self.longest_wait,
            )


def _ordered_chat(update: object) -> int | None:
    """The chat whose messages an update takes its turn among: a new or an edited
    message's; None for a button press, an inline query and anything else."""
    if not isinstance(update, Update):
        return None
    message = update.message or update.edited_message
    chat = getattr(message, "chat", None)  # a hand-made update may lack it (on_gate)
    return chat.id if isinstance(chat, Chat) else None


def _chat_key(chat_id: int | str | None) -> int | str | None:
    """A request's chat_id as one key per chat: -100123 and "-100123" are one chat (as
    AIORateLimiter reads them), "@channel" is a name."""
    if chat_id is None:
        return None
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)


def build_application(
    bot: NewsBot,
    token: str,
    *,
    base_url: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    persistence_file: Path | None = None,
    rate_limiter: bool = True,
) -> App:
    """A ready Application: defaults (HTML, no link previews), rate limiter, persistence of
    remembered questions, and the bot's handlers."""
    guard_token(token)
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .defaults(DEFAULTS)
        .concurrent_updates(ChatOrder(CONCURRENT_UPDATES))
        .post_init(bot.post_init)
        .post_shutdown(bot.post_shutdown)
    )
    if base_url:
        builder = builder.base_url(base_url)
        files = file_url(base_url)
        if files:
            builder = builder.base_file_url(files)
    if request is not None:
        builder = builder.request(request)
    updates = _UpdatesRequest(get_updates_request or HTTPXRequest(connection_pool_size=1))
    builder = builder.get_updates_request(updates)  # (python-telegram-bot's default inside)
    if rate_limiter:
        builder = builder.rate_limiter(FloodLimiter(max_retries=3))
    if persistence_file is not None:
        persistence_file.parent.mkdir(parents=True, exist_ok=True)
        store = PersistenceInput(
            bot_data=True, chat_data=False, user_data=False, callback_data=False
        )
        builder = builder.persistence(
            _StatePickle(persistence_file, store_data=store, update_interval=30)
        )
    app: App = builder.build()
    updates.app = weakref.ref(app)
    bot.register(app)
    return app


@dataclass
class _Stop:
    """How an application's serving ends besides a stop while it runs: a stop asked for
    during its start (a signal while getMe waits), and the token Telegram revoked."""

    wanted: bool = False
    revoked: InvalidToken | None = None


_STOPS: weakref.WeakKeyDictionary[App, _Stop] = weakref.WeakKeyDictionary()


def _stop_of(app: App) -> _Stop:
    return _STOPS.setdefault(app, _Stop())


def request_stop(app: App) -> None:
    """Stop serving gracefully: now if the application runs, else once it does (during its
    start python-telegram-bot's stop_running is forgotten, or does nothing)."""
    _stop_of(app).wanted = True
    app.stop_running()


def revoked(app: App, error: InvalidToken) -> None:
    """Telegram rejected the token while the bot served (revoked in @BotFather, after a
    leak): stop, saving the state, and let run_application raise it, as a start does. It
    had stopped polling with a traceback and left a process that answered no one."""
    stop = _stop_of(app)
    if stop.revoked is None:  # once: the last getUpdates while stopping is rejected too
        log.debug("Telegram rejected the token while serving", exc_info=error)
        stop.revoked = error
        request_stop(app)


class _UpdatesRequest(BaseRequest):
    """getUpdates' requests, through another BaseRequest.

    An answer that the token is invalid (401, 404) stops the application (`revoked`) and
    reads as no updates, so that polling, and its last call while stopping, end quietly.
    python-telegram-bot ends its polling loop on InvalidToken, and its stop then raised it
    again, skipping the rest of the shutdown: the state unsaved, tasks destroyed pending.

    An update python-telegram-bot cannot read is skipped (`_readable_updates`): it parses
    the whole batch at once, and one bad update (a poll from a Bot API server older than
    python-telegram-bot, whose options lack persistent_id) failed the batch. Its polling loop
    then logged the batch, the users' messages in it, at CRITICAL and asked again at once for
    the same offset, some 250 times a second: the bot heard nothing more until restarted."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner
        self.app: weakref.ref[App] | None = None

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        app = self.app() if self.app is not None else None
        if code == 200:
            return code, _readable_updates(payload, app.bot if app is not None else None)
        if code not in (401, 404) or app is None:
            return code, payload
        try:
            description = str(self.parse_json_payload(payload).get("description") or "")
        except (TelegramError, AttributeError):  # a page, not the Bot API's JSON
            description = ""
        revoked(app, InvalidToken(description or None))
        return 200, b'{"ok": true, "result": []}'


def _update_problem(error: Exception, data: object) -> str:
    """What python-telegram-bot found wrong in an update, without the update's content: its
    error's words ("`persistent_id` is a required argument since Bot API 9.6") when they
    quote none of the update's values, else only the error's type (int("...") would quote
    a user's words)."""
    words = " ".join(str(error).split())
    if not words or len(words) > PROBLEM_CHARS or any(v in words for v in _values_of(data)):
        return type(error).__name__
    return f"{type(error).__name__}: {words}"


PROBLEM_CHARS = 300


def _values_of(data: object) -> Iterator[str]:
    """The texts, and the longer numbers, in an update's JSON (its keys are the API's)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _values_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from _values_of(value)
    elif isinstance(data, str) and len(data) >= 3:  # "a", "ok" are in any sentence
        yield data
    elif isinstance(data, int | float) and not isinstance(data, bool) and len(str(data)) >= 5:
        yield str(data)


def _readable_updates(payload: bytes, bot: Bot | None) -> bytes:
    """A getUpdates answer with each update python-telegram-bot cannot read replaced by a
    bare one ({"update_id": N}, which no handler takes): polling confirms it and goes on to
    the next. Each is one warning naming the update and the problem, never its content (a
    user's message). An answer that is no list of updates is left to python-telegram-bot."""
    try:
        answer = BaseRequest.parse_json_payload(payload)
    except TelegramError:
        return payload
    updates = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(updates, list):
        return payload
    readable: list[Any] = []
    for data in updates:
        try:
            Update.de_json(data, bot)
        except Exception as exc:  # whatever python-telegram-bot raises while reading it
            update_id = data.get("update_id") if isinstance(data, dict) else None
            log.warning(_skipped_line(data), *_skipped_args(data, _update_problem(exc, data)))
            log.debug("update %s could not be read", update_id, exc_info=exc)
            if isinstance(update_id, int):
                readable.append({"update_id": update_id})  # confirmed by the next poll
        else:
            readable.append(data)
    if readable == updates:
        return payload  # all read: as it came
    return json.dumps({**answer, "result": readable}).encode("utf-8")


CHATLESS_UPDATE = "skipped update %s: a message without a chat (no Bot API update is so)"


def _inline_words(words: str, username: str | None) -> str:
    """An inline query's words to search: without the bot's own @name typed again ("@newsbot
    @newsbot oil"), nor a leading /ask (a chat's command typed there); searched, "newsbot" and
    "ask" had been words of the question."""
    own = {"/ask", *((f"@{username}", f"/ask@{username}") if username else ())}
    own = {name.casefold() for name in own}
    for _ in range(2):
        first, _, rest = words.partition(" ")
        if first.casefold() in own:
            words = rest
    return words


SKIPPED_UPDATE = (
    "skipped update %s (%s): python-telegram-bot %s cannot read it (%s); the Bot API server "
    "and python-telegram-bot speak different versions of the API: update the older one"
)


# ... and one that is no update at all: no update_id (a test's "{}", a hand-made POST to the
# webhook), or no object (a JSON list, string or null): no version explains it
SKIPPED_NON_UPDATE = (
    "skipped update %s (%s): not a Bot API update, which python-telegram-bot %s cannot read (%s)"
)


def _skipped_line(data: object) -> str:
    """The warning for an update python-telegram-bot could not read: SKIPPED_UPDATE, or
    SKIPPED_NON_UPDATE for data no Bot API server sends."""
    is_update = isinstance(data, dict) and isinstance(data.get("update_id"), int)
    return SKIPPED_UPDATE if is_update else SKIPPED_NON_UPDATE


def _skipped_args(data: object, problem: str) -> tuple[object, ...]:
    """The arguments of SKIPPED_UPDATE for an update's data: its id, its kind, the version."""
    if not isinstance(data, dict):
        kind = json_type(data).removeprefix("a ").removeprefix("an ")  # "a list", "null"
        return None, f"a JSON {kind}", TG_VERSION, problem
    update_id = data.get("update_id") if isinstance(data, dict) else None
    kind = ", ".join(sorted(set(data) - {"update_id"})) if isinstance(data, dict) else ""
    return update_id, kind or "empty", TG_VERSION, problem


class _NoUpdateData(logging.Filter):
    """python-telegram-bot's records of updates it could not read quote the whole update
    ("Received data was %r"): a user's message, in the log at CRITICAL. Without --debug they
    say what failed, in one line, and no more. Polling skips such updates before they get
    there (`_readable_updates`); a webhook's still do (python-telegram-bot answers Telegram
    400 and logs the update)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always True; the update's data and the traceback go unless debugging."""
        if not isinstance(record.msg, str) or "Received data was" not in record.msg:
            return True
        if logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            return True
        error = record.exc_info[1] if record.exc_info else None
        args = record.args if isinstance(record.args, tuple) else ()
        problem = "no details"
        # (logging keeps a lone mapping argument as the record's args themselves)
        data = record.args if isinstance(record.args, dict) else args[0] if len(args) == 1 else None
        if isinstance(error, Exception):
            problem = _update_problem(error, data)
        if data is not None or record.name == "telegram.ext.Updater":
            # the webhook's, an object or not ("[]", "null"): said as polling says it, one
            # WARNING
            record.msg, record.args = _skipped_line(data), _skipped_args(data, problem)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        else:
            record.msg = record.msg[: record.msg.index("Received data was")].rstrip() + " (%s)"
            record.args = (problem,)
        record.exc_info = record.exc_text = None
        return True


# Where python-telegram-bot logs an update it cannot read: the bot reading getUpdates' answer,
# and the webhook server
UPDATE_DATA_LOGGERS = ("telegram.ext.ExtBot", "telegram.Bot", "telegram.ext.Updater")


class _QuietStart(logging.Filter):
    """Holds back python-telegram-bot's ERROR record of a start that failed (a rejected
    token, a Bot API server out of reach, an answer that is no JSON): some 50 lines of
    traceback, while the error goes on to run_application's caller, which says it in one
    line. The record still shows when its logger is at DEBUG (`--debug`), and once the bot is
    running every record passes."""

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        """False for an error's record before the bot runs, unless debugging."""
        error = record.exc_info[1] if record.exc_info else None
        # a TelegramError, or the ValueError of a page read as JSON, which then becomes one
        if self.app.running or not isinstance(error, TelegramError | ValueError):
            return True
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


class _QuietLastCall(logging.Filter):
    """python-telegram-bot's ERROR record, with its traceback, of the last getUpdates it
    makes while stopping (to mark the updates in hand read) failing, as it does while the
    network is down or another instance polls: one warning line, as the failures of
    getUpdates while serving are; the traceback only with --debug. The failure of the poll
    the stop cut short, which asyncio logs as never retrieved, is none of the user's."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, TelegramError):
            return True
        if logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            return True
        message = record.getMessage()
        if record.name == "asyncio":
            # the poll cut short by the stop, its failure left unread: asyncio's "Task
            # exception was never retrieved", with the traceback
            return "polling_action_cb" not in message
        if not message.startswith("Error while calling `get_updates` one more time"):
            return True
        record.msg = (
            "could not tell Telegram, while stopping, which updates were handled (%s); it "
            "may send the last ones again at the next start"
        )
        record.args = (redact(str(error), self.token),)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


# Where python-telegram-bot logs a failed start: its retry loops log at "telegram.ext", and
# an answer that is not JSON at "telegram.request.BaseRequest".
START_LOGGERS = (
    "telegram.ext",
    "telegram.ext.AIORateLimiter",  # flood control (429) after its retries
    "telegram.ext.Application",
    "telegram.ext.Updater",
    "telegram.request.BaseRequest",
)


class NoBotAccount(TelegramError):
    """The server's answer to getMe, the first call, is the API's JSON but holds no bot's
    account (`{"ok": true, "result": "x/getMe"}`: an echo server, a mock left running): no
    Telegram Bot API answers there. python-telegram-bot's reading of it as a User had
    raised a TypeError, which reached the user as "internal error"."""


def _reading_get_me(error: BaseException) -> bool:
    """Whether `error` was raised in python-telegram-bot's getMe, as it read the answer as
    the bot's account (`User.de_json`): only that is the server's fault, not a bug here."""
    return any(
        frame.f_code.co_name == "get_me"
        and str(frame.f_globals.get("__name__", "")).startswith("telegram.")
        for frame, _ in traceback.walk_tb(error.__traceback__)
    )


def run_application(
    app: App,
    settings: TelegramSettings,
    *,
    poll_timeout: float = 30.0,
    handle_signals: bool = True,
) -> None:
    """Run until stopped (SIGINT/SIGTERM, or app.stop_running()): long polling, or a webhook
    server when the config says so. Without handle_signals it may run in any thread.

    Raises:
        telegram.error.InvalidToken: Telegram rejected the token at start-up.
        telegram.error.NetworkError: the Bot API could not be reached at start-up.
        NoBotAccount: the server's answer to getMe is JSON, but no bot's account.
        The caller reports these: python-telegram-bot's ERROR record of them, with its
        traceback, passes only when its logger is at DEBUG.
    """
    quiet = _QuietStart(app)
    loggers = [logging.getLogger(name) for name in START_LOGGERS]
    for logger in loggers:
        logger.addFilter(quiet)
    no_data = _NoUpdateData()
    readers = [logging.getLogger(name) for name in UPDATE_DATA_LOGGERS]
    for logger in readers:
        logger.addFilter(no_data)
    stopping = [logging.getLogger(name) for name in ("telegram.ext.Updater", "asyncio")]
    last_call = _QuietLastCall(app.bot.token)
    for logger in stopping:
        logger.addFilter(last_call)
    if app.job_queue is not None:  # a stop asked for during the start, once it runs
        app.job_queue.run_once(_stop_if_wanted, 0, job_kwargs={"misfire_grace_time": None})
    try:
        _serve(app, settings, poll_timeout=poll_timeout, handle_signals=handle_signals)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        if not _reading_get_me(exc):
            raise  # a bug: the caller's "internal error"
        raise NoBotAccount("getMe's answer holds no bot's account") from exc
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)
        for logger in stopping:
            logger.removeFilter(last_call)
        for logger in readers:
            logger.removeFilter(no_data)
    stop = _STOPS.pop(app, None)
    if stop is not None and stop.revoked is not None:
        raise stop.revoked


async def _stop_if_wanted(context: Context) -> None:
    if _stop_of(context.application).wanted:
        context.application.stop_running()


def check_listen(host: str, port: int) -> None:
    """Bind the webhook server's address and let it go, as tornado will bind it: a port in
    use, or an address this machine lacks, is a ConfigError naming the fix.

    Raises:
        ConfigError: the address cannot be bound.
    """
    try:
        found = socket.getaddrinfo(
            host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE
        )
        for family, kind, proto, _, address in found:
            try:
                sock = socket.socket(family, kind, proto)
            except OSError as exc:
                if exc.errno == errno.EAFNOSUPPORT:  # no IPv6 here: tornado skips it too
                    continue
                raise
            with sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                try:
                    sock.bind(address)
                except OSError as exc:
                    # "localhost" where IPv6 is half off (containers): ::1 resolves but
                    # cannot be bound, and tornado skips it too
                    if (
                        exc.errno == errno.EADDRNOTAVAIL
                        and host == "localhost"
                        and address[0] == "::1"
                    ):
                        continue
                    raise
    except OSError as exc:
        raise _cannot_listen(host, port, exc) from None


def _cannot_listen(host: str, port: int, exc: OSError) -> ConfigError:
    """Why the webhook server cannot listen on host:port, and the setting that fixes it."""
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        fix = "set telegram.webhook_port to a free port"
    elif exc.errno == errno.EACCES:
        fix = "set telegram.webhook_port to a port above 1023"
    else:  # no such host, or an address of another machine
        fix = "set telegram.webhook_listen to an address of this machine, e.g. 127.0.0.1"
    return ConfigError(f"could not listen for webhooks on {shown} ({exc.strerror or exc}); {fix}")


# SIGHUP: the terminal the bot was started in closed (an ssh session ended): a graceful stop,
# as the console takes it, where it had ended the bot at once, its state unsaved
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
STOPPING = "newsbot: stopping once the questions in hand are answered; Ctrl-C again stops at once"
STOPPED_AT_ONCE = "newsbot: stopped at once; questions in hand were not answered"


def _stop_on_signals(app: App) -> None:
    """Ctrl-C (or SIGTERM, or SIGHUP) stops the bot gracefully: the questions in hand are
    answered and the state saved, which can take a while, so the first says so; a second
    stops at once (exit status 128 + the signal). python-telegram-bot's own handlers raise
    SystemExit again inside its clean-up on a second signal: thousands of "Task was destroyed
    but it is pending!" lines, exit status 0, the updates in hand lost without a word."""
    import sys

    loop = asyncio.get_event_loop()  # the loop run_polling and run_webhook run on
    stopping = False

    def say(line: str) -> None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):  # `newsbot run | tee log`: Ctrl-C stopped tee too
            pass  # (a broken pipe, or a closed stream): stopping must not depend on it

    def on_signal(number: int) -> None:
        nonlocal stopping
        if stopping:
            say(STOPPED_AT_ONCE)
            for worker in multiprocessing.active_children():  # search processes: no orphans
                worker.terminate()
            os._exit(128 + number)
        else:
            stopping = True
            say(STOPPING)
            request_stop(app)

    for name in STOP_SIGNALS:
        if (number := getattr(signal, name, None)) is not None:  # Windows has no SIGHUP
            loop.add_signal_handler(number, on_signal, number)


def _signal_options(app: App, handle_signals: bool) -> dict[str, Any]:
    """run_polling's and run_webhook's stop_signals: ours (_stop_on_signals) where the loop
    takes signal handlers, python-telegram-bot's own where it does not (Windows), none when
    the caller handles them (a bot run in a thread)."""
    if not handle_signals:
        return {"stop_signals": None}
    try:
        _stop_on_signals(app)
    except (NotImplementedError, RuntimeError, ValueError):  # no signal handlers here
        return {}
    return {"stop_signals": None}


def _webhook_route(path: str) -> str:
    """The webhook URL's path as python-telegram-bot's server takes it: a regular expression
    that tornado matches against the request's path as sent, percent-encoded or not. Written
    as it was, a path holding "+", "(" or "$", or a letter beyond ASCII, matched no request,
    and every update got 404. Each character matches as itself (ASCII) or encoded, in either
    case of hex digits."""
    out: list[str] = []
    for char in unquote(path.strip("/")):
        if char == "/":  # a separator, or a "%2F" inside a part
            out.append("(?:/|%2[fF])")
            continue
        encoded = "".join(
            "%" + "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in f"{b:02X}")
            for b in char.encode("utf-8")
        )
        out.append(f"(?:{re.escape(char)}|{encoded})" if char.isascii() else f"(?:{encoded})")
    return "".join(out)


def _serve(
    app: App, settings: TelegramSettings, *, poll_timeout: float, handle_signals: bool
) -> None:
    """Serve until stopped: a webhook server or long polling, as the settings say."""
    signals = _signal_options(app, handle_signals)
    if settings.mode == "webhook":
        url = settings.webhook_url
        if url is None:
            raise ConfigError('telegram.mode = "webhook" needs telegram.webhook_url')
        try:
            import tornado  # noqa: F401
        except ImportError:
            raise ConfigError(
                'webhook mode needs tornado: pip install "python-telegram-bot[webhooks]"'
            ) from None
        # before anything is sent: setWebhook would point Telegram at a server that then
        # fails to start (and take the webhook from a bot already serving on that port)
        check_listen(settings.webhook_listen, settings.webhook_port)
        secret = settings.webhook_secret_token or secrets.token_urlsafe(32)
        guard_webhook_secret(secret)
        try:
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=_webhook_route(urlsplit(url).path),
                webhook_url=url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                **signals,
            )
        except OSError as exc:  # another program took the port since the check
            if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
                raise
            raise _cannot_listen(settings.webhook_listen, settings.webhook_port, exc) from None
    else:
        app.run_polling(
            timeout=timedelta(seconds=poll_timeout), allowed_updates=ALLOWED_UPDATES, **signals
        )
