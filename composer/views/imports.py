"""Order imports: upload a Seller Central report, watch its progress, see the rows it refused."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import import_jobs
from ..forms import ImportOrdersForm, ResumeImportForm
from ..models import ImportJob

RECENT_IMPORTS = 10


def _get_job_for_user(request: HttpRequest, pk: int) -> ImportJob:
    """Return an import of the user's team, or raise 404 (never reveal that it exists)."""
    return get_object_or_404(ImportJob.objects.visible_to(request.user).select_related("created_by"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_orders(request: HttpRequest) -> HttpResponse:
    if request.user.team_id is None:
        # Imported orders belong to a team; without one there is nowhere to put them.
        raise PermissionDenied
    form = ImportOrdersForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["report_file"]
        with transaction.atomic():
            job = ImportJob(
                team=request.user.team,
                created_by=request.user,
                file_name=upload.name[:255],
                file_size=upload.size,
                requested_encoding=form.cleaned_data["encoding"],
            )
            job.file.save("report.txt", upload, save=False)
            job.save()
            import_jobs.start_import(job)
        return redirect("import_job", pk=job.pk)
    recent = ImportJob.objects.visible_to(request.user).select_related("created_by")[:RECENT_IMPORTS]
    context = {"form": form, "recent": recent}
    return render(
        request, "composer/import_orders.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get_job_for_user(request, pk)
    return render(request, "composer/import_job.html", {"job": job, "resume_form": ResumeImportForm()})


@login_required
@require_GET
def import_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the progress fragment the import page polls until the job has finished."""
    job = _get_job_for_user(request, pk)
    return render(request, "composer/partials/import_progress.html", {"job": job, "announce": True})


@login_required
@require_POST
def import_job_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Continue a stopped import after its last stored batch."""
    job = _get_job_for_user(request, pk)
    form = ResumeImportForm(request.POST)
    if not form.is_valid():
        return redirect("import_job", pk=job.pk)
    try:
        with transaction.atomic():
            job.requeue()
            import_jobs.start_import(job)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("import_job", pk=job.pk)
