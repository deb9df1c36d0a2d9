"""The dataset described with VoID and DCAT: where the dumps are, how big, their SHA-256, the endpoint."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from ..namespaces import DATA_GRAPH, DATASET, DEF, ID, ONTOLOGY_GRAPH, bind_prefixes
from .files import Offered, offered
from .i18n import message

SPDX = Namespace("http://spdx.org/rdf/terms#")


def void_graph(site) -> Graph:
    """The dataset's description; absolute URLs from the site's public address (never the Host header)."""
    base = site.settings.site_url.rstrip("/")
    g = Graph()
    bind_prefixes(g)
    g.bind("spdx", SPDX)
    for subject in (DATASET, DATA_GRAPH, ONTOLOGY_GRAPH):
        g.add((subject, RDF.type, VOID.Dataset))
        g.add((subject, RDF.type, DCAT.Dataset))
    for lang, text in message("site_name").items():
        g.add((DATASET, DCTERMS.title, Literal(text, lang=lang)))
    g.add((DATASET, DCTERMS.source, URIRef("http://www.jieshou.gov.cn/")))
    g.add((DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((DATASET, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    g.add((DATASET, VOID.vocabulary, URIRef(DEF)))
    g.add((DATASET, VOID.subset, DATA_GRAPH))
    g.add((DATASET, VOID.subset, ONTOLOGY_GRAPH))
    count = site.memo("triples", lambda: int(site.select("triple-count").rows[0]["n"]))
    g.add((DATASET, VOID.triples, Literal(count)))
    g.add((DATASET, FOAF.homepage, URIRef(f"{base}/")))
    for entry in offered(site.settings):
        _distribution(g, DATASET if entry.dataset == "data" else ONTOLOGY_GRAPH, entry, base + entry.url)
    return g


def _distribution(g: Graph, dataset: URIRef, entry: Offered, url: str) -> None:
    distribution, checksum = URIRef(url), BNode()
    if entry.dump.is_data and entry.dataset == "data":
        g.add((dataset, VOID.dataDump, distribution))
    g.add((dataset, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCAT.downloadURL, distribution))
    media_type = entry.dump.mimetype.split(";")[0]
    g.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
    g.add((distribution, DCAT.byteSize, Literal(entry.size, datatype=XSD.nonNegativeInteger)))
    for lang, text in message(entry.dump.message).items():
        g.add((distribution, DCTERMS.title, Literal(text, lang=lang)))
    g.add((distribution, SPDX.checksum, checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(entry.sha256, datatype=XSD.hexBinary)))
