from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def village_url(context, village, path="/"):
    """Absolute URL on a village's own host, keeping the reader's scheme and port."""
    return village.url(path, context.get("request"))


@register.simple_tag(takes_context=True)
def article_url(context, article):
    return article.url(context.get("request"))
