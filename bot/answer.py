"""The one answer core: (question, hits) -> Reply, rendered as Telegram HTML or terminal text."""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from retrieval.analysis import ENGLISH_STOPWORDS, sentence_goes_on
from retrieval.articles import Article, Hit, normalize_space
from retrieval.query import parse_query
from retrieval.search import lead_position

MAX_MESSAGE = 4096  # Telegram's limit per message, in UTF-16 code units
# Telegram keeps the formatting of only the first 100 entities (bold, italic, links) of a
# message; a passage shows at most MAX_BOLD_SPANS bold runs, words next to each other in one
MAX_ENTITIES = 100
MAX_BOLD_SPANS = 24
MAX_PASSAGE = 600  # passages longer than this are trimmed around their best sentence
# The deepest passage an answer reaches, by paging or by k: the near-duplicate check compares
# each passage with those above it, so a search's cost grows with k squared (k 2,000 took 4 s
# over 311k paragraphs, a k of 10^20 a minute, and paging "more" 700 times 16 minutes);
# nobody reads a hundred passages down
MAX_DEPTH = 100


def within_depth(k: int, offset: int) -> int:
    """How many of k passages from `offset` an answer shows: none past MAX_DEPTH."""
    return max(0, min(k, MAX_DEPTH - offset))


MAX_QUESTION_ECHO = 100  # characters of the question shown back in "nothing found"
ELLIPSIS = "…"
NOTHING_FOUND = "No good match"
SUGGESTION = "Try fewer or different words, a name, or a place."
NOTHING_LISTED = "No article passes"  # a question of only filters, no words
_OTHER_FILTERS = 'since:2024-05-01 or since:7d, before:2024-06-01, "exact phrase", -word.'
LINK_LABEL = "Read the article"
UNTITLED = "Untitled"

