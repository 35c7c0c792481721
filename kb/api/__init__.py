"""kb's REST API (Django REST framework)."""
