"""Issue 9 §5, bad notices: each is refused with file:line:col, what was found and what was expected,
exit 2 from the command, and the previous outputs untouched. Slugs come from a safe alphabet only."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from jieshou_kg.errors import InputError
from jieshou_kg.notice import Registry, parse_notice, read_notice
from jieshou_kg.notice.slugs import is_safe

SAMPLE = ROOT / "tests" / "notices" / "yunxi-county-2022.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")
UNIT_LINE = "配合单位:县统计局、县税务局"  # the first task's; its second name is broken below
LINE = TEXT.split("\n").index(UNIT_LINE) + 1
COL = len("配合单位:县统计局、县税") + 1  # where the bad character goes: inside 县税务局
SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

BAD = {
    "<": "U+003C '<'",
    ">": "U+003E '>'",
    '"': "U+0022 '\"'",
    "{": "U+007B '{'",
    "}": "U+007D '}'",
    "\\": "U+005C '\\\\'",
    "\x00": "U+0000",
    "\t": "U+0009",
    "\x7f": "U+007F",
    "#": "U+0023 '#'",
    "\u202e": "U+202E",  # right-to-left override
    "\u2066": "U+2066",  # left-to-right isolate
    "\u200b": "U+200B",  # zero-width space
    "\u200d": "U+200D",  # zero-width joiner
    "\ufeff": "U+FEFF",  # zero-width no-break space inside a line
}


def broken(inserted: str) -> str:
    return TEXT.replace(UNIT_LINE, UNIT_LINE[: COL - 1] + inserted + UNIT_LINE[COL - 1 :], 1)


@pytest.mark.parametrize("character", list(BAD), ids=[f"U+{ord(c):04X}" for c in BAD])
def test_a_name_with_a_bad_character_is_refused_where_it_is(character):
    with pytest.raises(InputError) as caught:
        parse_notice(broken(character), "bad.txt")
    err = caught.value
    assert (err.path, err.line, err.col) == ("bad.txt", LINE, COL)
    assert f"contains {BAD[character]}; expected a name of letters, digits and ordinary punctuation" in err.message
    assert "\n" not in str(err) and err.text == ""  # one line, the name shown escaped in the message


def test_a_path_climbing_name_is_refused():
    with pytest.raises(InputError) as caught:
        parse_notice(broken("/../"), "bad.txt")
    assert (caught.value.line, caught.value.col) == (LINE, COL)
    assert "the name '县税/../务局' contains U+002F '/'" in caught.value.message


def test_a_bad_leader_name_is_refused_too():
    with pytest.raises(InputError) as caught:
        parse_notice(TEXT.replace("责任领导:王立新、赵海峰", "责任领导:王立新、\u202e赵海峰"), "bad.txt")
    assert caught.value.line == TEXT.split("\n").index("责任领导:王立新、赵海峰") + 1
    assert caught.value.col == len("责任领导:王立新、") + 1
    assert "the name '<U+202E>赵海峰' contains U+202E" in caught.value.message


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def cli(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """An output folder with a good build in it."""
    out = tmp_path_factory.mktemp("previous")
    done = cli("--notice", str(SAMPLE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("character", ["<", "\x00", "\u202e", "#", "/../"])
def test_the_command_exits_2_with_one_line_and_leaves_the_outputs(previous, tmp_path, character):
    before = digests(previous)
    bad = tmp_path / "bad.txt"
    bad.write_text(broken(character), encoding="utf-8")
    done = cli("--notice", str(bad), "--out", str(previous))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {bad}:{LINE}:{COL}: the name ")
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert digests(previous) == before


def test_a_huge_notice_is_refused_before_it_is_read(previous, tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (a sparse file: the test does not write them)
    before = digests(previous)
    done = cli("--notice", str(huge), "--out", str(previous))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr == (
        f"error: {huge}:1:1: the notice is 52428800 bytes; expected at most 8388608 (the setting max_notice_bytes)\n"
    )
    assert digests(previous) == before

    def no_reading(self):
        raise AssertionError("the notice was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError, match="expected at most 1000"):
        read_notice(huge, max_bytes=1000)


def test_a_decoding_error_column_counts_characters(tmp_path):
    path = tmp_path / "bad-bytes.txt"
    lines = TEXT.split("\n")
    lines[LINE - 1] = "配合单位:县统计局"
    data = "\n".join(lines).encode("utf-8").replace("县统计局".encode(), "县统".encode() + b"\xff" + "计局".encode(), 1)
    path.write_bytes(data)
    first = data.split(b"\n").index("配合单位:县统".encode() + b"\xff" + "计局".encode()) + 1
    with pytest.raises(InputError) as caught:
        read_notice(path)
    # 配合单位:县统 is 7 characters (21 bytes): the bad byte is the 8th character
    assert (caught.value.line, caught.value.col) == (first, 8)


@given(st.text(min_size=1, max_size=12))
def test_minted_slugs_are_always_safe(name):
    registry = Registry.load(ROOT / "data")
    for agent in (
        registry.organization(name, place="云溪县"),
        registry.official(name, place="某/../县"),
        registry.official(name, place="", post=True),
    ):
        assert is_safe(agent.slug) and SAFE.fullmatch(agent.slug), (name, agent.slug)


def test_dangerous_names_never_reach_an_iri():
    registry = Registry.load(ROOT / "data")
    slugs = [registry.organization(n, place="云溪县").slug for n in ("市../../etc局", "zhang-#san", "\u202e-tengmin")]
    assert slugs == ["yunxixian-shi-etc-ju", "yunxixian-zhang-san", "yunxixian-tengmin"]
