"""kb's REST API (Django REST framework): see the README's "REST API"."""
