"""The API against its own OpenAPI schema, with generated requests (schemathesis).

Runs in-process on the WSGI application: no server. Each operation of
/api/schema/ gets MAX_EXAMPLES positive cases (valid by the schema; path
parameters half random, half naming real objects) and NEGATIVE_EXAMPLES
negative ones (invalid by the schema). Writes are included, authenticated with
a staff write token: an anonymous run would only prove that writes answer 401.

Checks on every response, failing the test:
- not_a_server_error: no 5xx;
- content_type_conformance: the Content-Type is one the schema documents;
- response_headers_conformance: documented headers are present and valid;
- response_schema_conformance: a body validates against the schema of its status,
  4xx included (the Error component, or what the operation declares);
- status_code_conformance: every status, 4xx included, is one the schema lists
  for the operation (kb.api.schema adds the error responses).

Not applied: negative_data_rejection. DRF is lenient by design with some
invalid query parameters (a bad ?limit= or ?offset= falls back to the
default page, an unknown ?status= of /api/unknown/ lists everything), which
that check reports as "schema-violating request accepted".
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kb.learning.recording import record_report
from kb.models import ApiToken, Issue, Signature
from tests.base import report_of
from tests.conftest import FIXTURES

MAX_EXAMPLES = 20
NEGATIVE_EXAMPLES = 10
CHECKS = [not_a_server_error, content_type_conformance, response_headers_conformance,
          response_schema_conformance, status_code_conformance]

# Loaded at collection: serving the schema needs no database. (schemathesis.pytest.from_fixture,
# the lazy form, relies on a pytest internal that pytest 9 removed.)
# Unthrottled, so that this request leaves no count in the cache for the throttling tests.
with override_settings(KB_ANON_THROTTLE=None):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(autouse=True)
def in_test_transaction(db, settings):
    """Requests through the WSGI application see the test's data.

    A real WSGI request closes "old" database connections when it starts and
    ends; inside a test transaction that would drop the test's data, so the
    handlers are disconnected, as Django's own test client does.
    """
    settings.KB_ANON_THROTTLE = None
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_ids(db) -> dict:
    """Path parameters that name existing objects, so cases reach past the 404."""
    call_command("import_rst", str(FIXTURES), verbosity=0)
    record_report(report_of(unmatched=["ERROR nova.compute something odd happened on host"]))
    from kb.learning.models import UnknownCluster

    issue = Issue.objects.active().first()
    return {"slug": issue.slug, "name": issue.components.first().name, "id": Signature.objects.first().pk,
            "document": issue.document.slug, "cluster": UnknownCluster.objects.first().pk}


@pytest.fixture
def write_token(db) -> str:
    user = get_user_model().objects.create_user("schemathesis", password="-", is_staff=True)
    return ApiToken.create_for(user, "schemathesis", write=True)[1]


def path_parameters(operation, ids: dict) -> dict:
    names = [p.name for p in operation.path_parameters]
    if operation.path.startswith("/api/documents/"):
        ids = {**ids, "slug": ids["document"]}
    if operation.path.startswith("/api/unknown/"):
        ids = {**ids, "id": ids["cluster"]}
    return {name: ids[name] for name in names}


def cases(operation, mode: GenerationMode, ids: dict):
    strategy = operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE and operation.path_parameters:
        real = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters(operation, ids))
        strategy = st.one_of(strategy, real)
    return strategy


# Bugs found by this test, open in kb/api; strict, so a fix shows up as XPASS (remove the entry then).
KNOWN_BUGS: dict[str, str] = {}


def operation_param(operation):
    reason = KNOWN_BUGS.get(operation.label)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(operation, id=operation.label, marks=marks)


@pytest.mark.parametrize("operation", [operation_param(op) for op in OPERATIONS])
def test_the_api_keeps_to_its_schema(operation, real_ids, write_token):
    headers = {"Authorization": f"Token {write_token}"}

    def check(case, checks):
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(operation, GenerationMode.POSITIVE, real_ids))
    def positive(case):
        check(case, CHECKS)

    @settings(max_examples=NEGATIVE_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(operation, GenerationMode.NEGATIVE, real_ids))
    def negative(case):
        check(case, CHECKS)

    positive()
    try:
        negative()
    except Unsatisfiable:
        pass  # nothing in this operation can be made invalid (a free-text path parameter)
