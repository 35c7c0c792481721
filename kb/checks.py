"""System checks for kb's own configuration (ids kb.W001 ...)."""

from django.conf import settings
from django.core.checks import Tags, Warning
from django.core.checks import register as register_check


def _insecure_key(app_configs, **kwargs):
    if settings.SECRET_KEY.startswith("kb-insecure-"):
        return [Warning(
            "SECRET_KEY is the built-in development key.",
            hint="Set SECRET_KEY in the environment for any shared or production deployment.",
            id="kb.W001",
        )]
    return []


def _sqlite_in_production(app_configs, **kwargs):
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return [Warning(
            "The database is SQLite.",
            hint="Set DATABASE_URL=postgres://... for a deployment with several app processes.",
            id="kb.W002",
        )]
    return []


def register():
    register_check(_insecure_key, Tags.security, deploy=True)
    register_check(_sqlite_in_production, Tags.database, deploy=True)
