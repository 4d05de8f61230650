"""Text analysis: tokens, case folding, stopwords and Snowball stemming, the same for documents
and questions.

A token is a dotted acronym ("U.S." -> "us"; also "U.S", its last dot left out), a number
("1,000" -> "1000", "2.5"), a slash number of two parts of one or two digits ("9/11", "24/7";
"7/7/05" is "7/7" and "05", "2004/05" "2004" and "05"), an amount run into letters ("$1.13bn"
-> "1.13bn", "£1,200m" -> "1200m": not
"1" and "13bn"), or a word (letters and digits, inner apostrophes allowed: "Niger's" -> "niger",
"don't" -> "dont"; a letter hyphened to a word is one word, whatever the case: "e-mail",
"E-Mail" -> "email", "X-ray" -> "xray", "T-Mobile" -> "tmobile", "K-pop" -> "kpop", but
not d, i or r, which are a party in "R-Ohio", "D-Calif." and "I-Vt." (split, "ohio" finds
the senator), nor a, o or n, which join words ("Mar-a-Lago", "jack-o-lantern",
"rock-n-roll"; "A-Rod" splits too): the rule must not depend on case, or "t-mobile" typed
would not find "T-Mobile").
Other hyphens, and other punctuation, separate tokens ("al-Qaida" -> "al", "qaida"; "6-3" ->
"6", "3"). Acronyms written in capitals ("US", "U.S.", "WHO") are kept even when their
lower-case form is a stopword, so "U.S. troops" and "US troops" match while the pronoun "us" is
dropped.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import Stemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from retrieval.articles import CorpusError
from retrieval.marks import mark_ranges

try:
    from retrieval import _scan  # type: ignore[attr-defined]
except ImportError:  # built without a C compiler: Analyzer.scan runs in Python, slower
    _scan = None
else:  # the C scanner reads marks as _TOKEN does (and Chinese and Japanese as its own CJK)
    _scan.set_marks(np.array(mark_ranges(), np.uint32).tobytes())

# The Snowball project's English stopword list, apostrophes removed as the tokenizer does,
# less the contractions that become real words without them (shell, well, ill, shed, ...).
_ENGLISH = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing would should could ought im youre hes shes its were theyre ive youve weve
    theyve youd hed theyd youll theyll isnt arent wasnt werent hasnt havent hadnt doesnt
    dont didnt wont wouldnt shant shouldnt cant cannot couldnt mustnt lets thats whos whats
    heres theres whens wheres whys hows a an the and but if or because as until while of at
    by for with about against between into through during before after above below to from
    up down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now us
"""
ENGLISH_STOPWORDS = frozenset(_ENGLISH.split())

STOPWORDS: dict[str, frozenset[str]] = {"english": ENGLISH_STOPWORDS, "porter": ENGLISH_STOPWORDS}
# The other languages' Snowball stopword lists, as NLTK keeps them and bm25s ships them
# (function words, mostly: "und", "les", "и"; French lists "été"); the Snowball languages
# not here have none.
_SHIPPED_STOPWORDS = {
    "danish": "STOPWORDS_DANISH",
    "dutch": "STOPWORDS_DUTCH",
    "dutch_porter": "STOPWORDS_DUTCH",
    "french": "STOPWORDS_FRENCH",
    "german": "STOPWORDS_GERMAN",
    "italian": "STOPWORDS_ITALIAN",
    "norwegian": "STOPWORDS_NORWEGIAN",
    "portuguese": "STOPWORDS_PORTUGUESE",
    "russian": "STOPWORDS_RUSSIAN",
    "spanish": "STOPWORDS_SPANISH",
    "swedish": "STOPWORDS_SWEDISH",
    "turkish": "STOPWORDS_TURKISH",
}
# Articles and prepositions elided before a vowel ("l'économie", "dell'Unione", "d'aigua"),
# which Lucene's ElisionFilter drops: "l'histoire" is histoire, not "lhistoire"
_ELIDED = {
    "french": "l m t qu n s j d c jusqu quoiqu lorsqu puisqu presqu quelqu",
    "italian": """c l all dall dell nell sull coll pell gl agl dagl degl negl sugl un m t s v d
        quell quest nessun buon sant bell""",
    "catalan": "d l m n s t",
}
_ELISIONS = {language: frozenset(words.split()) for language, words in _ELIDED.items()}
# Languages that write a decimal comma and group thousands with dots: "2,2 Prozent" is 2.2
# (not 22, as English's "1,000" is 1000), "3.000 Menschen" 3000
_COMMA_LANGUAGES = """
    basque catalan czech danish dutch dutch_porter estonian finnish french german greek
    hungarian indonesian italian lithuanian norwegian polish portuguese romanian russian
    serbian spanish swedish turkish armenian esperanto
"""
_DECIMAL_COMMA = frozenset(_COMMA_LANGUAGES.split())
_GROUPED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # 3.000, 1.250.000


@functools.cache
def stopwords_for(language: str) -> frozenset[str]:
    """The stopword list of a Snowball language, case-folded as terms are, apostrophes
    removed (empty for a language without one). Read once (bm25s's lists: 0.3 s on first
    use, which the search's language note would pay again)."""
    if language in STOPWORDS:
        return STOPWORDS[language]
    name = _SHIPPED_STOPWORDS.get(language)
    words: list[str] = _OWN_STOPWORDS.get(language, "").split()
    if name is not None:
        from bm25s import stopwords  # only for a language other than English

        words += getattr(stopwords, name, ())
    folded = {
        unicodedata.normalize("NFKC", word).casefold().replace("'", "").replace("\u2019", "")
        for word in words
    }
    if language == "greek":  # typed without its accents too, as Greek often is online
        folded |= {_unaccented(word) for word in folded}
    return frozenset(folded)


