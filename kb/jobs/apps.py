import logging
import os
import sys

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class JobsConfig(AppConfig):
    name = "kb.jobs"
    label = "jobs"
    verbose_name = "Results and jobs"

    def ready(self):
        # Say at start which queue jobs go to (the worker says it too): the embedded
        # one works on one machine only. Only the serving runserver process says it.
        if sys.argv[1:2] == ["runserver"] and os.environ.get("RUN_MAIN") == "true":
            from django.conf import settings

            if not settings.CELERY_BROKER_URL:
                logger.warning("No CELERY_BROKER_URL: background jobs use the embedded filesystem queue "
                               "under %s (no server needed, one machine only)",
                               settings.KB_EMBEDDED_BROKER_DIR)
