"""Settings from config.toml and the environment, validated once at start-up.

No other module reads config files or the environment. Environment variables override the
file: TELEGRAM_BOT_TOKEN (the token), TELEGRAM_API_BASE_URL (another Bot API server) and
TELEGRAM_WEBHOOK_SECRET (the webhook's secret token).
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import logging
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, Literal, TypeGuard, get_args
from urllib.parse import SplitResult, urlsplit

from retrieval.analysis import available_languages
from retrieval.articles import normalize_space, normalize_url
from retrieval.feedspec import FeedError, FeedSpec, check_url
from retrieval.index import IdfKind
from retrieval.library import SearchConfig

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAX_SEARCH_NUMBER = 1e6  # a weight or k1 beyond this overflows scores to infinity
# Upper bounds of counts of days and minutes: beyond them the dates they make overflow
# (datetime's year 1 to 9999) and the job queue's timers overflow, a crash at the first use
# rather than at start-up
MAX_AGE_DAYS = 36_500  # a hundred years
MAX_MINUTES = 525_600  # a year
MAX_RESULTS = 20  # passages an answer shows at a time (answers.results)
# Each search process loads its own copy of the index (about 100 MB for the seeds) and all
# start at once: 99999 was a fork and memory storm at `newsbot run`
MAX_SEARCH_PROCESSES = 64
MAX_CACHE_SECONDS = 31_536_000  # a year: inline_cache_time was sent to Telegram however large
RunMode = Literal["polling", "webhook"]
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# a bot token as @BotFather gives it: the bot's id, a colon, the secret. Anything else
# (quote marks kept by `docker --env-file`, a look-alike letter or dash from a chat app, a
# control character) went into the request URL percent-encoded, where redaction did not
# find it, and came back in error pages; a control character read as a network fault.
# (ASCII digits: full-width ones would go percent-encoded too)
_BOT_TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")
# the quote marks a token may be pasted in, typographic ones from notes and chat apps too
_QUOTES = (('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))


# a Telegram bot token (digits, a colon, the secret), wherever a user may have pasted one
# ("bot123:AA...", "Bot123:AA..." or "webhook123:AA..." of a pasted address too, whatever
# letter comes before its digits: a digest's "sha256:e3b0..." is redacted as well, a slip on
# the safe side)
_TOKEN_SHAPED = re.compile(r"(?<![0-9])\d{3,}:[A-Za-z0-9_-]{10,}")


def without_tokens(text: str) -> str:
    """The text with anything shaped like a bot token as <token>."""
    return _TOKEN_SHAPED.sub("<token>", text)


def _shown(value: object) -> str:
    """A config value as TOML writes it, for a message: true, "three", [1, 2] (Python's
    spelling, True and 'three', is not what the user wrote)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # nan, inf, -inf
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (date, time)):  # datetime too: 2024-05-01, 07:30:00
        return value.isoformat()
    if isinstance(value, dict):  # an inline table: { a = 1 }
        pairs = ", ".join(f"{_shown_key(str(k))} = {_shown(v)}" for k, v in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_shown, value)) + "]"
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _shown_key(key: str) -> str:
    """A table key as TOML writes it: bare when it can be, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


class ConfigError(Exception):
    """A bad or missing setting: the message names the key and the fix. Anything in it shaped
    like a bot token (a value quoted back, pasted under another key) shows as <token>."""

    def __init__(self, message: str) -> None:
        super().__init__(without_tokens(message))


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """How the Telegram bot runs and whom it serves (the [telegram] section but the token)."""

    mode: RunMode = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret_token: str | None = field(default=None, repr=False)
    allowed_users: frozenset[int] = frozenset()
    allowed_chats: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()
    throttle_per_minute: int = 20
    throttle_burst: int = 5
    inline_results: int = 5
    inline_cache_time: int = 10
    remember_questions: int = 10_000
    reload_minutes: int = 0
    search_processes: int = 0


@dataclass(frozen=True, slots=True)
class NewsSettings:
    """Live news: the feeds to follow, retention, fetching and alerts ([[feeds]], [news])."""

    feeds: tuple[FeedSpec, ...] = ()
    max_age_days: int = 0  # 0: keep articles however old
    max_articles: int = 0  # 0: no limit
    fetch_pages: bool = True
    allow_private_pages: bool = False
    timeout_seconds: float = 10.0
    feed_budget_seconds: float = 120.0  # one read of a feed, its pages included
    max_page_bytes: int = 5_000_000
    max_items: int = 200
    alert_min_relevance: float = 0.5
    max_follows: int = 20


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the faces need to start."""

    corpus: tuple[Path, ...]
    data_dir: Path | None
    search: SearchConfig = field(default_factory=SearchConfig)
    results: int = 3
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    news: NewsSettings = field(default_factory=NewsSettings)
    source: str = "defaults"  # where the settings came from, for messages


log = logging.getLogger(__name__)

MIN_DECAY = 0.001  # the shortest recency half-life (days) or lead decay (paragraphs)

_SECTIONS: dict[str, set[str]] = {
    "corpus": {"paths", "data_dir"},
    "answers": {"results"},
    "search": {f.name for f in dataclasses.fields(SearchConfig)},
    "telegram": {"token", "api_base_url", *(f.name for f in dataclasses.fields(TelegramSettings))},
    "news": {f.name for f in dataclasses.fields(NewsSettings)} - {"feeds"},
    "feeds": {"url", "name", "interval"},
}


# ISO 639-1 codes and the languages' own names, as a language is often written, for the
# Snowball name meant ("de" and "deutsch": "german")
_LANGUAGE_CODES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
    "deutsch": "german", "français": "french", "francais": "french", "español": "spanish",
    "espanol": "spanish", "italiano": "italian", "português": "portuguese",
    "portugues": "portuguese", "nederlands": "dutch", "русский": "russian",
    "türkçe": "turkish", "turkce": "turkish", "svenska": "swedish", "dansk": "danish",
    "norsk": "norwegian", "suomi": "finnish", "polski": "polish", "ελληνικά": "greek",
    "العربية": "arabic", "हिन्दी": "hindi", "english (us)": "english", "en-us": "english",
    "en-gb": "english", "en_us": "english", "en_gb": "english",
}  # fmt: skip


