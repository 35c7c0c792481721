"""Celery tasks: thin wrappers over kb.jobs.running."""

from kb.celery import app

from . import running


@app.task(name="kb.jobs.run")
def run_job(job_id: str) -> None:
    running.run(job_id)
