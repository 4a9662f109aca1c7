"""Coded events: the PLOVER lexicon, rules on hand-built Docs, and the reference article."""

from __future__ import annotations

import csv
import io
import tomllib
from collections import Counter
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from spacy.tokens import Doc

from claimtrace.export import load_schema, render, report_to_dict
from claimtrace.export.events import event_text
from claimtrace.export.geojson import report_to_geojson
from claimtrace.extract.events import extract_events
from claimtrace.extract.events_lexicon import load_lexicon, parse_lexicon
from claimtrace.model import (
    Attribution,
    AttributionKind,
    Certainty,
    ChainLink,
    Claim,
    Cue,
    Entity,
    Event,
    EventActor,
    Polarity,
    Report,
    Stance,
    TextSpan,
)
from handmade import make_doc, rich_report, span_of

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "ACCUSE",
    "DEMAND", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}  # fmt: skip


# --- helpers ------------------------------------------------------------------------------


def claim(doc: Doc, part: str, cid: str = "C1", **kw: Any) -> Claim:
    """A claim over ``part`` of the Doc's text, certain and unattributed unless told."""
    values: dict[str, Any] = {
        "attribution_ids": (),
        "chain": (ChainLink("Daily Test", "publisher", "S0"),),
        "asserted_by_publisher": True,
        "certainty": Certainty.CERTAIN,
        "hedges": (),
        "polarity": Polarity.POSITIVE,
        "checkworthiness": 0.8,
    }
    values.update(kw)
    return Claim(
        id=cid, span=span_of(doc.text, part), sentence=span_of(doc.text, doc.text), **values
    )


def entity(doc: Doc, eid: str, name: str, label: str = "GPE") -> Entity:
    return Entity(eid, label, name, (name,), (span_of(doc.text, name),))


def only(events: tuple[Event, ...]) -> Event:
    assert len(events) == 1, events
    return events[0]


def drone_strike(country: str) -> Doc:
    return make_doc(
        f"A|DT|a|det|3 {country}|NNP|{country}|compound|3|GPE drone|NN|drone|compound|3 "
        "strike|NN|strike|nsubj|4 killed|VBD|kill|ROOT|4 two|CD|two|nummod|6 "
        "commanders|NNS|commander|dobj|4 .|.|.|punct|4"
    )


# --- the lexicon --------------------------------------------------------------------------


def test_lexicon_codes_only_plover_types_with_two_digit_cameo_roots() -> None:
    lex = load_lexicon()
    assert set(lex.types) == PLOVER_TYPES
    codings = [*lex.verbs.values(), *lex.nouns.values()]
    assert {c.event_type for c in codings} == PLOVER_TYPES
    for coding in codings:
        assert len(coding.cameo_root) == 2 and coding.cameo_root.isdigit()
        assert coding.mode is None or coding.mode in lex.types[coding.event_type].modes


def test_lexicon_lists_each_word_once() -> None:
    text = resources.files("claimtrace.lexicons").joinpath("plover.toml").read_text("utf-8")
    data = tomllib.loads(text)
    for kind in ("verbs", "nouns"):
        words = Counter(w for group in data["triggers"] for w in group.get(kind, ()))
        assert [w for w, n in words.items() if n > 1] == [], kind


def test_transport_is_coded_as_aid_and_air_strikes_as_aerial_assault() -> None:
    lex = load_lexicon()
    for word in ("transfer", "airlift", "transport"):
        assert lex.verbs[word].event_type == "AID"
        assert lex.verbs[word].cameo_root == "07"
    assert lex.nouns["drone strike"].event_type == "ASSAULT"
    assert lex.nouns["drone strike"].mode == "aerial"
    assert lex.nouns["drone strike"].cameo_root == "19"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("triggers", 0, "type"), "FIGHTING", "unknown PLOVER event type"),
        (("triggers", 0, "mode"), "aerial", "not a mode of"),
        (("types", "AID", "cameo"), "7", "two digits"),
    ],
)
def test_lexicon_errors_name_the_bad_entry(path: tuple[Any, ...], value: str, message: str) -> None:
    text = resources.files("claimtrace.lexicons").joinpath("plover.toml").read_text("utf-8")
    data = tomllib.loads(text)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValueError, match=message):
        parse_lexicon(data)


