"""The structure README's "Architecture" section describes, checked: the core never
imports MkDocs, the plugin is registered once by its entry point, nothing edits Python's
import path, and no module of the package keeps mutable state at module level."""

from __future__ import annotations

import ast
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "kf"


def modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_core_imports_neither_mkdocs_nor_the_other_layers():
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(name for name in imported(path)
                                                  if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")
                                                  or name.startswith(("kf.mkdocs_adapter", "kf.cli", "kf.devtools")))
        for path in modules(PACKAGE / "core")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 20  # the core is really there


def test_the_cli_does_not_go_through_mkdocs():
    offenders = {path.name: sorted(n for n in imported(path) if n.startswith(("mkdocs", "kf.mkdocs_adapter")))
                 for path in modules(PACKAGE / "cli")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_plugin_is_registered_once_by_its_entry_point_and_no_hooks_remain():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" not in config
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names.count("kf-site") == 1 and names.index("i18n") < names.index("kf-site")
    [plugin] = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "kf-site"]
    assert plugin.value == "kf.mkdocs_adapter.plugin:SitePlugin"
    [command] = [ep for ep in entry_points(group="console_scripts") if ep.name == "kf"]
    assert command.value == "kf.cli.main:main"


def test_nothing_edits_the_import_path():
    needle = "sys." + "path"  # written so, or this file would match itself
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    hits = [name for name in tracked if name.endswith((".py", ".cfg", ".toml", ".ini", "Makefile"))
            and needle in (ROOT / name).read_text(encoding="utf-8", errors="replace")]
    assert hits == []


def _mutable(value: ast.expr) -> bool:
    """An empty list, dict or set (literal or call) at module level: a container made to
    be filled later, i.e. state. Non-empty tables (labels, allow-lists) are constants."""
    if isinstance(value, (ast.List, ast.Set)):
        return not value.elts
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in ("list", "dict", "set", "defaultdict", "OrderedDict", "Counter", "deque") and not value.args
    return False


def test_no_module_level_mutable_state():
    """State lives on the plugin instance (state.BuildRun). A module-level empty list,
    dict or set (the old caches, build counters and "links of the page being converted")
    is state kept across builds and language builds."""
    offenders = []
    for path in modules(PACKAGE):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            value = getattr(node, "value", None)
            if targets and value is not None and _mutable(value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} (global)")
    assert offenders == []
