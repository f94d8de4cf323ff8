"""The ledger's schema, as migrations applied in order (sqlite-utils ``Migrations``), each in one transaction.

``PRAGMA user_version`` carries the schema version so that a newer file is recognised without reading any table, and
``PRAGMA application_id`` marks the file as a mediation ledger.
"""

from __future__ import annotations

APPLICATION_ID = 0x4D454449  # "MEDI"

# A case that prevented anything (防止民转刑, 防止群体性上访, 防止自杀, 制止群体性械斗); queries repeat it verbatim so that
# SQLite uses the partial index below.
PREVENTED_ANY = (
    "prevented_criminal_cases + prevented_criminal_persons + prevented_petition_cases + "
    "prevented_petition_persons + prevented_suicide_cases + prevented_suicide_persons + "
    "prevented_fight_cases + prevented_fight_persons > 0"
)

# A pending case (received or mediating): what `remind` and `case list --stalled/--status pending` look for; queries
# repeat it verbatim so that SQLite uses the partial index of migration 003.
PENDING = "status IN ('received', 'mediating')"

# A case with any risk noted (a level above normal or a risk type): every risk filter implies it, so queries add it
# verbatim as a redundant term and SQLite reads the partial index of migration 003 instead of the whole table.
AT_RISK = "(risk_level != 'normal' OR risk_types IS NOT NULL)"
AT_RISK_D = AT_RISK.replace("risk_", "d.risk_")
MAJOR = "major = 1"