# --- rules on hand-built Docs ---------------------------------------------------------------


def test_drone_strike_subject_gives_owner_military_actor_and_aerial_mode() -> None:
    doc = drone_strike("Kerran")
    event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E1", "Kerran")]))
    assert (event.event_type, event.mode, event.cameo_root) == ("ASSAULT", "aerial", "19")
    assert event.action.text == "killed"
    assert event.actor is not None
    assert event.actor.label == "Kerran military"
    assert event.actor.entity_id == "E1"
    assert event.actor.equipment is not None and event.actor.equipment.text == "drone"
    assert [t.label for t in event.targets] == ["commanders"]
    assert [t.span.text for t in event.targets] == ["two commanders"]


def test_rules_do_not_depend_on_which_party_acts() -> None:
    coded = []
    for country in ("Kerran", "Doran"):
        doc = drone_strike(country)
        event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E1", country)]))
        assert event.actor is not None
        coded.append((event.event_type, event.mode, event.cameo_root, event.actor.label))
    assert coded[0][:3] == coded[1][:3]
    assert (coded[0][3], coded[1][3]) == ("Kerran military", "Doran military")


def test_offsets_point_into_the_text() -> None:
    doc = drone_strike("Kerran")
    event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E1", "Kerran")]))
    assert event.actor is not None
    for span in (event.action, event.actor.span, *(t.span for t in event.targets)):
        assert doc.text[span.start : span.end] == span.text


def test_passive_agent_is_the_actor_and_the_subject_the_target() -> None:
    doc = make_doc(
        "Three|CD|three|nummod|1 villagers|NNS|villager|nsubjpass|3 were|VBD|be|auxpass|3 "
        "abducted|VBN|abduct|ROOT|3 by|IN|by|agent|3 Doran|NNP|Doran|compound|6|NORP "
        "militiamen|NNS|militiaman|pobj|4 .|.|.|punct|3"
    )
    ents = [entity(doc, "E1", "Doran", "NORP")]
    event = only(extract_events(doc, [claim(doc, doc.text)], ents))
    assert (event.event_type, event.mode, event.cameo_root) == ("ASSAULT", "abduct", "18")
    assert event.actor is not None
    assert (event.actor.label, event.actor.entity_id) == ("Doran militiamen", "E1")
    assert [t.span.text for t in event.targets] == ["Three villagers"]


def test_nominal_transfer_by_equipment_keeps_equipment_apart() -> None:
    doc = make_doc(
        "Footage|NN|footage|nsubj|1 shows|VBZ|show|ROOT|1 the|DT|the|det|3 "
        "transfer|NN|transfer|dobj|1 of|IN|of|prep|3 prisoners|NNS|prisoner|pobj|4 "
        "by|IN|by|prep|3 Kerran|NNP|Kerran|compound|8|GPE Army|NNP|army|compound|9 "
        "helicopters|NNS|helicopter|pobj|6 .|.|.|punct|1"
    )
    part = "the transfer of prisoners by Kerran Army helicopters"
    event = only(extract_events(doc, [claim(doc, part)], [entity(doc, "E1", "Kerran")]))
    assert (event.event_type, event.cameo_root, event.action.text) == ("AID", "07", "transfer")
    assert event.actor is not None
    assert event.actor.label == "Kerran military"
    assert event.actor.span.text == "Kerran Army helicopters"
    assert event.actor.equipment is not None and event.actor.equipment.text == "helicopters"
    assert [t.label for t in event.targets] == ["prisoners"]


def test_light_verb_hands_the_trigger_to_its_noun() -> None:
    doc = make_doc(
        "The|DT|the|det|2 Kerran|NNP|Kerran|compound|2|GPE army|NN|army|nsubj|3 "
        "carried|VBD|carry|ROOT|3 out|RP|out|prt|3 two|CD|two|nummod|6 "
        "airlifts|NNS|airlift|dobj|3 of|IN|of|prep|6 civilians|NNS|civilian|pobj|7 .|.|.|punct|3"
    )
    event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E1", "Kerran")]))
    assert (event.event_type, event.action.text) == ("AID", "airlifts")
    assert event.actor is not None and event.actor.label == "Kerran military"
    assert [t.label for t in event.targets] == ["civilians"]


