"""Reading an import file: CSV in UTF-8 (with or without BOM) or GBK, or the first sheet of an .xlsx workbook.

Yields (line number, cells) with every cell as stripped text ('' for empty), one per header column, so that validation
is one code path whatever the file type: ``read_table`` gives each row as a list in header order (no dict per row, for
files of 100,000 rows); ``read_rows`` gives it as {header: text}.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path

from mediation_cli.errors import MediationError
from mediation_cli.render.output import FORMULA_START

# `import --encoding`: what the file is, when the guess is wrong (None: guess — UTF-8 with or without BOM, else GBK).
IMPORT_ENCODING: ContextVar[str | None] = ContextVar("import_encoding", default=None)
IMPORT_ENCODINGS = ("auto", "utf-8", "utf-8-sig", "gbk", "gb18030")
HINT_EN = "save it as UTF-8, or name its encoding with --encoding utf-8|gbk"
HINT_ZH = "请另存为 UTF-8，或用 --encoding utf-8|gbk 指明编码"


def unreadable(path: Path, en: str, zh: str) -> MediationError:
    return MediationError(f"{path}: {en}", f"{path}：{zh}")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf8_lines(data: bytes) -> int | None:
    """The first line holding a non-ASCII character that decodes as UTF-8 (a multi-byte one), or None."""
    for n, line in enumerate(data.split(b"\n"), start=1):
        if max(line, default=0) < 0x80:
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(ord(ch) >= 0x800 for ch in text):
            return n
    return None


def mixed_encoding(path: Path) -> MediationError:
    """The refusal of a file that is UTF-8 text with some line that is not (a cell pasted from a GBK file)."""
    data = path.read_bytes()
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        body.decode("utf-8")
        bad_line = 0
    except UnicodeDecodeError as e:
        bad_line = _line_of(data, e.start + (len(data) - len(body)))
    utf8_line = 1 if body is not data else (_utf8_lines(data) or 1)
    return unreadable(
        path,
        f"is not cleanly one encoding: UTF-8 text (line {utf8_line}) but line {bad_line} is not UTF-8 "
        f"(a cell pasted from a GBK file?); nothing imported — {HINT_EN}",
        f"编码不一致：第 {utf8_line} 行是 UTF-8，第 {bad_line} 行却不是（可能粘贴了 GBK 文件中的内容）；"
        f"未导入任何数据——{HINT_ZH}",
    )


def _bad_offset(path: Path, encoding: str, skip: int = 0) -> int | None:
    """Where the file (after ``skip`` bytes) first fails to decode as ``encoding`` (a byte offset), or None: read 1 MB
    at a time through an incremental decoder, so that a file of a million rows is never held whole."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = skip
    with open(path, "rb") as fh:
        fh.seek(skip)
        while True:
            chunk = fh.read(1 << 20)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return offset - pending + e.start
            if not chunk:
                return None
            offset += len(chunk)


def _line_at(path: Path, offset: int) -> int:
    """The line number of byte ``offset`` (counted a megabyte at a time)."""
    lines, seen = 1, 0
    with open(path, "rb") as fh:
        while seen < offset and (chunk := fh.read(min(1 << 20, offset - seen))):
            lines += chunk.count(b"\n")
            seen += len(chunk)
    return lines


def _first_utf8_line(path: Path) -> int | None:
    """The first line holding a non-ASCII character that decodes as UTF-8 (a multi-byte one), or None."""
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            if max(line, default=0) < 0x80:
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if any(ord(ch) >= 0x800 for ch in text):
                return n
    return None


