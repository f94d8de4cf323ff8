"""Files in and out: CSV/XLSX readers, the all-or-nothing importer, spreadsheet-safe exporters, upstream profiles."""
