"""Item 8 of issue 14: the ledger is browsable without the program — views with Chinese names, labels, org names and
amounts in 元 (migration 011_browsable_views), and no personal data beyond what the tables hold: ID numbers and
phones masked exactly as the program masks them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.idnumber import mask_id, mask_phone
from mediation_cli.ledger.schema import MIGRATIONS, SCHEMA_VERSION
from mediation_cli.ledger.views import CASES, MEDIATORS, ORGS, SCREENINGS, VIEWS, mask_id_sql, mask_phone_sql

FIXTURE = Path(__file__).parent / "fixtures" / "ledger_v1.db"


def rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_a_new_ledger_has_the_views(run, db_path):
    assert run("init", "--sample").exit_code == 0
    names = {r["name"] for r in rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert set(VIEWS) <= names
    assert "011_browsable_views" in [m[0] for m in MIGRATIONS]
    assert rows(db_path, "PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert run("db", "check").exit_code == 0


def test_cases_read_with_org_names_labels_and_yuan(run, db_path):
    assert run("init", "--sample").exit_code == 0
    listed = {c["case_no"]: c for c in run("case", "list", "-f", "json").json()}
    viewed = {r["案件编号"]: r for r in rows(db_path, f"SELECT * FROM {CASES}")}
    assert set(viewed) == set(listed)
    orgs = {o["code"]: o["name"] for o in run("org", "list", "-f", "json").json()}
    labels = {
        "received": "受理",
        "mediating": "调解中",
        "succeeded": "调解成功",
        "failed": "调解不成",
        "withdrawn": "撤回",
    }
    for no, case in listed.items():
        row = viewed[no]
        assert row["承办组织"] == orgs[row["组织编号"]]
        assert row["受理日期"] == case["received_on"]
        amount = case.get("amount")
        assert row["涉及金额（元）"] == (None if amount is None else round(amount, 2))
        outcome = case.get("outcome") or case["status"]
        if outcome in labels:
            assert row["调解结果"] == labels[outcome], no
        assert "T" not in row["录入时间"]
    closed = next(r for r in viewed.values() if r["已销号"] == "是")
    assert closed["销号日期"] and closed["调解结果"] in labels.values()
    succeeded = [r for r in viewed.values() if r["调解结果"] == "调解成功"]
    assert succeeded and {r["是否履行"] for r in succeeded} <= {"是", "否", "未登记"}
    assert all(r["是否履行"] is None for r in viewed.values() if r["调解结果"] != "调解成功")


def test_orgs_and_screenings_read_in_chinese(run, db_path):
    assert run("init", "--sample").exit_code == 0
    t01 = rows(db_path, f"SELECT * FROM {ORGS} WHERE 编号 = 'T01'")[0]
    assert (
        t01["名称"] == "嘎鲁图镇人民调解委员会"
        and t01["类型"] == "苏木镇"
        and t01["上级组织"] == "乌审旗司法局"
    )
    kinds = {r["排查类型"] for r in rows(db_path, f"SELECT 排查类型 FROM {SCREENINGS}")}
    assert kinds <= {"日常", "集中", "重点"} and "日常" in kinds
    zero = rows(db_path, f"SELECT * FROM {SCREENINGS} WHERE 发现纠纷（件） = 0 LIMIT 1")[0]
    assert zero["零报告"] == "是"


def test_mediators_are_masked_as_the_program_masks_them(run, db_path):
    assert run("init", "--sample").exit_code == 0
    listed = {m["staff_no"]: m for m in run("mediator", "list", "--all", "-f", "json").json()}
    raw = {r["staff_no"]: r for r in rows(db_path, "SELECT staff_no, phone, id_number FROM mediator")}
    viewed = rows(db_path, f"SELECT * FROM {MEDIATORS}")
    assert len(viewed) == len(raw)
    for row in viewed:
        stored = raw[row["编号"]]
        assert row["身份证号（脱敏）"] == mask_id(stored["id_number"])
        assert row["联系电话（脱敏）"] == mask_phone(stored["phone"])
        if stored["id_number"]:
            assert stored["id_number"] not in str(row.values())
        if row["编号"] in listed:
            assert row["身份证号（脱敏）"] == listed[row["编号"]]["id_number"]
            assert row["联系电话（脱敏）"] == listed[row["编号"]]["phone"]
    assert {r["专兼职"] for r in viewed} <= {"专职", "兼职"} and {r["性别"] for r in viewed} <= {
        "男",
        "女",
        None,
    }
    names = {r["name"] for r in rows(db_path, "SELECT name FROM mediator")}
    assert {r["姓名"] for r in viewed} == names  # names as the table holds them, nothing more


def test_an_old_ledger_gets_the_views_when_it_migrates(run, tmp_path):
    db = tmp_path / "v1.db"
    shutil.copy(FIXTURE, db)
    assert run("--db", db, "db", "check").exit_code == 0
    names = {r["name"] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert set(VIEWS) <= names
    for view in VIEWS:
        rows(db, f"SELECT * FROM {view}")  # every view reads on the migrated schema


def _sql(expr_of, values: list[str | None]) -> list[str | None]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(v)")
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    return [r[0] for r in conn.execute(f"SELECT {expr_of('v')} FROM t ORDER BY rowid")]


@given(st.lists(st.none() | st.text(alphabet="0123456789Xx-", max_size=20), max_size=10))
def test_mask_id_sql_is_mask_id(values):
    assert _sql(mask_id_sql, values) == [mask_id(v) for v in values]


MOBILE = st.from_regex(r"1[0-9]{10}", fullmatch=True)
LANDLINE = st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True)


@given(st.lists(st.none() | MOBILE | LANDLINE | st.text(alphabet="0123-", max_size=6), max_size=10))
def test_mask_phone_sql_is_mask_phone_on_stored_phones(values):
    assert _sql(mask_phone_sql, values) == [mask_phone(v) for v in values]