def _another_tools(raw: Mapping[str, Any]) -> bool:
    """Whether a config.toml found in the working directory is some other tool's: keys
    outside any table that are not Newsbot's ("base_url", as Hugo and Zola sites have), and
    no key of Newsbot's, in its table or out of it (a Zola site's [search] table holds its
    own, "index_format": it was read as Newsbot's, and stopped every command); or, with no
    keys outside tables, none of Newsbot's tables. A file of Newsbot's tables with only
    misspelled keys ("[corpus] path") is Newsbot's, and its keys are named. So is a table
    named as a slip of one of Newsbot's ("[Telegram]", "[serach]", "[[feed]]"): such a file
    was passed over as another tool's, its settings silently unapplied, and `newsbot run`
    then asked for the token the user had set in [Telegram]."""
    plain = [key for key, value in raw.items() if not isinstance(value, dict | list)]
    names = set().union(*_SECTIONS.values())
    for key, value in raw.items():
        section = key if key in _SECTIONS else None
        slip = section is None and _is_table(value)
        if slip:
            section = _near(key, _SECTIONS, cutoff=0.75)
        if section is not None:
            if not plain and not slip:
                return False
            # a slip of a section's name ("[Telegram]", "[[feed]]") is ours when it holds one
            # of that section's keys: another tool's "[feed]" table alone had stopped every
            # command
            tables = value if isinstance(value, list) else [value]
            if any(isinstance(t, dict) and t.keys() & _SECTIONS[section] for t in tables):
                return False
        elif key in names:  # one of ours outside its section: a mistake to name
            return False
    return True


def _is_table(value: object) -> bool:
    """A [table] or an array of [[tables]], as tomllib reads them."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(item, dict) for item in value)
    return isinstance(value, dict)


def _near(name: str, names: Iterable[str], cutoff: float = 0.7) -> str | None:
    """The one of `names` that `name` is a slip of: the same in other capitals
    ("[Telegram]"), else the closest spelling ("stemm", "[serach]"); None if none is close."""
    folded = {known.lower(): known for known in sorted(names)}
    if name.lower() in folded:
        return folded[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def _heading(section: str) -> str:
    """A section as its heading is written: [[feeds]] is a list of tables."""
    return f"[[{section}]]" if section == "feeds" else f"[{section}]"


def default_data_dir(corpus: Sequence[Path], environ: Mapping[str, str] | None = None) -> Path:
    """A per-corpus folder under the user's data directory, so corpora don't evict each other.
    One corpus is one folder however it is listed: a path given twice, or a file or folder
    inside another given folder, counts once (each list had built its own full index)."""
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_DATA_HOME") or ""
    # a relative one is invalid (the XDG spec): it would put the store wherever the command
    # is run from
    try:
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    except RuntimeError:  # no HOME, and no passwd entry: "docker run --user 12345"
        raise ConfigError(
            "no home directory to keep the index in; give --data-dir DIR, set corpus.data_dir "
            "in the config, or set HOME or XDG_DATA_HOME"
        ) from None
    paths = {_resolved(p) for p in corpus}
    outer = {p for p in paths if not any(p != q and p.is_relative_to(q) for q in paths)}
    key = "\n".join(sorted(map(str, outer)))
    return base / "newsbot" / hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _resolved(path: Path) -> Path:
    """The path with its links followed, or as it is where they cannot be (a link in a loop:
    the corpus check names that; here it had been a traceback)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def default_corpus() -> tuple[Path, ...]:
    """`seeds/` in the working directory, else the seeds that ship beside the code. A
    `seeds/` that is a Newsbot data directory (its CURRENT pointer: `--data-dir seeds` run
    once from here) holds no articles: the shipped seeds, where it had said "no articles
    found in seeds" to a user who never named it."""
    here = Path("seeds")
    if here.is_dir() and not (here / "CURRENT").is_file():
        return (here,)
    return (_shipped_seeds(),)


def _shipped_seeds() -> Path:
    """The seeds beside the code (a checkout, an editable install), else those a
    non-editable install put in site-packages (the `newsbot_seeds` package: pyproject.toml)."""
    if REPO_SEEDS.is_dir():
        return REPO_SEEDS
    try:
        import newsbot_seeds  # type: ignore[import-not-found]  # data only: no module of code
    except ImportError:
        return REPO_SEEDS  # the error then names the folder it looked for
    return Path(next(iter(newsbot_seeds.__path__)))


