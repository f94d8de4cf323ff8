"""The import pipeline shared by orgs, mediators, cases and screenings (beangulp style: columns are declared;
parsing/validation, de-duplication and writing are separate steps).

All-or-nothing by default: every row is validated first and one bad row refuses the file, naming every bad row.
``--skip-bad --rejects FILE`` writes the good rows and puts the bad ones, with a ``reason``, in FILE.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import ImportRefused, MediationError, message_of
from mediation_cli.i18n import tr
from mediation_cli.io.readers import read_table


@dataclass
class ImportSpec:
    """An entity's import columns and ``key``, its de-duplication key of a row as {column: text}."""

    entity: str
    columns: list[str]
    required: list[str]
    key: Callable[[dict[str, str]], Any]


@dataclass
class ImportResult:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            **self.extra,
        }


class BadRow(Exception):
    def __init__(self, column: str, value: str, why: str):
        super().__init__(why)
        self.column = column
        self.value = value
        self.why = why
        self.more: list[BadRow] = []  # the row's other refused cells (every_error)

    def each(self) -> list[BadRow]:
        return [self, *self.more]

    def reason(self) -> str:
        return "; ".join(f"{b.column}: {b.why}" if b.column else b.why for b in self.each())


def duplicate_key(key, first: int) -> BadRow:
    """The row repeats the key of line ``first`` of the same file."""
    shown = key if not isinstance(key, tuple) else ",".join(map(str, key))
    return BadRow("key", str(shown), tr(f"same key as line {first}", f"与第 {first} 行的键重复"))


def bad_from(exc: Exception, row: dict[str, str]) -> BadRow:
    if isinstance(exc, BadRow):
        return exc
    if isinstance(exc, Invalid):
        allowed = tr(exc.allowed, exc.allowed_zh or exc.allowed)
        return BadRow(exc.field, str(exc.value), tr(f"expected {allowed}", f"应为{allowed}"))
    return BadRow("", "", message_of(exc) or str(exc))


ROW_ERRORS = 10  # the most errors said of one row


def every_error(first: BadRow, retry: Callable[[set[str]], Any]) -> BadRow:
    """``first`` with, in ``first.more``, the other cells of the row that are refused: the row is checked again with
    each refused cell left empty (``retry(blanked columns)``) until it passes or says nothing new. The retries only
    look: what they return is dropped, and one that cannot run without the cell left empty (a rule that needs a
    required field) ends the search."""
    blanked: set[str] = set()
    last = first
    while len(first.more) + 1 < ROW_ERRORS and last.column and last.column not in blanked:
        blanked.add(last.column)
        try:
            retry(blanked)
        except (Invalid, BadRow, MediationError) as e:
            last = bad_from(e, {})
            if last.column in blanked or not last.column:
                break
            first.more.append(last)
        except Exception:  # noqa: BLE001 - a check that needs the blanked field: nothing more to learn
            break
        else:
            break
    return first


def _blanked(raw: dict[str, str], columns: set[str]) -> dict[str, str]:
    return {k: ("" if k in columns else v) for k, v in raw.items()}


def check_header(path: Path, header: list[str], spec: ImportSpec) -> None:
    """Refuse a header the entity cannot read. Chinese names (受理日期 …, io/headers.py) are replaced in place by the
    contract's names; a header that is not in row 1 is refused saying where it is."""
    from mediation_cli.io.headers import canonical, header_hint

    header[:] = canonical(spec.entity, header)
    unknown = [h for h in header if h not in spec.columns]
    if unknown:
        from mediation_cli.io.readers import first_rows

        hint = header_hint(path, spec.entity, spec.columns, header, first_rows(path)[1:])
        if hint is not None:
            raise MediationError(f"{path}: {hint[0]}", f"{path}：{hint[1]}")
        raise MediationError(
            f"{path}: unknown column(s) {', '.join(repr(u) for u in unknown)} — allowed: {', '.join(spec.columns)}",
            f"{path}：未知的列 {'、'.join(repr(u) for u in unknown)}——允许的列：{'、'.join(spec.columns)}",
        )
    missing = [c for c in spec.required if c not in header]
    if missing:
        raise MediationError(
            f"{path}: required column(s) missing: {', '.join(missing)}",
            f"{path}：缺少必填列：{'、'.join(missing)}",
        )
    dupes = {h for h in header if header.count(h) > 1}
    if dupes:
        raise MediationError(
            f"{path}: column(s) given twice: {', '.join(sorted(dupes))}",
            f"{path}：列重复：{'、'.join(sorted(dupes))}",
        )


