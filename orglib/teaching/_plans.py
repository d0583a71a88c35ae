"""Lesson plans for the teacher's pack: learning outcomes, a 90-minute timing plan, the
course topics each lesson serves, and the slide outline (zh + en).

The plans are ours (本课设计); the content they point to comes from the seeds through the
catalogues and templates.

Examples
--------
>>> sum(m for m, _zh, _en in PLANS[1].timing)
90
>>> syllabus(lang="en").columns.tolist()
['lesson', 'title', 'course topics', 'seeds', 'minutes']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .._core import OrgInputError, check_lang, tr
from ._exercises import LESSONS


@dataclass(frozen=True)
class Slide:
    """One slide: title and bullets in both languages, optionally a figure key (see
    :func:`orglib.teaching._pack.slide_figure`)."""

    title_zh: str
    title_en: str
    bullets_zh: tuple[str, ...]
    bullets_en: tuple[str, ...]
    figure: str = ""


@dataclass(frozen=True)
class Plan:
    """A lesson's plan: ``notebook`` stem, learning ``outcomes`` and ``timing`` as
    ``(minutes, zh, en)``, ``topics`` (course topics, zh/en pairs), ``seeds``, ``slides``."""

    lesson: int
    notebook: str
    outcomes: tuple[tuple[str, str], ...]
    timing: tuple[tuple[int, str, str], ...]
    topics: tuple[tuple[str, str], ...]
    seeds: str
    slides: tuple[Slide, ...]


def _t(*rows: tuple[int, str, str]) -> tuple[tuple[int, str, str], ...]:
    return tuple(rows)


PLANS: dict[int, Plan] = {p.lesson: p for p in (
    Plan(1, "01_what_marketing_is_for",
         (("说出市场部的四大职能(情报、参谋、监管、公关),并各举一项职责", "Name the department's four roles and give a duty of each"),
          ("解释工作重点为何随产品阶段(导入、成长、成熟)变化", "Explain why the focus shifts across introduction, growth and maturity"),
          ("用覆盖表判断一个真实设计缺少哪种职能", "Use a coverage table to tell which role a real design lacks")),
         _t((10, "导入:销售部和市场部有什么不同?(学生先讨论)", "Hook: how do sales and marketing differ? (students first)"),
            (20, "四大职能与种子 000/001 的职责清单", "The four roles and the duties in seeds 000/001"),
            (20, "阶段 × 职能热力图:导入期重参谋,成熟期重公关", "Stage × role heatmap: advisory early, PR at maturity"),
            (15, "案例:市场部空缺的销售体系缺少什么", "Case: what a sales system with no marketing department lacks"),
            (15, "自检练习(含 2 道推理题)", "Self-checking exercises (2 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("营销部门的职能与组织", "The marketing function and organisation"),
          ("产品生命周期与营销重点", "Product life cycle and marketing focus")),
         "000, 001",
         (Slide("市场部的四大职能", "The four roles of the marketing department",
                ("情报:跟踪行业、收集竞争与市场信息", "参谋:品牌、营销与产品策略,销售预测,参与定价",
                 "监管:廉政稽查、伙伴行为、培训与产销协调", "公关:品牌形象、广告推广、媒体与服务"),
                ("Intelligence: track the industry, gather competitive and market information",
                 "Advisory: brand, marketing and product strategy, forecasts, pricing",
                 "Oversight: audits, partners' conduct, training, production–sales coordination",
                 "Public relations: brand image, advertising, media and service")),
          Slide("工作重点随产品阶段变化", "Focus shifts with the product stage", (), (), "heatmap"))),
    Plan(2, "02_4p_4c_4r",
         (("说出 4P、4C、4R 的十二个要素及提出者和年代", "Name the twelve 4P/4C/4R elements with their authors and years"),
          ("解释 4C 如何从顾客角度重新审视 4P,4R 为何不取代两者", "Explain how 4C re-examines 4P and why 4R replaces neither"),
          ("把一个部门的职责映射到要素上,找出设计空白", "Map a department's duties onto the elements and find the gaps")),
         _t((10, "导入:同一款产品,企业与顾客各看到什么?", "Hook: one product seen by the firm and by the customer"),
            (20, "4P(麦卡锡 1960)→ 4C(劳特朋 1990)→ 4R(舒尔茨)", "4P (McCarthy 1960) → 4C (Lauterborn 1990) → 4R (Schultz)"),
            (15, "关系图:一一对应与「不是取代」", "Relation figure: element pairs and 'not a replacement'"),
            (20, "案例:北钢医院与多彩的要素覆盖", "Cases: element coverage at 北钢医院 and Duocai"),
            (15, "自检练习(含 2 道推理题)", "Self-checking exercises (2 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("营销组合 4P", "The marketing mix (4P)"), ("顾客导向与 4C", "Customer orientation and 4C"),
          ("关系营销与 4R", "Relationship marketing and 4R")),
         "000 (北钢医院), 003",
         (Slide("从 4P 到 4C 再到 4R", "From 4P to 4C to 4R", (), (), "mix"),
          Slide("三者的关系", "How they relate",
                ("4C 针对 4P 的问题,从消费者出发重新审视四个要素", "4R 在 4P、4C 基础上创新与发展,不是取代",
                 "三者结合,根据企业实际指导营销实践"),
                ("4C answers 4P's problems from the customer's side", "4R builds on 4P and 4C; it does not replace them",
                 "Combine the three to suit the firm")))),
    Plan(3, "03_centralized_vs_decentralized",
         (("按种子 000 定义集中式与分权式,并用阶段与规模规则选择", "Define centralized and decentralized as seed 000 does and choose by stage and size"),
          ("区分按职能分权与按区域/产品分权这一变体", "Tell functional decentralization from the by-region/by-product variant"),
          ("用层级、人数与覆盖比较真实设计", "Compare real designs on layers, headcount and coverage")),
         _t((10, "导入:70 人的公司和 2000 人的公司,市场部一样吗?", "Hook: is a marketing department the same at 70 and at 2,000 people?"),
            (20, "种子 000 的两种模式与选择规则", "Seed 000's two models and the selection rule"),
            (15, "进一步的变体:按区域 / 矩阵", "A further variant: by region / matrix"),
            (20, "案例:多彩、美年、中国移动(集团、省、市)", "Cases: Duocai, Meinian, China Mobile (group, province, city)"),
            (15, "自检练习(含 2 道推理题)", "Self-checking exercises (2 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("营销组织结构类型", "Types of marketing organisation structure"),
          ("集权与分权", "Centralization and decentralization")),
         "000, 004",
         (Slide("种子 000 的两种模式", "Seed 000's two models",
                ("集中式:初创期和中小企业;一个市场部负责全部市场工作,直接向高层汇报",
                 "分权式:成熟的大型企业;下设策划、品牌宣传、销售支持等子部门",
                 "选择规则:看发展阶段和规模"),
                ("Centralized: start-ups and SMEs; one department does all marketing and reports to top management",
                 "Decentralized: mature large firms; sub-departments for planning, brand, sales support",
                 "Selection rule: stage and size"), "rule"),
          Slide("多彩:现状与改进方案(本课设计)", "Duocai: as-is and to-be (our design)", (), (), "duocai"))),
    Plan(4, "04_span_of_control",
         (("用格拉丘纳斯公式计算关系数并解释其增长", "Compute Graicunas' relationships and explain their growth"),
          ("把管理幅度与管理者类型对应(常见经验划分)", "Match spans to manager archetypes (a common-practice rule)"),
          ("读取取舍图:层级、时延与过载区", "Read the trade-off chart: layers, latency and the overload region")),
         _t((10, "导入:一位经理最多能带几个人?(先猜)", "Hook: how many people can one manager lead? (guess first)"),
            (15, "格拉丘纳斯关系数", "Graicunas' relationships"),
            (15, "五种管理者类型与巨巢的幅度", "Five archetypes and Jucao's spans"),
            (25, "取舍模拟与排队模型,过载区", "Trade-off simulation, the queueing model and the overload region"),
            (15, "自检练习(含 3 道推理题)", "Self-checking exercises (3 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("管理幅度与组织层级", "Span of control and organisational layers"),
          ("决策效率", "Decision efficiency")),
         "002, 000",
         (Slide("幅度、层级与时延的取舍", "Span, layers and latency", (), (), "tradeoff"),)),
    Plan(5, "05_design_principles_and_kpis",
         (("把五条设计原则变成可计算的指标(指标选择是本课设计)", "Turn the five design principles into measures (our choice of measures)"),
          ("解释多彩现状为何在清晰责任原则上失败(相互领导)", "Explain why Duocai's as-is fails clear responsibility (managers who lead one another)"),
          ("区分结果型与行为型考核指标", "Tell result KPIs from conduct KPIs")),
         _t((10, "导入:谁该为一次失败的促销负责?", "Hook: who answers for a failed promotion?"),
            (20, "五条原则与它们的指标", "The five principles and their measures"),
            (20, "案例:多彩的相互领导,现状与改进方案对比", "Case: Duocai's mutual leadership, as-is vs to-be"),
            (15, "协调机制与 15 项考核指标", "Coordination mechanisms and the 15 KPIs"),
            (15, "自检练习(含 2 道推理题)", "Self-checking exercises (2 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("组织设计原则", "Principles of organisation design"), ("营销绩效考核", "Marketing performance measurement")),
         "000, 003",
         (Slide("五条设计原则", "The five design principles",
                ("协调性、清晰责任、信息畅通、灵活性、效率", "清晰责任:每个职位的职责与权限明确 —— 相互领导违背它"),
                ("Coordination, clear responsibility, information flow, flexibility, efficiency",
                 "Clear responsibility: every post's duties and authority defined — mutual leadership breaks it")),
          Slide("多彩:现状与改进方案(本课设计)", "Duocai: as-is and to-be (our design)", (), (), "duocai"))),
    Plan(6, "06_workflows_approval_chains",
         (("读出一个流程的审批步骤、审批链、交接与周期", "Read a workflow's approvals, approval chain, hand-offs and cycle time"),
          ("解释集中式与分权式如何改变交接与周期", "Explain how centralized and decentralized designs change hand-offs and cycle time"),
          ("判断哪些审批值得保留", "Judge which approvals are worth keeping")),
         _t((10, "导入:一份调研计划要签几个字?", "Hook: how many signatures does a research plan need?"),
            (20, "种子 003 的四个流程与 SC-001 的审批链", "Seed 003's four workflows and SC-001's approval chain"),
            (25, "同一流程放进集中式与分权式(先预测)", "The same workflow in centralized and decentralized designs (predict first)"),
            (10, "结果讨论:专业化与速度的取舍", "Discussion: specialisation against speed"),
            (15, "自检练习(含 2 道推理题)", "Self-checking exercises (2 reasoning questions)"),
            (10, "讨论题与小结", "Open questions and wrap-up")),
         (("营销计划与执行流程", "Marketing planning and implementation processes"),
          ("营销控制与审批", "Marketing control and approvals")),
         "003, 000",
         (Slide("结构如何改变流程", "How structure changes a workflow", (), (), "workflows"),)),
    Plan(7, "07_capstone_design_a_department",
         (("为给定阶段与规模的公司设计市场部", "Design a marketing department for a company of a given stage and size"),
          ("用七项标准为设计打分并解释取舍", "Score the design on seven criteria and explain the trade-offs"),
          ("导出答案与得分供评分", "Export answers and scores for grading")),
         _t((10, "布置案例:70 人初创企业 / 2000 人成熟企业", "Brief: a 70-person start-up / a 2,000-person mature firm"),
            (15, "按种子规则选择结构,列出职能与人数", "Choose the structure by the seed's rule; list functions and headcounts"),
            (30, "小组设计与打分(可反复修改)", "Design and score in groups (iterate)"),
            (20, "小组汇报:得分表与取舍", "Group presentations: score tables and trade-offs"),
            (10, "自检练习", "Self-checking exercises"),
            (5, "导出 CSV,布置书面回答", "Export the CSV; set the written answers")),
         (("营销组织设计(综合)", "Marketing organisation design (capstone)"),),
         "000–004",
         (Slide("评分标准(本课设计)", "Scoring (our design)",
                ("结构 15、规模与成本 15、幅度 15、层级 10", "4P/4C/4R 覆盖 15、四大职能 10、五条原则 20"),
                ("Structure 15, size & cost 15, spans 15, layers 10",
                 "4P/4C/4R coverage 15, four roles 10, five principles 20"), "score"),)),
)}
"""Every lesson's plan."""


