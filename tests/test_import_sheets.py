"""Issue 14 item 3: imports take the sheets a clerk has — Chinese column headers, a header misplaced or merged said so,
a folder named as a file said so, every refused cell of a row reported."""

from __future__ import annotations

from openpyxl import Workbook

from mediation_cli.io.headers import ALIASES, canonical
from tests.conftest import snapshot

ZH = ("--lang", "zh")


def test_chinese_headers_import_like_the_contracts_names(banner, tmp_path):
    f = tmp_path / "台账.csv"
    f.write_text(
        "承办组织,受理日期,纠纷来源,纠纷类型,简要案情,涉及金额（元）,当事人数\n"
        "V1,2024-05-03,当事人申请,邻里关系,排水沟,3500,2\n",
        encoding="utf-8",
    )
    r = banner("case", "import", f)
    assert r.exit_code == 0, r
    (case,) = banner("case", "list", "-f", "json").json()
    assert (case["org_code"], case["received_on"], case["amount"], case["parties"]) == (
        "V1",
        "2024-05-03",
        3500,
        2,
    )
    assert banner("case", "import", f).stdout.count("unchanged") == 1  # matched again, not duplicated
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        "编号*,名称*,类型*,上级组织,成立日期\nV9,新嘎查人民调解委员会,嘎查村,T1,2024-01-01\n",
        encoding="utf-8",
    )
    assert banner("org", "import", orgs).exit_code == 0
    people = tmp_path / "people.csv"
    people.write_text(
        "编号,姓名,所在组织,专兼职,加入日期\nM0100,乌力吉,V9,兼职,2024-02-01\n", encoding="utf-8"
    )
    assert banner("mediator", "import", people).exit_code == 0
    rounds = tmp_path / "rounds.csv"
    rounds.write_text("组织,排查日期,发现纠纷数,备注\nV9,2024-05-06,0,零报告\n", encoding="utf-8")
    assert banner("screen", "import", rounds).exit_code == 0
    assert banner("screen", "list", "--org", "V9", "-f", "json").json()[0]["found"] == 0


def test_aliases_are_per_entity_and_every_one_names_a_contract_column():
    from mediation_cli.forms import cases, mediators, orgs, screenings

    columns = {"org": orgs.COLUMNS, "mediator": mediators.COLUMNS, "case": cases.COLUMNS}
    columns["screening"] = screenings.COLUMNS
    for entity, table in ALIASES.items():
        assert set(table.values()) <= set(columns[entity]), entity
    assert canonical("org", ["编号"]) == ["code"] and canonical("mediator", ["编号"]) == ["staff_no"]
    assert canonical("case", ["受理日期*", " 涉及金额（元） "]) == ["received_on", "amount"]


def test_a_header_below_a_title_row_is_refused_saying_where(banner, tmp_path, db_path):
    f = tmp_path / "titled.csv"
    f.write_text(
        "乌审旗矛盾纠纷排查化解台账,,,,\n承办组织,受理日期,纠纷来源,纠纷类型,简要案情\nV1,2024-05-03,当事人申请,邻里关系,x\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    r = banner(*ZH, "case", "import", f)
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert "列名在第 2 行而不在第 1 行" in r.stderr and "表头必须是第一行" in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2
    assert snapshot(db_path) == before
    en = banner("case", "import", f)
    assert "column names are in row 2, not row 1" in en.stderr


def test_a_header_merged_over_two_rows_in_a_workbook(banner, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["基本信息", None, None, "纠纷情况", None])
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["承办组织", "受理日期", "纠纷来源", "纠纷类型", "简要案情"])
    ws.append(["V1", "2024-05-03", "当事人申请", "邻里关系", "x"])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    r = banner(*ZH, "case", "import", path)
    assert r.exit_code == 1
    assert "列名在第 2 行" in r.stderr and "不得合并单元格" in r.stderr


def test_a_folder_given_as_the_file_says_so(banner, tmp_path):
    folder = tmp_path / "表格"
    folder.mkdir()
    r = banner(*ZH, "case", "import", folder)
    assert r.exit_code == 1 and "是文件夹，不是文件" in r.stderr
    r = banner("org", "import", folder)
    assert r.exit_code == 1 and "is a folder, not a file" in r.stderr


def test_every_refused_cell_of_a_row_is_reported(banner, tmp_path, db_path):
    f = tmp_path / "bad.csv"
    f.write_text(
        "org_code,received_on,source,category,amount,parties\n"
        "V1,2024-05-03,application,neighbour,10,2\n"
        "V1,2024-13-01,nowhere,neighbour,abc,-3\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    r = banner("case", "import", f)
    assert r.exit_code == 1
    line3 = [x for x in r.stderr.splitlines() if "line 3" in x]
    assert [x.split(",")[1].split("=")[0].strip() for x in line3] == [
        "received_on",
        "source",
        "amount",
        "parties",
    ]
    assert "1 bad row(s)" in r.stderr
    assert snapshot(db_path) == before
    rejects = tmp_path / "rejects.csv"
    assert banner("case", "import", f, "--skip-bad", "--rejects", rejects).exit_code == 0
    reason = rejects.read_text(encoding="utf-8-sig").splitlines()[1]
    for col in ("received_on:", "source:", "amount:", "parties:"):
        assert col in reason
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        "code,name,kind,star_rating,established_on\nX1,测试,bogus,9,2024-99-01\n", encoding="utf-8"
    )
    r = banner(*ZH, "org", "import", orgs)
    assert r.exit_code == 1
    assert (
        "类型（kind）" in r.stderr
        and "星级（star_rating）" in r.stderr
        and "成立日期（established_on）" in r.stderr
    )
