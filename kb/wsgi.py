import os

from django.core.wsgi import get_wsgi_application

from kb.chunked import ChunkedBodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
application = ChunkedBodies(get_wsgi_application())
