"""Slack: request signatures and Block Kit replies.

The signature check is written here (kb does not need slack_sdk to run);
the tests check it against slack_sdk's own SignatureVerifier.
https://api.slack.com/authentication/verifying-requests-from-slack
"""

import hashlib
import hmac
import time

from .replies import USAGE, Answer, Command

# Slack's advice: refuse requests more than five minutes from our clock (replays).
MAX_AGE_SECONDS = 300
SECTION_LIMIT = 3000  # characters in one section block
RESPONSE_URL_PREFIX = "https://hooks.slack.com/"


class SignatureError(Exception):
    pass


def verify(secret: str, body: bytes, timestamp: str, signature: str, *, now: float | None = None):
    """Raise SignatureError unless `signature` is Slack's v0 HMAC of this body at this time."""
    if not timestamp or not signature:
        raise SignatureError("Unsigned request: X-Slack-Request-Timestamp and X-Slack-Signature needed.")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise SignatureError("X-Slack-Request-Timestamp is not a number.") from None
    now = time.time() if now is None else now
    if abs(now - sent_at) > MAX_AGE_SECONDS:
        raise SignatureError(f"Request timestamp is more than {MAX_AGE_SECONDS} s from our clock (replay?).")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise SignatureError("Bad signature: check SLACK_SIGNING_SECRET against the Slack app's.")


def is_response_url(url: str) -> bool:
    return url.startswith(RESPONSE_URL_PREFIX)


def reply(answer: Answer | None, command: Command, slash: str) -> dict:
    """The slash command's response; `answer` None means usage help."""
    if answer is None:
        text = "\n".join(f"`{escape(usage.format(command=slash))}`: {what}" for usage, what in USAGE)
        return _response(command, "kb usage", [_section(f"*kb: match log lines to known issues*\n{text}")])
    if not answer.hits:
        text = (f"No known issue matches these {answer.lines_total} line(s). "
                f"<{answer.search_url}|Search kb> for more.")
        return _response(command, text, [_section(text)])
    blocks = [_section(f"*{len(answer.hits) + answer.more} known issue(s) match* "
                       f"({answer.lines_matched} of {answer.lines_total} line(s))")]
    for hit in answer.hits:
        blocks += [{"type": "divider"}, _section(_hit_text(hit))]
    more = f"{answer.more} more match(es) · " if answer.more else ""
    blocks.append({"type": "context", "elements": [
        {"type": "mrkdwn", "text": f"{more}<{answer.search_url}|Search kb>"},
    ]})
    fallback = "kb: " + "; ".join(f"{hit.title} ({hit.confidence})" for hit in answer.hits)
    return _response(command, fallback, blocks)


def _hit_text(hit) -> str:
    lines = [
        f"*<{hit.url}|{escape(hit.title)}>*",
        f"{hit.confidence.capitalize()} · score {hit.score:.2f} · {escape(hit.status)}",
    ]
    if hit.upstream:
        links = ", ".join(f"<{link.url}|{escape(link.label)}> ({link.status})" for link in hit.upstream[:3])
        lines.append(f"Upstream: {links}")
    lines += [f">{escape(line)}" for line in hit.remedy] or [">_No remedy recorded._"]
    lines += [f"Line {number}: `{escape(text).replace('`', chr(39))}`" for number, text in hit.lines]
    return "\n".join(lines)


def _response(command: Command, text: str, blocks: list) -> dict:
    return {
        "response_type": "in_channel" if command.public else "ephemeral",
        "text": text,
        "blocks": blocks,
    }


def _section(text: str) -> dict:
    if len(text) > SECTION_LIMIT:
        text = text[: SECTION_LIMIT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def escape(text: str) -> str:
    """Slack's three control characters (https://api.slack.com/reference/surfaces/formatting#escaping)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
