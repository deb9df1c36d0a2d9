"""For programs: a valid OpenAPI 3 description of every saved query, the list of them, and headers and
files grlc can read as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from openapi_spec_validator import validate

QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def test_the_openapi_description_is_valid_and_has_every_saved_query(client, app):
    document = client.get("/openapi.json").get_json()
    validate(document)
    saved = app.extensions["jieshou_kg"].queries
    assert {f"/queries/{slug}.{{format}}" for slug in saved} <= set(document["paths"])
    operation = document["paths"]["/queries/organization-cooperates.{format}"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["org"]["required"] is True and parameters["org"]["schema"]["type"] == "string"
    assert parameters["viaAnnex"]["schema"] == {"type": "boolean", "default": True}
    assert parameters["format"]["schema"]["enum"] == ["xlsx", "csv", "json", "srj", "srx"]
    assert "lang" in parameters and "lang" not in [
        p.name for p in saved["all-tasks"].parameters if p.type != "language"
    ]


def test_a_client_made_from_the_description_gets_the_rows(client):
    """Call every operation the way a generated client would: its path, its parameters' defaults."""
    document = client.get("/openapi.json").get_json()
    for path, item in document["paths"].items():
        if not path.startswith("/queries/") or "{format}" not in path:
            continue
        defaults = {p["name"]: p["schema"]["default"] for p in item["get"]["parameters"] if "default" in p["schema"]}
        query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in defaults.items() if k != "format"}
        response = client.get(path.replace("{format}", "json"), query_string=query)
        assert response.status_code == 200, path
        body = response.get_json()
        assert body["count"] == len(body["rows"]), path


def test_the_list_of_saved_queries(client, app):
    listed = client.get("/queries.json").get_json()["queries"]
    assert [q["slug"] for q in listed] == list(app.extensions["jieshou_kg"].queries)
    co_leads = next(q for q in listed if q["slug"] == "organization-co-leads")
    assert co_leads["title"] == {"zh": "某机构共同牵头的任务", "en": "Tasks an organization co-leads"}
    assert {"name": "task", "title": {"zh": "任务", "en": "Task"}, "shows": ["number", "text"]} in co_leads["columns"]
    assert co_leads["parameters"][0]["variable"] == "_org_iri"
    assert co_leads["formats"]["xlsx"].endswith("/queries/organization-co-leads.xlsx")
    assert co_leads["sparql"].endswith("/queries/organization-co-leads.rq")


def grlc_decorators(text: str) -> dict:
    """The header as grlc reads it (grlc.gquery.get_yaml_decorators): '#+' stripped, the rest YAML."""
    return yaml.safe_load("\n".join(row.lstrip("#+") for row in text.split("\n") if row.startswith("#+"))) or {}


# grlc's parameter convention (grlc.gquery.get_parameters): ?_name required, ?__name optional, then a type.
GRLC_PARAMETER = re.compile(
    r"\?(?P<required>[_]{1,2})(?P<name>[a-zA-Z0-9]+)([_](?P<type>(iri)|(number)|(literal)|(integer)))?"
    r"([_](?P<prefix>[a-zA-Z0-9]+)[_](?P<userdefined>[a-zA-Z0-9]+))?([_](?P<lang>[a-zA-Z0-9]+))?"
)
GRLC_STRINGS = ("summary", "description", "endpoint", "method", "mime")


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_headers_are_read_by_grlc_as_they_are(path: Path, app):
    decorators = grlc_decorators(path.read_text(encoding="utf-8"))
    for key in GRLC_STRINGS:
        assert key not in decorators or isinstance(decorators[key], str), f"{path.name}: grlc needs '{key}' a string"
    assert isinstance(decorators.get("tags", []), list)
    query = app.extensions["jieshou_kg"].queries[path.stem]
    found = {m.group("name"): m for m in GRLC_PARAMETER.finditer(path.read_text(encoding="utf-8"))}
    for p in query.parameters:
        match = found[p.name]
        assert (len(match.group("required")) == 1) == (p.required or p.type == "language"), p.name
        if p.is_iri:
            assert match.group("type") == "iri", p.name
        if p.type == "boolean":
            assert (match.group("prefix"), match.group("userdefined")) == ("xsd", "boolean"), p.name
    assert set(found) == {p.name for p in query.parameters}, f"{path.name}: a ?_name grlc would take for a parameter"


def test_grlc_specification_and_query_files(client, app):
    spec = yaml.safe_load(client.get("/grlc.yml").data)
    assert spec["contact"]["name"] and len(spec["queries"]) == len(app.extensions["jieshou_kg"].queries)
    text = client.get("/queries/organization-co-leads.rq").data.decode()
    decorators = grlc_decorators(text)
    assert decorators["summary"] == "Tasks an organization co-leads" and decorators["endpoint"].endswith("/sparql")
    assert "PREFIX jk: <https://w3id.org/jieshou-kg/def#>" in text
    # grlc pastes the values where the variables stand (grlc.gquery.rewrite_query): the text still runs here
    filled = text.replace("?_org_iri", "<https://w3id.org/jieshou-kg/id/org/finance>").replace("?_lang", '"zh"')
    rows = client.get("/sparql", query_string={"query": filled})
    assert rows.status_code == 200 and rows.get_json()["results"]["bindings"]


def test_the_api_page_links_every_description(client):
    page = client.get("/api").text
    for link in ("/openapi.json", "/queries.json", "/grlc.yml", "/queries/organization-co-leads.rq"):
        assert f'href="{link}"' in page
