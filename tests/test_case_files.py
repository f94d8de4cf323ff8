"""Case files (卷宗, issue 9 item 4): documents by outcome, attach by name/size/SHA-256, the closing check, the report
of incomplete files, and `db check` of files gone or changed."""

from __future__ import annotations

import hashlib

import pytest
from conftest import snapshot

SUCCEEDED_WRITTEN = [
    "application",
    "registration",
    "investigation",
    "transcript",
    "agreement",
    "visit_record",
]


@pytest.fixture
def settled(banner):
    """A case that succeeded with a written agreement and had its follow-up visit: ready to close (销号)."""
    run = banner
    assert (
        run(
            "mediator",
            "add",
            "--staff-no",
            "M1",
            "--name",
            "乌力吉",
            "--org",
            "T1",
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
        ).exit_code
        == 0
    )
    r = run(
        "case",
        "add",
        "--org",
        "T1",
        "--received-on",
        "2024-05-03",
        "--source",
        "application",
        "--category",
        "neighbour",
        "--summary",
        "排水沟纠纷",
        "--mediators",
        "M1",
    )
    assert r.exit_code == 0, r
    assert (
        run("case", "transition", "1", "succeeded", "--on", "2024-05-10", "--agreement", "written").exit_code
        == 0
    )
    assert run("case", "visit", "1", "--on", "2024-05-20", "--by", "M1", "--performed", "yes").exit_code == 0
    return run


def documents(tmp_path, kinds):
    paths = {}
    for k in kinds:
        p = tmp_path / f"{k}.pdf"
        p.write_bytes(f"%PDF {k}".encode())
        paths[k] = p
    return paths


def test_attach_records_name_size_and_sha256_and_the_file_shows_what_is_missing(settled, tmp_path):
    run = settled
    docs = documents(tmp_path, SUCCEEDED_WRITTEN[:-1])  # all but the visit record
    for kind, path in docs.items():
        assert run("case", "attach", "1", path, "--kind", kind, "--on", "2024-05-20").exit_code == 0
    again = run("case", "attach", "1", docs["agreement"], "--kind", "调解协议书")
    assert again.exit_code == 0 and "already" in again.stdout
    got = run("case", "file", "1", "-f", "json").json()
    assert (
        got["required"] == SUCCEEDED_WRITTEN
        and got["missing"] == ["visit_record"]
        and got["complete"] is False
    )
    agreement = next(d for d in got["documents"] if d["kind"] == "agreement")
    assert agreement["sha256"] == hashlib.sha256(b"%PDF agreement").hexdigest()
    assert agreement["size"] == len(b"%PDF agreement") and agreement["name"] == "agreement.pdf"
    assert agreement["path"] == str(docs["agreement"].resolve())
    assert len(got["documents"]) == 5
    zh = run("--lang", "zh", "case", "file", "1")
    assert "缺少材料" in zh.stdout and "回访记录" in zh.stdout


def test_an_oral_agreement_needs_no_agreement_document(banner):
    run = banner
    run(
        "case",
        "add",
        "--org",
        "T1",
        "--received-on",
        "2024-05-03",
        "--source",
        "application",
        "--category",
        "neighbour",
        "--summary",
        "口头协议",
    )
    run("case", "transition", "1", "succeeded", "--on", "2024-05-04", "--agreement", "oral")
    assert "agreement" not in run("case", "file", "1", "-f", "json").json()["required"]
    run(
        "case",
        "add",
        "--org",
        "T1",
        "--received-on",
        "2024-05-03",
        "--source",
        "application",
        "--category",
        "neighbour",
        "--summary",
        "不成",
    )
    run("case", "transition", "2", "failed", "--on", "2024-05-04")
    assert "termination_notice" in run("case", "file", "2", "-f", "json").json()["required"]


