# Shared helpers of the mipg dev commands (sourced, not run).
# Finds Odoo 18, makes sure PostgreSQL runs and lays out an addons path where
# this repository is the addon "mipg", whatever the clone's folder is called.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() {
    echo "mipg: $*" >&2
    exit 2
}

# Sets PY to a Python that imports Odoo 18.
find_odoo() {
    local candidates=()
    [ -n "${ODOO_PYTHON:-}" ] && candidates+=("$ODOO_PYTHON")
    candidates+=(python3 "$HOME/.pyenv/shims/python3" /usr/local/bin/python3 /usr/bin/python3)
    for py in "${candidates[@]}"; do
        command -v "$py" >/dev/null 2>&1 || continue
        local version
        version=$(cd / && "$py" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null) || continue
        if [ "$version" = "18" ]; then
            PY="$py"
            return 0
        fi
        [ -n "$version" ] && die "$py imports Odoo $version, but mipg needs Odoo 18.0; set ODOO_PYTHON to a Python with Odoo 18."
    done
    die "Odoo 18 was not found: neither \$ODOO_PYTHON nor python3 can 'import odoo'. Install Odoo 18.0 from source (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html: clone the 18.0 branch, 'pip install -r requirements.txt' and 'pip install -e .'), or use the official Docker image with the docker-compose.yml of this repository."
}

# Makes sure a local PostgreSQL server answers and that a role exists for the
# user that runs Odoo.
ensure_postgres() {
    command -v psql >/dev/null 2>&1 || command -v pg_lsclusters >/dev/null 2>&1 \
        || die "PostgreSQL was not found. Install it (Debian: 'apt-get install postgresql') and run this command again."
    local user
    user=$(id -un)
    if [ "$user" = "postgres" ]; then
        die "Odoo refuses to run as the 'postgres' user; run this command as another user."
    fi
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_lsclusters >/dev/null 2>&1; then
            local cluster
            cluster=$(pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | head -n 1)
            [ -n "$cluster" ] || die "PostgreSQL is installed but has no cluster; create one with 'pg_createcluster 15 main'."
            echo "mipg: starting PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            if [ "$(id -u)" = "0" ]; then
                pg_ctlcluster $cluster start >/dev/null 2>&1
            else
                sudo -n pg_ctlcluster $cluster start >/dev/null 2>&1
            fi
        fi
        local i
        for i in 1 2 3 4 5 6 7 8 9 10; do
            pg_isready -q 2>/dev/null && break
            sleep 1
        done
        pg_isready -q 2>/dev/null \
            || die "PostgreSQL is not running and could not be started; start it (Debian: 'pg_ctlcluster 15 main start') and run this command again."
    fi
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        local create="CREATE ROLE \"$user\" LOGIN CREATEDB"
        if [ "$(id -u)" = "0" ]; then
            su postgres -c "psql -q -c '$create'" >/dev/null 2>&1
        else
            sudo -n -u postgres psql -q -c "$create" >/dev/null 2>&1
        fi
        psql -d postgres -Atc 'select 1' >/dev/null 2>&1 \
            || die "PostgreSQL runs but has no role for '$user'; create it with: sudo -u postgres createuser --createdb $user"
    fi
}

# Sets ADDONS_PATH: a folder holding a link "mipg" to this repository, then
# Odoo's own addons.
make_addons_path() {
    ADDONS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mipg-addons.XXXXXX")
    ln -s "$ROOT" "$ADDONS_DIR/mipg"
    local odoo_addons
    odoo_addons=$(cd / && "$PY" -c '
import os, odoo
root = os.path.dirname(odoo.__file__)
paths = [os.path.join(root, "addons")]
main = os.path.abspath(os.path.join(root, "..", "addons"))
if os.path.isdir(main):
    paths.append(main)
print(",".join(paths))')
    ADDONS_PATH="$ADDONS_DIR,$odoo_addons"
}

# Prints a free TCP port on localhost.
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_in_use() {
    "$PY" -c '
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)' "$1"
}

# The test suite needs a few PyPI packages beside Odoo's own requirements.
ensure_test_packages() {
    if ! (cd / && "$PY" -c 'import odoo_test_helper, websocket, hypothesis, openpyxl, xlsxwriter') >/dev/null 2>&1; then
        echo "mipg: installing the test packages (odoo-test-helper, websocket-client, hypothesis, openpyxl)"
        "$PY" -m pip install --quiet odoo-test-helper websocket-client hypothesis openpyxl xlsxwriter >/dev/null 2>&1 \
            || die "the test packages are missing and could not be installed; run: $PY -m pip install odoo-test-helper websocket-client hypothesis openpyxl"
    fi
}