# Function words bm25s ships no list for (Greek, Arabic), or leaves out (Turkish "bir", "a"):
# the commonest, so that "και το η στη" finds nothing and does not match every story
_OWN_STOPWORDS = {
    "turkish": "bir ve ile için olan olarak",
    "greek": """
        ο η το οι τα του της των τον την τους τις ένα ένας μια μία ενός μιας και κι ή να θα
        δεν δε μην μη με σε στο στη στην στον στα στις στους στης στου από για ως που πού ότι
        πως αν αλλά όμως ενώ επίσης είναι ήταν είχε έχει έχουν αυτό αυτή αυτός αυτά αυτοί
        αυτές αυτού αυτής αυτών αυτόν τη τα μας σας τους του της εγώ εμείς εσύ εσείς εκεί
        εδώ πιο πολύ μετά πριν κατά προς μέχρι χωρίς όπως όταν οποίο οποία οποίος οποίοι
        οποίες οποίων οποίου οποίας ακόμη ακόμα μόνο όλα όλοι όλες όλο κάθε
    """,
    "arabic": """
        في فى من على إلى الى عن أن ان إن لا ما هذا هذه ذلك تلك التي الذي الذين اللذين اللتين
        كان كانت يكون تكون قد لقد مع أو او ثم كل بعد قبل حتى هو هي هم هما نحن أنا انا أنت
        لم لن بين عند عندما إذا اذا لكن غير أي كما منذ خلال ضد حول أيضا ايضا وقد وفي ومن
        وعلى ولا وهو وهي وكان وأن وإن وما فيه فيها منه منها عليه عليها إليه له لها به بها
    """,
}


def _unaccented(word: str) -> str:
    """A word without its combining marks (Greek's tonos and dialytika)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


# A combining mark (Unicode's Mn, Mc, Me) goes on the word before it: Hindi "मोदी" is one word,
# where \w, which takes no mark, read "म" and "द"; so are Arabic "محمّد" and decomposed text.
_MARKS = "".join(
    re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "")
    for first, last in mark_ranges()
)


# Han characters, kana and the iteration marks: the scripts that write no spaces between words
# (Korean does)
CJK_RANGES = (
    (0x3005, 0x3007),
    (0x3040, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3134F),
)
CJK = "".join(f"{chr(first)}-{chr(last)}" for first, last in CJK_RANGES)


# a letter or digit of a script written with spaces: not a Chinese or Japanese character,
# each a term of its own (a word or a number ran on into them: "2024年美国大选" was one term)
_SPACED = f"[^\\W_{CJK}]"


def _token_pattern(on: str) -> re.Pattern[str]:
    """The token pattern, `on` being what continues a word after its first letter or digit
    (never a Chinese or Japanese character: "2024年", "iPhone手机" end where those begin)."""
    w = _SPACED  # a letter or digit of a script written with spaces
    return re.compile(
        r"(?:[^\W\d_]\.){2,}"  # dotted acronyms: U.S., U.K., e.g.
        rf"|[^\W\d_]\.[^\W\d_](?!{w})"  # one written without its last dot: U.S (the country)
        # slash numbers, two parts of 1-2 digits, read from the left: 9/11, 24/7 (not 2004/05)
        rf"|\d\d?/\d\d?(?!{w}|[.,]\d)"
        rf"|\d+(?:[.,]\d+)+[^\W\d_{CJK}]{on}(?:['’]{w}{on})*"  # amounts into letters: 27.9bn
        rf"|\d+(?:[.,]\d+)*(?!{w})"  # numbers: 1,000  2.5  2024 (and 2024年)
        # short letter groups joined by "&" are one name: AT&T, S&P, Texas A&M, R&B, M&Ms
        rf"|[^\W\d_{CJK}]{{1,3}}&[^\W\d_{CJK}]{{1,3}}(?!{w})(?:['’]{w}{on})*"
        # the programming languages named with signs, not run into a word: C++, C#, F#
        rf"|(?:[Cc]\+\+|[CcFf]#)(?!{w})"
        # a letter hyphened to a word, in any case: e-mail, X-ray, T-Mobile, K-pop, A-Rod
        # ("T-Mobile" had been "mobile"); not d, i or r, a party: R-Ohio, D-Calif., I-Vt.
        # ("Mar-a-Lago", "jack-o-lantern", "rock-n-roll": a, o and n, which join words, stay
        # apart too; no look-behind, so a phrase cut from a text analyzes as it did there);
        # Unicode's hyphens too, which some pages write ("T\u2011Mobile", NFKC "T\u2010Mobile")
        rf"|[b-ce-hj-mp-qs-zB-CE-HJ-MP-QS-Z][-\u2010\u2011][A-Za-z]{on}(?:['’]{w}{on})*"
        # Chinese and Japanese write no spaces: each character is a term ("東京で大雨" is
        # 東, 京, で, 大, 雨), as a search engine's unigrams; a run had been one word, and "東京"
        # found nothing in it
        rf"|[{CJK}](?<=[^\W_])"  # a letter of theirs, not their punctuation ("・")
        rf"|[^\W_]{on}(?:['’]{w}{on})*"  # words, with inner apostrophes
    )


# a text that may hold a mark: one of the marks of the Basic Multilingual Plane, or any
# character beyond it (its marks, tested one by one, made the test 40 times as slow)
_MARK = re.compile(
    "["
    + "".join(
        re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "")
        for first, last in mark_ranges()
        if last < 0x10000
    )
    + "\U00010000-\U0010ffff]"
)
# letters, digits and marks after a word's first: runs of letters and digits between runs of
# marks; text without a mark (most) is read by the pattern that looks for none, which a
# pattern that does runs 1.5 times as slow over
_TOKEN_PLAIN = _token_pattern(f"{_SPACED}*")


@functools.cache
def _token_marked() -> re.Pattern[str]:
    """The pattern for text with marks, compiled at its first need (13 ms at start-up)."""
    return _token_pattern(rf"{_SPACED}*(?:[{_MARKS}]+{_SPACED}*)*")


class _Tokens:
    """The tokens of a text, as `re.Pattern.findall` and `finditer` give them: with its
    combining marks in their words when it has any."""

    @staticmethod
    def findall(text: str) -> list[str]:
        pattern = _token_marked() if _MARK.search(text) else _TOKEN_PLAIN
        return pattern.findall(text)

    @staticmethod
    def finditer(text: str) -> Iterator[re.Match[str]]:
        pattern = _token_marked() if _MARK.search(text) else _TOKEN_PLAIN
        return pattern.finditer(text)


_TOKEN = _Tokens()
_ORDINAL = re.compile(r"(\d{1,4})(?:st|nd|rd|th|ST|ND|RD|TH)")  # 1st, 2nd, 16th, 21ST
_US = re.compile(r"\b[uU]s\b")
_BEFORE_COUNTRY = frozenset({"the", "in"})  # "the us economy", "inflation in us"
# verbs after which "us" is the pronoun though a noun follows ("give us hope", "tell us more")
_VERBS_BEFORE_PRONOUN = """
    tell tells told give gives gave given show shows showed shown let lets help helps helped
    make makes made teach teaches taught remind reminds reminded send sends sent bring brings
    brought get gets got keep keeps kept cost costs owe owes offer offers offered ask asks
    asked call calls called leave leaves left buy buys bought pay pays paid find found
