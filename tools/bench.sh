#!/usr/bin/env bash
# The mipg benchmark on a throwaway database, dropped afterwards: install
# time of mipg over base+mail, then the data set and the figures of
# tools/bench.py, each printed with its budget and OK or MISS.
# Sizes: BENCH_PLANS (100), BENCH_ACTIONS_PER_PLAN (100), BENCH_FOLLOWUPS (3),
# BENCH_LESSONS (200), BENCH_FURAG_ROWS (40000), BENCH_RISKS (2000), BENCH_CONTROLS
# (5000). Exit status 1 when a figure misses its budget.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_postgres
make_addons_path

DB="mipg_bench_$(date +%s)_$$"
SERVER_PID=""
OUT=$(mktemp "${TMPDIR:-/tmp}/mipg-bench.XXXXXX.log")
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    dropdb --if-exists "$DB" >/dev/null 2>&1
    rm -rf "$ADDONS_DIR"
}
trap cleanup EXIT

odoo_run() {
    (cd / && "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" \
        --without-demo all --stop-after-init --log-level warn \
        --http-port "$(free_port)" --max-cron-threads 0 "$@")
}

echo "mipg: benchmark on a throwaway database $DB; full output: $OUT"
odoo_run --init mail >/dev/null 2>&1 || die "installing base and mail failed"
START=$(date +%s.%N)
odoo_run --init mipg >>"$OUT" 2>&1 || die "installing mipg failed; see $OUT"
INSTALL=$(echo "$(date +%s.%N) - $START" | bc)
odoo_run --init project >>"$OUT" 2>&1 || die "installing project failed; see $OUT"

# wkhtmltopdf fetches the report assets over HTTP: a server for the reports.
PORT=$(free_port)
(cd / && exec "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" \
    --http-port "$PORT" --max-cron-threads 0 --log-level warn) >>"$OUT" 2>&1 &
SERVER_PID=$!
psql -q -d "$DB" -c "INSERT INTO ir_config_parameter (key, value, create_date, write_date)
    VALUES ('report.url', 'http://127.0.0.1:$PORT', now(), now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" >/dev/null
for _i in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    sleep 1
done

(cd / && "$PY" -m odoo shell --database "$DB" --addons-path "$ADDONS_PATH" \
    --log-level warn --no-http <"$ROOT/tools/bench.py") >>"$OUT" 2>&1

grep '^bench: ' "$OUT"
echo
printf '%-66s %-62s %-26s %s\n' "FIGURE" "MEASURED" "BUDGET" ""
INSTALL_OK=$(echo "$INSTALL <= 60" | bc)
printf '%-66s %-62s %-26s %s\n' "install time of mipg over base+mail" \
    "$(printf '%.1f s' "$INSTALL")" "<= 60 s" \
    "$([ "$INSTALL_OK" = 1 ] && echo OK || echo MISS)"
grep '^bench-result|' "$OUT" | while IFS='|' read -r _tag label figure budget status; do
    printf '%-66s %-62s %-26s %s\n' "$label" "$figure" "$budget" "$status"
done
RESULTS=$(grep -c '^bench-result|' "$OUT")
[ "$RESULTS" -eq 10 ] || { echo "mipg: the benchmark stopped early; see $OUT"; exit 1; }
if grep -q '^bench-result|.*|MISS$' "$OUT" || [ "$INSTALL_OK" != 1 ]; then
    exit 1
fi
