#!/usr/bin/env bash
# Benchmark of the improvement board against project.task, on a throwaway
# database (mipg and project installed, no demo data) dropped afterwards.
# Prints figures; it is not a test and has no pass/fail threshold.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_postgres
make_addons_path

DB="mipg_bench_$(date +%s)_$$"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1
    rm -rf "$ADDONS_DIR"
}
trap cleanup EXIT

echo "mipg: installing mipg and project on a throwaway database $DB"
(cd / && "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" \
    --init mipg,project --without-demo all --stop-after-init --log-level warn \
    --http-port "$(free_port)" --max-cron-threads 0) || die "installation failed"
(cd / && "$PY" -m odoo shell --database "$DB" --addons-path "$ADDONS_PATH" \
    --log-level warn --no-http <"$ROOT/tools/bench_board.py") 2>&1 | grep '^bench:'
