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
from .model import AssignmentLine, Node, Notice, Role, Span, Target
from .namespaces import ID, JK, bind_prefixes
from .provenance import add_source
from .registry import Registry

ROLES = {
    Role.LEAD_OFFICIAL: (JK.LeadOfficialRole, JK.leadOfficial, "lead-official"),
    Role.LEAD_UNIT: (JK.LeadUnitRole, JK.leadUnit, "lead-unit"),
    Role.COOPERATING_UNIT: (JK.CooperatingUnitRole, JK.cooperatingUnit, "cooperating-unit"),
    Role.RESPONSIBLE_UNIT: (JK.ResponsibleUnitRole, JK.responsibleUnit, "responsible-unit"),
}
BOUNDS = {"minimum": JK.Minimum, "maximum": JK.Maximum, "exact": JK.Exact}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def decimal(value) -> Literal:
    """An xsd:decimal in canonical form (5000.0), so every serialization writes the same lexical value."""
    lexical = format(value, "f")
    return Literal(lexical if "." in lexical else f"{lexical}.0", datatype=XSD.decimal)


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
        self.iri = ID[f"notice/{slug}"]
        self.text_iri = ID[f"notice/{slug}/text"]
        self.plan = ID[f"plan/{slug}"]
        aliases = {m.defines_alias: m.name for m in self._mentions() if m.defines_alias}
        self.agents = AgentWriter(graph, registry, aliases)

    def _mentions(self):
        yield from (*self.notice.addressees, *self.notice.supervisors)
        for task in self.notice.tasks():
            for line in task.assignments:
                yield from line.mentions
        for annex in self.notice.annexes:
            yield from annex.members

    def describe(self, subject: URIRef, properties: dict) -> None:
        """Add `subject predicate object` for each item; a list value adds one triple per object."""
        for predicate, objects in properties.items():
            for obj in objects if isinstance(objects, list) else [objects]:
                self.g.add((subject, predicate, obj))

    def english(self, key: str) -> list[Literal]:
        found = self.registry.headings_en.get((self.notice.doc_number, key))
        return [en(found)] if found else []

    def write(self) -> None:
        self._source_text()
        self._notice()
        self._requirements()
        self._plan()
        for part in self.notice.parts:
            self._node(part, self.plan)
        for number, annex in enumerate(self.notice.annexes, start=1):
            iri, body = URIRef(f"{self.iri}/annex/{number}"), self.agents.organization(annex.body)
            self.agents.members(body, [self.agents.organization(m) for m in annex.members])
            self.g.add((self.iri, JK.annex, iri))
            self.describe(
                iri,
                {
                    RDF.type: JK.Annex,
                    JK.number: Literal(annex.number),
                    JK.listsMembersOf: body,
                    DCTERMS.title: zh(annex.title),
                    SKOS.prefLabel: zh(annex.title),
                },
            )
            self._source(iri, annex.span)
        self.agents.write_vocabularies()

    def _source_text(self) -> None:
        n = self.notice
        self.describe(
            self.text_iri,
            {
                RDF.type: JK.SourceText,
                JK.content: Literal(n.source),
                DCTERMS.format: Literal("text/plain"),
                SKOS.prefLabel: [zh(f"{n.doc_number}原文"), en(f"Source text of {n.doc_number}")],
            },
        )

    def _notice(self) -> None:
        n = self.notice
        self.describe(
            self.iri,
            {
                RDF.type: JK.Notice,
                DCTERMS.identifier: Literal(n.doc_number),
                DCTERMS.title: [zh(n.title), *self.english("notice")],
                SKOS.prefLabel: [zh(n.title), *self.english("notice")],
                JK.documentCode: Literal(n.doc_code),
                DCTERMS.issued: Literal(n.issued, datatype=XSD.date),
                JK.issuer: self.agents.organization(n.issuer),
                JK.addressee: [self.agents.organization(m) for m in n.addressees],
                JK.supervisor: [self.agents.organization(m) for m in n.supervisors],
                JK.preamble: zh(n.preamble),
                JK.plan: self.plan,
                JK.sourceText: self.text_iri,
            },
        )
        self._source(self.iri, n.title_span)

    def _requirements(self) -> None:
        for ordinal, paragraph in enumerate(self.notice.requirements, start=1):
            iri = URIRef(f"{self.iri}/requirement/{ordinal}")
            self.g.add((self.iri, JK.requirement, iri))
            self.describe(
                iri,
                {
                    RDF.type: JK.Requirement,
                    JK.number: Literal(paragraph.number),
                    JK.ordinal: Literal(ordinal),
                    JK.text: zh(paragraph.text),
                },
            )
            self._source(iri, paragraph.span)

    def _plan(self) -> None:
        titles = [zh(self.notice.plan_title), *self.english("plan")]
        self.describe(self.plan, {RDF.type: JK.Plan, SKOS.prefLabel: titles, DCTERMS.title: titles})
        self._source(self.plan, self.notice.plan_span)

    def _node(self, node: Node, parent: URIRef) -> None:
        notation = ".".join(map(str, node.path))
        iri = URIRef(f"{self.plan}/{notation}")
        kind = "Task" if node.is_task else "Section"
        heading_en = [f" {e}" for e in self.english(notation)]
        self.describe(
            iri,
            {
                RDF.type: JK[kind],
                JK.partOf: parent,
                JK.number: Literal(node.number),
                JK.numberValue: Literal(node.value),
                JK.ordinal: Literal(node.ordinal),
                JK.level: Literal(node.level),
                SKOS.notation: Literal(notation),
                JK.printedPath: Literal(node.printed_path),
                SKOS.prefLabel: [
                    zh(f"{node.printed_path} {node.heading or node.text}"),
                    en(f"{kind} {notation}{''.join(heading_en)}"),
                ],
            },
        )
        if node.heading:
            self.g.add((iri, JK.heading, zh(node.heading)))
        if node.text is not None:
            self.g.add((iri, JK.text if node.is_task else DCTERMS.description, zh(node.text)))
        self._source(iri, node.span)
        for line in node.assignments:
            self._assignments(iri, line)
        for number, target in enumerate(node.targets, start=1):
            self._target(iri, URIRef(f"{iri}#target-{number}"), target)
        for child in node.children:
            self._node(child, iri)

    def _assignments(self, task: URIRef, line: AssignmentLine) -> None:
        role, direct, notation = ROLES[line.role]
        if line.open_ended:
            self.g.add((task, JK.openEndedRole, role))
        for position, mention in enumerate(line.mentions, start=1):
            official = line.role is Role.LEAD_OFFICIAL
            agent = self.agents.official(mention) if official else self.agents.organization(mention)
            iri = URIRef(f"{task}#{notation}-{position}")
            self.describe(task, {direct: agent, JK.assignee: agent, JK.assignment: iri})
            self.describe(
                iri,
                {
                    RDF.type: JK.Assignment,
                    JK.agent: agent,
                    JK.role: role,
                    JK.position: Literal(position),
                    JK.printedName: zh(mention.printed),
                    JK.actedUnder: [zh(name) for name in mention.acted_under],
                    JK.viaMembers: [Literal(True)] if mention.members_of else [],
                },
            )
            self._source(iri, mention.span)

    def _target(self, task: URIRef, iri: URIRef, target: Target) -> None:
        self.g.add((task, JK.target, iri))
        self.describe(
            iri,
            {
                RDF.type: JK.Target,
                JK.value: decimal(target.value),
                JK.unit: self.agents.unit(target.unit),
                JK.bound: BOUNDS[target.bound.value],
                JK.printedValue: zh(target.printed_value),
                JK.text: zh(target.text),
                SKOS.prefLabel: zh(target.text),
            },
        )
        self._source(iri, target.span)

    def _source(self, subject: URIRef, span: Span) -> None:
        add_source(self.g, subject, span, self.notice.source, self.text_iri)
