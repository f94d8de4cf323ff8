"""`case add|edit|assign|show|history|transition|extend|visit|report-risk|plan|consult` through the CLI."""

from __future__ import annotations

import itertools

import pytest
from conftest import snapshot

from mediation_cli.domain.lifecycle import STATUSES, TRANSITIONS


@pytest.fixture
def ledger(banner):
    run = banner
    for args in (
        ["--name", "张三", "--org", "T1", "--employment", "full_time", "--joined-on", "2020-01-01"],  # M0001
        ["--name", "李四", "--org", "V1", "--employment", "part_time", "--joined-on", "2020-01-01"],  # M0002
        ["--name", "王五", "--org", "I1", "--employment", "part_time", "--joined-on", "2020-01-01"],  # M0003
        [
            "--name",
            "赵六",
            "--org",
            "V1",
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
            "--left-on",
            "2024-03-01",
        ],  # M0004
    ):
        r = run("mediator", "add", *args)
        assert r.exit_code == 0, r
    return run


def add(run, *extra, org="V1", on="2024-05-03", category="邻里关系", source="application"):
    r = run(
        "case", "add", "--org", org, "--received-on", on, "--category", category, "--source", source, *extra
    )
    assert r.exit_code == 0, r
    return r.stdout.strip()


def show(run, ref):
    r = run("case", "show", ref, "-f", "json")
    assert r.exit_code == 0, r
    return r.json()


def test_add_prints_the_ledger_number_numbered_per_year(ledger):
    run = ledger
    assert add(run, "--summary", "排水纠纷") == "(2024)乌人调字第1号"
    assert add(run) == "(2024)乌人调字第2号"
    assert add(run, on="2023-12-30") == "(2023)乌人调字第1号"
    run("config", "set", "case_no_template", "{org}-{year}-{seq}")
    assert add(run) == "V1-2024-3"


def test_add_every_field_and_show(ledger):
    run = ledger
    no = add(
        run,
        "--summary",
        "两户因草场边界发生争执",
        "--key-groups",
        "老年人;veterans",
        "--parties",
        "3",
        "--amount",
        "12800.55",
        "--risk-level",
        "重大",
        "--risk-types",
        "民转刑",
        "--major",
        "是",
        "--mediators",
        "M0001;M0002",
        "--prevented-criminal-cases",
        "1",
        "--prevented-criminal-persons",
        "3",
    )
    c = show(run, no)
    assert c["case_no"] == no
    assert c["org_code"] == "V1"
    assert c["received_on"] == "2024-05-03"
    assert c["source"] == "application"
    assert c["category"] == "neighbour"
    assert c["key_groups"] == ["veterans", "elderly"]
    assert c["parties"] == 3
    assert c["amount"] == 12800.55
    assert c["risk_level"] == "major"
    assert c["risk_types"] == ["civil_to_criminal"]
    assert c["needs_report"] is True
    assert c["major"] is True and c["major_since"] == "2024-05-03"
    assert c["status"] == "received"
    assert [m["staff_no"] for m in c["mediators"]] == ["M0001", "M0002"]
    assert c["prevented_criminal_cases"] == 1 and c["prevented_criminal_persons"] == 3
    assert c["key_period"] == "may_day"
    assert c["entered_at"] == "2024-06-30T09:00:00"
    assert c["timeline"][0]["kind"] == "received"


def test_short_refs(ledger):
    run = ledger
    add(run)
    no = add(run)
    assert show(run, "2024-2")["case_no"] == no
    assert show(run, "2")["case_no"] == no
    assert show(run, "（2024）乌人调字第2号")["case_no"] == no
    r = run("case", "show", "2024-99")
    assert r.exit_code == 1 and "2024-99" in r.stderr


