"""Place names for questions that ask for a place (retrieval.places)."""

from __future__ import annotations

import pytest

from retrieval.places import asked_place, places_in


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which country's prime minister resigned this week?", "country"),
        ("The president of this African nation was ousted in a coup.", "country"),
        ("In which European country did the floods hit?", "country"),
        ("What two countries signed the deal?", "country"),
        ("Which U.S. state passed the abortion ban?", "state"),
        ("Lawmakers in this state voted to ban TikTok on devices.", "state"),
        ("What is the state of the economy?", None),
        ("Which state-run firm was sold?", None),
        ("Which states of matter exist?", None),
        ("Who won the election?", None),
        ("Where did Godard revolutionize cinema in the 1960s?", "place"),
        ("He returned to the town where he grew up.", None),
        ("Why did the country's president resign?", None),
        ("Which State Department official resigned?", None),  # names, capitalised
        ("What Islamic State leader was killed?", None),
        ("Which Nations League team won?", None),
        ("What state media reported the deal?", None),
        ("Which country music star died this week?", None),
        ("Which EU member states voted against?", "country"),
        ("Which Gulf states cut oil output?", "country"),
    ],
)
def test_a_question_asks_for_a_kind_of_place(question: str, kind: str | None) -> None:
    assert asked_place(question) == kind


def test_places_are_found_as_news_writes_them() -> None:
    text = (
        "Russia's army and U.S. forces met in Bosnia and Herzegovina; Britain and the "
        "Democratic Republic of the Congo sent envoys."
    )
    found = places_in(text, "country")
    assert {"Russia", "United States", "Bosnia and Herzegovina", "United Kingdom"} <= found
    assert "Democratic Republic of the Congo" in found
    assert "Republic of the Congo" not in found  # the longest name only
    assert places_in("Voters in New York and West Virginia", "state") == {
        "New York",
        "West Virginia",
    }
    # lower case is no name; a state is no country
    assert places_in("the chad of a ballot, california dreaming", "country") == set()
    assert places_in("Voters in Ohio", "country") == set()
    assert places_in("From France to Ohio", "place") == {"France", "Ohio"}


def test_a_countrys_other_names_are_the_same_country() -> None:
    """A passage saying "the United States" names no other country than a question's "US"."""
    for text in ("The US", "the USA", "the U.S.-led force", "America", "the United States"):
        assert places_in(text, "country") == {"United States"}, text
    for text in ("the UK", "Britain", "Great Britain", "the United Kingdom"):
        assert places_in(text, "country") == {"United Kingdom"}, text


def test_a_longer_name_holding_a_place_is_not_that_place() -> None:
    assert places_in("He grew up in New Jersey and New Mexico", "country") == set()
    assert places_in("He grew up in New Jersey and New Mexico", "state") == {
        "New Jersey",
        "New Mexico",
    }
    none = "the Bank of England, South America, the Prince of Wales, New South Wales"
    assert places_in(none, "place") == set()
    assert places_in("The Washington Post reported", "state") == set()
    assert places_in("Georgia", "country") == places_in("Georgia", "state") == {"Georgia"}


def test_a_question_typed_in_lower_case_names_its_places() -> None:
    question = "texas pete hot sauce isn't made in texas. where is it made?"
    assert places_in(question, "place", any_case=True) == {"Texas"}
    assert places_in(question, "place") == set()
    # "us" and "uk" typed in lower case are a pronoun and a word
    assert places_in("tell us where", "place", any_case=True) == set()
    assert places_in("tell the U.S. where", "place", any_case=True) == {"United States"}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which city hosted the debate this week?", "city"),
        ("A wildfire forced the evacuation of which coastal city?", "city"),
        ("What town was flooded?", "city"),
        ("Which cities banned the app?", "city"),
        ("Which City Council member resigned?", None),  # a name
        ("He returned to the town where he grew up.", None),
    ],
)
def test_a_question_asks_for_a_city(question: str, kind: str | None) -> None:
    assert asked_place(question) == kind


def test_cities_are_places_and_a_city_of_a_states_name_is_both() -> None:
    text = "Talks in Philadelphia, Mexico City and Khartoum; Nigeria and Texas sent envoys."
    assert places_in(text, "city") == {"Philadelphia", "Mexico City", "Khartoum"}
    assert places_in(text, "country") == {"Nigeria"}
    assert places_in(text, "place") == {
        "Philadelphia",
        "Mexico City",
        "Khartoum",
        "Nigeria",
        "Texas",
    }
    assert places_in("New York and Washington", "city") == {"New York", "Washington"}
    # a team named after its city is no place: "the San Francisco 49ers", "the Chicago Bulls"
    assert places_in("The San Francisco 49ers beat the Chicago Bulls", "place") == set()
    assert places_in("New York and Washington", "state") == {"New York", "Washington"}
    # a city whose name is a common word is no place: "nice", "reading", "mobile", "split"
    assert places_in("Nice Reading on Mobile: Split decision in Bath", "place") == set()


def test_an_event_or_office_after_a_city_leaves_it_a_place() -> None:
    # "at the Hyderabad Open" and "will race in the London Marathon" answered no "where"
    assert places_in("a superb week at the Hyderabad Open", "city") == {"Hyderabad"}
    assert places_in("He will race in the London Marathon", "city") == {"London"}
    assert places_in("the Chicago Police said", "place") == {"Chicago"}
    assert places_in("the Boston Globe and the Chicago Bulls", "place") == set()


def test_a_city_after_a_first_name_is_a_surname() -> None:
    # "Whitney Houston" and "Lloyd Austin" answered "which city" as Houston and Austin
    text = "Abraham Lincoln, Whitney Houston and Defense Secretary Lloyd Austin"
    assert places_in(text, "city") == set()
    # a word that opens a sentence or says which part leaves the city a city
    for text in ("In Houston, police said", "Downtown Houston flooded", "He flew to Austin."):
        assert places_in(text, "city") == {"Houston" if "Houston" in text else "Austin"}
    # a state's name stays a state ("Senator Maria Washington" is rare; "Gov. ... Texas")
    assert places_in("Governor Greg Abbott of Texas", "state") == {"Texas"}
