"""The C scanner behind Analyzer.scan: the same tokens as the Analyzer's regular expression,
the same terms and cues as Analyzer.passage, and a table that survives bad callbacks."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retrieval.analysis
from retrieval.analysis import _TOKEN, Analyzer, Scanned
from retrieval.articles import Article, Paragraph
from retrieval.library import FIELDS, Library

if retrieval.analysis._scan is None:
    pytest.fail("the C scanner is not built: pip install -e . needs a C compiler", pytrace=False)

Scanner = retrieval.analysis._scan.Scanner

# The characters the token pattern treats specially, and their awkward neighbours: decimal
# digits of other scripts, digits that are not decimal (superscripts, fractions, Roman
# numerals), dots, commas, slashes, hyphens, both apostrophes, underscores, combining marks,
# capitals, CJK.
SPECIAL = (
    "aZé.,/'\u2019_ -\n\tUSß90\u0661\u0663\u00b2\u00bd\u216b\u0301\u0130\u01c5\u6771\U0001f600"
    "cF+#\u093f\u0947\u0651\u20dd"  # C++ and C#; marks: Devanagari's vowel signs, a shadda
)
TRICKY = st.text(alphabet=st.sampled_from(list(SPECIAL)), max_size=60)
# Slash numbers and letters hyphened to words, and what may stop them: runs of digit groups
# (of any script, and too long) joined by slashes, with numbers, dots, commas, letters and
# hyphens before and after; single letters, words, dots and hyphens.
DIGITS = st.sampled_from(["1", "12", "123", "\u0661", "\u0663\u0661", "\u00b2", "1.5"])
SLASH_RUN = st.builds(
    lambda before, parts, after: before + "/".join(parts) + after,
    st.sampled_from(["", " ", "1/", "12.", "3,", "a", ".", "x-", "/"]),
    st.lists(DIGITS, min_size=1, max_size=5),
    st.sampled_from(["", " ", "/", "/1", ".5", ",5", ".", "a", "'s", "-a"]),
)
PIECES = ["a", "é", "Z", "ab", "ж", "U.S.", "e-mail", "x-", "-a", "-Z", "-", ".", " ", "'s", "_"]
PIECES += ["T\u2011Mobile", "k\u2010", "\u2011"]
PIECES += ["X-ray", "R-Ohio", "\u00b2", "\u0301", "1", "&", "AT&T", "abc&", "&d"]
PIECES += ["C++", "c#", "F#", "+", "#", "\u093f", "मोदी", "\u0947'"]
SLASHES = st.lists(st.one_of(SLASH_RUN, st.sampled_from(PIECES)), max_size=8).map("".join)
ANY_TEXT = st.one_of(TRICKY, SLASHES, st.text(max_size=80))


def as_terms(scanned: Scanned) -> list[list[str]]:
    """Each text's terms, from the ids of a scan."""
    names = np.array([*scanned.names, ""], object)
    ends = np.cumsum(scanned.lengths)
    pairs = zip(scanned.lengths, ends, strict=True)
    return [list(names[scanned.ids[end - n : end]]) for n, end in pairs]


@settings(max_examples=600, deadline=None)
@given(ANY_TEXT)
def test_tokens_are_exactly_those_of_the_regular_expression(text: str) -> None:
    assert Scanner().tokens(text) == _TOKEN.findall(text)


def test_every_code_point_is_classed_as_the_regular_expression_classes_it() -> None:
    chars = [chr(c) for c in range(sys.maxunicode + 1)]
    contexts = (
        " ".join(chars),  # alone: a token or not
        " ".join(f"1{c}2" for c in chars),  # after a digit: decimal, other alnum, or a break
        " ".join(f"a.{c}." for c in chars),  # inside a dotted acronym: a letter or not
        " ".join(f"a{c}b" for c in chars),  # inside a word: apostrophes, marks, underscores
        " ".join(f"{c}{c}x" for c in chars),  # twice: a word, or a character alone (CJK)
        " ".join(f"{c}-a a-{c}" for c in chars),  # around a hyphen: a Latin letter or not
        " ".join(f"{c}/1 1/{c}" for c in chars),  # around a slash: a decimal digit or not
    )
    for text in contexts:
        assert Scanner().tokens(text) == _TOKEN.findall(text)


