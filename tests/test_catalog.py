"""Theory catalogues: sizes as in the seeds, zh + en, sources (issue 3)."""

from __future__ import annotations

import pytest

from orglib import designs as cat
from orglib._core.errors import OrgInputError

SEEDS = {"000_3a511c0ba4c578c6.txt", "001_91d13bcf2373003d.txt", "003_59dd9ab0524a1aa3.txt",
         "004_1270a19ae9699dc8.txt"}


def test_sizes_match_the_seeds():
    assert len(cat.roles()) == 4
    assert len(cat.lifecycle()) == 3
    assert len(cat.principles()) == 5
    assert len(cat.coordination()) == 3
    assert len(cat.kpis()) == 15
    for fw in ("4P", "4C", "4R"):
        assert len(cat.elements(fw)) == 4
    assert len(cat.marketing_mix()) == 12
    assert len(cat.stp()) == 3
    assert len(cat.aida()) == 4
    assert len(cat.service_3p()) == 3
    assert len(cat.ars()) == 4


def test_names_in_seed_order():
    assert cat.roles()["zh"].str[:2].tolist() == ["情报", "参谋", "监管", "公关"]
    assert cat.lifecycle()["zh"].tolist() == ["导入期", "成长期", "成熟期"]
    assert cat.kpis()["zh"].iloc[2:5].tolist() == ["合同金额", "销售收入", "销售成本"]
    assert cat.elements("4C")["zh"].tolist() == ["消费者", "成本", "便利", "沟通"]


@pytest.mark.parametrize("name", sorted(cat.CATALOGS))
def test_every_entry_is_bilingual_and_sourced(name):
    df = cat.catalog(name)
    assert len(df)
    if "id" in df and name not in ("mix_relations",):
        assert df["id"].is_unique and (df["id"] != "").all()
    assert (df["zh"] != "").all() and (df["en"] != "").all()
    assert set(df["source"]) <= SEEDS | {"assumed"}


def test_4r_builds_on_4p_and_4c_without_replacing():
    rel = cat.mix_relations()
    builds = set(zip(rel["from"], rel["to"], rel["kind"], strict=True))
    assert ("4R", "4P", "builds_on") in builds and ("4R", "4C", "builds_on") in builds
    assert not (rel["kind"] == "replaces").any()


def test_all_tags():
    tags = cat.all_tags()
    assert len(tags) == 16
    assert tags["tag"].tolist()[:4] == ["role.intelligence", "role.advisory", "role.oversight", "role.pr"]
    assert set(tags["kind"]) == {"role", "4P", "4C", "4R"}
    assert (tags["zh"] != "").all() and (tags["en"] != "").all()


def test_kpi_and_catalogue_tags_are_known():
    known = set(cat.all_tags()["tag"])
    for name in ("kpis", "stp", "ars"):
        for els in cat.catalog(name)["elements"]:
            assert set(els) <= known


def test_returns_copies():
    df = cat.roles()
    df.loc[0, "zh"] = "x"
    df.loc[1, "duties"].clear()
    fresh = cat.roles()
    assert fresh.loc[0, "zh"] == "情报机构" and len(fresh.loc[1, "duties"]) == 7


def test_unknown_names():
    with pytest.raises(OrgInputError, match="kpis"):
        cat.catalog("nope")
    with pytest.raises(OrgInputError):
        cat.elements("5P")
    assert len(cat.catalog("4r")) == 4
