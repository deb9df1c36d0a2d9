"""Notices of the genre other than Jieshou's: the three samples under tests/notices/, read by the same
parser (data/genre.yaml), each task's exact roles, and each sample built and validated on its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest
from conftest import ROOT, project_settings
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from jieshou_kg.build import build
from jieshou_kg.errors import InputError, ValidationFailed
from jieshou_kg.graph import notice_graph
from jieshou_kg.model import Role
from jieshou_kg.namespaces import ID, JK
from jieshou_kg.notice import Registry, parse_notice, read_notice
from jieshou_kg.notice.genre import load_genre

SAMPLES = ROOT / "tests" / "notices"
COUNTY, DISTRICT, CITY = "yunxi-county-2022", "yunhu-district-2023", "yunshan-city-2023"

# (printed path, jk:text, leaders, lead units, cooperating units, responsible units), checked in full
EXPECTED = {
    COUNTY: [
        (
            "一1",
            "地区生产总值增长8%左右,一般公共预算收入增长6%。",
            ("县政府常务副县长",),
            ("县发展改革委", "县财政局"),
            ("县统计局", "县税务局"),
            (),
        ),
        (
            "一2",
            "新开工亿元以上项目40个,固定资产投资增长10%以上。",
            ("王立新", "赵海峰"),
            ("县发展改革委",),
            ("县自然资源局", "县住建局", "县经开区管委会"),
            (),
        ),
        (
            "一3",
            "新增规模以上工业企业15家,规上工业增加值增长9%。",
            ("赵海峰",),
            ("县经信局",),
            ("县统计局", "各乡镇人民政府"),
            (),
        ),
        ("一4", "社会消费品零售总额增长8%。", ("孙丽",), ("县商务局",), ("县市场监管局", "县统计局"), ()),
        (
            "二1",
            "粮食播种面积稳定在85万亩以上,产量稳定在35万吨以上。",
            ("李春阳",),
            ("县农业农村局",),
            ("各乡镇人民政府",),
            (),
        ),
        ("二2", "新建高标准农田3万亩。", ("李春阳",), ("县农业农村局",), ("县财政局", "县水利局", "县自然资源局"), ()),
        ("二3", "改造农村公路120公里。", ("县政府副县长",), ("县交通运输局",), ("县财政局", "各乡镇人民政府"), ()),
        (
            "三1",
            "城镇新增就业5000人,城镇登记失业率控制在4%以内。",
            ("孙丽",),
            ("县人社局",),
            ("县财政局", "县教育局"),
            (),
        ),
        (
            "三2",
            "新建改扩建幼儿园6所,新增学位1800个。",
            ("孙丽", "王立新"),
            ("县教育局",),
            ("县发展改革委", "县财政局", "县住建局"),
            (),
        ),
        ("三3", "新增城市绿地10公顷。", ("王立新",), ("县住建局",), ("县自然资源局", "县城管局"), ()),
    ],
    DISTRICT: [
        ("一(一)", "地区生产总值增长7%,固定资产投资增长8%。", ("陈志强",), ("区发改局",), ("区统计局", "区财政局"), ()),
        (
            "一(二)",
            "实施重点项目60个,年度完成投资150亿元。",
            ("陈志强", "周敏"),
            ("区发改局",),
            ("区住建局", "区自然资源分局", "云湖经开区管委会", "各乡镇人民政府、街道办事处"),
            (),
        ),
        ("一(三)", "新增专项债券额度20亿元以上。", ("周敏",), ("区财政局",), ("区发改局",), ()),
        ("二(一)", "新增规模以上工业企业20家。", ("林海",), ("区经信局",), ("区市场监管局", "区税务局"), ()),
        ("二(二)", "新增国家高新技术企业30家。", ("林海",), ("区科技局",), ("区经信局", "区财政局"), ()),
        (
            "二(三)",
            "推进招商引资,引进亿元以上项目25个。",
            ("区长",),
            ("区投资促进中心",),
            ("区政府各部门、各直属机构",),
            (),
        ),
        ("三(一)", "新增城镇就业6000人。", ("吴静",), ("区人社局",), ("各乡镇人民政府、街道办事处",), ()),
        (
            "三(二)",
            "新建改造城镇老旧小区18个。",
            ("周敏",),
            ("区住建局",),
            ("区财政局", "区城管局", "各县、市、区政府"),
            (),
        ),
        (
            "三(三)",
            "完成农村户厕改造2000户。",
            ("吴静",),
            ("区农业农村局",),
            ("区卫健委", "区生态环境分局", "各乡镇人民政府、街道办事处"),
            (),
        ),
        ("三(四)", "创建省级文明村镇5个。", ("吴静", "陈志强"), ("区委宣传部",), ("区文旅局", "区民政局"), ()),
    ],
    CITY: [
        (
            "一1",
            "新建中小学校4所,新增学位6000个。",
            (),
            ("市教育局",),
            (),
            ("市发展改革委", "市财政局", "市自然资源和规划局"),
        ),
        ("一2", "实施义务教育薄弱环节改善提升工程。", (), ("市教育局",), (), ("各县、市、区人民政府",)),
        ("一3", "建设市职业教育实训基地。", (), (), (), ("市人社局", "市教育局")),
        ("二1", "新建社区卫生服务中心3个。", (), ("市卫生健康委",), (), ("市财政局", "各县、市、区人民政府")),
        ("二2", "推进紧密型县域医共体建设。", (), ("市卫生健康委", "市医保局"), (), ("各县、市、区人民政府",)),
        ("二3", "开展城乡居民免费健康体检10万人次。", (), (), (), ("市卫生健康委",)),
        ("三1", "城乡居民基本养老保险参保率达到95%以上。", (), ("市人社局",), (), ("市财政局", "市税务局")),
        ("三2", "新增养老服务床位1200张。", (), ("市民政局",), (), ("市发展改革委", "市财政局", "市住建局")),
        (
            "三3",
            "保障性租赁住房开工2000套。",
            (),
            ("市住建局",),
            (),
            ("市发展改革委", "市自然资源和规划局", "市财政局"),
        ),
        ("三4", "完成城镇老旧小区改造45个。", (), (), (), ("市住建局",)),
    ],
}
ROLES = (Role.LEAD_OFFICIAL, Role.LEAD_UNIT, Role.COOPERATING_UNIT, Role.RESPONSIBLE_UNIT)
DIRECT = (JK.leadOfficial, JK.leadUnit, JK.cooperatingUnit, JK.responsibleUnit)


def sample(name: str):
    return read_notice(SAMPLES / f"{name}.txt")


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """Each sample built and validated on its own, as `jieshou-kg build --notice SAMPLE` does."""
    out = tmp_path_factory.mktemp("samples")
    return {name: build(project_settings(out / name, notice=SAMPLES / f"{name}.txt")) for name in EXPECTED}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_task_has_exactly_its_printed_roles(name):
    rows = []
    for task in sample(name).tasks():
        names = [tuple(m.name for a in task.assignments if a.role is role for m in a.mentions) for role in ROLES]
        rows.append((task.printed_path, task.text, *names))
    assert rows == EXPECTED[name]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_sample_builds_validates_and_its_graph_has_the_roles(samples, name):
    result = samples[name]
    assert result.report.violations == []
    g, slug = result.graph, result.notice.slug
    tasks = {str(t) for t in g.subjects(RDF.type, JK.Task)}
    assert len(tasks) == len(EXPECTED[name])
    for task, node in zip(EXPECTED[name], result.notice.tasks(), strict=True):
        iri = URIRef(f"{ID}plan/{slug}/{'.'.join(map(str, node.path))}")
        assert str(iri) in tasks
        assert list(g.objects(iri, JK.text)) == [Literal(task[1], lang="zh")]
        for prop, names in zip(DIRECT, task[2:], strict=True):
            labels = {
                str(lab) for o in g.objects(iri, prop) for lab in g.objects(o, SKOS.prefLabel) if lab.language == "zh"
            }
            assert labels == set(names), (node.printed_path, prop)


def test_heads_from_title_metadata_block_and_sidecar():
    county, district, city = sample(COUNTY), sample(DISTRICT), sample(CITY)
    heads = [(n.slug, n.place, n.year, n.doc_number, n.issued, n.names_leaders) for n in (county, district, city)]
    assert heads == [
        ("xizheng-2022-3", "云溪县", 2022, "溪政〔2022〕3号", date(2022, 2, 16), True),
        # 文号: 无 -> no number: the slug is the place's pinyin, the year and the file's name
        ("yunhuqu-2023-yunhu-district-2023", "云湖区", 2023, None, date(2023, 3, 6), True),
        # number and date only in the sidecar (yunshan-city-2023.txt.yaml)
        ("yunzhengban-2023-4", "云山市", 2023, "云政办〔2023〕4号", date(2023, 4, 10), False),
    ]
    # the site-name suffix is not part of the title; navigation, 字号, 发布时间, 打印/关闭 and the footer are chrome
    assert county.title == "云溪县人民政府关于印发云溪县2022年政府工作报告重点工作任务分解方案的通知"
    assert county.chrome_lines == [1, 3, 5, 117, 119]
    assert district.chrome_lines == [1, 3, 5, 7, 9, 49]  # the metadata block and the footer
    assert [m.name for m in district.addressees] == ["各乡镇人民政府、街道办事处", "区政府各部门、各直属机构"]
    # the notice's own requirements come first; its plan follows 附件 and numbers from 一、 again
    assert [r.number for r in city.requirements] == ["一、", "二、", "三、"]
    assert [m.name for m in city.supervisors] == ["市政府督查室"]
    assert city.plan_title == "云山市2023年民生工作任务分解方案" and city.parts[0].number == "一、"


def test_levels_are_the_depths_of_the_numbering_forms_met():
    county, district = sample(COUNTY), sample(DISTRICT)
    # 一、 then 1、 / 1﹒ / 1. : two levels; 一、 then (一) directly: two levels
    assert {(n.number[-1], n.level) for n in county.nodes()} == {("、", 1), ("、", 2), ("﹒", 2), (" ", 2)}
    assert {n.level for n in district.nodes() if n.is_task} == {2}
    assert [n.printed_path for n in county.parts[1].children] == ["二1", "二2", "二3"]


def test_deadlines_and_posts(samples):
    county = sample(COUNTY)
    deadlines = {t.printed_path: t.deadline for t in county.tasks() if t.deadline}
    assert deadlines == {
        "一1": "2022年12月31日",
        "一2": "2022年12月31日",
        "二1": "2022年10月31日",
        "二3": "2022年11月30日",
        "三2": "2022年8月31日",
    }
    task = county.tasks()[0]
    assert county.source[task.deadline_span.start : task.deadline_span.end] == "2022年12月31日"
    g = samples[COUNTY].graph
    assert (URIRef(f"{ID}plan/xizheng-2022-3/1.1"), JK.deadline, Literal("2022年12月31日", lang="zh")) in g
    post = ID["post/yunxixian-xian-zheng-fu-chang-wu-fu-xian-zhang"]
    assert (URIRef(f"{ID}plan/xizheng-2022-3/1.1"), JK.leadOfficial, post) in g
    assert {JK.Official, ORG.Post} <= set(g.objects(post, RDF.type))
    assert (post, JK.place, Literal("云溪县", lang="zh")) in g
    person = ID["person/yunxixian-wang-lixin"]
    assert (person, SKOS.prefLabel, Literal("Wáng Lìxīn", lang="zh-latn-pinyin")) in g
    district = samples[DISTRICT].graph
    assert (ID["post/yunhuqu-qu-zhang"], RDF.type, ORG.Post) in district


def test_open_lists_and_collective_phrases(samples):
    district = sample(DISTRICT)
    cooperating = {
        t.printed_path: a.open_ended
        for t in district.tasks()
        for a in t.assignments
        if a.role.name == "COOPERATING_UNIT"
    }
    assert [path for path, open_ended in cooperating.items() if open_ended] == ["一(二)", "二(一)"]
    g = samples[DISTRICT].graph
    collective = ID["collective/yunhuqu-ge-xiang-zhen-ren-min-zheng-fu-jie-dao-ban-shi-chu"]
    assert (collective, RDF.type, JK.CollectiveAgent) in g and (collective, JK.exhaustive, Literal(True)) in g


def test_a_missing_leader_line_is_a_violation_at_its_file_and_line(tmp_path):
    text = (SAMPLES / f"{COUNTY}.txt").read_text(encoding="utf-8")
    bad = tmp_path / "county.txt"
    bad.write_text(
        text.replace(
            "责任领导:李春阳\n\n牵头单位:县农业农村局\n\n配合单位:县财政局",
            "牵头单位:县农业农村局\n\n配合单位:县财政局",
        )
    )
    line = bad.read_text(encoding="utf-8").split("\n").index("2. 新建高标准农田3万亩。") + 1
    with pytest.raises(ValidationFailed) as caught:
        build(project_settings(tmp_path / "out", notice=bad))
    assert f"{bad}:{line}: a task needs at least one lead official" in str(caught.value)
    assert str(caught.value).count("a task needs at least one lead official") == 1


def test_one_registry_across_notices_same_place_same_agent(tmp_path):
    registry = Registry.load(ROOT / "data")
    county = sample(COUNTY)
    again = tmp_path / "yunxi-county-2023.txt"
    again.write_text((SAMPLES / f"{COUNTY}.txt").read_text(encoding="utf-8").replace("〔2022〕3号", "〔2023〕2号"))
    elsewhere = tmp_path / "other.txt"
    elsewhere.write_text((SAMPLES / f"{COUNTY}.txt").read_text(encoding="utf-8").replace("云溪县", "云岭县"))
    graphs = [notice_graph(n, registry) for n in (county, read_notice(again), read_notice(elsewhere))]
    finance = [{o for o in g.objects(None, JK.cooperatingUnit) if "cai-zheng-ju" in o} for g in graphs]
    assert finance == [{ID["org/yunxixian-xian-cai-zheng-ju"]}] * 2 + [{ID["org/yunlingxian-xian-cai-zheng-ju"]}]
    row = next(r for r in registry.review_rows() if r["slug"] == "yunxixian-xian-cai-zheng-ju")
    assert row == {
        "slug": "yunxixian-xian-cai-zheng-ju",
        "name": "县财政局",
        "kind": "department",
        "place": "云溪县",
        "notices": "xizheng-2022-3|xizheng-2023-2",
        "en": "",
    }
    assert "minted org/yunxixian-xian-cai-zheng-ju for 县财政局 of 云溪县 (not in data/)" in registry.warnings
    # Jieshou's 市财政局 is registered; another city's is not Jieshou's
    assert registry.organization("市财政局", place="界首市").slug == "finance"
    other = registry.organization("市财政局", place="云山市")
    assert (other.slug, other.registered, other.place) == ("yunshanshi-shi-cai-zheng-ju", False, "云山市")
    assert registry.official("滕敏", place="界首市").slug == "teng-min"
    assert registry.official("滕敏", place="云山市").slug == "yunshanshi-teng-min"


def test_a_reviewed_row_moved_into_data_is_registered_next_build(project_copy):
    registry = Registry.load(project_copy / "data")
    notice_graph(sample(COUNTY), registry)
    rows = {r["name"]: r for r in registry.review_rows()}
    reviewed = [
        {**rows["县财政局"], "en": "Yunxi County Finance Bureau"},
        {**rows["王立新"], "en": ""},
        {**rows["县政府常务副县长"], "en": "Executive Deputy County Head"},
    ]
    with (project_copy / "data" / "reviewed-names.csv").open("a", encoding="utf-8") as f:
        for row in reviewed:
            f.write(",".join(row[k] for k in ("slug", "name", "kind", "place", "notices", "en")) + "\n")
    again = Registry.load(project_copy / "data")
    g = notice_graph(sample(COUNTY), again)
    finance = again.organization("县财政局", place="云溪县")
    assert (finance.registered, finance.slug, finance.kind) == (True, "yunxixian-xian-cai-zheng-ju", "department")
    assert (
        ID["org/yunxixian-xian-cai-zheng-ju"],
        SKOS.prefLabel,
        Literal("Yunxi County Finance Bureau", lang="en"),
    ) in g
    assert again.official("王立新", place="云溪县").registered
    assert again.official("县政府常务副县长", place="云溪县", post=True).registered
    assert {r["name"] for r in again.review_rows()} == set(rows) - {"县财政局", "王立新", "县政府常务副县长"}


def test_a_notice_without_a_title_line_builds_from_its_sidecar(tmp_path):
    text = (SAMPLES / f"{CITY}.txt").read_text(encoding="utf-8")
    plan = text[text.index("一、教育事业") :]
    headless = tmp_path / "民生任务.txt"
    headless.write_text("云山市政府网 > 文件\n\n" + plan, encoding="utf-8")
    shutil.copy(SAMPLES / f"{CITY}.txt.yaml", tmp_path / "民生任务.txt.yaml")
    result = build(project_settings(tmp_path / "out", notice=headless))
    n = result.notice
    assert (n.slug, n.place, n.doc_number, n.title) == ("yunzhengban-2023-4", "云山市", "云政办〔2023〕4号", "")
    assert [t.printed_path for t in n.tasks()] == [row[0] for row in EXPECTED[CITY]]
    assert n.chrome_lines == [1] and "no title line" in n.warnings[0]
    (tmp_path / "民生任务.txt.yaml").unlink()
    bare = read_notice(headless)
    assert (bare.slug, bare.place) == ("min-sheng-ren-wu", "")
    assert any("place is unknown" in w for w in bare.warnings)


def test_several_roles_on_one_role_line_and_a_third_level_form():
    text = (SAMPLES / f"{COUNTY}.txt").read_text(encoding="utf-8")
    one_line = text.replace(
        "牵头单位:县商务局\n\n配合单位:县市场监管局、县统计局", "牵头单位:县商务局;配合单位:县市场监管局、县统计局。"
    )
    task = next(t for t in parse_notice(one_line, "one-line.txt").tasks() if t.printed_path == "一4")
    roles = [(a.role, [m.name for m in a.mentions]) for a in task.assignments]
    assert roles == [
        (Role.LEAD_OFFICIAL, ["孙丽"]),
        (Role.LEAD_UNIT, ["县商务局"]),
        (Role.COOPERATING_UNIT, ["县市场监管局", "县统计局"]),
    ]
    deeper = text.replace(
        "3﹒新增规模以上工业企业15家,规上工业增加值增长9%。", "3﹒发展工业\n\n(1)新增规模以上工业企业15家。"
    )
    node = next(n for n in parse_notice(deeper, "deeper.txt").nodes() if n.printed_path == "一3(1)")
    assert (node.level, node.is_task, node.text) == (3, True, "新增规模以上工业企业15家。")


def test_a_sidecar_with_an_unknown_key_is_refused(tmp_path):
    notice = tmp_path / "n.txt"
    shutil.copy(SAMPLES / f"{CITY}.txt", notice)
    (tmp_path / "n.txt.yaml").write_text("place: 云山市\ncity: 云山\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown sidecar keys \['city'\]") as caught:
        read_notice(notice)
    assert caught.value.path == f"{notice}.yaml"


def test_a_document_code_listed_in_the_genre_keys_the_notice_s_iris(tmp_path):
    """genre.yaml's document_codes pin a code's IRI key; a code not listed is romanised by pypinyin."""
    text = (ROOT / "data" / "jieshou-2020-key-tasks.txt").read_text(encoding="utf-8")
    listed = replace(load_genre(), document_codes={"界政发": "jie-zf"})
    assert parse_notice(text, "n.txt", listed).slug == "jie-zf-2020-11"
    unlisted = replace(load_genre(), document_codes={})
    assert parse_notice(text, "n.txt", unlisted).slug == "jiezhengfa-2020-11"  # pypinyin reads it alike
    genre = (ROOT / "data" / "genre.yaml").read_text(encoding="utf-8")
    (tmp_path / "genre.yaml").write_text(genre.replace("界政发: jiezhengfa", "界政发: Jie/ZF"), encoding="utf-8")
    with pytest.raises(InputError, match="document_codes: 界政发's key 'Jie/ZF' is not") as caught:
        load_genre(tmp_path)
    assert caught.value.path == str((tmp_path / "genre.yaml").resolve())


def test_a_build_of_registered_names_never_loads_pypinyin():
    """Every name of the bundled notice and its document code are in data/ with their readings, so the
    build does not spend 0.2 s loading pypinyin's dictionaries (whose readings could change its IRIs)."""
    check = (
        "import sys, tempfile\n"
        "from jieshou_kg.build import build\n"
        "from jieshou_kg.settings import Settings\n"
        "result = build(Settings.load({}, dist=tempfile.mkdtemp()))\n"
        "assert [n.slug for n in result.notices] == ['jiezhengfa-2020-11'], result.notices\n"
        "assert 'pypinyin' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True, cwd=ROOT)
