"""`case export --profile`: upstream exports with Chinese headers and mapped categories, custom TOML profiles,
`--only-new`, and `report unexported` (应录必录)."""

from __future__ import annotations

import csv
import io

import pytest

CASES = """case_no,org_code,received_on,source,category,status,amount,summary,key_groups,outcome_on
A1,V1,2024-04-01,application,neighbour,succeeded,1000.50,"=HYPERLINK(""x"")",elderly,2024-04-02
A2,V1,2024-04-10,screening,intellectual_property,received,,邻里排水纠纷,,
A3,T1,2024-05-01,court,road_traffic,mediating,200,-5元押金,veterans;elderly,
"""


@pytest.fixture
def ledger(banner, tmp_path):
    f = tmp_path / "cases.csv"
    f.write_text(CASES, encoding="utf-8")
    assert banner("case", "import", f).exit_code == 0
    return banner


def read(path, encoding="utf-8-sig"):
    return list(csv.reader(io.StringIO(path.read_text(encoding=encoding))))


def test_moj_profile_xlsx_headers_and_mapping(ledger, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "moj.xlsx"
    assert ledger("case", "export", "--profile", "moj", "-o", out).exit_code == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:5] == ["案件编号", "调解组织", "所属苏木镇", "受理日期", "纠纷类型"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["A2"][4] == "合同"  # 知识产权 maps onto the statistics category 合同
    assert rows["A1"][2] == "嘎鲁图镇人民调解委员会"  # the village rolls into its township
    assert rows["A1"][header.index("涉及金额（元）")] == 1000.5  # numbers stay numbers
    assert rows["A3"][header.index("调解方式")] == "接受委托移送调解"


def test_region_profile_gbk_csv_and_formula_guard(ledger, tmp_path):
    out = tmp_path / "region.csv"
    assert ledger("case", "export", "--profile", "region", "-o", out).exit_code == 0
    rows = read(out, "gbk")
    assert rows[0][:3] == ["台账编号", "调委会名称", "受理时间"]
    body = {r[0]: r for r in rows[1:]}
    assert body["A1"][2] == "2024/04/01"
    assert body["A1"][rows[0].index("纠纷简要情况")] == '\'=HYPERLINK("x")'
    assert body["A3"][rows[0].index("纠纷简要情况")] == "'-5元押金"
    assert body["A3"][rows[0].index("重点群体")] == "退役军人、老年人"


def test_custom_toml_profile_round_trip(ledger, tmp_path):
    profile = tmp_path / "banner.toml"
    profile.write_text(
        """
name = "banner"
format = "csv"
encoding = "utf-8"
labels = "zh"
date_format = "chinese"
columns = [
  { header = "编号", field = "case_no" },
  { header = "日期", field = "received_on" },
  { header = "类型", field = "stat_category" },
  { header = "状态", field = "status" },
]
[category_map]
road_traffic = "damages"
[values.status]
received = "待调解"
""",
        encoding="utf-8",
    )
    out = tmp_path / "b.csv"
    assert ledger("case", "export", "--profile", profile, "-o", out).exit_code == 0
    rows = read(out, "utf-8")
    assert rows[0] == ["编号", "日期", "类型", "状态"]
    body = {r[0]: r for r in rows[1:]}
    assert body["A2"] == ["A2", "2024年4月10日", "合同", "待调解"]
    assert body["A3"][2] == "损害赔偿"  # the profile's own mapping wins
    assert body["A1"][3] == "调解成功"
    profile.write_text('columns = [{ header = "x", field = "nope" }]', encoding="utf-8")
    r = ledger("case", "export", "--profile", profile, "-o", out, "--force")
    assert r.exit_code == 1 and "nope" in r.stderr


def test_only_new_and_unexported(ledger, tmp_path):
    out = tmp_path / "n.csv"
    assert {
        r["case_no"] for r in ledger("report", "unexported", "--profile", "moj", "-f", "json").json()
    } == {"A1", "A2", "A3"}
    assert ledger("case", "export", "--profile", "region", "--only-new", "-o", out).exit_code == 0
    assert len(read(out, "gbk")) == 4
    assert ledger("report", "unexported", "--profile", "region", "-f", "json").json() == []
    assert len(ledger("report", "unexported", "--profile", "moj", "-f", "json").json()) == 3
    assert ledger("report", "unexported", "-f", "json").json() == []  # every case reached some platform
    assert ledger("case", "export", "--profile", "region", "--only-new", "-o", out, "--force").exit_code == 0
    assert len(read(out, "gbk")) == 4  # nothing new: the file is left as it was (issue 14), no empty delivery
    assert ledger("case", "edit", "A2", "--summary", "邻里排水纠纷（已补充）").exit_code == 0
    unexp = ledger("report", "unexported", "--profile", "region", "-f", "json").json()
    assert [(r["case_no"], r["state"]) for r in unexp] == [("A2", "changed")]
    assert ledger("case", "export", "--profile", "region", "--only-new", "-o", out, "--force").exit_code == 0
    assert [r[0] for r in read(out, "gbk")[1:]] == ["A2"]
