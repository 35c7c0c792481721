"""Slash commands for Slack and Mattermost: see the README's "Chatops and scripts"."""
