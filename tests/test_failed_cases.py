"""A failed case stays on the ledger (issue 15, item 13): its channel (诉讼/仲裁/行政/信访), follow-ups until resolved,
销号 recording where it went (化解一件、销号一件), and `report failed` of those still open as of a date."""

from __future__ import annotations

import pytest
from conftest import snapshot


def failed(run, on="2024-05-10", *extra):
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里关系", "--source", "application"
    )  # fmt: skip
    ref = r.stdout.strip()
    r = run("case", "transition", ref, "failed", "--on", on, *extra)
    assert r.exit_code == 0, r
    return ref


def report(run, on):
    r = run("report", "failed", "--as-of", on, "-f", "json")
    assert r.exit_code == 0, r
    return {x["case_no"]: x for x in r.json()}


def test_closing_a_failed_case_names_where_it_went(banner, db_path):
    run = banner
    ref = failed(run)
    before = snapshot(db_path)
    r = run("case", "transition", ref, "closed", "--on", "2024-06-01")
    assert r.exit_code == 1 and r.stderr.startswith("--guided-to") and "petition" in r.stderr
    assert run("case", "transition", ref, "closed", "--guided-to", "none").exit_code == 1
    assert snapshot(db_path) == before
    r = run(
        "case",
        "transition",
        ref,
        "closed",
        "--on",
        "2024-06-01",
        "--guided-to",
        "信访",
        "--resolution",
        "信访办结",
    )
    assert r.exit_code == 0, r
    shown = run("case", "show", ref, "-f", "json").json()
    assert shown["guided_to"] == "petition" and shown["status"] == "closed" and shown["outcome"] == "failed"
    assert shown["timeline"][-1]["detail"] == {"guided_to": "petition", "resolution": "信访办结"}
    audit = run("case", "history", ref, "-f", "json").json()[-1]
    assert audit["after"]["resolution"] == "信访办结"


def test_a_channel_given_at_the_failure_is_enough(banner):
    run = banner
    ref = failed(run, "2024-05-10", "--guided-to", "仲裁")
    assert run("case", "transition", ref, "closed", "--on", "2024-06-01").exit_code == 0


def test_only_a_failed_close_takes_a_channel_or_a_resolution(banner):
    run = banner
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", "邻里", "--source", "申请"
    )
    ref = r.stdout.strip()
    run("case", "transition", ref, "withdrawn", "--on", "2024-05-04")
    assert run("case", "transition", ref, "closed", "--guided-to", "litigation").exit_code == 1
    r = run("case", "transition", ref, "closed", "--resolution", "x")
    assert r.exit_code == 1 and r.stderr.startswith("--resolution")


def test_follow_ups_and_the_report_as_of_a_date(banner):
    run = banner
    a = failed(run, "2024-05-10")
    b = failed(run, "2024-05-20", "--guided-to", "litigation")
    assert (
        run(
            "case", "follow-up", a, "--on", "2024-05-15", "--note", "已申请劳动仲裁", "--guided-to", "仲裁"
        ).exit_code
        == 0
    )
    assert run("case", "follow-up", a, "--on", "2024-06-01", "--note", "仲裁庭已受理").exit_code == 0
    assert run("case", "transition", b, "closed", "--on", "2024-06-20").exit_code == 0
    assert report(run, "2024-05-09") == {}  # nothing had failed yet
    got = report(run, "2024-05-31")
    assert list(got) == [a, b]
    assert got[a] == {
        "case_no": a,
        "org_code": "V1",
        "org_name": "巴音敖包嘎查人民调解委员会",
        "received_on": "2024-05-03",
        "failed_on": "2024-05-10",
        "guided_to": "arbitration",
        "days_open": 21,
        "follow_ups": 1,  # the one of 06-01 is after the date
        "last_follow_up": "2024-05-15",
    }
    assert list(report(run, "2024-06-19")) == [a, b]
    assert list(report(run, "2024-06-20")) == [a]  # b closed that day
    assert (
        run("report", "failed", "--org", "T1", "-f", "json").json() == []
    )  # V1 only with --include-children
    assert len(run("report", "failed", "--org", "T1", "--include-children", "-f", "json").json()) == 1


@pytest.mark.parametrize(
    "args, field",
    [
        (["--note", "x", "--on", "2024-05-09"], "on"),  # before the failure
        (["--on", "2024-05-12"], "--note"),
        (["--note", "x", "--guided-to", "月球"], "--guided-to"),
    ],
)
def test_follow_up_refusals(banner, db_path, args, field):
    ref = failed(banner)
    before = snapshot(db_path)
    r = banner("case", "follow-up", ref, *args)
    assert r.exit_code == 1 and r.stderr.startswith(field), r
    assert snapshot(db_path) == before


def test_follow_up_only_of_a_failed_open_case(banner):
    run = banner
    ref = failed(run, "2024-05-10", "--guided-to", "诉讼")
    run("case", "transition", ref, "closed", "--on", "2024-05-20")
    r = run("--lang", "zh", "case", "follow-up", ref, "--note", "x")
    assert r.exit_code == 1 and "调解不成且未销号" in r.stderr
