"""Say at start which job queue kb uses (kb.I010): the embedded one is for one machine only."""

from django.conf import settings
from django.core.checks import Info, Tags
from django.core.checks import register as register_check


def _embedded_broker(app_configs, **kwargs):
    if settings.CELERY_BROKER_URL:
        return []
    return [Info(
        f"No CELERY_BROKER_URL: background jobs use the embedded filesystem queue under "
        f"{settings.KB_EMBEDDED_BROKER_DIR} (no server needed, one machine only).",
        hint="Set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 to share jobs between machines.",
        id="kb.I010",
    )]


def register():
    register_check(_embedded_broker, Tags.compatibility)
