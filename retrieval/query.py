"""Search operators: filters written into a question, parsed out of it.

    source:NAME      only articles from that source; quote a name with spaces
                     (source:"BBC News"); several source: mean any of them
    since:WHEN       published on or after WHEN
    before:WHEN      published before WHEN (the day itself excluded)
    "exact phrase"   the passage's article holds these words, in this order
    -word            no passage from an article that uses the word (in any form)

WHEN is a date (2024-05-01; 2024-05 and 2024 mean their first day), a span back from today
(7d, 2w, 3m, 1y: days, weeks, calendar months, years) or `today` / `yesterday`.

Operator names are case-insensitive. Only a known name, a colon and a value make an operator:
"http://x", "10:30", "re:" and a bare "since:" stay words ("...the first time since:", as quiz
questions end). People also type a space after the colon: "since: 2024-05-01" is the operator
when a date follows (not a year alone: "...for the first time since: 1966" asks it), and
"source: reuters" when the Searcher knows such a source
(`loose_sources`; otherwise they stay words, as "the source: a leak" is). A date may end
in the sentence's punctuation ("since:2024-05-01?"), and an operator or a phrase may sit
in brackets ("(source:bbc)"). A "-" makes an exclusion only at the start of a word and
before a letter, so "covid-19", "-5%" and a lone "-" stay words. A quote with no closing
quote is plain text, and so are quotes around no letter or digit ("", "?!"); straight and
curly quotes both work. Several since: or before: narrow the range to what all of them allow.

A malformed operator is not ignored: it becomes an error that says what to write instead, and
the search does not run (a wrong date or source would otherwise widen or empty the answer
without a word). Only the operators leave the ranked text; a phrase's words stay in it, so a
question that is only a phrase searches for the phrase's words (and when no article holds
the phrase, the Searcher searches its words without it, saying so).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

OPERATORS = ("source", "since", "before")
_OPEN_QUOTES = '"\u201c\u201e'  # " “ „
_CLOSE_QUOTES = '"\u201d\u201c'  # " ” “ (German quotes close with “)
_OPERATOR = re.compile(r"(source|since|before):", re.IGNORECASE)
_SPAN = re.compile(r"(\d+)([dwmy])")
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_MAYBE_OPERATOR = re.compile(r'[:"\u201c\u201e]|(?<![^\s(\[{])-[^\W\d_]')  # a fast way out
_BRACKETS = "([{"  # before an operator or a phrase: dropped
TRAILING = ".,;:!?)]}'\u2019"  # after a value: the sentence's, not the value's
_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"\S*")
_CLOSE = re.compile(f"[{_CLOSE_QUOTES}]")
# ECMA-48 control sequences: CSI (ESC [ or 0x9b) with its parameters, OSC/DCS/APC strings up to
# their terminator, and two-character escapes.
_TERMINAL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
_QUOTES = _OPEN_QUOTES + _CLOSE_QUOTES
_SHOWN = 40  # characters of a bad value quoted back in an error
SHOWN_ERRORS = 3  # errors a question's answer lists
DATE_HELP = "a date like 2024-05-01 or a span like 7d"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A question split into its ranked text and its filters.

    `text` holds the free words and the phrases' words (what BM25 ranks); `excluded` the words
    after "-", as typed; `errors` one message per malformed operator, ready to show a user.
    """

    text: str
    sources: tuple[str, ...] = ()
    since: date | None = None
    before: date | None = None
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    # "source: NAME", written with a space: a filter if NAME is a known source (the Searcher
    # knows), else words, which `text` keeps either way
    loose_sources: tuple[str, ...] = ()
    # `before` was not typed: a relative since: ("since:7d") counts back from the day the
    # question is asked, so it also ends there (a past --as-of must not list later stories)
    implicit_before: bool = False
    # the free words alone, without the phrases' (None when there is no phrase): where the
    # time a question asks about is read ('"last week" fire' names no week)
    unquoted: str | None = None

    @property
    def has_filters(self) -> bool:
        """Whether any operator narrows the search."""
        return bool(
            self.sources
            or self.since is not None
            or self.before is not None
            or self.phrases
            or self.excluded
        )

    def describe(self) -> str:
        """The filters in a few words, e.g. `source: BBC; since 2024-05-01; without "resign"`."""
        parts: list[str] = []
        if self.sources:
            parts.append("source: " + " or ".join(shorten(name, 80) for name in self.sources))
        if self.since is not None:
            parts.append(f"since {self.since.isoformat()}")
        if self.before is not None and not self.implicit_before:
            parts.append(f"before {self.before.isoformat()}")
        parts.extend(f"“{shorten(phrase, 80)}”" for phrase in self.phrases)
        parts.extend(f"without “{shorten(word, 80)}”" for word in self.excluded)
        return "; ".join(parts)


def without_terminal_codes(text: str) -> str:
    """`text` with terminal control sequences (colours or links pasted with a question) made
    spaces: ESC[31mNiger is Niger, not the word "31mNiger"."""
    if "\x1b" in text or "\x9b" in text:
        return _TERMINAL.sub(" ", text)
    return text


