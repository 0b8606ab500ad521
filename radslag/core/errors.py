"""Domain errors: raised by services, shown to the user as they are."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the action. `message` is written for the person who tried."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class PermissionDeniedError(DomainError):
    """The person may not do this."""
