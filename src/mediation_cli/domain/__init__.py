"""Pure domain rules of the mediation ledger: no I/O, no imports from the rest of the program."""
