#!/usr/bin/env bash
# Serves a local Odoo 18 with mipg installed on the demo database of the
# Alcaldía de Pasto, in Spanish. Running it again keeps the data (it updates
# the module).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${MIPG_DB:-mipg_demo}"
PORT="${MIPG_PORT:-8069}"

find_odoo
ensure_postgres
if port_in_use "$PORT"; then
    die "port $PORT is already in use (another Odoo?); stop that program or choose another port with MIPG_PORT=8070 make run."
fi
make_addons_path
trap 'rm -rf "$ADDONS_DIR"' EXIT

odoo() {
    # "odoo [shell] OPTIONS...": a subcommand, if any, must come first.
    local sub=()
    [ "${1:-}" = "shell" ] && { sub=(shell); shift; }
    (cd / && "$PY" -m odoo "${sub[@]}" --database "$DB" --addons-path "$ADDONS_PATH" "$@")
}

if psql -d postgres -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    echo "mipg: updating mipg on the existing database $DB (your data is kept)"
    odoo --update mipg --stop-after-init --log-level warn || die "updating mipg on $DB failed; see the messages above."
else
    echo "mipg: creating the demo database $DB (takes about a minute)"
    odoo --init mipg --load-language es_CO --stop-after-init --log-level warn \
        || die "installing mipg on $DB failed; see the messages above."
fi

# Spanish (Colombia) for every user of the demo database.
odoo shell --no-http --log-level warn >/dev/null <<'PY' || die "could not set the Spanish language on $DB."
env["res.lang"]._activate_lang("es_CO")
env["ir.module.module"].search([("state", "=", "installed")])._update_translations(["es_CO"])
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "es_CO"})
env["res.partner"].browse(env.ref("base.partner_admin").id).write({"lang": "es_CO"})
env.cr.commit()
PY

cat <<TXT

  MIPG — Alcaldía de Pasto (demo) on http://localhost:$PORT

  Logins (password = login):
    admin            administrator
    alcalde          strategic line (Alcalde)
    planeacion       second line (Oficina de Planeación de Gestión Institucional)
    control.interno  third line (Oficina de Control Interno)
    hacienda         first line (Secretaría de Hacienda)
    talento.humano   first line (Talento Humano)
    servidor         public servant

  Stop with Ctrl+C.
TXT
odoo --http-port "$PORT" --db-filter "^$DB\$" --log-level warn
