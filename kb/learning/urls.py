"""Pages of kb.learning, included at the site root by kb/urls.py (its API is routed by kb/api/urls.py)."""

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("unknown/", views.unknown_list, name="unknown_list"),
    path("unknown/<int:pk>/signature/", views.unknown_add_signature, name="unknown_add_signature"),
    path("unknown/<int:pk>/new-issue/", views.unknown_new_issue, name="unknown_new_issue"),
    path("unknown/<int:pk>/status/", views.unknown_set_status, name="unknown_set_status"),
    path("feedback/", views.feedback, name="feedback"),
    path("reports/signatures/", views.signature_report, name="signature_report"),
    path("reports/hot/", views.hot_report, name="hot_report"),
]
