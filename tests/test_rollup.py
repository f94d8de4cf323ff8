"""`mediation rollup`: the city's figures over banners' ledgers — each banner's row is the sum of its own reports,
the source ledgers are never written (not a byte, no -wal/-shm), and a bad or newer ledger is refused with one line."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from mediation_cli.ledger.schema import SCHEMA_VERSION

# The second banner: hand-made, with org codes that clash with the sample banner's (T01, V01).
ORGS = [
    ["--code", "HJQ", "--name", "杭锦旗司法局", "--kind", "administrative"],
    ["--code", "T01", "--name", "锡尼镇人民调解委员会", "--kind", "township", "--parent", "HJQ"],
    ["--code", "V01", "--name", "阿色朗嘎查人民调解委员会", "--kind", "village", "--parent", "T01"],
    ["--code", "I01", "--name", "交通事故人民调解委员会", "--kind", "industry", "--parent", "HJQ"],
]
MEDIATORS = [
    ("T01", "full_time", 2),
    ("T01", "part_time", 1),
    ("V01", "part_time", 3),
    ("I01", "full_time", 1),
]
CASES = """case_no,org_code,received_on,source,category,status,agreement,amount,outcome_on,closed_on,entered_at
H1,V01,2024-02-01,application,neighbour,succeeded,written,1000.50,2024-02-03,,2024-02-01T10:00:00
H2,V01,2024-04-10,screening,marriage_family,succeeded,oral,,2024-04-10,2024-04-20,2024-04-22T09:00:00
H3,T01,2024-05-01,application,neighbour,failed,,200,2024-05-05,,2024-05-11T16:00:00
H4,T01,2024-06-05,proactive,neighbour,succeeded,oral,300,2024-06-05,,2024-06-14T08:00:00
H5,I01,2024-06-10,court,road_traffic,succeeded,written,20000,2024-06-20,,2024-06-10T08:00:00
H6,I01,2024-09-15,application,road_traffic,received,,,,,2024-11-20T08:00:00
H7,V01,2023-12-30,application,neighbour,received,,,,,2024-01-02T08:00:00
"""
SCREENINGS = [("V01", "2024-01-03"), ("V01", "2024-01-10"), ("V01", "2024-03-06"), ("T01", "2024-02-01")]
YEAR = ["--year", "2024", "--as-of", "2024-12-31"]


def _ok(r):
    assert r.exit_code == 0, r
    return r


@pytest.fixture
def pair(run, tmp_path) -> list[Path]:
    wushen, hangjin = tmp_path / "wushen.db", tmp_path / "hangjin.db"
    _ok(run("--db", wushen, "init", "--sample"))
    for args in ORGS:
        _ok(run("--db", hangjin, "org", "add", *args))
    n = 0
    for org, employment, k in MEDIATORS:
        for _ in range(k):
            n += 1
            _ok(
                run(
                    "--db",
                    hangjin,
                    "mediator",
                    "add",
                    "--staff-no",
                    f"H{n:03d}",
                    "--name",
                    f"调解员{n}",
                    "--org",
                    org,
                    "--employment",
                    employment,
                    "--joined-on",
                    "2020-01-01",
                    "--gender",
                    "female" if n % 2 else "male",
                )
            )
    f = tmp_path / "hangjin_cases.csv"
    f.write_text(CASES, encoding="utf-8")
    _ok(run("--db", hangjin, "case", "import", f))
    for org, on in SCREENINGS:
        _ok(run("--db", hangjin, "screen", "record", "--org", org, "--on", on, "--found", "0"))
    for p in (wushen, hangjin):
        assert not Path(f"{p}-wal").exists() and not Path(f"{p}-shm").exists()
    return [wushen, hangjin]


def _own(run, db: Path) -> dict:
    """A banner's own reports, as its clerk would run them."""
    stats = _ok(run("--db", db, "report", "statistics", "--year", "2024", "-f", "json")).json()
    staffing = _ok(run("--db", db, "report", "staffing", "--as-of", "2024-12-31", "-f", "json")).json()
    compliance = _ok(
        run("--db", db, "screen", "compliance", "--from", "2024-01-01", "--to", "2024-12-31", "-f", "json")
    ).json()
    timeliness = _ok(run("--db", db, "report", "timeliness", "--year", "2024", "-f", "json")).json()
    return {"stats": stats, "staffing": staffing, "compliance": compliance, "timeliness": timeliness}