"""
_PRONOUN_VERBS = frozenset(_VERBS_BEFORE_PRONOUN.split())
# words after which "us" is the pronoun though they are no stopwords ("hit us tomorrow")
_AFTER_PRONOUN = frozenset(
    {"today", "tonight", "tomorrow", "yesterday", "soon", "later", "already", "anymore"}
    | {"forever", "please", "instead", "either", "anyway", "personally", "directly"}
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[^\W_])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = """
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion trillion dozen half
"""
_ENGLISH_NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
# A vague plural amount ("thousands of people", "millions watched") says no number: it
# answers no "how many" or "what year", and in a passage it is no number for the cue. The
# seed's "how many American troops" had shown a rally of "thousands" over the lead's
# "1,000". "Two hundred", "a dozen", "3 million" still count.
_VAGUE_AMOUNTS = frozenset(["dozens", "hundreds", "thousands", "millions", "billions", "trillions"])

# English words Snowball cannot bring to their stem: irregular past tenses and participles,
# and plurals, each line a base form and then its other forms ("who won" finds "wins",
# "economy shrank" "shrinking"); also "winner", since "who won?" is answered by "the
# winner" (realtimeqa_news: +0.001 on answer@1/3/10). Left out: forms that are also common
# words of their own (left, found, ground, saw, felt, lay, bit, shot, fed, lit, bound, wound,
# might, feet, people, media, data).
_IRREGULAR = """
    arise arose arisen; awake awoke awoken; beat beaten; become became; begin began begun;
    bite bitten; bleed bled; blow blew blown; break broke broken; breed bred; bring brought;
    build built; buy bought; catch caught; choose chose chosen; cling clung; come came;
    deal dealt; dig dug; draw drew drawn; dream dreamt; drink drank drunk; drive drove driven;
    eat ate eaten; fall fell fallen; fight fought; flee fled; fling flung; fly flew flown;
    forbid forbade forbidden; foresee foresaw foreseen; forget forgot forgotten;
    forgive forgave forgiven; freeze froze frozen; get got gotten; give gave given; go went gone;
    grow grew grown; hang hung; hear heard; hide hid hidden; hold held; keep kept; know knew known;
    lay laid; lead led; leap leapt; lend lent; lose lost; make made; mean meant; meet met;
    mistake mistook mistaken; overcome overcame; oversee oversaw overseen;
    overtake overtook overtaken; overthrow overthrew overthrown; pay paid; rebuild rebuilt;
    ride rode ridden; ring rang rung; rise rose risen; run ran; say said; see seen; seek sought;
    sell sold; send sent; shake shook shaken; shine shone; shrink shrank shrunk; sing sang sung;
    sink sank sunk; slay slain; sleep slept; slide slid; speak spoke spoken; speed sped;
    spend spent; spin spun; spring sprang sprung; stand stood; steal stole stolen; stick stuck;
    sting stung; stride strode; strike struck stricken; strive strove striven; swear swore sworn;
    sweep swept; swim swam swum; swing swung; take took taken; teach taught; tear tore torn;
    tell told; think thought; throw threw thrown; undergo underwent undergone;
    understand understood; undertake undertook undertaken; uphold upheld; wake woke woken;
    wear wore worn; weep wept; win won winner winners; withdraw withdrew withdrawn;
    withhold withheld;
    withstand withstood; write wrote written;
    child children childrens; man men mens; woman women womens; mouse mice; goose geese;
    tooth teeth; crisis crises;
    analysis analyses; thesis theses; hypothesis hypotheses; diagnosis diagnoses;
    phenomenon phenomena; criterion criteria; wife wives; knife knives; thief thieves;
    half halves; shelf shelves;
    january jan; february feb; august aug; september sept sep; october oct; november nov;
    december dec
"""
ENGLISH_IRREGULAR = {
    form: forms[0]
    for forms in (line.split() for line in _IRREGULAR.split(";"))
    for form in forms[1:]
}
# British spellings as American ones, for ranking ("labour" is labor, "organisation"
# organization, "defence" defense): a question in one finds news written in the other. From
# breame's table of 1,730 words (after VarCon); the irregular forms win where both list a word.
# ... and British spellings breame lacks whose stems Snowball keeps apart ("fuelled" is
# "fuell", "fueled" "fuel"; "sizeable"; "enquiry"). Not "storey": as "story" it would find
# every news story; nor "mum", which is also silence ("keep mum").
_BRITISH_MORE = """
    fuelled fueled; fuelling fueling; refuelled refueled; refuelling refueling;
    totalled totaled; totalling totaling; equalled equaled; equalling equaling;
    sizeable sizable; skilful skillful; wilful willful; enquiry inquiry; enquiries inquiries;
    doughnut donut; doughnuts donuts; gaol jail; kerb curb; defenceman defenseman;
    learnt learned; spelt spelled; burnt burned; spilt spilled; spoilt spoiled