def load_settings(
    config_file: Path | None = None,
    *,
    corpus: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    environ: Mapping[str, str] | None = None,
    for_telegram: bool = True,
) -> Settings:
    """Settings from `config_file` (or ./config.toml if present), the environment and flags.
    `for_telegram` False: a command that never talks to Telegram, which the TELEGRAM_* variables
    (a bot's .env exported in the shell) must not stop."""
    env = os.environ if environ is None else environ
    variables = env  # what a path's $VAR names, the same for every command
    if not for_telegram:
        env = {name: value for name, value in env.items() if not name.startswith("TELEGRAM_")}
    raw: dict[str, Any] = {}
    origin = "defaults"
    base = Path.cwd()
    found = config_file is None and Path("config.toml").is_file()
    if found:
        config_file = Path("config.toml")
    elif config_file is None and Path("config.toml").is_dir():
        # passed over silently, the user thought it read (a folder made by a mistyped mkdir)
        log.warning("./config.toml is a folder, not a file: not read; the defaults are used")
    if config_file is not None and os.fspath(config_file) == os.devnull:
        config_file = None  # `--config /dev/null`: the usual way to say no config file
    if config_file is not None:
        origin = str(config_file)
        if config_file.is_dir():
            raise ConfigError(
                f"{config_file}: a folder, not a file; point --config at a TOML file such as "
                f"{config_file / 'config.toml'}"
            )
        if config_file.exists() and not config_file.is_file():
            raise ConfigError(f"{config_file}: not a regular file; point --config at a TOML file")
        text = ""
        try:
            # utf-8-sig: Windows editors start the file with a byte order mark, which TOML
            # reads as a bad statement at line 1
            text = config_file.read_text(encoding="utf-8-sig")
            raw = tomllib.loads(text)
        except FileNotFoundError:
            raise ConfigError(
                f"{config_file}: no such file; copy config.example.toml there or drop --config"
            ) from None
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{config_file}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset "
                f"{exc.start}); save it as UTF-8"
            ) from None
        except OSError as exc:
            raise ConfigError(
                f"{config_file}: cannot read it ({exc.strerror or exc}); check its permissions"
            ) from None
        except tomllib.TOMLDecodeError as exc:
            where = " (read since it is in the working directory)" if found else ""
            raise ConfigError(f"{config_file}: {_toml_error(text, exc)}{where}") from None
        else:
            if found and _another_tools(raw):
                # a Hugo or Zola site's config.toml, where the site's articles are: not ours
                log.warning(
                    "config.toml in the working directory has none of Newsbot's settings "
                    "([corpus], [search], [answers], [telegram], [news], [feeds]): not read; "
                    "--config FILE reads a settings file"
                )
                raw, origin = {}, "defaults"
            else:
                base = config_file.resolve().parent
    _check_keys(raw, origin)

    section = raw.get("corpus", {})
    if corpus:
        paths = tuple(corpus)
    elif "paths" in section:
        paths = tuple(
            _path(origin, "corpus.paths", p, base, variables) for p in _list(origin, section)
        )
    else:
        paths = default_corpus()
    if data_dir is None and "data_dir" in section:
        data_dir = _path(origin, "corpus.data_dir", section["data_dir"], base, variables)
    results = _positive_int(origin, "answers.results", raw.get("answers", {}).get("results", 3))
    if results > MAX_RESULTS:  # a button each: Telegram takes 100 a message, and eyes fewer
        raise ConfigError(
            f"{origin}: answers.results must be at most {MAX_RESULTS} (the passages an answer "
            f"shows at a time; More shows the next ones), got {results}"
        )
    search = _search_config(origin, raw.get("search", {}))
    telegram = raw.get("telegram", {})
    token = _token(origin, env.get("TELEGRAM_BOT_TOKEN"), telegram.get("token"))
    # `api_base_url = false` (or 0, or []) had read as unset: a wrong value is named. ""
    # is unset, as `token = ""` is
    api = _env(env, "TELEGRAM_API_BASE_URL") or _unless_blank(telegram.get("api_base_url"))
    if api is not None:
        if not isinstance(api, str):
            raise ConfigError(
                f"{origin}: telegram.api_base_url must be the Bot API server's URL in quotes, "
                f'e.g. "http://127.0.0.1:8081/bot", not a {_toml_kind(api)}'
            )
        # the key as the user wrote it: the variable when the value came from it
        from_env = bool(_env(env, "TELEGRAM_API_BASE_URL"))
        key = "TELEGRAM_API_BASE_URL" if from_env else f"{origin}: telegram.api_base_url"
        if not api.startswith(("http://", "https://")):
            raise ConfigError(
                f"{key} must start with http:// or https://, e.g. http://127.0.0.1:8081/bot"
            )
        _check_api_base_url(key, api)
    bot = _telegram_settings(origin, telegram, env)
    cpus = _cpus()
    if for_telegram and bot.search_processes > cpus:  # 12 on 2 CPUs had passed unsaid
        log.warning(
            "telegram.search_processes = %d is more than the %d CPUs here: each process "
            "holds a copy of the index in memory, and more than the CPUs answer no faster",
            bot.search_processes,
            cpus,
        )
    return Settings(
        corpus=paths,
        data_dir=data_dir if data_dir is not None else default_data_dir(paths, env),
        search=search,
        results=results,
        token=token,
        api_base_url=api,
        telegram=bot,
        news=_news_settings(origin, raw.get("news", {}), raw.get("feeds", [])),
        source=origin,
    )


# tomllib's own words for what is wrong, and the fix in a user's: its messages name no key
# and no fix ("Invalid value (at line 2, column 8)" for `stem = yes`)
_TOML_FIXES = {
    "Expected newline or end of document after a statement": (
        "the value runs on after its end",
        'text goes in "quotes", and each key = value on a line of its own',
    ),
    "Invalid statement": (
        "the line is not key = value",
        "each line is key = value, a [section] or a # comment",
    ),
    "Expected '=' after a key in a key/value pair": (
        "no = after the key",
        "write key = value; a key has no spaces (use _)",
    ),
    "Invalid initial character for a key part": (
        "a key starts with a character keys do not have",
        "keys are letters, digits, _ and -",
    ),
    "Expected ']' at the end of a table declaration": (
        "the section line does not end in ]",
        "write it as [section]",
    ),
    "Expected ']]' at the end of an array declaration": (
        "the line does not end in ]]",
        "write it as [[feeds]]",
    ),
    "Cannot declare": ("the section appears twice", "merge the two into one"),
    "Cannot overwrite a value": ("the key is set twice", "keep one of them"),
    "Cannot mutate immutable namespace": ("the key is set twice", "keep one of them"),
    "Cannot redefine namespace": ("the key is set twice", "keep one of them"),
    "Duplicate inline table key": ("the key is set twice", "keep one of them"),
    "Unterminated string": (
        "a quote mark is not closed",
        "end the text with the quote mark it starts with, on the same line",
    ),
    "Unclosed array": ("a list's [ is not closed", "end the list with ]"),
    "Unclosed inline table": ("a { is not closed", "end it with }"),
    "Unescaped '\\' in a string": (
        'a \\ in "quotes" starts an escape',
        "write \\\\ for a backslash, or use single quotes ('C:\\news')",
    ),
    "Escaped character is not a Unicode scalar value": (
        "a \\u escape is no character",
        "write the character itself, or put a Windows path in single quotes",
    ),
    "Invalid hex value": (
        "a \\u escape is no character",
        "write the character itself, or put a Windows path in single quotes",
    ),
    "Illegal character": (
        "a control character (copied in with the text?)",
        "delete it, or type the line again",
    ),
    "Found invalid character": (
        "a control character (copied in with the text?)",
        "delete it, or type the line again",
    ),
    "Invalid date or datetime": (
        "a value that starts like a date",
        'text goes in "quotes"',
    ),
}


