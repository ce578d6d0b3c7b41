#!/usr/bin/env bash
# make load: a bounded load test of mipg served as in production, on a
# throwaway database with the demo data (dropped afterwards).
#  - Odoo in multi-process mode on localhost: MIPG_LOAD_WORKERS (4) HTTP
#    workers, no cron;
#  - locust (PyPI, in ${MIPG_HOME}/load-venv) plays the lines of defense with
#    the web client's JSON-RPC calls (tools/load_locustfile.py):
#    MIPG_LOAD_USERS (50) users started at MIPG_LOAD_SPAWN_RATE (10) a second,
#    each taking MIPG_LOAD_THINK (5-15) seconds between two steps (reading
#    the board, writing the report), for MIPG_LOAD_TIME (2m), then it stops
#    by itself; the figures are those
#    of the users at work, counted once all have logged in (the burst of
#    their logins, each a password hash, is not a board load), the errors
#    those of the whole run;
#  - prints requests per second, p50/p95/p99 per call and the errors, then
#    checks in the database that every submitted report is there once, with
#    its evidence, and every validation counted once;
#  - budgets: 0 errors, p95 of a board load < 1.5 s and of a follow-up
#    submission < 1 s (exit status 1 when one is missed).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

USERS="${MIPG_LOAD_USERS:-50}"
SPAWN="${MIPG_LOAD_SPAWN_RATE:-10}"
DURATION="${MIPG_LOAD_TIME:-2m}"
WORKERS="${MIPG_LOAD_WORKERS:-4}"
THINK="${MIPG_LOAD_THINK:-5-15}"
for value in "$USERS" "$SPAWN" "$WORKERS"; do
    [[ "$value" =~ ^[1-9][0-9]*$ ]] \
        || die "MIPG_LOAD_USERS, MIPG_LOAD_SPAWN_RATE and MIPG_LOAD_WORKERS are whole numbers (1 or more), e.g. MIPG_LOAD_USERS=10 make load."
done
[[ "$THINK" =~ ^[0-9]+(\.[0-9]+)?-[0-9]+(\.[0-9]+)?$ ]] \
    || die "MIPG_LOAD_THINK is the seconds a user waits between two steps, as min-max, e.g. MIPG_LOAD_THINK=5-15 make load."
[[ "$DURATION" =~ ^[1-9][0-9]*[smh]?$ ]] \
    || die "MIPG_LOAD_TIME is a duration such as 30s, 2m or 120, e.g. MIPG_LOAD_TIME=30s make load."

find_odoo
ensure_postgres
make_addons_path

VENV="$MIPG_HOME/load-venv"
if ! [ -x "$VENV/bin/locust" ]; then
    say "installing locust into $VENV (its own virtualenv: it needs a newer gevent than Odoo's)"
    python3 -m venv "$VENV" || die "could not create the virtualenv $VENV (Debian: apt-get install python3-venv)."
    "$VENV/bin/pip" install --quiet "locust>=2.20,<3" \
        || die "locust could not be installed from the Python package index (no network?); run this command again once it is reachable."
fi

DB="mipg_load_$(date +%s)_$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mipg-load.XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    dropdb --if-exists "$DB" >/dev/null 2>&1
    rm -rf "$ADDONS_DIR"
    if [ "${STATUS:-1}" = 0 ]; then rm -rf "$WORK"; else echo "mipg: logs kept in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "creating the throwaway database $DB with the demo data (log: $WORK/odoo.log)"
(cd / && "$PY" -m odoo --database "$DB" --addons-path "$ADDONS_PATH" --init mipg \
    --load-language es_CO --stop-after-init --log-level warn --max-cron-threads 0 \
    --http-port "$(free_port)") >"$WORK/odoo.log" 2>&1 \
    || { tail -n 20 "$WORK/odoo.log"; die "installing mipg on $DB failed; see the messages above."; }

# Odoo's multi-process server, started as its own launcher does (its gevent
# process is started as "python <this script> gevent").
cat >"$WORK/odoo-server" <<'LAUNCHER'
import os
import warnings

os.environ["TZ"] = "UTC"
warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
import odoo  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
LAUNCHER
PORT=$(free_port)
say "serving $DB with $WORKERS workers on http://127.0.0.1:$PORT"
(cd / && exec "$PY" "$WORK/odoo-server" --database "$DB" --addons-path "$ADDONS_PATH" \
    --http-interface 127.0.0.1 --http-port "$PORT" --gevent-port "$(free_port)" \
    --db-filter "^$DB\$" --workers "$WORKERS" --max-cron-threads 0 \
    --limit-time-real 600 --limit-time-cpu 300 --db_maxconn 64 \
    --log-level warn --log-handler odoo.modules.registry:INFO \
    --log-handler odoo.service.model:INFO) >>"$WORK/odoo.log" 2>&1 &
SERVER_PID=$!
for _i in $(seq 1 90); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/web/login" 2>/dev/null | grep -q 200 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$WORK/odoo.log"; die "the server stopped while starting; see the messages above."; }
    sleep 1
done

