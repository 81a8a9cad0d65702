"""The Jinja2 environment: autoescaping on, helpers for links and labels.

Article text, titles, names and URLs are untrusted: everything a template
prints is escaped, and a URL becomes a link only when it is http(s).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request

from ..records import CERTAINTIES

HERE = Path(__file__).resolve().parent


def safe_url(value: str | None) -> str | None:
    """The URL if it is http(s) (a link target), else None: ``javascript:``,
    ``data:`` and the like are shown as text, never followed."""
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def short(value: str | None, n: int = 12) -> str:
    return (value or "")[:n]


def path_part(value: str) -> str:
    """A value as one URL path segment (an actor name may hold a slash)."""
    return quote(value, safe="")


def with_query(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def chain_text(chain: Any) -> str:
    return " › ".join(
        link.source or link.source_text or ("anonymous" if link.anonymous else "unnamed")
        for link in chain
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(short=short, path_part=path_part, chain_text=chain_text)
    env.globals.update(
        safe_url=safe_url,
        with_query=with_query,
        certainties=CERTAINTIES,
    )
    return env


ENV = _environment()


def render(template: str, request: Request, **context: Any) -> str:
    return ENV.get_template(template).render(request=request, **context)
