"""Place extraction: geometry, relative phrases, and resolution in context (own fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.extract import places, places_focus, places_hidden
from claimtrace.extract.places import Candidate, destination, extract_places, haversine_km
from claimtrace.gazetteer import build
from claimtrace.gazetteer.index import Gazetteer
from claimtrace.gazetteer.records import GazPlace, SourceRecord
from claimtrace.model import PlaceMention, PlaceRole, Source, SourceType, TextSpan
from handmade import make_doc


def test_haversine_known_distance() -> None:
    # One degree of latitude is ~111.2 km everywhere.
    assert haversine_km(10.0, 30.0, 11.0, 30.0) == pytest.approx(111.19, abs=0.1)
    assert haversine_km(5.0, 5.0, 5.0, 5.0) == 0.0


@pytest.mark.parametrize("bearing", [0.0, 90.0, 180.0, 270.0, 45.0])
def test_destination_is_the_requested_distance_away(bearing: float) -> None:
    lat, lon = destination(34.0, 44.0, bearing, 30.0)
    assert haversine_km(34.0, 44.0, lat, lon) == pytest.approx(30.0, rel=1e-6)


def test_destination_east_keeps_latitude_and_grows_longitude() -> None:
    lat, lon = destination(34.0, 44.0, 90.0, 30.0)
    assert lat == pytest.approx(34.0, abs=0.01) and lon > 44.3


def test_destination_wraps_the_antimeridian() -> None:
    _, lon = destination(0.0, 179.9, 90.0, 50.0)
    assert -180.0 <= lon < -179.0


@pytest.mark.parametrize(
    ("before", "km", "direction"),
    [
        ("a camp 25 kilometers north of ", "25", "north"),
        ("some 12 km south-west of ", "12", "south-west"),
        ("about 40 miles to the east of ", "40", "east"),
    ],
)
def test_relative_phrase_is_read(before: str, km: str, direction: str) -> None:
    text = before + "Mosul"
    match = places.relative_phrase(text, len(before))
    assert match is not None
    assert (match.group("dist"), match.group("dir").lower()) == (km, direction)


def test_no_relative_phrase_without_a_unit() -> None:
    text = "the 3 east of Mosul"
    assert places.relative_phrase(text, 14) is None


def _cand(text: str, name: str) -> Candidate:
    start = text.index(name)
    return Candidate(start, start + len(name), name, "GPE")


@pytest.mark.parametrize(
    ("text", "inner", "outer", "contained"),
    [
        ("the town of Tal Afar in the western province of Nineveh", "Tal Afar", "Nineveh", True),
        ("Springfield, Illinois", "Springfield", "Illinois", True),
        ("Mosul and Basra", "Mosul", "Basra", False),
    ],
)
def test_container_of(text: str, inner: str, outer: str, contained: bool) -> None:
    cands = [_cand(text, inner), _cand(text, outer)]
    assert (places.container_of(text, cands, 0) == 1) is contained


def gp(name: str, lat: float, lon: float, cc: str, admin1: str, pop: int, **kw: str) -> GazPlace:
    return GazPlace(
        None,
        name,
        lat,
        lon,
        cc,
        admin1,
        kw.get("fclass", "P"),
        kw.get("fcode", "PPL"),
        pop,
        float(kw.get("radius", "5")),
    )


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A made-up world: two Springfields, a Zaranj in two countries, and a few regions."""
    records = [
        SourceRecord(gp("Zaranj", 31.0, 61.9, "AF", "19", 160_000), ("Zaranj",)),
        SourceRecord(gp("Zaranj", 33.0, 45.0, "IQ", "10", 2_000), ("Zaranj",)),
        SourceRecord(gp("Mosul", 36.34, 43.13, "IQ", "15", 1_700_000), ("Mosul",)),
        SourceRecord(
            gp("Baghdad", 33.34, 44.40, "IQ", "07", 7_000_000, fcode="PPLC"), ("Baghdad",)
        ),
        SourceRecord(gp("Moscow", 55.75, 37.62, "RU", "48", 10_000_000, fcode="PPLC"), ("Moscow",)),
        SourceRecord(
            gp("Iraq", 33.0, 44.0, "IQ", "", 38_000_000, fclass="A", fcode="PCLI", radius="370"),
            ("Iraq",),
        ),
        SourceRecord(
            gp(
                "Russia",
                60.0,
                100.0,
                "RU",
                "",
                140_000_000,
                fclass="A",
                fcode="PCLI",
                radius="2000",
            ),
            ("Russia",),
        ),
        SourceRecord(
            gp("Nineveh", 36.0, 42.5, "IQ", "15", 0, fclass="A", fcode="ADM1", radius="150"),
            ("Nineveh", "Nineveh Governorate"),
        ),
        SourceRecord(
            gp("Qalat Hills", 35.0, 43.0, "IQ", "", 0, fclass="T", fcode="HLLS", radius="30"),
            ("Qalat Hills",),
        ),
        SourceRecord(gp("Kharab", 35.5, 43.5, "IQ", "15", 300), ("Kharab",)),
    ]
    path = tmp_path_factory.mktemp("gaz") / "test.sqlite"
    build.write_index(path, records, {("IQ", "15"): (36.0, 42.5, 150.0)}, [("Iraqi", "IQ")])
    return Gazetteer(path)


