"""Run by grlc's own interpreter (.venv-grlc, see ./dev), not by pytest: grlc builds its API from the
site's /grlc.yml and answers some saved queries through it. Prints what it found, as JSON.

    .venv-grlc/bin/python tests/grlc_client.py http://127.0.0.1:5000
"""

import json
import sys

from grlc import utils

base = sys.argv[1].rstrip("/")
spec_url = base + "/grlc.yml"
CALLS = [
    ("organization-co-leads", {"org": "https://w3id.org/jieshou-kg/id/org/finance", "lang": "zh"}),
    (
        "organization-cooperates",
        {"org": "https://w3id.org/jieshou-kg/id/org/housing-urban-rural-development", "viaAnnex": "false"},
    ),
    ("targets", {"unit": "https://w3id.org/jieshou-kg/id/unit/mu"}),
    ("targets", {}),
    ("text-search", {"word": "污染"}),
]
swagger = utils.build_swagger_spec(None, None, None, spec_url, None, "localhost", None)
found = {
    "operations": {path: [p["name"] for p in item["get"]["parameters"]] for path, item in swagger["paths"].items()}
}
found["rows"] = []
for name, args in CALLS:
    body, status, _ = utils.dispatch_query(None, None, name, spec_url=spec_url, requestArgs=args, method="GET")
    found["rows"].append([name, args, status, len(json.loads(body)["results"]["bindings"])])
print(json.dumps(found))
