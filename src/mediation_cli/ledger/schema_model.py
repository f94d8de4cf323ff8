"""Migrations of issue 15's data model: parties (当事人), 司法确认, committee roles and the statistics categories.
Appended to ``schema.MIGRATIONS`` after issue 9's; never edited once released."""

from __future__ import annotations

MODEL_MIGRATIONS: list[tuple[str, list[str]]] = []

MODEL_MIGRATIONS.append(
    (
        # 当事人 (issue 15, item 11): the parties of a case, one row each, numbered within the case. Their name, ID
        # number, phone and address are personal data (masked on output). The ID number and phone are indexed for
        # the duplicate check (the same party on another open case).
        "007_parties",
        [
            """CREATE TABLE party (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                no INTEGER NOT NULL,
                name TEXT NOT NULL,
                gender TEXT,
                ethnicity TEXT,
                age INTEGER,
                occupation TEXT,
                phone TEXT,
                id_number TEXT,
                address TEXT,
                at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (case_id, no)
            )""",
            "CREATE INDEX party_id_number ON party(id_number) WHERE id_number IS NOT NULL",
            "CREATE INDEX party_phone ON party(phone) WHERE phone IS NOT NULL",
            # A follow-up visit (回访) names the parties visited: their numbers within the case, ';'-joined.
            "ALTER TABLE visit ADD COLUMN parties TEXT",
        ],
    )
)

MODEL_MIGRATIONS.append(
    (
        # Issue 15, items 12, 5 and 10. 司法确认 (人民调解法 art. 33): per case, when the parties asked to confirm their
        # written agreement, when they applied jointly and to which court, and the court's decision. A mediator's
        # committee role (主任/副主任/委员/聘任调解员, art. 8 and 13): the rows sealed without it are resealed.
        "008_confirmation_roles_categories",
        [
            """CREATE TABLE confirmation (
                case_id INTEGER PRIMARY KEY REFERENCES dispute(id) ON DELETE CASCADE,
                requested_on TEXT,
                applied_on TEXT,
                court TEXT,
                decided_on TEXT,
                decision TEXT,
                at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            "ALTER TABLE mediator ADD COLUMN role TEXT",
            "mediation_cli.ledger.migrate_steps:reseal_mediator_role",
            # Item 10: the statistics form's 合同, 损害赔偿 and 物业 as case categories, each mapped onto itself (a
            # bureau's own category of the same code is kept).
            "INSERT OR IGNORE INTO category(code, zh, en, grp, stat_category, builtin) VALUES "
            "('contract', '合同', 'contract', 'stat_form', 'contract', 1), "
            "('damages', '损害赔偿', 'damages', 'stat_form', 'damages', 1), "
            "('property_management', '物业', 'property management', 'stat_form', 'property_management', 1)",
        ],
    )
)
