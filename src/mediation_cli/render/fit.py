"""Tables that fit the terminal: a value (a case number, a date, an amount, an ID, a week code) is never split.

A column is one of three kinds of cell (``Col.fit``):
- ``whole``: a value; printed on one line, never wrapped nor cut (the default);
- ``clip``: free text shown on one line and ellipsised (a summary, an org's name);
- ``wrap``: free text wrapped over lines, but only between words: a run of Latin letters and digits (``2024-W48``,
  ``2024-11-24``, ``(2024)乌人调字第33号``) stays on one line.

``fit_table`` tries, in order: the usual boxed table at its natural widths; the boxed table with the free text
narrowed; a compact table (no box, one space between columns), dropping the columns of lowest priority
(``Col.priority``, larger = dropped first; 0 = never) until it fits, with a note naming what it left out; and when
even the columns that must stay do not fit, one block of ``label  value`` lines per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rich.cells import cell_len

from mediation_cli.i18n import tr

WHOLE, CLIP, WRAP = "whole", "clip", "wrap"
# Free-text columns by their key, where a Col does not say: everything else is a value, kept whole.
CLIP_KEYS = frozenset({"summary", "org_name", "name", "field", "full_name"})
WRAP_KEYS = frozenset(
    {"what", "note", "detail", "text", "conclusion", "participants", "reason", "new_risk", "problems"}
)
CLIP_MIN = 12  # a clipped column is never narrower than this (or its text)
WRAP_MIN = 16

# Unbreakable pieces of a text: a ledger number, a run of Latin letters/digits and the signs inside values, or one
# character; a closing punctuation mark stays with what precedes it, an opening one with what follows.
_TOKEN = re.compile(
    r"[（(]\d{4}[)）][^\s（(]*?第\d+号"
    r"|[0-9A-Za-z*#][0-9A-Za-z\-/.:,%*#+_~]*[0-9A-Za-z%*#)]?"
    r"|\s+"
    r"|."
)
_CLOSING = set("，。、：；！？）》」』”’,.;:!?)%")
_OPENING = set("（《「『“‘(")


def fit_of(col) -> str:
    if getattr(col, "fit", None):
        return col.fit
    if col.key in CLIP_KEYS:
        return CLIP
    if col.key in WRAP_KEYS:
        return WRAP
    return WHOLE


def tokens(text: str) -> list[str]:
    """The text cut where a line may break (see _TOKEN)."""
    raw = _TOKEN.findall(text)
    out: list[str] = []
    for t in raw:
        joins = (
            out
            and not t.isspace()
            and not out[-1].isspace()
            and (t[0] in _CLOSING or out[-1][-1] in _OPENING)
        )
        if joins:
            out[-1] += t
        else:
            out.append(t)
    return out


def longest_token(text: str) -> int:
    return max((cell_len(t) for t in tokens(text) if not t.isspace()), default=0)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells, broken only between tokens (a token wider than that gets a line alone)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line, used = "", 0
        for t in tokens(para):
            w = cell_len(t)
            if t.isspace():
                if line and used + w <= width:
                    line, used = line + t, used + w
                elif line:
                    lines.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + w > width and line:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + t, used + w
        lines.append(line.rstrip())
    return lines


def clip(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _header_min(label: str) -> int:
    """The narrowest a header may fold to: a Latin word stays whole, Chinese folds after two characters."""
    best = 1
    for word in label.split():
        w = cell_len(word)
        best = max(best, min(w, 4) if w != len(word) else w)
    return best


EXTRA = 5  # columns of this priority or more are left out before free text is narrowed below its comfortable width


class _Plan:
    def __init__(self, cols, cells: list[list[str]]):
        self.cols = cols
        self.fits = [fit_of(c) for c in cols]
        self.labels = [c.label() for c in cols]
        n = len(cols)
        value_w = [max((cell_len(r[i]) for r in cells), default=0) for i in range(n)]
        head_w = [cell_len(label) for label in self.labels]
        self.natural = [max(value_w[i], head_w[i]) for i in range(n)]
        self.minimum: list[int] = []  # the narrowest a column may be
        self.comfortable: list[int] = []  # the narrowest free text is still worth reading at
        for i, c in enumerate(cols):
            head = _header_min(self.labels[i])
            if self.fits[i] == WHOLE:
                low = ease = value_w[i]
            elif self.fits[i] == CLIP:
                low = min(value_w[i], CLIP_MIN)
                ease = min(value_w[i], getattr(c, "min_width", None) or 2 * CLIP_MIN)
            else:
                token = max((longest_token(r[i]) for r in cells), default=0)
                low = max(min(value_w[i], WRAP_MIN), token)
                ease = max(min(value_w[i], getattr(c, "min_width", None) or 2 * WRAP_MIN), token)
            self.minimum.append(max(low, head, 1))
            self.comfortable.append(max(ease, low, head, 1))
        self.priority = [0 if i == 0 else getattr(c, "priority", EXTRA) for i, c in enumerate(cols)]

    def widths(self, keep: list[int], room: int, floor: list[int]) -> list[int] | None:
        """Widths of the kept columns within ``room`` cells, or None: values and headers first, then free text."""
        w = {i: floor[i] for i in keep}
        spare = room - sum(w.values())
        if spare < 0:
            return None
        for i in keep:  # headers unfolded
            if self.fits[i] == WHOLE and spare > 0:
                grow = min(self.natural[i] - w[i], spare)
                w[i] += grow
                spare -= grow
        free = [i for i in keep if self.fits[i] != WHOLE]
        while spare > 0:
            hungry = [i for i in free if w[i] < self.natural[i]]
            if not hungry:
                break
            for i in hungry:
                if spare == 0:
                    break
                w[i] += 1
                spare -= 1
        return [w[i] for i in keep]

    def compact(self, width: int) -> tuple[list[int], list[int]] | None:
        """The columns kept and their widths in a compact table of ``width`` cells; None when even the columns of
        priority 0 do not fit. The extras go first, then free text narrows, then the important columns go."""
        keep = list(range(len(self.cols)))
        while True:
            room = width - (len(keep) - 1)
            found = self.widths(keep, room, self.comfortable)
            if found is None and not any(self.priority[i] >= EXTRA for i in keep):
                found = self.widths(keep, room, self.minimum)
            if found is not None:
                return keep, found
            droppable = [i for i in keep if self.priority[i] > 0]
            if not droppable:
                return None
            drop = max(droppable, key=lambda i: (self.priority[i], i))
            keep = [i for i in keep if i != drop]


def fit_table(
    cols,
    rows: Iterable[dict],
    *,
    width: int | None,
    title: str | None = None,
    totals: dict | None = None,
    style: Callable[[dict], str | None] | None = None,
):
    """A rich renderable of the rows in ``width`` cells (None: as wide as the rows are)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    rows = list(rows)
    marked = [[c.show(r.get(c.key)) for c in cols] for r in rows]
    styles = [style(r) if style else None for r in rows]
    if totals is not None:
        marked.append([c.show(totals.get(c.key)) for c in cols])
        styles.append("bold")
    # A cell may carry rich markup ("[green]✓[/]", the compliance matrix): measured and cut as the text it shows.
    body = [[_plain(text) for text in row] for row in marked]
    plan = _Plan(cols, body)
    n = len(cols)
    everything = list(range(n))
    layout, keep, widths = "boxed", everything, plan.natural
    if width is not None:
        widths = plan.widths(everything, width - (3 * n + 1), plan.comfortable)
        if widths is None:
            layout = "compact"
            chosen = plan.compact(width)
            if chosen is None:
                return _blocks(plan, body, styles, width, title)
            keep, widths = chosen
    if layout == "boxed":
        table = Table(title=title, title_justify="left", header_style="bold")
    else:
        table = Table(
            title=title,
            title_justify="left",
            header_style="bold",
            box=box.SIMPLE_HEAD,
            padding=(0, 0),
            show_edge=False,
            pad_edge=False,
        )
    for i, w in zip(keep, widths, strict=True):
        c = cols[i]
        table.add_column(
            Text(plan.labels[i], overflow="fold", no_wrap=False),
            justify="right" if c.kind in ("int", "share", "money") else "left",
            width=w,
            no_wrap=True,
            overflow="ellipsis",  # never needed by a value: its width is the column's least
        )
    for k, cells in enumerate(body):
        if totals is not None and k == len(body) - 1:
            table.add_section()
        shown = []
        for i, w in zip(keep, widths, strict=True):
            text = cells[i]
            if plan.fits[i] == WRAP:
                text = "\n".join(wrap(text, w))
            elif plan.fits[i] == CLIP:
                text = clip(text, w)
            elif marked[k][i] != text:
                shown.append(Text.from_markup(marked[k][i]))
                continue
            shown.append(Text(text, no_wrap=True))
        table.add_row(*shown, style=styles[k])
    if len(keep) == n:
        return table
    left_en = ", ".join(plan.labels[i] for i in everything if i not in keep)
    left_zh = "、".join(plan.labels[i] for i in everything if i not in keep)
    note = tr(
        f"({width} columns: not shown: {left_en}; widen the terminal or use -f csv for every column)",
        f"（终端宽 {width} 列，未显示：{left_zh}；加宽终端或用 -f csv 查看全部列）",
    )
    return Group(table, *(Text(line, style="dim", no_wrap=True) for line in wrap(note, width)))


