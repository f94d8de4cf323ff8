"""What a case row names, resolved against the ledger: orgs, categories, mediators, screenings, key periods and the
numbering template — looked up once per command (an import of 100,000 rows asks them 100,000 times)."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.keyperiods import key_period_on
from mediation_cli.domain.taxonomy import CATEGORY_ALIASES
from mediation_cli.errors import NotFound
from mediation_cli.ledger.cases import template_regex
from mediation_cli.ledger.db import Ledger


# -- what a command needs to parse a case --------------------------------------------------------------------------
class Resolver:
    """Lookups for parsing cases, built once per command (an import of 100,000 rows asks them 100,000 times)."""

    def __init__(self, ledger: Ledger, today: date, *, allow_future: bool = False):
        from mediation_cli.ledger.config import Config

        self.ledger = ledger
        self.today = today
        # A clerk entering a case may not date it after today; a file of historical data is taken as it comes.
        self.latest = date.max if allow_future else today
        cfg = Config(ledger)
        self.template: str = cfg["case_no_template"]
        self.pattern = template_regex(self.template)
        self.windows = cfg["key_period_windows"] or None
        self.spring = cfg["spring_festival_window"]
        self.stalled_days: int = cfg["stalled_days"]
        orgs = ledger.all("SELECT id, code, parent_id, established_on, dissolved_on FROM org")
        self.org_code = {r["id"]: r["code"] for r in orgs}
        self._span = {r["id"]: (r["established_on"], r["dissolved_on"]) for r in orgs}
        self._org_by_ref: dict[str, int] = {r["code"]: r["id"] for r in orgs}
        self._parent = {r["id"]: r["parent_id"] for r in orgs}
        self._ancestors: dict[int, frozenset[int]] = {}
        self._categories = self._category_lookup()
        self._mediators: dict[str, tuple] | None = None
        self._by_name: dict[str, list[tuple]] = {}
        self._key_period: dict[str, str | None] = {}
        self._screenings: set[int] | None = None

    def _category_lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        rows = self.ledger.all("SELECT code, zh, en FROM category")
        codes = {r["code"] for r in rows}
        for alias, code in CATEGORY_ALIASES.items():
            if code in codes:
                table[alias.lower()] = code
        for r in rows:
            for key in (r["code"], r["zh"], r["en"]):
                table[str(key).strip().lower()] = r["code"]
        self.category_codes = [r["code"] for r in rows]
        return table

    def org_active(self, org_id: int, on: str) -> bool:
        """The org was active on ``on`` (domain/spans.py): established by then and not yet dissolved."""
        est, dis = self._span.get(org_id) or self._load_span(org_id)
        return (est is None or est <= on) and (dis is None or dis > on)

    def check_org_active(self, org_id: int, on: str) -> None:
        """A case is received by an org while it exists, as a screening is (received_on refused otherwise)."""
        from mediation_cli.domain.spans import check_org_active

        est, dis = self._span.get(org_id) or self._load_span(org_id)
        check_org_active("received_on", on, est, dis)

    def _load_span(self, org_id: int) -> tuple[str | None, str | None]:
        row = self.ledger.one("SELECT established_on, dissolved_on FROM org WHERE id = ?", (org_id,))
        self._span[org_id] = span = (row[0], row[1]) if row else (None, None)
        return span

    def org_id(self, ref: str) -> int:
        found = self._org_by_ref.get(ref)
        if found is None:
            from mediation_cli.ledger.orgs import resolve_org

            found = resolve_org(self.ledger, ref)["id"]
            self._org_by_ref[ref] = found
        return found

    def ancestors(self, org_id: int) -> frozenset[int]:
        """The org and every org above it (a town's mediator may help in its village)."""
        found = self._ancestors.get(org_id)
        if found is None:
            chain, cur = [], org_id
            while cur is not None and cur not in chain:
                chain.append(cur)
                cur = self._parent.get(cur)
            found = self._ancestors[org_id] = frozenset(chain)
        return found

    def category(self, text: str) -> str:
        code = self._categories.get(str(text).strip().lower()) or self._categories.get(
            str(text).strip().lower().replace("-", "_")
        )
        if code is None:
            shown = ", ".join(self.category_codes[:40])
            raise Invalid(
                "category",
                text,
                f"a category code or 中文 name: {shown} (see `mediation config`)",
                f"纠纷类型的代码或中文名称：{shown}",
            )
        return code

    def _load_mediators(self) -> dict[str, tuple]:
        if self._mediators is None:
            self._mediators = {}
            for r in self.ledger.all("SELECT id, staff_no, name, org_id, joined_on, left_on FROM mediator"):
                t = (r["id"], r["staff_no"], r["org_id"], r["joined_on"], r["left_on"])
                self._mediators[r["staff_no"]] = t
                self._mediators.setdefault(r["staff_no"].lower(), t)
                self._by_name.setdefault(r["name"], []).append(t)
        return self._mediators

    def mediator_ids(self, refs: list[str], org_id: int, received_on: str) -> list[int]:
        """Staff numbers → ids, each active on ``received_on`` in the case's org or an org above it."""
        allowed = self.ancestors(org_id)
        out: list[int] = []
        for ref in refs:
            m = self._find_mediator(ref)
            if m is None:
                raise NotFound(
                    "mediator",
                    ref,
                    "give the staff number (see `mediation mediator list`)",
                    "请输入调解员编号（见 `mediation mediator list`）",
                )
            mid, staff_no, m_org, joined, left = m
            if not (joined <= received_on and (left is None or left > received_on)):
                raise Invalid(
                    "mediators",
                    staff_no,
                    f"a mediator active on {received_on} (joined {joined}"
                    + (f", left {left})" if left else ")"),
                    f"{received_on} 在任的调解员（{joined} 加入" + (f"，{left} 离任）" if left else "）"),
                )
            if m_org not in allowed:
                code = self.org_code.get(org_id, "?")
                raise Invalid(
                    "mediators",
                    staff_no,
                    f"a mediator of {code} or an org above it (this one is in {self.org_code.get(m_org, '?')})",
                    f"本组织（{code}）或其上级组织的调解员（该调解员属于 {self.org_code.get(m_org, '?')}）",
                )
            if mid not in out:
                out.append(mid)
        return out

    def _find_mediator(self, ref: str) -> tuple | None:
        """A mediator by staff number (any case), or by a name only one mediator has."""
        known = self._load_mediators()
        m = known.get(ref) or known.get(ref.lower())
        if m is None and len(self._by_name.get(ref, ())) == 1:
            m = self._by_name[ref][0]
        return m

    def mediator_span(self, refs: list[str], org_id: int) -> tuple[list[int], str, str] | None:
        """What ``mediator_ids`` decides for every date at once: (ids, first day, day after the last) between which
        all of ``refs`` are active, so that ``mediator_ids(refs, org_id, d)`` is ids exactly when first ≤ d < last;
        None when one of them is unknown or not of the org or an org above it (refused whatever the date)."""
        allowed = self.ancestors(org_id)
        ids: list[int] = []
        first, last = "", "9999-99-99"
        for ref in refs:
            m = self._find_mediator(ref)
            if m is None or m[2] not in allowed:
                return None
            mid, _, _, joined, left = m
            first = max(first, joined)
            if left is not None:
                last = min(last, left)
            if mid not in ids:
                ids.append(mid)
        return ids, first, last

    def screening_known(self, screening_id: int) -> bool:
        if self._screenings is None:
            self._screenings = {r[0] for r in self.ledger.all("SELECT id FROM screening")}
        return screening_id in self._screenings

    def key_period(self, received_on: str) -> str | None:
        """The key period (两会, 五一, 国庆, 春节) the day falls in; never fails for a year the calendar lacks."""
        if received_on not in self._key_period:
            kp = key_period_on(date.fromisoformat(received_on), windows=self.windows, spring=self.spring)
            self._key_period[received_on] = kp.code if kp else None
        return self._key_period[received_on]

    def check_screening(self, screening_id: int | None) -> None:
        if screening_id is None:
            return
        if not self.screening_known(screening_id):
            raise Invalid(
                "screening_id", screening_id, "the id of a recorded screening", "已登记的排查记录编号"
            )
