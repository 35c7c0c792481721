from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kb.jobs"
    label = "jobs"
    verbose_name = "Results and jobs"
