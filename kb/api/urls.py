"""kb's REST API: every endpoint under /api/ (namespace "api"), kb.learning's included."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

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
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
