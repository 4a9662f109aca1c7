"""Cues the parser hides: a parenthetical cue after one word of its sentence, two subjects
on one verb, the person told before a quotation, a participle hung on the reported clause,
"as X noted" / "as X put it", "the statement read", "told the audience at ... that ...", and a
quotation resumed alone in the next paragraph. Our own sentences through the installed
pipeline (marked `model`)."""

from __future__ import annotations

import pytest

from attribution_helpers import by_cue, cues, pieces, rules_of
from claimtrace.model import AttributionResult


@pytest.mark.model
def test_parenthetical_cue_after_one_word(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "Lee spoke about the ferry. Still, the captain said, the crossing will resume in May."
    )
    assert pieces(result, "said") == ["Still", "the crossing will resume in May"]
    assert by_cue(result, "said").source_span.text == "the captain"  # type: ignore[union-attr]


@pytest.mark.model
def test_subject_next_to_the_verb_wins(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "“This toll is so unfair! REPEAL,” Ann Lee tweeted.")
    found = by_cue(result, "tweeted")
    assert found.source_span is not None and found.source_span.text == "Ann Lee"
    assert found.content.text == "“This toll is so unfair! REPEAL,”"


@pytest.mark.model
def test_quotation_after_the_person_told(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "The mayor shrugged off the remarks, telling reporters, "
        "“Nobody on my team has asked for that.”",
    )
    found = by_cue(result, "telling")
    assert found.content.text == "“Nobody on my team has asked for that.”"
    assert found.source_span is not None and found.source_span.text == "The mayor"


@pytest.mark.model
def test_participle_ends_the_reported_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "Lee said he saw no need to change his plan, telling Smith that the schedule would hold.",
    )
    assert by_cue(result, "said").content.text == "he saw no need to change his plan"
    telling = by_cue(result, "telling")
    assert telling.content.text == "that the schedule would hold"
    assert telling.source_span is not None and telling.source_span.text == "Lee"


@pytest.mark.model
def test_as_clause_before_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "But as Lee noted, those voters will give the mayor a second look.")
    found = by_cue(result, "noted")
    assert found.content.text == "those voters will give the mayor a second look"
    assert found.source_span is not None and found.source_span.text == "Lee"


@pytest.mark.model
def test_as_clause_after_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The harbour is too small for the new ships, as the pilot noted.")
    assert by_cue(result, "noted").content.text == "The harbour is too small for the new ships"


@pytest.mark.model
def test_as_x_put_it(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "As the harbour master put it, “The sea does not wait for anyone.”")
    found = by_cue(result, "put it")
    assert found.content.text == "“The sea does not wait for anyone.”"
    assert found.source_span is not None and found.source_span.text == "the harbour master"


@pytest.mark.model
def test_as_clause_of_time_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(rules_of(nlp, "The crowd cheered as he spoke.")) == []


@pytest.mark.model
def test_statement_read(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "“We met the mayor at noon this morning,” the statement read.")
    found = by_cue(result, "read")
    assert found.content.text == "“We met the mayor at noon this morning,”"
    assert found.source_span is not None and found.source_span.text == "the statement"


@pytest.mark.model
def test_read_without_a_quotation_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(rules_of(nlp, "As the judge read his decision, the man smiled.")) == []


@pytest.mark.model
def test_told_the_audience_at_a_place_that(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "On Thursday night, the candidate told the audience at his fundraiser for veterans "
        "that he and the network had talked.",
    )
    assert by_cue(result, "told").content.text == "that he and the network had talked"


@pytest.mark.model
def test_quotation_resumed_in_the_next_paragraph_shares_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "“We will rebuild the pier before summer,” Ann Lee said.\n\n"
        "“Every family in this town depends on the ferry and the boats.”",
    )
    assert pieces(result, "said") == [
        "“Every family in this town depends on the ferry and the boats.”",
        "“We will rebuild the pier before summer,”",
    ]


@pytest.mark.model
def test_quotation_after_an_indirect_statement_keeps_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "Ann Lee said the pier would be rebuilt before summer.\n\n"
        "“Every family in this town depends on the ferry and the boats.”",
    )
    assert pieces(result, "said") == ["the pier would be rebuilt before summer"]


@pytest.mark.model
def test_is_expected_to_has_no_source_and_two_pieces(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The harbour master is expected to reopen the ferry pier next week.")
    assert pieces(result, "is expected") == [
        "The harbour master",
        "to reopen the ferry pier next week",
    ]
    assert all(a.source_span is None for a in result.attributions)


@pytest.mark.model
def test_expected_by_an_agent_keeps_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The new pier was expected by the council to cost less.")
    found = by_cue(result, "was expected")
    assert found.source_span is not None and found.source_span.text == "the council"


@pytest.mark.model
def test_according_to_between_subject_and_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "That plan, according to the mayor, will fail within a year.")
    assert pieces(result, "according to") == ["That plan", "will fail within a year"]


