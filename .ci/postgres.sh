# shellcheck shell=bash
# Starts a throwaway PostgreSQL 15 for tests, on 127.0.0.1 and a free port, with trust auth.
#
# Source it (from .ci/run, or by hand as root):
#     source .ci/postgres.sh
#     ... tests read TRUORA_TEST_POSTGRES (an Npgsql connection string) ...
#     truora_postgres_stop
#
# Safe under `set -euo pipefail`. Installs postgresql-15 with apt-get when it is missing.
# Exports TRUORA_TEST_POSTGRES, TRUORA_PG_DIR and TRUORA_PG_PORT.

truora_postgres_start() {
    local bin=/usr/lib/postgresql/15/bin
    if [[ ! -x "$bin/initdb" ]]; then
        echo "postgres.sh: installing PostgreSQL 15" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql-15 >/dev/null \
            || apt-get install -y -qq postgresql >/dev/null
    fi
    if [[ ! -x "$bin/initdb" ]]; then
        echo "postgres.sh: $bin/initdb not found after install" >&2
        return 1
    fi

    # The server refuses to run as root: run it as the postgres user.
    local as_pg=()
    if [[ "$(id -u)" == 0 ]]; then
        if command -v runuser >/dev/null 2>&1; then
            as_pg=(runuser -u postgres --)
        else
            as_pg=(su postgres -s /bin/sh -c '"$0" "$@"')
        fi
    fi

    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/truora-pg.XXXXXX")"
    mkdir -p "$dir/data" "$dir/socket"
    if [[ "$(id -u)" == 0 ]]; then
        chown -R postgres:postgres "$dir"
    fi
    chmod 700 "$dir"

    if ! "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
            --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        return 1
    fi

    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || true)"
    if [[ -z "$port" ]]; then
        port=54329
        while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
            port=$((port + 1))
        done
    fi

    local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir/socket"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    opts+=" -c max_connections=200 -c shared_buffers=128MB -c timezone=UTC"
    if ! "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null; then
        cat "$dir/server.log" >&2
        return 1
    fi

    local i
    for ((i = 0; i < 60; i++)); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
            break
        fi
        sleep 0.5
    done
    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
        echo "postgres.sh: server on port $port did not become ready" >&2
        cat "$dir/server.log" >&2
        return 1
    fi

    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE DATABASE truora_test"

    export TRUORA_PG_DIR="$dir"
    export TRUORA_PG_PORT="$port"
    export TRUORA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=truora_test;Max Auto Prepare=20"
    echo "postgres.sh: PostgreSQL on 127.0.0.1:$port (data in $dir)" >&2
}

# Stops the server started above and removes its directory. Safe to call twice.
truora_postgres_stop() {
    local dir="${TRUORA_PG_DIR:-}"
    if [[ -z "$dir" ]]; then
        return 0
    fi
    local bin=/usr/lib/postgresql/15/bin
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        if [[ "$(id -u)" == 0 ]]; then
            runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 \
                || su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 \
                || true
        else
            "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
    fi
    rm -rf "$dir"
    unset TRUORA_PG_DIR TRUORA_PG_PORT TRUORA_TEST_POSTGRES
}

truora_postgres_start