"""
_BRITISH_MORE_FORMS = dict(pair.split() for pair in _BRITISH_MORE.split(";"))
ENGLISH_FORMS: dict[str, str] = {
    **BRITISH_ENGLISH_SPELLINGS,
    **_BRITISH_MORE_FORMS,
    **ENGLISH_IRREGULAR,
}
# of those, forms that are mostly names when capitalised ("Justin Rose", "Drew Brees", "Sung
# Kim", "the Met Office", "Lent"). A form's analysis cannot see where it stands, so "Hung
# parliament" and "Led by" at a sentence's start, which are the verbs, map as lower case does.
_NAME_FORMS = frozenset({"rose", "drew", "sung", "met", "lent"})
# English names the stemmer would make another word's stem: AIDS is no "aid", the planet Mars
# is not what "marred" is, and ISIS not Pakistan's ISI. Capitalised only: "hearing aids" and
# "aids to Ukraine" are aid (a question typed in lower case is read both ways: Searcher)
ENGLISH_WHOLE = frozenset({"aids", "mars", "isis"})
# One place or party under two single-word names in the news: each the other, acronyms too
# ("GOP" is Republican, "Britain" the UK), and renamed places their present name ("Kiev" is
# Kyiv). Two-word names ("United Kingdom", "European Union") are not single terms.
ENGLISH_ALIASES = {
    "britain": "uk",
    "gop": "republican",
    "kiev": "kyiv",
    "burma": "myanmar",
    "turkiye": "turkey",
    "swaziland": "eswatini",
    "aussie": "australian",  # "Aussie Open", "the Aussie dollar"
    "aussies": "australians",
    "tory": "conservative",  # Britain's Conservative Party: "Tory MPs", "the Tories"
    "tories": "conservatives",
    # one name transliterated two ways, each common in one outlet (CNN's "Zelensky", USA
    # TODAY's "Zelenskyy"): each is the other, or half the stories are missed
    "zelenskyy": "zelensky",
    "zelenskiy": "zelensky",
    "qaddafi": "gaddafi",
    "kadhafi": "gaddafi",
    "hizbollah": "hezbollah",
    "hizballah": "hezbollah",
    "qaida": "qaeda",  # al-Qaida, al-Qaeda
    "kharkov": "kharkiv",
    "lugansk": "luhansk",
    "zaporizhia": "zaporizhzhia",
    "zaporozhye": "zaporizhzhia",
    "chanukah": "hanukkah",
    "hanukah": "hanukkah",
    # "Roe vs Wade", "Roe v. Wade", "Leeds versus Saracens": one word
    "vs": "v",
    "versus": "v",
    # plural acronyms without a vowel the stemmer would take the "s" from ("MPs" stayed
    # "mps" while "MEPs" became "mep"): each is its singular. Not "GPs" (GPS), "PMs" (pm),
    # "CVs" (CVS), "PCs" (the PCS union), "CDs" (CDS, credit default swaps)
    "mps": "mp",
    "msps": "msp",
    "ngos": "ngo",
    "dvds": "dvd",
    "tvs": "tv",
    "hgvs": "hgv",
    "mvps": "mvp",
    "djs": "dj",
}
# English contractions after a word ("what'll", "who'd", "could've", "they're"): the word
_CONTRACTED = tuple(f"{mark}{end}" for mark in "'\u2019" for end in ("ll", "d", "ve", "re"))
_DIGIT = re.compile(r"\d")
HAS_NUMBER = 0x80  # in a passage's cue byte: it holds a number
NAMES_MASK = 0x7F  # in a passage's cue byte: how many distinct capitalised words (at most 127)
_NUMBER_FORM = 1  # a surface form's flag for the C scanner: it counts toward HAS_NUMBER
_SCAN_IDS = 4_000_000  # term and name ids Analyzer.scan hands out before it starts afresh


@dataclass(frozen=True, slots=True)
class Scanned:
    """Texts analyzed in bulk (Analyzer.scan): each text's terms, as ids into `names`, one
    text after another; how many terms each text has; and each text's cue byte, as
    Analyzer.passage gives it."""

    ids: npt.NDArray[np.int32]
    lengths: npt.NDArray[np.int32]
    cues: npt.NDArray[np.uint8]
    names: list[str]  # the terms, by id (later scans may add to it, never change it)

    def texts(self, start: int, stop: int) -> Scanned:
        """The part for texts start..stop-1."""
        ends = np.concatenate([[0], np.cumsum(self.lengths, dtype=np.int64)])
        return Scanned(
            self.ids[ends[start] : ends[stop]],
            self.lengths[start:stop],
            self.cues[start:stop],
            self.names,
        )


def available_languages() -> list[str]:
    """The Snowball languages PyStemmer offers."""
    return sorted(Stemmer.algorithms())


@dataclass(slots=True)
class Analyzer:
    """Turns text into index terms. Cheap to call: each distinct surface form is analyzed once."""

    language: str = "english"
    stem: bool = True
    remove_stopwords: bool = True
    # English contractions kept, with their apostrophe ("we'll" is we'll, neither we nor
    # well): for phrases, where "I've heard" must not match "I heard"
    keep_contractions: bool = False
    _stemmer: Stemmer.Stemmer | None = field(init=False, repr=False, default=None)
    _stopwords: frozenset[str] = field(init=False, repr=False, default=frozenset())
    _cache: _TermCache = field(init=False, repr=False)
    _lookup: Callable[[str], str | None] = field(init=False, repr=False)
    _number_words: frozenset[str] = field(init=False, repr=False, default=frozenset())
    _elisions: frozenset[str] = field(init=False, repr=False, default=frozenset())
    _decimal_comma: bool = field(init=False, repr=False, default=False)
    _irregular: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _aliases: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _whole: frozenset[str] = field(init=False, repr=False, default=frozenset())
    # English words are read without accents: "Nestle" finds "Nestlé", "Zurich" "Zürich"
    fold_accents: bool = field(init=False, default=False)
    # Analyzer.scan's state: ids of terms and of case-folded names, and the C scanner's table
    _term_names: list[str] = field(init=False, repr=False, compare=False, default_factory=list)
    _term_ids: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _fold_ids: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _scanner: Any = field(init=False, repr=False, compare=False, default=None)
    _scan_lock: threading.Lock = field(
        init=False, repr=False, compare=False, default_factory=threading.Lock
    )

    def __post_init__(self) -> None:
        if self.language not in Stemmer.algorithms():
            raise CorpusError(
                f"language: unknown language {self.language!r}; "
                f"use one of {', '.join(available_languages())}"
            )
        self._stemmer = Stemmer.Stemmer(self.language) if self.stem else None
        if self.stem and self.language in ("english", "porter"):
            self._irregular = ENGLISH_FORMS
            self._aliases = ENGLISH_ALIASES
            self._whole = ENGLISH_WHOLE
        self.fold_accents = self.language in ("english", "porter")
        if self.remove_stopwords:
            self._stopwords = stopwords_for(self.language)
        # an elided article is no part of its word, stemmed or not (a quoted "l'Assemblée
        # nationale" is read by an analysis that does not stem: it had kept "lassemblée")
        self._elisions = _ELISIONS.get(self.language, frozenset())
        self._decimal_comma = self.language in _DECIMAL_COMMA
        self._cache = _TermCache(self._normalize)
        self._lookup = self._cache.__getitem__
        numbers = _ENGLISH_NUMBER_WORDS if self.language in ("english", "porter") else ()
        self._number_words = frozenset(filter(None, map(self._lookup, numbers)))
        self._scanner = _scan.Scanner() if _scan is not None else None

    @property
    def removes_stopwords(self) -> bool:
        """Whether this analysis drops a stopword list (English: the function words)."""
        return bool(self._stopwords)

    @property
    def elisions(self) -> frozenset[str]:
        """The elided articles the language drops before a word ("l", "d" of "l'économie")."""
        return self._elisions

    def terms(self, text: str) -> list[str]:
        """The index terms of `text`, in order, stopwords removed."""
        terms = list(map(self._lookup, _TOKEN.findall(text)))
        if None in terms:
            return [t for t in terms if t is not None]
        return terms  # type: ignore[return-value]

    def question(self, text: str) -> str:
        """A question as typed, with an English lower-case "us" that names the country
        written "US" (documents write it "US" or "U.S.", and the pronoun is a stopword):
        people type "us troops in niger" or "why is the us leaving". The country is read
        after "the" or "in", and before a word that is not a stopword unless a verb that
        takes the pronoun comes first ("tell us", "give us hope"); "does it affect us" and
        "tell us about" keep the pronoun."""
        if not self.fold_accents or not self._stopwords or _US.search(text) is None:
            return text
        words = list(_TOKEN.finditer(text))  # as the analysis reads them
        parts: list[str] = []
        at = 0
        for i, m in enumerate(words):
            if m.group() not in ("us", "Us"):
                continue
            before = words[i - 1].group().casefold() if i else ""
            after = words[i + 1].group().casefold() if i + 1 < len(words) else ""
            if before in _BEFORE_COUNTRY or (
                after
                and after not in self._stopwords
                and after not in _AFTER_PRONOUN
                and before not in _PRONOUN_VERBS
                and text[m.end() : words[i + 1].start()].strip() in ("", "-")
            ):
                parts += [text[at : m.start()], "US"]
                at = m.end()
        return "".join(parts) + text[at:] if parts else text

    def term_spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(term, start, end) for every kept token of `text`; for highlighting."""
        cache = self._cache
        for m in _TOKEN.finditer(text):
            raw = m.group()
            term = cache[raw]
            if term is not None:
                yield term, m.start(), m.end()

    def match_spans(self, text: str, wanted: set[str]) -> list[tuple[str, int, int]]:
        """(term, start, end) of the tokens of `text` whose term is in `wanted`."""
        if self._scanner is not None:
            found, names = self._spans(text)
            return [(names[t], a, b) for t, a, b in found.tolist() if names[t] in wanted]
        cache = self._cache
        out: list[tuple[str, int, int]] = []
        for m in _TOKEN.finditer(text):
            raw = m.group()
            term = cache[raw]
            if term in wanted:
                out.append((term, m.start(), m.end()))
        return out

    def placed_spans(self, text: str, wanted: Collection[str]) -> list[tuple[int, str, int, int]]:
        """(place among the kept tokens, term, start, end) of the tokens of `text` whose term
        is in `wanted`: two such tokens are side by side when their places follow (only
        stopwords between). Through the C scanner when it is built, the tokens compared by
        id (a short question's words in a candidate passage, `Searcher._word_order`)."""
        if self._scanner is None:
            return [
                (place, term, start, end)
                for place, (term, start, end) in enumerate(self.term_spans(text))
                if term in wanted
            ]
        with self._scan_lock:
            if len(self._term_names) + len(self._fold_ids) > _SCAN_IDS:
                self._start_afresh()
            raw = self._scanner.spans(text, self._resolve)
            names = self._term_names
            ids = [tid for term in wanted if (tid := self._term_ids.get(term)) is not None]
        if not ids:
            return []
        column = np.frombuffer(raw, np.int64).reshape(-1, 3)
        held = column[:, 0] == ids[0]
        for tid in ids[1:]:
            held |= column[:, 0] == tid
        places = np.flatnonzero(held)
        rows = column[places].tolist()
        return [
            (place, names[t], a, b) for place, (t, a, b) in zip(places.tolist(), rows, strict=True)
        ]

    def term_set(self, text: str) -> set[str]:
        """The distinct index terms of `text`: `set(terms(text))`, through the C scanner when
        it is built (a shown passage's terms, for the near-duplicate test)."""
        if self._scanner is None:
            return set(self.terms(text))
        found, names = self._spans(text)
        return {names[t] for t in set(found[:, 0].tolist())}

    def _spans(self, text: str) -> tuple[npt.NDArray[np.int64], list[str]]:
        """(term id, start, end) rows for the kept tokens of `text`, and the term names the
        ids index (the C scanner's: a form already seen costs no Python work)."""
        with self._scan_lock:
            if len(self._term_names) + len(self._fold_ids) > _SCAN_IDS:
                self._start_afresh()
            raw = self._scanner.spans(text, self._resolve)
            names = self._term_names  # ids index this list, even if a later scan starts afresh
        return np.frombuffer(raw, np.int64).reshape(-1, 3), names

    def passage(self, text: str) -> tuple[list[str], int]:
        """The index terms of a passage and its answer cues in one byte: HAS_NUMBER when it
        holds a number (digits; in English also number words), plus how many distinct
        capitalised words that are not stopwords it holds (names, mostly), at most 127."""
        raw = _TOKEN.findall(text)
        terms = [term for term in map(self._lookup, raw) if term is not None]
        capitalised = {word for word in raw if word[0].isupper()}
        names = {word.casefold() for word in capitalised} - self._stopwords
        cue = min(len(names), NAMES_MASK)
        if _DIGIT.search(text) or any(map(self._says_number, raw)):
            cue |= HAS_NUMBER
        return terms, cue

    def _says_number(self, raw: str) -> bool:
        """Whether a surface form holds a digit or is a number word (not a vague plural
        amount, `_VAGUE_AMOUNTS`): the passage cue's HAS_NUMBER."""
        if _DIGIT.search(raw):
            return True
        return self._lookup(raw) in self._number_words and raw.casefold() not in _VAGUE_AMOUNTS

    def scan(self, texts: Sequence[str]) -> Scanned:
        """`passage` for many texts at once, with terms given as ids into the result's
        `names`. For building indexes: the C scanner finds the tokens and looks each surface
        form up in its own table, so only a form's first sighting costs Python work. Without
        the compiled extension, the same result from `passage`."""
        with self._scan_lock:  # the C table and the ids serve one scan at a time
            if len(self._term_names) + len(self._fold_ids) > _SCAN_IDS:
                self._start_afresh()
            if self._scanner is None:
                return self._scan_python(texts)
            ids, lengths, cues = self._scanner.scan(texts, self._resolve)
            return Scanned(
                np.frombuffer(ids, np.int32),
                np.frombuffer(lengths, np.int32),
                np.frombuffer(cues, np.uint8),
                self._term_names,
            )

    def _start_afresh(self) -> None:
        """Forget every id handed out (a long-running process must not grow without end);
        earlier results keep their own `names` list."""
        self._term_names, self._term_ids, self._fold_ids = [], {}, {}
        if self._scanner is not None:
            self._scanner = _scan.Scanner()

    def _scan_python(self, texts: Sequence[str]) -> Scanned:
        ids: list[int] = []
        lengths: list[int] = []
        cues: list[int] = []
        term_id = self._term_id
        for text in texts:
            terms, cue = self.passage(text)
            ids.extend(map(term_id, terms))
            lengths.append(len(terms))
            cues.append(cue)
        return Scanned(
            np.array(ids, np.int32),
            np.array(lengths, np.int32),
            np.array(cues, np.uint8),
            self._term_names,
        )

    def _term_id(self, term: str) -> int:
        tid = self._term_ids.get(term)
        if tid is None:
            tid = self._term_ids[term] = len(self._term_names)
            self._term_names.append(term)
        return tid

    def _resolve(self, raw: str) -> tuple[int, int, int]:
        """For the C scanner, a surface form seen for the first time: (its term's id or -1,
        the id of its case-folded spelling when it is capitalised and that is no stopword
        or -1, and _NUMBER_FORM when it says a number, `_says_number`)."""
        term = self._lookup(raw)
        flags = _NUMBER_FORM if self._says_number(raw) else 0
        fold = -1
        if raw[0].isupper() and (folded := raw.casefold()) not in self._stopwords:
            fold = self._fold_ids.setdefault(folded, len(self._fold_ids))
        return (-1 if term is None else self._term_id(term)), fold, flags

    @property
    def whole_words(self) -> frozenset[str]:
        """The names kept whole when capitalised, stemmed in lower case (ENGLISH_WHOLE)."""
        return self._whole

    def names(self, text: str) -> set[str]:
        """The index terms of the capitalised words of `text` (the names it mentions)."""
        return {
            term
            for word in _TOKEN.findall(text)
            if word[0].isupper() and (term := self._lookup(word)) is not None
        }

    def _normalize(self, raw: str) -> str | None:
        if _NUMBER.fullmatch(raw):
            if not raw.isascii():  # full-width digits, as Japanese writes them, are 0-9
                raw = unicodedata.normalize("NFKC", raw)
            if not self._decimal_comma:
                return raw.replace(",", "")
            if _GROUPED_THOUSANDS.fullmatch(raw):  # "3.000" is 3000
                return raw.replace(".", "")
            if raw.count(",") == 1:  # "2,2" is 2.2, "1.234,5" 1234.5
                return raw.replace(".", "").replace(",", ".")
            return raw
        if raw[0].isdecimal() and (ordinal := _ORDINAL.fullmatch(raw)) is not None:
            return ordinal[1]  # "16th March" is "16 March", "the 21st" the 21
        bare = raw[:-2] if raw.endswith(("'s", "\u2019s")) else raw  # "WHO's" is the WHO's
        dotted = "." in raw and not raw[0].isdecimal()  # U.S., U.S (amounts: 2.5bn)
        is_acronym = dotted or (bare.isupper() and 2 <= len(bare) <= 5)
        word = unicodedata.normalize("NFKC", raw).casefold()
        if not word.isascii():
            # NFKC spells some isolated forms with a space ("\ufe70" is a space and a
            # combining mark): a term holds none
            word = "".join(word.split())
            # "İ" case-folds to "i" and a combining dot, which marks no letter of its own:
            # "istanbul" typed finds "İstanbul"
            word = word.replace("i\u0307", "i")
            word = without_marks(word)  # in every language: "مَكْتَبَة" is "مكتبة"
            if self.fold_accents:
                word = without_accents(word)
        if dotted:
            word = word.replace(".", "")
        elif raw[0].isdecimal():  # an amount: 1,200m is 1200m, as 1,200 is 1200
            word = word.replace(",", "")
        ending = ""
        if self._elisions and ("'" in word or "\u2019" in word):
            article, _, rest = word.replace("\u2019", "'").partition("'")
            if article in self._elisions and rest:  # "l'économie" is économie
                word = rest
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        elif self.fold_accents and word.endswith(_CONTRACTED):  # English: "what'll" is what
            cut = word.rfind("'" if "'" in word else "\u2019")
            if self.keep_contractions:
                ending = "'" + word[cut + 1 :]
            word = word[:cut]
        # e-mail is email (U+2011 is U+2010 after NFKC); a contraction kept keeps its apostrophe
        word = word.replace("'", "").replace("\u2019", "").replace("-", "").replace("\u2010", "")
        word += ending
        if not word or (word in self._stopwords and not is_acronym):
            return None
        if self._stemmer is not None and (word.isalpha() or not any(map(str.isdigit, word))):
            word = self._aliases.get(word, word)
            if word in self._whole and raw[0].isupper():
                return word
            amp = word.find("&")
            if self._irregular and 0 < amp < len(word) - 2 and word[-1] == "s":
                # "M&Ms" is M&M, as "M&M's" is: Snowball keeps an "s" after no vowel (not
                # "M&S", one letter after the "&")
                word = word[:-1]
            base = self._irregular.get(word)
            # not for names, nor acronyms ("LED" lights, the "MET")
            if base is not None and not ((raw[0].isupper() and word in _NAME_FORMS) or is_acronym):
                word = base
            stem = self._stemmer.stemWord(word)
            if self._irregular and stem.endswith("f") and word.endswith(("ffed", "ffing")):
                # English's stemmer undoubles the "ff" of "handcuffed" (handcuf), not of
                # "handcuffs" (handcuff): a word ending in "ff" keeps it
                stem = stem if stem.endswith("ff") else stem + "f"
            word = stem
        return word


