"""The parser on the real notice and on every kind of bad input."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from conftest import NOTICE, project_settings
from facts import blocks, text
from mini import MINI, line_of
from rdflib.compare import isomorphic

from jieshou_kg.build import build
from jieshou_kg.errors import InputError
from jieshou_kg.model import Role
from jieshou_kg.notice import parse_notice, read_notice


def test_head_of_the_notice(notice):
    assert notice.doc_number == "界政发〔2020〕11号"
    assert (notice.doc_code, notice.year, notice.serial) == ("界政发", 2020, 11)
    assert notice.title == "界首市人民政府关于印发2020年市政府重点工作的通知"
    assert notice.issuer.name == "界首市人民政府"
    assert notice.issued == date(2020, 7, 30)
    assert notice.plan_title == "2020年市政府重点工作"
    assert [m.name for m in notice.addressees] == [
        "各乡、镇、街道",
        "安徽阜阳界首高新技术产业开发区管委会",
        "市直各单位",
    ]
    assert [r.number for r in notice.requirements] == ["一、", "二、"]
    assert notice.requirements[1].text.startswith("任务分解中")
    assert [m.name for m in notice.supervisors] == ["市政府办公室", "市督查考核中心"]


def test_counts_match_the_text(notice):
    tasks = notice.tasks()
    assert len(tasks) == len(blocks()) == 147
    assert sum(1 for n in notice.nodes() if not n.is_task) == 40
    assert Counter(t.level for t in tasks) == {4: 120, 3: 25, 2: 2}
    assert len(notice.parts) == 4


def test_every_body_line_lands_somewhere(notice):
    """Each non-blank line between the plan title and the annex is a heading, paragraph or assignment line."""
    covered = set()
    for node in notice.nodes():
        for span in (node.heading_span, node.text_span, *(a.span for a in node.assignments)):
            if span:
                covered.add(span.line)
    lines = text().split("\n")
    first = notice.plan_span.line + 1
    annex = next(i for i, line in enumerate(lines, start=1) if line.strip() == "附件")
    body = {i for i in range(first, annex) if lines[i - 1].strip(" \xa0")}
    assert body == covered


def test_numbering_gap_is_kept_and_warned(notice):
    section = next(n for n in notice.nodes() if n.printed_path == "二(二)4")
    assert [c.number for c in section.children] == ["(1)", "(2)", "(4)", "(5)"]
    assert [c.ordinal for c in section.children] == [1, 2, 3, 4]
    assert notice.warnings == [f"{NOTICE}:819:5: numbering gap: 4 follows 2"]


def test_heading_followed_by_paragraph_is_one_task(notice):
    task = next(n for n in notice.nodes() if n.printed_path == "二(二)1")
    assert task.is_task and task.heading == "推进就业创业"
    assert task.text.startswith("支持外出务工人员返乡下乡创业创新") and task.text.endswith("登记失业率控制在3.2%以内。")
    part_level_task = next(n for n in notice.nodes() if n.printed_path == "四(一)")
    assert part_level_task.level == 2 and part_level_task.is_task
    assert [a.role for a in part_level_task.assignments] == [Role.LEAD_OFFICIAL, Role.RESPONSIBLE_UNIT]


def test_single_line_task_text_is_exact(notice):
    task = next(n for n in notice.nodes() if n.printed_path == "一(一)1")
    assert task.heading is None
    assert task.text == "坚持创新驱动发展战略,加快存量变革与增量崛起,获批国家高新区,通过国家创新型县(市)验收"
    assert notice.source[task.text_span.start : task.text_span.end] == task.text


def test_unit_lists_split_on_both_separators_but_not_inside_parentheses(notice):
    task = next(n for n in notice.nodes() if n.printed_path == "一(一)3(3)")
    lead = next(a for a in task.assignments if a.role is Role.LEAD_UNIT)
    assert [m.name for m in lead.mentions] == ["高新区管委会", "市市场监管局", "市经济和信息化局", "市科技局"]
    assert lead.mentions[1].acted_under == ("知识产权局",)
    finance = next(n for n in notice.nodes() if n.printed_path == "三(三)5").assignments[1].mentions[0]
    assert finance.name == "市财政局" and finance.acted_under == ("市政府金融办", "地方金融监管局")


def test_alias_definition_and_annex_reference(notice):
    first = notice.tasks()[0].assignments[1].mentions[0]
    assert first.name == "安徽阜阳界首高新技术产业开发区管委会" and first.defines_alias == "高新区管委会"
    env = next(n for n in notice.nodes() if n.printed_path == "三(二)1").assignments[2].mentions[0]
    assert (env.name, env.members_of, env.annex_reference) == ("市环境保护委员会", True, True)


def test_open_ended_lists(notice):
    open_lists = [(t.printed_path, a.role) for t in notice.tasks() for a in t.assignments if a.open_ended]
    expected = sum(1 for b in blocks() for listing in b.values() if listing.endswith(("等相关单位", "等有关单位")))
    assert len(open_lists) == expected == 14
    assert ("二(三)3(6)", Role.LEAD_UNIT) in open_lists


def test_lead_official_line_without_full_stop(notice):
    task = next(n for n in notice.nodes() if n.printed_path == "四(三)2")
    assert [m.name for m in task.assignments[0].mentions] == ["应鹏飞"]


def test_annex_lists(notice):
    assert [(a.body.name, len(a.members)) for a in notice.annexes] == [
        ("界首市创建安徽省质量强市工作领导小组", 16),
        ("市环境保护委员会", 36),
    ]


def test_page_chrome_is_accounted_for(notice):
    assert notice.chrome_lines == [1, 1306, 1309, 1310]


# ------------------------------------------------------------ bad input


def error_for(source: str, path: str = "bad.txt") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_notice(source, path)
    return caught.value


def test_empty_file():
    err = error_for("")
    assert (err.path, err.line, err.col) == ("bad.txt", 1, 1)
    assert "empty file" in str(err)
    assert "empty file" in str(error_for(" \n\u3000\n"))


def test_truncated_notice():
    cut = MINI[: MINI.index("    牵头负责领导:应鹏飞")]
    err = error_for(cut)
    assert err.line == line_of(cut, "(1)建设高标准农田") and err.col == 5
    assert "truncated" in str(err)
    err = error_for(MINI[: MINI.index("2021年3月1日")])
    assert "unexpected end of file; expected the date of issue" in str(err)


def test_duplicated_number():
    bad = MINI.replace("2.第二项", "1.第二项")
    err = error_for(bad)
    assert (err.line, err.col) == (line_of(bad, "1.第二项"), 5)
    assert "duplicated number 1" in str(err) and "1.第二项" in str(err)


@pytest.mark.parametrize("number", ["三一、", "十十、", "二三、"])
def test_malformed_chinese_numerals(number):
    bad = MINI.replace("一、第一部分", f"{number}第一部分")
    err = error_for(bad)
    assert (err.line, err.col) == (line_of(bad, f"{number}第一部分"), 5)
    assert "is not a number" in str(err)


def test_out_of_order_number():
    bad = MINI.replace("(二)第二节", "(一)第二节").replace("(一)第一节", "(二)第一节")
    assert "out of order" in str(error_for(bad))


def test_unknown_line_inside_the_body():
    bad = MINI.replace("    协同责任单位:各乡镇街道", "    这一行不属于任何结构\n\n    协同责任单位:各乡镇街道")
    err = error_for(bad)
    assert (err.line, err.col) == (line_of(bad, "这一行"), 5)
    assert "unexpected line; expected a numbered heading" in str(err)
    assert err.text == "这一行不属于任何结构"


def test_assignment_line_with_empty_list():
    err = error_for(MINI.replace("牵头责任单位:市农业农村局。", "牵头责任单位:。"))
    assert "empty list of names" in str(err)


def test_annex_reference_without_annex():
    bad = MINI[: MINI.index("    附件")] + "界政发〔2021〕3号.pdf\n"
    assert "refers to the annex" in str(error_for(bad))


def test_unbalanced_parenthesis():
    err = error_for(MINI.replace("市财政局(市政府金融办)", "市财政局(市政府金融办"))
    assert "unbalanced '('" in str(err)


def test_mini_notice_parses():
    mini = parse_notice(MINI, "mini.txt")
    assert [t.printed_path for t in mini.tasks()] == ["一(一)1", "一(一)2(1)", "一(二)"]
    assert mini.tasks()[2].assignments[0].mentions[0].name == "郎瑞"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_gb18030_is_refused_without_encoding_and_read_with_it(tmp_path, graph):
    path = write(tmp_path, "gb.txt", text().encode("gb18030"))
    with pytest.raises(InputError) as caught:
        read_notice(path)
    assert caught.value.line == 1 and caught.value.col == 1
    assert "--encoding gb18030" in str(caught.value)
    result = build(project_settings(tmp_path / "out", notice=path, encoding="gb18030"))
    assert isomorphic(result.graph, graph)


def test_bom_and_crlf_give_the_same_graph(tmp_path, graph):
    path = write(tmp_path, "bom-crlf.txt", ("\ufeff" + text().replace("\n", "\r\n")).encode("utf-8"))
    result = build(project_settings(tmp_path / "out", notice=path))
    assert isomorphic(result.graph, graph)


def test_full_width_punctuation_and_ideographic_spaces(tmp_path, notice):
    full = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "\xa0": "\u3000", "1": "１", ".": "．"})
    variant = parse_notice(text().translate(full), "full-width.txt")
    assert [t.printed_path.translate(full) for t in notice.tasks()] == [t.printed_path for t in variant.tasks()]
    pairs = zip(notice.tasks(), variant.tasks(), strict=True)
    for original, wide in pairs:
        assert [[m.name.translate(full) for m in a.mentions] for a in original.assignments] == [
            [m.name for m in a.mentions] for a in wide.assignments
        ]
        assert wide.text == original.text.translate(full)
    assert variant.warnings and "numbering gap" in variant.warnings[0]


def test_circled_numbers_are_not_normalised():
    mini = parse_notice(MINI.replace("植树造林5000亩", "①植树造林5000亩"), "mini.txt")
    assert mini.tasks()[0].text.startswith("①植树造林")


def test_unknown_encoding(tmp_path):
    with pytest.raises(InputError, match="unknown encoding"):
        read_notice(write(tmp_path, "x.txt", b"x"), encoding="klingon")


# ------------------------------------------------- the same, on the real notice


def test_real_notice_truncated_mid_task():
    source = text()
    task = source.index("(3)实施宁洛高速界首出口改造")
    cut = source[: source.rindex("\n", 0, source.index("牵头负责领导", task)) + 1]
    err = error_for(cut, "notice.txt")
    assert (err.line, err.col) == (line_of(cut, "(3)实施宁洛高速界首出口改造"), 5)
    assert "二(一)2(3) has neither sub-items nor assignment lines (is the notice truncated?)" in str(err)


def test_real_notice_with_a_duplicated_number():
    bad = text().replace("(5)争创国家级“平安农机”示范市。", "(4)争创国家级“平安农机”示范市。")
    err = error_for(bad, "notice.txt")
    assert (err.line, err.col) == (line_of(bad, "(4)争创国家级"), 5)
    assert "duplicated number 4" in str(err)


def test_real_notice_with_an_unknown_line_in_the_body():
    bad = text().replace("2.高标准建设创新平台", "（此处有一行说明）\n\n    2.高标准建设创新平台", 1)
    err = error_for(bad, "notice.txt")
    assert (err.line, err.col) == (line_of(bad, "（此处有一行说明）"), 5)
    assert "unexpected line" in str(err) and err.text == "（此处有一行说明）"
