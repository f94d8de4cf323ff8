"""The campaign's targets say who set them (issue 15 item 6): the plan, or the bureau where the plan sets no figure
(the success rate); the bureau's target is a setting, and 0 leaves it out."""

from __future__ import annotations

import pytest


def _targets(run):
    r = run("report", "campaign", "--as-of", "2024-06-30", "-f", "json")
    assert r.exit_code == 0, r
    return {t["key"]: t for t in r.json()["targets"]}


def test_who_set_each_target_and_the_bureaus_own_setting(banner):
    t = _targets(banner)
    assert t["success_rate"]["set_by"] == "bureau" and t["success_rate"]["target"] == pytest.approx(0.9)
    assert {k for k, v in t.items() if v["set_by"] == "plan"} == {
        "full_time_share",
        "staffing_minimum",
        "screening_compliance",
        "major_with_plan",
        "risks_reported",
        "reports_submitted",
        "entries_on_time",
    }
    assert banner("config", "set", "success_rate_target", "85").exit_code == 0
    assert _targets(banner)["success_rate"]["target"] == pytest.approx(0.85)
    assert banner("config", "set", "success_rate_target", "0").exit_code == 0
    assert "success_rate" not in _targets(banner)
    bad = banner("config", "set", "success_rate_target", "101")
    assert bad.exit_code == 1 and "success_rate_target" in bad.stderr and "0 to 100" in bad.stderr
    zh = banner("--lang", "zh", "config", "set", "success_rate_target", "百")
    assert zh.exit_code == 1 and "整数" in zh.stderr


def test_the_table_names_both_rates_and_the_source_of_each_target(banner):
    out = banner("--lang", "zh", "report", "campaign", "--as-of", "2024-06-30").stdout
    assert "调解成功率（成功÷办结）" in out and "调解成功率（成功÷受理，统计口径）" in out
    assert "本局自定" in out and "实施方案" in out
    en = banner("report", "campaign", "--as-of", "2024-06-30").stdout
    assert "succeeded ÷ received" in en and "the bureau's own setting" in en
