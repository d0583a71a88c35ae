"""Explorer state and view: edits, undo, export round trip, bad uploads, slider combinations."""

from __future__ import annotations

import io

import openpyxl
import pytest

from orglib._core.model import Org
from orglib.designs import synthetic_org
from orglib.explorer import (
    EditError,
    ExplorerState,
    Params,
    clamp_params,
    compute_view,
    derive_functions,
    explorer,
)
from orglib.io._load import load


@pytest.fixture
def org() -> Org:
    return Org.from_records([
        {"id": "m", "title": "市场部经理", "title_en": "Marketing manager", "headcount": 1, "unit": "mkt"},
        {"id": "a", "title": "推广主管", "reports_to": "m", "headcount": 1, "unit": "promo"},
        {"id": "a1", "title": "推广专员", "reports_to": "a", "headcount": 6, "unit": "promo"},
        {"id": "b", "title": "销售主管", "reports_to": "m", "headcount": 1, "unit": "sales"},
        {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 9, "unit": "sales"},
    ], units=[{"id": "mkt", "name": "市场部"}, {"id": "promo", "name": "推广部", "parent": "mkt"},
              {"id": "sales", "name": "销售部", "parent": "mkt"}],
        links=[{"from": "a", "to": "b1", "kind": "dotted"}], meta={"id": "t", "name": "测试"})


def reports_to(state: ExplorerState) -> dict[str, str]:
    return dict(zip(state.org.positions["id"], state.org.positions["reports_to"], strict=True))


# ------------------------------------------------------------------ edits & undo
def test_move_post_and_undo(org):
    st = ExplorerState(org)
    note = st.move_post("b1", "a")
    assert "b1" in note.text("zh") and "b1" in note.text("en")
    assert reports_to(st)["b1"] == "a"
    assert compute_view(st, Params(span_target=8)).metrics["max_span"] == 15
    st.undo()
    assert st.org is org and reports_to(st)["b1"] == "b"


@pytest.mark.parametrize("post, mgr, text", [
    ("m", "a1", "cycle"), ("a", "a", "itself"), ("zz", "m", "no post"), ("a", "zz", "no post"),
    ("a", "m", "already"), ("a", "", "new manager"),
])
def test_bad_moves_leave_the_design(org, post, mgr, text):
    st = ExplorerState(org)
    with pytest.raises(EditError) as exc:
        st.move_post(post, mgr)
    assert text in exc.value.text("en") and exc.value.text("zh") != exc.value.text("en")
    assert st.org is org and not st.can_undo


def test_set_headcount(org):
    st = ExplorerState(org)
    st.set_headcount("b1", 12)
    assert st.org.headcount_total == 21
    for bad in (-1, "x", float("nan")):
        with pytest.raises(EditError):
            st.set_headcount("b1", bad)
    assert st.org.headcount_total == 21
    st.set_headcount("b", 0)  # vacant manager: flagged, never raises
    view = compute_view(st, Params())
    assert any("空缺" in m for m in view.flags.iloc[:, -1])


def test_add_and_remove_post(org):
    st = ExplorerState(org)
    st.add_post(None, "数据分析专员", "a", 2, title_en="Data analyst")
    st.add_post("x9", "新媒体专员", "m")
    assert {"new1", "x9"} <= set(st.org.positions["id"])
    assert st.org.position("new1")["unit"] == "promo"
    with pytest.raises(EditError):
        st.add_post("x9", "重复", "m")
    with pytest.raises(EditError):
        st.add_post(None, "", "m")
    note = st.remove_post("a")
    assert "2" in note.en  # a1 and new1 move up
    rt = reports_to(st)
    assert rt["a1"] == "m" and rt["new1"] == "m" and "a" not in rt
    assert not ((st.org.links["from"] == "a") | (st.org.links["to"] == "a")).any()
    with pytest.raises(EditError):
        st.remove_post("m")
    for _ in range(3):
        st.undo()
    assert st.org is org
    with pytest.raises(EditError):
        st.undo()


def test_undo_stack_is_bounded(org):
    st = ExplorerState(org, max_undo=3)
    for h in range(2, 8):
        st.set_headcount("a1", h)
    assert len(st.history_notes()) == 3


# ------------------------------------------------------------------ export
@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_export_round_trip(org, tmp_path, suffix):
    st = ExplorerState(org)
    st.move_post("b1", "a")
    st.add_post("n1", "品牌专员", "a", 3)
    path = st.export(tmp_path / f"design{suffix}")
    back = load(path)
    assert back.equals(st.org)
    assert dict(zip(back.positions["id"], back.positions["reports_to"], strict=True))["b1"] == "a"


