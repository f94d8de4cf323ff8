"""The quarterly report drafted in Chinese, as an office writes it: one list of blocks (headings, paragraphs,
tables) rendered to Markdown for the terminal or to .docx (python-docx) for Word/WPS — same words, same figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.taxonomy import RISK_LEVEL, RISK_TYPE, STATUS

CN_QUARTER = {"1": "第一季度", "2": "第二季度", "3": "第三季度", "4": "第四季度"}
PREVENTED_ZH = [
    ("criminal", "防止民转刑"),
    ("petition", "防止群体性上访"),
    ("suicide", "防止自杀"),
    ("fight", "制止群体性械斗"),
]


def cn_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def status_zh(status: str) -> str:
    """A status as of the report's date: 'pending' (受理 or 调解中 on that day) reads 未办结."""
    return "未办结" if status == "pending" else STATUS.label(status, "zh")


def money(x) -> str:
    return f"{x:,.2f}" if x else "0"


CN_NUMERALS = "一二三四五六七八九十"
KIND_ZH = {"industry": "行业性专业性调委会", "workroom": "派驻调解工作室", "enterprise": "企事业单位调委会"}
BUREAU = "旗司法局人民参与和促进法治股"


def counted(parts: list[tuple[str, int, str]], sep: str = "，") -> str:
    """ "调解成功3件，撤回1件": the parts whose count is not 0 (a sentence never lists what did not happen)."""
    return sep.join(f"{label}{n}{unit}" for label, n, unit in parts if n)


def blocks(r: dict) -> list[tuple]:
    """('title'|'to'|'h2'|'h3'|'p'|'table'|'sign', content…): the words of the report, for Markdown and .docx."""
    year, q = r["quarter"][:4], r["quarter"][-1]
    qname = f"{year}年{CN_QUARTER[q]}"
    org = r["org"]["name"]
    kind = r["org"]["kind"]
    out: list[tuple] = [("title", f"{org}{qname}矛盾纠纷工作开展情况报告"), ("to", f"{BUREAU}：")]
    out.append(
        (
            "p",
            f"根据《关于开展“高质量调解年”矛盾纠纷排查化解专项行动实施方案》（乌司发〔2024〕17号）要求，现将"
            f"{org}{qname}（{cn_date(r['from'])}至{cn_date(r['to'])}）矛盾纠纷排查化解工作开展情况报告如下。",
        )
    )
    sections = [
        ("矛盾纠纷排查情况", _screening(r, kind)),
        ("矛盾纠纷受理和化解情况", _cases(r)),
        ("重大疑难和风险纠纷处置情况", _major_and_risk(r)),
        ("防止矛盾激化情况", _prevented(r)),
        ("调解组织和队伍建设情况", _staffing(r)),
        ("重要时间节点工作情况", _key_periods(r)),
        ("典型案例", _typical(r)),
        ("存在的问题", _problems(r)),
        (
            "下一步工作打算",
            [
                (
                    "p",
                    "继续落实矛盾纠纷排查研判制度，坚持“建账销号”，对重大疑难纠纷落实“一案一策”和定期会商，"
                    "及时、准确录入调解数据，做到应录必录。",
                )
            ],
        ),
    ]
    for i, (heading, body) in enumerate(sections):
        out.append(("h2", f"{CN_NUMERALS[i]}、{heading}"))
        out += body
    out.append(("sign", org, cn_date(r["drafted_on"])))
    return out


