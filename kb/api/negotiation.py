"""Content negotiation: an unknown ?format= is a 406 that says which formats there are.

DRF answers 404 ("Not found.") to a format no renderer has, as if the
resource were missing; 406 Not Acceptable is what it answers to an Accept
header no renderer suits, and a format the endpoint lacks is the same case.
"""

from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            known = ", ".join(sorted({renderer.format for renderer in renderers if renderer.format}))
            raise NotAcceptable(
                f"No format {format!r} here; ?format= takes one of: {known}.", available_renderers=renderers
            )
        return found
