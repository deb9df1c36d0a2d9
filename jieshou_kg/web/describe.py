"""What a resource page shows, by kind of resource. Each function returns plain rows for its template;
the SPARQL lives in queries/site/*.rq and stays portable (it also runs on remote stores)."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import ORG, RDF

from ..namespaces import JK
from .description import Description
from .site import Site

ROLE_ORDER = [JK.LeadOfficialRole, JK.LeadUnitRole, JK.CooperatingUnitRole, JK.ResponsibleUnitRole]
KINDS = [
    (JK.Task, "task"),
    (JK.Section, "section"),
    (JK.Plan, "plan"),
    (JK.Notice, "notice"),
    (ORG.Organization, "organization"),
    (JK.CollectiveAgent, "collective"),
    (JK.Official, "official"),
    (JK.SourceText, "source"),
]


def triples(site: Site, iri: URIRef) -> list[ox.Triple]:
    """The resource's description in RDF: its own triples, those of its #parts (assignments, targets,
    sources, its implementation) and the links to it, in one query (queries/site/describe.rq); sorted,
    so that the same data is always written the same way."""
    solutions = site.execute("describe", iri=iri)
    found = (ox.Triple(row["s"], row["p"], row["o"]) for row in solutions)
    return sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def description(site: Site, iri: URIRef) -> Description:
    """What the resource's page shows: its own triples and the links to it (queries/site/resource-page.rq)."""
    rows = site.select("resource-page", iri=iri).rows
    return Description((row["s"], row["p"], row["o"]) for row in rows)


def kind_of(graph: Description, iri: URIRef) -> str:
    types = set(graph.objects(iri, RDF.type))
    return next((kind for cls, kind in KINDS if cls in types), "resource")


def item_place(site: Site, item: URIRef) -> dict:
    """Where a plan, section or task stands: `trail` (from the plan down to its parent), `in_notice`
    (the notice and its number, or None) and `span` (its source text, start and end, or None)."""
    rows = site.select("item-place", item=item).rows
    ups = sorted((r for r in rows if r.get("up", item) != item), key=lambda r: int(r.get("level", 0)))
    notice = next((r for r in rows if "notice" in r), None)
    span = next((r for r in rows if "text" in r), None)
    return {
        "trail": [r["up"] for r in ups],
        "in_notice": notice,
        "span": span and {"text": span["text"], "start": int(span["start"]), "end": int(span["end"])},
    }


def task_assignments(site: Site, task: URIRef) -> list[dict]:
    rows = site.select("task-assignments", task=task).rows
    return sorted(rows, key=lambda r: (ROLE_ORDER.index(r["role"]), int(r["position"])))


def task_targets(site: Site, task: URIRef) -> list[dict]:
    return sorted(site.select("task-targets", task=task).rows, key=lambda r: str(r["target"]))


def source_content(site: Site, text_iri: URIRef) -> str:
    """A source text's content, kept once fetched: there is one per notice, and every page of its tasks
    quotes it."""

    def fetch() -> str:
        rows = site.select("source-content", text=text_iri).rows
        return str(rows[0]["content"]) if rows else ""

    return site.memo(("source-content", text_iri), fetch)


def agent_tasks(site: Site, agent: URIRef) -> dict[str, list[dict]]:
    """An agent's tasks grouped as lead (alone), co-lead, cooperating, responsible, and through annex bodies."""
    groups: dict[str, list[dict]] = defaultdict(list)
    other_roles = {JK.CooperatingUnitRole: "cooperating", JK.ResponsibleUnitRole: "responsible"}
    for row in site.select("agent-tasks", agent=agent).rows:
        if row["via"] != agent:
            groups["via_members"].append(row)
        elif row["role"] == JK.LeadUnitRole:
            groups["co_lead" if int(row["leads"]) > 1 else "lead"].append(row)
        else:
            groups[other_roles.get(row["role"], "lead")].append(row)
    return dict(groups)


def partners(site: Site, agent: URIRef) -> list[dict]:
    return site.select("partners", agent=agent).rows


def official_tasks(site: Site, official: URIRef) -> list[tuple[URIRef, list[dict]]]:
    """The official's tasks under each level-2 section, in document order."""
    sections: dict[URIRef, list[dict]] = {}
    for row in site.select("official-tasks", official=official).rows:
        sections.setdefault(row["section"], []).append(row)
    return list(sections.items())


def contents(site: Site, parent: URIRef) -> list[dict]:
    """The items directly under a plan or section, with how many tasks each holds."""
    return site.select("contents", parent=parent).rows


def collective_tasks(site: Site, collective: URIRef) -> list[dict]:
    return site.select("collective-tasks", c=collective).rows


def notices(site: Site) -> list[dict]:
    """The notices, newest first: place, year, document number, title, plan, number of tasks (listed once)."""
    return site.memo("notices", lambda: site.select("notices").rows)


def agent_notices(site: Site, agent: URIRef) -> list[dict]:
    """The notices that give an agent tasks, oldest first, with how many."""
    return site.select("agent-notices", agent=agent).rows
