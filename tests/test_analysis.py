"""Tokens, stopwords, stemming and sentence spans."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from retrieval.analysis import (
    HAS_NUMBER,
    NAMES_MASK,
    Analyzer,
    available_languages,
    end_mark,
    is_side_matter,
    sentence_spans,
)
from retrieval.articles import CorpusError


@pytest.fixture(scope="module")
def english() -> Analyzer:
    return Analyzer()


def test_acronyms_match_in_any_spelling_but_the_pronoun_is_dropped(english: Analyzer) -> None:
    assert english.terms("U.S. troops") == english.terms("US troops") == ["us", "troop"]
    # written without its last dot, "U.S" was the term "u" and "s", a stopword
    assert english.terms("U.S troops") == ["us", "troop"]
    assert english.terms("the U.S-led troops") == ["us", "lead", "troop"]
    assert english.terms("they told us") == ["tell"]


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("us troops in niger", ["us", "troop", "niger"]),
        ("why is the us leaving niger", ["us", "leav", "niger"]),
        ("Us troops leaving", ["us", "troop", "leav"]),  # a phone's capital
        ("us-china trade", ["us", "china", "trade"]),
        ("inflation in us", ["inflat", "us"]),
        ("will tariffs hurt us farmers", ["tariff", "hurt", "us", "farmer"]),
        ("tell us about the economy", ["tell", "economi"]),
        ("give us hope", ["give", "hope"]),
        ("does it affect us", ["affect"]),
        ("does it affect us today", ["affect", "today"]),
        ("will the storm hit us tomorrow", ["storm", "hit", "tomorrow"]),
        ("us, the people", ["peopl"]),
        ("Us and them", []),
    ],
)
def test_a_typed_lower_case_us_names_the_country_where_the_pronoun_cannot_stand(
    english: Analyzer, typed: str, terms: list[str]
) -> None:
    assert english.terms(english.question(typed)) == terms


def test_only_english_questions_read_us_as_the_country() -> None:
    assert Analyzer("english", remove_stopwords=False).question("us troops") == "us troops"
    assert Analyzer("french").question("us troupes") == "us troupes"


@pytest.mark.parametrize(
    ("forms", "base"),
    [
        (["won", "wins", "winning", "winner", "winners"], "win"),
        (["shrank", "shrunk", "shrinking"], "shrink"),
        (["withdrew", "withdrawn", "withdrawing"], "withdraw"),
        (["children", "child's", "Children"], "child"),
        (["women's", "woman"], "woman"),
        (["crises", "crisis"], "crisi"),
        (["Won"], "win"),  # a title-case headline's verb
        (["Hung", "hung", "hanging"], "hang"),  # "Hung parliament" starting a sentence
        # news style abbreviates months with a date: "Jan. 6" is "January 6"
        (["Jan.", "January", "jan"], "januari"),
        (["Sept.", "Sep.", "September"], "septemb"),
        (["Nov.", "November"], "novemb"),
        # British spellings are American ones: a question in one finds news in the other
        (["labour", "Labour", "labor", "labours", "labors"], "labor"),
        (["organisation", "organization", "organisations"], "organiz"),
        (["realised", "realized", "realise"], "realiz"),
        (["defence", "defense"], "defens"),
        (["colour", "color", "colours"], "color"),
        (["centre", "center"], "center"),
        # ... also those breame's table lacks, whose stems Snowball keeps apart
        (["fuelled", "fueled", "fuelling", "fueling", "fuel"], "fuel"),
        (["sizeable", "sizable"], "sizabl"),
        (["learnt", "learned", "learn"], "learn"),
        (["burnt", "burned"], "burn"),
        (["enquiries", "inquiries", "enquiry"], "inquiri"),
        # letters joined by "&": a plural is the name, as its possessive is
        (["M&Ms", "m&ms", "M&M's", "M&M"], "m&m"),
        (["H&Ms", "H&M"], "h&m"),
        (["B&Bs", "B&B"], "b&b"),
    ],
)
def test_irregular_english_forms_meet_their_stem(
    english: Analyzer, forms: list[str], base: str
) -> None:
    assert {term for form in forms for term in english.terms(form)} == {base}


def test_irregular_forms_leave_names_and_other_languages_alone(english: Analyzer) -> None:
    assert english.terms("Rose Byrne") == ["rose", "byrn"]
    assert english.terms("the Met Office") == ["met", "offic"]
    assert english.terms("LED lights") == ["led", "light"]  # an acronym
    assert english.terms("prices rose") == ["price", "rise"]
    assert english.terms("left") == ["left"]  # also a word of its own: not "leave"
    assert english.terms("M&S") == ["m&s"]  # one letter after the "&": no plural
    assert Analyzer("english", stem=False).terms("M&Ms") == ["m&ms"]  # phrases: as written
    assert Analyzer("english", stem=False).terms("won") == ["won"]  # phrases: as written
    assert Analyzer("english", stem=False).terms("labour colour") == ["labour", "colour"]
    assert Analyzer("danish", remove_stopwords=False).terms("men") == ["men"]  # but, in Danish


def test_a_possessive_keeps_an_acronym_and_a_contraction_its_word(english: Analyzer) -> None:
    # "WHO's" is no all-capitals word, so it was read as the stopword "who"; "what'll" was a
    # term of its own, "whatll", that no question could match
    assert english.terms("WHO's warning") == ["who", "warn"]
    assert english.terms("the US\u2019s deficit") == english.terms("the US deficit")
    assert english.terms("What'll happen? Trump'll win, they\u2019re told") == [
        "happen",
        "trump",
        "win",
        "tell",
    ]
    assert Analyzer("french").terms("aujourd'hui") == Analyzer("french").terms("aujourdhui")
    as_written = Analyzer("english", stem=False, remove_stopwords=False, keep_contractions=True)
    assert as_written.terms("We\u2019ll see, they're told; don't") == [
        "we'll",
        "see",
        "they're",
        "told",
        "dont",
    ]


def test_numbers_keep_their_value(english: Analyzer) -> None:
    assert english.terms("about 1,000 soldiers in 2024, up 2.5%") == [
        "1000",
        "soldier",
        "2024",
        "2.5",
    ]
    assert english.terms("1000") == english.terms("1,000")


def test_possessives_apostrophes_and_hyphens(english: Analyzer) -> None:
    assert english.terms("Niger's junta") == english.terms("Niger junta")
    assert english.terms("Niger’s junta") == english.terms("Niger junta")  # noqa: RUF001
    assert english.terms("al-Qaida") == ["al", "qaeda"]  # al-Qaeda, the other spelling
    assert english.terms("O'Brien") == ["obrien"]


def test_short_slash_numbers_are_one_token(english: Analyzer) -> None:
    assert english.terms("9/11, 7/7 and 24/7's, 1/2 or 12/25") == [
        "9/11",
        "7/7",
        "24/7",
        "1/2",
        "12/25",
    ]
    # two parts, read from the left: a date's day and month, then its year
    assert english.terms("the 7/7/05 attacks, on 9/11/2001") == [
        "7/7",
        "05",
        "attack",
        "9/11",
        "2001",
    ]
    # a part of more than two digits, or a decimal: each number alone
    assert english.terms("the 2004/05 season, 2024/2025, 05/2004, 1/2.5") == [
        "2004",
        "05",
        "season",
        "2024",
        "2025",
        "05",
        "2004",
        "1",
        "2.5",
    ]
    assert english.terms("9/11s") == ["9", "11s"]  # run into letters: no slash number
    # scores keep their dash: "6-3" is 6 and 3, and so is a typed "9-11"
    assert english.terms("won 6-3 6-1, 7-6") == ["win", "6", "3", "6", "1", "7", "6"]
    assert english.terms("9-11") == ["9", "11"]
    text = "After 9/11, and 7/7."
    assert [(t, text[a:b]) for t, a, b in english.term_spans(text)] == [
        ("9/11", "9/11"),
        ("7/7", "7/7"),
    ]
    assert english.passage("after 7/7")[1] & HAS_NUMBER


def test_one_place_or_party_under_two_names_is_one_term(english: Analyzer) -> None:
    # "is unemployment rising in Britain?" found German jobless figures, not "UK jobless total"
    assert english.terms("Britain UK U.K.") == ["uk"] * 3
    assert english.terms("GOP Republicans") == ["republican"] * 2
    assert english.terms("Kiev's Kyiv Burma Myanmar") == ["kyiv", "kyiv", "myanmar", "myanmar"]
    assert english.terms("British") == ["british"]  # the people and things stay apart
    # "who won the Australian Open?" missed "Williams battles to Aussie title"
    assert english.terms("Aussie Australian") == ["australian"] * 2
    assert english.terms("Aussies Australians") == ["australian"] * 2
    # "what did the Tory leader say?" missed "the Conservative leader said"
    assert english.terms("Tory Conservative Tories conservatives") == ["conserv"] * 4
    assert Analyzer(language="german").terms("Britain") == ["britain"]


def test_a_word_ending_in_ff_keeps_it_through_its_forms(english: Analyzer) -> None:
    # "handcuffed" was handcuf, "handcuffs" handcuff: "who got handcuffed" missed the story
    for forms in ["handcuffed handcuffs handcuffing", "staffed staff staffing", "stuffed stuff"]:
        assert len(set(english.terms(forms))) == 1, forms


def test_a_plural_possessive_without_its_apostrophe_is_the_word(english: Analyzer) -> None:
    # "womens euros" was women, not woman as "women's" and "woman" are
    assert english.terms("womens women's woman") == ["woman"] * 3
    assert english.terms("mens childrens") == ["man", "child"]


def test_a_plural_acronym_is_its_singular(english: Analyzer) -> None:
    # "MPs" stayed "mps" (no vowel for the stemmer to take the "s" after), so "how did MPs
    # vote?" missed "each MP voted", and "MEPs" (mep) did not: all alike now
    for plural, single in [("MPs", "MP"), ("NGOs", "NGO"), ("DVDs", "DVD"), ("MEPs", "MEP")]:
        assert english.terms(plural) == english.terms(single) == english.terms(plural.lower())
    assert english.terms("GPS") != english.terms("GP")  # the satellites, not doctors


def test_an_ordinal_is_its_number(english: Analyzer) -> None:
    # "what happens on 16th March?" missed "Brown names 16 March for Budget"
    assert english.terms("the 16th of March") == english.terms("16 March") == ["16", "march"]
    assert english.terms("1st 2nd 3rd 21ST 100th") == ["1", "2", "3", "21", "100"]
    assert english.terms("1990s 5km 3D") == ["1990s", "5km", "3d"]  # no ordinals


def test_short_letter_groups_joined_by_an_ampersand_are_one_name(english: Analyzer) -> None:
    # "AT&T" was "at" (a stopword) and "t", "S&P" only "p", "Texas A&M" Texas and "m"
    assert english.terms("AT&T's deal") == english.terms("at&t deal") == ["at&t", "deal"]
    assert english.terms("the S&P 500 and Texas A&M") == ["s&p", "500", "texa", "a&m"]
    assert "at&t" not in english.terms("at & t")  # spaced, it is letters and a sign
    assert english.terms("rock&roll") == ["rock", "roll"]  # longer words are words
    text = "Shares of AT&T rose."
    assert [(t, text[a:b]) for t, a, b in english.match_spans(text, {"at&t"})] == [("at&t", "AT&T")]


def test_words_the_stemmer_would_merge_with_another_stay_whole(english: Analyzer) -> None:
    # "AIDS" was indexed as "aid": the disease's stories and aid's answered each other
    assert english.terms("AIDS Aids ISIS Isis") == ["aids", "aids", "isis", "isis"]
    # in lower case they are the words: "hearing aids", "aids to Ukraine"
    assert english.terms("aid aided aids") == ["aid"] * 3
    assert english.terms("mars isis") == english.terms("mar isi")
    assert english.terms("Mars rover") == ["mars", "rover"]
    assert "mars" not in english.terms("a day marred by rain")
    assert english.terms("ISIS") != english.terms("ISI")


def test_one_letter_hyphened_to_a_word_is_one_word(english: Analyzer) -> None:
    assert english.terms("e-mail E-mail E-Mail email") == ["email"] * 4
    assert english.terms("e-mails") == english.terms("emails") == ["email"]
    assert english.terms("e-commerce X-ray x-ray") == english.terms("ecommerce xray xray")
    assert english.terms("the e-mail's sender") == ["email", "sender"]
    # "T-Mobile" had been searched as "mobile"; K-pop, A-list, U-turn are one word too
    assert english.terms("T-Mobile t-mobile TMobile") == ["tmobil"] * 3
    assert english.terms("K-pop U-turn X-ray") == english.terms("kpop uturn xray")
    # Unicode's hyphens (U+2010, and U+2011 that will not break a line) as some pages write
    assert english.terms("T\u2011Mobile T\u2010Mobile k\u2011pop") == ["tmobil"] * 2 + ["kpop"]
    assert english.terms("R\u2011Ohio al\u2010Qaida") == ["r", "ohio", "al", "qaeda"]
    # a, o and n join words: "Mar-a-Lago", "jack-o-lantern", "rock-n-roll" stay apart
    assert english.terms("Mar-a-Lago rock-n-roll A-Rod") == [
        "mar",
        "lago",
        "rock",
        "n",
        "roll",
        "rod",
    ]
    # other hyphens still separate: d, i and r (a party), two letters or more, a digit
    assert english.terms("al-Qaida well-known G-8 d-c R-Ohio I-95") == [
        "al",
        "qaeda",
        "well",
        "know",
        "g",
        "8",
        "d",
        "c",
        "r",
        "ohio",
        "95",
    ]
    assert english.terms("U.S.-led UK-based") == ["us", "lead", "uk", "base"]
    # the same in any case: a name typed in lower case analyzes as the article writes it
    assert english.terms("Sen. Rob Portman (R-Ohio)") == ["sen", "rob", "portman", "r", "ohio"]
    for written, typed in [("A-Rod", "a-rod"), ("T-Mobile", "t-mobile"), ("X-Men", "x-men")]:
        assert english.terms(written) == english.terms(typed)
    assert english.terms("X-Men") == ["xmen"]
    assert english.terms("ж-слово é-mail") == ["ж", "слово", "e", "mail"]  # Latin letters only
    text = "Send an e-mail."
    assert [(t, text[a:b]) for t, a, b in english.term_spans(text)] == [
        ("send", "Send"),
        ("email", "e-mail"),
    ]


def test_phrase_words_keep_slash_numbers_and_hyphened_letters_whole() -> None:
    words = Analyzer(stem=False, remove_stopwords=False)  # as phrases are compared
    assert words.terms("the 7/7 bombings, an e-mail") == ["the", "7/7", "bombings", "an", "email"]


def test_case_folding_and_stemming(english: Analyzer) -> None:
    assert english.terms("Withdrawal WITHDRAWALS withdrawing") == ["withdraw"] * 3
    assert english.terms("Straße") == english.terms("STRASSE")


def test_stopwords_can_be_kept() -> None:
    assert Analyzer(remove_stopwords=False, stem=False).terms("Why is the US") == [
        "why",
        "is",
        "the",
        "us",
    ]


def test_other_snowball_languages_stem() -> None:
    german = Analyzer("german")
    assert german.terms("Soldaten") == german.terms("Soldat")
    assert "french" in available_languages()


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(CorpusError, match=r"klingon.*english"):
        Analyzer("klingon")


def test_term_spans_point_at_the_words(english: Analyzer) -> None:
    text = "The U.S. troops left Niger."
    spans = [(term, text[a:b]) for term, a, b in english.term_spans(text)]
    assert spans == [("us", "U.S."), ("troop", "troops"), ("left", "left"), ("niger", "Niger")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
@example("x \ufe70 y")  # NFKC spells this isolated form as a space and a combining mark
def test_any_text_analyzes_and_documents_and_queries_agree(text: str) -> None:
    analyzer = Analyzer()
    terms = analyzer.terms(text)
    assert terms == [t for t, _, _ in analyzer.term_spans(text)]
    assert all(term and " " not in term and "\n" not in term for term in terms)
    passage_terms, cue = analyzer.passage(text)
    assert passage_terms == terms
    assert 0 <= cue <= 255
    assert analyzer.names(text) <= set(terms)


def test_passage_cues_count_names_and_flag_numbers(english: Analyzer) -> None:
    terms, cue = english.passage("The mayor, Maria Lopez, met Lopez and the U.S. envoy in Paris.")
    assert terms == english.terms("The mayor, Maria Lopez, met Lopez and the U.S. envoy in Paris.")
    assert cue & NAMES_MASK == 4  # maria, lopez, u.s., paris; "The" is a stopword
    assert not cue & HAS_NUMBER
    assert english.passage("Police said 4,000 people marched.")[1] & HAS_NUMBER
    assert english.passage("Forty-four people were missing.")[1] & HAS_NUMBER
    assert english.passage("Two hundred people were missing.")[1] & HAS_NUMBER
    assert english.passage("A dozen people were missing.")[1] & HAS_NUMBER
    # a vague plural amount says no number: "how many" is not answered by it
    assert not english.passage("Hundreds of people were missing.")[1] & HAS_NUMBER
    assert not english.passage("Thousands rallied, and millions watched.")[1] & HAS_NUMBER
    assert not english.passage("the people were missing")[1]
    crowd = " ".join(f"Ab{a}{b}" for a in "cdefghijklmnopqr" for b in "stuvwxyzabcdefgh")
    assert english.passage(crowd)[1] == NAMES_MASK  # capped, not wrapped into the number bit


def test_number_words_count_only_in_english() -> None:
    german = Analyzer("german")
    assert not german.passage("Zwei Tage lang one two three")[1] & HAS_NUMBER
    assert german.passage("Am 3. Mai")[1] & HAS_NUMBER


def test_names_are_the_terms_of_capitalised_words(english: Analyzer) -> None:
    question = "Which country did President Joe Biden's envoy visit in the U.S. this week?"
    assert english.names(question) == {"presid", "joe", "biden", "us"}


def test_a_sentence_goes_on_after_titles_initials_months_and_numbers() -> None:
    # "...scheduled for Nov." was a sentence, and a trimmed passage ended there, hiding "24"
    text = (
        "He met Sen. Joe Manchin and Dr. Anthony Fauci in the U.S. Capitol on Jan. 6. "
        "The game is on Nov. 24 at 8 p.m. John F. Kennedy was shot. It rose 3.5%. Then it fell."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "He met Sen. Joe Manchin and Dr. Anthony Fauci in the U.S. Capitol on Jan. 6.",
        "The game is on Nov. 24 at 8 p.m. John F. Kennedy was shot.",  # "p.m." reads as U.S.
        "It rose 3.5%.",
        "Then it fell.",
    ]


def test_a_sentence_goes_on_after_places_and_ranks_abbreviated() -> None:
    # a trimmed passage began "Lauderdale" or "Everest"
    text = "Storms hit Ft. Lauderdale. Climbers left Mt. Everest. Pres. Biden spoke."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Storms hit Ft. Lauderdale.",
        "Climbers left Mt. Everest.",
        "Pres. Biden spoke.",
    ]


def test_a_sentence_goes_on_after_german_ordinals_and_spanish_initials() -> None:
    # "am 5. März" ended a sentence (German capitalises its nouns), and a trimmed passage
    # began "März beschlossen ..."; so did "z. B." and "EE. UU."
    text = (
        "Die am 5. März gefassten Beschlüsse gelten seit dem 19. Jahrhundert, z. B. hier. "
        "Los EE. UU. firmaron. Prices rose by 5. August sales fell. He scored 10. The end."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Die am 5. März gefassten Beschlüsse gelten seit dem 19. Jahrhundert, z. B. hier.",
        "Los EE. UU. firmaron.",
        "Prices rose by 5.",  # English months and nouns after a number end a sentence
        "August sales fell.",
        "He scored 10.",
        "The end.",
    ]


def test_greek_arabic_and_turkish_function_words_are_no_terms() -> None:
    # "και το η στη" of Greek news matched every story, as did "ve bir bu da" of Turkish
    assert Analyzer("greek").terms("και το η στη πυρκαγιά στην Αττική") == ["πυρκαγ", "αττικ"]
    assert Analyzer("greek").terms("και στην") == Analyzer("greek").terms("ειναι αυτο") == []
    assert Analyzer("arabic").terms("في من على وقف إطلاق النار في غزة") == [
        "وقف", "اطلاق", "نار", "غزة",
    ]  # fmt: skip
    assert Analyzer("turkish").terms("ve bir bu da") == []


def test_sentence_spans_skip_abbreviations() -> None:
    text = 'The U.S. agreed. "We will leave," he said! Then 1,000 troops go. e.g. this stays.'
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "The U.S. agreed.",
        '"We will leave," he said!',
        "Then 1,000 troops go. e.g. this stays.",
    ]


def test_other_languages_drop_their_function_words_and_elided_articles() -> None:
    # only English had a stopword list: "Wie viele Tote gab es in Solingen?" matched stories
    # on "es", "in" and "die", and "l'histoire" was the term "lhistoir", which "histoire" missed
    german = Analyzer("german")
    assert german.terms("Wie viele Tote gab es in der Stadt?") == ["viel", "tot", "gab", "stadt"]
    french = Analyzer("french")
    assert french.terms("l'histoire d\u2019électricité qu'il aujourd'hui") == [
        *french.terms("histoire électricité"),
        "aujourdhui",
    ]
    assert Analyzer("italian").terms("dell'Unione") == Analyzer("italian").terms("Unione")
    assert Analyzer("english").terms("L'Oreal") == ["loreal"]  # no elision in English
    assert Analyzer("finnish").removes_stopwords is False  # no list shipped: nothing dropped


@pytest.mark.parametrize("language", ["german", "french", "spanish", "russian"])
def test_decimal_comma_languages_read_their_numbers(language: str) -> None:
    # "2,2 Prozent" was 22 and "3.000 Menschen" no 3000
    analyzer = Analyzer(language)
    assert analyzer.terms("2,2 3.000 1.250.000 1.234,5 14.03.2024") == [
        "2.2",
        "3000",
        "1250000",
        "1234.5",
        "14.03.2024",
    ]
    assert Analyzer("english").terms("2,200 3.5") == ["2200", "3.5"]


@pytest.mark.parametrize("language", ["turkish", "german", "english"])
def test_a_dotted_capital_i_is_an_i(language: str) -> None:
    analyzer = Analyzer(language)
    assert analyzer.terms("İstanbul") == analyzer.terms("istanbul")


def test_the_saved_mark_ranges_are_unicodes_own() -> None:
    # scripts/make_marks.py wrote them for one Unicode version; another computes its own
    import unicodedata

    from retrieval import marks

    assert marks.mark_ranges() == marks.computed_mark_ranges()
    # and the planes computed_mark_ranges reads hold every mark there is
    in_ranges = {c for first, last in marks.mark_ranges() for c in range(first, last + 1)}
    every = {c for c in range(0x110000) if unicodedata.category(chr(c))[0] == "M"}
    assert in_ranges == every


@pytest.mark.parametrize(
    "text",
    [
        "Photos: The life of Queen Elizabeth II Irish Government/Pool/Getty Images The Queen.",
        "Photos: Shinzo Abe speaks in Nara. Hide Caption 1 of 16 Photos: Abe in 2014.",
        "Michigan Gov. Gretchen Whitmer Bill Pugliano/Getty Images",
        "People eat ice cream outside Parliament on Wednesday. Alberto Pezzali/AP",
        "Homes in Kyiv after the shelling. Gleb Garanich/Reuters",
        "Brown recluse spider (Image credit: Peter Muller / Getty Images)",
        "Video Ad Feedback Watch Zelensky's historic speech to Congress 26:43 - Source: CNN",
        "Biden warns of 'path to chaos' ahead of midterms 02:19 - Source: CNN",
        "Keep reading:White House says GOP debt ceiling plan would cut VA benefits.",
        "Keep reading: Biden leaned on Guatemala for help after Title 42 end.",
        "Related:Trump arraigned in New York",
        "Hunter Biden Deal:How Hunter Biden's plea agreement fell apart in federal court",
        "What happens if the US hits the debt ceiling?:Here's what to expect.",
        "Trump, Iowa and 2024:Why Donald Trump's arrest may help his campaign",
        "Is inflation easing in your state?The 5 states with the highest rates",
        "Craving more aliens?Here are 3 UFO docuseries streaming now",
        "Gas prices in Sacramento, Calif., Friday. (AP Photo/Rich Pedroncelli)",
    ],
)
def test_captions_credits_video_lines_and_teasers_are_side_matter(text: str) -> None:
    assert is_side_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        "Queen Elizabeth II, Britain's longest reigning monarch, has died.",
        "The GOP senators who voted yes are:",
        "Trump arrived at the DA's office at 1:23 p.m. EST following a short trip.",
        'He said: "We will win."',
        "Update, Oct. 19, 2023: A Rite Aid store in Panorama Plaza will close.",
        "The AP/NORC poll found 40% approve; the score was 3:2 at half time.",
        "Read John 3:16 and the terms at https://example.com/a:b.",
        "A Reuters/Ipsos poll and the and/or question.",
        "Is inflation easing? The Fed thinks so.",
        "Who knew?Not me.",
    ],
)
def test_story_text_is_no_side_matter(text: str) -> None:
    assert not is_side_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        "Editor's note: This file is based on the news of the wildfires on Monday, Aug. 14. For"
        " the latest news, please see our live updates file for Tuesday, Aug. 15.",
        "Editor\u2019s Note: This page is a summary of news on the fires for Sunday, Jan. 12.",
        "(EDITOR'S NOTE: Our reporter will post live updates starting at 6 p.m. ET.)",
        "Corrections & clarifications: A previous version of this story misstated the date.",
        "Correction: An earlier version of this story misspelled her name.",
        "This story has been updated with additional details.",
        "(This story was updated to add new information.)",
        "This story covers Hurricane Ian news from Monday, Sept. 26. Click here for the latest.",
        "This page reflects the news from the convention on Monday, July 15.",
        "This article was originally published on Jan. 25, 2014.",
        "Sign up for our weekly dispatch on the royal family.",
        "Click here to read more.",
        "USA TODAY ON TELEGRAM: Join our Russia-Ukraine war channel to receive updates",
        "Follow Mike Snider on Twitter: @mikesnider.",
        "Follow USA TODAY reporter Kelly Tyko on Bluesky at @tyko.",
        "Photo of the day: Writers strike 2023",
        "\U0001f4f7 Photo of the day: Snowy stars \U0001f4f7",
        "PHOTOS OF THE WEEK",
        "Are you affected by Hurricane Ian? Text or WhatsApp your stories to CNN +1 332-261-0775.",
        "Contributing: The Associated Press",
        "\u2013 CNN\u2019s Pete Muntean and Raja Razek contributed to this report",
        "Associated Press writer Costas Kantouris in Thessaloniki contributed to this report.",
    ],
)
def test_what_a_page_says_of_itself_or_asks_of_its_reader_is_side_matter(text: str) -> None:
    assert is_side_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        # a story's sentences that name a correction, a post, a newsletter or a report
        "Corrections officer charged with smuggling phones into the jail",
        "The correction: stocks fell 10% from their high in two weeks.",
        '"The Russians do not stop destroying housing," he said on Telegram.',
        "Meta shut down its newsletter product, Bulletin, this month.",
        "Lauren Rozen wrote in her substack newsletter that the deal was a relief.",
        "This report is the largest air pollution survey undertaken of world cities.",
        "\u201cThis article has been in front of us many times,\u201d Souza said.",
        "Those ages 18-44 may join the registry. To sign up, visit the website.",
        "The Associated Press contributed reporting to the investigation of the fire.",
        "Photos of the crash site show the plane's tail intact.",
        "The last full moon of the year rises behind Galata tower. Emrah Gurel photographed it.",
        "Download the McDonald's app, click Rewards, and register to play the game.",
    ],
)
def test_story_text_naming_notes_posts_or_newsletters_is_no_side_matter(text: str) -> None:
    assert not is_side_matter(text)


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("The Chiefs won the Super Bowl again.", "."),
        ("Who is Mike Johnson?", "?"),
        ('He said: "We will win!"', "!"),
        ("The GOP senators who voted yes are:  ", ":"),
        ("\u201cIt is over,\u201d she said (on Monday.)", "."),
        ("Is it over?\u201d", "?"),
        ("Mike Johnson", None),
        ("By Cormac McCarthy", None),
        ("Carey Wagner/Getty Images", None),
        ("Sales rose 3.5", None),
        ("", None),
        ("   ", None),
        ("\u201d)", None),
    ],
)
def test_a_passage_s_end_mark_is_its_last_mark_closers_aside(text: str, mark: str | None) -> None:
    assert end_mark(text) == (ord(mark) if mark else 0)


def test_full_width_digits_are_the_digits() -> None:
    # Japanese writes full-width digits: the term had been them, which "2024" never finds
    assert Analyzer("english").terms("２０２４年３月 １２３人") == [
        "2024",
        "年",
        "3",
        "月",
        "123",
        "人",
    ]


@pytest.mark.parametrize("language", ["english", "arabic", "russian"])
def test_arabic_and_hebrew_marks_and_tatweel_are_folded_in_every_language(language: str) -> None:
    analyzer = Analyzer(language)
    plain = analyzer.terms("مكتبة طنجة")
    assert analyzer.terms("مَكْتَبَة طَنْجَة") == analyzer.terms("مكتبـــة طنجـة") == plain
    assert analyzer.terms("الرِّبَاطِ") == analyzer.terms("الرباط")  # shadda and kasra
    assert analyzer.terms("هٰذا") == analyzer.terms("هذا")  # superscript alef
    assert analyzer.terms("أَمْن") == analyzer.terms("أمن")  # the hamza is a letter's: kept
    if language != "arabic":  # (whose stemmer reads every alef as one)
        assert analyzer.terms("أمن") != analyzer.terms("امن")
    assert analyzer.terms("שָׁלוֹם חֵיפָה") == analyzer.terms("שלום חיפה")  # niqqud
    assert analyzer.terms("בְּרֵאשִׁ֖ית") == analyzer.terms("בראשית")  # and a cantillation mark
    assert len(analyzer.terms("בית־ספר")) == 2  # the maqaf still joins no words
