"""Domain errors. The CLI and HTTP layers turn these into clean messages."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(ClaimgraphError):
    """A document or input file that cannot be read as news text."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SkippedDocument(ClaimgraphError):
    """A readable document that claimgraph deliberately does not analyze."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: skipped: {reason}")
        self.source = source
        self.reason = reason


class ModelNotFound(ClaimgraphError):
    pass


class StoreError(ClaimgraphError):
    pass
