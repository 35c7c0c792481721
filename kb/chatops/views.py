"""POST /chatops/slack and /chatops/mattermost: slash commands that match log text.

Their answers carry "This helped" / "Wrong issue" buttons; the clicks come back to
POST /chatops/slack/interactivity (signed like the commands) and
/chatops/mattermost/action (with an HMAC kb put in the button) and become Feedback.

Slack and Mattermost give a command 3 seconds. Matching is usually far
quicker, but the first request after an edit rebuilds the matcher; so the
work runs in a small thread pool and, past REPLY_SECONDS, the endpoint
acknowledges at once and posts the answer to the command's response_url.
A request without a response_url kb may post to gets its answer in the
response, however long it takes (up to WAIT_SECONDS): promising one that
follows would be a promise nothing keeps.
"""

import dataclasses
import json
import logging
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from kb.answers import remedies_for
from kb.intake import binary_reason, is_binary
from kb.learning.models import Feedback
from kb.learning.recording import record_feedback, record_report
from kb.matching.loader import current_engine
from kb.models import Issue, UpstreamLink

from . import mattermost, replies, slack

logger = logging.getLogger(__name__)

REPLY_SECONDS = 2.5
# Without a response_url kb may post to (a script, a proxy, a URL it refuses), there is no
# "later": the request waits for the answer this long, then says it could not give one.
WAIT_SECONDS = 25
POST_TIMEOUT_SECONDS = 10
FAILED = {"response_type": "ephemeral", "text": "kb could not answer; the error is logged."}
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kb-chatops")


def _slack_refusal(request):
    """The answer to a Slack request that is disabled, malformed or badly signed; None if it may go on."""
    secret = settings.SLACK_SIGNING_SECRET
    return _refusal(request, "Slack", "SLACK_SIGNING_SECRET", bool(secret)) or _slack_signature_refusal(
        request, secret
    )


@csrf_exempt
def slack_command(request):
    refusal = _slack_refusal(request)
    if refusal:
        return refusal
    return _answer(request, "slack", slack.reply, slack.is_response_url)


@csrf_exempt
def slack_interactivity(request):
    """A click on a feedback button: Slack's block_actions payload, signed like the commands."""
    refusal = _slack_refusal(request)
    if refusal:
        return refusal
    try:
        interaction = slack.parse_interaction(request.POST.get("payload"))
    except replies.PayloadError as exc:
        return _error(400, str(exc))
    recorded = [record_vote(vote, Feedback.Source.SLACK) for vote in interaction.votes]
    if any(recorded) and slack.is_response_url(interaction.response_url):
        _pool.submit(post_json, interaction.response_url, slack.THANKS_MESSAGE)
    # Slack shows errors poorly: an unknown issue is logged, and answered 200 like a vote.
    return HttpResponse(status=200)


def _slack_signature_refusal(request, secret: str):
    try:
        slack.verify(
            secret,
            request.body,
            request.headers.get("X-Slack-Request-Timestamp", ""),
            request.headers.get("X-Slack-Signature", ""),
        )
    except slack.SignatureError as exc:
        return _error(401, str(exc))
    return None


def _mattermost_refusal(request):
    """The answer to a Mattermost request that is disabled or malformed; None if it may go on."""
    return _refusal(request, "Mattermost", "MATTERMOST_TOKEN", bool(settings.MATTERMOST_TOKEN))


@csrf_exempt
def mattermost_command(request):
    refusal = _mattermost_refusal(request)
    if refusal:
        return refusal
    if not mattermost.token_ok(settings.MATTERMOST_TOKEN, mattermost.given_token(request)):
        return _error(401, "Bad or missing token: set MATTERMOST_TOKEN to the slash command's token.")
    # The buttons' context is signed with the token this command came with.
    layout = partial(
        mattermost.reply,
        action_url=request.build_absolute_uri(reverse("chatops:mattermost_action")),
        secret=mattermost.given_token(request),
    )
    return _answer(request, "mattermost", layout, mattermost.is_response_url)


