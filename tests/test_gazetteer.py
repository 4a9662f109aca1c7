"""The gazetteer: name normalisation, a tiny hand-built index, atomic builds, cache paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.gazetteer import build
from claimtrace.gazetteer.index import Gazetteer, GazetteerUnavailable, cache_dir, stored_hash
from claimtrace.gazetteer.names import name_key
from claimtrace.gazetteer.records import GazPlace, SourceRecord


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (("Baquba", "Baqubah", "Ba'qubah", "Ba‘qūbah"), "baquba"),
        (("Deir Ezzor", "Deir ez-Zor", "Deir al-Zor", "DEIR EZ ZOR"), "deir zor"),
        (("Ar-Raqqah", "Raqqa", "al-Raqqa"), "raqqa"),
        (("St. Louis", "Saint Louis", "Saint-Louis"), "saint louis"),
        (("The Hague", "Hague"), "hague"),
        (("Kerkük", "Kerkuk"), "kerkuk"),
        (("بعقوبة", "بعقوبه"), "بعقوبه"),
    ],
)
def test_spelling_variants_share_a_key(variants: tuple[str, ...], key: str) -> None:
    assert {name_key(variant) for variant in variants} == {key}


def test_different_places_keep_different_keys() -> None:
    assert name_key("Mosul") != name_key("Basra")
    assert name_key("Al") == "al"  # a lone article is kept, not emptied


def place(name: str, cc: str, admin1: str, population: int, **kw: object) -> GazPlace:
    defaults: dict[str, object] = {"feature_class": "P", "feature_code": "PPL", "radius_km": 5.0}
    defaults.update(kw)
    return GazPlace(
        kw.get("geonameid", 1),
        name,
        10.0,
        20.0,
        cc,
        admin1,  # type: ignore[arg-type]
        defaults["feature_class"],
        defaults["feature_code"],
        population,  # type: ignore[arg-type]
        defaults["radius_km"],  # type: ignore[arg-type]
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    records = [
        SourceRecord(place("Springfield", "US", "IL", 100_000), ("Springfield",)),
        SourceRecord(place("Springfield", "US", "MA", 150_000), ("Springfield",)),
        SourceRecord(place("Baqubah", "IQ", "10", 150_000), ("Baqubah", "Baquba", "XQV")),
        SourceRecord(
            place("Iraq", "IQ", "", 38_000_000, feature_class="A", feature_code="PCLI"), ("Iraq",)
        ),
        SourceRecord(
            place("Diyala Governorate", "IQ", "10", 0, feature_class="A", feature_code="ADM1"),
            ("Diyala Governorate",),
        ),
    ]
    path = tmp_path / "tiny.sqlite"
    build.write_index(path, records, {("IQ", "10"): (33.9, 45.0, 80.0)}, [("Iraqi", "IQ")], "h1")
    return Gazetteer(path)


def test_lookup_returns_all_homonyms_most_populous_first(tiny: Gazetteer) -> None:
    found = tiny.lookup("springfield")
    assert [p.admin1 for p in found] == ["MA", "IL"]


def test_lookup_finds_alternate_spellings(tiny: Gazetteer) -> None:
    assert [p.name for p in tiny.lookup("Ba'qubah")] == ["Baqubah"]
    assert tiny.lookup("Atlantis") == []


def test_area_answers_to_its_bare_name(tiny: Gazetteer) -> None:
    assert [p.name for p in tiny.lookup("Diyala")] == ["Diyala Governorate"]


def test_country_demonym_and_admin1_area(tiny: Gazetteer) -> None:
    iraq = tiny.country("IQ")
    assert iraq is not None and iraq.is_country
    assert tiny.demonym("Iraqi") == iraq
    assert tiny.demonym("Martian") is None
    named = tiny.admin1_area("IQ", "10")
    assert named is not None and named.name == "Diyala Governorate"
    assert tiny.admin1_area("IQ", "99") is None


def test_admin1_area_falls_back_to_city_spread(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    build.write_index(path, [], {("SY", "07"): (35.0, 40.5, 120.0)})
    area = Gazetteer(path).admin1_area("SY", "07")
    assert area is not None
    assert (area.lat, area.lon, area.radius_km, area.feature_code) == (35.0, 40.5, 120.0, "ADM1")


def test_stored_hash_is_read_back(tiny: Gazetteer) -> None:
    assert stored_hash(tiny.path) == "h1"
    assert stored_hash(tiny.path.parent / "missing.sqlite") is None


def test_build_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "g.sqlite"

    def writer(path: Path) -> None:
        build.write_index(path, [SourceRecord(place("Kirkuk", "IQ", "13", 1), ("Kirkuk",))])

    build.build_atomically(target, writer)
    assert [p.name for p in target.parent.iterdir()] == ["g.sqlite"]
    assert Gazetteer(target).lookup("Kirkuk")[0].name == "Kirkuk"


def test_failed_build_keeps_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"

    def broken(path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        build.build_atomically(target, broken)
    assert list(tmp_path.iterdir()) == []


def test_opening_garbage_raises_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    with pytest.raises(GazetteerUnavailable) as info:
        Gazetteer(bad)
    assert info.value.code == "CT210"


def test_cache_dir_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMTRACE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("CLAIMTRACE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "claimtrace"


def test_spread_centre_ignores_outliers() -> None:
    points = [(40.0 + i * 0.01, -90.0) for i in range(100)] + [(20.0, -155.0)]
    lat, lon, radius = build.spread_centre(points)
    assert 40.0 < lat < 41.0 and lon == -90.0 and radius >= 10.0


def test_curated_files_parse_and_have_valid_coordinates() -> None:
    rows = build.read_tsv("regions.tsv")
    assert len(rows) > 30
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert float(row["radius_km"]) > 0
    assert {row["country"] for row in build.read_tsv("demonyms.tsv")} >= {"IQ", "SY", "US"}


def test_source_hash_is_stable() -> None:
    assert build.source_hash() == build.source_hash()
    assert len(build.source_hash()) == 16


def test_real_gazetteer_resolves_variants() -> None:
    """Builds the full index on first use (~1 min); then opens it in milliseconds."""
    gazetteer = Gazetteer.open()
    baquba = gazetteer.lookup("Ba'qubah")
    assert baquba and baquba[0].geonameid == 97990
    assert gazetteer.lookup("Deir Ezzor")[0].geonameid == 170794
    hamrin = gazetteer.lookup("Hamrin Mountains")
    assert hamrin and hamrin[0].feature_class == "T"


def test_admin_area_is_placed_at_its_capital() -> None:
    row = {"lat": "35.4", "lon": "44.3", "radius_km": "70"}
    capital = GazPlace(1, "Kirkuk", 35.468, 44.392, "IQ", "13", "P", "PPLA", 600_000, 20.0)
    lat, lon, radius = build.admin_centre(row, capital)
    assert (lat, lon) == (35.468, 44.392)
    assert radius == pytest.approx(70 + 11.3, abs=0.3)  # still covers the area around the centre


def test_curated_areas_take_their_capital_regions_keep_their_centre() -> None:
    kirkuk = GazPlace(1, "Kirkuk", 35.468, 44.392, "IQ", "13", "P", "PPLA", 600_000, 20.0)
    erbil = GazPlace(2, "Erbil", 36.19, 44.01, "IQ", "11", "P", "PPLA", 900_000, 20.0)
    capitals = {("IQ", "kirkuk"): kirkuk, ("IQ", "erbil"): erbil}
    records = {record.place.name: record.place for record in build.curated_records(capitals)}
    governorate = records["Kirkuk Governorate"]
    assert (governorate.lat, governorate.lon, governorate.admin1) == (35.468, 44.392, "13")
    assert governorate.feature_code == "ADM1" and governorate.radius_km > 70
    region = records["Kurdistan Region"]  # a region (class L), not an admin area
    assert (region.lat, region.lon, region.admin1) == (36.4, 44.3, "11")
    assert records["Diyala"].admin1 == ""  # its capital is not among the given places


def test_real_gazetteer_places_a_governorate_at_its_capital() -> None:
    gazetteer = Gazetteer.open()
    governorate = next(p for p in gazetteer.lookup("Kirkuk") if p.feature_code == "ADM1")
    city = next(p for p in gazetteer.lookup("Kirkuk") if p.feature_class == "P")
    assert (governorate.lat, governorate.lon) == (city.lat, city.lon)


def test_extent_centre_is_the_middle_of_the_area_not_of_its_towns() -> None:
    # Most towns crowd the southern edge; a few reach far north.
    points = [(42.0 + i * 0.01, -80.0) for i in range(90)] + [(42.0 + i, -80.0) for i in range(10)]
    spread_lat, _, _ = build.spread_centre(points)
    extent_lat, _, _ = build.extent_centre(points)
    assert spread_lat < 43.0 < 45.0 < extent_lat


def test_second_level_divisions_answer_only_to_their_full_name() -> None:
    assert build.index_keys("Laurel County", "A", "ADM2") == {"laurel county"}
    assert build.index_keys("Diyala Province", "A", "ADM1") == {"diyala province", "diyala"}


def _city(gid: int, name: str, lat: float, lon: float, admin1: str, pop: int) -> dict[str, object]:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": "ZZ",
        "population": pop,
        "admin1code": admin1,
        "alternatenames": [],
    }


def test_divisions_are_grouped_from_named_town_rows() -> None:
    from claimtrace.gazetteer import areas

    cities = {
        "1": _city(1, "Alderton", 10.0, 20.0, "07", 5_000),
        "2": _city(2, "Brackley", 12.0, 22.0, "07", 3_000),
        "3": _city(3, "Corvale", 30.0, 40.0, "08", 900),
    }
    rows = [
        {
            "lat": "10.0",
            "lon": "20.0",
            "name": "Alderton",
            "admin1": "Westmark",
            "admin2": "Fen County",
            "cc": "ZZ",
        },
        {
            "lat": "12.0",
            "lon": "22.0",
            "name": "Brackley",
            "admin1": "Westmark",
            "admin2": "",
            "cc": "ZZ",
        },
        {
            "lat": "30.0",
            "lon": "40.0",
            "name": "Corvale",
            "admin1": "Corvale",
            "admin2": "",
            "cc": "ZZ",
        },
    ]
    first, second = areas.group_divisions(rows, cities)
    westmark = first[("ZZ", "Westmark")]
    assert westmark.code() == "07" and westmark.population == 8_000 and len(westmark.points) == 2
    assert second[("ZZ", "Westmark", "Fen County")].population == 5_000
    assert first[("ZZ", "Corvale")].code() == "08"


def test_us_state_named_like_the_capital_answers_only_to_its_long_name() -> None:
    states = {
        "WA": {"code": "WA", "name": "Washington", "geonameid": 1},
        "OR": {"code": "OR", "name": "Oregon", "geonameid": 2},
    }
    by_admin1 = {("US", "WA"): [(47.0, -120.0)], ("US", "OR"): [(44.0, -120.5)]}
    records = {r.place.name: r for r in build.us_state_records(states, by_admin1, {}, "Washington")}
    assert records["Washington"].exact and "Washington" not in records["Washington"].names
    assert "Washington State" in records["Washington"].names
    assert not records["Oregon"].exact and "Ore." in records["Oregon"].names


def test_exact_records_are_not_indexed_under_a_shortened_name(tmp_path: Path) -> None:
    place = GazPlace(1, "Westmark", 1.0, 2.0, "ZZ", "07", "A", "ADM1", 10, 50.0)
    town = GazPlace(2, "Westmark", 1.5, 2.5, "ZZ", "07", "P", "PPLC", 5, 5.0)
    records = [
        SourceRecord(place, ("Westmark State",), exact=True),
        SourceRecord(town, ("Westmark",)),
    ]
    build.write_index(tmp_path / "g.sqlite", records)
    gazetteer = Gazetteer(tmp_path / "g.sqlite")
    assert [p.feature_class for p in gazetteer.lookup("Westmark")] == ["P"]
    assert [p.feature_class for p in gazetteer.lookup("Westmark State")] == ["A"]


def test_curated_area_named_after_its_capital_leaves_the_bare_name_to_the_city() -> None:
    kirkuk = GazPlace(1, "Kirkuk", 35.468, 44.392, "IQ", "13", "P", "PPLA", 600_000, 20.0)
    london = GazPlace(2, "London", 51.5, -0.1, "GB", "ENG", "P", "PPLC", 8_000_000, 20.0)
    populations = {("IQ", "13"): 1_500_000, ("GB", "ENG"): 50_000_000}
    governorate = {
        "name": "Kirkuk Governorate",
        "alt_names": "Kirkuk Province",
        "feature_class": "A",
    }
    england = {"name": "England", "alt_names": "", "feature_class": "A"}
    assert build._area_population({**governorate, "country": "IQ"}, kirkuk, populations) == 0
    assert build._area_population({**england, "country": "GB"}, london, populations) == 50_000_000


def test_real_gazetteer_knows_state_abbreviations_and_counties() -> None:
    gazetteer = Gazetteer.open()
    assert gazetteer.lookup("W.Va.")[0].name == "West Virginia"
    county = gazetteer.lookup("Laurel County")
    assert county and county[0].feature_code == "ADM2" and county[0].admin1 == "KY"
    assert gazetteer.lookup("Washington")[0].feature_code == "PPLC"
    ontario = next(p for p in gazetteer.lookup("Ontario") if p.country_code == "CA")
    assert ontario.is_admin1 and ontario.lat > 48.0  # the province's middle, not its south


def test_only_the_largest_town_of_a_capital_name_is_the_capital() -> None:
    cities = {
        "1": {**_city(1, "Capitol", 10.0, 20.0, "01", 600_000), "countrycode": "ZZ"},
        "2": {**_city(2, "Capitol", 12.0, 22.0, "02", 30_000), "countrycode": "ZZ"},
    }
    codes = {
        r.place.geonameid: r.place.feature_code
        for r in build.city_records(cities, {("ZZ", "Capitol")})
    }
    assert codes == {1: "PPLC", 2: "PPL"}


def test_a_new_build_removes_indexes_of_earlier_versions(tmp_path: Path) -> None:
    from claimtrace.gazetteer.index import remove_older_indexes

    current = tmp_path / "gazetteer-9.sqlite"
    for name in ("gazetteer-7.sqlite", "gazetteer-8.sqlite", "gazetteer-9.sqlite", "notes.txt"):
        (tmp_path / name).write_text("x")
    removed = remove_older_indexes(current)
    assert sorted(p.name for p in removed) == ["gazetteer-7.sqlite", "gazetteer-8.sqlite"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-9.sqlite", "notes.txt"]
