# Shared helpers of the mipg dev commands (sourced, not run).
# Brings what the commands need on a bare Debian 12 machine (Debian packages,
# Odoo 18 in a cache folder, the test packages), makes sure PostgreSQL runs
# and lays out an addons path where this repository is the addon "mipg",
# whatever the clone's folder is called.
#
# Settings (environment):
#   ODOO_PYTHON               a Python that imports Odoo 18 (wins over the cache)
#   MIPG_HOME                 the cache folder (default ~/.cache/mipg)
#   MIPG_ODOO_SOURCE          git source of Odoo 18.0, a URL or a local git
#                             directory, bare or not (default odoo/odoo on GitHub)
#   MIPG_ODOO_REF             branch, tag or commit of that source (default 18.0)
#   MIPG_IGNORE_SYSTEM_ODOO=1 use the cache even if python3 imports Odoo 18

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIPG_HOME="${MIPG_HOME:-$HOME/.cache/mipg}"
ODOO_SOURCE_DEFAULT="https://github.com/odoo/odoo.git"
ODOO_REF_DEFAULT="18.0"
# Bumped when the way the cache is built changes: an older cache is completed.
CACHE_FORMAT=2

# Debian packages: those every command needs, and those needed to build the
# Odoo of the cache.
DEBIAN_RUNTIME_PACKAGES=(postgresql wkhtmltopdf chromium)
DEBIAN_BUILD_PACKAGES=(libpq-dev libldap2-dev libsasl2-dev python3-venv python3-dev build-essential git)

die() {
    echo "mipg: $*" >&2
    exit 2
}

say() {
    echo "mipg: $*"
}

# Installs the Debian packages given that are missing (as root), or says
# which command installs them.
ensure_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian: the checks below speak
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" != "0" ]; then
        die "mipg needs the Debian packages ${missing[*]}; install them with 'sudo apt-get install -y ${missing[*]}' and run this command again."
    fi
    say "installing the missing Debian packages: ${missing[*]}"
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update \
        || die "'apt-get update' failed (no network?); fix the Debian sources or the network and run this command again."
    say "apt-get install -y ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" \
        || die "'apt-get install -y ${missing[*]}' failed; see apt's messages above, fix the cause and run this command again."
}

# Prints the major version of the Odoo that Python $1 imports (fails if none).
odoo_major() {
    (cd / && "$1" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null)
}

