"""One shared way to print rows and summaries: table (rich) for people, CSV/JSON/Markdown for programs.

JSON and CSV carry English snake_case keys and enumeration codes; the table and Markdown views carry the labels of the
chosen language. Rows are streamed: a million-row export never sits in memory.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mediation_cli.errors import MediationError
from mediation_cli.i18n import lang, tr

FORMATS = ("table", "csv", "json", "markdown")
ENCODINGS = ("utf-8", "utf-8-sig", "gbk")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# rows of a table printed on the screen (stdout, no --output); a file and csv/json/markdown carry every row
SCREEN_LIMIT = 100


@dataclass(frozen=True)
class Col:
    key: str
    en: str
    zh: str
    kind: str = "text"  # text | int | share | money | bool | enum
    table: Any = None  # a CodeTable for kind == "enum" (or a callable code -> label)
    priority: int = (
        5  # on a narrow terminal, the larger the sooner the column is left out (0: never; render/fit.py)
    )
    fit: str | None = None  # whole | clip | wrap (render/fit.py; default by the key: a value is kept whole)
    min_width: int | None = None  # free text: the narrowest still worth reading, before lesser columns go

    def label(self) -> str:
        return tr(self.en, self.zh)

    def show(self, value: Any) -> str:
        """The value as a person reads it, in the current language."""
        if value is None or value == "":
            return ""
        if self.kind == "share":
            return f"{value * 100:.1f}%"
        if self.kind == "money":
            return f"{value:,.2f}"
        if self.kind == "bool":
            return tr("yes", "是") if value else tr("no", "否")
        if self.kind == "enum" and self.table is not None:
            if callable(self.table):
                return self.table(value)
            if isinstance(value, list | tuple):
                return (
                    "、".join(self.table.label(v, lang()) for v in value)
                    if lang() == "zh"
                    else ", ".join(self.table.label(v, lang()) for v in value)
                )
            return self.table.label(value, lang())
        if isinstance(value, list | tuple):
            return ";".join(str(v) for v in value)
        return str(value)


@dataclass
class OutputOptions:
    format: str = "table"
    output: Path | None = None
    encoding: str = "utf-8"

    def check(self) -> None:
        if self.format not in FORMATS and self.format not in ("xlsx", "docx", "text"):
            raise MediationError(
                f"--format: {self.format!r} is not valid — expected one of {', '.join(FORMATS)}",
                f"--format：{self.format!r} 无效——应为 {'、'.join(FORMATS)} 之一",
            )
        if self.encoding.lower() not in ENCODINGS:
            raise MediationError(
                f"--encoding: {self.encoding!r} is not valid — expected one of {', '.join(ENCODINGS)}",
                f"--encoding：{self.encoding!r} 无效——应为 {'、'.join(ENCODINGS)} 之一",
            )
        if self.output is not None:
            suffix = Path(self.output).suffix.lower()
            if self.format in ("xlsx", "docx"):
                from mediation_cli.files import check_document_name

                check_document_name(Path(self.output), self.format)
            wants = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}.get(suffix)
            if wants and self.format != wants:
                raise MediationError(
                    f"--output: {str(self.output)!r} is a .{wants} name but --format {self.format} writes text — "
                    f"use --format {wants} where the command offers it, or another file name",
                    f"--output：{str(self.output)!r} 是 .{wants} 文件名，但 --format {self.format} 输出的是文本——"
                    f"请用 --format {wants}（若该命令支持），或换一个文件名",
                )


def guard_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers.

    A text that already starts with apostrophes before such a character gets one more, so that ``unguard_formula``
    (which the importers apply to every cell) gives back exactly what was stored: export → import changes nothing."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_START)
        or (value.startswith("'") and value.lstrip("'").startswith(FORMULA_START))
    ):
        return "'" + value
    return value


def unguard_formula(text: str) -> str:
    """The inverse of ``guard_formula`` on a cell read back from a file."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


@contextmanager
def open_text(opts: OutputOptions, *, binary_encoding: str | None = None) -> Iterator[IO[str]]:
    """The text stream to write to: the --output file, or stdout, in the chosen encoding."""
    encoding = binary_encoding or "utf-8"
    try:
        if opts.output is not None:
            from mediation_cli.files import atomic_open

            with atomic_open(opts.output, "w", encoding=encoding, errors="strict", newline="") as fh:
                yield fh
            return
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None and encoding != "utf-8":
            wrapper = io.TextIOWrapper(
                buffer, encoding=encoding, errors="strict", newline="", write_through=True
            )
            try:
                yield wrapper
            finally:
                wrapper.flush()
                wrapper.detach()
            return
        yield sys.stdout
    except UnicodeEncodeError as e:
        raise unencodable(e, encoding, opts.output) from None


