#!/usr/bin/env bash
# Serves a local Odoo 18 with mipg installed on the demo database of the
# Alcaldía de Pasto, in Spanish. Running it again keeps the data (it updates
# the module).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${MIPG_DB:-mipg_demo}"
PORT="${MIPG_PORT:-8069}"
# MIPG_WORKERS=N: Odoo's multi-process mode, N HTTP worker processes, and the
# bus (websocket, longpolling) in its own gevent process on MIPG_GEVENT_PORT.
WORKERS="${MIPG_WORKERS:-}"
GEVENT_PORT="${MIPG_GEVENT_PORT:-$((PORT + 3))}"
if [ -n "$WORKERS" ] && ! [[ "$WORKERS" =~ ^[1-9][0-9]*$ ]]; then
    die "MIPG_WORKERS must be a number of worker processes (1 or more), e.g. MIPG_WORKERS=4 make run."
fi

find_odoo
ensure_postgres
if port_in_use "$PORT"; then
    die "port $PORT is already in use (another Odoo?); stop that program or choose another port with MIPG_PORT=8070 make run."
fi
if [ -n "$WORKERS" ] && port_in_use "$GEVENT_PORT"; then
    die "port $GEVENT_PORT, for the bus of the workers, is already in use; stop that program or choose another port with MIPG_GEVENT_PORT=8075 make run."
fi
make_addons_path
trap 'rm -rf "$ADDONS_DIR"' EXIT
# Stopped by a signal: still through the EXIT trap (the server gets the
# signal too and stops by itself).
trap 'exit 130' INT
trap 'exit 143' TERM

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

# Spanish (Colombia) for every user of the demo database; the administrator
# in Bogotá's time zone, as the demo users are.
odoo shell --no-http --log-level warn >/dev/null <<'PY' || die "could not set the Spanish language on $DB."
env["res.lang"]._activate_lang("es_CO")
env["ir.module.module"].search([("state", "=", "installed")])._update_translations(["es_CO"])
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "es_CO"})
env["res.partner"].browse(env.ref("base.partner_admin").id).write({"lang": "es_CO", "tz": "America/Bogota"})
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
if [ -n "$WORKERS" ]; then
    # The workers answer on a local port of their own; in front of them, on
    # $PORT, tools/workers_proxy.py sends /websocket to the bus process and
    # the rest to the workers, as a reverse proxy does in production.
    HTTP_INNER=$(free_port)
    LAUNCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mipg-launch.XXXXXX")
    trap 'rm -rf "$ADDONS_DIR" "$LAUNCH_DIR"' EXIT
    # Odoo starts its gevent process as "python <its own script> gevent ...",
    # which 'python -m odoo' cannot be: serve from a script file that does
    # what Odoo's own launcher does.
    cat >"$LAUNCH_DIR/odoo-server" <<'LAUNCHER'
import os
import warnings

os.environ["TZ"] = "UTC"
# gevent's monkey patching (the bus process) still goes through pkg_resources.
warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
import odoo  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
LAUNCHER
    cat <<TXT
  Multi-process mode: $WORKERS HTTP worker processes (on local port $HTTP_INNER) and
  the bus (websocket) in a gevent process on port $GEVENT_PORT, both behind a small
  proxy on port $PORT that sends /websocket to the bus.

TXT
    "$PY" "$ROOT/tools/workers_proxy.py" "$PORT" "$HTTP_INNER" "$GEVENT_PORT" &
    PROXY_PID=$!
    trap 'kill "$PROXY_PID" 2>/dev/null; rm -rf "$ADDONS_DIR" "$LAUNCH_DIR"' EXIT
    (cd / && "$PY" "$LAUNCH_DIR/odoo-server" --database "$DB" --addons-path "$ADDONS_PATH" \
        --http-interface 127.0.0.1 --http-port "$HTTP_INNER" --db-filter "^$DB\$" \
        --log-level warn --workers "$WORKERS" --gevent-port "$GEVENT_PORT")
else
    odoo --http-port "$PORT" --db-filter "^$DB\$" --log-level warn
fi
