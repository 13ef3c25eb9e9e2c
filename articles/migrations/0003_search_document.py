"""PostgreSQL search reads a stored, indexed document; partial indexes for
the public pages and the district desk.

ArticleQuerySet.search built the weighted vector of title, excerpt and body
for every candidate article of every search: about 0.3 ms an article, so a
district search over 200,000 articles ran for minutes (bench/README.md).
PostgreSQL now keeps that vector in a generated column, recomputed by the
database on every insert and update (no code path can forget it), with a
GIN index; ArticleQuerySet.search reads it through models.SearchDocument.

PostgreSQL only: SQLite searches with LIKE and gets neither. Adding the
column rewrites the table once (about a minute at 200,000 articles).

The indexes (on every database): what readers may see, newest first, for
the whole district and per village, so those pages stop sorting every
article; the desk's index and a take-down index made partial, and the
activity index covering author and trash, so the desk counts from small
indexes instead of the table.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

# The 'simple' configuration: lowercased, never stemmed (see ArticleQuerySet.search).
DOCUMENT = """
    setweight(to_tsvector('simple'::regconfig, COALESCE(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, COALESCE(excerpt, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, COALESCE(regexp_replace(body, '<[^>]*>', ' ', 'g'), '')), 'C')
"""


def add_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute("CREATE INDEX article_search_document ON articles_article USING gin (search_document)")


def remove_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Drops the index with it.
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_district_desk")]

    operations = [
        migrations.RunPython(add_search_document, remove_search_document, elidable=False),
        # Partial indexes for what the pages and the desk filter and sort on
        # (Article.Meta.indexes says which reads which).
        migrations.RemoveIndex(model_name="article", name="article_village_updated"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["village", "updated"], include=("author", "deleted_at"), name="article_village_updated"
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_desk_feed"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.OrderBy(django.db.models.functions.comparison.Coalesce("published_at", "created"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("deleted_at__isnull", True)),
                name="article_desk_feed",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("deleted_at__isnull", True), ("status__in", ["scheduled", "published"]), ("taken_down_at__isnull", True)
                ),
                fields=["-published_at", "-id"],
                include=("village", "topic"),
                name="article_public_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("deleted_at__isnull", True), ("status__in", ["scheduled", "published"]), ("taken_down_at__isnull", True)
                ),
                fields=["village", "-published_at", "-id"],
                name="article_public_village",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("taken_down_at__isnull", False)), fields=["taken_down_at"], name="article_taken_down"
            ),
        ),
    ]
