"""Issue 10's hostile review of the genre parser: each defect it found, on real notice text (small
invented notices in the style of tests/notices/*.txt) and on real data files, with exact results."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from jieshou_kg.errors import InputError
from jieshou_kg.model import Role
from jieshou_kg.notice import Registry, parse_notice, read_notice
from jieshou_kg.notice.genre import load_genre

SAMPLE = ROOT / "tests" / "notices" / "yunxi-county-2022.txt"
SLUG_EXPECTED = "expected lower-case ASCII letters and digits in words joined by '-' (e.g. teng-min)"


def data_with(tmp_path: Path, file: str, row: str) -> Path:
    """A copy of data/ with one more row at the end of `file`."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")
    return data


def last_line(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))


@pytest.mark.parametrize(
    ("file", "row", "slug", "col"),
    [
        (
            "reviewed-names.csv",
            "qs/../../person/teng-min,县某局,government-department,云溪县,x,",
            "qs/../../person/teng-min",
            1,
        ),
        ("reviewed-names.csv", "ev il/../x#y,县某局,government-department,云溪县,x,", "ev il/../x#y", 1),
        ("organizations.csv", "Bad_Slug,government-department,某局,Some Bureau,", "Bad_Slug", 1),
        ("collectives.csv", "-x,各某某,Every X,government-department,county,", "-x", 1),
        ("officials.csv", "teng--min,某某,", "teng--min", 1),
        ("other-names.csv", "a/b,某某,,alias", "a/b", 1),
        ("units.csv", "米,m/../x,metre,length,M", "m/../x", 2),
    ],
)
def test_every_slug_of_the_data_files_is_checked(tmp_path, file, row, slug, col):
    data = data_with(tmp_path, file, row)
    with pytest.raises(InputError) as caught:
        Registry.load(data)
    err = caught.value
    assert (err.path, err.line, err.col) == (str(data / file), last_line(data / file), col)
    assert err.message == f"the slug {slug!r} is not safe; {SLUG_EXPECTED}"


def test_the_command_refuses_a_bad_slug_with_exit_2_and_one_line(tmp_path):
    row = "qs/../../person/teng-min,县某局,government-department,云溪县,x,"
    data = data_with(tmp_path, "reviewed-names.csv", row)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--data", str(data), "--notice", str(SAMPLE)]
    done = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, check=False, timeout=300)
    where = f"{data / 'reviewed-names.csv'}:{last_line(data / 'reviewed-names.csv')}:1"
    assert done.returncode == 2
    assert done.stderr == f"error: {where}: the slug 'qs/../../person/teng-min' is not safe; {SLUG_EXPECTED}\n"
    assert not out.exists() or not any(out.rglob("*.trig"))


def notice(*plan: str) -> str:
    """A small county notice in the style of tests/notices/*.txt, with `plan`'s lines as its plan."""
    head = [
        "云溪县人民政府关于印发云溪县2024年重点工作任务分解方案的通知",
        "溪政〔2024〕2号",
        "各乡镇人民政府,县政府各部门:",
        "    现将《云溪县2024年重点工作任务分解方案》印发给你们,请认真贯彻落实。",
        "云溪县人民政府",
        "2024年2月6日",
        "云溪县2024年重点工作任务分解方案",
        "一、完善基础设施",
    ]
    return "\n\n".join([*head, *plan]) + "\n"


def roles(text: str, path: str = "n.txt") -> list[tuple]:
    """Each task's printed path, text and (role, names) as parsed."""
    return [
        (t.printed_path, t.text, [(a.role, [m.name for m in a.mentions]) for a in t.assignments])
        for t in parse_notice(text, path).tasks()
    ]


ROADS = [
    (Role.LEAD_OFFICIAL, ["张三"]),
    (Role.LEAD_UNIT, ["县交通局"]),
    (Role.COOPERATING_UNIT, ["县财政局", "县住建局"]),
]


