"""Pages: a result's permalink, and a job's progress (cancel, then its result)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kb.answers import enrich
from kb.forms import PasteForm

from .models import Job
from .results import NotYetStored, find
from .running import cancel, recover

# While a job runs its page updates this often (seconds): kb.js polls the job's JSON, and
# without JavaScript a <noscript> refresh reloads the page.
REFRESH_SECONDS = 2


def result(request, pk):
    try:
        found = find(pk)
    except NotYetStored as pending:  # the page reloads itself once it should be there
        response = render(request, "jobs/pending.html",
                          {"message": str(pending), "retry_after": pending.retry_after}, status=503)
        response["Retry-After"] = str(pending.retry_after)
        return response
    if found is None:
        raise Http404("No such result.")
    return render(request, "jobs/result.html", {
        "result": found, "report": enrich(found.report), "job": Job.objects.filter(result=found).first(),
        "form": PasteForm(initial={"text": found.text, "keep_text": True} if found.text else None),
    })


def job(request, pk):
    found = recover(get_object_or_404(Job, pk=pk))
    if found.state == Job.State.DONE and found.result_id:
        return redirect(found.result)
    return render(request, "jobs/job.html", {"job": found, "refresh": REFRESH_SECONDS})


@require_POST
def job_cancel(request, pk):
    found = get_object_or_404(Job, pk=pk)
    if not found.finished:
        cancel(found)
    return redirect(found)
