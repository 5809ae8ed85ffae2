"""Anonymous throttling whose rate is read per request, not at import."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """AnonRateThrottle with REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].

    DRF binds THROTTLE_RATES when the module is imported, so a changed setting
    (API_THROTTLE_ANON, or a test's override) would be ignored.
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