def _screening(r: dict, kind: str) -> list[tuple]:
    s = r["screenings"]
    where = "本会" if r["orgs_covered"] == 1 else f"辖区内{r['orgs_covered']}个调解组织"
    if not s["rounds"] and not s["required_periods"]:  # an industry committee: the plan sets it no cadence
        text = (
            f"实施方案未对{KIND_ZH.get(kind, '本类调解组织')}规定普遍排查频次，本季度{where}未登记排查记录。"
        )
    elif not s["rounds"]:
        text = f"本季度{where}未登记排查记录。"
    else:
        kinds = counted(
            [
                ("日常排查", s["routine"], "次"),
                ("集中排查", s["concentrated"], "次"),
                ("重点排查", s["key"], "次"),
            ],
            "、",
        )
        text = f"本季度{where}共开展排查{s['rounds']}次（{kinds}），"
        text += f"排查发现矛盾纠纷{s['found']}件" if s["found"] else "未排查发现新的矛盾纠纷"
        text += f"，其中零报告{s['zero_reports']}次。" if s["zero_reports"] and s["found"] else "。"
    if s["required_periods"]:  # only orgs with a cadence owe periods (an industry committee owes none)
        upto = f"截至{cn_date(r['as_of'])}，" if r["as_of"] != r["to"] else ""
        text += (
            f"按“嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次”的要求，{upto}应排查{s['required_periods']}期，"
            f"实际完成{s['met_periods']}期，完成率{pct(s['compliance_rate'])}。"
        )
    out = [("p", text)]
    if s["lagging"]:
        out.append(
            (
                "p",
                "未按期排查的组织："
                + "；".join(f"{x['name']}（缺{x['missed']}期）" for x in s["lagging"])
                + "。",
            )
        )
    return out


def _performance(c: dict) -> str:
    recorded = c["agreements_performed"] + c["agreements_not_performed"]
    if not recorded:
        return "协议履行情况未登记"
    return counted(
        [
            ("已履行", c["agreements_performed"], "件"),
            ("未履行", c["agreements_not_performed"], "件"),
            ("履行情况未登记", c["agreements_performance_unrecorded"], "件"),
        ],
        "、",
    )


def _cases(r: dict) -> list[tuple]:
    c = r["cases"]
    if not c["received"]:
        return [("p", "本季度未受理矛盾纠纷。")]
    outcomes = counted(
        [
            ("调解成功", c["succeeded"], "件"),
            ("调解不成", c["failed"], "件"),
            ("撤回", c["withdrawn"], "件"),
            ("尚在调解", c["pending"], "件"),
        ]
    )
    text = f"本季度共受理矛盾纠纷{c['received']}件，{outcomes}"
    if c["success_rate"] is not None:
        text += f"，调解成功率（成功÷办结）{pct(c['success_rate'])}"
        if c.get("success_rate_of_received") is not None:
            text += f"、（成功÷受理）{pct(c['success_rate_of_received'])}"
    if c["amount"]:
        text += f"；涉及金额{money(c['amount'])}元"
    text += "。"
    if c["succeeded"]:
        agreements = counted(
            [("书面协议", c["agreements_written"], "件"), ("口头协议", c["agreements_oral"], "件")], "、"
        )
        text += f"达成{agreements}" if agreements else "调解成功的案件未登记协议形式"
        if c["agreement_amount"]:
            text += f"，协议涉及金额{money(c['agreement_amount'])}元"
        text += f"，{_performance(c)}。"
    out = [("p", text)]
    src = counted([(x["label"], x["received"], "件") for x in c["by_source"]])
    if src:
        out.append(("p", f"按纠纷来源：{src}。"))
    if c["by_category"]:
        out.append(
            (
                "table",
                ["纠纷类型", "受理（件）", "调解成功（件）", "成功率（成功÷办结）", "成功率（成功÷受理）"],
                [
                    [
                        x["label"],
                        x["received"],
                        x["succeeded"],
                        pct(x["success_rate"]),
                        pct(x.get("success_rate_of_received")),
                    ]
                    for x in c["by_category"]
                ],
            )
        )
    return out


def _reported_to(x: dict) -> str:
    if x["reported_to"]:
        return x["reported_to"]
    return "未登记" if x["reported_on"] else "—"


