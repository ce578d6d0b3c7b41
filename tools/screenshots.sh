#!/usr/bin/env bash
# Regenerates the README screenshots from the real UI: serves the demo
# database on a free port, drives headless Chromium, stops the server.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_odoo
ensure_postgres
PORT=$(free_port)
MIPG_PORT=$PORT bash "$ROOT/tools/run.sh" >"${TMPDIR:-/tmp}/mipg-screenshots-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; pkill -f "http-port $PORT" 2>/dev/null' EXIT
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://localhost:$PORT/web/login" && break
    kill -0 $SERVER 2>/dev/null || die "the demo server stopped; see ${TMPDIR:-/tmp}/mipg-screenshots-server.log"
    sleep 1
done
"$PY" "$ROOT/tools/screenshots.py" "http://localhost:$PORT" "${MIPG_DB:-mipg_demo}" "$ROOT/static/description/screenshots"
