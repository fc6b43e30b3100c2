#!/usr/bin/env bash
# A throwaway PostgreSQL server from Debian's packages, for benchmarks (benchmarks/plans.py).
#
#   scripts/postgres.sh start DIR   initdb a cluster in DIR (if new) and start it, listening on a
#                                   unix socket in DIR only (no TCP port); prints the psql options
#   scripts/postgres.sh stop DIR    stop it
#
# Installs postgresql with apt-get when no server binaries are found. initdb refuses to run as
# root, so as root the cluster is made and run by the `postgres` user.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: scripts/postgres.sh start|stop DIR" >&2
    exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then
    if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
        echo "postgres.sh: PostgreSQL is not installed; run 'apt-get install postgresql' as root" >&2
        exit 1
    fi
    echo "postgres.sh: installing postgresql with apt-get" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -c shared_buffers=1GB -c work_mem=64MB -c max_parallel_workers_per_gather=2" start >/dev/null
    echo "-h $dir -U postgres"
    ;;
stop)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
*)
    echo "usage: scripts/postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
