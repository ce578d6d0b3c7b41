#!/usr/bin/env bash
# make wheel: builds the wheel odoo-addon-mipg as 'pip wheel .' does (whool,
# see pyproject.toml), into ${MIPG_WHEEL_DIR:-dist/}, and proves it: the wheel
# holds odoo/addons/mipg with the manifest and none of the development files
# (tools/, Makefile, CI, lint configs, the developer README); installed with
# pip into a folder of its own, Odoo finds mipg there with no addons path and
# installs it on a throwaway database (MIPG_WHEEL_INSTALL=0 skips that step).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_odoo
ensure_postgres
OUT="${MIPG_WHEEL_DIR:-$ROOT/dist}"
mkdir -p "$OUT" || die "cannot create $OUT; set MIPG_WHEEL_DIR to a writable folder."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mipg-wheel.XXXXXX")
DB="mipg_wheel_$(date +%s)_$$"
trap 'rm -rf "$WORK"; dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT

say "building the wheel with pip (whool from the Python package index)"
rm -f "$OUT"/odoo_addon_mipg-*.whl
(cd / && "$PY" -m pip wheel --no-deps --wheel-dir "$OUT" "$ROOT") >"$WORK/pip.log" 2>&1 \
    || { tail -n 20 "$WORK/pip.log"; die "the wheel could not be built; see pip's messages above."; }
WHEEL=$(ls "$OUT"/odoo_addon_mipg-*.whl 2>/dev/null | head -n 1)
[ -n "$WHEEL" ] || die "pip built no odoo_addon_mipg wheel; see $WORK/pip.log."
say "built $WHEEL"

"$PY" - "$WHEEL" <<'PYCODE' || exit 1
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
prefix = "odoo/addons/mipg/"
bad = [n for n in names if not (n.startswith(prefix) or ".dist-info/" in n)]
dev = ("tools/", ".ci/", "Makefile", "README.md", "docker-compose.yml",
       "test-requirements.txt", "pyproject.toml", ".pre-commit-config.yaml",
       ".pylintrc", ".gitignore", "prettier.config.cjs", ".editorconfig")
bad += [n for n in names if n.startswith(prefix) and n[len(prefix):].startswith(dev)]
need = [prefix + f for f in ("__manifest__.py", "__init__.py", "README.rst",
        "static/description/index.html", "i18n/es.po")]
missing = [n for n in need if n not in names]
meta = [n for n in names if n.endswith(".dist-info/METADATA")]
print(f"mipg: the wheel holds {len(names)} files")
if bad:
    print("mipg: files that do not belong to the addon:", *bad, sep="\n  ")
if missing:
    print("mipg: files missing from the wheel:", *missing, sep="\n  ")
sys.exit(1 if bad or missing or not meta else 0)
PYCODE

say "installing the wheel with pip into $WORK/site (no addons path)"
(cd / && "$PY" -m pip install --no-deps --target "$WORK/site" "$WHEEL") >>"$WORK/pip.log" 2>&1 \
    || die "pip could not install $WHEEL; see $WORK/pip.log."
FOUND=$(cd / && PYTHONPATH="$WORK/site" "$PY" -c '
import odoo
from odoo.modules.module import get_module_path, initialize_sys_path
odoo.tools.config.parse_config([])
initialize_sys_path()
print(get_module_path("mipg", display_warning=False) or "")' 2>/dev/null)
case "$FOUND" in
    "$WORK/site/odoo/addons/mipg") say "Odoo finds mipg in the installed wheel: $FOUND" ;;
    *) die "Odoo does not find mipg in the installed wheel (found: '${FOUND:-nothing}')." ;;
esac

if [ "${MIPG_WHEEL_INSTALL:-1}" != "0" ]; then
    say "installing mipg from the wheel on the throwaway database $DB (Odoo's own addons path only)"
    (cd / && PYTHONPATH="$WORK/site" "$PY" -m odoo --database "$DB" --init mipg \
        --without-demo all --stop-after-init --log-level warn \
        --http-port "$(free_port)" --max-cron-threads 0) >"$WORK/odoo.log" 2>&1
    STATE=$(psql -d "$DB" -Atc "select state from ir_module_module where name = 'mipg'" 2>/dev/null)
    [ "$STATE" = "installed" ] \
        || { tail -n 20 "$WORK/odoo.log"; die "mipg did not install from the wheel (state: '${STATE:-none}')."; }
    say "mipg installed from the wheel"
fi
say "wheel OK: $WHEEL"
