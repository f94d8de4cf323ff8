"""The one way a file is written: to a temporary name in the target's folder, 0600, fsynced, then renamed.

A killed or failing write never leaves a half file under the real name (the temporary one is removed on any error, and
a SIGKILL leaves only a ``.NAME.*.part`` beside it). Every file the program writes may hold personal data (exports,
reports, rejects, backups), so every one is created 0600. Before anything is written the target is checked: it must not
be the ledger or one of its side files, must not exist unless ``--force`` was given, and its folder must exist.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from mediation_cli.errors import MediationError, quote

LEDGER_SIDE_FILES = ("", "-wal", "-shm", "-journal")
FORCE_KEY = "mediation.force"


def current_policy() -> tuple[bool, Path | None]:
    """(--force given, the ledger's path) of the running command; (False, None) outside a command."""
    try:
        from typer._click.globals import get_current_context  # the click that Typer carries
    except ImportError:  # pragma: no cover - an older Typer on the stock click
        from click import get_current_context
    ctx = get_current_context(silent=True)
    if ctx is None:
        return False, None
    force = bool(ctx.meta.get(FORCE_KEY))
    obj = ctx.find_root().obj
    ledger = getattr(obj, "path", None) if obj is not None else None
    return force, ledger


def _refuse(opt: str, path: Path, en: str, zh: str) -> MediationError:
    return MediationError(f"{opt}: {quote(str(path))} {en}", f"{opt}：{quote(str(path))} {zh}")


def is_ledger_file(path: Path, ledger: Path | None) -> bool:
    if ledger is None:
        return False
    target = os.path.realpath(path)
    base = os.path.realpath(ledger)
    if any(target == base + side for side in LEDGER_SIDE_FILES):
        return True
    try:
        return path.exists() and ledger.exists() and os.path.samefile(path, ledger)
    except OSError:
        return False


def check_target(path: Path, *, force: bool | None = None, opt: str = "--output") -> None:
    """Refuse a target that is the ledger (or its -wal/-shm/-journal), a folder, an existing file without --force, or
    a path whose folder does not exist."""
    policy_force, ledger = current_policy()
    force = policy_force if force is None else force
    path = Path(path)
    if is_ledger_file(path, ledger):
        raise _refuse(
            opt,
            path,
            "is the ledger itself (or one of its side files) — choose another file name",
            "就是台账文件本身（或其附属文件）——请换一个文件名",
        )
    if path.is_dir():
        raise _refuse(opt, path, "is a folder — give a file name", "是文件夹——请给出文件名")
    if path.exists() and not path.is_file():
        # a device (/dev/full), a pipe or a socket: the temporary-name-and-rename writer would replace the node itself
        raise _refuse(
            opt,
            path,
            "is not a regular file (a device, pipe or socket) — give a file name",
            "不是普通文件（设备、管道或套接字）——请给出文件名",
        )
    if path.exists() and not force:
        raise _refuse(
            opt,
            path,
            "already exists — choose a new file name, or add --force to replace it",
            "已存在——请换一个文件名，或加 --force 覆盖",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise _refuse(
            opt,
            path,
            f"cannot be written: the folder {quote(str(parent))} does not exist",
            f"无法写入：文件夹 {quote(str(parent))} 不存在",
        )


FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
# lxml (under openpyxl's write-only sheets and python-docx) names the same conditions in its own words
FULL_LXML = ("IO_ENOSPC", "IO_EFBIG", "IO_EDQUOT")


def write_failed(path: Path, e: OSError, opt: str = "--output") -> MediationError:
    why = e.strerror or str(e)
    full = e.errno in FULL_ERRNOS
    why_zh = "磁盘已满或超出文件大小限制" if full else why
    return MediationError(
        f"{opt}: cannot write {quote(str(path))}: {why}; nothing was written under that name",
        f"{opt}：无法写入 {quote(str(path))}：{why_zh}；未生成该文件",
    )


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish(tmp: str, path: Path, force: bool) -> None:
    """Give the finished temporary file its real name: atomically, and without replacing a file that appeared in the
    meantime unless --force."""
    if force:
        os.replace(tmp, path)
    else:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise _refuse(
                "--output",
                path,
                "already exists — choose a new file name, or add --force to replace it",
                "已存在——请换一个文件名，或加 --force 覆盖",
            ) from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise
            os.replace(tmp, path)
        else:
            os.unlink(tmp)
    _fsync_dir(path.parent if str(path.parent) else Path("."))


@contextmanager
def atomic_path(path: Path, *, force: bool | None = None, opt: str = "--output") -> Iterator[Path]:
    """A temporary path (an empty 0600 file) in the target's folder for a writer that wants a path; on success it is
    fsynced and renamed to ``path``, on any error removed."""
    path = Path(path)
    policy_force, _ = current_policy()
    force = policy_force if force is None else force
    check_target(path, force=force, opt=opt)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as e:
        raise write_failed(path, e, opt) from None
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _publish(tmp, path, force)
    except OSError as e:
        _unlink(tmp)
        raise write_failed(path, e, opt) from None
    except BaseException:
        _unlink(tmp)
        raise


@contextmanager
def atomic_open(
    path: Path,
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    errors: str | None = None,
    newline: str | None = "",
    force: bool | None = None,
    opt: str = "--output",
) -> Iterator[IO[Any]]:
    """A file object writing to a temporary file beside ``path``; renamed to ``path`` when the block ends without
    error (after flush and fsync), removed otherwise. OS errors (a full disk) become a refusal naming the file."""
    with atomic_path(path, force=force, opt=opt) as tmp:
        kwargs: dict[str, Any] = {}
        if "b" not in mode:
            kwargs = {"encoding": encoding, "errors": errors, "newline": newline}
        with open(tmp, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


def write_bytes(path: Path, data: bytes, *, force: bool | None = None, opt: str = "--output") -> None:
    with atomic_open(path, "wb", force=force, opt=opt) as fh:
        fh.write(data)


DOCUMENT_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "docx": (".docx",)}


def check_document_name(path: Path, kind: str) -> None:
    """A workbook goes into an .xlsx, a document into a .docx: any other name (b.csv, x.json) would hold zip bytes
    under a text name, so it is refused before anything is written."""
    suffixes = DOCUMENT_SUFFIXES[kind]
    if Path(path).suffix.lower() not in suffixes:
        raise MediationError(
            f"--output: {quote(str(path))} — an {kind} file must be named *{suffixes[0]}; "
            f"give a *{suffixes[0]} name, or choose a text --format",
            f"--output：{quote(str(path))}——{kind} 文件的名称须以 {suffixes[0]} 结尾；"
            f"请用以 {suffixes[0]} 结尾的文件名，或改用文本格式（--format）",
        )


def document_kind(doc: Any) -> str:
    return "docx" if type(doc).__module__.startswith("docx") else "xlsx"


def save_document(doc: Any, path: Path) -> None:
    """Save an openpyxl workbook or a python-docx document: built in memory first (so that a zip writer never meets a
    full disk halfway and complains from ``ZipFile.__del__``), then written atomically."""
    import io

    check_document_name(Path(path), document_kind(doc))
    buffer = io.BytesIO()
    with building(path):
        doc.save(buffer)
    write_bytes(Path(path), buffer.getvalue())


@contextmanager
def building(path: Path, opt: str = "--output") -> Iterator[None]:
    """Around the building of a workbook: openpyxl's write-only sheets stream rows through a temporary file, so a full
    disk shows there (as OSError or lxml's SerialisationError). Refuse with the file's name, and let the half-built
    writers be collected quietly instead of printing "Exception ignored in …" on stderr."""
    try:
        yield
    except MediationError:
        raise
    except Exception as e:
        collect_quietly()
        full = getattr(e, "errno", None) in FULL_ERRNOS or any(code in str(e) for code in FULL_LXML)
        if full:
            raise MediationError(
                f"{opt}: cannot write {quote(str(path))}: the disk is full or the file too large; "
                "nothing was written under that name",
                f"{opt}：无法写入 {quote(str(path))}：磁盘已满或超出文件大小限制；未生成该文件",
            ) from None
        why = getattr(e, "strerror", None) or f"{type(e).__name__}: {str(e)[:80]}"
        raise MediationError(
            f"{opt}: cannot write {quote(str(path))}: {why} (is the disk full?); nothing was written under that name",
            f"{opt}：无法写入 {quote(str(path))}：{why}（磁盘是否已满？）；未生成该文件",
        ) from None


def collect_quietly() -> None:
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _unlink(tmp: str) -> None:
    with suppress(OSError):
        os.unlink(tmp)
