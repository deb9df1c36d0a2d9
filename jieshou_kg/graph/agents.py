"""Agents -> RDF: organizations, collective references, officials and posts, and the
kinds and units they refer to. Each is written once, the first time it is met.
Names are looked up in the registry as names of the notice's place; a minted
agent (not in data/) also says its place (jk:place).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from ..model import Mention
from ..namespaces import ID, JK
from ..notice.registry import Agent, Registry
from .triples import Statements

PATHS = {"organization": "org", "collective": "collective", "official": "person", "post": "post"}


class AgentWriter:
    def __init__(
        self, graph: Statements, registry: Registry, aliases: dict[str, str], place: str = "", notice: str = ""
    ):
        self.g, self.registry, self.aliases = graph, registry, aliases
        self.place, self.notice = place, notice
        self.written: set[URIRef] = set()
        self.kinds: set[str] = set()
        self.units: set[str] = set()

    def organization(self, mention: Mention) -> URIRef:
        """The organization or collective agent a mention names, written with the names it was printed under."""
        name = self.aliases.get(mention.name, mention.name)
        agent = self.registry.organization(name, place=self.place, notice=self.notice)
        iri = self._write(agent)
        names = [mention.name, *mention.acted_under, mention.defines_alias or ""]
        for name in names:
            if name:
                self._alt_label(iri, Literal(name, lang="zh"))
        return iri

    def _alt_label(self, iri: URIRef, label: Literal) -> None:
        """An alternative name, unless it is the preferred name in that language (SKOS S13: they are disjoint)."""
        if (iri, SKOS.prefLabel, label) not in self.g:
            self.g.add((iri, SKOS.altLabel, label))

    def official(self, mention: Mention) -> URIRef:
        """The official, or the post (市政府常务副市长), a leader's mention names."""
        return self._write(self.registry.official(mention.name, self.place, self.notice, post=mention.post))

    def iri(self, agent: Agent) -> URIRef:
        return ID[f"{PATHS[agent.category]}/{agent.slug}"]

    def _write(self, agent: Agent) -> URIRef:
        iri = self.iri(agent)
        if iri in self.written:
            return iri
        self.written.add(iri)
        self._names(iri, agent)
        g = self.g
        if not agent.registered and agent.place:
            g.add((iri, JK.place, Literal(agent.place, lang="zh")))
        if agent.category in ("official", "post"):
            g.add((iri, RDF.type, JK.Official))
            if agent.category == "post":
                g.add((iri, RDF.type, ORG.Post))
        elif agent.category == "collective":
            g.add((iri, RDF.type, JK.CollectiveAgent))
            g.add((iri, JK.exhaustive, Literal(agent.scope == "all")))
            for kind in agent.covers:
                g.add((iri, JK.covers, self.kind(kind)))
        else:
            g.add((iri, RDF.type, ORG.Organization))
            g.add((iri, JK.kind, self.kind(agent.kind)))
            if agent.kind == "coordinating-body":
                g.add((iri, RDF.type, JK.CoordinatingBody))
        return iri

    def _names(self, iri: URIRef, agent: Agent) -> None:
        self.g.add((iri, SKOS.prefLabel, Literal(agent.zh, lang="zh")))
        if agent.en:
            self.g.add((iri, SKOS.prefLabel, Literal(agent.en, lang="en")))
        if agent.category == "official":
            # the language tag in canonical (lower) case, as RDF stores and every dump write it
            self.g.add((iri, SKOS.prefLabel, Literal(agent.pinyin, lang="zh-latn-pinyin")))
        for other in agent.other_names:
            self._alt_label(iri, Literal(other.zh, lang="zh"))
            if other.en:
                self._alt_label(iri, Literal(other.en, lang="en"))

    def members(self, body: URIRef, members: list[URIRef]) -> None:
        for member in members:
            self.g.add((body, ORG.hasMember, member))
            self.g.add((member, ORG.memberOf, body))

    def kind(self, slug: str) -> URIRef:
        self.kinds.add(slug)
        return ID[f"kind/{slug}"]

    def unit(self, zh: str) -> URIRef:
        self.units.add(zh)
        return ID[f"unit/{self.registry.units[zh].slug}"]

    def write_vocabularies(self) -> None:
        for slug in sorted(self.kinds):
            iri, (name_zh, name_en) = ID[f"kind/{slug}"], self.registry.kinds[slug]
            self.g.add((iri, RDF.type, JK.OrganizationKind))
            self.g.add((iri, SKOS.inScheme, JK.OrganizationKinds))
            self.g.add((iri, SKOS.prefLabel, Literal(name_zh, lang="zh")))
            self.g.add((iri, SKOS.prefLabel, Literal(name_en, lang="en")))
        for zh in sorted(self.units):
            unit = self.registry.units[zh]
            iri = ID[f"unit/{unit.slug}"]
            self.g.add((iri, RDF.type, JK.Unit))
            self.g.add((iri, SKOS.inScheme, JK.Units))
            self.g.add((iri, SKOS.prefLabel, Literal(unit.zh, lang="zh")))
            self.g.add((iri, SKOS.prefLabel, Literal(unit.en, lang="en")))
            self.g.add((iri, SKOS.notation, Literal(unit.slug)))
            if unit.qudt:
                self.g.add((iri, SKOS.exactMatch, URIRef(unit.qudt)))
