"""The web layer: a JSON API under ``/api/`` and server-rendered pages (extra: web).

>>> from claimgraph.web import create_app     # doctest: +SKIP
>>> app = create_app("news.db")                # an ASGI app: uvicorn.run(app)
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
