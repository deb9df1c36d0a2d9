"""grlc itself (in a venv of its own, .venv-grlc, made by ./dev: its pins are not ours) builds a web API from
the site's /grlc.yml and answers saved queries through it, row for row as the site does."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import ROOT, require

GRLC = ROOT / ".venv-grlc" / "bin" / "python"


@pytest.mark.server
def test_grlc_builds_its_api_from_the_site_and_answers_like_it(server, client, tmp_path):
    require(GRLC.is_file(), "grlc is not installed (./dev makes .venv-grlc)")
    run = subprocess.run(
        [str(GRLC), str(ROOT / "tests" / "grlc_client.py"), server],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["operations"]["/organization-co-leads"][-2:] == ["org", "lang"]
    assert "viaAnnex" in found["operations"]["/organization-involvement"]
    for name, args, status, rows in found["rows"]:
        ours = client.get(f"/queries/{name}.json", query_string={k: v for k, v in args.items() if k != "lang"})
        assert status == 200 and rows == ours.get_json()["count"], (name, args)
