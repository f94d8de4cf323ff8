"""当事人 (issue 15, item 11): parties per case through `case add --party`, `case party add|edit|remove|list|import`;
personal data masked unless --reveal (audited); the count derived; a duplicate on another open case is a warning."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from conftest import snapshot

from mediation_cli.domain.idnumber import make_id_number

ID_M = make_id_number("150626", date(1980, 6, 15), 123)  # a man born 1980-06-15
ID_F = make_id_number("150626", date(1990, 2, 1), 124)  # a woman


def add(run, *extra, on="2024-05-03"):
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        on,
        "--category",
        "邻里关系",
        "--source",
        "application",
        *extra,
    )
    assert r.exit_code == 0, r
    return r


def parties(run, ref, *extra):
    r = run("case", "party", "list", ref, "-f", "json", *extra)
    assert r.exit_code == 0, r
    return r.json()


def count(run, ref):
    return run("case", "show", ref, "-f", "json").json()["parties"]


def test_parties_given_in_case_add_are_masked_and_counted(banner, db_path):
    run = banner
    r = add(
        run,
        "--party",
        f"姓名=张三;性别=男;民族=蒙古族;职业=牧民;电话=13900000001;身份证号={ID_M};住址=乌审旗嘎鲁图镇幸福路12号",
        "--party",
        "name=李四;gender=女;age=40",
    )
    ref = r.stdout.strip()
    assert r.stderr == ""
    assert count(run, ref) == 2
    got = parties(run, ref)
    assert [p["no"] for p in got] == [1, 2]
    assert (
        got[0]
        == {
            "no": 1,
            "name": "张*",
            "gender": "male",
            "ethnicity": "蒙古族",
            "age": 43,  # born 1980-06-15, received 2024-05-03
            "occupation": "牧民",
            "phone": "139****0001",
            "id_number": ID_M[:6] + "********" + ID_M[-4:],
            "address": "乌审旗嘎鲁图****",
        }
    )
    shown = run("case", "show", ref, "-f", "json").stdout + run("case", "history", ref, "-f", "json").stdout
    assert "张三" not in shown and ID_M not in shown and "13900000001" not in shown and "幸福路" not in shown
    assert parties(run, ref, "--reveal")[0]["name"] == "张三"
    conn = sqlite3.connect(db_path)
    reveals = conn.execute("SELECT entity, ref FROM audit WHERE action = 'reveal'").fetchall()
    assert reveals == [("party", ref)]


@pytest.mark.parametrize("received, age", [("2024-06-14", 43), ("2024-06-15", 44)])
def test_age_from_the_id_number_on_the_day_received(banner, received, age):
    ref = add(banner, "--party", f"姓名=张三;身份证号={ID_M}", on=received).stdout.strip()
    assert parties(banner, ref)[0]["age"] == age


def test_a_count_that_disagrees_with_the_parties_is_refused(banner, db_path):
    before = snapshot(db_path)
    r = banner(
        "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里关系",
        "--source", "application", "--parties", "3", "--party", "姓名=张三", "--party", "姓名=李四",
    )  # fmt: skip
    assert r.exit_code == 1 and "--parties" in r.stderr and "Traceback" not in r.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    "spec, field",
    [
        (f"姓名=张三;性别=女;身份证号={ID_M}", "gender"),  # the ID number says male
        ("姓名=张三;电话=12345", "phone"),
        ("姓名=张三;年龄=200", "age"),
        ("姓名=张三;血型=A", "--party"),
        ("性别=男", "--party"),  # no name
        ("姓名=" + "张" * 60, "name"),
    ],
)
def test_bad_party_refused_naming_the_field_without_personal_data(banner, db_path, spec, field):
    before = snapshot(db_path)
    r = banner(
        "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里关系",
        "--source", "application", "--party", spec,
    )  # fmt: skip
    assert r.exit_code == 1, r
    assert r.stderr.startswith(field) and len(r.stderr.strip().splitlines()) <= 2
    assert "张三" not in r.stderr and "张" * 20 not in r.stderr
    assert snapshot(db_path) == before


def test_refusals_in_chinese(banner):
    r = banner(
        "--lang", "zh", "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里关系",
        "--source", "application", "--party", "姓名=张三;血型=A",
    )  # fmt: skip
    assert r.exit_code == 1 and "姓名、性别、民族" in r.stderr


def test_the_same_person_on_another_open_case_is_a_warning(banner):
    run = banner
    first = add(run, "--party", f"姓名=张三;身份证号={ID_M}").stdout.strip()
    r = add(run, "--party", f"姓名=张三;身份证号={ID_M}", "--party", "姓名=王五;电话=13900000002")
    second = r.stdout.strip()
    assert r.exit_code == 0
    assert r.stderr.strip() == (
        f"warning: party 1: ID number {ID_M[:6]}********{ID_M[-4:]} also belongs to a party of open case(s) {first}"
    )
    # a phone added later is checked too; a closed (销号) case is no longer open
    r = run("case", "party", "add", first, "--name", "赵六", "--phone", "13900000002")
    assert r.exit_code == 0 and second in r.stderr and "139****0002" in r.stderr
    assert run("case", "transition", first, "withdrawn", "--on", "2024-05-04").exit_code == 0
    assert run("case", "transition", first, "closed", "--on", "2024-05-05").exit_code == 0
    r = add(run, "--party", f"姓名=张三;身份证号={ID_M}")
    assert second in r.stderr and first not in r.stderr


def test_add_edit_remove_and_the_count_follows(banner):
    run = banner
    ref = add(run, "--parties", "4").stdout.strip()  # a count without parties is kept, as before
    assert count(run, ref) == 4 and parties(run, ref) == []
    assert run("case", "edit", ref, "--parties", "5").exit_code == 0 and count(run, ref) == 5
    r = run("case", "party", "add", ref, "--name", "张三", "--gender", "男")
    assert r.exit_code == 0 and r.stdout.strip() == f"{ref}: party 1 added (1 parties)"
    assert count(run, ref) == 1  # recorded parties: the count is theirs
    run("case", "party", "add", ref, "--name", "李四", "--id-number", ID_F)
    assert count(run, ref) == 2 and parties(run, ref)[1]["gender"] == "female"
    r = run("case", "edit", ref, "--parties", "3")
    assert r.exit_code == 1 and "2 parties recorded" in r.stderr
    r = run("case", "party", "edit", ref, "2", "--occupation", "教师", "--clear", "id_number")
    assert r.exit_code == 0, r
    p2 = parties(run, ref)[1]
    assert p2["occupation"] == "教师" and p2["id_number"] is None
    assert run("case", "party", "edit", ref, "2", "--clear", "name").exit_code == 1
    assert run("case", "party", "edit", ref, "9", "--age", "3").exit_code == 1
    r = run("case", "party", "remove", ref, "1")
    assert r.exit_code == 0 and count(run, ref) == 1
    assert [p["no"] for p in parties(run, ref)] == [2]
    history = run("case", "history", ref, "-f", "json").json()
    assert [h["action"] for h in history][-4:] == ["party_add", "party_add", "party_edit", "party_remove"]
    timeline = [e["kind"] for e in run("case", "show", ref, "-f", "json").json()["timeline"]]
    assert "party_added" in timeline and "party_removed" in timeline


def test_party_import_all_or_nothing_and_idempotent(banner, tmp_path, db_path):
    run = banner
    a = add(run).stdout.strip()
    b = add(run).stdout.strip()
    good = tmp_path / "parties.csv"
    good.write_text(
        "case_no,name,gender,age,phone,id_number,address\n"
        f"{a},张三,男,50,13900000001,,乌审旗图克镇\n"
        f"{a},李四,女,,,{ID_F},\n"
        f"{b},王五,,30,,,\n",
        encoding="utf-8",
    )
    r = run("case", "party", "import", good)
    assert r.exit_code == 0 and "3 rows: 3 added" in r.stdout
    assert count(run, a) == 2 and count(run, b) == 1
    assert parties(run, a)[1]["age"] == 34  # from the ID number (born 1990-02-01), on 2024-05-03
    before = snapshot(db_path)
    r = run("case", "party", "import", good)
    assert "0 added, 0 updated, 3 unchanged" in r.stdout and snapshot(db_path) == before
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"case_no,no,name,phone\n{a},1,张三,13900000009\n{b},,王五,12\n(2024)乌人调字第99号,,赵六,\n"
        f"{a},,李四,\n{a},,李四,\n",
        encoding="utf-8",
    )
    r = run("case", "party", "import", bad)
    assert r.exit_code == 1 and snapshot(db_path) == before
    lines = r.stderr.splitlines()[1:]
    assert [x.split(",")[0].strip() for x in lines] == ["line 3", "line 4", "line 6"]
    assert "李*" in lines[2] and "李四" not in r.stderr and "'**'" in lines[0]
    r = run("case", "party", "import", bad, "--skip-bad")
    assert r.exit_code == 0 and "1 updated" in r.stdout
    assert parties(run, a, "--reveal")[0]["phone"] == "13900000009"


def test_case_import_with_parties_is_one_transaction(banner, tmp_path, db_path):
    run = banner
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case_no,org_code,received_on,source,category,parties\n"
        "(2024)乌人调字第7号,V1,2024-05-03,application,邻里关系,\n"
        "(2024)乌人调字第8号,V1,2024-05-04,application,邻里关系,3\n",
        encoding="utf-8",
    )
    people = tmp_path / "parties.csv"
    people.write_text(
        "case_no,name,phone\n(2024)乌人调字第7号,张三,13900000001\n(2024)乌人调字第7号,李四,\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad_parties.csv"
    bad.write_text("case_no,name,age\n(2024)乌人调字第7号,张三,-1\n", encoding="utf-8")
    before = snapshot(db_path)
    r = run("case", "import", cases, "--parties", bad)
    assert r.exit_code == 1 and "age" in r.stderr and snapshot(db_path) == before
    r = run("case", "import", cases, "--parties", people, "--dry-run")
    assert r.exit_code == 0 and "dry run" in r.stdout and snapshot(db_path) == before
    r = run("case", "import", cases, "--parties", people)
    assert r.exit_code == 0, r
    assert "2 added" in r.stdout and "parties: 2 rows: 2 added" in r.stdout
    assert (
        count(run, "2024-7") == 2 and count(run, "2024-8") == 3
    )  # no parties recorded: the file's count stays
    assert [p["name"] for p in parties(run, "2024-7")] == ["张*", "李*"]


def test_an_import_may_not_change_the_count_of_recorded_parties(banner, tmp_path, db_path):
    run = banner
    ref = add(run, "--party", "姓名=张三", "--party", "姓名=李四").stdout.strip()
    sheet = tmp_path / "cases.csv"
    row = f"{ref},V1,2024-05-03,application,neighbour"
    sheet.write_text(f"case_no,org_code,received_on,source,category,parties\n{row},3\n", encoding="utf-8")
    before = snapshot(db_path)
    r = run("case", "import", sheet)
    assert r.exit_code == 1 and "line 2, parties" in r.stderr and snapshot(db_path) == before
    sheet.write_text(f"case_no,org_code,received_on,source,category,parties\n{row},2\n", encoding="utf-8")
    assert "1 unchanged" in run("case", "import", sheet).stdout


def test_a_visit_names_the_parties_visited(banner):
    run = banner
    ref = add(run, "--party", "姓名=张三", "--party", "姓名=李四").stdout.strip()
    run("case", "transition", ref, "succeeded", "--on", "2024-05-04", "--agreement", "书面")
    r = run("case", "visit", ref, "--on", "2024-05-10", "--visited", "3")
    assert r.exit_code == 1 and r.stderr.startswith("--visited") and "1, 2" in r.stderr
    assert run("case", "visit", ref, "--on", "2024-05-10", "--visited", "2;1").exit_code == 0
    shown = run("case", "show", ref, "-f", "json").json()
    assert shown["visits"][0]["parties"] == "1;2"
    assert [e["detail"] for e in shown["timeline"] if e["kind"] == "visit"] == [{"parties": "1;2"}]
