"""Training (培训, issue 9 item 1): sessions, `mediator train`, sign-in sheets, `report training --year`."""

from __future__ import annotations

import pytest
from conftest import snapshot


@pytest.fixture
def people(banner):
    for staff, org, joined, left in (
        ("M1", "T1", "2020-01-01", None),
        ("M2", "T1", "2021-05-01", None),
        ("M3", "V1", "2019-01-01", "2024-03-01"),
        ("M4", "I1", "2024-02-01", None),
    ):
        args = ["mediator", "add", "--staff-no", staff, "--name", f"调解员{staff}", "--org", org]
        args += ["--employment", "part_time", "--joined-on", joined]
        if left:
            args += ["--left-on", left]
        assert banner(*args).exit_code == 0
    return banner


def test_sessions_add_up_per_mediator_and_org_and_who_had_none(people, tmp_path):
    run = people
    r = run(
        "training",
        "add",
        "--on",
        "2024-03-10",
        "--organiser",
        "旗司法局",
        "--topic",
        "人民调解法",
        "--hours",
        "4",
        "--attendees",
        "M1;M2",
    )
    assert r.exit_code == 0, r
    assert (
        run(
            "mediator", "train", "M1", "--on", "2024-05-20", "--topic", "心理疏导", "--hours", "1.5"
        ).exit_code
        == 0
    )
    # the same date, organiser and topic is the same session: M2 added to it, nothing counted twice
    assert (
        run(
            "mediator", "train", "M2", "--on", "2024-05-20", "--topic", "心理疏导", "--hours", "1.5"
        ).exit_code
        == 0
    )
    again = run("mediator", "train", "M2", "--on", "2024-05-20", "--topic", "心理疏导", "--hours", "1.5")
    assert again.exit_code == 0 and "already" in again.stdout
    # a session of 2023 does not count in 2024
    assert (
        run(
            "training",
            "add",
            "--on",
            "2023-12-31",
            "--organiser",
            "市司法局",
            "--topic",
            "旧",
            "--hours",
            "8",
            "--attendees",
            "M1",
        ).exit_code
        == 0
    )
    rep = run("report", "training", "--year", "2024", "-f", "json").json()
    by = {m["staff_no"]: m for m in rep["mediators"]}
    assert by["M1"]["hours"] == 5.5 and by["M1"]["sessions"] == 2
    assert by["M2"]["hours"] == 5.5
    # M3 left on 2024-03-01 (in office part of the year), M4 joined in it: both listed, with no hours
    assert by["M3"]["hours"] == 0 and by["M4"]["hours"] == 0
    assert sorted(rep["untrained"]) == ["M3", "M4"]
    orgs = {o["code"]: o for o in rep["orgs"]}
    assert orgs["T1"] == {
        "code": "T1",
        "name": "嘎鲁图镇人民调解委员会",
        "mediators": 2,
        "trained": 2,
        "untrained": 0,
        "hours": 11.0,
        "hours_per_mediator": 5.5,
    }
    assert orgs["I1"]["untrained"] == 1
    assert rep["hours"] == 11.0 and rep["trained"] == 2
    sessions = run("training", "list", "--year", "2024", "-f", "json").json()
    assert [(s["held_on"], s["attendees"]) for s in sessions] == [
        ("2024-03-10", ["M1", "M2"]),
        ("2024-05-20", ["M1", "M2"]),
    ]
    assert len(run("training", "list", "--mediator", "M1", "-f", "json").json()) == 3
    zh = run("--lang", "zh", "report", "training", "--year", "2024")
    assert zh.exit_code == 0 and "本年度未参训" in zh.stdout


def test_csv_of_the_report_is_the_list_per_mediator(people):
    out = people("report", "training", "--year", "2024", "-f", "csv").stdout.splitlines()
    assert out[0] == "staff_no,name,org_code,sessions,hours" and len(out) == 5


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--hours", "-2"], "hours"),
        (["--hours", "0"], "hours"),
        (["--hours", "101"], "hours"),
        (["--hours", "1.25"], "hours"),
        (["--hours", "abc"], "hours"),
        (["--hours", "2", "--on", "2024-07-01"], "held_on"),  # after today (2024-06-30)
        (["--hours", "2", "--attendees", "M9"], "M9"),
        (["--hours", "2", "--attendees", "M3", "--on", "2024-04-01"], "staff_no"),  # had left
        (["--hours", "2", "--topic", " "], "topic"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(people, db_path, args, field):
    base = {"--on": "2024-05-01", "--organiser": "旗司法局", "--topic": "调解技巧", "--attendees": "M1"}
    opts = dict(zip(args[::2], args[1::2], strict=True))
    merged = {**base, **opts}
    before = snapshot(db_path)
    r = people("training", "add", *[x for kv in merged.items() for x in kv])
    assert r.exit_code == 1 and field in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2
    assert snapshot(db_path) == before


def test_a_session_cannot_change_its_hours_by_a_second_entry(people):
    assert (
        people("mediator", "train", "M1", "--on", "2024-05-20", "--topic", "T", "--hours", "2").exit_code == 0
    )
    r = people("mediator", "train", "M2", "--on", "2024-05-20", "--topic", "T", "--hours", "3")
    assert r.exit_code == 1 and "hours" in r.stderr


def test_sign_in_sheet_import_is_all_or_nothing_and_idempotent(people, tmp_path, db_path):
    sheet = tmp_path / "签到表.csv"
    sheet.write_text(
        "held_on,organiser,topic,hours,staff_no,name\n"
        "2024-04-02,旗司法局,矛盾纠纷排查,3,M1,调解员M1\n"
        "2024-04-02,旗司法局,矛盾纠纷排查,3,M2,\n"
        "2024-04-02,旗司法局,矛盾纠纷排查,3,M4,调解员M4\n",
        encoding="utf-8",
    )
    r = people("training", "import", sheet)
    assert r.exit_code == 0, r
    rep = people("report", "training", "--year", "2024", "-f", "json").json()
    assert rep["trained"] == 3 and rep["hours"] == 9.0
    again = people("training", "import", sheet)
    assert again.exit_code == 0
    assert people("report", "training", "--year", "2024", "-f", "json").json()["hours"] == 9.0
    assert len(people("training", "list", "-f", "json").json()) == 1

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "held_on,organiser,topic,hours,staff_no,name\n"
        "2024-04-09,旗司法局,调解文书,2,M1,\n"
        "2024-04-09,旗司法局,调解文书,2,M77,\n"
        "2024-04-09,旗司法局,调解文书,-1,M2,\n"
        "2024-04-09,旗司法局,调解文书,2,M4,别人\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    r = people("training", "import", bad)
    assert r.exit_code == 1
    assert "M77" in r.stderr and "hours" in r.stderr and "name" in r.stderr and "line 3" in r.stderr.lower()
    assert snapshot(db_path) == before
    rejects = tmp_path / "rejects.csv"
    r = people("training", "import", bad, "--skip-bad", "--rejects", rejects)
    assert r.exit_code == 0 and rejects.read_text(encoding="utf-8-sig").count("\n") == 4
    assert len(people("training", "list", "-f", "json").json()) == 2


def test_report_year_out_of_range_is_refused(people):
    r = people("report", "training", "--year", "1800")
    assert r.exit_code == 1 and "--year" in r.stderr
