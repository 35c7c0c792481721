"""kb's REST API under /api/ (namespace "api")."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from kb.jobs import api as jobs_api

from . import views

app_name = "api"

router = SimpleRouter()
router.register("issues", views.IssueViewSet, basename="issue")
router.register("signatures", views.SignatureViewSet, basename="signature")
router.register("components", views.ComponentViewSet, basename="component")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("search", views.SearchView.as_view(), name="search"),
    path("match", views.MatchView.as_view(), name="match"),
    path("import", views.ImportView.as_view(), name="import"),
    path("jobs", jobs_api.JobListView.as_view(), name="jobs"),
    path("jobs/<uuid:pk>", jobs_api.JobDetailView.as_view(), name="job"),
    path("jobs/<uuid:pk>/cancel", jobs_api.JobCancelView.as_view(), name="job-cancel"),
    path("results/<uuid:pk>", jobs_api.ResultView.as_view(), name="result"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
