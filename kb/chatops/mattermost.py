"""Mattermost: slash-command tokens and Markdown replies.

Mattermost sends the command's token both as the form field `token` and as
`Authorization: Token <token>`; either is accepted.
"""

import hmac
import re

from .replies import USAGE, Answer, Command

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


def reply(answer: Answer | None, command: Command, slash: str) -> dict:
    if answer is None:
        text = "#### kb: match log lines to known issues\n" + "\n".join(
            f"- `{usage.format(command=slash)}`: {what}" for usage, what in USAGE
        )
    elif not answer.hits:
        text = (f"No known issue matches these {answer.lines_total} line(s). "
                f"[Search kb]({answer.search_url}) for more.")
    else:
        parts = [f"#### {len(answer.hits) + answer.more} known issue(s) match "
                 f"({answer.lines_matched} of {answer.lines_total} line(s))"]
        parts += [_hit_text(hit) for hit in answer.hits]
        more = f"{answer.more} more match(es) · " if answer.more else ""
        parts.append(f"{more}[Search kb]({answer.search_url})")
        text = "\n\n".join(parts)
    return {"response_type": "in_channel" if command.public else "ephemeral", "text": text}


def _hit_text(hit) -> str:
    lines = [
        f"**[{escape(hit.title)}]({hit.url})**",
        f"{hit.confidence.capitalize()} · score {hit.score:.2f} · {escape(hit.status)}",
    ]
    if hit.upstream:
        links = ", ".join(f"[{escape(link.label)}]({link.url}) ({link.status})" for link in hit.upstream[:3])
        lines.append(f"Upstream: {links}")
    remedy = [f"> {escape(line)}" for line in hit.remedy] or ["> _No remedy recorded._"]
    matched = [f"Line {number}: `{text.replace('`', chr(39))}`" for number, text in hit.lines]
    # Blank lines around the quote: Markdown would otherwise continue it into the next lines.
    return "\n\n".join(["  \n".join(lines), "\n".join(remedy), "  \n".join(matched)]).rstrip()


def escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
