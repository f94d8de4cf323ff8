"""Key periods as stability windows (issue 15 item 8): 春节 from 除夕 by default (the statutory holiday of 2024 began on
初一, 02-10), configurable (元旦..元宵); 两会 national and local as settings; `report key-periods` counts the cases of each
window and outside them by category group (重点领域, 新业态, 基层常见多发, 其他)."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.keyperiods import key_periods, spring_stability_window

CASES = """case_no,org_code,received_on,source,category
E1,V1,2024-02-09,application,neighbour
E2,V1,2024-02-08,application,medical
E3,V1,2024-02-24,application,ecommerce
E4,V1,2024-01-22,application,labour
E5,V1,2024-03-05,application,live_streaming
"""


def test_spring_windows_by_hand():
    # 2024: 初一 02-10, 除夕 02-09 (not in the statutory holiday 02-10..02-17), 元宵 02-24
    assert (w := spring_stability_window(2024, "eve..holiday_end")) and (w.start, w.end) == (
        date(2024, 2, 9),
        date(2024, 2, 17),
    )
    w = spring_stability_window(2024, "new_year..lantern")
    assert (w.start, w.end) == (date(2024, 1, 1), date(2024, 2, 24))
    # 2027, which chinese-calendar 1.11 does not know: 初一 02-06, 除夕 02-05, the holiday's end taken as 初七
    w = spring_stability_window(2027, "eve..holiday_end")
    assert (w.start, w.end) == (date(2027, 2, 5), date(2027, 2, 12))
    assert spring_stability_window(2050, "eve..holiday_end") is None  # no lunar date known
    local = {k.code: k for k in key_periods(2024, windows={"two_sessions_local": ("01-20", "01-27")})}
    assert (local["two_sessions_local"].start, local["two_sessions"].start) == (
        date(2024, 1, 20),
        date(2024, 3, 3),
    )


def _report(run, *args):
    r = run("report", "key-periods", "--from", "2024-01-01", "--to", "2024-03-31", "-f", "json", *args)
    assert r.exit_code == 0, r
    return {x["code"]: x for x in r.json()}


def test_cases_by_key_period_and_category_group(banner, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(CASES, encoding="utf-8")
    assert banner("case", "import", f).exit_code == 0
    shown = {n: banner("case", "show", n, "-f", "json").json()["key_period"] for n in ("E1", "E2")}
    assert shown == {"E1": "spring_festival", "E2": None}  # 除夕 is in 春节, 腊月廿九 is not
    rows = _report(banner)
    assert list(rows) == ["spring_festival", "two_sessions", "none"]
    sf = rows["spring_festival"]
    assert (sf["start"], sf["end"], sf["received"], sf["grassroots"]) == ("2024-02-09", "2024-02-17", 1, 1)
    assert (rows["two_sessions"]["received"], rows["two_sessions"]["new_business"]) == (1, 1)
    none = rows["none"]
    assert (none["received"], none["key_field"], none["new_business"]) == (3, 2, 1)

    assert banner("config", "set", "spring_festival_window", "元旦..元宵").exit_code == 0
    r = banner("config", "set", "key_period_windows", '{"two_sessions_local": ["01-20", "01-27"]}')
    assert r.exit_code == 0, r
    rows = _report(banner)
    assert list(rows) == ["spring_festival", "two_sessions_local", "two_sessions", "none"]
    sf = rows["spring_festival"]
    assert (sf["start"], sf["end"], sf["received"]) == ("2024-01-01", "2024-02-24", 4)
    assert (sf["key_field"], sf["new_business"], sf["grassroots"]) == (2, 1, 1)
    assert (
        rows["two_sessions_local"]["received"] == 1
    )  # E4, in 春节 too: a case in two windows counts in both
    assert rows["none"]["received"] == 0
    zh = banner("--lang", "zh", "report", "key-periods", "--year", "2024").stdout
    assert "地方两会" in zh and "重点领域" in zh and "新业态" in zh


def test_bad_windows_are_refused(banner):
    bad = banner("config", "set", "spring_festival_window", "除夕")
    assert bad.exit_code == 1 and "spring_festival_window" in bad.stderr and "eve..holiday_end" in bad.stderr
    zh = banner("--lang", "zh", "config", "set", "spring_festival_window", "元宵..元旦")
    assert zh.exit_code == 1 and "开始早于结束" in zh.stderr and "元宵..元旦" in zh.stderr
    assert banner("config", "get", "spring_festival_window").stdout.strip().endswith("eve..holiday_end")
    assert banner("report", "key-periods", "--from", "2024-03-01").exit_code == 1


def test_each_window_counts_the_cases_case_list_gives_for_it(run):
    """The report reads the range once and adds each window up from the groups of windows a case falls in: each
    window's count is the list's for its dates (clipped to the range), and the rest is what no window holds."""
    assert run("init", "--sample").exit_code == 0
    r = run("report", "key-periods", "--from", "2023-06-01", "--to", "2025-03-31", "-f", "json")
    assert r.exit_code == 0, r
    rows = r.json()
    every = run("case", "list", "--all", "--from", "2023-06-01", "--to", "2025-03-31", "-f", "json").json()
    inside = set()
    for w in rows[:-1]:
        lo, hi = max(w["start"], "2023-06-01"), min(w["end"], "2025-03-31")
        listed = [c for c in every if lo <= c["received_on"] <= hi]
        assert w["received"] == len(listed), w["key"]
        assert w["succeeded"] == sum(c["outcome"] == "succeeded" for c in listed), w["key"]
        inside |= {c["case_no"] for c in listed}
    assert sum(w["received"] > 0 for w in rows[:-1]) >= 2  # the sample has cases in several windows
    assert rows[-1]["key"] == "none" and rows[-1]["received"] == len(every) - len(inside)
