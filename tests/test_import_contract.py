"""The import contract (.importlinter) holds, and it is a check that can
fail: an arrow added the wrong way breaks it."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(tree):
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tree, capture_output=True, text=True, env={"PYTHONPATH": str(tree)})


def _copy(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "media", "staticfiles", "tests"))
    return tree


def test_the_apps_import_only_downwards(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _lint_with_import(tmp_path, module, line):
    """lint-imports over a copy of the tree in which `module` gained `line`."""
    tree = _copy(tmp_path)
    path = tree.joinpath(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    return _lint(tree)


def test_tenancy_importing_the_desk_breaks_the_contract(tmp_path):
    result = _lint_with_import(tmp_path, "villages.models", "from desk import activity")
    assert result.returncode != 0
    assert "Apps import only downwards BROKEN" in result.stdout
    assert "villages.models -> desk.activity" in result.stdout


def test_an_import_cycle_inside_an_app_breaks_the_contract(tmp_path):
    result = _lint_with_import(tmp_path, "articles.html", "from articles import models")
    assert result.returncode != 0
    assert "No import cycles between the modules of an app BROKEN" in result.stdout
