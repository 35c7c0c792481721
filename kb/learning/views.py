"""Pages: the unknown-errors queue, the editor actions on it, feedback, reports."""


from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from kb.api.throttles import throttled
from kb.models import Issue
from kb.slugs import free_slug

from . import queries
from .forms import AddSignatureForm, FeedbackForm, NewIssueForm, UnknownFilterForm
from .models import Feedback, SignatureQuality, UnknownCluster
from .recording import record_feedback

PAGE_SIZE = 50


def _back(request, default: str):
    """Redirect to the form's `next` if it is a URL of this site, else to `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@require_GET
def unknown_list(request):
    # New clusters, most lines first, unless the reader asked for something else.
    form = UnknownFilterForm({"status": UnknownCluster.Status.NEW, "sort": "count", **request.GET.dict()})
    filters = form.cleaned_data if form.is_valid() else {"status": UnknownCluster.Status.NEW, "sort": "count"}
    status = filters["status"]
    clusters = UnknownCluster.objects.listing(status=status, sort=filters["sort"]).select_related(
        "promoted_signature__issue"
    )
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    issues = Issue.objects.active().order_by("slug").values_list("slug", "title")
    return render(request, "learning/unknown_list.html", {
        "form": form, "page": page, "status": status,
        "issues": issues if request.user.is_staff else (),
        "storing_samples": settings.KB_STORE_UNKNOWN_SAMPLES,
    })


@require_POST
@staff_member_required
def unknown_add_signature(request, pk):
    cluster = get_object_or_404(UnknownCluster, pk=pk)
    form = AddSignatureForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return _back(request, reverse("learning:unknown_list"))
    issue = form.cleaned_data["issue"]
    try:
        cluster.promote_to(issue)
    except ValidationError as exc:
        messages.error(request, f"Not added: {'; '.join(exc.messages)}")
    else:
        messages.success(request, f"Added as a signature of “{issue.title}”.")
    return _back(request, reverse("learning:unknown_list"))


@staff_member_required
def unknown_new_issue(request, pk):
    cluster = get_object_or_404(UnknownCluster, pk=pk)
    title = cluster.suggested_title()
    form = NewIssueForm(request.POST or None, initial={
        "title": title, "slug": free_slug(Issue, title), "symptoms": cluster.suggested_symptoms(),
        "status": Issue.Status.INVESTIGATING,
    })
    if request.method == "POST" and form.is_valid():
        try:
            cluster.promote_to_new_issue(form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Issue created, with the template as its signature.")
            return redirect(form.instance.get_absolute_url())
    return render(request, "learning/new_issue.html", {"form": form, "cluster": cluster})


@require_POST
@staff_member_required
def unknown_set_status(request, pk):
    cluster = get_object_or_404(UnknownCluster, pk=pk)
    try:
        cluster.set_status(request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(request, reverse("learning:unknown_list"))


@require_POST
def feedback(request):
    if throttled(request):
        return HttpResponse("Too many votes from your address; try again later.", status=429)
    # kb.js may post the buttons with fetch() and ask for JSON, so the reader stays on their results.
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"recorded": False, "errors": form.errors}, status=400)
        messages.error(request, "That vote could not be recorded.")
        return _back(request, reverse("kb:paste"))
    data = form.cleaned_data
    record_feedback(
        data["issue"], data["verdict"], Feedback.Source.WEB,
        signature_text=data["signature"], line=data["line"],
    )
    if wants_json:
        return JsonResponse({"recorded": True}, status=201)
    messages.success(request, "Thanks: your vote was recorded.")
    return _back(request, data["issue"].get_absolute_url())


@require_GET
def signature_report(request):
    return render(request, "learning/signature_report.html", {
        "signatures": queries.signature_feedback()[:200],
        "issues": queries.issue_feedback()[:200],
        "too_broad": SignatureQuality.objects.filter(too_broad=True).select_related("signature__issue"),
    })


@require_GET
def hot_report(request):
    issues = queries.hot(Issue.objects.active()).filter(hits_10d__gt=0)[:100]
    return render(request, "learning/hot_report.html", {"issues": issues})
