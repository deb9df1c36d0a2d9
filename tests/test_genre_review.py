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
from jieshou_kg.notice import Registry

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
