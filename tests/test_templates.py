"""Seed templates: every one loads, validates with only its documented warnings, and has the
headcount and top post the seed gives (issue 3)."""

from __future__ import annotations

import collections
import json

import pytest
import yaml
from orglib.data import TEMPLATE_DIR

import orglib
from orglib._core.errors import OrgInputError
from orglib.cli._main import main
from orglib.designs._catalog import all_tags
from orglib.designs._templates import (
    describe_templates,
    template,
    template_ids,
    template_path,
    tree_text,
)

SEEDS = {"000_3a511c0ba4c578c6.txt", "001_91d13bcf2373003d.txt", "002_94b0fa48ae8414f2.txt",
         "003_59dd9ab0524a1aa3.txt", "004_1270a19ae9699dc8.txt"}

# id -> (headcount total, top post id, top post title)
EXPECTED = {
    "duocai-asis": (11, "mgr", "市场部经理"),
    "six-functions": (7, "dir", "市场部总监"),
    "centralized-sme": (5, "mgr", "市场部经理"),
    "decentralized-large": (11, "mgr", "市场部经理"),
    "modern-six-units": (8, "head", "市场部负责人"),
    "beigang-hospital": (4, "president", "院长"),
    "meinian-5dept": (6, "mgr", "市场部经理"),
    "meinian-4dept": (5, "mgr", "市场部经理"),
    "meinian-3dept": (4, "mgr", "市场部经理"),
    "channel-groundpush": (9, "mgr", "部门经理"),
    "four-posts": (4, "mgr", "市场部经理"),
    "jucao-ops-center": (20, "director", "市场运营总监"),
    "five-posts-sales": (8, "gm", "总经理"),
    "marketing-dept-3sub": (4, "mgr", "市场部经理"),
    "sales-system-vacancies": (5, "gm", "总经理"),
    "china-mobile-3tier": (19, "grp_head", "集团公司总部经营负责人"),
}


# designs shipped beside the seed templates (not from a seed): the redesigned 多彩 to-be
DESIGNS = {"duocai-tobe"}


def test_template_ids_are_exactly_the_issue_ids():
    assert template_ids() == sorted(set(EXPECTED) | DESIGNS)


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_headcount_and_top_post(tid):
    org = orglib.template(tid)
    total, top_id, top_title = EXPECTED[tid]
    assert org.headcount_total == total
    assert org.roots() == [top_id]
    assert org.position(top_id)["title"] == top_title
    assert org.meta["id"] == tid


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_validates_with_only_documented_warnings(tid):
    org = template(tid)
    assert all(p.severity == "warning" for p in org.problems)
    expected = org.meta.get("expected_warnings") or {}
    assert dict(collections.Counter(p.code for p in org.problems)) == expected


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_every_value_has_a_source(tid):
    org = template(tid)
    assert org.meta["source"] in SEEDS
    for table in (org.positions, org.units, org.links):
        if len(table):
            assert set(table["source"]) <= SEEDS | {"assumed"}, table["source"].tolist()
    assert set(org.positions["headcount_source"]) <= SEEDS | {"assumed"}
    if len(org.workflows):
        assert set(org.workflows["source"]) <= SEEDS
    text = template_path(tid).read_text(encoding="utf-8")
    if "assumed" in text:  # every assumption is explained in a comment
        assert text.lstrip().startswith("#") and "ssumed" in text.split("\norg:")[0]


@pytest.mark.parametrize("tid", sorted(EXPECTED))
def test_bilingual_names_and_known_tags(tid):
    org = template(tid)
    for key in ("name", "name_en", "description", "description_en"):
        assert org.meta.get(key), key
    assert (org.positions["title"] != "").all() and (org.positions["title_en"] != "").all()
    assert (org.units["name"] != "").all() and (org.units["name_en"] != "").all()
    tags = set(all_tags()["tag"])
    for funcs in org.units["functions"]:
        assert set(funcs or []) <= tags
    for duties in org.positions["duties"]:
        for kind in ("primary", "assisting"):
            for item in (duties or {}).get(kind, []):
                assert item["text"] and item["text_en"]
                assert set(item["roles"]) | set(item["elements"]) <= tags, item


