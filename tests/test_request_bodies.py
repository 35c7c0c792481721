"""Requests as clients send them: multipart files to /api/match, oversized uploads, throttled pastes.

Chunked bodies need a server that de-chunks them: tests/test_multiprocess.py sends them to gunicorn.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kb.chunked import ChunkedBodies
from tests.base import DNS_LINE, make_knowledge

pytestmark = pytest.mark.django_db


def test_api_match_takes_a_multipart_file(client):
    make_knowledge()
    upload = SimpleUploadedFile("app.log", f"INFO starting\n{DNS_LINE}\n".encode(), "text/plain")
    response = client.post("/api/match", {"file": upload, "min_score": "0"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["lines_total"] == 2
    assert body["matches"][0]["issue"]["slug"] == "kubedns-max-queries"


def test_api_match_multipart_without_a_file_part_says_so(client):
    response = client.post("/api/match", {"text": DNS_LINE})
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_api_match_multipart_over_the_limit_is_a_413(client, settings):
    settings.KB_MAX_PASTE_BYTES = 1000
    upload = SimpleUploadedFile("big.log", (DNS_LINE + "\n").encode() * 40, "text/plain")
    response = client.post("/api/match", {"file": upload})
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["detail"]


def test_the_upload_form_answers_413_past_the_limit(client, settings):
    """Past the paste limit a file becomes a job (kb.jobs); past the upload limit it is refused."""
    settings.KB_MAX_PASTE_BYTES = 500
    settings.KB_MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("big.log", (DNS_LINE + "\n").encode() * 40, "text/plain")
    response = client.post("/match/", {"file": upload})
    assert response.status_code == 413
    assert "larger than the limit" in response.content.decode()
    pasted = client.post("/match/", {"text": (DNS_LINE + "\n") * 40})
    assert pasted.status_code == 413
    assert client.post("/match/", {"text": DNS_LINE}).status_code == 302  # to the answer's permalink


def test_the_paste_form_is_throttled_like_the_api(client, settings):
    settings.KB_ANON_THROTTLE = "3/min"
    codes = [client.post("/match/", {"text": DNS_LINE}).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert client.get("/match/").status_code == 200  # reading the form is not a paste


def wsgi_call(application, body: bytes, *, terminated=True, path="/api/match"):
    """Calls a WSGI application with a chunked body as gunicorn hands it over."""
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": path, "CONTENT_TYPE": "text/plain",
        "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": io.BytesIO(body),
        "wsgi.input_terminated": terminated,
    }
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    return environ, answer, b"".join(application(environ, start_response))


def test_a_chunked_body_reaches_django_with_its_length(settings):
    seen = {}

    def django(environ, start_response):
        seen.update(length=environ["CONTENT_LENGTH"], body=environ["wsgi.input"].read())
        start_response("200 OK", [])
        return [b""]

    wsgi_call(ChunkedBodies(django), DNS_LINE.encode())
    assert seen == {"length": str(len(DNS_LINE)), "body": DNS_LINE.encode()}


def test_an_oversized_chunked_body_is_a_413_before_django(settings):
    settings.KB_MAX_PASTE_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1100

    def django(environ, start_response):
        raise AssertionError("not reached")

    _, answer, body = wsgi_call(ChunkedBodies(django), b"x" * 5000)
    assert answer["status"].startswith("413")
    assert b"1000 bytes" in body


def test_a_chunked_body_a_server_left_chunked_is_a_411_that_says_what_to_do(settings):
    """Django's runserver (`make run`) passes a chunked body on unread: the paste was lost and
    the answer was 'Nothing to match: the text is empty'."""
    def django(environ, start_response):
        raise AssertionError("not reached: Django would read an empty body")

    _, answer, body = wsgi_call(ChunkedBodies(django), DNS_LINE.encode(), terminated=False)
    assert answer["status"].startswith("411")
    assert answer["headers"]["Content-Type"] == "application/json"
    detail = json.loads(body)["detail"]
    assert "Transfer-Encoding: chunked" in detail and "curl --data-binary @file" in detail


def test_an_oversized_chunked_job_upload_says_how_to_send_a_big_log(settings):
    """`cat big.log | curl -T - $KB/api/jobs` was refused with the paste limit alone, as if jobs had it."""
    settings.KB_MAX_PASTE_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1100

    def django(environ, start_response):
        raise AssertionError("not reached")

    _, answer, body = wsgi_call(ChunkedBodies(django), b"x" * 5000, path="/api/jobs")
    assert answer["status"].startswith("413")
    detail = json.loads(body)["detail"]
    assert "read only up to 1000 bytes" in detail and "curl --data-binary @file" in detail