def by_text(mentions: tuple[PlaceMention, ...], text: str) -> PlaceMention:
    for mention in mentions:
        if mention.span.text == text:
            return mention
    raise AssertionError(f"{text!r} not among {[m.span.text for m in mentions]}")


@pytest.mark.model
def test_country_focus_picks_the_homonym_in_that_country(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iraqi police said gunmen attacked a checkpoint in Zaranj on Monday. "
        "Officials in Baghdad and Mosul said Iraq would send more troops."
    )
    zaranj = by_text(extract_places(nlp(text), gazetteer), "Zaranj")
    assert zaranj.country_code == "IQ" and zaranj.role == "event_location"


@pytest.mark.model
def test_without_context_population_wins(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    zaranj = by_text(extract_places(nlp("Traders gathered in Zaranj."), gazetteer), "Zaranj")
    assert zaranj.country_code == "AF"


@pytest.mark.model
def test_demonym_is_never_an_event_location(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = extract_places(nlp("The Iraqi army moved north of Mosul."), gazetteer)
    iraqi = by_text(mentions, "Iraqi")
    assert iraqi.role is PlaceRole.DEMONYM and iraqi.country_code == "IQ"
    assert iraqi.feature_code == "PCLI" and iraqi.resolved


@pytest.mark.model
def test_capital_as_speaker_is_metonymy(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = extract_places(nlp("Moscow denied the report on Tuesday."), gazetteer)
    assert by_text(mentions, "Moscow").role == "metonymy"


@pytest.mark.model
def test_relative_location_moves_the_point(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Fighting was reported in the Qalat Hills, 40 kilometers north of Mosul, on Friday."
    mentions = extract_places(nlp(text), gazetteer)
    hills = by_text(mentions, "Qalat Hills")
    mosul = by_text(mentions, "Mosul")
    assert hills.relation is not None and hills.relation.anchor_id == mosul.id
    assert hills.relation.text == "40 kilometers north of Mosul"
    assert (hills.relation.kind, hills.relation.distance_km) == ("offset", 40.0)
    assert hills.relation.bearing_deg == 0.0
    assert hills.lat is not None and hills.lon is not None
    assert haversine_km(36.34, 43.13, hills.lat, hills.lon) == pytest.approx(40.0, abs=0.5)
    assert hills.lat > 36.34 and hills.uncertainty_km == pytest.approx(12.0)
    assert mosul.role is PlaceRole.REFERENCE and hills.role is PlaceRole.EVENT_LOCATION


@pytest.mark.model
def test_relative_location_without_a_named_target(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "A convoy was hit 20 km west of Mosul yesterday."
    relative = [m for m in extract_places(nlp(text), gazetteer) if m.feature == "relative"]
    assert len(relative) == 1 and relative[0].span.text == "20 km west of Mosul"
    assert relative[0].lon is not None and relative[0].lon < 43.13
    assert relative[0].uncertainty_km == 6.0


@pytest.mark.model
def test_unknown_village_takes_its_province(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Three men were detained in the village of Kharbutli in the western province of Nineveh."
    mentions = extract_places(nlp(text), gazetteer)
    village = by_text(mentions, "Kharbutli")
    province = by_text(mentions, "Nineveh")
    assert not village.resolved and village.relation is not None
    assert (village.relation.kind, village.relation.anchor_id) == ("inside", province.id)
    assert (village.lat, village.lon) == (36.0, 42.5) and village.uncertainty_km == 150.0
    assert province.role == "admin_context" and province.feature == "admin1"


@pytest.mark.model
def test_near_widens_the_radius(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = extract_places(nlp("Shells fell near the city of Mosul."), gazetteer)
    mosul = by_text(mentions, "Mosul")
    assert mosul.uncertainty_km == 10.0 and mosul.relation is not None
    assert (mosul.relation.kind, mosul.relation.text) == ("near", "near Mosul")


@pytest.mark.model
def test_unresolvable_place_does_not_empty_the_rest(nlp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    mentions = extract_places(nlp("Protests spread from Atlantis to Baghdad."), gazetteer)
    assert by_text(mentions, "Baghdad").resolved
    assert [m.id for m in mentions] == sorted({m.id for m in mentions}, key=lambda i: int(i[1:]))


SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed-article.txt"


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed-article.txt is absent")
def test_seed_article_places(nlp) -> None:  # type: ignore[no-untyped-def]
    mentions = extract_places(nlp(SEED.read_text(encoding="utf-8")))
    named = {m.span.text: m for m in mentions}
    for name, (lat, lon) in {"Baquba": (33.754, 44.605), "Deir Ezzor": (35.336, 40.141)}.items():
        mention = named[name]
        assert mention.lat is not None and mention.lon is not None
        assert haversine_km(lat, lon, mention.lat, mention.lon) < 10, name
    assert named["Kirkuk"].country_code == "IQ"
    canaan = named["Canaan Desert"]
    expected = destination(33.754, 44.605, 90.0, 30.0)
    assert canaan.lat is not None and canaan.lon is not None
    assert haversine_km(*expected, canaan.lat, canaan.lon) < 5
    assert named["Iraq"].feature == "country" and named["Syria"].feature == "country"
    assert named["Iraqi"].role == "demonym"


def test_mislabelled_name_after_a_locative_word_is_a_candidate() -> None:
    doc = make_doc(
        "Shells|NNS fell|VBD near|IN Mosul|NNP||||ORG and|CC Reuters|NNP||||ORG said|VBD so|RB ."
    )
    found = places.entity_candidates(doc)
    assert [(c.name, c.label) for c in found] == [("Mosul", places.MISLABELED)]


def test_the_outskirts_of_is_a_place_slot() -> None:
    doc = make_doc(
        "They|PRP hit|VBD the|DT outskirts|NNS of|IN Tal|NNP||||PERSON Afar|NNP||||PERSON"
    )
    assert [c.name for c in places.entity_candidates(doc)] == ["Tal Afar"]


@pytest.mark.parametrize(
    ("name", "focus", "kept"),
    [
        ("Mosul", None, True),  # a city of 1.7 million
        ("Nineveh", None, True),  # an admin area
        ("Kharab", None, False),  # a hamlet of 300 ...
        ("Kharab", "IQ", True),  # ... unless the article is about its country
        ("Atlantis", "IQ", False),  # not in the gazetteer
    ],
)
def test_mislabelled_names_need_a_well_known_place(
    gazetteer: Gazetteer, name: str, focus: str | None, kept: bool
) -> None:
    cand = Candidate(0, len(name), name, places.MISLABELED)
    context = places.Context(focus, frozenset())
    assert places.plausible(gazetteer, cand, context) is kept


def _mention(pid: str, start: int, text: str, resolved: bool = True) -> PlaceMention:
    return PlaceMention(
        id=pid,
        span=TextSpan(start, start + len(text), text),
        name=text,
        role=PlaceRole.EVENT_LOCATION,
        resolved=resolved,
        lat=1.0,
        lon=2.0,
        uncertainty_km=5.0,
        country_code="XX",
        admin1=None,
        feature="populated_place",
    )


def test_names_of_parties_are_not_locations() -> None:
    outlet = _mention("P1", 10, "Mosul Today", resolved=False)
    capital = _mention("P2", 40, "Baghdad")
    plain = _mention("P3", 60, "Basra")
    sources = [
        Source("S1", "Mosul Today", SourceType.MEDIA, (TextSpan(10, 21, "Mosul Today"),)),
        Source("S2", "Baghdad", SourceType.GOVERNMENT, (TextSpan(40, 47, "Baghdad"),)),
        Source("S3", "officials in Basra", SourceType.GOVERNMENT, (TextSpan(48, 65, "x" * 17),)),
    ]
    marked = places.mark_party_names((outlet, capital, plain), sources)
    assert [m.role for m in marked] == [
        PlaceRole.NOT_A_LOCATION,
        PlaceRole.METONYMY,
        PlaceRole.EVENT_LOCATION,
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "feature_class"),
    [
        ("Clashes erupted in Kirkuk on Sunday.", "Kirkuk", "P"),
        ("Two villages in the province of Kirkuk were shelled.", "Kirkuk", "A"),
        ("Shells hit Kirkuk Governorate overnight.", "Kirkuk Governorate", "A"),
    ],
)
def test_city_and_governorate_of_one_name(nlp, text: str, mention: str, feature_class: str) -> None:  # type: ignore[no-untyped-def]
    place = by_text(extract_places(nlp(text)), mention)
    assert place.feature_class == feature_class and place.country_code == "IQ"
    assert place.lat is not None and place.lon is not None
    assert haversine_km(35.4681, 44.3922, place.lat, place.lon) < 10  # the capital's point


# --- document focus, hidden names, divisions -------------------------------------------


def _town(name: str, lat: float, lon: float, admin1: str, pop: int, cc: str = "ZZ") -> GazPlace:
    return gp(name, lat, lon, cc, admin1, pop)


def test_area_focus_favours_the_division_most_names_could_lie_in() -> None:
    fairview = [
        _town("Fairview", 10.0, 10.0, "02", 50_000),
        _town("Fairview", 30.0, 30.0, "01", 5_000),
    ]
    oakdale = [_town("Oakdale", 31.0, 30.0, "01", 2_000)]
    westmark = gp("Westmark", 30.5, 30.5, "ZZ", "01", 0, fclass="A", fcode="ADM1")
    focus = places_focus.area_focus(
        ["Fairview", "Oakdale", "Westmark"], [fairview, oakdale, [westmark]], [None, None, westmark]
    )
    assert focus.weight("Fairview", ("ZZ", "01")) > 0.8
    assert focus.weight("Fairview", ("ZZ", "02")) == 0.0


def test_a_name_never_votes_for_its_own_reading() -> None:
    westmark = gp("Westmark", 30.5, 30.5, "ZZ", "01", 0, fclass="A", fcode="ADM1")
    focus = places_focus.area_focus(["Westmark"], [[westmark]], [westmark])
    assert focus.weight("Westmark", ("ZZ", "01")) == 0.0


def test_nearby_support_prefers_the_namesake_near_the_other_names() -> None:
    near = _town("Fairview", 30.0, 30.0, "01", 5_000)
    far = _town("Fairview", 10.0, 10.0, "02", 50_000)
    oakdale = _town("Oakdale", 30.2, 30.1, "01", 2_000)
    support = places_focus.nearby_support(["Fairview", "Oakdale"], [[far, near], [oakdale]])
    assert support[near] > 0.7 and support[far] == 0.0
    assert oakdale not in support  # one reading: it supports, it needs none


def test_names_listed_before_counties_are_counties() -> None:
    text = "residents of Alder, Birch or Cedar counties and of Westmark"
    cands = [_cand(text, name) for name in ("Alder", "Birch", "Cedar", "Westmark")]
    names = [c.name for c in places_hidden.listed_divisions(text, cands)]
    assert names == ["Alder County", "Birch County", "Cedar County", "Westmark"]


@pytest.mark.parametrize(
    ("name", "shorter"),
    [
        ("Northeast Westmark", ["Westmark"]),
        ("Alder County Jail", ["Alder County", "Alder"]),
        ("Port of Fairview", ["Fairview"]),
        ("Tell Qaramesh", []),  # an unknown name is no known part of it
        ("Alder River", []),  # a river is not its namesake town
        ("Fairview", []),
    ],
)
def test_shortened_names(name: str, shorter: list[str]) -> None:
    assert places._shortened_names(name) == shorter


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A made-up country ZZ with a division named like a foreign country, and a few towns."""
    records = [
        SourceRecord(
            gp("Corvania", 50.0, 10.0, "CV", "", 4_000_000, fclass="A", fcode="PCLI", radius="200"),
            ("Corvania",),
        ),
        SourceRecord(
            gp("Corvania", 30.0, 30.0, "ZZ", "01", 5_000_000, fclass="A", fcode="ADM1"),
            ("Corvania",),
        ),
        SourceRecord(_town("Fairview", 30.1, 30.1, "01", 40_000), ("Fairview",)),
        SourceRecord(_town("Oakdale", 30.3, 30.2, "01", 12_000), ("Oakdale",)),
        SourceRecord(_town("Lakemoor", 49.9, 10.2, "05", 30_000, cc="CV"), ("Lakemoor",)),
        SourceRecord(
            gp("Fen County", 30.2, 30.0, "ZZ", "01", 60_000, fclass="A", fcode="ADM2"),
            ("Fen County",),
        ),
    ]
    path = tmp_path_factory.mktemp("world") / "world.sqlite"
    build.write_index(path, records)
    return Gazetteer(path)


def test_country_named_like_a_division_splits_its_vote(world: Gazetteer) -> None:
    text = "Corvania Corvania Fairview Oakdale"
    cands = [Candidate(0, 8, "Corvania", "GPE"), Candidate(9, 17, "Corvania", "GPE")]
    cands += [_cand(text, "Fairview"), _cand(text, "Oakdale")]
    assert places.document_context(world, cands).focus == "ZZ"


def test_a_town_name_leading_an_organisation_is_a_place(world: Gazetteer) -> None:
    doc = make_doc("the|DT Fairview|NNP||||ORG Police|NNP||||ORG arrested|VBD him|PRP .|.")
    found = places_hidden.embedded_candidates(doc, world)
    assert [(c.name, c.label) for c in found] == [("Fairview", places_hidden.EMBEDDED)]


def test_a_small_town_leading_an_organisation_is_not(world: Gazetteer) -> None:
    doc = make_doc("the|DT Alder|NNP||||ORG Police|NNP||||ORG arrested|VBD him|PRP .|.")
    assert places_hidden.embedded_candidates(doc, world) == []


def test_a_town_before_a_word_for_its_people_is_a_place(world: Gazetteer) -> None:
    doc = make_doc("A|DT Fairview|NNP||||PERSON woman|NN was|VBD hurt|VBN .|.")
    found = places_hidden.local_candidates(doc, world)
    assert [(c.name, c.label) for c in found] == [("Fairview", places_hidden.LOCAL)]


def test_a_function_word_before_a_possessive_is_not(world: Gazetteer) -> None:
    doc = make_doc("He|PRP 's|VBZ back|RB .|.")
    assert places_hidden.local_candidates(doc, world) == []


def test_a_dateline_in_capitals_is_a_place(world: Gazetteer) -> None:
    doc = make_doc("FAIRVIEW|NNP ,|, Corvania|NNP --|: Roads|NNS closed|VBD .|.")
    found = places_hidden.dateline_candidates(doc, doc.text, world)
    assert [(c.name, c.label) for c in found] == [("FAIRVIEW", places_hidden.DATELINE)]


def test_hidden_name_replaces_the_mislabelled_organisation(world: Gazetteer) -> None:
    doc = make_doc("from|IN Fairview|NNP||||ORG Police|NNP||||ORG .|.")
    org = Candidate(5, 20, "Fairview Police", places.MISLABELED)
    found = places_hidden.hidden_candidates(doc, doc.text, world, [org], places.MISLABELED)
    assert [c.name for c in found] == ["Fairview"]


def test_a_division_yields_to_the_town_of_its_name_unless_the_text_says_county() -> None:
    town = _town("Fen", 30.0, 30.0, "01", 20_000)
    county = gp("Fen", 31.0, 31.0, "ZZ", "01", 90_000, fclass="A", fcode="ADM2")
    context = places.Context(None, frozenset())
    assert places.best_place([county, town], Candidate(0, 3, "Fen", "GPE"), context) == town


def test_a_place_abroad_within_the_focus_country_reach_gains(world: Gazetteer) -> None:
    home = world.country("CV")
    lakemoor = world.lookup("Lakemoor")[0]
    context = places.Context("ZZ", frozenset(), home=home)
    assert places._borders_focus(lakemoor, context)
    assert not places._borders_focus(world.lookup("Fairview")[0], context)


@pytest.mark.model
def test_state_abbreviation_and_local_towns_pick_the_us_namesake(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Storms knocked down trees in Paris, Texas, on Monday. Crews from Reno and "
        "Lamar County worked through the night, a Paris official said."
    )
    found = extract_places(nlp(text))
    paris = by_text(found, "Paris")
    assert paris.country_code == "US" and paris.admin1 == "TX"


def test_a_surname_of_the_text_is_the_person_not_a_small_town(world: Gazetteer) -> None:
    doc = make_doc(
        "Mayor|NNP Jo|NNP||||PERSON Oakdale|NNP||||PERSON spoke|VBD .|.",
        "Oakdale|NNP||||GPE said|VBD no|UH .|.",
    )
    people = places.surnames(doc)
    assert people == {"oakdale"}
    assert places.is_person(world, "Oakdale", people)  # a town of 12,000 ...
    assert not places.is_person(world, "Corvania", frozenset({"corvania"}))  # ... not a country
    assert not places.is_person(world, "Fairview", people)  # no person of that name here


def test_a_curated_region_beats_a_small_namesake_in_the_focus_country() -> None:
    region = gp("Far Coast", 30.0, 40.0, "", "", 0, fclass="L", fcode="RGN", radius="900")
    town = GazPlace(7, "Far Coast", 39.0, -76.0, "US", "MD", "P", "PPL", 800, 3.0)
    context = places.Context("US", frozenset())
    chosen = places.best_place([town, region], Candidate(0, 9, "Far Coast", "LOC"), context)
    assert chosen == region


def test_a_name_inside_an_organisation_counts_only_in_the_focus_country() -> None:
    from claimtrace.extract.places import Context, _keeps
    from claimtrace.extract.places_hidden import EMBEDDED, Candidate

    sudan = Context("SD", frozenset({"SD"}))
    inside = Candidate(0, 8, "Maritime", EMBEDDED)
    region_abroad = gp("Maritime", 6.4, 1.4, "TG", "22", 3_000_000, fclass="A", fcode="ADM1")
    region_here = gp("Red Sea", 19.7, 37.0, "SD", "36", 1_000_000, fclass="A", fcode="ADM1")
    country = gp("Togo", 8.0, 1.2, "TG", "00", 8_000_000, fclass="A", fcode="PCLI")
    assert not _keeps(inside, region_abroad, sudan)
    assert _keeps(inside, region_here, sudan)
    assert _keeps(inside, country, sudan)
    assert not _keeps(inside, None, sudan)
    assert _keeps(Candidate(0, 8, "Maritime", "GPE"), region_abroad, sudan)
    assert _keeps(inside, region_abroad, Context(None, frozenset()))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("A fire broke out at the Tobruk fuel depot on Monday.", "Tobruk", "event_location"),
        ("Patients were moved to a Mosul hospital overnight.", "Mosul", "event_location"),
        ("The Mosul governor said the road was closed.", "Mosul", "attributive"),
        ("Two rockets hit a US base near the border.", "US", "attributive"),
    ],
)
def test_a_town_naming_a_site_is_where_it_happened(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert by_text(extract_places(nlp(text)), name).role == role
