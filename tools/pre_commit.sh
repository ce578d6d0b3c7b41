#!/usr/bin/env bash
# make lint: the checks of the OCA template (.pre-commit-config.yaml) on
# every file of the repository, with pre-commit installed from PyPI into
# ${MIPG_HOME:-~/.cache/mipg}/lint-venv; the hooks' own environments live in
# ${MIPG_HOME}/pre-commit. Hooks that fix files (ruff, prettier, whitespace)
# leave their fixes in the work tree for you to review. Arguments go to
# 'pre-commit run', e.g. 'bash tools/pre_commit.sh ruff'.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIPG_HOME="${MIPG_HOME:-$HOME/.cache/mipg}"
VENV="$MIPG_HOME/lint-venv"
die() { echo "mipg: $*" >&2; exit 2; }

command -v git >/dev/null 2>&1 || die "git was not found; install it (Debian: 'apt-get install git')."
command -v node >/dev/null 2>&1 \
    || die "prettier needs Node.js; install it (Debian: 'apt-get install nodejs npm') and run this command again."
if ! [ -x "$VENV/bin/pre-commit" ]; then
    echo "mipg: installing pre-commit into $VENV"
    python3 -m venv "$VENV" || die "could not create the virtualenv $VENV (Debian: apt-get install python3-venv)."
    "$VENV/bin/pip" install --quiet "pre-commit>=4,<5" \
        || die "pre-commit could not be installed from the Python package index (no network?); run this command again once it is reachable."
fi
export PRE_COMMIT_HOME="$MIPG_HOME/pre-commit"
cd "$ROOT" && "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure "$@"
