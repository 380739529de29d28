"""Name matching: last name + party + state, never the last name alone; given names only
to tell namesakes apart, and an explicit ambiguous result rather than a guess."""

from __future__ import annotations

import pytest

from archive.badges import Badge, parse_badge
from archive.names import (
    Candidate,
    MatchStatus,
    NameMatcher,
    normalise_name,
    normalise_party,
)


def person(
    key: str,
    party: str,
    state: str,
    last: str,
    *names: str,
    chambers: tuple[str, ...] = ("house",),
) -> Candidate[str]:
    return Candidate.build(
        key, party=party, state=state, last_name=last, names=names, chambers=chambers
    )


@pytest.fixture
def matcher() -> NameMatcher[str]:
    """Several Smiths, Lees, Davises and Peters across states and parties; two D-CA
    Sánchezes; two R-TX James Smiths."""
    return NameMatcher(
        [
            person("chris-smith", "R", "NJ", "Smith", "Christopher H. Smith", "Chris"),
            person("adam-smith", "D", "WA", "Smith", "Adam Smith"),
            person("jason-smith", "R", "MO", "Smith", "Jason Smith"),
            person("tina-smith", "D", "MN", "Smith", "Tina Smith", chambers=("senate",)),
            person("james-smith-1", "R", "TX", "Smith", "James A. Smith"),
            person("james-smith-2", "R", "TX", "Smith", "James B. Smith"),
            person("susie-lee", "D", "NV", "Lee", "Susie Lee"),
            person("mike-lee", "R", "UT", "Lee", "Mike Lee", chambers=("senate",)),
            person("summer-lee", "D", "PA", "Lee", "Summer L. Lee"),
            person("danny-davis", "D", "IL", "Davis", "Danny K. Davis"),
            person("don-davis", "D", "NC", "Davis", "Donald G. Davis", "Don"),
            person("gary-peters", "D", "MI", "Peters", "Gary C. Peters", chambers=("senate",)),
            person("scott-peters", "D", "CA", "Peters", "Scott H. Peters"),
            person("linda-sanchez", "D", "CA", "Sánchez", "Linda T. Sánchez"),
            person("loretta-sanchez", "D", "CA", "Sánchez", "Loretta Sánchez"),
            person(
                "ed-markey", "D", "MA", "Markey", "Edward J. Markey", "Ed", chambers=("senate",)
            ),
            person("eleanor-holmes-norton", "D", "DC", "Norton", "Eleanor Holmes Norton"),
            person("rob-menendez", "D", "NJ", "Menendez", "Robert Menendez", "Robert Jacobsen"),
            person("pablo-hernandez", "D", "PR", "Hernández Rivera", "Pablo José Hernández"),
            person("monica-de-la-cruz", "R", "TX", "De La Cruz", "Monica De La Cruz"),
            person("dina-titus", "D", "NV", "Titus", "Dina Titus"),
        ]
    )


def test_normalise_name_ignores_case_and_accents() -> None:
    assert normalise_name("Linda Sánchez") == normalise_name("LINDA SANCHEZ") == "linda sanchez"
    assert normalise_name("Mónica De La Cruz") == "monica de la cruz"


def test_normalise_name_drops_suffixes_and_punctuation() -> None:
    assert normalise_name("Robert Menendez, Jr.") == "robert menendez"
    assert normalise_name("Randy K. Weber, Sr.") == "randy k weber"
    assert normalise_name("Nicholas J. Begich III") == "nicholas j begich"
    assert normalise_name('Henry C. "Hank" Johnson, Jr.') == "henry c hank johnson"
    assert normalise_name("Beto O\u2019Rourke") == normalise_name("Beto O'Rourke") == "beto orourke"
    assert normalise_name("Kimberlyn King-Hinds") == "kimberlyn king hinds"


def test_a_name_that_is_only_a_suffix_is_kept() -> None:
    assert normalise_name("V") == "v"


def test_last_name_alone_never_matches(matcher: NameMatcher[str]) -> None:
    with pytest.raises(ValueError, match="last name alone never matches"):
        matcher.match("Titus", "", "")
    with pytest.raises(ValueError):
        matcher.match("Dina Titus", "D", "")
    with pytest.raises(ValueError):
        matcher.match("Dina Titus", "Whig", "NV")


def test_same_last_name_in_another_party_or_state_is_not_a_match(
    matcher: NameMatcher[str],
) -> None:
    assert matcher.match("Chris Smith", "D", "NJ").status == MatchStatus.NOT_FOUND
    assert matcher.match("Chris Smith", "R", "NY").status == MatchStatus.NOT_FOUND
    assert matcher.match("Susie Lee", "R", "NV").status == MatchStatus.NOT_FOUND
    assert matcher.match("Gary Peters", "D", "CA").first_name_agrees is False


def test_each_smith_lee_davis_and_peters_is_found_by_party_and_state(
    matcher: NameMatcher[str],
) -> None:
    expected = {
        ("Chris Smith", "R", "NJ"): "chris-smith",
        ("Adam Smith", "D", "WA"): "adam-smith",
        ("Jason Smith", "R", "MO"): "jason-smith",
        ("Tina Smith", "D", "MN"): "tina-smith",
        ("Susie Lee", "D", "NV"): "susie-lee",
        ("Mike Lee", "R", "UT"): "mike-lee",
        ("Summer Lee", "D", "PA"): "summer-lee",
        ("Danny Davis", "D", "IL"): "danny-davis",
        ("Don Davis", "D", "NC"): "don-davis",
        ("Gary Peters", "D", "MI"): "gary-peters",
        ("Scott Peters", "D", "CA"): "scott-peters",
    }
    for (name, party, state), key in expected.items():
        result = matcher.match(name, party, state)
        assert result.status == MatchStatus.MATCHED, name
        assert result.match == key
        assert result.is_certain