def detect_encoding(path: Path) -> str:
    """The file's one encoding. The whole file is checked: a file that is not cleanly one encoding (a UTF-8 file with
    one cell pasted from a GBK file) is refused naming the first line that breaks, never read as mojibake. The file is
    read a megabyte at a time (never whole: a file of a million rows is a few hundred MB)."""
    forced = IMPORT_ENCODING.get()
    if forced and forced != "auto":
        encoding = {"gbk": "gb18030", "utf-8": "utf-8-sig"}.get(forced, forced)
        bad = _bad_offset(path, encoding)
        if bad is not None:
            line = _line_at(path, bad)
            raise unreadable(
                path,
                f"line {line} is not valid {forced} text (--encoding {forced}); check the file's encoding",
                f"第 {line} 行不是有效的 {forced} 文本（--encoding {forced}）；请检查文件编码",
            ) from None
        return encoding
    with open(path, "rb") as fh:
        bom = fh.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    if _bad_offset(path, "utf-8", skip=len(codecs.BOM_UTF8) if bom else 0) is None:
        return "utf-8-sig" if bom else "utf-8"
    if bom or _first_utf8_line(path) is not None:
        # Not cleanly one encoding. Read as UTF-8: the header is checked first, and the row that breaks is refused
        # with mixed_encoding() when the reader reaches it.
        return "utf-8-sig" if bom else "utf-8"
    bad = _bad_offset(path, "gb18030")
    if bad is None:
        return "gb18030"  # a superset of GBK: what Excel/WPS on Chinese Windows save
    line = _line_at(path, bad)
    raise unreadable(
        path,
        f"is neither UTF-8 nor GBK text (line {line}) — {HINT_EN}",
        f"既不是 UTF-8 也不是 GBK 编码的文本（第 {line} 行）——{HINT_ZH}",
    ) from None


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str] | str]]]:
    """The header (normalised: stripped, lower-case) and an iterator over the data rows: (line, cells) with one
    stripped cell per header column, or (line, why) for a row that cannot be read as cells of the header."""
    must_be_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def must_be_file(path: Path) -> None:
    """An import names a file: a folder, or nothing at all, is refused saying which."""
    if path.is_dir():
        raise unreadable(
            path,
            "is a folder, not a file — give the CSV or .xlsx file itself (e.g. FOLDER/cases.csv)",
            "是文件夹，不是文件——请指定其中的 CSV 或 .xlsx 文件本身（如 文件夹/cases.csv）",
        )
    if not path.exists():
        raise unreadable(path, "no such file", "文件不存在")


def first_rows(path: Path, n: int = 10) -> list[tuple[int, list[str]]]:
    """The first ``n`` rows as they are (line, stripped cells), whatever their width: to say where a header is."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = wb.worksheets[0].iter_rows(values_only=True, max_row=n)
            return [(i, [_cell_text(v) for v in values]) for i, values in enumerate(rows, start=1)]
        finally:
            wb.close()
    with open(path, encoding=detect_encoding(path), newline="") as fh:
        out = []
        for i, values in enumerate(csv.reader(fh), start=1):
            out.append((i, [v.strip() for v in values]))
            if i >= n:
                break
        return out


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and an iterator over the data rows as {header: text} ({"__error__": why} for an unreadable row)."""
    header, rows = read_table(path)

    def dicts() -> Iterator[tuple[int, dict[str, str]]]:
        for line, cells in rows:
            yield (
                line,
                ({"__error__": cells} if isinstance(cells, str) else dict(zip(header, cells, strict=True))),
            )

    return header, dicts()


def _norm_header(header: list[str]) -> list[str]:
    return [str(h or "").strip().lstrip("\ufeff").strip().lower() for h in header]


def _read_csv(path: Path):
    header, records = _csv_records(path)

    def cells() -> Iterator[tuple[int, list[str] | str]]:
        for line, row in records:
            if isinstance(row, str):
                yield line, row
                continue
            stripped = [c.strip() for c in row]
            if any(stripped):  # a row of spaces is an empty row
                yield line, stripped

    return header, cells()


def _csv_records(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str] | str]]]:
    """The header (normalised) and the data rows as read: (line, cells *not stripped*, one per header column), or
    (line, why) for a row with more non-empty cells than the header; empty rows are left out."""
    encoding = detect_encoding(path)
    guarded = _may_be_guarded(path)
    fh = open(path, encoding=encoding, newline="")
    reader = csv.reader(fh)
    try:
        header = _norm_header(next(reader))
    except StopIteration:
        fh.close()
        raise unreadable(path, "is empty (no header row)", "是空文件（没有表头）") from None
    except UnicodeDecodeError:
        fh.close()
        raise mixed_encoding(path) from None
    width = len(header)

    def records() -> Iterator[tuple[int, list[str] | str]]:
        with fh:
            try:
                for values in reader:
                    if len(values) != width:
                        if not any(map(str.strip, values)):
                            continue
                        if len(values) > width:
                            if any(map(str.strip, values[width:])):
                                yield (
                                    reader.line_num,
                                    f"{len(values)} cells but {width} columns in the header",
                                )
                                continue
                            del values[width:]
                        else:
                            values.extend([""] * (width - len(values)))
                    elif not any(values):
                        continue
                    if guarded:
                        values = [_unguard(v) for v in values]
                    yield reader.line_num, values
            except UnicodeDecodeError:
                raise mixed_encoding(path) from None
            except csv.Error as e:
                raise unreadable(
                    path, f"line {reader.line_num}: {e}", f"第 {reader.line_num} 行：{e}"
                ) from None

    return header, records()


