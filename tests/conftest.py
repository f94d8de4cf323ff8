"""Shared fixtures: an isolated ledger per test, a fixed clock, and `run()` that calls the real CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from mediation_cli.app import app, command
from mediation_cli.i18n import set_lang

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "mediation_cli" / "sample"

# typer's CliRunner rebuilds the whole click tree from the Typer app on every call (~65 ms); the program's own
# `command()` builds it once per process, as the console script does. Tests run that same tree.
_typer_get_command = typer.testing._get_command
typer.testing._get_command = lambda typer_app: (
    command() if typer_app is app else _typer_get_command(typer_app)
)

# This machine (and CI's) is a small, noisy VM: no per-example deadline, and a fixed seed so a failure reproduces.
settings.register_profile("ledger", deadline=None, derandomize=True, max_examples=100)
settings.load_profile("ledger")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No test touches the user's data dir, the real clock or the terminal language."""
    monkeypatch.setenv("MEDIATION_DB", str(tmp_path / "ledger.db"))
    monkeypatch.setenv("MEDIATION_TODAY", "2024-06-30")
    monkeypatch.setenv("MEDIATION_NOW", "2024-06-30T09:00:00")
    monkeypatch.setenv("MEDIATION_OPERATOR", "tester")
    monkeypatch.setenv("MEDIATION_LANG", "en")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("MEDIATION_DEBUG", raising=False)
    set_lang("en")
    yield
    set_lang("en")


class Result:
    def __init__(self, r):
        self.exit_code = r.exit_code
        self.stdout = r.stdout
        self.stderr = r.stderr
        self.exception = r.exception

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self):
        return f"<exit {self.exit_code} stdout={self.stdout[:500]!r} stderr={self.stderr[:500]!r}>"


@pytest.fixture
def run():
    """run('org', 'list', '-f', 'json') → Result; exit code, stdout and stderr as the console script gives them."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict | None = None) -> Result:
        r = runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=True)
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r)

    return invoke


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def banner(run):
    """A small hand-made ledger: a bureau, one township with a village and a judicial office, one industry committee."""
    for args in (
        ["--code", "B", "--name", "旗司法局", "--kind", "administrative"],
        [
            "--code",
            "T1",
            "--name",
            "嘎鲁图镇人民调解委员会",
            "--kind",
            "township",
            "--parent",
            "B",
            "--established-on",
            "2015-01-01",
        ],
        [
            "--code",
            "V1",
            "--name",
            "巴音敖包嘎查人民调解委员会",
            "--kind",
            "village",
            "--parent",
            "T1",
            "--has-conditions",
            "yes",
            "--established-on",
            "2016-03-01",
        ],
        # founded long ago: an org without established_on owes screenings only from the day it was entered (issue 14)
        [
            "--code",
            "S1",
            "--name",
            "嘎鲁图司法所",
            "--kind",
            "judicial_office",
            "--parent",
            "T1",
            "--established-on",
            "2015-01-01",
        ],
        [
            "--code",
            "I1",
            "--name",
            "医疗纠纷人民调解委员会",
            "--kind",
            "industry",
            "--parent",
            "B",
            "--field",
            "医患",
            "--established-on",
            "2018-01-01",
        ],
    ):
        r = run("org", "add", *args)
        assert r.exit_code == 0, r
    return run


def snapshot(path: Path) -> bytes:
    """The ledger's bytes after a checkpoint: equal snapshots mean nothing was written."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()
