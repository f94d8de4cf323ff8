"""Case numbers per committee (issue 15, item 7): a template that names the committee ({org}) numbers each committee's
cases in its own yearly sequence — by `case add` and by `case import` alike; without {org}, one sequence a year."""

from __future__ import annotations

TEMPLATE = "{org}调〔{year}〕{seq}号"


def add(run, org, on):
    r = run("case", "add", "--org", org, "--received-on", on, "--category", "邻里", "--source", "申请")
    assert r.exit_code == 0, r
    return r.stdout.strip()


def test_each_committee_numbers_its_own_year(banner):
    run = banner
    assert run("config", "set", "case_no_template", TEMPLATE).exit_code == 0
    assert add(run, "V1", "2024-05-03") == "V1调〔2024〕1号"
    assert add(run, "V1", "2024-05-04") == "V1调〔2024〕2号"
    assert add(run, "T1", "2024-05-04") == "T1调〔2024〕1号"  # T1's own sequence, not the ledger's 3
    assert add(run, "V1", "2023-12-31") == "V1调〔2023〕1号"  # and a new one each year
    assert add(run, "T1", "2024-05-05") == "T1调〔2024〕2号"
    assert add(run, "V1", "2024-06-01") == "V1调〔2024〕3号"


def test_without_the_committee_one_sequence_a_year(banner):
    run = banner
    assert [add(run, o, "2024-05-03") for o in ("V1", "T1", "V1")] == [
        "(2024)乌人调字第1号",
        "(2024)乌人调字第2号",
        "(2024)乌人调字第3号",
    ]


def test_import_continues_each_committees_sequence(banner, tmp_path):
    run = banner
    run("config", "set", "case_no_template", TEMPLATE)
    add(run, "V1", "2024-05-03")  # V1 No. 1 on the ledger
    sheet = tmp_path / "cases.csv"
    sheet.write_text(
        "case_no,org_code,received_on,source,category,summary\n"
        ",V1,2024-05-10,application,neighbour,甲\n"
        "T1调〔2024〕7号,T1,2024-05-10,application,neighbour,乙\n"  # a number given in the file counts
        ",T1,2024-05-11,application,neighbour,丙\n"
        ",I1,2024-05-11,application,neighbour,丁\n"
        ",V1,2024-05-12,application,neighbour,戊\n",
        encoding="utf-8",
    )
    r = run("case", "import", sheet)
    assert r.exit_code == 0, r
    got = {c["summary"]: c["case_no"] for c in run("case", "list", "-f", "json").json() if c["summary"]}
    assert got == {
        "甲": "V1调〔2024〕2号",
        "乙": "T1调〔2024〕7号",
        "丙": "T1调〔2024〕8号",
        "丁": "I1调〔2024〕1号",
        "戊": "V1调〔2024〕3号",
    }


def test_a_short_reference_shared_by_committees_is_refused(banner):
    run = banner
    run("config", "set", "case_no_template", TEMPLATE)
    add(run, "V1", "2024-05-03")
    add(run, "T1", "2024-05-03")
    add(run, "T1", "2024-05-04")
    r = run("case", "show", "2024-1")
    assert r.exit_code == 1 and "T1调〔2024〕1号" in r.stderr and "V1调〔2024〕1号" in r.stderr
    assert (
        run("case", "show", "2024-2", "-f", "json").json()["case_no"] == "T1调〔2024〕2号"
    )  # only one has it
    assert run("case", "show", "V1调〔2024〕1号", "-f", "json").exit_code == 0
    r = run("--lang", "zh", "case", "show", "1", env={"MEDIATION_TODAY": "2024-06-30"})
    assert r.exit_code == 1 and "请输入完整编号" in r.stderr
