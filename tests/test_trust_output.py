"""Item 4 of issue 12 (files): every file output goes to a temporary name beside the target, 0600, fsynced and renamed;
never onto the ledger or its side files; never over an existing file without --force; a table format never lands in
an .xlsx; a full disk or a missing folder is exit 1 with a clear message and no half file."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
import zipfile

import pytest
from conftest import SAMPLE, snapshot
from trust_helpers import BIN, mediation


@pytest.fixture
def sample(run, db_path):
    assert run("init", "--sample").exit_code == 0
    return run


WRITERS = [
    ("mediator", "list", "-f", "csv"),
    ("db", "check", "-f", "json"),
    ("db", "info", "-f", "json"),
    ("report", "cases", "--from", "2024-01-01", "--to", "2024-12-31", "-f", "csv"),
    ("case", "export"),
    ("mediator", "export", "--reveal"),
    ("report", "statistics", "--year", "2024", "-f", "xlsx"),
]


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("side", ["", "-wal", "-shm"])
def test_output_onto_the_ledger_is_refused(sample, db_path, args, side):
    before = snapshot(db_path)
    r = sample(*args, "-o", f"{db_path}{side}")
    assert r.exit_code == 1 and "ledger itself" in r.stderr, r
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: " ".join(a[:2]))
def test_an_existing_file_needs_force(sample, tmp_path, args):
    out = tmp_path / ("out.xlsx" if "xlsx" in args else "out.txt")
    out.write_text("keep me")
    r = sample(*args, "-o", out)
    assert r.exit_code == 1 and "--force" in r.stderr
    assert out.read_text() == "keep me"
    assert sample(*args, "-o", out, "--force").exit_code == 0
    assert out.read_text(errors="replace") != "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_rejects_and_backup_and_docx_need_force_too(sample, tmp_path):
    rejects = tmp_path / "bad.csv"
    rejects.write_text("keep")
    bad = tmp_path / "in.csv"
    bad.write_text("code,name,kind\nZZ1,某组织,nonsense\n", encoding="utf-8")
    r = sample("org", "import", bad, "--skip-bad", "--rejects", rejects)
    assert r.exit_code == 1 and "--force" in r.stderr and rejects.read_text() == "keep"
    assert sample("org", "import", bad, "--skip-bad", "--rejects", rejects, "--force").exit_code == 0
    assert "nonsense" in rejects.read_text(encoding="utf-8-sig")
    backup = tmp_path / "b.db"
    backup.write_text("keep")
    assert sample("db", "backup", backup).exit_code == 1 and backup.read_text() == "keep"
    assert sample("db", "backup", backup, "--force").exit_code == 0
    docx = tmp_path / "q.docx"
    docx.write_text("keep")
    args = ("report", "quarterly", "--org", "T01", "--quarter", "2024Q2", "-f", "docx", "-o", docx)
    assert sample(*args).exit_code == 1 and docx.read_text() == "keep"
    assert sample(*args, "--force").exit_code == 0 and zipfile.is_zipfile(docx)


def test_files_with_personal_data_are_0600_whatever_the_umask(sample, tmp_path):
    old = os.umask(0)
    try:
        outs = {
            "export": ("mediator", "export", "--reveal", "-o", tmp_path / "m.csv"),
            "xlsx": ("case", "export", "-f", "xlsx", "-o", tmp_path / "c.xlsx"),
            "report": (
                "report",
                "cases",
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "-o",
                tmp_path / "r.md",
                "-f",
                "markdown",
            ),
            "backup": ("db", "backup", tmp_path / "b.db"),
        }
        for name, args in outs.items():
            assert sample(*args).exit_code == 0, name
        bad = tmp_path / "in.csv"
        bad.write_text("code,name,kind\nZZ1,某组织,nonsense\n", encoding="utf-8")
        assert sample("org", "import", bad, "--skip-bad", "--rejects", tmp_path / "rej.csv").exit_code == 0
    finally:
        os.umask(old)
    for f in ("m.csv", "c.xlsx", "r.md", "b.db", "rej.csv"):
        assert stat.S_IMODE((tmp_path / f).stat().st_mode) == 0o600, f


def test_a_table_format_never_lands_in_an_xlsx(sample, tmp_path):
    out = tmp_path / "x.xlsx"
    r = sample("mediator", "list", "-o", out)
    assert r.exit_code == 1 and "xlsx" in r.stderr and not out.exists()
    assert sample("mediator", "list", "-f", "csv", "-o", out).exit_code == 1
    assert sample("mediator", "list", "-f", "xlsx", "-o", out).exit_code == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    assert ws.cell(1, 1).value == "staff_no" and ws.max_row > 100


def test_a_missing_folder_is_a_clear_refusal(sample, tmp_path):
    r = sample("case", "export", "-o", tmp_path / "no" / "such" / "c.csv")
    assert r.exit_code == 1 and "does not exist" in r.stderr


def _limited(limit: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return pre


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_full_disk_leaves_no_file_and_no_traceback(tmp_path, fmt):
    db = tmp_path / "l.db"
    assert mediation(db, "init", "--sample").returncode == 0
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    out = tmp_path / f"c.{fmt}"
    # the ledger is only read; any file written grows past 20 kB and fails with EFBIG, as on a full disk
    r = mediation(db, "case", "export", "-f", fmt, "-o", out, preexec_fn=_limited(20_000))
    assert r.returncode == 1, r.stderr
    assert "cannot write" in r.stderr and "Traceback" not in r.stderr and "ZipFile" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_mediator_and_org_show_csv_is_the_whole_record(sample):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(sample("mediator", "show", "M0001", "-f", "csv").stdout)))
    assert (
        len(rows) == 1
        and rows[0]["staff_no"] == "M0001"
        and rows[0]["employment"]
        and "****" in rows[0]["phone"]
    )
    rows = list(csv.DictReader(io.StringIO(sample("org", "show", "T01", "-f", "csv").stdout)))
    assert (
        len(rows) == 1
        and rows[0]["code"] == "T01"
        and rows[0]["kind"] == "township"
        and "V01" in rows[0]["children"]
    )


def test_sample_is_there():
    assert (SAMPLE / "orgs.csv").exists()
