"""Options are read without pydantic where typer would hand back the value as it is, and to the same value: a daily
command's process never imports pydantic, and for every option of every command the plain coercion and typer's own
give the same value or the same refusal."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer import core
from typer._coercion import build_runtime_param

from mediation_cli.cliparams import PlainRuntimeParam, plain_runtime_param

PROBE = """
import sys
sys.argv = ["mediation", "--db", sys.argv[1], *sys.argv[2:]]
from mediation_cli.app import main
code = 0
try:
    main()
except SystemExit as e:
    code = e.code or 0
print(code, "pydantic" in sys.modules, file=sys.stderr)
"""

DAILY = [
    [
        "case",
        "list",
        "--limit",
        "5",
        "--org",
        "V01",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "-f",
        "json",
    ],
    ["remind", "--as-of", "2024-06-12", "-f", "json"],
    ["screen", "due", "--as-of", "2024-06-12"],
    ["report", "statistics", "--year", "2024", "-f", "json"],
    ["report", "timeliness", "--year", "2024", "-f", "csv"],
    ["report", "staffing", "--as-of", "2024-12-31"],
    ["case", "export", "-o", "{tmp}/out.csv"],
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("cliparams") / "ledger.db"
    subprocess.run(
        [sys.executable, "-m", "mediation_cli", "--db", str(path), "init", "--sample"],
        check=True,
        capture_output=True,
        env={"MEDIATION_LANG": "en", "PATH": "/usr/bin:/bin", "MEDIATION_TODAY": "2024-06-30"},
    )
    return path


@pytest.mark.parametrize("args", DAILY, ids=lambda a: " ".join(a[:2]))
def test_a_daily_command_never_imports_pydantic(ledger, args, tmp_path):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(ledger), *argv],
        capture_output=True,
        text=True,
        env={"MEDIATION_LANG": "en", "PATH": "/usr/bin:/bin", "MEDIATION_TODAY": "2024-06-30"},
    )
    assert p.stderr.strip().splitlines()[-1] == "0 False", p.stderr


def test_a_bad_number_is_still_refused_in_typers_words(run):
    r = run("case", "list", "--limit", "ten")
    assert r.exit_code == 2
    assert "Invalid value for '--limit'" in r.stderr and "valid integer" in r.stderr


def _params():
    from mediation_cli.app import full_command

    out = []

    def walk(cmd, path):
        for p in cmd.params:
            if isinstance(p, core._TyperParameter) and plain_runtime_param(p.type_descriptor) is not None:
                out.append((cmd, path, p))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(full_command(), [])
    return out


PARAMS = _params()

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
values = st.one_of(
    text,
    st.from_regex(r"\A[+-]?[0-9_ ]{0,22}\Z"),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.lists(text, max_size=3).map(tuple),
    st.sampled_from(["", "-", ".", "0", "-0", "007", "1e3", "1.0", " 5", "true", "no", "/", "/etc/passwd"]),
)


def _outcome(runtime, value, param, ctx):
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except typer.BadParameter as e:
        return ("refused", e.format_message())


def test_every_plain_option_is_one_typer_would_have_coerced():
    kinds = {type(plain_runtime_param(p.type_descriptor)) for _, _, p in PARAMS}
    assert kinds == {PlainRuntimeParam}
    assert len(PARAMS) > 100  # the walk reached the whole tree


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(PARAMS) - 1), value=values)
def test_the_plain_coercion_gives_typers_value_or_typers_refusal(index, value):
    cmd, path, param = PARAMS[index]
    ctx = typer._click.Context(cmd, info_name=" ".join(["mediation", *path]))
    descriptor = param.type_descriptor
    plain = plain_runtime_param(descriptor)
    typer_own = build_runtime_param(descriptor)
    if isinstance(value, tuple) and not (param.multiple or param.nargs == -1):
        value = value[0] if value else ""
    assert _outcome(plain, value, param, ctx) == _outcome(typer_own, value, param, ctx), (
        path,
        param.name,
        value,
    )
