"""Forward migrations keep every row and every value of a populated database.

Rolling a populated database back is no proof: going back drops the columns
and tables that later migrations added, losing data by design, and a
migration that cannot go back is not a bug. So the test builds the database
a deployment really had, then moves it forward, as an upgrade does:

1. `seed_demo` fills the fully migrated test database with demo villages,
   users, memberships, topics, photos and articles (body and all); the
   newsroom's own methods add what the demo leaves out, a revision of every
   article and gallery photos. Every row of our apps is read, field by field.
2. The database is emptied and our apps (villages, articles and any app
   added later under the project) are migrated back to their *first*
   migration, with no rows to lose on the way; an app added later, whose
   first migration needs later ones of the others, is removed altogether.
3. The demo rows are written again through the *historical* models of that
   first state (`loader.project_state(...).apps`), primary keys included,
   keeping every field that existed then. The database now looks like one
   created by the first release and used for months.
4. Everything is migrated forward to the leaf nodes of the migration graph,
   which are computed, never named, so migrations added later are covered
   by themselves. Then every table of that first state must hold the same
   rows, with the same value in every one of its columns.

A later migration that renames a field or model must say so in RENAMED; a
data migration that changes values on purpose must be described here too,
or this test fails, which is the point.
"""

import hashlib
import json
from pathlib import Path

import pytest
from django.apps import apps as installed_apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article, Photo

# (app label, model name, field name at the first migration) -> name now.
RENAMED = {}

# Tables the demo must fill, or the comparison would prove nothing.
MUST_HAVE_ROWS = [
    ("villages", "kecamatan"),
    ("villages", "village"),
    ("villages", "user"),
    ("villages", "membership"),
    ("articles", "topic"),
    ("articles", "photo"),
    ("articles", "article"),
    ("articles", "revision"),
    ("articles", "article_gallery"),
]


def our_apps(loader):
    """Apps with migrations whose code lives in this project, not in a package."""
    base = Path(settings.BASE_DIR)
    return sorted(
        config.label
        for config in installed_apps.get_app_configs()
        if config.label in loader.migrated_apps
        and Path(config.path).is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    )


def first_migrations(loader, app_labels):
    """The oldest state our apps were deployed in: each app that existed from
    the start at its first migration, and apps added later (whose first
    migration needs later ones of the others) not there at all."""
    roots = {app: min(loader.graph.root_nodes(app)) for app in app_labels}

    def original(app):
        return all(node[0] not in roots or node in roots.values() for node in loader.graph.forwards_plan(roots[app]))

    return [roots[app] if original(app) else (app, None) for app in app_labels]


def latest_migrations(loader):
    return loader.graph.leaf_nodes()


def models_of(state_apps, app_labels):
    """Every table of our apps in a migration state, many-to-many tables included."""
    return [
        model
        for model in state_apps.get_models(include_auto_created=True)
        if model._meta.app_label in app_labels and model._meta.managed and not model._meta.proxy
    ]


def key(model):
    return (model._meta.app_label, model._meta.model_name)


def read_rows(state_apps, old_model):
    """The rows of `old_model`'s table as `state_apps` sees it, by the field
    names of the old model: {pk: {field attname: value}}."""
    app_label, model_name = key(old_model)
    model = state_apps.get_model(app_label, model_name)
    now = {field.name: field for field in model._meta.concrete_fields}
    columns = {}
    for field in old_model._meta.concrete_fields:
        name_now = RENAMED.get((app_label, model_name, field.name), field.name)
        assert name_now in now, (
            f"{app_label}.{model_name}.{field.name} is gone after the migrations: if it was "
            f"renamed, add it to RENAMED; if it was dropped, its data was dropped with it."
        )
        columns[field.attname] = now[name_now].attname
    rows = model._base_manager.order_by("pk").values_list("pk", *columns.values())
    return {row[0]: dict(zip(columns, row[1:])) for row in rows}


def write_rows(old_model, rows):
    # Historical models are throwaway classes: switching auto_now off keeps
    # the recorded `created` and `updated` instead of stamping today.
    for field in old_model._meta.concrete_fields:
        field.auto_now = field.auto_now_add = False
    old_model._base_manager.bulk_create(
        [old_model(**{"pk": pk, **values}) for pk, values in rows.items()], batch_size=500
    )


def add_newsroom_history():
    """What seed_demo does not write: a revision per article, as every save
    in the newsroom keeps one, and a gallery on every other article."""
    for article in Article.objects.select_related("author"):
        article.snapshot(article.author)
        if article.pk % 2:
            article.gallery.set(Photo.objects.filter(village=article.village_id)[:3])


def digest(rows):
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:16]


def differences(before, after):
    """Readable differences between two {table: {pk: row}} snapshots."""
    found = []
    for table, rows in before.items():
        later = after[table]
        if len(later) != len(rows) or digest(later) != digest(rows):
            found.append(f"{table}: {len(rows)} rows, digest {digest(rows)} before; "
                         f"{len(later)} rows, digest {digest(later)} after")
        for pk in sorted(rows.keys() - later.keys())[:3]:
            found.append(f"{table} #{pk}: missing")
        for pk in sorted(rows.keys() & later.keys()):
            changed = [name for name, value in rows[pk].items() if later[pk][name] != value]
            if changed:
                found.append(f"{table} #{pk}: {', '.join(changed)} changed")
                break
    return found


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("migrations")
def test_forward_migrations_keep_every_row_and_value_of_the_demo_data():
    loader = MigrationExecutor(connection).loader
    app_labels = our_apps(loader)
    first = first_migrations(loader, app_labels)
    latest = latest_migrations(loader)
    first_apps = loader.project_state([node for node in first if node[1] is not None]).apps
    latest_apps = loader.project_state(latest).apps
    old_models = models_of(first_apps, [app for app, name in first if name is not None])

    call_command("seed_demo", "--villages", "4", "--articles", "6", verbosity=0)
    add_newsroom_history()
    seeded = {key(model): read_rows(latest_apps, model) for model in old_models}
    for table in MUST_HAVE_ROWS:
        assert seeded[table], f"seed_demo wrote no {table}: the comparison would prove nothing"

    try:
        call_command("flush", interactive=False, verbosity=0)
        MigrationExecutor(connection).migrate(first)
        with transaction.atomic():  # foreign keys are checked at commit, in any order
            for model in old_models:
                write_rows(model, seeded[key(model)])
        with connection.cursor() as cursor:  # as a real database's sequences would be
            for sql in connection.ops.sequence_reset_sql(no_style(), old_models):
                cursor.execute(sql)
        assert {key(model): read_rows(first_apps, model) for model in old_models} == seeded

        executor = MigrationExecutor(connection)
        assert executor.migration_plan(latest) or first == latest
        executor.migrate(latest)
        executor.loader.build_graph()
        assert not executor.migration_plan(latest), "some migrations were not applied"

        migrated = {key(model): read_rows(latest_apps, model) for model in old_models}
        assert differences(seeded, migrated) == []
    finally:
        # Whatever happened, later tests on this worker need the full schema.
        MigrationExecutor(connection).migrate(latest)
        cache.clear()
