"""kb's REST API: every endpoint under /api/ (namespace "api"), kb.learning's included."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from kb.jobs import api as jobs_api
from kb.learning import api as learning

from . import views

app_name = "api"

router = SimpleRouter()
router.register("issues", views.IssueViewSet, basename="issue")
router.register("signatures", views.SignatureViewSet, basename="signature")
router.register("components", views.ComponentViewSet, basename="component")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("unknown", learning.UnknownClusterViewSet, basename="unknown")

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("search", views.SearchView.as_view(), name="search"),
    path("match", views.MatchView.as_view(), name="match"),
    path("import", views.ImportView.as_view(), name="import"),
    path("feedback", learning.FeedbackView.as_view(), name="feedback"),
    path("jobs", jobs_api.JobListView.as_view(), name="jobs"),
    path("jobs/<uuid:pk>", jobs_api.JobDetailView.as_view(), name="job"),
    path("jobs/<uuid:pk>/cancel", jobs_api.JobCancelView.as_view(), name="job-cancel"),
    path("results/<uuid:pk>", jobs_api.ResultView.as_view(), name="result"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
