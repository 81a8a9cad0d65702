"""Actor dictionary (placeholder first version; see issue 2 item 4)."""

from __future__ import annotations

import functools


class ActorDictionary:
    def patterns(self) -> list[dict]:
        return []


@functools.lru_cache(maxsize=8)
def load_dictionary(paths: tuple[str, ...] = ()) -> ActorDictionary:
    return ActorDictionary()