# Warm-up before measuring: each demo login once, one after the other (the
# first login of a demo user stores its password hashed, a write that many
# simultaneous logins of the same user would fight over and retry), then a
# first page in each worker.
say "warming up: one login per demo user, then a page per worker"
for login in hacienda talento.humano planeacion control.interno; do
    curl -s -o /dev/null -m 300 -H 'Content-Type: application/json' \
        -d "{\"jsonrpc\": \"2.0\", \"params\": {\"db\": \"$DB\", \"login\": \"$login\", \"password\": \"$login\"}}" \
        "http://127.0.0.1:$PORT/web/session/authenticate"
done
# The server loads the registry once before forking its workers (they share
# it); a first round of pages warms each worker's own caches.
WARM=()
for _i in $(seq 1 $((WORKERS * 2))); do
    curl -s -o /dev/null -m 300 "http://127.0.0.1:$PORT/web/login?db=$DB" &
    WARM+=($!)
done
wait "${WARM[@]}"
grep -q 'Registry loaded in' "$WORK/odoo.log" \
    || die "the server did not load the database $DB; see $WORK/odoo.log."

JOURNAL="$WORK/journal.jsonl"
: >"$JOURNAL"
say "locust: $USERS users (started $SPAWN a second, $THINK s between steps) for $DURATION"
(cd "$WORK" && MIPG_LOAD_DB="$DB" MIPG_LOAD_JOURNAL="$JOURNAL" MIPG_LOAD_THINK="$THINK" "$VENV/bin/locust" \
    -f "$ROOT/tools/load_locustfile.py" --headless --host "http://127.0.0.1:$PORT" \
    --users "$USERS" --spawn-rate "$SPAWN" --run-time "$DURATION" --stop-timeout 30 \
    --csv "$WORK/stats" --only-summary --loglevel WARNING) >"$WORK/locust.log" 2>&1
LOCUST_RC=$?
[ -f "$WORK/stats_stats.csv" ] || { tail -n 30 "$WORK/locust.log"; die "locust did not run (exit $LOCUST_RC); see its messages above."; }
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""

# The figures and the budgets.
"$VENV/bin/python" - "$WORK/stats_stats.csv" "$WORK/stats_failures.csv" \
    "$WORK/stats_exceptions.csv" "$JOURNAL" >"$WORK/figures.txt" <<'PYCODE'
