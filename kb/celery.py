"""The Celery application: `celery -A kb worker` (make worker) runs kb's background jobs.

The broker is CELERY_BROKER_URL (Redis in production and CI). Without it kb
falls back to kombu's filesystem transport under var/celery: messages are
files, so `make run` needs no server, on one machine. Job state lives in the
database (kb.jobs.models.Job), so no result backend is used.
"""

import logging
import os
import threading

from celery import Celery
from celery.signals import worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")

logger = logging.getLogger(__name__)


def broker_settings(url: str, embedded_dir, queue_name: str = "kb") -> dict:
    """Celery configuration for the broker URL, or the embedded filesystem queue."""
    common = {
        "task_ignore_result": True,
        # One big job at a time per worker process; a job is acknowledged when taken, so a
        # worker killed mid-job does not run it again: the job is failed (kb.jobs.Job.lost).
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        "task_default_queue": queue_name,
    }
    if url:
        return {**common, "broker_url": url, "broker_connection_timeout": 5}
    queue = os.path.join(embedded_dir, "queue")
    os.makedirs(queue, exist_ok=True)
    return {
        **common,
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": queue,
            "data_folder_out": queue,
            "control_folder": os.path.join(embedded_dir, "control"),
        },
    }


def _configure(app: Celery):
    from django.conf import settings

    app.conf.update(broker_settings(
        settings.CELERY_BROKER_URL, settings.KB_EMBEDDED_BROKER_DIR, settings.KB_JOB_QUEUE
    ))


app = Celery("kb")
app.on_configure.connect(lambda **_: _configure(app), weak=False)
app.autodiscover_tasks(["kb.jobs"])


@worker_ready.connect
def _say_which_broker(sender=None, **kwargs):
    from django.conf import settings

    if settings.CELERY_BROKER_URL:
        logger.warning("kb worker ready; broker %s", _redacted(settings.CELERY_BROKER_URL))
    else:
        logger.warning("kb worker ready; no CELERY_BROKER_URL, so jobs use the embedded filesystem "
                       "queue under %s (one machine only)", settings.KB_EMBEDDED_BROKER_DIR)
    from kb.jobs.running import recover_jobs

    recover_jobs()


@worker_process_init.connect
def _warm_matcher(**kwargs):
    """Build the matcher and its compiled scanners (prefilter, failures, words) in each worker
    process as it starts, so that the first job does not wait for them (bench_jobs). In a
    thread: Celery kills a process that takes over worker_proc_alive_timeout (4 s) to start, and
    a big knowledge base on a busy machine could; a job arriving meanwhile waits on the
    matcher's lock for what is left."""
    threading.Thread(target=_warm, name="kb-warm-matcher", daemon=True).start()


def _warm():
    from django.db import connection

    from kb.matching.failscan import failure_scanner
    from kb.matching.loader import current_engine
    from kb.matching.prefilter import template_scanner
    from kb.matching.regionscan import region_scanner
    from kb.matching.wordscan import word_scanner

    try:
        engine = current_engine()
        template_scanner(engine)
        # triage reads word evidence by default: its scanners take ~5 s to compile, which the
        # first job of a worker paid (a 100 MB job's round trip 0.9 -> 8.3 s, bench_jobs)
        failure_scanner()
        word_scanner(engine)
        region_scanner(engine)
    except Exception as exc:  # the database away: the first job builds it, or says why not
        logger.warning("matcher not built at worker start: %s", exc)
    finally:
        connection.close()  # this thread's own connection


def _redacted(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"
