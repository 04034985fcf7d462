"""The house rules of the tree, checked: import contracts, no cycles, nothing climbing back up.

The layers and forbidden imports live in pyproject.toml ([tool.importlinter]); this file runs
them inside the suite, so a break fails CI, and adds what import-linter does not check.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "kiosk"
# The factory and plumbing (workers: the processes serving one port, before Flask is imported).
SHARED = {
    "__init__",
    "extensions",
    "db",
    "errors",
    "cli",
    "dates",
    "words",
    "translating",
    "workers",
}


def contracts() -> list[dict]:
    """Return the import contracts written in pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_hold():
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True, no_logo=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_every_package_sits_on_a_floor_and_is_kept_from_flask():
    packages = {f"kiosk.{p.name}" for p in KIOSK.iterdir() if (p / "__init__.py").exists()}
    packages.discard("kiosk.migrations")  # SQL files, not code
    layers = next(c for c in contracts() if c["type"] == "layers")["layers"]
    on_a_floor = {name.strip() for layer in layers for name in layer.split("|")}
    assert packages == on_a_floor
    kept = next(c for c in contracts() if "Flask" in c["name"])["source_modules"]
    assert packages - {"kiosk.web"} <= set(kept)


def test_no_module_imports_another_that_imports_it_back():
    graph = grimp.build_graph("kiosk")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(imported, module):
                cycles.append((module, imported))
    assert cycles == []


def test_nothing_climbs_back_to_the_factory():
    graph = grimp.build_graph("kiosk")
    importers = graph.find_modules_that_directly_import("kiosk")
    assert importers <= {"kiosk.cli"}


def test_the_root_holds_only_the_factory_and_shared_plumbing():
    assert {p.stem for p in KIOSK.glob("*.py")} <= SHARED


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in KIOSK.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
