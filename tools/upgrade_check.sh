#!/usr/bin/env bash
# Upgrade safety: installs mipg with demo data on a throwaway database, edits
# seed records and adds user data, upgrades the module (-u mipg), proves that
# nothing was lost, duplicated or overwritten, then uninstalls it and checks
# that no menu or view of it is left.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_odoo
ensure_postgres
make_addons_path
DB="mipg_upgrade_$(date +%s)_$$"
SNAP=$(mktemp)
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1; rm -rf "$ADDONS_DIR" "$SNAP"' EXIT
odoo() {
    local sub=()
    [ "${1:-}" = "shell" ] && { sub=(shell); shift; }
    (cd / && "$PY" -m odoo "${sub[@]}" --database "$DB" --addons-path "$ADDONS_PATH" --log-level warn "$@")
}
phase() {
    MIPG_PHASE=$1 MIPG_SNAPSHOT=$SNAP odoo shell --no-http < "$ROOT/tools/upgrade_check.py" \
        || die "upgrade check failed in phase $1"
}
echo "mipg: installing on $DB"
odoo --init mipg --stop-after-init || die "install failed"
phase before
echo "mipg: upgrading (-u mipg)"
odoo --update mipg --stop-after-init || die "upgrade failed"
phase after
echo "mipg: uninstalling"
phase uninstall
echo "upgrade and uninstall checks passed"
