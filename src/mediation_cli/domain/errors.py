"""The one exception the domain raises for a value refused at input."""

from __future__ import annotations


class Invalid(ValueError):
    """A value refused at input.

    field: the input name (e.g. 'received_on'); value: what was given (already masked if
    personal data); allowed: what is allowed, human text in English; allowed_zh: the same
    in Chinese (optional).
    """

    def __init__(self, field: str, value: object, allowed: str, allowed_zh: str | None = None) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        self.allowed_zh = allowed_zh
        super().__init__(f"{field}: {value!r} — {allowed}")

    def __str__(self) -> str:
        return f"{self.field}: {self.value!r} — {self.allowed}"
