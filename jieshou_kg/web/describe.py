"""What a resource page shows, by kind of resource. Each function returns plain
dicts for its template; the SPARQL stays portable (it also runs on remote stores).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF

from ..binding import bind_values
from ..namespaces import JK
from ..store import Table

PREFIXES = """PREFIX jk: <https://w3id.org/jieshou-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
ROLE_ORDER = [JK.LeadOfficialRole, JK.LeadUnitRole, JK.CooperatingUnitRole, JK.ResponsibleUnitRole]
MAX_TRIPLES = 2000


def describe_graph(store, iri: URIRef) -> Graph:
    """The resource's own triples, those of its #parts (assignments, targets, sources), and the links to it."""
    graph = store.construct(f"CONSTRUCT {{ {iri.n3()} ?p ?o }} WHERE {{ {iri.n3()} ?p ?o }}")
    frontier = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(f"{iri}#")}
    seen: set[URIRef] = set()
    while frontier and len(graph) < MAX_TRIPLES:
        values = " ".join(part.n3() for part in frontier)
        part_graph = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
        graph += part_graph
        seen |= frontier
        frontier = {o for o in part_graph.objects() if isinstance(o, URIRef) and str(o).startswith(f"{iri}#")} - seen
    graph += store.construct(f"CONSTRUCT {{ ?s ?p {iri.n3()} }} WHERE {{ ?s ?p {iri.n3()} }} LIMIT {MAX_TRIPLES}")
    return graph


def kind_of(graph: Graph, iri: URIRef) -> str:
    types = set(graph.objects(iri, RDF.type))
    for cls, kind in [
        (JK.Task, "task"),
        (JK.Section, "section"),
        (JK.Plan, "plan"),
        (JK.Notice, "notice"),
        (ORG.Organization, "organization"),
        (JK.CollectiveAgent, "collective"),
        (JK.Official, "official"),
        (JK.SourceText, "source"),
    ]:
        if cls in types:
            return kind
    return "resource"


def select(store, query: str, **iris: URIRef) -> Table:
    return store.select(bind_values(PREFIXES + query, iris))


def breadcrumb(store, iri: URIRef) -> list[URIRef]:
    """From the plan down to the item's parent."""
    rows = select(
        store, "SELECT ?up ?level WHERE { ?item jk:partOf+ ?up . OPTIONAL { ?up jk:level ?level } }", item=iri
    )
    return [r["up"] for r in sorted(rows.rows, key=lambda r: int(r.get("level", 0)))]


def task_assignments(store, task: URIRef) -> list[dict]:
    rows = select(
        store,
        """SELECT ?role ?agent ?position ?printed (GROUP_CONCAT(?name; separator="; ") AS ?actedUnder)
        WHERE { ?task jk:assignment ?a . ?a jk:role ?role ; jk:agent ?agent ; jk:position ?position ;
                jk:printedName ?printed . OPTIONAL { ?a jk:actedUnder ?name } }
        GROUP BY ?role ?agent ?position ?printed""",
        task=task,
    ).rows
    return sorted(rows, key=lambda r: (ROLE_ORDER.index(r["role"]), int(r["position"])))


def task_targets(store, task: URIRef) -> list[dict]:
    rows = select(
        store,
        """SELECT ?target ?text ?value ?unit ?bound ?printed WHERE {
        ?task jk:target ?target . ?target jk:text ?text ; jk:value ?value ; jk:unit ?unit ; jk:bound ?bound ;
        jk:printedValue ?printed }""",
        task=task,
    ).rows
    return sorted(rows, key=lambda r: str(r["target"]))


def source_span(store, iri: URIRef) -> dict | None:
    rows = select(
        store,
        """SELECT ?text ?start ?end WHERE { ?item jk:source ?src . ?src oa:hasSource ?text ;
        oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }""",
        item=iri,
    ).rows
    if not rows:
        return None
    return {"text": rows[0]["text"], "start": int(rows[0]["start"]), "end": int(rows[0]["end"])}


