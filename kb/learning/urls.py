"""Pages and API endpoints of kb.learning, included at the site root by kb/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api, views

app_name = "learning"

router = SimpleRouter()
router.register("api/unknown", api.UnknownClusterViewSet, basename="api-unknown")

urlpatterns = [
    path("unknown/", views.unknown_list, name="unknown_list"),
    path("unknown/<int:pk>/signature/", views.unknown_add_signature, name="unknown_add_signature"),
    path("unknown/<int:pk>/new-issue/", views.unknown_new_issue, name="unknown_new_issue"),
    path("unknown/<int:pk>/status/", views.unknown_set_status, name="unknown_set_status"),
    path("feedback/", views.feedback, name="feedback"),
    path("reports/signatures/", views.signature_report, name="signature_report"),
    path("reports/hot/", views.hot_report, name="hot_report"),
    # /api/feedback/ (with a slash) is served too, by the catch-all at the end of kb/api/urls.py.
    path("api/feedback", api.FeedbackView.as_view(), name="api-feedback"),
    *router.urls,
]
