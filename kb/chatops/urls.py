from django.urls import path

from . import views

app_name = "chatops"

urlpatterns = [
    path("slack", views.slack_command, name="slack"),
    path("slack/interactivity", views.slack_interactivity, name="slack_interactivity"),
    path("mattermost", views.mattermost_command, name="mattermost"),
    path("mattermost/action", views.mattermost_action, name="mattermost_action"),
]
