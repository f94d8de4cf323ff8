"""Forms: raw text (command options or import rows) turned into validated column values, one module per entity.

Options and import columns share one parser each, so `org add --kind 苏木镇` and an import row `kind=苏木镇` are
refused or accepted alike.
"""
