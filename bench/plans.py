"""EXPLAIN QUERY PLAN of every query the report, list and daily commands run, and which dispute indexes they use.

Each command runs in-process on a small region ledger with SQLite's trace on (every statement it runs, with its
values); each distinct SELECT is then explained on the big ledger, whose ANALYZE statistics make the plans the ones
a region-scale ledger gets. Prints Markdown (bench/PLANS.md holds the output before and after migration 003).

Run: .venv/bin/python bench/plans.py SMALL.db BIG.db > plans.md
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SCRATCH  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from mediation_cli.app import app  # noqa: E402
from mediation_cli.ledger import db as dbmod  # noqa: E402

Q = ["--from", "2024-04-01", "--to", "2024-06-30"]
COMMANDS: list[list[str]] = [
    ["remind", "--as-of", "2024-06-12"],
    ["screen", "due", "--as-of", "2024-06-12"],
    ["screen", "compliance", "--from", "2024-01-01", "--to", "2024-12-31"],
    ["report", "staffing", "--as-of", "2024-12-31"],
    ["report", "statistics", "--year", "2024"],
    ["report", "timeliness", "--year", "2024"],
    *(
        ["report", "cases", *Q, "--by", by]
        for by in ("category", "org", "source", "status", "key_group", "month")
    ),
    ["report", "cases", *Q, "--by", "risk_level", "--prevented"],
    ["report", "cases", *Q, "--by", "category", "--org", "T00001", "--include-children"],
    ["report", "quarterly", "--org", "T00001", "--quarter", "2024Q2"],
    ["report", "submissions", "--quarter", "2024Q2", "--as-of", "2024-07-10"],
    ["report", "campaign", "--year", "2024", "--as-of", "2024-11-28"],
    ["report", "unexported", "--profile", "moj"],
    ["case", "list", "--org", "V01500", *Q],
    ["case", "list", "--org", "T00001", "--include-children", *Q],
    ["case", "list", "--org", "V01500"],
    ["case", "list", *Q],
    ["case", "list", "--status", "pending", *Q],
    ["case", "list", "--status", "pending"],
    ["case", "list", "--category", "neighbour", *Q],
    ["case", "list", "--source", "court", *Q],
    ["case", "list", "--key-group", "elderly", *Q],
    ["case", "list", "--risk", "major"],
    ["case", "list", "--major"],
    ["case", "list", "--stalled", "--as-of", "2024-06-30"],
    ["case", "list", "--unreported"],
    ["case", "list", "--key-period", "spring_festival"],
    ["case", "list", "--search", "草场边界", "--limit", "50"],
    ["case", "export", "--profile", "moj", "--only-new", "-o", SCRATCH, "--force"],
]
SKIP = re.compile(r"^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|INSERT|UPDATE|DELETE|CREATE)", re.I)


def shape(sql: str) -> str:
    """The statement with its values taken out: one entry per query, however many times a command runs it."""
    s = re.sub(r"'(?:[^']|'')*'", "?", sql)
    s = re.sub(r"\b\d+(\.\d+)?\b", "?", s)
    return re.sub(r"\s+", " ", s).strip()


def trace(small: Path, commands: list[list[str]] = COMMANDS, distinct: bool = True) -> dict[str, list[str]]:
    """command → the SELECTs it ran (with their values), one per shape when ``distinct``, else all of them."""
    seen: dict[str, list[str]] = {}
    current: list[str] = []
    orig = dbmod.open_ledger

    def traced(*a, **k):
        led = orig(*a, **k)
        led.conn.set_trace_callback(current.append)
        return led

    dbmod.open_ledger = traced
    runner = CliRunner()
    try:
        for cmd in commands:
            current.clear()
            # JSON to the runner's captured stdout: `-o /dev/null` is refused without --force
            args = ["--db", str(small), *cmd] + (
                ["-f", "json"] if "-o" not in cmd and "-f" not in cmd else []
            )
            r = runner.invoke(app, args, catch_exceptions=False, env={"MEDIATION_LANG": "en"})
            if r.exit_code not in (0, 3):
                raise SystemExit(f"{' '.join(cmd)}: exit {r.exit_code}\n{r.stdout}{r.stderr}")
            shapes: dict[str, str] = {}
            kept = []
            for sql in current:
                if (
                    SKIP.match(sql)
                    or sql.startswith("--")
                    or "sqlite_master" in sql
                    or "pragma_table" in sql
                    or "temp._"
                    in sql  # the seals' per-connection bookkeeping (ledger/seal.py), not the command's
                ):
                    continue
                kept.append(sql)
                shapes.setdefault(shape(sql), sql)
            seen[" ".join(cmd)] = list(shapes.values()) if distinct else kept
    finally:
        dbmod.open_ledger = orig
    return seen


def explain(conn: sqlite3.Connection, sql: str) -> list[str]:
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    depth = {0: 0}
    out = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, 0) + 1
        out.append("  " * (depth[node] - 1) + detail)
    return out


def main(small: Path, big: Path) -> int:
    traced = trace(small)
    conn = sqlite3.connect(f"{big.resolve().as_uri()}?mode=ro", uri=True)
    indexes = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dispute' AND sql IS NOT NULL "
            "ORDER BY name"
        )
    ]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    used: dict[str, set[str]] = {i: set() for i in indexes}
    print(f"Schema {version}: dispute indexes {', '.join(indexes)}\n")
    for cmd, statements in traced.items():
        print(f"### `mediation {cmd}`\n")
        for sql in statements:
            try:
                plan = explain(conn, sql)
            except sqlite3.OperationalError as e:
                print(f"(not explained: {e}: {shape(sql)[:200]})\n", file=sys.stderr)
                continue
            if (
                not any("dispute" in line or " d " in line or "USING" in line for line in plan)
                and "dispute" not in sql
            ):
                continue
            for i in indexes:
                if any(re.search(rf"\b{i}\b", line) for line in plan):
                    used[i].add(cmd)
            short = shape(sql)
            print("```sql\n" + (short if len(short) < 400 else short[:400] + " …") + "\n```")
            print("```\n" + "\n".join(plan) + "\n```\n")
    print("### Which dispute index serves which command\n")
    print("| index | used by |\n|---|---|")
    for i in indexes:
        print(f"| {i} | {', '.join(sorted(used[i])) or '**none**'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
