"""Workbooks an office would send: a data sheet with Chinese headers and a bar-chart sheet (openpyxl)."""

from __future__ import annotations

from pathlib import Path


def _autosize(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _statistics_headers() -> list[tuple[str, str]]:
    from mediation_cli.domain.taxonomy import STAT_CATEGORY
    from mediation_cli.domain.taxonomy import STAT_PREVENTED as PREVENTED_KEYS
    from mediation_cli.domain.taxonomy import STAT_SOURCES as SOURCE_KEYS

    headers: list[tuple[str, str]] = [
        ("name", "单位"),
        ("received", "受理合计"),
        ("succeeded", "调解成功合计"),
    ]
    for code, (zh, _en) in STAT_CATEGORY.members.items():
        headers += [(f"{code}_received", f"{zh}（受理）"), (f"{code}_succeeded", f"{zh}（成功）")]
    source_zh = {"proactive": "主动调解", "application": "申请调解", "entrusted": "接受委托移送调解"}
    headers += [(f"source_{s}", source_zh[s]) for s in SOURCE_KEYS]
    headers += [
        ("agreements_written", "书面协议"),
        ("agreements_oral", "口头协议"),
        ("agreement_amount_wan", "协议涉及金额（万元）"),
    ]
    prevented_zh = {
        "criminal": "防止民转刑",
        "petition": "防止群体性上访",
        "suicide": "防止自杀",
        "fight": "制止群体性械斗",
    }
    for p in PREVENTED_KEYS:
        key = p.split("_", 1)[1]
        headers += [
            (f"{p}_cases", f"{prevented_zh[key]}（件）"),
            (f"{p}_persons", f"{prevented_zh[key]}（人）"),
        ]
    return headers


def _sheet(
    ws, title: str, headers: list[tuple[str, str]], rows: list[dict], *, bold_last: bool = True
) -> None:
    """A data sheet: the title, the Chinese headers, one line a row (the last in bold: the total)."""
    from openpyxl.styles import Alignment, Font

    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([h for _, h in headers])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for r in rows:
        ws.append([r.get(k) for k, _ in headers])
    if bold_last and rows:
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    _autosize(ws, [30] + [10] * (len(headers) - 1))
    ws.freeze_panes = "B3"


def campaign_workbook(report: dict, rows: list[dict], path: Path, *, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill

    fills = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE", "none": "FFFFFF"}
    wb = Workbook()
    ws = wb.active
    ws.title = "专项行动"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["阶段", report["phase"], report["phase_start"], report["phase_end"]])
    ws.append(["目标", "当前", "目标值", "计数", "状态", "目标来源"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for r in rows:
        set_by = "实施方案" if r.get("set_by") == "plan" else "本局自定"
        ws.append([r["zh"], r["value"], r["target"], r["detail"], r["status"], set_by])
        for cell in ws[ws.max_row][1:3]:
            cell.number_format = "0.0%"
        ws.cell(ws.max_row, 5).fill = PatternFill("solid", fgColor=fills[r["status"]])
    top = 3 + len(rows)
    ws.append(["调解成功率（成功÷办结）", report.get("success_rate_of_settled")])
    ws.append(["调解成功率（成功÷受理，统计口径）", report.get("success_rate_of_received")])
    for row in (ws.max_row - 1, ws.max_row):
        ws.cell(row, 2).number_format = "0.0%"
    _autosize(ws, [28, 10, 10, 12, 10, 10])
    chart = BarChart()
    chart.type = "bar"
    chart.title = "当前完成情况与目标"
    data = Reference(ws, min_col=2, max_col=3, min_row=3, max_row=top)
    cats = Reference(ws, min_col=1, min_row=4, max_row=top)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 12, 24
    wb.create_sheet("图表").add_chart(chart, "A1")
    from mediation_cli.files import save_document

    save_document(wb, path)


def rollup_workbook(report: dict, summary: list[dict], path: Path, *, title: str) -> None:
    """The city's workbook: a summary sheet, the statistics table per banner (and per banner's unit), staffing,
    screening compliance and timeliness — each with the city's row last."""
    from openpyxl import Workbook

    wb = Workbook()
    _sheet(
        wb.active,
        title,
        [
            ("banner", "旗（文件）"),
            ("name", "名称"),
            ("received", "受理"),
            ("succeeded", "调解成功"),
            ("agreement_amount_wan", "协议涉及金额（万元）"),
            ("total_mediators", "调解员总数"),
            ("full_time", "专职调解员"),
            ("full_time_share", "专职占比"),
            ("meets_target", "达到10%"),
            ("screening_rate", "排查完成率"),
            ("within_share", "按时录入率"),
            ("late", "逾期录入"),
            ("year_end_rush", "年底突击录入"),
        ],
        summary,
    )
    wb.active.title = "汇总"
    headers = [("unit", "旗（文件）"), *_statistics_headers()]
    _sheet(wb.create_sheet("统计表"), title, headers, report["statistics"])
    _sheet(wb.create_sheet("统计表（分单位）"), title, headers, report["statistics_units"], bold_last=False)
    _sheet(
        wb.create_sheet("调解员配备"),
        title,
        [
            ("banner", "旗（文件）"),
            ("name", "名称"),
            ("total_mediators", "调解员总数"),
            ("full_time", "专职"),
            ("full_time_share", "专职占比"),
            ("meets_target", "达到10%"),
            ("convert_needed", "需转为专职"),
            ("hire_needed", "或需新聘"),
        ],
        report["staffing"],
    )
    _sheet(
        wb.create_sheet("普遍排查"),
        title,
        [
            ("banner", "旗（文件）"),
            ("name", "名称"),
            ("orgs", "组织数"),
            ("required", "应排查周期"),
            ("done", "已排查"),
            ("missed", "缺报"),
            ("rate", "完成率"),
            ("orgs_all_done", "无缺报组织"),
        ],
        report["compliance"],
    )
    _sheet(
        wb.create_sheet("录入及时"),
        title,
        [
            ("banner", "旗（文件）"),
            ("name", "名称"),
            ("cases", "案件数"),
            ("median_lag_days", "录入用时中位数（天）"),
            ("within", "时限（天）"),
            ("within_share", "按时录入率"),
            ("late", "逾期录入"),
            ("year_end_rush", "年底突击录入"),
        ],
        report["timeliness"],
    )
    from mediation_cli.files import save_document

    save_document(wb, path)