def _major_and_risk(r: dict) -> list[tuple]:
    out: list[tuple] = []
    if r["major_cases"]:
        plans = sum(1 for m in r["major_cases"] if m["has_plan"])
        talks = sum(m["consultations"] for m in r["major_cases"])
        text = f"本季度在办重大疑难纠纷{len(r['major_cases'])}件"
        text += f"，按照“一案一策”原则制定调解方案{plans}件" if plans else "，均未制定“一案一策”调解方案"
        text += f"，开展会商{talks}次。" if talks else "，尚未开展会商。"
        out.append(("p", text))
        out.append(
            (
                "table",
                ["案件编号", "纠纷类型", "状态", "调解方案", "会商次数"],
                [
                    [
                        m["case_no"],
                        m.get("category_label", m["category"]),
                        status_zh(m.get("status_then") or m["status"]),
                        "已制定" if m["has_plan"] else "未制定",
                        m["consultations"],
                    ]
                    for m in r["major_cases"]
                ],
            )
        )
    else:
        out.append(("p", "本季度无在办重大疑难纠纷。"))
    risky = r["risk_cases"]
    if not risky:
        out.append(("p", "本季度受理的纠纷中未发现较大以上风险隐患。"))
        return out
    owed = [x for x in risky if x.get("must_report", 1)]
    reported = sum(1 for x in owed if x["reported_on"])
    text = f"经风险研判，本季度受理的纠纷中有风险隐患的{len(risky)}件"
    if owed:
        text += f"，其中须向党委、政府和有关部门报告的{len(owed)}件，已报告{reported}件"
        if reported < len(owed):
            text += f"，未报告{len(owed) - reported}件"
    out.append(("p", text + "。"))
    out.append(
        (
            "table",
            ["案件编号", "风险等级", "风险类型", "报告日期", "报告对象"],
            [
                [
                    x["case_no"],
                    RISK_LEVEL.label(x["risk_level"], "zh"),
                    "、".join(RISK_TYPE.label(t, "zh") for t in (x["risk_types"] or "").split(";") if t)
                    or "—",
                    x["reported_on"] or ("未报告" if x.get("must_report", 1) else "无需报告"),
                    _reported_to(x),
                ]
                for x in risky
            ],
        )
    )
    return out


def _prevented(r: dict) -> list[tuple]:
    p = r["prevented"]
    parts = [
        f"{zh}{p.get(f'prevented_{k}_cases', 0)}件{p.get(f'prevented_{k}_persons', 0)}人"
        for k, zh in PREVENTED_ZH
        if p.get(f"prevented_{k}_cases", 0) or p.get(f"prevented_{k}_persons", 0)
    ]
    if not parts:
        return [("p", "本季度未登记防止矛盾激化的案件。")]
    return [("p", "通过调解" + "，".join(parts) + "。")]


def _staffing(r: dict) -> list[tuple]:
    st = r["staffing"]
    if not st["mediators"]:
        return [("p", f"截至{cn_date(r['as_of'])}，未登记人民调解员。")]
    text = f"截至{cn_date(r['as_of'])}，共有人民调解员{st['mediators']}名"
    text += (
        f"，其中专职人民调解员{st['full_time']}名，占{pct(st['full_time_share'])}。"
        if st["full_time"]
        else "，均为兼职，尚无专职人民调解员。"
    )
    if st["short"]:
        text += (
            "未达到专职人民调解员配备要求的："
            + "；".join(
                f"{x['name']}（应配{x['required']}名，"
                + (f"现有{x['full_time']}名）" if x["full_time"] else "现无）")
                for x in st["short"]
            )
            + "。"
        )
    else:
        text += "专职人民调解员均已按要求配齐。"
    return [("p", text)]


def _key_periods(r: dict) -> list[tuple]:
    if not r["key_periods"]:
        return [("p", "本季度无重要时间节点。")]
    return [
        (
            "p",
            "；".join(
                f"{k['label']}（{cn_date(k['start'])}至{cn_date(k['end'])}）期间"
                + (f"受理纠纷{k['cases']}件" if k["cases"] else "未受理纠纷")
                for k in r["key_periods"]
            )
            + "。",
        )
    ]


