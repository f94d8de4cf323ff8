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
