"""kb's settings, read without importing django.conf when Django is not set up.

`manage.py match` answers before Django is set up (kb/match_command.py), and
importing django.conf alone pulls in asyncio (django.utils.deprecation ->
asgiref.sync): about 45 ms of the command's 0.17 s start-up, 2026-12-06. The
values are the settings module's own (DJANGO_SETTINGS_MODULE, as Django reads
it); once django.conf is in use (a server, a test with override_settings),
its settings are read instead, so both ways give what Django would.
"""

import importlib
import os
import sys


def setting(name: str):
    conf = sys.modules.get("django.conf")
    if conf is not None and conf.settings.configured:
        return getattr(conf.settings, name)
    module = os.environ.get("DJANGO_SETTINGS_MODULE")
    if not module:
        # as django.conf says it, without importing it
        raise RuntimeError(f"Requested setting {name}, but DJANGO_SETTINGS_MODULE is not set.")
    return getattr(importlib.import_module(module), name)
