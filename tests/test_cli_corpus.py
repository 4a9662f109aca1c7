"""The corpus commands (crossref, claims, sources, cluster, export) through the CLI.

The model tests fill a store, on SQLite and on PostgreSQL, from the 33 written articles of
tests/fixtures/crossref/articles.jsonl and check the same clusters, origins, independence
counts and circular-reporting flags through the commands' JSON. The other tests use handmade
articles: errors, empty results and exports read back.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from prov.model import ProvDocument

from claimtrace import cli
from claimtrace.corpus import open_store
from claimtrace.export import load_schema
from test_crossref_handmade import Said, article
from test_crossref_rules import circular_corpus, independent_corpus
from test_crossref_store import add

CORPUS = Path(__file__).parent / "fixtures" / "crossref" / "articles.jsonl"
COMMANDS = ("crossref", "claims", "sources", "cluster", "export")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.claimtrace, list(args))


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def handmade_db(tmp_path: Path) -> str:
    """A SQLite store of the handmade circular and independent stories."""
    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        add(store, [*circular_corpus(), *independent_corpus()])
    return path


# --- help and README ------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_has_help_with_an_example_and_a_readme_entry(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"claimtrace {name}" in result.output
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"claimtrace {name}" in readme


def test_readme_lists_the_new_error_codes() -> None:
    from claimtrace.errors import NoDatabase, UnknownCluster, UnknownSourceType

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for error in (NoDatabase, UnknownCluster, UnknownSourceType):
        assert f"| {error.code} |" in readme


# --- errors and empty results ---------------------------------------------------------------


def test_a_missing_database_is_one_error_line_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    for args in (["claims"], ["sources"], ["cluster", "K1"], ["export", "--format", "csv"]):
        result = invoke(*args, "--db", str(path))
        assert result.exit_code == 5, result.output
        assert result.stderr.startswith("error [CT404]: no corpus database at")
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "code", "status"),
    [
        (["claims", "--since", "last spring"], "CT110", 2),
        (["claims", "--format", "yaml"], "CT111", 2),
        (["export", "--format", "xml"], "CT111", 2),
        (["cluster", "K000000000000"], "CT117", 2),
        (["sources", "--type", "rumour"], "CT118", 2),
    ],
)
def test_bad_arguments_are_one_error_line(
    handmade_db: str, args: list[str], code: str, status: int
) -> None:
    result = invoke(*args, "--db", handmade_db)
    assert result.exit_code == status
    assert result.stderr.startswith(f"error [{code}]")
    assert "Traceback" not in result.output


def test_an_unknown_cluster_in_json_is_the_error_payload(handmade_db: str) -> None:
    result = invoke("cluster", "Knope", "--db", handmade_db, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["error"]["code"] == "CT117"
    assert payload["status"] == 404


def test_no_match_is_said_on_stderr_with_status_zero(handmade_db: str) -> None:
    result = invoke("claims", "--about", "zebra crossing", "--db", handmade_db)
    assert result.exit_code == 0
    assert result.stdout == "" and "no claims match" in result.stderr
    result = invoke("claims", "--about", "zebra crossing", "--db", handmade_db, "--format", "json")
    assert json.loads(result.stdout) == {"claims": []}
    assert "no claims match" in result.stderr
    result = invoke("sources", "--type", "document", "--db", handmade_db)
    assert result.exit_code == 0 and "no sources match" in result.stderr


# --- the commands on handmade articles ----------------------------------------------------------


def test_crossref_runs_once_then_reports_no_change(handmade_db: str) -> None:
    first = as_json(invoke("crossref", "--db", handmade_db, "--format", "json"))
    assert first["ran"] and first["articles"] == 8 and first["added"] == first["clusters"]
    again = as_json(invoke("crossref", "--db", handmade_db, "--format", "json"))
    assert not again["ran"] and again["clusters"] == first["clusters"]
    text = invoke("crossref", "--db", handmade_db, "--force").stdout
    assert "added 0, changed 0, removed 0" in text


def test_claims_text_and_json_name_outlet_source_and_cluster(handmade_db: str) -> None:
    claims = as_json(invoke("claims", "--db", handmade_db, "--format", "json"))["claims"]
    by_name = {claim["input_name"]: claim for claim in claims}
    assert set(by_name["c1"]) == {
        "key", "text", "source", "source_type", "outlet", "published", "url", "input_name",
        "certainty", "cluster", "independent_origins", "circular",
    }  # fmt: skip
    assert by_name["c1"]["cluster"] == by_name["c5"]["cluster"]
    assert (by_name["c1"]["independent_origins"], by_name["c1"]["circular"]) == (1, True)
    assert by_name["i2"]["independent_origins"] == 2
    text = invoke("claims", "--db", handmade_db).stdout
    assert "2024-05-06  Morning Signal  Kordon 24 [social_media]" in text
    assert f"{by_name['c1']['cluster']} (1 independent)" in text


def test_cluster_text_shows_origins_flags_and_join_reasons(handmade_db: str) -> None:
    claims = as_json(invoke("claims", "--db", handmade_db, "--format", "json"))["claims"]
    key = next(c["cluster"] for c in claims if c["input_name"] == "c3")
    text = invoke("cluster", key, "--db", handmade_db).stdout
    assert "Independent origins: 1" in text and "Flags: circular, single_origin" in text
    assert "First appearance: 2024-05-06" in text
    assert "Plains Gazette <- Harbor Ledger <- Kordon 24" in text
    assert "Joined because:" in text


def test_sources_with_counts(handmade_db: str) -> None:
    sources = as_json(invoke("sources", "--db", handmade_db, "--format", "json"))["sources"]
    ngo = next(s for s in sources if s["name"] == "Kestrian Monitor for Civil Rights")
    assert (ngo["type"], ngo["articles"], ngo["outlets"], ngo["claims"]) == ("ngo", 2, 2, 2)
    text = invoke("sources", "--type", "person", "--db", handmade_db).stdout
    assert text == "Jana Pell [person]: 1 articles, 1 outlets, 1 claims, 0 mentions\n"


def test_exports_read_back(handmade_db: str, tmp_path: Path) -> None:
    drafts = json.loads(invoke("export", "--format", "claimreview", "--db", handmade_db).stdout)
    circular = next(d for d in drafts if len(d["itemReviewed"]["appearance"]) == 5)
    assert circular["@type"] == "ClaimReview" and "reviewRating" not in circular
    assert circular["itemReviewed"]["firstAppearance"]["datePublished"] == "2024-05-06"
    out = tmp_path / "prov.json"
    result = invoke("export", "--format", "prov", "--db", handmade_db, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    doc = ProvDocument.deserialize(content=out.read_text(encoding="utf-8"), format="json")
    records = {type(r).__name__ for r in doc.get_records()}
    assert {"ProvAgent", "ProvEntity", "ProvAttribution", "ProvDerivation"} <= records
    rows = list(
        csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--db", handmade_db).stdout))
    )
    assert len(rows) == 8 and rows[0]["article_id"] and rows[0]["claim_id"] == "C1"
    lines = invoke("export", "--format", "jsonl", "--db", handmade_db).stdout.splitlines()
    assert len(lines) == 8 and all(json.loads(line)["claims"] for line in lines)


def test_geojson_export_holds_every_located_place(tmp_path: Path) -> None:
    path = str(tmp_path / "places.db")
    said = Said("Shelling damaged the Arvo bridge on Monday", place=("Arvo", 48.5, 35.25))
    with open_store(path) as store:
        add(store, [article("g1", "Inland Post", "2024-06-03", said)])
    collection = json.loads(invoke("export", "--format", "geojson", "--db", path).stdout)
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [35.25, 48.5]}
    assert feature["properties"]["name"] == "Arvo" and feature["properties"]["article_id"]
    assert collection["properties"]["articles"][0]["publisher"] == "Inland Post"


# --- the 33-article corpus on SQLite and PostgreSQL ----------------------------------------------


@pytest.fixture(scope="module")
def report_dicts() -> list[tuple[str, dict[str, Any]]]:
    """The corpus analysed once by the model: (article id, report dict)."""
    import claimtrace
    from claimtrace.export import report_to_dict

    found = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        report = claimtrace.analyze(
            row["text"],
            published=row["published"],
            url=row["url"],
            title=row["title"],
            publisher=row["publisher"],
        )
        assert not report.failures, (row["id"], report.failures)
        found.append((row["id"], report_to_dict(report)))
    return found


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    report_dicts: list[tuple[str, dict[str, Any]]],
) -> Iterator[str]:
    """A store of the analysed corpus: a SQLite file or a scratch PostgreSQL database."""
    from store_fixtures import NO_POSTGRES, POSTGRES_ENV, scratch_postgres

    if request.param == "sqlite":
        databases: Iterator[str] = iter([str(tmp_path_factory.mktemp("corpus") / "corpus.db")])
    else:
        server = os.environ.get(POSTGRES_ENV)
        if not server:
            pytest.skip(NO_POSTGRES)
        databases = scratch_postgres(server)
    for db in databases:
        with open_store(db) as store:
            for name, data in report_dicts:
                store.add_report_dict(data, name)
        yield db


@pytest.fixture(scope="module")
def claims(corpus_db: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = as_json(invoke("claims", "--db", corpus_db, "--format", "json"))[
        "claims"
    ]
    return listed


def spanning(db: str, claims: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """The cluster (as JSON) spanning the most articles of a story, with its article names."""
    counts: dict[str, set[str]] = {}
    for claim in claims:
        if claim["cluster"] and claim["input_name"].startswith(prefix):
            counts.setdefault(claim["cluster"], set()).add(claim["input_name"])
    key = max(counts, key=lambda k: (len(counts[k]), k))
    cluster: dict[str, Any] = as_json(invoke("cluster", key, "--db", db, "--format", "json"))
    names = {c["key"].split("#")[0]: c["input_name"] for c in claims}
    cluster["names"] = {names[a["article_id"]] for a in cluster["appearances"]}
    return cluster


def counted(cluster: dict[str, Any]) -> set[str]:
    return {origin["name"] for origin in cluster["origins"] if origin["counted"]}


@pytest.mark.model
def test_one_channel_echoed_by_seven_outlets_is_circular(
    corpus_db: str, claims: list[dict[str, Any]]
) -> None:
    cluster = spanning(corpus_db, claims, "circ-")
    assert cluster["names"] == {
        "circ-signal", "circ-ledger", "circ-gazette", "circ-tribune",
        "circ-sentinel", "circ-record", "circ-dispatch",
    }  # fmt: skip
    assert counted(cluster) == {"Kordon 24"}
    profile = cluster["profile"]
    assert (profile["outlets"], profile["voices"], profile["independent_origins"]) == (7, 7, 1)
    assert profile["circular"] and profile["outlets_cite_each_other"] and not profile["denied"]
    cited = {(c["outlet"], c["cited"]) for c in cluster["citations"]}
    assert {("Plains Gazette", "Harbor Ledger"), ("Capital Dispatch", "Eastern Tribune")} <= cited
    assert profile["first_appearance"]["published"] == "2024-05-06"


@pytest.mark.model
def test_two_independent_origins_and_a_denial(corpus_db: str, claims: list[dict[str, Any]]) -> None:
    cluster = spanning(corpus_db, claims, "ind-")
    assert cluster["names"] == {"ind-courier", "ind-dispatch", "ind-lakeshore"}
    assert counted(cluster) == {"Kestrian Monitor for Civil Rights", "Jana Pell"}
    profile = cluster["profile"]
    assert profile["independent_origins"] == 2
    assert not profile["circular"] and not profile["single_origin"] and profile["denied"]
    assert "ostrel" in cluster["places"]


@pytest.mark.model
def test_an_outlet_citing_an_outlet_leads_to_its_source(
    corpus_db: str, claims: list[dict[str, Any]]
) -> None:
    cluster = spanning(corpus_db, claims, "mayor-")
    assert cluster["names"] == {"mayor-dispatch", "mayor-record"}
    (origin,) = cluster["origins"]
    assert origin["name"] == "Mira Haldt"
    assert "Riverside Record <- Capital Dispatch <- Mira Haldt" in origin["paths"]
    assert cluster["profile"]["single_origin"] and not cluster["profile"]["circular"]


@pytest.mark.model
def test_outlets_citing_each_other_are_a_loop(corpus_db: str, claims: list[dict[str, Any]]) -> None:
    cluster = spanning(corpus_db, claims, "loop-")
    assert cluster["names"] == {"loop-gazette", "loop-signal"}
    assert cluster["profile"]["citation_loop"] and cluster["profile"]["circular"]
    assert [o["type"] for o in cluster["origins"]] == ["citation_loop"]


@pytest.mark.model
def test_two_anonymous_sources_count_twice_and_one_official_once(
    corpus_db: str, claims: list[dict[str, Any]]
) -> None:
    anonymous = spanning(corpus_db, claims, "anon-")
    assert anonymous["names"] == {"anon-ledger", "anon-tribune"}
    assert {o["type"] for o in anonymous["origins"]} == {"anonymous"}
    assert anonymous["profile"]["independent_origins"] == 2
    official = spanning(corpus_db, claims, "grain-")
    assert counted(official) == {"Oren Vasko"}
    assert official["profile"]["single_origin"] and not official["profile"]["circular"]


@pytest.mark.model
def test_wire_copies_are_one_voice(corpus_db: str, claims: list[dict[str, Any]]) -> None:
    # one copy is word for word another outlet's text: still its own appearance
    cluster = spanning(corpus_db, claims, "wire-budget-")
    assert len(cluster["names"]) == 4
    profile = cluster["profile"]
    assert (profile["outlets"], profile["voices"]) == (4, 1)
    assert profile["syndicated"] and not profile["circular"]


@pytest.mark.model
def test_unrelated_stories_never_share_a_cluster(claims: list[dict[str, Any]]) -> None:
    stories: dict[str, set[str]] = {}
    for claim in claims:
        name = claim["input_name"]
        parts = name.split("-")
        story = (
            name if parts[0] == "un" else "-".join(parts[:2]) if parts[0] == "wire" else parts[0]
        )
        stories.setdefault(claim["cluster"] or name, set()).add(story)
    assert all(len(found) == 1 for found in stories.values())


@pytest.mark.model
def test_queries_and_exports_of_the_corpus(corpus_db: str, claims: list[dict[str, Any]]) -> None:
    at_ostrel = as_json(
        invoke("claims", "--place", "Ostrel", "--db", corpus_db, "--format", "json")
    )
    assert {c["input_name"] for c in at_ostrel["claims"]} >= {"ind-courier", "ind-lakeshore"}
    anonymous = as_json(
        invoke("sources", "--type", "anonymous", "--db", corpus_db, "--format", "json")
    )
    assert anonymous["sources"] and all(s["type"] == "anonymous" for s in anonymous["sources"])
    drafts = json.loads(invoke("export", "--format", "claimreview", "--db", corpus_db).stdout)
    assert len(drafts) == len({c["cluster"] for c in claims if c["cluster"]})
    assert all(d["itemReviewed"]["firstAppearance"]["datePublished"] for d in drafts)
    prov = invoke("export", "--format", "prov", "--db", corpus_db).stdout
    assert len(list(ProvDocument.deserialize(content=prov, format="json").get_records())) > 100
    lines = invoke("export", "--format", "jsonl", "--db", corpus_db).stdout.splitlines()
    assert len(lines) == 33  # word-for-word wire copies from other outlets are kept
    validator = Draft202012Validator(load_schema())
    for line in lines:
        validator.validate(json.loads(line))


@pytest.mark.model
def test_a_rerun_over_the_corpus_changes_nothing(
    corpus_db: str, claims: list[dict[str, Any]]
) -> None:
    forced = as_json(invoke("crossref", "--force", "--db", corpus_db, "--format", "json"))
    assert forced["ran"] and (forced["added"], forced["changed"], forced["removed"]) == (0, 0, 0)
    again = as_json(invoke("claims", "--db", corpus_db, "--format", "json"))["claims"]
    assert again == claims
