"""mediation-cli: the people's-mediation ledger of a banner judicial bureau (人民调解台账)."""

__version__ = "0.1.0"
