"""Views that let a person read the ledger file without this program (DB Browser for SQLite, Datasette, sqlite3):
Chinese names and column names, codes shown as their Chinese labels, amounts in 元, org names instead of ids.

They show nothing the tables do not hold, and less: a mediator's ID number and phone are masked exactly as the
program masks them (the SQL twins ``mask_id_sql``/``mask_phone_sql`` of domain/idnumber.py, tested against it);
cases hold no party names. Being views, they are always the tables' current content and cost nothing to store.

Created by migration ``011_browsable_views`` (a Python step, so that the labels come from the domain's code tables,
the one home of the labels). A later migration that changes a column a view reads must call ``create_views`` again
(it drops them first): SQLite checks views when a table is altered.
"""

from __future__ import annotations

import sqlite3

from mediation_cli.domain.taxonomy import (
    AGREEMENT,
    APPOINTMENT,
    BACKGROUND,
    CASE_SOURCE,
    EMPLOYMENT,
    GENDER,
    GUIDED_TO,
    KEY_GROUP,
    ORG_KIND,
    RISK_LEVEL,
    RISK_TYPE,
    SCREENING_KIND,
    STAT_CATEGORY,
    STATUS,
    CodeTable,
)

CASES, ORGS, MEDIATORS, SCREENINGS = "台账_案件", "台账_调解组织", "台账_调解员", "台账_排查"
VIEWS = (CASES, ORGS, MEDIATORS, SCREENINGS)


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def label_sql(expr: str, table: CodeTable) -> str:
    """A code as its Chinese label (an unknown code as itself)."""
    whens = " ".join(f"WHEN {_q(code)} THEN {_q(zh)}" for code, (zh, _en) in table.members.items())
    return f"CASE {expr} {whens} ELSE {expr} END"


def list_label_sql(expr: str, table: CodeTable) -> str:
    """A ';'-joined list of codes as its labels joined by 、 (codes replaced longest first)."""
    for code in sorted(table.members, key=len, reverse=True):
        expr = f"replace({expr}, {_q(code)}, {_q(table.members[code][0])})"
    return f"replace({expr}, ';', '、')"


def yes_no_sql(expr: str, unknown: str | None = None) -> str:
    tail = f" ELSE {_q(unknown)}" if unknown is not None else ""
    return f"CASE {expr} WHEN 1 THEN '是' WHEN 0 THEN '否'{tail} END"


def yuan_sql(fen: str) -> str:
    return f"round({fen} / 100.0, 2)"


def stars_sql(n: str) -> str:
    return f"replace(hex(zeroblob({n})), '00', '*')"


def mask_id_sql(col: str) -> str:
    """domain.idnumber.mask_id in SQL: 18 characters → first 6, 8 stars, last 4; 8 or more → first 2 and last 2; else
    all stars."""
    n = f"length({col})"
    return (
        f"CASE WHEN {col} IS NULL THEN NULL "
        f"WHEN {n} = 18 THEN substr({col}, 1, 6) || '********' || substr({col}, -4) "
        f"WHEN {n} >= 8 THEN substr({col}, 1, 2) || {stars_sql(f'{n} - 4')} || substr({col}, -2) "
        f"ELSE {stars_sql(n)} END"
    )


def mask_phone_sql(col: str) -> str:
    """domain.idnumber.mask_phone in SQL, for the phones the ledger stores (validated: a mobile as 11 digits, a landline
    as 0477-7512345): a mobile → first 3, 4 stars, last 4; else first 3 and last 2 (all stars under 7 characters)."""
    n = f"length({col})"
    mobile = f"{col} GLOB '1{'[0-9]' * 10}'"
    return (
        f"CASE WHEN {col} IS NULL THEN NULL "
        f"WHEN {mobile} THEN substr({col}, 1, 3) || '****' || substr({col}, -4) "
        f"WHEN {n} < 7 THEN {stars_sql(n)} "
        f"ELSE substr({col}, 1, 3) || {stars_sql(f'{n} - 5')} || substr({col}, -2) END"
    )


def _timestamp(col: str) -> str:
    return f"replace({col}, 'T', ' ')"


