"""data/ files: complete for the notice, consistent, and the pinyin rules."""

from __future__ import annotations

import pytest
from conftest import ROOT

from jieshou_kg.errors import InputError
from jieshou_kg.notice.registry import Registry, person_pinyin, strip_tones


def test_every_name_in_the_notice_is_registered(notice, registry):
    mentions = [*notice.addressees, *notice.supervisors, notice.issuer]
    for annex in notice.annexes:
        mentions += [annex.body, *annex.members]
    aliases = {
        m.defines_alias: m.name for t in notice.tasks() for a in t.assignments for m in a.mentions if m.defines_alias
    }
    for task in notice.tasks():
        for line in task.assignments:
            for mention in line.mentions:
                agent = (
                    registry.official(mention.name)
                    if line.role.name == "LEAD_OFFICIAL"
                    else (registry.organization(aliases.get(mention.name, mention.name)))
                )
                assert agent.registered, mention.printed
    assert all(registry.organization(m.name).registered for m in mentions)


def test_official_slugs_follow_their_pinyin(registry):
    for official in registry.of_category("official"):
        assert official.slug == official.en.lower().replace(" ", "-")


def test_a_registered_official_s_reading_is_the_one_officials_csv_gives(registry, project_copy):
    """officials.csv's pinyin column is the reviewed reading; it agrees with pypinyin's for the bundled names,
    and it is the one used when it does not."""
    for official in registry.of_category("official"):
        assert official.pinyin == person_pinyin(official.zh, registry.pinyin_overrides), official.zh
    path = project_copy / "data" / "officials.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Téng Mǐn", "Tēng Mín"), encoding="utf-8")
    teng = Registry.load(project_copy / "data").official("滕敏")
    assert (teng.pinyin, teng.en, teng.slug) == ("Tēng Mín", "Teng Min", "teng-min")


def test_pinyin_is_surname_first_with_tones():
    assert person_pinyin("滕敏", {}) == "Téng Mǐn"
    assert person_pinyin("应鹏飞", {}) == "Yīng Péngfēi"
    assert strip_tones("Lǚ Bù") == "Lü Bu"


def test_reviewed_overrides_win(registry):
    assert person_pinyin("单雄信", registry.pinyin_overrides) == "Shàn Xióngxìn"
    assert person_pinyin("欧阳修", registry.pinyin_overrides) == "Ōuyáng Xiū"
    assert registry.official("曾国藩").slug == "zeng-guofan"


def test_unknown_names_get_an_agent_without_english(registry):
    agent = registry.organization("市新设局")
    assert (agent.registered, agent.en, agent.slug) == (False, None, "shi-xin-she-ju")


def test_a_name_belongs_to_one_body(project_copy):
    with (project_copy / "data" / "other-names.csv").open("a", encoding="utf-8") as f:
        f.write("finance,市住房和城乡建设局,,variant\n")
    with pytest.raises(InputError, match="already belongs to 'housing-urban-rural-development'") as caught:
        Registry.load(project_copy / "data")
    assert caught.value.path.endswith("other-names.csv")


def test_unknown_kind_is_refused_with_its_line(project_copy):
    with (project_copy / "data" / "organizations.csv").open("a", encoding="utf-8") as f:
        f.write("mystery,ministry,市神秘局,Mystery Bureau\n")
    with pytest.raises(InputError, match="unknown organization kind 'ministry'") as caught:
        Registry.load(project_copy / "data")
    assert caught.value.line == len((ROOT / "data" / "organizations.csv").read_text(encoding="utf-8").splitlines()) + 1
