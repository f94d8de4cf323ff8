"""Item 6 of issue 14: every output goes where it says. A workbook or document lands only under its own suffix; a
profile export follows the file name's suffix; a device, pipe, folder, missing folder or full disk is exit 1 with a
Chinese message under zh and no file; `--only-new` with nothing new writes nothing and records nothing; a character
GBK lacks refuses a GBK output instead of turning into `?`."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import zipfile

import pytest
from conftest import snapshot
from trust_helpers import BIN, mediation

QUARTERLY = ("report", "quarterly", "--org", "T01", "--quarter", "2024Q2", "-f", "docx")
STATISTICS = ("report", "statistics", "--year", "2024", "-f", "xlsx")
DOCUMENTS = {
    "org export": (("org", "export", "-f", "xlsx"), "o.xlsx"),
    "mediator export": (("mediator", "export", "-f", "xlsx"), "m.xlsx"),
    "org list": (("org", "list", "-f", "xlsx"), "l.xlsx"),
    "statistics": (STATISTICS, "s.xlsx"),
    "quarterly": (QUARTERLY, "q.docx"),
    "moj": (("case", "export", "--profile", "moj"), "moj.xlsx"),
}


@pytest.fixture
def sample(run, db_path):
    assert run("init", "--sample").exit_code == 0
    return run


def no_files(folder) -> bool:
    written = (".xlsx", ".docx", ".csv", ".json", ".part", ".txt")
    return not [p for p in folder.iterdir() if p.is_file() and (p.suffix in written or p.name == "x")]


def batches(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM export_batch").fetchone()[0]
    finally:
        conn.close()


def test_a_profile_export_follows_the_name(sample, tmp_path, db_path):
    out = tmp_path / "b.csv"
    r = sample("case", "export", "--profile", "moj", "-o", out)
    assert r.exit_code == 0, r
    assert not zipfile.is_zipfile(out)
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("案件编号,调解组织,所属苏木镇,受理日期")
    assert zipfile.is_zipfile(
        _ok(sample("case", "export", "--profile", "moj", "-o", tmp_path / "b.xlsx"), tmp_path / "b.xlsx")
    )
    before = batches(db_path)
    for fmt, name in (("xlsx", "c.csv"), ("csv", "c.xlsx")):
        r = sample("--lang", "zh", "case", "export", "--profile", "moj", "-f", fmt, "-o", tmp_path / name)
        assert r.exit_code == 1 and "文件名" in r.stderr and name in r.stderr, r
        assert not (tmp_path / name).exists()
    assert batches(db_path) == before


def _ok(r, path):
    assert r.exit_code == 0, r
    return path


@pytest.mark.parametrize("args", [DOCUMENTS[k][0] for k in ("org list", "statistics", "quarterly")], ids=str)
def test_a_document_under_a_text_name_is_refused(sample, tmp_path, args):
    for name in ("x.csv", "x.json", "x.txt", "x"):
        r = sample("--lang", "zh", *args, "-o", tmp_path / name)
        assert r.exit_code == 1 and "结尾" in r.stderr, (name, r)
        assert len(r.stderr.strip().splitlines()) <= 2 and "Traceback" not in r.stderr
    assert no_files(tmp_path)


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_missing_folder_folder_and_device_are_refused_in_chinese(sample, tmp_path, db_path, key):
    args, name = DOCUMENTS[key]
    before = snapshot(db_path)
    r = sample("--lang", "zh", *args, "-o", tmp_path / "无此文件夹" / name)
    assert r.exit_code == 1 and "文件夹" in r.stderr and "不存在" in r.stderr, r
    folder = tmp_path / f"folder{name}"
    folder.mkdir()
    r = sample("--lang", "zh", *args, "-o", folder, "--force")
    assert r.exit_code == 1 and "是文件夹" in r.stderr, r
    fifo = tmp_path / f"pipe{name}"
    os.mkfifo(fifo)
    # with --force the old writer renamed its temporary file over the node (as root: over /dev/full itself)
    r = sample("--lang", "zh", *args, "-o", fifo, "--force")
    assert r.exit_code == 1 and "不是普通文件" in r.stderr, r
    assert fifo.is_fifo() and not fifo.is_file()
    assert no_files(tmp_path) and snapshot(db_path) == before


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_a_full_disk_is_a_chinese_refusal(sample, tmp_path, monkeypatch, key):
    import mediation_cli.files as files

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    args, name = DOCUMENTS[key]
    r = sample("--lang", "zh", *args, "-o", tmp_path / name)
    assert r.exit_code == 1, r
    assert "磁盘已满" in r.stderr and "未生成该文件" in r.stderr and "Traceback" not in r.stderr, r
    assert len(r.stderr.strip().splitlines()) <= 2
    assert no_files(tmp_path)


def _limited(limit: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return pre


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_a_full_disk_under_lxml_is_a_chinese_refusal(tmp_path):
    """openpyxl's write-only sheets stream through lxml, which reports a full disk as SerialisationError(IO_EFBIG):
    the message says what happened, in Chinese, with no lxml words in it."""
    db = tmp_path / "l.db"
    assert mediation(db, "init", "--sample").returncode == 0
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    for key in ("org export", "mediator export"):
        args, name = DOCUMENTS[key]
        out = tmp_path / name
        r = mediation(db, *args, "-o", out, env_extra={"MEDIATION_LANG": "zh"}, preexec_fn=_limited(3_000))
        assert r.returncode == 1, r.stderr
        assert "磁盘已满" in r.stderr and "SerialisationError" not in r.stderr and "Traceback" not in r.stderr
        assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_only_new_with_nothing_new_writes_nothing(sample, tmp_path, db_path):
    first = tmp_path / "first.xlsx"
    assert sample("case", "export", "--profile", "moj", "--only-new", "-o", first).exit_code == 0
    assert zipfile.is_zipfile(first)
    recorded = batches(db_path)
    again = tmp_path / "again.xlsx"
    r = sample("--lang", "zh", "case", "export", "--profile", "moj", "--only-new", "-o", again)
    assert r.exit_code == 0 and "未生成文件" in r.stderr and "未记录" in r.stderr, r
    assert not again.exists() and batches(db_path) == recorded
    # an existing file under that name is left as it was, even with --force
    again.write_text("last week's file")
    r = sample("case", "export", "--profile", "moj", "--only-new", "-o", again, "--force")
    assert r.exit_code == 0 and "no file written" in r.stderr
    assert again.read_text() == "last week's file" and batches(db_path) == recorded


def test_gbk_refuses_a_character_it_lacks(sample, tmp_path):
    r = sample(
        "mediator",
        "add",
        "--name",
        "王𬌗",
        "--org",
        "T01",
        "--employment",
        "兼职",
        "--joined-on",
        "2024-01-01",
    )
    assert r.exit_code == 0, r
    out = tmp_path / "m.csv"
    r = sample("--lang", "zh", "mediator", "list", "-f", "csv", "--encoding", "gbk", "-o", out)
    assert (
        r.exit_code == 1 and "U+2C317" in r.stderr and "utf-8-sig" in r.stderr and "未生成文件" in r.stderr
    ), r
    assert not out.exists() and no_files(tmp_path)
    r = sample("mediator", "export", "--encoding", "gbk", "-o", out)
    assert r.exit_code == 1 and "gbk cannot hold" in r.stderr and not out.exists()
    r = sample("mediator", "list", "-f", "csv", "--encoding", "gbk")
    assert r.exit_code == 1 and "incomplete" in r.stderr and "王?" not in r.stdout
    assert sample("mediator", "list", "-f", "csv", "--encoding", "utf-8-sig", "-o", out).exit_code == 0
    assert "王𬌗" in out.read_text(encoding="utf-8-sig")
    assert sample("org", "list", "-f", "csv", "--encoding", "gbk", "-o", tmp_path / "o.csv").exit_code == 0


@pytest.mark.parametrize(
    ("fmt", "name"), [("markdown", "q.xlsx"), ("json", "q.docx"), ("markdown", "q.docx")]
)
def test_the_quarterly_texts_never_land_in_a_document_name(sample, tmp_path, fmt, name):
    r = sample(
        "--lang",
        "zh",
        "report",
        "quarterly",
        "--org",
        "T01",
        "--quarter",
        "2024Q2",
        "-f",
        fmt,
        "-o",
        tmp_path / name,
    )
    assert r.exit_code == 1 and "文本" in r.stderr, r
    assert no_files(tmp_path)
