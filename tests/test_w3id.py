"""The w3id.org redirects (w3id/.htaccess) in a real Apache: every kind of IRI lands on the same path of the
site, with its query string; the site's address is the one line the file says to change."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT, free_port, require

HTACCESS = ROOT / "w3id" / ".htaccess"
SITE = re.search(r"E=SITE:(\S+?)\]", HTACCESS.read_text()).group(1)
CONFIG = """ServerRoot {root}
ServerName localhost
Listen 127.0.0.1:{port}
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule rewrite_module {modules}/mod_rewrite.so
PidFile {root}/httpd.pid
ErrorLog {root}/error.log
User {user}
Group {group}
DocumentRoot {root}/www
<Directory {root}/www>
  AllowOverride All
  Require all granted
</Directory>
"""
# (the IRI's path under https://w3id.org/, where the site must be sent, and the status)
KINDS = [
    ("jieshou-kg/", "/", 302),
    ("jieshou-kg/def", "/def", 303),
    ("jieshou-kg/def/1.1", "/def/1.1", 303),
    ("jieshou-kg/shapes", "/ontology/shapes.ttl", 303),
    ("jieshou-kg/id/notice/jiezhengfa-2020-11", None, 303),
    ("jieshou-kg/id/notice/jiezhengfa-2020-11/text", None, 303),
    ("jieshou-kg/id/notice/jiezhengfa-2020-11/requirement/1", None, 303),
    ("jieshou-kg/id/notice/jiezhengfa-2020-11/annex/1", None, 303),
    ("jieshou-kg/id/plan/jiezhengfa-2020-11", None, 303),
    ("jieshou-kg/id/plan/jiezhengfa-2020-11/1.1.3.2", None, 303),
    ("jieshou-kg/id/org/housing-urban-rural-development", None, 303),
    ("jieshou-kg/id/collective/all-townships-subdistricts", None, 303),
    ("jieshou-kg/id/person/teng-min", None, 303),
    ("jieshou-kg/id/kind/township", None, 303),
    ("jieshou-kg/id/unit/mu", None, 303),
    ("jieshou-kg/id/dataset", None, 303),
    ("jieshou-kg/id/dataset/data", None, 303),
    ("jieshou-kg/id/plan/jiezhengfa-2020-11/1.1.3.2?format=ttl", None, 303),
]


@contextlib.contextmanager
def apache():
    """Debian's Apache on a loopback port, serving w3id/.htaccess as the w3id.org repository's jieshou-kg/."""
    binary = shutil.which("apache2") or "/usr/sbin/apache2"
    require(os.path.exists(binary), "Apache is not installed (apt-get install apache2)")
    root = Path(tempfile.mkdtemp(prefix="w3id-"))
    (root / "www" / "jieshou-kg").mkdir(parents=True)
    shutil.copy(HTACCESS, root / "www" / "jieshou-kg" / ".htaccess")
    for path in (root, root / "www", root / "www" / "jieshou-kg", root / "www" / "jieshou-kg" / ".htaccess"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # readable by the user Apache drops to when started as root
    port = free_port()
    user = "www-data" if os.geteuid() == 0 else f"#{os.geteuid()}"
    group = "www-data" if os.geteuid() == 0 else f"#{os.getegid()}"
    config = CONFIG.format(root=root, port=port, modules="/usr/lib/apache2/modules", user=user, group=group)
    (root / "httpd.conf").write_text(config)
    process = subprocess.Popen([binary, "-f", str(root / "httpd.conf"), "-DFOREGROUND"], stderr=subprocess.PIPE)
    try:
        _wait(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(10)
        process.stderr.close()
        shutil.rmtree(root, ignore_errors=True)


def _wait(port: int, process: subprocess.Popen) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            connection.request("HEAD", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
        finally:
            connection.close()
    raise TimeoutError("Apache did not start")


@pytest.fixture(scope="module")
def w3id():
    with apache() as port:
        yield port


def ask(port: int, path: str) -> tuple[int, str]:
    """One request, redirects not followed: the site they point to is never contacted."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/" + path, headers={"Accept": "text/turtle"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


@pytest.mark.parametrize(("path", "target", "status"), KINDS)
def test_every_kind_of_iri_lands_on_the_site(w3id, path, target, status):
    expected = SITE + (target or "/" + path.removeprefix("jieshou-kg/"))
    assert ask(w3id, path) == (status, expected)


def test_what_is_not_ours_is_not_redirected(w3id):
    assert ask(w3id, "other-project/id/x")[0] == 404
    assert ask(w3id, "jieshou-kg/def/not-a-version")[0] == 404


def test_the_site_serves_every_target(client):
    """Each path the rules send to exists on the site (the resource kinds and the ontology)."""
    for path, target, _ in KINDS:
        local = target or "/" + path.removeprefix("jieshou-kg/")
        if local.startswith("/id/dataset"):
            continue  # the dataset's description needs its dumps, tested in test_web_linked
        with client.get(local, headers={"Accept": "text/turtle"}) as response:
            assert response.status_code == 200, local