def test_duocai_regional_managers_direct_each_other():
    org = template("duocai-asis")
    regional = org.positions[org.positions["id"].str.startswith("rpm")]
    assert regional["headcount"].sum() == 6
    directs = org.links[org.links["kind"] == "directs"]
    pairs = set(zip(directs["from"], directs["to"], strict=True))
    assert ("rpm_promo", "rpm_terminal") in pairs and ("rpm_terminal", "rpm_promo") in pairs


def test_jucao_is_loaded_from_titles_as_written():
    raw = yaml.safe_load((TEMPLATE_DIR / "jucao-ops-center.yaml").read_text(encoding="utf-8"))
    written = {p["id"]: p["reports_to"] for p in raw["positions"]}
    assert written["tz_sup"] == "市场部经理"  # the seed's spelling
    org = template("jucao-ops-center")
    assert org.position("tz_sup")["reports_to"] == "tz_mgr"
    hc = dict(zip(org.positions["id"], org.positions["headcount"], strict=True))
    assert (hc["tz_mgr"], hc["tz_sup"], hc["tz_staff"], hc["tele"]) == (1, 2, 10, 2)
    assert org.position("tz_sup")["requirements"]["education"] == "大专以上"


def test_meinian_assists_links_match_assisting_duties():
    for tid, n_links in (("meinian-5dept", 16), ("meinian-4dept", 10), ("meinian-3dept", 5)):
        org = template(tid)
        n_assisting = sum(len((d or {}).get("assisting", [])) for d in org.positions["duties"])
        assert (org.links["kind"] == "assists").sum() == n_assisting == n_links


def test_five_posts_kpis_and_workflows():
    org = template("five-posts-sales")
    assert len(org.position("director")["kpis"]) == 15
    wf = org.workflows
    assert sorted(wf["workflow"].unique()) == ["SC-001", "SC-002", "SC-003", "SC-004"]
    assert wf.groupby("workflow")["step"].apply(lambda s: list(s) == list(range(1, len(s) + 1))).all()
    assert set(wf["role"]) <= set(org.positions["id"])
    assert wf["approves"].any()


def test_vacant_marketing_department():
    org = template("sales-system-vacancies")
    mkt = org.positions[org.positions["unit"] == "mkt"]
    assert len(mkt) == 3 and (mkt["headcount"] == 0).all()
    assert "(空缺" in tree_text(org) and "vacant" in tree_text(org, "en")


def test_unknown_template_names_known_ids():
    with pytest.raises(OrgInputError, match="four-posts"):
        template("no-such-template")
    with pytest.raises(OrgInputError):
        template_path("../orgs/four-posts")


def test_tree_text_headcounts():
    text = tree_text(template("jucao-ops-center"))
    assert text.splitlines()[1] == "市场运营总监 [director] ×1 (合计 20)"
    assert "市场拓展部主管 [tz_sup] ×2 (合计 12)" in text


def test_describe_templates_both_languages():
    zh, en = describe_templates("zh"), describe_templates("en")
    assert len(zh) == len(en) == 16 + len(DESIGNS)
    assert (zh["description"] != "").all() and (en["description"] != "").all()
    assert dict(zip(en["id"], en["headcount"], strict=True)) == {k: v[0] for k, v in EXPECTED.items()} | {"duocai-tobe": 11}


def test_cli_templates_and_show(capsys):
    assert main(["templates", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "duocai-asis" in out and "11 people" in out
    assert main(["templates", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 16 + len(DESIGNS)
    assert main(["show", "beigang-hospital"]) == 0
    assert "院长 [president] ×1 (合计 4)" in capsys.readouterr().out
    assert main(["show", "beigang-hospital", "--lang", "en"]) == 0
    assert "Hospital President" in capsys.readouterr().out
    assert main(["show", str(template_path("four-posts")), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["headcount"] == 4
    assert main(["show", "nope"]) == 2


def test_cli_validate_accepts_template_ids(capsys):
    assert main(["validate", "four-posts", "jucao-ops-center"]) == 0
    assert main(["validate", "--strict", "jucao-ops-center"]) == 1
