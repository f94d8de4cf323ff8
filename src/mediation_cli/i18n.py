"""The output language (zh or en) and the few helpers that pick a text by it.

The language is known before any command module is imported (help texts are fixed at import), so it is read from
``--lang`` on the command line, then ``$MEDIATION_LANG``, then ``$LANG``; the root callback sets it again for runtime.
"""

from __future__ import annotations

import os
import sys

LANGS = ("zh", "en")


def _from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def detect_lang(argv: list[str] | None = None, env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    chosen = _from_argv(sys.argv[1:] if argv is None else argv) or env.get("MEDIATION_LANG")
    if chosen in LANGS:
        return chosen
    return "zh" if env.get("LANG", "").lower().startswith("zh") else "en"


_lang = detect_lang()


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def lang() -> str:
    return _lang


def tr(en: str, zh: str) -> str:
    """The text in the current language."""
    return zh if _lang == "zh" else en


def h(en: str, zh: str) -> str:
    """A help text: chosen once, at import, in the language detected from argv and the environment."""
    return zh if _lang == "zh" else en
