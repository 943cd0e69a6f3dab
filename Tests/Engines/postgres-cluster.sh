#!/usr/bin/env bash
# A throwaway PostgreSQL server for the cross-check: `start DIR` makes a new cluster in the
# empty or absent folder DIR (as the postgres user when run as root, which initdb refuses to
# be), starts it listening only on a socket in DIR, and prints the psql options that reach it;
# `stop DIR` stops it and removes DIR. Needs Debian's postgresql (initdb and pg_ctl under
# /usr/lib/postgresql/VERSION/bin).
set -euo pipefail
action=${1:?usage: postgres-cluster.sh start|stop DIR}
dir=${2:?usage: postgres-cluster.sh start|stop DIR}

bin=""
for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin=$candidate; done
if [ -z "$bin" ]; then
  command -v initdb >/dev/null 2>&1 || { echo "no PostgreSQL server here (apt-get install postgresql; .ci/setup does it)" >&2; exit 2; }
  bin=$(dirname "$(command -v initdb)")
fi

# initdb and the server refuse to run as root: run them as postgres, which owns DIR.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c port=5432" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "-h $dir -p 5432 -U postgres -d postgres"
    ;;
  stop)
    [ -d "$dir/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: postgres-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
