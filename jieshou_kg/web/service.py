"""The SPARQL 1.1 Service Description of /sparql."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from ..namespaces import DATASET, bind_prefixes
from .i18n import message

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}


def service_description(host_url: str, result_types: list[str], graph_types: list[str], graphs=()) -> Graph:
    """The service, its formats, and its dataset: the union of `graphs` as the default graph, each also named."""
    g = Graph()
    bind_prefixes(g)
    g.bind("sd", SD)
    service, dataset, default = URIRef(host_url.rstrip("/") + "/sparql"), BNode(), BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    # the engine reasons not at all; the data already states what RDFS would entail of the class hierarchy
    g.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    for lang, text in message("materialised_note").items():
        g.add((service, RDFS.comment, Literal(text, lang=lang)))
    for mimetype in result_types + graph_types:
        g.add((service, SD.resultFormat, FORMAT_IRIS[mimetype]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, URIRef("http://rdfs.org/ns/void#inDataset"), DATASET))
    for name in map(URIRef, graphs):
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, name))
    return g
