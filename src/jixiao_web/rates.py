"""Rate limits: ninja's throttles, counted in the shared cache (docs/api.md, limits).

`SharedRateThrottle` is ninja's `SimpleRateThrottle` with three changes:

- it counts in `CACHES["throttle"]`, the database (settings.py), so that gunicorn's worker
  processes count together: a cache in each process's memory would multiply every limit by the
  number of processes;
- it keeps nothing of a request on itself: one throttle object serves every thread of a process,
  and ninja's keeps the key and history of the request under way on the object, where another
  thread's request could overwrite them between reading and writing;
- it reads its rate from the setting it names at each request, so that the setting rules
  (`JIXIAO_API_RATE`; tests change it).

`TokenThrottle` counts per API token (two tokens of one user are counted apart). A per-address
limit (the open data) is a subclass whose key is `get_ident(request)`.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.throttling import AuthRateThrottle, SimpleRateThrottle


class SharedRateThrottle(SimpleRateThrottle):
    setting = ""  # the name of the setting that holds the rate, "600/min"

    def __init__(self) -> None:
        self._told = threading.local()  # the wait of this thread's last refusal

    def rate_now(self) -> tuple[int, int]:
        count, seconds = self.parse_rate(getattr(settings, self.setting))
        assert count is not None and seconds is not None
        return count, seconds

    def allow_request(self, request: HttpRequest) -> bool:
        """Count the request unless its key has used up its rate; then tell how long to wait.

        Reading and writing the count are two steps: two requests with the same key at the
        same instant may be counted once (docs/api.md, limits)."""
        key = self.get_cache_key(request)
        if key is None:
            return True
        count, seconds = self.rate_now()
        cache, now = caches["throttle"], self.timer()
        history = [t for t in cache.get(key, []) if t > now - seconds]  # newest first
        if len(history) >= count:
            self._told.wait = seconds - (now - history[count - 1])  # until a place frees
            return False
        cache.set(key, [now, *history[: count - 1]], seconds)
        return True

    def wait(self) -> float | None:
        return getattr(self._told, "wait", None)


class TokenThrottle(SharedRateThrottle, AuthRateThrottle):
    """`JIXIAO_API_RATE` per token (auth runs first, so every counted request has one)."""

    scope = "token"
    setting = "JIXIAO_API_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "api_token", None)
        if token is None:
            return None
        # the digest, not the id: an id is used again once its token is deleted, a digest never
        return self.cache_format % {"scope": self.scope, "ident": token.digest}
