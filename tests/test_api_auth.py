"""Tokens, write rights, KB_PUBLIC_READ, throttling, and how tokens are made."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kb.models import ApiToken, Issue
from tests.base import (  # noqa: F401
    make_issue,
    make_token,
    make_user,
    no_throttle,
    token_header,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

NEW_ISSUE = {"slug": "new-issue", "title": "A new issue", "symptoms": "It breaks."}


def post_issue(client, **headers):
    return client.post("/api/issues/", json.dumps(NEW_ISSUE), content_type="application/json", **headers)


def test_it_stores_only_the_hash_and_a_prefix_of_the_key():
    token, key = ApiToken.create_for(make_user(), "ci", write=True)
    assert len(key) == 40 and token.prefix == key[:8]
    assert token.digest == ApiToken.hash_key(key) and key not in token.digest
    assert not ApiToken.objects.filter(digest=key).exists()


def test_it_writes_with_a_staff_write_token(client):
    response = post_issue(client, **token_header(make_token(write=True)))
    assert response.status_code == 201, response.content
    assert Issue.objects.filter(slug="new-issue").exists()


def test_it_accepts_the_bearer_keyword_too(client):
    key = make_token(write=True)
    assert post_issue(client, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 201


def test_it_answers_401_to_a_write_without_a_token(client):
    response = post_issue(client)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_it_answers_401_to_a_wrong_token(client):
    response = post_issue(client, **token_header("f" * 40))
    assert response.status_code == 401 and response.json()["detail"].startswith("Invalid token.")


def test_it_answers_401_to_a_malformed_header(client):
    response = post_issue(client, HTTP_AUTHORIZATION="Token two words")
    assert response.status_code == 401 and "Malformed" in response.json()["detail"]


def test_it_answers_401_to_an_expired_token_even_for_reads(client):
    key = make_token(write=True, expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get("/api/issues/", **token_header(key))
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_it_accepts_a_token_that_expires_later(client):
    key = make_token(write=True, expires_at=timezone.now() + timedelta(days=1))
    assert post_issue(client, **token_header(key)).status_code == 201


def test_it_answers_403_to_a_read_only_token_on_a_write(client):
    response = post_issue(client, **token_header(make_token(write=False)))
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert not Issue.objects.exists()


def test_it_answers_403_to_a_write_token_of_a_non_staff_user(client):
    key = make_token(make_user("someone", staff=False), write=True)
    response = post_issue(client, **token_header(key))
    assert response.status_code == 403 and "staff" in response.json()["detail"]


def test_it_answers_403_to_a_session_write(client):
    client.force_login(make_user("editor", staff=True))
    response = post_issue(client)
    assert response.status_code == 403 and "token" in response.json()["detail"]


def test_it_refuses_a_token_of_an_inactive_user(client):
    user = make_user()
    key = make_token(user, write=True)
    user.is_active = False
    user.save()
    assert post_issue(client, **token_header(key)).status_code == 401


def test_it_records_when_a_token_was_last_used_at_most_once_a_minute(client, django_assert_num_queries):
    make_issue()
    key = make_token()
    client.get("/api/components/", **token_header(key))
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    # token lookup, count, page: no UPDATE the second time within a minute
    with django_assert_num_queries(3):
        client.get("/api/components/", **token_header(key))


def test_reads_are_public_by_default(client):
    make_issue()
    assert client.get("/api/issues/").status_code == 200
    assert client.get("/api/match?q=x").status_code != 401


@pytest.mark.parametrize("path", ["/api/issues/", "/api/issues/kubedns-max-queries/", "/api/components/",
                                  "/api/documents/", "/api/signatures/", "/api/search?q=dns",
                                  "/api/match?q=dns", "/api/schema/"])
def test_it_needs_a_login_or_token_for_reads_when_public_read_is_off(client, settings, path):
    settings.KB_PUBLIC_READ = False
    make_issue()
    assert client.get(path).status_code == 401
    assert client.get(path, **token_header(make_token())).status_code == 200
    client.force_login(make_user("reader", staff=False))
    assert client.get(path).status_code == 200


def test_match_by_post_needs_a_login_too_when_public_read_is_off(client, settings):
    settings.KB_PUBLIC_READ = False
    response = client.post("/api/match", "some text", content_type="text/plain")
    assert response.status_code == 401


def test_it_throttles_anonymous_clients(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.KB_ANON_THROTTLE = "3/min"
    codes = [client.get("/api/components/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/components/")
    assert "throttled" in response.json()["detail"] and int(response["Retry-After"]) > 0
    # a token holder is not an anonymous client
    assert client.get("/api/components/", **token_header(make_token())).status_code == 200
    cache.clear()


def test_create_token_prints_the_key_once(db):
    make_user("ops", staff=True)
    out, err = StringIO(), StringIO()
    call_command("create_token", "ops", "--write", "--expires-days", "30", stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(digest=ApiToken.hash_key(key))
    assert token.write and token.user.username == "ops"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert "shown only now" in err.getvalue()


def test_create_token_makes_read_only_tokens_by_default_and_warns_about_non_staff(db, client):
    make_user("viewer", staff=False)
    out, err = StringIO(), StringIO()
    call_command("create_token", "viewer", "--write", stdout=out, stderr=err)
    # what the token will meet, and how to change it (a new user's trial: a 403 on every write)
    assert "not staff: every write with this token is refused (403)" in err.getvalue()
    assert "Staff status" in err.getvalue()
    write = client.post("/api/signatures/", {}, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert write.status_code == 403
    call_command("create_token", "viewer", stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.filter(write=False, expires_at=None).count() == 1


def test_create_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user 'ghost'"):
        call_command("create_token", "ghost", stdout=StringIO(), stderr=StringIO())


def test_the_admin_shows_a_new_key_once(admin_client):
    user = make_user("bot-owner")
    response = admin_client.post("/admin/kb/apitoken/add/", {
        "user": user.pk, "name": "slack bot", "write": "on", "expires_at_0": "", "expires_at_1": "",
    })
    assert response.status_code == 200
    token = ApiToken.objects.get(name="slack bot")
    key = response.context["key"]
    assert ApiToken.hash_key(key) == token.digest
    assert key.encode() in response.content and b"not shown again" in response.content
    change_page = admin_client.get(f"/admin/kb/apitoken/{token.pk}/change/")
    assert key.encode() not in change_page.content and token.prefix.encode() in change_page.content


@pytest.mark.parametrize("value, expected", [("off", "None"), ("30/min", "30/min"), ("5/s", "5/s")])
def test_the_throttle_rate_comes_from_the_environment(value, expected):
    result = subprocess.run(
        [sys.executable, "-c", "import kb.settings as s; print(s.KB_ANON_THROTTLE)"],
        cwd=ROOT, env={**os.environ, "KB_ANON_THROTTLE": value},
        capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.strip() == expected, result.stderr


def test_a_bad_throttle_rate_stops_kb_at_start():
    result = subprocess.run(
        [sys.executable, "-c", "import kb.settings"], cwd=ROOT,
        env={**os.environ, "KB_ANON_THROTTLE": "fast"}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and "KB_ANON_THROTTLE='fast' is not a rate like 120/min" in result.stderr
