"""Where things are: the files the package carries, and the names of the files a build writes.

The package carries the notice, the registry (data/), the ontology and shapes,
and the saved queries (in a checkout, `jieshou_kg/data` and its siblings are
links to the folders at the root, which stay the source). `Layout` is the
only owner of the names of the files in dist/ and ontology/.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files(__package__)))
BUNDLED_DATA = PACKAGE / "data"
BUNDLED_NOTICE = BUNDLED_DATA / "jieshou-2020-key-tasks.txt"
BUNDLED_ONTOLOGY = PACKAGE / "ontology"
BUNDLED_QUERIES = PACKAGE / "queries"
SITE_QUERIES = BUNDLED_QUERIES / "site"  # the site's own queries (resource pages, pickers, labels)
STEM = "jieshou-kg"
REVIEW = "names-to-review.csv"  # written beside the dumps: the names the registry did not know
CATALOGUE = "catalogue.ttl"  # in the data folder: what the VoID/DCAT description says that is not computed


@dataclass(frozen=True)
class Dump:
    """A file of dist/ the site offers for download: its name, media type, and the UI message that describes it."""

    name: str
    mimetype: str
    message: str
    is_data: bool = True  # an RDF serialisation of the dataset (a void:dataDump), not a report


DUMPS = (
    Dump(f"{STEM}.ttl", "text/turtle", "dump_turtle"),
    Dump(f"{STEM}.nt", "application/n-triples", "dump_ntriples"),
    Dump(f"{STEM}.jsonld", "application/ld+json", "dump_jsonld"),
    Dump(f"{STEM}.trig", "application/trig", "dump_trig"),
    Dump(f"{STEM}.nq", "application/n-quads", "dump_nquads"),
    Dump("validation-report.ttl", "text/turtle", "dump_report_turtle", is_data=False),
    Dump("validation-report.txt", "text/plain; charset=utf-8", "dump_report_text", is_data=False),
)
ONTOLOGY_FILES = (
    Dump(f"{STEM}.ttl", "text/turtle", "ontology_turtle"),
    Dump("shapes.ttl", "text/turtle", "shapes_turtle"),
)


@dataclass(frozen=True)
class Layout:
    """The built dumps in `dist`, the ontology and shapes in `ontology`; `dump` overrides the dataset served."""

    dist: Path
    ontology: Path
    dump: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "dist", Path(self.dist))
        object.__setattr__(self, "ontology", Path(self.ontology))

    @property
    def dataset(self) -> Path:
        """The dataset the stores load: each notice, the registry and the ontology as named graphs."""
        return Path(self.dump) if self.dump else self.dist / f"{STEM}.trig"

    @property
    def nquads(self) -> Path:
        """Every named graph as N-Quads (what `load` publishes, graph by graph)."""
        return self.dist / f"{STEM}.nq"

    @property
    def ontology_file(self) -> Path:
        return self.ontology / f"{STEM}.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology / "shapes.ttl"

    def dump_file(self, name: str) -> Path:
        return self.dist / name

    def ontology_path(self, name: str) -> Path:
        return self.ontology / name
