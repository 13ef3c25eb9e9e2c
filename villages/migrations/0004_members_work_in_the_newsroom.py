from django.db import migrations


def members_leave_the_admin(apps, schema_editor):
    """Village editors and publishers were made staff so they could write in
    the admin; they now work in the newsroom, and the admin is the district's."""
    User = apps.get_model("villages", "User")
    User.objects.filter(is_staff=True, is_superuser=False, is_district_staff=False).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [("villages", "0003_user_whatsapp_and_email_notifications")]

    operations = [migrations.RunPython(members_leave_the_admin, migrations.RunPython.noop)]
