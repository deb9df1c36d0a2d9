"""Model -> statements: an rdflib Graph (notice_graph), or the plain set of triples the build writes
(notice_statements: a set adds a statement in 0.1 µs, rdflib's default store in 15 µs). No I/O.

IRIs (under https://w3id.org/jieshou-kg/id/):
  notice/jiezhengfa-2020-11                 the notice (slug from its document number)
  notice/jiezhengfa-2020-11/text            its source text
  notice/…/requirement/1, notice/…/annex/1  its numbered requirements and annex lists
  plan/jiezhengfa-2020-11                   the plan; its sections and tasks: plan.py
  …#source, …#source-position, …-source     provenance (Web Annotation selectors)
  org/…, collective/…, person/…, kind/…, unit/…   agents and vocabularies from data/: agents.py
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ..model import Notice
from ..namespaces import ELI, ID, JK, bind_prefixes
from ..notice.registry import Registry
from .agents import AgentWriter
from .plan import PlanWriter
from .triples import Statements, Triples, en, zh

MEDIA_TYPES = Namespace("http://www.iana.org/assignments/media-types/")  # dcterms:format takes a media type IRI


def notice_slug(notice: Notice, registry: Registry) -> str:
    """The key of the notice's IRIs, set by the parser (jiezhengfa-2020-11)."""
    return notice.slug


def notice_graph(notice: Notice, registry: Registry) -> Graph:
    """The whole knowledge graph of one notice."""
    graph = Graph()
    bind_prefixes(graph)
    for statement in notice_statements(notice, registry):
        graph.add(statement)
    return graph


def notice_statements(notice: Notice, registry: Registry) -> Statements:
    """The same statements as a set of (subject, predicate, object) of rdflib terms."""
    statements: Statements = set()
    _NoticeWriter(statements, notice, registry).write()
    return statements


class _NoticeWriter:
    def __init__(self, graph: Statements, notice: Notice, registry: Registry):
        self.notice, self.registry = notice, registry
        slug = notice_slug(notice, registry)
        self.iri = ID[f"notice/{slug}"]
        self.plan = ID[f"plan/{slug}"]
        self.out = Triples(graph, notice.source, ID[f"notice/{slug}/text"])
        aliases = {m.defines_alias: m.name for m in self._mentions() if m.defines_alias}
        self.agents = AgentWriter(graph, registry, aliases, notice.place, slug)

    def _mentions(self):
        yield from (*self.notice.addressees, *self.notice.supervisors)
        for task in self.notice.tasks():
            for line in task.assignments:
                yield from line.mentions
        for annex in self.notice.annexes:
            yield from annex.members

    def english(self, key: str) -> list[Literal]:
        found = self.registry.headings_en.get((self.notice.doc_number or self.notice.slug, key))
        return [en(found)] if found else []

    def write(self) -> None:
        self._source_text()
        self._notice()
        self._requirements()
        titles = [zh(self.notice.plan_title), *self.english("plan")]
        self.out.describe(
            self.plan, {RDF.type: JK.Plan, SKOS.prefLabel: titles, DCTERMS.title: titles, ELI.is_part_of: self.iri}
        )
        self.out.source(self.plan, self.notice.plan_span)
        plan = PlanWriter(self.out, self.agents, self.english)
        for part in self.notice.parts:
            plan.node(part, self.plan, self.plan)
        self._annexes()
        self.agents.write_vocabularies()

    def _source_text(self) -> None:
        n = self.notice
        name = n.doc_number or n.title or n.slug
        self.out.describe(
            self.out.text_iri,
            {
                RDF.type: JK.SourceText,
                JK.content: Literal(n.source),
                DCTERMS.format: MEDIA_TYPES["text/plain"],
                SKOS.prefLabel: [zh(f"{name}原文"), en(f"Source text of {name}")],
            },
        )

    def _notice(self) -> None:
        n = self.notice
        issued = [Literal(n.issued, datatype=XSD.date)] if n.issued else []
        number = [Literal(n.doc_number)] if n.doc_number else []
        title = [zh(n.title or n.plan_title or n.slug), *self.english("notice")]
        self.out.describe(
            self.iri,
            {
                RDF.type: JK.Notice,
                DCTERMS.identifier: number or [Literal(n.slug)],
                ELI.id_local: number,
                ELI.date_document: issued,
                DCTERMS.title: title,
                SKOS.prefLabel: title,
                JK.documentCode: [Literal(n.doc_code)] if n.doc_code else [],
                DCTERMS.issued: issued,
                JK.year: Literal(n.year) if n.year else [],
                JK.place: [zh(n.place)] if n.place else [],
                JK.namesLeaders: Literal(n.names_leaders),
                JK.issuer: [self.agents.organization(n.issuer)] if n.issuer else [],
                JK.addressee: [self.agents.organization(m) for m in n.addressees],
                JK.supervisor: [self.agents.organization(m) for m in n.supervisors],
                JK.preamble: zh(n.preamble),
                JK.plan: self.plan,
                JK.sourceText: self.out.text_iri,
            },
        )
        self.out.source(self.iri, n.title_span)

    def _requirements(self) -> None:
        for ordinal, paragraph in enumerate(self.notice.requirements, start=1):
            iri = URIRef(f"{self.iri}/requirement/{ordinal}")
            self.out.g.add((self.iri, JK.requirement, iri))
            self.out.describe(
                iri,
                {
                    RDF.type: JK.Requirement,
                    ELI.is_part_of: self.iri,
                    JK.number: Literal(paragraph.number),
                    JK.ordinal: Literal(ordinal),
                    JK.text: zh(paragraph.text),
                },
            )
            self.out.source(iri, paragraph.span)

    def _annexes(self) -> None:
        for number, annex in enumerate(self.notice.annexes, start=1):
            iri, body = URIRef(f"{self.iri}/annex/{number}"), self.agents.organization(annex.body)
            self.agents.members(body, [self.agents.organization(m) for m in annex.members])
            self.out.g.add((self.iri, JK.annex, iri))
            self.out.describe(
                iri,
                {
                    RDF.type: JK.Annex,
                    ELI.is_part_of: self.iri,
                    JK.number: Literal(annex.number),
                    JK.listsMembersOf: body,
                    DCTERMS.title: zh(annex.title),
                    SKOS.prefLabel: zh(annex.title),
                },
            )
            self.out.source(iri, annex.span)
