"""`report cases`: the contract's JSON on a hand-made ledger, and `case list` filters."""

from __future__ import annotations

import pytest

FIELDS = [
    "key",
    "received",
    "succeeded",
    "failed",
    "withdrawn",
    "pending",
    "success_rate",
    "success_rate_of_received",
    "amount",
    "confirmation_applied",
    "confirmed",
]


def add(run, org, on, category, *extra, source="application"):
    r = run(
        "case", "add", "--org", org, "--received-on", on, "--category", category, "--source", source, *extra
    )
    assert r.exit_code == 0, r
    return r.stdout.strip()


def move(run, no, *steps):
    for status, on, *extra in steps:
        r = run("case", "transition", no, status, "--on", on, *extra)
        assert r.exit_code == 0, r


@pytest.fixture
def ledger(banner):
    run = banner
    # Range ends: 2024-04-01 and 2024-06-30 are inside; 2024-03-31 and 2024-07-01 outside.
    out = add(run, "V1", "2024-03-31", "neighbour", "--amount", "1000")  # outside
    a = add(run, "V1", "2024-04-01", "neighbour", "--amount", "0.10", "--key-groups", "elderly;disabled")
    b = add(run, "V1", "2024-04-15", "neighbour", "--amount", "0.20", "--key-groups", "elderly")
    c = add(run, "T1", "2024-05-02", "neighbour", "--risk-level", "major")
    d = add(run, "T1", "2024-05-20", "labour", "--amount", "12345.67", source="court")
    e = add(run, "I1", "2024-06-30", "medical")
    f = add(run, "I1", "2024-06-10", "labour", "--amount", "100")
    move(run, a, ("succeeded", "2024-04-02", "--agreement", "written"))
    move(run, a, ("closed", "2024-04-05", "--no-visit", "--reason", "当场履行"))
    move(run, b, ("mediating", "2024-04-16"), ("failed", "2024-04-20", "--guided-to", "litigation"))
    move(run, c, ("withdrawn", "2024-05-03"), ("closed", "2024-05-04"))
    move(run, d, ("mediating", "2024-05-21"))
    move(run, f, ("withdrawn", "2024-06-11"))
    return run, dict(out=out, a=a, b=b, c=c, d=d, e=e, f=f)


def report(run, by, frm="2024-04-01", to="2024-06-30"):
    r = run("report", "cases", "--from", frm, "--to", to, "--by", by, "-f", "json")
    assert r.exit_code == 0, r
    rows = r.json()
    for row in rows:
        assert list(row) == FIELDS
    return {row["key"]: row for row in rows}


def test_by_category(ledger):
    run, _ = ledger
    got = report(run, "category")
    assert list(got) == ["neighbour", "medical", "labour"]  # code-table order
    assert got["neighbour"] == {
        "key": "neighbour",
        "received": 3,
        "succeeded": 1,  # closed, kept its outcome
        "failed": 1,
        "withdrawn": 1,  # apart from failed
        "pending": 0,
        "success_rate": 0.5,  # 1 of the 2 settled (成功 ÷ 办结)
        "success_rate_of_received": 1 / 3,  # 1 of the 3 received (成功 ÷ 受理)
        "amount": 0.3,  # 0.10 + 0.20 exactly, summed in 分
        "confirmation_applied": 0,
        "confirmed": 0,
    }
    assert got["labour"] == {
        "key": "labour",
        "received": 2,
        "succeeded": 0,
        "failed": 0,
        "withdrawn": 1,
        "pending": 1,
        "success_rate": None,  # nothing settled
        "success_rate_of_received": 0.0,  # 0 of 2 received
        "amount": 12445.67,
        "confirmation_applied": 0,
        "confirmed": 0,
    }
    assert got["medical"]["pending"] == 1 and got["medical"]["amount"] == 0  # range end inclusive


def test_by_org_source_status_risk_month(ledger):
    run, _ = ledger
    assert {k: v["received"] for k, v in report(run, "org").items()} == {"I1": 2, "T1": 2, "V1": 2}
    assert {k: v["received"] for k, v in report(run, "source").items()} == {"application": 5, "court": 1}
    assert {k: v["received"] for k, v in report(run, "status").items()} == {
        "received": 1,
        "mediating": 1,
        "failed": 1,
        "withdrawn": 1,
        "closed": 2,
    }
    assert (
        report(run, "status")["closed"]["succeeded"] == 1
        and report(run, "status")["closed"]["withdrawn"] == 1
    )
    assert {k: v["received"] for k, v in report(run, "risk_level").items()} == {"normal": 5, "major": 1}
    months = report(run, "month")
    assert list(months) == ["2024-04", "2024-05", "2024-06"]
    assert months["2024-04"]["success_rate"] == 0.5