def _typical(r: dict) -> list[tuple]:
    cases = r["typical_cases"]
    if not cases:
        return [("p", "本季度无调解成功的案件可作典型案例。")]
    out: list[tuple] = []
    for i, c in enumerate(cases):
        if c.get("title"):  # chosen by the clerk (case feature): their own title and write-up
            out.append(("h3", f"（{CN_NUMERALS[i]}）{c['title']}（{c['case_no']}）"))
            out += [("p", line.strip()) for line in (c["write_up"] or "").splitlines() if line.strip()]
            continue
        out.append(("h3", f"（{CN_NUMERALS[i]}）{c['category_label']}纠纷（{c['case_no']}）"))
        text = (
            f"{cn_date(c['received_on'])}，{c['org_name']}受理：{c['summary'] or '（未登记纠纷简要情况）'}。"
        )
        if c["major"]:
            text += "该案为重大疑难纠纷。"
        text += f"{cn_date(c['outcome_on'])}经调解，双方"
        text += {"written": "达成书面调解协议", "oral": "达成口头调解协议"}.get(
            c["agreement"], "达成调解协议"
        )
        if c["amount"]:
            text += f"，协议涉及金额{money(c['amount'])}元"
        text += {True: "，协议已履行。", False: "，协议尚未履行。"}.get(c["performed"], "，履行情况未登记。")
        out.append(("p", text))
    return out


def _problems(r: dict) -> list[tuple]:
    pr, s, st, c = r["problems"], r["screenings"], r["staffing"], r["cases"]
    items = []
    if s["lagging"]:
        items.append(
            f"{len(s['lagging'])}个调解组织未按期开展普遍排查，共缺{sum(x['missed'] for x in s['lagging'])}期"
        )
    if pr["unreported_risks"]:
        items.append(
            f"须向党委、政府报告的风险纠纷{len(pr['unreported_risks'])}件未报告（{'、'.join(pr['unreported_risks'][:5])}"
            + ("等" if len(pr["unreported_risks"]) > 5 else "")
            + "）"
        )
    no_plan = [m["case_no"] for m in r["major_cases"] if not m["has_plan"]]
    if no_plan:
        items.append(f"重大疑难纠纷{len(no_plan)}件未制定“一案一策”调解方案")
    if pr["stalled_cases"]:
        items.append(f"受理超过{pr['stalled_days']}天仍未调结且未延期的纠纷{len(pr['stalled_cases'])}件")
    if pr["late_entries"]:
        items.append(
            f"本季度受理的{pr['entries']}件中有{pr['late_entries']}件超过{pr['entry_within_days']}天才录入台账，"
            "未做到及时录入"
        )
    if st["short"]:
        items.append(f"{len(st['short'])}个调解组织专职人民调解员未按要求配齐")
    if c["succeeded"] and c["agreements_performance_unrecorded"]:
        items.append(
            f"调解成功的{c['succeeded']}件中有{c['agreements_performance_unrecorded']}件未登记协议履行情况，回访工作有待加强"
        )
    if not items:
        return [("p", "对照台账，本季度未发现排查、报告、调结、录入和队伍配备方面的突出问题。")]
    return [("p", f"{i + 1}. {text}。") for i, text in enumerate(items)]


def to_markdown(r: dict) -> str:
    lines: list[str] = []
    for b in blocks(r):
        if b[0] == "title":
            lines += [f"# {b[1]}", ""]
        elif b[0] == "h2":
            lines += [f"## {b[1]}", ""]
        elif b[0] == "h3":
            lines += [f"### {b[1]}", ""]
        elif b[0] in ("p", "to"):
            lines += [b[1], ""]
        elif b[0] == "table":
            header, rows = b[1], b[2]
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
            lines.append("")
        elif b[0] == "sign":
            lines += [f"{b[1]}  ", b[2], ""]
    return "\n".join(lines)


def to_docx(r: dict, path: Path) -> None:
    from mediation_cli.render.gongwen import to_docx as write

    parts = blocks(r)
    write(parts, path, title=parts[0][1], author=r["org"]["name"])