def _toml_error(text: str, exc: tomllib.TOMLDecodeError) -> str:
    """The TOML error in plain words: its line, the key on it, what is wrong and the fix.
    Never the value: an unquoted token (`token = 123:ABC`) is one of these errors."""
    message = str(exc)
    place = re.search(r" \(at (?:line (\d+), column (\d+)|end of document)\)$", message)
    what = message[: place.start()] if place else message
    lines = text.split("\n")  # as tomllib counts lines: the text was read with \r\n as \n
    # at the end of the document: its last line with something on it, not the empty one
    # after its last line break
    last = max((n for n, text in enumerate(lines, 1) if text.strip()), default=len(lines))
    stopped = int(place[1]) if place and place[1] else len(lines)  # where tomllib did
    number = int(place[1]) if place and place[1] else last
    column = int(place[2]) if place and place[2] else 0
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if (opened := _open_list(lines, stopped)) is not None:
        # "paths = [1," then "[search]": tomllib stops at a later line, whose key is fine
        where = f"line {opened[0]} ({opened[1]} = ...)"
        return f"not valid TOML at {where}: the list's [ is not closed; end it with ]"
    key = re.match(r"\s*([A-Za-z0-9_.-]+|\"[^\"]*\"|'[^']*')\s*=", line)
    section = ""
    for above in reversed(lines[: number - 1] if key else []):
        heading = re.match(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]", above)
        if heading:
            section = heading[1] + "."
            break
    where = f"line {number} ({section}{key[1]} = ...)" if key else f"line {number}"
    if what == "Invalid value":
        value = line[column - 1 :] if column else ""
        word = re.match(r"[^\s,\]}#]*", value)
        bare = word[0] if word else ""
        listed = key is not None and "[" in line[key.end() : column - 1]
        if bare.lower() in ("yes", "no", "on", "off", "true", "false"):
            wrong, fix = "not a TOML value", "write true or false, in lowercase"
        elif not bare.isprintable():
            wrong, fix = _TOML_FIXES["Illegal character"]
        elif bare.lower() in ("none", "null", "nil"):
            wrong, fix = "TOML has no empty value", "leave the key out (put # before it)"
        elif not bare or bare[0] in "=.+-0123456789":
            # ".5", "-.5", "03", "5MB", "30%", an empty value: a number written wrong, which
            # quotes would only make text
            wrong, fix = "not a TOML number", "write a number as 0.5, 30 or 5000000, no units"
        elif listed:
            wrong, fix = (
                "text that is not in quotes",
                'each text in a list goes in "quotes": ["..."]',
            )
        elif key:
            wrong, fix = "text that is not in quotes", f'text goes in "quotes": {key[1]} = "..."'
        else:  # a line inside a list that spans lines
            wrong, fix = "text that is not in quotes", 'text goes in "quotes"'
    elif what.startswith("Expected newline") and re.search(r"\d,\d{3}\b", line[column - 2 :]):
        wrong, fix = "a thousands separator", "write 5000000 or 5_000_000, not 5,000,000"
    elif what.startswith("Expected newline") and re.search(r"\d,\d", line[column - 2 :]):
        wrong, fix = "a decimal comma", "a number takes a point: 1.5, not 1,5"
    elif what.startswith("Expected newline") and re.match(r"\d+ \d", line[column - 3 :]):
        wrong, fix = "a number with spaces", "write 5000000 or 5_000_000"
    elif (
        what.startswith("Expected newline")
        and key
        and re.match(r"\s*[-+]?\d", line[key.end() :])
        and not re.match(r"\s*\d+:", line[key.end() :])  # an unquoted token: text, not a number
    ):
        # "03", "5MB", "30%": a number written wrong, which quotes would only make text
        wrong, fix = "not a TOML number", "write a number as 0.5, 30 or 5000000, no units"
    elif what.endswith(("'\\n'", "'\\r'")) or what in ('Expected "\'"', "Expected '\"'"):
        # a line break inside "quotes", or the file's end inside 'quotes': not closed
        wrong, fix = _TOML_FIXES["Unterminated string"]
    else:
        wrong, fix = next(
            (words for start, words in _TOML_FIXES.items() if what.startswith(start)),
            (what[:1].lower() + what[1:], "see config.example.toml"),
        )
    return f"not valid TOML at {where}: {wrong}; {fix}"


_TOML_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_TOML_KEY = re.compile(r"\s*([A-Za-z0-9_.-]+)\s*=")
_TOML_HEADING = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]")


def _open_list(lines: list[str], number: int) -> tuple[int, str] | None:
    """The line and key of a list left open before line `number`, where tomllib stopped at
    what a list cannot hold (a key, a section, the end): that list is the error."""
    depth, opened, section = 0, None, ""
    for n, raw in enumerate(lines[:number], 1):
        line = _TOML_STRINGS.sub('""', raw).split("#", 1)[0]
        key = None
        if depth == 0:
            if heading := _TOML_HEADING.match(line):
                section = heading[1] + "."
                continue
            key = _TOML_KEY.match(line)
        before = depth
        depth = max(depth + line.count("[") - line.count("]"), 0)
        if before == 0:
            opened = (n, section + key[1]) if key and depth else None
    if opened is None or not depth or opened[0] >= number:
        return None
    stopped = _TOML_STRINGS.sub('""', lines[number - 1] if number <= len(lines) else "")
    ends = not stopped.strip() or _TOML_KEY.match(stopped) or _TOML_HEADING.match(stopped)
    return opened if ends else None