def read_grid(
    path: Path, progress=None, on_header=None
) -> tuple[list[str], list[int], list[list[str]], list[tuple[int, str]]]:
    """The whole table at once, for files of 100,000 rows: (header, line numbers, rows, unreadable rows).

    Rows are lists of exactly one cell per header column, *not stripped* (a cell of spaces is blank); empty rows are
    left out; a row with more non-empty cells than the header is an unreadable (line, why). ``on_header(header)`` is
    called before any row is read (so that a wrong header is said first); ``progress(n)`` every 5,000 rows."""
    must_be_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, records = _read_xlsx(path)
    else:
        header, records = _csv_records(path)
    if on_header is not None:
        on_header(header)
    lines: list[int] = []
    rows: list[list[str]] = []
    bad: list[tuple[int, str]] = []
    line_append, row_append = lines.append, rows.append
    for line, row in records:
        if isinstance(row, str):
            bad.append((line, row))
            continue
        line_append(line)
        row_append(row)
        if progress is not None and not len(rows) % 5000:
            progress(len(rows) + len(bad))
    return header, lines, rows, bad


def grid_chunks(
    path: Path, size: int, on_header=None, progress=None
) -> tuple[list[str], Iterator[tuple[list[int], list[list[str]], list[tuple[int, str]]]]]:
    """``read_grid`` a chunk at a time, for files of a million rows: the header, and an iterator of (line numbers,
    rows, unreadable rows) of at most ``size`` rows each, read as they are asked for (the file is never held whole).
    ``on_header(header)`` is called before any row is read; ``progress(n)`` every 5,000 rows."""
    must_be_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, records = _read_xlsx(path)
    else:
        header, records = _csv_records(path)
    if on_header is not None:
        on_header(header)

    def chunks():
        lines: list[int] = []
        rows: list[list[str]] = []
        bad: list[tuple[int, str]] = []
        n = 0
        for line, row in records:
            n += 1
            if progress is not None and not n % 5000:
                progress(n)
            if isinstance(row, str):
                bad.append((line, row))
                continue
            lines.append(line)
            rows.append(row)
            if len(rows) >= size:
                yield lines, rows, bad
                lines, rows, bad = [], [], []
        if rows or bad:
            yield lines, rows, bad

    return header, chunks()


def column_cells(path: Path, index: int) -> Iterator[str]:
    """The cells of one column, stripped, row by row (a second, light read of the file: no checks, nothing kept)."""
    _, records = _read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_records(path)
    for _, row in records:
        if not isinstance(row, str):
            yield row[index].strip()


def csv_lines(path: Path) -> tuple[int, bool]:
    """(physical lines, whether every line after the first starts with a comma) of a CSV, read a megabyte at a time:
    the second says, without parsing, that the first column is empty in every row. (An .xlsx: (0, False).)"""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return 0, False
    newlines = comma = 0
    last = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            newlines += chunk.count(b"\n")
            comma += chunk.count(b"\n,") + (last == b"\n" and chunk[:1] == b",")
            last = chunk[-1:]
    ends = last == b"\n"  # a last newline starts no line
    return newlines + (not ends), comma == newlines - ends


def _may_be_guarded(path: Path) -> bool:
    """Whether any cell may carry the exporters' formula guard (a leading apostrophe): most files have none, and then
    no cell needs looking at."""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if b"'" in chunk:
                return True
    return False


def _unguard(text: str) -> str:
    """Remove the apostrophe the exporters put before a cell a spreadsheet would run as a formula
    (render/output.py guard_formula): a re-import of an export gives back what was stored."""
    if text[:1] == "'" and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).strip()


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise unreadable(
            path,
            f"cannot be read as an .xlsx workbook ({type(e).__name__})",
            f"无法作为 .xlsx 工作簿读取（{type(e).__name__}）",
        ) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        header = _norm_header([_cell_text(v) for v in next(it)])
    except StopIteration:
        wb.close()
        raise unreadable(path, "is empty (no header row)", "是空文件（没有表头）") from None
    while header and header[-1] == "":
        header.pop()

    width = len(header)

    def rows():
        try:
            for n, values in enumerate(it, start=2):
                texts = [_unguard(_cell_text(v)) for v in values]
                if not any(texts):
                    continue
                if len(texts) < width:
                    texts.extend([""] * (width - len(texts)))
                elif any(texts[width:]):
                    last = max(i for i, t in enumerate(texts) if t) + 1
                    yield n, f"{last} cells but {width} columns in the header"
                    continue
                yield n, texts[:width]
        finally:
            wb.close()

    return header, rows()
