#!/usr/bin/env bash
# Static checks of the OCA template: ruff and pylint-odoo's Odoo checks.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in ruff pylint_odoo; do
    python3 -c "import $tool" 2>/dev/null || python3 -m pip install --quiet ruff pylint-odoo >/dev/null 2>&1 \
        || { echo "mipg: install ruff and pylint-odoo (pip install ruff pylint-odoo)"; exit 2; }
done
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
ln -s "$ROOT" "$DIR/mipg"
STATUS=0
python3 -m ruff check --config "$ROOT/tools/ruff.toml" --select E,F,W,I,UP,B --line-length 88 "$ROOT" || STATUS=1
(cd "$DIR" && python3 -m pylint --load-plugins=pylint_odoo --disable=all --enable=odoolint \
    --valid-odoo-versions=18.0 --score=n mipg) || STATUS=1
exit $STATUS
