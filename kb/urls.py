from django.contrib import admin
from django.urls import include, path

from . import views

app_name = "kb"

web = [
    path("", views.home, name="home"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("search/", views.search, name="search"),
    path("match/", views.paste, name="paste"),
    path("healthz", views.health, name="health"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("kb.api.urls")),
    path("", include("kb.learning.urls")),
    path("", include("kb.jobs.urls")),
    path("chatops/", include("kb.chatops.urls")),
    path("", include((web, "kb"))),
]

handler400 = "kb.errors.bad_request"
handler500 = "kb.errors.server_error"
