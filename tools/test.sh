#!/usr/bin/env bash
# Runs the mipg tests with Odoo's own test runner on a fresh database, which is
# dropped afterwards. Last line: "N passed, N failed".
#
# By default (make test, CI) the database is created and mipg installed in it
# by the run itself. With MIPG_TEST_TEMPLATE=1 (make test-fast) the database is
# a copy of a template database where mipg is already installed with demo
# data, as the first step of a default run leaves it, plus what many tests
# would each redo: the web assets built, Spanish (es_CO) active with mipg's
# translations (tests load it with load_spanish, which skips it then). The
# template is built once for the addon's files (all of them but
# the tests and the developer tools and docs) and this Odoo, kept in PostgreSQL
# as mipg_template_<hash>, and built again when one of them changes; the
# install is checked then as a default run checks it.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_test_packages
ensure_postgres
make_addons_path

# Bumped when the way the template is built changes.
TEMPLATE_FORMAT=2
DATA_DIR="$MIPG_HOME/test-data"
FILESTORE="$DATA_DIR/filestore"
# Each test class's last measured duration, to balance the parallel runs.
TIMES="$MIPG_HOME/test-times.tsv"
DB="mipg_test_$(date +%s)_$$"
LOG=$(mktemp "${TMPDIR:-/tmp}/mipg-test.XXXXXX.log")
TAGS="${MIPG_TEST_TAGS:-/mipg}"
BUILD_DB=""
DBS=("$DB")
PIDS=()
cleanup() {
    local db pid
    # Odoo runs in the background: stopped with this command (Ctrl-C too).
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    wait 2>/dev/null
    for db in "${DBS[@]}" $BUILD_DB; do
        dropdb --if-exists "$db" >/dev/null 2>&1
        rm -rf "${FILESTORE:?}/$db"
    done
    rm -rf "$ADDONS_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$FILESTORE" || die "cannot create $DATA_DIR; set MIPG_HOME to a writable folder."

# Becomes Odoo (exec), with the addons path and the data folder of the tests;
# a first argument that is not an option is Odoo's command (shell). Call it in
# a subshell, "(odoo_run ...)", or in the background, "odoo_run ... &", where
# $! is then Odoo's own process.
odoo_run() {
    local command=()
    if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
        command=("$1")
        shift
    fi
    local port
    port=$(free_port)
    cd / && exec "$PY" -m odoo "${command[@]}" \
        --addons-path "$ADDONS_PATH" \
        --data-dir "$DATA_DIR" \
        --http-port "$port" \
        --max-cron-threads 0 \
        "$@"
}

# Prints the errors (not a test's own report) and the warnings about mipg
# while installing or loading (before the post-install tests start) of the
# Odoo log $1, and fails, if there are any.
install_problems() {
    local errors warnings
    errors=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" \
        | grep -Ev ' odoo\.addons\.[a-z_]+\.tests\.| odoo\.tests\.result: |At least one test failed when loading the modules')
    warnings=$(sed '/Starting post tests/q' "$1" \
        | grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' | grep -v 'attendance_location_log' \
        | awk '{ line = $0; $1 = $2 = $3 = $4 = $5 = ""; if (tolower($0) ~ /mipg/) print line }')
    [ -z "$errors$warnings" ] && return 0
    if [ -n "$errors" ]; then
        echo "mipg: errors while installing (not from a test):"
        echo "$errors"
    fi
    if [ -n "$warnings" ]; then
        echo "mipg: warnings about mipg while installing:"
        echo "$warnings"
    fi
    return 1
}

db_exists() {
    [ "$(psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# The hash of what the template is made of: the addon's files but its tests
# and the developer tools and docs, the Odoo that installs it, this script's
# way of building it.
template_key() {
    (cd / && "$PY" - "$ROOT" "$TEMPLATE_FORMAT" <<'PYCODE'
import hashlib, importlib.util, os, subprocess, sys

root, form = sys.argv[1], sys.argv[2]
skip_dirs = {".git", ".ci", "tests", "tools", "readme", "dist", "build", "node_modules", "__pycache__"}
skip_top = {"Makefile", "README.md"}
digest = hashlib.sha256(form.encode())
odoo_dir = os.path.dirname(os.path.dirname(importlib.util.find_spec("odoo").origin))


def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True)
    except OSError:  # no git
        return subprocess.CompletedProcess(args, 1, b"", b"")


commit = git("-C", odoo_dir, "rev-parse", "HEAD").stdout.decode().strip()
digest.update(f"{odoo_dir}\0{commit}\0{sys.version}\0".encode())
# The files git sees (tracked, or new and not ignored), else all of them.
listed = git("-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
if listed.returncode == 0:
    paths = sorted(set(listed.stdout.decode().split("\0")) - {""})
else:
    paths = sorted(
        os.path.relpath(os.path.join(base, name), root)
        for base, dirs, files in os.walk(root)
        for name in files
    )
for rel in paths:
    parts = rel.split("/")
    if any(p in skip_dirs or p.startswith(".") or p.endswith(".egg-info") for p in parts):
        continue
    if len(parts) == 1 and parts[0] in skip_top:
        continue
    path = os.path.join(root, rel)
    if rel.endswith((".pyc", ".pyo")) or not os.path.isfile(path):
        continue
    digest.update(rel.encode() + b"\0")
    with open(path, "rb") as f:
        digest.update(hashlib.sha256(f.read()).digest())
print(digest.hexdigest()[:16])
PYCODE
    )
}

# Builds the template $1 (mipg installed, web assets built) unless it exists;
# the caller holds the template lock.
build_template() {
    local template="$1" started=$SECONDS old build_log
    db_exists "$template" && return 0
    # Templates of older files or of another Odoo: dropped.
    for old in $(psql -d postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'mipg\_template\_%'"); do
        dropdb --if-exists "$old" >/dev/null 2>&1
        rm -rf "${FILESTORE:?}/$old"
    done
    BUILD_DB="mipg_template_build_$$"
    build_log=$(mktemp "${TMPDIR:-/tmp}/mipg-template.XXXXXX.log")
    say "building the template database $template: installing mipg (once for these files; log: $build_log)"
    # In test mode, as a default run installs it (reports then render as HTML,
    # not PDF), with a test tag that selects no test.
    (odoo_run --database "$BUILD_DB" --init mipg --test-enable --test-tags mipg_template_only \
        --stop-after-init --log-level info) >"$build_log" 2>&1
    local rc=$?
    if ! install_problems "$build_log" || [ "$rc" -ne 0 ]; then
        say "installing mipg failed (exit $rc); see $build_log"
        echo "0 passed, 0 failed"
        exit 1
    fi
    # What many test classes would otherwise each redo: the web assets, and
    # Spanish with mipg's translations (as the tests' load_spanish loads it).
    say "building the web assets and loading Spanish (es_CO) in the template"
    (odoo_run shell --database "$BUILD_DB" --no-http --log-level warn) >>"$build_log" 2>&1 <<'PYCODE'
env["ir.qweb"]._pregenerate_assets_bundles()
env["res.lang"]._activate_lang("es_CO")
env["ir.module.module"]._load_module_terms(["mipg"], ["es_CO"])
env.cr.commit()
PYCODE
    rc=$?
    if [ "$rc" -ne 0 ]; then
        say "building the web assets or loading Spanish in the template failed (exit $rc); see $build_log"
        echo "0 passed, 0 failed"
        exit 1
    fi
    psql -d postgres -qc "ALTER DATABASE \"$BUILD_DB\" RENAME TO \"$template\"" >/dev/null \
        || die "could not rename the template database $BUILD_DB to $template."
    mv "$FILESTORE/$BUILD_DB" "$FILESTORE/$template" 2>/dev/null || mkdir -p "$FILESTORE/$template"
    BUILD_DB=""
    say "template $template built in $((SECONDS - started)) s"
}

INIT=(--init mipg)
SHARD_TAGS=("$TAGS")
if [ "${MIPG_TEST_TEMPLATE:-0}" = "1" ]; then
    command -v flock >/dev/null 2>&1 \
        || die "flock was not found; install util-linux (Debian: 'apt-get install util-linux') or run make test."
    TEMPLATE="mipg_template_$(template_key)" || die "could not compute the template's hash."
    # Parallel runs, one per core, on copies of the template, when the tags
    # are the whole addon (with exclusions), not a class or a test.
    JOBS="${MIPG_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}"
    [[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "MIPG_TEST_JOBS must be a number of parallel runs (1 or more), not '$JOBS'."
    [[ "$TAGS" == *[:.]* ]] && JOBS=1
    if [ "$JOBS" -gt 1 ]; then
        mapfile -t SHARD_TAGS < <(cd / && "$PY" "$ROOT/tools/test_shards.py" split "$JOBS" "$TAGS" "$TIMES")
        [ "${#SHARD_TAGS[@]}" -ge 1 ] || die "could not split the tests into $JOBS parallel runs; run with MIPG_TEST_JOBS=1."
        DBS=()
        for i in $(seq 1 "${#SHARD_TAGS[@]}"); do DBS+=("${DB}_$i"); done
    fi
    COPY_START=$SECONDS
    exec 9>"$MIPG_HOME/template.lock"
    flock 9
    build_template "$TEMPLATE"
    for db in "${DBS[@]}"; do
        createdb -T "$TEMPLATE" "$db" \
            || die "could not copy the template database $TEMPLATE to $db; is it in use? Run the command again."
        rm -rf "${FILESTORE:?}/$db"
        cp -a "$FILESTORE/$TEMPLATE" "$FILESTORE/$db" 2>/dev/null || mkdir -p "$FILESTORE/$db"
    done
    flock -u 9
    exec 9>&-
    INIT=()
    say "copied the template $TEMPLATE to ${#DBS[@]} fresh database(s) in $((SECONDS - COPY_START)) s; running the tests ($TAGS) in ${#DBS[@]} parallel run(s)"
else
    echo "mipg: installing mipg on a fresh database $DB and running its tests ($TAGS); full log: $LOG"
fi

LOGS=()
TESTS_START=$SECONDS
for i in "${!DBS[@]}"; do
    if [ "$i" -eq 0 ]; then
        log="$LOG"
    else
        log=$(mktemp "${TMPDIR:-/tmp}/mipg-test.XXXXXX.log")
    fi
    LOGS+=("$log")
    [ "${#DBS[@]}" -gt 1 ] && say "run $((i + 1)): database ${DBS[$i]}, full log: $log"
    [ "${#DBS[@]}" -eq 1 ] && [ "${#INIT[@]}" -eq 0 ] && say "full log: $log"
    odoo_run \
        --database "${DBS[$i]}" \
        "${INIT[@]}" \
        --test-enable --test-tags "${SHARD_TAGS[$i]}" \
        --stop-after-init \
        --log-level info >"$log" 2>&1 &
    PIDS+=($!)
done
RC=0
for pid in "${PIDS[@]}"; do
    wait "$pid" || RC=$?
done
PIDS=()

# Show what matters: warnings, errors and the test summary.
for log in "${LOGS[@]}"; do
    grep -E ' (WARNING|ERROR|CRITICAL) |odoo\.tests\.(result|stats)|^(FAIL|ERROR):|Traceback|^  File |Error:' "$log" \
        | grep -v 'attendance_location_log' | tail -n 300
done

STATUS=0
FAILED=0
ERRORS=0
TOTAL=0
# Time of the install or load (with the at-install tests) and of the
# post-install tests, from the log's own clock.
stamp() { date -d "$(awk '{print $1" "$2}' <<<"$1" | tr , .)" +%s 2>/dev/null; }
for i in "${!LOGS[@]}"; do
    log="${LOGS[$i]}"
    RESULT=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1)
    if [ -z "$RESULT" ]; then
        echo "mipg: Odoo ended (exit $RC) without running the test suite; see $log"
        STATUS=1
        continue
    fi
    read -r failed errors total < <(sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$RESULT")
    FAILED=$((FAILED + failed))
    ERRORS=$((ERRORS + errors))
    TOTAL=$((TOTAL + total))
    install_problems "$log" || STATUS=1
    T0=$(stamp "$(grep -m1 -E '^[0-9-]+ [0-9:,]+ ' "$log")")
    T1=$(stamp "$(grep -m1 'Starting post tests' "$log")")
    T2=$(stamp "$(grep -E '^[0-9-]+ [0-9:,]+ ' "$log" | tail -n 1)")
    prefix="mipg:"
    [ "${#LOGS[@]}" -gt 1 ] && prefix="mipg: run $((i + 1)):"
    if [ -n "$T0" ] && [ -n "$T1" ] && [ -n "$T2" ]; then
        if [ "${#INIT[@]}" -gt 0 ]; then
            echo "$prefix install $((T1 - T0)) s, post-install tests $((T2 - T1)) s"
        else
            echo "$prefix loading $((T1 - T0)) s, post-install tests $((T2 - T1)) s"
        fi
    fi
done
BAD=$((FAILED + ERRORS))
PASSED=$((TOTAL - BAD))
[ "${#LOGS[@]}" -gt 1 ] && say "the ${#LOGS[@]} parallel runs took $((SECONDS - TESTS_START)) s"
[ "$TOTAL" -eq 0 ] && { echo "mipg: no test ran"; STATUS=1; }
# Durations of the classes, to balance the next parallel runs.
if [ "$STATUS" -eq 0 ] && [ "$BAD" -eq 0 ] && [ "${MIPG_TEST_TEMPLATE:-0}" = "1" ]; then
    (cd / && "$PY" "$ROOT/tools/test_shards.py" record "$TIMES" "${LOGS[@]}") >/dev/null 2>&1
fi
[ "$BAD" -gt 0 ] && STATUS=1
[ "$RC" -ne 0 ] && STATUS=1
echo "$PASSED passed, $BAD failed"
exit $STATUS
