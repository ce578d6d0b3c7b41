#!/usr/bin/env bash
# make deploy-check: the configuration of README.md's "Serving it for real"
# section, taken from the README as it is (between <!-- deploy-conf -->
# markers): Odoo loads it, each entity's host gets its own database only,
# and Odoo's workers start with it and answer through the proxy headers.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mipg-deploy.XXXXXX")
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

sed -n '/<!-- deploy-conf -->/,/<!-- \/deploy-conf -->/p' "$ROOT/README.md" \
    | sed '1,2d;$d' | sed '$d' >"$WORK/odoo.conf"
grep -q '^\[options\]' "$WORK/odoo.conf" || die "README.md has no deploy-conf block."
# This machine's paths and ports, the README's settings otherwise.
sed -i "s|^data_dir = .*|data_dir = $WORK/shared|" "$WORK/odoo.conf"

(cd / && "$PY" - "$WORK/odoo.conf" "$WORK/shared" <<'PYCODE') || exit 1
import sys
from odoo import http
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
dbs = ["pasto", "ipiales", "pasto_pruebas", "postgres_like"]
checks = [
    ("multi-process mode", config["workers"] > 1),
    ("proxy mode", config["proxy_mode"] is True),
    ("database manager hidden", config["list_db"] is False),
    ("filestore on the shared folder", config.filestore("pasto").startswith(sys.argv[2])),
    ("pasto.mipg.example.gov.co serves pasto only",
     http.db_filter(dbs, host="pasto.mipg.example.gov.co") == ["pasto"]),
    ("ipiales.mipg.example.gov.co:443 serves ipiales only",
     http.db_filter(dbs, host="ipiales.mipg.example.gov.co:443") == ["ipiales"]),
    ("an unknown host serves no database",
     http.db_filter(dbs, host="tumaco.mipg.example.gov.co") == []),
]
ok = True
for label, passed in checks:
    print(f"  {label:58} {'OK' if passed else 'MISS'}")
    ok = ok and passed
sys.exit(0 if ok else 1)
PYCODE

PORT=$(free_port)
cat >"$WORK/odoo-server" <<'LAUNCHER'
import os
os.environ["TZ"] = "UTC"
import odoo  # noqa: E402
if __name__ == "__main__":
    odoo.cli.main()
LAUNCHER
(cd / && exec "$PY" "$WORK/odoo-server" -c "$WORK/odoo.conf" --http-interface 127.0.0.1 \
    --http-port "$PORT" --gevent-port "$(free_port)" --workers 2 \
    --log-level warn) >"$WORK/odoo.log" 2>&1 &
SERVER_PID=$!
BODY=""
for _i in $(seq 1 60); do
    BODY=$(curl -s -H "Host: pasto.mipg.example.gov.co" -H "X-Forwarded-Proto: https" \
        -H "X-Forwarded-Host: pasto.mipg.example.gov.co" "http://127.0.0.1:$PORT/web/health" 2>/dev/null)
    [ -n "$BODY" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
done
WORKERS_UP=$(pgrep -P "$SERVER_PID" | wc -l)
if [[ "$BODY" == *'"pass"'* ]] && [ "$WORKERS_UP" -ge 2 ]; then
    printf '  %-58s %s\n' "workers started with it ($WORKERS_UP child processes), /web/health" "OK"
else
    tail -n 20 "$WORK/odoo.log"
    printf '  %-58s %s\n' "workers started with it, /web/health" "MISS"
    exit 1
fi
say "the deployment configuration of README.md holds"
