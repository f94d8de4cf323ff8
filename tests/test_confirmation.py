"""司法确认 (issue 15, item 12; 人民调解法 art. 33): request, joint application within 30 days of the agreement, the
court's decision; the window as a reminder (open, then overdue); counted in `report cases`."""

from __future__ import annotations

import pytest
from conftest import snapshot

LATER = {"MEDIATION_TODAY": "2024-08-31"}


def add(run, agreement="书面", on="2024-05-31"):
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2024-05-20", "--category", "邻里关系", "--source", "application"
    )  # fmt: skip
    assert r.exit_code == 0, r
    ref = r.stdout.strip()
    r = run("case", "transition", ref, "succeeded", "--on", on, "--agreement", agreement)
    assert r.exit_code == 0, r
    return ref


def reminders(run, on):
    r = run("remind", "--as-of", on, "-f", "json")
    assert r.exit_code == 0, r
    return [
        (x["kind"], x["ref"], x["due_on"], x["severity"]) for x in r.json() if x["kind"].startswith("confirm")
    ]


def test_the_window_is_30_days_from_the_agreement(banner):
    run = banner
    ref = add(run)  # agreement of 2024-05-31: the last day to apply is 2024-06-30
    r = run("case", "confirm", "request", ref, "--on", "2024-06-03")
    assert r.exit_code == 0 and "apply by 2024-06-30" in r.stdout
    assert reminders(run, "2024-06-02") == []  # not yet asked on that day
    assert reminders(run, "2024-06-03") == [("confirmation_window", ref, "2024-06-30", "medium")]
    assert reminders(run, "2024-06-30") == [("confirmation_window", ref, "2024-06-30", "medium")]
    assert reminders(run, "2024-07-01") == [("confirmation_overdue", ref, "2024-06-30", "high")]
    r = run("case", "confirm", "apply", ref, "--on", "2024-06-30", "--court", "乌审旗人民法院")
    assert r.exit_code == 0 and r.stderr == ""
    assert reminders(run, "2024-06-29") == [
        ("confirmation_window", ref, "2024-06-30", "medium")
    ]  # as it stood
    assert reminders(run, "2024-07-01") == []
    shown = run("case", "show", ref, "-f", "json").json()["confirmation"]
    assert (
        shown["state"] == "applied"
        and shown["last_day"] == "2024-06-30"
        and shown["court"] == "乌审旗人民法院"
    )


def test_a_late_application_is_recorded_as_late(banner):
    run = banner
    ref = add(run)
    r = run("case", "confirm", "apply", ref, "--on", "2024-07-01", "--court", "乌审旗人民法院", env=LATER)
    assert r.exit_code == 0 and "after the 30 days" in r.stderr
    timeline = run("case", "show", ref, "-f", "json").json()["timeline"]
    assert {"kind": "confirmation_applied"}.items() <= timeline[-1].items()
    assert timeline[-1]["detail"]["in_time"] is False


def test_a_closed_case_is_no_longer_reminded(banner):
    run = banner
    ref = add(run)
    run("case", "confirm", "request", ref, "--on", "2024-06-01")
    run("case", "visit", ref, "--on", "2024-06-10")
    assert run("case", "transition", ref, "closed", "--on", "2024-06-11").exit_code == 0
    assert reminders(run, "2024-06-10") == [("confirmation_window", ref, "2024-06-30", "medium")]
    assert reminders(run, "2024-07-01") == []


def test_decision_and_report_cases(banner):
    run = banner
    a, b, c = add(run), add(run), add(run)
    assert (
        run("case", "confirm", "decide", a, "--decision", "confirmed").exit_code == 1
    )  # nothing applied yet
    for ref in (a, b):
        assert (
            run("case", "confirm", "apply", ref, "--on", "2024-06-10", "--court", "乌审旗人民法院").exit_code
            == 0
        )
    assert (
        run("case", "confirm", "decide", a, "--on", "2024-06-09", "--decision", "有效").exit_code == 1
    )  # before
    assert run("case", "confirm", "decide", a, "--on", "2024-06-20", "--decision", "有效").exit_code == 0
    assert run("case", "confirm", "decide", b, "--on", "2024-06-20", "--decision", "驳回").exit_code == 0
    (row,) = run("report", "cases", "--from", "2024-05-01", "--to", "2024-05-31", "-f", "json").json()
    assert (row["received"], row["confirmation_applied"], row["confirmed"]) == (3, 2, 1)
    for by in ("org", "key_group", "month"):
        (row,) = run(
            "report", "cases", "--from", "2024-05-01", "--to", "2024-05-31", "--by", by, "-f", "json"
        ).json()
        assert (row["confirmation_applied"], row["confirmed"]) == (2, 1), by
    table = run("report", "cases", "--from", "2024-05-01", "--to", "2024-05-31", "-f", "markdown").stdout
    total = next(line for line in table.splitlines() if "total" in line)
    assert [c.strip(" *") for c in total.strip("|").split("|")][-2:] == ["2", "1"]
    assert run("case", "show", b, "-f", "json").json()["confirmation"]["state"] == "rejected"
    assert run("case", "show", c, "-f", "json").json()["confirmation"] is None
    history = [h["action"] for h in run("case", "history", a, "-f", "json").json()]
    assert history[-2:] == ["confirm_apply", "confirm_decide"]


@pytest.mark.parametrize(
    "args, field",
    [
        (["request", "{ref}", "--on", "2024-05-30"], "on"),  # before the agreement
        (["apply", "{ref}", "--on", "2024-06-10"], "--court"),
        (["decide", "{ref}", "--decision", "maybe"], "--decision"),
        (["request", "{ref}", "--on", "2024-07-02"], "on"),  # after today
    ],
)
def test_bad_input_refused_and_nothing_written(banner, db_path, args, field):
    ref = add(banner)
    if args[0] == "decide":
        banner("case", "confirm", "apply", ref, "--on", "2024-06-10", "--court", "乌审旗人民法院")
    before = snapshot(db_path)
    r = banner("case", "confirm", *[a.replace("{ref}", ref) for a in args])
    assert r.exit_code == 1 and r.stderr.startswith(field) and "Traceback" not in r.stderr
    assert snapshot(db_path) == before


def test_only_a_written_agreement(banner):
    ref = add(banner, agreement="口头")
    r = banner("--lang", "zh", "case", "confirm", "request", ref, "--on", "2024-06-01")
    assert r.exit_code == 1 and "书面调解协议" in r.stderr