# Latin letters with a stroke, and ligatures, which no decomposition turns into plain letters
_LATIN_PLAIN = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
    "ŧ": "t",
    "ƀ": "b",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
}
_LATIN_STROKED = re.compile("[" + "".join(_LATIN_PLAIN) + "]")
_LATIN_MARKED = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")  # maybe accented
# the combining marks (accents) that follow a Latin letter, once text is decomposed (NFD)
_LATIN_ACCENTS = re.compile("(?<=[A-Za-z\u00c0-\u024f\u1e00-\u1eff])[\u0300-\u036f]+")


# Arabic's harakat (short vowels, tanwin, shadda, sukun ...: U+064B-U+065F), its superscript
# alef (U+0670) and tatweel (U+0640, the stretch of a justified line), and Hebrew's points
# and cantillation marks (niqqud, dagesh, the shin and sin dots; not the maqaf U+05BE, a
# hyphen, nor the paseq, sof pasuq and nun hafukha, punctuation), as Lucene's
# ArabicNormalizer drops the former: vocalised text (the Quran's, children's books, a
# poem, copy pasted from them) is spelled as the plain text news writes. Hamza and madda
# above or below a letter that has a form with them are that letter's after NFKC (أ, آ, ؤ).
SCRIPT_MARKS = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0640\u064b-\u065f\u0670]"
)