def parse_query(text: str, today: date) -> ParsedQuery:
    """Split `text` into ranked words and operators; `today` anchors 7d, yesterday and the
    like. Never raises: malformed operators come back in `errors`."""
    if not _MAYBE_OPERATOR.search(text):
        return ParsedQuery(text)
    words: list[str] = []
    sources: list[str] = []
    loose: list[str] = []
    phrases: list[str] = []
    phrase_at: set[int] = set()  # which of `words` are phrases
    excluded: list[str] = []
    errors: list[str] = []
    since: list[date] = []
    before: list[date] = []
    relative = False  # a since: counted back from `today`
    changed = False
    i, n = 0, len(text)
    while i < n:
        i = _match_end(_SPACE, text, i)
        if i == n:
            break
        if text[i] in _BRACKETS:
            start = i
            while start < n and text[start] in _BRACKETS:
                start += 1
            if _starts_operator(text, start):
                i, changed = start, True
        close = _closing_quote(text, i) if text[i] in _OPEN_QUOTES else -1
        if close > 0:
            phrase = " ".join(text[i + 1 : close].split())
            if any(ch.isalnum() for ch in phrase):
                phrases.append(phrase)
                words.append(phrase)
                phrase_at.add(len(words) - 1)
                changed = True
            else:  # "" or "?!": nothing to look for, so plain text
                words.append(text[i : close + 1])
            i = close + 1
            continue
        end = _match_end(_WORD, text, i)
        token = text[i:end]
        match = _OPERATOR.match(token)
        if match and match.end() == len(token):  # "since: 2024-05-01", "source: reuters"
            name = match.group(1).lower()
            after = _match_end(_SPACE, text, end)
            following = _match_end(_WORD, text, after)
            value = text[after:following]
            if name == "source" and value and value[0] not in _OPEN_QUOTES + "-":
                loose.append(value.rstrip(TRAILING))
            elif name != "source" and value and not _dated(value).isdecimal():
                # a date, not a year alone: "the first time since: 1966" asks about the year
                day = parse_day(_dated(value), today)
                if day is not None:
                    (since if name == "since" else before).append(day)
                    relative |= name == "since" and _is_relative(_dated(value))
                    changed, i = True, following
                    continue
        if match and match.end() < len(token):
            name = match.group(1).lower()
            value, end = _value(text, i + match.end(), end)
            if name == "source":
                quoted = text[i + match.end()] in _OPEN_QUOTES
                value = value if quoted else value.rstrip(TRAILING)  # "(source:bbc)?"
                if value:
                    sources.append(value)
                else:
                    errors.append(SOURCE_NEEDS_NAME)
            else:
                value = _dated(value)
                day = parse_day(value, today)
                if day is None:
                    errors.append(f"{name}: {_date_problem(value)}")
                else:
                    (since if name == "since" else before).append(day)
                    relative |= name == "since" and _is_relative(value)
            changed, i = True, end
            continue
        if len(token) > 1 and token[0] == "-" and token[1].isalpha():
            negated = _OPERATOR.match(token, 1)
            if negated and negated.end() < len(token):
                errors.append(
                    f"“{shorten(token)}”: {negated.group(1).lower()}: cannot be negated; "
                    "only words can be left out, like -word."
                )
            else:
                excluded.append(token[1:].rstrip(")]}") or token[1:])  # "[-troops]"
            changed, i = True, end
            continue
        words.append(token)
        i = end
    low = max(since) if since else None
    high = min(before) if before else None
    implicit = relative and high is None
    if implicit:  # the asking day and the next (a story dated in a later time zone) count
        high = min(today, date.max - timedelta(days=2)) + timedelta(days=2)  # 9999-12-31
    if low is not None and high is not None and low >= high and not implicit:
        errors.append(
            f"since:{low.isoformat()} and before:{high.isoformat()} leave no dates between them; "
            "since: must be earlier than before:."
        )
    return ParsedQuery(
        text=" ".join(words) if changed else text,
        sources=tuple(dict.fromkeys(sources)),
        loose_sources=tuple(dict.fromkeys(value for value in loose if value)),
        since=low,
        before=high,
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=tuple(dict.fromkeys(excluded)),
        errors=_fewer(errors),
        implicit_before=implicit,
        unquoted=" ".join(w for n, w in enumerate(words) if n not in phrase_at)
        if phrase_at
        else None,
    )


def _fewer(errors: list[str]) -> tuple[str, ...]:
    """The errors, each once, at most SHOWN_ERRORS of them and a line counting the rest
    (pasted text made thousands, 160 KB of them)."""
    distinct = list(dict.fromkeys(errors))
    if len(distinct) <= SHOWN_ERRORS:
        return tuple(distinct)
    more = len(distinct) - SHOWN_ERRORS
    return (*distinct[:SHOWN_ERRORS], f"… and {more:,} more malformed operator{'s' * (more > 1)}.")