def test_rollup_is_the_sum_of_each_banners_own_reports(run, pair):
    report = _ok(run("rollup", *pair, *YEAR, "-f", "json")).json()
    own = {p.stem: _own(run, p) for p in pair}
    assert [b["banner"] for b in report["banners"]] == ["wushen", "hangjin"]
    assert [b["name"] for b in report["banners"]] == ["乌审旗司法局", "杭锦旗司法局"]
    city = {k: report[k][-1] for k in ("statistics", "staffing", "compliance", "timeliness")}
    assert {r["banner"] if "banner" in r else r["unit"] for r in city.values()} == {"city"}

    numeric = [k for k in own["wushen"]["stats"][-1] if k not in ("unit", "name")]
    for i, key in enumerate(("wushen", "hangjin")):
        mine = own[key]
        total = mine["stats"][-1]
        row = report["statistics"][i]
        assert row["unit"] == key
        assert {k: row[k] for k in numeric} == {k: total[k] for k in numeric}
        staffing = report["staffing"][i]
        assert staffing["total_mediators"] == mine["staffing"]["total_mediators"]
        assert staffing["full_time"] == mine["staffing"]["full_time"]
        assert staffing["full_time_share"] == mine["staffing"]["full_time_share"]
        assert staffing["meets_target"] == mine["staffing"]["meets_target"]
        compliance = report["compliance"][i]
        for k in ("required", "done", "missed"):
            assert compliance[k] == sum(r[k] for r in mine["compliance"])
        assert compliance["orgs"] == len(mine["compliance"])
        timeliness = report["timeliness"][i]
        for k in ("cases", "late", "year_end_rush"):
            assert timeliness[k] == sum(r[k] for r in mine["timeliness"])

    for k in numeric:
        want = sum(own[b]["stats"][-1][k] for b in own)
        assert city["statistics"][k] == pytest.approx(want, abs=1e-9), k
    assert city["staffing"]["total_mediators"] == sum(own[b]["staffing"]["total_mediators"] for b in own)
    assert city["staffing"]["full_time"] == sum(own[b]["staffing"]["full_time"] for b in own)
    ft, total = city["staffing"]["full_time"], city["staffing"]["total_mediators"]
    assert city["staffing"]["full_time_share"] == ft / total
    assert city["staffing"]["meets_target"] == (ft * 10 >= total)
    for k in ("required", "done", "missed"):
        assert city["compliance"][k] == sum(r[k] for b in own for r in own[b]["compliance"])
    assert city["compliance"]["rate"] == city["compliance"]["done"] / city["compliance"]["required"]
    for k in ("cases", "late", "year_end_rush"):
        assert city["timeliness"][k] == sum(r[k] for b in own for r in own[b]["timeliness"])
    # H7 was received in 2023: not in the year's figures.
    assert report["statistics"][1]["received"] == 6


def test_clashing_org_codes_are_told_apart_by_banner(run, pair):
    report = _ok(run("rollup", *pair, *YEAR, "-f", "json")).json()
    units = {u["unit"]: u for u in report["statistics_units"]}
    assert "wushen/T01" in units and "hangjin/T01" in units
    for db in pair:
        own = {r["unit"]: r for r in _own(run, db)["stats"][:-1]}
        for code, row in own.items():
            mine = units[f"{db.stem}/{code}"]
            assert mine["banner"] == db.stem
            assert (mine["name"], mine["received"], mine["succeeded"]) == (
                row["name"],
                row["received"],
                row["succeeded"],
            )
    assert units["hangjin/T01"]["received"] == 4  # H1, H2 of its village rolled in, H3, H4 (H7 is of 2023)
    assert units["hangjin/T01"]["received"] != units["wushen/T01"]["received"]


