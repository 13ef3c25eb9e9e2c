#!/usr/bin/env bash
# A real WordPress from Debian's `wordpress` package, throwaway, on loopback:
# the peer the portal is compared with, and the maker of a real export.
#
#   bash bench/wordpress/setup.sh fixture   # a small site (every status, images, Indonesian
#                                           # text, emoji) exported with WordPress's own
#                                           # export_wp() to tests/imports/wordpress-real.xml,
#                                           # its uploads to tests/imports/wordpress-real-uploads/
#   bash bench/wordpress/setup.sh bench     # 20 categories x 100 posts, each with a featured
#                                           # image, exported to $WP_DIR/export.xml (uploads in
#                                           # $WP_DIR/wp-content/uploads); the site is kept
#   bash bench/wordpress/setup.sh serve     # that site (made first if missing) behind nginx's
#                                           # fastcgi_cache on 127.0.0.1:$WP_PORT, and without
#                                           # the cache on $WP_PORT+1; runs until Ctrl-C or `stop`
#   bash bench/wordpress/setup.sh stop      # stops what `serve` started
#   bash bench/wordpress/setup.sh clean     # stops it and deletes $WP_DIR
#
# WP_DIR (default /tmp/kimportal-wp-bench) holds everything: MariaDB's data,
# wp-config.php, wp-content (uploads), nginx's and php-fpm's files and logs.
# MariaDB, php-fpm and nginx run as our own processes on loopback ports with
# their files there; no system service is started or changed. Packages are
# installed with apt-get when missing (wordpress, mariadb-server, php-fpm,
# php-mysql, php-gd for the resized images). Debian's wp-config.php reads
# /etc/wordpress/config-<name>.php: the one file written outside WP_DIR is
# /etc/wordpress/config-kimportal-bench.php, which only points at
# $KIM_WP_DIR/wp-config.php under /tmp (`clean` removes it).
#
# Other settings: WP_PORT (default 8090), WP_FPM_CHILDREN (php-fpm workers,
# default 4), WP_GZIP (nginx compresses every response: on, or off),
# WP_BENCH_CATEGORIES / WP_BENCH_POSTS (20 / 100), WP_BENCH_IMAGE (featured
# image size, default 1200x800; "none" for none).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
WP_DIR=${WP_DIR:-/tmp/kimportal-wp-bench}
WP_PORT=${WP_PORT:-8090}
WP_FPM_CHILDREN=${WP_FPM_CHILDREN:-4}
WP_GZIP=${WP_GZIP:-on}
CONFIG_NAME=kimportal-bench
ETC_CONFIG=/etc/wordpress/config-$CONFIG_NAME.php

say() { echo "wordpress: $*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

install_packages() {
    local missing=()
    for package in wordpress mariadb-server php-fpm php-mysql php-gd nginx; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    say "installing ${missing[*]}"
    [ "$(id -u)" = 0 ] || { echo "run as root to install ${missing[*]} (or install them first)" >&2; exit 1; }
    # No service is started by the packages' scripts: a policy-rc.d that
    # refuses is put in place for the install if there is none.
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        policy=/usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}" wordpress-theme-twentytwentythree >/dev/null
    [ -n "$policy" ] && rm -f "$policy"
    return 0
}

etc_config() {
    [ -f "$ETC_CONFIG" ] && return
    cat > "$ETC_CONFIG" <<'PHP'
<?php
/* Written by KIM Portal's bench/wordpress/setup.sh for its throwaway
 * WordPress under /tmp: the real configuration is KIM_WP_DIR/wp-config.php
 * (from nginx's fastcgi_param, or the environment of the PHP CLI). */
$kim_wp_dir = realpath(isset($_SERVER['KIM_WP_DIR']) ? $_SERVER['KIM_WP_DIR'] : (string) getenv('KIM_WP_DIR'));
if (!$kim_wp_dir || strpos($kim_wp_dir, '/tmp/') !== 0 || !is_file("$kim_wp_dir/wp-config.php")) {
    header('HTTP/1.0 404 Not Found');
    exit(1);
}
require "$kim_wp_dir/wp-config.php";
PHP
    chmod 644 "$ETC_CONFIG"
}

