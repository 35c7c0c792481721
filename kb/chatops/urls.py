from django.urls import path

from . import views

app_name = "chatops"

urlpatterns = [
    path("slack", views.slack_command, name="slack"),
    path("mattermost", views.mattermost_command, name="mattermost"),
]
