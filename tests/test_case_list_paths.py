"""`case list` reads the table three ways — a range of dispute_received, a scan (a wide range with a filter the index
does not hold), a partial index (pending, major, at risk) — and every way lists the same cases in the same order."""

from __future__ import annotations

import pytest

FILTERS = [
    ["--source", "application"],
    ["--source", "court", "--category", "neighbour"],
    ["--key-group", "elderly"],
    ["--key-period", "any"],
    ["--risk", "normal"],
    ["--not-major"],
    ["--category", "neighbour"],
    ["--status", "pending"],
    ["--major"],
    ["--risk", "major"],
    ["--unreported"],
]
RANGES = [[], ["--from", "2024-01-01", "--to", "2024-12-31"], ["--from", "2024-03-01", "--to", "2024-03-20"]]


@pytest.fixture
def sample(run):
    assert run("init", "--sample").exit_code == 0
    return run


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: " ".join(f))
def test_every_way_lists_the_same_cases(sample, flt):
    everything = sample("case", "list", "-f", "json", "--limit", "1000000").json()
    for rng in RANGES:
        plain = sample("case", "list", *flt, *rng, "-f", "json")
        assert plain.exit_code == 0, plain
        # a limit keeps the index order path: same cases, same order
        limited = sample("case", "list", *flt, *rng, "--limit", "1000000", "-f", "json").json()
        assert plain.json() == limited
        lo, hi = (rng[1], rng[3]) if rng else ("0000", "9999")
        keys = [c["case_no"] for c in plain.json()]
        assert all(lo <= c["received_on"] <= hi for c in plain.json())
        order = [c["case_no"] for c in everything if c["case_no"] in set(keys)]
        assert keys == order
