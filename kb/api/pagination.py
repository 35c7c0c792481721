from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """?limit=&offset= with NetBox's envelope {count, next, previous, results}."""

    max_limit = 200
