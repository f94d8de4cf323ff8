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


def blocks(r: dict) -> list[tuple]:
    """('h1'|'h2'|'p'|'table', content…)."""
    year, q = r["quarter"][:4], r["quarter"][-1]
    qname = f"{year}年{CN_QUARTER[q]}"
    org = r["org"]["name"]
    s, c, st = r["screenings"], r["cases"], r["staffing"]
    out: list[tuple] = [("h1", f"{org}{qname}矛盾纠纷工作开展情况报告")]
    out.append(("p", "旗司法局人民参与和促进法治股："))
    out.append(
        (
            "p",
            f"根据《关于开展“高质量调解年”矛盾纠纷排查化解专项行动实施方案》（乌司发〔2024〕17号）要求，现将"
            f"{org}{qname}（{cn_date(r['from'])}至{cn_date(r['to'])}）矛盾纠纷排查化解工作开展情况报告如下。",
        )
    )

    out.append(("h2", "一、矛盾纠纷排查情况"))
    text = (
        f"本季度辖区内{r['orgs_covered']}个调解组织共开展排查{s['rounds']}次，其中日常排查{s['routine']}次、"
        f"集中排查{s['concentrated']}次、重点排查{s['key']}次，排查发现矛盾纠纷{s['found']}件，零报告{s['zero_reports']}次。"
    )
    if s["required_periods"]:
        text += (
            f"按“嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次”的要求，应排查{s['required_periods']}期，"
            f"实际完成{s['met_periods']}期，完成率{pct(s['compliance_rate'])}。"
        )
    out.append(("p", text))
    if s["lagging"]:
        out.append(
            (
                "p",
                "未按期排查的组织："
                + "；".join(f"{x['name']}（缺{x['missed']}期）" for x in s["lagging"])
                + "。",
            )
        )

    out.append(("h2", "二、矛盾纠纷受理和化解情况"))
    out.append(
        (
            "p",
            f"本季度共受理矛盾纠纷{c['received']}件，调解成功{c['succeeded']}件，调解不成{c['failed']}件，"
            f"撤回{c['withdrawn']}件，尚在调解{c['pending']}件，调解成功率（成功÷办结）{pct(c['success_rate'])}、"
            f"（成功÷受理）{pct(c.get('success_rate_of_received'))}；"
            f"涉及金额{money(c['amount'])}元。达成书面协议{c['agreements_written']}件、口头协议"
            f"{c['agreements_oral']}件，协议涉及金额{money(c['agreement_amount'])}元，已履行"
            f"{c['agreements_performed']}件。",
        )
    )
    src = "，".join(f"{x['label']}{x['received']}件" for x in c["by_source"])
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

    out.append(("h2", "三、重大疑难和风险纠纷处置情况"))
    if r["major_cases"]:
        out.append(
            (
                "p",
                f"本季度在办重大疑难纠纷{len(r['major_cases'])}件，按照“一案一策”原则制定调解方案"
                f"{sum(1 for m in r['major_cases'] if m['has_plan'])}件，开展会商"
                f"{sum(m['consultations'] for m in r['major_cases'])}次。",
            )
        )
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
        out.append(("p", "本季度无重大疑难纠纷。"))
    if r["risk_cases"]:
        reported = sum(1 for x in r["risk_cases"] if x["reported_on"])
        out.append(
            (
                "p",
                f"经风险研判，本季度受理的纠纷中有风险隐患的{len(r['risk_cases'])}件，已向党委、政府和有关部门"
                f"报告{reported}件。",
            )
        )
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
                        x["reported_on"] or "未报告",
                        x["reported_to"] or "—",
                    ]
                    for x in r["risk_cases"]
                ],
            )
        )
    else:
        out.append(("p", "本季度受理的纠纷中未发现较大以上风险隐患。"))

    out.append(("h2", "四、防止矛盾激化情况"))
    p = r["prevented"]
    out.append(
        (
            "p",
            "通过调解"
            + "，".join(
                f"{zh}{p.get(f'prevented_{k}_cases', 0)}件{p.get(f'prevented_{k}_persons', 0)}人"
                for k, zh in PREVENTED_ZH
            )
            + "。",
        )
    )

    out.append(("h2", "五、调解组织和队伍建设情况"))
    text = (
        f"截至{cn_date(r['to'])}，辖区内共有人民调解员{st['mediators']}名，其中专职人民调解员{st['full_time']}名，"
        f"占{pct(st['full_time_share'])}。"
    )
    if st["short"]:
        text += (
            "未达到专职人民调解员配备要求的："
            + "；".join(f"{x['name']}（应配{x['required']}名，现有{x['full_time']}名）" for x in st["short"])
            + "。"
        )
    else:
        text += "各调解组织专职人民调解员均已按要求配齐。"
    out.append(("p", text))

    out.append(("h2", "六、重要时间节点工作情况"))
    if r["key_periods"]:
        out.append(
            (
                "p",
                "；".join(
                    f"{k['label']}（{cn_date(k['start'])}至{cn_date(k['end'])}）期间受理纠纷{k['cases']}件"
                    for k in r["key_periods"]
                )
                + "。",
            )
        )
    else:
        out.append(("p", "本季度无重要时间节点。"))

    out.append(("h2", "七、下一步工作打算"))
    out.append(
        (
            "p",
            "继续落实矛盾纠纷排查研判制度，坚持“建账销号”，对重大疑难纠纷落实“一案一策”和定期会商，"
            "及时、准确录入调解数据，做到应录必录。",
        )
    )
    out.append(("sign", org, cn_date(r["submitted_on"] or r["due_on"])))
    return out


def to_markdown(r: dict) -> str:
    lines: list[str] = []
    for b in blocks(r):
        if b[0] == "h1":
            lines += [f"# {b[1]}", ""]
        elif b[0] == "h2":
            lines += [f"## {b[1]}", ""]
        elif b[0] == "p":
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
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for b in blocks(r):
        if b[0] == "h1":
            p = doc.add_heading(b[1], level=1)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b[0] == "h2":
            doc.add_heading(b[1], level=2)
        elif b[0] == "p":
            p = doc.add_paragraph(b[1])
            p.paragraph_format.first_line_indent = Pt(28)
        elif b[0] == "table":
            header, rows = b[1], b[2]
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = str(value)
        elif b[0] == "sign":
            for text in (b[1], b[2]):
                p = doc.add_paragraph(text)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    from mediation_cli.files import save_document

    save_document(doc, path)
