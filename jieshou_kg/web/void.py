"""The catalogue in VoID and DCAT (DCAT-AP style): the dataset; its named graphs as subsets (one per notice,
a dataset of its own described from the store, the registry's, the ontology's) with their triple counts; the
data (the notices and the registry, what .ttl/.nt/.jsonld hold); the dumps as distributions with size and
SHA-256, and the SPARQL endpoint as a dcat:DataService. What is not computed (titles, publisher, licence,
contact, themes) is data: data/catalogue.ttl. Validation reports are linked (rdfs:seeAlso), not distributions.
"""

from __future__ import annotations

import datetime as dt

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from ..layout import CATALOGUE
from ..namespaces import DATA, DATASET, DEF, ID, ONTOLOGY_GRAPH, REGISTRY_GRAPH, SHAPES, bind_prefixes
from .files import Offered, offered
from .i18n import message

SPDX = Namespace("http://spdx.org/rdf/terms#")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
FILE_TYPES = {
    "text/turtle": FILE_TYPE.RDF_TURTLE,
    "application/n-triples": FILE_TYPE.RDF_N_TRIPLES,
    "application/ld+json": FILE_TYPE.JSON_LD,
    "application/trig": FILE_TYPE.RDF_TRIG,
    "application/n-quads": FILE_TYPE.RDF_N_QUADS,
}
WHOLE = ("application/trig", "application/n-quads")  # the dumps that keep the named graphs
CATALOG, SERVICE = ID["dataset/catalogue"], ID["dataset/sparql"]
SHARED = [DCTERMS.publisher, DCTERMS.license, DCTERMS.language, DCTERMS.spatial, DCAT.theme, DCAT.keyword,
          DCAT.contactPoint]  # fmt: skip


def void_graph(site) -> Graph:
    """The catalogue; absolute URLs (dumps, endpoint) from the site's public address (never the Host header)."""
    base = site.settings.site_url.rstrip("/")
    g = Graph()
    bind_prefixes(g)
    g.bind("spdx", SPDX)
    g += site.memo("catalogue", lambda: Graph().parse(site.settings.data / CATALOGUE))
    _service(g, base)
    _subsets(g, site, base)
    for entry in offered(site.settings):
        _file(g, entry, base + entry.url)
    for dataset in _notices(g, site):
        g.add((CATALOG, DCAT.dataset, dataset))
    for dataset in (DATASET, DATA, REGISTRY_GRAPH, ONTOLOGY_GRAPH):
        g.add((CATALOG, DCAT.dataset, dataset))
        g.add((dataset, DCTERMS.modified, _modified(site)))
    g.add((CATALOG, DCTERMS.modified, _modified(site)))
    g.add((CATALOG, FOAF.homepage, URIRef(f"{base}/")))
    g.add((CATALOG, DCAT.service, SERVICE))
    return g


def _service(g: Graph, base: str) -> None:
    endpoint = URIRef(f"{base}/sparql")
    g.add((SERVICE, DCAT.endpointURL, endpoint))
    g.add((SERVICE, DCAT.endpointDescription, endpoint))  # answers its SPARQL service description
    g.add((SERVICE, DCAT.servesDataset, DATASET))
    g.add((DATASET, VOID.sparqlEndpoint, endpoint))
    g.add((DATASET, FOAF.homepage, URIRef(f"{base}/")))
    g.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    g.add((DATASET, VOID.vocabulary, URIRef(DEF)))
    g.add((DATASET, DCAT.distribution, _through_endpoint(g, base)))


def _through_endpoint(g: Graph, base: str) -> URIRef:
    """The dataset as the endpoint serves it: a distribution whose access service is the DataService."""
    distribution = URIRef(f"{base}/sparql#distribution")
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCAT.accessURL, URIRef(f"{base}/sparql")))
    g.add((distribution, DCAT.accessService, SERVICE))
    g.add((distribution, DCTERMS.format, FILE_TYPE.SPARQLQ))
    g.add((distribution, DCTERMS.license, g.value(DATASET, DCTERMS.license)))
    for lang, text in message("sparql_distribution").items():
        g.add((distribution, DCTERMS.title, Literal(text, lang=lang)))
        g.add((distribution, DCTERMS.description, Literal(text, lang=lang)))
    return distribution