def test_negation_sector_label_and_hedging() -> None:
    doc = make_doc(
        "Police|NNS|police|nsubj|3 did|VBD|do|aux|3 not|RB|not|neg|3 arrest|VB|arrest|ROOT|3 "
        "the|DT|the|det|5 protesters|NNS|protester|dobj|3 .|.|.|punct|3"
    )
    hedged = claim(doc, doc.text, certainty=Certainty.REPORTED)
    event = only(extract_events(doc, [hedged], []))
    assert (event.event_type, event.mode, event.cameo_root) == ("COERCE", "arrest", "17")
    assert event.negated and event.hedged
    assert event.actor is not None and event.actor.label == "police"


def test_claim_place_and_time_carry_over() -> None:
    doc = drone_strike("Kerran")
    dated = claim(doc, doc.text, place_ids=("P1", "P2"), time_id="T3")
    event = only(extract_events(doc, [dated], []))
    assert (event.place_ids, event.time_id, event.claim_id) == (("P1", "P2"), "T3", "C1")
    assert not event.negated and not event.hedged


def test_future_cooperation_is_agree_and_target_comes_from_to() -> None:
    doc = make_doc(
        "Kerran|NNP|Kerran|nsubj|2|GPE will|MD|will|aux|2 send|VB|send|ROOT|2 "
        "aid|NN|aid|dobj|2 to|IN|to|prep|2 Doran|NNP|Doran|pobj|4|GPE .|.|.|punct|2"
    )
    ents = [entity(doc, "E1", "Kerran"), entity(doc, "E2", "Doran")]
    event = only(extract_events(doc, [claim(doc, doc.text)], ents))
    assert (event.event_type, event.cameo_root, event.mode) == ("AGREE", "03", None)
    assert event.action.text == "send aid"
    assert event.actor is not None and (event.actor.label, event.actor.entity_id) == (
        "Kerran",
        "E1",
    )
    assert [(t.label, t.entity_id) for t in event.targets] == [("Doran", "E2")]


def test_publishing_a_video_is_not_a_release() -> None:
    doc = make_doc(
        "Kerran|NNP|Kerran|nsubj|1|GPE released|VBD|release|ROOT|1 a|DT|a|det|3 "
        "video|NN|video|dobj|1 .|.|.|punct|1"
    )
    assert extract_events(doc, [claim(doc, doc.text)], []) == ()


def test_coded_reporting_cue_is_a_speech_act_before_the_claimed_action() -> None:
    doc = make_doc(
        "Doran|NNP|Doran|nsubj|1|GPE accused|VBD|accuse|ROOT|1 Kerran|NNP|Kerran|dobj|1|GPE "
        "of|IN|of|prep|1 shelling|VBG|shell|pcomp|3 the|DT|the|det|6 port|NN|port|dobj|4 "
        ".|.|.|punct|1"
    )
    attribution = Attribution(
        id="A1",
        kind=AttributionKind.INDIRECT,
        source_id="S1",
        source_span=span_of(doc.text, "Doran"),
        cue=Cue(span_of(doc.text, "accused"), "accuse", Stance.DISTANCING),
        content=span_of(doc.text, "shelling the port"),
    )
    reported = claim(doc, "shelling the port", attribution_ids=("A1",))
    ents = [entity(doc, "E1", "Doran"), entity(doc, "E2", "Kerran")]
    accuse, shell = extract_events(doc, [reported], ents, [attribution])
    assert (accuse.event_type, accuse.mode, accuse.cameo_root) == ("ACCUSE", "disapprove", "11")
    assert accuse.actor is not None and accuse.actor.label == "Doran"
    assert [t.label for t in accuse.targets] == ["Kerran"]
    assert (shell.event_type, shell.mode, shell.cameo_root) == ("ASSAULT", "heavy-weapons", "19")
    assert [t.span.text for t in shell.targets] == ["the port"]
    assert (accuse.id, shell.id) == ("EV1", "EV2")