def _cpus() -> int:
    """The CPUs this process may use (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _token(origin: str, from_env: str | None, from_file: object) -> str | None:
    """The token from TELEGRAM_BOT_TOKEN, else from the file, without surrounding whitespace:
    one read from a secret file ends in a newline, which python-telegram-bot sends as part of
    the token (Telegram then rejects it as unknown). Quote marks around it go too:
    `docker --env-file` keeps those of TELEGRAM_BOT_TOKEN="123:ABC". Anything else that is
    not a bot token's shape is an error, as it went into the request URL percent-encoded
    (%22 for a quote, %C3%84 for a look-alike letter), where redaction missed it, and error
    pages echoed it. The messages never show the token."""
    token: object = None
    key = f"{origin}: telegram.token"
    if from_env is not None and _unquoted(from_env.strip()):  # TELEGRAM_BOT_TOKEN="" is unset
        token, key = _unquoted(from_env.strip()), "TELEGRAM_BOT_TOKEN"
    elif from_file is not None and from_file != "":
        if not isinstance(from_file, str):  # a list or a table: the value is not shown
            raise ConfigError(
                f"{key} must be the token @BotFather gave, as a string in quotes "
                f'(token = "..."), not a {_toml_kind(from_file)}'
            )
        token = _unquoted(from_file.strip())
    if token is None:
        return None
    assert isinstance(token, str)
    if not token:  # `token = "   "`: quoting back the stripped '' named no fix
        raise ConfigError(
            f"{key} is blank; put the token @BotFather gave between the quotes, or leave "
            "token out (TELEGRAM_BOT_TOKEN sets it too)"
        )
    if any(char.isspace() for char in token):
        raise ConfigError(
            f"{key} has whitespace inside it (a space or a line break); a bot token has none: "
            "copy it again from @BotFather"
        )
    if not _BOT_TOKEN.fullmatch(token):
        raise ConfigError(
            f"{key} is not a bot token (digits, a colon, then letters, digits, _ and -); "
            f"{_token_fault(token)}"
        )
    return token


def _unquoted(token: str) -> str:
    """The token without one pair of quote marks around it, and the whitespace inside them."""
    for left, right in _QUOTES:
        if len(token) >= 2 and token.startswith(left) and token.endswith(right):
            return token[1:-1].strip()
    return token


def _token_fault(token: str) -> str:
    """What is wrong with a token of the wrong shape, and the fix, without showing any of it
    (a character's position is no secret)."""
    if re.match(r"bot\d+:", token, re.IGNORECASE):
        return 'it starts with "bot", which the API address adds: drop it'
    if "/" in token:
        return "it looks like a URL: set only the token, the part after /bot"
    quote = re.search("[\"'`\u201c\u201d\u2018\u2019]", token)
    if quote:
        return f"it has a quote mark in it (character {quote.start() + 1}): drop it"
    if ":" not in token:
        return "it has no colon: copy the whole token from @BotFather"
    if not token.partition(":")[0].isascii() or not token.partition(":")[0].isdigit():
        return "the part before the colon must be the bot's number: copy it again from @BotFather"
    for place, char in enumerate(token, 1):
        if not char.isprintable():
            return (
                f"character {place} is a control character, invisible (copied in with the "
                "token?): copy the token again from @BotFather"
            )
        if not char.isascii():
            return (
                f"character {place} is not plain ASCII (a look-alike letter or dash from a "
                "chat app or word processor?): copy the token again from @BotFather"
            )
        if not re.fullmatch(r"[A-Za-z0-9_:-]", char):
            return f"character {place} is not one of those: copy the token again from @BotFather"
    return "copy it again from @BotFather"  # a second colon


# the names python-telegram-bot 22 fills with the token in a base URL ({token} documented)
_TOKEN_PLACEHOLDERS = frozenset(
    ["token", "TOKEN", "bot_token", "BOT_TOKEN", "bot-token", "BOT-TOKEN"]
)


def _address_parts(key: str, url: str, *, ipv6: str, port: str, host: str) -> SplitResult:
    """A web address's parts, once its host and port are checked: an IPv6 address in
    brackets, a port of 1 to 65535, a host at all; else a ConfigError naming `key`, with
    the examples given of each."""
    try:
        parts = urlsplit(url)
    except ValueError:  # http://[::1/bot
        raise ConfigError(
            f"{key} has a bad host: an IPv6 address goes in [brackets], as in {ipv6}"
        ) from None
    host_port = parts.netloc.rpartition("@")[2]
    # an IPv6 address without its brackets (http://::1/bot, fe80::1:8081): hex, dots, colons
    if host_port.count(":") > 1 and re.fullmatch(r"[0-9A-Fa-f:.]+", host_port):
        raise ConfigError(f"{key} has a bad host: an IPv6 address goes in [brackets], as in {ipv6}")
    try:
        number = parts.port
    except ValueError:  # :99999 and :80a had said "must end in /bot", as the URL did
        number = -1
    if number is not None and not 0 < number <= 65535:
        given = parts.netloc.rpartition(":")[2]  # digits only: a pasted token is not shown
        in_range = given.isascii() and given.isdigit()  # full-width digits are no port number
        wrong = f"port {given} is out of range" if in_range else "its port is no number"
        raise ConfigError(f"{key}: {wrong}; a port is 1 to 65535, as in {port}")
    if not parts.hostname:
        raise ConfigError(f"{key} names no host; write it as in {host}")
    name = parts.hostname
    if not (_HOST_NAME.fullmatch(name) or (":" in name and _IPV6.fullmatch(name))):
        # "bot example.org", "exa<mple>.org", "[zz::1]": no request could reach it
        raise ConfigError(
            f"{key} has a bad host: a host is letters, digits, dots and dashes, or an IPv6 "
            f"address in [brackets]; write it as in {host}"
        )
    return parts


_HOST_NAME = re.compile(r"[\w.-]+")  # a host name's letters (IDN ones too), an IPv4 address
_IPV6 = re.compile(r"[0-9A-Fa-f:.]+(?:%[\w.-]+)?")


def _check_api_base_url(key: str, url: str) -> None:
    """The Bot API base URL ends in /bot: python-telegram-bot appends the token and the
    method to it as they are, so without it a request goes to https://api.telegram.org123:ABC
    (the token's secret read as a port, and shown in the error) or to a page that is no API.
    A URL with {token} in its path (python-telegram-bot puts the token there) is fine too.
    `key` names the setting as the user wrote it: the variable, or the config's key."""
    parts = _address_parts(
        key,
        url,
        ipv6="http://[::1]:8081/bot",
        port="http://127.0.0.1:8081/bot",
        host="https://api.telegram.org/bot or http://127.0.0.1:8081/bot",
    )
    if parts.query or parts.fragment:
        ok = False
    else:  # python-telegram-bot fills one {token} (or {bot_token} ...) with the token
        holes = re.findall(r"\{[^{}]*\}", parts.path)
        if not holes:
            ok = parts.path.endswith("/bot") and "{" not in parts.path and "}" not in parts.path
        else:
            rest = parts.path.replace(holes[0], "", 1)
            ok = len(holes) == 1 and holes[0][1:-1] in _TOKEN_PLACEHOLDERS
            ok = ok and "{" not in rest and "}" not in rest
    if not ok:
        raise ConfigError(
            f"{key} must end in /bot, as in https://api.telegram.org/bot or "
            "http://127.0.0.1:8081/bot (or hold {token} where the token goes)"
        )


def _check_keys(raw: Mapping[str, Any], origin: str) -> None:
    for name, value in raw.items():
        if name not in _SECTIONS and not _is_table(value):  # `results = 3` up top
            owners = [s for s, keys in _SECTIONS.items() if name in keys]
            where = f"it belongs under [{owners[0]}]" if owners else "keys go in sections"
            raise ConfigError(
                f"{origin}: {name} is outside any section; {where} (see config.example.toml)"
            )
        if name not in _SECTIONS:
            written = f"[[{name}]]" if isinstance(value, list) else f"[{name}]"
            raise ConfigError(f"{origin}: unknown section {written}; {_section_hint(name, value)}")
        if name == "feeds":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(
                    f"{origin}: feeds must be [[feeds]] tables, each with a url "
                    '(e.g. [[feeds]] then url = "https://example.org/rss.xml")'
                )
            tables = list(value)
        elif not isinstance(value, dict):
            raise ConfigError(f"{origin}: {name} must be a [{name}] table of keys")
        else:
            tables = [value]
        for table in tables:
            for key in table:
                if key not in _SECTIONS[name]:
                    raise ConfigError(f"{origin}: unknown key {name}.{key}; {_key_hint(name, key)}")


def _section_hint(name: str, value: object) -> str:
    """The fix for an unknown section: the section it is a slip of ("[Telegram]",
    "[[feed]]"), else the one its keys belong to ("[bot] token"), else the list."""
    near = _near(name, _SECTIONS, cutoff=0.75)
    if near is not None:
        return f"did you mean {_heading(near)}?"
    tables = value if isinstance(value, list) else [value]
    for table in tables:
        for key in table if isinstance(table, dict) else ():
            owners = [s for s, keys in _SECTIONS.items() if key in keys]
            if owners:
                return f"{key} belongs under {_heading(owners[0])}: rename the section"
    return f"the sections are {', '.join(_heading(s) for s in _SECTIONS)} (see config.example.toml)"


def _key_hint(section: str, key: str) -> str:
    """The fix for a key its section does not take: the section that does take it (a key
    appended to the end of a copied config.example.toml lands in its last table, [news]),
    else the key it is a slip of ("stemm"), here or in another section, else the list."""
    owners = [s for s, keys in _SECTIONS.items() if key in keys]
    if owners:
        return (
            f"{key} belongs under {_heading(owners[0])}: move it there (a key belongs to "
            "the last [section] line above it)"
        )
    near = _near(key, _SECTIONS[section])
    if near is not None:
        return f"did you mean {section}.{near}?"
    for other, keys in _SECTIONS.items():
        near = _near(key, keys)
        if near is not None:
            return f"did you mean {other}.{near}? It goes under {_heading(other)}"
    known = ", ".join(sorted(_SECTIONS[section]))
    return f"{_heading(section)} takes {known} (see config.example.toml)"


_SHARES = frozenset({"b"})  # search settings that are a share, 0 to 1 (min_relevance: below)


def _search_config(origin: str, section: Mapping[str, Any]) -> SearchConfig:
    defaults = SearchConfig()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(SearchConfig):
        if f.name not in section:
            continue
        value = section[f.name]
        key = f"search.{f.name}"
        current = getattr(defaults, f.name)
        if isinstance(current, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{origin}: {key} must be true or false, got {_shown(value)}")
        elif isinstance(current, int):
            value = _positive_int(origin, key, value, minimum=int(f.name == "max_query_terms"))
        elif isinstance(current, float):
            # a share (b) is named with its own range: b = -0.1 had been told "from 0 to
            # 1e+06", and b = 1.5 "between 0 and 1" (min_relevance above 1 is told below)
            most = 1.0 if f.name in _SHARES else MAX_SEARCH_NUMBER
            if not _number(value) or not 0 <= value <= most:
                raise ConfigError(
                    f"{origin}: {key} must be a number from 0 to {most:g}, got {_shown(value)}"
                )
            value = float(value)
        values[f.name] = value
    if "idf" in values and values["idf"] not in get_args(IdfKind):
        raise ConfigError(
            f'{origin}: search.idf must be "okapi" or "lucene", got {_shown(values["idf"])}'
        )
    if isinstance(values.get("language"), str):  # "German" is german
        values["language"] = values["language"].strip().lower()
    if "language" in values and values["language"] not in available_languages():
        typed = values["language"] if isinstance(values["language"], str) else ""
        close = difflib.get_close_matches(typed, available_languages(), n=1, cutoff=0.75)
        named = _LANGUAGE_CODES.get(typed) or (close[0] if close else None)  # "de", "gemran"
        hint = f'did you mean "{named}"? ' if named in available_languages() else ""
        raise ConfigError(
            f"{origin}: search.language {values['language']!r} is not a Snowball language; "
            f"{hint}use one of {', '.join(available_languages())}"
        )
    if values.get("min_relevance", 0.0) > 1:  # a share of a perfect match: above 1, none pass
        raise ConfigError(
            f"{origin}: search.min_relevance is a share of a perfect match, between 0 and 1; "
            f"got {_shown(section['min_relevance'])}"
        )
    for name in ("recency_half_life_days", "lead_decay"):  # zero makes NaN scores
        if values.get(name, 1.0) < MIN_DECAY:  # and 5e-324 overflows the division
            raise ConfigError(
                f"{origin}: search.{name} must be a number >= {MIN_DECAY}, "
                f"got {_shown(section[name])}"
            )
    return dataclasses.replace(defaults, **values)


def _telegram_settings(
    origin: str, section: Mapping[str, Any], env: Mapping[str, str]
) -> TelegramSettings:
    """The [telegram] keys but token and api_base_url, checked."""
    defaults = TelegramSettings()
    values: dict[str, Any] = {}
    if "throttle_per_minute" in section:
        values["throttle_per_minute"] = _positive_int(
            origin, "telegram.throttle_per_minute", section["throttle_per_minute"], minimum=0
        )
    if "inline_cache_time" in section:
        values["inline_cache_time"] = _positive_int(
            origin,
            "telegram.inline_cache_time",
            section["inline_cache_time"],
            minimum=0,
            maximum=(MAX_CACHE_SECONDS, "a year, in seconds"),
        )
    if "search_processes" in section:
        values["search_processes"] = _positive_int(
            origin,
            "telegram.search_processes",
            section["search_processes"],
            minimum=0,
            maximum=(
                MAX_SEARCH_PROCESSES,
                "each holds a copy of the index in memory; more than the CPUs answer no faster",
            ),
        )
    if "reload_minutes" in section:
        values["reload_minutes"] = _positive_int(
            origin,
            "telegram.reload_minutes",
            section["reload_minutes"],
            minimum=0,
            maximum=(MAX_MINUTES, "a year; 0 re-reads only at start and on /reload"),
        )
    for name in ("throttle_burst", "remember_questions"):
        if name in section:
            values[name] = _positive_int(origin, f"telegram.{name}", section[name])
    if "inline_results" in section:
        values["inline_results"] = _positive_int(
            origin, "telegram.inline_results", section["inline_results"]
        )
        if values["inline_results"] > 50:
            raise ConfigError(
                f"{origin}: telegram.inline_results must be at most 50 (Telegram's limit), "
                f"got {values['inline_results']}"
            )
    for name in ("allowed_users", "allowed_chats", "admin_ids"):
        if name in section:
            values[name] = _ids(origin, f"telegram.{name}", section[name])
    if "mode" in section:
        if section["mode"] not in get_args(RunMode):
            raise ConfigError(
                f'{origin}: telegram.mode must be "polling" or "webhook", '
                f"got {_shown(section['mode'])}"
            )
        values["mode"] = section["mode"]
    if "webhook_url" in section:
        url = _string(origin, "telegram.webhook_url", section["webhook_url"])
        if not url.startswith(("https://", "http://")):
            raise ConfigError(
                f"{origin}: telegram.webhook_url must be the public https:// address Telegram "
                f"posts updates to, e.g. https://bot.example.org/newsbot; got {_shown(url)}"
            )
        example = "https://bot.example.org/newsbot"
        key = f"{origin}: telegram.webhook_url"
        _address_parts(key, url, ipv6="https://[2001:db8::1]/newsbot", port=example, host=example)
        values["webhook_url"] = url
    if "webhook_listen" in section:
        values["webhook_listen"] = _string(
            origin, "telegram.webhook_listen", section["webhook_listen"]
        )
    if "webhook_port" in section:
        port = _positive_int(origin, "telegram.webhook_port", section["webhook_port"])
        if port > 65535:
            raise ConfigError(f"{origin}: telegram.webhook_port must be 1 to 65535, got {port}")
        values["webhook_port"] = port
    # "" is no secret: the value config.example.toml shows, uncommented, as `token = ""` is
    # no token (a random secret is made at each start)
    # false or 0 had read as no secret: a wrong value is named
    secret = _env(env, "TELEGRAM_WEBHOOK_SECRET") or _unless_blank(
        section.get("webhook_secret_token")
    )
    if secret is not None:
        if not isinstance(secret, str) or not _SECRET.fullmatch(secret):
            key = (
                "TELEGRAM_WEBHOOK_SECRET"  # named as the user set it
                if _env(env, "TELEGRAM_WEBHOOK_SECRET")
                else f"{origin}: telegram.webhook_secret_token"
            )
            raise ConfigError(
                f"{key} must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (or leave it "
                "out: a random one is made at each start)"
            )
        values["webhook_secret_token"] = secret
    settings = dataclasses.replace(defaults, **values)
    if settings.mode == "webhook" and settings.webhook_url is None:
        raise ConfigError(
            f'{origin}: telegram.mode = "webhook" needs telegram.webhook_url, the public address '
            "Telegram posts updates to"
        )
    return settings


def _news_settings(
    origin: str, section: Mapping[str, Any], feeds: Sequence[Mapping[str, Any]]
) -> NewsSettings:
    """The [news] keys and the [[feeds]] list, checked."""
    values: dict[str, Any] = {}
    if "max_age_days" in section:
        values["max_age_days"] = _positive_int(
            origin,
            "news.max_age_days",
            section["max_age_days"],
            minimum=0,
            maximum=(MAX_AGE_DAYS, "a hundred years; 0 keeps articles however old"),
        )
    if "max_articles" in section:
        values["max_articles"] = _positive_int(
            origin, "news.max_articles", section["max_articles"], minimum=0
        )
    for name in ("max_page_bytes", "max_items", "max_follows"):
        if name in section:
            values[name] = _positive_int(origin, f"news.{name}", section[name])
    for name in ("fetch_pages", "allow_private_pages"):
        if name in section:
            if not isinstance(section[name], bool):
                raise ConfigError(f"{origin}: news.{name} must be true or false")
            values[name] = section[name]
    for name, top in (
        ("timeout_seconds", 600.0),
        ("feed_budget_seconds", 86_400.0),
        ("alert_min_relevance", 1.0),
    ):
        if name in section:
            value = section[name]
            if not _number(value) or value <= 0:
                raise ConfigError(
                    f"{origin}: news.{name} must be a number > 0, got {_shown(value)}"
                )
            if value > top:
                raise ConfigError(f"{origin}: news.{name} must be at most {top:g}, got {value}")
            values[name] = float(value)
    specs: list[FeedSpec] = []
    seen: dict[str, tuple[int, str]] = {}  # a normalized URL: the feed that has it
    names: dict[str, int] = {}  # a name, as the store compares them: the feed that has it
    for number, table in enumerate(feeds, 1):
        where = f"feeds #{number}"
        if "url" not in table:
            raise ConfigError(f'{origin}: {where} has no url; add url = "https://..."')
        try:
            url = check_url(_string(origin, f"{where} url", table["url"]))
        except FeedError as exc:
            raise ConfigError(f"{origin}: {where}: {exc}") from None
        key = normalize_url(url)  # as the news store tells feeds apart
        if key in seen:
            first, spelled = seen[key]
            raise ConfigError(
                f"{origin}: {where}: {url} is listed twice (feeds #{first}: {spelled}); keep one"
            )
        seen[key] = (number, url)
        title: str | None = None
        if "name" in table:
            written = _string(origin, f"{where} name", table["name"])
            # one line, as sources are shown: a newline had split the feed's report line,
            # and a name of spaces had been the source "  "
            title = normalize_space(written)
            if not title:
                raise ConfigError(
                    f"{origin}: {where} name must name the feed, got {written!r}; give it a "
                    "name or leave the key out (the feed's own title is used)"
                )
            # the news store tells feeds apart by name in any case (/removefeed NAME,
            # source:NAME): two such names would stop every read of the feeds
            folded = title.casefold()
            if folded in names:
                raise ConfigError(
                    f"{origin}: {where} name: {title!r} is already the name of feeds "
                    f"#{names[folded]} (names are compared ignoring case); give each feed its "
                    "own name"
                )
            if folded:
                names[folded] = number
        interval = _positive_int(
            origin,
            f"{where} interval",
            table.get("interval", 30),
            maximum=(MAX_MINUTES, "a year, in minutes"),
        )
        specs.append(FeedSpec(url, title, interval))
    return NewsSettings(feeds=tuple(specs), **values)


def _ids(origin: str, key: str, value: object) -> frozenset[int]:
    if not isinstance(value, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) for item in value
    ):
        raise ConfigError(
            f"{origin}: {key} must be a list of numeric Telegram ids, e.g. [12345678], "
            f"got {_shown(value)}"
        )
    return frozenset(value)


def _number(value: object) -> TypeGuard[int | float]:
    """An int or a float that is finite (TOML has nan and inf), not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _positive_int(
    origin: str,
    key: str,
    value: object,
    minimum: int = 1,
    maximum: tuple[int, str] | None = None,
) -> int:
    """An int of at least `minimum`; `maximum` is the largest allowed and what it means, for
    values that crash later when huge (a timedelta or a timer overflows)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
        raise ConfigError(f"{origin}: {key} must be {kind}, got {_shown(value)}")
    if maximum is not None and value > maximum[0]:
        top, meaning = maximum
        raise ConfigError(
            f"{origin}: {key} must be at most {top} ({meaning}), got {value}; set a smaller value"
        )
    return value


def _toml_kind(value: object) -> str:
    """What a TOML value is, in TOML's words."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return "date or time" if value is not None else "value"


def _string(origin: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{origin}: {key} must be a non-empty string, got {_shown(value)}")
    return value


def _unless_blank(value: object) -> object:
    """The value, None for "" (config.example.toml's `key = ""`, uncommented, is unset). Not
    `value or None`: that read false, 0 and [] as unset too, though each is a mistake."""
    return None if value == "" else value


def _env(env: Mapping[str, str], name: str) -> str | None:
    """An environment variable's value without the spaces and line end around it (a value
    read from a secrets file ends in a newline, which had passed a URL's check and broken
    every request later), and without one pair of quotes around it (`docker --env-file`
    keeps those of TELEGRAM_API_BASE_URL="http://..."), None when unset or blank."""
    return _unquoted(env.get(name, "").strip()).strip() or None


def _path(origin: str, key: str, value: object, base: Path, variables: Mapping[str, str]) -> Path:
    """A path from the config: ~ and ~user expanded, then $VAR and ${VAR} (as a shell
    would; `data_dir = "$HOME/nbd"` had made a folder named "$HOME"), relative to the
    config's folder."""
    text = _string(origin, key, value)
    if not text.strip():  # "  " names no file either: a folder of that name had been made
        raise ConfigError(f"{origin}: {key} must be a non-empty string, got {_shown(value)}")
    if "\0" in text:
        raise ConfigError(f"{origin}: {key} must not contain a NUL character, got {text!r}")
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # ~user of no such user, or no home directory
        raise ConfigError(
            f"{origin}: {key} {text!r} starts with a ~ that names no home directory; "
            "write the full path"
        ) from None
    return base / _expand_variables(f"{origin}: {key} {text!r}", str(path), variables)


# $NAME or ${NAME} (a $ before anything else, "cost$5", is a $; "$$" is one, for a name that
# holds "$NAME": "$$RECYCLE.BIN"); a ${ left open, or around no name, is matched to be named
# as a mistake
_VARIABLE = re.compile(r"\$(?:(\$)|([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\}|(\{[^}]*\}?))")


def _expand_variables(where: str, text: str, variables: Mapping[str, str]) -> str:
    """`text` with each $NAME and ${NAME} replaced by the variable's value, "$$" by "$". One
    that is not set, or empty, is a config error, not a folder named "$NAME" made beside the
    config (nor, empty, the path's rest read from the root: "$UNSET/nbd" as "/nbd")."""

    def value(found: re.Match[str]) -> str:
        if found[1] is not None:
            return "$"
        if found[4] is not None:
            raise ConfigError(
                f"{where} has a ${{ without a variable's name and }} after it; write $NAME "
                "or ${NAME}"
            )
        name = found[2] or found[3]
        if name not in variables:
            raise ConfigError(
                f"{where} uses ${name}, which is not set; set it, or write the path without it"
            )
        if not variables[name]:
            raise ConfigError(
                f"{where} uses ${name}, which is empty; set it, or write the path without it"
            )
        return variables[name]

    return _VARIABLE.sub(value, text)


def _list(origin: str, section: Mapping[str, Any]) -> list[object]:
    value = section["paths"]
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and not value:  # "must be a list" of a list read wrong
        raise ConfigError(
            f'{origin}: corpus.paths is empty; list a file or folder, e.g. ["seeds"], or '
            "remove the key for the default seeds"
        )
    if not isinstance(value, list):
        raise ConfigError(
            f'{origin}: corpus.paths must be a list of files or folders, e.g. ["seeds"]'
        )
    return value