@pytest.mark.parametrize(
    "extra,field,value",
    [
        (["--received-on", "2024-02-30"], "received_on", "2024-02-30"),
        (["--received-on", "2024-07-01"], "received_on", "2024-07-01"),
        (["--parties", "-2"], "parties", "-2"),
        (["--amount", "12.345"], "amount", "12.345"),
        (["--mediators", "M9999"], "mediator", "M9999"),
        (["--mediators", "M0003"], "mediators", "M0003"),  # of I1: not the case's org nor above it
        (["--mediators", "M0004"], "mediators", "M0004"),  # left before the case was received
        (["--category", "打架"], "category", "打架"),
        (["--source", "weibo"], "source", "weibo"),
        (["--status", "succeeded", "--outcome-on", "2024-05-01"], "outcome_on", "2024-05-01"),
        (["--risk-level", "huge"], "risk_level", "huge"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(ledger, db_path, extra, field, value):
    run = ledger
    add(run)
    before = snapshot(db_path)
    args = ["case", "add", "--org", "V1", "--category", "邻里", "--source", "application"]
    if "--received-on" not in extra:
        args += ["--received-on", "2024-05-03"]
    if "--category" in extra:
        args.remove("--category")
        args.remove("邻里")
    if "--source" in extra:
        args.remove("--source")
        args.remove("application")
    r = run(*args, *extra)
    assert r.exit_code == 1, r
    assert field in r.stderr and value in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(db_path) == before


def test_unknown_org_refused(ledger, db_path):
    before = snapshot(db_path)
    r = ledger(
        "case",
        "add",
        "--org",
        "NOPE",
        "--received-on",
        "2024-05-03",
        "--category",
        "邻里",
        "--source",
        "申请",
    )
    assert r.exit_code == 1 and "NOPE" in r.stderr
    assert snapshot(db_path) == before


def test_town_mediator_may_help_in_its_village(ledger):
    no = add(ledger, "--mediators", "M0001")
    assert [m["staff_no"] for m in show(ledger, no)["mediators"]] == ["M0001"]


def test_missing_required_option(ledger):
    r = ledger("case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里")
    assert r.exit_code == 1 and "--source" in r.stderr


# -- transitions --------------------------------------------------------------------------------------------------
DETAILS = {
    "succeeded": ["--agreement", "written", "--agreement-amount", "500", "--performed", "yes"],
    "failed": ["--guided-to", "litigation"],
    "closed": [],
}


def bring_to(run, status):
    """A case in ``status`` (via legal moves)."""
    no = add(run)
    path = {
        "received": [],
        "mediating": ["mediating"],
        "succeeded": ["succeeded"],
        "failed": ["failed"],
        "withdrawn": ["withdrawn"],
        "closed": ["withdrawn", "closed"],
    }[status]
    for i, s in enumerate(path):
        r = run("case", "transition", no, s, "--on", f"2024-05-1{i}", *DETAILS.get(s, []))
        assert r.exit_code == 0, r
    return no


@pytest.mark.parametrize("current,target", list(itertools.product(STATUSES, STATUSES)))
def test_every_transition(ledger, db_path, current, target):
    run = ledger
    no = bring_to(run, current)
    if current == "succeeded":
        assert run("case", "visit", no, "--on", "2024-05-15").exit_code == 0
    args = ["case", "transition", no, target, "--on", "2024-05-20", *DETAILS.get(target, [])]
    if target in TRANSITIONS[current]:
        r = run(*args)
        assert r.exit_code == 0, r
        c = show(run, no)
        assert c["status"] == target
        if target == "closed":
            assert c["closed_on"] == "2024-05-20"
            assert c["outcome"] == current
        elif target != "mediating":
            assert c["outcome"] == target and c["outcome_on"] == "2024-05-20"
        assert c["timeline"][-1]["kind"] == target
    else:
        before = snapshot(db_path)
        r = run(*args)
        assert r.exit_code == 1, r
        assert f"{current} → {target}" in r.stderr
        for move in TRANSITIONS[current]:
            assert move in r.stderr
        assert snapshot(db_path) == before


def test_illegal_move_names_allowed_moves_in_chinese(ledger):
    no = add(ledger)
    r = ledger("--lang", "zh", "case", "transition", no, "closed")
    assert r.exit_code == 1
    assert "调解中" in r.stderr and "调解成功" in r.stderr


def test_succeeded_with_agreement_then_visit_then_close(ledger):
    run = ledger
    no = add(run)
    r = run(
        "case",
        "transition",
        no,
        "succeeded",
        "--on",
        "2024-05-10",
        "--agreement",
        "口头",
        "--agreement-amount",
        "800.10",
    )
    assert r.exit_code == 0, r
    c = show(run, no)
    assert c["agreement"] == "oral" and c["agreement_amount"] == 800.1 and c["performed"] is None
    r = run("case", "transition", no, "closed", "--on", "2024-05-20")
    assert r.exit_code == 1 and "visit" in r.stderr
    r = run(
        "case",
        "visit",
        no,
        "--on",
        "2024-05-15",
        "--by",
        "李四",
        "--performed",
        "是",
        "--satisfaction",
        "满意",
    )
    assert r.exit_code == 0, r
    r = run("case", "transition", no, "closed", "--on", "2024-05-20")
    assert r.exit_code == 0, r
    c = show(run, no)
    assert c["status"] == "closed" and c["outcome"] == "succeeded" and c["performed"] is True
    assert c["visits"] == [
        {
            "visited_on": "2024-05-15",
            "visited_by": "李四",
            "performed": True,
            "satisfaction": "satisfied",
            "new_risk": None,
            "parties": None,  # no parties recorded: none named
        }
    ]
    assert [e["kind"] for e in c["timeline"]] == ["received", "succeeded", "visit", "closed"]


def test_close_without_visit_needs_a_reason(ledger):
    run = ledger
    no = add(run)
    run("case", "transition", no, "succeeded", "--on", "2024-05-10", "--agreement", "written")
    r = run("case", "transition", no, "closed", "--on", "2024-05-20", "--no-visit")
    assert r.exit_code == 1 and "--reason" in r.stderr
    r = run(
        "case", "transition", no, "closed", "--on", "2024-05-20", "--no-visit", "--reason", "当事人已迁居外地"
    )
    assert r.exit_code == 0, r
    assert show(run, no)["closed_without_visit"] == "当事人已迁居外地"


def test_succeeded_needs_agreement_and_details_fit_the_target(ledger, db_path):
    run = ledger
    no = add(run)
    before = snapshot(db_path)
    for args in (
        ["succeeded"],
        ["failed", "--agreement", "written"],
        ["succeeded", "--agreement", "written", "--guided-to", "litigation"],
        ["failed", "--guided-to", "heaven"],
        ["mediating", "--no-visit", "--reason", "x"],
    ):
        r = run("case", "transition", no, *args, "--on", "2024-05-10")
        assert r.exit_code == 1, (args, r)
    assert snapshot(db_path) == before
    r = run("case", "transition", no, "failed", "--on", "2024-05-10", "--guided-to", "仲裁")
    assert r.exit_code == 0
    assert show(run, no)["guided_to"] == "arbitration"


@pytest.mark.parametrize("on", ["2024-05-02", "2024-07-01", "2024-13-01"])
def test_transition_dates(ledger, db_path, on):
    run = ledger
    no = add(run)
    before = snapshot(db_path)
    r = run("case", "transition", no, "withdrawn", "--on", on)
    assert r.exit_code == 1 and on in r.stderr
    assert snapshot(db_path) == before


def test_close_before_outcome_refused(ledger):
    run = ledger
    no = add(run)
    run("case", "transition", no, "withdrawn", "--on", "2024-05-10")
    r = run("case", "transition", no, "closed", "--on", "2024-05-09")
    assert r.exit_code == 1 and "outcome_on" in r.stderr


def test_extend_and_stalled(ledger):
    run = ledger
    old = add(run, on="2024-05-01")
    fresh = add(run, on="2024-06-10")

    def stalled(as_of="2024-06-30"):
        r = run("case", "list", "--stalled", "--as-of", as_of, "-f", "json")
        return [c["case_no"] for c in r.json()]

    assert stalled() == [old]
    assert stalled("2024-05-31") == []  # exactly 30 days: not yet
    r = run("case", "extend", old, "--until", "2024-07-15", "--on", "2024-05-25")
    assert r.exit_code == 0, r
    assert stalled() == []
    assert stalled("2024-07-16") == [old, fresh]  # fresh is > 30 days by then
    assert show(run, old)["extended_until"] == "2024-07-15"
    run("case", "transition", old, "mediating", "--on", "2024-06-01")
    run("case", "transition", old, "succeeded", "--on", "2024-06-02", "--agreement", "written")
    r = run("case", "extend", old, "--until", "2024-08-01")
    assert r.exit_code == 1


def test_report_risk(ledger):
    run = ledger
    no = add(run, "--risk-types", "群体性")
    r = run("case", "list", "--unreported", "-f", "json")
    assert [c["case_no"] for c in r.json()] == [no]
    r = run("case", "report-risk", no, "--on", "2024-05-04", "--to", "旗委政法委")
    assert r.exit_code == 0, r
    c = show(run, no)
    assert c["reported_on"] == "2024-05-04" and c["reported_to"] == "旗委政法委"
    assert run("case", "list", "--unreported", "-f", "json").json() == []
    r = run("case", "report-risk", no, "--on", "2024-05-01")
    assert r.exit_code == 1 and "2024-05-01" in r.stderr


def test_plan_versions_and_consultations(ledger, tmp_path):
    run = ledger
    no = add(run, "--major", "yes")
    assert run("case", "plan", no, "--text", "第一稿：分头做工作", "--on", "2024-05-05").exit_code == 0
    f = tmp_path / "plan.txt"
    f.write_text("第二稿：联合镇村两级会商", encoding="utf-8")
    assert run("case", "plan", no, "--file", str(f), "--on", "2024-05-08").exit_code == 0
    r = run(
        "case",
        "consult",
        no,
        "--on",
        "2024-05-09",
        "--participants",
        "司法所;派出所;镇综治办",
        "--conclusion",
        "分期支付",
    )
    assert r.exit_code == 0, r
    c = show(run, no)
    assert [(p["version"], p["text"]) for p in c["plans"]] == [
        (1, "第一稿：分头做工作"),
        (2, "第二稿：联合镇村两级会商"),
    ]
    assert c["consultations"] == [
        {"held_on": "2024-05-09", "participants": "司法所;派出所;镇综治办", "conclusion": "分期支付"}
    ]
    assert run("case", "plan", no).exit_code == 1
    assert run("case", "consult", no, "--participants", "x").exit_code == 1


def test_edit_assign_and_history(ledger, db_path):
    run = ledger
    no = add(run, "--summary", "排水纠纷", "--mediators", "M0002")
    r = run("case", "edit", no, "--summary", "排水沟堵塞引发纠纷", "--amount", "300", "--major", "yes")
    assert r.exit_code == 0, r
    c = show(run, no)
    assert c["summary"] == "排水沟堵塞引发纠纷" and c["amount"] == 300 and c["major_since"] == "2024-06-30"
    assert [x["case_no"] for x in run("case", "list", "--search", "排水沟", "-f", "json").json()] == [no]
    assert run("case", "list", "--search", "排水纠纷", "-f", "json").json() == []
    r = run("case", "edit", no, "--clear", "amount")
    assert r.exit_code == 0 and show(run, no)["amount"] is None
    r = run("case", "assign", no, "M0001")
    assert r.exit_code == 0, r
    assert [m["staff_no"] for m in show(run, no)["mediators"]] == ["M0001"]
    r = run("case", "assign", no, "M0002", "--add")
    assert [m["staff_no"] for m in show(run, no)["mediators"]] == ["M0001", "M0002"]
    before = snapshot(db_path)
    assert run("case", "assign", no, "M0003").exit_code == 1
    assert run("case", "edit", no, "--received-on", "2024-02-30").exit_code == 1
    assert snapshot(db_path) == before
    h = run("case", "history", no, "-f", "json").json()
    assert [x["action"] for x in h] == ["add", "edit", "edit", "assign", "assign"]
    assert h[1]["before"]["summary"] == "排水纠纷" and h[1]["after"]["summary"] == "排水沟堵塞引发纠纷"
    assert all(x["operator"] == "tester" for x in h)


def test_change_seq_bumps_on_every_write(ledger):
    run = ledger
    a = add(run)
    b = add(run)
    sa, sb = show(run, a)["change_seq"], show(run, b)["change_seq"]
    assert sb > sa
    run("case", "transition", a, "mediating", "--on", "2024-05-04")
    assert show(run, a)["change_seq"] > sb
    assert show(run, b)["change_seq"] == sb


def test_key_period_from_the_calendar_and_a_year_it_lacks(ledger):
    run = ledger
    assert show(run, add(run, on="2024-02-12"))["key_period"] == "spring_festival"
    assert show(run, add(run, on="2024-03-05"))["key_period"] == "two_sessions"  # 两会: configured window
    assert show(run, add(run, on="2024-06-03"))["key_period"] is None
    env = {"MEDIATION_TODAY": "2027-12-31"}
    # chinese-calendar does not know 2027: the configured windows apply, no crash.
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        "2027-10-03",
        "--category",
        "邻里",
        "--source",
        "申请",
        env=env,
    )
    assert r.exit_code == 0, r
    r = run("case", "show", r.stdout.strip(), "-f", "json", env=env)
    assert r.json()["key_period"] == "national_day"
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        "2027-02-07",
        "--category",
        "邻里",
        "--source",
        "申请",
        env=env,
    )
    assert (
        run("case", "show", r.stdout.strip(), "-f", "json", env=env).json()["key_period"] == "spring_festival"
    )
    assert [
        c["received_on"] for c in run("case", "list", "--key-period", "any", "-f", "json", env=env).json()
    ] == [
        "2024-02-12",
        "2024-03-05",
        "2027-02-07",
        "2027-10-03",
    ]
