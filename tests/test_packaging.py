"""What pip installs: every library the code imports is declared, and the wheel holds the
ontology as files, under an SPDX licence, built without warnings."""
import ast
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def declared() -> set[str]:
    """What pyproject.toml declares: the dependencies and the optional extras a user installs (not the tests')."""
    extras = [r for name, rs in PROJECT["optional-dependencies"].items() if name != "test" for r in rs]
    return {re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower() for requirement in PROJECT["dependencies"] + extras}


def test_every_library_the_code_imports_is_declared():
    imported = set()
    for path in (ROOT / "src" / "skillgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    libraries = imported - set(sys.stdlib_module_names) - {"skillgraph"}
    distributions = packages_distributions()
    undeclared = {name for name in libraries if not {d.lower() for d in distributions[name]} & declared()}
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {sorted(undeclared)}"


def test_the_wheel_holds_the_ontology_as_files_under_an_spdx_licence(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--verbose", "-w", str(tmp_path), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "DeprecationWarning" not in result.stdout + result.stderr  # setuptools' warning about a licence table
    assert not (ROOT / "ontology").is_symlink() and not (ROOT / "src" / "skillgraph" / "ontology").exists()
    (wheel,) = tmp_path.glob("skillgraph-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert {"skillgraph/ontology/skillgraph.ttl", "skillgraph/ontology/shapes.ttl"} <= names
    assert "License-Expression: Apache-2.0" in metadata and "Requires-Dist: jinja2" in metadata
