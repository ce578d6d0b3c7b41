#!/usr/bin/env bash
# Regenerates i18n/mipg.pot from a fresh install and merges it into
# i18n/es.po (new terms arrive untranslated, marked for translation).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_postgres
make_addons_path
DB="mipg_i18n_$(date +%s)_$$"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1; rm -rf "$ADDONS_DIR"' EXIT

(cd / && "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" --init mipg \
    --without-demo all --stop-after-init --log-level warn)
(cd / && "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" \
    --i18n-export "$ROOT/i18n/mipg.pot" --modules mipg --stop-after-init --log-level warn)
if [ -f "$ROOT/i18n/es.po" ]; then
    msgmerge --quiet --no-fuzzy-matching --update --backup=none "$ROOT/i18n/es.po" "$ROOT/i18n/mipg.pot"
else
    msginit --no-translator --locale=es --input "$ROOT/i18n/mipg.pot" --output-file "$ROOT/i18n/es.po"
fi
echo "untranslated: $(msgattrib --untranslated "$ROOT/i18n/es.po" | grep -c '^msgid' || true)"
