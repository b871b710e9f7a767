#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for socialtime's tests.
#
#   scripts/pg-test-cluster.sh start   # initdb + pg_ctl start; prints `export …` lines on stdout
#   scripts/pg-test-cluster.sh env     # prints the same lines for a running cluster
#   scripts/pg-test-cluster.sh stop    # stops the cluster and removes its folder
#
# Use: eval "$(scripts/pg-test-cluster.sh start)"; swift test; scripts/pg-test-cluster.sh stop
#
# The server runs as an unprivileged user (PostgreSQL refuses to run as root): the current
# user, or — when run as root — the system user `socialtime-ci`, created if missing. It listens
# on 127.0.0.1 only, on a free port, with its socket in the cluster's own temporary folder, and
# asks every connection for a password (scram-sha-256), so wrong-password tests are real. TLS is
# on with a throw-away self-signed certificate for `localhost` when openssl is present.
#
# Prints on stdout (everything else goes to stderr):
#   SOCIALTIME_TEST_POSTGRES_URL         postgresql://postgres:PASSWORD@127.0.0.1:PORT/postgres (superuser)
#   SOCIALTIME_TEST_POSTGRES_SOCKET_DIR  the folder of the server's Unix socket
#   SOCIALTIME_TEST_POSTGRES_ROOTCERT    the server's certificate (its own CA), when TLS is on
#
# The folder is $SOCIALTIME_PG_DIR, else one per checkout under ${TMPDIR:-/tmp}, so several
# checkouts on one machine each get their own cluster. PostgreSQL's server programs come from
# $PG_BINDIR, else the newest /usr/lib/postgresql/*/bin (Debian's `postgresql` package), else PATH.
set -euo pipefail

say() { echo "pg-test-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

repo=$(cd "$(dirname "$0")/.." && pwd)
checkout_id=$(printf '%s' "$repo" | cksum | cut -d' ' -f1)
dir=${SOCIALTIME_PG_DIR:-${TMPDIR:-/tmp}/socialtime-pg-$checkout_id}
data=$dir/data
socket_dir=$dir/socket
env_file=$dir/env

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  return 1
}

# Runs a command as the cluster's user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$owner" -- "$@"
    else
      su -s /bin/sh "$owner" -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  # Without python3: a random high port that nothing answers on.
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

start() {
  local bindir
  bindir=$(find_bindir) || die "PostgreSQL's server programs (initdb, pg_ctl) are not installed: apt-get install postgresql (Debian), or set PG_BINDIR"
  if [ "$(id -u)" -eq 0 ]; then owner=socialtime-ci; else owner=$(id -un); fi
  if [ -f "$env_file" ] && id "$owner" >/dev/null 2>&1 \
    && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "already running in $dir"
    cat "$env_file"
    return
  fi
  rm -rf "$dir"

  if [ "$(id -u)" -eq 0 ]; then
    if ! id "$owner" >/dev/null 2>&1; then
      say "creating the unprivileged user $owner to run the server"
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner"
    fi
    install -d -o "$owner" -g "$owner" -m 700 "$dir" "$socket_dir"
  else
    install -d -m 700 "$dir" "$socket_dir"
  fi

  local password port
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)
  port=$(free_port)
  printf '%s\n' "$password" > "$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir/pwfile"
  chmod 600 "$dir/pwfile"

  say "initdb in $data (as $owner, from $bindir)"
  as_owner "$bindir/initdb" --pgdata="$data" --username=postgres --pwfile="$dir/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$dir/pwfile"

  local ssl_options=() rootcert=""
  if command -v openssl >/dev/null 2>&1; then
    # A self-signed certificate for localhost and 127.0.0.1: its own CA, for verify-full tests.
    openssl req -new -x509 -days 7 -nodes -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$data/server.key" -out "$data/server.crt" >/dev/null 2>&1
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$data/server.key" "$data/server.crt"
    chmod 600 "$data/server.key"
    cp "$data/server.crt" "$dir/root.crt"
    chmod 644 "$dir/root.crt"
    ssl_options=(-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key)
    rootcert=$dir/root.crt
  fi

  say "starting on 127.0.0.1:$port, socket in $socket_dir"
  # fsync off: a throw-away cluster need not survive a power cut, and tests run faster.
  # 400 connections: the whole suite, its tests side by side, peaked at 198 of 200 (one run
  # failed with "remaining connection slots are reserved"); each is a few kB of shared memory.
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$socket_dir -c fsync=off -c max_connections=400 ${ssl_options[*]}" \
    start >&2 || { cat "$dir/server.log" >&2 || true; die "the server did not start"; }

  {
    echo "export SOCIALTIME_TEST_POSTGRES_URL='postgresql://postgres:$password@127.0.0.1:$port/postgres'"
    echo "export SOCIALTIME_TEST_POSTGRES_SOCKET_DIR='$socket_dir'"
    [ -n "$rootcert" ] && echo "export SOCIALTIME_TEST_POSTGRES_ROOTCERT='$rootcert'"
    true
  } > "$env_file"
  chmod 600 "$env_file"
  echo "$bindir" > "$dir/bindir"
  cat "$env_file"
}

stop() {
  [ -d "$dir" ] || { say "no cluster in $dir"; return 0; }
  local bindir
  bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir || true)
  owner=$(stat -c %U "$dir" 2>/dev/null || id -un)
  if [ -n "$bindir" ] && [ -d "$data" ]; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2 || say "pg_ctl stop failed; removing the folder anyway"
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    [ -f "$env_file" ] || die "no cluster running in $dir: run $0 start"
    cat "$env_file" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 64 ;;
esac
