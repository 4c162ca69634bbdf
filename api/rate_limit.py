"""Per-tenant request limits (429 with Retry-After), by the `limits` library's moving window.

The window lives in this process by default (`memory://`); with several API processes point
VERIFIER_API_RATE_LIMIT_STORAGE at Redis (`redis://host:6379/1`) so the limit holds across all of them."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from api.errors import ApiError


class TenantRateLimiter:
    def __init__(self, rate: str, storage: str = "memory://") -> None:
        self.items: list[RateLimitItem] = parse_many(rate) if rate else []
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage))

    def check(self, tenant_id: str) -> None:
        """Count one request of the tenant; raise 429 RATE_LIMITED when a window is full."""
        for item in self.items:
            if not self.limiter.hit(item, "tenant", tenant_id):
                reset = self.limiter.get_window_stats(item, "tenant", tenant_id).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                raise ApiError(
                    429,
                    "RATE_LIMITED",
                    f"请求过于频繁，请 {wait} 秒后重试",
                    {"limit": str(item), "retry_after": wait},
                    headers={"Retry-After": str(wait)},
                )