def test_closing_warns_about_an_incomplete_file_and_the_setting_refuses(settled, tmp_path, db_path):
    run = settled
    docs = documents(tmp_path, SUCCEEDED_WRITTEN[:-1])
    for kind, path in docs.items():
        run("case", "attach", "1", path, "--kind", kind)
    assert run("config", "set", "close_requires_complete_file", "1").exit_code == 0
    before = snapshot(db_path)
    refused = run("case", "transition", "1", "closed", "--on", "2024-05-21")
    assert refused.exit_code == 1 and "follow-up visit record" in refused.stderr
    assert snapshot(db_path) == before
    assert run("config", "set", "close_requires_complete_file", "0").exit_code == 0
    warned = run("case", "transition", "1", "closed", "--on", "2024-05-21")
    assert warned.exit_code == 0 and "warning" in warned.stderr and "follow-up visit record" in warned.stderr
    # the report lists it: closed in the range, one document missing
    rows = run("report", "files", "--from", "2024-05-01", "--to", "2024-05-31", "-f", "json").json()
    assert [(r["case_no"], r["missing"]) for r in rows] == [("(2024)乌人调字第1号", ["visit_record"])]
    assert run("report", "files", "--from", "2024-06-01", "--to", "2024-06-30", "-f", "json").json() == []
    # attaching the last document completes it, and the report no longer lists it
    visit = tmp_path / "回访记录.pdf"
    visit.write_bytes(b"visit")
    assert run("case", "attach", "1", visit, "--kind", "回访记录").exit_code == 0
    assert run("report", "files", "--from", "2024-05-01", "--to", "2024-05-31", "-f", "json").json() == []


def test_a_complete_file_closes_without_a_warning_even_when_required(settled, tmp_path):
    run = settled
    for kind, path in documents(tmp_path, SUCCEEDED_WRITTEN).items():
        run("case", "attach", "1", path, "--kind", kind)
    run("config", "set", "close_requires_complete_file", "1")
    r = run("case", "transition", "1", "closed", "--on", "2024-05-21")
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nope.pdf", "--kind", "application"], "nope.pdf"),
        (["doc.pdf", "--kind", "photo"], "--kind"),
        (["doc.pdf", "--kind", "application", "--on", "2024-05-01"], "--on"),  # before received
        (["doc.pdf", "--kind", "application", "--on", "2024-07-01"], "--on"),  # after today
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_written(
    settled, tmp_path, db_path, monkeypatch, args, needle
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.pdf").write_bytes(b"x")
    before = snapshot(db_path)
    r = settled("case", "attach", "1", *args)
    assert r.exit_code == 1 and needle in r.stderr and "Traceback" not in r.stderr
    assert snapshot(db_path) == before


def test_db_check_reports_a_file_gone_or_changed(settled, tmp_path):
    run = settled
    docs = documents(tmp_path, ["application", "registration"])
    for kind, path in docs.items():
        run("case", "attach", "1", path, "--kind", kind)
    assert run("db", "check").exit_code == 0
    docs["application"].unlink()
    docs["registration"].write_bytes(b"rewritten")
    r = run("db", "check", "-f", "json")
    assert r.exit_code == 1
    found = {(p["check"], p["ref"]) for p in r.json()}
    assert ("attachment", "(2024)乌人调字第1号 application") in found
    assert ("attachment", "(2024)乌人调字第1号 registration") in found


def test_requirements_are_a_setting(banner, db_path):
    r = banner("config", "set", "file_requirements", '{"failed": ["photo"]}')
    assert r.exit_code == 1 and "photo" in r.stderr
    ok = banner("config", "set", "file_requirements", '{"withdrawn": ["application", "withdrawal"]}')
    assert ok.exit_code == 0
    banner(
        "case",
        "add",
        "--org",
        "T1",
        "--received-on",
        "2024-05-03",
        "--source",
        "application",
        "--category",
        "neighbour",
        "--summary",
        "撤回",
    )
    banner("case", "transition", "1", "withdrawn", "--on", "2024-05-04")
    assert banner("case", "file", "1", "-f", "json").json()["required"] == ["application", "withdrawal"]
