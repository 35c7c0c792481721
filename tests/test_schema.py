"""The OpenAPI document: generated without warnings, valid OpenAPI 3, and served with its docs page."""

import json
import re
from contextlib import redirect_stderr
from io import StringIO

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from openapi_spec_validator import validate

from tests.base import no_throttle  # noqa: F401


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(schema, warnings) as `manage.py spectacular --validate` makes them."""
    path = tmp_path_factory.mktemp("schema") / "openapi.json"
    GENERATOR_STATS.reset()  # forget warnings of schemas generated earlier in this process
    stderr = StringIO()
    with redirect_stderr(stderr):
        call_command("spectacular", "--validate", "--format", "openapi-json", "--file", str(path))
    return json.loads(path.read_text()), stderr.getvalue()


@pytest.fixture
def schema(generated):
    return generated[0]


def test_it_generates_without_warnings(generated):
    """What `manage.py spectacular --fail-on-warn` checks: unannotated views, name clashes."""
    assert generated[1] == ""


def test_it_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_it_documents_every_endpoint(schema):
    expected = {
        "/api/issues/": {"get", "post"},
        "/api/issues/{slug}/": {"get", "put", "patch", "delete"},
        "/api/signatures/": {"get", "post"},
        "/api/signatures/{id}/": {"get", "put", "patch", "delete"},
        "/api/components/": {"get"},
        "/api/components/{name}/": {"get"},
        "/api/documents/": {"get"},
        "/api/documents/{slug}/": {"get"},
        "/api/search": {"get"},
        "/api/match": {"get", "post"},
        "/api/import": {"post"},
    }
    for path, methods in expected.items():
        assert methods <= set(schema["paths"][path]), path


def test_it_documents_the_issue_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/issues/"]["get"]["parameters"]}
    assert {"component", "status", "environment", "q", "ordering", "limit", "offset"} <= names


def test_it_documents_both_bodies_of_match(schema):
    body = schema["paths"]["/api/match"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain"} <= set(body)
    responses = schema["paths"]["/api/match"]["post"]["responses"]
    assert {"200", "400", "413", "415", "429"} <= set(responses)


def test_it_documents_import_as_multipart_with_its_statuses(schema):
    operation = schema["paths"]["/api/import"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert {"200", "207", "400", "401", "403"} <= set(operation["responses"])


def test_it_documents_the_errors_of_every_operation(schema):
    """kb.api.schema: one Error body; statuses by method, path parameters, body and throttling."""
    error = {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"401", "429"}
            if method != "get":
                expected |= {"403"}
            if "{" in path:
                expected |= {"404"}
            if "requestBody" in operation:
                expected |= {"400", "413", "415"}
            assert expected <= set(responses), (method, path, sorted(responses))
            for code in expected - {"400"}:
                assert responses[code]["content"]["application/json"]["schema"] == error, (method, path, code)


def test_it_documents_both_bodies_of_a_refused_import(schema):
    body = schema["paths"]["/api/import"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    refusal = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert refusal == {"oneOf": [{"$ref": "#/components/schemas/ImportResult"},
                                 {"$ref": "#/components/schemas/Error"}]}


def test_it_documents_406_and_plain_text_where_there_is_a_format(schema):
    for path in ("/api/match", "/api/search"):
        responses = schema["paths"][path]["get"]["responses"]
        assert "406" in responses
        assert all(r["content"]["text/plain"]["schema"] == {"type": "string"}
                   for code, r in responses.items() if code != "414")  # 414 is gunicorn's HTML page


def test_it_documents_token_authentication(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {"type": "apiKey", "in": "header", "name": "Authorization",
                      "description": scheme["description"]}


@pytest.mark.django_db
def test_the_schema_is_served(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200 and response.json()["info"]["title"] == "kb API"


@pytest.mark.django_db
def test_the_docs_page_works_offline_and_without_inline_scripts(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert all(src.startswith("/") for src in sources), sources  # nothing from a CDN
    assert any("drf_spectacular_sidecar/swagger-ui-dist" in src for src in sources)
    init = next(src for src in sources if "script" in src and "sidecar" not in src)
    script = client.get(init.replace("&amp;", "&"))
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_it_documents_414_where_there_are_query_parameters(schema):
    """gunicorn refuses a request line over 4 KiB with 414 before kb sees it (schemathesis found it)."""
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            has_query = any(p["in"] == "query" for p in operation.get("parameters", []))
            assert ("414" in operation["responses"]) == has_query, (method, path)
            if has_query:  # gunicorn's HTML page
                assert list(operation["responses"]["414"]["content"]) == ["text/html"], (method, path)


def assert_described(data, serializer, where="body"):
    """Every key of `data` is a field of `serializer`, every required field is there, all the way down:
    the schema says what the answer holds (the engine's dicts are made by as_dict, not by it)."""
    from rest_framework import serializers

    fields = serializer.fields
    assert set(data) <= set(fields), f"{where}: undocumented {sorted(set(data) - set(fields))}"
    required = {name for name, field in fields.items() if field.required}
    assert required <= set(data), f"{where}: missing {sorted(required - set(data))}"
    for name, value in data.items():
        field = fields[name]
        if isinstance(field, serializers.ListSerializer):
            for index, item in enumerate(value):
                assert_described(item, field.child, f"{where}.{name}[{index}]")
        elif isinstance(field, serializers.Serializer) and value is not None:
            assert_described(value, field, f"{where}.{name}")


@pytest.fixture
def shipped(db):
    from tests.conftest import FIXTURES

    call_command("import_rst", *map(str, sorted(FIXTURES.glob("*.rst"))), verbosity=0)


def eval_text(count=60) -> str:
    from tests.conftest import ROOT

    lines = (ROOT / "tests/eval/lines.jsonl").read_text().splitlines()
    return "\n".join(json.loads(line)["text"] for line in lines[:count]) + "\n"


def test_a_match_answer_and_its_permalink_are_what_the_schema_says(client, shipped):
    from kb.api.serializers import MatchReportSerializer, StoredResultSerializer

    answer = client.post("/api/match", {"text": eval_text()}, content_type="application/json").json()
    assert answer["matches"] and answer["unmatched"] and answer["result_url"]
    assert_described(answer, MatchReportSerializer())
    stored = client.get(answer["result_url"].replace("/results/", "/api/results/").rstrip("/")).json()
    assert_described(stored, StoredResultSerializer())


def test_a_job_result_over_a_bundle_is_what_the_schema_says(client, shipped, settings):
    import gzip
    import io
    import tarfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    from kb.api.serializers import StoredResultSerializer
    from kb.jobs import running
    from kb.jobs.api import JobStateSerializer
    from kb.jobs.models import Job

    settings.KB_MAX_PASTE_BYTES = 3000  # the bigger log is triaged: count, first_line, last_line
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in [("big.log.gz", gzip.compress(eval_text().encode())),
                           ("small.log", eval_text(8).encode()), ("core", b"\x7fELF\x00\x00" * 100)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", buffer.getvalue())})
    running.run(response.json()["id"])
    job = client.get(response["Location"]).json()
    result = job["result"]
    assert result["mode"] == "triage" and result["skipped"] and len(result["files"]) == 2
    assert any("count" in match for match in result["matches"])
    assert_described(job, JobStateSerializer())
    stored = client.get(f"/api/results/{Job.objects.get().result_id}").json()
    assert_described(stored, StoredResultSerializer())
