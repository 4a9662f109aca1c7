"""Source typing and merging, on hand-built Docs (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from claimtrace.extract.sources import EntityIndex, SourceRegistry, describe, normalise
from claimtrace.model import Entity, Source, SourceType, TextSpan

VOCAB = spacy.blank("en").vocab


def build(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags=None) -> Doc:
    return Doc(
        VOCAB,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags or ["NN"] * len(words),
        lemmas=[w.lower() for w in words],
    )


def registry() -> SourceRegistry:
    return SourceRegistry(Source("S0", "publisher", SourceType.PUBLISHER), EntityIndex.build(()))


def text_span(doc: Doc, start: int, end: int) -> TextSpan:
    span = doc[start:end]
    return TextSpan(span.start_char, span.end_char, span.text)


def test_informed_source_is_anonymous() -> None:
    doc = build(
        ["an", "informed", "source"], [2, 2, 2], ["det", "amod", "ROOT"], ["DET", "ADJ", "NOUN"]
    )
    info = describe(doc[0:3], doc[2])
    assert info.type is SourceType.ANONYMOUS
    assert info.role == "source"
    assert info.indefinite


def test_channel_on_a_platform_is_social_media_with_its_name() -> None:
    words = ["Telegram", "news", "channel", "Harbour", "Watchers"]
    doc = build(
        words,
        [2, 2, 4, 4, 4],
        ["compound", "compound", "compound", "compound", "ROOT"],
        ["PROPN", "NOUN", "NOUN", "PROPN", "PROPN"],
    )
    info = describe(doc[0:5], doc[4])
    assert info.type is SourceType.SOCIAL_MEDIA
    assert info.name == "Harbour Watchers"


def test_commander_in_a_group_is_anonymous_with_affiliation() -> None:
    words = ["a", "commander", "in", "the", "Valley", "Guard"]
    doc = build(
        words,
        [1, 1, 1, 5, 5, 2],
        ["det", "ROOT", "prep", "det", "compound", "pobj"],
        ["DET", "NOUN", "ADP", "DET", "PROPN", "PROPN"],
    )
    info = describe(doc[0:6], doc[1])
    assert info.type is SourceType.ANONYMOUS
    assert info.role == "commander"
    assert info.affiliation == "Valley Guard"


def test_observatory_is_an_ngo_and_its_acronym_merges() -> None:
    words = ["the", "Coastal", "Observatory", "for", "Fish", "Stocks", "(", "COFS", ")"]
    doc = build(
        words,
        [2, 2, 2, 2, 5, 3, 7, 2, 7],
        ["det", "compound", "ROOT", "prep", "compound", "pobj", "punct", "appos", "punct"],
        ["DET", "PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT"],
    )
    info = describe(doc[0:9], doc[2])
    assert info.type is SourceType.NGO
    reg = registry()
    first = reg.add(info, text_span(doc, 0, 9), (0, 5))
    short = build(["COFS"], [0], ["ROOT"], ["PROPN"])
    second = reg.add(describe(short[0:1], short[0], recipient=True), text_span(short, 0, 1), (0, 4))
    assert first == second
    assert reg.sources()[1].type is SourceType.NGO


def test_anaphor_resolves_to_the_latest_compatible_source() -> None:
    reg = registry()
    anon = build(["sources"], [0], ["ROOT"], ["NOUN"], ["NNS"])
    anon_id = reg.add(describe(anon[0:1], anon[0]), text_span(anon, 0, 1), (0, 7))
    ngo = build(["Amnesty"], [0], ["ROOT"], ["PROPN"])
    ngo_id = reg.add(describe(ngo[0:1], ngo[0]), text_span(ngo, 0, 1), (10, 17))
    back = build(["the", "source"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"])
    assert reg.add(describe(back[0:2], back[1]), text_span(back, 0, 2), (20, 26)) == anon_id
    report = build(["the", "report"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"])
    assert reg.add(describe(report[0:2], report[1]), text_span(report, 0, 2), (30, 36)) == ngo_id


def test_recipients_do_not_become_antecedents() -> None:
    reg = registry()
    person = build(["Ana", "Ruiz"], [1, 1], ["compound", "ROOT"], ["PROPN", "PROPN"])
    speaker = reg.add(describe(person[0:2], person[1]), text_span(person, 0, 2), (0, 8))
    outlet = build(["Harbour", "TV"], [1, 1], ["compound", "ROOT"], ["PROPN", "PROPN"])
    info = describe(outlet[0:2], outlet[1], recipient=True)
    assert info.type is SourceType.MEDIA
    reg.add(info, text_span(outlet, 0, 2), (20, 30), speaker=False)
    assert reg.recent() == speaker


def test_entities_merge_aliases() -> None:
    entity = Entity(
        "E1",
        "ORG",
        "Valley Guard",
        ("Valley Guard", "VG"),
        (TextSpan(0, 12, "Valley Guard"), TextSpan(40, 42, "VG")),
    )
    reg = SourceRegistry(Source("S0", "p", SourceType.PUBLISHER), EntityIndex.build((entity,)))
    doc = build(["Valley", "Guard"], [1, 1], ["compound", "ROOT"], ["PROPN", "PROPN"])
    first = reg.add(describe(doc[0:2], doc[1]), TextSpan(0, 12, "Valley Guard"), (7, 12))
    short = build(["VG"], [0], ["ROOT"], ["PROPN"])
    assert reg.add(describe(short[0:1], short[0]), TextSpan(40, 42, "VG"), (40, 42)) == first
    assert reg.sources()[1].entity_id == "E1"


def test_normalise() -> None:
    assert normalise("the [SOHR]") == "sohr"


def test_described_party_goes_by_its_appositive_name() -> None:
    words = ["the", "shipping", "company", "Delta", "Marine"]
    doc = build(
        words,
        [2, 2, 2, 4, 2],
        ["det", "compound", "ROOT", "compound", "appos"],
        ["DET", "NOUN", "NOUN", "PROPN", "PROPN"],
    )
    doc.ents = [Span(doc, 3, 5, label="ORG")]
    info = describe(doc[0:5], doc[2])
    assert (info.name, info.role, info.anaphor) == ("Delta Marine", "shipping company", None)
    assert info.type is SourceType.ORGANISATION


def test_title_before_a_name_makes_a_person_without_affiliation() -> None:
    doc = build(
        ["Mayor", "Ilse", "Varga"],
        [2, 2, 2],
        ["compound", "compound", "ROOT"],
        ["PROPN", "PROPN", "PROPN"],
    )
    doc.ents = [Span(doc, 1, 3, label="ORG")]  # a recogniser's mistake the title corrects
    info = describe(doc[0:3], doc[2])
    assert (info.name, info.type, info.role, info.affiliation) == (
        "Ilse Varga",
        SourceType.PERSON,
        "Mayor",
        None,
    )


def test_a_headline_line_does_not_type_the_next_line() -> None:
    words = ["Report", "\n", "Border", "officials"]
    doc = build(
        words,
        [3, 0, 3, 3],
        ["compound", "dep", "compound", "ROOT"],
        ["PROPN", "SPACE", "PROPN", "NOUN"],
    )
    info = describe(doc[2:4], doc[3])
    assert info.type is SourceType.ANONYMOUS


def test_a_number_that_belongs_to_a_name_stays_in_it() -> None:
    doc = build(["Kordon", "24"], [0, 0], ["ROOT", "nummod"], ["PROPN", "NUM"])
    assert describe(doc[0:2], doc[0]).name == "Kordon 24"
    doc.ents = [Span(doc, 0, 1, label="ORG")]  # the recogniser left the number out
    first = describe(doc[0:2], doc[0])
    assert first.name == "Kordon 24"
    later = build(["Kordon", "24"], [0, 0], ["ROOT", "nummod"], ["PROPN", "NUM"])
    later.ents = [Span(later, 0, 2, label="ORG")]
    reg = registry()
    one = reg.add(first, text_span(doc, 0, 2), (0, 9))
    assert reg.add(describe(later[0:2], later[0]), text_span(later, 0, 2), (40, 49)) == one
    assert [s.name for s in reg.sources()[1:]] == ["Kordon 24"]
    inner = build(
        ["on", "Route", "66", "Radio"],
        [0, 3, 1, 0],
        ["ROOT", "compound", "nummod", "pobj"],
        ["ADP", "PROPN", "NUM", "PROPN"],
    )
    assert describe(inner[1:4], inner[3]).name == "Route 66 Radio"


def test_a_number_of_another_word_is_not_part_of_the_name() -> None:
    doc = build(
        ["Kordon", "said", "24", "boats", "sank"],
        [1, 1, 3, 4, 1],
        ["nsubj", "ROOT", "nummod", "nsubj", "ccomp"],
        ["PROPN", "VERB", "NUM", "NOUN", "VERB"],
    )
    assert describe(doc[0:1], doc[0]).name == "Kordon"
