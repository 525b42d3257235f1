#!/usr/bin/env bash
# Entrypoint of provision-test/postgres. Follows the documented environment of the official
# postgres image: POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
# POSTGRES_USER (default postgres), POSTGRES_DB (default: the user), PGDATA, POSTGRES_INITDB_ARGS,
# the *_FILE variants, and /docker-entrypoint-initdb.d/*.sh|*.sql on first initialisation.
set -Eeuo pipefail

# VAR_FILE names a file holding VAR (Docker secrets style).
file_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    echo "error: both $var and $file_var are set (they are exclusive)" >&2
    exit 1
  fi
  local val=$def
  if [ -n "${!var:-}" ]; then val=${!var}; elif [ -n "${!file_var:-}" ]; then val=$(<"${!file_var}"); fi
  export "$var"="$val"
  unset "$file_var"
}

# `docker run IMAGE -c x=y` means `postgres -c x=y`.
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi

if [ "$1" != 'postgres' ]; then exec "$@"; fi

if [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

file_env POSTGRES_PASSWORD
file_env POSTGRES_USER postgres
file_env POSTGRES_DB "$POSTGRES_USER"
file_env POSTGRES_INITDB_ARGS
auth_method=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

run_sql() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "${1:-postgres}"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth_method" != 'trust' ]; then
    cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
       Or set POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password.
MSG
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a word list by design.
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$auth_method" $POSTGRES_INITDB_ARGS
  rm -f "$pwfile"
  printf '\nhost all all all %s\n' "$auth_method" >>"$PGDATA/pg_hba.conf"

  # A private server (no TCP) for the one-time set-up.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
  export PGHOST=/var/run/postgresql PGPORT=5432
  if [ "$POSTGRES_DB" != 'postgres' ]; then
    echo "CREATE DATABASE :\"db\";" | psql -v ON_ERROR_STOP=1 --no-psqlrc \
      --username "$POSTGRES_USER" --dbname postgres --set db="$POSTGRES_DB"
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) echo "running $f"; run_sql "$POSTGRES_DB" <"$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | run_sql "$POSTGRES_DB" ;;
      *) [ -e "$f" ] && echo "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGHOST PGPORT
  echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@" -c listen_addresses='*' -c port=5432
