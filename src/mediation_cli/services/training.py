"""Training (培训): `training add|import` and `mediator train` — a session (date, organiser, topic, hours) and its
attendees by staff number, in one transaction with its audit row."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from mediation_cli.domain.dates import check_not_after_today, parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.training import parse_hours
from mediation_cli.domain.values import parse_text
from mediation_cli.errors import NotFound
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.mediators import find_mediator
from mediation_cli.ledger.training import (
    active_on,
    add_attendees,
    find_session,
    insert_session,
)

COLUMNS = ["held_on", "organiser", "topic", "hours", "staff_no", "name"]
REQUIRED = ["held_on", "organiser", "topic", "hours", "staff_no"]


def _session_fields(
    on: str, organiser: str, topic: str, hours: str, today: date
) -> tuple[str, str, str, float]:
    held = parse_date(on, today=today, field="held_on").isoformat()
    check_not_after_today("held_on", held, today)
    return (
        held,
        parse_text(organiser, "organiser", max_len=100),
        parse_text(topic, "topic", max_len=200),
        parse_hours(hours),
    )


def _attendee(ledger: Ledger, staff_no: str, held_on: str) -> int:
    """The id of the mediator ``staff_no``, who must be in office on the session's date."""
    m = find_mediator(ledger, staff_no)
    if not active_on(ledger, m["id"], held_on):
        raise Invalid(
            "staff_no",
            m["staff_no"],
            f"a mediator in office on {held_on} (joined {m['joined_on']}, left {m['left_on'] or '—'})",
            f"{held_on} 在任的调解员（加入 {m['joined_on']}，离任 {m['left_on'] or '—'}）",
        )
    return m["id"]


def _same_hours(stored, hours: float) -> None:
    if stored is not None and stored["hours"] != hours:
        raise Invalid(
            "hours",
            hours,
            f"the hours already recorded for this session ({stored['hours']:g})",
            f"与已登记的同一场培训一致（{stored['hours']:g} 小时）",
        )


def staff_list(text: str) -> list[str]:
    """Staff numbers as typed: separated by ; , 、 or spaces."""
    return [s for s in re.split(r"[;,，；、\s]+", str(text).strip()) if s]


def add_session(
    ledger: Ledger, on: str, organiser: str, topic: str, hours: str, attendees: list[str], *, today: date
) -> tuple[int, int]:
    """Record a session with its attendees (or add attendees to the same session: same date, organiser, topic);
    returns (session id, attendees added)."""
    held, org_text, topic_text, h = _session_fields(on, organiser, topic, hours, today)
    if not attendees:
        raise Invalid("attendees", "", "at least one staff number", "至少一名调解员编号")
    ids = [_attendee(ledger, s, held) for s in attendees]
    stored = find_session(ledger, held, org_text, topic_text)
    _same_hours(stored, h)
    with ledger.write():
        sid = stored["id"] if stored else insert_session(ledger, held, org_text, topic_text, h)
        added = add_attendees(ledger, sid, ids)
        ledger.audit(
            "training",
            str(sid),
            "add" if stored is None else "attend",
            None,
            {"held_on": held, "organiser": org_text, "topic": topic_text, "hours": h, "attendees": attendees},
        )
    return sid, added


def import_training(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """A sign-in sheet (签到表): one row per attendee — ``held_on*,organiser*,topic*,hours*,staff_no*,name``. Rows of
    the same date, organiser and topic are one session; re-importing the sheet changes nothing. A name, when given,
    must be the staff number's (a sheet with numbers copied wrong is refused rather than crediting someone else)."""
    from mediation_cli.io.importer import BadRow, ImportResult, ImportSpec, refuse_or_reject, validate_file

    spec = ImportSpec(
        "training",
        COLUMNS,
        REQUIRED,
        key=lambda raw: (raw.get("held_on"), raw.get("organiser"), raw.get("topic"), raw.get("staff_no")),
    )
    hours_of: dict[tuple, float] = {}

    def prepare(raw: dict[str, str]):
        held, org_text, topic_text, h = _session_fields(
            raw["held_on"], raw["organiser"], raw["topic"], raw["hours"], today
        )
        try:
            m = find_mediator(ledger, raw["staff_no"])
        except NotFound as e:
            raise BadRow("staff_no", raw["staff_no"], e.message()) from None
        mid = _attendee(ledger, m["staff_no"], held)
        if raw.get("name") and raw["name"].strip() != m["name"]:
            raise BadRow("name", raw["name"], tr_name_mismatch(m["staff_no"]))
        key = (held, org_text, topic_text)
        _same_hours(find_session(ledger, *key), h)
        if hours_of.setdefault(key, h) != h:
            raise Invalid(
                "hours",
                h,
                f"the same hours on every row of a session ({hours_of[key]:g})",
                f"同一场培训各行小时数一致（{hours_of[key]:g}）",
            )
        return key, h, mid

    good, bad, n = validate_file(path, spec, prepare)
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result = ImportResult(rows=n, rejected=len(bad))
    sessions: dict[tuple, list[int]] = {}
    for _, (key, _h, mid) in good:
        sessions.setdefault(key, []).append(mid)
    with ledger.write(rollback=dry_run):
        new_sessions = 0
        for key, mids in sessions.items():
            stored = find_session(ledger, *key)
            if stored is None:
                sid = insert_session(ledger, *key, hours_of[key])
                new_sessions += 1
            else:
                sid = stored["id"]
            added = add_attendees(ledger, sid, mids)
            result.inserted += added
            result.unchanged += len(mids) - added
        result.extra["sessions"] = len(sessions)
        result.extra["new_sessions"] = new_sessions
        ledger.audit("training", str(path.name), "import", None, result.as_dict())
    return result


def tr_name_mismatch(staff_no: str) -> str:
    from mediation_cli.i18n import tr

    return tr(f"not the name of {staff_no} in the ledger", f"与台账中 {staff_no} 的姓名不符")
