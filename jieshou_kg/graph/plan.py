"""The plan -> RDF: sections and tasks by their printed numbers, assignments, targets.

plan/jiezhengfa-2020-11/1.1.3.2              a section or task
plan/…/1.1.3.2#lead-unit-1                   an assignment (role, position in the list)
plan/…/1.1.3.2#target-1                      a target
plan/…/1.1.3.2#implementation                carrying the task out (a prov:Activity), qualified by its assignments
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ..model import AssignmentLine, Node, Role, Target
from ..namespaces import JK
from .agents import AgentWriter
from .triples import Triples, decimal, en, zh

ROLES = {
    Role.LEAD_OFFICIAL: (JK.LeadOfficialRole, JK.leadOfficial, "lead-official"),
    Role.LEAD_UNIT: (JK.LeadUnitRole, JK.leadUnit, "lead-unit"),
    Role.COOPERATING_UNIT: (JK.CooperatingUnitRole, JK.cooperatingUnit, "cooperating-unit"),
    Role.RESPONSIBLE_UNIT: (JK.ResponsibleUnitRole, JK.responsibleUnit, "responsible-unit"),
}
BOUNDS = {"minimum": JK.Minimum, "maximum": JK.Maximum, "exact": JK.Exact}


class PlanWriter:
    def __init__(self, out: Triples, agents: AgentWriter, english: Callable[[str], list[Literal]]):
        self.out, self.agents, self.english = out, agents, english

    def node(self, node: Node, parent: URIRef, plan: URIRef) -> None:
        """Write `node` under `parent`, and everything under it."""
        notation = ".".join(map(str, node.path))
        iri = URIRef(f"{plan}/{notation}")
        kind = "Task" if node.is_task else "Section"
        heading_en = [f" {e}" for e in self.english(notation)]
        self.out.describe(
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
            self.out.g.add((iri, JK.heading, zh(node.heading)))
        if node.text is not None:
            self.out.g.add((iri, JK.text if node.is_task else DCTERMS.description, zh(node.text)))
        if node.deadline is not None:
            self.out.g.add((iri, JK.deadline, zh(node.deadline)))
        self.out.source(iri, node.span)
        for line in node.assignments:
            self._assignments(iri, line)
        for number, target in enumerate(node.targets, start=1):
            self._target(iri, URIRef(f"{iri}#target-{number}"), target)
        for child in node.children:
            self.node(child, iri, plan)

    def _assignments(self, task: URIRef, line: AssignmentLine) -> None:
        role, direct, notation = ROLES[line.role]
        if line.open_ended:
            self.out.g.add((task, JK.openEndedRole, role))
        for position, mention in enumerate(line.mentions, start=1):
            official = line.role is Role.LEAD_OFFICIAL
            agent = self.agents.official(mention) if official else self.agents.organization(mention)
            iri = URIRef(f"{task}#{notation}-{position}")
            self.out.describe(task, {direct: agent, JK.assignee: agent, JK.assignment: iri})
            self._implementation(task, iri, agent)
            self.out.describe(
                iri,
                {
                    RDF.type: JK.Assignment,
                    PROV.hadPlan: task,
                    JK.agent: agent,
                    JK.role: role,
                    JK.position: Literal(position),
                    JK.printedName: zh(mention.printed),
                    JK.actedUnder: [zh(name) for name in mention.acted_under],
                    JK.viaMembers: [Literal(True)] if mention.members_of else [],
                },
            )
            self.out.source(iri, mention.span)

    def _implementation(self, task: URIRef, assignment: URIRef, agent: URIRef) -> None:
        """PROV's pattern: the activity of carrying the task out, associated with each agent by an assignment."""
        activity = URIRef(f"{task}#implementation")
        self.out.describe(
            activity,
            {
                RDF.type: PROV.Activity,
                PROV.used: task,  # the plan it carries out (and the link a reader of the task follows to it)
                PROV.qualifiedAssociation: assignment,
                PROV.wasAssociatedWith: agent,
            },
        )

    def _target(self, task: URIRef, iri: URIRef, target: Target) -> None:
        self.out.g.add((task, JK.target, iri))
        self.out.describe(
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
        self.out.source(iri, target.span)
