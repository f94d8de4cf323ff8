"""`mediation org`: add, edit, list, tree, show, import/export, and refusals that leave the ledger untouched."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, snapshot


def test_add_and_list_json(banner):
    rows = banner("org", "list", "-f", "json").json()
    assert [r["code"] for r in rows] == ["B", "I1", "S1", "T1", "V1"]
    v1 = next(r for r in rows if r["code"] == "V1")
    assert v1 == {
        "code": "V1",
        "name": "巴音敖包嘎查人民调解委员会",
        "kind": "village",
        "parent_code": "T1",
        "has_conditions": True,
        "star_rating": None,
        "rated_on": None,
        "field": None,
        "established_on": "2016-03-01",
        "dissolved_on": None,
    }


def test_kind_accepts_chinese_label(run):
    assert (
        run("org", "add", "--code", "T9", "--name", "图克镇人民调解委员会", "--kind", "苏木镇").exit_code == 0
    )
    assert run("org", "show", "T9", "-f", "json").json()["kind"] == "township"


def test_org_by_name_and_pinyin_initials(banner):
    assert banner("org", "show", "嘎鲁图司法所", "-f", "json").json()["code"] == "S1"
    assert banner("org", "show", "babao", "-f", "json").exit_code == 1  # not initials of anything
    assert banner("org", "show", "byab", "-f", "json").json()["code"] == "V1"  # 巴音敖包…
    r = banner("org", "show", "glt")  # 嘎鲁图镇… and 嘎鲁图司法所: ambiguous
    assert r.exit_code == 1 and "T1" in r.stderr and "S1" in r.stderr


def test_tree_shows_hierarchy(banner):
    out = banner("org", "list", "--tree").stdout
    assert out.index("旗司法局") < out.index("嘎鲁图镇人民调解委员会") < out.index("巴音敖包嘎查")


def test_edit_and_clear(banner):
    assert banner("org", "edit", "V1", "--star-rating", "2", "--rated-on", "2023-05-01").exit_code == 0
    shown = banner("org", "show", "V1", "-f", "json").json()
    assert (shown["star_rating"], shown["rated_on"]) == (2, "2023-05-01")
    assert banner("org", "edit", "V1", "--clear", "star_rating").exit_code == 0
    shown = banner("org", "show", "V1", "-f", "json").json()
    assert (shown["star_rating"], shown["rated_on"]) == (None, None)


def test_duplicate_code_refused_and_nothing_written(banner, db_path):
    before = snapshot(db_path)
    r = banner("org", "add", "--code", "T1", "--name", "x", "--kind", "township")
    assert r.exit_code == 1
    assert "T1" in r.stderr and "already exists" in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2
    assert snapshot(db_path) == before


def test_bad_kind_and_bad_date_refused(banner, db_path):
    before = snapshot(db_path)
    r = banner("org", "add", "--code", "X1", "--name", "x", "--kind", "county")
    assert r.exit_code == 1 and "kind" in r.stderr and "'county'" in r.stderr and "township" in r.stderr
    r = banner(
        "org", "add", "--code", "X1", "--name", "x", "--kind", "village", "--established-on", "2024-13-01"
    )
    assert r.exit_code == 1 and "established_on" in r.stderr and "2024-13-01" in r.stderr
    r = banner("org", "add", "--code", "X1", "--name", "x", "--kind", "village", "--parent", "NOPE")
    assert r.exit_code == 1 and "NOPE" in r.stderr
    r = banner("org", "edit", "T1", "--established-on", "2020-01-01", "--dissolved-on", "2019-01-01")
    assert r.exit_code == 1 and "dissolved_on" in r.stderr
    r = banner("org", "edit", "T1", "--parent", "V1")  # a cycle
    assert r.exit_code == 1
    assert snapshot(db_path) == before


def test_chinese_date_forms(run):
    assert (
        run(
            "org",
            "add",
            "--code",
            "V7",
            "--name",
            "陶利嘎查",
            "--kind",
            "嘎查村",
            "--established-on",
            "2016年3月5日",
        ).exit_code
        == 0
    )
    assert run("org", "show", "V7", "-f", "json").json()["established_on"] == "2016-03-05"


def test_zh_messages(banner):
    r = banner("--lang", "zh", "org", "add", "--code", "T1", "--name", "x", "--kind", "苏木镇")
    assert r.exit_code == 1 and "已存在" in r.stderr


def test_import_all_or_nothing(run, tmp_path, db_path):
    run("init")
    good = "code,name,kind,parent_code\nB,旗司法局,administrative,\nT1,嘎鲁图镇人民调解委员会,苏木镇,B\n"
    bad = good + "V1,某嘎查,village,NOPE\nV2,某嘎查,planet,T1\n"
    f = tmp_path / "orgs.csv"
    f.write_text(bad, encoding="utf-8")
    before = snapshot(db_path)
    r = run("org", "import", f)
    assert r.exit_code == 1
    assert "line 4" in r.stderr and "NOPE" in r.stderr and "line 5" in r.stderr and "planet" in r.stderr
    assert snapshot(db_path) == before
    rejects = tmp_path / "rejects.csv"
    r = run("org", "import", f, "--skip-bad", "--rejects", rejects)
    assert r.exit_code == 0 and "2 added" in r.stdout
    assert "reason" in rejects.read_text(encoding="utf-8-sig").splitlines()[0]
    assert len(rejects.read_text(encoding="utf-8-sig").splitlines()) == 3


def test_import_idempotent_gbk_bom_dry_run(run, tmp_path):
    text = "code,name,kind,parent_code,has_conditions\nB,旗司法局,administrative,,\nT1,嘎鲁图镇人民调解委员会,苏木镇,B,否\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    r = run("org", "import", gbk, "--dry-run")
    assert r.exit_code == 0 and "2 added" in r.stdout
    assert run("org", "list", "-f", "json").json() == []
    assert "2 added" in run("org", "import", gbk).stdout
    assert "2 unchanged" in run("org", "import", bom).stdout
    assert run("org", "show", "T1", "-f", "json").json()["name"] == "嘎鲁图镇人民调解委员会"


def test_import_refuses_unknown_column_and_duplicate_key(run, tmp_path):
    f = tmp_path / "o.csv"
    f.write_text("code,name,kind,colour\nB,x,administrative,red\n", encoding="utf-8")
    r = run("org", "import", f)
    assert r.exit_code == 1 and "colour" in r.stderr
    f.write_text("code,name,kind\nB,x,administrative\nB,y,administrative\n", encoding="utf-8")
    r = run("org", "import", f)
    assert r.exit_code == 1 and "line 3" in r.stderr


def test_import_xlsx_and_export_roundtrip(run, tmp_path):
    run("org", "import", SAMPLE / "orgs.csv")
    out = tmp_path / "orgs.xlsx"
    assert run("org", "export", "-f", "xlsx", "-o", out).exit_code == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert header[:3] == ["code", "name", "kind"]
    assert ws.max_row == 54
    r = run("org", "import", out)
    assert r.exit_code == 0 and "53 unchanged" in r.stdout, r


def test_export_csv_encodings(banner, tmp_path):
    out = tmp_path / "o.csv"
    banner("org", "export", "-o", out, "--encoding", "gbk")
    assert "嘎鲁图镇" in out.read_bytes().decode("gbk")
    banner("org", "export", "-o", out, "--force", "--encoding", "utf-8-sig")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_import_row_with_extra_cells_is_a_bad_row(run, tmp_path, db_path):
    run("init")
    f = tmp_path / "o.csv"
    f.write_text(
        "code,name,kind\nB,旗司法局,administrative\nT1,某镇,township,多出来的,一格\n", encoding="utf-8"
    )
    before = snapshot(db_path)
    r = run("org", "import", f)
    assert r.exit_code == 1 and "line 3" in r.stderr and "cells" in r.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("typed", "stars"), [("三星", 3), ("3星", 3), ("二星级", 2), ("★", 1), ("2", 2), ("一星", 1)]
)
def test_star_rating_as_a_clerk_writes_it(banner, typed, stars):
    run = banner
    assert run("org", "edit", "T1", "--star-rating", typed, "--rated-on", "2024-06-01").exit_code == 0
    assert run("org", "show", "T1", "-f", "json").json()["star_rating"] == stars


@pytest.mark.parametrize("typed", ["四星", "★★★★", "0", "三", "很好"])
def test_a_star_rating_beyond_the_scale_is_refused(banner, typed):
    run = banner
    r = run("--lang", "zh", "org", "edit", "T1", "--star-rating", typed)
    assert r.exit_code == 1 and "star_rating" in r.stderr and "三星" in r.stderr
