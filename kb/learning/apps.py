from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "kb.learning"
    label = "learning"
    verbose_name = "Learning"
