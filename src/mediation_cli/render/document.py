"""Documents made of blocks — ("h1", text), ("h2", text), ("p", text), ("table", header, rows) — as Markdown or .docx
(python-docx, 仿宋 as the quarterly report). The typical case and the year-end summary are written through it."""

from __future__ import annotations

from pathlib import Path


def to_markdown(blocks: list[tuple]) -> str:
    lines: list[str] = []
    for b in blocks:
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
    return "\n".join(lines)


def to_docx(blocks: list[tuple], path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from mediation_cli.files import save_document

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for b in blocks:
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
                cell.text = str(text)
            for row in rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = str(value)
    save_document(doc, path)


def typical_case_blocks(t: dict) -> list[tuple]:
    """A typical case (典型案例) for publication: what it was, and how it was settled."""
    outcome = {"succeeded": "调解成功", "failed": "调解不成", "withdrawn": "撤回"}.get(
        t["outcome"] or "", "调解中"
    )
    blocks: list[tuple] = [
        ("h1", t["title"]),
        (
            "p",
            f"受理组织：{t['org']}；纠纷类型：{t['category']}；受理日期：{t['received_on']}；调解结果：{outcome}。",
        ),
        ("h2", "基本案情"),
        ("p", t["summary"]),
        ("h2", "调解过程与典型意义"),
    ]
    blocks += [("p", para.strip()) for para in t["write_up"].splitlines() if para.strip()]
    return blocks


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def summary_blocks(r: dict) -> list[tuple]:
    """The draft of the year-end summary (工作总结), in Chinese: the bureau's document is written in it."""
    c, s, scr, t, p = r["cases"], r["staffing"], r["screening"], r["training"], r["publicity"]
    year = r["year"]
    blocks: list[tuple] = [
        ("h1", f"{year}年人民调解工作总结（草稿）"),
        ("h2", "一、主要数据"),
        (
            "p",
            f"全年受理矛盾纠纷{c['received']}件，调解成功{c['succeeded']}件，调解不成{c['failed']}件，"
            f"在调{c['pending']}件；调解成功率（成功÷办结）{_pct(c['success_rate'])}，"
            f"（成功÷受理）{_pct(c['success_rate_of_received'])}。",
        ),
        (
            "p",
            f"截至{s['as_of']}，全旗在任人民调解员{s['total_mediators']}名，其中专职{s['full_time']}名，"
            f"专职占比{_pct(s['full_time_share'])}（目标10%，{'已达标' if s['meets_target'] else '未达标'}）。"
            f"普遍排查应排{scr['required']}期、完成{scr['done']}期（{_pct(scr['rate'])}）。"
            f"全年参加培训{t['trained']}人、共{t['hours']:g}学时（在任{t['mediators_total']}人）。",
        ),
        ("h2", "二、先进集体候选（按得分排序）"),
        (
            "table",
            ["排名", "编号", "名称", "受理", "成功率", "排查完成率", "投稿", "典型案例", "得分"],
            [
                [
                    i + 1,
                    o["code"],
                    o["name"],
                    o["cases"],
                    _pct(o["success_rate"]),
                    _pct(o["screening_rate"]),
                    o["publicity"],
                    o["typical"],
                    f"{o['score']:g}",
                ]
                for i, o in enumerate(r["committees"])
            ],
        ),
        ("h2", "三、先进个人候选（按得分排序）"),
        (
            "table",
            [
                "排名",
                "编号",
                "姓名",
                "组织",
                "承办",
                "成功率",
                "书面协议",
                "培训学时",
                "投稿",
                "典型案例",
                "得分",
            ],
            [
                [
                    i + 1,
                    m["staff_no"],
                    m["name"],
                    m["org_code"],
                    m["cases"],
                    _pct(m["success_rate"]),
                    _pct(m["written_share"]),
                    f"{m['training_hours']:g}",
                    m["publicity"],
                    m["typical"],
                    f"{m['score']:g}",
                ]
                for i, m in enumerate(r["mediators"])
            ],
        ),
        ("h2", "四、典型案例"),
    ]
    if r["typical_cases"]:
        blocks += [
            ("p", f"{i + 1}. {tc['title']}（{tc['org_name']}，{tc['case_no']}）")
            for i, tc in enumerate(r["typical_cases"])
        ]
    else:
        blocks.append(("p", "本年度尚未选定典型案例。"))
    blocks.append(("h2", "五、宣传投稿"))
    outlets = "；".join(
        f"《{o['outlet']}》投稿{o['submitted']}篇、刊用{o['published']}篇" for o in p["outlets"]
    )
    blocks.append(
        ("p", f"全年投稿{p['submitted']}篇，刊用{p['published']}篇" + (f"：{outlets}。" if outlets else "。"))
    )
    weights = "、".join(f"{k}×{v:g}" for k, v in r["weights"].items())
    blocks.append(
        ("p", f"（排名得分 = {weights}；权重可用 `mediation config set summary_weights …` 调整。）")
    )
    return blocks
