from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """?limit=&offset= with NetBox's envelope {count, next, previous, results}.

    A value that is not a whole number is a 400 (DRF falls back to the first page, which
    hides a client's bug); a negative one counts as 0, a limit past max_limit as max_limit.
    """

    max_limit = 200

    def get_limit(self, request):
        self._whole_number(request, self.limit_query_param)
        return super().get_limit(request)

    def get_offset(self, request):
        self._whole_number(request, self.offset_query_param)
        return super().get_offset(request)

    @staticmethod
    def _whole_number(request, name: str) -> None:
        value = request.query_params.get(name)
        if value is None:
            return
        try:
            int(value)
        except ValueError:
            raise ValidationError({name: [f"A whole number, not {value[:40]!r}."]}) from None
