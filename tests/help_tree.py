"""Dump the command tree's help texts as JSON (run in a subprocess: help texts are fixed at import, per language)."""

import json
import sys

import click

from mediation_cli.app import full_command

FRAMEWORK = {"help", "install_completion", "show_completion"}


def walk(cmd: click.Command, path: list[str], out: list[dict]) -> None:
    params = [
        {
            "name": p.name,
            "kind": "argument" if isinstance(p, click.Argument) else "option",
            "help": getattr(p, "help", None) or "",
        }
        for p in cmd.params
        if p.name not in FRAMEWORK and not getattr(p, "hidden", False)
    ]
    out.append(
        {
            "path": " ".join(path),
            "short": cmd.get_short_help_str(limit=200),
            "help": cmd.help or "",
            "params": params,
        }
    )
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        walk(sub, [*path, name], out)


if __name__ == "__main__":
    rows: list[dict] = []
    walk(full_command(), ["mediation"], rows)
    json.dump(rows, sys.stdout, ensure_ascii=False)
