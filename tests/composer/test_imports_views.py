"""Uploading a report, following its progress, and resuming a stopped import."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from composer import import_jobs
from composer.models import ImportJob, Order, User

from .report_files import all_orders, all_orders_row

ORDER_ID = "114-4909505-8661897"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _report(name: str = "All Orders.txt", rows=None) -> SimpleUploadedFile:
    data = all_orders(rows or [all_orders_row(ORDER_ID)])
    return SimpleUploadedFile(name, data, content_type="text/plain")


def _job(team, user, *, status=ImportJob.Status.DONE, with_file=False) -> ImportJob:
    job = ImportJob(team=team, created_by=user, file_name="All Orders.txt", status=status)
    if with_file:
        job.file.save("report.txt", ContentFile(all_orders([all_orders_row(ORDER_ID)])), save=False)
    job.save()
    return job


def test_import_page_has_the_report_file_field_and_import_button(client, seller) -> None:
    client.force_login(seller)
    soup = BeautifulSoup(client.get(reverse("import_orders")).content, "html.parser")
    field = soup.find("input", type="file")
    assert soup.find("label", attrs={"for": field["id"]}).get_text() == "Report file"
    assert soup.find("button", string="Import") is not None
    assert field.find_parent("form")["enctype"] == "multipart/form-data"


def test_seller_uploads_a_report_and_the_orders_appear(
    client, seller, django_capture_on_commit_callbacks
) -> None:
    client.force_login(seller)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_orders"), {"report_file": _report()})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.created_count, job.created_by, job.file_name) == (
        "done",
        1,
        seller,
        "All Orders.txt",
    )
    assert Order.objects.get().team == seller.team
    assert not job.file  # the buyer data in the upload is not kept
    page = client.get(response["Location"])
    assert b"Finished" in page.content and b"hx-trigger" not in page.content


def test_the_upload_is_committed_before_the_import_starts(client, seller) -> None:
    # Outside a committed transaction nothing runs: the job waits, stored, for its runner.
    client.force_login(seller)
    client.post(reverse("import_orders"), {"report_file": _report()})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED and job.file
    assert not Order.objects.exists()


def test_a_report_over_the_size_limit_is_refused_with_a_clear_message(client, seller, settings) -> None:
    settings.ORDER_REPORT_MAX_BYTES = 1024 * 1024
    client.force_login(seller)
    big = SimpleUploadedFile("All Orders.txt", b"x" * (1024 * 1024 + 1))
    response = client.post(reverse("import_orders"), {"report_file": big})
    assert response.status_code == 400
    assert b"reports can be at most 1 MB" in response.content
    assert not ImportJob.objects.exists()


def test_posting_without_a_file_is_refused(client, seller) -> None:
    client.force_login(seller)
    response = client.post(reverse("import_orders"), {})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_an_empty_file_is_refused(client, seller) -> None:
    client.force_login(seller)
    response = client.post(reverse("import_orders"), {"report_file": SimpleUploadedFile("empty.txt", b"")})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_a_user_without_a_team_cannot_import(client, db) -> None:
    loner = User.objects.create_user(username="solo", password="pw-solo-123")
    client.force_login(loner)
    assert client.get(reverse("import_orders")).status_code == 403
    assert client.post(reverse("import_orders"), {"report_file": _report()}).status_code == 403


def test_progress_fragment_polls_while_running_and_stops_when_finished(client, seller, team) -> None:
    job = _job(team, seller, status=ImportJob.Status.RUNNING)
    ImportJob.objects.filter(pk=job.pk).update(rows_total=1000, rows_done=250)
    client.force_login(seller)
    url = reverse("import_job_progress", args=[job.pk])
    fragment = BeautifulSoup(client.get(url).content, "html.parser")
    region = fragment.find(id="import-progress")
    assert region["hx-get"] == url and region["hx-trigger"] == "every 1s"
    assert fragment.find(id="import-announcer") is None  # nothing to announce yet
    assert fragment.find("progress")["value"] == "25"
    assert "250 of 1,000 rows" in fragment.get_text()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, rows_done=1000)
    fragment = BeautifulSoup(client.get(url).content, "html.parser")
    assert not fragment.find(id="import-progress").has_attr("hx-trigger")
    announcer = fragment.find(id="import-announcer")
    assert announcer["hx-swap-oob"] == "innerHTML"
    assert announcer.get_text() == "Finished: 0 new, 0 updated, 0 rows refused"


def test_bad_rows_are_listed_on_the_import_page(client, seller, django_capture_on_commit_callbacks) -> None:
    client.force_login(seller)
    rows = [all_orders_row(ORDER_ID), all_orders_row("bad-id")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_orders"), {"report_file": _report(rows=rows)})
    soup = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    cells = [td.get_text() for td in soup.select(".import-errors td")]
    assert cells[0] == "3" and "bad-id is not an Amazon order ID" in cells[1]


def test_someone_elses_import_is_not_found(client, seller, other_team, other_lead) -> None:
    job = _job(other_team, other_lead, status=ImportJob.Status.FAILED, with_file=True)
    client.force_login(seller)
    assert client.get(reverse("import_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("import_job_progress", args=[job.pk])).status_code == 404
    assert client.post(reverse("import_job_resume", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


def test_a_teammate_sees_the_import(client, seller, other_seller, team) -> None:
    job = _job(team, seller)
    client.force_login(other_seller)
    assert client.get(reverse("import_job", args=[job.pk])).status_code == 200


def test_a_stopped_import_can_be_resumed(client, seller, team, django_capture_on_commit_callbacks) -> None:
    job = _job(team, seller, status=ImportJob.Status.FAILED, with_file=True)
    client.force_login(seller)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_job_resume", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", 1)
    assert Order.objects.filter(amazon_order_id=ORDER_ID).exists()


def test_a_finished_import_is_not_resumed(client, seller, team) -> None:
    job = _job(team, seller, status=ImportJob.Status.DONE, with_file=True)
    client.force_login(seller)
    client.post(reverse("import_job_resume", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and not Order.objects.exists()


def test_beat_resumes_an_import_whose_worker_died(seller, team) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from composer import tasks

    job = _job(team, seller, status=ImportJob.Status.RUNNING, with_file=True)
    ImportJob.objects.filter(pk=job.pk).update(updated=timezone.now() - timedelta(minutes=10))
    assert tasks.resume_stalled_imports.delay().get() == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Order.objects.filter(amazon_order_id=ORDER_ID).exists()


def test_a_running_import_whose_worker_died_is_queued_again(seller, team) -> None:
    from datetime import timedelta

    from django.utils import timezone

    job = _job(team, seller, status=ImportJob.Status.RUNNING, with_file=True)
    ImportJob.objects.filter(pk=job.pk).update(updated=timezone.now() - timedelta(minutes=10))
    fresh = _job(team, seller, status=ImportJob.Status.RUNNING, with_file=True)
    assert import_jobs.resume_stalled() == [job.pk]
    job.refresh_from_db(), fresh.refresh_from_db()
    assert (job.status, fresh.status) == ("queued", "running")


def test_a_stalled_import_offers_resume_and_resumes(
    client, seller, team, django_capture_on_commit_callbacks
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    job = _job(team, seller, status=ImportJob.Status.RUNNING, with_file=True)
    ImportJob.objects.filter(pk=job.pk).update(updated=timezone.now() - timedelta(minutes=10))
    client.force_login(seller)
    page = client.get(reverse("import_job", args=[job.pk]))
    assert b"stopped moving" in page.content and b"Resume import" in page.content
    assert b"hx-trigger" not in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_job_resume", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


def test_a_running_import_is_not_resumed_twice(client, seller, team) -> None:
    job = _job(team, seller, status=ImportJob.Status.RUNNING, with_file=True)
    client.force_login(seller)
    response = client.post(reverse("import_job_resume", args=[job.pk]), follow=True)
    assert b"Only a stopped import can be resumed." in response.content
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING


def test_only_an_import_still_running_says_the_seller_can_leave_the_page(client, seller, team) -> None:
    client.force_login(seller)
    running = _job(team, seller, status=ImportJob.Status.RUNNING)
    failed = _job(team, seller, status=ImportJob.Status.FAILED)
    assert "You can leave this page" in client.get(reverse("import_job", args=[running.pk])).content.decode()
    assert (
        "You can leave this page" not in client.get(reverse("import_job", args=[failed.pk])).content.decode()
    )
