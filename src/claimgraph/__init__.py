"""claimgraph: news reports → an auditable evidence graph of claims."""

from __future__ import annotations

from .options import Options
from .pipeline import analyze

__all__ = ["Options", "analyze"]
__version__ = "0.1.0"
