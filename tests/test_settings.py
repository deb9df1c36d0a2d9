"""One settings object: given values over JIESHOU_KG_* variables over defaults; bad values are clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from jieshou_kg.cli import main
from jieshou_kg.errors import SetupError
from jieshou_kg.layout import BUNDLED_NOTICE
from jieshou_kg.settings import FIELDS, Settings, env_name


def test_given_values_win_over_the_environment_which_wins_over_defaults():
    assert Settings.load({}).port == 5000
    assert Settings.load({"JIESHOU_KG_PORT": "8080"}).port == 8080
    assert Settings.load({"JIESHOU_KG_PORT": "8080"}, port=9090).port == 9090
    assert Settings.load({"JIESHOU_KG_PORT": "8080"}, port=None).port == 8080  # None: not given
    assert Settings.load({"JIESHOU_KG_DIST": "/srv/kg"}).layout.dataset == Path("/srv/kg/jieshou-kg.trig")
    assert Settings.load({"JIESHOU_KG_SPARQL_TIMEOUT": "2.5"}).sparql_timeout == 2.5


def test_the_defaults_are_the_bundled_files():
    settings = Settings.load({})
    assert settings.notice == (BUNDLED_NOTICE,) and BUNDLED_NOTICE.is_file()
    assert (settings.data / "organizations.csv").is_file()
    assert settings.layout.ontology_file.is_file() and settings.layout.shapes_file.is_file()
    assert (settings.queries / "organization-co-leads.rq").is_file()


@pytest.mark.parametrize(
    ("environ", "given", "message"),
    [
        ({"JIESHOU_KG_PORT": "eighty"}, {}, "JIESHOU_KG_PORT: 'eighty' is not a valid int for setting port"),
        ({}, {"port": 70000}, "port must be between 0 and 65535"),
        ({}, {"sparql_workers": 0}, "sparql_workers must be greater than 0"),
        ({}, {"colour": "red"}, "unknown setting(s): colour"),
    ],
)
def test_bad_settings_say_which_and_why(environ, given, message):
    with pytest.raises(SetupError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings.load(environ, **given)


def test_a_bad_environment_variable_is_one_line_and_exit_2():
    result = CliRunner().invoke(main, ["validate"], env={"JIESHOU_KG_ENCODING": "klingon", "JIESHOU_KG_PORT": "x"})
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "JIESHOU_KG_PORT" in result.output


def test_every_setting_is_documented_in_the_readme_and_the_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    serve_help = CliRunner().invoke(main, ["serve", "--help"], terminal_width=200).output
    for name in FIELDS:
        assert f"--{name.replace('_', '-')}" in readme, f"--{name} is not in the README"
        assert env_name(name) in serve_help, name
    assert "JIESHOU_KG_<OPTION>" in readme