@pytest.mark.parametrize("separator", [",", ";", "\uff0c", "\uff1b", " ", "\u3000", ", "])
def test_role_segments_are_cut_before_every_role_label_whatever_the_separator(separator):
    bracket = f"(责任领导:张三{separator}牵头单位:县交通局{separator}配合单位:县财政局、县住建局)"
    assert roles(notice(f"(一)新建道路3条。{bracket}")) == [("一(一)", "新建道路3条。", ROADS)]
    line = f"责任领导:张三{separator}牵头单位:县交通局{separator}配合单位:县财政局、县住建局"
    assert roles(notice("(一)新建道路3条。", line)) == [("一(一)", "新建道路3条。", ROADS)]


def test_a_name_still_holding_a_role_label_is_refused_where_the_label_is():
    text = notice("(一)新建道路3条。(责任领导:张三、牵头单位:县交通局)")
    with pytest.raises(InputError) as caught:
        parse_notice(text, "n.txt")
    err = caught.value
    line = text.split("\n").index("(一)新建道路3条。(责任领导:张三、牵头单位:县交通局)") + 1
    assert (err.path, err.line, err.col) == ("n.txt", line, len("(一)新建道路3条。(责任领导:张三、") + 1)
    assert err.message == (
        "the name '牵头单位:县交通局' contains the role label '牵头单位:'; expected one role per segment, "
        "each segment after one of '; ,' (or on its own line)"
    )


@pytest.mark.parametrize("end", ["", "。", ".", ";", "。 ", "\uff1b"])
def test_a_final_stop_after_the_role_bracket_is_read(end):
    text = notice("1、新建道路3条。(牵头单位:县交通局;责任单位:县住建局)" + end)
    expected = [(Role.LEAD_UNIT, ["县交通局"]), (Role.RESPONSIBLE_UNIT, ["县住建局"])]
    assert roles(text) == [("一1", "新建道路3条。", expected)]


GAMES = [
    "(一)办好体育赛事",
    "承办全省第五届农民运动会。",
    "牵头单位:县文旅局",
    "(二)新建道路3条。(牵头单位:县交通局)",
]


def test_a_task_beginning_with_a_footer_word_is_kept():
    assert roles(notice(*GAMES)) == [
        ("一(一)", "承办全省第五届农民运动会。", [(Role.LEAD_UNIT, ["县文旅局"])]),
        ("一(二)", "新建道路3条。", [(Role.LEAD_UNIT, ["县交通局"])]),
    ]


@pytest.mark.parametrize("footer", ["主办:某某县人民政府办公室", "承办单位:县数据资源局", "版权所有 云溪县人民政府"])
def test_a_real_footer_still_ends_the_notice(footer):
    text = notice(*GAMES, footer, "网站标识码:3400000001", "这一行不是方案的")
    parsed = parse_notice(text, "n.txt")
    assert [t.printed_path for t in parsed.tasks()] == ["一(一)", "一(二)"]
    lines = text.split("\n")
    assert parsed.chrome_lines[-3:] == [lines.index(footer) + 1, len(lines) - 3, len(lines) - 1]


CITY = ROOT / "tests" / "notices" / "yunshan-city-2023.txt"


def with_sidecar(tmp_path: Path, sidecar: str) -> Path:
    path = tmp_path / "n.txt"
    shutil.copy(CITY, path)
    (tmp_path / "n.txt.yaml").write_text(sidecar, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "where", "message"),
    [
        ("year: abc", (2, 7), "the sidecar's year is 'abc' (str); expected an integer (e.g. 2023)"),
        ("year: true", (2, 7), "the sidecar's year is True (bool); expected an integer (e.g. 2023)"),
        (
            'names_leaders: "no"',
            (2, 16),
            "the sidecar's names_leaders is 'no' (str); expected a boolean (true or false)",
        ),
        ("title: 12", (2, 8), "the sidecar's title is 12 (int); expected a string"),
        (
            "issued: 2023年4月10日",
            (2, 9),
            "the sidecar's issued is '2023年4月10日' (str); expected a date (e.g. 2023-04-10)",
        ),
        (
            "issued: 2023-02-30",
            (2, 9),
            "the sidecar's issued is '2023-02-30' (day is out of range for month); expected a date (e.g. 2023-04-10)",
        ),
    ],
)
def test_a_sidecar_value_of_the_wrong_type_is_refused_at_its_line(tmp_path, line, where, message):
    path = with_sidecar(tmp_path, f"doc_number: 云政办〔2023〕4号\n{line}\n")
    with pytest.raises(InputError) as caught:
        read_notice(path)
    err = caught.value
    assert (err.path, err.line, err.col, err.message) == (f"{path}.yaml", *where, message)


