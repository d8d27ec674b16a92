#!/usr/bin/env bash
# Make sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379/0): the task queue's
# broker. When none answers on this machine, install Debian's redis-server and start it.
set -euo pipefail
url="${REDIS_URL:-redis://127.0.0.1:6379/0}"
ping() {
  .venv/bin/python -c 'import sys, redis; redis.Redis.from_url(sys.argv[1], socket_timeout=2).ping()' \
    "$url" 2>/dev/null
}
ping && exit 0
case "$url" in
  redis://127.0.0.1[:/]*|redis://localhost[:/]*|redis://127.0.0.1|redis://localhost) ;;
  *) echo "No Redis answers at $url; start it, or unset REDIS_URL to use a local one." >&2; exit 1 ;;
esac
"$(dirname "$0")/ensure-apt.sh" redis-server
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Starting redis-server"
if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
  $sudo systemctl start redis-server
else
  $sudo service redis-server start >/dev/null 2>&1 || redis-server --daemonize yes >/dev/null
fi
for _ in $(seq 50); do ping && exit 0; sleep 0.1; done
echo "redis-server did not answer at $url" >&2
exit 1
