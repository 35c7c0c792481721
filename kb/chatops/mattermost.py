"""Mattermost: slash-command tokens and Markdown replies.

Mattermost sends the command's token both as the form field `token` and as
`Authorization: Token <token>`; either is accepted.
"""

import hashlib
import hmac
import json
import re

from kb.scores import score_text

from .replies import USAGE, Answer, Command, Vote, vote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def given_token(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "token" and value.strip():
        return value.strip()
    return request.POST.get("token", "")


def token_ok(configured: list[str], given: str) -> bool:
    given_bytes = given.encode()
    # Compare against every configured token, each in constant time.
    results = [hmac.compare_digest(given_bytes, token.encode()) for token in configured]
    return bool(given) and any(results)


def is_response_url(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def reply(
    answer: Answer | None, command: Command, slash: str, *, action_url: str = "", secret: str = ""
) -> dict:
    """The slash command's response; with an action_url and a secret, feedback buttons too."""
    response = {"response_type": "in_channel" if command.public else "ephemeral",
                "text": _text(answer, slash)}
    if answer is not None and action_url and secret:
        attachments = [feedback_attachment(hit, index, action_url, secret)
                       for index, hit in enumerate(answer.hits) if hit.slug]
        if attachments:
            response["attachments"] = attachments
    return response


def _text(answer: Answer | None, slash: str) -> str:
    if answer is None:
        text = "#### kb: match log lines to known issues\n" + "\n".join(
            f"- `{usage.format(command=slash)}`: {what}" for usage, what in USAGE
        )
    elif not answer.hits:
        text = f"{answer.headline}. {answer.counts} [Search kb]({answer.search_url}) for more."
    else:
        parts = [f"#### {answer.headline}", answer.counts]
        parts += [_hit_text(hit) for hit in answer.hits]
        more = f"{answer.more} more match(es) · " if answer.more else ""
        parts.append(f"{more}[Search kb]({answer.search_url})")
        text = "\n\n".join(parts)
    return text


def _hit_text(hit) -> str:
    lines = [
        f"**[{escape(hit.title)}]({hit.url})**",
        f"{hit.confidence.capitalize()} · score {score_text(hit.score)} · {escape(hit.status)}",
    ]
    if hit.upstream:
        links = ", ".join(f"[{escape(link.label)}]({link.url}) ({link.status})" for link in hit.upstream[:3])
        lines.append(f"Upstream: {links}")
    remedy = [f"> {escape(line)}" for line in hit.remedy] or ["> _No remedy recorded._"]
    if hit.remedy and hit.remedy_heading:
        lines.append(f"_{hit.remedy_heading}_")
    matched = [f"Line {number}: `{text.replace('`', chr(39))}`" for number, text in hit.lines]
    if hit.more_lines:
        matched.append(hit.more_lines_text)
    # Blank lines around the quote: Markdown would otherwise continue it into the next lines.
    return "\n\n".join(["  \n".join(lines), "\n".join(remedy), "  \n".join(matched)]).rstrip()


# Interactive message buttons: https://developers.mattermost.com/integrate/plugins/interactive-messages/
# Mattermost posts the button's context back to its URL; the context carries an HMAC,
# keyed with the slash command's token, so that only contexts kb made are accepted.
BUTTONS = (("helped", "This helped", "good"), ("wrong", "Wrong issue", "default"))
_CONTEXT_DOMAIN = b"kb-chatops-feedback-v1\n"


def context_token(secret: str, issue: str, verdict: str, signature: str) -> str:
    message = json.dumps([issue, verdict, signature], separators=(",", ":"), ensure_ascii=True).encode()
    return hmac.new(secret.encode(), _CONTEXT_DOMAIN + message, hashlib.sha256).hexdigest()


def feedback_context(secret: str, issue: str, verdict: str, signature: str) -> dict:
    return {"issue": issue, "verdict": verdict, "signature": signature,
            "token": context_token(secret, issue, verdict, signature)}


def feedback_attachment(hit, index: int, action_url: str, secret: str) -> dict:
    actions = [
        {
            # Mattermost wants ids of letters and digits only.
            "id": f"kb{verdict}{index}", "name": label, "type": "button", "style": style,
            "integration": {"url": action_url,
                            "context": feedback_context(secret, hit.slug, verdict, hit.signature)},
        }
        for verdict, label, style in BUTTONS
    ]
    return {"fallback": f"Did {hit.title} help?", "text": f"Did **{escape(hit.title)}** help?",
            "actions": actions}


def verified_vote(configured: list[str], context) -> Vote | None:
    """The vote in a button's context if its token is one kb made with a configured token, else None.

    Raises PayloadError when the context is kb's but its values are not usable (can not happen
    unless a token leaked).
    """
    if not isinstance(context, dict):
        return None
    fields = [context.get(name) for name in ("issue", "verdict", "signature", "token")]
    if not all(isinstance(value, str) for value in fields):
        return None
    issue, verdict, signature, given = fields
    # Check against every configured token, each in constant time.
    results = [hmac.compare_digest(given.encode(), context_token(token, issue, verdict, signature).encode())
               for token in configured]
    if not (given and any(results)):
        return None
    return vote(issue, verdict, signature)


def escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