def unencodable(e: UnicodeEncodeError, encoding: str, output: Path | None) -> MediationError:
    """A character the chosen encoding lacks (王𬌗 in GBK) refuses the output: never a silent ``?``. The file is not
    written (the atomic writer drops it); on a terminal what was printed before stays, and the message says so."""
    char = e.object[e.start : e.end][:1] if isinstance(e.object, str) else "?"
    point = f"U+{ord(char):04X}" if char else "?"
    where_en = "nothing was written" if output is not None else "the output above is incomplete"
    where_zh = "未生成文件" if output is not None else "以上输出不完整"
    return MediationError(
        f"--encoding: {encoding} cannot hold the character {char!r} ({point}) in the data; {where_en} — "
        "use --encoding utf-8-sig (Excel and WPS open it too) or utf-8",
        f"--encoding：{encoding} 编码无法表示数据中的字符 {char!r}（{point}）；{where_zh}——"
        "请改用 --encoding utf-8-sig（Excel、WPS 同样能打开）或 utf-8",
    )


def write_csv(fh: IO[str], rows: Iterable[dict], keys: list[str]) -> int:
    """Dict rows as CSV under their keys (through the one CSV writer, render/tables.py)."""
    from mediation_cli.render.tables import cells_of
    from mediation_cli.render.tables import write_csv as write_cells

    return write_cells(fh, keys, cells_of(rows, keys))


def markdown_table(cols: list[Col], rows: Iterable[dict]) -> str:
    from tabulate import tabulate

    body = [[c.show(r.get(c.key)) for c in cols] for r in rows]
    return tabulate(body, headers=[c.label() for c in cols], tablefmt="github", disable_numparse=True)


WIDE = 160  # a table that goes to a pipe or a file with no terminal to measure


def terminal_width() -> int:
    """The width to lay tables out in: $COLUMNS when set, else the terminal's (stdout's, or stderr's when stdout is
    piped into ``less``), else WIDE."""
    import os

    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            continue
    return WIDE


def console_for(fh: IO[str] | None):
    from rich.console import Console

    if fh is None or fh is sys.stdout:
        if sys.stdout.isatty():
            return Console(highlight=False, soft_wrap=False, width=terminal_width())
        return Console(
            file=sys.stdout,
            highlight=False,
            soft_wrap=False,
            no_color=True,
            color_system=None,
            width=terminal_width(),
        )
    return Console(file=fh, highlight=False, no_color=True, color_system=None, width=200, soft_wrap=False)


def rich_table(
    cols: list[Col],
    rows: Iterable[dict],
    *,
    title: str | None = None,
    totals: dict | None = None,
    style: Callable[[dict], str | None] | None = None,
    width: int | None = None,
):
    """The rows as a table that fits ``width`` cells without splitting a value (render/fit.py)."""
    from mediation_cli.render.fit import fit_table

    return fit_table(cols, rows, width=width, title=title, totals=totals, style=style)


def _only(rows: Iterable[dict], keys: list[str]) -> Iterator[dict]:
    """Each row with exactly ``keys``, in order (None for a missing one); a row that already is so passes as it is."""
    keys = tuple(keys)
    for r in rows:
        yield r if tuple(r) == keys else {k: r.get(k) for k in keys}


def emit_rows(
    opts: OutputOptions,
    cols: list[Col],
    rows: Iterable[dict],
    *,
    title: str | None = None,
    totals: dict | None = None,
    json_keys: list[str] | None = None,
    empty_en: str = "nothing to show",
    empty_zh: str = "没有记录",
    style: Callable[[dict], str | None] | None = None,
    more_en: str = "",
    more_zh: str = "",
    screen_limit: int | None = SCREEN_LIMIT,
    total: int | None = None,
) -> int:
    """Print a list of rows. JSON/CSV carry every key of ``json_keys`` (default: the columns' keys).

    A table printed on the screen (no ``--output``) stops at ``screen_limit`` rows and a last line says how many more there
    are and how to have them all (``more_en``/``more_zh``: a command's own way, instead of the formats that carry
    every row). ``total``: the rows given are the first of this many (a command that put the limit into its query and
    counted the rest).; laying out a region's 30,000 reminders took 11 s to give a clerk a screen nobody reads to the end."""
    opts.check()
    keys = json_keys or [c.key for c in cols]
    fmt = opts.format
    if fmt == "json":
        from mediation_cli.render.jsonout import write_json_array

        with open_text(opts) as fh:
            return write_json_array(fh, _only(rows, keys))
    if fmt == "csv":
        with open_text(opts, binary_encoding=opts.encoding) as fh:
            return write_csv(fh, rows, keys)
    if fmt == "xlsx":
        if opts.output is None:
            raise MediationError(
                "--output: xlsx needs --output FILE.xlsx", "--output：xlsx 须用 --output 指定文件"
            )
        from mediation_cli.render.tables import cells_of, write_xlsx

        return write_xlsx(opts.output, keys, cells_of(rows, keys), sheet="data")
    if fmt == "docx":
        raise MediationError("--format: docx is not offered here", "--format：此处不提供 docx")
    rows = list(rows)
    if fmt == "markdown":
        with open_text(opts) as fh:
            if title:
                fh.write(f"## {title}\n\n")
            all_rows = rows + ([totals] if totals else [])
            fh.write(markdown_table(cols, all_rows) + "\n")
        return len(rows)
    with open_text(opts) as fh:
        console = console_for(fh)
        if not rows:
            if title:
                console.print(title)
            console.print(tr(empty_en, empty_zh))
        else:
            shown = rows if opts.output is not None or screen_limit is None else rows[:screen_limit]
            console.print(
                rich_table(cols, shown, title=title, totals=totals, style=style, width=console.width)
            )
            if len(shown) < (total or len(rows)):
                console.print(more_rows_note(total or len(rows), len(shown), more_en, more_zh))
    return len(rows)


