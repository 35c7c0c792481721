#!/usr/bin/env python3
"""Send log text to kb and print the known issues it matches.

An example of a kb API client. It needs `requests`, which kb itself does not:

    pip install requests
    kubectl logs nova-compute-0 | python3 contrib/kb_client.py --url https://kb.example.com
    python3 contrib/kb_client.py --min-score 0.5 < nova-compute.log

Environment: KB_URL (instead of --url), KB_TOKEN (an API token, needed when
the server runs with KB_PUBLIC_READ=false).
Exit status: 0 a confident match, 1 no confident match, 2 an error.
"""

import argparse
import os
import sys
import textwrap

try:
    import requests
except ImportError:
    sys.exit("kb_client needs requests: pip install requests")


def main() -> int:
    parser = argparse.ArgumentParser(description="Match log text from stdin against kb.")
    parser.add_argument("--url", default=os.environ.get("KB_URL", "http://127.0.0.1:8000"),
                        help="kb's address (default: $KB_URL or http://127.0.0.1:8000).")
    parser.add_argument("--min-score", type=float, help="Leave out matches scoring less.")
    parser.add_argument("--timeout", type=float, default=30, help="Seconds to wait for kb.")
    args = parser.parse_args()

    text = sys.stdin.buffer.read()
    headers = {"Content-Type": "text/plain; charset=utf-8", "Accept": "application/json"}
    if os.environ.get("KB_TOKEN"):
        headers["Authorization"] = f"Token {os.environ['KB_TOKEN']}"
    params = {"min_score": args.min_score} if args.min_score is not None else {}
    try:
        response = requests.post(f"{args.url.rstrip('/')}/api/match", data=text, headers=headers,
                                 params=params, timeout=args.timeout)
    except requests.RequestException as exc:
        print(f"kb_client: cannot reach {args.url}: {exc}", file=sys.stderr)
        return 2
    if response.status_code != 200:
        detail = response.json().get("detail") if _is_json(response) else response.text[:200]
        print(f"kb_client: kb answered {response.status_code}: {detail}", file=sys.stderr)
        return 2
    return show(response.json())


WIDTH = 100


def show(report: dict) -> int:
    """At most WIDTH columns: each line's message without its log prefix (kb sends it as
    `message`), the short remedy kb cut at a sentence or list item, links whole."""
    matches = report["matches"]
    if not matches:
        print(f"No known issue matches these {report['lines_total']} line(s).")
        return 1
    for match in matches:
        issue = match["issue"]
        confidence = "confident" if match["confident"] else "possible"
        fixed_in = f", fix in {issue['fixed_in']}" if issue.get("fixed_in") else ""
        for part in textwrap.wrap(f"{issue['title']}  [{issue['status']}{fixed_in}, {confidence}, "
                                  f"score {match['score']:.2f}]", WIDTH, subsequent_indent="  "):
            print(part)
        for line in match["lines"][:5]:
            print(_clip(f"  line {line['number']}: {line.get('message') or line['text']}"))
        remedy = issue.get("remedy_short") or issue.get("remedy") or ""
        for paragraph in remedy.splitlines():
            print(textwrap.fill(paragraph, WIDTH, initial_indent="  remedy: " if paragraph is
                                remedy.splitlines()[0] else "          ", subsequent_indent="          "))
        for link in issue.get("upstream", [])[:3]:
            print(f"  upstream: {link['label']} ({link['status']}) {link['url']}")
        print(f"  {issue.get('absolute_url', issue['url'])}\n")
    return 0 if any(match["confident"] for match in matches) else 1


def _clip(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def _is_json(response) -> bool:
    return response.headers.get("Content-Type", "").startswith("application/json")


if __name__ == "__main__":
    sys.exit(main())
