"""The vocabulary as other vocabularies' users read it: ORG, PROV-O, ELI and SKOS used as they are meant,
every term defined, the ontology's own metadata, and the alignment table on /def."""

from __future__ import annotations

from conftest import ROOT
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from jieshou_kg.namespaces import DEF, ELI, ID, JK, ONTOLOGY

NOTICE = ID["notice/jiezhengfa-2020-11"]
PLAN = ID["plan/jiezhengfa-2020-11"]
ONTOLOGY_FILE = ROOT / "ontology" / "jieshou-kg.ttl"


def test_org_membership_both_ways_and_classification(graph):
    members = set(graph.subject_objects(ORG.hasMember))
    assert len(members) > 10
    assert {(b, m) for m, b in graph.subject_objects(ORG.memberOf)} == members
    kinds = set(graph.subject_objects(JK.kind))
    assert kinds and set(graph.subject_objects(ORG.classification)) == kinds


def test_assignments_are_prov_associations_of_an_activity_with_a_plan(graph):
    task = URIRef(f"{PLAN}/1.1.3.2")
    assignment = URIRef(f"{task}#lead-unit-1")
    activity = URIRef(f"{task}#implementation")
    assert (assignment, PROV.hadPlan, task) in graph and (task, RDF.type, PROV.Plan) in graph
    assert (activity, RDF.type, PROV.Activity) in graph and (activity, PROV.used, task) in graph
    assert (activity, PROV.qualifiedAssociation, assignment) in graph
    assert (activity, PROV.wasAssociatedWith, graph.value(assignment, JK.agent)) in graph
    assert len(set(graph.subjects(RDF.type, PROV.Activity))) == 147
    assert len(set(graph.subject_objects(PROV.qualifiedAssociation))) == 708


def test_the_task_page_describes_its_implementation(client):
    turtle = client.get("/id/plan/jiezhengfa-2020-11/1.1.3.2", headers={"Accept": "text/turtle"}).text
    assert "1.1.3.2#implementation" in turtle and "qualifiedAssociation" in turtle


def test_eli_properties_are_used_not_only_subclassed(graph):
    assert graph.value(NOTICE, ELI.id_local) == Literal("界政发〔2020〕11号")
    assert graph.value(NOTICE, ELI.date_document).datatype == XSD.date
    assert graph.value(NOTICE, ELI.passed_by) == ID["org/jieshou-government"]
    assert graph.value(PLAN, ELI.is_part_of) == NOTICE
    assert graph.value(URIRef(f"{PLAN}/1.1.3.2"), ELI.is_part_of) == URIRef(f"{PLAN}/1.1.3")
    assert graph.value(URIRef(f"{NOTICE}/requirement/1"), ELI.is_part_of) == NOTICE


def test_skos_labels_and_schemes(graph):
    clashes = [(s, o) for s, o in graph.subject_objects(SKOS.altLabel) if (s, SKOS.prefLabel, o) in graph]
    assert clashes == []  # SKOS S13
    for cls, scheme in ((JK.OrganizationKind, JK.OrganizationKinds), (JK.Unit, JK.Units)):
        concepts = set(graph.subjects(RDF.type, cls))
        assert concepts and all((c, SKOS.inScheme, scheme) in graph for c in concepts)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert (JK.LeadUnitRole, SKOS.topConceptOf, JK.Roles) in graph  # the individuals travel with the data


def test_roles_are_prov_roles_not_org_roles():
    ontology = Graph().parse(ONTOLOGY_FILE)
    assert (JK.Role, RDFS.subClassOf, PROV.Role) in ontology
    assert (JK.Role, RDFS.subClassOf, ORG.Role) not in ontology
    assert (JK.addressee, RDFS.subPropertyOf, DCTERMS.audience) not in ontology


def test_every_term_is_defined_and_the_ontology_described():
    ontology = Graph().parse(ONTOLOGY_FILE)
    terms = {s for s in ontology.subjects() if str(s).startswith(DEF)}
    assert [t for t in terms if not set(ontology.objects(t, SKOS.definition))] == []
    for predicate in (OWL.versionIRI, OWL.versionInfo, DCTERMS.creator, DCTERMS.license, DCTERMS.modified):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate


def test_def_shows_the_alignment_table(client):
    page = client.get("/def?lang=en").text
    table = page[page.index('<section id="alignment">') : page.index("</section>", page.index('id="alignment"'))]
    row = table[table.index('href="#kind"') :]
    assert "sub-property of" in row[: row.index("</tr>")] and "org:classification" in row[: row.index("</tr>")]
    assert "related, not entailed" in table and "dcterms:audience" in table and "AgentClass" in table
    assert table.count("<tr>") > 30
    assert client.get("/def/1.1", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/def/0.9").status_code == 404