def test_a_sidecar_place_is_a_name_checked_as_every_name(tmp_path):
    with pytest.raises(InputError) as caught:
        read_notice(with_sidecar(tmp_path, "place: [1, 2]\n"))
    assert (caught.value.line, caught.value.col) == (1, 8)
    assert (
        caught.value.message == "the sidecar's place is [1, 2] (list); expected a string (a place's name, e.g. 云山市)"
    )
    with pytest.raises(InputError) as caught:
        read_notice(with_sidecar(tmp_path, "year: 2023\nplace: 云山/../市\n"))
    assert (caught.value.line, caught.value.col) == (2, 8 + len("云山"))
    assert caught.value.message.startswith("the name '云山/../市' contains U+002F '/'; expected a name of letters")
    good = read_notice(with_sidecar(tmp_path, "place: 云山市\nyear: 2023\nnames_leaders: false\n"))
    assert (good.place, good.year, good.names_leaders) == ("云山市", 2023, False)


def test_the_command_refuses_a_bad_sidecar_with_exit_2(tmp_path):
    path = with_sidecar(tmp_path, "year: abc\n")
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--notice", str(path), "--out", str(tmp_path / "o")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 2
    assert (
        done.stderr == f"error: {path}.yaml:1:7: the sidecar's year is 'abc' (str); expected an integer (e.g. 2023)\n"
    )


def test_an_impossible_date_in_the_text_is_refused_where_it_is():
    text = notice("(一)新建道路3条。(牵头单位:县交通局)").replace("2024年2月6日", "2024年2月30日")
    with pytest.raises(InputError) as caught:
        parse_notice(text, "n.txt")
    err = caught.value
    assert (err.path, err.line, err.col) == ("n.txt", text.split("\n").index("2024年2月30日") + 1, 1)
    assert err.message == "'2024年2月30日' is not a date (day is out of range for month); expected a date of the " + (
        "calendar, e.g. 2024年2月29日"
    )
    district = (ROOT / "tests" / "notices" / "yunhu-district-2023.txt").read_text(encoding="utf-8")
    text = district.replace("发文日期:2023-03-06", "发文日期:2023-02-30")
    with pytest.raises(InputError) as caught:
        parse_notice(text, "d.txt")
    err = caught.value
    assert (err.line, err.col) == (text.split("\n").index("发文日期:2023-02-30") + 1, len("发文日期:") + 1)
    assert err.message.startswith("'2023-02-30' is not a date (day is out of range for month)")


@pytest.mark.parametrize(
    ("name", "post"),
    [
        ("市政府秘书长", True),
        ("县人民政府副秘书长", True),
        ("秘书长", True),
        ("市长助理", True),
        ("区长助理", True),
        ("市政府常务副市长", True),
        ("张三", False),
        ("市政府办公室", False),
    ],
)
def test_secretaries_general_and_assistants_are_posts(name, post):
    assert load_genre().is_post(name) is post


def test_a_leader_line_of_posts_gives_posts():
    parsed = parse_notice(
        notice("(一)新建道路3条。(责任领导:县政府副秘书长、县长助理、张三;牵头单位:县交通局)"), "n.txt"
    )
    leaders = [
        (m.name, m.post)
        for t in parsed.tasks()
        for a in t.assignments
        if a.role is Role.LEAD_OFFICIAL
        for m in a.mentions
    ]
    assert leaders == [("县政府副秘书长", True), ("县长助理", True), ("张三", False)]