# Budgets (UTF-16 units shown) used only when one passage alone would overflow a message;
# their sum plus the markup stays well under MAX_MESSAGE, so a passage always fits.
_HEADLINE_UNITS = 800
_META_UNITS = 300
_SECTION_UNITS = 300
_NOTE_UNITS = 1000
_HREF_UNITS = 2048

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ANSI_BOLD = "\x1b[1m"
_ANSI_RESET = "\x1b[0m"
# What no link may hold: control characters, lone surrogates, bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Control characters (but tab and newline) and lone surrogates in shown text: replaced one
# for one (U+FFFD), so offsets stay valid, and no article can move the terminal's cursor or
# break Telegram's parser.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi controls (`_safe`): Arabic, Hebrew and Persian sources put a name or a number between
# isolates (LRI, RLI or FSI ... PDI), which had shown as "\ufffd". An isolate whose PDI is on
# the same line of the same text stays: it orders only what is inside it. Embeddings and
# overrides (LRE, RLE, LRO, RLO ... PDF) become the isolates of the same direction, one for
# one (an override forced letters into a reversed order: the spoof); an isolate left open
# (its PDI missing, or cut off with the rest of a long text) and a PDI with none open are
# dropped, so nothing shown can reorder the rest of a line (a date after a source, the bot's
# words after an echo). The marks RLM and LRM stay: right-to-left text needs them, and they
# reorder nothing.
_EMBEDDING = re.compile("[\u202a-\u202e]")
_AS_ISOLATE = str.maketrans(
    {
        "\u202a": "\u2066",
        "\u202d": "\u2066",
        "\u202b": "\u2067",
        "\u202e": "\u2067",
        "\u202c": "\u2069",
    }
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_PDI = "\u2069"
_ISOLATE_OR_PDI = re.compile("[\u2066-\u2069]")
_PARAGRAPH_END = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")  # where the bidi algorithm ends all
# A sentence ends at . ! ? or … (and closing quotes or brackets) before white space, or at \n.
_BREAK = re.compile("[.!?\u2026]+[\"'\u201d\u2019\u00bb)\\]]*\\s+|\\n\\s*")


@dataclass(frozen=True, slots=True)
class Passage:
    """A render-ready view of one hit."""

    headline: str
    meta: str
    section: str | None
    text: str
    bold: tuple[tuple[int, int], ...]
    url: str | None


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot answers to one question: passages, or none when nothing matched well.

    `error` says why the question could not be searched as written (a malformed operator),
    and `example_source` is the library's source: filter its hint shows (`operator_hint`);
    `chat` is a reply to a message that is no question ("hello", "thanks": `small_talk`).
    """

    question: str
    passages: tuple[Passage, ...]
    has_more: bool = False
    note: str | None = None
    error: str | None = None
    chat: str | None = None
    example_source: str | None = None

    @property
    def has_hits(self) -> bool:
        """Whether there is at least one passage to show."""
        return bool(self.passages)


# an acknowledgement or a filler: searched, "ok" found a story quoting someone's "OK", and
# "hmm" was told "No good match"
_OK = (
    r"(?:ok|okay|okey|k|kk|cool|great|perfect|awesome|got it|i see|alright|all right"
    r"|lol|haha|hm+|um+|uh+|erm|oh|ah|yeah|yep|yes|nice)"
)
# "{such_as}" is filled in by small_talk: the example question of the library asked, if any
_ASK_ME = "Ask me about the news in your own words{such_as}"
# a goodbye as people type one: "bye", "ok bye", "thanks, bye", "bye for now", "see you
# later", "goodnight" (searched, "bye bye" found the VMAs' "Bye Bye Bye")
_GOODBYE = (
    rf"(?:(?:{_OK}|thanks|thank you|ok thanks) )?"
    r"(?:bye(?: bye)?|good ?bye|good ?night|night night|see (?:you|ya)(?: later| soon| around)?"
    r"|later|ttyl|cya)(?: for now| then| all| everyone| bot| newsbot)?"
)
GOODBYE = "Goodbye! Ask me about the news any time."
_ABOUT_ME = (
    "I'm Newsbot: I find the passages of news articles that answer a question, with "
    f"their headline, source, date and link. {_ASK_ME}."
)
_WELCOME = "You're welcome! Ask me anything else about the news."
_GLAD = "Glad to help! Ask me anything else about the news."
# to an acknowledgement or an emoji, which may come first as well as after an answer: "Ask
# me anything else" had read oddly as a chat's first reply ("🤔", "lol")
_ASK_ON = "Ask me a question about the news{such_as}."
_HELLO = f"Hello! {_ASK_ME}."
_ASK_AWAY = f"{_ASK_ME}."
# Whole messages that are greetings, thanks or questions about the bot, in English, and the
# reply to each: searched, "hello" found a story quoting someone's hello.
_SMALL_TALK: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), reply)
    for pattern, reply in (
        (
            r"(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))"
            r"(?: there| all| everyone| bot| newsbot)?",
            _HELLO,
        ),
        (
            rf"(?:{_OK} )?(?:thanks|thank you|thank u|thx|ty|many thanks|cheers)"
            r"(?: (?:so|very) much| a lot| bot| newsbot)?",
            _WELCOME,
        ),
        (rf"{_OK}(?: {_OK})?", _ASK_ON),  # "ok cool", "lol ok"
        (  # praise after an answer ("great bot", "well done"): no news asked for
            r"(?:(?:good|great|nice|awesome|cool|amazing|excellent|brilliant) (?:bot|newsbot|job)"
            r"|well done|love (?:it|this|this bot|you)|you(?:'re| re| are) (?:great|awesome"
            r"|amazing|the best|helpful)|(?:very|so|really) (?:helpful|useful))",
            _GLAD,
        ),
        (
            r"(?:how are you(?: doing)?|who are you|what are you|what can you do|what do you do)",
            _ABOUT_ME,
        ),
        (_GOODBYE, GOODBYE),
        (  # a request with nothing asked yet: searched, "can you tell me" found "Blair told"
            r"(?:please|help(?: me)?|please help(?: me)?|(?:can|could) you help(?: me)?"
            r"|(?:can|could) you tell me(?: something)?|tell me something|i have a question)",
            _ASK_AWAY,
        ),
    )
)
# small talk in parts ("hi, how are you?", "thanks a lot, great bot!") gets one reply: the
# one to the part that says most, in this order (a goodbye still leaves the console)
_COMPOUND_REPLIES = (_ABOUT_ME, GOODBYE, _ASK_AWAY, _WELCOME, _GLAD, _ASK_ON, _HELLO)
_CLAUSE_BREAK = re.compile(r"[,;.!?\u2026]+|\s[-\u2013\u2014]+\s")  # , ; . ! ? … and dashes
SMALL_TALK_CHARS = 60  # a longer message is no greeting
_CHAT_NOISE = re.compile(r"[^\w\s']+|_")
# who a question names when it names no one: "how old is he?", "did they win?", "is this
# true?" (searched, "this true" found "the true state of the economy")
_PRONOUN_WORDS = "he she it they him her them his hers its their theirs this that these those"
_PRONOUNS = frozenset(_PRONOUN_WORDS.split())
_WORDS = re.compile(r"[\w'\u2019-]+")
_ASKING_WORDS = """
    who whom whose what which when where why how did does do is was were are will would can
    could has have had should tell
"""
_ASKING = frozenset(_ASKING_WORDS.split())
# what one asks of a message one replies to, naming nothing: "is this true?", "explain",
# "source?", "fact check"
_CHECKING_WORDS = """
    true false real fake right wrong correct accurate legit really sure confirm confirmed
    verify check fact explain context source sources proof evidence link
"""
_CHECKING = frozenset(_CHECKING_WORDS.split())
_ASKS_OF_A_MESSAGE = frozenset({"explain", "verify", "fact"})  # without a "?" too
_POLITE = frozenset({"please", "pls", "plz", "kindly"})  # "source please"
_NAMING_NOTHING = _CHECKING | _POLITE | _PRONOUNS | _ASKING | ENGLISH_STOPWORDS
CHECKS_NOTHING = "Put a name or a topic in the question{such_as}: each message is read on its own."
NAMES_NO_ONE = (
    "Who or what do you mean by “{pronoun}”? Put the name or the topic in the question: each "
    "message is read on its own."
)


def small_talk(message: str, example: str | None = None) -> str | None:
    """The reply to a message that is small talk, not a question about the news ("hi!",
    "Thank you so much", "who are you?"), or None. A message written as a search ("thank
    you" in quotes, -hello) is a search. `example`: a question the library at hand answers
    (its newest headline), which the replies that say what to ask suggest; without one they
    suggest none. A fixed example ("why are US troops leaving Niger?") found nothing in a
    library without that story."""
    if len(message) > SMALL_TALK_CHARS:
        return None
    query = parse_query(message, date.today())
    if query.has_filters or query.errors or query.loose_sources:
        return None  # a phrase in quotes, -hello, an operator: a search, whatever its words
    chat = _chat_template(message)
    if chat is not None:
        return chat.format(such_as=_such_as(example))
    if _only_punctuation(message):  # "?", "!", "…": searched, "No good match for “?”"
        return _put_a_name(example)
    return _names_no_one(message) or _points_back(message) or _checks_nothing(message, example)


# a result of an earlier answer named and nothing else: "the second one", "and the first?",
# "what about the last one?", "number 3" (up to 9: "number 10" is Downing Street)
_RESULT_NAMED = re.compile(
    r"(?:(?:and|so|ok|okay|but)\s+)*(?:(?:what|how)\s+about\s+)?"
    r"(?P<named>the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|[1-9](?:st|nd|rd|th)|last|other|previous|next|top)"
    r"(?:\s+(?:one|story|article|result|link|headline))?"
    r"|(?:number|story|result)\s+(?:[1-9]|one|two|three|four|five|six|seven|eight|nine))"
)
# ... a question that only goes on from the one before: "what happened next", "tell me more"
_GOES_ON_ALONE = re.compile(
    r"(?:(?:and|so|ok|okay|but)\s+)*(?:what\s+happened\s+(?:next|then|after(?:\s+that)?)"
    r"|what\s+(?:next|else|then)|(?:and\s+)?then\s+what|tell\s+me\s+more|go\s+on)"
)
NAMES_A_RESULT = (
    "Which result do you mean by “{named}”? Each message is read on its own: to read a result "
    "of an answer in full, tap its 📄 N button in a chat, or type open N in the console."
)
GOES_ON_ALONE = (
    "Each message is read on its own, not with the one before: put the name or the topic in "
    "the question. To read a result of an answer in full, tap its 📄 N button in a chat, or "
    "type open N in the console."
)


def _points_back(message: str) -> str | None:
    """The reply to a message that only points back at an earlier answer: a result named
    ("the second one", "and the first?") or a sequel asked ("what happened next", "tell me
    more"). Searched, "the second one" found a chart's "second week" and "what happened
    next" an award "held again next year": each message is read on its own. The console
    opens a result so named after an answer before it asks (`bot.console`); a chat's
    buttons do."""
    words = _chat_words(message)
    if (named := _RESULT_NAMED.fullmatch(words)) is not None:
        return NAMES_A_RESULT.format(named=named["named"])
    return GOES_ON_ALONE if _GOES_ON_ALONE.fullmatch(words) else None


def _only_punctuation(message: str) -> bool:
    """Whether a message is punctuation and nothing else ("?", "?!", "…", "/"): it names
    nothing to search, and "Try fewer or different words" was said of no words. Not
    symbols: "<&>" is markup to echo."""
    shown = "".join(message.split())
    return bool(shown) and all(unicodedata.category(char).startswith("P") for char in shown)


def _put_a_name(example: str | None) -> str:
    """The reply to a message that names nothing to search: put a name or a topic in it."""
    shown = typed_echo(example or "")
    return CHECKS_NOTHING.format(such_as=f", e.g. “{shown}”" if shown else "")


def _checks_nothing(message: str, example: str | None) -> str | None:
    """The reply to a message that asks to check or explain and names nothing ("source?",
    "explain", "fact check?"), sent on its own: searched, "explain" found "Poll explains
    free-kick decision". In reply to another message, Telegram searches that message's words
    instead (`names_nothing`)."""
    words = {w.casefold() for w in _WORDS.findall(message.replace("-", " "))}
    if not words & _CHECKING or not names_nothing(message):
        return None  # most questions hold no check word: names_nothing's reading spared
    # a request about a message: "explain", "verify", "fact check", or a check word asked
    # ("source?", "true?", "link please"); "Real", "proof", "link" or "right now" alone are
    # searched
    asked = ("?" in message or "\uff1f" in message or bool(words & _POLITE)) and bool(
        words & _CHECKING
    )
    if not (asked or words & _ASKS_OF_A_MESSAGE):
        return None  # "why?": no subject, but nothing asked of a message either
    return _put_a_name(example)


def _such_as(example: str | None) -> str:
    """The end of "Ask me about the news in your own words": the example, when there is one."""
    shown = typed_echo(example or "")
    return f", such as “{shown}”" if shown else ""


def _chat_template(message: str) -> str | None:
    """The reply to small talk, its example still to fill in ("{such_as}"), or None."""
    whole = _chat_reply(message)
    if whole is not None:
        return whole
    if _only_symbols(message):  # "👍", ":)", "🙏": searched, "No good match for “👍”"
        return _ASK_ON
    # each part small talk: "hi, how are you?", "thanks a lot, great bot!" had been searched
    # (and "hi, who won the election?" still is)
    parts = [part for part in _CLAUSE_BREAK.split(message) if _chat_words(part)]
    replies = [_chat_reply(part) for part in parts]
    if len(parts) > 1 and all(replies):
        return min((r for r in replies if r is not None), key=_COMPOUND_REPLIES.index)
    return None


_EMOTICONS = frozenset(
    [
        ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", "xD", "XD", ":P", ":-P", ":p",
        "<3", "^^", "^_^", ":o", ":O", ":/", ":-/", ":|", "o/", "\\o/",
    ]
)  # fmt: skip
_EMOJI_JOINERS = frozenset("\u200d\ufe0f\ufe0e")  # a joiner and variation selectors


def _only_symbols(message: str) -> bool:
    """Whether a message is an emoji or a few ("👍", "🙏🙏", "👍🏽"), perhaps with punctuation
    ("🤔?", "👍!"), or an emoticon (":)", "<3"), and nothing else. Not any symbol: "<&>" is
    markup to echo, and a Braille blank (U+2800) shows nothing."""
    shown = "".join(message.split())
    if shown in _EMOTICONS:
        return True
    emoji = False
    for char in shown:
        kind = unicodedata.category(char)
        if char in _EMOJI_JOINERS or (kind == "Sk" and 0x1F3FB <= ord(char) <= 0x1F3FF):
            continue  # a skin tone, a joiner
        if kind.startswith("P"):  # "🤔?": searched, "No good match for “🤔?”"
            continue
        if kind != "So" or char == "\u2800" or not 0x2190 <= ord(char) <= 0x1FAFF:
            return False
        emoji = True
    return emoji


def _chat_words(message: str) -> str:
    """A message's words as small talk is matched: lower case, no punctuation or emoji."""
    return " ".join(_CHAT_NOISE.sub(" ", message).casefold().split())


def _chat_reply(message: str) -> str | None:
    """The reply to a message that is one piece of small talk as a whole, or None."""
    words = _chat_words(message)
    return next((reply for pattern, reply in _SMALL_TALK if pattern.fullmatch(words)), None)


def is_goodbye(message: str) -> bool:
    """Whether a message says goodbye and nothing else (the console then leaves)."""
    return small_talk(message) == GOODBYE


def _names_no_one(message: str) -> str | None:
    """The reply to a question whose only subject is a pronoun, with one word besides at most
    ("how old is he?", "did they win?", "is it true?"): searched, its one word found a
    confident, unrelated story ("Biden at 80"). A name, even in lower case after the first
    word, or a second word makes it a question to search ("did they win the cup?"), unless
    the subject is only what a pronoun owns ("how long is his sentence", "when is his court
    date": `_owned_by_pronoun`), which had found a death-row story and a Roe v. Wade leak."""
    typed = _WORDS.findall(message)  # "she-hulk" is one word, no "she"
    # "IT outage" names IT; "it ends with us", no question, may be a title
    pronoun = next((w for w in typed if w.casefold() in _PRONOUNS and not w.isupper()), None)
    asks = message.rstrip().endswith("?") or (bool(typed) and typed[0].casefold() in _ASKING)
    if pronoun is None or not asks or any(w[:1].isupper() for w in typed[1:] if w != "I"):
        return None
    content = _subject_words(typed, ENGLISH_STOPWORDS | _PRONOUNS)
    if any(any(c.isdigit() for c in w) for w in content) or _QUOTED_OR_DOTTED.search(message):
        return None
    if len(content) > 1:
        # "how long is his sentence", "what is her new album called?": a subject only
        # pointed at, whatever words it has
        owned = _owned_by_pronoun(typed) is not None
        return NAMES_NO_ONE.format(pronoun=pronoun.casefold()) if owned else None
    if _about_subject(message):  # "what is this about oil?": oil is the subject
        return None
    return NAMES_NO_ONE.format(pronoun=pronoun.casefold())


# what "how" asks, no subject's word: "how long is his sentence", "how many are missing?"
_HOW_WORDS = "many much long old far often soon big tall late"
_HOW = frozenset(_HOW_WORDS.split())


def _subject_words(typed: Sequence[str], plain: frozenset[str]) -> list[str]:
    """The words of a message that may name its subject: not in `plain`, nor the word that
    "how" asks ("how long", "how many")."""
    folded = [_plain_form(w) for w in typed]
    return [
        typed[i]
        for i, word in enumerate(folded)
        if word not in plain and not (i and folded[i - 1] == "how" and word in _HOW)
    ]


def _plain_form(word: str) -> str:
    """A word as the stopword lists spell it: lower case, no apostrophe ("what's": whats)."""
    return word.casefold().replace("'", "").replace("\u2019", "")


# a possessive before what it owns: "his sentence", "her new album", "their lawyer"
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
_OWNED_MAX = 3  # words of a subject in all: "what is her new album called?"
# a form of address or a title with a possessive in it: a name, not a pointer ("her
# majesty", "his holiness"; "what is his dark materials about?" asks about the novels)
_OWNED_NAME = re.compile(
    r"(?:his|her|their|its)\s+(?:(?:royal\s+)?(?:majesty|highness|holiness|excellency|eminence"
    r"|grace|lordship|ladyship|honour|honor)s?\b|dark\s+materials\b"
    r"|finest\s+hour\b)"
)


def _owned_by_pronoun(typed: Sequence[str]) -> str | None:
    """The possessive pronoun ("his", "her", "their", "its") a question's subject is owned
    by, when that is all it says of whose ("how long is his sentence", "when is his court
    date", "what did his lawyer say?"), or None. A word of a subject before it ("is biden in
    his office?", "why did biden call her stupid") may be a name in lower case: searched.
    With "he", "she", "they" or "it" asking too, one such word is a verb ("did she release
    her album?"). The caller has ruled out names in capitals, digits and quotes."""
    folded = [_plain_form(w) for w in typed]
    plain = ENGLISH_STOPWORDS | _PRONOUNS | _ASKING
    at = next(
        (
            i
            for i, word in enumerate(folded[:-1])
            if word in _POSSESSIVES and folded[i + 1] not in plain | _SEQUENCE
        ),
        None,
    )
    if at is None or _OWNED_NAME.search(" ".join(folded)):
        return None
    before = len(_subject_words(typed[:at], plain))
    allowed = 1 if _SUBJECT_PRONOUNS & set(folded[:at]) else 0
    owned = len(list(itertools.takewhile(lambda w: w not in plain, folded[at + 1 :])))
    after = _subject_words(typed[at + 1 :], plain)
    # what it owns all of the subject after it: not "what is their policy on immigration?"
    if before > allowed or len(after) > owned or before + owned > _OWNED_MAX:
        return None
    return folded[at]


# a word after "about" (or "regarding") names what a question is about, whatever pronoun
# comes before it ("what is this about oil?" had been asked who "this" is, while "what's
# this about oil?" was searched); not a word that names nothing ("what is it about
# again?", "... about exactly?", "... about you?")
_ABOUT_WORD = re.compile(r"\b(?:about|regarding)((?:\s+[^\W\d_][\w'\u2019-]*){1,3})", re.IGNORECASE)
_ABOUT_NOTHING_WORDS = "again exactly then anyway really now you me us all"
_ABOUT_NOTHING = frozenset(_ABOUT_NOTHING_WORDS.split())
# ... and words after it that point back at what came before: a third person's
# ("his health"), the bot's ("your last answer"), the one before ("the other day")
_ABOUT_BACK_WORDS = """
    it this that him them these those his her hers their theirs its your yours other last
    previous earlier same one ones
"""
_ABOUT_OBJECT = frozenset(_ABOUT_BACK_WORDS.split())


def _about_subject(message: str) -> bool:
    """Whether a word after "about" names a subject (not a pronoun, a stopword or a word
    that names nothing)."""
    plain = ENGLISH_STOPWORDS | _PRONOUNS | _SEQUENCE | _ABOUT_NOTHING
    for found in _ABOUT_WORD.finditer(message):
        # the first word that is not "the", "my", "their" ...: "about the budget"
        for word in found[1].split():
            folded = word.casefold()
            if folded in _ABOUT_OBJECT or folded in _ABOUT_NOTHING:
                break  # "about it", "about his health": what came before, no subject
            if folded not in plain:
                return True
    return False


# a question that goes on from the one before: "and what about france?", "how about him?"
_GOES_ON = re.compile(
    r"\s*(?:(?:and|but|so|ok|okay)\b[\s,]*)?(?:what|how)\s+about\b|\s*and\b", re.I
)
# words of what came before, no subject: "what did he say next", "what happened then"
_SEQUENCE_WORDS = "next then else also again after later now instead too more first last"
_SEQUENCE = frozenset(_SEQUENCE_WORDS.split())
_LEANING_WORDS = "he she they it that this him her them his their"
_LEANING_PRONOUNS = frozenset(_LEANING_WORDS.split())
# ... asked as a question: a question mark, or its first words asking
_ASKS = re.compile(
    rf"\s*(?:(?:and|but|so|ok|okay)\b[\s,]*)?(?:{'|'.join(_ASKING_WORDS.split())})\b", re.I
)
FOLLOW_UP = "Each question is read on its own, not with the one before: name who or what you mean."


def leans_on_earlier(question: str) -> bool:
    """Whether a question cannot stand alone: a pronoun (he, she, they, it, that, this) or an
    opener that goes on ("and what about ...?") with one other word of a subject at most,
    and no name ("what did he say next", "and what about france?"), or with a topic of two
    words and nothing else ("what about the death toll": `_bare_topic`), or what a pronoun
    owns ("how long is his sentence": `_owned_by_pronoun`); searched, they had found
    unrelated stories unsaid. "What did Biden say about it" names Biden, "what about the
    death toll in maui" a place."""
    typed = _WORDS.findall(question)
    if not typed or _QUOTED_OR_DOTTED.search(question):
        return False
    if any(w[:1].isupper() and w != "I" for w in typed[1:]) or any(
        c.isdigit() for w in typed for c in w
    ):
        return False  # a name, a number: something of its own to search
    pronoun = any(w.casefold() in _LEANING_PRONOUNS and not w.isupper() for w in typed)
    goes_on = _GOES_ON.match(question) is not None
    if not pronoun and not goes_on:
        return False
    if not goes_on and _about_subject(question):
        return False  # "what is this about oil?": its subject named after "about"
    if "?" not in question and not _ASKS.match(question):
        return False  # a title typed as it is: "it ends with us", "and just like that"
    plain = ENGLISH_STOPWORDS | _PRONOUNS | _ASKING | _SEQUENCE
    if len(_subject_words(typed, plain)) <= 1 or (goes_on and _bare_topic(question)):
        return True
    return pronoun and _owned_by_pronoun(typed) is not None  # "how long is his sentence"


# an opener that goes on, then a topic of a word or two and nothing else: "what about the
# death toll", "and interest rates?" (not "... the death toll in maui": a place of its own)
_BARE_TOPIC = re.compile(
    r"(?:(?:and|but|so|ok|okay)\b[\s,]*)?(?:(?:what|how)\s+about\b)?\s*(?:the\s+)?"
    r"(?P<topic>[\w'\u2019-]+(?:\s+[\w'\u2019-]+)??)"
    rf"(?:\s+(?:{'|'.join(sorted(_SEQUENCE))}))?\s*[?!.]*",
    re.I,
)


def _bare_topic(question: str) -> bool:
    """Whether a question that goes on names a topic of one or two words after its opener,
    no stopword among them: "what about the death toll"."""
    found = _BARE_TOPIC.fullmatch(question.strip())
    if found is None:
        return False
    words = [_plain_form(w) for w in found["topic"].split()]
    return not any(w in ENGLISH_STOPWORDS | _PRONOUNS | _ASKING for w in words)


def names_nothing(message: str) -> bool:
    """Whether a message has no subject of its own: no words, or only pronouns, asking words
    and words that ask about something ("is this true?", "explain", "source?"). Sent in
    reply to another message, it asks about that message."""
    if _QUOTED_OR_DOTTED.search(message):  # "The Who" in quotes, A.I.: a phrase, a name
        return False
    words = _WORDS.findall(message.replace("-", " "))  # "fact-check"
    # WHO, US, IT in capitals are names, and so is a capitalised word after the first ("The
    # Who"), unless the whole message is shouted
    shouted = sum(w.isupper() for w in words) > 1 and all(w.isupper() for w in words)
    if not shouted and any(w.isupper() and len(w) > 1 for w in words):
        return False
    if not shouted and any(w[:1].isupper() and w != "I" for w in words[1:]):
        return False
    return all(
        w.casefold().replace("'", "").replace("\u2019", "") in _NAMING_NOTHING for w in words
    )


_QUOTED_OR_DOTTED = re.compile('["\u201c\u201d\u00ab\u00bb]|\\b(?:[A-Za-z]\\.){2,}')


def only_filters(question: str) -> bool:
    """Whether a question is filters and no words ("source:cnn since:2d"): when nothing
    passes them, "try fewer or different words" had been said of no words."""
    query = parse_query(question, date.today())
    return query.has_filters and not query.errors and not _WORDS.search(query.text)


def utf16_len(text: str) -> int:
    """The length of text in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def build_reply(
    question: str,
    hits: Sequence[Hit],
    *,
    has_more: bool = False,
    note: str | None = None,
    error: str | None = None,
    example_source: str | None = None,
    max_chars: int = MAX_PASSAGE,
    first_page: bool = True,
) -> Reply:
    """Turn ranked hits into a Reply, trimming long passages around their best sentence.
    The first page of a question that leans on an earlier one says that each is read on
    its own (`leans_on_earlier`), above the search's note."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be a positive integer, got {max_chars!r}")
    if first_page and error is None and leans_on_earlier(question):
        note = f"{FOLLOW_UP} {note}" if note else FOLLOW_UP
    passages = tuple(_passage(hit, max_chars) for hit in hits)
    return Reply(
        question=question,
        passages=passages,
        has_more=has_more,
        note=note,
        error=error,
        example_source=example_source,
    )


def operator_hint(example_source: str | None) -> str:
    """The filters' hint under an error, its source: example one of the library's own
    sources (`source:cnn`), or none when it has none to show: "source:reuters" had been
    suggested right under "Sources here: USA TODAY, CNN, The Week."."""
    sources = f"{example_source}, " if example_source else ""
    return f"Filters: {sources}{_OTHER_FILTERS}"


def _format_date(day: date) -> str:
    """A date as "2 Apr 2024", whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _passage(hit: Hit, max_chars: int) -> Passage:
    section = _safe(normalize_space(hit.section or "")) or None
    # one for one, as the spans need: the isolates a cut leaves open go in _marked
    text, bold = trim_passage(_clean(hit.text), hit.sentence, hit.spans, max_chars)
    text, bold = spaced_labels(text, bold)
    return replace(_passage_meta(hit), section=section, text=text, bold=bold)


# a label run into the next words by a scraper, a link's text after it: "Hunter Biden
# Deal:How Hunter Biden's plea agreement fell apart", "Keep reading:White House says"
_RUN_ON_LABEL = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=[?!])):(?=[A-Z][a-z])")  # not "Re:Invent"
_OPENING_COLON = re.compile(r"\s*:\s*")  # a passage cut after a teaser's label: ": President"


def spaced_labels(
    text: str, bold: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text shown with a space after a colon run into a capitalised word ("Deal:How" is
    "Deal: How", "the debt ceiling?:Here's" "...?: Here's"), without a colon it opens with,
    and the bold spans moved with it. Only the reply: the article keeps its text
    (`ask --json` prints it as the source gives it). Not a time or a ratio ("10:30", "3:1"),
    a link ("https://") or a lower-case word after it."""
    if (opening := _OPENING_COLON.match(text)) is not None and opening.end() < len(text):
        cut = opening.end()  # ": President Joe Biden had..." shown without its colon
        text = text[cut:]
        bold = [(max(a - cut, 0), b - cut) for a, b in bold if b > cut]
    at = [m.end() for m in _RUN_ON_LABEL.finditer(text)]
    if not at:
        return text, tuple(bold)
    parts = [text[a:b] for a, b in zip([0, *at], [*at, len(text)], strict=True)]

    def moved(offset: int, *, end: bool) -> int:
        # spaces inserted before this offset; a span's end at an insertion stays before it
        return offset + sum(1 for a in at if a < offset or (a == offset and not end))

    spans = tuple((moved(a, end=False), moved(b, end=True)) for a, b in bold)
    return " ".join(parts), spans


# --- trimming -------------------------------------------------------------------------------


def trim_passage(
    text: str,
    sentence: tuple[int, int] | None,
    spans: Sequence[tuple[int, int]],
    max_chars: int,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut text to at most max_chars around the best sentence; return it with shifted spans."""
    bold = _clean_spans(spans, len(text))
    if len(text) <= max_chars:
        return text, bold
    if max_chars < len(ELLIPSIS) * 2 + 1:
        return ELLIPSIS[:max_chars], ()
    sentences = _sentences(text)
    if not sentences:  # nothing but white space
        return "", ()
    start, end = _core(text, sentence, bold, sentences)
    if _cost(text, start, end) > max_chars:
        focus = next((a for a, _ in bold if start <= a < end), start)
        start, end = _word_window(text, start, end, focus, max_chars - 2 * len(ELLIPSIS) - 1)
    else:
        start, end = _grow(text, start, end, sentences, max_chars)
    return _cut(text, start, end, bold)


def _clean_spans(spans: Sequence[tuple[int, int]], size: int) -> tuple[tuple[int, int], ...]:
    """Clip spans to the text, drop empty ones, sort them and merge overlaps."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted((max(0, a), min(size, b)) for a, b in spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


def _joined_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, merged spans with those only spaces, or a hyphen or a dot, apart as one
    ("Deputy Secretary", "Bankman-Fried", "Jan. 6" one bold run, not two or three): the same
    text in bold, in fewer entities (Telegram's messages take so many)."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        gap = text[joined[-1][1] : a] if joined else "x"
        # an abbreviation's dot ("Jan. 6", "E. coli"), not a sentence's end
        abbreviated = gap == ". " and joined[-1][1] - joined[-1][0] <= 3
        if joined and (not gap.strip() or gap in ("-", ".", "'", "\u2019") or abbreviated):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans without surrounding white space; a lower-case next word is no new sentence."""
    cuts = [0]
    for match in _BREAK.finditer(text):
        after = match.end()
        if match.group()[0] != "\n" and sentence_goes_on(text, match.start(), after):
            continue  # "U.S. troops", "Nov. 24", "Sen. Joe Manchin"
        cuts.append(after)
    cuts.append(len(text))
    spans = (_strip(text, a, b) for a, b in itertools.pairwise(cuts))
    return [(a, b) for a, b in spans if a < b]


def _core(
    text: str,
    sentence: tuple[int, int] | None,
    bold: tuple[tuple[int, int], ...],
    sentences: list[tuple[int, int]],
) -> tuple[int, int]:
    """The span to keep at all costs: the best sentence, else the one with the first match."""
    if sentence is not None:
        start, end = _strip(text, max(0, sentence[0]), min(len(text), sentence[1]))
        if start < end:
            return start, end
    focus = bold[0][0] if bold else 0
    for a, b in sentences:
        if focus < b:
            return a, b
    return sentences[-1]


def _cost(text: str, start: int, end: int) -> int:
    """Characters of text[start:end] once cut, ellipses included."""
    return end - start + len(ELLIPSIS) * (start > 0) + len(_after(text, end))


def _after(text: str, end: int) -> str:
    """What ends a passage cut at `end`: nothing at the paragraph's end, an ellipsis after a
    cut word ("the vote…"), and one set apart after a sentence ("passed. …", not
    "passed.…")."""
    if end >= len(text):
        return ""
    return " " + ELLIPSIS if end and text[end - 1] in _SENTENCE_END else ELLIPSIS


_SENTENCE_END = frozenset(".!?\u2026\"'\u201d\u2019\u00bb)]")


def _grow(
    text: str, start: int, end: int, sentences: list[tuple[int, int]], max_chars: int
) -> tuple[int, int]:
    """Add whole sentences after, then before, the core, alternately, while they fit."""
    starts = [a for a, _ in sentences]
    ends = [b for _, b in sentences]
    grew = True
    while grew:
        grew = False
        i = bisect.bisect_right(ends, end)  # first sentence ending after `end`
        if i < len(ends) and _cost(text, start, ends[i]) <= max_chars:
            end, grew = ends[i], True
        j = bisect.bisect_left(starts, start) - 1  # last sentence starting before `start`
        if j >= 0 and _cost(text, starts[j], end) <= max_chars:
            start, grew = starts[j], True
    return start, end


def _is_boundary(text: str, at: int) -> bool:
    return at <= 0 or at >= len(text) or text[at - 1].isspace() or text[at].isspace()


def _word_window(text: str, lo: int, hi: int, focus: int, budget: int) -> tuple[int, int]:
    """At most budget characters of text[lo:hi] near focus, cut between words when possible."""
    start = max(lo, min(focus - budget // 4, hi - budget))
    end = min(hi, start + budget)
    snapped_start, snapped_end = start, end
    if not _is_boundary(text, start):
        space = next((i for i in range(start, end) if text[i].isspace()), end)
        snapped_start = space
    if not _is_boundary(text, end):
        space = next((i for i in range(end - 1, snapped_start - 1, -1) if text[i].isspace()), -1)
        snapped_end = space if space > snapped_start else snapped_start
    snapped_start, snapped_end = _strip(text, snapped_start, snapped_end)
    if snapped_start < snapped_end:
        return snapped_start, snapped_end
    # no space to cut at (Thai, Chinese, a run of emoji): never inside what shows as one
    # character, a flag's half or a vowel sign without its consonant
    snapped_start, snapped_end = _next_cluster(text, start), _cluster_start(text, end)
    if snapped_start < snapped_end:  # else one cluster of hundreds of marks: cut it anyway
        start, end = snapped_start, snapped_end
    return _strip(text, start, end) if not text[start:end].isspace() else (start, end)


def _next_cluster(text: str, i: int) -> int:
    """i, or where the next character cluster after the one text[i] continues starts (the
    forward twin of `_cluster_start`, in one pass)."""
    while 0 < i < len(text) and (_continues(text[i]) or text[i - 1] == "\u200d"):
        i += 1
    return i + 1 if _halves_a_flag(text, i) else i


def _cut(
    text: str, start: int, end: int, bold: tuple[tuple[int, int], ...]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    prefix = ELLIPSIS if start > 0 else ""
    suffix = _after(text, end)
    shift = len(prefix) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in bold if max(a, start) < min(b, end)
    )
    return prefix + text[start:end] + suffix, kept


def _shorten(text: str, limit: int) -> str:
    """Text cut to at most limit characters, between words when possible, with an ellipsis;
    never inside what shows as one character (a flag, an emoji sequence, a letter and its
    accents)."""
    if len(text) <= limit:
        return text
    head = text[: _cluster_start(text, max(0, limit - len(ELLIPSIS)))]
    space = head.rfind(" ")
    if space > len(head) // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def _cluster_start(text: str, i: int) -> int:
    """i, or the start of the character cluster that text[i] continues: a cut at the result
    does not split a combining mark, variation selector, emoji modifier or tag from its base,
    a zero-width-joiner sequence, or a pair of regional indicators (a flag). Hand-written for
    these cases: the echo and headline cuts need no full UAX #29 segmentation."""
    while 0 < i < len(text) and (_continues(text[i]) or text[i - 1] == "\u200d"):
        i -= 1
    return i - 1 if _halves_a_flag(text, i) else i


def _halves_a_flag(text: str, i: int) -> bool:
    """Whether text[i] is the second of a flag's two regional indicators."""
    if not (0 < i < len(text) and _REGIONAL.match(text[i])):
        return False
    run = i
    while run > 0 and _REGIONAL.match(text[run - 1]):
        run -= 1
    return (i - run) % 2 == 1


def _continues(ch: str) -> bool:
    # a mark of any class: Thai's vowel signs are marks of combining class 0
    marked = unicodedata.category(ch) in ("Mn", "Mc", "Me")
    return ch == "\u200d" or marked or bool(_EXTENDS.match(ch))


# variation selectors, skin tones, tags, a keycap's mark, and Thai's and Lao's SARA AM, a
# vowel written after its consonant yet filed as a letter
_EXTENDS = re.compile("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\u20e3\u0e33\u0eb3]")
_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")


# --- rendering ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text with its controls replaced and its embeddings and overrides made isolates, one
    character for one (offsets into it stay valid); `_unpaired` says which isolates go."""
    text = _CONTROL.sub("\ufffd", text)
    return text.translate(_AS_ISOLATE) if _EMBEDDING.search(text) else text


def _unpaired(text: str) -> set[int]:
    """The positions in a `_clean` text of the isolates with no PDI after them on their line,
    and of the PDIs with no isolate open: those `_safe` drops."""
    if not _ISOLATE_OR_PDI.search(text):
        return set()
    unpaired: set[int] = set()
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch in _ISOLATES:
            opened.append(i)
        elif ch == _PDI:
            if opened:
                opened.pop()
            else:
                unpaired.add(i)
        elif ch in _PARAGRAPH_END:
            unpaired.update(opened)
            opened.clear()
    unpaired.update(opened)
    return unpaired


def _without(text: str, dropped: set[int], start: int = 0, end: int | None = None) -> str:
    """text[start:end] without the characters at the positions `dropped`."""
    end = len(text) if end is None else end
    if not dropped:
        return text[start:end]
    return "".join(text[i] for i in range(start, end) if i not in dropped)


def _safe(text: str) -> str:
    """Text to show: controls replaced, and only the bidi isolates it closes itself (see
    _EMBEDDING). A cut can leave one open: the cut text goes through _safe again."""
    text = _clean(text)
    return _without(text, _unpaired(text))


def _bare(text: str) -> str:
    """Text to show with no bidi controls at all: for the bot's sentences that hold someone
    else's words (a search error quoting the question, a note), where even a closed isolate
    could take in the bot's words between two of its pieces."""
    return _BIDI.sub("", _CONTROL.sub("\ufffd", text))


def _escape(text: str) -> str:
    """Text made safe for a Telegram HTML text node."""
    return html.escape(_safe(text), quote=False)


def _escape_bare(text: str) -> str:
    """`_bare` text made safe for a Telegram HTML text node."""
    return html.escape(_bare(text), quote=False)


@functools.lru_cache(maxsize=256)  # a block is measured to fit, then again to pack
def _shown_units(html_text: str) -> int:
    """UTF-16 units of what one of our HTML messages shows, which Telegram's MAX_MESSAGE
    limits (the text after its entities are parsed: tags gone, "&amp;" one character), or
    rather of its plain-text fallback (`html_to_plain`, sent when the HTML is refused), which
    writes each link's address after its label and so is never shorter. The length of the
    HTML itself, "&amp;" five units, had split text heavy in & < > into up to five times the
    messages. Additive over blocks joined by line breaks."""
    return utf16_len(html_to_plain(html_text))


# a link's query parameters that only tell the publisher where a reader came from
_TRACKING = re.compile(
    r"(?:^|(?<=&))(?:utm_[^=&]*|fbclid|gclid|mc_cid|mc_eid|gca-cfr)(?:=[^&]*)?(?=&|$)"
)


def _link(url: str | None) -> str | None:
    """The URL if it may become a link (http or https, with a host, no white space), else None."""
    if not url:
        return None
    url = url.strip()
    if _UNSAFE.search(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if parts.query and _TRACKING.search(parts.query):  # the page is the same without them
        kept = "&".join(p for p in parts.query.split("&") if not _TRACKING.match(p))
        url = urlunsplit(parts._replace(query=kept))
    return parts.scheme.lower() + url[len(parts.scheme) :]  # "HTTPS://" as clients expect


# an address after a question's words, as Telegram adds the one a url entity typed without
# its scheme stands for ("ex.com/o" then "https://ex.com/o")
_TRAILING_LINK = re.compile(r"\s+https?://(\S+)$")


def _without_repeated_links(question: str) -> str:
    """A question without the addresses after its words that the words already show: "No
    good match for “ex.com/o https://ex.com/o”" showed the typed address twice. A linked
    word's address, which the words do not show, stays."""
    while (found := _TRAILING_LINK.search(question)) and re.search(
        rf"(?<!\S){re.escape(found[1])}(?!\S)", question[: found.start()]
    ):  # the address as a word of its own: "qqzz.org/abc" is no "qqzz.org/a"
        question = question[: found.start()]
    return question


def typed_echo(typed: str, limit: int = MAX_QUESTION_ECHO) -> str:
    """Something the user typed, as a reply shows it back: safe characters, one line, at
    most `limit` characters (a 4,096-character message must not come back longer); "" when
    none of it can be seen (joiners alone: "No good match for “‌‍”" showed empty quotes)."""
    shown = _safe(_shorten(normalize_space(_safe(typed)), limit))  # a cut may open an isolate
    return shown if any(_visible(ch) for ch in shown) else ""


# letters and symbols that show as blank space: the Braille blank and the Hangul fillers,
# which people on Telegram send as an "empty" message
_BLANK = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def _visible(ch: str) -> bool:
    """Whether a character shows: not a format or control character, a mark, a space or a
    blank (`_BLANK`)."""
    return unicodedata.category(ch)[0] not in "CMZ" and ch not in _BLANK


def _marked(
    text: str, bold: tuple[tuple[int, int], ...], before: str, after: str, esc: bool
) -> str:
    """Text with each bold span wrapped in before/after, the pieces escaped when esc; safe
    as a whole (`_safe`): an isolate may span a bold word."""
    text = _clean(text)  # one for one: the spans stay valid
    dropped = _unpaired(text)

    def shown(start: int, end: int) -> str:
        piece = _without(text, dropped, start, end)
        return html.escape(piece, quote=False) if esc else piece

    out: list[str] = []
    done = 0
    for a, b in _joined_spans(text, _clean_spans(bold, len(text)))[:MAX_BOLD_SPANS]:
        out.append(shown(done, a))
        word = shown(a, b)
        out.append(before + word + after if word else word)
        done = b
    out.append(shown(done, len(text)))
    return "".join(out)


def _clip(text: str, units: int) -> str:
    """Text cut so that it shows in at most `units` UTF-16 units (ellipsis included)."""
    if utf16_len(text) <= units:
        return text
    used = utf16_len(ELLIPSIS)
    size = 0
    for ch in text:
        used += utf16_len(ch)
        if used > units:
            break
        size += 1
    return _shorten(text, size + len(ELLIPSIS)) if size else ELLIPSIS


def _html_passage(number: int | None, passage: Passage) -> str:
    headline = _escape(passage.headline)
    if number is None:
        lines = [f"<b>{headline}</b>"] if headline else []
    else:
        lines = [f"{number}. <b>{headline}</b>" if headline else f"{number}."]
    if passage.meta:
        lines.append(f"<i>{_escape(passage.meta)}</i>")
    if passage.section:
        lines.append(f"<i>— {_escape(passage.section)}</i>")
    if passage.text:
        lines.append(_marked(passage.text, passage.bold, "<b>", "</b>", esc=True))
    href = _link(passage.url)
    if href is not None:
        lines.append(f'<a href="{html.escape(href, quote=True)}">{LINK_LABEL}</a>')
    return "\n".join(lines)


def _fit_html(number: int | None, passage: Passage) -> str:
    """One passage as HTML that fits in one message, shortened as much as needed."""
    block = _html_passage(number, passage)
    if _shown_units(block) <= MAX_MESSAGE:
        return block
    href = _link(passage.url)
    passage = replace(
        passage,
        headline=_clip(passage.headline, _HEADLINE_UNITS),
        meta=_clip(passage.meta, _META_UNITS),
        section=_clip(passage.section, _SECTION_UNITS) if passage.section else None,
        url=href if href and utf16_len(html.escape(href, quote=True)) <= _HREF_UNITS else None,
    )
    full_text, full_bold = passage.text, passage.bold
    size = len(full_text)
    block = _html_passage(number, passage)
    while (units := _shown_units(block)) > MAX_MESSAGE and size > 0:
        size = min(size - 1, size * MAX_MESSAGE // units)
        text, bold = trim_passage(full_text, None, full_bold, size)
        block = _html_passage(number, replace(passage, text=text, bold=bold))
    return block


def _pack(blocks: list[str], separator: str = "\n\n") -> list[str]:
    """Join blocks with blank lines (or `separator`) into as few messages as fit (in length
    shown, `_shown_units`, and in entities), never splitting a block."""
    messages: list[str] = []
    current = ""
    units = entities = 0
    gap = utf16_len(separator)
    for block in blocks:
        block_units, block_entities = _shown_units(block), _entities(block)
        joined_units = units + gap + block_units if current else block_units
        if joined_units <= MAX_MESSAGE and entities + block_entities <= MAX_ENTITIES:
            current = f"{current}{separator}{block}" if current else block
            units, entities = joined_units, entities + block_entities
        else:
            if current:
                messages.append(current)
            current, units, entities = block, block_units, block_entities
    if current:
        messages.append(current)
    return messages


_ENTITY_TAG = re.compile(r"<(?:b|i|a)[ >]")


def _entities(html_text: str) -> int:
    """How many entities (bold, italic, link) Telegram makes of our HTML."""
    return len(_ENTITY_TAG.findall(html_text))


def render_html(reply: Reply, *, first: int = 1) -> list[str]:
    """The reply as Telegram HTML messages, each at most MAX_MESSAGE UTF-16 units.

    Passages are numbered from `first` (a "More" page continues the numbering).
    """
    if reply.chat:
        return [_escape(reply.chat)]
    blocks: list[str] = []
    if reply.note:
        blocks.append(f"<i>{_escape_bare(_clip(reply.note, _NOTE_UNITS))}</i>")
    if reply.error:
        error = _escape_bare(_clip(reply.error, _NOTE_UNITS))
        blocks.append(f"{error}\n<i>{_escape_bare(operator_hint(reply.example_source))}</i>")
    elif not reply.has_hits:
        echo = _escape(typed_echo(_without_repeated_links(reply.question)))
        if only_filters(reply.question):
            blocks.append(f"{NOTHING_LISTED} “<i>{echo}</i>”.")
        else:
            found = f"{NOTHING_FOUND} for “<i>{echo}</i>”." if echo else f"{NOTHING_FOUND}."
            blocks.append(f"{found}\n{SUGGESTION}")
    blocks.extend(_fit_html(n, p) for n, p in enumerate(reply.passages, start=first))
    return _pack(blocks)


def render_text(reply: Reply, *, color: bool = False, first: int = 1) -> str:
    """The reply as plain terminal text, with ANSI bold when color is set; passages are
    numbered from `first` (a "more" page continues the numbering)."""
    if reply.chat:
        return reply.chat
    on, off = (_ANSI_BOLD, _ANSI_RESET) if color else ("", "")
    blocks: list[str] = []
    if reply.note:
        blocks.append(_bare(reply.note))
    if reply.error:
        blocks.append(f"{_bare(reply.error)}\n{_bare(operator_hint(reply.example_source))}")
    elif not reply.has_hits:
        echo = typed_echo(_without_repeated_links(reply.question))
        if only_filters(reply.question):
            blocks.append(f"{NOTHING_LISTED} “{echo}”.")
        else:
            found = f"{NOTHING_FOUND} for “{echo}”." if echo else f"{NOTHING_FOUND}."
            blocks.append(f"{found}\n{SUGGESTION}")
    for number, passage in enumerate(reply.passages, start=first):
        headline = _safe(passage.headline)
        lines = [f"{number}. {on}{headline}{off}" if headline else f"{number}."]
        if passage.meta:
            lines.append(_safe(passage.meta))
        if passage.section:
            lines.append(f"— {_safe(passage.section)}")
        if passage.text:
            lines.append(_marked(passage.text, passage.bold, on, off, esc=False))
        href = _link(passage.url)
        if href is not None:
            lines.append(href)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- single passages, articles, lists and plain-text fallbacks ------------------------------

ALSO_SHOWN = 3  # other outlets named in "also in"
SOURCE_CHARS = 80  # of a source's name shown (a feed's title can be a paragraph)
PREVIEW_CHARS = 120  # characters of a passage shown as an inline result's description
LATEST_TITLE = "Latest headlines"
ARTICLE_CUT = "The article goes on; read it in full at the link above."
ARTICLE_CUT_NO_LINK = "The article is too long to show here in full."
_LIST_HEADLINE_UNITS = 400
_FACT_UNITS = 1000
_TAG = re.compile(r"<[^>]*>")
_ANCHOR = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)


def article_passage(article: Article, max_chars: int = MAX_PASSAGE) -> Passage:
    """A render-ready view of an article's start: its standfirst, else its lead paragraph
    (not a byline or a time stamp above it: `lead_position`)."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be a positive integer, got {max_chars!r}")
    paragraphs = article.paragraphs
    first = lead_position(article) if paragraphs else 0
    lead = article.standfirst or next(
        (p.text for p in [*paragraphs[first:], *paragraphs[:first]] if p.text.strip()), ""
    )
    hit = Hit(article=article, position=0, score=0.0)
    text, bold = trim_passage(_clean(normalize_space(lead)), None, (), max_chars)
    return replace(_passage_meta(hit), text=text, bold=bold)


def _passage_meta(hit: Hit) -> Passage:
    """A Passage with the article's headline, meta and link, and no text yet."""
    article = hit.article
    # each part safe on its own: an isolate in a source's name must not take in the date
    parts = [_field(article.source or "", SOURCE_CHARS)]
    if article.published is not None:
        parts.append(_format_date(article.published))
    if hit.also:
        shown = hit.also[:ALSO_SHOWN]
        names = ", ".join(_field(name, SOURCE_CHARS) for name in shown)
        more = len(hit.also) - ALSO_SHOWN
        parts.append(f"also in {names}" + (f" and {more} more" if more > 0 else ""))
    return Passage(
        headline=_seen(_safe(normalize_space(article.headline))) or UNTITLED,
        meta=" · ".join(part for part in parts if part),
        section=None,
        text="",
        bold=(),
        url=article.url,
    )


def passage_html(passage: Passage) -> str:
    """One passage as one Telegram HTML message without a number (an inline result's text)."""
    return _fit_html(None, passage) or f"<b>{UNTITLED}</b>"


def passage_preview(passage: Passage, limit: int = PREVIEW_CHARS) -> str:
    """The start of a passage as one plain line (an inline result's description)."""
    text = normalize_space(_safe(passage.text)).removeprefix(ELLIPSIS)
    return _safe(_shorten(text or passage.meta, limit))


def plain_title(passage: Passage, limit: int = 200) -> str:
    """The passage's headline as one plain line of at most `limit` characters."""
    return _field(passage.headline, limit) or UNTITLED


def _field(text: str, limit: int) -> str:
    """Text as one safe line of at most `limit` characters; "" when none of it shows."""
    return _seen(normalize_space(_safe(_shorten(normalize_space(_safe(text)), limit))))


def _seen(text: str) -> str:
    """Text, or "" when none of it can be seen (a headline of isolates alone had shown
    blank, not as "Untitled")."""
    return text if any(_visible(ch) for ch in text) else ""


def render_headlines_html(
    articles: Sequence[Article], *, first: int = 1, title: str | None = LATEST_TITLE
) -> list[str]:
    """A numbered list of headlines with source and date, as Telegram HTML messages."""
    blocks: list[str] = []
    if title:
        blocks.append(f"<b>{_escape(_clip(title, _NOTE_UNITS))}</b>")
    for number, article in enumerate(articles, start=first):
        view = _passage_meta(Hit(article=article, position=0, score=0.0))
        headline = _escape(_clip(view.headline, _LIST_HEADLINE_UNITS))
        line = f"{number}. <b>{headline}</b>"
        if view.meta:
            line += f"\n<i>{_escape(_clip(view.meta, _META_UNITS))}</i>"
        blocks.append(line)
    return _pack_lines(blocks)


def _pack_lines(blocks: list[str]) -> list[str]:
    """Like _pack, but with single line breaks between blocks."""
    return _pack(blocks, "\n")


def _split_plain(text: str, units: int) -> list[str]:
    """Text cut into pieces that show in at most `units` UTF-16 units each; cuts fall
    between words when a word boundary is near enough."""
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > units:
        used = 0
        size = 0
        for ch in rest:
            used += utf16_len(ch)
            if used > units:
                break
            size += 1
        space = rest.rfind(" ", 0, size + 1)
        cut = space if space > size // 2 else size
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if head:
            pieces.append(head)
    if rest.strip():
        pieces.append(rest)
    return pieces


def render_article_html(article: Article, *, max_messages: int = 8) -> list[str]:
    """A whole article as Telegram HTML messages: headline, source and date, link, standfirst,
    then its paragraphs under their section headings; split between paragraphs (inside one
    only when it alone is too long), at most `max_messages` messages."""
    if max_messages < 1:
        raise ValueError(f"max_messages must be a positive integer, got {max_messages!r}")
    view = _passage_meta(Hit(article=article, position=0, score=0.0))
    head = [f"<b>{_escape(_clip(view.headline, _HEADLINE_UNITS))}</b>"]
    if view.meta:
        head.append(f"<i>{_escape(_clip(view.meta, _META_UNITS))}</i>")
    href = _link(view.url)
    if href is not None and utf16_len(html.escape(href, quote=True)) <= _HREF_UNITS:
        head.append(f'<a href="{html.escape(href, quote=True)}">{LINK_LABEL}</a>')
    else:
        href = None
    blocks = ["\n".join(head)]
    budget = MAX_MESSAGE - 2 * _SECTION_UNITS  # room for a section heading above a piece
    standfirst = _safe(normalize_space(article.standfirst))
    blocks.extend(f"<i>{_escape(piece)}</i>" for piece in _split_plain(standfirst, budget))
    section: str | None = None
    for paragraph in article.paragraphs:
        heading = _safe(normalize_space(paragraph.section or "")) or None
        pieces = [_escape(piece) for piece in _split_plain(_safe(paragraph.text).strip(), budget)]
        if not pieces:
            continue
        if heading is not None and heading != section:
            pieces[0] = f"<b>{_escape(_clip(heading, _SECTION_UNITS))}</b>\n{pieces[0]}"
        section = heading
        blocks.extend(pieces)
    messages = _pack(blocks)
    if len(messages) > max_messages:
        note = f"<i>{ARTICLE_CUT if href else ARTICLE_CUT_NO_LINK}</i>"
        messages = messages[:max_messages]
        joined = f"{messages[-1]}\n\n{note}"
        messages[-1] = joined if _shown_units(joined) <= MAX_MESSAGE else note
    return messages


def render_article_text(article: Article, *, color: bool = False) -> str:
    """A whole article as terminal text (the console's `open N`): headline (ANSI bold with
    `color`), source and date, link, standfirst, then its paragraphs under their section
    headings."""
    on, off = (_ANSI_BOLD, _ANSI_RESET) if color else ("", "")
    view = _passage_meta(Hit(article=article, position=0, score=0.0))
    head = [f"{on}{view.headline}{off}"]
    if view.meta:
        head.append(view.meta)
    href = _link(view.url)
    if href is not None:
        head.append(href)
    blocks = ["\n".join(head)]
    standfirst = _safe(normalize_space(article.standfirst))
    if standfirst:
        blocks.append(standfirst)
    section: str | None = None
    for paragraph in article.paragraphs:
        text = _safe(normalize_space(paragraph.text))
        if not text:
            continue
        heading = _safe(normalize_space(paragraph.section or "")) or None
        if heading is not None and heading != section:
            text = f"— {heading}\n{text}"
        section = heading
        blocks.append(text)
    return "\n\n".join(blocks)


def render_facts_html(title: str, rows: Sequence[tuple[str, str]]) -> list[str]:
    """A bold title and "label: value" lines, as Telegram HTML messages."""
    blocks = [f"<b>{_escape(_clip(title, _NOTE_UNITS))}</b>"]
    for label, value in rows:
        label_html = _escape(_clip(label, _NOTE_UNITS))
        blocks.append(f"{label_html}: {_escape(_clip(value, _FACT_UNITS))}")
    return _pack_lines(blocks)


def format_day(day: date) -> str:
    """A date as "2 Apr 2024", whatever the locale."""
    return _format_date(day)


def html_to_plain(message: str) -> str:
    """Plain text with the same words as one of our Telegram HTML messages, and no longer:
    tags dropped, links written out as "label: URL", entities decoded."""
    text = _ANCHOR.sub(lambda m: f"{m.group(2)}: {m.group(1)}", message)
    return html.unescape(_TAG.sub("", text))


def date_span(dates: tuple[date, date]) -> str:
    """ "7 Jan 2022 to 1 Mar 2024", or one day."""
    first, last = dates
    return format_day(first) if first == last else f"{format_day(first)} to {format_day(last)}"


def render_welcome_html(
    n_articles: int,
    dates: tuple[date, date] | None,
    example: str | None,
    n_dated: int | None = None,
) -> str:
    """What the bot knows, in one short Telegram HTML paragraph, with an example question.
    `n_dated`: how many of the articles have a date (all, when not given)."""
    known = f"{n_articles:,} article{'s' if n_articles != 1 else ''}"
    if dates is not None:
        span = date_span(dates)
        if n_dated is not None and n_dated < n_articles:  # not "published ..." of them all
            known += f" ({n_dated:,} of them dated, published {span})"
        else:
            known += f", published {span}"
    text = f"I answer questions about the news with passages from {known}."
    sample = typed_echo(example or "")
    if sample:
        text += f"\nAsk in plain words, for example:\n<i>{_escape(sample)}</i>"
    return text