def test_printed_suffix_is_ignored(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Robert Menendez, Jr.", "D", "NJ").match == "rob-menendez"
    assert matcher.match("Robert Menendez Jr", "D", "NJ").match == "rob-menendez"


def test_middle_name_in_print_still_matches_on_last_name(matcher: NameMatcher[str]) -> None:
    result = matcher.match("Eleanor Holmes Norton", "D", "DC")
    assert result.match == "eleanor-holmes-norton"
    assert result.first_name_agrees is True


def test_accents_do_not_matter_either_way(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Monica De La Cruz", "R", "TX").match == "monica-de-la-cruz"
    assert matcher.match("Mónica De La Cruz", "R", "TX").match == "monica-de-la-cruz"
    assert matcher.match("Linda Sanchez", "D", "CA").match == "linda-sanchez"


def test_nickname_and_short_forms_match_official_first_name(matcher: NameMatcher[str]) -> None:
    ed = matcher.match("Ed Markey", "D", "MA")
    assert ed.match == "ed-markey"
    assert ed.first_name_agrees is True
    assert matcher.match("Edward Markey", "D", "MA").first_name_agrees is True
    assert matcher.match("Christopher Smith", "R", "NJ").first_name_agrees is True
    assert matcher.match("Donald Davis", "D", "NC").first_name_agrees is True


def test_honorifics_and_long_form_party_are_ignored(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Rep. Dina Titus", "Democrat", "nv").match == "dina-titus"
    assert matcher.match("Senator Ed Markey", "Democratic", "MA").match == "ed-markey"
    assert matcher.match("The Honorable Chris Smith", "R", "NJ").match == "chris-smith"


def test_a_party_printed_as_a_badge_prints_it_matches_a_name(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Chris Smith", "GOP", "NJ").match == "chris-smith"
    assert parse_badge("(GOP-N.J.)") == Badge("GOP-N.J.", "R", "NJ")
    assert normalise_party("ID") == normalise_party("Independent") == "I"


def test_compound_last_name_printed_in_part_matches(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Pablo José Hernández", "D", "PR").match == "pablo-hernandez"
    assert matcher.match("Pablo José Hernández Rivera", "D", "PR").match == "pablo-hernandez"


def test_namesakes_sharing_party_and_state_are_told_apart_by_first_name(
    matcher: NameMatcher[str],
) -> None:
    assert matcher.match("Linda Sánchez", "D", "CA").match == "linda-sanchez"
    assert matcher.match("Loretta Sanchez", "D", "CA").match == "loretta-sanchez"
    assert matcher.match("James A. Smith", "R", "TX").status == MatchStatus.AMBIGUOUS


def test_namesakes_with_the_same_first_name_are_ambiguous_and_listed(
    matcher: NameMatcher[str],
) -> None:
    result = matcher.match("James Smith", "R", "TX")
    assert result.status == MatchStatus.AMBIGUOUS
    assert result.match is None
    assert not result.is_certain
    assert set(result.candidates) == {"james-smith-1", "james-smith-2"}


def test_last_name_only_among_namesakes_is_ambiguous(matcher: NameMatcher[str]) -> None:
    result = matcher.match("Sánchez", "D", "CA")
    assert result.status == MatchStatus.AMBIGUOUS
    assert set(result.candidates) == {"linda-sanchez", "loretta-sanchez"}


def test_namesakes_none_of_whose_first_names_agree_are_all_listed(
    matcher: NameMatcher[str],
) -> None:
    result = matcher.match("Maria Sánchez", "D", "CA")
    assert result.status == MatchStatus.AMBIGUOUS
    assert set(result.candidates) == {"linda-sanchez", "loretta-sanchez"}


def test_one_person_with_another_first_name_is_flagged_not_trusted(
    matcher: NameMatcher[str],
) -> None:
    result = matcher.match("Paul Titus", "D", "NV")
    assert result.status == MatchStatus.MATCHED
    assert result.first_name_agrees is False
    assert not result.is_certain


def test_last_name_alone_with_party_and_state_matches_one_person(
    matcher: NameMatcher[str],
) -> None:
    result = matcher.match("Titus", "D", "NV")
    assert result.match == "dina-titus"
    assert result.first_name_agrees is None
    assert result.is_certain


def test_explicit_last_name_is_used_instead_of_reading_the_print(
    matcher: NameMatcher[str],
) -> None:
    assert (
        matcher.match("Pablo José Hernández", "D", "PR", last_name="Hernández").match
        == "pablo-hernandez"
    )
    assert matcher.match("Dina Titus", "D", "NV", last_name="Smith").status == (
        MatchStatus.NOT_FOUND
    )


def test_chamber_rules_out_people_who_never_sat_in_it(matcher: NameMatcher[str]) -> None:
    assert matcher.match("Ed Markey", "D", "MA", chamber="house").status == MatchStatus.NOT_FOUND
    assert matcher.match("Ed Markey", "D", "MA", chamber="senate").match == "ed-markey"
