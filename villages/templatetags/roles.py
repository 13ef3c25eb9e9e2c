from django import template

from villages import roles

register = template.Library()


@register.filter
def may(user, action):
    """{% if request.user|may:"read_desk" %}: the roles table, for actions outside any one village."""
    return roles.may(user, action)
