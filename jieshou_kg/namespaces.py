"""The vocabulary as closed namespaces (a typo in a term is an AttributeError), the IRIs
of the dataset, and the one SPARQL prefix header.

tests/test_namespaces.py checks JK against ontology/jieshou-kg.ttl.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD, DefinedNamespace

BASE = "https://w3id.org/jieshou-kg/"  # every IRI of the project is under it; the site serves it at its root
DEF = BASE + "def#"
ID = Namespace(BASE + "id/")
ONTOLOGY = URIRef(BASE + "def")
SHAPES = URIRef(BASE + "shapes")  # the SHACL shapes (shapes#TaskShape, …)
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VANN = Namespace("http://purl.org/vocab/vann/")
DATASET = ID["dataset"]
# The named graphs of a build: one per notice, the registry the notices share, the ontology. The site queries
# their union as its default graph; which there are, the store says (Store.graphs).
GRAPH_SPACE = BASE + "id/dataset/"  # every graph of the dataset is named under it
DATA = ID["dataset/data"]  # not a graph: the VoID dataset of the notices' and the registry's (what .ttl/.nt hold)
REGISTRY_GRAPH = ID["dataset/registry"]  # agents, kinds and units: the subjects under SHARED_SPACES
ONTOLOGY_GRAPH = ID["dataset/ontology"]
SHARED_SPACES = tuple(BASE + f"id/{path}/" for path in ("org", "collective", "person", "post", "kind", "unit"))


def notice_graph_name(slug: str) -> URIRef:
    """The named graph of one notice (also its dataset in the catalogue): id/dataset/notice/<slug>."""
    return ID[f"dataset/notice/{slug}"]


class JK(DefinedNamespace):
    _NS = Namespace(DEF)
    _fail = True

    # classes
    Notice: URIRef
    Plan: URIRef
    PlanItem: URIRef
    Section: URIRef
    Task: URIRef
    Requirement: URIRef
    Annex: URIRef
    SourceText: URIRef
    Official: URIRef
    CollectiveAgent: URIRef
    CoordinatingBody: URIRef
    Assignment: URIRef
    Role: URIRef
    Target: URIRef
    Bound: URIRef
    Unit: URIRef
    OrganizationKind: URIRef
    # individuals
    Roles: URIRef
    LeadOfficialRole: URIRef
    LeadUnitRole: URIRef
    CooperatingUnitRole: URIRef
    ResponsibleUnitRole: URIRef
    Bounds: URIRef
    Minimum: URIRef
    Maximum: URIRef
    Exact: URIRef
    OrganizationKinds: URIRef
    Units: URIRef
    # object properties
    plan: URIRef
    partOf: URIRef
    assignee: URIRef
    leadOfficial: URIRef
    leadUnit: URIRef
    cooperatingUnit: URIRef
    responsibleUnit: URIRef
    assignment: URIRef
    agent: URIRef
    role: URIRef
    directProperty: URIRef
    openEndedRole: URIRef
    target: URIRef
    unit: URIRef
    bound: URIRef
    kind: URIRef
    covers: URIRef
    issuer: URIRef
    addressee: URIRef
    supervisor: URIRef
    requirement: URIRef
    annex: URIRef
    listsMembersOf: URIRef
    sourceText: URIRef
    source: URIRef
    # datatype properties
    number: URIRef
    numberValue: URIRef
    ordinal: URIRef
    level: URIRef
    printedPath: URIRef
    heading: URIRef
    text: URIRef
    preamble: URIRef
    documentCode: URIRef
    actedUnder: URIRef
    printedName: URIRef
    position: URIRef
    viaMembers: URIRef
    value: URIRef
    printedValue: URIRef
    exhaustive: URIRef
    content: URIRef
    year: URIRef
    place: URIRef
    namesLeaders: URIRef
    deadline: URIRef


PREFIXES = {
    "jk": Namespace(DEF),
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "org": ORG,
    "prov": PROV,
    "foaf": FOAF,
    "schema": SDO,
    "eli": ELI,
    "oa": OA,
    "void": VOID,
    "dcat": DCAT,
    "vann": VANN,
}


# The one prefix header of every SPARQL text the project writes (queries/*.rq start without their own).
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
# For Oxigraph's Turtle and TriG writers: without id:, whose local names hold slashes and '#' that Turtle
# would have to escape (id:plan\/x\#part); those IRIs read better whole.
TURTLE_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "id"}


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