@pytest.mark.model
def test_according_to_after_an_adverbial_keeps_one_piece(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The plan will fail within a year, according to the mayor.")
    assert pieces(result, "according to") == ["The plan will fail within a year"]


@pytest.mark.model
def test_short_answers(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "Asked if the toll was fair, 46 percent of drivers said yes. He said no to the war."
    )
    assert pieces(result, "said") == ["no to the war", "yes"]


@pytest.mark.model
def test_records_show_after_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "In all, the host committee raised $57 million, election commission records show."
    )
    found = by_cue(result, "show")
    assert found.content.text == "In all, the host committee raised $57 million"
    assert found.source_span is not None
    assert found.source_span.text == "election commission records"


@pytest.mark.model
def test_records_show_between_commas(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp, "During the same stretch, aviation records show, the jet has flown 216 hours."
    )
    assert pieces(result, "show") == ["During the same stretch", "the jet has flown 216 hours"]


@pytest.mark.model
def test_a_show_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(rules_of(nlp, "The network aired three shows, and the ratings rose.")) == []


@pytest.mark.model
def test_inverted_cue_after_a_clause_the_parser_took_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        'The rejection of the treaty signals "the beginning of the end" for the union, '
        "said Ann Lee, founder of the party.",
    )
    found = by_cue(result, "said")
    assert found.content.text == (
        'The rejection of the treaty signals "the beginning of the end" for the union'
    )
    assert found.source_span is not None and found.source_span.text.startswith("Ann Lee")


@pytest.mark.model
def test_gerund_subject_of_the_reported_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "He said legalizing it could put thousands of people to work upstate.")
    found = by_cue(result, "said")
    assert found.content.text == "legalizing it could put thousands of people to work upstate"


@pytest.mark.model
def test_said_for_the_first_time_that(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "The ministry said on Monday for the first time that “secret” files had passed "
        "through the server.",
    )
    assert by_cue(result, "said").content.text == (
        "that “secret” files had passed through the server"
    )


@pytest.mark.model
def test_parenthetical_cue_with_two_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "The plan is odd.\n\nLee, Sexton said, has created a strange zone.")
    assert pieces(result, "said") == ["Lee", "has created a strange zone"]


@pytest.mark.model
def test_manner_of_speaking_next_to_a_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(nlp, "“This is fantastic news for the whole valley!” beamed Dana Hart.")
    found = by_cue(result, "beamed")
    assert found.content.text == "“This is fantastic news for the whole valley!”"
    assert found.source_span is not None and found.source_span.text == "Dana Hart"


@pytest.mark.model
def test_manner_of_speaking_without_a_quotation_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(rules_of(nlp, "The children laughed at the clown in the square.")) == []


@pytest.mark.model
def test_signature_on_the_next_line(nlp) -> None:  # type: ignore[no-untyped-def]
    result = rules_of(
        nlp,
        "Lee spoke.\n\n"
        '"The top one percent gets most of the new income."\n\n'
        "- Ann Lee.\n\nThe claim is wrong.",
    )
    found = by_cue(result, "-")
    assert found.source_span is not None and found.source_span.text == "Ann Lee"
    assert found.content.text == '"The top one percent gets most of the new income."'


def _titled(nlp, title: str) -> AttributionResult:  # type: ignore[no-untyped-def]
    from claimtrace.extract.attribution import extract_attributions
    from claimtrace.model import Document, TextSpan

    text = title + "\n\nThe story goes on here."
    document = Document(text=text, title=title, title_span=TextSpan(0, len(title), title))
    return extract_attributions(nlp(text), document, ())


@pytest.mark.model
def test_title_case_headline(nlp) -> None:  # type: ignore[no-untyped-def]
    result = _titled(nlp, "Conservative Icon Ann Lee Endorses Mayor Smith.")
    found = by_cue(result, "Endorses")
    assert found.source_span is not None and found.source_span.text == "Conservative Icon Ann Lee"
    assert found.content.text == "Mayor Smith"


@pytest.mark.model
def test_title_case_headline_without_a_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(_titled(nlp, "How The Budget Was Lost In Ohio.")) == []


@pytest.mark.model
def test_that_clause_after_a_comma_is_no_parenthetical(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Ada Voss said Sunday in Dover, Delaware, that she was hoping for a quiet vote."
    found = by_cue(rules_of(nlp, text), "said")
    assert found.content.text == "that she was hoping for a quiet vote"
    assert found.source_span is not None and found.source_span.text == "Senator Ada Voss"
