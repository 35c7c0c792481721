"""Slack: request signatures and Block Kit replies.

The signature check is written here (kb does not need slack_sdk to run);
the tests check it against slack_sdk's own SignatureVerifier.
https://api.slack.com/authentication/verifying-requests-from-slack
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from kb.scores import score_text

from .replies import THANKS, USAGE, Answer, Command, PayloadError, Vote, vote

# Slack's advice: refuse requests more than five minutes from our clock (replays).
MAX_AGE_SECONDS = 300
SECTION_LIMIT = 3000  # characters in one section block
RESPONSE_URL_PREFIX = "https://hooks.slack.com/"
VALUE_LIMIT = 2000  # characters in a button's value
# A button's action_id is the verdict's: kb_feedback_helped, kb_feedback_wrong.
FEEDBACK_ACTION = "kb_feedback_"
BUTTONS = (("helped", "This helped", "primary"), ("wrong", "Wrong issue", None))
THANKS_MESSAGE = {"response_type": "ephemeral", "replace_original": False, "text": THANKS}


class SignatureError(Exception):
    pass


def verify(secret: str, body: bytes, timestamp: str, signature: str, *, now: float | None = None):
    """Raise SignatureError unless `signature` is Slack's v0 HMAC of this body at this time."""
    if not timestamp or not signature:
        raise SignatureError("Unsigned request: X-Slack-Request-Timestamp and X-Slack-Signature needed.")
    # Slack sends whole seconds: ten digits until the year 2286. A longer number is no
    # timestamp, and 309 digits overflow the float of the comparison below (a 500).
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        raise SignatureError("X-Slack-Request-Timestamp is not a number of seconds.")
    sent_at = int(timestamp)
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
        text = f"{answer.headline}. {answer.counts} <{answer.search_url}|Search kb> for more."
        return _response(command, text, [_section(text)])
    blocks = [_section(f"*{answer.headline}*\n{answer.counts}")]
    for index, hit in enumerate(answer.hits):
        blocks += [{"type": "divider"}, _section(_hit_text(hit))]
        if hit.slug:
            blocks.append(feedback_block(hit.slug, hit.signature, index))
    more = f"{answer.more} more match(es) · " if answer.more else ""
    blocks.append({"type": "context", "elements": [
        {"type": "mrkdwn", "text": f"{more}<{answer.search_url}|Search kb>"},
    ]})
    fallback = "kb: " + "; ".join(f"{hit.title} ({hit.confidence})" for hit in answer.hits)
    return _response(command, fallback, blocks)


def _hit_text(hit) -> str:
    lines = [
        f"*<{hit.url}|{escape(hit.title)}>*",
        f"{hit.confidence.capitalize()} · score {score_text(hit.score)} · {escape(hit.status)}",
    ]
    if hit.upstream:
        links = ", ".join(f"<{link.url}|{escape(link.label)}> ({link.status})" for link in hit.upstream[:3])
        lines.append(f"Upstream: {links}")
    if hit.remedy and hit.remedy_heading:
        lines.append(f"_{hit.remedy_heading}_")
    lines += [f">{escape(line)}" for line in hit.remedy] or [">_No remedy recorded._"]
    lines += [f"Line {number}: `{escape(text).replace('`', chr(39))}`" for number, text in hit.lines]
    if hit.more_lines:
        lines.append(hit.more_lines_text)
    return "\n".join(lines)


def feedback_value(slug: str, signature: str) -> str:
    """The buttons' value: the issue and the kb signature that fired, never the pasted line."""
    value = json.dumps({"issue": slug, "signature": signature}, separators=(",", ":"), ensure_ascii=False)
    if len(value) > VALUE_LIMIT:
        value = json.dumps({"issue": slug}, separators=(",", ":"), ensure_ascii=False)
    return value


def feedback_block(slug: str, signature: str, index: int) -> dict:
    value = feedback_value(slug, signature)
    buttons = []
    for verdict, label, style in BUTTONS:
        button = {"type": "button", "action_id": FEEDBACK_ACTION + verdict,
                  "text": {"type": "plain_text", "text": label}, "value": value}
        if style:
            button["style"] = style
        buttons.append(button)
    return {"type": "actions", "block_id": f"{FEEDBACK_ACTION}{index}", "elements": buttons}


@dataclass
class Interaction:
    votes: list[Vote]
    response_url: str = ""


def parse_interaction(payload: str | None) -> Interaction:
    """The votes in an interactivity request's `payload` field; PayloadError if it is malformed.

    Actions other than kb's feedback buttons are ignored.
    https://api.slack.com/reference/interaction-payloads/block-actions
    """
    if not payload:
        raise PayloadError("The form field `payload` is missing.")
    try:
        data = json.loads(payload)
    except ValueError:
        raise PayloadError("The form field `payload` is not JSON.") from None
    if not isinstance(data, dict) or data.get("type") != "block_actions":
        raise PayloadError("Only block_actions payloads are handled here.")
    actions = data.get("actions")
    if not isinstance(actions, list):
        raise PayloadError("A block_actions payload needs a list of actions.")
    votes = []
    for action in actions:
        if not isinstance(action, dict):
            raise PayloadError("Each action must be an object.")
        action_id = action.get("action_id")
        if not isinstance(action_id, str) or not action_id.startswith(FEEDBACK_ACTION):
            continue
        try:
            value = json.loads(action.get("value") or "")
        except (TypeError, ValueError):
            raise PayloadError("A feedback button's value is not JSON.") from None
        if not isinstance(value, dict):
            raise PayloadError("A feedback button's value must be an object.")
        verdict = action_id.removeprefix(FEEDBACK_ACTION)
        votes.append(vote(value.get("issue"), verdict, value.get("signature", "")))
    response_url = data.get("response_url")
    return Interaction(votes, response_url if isinstance(response_url, str) else "")


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