def test_threat_mode_comes_from_what_is_threatened() -> None:
    doc = make_doc(
        "Kerran|NNP|Kerran|nsubj|1|GPE threatened|VBD|threaten|ROOT|1 to|TO|to|aux|3 "
        "impose|VB|impose|xcomp|1 sanctions|NNS|sanction|dobj|3 on|IN|on|prep|3 "
        "Doran|NNP|Doran|pobj|5|GPE .|.|.|punct|1"
    )
    event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E2", "Doran")]))
    assert (event.event_type, event.mode, event.cameo_root) == ("THREATEN", "relations", "13")
    assert [t.label for t in event.targets] == ["Doran"]


@pytest.mark.parametrize(
    ("verb", "lemma", "mode", "cameo"),
    [("abducted", "abduct", "abduct", "18"), ("attacked", "attack", "firearms", "19")],
)
def test_weapon_words_refine_a_means_but_never_a_specific_act(
    verb: str, lemma: str, mode: str, cameo: str
) -> None:
    doc = make_doc(
        f"Gunmen|NNS|gunman|nsubj|1 {verb}|VBD|{lemma}|ROOT|1 two|CD|two|nummod|3 "
        "engineers|NNS|engineer|dobj|1 .|.|.|punct|1"
    )
    event = only(extract_events(doc, [claim(doc, doc.text)], []))
    assert (event.event_type, event.mode, event.cameo_root) == ("ASSAULT", mode, cameo)


def test_verbs_joined_by_and_are_events_sharing_the_subject() -> None:
    doc = make_doc(
        "Troops|NNS|troop|nsubj|1 attacked|VBD|attack|ROOT|1 and|CC|and|cc|1 "
        "burned|VBD|burn|conj|1 the|DT|the|det|5 village|NN|village|dobj|3 .|.|.|punct|1"
    )
    attack, burn = extract_events(doc, [claim(doc, doc.text)], [])
    assert (attack.event_type, attack.cameo_root) == ("ASSAULT", "19")
    assert (burn.event_type, burn.mode, burn.cameo_root) == ("ASSAULT", "destroy", "17")
    assert burn.actor is not None and burn.actor.label == "military"
    assert [t.span.text for t in burn.targets] == ["the village"]


def test_a_trigger_shared_by_two_claims_is_one_event() -> None:
    doc = drone_strike("Kerran")
    claims = [claim(doc, doc.text, "C1"), claim(doc, "strike killed two commanders", "C2")]
    assert [e.claim_id for e in extract_events(doc, claims, [])] == ["C1"]


def test_the_subject_of_faced_is_the_target_of_the_accusation() -> None:
    doc = make_doc(
        "Kerran|NNP|Kerran|nsubj|1|GPE faced|VBD|face|ROOT|1 accusations|NNS|accusation|dobj|1 "
        "of|IN|of|prep|2 spying|VBG|spy|pcomp|3 .|.|.|punct|1"
    )
    event = only(extract_events(doc, [claim(doc, doc.text)], [entity(doc, "E1", "Kerran")]))
    assert (event.event_type, event.action.text, event.actor) == ("ACCUSE", "accusations", None)
    assert [t.label for t in event.targets] == ["Kerran"]  # not the action "spying"


def test_claim_without_a_coded_action_has_no_event() -> None:
    doc = make_doc(
        "The|DT|the|det|1 mayor|NN|mayor|nsubj|2 opened|VBD|open|ROOT|2 "
        "a|DT|a|det|4 bridge|NN|bridge|dobj|2 .|.|.|punct|2"
    )
    assert extract_events(doc, [claim(doc, doc.text)], []) == ()


# --- the reference article (model) ----------------------------------------------------------

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed-article.txt"


