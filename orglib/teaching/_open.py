"""Open questions per lesson, with a model answer and a rubric for the teacher.

Students answer in prose; nothing here is auto-checked. The figures a model answer quotes
are computed from the library when the table is built, so they match the lesson.

Examples
--------
>>> oq = open_questions(5, "en")
>>> list(oq.columns)
['lesson', 'key', 'question', 'model_answer', 'rubric']
>>> len(oq) >= 2
True
"""

from __future__ import annotations

import pandas as pd

from .._core import OrgInputError, check_lang, tr

_Q = tuple[str, str, str, str, str, str, str]  # key, q zh, q en, model zh, model en, rubric zh, rubric en

_OPEN: dict[int, list[_Q]] = {
    1: [("o1", "一家只有销售团队、没有市场部的公司,最先会缺少哪种职能的工作?后果是什么?",
         "A company with a sales team but no marketing department: which role's work goes missing first, and with what effect?",
         "情报职能:没人系统地收集竞争与客户信息,定价和新品决策凭感觉;销售忙于成交,市场调研被挤掉。",
         "Intelligence: nobody gathers competitor and customer information systematically, so pricing and product "
         "decisions rest on hunches; sales staff are busy closing deals and research is squeezed out.",
         "2 分:指出情报职能;2 分:说明决策依据缺失;1 分:举出具体例子(定价、新品)。",
         "2 points: names intelligence; 2: explains the missing basis for decisions; 1: a concrete example (pricing, launch).")
        , ("o2", "为什么成熟期的重点转向广告与品牌?用四大职能解释。",
           "Why does the focus shift to advertising and brand at maturity? Explain with the four roles.",
           "成熟期竞争者多、产品差异小,公关职能(品牌、广告)成为区分的手段;情报职能转向竞争分析。",
           "At maturity rivals are many and products alike; the public-relations role (brand, advertising) becomes the "
           "way to stand out, and intelligence turns to competitor analysis.",
           "2 分:竞争与差异化;2 分:点名公关职能;1 分:提到情报职能的变化。",
           "2 points: competition and differentiation; 2: names public relations; 1: notes how intelligence changes.")],
    2: [("o1", "4R 为什么不是取代 4P?举北钢医院的一项职责说明三者如何结合。",
         "Why does 4R not replace 4P? Use one of Beigang Hospital's (北钢医院) duties to show how the three combine.",
         "4R 在 4P、4C 基础上发展(种子原文);例如「处理大客户的投诉」既是 4R 的反应,也服务于 4C 的消费者和 4P 的产品改进。",
         "4R builds on 4P and 4C (the seed's words); e.g. handling major clients' complaints is 4R's response and also "
         "serves 4C's customer and 4P's product.",
         "2 分:引用「不是取代」;2 分:举出医院职责;1 分:把一项职责对应到两个以上框架。",
         "2 points: quotes 'not a replacement'; 2: a hospital duty; 1: maps one duty to two or more frameworks."),
        ("o2", "多彩改进方案覆盖了更多要素,但人数不变。覆盖更多一定更好吗?",
         "Duocai's to-be covers more elements with the same people. Is more coverage always better?",
         "不一定:覆盖只说明有人负责,不说明做得好;每人职责更多可能摊薄精力。应结合考核指标和能力要求判断。",
         "Not necessarily: coverage says someone is responsible, not that it is done well; more duties per person can "
         "spread effort thin. Judge together with KPIs and skills.",
         "2 分:区分「有人负责」与「做得好」;2 分:提到工作量;1 分:提出检验方法。",
         "2 points: 'owned' versus 'done well'; 2: workload; 1: proposes a way to check.")],
    3: [("o1", "一家 70 人的初创企业想直接照搬 2000 人企业的分权式结构,你会怎么建议?",
         "A 70-person start-up wants to copy a 2,000-person firm's decentralized structure. What do you advise?",
         "按种子 000 的规则,初创期和中小企业用集中式:一个市场部直接向高层汇报,决策快、资源集中;子部门会增加管理岗位和协调成本。",
         "By seed 000's rule a start-up centralizes: one department reporting to top management decides fast and pools "
         "resources; sub-departments would add manager posts and coordination cost.",
         "2 分:引用阶段与规模规则;2 分:说明集中式的好处;1 分:说明分权的成本。",
         "2 points: cites the stage-and-size rule; 2: gains of centralizing; 1: costs of decentralizing.")
        , ("o2", "中国移动为什么在集团、省、市三级都设集团客户组织?这对企业客户意味着什么?",
           "Why does China Mobile have corporate-account units at group, province and city level? What does it mean for enterprise customers?",
           "企业客户分布在各地、规模不同(A/B/C 类);三级垂直一体化让大客户由总部统筹、地方就近服务,代价是汇报链更长。",
           "Enterprise customers are spread out and differ in size (tiers A/B/C); a vertically integrated three-tier line "
           "lets headquarters steer key accounts while local units serve nearby, at the cost of a longer reporting chain.",
           "2 分:集团客户 = 企业客户;2 分:垂直一体化的好处;1 分:层级的代价。",
           "2 points: 集团客户 = corporate accounts; 2: gains of vertical integration; 1: the cost in layers.")],
    4: [("o1", "幅度越宽越好吗?用取舍图和排队模型回答。",
         "Is a wider span always better? Answer with the trade-off chart and the queueing model.",
         "不是:宽幅度减少层级和升级次数,但每位经理的关系数和排队等待增加;超过某个幅度进入过载区,等待无限增长。最佳幅度在中间。",
         "No: wider spans cut layers and escalations but raise each manager's relationships and queueing; past a point "
         "the manager is overloaded and waits grow without bound. The best span is in between.",
         "2 分:层级减少;2 分:关系数/排队增加与过载区;1 分:指出最佳点。",
         "2 points: fewer layers; 2: more relationships/queueing and the overload region; 1: names an optimum.")
        , ("o2", "巨巢的哪位管理者最需要调整幅度?提出一个方案。",
           "Which of Jucao's managers most needs a different span? Propose a change.",
           "看提示表中幅度超出「教练」区间的管理者;方案可以是增设主管(加一层)或合并小团队,并说明对层级的影响。",
           "Take a manager flagged outside the coach range; propose adding a lead (one more layer) or merging small teams, "
           "and state the effect on layers.",
           "2 分:用数据点名管理者;2 分:可行方案;1 分:说明层级变化。",
           "2 points: names a manager from the data; 2: a workable change; 1: its effect on layers.")],
    5: [("o1", "多彩的现状为什么「很不合理」?用五条原则逐一评价。",
         "Why is Duocai's as-is 'very unreasonable'? Assess it against each of the five principles.",
         "大区推广经理相互领导(9 条同级领导关系),违背清晰责任原则;6 人收集销售数据,效率低;其余原则结构上可以通过。",
         "Regional managers lead one another (9 peer authority links), breaking clear responsibility; six people collect "
         "sales data, which is inefficient; the other principles pass structurally.",
         "2 分:点出相互领导与清晰责任;2 分:提到人力利用率(效率);1 分:逐条覆盖五条原则。",
         "2 points: mutual leadership and clear responsibility; 2: staff utilisation (efficiency); 1: covers all five.")
        , ("o2", "15 项考核指标中有的不对应任何 4P/4C/4R 要素。它们该保留吗?",
           "Some of the 15 KPIs map to no 4P/4C/4R element. Should they stay?",
           "可以保留:它们考核行为与能力(如纪律、学习),是达成营销结果的前提;但应与结果指标搭配、控制权重。",
           "Yes, with care: they measure conduct and capability (discipline, learning), preconditions of marketing results; "
           "pair them with result KPIs and keep their weight modest.",
           "2 分:区分行为指标与结果指标;2 分:给出理由;1 分:提出权重或搭配建议。",
           "2 points: conduct versus result KPIs; 2: reasons; 1: a weighting or pairing proposal.")],
    6: [("o1", "SC-001 的年度计划要经过总经理、技术总监等多人签准。审批链这么长,值得吗?",
         "SC-001's annual plans are signed off by the general manager, the technical director and others. Is such a long "
         "approval chain worth it?",
         "对年度、月度和重大计划值得:它们动用预算、牵涉多个部门,会签让各方事先认同;种子也规定常规计划跳过总经理一步。"
         "代价是周期变长,应只用于重大事项。",
         "For annual, monthly and major plans yes: they commit budget and involve several departments, and a joint "
         "sign-off secures agreement up front; the seed already lets routine plans skip the general manager. The price "
         "is a longer cycle, so keep it for major items.",
         "2 分:区分重大与常规计划;2 分:说明会签的好处;1 分:指出周期的代价。",
         "2 points: major versus routine plans; 2: what a joint sign-off buys; 1: the cost in cycle time."),
        ("o2", "分权式让 SC-002 多了交接。一家成熟的大企业为什么仍然选择分权式?",
         "Decentralizing adds hand-offs to SC-002. Why would a mature large firm still decentralize?",
         "种子 000:分权式提高专业性和工作效率;规模大时一个部门做不过来,专业子部门各自更精通。交接可以用联席会议、资源共享等"
         "协调机制降低成本。",
         "Seed 000: decentralizing raises specialisation and efficiency; at scale one department cannot do everything and "
         "specialised sub-departments each know their field better. Coordination mechanisms (joint meetings, shared "
         "resources) keep hand-offs cheap.",
         "2 分:专业化;2 分:规模;1 分:提出协调机制。",
         "2 points: specialisation; 2: scale; 1: names a coordination mechanism.")],
    7: [("o1", "说明你的设计如何回应这家公司的发展阶段和规模,并指出你接受了哪项失分、为什么。",
         "Explain how your design answers the company's stage and size, and which lost points you accepted, and why.",
         "好的答案先用种子 000 的规则选择集中式或分权式,再用得分表逐项说明:例如初创企业接受 4P/4C/4R 覆盖不全,"
         "因为五六个人无法承担全部要素,优先覆盖产品、促销与顾客。",
         "A good answer first picks centralized or decentralized by seed 000's rule, then walks through the score table: "
         "e.g. a start-up accepts incomplete 4P/4C/4R coverage because five or six people cannot own every element, "
         "and covers product, promotion and customer first.",
         "2 分:引用阶段与规模规则;2 分:用得分表中的数字;1 分:说明取舍理由。",
         "2 points: cites the stage-and-size rule; 2: uses figures from the score table; 1: justifies a trade-off."),
        ("o2", "如果这家初创企业三年后成长为 1500 人的成熟企业,你的设计要怎样演变?",
         "If the start-up grows into a 1,500-person mature firm in three years, how should your design evolve?",
         "从集中式转为分权式:按职能设策划、品牌宣传、销售支持等子部门,每个子部门有经理、幅度在 3–10 人;"
         "增加调研与数据职能覆盖 4R;用协调机制避免子部门各自为政。",
         "Move from centralized to decentralized: sub-departments for planning, brand communications and sales support, "
         "each with a manager and spans of 3–10; add research and data roles to cover 4R; use coordination mechanisms "
         "so sub-departments do not drift apart.",
         "2 分:转为分权式;2 分:具体的子部门和幅度;1 分:提到协调。",
         "2 points: moves to decentralized; 2: concrete sub-departments and spans; 1: coordination.")],
}


def open_questions(lesson: int, lang: str = "zh") -> pd.DataFrame:
    """Open questions of a lesson with the teacher's model answer and rubric.

    Returns
    -------
    DataFrame
        ``lesson``, ``key``, ``question``, ``model_answer``, ``rubric``.
    """
    check_lang(lang)
    try:
        n = int(lesson)
    except (TypeError, ValueError):
        n = -1
    if n not in _OPEN:
        raise OrgInputError(en=f"no open questions for lesson {lesson!r}: use 1–7",
                            zh=f"第 {lesson!r} 课没有讨论题:请用 1–7")
    rows = [{"lesson": n, "key": k, "question": tr(qz, qe, lang), "model_answer": tr(mz, me, lang),
             "rubric": tr(rz, re_, lang)} for k, qz, qe, mz, me, rz, re_ in _OPEN[n]]
    return pd.DataFrame(rows, columns=["lesson", "key", "question", "model_answer", "rubric"])