def test_by_key_group_counts_each_group_and_none(ledger):
    run, _ = ledger
    got = report(run, "key_group")
    assert list(got) == ["elderly", "disabled", "none"]
    assert (
        got["elderly"]["received"] == 2 and got["disabled"]["received"] == 1 and got["none"]["received"] == 4
    )
    assert got["elderly"]["amount"] == 0.3


def test_empty_range_and_bad_options(ledger):
    run, _ = ledger
    assert report(run, "category", "2023-01-01", "2023-12-31") == {}
    assert run("report", "cases", "--from", "2024-06-30", "--to", "2024-04-01").exit_code == 1
    r = run("report", "cases", "--from", "2024-04-01", "--to", "2024-06-30", "--by", "colour")
    assert r.exit_code == 1 and "colour" in r.stderr


def test_table_has_totals_and_chart(ledger):
    run, _ = ledger
    r = run("report", "cases", "--from", "2024-04-01", "--to", "2024-06-30", "--by", "key_group", "--chart")
    assert r.exit_code == 0, r
    total = [line for line in r.stdout.splitlines() if "total" in line]
    assert total and "6" in total[0]  # each case once in the totals, though groups overlap
    assert "█" in r.stdout
    r = run("--lang", "zh", "report", "cases", "--from", "2024-04-01", "--to", "2024-06-30")
    assert "合计" in r.stdout and "邻里关系" in r.stdout


def test_prevented_counts_are_summed(ledger):
    run, ids = ledger
    run("case", "edit", ids["a"], "--prevented-criminal-cases", "1", "--prevented-criminal-persons", "4")
    run("case", "edit", ids["b"], "--prevented-criminal-cases", "1", "--prevented-criminal-persons", "2")
    r = run("report", "cases", "--from", "2024-04-01", "--to", "2024-06-30", "--prevented", "-f", "json")
    row = {x["key"]: x for x in r.json()}["neighbour"]
    assert row["prevented_criminal_cases"] == 2 and row["prevented_criminal_persons"] == 6


def test_list_filters_combine(ledger):
    run, ids = ledger

    def nos(*args):
        r = run("case", "list", *args, "-f", "json")
        assert r.exit_code == 0, r
        return [c["case_no"] for c in r.json()]

    assert nos("--org", "T1") == [ids["c"], ids["d"]]
    assert len(nos("--org", "T1", "--include-children")) == 5  # T1 + V1 (with the one before the range)
    assert nos("--org", "T1", "--include-children", "--from", "2024-04-01", "--to", "2024-04-15") == [
        ids["a"],
        ids["b"],
    ]
    assert nos("--status", "pending") == [ids["out"], ids["d"], ids["e"]]
    assert nos("--status", "closed", "--status", "failed") == [ids["a"], ids["b"], ids["c"]]
    assert nos("--category", "劳动争议", "--source", "诉调对接") == [ids["d"]]
    assert nos("--key-group", "残疾人") == [ids["a"]]
    assert nos("--risk", "重大") == [ids["c"]]
    assert nos("--major") == []
    assert len(nos("--not-major")) == 7
    assert nos("--stalled", "--as-of", "2024-06-30") == [ids["out"], ids["d"]]
    assert nos("--stalled", "--as-of", "2024-06-30", "--org", "T1") == [ids["d"]]
    assert run("case", "list", "--status", "bogus").exit_code == 1
    assert run("case", "list", "--from", "2024-02-30").exit_code == 1


def test_search_chinese_short_and_long(banner):
    run = banner
    a = add(banner, "V1", "2024-04-01", "forest_land", "--summary", "两户因草场边界发生争执")
    b = add(banner, "V1", "2024-04-02", "neighbour", "--summary", "因排水沟堵塞引发邻里纠纷")
    add(banner, "V1", "2024-04-03", "neighbour", "--summary", "彩礼返还纠纷")

    def nos(q):
        return [c["case_no"] for c in run("case", "list", "--search", q, "-f", "json").json()]

    assert nos("草场") == [a]  # 2 characters: shorter than a trigram
    assert nos("排水沟堵塞") == [b]
    assert nos("纠纷") == [b, nos("彩礼")[0]]
    assert nos("草场边界") == [a]
    assert nos('"') == []
    # % and _ are text, not wildcards, whatever the length
    c = add(banner, "V1", "2024-04-04", "other", "--summary", "赔偿比例50%_以上的纠纷")
    assert nos("50%_") == [c] and nos("0%") == [c] and nos("边界%") == []
    # a summary changed by `case edit` is found by its new words only
    run("case", "edit", a, "--summary", "两户因林地边界发生争执")
    assert nos("草场边界") == [] and nos("林地边界") == [a]
