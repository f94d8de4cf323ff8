"""One module per command group: parse options, call the ledger/reports, render. No SQL here beyond lookups."""
