# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build backend of ``pip install .``: whool, on the addon's files only.

whool, the OCA's build backend, packages an addon folder as the wheel
``odoo-addon-<folder name>`` with every file under git control. This
repository is the addon itself, so two things differ from an OCA repository,
where each addon is a sub-folder: the clone may be called anything (a
worktree, ``mipg-main``...), and the development files at its root
(``tools/``, ``Makefile``, CI, lint configs, the developer README) are not
part of the addon. This backend gives whool a copy of the addon named
``mipg`` without those files, and the version whool computes from the
manifest and the git history of the real folder.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from manifestoo_core.metadata import metadata_from_addon_dir
from whool import buildapi as whool

ADDON = "mipg"
ROOT = Path(__file__).resolve().parent.parent
# Files and folders of the repository that are not part of the addon.
DEV_ONLY = (
    ".ci/",
    ".github/",
    "tools/",
    ".gitignore",
    ".gitattributes",
    ".editorconfig",
    ".pre-commit-config.yaml",
    ".pylintrc",
    ".pylintrc-mandatory",
    ".prettierrc.yml",
    "prettier.config.cjs",
    ".ruff.toml",
    "Makefile",
    "README.md",
    "docker-compose.yml",
    "test-requirements.txt",
    "pyproject.toml",
)


def _is_dev_only(path):
    return any(
        path.startswith(entry) if entry.endswith("/") else path == entry
        for entry in DEV_ONLY
    )


def _addon_files(root):
    """The files of the addon: those under git control, else all of them."""
    try:
        out = subprocess.check_output(
            ["git", "ls-files", "-z"], cwd=root, stderr=subprocess.DEVNULL
        )
        files = [f for f in out.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    return sorted(f for f in files if not _is_dev_only(f) and (root / f).is_file())


def _stage(root, dest):
    """Copies the addon into dest/mipg, with a PKG-INFO giving whool the
    distribution name and the version of the real folder."""
    addon_dir = dest / ADDON
    for name in _addon_files(root):
        target = addon_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    version = metadata_from_addon_dir(root)["Version"]
    (addon_dir / "PKG-INFO").write_text(
        f"Metadata-Version: 2.1\nName: odoo-addon-{ADDON}\nVersion: {version}\n",
        encoding="utf-8",
    )
    return addon_dir


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with tempfile.TemporaryDirectory() as tmp:
        addon_dir = _stage(ROOT, Path(tmp))
        return whool._build_wheel(addon_dir, Path(wheel_directory), editable=False)


def build_sdist(sdist_directory, config_settings=None):
    with tempfile.TemporaryDirectory() as tmp:
        addon_dir = _stage(ROOT, Path(tmp))
        return whool._build_sdist(addon_dir, Path(sdist_directory))


def _editable_dir():
    """For ``pip install -e .``: the repository seen through a link named
    mipg (build/mipg), which whool links into odoo/addons."""
    if ROOT.name == ADDON:
        return ROOT
    link = ROOT / "build" / ADDON
    link.parent.mkdir(exist_ok=True)
    if not link.is_symlink():
        os.symlink(ROOT, link, target_is_directory=True)
    return link


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return whool._build_wheel(_editable_dir(), Path(wheel_directory), editable=True)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    with tempfile.TemporaryDirectory() as tmp:
        addon_dir = _stage(ROOT, Path(tmp))
        metadata = whool._get_metadata(addon_dir)
    return whool._make_dist_info(metadata, Path(metadata_directory))


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    metadata = whool._get_metadata(_editable_dir())
    return whool._make_dist_info(metadata, Path(metadata_directory))
