#!/usr/bin/env bash
# Runs a command with a throwaway Redis on a loopback port; CACHE_URL points at it.
set -euo pipefail
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru --daemonize no >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "Redis on 127.0.0.1:$port"
export CACHE_URL="redis://127.0.0.1:$port/0"
set +e
"$@"
status=$?
set -e
exit $status