def source_content(store, text_iri: URIRef) -> str:
    rows = select(store, "SELECT ?content WHERE { ?text jk:content ?content }", text=text_iri).rows
    return str(rows[0]["content"]) if rows else ""


def agent_tasks(store, agent: URIRef) -> dict[str, list[dict]]:
    """An agent's tasks grouped as lead (alone), co-lead, cooperating, responsible, and through annex bodies."""
    rows = select(
        store,
        """SELECT ?task ?number ?text ?role ?via (COUNT(DISTINCT ?lead) AS ?leads) WHERE {
        { ?task jk:assignment ?a . ?a jk:agent ?agent ; jk:role ?role . BIND(?agent AS ?via) }
        UNION { ?via org:hasMember ?agent . ?task jk:assignment ?a . ?a jk:agent ?via ; jk:role ?role . }
        ?task jk:printedPath ?number ; jk:text ?text ; jk:source/oa:hasSelector/oa:start ?at .
        OPTIONAL { ?task jk:leadUnit ?lead } }
        GROUP BY ?task ?number ?text ?role ?via ?at ORDER BY ?at""",
        agent=agent,
    ).rows
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["via"] != agent:
            groups["via_members"].append(row)
        elif row["role"] == JK.LeadUnitRole:
            groups["co_lead" if int(row["leads"]) > 1 else "lead"].append(row)
        else:
            key = {JK.CooperatingUnitRole: "cooperating", JK.ResponsibleUnitRole: "responsible"}.get(
                row["role"], "lead"
            )
            groups[key].append(row)
    return dict(groups)


def partners(store, agent: URIRef, limit: int = 12) -> list[dict]:
    return select(
        store,
        f"""SELECT ?partner (COUNT(DISTINCT ?task) AS ?shared) WHERE {{
        ?task jk:assignee ?agent , ?partner . ?partner a org:Organization . FILTER (?partner != ?agent) }}
        GROUP BY ?partner ORDER BY DESC(?shared) ?partner LIMIT {limit}""",
        agent=agent,
    ).rows


def official_tasks(store, official: URIRef) -> list[tuple[URIRef, list[dict]]]:
    """The official's tasks under each level-2 section, in document order."""
    rows = select(
        store,
        """SELECT ?task ?number ?text ?section WHERE {
        ?task jk:leadOfficial ?official ; jk:printedPath ?number ; jk:text ?text ;
              jk:partOf* ?section ; jk:source/oa:hasSelector/oa:start ?at .
        ?section jk:level 2 } ORDER BY ?at""",
        official=official,
    ).rows
    sections: dict[URIRef, list[dict]] = {}
    for row in rows:
        sections.setdefault(row["section"], []).append(row)
    return list(sections.items())


def contents(store, parent: URIRef) -> list[dict]:
    """The items directly under a plan or section, with how many tasks each holds."""
    return select(
        store,
        """SELECT ?item ?number ?kind (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
        ?item jk:partOf ?parent ; jk:printedPath ?number ; jk:ordinal ?ordinal ; a ?kind .
        FILTER (?kind IN (jk:Task, jk:Section))
        OPTIONAL { ?task jk:partOf* ?item . ?task a jk:Task } }
        GROUP BY ?item ?number ?kind ?ordinal ORDER BY ?ordinal""",
        parent=parent,
    ).rows


def collective_tasks(store, collective: URIRef) -> list[dict]:
    return select(
        store,
        """SELECT ?task ?number ?role ?text WHERE {
        ?task jk:assignment ?a . ?a jk:agent ?c ; jk:role ?role .
        ?task jk:printedPath ?number ; jk:text ?text ; jk:source/oa:hasSelector/oa:start ?at } ORDER BY ?at""",
        c=collective,
    ).rows


def notices(store, limit: int = 1000) -> list[dict]:
    """The notices and their plans, newest first."""
    return select(
        store,
        f"""PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?notice ?number ?issued ?plan WHERE {{
        ?notice a jk:Notice ; dcterms:identifier ?number ; dcterms:issued ?issued ; jk:plan ?plan }}
        ORDER BY DESC(?issued) ?number LIMIT {limit}""",
    ).rows