@csrf_exempt
def mattermost_action(request):
    """A click on a feedback button: Mattermost posts the button's context back as JSON."""
    refusal = _mattermost_refusal(request)
    if refusal:
        return refusal
    try:
        data = json.loads(request.body)
    except ValueError:
        return _error(400, "The body is not JSON.")
    if not isinstance(data, dict):
        return _error(400, "The body must be a JSON object with a `context`.")
    try:
        vote = mattermost.verified_vote(settings.MATTERMOST_TOKEN, data.get("context"))
    except replies.PayloadError as exc:
        return _error(400, str(exc))
    if vote is None:
        return _error(401, "Bad or missing context token: this button was not made by this kb.")
    if not record_vote(vote, Feedback.Source.MATTERMOST):
        return JsonResponse({"ephemeral_text": "That issue is no longer in kb: nothing was recorded."})
    return JsonResponse({"ephemeral_text": replies.THANKS})


def record_vote(vote: replies.Vote, source: str) -> bool:
    """Store a button click as Feedback; False (and a log line) when the issue is unknown."""
    issue = Issue.objects.filter(slug=vote.issue).first()
    if issue is None:
        logger.warning("chatops: %s vote %r for an unknown issue %r: nothing recorded",
                       source, vote.verdict, vote.issue)
        return False
    record_feedback(issue, vote.verdict, source, signature_text=vote.signature)
    return True


def _refusal(request, service: str, variable: str, configured: bool):
    """A reason not to go on (as a response), or None; also reads the body within the size limit."""
    if not configured:
        return _error(503, f"{service} commands are disabled: set {variable} in kb's environment.")
    if request.method != "POST":
        return _error(405, "Only POST is accepted here.")
    limit = settings.KB_MAX_PASTE_BYTES
    try:
        too_big = len(request.body) > limit
    except RequestDataTooBig:
        too_big = True
    if too_big:
        return _error(413, f"The body is larger than the limit of {limit} bytes (KB_MAX_PASTE_BYTES).")
    return None


def _answer(request, source, layout, response_url_ok):
    command = replies.parse_command(request.POST.get("text", ""))
    slash = request.POST.get("command") or "/kb"
    if command.wants_help:  # only the asker sees the usage text, even after `public`
        return JsonResponse(layout(None, dataclasses.replace(command, public=False), slash))
    if is_binary(command.text.encode("utf-8", "replace")):
        return JsonResponse({"response_type": "ephemeral", "text": binary_reason("That text", files=False)})
    base = request.build_absolute_uri("/").rstrip("/")
    url = request.POST.get("response_url", "")
    later = response_url_ok(url)
    future = _pool.submit(answer_for, command.text, base, source)
    try:
        answer = future.result(timeout=REPLY_SECONDS if later else WAIT_SECONDS)
    except FutureTimeout:
        if not later:
            return JsonResponse({"response_type": "ephemeral", "text": (
                f"kb could not answer within {WAIT_SECONDS} s, and this request has no response_url "
                "kb may post a later answer to: send fewer lines, or use /api/match.")})
        future.add_done_callback(partial(_post_late, url, layout, command, slash))
        return JsonResponse({"response_type": "ephemeral", "text": "Matching… the answer follows shortly."})
    except Exception:
        logger.exception("chatops: matching failed")
        return JsonResponse(FAILED)
    return JsonResponse(layout(answer, command, slash))


def answer_for(text: str, base: str, source: str) -> replies.Answer:
    """Runs in the pool: match, then fetch the matched issues' upstream links."""
    try:
        report = current_engine().match_text(text)
        record_report(report, source, text=text)
        slugs = [match.issue.spec.slug for match in report.matches[: replies.MAX_MATCHES]]
        search_url = f"{base}{reverse('kb:search')}?{urlencode({'q': replies.search_words(text)})}"
        return replies.build_answer(
            report, absolute=lambda path: base + path, upstream=upstream_links(slugs), search_url=search_url,
            remedies=remedies_for(slugs),
        )
    finally:
        connections.close_all()  # this thread's connections, not the request's


def upstream_links(slugs: list[str]) -> dict[str, list[replies.Upstream]]:
    links = defaultdict(list)
    rows = UpstreamLink.objects.filter(issue__slug__in=slugs).values_list(
        "issue__slug", "label", "url", "status"
    )
    for slug, label, url, status in rows:
        links[slug].append(replies.Upstream(label or url, url, status))
    return links


def _post_late(url, layout, command, slash, future):
    try:
        payload = layout(future.result(), command, slash)
    except Exception:
        logger.exception("chatops: matching failed")
        payload = FAILED
    post_json(url, payload)


def post_json(url: str, payload: dict):
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=POST_TIMEOUT_SECONDS):
            pass
    except OSError:
        logger.exception("chatops: could not post the late answer to %s", url)


def _error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)
