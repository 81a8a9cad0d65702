"""The command line: each command opens the store, calls one library function, prints."""

from .main import app, main

__all__ = ["app", "main"]