# Each migration: a name and its statements. Append only; never edit one that has shipped. A statement written
# "module:function" is a Python step, called with the connection inside the migration's transaction.
MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "001_initial",
        [
            """CREATE TABLE org (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_id INTEGER REFERENCES org(id),
                has_conditions INTEGER NOT NULL DEFAULT 0,
                star_rating INTEGER,
                rated_on TEXT,
                field TEXT,
                established_on TEXT,
                dissolved_on TEXT,
                initials TEXT,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX org_parent ON org(parent_id)",
            "CREATE INDEX org_name ON org(name)",
            """CREATE TABLE mediator (
                id INTEGER PRIMARY KEY,
                staff_no TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                gender TEXT,
                ethnicity TEXT,
                org_id INTEGER NOT NULL REFERENCES org(id),
                background TEXT,
                appointment TEXT,
                grade TEXT,
                phone TEXT,
                id_number TEXT,
                joined_on TEXT NOT NULL,
                left_on TEXT,
                subsidy REAL,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX mediator_org ON mediator(org_id)",
            # Employment changes over time: one row per change, effective from a date (专职/兼职 history).
            """CREATE TABLE employment (
                mediator_id INTEGER NOT NULL REFERENCES mediator(id) ON DELETE CASCADE,
                effective_from TEXT NOT NULL,
                employment TEXT NOT NULL,
                PRIMARY KEY (mediator_id, effective_from)
            ) WITHOUT ROWID""",
            """CREATE TABLE category (
                code TEXT PRIMARY KEY,
                zh TEXT NOT NULL,
                en TEXT NOT NULL,
                grp TEXT NOT NULL,
                stat_category TEXT NOT NULL,
                builtin INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE screening (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES org(id),
                screened_on TEXT NOT NULL,
                kind TEXT NOT NULL DEFAULT 'routine',
                found INTEGER NOT NULL DEFAULT 0,
                screened_by TEXT,
                note TEXT,
                entered_at TEXT NOT NULL,
                UNIQUE (org_id, screened_on, kind)
            )""",
            "CREATE INDEX screening_on ON screening(screened_on)",
            """CREATE TABLE dispute (
                id INTEGER PRIMARY KEY,
                case_no TEXT NOT NULL UNIQUE,
                year INTEGER,
                seq INTEGER,
                org_id INTEGER NOT NULL REFERENCES org(id),
                received_on TEXT NOT NULL,
                source TEXT NOT NULL,
                category TEXT NOT NULL,
                key_groups TEXT,
                parties INTEGER,
                amount_fen INTEGER,
                summary TEXT,
                risk_level TEXT NOT NULL DEFAULT 'normal',
                risk_types TEXT,
                major INTEGER NOT NULL DEFAULT 0,
                major_since TEXT,
                status TEXT NOT NULL DEFAULT 'received',
                outcome TEXT,
                outcome_on TEXT,
                agreement TEXT,
                agreement_fen INTEGER,
                performed INTEGER,
                guided_to TEXT,
                closed_on TEXT,
                closed_without_visit TEXT,
                extended_until TEXT,
                reported_on TEXT,
                reported_to TEXT,
                screening_id INTEGER REFERENCES screening(id),
                key_period TEXT,
                prevented_criminal_cases INTEGER NOT NULL DEFAULT 0,
                prevented_criminal_persons INTEGER NOT NULL DEFAULT 0,
                prevented_petition_cases INTEGER NOT NULL DEFAULT 0,
                prevented_petition_persons INTEGER NOT NULL DEFAULT 0,
                prevented_suicide_cases INTEGER NOT NULL DEFAULT 0,
                prevented_suicide_persons INTEGER NOT NULL DEFAULT 0,
                prevented_fight_cases INTEGER NOT NULL DEFAULT 0,
                prevented_fight_persons INTEGER NOT NULL DEFAULT 0,
                entered_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                change_seq INTEGER NOT NULL DEFAULT 0,
                created_seq INTEGER NOT NULL DEFAULT 0,
                -- the data-entry lag (录入及时) and entry date, derived by SQLite itself so no writer can forget them
                entry_lag INTEGER GENERATED ALWAYS AS
                    (CAST(julianday(substr(entered_at, 1, 10)) - julianday(received_on) AS INTEGER)) VIRTUAL,
                entered_on TEXT GENERATED ALWAYS AS (substr(entered_at, 1, 10)) VIRTUAL
            )""",
            # Reports by date range start with received_on (covering what `report cases` counts, so a quarter of a
            # million-case ledger is read from the index alone); lists by org with a range use (org_id, received_on).
            "CREATE INDEX dispute_received ON dispute(received_on, category, status, outcome, amount_fen)",
            # Ledger numbers are per year: the next one is max(seq) + 1 of the year.
            "CREATE INDEX dispute_year_seq ON dispute(year, seq)",
            "CREATE INDEX dispute_org_received ON dispute(org_id, received_on)",
            # The year's statistics table and the timeliness bulletin read these covering indexes in GROUP BY order,
            # so a million cases are aggregated without touching the table or sorting (see reports/statistics.py).
            "CREATE INDEX dispute_stats ON dispute(org_id, category, source, received_on, status, outcome, agreement, "
            "agreement_fen, amount_fen)",
            "CREATE INDEX dispute_entry ON dispute(org_id, entry_lag, received_on, entered_on)",
            # What mediation prevented is rare: its sums read only the cases that have any.
            f"CREATE INDEX dispute_prevented ON dispute(received_on) WHERE {PREVENTED_ANY}",
            "CREATE INDEX dispute_status ON dispute(status, received_on)",
            "CREATE INDEX dispute_change ON dispute(change_seq)",
            "CREATE INDEX dispute_screening ON dispute(screening_id) WHERE screening_id IS NOT NULL",
            """CREATE TABLE case_mediator (
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                mediator_id INTEGER NOT NULL REFERENCES mediator(id),
                PRIMARY KEY (case_id, mediator_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX case_mediator_m ON case_mediator(mediator_id)",
            # The timeline of a case: transitions, extensions, visits, risk reports (one row each, with details).
            """CREATE TABLE case_event (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                on_date TEXT NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX case_event_case ON case_event(case_id, on_date)",
            # 一案一策: one plan per major difficult case, versioned.
            """CREATE TABLE case_plan (
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                text TEXT NOT NULL,
                written_on TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (case_id, version)
            )""",
            # 定期会商
            """CREATE TABLE consultation (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                held_on TEXT NOT NULL,
                participants TEXT,
                conclusion TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX consultation_case ON consultation(case_id, held_on)",
            # 回访
            """CREATE TABLE visit (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                visited_on TEXT NOT NULL,
                visited_by TEXT,
                performed INTEGER,
                satisfaction TEXT,
                new_risk TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX visit_case ON visit(case_id)",
            "CREATE VIRTUAL TABLE dispute_fts USING fts5(summary, content='dispute', content_rowid='id', tokenize='trigram')",
            """CREATE TABLE config (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            # 每季度报送本季度矛盾纠纷工作开展情况报告: when each report reached the bureau.
            """CREATE TABLE report_submission (
                org_id INTEGER NOT NULL REFERENCES org(id),
                quarter TEXT NOT NULL,
                submitted_on TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (org_id, quarter)
            )""",
            # Exports to upstream platforms: each batch remembers the change sequence it covered.
            """CREATE TABLE export_batch (
                id INTEGER PRIMARY KEY,
                profile TEXT NOT NULL,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                rows INTEGER NOT NULL,
                only_new INTEGER NOT NULL,
                high_water INTEGER NOT NULL,
                file TEXT
            )""",
            """CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                entity TEXT NOT NULL,
                ref TEXT,
                action TEXT NOT NULL,
                before TEXT,
                after TEXT
            )""",
            "CREATE INDEX audit_ref ON audit(entity, ref)",
        ],
    ),
    (
        # The summary index keeps which cases hold each trigram and not where (detail=none): a third of the size, 40%
        # less to build on import. Substring search is `summary LIKE '%…%'` on it, which FTS5 answers from the index
        # and then checks against the summary itself, so phrase positions are not needed.
        "002_fts_detail_none",
        [
            "DROP TABLE dispute_fts",
            "CREATE VIRTUAL TABLE dispute_fts USING fts5(summary, content='dispute', content_rowid='id', "
            "tokenize='trigram', detail=none)",
            "INSERT INTO dispute_fts(dispute_fts) VALUES ('rebuild')",
        ],
    ),
]

MIGRATIONS.append(
    (
        # EXPLAIN QUERY PLAN of every report and list (bench/PLANS.md): dispute_status (status, received_on), a full
        # index, served only `report cases --by status`, which dispute_received covers as well; the reminders'
        # three queries for pending cases scanned half of dispute_received instead. A partial index of the pending
        # cases in received order serves them all, and costs the import a tenth of a full index.
        # Lists of the rare cases (major, at risk) walked dispute_received and read every row of the table; partial
        # indexes of just those cases, in received order, are small to build and answer them directly.
        "003_partial_indexes",
        [
            "DROP INDEX dispute_status",
            f"CREATE INDEX dispute_pending ON dispute(received_on) WHERE {PENDING}",
            f"CREATE INDEX dispute_major ON dispute(received_on) WHERE {MAJOR}",
            f"CREATE INDEX dispute_at_risk ON dispute(received_on) WHERE {AT_RISK}",
        ],
    )
)

MIGRATIONS.append(
    (
        # Tamper evidence (ledger/seal.py): the audit log becomes a hash chain, every row of the main tables a seal,
        # and seal_head remembers the chain's last entry and the row counts. The rows there are get chained and
        # sealed as the migration runs.
        "004_seals",
        [
            "ALTER TABLE audit ADD COLUMN prev_hash TEXT",
            "ALTER TABLE audit ADD COLUMN hash TEXT",
            "ALTER TABLE org ADD COLUMN seal TEXT",
            "ALTER TABLE mediator ADD COLUMN seal TEXT",
            "ALTER TABLE dispute ADD COLUMN seal TEXT",
            "ALTER TABLE screening ADD COLUMN seal TEXT",
            """CREATE TABLE seal_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                audit_id INTEGER NOT NULL,
                audit_hash TEXT NOT NULL,
                org_rows INTEGER NOT NULL,
                mediator_rows INTEGER NOT NULL,
                dispute_rows INTEGER NOT NULL,
                screening_rows INTEGER NOT NULL
            )""",
            "mediation_cli.ledger.seal:seal_everything",
        ],
    )
)

# Later migrations live beside this module, one module per capability, appended in release order.
from mediation_cli.ledger.schema_model import MODEL_MIGRATIONS  # noqa: E402
from mediation_cli.ledger.schema_people import PEOPLE_MIGRATIONS  # noqa: E402
from mediation_cli.ledger.schema_rules import RULES_MIGRATIONS  # noqa: E402
from mediation_cli.ledger.schema_scale import SCALE_MIGRATIONS  # noqa: E402
from mediation_cli.ledger.schema_views import VIEW_MIGRATIONS  # noqa: E402

MIGRATIONS.extend(PEOPLE_MIGRATIONS)  # 005, 006: issue 9
MIGRATIONS.extend(MODEL_MIGRATIONS)  # 007, 008: issue 15's data model
MIGRATIONS.extend(RULES_MIGRATIONS)  # 009, 010: issue 15's rules
MIGRATIONS.extend(VIEW_MIGRATIONS)  # 011: issue 14's views: they read the columns before them
MIGRATIONS.extend(SCALE_MIGRATIONS)  # 012: issue 10's statistics columns (the views name their columns)

SCHEMA_VERSION = len(MIGRATIONS)
