"""The dumps as other tools see them: they validate against the published shapes with pySHACL's command
and with rudof, survive OWL RL entailment, spell every term canonically, and come out byte for byte the
same from the same input."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pyrudof
import pytest
from conftest import NOTICE, ROOT
from mini import MINI
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from jieshou_kg.graph import load_graph, materialise, notice_graph, validate
from jieshou_kg.namespaces import DEF, ID, JK, ONTOLOGY_GRAPH
from jieshou_kg.notice import extract_targets, parse_notice

SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "jieshou-kg.ttl"
DUMPS = {"jieshou-kg.ttl": "turtle", "jieshou-kg.nt": "nt", "jieshou-kg.jsonld": "json-ld", "jieshou-kg.trig": "trig"}
RUDOF_FORMATS = {
    "turtle": pyrudof.RDFFormat.Turtle,
    "nt": pyrudof.RDFFormat.NTriples,
    "json-ld": pyrudof.RDFFormat.JsonLd,
    "trig": pyrudof.RDFFormat.TriG,
}
META_CLASSES = {RDFS.Class, OWL.Class, RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype}
GAP = "NumberingGapShape"  # the one warning of the real notice (its item (3) under 二(二)4 is missing)


def pyshacl_cli(path: Path, fmt: str) -> tuple[int, Graph]:
    """pySHACL's own command on a file as downloaded: its exit code and its report graph."""
    fmt = "turtle" if fmt == "trig" else fmt  # -df has no trig: it reads a .trig by its extension
    command = [str(Path(sys.executable).parent / "pyshacl"), "-s", str(SHAPES), "-f", "turtle", str(path)]
    if not path.name.endswith(".trig"):
        command[3:3] = ["-df", fmt]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, Graph().parse(data=done.stdout, format="turtle")


