"""The built-in export profiles (moj, region), shipped in the package as TOML."""