def test_export_refuses_unknown_suffix(org, tmp_path):
    with pytest.raises(EditError):
        ExplorerState(org).export(tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


# ------------------------------------------------------------------ uploads
HR = "工号,姓名,职位,上级工号\n1,张三,市场部经理,\n2,李四,推广主管,1\n3,王五,推广专员,2\n4,赵六,推广专员,2\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_upload_csv_with_chinese_names(org, encoding):
    st = ExplorerState(org)
    res = st.load_upload(HR.encode(encoding), "人事.csv")
    assert res.ok, res.lines("en")
    assert st.org.positions["姓名"].tolist() == ["张三", "李四", "王五", "赵六"]
    assert compute_view(st, Params()).metrics["headcount"] == 4
    st.undo()
    assert st.org is org


def test_upload_xlsx(org):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["工号", "姓名", "上级工号"], ["1", "张三", ""], ["2", "李四", "1"]]:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    st = ExplorerState(org)
    assert st.load_upload(buf.getvalue(), "hr.xlsx").ok
    assert st.org.positions["姓名"].tolist() == ["张三", "李四"]


@pytest.mark.parametrize("data, name, code", [
    ("工号,姓名,上级工号\n1,张三,\n2,李四,9\n1,王五,1\n".encode("gb18030"), "bad.csv", "unknown_manager"),
    (b"\x00\x01garbage", "hr.xlsx", None),
    (b"id,reports_to\n", "empty.csv", None),
    (b"", "hr.csv", "empty_file"),
    (b"a,b\n1,2\n", "hr.docx", "unsupported_format"),
])
def test_bad_upload_lists_problems_and_keeps_design(org, data, name, code):
    st = ExplorerState(org)
    res = st.load_upload(data, name)
    assert not res.ok
    assert res.problems, "a rejected file must say why"
    assert st.org is org and not st.can_undo
    assert all(name in line for line in res.lines("en"))  # located in the user's file, not a temp path
    if code:
        assert code in [p.code for p in res.problems]
    assert compute_view(st, Params()).metrics["headcount"] == org.headcount_total


def test_bad_upload_lists_every_problem(org):
    data = "工号,姓名,上级工号\n1,张三,\n2,李四,9\n3,王五,8\n2,赵六,1\n".encode()
    res = ExplorerState(org).load_upload(data, "hr.csv")
    codes = [p.code for p in res.problems]
    assert codes.count("unknown_manager") == 2 and "duplicate_id" in codes
    assert any("上级" in line for line in res.lines("zh"))


# ------------------------------------------------------------------ params & view
@pytest.mark.parametrize("params, warns", [
    (Params(span_target=1), 1),
    (Params(span_target=0), 1),
    (Params(span_target=20, archetype="player_coach"), 1),
    (Params(span_target=2, archetype="facilitator"), 1),
    (Params(regions=0), 1),
    (Params(regions=500), 1),
    (Params(growth=-100), 1),
    (Params(layout="pyramid"), 1),
    (Params(archetype="boss"), 1),
    (Params(span_target="x"), 1),
    (Params(span_target=6, archetype="coach"), 0),
])
def test_impossible_slider_combinations_explain_themselves(org, params, warns):
    p, notes = clamp_params(params)
    assert sum(n.level == "warn" for n in notes) == warns
    for n in notes:
        assert n.text("zh") and n.text("en") and n.text("zh") != n.text("en")
    view = compute_view(ExplorerState(org), params)  # never raises
    assert len(view.summary) > 0 and len(view.comparison) > 0
    assert view.params == p


def test_view_for_a_design_without_spans():
    st = ExplorerState(Org.from_records([{"id": "solo", "title": "经理"}]))
    view = compute_view(st, Params(lang="en"))
    assert view.summary.empty and any("cannot measure" in n.en for n in view.notes)


def test_decentralized_layout_explains_extra_people(org):
    view = compute_view(ExplorerState(org), Params(layout="by_region", regions=8, lang="en"))
    assert any("more people" in n.en for n in view.notes)


