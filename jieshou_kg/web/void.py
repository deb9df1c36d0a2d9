"""The dataset described with VoID and DCAT: where the dumps are, how big, their SHA-256, the endpoint."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from ..namespaces import DATA_GRAPH, DATASET, DEF, ONTOLOGY_GRAPH, bind_prefixes
from .pages import DUMPS, ONTOLOGY_FILES, file_sha256

SPDX = Namespace("http://spdx.org/rdf/terms#")


def void_graph(site, host_url: str) -> Graph:
    base = host_url.rstrip("/")
    g = Graph()
    bind_prefixes(g)
    g.bind("spdx", SPDX)
    for subject in (DATASET, DATA_GRAPH, ONTOLOGY_GRAPH):
        g.add((subject, RDF.type, VOID.Dataset))
        g.add((subject, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("界首市政府重点工作知识图谱", lang="zh")))
    g.add((DATASET, DCTERMS.title, Literal("Jieshou key work plan knowledge graph", lang="en")))
    g.add((DATASET, DCTERMS.source, URIRef("http://www.jieshou.gov.cn/")))
    g.add((DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((DATASET, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((DATASET, VOID.uriSpace, Literal("https://w3id.org/jieshou-kg/id/")))
    g.add((DATASET, VOID.vocabulary, URIRef(DEF)))
    g.add((DATASET, VOID.subset, DATA_GRAPH))
    g.add((DATASET, VOID.subset, ONTOLOGY_GRAPH))
    g.add((DATASET, VOID.triples, Literal(site.store.triple_count())))
    g.add((DATASET, FOAF.homepage, URIRef(f"{base}/")))
    for name, mimetype, description in DUMPS:
        _distribution(g, DATASET, site.dist / name, f"{base}/dumps/{name}", mimetype, description)
    for name, mimetype, description in ONTOLOGY_FILES:
        _distribution(g, ONTOLOGY_GRAPH, site.ontology_dir / name, f"{base}/ontology/{name}", mimetype, description)
    return g


def _distribution(g: Graph, dataset: URIRef, path, url: str, mimetype: str, description: dict) -> None:
    if not path.is_file():
        return
    distribution, checksum = URIRef(url), BNode()
    if path.suffix in (".ttl", ".nt", ".jsonld", ".trig") and "report" not in path.name:
        g.add((dataset, VOID.dataDump, distribution))
    g.add((dataset, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCAT.downloadURL, distribution))
    g.add(
        (distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{mimetype.split(';')[0]}"))
    )
    g.add((distribution, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
    for lang, text in description.items():
        g.add((distribution, DCTERMS.title, Literal(text, lang=lang)))
    g.add((distribution, SPDX.checksum, checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(file_sha256(path), datatype=XSD.hexBinary)))
