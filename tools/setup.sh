#!/usr/bin/env bash
# Brings everything the other commands need, without running anything:
# Debian packages, Odoo 18 (found, or installed into ${MIPG_HOME:-~/.cache/mipg}),
# the test packages and a running PostgreSQL with a role for this user.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_test_packages
ensure_postgres
say "ready: Odoo $(cd / && "$PY" -c 'import odoo.release as r; print(r.version)') from $PY"
