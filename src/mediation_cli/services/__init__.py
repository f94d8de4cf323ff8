"""Use cases: every change a clerk (or a file) makes to the ledger, one function each.

A service function takes the ledger and what was typed (strings, as an option or an import cell has them), checks it,
and writes it in one transaction together with its audit entry and, for a case, its timeline event. Commands only
parse options, call one of these and print the answer; tests call them directly. Nothing here prints or opens files
for output.
"""
