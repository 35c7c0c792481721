"""An HTTP status after "token:" is no secret; a token's value still is.

Seen: the unknown-errors queue stored keystonemiddleware's `Bad response code while validating
token: 400` as `... validating token: <SECRET>`: "token:" was read as a credential's key and the
status code as its value, so the queue showed an editor no status to group or act on.
"""

import pytest

from kb.learning.models import UnknownCluster
from kb.learning.recording import record_report
from kb.matching.normalize import SECRET, mask_secrets
from tests.base import report_of

KEYSTONE = ("2024-05-20 12:01:02.345 2211 WARNING keystonemiddleware.auth_token [-] "
            "Bad response code while validating token: {}")
TOKEN = "gAAAAABmR3kZq8x9T2vLw0pYb7NcQe5Hf1JuK4sDaVtXo6iGnPz3Ry"


@pytest.mark.parametrize("line, masked", [
    ("Bad response code while validating token: 400", "Bad response code while validating token: 400"),
    ("Bad response code while validating token: 503.", "Bad response code while validating token: 503."),
    ('{"token": 401, "x": 1}', '{"token": 401, "x": 1}'),
    ("X-Auth-Token: 404", "X-Auth-Token: 404"),
    # a token's value, however it looks, is still masked
    (f"validating token: {TOKEN}", f"validating token: {SECRET}"),
    ("token: 4000", f"token: {SECRET}"),
    ("token: 400abc", f"token: {SECRET}"),
    ("token: 999", f"token: {SECRET}"),
    ("token=404&x=1", f"token={SECRET}&x=1"),  # a query string's value: no sentence's colon
    ("password: 500", f"password: {SECRET}"),
])
def test_a_status_after_token_colon_stays_and_a_value_is_masked(line, masked):
    assert mask_secrets(line) == masked
    assert mask_secrets(masked) == masked  # idempotent


@pytest.mark.django_db
def test_the_unknown_errors_queue_keeps_the_status_and_masks_the_token(settings):
    settings.KB_STORE_UNKNOWN_SAMPLES = True
    lines = [KEYSTONE.format(400), KEYSTONE.format(TOKEN)]
    record_report(report_of(unmatched=lines, lines_total=2), "web")
    clusters = {c.template: c.sample for c in UnknownCluster.objects.all()}
    assert set(clusters) == {"Bad response code while validating token: <NUM>",
                             f"Bad response code while validating token: {SECRET}"}
    assert clusters["Bad response code while validating token: <NUM>"].endswith("validating token: 400")
    assert TOKEN not in " ".join(clusters.values())
