"""A KIM's team, run by its publisher (the KIM lead) in the newsroom:
who is in it and in which role, inviting someone, changing a role,
removing someone from the team.

The rules are the model's (villages.models.Membership: the roles table's
MANAGE_MEMBERS in this village, accounts of district staff out of reach,
never a team without a publisher, every change in the audit log); the
invitation is the district onboarding's (accounts/invitations.py). A
membership is looked up through the village in the URL, so another
village's ids are simply not found.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect

from accounts import invitations
from newsroom.forms import InviteForm, RoleForm
from newsroom.views import _page, member_view
from villages import roles
from villages.models import AuditEntry, Membership, User, is_staff_account

TEAM_ACTIONS = [AuditEntry.Action.MEMBER_ADDED, AuditEntry.Action.MEMBER_ROLE_CHANGED, AuditEntry.Action.MEMBER_REMOVED]


def _require_lead(request, village):
    if not roles.may(request.user, roles.Action.MANAGE_MEMBERS, village):
        raise PermissionDenied("Hanya penerbit (ketua KIM) yang mengatur tim.")


def _membership(request, village, pk):
    membership = get_object_or_404(Membership.objects.for_village(village).select_related("user", "village"), pk=pk)
    if not membership.may_be_managed_by(request.user):
        raise PermissionDenied("Keanggotaan staf distrik hanya diatur oleh distrik.")
    return membership


def _name(user):
    return user.get_full_name() or user.username


@member_view
def team(request, village):
    _require_lead(request, village)
    members = list(Membership.objects.for_village(village).select_related("user"))
    members.sort(key=lambda m: (m.role != Membership.Role.PUBLISHER, _name(m.user).lower()))
    for membership in members:
        membership.staff = is_staff_account(membership.user)
        membership.managed = membership.may_be_managed_by(request.user)
    history = AuditEntry.objects.filter(village=village, action__in=TEAM_ACTIONS)[:10]
    return _page(request, "newsroom/team.html", village, members=members, history=history, tab="team")


@member_view
def invite(request, village):
    _require_lead(request, village)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        existing = User.objects.filter(email__iexact=data["email"]).first() if data["email"] else None
        try:
            with transaction.atomic():
                person = existing or invitations.new_account(
                    data["name"], email=data["email"], whatsapp=data["whatsapp"], username_hint=data["name"]
                )
                membership = Membership.add(request.user, village, person, data["role"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            # Only an account that is new, or was never used and belongs to
            # no other village, gets a password link: whoever invites sees it.
            with_link = existing is None or (
                not existing.has_usable_password() and not existing.memberships.exclude(village=village).exists()
            )
            inviter, role = _name(request.user), membership.short_role
            invitation = invitations.send(
                request, person,
                subject=f"Undangan ke ruang redaksi {village.kim_name}",
                news=f"{inviter} mengundang Anda ke ruang redaksi {village.kim_name} sebagai {role}.",
                short_news=f"{inviter} mengundang Anda ke ruang redaksi {village.kim_name} sebagai {role}.",
                with_link=with_link, whatsapp=data["whatsapp"],
            )
            return _page(request, "newsroom/team_invited.html", village, invitation=invitation,
                         membership=membership, existing=existing is not None, tab="team")
    status = 400 if form.errors else 200
    return _page(request, "newsroom/team_invite.html", village, form=form, status=status, tab="team")


@member_view
def member(request, village, pk):
    """One member: their role, to change."""
    _require_lead(request, village)
    membership = _membership(request, village, pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            changed = membership.change_role(request.user, form.cleaned_data["role"])
        except ValidationError as refused:
            form.add_error("role", refused)
        else:
            if changed:
                messages.success(request, f"{_name(membership.user)} sekarang {membership.short_role}.")
            if membership.user_id == request.user.pk and membership.role != Membership.Role.PUBLISHER:
                return redirect("newsroom:home", village.slug)  # a publisher who made themselves an editor
            return redirect("newsroom:team", village.slug)
    status = 400 if form.errors else 200
    return _page(request, "newsroom/team_member.html", village, membership=membership, form=form, status=status,
                 is_self=membership.user_id == request.user.pk, tab="team")


@member_view
def remove(request, village, pk):
    """Out of this village's team (asked once more first); the account stays."""
    _require_lead(request, village)
    membership = _membership(request, village, pk)
    error = ""
    if request.method == "POST":
        try:
            membership.remove(request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            if membership.user_id == request.user.pk:
                messages.success(request, f"Anda keluar dari tim {village.kim_name}.")
                return redirect("newsroom:choose")
            messages.success(request, f"{_name(membership.user)} dikeluarkan dari tim {village.kim_name}.")
            return redirect("newsroom:team", village.slug)
    return _page(request, "newsroom/team_remove.html", village, membership=membership, error=error,
                 status=400 if error else 200, is_self=membership.user_id == request.user.pk, tab="team")
