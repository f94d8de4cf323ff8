"""`case list` builds its rows from the columns it shows (``list_rows``): each row must equal ``case_dict``'s on the
list's keys, in their order — for every case of the sample ledger, stalled or not, on two dates."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_cli.ledger.case_queries import LIST_KEYS, CaseFilter, list_cases, list_rows
from mediation_cli.ledger.db import open_ledger


@pytest.mark.parametrize("as_of", [date(2024, 3, 15), date(2024, 12, 31)])
def test_list_rows_are_case_dict_on_the_list_keys(run, db_path, as_of):
    assert run("init", "--sample").exit_code == 0
    pending = run("case", "list", "--status", "pending", "-f", "json").json()
    r = run("case", "extend", pending[0]["case_no"], "--until", "2024-12-31")
    assert r.exit_code == 0, r
    ledger = open_ledger(db_path, "test")
    try:
        for f in (CaseFilter(), CaseFilter(statuses=["received", "mediating"]), CaseFilter(major=True)):
            full = [{k: c[k] for k in LIST_KEYS} for c in list_cases(ledger, f, as_of=as_of)]
            rows = list(list_rows(ledger, f, as_of=as_of))  # and the org's name, for the table's org column
            assert [{k: r[k] for k in LIST_KEYS} for r in rows] == full
            assert all(list(r) == [*LIST_KEYS, "org_name"] for r in rows)
        everything = list(list_rows(ledger, CaseFilter(), as_of=as_of))
        assert len(everything) > 50
        for key in ("key_groups", "risk_types", "mediators", "amount", "extended_until", "stalled"):
            assert any(r[key] for r in everything), key
    finally:
        ledger.close()


@pytest.mark.parametrize(
    "word, limit, ahead",
    [
        ("发生纠纷", 5, 20),  # common: the 100 first cases in list order hold five of them
        ("发生纠纷", 60, 2),  # the 120 first do not hold 60: the search index answers
        ("因草原确权", 3, 20),  # rare: the index answers
        ("排水沟堵塞", 4, 1000),  # every case read ahead
    ],
)
def test_search_with_a_limit_lists_the_first_matches(run, monkeypatch, word, limit, ahead):
    """`--search W --limit N` reads the first cases in list order before asking the search index: either way the
    same first N cases as the whole search."""
    from mediation_cli.ledger import case_queries

    assert run("init", "--sample").exit_code == 0
    monkeypatch.setattr(case_queries, "SEARCH_AHEAD", ahead)
    monkeypatch.setattr(case_queries, "SEARCH_AHEAD_MIN", 1)
    everything = run("case", "list", "--search", word, "-f", "json").json()
    assert len(everything) >= limit
    for extra in ([], ["--status", "pending"], ["--from", "2024-03-01", "--to", "2024-12-31"]):
        whole = run("case", "list", "--search", word, *extra, "-f", "json").json()
        first = run("case", "list", "--search", word, *extra, "--limit", limit, "-f", "json").json()
        assert first == whole[:limit]


def test_a_cases_mediators_are_listed_in_staff_number_order(run):
    """The list reads case_mediator by its key (mediator id order) and sorts each case's staff numbers itself: a
    mediator entered later with a smaller staff number comes first, as `case show` (MEDIATORS_SQL) lists them."""
    assert (
        run(
            "org", "add", "--code", "V1", "--name", "巴音敖包嘎查人民调解委员会", "--kind", "village"
        ).exit_code
        == 0
    )
    for staff_no, name in (("M0200", "张三"), ("M0007", "李四"), ("M0100", "王五")):
        r = run(
            "mediator",
            "add",
            "--name",
            name,
            "--org",
            "V1",
            "--employment",
            "part_time",
            "--staff-no",
            staff_no,
            "--joined-on",
            "2020-01-01",
        )
        assert r.exit_code == 0, r
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2024-06-01", "--category", "neighbour",
        "--summary", "邻里纠纷", "--mediators", "M0200;M0007;M0100", "--source", "application",
    )  # fmt: skip
    assert r.exit_code == 0, r
    (listed,) = run("case", "list", "-f", "json").json()
    assert listed["mediators"] == ["M0007", "M0100", "M0200"]
    shown = run("case", "show", listed["case_no"], "-f", "json").json()
    assert [m["staff_no"] for m in shown["mediators"]] == listed["mediators"]