def test_growth_and_archetype_change_the_tables(org):
    st = ExplorerState(org)
    base = compute_view(st, Params(span_target=8))
    grown = compute_view(st, Params(span_target=8, growth=50))
    assert grown.metrics["headcount"] == pytest.approx(base.metrics["headcount"] + 7.5)
    coach = compute_view(st, Params(span_target=7, archetype="coach"))
    assert coach.metrics["above_target"] == 1 and coach.metrics["below_range"] == 1  # b (9) above, m (2) below


@pytest.mark.parametrize("layout", ["centralized", "by_region", "by_product", "matrix"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_with_each_layout(org, layout, lang):
    view = compute_view(ExplorerState(org), Params(layout=layout, regions=2, lang=lang))
    assert view.layout_org is not None and view.comparison.shape == (10, 4)
    assert view.metrics["headcount"] == 18


def test_derive_functions_groups_and_caps():
    funcs = derive_functions(synthetic_org(400, seed=3))
    assert [f["name"] for f in funcs][0] == "销售与客户服务部"
    assert sum(f["headcount"] for f in funcs) == 399


def test_synthetic_org_is_deterministic():
    a, b = synthetic_org(500, seed=2), synthetic_org(500, seed=2)
    assert a.equals(b) and len(a.positions) == 500


# ------------------------------------------------------------------ widget wiring
def test_explorer_widget_updates_and_switches_language(org, tmp_path):
    box = explorer(org, lang="zh", export_dir=tmp_path, chart=False)
    ex = box.explorer
    before = ex.summary_html.value
    ex.span_slider.value = 3
    assert ex.summary_html.value != before
    assert "超出目标幅度" in ex.summary_html.value
    ex.layout_dd.value, ex.archetype_dd.value = "matrix", "coach"
    ex.lang_toggle.value = "en"
    assert (ex.layout_dd.value, ex.archetype_dd.value) == ("matrix", "coach")  # kept across languages
    assert "matrix" in ex.comparison_html.value
    assert "manager posts above target" in ex.summary_html.value
    assert ex.span_slider.description == "Span target"
    ex.post_text.value, ex.manager_text.value = "b1", "a"
    ex.move_btn.click()
    assert "moved" in ex.edit_status.value
    ex.post_text.value, ex.manager_text.value = "m", "a1"
    ex.move_btn.click()
    assert "cycle" in ex.edit_status.value
    path = ex.export("yaml")
    assert path.exists() and load(path).equals(ex.state.org)
    assert "orglib-export-path" in ex.export_status.value


def test_explorer_upload_problems_escape_html(org):
    box = explorer(org, chart=False)
    ex = box.explorer
    res = ex.handle_upload("工号,姓名,上级工号\n1,张三,\n2,李四,<b>x</b>\n".encode(), "<i>hr</i>.csv")
    assert not res.ok
    assert "<b>x</b>" not in ex.problems_html.value and "&lt;b&gt;" in ex.problems_html.value
    assert ex.state.org is org



def test_explorer_upload_problems_grouped_by_kind(org):
    """A 400-row upload with 300 empty ids and 99 unknown managers reads as two groups, not 399 lines."""
    ex = explorer(org, lang="en", chart=False).explorer
    rows = ["工号,姓名,上级工号", "1,张三,"]
    rows += [f",空{i}," for i in range(300)] + [f"{i},某{i},X{i}" for i in range(2, 101)]
    ex.handle_upload(("\n".join(rows) + "\n").encode(), "hr.csv")
    html = ex.problems_html.value
    # per kind: three examples and a "more" line; the unknown managers also leave 99 tops: one error
    assert html.count("<li>") == 2 * (3 + 1) + 1
    assert "missing_id: 300 errors" in html and "297 more of this kind" in html
    assert "unknown_manager: 99 errors" in html and "96 more of this kind" in html
    assert "400 problems" in html
    ex.lang = "zh"
    ex.handle_upload(("\n".join(rows) + "\n").encode(), "hr.csv")
    assert "300 个错误" in ex.problems_html.value and "同类另有 297 条" in ex.problems_html.value


# ------------------------------------------------------------------ one source of truth (issue 10)
def test_state_and_view_import_without_ipywidgets():
    import subprocess
    import sys

    code = ("import sys; sys.modules['ipywidgets'] = None\n"  # any import of ipywidgets fails
            "from orglib.explorer import ExplorerState, Params, compute_view\n"
            "st = ExplorerState(); st.move_post('clerk', 'rpm')\n"
            "print(compute_view(st, Params(lang='en')).metrics['headcount'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "11.0"


def test_explorer_figures_are_the_analysis_metrics(org):
    from orglib.analysis import metrics

    m = compute_view(ExplorerState(org), Params(span_target=8)).metrics
    ref = metrics(org)
    for key in ("headcount", "posts", "layers", "managers", "management_overhead", "mean_span",
                "median_span", "max_span", "avg_steps_to_head"):
        assert m[key] == pytest.approx(ref[key]), key
    assert m["management_overhead"] == pytest.approx(3 / 18) and m["avg_steps_to_head"] == 2


def test_edit_error_is_a_bilingual_input_error(org):
    from orglib import OrgInputError

    with pytest.raises(OrgInputError) as exc:
        ExplorerState(org).remove_post("zz")
    assert isinstance(exc.value, EditError)
    assert exc.value.text("zh") == "没有编号为 'zz' 的岗位" and exc.value.text("en") == "no post with id 'zz'"
    assert str(exc.value) == "no post with id 'zz' / 没有编号为 'zz' 的岗位"


def test_clamp_params_is_not_the_simulation_check():
    import orglib.explorer
    import orglib.sim

    assert not hasattr(orglib.explorer, "check_params")
    assert orglib.sim.check_params is not clamp_params


# ------------------------------------------------------------------ hostile input (issue 12 item 9)
@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_export_with_control_characters_is_cleaned_and_said(org, tmp_path, suffix):
    pos = org.positions.copy()
    pos.loc[pos["id"] == "a", "title"] = "推广\x1b]0;PWNED\x07主管\x00"
    st = ExplorerState(org.replace(positions=pos, meta={"id": "t", "name": "测\x01试"}))
    path = st.export(tmp_path / f"design{suffix}")
    back = load(path)
    assert back.position("a")["title"] == "推广]0;PWNED主管" and back.meta["name"] == "测试"
    assert "4 control character" in st.last_export.en and "positions.title" in st.last_export.en
    assert "控制字符" in st.last_export.zh
    assert st.org.position("a")["title"].startswith("推广\x1b")  # the design itself is unchanged
    st.export(tmp_path / f"again{suffix}")
    assert ExplorerState(back).export(tmp_path / f"clean{suffix}") and ExplorerState(back).last_export is None


def test_export_button_reports_control_characters(org, tmp_path):
    pos = org.positions.copy()
    pos.loc[pos["id"] == "b1", "title"] = "销售\x0b代表"
    box = explorer(org.replace(positions=pos), lang="en", export_dir=tmp_path, chart=False)
    ex = box.explorer
    path = ex.export("xlsx")
    assert path is not None and path.is_file()
    assert load(path).position("b1")["title"] == "销售代表"
    assert "orglib-export-cleaned" in ex.export_status.value and "1 control character" in ex.export_status.value


def test_export_button_never_fails_silently(org, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    box = explorer(org, lang="en", export_dir=blocker / "sub", chart=False)  # a folder under a file
    assert box.explorer.export("yaml") is None
    assert "orglib-error" in box.explorer.export_status.value and "cannot write" in box.explorer.export_status.value


def test_upload_above_the_limit_is_refused_with_the_limit(org):
    from orglib.explorer import UPLOAD_MAX_BYTES

    data = HR.encode() + b"#" * UPLOAD_MAX_BYTES
    st = ExplorerState(org)
    res = st.load_upload(data, "big.csv")
    assert not res.ok and [p.code for p in res.problems] == ["file_too_large"]
    assert "10 MB" in res.lines("en")[0] and "10 MB" in res.lines("zh")[0]
    assert st.org is org
    box = explorer(org, lang="en", chart=False)
    assert "up to 10 MB" in box.explorer.upload_hint.value


def test_upload_temp_folder_carries_the_pid_and_a_dead_servers_folder_is_cleaned(org, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys
    import tempfile
    import time

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    left = tmp_path / f"orglib-upload-{dead}-abcd"
    left.mkdir()
    (left / "人事.csv").write_text(HR)
    old = time.time() - 3600
    os.utime(left, (old, old))
    seen = []
    real = tempfile.TemporaryDirectory

    def spy(*a, **k):
        seen.append(k.get("prefix", ""))
        return real(*a, **k)

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    res = ExplorerState(org).load_upload(HR.encode("utf-8"), "人事.csv")
    assert res.ok
    assert seen == [f"orglib-upload-{os.getpid()}-"]
    assert not left.exists()
    assert not list(tmp_path.glob(f"orglib-upload-{os.getpid()}-*"))  # its own folder is gone too