@pytest.fixture(scope="module")
def seed_events() -> tuple[Event, ...]:
    if not SEED.exists():
        pytest.skip("../shared/corpus/seed-article.txt is absent")
    from claimtrace.ingest import load_path
    from claimtrace.nlp import load_pipeline
    from claimtrace.pipeline import analyze_doc

    document = load_path(SEED)
    nlp = load_pipeline()
    doc = nlp(document.text)
    report = analyze_doc(doc, document, nlp)
    return extract_events(doc, report.claims, report.entities, report.attributions)


def event_with(events: tuple[Event, ...], action: str) -> Event:
    for event in events:
        if event.action.text == action:
            return event
    raise AssertionError(f"no event {action!r}: {[e.action.text for e in events]}")


@pytest.mark.model
@pytest.mark.shared
def test_seed_helicopter_transfer_is_us_military_aid_to_isis_fighters(
    seed_events: tuple[Event, ...],
) -> None:
    event = event_with(seed_events, "transfer")
    assert (event.event_type, event.cameo_root) == ("AID", "07")
    assert event.actor is not None
    assert event.actor.label == "US military"
    assert event.actor.equipment is not None
    assert event.actor.equipment.text == "CH-47 Chinook helicopters"
    assert [t.label for t in event.targets] == ["Islamic State fighters"]
    assert event.hedged  # the video "allegedly" shows it


@pytest.mark.model
@pytest.mark.shared
def test_seed_drone_strike_is_aerial_assault_on_the_named_men(
    seed_events: tuple[Event, ...],
) -> None:
    event = event_with(seed_events, "killed")
    assert (event.event_type, event.mode, event.cameo_root) == ("ASSAULT", "aerial", "19")
    assert event.actor is not None and event.actor.label == "US military"
    labels = [t.label for t in event.targets]
    assert labels == ["Abu Mahdi al-Muhandes", "Qassem Soleimani"]
    assert all(t.entity_id for t in event.targets)
    assert event.time_id is not None


@pytest.mark.model
@pytest.mark.shared
def test_seed_every_transport_claim_is_aid_and_nothing_is_negated(
    seed_events: tuple[Event, ...],
) -> None:
    assert {e.event_type for e in seed_events} <= {"AID", "ASSAULT", "COOPERATE", "ACCUSE"}
    assert sum(e.event_type == "AID" for e in seed_events) >= 8
    accusations = [e for e in seed_events if e.event_type == "ACCUSE"]
    assert accusations and all(e.actor is None for e in accusations)  # nobody is named
    assert all([t.label for t in e.targets] == ["US military"] for e in accusations)
    assert not any(e.negated for e in seed_events)
    us = [e for e in seed_events if e.actor is not None and e.actor.label == "US military"]
    assert len(us) >= 5


# --- events in the report, the renderings and the exports -------------------------------------


def fire_report() -> Report:
    """The hand-built report with one event on its third claim (a fire in Kerrin)."""
    report = rich_report()
    text = report.document.text
    destroyed = Event(
        id="EV1",
        claim_id="C3",
        event_type="ASSAULT",
        action=span_of(text, "destroyed"),
        actor=None,
        targets=(EventActor(span_of(text, "two warehouses"), "warehouses"),),
        mode="destroy",
        cameo_root="17",
        place_ids=("P1",),
        time_id="T1",
    )
    return replace(report, events=(destroyed,))


def test_text_and_markdown_show_an_event_line_under_the_claim() -> None:
    line = 'ASSAULT/destroy (CAMEO 17) "destroyed": actor not stated -> warehouses'
    text = render(fire_report(), "text")
    assert f"  event: {line}\n" in text
    assert text.index(line) > text.index("[C3]")
    assert line in render(fire_report(), "markdown")
    assert "event:" not in render(rich_report(), "text")


def test_event_text_names_equipment_and_flags() -> None:
    doc = drone_strike("Kerran")
    reported = claim(doc, doc.text, certainty=Certainty.REPORTED)
    (event,) = extract_events(doc, [reported], [entity(doc, "E1", "Kerran")])
    assert event_text(replace(event, negated=True)) == (
        'ASSAULT/aerial (CAMEO 19) "killed": Kerran military with drone -> commanders; '
        "negated, hedged"
    )


