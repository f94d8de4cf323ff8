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
            rows = list(list_rows(ledger, f, as_of=as_of))
            assert rows == full and all(list(r) == LIST_KEYS for r in rows)
        everything = list(list_rows(ledger, CaseFilter(), as_of=as_of))
        assert len(everything) > 50
        for key in ("key_groups", "risk_types", "mediators", "amount", "extended_until", "stalled"):
            assert any(r[key] for r in everything), key
    finally:
        ledger.close()
