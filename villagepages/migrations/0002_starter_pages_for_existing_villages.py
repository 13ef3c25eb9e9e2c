"""Villages made before pages existed get the starter pages a new village
gets (drafts: nothing shows on any site until a KIM publishes it)."""

from django.db import migrations


def add_starter_pages(apps, schema_editor):
    from villagepages.starters import create_starter_pages

    Page = apps.get_model("villagepages", "Page")
    for village in apps.get_model("villages", "Village").objects.all():
        create_starter_pages(village, page_model=Page)


class Migration(migrations.Migration):
    dependencies = [
        ("villagepages", "0001_village_pages"),
        ("villages", "0004_members_work_in_the_newsroom"),
    ]

    operations = [migrations.RunPython(add_starter_pages, migrations.RunPython.noop)]
