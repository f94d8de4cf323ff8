"""Option values the way typer reads them, without building a pydantic validator for every option of a command run.

Typer 0.29 (pinned) coerces every option through a pydantic ``TypeAdapter`` built on first use: importing pydantic and
building the adapters of a daily command costs ~0.09 s of its ~0.25 s start-up. Almost every option here is text, a
whole number, a flag or a list of text, and typer hands each as the type it already is (a ``str``, a ``bool``) or as
plain digits. ``install()`` answers exactly those values directly; anything else — a choice, a path, a range, a parser,
a value that is not plain digits — goes to typer's own pydantic coercion, unchanged, so every error message and every
edge case stays typer's. ``tests/test_cliparams.py`` pins both halves: the same values either way, and no pydantic in
a daily command's process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer import core
from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import coerce_cli_path

_DIGITS = re.compile(r"-?[0-9]{1,18}")
_UNSURE = object()


def _as_str(value: Any, param: Any = None, ctx: Any = None) -> Any:
    return value if isinstance(value, str) else _UNSURE


def _as_int(value: Any, param: Any = None, ctx: Any = None) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    return _UNSURE


def _as_bool(value: Any, param: Any = None, ctx: Any = None) -> Any:
    return value if isinstance(value, bool) else _UNSURE


def _as_str_list(value: Any, param: Any = None, ctx: Any = None) -> Any:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    return _UNSURE


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """A value already of its type is kept; any other goes to typer's pydantic coercion, built when first needed."""

    descriptor: Any
    fast: Any

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        got = self.fast(value, param, ctx)
        if got is not _UNSURE:
            return got
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def plain_runtime_param(descriptor: Any) -> Any:
    """The plain coercion of an option's type, or None where typer's own is kept."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return None
    if getattr(info, "click_type", None) is not None or descriptor.is_choice:
        return None
    annotation = descriptor.annotation
    if descriptor.is_path:
        if annotation is not Path or info.path_type not in (None, Path):
            return None

        def fast(value: Any, param: Any, ctx: Any, info=info) -> Any:
            # typer's own path checks (exists, file or folder, readable …) on the Path pydantic would have made
            if isinstance(value, str) and value and "\x00" not in value:
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return _UNSURE
    elif annotation is str:
        fast = _as_str
    elif annotation is int and not descriptor.is_ranged:
        fast = _as_int
    elif annotation is bool:
        fast = _as_bool
    elif annotation == list[str]:
        fast = _as_str_list
    else:
        return None
    return PlainRuntimeParam(parameter_info=info, annotation=annotation, descriptor=descriptor, fast=fast)


def install() -> None:
    typer_runtime_param = core._TyperParameter.get_runtime_param

    def get_runtime_param(self):
        if self._runtime_param is None:
            self._runtime_param = plain_runtime_param(self.type_descriptor)
        return typer_runtime_param(self)

    core._TyperParameter.get_runtime_param = get_runtime_param
