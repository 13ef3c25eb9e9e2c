#!/bin/sh
# manage.py as the service runs it: the kimportal user, the service's
# environment file, the installed code. As root:
#   /srv/kimportal/app/deploy/manage.sh migrate
set -eu
cd /srv/kimportal/app
exec runuser -u kimportal -- sh -c \
    'set -a; . /etc/kimportal/kimportal.env; set +a; exec /srv/kimportal/venv/bin/python manage.py "$@"' \
    manage.sh "$@"