def test_csv_row_takes_actor_targets_and_type_from_the_event() -> None:
    rows = list(csv.DictReader(io.StringIO(render(fire_report(), "csv"))))
    fire = next(row for row in rows if row["claim_id"] == "C3")
    assert (fire["actor1"], fire["actor2"], fire["event_type"]) == ("", "warehouses", "ASSAULT")
    first = next(row for row in rows if row["claim_id"] == "C1")
    assert (first["actor2"], first["event_type"]) == ("", "")  # no event: columns untouched


def test_geojson_places_each_event_at_its_first_located_place() -> None:
    collection = report_to_geojson(fire_report())
    (event,) = [f for f in collection["features"] if f["properties"].get("kind") == "event"]
    assert event["id"] == "EV1"
    assert event["geometry"] == {"type": "Point", "coordinates": [2.25, 41.5]}
    props = event["properties"]
    assert (props["event_type"], props["mode"], props["place_id"]) == ("ASSAULT", "destroy", "P1")
    assert props["name"] == "Kerrin"
    assert (props["claim_id"], props["when"], props["targets"]) == (
        "C3",
        "2023-06-05",
        ["warehouses"],
    )
    unplaced = replace(fire_report(), places=())
    assert [f for f in report_to_geojson(unplaced)["features"] if f["id"] == "EV1"] == []


def test_report_with_events_matches_the_schema() -> None:
    schema = load_schema()
    validator = Draft202012Validator(schema)
    data = report_to_dict(fire_report())
    assert [e["event_type"] for e in data["events"]] == ["ASSAULT"]
    assert list(validator.iter_errors(data)) == []
    data["events"][0]["event_type"] = "FIGHTING"
    assert list(validator.iter_errors(data))
    for name, record in (("event", Event), ("eventActor", EventActor)):
        names = [f.name for f in fields(record)]
        assert list(schema["$defs"][name]["properties"]) == names
        assert schema["$defs"][name]["required"] == names
    assert set(schema["$defs"]["event"]["properties"]["event_type"]["enum"]) == PLOVER_TYPES


@pytest.mark.model
def test_pipeline_runs_the_events_stage() -> None:
    from claimtrace.pipeline import analyze

    report = analyze("Gunmen kidnapped two aid workers in Lume on Monday, police said.")
    assert "events" not in {f.stage for f in report.failures}
    (event,) = report.events
    assert (event.event_type, event.mode, event.claim_id) == ("ASSAULT", "abduct", "C1")
    assert [t.span.text for t in event.targets] == ["two aid workers"]


# A reporting verb after a quotation spaCy does not see as one ('' quotes): the "seeing"
# inside the speech is a clausal complement of the cue standing before it. It must not be
# read as "X reported seeing Y", whose cue would run backwards and stop the later stages.
SEEING_BEFORE_CUE = (
    "Factory orders climbed in May.\n\n''We may finally be seeing some real recovery in "
    "manufacturing, and if it lasts, that would matter a lot,'' the analyst Maria Olsen, a "
    "former adviser at the central bank, wrote on her blog.\n\nThe ministry declined to comment."
)


@pytest.mark.model
def test_speech_before_its_cue_does_not_stop_the_later_stages() -> None:
    from claimtrace.pipeline import analyze

    report = analyze(SEEING_BEFORE_CUE, published="2024-06-03")
    assert report.failures == ()
    cues = [item.cue.span for item in report.attributions if item.cue is not None]
    assert cues and all(span.start < span.end for span in cues)
    assert any(span.text.startswith("wrote") for span in cues)


def test_an_empty_cue_gives_no_trigger() -> None:
    from claimtrace.extract.events import cue_triggers

    doc = make_doc("Olsen|NNP wrote|VBD it|PRP .|.")
    cue = Cue(TextSpan(9, 2, ""), "write", Stance.NEUTRAL)
    claim = replace(rich_report().claims[0], attribution_ids=("A1",))
    found = cue_triggers(
        doc, claim, {"A1": replace(rich_report().attributions[0], cue=cue)}, load_lexicon()
    )
    assert found == []
