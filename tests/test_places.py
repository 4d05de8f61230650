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
    assert {"Russia", "US", "Bosnia and Herzegovina", "Britain"} <= found
    assert "Democratic Republic of the Congo" in found
    assert "Republic of the Congo" not in found  # the longest name only
    assert places_in("The US and the USA", "country") == {"US", "USA"}
    assert places_in("Voters in New York and West Virginia", "state") == {
        "New York",
        "West Virginia",
    }
    # lower case is no name; a state is no country
    assert places_in("the chad of a ballot, california dreaming", "country") == set()
    assert places_in("Voters in Ohio", "country") == set()
    assert places_in("From France to Ohio", "place") == {"France", "Ohio"}