import collections, csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'call':48} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
for row in rows:
    name = row["Name"] if row["Type"] != "" else "?"
    if row["Name"] == "Aggregated":
        name = "all calls (steps excluded: see below)"
    print(f"{name[:48]:48} {row['Request Count']:>8} {row['Failure Count']:>6} "
          f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
failures = list(csv.DictReader(open(sys.argv[2])))
for failure in failures:
    print(f"error x{failure['Occurrences']}: {failure['Name']}: {failure['Error'][:300]}")
# Exceptions raised in the locustfile itself are errors too.
crashes = list(csv.DictReader(open(sys.argv[3])))
for crash in crashes:
    print(f"error x{crash['Count']} in the load script: {crash['Message'][:300]}")
budgets = {"STEP Hacer board load": 1500, "STEP follow-up submission": 1000}
status = []
errors = sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
errors += sum(int(c["Count"]) for c in crashes)
# the failed calls of the whole run, the start before the reset included
run_errors = collections.Counter()
for line in open(sys.argv[4]):
    entry = json.loads(line)
    if entry["kind"] == "error":
        run_errors[(entry["value"]["name"], entry["value"]["error"])] += 1
for (name, error), count in run_errors.items():
    print(f"error x{count} (whole run): {name}: {error}")
errors = max(errors, sum(run_errors.values()))
status.append(("errors", f"{errors}", "0", errors == 0))
for name, limit in budgets.items():
    row = next((r for r in rows if r["Name"] == name), None)
    value = int(float(row["95%"])) if row and row["95%"] not in ("N/A", "") else None
    status.append((f"p95 of {name[5:]}", f"{value} ms" if value is not None else "not measured",
                   f"< {limit} ms", value is not None and value < limit))
for label, value, budget, ok in status:
    print(f"budget|{label}|{value}|{budget}|{'OK' if ok else 'MISS'}")
PYCODE
grep -v '^budget|' "$WORK/figures.txt"
echo
printf '%-40s %-16s %-10s %s\n' "BUDGET" "MEASURED" "LIMIT" ""
grep '^budget|' "$WORK/figures.txt" | while IFS='|' read -r _tag label value budget ok; do
    printf '%-40s %-16s %-10s %s\n' "$label" "$value" "$budget" "$ok"
done

# Nothing lost, nothing duplicated.
"$VENV/bin/python" - "$JOURNAL" >"$WORK/expected.sql" <<'PYCODE'
import json, sys
saved, submitted, validated, refused = [], [], [], []
for line in open(sys.argv[1]):
    entry = json.loads(line)
    {"saved": saved, "submitted": submitted, "validated": validated,
     "refused": refused, "error": []}[entry["kind"]].append(entry["value"])
print("CREATE TEMP TABLE load_saved (id int, token text);")
for s in saved:
    print("INSERT INTO load_saved VALUES (%d, '%s');" % (s["id"], s["token"].replace("'", "''")))
print("CREATE TEMP TABLE load_submitted (id int, token text);")
for s in submitted:
    print("INSERT INTO load_submitted VALUES (%d, '%s');" % (s["id"], s["token"].replace("'", "''")))
print("CREATE TEMP TABLE load_validated (id int);")
for v in validated:
    print("INSERT INTO load_validated VALUES (%d);" % v)
PYCODE
CHECK=$(psql -q -d "$DB" -At -F '|' -v ON_ERROR_STOP=1 <<SQL 2>&1
$(cat "$WORK/expected.sql")
SELECT
  (SELECT count(*) FROM load_submitted),
  (SELECT count(*) FROM load_submitted s WHERE NOT EXISTS (
      SELECT 1 FROM mipg_followup f WHERE f.id = s.id AND f.description = s.token
      AND f.state IN ('submitted', 'validated'))),
  (SELECT count(*) FROM (SELECT description FROM mipg_followup
      WHERE description LIKE 'carga %' GROUP BY description HAVING count(*) > 1) d),
  (SELECT count(*) FROM mipg_followup WHERE description LIKE 'carga %'
      AND description NOT IN (SELECT token FROM load_saved)),
  (SELECT count(*) FROM load_submitted s WHERE (SELECT count(*)
      FROM mipg_followup_evidence_rel r WHERE r.followup_id = s.id) <> 1),
  (SELECT count(*) FROM load_validated),
  (SELECT count(*) - count(DISTINCT id) FROM load_validated),
  (SELECT count(*) FROM load_validated v JOIN mipg_followup f ON f.id = v.id
      WHERE f.state <> 'validated' OR f.validated_by_id IS NULL),
  (SELECT count(*) FROM mipg_followup f JOIN load_submitted s ON s.id = f.id
      WHERE f.state = 'validated' AND f.id NOT IN (SELECT id FROM load_validated)),
  (SELECT count(*) FROM load_saved s WHERE NOT EXISTS (
      SELECT 1 FROM mipg_followup f WHERE f.id = s.id AND f.description = s.token)),
  (SELECT count(*) FROM mipg_audit_log WHERE sequence IS NULL);
SQL
)
IFS='|' read -r N_SUB LOST DUP EXTRA NO_EVIDENCE N_VAL VAL_TWICE VAL_WRONG VAL_COUNT SAVED_LOST UNCHAINED <<<"$(tail -n 1 <<<"$CHECK")"
[[ "${N_SUB:-}" =~ ^[0-9]+$ ]] || { echo "$CHECK"; die "the database check failed; see the messages above."; }
echo
say "database check: $N_SUB follow-ups submitted with evidence, $N_VAL validated"
STATUS=0
check() {
    local label="$1" value="$2"
    printf '  %-62s %s\n' "$label" "$([ "$value" = 0 ] && echo OK || { echo "MISS ($value)"; })"
    [ "$value" = 0 ] || STATUS=1
}
check "submitted reports missing or altered in the database" "$LOST"
check "reports saved twice" "$DUP"
check "saved reports missing from the database" "$SAVED_LOST"
check "reports in the database that no user saved" "$EXTRA"
check "submitted reports without exactly one evidence file" "$NO_EVIDENCE"
check "validations counted twice" "$VAL_TWICE"
check "validations answered OK but not recorded" "$VAL_WRONG"
check "validated reports that no validation answered" "$VAL_COUNT"
check "audit log rows left unchained after the load" "$UNCHAINED"
grep -q '|MISS$' "$WORK/figures.txt" && STATUS=1
[ "$N_SUB" -gt 0 ] || { echo "mipg: no follow-up was submitted: the load did not reach the server"; STATUS=1; }
# The server's own log. A transaction that a concurrent update made fail
# (PostgreSQL: "could not serialize access") is logged as a bad query, then
# Odoo rolls it back and runs the request again: the user sees no error.
# Those are counted; any other error is shown and fails the check.
IFS='|' read -r N_RETRIED N_GAVE_UP N_OTHER <<<"$(awk '
    /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
        if (bad) other++
        bad = ($0 ~ / ERROR .*bad query:/)
        if (!bad && $0 ~ / (ERROR|CRITICAL) /) other++
    }
    bad && /^ERROR: / {
        if ($0 !~ /could not serialize access|deadlock detected|could not obtain lock/) other++
        bad = 0
    }
    / tries left, try again in / { retried++ }
    /maximum number of tries reached/ { gave_up++ }
    END { if (bad) other++; printf "%d|%d|%d\n", retried, gave_up, other }
' "$WORK/odoo.log")"
say "server log: $N_RETRIED transaction(s) run again after a concurrent update, $N_GAVE_UP given up after Odoo's 5 tries, $N_OTHER other error(s)"
if [ "$N_GAVE_UP" != 0 ] || [ "$N_OTHER" != 0 ]; then
    grep -E -A1 ' (ERROR|CRITICAL) |^ERROR: |maximum number of tries reached' "$WORK/odoo.log" | tail -n 20
    STATUS=1
fi
exit $STATUS