def more_rows_note(total: int, shown: int, more_en: str = "", more_zh: str = "") -> str:
    """The last line of a table cut at the screen's limit: how many rows are left out, and how to have them all (a
    command's own way, ``more_en``/``more_zh``, or the formats that carry every row). Fits 80 columns."""
    more = total - shown
    return tr(
        f"… {more} more of {total} not shown: use {more_en or '-f csv -o FILE or -f markdown'}",
        f"……另有 {more} 条未列出（共 {total} 条）：可用 {more_zh or '-f csv -o 文件 或 -f markdown'}",
    )


def emit_object(
    opts: OutputOptions,
    obj: dict,
    fields: list[Col],
    *,
    title: str,
    sections: list[tuple[str, list[Col], list[dict]]] = (),
    csv_section: int | None = 0,
    notes: list[str] = (),
) -> None:
    """Print a summary object: JSON is the object itself; CSV is its main list (``sections[csv_section]``), or with
    ``csv_section=None`` the whole record as one header row and one row (lists joined by ``;``, nested rows as
    JSON)."""
    opts.check()
    if opts.format == "xlsx":
        raise MediationError(
            "--format: xlsx is not offered for this summary — use csv or json",
            "--format：此汇总不提供 xlsx——请用 csv 或 json",
        )
    if opts.format == "csv" and csv_section is None:
        keys = list(obj)
        flat = {
            k: (
                json.dumps(v, ensure_ascii=False, default=str)
                if isinstance(v, dict)
                or (isinstance(v, list | tuple) and any(isinstance(x, dict) for x in v))
                else v
            )
            for k, v in obj.items()
        }
        with open_text(opts, binary_encoding=opts.encoding) as fh:
            write_csv(fh, [flat], keys)
        return
    if opts.format == "json":
        from mediation_cli.render.jsonout import write_json_object

        with open_text(opts) as fh:
            write_json_object(fh, obj)
            fh.write("\n")
        return
    if opts.format == "csv":
        _, cols, rows = sections[csv_section]
        with open_text(opts, binary_encoding=opts.encoding) as fh:
            write_csv(fh, rows, [c.key for c in cols])
        return
    if opts.format == "markdown":
        with open_text(opts) as fh:
            fh.write(f"# {title}\n\n")
            for f in fields:
                fh.write(f"- **{f.label()}**: {f.show(obj.get(f.key))}\n")
            for sec_title, cols, rows in sections:
                fh.write(f"\n## {sec_title}\n\n{markdown_table(cols, rows)}\n")
            for note in notes:
                fh.write(f"\n{note}\n")
        return
    with open_text(opts) as fh:
        from rich.table import Table

        console = console_for(fh)
        summary = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
        summary.add_column(style="bold")
        summary.add_column()
        for f in fields:
            summary.add_row(f.label(), f.show(obj.get(f.key)))
        console.print(summary)
        for sec_title, cols, rows in sections:
            console.print()
            if rows:
                shown = rows if opts.output is not None else rows[:SCREEN_LIMIT]
                console.print(rich_table(cols, shown, title=sec_title, width=console.width))
                if len(shown) < len(rows):
                    console.print(more_rows_note(len(rows), len(shown)))
            else:
                console.print(f"{sec_title}: {tr('none', '无')}")
        for note in notes:
            console.print(note)


def bar_chart(pairs: list[tuple[str, float]], *, width: int = 40, fh: IO[str] | None = None) -> None:
    """A terminal bar chart: one bar a key, scaled to the largest value."""
    console = console_for(fh)
    top = max((v for _, v in pairs), default=0) or 1
    label_w = max((_width(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        bar = "█" * int(round(width * value / top))
        pad = " " * (label_w - _width(key))
        console.print(f"{key}{pad} │{bar} {value:g}", highlight=False)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, width - _width(text))


def _width(text: str) -> int:
    from wcwidth import wcswidth

    w = wcswidth(text)
    return w if w >= 0 else len(text)
