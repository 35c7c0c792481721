"""Pages: a result's permalink, and a job's progress (cancel, then its result)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kb.answers import enrich
from kb.forms import PasteForm

from .models import Job, Result
from .running import cancel, recover

# While a job runs its page reloads itself this often (seconds): no script needed.
REFRESH_SECONDS = 2


def result(request, pk):
    found = get_object_or_404(Result, pk=pk)
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
