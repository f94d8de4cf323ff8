"""Upstream export profiles: which columns, under which (Chinese) headers, with which value labels and category
mapping, a platform's template wants. Two ship (``moj``, ``region``) plus ``plain`` (the import columns); a bureau writes
its own TOML for whatever template its platform demands (README "Export profiles").

A profile names fields; ledger/export_fields.py compiles it to one SQL SELECT (every field an SQL expression, every
value label a CASE), so a million-row export streams from the cursor straight into the CSV writer.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mediation_cli.domain.taxonomy import (
    STAT_CATEGORY,
)
from mediation_cli.errors import MediationError

# Shipped in the wheel; read through importlib.resources so an installed package finds them wherever it lives.
BUILTIN_PACKAGE = "mediation_cli.profiles"
BUILTIN = ("moj", "region", "plain")


@dataclass
class Profile:
    name: str
    title: str
    columns: list[tuple[str, str]]  # (header, field)
    format: str = "csv"
    encoding: str = "utf-8"
    labels: str = "code"  # code | zh
    date_format: str = "iso"  # iso | slash | chinese
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    category_map: dict[str, str] = field(default_factory=dict)
    bool_labels: tuple[str, str] = ("1", "0")


def _bad(path, en: str, zh: str) -> MediationError:
    return MediationError(f"profile {path}: {en}", f"导出模板 {path}：{zh}")


def plain_profile(*, all_columns: bool = False) -> Profile:
    """The contract's import columns with English codes: what `case export` writes and `case import` reads back.
    ``all_columns`` adds the optional details (agreement amount, prevention counts …) for a full-fidelity copy."""
    from mediation_cli.forms.cases import COLUMNS, CONTRACT_COLUMNS

    return Profile(
        name="plain", title="cases", columns=[(c, c) for c in (COLUMNS if all_columns else CONTRACT_COLUMNS)]
    )


def load_profile(ref: str, known: Collection[str]) -> Profile:
    """A built-in profile by name, or a TOML file by path; ``known``: the fields the ledger can export."""
    if ref == "plain":
        return plain_profile()
    if ref in BUILTIN:
        from importlib.resources import files

        path = files(BUILTIN_PACKAGE) / f"{ref}.toml"
    else:
        path = Path(ref)
    if not path.is_file():
        raise MediationError(
            f"--profile: {ref!r} is neither a built-in profile ({', '.join(BUILTIN)}) nor a file",
            f"--profile：{ref!r} 既不是内置模板（{'、'.join(BUILTIN)}）也不是文件",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _bad(path, f"is not valid TOML ({e})", f"不是有效的 TOML（{e}）") from None
    return parse_profile(data, path, known)


def parse_profile(data: dict, path, known: Collection[str]) -> Profile:
    """A profile from its TOML data; ``known`` is the fields the ledger can export (ledger/export_fields.FIELDS)."""
    cols = data.get("columns")
    if not isinstance(cols, list) or not cols:
        raise _bad(
            path,
            "needs a non-empty [[columns]] list, each with header and field",
            "需要非空的 [[columns]] 列表，每项有 header 和 field",
        )
    columns = []
    for i, c in enumerate(cols, start=1):
        if not isinstance(c, dict) or "field" not in c:
            raise _bad(path, f"column {i} has no field", f"第 {i} 列缺少 field")
        if c["field"] not in known:
            raise _bad(
                path,
                f"column {i}: unknown field {c['field']!r} — known: {', '.join(known)}",
                f"第 {i} 列：未知字段 {c['field']!r}——可用：{'、'.join(known)}",
            )
        columns.append((str(c.get("header", c["field"])), c["field"]))
    labels = data.get("labels", "code")
    if labels not in ("code", "zh"):
        raise _bad(
            path,
            f"labels must be 'code' or 'zh', not {labels!r}",
            f"labels 应为 code 或 zh，而不是 {labels!r}",
        )
    date_format = data.get("date_format", "iso")
    if date_format not in ("iso", "slash", "chinese"):
        raise _bad(
            path, "date_format must be iso, slash or chinese", "date_format 应为 iso、slash 或 chinese"
        )
    fmt = data.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise _bad(path, "format must be csv or xlsx", "format 应为 csv 或 xlsx")
    category_map = data.get("category_map", {})
    for plan, stat in category_map.items():
        if stat not in STAT_CATEGORY.members:
            raise _bad(
                path,
                f"category_map.{plan}: {stat!r} is not a statistics category ({', '.join(STAT_CATEGORY.codes)})",
                f"category_map.{plan}：{stat!r} 不是统计类别（{'、'.join(STAT_CATEGORY.codes)}）",
            )
    values = data.get("values", {})
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise _bad(path, "[values.FIELD] tables map codes to labels", "[values.字段] 应为代码到标签的对照表")
    bool_labels = tuple(data.get("bool_labels", ["是", "否"] if labels == "zh" else ["1", "0"]))
    return Profile(
        name=str(data.get("name") or Path(str(path)).stem),
        title=str(data.get("title", "")),
        columns=columns,
        format=fmt,
        encoding=str(data.get("encoding", "utf-8")).lower(),
        labels=labels,
        date_format=date_format,
        values=values,
        category_map=category_map,
        bool_labels=(str(bool_labels[0]), str(bool_labels[1])),
    )