def without_marks(text: str) -> str:
    """`text` (NFKC) without Arabic's and Hebrew's vowel marks and tatweel (`SCRIPT_MARKS`):
    "مَكْتَبَة" and "مكتبـــة" are "مكتبة", "שָׁלוֹם" is "שלום"."""
    return SCRIPT_MARKS.sub("", text) if SCRIPT_MARKS.search(text) is not None else text


def without_accents(text: str) -> str:
    """`text` (case-folded) without the accents of its Latin letters: "nestlé" -> "nestle",
    "são" -> "sao", "łódź" -> "lodz", "øresund" -> "oresund". Other scripts keep their marks:
    Cyrillic й is no и with an accent. Text without accented Latin letters (most news text,
    whole articles for phrase checks) costs one regex scan."""
    if text.isascii() or _LATIN_MARKED.search(text) is None:
        return text
    bare = unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", unicodedata.normalize("NFD", text)))
    if _LATIN_STROKED.search(bare) is not None:
        bare = _LATIN_STROKED.sub(lambda m: _LATIN_PLAIN[m[0]], bare)
    return bare


class _TermCache(dict[str, str | None]):
    """Surface form -> term (None for a stopword), filled on first sight and bounded."""

    def __init__(self, normalize: Callable[[str], str | None]) -> None:
        super().__init__()
        self.normalize = normalize

    def __missing__(self, raw: str) -> str | None:
        if len(self) > 2_000_000:  # unbounded input must not grow memory without end
            self.clear()
        term = self[raw] = self.normalize(raw)
        return term


