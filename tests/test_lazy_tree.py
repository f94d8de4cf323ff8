"""The console script loads only the command group it runs (start-up at region scale), and nothing else changes:
the same listing, the same "did you mean", every group reachable."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
sys.argv = ["mediation", "--db", sys.argv[1], "config", "get", "stalled_days"]
from mediation_cli.app import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m.split(".")[2] for m in sys.modules if m.startswith("mediation_cli.commands."))
print(" ".join(loaded))
"""


def _run(*args: str, env_lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={"MEDIATION_LANG": env_lang, "PATH": "/usr/bin:/bin", "MEDIATION_TODAY": "2024-06-30"},
    )


def test_one_command_loads_only_its_group(tmp_path):
    p = _run("-c", PROBE, str(tmp_path / "none.db"))
    loaded = set(p.stdout.split())
    assert "config" in loaded
    assert not loaded & {"case", "report", "mediator", "org", "screen", "rollup", "remind"}, loaded


def test_every_group_is_listed_in_the_old_order_and_reachable():
    from mediation_cli.app import GROUPS, full_command

    root = full_command()
    assert root.list_commands(None) == list(GROUPS) and set(root.commands) == set(GROUPS)
    assert list(GROUPS)[:3] == ["init", "remind", "rollup"]  # single commands first, as typer listed them
    for name in GROUPS:
        assert root.get_command(None, name).name == name


def test_a_mistyped_command_still_gets_a_suggestion(tmp_path):
    cli = [str(tmp_path / "none.db")]
    code = "import sys; from mediation_cli.app import main; sys.argv=['mediation','--db',sys.argv[1],'remnd']; main()"
    for lang, expected in (("en", "Did you mean 'remind'?"), ("zh", "可能是：'remind'")):
        p = _run("-c", code, *cli, env_lang=lang)
        assert p.returncode == 2 and expected in p.stderr, p.stderr
