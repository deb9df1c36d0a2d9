"""Model -> rdflib Graph. No I/O.

IRIs (under https://w3id.org/jieshou-kg/id/):
  notice/jiezhengfa-2020-11                 the notice (slug from its document number)
  notice/jiezhengfa-2020-11/text            its source text
  plan/jiezhengfa-2020-11                   the plan
  plan/jiezhengfa-2020-11/1.1.3.2           a section or task, by its printed numbers
  plan/…/1.1.3.2#lead-unit-1                an assignment (role, position in the list)
  plan/…/1.1.3.2#target-1                   a target
  …#source, …#source-position, …-source     provenance (Web Annotation selectors)
  org/…, collective/…, person/…, kind/…, unit/…   agents and vocabularies from data/
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from .agents import AgentWriter
from .model import Mention, Node, Notice, Role, Span
from .namespaces import ID, JK, OA, bind_prefixes
from .registry import Registry

ROLES = {
    Role.LEAD_OFFICIAL: (JK.LeadOfficialRole, JK.leadOfficial, "lead-official"),
    Role.LEAD_UNIT: (JK.LeadUnitRole, JK.leadUnit, "lead-unit"),
    Role.COOPERATING_UNIT: (JK.CooperatingUnitRole, JK.cooperatingUnit, "cooperating-unit"),
    Role.RESPONSIBLE_UNIT: (JK.ResponsibleUnitRole, JK.responsibleUnit, "responsible-unit"),
}
BOUNDS = {"minimum": JK.Minimum, "maximum": JK.Maximum, "exact": JK.Exact}
CONTEXT = 16  # characters of prefix/suffix kept in a quote selector


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def notice_slug(notice: Notice, registry: Registry) -> str:
    return f"{registry.slug_of(notice.doc_code)}-{notice.year}-{notice.serial}"


def notice_graph(notice: Notice, registry: Registry) -> Graph:
    """The whole knowledge graph of one notice."""
    graph = Graph()
    bind_prefixes(graph)
    _NoticeWriter(graph, notice, registry).write()
    return graph


class _NoticeWriter:
    def __init__(self, graph: Graph, notice: Notice, registry: Registry):
        self.g, self.notice, self.registry = graph, notice, registry
        slug = notice_slug(notice, registry)
        self.doc = notice.doc_number
        self.iri = ID[f"notice/{slug}"]
        self.text_iri = ID[f"notice/{slug}/text"]
        self.plan = ID[f"plan/{slug}"]
        aliases = {m.defines_alias: m.name for m in self._mentions() if m.defines_alias}
        self.agents = AgentWriter(graph, registry, aliases)

    def _mentions(self):
        yield from self.notice.addressees
        yield from self.notice.supervisors
        for task in self.notice.tasks():
            for line in task.assignments:
                yield from line.mentions
        for annex in self.notice.annexes:
            yield from annex.members

    def write(self) -> None:
        self._notice()
        for part in self.notice.parts:
            self._node(part, self.plan)
        for number, annex in enumerate(self.notice.annexes, start=1):
            body = self.agents.organization(annex.body)
            members = [self.agents.organization(m) for m in annex.members]
            iri = ID[f"{self.iri.removeprefix(ID)}/annex/{number}"]
            self._add(self.iri, JK.annex, iri)
            self._add(iri, RDF.type, JK.Annex, JK.number, Literal(annex.number), JK.listsMembersOf, body)
            self._add(iri, DCTERMS.title, zh(annex.title), SKOS.prefLabel, zh(annex.title))
            self.agents.members(body, members)
            self._source(iri, annex.span)
        self.agents.write_vocabularies()

    def _add(self, subject, *pairs) -> None:
        for predicate, obj in zip(pairs[::2], pairs[1::2], strict=True):
            self.g.add((subject, predicate, obj))

    def _english(self, key: str) -> str | None:
        return self.registry.headings_en.get((self.doc, key))

    def _notice(self) -> None:
        n, g = self.notice, self.g
        self._add(
            self.text_iri,
            RDF.type,
            JK.SourceText,
            JK.content,
            Literal(n.source),
            DCTERMS.format,
            Literal("text/plain"),
            SKOS.prefLabel,
            zh(f"{n.doc_number}原文"),
        )
        self._add(self.text_iri, SKOS.prefLabel, en(f"Source text of {n.doc_number}"))
        self._add(
            self.iri,
            RDF.type,
            JK.Notice,
            DCTERMS.identifier,
            Literal(n.doc_number),
            DCTERMS.title,
            zh(n.title),
            SKOS.prefLabel,
            zh(n.title),
            JK.documentCode,
            Literal(n.doc_code),
            DCTERMS.issued,
            Literal(n.issued, datatype=XSD.date),
            JK.issuer,
            self.agents.organization(n.issuer),
            JK.plan,
            self.plan,
            JK.sourceText,
            self.text_iri,
            JK.preamble,
            zh(n.preamble),
        )
        if title_en := self._english("notice"):
            self._add(self.iri, SKOS.prefLabel, en(title_en), DCTERMS.title, en(title_en))
        self._source(self.iri, n.title_span)
        for mention in n.addressees:
            g.add((self.iri, JK.addressee, self.agents.organization(mention)))
        for mention in n.supervisors:
            g.add((self.iri, JK.supervisor, self.agents.organization(mention)))
        for ordinal, paragraph in enumerate(n.requirements, start=1):
            iri = ID[f"{self.iri.removeprefix(ID)}/requirement/{ordinal}"]
            self._add(self.iri, JK.requirement, iri)
            self._add(
                iri,
                RDF.type,
                JK.Requirement,
                JK.number,
                Literal(paragraph.number),
                JK.ordinal,
                Literal(ordinal),
                JK.text,
                zh(paragraph.text),
            )
            self._source(iri, paragraph.span)
        self._add(self.plan, RDF.type, JK.Plan, SKOS.prefLabel, zh(n.plan_title), DCTERMS.title, zh(n.plan_title))
        if plan_en := self._english("plan"):
            self._add(self.plan, SKOS.prefLabel, en(plan_en), DCTERMS.title, en(plan_en))
        self._source(self.plan, n.plan_span)

    def _node(self, node: Node, parent: URIRef) -> None:
        notation = ".".join(map(str, node.path))
        iri = URIRef(f"{self.plan}/{notation}")
        kind = "Task" if node.is_task else "Section"
        self._add(
            iri,
            RDF.type,
            JK.Task if node.is_task else JK.Section,
            JK.partOf,
            parent,
            JK.number,
            Literal(node.number),
            JK.numberValue,
            Literal(node.value),
            JK.ordinal,
            Literal(node.ordinal),
            JK.level,
            Literal(node.level),
            SKOS.notation,
            Literal(notation),
            JK.printedPath,
            Literal(node.printed_path),
        )
        if node.heading:
            self._add(iri, JK.heading, zh(node.heading))
        if node.text is not None:
            self._add(iri, JK.text if node.is_task else DCTERMS.description, zh(node.text))
        self._add(iri, SKOS.prefLabel, zh(f"{node.printed_path} {node.heading or node.text}"))
        heading_en = self._english(notation)
        self._add(iri, SKOS.prefLabel, en(f"{kind} {notation}" + (f" {heading_en}" if heading_en else "")))
        self._source(iri, node.span)
        for line in node.assignments:
            self._assignments(iri, line)
        for number, target in enumerate(node.targets, start=1):
            self._target(iri, URIRef(f"{iri}#target-{number}"), target)
        for child in node.children:
            self._node(child, iri)

    def _assignments(self, task: URIRef, line) -> None:
        role, direct, notation = ROLES[line.role]
        if line.open_ended:
            self._add(task, JK.openEndedRole, role)
        for position, mention in enumerate(line.mentions, start=1):
            agent = self._agent(line.role, mention)
            iri = URIRef(f"{task}#{notation}-{position}")
            self._add(task, direct, agent, JK.assignee, agent, JK.assignment, iri)
            self._add(
                iri,
                RDF.type,
                JK.Assignment,
                JK.agent,
                agent,
                JK.role,
                role,
                JK.position,
                Literal(position),
                JK.printedName,
                zh(mention.printed),
            )
            for name in mention.acted_under:
                self._add(iri, JK.actedUnder, zh(name))
            if mention.members_of:
                self._add(iri, JK.viaMembers, Literal(True))
            self._source(iri, mention.span)

    def _agent(self, role: Role, mention: Mention) -> URIRef:
        if role is Role.LEAD_OFFICIAL:
            return self.agents.official(mention)
        return self.agents.organization(mention)

    def _target(self, task: URIRef, iri: URIRef, target) -> None:
        unit = self.agents.unit(target.unit)
        self._add(task, JK.target, iri)
        self._add(
            iri,
            RDF.type,
            JK.Target,
            JK.value,
            Literal(target.value, datatype=XSD.decimal),
            JK.unit,
            unit,
            JK.bound,
            BOUNDS[target.bound.value],
            JK.printedValue,
            zh(target.printed_value),
            JK.text,
            zh(target.text),
            SKOS.prefLabel,
            zh(target.text),
        )
        self._source(iri, target.span)

    def _source(self, subject: URIRef, span: Span) -> None:
        base = f"{subject}-source" if "#" in subject else f"{subject}#source"
        resource, position, quote = URIRef(base), URIRef(f"{base}-position"), URIRef(f"{base}-quote")
        text = self.notice.source
        self._add(subject, JK.source, resource)
        self._add(
            resource,
            RDF.type,
            OA.SpecificResource,
            OA.hasSource,
            self.text_iri,
            OA.hasSelector,
            position,
            OA.hasSelector,
            quote,
        )
        self._add(position, RDF.type, OA.TextPositionSelector, OA.start, Literal(span.start), OA.end, Literal(span.end))
        self._add(
            quote,
            RDF.type,
            OA.TextQuoteSelector,
            OA.exact,
            Literal(text[span.start : span.end]),
            OA.prefix,
            Literal(text[max(0, span.start - CONTEXT) : span.start]),
            OA.suffix,
            Literal(text[span.end : span.end + CONTEXT]),
        )