# The same, read from the release.py of the odoo package that Python $1 finds,
# without importing it (a second instead of a few milliseconds): for the
# checks every command makes of a cache already installed and checked.
odoo_major_found() {
    (cd / && "$1" -c '
import importlib.util, os, re
spec = importlib.util.find_spec("odoo")
with open(os.path.join(os.path.dirname(spec.origin), "release.py")) as f:
    print(re.search(r"^version_info = \((\d+),", f.read(), re.M).group(1))' 2>/dev/null)
}

# Sets PY to a Python outside the cache that imports Odoo 18: $ODOO_PYTHON,
# else python3 and the usual places. Fails if there is none.
find_system_odoo() {
    [ "${MIPG_IGNORE_SYSTEM_ODOO:-}" = "1" ] && return 1
    local version py
    if [ -n "${ODOO_PYTHON:-}" ]; then
        command -v "$ODOO_PYTHON" >/dev/null 2>&1 \
            || die "ODOO_PYTHON is set to '$ODOO_PYTHON', which is not a program; set it to a Python with Odoo 18, or unset it to use the cache."
        version=$(odoo_major "$ODOO_PYTHON")
        [ "$version" = "18" ] && { PY="$ODOO_PYTHON"; return 0; }
        die "ODOO_PYTHON=$ODOO_PYTHON ${version:+imports Odoo $version}${version:-cannot 'import odoo'}, but mipg needs Odoo 18.0; set ODOO_PYTHON to a Python with Odoo 18, or unset it to use the cache."
    fi
    for py in python3 "$HOME/.pyenv/shims/python3" /usr/local/bin/python3 /usr/bin/python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        version=$(odoo_major "$py") || continue
        if [ "$version" = "18" ]; then
            PY="$py"
            return 0
        fi
        [ -n "$version" ] && say "$py imports Odoo $version, not 18.0: using the Odoo 18 of $MIPG_HOME instead"
    done
    return 1
}

# Sets PY to a Python that imports Odoo 18: one found on this machine, else
# the one of the cache $MIPG_HOME, which is installed first if needed.
find_odoo() {
    if find_system_odoo; then
        ensure_debian_packages "${DEBIAN_RUNTIME_PACKAGES[@]}"
        return 0
    fi
    if cache_ready; then
        ensure_debian_packages "${DEBIAN_RUNTIME_PACKAGES[@]}"
    else
        ensure_debian_packages "${DEBIAN_RUNTIME_PACKAGES[@]}" "${DEBIAN_BUILD_PACKAGES[@]}"
        install_odoo_cache
    fi
    PY="$MIPG_HOME/venv/bin/python"
}

# --- The Odoo 18 of the cache -----------------------------------------------
# $MIPG_HOME/odoo     shallow clone of $MIPG_ODOO_SOURCE at $MIPG_ODOO_REF
# $MIPG_HOME/venv     virtualenv: Odoo's requirements, the test packages, and
#                     Odoo itself installed from the clone (editable)
# $MIPG_HOME/ready    written last: the source and ref it was built from

# True if the cache holds a complete Odoo 18, built from the source and ref
# asked for (when they are asked for: without MIPG_ODOO_SOURCE/MIPG_ODOO_REF
# any complete cache is used).
cache_ready() {
    local marker="$MIPG_HOME/ready"
    [ -f "$marker" ] || return 1
    local src ref format
    src=$(sed -n 's/^source=//p' "$marker")
    ref=$(sed -n 's/^ref=//p' "$marker")
    format=$(sed -n 's/^format=//p' "$marker")
    # Without MIPG_ODOO_SOURCE/MIPG_ODOO_REF, a new install takes these.
    CACHE_SOURCE="$src"
    CACHE_REF="$ref"
    if [ -n "${MIPG_ODOO_SOURCE:-}" ] && [ "$MIPG_ODOO_SOURCE" != "$src" ]; then
        say "the Odoo of $MIPG_HOME comes from $src, not from $MIPG_ODOO_SOURCE: installing it again"
        return 1
    fi
    if [ -n "${MIPG_ODOO_REF:-}" ] && [ "$MIPG_ODOO_REF" != "$ref" ]; then
        say "the Odoo of $MIPG_HOME is $ref, not $MIPG_ODOO_REF: installing it again"
        return 1
    fi
    if [ "${format:-1}" != "$CACHE_FORMAT" ]; then
        say "the Odoo of $MIPG_HOME was installed by an older version of these commands: installing it again"
        return 1
    fi
    [ "$(odoo_major_found "$MIPG_HOME/venv/bin/python")" = "18" ] && return 0
    say "the Odoo of $MIPG_HOME no longer imports: installing it again"
    return 1
}

# The source and the ref to install from: the ones asked for, else those of
# the cache being replaced, else odoo/odoo 18.0.
odoo_source() { echo "${MIPG_ODOO_SOURCE:-${CACHE_SOURCE:-$ODOO_SOURCE_DEFAULT}}"; }
odoo_ref() { echo "${MIPG_ODOO_REF:-${CACHE_REF:-$ODOO_REF_DEFAULT}}"; }

# Prints a Python 3.10-3.12 with venv, ensurepip and its C headers (needed
# to build psycopg2, python-ldap and others from source).
build_python() {
    local py
    for py in "${MIPG_BUILD_PYTHON:-}" python3 python3.12 python3.11 python3.10 /usr/bin/python3; do
        [ -n "$py" ] || continue
        command -v "$py" >/dev/null 2>&1 || continue
        if (cd / && "$py" -c '
import os, sys, sysconfig, venv, ensurepip
ok = (3, 10) <= sys.version_info[:2] <= (3, 12)
ok = ok and os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))
sys.exit(0 if ok else 1)') >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

# Runs pip of the cache's virtualenv with the constraints of the cache (also
# inside pip's build isolation) and a log; on failure, dies with one sentence.
# Usage: cache_pip WHAT ARGS...
cache_pip() {
    local what="$1"
    shift
    local log="$MIPG_HOME/pip.log"
    if ! PIP_CONSTRAINT="$MIPG_HOME/constraints.txt" \
        "$MIPG_HOME/venv/bin/python" -m pip install --log "$log" "$@"; then
        if grep -Eq 'NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|ConnectTimeout|Read timed out' "$log"; then
            die "installing $what failed: the Python package index could not be reached (no network?); connect this machine and run this command again (pip's log: $log)."
        fi
        die "installing $what failed; see the end of pip's log $log, fix the cause (often a missing Debian package) and run this command again."
    fi
}

# Brings Odoo's source into $MIPG_HOME/odoo: a shallow fetch of one ref.
fetch_odoo() {
    local src ref
    src=$(odoo_source)
    ref=$(odoo_ref)
    local dir="$MIPG_HOME/odoo" log="$MIPG_HOME/git.log"
    local fail="could not get Odoo 18 from $src at $ref; set MIPG_ODOO_SOURCE/MIPG_ODOO_REF to a reachable Odoo 18.0 git source (git's messages: $log)."
    # Already there (a run that stopped later, in pip): not fetched again.
    local fetched="$MIPG_HOME/odoo.fetched"
    if [ -f "$fetched" ] && [ "$(sed -n 1p "$fetched")" = "$src $ref" ] \
        && [ "$(git -C "$dir" rev-parse -q --verify HEAD 2>/dev/null)" = "$(sed -n 2p "$fetched")" ]; then
        say "Odoo's source in $dir is already $ref from $src"
        return 0
    fi
    rm -f "$fetched"
    say "getting Odoo $ref from $src into $dir (a shallow clone of about 1 GB)"
    mkdir -p "$dir"
    git -C "$dir" init -q >"$log" 2>&1 || die "$fail"
    # git's progress meter only on a terminal (elsewhere it floods the log).
    local progress=()
    [ -t 2 ] && progress=(--progress)
    git -C "$dir" fetch "${progress[@]}" --depth 1 "$src" "$ref" 2>&1 | tee -a "$log"
    if [ "${PIPESTATUS[0]}" -ne 0 ]; then
        # A local source (bare or not) can turn a short hash or any name into
        # the full hash that fetch needs.
        local local_dir="${src#file://}" full=""
        [ -d "$local_dir" ] && full=$(git -C "$local_dir" rev-parse --verify --quiet "$ref^{commit}" 2>>"$log")
        if [ -z "$full" ] || [ "$full" = "$ref" ]; then
            die "$fail"
        fi
        say "$ref is commit $full of $src"
        git -C "$dir" fetch "${progress[@]}" --depth 1 "$src" "$full" 2>&1 | tee -a "$log"
        [ "${PIPESTATUS[0]}" -eq 0 ] || die "$fail"
    fi
    say "checking out Odoo's files"
    git -C "$dir" -c advice.detachedHead=false checkout -q --force FETCH_HEAD >>"$log" 2>&1 || die "$fail"
    local version
    version=$(sed -n 's/^version_info = (\([0-9]*\),.*/\1/p' "$dir/odoo/release.py" 2>/dev/null)
    [ -n "$version" ] \
        || die "$src at $ref is not a source of Odoo; set MIPG_ODOO_SOURCE/MIPG_ODOO_REF to an Odoo 18.0 git source."
    [ "$version" = "18" ] \
        || die "$src at $ref is Odoo $version, not 18.0; set MIPG_ODOO_SOURCE/MIPG_ODOO_REF to an Odoo 18.0 git source."
    printf '%s %s\n%s\n' "$src" "$ref" "$(git -C "$dir" rev-parse HEAD)" >"$fetched"
}

# Installs Odoo 18 into the cache: source, virtualenv, requirements, Odoo.
# Each step is redone by a run that follows an interrupted one; the marker
# $MIPG_HOME/ready is written only once everything is installed.
install_odoo_cache() {
    local src ref started=$SECONDS
    src=$(odoo_source)
    ref=$(odoo_ref)
    say "installing Odoo 18 into $MIPG_HOME (once: later runs reuse it)"
    mkdir -p "$MIPG_HOME" || die "cannot create the cache folder $MIPG_HOME; set MIPG_HOME to a writable folder."
    rm -f "$MIPG_HOME/ready"
    command -v git >/dev/null 2>&1 || die "git was not found; install it (Debian: 'apt-get install git') and run this command again."
    fetch_odoo

    local venv="$MIPG_HOME/venv"
    if ! (cd / && "$venv/bin/python" -m pip --version) >/dev/null 2>&1; then
        local base
        base=$(build_python) \
            || die "no Python 3.10 to 3.12 with venv and its C headers was found; install Debian's python3-venv and python3-dev (or set MIPG_BUILD_PYTHON to such a Python) and run this command again."
        say "creating the virtualenv $venv with $base ($("$base" --version 2>&1))"
        rm -rf "$venv"
        (cd / && "$base" -m venv "$venv") \
            || die "could not create the virtualenv $venv with $base; check that it has venv and ensurepip (Debian: python3-venv) and run this command again."
    fi

    # cbor2 and others build from source, with a setup.py that needs
    # setuptools' pkg_resources, gone since setuptools 81.
    printf 'setuptools<81\n' >"$MIPG_HOME/constraints.txt"
    : >"$MIPG_HOME/pip.log"
    # The setuptools of the virtualenv too: current wheels name themselves
    # zope_interface and the like, which the pkg_resources of an older one
    # cannot find (gevent's monkey patching, Odoo's multi-process bus, needs it).
    say "updating setuptools in the virtualenv (pip's log: $MIPG_HOME/pip.log)"
    cache_pip "setuptools" --upgrade "setuptools"
    say "installing Odoo's Python requirements and the test packages (pip's log: $MIPG_HOME/pip.log)"
    cache_pip "Odoo's Python requirements" \
        -r "$MIPG_HOME/odoo/requirements.txt" -r "$ROOT/test-requirements.txt"
    # Compat mode: a plain path entry, so that an installed package shipping
    # files under odoo/ cannot turn 'odoo' into a namespace package.
    say "installing Odoo from $MIPG_HOME/odoo into the virtualenv"
    cache_pip "Odoo" -e "$MIPG_HOME/odoo" --config-settings editable_mode=compat
    [ "$(odoo_major "$venv/bin/python")" = "18" ] \
        || die "Odoo was installed into $venv but does not import; see pip's log $MIPG_HOME/pip.log, or delete $MIPG_HOME and run this command again."
    printf 'source=%s\nref=%s\ncommit=%s\nformat=%s\n' "$src" "$ref" \
        "$(git -C "$MIPG_HOME/odoo" rev-parse HEAD)" "$CACHE_FORMAT" >"$MIPG_HOME/ready"
    say "Odoo 18 is installed in $MIPG_HOME (in $((SECONDS - started)) s)"
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
import importlib.util, os
root = os.path.dirname(importlib.util.find_spec("odoo").origin)
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

# True if something listens on TCP port $1 (connections of a server that just
# stopped, in TIME_WAIT, do not count: Odoo reuses the port as well).
port_in_use() {
    "$PY" -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)' "$1"
}

# The test suite needs a few PyPI packages beside Odoo's own requirements,
# listed in test-requirements.txt: installs those that are missing into $PY.
ensure_test_packages() {
    local reqs="$ROOT/test-requirements.txt"
    (cd / && "$PY" - "$reqs" <<'PYCODE'
import re, sys
from importlib import metadata
missing = []
for line in open(sys.argv[1]):
    name = re.split(r"[\s<>=!~;\[#]", line.strip(), maxsplit=1)[0]
    if not name:
        continue
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        missing.append(name)
sys.exit(1 if missing else 0)
PYCODE
    ) >/dev/null 2>&1 && return 0
    local log="${TMPDIR:-/tmp}/mipg-pip-test-packages.log" constraints=()
    if [ "$PY" = "$MIPG_HOME/venv/bin/python" ]; then
        log="$MIPG_HOME/pip.log"
        constraints=(env PIP_CONSTRAINT="$MIPG_HOME/constraints.txt")
    fi
    say "installing the test packages of test-requirements.txt into $PY (pip's log: $log)"
    (cd / && "${constraints[@]}" "$PY" -m pip install --log "$log" -r "$reqs") \
        || die "the test packages could not be installed into $PY (see pip's log $log); install them with '$PY -m pip install -r test-requirements.txt' and run this command again."
}
