"""Browse pages: thin views over QuerySets and the matcher."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from . import charts, issue_table
from .api.throttles import throttled
from .forms import IssueFilterForm, IssueTableForm, PasteForm, SearchForm
from .jobs.queue import submit_upload
from .jobs.results import store
from .learning.queries import daily_hits, hourly_hits_for, signature_hits_for, with_hits
from .learning.recording import record_report
from .matching.budget import MatchTooCostly
from .matching.loader import current_engine
from .models import Component, Document, Issue, IssueRelation

# The issue page's chart: hits per day over this many days (hit buckets are kept 30 days).
TREND_DAYS = 30


def home(request):
    counts = Issue.objects.active().aggregate(
        issues=Count("id"), documents=Count("document", distinct=True)
    )
    return render(request, "kb/home.html", {
        "paste_form": PasteForm(), "search_form": SearchForm(), "counts": counts,
        "recent": Issue.objects.active().for_listing().order_by("-updated_at")[:8],
    })


def issue_list(request):
    form = IssueFilterForm(request.GET or None)
    table = IssueTableForm(request.GET)
    table.is_valid()  # a bad sort, page or size is dropped: the list shows with its default
    options = table.cleaned_data
    issues = Issue.objects.active()
    if form.is_valid():
        issues = issues.filter_by(**form.cleaned_data)
    issues = issue_table.rows(issues, options.get("sort") or "")
    if options.get("format"):
        return export_issues(request, issues, options["format"])
    per_page = options.get("per_page") or issue_table.DEFAULT_PER_PAGE
    page = Paginator(issues, per_page).get_page(options.get("page"))
    hourly = hourly_hits_for([issue.pk for issue in page])
    for issue in page:
        issue.hourly_hits = hourly.get(issue.pk, [0] * 24)
    active = Issue.objects.active()
    status_counts = dict(active.order_by().values_list("status").annotate(n=Count("id")))
    return render(request, "kb/issue_list.html", {
        "form": form,
        "page": page,
        "issues": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "per_page": per_page,
        "per_page_choices": sorted({25, 50, 100, 500, per_page}),
        "sort": options.get("sort") or "",
        "headers": issue_table.headers(options.get("sort") or ""),
        "cards": options.get("view") == "cards",
        "components": Component.objects.annotate(
            n=Count("issues", filter=Q(issues__retired=False))
        ).filter(n__gt=0),
        "environments": active.exclude(environment="").values("environment")
        .annotate(n=Count("id")).order_by("environment"),
        "statuses": [(s, label, status_counts[s]) for s, label in Issue.Status.choices if s in status_counts],
    })


def export_issues(request, issues, fmt: str):
    """The whole filtered, sorted list (not one page) as a CSV or JSON download."""
    records = list(issue_table.export_records(issues, request.build_absolute_uri))
    if fmt == "json":
        response = JsonResponse({"count": len(records), "results": records}, json_dumps_params={"indent": 1})
    else:
        response = HttpResponse(issue_table.to_csv(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kb-issues.{fmt}"'
    return response


def issue_detail(request, slug):
    issue = get_object_or_404(
        with_hits(Issue.objects.with_parts()).prefetch_related(
            Prefetch("incoming_relations", queryset=IssueRelation.objects.select_related("from_issue")),
        ),
        slug=slug,
    )
    signatures = issue.signatures.all()
    hits = signature_hits_for([s.pk for s in signatures]) if signatures else {}
    for signature in signatures:
        signature.hits_24h, signature.hits_10d = hits.get(signature.pk, (0, 0))
    return render(request, "kb/issue_detail.html", {
        "issue": issue, "trend": charts.daily_trend(daily_hits(issue.pk, days=TREND_DAYS)),
    })


def document_list(request):
    documents = Document.objects.annotate(n=Count("issues", filter=Q(issues__retired=False)))
    return render(request, "kb/document_list.html", {"documents": documents})


def document_detail(request, slug):
    document = get_object_or_404(Document, slug=slug)
    issues = document.issues.prefetch_related("components").order_by("position")
    return render(request, "kb/document_detail.html", {"document": document, "issues": issues})


def search(request):
    form = SearchForm(request.GET or None)
    hits = current_engine().search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "kb/search.html", {"form": form, "hits": hits})


def paste(request):
    """POST: match, keep the answer and redirect to its permalink (a reload does not resubmit).

    An upload above the paste limit, or a bundle, becomes a background job instead.
    """
    if request.method == "POST" and throttled(request):
        return HttpResponse("Too many pastes from your address; try again in a minute.", status=429,
                            content_type="text/plain; charset=utf-8")
    form = PasteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["as_job"]:
            return redirect(submit_upload(data["file"], data["file"].name))
        try:
            report = current_engine().match_text(data["text"], cpu_seconds=settings.KB_MATCH_CPU_SECONDS)
        except MatchTooCostly as exc:
            form.add_error(None, ValidationError(f"{exc} Paste less of it at a time, or POST it to "
                                                 "/api/jobs, which matches it in the background.",
                                                 code="too_large"))
        else:
            record_report(report, "web", text=data["text"])
            name = data["file"].name if data.get("file") else ""
            return redirect(store(report, "web", name=name, text=data["text"], keep_text=data["keep_text"]))
    # A refused POST (empty, binary, unreadable) shows the form again with why, as a 400, and
    # one over the limit as a 413, so a script posting the form sees the refusal in the status.
    status = 200
    if request.method == "POST":
        status = 413 if form.has_error(NON_FIELD_ERRORS, "too_large") else 400
    return render(request, "kb/paste.html", {"form": form}, status=status)


def health(request):
    """For load balancers: the process answers. It reads no database, so one outage
    does not take every app server out of the pool; /api/match keeps answering
    from the knowledge in memory (kb/matching/loader.py)."""
    return JsonResponse({"status": "ok"})