def test_every_format_and_a_folder(run, pair, tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "city"
    folder.mkdir()
    for p in pair:
        shutil.copyfile(p, folder / p.name)
    by_files = _ok(run("rollup", *pair, *YEAR, "-f", "json")).json()
    by_folder = _ok(run("rollup", folder, *YEAR, "-f", "json", "--jobs", "2")).json()
    assert by_folder["statistics"] == sorted(by_files["statistics"][:-1], key=lambda r: r["unit"]) + [
        by_files["statistics"][-1]
    ]
    csv = _ok(run("rollup", *pair, *YEAR, "-f", "csv")).stdout.splitlines()
    assert csv[0].startswith("banner,name,received,succeeded")
    assert [line.split(",")[0] for line in csv[1:]] == ["wushen", "hangjin", "city"]
    staffing_csv = _ok(run("rollup", *pair, *YEAR, "-f", "csv", "--section", "staffing")).stdout.splitlines()
    assert staffing_csv[0].split(",")[:4] == ["banner", "name", "total_mediators", "full_time"]
    table = _ok(run("rollup", *pair, *YEAR)).stdout
    assert "乌审旗司法局" in table and "杭锦旗司法局" in table and "city" in table
    out = tmp_path / "city.xlsx"
    _ok(run("rollup", *pair, *YEAR, "-f", "xlsx", "-o", out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "统计表", "统计表（分单位）", "调解员配备", "普遍排查", "录入及时"]
    sheet = wb["统计表"]
    assert [sheet.cell(r, 3).value for r in (3, 4, 5)] == [row["received"] for row in by_files["statistics"]]


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _beside(p: Path) -> set[str]:
    return {q.name for q in p.parent.iterdir() if q.name.startswith(p.name)}


def test_rollup_never_writes_a_source_ledger(run, pair, tmp_path):
    older = tmp_path / "older.db"
    shutil.copyfile(pair[1], older)
    conn = sqlite3.connect(older)
    conn.execute("PRAGMA user_version = 1")  # an older schema: read after the check, never migrated
    conn.close()
    ledgers = [*pair, older]
    before = {p: (_digest(p), _beside(p)) for p in ledgers}
    for fmt in ("json", "csv", "table", "markdown"):
        _ok(run("rollup", *ledgers, *YEAR, "-f", fmt))
    _ok(run("rollup", *ledgers, *YEAR, "-f", "xlsx", "-o", tmp_path / "out.xlsx"))
    _ok(run("rollup", *ledgers, *YEAR, "-f", "json", "--jobs", "2"))
    assert {p: (_digest(p), _beside(p)) for p in ledgers} == before
    conn = sqlite3.connect(f"{older.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_ledger_with_a_wal_beside_it_is_read_with_its_writes_and_not_written(run, pair):
    hangjin = pair[1]
    writer = sqlite3.connect(hangjin)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    main_before = _digest(hangjin)
    writer.execute("UPDATE dispute SET agreement = 'written' WHERE case_no = 'H4'")
    writer.commit()
    try:
        assert Path(f"{hangjin}-wal").stat().st_size > 0
        report = _ok(run("rollup", *pair, *YEAR, "-f", "json")).json()
        assert report["statistics"][1]["agreements_written"] == 3  # H1, H5 and now H4
        assert _digest(hangjin) == main_before
    finally:
        writer.close()


def _refused(r, *words):
    assert r.exit_code == 1, r
    assert r.stdout == ""
    line = r.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    for w in words:
        assert w in line, line


def test_bad_newer_or_incomplete_ledgers_are_refused(run, pair, tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a ledger", encoding="utf-8")
    _refused(run("rollup", pair[0], text, *YEAR), "notes.db", "not a mediation ledger")

    newer = tmp_path / "newer.db"
    shutil.copyfile(pair[1], newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    digest = _digest(newer)
    _refused(run("rollup", pair[0], newer, *YEAR), "newer.db", "newer")
    assert _digest(newer) == digest

    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    _refused(run("rollup", foreign, *YEAR), "foreign.db", "not a mediation ledger")

    incomplete = tmp_path / "incomplete.db"
    conn = sqlite3.connect(incomplete)
    conn.execute("CREATE TABLE org(id INTEGER PRIMARY KEY, code TEXT)")
    conn.execute("PRAGMA application_id = 1296385097")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    _refused(run("rollup", incomplete, *YEAR), "incomplete.db", "lacks org.name")

    _refused(run("rollup", tmp_path / "missing.db", *YEAR), "missing.db")
    empty = tmp_path / "empty"
    empty.mkdir()
    _refused(run("rollup", empty, *YEAR), "no ledger")
    twin = tmp_path / "other"
    twin.mkdir()
    shutil.copyfile(pair[0], twin / "wushen.db")
    _refused(run("rollup", pair[0], twin / "wushen.db", *YEAR), "same name")
