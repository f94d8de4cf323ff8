"""The SQLite ledger: connection, schema migrations, audit log and the queries of each aggregate."""
