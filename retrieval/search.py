"""Searcher: a question in, ranked passages out.

A passage's score is its paragraph's BM25 score plus weighted BM25 scores of its article's
other evidence: the headline and standfirst ("head" field), the whole article ("article"
field) and the section heading it sits under ("section" field), plus a recency prior relative
to the date the question is asked. Only paragraphs that share a term with the question are
candidates (and the lead of an article whose headline and standfirst alone pass the threshold,
when none of its paragraphs shares a term); one passage per article; near-duplicate passages
are collapsed; passages whose text evidence falls under `min_relevance` of what a perfect
match would score are dropped, so gibberish gets no answer rather than weak hits. Which of
its paragraphs an article answers with is decided by answer cues for the best
`pick_articles` articles (`_pick_passages`). A question word that no article uses is searched
as the known word one edit away that most paragraphs hold (`_spelling`), with a note.

Operators (`retrieval/query.py`) narrow the candidates before the one-per-article selection, so
a filtered page still holds k hits when k passages qualify, and pages never overlap:
- `source:` matches a source whose name holds the value's words in a row, ignoring case and
  punctuation ("bbc" and "bbc news" match "BBC News", "reuters" matches "Reuters.com"); a value
  that matches no source is an error listing the sources there are.
- `since:` / `before:` compare the article's published date; undated articles are left out as
  soon as either is given (nothing says they fall in the range).
- `"phrase"`: the passage's article (headline, standfirst, section headings or body) holds
  the phrase's words in order, compared as the analyzer normalizes them but unstemmed, with
  stopwords kept (case, spacing and punctuation between words do not matter). The article,
  not the passage: people quote titles and sayings in plain questions ("Which company did
  the “Don't Say Gay” bill ...?"), and the passage that answers rarely repeats the quote.
- `-word`: no passage from an article whose headline, standfirst, section headings or body
  have the word's terms (stemmed: -troops also leaves out "troop"); a word of only stopwords
  excludes nothing, and a note says so.
A question of only filters (no words to rank) lists the newest matching articles, their first
paragraph each (the first holding every phrase, with phrases), newest first.
"""

from __future__ import annotations

import calendar
import functools
import gzip
import heapq
import html
import importlib.resources
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from retrieval.analysis import (
    CJK,
    CLOSERS,
    ENGLISH_STOPWORDS,
    HAS_NUMBER,
    NAMES_MASK,
    SCRIPT_MARKS,
    Analyzer,
    sentence_spans,
    stopwords_for,
    without_accents,
    without_marks,
)
from retrieval.articles import (
    Article,
    Hit,
    drop_invisible,
    in_words,
    passage_text,
    story_url_key,
)
from retrieval.index import BM25Index, FloatArray, IntArray, top_indices
from retrieval.library import Library
from retrieval.loaders import SECTION_PATHS, month_number
from retrieval.places import asked_place, places_in
from retrieval.places import warm as warm_places
from retrieval.query import (
    TRAILING,
    ParsedQuery,
    example_source,
    parse_query,
    shorten,
    without_terminal_codes,
)
from retrieval.store import NO_DATE
from retrieval.store import holds_run as _holds_run
from retrieval.store import name_words as _name_words
from retrieval.store import transliterated as _transliterated

MAX_QUERY_CHARS = 2000  # of the ranked text
MAX_QUESTION_CHARS = 20_000  # read for operators (a Telegram message holds 4,096)
MAX_FILTERS = 20  # of each kind (sources, phrases, exclusions) a question applies
NEAR_DUPLICATE = 0.8  # passages sharing this share of their terms count as one
SENTENCE_TERMS = 6  # ... or one outlet's passage held whole by its other's, this long at least
_FIRST_WORD = re.compile(r"[^\W_]")
HEADLINE_TERMS = 12  # a question of more terms is no headline typed or pasted
HEADLINE_CANDIDATES = 5  # best head matches checked for a repeated headline
QUESTION_LINE_CHARS = 200  # a paragraph this short ending in "?" is a question subhead
FUTURE_PRIOR = 2.0  # the recency prior of a story from after the question's day (negative)
NEWS_GRACE_DAYS = 1  # a news list as of a day lists stories dated up to a day after it
VERSION_DAYS = 2  # one outlet's headline again within this many days: the story's new version
KNOWN_SOURCES_SHOWN = 5  # sources listed when a source: value matches none
LEAD_WORDS = 8  # a paragraph this long reads as a story's lead, not its byline or time stamp
LEAD_SEARCH = 4  # the paragraphs of an article looked at for its lead
PHRASE_CHECKS = 500  # articles one question may read to test its "phrases"
# A hit's matched words and best sentence, and the near-duplicate test, read a passage's first
# this many characters: news paragraphs are far shorter, a shown passage is trimmed anyway,
# and a pathological one (a book on one line) must not cost each question seconds.
READ_CHARS = 20_000
# the days a question may be asked on (`as_of`), others taken as the nearest: a century of
# room either side for the spans questions name ("last decade", "since:50y")
EARLIEST_AS_OF = date(101, 1, 1)
LATEST_AS_OF = date(9898, 12, 31)
# a library whose paragraphs use this many distinct terms knows most words a question may use:
# a word it lacks is then likely gibberish (Searcher._knows)
KNOWN_LANGUAGE_TERMS = 20_000
SPELLING_LETTERS = 6  # the shortest unknown word that is spelling-corrected
# ... and the longest: a word has 54n + 25 edits, each analysed (a 2,000-letter "word" took
# 10 s); English words this long are rare, and their typos rarer
SPELLING_MAX_LETTERS = 30
SPELLING_WORDS = 4  # a question with more unknown words than this is not a few typos
# A shorter word is corrected only to a word that paragraphs holding another word of the
# question use (this many of them): one edit of "amazn" reaches many words, and "strike"
# tells which ("amazon"); one of "fnord", asked alone, is left as it is.
SHORT_SPELLING_LETTERS = 4
SHORT_SPELLING_MEETS = 2
# ... and with no other words, a word this long (up to SPELLING_LETTERS) is corrected only by
# two neighbouring letters swapped, the first kept ("yukso" Yukos, "blari" Blair), to a term
# SHORT_SPELLING_MEETS paragraphs hold: a slip of the fingers, where one edit of any kind
# reaches a rare token from nearly any five letters ("fnord": Ford)
ALONE_SWAP_LETTERS = 5
# A name typed two edits off ("mourhino chelsea", "rafael benetiz", "arnold swarzenegger"),
# one edit reaching nothing: corrected only to a name the articles write, of the typed
# word's first letter, that this many paragraphs hold with another word of the question
# (one edit of a word reaches few terms; two reach dozens: "benetiz" is two from "benefit"
# and "bentz" as from "benitez", and "thunberg" two from "thunder")
TWO_EDIT_MEETS = 3
# ... and only a term of this many letters or more, to one within a letter of its length: a
# verifier found "brexit" made "Brit", "sunak" "Sunday", "javid" "Jamie"
TWO_EDIT_SHORTEST = 7
CONTEXT_TERMS = 4  # the question's rarest other words that tell a correction's topic
NAME_SAMPLE = 3  # paragraphs read to tell whether the articles write a word as a name
_WORDS_TYPED = re.compile(r"[^\W\d_]+")  # a question's words, as typed
_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]")  # a question's first word before a capitalised one
_OPENS_SENTENCE = frozenset(
    ".!?:;\"'\u201c\u2018(\u2014-\u2013"
)  # a capital after these tells nothing
SPLIT_MEETS = 3  # paragraphs holding both parts of a word typed for two ("srilanka")
# ... or for three, the middle one a stopword of up to this many letters, which the analysis
# drops ("maralago": Mar-a-Lago, "stokeontrent": Stoke-on-Trent)
SPLIT_BETWEEN = 3
# A passage of CONTENTLESS_TERMS terms or fewer, all of them the question's (or two, one of them),
# says nothing beyond it: a list item ("Mike Johnson"), a byline ("By Cormac McCarthy"), a
# photo credit ("Carey Wagner"), a gallery's caption. BM25 rates so short a passage above
# any story on the subject; it answers only where its article has no other (`_contentless`)
CONTENTLESS_TERMS = 4
CONTENTLESS_PENALTY = 0.5  # taken off such a passage's score, a share of a perfect match's
# A heading-like passage: HEADING_TERMS terms or fewer, ending in no mark (no sentence, no
# question, no line leading into the next), below its article's first line: a live blog's
# or an explainer's subhead ("Map of LA fires", "Bill Richardson's role in freeing Brittney
# Griner"). It holds a short question's words densely, side by side, and says nothing of
# them; where a sentence of its article holds them, that sentence is shown instead
# (`_pick_passages`) and, for a short question, the article ranks as that sentence does
# (`_headings_capped`). A first line is left: a BBC lead often lacks its full stop
# ("Japanese brewers are increasingly making money from ... rather than beer itself")
HEADING_TERMS = 10
# the sentence marks (`end_mark`) a heading-like passage gives way to: ":" only leads into
# the line after it
_FULL_STOP_MARKS = np.array([ord("."), ord("!"), ord("?")], np.uint8)
# English words that say how or how often, not what, and are no stopwords of the index: a word
# no article uses is not split into one of them and another ("evergrande" was searched as
# "ever Grand" and answered with a driver's first ever Grand Prix). Two names typed as one
# ("srilanka", "hongkong", "newyork") have none; the index's stopwords make no term to split
# into at all ("theguardian")
_NO_SPLIT_PART = frozenset(
    [
        "ever",
        "never",
        "even",
        "also",
        "yet",
        "still",
        "already",
        "almost",
        "always",
        "often",
        "quite",
        "rather",
        "really",
        "every",
        "many",
        "much",
        "several",
        "within",
        "without",
        "upon",
        "among",
        "across",
        "along",
        "around",
        "behind",
        "beyond",
        "toward",
        "towards",
        "via",
        "per",
        "unless",
        "whether",
        "though",
        "although",
        "however",
        "else",
        "anyway",
        "perhaps",
        "maybe",
    ]
)
# ... and for a dictionary word no article uses ("walmart"), paragraphs holding them side by
# side, of the first ones holding both
WRITTEN_APART_MEETS = 2
WRITTEN_APART_READ = 50
TWO_EDITS_LETTERS = 10  # the longest rare word also tried two edits away ("tarrifs")
SLIP_DF = 3  # a word so few paragraphs use may be a typo the news made too ("goverment")
SLIP_RATIO = 20  # ... when its dictionary neighbour is this many times as common
PARTIAL_TERMS = 4  # a question of this many terms or fewer is told when its hits match part
# A passage answers a question of PARTIAL_TERMS distinct terms or fewer only when it holds,
# with its headline and standfirst, this share of their weight (idf; a word no article uses
# at the highest): "bitcoin price" found oil prices, the relevance threshold alone passing a
# common word's score (`Searcher._hold_enough`)
HELD_SHARE = 0.55
# A question of this many distinct terms or fewer names its subject in a few words: its
# quoted phrase is shown in the passage that holds it, and its words side by side and as
# typed lift a passage (`Searcher._word_order`). A longer one (the quiz's) quotes a title as
# context, and its answer is elsewhere: showing the phrase's passage there lowered
# realtimeqa_news answer@1/3/10 0.618 / 0.768 / 0.828 to 0.610 / 0.762 / 0.821.
SHORT_TERMS = 4
# A search typed as keywords describes a story ("burger chain removing artificial dyes"): no
# question in it (`_typed_as_keywords`), KEYWORD_WORDS content words or more. Its story's
# lead says who and what; a paragraph further down repeats the typed words and names the
# subject as "the burger chain", and had been shown for holding more of them. For such a
# search the passage choice adds KEYWORD_LEAD (a share of a perfect match, decaying as
# `pick_lead` does) to a passage's lead bonus (`Searcher._keyword_leads`). Three words or
# fewer are left as they were: a topic, where the word that matters may be the one the lead
# lacks ("help maui fire", "tiger woods playing"); counting them in, 33 more of 591 short
# searches and probe questions changed, 22 for the better and 4 for the worse
KEYWORD_WORDS = 4
KEYWORD_LEAD = 0.3
# ... to a passage holding this many of the question's terms or more: a lead naming one in
# passing is on another subject (a Lidl store's for "costs groceries soar highest")
KEYWORD_HELD = 2
PROXIMITY_ARTICLES = 40  # the best articles whose candidates `_word_order` reads
# what may stand between two words side by side: spaces, hyphens and stopwords, no punctuation
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")
_BETWEEN_WORDS = re.compile(r"[\w '\u2019\u00a0\u2010\u2011-]*")
# the Latin-script languages whose function words tell a question in them from an English
# one (`_language_note`); Cyrillic, Greek and the rest tell themselves (`_unlatin`)
OTHER_LANGUAGES = (
    "danish", "dutch", "french", "german", "italian", "norwegian", "portuguese", "spanish",
    "swedish", "turkish",
)  # fmt: skip
FOREIGN_WORDS = 3  # a question with this many words no article uses, and
FOREIGN_SHARE = 0.5  # at least this share of its words, may be in another language
Positions = npt.NDArray[np.intp]  # positions into a candidate array
_PROBE_DROP = re.compile("[.'\u2019]")
# A link: with its scheme or "www.", or a story's address typed from its host on
# ("usatoday.com/story/...", "edition.cnn.com/2024/..."), a host of a common top-level domain
# and a path: "U.S./Mexico" and "and/or" are no hosts, and a bare "cnn.com" names no story.
_URL = re.compile(
    # a Markdown link's text ends at "](": "[www.usatoday.com](https://...)" is two links
    r"(?:https?://|www\.)(?:(?!\]\()\S)+"
    r"|(?<![\w@./-])(?:[a-z0-9-]+\.)+"
    r"(?:com|org|net|gov|edu|int|mil|io|co|uk|us|ca|au|nz|ie|in|de|fr|it|es|nl|be|ch|at|se"
    r"|no|dk|fi|pl|pt|gr|cz|ru|ua|tr|il|ae|za|ng|ke|eg|jp|cn|hk|tw|kr|sg|my|ph|pk|br|mx|ar"
    # a story's path: two parts, or one with a dash, a digit or a file type
    # ("Amazon.com/Whole Foods deal" names a company twice, no page)
    r"|news|info|tv|eu|me)/(?:[^\s/]+/\S*|[^\s/]*[-_.\d][^\s/]*)",
    re.IGNORECASE,
)


# a link as HTML writes it, pasted from a page: <a href="https://...">its words</a>. Its
# quotes had been read as a phrase, and its address as running on into the words ("-63">this)
_LINK_TAG = re.compile(
    r"""<a\s(?:[^<>]*?\s)?href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))[^<>]*>"""
    r"""(?:(.*?)<\s*/\s*a\s*>|([^<]*))""",  # its words; a tag left open, the words after it
    re.IGNORECASE | re.DOTALL,
)


# English words that hand a link over and ask nothing of their own
_LINK_FILLER = (
    "read this see look check out is it true real fake thanks thank you story article link "
    "page post piece what about summarize summarise summary tldr explain please pls wow omg "
    "hey hi hello lol thoughts think do you any news on fact accurate legit source why how "
    "did happen happened going mean means"
)


def _link_tag_words(found: re.Match[str]) -> str:
    """An HTML link as its words and its address (`_LINK_TAG`), tags inside its words gone."""
    address = html.unescape(found[1] or found[2] or found[3] or "").strip()  # &amp; as &
    if address.startswith("//"):  # the page's own scheme: https, as a pasted "//host" is
        address = "https:" + address
    words = html.unescape(_MARKUP.sub(" ", found[4] if found[4] is not None else found[5]))
    return f" {words} {address} " if address.lower().startswith(("http", "www.")) else f" {words} "


def _may_link(text: str) -> bool:
    """Whether `text` may hold a `_URL`: a link has a "/" or starts "www." (the pattern's
    host alternative, tried at every word, doubled a question's scan)."""
    return "/" in text or "www." in text.lower()


# what may close a link pasted in a sentence or wrapped in marks: the sentence's own
# punctuation, and <link> (mail, Slack, Markdown), `link`, **link**, «link», "link"
_LINK_END = TRAILING + '"\u201d\u00bb\u203a>`*\u2026|'
# the tags of formatted text, which a question pasted from a page or a chat may keep
_MARKUP = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|span|p|br|div|code|pre|del|ins|mark|small|sub|sup|strike|font)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# English words that ask for the news itself, not for a subject ("latest news", "what's new?",
# "anything happening today?", "top stories"; not "breaking", whose stem is break's: "what
# broke?" listed the news): a question made only of these (and stopwords)
# is answered with the newest stories, as one of only filters is. Searched, "latest news"
# found paragraphs that say "the latest news", and "what's new?" a footballer "under new fire".
_NEWS_REQUEST = (
    "news latest newest new recent recently current currently today todays tonight yesterday "
    "now headlines headline top stories story update updates happening happened "
    "happen going anything something everything world week weekend morning tell show give "
    "please any big main last night month ago past days weeks monday tuesday wednesday thursday "
    "friday saturday sunday two three four five six"
)
_BREAKING = re.compile(r"\bbreaking\b", re.IGNORECASE)
# one of these makes such a question one about the news itself ("Today show" is a subject)
_NEWS_WORDS = (
    "news latest newest headlines headline stories story update updates happening happened"
)
# "new" with only these asks for the news too ("what's new today?", "anything new?"), where
# "new deal" or "new world" names a subject
_NEW_WHEN = "new today todays tonight now week weekend morning anything something any recently"
# The words around an English question that ask the bot, not about the news: "hey, can you
# tell me ...", "what do you know about ...", "... thanks!". Ranked, "please", "thanks" and
# "tell" (as in "told") lifted any story quoting thanks or a telling (a probe of 77 questions
# so wrapped: the answer at the top 54 -> 44). Only at the ends: "What did the minister tell
# parliament?" keeps its "tell".
_POLITE = r"(?:please|pls|plz|kindly)"
# a request word that may follow a greeting with only a space ("hey can you ..."); before any
# other word a greeting is a name's ("Hello Kitty", "Hey Jude", "OK Go")
_REQUEST = (
    r"(?:can|could|would|will|do|does|what|when|who|where|why|how|which|is|are|did|i|i'd"
    r"|i\u2019d|please|pls|plz|tell|show|give|explain|any|so|ok|okay|um+|uh+)\b"
)
_WHICH_NEWS = r"(?:(?:some|any|the|recent|latest|more)\s+)*"
_NEWS_KINDS = r"(?:news|stories|articles|headlines|reports|info|information|updates?)"
# a chat's filler before a question, which names nothing whatever follows: "ok tories",
# "hmm yukos" (searched, "ok" found a star asked whether it was "OK", and notes named "hmm"
# as a word no article has). "er", "um", "uh", "hm", "oh" and "ah" in lower case or as a
# sentence starts them: "ER" is a series, "UM" a university, "OH" Ohio. "um", "uh" and "hm"
# before a word are a chat's hesitation far more often than a name's initials, and go
_FILLER = (
    r"(?:ok|okay|okey|alright|all\s+right|yeah|yep|yup|nope"
    r"|(?-i:kk|[Ee]r+m?|[Ee]rr+|[Hh]m+|[Uu]m+|[Uu]h+|HM+|UM+|UH+|[Oo]h|[Aa]h))\b"
)
# ... and a filler that is an initial as often: "k" goes only alone or before a mark or
# another opener ("k, thanks", "k so what about ..."), not before a word ("k campbell" had
# searched "campbell" alone, and lost Kieran Campbell's story). "kk" is no initial, and a
# lower-case "er" before a name is a hesitation ("er biden" had found emergency rooms)
_FILLER_INITIAL = r"(?-i:k)\b"
# an acknowledgement or an interjection before a question, which may be its subject's word as
# well ("great barrier reef", "right to buy", "cool britannia", "no smoking ban", "yes
# campaign", "nice france", "well done"): an opener only before a mark, another opener,
# "and", or a request ("cool, and federer?", "yeah and arsenal", "oh ok what about iraq")
_ACKNOWLEDGE = (
    r"(?:cool|great|nice|perfect|awesome|thanks|thank\s+(?:you|u)|right|yes|no|well|so)\b"
)
_AND = r"(?:and\b[\s,]*)?"  # "ok and the tories?", "cool, and federer?"
# what an opener that may be a word of the subject ("k", "cool") is one only before
_OPENER = rf"(?:{_FILLER}|{_FILLER_INITIAL}|{_ACKNOWLEDGE}|and\b|{_REQUEST})"
# ... and one left alone ("hmm, ok"): nothing else, the message is kept as typed
_ONLY_CHAT = re.compile(rf"(?:{_FILLER}|{_FILLER_INITIAL}|{_ACKNOWLEDGE})[\s,.!?]*", re.IGNORECASE)
_ASK_BOT = re.compile(
    r"^(?:"
    rf"(?:hey|hi|hello|hiya|yo|{_POLITE})(?:\s+(?:there|bot|newsbot))?"
    rf"(?:\s*[,.!:;]+\s*|\s+(?={_REQUEST}))"
    rf"|{_FILLER}(?:\s+(?:there|bot|newsbot))?(?:\s*[,.!:;]+\s*|\s+){_AND}"
    rf"|{_FILLER_INITIAL}(?:\s+(?:there|bot|newsbot))?(?:\s*[,.!:;]+\s*|\s+(?={_OPENER}))"
    rf"{_AND}"
    rf"|{_ACKNOWLEDGE}(?:\s*[,.!:;]+\s*|\s+(?={_OPENER}))"
    rf"{_AND}"
    r"|(?:can|could|would|will)\s+(?:you|u)\s+"
    rf"(?:{_POLITE}\s+)?(?:tell|show|give|find|explain|remind)(?:\s+(?:me|us))?"
    r"(?:\s+(?:about|on|regarding))?\b[\s,:]*"
    r"|(?:do|does)\s+(?:you|u|anyone)\s+know(?:\s+(?:about|anything about))?\b[\s,:]*"
    r"|what\s+(?:can|do)\s+you\s+(?:tell\s+me|know)\s+(?:about|of|on|regarding)\b[\s,:]*"
    r"|i(?:'d|\u2019d|\s+would)?\s+(?:want|like|wanna|need)(?:\s+to\s+know)?"
    r"(?:\s+(?:about|more about))?\b[\s,:]*"
    r"|i(?:'m|\u2019m|\s+am)\s+(?:wondering|curious)(?:\s+(?:about|if|whether))?\b[\s,:]*"
    rf"|(?:{_POLITE}\s+)?(?:tell|show|give)\s+(?:me|us)(?:\s+(?:about|more about))?\b[\s,:]*"
    rf"|(?:{_POLITE}\s+)?(?:explain|describe|summari[sz]e)\b(?:\s+(?:to\s+me|about))?[\s,:]*"
    r"|(?:any|the)\s+(?:news|updates?|info|information)\s+(?:on|about|regarding)\b[\s,:]*"
    # "help me find news about ...", "find me stories on ...", "search for articles about":
    # "help" and "find" had been searched (and named as words no story holds with the rest)
    rf"|(?:{_POLITE}\s+)?(?:help\s+(?:me|us)\s+(?:to\s+)?)?find\s+(?:me|us)\b\s*"
    rf"{_WHICH_NEWS}(?:{_NEWS_KINDS}\s+)?(?:(?:about|on|regarding)\b)?[\s,:]*"
    # "get me the latest news on ...", "get me the latest on ...", not "get me out of here"
    rf"|(?:{_POLITE}\s+)?get\s+(?:me|us)\s+{_WHICH_NEWS}"
    rf"(?:{_NEWS_KINDS}(?:\s+(?:about|on|regarding))?|(?:about|on|regarding))\b[\s,:]*"
    rf"|(?:{_POLITE}\s+)?(?:help\s+(?:me|us)\s+(?:to\s+)?)?"
    rf"(?:find|search(?:\s+for)?|look\s+(?:for|up)|get)\s+{_WHICH_NEWS}{_NEWS_KINDS}\s+"
    r"(?:about|on|regarding)\b[\s,:]*"
    rf"|(?:{_POLITE}\s+)?help\s+(?:me|us)\s+(?:to\s+)?understand\b[\s,:]*"
    rf"|{_WHICH_NEWS}{_NEWS_KINDS}\s+(?:about|on|regarding)\b[\s,:]*"
    # "quick question: ...", "random q - ..."
    r"|(?:a\s+)?(?:quick|random|simple|short|silly|dumb|stupid)\s+(?:question|q)\b[\s,:;.!?-]*"
    r"|question\s*[:-]\s*"
    r")+",
    re.IGNORECASE,
)
# thanks at the end, after a space, or after a mark for the words that are names too ("what
# happened to Ty?", "Berlin gives cheers"); not before a question mark ("did he say thank
# you?"). Searched in a question's last THANKS_TAIL characters only (a run of separators
# made the pattern quadratic)
_THANKS_END = re.compile(
    rf"(?:(?:\s*[,.!?;:]+\s*|\s+)(?:{_POLITE}|thanks(?:\s+a\s+lot)?|thank\s+(?:you|u)|thx)"
    r"|\s*[,.!?;:]+\s*(?:ty|cheers))+"
    r"[\s.!]*$",
    re.IGNORECASE,
)
THANKS_TAIL = 80
# an "s" ending a word (or a possessive's, after a digit too: "a1's") joined to the next by
# dots or hyphens, or by two apostrophes (one between letters is inside a word: "don't")
_S_JOINED = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[^\W_]['\u2019]))"
    r"s(?:[.\-\u2010'\u2019]*[.\-\u2010][.\-\u2010'\u2019]*|['\u2019]{2,})(?=[^\W_])"
)
_POSSESSIVE = re.compile("['\u2019]s$")  # "Microsoft's" names the word "Microsoft"
# Combining marks (Unicode blocks of them): NFKC may compose one with the letter before it;
# and Arabic's and Hebrew's marks and tatweel, which the analyzer drops (`SCRIPT_MARKS`)
_COMBINING = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]|" + SCRIPT_MARKS.pattern
)
_NAME_WORD = re.compile(r"[^\W_]+")
# an English question that may ask for a name (who, which country, where); a topic ("vaccine")
# or a question of how, why or when does not
_NAME_QUESTION = re.compile(r"\b(?:who|whom|whose|which|what|where|name[ds]?|this|these)\b", re.I)
_ASKS_OTHER = re.compile(r"\b(?:how|why|when|whether)\b", re.I)  # ... and one asking else
# ... but "what happened to ...?" asks for an event, as "how" and "why" do: the paragraph
# fullest of names (a tribute's list of mourners) had won over "vanished ten years ago".
# So do news chat's openers, "what's going on with X?", "what's new with X?", "what's up
# with X?", "what's the latest (news, story, deal, update) on X?", "what about X?": they ask
# for the story, whose lead the bare subject shows; a side paragraph naming a hotel's owner
# had been shown instead (thirty-eighth session). The verb is written ("what new rules"
# asks for a thing), and the opener is followed by a preposition or ends the question ("the
# news anchor's name" asks a name); a wh-word after "what about" still asks for a name.
_WHAT_HAPPENED = re.compile(
    r"\bwhat(?:'s|\u2019s| is| has| had| will| would)?(?: been| be)? happen(?:ed|s|ing)?\b"
    r"|\bwhat(?:'s|\u2019s|s| is| are)(?: been)? (?:going on|new|up"
    r"|the (?:latest|news|story|deal|update|scoop))"
    r"(?= (?:with|on|in|at|about|for|from|over|regarding)\b|\s*[?!.,;:]|\s*$)"
    r"|\bwhat about\b",
    re.I,
)
# "when" that asks (a year or a date: "When did she join?", "since when?"), not the "when" of
# "made history when he became"
_WHEN = (
    r"\bwhen(?:'s|\u2019s| did| was| were| is| are| will| does| do| has| had| could| would"
    r"| can)\b"
    r"|\b(?:since|from|until) when\b"
    r"|\b(?:what|which) (?:date|day)\b"
)
# An amount written with its magnitude's short form ("35bn", "1.2m", "10k"), as a term,
# and the words those forms stand for.
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(bn|mn|m|k|tn|trn|b|t)")
# American shorthand for the same, after a currency sign only ("$44B", "$1.5T"; not "Form
# 4B", "the 5T truck")
_CURRENCY_SHORT = re.compile(r"[$£€¥]\s?\d+(?:\.\d+)?([bBtT])\b")
_NUMBER_TERM = re.compile(r"\d+(?:\.\d+)?")
_MAGNITUDE_SUFFIXES = {
    "bn": "billion",
    "m": "million",
    "mn": "million",
    "k": "thousand",
    "tn": "trillion",
    "trn": "trillion",
    "b": "billion",
    "t": "trillion",
}
# Shorthand for names of several words, as people type them ("scotus ruling", "wh press
# sec"); articles write the words. One word for one word is an alias of the analysis.
_SHORTHAND = {
    "scotus": "supreme court",
    "potus": "president",
    "flotus": "first lady",
    "wh": "white house",
    "nyc": "new york city",
    "dems": "democrats",
    "govt": "government",
    "prez": "president",
    "utd": "united",  # "Leeds Utd"
    # compounds news writes both ways ("cease-fire" in AP style until 2024); typed apart or
    # hyphened they are searched joined too (`_joined`)
    "ceasefire": "cease fire",
    "ceasefires": "cease fires",
    "heatwave": "heat wave",
    "standoff": "stand off",
    "frontline": "front line",
    # quarters as earnings reports name them ("Tesla Q3 earnings" found an "Audi Q3" recall)
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
}
# Names news writes two ways that no single-word alias joins: "LA" typed for Los Angeles, a
# Super Bowl's Roman number and ours ("Super Bowl LIX": "Who won Super Bowl 59?"), and the
# world wars. Each way is searched as the other too. Not a country's full name as its letters
# ("United Kingdom" as "UK" too): the country then weighed twice, and realtimeqa_news lost
# "Who became the new prime minister of the United Kingdom" to stories saying "UK" more.
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ALSO_WRITTEN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bL\.?A\.?(?!\w)"), lambda m: "Los Angeles"),
    (re.compile(r"\bsuper bowl ([ivxlc]{1,8})\b", re.I), lambda m: _from_roman(m[1])),
    (re.compile(r"\bsuper bowl (\d{1,3})\b", re.I), lambda m: _to_roman(int(m[1]))),
    (re.compile(r"\b(?:ww ?(?:ii|2)|second world war)\b", re.I), lambda m: "World War II"),
    (re.compile(r"\bworld war (?:ii|2|two)\b", re.I), lambda m: "WWII"),
    (re.compile(r"\b(?:ww ?(?:i|1)|first world war)\b", re.I), lambda m: "World War I"),
)
_ALSO_WRITTEN_ANY = re.compile(r"L\.?A|super bowl|ww|world war", re.I)  # one search, not 7
# British and American words for one thing, where neither means something else as well:
# "petrol prices" of American news had found climate pieces while its "gasoline" stories
# waited, "cell phone" of the BBC's a PlayStation chip (breame, which unifies spellings,
# "labour" and "labor", has no such words). Not "gas" (a British "gas price" heats homes),
# "football" and "soccer" (American football), "flat", "holiday", "fall", "chemist", "film"
# and "movie" (American news says both; "movie" searched as "film" too lowered the quiz
# figures: answer@1 0.618 -> 0.616): each means more.
_DIALECT_WORDS = {
    "petrol": "gasoline", "gasoline": "petrol",
    "nappy": "diaper", "nappies": "diapers", "diaper": "nappy", "diapers": "nappies",
    "lorry": "truck", "lorries": "trucks", "truck": "lorry", "trucks": "lorries",
    "mobile phone": "cellphone", "mobile phones": "cellphones",
    "cell phone": "mobile phone", "cell phones": "mobile phones",
    "cellphone": "mobile phone", "cellphones": "mobile phones",
    "aubergine": "eggplant", "eggplant": "aubergine",
    "courgette": "zucchini", "zucchini": "courgette",
    "pavement": "sidewalk", "sidewalk": "pavement",
    "pavements": "sidewalks", "sidewalks": "pavements",
    "postcode": "zip code", "zip code": "postcode",
    "postcodes": "zip codes", "zip codes": "postcodes",
    "railway": "railroad", "railroad": "railway",
    "railways": "railroads", "railroads": "railways",
    "car park": "parking lot", "parking lot": "car park",
    "car parks": "parking lots", "parking lots": "car parks",
    "aubergines": "eggplants", "eggplants": "aubergines",
    "courgettes": "zucchinis", "zucchinis": "courgettes",
    "maths": "math", "math": "maths",
    # ... and a disease under its everyday and its scientific name
    "avian flu": "bird flu", "avian influenza": "bird flu", "bird flu": "avian flu",
    # one way: "check" also means to verify ("fact check", "security checks"), so a library
    # is taken to write "cheque" so only where it says "check" DIALECT_SENSES_RATIO times as
    # often ("Target won't accept cheques" of American news had been searched as "cheese")
    "cheque": "check", "cheques": "checks",
}  # fmt: skip
# words of `_DIALECT_WORDS` whose other word means more as well: searched as it only in a
# library that uses the other word this many times as often (realtimeqa_news: "check" 700
# times "cheque"; the BBC's 8 times, where "cheque" stays as typed)
_DIALECT_SENSES = frozenset({"cheque", "cheques"})
DIALECT_SENSES_RATIO = 20
# Word families news questions and headlines write in different forms that Snowball's stems
# keep apart: "rite aid bankrupt" and "Rite Aid files for bankruptcy", "cormac mccarthy
# obit" and "McCarthy dies at 89", "nba champs" and "Thunder claim championship". A word
# typed in lower case (a capitalised one may be a name) is searched as its family's other
# forms too (`_family_forms`), the family weighed as its commonest form: the word at the
# least idf of its forms, each other form at FAMILY_SHARE of that (a passage saying both
# weighs the word under twice), none in the relevance floor (an article saying the word as
# typed is no less relevant); the notes and the newest-story tests count any form as the
# word. One way where the other way means more: "death" is no "died" ("death toll", "death
# penalty"), "died" no "dead" (a "who died" question had found "Dance music not dead"),
# "championship" no "champ" ("which team won the NBA championship" lost the final's story
# to one on the odds to win). Not "invade" and "invasion": "invasive species" is "invas"
# too; not "sue" and "sued" (Snowball's "su"): no question found better for it. "quit" and
# "boss" are news's "resign" and "CEO" ("did boris johnson quit", "new disney boss"), one
# way: "resign" as "quit" put "Lord Geidt quits: ... Boris Johnson's ethics adviser" over
# the story of Johnson's resignation. Not "dead"
# as "die" and "death": "is biden dead" asked of a living Biden had listed three other
# deaths (a ride accident, a storm's toll) over his stories, "is the pope dead" in March
# 2025 Benedict's death of 2022 over Francis in hospital.
_FAMILIES = {
    "obit": ("obituary", "die"),
    "bankrupt": ("bankruptcy",), "bankruptcy": ("bankrupt",), "bust": ("bankrupt", "bankruptcy"),
    "champ": ("champion", "championship"), "champion": ("champ",),
    "fraud": ("fraudster",), "fraudster": ("fraud",),
    "merge": ("merger",), "merger": ("merge",),
    "quit": ("resign",), "boss": ("ceo",),
    "acquire": ("acquisition",), "acquisition": ("acquire",),
}  # fmt: skip
# the words typed that a family's word stands for: it and its regular endings ("champs",
# "bankruptcies", "merging"), not every word of its stem ("deadly" is "dead": "deadly
# turbulence" is no question of a death)
_FAMILY_TYPED = frozenset(
    form
    for word in _FAMILIES
    for form in (
        word, word + "s", word + "es", word + "ed", word + "ing", word + "d",
        word[:-1] + "ing", word[:-1] + "ies", word[:-1] + "ied",
    )
)  # fmt: skip
# a word of `_FAMILIES` that is of the family only so written: "go bust", not a drug bust or
# the band Busted ("did yukos go bust" had listed its stories)
_FAMILY_ONLY = {"bust": re.compile(r"\b(?:go|goes|going|gone|went)\s+bust\b", re.IGNORECASE)}
FAMILY_SHARE = 0.5
_DIALECT = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _DIALECT_WORDS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _from_roman(numeral: str) -> str:
    """A Roman number's value as digits ("LIX" -> "59"); "" if it is none."""
    values = [_ROMAN[char] for char in numeral.lower()]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return str(total) if _to_roman(total) == numeral.upper() else ""


def _to_roman(value: int) -> str:
    """`value` (1-399) as a Roman number ("59" -> "LIX")."""
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")):
        count, value = divmod(value, number)
        out += letters * count
    return out + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII")[value]  # value < 9


# the clubs as British headlines and fans write them: "Man Utd", "man city"
_MANCHESTER_CLUB = re.compile(r"\bman\.? (utd|united|city)\b", re.IGNORECASE)
# A question word run together with "did", "is" or "has" ("where'd", "where's", "whats",
# "when'd", "who's"): the answer cues read it spelled out. "'s" and a bare "s" read "is";
# "'d" reads "did" ("who'd" could be "who would": the cues ask alike).
_CONTRACTED_ASKING = re.compile(
    r"\b(where|when|what|who|how|which)(?:['\u2019](d|s|re)|(s))\b", re.IGNORECASE
)
_SPELLED = {"d": "did", "s": "is", "re": "are"}


def _spelled_out(question: str) -> str:
    """The question with its asking contractions spelled out, for the answer cues."""
    if "'" not in question and "\u2019" not in question and "s " not in question.lower():
        return question
    return _CONTRACTED_ASKING.sub(lambda m: f"{m[1]} {_SPELLED[(m[2] or m[3]).lower()]}", question)


# English questions whose answer is a number, an amount, a time or a year. "What's", and a
# noun after some words ("what's brazil's jobless rate", "what was the final score") ask so
# too: they had missed the cue.
_NUMBER_QUESTION = re.compile(
    r"\bhow (?:many|much|long|old|far|large|big|tall|high|fast|often)\b"
    r"|\b(?:what|which) (?:year|percentage|percent|share|proportion|number|age|amount|price|"
    r"temperature|score|time)\b"
    r"|\bwhat(?:'s|\u2019s| is| was| were| are| will be)(?: the)?(?: [\w'\u2019-]+){0,3}? "
    r"(?:number|amount|price|cost|total|age|toll|score|rate|percentage|figure)s?\b",
    re.IGNORECASE,
)
# A "when" that asks is answered by a passage with a date: a month, a year, "last week", "two
# years ago"; not any number, which sent "when did the US call it a coup?" to the paragraph
# with "1,000 troops" over "designated as a coup by the U.S. in October". A weekday,
# "yesterday" or "this year" is no such date: news says when it reported ("said on
# Wednesday"), rarely what is asked.
_WHEN_QUESTION = re.compile(_WHEN, re.IGNORECASE)
_DATED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.|(?:1[89]|20)\d\d(?:s|(?!\d))"
    r"|(?:last|next) (?:week|month|year|weekend|spring|summer|autumn|fall|winter)"
    r"|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few) "
    r"(?:days?|weeks?|months?|years?|decades?) (?:ago|later|earlier))"
    r"(?!\w)"  # case kept: "may" is no month
)
# and a date to the day ("on 16 March", "March 16th", "Jan. 6") answers it better than a
# year: "when did Brown set the budget?" showed "eighth since Labour came to power in 1997"
# over "will deliver his Budget on 16 March"
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY_DATED = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH_NAMES}(?!\w)"
    rf"|{_MONTH_NAMES} \d{{1,2}}(?:st|nd|rd|th)?(?![\w,.]?\d))"
)
DAY_SHARE = 0.5  # the day's bonus, as a share of a date's (`pick_number`)

# Words that give an English question its form, not its subject: the story asked about need
# not use them ("where will the g8 summit be held", "how old was lord callaghan", "ryanair's
# boeing deal worth": the partial-match note had cast doubt on the right story)
_FRAME = re.compile(
    r"\bhow (old|long|far|big|tall|high|large|fast|often|soon|deep|heavy|wide)\b"
    r"|\b(worth|happen|happens|happened|happening|date|dates)\b"
    # a passive's participle, a few words after its verb ("where was the summit held")
    r"|\b(?:be|been|being|is|are|was|were|will|'s)\b(?:\s+[\w'\u2019-]+){0,6}?"
    r"\s+(held|located|based|hosted|staged|called|named)\b"
    r"|\b((?:take|takes|took|taking|taken)\s+place)\b",
    re.IGNORECASE,
)
# The words that ask to compare two subjects or to check a claim, or ask for a story as
# such: neither searched nor named by a note, as long as a word is left; the notes had named
# "difference", "compare", "relationship" and "true" as the words no story holds. A
# comparison ("difference between hamas and hezbollah", "compare helene and milton", "how is
# X related to Y"): the two subjects' stories are the answer, and seldom use the word
_ASKS_WHETHER = re.compile(
    r"\b(compare[sd]?|comparing|comparisons?|similarit(?:y|ies))\b"
    # ... "difference" of two ("the difference between", "differences in", "X vs Y
    # differences"), not a "difference maker"
    r"|\b(differences?)\b(?=\s+(?:between|in|among|from)\b|\W*$)"
    r"|\b(different|differs?)\s+(?:from|than|to)\b"
    r"|\bhow\s+(?:is|are|was|were|do|does|did)\b(?:\s+[\w'\u2019-]+){1,8}?\s+(differ|different)\b"
    r"|\b(relationships?|relations?|connections?|links?|ties)\s+between\b"
    # (asked: "how is X related to Y", "are X and Y linked"; "was linked to" of a claim,
    # "an outbreak linked to which ingredient", is its subject)
    r"|^\W*(?:how\s+)?(?:is|are|was|were)\b(?:\s+[\w'\u2019-]+){1,6}?\s+"
    r"(related|connected|linked|tied)\b"
    # ... a fact check ("is it true elon bought twitter", "is the tiktok ban real", "true
    # or false: ..."): the story of the claim answers it, without the word "true"
    r"|\b(?:is|was|are|were)\s+(?:it|this|that)\s+(?:really\s+)?(true|false|real|fake)\b"
    r"|\b(true\s+or\s+false|real\s+or\s+fake|fact\s+or\s+fiction|fact[\s-]?check(?:ed|ing)?)\b"
    r"|^\W*(?:is|was|are|were)\b(?:\s+[\w'\u2019-]+){1,8}?\s+(?:really\s+)?"
    r"(true|false|real|fake|accurate)\W*$"
    # ... a story asked for as such ("an article on the writers strike")
    # ("of" no: "story of the year", "the real story of ...")
    r"|\b(articles?|stor(?:y|ies))\s+(?:on|about)\b",
    re.IGNORECASE,
)
# ... and the word parts one of them needs: the alternation tried at every place of a long
# question cost 0.02 ms, a pattern of these parts 0.01 ms; `in` on the folded text tells
# most questions hold none in 2 microseconds
_WHETHER_PARTS = (
    "differ", "compar", "similar", "relat", "connect", "link", "ties", "tied", "true",
    "false", "real", "fake", "fact", "accura", "articl", "stor",
)  # fmt: skip


def _asks_whether(text: str) -> list[re.Match[str]]:
    """`_ASKS_WHETHER`'s matches in `text`, looked for only where a word it needs is."""
    folded = text.casefold()
    if not any(part in folded for part in _WHETHER_PARTS):
        return []
    return list(_ASKS_WHETHER.finditer(text))


# "many" and "much" that make "how many", "how much": the form of the question, not its
# subject (ranked, "how many people" favoured passages saying "many"; realtimeqa_news
# answer@3 0.765 -> 0.767, gold@3 0.589 -> 0.592)
_HOW_MUCH = re.compile(r"\bhow\s+(many|much)\b", re.IGNORECASE)
# a headline as share sheets, news aggregators and browser tabs copy it, its outlet's name
# after a dash or a bar ("... is over - USA TODAY", "... | CNN Politics"): the name's words
# kept its own story from counting as the headline typed (8 of 40 pasted so lost theirs)
_OUTLET_SUFFIX = re.compile(
    r"(.*\S)\s+[-|\u2013\u2014]\s+([^-|\u2013\u2014\s][^-|\u2013\u2014]{0,40}?)\s*"
)
# One of the library's outlets named in plain words as the teller of the story ("usa today
# article on the writers strike", "what did the week say about sunak", "cnn on tiktok ban",
# "according to cnn"): its words are no subject (searched, "usa" had been named by the
# partial note as the word no story holds, and "week" of The Week matched every "last
# week"), and its stories come first where they match (OUTLET_LIFT), a preference, not the
# `source:` filter. The name counts as an outlet's only with a cue around it: a word of
# telling after it ("say", "reported", "'s coverage", "article"), "according to" or a
# story's word and "from"/"in"/"by" before it, or "on"/"about" after a name at the start
# of the question that is no phrase of the language ("cnn on ...", not "the week on wall
# street", `_plain_name`). Typed without one ("cnn layoffs", "the week ahead"), it is a
# subject and searched as one.
_TELLING = (
    r"(?:say|says|said|saying|report|reports|reported|reporting|write|writes|wrote|written"
    r"|writing|cover|covers|covered|covering|publish|publishes|published|think|thinks)"
)
_STORY_KIND = (
    r"(?:articles?|stor(?:y|ies)|pieces?|coverage|reports?|reporting|headlines?|take"
    r"|analysis|opinion|op-?eds?|editorials?|columns?|fact[\s-]?checks?|explainers?)"
)
_OUTLET_BEFORE = re.compile(
    rf"(?:\baccording\s+to|\bvia|\b{_STORY_KIND}\s+(?:from|by|in|at|of))\s+$", re.IGNORECASE
)
_OUTLET_AFTER = re.compile(rf"(?:['\u2019]s)?\s+(?:{_TELLING}|{_STORY_KIND})\b", re.IGNORECASE)
# ... what goes with the name, of a cue: the telling or a plain story word, and its
# preposition ("say about", "'s article on", "according to"); a kind of story ("analysis",
# "fact check") stays searched, as outlets head such stories with it
_PLAIN_AFTER = re.compile(
    rf"(?:['\u2019]s)?\s+(?:articles?|stor(?:y|ies)|pieces?|coverage|reports?|reporting"
    rf"|headlines?|take|{_TELLING})(?:\s+(?:about|on|of|that))?\b",
    re.IGNORECASE,
)
_PLAIN_BEFORE = re.compile(
    r"(?:\baccording\s+to|\bvia|\b(?:(?:an?|the)\s+)?(?:articles?|stor(?:y|ies)|pieces?"
    r"|coverage|reports?|reporting|headlines?)\s+(?:from|by|in|at|of)|\b(?:from|by|in|at|of))\s+$",
    re.IGNORECASE,
)
_OUTLET_OPENS = re.compile(r"\s+(?:on|about)\b", re.IGNORECASE)
_LEADS_IN = re.compile(r"\W*(?:(?:and|so|ok|okay|but)\W+)?$", re.IGNORECASE)
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # `name_words` of folded ASCII text
OUTLET_LIFT = 0.3  # the named outlet's passages' bonus, a share of their text's score


class _Outlet(NamedTuple):
    """An outlet named as the teller of the story asked for (`Searcher._outlet_asked`)."""

    sources: tuple[int, ...]  # the store's source indexes it names
    names: tuple[str, ...]  # ... as the library names them ("USA TODAY")
    rest: str  # the question without the name and its cue words


# Words of a question about a subject that ask for its newest stories ("NATO news today",
# "latest on the TikTok ban", "any update on the strike"): searched, "today" matched "USA
# TODAY" and "news" "news conference", and the answers got older. In lower case only: "Fox
# News", "the Today show" and "USA TODAY" are names.
_ASKS_NEWEST = re.compile(
    r"\b(?:latest|newest|breaking(?= news)|(?<!fake )news|updates?|what's new"
    r"|any(?:thing)? new|currently|current(?! account)|right now|now"  # "the Fed chair now"
    # how a running story stands ("is title 42 still in place", "what is going on in gaza",
    # "the strike so far"): asked plainly, a better-worded story of months before had come
    # first. "going on" and "happening" in the present only: "what was going on in 2021"
    # asks for that year's
    r"|still|so far|ongoing|(?:(?<=is )|(?<='s )|(?<=are )|(?<=whats )|(?<=been ))"
    r"(?:going on|happening)"
    # "who won the last Super Bowl", "the most recent election": not "the last year", "the
    # last two", "the last time", "the last-minute deal"
    r"|(?<=the )(?:last|most recent)(?=\s)(?!\s+(?:year|week|month|day|night|decade|century"
    r"|season|time|minute|moment|word|resort|straw|laugh|one|two|three|four|five|few|several"
    r"|of)\b))\b"
)
# A short question that asks who won, naming no year, month or day ("who won the super
# bowl", "which team won the world cup"): the newest result is asked for, as after "latest".
# Ranked as any question, the best-worded story of any year came first ("Who won the Super
# Bowl in 2024?" asked after the 2026 game, the 2022 French election's story after the US
# one of 2024). A longer question pins its event by its details ("... after an epic men's
# final"): realtimeqa_news's 37 such quiz questions lost 7 answers at the top this way.
OUTCOME_TERMS = 4
# ... not one that names which, by a number or by rank ("who won super bowl 57", "who won
# the first super bowl", "who won the most medals", "who has won the most grand slams"): a
# verifier found the newest stories on the subject put before the one asked about
_NAMES_AN_EDITION = re.compile(
    r"\d|\b(?:first|most|ever|all[- ]time|record|how many|times|last time)\b"
    r"|\b(?:in|at)\s+\w|\bsuper bowl [ivxlc]+\b",  # "the world cup in qatar", "super bowl lvii"
    re.IGNORECASE,
)
# A bare subject typed as a search ("tiktok ban", "jimmy carter", "ukraine"), no question
# word nor "?", naming no period, asks what a news bot is for: its newest stories, as
# "latest on ..." does. Ranked as any question, the best-worded story of any year came
# first (a 2022 Ukraine story every day asked; a 2020 birthday of Jimmy Carter the day after
# he turned 100). Ages count from the subject's newest story (`Searcher._newest_on`), so one
# no longer reported keeps its best stories, its last weeks' first; the stories on it are
# those whose headline names it too (`Searcher._headed`), or a passing mention's day set it.
BARE_TERMS = 3
HEADED_SHARE = 1 / 2  # a bare subject's headline holds this share of its words' weight,
HEADED_READ = 100  # ... of which the newest this many are read; a word it lacks, its
# passages write beside the word typed next to it (a name's: "George Santos" for "Santos
# pleads not guilty"), or of a subject and its event within NEAR_PLACES words of it in a
# sentence ("after a two-day meeting, the Fed"); two words are a name when the NAME_READ
# best passages holding both mostly write them side by side in capitals
NAME_READ = 5
NEAR_PLACES = 6
# ... the newest TOGETHER_READ such headlines are read so (an article decoded each: "tiktok
# ban" has dozens of TikTok headlines, 5 ms); older ones keep the plain prior
TOGETHER_READ = 12
NO_RESULT_READ = 50  # of a "who won" question's articles, those whose headlines are read
_ASKS_OUTCOME = re.compile(
    r"^\s*(?:who|which \w+(?: \w+)?|what \w+(?: \w+)?) (?:won|wins|has won|have won)\b"
    r"|^\s*(?:who|what) (?:is|was|were|are) the winners?\b",
    re.IGNORECASE,
)
# ... and a headline that says the win did not happen or is yet to ("these stars have never
# won an Oscar", "Oscars predictions", "who will win", "if Patriots win ... parade", "odds",
# "best bets"): no result, though it holds "won" and the event's name. Given the newest's
# prior, such stories of the days before had opened "who won the oscars" and "who won the
# super bowl" above the winners' story (English only, as `_ASKS_OUTCOME` is)
_NO_RESULT = re.compile(
    r"\b(?:never (?:won|wins?)|predictions?|predicts?|picks? for|who will win|will (?:win|lose)"
    r"|could win|if (?:\S+ ){1,3}wins?|odds|bets"
    # ... or that it is yet to come, as a schedule or a preview says ("When is the next
    # debate?", "What time is the debate tonight?", "How to watch ...", "... ahead of Super
    # Bowl 59", "VP debate guide", "Macron to face Le Pen", "Can Kamala Harris still win?",
    # "Beyonce may win album of the year", "trying to win the second GOP debate", "the
    # favorite to win", "Iowa Poll", "nominations", "Trump will lose the Nevada primary"):
    # the day after a debate, "who won the debate" had opened with "When is the next
    # debate?" and June's "What time is the debate tonight?", and two days after the 2025
    # Masters "who won the masters" with a look back, a preview and a guide, the winner's
    # story fourth. Not "what to know" nor "live updates": stories after the result say so
    # too ("Kentucky Derby live updates: Sovereignty wins"); nor "when is the last time".
    r"|when (?:is|are)(?! the last)|what time|how to (?:watch|stream|follow)|where to watch"
    r"|start time|ahead of|previews?|guide|what to watch|things to watch|(?:set )?to face"
    r"|can (?:\S+ ){0,3}(?:still )?win|may win|might win|trying to win|favou?rites? to win"
    r"|polls?|nominations?|nominees?)\b",
    re.IGNORECASE,
)
# ... and a headline that reports a result ("Chiefs beat Eagles", "Macron wins", "Lula
# defeats Bolsonaro", "Connecticut tops San Diego State", "Harris concedes", "Mayor-elect",
# "winners list", "Spaniards celebrate La Roja winning", "Who won the debate last night?"):
# for a short "who won" question, its passages on the event get RESULT_LIFT (of a perfect
# match, as fresh as the newest's prior) and the newest's prior, though they need not say
# "won" ("Who won the debate last night?" is a live blog whose paragraphs say "debate" and
# never "won": not on the subject by `_on_subject`, it had the plain prior and came third,
# after two schedules; two days after the 2025 Masters the winner's story, whose words
# are fewer than a preview's, came fourth). Not a headline that says there is none yet
# (`_NO_RESULT`), nor one of past wins (`_PAST_WINS`: "Chiefs Super Bowl wins: How many do
# they have?", "Who has won the most Grammys?", "Has Justin Rose won the Masters?", "Who won
# the Super Bowl in 2024? Revisiting ...", "Looking back at 2002 Masters: Winner"), nor one
# that names no word of the event (`Searcher._outcome_headlines`). "won't" is none. A look
# back keeps the newest's prior: in a library whose newest result is its, it is the answer.
_REPORTS_RESULT = re.compile(
    r"\b(?:wins|won(?!['\u2019]t)|(?<!to )beats?|defeats?|defeated|edges|tops|routs|outlasts"
    r"|sweeps|victory|victorious|elected|\w+-elect|clinch(?:es|ed)|captures?|captured"
    r"|claims? (?:victory|title|the)|crowned|concedes|winners?(?![- ]takes)|takes? home"
    r"|celebrat\w* (?:\S+ ){0,3}(?:win|wins|winning|victory|title)"
    # British headlines' "Williams battles to Aussie title", "Man Utd stroll to Cup win"
    r"|(?:battle|storm|stroll|cruise|race|romp|power|sail|coast|charge|surge|fight|glide"
    r"|breeze|ease)(?:s|d|ed)? (?:back )?to (?:\S+ ){0,2}(?:title|win|victory|crown|glory|gold)"
    r"|seal(?:s|ed)? (?:\S+ ){0,3}(?:title|win|victory|crown)"
    r"|(?:take|takes|took|claim|claims|claimed) (?:\S+ ){0,3}glory"
    # ... and the loser's: "Iowa women's basketball loses to South Carolina"
    r"|los(?:es|t) to|beaten by)\b",
    re.IGNORECASE,
)
_PAST_WINS = re.compile(
    r"\b(?:how many|the most|ha(?:s|ve) (?:\S+ ){0,3}won|looking back|revisit\w*|last year)\b",
    re.IGNORECASE,
)
_WINNING_WORDS = "won wins win winner winners winning"  # a "who won" question's, not its event's
# ... and the words of a contest's division, which its result's story need not write: the
# winner's name tells it ("who won the aussie open womens title": "Serena Williams ... win
# her second Australian Open title"). Not counted among OUTCOME_TERMS, nor as the event's
# words a passage must hold; still searched, so a women's result comes before a men's
_DIVISION_WORDS = "women womens woman men mens man ladies ladys girls boys"
# A short question that asks whether an outcome came, or what it is, without "who won":
# "did tom brady retire", "has finland joined nato", "who is the new speaker", "new twitter
# ceo", "stanley cup winner", "nba champs", "election results". As a "who won", it asks for
# the newest result on its subject, and a preview or speculation of the days before is no
# answer: "did tom brady retire" the day after his announcement had opened with "Tom Brady
# still mulling retirement", "did aaron judge break the record" with "McGwire thinks Judge
# will break ...", "who is the new speaker" with "House adjourns without new speaker",
# "stanley cup winner" with "NHL playoffs picks and predictions", each before the story of
# the result. Not "did X say/mean/think ..." (what was said, no outcome), nor a question
# about the asker or of anything ("did anything happen"), nor one naming a number or a time.
_ASKS_DID = re.compile(
    r"^\s*(?:did|has|have|had)\s+(?!(?:any|some|every|no)(?:thing|one|body)\b|you\b|i\b|we\b)\w",
    re.IGNORECASE,
)
_NOT_OUTCOME = re.compile(
    r"\b(?:say|said|tell|told|mean|think|know|feel|react|respond|comment|look|like|want|sound"
    r"|do|ever|all[- ]time|how many|times|last time|\d)\b|\d",
    re.IGNORECASE,
)
# "who is the new speaker", "what's the new covid variant"; typed bare, only before a post
# ("new twitter ceo"): "new york", "new jersey" and "new year" are no outcome
_ASKS_NEW = re.compile(
    r"^\s*(?:(?:who|what)(?:['\u2019]s|\s+is|\s+was|\s+are|\s+were)\s+the\s+new\s+\w"
    r"|(?:the\s+)?new\s+(?:\w+\s+){0,2}(?:ceo|president|prime minister|pm|speaker|pope|king"
    r"|queen|leader|chair(?:man|woman)?|coach|manager|mayor|governor|director|head|chief|boss"
    r"|secretary|minister|chancellor|premier|captain|host|editor|commissioner|owner)s?\s*\??\s*$)",
    re.IGNORECASE,
)
_NEW_WORD = "new"  # ... its word for the outcome, not the post's
# "stanley cup winner", "nba champs", "australia election results": the last word asks for
# the outcome, the words before it name the event
_ASKS_RESULT = re.compile(r"\b(?:winners?|champions?|champs|results?)\s*\??\s*$", re.IGNORECASE)
# ... a headline naming the event that reports its result: the word the question asks with
# ("champions", "winner", "results") or a win of its prize ("Seahawks take Super Bowl 60",
# "Avalanche win first Stanley Cup title"; not "take the field" nor "earn shot at fourth WNBA
# title"), or a result's verb (`_REPORTS_RESULT`) but of a column of "winners and losers" or
# a headline asking "Who won ...?" ("NBA playoffs: Winners, losers from opening weekend",
# "Who won 2023-24 NBA awards?" had opened "nba champions" asked in May 2024)
_RESULT_CLAIMS = re.compile(
    r"\b(?:crowned|(?:win|take|takes|took|claim|claims|lift|lifts)\s+(?:\S+\s+){0,3}?"
    r"(?:title|crown|cup|bowl|championship|series|trophy|pennant|final|open|masters|medal"
    r"|gold))\b",
    re.IGNORECASE,
)
_NOT_A_RESULT = re.compile(r"\bwinners?,? (?:and )?losers\b", re.IGNORECASE)
_ASKS_WHO_WON = re.compile(r"^\s*who won\b[^?]*\?", re.IGNORECASE)  # ... read after its "?"
_GOT_WORDS = "get gets got gotten getting"  # "did trump get indicted": the outcome is "indicted"
# ... for which a headline that speculates or looks ahead is no result either, as
# `_NO_RESULT`'s are for "who won" ("still mulling retirement", "thinks Judge will break",
# "on the cusp of joining NATO", "want to join", "without new speaker", "prepares to
# appoint", "will either be Liz Truss or Rishi Sunak", "Will X break the record?")
_SPECULATES = re.compile(
    r"\b(?:mull\w*|weighs?|weighing|consider(?:s|ing)|expected to|set to|poised"
    r"|on the (?:cusp|verge|brink)|without (?:a )?new|either|prepar\w* to|likely to"
    r"|hopes? to|plans? to|wants? to"
    r"|eyes|eyeing|nears|nearing|close(?:r)? to|in talks|bid to|seeks? to|could|would|should"
    r"|may|might|hints?|possible|possibly|potential|rumou?r\w*|reportedly|what if"
    r"|(?:thinks|believes|says|expects|predicts|hopes|bets)\s+(?:\S+\s+){0,4}will)\b"
    r"|\bwill\b[^?]*\?|^\s*(?:can|could|would|should)\b[^?]*\?",
    re.IGNORECASE,
)
# ... and one that reports a new holder of a post: "Britain's new prime minister: Rishi
# Sunak", "Virgil Abloh named Louis Vuitton's menswear designer", "wins House speaker"
_APPOINTED = re.compile(
    r"\b(?:new|named|names|appointed|appoints|chosen|chooses|picked|sworn|becomes|takes over"
    r"|succeeds|replaces|elected)\b",
    re.IGNORECASE,
)
# half a perfect match: at 0.3, "which team won the world cup" two days after the final
# opened with a group match's "winner-takes-all" preview again, the winner's story second
RESULT_LIFT = 0.5
# ... and words of the day asked that are no subject either: dropped, with no stronger prior
# ("this week" and "recently" stay: dropping them, or counting the prior more for them, cost
# realtimeqa_news's quiz questions, whose "announced this week" asked two years on must
# still find its story)
_SAYS_WHEN = re.compile(r"\b(?:today|today's|todays|tonight|yesterday|yesterday's)\b")
NEWEST_RECENCY = 3.0  # ... and the recency prior counts this many times as much for them,
ONLY_SOME = "These match only some of its words."  # after the other-language note, with hits
NEWEST_DAYS_BACK = 31  # days counted back further than this leave out the day's own news
JOINED_COMMONER = (
    10  # two words typed apart are searched as one alone when it is this much commoner
)
# ... and two words hyphened ("cease-fire") also as one when it is at least this share as
# common as the rarer of them: a hyphen says the pair is one word, though "ceasefire" (189
# paragraphs of realtimeqa_news) is a little rarer than "cease" (203); "longterm" (5) is
# not "long-term" (3,102). A letter or three and a number ("G-20", "G 20") are one name
# ("G20") at a tenth: "g" alone is mostly such names' (295, "g20" 46).
HYPHENED_SHARE = 0.5
CODE_SHARE = 0.1
# a letter typed apart from the word the articles hyphen it to ("t mobile", "k pop"); not
# the letters the analysis keeps apart (a, d, i, n, o, r: `analysis._token_pattern`)
_LETTER_APART = re.compile(r"(?<![\w'\u2019.&-])([b-ce-hj-mp-qs-zB-CE-HJ-MP-QS-Z]) ([A-Za-z]\w*)")
# ... and one typed with its hyphen, which the analysis makes one word ("j-pop")
_HYPHENED_LETTER = re.compile(r"(?<![\w'\u2019.&-])[b-ce-hj-mp-qs-zB-CE-HJ-MP-QS-Z]-[A-Za-z]\w*")
# a name of letters and a number ("G20", "F-35", "MH17"), and one written as one term
_CODE_PARTS = re.compile(r"([^\W\d_]{1,3})(\d{1,4})")
# A verb typed with its particle ("shutting down", "locked down", "bail out") is also searched
# as the noun the two make ("shutdown", "lockdown", "bailout"), the word news names the event
# by: "why is the government shutting down" had found one story on the shutdown and an old
# project's closing, while "why is there a government shutdown" found three. The
# particle is a stopword, no term, so `_joined`'s pairs never see it. Only where the noun is
# at least PHRASAL_SHARE as common as the verb, as a hyphened pair's joined form must be
# (realtimeqa_news: "shutdown" 642 paragraphs, "shut" 642; lockdown 0.62 of "lock"), not
# where the verb's other uses swamp a noun of its own sense (makeup 0.007 of "make", workout
# 0.007, takeoff 0.006, playoff 0.16); and only where the noun meets the question's other
# words in PHRASAL_MEETS paragraphs (a plane's "touch down" is no football touchdown, 0.84 of
# "touch"). The stories on the event hold both words, and the noun searched as well weighs
# it twice: at a quarter, "laying off" (layoff 0.35) and "knocked out" (knockout 0.39) were
# searched as the nouns too, and a quiz question on a company's job cuts lost its answer
# (third to seventh) to another company's stories saying both (answer@3 0.768 -> 0.767)
_PHRASAL = re.compile(r"\b([^\W\d_]+)[\s\-\u2010\u2011]+(down|off|out|up|over)\b", re.IGNORECASE)
PHRASAL_SHARE = HYPHENED_SHARE
PHRASAL_MEETS = 3
SUBJECT_SHARE = 2 / 3  # ... for the passages holding this share of the question's weight
# the word after "which" or "what" names the kind of thing asked for ("which carrier": the
# answer names one), which the passage need not say (`Searcher._hold_enough`)
_ASKED_KIND = re.compile(r"\b(?:which|what)\s+([^\W\d_][\w'\u2019-]*)", re.IGNORECASE)
# A round-up page, a column that lists the day's subjects ("Justin Pearson reappointed in TN,
# inflation slows again: 5 things ...", "Daily Briefing: FAA, Biden documents, California
# weather", "5 things to know for Oct. 4: Hurricane Ian, North Korea, ..."): its headline
# holds the column's name (`_ROUNDUP_FRAME`) and at least ROUNDUP_ITEMS other items, split
# by commas, colons or semicolons (one item is an explainer of one subject: "Bandidos: 5
# things to know about ..."). Its lead lists every item in a line or two; the page's passage
# on one of them comes further down (a podcast's transcript, a briefing's section). Asked
# for the newest on a subject, the lead's bonus had shown the list ("inflation" opened with a
# 5-things page's lead on an expelled lawmaker, "inflation slows again" one of its items;
# "george santos" with one on Trump's civil verdict): for such a question a round-up answers
# with its first passage on the subject that lists no items (`Searcher._roundup_leads`); it
# keeps its rank (CNN's "5 things to know for Oct. 7" opens with a story of its own, the
# Nobel Peace Prize's, before its list).
_ROUNDUP_FRAME = re.compile(
    r"\b(?:\d+|five) things\b|\bdaily briefing\b|\bpodcast\b", re.IGNORECASE
)
_ROUNDUP_SPLIT = re.compile(r"[,;:|]\s*")
ROUNDUP_ITEMS = 2
ROUNDUP_NAMED = 1 / 4  # ... a passage names an item holding this share of its words' weight
_ROUNDUP_WORDS = "things briefing podcast"  # a word of each frame, read from the headline index
# halving this many times as slowly (every 28 days, not 14). It was 6 (84 days): on a running
# story a better-worded one of three months before still came first ("the latest on the
# ukraine war" asked on 1 June 2022 opened with a 24 February explainer)
NEWEST_SLOWER = 2.0
# ... and a story of the subject's last half year (counted back from its newest story) gets
# this share of a fresh story's prior more, fading to none over the half year before
# (`Searcher._this_season`): at 2 (28 days), stories of two to four months before kept a
# quarter to a sixteenth of the prior, and a bare subject's places 2 and 3 went back to its
# better-worded stories of years before. Not for a "who won" question, whose newest result
# is the answer and a story of the season before is no likelier one than one of years ago
# (the lift put a Jets game over the last year's US Open for "who won the us open")
SEASON_LIFT = 0.35
# ... and asked in words how a running story stands ("any update on ...", "is ... still"),
# the subject's own stories (headlines naming it) of the days before its newest get this
# share of a fresh story's prior more, halving every LATEST_HALVING days, while that newest is
# at most STALE_NEWS_DAYS old (`Searcher._latest_days`): at 28 days' halving, a story twelve
# days old kept nearly all its bonus, and "any update on Nancy Guthrie" opened with the
# first day's "reported missing" (its headline naming her in full) over the day before's
LATEST_LIFT = 0.5
# ... halving every this many days before the newest. It was DAY_REPORTS (3, the days in
# which a day named is reported): a day-old story kept 0.8 of the lift, 0.1 of a fresh
# story's prior less than the newest's, which a better-worded headline of the same story
# outweighs ("yellowstone" the day after the story that parts of the park may reopen opened
# with its closing, two days before). A running story's news is superseded by the next
# day's, so a day-old story keeps half (thirty-eighth session)
LATEST_HALVING = 1.0
SEASON_DAYS = 183
SEASON_FADE = 365
# the days between a subject's stories after which a mention of it no longer carries its run
# on (`Searcher._run_ends`): a story's prior has halved 1.5 times by then (at 28 days, the
# Hollywood writers strike's run ended in May and an actors' strike story of July that told
# of it lost the prior; between 6 and 8 weeks, the same answers)
RUN_GAP = 42
RUN_SHARE = 0.1
# "how many people ...?": the thing counted, answered by a passage that counts it ("34
# people", "thousands of people", "two of the people")
_HOW_MANY = re.compile(
    r"\bhow many\s+(?:(?:more|of|the|new|total|different|other)\s+)*"
    r"((?:(?!(?:did|do|does|are|were|is|was|have|has|had|will|would|can|could|in|of|on|at|"
    r"for|from|to|by|with|that|who|which|were)\b)[^\W\d_][\w'\u2019-]*\s*){1,3})",
    re.IGNORECASE,
)
# what ends just before the thing counted: a number, perhaps "million", up to two words
# ("34 people", "2,000 homes", "thousands of people", "about 800 US troops"); not a year, a
# date, a time or a name's number ("in 2020 people", "March 3 people", "10 am people",
# "Covid-19 people": `_is_count` checks what the pattern cannot)
_COUNT_BEFORE = re.compile(
    r"(?<![\w.,-])(?P<number>\d[\d,.]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|dozens?|hundreds|thousands|millions|billions)\b)"
    r"(?:\s*(?:million|billion|thousand|hundred|m|bn|k)\b)?(?P<words>(?:\s+[\w'\u2019.-]+){0,2})"
    r"\s+$"
)
_NOT_COUNTED = frozenset(["am", "pm", "a.m.", "p.m.", "o'clock", "percent", "per"])
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_WORD_AT = re.compile(r"[\w'\u2019-]+")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for one page of a ranking, and whether more follow.

    `note` is something to tell the user beside the hits; `error` says why the question could
    not be searched as written (a malformed operator, an unknown source), and comes with no
    hits; `example_source`, with an error, is a source: filter of this library to show in
    the filters' hint (`example_source`), or None when it has no source to show.
    """

    hits: tuple[Hit, ...]
    has_more: bool = False
    note: str | None = None
    error: str | None = None
    example_source: str | None = None


_CJK_CHAR = re.compile(f"[{CJK}]")  # a character of a script written without spaces


class Searcher:
    """Ranks a Library's passages for questions."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.config = library.config
        cfg = library.config
        self._words = Analyzer(  # phrases
            cfg.language, stem=False, remove_stopwords=False, keep_contractions=True
        )
        # the elided articles a phrase's word may be joined to in text ("médaille d'or")
        self._elided = "|".join(sorted(self._words.elisions, key=len, reverse=True))
        self._headlines: dict[int, frozenset[str]] = {}  # article number -> headline terms
        self._link_filler: frozenset[str] | None = None  # _LINK_FILLER's terms (_by_link)
        self._sources_by_word: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._source_keys_of: tuple[int, int] | None = None  # the names they were read of
        self._source_marks: frozenset[str] = frozenset()  # `_source_keys`: a word of each
        english = cfg.language in ("english", "porter")
        self._news_request = (
            frozenset(library.analyzer.terms(_NEWS_REQUEST)) if english else frozenset()
        )
        self._news_words = (
            frozenset(library.analyzer.terms(_NEWS_WORDS)) if english else frozenset()
        )
        self._new_when = frozenset(library.analyzer.terms(_NEW_WHEN)) if english else frozenset()
        # "vs", "versus", "v": one term, which joins two sides and names neither (a note
        # that named it as the word no article holds had blamed a word the bot reads)
        self._versus = frozenset(library.analyzer.terms("v vs versus"))
        self._break = next(iter(library.analyzer.terms("breaking")), "") if english else ""
        self._roundup_words = (
            frozenset(library.analyzer.terms(_ROUNDUP_WORDS)) if english else frozenset()
        )
        self._winning = frozenset(library.analyzer.terms(_WINNING_WORDS))  # `_event_terms`
        self._division = frozenset(library.analyzer.terms(_DIVISION_WORDS))
        self._got = frozenset(library.analyzer.terms(_GOT_WORDS))
        self._results_word = frozenset(library.analyzer.terms("results"))
        self._new_word = frozenset(library.analyzer.terms(_NEW_WORD))
        self._english = english
        # an amount's suffix -> the term of its word ("bn" -> billion), and back
        words = {
            suffix: terms[0]
            for suffix, word in _MAGNITUDE_SUFFIXES.items()
            if english and (terms := library.analyzer.terms(word))
        }
        self._magnitudes = words
        # shorthand people type for names of several words: searched as those words too
        self._abbreviated = {
            term: tuple(library.analyzer.terms(words))
            for short, words in (_SHORTHAND.items() if english else ())
            for term in library.analyzer.terms(short)
        }
        # a word's term -> its family's other forms' terms (`_FAMILIES`, `_family_forms`)
        self._families: dict[str, tuple[str, ...]] = {}
        for word, others in _FAMILIES.items() if english else ():
            own = library.analyzer.terms(word)
            if len(own) == 1:
                forms = (t for other in others for t in library.analyzer.terms(other))
                theirs = tuple(dict.fromkeys(t for t in forms if t != own[0]))
                self._families[own[0]] = (*self._families.get(own[0], ()), *theirs)
        self._suffixes: dict[str, tuple[str, ...]] = {}
        for suffix, term in words.items():
            if len(suffix) > 1:  # "44 billion" is not looked for as "44b" (a form's number)
                self._suffixes[term] = (*self._suffixes.get(term, ()), suffix)
        self._twins: dict[str, list[str]] | None = None  # see _accented
        self._links: dict[str, list[int]] | None = None  # see _linked
        self._first_letters: tuple[int, dict[str, list[str]]] = (-1, {})  # _two_edits_off
        # the terms the words of `_DIALECT_WORDS` start with: a question holding none is not
        # matched against its pattern (11 us a question; a set test is 0.3)
        self._dialect_terms = frozenset(
            terms[0]
            for word in (_DIALECT_WORDS if english else ())
            if (terms := library.analyzer.terms(word))
        )

    def _accented(self, term: str) -> list[str]:
        """The indexed terms that are `term` with accents ("medaill": "médaill"), in a language
        whose terms keep them, in the articles' text or their headlines and standfirsts
        ("economies" typed: a headline's "d'économies"); the table is made on the first
        question that needs it."""
        if self._twins is None:
            twins: dict[str, list[str]] = {}
            lib = self.library
            for known in dict.fromkeys([*lib.body.vocab, *lib.head.vocab]):
                if not known.isascii() and (bare := without_accents(known)) != known:
                    twins.setdefault(bare, []).append(known)
            self._twins = twins
        return self._twins.get(term, [])

    def warm(self, *, spelling: bool = False, question: str | None = None) -> None:
        """Pay now what the first question would: the kernel's lazy tables, the analyzers'
        first use, the first article read (one search for a word the library holds, or for
        `question`, the one question a one-shot asks: what it loads on first need, the
        dictionary for a word few articles use (0.1 s), is then loaded before its clock
        starts, and nothing it does not need); with `spelling`, for a stream of questions,
        not for one, the dictionary the first question with a typo loads (0.15 s), the
        table the first pasted link builds (0.3 s on 8,640 articles) and the place names'
        patterns of the first "where" (0.3 s)."""
        vocab = self.library.body.vocab
        if question is not None:
            self.search(question, 1, more=False)
        elif vocab:
            self.search(next(iter(vocab)), 1)
        if spelling:
            self._linked(())
        if spelling and self._english and self.config.pick_place:
            warm_places()
        if spelling and self.config.spelling:
            _dictionary(self.config.language)
        if spelling and self._english:  # a question in another language's (0.3 s)
            for language in OTHER_LANGUAGES:
                stopwords_for(language)

    def search(
        self,
        question: str,
        k: int = 3,
        *,
        offset: int = 0,
        as_of: date | None = None,
        only: Collection[int] | None = None,
        min_relevance: float | None = None,
        more: bool = True,
    ) -> SearchResult:
        """The hits ranked offset..offset+k for `question` (one per article, best first).

        Operators in the question filter the ranking; `as_of` (default: today) is the day
        relative dates (since:7d) and the recency prior count from. `only` keeps the
        articles with these numbers (alerts: the new ones); `min_relevance` overrides the
        configured threshold. Removed (pruned or replaced) articles never answer. When no
        article holds a quoted phrase as written, its words are searched as words, with a note
        (not for `only`: an alert's follow stays exact). With `more` False the search does not
        look for a hit beyond the page (`has_more` is False): a caller that offers no next
        page saves the work of one more passage (the JSON answers).
        """
        notes: list[str] = []
        if as_of is not None:  # the date arithmetic of "last week", "since:30d" stays in range
            as_of = min(max(as_of, EARLIEST_AS_OF), LATEST_AS_OF)
        # operators are read in the whole question (up to a bound); the cut to MAX_QUERY_CHARS
        # is the ranked text's: a filter at the end of a long question must not be lost, nor
        # cut into a value the user never typed ("source:reute")
        text = question[:MAX_QUESTION_CHARS]
        # NFC, as article text is: a question typed with combining accents (macOS) is the same
        clean = unicodedata.normalize("NFC", drop_invisible(without_terminal_codes(text)))
        if "<a" in clean.lower():  # a link pasted from a page: its words, then its address
            clean = _LINK_TAG.sub(_link_tag_words, clean)
        query = parse_query(clean, as_of or date.today())
        if query.errors:
            return self._error("\n".join(query.errors))
        if query.loose_sources:
            query = self._named_sources(query)
        if max(map(len, (query.sources, query.phrases, query.excluded))) > MAX_FILTERS:
            query = replace(  # a pasted text's quotes and dashes
                query,
                sources=query.sources[:MAX_FILTERS],
                phrases=query.phrases[:MAX_FILTERS],
                excluded=query.excluded[:MAX_FILTERS],
            )
            notes.append(f"Only the first {MAX_FILTERS} filters of each kind were used.")
        if query.phrases and any(_URL.fullmatch(_unwrapped_link(p)) for p in query.phrases):
            # a link in quotes is a link: as a phrase no article's text holds it
            links = [p for p in query.phrases if _URL.fullmatch(_unwrapped_link(p))]
            kept = tuple(p for p in query.phrases if p not in links)
            query = replace(query, phrases=kept, text=" ".join([query.text, *links]))
        if only is None and not query.phrases and _may_link(query.text) and _URL.search(query.text):
            linked = self._by_link(query, question, k, offset, as_of, notes, more)
            if linked is not None:
                return linked
        exact = _Checks()
        found = self._ranked(
            query, text, question, k, offset, as_of, only, min_relevance, notes, exact, more
        )
        if found.hits or not query.phrases or only is not None or found.error:
            return found
        # no article holds the words in quotes as written (a whole question pasted in quotes,
        # a phrase misremembered): search engines then search the words, and say so

        def rank(parsed: ParsedQuery, k: int, offset: int, unquoted: bool = False) -> SearchResult:
            checks = _Checks()
            return self._ranked(
                parsed, text, question, k, offset, as_of, only, min_relevance, [], checks, more,
                unquoted,
            )  # fmt: skip

        if offset and rank(query, 1, 0).hits:
            return found  # a later page of an exact search, past its end
        first = offset == 0  # the note goes with the first page, as the others do
        bare = replace(query, sources=(), since=None, before=None, excluded=())
        if bare != query and rank(bare, 1, 0).hits:
            return found  # articles hold the phrases; the other filters leave none of them
        one = len(query.phrases) == 1
        loose, some = (
            (rank(replace(query, phrases=(), unquoted=None), k, offset, unquoted=True), False)
            if one
            else self._some_phrases(query, k, offset, rank)
        )
        if not loose.hits:
            return found
        none = "none held it" if one else "none held them all"
        held = (
            f"{_checked_only(exact.gave_up, query.phrases)}, and {none}"
            if exact.gave_up
            else f"No matching article holds {'' if one else 'all of '}"
            f"{_quoted(query.phrases)} as written"
        )
        if some:
            these = "those holding one of them come first, then those matching their words."
        else:
            these = f"these match {'its' if one else 'their'} words."
        note = f"{held}; {these}" if first else ""
        return replace(loose, note=" ".join(filter(None, (note, *notes, loose.note))) or None)

    def _some_phrases(
        self,
        query: ParsedQuery,
        k: int,
        offset: int,
        rank: Callable[[ParsedQuery, int, int, bool], SearchResult],
    ) -> tuple[SearchResult, bool]:
        """The page at `offset` of a search for several quoted phrases no article holds all
        of: the articles holding one of them first (each phrase searched alone, the others'
        words as words; the same terms, so their scores compare), then the rest as words.
        Searched only as words, an article holding one phrase had fallen out of the top 9
        ("Ad sales boost" "Golden rule boost"). Whether any article holds one."""
        wanted = offset + k
        holding: dict[str, Hit] = {}
        for phrase in query.phrases[:MAX_PARTIAL_PHRASES]:
            for hit in rank(replace(query, phrases=(phrase,)), wanted, 0, True).hits:
                known = holding.get(hit.article.id)
                if known is None or hit.score > known.score:
                    holding[hit.article.id] = hit
        rest = rank(replace(query, phrases=(), unquoted=None), wanted + len(holding), 0, True)
        if not holding:
            return replace(rest, hits=rest.hits[offset:]), False
        first = sorted(holding.values(), key=lambda hit: -hit.score)
        merged = [*first, *(hit for hit in rest.hits if hit.article.id not in holding)]
        more = len(merged) > wanted or rest.has_more
        return replace(rest, hits=tuple(merged[offset:wanted]), has_more=more), True

    def _error(self, error: str) -> SearchResult:
        """The result of a question that could not be searched as written, with an example
        of a source: filter from this library's own sources."""
        names = (name for name, _ in self.library.store.source_counts())
        return SearchResult((), error=error, example_source=example_source(names))

    def _by_link(
        self,
        query: ParsedQuery,
        question: str,
        k: int,
        offset: int,
        as_of: date | None,
        notes: list[str],
        more: bool,
    ) -> SearchResult | None:
        """The answer to a question that holds a link (a story's address pasted, alone or in
        "what is this about <link>"): the linked article, its passage best for the other
        words (else its lead); a link no article has, when nothing else is asked, searched
        as the words in its address ("/aryna-sabalenka-us-open-win"). None: the usual search
        (a link no article has, with words of a question around it). A link had been
        dropped as no words, and found nothing, even an indexed story's own."""
        links = [_unwrapped_link(link) for link in _URL.findall(query.text)]
        rest = " ".join(_URL.sub(" ", query.text).split())
        analyzer = self.library.analyzer
        # words that only hand the link over ("read this", "is it true?", "thanks") ask
        # nothing of their own: searched, "read" had found a bill's second reading
        if self._link_filler is None:  # analysed at the first link asked
            filler = analyzer.terms(_LINK_FILLER) if self._english else []
            self._link_filler = frozenset(filler)
        asks = bool(set(analyzer.terms(rest)) - self._link_filler)
        numbers = self._linked(links)
        if numbers:
            found = None
            if asks:  # its passage best for the other words
                found = self._ranked(
                    replace(query, text=rest), rest, rest, k, offset, as_of,
                    numbers, 0.0, notes, _Checks(), more,
                )  # fmt: skip
            if found is None or not found.hits:  # its lead ("summarize this <link>")
                store = self.library.store
                hits = tuple(
                    Hit(store.get(n), self._lead_at(n), 0.0, number=n)
                    for n in numbers[offset : offset + k]
                )
                found = _result(hits, len(numbers) > offset + k, list(notes))
            if offset or not found.hits:
                return found
            if len(numbers) == 1:
                note = "Your link is to this article here."
            else:  # a page that lists stories, given as each one's link, is all of theirs
                note = (
                    f"Your {'link is' if len(links) == 1 else 'links are'} to these articles here."
                )
            return replace(found, note=" ".join(filter(None, (note, found.note))))
        unheld = _result((), False, [*notes, f"{UNHELD_LINK}."])
        if asks:  # the other words, said to be not of the link's story
            found = self._ranked(
                replace(query, text=rest), rest, rest, k, offset, as_of,
                None, None, list(notes), _Checks(), more,
            )  # fmt: skip
            if not found.hits:
                return None  # the usual search (a link inside a tag, <a href="...">gas</a>)
            if offset:
                return found
            # "<link> flood" had shown flood stories with no word that the link's is not one
            note = f"{UNHELD_LINK}; these match your other words."
            return replace(found, note=" ".join(filter(None, (note, found.note))))
        words = " ".join(_link_words(link) for link in links)
        if not analyzer.terms(words):
            return unheld if not offset else None
        found = self._ranked(
            replace(query, text=words), words, words, k, offset, as_of,
            None, None, list(notes), _Checks(), more,
        )  # fmt: skip
        if offset:
            return found
        if not found.hits:
            return unheld
        # what the search said of the address's words ("searched for “Intel” instead" of a
        # slug's "intl", "No article mentions “spt”") is said of no words the user typed
        note = f"{UNHELD_LINK}; these match the words in its address."
        return replace(found, note=" ".join([note, *notes]))

    def _linked(self, links: Sequence[str]) -> list[int]:
        """The numbers of the (live) articles at these links, by their URL's key: "http"
        or "https", "www." or not, tracking parameters, an AMP copy all find the story; a
        link other stories share too (a listing page's, given as each one's) finds them all.
        The table of the library's links is made on the first link asked."""
        if self._links is None:
            removed = self.library.store.removed.tolist()
            self._links = {}
            for number, url in enumerate(self.library.store.urls()):
                if url and not removed[number] and (key := story_url_key(url)) is not None:
                    self._links.setdefault(key, []).append(number)
        numbers: list[int] = []
        for link in links:
            key = story_url_key(link if "://" in link else "https://" + link)
            for number in self._links.get(key, []) if key else []:
                if number not in numbers:
                    numbers.append(number)
        return numbers

    def _ranked(
        self,
        query: ParsedQuery,
        text: str,
        question: str,
        k: int,
        offset: int,
        as_of: date | None,
        only: Collection[int] | None,
        min_relevance: float | None,
        notes: list[str],
        checks: _Checks,
        more: bool = True,
        unquoted: bool = False,
    ) -> SearchResult:
        """`search`'s ranking of a parsed question (`text`: the question as read, `question`:
        as given; `notes`: what parsing has to say so far; `checks` learns whether the phrase
        tests stopped early; `unquoted`: a quoted phrase no article holds, searched as words,
        whose note says already that these match its words)."""
        lib, cfg = self.library, self.config
        notes = list(notes)
        allowed: npt.NDArray[np.bool_] | None = None
        if query.sources or query.excluded or query.since or query.before:
            allowed, error = self._allowed_articles(query, notes)
            if error is not None:
                return self._error(error)
        allowed = self._restricted(allowed, only)
        unlinked = _unlinked(query.text)
        tags: dict[str, tuple[str, ...]] = {}  # a hashtag kept whole -> its words' terms
        if "#" in unlinked:  # "#SuperBowl winner": the words of a hashtag
            unlinked = _HASHTAG.sub(lambda found: self._hashtag(found, tags), unlinked)
        if " and " in unlinked.lower():  # "M and S" as "M&S", when articles name it so
            unlinked = _SPELLED_AMPERSAND.sub(self._ampersand_name, unlinked)
        if self._english and "man" in unlinked.lower():  # "man utd": Manchester United
            unlinked = _MANCHESTER_CLUB.sub(lambda m: f"Manchester {m[1]}", unlinked)
        ranked = unlinked[:MAX_QUERY_CHARS]
        suffix = _OUTLET_SUFFIX.fullmatch(ranked)
        if suffix and names_source(lib.store.source_names, suffix[2]):
            ranked = suffix[1]  # a headline pasted with its outlet's name: " - USA TODAY"
        outlet = None
        if self._english and not query.sources and not query.phrases:
            # "what did cnn say about the midterms": CNN's stories first, "cnn" no subject
            outlet = self._outlet_asked(ranked)
            if outlet is not None:
                ranked = outlet.rest
        if _shouted(ranked):  # WHO WON THE ELECTION: "WHO" and "THE" would be acronyms
            ranked = ranked.lower()
        if self._english:  # "omg did u hear abt ... rn": no words of the subject
            ranked = _without_shorthand(ranked, self._hyphened_letter)
        if self._news_request and not query.phrases:  # English; a quoted title is no request
            ranked = _unwrapped(ranked)
        asked = lib.analyzer.question(ranked)  # "us troops" read as "US troops"
        terms = typed_terms = self._unknown_script_runs(asked, lib.analyzer.terms(asked))
        newest = bare = outcome = False
        whether: str | None = None  # an outcome asked without "who won" (`_outcome_form`)
        if self._news_request:  # English
            terms = self._without_asking_words(asked, terms)
            # read before the wrapper goes: "what's the latest on ..." asks for the newest
            terms, newest = self._without_newest_words(unlinked[:MAX_QUERY_CHARS], terms)
        if len(terms) > cfg.max_query_terms:
            terms = terms[: cfg.max_query_terms]
            words = "word was" if len(terms) == 1 else f"{len(terms)} words were"
            notes.append(f"Your question was long, so only its first {words} used.")
        elif len(text) < len(question):
            notes.append(
                f"Your question was long, so only its first {MAX_QUESTION_CHARS:,} characters "
                "were read."
            )
        elif len(unlinked) > MAX_QUERY_CHARS:
            notes.append(
                f"Your question was long, so only its first {MAX_QUERY_CHARS:,} characters "
                "were used."
            )
        if lib.n_paragraphs == 0 or k <= 0:
            return _result((), False, notes)
        if not terms:
            if query.has_filters:
                return self._newest(
                    query, allowed, k, offset, notes, checks, as_of=as_of, more=more
                )
            return _result((), False, notes)
        # a quoted phrase is words to find, not a time ('"last week" warehouse fire')
        timed = ranked if query.unquoted is None else _unlinked(query.unquoted)
        named = list(_periods(timed))  # its years and months
        period = _asked_period(timed, as_of or date.today(), english=self._english, found=named)
        # a news request lists a month or year still under way too ("what happened in May
        # 2024", asked on 1 June): the weeks of its reports matter to ranking, not to a list
        listed = period or _asked_period(
            timed, as_of or date.today(), english=self._english, found=named, ongoing=True
        )
        period_words = set(lib.analyzer.terms(listed.words)) if listed is not None else set()
        # "what happened on 5 May 2024": that day, asked the day after as weeks later
        on_day = _named_day(timed, named, as_of or date.today()) if self._english else None
        if on_day is not None:
            period_words |= set(lib.analyzer.terms(on_day[1]))
            if on_day[0] is None:  # "31 February 2024", "3/4/2024": said
                notes.append(on_day[2] or f"No calendar has the day “{on_day[1]}”.")
        if self._english and (written := _days_in_digits(timed)):
            # a day in digits is no search word, read or not (one that may be either day,
            # one no calendar has, one after the day asked): "No article mentions “04/03”"
            digits = set(lib.analyzer.terms(" ".join(written)))
            terms = [term for term in terms if term not in digits] or terms
        if self._english and not newest and listed is None and on_day is None:
            if (
                len(set(terms) - self._division) <= OUTCOME_TERMS
                and _ASKS_OUTCOME.search(ranked)
                and not _NAMES_AN_EDITION.search(ranked)
            ):
                newest = outcome = True
            elif len(set(terms)) <= OUTCOME_TERMS and (whether := _outcome_form(ranked)):
                newest = outcome = True  # "did tom brady retire", "stanley cup winner"
            elif len(set(terms)) <= BARE_TERMS and not _phrased_as_question(asked, english=True):
                newest = bare = True  # a bare subject: its newest stories
        rest = [t for t in terms if t not in period_words]
        # "news from March 2024": its word for news already taken as asking for the newest,
        # the period's words are all that is left
        period_news = newest and (listed is not None or on_day is not None) and not rest
        if (
            only is None
            and not query.phrases
            and (period_news or self._asks_for_news(ranked, rest or terms))
        ):
            day = as_of or date.today()
            # "what happened yesterday", "what happened in June 2025": those days' stories
            # a day named beats its weekday ("on Sunday, May 5, 2024": that Sunday)
            window = (
                (on_day and on_day[0])
                or _news_window(ranked, day)
                or (listed and (listed.start, listed.until))
            )
            # a day or a period named in words, of a library no story of which has a date:
            # its words are searched ("26 december" finds the stories that say it)
            named_as = (
                _period_named(on_day, listed)
                if _news_window(ranked, day) is None and not self._any_dated()
                else None
            )
            if named_as is not None and query.since is None and query.before is None:
                no_dates = "No story here has a date; these"
                if " " in named_as:  # "26 december" as written: its words apart found "26%"
                    # ... or as American news writes it ("February 14"). Neither held: none
                    # shown, where the words apart had listed "14 June" and a "14-year-old"
                    # for "news on 14 february" ("these match the words")
                    for in_order in _day_orders(named_as):
                        said = self._ranked(
                            replace(query, text=in_order, phrases=(in_order,), unquoted=""),
                            text, question, k, offset, as_of, only, min_relevance,
                            [*notes, f"{no_dates} mention “{in_order}”."], checks, more,
                        )  # fmt: skip
                        if said.hits or said.error:
                            return said
                    missed = f"No story here has a date, and none mentions “{named_as}”."
                    return SearchResult((), note=" ".join([*notes, missed]))
                notes.append(f"{no_dates} mention “{named_as}”.")  # one word: each hit holds it
                terms = [term for term in terms if term not in self._news_request] or terms
            else:
                if window is not None and query.since is None and query.before is None:
                    # "what happened yesterday": that day's stories, not the newest (the day
                    # after it, in a day's grace, came first)
                    dated = self._within(window, allowed)
                    if dated.any():
                        return self._newest(
                            query, dated, k, offset, notes, checks, as_of=as_of,
                            for_news=True, more=more, window=window,
                        )  # fmt: skip
                    notes.append(f"No story here is dated {_window_words(window, day)}.")
                return self._newest(
                    query, allowed, k, offset, notes, checks, as_of=as_of, for_news=True,
                    more=more,
                )  # fmt: skip
        # no spelling corrections in a question of another language ("qué pasa en méxico"
        # had said both that "pasa" was searched as "PASO" and that it is Spanish)
        read_as = self._language_note(asked, typed_terms)
        other_language = read_as.note if read_as is not None else None
        functions: list[str] = []  # not searched
        floor_only: list[str] = []  # ... but still counted in the relevance floor
        if read_as is not None:
            # that language's function words name no subject: "el" of "el precio del
            # petróleo" had found Hicham El Guerrouj, "o" of "o que aconteceu com a yukos"
            # Jason O-Grady, "de" and "la" of "noticias de la elección de blair" De Niro
            subject = [term for term in terms if term not in read_as.function_terms]
            if subject and len(subject) < len(terms):
                functions = [term for term in terms if term in read_as.function_terms]
                terms = subject
                if self._may_be_its_words(asked, subject, read_as.languages):
                    # every word left that articles use may be that language's too ("coupe"
                    # and "monde" of "qui a gagné la coupe du monde"): the function words
                    # still count in the relevance floor, or such a question, which found
                    # nothing, would find a GM coupe
                    floor_only = functions
        spelled = cfg.spelling and not other_language
        fixed = self._spelling(asked, terms) if spelled else {}
        if fixed:  # a split word ("srilanka") is two terms
            terms = [part for term in terms for part in fixed.get(term, term).split()]
        searched = set(terms)  # its words as searched, before other forms join them
        slips = self._likely_slips(asked, terms) if spelled and self._english else {}
        off_topic = self._off_topic(terms, slips)
        if slips:
            terms = [term for term in terms if term not in off_topic]
            terms = terms + [term for term in dict.fromkeys(slips.values()) if term not in terms]
        alternates: dict[str, tuple[str, ...]] = {}  # terms searched for another word's
        family: dict[str, tuple[str, ...]] = {}  # ... of them, a form of a word's family
        if self._english:
            typed_before = set(terms)
            terms = _without_percent_words(asked, terms)
            terms = self._amounts_both_ways(terms, asked)
            terms = self._joined(asked, terms)
            terms, alternates = self._also_written(asked, terms)
            if not self._families.keys().isdisjoint(terms):
                terms, family = self._family_forms(asked, terms)
                alternates.update(family)
            terms, nouns = self._phrasal_nouns(asked, terms)
            alternates.update(nouns)
            terms = self._whole_or_stemmed(asked, terms)
            if not self._abbreviated.keys().isdisjoint(terms):
                terms = self._shorthand_spelled(terms)
            if functions and read_as is not None:
                # nor as the English steps join them ("com o" of Portuguese as "como")
                terms = [
                    term
                    for term in terms
                    if term in typed_before or not read_as.function_word(term)
                ] or terms
        for tag, parts in tags.items():  # a hashtag the news names, and its words as it
            if tag in terms:
                added_parts = [part for part in parts if part not in terms]
                terms = terms + added_parts
                alternates.update(dict.fromkeys(added_parts, (tag,)))
        # a period still reported on ("earthquake in april 2024" asked on 1 May) or one
        # counted back from the day asked ("ukraine last week", "the fire yesterday") is no
        # search words either: "april" and "2024" had found a beef recall's "use by April 22,
        # 2024", and "last week" a story's "for the last 10 weeks"
        day = as_of or date.today()
        # (a month: a year under way names an event as often, "the 2023 Booker Prize", and
        # its words stay)
        recent = listed if period is None and _months_long(listed) else None
        counted_back: Period | None = None
        if recent is None and period is None and on_day is None and self._english:
            recent = counted_back = _counted_back(timed, day)
            if recent is not None:
                # a weekday stays a word too: news says what happened "on Monday", and the
                # day's window may hold none of the subject ("who died on monday" had
                # opened with stories of other days)
                if not _NAMES_WEEKDAY.search(recent.words):
                    period_words |= set(lib.analyzer.terms(recent.words))
                # the days asked about, not the newest ("ukraine news a year ago" had listed
                # last week's, "trump trial yesterday" a week-old recap: the newest's
                # stronger prior swamped the day's lift)
                newest = False
        asked_about = period or recent
        covered = asked_about is not None and self._covers(asked_about, day)
        if covered:
            # the articles' dates tell the period: its words are no search words ("2023" in
            # a draft lottery's headline beat the story of the final asked about)
            terms = [term for term in terms if term not in period_words] or terms
        # a past month or year a short search names with its year ("inflation march 2023"),
        # which the library covers: the answer says so when no story shown is of it. Not a
        # day (a story reports it in the days after), nor a month without its year nor a
        # longer question's time ("slashing flights during November", "a ban on January
        # 19", "the worst air quality last year": a time to come, or the time of what a
        # later story reports)
        named_past = (
            asked_about
            if asked_about is not None
            and asked_about is not counted_back
            and not asked_about.days
            and covered
            and asked_about.until <= day
            and len(set(terms)) <= SHORT_TERMS
            and _YEAR_WRITTEN.search(asked_about.words) is not None
            else None
        )
        if recent is not None and (recent is counted_back or recent.until <= day):
            # over, its news still reported: its stories are the day's news ("last week"'s
            # too); one under way ("in 2024" asked in May) keeps the recency prior alone,
            # which its newest news needs. Days counted back are the news asked for though
            # they reach the day asked ("the phillies last night": yesterday and today, whose
            # stories had had no lift, and a preview of four days before had come first)
            period = recent
            covered = False  # a headline repeated need not be of it
        weights = self._family_weights(lib.body, terms, family)
        head_weights = self._family_weights(lib.head, terms, family)
        # a family's other forms raise no floor and no scale (`_FAMILIES`): an article saying
        # the word as typed is as relevant as before
        typed_words = [term for term in terms if term not in family] if family else terms
        base, head_base = weights, head_weights
        if family:
            base = self._without_forms(lib.body, weights, family)
            head_base = self._without_forms(lib.head, head_weights, family)
        heads = lib.head.score_weights(head_weights)
        if not weights and not len(heads[0]):
            # no article uses a word of it: that, not the filters, is why nothing was found
            if not offset and (foreign := self._foreign_note(asked, terms) or other_language):
                notes.insert(0, foreign)
            elif not offset and (
                missing := self._missing_words(asked, terms, names=True)
                or self._hyphened_missing(asked)
            ):
                notes.insert(0, f"No article mentions {missing}.")  # "Elon" or "Musk"
            return _result((), False, notes)
        ideal = self._ideal(lib.body, typed_words, base)  # the scale of the priors and cues
        threshold = cfg.min_relevance if min_relevance is None else min_relevance
        knows = self._knows(heads[1], head_base, threshold)
        # a year or month no article's text says is told by the articles' dates: no word
        # that makes the question gibberish to the library ("NBA finals June 2023")
        when = set(lib.analyzer.terms(" ".join(m.group() for m in named)))
        needed = [term for term in typed_words if term not in when or not self._unused(term)]
        floor = threshold * self._ideal(lib.body, needed, base, knows)
        if floor_only:
            floor += threshold * self._ideal(
                lib.body, floor_only, lib.body.weights(floor_only), knows
            )
        # Articles whose headline and standfirst alone match the question that well are
        # relevant as a whole, though their paragraphs may not use the question's words.
        head_floor = threshold * self._ideal(lib.head, needed, head_base, knows)
        if floor_only:
            head_floor += threshold * self._ideal(
                lib.head, floor_only, lib.head.weights(floor_only), knows
            )
        titled = heads[0][heads[1] >= head_floor]
        # the whole-article index's candidates are the articles with a paragraph that matched
        empty = np.zeros(0, np.int32), np.zeros(0)
        wholes = (
            lib.whole.score_weights(self._family_weights(lib.whole, terms, family))
            if cfg.article_weight or len(titled)
            else empty
        )
        article_scores = self._article_scores(heads, wholes)
        if cfg.headline_match:
            head_ideal = self._ideal(lib.head, typed_words, head_base)
            repeated, shares = self._headlines_repeated(typed_words, heads, head_ideal)
            # a headline from after the day asked is not one the asker read (asked as of the
            # day after a game, "who won the Super Bowl?" repeats a later round-up's headline)
            known = self._by(repeated, as_of, cfg.recency_grace_days)
            if period is not None and covered:  # nor one of another year than the one asked
                known &= self._in_period(repeated, period)
            repeated, shares = repeated[known], shares[known]
            if len(repeated):
                if article_scores is None:
                    article_scores = np.zeros(lib.n_articles)
                article_scores[repeated] += cfg.headline_match * ideal * shares
        sections: tuple[IntArray, FloatArray] | None = None
        if cfg.section_weight:
            sec_cand, sec_scores = lib.section.score_weights(
                self._family_weights(lib.section, terms, family)
            )
            if len(sec_cand):
                order = np.argsort(sec_cand)
                sections = sec_cand[order], sec_scores[order] * cfg.section_weight
        # Each paragraph's score plus its article's evidence, for the paragraphs within the
        # best section score of the floor (no others can pass it, and a long question's
        # candidates are mostly far below it): the steps below see only those. The margin
        # covers rounding.
        reach = floor - (float(sections[1].max()) if sections is not None else 0.0)
        cand, text_scores = lib.body.score_weights(
            weights,
            groups=lib.para_article,
            extra=article_scores if article_scores is not None else np.zeros(lib.n_articles),
            at_least=reach - 1e-9 * (abs(reach) + abs(floor)),
        )
        owners = lib.para_article[cand]
        n_matched = len(cand)
        if len(titled):
            # no paragraph of theirs shares a word: the lead answers, its headline and
            # standfirst standing in for its own text
            leads, numbers = self._leads(titled, wholes[0])
            cand = np.concatenate([cand, leads])
            owners = np.concatenate([owners, numbers])
            stand_in = _sparse_lookup(*_sorted_by_id(heads), numbers)
            if article_scores is not None:
                stand_in = stand_in + article_scores[numbers]
            text_scores = np.concatenate([text_scores, stand_in])
        if sections is not None:
            text_scores = text_scores + _sparse_lookup(*sections, cand)
        keep = text_scores >= floor
        keep[n_matched:] = True  # their headlines passed head_floor
        # a short question's hits hold its heavy words; not one read as another language,
        # whose other words no English article uses ("aconteceu" of "o que aconteceu com a
        # yukos"), its note saying the hits match only some of them
        if threshold > 0.0 and other_language is None:
            self._hold_enough(keep, cand, owners, needed, searched, query.phrases, asked)
        # whether any passage answers without the filters: if none, they are not why
        # nothing is found ("source:bbc harry styles" had been told the filter was too narrow)
        relevant = bool(keep.any())
        if allowed is not None:
            keep &= allowed[owners]
        scope = self._phrase_scope(query.phrases) if query.phrases else None
        if scope is not None:
            keep &= scope.articles[owners]  # the rest cannot hold the phrases
        cand, owners, text_scores = cand[keep], owners[keep], text_scores[keep]
        # the bonus of a story's date, on the scale of a perfect match (`ideal`)
        plain = cfg.recency_weight * ideal
        result_lift: FloatArray | None = None  # a "who won" question's results' lift
        if newest:
            # a question that asks for the newest stories on its subject: for the passages
            # on it (`_on_subject`), a stronger prior, one that still tells last month from
            # last year, counted from the subject's newest story; the others keep the plain
            # one ("latest on the idaho murders" had opened with a snow story of the "Idaho
            # Department of Education")
            held = self._on_subject(cand, terms, family)
            if bare:
                # typed bare, only a story whose headline names the subject: a passing
                # mention of a week ago ("rishi sunak" in a story of the King's illness)
                # had come before the subject's own stories of months back
                held &= self._headed(cand, owners, held, text_scores, terms, asked, as_of, family)
            reported = np.zeros(len(cand), np.bool_)
            if outcome:
                # a story saying there is no result yet gets the plain prior; one whose
                # headline reports the result, on the event (its words but "won"), the
                # stronger one and a lift. The headlines read are those of the stories
                # likeliest to come first, by their words and the stronger prior (by words
                # alone, "2024 Emmy Awards predictions" of the day after a debate went
                # unread and came third for "who won the debate")
                # (a family's other forms are the word's, not words of the event: "nba
                # champs" is the NBA's result, its headline need not say "championship")
                event = self._event_terms(
                    [term for term in terms if term not in family] if whether else terms,
                    whether,
                    ranked,
                )
                about = self._on_subject(cand, event, family)
                if whether:
                    # asked without "who won", a passage on the subject holds the event's
                    # words, not the word asking for the outcome ("new twitter ceo" had
                    # opened with a round-up's passage on a "new" show streamed on Twitter),
                    # or its article's headline does: "Australia election results: Labor
                    # leader Anthony Albanese will be the ..." answers with "Australian
                    # voters have delivered a sharp rebuke ...", and had lost its place to a
                    # campaign story of the week before
                    headed = self._headlines_hold(owners, event, family)
                    about |= headed
                    held &= about
                    # ... and of a story dated up to the day asked: one of the grace days
                    # after it ("NASA has two new dates in mind", three days on) had opened
                    # "did the artemis rocket launch" over the day before's scrubbed launch
                    asked_day = (as_of or date.today()).toordinal()
                    dated = lib.store.published[owners] <= asked_day
                    held &= dated
                likely = text_scores + self._recency(owners, as_of, NEWEST_SLOWER) * (
                    NEWEST_RECENCY * plain
                )
                asked_win = not self._winning.isdisjoint(terms)  # "did the chiefs win"
                # "nba champions": "champion", the word it asks with
                asked_for = [t for t in terms if t not in event and t not in family]
                no_result, reported = self._outcome_headlines(
                    owners,
                    held | about,
                    likely,
                    event,
                    whether,
                    asked_win=asked_win,
                    family=family,
                    outcome_terms=asked_for,
                )
                reported &= about
                if whether:
                    # asked without "who won": whether it came ("did ..."), only a story
                    # whose headline names the event is the newest's, and for a result or a
                    # win only one whose headline reports it: the subject's later stories
                    # that name the event in passing had buried it ("did trump get indicted"
                    # asked in 2025 opened with a 2025 story, "did roe get overturned" with
                    # a court race, "nba champions" with a scoring record's "NBA"); with
                    # none, the question is ranked as written. A post's new holder is the
                    # newest news on the post, which its headlines may name otherwise
                    # ("Rishi Sunak named British prime minister" for "uk")
                    on_event = dated & ~no_result & (about if whether == "new" else headed)
                    held = (
                        on_event & reported if whether == "result" or asked_win else on_event.copy()
                    )
                    held |= reported & dated
                    # ages count from the event's newest story, a result or not: a year-old
                    # result is no answer the day after the next event, whose result story
                    # the library may lack or headline otherwise ("super bowl results" the
                    # day after the 2024 game had opened with 2023's, "did mcilroy win the
                    # masters" the day after the 2026 one with 2025's). Not for who holds a
                    # title ("nba champions" in May: the last final's champions)
                    reigning = whether == "result" and self._results_word.isdisjoint(asked_for)
                    on_event = held if reigning else on_event | held
                else:
                    held = on_event = (held & ~no_result) | reported
            else:
                on_event = held
            latest: npt.NDArray[np.bool_] | None = None  # the stories of its own on it
            if bare or outcome:
                since = self._newest_on(owners, on_event, as_of)
                if bare and not outcome:
                    # a bare subject's own stories (their headlines name it, `_headed`)
                    # get the running story's lift too: typed the day after a development
                    # ("yellowstone", "bankman-fried"), a better-worded story of the days
                    # before had come first, the day's fifth or sixth
                    latest = held
            else:
                # asked in words, a passing mention may be on the subject too; the day ages
                # count from is where its run of stories ends (`_run_ends`)
                headed = self._headed(cand, owners, held, text_scores, terms, asked, as_of, family)
                since = self._run_ends(owners, held, held & headed, as_of)
                latest = held & headed
            fresh = self._recency(owners, as_of, NEWEST_SLOWER, since)
            if not outcome:
                # ... and one of the subject's last season, a lift over its stories of years
                # before (`_this_season`)
                lift = self._this_season(owners, since or as_of or date.today())
                if latest is not None:
                    lift += self._latest_days(owners, latest, as_of)
                fresh = np.where(fresh < 0.0, fresh, fresh + lift)  # none after the day asked
            prior = np.where(
                held, fresh * (NEWEST_RECENCY * plain), self._recency(owners, as_of) * plain
            )
            if reported.any():
                # halving as the plain prior does, counted from the subject's newest story:
                # a result is news of its days, and one of months before is no answer ("who
                # won the lottery" the day after a record Powerball draw had opened with a
                # man who "won the Maryland lottery" three months before)
                lately = self._recency(owners, as_of, since=since)
                if (undated := lib.store.published[owners] == NO_DATE).all():
                    # a library that dates none of them (the BBC's): a result is a result
                    lately = undated.astype(np.float64)
                result_lift = np.where(
                    reported, np.maximum(lately, 0.0) * (RESULT_LIFT * ideal), 0.0
                )
        else:
            prior = self._recency(owners, as_of) * plain
        if period is not None:
            # a story of the period asked about gets the bonus of a story of the day
            lift = self._period_lift(owners, period) * plain
            own = prior
            if period is counted_back:
                # the days counted back are the news asked for: their stories get the
                # newest's stronger bonus ("ukraine last week": the 2022 war's stories,
                # fuller of the word, had beaten a week-old one), a story of after the day
                # asked none ("israel gaza yesterday" had opened with one of two days
                # later), and more than a month back the day's own news gets none ("ukraine
                # news a year ago" had listed last week's)
                later = lib.store.published[owners] > day.toordinal()
                lift = np.where(later, 0.0, lift * NEWEST_RECENCY)
                if (day - period.start).days > NEWEST_DAYS_BACK:
                    own = np.zeros_like(prior)
            prior = np.where(prior < 0.0, prior, np.maximum(own, lift))
        total = text_scores + prior
        if outlet is not None:  # the outlet named as the teller: its stories first
            # ... in proportion to how well they match: a fixed bonus had put CNN's story of
            # Kim Jong Un's missiles over another's of his covid asked about
            told = np.isin(lib.store.source_of[owners], outlet.sources)
            total += told * (OUTLET_LIFT * text_scores)
        if result_lift is not None:
            total += result_lift
        if cfg.lead_weight:
            positions = _story_positions(lib, cand)
            total += np.exp(-positions / cfg.lead_decay) * (cfg.lead_weight * ideal)
        # no lift from a line of the question's words alone ("Mike Johnson", a list item)
        contentless = self._contentless(cand, terms)
        total -= contentless * (CONTENTLESS_PENALTY * ideal)
        need = offset + k + more  # one more: whether a next page has any
        if (
            (cfg.adjacent_weight or cfg.as_typed_weight)
            and scope is None
            and len(set(terms)) <= SHORT_TERMS
            and len(cand)
            and not _phrased_as_question(asked, english=self._english)
        ):
            # a few words typed as a search name its subject: side by side and as typed
            total += self._word_order(cand, owners, total, terms, asked, ideal, need)
        if len(set(terms)) <= SHORT_TERMS and len(cand):
            # a subhead holding a short question's words ("Map of LA fires") lifts its article
            # no higher than the sentence of its article it gives way to as the answer
            total = self._headings_capped(
                cand, owners, total, terms, contentless, _spelled_out(asked)
            )
        accept = _PhraseTest(self, scope) if scope is not None else None
        pick: Callable[[Positions], dict[int, int]] | None = None
        shown_scope: _PhraseScope | None = None
        if cfg.pick_articles:
            cued = _spelled_out(asked)  # "where'd" asks as "where did" does

            # a short question's phrase is its subject: the passage shown holds it
            shown_scope = scope if len(set(terms)) <= SHORT_TERMS else None

            def pick(order: Positions) -> dict[int, int]:
                return self._pick_passages(
                    cand, owners, total, order, terms, cued, ideal, shown_scope, newest,
                    contentless,
                )  # fmt: skip

        chosen, copies, moved = self._select(
            cand, owners, total, need, accept, pick, pick_late=shown_scope is not None
        )
        if accept is not None and accept.gave_up:
            checks.gave_up = "best"
            notes.append(_checked_only("best", query.phrases) + "; more may hold it further down.")
        page = chosen[offset : offset + k]
        qset = set(terms)
        hits = tuple(
            self._hit(
                *moved.get(shown, (int(cand[shown]), int(cand[shown]))),
                float(total[i]),
                qset,
                copies.get(shown, ()),
            )
            for i, shown in page
        )
        # a word of the other English is no missing word where its other word is searched
        # ("lorry" with "truck": "No article mentions “lorry”" over the truck drivers' story)
        stood_for = {term for own in alternates.values() for term in own}
        if hits and not offset:  # said once, with the first page ('more' repeated them)
            missing = (
                f"{other_language} {ONLY_SOME}" if other_language else None
            ) or self._missing_note(asked, [t for t in terms if t not in stood_for])
            if missing:
                notes.insert(0, missing)
            elif not (notes or query.phrases or unquoted or fixed or slips) and (
                partial := self._partial_note(asked, terms, hits, alternates, as_of)
            ):
                notes.insert(0, partial)  # only when nothing else is said of the question
            kept = {typo: right for typo, right in slips.items() if typo not in off_topic}
            if kept:
                notes.insert(0, self._spelling_note(query.text, kept, hits, also=True))
            if dropped := {typo: slips[typo] for typo in off_topic}:
                notes.insert(0, self._spelling_note(query.text, dropped, hits, few=True))
            if fixed:
                notes.insert(0, self._spelling_note(query.text, fixed, hits))
            if counted_back is not None and not any(
                _dated_within(hit.article.published, counted_back) for hit in hits
            ):
                # "earthquake yesterday" with none yesterday: the 5 April quake shown unsaid
                # read as yesterday's. Neither "best" (the days' lift may put a story of the
                # day before that uses a word once, "a flood of publicity", above them) nor
                # "nearest" (they are ranked by their words: 2016's above last month's)
                days = _window_words((counted_back.start, counted_back.until), day)
                undated = sum(hit.article.published is None for hit in hits)
                those = (  # an undated story is from no day the note could name
                    "these are from other days"
                    if not undated
                    else "these are undated"
                    if undated == len(hits)
                    else "these are from other days, or undated"
                )
                notes.append(f"No story shown here is dated {days}: {those}.")
            elif named_past is not None and not any(
                # ... or of the weeks its news is reported in: October's inflation figure
                # is November's story ("inflation october 2023": "CPI 2023 October", 14 Nov)
                hit.article.published is not None
                and named_past.start <= hit.article.published <= named_past.end
                for hit in hits
            ):
                # "inflation march 2023" with no story of March 2023 on it: February's and
                # last year's had been shown unsaid, read as that month's
                days = _window_words((named_past.start, named_past.until), day)
                notes.append(f"No story shown here is dated {days}: these are from other days.")
            if outlet is not None and not any(
                hit.article.source in outlet.names for hit in hits
            ):  # "what did the week say about X", of which The Week wrote nothing
                notes.append(f"None of these is from {outlet.names[0]}.")
        elif not hits and not offset:
            if foreign := self._foreign_note(asked, terms) or other_language:
                notes.insert(0, foreign)
            elif missing := self._missing_words(asked, terms):
                notes.insert(0, f"No article mentions {missing}.")  # "Rishi" or "Sunak"
        return _result(hits, len(chosen) > offset + k, notes, query if relevant else None, offset)

    def _ampersand_name(self, found: re.Match[str]) -> str:
        """ "M and S" (of `_SPELLED_AMPERSAND`) as "M&S" when the articles use that name as
        one term (Marks & Spencer, B&Q, P&O); else as it was ("a and b")."""
        joined = f"{found[1]}&{found[2]}"
        terms = self.library.analyzer.terms(joined)
        if len(terms) == 1 and not self._unused(terms[0]):
            return joined
        return found[0]

    def _unused(self, term: str) -> bool:
        """Whether no article uses a term: in its body, headline, standfirst or sections."""
        lib = self.library
        vocabs = (lib.body.vocab, lib.head.vocab, lib.section.vocab)
        return all(term not in vocab for vocab in vocabs)

    def _foreign_note(self, question: str, terms: Sequence[str]) -> str | None:
        """For a question that found nothing, most of whose words no article uses though
        some are known ("¿Quién compró Twitter y por cuánto?" of English news): the answer
        says so, where "try a name or a place" missed the point. Only in a library that
        knows its language (KNOWN_LANGUAGE_TERMS), where a missing word is telling."""
        lib = self.library
        if len(lib.body.vocab) < KNOWN_LANGUAGE_TERMS:
            return None
        distinct = list(dict.fromkeys(terms))
        missing = [term for term in distinct if self._unused(term)]
        if (
            missing
            and len(missing) == len(distinct)
            and self._english
            and self._unenglish(question, missing)
        ):
            # no word known, and written in another script ("Кто выиграл выборы?" of English
            # news) or as English writes no words: another language, not gibberish
            return (
                f"No article has these words ({self._shown_words(question, missing)}): is the "
                "question in another language than the articles?"
            )
        if not FOREIGN_WORDS <= len(missing) < len(distinct):
            return None  # a few odd words, or gibberish: "try other words" fits
        if len(missing) < FOREIGN_SHARE * len(distinct):
            return None
        if self._english and len(self._foreign_words(question, missing)) < FOREIGN_WORDS:
            return None  # names and words the news had not used yet ("Elon Musk Twitter")
        return (
            f"Most of these words are in no article ({self._shown_words(question, missing)}): "
            "is the question in another language than the articles?"
        )

    def _language_note(self, question: str, typed_terms: Sequence[str]) -> _OtherLanguage | None:
        """For an English library's question written in another Latin-script language, whose
        function words match names and other words by chance ("qui a gagné la coupe du
        monde": the chef Paul Qui; "wer hat die wahl gewonnen": Grant Wahl): the note that
        asks whether it is (with hits, ONLY_SOME follows it: they match some of its words); None
        for an English question with a foreign name or phrase ("La Niña", "que sera sera").
        Two or more of its words in lower case (or its first) are function words of one other
        language (OTHER_LANGUAGES) and not English ones, at least one other no English word
        (a form English has not, "gagné", or no word of the dictionary nor of any article,
        "gewonnen"), and these are more than half of its words. `typed_terms`: the question's
        terms as the analysis read them, before any spelling or joining. With the note, the
        terms of the function words it holds in that language (or those tied)."""
        if not self._english or len(self.library.body.vocab) < KNOWN_LANGUAGE_TERMS:
            return None
        analyzer = self.library.analyzer
        if (
            _ODD_LETTER.search(question) is None
            and _ELIDED_IN.search(question) is None
            and not any(map(self._unused, typed_terms))
        ):
            return None  # most questions: no word foreign, none unused (0.18 ms a question)
        opening = _FIRST_WORD.search(question)
        first = opening.start() if opening else -1
        typed: dict[str, str] = {}  # lower case -> as typed
        for found_word in _WORDS_TYPED.finditer(question):
            word = found_word[0]
            if word.islower() or found_word.start() == first:
                typed.setdefault(word.casefold(), word)
        real: Collection[str] | None = None
        strange: set[str] = set()
        for word in typed:
            if _foreign_form(word):
                strange.add(word)
            elif (terms := analyzer.terms(word)) and all(map(self._unused, terms)):
                real = _dictionary(self.config.language) if real is None else real
                if real is not None and word not in real:
                    strange.add(word)
        if not strange:  # most questions: no need to read the other languages' lists
            return None
        words = set(typed) - ENGLISH_STOPWORDS
        words |= {without_accents(word) for word in words}  # "quién": Spanish's "quien"
        counts = {language: words & stopwords_for(language) for language in OTHER_LANGUAGES}
        most = max(map(len, counts.values()))
        if most < 2:
            return None
        best = [language for language, held in counts.items() if len(held) == most]
        telling = counts[best[0]] | strange
        # of its words, English's function words aside (a: Portuguese's and French's too)
        if 2 * len(telling) <= len(
            set(_WORDS_TYPED.findall(question.casefold())) - ENGLISH_STOPWORDS
        ):
            return None
        shown = [f"“{word}”" for lowered, word in typed.items() if lowered in telling][:3]
        kind = f"{best[0].title()} words" if len(best) == 1 else "words of another language"
        note = (
            f"{_listed(shown, 'and')} are {kind}: is the question in another language than "
            "the articles?"
        )
        # its function words in that language (any of those tied), as the analysis reads them
        functions = set().union(*(counts[language] for language in best))
        typed_functions = [
            word for word in typed if word in functions or without_accents(word) in functions
        ]
        return _OtherLanguage(
            note, frozenset(analyzer.terms(" ".join(typed_functions))), tuple(best)
        )

    def _may_be_its_words(
        self, question: str, terms: Sequence[str], languages: Sequence[str]
    ) -> bool:
        """Whether each of these terms that some article uses is typed as a word of one of
        these languages (pyspellchecker's list; a language without one may have any word):
        then it may mean what it means there and match the articles by chance ("coupe",
        "gran" of "gran bretagna"). A name or an English word ("blair", "yukos") is none."""
        used = {term for term in terms if not self._unused(term)}
        if not used:
            return True
        lists = [_word_list(language) for language in languages]
        if any(listed is None for listed in lists):
            return True
        for _, start, end in self.library.analyzer.match_spans(question, used):
            word = _POSSESSIVE.sub("", question[start:end]).casefold()
            plain = without_accents(word)
            if not any(
                listed(word) or (plain != word and listed(plain)) for listed in lists if listed
            ):
                return False
        return True

    def _foreign_words(self, question: str, terms: Collection[str]) -> set[str]:
        """The terms the question writes neither as a name (capitalised, not only as its
        first word) nor as a word of the dictionary: those that tell another language. Its
        capitals are names only when it holds a word of the language in lower case (of
        four letters or more): German writes every noun with one ("Wann kommt der Zug")."""
        real = _dictionary(self.config.language) or frozenset()
        opening = _FIRST_WORD.search(question)
        first = opening.start() if opening else -1
        words = _WORDS_TYPED.findall(question)
        names = any(w.islower() and len(w) >= 4 and w in real for w in words)
        foreign = set(terms)
        for term, start, end in self.library.analyzer.match_spans(question, set(terms)):
            word = question[start:end]
            if (names and word[:1].isupper() and start != first) or word.casefold() in real:
                foreign.discard(term)
        return foreign

    def _unenglish(self, question: str, terms: Sequence[str]) -> bool:
        """Whether a question is written as no English is: in another script, or with two
        or more of these words in forms English has not ("gagné", "l'Open")."""
        if _unlatin(question):
            return True
        spans = self.library.analyzer.match_spans(question, set(terms))
        return sum(_foreign_form(question[a:b]) for _, a, b in spans) >= 2

    def _shown_words(self, question: str, terms: Sequence[str]) -> str:
        """The first three of these terms as the question writes them, quoted."""
        typed = {
            t: question[a:b]
            for t, a, b in reversed(self.library.analyzer.match_spans(question, set(terms)))
        }
        return ", ".join(f"“{typed.get(t, t)}”" for t in terms[:3])

    def _joined(self, question: str, terms: list[str]) -> list[str]:
        """The terms, with two words typed apart that the articles write as one ("tik tok",
        "monkey pox"; hyphened, "cease-fire"; a code of letters and a number, "G-20") also
        as that word, in place of those parts no article uses. Each part had been searched
        alone, or said to be in no article. A code no article writes as one ("F35") is
        searched as its parts, as the articles' "F-35" is indexed."""
        lib = self.library
        vocab, df = lib.body.vocab, lib.body.df
        extra: list[str] = []
        unused: set[str] = set()
        for first, second, one, between, code in self._typed_apart(question):
            if one in terms:
                continue
            # the usual spelling of the two: the joined word is commoner than a part of it
            # ("tiktok" than "tok"), or a name commoner than the pair ("open ai")
            uses = [int(df[vocab[part]]) if part in vocab else 0 for part in (first, second)]
            joined = int(df[vocab[one]])
            share = CODE_SHARE if code else HYPHENED_SHARE if between else 1.0
            # a letter typed before a word the articles hyphen it to ("f bomb", "u turn",
            # "t cells") is that word, however common the letter is alone
            letter = len(first) == 1 and first.isalpha() and not code
            if (
                joined >= share * min(uses)
                or letter
                or self._name_of_two(first, second, one, joined)
            ):
                extra.append(one)
                # the parts go when no article uses them, or when the joined word is far
                # commoner than either ("tik tok ban" had opened with stories that say "Tik
                # Tok" once, on lanternflies and golf in space, over the TikTok ban)
                far = joined >= JOINED_COMMONER * max(uses)
                unused.update(part for part in (first, second) if far or self._unused(part))
                if letter:  # "f bomb": the letter alone is F-16's, Formula 1's
                    unused.add(first)
        for term in terms:  # "F35" no article writes so, as its "F-35"
            parts = _CODE_PARTS.fullmatch(term)
            if parts is None or not self._unused(term):
                continue
            # each part as the analysis reads it alone: "jan6" is January 6 ("jan", no term
            # of "Jan. 6", had left the 6 alone, and a tennis score of "6-1, 6-3" came first)
            read = [lib.analyzer.terms(part) for part in parts.groups()]
            # ... where a paragraph holds both: "f1" of news without Formula 1 had been "f"
            # and "1", and football scores ("Newcastle 2-1 Bolton") answered it
            if all(len(one) == 1 and one[0] in vocab for one in read) and len(
                lib.body.holding_all([one[0] for one in read])
            ):
                unused.add(term)
                extra += [one[0] for one in read if one[0] not in terms]
        if not extra and not unused:
            return terms
        return [t for t in terms if t not in unused] + list(dict.fromkeys(extra))

    def _phrasal_nouns(
        self, question: str, terms: list[str]
    ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """The terms, with a verb typed with its particle ("shutting down") also as the noun
        the two make ("shutdown", `_PHRASAL`) where the articles use the noun that much and
        with the question's other words; and for each noun added, the verb's term (the
        partial-match note tells "shutting down" and "shutdown" as one word). The verb stays:
        stories on the event say "shut down" too."""
        phrasal = list(_PHRASAL.finditer(question))
        if not phrasal:
            return terms, {}
        lib = self.library
        vocab, df = lib.body.vocab, lib.body.df
        added: dict[str, tuple[str, ...]] = {}
        for found in phrasal:
            verb = lib.analyzer.terms(found[1])
            if len(verb) != 1 or verb[0] not in vocab or verb[0] not in terms:
                continue
            # the verb's stem and the particle: "shutting" is "shut", "locked" "lock"
            noun = lib.analyzer.terms(verb[0] + found[2].casefold())
            if len(noun) != 1 or noun[0] not in vocab or noun[0] in terms or noun[0] in added:
                continue
            if int(df[vocab[noun[0]]]) < PHRASAL_SHARE * int(df[vocab[verb[0]]]):
                continue
            context = self._context(terms, {verb[0]})
            if context and self._fits([noun[0]], context)[noun[0]][1] < PHRASAL_MEETS:
                continue
            added[noun[0]] = (verb[0],)
        return (terms + list(added), added) if added else (terms, {})

    def _hyphened_term(self, letter: str, word: str) -> str | None:
        """The term of this letter hyphened to this word ("U-turn": uturn) when the articles
        use it, else None."""
        one = self.library.analyzer.terms(f"{letter}-{word}")
        return one[0] if len(one) == 1 and one[0] in self.library.body.vocab else None

    def _hyphened_missing(self, question: str) -> str | None:
        """The words of a letter hyphened to a word that no article uses ("j-pop"), quoted
        as typed: a word, not gibberish, so the answer names it, as it names a name."""
        lib = self.library
        typed = [
            found[0]
            for found in _HYPHENED_LETTER.finditer(question)
            if all(map(self._unused, lib.analyzer.terms(found[0])))
        ]
        return _listed([f"“{word}”" for word in typed], "or") if typed else None

    def _hyphened_letter(self, letter: str, word: str) -> bool:
        """Whether the articles write this letter hyphened to this word ("U-turn")."""
        return self._hyphened_term(letter, word) is not None

    def _name_of_two(self, first: str, second: str, one: str, joined: int) -> bool:
        """Whether two common words typed apart are a name the articles write as one:
        one written capitalised ("OpenAI") in at least as many paragraphs as hold both words
        anywhere (an upper bound of the pair's own count). "open ai" is OpenAI, whose parts
        are both commoner than it (122 paragraphs of realtimeqa_news, "ai" 542, both 17);
        "home goods" is no HomeGoods (1, both 159), "every one" no name."""
        vocab = self.library.body.vocab
        if first not in vocab or second not in vocab:
            return False
        both = len(self.library.body.holding_all([first, second]))
        return joined >= both and self._written_as_name(one)

    def _joining(self, question: str) -> set[str]:
        """The terms of the question that, typed next to another word with nothing or a
        hyphen between, make a word the articles use ("le bron", "tik tok"): parts of a
        word typed apart, which `_joined` searches as that word, not typos."""
        parts: set[str] = set()
        for first, second, _, _, code in self._typed_apart(question):
            if not code:
                parts.update((first, second))
        return parts

    def _typed_apart(self, question: str) -> Iterator[tuple[str, str, str, str, bool]]:
        """Each two neighbouring terms of the question, with nothing or a hyphen between, that
        make one term the articles use when joined: (first, second, the joined term, what
        was between, whether they are a code of letters and a number, "G 20")."""
        lib = self.library
        vocab = lib.body.vocab
        spans = list(lib.analyzer.term_spans(question))
        for (first, begin, end), (second, start, stop) in itertools.pairwise(spans):
            between = question[end:start].strip()
            code = (
                first.isalpha()
                and second.isdigit()
                and _CODE_PARTS.fullmatch(question[begin:end] + question[start:stop]) is not None
            )
            joined = between in ("", "-", "\u2010", "\u2011")
            if not joined or not (code or (first.isalpha() and second.isalpha())):
                continue
            one = lib.analyzer.terms(question[begin:end] + question[start:stop])
            if len(one) == 1 and one[0] in vocab:
                yield first, second, one[0], between, code
        # a letter typed apart from its word ("t mobile", "k pop", "x ray"), which no term
        # span shows: the articles' "T-Mobile" is one term
        for letter in _LETTER_APART.finditer(question):
            term = self._hyphened_term(letter[1], letter[2])
            rest = lib.analyzer.terms(letter[2])
            if term is not None and len(rest) == 1 and rest[0] != term:
                yield letter[1].lower(), rest[0], term, "", False

    def _hashtag(self, found: re.Match[str], tags: dict[str, tuple[str, ...]]) -> str:
        """A hashtag as searched: its words (`_hashtag_words`), or, where the news names it
        as one word, that word, whose words `tags` learns (searched too, as it: "#SignalGate"
        had been "Signal Gate", which found an airline's gate agents and "Bill Gates" before
        "#SignalGate's messy lessons ..."). Named so: in a headline or standfirst, or in as
        many paragraphs as hold its words together ("#SuperBowl" stays "Super Bowl", though
        a few paragraphs quote the tag)."""
        words = _hashtag_words(found)
        if words == found[1]:
            return words
        analyzer, lib = self.library.analyzer, self.library
        whole, parts = analyzer.terms(found[1]), analyzer.terms(words)
        if len(whole) != 1 or len(parts) < 2 or whole[0] in parts:
            return words
        tag = whole[0]
        if tag not in lib.head.vocab and tag not in lib.section.vocab:
            used = int(lib.body.df[lib.body.vocab[tag]]) if tag in lib.body.vocab else 0
            if not used or used < len(lib.body.holding_all(parts)):
                return words
        tags[tag] = tuple(parts)
        return found[1]

    def _also_written(
        self, question: str, terms: list[str]
    ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """The terms, with the names `_ALSO_WRITTEN` knows two ways also as their other
        way's terms, and the words `_DIALECT_WORDS` knows in the other English as its terms,
        where articles use them; and for each term added for such a word, the word's own
        terms (the partial-match note tells "lorry" and "truck" as one word)."""
        named = _ALSO_WRITTEN_ANY.search(question) is not None
        worded = not self._dialect_terms.isdisjoint(terms) and _DIALECT.search(question) is not None
        if not (named or worded):
            return terms, {}
        analyzer, vocab = self.library.analyzer, self.library.body.vocab
        extra: list[str] = []
        for pattern, other in _ALSO_WRITTEN if named else ():
            for match in pattern.finditer(question):
                extra += [t for t in analyzer.terms(other(match)) if t in vocab]
        alternates: dict[str, tuple[str, ...]] = {}
        as_names: set[str] = set()  # terms of words typed that the articles write as names
        df = self.library.body.df
        for match in _DIALECT.finditer(question) if worded else ():
            word = " ".join(match[1].casefold().split())
            other_word = _DIALECT_WORDS[word]
            own = tuple(analyzer.terms(match[1]))
            theirs = [t for t in analyzer.terms(other_word) if t not in own]
            # only where the articles say it the other way, in more paragraphs: searched
            # too, a word rare here took its full weight ("petrol" of the BBC's news had
            # put a gasoline story before "Petrol duties frozen")
            uses = min((int(df[vocab[t]]) if t in vocab else 0 for t in own), default=0)
            if word in _DIALECT_SENSES:  # the other word in RATIO times as many, at least
                uses = (uses + 1) * DIALECT_SENSES_RATIO - 1
            if not theirs or any(t not in vocab or int(df[vocab[t]]) <= uses for t in theirs):
                continue
            for term in theirs:
                if term not in terms:
                    extra.append(term)
                    alternates.setdefault(term, own)
            # a word typed in lower case whose term the articles write as a name, and whose
            # paragraphs hold none of the question's other words, is searched as the other
            # word alone: "lorry" is Snowball's "lorri", and "lorry crash" of American news
            # had listed a voter named Lorrie second ("lorry drivers shortage" keeps it: a
            # British story's "lorry drivers")
            if match[1].islower() and (context := self._context(terms, own)):
                fits = self._fits([t for t in own if t in vocab], context)
                if fits and all(
                    meets == 0 and self._written_as_name(t) for t, (_, meets) in fits.items()
                ):
                    as_names.update(own)
        added = [term for term in dict.fromkeys(extra) if term not in terms]
        kept = [term for term in terms if term not in as_names] if added else terms
        return kept + added, {t: w for t, w in alternates.items() if t in added}

    def _family_forms(
        self, question: str, terms: list[str]
    ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """The terms, with a word `_FAMILIES` knows, typed in lower case as the table writes
        it or with a regular ending (`_FAMILY_TYPED`; "Champion" may be a name, "deadly" is
        no "dead"), also as its family's other forms the articles use; and for each form
        added, the word's term (the notes count "bankruptcy" as "bankrupt")."""
        vocab = self.library.body.vocab
        asked = {t for t in terms if t in self._families}
        typed = {
            term
            for term, a, b in self.library.analyzer.match_spans(question, asked)
            if question[a:b] in _FAMILY_TYPED
            and ((only := _FAMILY_ONLY.get(question[a:b])) is None or only.search(question))
        }
        added: dict[str, tuple[str, ...]] = {}
        for term in dict.fromkeys(t for t in terms if t in typed):
            for form in self._families[term]:
                if form in vocab and form not in terms and form not in added:
                    added[form] = (term,)
        return (terms + list(added), added) if added else (terms, {})

    def _family_weights(
        self, index: BM25Index, terms: Sequence[str], family: dict[str, tuple[str, ...]]
    ) -> list[tuple[int, float]]:
        """`index.weights(terms)` with a family (`family`: a form added -> its word's terms)
        weighed as its commonest form: the word typed at the least idf of it and its forms
        ("champs" is rare, and a story saying "championship" is no rarer find), each other
        form at FAMILY_SHARE of that (a passage saying both weighs the word less than twice,
        one saying only the other form as half the word)."""
        weights = index.weights(terms)
        if not family:
            return weights
        vocab = index.vocab
        least: dict[int, float] = {}  # a word's term id -> its family's least idf
        form_of: dict[int, list[int]] = {}  # a form's term id -> its words' ids
        given = dict(weights)
        for form, own in family.items():
            for word in own:
                if word in vocab and form in vocab and vocab[form] in given:
                    w, f = vocab[word], vocab[form]
                    low = min(least.get(w, given.get(w, math.inf)), given[f])
                    least[w] = low
                    form_of.setdefault(f, []).append(w)
        out: list[tuple[int, float]] = []
        for tid, weight in weights:
            if tid in form_of:
                weight = FAMILY_SHARE * min(least[w] for w in form_of[tid])
            elif tid in least:
                weight = min(weight, least[tid])
            out.append((tid, weight))
        return out

    @staticmethod
    def _without_forms(
        index: BM25Index, weights: list[tuple[int, float]], family: dict[str, tuple[str, ...]]
    ) -> list[tuple[int, float]]:
        """These weights without those of a family's other forms (`family`'s keys)."""
        forms = {index.vocab[form] for form in family if form in index.vocab}
        return [pair for pair in weights if pair[0] not in forms]

    def _whole_or_stemmed(self, question: str, terms: list[str]) -> list[str]:
        """The terms, with a name the analysis keeps whole only when capitalised, typed in
        lower case ("aids", "mars"), as the name where the articles use it and it fits the
        question's other terms as well as the stemmed word does (`_fits`), or the question
        has no other: "aids epidemic" is AIDS, "aids to ukraine" aid, "mars" the planet."""
        analyzer, vocab = self.library.analyzer, self.library.body.vocab
        whole = analyzer.whole_words
        if not whole:
            return terms
        for found in _WORDS_TYPED.finditer(question):
            word = found[0]
            if not word.islower() or word not in whole or word not in vocab:
                continue
            stem = analyzer.terms(word)
            if len(stem) != 1 or stem[0] not in terms or stem[0] == word:
                continue
            context = [t for t in terms if t != stem[0]][:CONTEXT_TERMS]
            fit = self._fits([word, stem[0]], context)
            if not context or fit[word] >= fit[stem[0]]:
                terms = [word if t == stem[0] else t for t in terms]
        return terms

    def _shorthand_spelled(self, terms: list[str]) -> list[str]:
        """The terms with shorthand ("scotus") also as the words it stands for, in its
        place when no article uses the shorthand itself (no "No article mentions" note)."""
        out: list[str] = []
        for term in terms:
            words = self._abbreviated.get(term, ())
            if not words or not self._unused(term):
                out.append(term)
            out += [word for word in words if word not in terms and word not in out]
        return out

    def _amounts_both_ways(self, terms: list[str], question: str) -> list[str]:
        """The terms, with an amount also as the articles may write it: "£35bn" (one term,
        35bn) also as 35 and billion, and "35 billion" also as 35bn, where articles use
        those terms; "$44B" (after a currency sign) as 44 billion. British news writes
        "£35bn", and American "$35 billion": each form had missed the other. The short form
        goes when no article uses it (no "No article mentions “44B”" above the story)."""
        vocab = self.library.body.vocab
        extra: list[str] = []
        signed = any(sign in question for sign in "$£€¥")
        lone = {m[1].lower() for m in _CURRENCY_SHORT.finditer(question)} if signed else set()
        unused: set[str] = set()
        for term in terms:
            if (amount := _AMOUNT.fullmatch(term)) is not None:
                if len(amount[2]) == 1 and amount[2] in "bt" and amount[2] not in lone:
                    continue
                word = self._magnitudes.get(amount[2])
                if word is not None and amount[1] in vocab and word in vocab:
                    extra += [amount[1], word]
                    if self._unused(term):
                        unused.add(term)
        for number, word in itertools.pairwise(terms):
            if _NUMBER_TERM.fullmatch(number):
                extra += [
                    number + suffix
                    for suffix in self._suffixes.get(word, ())
                    if number + suffix in vocab
                ]
        kept = [term for term in terms if term not in unused]
        return kept + [term for term in dict.fromkeys(extra) if term not in kept]

    def _spelling(self, question: str, terms: Sequence[str]) -> dict[str, str]:
        """For each word of the question that no article uses (in its body, headline,
        standfirst or section headings), the indexed term one edit away (a letter dropped,
        added, changed, or two swapped) that most paragraphs hold, if any: "withdrawl" ->
        withdraw, "Ukrane" -> ukrain. The edits are made to the term and to the word as
        typed, then analysed: "presidnet" is no edit of a stem, but one of "president"
        (stem "presid"). Only words of SPELLING_LETTERS to SPELLING_MAX_LETTERS letters,
        without digits: one edit of a short word reaches some rare token in a big library
        ("fnord" -> ford, "asdf" -> sdf), a year is not a typo of another, and a very long
        word costs thousands of edits. A question with more than
        SPELLING_WORDS such words (another language, gibberish) is left as it is."""
        lib = self.library
        vocab, df = lib.body.vocab, lib.body.df
        unknown = {term for term in terms if term.isalpha() and self._unused(term)}
        if unknown:  # a word typed in two ("le bron": LeBron, not "Browns"): `_joined`'s
            unknown -= self._joining(question)
        # a word and a number typed as one ("title42", "covid19", "iphone15"), as the two the
        # articles write: it had found nothing ("No article mentions “title42”")
        glued = {
            term: split
            for term in dict.fromkeys(terms)
            if not term.isalpha()
            and _GLUED.fullmatch(term)
            and self._unused(term)
            and (split := self._glued_split(term)) is not None
        }
        if not unknown:
            return glued
        typed: dict[str, str] = {}
        opening = _FIRST_WORD.search(question)
        named: set[str] = set()  # typed with a capital, not as the question's first word
        for term, start, end in lib.analyzer.match_spans(question, unknown):
            if end - start > len(typed.get(term, "")):
                typed[term] = question[start:end]
            first = opening is not None and start == opening.start()
            if question[start].isupper() and (not first or _NAME_GOES_ON.match(question, end)):
                named.add(term)
        fixed: dict[str, str] = dict(glued)
        if not lib.analyzer.fold_accents:  # "Celine" typed is Céline, "Elysee" Élysée
            for term in unknown:
                if term.isascii() and (accented := self._accented(term)):
                    fixed[term] = max(
                        accented, key=lambda e: (int(df[vocab.get(e, 0)]) * (e in vocab), e)
                    )
        context = self._context(terms, unknown)
        shortest = SHORT_SPELLING_LETTERS if context else ALONE_SWAP_LETTERS
        slips = [
            t
            for t in dict.fromkeys(terms)
            if shortest <= len(typed.get(t, "")) <= SPELLING_MAX_LETTERS
            and t not in fixed
            and not (lib.analyzer.fold_accents and _foreign_form(typed[t]))
            and not (self._english and typed[t].casefold() in _DIALECT_WORDS)  # "cheque"
        ]
        if len(slips) > SPELLING_WORDS:  # another language, or gibberish: no typos to fix
            return fixed
        # A word the language's dictionary holds is no typo, only a word no article uses (a
        # small library lacks most: "leaving" is no typo of "leading"). An edit that makes a
        # word of it comes before one that only reaches a stem: "sentance" is "sentence",
        # not "senatance" (stem "senat", which more paragraphs hold), "flodding" "flooding",
        # not "flod" -> "food".
        real = _dictionary(self.config.language) if slips else None
        for term in slips:
            swaps_only = not context and len(typed[term]) < SPELLING_LETTERS
            if real is not None and typed[term].casefold() in real:
                # ... unless typed as a name the question's other words confirm, two letters
                # swapped: the dictionary holds "Micheal", and "Micheal Howard" is Michael
                # Howard (any edit had made "Hamlin" ham, "Musk" Muse, "Augusta" August)
                # (not in lower case: "crater" is no Carter, "strati" no Straits, "kalyan" no
                # Kaylan; the 29th session's verify rounds found such rewrites at every rule)
                if term not in named or not context:
                    # ... or one the articles write as two ("walmart": "Wal-Mart")
                    if (split := self._written_apart(typed[term])) is not None:
                        fixed[term] = split
                    continue
                swaps_only = True
            elif (camel := self._camel_split(typed[term])) is not None:
                fixed[term] = camel  # "GenZ" is "Gen Z", where an edit made it "Gen"
                continue
            edits = (
                _swaps(typed[term].casefold()) if swaps_only else _one_edit(typed[term].casefold())
            )
            known = dict.fromkeys(
                (edit for edit in _one_edit(term) if edit in vocab and not swaps_only), False
            )
            for word in edits:
                analysed = lib.analyzer.terms(word)
                if len(analysed) == 1 and analysed[0] in vocab:
                    is_word = real is not None and word in real
                    known[analysed[0]] = known.get(analysed[0], False) or is_word
            fit = self._fits(known, context)
            # with other words to go by, a correction no paragraph of theirs holds is off the
            # question's topic ("¿Cuántos votos ...?" is not "cuarta"); a short word's
            # needs more of them
            least = SHORT_SPELLING_MEETS if len(typed[term]) < SPELLING_LETTERS else 1
            if context:
                known = {e: w for e, w in known.items() if fit[e][1] >= least}
            elif len(typed[term]) < SPELLING_LETTERS:
                # alone, a swap to a word or name in use, read as written: a stemmer's cut
                # of a made-up word is no word ("huyed" is "huy", "benli" "ben")
                known = {
                    e: w
                    for e, w in known.items()
                    if int(df[vocab[e]]) >= least
                    and len(e) >= len(typed[term]) - 1
                    and (w or self._written_as_name(e))
                }
            if term in named:  # a name is corrected to a name ("Sunak" had been "sinking")
                known = {e: w for e, w in known.items() if self._written_as_name(e)}
            if known:
                # the word the question's other words meet most, for their number ("rishi
                # sunack" is Sunak, not "snacks"; "beyonse new album" Beyoncé, not "beyond")
                fixed[term] = max(known, key=lambda e: (fit[e][0], known[e], int(df[vocab[e]]), e))
            elif swaps_only:
                if (split := self._written_apart(typed[term])) is not None:
                    fixed[term] = split
            elif typed[term].islower() and (split := self._split(typed[term])) is not None:
                fixed[term] = split  # "srilanka" is "sri lanka"; a name ("Johnstone") stays
            elif context and (name := self._two_edits_off(term, context)) is not None:
                fixed[term] = name
        return fixed

    def _two_edits_off(self, term: str, context: Sequence[str]) -> str | None:
        """The name two edits from an unknown term (optimal string alignment: a letter
        dropped, added, changed, or two swapped, twice), of its first letter, that the
        question's `context` terms meet in TWO_EDIT_MEETS paragraphs or more, the best
        fitting; None when there is none. rapidfuzz compares the term with the indexed terms
        of its first letter in C (~0.4 ms among 80,000 terms); Norvig's second edits are
        ~190,000 strings to make and look up for an eight-letter word."""
        if len(term) < TWO_EDIT_SHORTEST:
            return None
        near = [
            c
            for c in self._terms_within(term, 2)
            if len(c) >= TWO_EDIT_SHORTEST - 1 and abs(len(c) - len(term)) <= 1
        ]
        fit = self._fits(near, context)
        names = [e for e in near if fit[e][1] >= TWO_EDIT_MEETS and self._written_as_name(e)]
        if not names:
            return None
        df, vocab = self.library.body.df, self.library.body.vocab
        return max(names, key=lambda e: (fit[e][0], int(df[vocab[e]]), e))

    def _terms_within(self, term: str, edits: int) -> list[str]:
        """The body index's terms of `term`'s first letter at most `edits` edits from it
        (optimal string alignment), compared by rapidfuzz in C."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        pool = self._terms_by_first_letter().get(term[:1], ())
        found = process.extract(term, pool, scorer=OSA.distance, score_cutoff=edits, limit=None)
        return [candidate for candidate, _, _ in found]

    def _terms_by_first_letter(self) -> dict[str, list[str]]:
        """The body index's terms by their first letter, made once for the vocabulary's
        size (a library only grows)."""
        vocab = self.library.body.vocab
        if self._first_letters[0] != len(vocab):
            grouped: dict[str, list[str]] = {}
            for known in vocab:
                grouped.setdefault(known[:1], []).append(known)
            self._first_letters = (len(vocab), grouped)
        return self._first_letters[1]

    def _camel_split(self, word: str) -> str | None:
        """A word typed as two with the second's capital inside it ("GenZ", "NewYork"), as
        the two terms, when SPLIT_MEETS paragraphs hold them together; None otherwise."""
        found = _CAMEL.fullmatch(word)
        if found is None:
            return None
        analyzer, body = self.library.analyzer, self.library.body
        left, right = analyzer.terms(found[1]), analyzer.terms(found[2])
        if len(left) != 1 or len(right) != 1:
            return None
        if left[0] not in body.vocab or right[0] not in body.vocab:
            return None
        if len(body.holding_all([left[0], right[0]])) < SPLIT_MEETS:
            return None
        return f"{left[0]} {right[0]}"

    def _glued_split(self, term: str) -> str | None:
        """A term of letters and a number typed together ("title42"), as its two terms when
        SPLIT_MEETS paragraphs hold them together; None otherwise."""
        found = _GLUED.fullmatch(term)
        if found is None:
            return None
        analyzer, body = self.library.analyzer, self.library.body
        parts = [analyzer.terms(part) for part in found.groups() if part]
        if any(len(part) != 1 or part[0] not in body.vocab for part in parts):
            return None
        left, right = parts[0][0], parts[1][0]
        if len(body.holding_all([left, right])) < SPLIT_MEETS:
            return None
        return f"{left} {right}"

    def _split(self, word: str) -> str | None:
        """Two indexed words typed as one ("srilanka", "hongkong"), as "sri lanka": the split
        whose parts the most paragraphs hold together, SPLIT_MEETS of them at least; None
        when no split is so held."""
        found = self._split_at(
            word, shunned=_NO_SPLIT_PART if self._english else frozenset(), between=True
        )
        return f"{found[1]} {found[2]}" if found else None

    def _split_at(
        self, word: str, shunned: Collection[str] = frozenset(), *, between: bool = False
    ) -> tuple[int, str, str] | None:
        """`_split`'s split: where the folded word is cut, and its two terms; no cut that
        leaves a part typed as one of the `shunned` words. `between`: the two may also have
        a stopword of up to SPLIT_BETWEEN letters between them, which is no term ("maralago"
        is "Mar-a-Lago", "mar" and "lago": cut in two, it had been no word the articles
        use, while "marlago" was found); the cut given is then the first part's end."""
        analyzer, body = self.library.analyzer, self.library.body
        best: tuple[int, int, str, str] | None = None
        folded = word.casefold()
        for cut in range(2, len(folded) - 1):
            if folded[:cut] in shunned:
                continue
            left = analyzer.terms(folded[:cut])
            if len(left) != 1 or left[0] not in body.vocab:
                continue
            gaps = range(SPLIT_BETWEEN + 1) if between else (0,)
            for gap in gaps:
                rest = folded[cut + gap :]
                if len(rest) < 2 or rest in shunned:
                    continue
                if gap and analyzer.terms(folded[cut : cut + gap]):
                    continue  # what is between must be a stopword, no term of its own
                right = analyzer.terms(rest)
                if len(right) != 1 or right[0] not in body.vocab:
                    continue
                meets = len(body.holding_all([left[0], right[0]]))
                if meets >= SPLIT_MEETS and (best is None or meets > best[0]):
                    best = (meets, cut, left[0], right[0])
        return best[1:] if best else None

    def _written_apart(self, word: str) -> str | None:
        """A word of the dictionary that no article uses, as the two terms the articles write
        it as, hyphened or spaced ("walmart": "Wal-Mart", "Wal Mart"): `_split`'s, when of
        the first WRITTEN_APART_READ paragraphs holding both parts, WRITTEN_APART_MEETS and
        at least half hold them side by side, as typed; None otherwise. Side by side, and
        mostly so: "carpet" is no "car" and "pet", "caraway" no "car away", which some
        paragraphs say among many holding both words apart."""
        found = self._split_at(word)
        if found is None:
            return None
        lib = self.library
        cut, left, right = found
        folded = word.casefold()
        apart = re.compile(
            rf"\b{re.escape(folded[:cut])}[\s\-\u2010\u2011]+{re.escape(folded[cut:])}\b",
            re.IGNORECASE,
        )
        holding = lib.body.holding_all([left, right])[:WRITTEN_APART_READ]
        meets = 0
        for doc in holding:
            number, position = int(lib.para_article[doc]), int(lib.para_position[doc])
            if apart.search(lib.store.get(number).paragraphs[position].text):
                meets += 1
        if meets >= WRITTEN_APART_MEETS and meets * 2 >= len(holding):
            return f"{left} {right}"
        return None

    def _off_topic(self, terms: Sequence[str], slips: dict[str, str]) -> set[str]:
        """The likely slips (`_likely_slips`) whose few paragraphs hold none of the question's
        other words: searched in place of their corrections, they were the answer though off
        the topic ("savanah guthrie mom" found a Savanah in a story on Liz Cheney)."""
        if not slips:
            return set()
        context = self._context(terms, set(slips))
        if not context:
            return set()
        lib = self.library
        fits = self._fits(slips, context)
        # a word a headline or standfirst holds stays, whatever its paragraphs hold
        return {
            typo
            for typo in slips
            if fits[typo][1] == 0 and typo not in lib.head.vocab and typo not in lib.section.vocab
        }

    def _context(self, terms: Sequence[str], skipped: Collection[str]) -> list[str]:
        """The question's rarest indexed terms other than `skipped`: what tells the topic a
        corrected word belongs to."""
        lib = self.library
        vocab, df = lib.body.vocab, lib.body.df
        known = [t for t in dict.fromkeys(terms) if t not in skipped and t in vocab]
        return sorted(known, key=lambda t: int(df[vocab[t]]))[:CONTEXT_TERMS]

    def _fits(
        self, candidates: Iterable[str], context: Sequence[str]
    ) -> dict[str, tuple[float, int]]:
        """For each candidate term, how well it fits the question's `context` terms: the
        paragraphs that hold it and one of them (the most for any one), and that count over
        the root of the candidate's own paragraphs (a common word meets every topic a
        little). (0.0, 0) for all without context."""
        body = self.library.body
        fits: dict[str, tuple[float, int]] = {}
        for term in candidates:
            meets = max((len(body.holding_all([term, c])) for c in context), default=0)
            used = int(body.df[body.vocab[term]]) if term in body.vocab else 0
            fits[term] = (meets / math.sqrt(used) if used else 0.0, meets)
        return fits

    def _written_as_name(self, term: str) -> bool:
        """Whether the articles write `term` as a name: capitalised inside a sentence at least
        as often as in lower case, in the first NAME_SAMPLE paragraphs holding it (at a
        sentence's start a capital tells nothing). "Ian" is; "sinking", "trust", "end" and
        "panel" are not, which "Sunak", "Truss", "Erling" and "Patel" had become."""
        lib = self.library
        capital = lower = 0
        for doc in lib.body.holding_all([term])[:NAME_SAMPLE].tolist():
            number, position = int(lib.para_article[doc]), int(lib.para_position[doc])
            text = lib.store.get(number).paragraphs[position].text[:READ_CHARS]
            for _, start, _ in lib.analyzer.match_spans(text, {term}):
                before = text[:start].rstrip()
                if not before or before[-1] in _OPENS_SENTENCE:
                    continue
                if text[start].isupper():
                    capital += 1
                else:
                    lower += 1
        return capital > 0 and capital >= lower

    def _spelling_note(
        self,
        question: str,
        fixed: dict[str, str],
        hits: Sequence[Hit],
        *,
        also: bool = False,
        few: bool = False,
    ) -> str:
        """The note for corrected words: `No article has “Ukrane”; searched for “Ukraine”
        instead.`, spelled as the question and as the first hit holding each correction
        writes it (else the first paragraph that does: the index keeps stems, no words).
        `also`: the words were kept and the corrections searched too (`_likely_slips`);
        `few`: some articles have the words, but none on the question's topic (`_off_topic`)."""
        analyzer = self.library.analyzer
        typed = {term: question[a:b] for term, a, b in analyzer.match_spans(question, set(fixed))}
        wrong: list[str] = []
        right: list[str] = []
        for typo, term in fixed.items():
            near = typed.get(typo, typo).casefold()
            # a split word's parts each as written ("srilanka": "Sri Lanka")
            parts = term.split()
            shown = " ".join(
                self._form_of(part, near if len(parts) == 1 else part, hits) for part in parts
            )
            wrong.append(f"“{typed.get(typo, typo)}”")
            right.append(f"“{shown}”")
        if also:
            return (
                f"Few articles have {_listed(wrong, 'or')}; "
                f"also searched for {_listed(right, 'and')}."
            )
        if few:
            return (
                f"Few articles have {_listed(wrong, 'or')}, none with the rest of your question; "
                f"searched for {_listed(right, 'and')} instead."
            )
        return (
            f"No article has {_listed(wrong, 'or')}; searched for {_listed(right, 'and')} instead."
        )

    def _form_of(self, term: str, near: str, hits: Sequence[Hit]) -> str:
        """How the hits (else the first paragraph holding it) write `term`: the form nearest
        `near`, the word typed ("recieved": received, not receiving); the term itself when
        no text holds it."""
        analyzer = self.library.analyzer
        heads = [text for hit in hits for text in (hit.article.headline, hit.article.standfirst)]
        for text in itertools.chain(self._texts_holding(term, hits), heads):
            spans = analyzer.match_spans(text[:READ_CHARS], {term})
            if spans:
                forms = [self._unelided(_POSSESSIVE.sub("", text[a:b])) for _, a, b in spans]
                return max(forms, key=lambda f: SequenceMatcher(None, near, f.casefold()).ratio())
        return term

    def _unelided(self, word: str) -> str:
        """A word as written without the elided article joined to it ("d'économies":
        "économies"), as the analysis reads it."""
        article, mark, rest = word.replace("\u2019", "'").partition("'")
        if mark and rest and article.casefold() in self._words.elisions:
            return word[len(article) + 1 :]
        return word

    def _likely_slips(self, question: str, terms: Sequence[str]) -> dict[str, str]:
        """For a word of the question that a few paragraphs hold (SLIP_DF or fewer: a typo
        the news made too, "goverment"), typed in lower case and in no dictionary, the word one
        edit away that the dictionary holds and SLIP_RATIO times as many paragraphs use: it
        is searched as well. The word itself had been searched alone, and its few
        paragraphs, matching nothing else, were the answer."""
        lib = self.library
        vocab, df = lib.body.vocab, lib.body.df
        rare = {t for t in terms if t.isalpha() and t in vocab and int(df[vocab[t]]) <= SLIP_DF}
        if not rare:
            return {}
        typed: dict[str, str] = {}
        opening = _FIRST_WORD.search(question)
        first = opening.start() if opening else -1
        named: set[str] = set()  # typed with a capital: only a name the question confirms
        for term, start, end in lib.analyzer.match_spans(question, rare):
            word = question[start:end]
            # a first word before another capitalised one is a name too: "Erling Haaland"
            opens_name = start == first and _NAME_GOES_ON.match(question, end) is not None
            if word.islower() or (start == first and word[1:].islower() and not opens_name):
                typed.setdefault(term, word.casefold())
            elif word[:1].isupper() and word[1:].islower():  # "Desantos" (not "NASA")
                named.add(term)
                typed.setdefault(term, word.casefold())
        context = self._context(terms, rare)
        shortest = SHORT_SPELLING_LETTERS if context else SPELLING_LETTERS
        candidates = [
            term
            for term in dict.fromkeys(terms)
            if term in typed and shortest <= len(typed[term]) <= SPELLING_MAX_LETTERS
        ]
        real = _dictionary(self.config.language) if candidates else None
        if real is None:
            return {}
        slips: dict[str, str] = {}
        for term in candidates:
            if typed[term] in real and term not in named:
                continue
            if typed[term] in _DIALECT_WORDS:  # the other English's word: "cheques" no "cheese"
                continue
            least = SLIP_RATIO * int(df[vocab[term]])

            def common(words: Iterable[str], term: str = term, least: int = least) -> set[str]:
                """The terms other than `term` of these words that `least` paragraphs use."""
                analysed = (lib.analyzer.terms(word) for word in words)
                return {
                    t[0]
                    for t in analysed
                    if len(t) == 1
                    and t[0] != term
                    and t[0] in vocab
                    and int(df[vocab[t[0]]]) >= least
                }

            short = len(typed[term]) < SPELLING_LETTERS
            edits = _one_edit(typed[term])
            # a name is no typo of a dictionary word ("Sunack" no "snack")
            found = set() if short or term in named else common(w for w in edits if w in real)
            near = set()  # further: those the question's other words must confirm
            # a word a headline or standfirst holds is the library's own: no typo to
            # replace with a neighbour ("snackers" in a headline was "searched for Sticker")
            headed = term in lib.head.vocab or term in lib.section.vocab
            if not found and context and not headed:
                # a name, or a word, that the question's other words meet: "hurricane iann"
                # is Ian, "desantos florida" DeSantis; two edits from a dictionary word:
                # "tarrifs on china" is tariffs
                near = common(edits)
                if not short and term not in named and len(typed[term]) <= TWO_EDITS_LETTERS:
                    near |= common({w for e in edits for w in _one_edit(e) if w in real})
            fit = self._fits(found | near | {term}, context)
            # ... and that fit the question better than the word as typed ("chalmers" is
            # no "Charger", though two paragraphs hold one with "nation")
            near = {
                e
                for e in near
                if fit[e][1] >= SHORT_SPELLING_MEETS
                and fit[e][0] > fit[term][0]
                and (term not in named or self._written_as_name(e))  # "Truss" no "trust"
            }
            found |= near
            if found:
                slips[term] = max(found, key=lambda e: (fit[e][0], int(df[vocab[e]]), e))
        return slips

    def _missing_note(self, question: str, terms: Sequence[str]) -> str | None:
        """The note for question words no article uses that were not corrected: the hits
        match the rest (`No article mentions “covid”; these match the rest of your
        question.`), so a reader does not take a vaccine story of 2005 for one on covid."""
        words = self._missing_words(question, terms)
        if words is None:
            return None
        return f"No article mentions {words}; these match the rest of your question."

    def _partial_note(
        self,
        question: str,
        terms: Sequence[str],
        hits: Sequence[Hit],
        alternates: dict[str, tuple[str, ...]] | None = None,
        as_of: date | None = None,
    ) -> str | None:
        """For a short question (PARTIAL_TERMS words or fewer, each in some article) whose
        hits shown hold none of them all, in an article's text, headline or standfirst: the
        note that names the words missing with the rest. When no article that may be shown
        (published by the recency grace after `as_of`) holds them all ("gaza ceasefire" of
        2005's news had shown a Kashmir ceasefire with nothing said): "No article has ...".
        When one does but none of the hits shown ("lewiston shooting": a round-up of the
        fifty states, far down, held both words, and the three hits one each, nothing said):
        "None of these has ...". The words named are the fewest whose leaving out leaves
        words held together, those the first hit lacks when it is such a set. None when the
        hits hold every word but those that frame an English question ("worth", "be held",
        "how old", "date": `_question_frame`) or join two sides ("vs", "v", "versus"), which the
        story asked about need not use; neither is named as the missing word. A story dated
        after the day asked is none of the library's then: "titan submarine" asked before
        the sub was lost is told so over a missile test, not passed over for a later story.
        A long question's hits match part of it as a rule, and so do a small library's
        (under KNOWN_LANGUAGE_TERMS: it lacks most words). `alternates`: the terms searched
        for a word of the other English ("truck" for "lorry"), each with the word's own
        terms: an article holding either holds the word."""
        lib = self.library
        alternates = alternates or {}
        distinct = [term for term in dict.fromkeys(terms) if term not in alternates]
        if not 2 <= len(distinct) <= PARTIAL_TERMS or len(lib.body.vocab) < KNOWN_LANGUAGE_TERMS:
            return None
        typed = {
            term: question[a:b]
            for term, a, b in reversed(lib.analyzer.match_spans(question, set(distinct)))
        }
        if len(typed) < len(distinct):
            return None  # a word searched in another form too ("cease-fire"): not told apart
        holding = {  # the articles holding each term, in their text, headline or standfirst
            term: np.union1d(lib.whole.holding_all([term]), lib.head.holding_all([term]))
            for term in distinct
        }
        for other, own in alternates.items():  # "lorry" is held where "truck" is
            also = np.union1d(lib.whole.holding_all([other]), lib.head.holding_all([other]))
            for term in own:
                if term in holding:
                    holding[term] = np.union1d(holding[term], also)
        grace = self.library.config.recency_grace_days
        for term, numbers in holding.items():  # a later story was no news on the day asked
            holding[term] = numbers[self._by(numbers.astype(np.int32), as_of, grace)]

        def held(kept: Sequence[str], among: dict[str, IntArray]) -> bool:
            """Whether some article of `among` holds all of these terms."""
            together = among[kept[0]]
            for term in kept[1:]:
                together = np.intersect1d(together, among[term], assume_unique=True)
                if not len(together):
                    return False
            return bool(len(together))

        # the words of its subject: without those that frame the question
        frame = set(self._question_frame(question)) if self._english else set()
        frame |= self._versus  # "chelsea vs barcelona": a story of both clubs is the answer
        frame |= self._outlet_terms(question)  # "usa today daily briefing": who tells it
        subject = [term for term in distinct if term not in frame] or distinct
        shown = np.array(sorted({hit.number for hit in hits}), dtype=np.int32)
        shown = shown[self._by(shown, as_of, grace)]
        if self._shown_hold(subject, typed, hits, holding, set(shown.tolist())):
            return None
        if held(subject, holding):
            # some article holds them: the note is of the hits shown, none of which does
            # ("ryanair's boeing deal worth": the story holds every word but the frame's)
            holding = {term: np.intersect1d(numbers, shown) for term, numbers in holding.items()}
            lead, them = "None of these has", "they"
        else:
            lead, them = "No article has", "these"
        gaps: list[tuple[str, ...]] = []
        for size in range(1, len(subject)):
            gaps = [
                gap
                for gap in itertools.combinations(subject, size)
                if held([term for term in subject if term not in gap], holding)
            ]
            if gaps:
                break
        if not gaps:  # no two words together in any article: each is the others' gap
            gaps = [tuple(subject[1:])]
        first = hits[0].number if hits else -1
        lacks = tuple(term for term in subject if first not in holding[term])
        gap = lacks if lacks in gaps else gaps[0]
        rest = [term for term in subject if term not in gap]
        words = _listed([f"“{typed[term]}”" for term in gap], "or")
        if len(rest) == 1:
            with_rest = f"with “{typed[rest[0]]}”; {them} match part of your question"
        else:
            with_rest = f"with the rest of your question; {them} match part of it"
        return f"{lead} {words} {with_rest}."

    def _shown_hold(
        self,
        subject: Sequence[str],
        typed: dict[str, str],
        hits: Sequence[Hit],
        holding: dict[str, IntArray],
        dated: set[int],
    ) -> bool:
        """Whether one hit shown (of `dated`, those of the day asked) holds every term of
        `subject`: as analysed (`holding`), or as the question typed it, unstemmed, in its
        headline, standfirst or passage. Lower-case "met" is read as "meet", where the Met
        Gala's stories write the name "Met" (kept whole, `_NAME_FORMS`): three right hits
        had been shown under "None of these has “met” with “gala”". The typed words, not
        the name forms searched, are checked, so any form the analysis tells apart from
        the word typed ("rose", "drew", "AIDS") counts where the hit writes it as typed."""
        for hit in hits:
            if hit.number not in dated:
                continue
            lacking = [term for term in subject if hit.number not in holding[term]]
            if not lacking:
                return True
            article = hit.article
            words = set(self._words.terms(f"{article.headline}\n{article.standfirst}\n{hit.text}"))
            forms = [self._words.terms(typed[term]) for term in lacking]
            if all(form and words.issuperset(form) for form in forms):
                return True
        return False

    def _outlet_spans(self, text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """Where `text` names one of the library's sources, as `source:` names them (its
        words in a row, written as one word, or its first words when they hold a word that
        is no stopword: "bbc" for "BBC News"; "the" alone names no "The Week"): each
        (start, end, the store's source indexes), the longest at each place. Asked of every
        English question: the names' words are looked up by a word of the question (a
        library of feeds has hundreds of sources; reading each name at each word had cost
        0.1 ms of a question with three), and a question holding none is done at once."""
        if not self._english:
            return []
        keys = self._source_keys()
        if not keys or (
            text.isascii()  # its name words, read at once: a word's own reading is slower
            and self._source_marks.isdisjoint(_ASCII_WORD.findall(_transliterated(text.casefold())))
        ):
            return []
        found = [(m.start(), m.end(), _name_word(m[0])) for m in _NAME_WORD.finditer(text)]
        spans: list[tuple[int, int, tuple[int, ...]]] = []
        at = 0
        while at < len(found):
            best: dict[int, list[int]] = {}  # tokens taken -> the sources so named
            for key, index in keys.get(found[at][2], ()):
                if found[at][2] == "".join(key) and len(key) > 1:
                    best.setdefault(1, []).append(index)  # "usatoday"
                for size in range(len(key), 0, -1):
                    run = tuple(word for _, _, word in found[at : at + size])
                    if run == key[:size] and (
                        size == len(key) or not ENGLISH_STOPWORDS.issuperset(run)
                    ):
                        best.setdefault(size, []).append(index)
                        break
            if best:
                size = max(best)
                spans.append((found[at][0], found[at + size - 1][1], tuple(best[size])))
                at += size
            else:
                at += 1
        return spans

    def _source_keys(self) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        """The library's source names' words (`name_words`) with each source's index, by
        the word a mention of it opens with: its first word, or all of them written as one
        ("usatoday"). Read again when the library gains a source (news added)."""
        names = self.library.store.source_names
        stamp = (id(names), len(names))
        if self._source_keys_of != stamp:
            keys: dict[str, list[tuple[tuple[str, ...], int]]] = {}
            marks: set[str] = set()  # a word every mention of a source holds
            for index, name in enumerate(names):
                key = _name_words(name)
                if not key:
                    continue
                keys.setdefault(key[0], []).append((key, index))
                # a mention holds a word of the name that is no stopword ("week", of "The
                # Week"; "the" alone names none), or all of it written as one
                marks.add(next((w for w in key if w not in ENGLISH_STOPWORDS), key[0]))
                if len(key) > 1:
                    keys.setdefault("".join(key), []).append((key, index))
                    marks.add("".join(key))
            self._sources_by_word, self._source_keys_of = keys, stamp
            self._source_marks = frozenset(marks)
        return self._sources_by_word

    def _plain_name(self, typed: str) -> bool:
        """Whether an outlet's name as typed reads as plain words too ("the week", "the
        hill"): each of its words that is no stopword is in the language's dictionary and
        typed in lower case. "cnn", "usa today" (neither "cnn" nor "usa" is a word) and "The
        Week" typed with capitals are names. Without a dictionary, every name may be words."""
        real = _dictionary(self.config.language)
        words = [w for w in _NAME_WORD.findall(typed) if w.casefold() not in ENGLISH_STOPWORDS]
        return real is None or all(w.islower() and w in real for w in words)

    def _outlet_asked(self, text: str) -> _Outlet | None:
        """The outlet `text` names as the teller of the story asked for (see
        OUTLET_LIFT), with the question left without the name and its cue words; or None.
        Not when nothing of a subject is left ("what did cnn say today")."""
        for start, end, sources in self._outlet_spans(text):
            before = text[:start]
            cut_from, cut_to = start, end
            if _OUTLET_AFTER.match(text, end):
                plain = _PLAIN_AFTER.match(text, end)
                cut_to = plain.end() if plain else end
                if said := _PLAIN_BEFORE.search(before):
                    cut_from = said.start()  # "an article from cnn's coverage": all of it
            elif _OUTLET_BEFORE.search(before):
                plain = _PLAIN_BEFORE.search(before)
                cut_from = plain.start() if plain else start
            elif (
                _LEADS_IN.fullmatch(before)
                and (opens := _OUTLET_OPENS.match(text, end))
                and not self._plain_name(text[start:end])
            ):
                cut_to = opens.end()  # "cnn on tiktok ban"
            else:
                continue
            rest = " ".join(f"{text[:cut_from]} {text[cut_to:]}".split())
            subject = [t for t in self.library.analyzer.terms(rest) if t not in self._news_request]
            if not subject:
                return None
            store = self.library.store
            return _Outlet(sources, tuple(store.source_names[i] for i in sources), rest)
        return None

    def _outlet_terms(self, question: str) -> set[str]:
        """The terms of the library's outlets' names `question` holds as names, not plain
        words (`_plain_name`): no note names them as a subject's missing word ("cnn 5 things
        to know today", "usa today daily briefing": the outlet's own columns)."""
        return {
            term
            for start, end, _ in self._outlet_spans(question)
            if not self._plain_name(question[start:end])
            for term in self.library.analyzer.terms(question[start:end])
        }

    def _question_frame(self, question: str) -> list[str]:
        """The terms of an English question's words that give its form, not its subject:
        "how old", "how long"; "worth"; "be held", "is based", "take place"; "happen"; "date"
        ("queen elizabeth funeral date": the funeral's stories give the day, not the word);
        and those that ask to compare or check (`_ASKS_WHETHER`: "difference", "compare",
        "is it true"), which are not searched either."""
        words = " ".join(
            next(word for word in found.groups() if word)
            for found in [*_FRAME.finditer(question), *_asks_whether(question)]
        )
        return self.library.analyzer.terms(words) if words else []

    def _missing_words(
        self, question: str, terms: Sequence[str], *, names: bool = False
    ) -> str | None:
        """The question's words no article uses, as typed and quoted (`“Rishi” or
        “Sunak”`), or None. A library that does not know the language (KNOWN_LANGUAGE_TERMS)
        lacks most ordinary words ("what happened in Niger?"): there only names and numbers
        are worth telling; with `names`, only names (a question no article has a word of:
        "Elon Musk" is told, gibberish, "blorft qwzx", and "2" are not)."""
        lib = self.library
        missing = {term for term in terms if term not in self._versus and self._unused(term)}
        if missing:  # the name of an outlet of the library is no word it lacks ("usa today")
            missing -= self._outlet_terms(question)
        if not missing:
            return None
        typed: dict[str, str] = {}
        named: set[str] = set()  # capitalised (not just as the question's first word), digits
        opening = _FIRST_WORD.search(question)
        first = opening.start() if opening else -1
        for term, start, end in lib.analyzer.match_spans(question, missing):
            word = typed.setdefault(term, question[start:end])
            capital = word[:1].isupper() and (
                start != first
                or word.isupper()
                or _NAME_GOES_ON.match(question, end) is not None  # "Elon Musk"
                or _WORDS_TYPED.search(question, end) is None  # "Zelensky?"
            )
            if capital or (not names and any(map(str.isdigit, word))):
                named.add(term)  # (a number alone is no name: "2" is told no good match)
        if names or len(lib.body.vocab) < KNOWN_LANGUAGE_TERMS:
            missing &= named
            if not missing:
                return None
        words = [f"“{typed.get(term, term)}”" for term in dict.fromkeys(terms) if term in missing]
        return _listed(words, "or")

    def _texts_holding(self, term: str, hits: Sequence[Hit]) -> Iterator[str]:
        """The hits' passages, then the first paragraph that holds `term` (read only if no
        hit did)."""
        lib = self.library
        for hit in hits:
            yield hit.text
        doc = lib.body.first_doc(term)
        if doc is not None:
            number, position = int(lib.para_article[doc]), int(lib.para_position[doc])
            yield lib.store.get(number).paragraphs[position].text

    def _pick_passages(
        self,
        cand: IntArray,
        owners: IntArray,
        total: FloatArray,
        order: Positions,
        terms: Sequence[str],
        question: str,
        ideal: float,
        scope: _PhraseScope | None = None,
        newest: bool = False,
        contentless: npt.NDArray[np.bool_] | None = None,
    ) -> dict[int, int]:
        """For the first `pick_articles` articles in `order` (positions into `cand`, best
        first), the position of the passage each answers with, chosen by answer cues.
        `contentless`: `_contentless` of `cand` with these terms, when the ranking has it.
        Asked for the `newest` on a subject, a round-up answers with its first passage on
        it that is no list of its items (`_roundup_leads`).

        The articles keep their rank (their best passage's score); among an article's
        candidates the choice adds to each score, as shares of a perfect match's:
        `pick_coverage` times the share of the question's distinct terms the passage holds;
        `pick_lead` for a passage near the top; `pick_number` when an English question asks
        for a number ("how many", "what percentage") and the passage holds one; `pick_names`
        times log(1 + n) for n capitalised words (names) the question does not use: the answer
        to "who" or "which country" is a name the question cannot hold.
        With the question's quoted phrases (`scope`), an article with a candidate passage
        holding them answers with one that does (`_holding_phrases`): a quoted "Will Young"
        had shown the paragraph fullest of "young".
        """
        lib, cfg = self.library, self.config
        if not len(order):
            return {}
        top = list(dict.fromkeys(owners[order].tolist()))[: cfg.pick_articles]
        ranked = np.zeros(lib.n_articles, np.bool_)
        ranked[top] = True
        sel = np.flatnonzero(ranked[owners])
        docs = cand[sel]
        by_doc = np.argsort(docs, kind="stable")
        sel, docs = sel[by_doc], docs[by_doc]
        distinct = list(dict.fromkeys(terms))
        known = [term for term in distinct if term in lib.body.vocab]
        present = lib.body.presence([lib.body.vocab[term] for term in known], docs)
        kept = ~_outdone(lib.para_aside[docs], present, owners[sel])
        bare = self._contentless(docs, terms) if contentless is None else contentless[sel]
        if bare.any():  # "Mike Johnson" shown where the story says more of him
            said = np.zeros(lib.n_articles, np.bool_)
            said[owners[sel][kept & ~bare & present.any(axis=0)]] = True
            kept &= ~(bare & said[owners[sel]])
        english = cfg.language in ("english", "porter")
        named = self._names_asked(question)
        # a short question's: a long one's words seldom fill a subhead, and reading them
        # cost the quiz's questions 0.17 ms
        headings = (
            self._heading_like(docs) & kept
            if len(distinct) <= SHORT_TERMS
            else np.zeros(len(docs), np.bool_)
        )
        if named is not None and headings.any():
            # a line naming what a "who" or "which" asks for may be the answer: a results
            # list's "Best actor: Brendan Fraser"
            headings &= ~self._naming(docs, present, known, named)
        if headings.any():  # "Map of LA fires" shown where a sentence of its story holds the words
            head = _held_terms(lib.head, known, owners[sel])
            outdone = self._headings_outdone(headings, docs, present, owners[sel], kept, head)
            kept &= outdone == np.inf
        if not kept.all():
            sel, docs, present = sel[kept], docs[kept], present[:, kept]
        extra = cfg.pick_coverage * present.sum(axis=0) / len(distinct)
        # among an article's passages, side matter keeps its own place's bonus: it is a
        # candidate here only where it holds a question word no other passage does (`_outdone`),
        # the teaser that names the answer ("DeSantis announces:... on Twitter")
        positions = _story_positions(lib, docs, side_placed=True)
        extra += cfg.pick_lead * np.exp(-positions / cfg.lead_decay)
        if english and _typed_as_keywords(question, lib.analyzer):
            extra += self._keyword_leads(docs, present)
        cues = lib.para_cues[docs]
        if cfg.pick_number and english and _NUMBER_QUESTION.search(question):
            extra += cfg.pick_number * ((cues & HAS_NUMBER) > 0)
        if named is not None:
            shared = present[[i for i, term in enumerate(known) if term in named]].sum(axis=0)
            novel = np.maximum((cues & NAMES_MASK).astype(np.int64) - shared, 0)
            extra += cfg.pick_names * np.log1p(novel)
        rescored = total[sel] + extra * ideal
        group = owners[sel]
        if newest and self._roundup_words:
            rescored += self._roundup_leads(docs, group, positions, terms) * ideal
        reads = self._text_cues(question) if english else []
        if reads:
            held = self._cues_held(reads, rescored, group, docs, ideal)
            for (weight, _), holds in zip(reads, held, strict=True):
                rescored += weight * ideal * holds
        if scope is not None:
            holds = self._holding_phrases(scope, group, docs)
            if holds.any():
                # where some of an article's passages hold the phrases, only those may answer
                phrased = np.zeros(lib.n_articles, np.bool_)
                phrased[group[holds]] = True
                rescored = np.where(phrased[group] & ~holds, -np.inf, rescored)
        by = np.lexsort((-rescored, group))  # by article, best rescored first; ties: lower doc
        grouped = group[by]
        starts = np.flatnonzero(np.concatenate([[True], grouped[1:] != grouped[:-1]]))
        return dict(zip(grouped[starts].tolist(), sel[by][starts].tolist(), strict=True))

    def _keyword_leads(self, docs: IntArray, present: npt.NDArray[np.bool_]) -> FloatArray:
        """What a search typed as keywords adds to these candidate passages' scores, as
        shares of a perfect match: KEYWORD_LEAD for a story's lead, decaying with its place
        as `pick_lead` does, where the passage holds KEYWORD_HELD of the question's terms or
        more (`present`: the terms, rows, each passage holds). Side matter is no lead."""
        lead: FloatArray = KEYWORD_LEAD * np.exp(
            -_story_positions(self.library, docs) / self.config.lead_decay
        )
        lead[present.sum(axis=0) < min(KEYWORD_HELD, len(present))] = 0.0
        return lead

    def _heading_like(self, docs: IntArray) -> npt.NDArray[np.bool_]:
        """Which of these passages are heading-like (HEADING_TERMS): short, ending in no mark,
        below their article's first line. A live blog's subheads ("Map of LA fires",
        "Mapping the LA fires: See latest evacuation zones and fire locations"), an
        explainer's ("Bill Richardson's role in freeing Brittney Griner"); also a list's items
        and a results table's rows, which is why such a passage is not dropped, only passed
        over where its article has a sentence saying as much (`_headings_outdone`). Read from
        the index alone: lengths, end marks, places."""
        lib = self.library
        heading: npt.NDArray[np.bool_] = (
            (lib.body.doc_len[docs] <= HEADING_TERMS)
            & (lib.para_end[docs] == 0)
            & (lib.para_position[docs] > 0)
            & ~lib.para_aside[docs]
        )
        return heading

    def _names_asked(self, question: str) -> set[str] | None:
        """The names a question uses, when the names its passages hold beyond them count as
        answer cues (`pick_names`): an English question asking "who" or "which", any
        question in another language. None otherwise."""
        cfg = self.config
        english = cfg.language in ("english", "porter")
        asks_name = _NAME_QUESTION.search(_WHAT_HAPPENED.sub(" ", question)) is not None
        if not cfg.pick_names or (english and not asks_name):
            return None
        return set(self.library.analyzer.names(question))

    def _naming(
        self,
        docs: IntArray,
        present: npt.NDArray[np.bool_],
        known: Sequence[str],
        named: Collection[str],
    ) -> npt.NDArray[np.bool_]:
        """Which passages hold a name the question does not (`para_cues`' count of names,
        less the question's names each holds): for a "who" or "which", a line that may be
        the answer. `present`: the `known` terms (rows) each passage holds."""
        shared = present[[i for i, term in enumerate(known) if term in named]].sum(axis=0)
        names: IntArray = (self.library.para_cues[docs] & NAMES_MASK).astype(np.int64)
        more: npt.NDArray[np.bool_] = names > shared
        return more

    def _headings_capped(
        self,
        cand: IntArray,
        owners: IntArray,
        total: FloatArray,
        terms: Sequence[str],
        contentless: npt.NDArray[np.bool_],
        question: str,
    ) -> FloatArray:
        """`total` with each heading-like passage (`_heading_like`) that a sentence of its
        article outdoes (`_headings_outdone`) scored no higher than that sentence: its
        article then ranks as its sentences do. "Map of LA fires" holds "la fires" side by
        side, as typed, in three terms, and had ranked a live page whose sentences say
        "Los Angeles" above stories on the fires, and been shown as its answer. A heading
        no sentence of its article outdoes keeps its score: the line naming the answer in
        a results list ("2005: Jeff Gordon"), the only line of a round-up's item on the
        subject ("Climbers hold world's highest tea party on Mount Everest"), and for a "who"
        or "which" one naming what the question does not ("Oscars 2023: 'Everything
        Everywhere All at Once' wins 7, including best picture", of "who won best picture")."""
        lib = self.library
        headings = self._heading_like(cand) & ~contentless
        if not headings.any():
            return total
        holding = np.zeros(lib.n_articles, np.bool_)
        holding[owners[headings]] = True
        at = np.flatnonzero(holding[owners])  # the candidates of articles with a heading
        docs, group = cand[at], owners[at]
        body = lib.body
        known = [term for term in dict.fromkeys(terms) if term in body.vocab]
        present = _held_terms(body, known, docs)
        kept = ~lib.para_aside[docs] & ~contentless[at]
        capping = headings[at]
        if (named := self._names_asked(question)) is not None:
            capping &= ~self._naming(docs, present, known, named)
        head = _held_terms(lib.head, known, group)
        cap = self._headings_outdone(capping, docs, present, group, kept, head, total[at])
        capped = total.copy()
        capped[at] = np.minimum(total[at], cap)
        return capped

    def _headings_outdone(
        self,
        headings: npt.NDArray[np.bool_],
        docs: IntArray,
        present: npt.NDArray[np.bool_],
        group: IntArray,
        kept: npt.NDArray[np.bool_],
        head: npt.NDArray[np.bool_],
        scores: FloatArray | None = None,
    ) -> FloatArray:
        """For each heading-like passage (`headings`) that gives way to a sentence of its
        article, the best score (`scores`; without them, 0) of those sentences; for the
        others, +inf. A heading gives way to a kept passage ending ".", "!" or "?" that, with
        its article's headline and standfirst (shown with it), holds as many of the question's
        words as the heading does with them, or all of them but one (of three or more),
        whichever is fewer. "Map of LA fires" gives way to "Evacuations from the Palisades
        Fire continued Friday, ..." under "LA fires live updates: ..." (no sentence of that
        page writes "LA": it writes "Los Angeles"); "SEC and DOJ are investigating SVB
        collapse" does not give way to a sentence naming SVB alone under a headline without
        "collapse", nor a results list's "2005: Jeff Gordon" to a sentence without the year.
        `present`: the question's terms (rows) each passage holds; `head`: the same, of each
        passage's article's head; `group`: each passage's article."""
        n_articles = self.library.n_articles
        held = (present | head).sum(axis=0)
        sentences = kept & ~headings & np.isin(self.library.para_end[docs], _FULL_STOP_MARKS)
        sentences &= present.any(axis=0)
        cap = np.full(len(docs), np.inf)
        if not sentences.any():
            return cap
        values = scores if scores is not None else np.zeros(len(docs))
        n = present.shape[0]
        need = np.minimum(held, n - 1 if n >= 3 else n)
        at = np.flatnonzero(headings & (need > 0))
        for count in np.unique(need[at]).tolist():
            # per article, the best sentence holding this many of the question's words
            best = np.full(n_articles, np.inf)
            held_enough = np.flatnonzero(sentences & (held >= count))
            if not len(held_enough):
                continue
            best[group[held_enough]] = -np.inf
            np.maximum.at(best, group[held_enough], values[held_enough])
            mine = at[need[at] == count]
            cap[mine] = best[group[mine]]
        return cap

    def _contentless(self, docs: IntArray, terms: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Which of these passages say nothing beyond the question's words: CONTENTLESS_TERMS terms
        or fewer, all of them the question's (a list item "Mike Johnson", a byline "By Cormac
        McCarthy"), or two, one of them (a credit "Carey Wagner"). One more word says
        something ("Sales of mobile phones rose again", of "phone sales"), and so does a
        sentence ("The Chiefs won the Super Bowl again.", of "the last time the chiefs won the
        super bowl"), a subhead asking a question ("What caused the SVB collapse?": shown with
        the paragraph after it, which answers) and a line leading into the next ("Joe
        Biden:"). Read from the index alone: its lengths, the postings of the short passages
        and the mark each passage ends with (`end_mark`, kept as it is indexed). Reading the
        texts had decoded about one article a question (0.2 ms of a quiz question's 2)."""
        lib = self.library
        body = lib.body
        lengths = body.doc_len[docs]
        bare = np.zeros(len(docs), np.bool_)
        short = np.flatnonzero(lengths <= CONTENTLESS_TERMS)
        known = [body.vocab[term] for term in dict.fromkeys(terms) if term in body.vocab]
        if not len(short) or not known:
            return bare
        held = body.presence(known, docs[short]).sum(axis=0)
        others = lengths[short] - held
        unsaid = lib.para_end[docs[short]] == 0
        bare[short] = (
            unsaid & (held > 0) & ((others == 0) | ((others <= 1) & (lengths[short] <= 2)))
        )
        return bare

    def _word_order(
        self,
        cand: IntArray,
        owners: IntArray,
        total: FloatArray,
        terms: Sequence[str],
        asked: str,
        ideal: float,
        need: int,
    ) -> FloatArray:
        """Per candidate passage of a short question, a search engine's proximity bonus, as a
        share of a perfect match's score (`ideal`, as the priors are): `adjacent_weight` times
        the share of the question's pairs of words typed side by side that the passage, its
        headline or its standfirst holds side by side, in order (stopwords may stand between,
        punctuation may not); and `as_typed_weight` times the share of the question's weight
        (idf) in words the passage or its head writes as typed ("federer", not "federal": one
        stem). "white house" had opened with the sprinter Kelli White's story, "star wars"
        with a film star's fame, "federer 2004" with federal budgets. Which words match does
        not change. Read as the text cues are, only where it may matter: among the best
        PROXIMITY_ARTICLES articles, an article whose passages cannot reach the first `need`
        with the most they may gain (from the indexes: a pair only where both words are)
        is not read, nor is a passage that cannot become its article's best, except in the
        articles that may be shown (the passage choice compares their passages)."""
        lib, cfg = self.library, self.config
        analyzer = lib.analyzer
        bonus = np.zeros(len(cand))
        wanted = set(terms)
        typed = list(analyzer.term_spans(asked))  # read twice: the forms, and the pairs
        forms = self._typed_forms(asked, wanted, typed)
        # with a word the question's steps search for others typed ("openai" for "open ai",
        # "35bn" for "35 billion", a typo's correction), the words as typed are not what is
        # searched: the stories holding that word would lose to the typed words'
        rewritten = not wanted <= forms.keys()
        pairs = _typed_pairs(asked, typed, wanted)
        vocab, idf = lib.body.vocab, lib.body.idf
        weights = {term: float(idf[vocab[term]]) for term in forms if term in vocab}
        weighed = sum(weights.values())
        adjacent = cfg.adjacent_weight * ideal / len(pairs) if pairs else 0.0
        as_typed = cfg.as_typed_weight * ideal / weighed if weighed > 0 and not rewritten else 0.0
        if not adjacent and not as_typed:
            return bonus
        if not as_typed:
            forms = {}  # not compared
        most = adjacent * len(pairs) + as_typed * weighed
        order = self._covering(
            top_indices(total, 4 * PROXIMITY_ARTICLES, cand), owners, total, cand,
            PROXIMITY_ARTICLES,
        )  # fmt: skip
        # the articles by their best passage's score, best first
        firsts, at_first = np.unique(owners[order], return_index=True)
        by_best = np.argsort(at_first, kind="stable")[:PROXIMITY_ARTICLES]
        numbers, bests = firsts[by_best], total[order[at_first[by_best]]]
        # an article whose best passage is more than the largest bonus below the `need`-th
        # article's cannot reach the first `need`; nor can a passage more than it below its
        # article's best become the best: neither is read
        keep = bests >= bests[min(need, len(bests)) - 1] - most
        numbers, bests = numbers[keep], bests[keep]
        lowest = np.full(lib.n_articles, np.inf)
        lowest[numbers] = bests - most
        pool = np.flatnonzero(total >= lowest[owners])
        # what each passage may still gain, from the indexes: a pair side by side only where
        # it or its head holds both words (or the two as one), a word as typed only where one
        # of them holds it
        ordered = sorted(wanted)
        passage = _held_terms(lib.body, ordered, cand[pool])
        head = _held_terms(lib.head, ordered, owners[pool])  # a head document per article
        either = passage | head
        row = {term: i for i, term in enumerate(ordered)}
        gain = as_typed * np.array([weights.get(term, 0.0) for term in ordered]) @ either
        for first, second in pairs:
            a, b = row[first], row[second]
            possible = (passage[a] & passage[b]) | (head[a] & head[b])
            if (one := row.get(first + second)) is not None:
                possible |= either[one]
            gain += adjacent * possible
        reach = total[pool] + gain
        article_reach = np.full(lib.n_articles, -np.inf)
        np.maximum.at(article_reach, owners[pool], reach)
        # by article, the article that may reach highest first; in it, its passages likewise
        by = np.lexsort((-reach, owners[pool], -article_reach[owners[pool]]))
        pool, reach = pool[by], reach[by]
        scores, groups, reaches = total[pool].tolist(), owners[pool].tolist(), reach.tolist()
        reached: list[float] = []  # the `need` best scores with their bonus so far (a heap)
        heads = np.zeros(lib.n_articles)
        headed_of: dict[int, tuple[set[tuple[str, str]], set[str]]] = {}
        unread: dict[int, list[int]] = {}  # per article, the places in `pool` not read
        shown: list[tuple[float, int]] = []  # (best score with its bonus, article)

        def lift_of(
            article: Article, i: int, headed: tuple[set[tuple[str, str]], set[str]]
        ) -> float:
            position = int(lib.para_position[cand[pool[i]]])
            side, written = self._held_in(
                article.paragraphs[position].text[:READ_CHARS], wanted, pairs, forms
            )
            side |= headed[0]
            written |= headed[1]
            return adjacent * len(side) + as_typed * sum(weights.get(t, 0.0) for t in written)

        at = 0
        while at < len(pool):
            number, end = groups[at], at
            while end < len(pool) and groups[end] == number:
                end += 1
            if len(reached) >= need and reaches[at] < reached[0]:
                break  # this article and those after it stay below the first `need`
            article = lib.store.get(number)
            headed = self._held_in(
                f"{article.headline}\n{article.standfirst}", wanted, pairs, forms
            )
            headed_of[number] = headed
            # what the head holds counts for each of its passages, read or not (the passage
            # choice compares them)
            heads[number] = adjacent * len(headed[0]) + as_typed * sum(
                weights.get(t, 0.0) for t in headed[1]
            )
            best = -math.inf
            for i in range(at, end):
                if reaches[i] < best:  # it and the passages after it stay below the best
                    unread.setdefault(number, []).append(i)
                    continue
                lift = lift_of(article, i, headed)
                bonus[pool[i]] = lift
                best = max(best, scores[i] + lift)
            shown.append((best, number))
            if len(reached) < need:
                heapq.heappush(reached, best)
            else:
                heapq.heappushpop(reached, best)
            at = end
        # an article that may be shown has every passage read: the passage choice's cues
        # may prefer one below its best
        for _, number in heapq.nlargest(need, shown):
            article = lib.store.get(number)
            for i in unread.get(number, ()):
                bonus[pool[i]] = lift_of(article, i, headed_of[number])
        return np.maximum(bonus, heads[owners])

    def _held_in(
        self,
        text: str,
        wanted: Collection[str],
        pairs: dict[tuple[str, str], tuple[str, ...]],
        forms: dict[str, set[str]],
    ) -> tuple[set[tuple[str, str]], set[str]]:
        """Of a question's pairs of terms side by side (`_word_order`), those the text holds
        side by side, in order (not across a line break), or as one word the question's
        steps also search ("X-Factor" for "x factor", "OpenAI" for "open ai"); and of its
        terms, those it writes as typed (`forms`)."""
        side: set[tuple[str, str]] = set()
        written: set[str] = set()
        spans = self.library.analyzer.placed_spans(text, wanted)
        for _, term, start, end in spans:
            if term not in forms and (pair := _split_pair(term, pairs)) is not None:
                side.add(pair)
            if (
                term in forms
                and term not in written
                and not forms[term].isdisjoint(self._forms(text[start:end]))
            ):
                written.add(term)
        if pairs:
            for (place, first, _, end), (after, second, start, _) in itertools.pairwise(spans):
                if (
                    after == place + 1
                    and (first, second) in pairs
                    and _BETWEEN_WORDS.fullmatch(text, end, start) is not None
                    and _between(text, end, start) == pairs[first, second]
                ):
                    side.add((first, second))
        return side, written

    def _typed_forms(
        self,
        asked: str,
        wanted: Collection[str],
        spans: Iterable[tuple[str, int, int]] | None = None,
    ) -> dict[str, set[str]]:
        """For each of the `wanted` terms the question writes, the forms it is written in
        (`_forms`), from the question's term spans (`spans`, when read already)."""
        forms: dict[str, set[str]] = {}
        for term, start, end in self.library.analyzer.term_spans(asked) if spans is None else spans:
            if term in wanted:
                forms.setdefault(term, set()).update(self._forms(asked[start:end]))
        return forms

    def _forms(self, word: str) -> set[str]:
        """A word as `_word_order` compares it with the question's, one of these forms in
        common being the same word: in any case, without its possessive, dots, apostrophes
        and hyphens ("U.S." is "us", "e-mails" "emails"), in English without accents, and in
        English with and without a plural's ending ("troops" is "troop", "jobs" "job"; not
        "federal" "federer", one stem for two words, which is what the comparison is for)."""
        form = without_marks(_POSSESSIVE.sub("", word).casefold())
        for mark in ".'\u2019-\u2010\u2011":
            form = form.replace(mark, "")
        if not self._words.fold_accents:  # not English
            return {form}
        form = without_accents(form)
        forms = {form}
        if len(form) > 3 and form.endswith("s") and not form.endswith("ss"):
            forms.add(form[:-1])
            if form.endswith("ies"):
                forms.add(form[:-3] + "y")
            elif form.endswith("es"):
                forms.add(form[:-2])
        return forms

    def _holding_phrases(
        self, scope: _PhraseScope, group: IntArray, docs: IntArray
    ) -> npt.NDArray[np.bool_]:
        """Which of these passages (`docs`, of the articles `group`) hold every phrase of the
        scope. Only passages the indexes say may hold a phrase (`_PhraseScope.paragraphs`)
        are read."""
        lib = self.library
        may = np.ones(len(docs), np.bool_)
        for paragraphs in scope.paragraphs:
            if paragraphs is not None:
                may &= np.isin(docs, paragraphs)
        holds = np.zeros(len(docs), np.bool_)
        for at in np.flatnonzero(may).tolist():
            doc = int(docs[at])
            article = lib.store.get(int(group[at]))
            text = article.paragraphs[int(lib.para_position[doc])].text[:READ_CHARS]
            holds[at] = self._pieces_hold([text], scope.keys)
        return holds

    def _text_cues(self, question: str) -> list[tuple[float, Callable[[str], bool]]]:
        """The answer cues an English question calls for that read a passage's text, each
        with its weight: `pick_place` for "which country" (a passage naming a country the
        question does not), `pick_count` for "how many people" (a passage counting people:
        "34 people", "thousands of people")."""
        cfg = self.config
        cues: list[tuple[float, Callable[[str], bool]]] = []
        if cfg.pick_number and _WHEN_QUESTION.search(question):

            def dated(text: str) -> bool:
                return _DATED.search(text) is not None

            def on_a_day(text: str) -> bool:
                return _DAY_DATED.search(text) is not None

            cues.append((cfg.pick_number, dated))
            cues.append((cfg.pick_number * DAY_SHARE, on_a_day))
        kind = asked_place(question) if cfg.pick_place else None
        if kind is not None:
            asked = places_in(question, kind, any_case=True)  # typed in lower case too

            def names_another(text: str) -> bool:
                return bool(places_in(text, kind) - asked)

            cues.append((cfg.pick_place, names_another))
        counted = _HOW_MANY.search(question) if cfg.pick_count else None
        # the words of what is counted ("Senate seats", "US troops"): a modifier comes first
        nouns = (
            {t for t in self.library.analyzer.terms(counted.group(1)) if len(t) > 2}
            if counted
            else set()
        )
        if nouns and counted is not None:
            analyzer = self.library.analyzer
            # a stem starts as its words do ("peopl"), an irregular form as typed ("men"):
            # words that start otherwise are not analysed
            starts = {noun[:4] for noun in nouns} | {
                word[:4].casefold() for word in counted.group(1).split() if len(word) > 2
            }

            def counts(text: str) -> bool:
                # where a word starts so, the words before it end with a number (positions
                # in the folded text: folding may change its length, "ß" is "ss")
                folded = text.casefold()
                for start in starts:
                    at = folded.find(start)
                    while at >= 0:
                        if (
                            not (at and folded[at - 1].isalnum())
                            and _is_count(folded, at)
                            and (word := _WORD_AT.match(folded, at)) is not None
                            and not nouns.isdisjoint(analyzer.terms(word.group()))
                        ):
                            return True
                        at = folded.find(start, at + 1)
                return False

            cues.append((cfg.pick_count, counts))
        return cues

    def _cues_held(
        self,
        reads: Sequence[tuple[float, Callable[[str], bool]]],
        rescored: FloatArray,
        group: IntArray,
        docs: IntArray,
        ideal: float,
    ) -> npt.NDArray[np.bool_]:
        """Which passages hold each of the text cues (`_text_cues`), one row a cue. A
        passage's text is read only while it may still become its article's best, its
        article's passages taken best first (one whose score and every cue's bonus stay below
        the best so far cannot), and an article with one passage that may keeps it unread.
        The passages left unread hold none, and no article's choice differs from reading them
        all: a "where" question had read some 60 passages' texts for their places, now a few."""
        held = np.zeros((len(reads), len(rescored)), np.bool_)
        most = sum(weight for weight, _ in reads) * ideal
        by = np.lexsort((-rescored, group)).tolist()
        groups, scores, numbers = group.tolist(), rescored.tolist(), docs.tolist()
        lib = self.library
        at = 0
        while at < len(by):
            end = at
            while end < len(by) and groups[by[end]] == groups[by[at]]:
                end += 1
            best = -math.inf  # the best score with its bonus so far, in this article
            if end - at >= 2 and scores[by[at + 1]] + most >= scores[by[at]]:
                article = lib.store.get(groups[by[at]])
                for pos in by[at:end]:
                    if scores[pos] + most < best:
                        break  # this passage and those after it stay below the best
                    doc = numbers[pos]
                    text = article.paragraphs[int(lib.para_position[doc])].text[:READ_CHARS]
                    score = scores[pos]
                    for cue, (weight, holds) in enumerate(reads):
                        if holds(text):
                            held[cue, pos] = True
                            score += weight * ideal
                    best = max(best, score)
            at = end
        return held

    def _restricted(
        self, allowed: npt.NDArray[np.bool_] | None, only: Collection[int] | None
    ) -> npt.NDArray[np.bool_] | None:
        """The article mask with removed articles, and those not in `only`, taken out (None
        when every article is allowed)."""
        removed = self.library.store.removed
        if only is None and not removed.any():
            return allowed
        mask = ~removed if allowed is None else allowed & ~removed
        if only is not None:
            chosen = np.zeros(len(removed), np.bool_)
            numbers = np.fromiter(only, np.int64)
            chosen[numbers[(numbers >= 0) & (numbers < len(chosen))]] = True
            mask &= chosen
        return mask

    def _any_dated(self) -> bool:
        """Whether some story here has a date: a library of none (a corpus without dates)
        has no day's news to list, only words to search."""
        store = self.library.store
        return bool(((store.published != NO_DATE) & ~store.removed).any())

    def _within(
        self, window: tuple[date, date], allowed: npt.NDArray[np.bool_] | None
    ) -> npt.NDArray[np.bool_]:
        """Per article, whether it was published in `window` (its first day, up to its last,
        not included) and `allowed` lets it through."""
        published = self.library.store.published
        start, end = (day.toordinal() for day in window)
        inside: npt.NDArray[np.bool_] = (published >= start) & (published < end)
        return inside if allowed is None else inside & allowed

    def _allowed_articles(
        self, query: ParsedQuery, notes: list[str]
    ) -> tuple[npt.NDArray[np.bool_], str | None]:
        """Per article, whether the source, date and exclusion filters let it through; or an
        error when a source matches no known source."""
        store = self.library.store
        allowed = np.ones(len(store), np.bool_)
        if query.sources:
            wanted, error = self._source_numbers(query.sources)
            if error is not None:
                return allowed, error
            allowed &= np.isin(store.source_of, wanted)
        if query.since is not None or query.before is not None:
            published = store.published
            dated = published != NO_DATE
            if not dated.any():
                notes.append(UNDATED_FILTER)
            allowed &= dated
            if query.since is not None:
                allowed &= published >= query.since.toordinal()
            if query.before is not None:
                allowed &= published < query.before.toordinal()
        for word in query.excluded:
            terms = sorted(set(self.library.analyzer.terms(word)))
            if terms:
                allowed &= ~self._articles_with(terms)
            else:
                notes.append(
                    f"“-{shorten(word)}” left nothing out: the word is too common to exclude."
                )
        return allowed, None

    def _named_sources(self, query: ParsedQuery) -> ParsedQuery:
        """The query with each of its `loose_sources` ("source: reuters", typed with a space)
        that names a source made a source filter, its words out of the ranked text. It must
        name one as a whole, as one word ("usatoday") or by its first words ("bbc" for "BBC
        News"), and hold a word that is no stopword: "the source: the government" and "the
        source: news reports" are questions ("The Guardian", "Sky News")."""
        keys = [_name_words(name) for name in self.library.store.source_names]
        named: list[str] = []
        text = query.text
        for value in query.loose_sources:
            words = _name_words(value)
            if not words or not self.library.analyzer.terms(value):
                continue
            joined = "".join(words)
            if any(key[: len(words)] == words or "".join(key) == joined for key in keys):
                named.append(value)
                typed = re.compile(
                    rf"(?<!\S)source:\s+{re.escape(value)}[{re.escape(TRAILING)}]*(?!\S)",
                    re.IGNORECASE,
                )
                text = typed.sub(" ", text, count=1)
        if not named:
            return replace(query, loose_sources=())
        sources = tuple(dict.fromkeys([*query.sources, *named]))
        return replace(query, text=" ".join(text.split()), sources=sources, loose_sources=())

    def _source_numbers(self, values: Sequence[str]) -> tuple[list[int], str | None]:
        """Indexes into the store's source names that match any of `values`, or an error
        naming the value that matches none and some sources there are."""
        names = self.library.store.source_names
        keys = [_name_words(name) for name in names]
        numbers: list[int] = []
        for value in values:
            wanted = _name_words(value)
            found = [i for i, key in enumerate(keys) if _holds_run(key, wanted)]
            if not found:
                return [], self._unknown_source(value)
            numbers.extend(found)
        return numbers, None

    def _unknown_source(self, value: str) -> str:
        return unknown_source(value, self.library.store.source_counts())

    def _articles_with(self, terms: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Per article, whether its headline, standfirst, section headings or body hold every
        one of `terms`."""
        lib = self.library
        every = np.ones(lib.n_articles, np.bool_)
        for term in terms:
            has = np.zeros(lib.n_articles, np.bool_)
            for index in (lib.head, lib.whole):
                has[index.candidates([term])[0]] = True
            has[lib.para_article[lib.section.candidates([term])[0]]] = True
            every &= has
        return every

    def _phrase_scope(self, phrases: Sequence[str]) -> _PhraseScope:
        """Where the phrases may be, from the indexes alone: a phrase is in one piece of an
        article (its headline and standfirst, a section heading, a paragraph), and that piece
        holds the term of each of the phrase's words whose term does not depend on its case
        (`_phrase_terms`). Every article holding the phrases is among `articles`, and
        each phrase is in its headline, standfirst, section headings or the paragraphs
        `where` gives (`_article_holds` decides)."""
        lib = self.library
        keys = self._phrase_keys(phrases)
        articles = np.ones(lib.n_articles, np.bool_)
        paragraphs: list[IntArray | None] = []
        for key in keys:
            terms = self._phrase_terms(key)
            if not terms:  # only stopwords ("to be") or case-dependent words ("US")
                paragraphs.append(None)
                continue
            body = lib.body.holding_all(terms)
            may = np.zeros(lib.n_articles, np.bool_)
            may[lib.para_article[body]] = True
            may[lib.head.holding_all(terms)] = True  # a head document per article
            may[lib.para_article[lib.section.holding_all(terms)]] = True
            articles &= may
            paragraphs.append(body)
        return _PhraseScope(keys, articles, paragraphs, list(phrases))

    def _written(self, scope: _PhraseScope) -> npt.NDArray[np.bool_] | None:
        """Of the scope's articles, those whose text holds each phrase as typed, in any case
        (a scan of the store, `ArticleStore.holding`, 0.1 s for 60 MB); None when none does.
        Read when PHRASE_CHECKS articles were checked in vain: for a phrase of common words
        ("It Ends With Us": of its words only "end" is searched, and the 500 best "end"
        articles lacked it) the indexes cannot narrow it down. A phrase written otherwise in
        an article (punctuation between its words, accented capitals) is left out then."""
        store = self.library.store
        written = scope.articles.copy()
        for phrase in scope.phrases:
            needle = " ".join(phrase.lower().split())
            if not needle or any(c.isalpha() and not c.isascii() for c in needle):
                continue  # bytes.lower() folds ASCII only
            held = store.holding(needle)
            if "'" in needle:  # typed straight, printed curly
                held |= store.holding(needle.replace("'", "\u2019"))
            written &= held
        return written if written.any() else None

    def _phrase_terms(self, key: str) -> list[str]:
        """The index terms every piece of text holding the phrase `key` (one of the
        `_phrase_keys`) holds: of each of its words, the term the word is read as in any
        case ("ROSE", "Rose" and "rose" are one word to a phrase, but the name "Rose" is the
        term rose and the verb "rose" is rise; the stopword "us" is no term, "US" is). A word
        whose term depends on its case adds none."""
        terms: list[str] = []
        for word in key.split():
            readings = {
                tuple(self.library.analyzer.terms(form))
                for form in (word, word.capitalize(), word.upper(), word + ".")
            }
            if len(readings) == 1 and len(read := readings.pop()) == 1:
                terms.append(read[0])
        return terms

    def _phrase_keys(self, phrases: Sequence[str]) -> list[str]:
        """Each phrase's words as `_holds_phrases` compares them (phrases without words go)."""
        keys = (self._words.terms(phrase) for phrase in phrases)
        return [_joined(words) for words in keys if words]

    def _holds_phrases(self, text: str, wanted: Sequence[str]) -> bool:
        """Whether `text` holds each of the `_phrase_keys`."""
        words = _joined(self._words.terms(text))
        return all(phrase in words for phrase in wanted)

    def _article_holds(
        self,
        article: Article,
        wanted: Sequence[str],
        where: Sequence[Positions | None] | None = None,
    ) -> bool:
        """Whether the article's headline, standfirst, section headings or paragraphs hold
        each of the `_phrase_keys` (each phrase within one of them). With `where` (from
        `_PhraseScope.where`), a phrase is looked for only in the paragraphs at its positions
        (None: in every paragraph)."""
        sections = dict.fromkeys(p.section for p in article.paragraphs if p.section)
        heads = [article.headline, article.standfirst, *sections]
        texts = [p.text for p in article.paragraphs]
        if where is None:
            return self._pieces_hold([*heads, *texts], wanted)
        for key, at in zip(wanted, where, strict=True):
            held = texts if at is None else [texts[i] for i in at.tolist()]
            if not self._pieces_hold([*heads, *held], [key]):
                return False
        return True

    def _pieces_hold(self, pieces: Sequence[str], wanted: Sequence[str]) -> bool:
        """Whether each of the `_phrase_keys` is in one of these texts. A pattern every
        holding text matches (`_probe`) is tried on them all first and then on each piece,
        so only pieces that may hold the phrase are analyzed and texts that lack it cost one
        regex search. Text with combining marks skips the patterns (composing them can join
        what the analyzer splits) and is analyzed whole."""
        probes = [_probe(phrase, self._elided) for phrase in wanted]
        text = "\n".join(pieces)
        trusted = _COMBINING.search(text) is None
        folded = pieces
        if trusted:
            whole = _folded(text)
            if not all(probe.search(whole) for probe in probes):
                # the analyzer reads "Société" as "societe": so may the patterns, but only
                # for text with accented letters (without_accents returns others as they are)
                bare = without_accents(whole) if self._words.fold_accents else whole
                if bare is whole or not all(probe.search(bare) for probe in probes):
                    return False
                whole = bare
            folded = whole.split("\n")  # each piece as folded (folding keeps line breaks)
            if len(folded) != len(pieces):  # a piece with a line break of its own
                folded = [_folded(piece) for piece in pieces]
            if self._words.fold_accents:  # as the analyzer reads each piece
                folded = [without_accents(low) for low in folded]
        for phrase, probe in zip(wanted, probes, strict=True):
            if not any(
                (not trusted or probe.search(low)) and phrase in _joined(self._words.terms(piece))
                for piece, low in zip(pieces, folded, strict=True)
            ):
                return False
        return True

    def _newest(
        self,
        query: ParsedQuery,
        allowed: npt.NDArray[np.bool_] | None,
        k: int,
        offset: int,
        notes: list[str],
        checks: _Checks,
        *,
        as_of: date | None = None,
        for_news: bool = False,
        more: bool = True,
        window: tuple[date, date] | None = None,
    ) -> SearchResult:
        """For a question of only filters, or one asking for the news (`for_news`: "latest
        news?"): the newest matching articles, newest first (by published date, undated ones
        by when they were added), each with its lead (`_lead_at`), or with phrases its first
        paragraph holding them all. Asked on a past day (`as_of`), stories published after
        it (beyond NEWS_GRACE_DAYS) are not listed: they were not news yet. `window`: the
        days a request for the news named ("yesterday"), which `allowed` keeps, for the
        note."""
        lib, store = self.library, self.library.store
        live = np.zeros(lib.n_articles, np.bool_)
        live[lib.para_article] = True  # articles with a paragraph to show
        live &= ~store.removed
        live[~self._by(np.arange(lib.n_articles, dtype=np.int32), as_of, NEWS_GRACE_DAYS)] = False
        if allowed is not None:
            live &= allowed
        ordered = store.newest_first(np.flatnonzero(live))
        need = offset + k + more
        found: list[tuple[int, int]] = []
        seen_stories: set[int] = set()
        seen_texts: set[int] = set()

        def new_story(i: int, at: int) -> bool:
            """Whether the i-th article, shown at paragraph `at`, is no copy of one listed
            before it (the same story, or the same paragraph), as a ranked answer collapses."""
            number = int(ordered[i])
            first = _first_paragraph(lib, number)
            story, digest = int(store.story[number]), int(lib.para_hash[first + at])
            if story in seen_stories or digest in seen_texts:
                return False
            seen_stories.add(story)
            seen_texts.add(digest)
            return True

        if query.phrases:
            scope = self._phrase_scope(query.phrases)
            wanted = scope.keys
            ordered = ordered[scope.articles[ordered]]
            written: npt.NDArray[np.bool_] | None = None
            checked = 0
            for i, number in enumerate(ordered.tolist()):
                if checked == PHRASE_CHECKS and written is None:
                    written = self._written(scope)  # as _PhraseTest reads it
                if written is not None and not written[number]:
                    continue
                if checked >= PHRASE_CHECKS and (written is None or checked >= 2 * PHRASE_CHECKS):
                    checks.gave_up = "newest"
                    notes.append(_checked_only("newest", query.phrases) + ".")
                    break
                checked += 1
                article = store.get(number)
                where = scope.where(lib, number, len(article.paragraphs))
                if not self._article_holds(article, wanted, where):
                    continue
                # the first paragraph that may hold them all and does
                maybe = set(range(len(article.paragraphs)))
                for positions in where:
                    if positions is not None:
                        maybe.intersection_update(positions.tolist())
                at = next(
                    (
                        i
                        for i in sorted(maybe)
                        if self._holds_phrases(article.paragraphs[i].text, wanted)
                    ),
                    0,  # the phrase is in the headline, standfirst or a section heading
                )
                if new_story(i, at):
                    found.append((number, at))
                if len(found) >= need:
                    break
        else:
            for i, number in enumerate(ordered.tolist()):
                at = self._lead_at(number)
                if new_story(i, at):
                    found.append((number, at))
                    if len(found) >= need:
                        break
        hits = tuple(
            Hit(store.get(number), at, 0.0, number=number)
            for number, at in found[offset : offset + k]
        )
        if hits and not offset:
            # of the stories that could be listed, not only the page's: the note says how the
            # whole list is ordered, the same for any page size
            dated = bool((store.published[ordered] != NO_DATE).any())
            day = as_of or date.today()
            latest = max((h.article.published for h in hits if h.article.published), default=None)
            # said when the newest listed is more than a week before the day asked (or the
            # last day `before:` allows): "source:cnn" asked in May 2024 had listed 31 Dec 2022
            # unsaid
            last = day if query.before is None else min(day, query.before - timedelta(1))
            stale = latest is not None and (last - latest).days > STALE_NEWS_DAYS
            since = f" (the latest from {_day_words(latest)})" if stale and latest else ""
            if for_news and window is not None:
                notes.append(
                    f"The newest stories of {_window_words(window, day)}; ask about a subject "
                    "for the ones that match it best."
                )
            elif for_news:
                notes.append(
                    ("The newest stories" if dated else "The stories added last (none has a date)")
                    + since
                    + "; ask about a subject for the ones that match it best."
                )
            else:
                notes.append(
                    f"No words to search for, so here are the newest articles that match{since}."
                    if dated
                    else "No words to search for, so here are the articles that match, the "
                    "latest added first (none of them has a date)."
                )
        # dates that leave nothing of what the other filters keep: said with the dates there
        # are ("source:cnn since:2d": "Try fewer or different words" of no words)
        dates = query.since or query.before
        if (
            not (hits or offset or query.phrases or for_news)
            and dates
            and (missed := self._dates_missed(query, as_of))
        ):
            return SearchResult((), note=" ".join([*notes, missed]))
        # (with filters, they left none: `_result` says so, and no story need be undated)
        if for_news and not hits and not offset and not len(ordered) and not query.has_filters:
            notes.append(
                f"No story here is dated on or before {_day_words(as_of or date.today())}."
            )
        return _result(hits, len(found) > offset + k, notes, query, offset)

    def _dates_missed(self, query: ParsedQuery, as_of: date | None) -> str | None:
        """For filters whose dates leave no story, when the others keep some by the day
        asked: that none is so recent (so old), and the newest (oldest) one's date
        ("No CNN story here is dated 29 Apr 2024 or later; CNN's newest is from 31 Dec
        2022."); None when no date of those stories lies beyond the range."""
        store = self.library.store
        # what the source and exclusion filters keep, as the search reads them
        others, error = self._allowed_articles(replace(query, since=None, before=None), [])
        if error is not None:
            return None
        kept = others & ~store.removed & (store.published != NO_DATE)
        numbers = np.arange(len(store), dtype=np.int32)
        kept &= self._by(numbers, as_of, NEWS_GRACE_DAYS)
        named = self._source_numbers(query.sources)[0] if query.sources else []
        if not kept.any():
            return None
        dates = store.published[kept]
        names = {store.source_names[i] for i in named}
        name = next(iter(names)) if len(names) == 1 else None
        if (query.sources and not name) or query.excluded:
            none = "No story the other filters keep"
        else:
            none = f"No {name} story here" if name else "No story here"
        whose = f"{name}'s" if name else "the"
        if query.since is not None and int(dates.max()) < query.since.toordinal():
            newest = date.fromordinal(int(dates.max()))
            return (
                f"{none} is dated {_day_words(query.since)} or later; {whose} newest is from "
                f"{_day_words(newest)}."
            )
        if query.before is not None and int(dates.min()) >= query.before.toordinal():
            oldest = date.fromordinal(int(dates.min()))
            return (
                f"{none} is dated before {_day_words(query.before)}; {whose} oldest is from "
                f"{_day_words(oldest)}."
            )
        return None

    def _lead_at(self, number: int) -> int:
        """The position of an article's lead (`lead_position`)."""
        return lead_position(self.library.store.get(number))

    def _leads(self, numbers: IntArray, matched: IntArray) -> tuple[IntArray, IntArray]:
        """The first paragraph of each of these articles that has one and is not among the
        `matched` articles (a few thousand at most), and its article."""
        lib = self.library
        seen = np.zeros(lib.n_articles, np.bool_)
        seen[matched] = True
        numbers = numbers[~seen[numbers]]
        # its paragraphs are in a row; the numbers in the array's type (see _first_paragraph)
        first = np.searchsorted(lib.para_article, numbers.astype(lib.para_article.dtype))
        has = first < len(lib.para_article)
        has[has] = lib.para_article[first[has]] == numbers[has]
        return first[has].astype(np.int32), numbers[has]

    def _headlines_repeated(
        self, terms: Sequence[str], heads: tuple[IntArray, FloatArray], perfect: float
    ) -> tuple[IntArray, FloatArray]:
        """Articles whose headline a short question repeats (all of the question's terms are
        in the headline, or all but its numbers when the headline names none and two words
        are left), with the share of the headline's terms the question holds, times the
        square of the share of the question's terms the headline holds. A reader who types
        or pastes a headline ("Italy 17-28 Ireland", "psp tipped") means that story, which
        the head index alone (at `head_weight`) ranked below stories whose paragraphs say
        the words more often. Only the HEADLINE_CANDIDATES best head matches are read; a
        question of one word or of more than HEADLINE_TERMS is no headline. A head holding
        the question's words scores at least half of `perfect` (its index's perfect match)
        unless it is ten times the average length, so only heads that do are read (most
        questions have none)."""
        lib = self.library
        none = np.zeros(0, np.int32), np.zeros(0)
        distinct = set(terms)
        ids, scores = heads
        if not 2 <= len(distinct) <= HEADLINE_TERMS or not len(ids):
            return none
        # a year may be missing: headlines seldom carry the year of their story ("top music
        # earner 2004" is "Prince crowned 'top music earner'"), its words and other numbers
        # may not ("playstation 3")
        needed = {term for term in distinct if not _YEAR.fullmatch(term)}
        if len(needed) < 2:
            needed = distinct
        if not needed <= lib.head.vocab.keys():
            return none  # no headline holds the words no head has
        strong = scores >= 0.5 * len(needed) / len(distinct) * perfect
        if not strong.any():
            return none
        ids, scores = ids[strong], scores[strong]
        best = ids[np.argsort(-scores, kind="stable")[:HEADLINE_CANDIDATES]]
        found: list[int] = []
        shares: list[float] = []
        for number in best.tolist():
            if lib.store.removed[number]:
                continue
            words = self._headline_terms(number)
            both = len(words & distinct)
            if words and needed <= words and self._of_years(number, distinct - words, words):
                found.append(number)
                shares.append(both / len(words) * (both / len(distinct)) ** 2)
        return np.array(found, np.int32), np.array(shares)

    def _of_years(self, number: int, years: Collection[str], words: frozenset[str]) -> bool:
        """Whether an article may be a story of the `years` its headline `words` leave out:
        none are, or its headline names no other number and it is undated or published in one
        of them or early the next ("the 2008 financial crisis" is no "Financial crisis fears
        grow" of 2024, "the 2022 word of the year" no "... the 2021 word of the year")."""
        if not years:
            return True
        if any(term.isdigit() for term in words):
            return False
        published = int(self.library.store.published[number])
        if published == NO_DATE:
            return True
        year = date.fromordinal(published).year
        return any(int(asked) <= year <= int(asked) + 1 for asked in years)

    def _headline_terms(self, number: int) -> frozenset[str]:
        """An article's headline terms, remembered (a short question reads the same few)."""
        found = self._headlines.get(number)
        if found is None:
            if len(self._headlines) >= 1 << 14:
                self._headlines.clear()
            headline = self.library.store.heading(number)[0]
            found = self._headlines[number] = frozenset(self.library.analyzer.terms(headline))
        return found

    def _article_scores(
        self, heads: tuple[IntArray, FloatArray], wholes: tuple[IntArray, FloatArray]
    ) -> FloatArray | None:
        """Per article: the weighted head and whole-article scores (None if nothing matched),
        from the head and whole-article indexes' candidates."""
        lib, cfg = self.library, self.config
        dense: FloatArray | None = None
        for (docs, scores), weight in ((heads, cfg.head_weight), (wholes, cfg.article_weight)):
            if weight and len(docs):
                if dense is None:
                    dense = np.zeros(lib.n_articles)
                dense[docs] += weight * scores
        return dense

    def _asks_for_news(self, ranked: str, terms: Sequence[str]) -> bool:
        """Whether an English question asks for the news, not about a subject: all its terms
        are words such as "latest", "today", "what happened", one of them a word for news
        itself ("news", "headlines", "stories", "happened"; or "new" with words of when:
        "what's new?", "what's new today?", "anything new?"), and it is no title ("The
        Tonight Show", "New World")."""
        if _BREAKING.search(ranked):  # "breaking news": the word, not the stem ("broke")
            terms = [term for term in terms if term != self._break]
        if (days := _NEWS_DAYS.search(ranked)) is not None:
            # "what happened 3 days ago", "a year ago", "last weekend": the days, no subject
            said = set(self.library.analyzer.terms(days.group()))
            terms = [term for term in terms if not term.isdecimal() and term not in said]
        if not terms or not self._news_request.issuperset(terms):
            return False
        new = "new" in terms and self._new_when.issuperset(terms)
        if not (new or self._news_words.intersection(terms)):
            return False
        return not _titled(ranked)

    def _unknown_script_runs(self, asked: str, terms: list[str]) -> list[str]:
        """The terms, each run of Chinese or Japanese characters the library does not know
        (as the question writes it) one term: a word of such a script is one to four
        characters, and each unknown character had counted as a word against the question
        ("Tony Blair 托尼·布莱尔 election" of English news found nothing: three known words
        against five unknown ones)."""
        lib = self.library

        def unknown_char(term: str) -> bool:
            return (
                len(term) == 1
                and _CJK_CHAR.match(term) is not None
                and term not in lib.body.vocab
                and term not in lib.head.vocab
            )

        if not any(map(unknown_char, terms)):
            return terms
        out: list[str] = []
        run = ""
        for term in terms:
            unknown = unknown_char(term)
            if unknown and run + term in asked:
                run += term
                continue
            if run:
                out.append(run)
            run = term if unknown else ""
            if not unknown:
                out.append(term)
        if run:
            out.append(run)
        runs = sum(1 for term in out if _CJK_CHAR.match(term) is not None and term not in terms)
        # a number is no word of a language ("2005年英国大选结果": one run, and 2005)
        others = sum(1 for t in terms if _CJK_CHAR.match(t) is None and not t[:1].isdigit())
        if runs > others:
            # a question mostly in Chinese or Japanese ("特斯拉 CEO 是谁": two runs, one word
            # of ours): each character counts, and the note asks whether it is in another
            # language; "Yukos 尤科斯公司" (one run, one word) is searched by its name
            return terms
        return out

    def _without_asking_words(self, asked: str, terms: list[str]) -> list[str]:
        """The question's terms without the "many" or "much" of each "how many" / "how
        much" in it, and the words that ask to compare or check (`_ASKS_WHETHER`), as long
        as another term is left."""
        terms = list(terms)
        for found in [*_HOW_MUCH.finditer(asked), *_asks_whether(asked)]:
            words = next(word for word in found.groups() if word)
            for term in self.library.analyzer.terms(words):
                if term in terms and len(terms) > 1:
                    terms.remove(term)
        return terms

    def _without_newest_words(self, ranked: str, terms: list[str]) -> tuple[list[str], bool]:
        """The question's terms without the words that ask for the newest stories on its
        subject (`_ASKS_NEWEST`), as long as another term is left, and whether it had any:
        the recency prior then counts NEWEST_RECENCY times as much."""
        if self._news_request.issuperset(terms):  # "last week's news": the news itself
            return terms, False
        # read in lower case: "Latest on the TikTok ban", "WHAT'S NEW WITH BOEING", a curly
        # apostrophe straight
        ranked = ranked.replace("\u2019", "'")
        ranked = ranked.lower() if _shouted(ranked) else ranked[:1].lower() + ranked[1:]
        newest = _ASKS_NEWEST.findall(ranked)
        found = newest + _SAYS_WHEN.findall(ranked)
        if not found:
            return terms, False
        asking = {t for words in found for t in self.library.analyzer.terms(words)}
        kept = [term for term in terms if term not in asking]
        # the days a request names are no subject either ("news a year ago")
        days = _NEWS_DAYS.search(ranked)
        said = set(self.library.analyzer.terms(days.group())) if days is not None else set()
        if not [term for term in kept if term not in said and not term.isdecimal()]:
            return terms, False  # "news today": a request for the news, not about a subject
        return kept, bool(newest)

    def _hold_enough(
        self,
        keep: npt.NDArray[np.bool_],
        cand: IntArray,
        owners: IntArray,
        terms: Sequence[str],
        searched: set[str],
        phrases: Sequence[str],
        asked: str,
    ) -> None:
        """Of the candidates `keep` keeps (paragraphs `cand` of articles `owners`), keep only
        those that hold enough of a short question to answer it: for a question of
        PARTIAL_TERMS distinct terms or fewer, the paragraph, its headline and standfirst
        hold HELD_SHARE of the terms' weight (body idf; a term only headlines or standfirsts
        use, or none, at the highest), so "bitcoin price" is not answered by "oil prices" nor
        "harry styles" by Prince Harry. The relevance threshold alone let one common word
        through: a paragraph repeating it, with its headline's and article's scores, reaches
        30% of a perfect match that counts each word once. A longer question holds context
        no passage repeats (quiz questions), and so does a small library's (under
        KNOWN_LANGUAGE_TERMS: it lacks most words, and a word every one of its few articles
        uses weighs nothing). Not counted: a quoted phrase's words (its articles hold it,
        `_phrase_scope`), the word after "which" or "what" in English (`_ASKED_KIND`), a run
        of characters of a script no article writes ("Chelsea 切尔西",
        `_unknown_script_runs`). A question searched in other forms of its words too
        (`terms` beyond the `searched` ones: "t cells" as T-cell, "£4bn" as 4 billion) is
        left as it is: a passage holds one form."""
        lib = self.library
        body, head = lib.body, lib.head
        distinct = list(dict.fromkeys(terms))
        if (
            not 2 <= len(distinct) <= PARTIAL_TERMS
            or len(body.vocab) < KNOWN_LANGUAGE_TERMS
            or not searched.issuperset(distinct)
        ):
            return
        # Only a question naming what the library has never heard of: a word no article
        # uses, and no typo of one (no indexed term of its first letter two edits away).
        # Its known words alone weighed by idf, a verifier found a rare misspelling the
        # library holds as another word outweigh the name ("kamala haris": "haris" kept
        # junk and dropped the Harris stories), and a typo no step corrects ("huntr biden
        # gun", "tony blare") leave nothing where the other words had found the story.
        unheard = [
            term
            for term in distinct
            if term not in body.vocab and term not in head.vocab and not self._near_term(term)
        ]
        if not unheard:
            return
        if self._english:
            kinds = {t for m in _ASKED_KIND.finditer(asked) for t in lib.analyzer.terms(m[1])}
            distinct = [term for term in distinct if term not in kinds]
        distinct = [
            term
            for term in distinct
            if term in body.vocab or term in head.vocab or _CJK_CHAR.match(term) is None
        ]
        quoted = set(lib.analyzer.terms(" ".join(phrases))) if phrases else set()
        passed = np.flatnonzero(keep)
        if all(term in quoted for term in distinct) or not len(passed):
            return
        cand, owners = cand[passed], owners[passed]
        top = self._top_idf(body)
        weight = np.array(
            [max(float(body.idf[body.vocab[t]]), 0.0) if t in body.vocab else top for t in distinct]
        )
        held = np.zeros((len(distinct), len(cand)), np.bool_)
        held[[i for i, term in enumerate(distinct) if term in quoted]] = True
        known = [i for i, term in enumerate(distinct) if term in body.vocab]
        if known:
            order = np.argsort(cand, kind="stable")
            tids = [body.vocab[distinct[i]] for i in known]
            found = np.empty((len(known), len(cand)), np.bool_)
            found[:, order] = body.presence(tids, cand[order])  # it reads ascending ids
            held[known] |= found
        titled = [i for i, term in enumerate(distinct) if term in head.vocab]
        if titled:
            numbers, back = np.unique(owners, return_inverse=True)
            tids = [head.vocab[distinct[i]] for i in titled]
            held[titled] |= head.presence(tids, numbers)[:, back]
        least = HELD_SHARE * float(weight.sum()) * (1 - 1e-9)  # rounding: all held passes
        keep[passed] = weight @ held >= least

    def _near_term(self, term: str) -> bool:
        """Whether an indexed body term of `term`'s first letter is one edit from it (two
        for a term of seven letters or more; optimal string alignment): then `term` may be
        a typo of it ("huntr" of hunter, "blare" of blame or Blair, "halley" of Hailey).
        Two edits of a shorter word reach a term of nearly any word ("brexit": brit,
        "covid": cover)."""
        return bool(self._terms_within(term, 2 if len(term) >= TWO_EDIT_SHORTEST else 1))

    def _top_idf(self, index: BM25Index) -> float:
        """The idf of a term no document of `index` holds (the highest a term can have)."""
        n = index.n_docs
        return math.log(1.0 + (n + 0.5) / 0.5) if self.config.idf == "lucene" else math.log(n + 0.5)

    def _ideal(
        self,
        index: BM25Index,
        terms: Sequence[str],
        weights: Sequence[tuple[int, float]],
        knows: float = 1.0,
    ) -> float:
        """What a document of `index` matching every question term once would score
        (`weights`: the index's), distinct unknown terms counted at the highest idf times
        `knows` (`_knows`)."""
        total = sum(max(weight, 0.0) for _, weight in weights)
        unknown = {term for term in terms if term not in index.vocab}
        return total + self._top_idf(index) * knows * len(unknown)

    def _knows(
        self, head_scores: FloatArray, head_weights: Sequence[tuple[int, float]], threshold: float
    ) -> float:
        """How much a question's unknown words count against it in the relevance threshold
        (1: fully, at the highest idf; a question of mostly unknown words is gibberish). A
        library of a few articles lacks most words a question uses ("what happened in
        Niger?" asked of one article on Niger), and that is no sign of gibberish when the
        words it does know name a story: when some article's headline and standfirst hold
        them well (`threshold` of a perfect match on the words the headlines know). Then
        they count as far as the library knows the language: its paragraphs' distinct terms
        over KNOWN_LANGUAGE_TERMS. Only where stopwords are removed: elsewhere "le" or "de"
        would name every story."""
        lib = self.library
        knows = min(1.0, len(lib.body.vocab) / KNOWN_LANGUAGE_TERMS)
        if knows >= 1.0 or not lib.analyzer.removes_stopwords or not len(head_scores):
            return 1.0
        perfect = sum(max(weight, 0.0) for _, weight in head_weights)
        return knows if float(head_scores.max()) >= threshold * perfect else 1.0

    def _by(self, numbers: IntArray, as_of: date | None, grace: int) -> npt.NDArray[np.bool_]:
        """Which of these articles are undated or were published by `grace` days after the
        day asked (today when `as_of` is None)."""
        published = self.library.store.published[numbers]
        latest = (as_of or date.today()).toordinal() + grace
        known: npt.NDArray[np.bool_] = (published == NO_DATE) | (published <= latest)
        return known

    def _recency(
        self,
        owners: IntArray,
        as_of: date | None,
        slower: float = 1.0,
        since: date | None = None,
    ) -> FloatArray:
        """A prior in [-FUTURE_PRIOR, 1]: 1 for an article published on `as_of`, halving every
        half-life; 0 for undated articles; -FUTURE_PRIOR for those published after `as_of`
        (beyond a grace period): asked on a past day (`--as-of`), a story from later is not
        what the asker could mean ("who won the Super Bowl?" in February 2023 found a
        December 2024 round-up first). `slower`: the half-life that many times as long.
        `since`: the day ages count from, if not `as_of` (an article after it counts from
        `as_of`: it is no story on the subject, `_newest_on`)."""
        cfg = self.config
        if not cfg.recency_weight or not len(owners):
            return np.zeros(len(owners))
        today = (as_of or date.today()).toordinal()
        published = self.library.store.published[owners]
        age = (today - published).astype(np.float64)
        counted = age
        if since is not None:
            before = (since.toordinal() - published).astype(np.float64)
            counted = np.where(before >= 0, before, age)
        prior = np.exp2(-np.maximum(counted, 0.0) / (cfg.recency_half_life_days * slower))
        prior[age < -cfg.recency_grace_days] = -FUTURE_PRIOR
        prior[published == NO_DATE] = 0.0
        return prior

    def _this_season(self, owners: IntArray, since: date) -> FloatArray:
        """SEASON_LIFT (of the newest's prior) for a story of the SEASON_DAYS before `since` (the
        subject's newest story), fading to none by SEASON_FADE days; none for an undated one.
        Halving every 28 days, the newest's prior tells this week from last month, but leaves
        a story of three months before a tenth of it, about what one of years before has: on a
        bare subject the better-worded old stories took places 2 and 3 ("jimmy carter" the day
        after his 100th birthday: his 2020 and 2023 birthdays over August's "trying to make it
        to 100"). Added alike to every story of the season, the lift leaves the order among
        them to the 28-day curve (the newest coverage still first) and moves only stories of
        this season over those of years before. A story after `since` is one of the season."""
        published = self.library.store.published[owners]
        before = np.maximum(since.toordinal() - published, 0).astype(np.float64)
        share = np.clip((SEASON_FADE - before) / (SEASON_FADE - SEASON_DAYS), 0.0, 1.0)
        share[published == NO_DATE] = 0.0
        return SEASON_LIFT * share

    def _latest_days(
        self, owners: IntArray, own: npt.NDArray[np.bool_], as_of: date | None
    ) -> FloatArray:
        """For the passages `own` of the subject's own stories, LATEST_LIFT (of the newest's
        prior) for one of the day of its newest, halving every LATEST_HALVING days before it,
        when that story is no more than STALE_NEWS_DAYS older than the day asked (`as_of`,
        today when None): a running story. None for an undated story, nor for one dated
        after the day asked; none at all for a subject no longer reported."""
        lift = np.zeros(len(owners))
        published = self.library.store.published[owners]
        day = (as_of or date.today()).toordinal()
        dated = own & (published != NO_DATE) & (published <= day)
        if not dated.any():
            return lift
        newest = int(published[dated].max())
        if day - newest > STALE_NEWS_DAYS:
            return lift
        lift[dated] = LATEST_LIFT * np.exp2(-(newest - published[dated]) / LATEST_HALVING)
        return lift

    @staticmethod
    def _presence(
        index: BM25Index,
        tids: Sequence[int],
        docs: IntArray,
        family: dict[str, tuple[str, ...]] | None,
    ) -> npt.NDArray[np.bool_]:
        """`index.presence(tids, docs)`, a word held where a form of its family is (`family`:
        a form searched too -> its word's terms): "championship" holds "champs"."""
        found = index.presence(tids, docs)
        vocab = index.vocab
        row = {tid: i for i, tid in enumerate(tids)}
        forms: list[tuple[int, list[int]]] = []  # a form's term id, and its words' rows
        for form, own in (family or {}).items():
            rows = [row[vocab[word]] for word in own if word in vocab and vocab[word] in row]
            if rows and form in vocab:
                forms.append((vocab[form], rows))
        if forms:  # the forms' presence read in one pass
            held = index.presence([tid for tid, _ in forms], docs)
            for (_, rows), also in zip(forms, held, strict=True):
                for i in rows:
                    found[i] |= also
        return found

    def _on_subject(
        self,
        cand: IntArray,
        terms: Sequence[str],
        family: dict[str, tuple[str, ...]] | None = None,
    ) -> npt.NDArray[np.bool_]:
        """Which candidate passages are on the question's subject: they hold its words that
        make up SUBJECT_SHARE of its weight (idf), so a question's common words ("who won the
        last Super Bowl": "won") may be missing, not its rare ones ("latest on the idaho
        murders": a story of the "Idaho Department of Education" holds only "idaho"). A word
        only headlines use weighs as the rarest and is held by none: left out, "zebra
        crossings" was "crossings" alone, held by a story of lava that "crossed" the walls,
        while the zebra crossings' story says so only in its headline. A word no article
        uses at all is left out ("super bowl champions" of stories that say "won"). A word's
        family's other forms (`family`) count as the word."""
        lib = self.library
        if family:
            terms = [term for term in terms if term not in family]
        weights = lib.body.weights(terms)
        unused = len({t for t in terms if t in lib.head.vocab and t not in lib.body.vocab})
        total = sum(max(weight, 0.0) for _, weight in weights) + unused * self._top_idf(lib.body)
        if not weights or total <= 0.0 or not len(cand):
            return np.zeros(len(cand), np.bool_)
        order = np.argsort(cand, kind="stable")
        tids = [tid for tid, _ in weights]
        share = np.array([max(weight, 0.0) for _, weight in weights]) / total
        held = np.zeros(len(cand), np.bool_)
        held[order] = share @ self._presence(lib.body, tids, cand[order], family) >= SUBJECT_SHARE
        return held

    def _headlines_hold(
        self,
        owners: IntArray,
        terms: Sequence[str],
        family: dict[str, tuple[str, ...]] | None = None,
    ) -> npt.NDArray[np.bool_]:
        """Per candidate, whether its article's headline and standfirst hold all these terms
        (none does when one of them is in no headline), a word held where a form of its
        family is (`family`: "championship" holds "champs")."""
        head = self.library.head
        tids = [head.vocab.get(term) for term in dict.fromkeys(terms)]
        if not tids or None in tids or not len(owners):
            return np.zeros(len(owners), np.bool_)
        numbers, back = np.unique(owners, return_inverse=True)
        present = self._presence(head, [tid for tid in tids if tid is not None], numbers, family)
        held: npt.NDArray[np.bool_] = np.all(present, axis=0)[back]
        return held

    def _roundup_leads(
        self, docs: IntArray, group: IntArray, placed: FloatArray, terms: Sequence[str]
    ) -> FloatArray:
        """For these candidate passages (`docs`, of the articles `group`, by article; `placed`:
        their places, side matter kept), what moves the lead's bonuses (`lead_weight`,
        `pick_lead`, as shares of a perfect match) in a round-up (`_is_roundup`) asked for
        the newest on a subject: its passages that list its items (they hold words of
        ROUNDUP_ITEMS of the headline's items, `_names_items`) lose theirs, and those on the
        subject (`_on_subject`) count their places from the first of them that is no list,
        the lead of the item's section ("Inflation slowed for a ninth straight month").
        Nothing moves elsewhere; only headlines the headline index says hold a word of a
        frame are read."""
        lib, cfg = self.library, self.config
        moved = np.zeros(len(docs))
        tids = [tid for t in self._roundup_words if (tid := lib.head.vocab.get(t)) is not None]
        if not tids or not len(docs):
            return moved
        numbers = np.unique(group)
        numbers = numbers[np.any(lib.head.presence(tids, numbers), axis=0)]
        for number in numbers.tolist():
            headline = lib.store.heading(number)[0]
            if not _is_roundup(headline):
                continue
            at = np.flatnonzero(group == number)
            ordered = at[np.argsort(docs[at], kind="stable")]
            own = docs[ordered]
            lists = self._names_items(own, _roundup_items(headline))
            on = self._on_subject(own, terms) & ~lists
            lead = cfg.lead_weight * np.exp(-_story_positions(lib, own) / cfg.lead_decay)
            lead += cfg.pick_lead * np.exp(-placed[ordered] / cfg.lead_decay)
            recounted = np.zeros(len(own))
            recounted[on] = (cfg.lead_weight + cfg.pick_lead) * np.exp(
                -np.arange(int(on.sum())) / cfg.lead_decay
            )
            moved[ordered] = recounted - lead
        return moved

    def _names_items(self, docs: IntArray, items: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Which of these passages name at least ROUNDUP_ITEMS of a round-up's `items`: they
        hold words making up ROUNDUP_NAMED of an item's weight (idf), so "Carlson announces
        new show" is named by "Carlson" and not by "new"."""
        body = self.library.body
        named = np.zeros(len(docs), np.int64)
        for item in items:
            weights = [
                (tid, max(w, 0.0)) for tid, w in body.weights(self.library.analyzer.terms(item))
            ]
            total = sum(w for _, w in weights)
            if total <= 0.0:
                continue
            share = np.array([w for _, w in weights]) / total
            named += share @ body.presence([tid for tid, _ in weights], docs) >= ROUNDUP_NAMED
        listing: npt.NDArray[np.bool_] = named >= ROUNDUP_ITEMS
        return listing

    def _headed(
        self,
        cand: IntArray,
        owners: IntArray,
        among: npt.NDArray[np.bool_],
        scores: FloatArray,
        terms: Sequence[str],
        asked: str,
        as_of: date | None,
        family: dict[str, tuple[str, ...]] | None = None,
    ) -> npt.NDArray[np.bool_]:
        """Which of these passages (`cand`, of the articles `owners`) `among` those on the
        subject are of articles whose headline (and standfirst) names the question's
        subject: it holds, written as typed (`_forms`: plural and case aside), its words
        that make up HEADED_SHARE of their weight (the headlines' idf). As typed, not on
        stems: "succession" had taken a "successful takeoff", "messi" a "messy" one. Half,
        not two thirds: the rarer word of two names the subject ("Santos pleads not guilty"
        for "george santos", "Fed pauses rate hikes" for "fed meeting").

        A headline that lacks a word of the subject names it only when its article's
        passages on the subject write that word with the word typed next to it
        (`_written_together`): beside it for a name (the Santos story says "George
        Santos"), near it for a subject and its event ("after a two-day meeting, the Fed").
        The rarer word alone was one of another name or thing too: "Jack Hanna" for "jack
        black", "South Pacific islands" for "long island", Alan Greenspan's obituary ("Fed
        chairman") for "fed meeting"; with the newest's prior they had opened those
        subjects. Only the headlines of the HEADED_READ newest articles the headline
        index says may name it are read: the newest set the day ages count from, and
        reading every one ("trump": thousands) costs milliseconds; an older one unread keeps
        the plain prior. A form of a word's family searched too (`family`: "championship"
        for "champs") names the word."""
        lib = self.library
        head = lib.head
        family = family or {}
        if family:
            terms = [term for term in terms if term not in family]
        headed = np.zeros(len(owners), np.bool_)
        weights = [(tid, max(weight, 0.0)) for tid, weight in head.weights(terms)]
        total = sum(weight for _, weight in weights)
        if not weights or total <= 0.0 or not among.any():
            return headed
        best = np.full(lib.n_articles, -np.inf)
        np.maximum.at(best, owners[among], scores[among])
        numbers = np.flatnonzero(best > -np.inf).astype(np.int32)
        share = np.array([weight for _, weight in weights]) / total
        numbers = numbers[
            share @ self._presence(head, [tid for tid, _ in weights], numbers, family)
            >= HEADED_SHARE
        ]
        published = lib.store.published[numbers].astype(np.int64)
        numbers = numbers[np.argsort(-published, kind="stable")[:HEADED_READ]]  # newest first
        term_weight: dict[str, float] = {}
        for term in dict.fromkeys(terms):
            tid = head.vocab.get(term)
            if tid is not None:
                term_weight[term] = max(float(head.idf[tid]), 0.0)
        weighed = sum(term_weight.values())
        wanted = set(term_weight)
        spotted = wanted | {form for form in family if form in head.vocab}
        typed_spans = list(lib.analyzer.term_spans(asked))
        forms = self._typed_forms(asked, wanted, typed_spans)
        pairs = _typed_pairs(asked, typed_spans, set(terms))
        verdicts: dict[frozenset[str], bool] = {}

        def is_name(pair: frozenset[str]) -> bool:
            if pair not in verdicts:
                verdicts[pair] = self._pair_as_name(cand[among], scores[among], pair)
            return verdicts[pair]

        # the passages on the subject by article, for the headlines that lack a word
        on = np.flatnonzero(among)
        by_owner = on[np.argsort(owners[on], kind="stable")]
        sorted_owners = owners[by_owner]
        named = np.zeros(lib.n_articles, np.bool_)
        read_together = 0  # headlines lacking a word whose passages were read
        for number in numbers.tolist():
            headline, standfirst = lib.store.heading(number)
            text = f"{headline}\n{standfirst}"
            written: set[str] = set()
            for _, term, start, end in lib.analyzer.placed_spans(text, spotted):
                if term in family:  # "Thunder claim championship" names "nba champs"
                    written.update(word for word in family[term] if word in term_weight)
                    continue
                if term in written:
                    continue
                # a word the question's steps wrote for it (a typo's correction): its stem
                typed = forms.get(term)
                word = self._forms(text[start:end])
                if (
                    typed is None
                    or not typed.isdisjoint(word)
                    or self._spelled_otherwise(word, typed)
                ):
                    written.add(term)
            named[number] = sum(term_weight[t] for t in written) >= HEADED_SHARE * weighed
            lacking = wanted - written
            if named[number] and lacking:
                if read_together >= TOGETHER_READ:  # older ones, unread: the plain prior
                    named[number] = False
                    continue
                read_together += 1
                first, last = np.searchsorted(sorted_owners, [number, number + 1])
                docs = by_owner[first:last]
                named[number] = self._written_together(
                    number, cand[docs], lacking, pairs, forms, is_name
                )
        headed[:] = named[owners]
        return headed

    def _written_together(
        self,
        number: int,
        docs: IntArray,
        lacking: set[str],
        pairs: Collection[tuple[str, str]],
        forms: dict[str, set[str]],
        is_name: Callable[[frozenset[str]], bool],
    ) -> bool:
        """Whether the passages `docs` of article `number` write each of the `lacking` words
        of a bare subject with a word typed next to it (of `pairs`), at least once. Of a
        name (`is_name`: "Jack Black", "Long Island"), next to it: the headline's other word
        is then the subject's ("Santos" of "George Santos"), not another's ("Jack" of "Jack
        Hanna"). Next to it in either order, stopwords between, not across punctuation ("a
        ban on TikTok"). Of a subject and its event, written as typed within NEAR_PLACES
        words of it in one sentence: the Fed's decisions are written "after a two-day
        meeting, the Fed ...", Alan Greenspan's obituary has "meetings" a sentence's length
        from "Fed". A lacking word typed next to none asks nothing, nor one typed between
        two the headline holds ("chiefs vs eagles")."""
        joining = {frozenset(pair) for pair in pairs if lacking.intersection(pair)}
        # a word typed between two the headline holds joins them ("chiefs vs eagles",
        # "trump versus biden"): the headline names both sides, it asks nothing
        left = {second: first for first, second in pairs}
        right = {first: second for first, second in pairs}
        asked = {
            term
            for pair in joining
            for term in pair
            if term in lacking
            and not (left.get(term, term) not in lacking and right.get(term, term) not in lacking)
        }
        if not asked:
            return True
        lib = self.library
        # only the passages that hold a lacking word and a word typed next to it are read
        # (the index says which), until it is found: most of "los angeles fires"' Los
        # Angeles stories hold no fire, and reading every passage cost milliseconds
        wanted = {term for pair in joining for term in pair}
        ordered = sorted(wanted)
        held = _held_terms(lib.body, ordered, docs)
        holds = np.zeros(len(docs), np.bool_)  # a lacking word and one typed next to it
        for pair in joining:
            holds |= held[[ordered.index(term) for term in pair]].all(axis=0)
        docs = docs[holds]
        if not len(docs):
            return False
        article = lib.store.get(number)
        beside: set[str] = set()  # next to a word typed next to it
        near: set[str] = set()  # as typed, a few words from it in one sentence
        for doc in docs.tolist():
            text = article.paragraphs[int(lib.para_position[doc])].text[:READ_CHARS]
            spans = lib.analyzer.placed_spans(text, wanted)
            for (place, first, _, end), (after, second, start, _) in itertools.pairwise(spans):
                if (
                    after == place + 1
                    and frozenset((first, second)) in joining
                    and _BETWEEN_WORDS.fullmatch(text, end, start) is not None
                ):
                    beside.update((first, second))
            typed = [
                (place, term, start, end)
                for place, term, start, end in spans
                if not forms.get(term, set()).isdisjoint(self._forms(text[start:end]))
            ]
            for i, (place, first, _, end) in enumerate(typed):
                for after, second, start, _ in typed[i + 1 :]:
                    if after - place > NEAR_PLACES:
                        break
                    if (
                        frozenset((first, second)) in joining
                        and _SENTENCE_END.search(text, end, start) is None
                    ):
                        near.update((first, second))
            if all(
                term in beside
                or (term in near and not all(is_name(pair) for pair in joining if term in pair))
                for term in asked
            ):
                return True
        return False

    def _pair_as_name(self, docs: IntArray, scores: FloatArray, pair: frozenset[str]) -> bool:
        """Whether the two words of a bare subject are a name, as its passages write them:
        in most of the places where the NAME_READ best passages (of `docs`, by `scores`)
        holding both write them side by side, both are in capitals ("Jack Black", "Long
        Island", "George Santos"; not "Fed meeting", "TikTok ban", "border crisis"). With
        none side by side, no name."""
        lib = self.library
        terms = sorted(pair)
        holding = np.flatnonzero(_held_terms(lib.body, terms, docs).all(axis=0))
        holding = holding[np.argsort(-scores[holding], kind="stable")[:NAME_READ]]
        capitals = lower = 0
        for doc in docs[holding].tolist():
            number = int(lib.para_article[doc])
            text = lib.store.get(number).paragraphs[int(lib.para_position[doc])].text
            spans = lib.analyzer.placed_spans(text[:READ_CHARS], pair)
            for (place, first, start, end), (after, second, begin, _) in itertools.pairwise(spans):
                if (
                    after == place + 1
                    and first != second
                    and _BETWEEN_WORDS.fullmatch(text, end, begin) is not None
                ):
                    if text[start].isupper() and text[begin].isupper():
                        capitals += 1
                    else:
                        lower += 1
        return capitals > lower

    def _spelled_otherwise(self, forms: set[str], typed: set[str]) -> bool:
        """Whether a headline's word that shares its stem with the word typed, but not its
        form, is the same name spelled otherwise ("Zelenskyy" for "zelensky"): neither is a
        word of the language's dictionary. Where one is, they are two words ("successful"
        for "succession", "messy" for "messi", "Messi" for "messy"). Without a dictionary,
        none is."""
        real = _dictionary(self.config.language)
        return real is not None and all(form not in real for form in forms | typed)

    def _event_terms(
        self, terms: Sequence[str], whether: str | None = None, text: str = ""
    ) -> list[str]:
        """A "who won" question's terms without its words for winning ("won", "winner"): the
        event's, which a result's passage holds though it says "beat", "defeated" or
        "victory" (all of them, if the question has no others). An outcome asked otherwise
        (`_outcome_form`) leaves out its own word for it too: "did trump get indicted" its
        "get", "who is the new speaker" its "new", "nba champs" its last word."""
        skip = set(self._winning)
        if whether == "did":
            skip |= self._got
        elif whether == "new":
            skip |= self._new_word
        elif whether == "result" and (last := self.library.analyzer.terms(text)[-1:]):
            skip |= set(last)
        event = [term for term in terms if term not in skip] or list(terms)
        # a division's word, where two words or more name the event besides ("aussie open
        # womens title"; "the women's final" is the women's)
        named = [term for term in event if term not in self._division]
        return named if len(set(named)) >= 2 else event

    def _outcome_headlines(
        self,
        owners: IntArray,
        among: npt.NDArray[np.bool_],
        likely: FloatArray,
        event: Sequence[str],
        whether: str | None = None,
        *,
        asked_win: bool = False,
        family: dict[str, tuple[str, ...]] | None = None,
        outcome_terms: Sequence[str] = (),
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """Which of these passages are of articles whose headline says the win asked about
        did not happen or is yet to (`_NO_RESULT`), and which of articles whose headline
        reports one (`_REPORTS_RESULT`, not a count of past wins, `_PAST_WINS`) and whose
        headline or standfirst names the `event` by one of its words at least: a result of
        another ("Emmys 2024 highlights: 'Shogun,' 'Hacks' win top awards", whose passage
        held a joke on the VP debate) had been lifted for "who won the vp debate".
        Only the headlines of the NO_RESULT_READ articles `among` them with the best
        passage scores (`likely`: what they may come first by) are read: reading every one
        a "who won the super bowl" matches (thousands) had cost 25 ms, and a story far down
        does not come first.

        An outcome asked without "who won" (`whether`, `_outcome_form`): a headline that
        speculates or looks ahead (`_SPECULATES`) is no result either, and one reports it when
        it names every word of the event for "did" ("Tom Brady officially announces
        retirement": the outcome asked is among the words; "did the chiefs win" also asks
        `_REPORTS_RESULT`), a new holder of the post for "new" (`_APPOINTED`), a result or
        its winners for "... winner" (the question's own word for it, `_RESULT_CLAIMS`,
        `_REPORTS_RESULT` but `_NOT_A_RESULT`)."""
        store = self.library.store
        says = np.zeros(len(owners), np.bool_)
        reports = np.zeros(len(owners), np.bool_)
        if not among.any():
            return says, reports
        best = np.full(self.library.n_articles, -np.inf)
        np.maximum.at(best, owners[among], likely[among])
        read = np.flatnonzero(best > -np.inf)
        if len(read) > NO_RESULT_READ:
            read = read[np.argpartition(-best[read], NO_RESULT_READ)[:NO_RESULT_READ]]
        among = among & np.isin(owners, read)
        numbers, back = np.unique(owners[among], return_inverse=True)
        head = self.library.head
        tids = [
            tid
            for tid in (head.vocab.get(term) for term in dict.fromkeys(event))
            if tid is not None
        ]
        named: npt.NDArray[np.bool_] = np.zeros(len(numbers), np.bool_)
        if whether is not None:  # every word of the event (none, if a headline lacks one)
            named = self._headlines_hold(numbers, event, family)
        elif tids:
            named = np.any(self._presence(head, tids, numbers, family), axis=0)
        outcome = _APPOINTED if whether == "new" else _REPORTS_RESULT
        asked: npt.NDArray[np.bool_] = np.zeros(len(numbers), np.bool_)
        if whether == "result" and outcome_terms:  # the question's word in the headline
            asked = self._headlines_hold(numbers, outcome_terms, family)
        none = np.zeros(len(numbers), np.bool_)
        found = np.zeros(len(numbers), np.bool_)
        for i, number in enumerate(numbers.tolist()):
            headline = store.heading(number)[0]
            none[i] = _NO_RESULT.search(headline) is not None or (
                whether is not None and _SPECULATES.search(headline) is not None
            )
            if whether == "result":
                told = _ASKS_WHO_WON.sub("", headline)  # "Who won Super Bowl 59? Eagles beat"
                reports_it = bool(asked[i]) or (
                    (_RESULT_CLAIMS.search(told) or _REPORTS_RESULT.search(told)) is not None
                    and _NOT_A_RESULT.search(told) is None
                )
            else:
                reports_it = (
                    (whether == "did" and not asked_win)
                    or outcome.search(headline) is not None
                    or (whether is not None and _REPORTS_RESULT.search(headline) is not None)
                )
            found[i] = (
                named[i] and not none[i] and reports_it and _PAST_WINS.search(headline) is None
            )
        if len(numbers):
            says[np.flatnonzero(among)] = none[back]
            reports[np.flatnonzero(among)] = found[back]
        return says, reports

    def _newest_on(
        self, owners: IntArray, held: npt.NDArray[np.bool_], as_of: date | None
    ) -> date | None:
        """The day of the newest story on the subject (`held`: its passage holds every word
        of the question), when it is older than the day asked: "the latest on the TikTok
        ban" a year after the last story on it is that story, not the best-worded one of
        years before. None when one is as new as the day asked, or none is on the subject.
        A story dated after the day asked (beyond the grace days) was no news then and
        counts for neither."""
        published = self.library.store.published[owners]
        day = as_of or date.today()
        # ("jimmy carter" asked the day after he died, a library without that week's
        # stories: his state funeral's, dated 10 days later, had kept the ages counted from
        # the day asked, and with the 28-day fading his 2020 birthday came first)
        grace = day.toordinal() + self.config.recency_grace_days
        known = (published != NO_DATE) & (published <= grace)
        dated = held & known
        if not dated.any():
            return None
        newest = int(published[dated].max())
        if newest >= day.toordinal():
            return None
        return date.fromordinal(newest)

    def _run_ends(
        self,
        owners: IntArray,
        held: npt.NDArray[np.bool_],
        headed: npt.NDArray[np.bool_],
        as_of: date | None,
    ) -> date | None:
        """The day the subject's run of stories ends, for a question that asks in words for
        its newest (`_newest_on` of the passages `held` on it): the newest story whose
        headline names it (`headed`), and after it the stories that only mention it, as
        long as no more than RUN_GAP days pass between one and the next. A mention after
        such a gap looks back on a story no longer reported: a 2023 obituary's subhead on
        Brittney Griner's release had set the day for "is brittney griner still in russia"
        asked on 1 January 2024, and her release of December 2022, nine months older, lost
        the newest's prior to her trial's July stories, fuller of "Russia"; so did Hurricane
        Ian's own stories to 2023 storms' mentions of it. A mention within the run is news
        of it ("Richardson cautiously optimistic" on Griner in a round-up two months after
        her sentencing). A story RUN_SHARE of whose paragraphs are on the subject is one of
        its own as one whose headline names it is ("Fighters leave the steel plant", one
        paragraph on the Ukraine war). None is: the newest story on it."""
        lib = self.library
        numbers, counts = np.unique(owners[held], return_counts=True)
        dtype = lib.para_article.dtype
        sizes = np.searchsorted(lib.para_article, (numbers + 1).astype(dtype)) - np.searchsorted(
            lib.para_article, numbers.astype(dtype)
        )
        own = np.zeros(lib.n_articles, np.bool_)
        own[numbers[counts >= RUN_SHARE * sizes]] = True
        main = headed | (held & own[owners])
        if not main.any():
            return self._newest_on(owners, held, as_of)
        start = self._newest_on(owners, main, as_of)
        if start is None:
            return None
        day = as_of or date.today()
        published = self.library.store.published[owners]
        grace = day.toordinal() + self.config.recency_grace_days
        later = held & (published != NO_DATE) & (published <= grace)
        end = start.toordinal()
        for mentioned in np.unique(published[later & (published > end)]).tolist():
            if mentioned - end > RUN_GAP:
                break
            end = mentioned
        return None if end >= day.toordinal() else date.fromordinal(end)

    def _in_period(self, numbers: IntArray, period: Period) -> npt.NDArray[np.bool_]:
        """Which of these articles are dated within the period (its weeks of reports too)."""
        published = self.library.store.published[numbers]
        inside: npt.NDArray[np.bool_] = (published >= period.start.toordinal()) & (
            published <= period.end.toordinal()
        )
        return inside

    def _covers(self, period: Period, day: date) -> bool:
        """Whether the library holds the period's stories: at least PERIOD_COVER of what an
        even spread of its dated articles over its dates would put there. Not so, its words
        stay search words ("the 2008 financial crisis" of 2022-2026 news, any year of an
        undated library): no date can stand in for them. Days after `day`, the day asked,
        count in neither (no news of them yet)."""
        store = self.library.store
        dated = store.published[(store.published != NO_DATE) & ~store.removed]
        if not len(dated):
            return False
        start, end = period.start.toordinal(), min(period.end, day).toordinal()
        if end < start:
            return False
        inside = int(np.count_nonzero((dated >= start) & (dated <= end)))
        span = max(int(dated.max()) - int(dated.min()), end - start) + 1
        return inside >= max(1.0, PERIOD_COVER * len(dated) * (end - start + 1) / span)

    def _period_lift(self, owners: IntArray, period: Period) -> FloatArray:
        """For the days a question names ("in 2023", "in March", `_asked_period`): 1 for an
        article of those days or of the weeks after them, halving every half-life away; 0
        for undated articles. It lifts; the news of the day asked keeps its own prior (a
        year may only name an event: "the 2020 election")."""
        if not self.config.recency_weight or not len(owners):
            return np.zeros(len(owners))
        published = self.library.store.published[owners]
        start, end = period.start.toordinal(), period.end.toordinal()
        away = np.maximum(start - published, published - end).astype(np.float64)
        # a day's lift fades in days: a story three weeks before "on June 24" is no news of it
        half_life = DAY_REPORTS if period.days else self.config.recency_half_life_days
        lift = np.exp2(-np.maximum(away, 0.0) / half_life)
        lift[published == NO_DATE] = 0.0
        return lift

    def _select(
        self,
        cand: IntArray,
        owners: IntArray,
        total: FloatArray,
        need: int,
        accept: Callable[[int], bool] | None = None,
        pick: Callable[[Positions], dict[int, int]] | None = None,
        pick_late: bool = False,
    ) -> tuple[list[tuple[int, int]], dict[int, list[int]], dict[int, tuple[int, int]]]:
        """The best passages, one per article and one per story (copies of the same story
        from several outlets), near-duplicates collapsed (the same text up to case and
        spacing, or 80% of the same terms), best first, as (position of the article's best
        candidate, which gives the score; position of the passage to show) into `cand`. An
        article shows its best candidate unless `pick`, given the first ranking, chose another
        passage for it. With `accept`, only the articles (by number) it accepts; with
        `pick_late` as well, `pick` chooses for an accepted article past those of the first
        ranking too (a short question's phrase is shown where an article holds it).
        Also, per shown position, the articles whose passages were collapsed into it (for
        "also in"), and the paragraphs (first and last doc) shown instead of the passage, where
        they differ: a question subhead's answer, a lead-in's list (`_asks`, `_leads_in`)."""
        lib = self.library
        stories = lib.store.story
        depth = self.config.pick_articles if pick is not None else 0
        pool = min(len(cand), max(4 * need, 32, 8 * depth))
        verdicts: dict[int, bool] = {}  # accept's answers, kept while the pool grows
        shown_for: dict[int, int] | None = None
        while True:
            order = top_indices(total, pool, cand)
            if shown_for is None:
                shown_for = pick(self._covering(order, owners, total, cand, depth)) if pick else {}
            if accept is not None:  # an article's best candidate only: the rest go unread
                _, first = np.unique(owners[order], return_index=True)
                order = order[np.sort(first)]
            chosen: list[tuple[int, int]] = []
            copies: dict[int, list[int]] = {}
            moved: dict[int, tuple[int, int]] = {}  # shown position -> the docs shown instead
            seen_articles: set[int] = set()
            seen_stories: dict[int, int] = {}
            seen_texts: dict[int, int] = {}
            seen_terms: list[tuple[set[str], int, str, int, int]] = []
            seen_leads: dict[tuple[str, int], int] = {}  # (headline, lead's hash) -> shown
            seen_heads: dict[tuple[str, int], list[tuple[int, int]]] = {}  # -> (date, shown)
            for i in order.tolist():
                owner = int(owners[i])
                if owner in seen_articles:
                    continue
                if accept is not None:
                    if owner not in verdicts:
                        verdicts[owner] = accept(owner)
                    if not verdicts[owner]:
                        continue
                shown = shown_for.get(owner, i)
                if pick_late and pick is not None and owner not in shown_for:
                    # an article holding the phrases, past those the cues chose for: its
                    # passage chosen as theirs were, one holding the phrases if any does
                    shown = shown_for[owner] = pick(np.array([i], np.intp)).get(owner, i)
                doc = int(cand[shown])
                seen_articles.add(owner)
                story = int(stories[owner])
                digest = int(lib.para_hash[doc])
                twin = seen_stories.get(story, seen_texts.get(digest))
                if twin is None:
                    article = lib.store.get(owner)
                    position = int(lib.para_position[doc])
                    text = article.paragraphs[position].text
                    if (
                        _asks(text)
                        and position + 1 < len(article.paragraphs)
                        and not lib.para_aside[doc]
                    ):
                        # a question as a subhead ("When does the trial begin?") holds the
                        # question's words; the paragraph after it holds the answer. Not after
                        # a link to another story ("AOC, Biden, abortion pill:AOC says ... Can
                        # that happen?"), whose next paragraph, "The 2024 campaign looms",
                        # had been shown for "AOC"
                        following = article.paragraphs[position + 1].text
                        if not _asks(following):
                            doc, text = doc + 1, following  # an article's paragraphs are in a row
                            position += 1
                            moved[shown] = (doc, doc)
                    if _leads_in(text) and position + 1 < len(article.paragraphs):
                        # "The GOP senators who voted yes are:" introduces what follows: both
                        # are shown, one passage
                        text += "\n" + article.paragraphs[position + 1].text
                        moved[shown] = (doc, doc + 1)
                    terms = lib.analyzer.term_set(text[:READ_CHARS])
                    headline = " ".join(article.headline.casefold().split())
                    # one headline over one lead paragraph: the same story, though the copies
                    # answer with different passages
                    lead = (headline, int(lib.para_hash[_first_paragraph(lib, owner)]))
                    twin = seen_leads.get(lead)
                    # one outlet's headline again within days (or both undated): a rewritten
                    # version of the story (the outlet updated it under a new address); an
                    # article without a source is no outlet's
                    source = int(lib.store.source_of[owner])
                    head = (headline, source) if source >= 0 else None
                    when = int(lib.store.published[owner])
                    if twin is None and head is not None:
                        twin = next(
                            (at for day, at in seen_heads.get(head, ()) if _same_days(day, when)),
                            None,
                        )
                    if twin is None:
                        # a passage in another's words, or one holding another under one
                        # headline, or held whole by a passage shown from the same outlet
                        # within days (its update, its photo caption again: shown twice as
                        # results 1 and 2)
                        twin = next(
                            (
                                at
                                for other, at, title, outlet, day in seen_terms
                                if _overlap(terms, other) >= NEAR_DUPLICATE
                                or (
                                    title == headline and _contained(terms, other) >= NEAR_DUPLICATE
                                )
                                or (
                                    source >= 0
                                    and outlet == source
                                    and _same_days(day, when)
                                    and len(terms) >= SENTENCE_TERMS
                                    and terms <= other  # it says no more than the one shown
                                )
                            ),
                            None,
                        )
                if twin is not None:
                    copies.setdefault(twin, []).append(owner)
                    continue
                seen_leads[lead] = shown
                if head is not None:
                    seen_heads.setdefault(head, []).append((when, shown))
                seen_stories[story] = seen_texts[digest] = shown
                seen_terms.append((terms, shown, headline, source, when))
                chosen.append((i, shown))
                if len(chosen) >= need:
                    return chosen, copies, moved
            if pool >= len(cand):
                return chosen, copies, moved
            pool = min(len(cand), pool * 4)

    @staticmethod
    def _covering(
        order: Positions, owners: IntArray, total: FloatArray, cand: IntArray, depth: int
    ) -> Positions:
        """The best candidates, best first, enough of them to hold `depth` articles (or all
        there are): what the passage choice sees must not depend on how many results were
        asked for (a long article's many paragraphs can fill a short list)."""
        while len(order) < len(cand) and len(np.unique(owners[order])) < depth:
            order = top_indices(total, min(len(cand), 4 * len(order) + 32), cand)
        return order

    def _also(self, number: int, others: Sequence[int]) -> tuple[str, ...]:
        """The sources of an article's collapsed copies, each once, its own source left out."""
        store = self.library.store
        own = int(store.source_of[number])
        names: list[str] = []
        for other in others:
            index = int(store.source_of[other])
            if index >= 0 and index != own and store.source_names[index] not in names:
                names.append(store.source_names[index])
        return tuple(names)

    def _hit(
        self, doc: int, last: int, score: float, qset: set[str], copies: Sequence[int] = ()
    ) -> Hit:
        """The hit showing paragraphs `doc` through `last` (one article's, in a row)."""
        lib = self.library
        number = int(lib.para_article[doc])
        article = lib.store.get(number)
        position = int(lib.para_position[doc])
        through = position + last - doc
        text = passage_text(article, position, through)
        spans: list[tuple[int, int]] = []
        matched: set[str] = set()
        weight_at: list[tuple[int, float, str]] = []
        idf, vocab = lib.body.idf, lib.body.vocab
        for term, start, end in lib.analyzer.match_spans(text[:READ_CHARS], qset):
            spans.append((start, end))
            matched.add(term)
            tid = vocab.get(term)
            weight_at.append((start, float(idf[tid]) if tid is not None else 0.0, term))
        sentence = _best_sentence(text, weight_at)
        terms = tuple(sorted(matched))
        also = self._also(number, copies)
        return Hit(article, position, score, terms, tuple(spans), sentence, number, also, through)


@dataclass(frozen=True)
class _PhraseScope:
    """A question's phrases (`keys`, as `_phrase_keys` gives them), the articles that may
    hold them all, and per phrase the paragraphs (ascending ids) that may hold it, or None
    when any may (`Searcher._phrase_scope`)."""

    keys: list[str]
    articles: npt.NDArray[np.bool_]
    paragraphs: list[IntArray | None]
    phrases: list[str]  # as typed

    def where(self, lib: Library, number: int, size: int) -> list[Positions | None]:
        """Per phrase, the positions in article `number` (of `size` paragraphs) of the
        paragraphs that may hold it (None: any may)."""
        first = _first_paragraph(lib, number)
        where: list[Positions | None] = []
        for docs in self.paragraphs:
            if docs is None:
                where.append(None)
            else:
                low, high = np.searchsorted(docs, [first, first + size])
                where.append((docs[low:high] - first).astype(np.intp))
        return where


class _OtherLanguage(NamedTuple):
    """A question read as written in another language than the library's (`_language_note`):
    the note that asks whether it is, and the terms of its function words in that language."""

    note: str
    function_terms: frozenset[str]
    languages: tuple[str, ...]

    def function_word(self, term: str) -> bool:
        """Whether a term is one of the question's function words or a function word of the
        language it is read as."""
        return term in self.function_terms or any(
            term in stopwords_for(language) for language in self.languages
        )


@dataclass(slots=True)
class _Checks:
    """What a ranking's phrase tests did: `gave_up` names the articles checked ("best" or
    "newest") when they stopped at PHRASE_CHECKS, else is empty."""

    gave_up: str = ""


class _PhraseTest:
    """Does article `number` hold every phrase of the scope? Checks at most
    PHRASE_CHECKS articles; then only those whose text holds the phrases as typed
    (`Searcher._written`), PHRASE_CHECKS more at most; then says no (and `gave_up` tells): a
    phrase of common words that few articles hold must not make one question read the
    whole library."""

    def __init__(self, searcher: Searcher, scope: _PhraseScope) -> None:
        self.searcher = searcher
        self.scope = scope
        self.verdicts: dict[int, bool] = {}
        self.gave_up = False
        self.written: npt.NDArray[np.bool_] | None = None  # read at the first limit

    def __call__(self, number: int) -> bool:
        searcher = self.searcher
        verdict = self.verdicts.get(number)
        if verdict is None:
            if len(self.verdicts) >= PHRASE_CHECKS and self.written is None and not self.gave_up:
                self.written = searcher._written(self.scope)
                self.gave_up = self.written is None
            if self.written is not None and not self.written[number]:
                return False
            if self.gave_up or len(self.verdicts) >= 2 * PHRASE_CHECKS:
                self.gave_up = True
                return False
            article = searcher.library.store.get(number)
            where = self.scope.where(searcher.library, number, len(article.paragraphs))
            verdict = self.verdicts[number] = searcher._article_holds(
                article, self.scope.keys, where
            )
        return verdict


_ASKING_FIRST = re.compile(
    r"\s*(?:who|whom|whose|what|which|where|when|why|how|is|are|was|were|do|does|did|can|"
    r"could|will|would|should|has|have|had)\b",
    re.IGNORECASE,
)


def _outcome_form(text: str) -> str | None:
    """The form of a short question that asks for an outcome without "who won": "did" ("did
    tom brady retire", "has finland joined nato"), "new" ("who is the new speaker", "new
    twitter ceo") or "result" ("stanley cup winner", "nba champs"); None for another."""
    if _ASKS_DID.search(text):
        return None if _NOT_OUTCOME.search(text) else "did"
    if _ASKS_NEW.search(text):
        return "new"
    # typed as a search, not asked with "?": "super bowl champions?" is ranked as a
    # question is, by its words (33rd session's bare-subject rule)
    if _ASKS_RESULT.search(text) and "?" not in text and not _NAMES_AN_EDITION.search(text):
        return "result"
    return None


def _phrased_as_question(text: str, *, english: bool) -> bool:
    """Whether a question is written as one (a "?" at its end, or in English a question
    word first), not as a search's few words: "Which Italian volcano erupted on Monday?"
    holds "erupted on Monday", no name, and the side-by-side bonus (`_word_order`) put a
    Hawaiian eruption of a Monday above the Italian one on realtimeqa_news."""
    if text.rstrip().rstrip(CLOSERS).endswith("?"):
        return True
    return english and _ASKING_FIRST.match(text) is not None


def _typed_as_keywords(question: str, analyzer: Analyzer) -> bool:
    """Whether an English question is a search typed as keywords describing a story: no
    question phrasing (`_phrased_as_question`), no question word anywhere (who, what, how,
    why, when, "this": "niger us troops leaving why" asks why), no statement leading into a
    blank (a quiz's "..., previously held by:") and KEYWORD_WORDS content words or more.
    Not one naming a figure other than a year: "card fraud losses totaled 402m uk" wants
    the paragraph holding "£402.4m", which a lead rarely does."""
    return (
        not _phrased_as_question(question, english=True)
        and _NAME_QUESTION.search(question) is None
        and _ASKS_OTHER.search(question) is None
        and _FIGURE.search(question) is None
        and not _leads_in(question)
        and len(set(analyzer.terms(question))) >= KEYWORD_WORDS
    )


# a number in a question other than a year ("402m", "$252 billion", "7.5%"; not "2025 emmys")
_FIGURE = re.compile(r"(?<![\w.,-])(?!(?:19|20)\d\d(?![\w.,]*\d))\d[\w.,]*")


def _between(text: str, end: int, start: int) -> tuple[str, ...]:
    """The words (stopwords) between two words side by side, in any case; a possessive's
    "s" is its word's ("Apple's iPod" is "apple ipod")."""
    if text.startswith(("'s", "\u2019s"), end):
        end += 2
    return tuple(word.casefold() for word in _NAME_WORD.findall(text, end, start))


def _typed_pairs(
    asked: str, typed: Sequence[tuple[str, int, int]], wanted: Collection[str]
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The question's searched words typed side by side (of its term spans `typed`), each
    pair with the stopwords typed between them, which the text must have between them too
    ("house of lords", not "x against the factor")."""
    return {
        (first, second): _between(asked, end, start)
        for (first, _, end), (second, start, _) in itertools.pairwise(typed)
        if first in wanted and second in wanted and first != second
        and _BETWEEN_WORDS.fullmatch(asked, end, start) is not None
    }  # fmt: skip


def _split_pair(term: str, pairs: Collection[tuple[str, str]]) -> tuple[str, str] | None:
    """The pair of terms (of `pairs`) that `term` is written together, if any: "xfactor"
    is ("x", "factor")."""
    for pair in pairs:
        if len(term) == len(pair[0]) + len(pair[1]) and term == pair[0] + pair[1]:
            return pair
    return None


def _held_terms(index: BM25Index, terms: Sequence[str], docs: IntArray) -> npt.NDArray[np.bool_]:
    """Whether each of `docs` (any order) holds each of `terms` in this index: a (terms x
    docs) matrix; a term the index lacks is held nowhere."""
    found = np.zeros((len(terms), len(docs)), np.bool_)
    rows = [i for i, term in enumerate(terms) if term in index.vocab]
    if rows and len(docs):
        order = np.argsort(docs, kind="stable")
        held = index.presence([index.vocab[terms[i]] for i in rows], docs[order])
        found[np.ix_(np.array(rows, np.intp), order)] = held
    return found


def _is_count(folded: str, at: int) -> bool:
    """Whether a number stands up to two words before position `at` of the folded text,
    counting what is there: not a year ("in 2020 people"), a day ("March 3 people"), a time
    ("10 am people") or a share ("5 percent of people")."""
    found = _COUNT_BEFORE.search(folded, max(0, at - 48), at)
    if found is None:
        return False
    number = found.group("number")
    if len(number) == 4 and number.isdigit() and 1500 <= int(number) <= 2100:
        return False
    words = found.group("words").split()
    if words and words[0] in _NOT_COUNTED:
        return False
    before = folded[max(0, found.start() - 12) : found.start()].split()
    return not (before and before[-1].strip(".,") in _MONTHS)


def _same_days(a: int, b: int) -> bool:
    """Whether two publication days (ordinals, or NO_DATE) may be one story's versions: both
    undated, or at most VERSION_DAYS apart."""
    if a == NO_DATE or b == NO_DATE:
        return a == b
    return abs(a - b) <= VERSION_DAYS


def _asks(text: str) -> bool:
    """Whether a paragraph is a short question of its own: a subhead of a question-and-answer
    article ("What is the name of the album?"), whose answer is the next paragraph."""
    return len(text) <= QUESTION_LINE_CHARS and text.rstrip().rstrip(CLOSERS).endswith("?")


def _outdone(
    aside: npt.NDArray[np.bool_], present: npt.NDArray[np.bool_], group: IntArray
) -> npt.NDArray[np.bool_]:
    """Which passages are side matter (a caption, a video's line, a teaser for another story:
    `is_side_matter`) that another passage of their article outdoes, holding every word of
    the question that they hold: no answer for their article then. One that holds a word
    no other does may be shown ("DeSantis announces:Florida Gov. Ron DeSantis will kick off
    2024 presidential bid with Elon Musk on Twitter", the only passage of its article naming
    him, for "Ron DeSantis announced his 2024 presidential bid on which social media
    platform?"). `present`: the question's terms (rows) each passage holds; `group`: each
    passage's article."""
    at = np.flatnonzero(aside)
    if not len(at):
        return aside
    # per side passage and passage, how many of the question's words the one holds and the
    # other lacks: none, and the other outdoes it if it is of the same article and no side matter
    lacking = present[:, at].T.astype(np.int32) @ (~present).astype(np.int32)
    others = (group[at, None] == group[None, :]) & ~aside[None, :]
    outdone = np.zeros(len(aside), np.bool_)
    outdone[at] = ((lacking == 0) & others).any(axis=1)
    return outdone


def _roundup_items(headline: str) -> list[str]:
    """A headline's items besides a round-up column's name (`_ROUNDUP_FRAME`), split by
    commas, colons and semicolons; an ellipsis of a cut headline is none."""
    return [
        part
        for part in _ROUNDUP_SPLIT.split(headline)
        if part.strip(" .\u2026") and not _ROUNDUP_FRAME.search(part)
    ]


def _is_roundup(headline: str) -> bool:
    """Whether a headline is a round-up's: the column's name and at least ROUNDUP_ITEMS items
    besides it ("Santos pleads not guilty, Trump town hall recap: 5 Things podcast")."""
    return bool(_ROUNDUP_FRAME.search(headline)) and len(_roundup_items(headline)) >= ROUNDUP_ITEMS


def _story_positions(lib: Library, docs: IntArray, *, side_placed: bool = False) -> FloatArray:
    """Each passage's place among its article's story paragraphs, for the lead's bonus: side
    matter (`is_side_matter`) is no lead wherever it stands (infinite: no bonus), and a
    paragraph after side matter that opens the page counts from the story's start. An
    editor's note opening a live page ("Editor's note: This file is based on the news of ...
    Aug. 14. For the latest ...") had taken the first paragraph's bonus, outranked the page's
    story with it and been shown as its answer, while the story's lead under it had the
    second's. Side matter is counted among the first LEAD_SIDE_LINES paragraphs only, where
    page notes, promotions and captions stand and the bonus is large; deeper, a place is its
    position (`lead_shifts`, kept in the index). `side_placed`: side matter keeps its
    position."""
    positions = lib.para_position[docs].astype(np.float64)
    positions -= lib.para_shift[docs]
    if not side_placed:
        positions[lib.para_aside[docs]] = np.inf
    return positions


def _leads_in(text: str) -> bool:
    """Whether a paragraph ends in a colon, introducing what follows (a list, a quote): "The
    GOP senators who voted yes are:" answers nothing without the paragraph after it."""
    return text.rstrip().endswith(":")


def _first_paragraph(lib: Library, number: int) -> int:
    """The doc id of an article's first paragraph (an article's paragraphs are in a row). The
    number goes in as the array's own type: a Python int makes numpy compare in int64, copying
    all of `para_article` (0.1 ms a call on realtimeqa_news, against 5 us)."""
    return int(np.searchsorted(lib.para_article, lib.para_article.dtype.type(number)))


# "3.7 percent", "3.7 per cent", "3.7 pct": a share, which "3.7%" writes with a sign that is
# no term
_PERCENT_WORDS = re.compile(r"\d\s*(?:(percent)|(per)\s+(cent)|(pct))\b", re.IGNORECASE)


def _without_percent_words(question: str, terms: list[str]) -> list[str]:
    """The terms without the words of a share after a number ("3.7 percent"): the articles
    that write "3.7%" hold no such word, and "unemployment 3.7 percent" had found a 2018
    "4.9 percent" before the story of "3.7%", saying no article held all its words. The
    number alone matches both forms."""
    if _PERCENT_WORDS.search(question) is None:
        return terms
    dropped: list[str] = []
    for found in _PERCENT_WORDS.finditer(question):
        dropped += [word.casefold() for word in found.groups() if word]
    out = list(terms)
    for word in dropped:
        if word in out and len(out) > 1:
            out.remove(word)
    return out


def _listed(words: Sequence[str], last: str) -> str:
    """Words as a sentence lists them: "“A”", "“A” or “B”", "“A”, “B” or “C”"."""
    if len(words) < 3:
        return f" {last} ".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


UNDATED_FILTER = "No article here has a date, so since: and before: keep none."


def _result(
    hits: tuple[Hit, ...],
    has_more: bool,
    notes: list[str],
    query: ParsedQuery | None = None,
    offset: int = 0,
) -> SearchResult:
    """A SearchResult with the notes joined; a first page that found nothing under filters
    says the filters may be too narrow."""
    # (after "no article here has a date" it would contradict what was said: no range helps)
    if query is not None and query.has_filters and not hits and not offset:
        if UNDATED_FILTER in notes:
            return SearchResult(hits, has_more=has_more, note=" ".join(notes))
        described = query.describe()
        if "; " in described:
            notes.append(f"Filters in use: {described}. They may be too narrow.")
        else:
            notes.append(f"Filter in use: {described}. It may be too narrow.")
    return SearchResult(hits, has_more=has_more, note=" ".join(notes) or None)


# two letters joined by "and": a name written with "&" said aloud ("M and S", "S and P")
_SPELLED_AMPERSAND = re.compile(r"(?<![\w&])([^\W\d_]) and ([^\W\d_])(?![\w&])", re.I)
_HASHTAG = re.compile(r"(?<![\w#&])#([A-Za-z0-9]+)\b")
_TAG_PARTS = re.compile(r"\d+|[A-Z]+(?![a-z])|[A-Z]?[a-z]+")  # 2005, COVID, Super, bowl


def _hashtag_words(found: re.Match[str]) -> str:
    """A hashtag's words, where capitals or digits part them ("#SuperBowl" -> "Super Bowl",
    "#BlackLivesMatter", "#Euro2024", "#USElection" -> "US Election"); a part of one
    letter, or two not in capitals, is no word of its own, so "#iPhone", "#MeToo" and "#G20"
    stay one word, as do "#Brexit" and "#superbowl"; but a capital letter alone between two
    capitalised words is one ("#RoeVWade" -> "Roe V Wade", "#MarALago"), where it had kept
    the tag one word no article uses."""
    tag = found[1]
    parts = _TAG_PARTS.findall(tag)
    short = (
        p
        for i, p in enumerate(parts)
        if not p.isdigit()
        and len(p) < (2 if p.isupper() else 3)
        and not (len(p) == 1 and p.isupper() and _between_words(parts, i))
    )
    if len(parts) < 2 or any(short):
        return tag
    return " ".join(parts)


def _between_words(parts: Sequence[str], i: int) -> bool:
    """Whether the hashtag part `i` has a capitalised word of letters on either side."""
    return 0 < i < len(parts) - 1 and all(
        len(p) > 1 and p[0].isupper() and p[1:].islower() for p in (parts[i - 1], parts[i + 1])
    )


def _unwrapped(text: str) -> str:
    """An English question without the words around it that address the bot ("hey, can you
    tell me who won? thanks" -> "who won?"); as it is when nothing else would be left."""
    inner = text.strip()
    found = _ASK_BOT.search(inner)
    if found is not None:
        after = _NAME_WORD.search(inner, found.end())  # "Please Please Me": a title goes on
        if not _titled(found[0] + (after[0] if after is not None else "")):
            inner = inner[found.end() :]
    tail = max(len(inner) - THANKS_TAIL, 0)
    found = _THANKS_END.search(inner, tail)
    if found is not None and not _titled(found[0]):
        inner = inner[: found.start()]
    if not any(ch.isalnum() for ch in inner) or _ONLY_CHAT.fullmatch(inner):
        return text
    return inner


# chat shorthand for words that say nothing of a subject, in lower case as chats type it ("OMG"
# and "U2" may be names; "w/" is "with"): searched, "omg did u hear" found Usher's songs
# "OMG" and "U Got It Bad", and notes named "abt", "w" and "rn" as words no article has
_SHORTHAND_WORDS = """
    omg u abt rn btw idk tbh lol lmao imo imho fyi smh ngl pls plz thx
"""
_CHAT_SHORTHAND = re.compile(
    r"(?<![\w'\u2019./&-])"
    rf"(?:{'|'.join(_SHORTHAND_WORDS.split())}|w/(?!o\b))"
    # not in "u.s.", "u-turn", "pls'"; "w/" may touch its word ("w/the fed")
    r"(?:(?<=/)|(?![\w'\u2019/&-]|\.\w))"
)


def _without_shorthand(text: str, hyphened: Callable[[str, str], bool]) -> str:
    """An English question without chat shorthand ("omg did u hear abt the sub rn" -> "did
    hear the sub"); as it is when nothing else would be left. A letter before a word the
    articles hyphen it to (`hyphened`: "u turn", "u haul") is that word's, not "you"."""
    if not _CHAT_SHORTHAND.search(text):
        return text

    def dropped(found: re.Match[str]) -> str:
        after = _NEXT_WORD.match(text, found.end())
        if len(found[0]) == 1 and after is not None and hyphened(found[0], after[1]):
            return found[0]
        return " "

    rest = " ".join(_CHAT_SHORTHAND.sub(dropped, text).split())
    return rest if any(ch.isalnum() for ch in rest) else text


_NEXT_WORD = re.compile(r" ([A-Za-z]+)")


_PERIOD_PREPOSITION = re.compile(r"^(?:on|in|from|of|during|for|since|at)\s+", re.IGNORECASE)


def _day_orders(words: str) -> list[str]:
    """A day's words as a question gave them ("14 february") and, for a day of the month
    before its month, in the order American news writes them ("february 14")."""
    day, _, rest = words.partition(" ")
    if not day.isdecimal() or not rest:
        return [words]
    month, _, year = rest.partition(" ")
    return [words, " ".join(filter(None, (month, day, year)))]


def _period_named(
    on_day: tuple[tuple[date, date] | None, str, str | None] | None, listed: Period | None
) -> str | None:
    """The words a question names a day or a period with ("26 december", "2004", "january"),
    without the word before them ("on", "in", "from"), or None."""
    if on_day is not None:
        return on_day[1] if on_day[0] is not None else None
    if listed is not None:
        return _PERIOD_PREPOSITION.sub("", listed.words) or None
    return None


def _titled(words: str) -> bool:
    """Whether these are two or more words each starting with a capital: a title ("Tell Me
    Lies", "Please Please Me"), not a request to the bot."""
    found = _NAME_WORD.findall(words)
    return len(found) >= 2 and all(word[0].isupper() for word in found)


def _shouted(text: str) -> bool:
    """Whether a question is typed in capitals (three words or more, nine in ten of its
    cased letters capitals): its case says nothing about names and acronyms then."""
    lower = sum(map(str.islower, text))
    if lower * 10 > len(text):  # most questions: no need to count the capitals
        return False
    cased = lower + sum(map(str.isupper, text))
    return cased >= 8 and lower * 10 <= cased and len(text.split()) >= 3


UNHELD_LINK = "No article here has that link"  # a note's start: the link is no story's here
MAX_PARTIAL_PHRASES = 5  # quoted phrases no article holds all of, each searched alone


def _checked_only(which: str, phrases: Sequence[str]) -> str:
    """The note for a search that stopped testing articles for `phrases` at PHRASE_CHECKS."""
    return (
        f"Only the {which} {PHRASE_CHECKS:,} matching articles were checked for {_quoted(phrases)}"
    )


def _quoted(phrases: Sequence[str], most: int = 3) -> str:
    """Phrases in quotes for a note, the first `most` of them: “a”, “b” and 2 more."""
    shown = [f"“{shorten(phrase, 80)}”" for phrase in phrases[:most]]
    if len(phrases) > most:
        shown.append(f"{len(phrases) - most} more")
    return in_words(shown)


def names_source(names: Iterable[str], value: str) -> bool:
    """Whether a source: `value` matches one of these source names, as a search's filter
    matches them (its words in a row: "bbc" is "BBC News")."""
    wanted = _name_words(value)
    return any(_holds_run(_name_words(name), wanted) for name in names)


def unknown_source(value: str, counts: Sequence[tuple[str, int]]) -> str:
    """What a user is told of a source: `value` that matches none of the sources in `counts`
    (each with its number of articles, most first): some that there are."""
    shown = value if len(value) <= 40 else value[:39] + "…"
    if not counts:
        return f"No source matches “{shown}”: no article here names its source."
    known = ", ".join(name for name, _ in counts[:KNOWN_SOURCES_SHOWN])
    more = len(counts) - KNOWN_SOURCES_SHOWN
    if more > 0:
        known += f" and {more} more"
    return f"No source matches “{shown}”. Sources here: {known}."


_LINK_SEPARATORS = re.compile(r"[/\-_.+~=&?#%\s]+")
# the parts of an address that say nothing of its story: its scheme, file types, site words
_LINK_NOISE_WORDS = """
    http https www com org net co uk html htm php aspx amp index story stories article articles
    news en live stm shtml asp jsp cfm cms
"""
_LINK_NOISE = frozenset(_LINK_NOISE_WORDS.split())
# a path's part that names a site's section, not a story ("/1/hi/business/4190000.stm")
_LINK_SECTIONS = SECTION_PATHS | frozenset({"hi", "lo", "wiki", "content"})
_LINK_SLUG_KEYS = frozenset({"slug", "title", "headline", "q", "query", "story"})


# an elided article joined to a word: French "l'Open", "d'Australie", "qu'il"
_ELIDED_FORM = re.compile(r"(?:[lLdD]|[qQ][uU])['\u2019][^\W\d_]")
# ... anywhere in a question, at a word's start; and a letter beyond ASCII ("gagné"): the
# quick test that no word of it has a foreign form
_ELIDED_IN = re.compile(r"(?<![^\W\d_])" + _ELIDED_FORM.pattern)
_ODD_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


# a word typed as two, the second's capital inside it: "GenZ", "NewYork" (not "iPhone")
_CAMEL = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]*)")
# a term of letters then a number, or a number then letters ("title42", "737max")
_GLUED = re.compile(r"([^\W\d_]{2,})(\d{1,4})|(\d{1,4})([^\W\d_]{2,})")


def _foreign_form(word: str) -> bool:
    """Whether a word, as typed in an English question, is written as no English word is:
    with letters beyond ASCII ("ganó", "gagné") or after an elided article ("l'Open"). No
    typo of an English word, it is not corrected: "¿Quién ganó el Super Bowl?" had been
    "searched for “queen” and “gangs”", and "Qui a gagné l'Open d'Australie ?" for "Lopez"."""
    word = word.replace("\u2019", "'")  # a possessive's curly apostrophe, as phones type it
    return (
        any(c.isalpha() and not c.isascii() for c in word) or _ELIDED_FORM.match(word) is not None
    )


def _unlatin(text: str) -> bool:
    """Whether `text` has letters and none of them is Latin (Cyrillic, Greek, Arabic, CJK)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in letters
    )


def _unwrapped_link(link: str) -> str:
    """A link without the marks that close it in the text ("<https://...>", "...)."): a
    path or query that ends in one of them is rare, and the story is then found without
    it."""
    return link.strip().strip('<>`*\u00ab\u00bb\u2039\u203a"\u201c\u201d').rstrip(_LINK_END)


def _link_words(link: str) -> str:
    """The words of a link's address: its path's slug ("/2024/09/07/aryna-sabalenka-us-open-win/"
    is "aryna sabalenka us open win"), without numbers, file types and site words. Only
    the parts of the path (or the query's values) that join two words or more are a slug: a
    section's name alone ("/1/hi/business/4190000.stm") says nothing of the story, and
    "business" had found any business story."""
    try:
        parts = urlsplit(link if "://" in link else "https://" + link)
    except ValueError:
        return ""

    def words_of(part: str) -> list[str]:
        return [
            w
            for w in _LINK_SEPARATORS.split(part)
            if w and not w.isdigit() and w.lower() not in _LINK_NOISE
        ]

    pairs = [pair.partition("=") for pair in parts.query.split("&")]
    named = [value for key, _, value in pairs if key.lower() in _LINK_SLUG_KEYS]
    found: list[str] = []
    for part in (*parts.path.split("/"), *(value for _, _, value in pairs)):
        if len(words := words_of(part)) >= 2:
            found += words
    if found:
        return " ".join(found)
    # a one-word slug: a query's ("?slug=glazer"), or the path's last part ("/2005/01/10/
    # mourinho/", "/wiki/Yukos"), unless a section's name ("/world/"); not a word before a
    # number ("/1/hi/business/4190000.stm": the section, not the story)
    # (a site's own page one part deep names none: "/watch?v=", "/login", "/iplayer")
    segments = [part for part in parts.path.split("/") if part]
    last = words_of(segments[-1]) if len(segments) > 1 else []
    for words in (*map(words_of, named), last):
        if len(words) == 1 and len(words[0]) > 2 and words[0].lower() not in _LINK_SECTIONS:
            return words[0]
    return ""


def lead_position(article: Article) -> int:
    """The position of an article's lead: its first paragraph that reads as a sentence
    (LEAD_WORDS words or more, or a shorter one ending as a sentence does), among its first
    few; a scraped page often starts with a byline ("Humeyra Pamuk and David Latona") or a
    time stamp ("Updated July 8, 2026, 7:02 a.m. ET")."""
    for at, paragraph in enumerate(article.paragraphs[:LEAD_SEARCH]):
        words = len(paragraph.text.split())
        ends = paragraph.text.rstrip().rstrip(CLOSERS).endswith((".", "!", "?"))
        if words >= LEAD_WORDS or (ends and words >= 4):
            return at
    return 0


# the past days a request for the news names, counted back from the day asked: "what
# happened yesterday", "last night", "last week's news", "the news on Sunday", "three days ago"
# ("today" and "this week" ask for the newest, as any request does)
_NEWS_DAYS = re.compile(
    # "last night", not a title's "Last Night in Soho" nor "the last night of Hanukkah"
    r"\b(?:(?P<yesterday>yesterday)|(?P<night>(?-i:[Ll]ast\s+night)(?!\s+of\b))"
    # "the phillies tonight", "the fire this morning": the day asked; in lower case, not a
    # title's "The Tonight Show"
    r"|(?P<tonight>(?-i:tonight(?!\s+show)|this\s+(?:morning|afternoon|evening)))"
    r"|(?P<week>(?:last|past) week)|(?P<month>(?:last|past) month)"
    r"|(?:on |last )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<weekend>(?:last|this|over the|at the) weekend)"
    r"|(?P<ago>\d{1,2}|an?|one|two|three|four|five|six) (?P<unit>days?|weeks?|months?|years?)"
    r" ago)\b",
    re.IGNORECASE,
)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
STALE_NEWS_DAYS = 7  # a news list whose newest story is older than this says from when


def _news_window(question: str, day: date) -> tuple[date, date] | None:
    """The days (first, and the day after the last) a request for the news names, or None."""
    found = _NEWS_DAYS.search(question)
    if found is None:
        return None
    one = timedelta(days=1)
    if found["yesterday"]:
        return day - one, day
    if found["night"]:  # yesterday evening's news, and the morning's reports of it
        return day - one, day + one
    if found["tonight"]:
        return day, day + one
    if found["week"]:  # the seven days before
        return day - timedelta(days=7), day
    if found["month"]:
        return day - timedelta(days=30), day
    if found["weekday"]:
        back = (day.weekday() - _WEEKDAYS.index(found["weekday"].lower())) % 7
        return day - timedelta(days=back), day - timedelta(days=back) + one
    if found["weekend"]:  # the last Saturday and Sunday begun by `day`
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=2)
    typed = found["ago"].lower()
    count = 1 if typed in ("a", "an") else _SMALL_NUMBERS.get(typed) or int(typed)
    unit = found["unit"].lower()
    if unit.startswith("week"):  # "two weeks ago": that week
        start = day - timedelta(days=7 * count)
        return start, start + timedelta(days=7)
    if unit.startswith(("month", "year")):
        # "a month ago", "a year ago": the week around that day (one day's news may be none)
        try:
            then = _months_back(day, count * (12 if unit.startswith("year") else 1))
        except ValueError:  # before the calendar's first year
            return None
        return then - timedelta(days=3), then + timedelta(days=4)
    return day - timedelta(days=count), day - timedelta(days=count) + one


_YEAR_WRITTEN = re.compile(r"\b\d{4}\b")  # a period named with its year: "March 2023"


def _dated_within(published: date | None, period: Period) -> bool:
    """Whether a story's date lies within the days a period names (not its weeks of
    reports)."""
    return published is not None and period.start <= published < period.until


def _months_long(period: Period | None) -> bool:
    """Whether a period is a month or two ("in April 2024", "March and April"), not a
    year."""
    return period is not None and (period.until - period.start).days <= 62


_COMPARED = re.compile(r"\b(?:than|since|compared|versus|vs)\b[^.?!]*$", re.I)
_NAMES_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)


def _counted_back(question: str, day: date) -> Period | None:
    """The days a question about a subject counts back from the day asked ("ukraine last
    week", "the fire yesterday", "two days ago", "on Monday"), as a period whose news is
    reported within DAY_REPORTS days, or None. A weekday needs "on" or "last" ("Black
    Friday", "Super Tuesday" and "Cyber Monday" are names); "this weekend", a question
    about what is to come and a comparison ("than a year ago") count no days back."""
    found = _NEWS_DAYS.search(question)
    if found is None or (found["weekday"] and found.group() == found["weekday"]):
        return None
    if found["weekend"] and found.group().lower().startswith("this"):
        return None  # "this weekend": days to come
    if _FUTURE.search(question):
        return None  # "will host the Final Four this weekend": days to come
    if _COMPARED.search(question, 0, found.start()):
        return None  # "higher than they were a year ago": a comparison, not the days asked
    window = _news_window(found.group(), day)
    if window is None:
        return None
    start, until = window
    # its news reported in DAY_REPORTS days, but none after the day asked: "israel gaza
    # yesterday" had shown stories of the days after it
    last = min(until - timedelta(days=1) + timedelta(days=DAY_REPORTS), day)
    return Period(start, last, found.group(), until, days=True)


def _months_back(day: date, months: int) -> date:
    """The day `months` months before `day` (the month's last day where it has fewer)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# A year or a month a question asks about: "who won the NBA finals in 2023", "the floods in
# March", "March 2023", "last year". Not one it counts from or to ("since 2017", "before
# 2020"), a season ("2022-23"), a decade ("the 1990s") or an amount ("2023.5").
_PERIOD = re.compile(
    rf"(?:\b(?P<bound>since|before|after|until|till|by|prior to)\s+(?:the\s+)?)?"
    rf"(?:(?P<in>\b(?:in|on|during|of|last|this past|early|late|mid-?|from|to|through|between)"
    r"\s+(?:early\s+|late\s+)?)?"
    r"(?:\b(?P<dayfirst>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"\b(?P<month>{_MONTH_NAMES})(?!\w|-(?!{_MONTH_NAMES}))"  # not Mar-a-Lago
    rf"(?:\s*(?:and|or|to|through|-|\u2013)\s*(?P<month2>{_MONTH_NAMES})(?![\w-]))?"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b,?)?"
    r"(?:\s*(?:of\s+)?(?<![\w$\u00a3\u20ac.,-])(?P<year>(?:19|20)\d\d)(?!\w|[.,/\u2013-]\d))?"
    r"|(?<![\w$\u00a3\u20ac.,-])(?P<alone>(?:19|20)\d\d)(?!\w|[.,/\u2013-]\d))"
    r"|\b(?P<last>last year)\b",
    re.IGNORECASE,
)
# ... and a quick test that a question may name one (most name none)
_PERIOD_HINTS = (
    "19", "20", "last year", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
    "oct", "nov", "dec",
)  # fmt: skip
# a question about what is to come: its month without a year is the next one, not yet over
_FUTURE = re.compile(
    r"\b(?:will|won't|going to|next|upcoming|coming|expected|due"
    r"|when (?:is|are|does|do)|(?:is|are) there)\b",  # "when is the Fed meeting in June"
    re.I,
)
PERIOD_YEARS = 5  # periods named spanning more than this are no period asked about
DAY_REPORTS = 3  # the days after a day named ("on June 24") in which its news is reported
PERIOD_COVER = 0.5  # a period holding this share of an even spread of the library's stories


def _unlinked(text: str) -> str:
    """A question's words without markup ("<b>gas</b> prices" pasted from a formatted page:
    "b" twice; a link's tag first, its URL is in it) and without links pasted with it
    (https, www, co, uk ... are no words of it)."""
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    return _URL.sub(" ", text) if _may_link(text) else text


def _periods(question: str) -> Iterator[re.Match[str]]:
    """The `_PERIOD` matches in a question."""
    folded = question.lower()
    if any(hint in folded for hint in _PERIOD_HINTS):
        yield from _PERIOD.finditer(question)


# a word and the year after it, perhaps joined by a preposition: "Juni 2024", "junio de
# 2024", "giugno del 2024"
_WORD_AND_YEAR = re.compile(
    # (a word: letters and their marks, "जून" holding a vowel sign)
    r"(?<![\w.])([^\s\d.,;:!?()\[\]\"'\u201c\u201d\u00ab\u00bb]+)\.?\s+"
    r"(?:(?:de|del|di|do|da)\s+)?((?:19|20)\d\d)(?![\w.,/\u2013-]\d|\w)"
)


def _local_months(question: str) -> list[tuple[tuple[int, int], date, date]]:
    """The months of a year another language's question names (`month_number`): each with
    where it is written, its first day and the day after it."""
    found: list[tuple[tuple[int, int], date, date]] = []
    for match in _WORD_AND_YEAR.finditer(question):
        number = month_number(match[1])
        if number is None:
            continue
        year = int(match[2])
        until = date(year + number // 12, number % 12 + 1, 1)
        found.append((match.span(), date(year, number, 1), until))
    return found


_ISO_DAY = re.compile(r"(?<![\w.-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\w-])")
# a day in digits with "/" or ".": year first (2024/03/04, 2024.03.04), or last (04.03.2024,
# day first as "." writes it; 3/4/2024, read when one of the two is over 12)
_NUMERIC_DAY = re.compile(
    r"(?<![\w./-])(?:(?P<y1>(?:19|20)\d\d)(?P<s1>[/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<s2>[/.])(?P<b>\d{1,2})(?P=s2)(?P<y2>(?:19|20)\d\d))(?![\w/-]|[.,]\d)"
)


def _days_in_digits(question: str) -> list[str]:
    """The days a question writes in digits (2024-03-04, 2024/03/04, 4.3.2024, 3/4/2024), as
    written."""
    if not any(mark in question for mark in "/.-"):
        return []
    return [m.group() for m in _ISO_DAY.finditer(question)] + [
        m.group() for m in _NUMERIC_DAY.finditer(question)
    ]


def _numeric_days(question: str) -> list[tuple[re.Match[str], tuple[int, int, int] | str]]:
    """The days in digits a question writes (`_NUMERIC_DAY`), each with `_numeric_day`'s
    reading; one that may be either day is read in the order another of the question shows
    ("between 1/3/2024 and 14/3/2024": day first)."""
    found = list(_NUMERIC_DAY.finditer(question)) if "/" in question or "." in question else []
    orders = {_slash_order(match) for match in found} - {None}
    order = orders.pop() if len(orders) == 1 else None
    return [(match, _numeric_day(match, order)) for match in found]


def _slash_order(found: re.Match[str]) -> str | None:
    """ "day" or "month": what comes first in a day written with "/" and the year last, when its
    numbers tell (25/12/2024, 12/25/2024); None otherwise."""
    if found["y1"] or found["s2"] != "/":
        return None
    first, second = int(found["a"]), int(found["b"])
    return "day" if first > 12 >= second else "month" if second > 12 >= first else None


def _numeric_day(found: re.Match[str], order: str | None = None) -> tuple[int, int, int] | str:
    """(year, month, day) of a `_NUMERIC_DAY` match, or why it names none for sure: "3/4/2024"
    is 3 April or 4 March, as the writer's country has it (`order`: as another day of the
    question shows, "day" or "month" first)."""
    if found["y1"]:
        return int(found["y1"]), int(found["m1"]), int(found["d1"])
    first, second, year = int(found["a"]), int(found["b"]), int(found["y2"])
    if found["s2"] == "." or first > 12 >= second:  # 04.03.2024, 25/12/2024
        return year, second, first
    if second > 12 >= first or first == second:  # 12/25/2024, 4/4/2024
        return year, first, second
    if order is not None:
        return (year, second, first) if order == "day" else (year, first, second)
    return (
        f"“{found.group()}” may be {first} {calendar.month_name[second]} or {second} "
        f"{calendar.month_name[first]} {year}: write the month's name "
        f"({first} {calendar.month_name[second]} {year}) or {year}-{second:02}-{first:02}."
    )


def _named_day(
    question: str, found: Iterable[re.Match[str]], day: date
) -> tuple[tuple[date, date] | None, str, str | None] | None:
    """The days a question names with their month ("on 5 May 2024", "May 5", "2024-05-05",
    "from May 5 to May 20"), as a news window (the first day, and the day after the last)
    with the words that name them; a day without a year is the latest such by `day` ("29
    February" the last leap year's). None for no day named, or only days after `day` (a
    question about what is to come); a window of None for a day no calendar has ("31
    February 2024"), or digits that may be either of two days ("3/4/2024": the third item
    says so)."""
    days: list[date] = []
    words: list[str] = []
    for match in found:
        number = match["dayfirst"] or match["day"]
        if match["bound"] or not match["month"] or match["month2"] or not number:
            continue
        month = _MONTH_NUMBERS[match["month"].lower().rstrip(".")[:3]]
        year = match["year"]
        typed = question[match.start("dayfirst" if match["dayfirst"] else "month") : match.end()]
        named = _calendar_day(int(year) if year else None, month, int(number), day)
        if named is None:
            return None, typed.strip(" ,"), None
        if named <= day:
            days.append(named)
            words.append(typed)
    for iso in _ISO_DAY.finditer(question):
        try:
            named = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None, iso.group(), None
        if named <= day:
            days.append(named)
            words.append(iso.group())
    for digits, read in _numeric_days(question):
        if isinstance(read, str):
            return None, digits.group(), read
        try:
            named = date(*read)
        except ValueError:
            return None, digits.group(), None
        if named <= day:
            days.append(named)
            words.append(digits.group())
    if not days:
        return None
    return (min(days), max(days) + timedelta(days=1)), " ".join(words), None


def _calendar_day(year: int | None, month: int, number: int, day: date) -> date | None:
    """The date of a day and month in `year`; without one, the latest by `day` (a leap day
    looks back to the last leap year). None for a day no calendar has."""
    if year is not None:
        try:
            return date(year, month, number)
        except ValueError:
            return None
    for back in range(8):  # a leap year comes within eight (1896 to 1904)
        try:
            named = date(day.year - back, month, number)
        except ValueError:
            continue
        if named <= day:
            return named
    return None


class Period(NamedTuple):
    """The days a question asks about (`_asked_period`), and the words that named them."""

    start: date
    end: date  # the last day, with the weeks in which its news is still reported
    words: str
    until: date  # the day after the period itself
    days: bool = False  # named as days ("on June 24"): its lift fades in DAY_REPORTS days


def _asked_period(
    question: str,
    day: date,
    *,
    english: bool,
    found: Iterable[re.Match[str]] | None = None,
    ongoing: bool = False,
) -> Period | None:
    """The days a question asks about, from its years and (in English) its months, its days
    ("on June 24", "2022-06-24") and "last year": the first day, and the last day with the
    weeks in which its news is still reported (a sixth of its length, at least two weeks;
    DAY_REPORTS days after days named alone). A month without a year is the
    latest one by `day` ("last May" in May: a year before), and needs a word that makes it a
    time ("in March", "on 5 May"; not "Jan. 6 committee", "Sept. 11 attacks"). None when
    it names no such period, periods far apart, a month of a question about what is to come
    ("will the Fed cut rates in September"), or a period not over by `day`: asked within it
    or its weeks of reports ("the 2024 Copa América final" in July 2024), the recency prior
    already lifts its newest news, which a lift of the whole period would set among its
    older stories. `found`: the question's `_periods`, when the caller has them; `ongoing`:
    a period under way by `day` counts too (one that starts after it does not)."""
    spans: list[tuple[date, date]] = []
    words: list[str] = []
    days: list[date] = []  # the days named as days ("on June 24", "2022-06-24")
    for iso in _ISO_DAY.finditer(question) if english else ():
        try:
            one = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            continue
        spans.append((one, one + timedelta(days=1)))
        days.append(one)
        words.append(iso.group())
    numeric: list[tuple[int, int]] = []  # where days in digits are ("3/4/2024": its year too)
    for digits, read in _numeric_days(question) if english else ():
        numeric.append(digits.span())
        try:
            when = date(*read) if not isinstance(read, str) else None
        except ValueError:
            when = None
        if when is not None:
            spans.append((when, when + timedelta(days=1)))
            days.append(when)
            words.append(digits.group())
    # another language's month before a year: "im Juni 2024", "en junio de 2024", "в июне
    # 2024"; English's are _PERIOD's
    local = [] if english else _local_months(question)
    for month_span, first_day, next_month in local:
        spans.append((first_day, next_month))
        words.append(question[month_span[0] : month_span[1]])
    for match in _periods(question) if found is None else found:
        month, year = match["month"], match["year"] or match["alone"]
        if match["bound"] or not (month or year or match["last"]):
            continue
        if any(a <= match.start() < b for (a, b), _, _ in local) or any(
            a <= match.start() < b for a, b in numeric
        ):
            continue  # the year of a month or a day read above
        try:
            if match["last"]:
                if not english:
                    continue
                spans.append((date(day.year - 1, 1, 1), date(day.year, 1, 1)))
            elif month and english:
                if not year and (not match["in"] or _FUTURE.search(question)):
                    continue  # "May" with nothing to say it is the month
                number = _MONTH_NUMBERS[month.lower().rstrip(".")[:3]]
                named_day = match["dayfirst"] or match["day"]
                if named_day and match["in"] and not match["month2"]:
                    # "on June 24": that day, not its month ("june" and "24" had been
                    # search words, and a 1967 "June 12" came first); "the Jan. 6, 2021
                    # hearings" names an event, not the day asked about
                    on = _calendar_day(int(year) if year else None, number, int(named_day), day)
                    if on is None:
                        continue
                    spans.append((on, on + timedelta(days=1)))
                    days.append(on)
                    words.append(match.group())
                    continue
                # "June and July 2024", "March to May": through the second month
                until = _MONTH_NUMBERS[(match["month2"] or month).lower().rstrip(".")[:3]]
                at = int(year) if year else day.year
                if not year and (
                    until > day.month or (until == day.month and match["in"].startswith("last"))
                ):
                    at -= 1
                first = date(at - (number > until), number, 1)
                spans.append((first, date(at + until // 12, until % 12 + 1, 1)))
            elif year:
                spans.append((date(int(year), 1, 1), date(int(year) + 1, 1, 1)))
            else:
                continue
        except ValueError:  # a day asked at the ends of the calendar ("--as-of 0001-01-01")
            continue
        words.append(match.group())
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    # its weeks of reports; a day's news is reported within DAY_REPORTS days
    tail = timedelta(days=DAY_REPORTS if len(days) == len(spans) else 14)
    if (end - start).days > 366 * PERIOD_YEARS:  # periods far apart (their tail may pass 9999)
        return None
    try:
        last = end - timedelta(days=1) + max(tail, (end - start) / 6)
    except OverflowError:  # a period at the calendar's end: its reports run to its last day
        last = date.max
    if start > day if ongoing else last >= day:
        return None
    return Period(start, last, " ".join(words), end, len(days) == len(spans))


_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def _window_words(window: tuple[date, date], day: date) -> str:
    """A news window in words: "yesterday (5 Mar 2024)", "5-12 Mar 2024"."""
    start, end = window
    last = end - timedelta(days=1)
    if start == day - timedelta(days=1) and last == start:
        return f"yesterday ({_day_words(start)})"
    if start == day - timedelta(days=1) and last == day:  # "last night"
        return f"yesterday and today ({_day_words(start)} to {_day_words(day)})"
    last = min(last, day)  # a window still under way ("last week", asked on its last day)
    if last <= start:
        return _day_words(start)
    return f"{_day_words(start)} to {_day_words(last)}"


def _day_words(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def _joined(words: Sequence[str]) -> str:
    """Words as one string, space-delimited at both ends, for whole-word `in` tests."""
    return " " + " ".join(words) + " "


def _folded(text: str) -> str:
    """Text as `_probe` patterns see it: NFKC, case-folded, without dots, apostrophes and
    hyphens ("e-mail" is the term email; words may run together, as patterns allow)."""
    text = text.replace("\u2026", "...")  # NFKC's own mapping of news text's usual odd one out
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    # a word's last "s" before dots or hyphens and a letter ("Trump's-style",
    # "Niger's.a") stays the end of its word, as `_probe` may want; other dots, hyphens and
    # apostrophes join ("e-mail" is the term email, "U.S.S.R." ussr, "don't" dont)
    # "İ" case-folds to "i" and a combining dot, as the analysis reads it "i" ("İstanbul")
    text = _S_JOINED.sub("s ", text.casefold().replace("i\u0307", "i"))
    text = text.replace(".", "").replace("'", "").replace("\u2019", "")
    return text.replace("-", "").replace("\u2010", "")  # NFKC made U+2011 U+2010


@functools.lru_cache(maxsize=1 << 14)
def _name_word(token: str) -> str:
    """A question's word as source names' words are read (`name_words`: case, accents,
    German's "ue" for "ü"), kept for the words questions repeat."""
    return "".join(_name_words(token))


@functools.lru_cache(maxsize=256)
def _probe(key: str, elided: str = "") -> re.Pattern[str]:
    """A pattern every `_folded` text holding a `_phrase_keys` key matches: its words in
    order, each perhaps followed by "s" (a possessive's, its apostrophe dropped), digits
    perhaps separated by commas (1,000 is the term 1000), with anything or nothing between
    the words. A necessary condition only: the analyzer decides.
    Before a word that starts with "s", that "s" must end a word (`_folded` keeps such an
    "s" apart from a word joined to it by a dot or a hyphen): an "s" that might also start
    the next word made the pattern ambiguous, and `"s s s ... s crowd"` against a run of s's
    backtracked exponentially (20 words: 3 s; 26: over a minute).
    `elided`: the elided articles of the language ("l|d|qu"), which a word after the first
    may be joined to ("médaille d'or" is folded "médaille dor"; the analysis drops the "d")."""
    words = [_PROBE_DROP.sub("", word) for word in key.split()]
    parts: list[str] = []
    for word, after in zip(words, [*words[1:], ""], strict=True):
        digits = any(c.isdigit() for c in word)
        # an "s" inside a word may be one `_folded` kept apart ("ß.a" is the term ssa, folded
        # "ss a"): a space may follow it; a space is no letter, so this adds no ambiguity
        inner = [re.escape(c) + (" ?" if c == "s" else "") for c in word[:-1]]
        body = (",?" if digits else "").join([*inner, re.escape(word[-1:])])
        parts.append(body + (r"(?:s(?![^\W_]))?" if after.startswith("s") else "s?"))
    between = rf"[\W_]*(?:(?:{elided})(?=[^\W_]))?" if elided else r"[\W_]*"
    return re.compile(between.join(parts))


def _sorted_by_id(pairs: tuple[IntArray, FloatArray]) -> tuple[IntArray, FloatArray]:
    """Candidates (ids, scores) ordered by id, for `_sparse_lookup`."""
    order = np.argsort(pairs[0])
    return pairs[0][order], pairs[1][order]


def _sparse_lookup(ids: IntArray, values: FloatArray, wanted: IntArray) -> FloatArray:
    """values[i] where ids[i] == wanted[j] (ids ascending), else 0, for each of `wanted`."""
    if not len(wanted):
        return np.zeros(0)
    at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return np.where(ids[at] == wanted, values[at], 0.0)


_DICTIONARY_LANGUAGES = {
    "english": "en",
    "porter": "en",
    "spanish": "es",
    "french": "fr",
    "italian": "it",
    "portuguese": "pt",
    "german": "de",
    "russian": "ru",
    "arabic": "ar",
    "basque": "eu",
    "dutch": "nl",
}


@functools.lru_cache(maxsize=4)
def _dictionary(language: str) -> Collection[str] | None:
    """The words of a language (pyspellchecker's frequency list, 160,000 English words), or
    None for a language it lacks. Loaded on first use, by a question
    with a word no article uses: 0.15 s and 21 MB for English, read from the package's own
    list (SpellChecker() builds more than a word set and takes 0.45 s)."""
    code = _DICTIONARY_LANGUAGES.get(language)
    if code is None:
        return None
    try:
        import spellchecker
    except ImportError:  # an install without it: every unknown word may be a typo
        return None
    try:
        listed = importlib.resources.files(spellchecker) / "resources" / f"{code}.json.gz"
        with listed.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            words = json.load(text)
        return frozenset(words)
    except (OSError, ValueError):  # another release's layout: through its interface
        checker = spellchecker.SpellChecker(language=code, distance=1)
        return frozenset(checker.word_frequency.dictionary)


@functools.lru_cache(maxsize=3)  # a question read as any of three tied languages
def _word_list(language: str) -> Callable[[str], bool] | None:
    """Whether a word is in a language's pyspellchecker list, for the language a question
    is read as (`_may_be_its_words`), or None for a language it lacks. The list's text is
    kept and searched (1.4-7.5 MB, read in 8-32 ms; 1-5 ms a word, and a question asks of
    a few): a set of its words, as `_dictionary` makes, took 40-250 ms to build and 40-50
    MB to keep for Portuguese and German."""
    code = _DICTIONARY_LANGUAGES.get(language)
    if code is None:
        return None
    try:
        import spellchecker
    except ImportError:
        return None
    try:
        listed = importlib.resources.files(spellchecker) / "resources" / f"{code}.json.gz"
        with listed.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as file:
            text = file.read()
    except OSError:
        text = ""
    if text.startswith('{\n"'):  # a word a line: {\n"a": 25517457,\n"aarónica": 50, ...
        return lambda word: f'\n"{word}":' in text
    words = _dictionary.__wrapped__(language)  # another release's layout
    return None if words is None else words.__contains__


def _one_edit(word: str) -> set[str]:
    """The lower-case ASCII words one edit from `word`: a letter dropped, two neighbours
    swapped, a letter changed or one added (Norvig's spelling corrector), the first letter
    kept: typos seldom touch it, and edits there turn names into words ("iPhone" -> phone,
    "eBay" -> bay, "Xbox" -> box)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    edits.discard(word)
    return edits


_YEAR = re.compile(r"1[89]\d\d|2\d\d\d")  # a number a question may name a story's year by


def _swaps(word: str) -> set[str]:
    """The words `word` makes with two neighbouring letters swapped, the first kept."""
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}
    swapped.discard(word)
    return swapped


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two term sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _contained(a: set[str], b: set[str]) -> float:
    """The share of the smaller term set that the other holds: 1.0 when one passage is a piece
    of the other (the same story saved twice, split into paragraphs differently)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _best_sentence(
    text: str, weight_at: Sequence[tuple[int, float, str]]
) -> tuple[int, int] | None:
    """The sentence holding the most idf weight of distinct matched terms (earliest on ties).
    `weight_at` is in text order, so one pass over it serves every sentence."""
    best: tuple[int, int] | None = None
    best_weight = -1.0
    i = 0
    for start, end in sentence_spans(text[:READ_CHARS]):
        while i < len(weight_at) and weight_at[i][0] < start:
            i += 1
        seen: dict[str, float] = {}
        while i < len(weight_at) and weight_at[i][0] < end:
            _, weight, term = weight_at[i]
            seen[term] = weight
            i += 1
        total = sum(seen.values())
        if total > best_weight:
            best, best_weight = (start, end), total
    return best
