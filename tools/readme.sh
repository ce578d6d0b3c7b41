#!/usr/bin/env bash
# make readme: the OCA's README.rst and static/description/index.html (the
# page Odoo's Apps screen shows) generated from the fragments of readme/ and
# the manifest by oca-gen-addon-readme, of OCA/maintainer-tools. That tool is
# not on PyPI: it is installed once into ${MIPG_HOME:-~/.cache/mipg}/readme-venv
# from MIPG_MAINTAINER_TOOLS (default: its git repository on GitHub; a local
# clone or unpacked copy works too), with pypandoc_binary for the Markdown
# fragments.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIPG_HOME="${MIPG_HOME:-$HOME/.cache/mipg}"
VENV="$MIPG_HOME/readme-venv"
SOURCE="${MIPG_MAINTAINER_TOOLS:-git+https://github.com/OCA/maintainer-tools.git}"
die() { echo "mipg: $*" >&2; exit 2; }

if ! [ -x "$VENV/bin/oca-gen-addon-readme" ]; then
    echo "mipg: installing oca-gen-addon-readme from $SOURCE into $VENV"
    python3 -m venv "$VENV" || die "could not create the virtualenv $VENV (Debian: apt-get install python3-venv)."
    # A copy without git history has no version for hatch-vcs: give it one.
    SETUPTOOLS_SCM_PRETEND_VERSION="${SETUPTOOLS_SCM_PRETEND_VERSION:-0.0.0}" \
        "$VENV/bin/pip" install --quiet "$SOURCE" pypandoc_binary \
        || die "oca-gen-addon-readme could not be installed from $SOURCE; set MIPG_MAINTAINER_TOOLS to a reachable copy of OCA/maintainer-tools and run this command again."
fi
# The generator names the addon after its folder: show it the repository
# through a link called mipg, whatever the clone is called.
LINK=$(mktemp -d "${TMPDIR:-/tmp}/mipg-readme.XXXXXX")
trap 'rm -rf "$LINK"' EXIT
ln -s "$ROOT" "$LINK/mipg"
(cd "$LINK" && "$VENV/bin/oca-gen-addon-readme" --org-name alcaldia-pasto \
    --repo-name mipg --branch 18.0 --addon-dir mipg --gen-html --no-commit) \
    || die "oca-gen-addon-readme failed; see its messages above."
echo "mipg: README.rst and static/description/index.html generated from readme/"
