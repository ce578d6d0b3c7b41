#!/usr/bin/env bash
# Runs the mipg tests with Odoo's own test runner on a fresh database, which is
# dropped afterwards. Last line: "N passed, N failed".
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_test_packages
ensure_postgres
make_addons_path

DB="mipg_test_$(date +%s)_$$"
LOG=$(mktemp "${TMPDIR:-/tmp}/mipg-test.XXXXXX.log")
TAGS="${MIPG_TEST_TAGS:-/mipg}"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1
    rm -rf "$ADDONS_DIR"
}
trap cleanup EXIT

echo "mipg: installing mipg on a fresh database $DB and running its tests ($TAGS); full log: $LOG"
(cd / && "$PY" -m odoo \
    --database "$DB" \
    --addons-path "$ADDONS_PATH" \
    --init mipg \
    --test-enable --test-tags "$TAGS" \
    --http-port "$(free_port)" \
    --max-cron-threads 0 \
    --stop-after-init \
    --log-level info) >"$LOG" 2>&1
RC=$?

# Show what matters: warnings, errors and the test summary.
grep -E ' (WARNING|ERROR|CRITICAL) |odoo\.tests\.(result|stats)|^(FAIL|ERROR):|Traceback|^  File |Error:' "$LOG" \
    | grep -v 'attendance_location_log' | tail -n 300

RESULT=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOG" | tail -n 1)
# ERROR or CRITICAL lines that are not a test's own report: install errors.
INSTALL_ERRORS=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" \
    | grep -Ev ' odoo\.addons\.[a-z_]+\.tests\.| odoo\.tests\.result: |At least one test failed when loading the modules' )

# Warnings about mipg while installing (before the post-install tests start).
INSTALL_WARNINGS=$(sed '/Starting post tests/q' "$LOG" \
    | grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' | grep -v 'attendance_location_log' \
    | awk '{ line = $0; $1 = $2 = $3 = $4 = ""; if (tolower($0) ~ /mipg/) print line }')

if [ -z "$RESULT" ]; then
    echo "mipg: Odoo ended (exit $RC) without running the test suite; see $LOG"
    echo "0 passed, 0 failed"
    exit 1
fi
FAILED=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/' <<<"$RESULT")
ERRORS=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/' <<<"$RESULT")
TOTAL=$(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/' <<<"$RESULT")
BAD=$((FAILED + ERRORS))
PASSED=$((TOTAL - BAD))

STATUS=0
if [ -n "$INSTALL_ERRORS" ]; then
    echo "mipg: errors while installing (not from a test):"
    echo "$INSTALL_ERRORS"
    STATUS=1
fi
if [ -n "$INSTALL_WARNINGS" ]; then
    echo "mipg: warnings about mipg while installing:"
    echo "$INSTALL_WARNINGS"
    STATUS=1
fi
[ "$TOTAL" -eq 0 ] && { echo "mipg: no test ran"; STATUS=1; }
# Time of the install (with its at-install tests) and of the post-install
# tests, from the log's own clock.
stamp() { date -d "$(awk '{print $1" "$2}' <<<"$1" | tr , .)" +%s 2>/dev/null; }
T0=$(stamp "$(grep -m1 -E '^[0-9-]+ [0-9:,]+ ' "$LOG")")
T1=$(stamp "$(grep -m1 'Starting post tests' "$LOG")")
T2=$(stamp "$(grep -E '^[0-9-]+ [0-9:,]+ ' "$LOG" | tail -n 1)")
[ -n "$T0" ] && [ -n "$T1" ] && [ -n "$T2" ] \
    && echo "mipg: install $((T1 - T0)) s, post-install tests $((T2 - T1)) s"
[ "$BAD" -gt 0 ] && STATUS=1
[ "$RC" -ne 0 ] && STATUS=1
echo "$PASSED passed, $BAD failed"
exit $STATUS