def test_tokens_of_the_awkward_cases() -> None:
    cases = {
        "U.S. and e.g. A.B": ["U.S.", "and", "e.g.", "A.B"],  # "U.S" lost its last dot
        "U.S-led U.S.A A.Bc A.B2": ["U.S", "led", "U.S.", "A", "A", "Bc", "A", "B2"],
        "1,000 2.5% 1.5x 2024.": ["1,000", "2.5", "1.5x", "2024"],
        "1.2.3x 4,5.6 £27.9bn's": ["1.2.3x", "4,5.6", "27.9bn's"],  # amounts run into letters
        "1.2a.3 9bn 1990s": ["1.2a", "3", "9bn", "1990s"],
        "covid19 ²3 ½": ["covid19", "²3", "½"],
        "Niger’s don't '90s": ["Niger’s", "don't", "90s"],  # noqa: RUF001
        "snake_case": ["snake", "case"],
        # letters joined by "&", one to three on each side, are one token
        "AT&T's S&P500 A&M, R&D.": ["AT&T's", "S", "P500", "A&M", "R&D"],
        "rock&roll abcd&e é&ж & &a b&": ["rock", "roll", "abcd", "e", "é&ж", "a", "b"],
        "9/11 7/7/05 24/7's 1/2/3/4": ["9/11", "7/7", "05", "24/7", "s", "1/2", "3/4"],
        "2004/05 123/4 1/2.5 2.5/1 1/2x 6-3": [
            "2004",
            "05",
            "123",
            "4",
            "1",
            "2.5",
            "2.5",
            "1",
            "1",
            "2x",
            "6",
            "3",
        ],
        "e-mail's X-ray U.S.-led al-Qaida G-8 a-b-c x- R-Ohio é-mail E-Mail x-e-f": [
            "e-mail's",
            "X-ray",
            "U.S.",
            "led",
            "al",
            "Qaida",
            "G",
            "8",
            "a",
            "b-c",
            "x",
            "R",
            "Ohio",
            "é",
            "mail",
            "E-Mail",
            "x-e",
            "f",
        ],
        # a combining mark goes on its word: Hindi's vowel signs, Arabic's shadda, stacked marks
        "मोदी ने कहा محمّد Z\u0338a\u0335 \u0301a 5\u0301": [
            "मोदी",
            "ने",
            "कहा",
            "محمّد",
            "Z\u0338a\u0335",
            "a",
            "5",
        ],
        # Chinese and Japanese characters are a token each; a word or a number ends where
        # they begin (taking them, "2024年美国大选" had been one term, and 美国 not found)
        "東京で大雨 トランプ氏 在2024年 iPhone15発売 서울 2.5万 美国AT&T公司": [
            *("東", "京", "で", "大", "雨", "ト", "ラ", "ン", "プ", "氏", "在", "2024", "年"),
            *("iPhone15", "発", "売", "서울", "2.5", "万", "美", "国", "AT&T", "公", "司"),
        ],
        "C++ c# F# C#m f#7 abc++ C+ #C C++x": [
            *("C++", "c#", "F#", "C", "m", "f", "7", "abc", "C", "C", "C", "x"),
        ],
    }
    for text, tokens in cases.items():
        assert Scanner().tokens(text) == _TOKEN.findall(text) == tokens


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_TEXT, max_size=8), st.sampled_from([1, 3, 1000]), st.booleans())
def test_scan_gives_the_terms_and_cues_of_passage(
    texts: list[str], limit: int, collide: bool
) -> None:
    analyzer = Analyzer()
    # small limits empty the table between texts; with collide, only comparisons tell forms apart
    analyzer._scanner = Scanner(limit=limit, collide=collide)
    for _ in range(2):  # the second scan reads every form from the table
        scanned = analyzer.scan(texts)
        expected = [analyzer.passage(text) for text in texts]
        assert as_terms(scanned) == [terms for terms, _ in expected]
        assert scanned.cues.tolist() == [cue for _, cue in expected]


def test_scan_without_the_extension_gives_the_same_result() -> None:
    texts = ["The U.S. said 1,000 troops leave Niger.", "", "Niger’s junta, NIGER and Niger"]  # noqa: RUF001
    fast, slow = Analyzer(), Analyzer()
    slow._scanner = None
    a, b = fast.scan(texts), slow.scan(texts)
    assert as_terms(a) == as_terms(b)
    assert a.cues.tolist() == b.cues.tolist()
    assert a.cues[2] & retrieval.analysis.NAMES_MASK == 2  # niger's, niger: NIGER folds


def test_a_long_running_analyzer_starts_its_ids_afresh_and_old_results_stay_valid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retrieval.analysis, "_SCAN_IDS", 5)
    analyzer = Analyzer()
    batches = [["Niger troops leave"], ["The U.S. said 1,000 more"], ["Niger again, Mr Bazoum"]]
    results = [analyzer.scan(batch) for batch in batches]
    assert results[0].names is not results[2].names  # more than 5 ids: it started afresh
    for batch, scanned in zip(batches, results, strict=True):
        expected = [analyzer.passage(text) for text in batch]
        assert as_terms(scanned) == [terms for terms, _ in expected]
        assert scanned.cues.tolist() == [cue for _, cue in expected]
    assert len(analyzer._term_names) + len(analyzer._fold_ids) <= 5 + 6


@settings(max_examples=300, deadline=None)
@given(
    st.lists(ANY_TEXT, max_size=6),
    st.sampled_from([1, 3, 2_000_000]),
    st.booleans(),
    st.data(),
)
def test_spans_and_term_sets_through_the_scanner_equal_the_regular_expression_path(
    texts: list[str], limit: int, collide: bool, data: st.DataObject
) -> None:
    fast, slow = Analyzer(), Analyzer()
    fast._scanner = Scanner(limit=limit, collide=collide)
    slow._scanner = None
    for text in texts * 2:  # the second time, every form comes from the table
        terms = slow.terms(text)
        wanted = set(data.draw(st.lists(st.sampled_from([*terms, "niger", ""]), max_size=4)))
        assert fast.match_spans(text, wanted) == slow.match_spans(text, wanted)
        assert fast.term_set(text) == slow.term_set(text) == set(terms)


