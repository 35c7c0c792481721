"""Storing an answer for its permalink: masked like the learning data, raw only on request."""

from django.conf import settings

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


def store(report: dict, source: str, *, name: str = "", text: str = "", keep_text: bool = False,
          wait_for_disk: bool = True) -> Result:
    """Keep an answer under /results/<id>/; `text` is stored only with `keep_text`.

    wait_for_disk=False (the API's answers): written on PostgreSQL through the connection
    whose COMMIT does not wait for the WAL flush (settings.RELAXED_DATABASE), in one
    statement. Waiting was 70-80 % of a one-line POST /api/match (issue 12's profile); a
    PostgreSQL crash may lose the last fraction of a second of permalinks, never corrupt them.
    """
    alias = "default" if wait_for_disk else settings.RELAXED_DATABASE
    return Result.objects.using(alias).create(
        source=source, name=name[:300], report=masked(report), text=text if keep_text else ""
    )
