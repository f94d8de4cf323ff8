"""Migrations of issue 9: the people and committees behind the numbers (training, grades, ratings, case files,
typical cases, publicity). Appended to ``schema.MIGRATIONS`` in order; never edited once released."""

from __future__ import annotations

PEOPLE_MIGRATIONS: list[tuple[str, list[str]]] = []

PEOPLE_MIGRATIONS.append(
    (
        # Issue 9, the people behind the numbers: training sessions (培训) and who attended; the dated history of
        # each mediator's grade (等级评定) and each committee's star rating (星级评定). The grade and rating already on
        # a row are kept as the first entry of its history (a grade with no date: when it was granted is unknown).
        "005_people_training_ratings",
        [
            """CREATE TABLE training_session (
                id INTEGER PRIMARY KEY,
                held_on TEXT NOT NULL,
                organiser TEXT NOT NULL,
                topic TEXT NOT NULL,
                hours REAL NOT NULL CHECK (hours > 0),
                at TEXT NOT NULL,
                UNIQUE (held_on, organiser, topic)
            )""",
            "CREATE INDEX training_session_on ON training_session(held_on)",
            """CREATE TABLE training_attendance (
                session_id INTEGER NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
                mediator_id INTEGER NOT NULL REFERENCES mediator(id),
                PRIMARY KEY (session_id, mediator_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX training_attendance_m ON training_attendance(mediator_id)",
            """CREATE TABLE grade_history (
                id INTEGER PRIMARY KEY,
                mediator_id INTEGER NOT NULL REFERENCES mediator(id) ON DELETE CASCADE,
                granted_on TEXT,
                grade TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX grade_history_m ON grade_history(mediator_id, granted_on)",
            """CREATE TABLE rating_history (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
                rated_on TEXT,
                star_rating INTEGER,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX rating_history_o ON rating_history(org_id, rated_on)",
            "INSERT INTO grade_history(mediator_id, granted_on, grade, at) "
            "SELECT id, NULL, grade, updated_at FROM mediator WHERE grade IS NOT NULL",
            "INSERT INTO rating_history(org_id, rated_on, star_rating, at) "
            "SELECT id, rated_on, star_rating, updated_at FROM org WHERE star_rating IS NOT NULL",
        ],
    )
)

PEOPLE_MIGRATIONS.append(
    (
        # Issue 9: the case file (卷宗, 人民调解法 art. 27: 立卷归档) — each document recorded by name, size and SHA-256
        # where the bureau keeps it (the file is not copied: README "Case files"); typical cases (典型案例) with their
        # write-up; submissions to publicity columns (《我的调解故事》…, 投稿).
        "006_case_files_publicity",
        [
            """CREATE TABLE case_file (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                path TEXT NOT NULL,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                attached_on TEXT NOT NULL,
                at TEXT NOT NULL,
                UNIQUE (case_id, kind, sha256)
            )""",
            "CREATE INDEX case_file_case ON case_file(case_id, kind)",
            """CREATE TABLE case_feature (
                case_id INTEGER PRIMARY KEY REFERENCES dispute(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                featured_on TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
            """CREATE TABLE publicity (
                id INTEGER PRIMARY KEY,
                submitted_on TEXT NOT NULL,
                outlet TEXT NOT NULL,
                title TEXT NOT NULL,
                author TEXT NOT NULL,
                mediator_id INTEGER REFERENCES mediator(id),
                org_id INTEGER REFERENCES org(id),
                case_id INTEGER REFERENCES dispute(id),
                published INTEGER NOT NULL DEFAULT 0,
                published_on TEXT,
                at TEXT NOT NULL,
                UNIQUE (submitted_on, outlet, title)
            )""",
            "CREATE INDEX publicity_on ON publicity(submitted_on)",
        ],
    )
)