def validate_file(
    path: Path, spec: ImportSpec, prepare: Callable[[dict[str, str]], Any]
) -> tuple[list[tuple[int, Any]], list[tuple[int, dict, BadRow]], int]:
    """Parse and validate every row, given to ``prepare`` as {column: text}: (good (line, record)), (bad (line, raw
    row, why)), row count. (The case import, at 100,000 rows, has a pipeline of its own: services/case_import.py.)"""
    header, rows = read_table(path)
    check_header(path, header, spec)
    good: list[tuple[int, Any]] = []
    bad: list[tuple[int, dict, BadRow]] = []
    seen: dict[Any, int] = {}
    n = 0
    for line, cells in rows:
        n += 1
        if isinstance(cells, str):
            bad.append((line, {}, BadRow("", "", cells)))
            continue
        raw = dict(zip(header, cells, strict=True))
        missing = next((c for c in spec.required if not raw[c]), None)
        if missing is not None:
            bad.append((line, raw, BadRow(missing, "", tr("required", "必填"))))
            continue
        key = spec.key(raw)
        if key is not None:
            first = seen.get(key)
            if first is not None:
                bad.append((line, raw, duplicate_key(key, first)))
                continue
        try:
            record = prepare(raw)
        except (Invalid, BadRow, MediationError) as e:
            retry = lambda blank, raw=raw: prepare(_blanked(raw, blank))  # noqa: E731
            bad.append((line, raw, every_error(bad_from(e, raw), retry)))
            continue
        if key is not None:
            seen[key] = line
        good.append((line, record))
    return good, bad, n


def refuse_or_reject(
    path: Path, spec: ImportSpec, bad: list[tuple[int, dict, BadRow]], skip_bad: bool, rejects: Path | None
) -> None:
    if not bad:
        return
    if not skip_bad:
        raise ImportRefused(
            [(line, e.column, e.value, e.why) for line, _, b in bad for e in b.each()], str(path)
        )
    if rejects is not None:
        from mediation_cli.files import atomic_open

        with atomic_open(rejects, "w", encoding="utf-8-sig", newline="", opt="--rejects") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            cols = [c for c in spec.columns]
            writer.writerow(["line", *cols, "reason"])
            for line, raw, b in bad:
                writer.writerow([line, *[raw.get(c, "") for c in cols], b.reason()])
    sys.stderr.write(
        tr(
            f"warning: {len(bad)} bad row(s) skipped" + (f", written to {rejects}" if rejects else "") + "\n",
            f"警告：跳过 {len(bad)} 行有误的数据" + (f"，已写入 {rejects}" if rejects else "") + "\n",
        )
    )


class Progress:
    """A progress line on stderr for large files (only when stderr is a terminal)."""

    def __init__(self, path: Path):
        self.path = path
        self.tty = sys.stderr.isatty()
        self.big = False

    def update(self, n: int, what: tuple[str, str] = ("rows checked", "行已校验")) -> None:
        if self.tty:
            sys.stderr.write(f"\r{self.path.name}: {n:,} " + tr(*what))
            sys.stderr.flush()

    def read(self, n: int) -> None:
        self.update(n, ("rows read", "行已读取"))

    def done(self, n: int) -> None:
        if self.tty and n >= 5000:
            sys.stderr.write(f"\r{self.path.name}: {n:,} " + tr("rows checked", "行已校验") + "\n")

    STEP_LABELS = {
        "rows": "整理数据",
        "insert": "写入案件",
        "summary index": "全文索引",
        "mediator links": "调解员关联",
        "reference check": "引用检查",
        "indexes": "重建索引",
        "updates and audit": "更新与审计",
        "commit": "提交",
    }

    def step(self, name: str) -> None:
        """A step of a large write has ended (insert, search index, indexes, commit): name it on the terminal."""
        if self.tty and self.big:
            zh = self.STEP_LABELS.get(name, name)
            sys.stderr.write("\r" + tr(f"writing: {name} done", f"写入台账：{zh} 完成") + "\033[K")
            if name == "commit":
                sys.stderr.write("\n")
            sys.stderr.flush()

    def writing(self, n: int) -> None:
        """The write of a large file takes seconds of its own: say so."""
        self.big = n >= 5000
        if self.tty and self.big:
            sys.stderr.write(
                tr(f"writing {n:,} cases to the ledger…", f"正在将 {n:,} 件案件写入台账……") + "\n"
            )
            sys.stderr.flush()


def text_or_none(raw: dict[str, str], key: str) -> str | None:
    value = raw.get(key)
    return value if value else None


def changed_fields(before: dict, after: dict) -> dict:
    return {k: v for k, v in after.items() if before.get(k) != v}


def print_result(result: ImportResult, dry_run: bool) -> None:
    prefix = tr("dry run — nothing written: ", "试运行，未写入：") if dry_run else ""
    sys.stdout.write(
        prefix
        + tr(
            f"{result.rows} rows: {result.inserted} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.rejected} rejected\n",
            f"共 {result.rows} 行：新增 {result.inserted}，更新 {result.updated}，未变 {result.unchanged}，拒绝 {result.rejected}\n",
        )
    )


def iter_chunks(items: Iterable, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
