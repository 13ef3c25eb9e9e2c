"""Messages are deleted KIM_TIP_RETENTION_DAYS after they arrive, with
their notifications, by `manage.py delete_old_tips`."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Notification
from tips.models import Tip


def _tip(village, days_ago, **fields):
    return Tip.objects.create(village=village, message="Kabar untuk diuji.", created=timezone.now() - datetime.timedelta(days=days_ago), **fields)


def test_messages_older_than_the_period_are_deleted_and_younger_ones_kept(taan, settings):
    settings.KIM_TIP_RETENTION_DAYS = 90
    old, young = _tip(taan, 91), _tip(taan, 89)
    out = StringIO()
    call_command("delete_old_tips", stdout=out)
    assert list(Tip.objects.all()) == [young]
    assert "1 pesan warga" in out.getvalue()
    assert not Tip.objects.filter(pk=old.pk).exists()


def test_the_period_is_a_setting(taan, settings):
    settings.KIM_TIP_RETENTION_DAYS = 7
    _tip(taan, 8)
    call_command("delete_old_tips", stdout=StringIO())
    assert not Tip.objects.exists()


def test_a_message_passed_to_the_district_goes_too(taan, taan_publisher, settings):
    settings.KIM_TIP_RETENTION_DAYS = 90
    tip = _tip(taan, 120, kind="hoaks")
    tip.pass_to_district(taan_publisher)
    call_command("delete_old_tips", stdout=StringIO())
    assert not Tip.objects.exists()


def test_the_notifications_about_a_deleted_message_go_with_it(taan, taan_editor, settings, django_capture_on_commit_callbacks):
    settings.KIM_TIP_RETENTION_DAYS = 90
    with django_capture_on_commit_callbacks(execute=True):
        tip = Tip.receive(taan, message="Kabar untuk diuji.")
    Tip.objects.filter(pk=tip.pk).update(created=timezone.now() - datetime.timedelta(days=100))
    assert Notification.objects.filter(tip=tip).exists()
    call_command("delete_old_tips", stdout=StringIO())
    assert not Notification.objects.filter(tip_id=tip.pk).exists()