def plan(lesson: int) -> Plan:
    """One lesson's plan.

    >>> plan(6).notebook
    '06_workflows_approval_chains'
    """
    try:
        return PLANS[int(lesson)]
    except (KeyError, TypeError, ValueError):
        raise OrgInputError(en=f"no lesson {lesson!r}: use 1–7", zh=f"没有第 {lesson!r} 课:请用 1–7") from None


def timing_table(lesson: int, *, lang: str = "zh") -> pd.DataFrame:
    """The 90-minute plan: start–end minute and activity.

    >>> timing_table(3, lang="en")["minutes"].iloc[-1]
    '80–90'
    """
    check_lang(lang)
    rows, t = [], 0
    for m, zh, en in plan(lesson).timing:
        rows.append({"minutes": f"{t}–{t + m}", "activity": tr(zh, en, lang)})
        t += m
    return pd.DataFrame(rows)


def syllabus(*, lang: str = "zh") -> pd.DataFrame:
    """Lessons mapped to common marketing-management course topics."""
    check_lang(lang)
    rows = []
    for n, p in PLANS.items():
        rows.append({"lesson": n, "title": tr(*LESSONS[n], lang),
                     "course topics": ("、" if lang == "zh" else "; ").join(tr(zh, en, lang) for zh, en in p.topics),
                     "seeds": p.seeds, "minutes": sum(m for m, _z, _e in p.timing)})
    return pd.DataFrame(rows)
