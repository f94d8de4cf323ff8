"""Rendering: one module turns rows and summaries into table, CSV, JSON, Markdown (and XLSX) output."""
