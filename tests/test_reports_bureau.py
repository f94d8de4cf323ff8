"""Issue 5: timeliness, statistics, quarterly, submissions, campaign — JSON on a hand-made ledger, and the docx/xlsx
files opened again and checked against the JSON."""

from __future__ import annotations

import pytest

CASES = """case_no,org_code,received_on,source,category,status,agreement,amount,outcome_on,closed_on,entered_at,risk_level,risk_types,major,reported_on
A1,V1,2024-04-01,application,neighbour,succeeded,written,1000.50,2024-04-03,,2024-04-01T10:00:00,normal,,0,
A2,V1,2024-04-10,screening,marriage_family,succeeded,oral,,2024-04-10,2024-04-20,2024-04-12T09:00:00,normal,,0,
A3,V1,2024-05-01,application,neighbour,failed,,200,2024-05-05,,2024-05-11T16:00:00,elevated,civil_to_criminal,0,2024-05-02
A4,S1,2024-05-03,referred,intellectual_property,succeeded,written,5000,2024-05-10,,2024-05-04T08:00:00,normal,,0,
A5,T1,2024-06-01,court,land_acquisition,mediating,,80000,,,2024-06-04T08:00:00,major,mass_incident,1,
A6,T1,2024-06-02,application,road_traffic,withdrawn,,,2024-06-03,,2024-06-07T08:00:00,normal,,0,
A7,T1,2024-06-05,proactive,neighbour,succeeded,oral,300,2024-06-05,,2024-06-14T08:00:00,normal,,0,
A8,I1,2024-06-10,application,medical,succeeded,written,20000,2024-06-20,,2024-06-10T08:00:00,normal,,0,
A9,I1,2024-10-15,application,medical,received,,,,,2024-11-20T08:00:00,normal,,0,
"""


@pytest.fixture
def ledger(banner, tmp_path):
    f = tmp_path / "cases.csv"
    f.write_text(CASES, encoding="utf-8")
    r = banner("case", "import", f)
    assert r.exit_code == 0, r
    return banner


