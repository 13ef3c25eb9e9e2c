"""Work done after the response, by `manage.py db_worker`: slow mail never
delays a save."""

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task


@task()
def email_notification(notification_id):
    from newsroom.models import Notification

    notification = Notification.objects.select_related("recipient", "village").filter(
        pk=notification_id, emailed_at__isnull=True
    ).first()
    if notification is None or not notification.should_email:
        return False
    send_mail(
        f"[{notification.village.kim_name}] {notification.subject}",
        f"{notification.message}\n\nBuka ruang redaksi: {notification.newsroom_url()}\n\n"
        "Tidak ingin menerima email ini? Matikan di Ruang redaksi → Pengaturan.",
        None,
        [notification.recipient.email],
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True

