"""Storing an answer for its permalink: masked like the learning data, raw only on request."""

from kb.learning.clustering import mask_line

from .models import Result


def masked(report: dict) -> dict:
    """The report with every log line's text masked (secrets, ids, addresses, times, values)."""
    out = dict(report)
    out["matches"] = [
        dict(match, lines=[dict(line, text=mask_line(line["text"])) for line in match.get("lines", ())])
        for match in report.get("matches", ())
    ]
    out["unmatched"] = [dict(line, text=mask_line(line["text"])) for line in report.get("unmatched", ())]
    if "files" in report:
        out["files"] = [
            dict(group, matches=[
                dict(m, lines=[dict(line, text=mask_line(line["text"])) for line in m.get("lines", ())])
                for m in group.get("matches", ())
            ])
            for group in report["files"]
        ]
    return out


def store(report: dict, source: str, *, name: str = "", text: str = "", keep_text: bool = False) -> Result:
    """Keep an answer under /results/<id>/; `text` is stored only with `keep_text`."""
    return Result.objects.create(
        source=source, name=name[:300], report=masked(report), text=text if keep_text else ""
    )