def severities(report: Graph) -> list[tuple[str, str]]:
    return sorted(
        (str(report.value(r, SH.resultSeverity)).rpartition("#")[2], str(report.value(r, SH.sourceShape)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    )


@pytest.mark.parametrize("name", list(DUMPS))
def test_every_dump_validates_with_pyshacl_as_downloaded(built, dist, name):
    code, report = pyshacl_cli(dist / name, DUMPS[name])
    assert severities(report) == [("Warning", f"https://w3id.org/jieshou-kg/shapes#{GAP}")]
    assert code == 1 and (None, SH.conforms, Literal(False)) in report  # pyshacl, like SHACL, counts the warning


def test_pyshacl_finds_what_the_shapes_forbid(built, dist, tmp_path):
    """Without the role individuals in the data (as before), every assignment breaks sh:class jk:Role."""
    lines = (dist / "jieshou-kg.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    roles = [f"<{DEF}{r}Role> " for r in ("LeadOfficial", "LeadUnit", "CooperatingUnit", "ResponsibleUnit")]
    broken = tmp_path / "broken.nt"
    broken.write_text("".join(line for line in lines if not line.startswith(tuple(roles))), encoding="utf-8")
    _, report = pyshacl_cli(broken, "nt")
    assert sum(1 for severity, _ in severities(report) if severity == "Violation") == 708


@pytest.mark.parametrize("name", list(DUMPS))
def test_every_dump_validates_with_rudof(built, dist, name):
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(dist / name), format=RUDOF_FORMATS[DUMPS[name]], reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl(str(SHAPES))
    results = list(rudof.validate_shacl().violations)
    assert [(r.severity, str(r.source_shape).rpartition("#")[2].rstrip(">")) for r in results] == [("Warning", GAP)]


def entailed(data: Graph, ontology: Graph) -> Graph:
    """OWL RL (owlrl) over the ontology, the external vocabularies' axioms and the data."""
    closure = Graph()
    for graph in (data, ontology, load_graph(ROOT / "tests" / "vocabularies.ttl")):
        closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    for triple in [t for t in closure if isinstance(t[0], Literal)]:
        closure.remove(triple)  # generalised RDF (a literal as subject) that no RDF store or SHACL engine reads
    return closure


def new_types(closure: Graph, data: Graph) -> set[tuple[URIRef, URIRef]]:
    """Types that entailment gives a resource of the dataset in our vocabulary, or as a class or property."""
    ours = lambda c: str(c).startswith(DEF) or c in META_CLASSES  # noqa: E731
    return {
        (s, c)
        for s, c in closure.subject_objects(RDF.type)
        if str(s).startswith(str(ID)) and ours(c) and (s, RDF.type, c) not in data
    }


@pytest.fixture(scope="module")
def owl_rl(graph) -> Graph:
    return entailed(graph, load_graph(ONTOLOGY))


def test_owl_rl_entailment_adds_no_violation_and_no_wrong_type(owl_rl, graph):
    assert not list(owl_rl.subjects(RDF.type, owlrl.Namespaces.ERRNS.ErrorMessage)), "OWL RL found an inconsistency"
    assert new_types(owl_rl, graph) == set()
    report = validate(owl_rl, load_graph(SHAPES), load_graph(ONTOLOGY))
    assert report.violations == [] and [i.shape for i in report.warnings] == [GAP]


def test_owl_rl_catches_a_wrong_domain(registry):
    """The domain jk:number had (jk:PlanItem) turns requirements and annexes into plan items that break the shapes."""
    notice = parse_notice(MINI, "mini.txt")
    extract_targets(notice, registry)
    ontology = load_graph(ONTOLOGY)
    data = materialise(notice_graph(notice, registry), ontology)
    ontology.set((JK.number, RDFS.domain, JK.PlanItem))
    closure = entailed(data, ontology)
    assert {c for _, c in new_types(closure, data)} == {JK.PlanItem}
    assert "PlanItemShape" in {i.shape for i in validate(closure, load_graph(SHAPES), ontology).violations}


def test_the_class_hierarchy_is_in_the_data(store):
    """Every instance carries every superclass the ontology states: `a jk:CollectiveAgent` needs no path."""
    missing = store.select(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?x ?c WHERE { "
        f"GRAPH ?data {{ ?x a ?sub }} FILTER (?data != <{ONTOLOGY_GRAPH}>) "
        f"GRAPH <{ONTOLOGY_GRAPH}> {{ ?sub rdfs:subClassOf+ ?c }} FILTER NOT EXISTS {{ GRAPH ?data {{ ?x a ?c }} }} }}"
    )
    assert missing.rows == []
    items = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?data {{ ?t a <{JK.PlanItem}> }} "
        f"FILTER (?data != <{ONTOLOGY_GRAPH}>) }}"
    )
    assert int(items.rows[0]["n"]) == 147 + 40  # tasks and sections


def canonical_lines(path: Path, fmt: str) -> set[str]:
    """The file's triples (every graph's, for TriG) as canonical N-Triples lines, read by Oxigraph."""
    fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}.get(
        fmt, ox.RdfFormat.TRIG
    )
    return {f"{q.subject} {q.predicate} {q.object} ." for q in ox.parse(path=str(path), format=fmt)}


def term_key(term) -> tuple[str, ...]:
    """A term as (kind, lexical form, datatype, language), from rdflib or from Oxigraph alike."""
    if isinstance(term, URIRef | ox.NamedNode):
        return ("iri", str(term) if isinstance(term, URIRef) else term.value)
    if isinstance(term, Literal):
        datatype = "" if term.language else str(term.datatype or XSD.string)
        return ("literal", str(term), datatype, term.language or "")
    return ("literal", term.value, "" if term.language else term.datatype.value, term.language or "")


def test_every_dump_holds_the_same_terms_spelled_the_same(built, dist):
    """Term for term (not only isomorphic): canonical decimals ("52", never "52.0"), lower-case language tags."""
    nt = (dist / "jieshou-kg.nt").read_text(encoding="utf-8").splitlines()
    assert set(nt) == canonical_lines(dist / "jieshou-kg.nt", "nt")
    assert nt == sorted(nt)
    data = set(nt)
    for name, fmt in DUMPS.items():
        found = canonical_lines(dist / name, fmt)
        assert found >= data if fmt == "trig" else found == data, name
    dumped = {tuple(map(term_key, q.triple)) for q in ox.parse(path=str(dist / "jieshou-kg.nt"))}
    assert {tuple(map(term_key, t)) for t in built.graph} == dumped  # the build's terms are already canonical
    decimals = [line for line in nt if line.endswith(f'"^^<{XSD.decimal}> .') and f"<{JK.value}>" in line]
    assert len(decimals) == 41 and not any(line.endswith(f'.0"^^<{XSD.decimal}> .') for line in decimals)
    assert '"Téng Mǐn"@zh-latn-pinyin' in (dist / "jieshou-kg.trig").read_text(encoding="utf-8")


def test_two_builds_give_identical_bytes(tmp_path):
    """Two processes with different hash seeds, the same input: every file the same, byte for byte."""
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--notice", str(NOTICE), "--out", str(out)]
        command += ["--data", str(ROOT / "data"), "--ontology", str(ROOT / "ontology")]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(command, check=True, capture_output=True, env=env)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())})
    assert len(digests[0]) == 8 and digests[0] == digests[1]
