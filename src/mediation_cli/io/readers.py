"""Reading an import file: CSV in UTF-8 (with or without BOM) or GBK, or the first sheet of an .xlsx workbook.

Yields (line number, {header: text}) with every value as stripped text ('' for empty), so that validation is one code
path whatever the file type.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from mediation_cli.errors import MediationError

SAMPLE_BYTES = 1 << 20


def unreadable(path: Path, en: str, zh: str) -> MediationError:
    return MediationError(f"{path}: {en}", f"{path}：{zh}")


def detect_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=len(head) < SAMPLE_BYTES)
        return "gb18030"  # a superset of GBK: what Excel/WPS on Chinese Windows save
    except UnicodeDecodeError:
        raise unreadable(
            path, "is neither UTF-8 nor GBK text", "既不是 UTF-8 也不是 GBK 编码的文本"
        ) from None


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header (normalised: stripped, lower-case) and an iterator over the data rows."""
    if not path.exists() or path.is_dir():
        raise unreadable(path, "no such file", "文件不存在")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def _norm_header(header: list[str]) -> list[str]:
    return [str(h or "").strip().lstrip("\ufeff").strip().lower() for h in header]


def _read_csv(path: Path):
    encoding = detect_encoding(path)
    fh = open(path, encoding=encoding, newline="")
    reader = csv.reader(fh)
    try:
        header = next(reader)
    except StopIteration:
        fh.close()
        raise unreadable(path, "is empty (no header row)", "是空文件（没有表头）") from None
    except UnicodeDecodeError:
        fh.close()
        raise unreadable(
            path, "is neither UTF-8 nor GBK text", "既不是 UTF-8 也不是 GBK 编码的文本"
        ) from None
    header = _norm_header(header)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with fh:
            try:
                for values in reader:
                    if not values or all(not v.strip() for v in values):
                        continue
                    line = reader.line_num
                    if len(values) > len(header):
                        extra = [v for v in values[len(header) :] if v.strip()]
                        if extra:
                            yield (
                                line,
                                {"__error__": f"{len(values)} cells but {len(header)} columns in the header"},
                            )
                            continue
                    yield (
                        line,
                        {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)},
                    )
            except UnicodeDecodeError:
                raise unreadable(
                    path,
                    f"is not valid {encoding} text after line {reader.line_num}",
                    f"第 {reader.line_num} 行之后不是有效的 {encoding} 文本",
                ) from None
            except csv.Error as e:
                raise unreadable(
                    path, f"line {reader.line_num}: {e}", f"第 {reader.line_num} 行：{e}"
                ) from None

    return header, rows()


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

    def rows():
        try:
            for n, values in enumerate(it, start=2):
                texts = [_cell_text(v) for v in values]
                if not any(texts):
                    continue
                yield n, {h: (texts[i] if i < len(texts) else "") for i, h in enumerate(header)}
        finally:
            wb.close()

    return header, rows()