def _starts_operator(text: str, start: int) -> bool:
    """Whether an operator, a closed phrase or an exclusion starts at `start`."""
    if start >= len(text):
        return False
    if text[start] in _OPEN_QUOTES:
        close = _closing_quote(text, start)
        return close > 0 and any(ch.isalnum() for ch in text[start + 1 : close])
    if text[start] == "-":
        return start + 1 < len(text) and text[start + 1].isalpha()
    match = _OPERATOR.match(text, start)
    return match is not None and match.end() < len(text)  # "(since: 2024-05-01)" too


def _dated(value: str) -> str:
    """A date operator's value without the sentence's punctuation after it: "2024-05-01?"."""
    return value.rstrip(TRAILING) or value


def _date_problem(value: str) -> str:
    """What is wrong with a date operator's value that names no day."""
    folded = value.strip().lower()
    if _SPAN.fullmatch(folded):  # 1y asked as of 0001-06-01, or 100000000d
        return f"“{shorten(value)}” reaches back before the year 1; use a shorter span or a date."
    return (no_such_day(folded) or f"needs {DATE_HELP}, not “{shorten(value)}”") + "."


def no_such_day(value: str) -> str | None:
    """Why a value written as a date (2024-02-30, 0000-01-01, 2024-13) names no day, or None
    if it is no such value (or a real day)."""
    day = _DAY.fullmatch(value.strip())
    if day is None:
        return None
    year, month, dom = (int(part) if part else None for part in day.groups())
    if year == 0:
        return f"there is no year 0 (“{shorten(value)}”): years start at 1"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month} (“{shorten(value)}”): months are 1 to 12"
    if year is not None and month is not None and dom is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= dom <= last:
            name = calendar.month_name[month]
            return f"there is no day {shorten(value)}: {name} {year} has {last} days"
    return None


def _is_relative(value: str) -> bool:
    """Whether a date operator's value counts from the asking day (today, 7d, 2w, ...)."""
    value = value.strip().lower()
    return value in ("today", "yesterday") or _SPAN.fullmatch(value) is not None


def parse_day(value: str, today: date) -> date | None:
    """The day `value` names (2024-05-01, 2024-05, 2024, 7d, 2w, 3m, 1y, today, yesterday),
    counting spans back from `today`; None if it names none."""
    value = value.strip().lower()
    if value == "today":
        return today
    try:
        if value == "yesterday":
            return today - timedelta(days=1)
        if span := _SPAN.fullmatch(value):
            count, unit = int(span.group(1)), span.group(2)
            if unit in "dw":
                return today - timedelta(days=count * (7 if unit == "w" else 1))
            return _months_back(today, count * (12 if unit == "y" else 1))
        if day := _DAY.fullmatch(value):
            year, month, dom = day.groups()
            return date(int(year), int(month or 1), int(dom or 1))
    except (OverflowError, ValueError):  # before year 1, or no such day (2024-02-30)
        return None
    return None


def _months_back(today: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))  # ValueError before year 1


def _closing_quote(text: str, start: int) -> int:
    """The position of the quote that closes the one at `start`, or -1. Past the text's last
    closing quote there is none to look for (ten thousand unclosed quotes each searched to
    the end: a second a question)."""
    if start >= _last_close(text):
        return -1
    match = _CLOSE.search(text, start + 1)
    return match.start() if match else -1


@functools.lru_cache(maxsize=4)
def _last_close(text: str) -> int:
    """Where the text's last closing quote is (-1: none)."""
    return max(map(text.rfind, _CLOSE_QUOTES))


def _match_end(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where `pattern` (which matches the empty string too) stops matching from `start`."""
    match = pattern.match(text, start)
    return match.end() if match else start


def _value(text: str, start: int, end: int) -> tuple[str, int]:
    """An operator's value starting at `start` (quoted, possibly with spaces, or up to `end`),
    white space normalized, and where the operator ends."""
    if text[start] in _OPEN_QUOTES:
        close = _closing_quote(text, start)
        if close > 0:
            return " ".join(text[start + 1 : close].split()), close + 1
        return text[start + 1 : end], end  # an unclosed quote is plain text
    return text[start:end], end


def shorten(value: str, limit: int = _SHOWN) -> str:
    """A value typed into a question, cut for quoting back in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


EXAMPLE_SOURCE_CHARS = 30  # a longer source name makes no example of a filter


# no fixed example ("source:reuters" of a library without Reuters): the hint shown under an
# error gives the library's own (`example_source`)
SOURCE_NEEDS_NAME = "source: needs a name: one of the sources the stories here come from."


def example_source(names: Iterable[str]) -> str | None:
    """A source: filter for the first of these source names (a library's, most articles
    first) fit to show as an example, as a user types it: `source:cnn`, `source:"USA
    TODAY"`; None when none fits (no names, or only long ones or ones with quotes). A fixed
    example ("source:reuters") had been shown of libraries without it."""
    for typed in names:
        name = " ".join(typed.split())
        if not name or len(name) > EXAMPLE_SOURCE_CHARS or any(q in name for q in _QUOTES):
            continue
        return f'source:"{name}"' if " " in name else f"source:{name.lower()}"
    return None
