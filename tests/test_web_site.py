"""The site as people meet it: two languages, one error shape, and no dead link anywhere (crawled over HTTP)."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from rdflib import URIRef

from jieshou_kg.web.charts import FONT, _overlap, _text_width
from jieshou_kg.web.labels import pick as pick_label

TEMPLATES = Path(__file__).resolve().parents[1] / "jieshou_kg" / "web" / "templates"
MESSAGES = Path(__file__).resolve().parents[1] / "jieshou_kg" / "web" / "messages.yaml"


def test_chinese_by_default(client):
    page = client.get("/").text
    assert '<html lang="zh-Hans">' in page and "<title>界首市政府重点工作知识图谱</title>" in page
    assert 'id="lang-toggle" href="/?lang=en"' in page


def test_language_toggle_sticks(client):
    english = client.get("/queries/organization-co-leads?lang=en")
    assert '<html lang="en">' in english.text and "Tasks an organization co-leads" in english.text
    assert "lang=en" in english.headers["Set-Cookie"]
    assert "Jieshou Landscaping Administration Office" in client.get("/queries/organization-co-leads").text
    assert '<html lang="zh-Hans">' in client.get("/?lang=zh").text


def test_accept_language(app):
    fresh = app.test_client()
    assert '<html lang="en">' in fresh.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert '<html lang="zh-Hans">' in fresh.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert '<html lang="zh-Hans">' in fresh.get("/", headers={"Accept-Language": "fr"}).text


def test_labels_fall_back_from_chinese_to_english_to_the_local_name():
    iri = URIRef("https://w3id.org/jieshou-kg/id/org/x-bureau")
    assert pick_label({"zh": "某局", "en": "X Bureau"}, "en", iri) == "X Bureau"
    assert pick_label({"zh": "某局"}, "en", iri) == "某局"
    assert pick_label({"en": "X Bureau"}, "zh", iri) == "X Bureau"
    assert pick_label({}, "zh", iri) == "x-bureau"


def test_every_ui_message_exists_in_both_languages():
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z_]+[a-z])'", template.read_text(encoding="utf-8")))
    used |= {f"audience_{a}" for a in ("staff", "researchers")}
    assert used <= set(messages), used - set(messages)
    for key, texts in messages.items():
        assert set(texts) == {"zh", "en"} and all(texts.values()), key


def test_one_error_shape(client, app):
    page = client.get("/queries/no-such-query?lang=zh")
    assert page.status_code == 404 and page.mimetype == "text/html" and "没有名为“no-such-query”的常用查询" in page.text
    assert "no saved query &#39;no-such-query&#39;" in client.get("/queries/no-such-query?lang=en").text
    as_json = app.test_client().get("/queries/no-such-query", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    assert as_json.get_json() == {"error": {"status": 404, "message": "no saved query 'no-such-query'"}}


def test_health(client):
    assert client.get("/health").get_json()["status"] == "ok"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("#", "mailto:")):
                self.links.append(value)


def test_crawl_every_page_over_http(server):
    """From the home page, follow every link on the site: nothing is a 404 or a 500."""
    seen, queue, broken, pages = {"/"}, deque(["/"]), [], 0
    while queue:
        path = queue.popleft()
        try:
            with urllib.request.urlopen(server + path, timeout=30) as response:
                kind, content = response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as err:
            broken.append((path, err.code))
            continue
        pages += 1
        if kind != "text/html":
            continue
        parser = Links()
        parser.feed(content.decode("utf-8"))
        for link in parser.links:
            url = urlparse(urljoin(server + path, link))
            if url.netloc != urlparse(server).netloc:
                continue
            local = url.path + (f"?{url.query}" if url.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
    assert broken == []
    assert pages > 500


def bar_rows(section: str) -> dict[str, int]:
    return {
        name: int(value)
        for name, value in re.findall(
            r'<th scope="row"><a href="[^"]*">([^<]+)</a></th>\s*<td[^>]*>.*?<span class="value">(\d+)<', section, re.S
        )
    }


def test_charts_draw_the_workload_and_the_network(client):
    page = client.get("/charts?lang=zh").text
    officials = page.split('id="chart-workload-officials"')[1].split('id="chart-workload-organizations"')[0]
    assert bar_rows(officials)["应鹏飞"] == 36 and bar_rows(officials)["滕敏"] == 19 and len(bar_rows(officials)) == 9
    organizations = page.split('id="chart-workload-organizations"')[1].split('id="network-chart"')[0]
    assert len(bar_rows(organizations)) == 25 and bar_rows(organizations)["安徽阜阳界首高新技术产业开发区管委会"] == 67
    network = page.split('id="network-chart"')[1]
    assert network.count("<circle") > 20 and network.count("<line") > 20
    assert 'href="/id/org/hitech-zone"' in network.split("</svg>")[1], "the units are links in the table beside it"
    assert "<a " not in network.split("</svg>")[0], "no links hidden inside an image"
    assert "<figcaption" not in page, "no caption that repeats the heading"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_network_labels_never_collide_and_stay_inside(client, lang):
    page = client.get(f"/charts?lang={lang}").text
    svg = page.split('id="network-chart"')[1].split("</svg>")[0]
    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    boxes = []
    for x, y, anchor, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]+)</text>', svg):
        w = _text_width(html.unescape(text))
        left = float(x) - {"start": 0, "middle": w / 2, "end": w}[anchor]
        boxes.append((left, float(y) + 3 - (FONT + 2), left + w, float(y) + 3))
    assert len(boxes) >= 8
    assert all(b[0] >= 0 and b[2] <= width and b[1] >= 0 and b[3] <= height for b in boxes)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b)]