def cases_view() -> str:
    effective = "CASE WHEN d.status = 'closed' THEN d.outcome ELSE d.status END"
    return f"""CREATE VIEW {CASES} AS
SELECT d.case_no AS 案件编号,
       o.name AS 承办组织, o.code AS 组织编号, p.name AS 上级组织,
       d.received_on AS 受理日期,
       {label_sql("d.source", CASE_SOURCE)} AS 纠纷来源,
       coalesce(c.zh, d.category) AS 纠纷类型,
       {label_sql("c.stat_category", STAT_CATEGORY)} AS 统计类别,
       {list_label_sql("d.key_groups", KEY_GROUP)} AS 重点群体,
       d.parties AS 当事人数,
       {yuan_sql("d.amount_fen")} AS 涉及金额（元）,
       d.summary AS 纠纷简要情况,
       {label_sql("d.risk_level", RISK_LEVEL)} AS 风险等级,
       {list_label_sql("d.risk_types", RISK_TYPE)} AS 风险类型,
       {yes_no_sql("d.major")} AS 重大疑难,
       {label_sql(effective, STATUS)} AS 调解结果,
       CASE WHEN d.status = 'closed' THEN '是' ELSE '否' END AS 已销号,
       d.outcome_on AS 结果日期,
       {label_sql("d.agreement", AGREEMENT)} AS 协议形式,
       {yuan_sql("d.agreement_fen")} AS 协议金额（元）,
       CASE WHEN {effective} = 'succeeded' THEN {yes_no_sql("d.performed", "未登记")} END AS 是否履行,
       {label_sql("d.guided_to", GUIDED_TO)} AS 引导途径,
       d.closed_on AS 销号日期,
       d.extended_until AS 延期至,
       d.reported_on AS 风险上报日期, d.reported_to AS 上报对象,
       (SELECT group_concat(m.name, '、') FROM case_mediator cm JOIN mediator m ON m.id = cm.mediator_id
        WHERE cm.case_id = d.id) AS 承办调解员,
       {_timestamp("d.entered_at")} AS 录入时间,
       {_timestamp("d.updated_at")} AS 修改时间
FROM dispute d JOIN org o ON o.id = d.org_id LEFT JOIN org p ON p.id = o.parent_id
LEFT JOIN category c ON c.code = d.category"""


def orgs_view() -> str:
    return f"""CREATE VIEW {ORGS} AS
SELECT o.code AS 编号, o.name AS 名称, {label_sql("o.kind", ORG_KIND)} AS 类型,
       p.name AS 上级组织, {yes_no_sql("o.has_conditions")} AS 有条件配备专职,
       o.star_rating AS 星级, o.rated_on AS 评定日期, o.field AS 服务领域,
       o.established_on AS 成立日期, o.dissolved_on AS 撤销日期,
       (SELECT count(*) FROM mediator m WHERE m.org_id = o.id AND m.left_on IS NULL) AS 在册调解员,
       (SELECT count(*) FROM dispute d WHERE d.org_id = o.id) AS 受理案件
FROM org o LEFT JOIN org p ON p.id = o.parent_id"""


def mediators_view() -> str:
    latest = (
        "(SELECT e.{col} FROM employment e WHERE e.mediator_id = m.id ORDER BY e.effective_from DESC LIMIT 1)"
    )
    return f"""CREATE VIEW {MEDIATORS} AS
SELECT m.staff_no AS 编号, m.name AS 姓名, {label_sql("m.gender", GENDER)} AS 性别, m.ethnicity AS 民族,
       o.name AS 所在组织, o.code AS 组织编号,
       coalesce({label_sql(latest.format(col="employment"), EMPLOYMENT)}, '兼职') AS 专兼职,
       {latest.format(col="effective_from")} AS 专兼职起始,
       {label_sql("m.background", BACKGROUND)} AS 专业背景, {label_sql("m.appointment", APPOINTMENT)} AS 产生方式,
       m.grade AS 等级,
       {mask_phone_sql("m.phone")} AS 联系电话（脱敏）,
       {mask_id_sql("m.id_number")} AS 身份证号（脱敏）,
       m.joined_on AS 加入日期, m.left_on AS 离任日期, m.subsidy AS 每月补贴（元）
FROM mediator m JOIN org o ON o.id = m.org_id"""


def screenings_view() -> str:
    return f"""CREATE VIEW {SCREENINGS} AS
SELECT o.name AS 组织, o.code AS 组织编号, s.screened_on AS 排查日期,
       {label_sql("s.kind", SCREENING_KIND)} AS 排查类型, s.found AS 发现纠纷（件）,
       CASE WHEN s.found = 0 THEN '是' ELSE '否' END AS 零报告,
       s.screened_by AS 排查人, s.note AS 备注, {_timestamp("s.entered_at")} AS 录入时间
FROM screening s JOIN org o ON o.id = s.org_id"""


def create_views(conn: sqlite3.Connection) -> None:
    """(Re)create the browsable views, inside the caller's transaction."""
    for name in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {name}")
    for sql in (cases_view(), orgs_view(), mediators_view(), screenings_view()):
        conn.execute(sql)


__all__ = ["VIEWS", "create_views", "mask_id_sql", "mask_phone_sql"]