# Words after whose dot a sentence goes on ("Sen. Joe Manchin", "Nov. 24"): titles, months
# as news style abbreviates them, company forms, and places' ("Ft. Lauderdale", "Mt. Everest")
_ABBREVIATED = """
    mr mrs ms dr sen sens rep reps gov gen gens lt col maj sgt cpl pvt capt adm cmdr pres atty
    supt hon st jr sr prof rev no vs jan feb aug sep sept oct nov dec corp inc co ltd ft mt
"""
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_WORD_BEFORE = re.compile(r"[^\W\d_][^\W\d_.]*(?:\.[^\W\d_]+)*$")
# German writes an ordinal with a dot before a capitalised noun: "am 5. März", "des 19.
# Jahrhunderts", "auf dem 3. Platz" (Danish, Norwegian, Czech and the others write their months
# in lower case, which goes on anyway); the nouns that follow a day or a rank, less those
# English writes too ("rose by 5. August sales ...", "5. Stock prices ..." end a sentence)
_ORDINAL_NOUN_WORDS = """
    januar jänner februar märz maerz mai juni juli oktober dezember jahrhundert jahrhunderts
    jahrtausend jahrtausends platz platzes bundesliga runde spieltag spieltags weltkrieg
    weltkriegs geburtstag geburtstags jahrestag jahrestags stockwerk etappe
"""
_ORDINAL_NOUNS = frozenset(_ORDINAL_NOUN_WORDS.split())
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d{1,2}$")  # "5", "19": a day or a rank
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_SHORTENED_NEXT = re.compile(r"[^\W\d_]\.")  # one letter and a dot: the "B." of "z. B."


