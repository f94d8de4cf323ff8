"""Every command, group, option and argument explains itself in both languages (help texts are fixed at import, so each
language is read from a fresh process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PLACEHOLDERS = {"", "...", "…", "todo", "tbd", "xxx", "help"}


def tree(lang: str) -> list[dict]:
    env = {**os.environ, "MEDIATION_LANG": lang, "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, str(HERE / "help_tree.py")], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


@pytest.fixture(scope="module", params=["zh", "en"])
def commands(request):
    return request.param, tree(request.param)


def _is_placeholder(text: str) -> bool:
    t = text.strip().lower()
    return t in PLACEHOLDERS or t.endswith("...") or t.startswith("todo")


def test_every_command_and_group_has_a_one_line_help(commands):
    lang, rows = commands
    assert len(rows) > 50  # the whole tree was walked
    bad = [r["path"] for r in rows if _is_placeholder(r["short"]) or "\n" in r["short"]]
    assert bad == [], f"{lang}: commands without a one-line help: {bad}"


def test_every_option_and_argument_has_help(commands):
    lang, rows = commands
    bad = [f"{r['path']} {p['name']}" for r in rows for p in r["params"] if _is_placeholder(p["help"])]
    assert bad == [], f"{lang}: options without help: {bad}"


def test_help_is_in_the_chosen_language():
    zh = {r["path"]: r for r in tree("zh")}
    en = {r["path"]: r for r in tree("en")}
    assert zh.keys() == en.keys()
    cjk = lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)  # noqa: E731
    for path in zh:
        if path == "mediation":
            continue
        assert cjk(zh[path]["short"]), f"zh help of {path!r} has no Chinese: {zh[path]['short']!r}"
        assert zh[path]["short"] != en[path]["short"], f"{path!r}: the same help in both languages"


def test_root_listing_shows_whole_lines_in_chinese():
    """`mediation --help` under zh lists every group with its sentence, not click's "..." for a spaceless text."""
    env = {**os.environ, "MEDIATION_LANG": "zh", "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, "-m", "mediation_cli", "--help"], env=env, capture_output=True, text=True, check=True
    ).stdout
    listing = out.split("Commands:", 1)[1] if "Commands:" in out else out
    for name in ("init", "remind", "org", "mediator", "case", "screen", "report", "config", "db"):
        line = next(li for li in listing.splitlines() if li.strip().startswith(name + " "))
        assert "..." not in line and len(line.split(None, 1)) == 2, line
