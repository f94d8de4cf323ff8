"""The statistics table (人民调解统计表) as a workbook that prints like the paper form: a title, 填报单位 / 统计期间 /
填报日期 (real dates), a two-level merged header (each category over 受理 / 成功, 纠纷来源, 调解协议, the four kinds
of prevention over 件 / 人), thin borders round every cell, the 合计 row in bold, A4 landscape fitted to one page wide
with the two header rows (and the unit column) repeated on every printed page, page numbers in the footer, and the
chart on a chart sheet of its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.i18n import tr

HEADER_ROWS = (3, 4)  # the two header rows (1: title, 2: 填报单位 …)
FIRST_DATA_ROW = 5
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


def header_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(the upper header, [(row key, the lower header)…]) in column order, after the unit column."""
    from mediation_cli.domain.taxonomy import STAT_CATEGORY, STAT_PREVENTED, STAT_SOURCES

    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("合计", [("received", "受理"), ("succeeded", "成功")])
    ]
    for code, (zh, _en) in STAT_CATEGORY.members.items():
        groups.append((zh, [(f"{code}_received", "受理"), (f"{code}_succeeded", "成功")]))
    source_zh = {"proactive": "主动调解", "application": "申请调解", "entrusted": "接受委托移送"}
    groups.append(("纠纷来源（件）", [(f"source_{s}", source_zh[s]) for s in STAT_SOURCES]))
    groups.append(
        (
            "调解协议",
            [
                ("agreements_written", "书面（件）"),
                ("agreements_oral", "口头（件）"),
                ("agreement_amount_wan", "涉及金额（万元）"),
            ],
        )
    )
    prevented_zh = {
        "criminal": "防止民转刑",
        "petition": "防止群体性上访",
        "suicide": "防止自杀",
        "fight": "制止群体性械斗",
    }
    for p in STAT_PREVENTED:
        zh = prevented_zh[p.split("_", 1)[1]]
        groups.append((zh, [(f"{p}_cases", "件"), (f"{p}_persons", "人")]))
    return groups


def _form_sheet(
    ws, rows: list[dict], *, title: str, unit: str, drafted_on: date, start: date, end: date
) -> None:
    """One sheet of the form: title, 填报单位/统计期间/填报日期, the two-level header, borders, print settings."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    groups = header_groups()
    keys = [k for _, subs in groups for k, _ in subs]
    ncols = 1 + len(keys)
    last_col = get_column_letter(ncols)
    # 1: the title; 2: 填报单位 … 统计期间 … 填报日期 (dates as dates)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells("A2:F2")
    ws["A2"] = f"填报单位：{unit}"
    spots = [("G", "H", "统计期间："), ("I", "J", start), ("K", "K", "至"), ("L", "M", end)]
    spots += [
        (get_column_letter(ncols - 5), get_column_letter(ncols - 4), "填报日期："),
        (get_column_letter(ncols - 3), last_col, drafted_on),
    ]
    for first, last, value in spots:
        if first != last:
            ws.merge_cells(f"{first}2:{last}2")
        cell = ws[f"{first}2"]
        cell.value = value
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left")
        elif value != "至":
            cell.alignment = Alignment(horizontal="right")

    # 3–4: the unit column spans both rows; each group spans its sub-columns
    top, low = HEADER_ROWS
    ws.merge_cells(start_row=top, start_column=1, end_row=low, end_column=1)
    ws.cell(top, 1, "单位")
    col = 2
    for label, subs in groups:
        if len(subs) > 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + len(subs) - 1)
        ws.cell(top, col, label)
        for i, (_, sub) in enumerate(subs):
            ws.cell(low, col + i, sub)
        col += len(subs)

    for r in rows:
        ws.append(["合计" if r.get("unit") == "total" else r.get("name")] + [r.get(k) for k in keys])
    last_row = ws.max_row

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="F2F2F2")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    amount_col = 1 + keys.index("agreement_amount_wan") + 1
    for row in ws.iter_rows(min_row=top, max_row=last_row, min_col=1, max_col=ncols):
        for cell in row:
            cell.border = border
            if cell.row <= low:
                cell.font = Font(bold=True)
                cell.alignment = centre
                cell.fill = head_fill
            elif cell.column == 1:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            else:
                cell.number_format = "0.0000" if cell.column == amount_col else "0"
    if rows:
        for cell in ws[last_row]:
            cell.font = Font(bold=True)  # 合计
    ws.row_dimensions[top].height = 30
    ws.row_dimensions[low].height = 30
    ws.column_dimensions["A"].width = 26
    for i in range(2, ncols + 1):
        ws.column_dimensions[get_column_letter(i)].width = 10 if i == amount_col else 6.5
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 2)

    # printing: A4 landscape, one page wide, the header rows and the unit column on every page
    ws.page_setup.paperSize = 9  # A4 (ws.PAPERSIZE_A4 is the string "9")
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{top}:{low}"
    ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def statistics_workbook(
    rows: list[dict],
    path: Path,
    *,
    title: str,
    unit: str,
    drafted_on: date,
    start: date,
    end: date,
    other: list[dict] | None = None,
    other_title: str = "",
) -> None:
    """The 人民调解 statistics form (统计表), its chart on a sheet of its own, and — when ``other`` has any case — the
    行政调解 bodies' and 司法所' table on a sheet 其他调解 laid out the same way (not 人民调解: issue 15)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    _form_sheet(ws, rows, title=title, unit=unit, drafted_on=drafted_on, start=start, end=end)
    if other and other[-1]["received"]:
        for r in other:
            if r.get("unit") == "total":
                r["name"] = "合计"
        _form_sheet(
            wb.create_sheet("其他调解"),
            other,
            title=other_title,
            unit=unit,
            drafted_on=drafted_on,
            start=start,
            end=end,
        )
    low = HEADER_ROWS[1]

    # the chart on a sheet of its own: received and settled per unit (合计 left out)
    chart = BarChart()

    chart.type = "bar"
    chart.title = tr("Disputes received and settled", "受理与调解成功")
    chart.y_axis.title = tr("cases", "件")
    n = len(rows) - 1
    if n > 0:
        data = Reference(ws, min_col=2, max_col=3, min_row=low, max_row=low + n)
        cats = Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=low + n)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
    wb.create_chartsheet("图表").add_chart(chart)
    from mediation_cli.files import save_document

    save_document(wb, path)
