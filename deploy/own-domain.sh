#!/bin/sh
# A village's own domain on this server: its certificate (Let's Encrypt,
# HTTP-01 through the webroot nginx serves for every name) and its nginx
# block (from deploy/nginx/own-domain.conf), then nginx reloaded. As root,
# once the domain's DNS points here (the desk's "Domain desa" screen shows
# the records) and before staff press "Periksa DNS" there:
#   /srv/kimportal/app/deploy/own-domain.sh taan.desa.id taan
#   /srv/kimportal/app/deploy/own-domain.sh --remove taan.desa.id
# Environment, for tests and unusual layouts: KIM_ACME_WEBROOT,
# KIM_NGINX_DOMAINS, CERTBOT (the certbot command), NGINX_RELOAD.
set -eu
WEBROOT=${KIM_ACME_WEBROOT:-/var/www/kimportal-acme}
DOMAINS=${KIM_NGINX_DOMAINS:-/etc/nginx/kimportal-domains}
CERTBOT=${CERTBOT:-certbot}
RELOAD=${NGINX_RELOAD:-nginx -t && systemctl reload nginx}
TEMPLATE=$(dirname "$0")/nginx/own-domain.conf

usage() { echo "usage: $0 DOMAIN SLUG | $0 --remove DOMAIN" >&2; exit 2; }
# Only what a stored domain and subdomain can be (villages/domains.py): no
# character that could end an nginx directive or a shell word.
valid_domain() { printf '%s' "$1" | grep -Eqx '([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}'; }
valid_slug() { printf '%s' "$1" | grep -Eqx '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?'; }

if [ "${1:-}" = "--remove" ]; then
    [ $# -eq 2 ] && valid_domain "$2" || usage
    rm -f "$DOMAINS/$2.conf"
    sh -c "$RELOAD"
    echo "$2: blok nginx dihapus. Sertifikatnya tetap (certbot delete --cert-name $2 bila tidak dipakai lagi)."
    exit 0
fi

[ $# -eq 2 ] || usage
DOMAIN=$1 SLUG=$2
valid_domain "$DOMAIN" || { echo "Nama domain tidak sah: $DOMAIN (huruf kecil, angka, tanda hubung, titik; nama internasional dalam bentuk xn--)." >&2; exit 2; }
valid_slug "$SLUG" || { echo "Subdomain desa tidak sah: $SLUG" >&2; exit 2; }

mkdir -p "$WEBROOT" "$DOMAINS"
# The certificate first: without it nginx would refuse the new block.
$CERTBOT certonly --webroot -w "$WEBROOT" -d "$DOMAIN" --cert-name "$DOMAIN" \
    --non-interactive --agree-tos --keep-until-expiring --deploy-hook 'systemctl reload nginx'

sed -e "s/village\\.example\\.id/$DOMAIN/g" -e "s/village-slug/$SLUG/g" "$TEMPLATE" > "$DOMAINS/$DOMAIN.conf.new"
mv "$DOMAINS/$DOMAIN.conf.new" "$DOMAINS/$DOMAIN.conf"
if ! sh -c "$RELOAD"; then
    # A block nginx refuses would stop every later reload: take it back.
    rm -f "$DOMAINS/$DOMAIN.conf"
    echo "$DOMAIN: nginx menolak blok barunya; blok dihapus, nginx tetap seperti semula." >&2
    exit 1
fi
echo "$DOMAIN: sertifikat dan blok nginx siap. Sekarang tekan “Periksa DNS” di meja distrik (Domain desa)."
