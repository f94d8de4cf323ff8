"""A table printed on the screen stops at SCREEN_LIMIT rows and says how many more there are and how to have them all;
a file (-o), CSV, JSON, Markdown and remind's -f text carry every row. (At region scale laying out 30,000 reminders as
a table took 11 s; nobody reads that screen to the end.)"""

from __future__ import annotations

import csv
import io

import pytest

from mediation_cli.render.output import SCREEN_LIMIT

ON = {"MEDIATION_TODAY": "2024-11-25"}


@pytest.fixture
def sample(run):
    r = run("init", "--sample")
    assert r.exit_code == 0, r
    return run


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["remind"], "ref"),
        (["mediator", "list"], "staff_no"),
    ],
)
def test_a_long_table_on_the_screen_stops_at_the_limit_and_names_the_rest(sample, args, key):
    every = sample(*args, "-f", "json", env=ON).json()
    assert len(every) > SCREEN_LIMIT  # the sample is long enough to be cut
    more = len(every) - SCREEN_LIMIT
    r = sample("--lang", "en", *args, env=ON)
    assert r.exit_code == 0, r
    last = r.stdout.rstrip().splitlines()[-1]
    assert last.startswith(f"… {more} more of {len(every)} not shown")
    assert "-f csv -o FILE" in last
    zh = sample("--lang", "zh", *args, env=ON)
    assert f"……另有 {more} 条未列出（共 {len(every)} 条）：可用 " in zh.stdout
    assert "-f csv -o 文件" in zh.stdout
    # the rows shown are the first ones, in the order of the full list; the one after the limit is not printed
    first, after = every[SCREEN_LIMIT - 1], every[SCREEN_LIMIT]
    if key == "staff_no":
        assert first[key] in r.stdout and after[key] not in r.stdout


def test_remind_table_points_to_text_and_the_text_has_every_reminder(sample):
    every = sample("remind", "-f", "json", env=ON).json()
    r = sample("remind", env=ON)
    assert "-f text" in r.stdout.splitlines()[-1]
    text = sample("remind", "-f", "text", env=ON)
    assert len(text.stdout.splitlines()) == len(every) + 1  # one line a reminder and the count


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_csv_and_markdown_carry_every_row(sample, fmt):
    every = sample("mediator", "list", "-f", "json", env=ON).json()
    r = sample("mediator", "list", "-f", fmt, env=ON)
    assert "not shown" not in r.stdout
    for p in every:
        assert p["staff_no"] in r.stdout
    if fmt == "csv":
        assert len(_csv_rows(r.stdout)) == len(every)


def test_a_table_written_to_a_file_has_every_row(sample, tmp_path):
    every = sample("mediator", "list", "-f", "json", env=ON).json()
    out = tmp_path / "mediators.txt"
    r = sample("mediator", "list", "-o", out, env=ON)
    assert r.exit_code == 0, r
    text = out.read_text(encoding="utf-8")
    assert "not shown" not in text
    assert all(p["staff_no"] in text for p in every)


def test_a_short_table_has_no_closing_note(sample):
    r = sample("screen", "due", "--org", "T01", "--include-children", env=ON)
    assert r.exit_code == 0, r
    assert "not shown" not in r.stdout


def test_screen_list_reads_only_the_screen_from_the_ledger_and_counts_the_rest(sample):
    every = sample("screen", "list", "-f", "json", env=ON).json()
    assert len(every) > SCREEN_LIMIT
    r = sample("screen", "list", env=ON)
    assert r.exit_code == 0, r
    assert (
        r.stdout.rstrip()
        .splitlines()[-1]
        .startswith(f"… {len(every) - SCREEN_LIMIT} more of {len(every)} not shown")
    )
    narrow = sample("screen", "list", "--org", "T01", "--from", "2024-11-01", "-f", "json", env=ON).json()
    r = sample("screen", "list", "--org", "T01", "--from", "2024-11-01", env=ON)
    assert 0 < len(narrow) < SCREEN_LIMIT and "not shown" not in r.stdout


def test_case_list_names_its_own_ways_to_list_more(sample):
    every = sample("case", "list", "-f", "json", env=ON).json()
    r = sample("case", "list", env=ON)
    more = len(every) - SCREEN_LIMIT
    assert r.stdout.rstrip().splitlines()[-1] == (
        f"… {more} more of {len(every)} not shown: use --limit N, --all or -f csv -o FILE"
    )
    r = sample("case", "list", "--all", env=ON)
    assert "not shown" not in r.stdout and all(c["case_no"] in r.stdout for c in every)


@pytest.fixture
def many_villages(run, tmp_path):
    """A banner of 120 villages, none with a mediator or a screening: every one is short and behind."""
    assert run("org", "add", "--code", "B", "--name", "旗司法局", "--kind", "administrative").exit_code == 0
    lines = [
        "code,name,kind,parent_code,has_conditions,star_rating,rated_on,field,established_on,dissolved_on"
    ]
    lines += [f"V{n:03d},第{n}嘎查人民调解委员会,village,B,1,,,,2015-01-01," for n in range(1, 121)]
    src = tmp_path / "orgs.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("org", "import", src)
    assert r.exit_code == 0, r
    return run


def test_a_summary_section_on_the_screen_stops_at_the_limit(many_villages):
    run = many_villages
    report = run("report", "staffing", "-f", "json").json()
    short = [o for o in report["orgs"] if not o["meets"] or o["composition_problems"]]
    assert len(short) == 120
    r = run("report", "staffing")
    assert r.exit_code == 0, r
    assert f"… {120 - SCREEN_LIMIT} more of 120 not shown" in r.stdout
    assert "V100" in r.stdout and "V101" not in r.stdout
    md = run("report", "staffing", "-f", "markdown")
    assert "V120" in md.stdout and "not shown" not in md.stdout


def test_the_compliance_matrix_on_the_screen_stops_at_the_limit(many_villages):
    run = many_villages
    args = ("screen", "compliance", "--from", "2024-06-03", "--to", "2024-06-30")
    r = run(*args)
    assert r.exit_code == 0, r
    assert f"… {120 - SCREEN_LIMIT} more of 120 not shown" in r.stdout
    assert sum(line.lstrip("│ ").startswith("V") for line in r.stdout.splitlines()) == SCREEN_LIMIT
    md = run(*args, "-f", "markdown")
    assert "not shown" not in md.stdout
    assert sum(line.startswith("| V") for line in md.stdout.splitlines()) == 120