def _plain(text: str) -> str:
    """The text a cell shows: its rich markup, if it has any (a closing tag), taken out."""
    if "[/" not in text:
        return text
    from rich.text import Text

    try:
        return Text.from_markup(text).plain
    except Exception:  # noqa: BLE001 - not markup after all: shown as it is
        return text


def _blocks(plan: _Plan, body: list[list[str]], styles: list[Any], width: int, title: str | None):
    """One block a row: the first column as its heading, then ``label  value`` lines (empty values left out)."""
    from rich.console import Group
    from rich.text import Text

    label_w = max(cell_len(label) for label in plan.labels[1:]) if len(plan.labels) > 1 else 0
    parts: list[Any] = [Text(title, style="bold")] if title else []
    indent = 2
    for cells, style in zip(body, styles, strict=True):
        lines = [Text(cells[0], style="bold")]
        for i in range(1, len(cells)):
            value = cells[i]
            if not value:
                continue
            label = plan.labels[i]
            lead = " " * indent + label + " " * (label_w - cell_len(label) + 2)
            room = width - cell_len(lead)
            if plan.fits[i] == CLIP:
                lines.append(Text(lead + clip(value, max(room, CLIP_MIN))))
            elif plan.fits[i] == WRAP:
                chunks = wrap(value, max(room, WRAP_MIN))
                lines.append(Text(lead + chunks[0]))
                lines.extend(Text(" " * cell_len(lead) + more) for more in chunks[1:])
            elif cell_len(value) <= room:
                lines.append(Text(lead + value))
            else:  # a value wider than what is left of the line: on a line of its own
                lines.append(Text(lead.rstrip()))
                lines.append(Text(" " * (indent * 2) + value))
        for line in lines:
            line.no_wrap = True
            line.overflow = "ignore"
            if style:
                line.stylize(style)
        parts.append(Group(*lines, Text("")))
    return Group(*parts)
