"""The installed console script, run as a real process: exit codes, stderr, language, completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

BIN = Path(sys.executable).parent / "mediation"


def sh(*args, env_extra=None, **kw):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=60, **kw)


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_console_script_end_to_end(tmp_path):
    db = tmp_path / "l.db"
    r = sh(BIN, "--db", db, "org", "import", SAMPLE / "orgs.csv")
    assert r.returncode == 0, r.stderr
    r = sh(BIN, "--db", db, "org", "show", "NOPE")
    assert r.returncode == 1 and "NOPE" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2
    r = sh(BIN, "--db", db, "org", "list", "--bogus")
    assert r.returncode == 2
    r = sh(BIN, "--db", db, "--lang", "zh", "org", "show", "NOPE")
    assert r.returncode == 1 and "找不到" in r.stderr
    r = sh(BIN, "--lang", "zh", "--help")
    assert r.returncode == 0 and "台账" in r.stdout
    r = sh(
        BIN, "--db", db, "org", "list", "-f", "json", env_extra={"LANG": "zh_CN.UTF-8", "MEDIATION_LANG": ""}
    )
    assert r.returncode == 0 and '"嘎鲁图镇人民调解委员会"' in r.stdout  # JSON keeps Chinese as characters


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_python_dash_m(tmp_path):
    r = sh(sys.executable, "-m", "mediation_cli", "--version")
    assert r.returncode == 0 and r.stdout.startswith("mediation-cli ")


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_debug_switch_shows_traceback(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("not sqlite")
    r = sh(BIN, "--db", bad, "org", "list", env_extra={"MEDIATION_DEBUG": "1"})
    assert r.returncode != 0 and "Traceback" in r.stderr


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_completion_of_org_codes_and_enumerations(tmp_path):
    db = tmp_path / "l.db"
    sh(BIN, "--db", db, "org", "import", SAMPLE / "orgs.csv")
    env = {"MEDIATION_DB": str(db), "_MEDIATION_COMPLETE": "complete_bash"}
    r = sh(BIN, env_extra={**env, "COMP_WORDS": "mediation org show V0", "COMP_CWORD": "3"})
    assert "V01" in r.stdout.split() and "T01" not in r.stdout.split()
    r = sh(BIN, env_extra={**env, "COMP_WORDS": "mediation org list --kind ", "COMP_CWORD": "4"})
    assert {"township", "village", "industry"} <= set(r.stdout.split())


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_case_import_shows_progress_on_a_terminal_only(tmp_path):
    """A file of thousands of rows: a progress line on stderr when it is a terminal, nothing when piped (cron)."""
    import pty

    env = {"MEDIATION_TODAY": "2024-12-31", "MEDIATION_LANG": "zh"}
    src = tmp_path / "many.csv"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("org_code,received_on,source,category,summary\n")
        for i in range(6000):
            fh.write(f"V01,2024-{i % 12 + 1:02d}-{i % 28 + 1:02d},申请,邻里,邻里纠纷登记{i}\n")
    db, other = tmp_path / "l.db", tmp_path / "m.db"
    for ledger in (db, other):
        assert sh(BIN, "--db", ledger, "org", "import", SAMPLE / "orgs.csv").returncode == 0

    leader, follower = pty.openpty()
    try:
        r = subprocess.run(
            [str(BIN), "--db", str(db), "case", "import", str(src)],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once the command and its output are gone
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert r.returncode == 0 and "新增 6000" in r.stdout
    text = shown.decode()
    assert "many.csv: 5,000 行已读取" in text and "many.csv: 6,000 行已校验" in text
    assert "正在将 6,000 件案件写入台账" in text

    piped = sh(BIN, "--db", other, "case", "import", src, env_extra=env)
    assert piped.returncode == 0 and "新增 6000" in piped.stdout and piped.stderr == ""
