"""Content of the teaching track: what a lecturer would check against the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import orglib
from orglib import designs as catalog
from orglib._core.errors import OrgInputError
from orglib.analysis import peer_authority, principles
from orglib.teaching import answer, check_exercise, recommend_structure, structure_rule_table

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "notebooks" / "teaching"


def _text(name: str) -> str:
    nb = json.loads((LESSONS / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


# ----------------------------------------------------------------- China Mobile: 集团、省、市; corporate accounts
def test_china_mobile_tiers_are_group_province_city():
    text = _text("03_centralized_vs_decentralized.ipynb")
    assert "集团、省、市" in text and "county" not in text and "省、市、县" not in text
    zh = check_exercise(3, "q3", answer(3, "q3", "zh"), "zh").explanation
    en = check_exercise(3, "q3", answer(3, "q3", "en"), "en").explanation
    assert "集团、省、市" in zh and "县" not in zh
    assert "group headquarters, province and city" in en and "county" not in en
    assert "corporate" in en and "group-customer" not in en


def test_jituan_kehu_is_corporate_accounts():
    cm = orglib.template("china-mobile-3tier")
    english = " ".join([*cm.units["name_en"], *cm.positions["title_en"], str(cm.meta.get("name_en")),
                        str(cm.meta.get("description_en"))])
    assert "Group Customer" not in english and "group customer" not in english.lower()
    assert "Corporate Accounts Dept" in english


# ----------------------------------------------------------------- 集中式 / 分权式 as seed 000 defines them
@pytest.mark.parametrize(("stage", "employees", "structure"), [
    ("startup", 70, "centralized"), ("初创期", 5000, "centralized"), ("growth", 300, "centralized"),
    ("maturity", 300, "centralized"), ("maturity", 2000, "decentralized"), ("成熟期", 1000, "decentralized"),
])
def test_seed_selection_rule(stage, employees, structure):
    adv = recommend_structure(stage, employees)
    assert adv.structure == structure
    assert adv.template == {"centralized": "centralized-sme", "decentralized": "decentralized-large"}[structure]
    assert ("集中式" if structure == "centralized" else "分权式") in adv.reason("zh")


def test_rule_table_and_bad_input():
    t = structure_rule_table(lang="zh")
    assert t.iloc[:, 1].tolist() == ["集中式"] * 3
    assert t.iloc[:, 2].tolist() == ["集中式", "集中式", "分权式"]
    assert "本课设定" in t.columns[2]
    with pytest.raises(OrgInputError):
        recommend_structure("teenage", 10)
    with pytest.raises(OrgInputError):
        recommend_structure("growth", 0)


def test_lesson3_teaches_seed_definitions_before_the_variant():
    text = _text("03_centralized_vs_decentralized.ipynb")
    rule = text.index("## 1. 种子的定义与选择规则")
    variant = text.index("## 2. 进一步的变体")
    assert rule < text.index("初创期和中小型企业", rule) < variant
    assert "市场部下设多个子部门" in text and "发展阶段和规模" in text
    assert "further variant" in text


# ----------------------------------------------------------------- 多彩 fails clear responsibility
def test_duocai_asis_fails_clear_responsibility_and_tobe_passes():
    pr = principles(orglib.template("duocai-asis"), lang="en").set_index("principle")
    cr = pr.loc["principle.clear_responsibility"]
    assert cr["status"] == "warn"
    assert cr["value"] == 13  # 9 peer links + 4 posts taking orders from a peer
    assert "9 peer authority links" in cr["proxy"] and "4 posts" in cr["proxy"]
    assert list(pr.columns) == ["name", "value", "value_text", "status", "proxy"]
    assert cr["value_text"] == "9 peer links + 4 posts"  # the 13 as a reader reads it
    tobe = principles(orglib.template("duocai-tobe"), lang="zh").set_index("principle")
    assert tobe.loc["principle.clear_responsibility", "status"] == "ok"


def test_peer_authority_counts_peers_only():
    peers = peer_authority(orglib.template("duocai-asis"))
    assert len(peers) == 9 and peers["mutual"].sum() == 6
    assert set(peers["to"]) == {"rpm_promo", "rpm_terminal", "rpm_training", "rpm"}
    # 巨巢's 产品定位分析师 guiding the 招商部经理 is functional authority across layers, not peers
    assert peer_authority(orglib.template("jucao-ops-center")).empty


# ----------------------------------------------------------------- assumptions labelled as ours
def test_assumptions_are_labelled_ours():
    assert "本课设计" in _text("03_centralized_vs_decentralized.ipynb")
    assert "our design" in _text("03_centralized_vs_decentralized.ipynb")
    for name in ("02_4p_4c_4r.ipynb", "05_design_principles_and_kpis.ipynb"):
        assert "our classification" in _text(name) and "本课的分类" in _text(name)
    assert "common-practice" in _text("04_span_of_control.ipynb")


# ----------------------------------------------------------------- dates and names
def test_framework_dates_and_names():
    fw = catalog.frameworks().set_index("id")
    assert fw.loc["4P", "year"] == 1960 and "McCarthy" in fw.loc["4P", "author"]
    assert fw.loc["4C", "year"] == 1990 and "Lauterborn" in fw.loc["4C", "author"]
    assert "Schultz" in fw.loc["4R", "author"]
    assert not any("recent" in str(p).lower() or "近年" in str(p) for p in fw["period"])
    r = catalog.elements("4R")
    assert r["en"].tolist()[0] == "Relevance" and r["zh"].tolist()[0] == "关联"
    assert r.iloc[0]["alias_en"] == "Retention"


def test_lesson2_uses_the_beigang_hospital_case():
    text = _text("02_4p_4c_4r.ipynb")
    assert "北钢医院" in text and "beigang-hospital" in text and "2002" in text
