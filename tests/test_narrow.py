"""Issue 14 item 1: at 80 columns no value is split — every case number, date, amount, ID, week code is printed whole."""

from __future__ import annotations

import re

import pytest

from mediation_cli.render.fit import clip, tokens, wrap
from mediation_cli.render.output import SCREEN_LIMIT

NARROW = {"COLUMNS": "80", "MEDIATION_TODAY": "2024-11-25"}
WEEK = re.compile(r"\d{4}-W\d{2}")


@pytest.fixture
def sample(run):
    r = run("init", "--sample")
    assert r.exit_code == 0, r
    return run


def money(v: float) -> str:
    return f"{v:,.2f}"


def assert_whole(out: str, values) -> None:
    """Each value appears on one line as often as it is listed (a value split over two lines is not found)."""
    wanted: dict[str, int] = {}
    for v in values:
        if v:
            wanted[str(v)] = wanted.get(str(v), 0) + 1
    for v, n in wanted.items():
        assert out.count(v) >= n, f"{v!r} split or missing ({out.count(v)} of {n})"
    assert max(len(line) for line in out.splitlines()) <= 80 or all(
        _cells(line) <= 80 for line in out.splitlines()
    )


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_case_list_at_80_columns_keeps_every_value_whole(sample, lang):
    cases = sample("case", "list", "-f", "json", env=NARROW).json()
    r = sample("--lang", lang, "case", "list", "--all", env=NARROW)
    assert r.exit_code == 0, r
    assert all(_cells(line) <= 80 for line in r.stdout.splitlines())
    assert_whole(r.stdout, [c["case_no"] for c in cases])
    assert_whole(r.stdout, [c["received_on"] for c in cases])
    assert_whole(r.stdout, [money(c["amount"]) for c in cases if c["amount"] is not None])


def test_case_list_shows_the_outcome_of_a_closed_case_and_the_org_name(sample):
    cases = sample("case", "list", "-f", "json", env=NARROW).json()
    closed = next(c for c in cases if c["status"] == "closed" and c["outcome"] == "succeeded")
    r = sample("--lang", "zh", "case", "list", "--all", env={"COLUMNS": "200"})
    line = next(
        x for x in r.stdout.splitlines() if closed["case_no"] + " " in x or closed["case_no"] + "│" in x
    )
    assert "成功·销号" in line
    # the org by code and short name (嘎鲁图镇人民调解委员会 → 嘎鲁图镇)
    orgs = {o["code"]: o["name"] for o in sample("org", "list", "-f", "json").json()}
    assert closed["org_code"] in line
    assert orgs[closed["org_code"]].removesuffix("人民调解委员会").removesuffix("人民调解工作室")[:3] in line
    en = sample("--lang", "en", "case", "list", "--all", env={"COLUMNS": "200"}).stdout
    assert "succeeded, closed" in en


def test_case_list_on_the_screen_lists_the_first_hundred_and_says_how_many_more(sample):
    total = len(sample("case", "list", "-f", "json").json())
    assert total > 100
    r = sample("--lang", "zh", "case", "list", env=NARROW)
    assert r.exit_code == 0
    assert f"另有 {total - 100} 条未列出" in r.stdout and "--all" in r.stdout
    assert len(re.findall(r"乌人调字第\d+号", r.stdout)) == 100
    assert len(sample("case", "list", "--limit", "5", "-f", "json").json()) == 5
    full = sample("case", "list", "--all", env=NARROW).stdout
    assert "more" not in full.splitlines()[-1]
    assert len(re.findall(r"乌人调字第\d+号", full)) == total
    bad = sample("case", "list", "--limit", "0")
    assert bad.exit_code == 1 and "--limit" in bad.stderr


def test_narrow_table_names_the_columns_it_left_out(sample):
    r = sample("--lang", "zh", "case", "list", "--all", env=NARROW)
    assert "未显示" in r.stdout and "来源" in r.stdout.split("未显示")[1]
    wide = sample("--lang", "zh", "case", "list", "--all", env={"COLUMNS": "220"})
    assert "未显示" not in wide.stdout


def test_very_narrow_terminal_prints_a_block_per_case(sample):
    cases = sample("case", "list", "-f", "json", "--limit", "5").json()
    r = sample("--lang", "zh", "case", "list", "--limit", "5", env={"COLUMNS": "36"})
    assert r.exit_code == 0, r
    assert "受理日期" in r.stdout
    assert_whole(r.stdout, [c["case_no"] for c in cases] + [c["received_on"] for c in cases])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_mediator_list_at_80_columns(sample, lang):
    people = sample("mediator", "list", "-f", "json", env=NARROW).json()[:SCREEN_LIMIT]
    r = sample("--lang", lang, "mediator", "list", env=NARROW)
    assert r.exit_code == 0
    assert all(_cells(line) <= 80 for line in r.stdout.splitlines())
    assert_whole(r.stdout, [p["staff_no"] for p in people])
    assert_whole(r.stdout, [p["id_number"] for p in people])
    assert_whole(r.stdout, [p["phone"] for p in people])
    assert_whole(r.stdout, [p["joined_on"] for p in people])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_remind_and_screen_due_at_80_columns(sample, lang):
    rows = sample("--lang", lang, "remind", "-f", "json", env=NARROW).json()[:SCREEN_LIMIT]
    r = sample("--lang", lang, "remind", env=NARROW)
    assert all(_cells(line) <= 80 for line in r.stdout.splitlines())
    assert_whole(r.stdout, [x["ref"] for x in rows])
    assert_whole(r.stdout, [x["due_on"] for x in rows])
    assert_whole(r.stdout, [w for x in rows for w in WEEK.findall(x["what"])])
    due = sample("screen", "due", "-f", "json", env=NARROW).json()[:SCREEN_LIMIT]
    assert due
    r = sample("--lang", lang, "screen", "due", env=NARROW)
    assert all(_cells(line) <= 80 for line in r.stdout.splitlines())
    assert_whole(r.stdout, [d["code"] for d in due])
    assert_whole(r.stdout, [d["period"] for d in due])
    assert_whole(r.stdout, [d["last_screened_on"] for d in due])


def test_wrapping_breaks_between_words_never_inside_a_value():
    text = "额尔和图嘎查人民调解委员会：2024-W47 未排查，2024-W48 也尚未排查（应于 2024-09-29）(2024)乌人调字第33号"
    for width in range(12, 60):
        lines = wrap(text, width)
        joined = "\n".join(lines)
        for value in ("2024-W47", "2024-W48", "2024-09-29", "(2024)乌人调字第33号"):
            assert value in joined, (width, lines)
        assert not any(line.startswith(("，", "）", "：")) for line in lines)
    assert "2024-W47" in tokens("会：2024-W47 未")
    assert clip("邻里因排水沟堵塞发生争执", 10) == "邻里因排…"
    assert clip("short", 10) == "short"


def test_marked_up_cells_show_their_text_at_any_width(sample):
    # the compliance matrix colours ✓/✗ with rich markup: measured and printed as the mark, never as "[green]✓[/]"
    for width in ("80", "200"):
        r = sample("--lang", "zh", "screen", "compliance", "--from", "2024-09-01", "--to", "2024-10-31",
                   env={"COLUMNS": width})  # fmt: skip
        assert r.exit_code == 0
        assert "✓" in r.stdout and "[green]" not in r.stdout and "[/]" not in r.stdout