def _subsets(g: Graph, site, base: str) -> None:
    """Every named graph a subset with its own triple count; the data (every graph but the ontology's) a subset
    too, with its dumps. A triple counts once per graph it is in (the ontology's individuals are in two)."""
    counts = site.memo("graph-triples", lambda: {r["graph"]: int(r["n"]) for r in site.select("graph-triples").rows})
    data = [URIRef(name) for name in site.store.graphs if URIRef(name) != ONTOLOGY_GRAPH]
    for graph in (*data, ONTOLOGY_GRAPH, DATA):
        _subset(g, DATASET, graph)
    for graph in data:
        _subset(g, DATA, graph)
        g.add((graph, DCAT.distribution, g.value(predicate=DCAT.accessService, object=SERVICE)))  # via /sparql
    for graph in (*data, ONTOLOGY_GRAPH):
        g.add((graph, VOID.triples, Literal(counts.get(graph, 0))))
    g.add((DATA, VOID.triples, Literal(sum(counts.get(graph, 0) for graph in data))))
    g.add((DATASET, VOID.triples, Literal(sum(counts.values()))))


def _subset(g: Graph, whole: URIRef, part: URIRef) -> None:
    g.add((part, RDF.type, VOID.Dataset))
    g.add((part, RDF.type, DCAT.Dataset))
    g.add((whole, VOID.subset, part))
    g.add((whole, DCTERMS.hasPart, part))
    for predicate in SHARED:
        for value in g.objects(DATASET, predicate):
            g.add((part, predicate, value))


def _notices(g: Graph, site) -> list[URIRef]:
    """One dataset per notice the store holds, part of the whole."""
    rows = site.memo("catalogue-notices", lambda: site.select("catalogue-notices").rows)
    datasets = []
    for row in rows:
        dataset = ID[f"dataset/{str(row['notice']).removeprefix(str(ID))}"]
        datasets.append(dataset)
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.title, row["title"]))
        g.add((dataset, DCTERMS.source, row["notice"]))
        g.add((dataset, DCTERMS.identifier, row["number"]))
        g.add((dataset, DCTERMS.isPartOf, DATASET))
        g.add((DATASET, DCTERMS.hasPart, dataset))
        for lang, text in message("notice_dataset").items():
            g.add((dataset, DCTERMS.description, Literal(text.format(number=row["number"]), lang=lang)))
        g.add((dataset, DCAT.distribution, g.value(predicate=DCAT.accessService, object=SERVICE)))
        for predicate in SHARED:
            for value in g.objects(DATASET, predicate):
                g.add((dataset, predicate, value))
    return sorted(set(datasets))


def _file(g: Graph, entry: Offered, url: str) -> None:
    """A dump or an ontology file as a distribution of its dataset; a validation report only linked."""
    file, dataset = URIRef(url), _dataset_of(entry)
    for lang, text in message(entry.dump.message).items():
        g.add((file, DCTERMS.title, Literal(text, lang=lang)))
    media_type = entry.dump.mimetype.split(";")[0]
    g.add((file, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
    g.add((file, DCAT.byteSize, Literal(entry.size, datatype=XSD.nonNegativeInteger)))
    if entry.dump.name == "shapes.ttl":
        g.add((SHAPES, RDFS.seeAlso, file))
        return
    if not entry.dump.is_data:
        g.add((DATA, RDFS.seeAlso, file))
        return
    g.add((dataset, DCAT.distribution, file))
    g.add((dataset, VOID.dataDump, file))
    g.add((file, RDF.type, DCAT.Distribution))
    g.add((file, DCAT.downloadURL, file))
    g.add((file, DCAT.accessURL, file))
    g.add((file, DCTERMS.format, FILE_TYPES.get(media_type, FILE_TYPE.RDF_TURTLE)))
    g.add((file, DCTERMS.license, g.value(DATASET, DCTERMS.license)))
    for lang, text in message("dump_description").items():
        g.add((file, DCTERMS.description, Literal(text.format(title=message(entry.dump.message)[lang]), lang=lang)))
    checksum = BNode()
    g.add((file, SPDX.checksum, checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(entry.sha256, datatype=XSD.hexBinary)))


def _dataset_of(entry: Offered) -> URIRef:
    """The .trig and .nq hold the whole dataset; .ttl, .nt and .jsonld the data; the ontology file its graph."""
    if entry.dataset == "ontology":
        return ONTOLOGY_GRAPH
    return DATASET if entry.dump.mimetype in WHOLE else DATA


def _modified(site) -> Literal:
    """The day the served dataset was built (the dump's time), as xsd:date."""
    stamp = site.settings.layout.dataset.stat().st_mtime if site.settings.layout.dataset.is_file() else 0
    return Literal(dt.datetime.fromtimestamp(stamp, dt.UTC).date(), datatype=XSD.date)