def test_timeliness_json(ledger):
    rows = ledger("report", "timeliness", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json").json()
    assert [r["code"] for r in rows] == ["T1", "V1", "I1", "S1"]  # worst first, ties by code
    t1, v1 = rows[0], rows[1]
    # V1: lags 0, 2, 10 — T1: 3, 5, 9 — I1: 0 — S1: 1
    assert v1 == {
        "code": "V1",
        "name": "巴音敖包嘎查人民调解委员会",
        "cases": 3,
        "median_lag_days": 2,
        "within_share": pytest.approx(2 / 3),
        "late": 1,
        "backfilled": 3,  # the file claims entered_at 04-01 … 05-11; the import wrote them on 06-30
    }
    assert (t1["cases"], t1["median_lag_days"], t1["within_share"], t1["late"]) == (
        3,
        5,
        pytest.approx(2 / 3),
        1,
    )
    wide = ledger(
        "report", "timeliness", "--from", "2024-04-01", "--to", "2024-06-30", "--within", "10", "-f", "json"
    ).json()
    assert all(r["within_share"] == 1.0 for r in wide)
    year = ledger("report", "timeliness", "--year", "2024", "-f", "json").json()
    i1 = next(r for r in year if r["code"] == "I1")
    assert i1["year_end_rush"] == 1 and i1["median_lag_days"] == 18  # lags 0 and 36: the mean of the two
    assert ledger("report", "timeliness", "--from", "2024-06-30", "--to", "2024-04-01").exit_code == 1


def test_statistics_json_rolls_villages_into_townships(ledger):
    rows = ledger("report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json").json()
    by_unit = {r["unit"]: r for r in rows}
    assert list(by_unit) == ["T1", "I1", "total"]  # townships first (issue 14), then industry committees
    t1, total = by_unit["T1"], by_unit["total"]
    # V1's 3 and T1's 3; S1 (司法所) is not 人民调解: its case is in the other table (issue 15)
    assert (t1["received"], t1["succeeded"]) == (6, 3)
    assert (t1["neighbour_received"], t1["neighbour_succeeded"]) == (3, 2)
    assert (t1["contract_received"], t1["contract_succeeded"]) == (0, 0)
    assert t1["road_traffic_received"] == 1 and t1["land_acquisition_received"] == 1
    assert (t1["source_proactive"], t1["source_application"], t1["source_entrusted"]) == (2, 3, 1)
    assert (t1["agreements_written"], t1["agreements_oral"]) == (1, 2)
    assert t1["agreement_amount_wan"] == pytest.approx(0.130050)  # 1000.50 + 300 元
    assert total["received"] == 7 and total["medical_received"] == 1
    assert total["agreement_amount_wan"] == pytest.approx(2.130050)
    other = ledger(
        "report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "--table", "other", "-f", "json"
    ).json()
    assert [r["unit"] for r in other] == ["S1", "total"]
    s1 = other[0]
    assert (s1["received"], s1["succeeded"], s1["contract_received"]) == (1, 1, 1)  # 知识产权 → 合同
    assert s1["agreement_amount_wan"] == pytest.approx(0.5) and other[1]["received"] == 1


def test_statistics_xlsx_matches_json(ledger, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "stat.xlsx"
    assert (
        ledger(
            "report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "xlsx", "-o", out
        ).exit_code
        == 0
    )
    data = ledger("report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json").json()
    wb = load_workbook(out)
    assert wb.sheetnames == ["统计表", "其他调解", "图表"]  # S1's case: 司法所, not 人民调解
    ws = wb["统计表"]
    # two header rows (issue 14): a group over its sub-columns, merged cells read back as the group's first column
    upper, group = [c.value for c in ws[3]], None
    header = []
    for top, low in zip(upper, [c.value for c in ws[4]], strict=True):
        group = top or group
        header.append(f"{group}/{low}" if low else group)
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert len(body) == len(data)
    for row, expect in zip(body, data, strict=True):
        assert row[header.index("合计/受理")] == expect["received"]
        assert row[header.index("合计/成功")] == expect["succeeded"]
        assert row[header.index("邻里/受理")] == expect["neighbour_received"]
        assert row[header.index("调解协议/涉及金额（万元）")] == pytest.approx(expect["agreement_amount_wan"])
    assert wb["图表"]._charts


def test_quarterly_json_markdown_and_docx(ledger, tmp_path):
    from docx import Document

    data = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "json").json()
    c = data["cases"]
    assert (c["received"], c["succeeded"], c["failed"], c["withdrawn"], c["pending"]) == (7, 4, 1, 1, 1)
    assert c["success_rate"] == pytest.approx(0.8)
    assert (c["agreements_written"], c["agreements_oral"]) == (2, 2)
    assert [m["case_no"] for m in data["major_cases"]] == ["A5"]
    assert {r["case_no"] for r in data["risk_cases"]} == {"A3", "A5"}
    assert data["due_on"] == "2024-06-28" and data["submitted_on"] is None
    assert [k["code"] for k in data["key_periods"]] == ["may_day"]
    md = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2").stdout
    assert md.startswith("# 嘎鲁图镇人民调解委员会2024年第二季度矛盾纠纷工作开展情况报告")
    assert "共受理矛盾纠纷7件" in md and "调解成功率（成功÷办结）80.0%" in md
    out = tmp_path / "q.docx"
    assert (
        ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "docx", "-o", out).exit_code
        == 0
    )
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert f"共受理矛盾纠纷{c['received']}件" in text and f"调解成功{c['succeeded']}件" in text
    assert "调解成功率（成功÷办结）80.0%" in text
    tables = Document(out).tables
    assert tables and tables[0].rows[0].cells[0].text == "纠纷类型"
    r = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q5")
    assert r.exit_code == 1 and "2024Q5" in r.stderr


def test_submissions(ledger):
    assert (
        ledger("report", "submitted", "--org", "T1", "--quarter", "2024Q2", "--on", "2024-06-27").exit_code
        == 0
    )
    rows = ledger(
        "report", "submissions", "--quarter", "2024Q2", "--as-of", "2024-06-30", "-f", "json"
    ).json()
    assert [(r["code"], r["state"]) for r in rows] == [("I1", "missing"), ("T1", "on_time")]
    early = ledger(
        "report", "submissions", "--quarter", "2024Q2", "--as-of", "2024-06-20", "-f", "json"
    ).json()
    assert {r["code"]: r["state"] for r in early}["I1"] == "not_yet_due"
    r = ledger("report", "submitted", "--org", "V1", "--quarter", "2024Q2", "--on", "2024-06-27")
    assert r.exit_code == 1 and "V1" in r.stderr
    assert (
        ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "json").json()[
            "submitted_on"
        ]
        == "2024-06-27"
    )


