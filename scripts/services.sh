#!/usr/bin/env bash
# Installs (from Debian's packages, only when missing) and starts the services the API tests use:
# a PostgreSQL server on 127.0.0.1:5432 with trust auth and a `test` database, Chromium for the
# reviewer-page browser tests, and the worker fleet's brokers: RabbitMQ on 127.0.0.1:5672 (guest/guest)
# and Redis on 127.0.0.1:6379. Idempotent: when all are present and running it only checks.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
  echo "services: need root for: $*" >&2; return 1; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "services: installing ${missing[*]}" >&2
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_ready; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | grep -q . || as_root pg_createcluster "$version" main >/dev/null
    cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
    conf_dir=/etc/postgresql/${cluster// //}
    # Tests connect as postgres over TCP on localhost without a password.
    if ! grep -q "^host all all 127.0.0.1/32 trust" "$conf_dir/pg_hba.conf" 2>/dev/null; then
      as_root sed -i '1i host all all 127.0.0.1/32 trust' "$conf_dir/pg_hba.conf"
    fi
    as_root pg_ctlcluster $cluster start || true
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
if pg_ready; then
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE test" >/dev/null
  echo "services: postgresql ready on 127.0.0.1:5432" >&2
else
  echo "services: postgresql did not start; the PostgreSQL storage tests will be skipped" >&2
fi
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! port_open 6379 && command -v redis-server >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
  for _ in $(seq 1 20); do port_open 6379 && break; sleep 0.5; done
fi
if port_open 6379; then
  echo "services: redis ready on 127.0.0.1:6379" >&2
else
  echo "services: redis did not start; the Redis broker test will be skipped" >&2
fi
if ! port_open 5672 && [ -x /usr/sbin/rabbitmq-server ]; then
  # The Debian package may have started it already through its service; otherwise start it detached.
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do port_open 5672 && break; sleep 1; done
fi
if port_open 5672; then
  echo "services: rabbitmq ready on 127.0.0.1:5672" >&2
else
  echo "services: rabbitmq did not start; the worker-fleet tests will be skipped" >&2
fi
if [ -x /usr/bin/chromium ]; then
  echo "services: chromium at /usr/bin/chromium" >&2
else
  echo "services: chromium missing; the browser tests will be skipped" >&2
fi
