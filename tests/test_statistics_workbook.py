"""Item 5 of issue 14: the statistics workbook prints like a statistics table (two-level merged header, borders, A4
landscape fitted to the width with the header rows repeated, 填报单位 and 填报日期 as a date, townships first in the
banner's order, the chart on a chart sheet), and the MOJ profile's xlsx has real dates, 录入时间 without a `T` and
widths a clerk can read."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.chartsheet import Chartsheet

TOWNSHIPS = [
    "嘎鲁图镇",
    "乌审召镇",
    "图克镇",
    "乌兰陶勒盖镇",
    "无定河镇",
    "苏力德苏木",
]  # DOMAIN.md: the seat first


@pytest.fixture
def sample(run, db_path):
    assert run("init", "--sample").exit_code == 0
    return run


@pytest.fixture
def workbook(sample, tmp_path):
    out = tmp_path / "统计表.xlsx"
    r = sample(
        "report",
        "statistics",
        "--year",
        "2024",
        "-f",
        "xlsx",
        "-o",
        out,
        env={"MEDIATION_TODAY": "2025-01-06"},
    )
    assert r.exit_code == 0, r
    return load_workbook(out)


def test_a_two_level_merged_header_with_borders(workbook):
    ws = workbook["统计表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:A4", "B3:C3", "D3:E3"} <= merged  # 单位 over two rows; 合计 and 婚姻家庭 over 受理/成功
    assert (ws["A3"].value, ws["B3"].value, ws["D3"].value) == ("单位", "合计", "婚姻家庭")
    assert [ws.cell(4, c).value for c in range(2, 6)] == ["受理", "成功", "受理", "成功"]
    uppers = [c.value for c in ws[3] if c.value]
    assert {"纠纷来源（件）", "调解协议", "防止民转刑", "制止群体性械斗"} <= set(uppers)
    spans = {
        ws.cell(3, r.min_col).value: r.max_col - r.min_col + 1
        for r in ws.merged_cells.ranges
        if r.min_row == 3
    }
    assert spans["纠纷来源（件）"] == 3 and spans["调解协议"] == 3 and spans["防止自杀"] == 2
    last = ws.max_row
    for cell in (ws["A3"], ws["B4"], ws.cell(5, 2), ws.cell(last, ws.max_column)):
        assert {
            cell.border.left.style,
            cell.border.right.style,
            cell.border.top.style,
            cell.border.bottom.style,
        } == {"thin"}
    assert ws.cell(last, 1).value == "合计" and ws.cell(last, 1).font.bold
    assert ws.freeze_panes == "B5"


def test_it_prints_on_a4_landscape_one_page_wide_with_repeated_headers(workbook):
    ws = workbook["统计表"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (
        1,
        0,
    )  # one page wide, as many as needed down
    assert ws.print_title_rows == "$3:$4" and ws.print_title_cols == "$A:$A"
    assert "&P" in ws.oddFooter.center.text


def test_filled_in_by_whom_and_when_as_dates(workbook):
    ws = workbook["统计表"]
    assert ws["A1"].value == "人民调解统计表（2024年1月1日至2024年12月31日）"
    assert ws["A2"].value == "填报单位：乌审旗司法局"
    row2 = [c for c in ws[2] if c.value is not None]
    labels = [c.value for c in row2]
    assert "统计期间：" in labels and "填报日期：" in labels
    dates = [c for c in row2 if c.is_date]
    assert [c.value for c in dates] == [datetime(2024, 1, 1), datetime(2024, 12, 31), datetime(2025, 1, 6)]
    assert all("年" in c.number_format for c in dates)


def test_townships_first_in_the_banners_order_and_the_chart_on_its_own_sheet(workbook, sample):
    ws = workbook["统计表"]
    names = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert [n.removesuffix("人民调解委员会") for n in names[:6]] == TOWNSHIPS
    assert "医疗纠纷" in names[6] and names[-1] == "合计"
    units = [r["unit"] for r in sample("report", "statistics", "--year", "2024", "-f", "json").json()]
    assert units[:6] == ["T01", "T02", "T03", "T04", "T05", "T06"] and units[-1] == "total"
    chart = workbook["图表"]
    assert isinstance(chart, Chartsheet) and len(chart._charts) == 1
    assert workbook.sheetnames == ["统计表", "其他调解", "图表"]  # 司法所 cases: not 人民调解 (issue 15)


def test_the_table_is_chinese_under_either_language(sample, tmp_path):
    out = tmp_path / "s.xlsx"
    assert (
        sample("--lang", "en", "report", "statistics", "--year", "2024", "-f", "xlsx", "-o", out).exit_code
        == 0
    )
    ws = load_workbook(out)["统计表"]
    assert ws.cell(ws.max_row, 1).value == "合计"


def test_the_moj_workbook_has_real_dates_and_readable_widths(sample, tmp_path):
    out = tmp_path / "moj.xlsx"
    assert sample("case", "export", "--profile", "moj", "-o", out).exit_code == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("调解日期")].value is not None)
    for name in ("受理日期", "调解日期"):
        cell = row[header.index(name)]
        assert cell.is_date and cell.number_format == "yyyy-mm-dd", name
    entered = row[header.index("录入时间")]
    assert entered.is_date and isinstance(entered.value, datetime) and "T" not in entered.number_format
    assert entered.number_format == "yyyy-mm-dd h:mm:ss"
    from openpyxl.utils import get_column_letter
    from wcwidth import wcswidth

    for i, name in enumerate(header, start=1):
        width = ws.column_dimensions[get_column_letter(i)].width
        assert width >= wcswidth(name), (name, width)
    assert ws.column_dimensions["B"].width >= 24  # 调解组织: the org's full name
    # the CSV under the same profile keeps ISO text (what the platform's CSV upload reads)
    csv_out = tmp_path / "moj.csv"
    assert sample("case", "export", "--profile", "moj", "-o", csv_out).exit_code == 0
    assert "T" in csv_out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[-1]


def test_dates_become_date_cells_only_when_excel_can_hold_them():
    from datetime import date

    from mediation_cli.io.exporters import as_dates

    rows = [("2024-01-05", "2024-01-05T16:25:00", "x"), ("not a date", "2024-01-05T16:25:00+08:00", None)]
    assert list(as_dates(rows, ["date", "datetime", None])) == [
        [date(2024, 1, 5), datetime(2024, 1, 5, 16, 25), "x"],
        ["not a date", "2024-01-05T16:25:00+08:00", None],  # text stays text; Excel has no time zones
    ]
