"""Anonymous clients are throttled per address at KB_ANON_THROTTLE (None: off)."""

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        # Read at request time (DRF reads its own setting at import), so tests
        # and deployments can change it through settings.
        return settings.KB_ANON_THROTTLE


def throttled(request) -> bool:
    """The REST API's throttles, applied to a form post of the pages (they only read request.META/user).

    The paste form matches as /api/match does, so it is limited as /api/match is.
    """
    throttles = [throttle() for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]
    return not all(throttle.allow_request(request, None) for throttle in throttles)
