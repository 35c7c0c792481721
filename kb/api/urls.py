"""kb's REST API under /api/ (namespace "api")."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

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
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
