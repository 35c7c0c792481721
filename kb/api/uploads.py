"""Documents (RST or Markdown) uploaded to POST /api/import: the same parser and importer as `import_docs`."""

from pathlib import PurePosixPath

from django.db.models import Q

from kb.models import Document
from kb.rst import RstImportError, parse_bytes
from kb.sync import DocumentNameTaken, sync_document


def import_upload(name: str, data: bytes, *, overwrite_edits=False, dry_run=False, replace=False,
                  strict=False) -> dict:
    """One file, one transaction: {"file", "path", "ok", "summary"} or {"file", "path", "ok", "error"}
    (and "conflict", the stored document of that name, when the file is not that document).

    A document in which no issue is recognised is imported, with "no_issue" saying why (the
    CLI's "with no issue recognised"), or with `strict` refused for that reason, as
    `import_docs --strict` does."""
    path = document_path(name)
    try:
        parsed = parse_bytes(path, data)
    except RstImportError as exc:
        return {"file": name, "path": path, "ok": False, "error": str(exc)}
    if not parsed.issues:
        if strict:
            return {"file": name, "path": path, "ok": False, "error": f"{path}: {parsed.why_no_issue}",
                    "no_issue": parsed.why_no_issue}
        empty = {"no_issue": parsed.why_no_issue}
    else:
        empty = {}
    try:
        summary = sync_document(parsed, overwrite_edits=overwrite_edits, dry_run=dry_run,
                                named_only=True, replace=replace)
    except DocumentNameTaken as exc:
        return {"file": name, "path": path, "ok": False, "error": str(exc), "conflict": exc.as_dict()}
    return {"file": name, "path": path, "ok": True, "summary": summary.as_dict(), **empty}


def document_path(name: str) -> str:
    """The Document an upload updates.

    Browsers and curl send only a file's base name, while `import_rst`
    records a path (fixtures/dns.rst). An upload named like exactly one
    imported document updates it, instead of creating a twin whose issues
    would all get new slugs.
    """
    name = PurePosixPath(name.replace("\\", "/")).name or "upload.rst"
    same_name = Document.objects.filter(Q(path=name) | Q(path__endswith=f"/{name}"))
    paths = list(same_name.values_list("path", flat=True)[:2])
    return paths[0] if len(paths) == 1 else name
