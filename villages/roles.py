"""Who may do what: one table of actions by roles, asked by every screen.

A user's role is taken per village: the membership's role there (editor or
publisher), district staff or superuser everywhere, and otherwise none: a
member of another village is an outsider here, exactly like an anonymous
visitor. Two conditions narrow a cell:

- UNTIL_LIVE: only while what is acted on is not live (an article that is
  published or scheduled, a photo such an article shows, a trashed article
  that would come back live, a published village page, shown or hidden),
  unless the village lets its editors publish;
- IF_EDITORS_PUBLISH: only where the village lets its editors publish.

The admin's has_*_permission methods, the newsroom's and the desk's views
and every endpoint call `may()`; tests/test_roles.py walks the whole table
over HTTP. Nothing here touches the database but a user's membership role.
"""

from enum import Enum


class Role(str, Enum):
    NONE = "none"  # anonymous, or a member of another village
    EDITOR = "editor"
    PUBLISHER = "publisher"
    DISTRICT = "district"  # district staff (Diskominfosandi)
    SUPERUSER = "superuser"


ALWAYS, NEVER = True, False
UNTIL_LIVE = "until_live"
IF_EDITORS_PUBLISH = "if_editors_publish"


class Action(str, Enum):
    # The newsroom: a village's articles and photos.
    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    SUBMIT = "submit"
    PUBLISH = "publish"
    SCHEDULE = "schedule"
    WITHDRAW = "withdraw"
    SEND_BACK = "send_back"
    DELETE = "delete"
    RESTORE_FROM_TRASH = "restore_from_trash"
    RESTORE_REVISION = "restore_revision"
    CHANGE_PHOTO = "change_photo"
    # The KIM's own site: logo, cover, colour, contact (the KIM lead's).
    EDIT_IDENTITY = "edit_identity"
    # Residents' messages (tips/): the inbox, who sent them, the district.
    READ_TIPS = "read_tips"
    SEE_TIP_SENDER = "see_tip_sender"
    PASS_TIP_TO_DISTRICT = "pass_tip_to_district"
    # The newsroom: a village's own pages (villagepages/), same workflow.
    CREATE_PAGE = "create_page"
    EDIT_PAGE = "edit_page"
    PUBLISH_PAGE = "publish_page"
    ARRANGE_PAGES = "arrange_pages"
    SEND_BACK_PAGE = "send_back_page"
    DELETE_PAGE = "delete_page"
    RESTORE_PAGE_FROM_TRASH = "restore_page_from_trash"
    # The district.
    USE_ADMIN = "use_admin"
    READ_DESK = "read_desk"
    TAKE_DOWN = "take_down"
    ANNOUNCE = "announce"
    ONBOARD_VILLAGE = "onboard_village"
    MANAGE_VILLAGES = "manage_villages"
    MANAGE_TOPICS = "manage_topics"
    # A village's team: invite, change roles, remove (the newsroom's team
    # screens for publishers, the admin for district staff; villages.models.Membership).
    MANAGE_MEMBERS = "manage_members"
    MANAGE_ACCOUNTS = "manage_accounts"
    GRANT_STAFF_ROLES = "grant_staff_roles"
    MANAGE_TWO_FACTOR_DEVICES = "manage_two_factor_devices"
    IMPORT_SITE = "import_site"
    # Taking a village's whole site out (exports/): its KIM lead and the district.
    EXPORT_SITE = "export_site"
    # A village's own domain (villages/domains.py): set, check its DNS, remove.
    MANAGE_DOMAINS = "manage_domains"


R = Role
#            none   editor              publisher  district  superuser
TABLE = {
    Action.VIEW:                  (NEVER, ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    Action.CREATE:                (NEVER, ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    Action.EDIT:                  (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.SUBMIT:                (NEVER, ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    Action.PUBLISH:               (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.SCHEDULE:              (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.WITHDRAW:              (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.SEND_BACK:             (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.DELETE:                (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.RESTORE_FROM_TRASH:    (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.RESTORE_REVISION:      (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.CHANGE_PHOTO:          (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.EDIT_IDENTITY:         (NEVER, NEVER, ALWAYS, ALWAYS, ALWAYS),
    Action.READ_TIPS:             (NEVER, ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    Action.SEE_TIP_SENDER:        (NEVER, NEVER, ALWAYS, ALWAYS, ALWAYS),
    Action.PASS_TIP_TO_DISTRICT:  (NEVER, NEVER, ALWAYS, ALWAYS, ALWAYS),
    Action.CREATE_PAGE:           (NEVER, ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    Action.EDIT_PAGE:             (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.PUBLISH_PAGE:          (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.ARRANGE_PAGES:         (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.SEND_BACK_PAGE:        (NEVER, IF_EDITORS_PUBLISH, ALWAYS, ALWAYS, ALWAYS),
    Action.DELETE_PAGE:           (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.RESTORE_PAGE_FROM_TRASH: (NEVER, UNTIL_LIVE, ALWAYS, ALWAYS, ALWAYS),
    Action.USE_ADMIN:             (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.READ_DESK:             (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.TAKE_DOWN:             (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.ANNOUNCE:              (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.ONBOARD_VILLAGE:       (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.MANAGE_VILLAGES:       (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.MANAGE_TOPICS:         (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.MANAGE_MEMBERS:        (NEVER, NEVER, ALWAYS, ALWAYS, ALWAYS),
    Action.MANAGE_ACCOUNTS:       (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.GRANT_STAFF_ROLES:     (NEVER, NEVER, NEVER, NEVER, ALWAYS),
    Action.MANAGE_TWO_FACTOR_DEVICES: (NEVER, NEVER, NEVER, NEVER, ALWAYS),
    Action.IMPORT_SITE:           (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
    Action.EXPORT_SITE:           (NEVER, NEVER, ALWAYS, ALWAYS, ALWAYS),
    Action.MANAGE_DOMAINS:        (NEVER, NEVER, NEVER, ALWAYS, ALWAYS),
}
COLUMNS = (R.NONE, R.EDITOR, R.PUBLISHER, R.DISTRICT, R.SUPERUSER)


def is_signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def works_across_villages(user):
    """District staff and superusers see and manage every village."""
    return is_signed_in(user) and (user.is_superuser or user.is_district_staff)


def role_of(user, village=None):
    """The user's role for a village (or, without one, outside any village)."""
    if not is_signed_in(user):
        return Role.NONE
    if user.is_superuser:
        return Role.SUPERUSER
    if user.is_district_staff:
        return Role.DISTRICT
    if village is None:
        return Role.NONE
    return Role(village_roles(user).get(village.pk, Role.NONE))


def village_roles(user):
    """{village id: membership role} of a signed-in user. Asked many times
    per screen; remembered on the user object, which lives only as long as
    the request."""
    roles = getattr(user, "_village_roles", None)
    if roles is None:
        roles = user._village_roles = dict(user.memberships.values_list("village_id", "role"))
    return roles


def may(user, action, village=None, *, live=False):
    """Whether `user` may do `action` in `village` (None: outside any one,
    as district actions are). `live`: whether what is acted on is live."""
    cell = TABLE[Action(action)][COLUMNS.index(role_of(user, village))]
    if cell in (ALWAYS, NEVER):
        return cell
    editors_publish = village is not None and village.editors_may_publish
    if cell == UNTIL_LIVE:
        return not live or editors_publish
    return editors_publish  # IF_EDITORS_PUBLISH


def is_newsroom_user(user):
    """May open the newsroom at all: district staff, or a member of some village."""
    return works_across_villages(user) or (is_signed_in(user) and bool(village_roles(user)))
