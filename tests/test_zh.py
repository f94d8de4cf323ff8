"""Issue 14 item 2: Chinese all the way through under zh — field names, enumeration labels, the framework's own
words, the cron mail, db info, the timeline; short org names and near matches; more date and quarter forms."""

from __future__ import annotations

import re

import pytest

from tests.conftest import snapshot

ZH = ("--lang", "zh")


@pytest.fixture
def sample(run):
    r = run("init", "--sample")
    assert r.exit_code == 0, r
    return run


def test_a_refusal_names_the_field_in_chinese_and_lists_labels(banner, db_path):
    before = snapshot(db_path)
    r = banner(*ZH, "case", "add", "--org", "V1", "--received-on", "2024-13-01", "--source", "排查发现",
               "--category", "邻里关系")  # fmt: skip
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert re.match(r"受理日期（(--received-on|received_on)）：'2024-13-01' 无效", r.stderr)
    r = banner(*ZH, "case", "add", "--org", "V1", "--received-on", "2024-05-01", "--source", "x",
               "--category", "邻里关系")  # fmt: skip
    assert r.exit_code == 1
    assert "纠纷来源（" in r.stderr and "排查发现（screening）、党委政府交办（assigned）" in r.stderr
    r = banner(*ZH, "case", "add", "--org", "V1", "--source", "排查发现", "--category", "邻里关系")
    assert r.exit_code == 1 and r.stderr.strip() == "受理日期（--received-on）：必填，不能为空"
    assert snapshot(db_path) == before
    en = banner(
        "case", "add", "--org", "V1", "--received-on", "2024-13-01", "--source", "x", "--category", "x"
    )
    assert re.match(r"(--received-on|received_on): '2024-13-01' is not valid", en.stderr)


def test_the_frameworks_own_words_are_chinese(banner):
    r = banner(*ZH, "case", "add", "--bogus")
    assert r.exit_code == 2
    assert "用法：mediation case add" in r.stderr and "错误：没有这个选项：--bogus" in r.stderr
    assert "Usage" not in r.stderr and "Error" not in r.stderr
    r = banner(*ZH, "mediator", "add", "--name", "张三")
    assert r.exit_code == 2 and "错误：缺少必填选项 '--org'" in r.stderr
    r = banner(*ZH, "case", "lst")
    assert r.exit_code == 2 and "没有这个命令：lst" in r.stderr
    r = banner(*ZH, "case", "list", "--limit", "abc")
    assert r.exit_code == 2 and "错误：'--limit' 的值无效：应为整数" in r.stderr
    en = banner("case", "add", "--bogus")
    assert "Usage:" in en.stderr and "No such option: --bogus" in en.stderr


