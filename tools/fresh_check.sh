#!/usr/bin/env bash
# The whole set-up as on a bare machine, then the tests: an empty temporary
# cache folder (MIPG_HOME), no Odoo taken from ODOO_PYTHON or python3, so
# Odoo 18 is fetched and installed from MIPG_ODOO_SOURCE at MIPG_ODOO_REF (as
# the caller set them, else odoo/odoo 18.0); a second set-up that must reuse
# the cache; then make test. Prints the time of each step. Debian packages
# already installed are kept (the set-up installs only missing ones).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

FRESH_HOME=$(mktemp -d "${TMPDIR:-/tmp}/mipg-fresh-home.XXXXXX") \
    || { echo "mipg: cannot create a temporary folder; set TMPDIR to a writable folder." >&2; exit 2; }
trap 'rm -rf "$FRESH_HOME"' EXIT
export MIPG_HOME="$FRESH_HOME" ODOO_PYTHON="" MIPG_IGNORE_SYSTEM_ODOO=1

echo "mipg: fresh check with the empty cache $MIPG_HOME, Odoo from ${MIPG_ODOO_SOURCE:-the default source} at ${MIPG_ODOO_REF:-the default ref}"
TIMES=()
STATUS=0
step() {
    local name="$1" start=$SECONDS rc
    shift
    echo "mipg: --- $name"
    "$@"
    rc=$?
    TIMES+=("$(printf '%-40s %5d s   exit %d' "$name" $((SECONDS - start)) "$rc")")
    return "$rc"
}
summary() {
    echo
    echo "mipg: fresh check, time of each step:"
    printf '  %s\n' "${TIMES[@]}"
}

if ! step "set-up, first run (empty cache)" bash "$ROOT/tools/setup.sh"; then
    summary
    exit 1
fi
step "set-up, later run (cache reused)" bash "$ROOT/tools/setup.sh" || STATUS=1
OUT=$(mktemp "${TMPDIR:-/tmp}/mipg-fresh-test.XXXXXX.log")
step "make test" bash -c 'make -C "$1" --no-print-directory test 2>&1 | tee "$2"; exit "${PIPESTATUS[0]}"' _ "$ROOT" "$OUT" || STATUS=1
summary
# The test runner's closing line again, last.
grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT" | tail -n 1
rm -f "$OUT"
exit "$STATUS"
