"""Reports: each a function (ledger, parameters) → rows or a summary, shared by commands, reminders and tests."""
