"""Anonymous clients are throttled per address at KB_ANON_THROTTLE (None: off)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        # Read at request time (DRF reads its own setting at import), so tests
        # and deployments can change it through settings.
        return settings.KB_ANON_THROTTLE