# The site's files: WP_DIR/{mysql,wp-content,run,nginx}, and wp-config.php.
layout() {
    mkdir -p "$WP_DIR"/{run,nginx,wp-content/uploads,wp-content/plugins}
    chmod 755 "$WP_DIR" "$WP_DIR"/wp-content "$WP_DIR"/wp-content/*
    ln -sfn /usr/share/wordpress/wp-content/themes "$WP_DIR/wp-content/themes"
    [ -f "$WP_DIR/db-password" ] || python3 -c 'import secrets; print(secrets.token_hex(16))' > "$WP_DIR/db-password"
    [ -f "$WP_DIR/salt" ] || python3 -c 'import secrets; print(secrets.token_hex(32))' > "$WP_DIR/salt"
}

write_wp_config() {
    local home=$1 db_port=$2
    cat > "$WP_DIR/wp-config.php" <<PHP
<?php
/* Written by bench/wordpress/setup.sh at every start: a throwaway site. */
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$(cat "$WP_DIR/db-password")');
define('DB_HOST', '127.0.0.1:$db_port');
define('DB_CHARSET', 'utf8mb4');
\$kim_home = '$home';
if (isset(\$_SERVER['KIM_WP_HOME_PORT'])) { // served by nginx: links to the port asked (cached or not)
    \$kim_home = 'http://127.0.0.1:' . (int) \$_SERVER['KIM_WP_HOME_PORT'];
}
define('WP_HOME', \$kim_home);
define('WP_SITEURL', \$kim_home);
define('WP_CONTENT_DIR', '$WP_DIR/wp-content');
define('FS_METHOD', 'direct');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
foreach (array('AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT') as \$kim_key) {
    define(\$kim_key, \$kim_key . '$(cat "$WP_DIR/salt")');
}
PHP
    chmod 644 "$WP_DIR/wp-config.php"
}

start_mariadb() {
    local port fresh=""
    port=$(free_port)
    if [ ! -d "$WP_DIR/mysql/mysql" ]; then
        fresh=1
        mkdir -p "$WP_DIR/mysql" && chown mysql: "$WP_DIR/mysql"
        mariadb-install-db --no-defaults --user=mysql --datadir="$WP_DIR/mysql" \
            --auth-root-authentication-method=socket --skip-test-db >"$WP_DIR/run/mariadb-install.log" 2>&1 ||
            { cat "$WP_DIR/run/mariadb-install.log" >&2; exit 1; }
    fi
    chmod 1777 "$WP_DIR/run"  # MariaDB (mysql) and php-fpm (www-data) write their files here too
    mariadbd --no-defaults --user=mysql --datadir="$WP_DIR/mysql" --socket="$WP_DIR/run/mysql.sock" \
        --pid-file="$WP_DIR/run/mariadb.pid" --bind-address=127.0.0.1 --port="$port" \
        --log-error="$WP_DIR/run/mariadb.log" --skip-log-bin --innodb-flush-log-at-trx-commit=2 \
        --innodb-buffer-pool-size=256M --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci &
    for _ in $(seq 100); do
        mariadb-admin --socket="$WP_DIR/run/mysql.sock" ping >/dev/null 2>&1 && break
        sleep 0.2
    done
    mariadb-admin --socket="$WP_DIR/run/mysql.sock" ping >/dev/null 2>&1 ||
        { cat "$WP_DIR/run/mariadb.log" >&2; exit 1; }
    if [ -n "$fresh" ]; then
        mariadb --socket="$WP_DIR/run/mysql.sock" -u root <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '$(cat "$WP_DIR/db-password")';
GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';
SQL
    fi
    DB_PORT=$port
}

stop_pid() {
    local file=$1
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$file"
}

stop_all() {
    stop_pid "$WP_DIR/run/nginx.pid"
    stop_pid "$WP_DIR/run/php-fpm.pid"
    stop_pid "$WP_DIR/run/mariadb.pid"
}

wp() {
    # WordPress's PHP CLI (bench/wordpress/site.php) against this site.
    KIM_WP_DIR=$WP_DIR WORDPRESS_CONFIG=$CONFIG_NAME HTTP_HOST=${WP_HOST:-localhost} \
        php -d memory_limit=512M "$here/site.php" "$@"
}

make_site() {
    # A new site in WP_DIR: MariaDB, wp_install, then `site.php <what>`.
    local home=$1 what=$2
    install_packages
    etc_config
    layout
    start_mariadb
    trap stop_all EXIT
    write_wp_config "$home" "$DB_PORT"
    wp install
    wp "$what"
}