def test_campaign_json_and_xlsx(ledger, tmp_path):
    from openpyxl import load_workbook

    ledger("report", "submitted", "--org", "T1", "--quarter", "2024Q2", "--on", "2024-06-27")
    rep = ledger("report", "campaign", "--year", "2024", "--as-of", "2024-06-30", "-f", "json").json()
    assert rep["phase"] == "implementation" and rep["phase_end"] == "2024-10-31"
    t = {x["key"]: x for x in rep["targets"]}
    assert t["success_rate"]["detail"] == "5/6" and t["success_rate"]["status"] == "amber"
    assert t["major_with_plan"]["value"] == 0 and t["major_with_plan"]["status"] == "red"
    assert t["risks_reported"]["detail"] == "1/2"
    assert t["reports_submitted"]["detail"] == "1/4"  # Q1 (due 03-28) and Q2, T1 and I1 each
    assert t["full_time_share"]["value"] is None and t["full_time_share"]["status"] == "none"
    out = tmp_path / "c.xlsx"
    assert ledger("report", "campaign", "--as-of", "2024-06-30", "-f", "xlsx", "-o", out).exit_code == 0
    ws = load_workbook(out)["专项行动"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4)}
    assert rows["调解成功率（成功÷办结）"][1].value == pytest.approx(t["success_rate"]["value"])
    assert ledger("report", "campaign", "--year", "2025").exit_code == 1
    chart = ledger("report", "campaign", "--as-of", "2024-06-30", "--chart").stdout
    assert "█" in chart
    assert ledger("report", "campaign", "--as-of", "2024-11-15", "-f", "json").json()["phase"] == "summary"


def test_category_mapping_is_a_clerks_setting(ledger, tmp_path):
    assert ledger("config", "category-map", "知识产权", "损害赔偿").exit_code == 0
    assert ledger("config", "category-add", "--code", "fire", "--zh", "消防", "--stat", "其它").exit_code == 0
    f = tmp_path / "more.csv"
    f.write_text(
        "case_no,org_code,received_on,source,category\nB1,T1,2024-05-05,application,消防\n", encoding="utf-8"
    )
    assert ledger("case", "import", f).exit_code == 0
    rows = ledger(
        "report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "--by", "org", "-f", "json"
    ).json()
    other = ledger(
        "report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "--table", "other", "-f", "json"
    ).json()
    s1 = next(r for r in other if r["unit"] == "S1")  # a 司法所: in the other table
    assert (s1["damages_received"], s1["contract_received"]) == (1, 0)
    t1 = next(r for r in rows if r["unit"] == "T1")
    assert t1["other_received"] == 1
    cats = {c["code"]: c for c in ledger("config", "categories", "-f", "json").json()}
    assert cats["fire"] == {
        "code": "fire",
        "zh": "消防",
        "en": "fire",
        "group": "other",
        "stat_category": "other",
        "builtin": False,
    }
    r = ledger("config", "category-map", "知识产权", "火星")
    assert r.exit_code == 1 and "火星" in r.stderr


def test_statistics_sums_what_mediation_prevented(ledger, tmp_path):
    f = tmp_path / "prevented.csv"
    f.write_text(
        "case_no,org_code,received_on,source,category,status,outcome_on,prevented_criminal_cases,"
        "prevented_criminal_persons,prevented_fight_cases,prevented_fight_persons\n"
        "P1,V1,2024-05-06,application,neighbour,succeeded,2024-05-07,1,3,,\n"
        "P2,I1,2024-05-08,application,medical,failed,2024-05-09,,,1,12\n",
        encoding="utf-8",
    )
    assert ledger("case", "import", f).exit_code == 0
    rows = {
        r["unit"]: r
        for r in ledger(
            "report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json"
        ).json()
    }
    assert (rows["T1"]["prevented_criminal_cases"], rows["T1"]["prevented_criminal_persons"]) == (1, 3)
    assert (rows["I1"]["prevented_fight_cases"], rows["I1"]["prevented_fight_persons"]) == (1, 12)
    assert (rows["total"]["prevented_criminal_persons"], rows["total"]["prevented_fight_persons"]) == (3, 12)
    assert (
        rows["total"]["received"] == 9
    )  # the fixture's 7 人民调解 cases of the quarter (S1's is not) and P1, P2


def test_figures_identical_in_every_format(ledger):
    import csv
    import io

    args = ("report", "timeliness", "--from", "2024-04-01", "--to", "2024-06-30")
    as_json = ledger(*args, "-f", "json").json()
    as_csv = list(csv.DictReader(io.StringIO(ledger(*args, "-f", "csv").stdout)))
    assert [r["code"] for r in as_csv] == [r["code"] for r in as_json]
    for c, j in zip(as_csv, as_json, strict=True):
        assert {k: str(v) for k, v in j.items()} == c
    md = ledger(*args, "-f", "markdown").stdout
    table = ledger(*args).stdout
    for r in as_json:
        assert r["name"] in md and r["name"] in table
        assert f"{r['within_share'] * 100:.1f}%" in md and f"{r['within_share'] * 100:.1f}%" in table
    stats_json = ledger("report", "statistics", "--year", "2024", "-f", "json").json()
    stats_csv = list(
        csv.DictReader(io.StringIO(ledger("report", "statistics", "--year", "2024", "-f", "csv").stdout))
    )
    assert [int(r["received"]) for r in stats_csv] == [r["received"] for r in stats_json]