def test_help_marks_required_options_in_chinese(run, monkeypatch):
    # help texts are chosen when the command modules are imported: read them in a fresh process
    import os
    import subprocess
    import sys

    env = {**os.environ, "MEDIATION_LANG": "zh"}
    out = subprocess.run(
        [sys.executable, "-m", "mediation_cli", "case", "add", "-h"], capture_output=True, text=True, env=env
    ).stdout
    assert out.startswith("用法：") and "选项" in out and "显示本帮助并退出" in out
    for opt in ("--org", "--received-on", "--source", "--category"):
        line = next(x for x in out.splitlines() if x.strip().startswith(opt))
        assert "[必填]" in line, line
    out = subprocess.run(
        [sys.executable, "-m", "mediation_cli", "mediator", "add", "-h"],
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert "[必填]" in next(x for x in out.splitlines() if x.strip().startswith("--name"))
    assert "required" not in out


def test_remind_text_and_db_info_in_chinese(sample):
    r = sample(*ZH, "remind", "--format", "text", env={"MEDIATION_TODAY": "2024-11-25"})
    assert r.exit_code == 0
    first = r.stdout.splitlines()[0]
    assert first.startswith("紧急") and "排查逾期" in first
    assert not re.search(r"\b(high|medium|low|screening_overdue|risk_unreported)\b", r.stdout)
    # every kind a reminder can have, whichever capability added it: a code never reaches the zh cron mail
    from mediation_cli.render.labels import REMINDER_KINDS
    from mediation_cli.reports.remind import KINDS

    assert set(KINDS) <= set(REMINDER_KINDS)
    assert not re.search("|".join(rf"\b{k}\b" for k in KINDS), r.stdout)
    en = sample("remind", "--format", "text", env={"MEDIATION_TODAY": "2024-11-25"})
    assert en.stdout.startswith("high") and "mass_incident" not in en.stdout
    check = sample(*ZH, "db", "check", env={"COLUMNS": "160"}).stdout
    assert "排查发现未建账" in check and "screening_no_case" not in check  # json keeps the codes
    info = sample(*ZH, "db", "info").stdout
    assert "调解组织" in info and "矛盾纠纷" in info and "screenings" not in info
    assert set(sample("db", "info", "-f", "json").json()["counts"]) == {
        "orgs",
        "mediators",
        "cases",
        "screenings",
    }


def test_timeline_details_in_chinese(banner):
    r = banner("case", "add", "--org", "V1", "--received-on", "2024-06-01", "--source", "application",
               "--category", "neighbour", "--summary", "排水")  # fmt: skip
    no = r.stdout.strip()
    assert banner("case", "transition", no, "succeeded", "--on", "2024-06-05", "--agreement", "written",
                  "--performed", "yes").exit_code == 0  # fmt: skip
    shown = banner(*ZH, "case", "show", no).stdout
    assert "协议形式：书面；是否履行：是" in shown and "agreement=" not in shown
    assert "agreement=written; performed=yes" in banner("case", "show", no).stdout


def test_a_duplicate_id_number_names_its_holder_masked(banner, db_path):
    ident = "150626198001011234"
    r = banner("mediator", "add", "--name", "乌力吉", "--org", "T1", "--employment", "part_time",
               "--joined-on", "2024-01-01", "--id-number", ident)  # fmt: skip
    assert r.exit_code == 0, r
    holder = r.stdout.strip()
    before = snapshot(db_path)
    r = banner(*ZH, "mediator", "add", "--name", "巴特尔", "--org", "T1", "--employment", "兼职",
               "--joined-on", "2024-01-01", "--id-number", ident)  # fmt: skip
    assert r.exit_code == 1
    assert f"已登记在 {holder} 乌力吉 名下" in r.stderr and "150626********1234" in r.stderr
    assert ident not in r.stderr
    other = banner("mediator", "add", "--name", "巴特尔", "--org", "T1", "--employment", "兼职",
                   "--joined-on", "2024-01-01").stdout.strip()  # fmt: skip
    before = snapshot(db_path)
    r = banner("mediator", "edit", other, "--id-number", ident)
    assert r.exit_code == 1 and f"already held by {holder}" in r.stderr
    assert snapshot(db_path) == before
    assert banner("mediator", "edit", holder, "--id-number", ident).exit_code == 0  # its own number


def test_org_by_short_name_and_near_matches(banner):
    r = banner("case", "add", "--org", "嘎鲁图镇", "--received-on", "2024-06-01", "--source", "application",
               "--category", "neighbour")  # fmt: skip
    assert r.exit_code == 0, r
    assert banner("case", "list", "--org", "巴音敖包嘎查", "-f", "json").exit_code == 0
    listed = banner("case", "list", "--org", "嘎鲁图镇", "-f", "json").json()
    assert [c["org_code"] for c in listed] == ["T1"]
    r = banner(*ZH, "case", "list", "--org", "嘎鲁图")  # 嘎鲁图镇… and 嘎鲁图司法所
    assert r.exit_code == 1 and "可指多个组织" in r.stderr and "T1" in r.stderr and "S1" in r.stderr
    r = banner(*ZH, "case", "list", "--org", "嘎鲁图振")
    assert r.exit_code == 1 and "是否要找" in r.stderr and "嘎鲁图镇人民调解委员会 (T1)" in r.stderr
    r = banner("case", "list", "--org", "V11")
    assert r.exit_code == 1 and "did you mean" in r.stderr and "(V1)" in r.stderr


def test_dates_and_quarters_as_clerks_write_them(banner):
    r = banner("case", "add", "--org", "V1", "--received-on", "20240528", "--source", "application",
               "--category", "neighbour")  # fmt: skip
    assert r.exit_code == 0, r
    r = banner("case", "add", "--org", "V1", "--received-on", "昨天", "--source", "application",
               "--category", "neighbour")  # fmt: skip
    assert r.exit_code == 0, r
    got = sorted(c["received_on"] for c in banner("case", "list", "-f", "json").json())
    assert got == ["2024-05-28", "2024-06-29"]  # the clock is 2024-06-30
    r = banner("report", "submitted", "--org", "T1", "--quarter", "2024年第二季度", "--on", "2024-06-20")
    assert r.exit_code == 0, r
    rows = banner("report", "submissions", "--quarter", "2024Q2", "-f", "json").json()
    assert next(x for x in rows if x["code"] == "T1")["submitted_on"] == "2024-06-20"
    bad = banner(*ZH, "report", "submissions", "--quarter", "2024年第五季度")
    assert bad.exit_code == 1 and "2024年第二季度" in bad.stderr