def sentence_goes_on(text: str, stop: int, after: int) -> bool:
    """Whether the sentence punctuation at `stop` ends no sentence, the next word starting at
    `after`: a lower-case word or a number follows ("U.S. troops", "Nov. 24"), or the dot
    ends an abbreviation ("Sen. Joe Manchin"), an initial ("John F. Kennedy") or a dotted
    acronym ("the U.S. Capitol")."""
    if after < len(text) and (text[after].islower() or text[after].isdigit()):
        return True
    if text[stop] != ".":
        return False
    if _ORDINAL_BEFORE.search(text, max(0, stop - 3), stop):  # "am 5. März"
        noun = _NEXT_WORD.match(text, after)
        return noun is not None and noun.group().casefold() in _ORDINAL_NOUNS
    word = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if word is None or (word.start() and text[word.start() - 1].isalnum()):
        return False
    folded = word.group().casefold()
    return (
        (len(folded) == 1 and word.group().isupper())
        # a lower-case letter's abbreviation before another's: "z. B.", "d. h."
        or (len(folded) == 1 and _SHORTENED_NEXT.match(text, after) is not None)
        # Spanish plurals of initials: "EE. UU." (Estados Unidos), "FF. AA."
        or (len(folded) == 2 and folded[0] == folded[1] and word.group().isupper())
        or folded in _ABBREVIATIONS
        or ("." in folded and all(len(part) == 1 for part in folded.split(".")))
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: split after . ! ? … unless the sentence goes
    on (`sentence_goes_on`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if sentence_goes_on(text, m.start(), m.end()):  # "U.S. troops", "Nov. 24"
            continue
        spans.append((start, m.start(1)))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# what a page sets beside its story, left among a scraped story's paragraphs: a picture's
# caption with its credit ("... Jeremy Selwyn/Getty Images", "Nariman El-Mofty/AP", "(Image
# credit: ...)"), a gallery's ("Photos: The life of Queen Elizabeth II ... Hide Caption 1 of
# 66"), a video player's line ("Video Ad Feedback Watch Zelensky's speech 26:43 - Source:
# CNN"), a link to another story ("Keep reading: ...", "Related:..."), and USA TODAY's
# teaser, its label run into the other story's headline ("Hunter Biden Deal:How Hunter
# Biden's plea agreement fell apart"; 4,700 of realtimeqa_news's paragraphs, all teasers)
_CREDIT_AGENCIES = (
    r"Getty Images|AP|Reuters|AFP|EPA(?:-EFE)?|Bloomberg|Shutterstock|Sipa(?: USA)?|NurPhoto"
    r"|Pool|ZUMA(?: Press)?|Alamy|Redux|Polaris|picture alliance|dpa|Anadolu(?: Agency)?"
    r"|SOPA Images|LightRocket|Xinhua|Imagn"
)
_SIDE_MATTER_MARKS = (
    "Getty Images",
    "(Image credit:",
    "Hide Caption",
    "Video Ad Feedback",
    "(AP Photo/",  # "... in Sacramento, Calif., Friday, May 27, 2022. (AP Photo/Rich Pedroncelli)"
    # a storm page's asks of its readers: "Are you affected by Hurricane Ian? Text or WhatsApp
    # your stories to CNN ...", "Affected by the storm? Use CNN's lite site for low bandwidth."
    "WhatsApp your",
    "lite site",
)
_CREDIT = re.compile(rf"(?<=\S)/ ?(?:{_CREDIT_AGENCIES})(?![\w/])")
_VIDEO_SOURCE = re.compile(r"\d:\d\d - Source: [A-Z]")
_SIDE_LABEL = re.compile(
    r"\W*(?i:photos?|in pictures|gallery|keep reading|read more|read on|read the story"
    r"|related(?: stories| story| coverage)?|more|also read|see also|watch)\s*:"
    # a label run into a headline: no space after its colon, a capital or a quote next
    r"|[^:.!?]{2,80}\S:[A-Z\"'\u201c\u2018]"
)
# a teaser's question run into the linked headline: "Is inflation easing in your state?The 5
# states ..."
_SIDE_QUESTION = re.compile(r"[^:.!?]{10,120}[a-z]\?[A-Z][a-z]")
# What a page says of itself, or asks of its reader, among a story's paragraphs, each opening
# its paragraph (a survey of realtimeqa_news's 311,000 paragraphs, counted by their first
# words): an editor's note or a correction on the page ("Editor's note: This file is based on
# the news of ... Aug. 14. For the latest news ...", 150 of them its first paragraph, where it
# had taken the lead's bonus and been shown as a live page's answer), a note that the page was
# updated or what day's news it holds ("This story has been updated with additional
# details.", "This story covers Hurricane Ian news from Monday, ..."), a promotion ("Sign up
# for ...", "Click here to read more.", "USA TODAY ON TELEGRAM: Join our ... channel", "Follow
# Mike Snider on Twitter: @..."), a newsletter's "Photo of the day: ..." line, and the credits
# of the reporters ("Contributing: The Associated Press", "... contributed to this report.").
# Each is anchored where such a line opens (or, for the credit, ends): a story's sentence
# that reports a correction, quotes a post "on Telegram" or names a newsletter does not open
# so ("He said on Telegram that ...", "Meta shut down its newsletter product").
_PAGE_NOTE = re.compile(
    r"[\s(\[\u2014\u2013-]{0,3}(?:"
    r"(?i:editors?'?\u2019?s?\s+note|corrections?\s*(?:&|and)\s*clarifications?|correction)\s*:"
    r"|(?i:this) (?:story|page|file|article|post) (?:(?:has|have) been|was|is|will be|is being)"
    r" (?:updated|originally|first|corrected|changed|produced|written|co-published|republished"
    r"|published|provided|done|part of)\b"
    r"|(?i:this) (?:story|page|file|article|post) (?:covers|recaps|reflects|summarizes"
    r"|is a summary of|is on) (?:[\w'\u2019-]+ ){0,4}news\b"
    r"|(?:[A-Z][A-Z'\u2019 .&-]{2,40}:\s*)?(?i:sign up|subscribe|click here|join our|join us"
    r"|download our|follow us"
    r"|(?:get|receive) (?:our|the|usa today'?\u2019?s) [^.]{0,40}newsletter)\b"
    r"|(?i:follow) (?:[\w.'\u2019@-]+ ){1,6}on"
    r" (?:Twitter|X|Instagram|Facebook|Threads|Bluesky|TikTok)\b"
    r"|(?i:contributing)\s*:"
    r"|\W{0,3}(?i:photos? of the (?:day|week))\b"
    r")"
)
_REPORT_CREDIT = re.compile(r"contributed (?:to )?(?:this|the) (?:report|story|article)\W{0,2}$")


CLOSERS = "\"'\u201d\u2019)"  # what may close a sentence after its mark
SENTENCE_MARKS = ".!?:"  # the marks `end_mark` records


def end_mark(text: str) -> int:
    """The mark a passage ends with, closing quotes and brackets aside: the code of ".",
    "!", "?" or ":" (a sentence, an exclamation, a question, a line leading into the next),
    else 0 (a list item "Mike Johnson", a credit, a subhead). Kept for every passage as it
    is indexed (para_end.npy), so ranking tells a line that says something from one that
    only names the question's words without reading the article's text."""
    last = text.rstrip().rstrip(CLOSERS)[-1:]
    return ord(last) if last and last in SENTENCE_MARKS else 0


def is_side_matter(text: str) -> bool:
    """Whether a passage is what a page sets beside its story: a picture's caption or
    credit, a gallery, a video player's line, a link to another story, or what the page says
    of itself or asks of its reader (`_PAGE_NOTE`: an editor's note, a correction, an update
    line, a promotion, the reporters' credits). Such a passage is
    indexed and may answer, but its article shows another passage when one matches
    (`Searcher._pick_passages`). Plain substring tests first: every paragraph is tested as
    it is indexed."""
    if any(mark in text for mark in _SIDE_MATTER_MARKS):
        return True
    if ":" in text:
        if _SIDE_LABEL.match(text) is not None:
            return True
        if "- Source: " in text and _VIDEO_SOURCE.search(text) is not None:
            return True
    if "?" in text and _SIDE_QUESTION.match(text) is not None:
        return True
    if _PAGE_NOTE.match(text) is not None or _REPORT_CREDIT.search(text) is not None:
        return True
    return "/" in text and _CREDIT.search(text) is not None
