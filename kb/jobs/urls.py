"""Pages of kb.jobs, included at the site root by kb/urls.py."""

from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("results/<uuid:pk>/", views.result, name="result"),
    path("jobs/<uuid:pk>/", views.job, name="job"),
    path("jobs/<uuid:pk>/cancel/", views.job_cancel, name="job_cancel"),
]
