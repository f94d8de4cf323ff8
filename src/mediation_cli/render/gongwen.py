"""A .docx laid out like a 公文 (after GB/T 9704-2012, 党政机关公文格式): A4, margins 37/35/28/26 mm, the title in
小标宋 二号 centred, the 主送 line flush left, the body in 仿宋 三号 on a fixed 28 pt line with a two-character indent,
headings in 黑体 (一、) and 楷体 (（一）), tables in 仿宋 小四, the page number as a PAGE field in the footer (— 1 —).

Fonts: each run names a Latin font (Times New Roman, for digits and letters) and, through ``w:eastAsia``, the Chinese
one, so Word and WPS set the Chinese text in the Chinese font whatever the Latin one is. The Chinese fonts are the
common Windows ones (仿宋, 黑体, 楷体, 宋体) rather than the *_GB2312 names only older machines have; a machine without
them substitutes another CJK font of the same charset (``w:hint="eastAsia"``) instead of a Latin one."""

from __future__ import annotations

from pathlib import Path

# the six sizes 公文 uses, in points: 二号 22, 三号 16, 四号 14, 小四 12
TITLE_PT, BODY_PT, FOOTER_PT, TABLE_PT = 22, 16, 14, 12
LINE_PT = 28  # 每页22行、每行28字 on A4 with these margins
LATIN = "Times New Roman"
BODY_FONT, HEADING_FONT, SUBHEADING_FONT, TITLE_FONT = "仿宋", "黑体", "楷体", "宋体"
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def set_fonts(target, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    """A style's fonts: Latin ``LATIN``, East Asian ``east_asia`` (w:eastAsia), hinted East Asian."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _run_fonts(run, east_asia: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def new_document(title: str, author: str):
    """An empty A4 document with the 公文 page, the Normal style in 仿宋 三号 and the page number in the footer."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # 页码一字线上距版心下边缘约7mm

    _plain_defaults(doc)
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT, BODY_PT)
    lang = normal.element.get_or_add_rPr()
    lang_el = lang.find(qn("w:lang"))
    if lang_el is None:
        lang_el = lang.makeelement(qn("w:lang"), {})
        lang.append(lang_el)
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)

    _page_number(section)
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "zh-CN"
    return doc


def _plain_defaults(doc) -> None:
    """The template's document defaults name theme fonts (w:asciiTheme, w:eastAsiaTheme …), which Word and WPS put
    before any named font: replace them by the named ones, so that 仿宋 (and the Latin font) really apply."""
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number(section) -> None:
    """The footer: "— PAGE —" centred, the number a field Word and WPS fill in on every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_fonts(p.add_run("— "), TITLE_FONT, FOOTER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        _run_fonts(run, TITLE_FONT, FOOTER_PT)
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    _run_fonts(p.add_run(" —"), TITLE_FONT, FOOTER_PT)


def _paragraph(doc, text: str, font: str, size: float, *, bold=False, align=None, indent_chars=2):
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.first_line_indent = Pt(size * indent_chars) if indent_chars else Pt(0)
    _run_fonts(p.add_run(text), font, size, bold)
    return p


def _table(doc, header: list[str], rows: list[list]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # the header row repeats on every page a long table runs over
    trpr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for i, values in enumerate([header, *rows]):
        cells = table.rows[0].cells if i == 0 else table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _run_fonts(p.add_run(str(value)), HEADING_FONT if i == 0 else BODY_FONT, TABLE_PT)


def to_docx(blocks: list[tuple], path: Path, *, title: str, author: str) -> None:
    """Blocks ('title'|'to'|'h2'|'h3'|'p'|'table'|'sign', …) as a 公文-like document, written whole or not at all."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = new_document(title, author)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            _paragraph(
                doc, b[1], TITLE_FONT, TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0
            )
            doc.add_paragraph()  # 标题与主送机关之间空一行
        elif kind == "to":
            _paragraph(doc, b[1], BODY_FONT, BODY_PT, indent_chars=0)
        elif kind == "h2":
            _paragraph(doc, b[1], HEADING_FONT, BODY_PT)
        elif kind == "h3":
            _paragraph(doc, b[1], SUBHEADING_FONT, BODY_PT)
        elif kind == "p":
            _paragraph(doc, b[1], BODY_FONT, BODY_PT)
        elif kind == "table":
            _table(doc, b[1], b[2])
        elif kind == "sign":  # 署名和成文日期右空二字
            doc.add_paragraph()
            for text in (b[1], b[2]):
                p = _paragraph(doc, text, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent_chars=0)
                p.paragraph_format.right_indent = Pt(BODY_PT * 2)
    from mediation_cli.files import save_document

    save_document(doc, path)