fixture() {
    WP_DIR=$(mktemp -d /tmp/kimportal-wp-fixture.XXXXXX)
    trap 'stop_all; rm -rf "$WP_DIR"' EXIT
    make_site https://desacontoh.example fixture
    trap 'rm -rf "$WP_DIR"' EXIT
    wp export > "$repo/tests/imports/wordpress-real.xml"
    stop_all
    rm -rf "$repo/tests/imports/wordpress-real-uploads"
    cp -r "$WP_DIR/wp-content/uploads" "$repo/tests/imports/wordpress-real-uploads"
    say "wrote tests/imports/wordpress-real.xml ($(wc -c < "$repo/tests/imports/wordpress-real.xml") bytes)" \
        "and tests/imports/wordpress-real-uploads ($(du -sh "$repo/tests/imports/wordpress-real-uploads" | cut -f1))"
}

bench() {
    [ -d "$WP_DIR/mysql" ] && { echo "$WP_DIR exists: \`$0 clean\` first" >&2; exit 1; }
    local started=$SECONDS
    make_site "http://127.0.0.1:$WP_PORT" bench
    wp export > "$WP_DIR/export.xml"
    stop_all
    trap - EXIT
    say "made in $((SECONDS - started)) s: $WP_DIR/export.xml ($(du -h "$WP_DIR/export.xml" | cut -f1))," \
        "uploads $WP_DIR/wp-content/uploads ($(du -sh "$WP_DIR/wp-content/uploads" | cut -f1))"
}

serve() {
    [ -d "$WP_DIR/mysql" ] || bench
    [ -f "$WP_DIR/run/nginx.pid" ] && kill -0 "$(cat "$WP_DIR/run/nginx.pid")" 2>/dev/null &&
        { echo "already serving $WP_DIR: \`$0 stop\` first" >&2; exit 1; }
    install_packages
    etc_config
    layout
    start_mariadb
    trap stop_all EXIT
    write_wp_config "http://127.0.0.1:$WP_PORT" "$DB_PORT"
    local fpm_port
    fpm_port=$(free_port)
    sed -e "s|@WP_DIR@|$WP_DIR|g" -e "s|@FPM_PORT@|$fpm_port|g" -e "s|@CHILDREN@|$WP_FPM_CHILDREN|g" \
        "$here/php-fpm.conf" > "$WP_DIR/run/php-fpm.conf"
    php-fpm8.2 --fpm-config "$WP_DIR/run/php-fpm.conf" --nodaemonize &
    rm -rf "$WP_DIR/nginx/cache"
    mkdir -p "$WP_DIR/nginx/cache"
    sed -e "s|@WP_DIR@|$WP_DIR|g" -e "s|@FPM_PORT@|$fpm_port|g" -e "s|@PORT@|$WP_PORT|g" \
        -e "s|@PLAIN_PORT@|$((WP_PORT + 1))|g" -e "s|@GZIP@|$WP_GZIP|g" "$here/nginx.conf" > "$WP_DIR/run/nginx.conf"
    nginx -e stderr -p "$WP_DIR/nginx" -c "$WP_DIR/run/nginx.conf" -g "daemon off; pid $WP_DIR/run/nginx.pid;" &
    local nginx=$!
    for _ in $(seq 100); do
        kill -0 "$nginx" 2>/dev/null || { echo "nginx did not start" >&2; exit 1; }
        curl -fso /dev/null "http://127.0.0.1:$WP_PORT/" && break
        sleep 0.2
    done
    curl -fso /dev/null "http://127.0.0.1:$WP_PORT/" || { echo "WordPress does not answer; see $WP_DIR/run/*.log" >&2; exit 1; }
    local post
    post=$(wp single-post)
    cat <<TEXT
WordPress $(dpkg-query -W -f='${Version}' wordpress) ($(wp count) published posts), $WP_DIR
  behind nginx fastcgi_cache:  http://127.0.0.1:$WP_PORT/   single post: http://127.0.0.1:$WP_PORT$post
  php-fpm without the cache:   http://127.0.0.1:$((WP_PORT + 1))/   single post: http://127.0.0.1:$((WP_PORT + 1))$post
  (the X-Cache header says HIT or MISS; $WP_FPM_CHILDREN php-fpm workers)
Ctrl-C or \`bash $0 stop\` ends it.
TEXT
    wait
}

case "${1:-}" in
    fixture) fixture ;;
    bench) bench ;;
    serve) serve ;;
    stop) stop_all ;;
    clean) stop_all; rm -rf "$WP_DIR"; rm -f "$ETC_CONFIG" ;;
    *) sed -n '2,31p' "$0" >&2; exit 2 ;;
esac
exit 0  # (bash reads a script as it runs: nothing after this line is read)