def test_spans_stay_right_when_the_ids_start_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retrieval.analysis, "_SCAN_IDS", 3)
    analyzer = Analyzer()
    text = "The U.S. said 1,000 troops leave Niger; Niger’s junta agreed."  # noqa: RUF001
    for _ in range(3):
        before = analyzer._term_names
        assert analyzer.match_spans(text, {"niger", "1000", "us"}) == [
            ("us", 4, 8),
            ("1000", 14, 19),
            ("niger", 33, 38),
            ("niger", 40, 47),
        ]
        assert analyzer.term_set(text) == {
            "us",
            "say",
            "1000",
            "troop",
            "leav",
            "niger",
            "junta",
            "agre",
        }
        assert analyzer._term_names is not before  # more than 3 ids: each call started afresh


def test_a_scan_splits_into_parts_by_text() -> None:
    scanned = Analyzer().scan(["Niger troops", "", "leave Niamey now", "U.S."])
    assert as_terms(scanned.texts(1, 3)) == [[], ["leav", "niamey"]]
    assert as_terms(scanned.texts(3, 4)) == [["us"]]


def test_a_failing_callback_leaves_the_scanner_usable() -> None:
    analyzer = Analyzer()
    scanner = Scanner()

    def broken(raw: str) -> tuple[int, int, int]:
        raise ValueError(f"cannot resolve {raw}")

    with pytest.raises(ValueError, match="cannot resolve troops"):
        scanner.scan(["troops"], broken)
    with pytest.raises(TypeError, match="resolve must return"):
        scanner.scan(["troops"], lambda raw: (1, 2))
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        scanner.scan(["troops", 7], analyzer._resolve)
    assert scanner.forms() == 1  # only the form resolved before the bad text
    ids, _, _ = scanner.scan(["troops leave"], analyzer._resolve)
    assert [analyzer._term_names[i] for i in np.frombuffer(ids, np.int32)] == ["troop", "leav"]


def test_scans_from_several_threads_wait_their_turn_and_agree_with_passage() -> None:
    analyzer = Analyzer()
    # every text brings new surface forms, so each scan calls back into Python, where
    # another thread could run: without the analyzer's lock the scanner would refuse
    batches = [[f"Word{t}x{i} and Niger{i}{t} said {i},000" for i in range(300)] for t in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(analyzer.scan, batches))
    finally:
        sys.setswitchinterval(interval)
    for batch, scanned in zip(batches, results, strict=True):
        expected = [analyzer.passage(text) for text in batch]
        assert as_terms(scanned) == [terms for terms, _ in expected]
        assert scanned.cues.tolist() == [cue for _, cue in expected]


def test_a_scan_cannot_reenter_itself() -> None:
    analyzer = Analyzer()
    scanner = Scanner()

    def reenter(raw: str) -> tuple[int, int, int]:
        scanner.scan(["again"], analyzer._resolve)
        return analyzer._resolve(raw)

    with pytest.raises(RuntimeError, match="already running"):
        scanner.scan(["first"], reenter)

    def spans_inside(raw: str) -> tuple[int, int, int]:
        scanner.spans("again", analyzer._resolve)
        return analyzer._resolve(raw)

    with pytest.raises(RuntimeError, match="busy"):
        scanner.scan(["second"], spans_inside)
    with pytest.raises(RuntimeError, match="busy"):
        scanner.spans("third", lambda raw: (scanner.spans("x", analyzer._resolve), 0, 0))
    assert scanner.scan(["first"], analyzer._resolve)[1] == np.int32(1).tobytes()


def test_the_library_indexes_the_same_with_and_without_the_scanner() -> None:
    articles = [
        Article(
            id=f"story-{i}",
            headline=f"Story {i}: Niger and the U.S.",
            standfirst="A standfirst" if i % 2 else "",
            paragraphs=tuple(
                Paragraph(f"Paragraph {j} of story {i}, with 1,000 troops.", "Section" * (j % 2))
                for j in range(i % 4)  # two stories have no paragraphs at all
            ),
        )
        for i in range(6)
    ]
    fast, slow = Library(), Library()
    slow.analyzer._scanner = None
    for library in (fast, slow):
        library.add(articles[:4])
        library.add(articles[4:])
    for name in FIELDS:
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.doc_len.tolist() == b.doc_len.tolist()
        for query in (["niger"], ["troop", "1000"], ["section", "stori"]):
            assert a.top_k(query, 5)[0].tolist() == b.top_k(query, 5)[0].tolist()
    for name in ("para_article", "para_position", "para_hash", "para_cues", "para_end"):
        assert getattr(fast, name).tolist() == getattr(slow, name).tolist()
    assert fast.para_position.tolist() == [0, 0, 1, 0, 1, 2, 0]
