"""Attribution triples: one rule test on a hand-built Doc, then our own fixture sentences
through the installed pipeline (marked `model`)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from attribution_helpers import cues
from claimtrace.extract.attribution import extract_attributions, publisher_source
from claimtrace.model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Document,
    Source,
    SourceType,
    Stance,
    TextSpan,
)

VOCAB = spacy.blank("en").vocab


def by_id(result: AttributionResult) -> dict[str, Source]:
    return {source.id: source for source in result.sources}


def test_publisher_source() -> None:
    assert publisher_source(Document(text="x", publisher="Daily Lantern")).name == "Daily Lantern"
    assert publisher_source(Document(text="x")).type is SourceType.PUBLISHER


def test_said_that_on_a_hand_built_doc() -> None:
    words = ["The", "mayor", "said", "that", "the", "bridge", "will", "reopen", "."]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[True] * 7 + [False, False],
        heads=[1, 2, 2, 7, 5, 7, 7, 2, 2],
        deps=["det", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct"],
        pos=["DET", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["DT", "NN", "VBD", "IN", "DT", "NN", "MD", "VB", "."],
        lemmas=["the", "mayor", "say", "that", "the", "bridge", "will", "reopen", "."],
        sent_starts=[True] + [False] * 8,
    )
    result = extract_attributions(doc, Document(text=doc.text), ())
    assert result.sources[0].id == "S0"
    (attribution,) = result.attributions
    assert attribution.kind is AttributionKind.INDIRECT
    assert attribution.cue is not None and attribution.cue.span.text == "said"
    assert attribution.cue.stance is Stance.NEUTRAL
    assert attribution.content.text == "that the bridge will reopen"
    assert attribution.source_span is not None and attribution.source_span.text == "The mayor"


def test_verb_without_content_gives_nothing() -> None:
    words = ["The", "council", "replied", "on", "Monday", "."]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[True, True, True, True, False, False],
        heads=[1, 2, 2, 2, 3, 2],
        deps=["det", "nsubj", "ROOT", "prep", "pobj", "punct"],
        pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
        tags=["DT", "NN", "VBD", "IN", "NNP", "."],
        lemmas=["the", "council", "reply", "on", "Monday", "."],
        sent_starts=[True] + [False] * 5,
    )
    assert extract_attributions(doc, Document(text=doc.text), ()).attributions == ()


# --- through the installed pipeline, with our own sentences ---------------------------------


def run(nlp, text: str, title: bool = False) -> AttributionResult:  # type: ignore[no-untyped-def]
    first = text.split("\n", 1)[0]
    span = TextSpan(0, len(first), first) if title else None
    result = extract_attributions(nlp(text), Document(text=text, title_span=span), ())
    for attribution in result.attributions:
        assert text[attribution.content.start : attribution.content.end] == attribution.content.text
        if attribution.cue is not None:
            cue = attribution.cue.span
            assert text[cue.start : cue.end] == cue.text
    return result


def find(result: AttributionResult, kind: AttributionKind) -> Attribution:
    found = [a for a in result.attributions if a.kind is kind]
    assert found, [(a.kind, a.content.text) for a in result.attributions]
    return found[0]


@pytest.mark.model
def test_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "According to the harbour authority, the ferry sank after midnight.")
    attribution = find(result, AttributionKind.ACCORDING_TO)
    assert attribution.content.text == "the ferry sank after midnight"
    assert attribution.cue is not None and attribution.cue.span.text == "According to"


@pytest.mark.model
def test_told_to_outlet_records_via(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A senior official revealed to the Lantern Gazette that the port would close on Friday."
    result = run(nlp, text)
    attribution = find(result, AttributionKind.INDIRECT)
    sources = by_id(result)
    assert sources[attribution.source_id].type is SourceType.ANONYMOUS
    assert attribution.via is not None and sources[attribution.via].type is SourceType.MEDIA
    assert attribution.content.text.startswith("that the port would close")


@pytest.mark.model
def test_quote_then_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We will rebuild the school by spring,” the headteacher said."
    attribution = find(run(nlp, text), AttributionKind.DIRECT)
    assert attribution.content.text == "“We will rebuild the school by spring,”"


@pytest.mark.model
def test_reported_seeing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The river monitor reported seeing oil slicks near the northern bank."
    attribution = find(run(nlp, text), AttributionKind.REPORTED_SEEING)
    assert attribution.content.text.startswith("oil slicks")


@pytest.mark.model
def test_anaphora_and_standalone_quote_with_nested_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "An informed source has told the Lantern Gazette that the mill was sold.\n\n"
        "The source went on to stress that the buyers are foreign.\n\n"
        "The Coastal Observatory for Fish Stocks (COFS) reported seeing trawlers in the bay.\n\n"
        "“Local sources confirmed to the COFS that the trawlers had no licence at all.”"
    )
    result = run(nlp, text)
    sources = by_id(result)
    said = [a for a in result.attributions if a.kind is AttributionKind.INDIRECT]
    assert sources[said[0].source_id].type is SourceType.ANONYMOUS
    assert said[1].source_id == said[0].source_id
    quote = find(result, AttributionKind.DIRECT)
    assert sources[quote.source_id].type is SourceType.NGO
    nested = [a for a in result.attributions if a.parent == quote.id]
    assert nested and sources[nested[0].source_id].type is SourceType.ANONYMOUS
    assert nested[0].via == quote.source_id


@pytest.mark.model
def test_evidence_released_by_channel(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A video posted by Telegram channel Bay Watchers on Monday shows a tanker on fire."
    result = run(nlp, text)
    attribution = find(result, AttributionKind.EVIDENCE)
    source = by_id(result)[attribution.source_id]
    assert source.type is SourceType.SOCIAL_MEDIA and source.name == "Bay Watchers"
    assert attribution.content.text == "a tanker on fire"


@pytest.mark.model
def test_headline_and_nominal(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mill workers were paid in vouchers: Report\nThe firm faces accusations of hiding losses."
    )
    result = run(nlp, text, title=True)
    headline = find(result, AttributionKind.HEADLINE)
    assert headline.content.text == "Mill workers were paid in vouchers"
    nominal = find(result, AttributionKind.NOMINAL)
    assert by_id(result)[nominal.source_id].type is SourceType.VAGUE
    assert nominal.content.text == "hiding losses"


@pytest.mark.model
def test_sentence_without_cue_has_no_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    assert run(nlp, "A storm flooded three villages on the coast last week.").attributions == ()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"One quote mark too many," the clerk said. "And another',
        "«Le pont est fermé», a déclaré le maire.\n\n« Encore",
        "“The first paragraph opens.\n\n“The second one closes,” the pilot said.",
        '” ” “ “ " "',
        "",
    ],
)
def test_odd_quotes_never_crash(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, text)
    assert result.sources[0].type is SourceType.PUBLISHER


@pytest.mark.model
def test_ap_quote_over_paragraphs_goes_to_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The first paragraph opens here.\n\n“The second one closes now,” the pilot said."
    attribution = find(run(nlp, text), AttributionKind.DIRECT)
    assert attribution.content.start == 0
    assert attribution.content.text.endswith("closes now,”")


@pytest.mark.model
def test_said_in_a_statement_is_a_medium_not_a_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Governor Lena Okafor said in a statement that the ferry had sunk after midnight."
    result = run(nlp, text)
    (attribution,) = result.attributions
    speaker = by_id(result)[attribution.source_id]
    assert (speaker.name, speaker.type, speaker.role) == (
        "Lena Okafor",
        SourceType.PERSON,
        "Governor",
    )
    assert attribution.content.text == "that the ferry had sunk after midnight"


@pytest.mark.model
def test_told_a_named_news_site_and_the_next_clause_is_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Farmers told the Valley 4 news site that they saw three trucks at the gate, and a "
        "video shared on the Telegram channel Field Notes allegedly shows the trucks leaving."
    )
    result = run(nlp, text)
    sources = by_id(result)
    told = find(result, AttributionKind.INDIRECT)
    assert told.via is not None and sources[told.via].name == "Valley 4 news site"
    assert sources[told.via].type is SourceType.MEDIA
    assert told.content.text == "that they saw three trucks at the gate"
    video = find(result, AttributionKind.EVIDENCE)
    channel = sources[video.source_id]
    assert (channel.name, channel.type) == ("Field Notes", SourceType.SOCIAL_MEDIA)
    assert video.content.text == "the trucks leaving"


@pytest.mark.model
def test_material_without_a_publisher_takes_the_headline_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Satellite images show flooded fields near the dam: Monitor\nThe river rose overnight."
    result = run(nlp, text, title=True)
    evidence = find(result, AttributionKind.EVIDENCE)
    heading = find(result, AttributionKind.HEADLINE)
    assert evidence.parent == heading.id and evidence.source_id == heading.source_id
    assert [s.name for s in result.sources[1:]] == ["Monitor"]


@pytest.mark.model
def test_material_alone_rests_on_the_publisher(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Satellite images show a new runway at the northern base.")
    evidence = find(result, AttributionKind.EVIDENCE)
    assert evidence.source_id == "S0"
    assert evidence.source_span is not None and evidence.source_span.text == "Satellite images"
    assert result.sources == (result.sources[0],)


@pytest.mark.model
def test_report_released_by_a_group_rests_on_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A report released by the Harbour Rights Centre said that nine boats were seized.\n\n"
        "The report said the crews were held in the village of Mossel."
    )
    result = run(nlp, text)
    first, second = result.attributions
    assert first.source_id == second.source_id
    assert by_id(result)[first.source_id].name == "Harbour Rights Centre"


@pytest.mark.model
def test_says_headline(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ferry service will resume next week, port officials say\nBy Desk - May 1 2024"
    headline = find(run(nlp, text, title=True), AttributionKind.HEADLINE)
    assert headline.content.text == "Ferry service will resume next week"
    assert headline.cue is not None and headline.cue.span.text == "say"


@pytest.mark.model
def test_a_subject_on_another_line_is_not_taken(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Harbour reopens\nBorder officials have faced claims for months\nBy Desk - May 1 2024\n\n"
        "A leaked video posted by the Telegram channel Gull Watch allegedly shows a tug sinking."
    )
    result = run(nlp, text)
    video = find(result, AttributionKind.EVIDENCE)
    assert by_id(result)[video.source_id].name == "Gull Watch"


# --- span conventions and further cue forms -------------------------------------------------


@pytest.mark.model
def test_verb_group_adverbs_and_colon_are_in_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "The harbour master has also said that the quay will reopen.")
    assert cues(result) == ["has also said"]
    result = run(nlp, "The harbour master said: “The quay will reopen on Monday.”")
    assert cues(result) == ["said:"]
    assert result.attributions[0].content.text == "“The quay will reopen on Monday.”"


@pytest.mark.model
def test_apposition_comma_and_relative_pronoun_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mira Osei, a ferry pilot, said the crossing was rough."
    (attribution,) = run(nlp, text).attributions
    assert attribution.source_span is not None
    assert attribution.source_span.text == "Mira Osei, a ferry pilot,"
    text = "The crew thanked the pilot, who said the crossing was rough."
    result = run(nlp, text)
    said = next(a for a in result.attributions if cues_of(a) == "said")
    assert said.source_span is not None and said.source_span.text == "who"
    assert by_id(result)[said.source_id].name != "who"


def cues_of(attribution: Attribution) -> str | None:
    return attribution.cue.span.text if attribution.cue is not None else None


@pytest.mark.model
def test_object_infinitive_and_prepositional_contents(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "The union wants to extend the strike until March.")
    assert [a.content.text for a in result.attributions] == ["to extend the strike until March"]
    result = run(nlp, "The mayor criticized the council for delaying the repairs.")
    assert [a.content.text for a in result.attributions] == ["the council for delaying the repairs"]
    result = run(nlp, "The governor called for an inquiry into the flooding.")
    (attribution,) = result.attributions
    assert cues_of(attribution) == "called for"
    assert attribution.content.text == "an inquiry into the flooding"


@pytest.mark.model
def test_nested_private_state_of_the_same_statement_is_dropped(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "The coach said she believes the team can win the cup.")
    assert cues(result) == ["said"]


@pytest.mark.model
def test_partial_quote_is_not_taken_for_the_whole_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He called the plan “a disaster,” the ferry operator said."
    result = run(nlp, text)
    said = next(a for a in result.attributions if cues_of(a) == "said")
    assert said.content.text != "“a disaster,”"


@pytest.mark.model
def test_transcript_label_and_signed_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ferry talks resume\n\nHOST: Will the ferries run on Sunday?\n\n"
        "“The timetable is ready and the crews are rested.” ― Dana Ruiz\n"
    )
    result = run(nlp, text)
    labelled = [a for a in result.attributions if cues_of(a) in {":", "―"}]
    assert [
        (cues_of(a), a.content.text, a.source_span.text if a.source_span else None)
        for a in labelled
    ] == [
        (":", "Will the ferries run on Sunday?", "HOST"),
        ("―", "“The timetable is ready and the crews are rested.”", "Dana Ruiz"),
    ]


@pytest.mark.model
def test_first_person_counts_outside_quotes_only(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(run(nlp, "We believe that the bridge is unsafe.")) == ["believe"]
    text = "“We believe that the bridge is unsafe,” the engineer said."
    assert cues(run(nlp, text)) == ["said"]


@pytest.mark.model
def test_name_and_colon_before_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Counting went on late - Pollster Ana Pires: “The count is too close to call.”"
    result = run(nlp, text)
    (attribution,) = [a for a in result.attributions if cues_of(a) == ":"]
    assert attribution.content.text == "“The count is too close to call.”"
    assert attribution.source_span is not None
    assert attribution.source_span.text == "Pollster Ana Pires"
    text = "The mayor said: “The count is too close to call.”"
    assert cues(run(nlp, text)) == ["said:"]


@pytest.mark.model
def test_nested_links_that_name_nobody_are_part_of_the_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The bridge is unsafe. He told us that the cracks are growing,” the mayor said."
    assert cues(run(nlp, text)) == ["said"]
    assert cues(run(nlp, "The mayor said that critics say the bridge is unsafe.")) == ["said"]
    text = (
        "“The bridge is unsafe, and Harbour Radio reported that the cracks are growing,” "
        "the mayor said."
    )
    result = run(nlp, text)
    (nested,) = [a for a in result.attributions if a.parent is not None]
    assert cues_of(nested) == "reported" and by_id(result)[nested.source_id].name == "Harbour Radio"
    result = run(nlp, "The mayor said that the engineers warned that the bridge is unsafe.")
    assert cues(result) == ["said", "warned"]


@pytest.mark.model
def test_hoping_seeming_and_stance_adjectives(nlp) -> None:  # type: ignore[no-untyped-def]
    assert cues(run(nlp, "The council is hoping that the bridge reopens in May.")) == ["is hoping"]
    seeming = run(nlp, "The minister seemed to rule out new taxes.").attributions
    assert {cues_of(a) for a in seeming} == {"seemed"}  # the writer's reading: no source span
    assert sorted(a.content.text for a in seeming) == ["The minister", "to rule out new taxes"]
    assert all(a.source_span is None for a in seeming)
    (critical,) = run(nlp, "The senator was critical of the new budget.").attributions
    assert critical.source_span is not None and critical.source_span.text == "The senator"
    assert (cues_of(critical), critical.content.text) == ("was critical of", "the new budget")
    (sure,) = run(nlp, "The fishermen are sure that the quota will be cut.").attributions
    assert (cues_of(sure), sure.content.text) == ("are sure", "that the quota will be cut")
    assert run(nlp, "It is clear that the bridge is unsafe.").attributions == ()
    assert run(nlp, "The spokesman replied.").attributions == ()


@pytest.mark.model
def test_a_light_verb_and_its_object_make_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    (concern,) = run(nlp, "The senator expressed concern about the bill.").attributions
    assert (cues_of(concern), concern.content.text) == ("expressed concern about", "the bill")
    (hope,) = run(nlp, "The union expressed hope that the strike would end.").attributions
    assert (cues_of(hope), hope.content.text) == ("expressed hope", "that the strike would end")


@pytest.mark.model
def test_carrier_verb_joins_the_cue_only_right_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator went on to say that the bill was dead."
    assert cues(run(nlp, text)) == ["went on to say"]
    text = "The senator went on offense on Monday, saying the bill was dead."
    assert cues(run(nlp, text)) == ["saying"]


@pytest.mark.model
def test_a_coordinated_or_added_cue_keeps_the_first_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor urged residents to leave the coast and criticized the plan."
    assert cues(run(nlp, text)) == ["urged", "criticized"]
    text = "The senator mocked the proposal, saying it would never pass."
    assert cues(run(nlp, text)) == ["mocked", "saying"]
    text = "A source leaked information to the Lantern Gazette saying that the mill was sold."
    assert cues(run(nlp, text)) == ["saying"]


@pytest.mark.model
def test_a_passive_cue_takes_its_agent_as_source(nlp) -> None:  # type: ignore[no-untyped-def]
    (criticized,) = run(nlp, "The plan was criticized by the mayor.").attributions
    assert criticized.source_span is not None and criticized.source_span.text == "the mayor"
    assert (cues_of(criticized), criticized.content.text) == ("was criticized", "The plan")
    assert run(nlp, "The plan was criticized at the meeting.").attributions == ()


@pytest.mark.model
def test_a_cue_preposition_after_other_phrases(nlp) -> None:  # type: ignore[no-untyped-def]
    (complained,) = run(
        nlp, "The union has twice complained to the council about the noise."
    ).attributions
    assert complained.content.text == "the noise"
    assert cues_of(complained) == "has twice complained to the council about"
    assert run(nlp, "The union complained to the council, about noon.").attributions == ()


@pytest.mark.model
def test_an_object_with_to_or_against_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    (compared,) = run(nlp, "The senator compared the plan to a tax hike.").attributions
    assert (cues_of(compared), compared.content.text) == ("compared", "the plan to a tax hike")


@pytest.mark.model
def test_a_cue_inside_quoted_words_is_part_of_them(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The hall was full.\n\n“Nobody listens. The engineers said in May that the pier is weak.”"
    )
    assert cues(run(nlp, text)) == []
    text = "“The pier is weak. A source told me that the cracks are growing,” Tom Hart said."
    assert cues(run(nlp, text)) == ["said"]
    text = "“The pier is weak. Officials said that the cracks are growing,” Tom Hart said."
    assert cues(run(nlp, text)) == ["said"]
    result = run(nlp, "“Ann Lee told me that the cracks are growing,” Tom Hart said.")
    (nested,) = [a for a in result.attributions if a.parent is not None]
    assert cues_of(nested) == "told" and by_id(result)[nested.source_id].name == "Ann Lee"


@pytest.mark.model
def test_a_naming_verb_with_a_quoted_name(nlp) -> None:  # type: ignore[no-untyped-def]
    (called,) = run(nlp, "The mayor called the tax system “rotten to the core.”").attributions
    assert cues_of(called) == "called"
    assert called.content.text == "the tax system “rotten to the core.”"
