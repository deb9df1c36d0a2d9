"""IRIs <-> the site's URLs: every IRI under the dataset's base resolves at this site's root."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Identifier

from ..namespaces import BASE


def local_url(iri: Identifier | str) -> str | None:
    """The site's URL for an IRI it serves (…/id/x is /id/x), else None (an rdflib IRI or a plain string)."""
    text = str(iri)
    is_iri = isinstance(iri, URIRef) or (isinstance(iri, str) and not isinstance(iri, Identifier))
    return "/" + text[len(BASE) :] if is_iri and text.startswith(BASE) else None


def iri_of(path: str) -> URIRef:
    """The IRI a site path stands for."""
    return URIRef(BASE + path.lstrip("/"))


def local_name(iri: Identifier) -> str:
    text = str(iri)
    return text.rstrip("/").rpartition("#" if "#" in text else "/")[2] or text
