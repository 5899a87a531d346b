# A throwaway PostgreSQL server for the tests, sourced by .ci/run (or by hand: `. .ci/postgres.sh;
# start_postgres; ...; stop_postgres`). Debian's packages are installed if no server is on the
# machine; the server runs as an ordinary user (never root) on a temporary directory, listening on
# a free port of 127.0.0.1 only, with trust authentication. start_postgres exports
# ADVISOR_TEST_POSTGRES_URL, which tests/postgres.py reads.

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  PG_BIN=$(_pg_bin)
  if [ -z "$PG_BIN" ]; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    PG_BIN=$(_pg_bin)
  fi
  # initdb and postgres refuse to run as root: as root, the package's `postgres` user runs it.
  PG_USER=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    PG_USER=postgres
    id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_USER"
  fi
  PG_DIR=$(mktemp -d)
  chown "$PG_USER" "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  _as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U advisor --auth=trust -E UTF8 >/dev/null
  # fsync off: a test server's data need not survive a power cut, and it makes the suites faster.
  _as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U advisor advisor_test
  export ADVISOR_TEST_POSTGRES_URL="postgresql://advisor@127.0.0.1:$port/advisor_test"
  echo "postgres: $("$PG_BIN/postgres" --version) at $ADVISOR_TEST_POSTGRES_URL"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  _as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$PG_DIR"
  PG_DIR=
}

_as_pg() {
  # From the data directory: the server user may not be allowed into the caller's working directory.
  if [ "$PG_USER" = "$(id -un)" ]; then (cd "$PG_DIR" && "$@"); else (cd "$PG_DIR" && runuser -u "$PG_USER" -- "$@"); fi
}
