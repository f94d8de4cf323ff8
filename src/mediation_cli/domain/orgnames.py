"""What a clerk calls an org: its name without the kind of body it is (嘎鲁图镇人民调解委员会 → 嘎鲁图镇).

The plan names committees by place and kind (苏木镇人民调解委员会, 嘎查村（社区）人民调解委员会, 派驻……人民调解工作室);
people say the place. The short name is what `case list` shows and what `--org` accepts when it names one org.
"""

from __future__ import annotations

# Longest first: the first that ends the name is cut off (never the whole name).
SUFFIXES = (
    "人民调解委员会",
    "人民调解工作室",
    "调解委员会",
    "调解工作室",
    "调委会",
    "调解室",
)


def short_name(name: str) -> str:
    """The name less its body's kind; the name itself when nothing is left or no suffix ends it."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
